//! A positions file read and checked, before anything is written: the rows ready to write,
//! every problem by line and column, and the first rows as the file has them (the preview).

use super::positions_csv::{Row, Speaker, Subject};
use super::{ImportError, Place, Problem, MAX_LISTED_PROBLEMS};
use crate::model::{ImportProblem, PreviewRow};
use std::collections::BTreeSet;

/// How many rows a preview shows.
pub const PREVIEW_ROWS: usize = 100;

/// Whether checking keeps the rows that passed, to write them next, or only counts them
/// (a preview; a CSV file read again as it is written, so memory does not grow with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    Rows,
    Count,
}

/// What checking a whole file found.
pub(super) struct Checked {
    pub place: Place,
    keep: Keep,
    /// The rows that passed every check, in file order (none kept with `Keep::Count`).
    pub rows: Vec<Row>,
    /// How many rows passed every check.
    pub passed: u64,
    /// What importing with "create what is missing" would add, each named once.
    to_create: BTreeSet<String>,
    /// Rows or entries that were not blank.
    pub records: u64,
    pub problems: Vec<Problem>,
    /// Problems past the ones listed.
    pub more: usize,
    pub sample: Vec<PreviewRow>,
}

impl Checked {
    pub fn new(place: Place, keep: Keep) -> Checked {
        Checked {
            place,
            keep,
            rows: Vec::new(),
            passed: 0,
            to_create: BTreeSet::new(),
            records: 0,
            problems: Vec::new(),
            more: 0,
            sample: Vec::new(),
        }
    }

    /// Takes in one record: its row when it passed, else its problems; the preview keeps
    /// its cells while it has room.
    pub fn add(
        &mut self,
        row: Option<Row>,
        row_problems: Vec<Problem>,
        cells: impl FnOnce() -> PreviewRow,
    ) {
        self.records += 1;
        if self.sample.len() < PREVIEW_ROWS {
            let mut shown = cells();
            shown.has_problem = !row_problems.is_empty();
            self.sample.push(shown);
        }
        if row_problems.is_empty() {
            if let Some(row) = row {
                self.passed += 1;
                self.note_new_names(&row);
                if self.keep == Keep::Rows {
                    self.rows.push(row);
                }
            }
            return;
        }
        for p in row_problems {
            if self.problems.len() < MAX_LISTED_PROBLEMS {
                self.problems.push(p);
            } else {
                self.more += 1;
            }
        }
    }

    /// The problem of a file that holds no positions, where it is said.
    fn nothing_in_it(&self) -> Problem {
        match self.place {
            Place::CsvLine => Problem {
                place: Place::CsvLine,
                line: 2,
                column: "-".into(),
                message: "the file has a header but no positions".into(),
            },
            Place::JsonEntry => Problem {
                place: Place::JsonEntry,
                line: 0,
                column: "-".into(),
                message: "the file holds no positions".into(),
            },
        }
    }

    /// Every problem, the empty file's included.
    pub fn all_problems(&self) -> Vec<Problem> {
        if self.problems.is_empty() && self.passed == 0 {
            return vec![self.nothing_in_it()];
        }
        self.problems.clone()
    }

    /// How many rows there are to write, or why the file writes nothing.
    pub fn ready(&self) -> Result<u64, ImportError> {
        if !self.problems.is_empty() {
            return Err(ImportError::Rows {
                problems: self.problems.clone(),
                more: self.more,
            });
        }
        if self.passed == 0 {
            return Err(match self.place {
                Place::CsvLine => ImportError::Rows {
                    problems: vec![self.nothing_in_it()],
                    more: 0,
                },
                Place::JsonEntry => ImportError::Header("the file holds no positions".into()),
            });
        }
        Ok(self.passed)
    }

    /// The rows to write (checked with `Keep::Rows`), or why the file writes nothing.
    pub fn into_rows(self) -> Result<Vec<Row>, ImportError> {
        self.ready()?;
        debug_assert_eq!(self.keep, Keep::Rows);
        Ok(self.rows)
    }

    fn note_new_names(&mut self, row: &Row) {
        if let Speaker::NewStakeholder(name) = &row.actor {
            self.to_create.insert(format!("stakeholder “{name}”"));
        }
        match &row.subject {
            Subject::NewTopic(path) => self.to_create.insert(format!("topic “{path}”")),
            Subject::NewProposal(name) => self.to_create.insert(format!("proposal “{name}”")),
            Subject::Known(_) => false,
        };
    }

    /// What importing with "create what is missing" would add, each named once.
    pub fn to_create(&self) -> Vec<String> {
        self.to_create.iter().cloned().collect()
    }
}

impl From<&Problem> for ImportProblem {
    fn from(p: &Problem) -> ImportProblem {
        ImportProblem {
            place: match p.place {
                Place::CsvLine => "line",
                Place::JsonEntry => "entry",
            }
            .to_string(),
            line: p.line,
            column: p.column.clone(),
            message: p.message.clone(),
        }
    }
}
