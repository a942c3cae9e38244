//! Positions: what is recorded, how it is listed, and its history.
use super::{Stance, SubjectRef};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

vocabulary! {
    /// Where a position comes from. Only `recorded` positions are real statements;
    /// the others are always marked as such in the window and in exports.
    Provenance {
        Recorded => "recorded", "Recorded";
        Illustrative => "illustrative", "Illustrative sample";
        Synthetic => "synthetic", "Synthetic (generated)";
    }
}

vocabulary! {
    /// One change in a position's history.
    HistoryOp {
        Insert => "insert", "Created";
        Update => "update", "Edited";
        Delete => "delete", "Deleted";
    }
}

/// What the capture form and the importer hand to the store to record a position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PositionInput {
    pub actor_id: Uuid,
    pub subject: SubjectRef,
    pub session_id: Uuid,
    pub meeting_id: Option<Uuid>,
    /// The day it was said, when no meeting is given: the session's meeting of that day is
    /// found or created. Must fall within the session's dates.
    pub meeting_date: Option<NaiveDate>,
    pub stance: Stance,
    pub summary: String,
    pub quote: String,
    /// A citation as typed: "A/79/214, para. 27", a URL, or a title.
    pub source: String,
    pub on_behalf_of_id: Option<Uuid>,
    pub note: String,
}

/// A position as people read it: ids with the names that go with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Position {
    pub id: Uuid,
    pub actor_id: Uuid,
    pub actor_name: String,
    pub subject: SubjectRef,
    pub subject_label: String,
    pub session_id: Uuid,
    /// The process's short name, e.g. "OEWG 2021–2025".
    pub process_name: String,
    pub session_title: String,
    pub meeting_id: Option<Uuid>,
    pub meeting_date: Option<NaiveDate>,
    pub stance: Stance,
    pub summary: String,
    pub quote: String,
    pub source: String,
    pub on_behalf_of_id: Option<Uuid>,
    pub on_behalf_of_name: Option<String>,
    pub note: String,
    pub provenance: Provenance,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Which positions to list. Every field narrows; empty fields do not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PositionFilter {
    pub actor_id: Option<Uuid>,
    /// Positions of the group itself and of its members (membership valid at the session).
    pub group_id: Option<Uuid>,
    pub session_id: Option<Uuid>,
    /// A topic and everything below it in the tree.
    pub topic_id: Option<Uuid>,
    pub proposal_id: Option<Uuid>,
    pub stance: Option<Stance>,
    /// Words to find in summary, quote, note or source, as Search finds them (case and
    /// accents aside, the last word also as the start of a word); a text without letters or
    /// digits is found as typed.
    pub text: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PositionPage {
    pub items: Vec<Position>,
    /// How many positions match: all of them, or when `more`, as many as were counted.
    #[ts(type = "number")]
    pub total: u64,
    /// More than `total` match (counting stops at 10 000, or at the end of a later page).
    pub more: bool,
}

/// One change to a position, with the values before and after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    pub id: Uuid,
    pub position_id: Uuid,
    pub op: HistoryOp,
    pub at: DateTime<Utc>,
    pub installation_id: Uuid,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportReport {
    #[ts(type = "number")]
    pub positions_added: u64,
    #[ts(type = "number")]
    pub topics_created: u64,
    #[ts(type = "number")]
    pub proposals_created: u64,
    #[ts(type = "number")]
    pub actors_created: u64,
}

impl From<&Position> for PositionInput {
    /// The values to save a position again as it is: the start of an edit.
    fn from(p: &Position) -> PositionInput {
        PositionInput {
            actor_id: p.actor_id,
            subject: p.subject,
            session_id: p.session_id,
            meeting_id: p.meeting_id,
            meeting_date: None,
            stance: p.stance,
            summary: p.summary.clone(),
            quote: p.quote.clone(),
            source: p.source.clone(),
            on_behalf_of_id: p.on_behalf_of_id,
            note: p.note.clone(),
        }
    }
}
