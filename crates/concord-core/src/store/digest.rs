//! A fingerprint of the shared record: equal on two copies that hold the same content,
//! whatever order their changes arrived in (`concord digest`).

use super::capture::captured;
use super::exchange::EXCHANGED_TABLES;
use super::{Store, StoreError};
use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

impl Store {
    /// SHA-256, in hex, of every shared table (and the conflicts merges set aside) row by row
    /// in id order, less bookkeeping columns.
    pub fn digest(&self) -> Result<String, StoreError> {
        let mut hash = Sha256::new();
        let tables = EXCHANGED_TABLES
            .iter()
            .copied()
            .filter(|t| captured(t))
            .chain(["conflict"]);
        for table in tables {
            let cols: Vec<String> = self
                .conn
                .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
                .query_map([table], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?
                .into_iter()
                .filter(|c| !crate::merge::is_bookkeeping(c))
                .collect();
            let list = cols
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            hash.update(table.as_bytes());
            hash.update([0]);
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT {list} FROM \"{table}\" ORDER BY id"))?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                for i in 0..cols.len() {
                    feed(&mut hash, row.get_ref(i)?);
                }
            }
        }
        Ok(format!("{:x}", hash.finalize()))
    }
}

/// One value, typed and length-prefixed so that no two different rows hash alike.
fn feed(hash: &mut Sha256, value: ValueRef<'_>) {
    let (kind, bytes): (u8, Vec<u8>) = match value {
        ValueRef::Null => (0, Vec::new()),
        ValueRef::Integer(i) => (1, i.to_be_bytes().to_vec()),
        ValueRef::Real(f) => (2, f.to_bits().to_be_bytes().to_vec()),
        ValueRef::Text(t) => (3, t.to_vec()),
        ValueRef::Blob(b) => (4, b.to_vec()),
    };
    hash.update([kind]);
    hash.update((bytes.len() as u64).to_be_bytes());
    hash.update(&bytes);
}
