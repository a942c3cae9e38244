//! A positions file as the window shows it before importing it: what it holds, what is wrong
//! with it (line and column), and how a running import goes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A positions file read and checked, nothing written: the window's preview before Import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    /// The file, as the user chose it.
    pub path: String,
    /// "CSV" or "JSON".
    pub format: String,
    /// The positions the file holds (rows or entries that are not blank).
    #[ts(type = "number")]
    pub records: u64,
    /// The first rows as the file has them, problems or not.
    pub sample: Vec<PreviewRow>,
    /// Every problem found, by line (CSV) or entry (JSON) and column; the first
    /// [`crate::import::MAX_LISTED_PROBLEMS`] of them, the rest counted in `more_problems`.
    /// Empty when the file can be imported.
    pub problems: Vec<ImportProblem>,
    #[ts(type = "number")]
    pub more_problems: u64,
    /// What an import with "create what is missing" would add: "topic “Ransomware”".
    pub to_create: Vec<String>,
}

/// One row of the preview, the cells as the file has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreviewRow {
    /// The CSV line the row starts on, or the JSON entry's number (from 1).
    #[ts(type = "number")]
    pub line: u64,
    pub actor: String,
    pub session: String,
    /// The topic, else the proposal.
    pub subject: String,
    pub stance: String,
    pub summary: String,
    /// Whether a problem names this row.
    pub has_problem: bool,
}

/// One problem of a positions file: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportProblem {
    /// "line" (CSV) or "entry" (JSON).
    pub place: String,
    /// The line or entry; 0 when the problem is the whole file's.
    #[ts(type = "number")]
    pub line: u64,
    /// The column or field; "-" when it is no one column's.
    pub column: String,
    pub message: String,
}

/// How a running import goes: sent after each block of positions written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    #[ts(type = "number")]
    pub written: u64,
    #[ts(type = "number")]
    pub total: u64,
}
