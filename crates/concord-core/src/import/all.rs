//! `concord import all FILE`: a file from `concord export all` into a new, empty database.
//! What the file must look like is checked here, whole, before anything is written; the store
//! loads the rows in one transaction (`Store::load_tables`).

use crate::export::all::EXCHANGE_FORMAT;
use crate::store::{Cell, Store, StoreError, TableLoad, EXCHANGED_TABLES, LATEST_VERSION};
use serde_json::Value as Json;

impl Store {
    /// Loads an `export_all` file into this database, which must hold no records yet. Any bad
    /// row (wrong shape, wrong type, broken reference) writes nothing. Returns the rows loaded.
    pub fn import_all(
        &mut self,
        data: &Json,
        progress: &mut dyn FnMut(&str),
    ) -> Result<u64, StoreError> {
        let tables = check(data)?;
        self.load_tables(&tables, progress)
    }
}

fn bad(message: String) -> StoreError {
    StoreError::invalid("exchange file", message)
}

/// The file's tables as rows to load, or what is wrong with it and where.
fn check(data: &Json) -> Result<Vec<TableLoad>, StoreError> {
    if data.get("concord_exchange").and_then(Json::as_i64) != Some(EXCHANGE_FORMAT) {
        return Err(bad(
            "this is not a Concord exchange file (made by `concord export all`)".into(),
        ));
    }
    let version = data
        .get("schema_version")
        .and_then(Json::as_i64)
        .unwrap_or(0);
    if version != LATEST_VERSION {
        return Err(bad(format!(
            "it was written at schema version {version}; this Concord reads version {LATEST_VERSION}"
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
    let mut out = Vec::new();
    for table in EXCHANGED_TABLES {
        let Some(rows) = tables.get(*table) else {
            continue;
        };
        let rows = rows
            .as_array()
            .ok_or_else(|| bad(format!("table {table} is not a list of rows")))?;
        let mut load = TableLoad {
            table,
            rows: Vec::with_capacity(rows.len()),
        };
        for (n, row) in rows.iter().enumerate() {
            load.rows.push(check_row(table, n + 1, row)?);
        }
        out.push(load);
    }
    Ok(out)
}

/// One row: an object whose keys are plain column names and whose values are text, numbers
/// or null.
fn check_row(table: &str, n: usize, row: &Json) -> Result<(Vec<String>, Vec<Cell>), StoreError> {
    let row = row
        .as_object()
        .ok_or_else(|| bad(format!("{table}, row {n}: not an object")))?;
    let columns: Vec<String> = row.keys().cloned().collect();
    if columns.iter().any(|c| {
        !c.chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
    }) {
        return Err(bad(format!("{table}, row {n}: a column name is not valid")));
    }
    let values = row
        .values()
        .map(|v| match v {
            Json::Null => Ok(Cell::Null),
            Json::String(s) => Ok(Cell::Text(s.clone())),
            Json::Number(x) => Ok(match x.as_i64() {
                Some(i) => Cell::Integer(i),
                None => Cell::Real(x.as_f64().unwrap_or_default()),
            }),
            other => Err(bad(format!(
                "{table}, row {n}: a value is neither text, number nor null: {other}"
            ))),
        })
        .collect::<Result<Vec<Cell>, _>>()?;
    // Names hold to the rule every other path keeps (no control characters, a bounded
    // length): a file from elsewhere is no exception.
    for (column, value) in columns.iter().zip(&values) {
        if let (true, Cell::Text(text)) = (NAME_COLUMNS.contains(&column.as_str()), value) {
            if !text.trim().is_empty() {
                crate::text::name(text)
                    .map_err(|e| bad(format!("{table}, row {n}, {column}: {e}")))?;
            }
        }
    }
    Ok((columns, values))
}

/// The columns that hold a name people read.
const NAME_COLUMNS: &[&str] = &["name", "short_name"];
