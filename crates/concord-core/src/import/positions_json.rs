//! `concord import positions FILE.json`: the CSV's rows as JSON objects, with the CSV's checks.

use super::positions_csv::{parse_row, write_rows, Columns, COLUMNS};
use super::{ImportError, ImportOptions, Place, Problem, MAX_LISTED_PROBLEMS};
use crate::model::ImportReport;
use crate::resolve::Resolver;
use crate::store::Store;
use std::io::Read;

/// `concord import positions FILE.json`: a list of objects whose fields are the CSV's columns
/// (`{"actor": "France", "session": "7", "proposal": "PoA", "stance": "supports"}`), or an
/// object holding that list under "positions". The same checks, and the same rule: a file
/// with any problem writes nothing.
pub fn import_positions_json(
    store: &mut Store,
    input: impl Read,
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let value = super::source::read_json(input)?;
    let entries =
        match &value {
            serde_json::Value::Array(items) => items,
            serde_json::Value::Object(o) => match o.get("positions") {
                Some(serde_json::Value::Array(items)) => items,
                _ => return Err(ImportError::Header(
                    "a JSON import is a list of positions, or an object with a \"positions\" list"
                        .into(),
                )),
            },
            _ => {
                return Err(ImportError::Header(
                    "a JSON import is a list of positions, or an object with a \"positions\" list"
                        .into(),
                ))
            }
        };
    let resolver = Resolver::load(store)?;
    let header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    let columns = Columns::from_header(&header)?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let n = i as u64 + 1;
        let mut entry_problems = Vec::new();
        let mut problem = |field: &str, message: String| {
            entry_problems.push(Problem {
                place: Place::JsonEntry,
                line: n,
                column: field.to_string(),
                message,
            })
        };
        let Some(object) = entry.as_object() else {
            problem(
                "-",
                "an entry must be an object with the CSV's column names".into(),
            );
            problems.extend(entry_problems);
            continue;
        };
        for key in object.keys() {
            if !COLUMNS.contains(&key.as_str()) {
                problem(
                    key,
                    format!("unknown field; the fields are {}", COLUMNS.join(", ")),
                );
            }
        }
        let mut record = csv::StringRecord::new();
        for column in COLUMNS {
            let text = match object.get(*column) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(x)) => x.to_string(),
                Some(_) => {
                    problem(column, "must be text or a number".into());
                    String::new()
                }
            };
            record.push_field(&text);
        }
        if entry_problems.is_empty() {
            if let Some(row) = parse_row(
                &record,
                &columns,
                &resolver,
                options,
                (Place::JsonEntry, n),
                &mut entry_problems,
            ) {
                if entry_problems.is_empty() {
                    rows.push(row);
                }
            }
        }
        problems.extend(entry_problems);
    }
    if !problems.is_empty() {
        let more = problems.len().saturating_sub(MAX_LISTED_PROBLEMS);
        problems.truncate(MAX_LISTED_PROBLEMS);
        return Err(ImportError::Rows { problems, more });
    }
    if rows.is_empty() {
        return Err(ImportError::Header("the file holds no positions".into()));
    }
    write_rows(store, rows)
}
