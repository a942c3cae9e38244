//! `concord export all`: every exchanged table as JSON, for `concord import all` into a new
//! database. Each value keeps its SQLite type (text, integer, real, null).

use crate::store::{Cell, Store, StoreError, EXCHANGED_TABLES, LATEST_VERSION};
use serde_json::{json, Map, Value as Json};

/// Marks the file as a Concord exchange file; raised if the layout ever changes.
pub const EXCHANGE_FORMAT: i64 = 1;

impl Store {
    /// Every row of every exchanged table.
    pub fn export_all(&self, progress: &mut dyn FnMut(&str)) -> Result<Json, StoreError> {
        let mut tables = Map::new();
        for table in EXCHANGED_TABLES {
            progress(&format!("Reading {table}…"));
            let t = self.read_table(table)?;
            let rows: Vec<Json> = t
                .rows
                .into_iter()
                .map(|row| {
                    let object: Map<String, Json> = t
                        .columns
                        .iter()
                        .cloned()
                        .zip(row.into_iter().map(cell))
                        .collect();
                    Json::Object(object)
                })
                .collect();
            tables.insert(table.to_string(), Json::Array(rows));
        }
        Ok(json!({
            "concord_exchange": EXCHANGE_FORMAT,
            "schema_version": LATEST_VERSION,
            "tables": tables,
        }))
    }
}

fn cell(value: Cell) -> Json {
    match value {
        Cell::Null | Cell::Blob(_) => Json::Null,
        Cell::Integer(n) => json!(n),
        Cell::Real(x) => json!(x),
        Cell::Text(t) => Json::String(t),
    }
}
