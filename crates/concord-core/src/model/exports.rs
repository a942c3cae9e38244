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
