//! Summaries to export, and what an export wrote.
use super::{MatrixQuery, SessionDiffQuery, SubjectQuery};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

vocabulary! {
    /// The formats an analyst can export a summary to.
    ExportFormat {
        Md => "md", "Markdown";
        Csv => "csv", "CSV";
        Xlsx => "xlsx", "Excel workbook";
        Docx => "docx", "Word document";
        Json => "json", "JSON (every field)";
    }
}

impl ExportFormat {
    /// The format a file is written in: the one asked for, or the one its name ends in
    /// (`brief.docx`). A name that ends in another format than the one asked for is refused,
    /// so a file called .xlsx never holds Markdown.
    pub fn for_file(
        asked: Option<ExportFormat>,
        path: &std::path::Path,
    ) -> Result<ExportFormat, String> {
        let by_name = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .and_then(|e| match e.as_str() {
                "markdown" => Some(ExportFormat::Md),
                other => ExportFormat::parse(other),
            });
        match (asked, by_name) {
            (Some(a), Some(n)) if a != n => Err(format!(
                "{} ends in .{}, which is not {}; name the file .{} or leave the format out",
                path.display(),
                n.as_str(),
                a.label(),
                a.as_str()
            )),
            (Some(a), _) => Ok(a),
            (None, Some(n)) => Ok(n),
            (None, None) => Err(format!(
                "say the format: end {} in .md, .csv, .xlsx, .docx or .json, or give --format",
                path.display()
            )),
        }
    }
}

/// Which summary to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum SummaryRequest {
    /// All of an actor's positions by topic, with quotes and sources, over a session range
    /// (every session of every process when no process is given).
    Actor {
        actor_id: Uuid,
        process_id: Option<Uuid>,
        #[ts(type = "number | null")]
        from_seq: Option<i64>,
        #[ts(type = "number | null")]
        to_seq: Option<i64>,
    },
    /// Supporters and opponents of a topic or proposal, by group, per session.
    Subject { query: SubjectQuery },
    /// What moved between two sessions.
    Sessions { query: SessionDiffQuery },
    /// The stance matrix.
    Matrix { query: MatrixQuery },
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportOutcome {
    pub path: String,
    pub format: ExportFormat,
    /// Table rows written (positions, changes, actors...).
    #[ts(type = "number")]
    pub rows: u64,
}
