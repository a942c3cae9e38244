//! The shared record: what a merge brought in, and the conflicts it set aside.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

vocabulary! {
    /// How an analyst settles a conflict.
    Keep {
        Shown => "shown", "Keep the value shown (mine)";
        SetAside => "set_aside", "Take the value set aside (theirs)";
        Both => "both", "Keep both, as two positions";
    }
}

/// A value a merge set aside: an edit that lost to a later edit of the same field made
/// without seeing it, or a deletion made without seeing an edit of the row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Conflict {
    pub id: Uuid,
    /// The table of the row: "position", "topic" …
    pub table: String,
    pub row_id: Uuid,
    /// What the row is, for people: "France — Programme of Action (OEWG 2021–2025, 7th)".
    pub about: String,
    /// The field; `None` when what was set aside is a deletion of the row.
    pub field: Option<String>,
    /// The value shown now (empty for a deletion whose row was brought back).
    pub shown: String,
    /// The value set aside (empty for a deletion).
    pub set_aside: String,
    /// The copy of the record (replica) that made the write set aside, and when.
    pub by_replica: Uuid,
    /// The name that copy's user gave (Team page), if any.
    pub by: Option<String>,
    pub made_at: DateTime<Utc>,
}

vocabulary! {
    /// The keys two copies of the record can both claim: each row is meant to hold its own.
    ClashKind {
        Topic => "topic", "Two topics of one name in one place";
        Session => "session", "Two sessions of one number in one process";
        Actor => "actor", "Two actors with one ISO3 code";
        ActorName => "actor_name", "Two actors of one kind and name";
        Process => "process", "Two processes of one short name";
        Proposal => "proposal", "Two proposals of one name";
        Revision => "revision", "One revision of a document recorded twice";
    }
}

/// Rows that claim one key, each from a different copy of the record: two colleagues gave a
/// new topic the name another's rename took, say. A merge cannot pick one without the copies
/// disagreeing on which, so every copy keeps all of them, lists them here alike, and the
/// analyst settles it with an ordinary edit, which then reaches every copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Clash {
    pub kind: ClashKind,
    /// What the rows share, as people read it: "Ransomware", "7", "FRA".
    pub key: String,
    /// One sentence saying what clashes and where: "2 topics are named “Ransomware” under
    /// International law."
    pub about: String,
    /// How to settle it, where in Concord.
    pub remedy: String,
    /// The rows, in id order.
    pub rows: Vec<Uuid>,
}
