//! Bringing records in from files: positions (CSV, JSON) and draft revisions. Every import is
//! checked whole first and written in one transaction: a file with any problem writes nothing.

mod all;
mod checked;
mod positions_csv;
mod positions_file;
mod positions_json;
pub mod revision;
pub mod source;
mod write;

pub use checked::PREVIEW_ROWS;
pub use positions_csv::import_positions_csv;
pub use positions_file::{import_positions_file, preview_positions, PositionsFormat};
pub use positions_json::import_positions_json;

use crate::model::ErrorCode;
use crate::store::StoreError;

/// The most problems listed in one error; the rest are counted.
pub const MAX_LISTED_PROBLEMS: usize = 50;

/// How an import treats names it does not know.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Create unknown topics, proposals and stakeholders instead of refusing the file.
    pub create_missing: bool,
}

/// One problem in one cell of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// CSV: the line of the file where the record starts (the header is line 1).
    /// JSON: the entry's number in the list, from 1.
    pub line: u64,
    pub column: String,
    pub message: String,
    /// Whether `line` counts CSV lines or JSON entries.
    pub place: Place,
}

/// How a problem's place is counted and named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    CsvLine,
    JsonEntry,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (record, cell) = match self.place {
            Place::CsvLine => ("line", "column"),
            Place::JsonEntry => ("entry", "field"),
        };
        write!(
            f,
            "{record} {}, {cell} {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("line {line}: the CSV cannot be read: {message}. Nothing was imported")]
    Malformed { line: u64, message: String },
    #[error(
        "line {line}, column {column}: the JSON cannot be read: {message}. Nothing was imported"
    )]
    MalformedJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("line 1 (header): {0}. Nothing was imported")]
    Header(String),
    #[error("{} problem(s) found; nothing was imported:\n{}", problems.len() + *more, list(problems, *more))]
    Rows { problems: Vec<Problem>, more: usize },
    #[error("the import was stopped; nothing was imported")]
    Cancelled,
    #[error("{0} changed while it was being imported (it was read twice: checked, then written); nothing was imported. Import it again")]
    Changed(String),
    #[error(transparent)]
    Source(#[from] source::SourceError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn list(problems: &[Problem], more: usize) -> String {
    let mut lines: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
    if more > 0 {
        lines.push(format!("  … and {more} more"));
    }
    lines.join("\n")
}

impl ImportError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ImportError::Malformed { .. } | ImportError::MalformedJson { .. } => {
                ErrorCode::MalformedFile
            }
            ImportError::Header(_) => ErrorCode::BadHeader,
            ImportError::Changed(_) => ErrorCode::MalformedFile,
            ImportError::Rows { .. } => ErrorCode::BadRows,
            ImportError::Cancelled => ErrorCode::Cancelled,
            ImportError::Source(e) => e.code(),
            ImportError::Store(e) => e.code(),
        }
    }

    /// True when the file, not the machine, is at fault.
    pub fn is_bad_input(&self) -> bool {
        self.code().is_bad_input()
    }
}
