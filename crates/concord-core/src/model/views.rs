//! The read-only views: search, the matrix, an actor's timeline, a subject's page, cohesion.
use super::{Actor, Camp, GroupMembership, Movement, Position, Stance, SubjectRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// A full-text search over summaries, quotes, notes and sources, optionally narrowed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchQuery {
    /// Words to find (all of them; each also matches as a prefix). Case and accents do not matter.
    pub text: String,
    pub actor_id: Option<Uuid>,
    pub session_id: Option<Uuid>,
    /// A topic and everything below it.
    pub topic_id: Option<Uuid>,
    pub limit: Option<u32>,
}

/// A piece of matched text; `hit` marks the words that matched. The UI renders runs as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TextRun {
    pub text: String,
    pub hit: bool,
}

/// One search result: the position and the best matching excerpt, best results first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchHit {
    pub position: Position,
    pub excerpt: Vec<TextRun>,
    /// Relevance: higher is better (hits come best first).
    pub rank: f64,
}

vocabulary! {
    /// What the matrix's columns are.
    MatrixAxis {
        Topics => "topics", "Topics";
        Proposals => "proposals", "Proposals";
    }
}

/// Actors × subjects for a range of sessions of one process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatrixQuery {
    pub process_id: Uuid,
    /// First and last session by sequence (0 = organizational); empty means open-ended.
    #[ts(type = "number | null")]
    pub from_seq: Option<i64>,
    #[ts(type = "number | null")]
    pub to_seq: Option<i64>,
    pub axis: MatrixAxis,
    /// Only the group itself and its members (membership valid at the last session).
    pub group_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StanceCount {
    pub stance: Stance,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatrixRow {
    pub actor_id: Uuid,
    pub actor_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatrixColumn {
    pub subject: SubjectRef,
    pub label: String,
    /// How many actors hold each stance in this column (latest stance in range).
    pub counts: Vec<StanceCount>,
}

/// The positions behind one matrix cell: one actor on one subject over the same range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CellQuery {
    pub process_id: Uuid,
    #[ts(type = "number | null")]
    pub from_seq: Option<i64>,
    #[ts(type = "number | null")]
    pub to_seq: Option<i64>,
    pub actor_id: Uuid,
    pub subject: SubjectRef,
}

/// The latest stance of one actor on one subject within the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatrixCell {
    pub row: u32,
    pub column: u32,
    pub stance: Stance,
    #[ts(type = "number")]
    pub session_seq: i64,
    /// How many positions lie behind the cell in the range.
    pub positions: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Matrix {
    pub rows: Vec<MatrixRow>,
    pub columns: Vec<MatrixColumn>,
    pub cells: Vec<MatrixCell>,
}

/// One statement on a subject in an actor's timeline; `changed_from` marks a stance change
/// since the actor's previous statement on that subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineEntry {
    pub position: Position,
    pub changed_from: Option<Stance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineRow {
    pub subject: SubjectRef,
    pub label: String,
    /// How many earlier statements on the subject were left out (the page asks for them
    /// on request); 0 when `entries` holds them all.
    pub earlier: u32,
    pub entries: Vec<TimelineEntry>,
}

/// What an actor said, per subject, in session order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Timeline {
    pub actor: Actor,
    pub groups: Vec<GroupMembership>,
    pub rows: Vec<TimelineRow>,
}

vocabulary! {
    /// How a topic's page sorts actors into blocs.
    Grouping {
        Regional => "regional", "UN regional groups";
        Negotiating => "negotiating", "Negotiating groups";
    }
}

/// A topic's or proposal's page: who stands where, per session, by bloc.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubjectQuery {
    pub subject: SubjectRef,
    pub process_id: Uuid,
    pub grouping: Grouping,
}

/// One actor's stance on the subject at one session, and how it moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubjectActor {
    pub actor_id: Uuid,
    pub actor_name: String,
    /// The actor's latest stance at this session, and the camp it counts in.
    pub stance: Stance,
    pub camp: Camp,
    /// Its stance at the last earlier session where it spoke on the subject.
    pub previous: Option<Stance>,
    pub movement: Movement,
    /// Positions it recorded on the subject at this session.
    pub positions: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CampCount {
    pub camp: Camp,
    /// The camp's name for people ("Supporters").
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MovementCount {
    pub movement: Movement,
    /// The movement's name for people ("Moved towards support").
    pub label: String,
    pub count: u32,
}

/// The actors of one bloc (membership valid at the session), by camp then name. `group_id`
/// is empty for the actors in none of the grouping's groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubjectBloc {
    pub group_id: Option<Uuid>,
    pub group_name: String,
    pub counts: Vec<CampCount>,
    pub actors: Vec<SubjectActor>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubjectSession {
    pub session_id: Uuid,
    #[ts(type = "number")]
    pub seq: i64,
    pub title: String,
    pub counts: Vec<CampCount>,
    pub movements: Vec<MovementCount>,
    pub blocs: Vec<SubjectBloc>,
}

/// Sessions newest first, only those where someone spoke on the subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubjectOverview {
    pub subject: SubjectRef,
    pub label: String,
    pub sessions: Vec<SubjectSession>,
}

vocabulary! {
    /// A member's own position against its group's statement on the same subject.
    Alignment {
        Aligned => "aligned", "Aligned";
        Diverged => "diverged", "Diverged";
        Silent => "silent", "Silent";
    }
}

/// A group at one session of a process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CohesionQuery {
    pub group_id: Uuid,
    pub process_id: Uuid,
    #[ts(type = "number")]
    pub seq: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberAlignment {
    pub actor_id: Uuid,
    pub actor_name: String,
    pub alignment: Alignment,
    /// The member's own latest stance at the session, if it spoke.
    pub stance: Option<Stance>,
}

/// One subject the group spoke on, and where each member stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CohesionSubject {
    pub subject: SubjectRef,
    pub label: String,
    pub group_stance: Stance,
    pub aligned: u32,
    pub diverged: u32,
    pub silent: u32,
    pub members: Vec<MemberAlignment>,
}

/// Whether a group spoke with one voice: its own statements (or those delivered on its
/// behalf) against its members' positions at the same session, membership valid then.
/// A member is aligned when its stance falls in the same camp as the group's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Cohesion {
    pub group_name: String,
    pub session_title: String,
    pub members: u32,
    pub subjects: Vec<CohesionSubject>,
}

/// What a date field shows for what was typed in it (`days::read_day`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DayReading {
    /// The day, "2024-12-02"; none for an empty field or one that names no day.
    pub iso: Option<String>,
    /// The day as the UN writes it ("2 December 2024"), or what was typed if it names none.
    pub written: String,
    /// Why what was typed names no day.
    pub problem: Option<String>,
}
