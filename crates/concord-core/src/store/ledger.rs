//! The bookkeeping merging keeps beside the record (schema v12): which change sets the file
//! holds and what each had seen, the set that last wrote each edited field, the set that
//! deleted each row, and the conflicts merges set aside. Plain reads and writes; the rules
//! that use them are in `crate::merge` and `apply.rs`.

use super::StoreError;
use crate::merge::{Deps, SetInfo, Stamp};
use crate::replica::Hlc;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;
use uuid::Uuid;

/// A change set's stamp from four columns: hlc_ms, hlc_count, replica_id, seq.
pub(crate) fn stamp(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Stamp> {
    Ok(Stamp {
        hlc: Hlc {
            wall_ms: r.get(at)?,
            counter: r.get(at + 1)?,
        },
        replica: r.get(at + 2)?,
        seq: r.get(at + 3)?,
    })
}

/// For each replica, the highest change set number this file holds.
pub(crate) fn known(conn: &Connection) -> Result<Deps, StoreError> {
    // One index probe per replica rather than a scan of every set.
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE r(id) AS (
           SELECT min(replica_id) FROM change_set
           UNION ALL
           SELECT (SELECT min(replica_id) FROM change_set WHERE replica_id > r.id)
             FROM r WHERE r.id IS NOT NULL)
         SELECT id, (SELECT max(seq) FROM change_set WHERE replica_id = r.id)
           FROM r WHERE id IS NOT NULL",
    )?;
    let deps: BTreeMap<Uuid, i64> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(Deps(deps))
}

/// A change set this file holds, as the merge rules see it.
pub(crate) fn set_info(conn: &Connection, set: &Stamp) -> Result<SetInfo, StoreError> {
    let deps: Vec<u8> = conn
        .prepare_cached("SELECT deps FROM change_set WHERE replica_id = ?1 AND seq = ?2")?
        .query_row(params![set.replica, set.seq], |r| r.get(0))
        .optional()?
        .ok_or_else(|| missing_set(set))?;
    let deps = Deps::from_bytes(&deps).ok_or_else(|| missing_set(set))?;
    Ok(SetInfo { stamp: *set, deps })
}

/// A kept set whose changes do not read back (`set_bytes::unpack` says `why`).
pub(crate) fn damaged_set(replica: Uuid, seq: i64, why: &str) -> StoreError {
    StoreError::invalid(
        "change set",
        format!("change {seq} of replica {replica} is damaged: {why}; nothing was changed"),
    )
}

fn missing_set(set: &Stamp) -> StoreError {
    StoreError::invalid(
        "merge",
        format!(
            "change {} of replica {} is named in this file's bookkeeping but not held; \
             restore the file from a backup",
            set.seq, set.replica
        ),
    )
}

/// The changes of the set `replica`/`seq` if this file holds it.
pub(crate) fn held(
    conn: &Connection,
    replica: Uuid,
    seq: i64,
) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT changes FROM change_set WHERE replica_id = ?1 AND seq = ?2")?
        .query_row(params![replica, seq], |r| r.get(0))
        .optional()?)
}

/// Keeps another replica's change set as it came.
pub(crate) fn keep_set(
    conn: &Connection,
    info: &SetInfo,
    changes: &[u8],
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO change_set (replica_id, seq, hlc_ms, hlc_count, changes, deps)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        info.stamp.replica,
        info.stamp.seq,
        info.stamp.hlc.wall_ms,
        info.stamp.hlc.counter,
        changes,
        info.deps.to_bytes()
    ])?;
    Ok(())
}

/// The set that last wrote `col` of the row, if it was edited after its insert.
pub(crate) fn field_writer(
    conn: &Connection,
    table: &str,
    row: Uuid,
    col: &str,
) -> Result<Option<Stamp>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT hlc_ms, hlc_count, replica_id, seq FROM field_clock
              WHERE tbl = ?1 AND row_id = ?2 AND col = ?3",
        )?
        .query_row(params![table, row, col], |r| stamp(r, 0))
        .optional()?)
}

/// Every set that last wrote some field of the row.
pub(crate) fn row_writers(
    conn: &Connection,
    table: &str,
    row: Uuid,
) -> Result<Vec<Stamp>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT hlc_ms, hlc_count, replica_id, seq FROM field_clock
          WHERE tbl = ?1 AND row_id = ?2",
    )?;
    let writers = stmt
        .query_map(params![table, row], |r| stamp(r, 0))?
        .collect::<Result<_, _>>()?;
    Ok(writers)
}

pub(crate) fn set_field_writer(
    conn: &Connection,
    table: &str,
    row: Uuid,
    col: &str,
    set: &Stamp,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO field_clock (tbl, row_id, col, hlc_ms, hlc_count, replica_id, seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc_ms = excluded.hlc_ms,
           hlc_count = excluded.hlc_count, replica_id = excluded.replica_id, seq = excluded.seq",
    )?
    .execute(params![
        table,
        row,
        col,
        set.hlc.wall_ms,
        set.hlc.counter,
        set.replica,
        set.seq
    ])?;
    Ok(())
}

/// The sets that deleted the row here, and the row as it was when it first went.
pub(crate) fn tombstones(
    conn: &Connection,
    table: &str,
    row: Uuid,
) -> Result<(Vec<Stamp>, Option<Vec<Value>>), StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT hlc_ms, hlc_count, replica_id, seq, image FROM tombstone
          WHERE tbl = ?1 AND row_id = ?2",
    )?;
    let mut sets = Vec::new();
    let mut image = None;
    let mut rows = stmt.query(params![table, row])?;
    while let Some(r) = rows.next()? {
        sets.push(stamp(r, 0)?);
        if let Some(text) = r.get::<_, Option<String>>(4)? {
            image = Some(from_image(&text)?);
        }
    }
    Ok((sets, image))
}

/// Records that `set` deleted the row, with the row as it was (`None` when it was gone).
pub(crate) fn add_tombstone(
    conn: &Connection,
    table: &str,
    row: Uuid,
    set: &Stamp,
    image: Option<&[Value]>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO tombstone (tbl, row_id, hlc_ms, hlc_count, replica_id, seq, image)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
    )?
    .execute(params![
        table,
        row,
        set.hlc.wall_ms,
        set.hlc.counter,
        set.replica,
        set.seq,
        image.map(to_image)
    ])?;
    Ok(())
}

pub(crate) fn drop_tombstones(conn: &Connection, table: &str, row: Uuid) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM tombstone WHERE tbl = ?1 AND row_id = ?2")?
        .execute(params![table, row])?;
    Ok(())
}

/// A row's values as JSON: each a one-key object naming its SQLite type.
fn to_image(values: &[Value]) -> String {
    let cells: Vec<serde_json::Value> = values
        .iter()
        .map(|v| match v {
            Value::Null => serde_json::json!({ "null": null }),
            Value::Integer(i) => serde_json::json!({ "int": i }),
            Value::Real(f) => serde_json::json!({ "real": f.to_bits() }),
            Value::Text(t) => serde_json::json!({ "text": t }),
            Value::Blob(b) => serde_json::json!({ "blob": b }),
        })
        .collect();
    serde_json::Value::Array(cells).to_string()
}

fn from_image(text: &str) -> Result<Vec<Value>, StoreError> {
    let bad = || StoreError::invalid("merge", "a deleted row's kept values are damaged");
    let cells: Vec<BTreeMap<String, serde_json::Value>> =
        serde_json::from_str(text).map_err(|_| bad())?;
    cells
        .into_iter()
        .map(|cell| {
            let (kind, v) = cell.into_iter().next().ok_or_else(bad)?;
            Ok(match kind.as_str() {
                "null" => Value::Null,
                "int" => Value::Integer(v.as_i64().ok_or_else(bad)?),
                "real" => Value::Real(f64::from_bits(v.as_u64().ok_or_else(bad)?)),
                "text" => Value::Text(v.as_str().ok_or_else(bad)?.to_string()),
                "blob" => Value::Blob(serde_json::from_value(v).map_err(|_| bad())?),
                _ => return Err(bad()),
            })
        })
        .collect()
}

/// Drops the deletions set aside on a row: it has now been deleted after all.
pub(crate) fn drop_deletion_conflicts(
    conn: &Connection,
    table: &str,
    row: Uuid,
) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM conflict WHERE tbl = ?1 AND row_id = ?2 AND col IS NULL")?
        .execute(params![table, row])?;
    Ok(())
}

/// Sets aside `set`'s write of `col` (a deletion: `None`) with the value it wrote.
pub(crate) fn add_conflict(
    conn: &Connection,
    table: &str,
    row: Uuid,
    col: Option<&str>,
    value: &Value,
    set: &Stamp,
) -> Result<(), StoreError> {
    let id = crate::merge::conflict_id(table, row, col, set);
    conn.prepare_cached(
        "INSERT INTO conflict (id, tbl, row_id, col, value, hlc_ms, hlc_count, replica_id, seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO NOTHING",
    )?
    .execute(params![
        id,
        table,
        row,
        col,
        value,
        set.hlc.wall_ms,
        set.hlc.counter,
        set.replica,
        set.seq
    ])?;
    Ok(())
}

/// The conflicts set aside on one field of a row (`None`: its deletions), with the sets they
/// came from.
pub(crate) fn conflicts_on(
    conn: &Connection,
    table: &str,
    row: Uuid,
    col: Option<&str>,
) -> Result<Vec<(Uuid, Stamp)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, hlc_ms, hlc_count, replica_id, seq FROM conflict
          WHERE tbl = ?1 AND row_id = ?2 AND col IS ?3",
    )?;
    let found = stmt
        .query_map(params![table, row, col], |r| Ok((r.get(0)?, stamp(r, 1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(found)
}

pub(crate) fn drop_conflict(conn: &Connection, id: Uuid) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM conflict WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}
