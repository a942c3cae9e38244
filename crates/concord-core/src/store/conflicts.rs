//! The conflicts merges set aside (`apply.rs`), as the analyst sees and settles them.
//!
//! A conflict stays open until a resolution names it (`conflict_resolution`, a captured
//! table, so settling it on one replica settles it on all). Taking the value set aside is an
//! ordinary edit of the field, so it also settles the conflict wherever it is merged.

use super::capture::captured;
use super::{Store, StoreError, Writer};
use crate::model::{Conflict, Keep};
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

/// A conflict as stored.
struct Stored {
    id: Uuid,
    table: String,
    row_id: Uuid,
    col: Option<String>,
    value: Value,
    replica: Uuid,
    made_ms: i64,
}

const OPEN: &str = "SELECT c.id, c.tbl, c.row_id, c.col, c.value, c.replica_id, c.hlc_ms
  FROM conflict AS c
 WHERE NOT EXISTS (SELECT 1 FROM conflict_resolution AS r WHERE r.id = c.id)";

fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        table: r.get(1)?,
        row_id: r.get(2)?,
        col: r.get(3)?,
        value: r.get(4)?,
        replica: r.get(5)?,
        made_ms: r.get(6)?,
    })
}

/// A value as people read it.
fn shown(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => {
            Uuid::from_slice(b).map_or_else(|_| format!("{} bytes", b.len()), |u| u.to_string())
        }
    }
}

impl Store {
    /// The conflicts no one has settled yet, oldest first.
    pub fn conflicts(&self) -> Result<Vec<Conflict>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("{OPEN} ORDER BY c.hlc_ms, c.hlc_count, c.id"))?;
        let found: Vec<Stored> = stmt.query_map([], stored)?.collect::<Result<_, _>>()?;
        found.into_iter().map(|c| self.describe(c)).collect()
    }

    fn describe(&self, c: Stored) -> Result<Conflict, StoreError> {
        let (about, current) = match (c.table.as_str(), self.position(c.row_id)) {
            ("position", Ok(p)) => (
                format!(
                    "{} — {} ({})",
                    p.actor_name, p.subject_label, p.session_title
                ),
                true,
            ),
            _ => (format!("{} {}", c.table, c.row_id), false),
        };
        let shown_now = match (&c.col, current || c.table != "position") {
            (Some(col), true) => self
                .field(&c.table, c.row_id, col)?
                .map(|v| shown(&v))
                .unwrap_or_default(),
            _ => String::new(),
        };
        Ok(Conflict {
            id: c.id,
            table: c.table,
            row_id: c.row_id,
            about,
            field: c.col,
            shown: shown_now,
            set_aside: shown(&c.value),
            by_replica: c.replica,
            by: self.replica_name(c.replica)?,
            made_at: DateTime::<Utc>::from_timestamp_millis(c.made_ms).unwrap_or_default(),
        })
    }

    /// One field of one row, for a table and column this version has.
    fn field(&self, table: &str, row: Uuid, col: &str) -> Result<Option<Value>, StoreError> {
        checked_field(&self.conn, table, col)?;
        Ok(self
            .conn
            .query_row(
                &format!("SELECT \"{col}\" FROM \"{table}\" WHERE id = ?1"),
                [row],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Settles an open conflict: keep the value shown, take the one set aside (for a deletion:
    /// delete the row after all), or keep both as two positions. One write, captured, so the
    /// team's other copies learn it on their next merge.
    pub fn resolve_conflict(&mut self, id: Uuid, keep: Keep) -> Result<(), StoreError> {
        let c = self
            .conn
            .query_row(&format!("{OPEN} AND c.id = ?1"), [id], stored)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "open conflict",
                id: id.to_string(),
            })?;
        if let Some(col) = &c.col {
            checked_field(&self.conn, &c.table, col)?;
        }
        self.write(|w| {
            match (keep, &c.col) {
                (Keep::Shown, _) => {}
                (Keep::SetAside, Some(col)) => w.set_field(&c.table, c.row_id, col, &c.value)?,
                (Keep::SetAside, None) if c.table == "position" => w.delete_position(c.row_id)?,
                (Keep::SetAside, None) => w.delete_row(&c.table, c.row_id)?,
                (Keep::Both, Some(col)) if c.table == "position" => {
                    w.copy_position_with(c.row_id, col, &c.value)?;
                }
                (Keep::Both, _) => {
                    return Err(StoreError::invalid(
                        "keep",
                        "both can be kept only for a position's field; keep mine or theirs",
                    ))
                }
            }
            let now = w.now();
            w.tx.execute(
                "INSERT INTO conflict_resolution (id, kept, changed_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![c.id, keep.as_str(), w.installation, now],
            )?;
            Ok(())
        })
    }
}

/// Refuses a table or column name this version does not have (a conflict row is read from a
/// file, and names become SQL).
fn checked_field(conn: &rusqlite::Connection, table: &str, col: &str) -> Result<(), StoreError> {
    let known: bool = conn.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2",
        params![table, col],
        |r| r.get(0),
    )?;
    if !captured(table) || !known || col == "id" {
        return Err(StoreError::invalid(
            "conflict",
            format!("names an unknown field {table}.{col}"),
        ));
    }
    Ok(())
}

impl Writer<'_> {
    /// Writes one field of a row, as an edit (for a position, with its history).
    fn set_field(
        &mut self,
        table: &str,
        row: Uuid,
        col: &str,
        value: &Value,
    ) -> Result<(), StoreError> {
        let before = if table == "position" {
            self.snapshot(row)?
        } else {
            None
        };
        let now = self.now();
        let changed = self.tx.execute(
            &format!("UPDATE \"{table}\" SET \"{col}\" = ?2, updated_at = ?3, changed_by = ?4 WHERE id = ?1"),
            params![row, value, now, self.installation],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "row",
                id: row.to_string(),
            });
        }
        if let Some(before) = before {
            self.record_history(row, "update", Some(before), now)?;
        }
        Ok(())
    }

    fn delete_row(&mut self, table: &str, row: Uuid) -> Result<(), StoreError> {
        self.tx
            .execute(&format!("DELETE FROM \"{table}\" WHERE id = ?1"), [row])?;
        Ok(())
    }

    /// A second position like `row` but with `col` set to `value`.
    fn copy_position_with(
        &mut self,
        row: Uuid,
        col: &str,
        value: &Value,
    ) -> Result<Uuid, StoreError> {
        let id = self.new_id();
        let now = self.now();
        let columns: Vec<String> = self
            .tx
            .prepare("SELECT name FROM pragma_table_info('position') ORDER BY cid")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let chosen = columns
            .iter()
            .map(|c| match c.as_str() {
                "id" => "?1".to_string(),
                "created_at" | "updated_at" => "?3".to_string(),
                "changed_by" => "?4".to_string(),
                c if c == col => "?5".to_string(),
                c => format!("\"{c}\""),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let names = columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        self.tx.execute(
            &format!("INSERT INTO position ({names}) SELECT {chosen} FROM position WHERE id = ?2"),
            params![id, row, now, self.installation, value],
        )?;
        self.record_history(id, "insert", None, now)?;
        Ok(id)
    }
}
