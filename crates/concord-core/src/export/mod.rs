//! Writing positions out for analysts and other tools.

use crate::model::{Position, SubjectRef};
use std::io::Write;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not write the CSV: {0}")]
    Csv(#[from] csv::Error),
}

impl ExportError {
    pub fn code(&self) -> &'static str {
        "export_failed"
    }
}

/// The columns of a positions CSV: the import's columns, so an export reads back in.
pub const POSITION_CSV_COLUMNS: &[&str] = &[
    "actor",
    "session",
    "process",
    "topic",
    "proposal",
    "provision",
    "stance",
    "summary",
    "quote",
    "source",
    "date",
    "on_behalf_of",
    "note",
    "provenance",
];

/// Writes positions as CSV (RFC 4180, UTF-8, header first).
pub fn positions_csv(out: impl Write, positions: &[Position]) -> Result<(), ExportError> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(POSITION_CSV_COLUMNS)?;
    for p in positions {
        let (topic, proposal, provision) = match p.subject {
            SubjectRef::Topic(_) => (p.subject_label.as_str(), "", ""),
            SubjectRef::Proposal(_) => ("", p.subject_label.as_str(), ""),
            SubjectRef::Provision(_) => ("", "", p.subject_label.as_str()),
        };
        let date = p.meeting_date.map(|d| d.to_string()).unwrap_or_default();
        w.write_record([
            p.actor_name.as_str(),
            p.session_title.as_str(),
            p.process_name.as_str(),
            topic,
            proposal,
            provision,
            p.stance.as_str(),
            p.summary.as_str(),
            p.quote.as_str(),
            p.source.as_str(),
            date.as_str(),
            p.on_behalf_of_name.as_deref().unwrap_or(""),
            p.note.as_str(),
            p.provenance.as_str(),
        ])?;
    }
    w.flush()?;
    Ok(())
}
