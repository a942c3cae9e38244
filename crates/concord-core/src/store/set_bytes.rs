//! How a change set's changes are kept in the file (schema v18): deflated. A changeset of
//! SQLite's session extension repeats every column of every row it inserts, and an import's
//! sets were the largest thing in the file (604 MB of 2.1 GB at a million positions);
//! deflated they take a quarter of that (153 MB). The team store carries the same bytes.

use super::StoreError;
use std::io::{Read, Write};

/// The most a kept set may inflate to: far above any set Concord writes.
const MAX_INFLATED: u64 = 512 * 1024 * 1024;

/// The changes as the file keeps them.
pub(crate) fn pack(changes: &[u8]) -> Result<Vec<u8>, StoreError> {
    let mut z = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(changes.len() / 4),
        flate2::Compression::fast(),
    );
    z.write_all(changes)?;
    Ok(z.finish()?)
}

/// The changes of a kept set. Bytes that do not inflate, inflate beyond any set Concord
/// writes, or run on past their end are refused: they did not come from [`pack`].
pub(crate) fn unpack(packed: &[u8]) -> Result<Vec<u8>, String> {
    let mut z = flate2::read::DeflateDecoder::new(packed);
    let mut changes = Vec::with_capacity(packed.len().saturating_mul(4));
    (&mut z)
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut changes)
        .map_err(|_| "its changes do not inflate".to_string())?;
    if changes.len() as u64 > MAX_INFLATED {
        return Err("its changes inflate beyond any change set Concord writes".into());
    }
    if z.total_in() != packed.len() as u64 {
        return Err("its changes run on past their end".into());
    }
    Ok(changes)
}

/// `pack_change_set(changes)` for the v18 migration, which deflates the sets an older
/// Concord kept. Deterministic and innocuous: it reads nothing but its argument.
pub(crate) fn sql_function(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("pack_change_set", 1, flags, |cx| {
        let changes: Vec<u8> = cx.get(0)?;
        pack(&changes).map_err(|e| rusqlite::Error::UserFunctionError(Box::new(e)))
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test
    use super::*;

    #[test]
    fn changes_come_back_as_they_went_in_and_damage_is_refused() {
        let changes: Vec<u8> = (0..100_000u32)
            .flat_map(|i| (i % 251).to_be_bytes())
            .collect();
        let packed = pack(&changes).unwrap();
        assert!(packed.len() < changes.len() / 4, "{}", packed.len());
        assert_eq!(unpack(&packed).unwrap(), changes);
        assert!(unpack(&packed[..packed.len() / 2]).is_err());
        let mut longer = packed.clone();
        longer.extend_from_slice(b"more");
        assert!(unpack(&longer).unwrap_err().contains("past their end"));
        assert!(unpack(b"not deflate at all").is_err());
    }
}
