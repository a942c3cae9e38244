//! A positions file as a person picks it (the window's Import Positions…, `concord import
//! positions FILE`): CSV or JSON by its name, opened as every file from outside is, checked
//! whole for a preview, then written in one transaction with progress and a way to stop.
//!
//! A CSV file is read twice: once to check every row (keeping only the count, the problems
//! and the preview), then again as its rows are written, each checked again. Memory does not
//! grow with the file: a million rows are never held at once. A JSON file is one value and is
//! read whole.

use super::checked::{Checked, Keep, PREVIEW_ROWS};
use super::positions_csv::CsvRows;
use super::write::{write_rows, Writing};
use super::{positions_csv, positions_json, source, ImportError, ImportOptions};
use crate::model::{ImportPreview, ImportProblem, ImportProgress, ImportReport};
use crate::resolve::Resolver;
use crate::store::Store;
use std::io::BufReader;
use std::ops::ControlFlow;
use std::path::Path;

/// How a positions file is written: by its name, `.json` is JSON and anything else CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionsFormat {
    Csv,
    Json,
}

impl PositionsFormat {
    pub fn of(path: &Path) -> PositionsFormat {
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if json {
            PositionsFormat::Json
        } else {
            PositionsFormat::Csv
        }
    }

    fn label(self) -> &'static str {
        match self {
            PositionsFormat::Csv => "CSV",
            PositionsFormat::Json => "JSON",
        }
    }
}

/// Reads and checks the whole file; nothing is written. A CSV's rows are counted, not kept.
fn check_file(
    resolver: &Resolver,
    path: &Path,
    options: ImportOptions,
) -> Result<Checked, ImportError> {
    let input = BufReader::new(source::open(path)?);
    match PositionsFormat::of(path) {
        PositionsFormat::Csv => positions_csv::check(input, resolver, options, Keep::Count),
        PositionsFormat::Json => positions_json::check(input, resolver, options),
    }
}

/// What the file holds and every problem in it, by line (CSV) or entry (JSON) and column,
/// for the analyst to see before importing; nothing is written. A file that cannot be read
/// as CSV or JSON at all is a preview with that one problem. Only a file that cannot be
/// opened (not there, a folder, not readable) is an error.
pub fn preview_positions(
    store: &Store,
    path: &Path,
    options: ImportOptions,
) -> Result<ImportPreview, ImportError> {
    let format = PositionsFormat::of(path);
    let mut preview = ImportPreview {
        path: path.display().to_string(),
        format: format.label().to_string(),
        records: 0,
        sample: Vec::new(),
        problems: Vec::new(),
        more_problems: 0,
        to_create: Vec::new(),
    };
    match check_file(&Resolver::load(store)?, path, options) {
        Ok(checked) => {
            preview.records = checked.records;
            preview.problems = checked
                .all_problems()
                .iter()
                .map(ImportProblem::from)
                .collect();
            preview.more_problems = checked.more as u64;
            preview.to_create = checked.to_create();
            preview.sample = checked.sample;
            debug_assert!(preview.sample.len() <= PREVIEW_ROWS);
        }
        Err(e) => preview.problems = vec![whole_file_problem(e)?],
    }
    Ok(preview)
}

/// A reading error as the preview lists it; errors that are not about the file's contents
/// (it could not be opened, the store failed) stay errors.
fn whole_file_problem(e: ImportError) -> Result<ImportProblem, ImportError> {
    let (line, column, message) = match e {
        ImportError::Malformed { line, message } => (line, "-".to_string(), message),
        ImportError::MalformedJson {
            line,
            column,
            message,
        } => (line as u64, format!("character {column}"), message),
        ImportError::Header(message) => (1, "header".to_string(), message),
        other => return Err(other),
    };
    Ok(ImportProblem {
        place: "line".into(),
        line,
        column,
        message: format!("the file cannot be read: {message}"),
    })
}

/// Checks the whole file, then writes every position in one transaction: all of them, or,
/// when the file has a problem or `progress` answers `Break` (the analyst pressed Cancel),
/// none. `progress` hears how far the writing is after each block of positions.
pub fn import_positions_file(
    store: &mut Store,
    path: &Path,
    options: ImportOptions,
    progress: &mut dyn FnMut(ImportProgress) -> ControlFlow<()>,
) -> Result<ImportReport, ImportError> {
    let resolver = Resolver::load(store)?;
    let checked = check_file(&resolver, path, options)?;
    if PositionsFormat::of(path) == PositionsFormat::Json {
        return write_rows(store, checked.into_rows()?, progress);
    }
    let total = checked.ready()?;
    let mut records = CsvRows::open(BufReader::new(source::open(path)?))?;
    let changed = || ImportError::Changed(path.display().to_string());
    store.write_bulk(|w| {
        let mut writing = Writing::new(total, progress)?;
        while let Some((_, row, problems)) = records.next(&resolver, options)? {
            match row {
                Some(row) if problems.is_empty() && writing.report.positions_added < total => {
                    writing.row(w, row)?
                }
                _ => return Err(changed()),
            }
        }
        if writing.report.positions_added != total {
            return Err(changed());
        }
        Ok(writing.report)
    })
}
