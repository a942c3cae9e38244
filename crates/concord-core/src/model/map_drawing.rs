//! The agreement map laid out for drawing, in pixels: the page draws it as SVG, the export
//! as SVG or PNG; both from this one layout (`coalitions::drawing`).
use super::MapPoint;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

vocabulary! {
    /// What an actor's dot says by its colour.
    Tone {
        State => "state", "State";
        Group => "group", "group";
        Member => "member", "member of the group the map is coloured by";
        Other => "other", "not a member of that group";
        Ours => "ours", "our delegation";
    }
}

/// Where a label goes: its start, or its end beside a dot near the right edge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub ends_here: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Dot {
    pub actor_id: Uuid,
    pub name: String,
    pub x: f64,
    pub y: f64,
    pub radius: f64,
    pub tone: Tone,
    /// Absent for an actor left unnamed on a crowded map.
    pub label: Option<Label>,
}

/// From where an actor stood in the earlier range to where it stands now.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Arrow {
    pub from: MapPoint,
    pub to: MapPoint,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LegendEntry {
    pub tone: Tone,
    pub meaning: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Drawing {
    /// The whole picture: title and caption above the map, legend below.
    pub width: f64,
    pub height: f64,
    /// The square the map itself fills: from `map_top` down, `map_size` each way.
    pub map_top: f64,
    pub map_size: f64,
    pub title: String,
    /// What is measured: actors placed, subjects, sessions, arrows, the threshold.
    pub counts: String,
    /// How to read it: the agreement scale, and how much of the differences the axes show.
    pub reading: String,
    pub arrows: Vec<Arrow>,
    /// Ours last, so no other dot covers it.
    pub dots: Vec<Dot>,
    /// Each colour used, with what it means.
    pub legend: Vec<LegendEntry>,
    /// Said in the middle of the map when nobody could be placed.
    pub empty: Option<String>,
}
