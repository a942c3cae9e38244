//! The agreement map laid out as a picture: where each actor's dot, label and drift arrow go,
//! its colour, and the words round it. The window's Coalitions page draws this layout as
//! SVG; `export::map_picture` draws the same one as SVG or PNG.
//!
//! The map's coordinates are distances (0–1) between actors; both axes are scaled by one
//! factor so those distances stay true on paper.

use super::agreement_map;
use crate::model::{
    ActorKind, AgreementMap, Arrow, Dot, Drawing, DrawnMap, Label, LegendEntry, MapPoint,
    MapRequest, Tone,
};
use crate::store::{Store, StoreError};
use uuid::Uuid;

/// The square the map is drawn in, the margin round its points, and the bands above (title
/// and caption) and below (legend) it, in pixels.
pub const SIZE: f64 = 640.0;
pub const MARGIN: f64 = 40.0;
pub const HEADER: f64 = 100.0;
pub const FOOTER: f64 = 44.0;
/// With this many actors or fewer every one is named; else only us and our neighbours.
pub const NAMED_ALL: usize = 40;

/// The colour of a tone, as the window draws it (app.css holds the same for the page).
pub fn colour(t: Tone) -> (u8, u8, u8) {
    match t {
        Tone::State => (0x1f, 0x4e, 0x79),
        Tone::Group => (0xb5, 0x65, 0x1d),
        Tone::Member => (0x2e, 0x7d, 0x32),
        Tone::Other => (0xb8, 0xc0, 0xca),
        Tone::Ours => (0xa4, 0x26, 0x2c),
    }
}

/// How the map is coloured: by a group's membership (its id and name), else States apart
/// from groups; our delegation apart in either case.
pub struct Colouring {
    pub group: Option<(Uuid, String)>,
    pub our: Option<Uuid>,
}

/// Measures `request`'s map and lays it out, titled with the process's name and coloured
/// by the group asked for.
pub fn drawn_map(store: &Store, request: &MapRequest) -> Result<DrawnMap, StoreError> {
    let map = agreement_map(store, &request.query)?;
    let process = crate::catalog::process(store, request.query.process_id)?;
    let title = format!(
        "Who stands with whom: {}",
        if process.short_name.is_empty() {
            process.name
        } else {
            process.short_name
        }
    );
    let group = match request.colour_by {
        Some(g) => Some((g, store.actor_names()?.remove(&g).unwrap_or_default())),
        None => None,
    };
    let colouring = Colouring {
        group,
        our: request.query.our_id,
    };
    let drawing = lay_out(&map, title, &colouring);
    Ok(DrawnMap { map, drawing })
}

/// Lays `map` out under `title`.
pub fn lay_out(map: &AgreementMap, title: String, colouring: &Colouring) -> Drawing {
    let at = frame(map, SIZE, MARGIN, HEADER);
    let named = named(map, NAMED_ALL);
    let mut labelled: Vec<MapPoint> = Vec::new();
    let mut dots = Vec::new();
    let mut arrows = Vec::new();
    for a in &map.actors {
        let Some(place) = a.place else { continue };
        let to = at(place);
        if let Some(earlier) = a.earlier {
            let from = at(earlier);
            // A move shorter than a dot is no move to draw.
            if (to.x - from.x).hypot(to.y - from.y) > 4.0 {
                arrows.push(Arrow { from, to });
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
            // Points on top of one another (a bloc that always agrees) stack their labels,
            // in name order (the map's actors are).
            let label = label_beside(to, stacked_under(&labelled, to), SIZE);
            labelled.push(to);
            label
        });
        dots.push(Dot {
            actor_id: a.actor_id,
            name: a.name.clone(),
            x: to.x,
            y: to.y,
            radius: if tone == Tone::Ours { 7.0 } else { 5.0 },
            tone,
            label,
        });
    }
    dots.sort_by_key(|d| d.tone == Tone::Ours);
    let placed = dots.len();
    Drawing {
        width: SIZE,
        height: HEADER + SIZE + FOOTER,
        map_top: HEADER,
        map_size: SIZE,
        title,
        counts: format!(
            "{placed} of {} actors placed from {} subjects, sessions {}–{}{}; pairs sharing \
             fewer than {} subjects are unknown.",
            map.actors.len(),
            map.subjects,
            map.sessions.from,
            map.sessions.to,
            map.since
                .map(|s| format!(", arrows from sessions {}–{}", s.from, s.to))
                .unwrap_or_default(),
            map.min_shared,
        ),
        reading: format!(
            "Agreement: same camp 100 %, opposite camps 0 %, conditional, concerns or neutral \
             half-way; closer is more alike.{}",
            map.explained
                .map(|e| format!(" The two axes show {:.0} % of the differences.", e * 100.0))
                .unwrap_or_default()
        ),
        arrows,
        legend: legend(&dots, colouring),
        dots,
        empty: (placed == 0).then(|| {
            format!(
                "No two actors share {} subjects here: lower “At least”, or widen the sessions.",
                map.min_shared
            )
        }),
    }
}

/// Map coordinates → pixels: a square of `size` from `top` down, `margin` round every placed
/// and earlier point, centred, one scale for both axes, up on the map up on the picture.
fn frame(map: &AgreementMap, size: f64, margin: f64, top: f64) -> impl Fn(MapPoint) -> MapPoint {
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
    let scale = (size - 2.0 * margin) / span;
    let (cx, cy) = ((min_x + max_x) / 2.0, (min_y + max_y) / 2.0);
    move |p| MapPoint {
        x: size / 2.0 + (p.x - cx) * scale,
        y: top + size / 2.0 - (p.y - cy) * scale,
    }
}

/// The actors named on the map: all when `few` or fewer, else us and our closest, farthest
/// and most moved (nobody without us).
fn named(map: &AgreementMap, few: usize) -> Vec<Uuid> {
    if map.actors.len() <= few {
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

/// How many labels of `labelled` dots sit on the spot `at` (within a dot's width of it), so
/// the next goes under them. A distance, not a grid: two dots a pixel apart on either side
/// of a grid line are one spot.
fn stacked_under(labelled: &[MapPoint], at: MapPoint) -> u32 {
    labelled
        .iter()
        .filter(|p| (p.x - at.x).hypot(p.y - at.y) < 8.0)
        .count() as u32
}

/// Beside the dot, on its left near the right edge of a map `size` wide; `below` labels are
/// already stacked there.
fn label_beside(at: MapPoint, below: u32, size: f64) -> Label {
    let ends_here = at.x > size - 120.0;
    Label {
        x: if ends_here { at.x - 9.0 } else { at.x + 9.0 },
        y: at.y + 4.0 + f64::from(below) * 13.0,
        ends_here,
    }
}

fn legend(dots: &[Dot], colouring: &Colouring) -> Vec<LegendEntry> {
    let used = |t: Tone| dots.iter().any(|d| d.tone == t);
    let group = colouring.group.as_ref().map_or("", |(_, n)| n.as_str());
    [
        (Tone::Ours, "our delegation".to_string()),
        (Tone::State, "State".to_string()),
        (Tone::Group, "group".to_string()),
        (Tone::Member, format!("{group} and its members")),
        (Tone::Other, format!("not in {group}")),
    ]
    .into_iter()
    .filter(|(t, _)| used(*t))
    .map(|(tone, meaning)| LegendEntry { tone, meaning })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MapActor, SeqRange};

    fn actor(id: u128, x: f64, y: f64, earlier: Option<(f64, f64)>) -> MapActor {
        MapActor {
            actor_id: Uuid::from_u128(id),
            name: format!("actor {id}"),
            kind: ActorKind::State,
            groups: vec![],
            subjects: 3,
            place: Some(MapPoint { x, y }),
            earlier: earlier.map(|(x, y)| MapPoint { x, y }),
        }
    }

    fn map(actors: Vec<MapActor>) -> AgreementMap {
        AgreementMap {
            process_id: Uuid::nil(),
            sessions: SeqRange { from: 1, to: 2 },
            since: None,
            subjects: 3,
            min_shared: 3,
            actors,
            pairs: vec![],
            explained: Some(1.0),
            ours: None,
        }
    }

    fn pt(x: f64, y: f64) -> MapPoint {
        MapPoint { x, y }
    }

    #[test]
    fn the_frame_fits_every_point_earlier_ones_too_with_one_scale_for_both_axes() {
        let m = map(vec![
            actor(1, -1.0, 0.0, None),
            actor(2, 1.0, 0.0, Some((0.0, 2.0))),
        ]);
        let at = frame(&m, 120.0, 10.0, 0.0);
        assert_eq!(at(pt(-1.0, 0.0)), pt(10.0, 110.0));
        assert_eq!(at(pt(1.0, 0.0)), pt(110.0, 110.0));
        // Up on the map is up on the picture.
        assert_eq!(at(pt(0.0, 2.0)), pt(60.0, 10.0));
        // Below the title band, everything moves down by it.
        assert_eq!(frame(&m, 120.0, 10.0, 30.0)(pt(0.0, 2.0)), pt(60.0, 40.0));
    }

    #[test]
    fn a_lone_point_is_in_the_middle() {
        let m = map(vec![actor(1, 0.3, 0.3, None)]);
        assert_eq!(frame(&m, 100.0, 10.0, 0.0)(pt(0.3, 0.3)), pt(50.0, 50.0));
    }

    #[test]
    fn everyone_is_named_on_a_small_map_and_nobody_on_a_large_one_without_us() {
        let m = map(vec![actor(1, 0.0, 0.0, None), actor(2, 1.0, 1.0, None)]);
        assert_eq!(named(&m, 40), [Uuid::from_u128(1), Uuid::from_u128(2)]);
        assert!(named(&m, 1).is_empty());
    }

    #[test]
    fn labels_stack_on_one_spot_and_turn_left_at_the_right_edge() {
        let m = map(vec![
            actor(1, 0.0, 0.0, None),
            actor(2, 0.0, 0.0, None),
            actor(3, 1.0, 0.0, None),
        ]);
        let colouring = Colouring {
            group: None,
            our: None,
        };
        let d = lay_out(&m, "t".into(), &colouring);
        let label = |id: u128| {
            d.dots
                .iter()
                .find(|x| x.actor_id == Uuid::from_u128(id))
                .and_then(|x| x.label)
                .unwrap_or_else(|| panic!("no label for {id}"))
        };
        let (a, b, c) = (label(1), label(2), label(3));
        assert!(!a.ends_here && a.x == MARGIN + 9.0);
        assert_eq!(
            b.y - a.y,
            13.0,
            "the second on one spot goes under the first"
        );
        assert!(c.ends_here && c.x == SIZE - MARGIN - 9.0);
        // Dots a pixel apart across what a grid of 8 would split are one spot.
        assert_eq!(stacked_under(&[pt(3.6, 50.0)], pt(4.4, 50.0)), 1);
        assert_eq!(
            stacked_under(&[pt(3.6, 50.0), pt(4.4, 50.0)], pt(4.0, 50.5)),
            2
        );
        assert_eq!(stacked_under(&[pt(3.6, 50.0)], pt(20.0, 50.0)), 0);
        assert_eq!(
            label_beside(pt(50.0, 50.0), 0, 200.0),
            Label {
                x: 59.0,
                y: 54.0,
                ends_here: false
            }
        );
        assert_eq!(
            label_beside(pt(51.0, 50.0), 1, 200.0),
            Label {
                x: 60.0,
                y: 67.0,
                ends_here: false
            }
        );
        assert_eq!(
            label_beside(pt(190.0, 50.0), 0, 200.0),
            Label {
                x: 181.0,
                y: 54.0,
                ends_here: true
            }
        );
    }
}
