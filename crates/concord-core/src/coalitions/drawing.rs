//! The agreement map laid out as a picture: where each actor's dot, label and drift arrow go,
//! its colour, and the words round it. Drawn by `export::map_picture` (SVG, PNG).
//!
//! The map's coordinates are distances (0–1) between actors; both axes are scaled by one
//! factor so those distances stay true on paper.

use crate::model::{ActorKind, AgreementMap, MapPoint};
use uuid::Uuid;

/// The square the map is drawn in, the margin round its points, and the bands above (title)
/// and below (legend) it, in pixels.
pub const SIZE: f64 = 640.0;
pub const MARGIN: f64 = 40.0;
pub const HEADER: f64 = 100.0;
pub const FOOTER: f64 = 44.0;
/// Characters a caption line holds across the picture (11-pixel text).
pub const CAPTION_CHARS: usize = 100;
/// With this many actors or fewer every one is named; else only us and our neighbours.
pub const NAMED_ALL: usize = 40;

/// What an actor's dot says by its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    State,
    Group,
    /// A member of the group the map is coloured by (or the group itself).
    Member,
    /// Not a member of that group.
    Other,
    Ours,
}

impl Tone {
    /// The colour, as the window draws it.
    pub fn colour(self) -> (u8, u8, u8) {
        match self {
            Tone::State => (0x1f, 0x4e, 0x79),
            Tone::Group => (0xb5, 0x65, 0x1d),
            Tone::Member => (0x2e, 0x7d, 0x32),
            Tone::Other => (0xb8, 0xc0, 0xca),
            Tone::Ours => (0xa4, 0x26, 0x2c),
        }
    }
}

/// Where a label goes: its start (or its end, beside a dot near the right edge).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub ends_here: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    pub name: String,
    pub x: f64,
    pub y: f64,
    pub radius: f64,
    pub tone: Tone,
    pub label: Option<Label>,
}

/// From where an actor stood in the earlier range to where it stands now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrow {
    pub from: (f64, f64),
    pub to: (f64, f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub width: f64,
    pub height: f64,
    pub title: String,
    /// Lines under the title: what is measured, how much the axes hold.
    pub caption: Vec<String>,
    pub arrows: Vec<Arrow>,
    pub dots: Vec<Dot>,
    /// Each colour used, with what it means.
    pub legend: Vec<(Tone, String)>,
    /// Said in the middle of the map when nobody could be placed.
    pub empty: Option<String>,
}

/// How the map is coloured: by a group's membership (its id and name), else States apart
/// from groups; our delegation apart in either case.
pub struct Colouring {
    pub group: Option<(Uuid, String)>,
    pub our: Option<Uuid>,
}

/// Lays `map` out under `title`.
pub fn lay_out(map: &AgreementMap, title: String, colouring: &Colouring) -> Drawing {
    let at = frame(map);
    let named = named(map);
    let mut stacks = std::collections::HashMap::new();
    let mut dots = Vec::new();
    let mut arrows = Vec::new();
    for a in &map.actors {
        let Some(place) = a.place else { continue };
        let (x, y) = at(place);
        if let Some(earlier) = a.earlier {
            let from = at(earlier);
            // A move shorter than a dot is no move to draw.
            if (x - from.0).hypot(y - from.1) > 4.0 {
                arrows.push(Arrow { from, to: (x, y) });
            }
        }
        let tone = if Some(a.actor_id) == colouring.our {
            Tone::Ours
        } else {
            match &colouring.group {
                Some((g, _)) if a.actor_id == *g || a.groups.contains(g) => Tone::Member,
                Some(_) => Tone::Other,
                None if a.kind == ActorKind::State => Tone::State,
                None => Tone::Group,
            }
        };
        let label = named.contains(&a.actor_id).then(|| {
            // Points on top of one another (a bloc that always agrees) stack their labels.
            let key = ((x / 8.0).round() as i64, (y / 8.0).round() as i64);
            let below: &mut u32 = stacks.entry(key).or_default();
            let label = label_beside(x, y, *below);
            *below += 1;
            label
        });
        dots.push(Dot {
            name: a.name.clone(),
            x,
            y,
            radius: if tone == Tone::Ours { 7.0 } else { 5.0 },
            tone,
            label,
        });
    }
    // Ours last, so no other dot covers it.
    dots.sort_by_key(|d| d.tone == Tone::Ours);
    let placed = dots.len();
    let caption = [
        format!(
            "{placed} of {} actors placed from {} subjects, sessions {}–{}{}; pairs sharing fewer \
         than {} subjects are unknown.",
            map.actors.len(),
            map.subjects,
            map.sessions.from,
            map.sessions.to,
            map.since
                .map(|s| format!(", arrows from sessions {}–{}", s.from, s.to))
                .unwrap_or_default(),
            map.min_shared,
        ),
        format!(
        "Same camp 100 %, opposite camps 0 %, conditional, concerns or neutral half-way; closer \
         is more alike.{}",
        map.explained
            .map(|e| format!(
                " The two axes show {:.0} % of the differences.",
                e * 100.0
            ))
            .unwrap_or_default()
    ),
    ];
    Drawing {
        width: SIZE,
        height: HEADER + SIZE + FOOTER,
        title,
        caption: caption
            .iter()
            .flat_map(|c| wrap(c, CAPTION_CHARS))
            .collect(),
        arrows,
        legend: legend(&dots, colouring),
        dots,
        empty: (placed == 0).then(|| {
            format!(
                "No two actors share {} subjects here: lower the minimum or widen the sessions.",
                map.min_shared
            )
        }),
    }
}

/// Map coordinates → pixels: a square round every placed and earlier point, centred, y up.
fn frame(map: &AgreementMap) -> impl Fn(MapPoint) -> (f64, f64) {
    let points: Vec<MapPoint> = map
        .actors
        .iter()
        .flat_map(|a| [a.place, a.earlier])
        .flatten()
        .collect();
    let bound = |f: fn(&MapPoint) -> f64| {
        points
            .iter()
            .map(f)
            .fold(None, |acc: Option<(f64, f64)>, v| {
                Some(acc.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
            })
    };
    let (min_x, max_x) = bound(|p| p.x).unwrap_or((0.0, 0.0));
    let (min_y, max_y) = bound(|p| p.y).unwrap_or((0.0, 0.0));
    let span = (max_x - min_x).max(max_y - min_y).max(1e-9);
    let scale = (SIZE - 2.0 * MARGIN) / span;
    let (cx, cy) = ((min_x + max_x) / 2.0, (min_y + max_y) / 2.0);
    move |p| {
        (
            SIZE / 2.0 + (p.x - cx) * scale,
            HEADER + SIZE / 2.0 - (p.y - cy) * scale,
        )
    }
}

/// The actors named on the map: all when few, else us and our closest, farthest and most moved.
fn named(map: &AgreementMap) -> Vec<Uuid> {
    if map.actors.len() <= NAMED_ALL {
        return map.actors.iter().map(|a| a.actor_id).collect();
    }
    let Some(ours) = &map.ours else {
        return Vec::new();
    };
    std::iter::once(ours.our_id)
        .chain(
            [&ours.closest, &ours.farthest, &ours.moved_most]
                .into_iter()
                .flatten()
                .map(|n| n.actor_id),
        )
        .collect()
}

/// Beside the dot, on its left near the right edge; `below` labels already stacked there.
fn label_beside(x: f64, y: f64, below: u32) -> Label {
    let ends_here = x > SIZE - 120.0;
    Label {
        x: if ends_here { x - 9.0 } else { x + 9.0 },
        y: y + 4.0 + f64::from(below) * 13.0,
        ends_here,
    }
}

/// `text` in lines of at most `width` characters, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn legend(dots: &[Dot], colouring: &Colouring) -> Vec<(Tone, String)> {
    let used = |t: Tone| dots.iter().any(|d| d.tone == t);
    let group = colouring.group.as_ref().map(|(_, n)| n.as_str());
    [
        (Tone::Ours, "our delegation".to_string()),
        (Tone::State, "State".to_string()),
        (Tone::Group, "group".to_string()),
        (
            Tone::Member,
            format!("{} and its members", group.unwrap_or("")),
        ),
        (Tone::Other, format!("not in {}", group.unwrap_or(""))),
    ]
    .into_iter()
    .filter(|(t, _)| used(*t))
    .collect()
}
