//! Every table as JSON and back: `concord export all` and `concord import all`. Lossless: each
//! row's every column with its SQLite type (text, integer, real, null). Derived tables (the
//! search index) are not written; the importer's triggers rebuild them.

use super::{Store, StoreError};
use rusqlite::types::{Value, ValueRef};
use serde_json::{json, Map, Value as Json};

/// The tables written, parents before children.
pub const EXCHANGED_TABLES: &[&str] = &[
    "meta",
    "actor",
    "group_membership",
    "process",
    "session",
    "meeting",
    "topic",
    "proposal",
    "proposal_champion",
    "document",
    "provision",
    "source",
    "position",
    "position_history",
    "amendment_request",
    "amendment_requester",
];

/// Marks the file as a Concord exchange file; raised if the layout ever changes.
pub const EXCHANGE_FORMAT: i64 = 1;

impl Store {
    /// Every row of every table, for `import all` into a new database.
    pub fn export_all(&self, progress: &mut dyn FnMut(&str)) -> Result<Json, StoreError> {
        let mut tables = Map::new();
        for table in EXCHANGED_TABLES {
            progress(&format!("Reading {table}…"));
            // `table` comes from the fixed list above, never from user input.
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
            let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
            let mut rows = stmt.query([])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                let mut row = Map::new();
                for (i, name) in names.iter().enumerate() {
                    let v = match r.get_ref(i)? {
                        ValueRef::Null => Json::Null,
                        ValueRef::Integer(n) => json!(n),
                        ValueRef::Real(x) => json!(x),
                        ValueRef::Text(t) => Json::String(String::from_utf8_lossy(t).into_owned()),
                        ValueRef::Blob(_) => {
                            return Err(StoreError::invalid(
                                "export",
                                format!(
                                    "{table}.{name} holds binary data, which Concord never writes"
                                ),
                            ))
                        }
                    };
                    row.insert(name.clone(), v);
                }
                out.push(Json::Object(row));
            }
            tables.insert(table.to_string(), Json::Array(out));
        }
        Ok(json!({
            "concord_exchange": EXCHANGE_FORMAT,
            "schema_version": super::LATEST_VERSION,
            "tables": tables,
        }))
    }

    /// Loads an `export_all` file into this database, which must hold no records yet. One
    /// transaction: any bad row (wrong type, broken reference) writes nothing. Returns the
    /// number of rows loaded.
    pub fn import_all(
        &mut self,
        data: &Json,
        progress: &mut dyn FnMut(&str),
    ) -> Result<u64, StoreError> {
        let bad = |m: String| StoreError::invalid("exchange file", m);
        if data.get("concord_exchange").and_then(Json::as_i64) != Some(EXCHANGE_FORMAT) {
            return Err(bad(
                "this is not a Concord exchange file (made by `concord export all`)".into(),
            ));
        }
        let version = data
            .get("schema_version")
            .and_then(Json::as_i64)
            .unwrap_or(0);
        if version != super::LATEST_VERSION {
            return Err(bad(format!(
                "it was written at schema version {version}; this Concord reads version {}",
                super::LATEST_VERSION
            )));
        }
        let tables = data
            .get("tables")
            .and_then(Json::as_object)
            .ok_or_else(|| bad("it has no \"tables\"".into()))?;
        if let Some(unknown) = tables
            .keys()
            .find(|t| !EXCHANGED_TABLES.contains(&t.as_str()))
        {
            return Err(bad(format!("unknown table \"{unknown}\"")));
        }
        let existing: i64 = self.conn.query_row(
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
        let tx = self.conn.transaction()?;
        // Rows reference each other (a topic its parent): check references at commit.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let mut loaded = 0u64;
        for table in EXCHANGED_TABLES {
            let Some(rows) = tables.get(*table) else {
                continue;
            };
            let rows = rows
                .as_array()
                .ok_or_else(|| bad(format!("table {table} is not a list of rows")))?;
            progress(&format!("Loading {} rows into {table}…", rows.len()));
            for (n, row) in rows.iter().enumerate() {
                let row = row
                    .as_object()
                    .ok_or_else(|| bad(format!("{table}, row {}: not an object", n + 1)))?;
                let columns: Vec<&String> = row.keys().collect();
                if columns.iter().any(|c| {
                    !c.chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
                }) {
                    return Err(bad(format!(
                        "{table}, row {}: a column name is not valid",
                        n + 1
                    )));
                }
                let values: Vec<Value> = row
                    .values()
                    .map(|v| match v {
                        Json::Null => Ok(Value::Null),
                        Json::String(s) => Ok(Value::Text(s.clone())),
                        Json::Number(x) => Ok(match x.as_i64() {
                            Some(i) => Value::Integer(i),
                            None => Value::Real(x.as_f64().unwrap_or_default()),
                        }),
                        other => Err(bad(format!(
                            "{table}, row {}: a value is neither text, number nor null: {other}",
                            n + 1
                        ))),
                    })
                    .collect::<Result<_, _>>()?;
                let verb = if *table == "meta" {
                    "INSERT OR REPLACE"
                } else {
                    "INSERT"
                };
                let sql = format!(
                    "{verb} INTO {table} ({}) VALUES ({})",
                    columns
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    vec!["?"; columns.len()].join(", ")
                );
                tx.prepare_cached(&sql)?
                    .execute(rusqlite::params_from_iter(values))
                    .map_err(|e| bad(format!("{table}, row {}: {e}", n + 1)))?;
                loaded += 1;
            }
        }
        tx.commit().map_err(|e| {
            bad(format!(
                "a row refers to one that is not in the file ({e}); nothing was imported"
            ))
        })?;
        Ok(loaded)
    }
}
