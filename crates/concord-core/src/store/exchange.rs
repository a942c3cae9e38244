//! Every table's rows, read and loaded as they are, for `concord export all` and `concord
//! import all` (see `export::all` and `import::all`, which hold what the file looks like and
//! what it must satisfy). Lossless: each row's every column with its SQLite type, except
//! that ids (16-byte BLOBs since schema v10) travel as their text, so the file reads the same
//! whatever the schema. Derived tables (the search index, matrix cells) are not exchanged;
//! the importer's triggers rebuild them.

use super::{Store, StoreError};
use rusqlite::types::{Value, ValueRef};

/// A column's value as SQLite holds it.
pub type Cell = Value;

/// One table's rows: the column names, then each row's values in that order.
pub struct TableRows {
    pub table: &'static str,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Rows to load into one table; each row names its own columns (a hand-edited file may leave
/// some out, and they take their defaults).
pub struct TableLoad {
    pub table: &'static str,
    pub rows: Vec<(Vec<String>, Vec<Cell>)>,
}

/// The tables exchanged, parents before children.
pub const EXCHANGED_TABLES: &[&str] = &[
    "meta",
    "actor",
    "group_membership",
    "process",
    "process_status",
    "session",
    "meeting",
    "topic",
    "proposal",
    "proposal_champion",
    "champion_period",
    "document",
    "provision",
    "source",
    "position",
    "position_history",
    "amendment_request",
    "amendment_requester",
    "conflict_resolution",
    "replica_name",
    "reference_removed",
];

/// The columns of `table` that hold ids: those declared BLOB (schema v10).
fn id_columns(
    conn: &rusqlite::Connection,
    table: &str,
) -> Result<std::collections::HashSet<String>, StoreError> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) WHERE type = 'BLOB'")?;
    let names = stmt
        .query_map([table], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(names)
}

impl Store {
    /// Every row of `table` (one of [`EXCHANGED_TABLES`]), in the order they were written.
    pub fn read_table(&self, table: &'static str) -> Result<TableRows, StoreError> {
        if !EXCHANGED_TABLES.contains(&table) {
            return Err(StoreError::invalid(
                "table",
                format!("{table} is not exchanged"),
            ));
        }
        // This copy's own identity and its team settings (key and login) never leave it in
        // an export.
        let own = if table == "meta" {
            " WHERE key NOT IN ('replica_id', 'replica_home') AND substr(key, 1, 5) <> 'team_'"
        } else {
            ""
        };
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT * FROM {table}{own} ORDER BY rowid"))?;
        let columns: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        let ids = id_columns(&self.conn, table)?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let mut row = Vec::with_capacity(columns.len());
            for (i, column) in columns.iter().enumerate() {
                row.push(match r.get_ref(i)? {
                    ValueRef::Blob(b) if ids.contains(column) => match uuid::Uuid::from_slice(b) {
                        Ok(id) => Value::Text(id.to_string()),
                        Err(_) => {
                            return Err(StoreError::invalid(
                                "export",
                                format!("{table}.{column} holds an id that is not 16 bytes"),
                            ))
                        }
                    },
                    ValueRef::Blob(_) => {
                        return Err(StoreError::invalid(
                            "export",
                            format!(
                                "{table}.{column} holds binary data, which Concord never writes"
                            ),
                        ))
                    }
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::Integer(n),
                    ValueRef::Real(x) => Value::Real(x),
                    ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                });
            }
            out.push(row);
        }
        Ok(TableRows {
            table,
            columns,
            rows: out,
        })
    }

    /// Loads checked rows into this database, which must hold no records yet (checked inside
    /// the transaction). One transaction: a row SQLite refuses (a wrong type, a broken
    /// reference) writes nothing. Column names must already be checked as plain identifiers.
    pub(crate) fn load_tables(
        &mut self,
        tables: &[TableLoad],
        progress: &mut dyn FnMut(&str),
    ) -> Result<u64, StoreError> {
        let bad = |m: String| StoreError::invalid("exchange file", m);
        let home = self.home();
        let tx = self.conn.transaction()?;
        let mut capture = super::capture::Capture::new(&tx, home, self.clock.as_ref())?;
        let existing: i64 = tx.query_row(
            "SELECT (SELECT count(*) FROM actor) + (SELECT count(*) FROM position)",
            [],
            |r| r.get(0),
        )?;
        if existing > 0 {
            return Err(StoreError::invalid(
                "database",
                "import all needs a new, empty database; this one already holds records",
            ));
        }
        // Rows reference each other (a topic its parent): check references at commit.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let mut loaded = 0u64;
        for t in tables {
            progress(&format!("Loading {} rows into {}…", t.rows.len(), t.table));
            let ids = id_columns(&tx, t.table)?;
            let verb = if t.table == "meta" {
                "INSERT OR REPLACE"
            } else {
                "INSERT"
            };
            for (n, (columns, values)) in t.rows.iter().enumerate() {
                let sql = format!(
                    "{verb} INTO {} ({}) VALUES ({})",
                    t.table,
                    columns.join(", "),
                    vec!["?"; columns.len()].join(", ")
                );
                let values = columns
                    .iter()
                    .zip(values)
                    .map(|(column, value)| match value {
                        Value::Text(text) if ids.contains(column) => uuid::Uuid::parse_str(text)
                            .map(|id| Value::Blob(id.as_bytes().to_vec()))
                            .map_err(|_| {
                                bad(format!(
                                    "{}, row {}: {column} \"{}\" is not an id; nothing was imported",
                                    t.table,
                                    n + 1,
                                    crate::text::shorten(text, 60)
                                ))
                            }),
                        other => Ok(other.clone()),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                tx.prepare_cached(&sql)?
                    .execute(rusqlite::params_from_iter(values))
                    .map_err(|e| bad(format!("{}, row {}: {e}", t.table, n + 1)))?;
                capture.row_written()?;
                loaded += 1;
            }
        }
        capture.finish()?;
        tx.commit().map_err(|e| {
            bad(format!(
                "a row refers to one that is not in the file ({e}); nothing was imported"
            ))
        })?;
        Ok(loaded)
    }
}
