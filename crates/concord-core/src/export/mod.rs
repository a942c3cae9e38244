//! Writing records out for analysts and other tools: positions as CSV, summaries (an actor, a
//! topic or proposal, what moved between sessions, the matrix) as Markdown, CSV, XLSX, DOCX or
//! JSON, the agreement map as a picture or a matrix (`agreement`), two revisions as a Word
//! document with tracked changes (`redline`), and every table for another Concord (`all`).

pub mod agreement;
pub mod all;
pub mod brief;
pub mod cells;
mod docx;
mod layout;
mod map_picture;
mod markdown;
pub mod redline;
mod redline_summary;
pub mod report;
pub mod revision;
mod summaries;
mod table_csv;
mod xlsx;

use crate::model::{ErrorCode, ExportFormat, ExportOutcome, Position, SubjectRef, SummaryRequest};
use crate::store::{Store, StoreError};
use std::io::Write;
use std::path::Path;

pub use markdown::escape as escape_markdown;

/// Why an export could not be written. Nothing is left at the destination when it fails.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not write the CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("could not write the Excel workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("could not write the Word document: {0}")]
    Docx(String),
    #[error("could not draw the map: {0}")]
    Picture(String),
    #[error("could not write the JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("cannot write to {path}: {reason}")]
    Destination { path: String, reason: String },
}

impl ExportError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ExportError::Store(e) => e.code(),
            ExportError::Destination { .. } => ErrorCode::InvalidInput,
            _ => ErrorCode::ExportFailed,
        }
    }
}

/// Writes a summary to `path` in `format`. It is written beside the destination first and
/// moved into place only when complete, so a failure never leaves half a file. `progress`
/// hears each step ("Reading…", "Writing 1 200 rows…").
pub fn export_summary(
    store: &Store,
    request: &SummaryRequest,
    format: ExportFormat,
    path: &Path,
    progress: &mut dyn FnMut(&str),
) -> Result<ExportOutcome, ExportError> {
    folder_must_exist(path)?;
    progress("Reading the summary from the database…");
    let built = summaries::build(store, request)?;
    let rows = built.report.rows();
    progress(&format!("Writing {rows} rows as {}…", format.label()));
    crate::atomic::replace_with(
        path,
        |partial| write_report(&built, format, partial),
        |e| ExportError::Destination {
            path: path.display().to_string(),
            reason: e.to_string(),
        },
    )?;
    progress(&format!("Wrote {}", path.display()));
    Ok(ExportOutcome {
        path: path.display().to_string(),
        format,
        rows,
    })
}

/// Refuses a destination whose folder is not there, before anything is read or written.
fn folder_must_exist(path: &Path) -> Result<(), ExportError> {
    if crate::atomic::folder(path).is_some_and(Path::is_dir) {
        return Ok(());
    }
    Err(ExportError::Destination {
        path: path.display().to_string(),
        reason: "its folder does not exist".into(),
    })
}

fn write_report(
    built: &summaries::Built,
    format: ExportFormat,
    path: &Path,
) -> Result<(), ExportError> {
    match format {
        ExportFormat::Md => {
            std::fs::write(path, markdown::render(&built.report))?;
        }
        ExportFormat::Csv => {
            let file = std::io::BufWriter::new(std::fs::File::create(path)?);
            table_csv::render(&built.report, file)?;
        }
        ExportFormat::Xlsx => xlsx::render(&built.report, path)?,
        ExportFormat::Docx => docx::render(&built.report, path)?,
        ExportFormat::Json => {
            let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
            serde_json::to_writer_pretty(&mut file, &built.data)?;
            file.write_all(b"\n")?;
            file.flush()?;
        }
    }
    Ok(())
}

/// The summary as Markdown, CSV or JSON text (for printing, e.g. `concord diff sessions`).
pub fn summary_text(
    store: &Store,
    request: &SummaryRequest,
    format: ExportFormat,
) -> Result<String, ExportError> {
    let built = summaries::build(store, request)?;
    Ok(match format {
        ExportFormat::Md => markdown::render(&built.report),
        ExportFormat::Csv => {
            let mut out = Vec::new();
            table_csv::render(&built.report, &mut out)?;
            crate::text::strip_bom(&String::from_utf8_lossy(&out)).to_string()
        }
        ExportFormat::Json => serde_json::to_string_pretty(&built.data)? + "\n",
        ExportFormat::Xlsx | ExportFormat::Docx => {
            return Err(ExportError::Destination {
                path: "standard output".into(),
                reason: format!("{} is a binary format: give --out FILE", format.label()),
            })
        }
    })
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
        let record = [
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
        ];
        w.write_record(record.map(cells::to_csv).iter().map(|c| c.as_bytes()))?;
    }
    w.flush()?;
    Ok(())
}
