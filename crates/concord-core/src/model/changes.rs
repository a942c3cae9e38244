//! What moved between two sessions.
use super::{Movement, Stance, SubjectRef};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

vocabulary! {
    /// What happened to an actor's position on a subject between two sessions.
    ChangeKind {
        Changed => "changed", "Stance changed";
        New => "new", "New position";
        NotRestated => "not_restated", "Not restated";
        QuoteChanged => "quote_changed", "Quote changed";
    }
}

/// Two sessions (or ranges of sessions, by sequence) of one process to compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionDiffQuery {
    pub process_id: Uuid,
    #[ts(type = "number")]
    pub before_from: i64,
    #[ts(type = "number")]
    pub before_to: i64,
    #[ts(type = "number")]
    pub after_from: i64,
    #[ts(type = "number")]
    pub after_to: i64,
    /// Only the group itself and its members (membership valid at the later side).
    pub group_id: Option<Uuid>,
}

/// The two sessions the Changes page opens on: the last two that hold positions, in the
/// process positions were last recorded in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionPair {
    pub process_id: Uuid,
    #[ts(type = "number")]
    pub before: i64,
    #[ts(type = "number")]
    pub after: i64,
}

/// One side of a change: the actor's latest position on the subject in that range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangeSide {
    pub position_id: Uuid,
    pub stance: Stance,
    pub session_title: String,
    /// The day it was said: the meeting's date, else the session's first day.
    pub date: Option<NaiveDate>,
    pub summary: String,
    pub quote: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionChange {
    pub actor_id: Uuid,
    pub actor_name: String,
    /// The actor's UN regional group at the later side, if any.
    pub bloc: Option<String>,
    pub subject: SubjectRef,
    pub subject_label: String,
    pub kind: ChangeKind,
    /// The kind in words ("Stance changed").
    pub kind_label: String,
    pub from_stance: Option<Stance>,
    pub to_stance: Option<Stance>,
    /// For a changed stance: towards or away from support.
    pub movement: Option<Movement>,
    pub before: Option<ChangeSide>,
    pub after: Option<ChangeSide>,
}

/// The counts for one subject, and the sentence an analyst would write about them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubjectMoves {
    pub subject: SubjectRef,
    pub label: String,
    pub changed: u32,
    pub towards_support: u32,
    pub away_from_support: u32,
    pub new: u32,
    pub not_restated: u32,
    pub quote_changed: u32,
    /// "14 States moved on the Programme of Action, 9 towards support".
    pub headline: String,
}

/// What moved between two sessions: counts per subject first, then every change, by subject,
/// kind, bloc and actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionDiff {
    pub process_name: String,
    pub before_label: String,
    pub after_label: String,
    pub subjects: Vec<SubjectMoves>,
    pub changes: Vec<SessionChange>,
}
