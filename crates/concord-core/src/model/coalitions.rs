//! The agreement map: how close actors stand, measured from what they said.
use super::{ActorKind, Stance, SubjectRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Sessions `from..=to` of a process, by number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SeqRange {
    #[ts(type = "number")]
    pub from: i64,
    #[ts(type = "number")]
    pub to: i64,
}

/// What to measure: a process, a range of its sessions, and the subjects (every subject when
/// both lists are empty; else each topic with its sub-topics, and each proposal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreementQuery {
    pub process_id: Uuid,
    /// Every session of the process when absent.
    pub sessions: Option<SeqRange>,
    pub topic_ids: Vec<Uuid>,
    pub proposal_ids: Vec<Uuid>,
    /// An earlier range to measure drift from (arrows on the map).
    pub since: Option<SeqRange>,
    /// A group's own statement also counts for its members at that session, unless the
    /// member spoke for itself.
    pub members_follow_groups: bool,
    /// Fewer shared subjects than this and a pair's agreement is unknown (at least 1).
    pub min_shared: u32,
    /// Our delegation: the actors closest to and farthest from it are listed.
    pub our_id: Option<Uuid>,
}

/// A place on the map.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MapPoint {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MapActor {
    pub actor_id: Uuid,
    pub name: String,
    pub kind: ActorKind,
    /// The groups it belongs to at the range's last session (to colour the map by one).
    pub groups: Vec<Uuid>,
    /// Subjects it spoke to in the range.
    pub subjects: u32,
    /// Its place; absent when it shares too few subjects with the others to be placed.
    pub place: Option<MapPoint>,
    /// Its place in the earlier range, on the same axes (when `since` was asked for).
    pub earlier: Option<MapPoint>,
}

/// Two actors' agreement on the subjects both spoke to: 1 always in one camp, 0 always in
/// opposite camps; `None` (unknown) when they share fewer than `min_shared` subjects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreementPair {
    pub a: Uuid,
    pub b: Uuid,
    pub agreement: Option<f64>,
    pub shared: u32,
    /// The same pair in the earlier range.
    pub earlier: Option<f64>,
}

/// An actor as it stands to our delegation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Neighbour {
    pub actor_id: Uuid,
    pub name: String,
    pub agreement: f64,
    pub shared: u32,
    pub earlier: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OurNeighbours {
    pub our_id: Uuid,
    pub our_name: String,
    pub closest: Vec<Neighbour>,
    pub farthest: Vec<Neighbour>,
    /// Largest change of agreement with us since the earlier range, either way.
    pub moved_most: Vec<Neighbour>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreementMap {
    pub process_id: Uuid,
    pub sessions: SeqRange,
    pub since: Option<SeqRange>,
    /// Subjects at least one actor spoke to in the range.
    pub subjects: u32,
    pub min_shared: u32,
    pub actors: Vec<MapActor>,
    /// Every pair sharing at least one subject, `a` before `b` in `actors`' order.
    pub pairs: Vec<AgreementPair>,
    /// Share of the map's spread the two axes show (0–1); absent with fewer than 3 placed.
    pub explained: Option<f64>,
    pub ours: Option<OurNeighbours>,
}

impl AgreementMap {
    /// An actor's name as the map shows it ("" for one not on it).
    pub fn name_of(&self, id: Uuid) -> &str {
        self.actors
            .iter()
            .find(|a| a.actor_id == id)
            .map_or("", |a| a.name.as_str())
    }
}

/// Two actors' positions side by side, for a pair clicked on the map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PairQuery {
    pub query: AgreementQuery,
    pub a: Uuid,
    pub b: Uuid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PairSubject {
    pub subject: SubjectRef,
    pub label: String,
    pub a: Option<Stance>,
    pub b: Option<Stance>,
    /// What each said, in its words (the quote, else the summary), with session and source.
    pub a_said: Option<SaidIn>,
    pub b_said: Option<SaidIn>,
    /// Their agreement on it, when both spoke.
    pub agreement: Option<f64>,
}

/// A statement's words and where they were said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaidIn {
    pub words: String,
    pub session: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PairPositions {
    pub a_name: String,
    pub b_name: String,
    pub agreement: Option<f64>,
    pub shared: u32,
    /// Every subject either spoke to, shared ones first.
    pub subjects: Vec<PairSubject>,
}

vocabulary! {
    /// What the agreement map can be exported as: the map as a picture, or the matrix.
    MapFormat {
        Svg => "svg", "SVG picture of the map";
        Png => "png", "PNG picture of the map";
        Csv => "csv", "CSV (the agreement matrix)";
        Xlsx => "xlsx", "Excel workbook (matrix, pairs, places)";
    }
}

impl MapFormat {
    /// The format a file's name ends in (`map.svg`), else `None`.
    pub fn of_file(path: &std::path::Path) -> Option<MapFormat> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(MapFormat::parse)
    }
}

/// The agreement map to measure and draw (on the page, or into an export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MapRequest {
    pub query: AgreementQuery,
    /// Members of this group are drawn in their own colour (else States and groups apart).
    pub colour_by: Option<Uuid>,
}

/// The map's numbers and the drawing made of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DrawnMap {
    pub map: AgreementMap,
    pub drawing: super::Drawing,
}

/// What a map export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MapExportOutcome {
    pub path: String,
    pub format: MapFormat,
    /// Actors in the export (on the map, for a picture).
    pub actors: u32,
}
