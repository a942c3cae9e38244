//! The agreement map on crafted records whose answers are known.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_core::coalitions::{agreement_map, pair_positions};
use concord_core::model::{
    AgreementMap, AgreementQuery, MapPoint, PairQuery, SeqRange, Stance, SubjectRef,
};
use concord_core::reference::{self, OEWG};
use concord_core::Store;
use concord_testing::{position, say, store};

const SUBJECTS: [&str; 5] = [
    "International law",
    "Capacity-building",
    "Confidence-building measures",
    "Regular institutional dialogue",
    "Cross-cutting issues/Gender",
];
const WEST: [&str; 3] = ["FRA", "DEU", "NLD"];
const EAST: [&str; 3] = ["RUS", "BLR", "NIC"];

fn topic(path: &str) -> SubjectRef {
    SubjectRef::Topic(reference::topic_id(path))
}

fn says(s: &mut Store, iso3: &str, seq: i64, path: &str, stance: Stance) {
    say(
        s,
        concord_core::model::PositionInput {
            subject: topic(path),
            stance,
            ..position(iso3, seq)
        },
    );
}

fn query() -> AgreementQuery {
    AgreementQuery {
        process_id: reference::process_id(OEWG),
        sessions: None,
        topic_ids: vec![],
        proposal_ids: vec![],
        since: None,
        members_follow_groups: false,
        min_shared: 3,
        our_id: None,
    }
}

fn range(from: i64, to: i64) -> Option<SeqRange> {
    Some(SeqRange { from, to })
}

/// Two blocs at `seq`: the West supports every subject, the East opposes every one.
fn two_blocs(s: &mut Store, seq: i64) {
    for path in SUBJECTS {
        for iso3 in WEST {
            says(s, iso3, seq, path, Stance::Supports);
        }
        for iso3 in EAST {
            says(s, iso3, seq, path, Stance::Opposes);
        }
    }
}

fn agreement(m: &AgreementMap, a: &str, b: &str) -> Option<f64> {
    let (a, b) = (reference::state_id(a), reference::state_id(b));
    m.pairs
        .iter()
        .find(|p| (p.a, p.b) == (a, b) || (p.a, p.b) == (b, a))
        .unwrap_or_else(|| panic!("no pair"))
        .agreement
}

fn place(m: &AgreementMap, iso3: &str) -> MapPoint {
    actor(m, iso3).place.unwrap()
}

fn actor<'m>(m: &'m AgreementMap, iso3: &str) -> &'m concord_core::model::MapActor {
    let id = reference::state_id(iso3);
    m.actors.iter().find(|a| a.actor_id == id).unwrap()
}

fn distance(a: MapPoint, b: MapPoint) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

#[test]
fn two_blocs_that_never_agree_sit_apart() {
    let mut s = store();
    two_blocs(&mut s, 7);
    let m = agreement_map(&s, &query()).unwrap();
    assert_eq!(m.actors.len(), 6);
    assert_eq!(m.subjects, 5);
    assert_eq!(agreement(&m, "FRA", "DEU"), Some(1.0));
    assert_eq!(agreement(&m, "FRA", "RUS"), Some(0.0));
    let within = distance(place(&m, "FRA"), place(&m, "NLD"));
    let across = distance(place(&m, "FRA"), place(&m, "BLR"));
    assert!(within < 1e-6, "{within}");
    assert!((across - 1.0).abs() < 1e-6, "{across}");
    // One line holds all of it.
    assert!((m.explained.unwrap() - 1.0).abs() < 1e-9);
}

#[test]
fn half_way_stances_count_half() {
    let mut s = store();
    for path in SUBJECTS {
        says(&mut s, "FRA", 7, path, Stance::Supports);
        says(&mut s, "EGY", 7, path, Stance::Conditional);
        says(&mut s, "BRA", 7, path, Stance::Neutral);
        says(&mut s, "IND", 7, path, Stance::Silent);
    }
    let m = agreement_map(&s, &query()).unwrap();
    assert_eq!(agreement(&m, "FRA", "EGY"), Some(0.5));
    assert_eq!(agreement(&m, "EGY", "BRA"), Some(1.0));
    // Silence is not a stance: India spoke to nothing, so it is not on the map.
    let india = reference::state_id("IND");
    assert!(m.actors.iter().all(|a| a.actor_id != india));
}

#[test]
fn too_few_shared_subjects_is_unknown_never_half() {
    let mut s = store();
    two_blocs(&mut s, 7);
    // Brazil spoke to two of the five subjects only.
    says(&mut s, "BRA", 7, SUBJECTS[0], Stance::Supports);
    says(&mut s, "BRA", 7, SUBJECTS[1], Stance::Opposes);
    let m = agreement_map(&s, &query()).unwrap();
    let brazil = reference::state_id("BRA");
    let with_brazil: Vec<_> = m
        .pairs
        .iter()
        .filter(|p| p.a == brazil || p.b == brazil)
        .collect();
    assert_eq!(with_brazil.len(), 6);
    assert!(with_brazil
        .iter()
        .all(|p| p.agreement.is_none() && p.shared == 2));
    assert_eq!(actor(&m, "BRA").place, None);
    assert_eq!(actor(&m, "BRA").subjects, 2);
    // With a threshold of two, it is known: one subject with each bloc of the two.
    let m = agreement_map(
        &s,
        &AgreementQuery {
            min_shared: 2,
            ..query()
        },
    )
    .unwrap();
    assert_eq!(agreement(&m, "BRA", "FRA"), Some(0.5));
    assert!(actor(&m, "BRA").place.is_some());
}

#[test]
fn a_state_that_switched_camps_moves_between_them() {
    let mut s = store();
    two_blocs(&mut s, 5);
    two_blocs(&mut s, 7);
    for path in SUBJECTS {
        says(&mut s, "EGY", 5, path, Stance::Supports);
        says(&mut s, "EGY", 7, path, Stance::Opposes);
    }
    let m = agreement_map(
        &s,
        &AgreementQuery {
            sessions: range(7, 7),
            since: range(5, 5),
            our_id: Some(reference::state_id("FRA")),
            ..query()
        },
    )
    .unwrap();
    let egypt = actor(&m, "EGY");
    let (now, then) = (egypt.place.unwrap(), egypt.earlier.unwrap());
    // The earlier map is laid onto the later one by the points both have, Egypt among them,
    // so the West of then sits near, not exactly on, the West of now.
    let (west, east) = (place(&m, "FRA"), place(&m, "RUS"));
    assert!(
        distance(then, west) < distance(then, east) / 2.0,
        "was with the West"
    );
    assert!(distance(now, east) < 1e-6, "now with the East");
    assert!(
        distance(then, now) > 0.5,
        "the arrow is long: {then:?} → {now:?}"
    );
    let ours = m.ours.unwrap();
    assert_eq!(ours.our_name, "France");
    let moved = &ours.moved_most[0];
    assert_eq!(moved.actor_id, reference::state_id("EGY"));
    assert_eq!((moved.earlier, moved.agreement), (Some(1.0), 0.0));
    assert_eq!(ours.moved_most.len(), 1, "nobody else moved");
    // Nearer than half-way, and beyond it: Germany and the Netherlands; the East and Egypt.
    assert_eq!(ours.closest.len(), 2);
    assert!(ours.closest.iter().all(|n| n.agreement == 1.0));
    assert_eq!(ours.farthest.len(), 4);
    assert!(ours.farthest.iter().all(|n| n.agreement == 0.0));
}

#[test]
fn a_groups_statement_counts_for_the_group_and_optionally_its_members() {
    let mut s = store();
    two_blocs(&mut s, 7);
    // France reads out the EU's statements; Germany also speaks for itself on one subject.
    let eu = reference::group_id("EU");
    for path in SUBJECTS {
        say(
            &mut s,
            concord_core::model::PositionInput {
                subject: topic(path),
                on_behalf_of_id: Some(eu),
                ..position("FRA", 7)
            },
        );
    }
    says(&mut s, "DEU", 7, SUBJECTS[0], Stance::Opposes);
    let m = agreement_map(&s, &query()).unwrap();
    assert!(m.actors.iter().any(|a| a.actor_id == eu));
    let italy = reference::state_id("ITA");
    assert!(m.actors.iter().all(|a| a.actor_id != italy));
    let followed = agreement_map(
        &s,
        &AgreementQuery {
            members_follow_groups: true,
            ..query()
        },
    )
    .unwrap();
    // Italy said nothing itself: the EU's statements stand for it.
    assert_eq!(agreement(&followed, "ITA", "NLD"), Some(1.0));
    // Germany's own word on the first subject stands over the EU's.
    let pair = pair_positions(
        &s,
        &PairQuery {
            query: AgreementQuery {
                members_follow_groups: true,
                ..query()
            },
            a: reference::state_id("DEU"),
            b: reference::state_id("ITA"),
        },
    )
    .unwrap();
    assert_eq!(pair.shared, 5);
    assert_eq!(pair.agreement, Some(0.8));
    let first = pair
        .subjects
        .iter()
        .find(|p| p.subject == topic(SUBJECTS[0]))
        .unwrap();
    assert_eq!(
        (first.a, first.b),
        (Some(Stance::Opposes), Some(Stance::Supports))
    );
    assert_eq!(first.agreement, Some(0.0));
    // Each side's words come with where they were said; Italy's are the EU's statement.
    let italy = first.b_said.as_ref().unwrap();
    assert_eq!(italy.session, "7th substantive session");
    assert!(first.a_said.is_some());
}

#[test]
fn a_topic_counts_with_its_sub_topics_and_nothing_else() {
    let mut s = store();
    two_blocs(&mut s, 7);
    says(
        &mut s,
        "FRA",
        7,
        "International law/Sovereignty and non-intervention",
        Stance::Opposes,
    );
    says(
        &mut s,
        "RUS",
        7,
        "International law/Sovereignty and non-intervention",
        Stance::Opposes,
    );
    let m = agreement_map(
        &s,
        &AgreementQuery {
            topic_ids: vec![reference::topic_id("International law")],
            min_shared: 1,
            ..query()
        },
    )
    .unwrap();
    assert_eq!(m.subjects, 2);
    assert_eq!(agreement(&m, "FRA", "RUS"), Some(0.5));
}

#[test]
fn a_range_outside_the_process_is_refused_with_what_it_has() {
    let s = store();
    let e = agreement_map(
        &s,
        &AgreementQuery {
            sessions: range(7, 99),
            ..query()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("not all in this process"), "{e}");
    let e = agreement_map(
        &s,
        &AgreementQuery {
            sessions: range(7, 5),
            ..query()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("give the earlier first"), "{e}");
    // An empty range is an empty map, not an error.
    let m = agreement_map(&s, &query()).unwrap();
    assert!(m.actors.is_empty() && m.pairs.is_empty() && m.explained.is_none());
}

#[test]
fn a_file_read_in_two_halves_gives_the_map_of_one_read() {
    // A file is read in two halves of the sessions at once; a store in memory in one piece.
    let dir = tempfile::tempdir().unwrap();
    let mut file = Store::open_ready(
        &dir.path().join("halves.concord"),
        std::sync::Arc::new(concord_core::SystemClock),
        uuid::Uuid::nil(),
    )
    .unwrap();
    let mut memory = store();
    for s in [&mut file, &mut memory] {
        two_blocs(s, 2);
        two_blocs(s, 8);
        // Egypt with the West early, with the East late: the late half holds its latest.
        for path in SUBJECTS {
            says(s, "EGY", 2, path, Stance::Supports);
            says(s, "EGY", 8, path, Stance::Opposes);
        }
        // The African Group speaks for Kenya early only: inherited across the halves.
        for path in SUBJECTS {
            say(
                s,
                concord_core::model::PositionInput {
                    subject: topic(path),
                    stance: Stance::Supports,
                    on_behalf_of_id: Some(reference::group_id("AFR")),
                    ..position("EGY", 3)
                },
            );
        }
    }
    let q = AgreementQuery {
        members_follow_groups: true,
        ..query()
    };
    let (a, b) = (
        agreement_map(&file, &q).unwrap(),
        agreement_map(&memory, &q).unwrap(),
    );
    let pairs = |m: &AgreementMap| {
        m.pairs
            .iter()
            .map(|p| (p.a, p.b, p.agreement, p.shared))
            .collect::<Vec<_>>()
    };
    assert_eq!(pairs(&a), pairs(&b));
    assert_eq!(agreement(&a, "EGY", "RUS"), Some(1.0));
    assert_eq!(
        agreement(&a, "KEN", "FRA"),
        Some(1.0),
        "Kenya inherits the group's"
    );
    assert_eq!(a.subjects, b.subjects);
}

#[test]
fn a_write_by_another_program_during_the_read_is_read_whole() {
    // The halves are one reading: a commit by another connection while they are read makes
    // the whole range be read again, so no half misses what the other saw.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.concord");
    let open = || {
        Store::open_ready(
            &path,
            std::sync::Arc::new(concord_core::SystemClock),
            uuid::Uuid::nil(),
        )
        .unwrap()
    };
    let mut s = open();
    two_blocs(&mut s, 2);
    two_blocs(&mut s, 8);
    let other = std::sync::Mutex::new(Some(open()));
    let oewg = reference::process_id(OEWG);
    let all = SeqRange { from: 1, to: 9 };
    let halves = s
        .statements_in_halves(oewg, all, &[], &[], &Vec::new, &|seen, st| {
            // The first statement read by either half: another program adds one at 9.
            if let Some(mut o) = other.lock().unwrap().take() {
                says(&mut o, "EGY", 9, SUBJECTS[0], Stance::Supports);
            }
            seen.push(st.actor_id);
        })
        .unwrap();
    assert_eq!(halves.len(), 1, "read again in one piece");
    assert_eq!(halves[0].len(), 61, "60 statements and Egypt's");
    assert!(halves[0].contains(&reference::state_id("EGY")));
}
