//! Who and what the record is about: actors and their groups, processes and sessions,
//! topics, proposals, saved sets; and what the window shows about the open database.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

vocabulary! {
    /// Who an actor is.
    ActorKind {
        State => "state", "Member State";
        ObserverState => "observer_state", "Observer State";
        Igo => "igo", "Intergovernmental organization";
        Group => "group", "Group";
        Stakeholder => "stakeholder", "Stakeholder";
    }
}

/// A State, observer, organization, group or stakeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Actor {
    pub id: Uuid,
    pub kind: ActorKind,
    pub name: String,
    pub short_name: Option<String>,
    pub iso3: Option<String>,
    /// UN M49 numeric code, three digits with leading zeros ("004").
    pub m49: Option<String>,
    pub note: Option<String>,
}

impl ActorKind {
    /// Groups and intergovernmental organizations: they speak on behalf of others and have
    /// members. The UI uses the same list (`GROUP_KINDS` in `bindings/core.ts`).
    pub const GROUP_KINDS: &'static [ActorKind] = &[ActorKind::Group, ActorKind::Igo];

    pub fn is_group_or_organization(self) -> bool {
        ActorKind::GROUP_KINDS.contains(&self)
    }
}

impl Actor {
    /// The name to show in tight places: the short name where there is one.
    pub fn display_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

/// A dated membership of an actor in a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Membership {
    pub id: Uuid,
    pub group_id: Uuid,
    pub member_id: Uuid,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub source: Option<String>,
}

/// A negotiating process, such as the OEWG 2021–2025.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Process {
    pub id: Uuid,
    pub name: String,
    pub short_name: String,
    pub mandate: Option<String>,
    /// Who chairs it ("Egriselda López (El Salvador)").
    pub chair: Option<String>,
    pub note: Option<String>,
    /// Hidden from the pickers where positions are captured; kept in every view.
    pub archived: bool,
}

/// A session of a process. `number` is empty for organizational sessions; `seq` orders them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Session {
    pub id: Uuid,
    pub process_id: Uuid,
    pub process_short_name: String,
    /// "OEWG 2021–2025 · 7th substantive session"
    pub label: String,
    #[ts(type = "number")]
    pub seq: i64,
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    pub title: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub place: Option<String>,
    pub note: Option<String>,
    /// Its process is archived: the capture pickers leave it out.
    pub archived: bool,
}

/// A meeting within a session: one day, with a title where the programme gives one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Meeting {
    pub id: Uuid,
    pub session_id: Uuid,
    pub date: NaiveDate,
    pub title: String,
}

/// A node of the topic tree. `path` joins the names from the root with "/".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Topic {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub path: String,
    #[ts(type = "number")]
    pub ordinal: i64,
}

/// A proposal on the table, such as the Programme of Action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Proposal {
    pub id: Uuid,
    pub name: String,
    pub short_name: Option<String>,
    pub description: Option<String>,
    /// The process it was tabled in, where one is known.
    pub process_id: Option<Uuid>,
    pub champions: Vec<Champion>,
}

/// An actor that put a proposal forward, with the days it came forward and withdrew where a
/// source gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Champion {
    pub actor_id: Uuid,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub source: Option<String>,
}

/// What a position is about: exactly one topic, proposal or provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum SubjectRef {
    Topic(Uuid),
    Proposal(Uuid),
    Provision(Uuid),
}

impl SubjectRef {
    pub fn id(self) -> Uuid {
        match self {
            SubjectRef::Topic(id) | SubjectRef::Proposal(id) | SubjectRef::Provision(id) => id,
        }
    }
}

/// A group an actor belongs to, with the dates of its membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GroupMembership {
    pub group_id: Uuid,
    pub group_name: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

/// A named set of actors saved for filtering (a like-minded or cross-regional group).
/// `members` are names, short names or ISO3 codes, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActorSetInput {
    pub name: String,
    pub members: Vec<String>,
}

/// How many rows of each kind a database holds, for status lines and checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Counts {
    #[ts(type = "number")]
    pub actors: u64,
    #[ts(type = "number")]
    pub sessions: u64,
    #[ts(type = "number")]
    pub topics: u64,
    #[ts(type = "number")]
    pub proposals: u64,
    #[ts(type = "number")]
    pub positions: u64,
}

/// What the window shows about the open database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DatabaseInfo {
    pub path: Option<String>,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub installation_id: Uuid,
    pub counts: Counts,
}

/// The file's own settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FileSettings {
    /// The delegation this file works for ("us"), when set.
    pub our_delegation_id: Option<Uuid>,
    pub our_delegation_name: Option<String>,
}
