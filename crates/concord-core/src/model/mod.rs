//! The record's vocabulary: the types every other module and the UI speak.
//!
//! Everything that crosses to the web UI derives `TS`; `make bindings` writes the TypeScript
//! twins to `ui/src/lib/bindings/`, so there is one source of truth for both sides.
//! Integers cross as JSON numbers, so they are typed `number` (all stay far below 2^53).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Declares a closed vocabulary stored as snake_case text: the enum, its `ALL` list, its
/// stored form, a parser that tolerates "Red line" or "red-line", and a label for people.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum $name { $($variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The form stored in SQLite and written in CSV and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// The words shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Reads the stored form, ignoring case and accepting spaces or hyphens for underscores.
            pub fn parse(text: &str) -> Option<$name> {
                let wanted = text.trim().to_lowercase().replace([' ', '-'], "_");
                $name::ALL.iter().copied().find(|v| v.as_str() == wanted)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What an actor said about a subject (domain.md, "Stance vocabulary").
    Stance {
        Supports => "supports", "Supports";
        Opposes => "opposes", "Opposes";
        Conditional => "conditional", "Conditional";
        Concerns => "concerns", "Concerns";
        Reservation => "reservation", "Reservation";
        Disassociation => "disassociation", "Disassociation";
        RedLine => "red_line", "Red line";
        Proposes => "proposes", "Proposes";
        ProposesAmendment => "proposes_amendment", "Proposes amendment";
        JoinedConsensus => "joined_consensus", "Joined consensus";
        Neutral => "neutral", "Neutral";
        Silent => "silent", "Silent";
    }
}

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

vocabulary! {
    /// What a document is in the life of a negotiated text.
    DocumentKind {
        ZeroDraft => "zero_draft", "Zero draft";
        RevisedDraft => "revised_draft", "Revised draft";
        Crp => "crp", "Conference room paper";
        Limited => "limited", "Limited distribution (L.)";
        Adopted => "adopted", "Adopted text";
        Statement => "statement", "Statement";
        WorkingPaper => "working_paper", "Working paper";
        NationalPosition => "national_position", "National position";
    }
}

vocabulary! {
    /// A numbered piece of a document.
    ProvisionKind {
        Heading => "heading", "Heading";
        Paragraph => "paragraph", "Paragraph";
        Subparagraph => "subparagraph", "Sub-paragraph";
        Footnote => "footnote", "Footnote";
    }
}

vocabulary! {
    /// What an amendment request asks to do to a provision.
    AmendmentOp {
        Insert => "insert", "Insert";
        Delete => "delete", "Delete";
        Replace => "replace", "Replace";
        Move => "move", "Move";
    }
}

vocabulary! {
    /// What became of an amendment request in the next revision.
    AmendmentStatus {
        Pending => "pending", "Pending";
        Accepted => "accepted", "Accepted";
        Partial => "partial", "Partially accepted";
        Rejected => "rejected", "Rejected";
    }
}

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

/// A vocabulary entry as the UI lists it in pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StanceOption {
    pub stance: Stance,
    pub label: String,
    /// Its place on the line from support to opposition (see [`Stance::SPECTRUM`]), for sorting.
    pub spectrum: u32,
}

impl Stance {
    pub fn options() -> Vec<StanceOption> {
        Stance::ALL
            .iter()
            .map(|s| StanceOption {
                stance: *s,
                label: s.label().to_string(),
                spectrum: s.spectrum(),
            })
            .collect()
    }

    /// Stances from full support to firm opposition, for sorting rows by stance.
    pub const SPECTRUM: &'static [Stance] = &[
        Stance::Supports,
        Stance::Proposes,
        Stance::JoinedConsensus,
        Stance::Conditional,
        Stance::ProposesAmendment,
        Stance::Concerns,
        Stance::Reservation,
        Stance::Neutral,
        Stance::Silent,
        Stance::Disassociation,
        Stance::Opposes,
        Stance::RedLine,
    ];

    pub fn spectrum(self) -> u32 {
        Stance::SPECTRUM
            .iter()
            .position(|s| *s == self)
            .unwrap_or(Stance::SPECTRUM.len()) as u32
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
    pub note: Option<String>,
}

/// A session of a process. `number` is empty for organizational sessions; `seq` orders them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Session {
    pub id: Uuid,
    pub process_id: Uuid,
    pub process_short_name: String,
    #[ts(type = "number")]
    pub seq: i64,
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    pub title: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub place: Option<String>,
    pub note: Option<String>,
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
    pub champions: Vec<Uuid>,
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
    /// Words to find in summary, quote, note or source (case-insensitive).
    pub text: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PositionPage {
    pub items: Vec<Position>,
    #[ts(type = "number")]
    pub total: u64,
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

/// A named set of actors saved for filtering (a like-minded or cross-regional group).
/// `members` are names, short names or ISO3 codes, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActorSetInput {
    pub name: String,
    pub members: Vec<String>,
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
    pub entries: Vec<TimelineEntry>,
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

/// Everything an actor said, per subject, in session order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Timeline {
    pub actor: Actor,
    pub groups: Vec<GroupMembership>,
    pub rows: Vec<TimelineRow>,
}

vocabulary! {
    /// The four camps of a topic's or proposal's page. Each stance belongs to one
    /// ([`Stance::camp`]): supporters, opponents, those who support on conditions or with
    /// changes, and the rest.
    Camp {
        Support => "support", "Supporters";
        Oppose => "oppose", "Opponents";
        Conditional => "conditional", "Conditional";
        Other => "other", "Others";
    }
}

impl Stance {
    /// The camp a stance counts in on a topic's or proposal's page.
    pub fn camp(self) -> Camp {
        match self {
            Stance::Supports | Stance::Proposes | Stance::JoinedConsensus => Camp::Support,
            Stance::Opposes | Stance::RedLine | Stance::Disassociation => Camp::Oppose,
            Stance::Conditional
            | Stance::Concerns
            | Stance::Reservation
            | Stance::ProposesAmendment => Camp::Conditional,
            Stance::Neutral | Stance::Silent => Camp::Other,
        }
    }
}

impl Camp {
    /// Opponents 0, conditional 1, supporters 2; others have no place on that line.
    pub fn rank(self) -> Option<u8> {
        match self {
            Camp::Oppose => Some(0),
            Camp::Conditional => Some(1),
            Camp::Support => Some(2),
            Camp::Other => None,
        }
    }
}

vocabulary! {
    /// How an actor's stance on a subject moved since its previous statement on it.
    Movement {
        New => "new", "First statement";
        TowardsSupport => "towards_support", "Moved towards support";
        AwayFromSupport => "away_from_support", "Moved away from support";
        Changed => "changed", "Changed stance";
        Unchanged => "unchanged", "Unchanged";
    }
}

impl Movement {
    pub fn between(previous: Option<Stance>, now: Stance) -> Movement {
        let Some(previous) = previous else {
            return Movement::New;
        };
        if previous == now {
            return Movement::Unchanged;
        }
        match (previous.camp().rank(), now.camp().rank()) {
            (Some(a), Some(b)) if b > a => Movement::TowardsSupport,
            (Some(a), Some(b)) if b < a => Movement::AwayFromSupport,
            _ => Movement::Changed,
        }
    }
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

mod drafts;
pub use drafts::*;

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

/// An error as the UI receives it: a stable code to branch on and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorInfo {
    pub code: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stance_parses_loose_spellings() {
        assert_eq!(Stance::parse("Red line"), Some(Stance::RedLine));
        assert_eq!(
            Stance::parse("joined-consensus"),
            Some(Stance::JoinedConsensus)
        );
        assert_eq!(Stance::parse(" SUPPORTS "), Some(Stance::Supports));
        assert_eq!(Stance::parse("maybe"), None);
    }

    #[test]
    fn stance_serialises_snake_case() {
        let json = serde_json::to_string(&Stance::ProposesAmendment).unwrap();
        assert_eq!(json, "\"proposes_amendment\"");
        for s in Stance::ALL {
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
        assert_eq!(Stance::ALL.len(), 12);
    }

    #[test]
    fn subject_ref_is_tagged() {
        let id = Uuid::nil();
        let json = serde_json::to_value(SubjectRef::Topic(id)).unwrap();
        assert_eq!(json["kind"], "topic");
        assert_eq!(json["id"], id.to_string());
    }
}
