//! `concord import positions FILE.json`: the CSV's rows as JSON objects, with the CSV's checks.

use super::checked::{Checked, Keep};
use super::positions_csv::{parse_row, Columns, COLUMNS};
use super::write::write_rows;
use super::{ImportError, ImportOptions, Place, Problem};
use crate::model::{ImportReport, PreviewRow};
use crate::resolve::Resolver;
use crate::store::Store;
use std::io::Read;
use std::ops::ControlFlow;

/// `concord import positions FILE.json`: a list of objects whose fields are the CSV's columns
/// (`{"actor": "France", "session": "7", "proposal": "PoA", "stance": "supports"}`), or an
/// object holding that list under "positions". The same checks, and the same rule: a file
/// with any problem writes nothing.
pub fn import_positions_json(
    store: &mut Store,
    input: impl Read,
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let resolver = Resolver::load(store)?;
    let rows = check(input, &resolver, options)?.into_rows()?;
    write_rows(store, rows, &mut |_| ControlFlow::Continue(()))
}

/// Reads the whole JSON and checks every entry; only a file that is not JSON, or not a list
/// of positions, is an error here.
pub(super) fn check(
    input: impl Read,
    resolver: &Resolver,
    options: ImportOptions,
) -> Result<Checked, ImportError> {
    let value = super::source::read_json(input)?;
    let not_a_list = || {
        ImportError::Header(
            "a JSON import is a list of positions, or an object with a \"positions\" list".into(),
        )
    };
    let entries = match &value {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Object(o) => match o.get("positions") {
            Some(serde_json::Value::Array(items)) => items,
            _ => return Err(not_a_list()),
        },
        _ => return Err(not_a_list()),
    };
    let header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    let columns = Columns::from_header(&header)?;
    let mut checked = Checked::new(Place::JsonEntry, Keep::Rows);
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
            checked.add(None, entry_problems, || blank(n));
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
        let row = if entry_problems.is_empty() {
            parse_row(
                &record,
                &columns,
                resolver,
                options,
                (Place::JsonEntry, n),
                &mut entry_problems,
            )
        } else {
            None
        };
        checked.add(row, entry_problems, || columns.preview(&record, n));
    }
    Ok(checked)
}

/// The preview of an entry that is not an object.
fn blank(n: u64) -> PreviewRow {
    PreviewRow {
        line: n,
        actor: String::new(),
        session: String::new(),
        subject: String::new(),
        stance: String::new(),
        summary: String::new(),
        has_problem: true,
    }
}
