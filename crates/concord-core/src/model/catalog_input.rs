//! What the user types to add to or change the catalog: processes, sessions, meetings, topics,
//! proposals, actors and memberships. The rules each must satisfy are in `crate::catalog`.
use super::ActorKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// A process as added or edited: its name, short name (unique), mandate, Chair and note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProcessInput {
    pub name: String,
    pub short_name: String,
    pub mandate: Option<String>,
    pub chair: Option<String>,
    pub note: Option<String>,
}

/// A session as added or edited. `number` is empty for an organizational session; a number
/// is used once per process. Sessions are kept in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionInput {
    pub process_id: Uuid,
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    pub title: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub place: Option<String>,
    pub note: Option<String>,
}

/// A meeting within a session, on one of its days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeetingInput {
    pub session_id: Uuid,
    pub date: NaiveDate,
    pub title: String,
}

/// A proposal as added or edited; `process_id` is the process it was tabled in, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalInput {
    pub name: String,
    pub short_name: Option<String>,
    pub description: Option<String>,
    pub process_id: Option<Uuid>,
}

/// An actor as added or edited. States come with the reference data; the user adds
/// intergovernmental organizations, stakeholders and groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActorInput {
    pub kind: ActorKind,
    pub name: String,
    pub short_name: Option<String>,
    pub iso3: Option<String>,
    pub note: Option<String>,
}

/// A member joining a group on a date, or its membership ending on one, with the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MembershipChange {
    pub group_id: Uuid,
    pub member_id: Uuid,
    pub date: NaiveDate,
    pub source: Option<String>,
}
