//! The delegation's own catalog: every rule, each refusal writing nothing, every change
//! captured, and the reference data leaving the user's changes alone.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use super::*;
use crate::model::{
    ActorInput, ActorKind, MembershipChange, PositionFilter, PositionInput, ProposalInput, Stance,
    SubjectRef,
};
use crate::reference;
use crate::FixedClock;
use chrono::NaiveDate;
use std::path::Path;
use std::sync::Arc;

fn open(path: &Path) -> Store {
    Store::open_ready(path, Arc::new(FixedClock::new()), Uuid::from_u128(7)).unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn inc() -> ProcessInput {
    ProcessInput {
        name: "Intergovernmental Negotiating Committee on plastic pollution".into(),
        short_name: "INC".into(),
        mandate: Some("UNEA resolution 5/14".into()),
        chair: None,
        note: None,
    }
}

fn session_of(process: Uuid, number: Option<i64>, title: &str) -> SessionInput {
    SessionInput {
        process_id: process,
        number,
        title: title.into(),
        start_date: Some(day("2024-11-25")),
        end_date: Some(day("2024-12-01")),
        place: Some("Busan".into()),
        note: None,
    }
}

fn statement(actor: Uuid, session: Uuid, topic: Uuid) -> PositionInput {
    PositionInput {
        actor_id: actor,
        session_id: session,
        subject: SubjectRef::Topic(topic),
        meeting_id: None,
        meeting_date: None,
        stance: Stance::Supports,
        summary: "a global production cap".into(),
        quote: String::new(),
        source: String::new(),
        on_behalf_of_id: None,
        note: String::new(),
    }
}

/// The refusal's field, after checking that nothing was written (no new change set).
macro_rules! refused {
    ($store:ident, $call:expr) => {{
        let before = $store.change_sets().unwrap().len();
        let result = $call;
        assert_eq!(
            $store.change_sets().unwrap().len(),
            before,
            "a refusal wrote"
        );
        match result {
            Err(StoreError::Invalid { field, .. }) => field,
            other => panic!("not refused: {other:?}"),
        }
    }};
}

#[test]
fn a_delegation_starts_a_new_process_of_its_own_and_records_at_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("a.concord"));
    let sets = store.change_sets().unwrap().len();
    let p = add_process(&mut store, &inc()).unwrap();
    assert_eq!(p.short_name, "INC");
    assert!(!p.archived);
    let s = add_session(
        &mut store,
        &session_of(p.id, Some(5), "Fifth session (INC-5)"),
    )
    .unwrap();
    assert_eq!(s.number, Some(5));
    assert_eq!(s.label, "INC · Fifth session (INC-5)");
    let m = add_meeting(
        &mut store,
        &MeetingInput {
            session_id: s.id,
            date: day("2024-11-25"),
            title: "Opening plenary".into(),
        },
    )
    .unwrap();
    let topic = add_topic(&mut store, None, "Production", None).unwrap();
    let cap = add_topic(&mut store, Some(topic.id), "Global cap", None).unwrap();
    assert_eq!(cap.path, "Production/Global cap");
    let mut input = statement(reference::state_id("RWA"), s.id, cap.id);
    input.meeting_id = Some(m.id);
    let pos = store.add_position(&input).unwrap();
    assert_eq!(pos.session_id, s.id);
    // Every one of those writes is a change set the team record carries.
    assert_eq!(store.change_sets().unwrap().len(), sets + 6);
    let sessions = store.sessions(Some(p.id)).unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(store.meetings(s.id).unwrap(), vec![m]);
}

#[test]
fn processes_are_renamed_chaired_and_archived() {
    let mut store = Store::open_in_memory(Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
    let p = add_process(&mut store, &inc()).unwrap();
    let mut edit = inc();
    edit.name = "INC on plastic pollution".into();
    edit.chair = Some("Luis Vayas Valdivieso (Ecuador)".into());
    let p = edit_process(&mut store, p.id, &edit).unwrap();
    assert_eq!(p.chair.as_deref(), Some("Luis Vayas Valdivieso (Ecuador)"));
    add_session(&mut store, &session_of(p.id, Some(5), "INC-5")).unwrap();
    let p = archive_process(&mut store, p.id, true).unwrap();
    assert!(p.archived);
    assert!(store.sessions(Some(p.id)).unwrap()[0].archived);
    assert_eq!(
        p.chair.as_deref(),
        Some("Luis Vayas Valdivieso (Ecuador)"),
        "archiving keeps the Chair"
    );
    assert!(!archive_process(&mut store, p.id, false).unwrap().archived);
    let mut twin = inc();
    twin.name = "Another".into();
    twin.short_name = "inc".into();
    assert_eq!(
        refused!(store, add_process(&mut store, &twin)),
        "short name"
    );
    let mut blank = inc();
    blank.name = "  ".into();
    assert_eq!(refused!(store, add_process(&mut store, &blank)), "name");
    let mut nul = inc();
    nul.short_name = "IN\0C".into();
    assert_eq!(refused!(store, add_process(&mut store, &nul)), "short name");
}

#[test]
fn session_rules_name_the_field_and_write_nothing() {
    let mut store = Store::open_in_memory(Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
    let p = add_process(&mut store, &inc()).unwrap();
    let s = add_session(&mut store, &session_of(p.id, Some(5), "INC-5")).unwrap();
    let mut backwards = session_of(p.id, Some(6), "INC-6");
    backwards.end_date = Some(day("2024-11-01"));
    assert_eq!(
        refused!(store, add_session(&mut store, &backwards)),
        "end date"
    );
    assert_eq!(
        refused!(
            store,
            add_session(&mut store, &session_of(p.id, Some(5), "Again"))
        ),
        "number"
    );
    assert_eq!(
        refused!(
            store,
            add_session(&mut store, &session_of(p.id, Some(0), "Zero"))
        ),
        "number"
    );
    assert_eq!(
        refused!(
            store,
            add_session(&mut store, &session_of(p.id, None, "inc-5"))
        ),
        "title"
    );
    assert_eq!(
        refused!(
            store,
            add_session(&mut store, &session_of(Uuid::from_u128(9), None, "X"))
        ),
        "process"
    );
    // Renumbering into a free number works; renumbering onto a used one does not.
    let s6 = add_session(&mut store, &session_of(p.id, None, "INC-5.2")).unwrap();
    assert!(s6.seq > s.seq, "a new session goes after the others");
    let mut renumber = session_of(p.id, Some(6), "INC-5.2");
    renumber.start_date = Some(day("2025-08-05"));
    renumber.end_date = Some(day("2025-08-14"));
    renumber.place = Some("Geneva".into());
    let s6 = edit_session(&mut store, s6.id, &renumber).unwrap();
    assert_eq!((s6.number, s6.place.as_deref()), (Some(6), Some("Geneva")));
    renumber.number = Some(5);
    assert_eq!(
        refused!(store, edit_session(&mut store, s6.id, &renumber)),
        "number"
    );
    // A meeting outside the dates is refused, and dates that would leave one outside too.
    let outside = MeetingInput {
        session_id: s.id,
        date: day("2024-12-05"),
        title: String::new(),
    };
    assert_eq!(refused!(store, add_meeting(&mut store, &outside)), "date");
    add_meeting(
        &mut store,
        &MeetingInput {
            session_id: s.id,
            date: day("2024-11-30"),
            title: String::new(),
        },
    )
    .unwrap();
    let mut shorter = session_of(p.id, Some(5), "INC-5");
    shorter.end_date = Some(day("2024-11-27"));
    assert_eq!(
        refused!(store, edit_session(&mut store, s.id, &shorter)),
        "dates"
    );
}

#[test]
fn the_global_mechanism_ships_dated_with_its_mandate_and_chair() {
    let mut store = Store::open_in_memory(Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
    store.load_reference().unwrap();
    let gm = reference::process_id(reference::GLOBAL_MECHANISM);
    let p = process(&store, gm).unwrap();
    assert_eq!(p.chair.as_deref(), Some("Egriselda López (El Salvador)"));
    assert!(p.mandate.unwrap().contains("A/RES/80/16"));
    let dated: Vec<(String, Option<NaiveDate>, Option<NaiveDate>)> = store
        .sessions(Some(gm))
        .unwrap()
        .into_iter()
        .map(|s| (s.title, s.start_date, s.end_date))
        .collect();
    assert_eq!(
        dated,
        vec![
            (
                "Organizational session".into(),
                Some(day("2026-03-30")),
                Some(day("2026-03-31"))
            ),
            (
                "1st plenary session".into(),
                Some(day("2026-07-20")),
                Some(day("2026-07-24"))
            ),
            (
                "Dedicated thematic groups".into(),
                Some(day("2026-12-07")),
                Some(day("2026-12-11"))
            ),
        ]
    );
}

#[test]
fn what_the_user_changed_or_removed_survives_a_new_load_of_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.concord");
    let mut store = open(&path);
    let gm = reference::process_id(reference::GLOBAL_MECHANISM);
    let first = store.sessions(Some(gm)).unwrap()[0].clone();
    let input = SessionInput {
        process_id: gm,
        number: first.number,
        title: first.title.clone(),
        start_date: Some(day("2026-03-30")),
        end_date: Some(day("2026-03-31")),
        place: Some("New York, Conference Room 4".into()),
        note: None,
    };
    edit_session(&mut store, first.id, &input).unwrap();
    let topics = store.topics().unwrap();
    let leaf = topics
        .iter()
        .find(|t| !topics.iter().any(|c| c.parent_id == Some(t.id)))
        .unwrap()
        .clone();
    delete_topic(&mut store, leaf.id).unwrap();
    let fra = reference::state_id("FRA");
    let france = store.actor(fra).unwrap();
    edit_actor(
        &mut store,
        fra,
        &ActorInput {
            kind: france.kind,
            name: france.name.clone(),
            short_name: Some("La France".into()),
            iso3: france.iso3.clone(),
            note: None,
        },
    )
    .unwrap();
    // An upgrade's load (the version is older), and an explicit `init`.
    drop(store);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE meta SET value = '1' WHERE key = 'reference_version'",
            [],
        )
        .unwrap();
    let mut store = open(&path);
    store.load_reference().unwrap();
    assert_eq!(
        store.sessions(Some(gm)).unwrap()[0].place.as_deref(),
        Some("New York, Conference Room 4")
    );
    assert!(!store.topics().unwrap().iter().any(|t| t.id == leaf.id));
    assert_eq!(
        store.actor(fra).unwrap().short_name.as_deref(),
        Some("La France")
    );
    // What the user left alone is still there and refreshed.
    assert_eq!(store.sessions(Some(gm)).unwrap().len(), 3);
    assert_eq!(
        store.actor(reference::state_id("DEU")).unwrap().name,
        "Germany"
    );
}

#[test]
fn topics_are_renamed_moved_reordered_merged_and_deleted() {
    let mut store = Store::open_in_memory(Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
    store.load_reference().unwrap();
    let a = add_topic(&mut store, None, "Plastics", None).unwrap();
    let b = add_topic(&mut store, Some(a.id), "Design", None).unwrap();
    let c = add_topic(&mut store, Some(b.id), "Recyclability", None).unwrap();
    assert_eq!(
        refused!(store, add_topic(&mut store, Some(a.id), "design", None)),
        "name"
    );
    assert_eq!(
        refused!(store, add_topic(&mut store, None, "A/B", None)),
        "name"
    );
    assert_eq!(
        refused!(store, move_topic(&mut store, a.id, Some(c.id))),
        "parent"
    );
    assert_eq!(
        refused!(store, move_topic(&mut store, a.id, Some(a.id))),
        "parent"
    );
    let c = move_topic(&mut store, c.id, Some(a.id)).unwrap();
    assert_eq!(c.path, "Plastics/Recyclability");
    let c = rename_topic(&mut store, c.id, "Recycling").unwrap();
    assert_eq!(c.path, "Plastics/Recycling");
    let order = |store: &Store| -> Vec<String> {
        store
            .topics()
            .unwrap()
            .into_iter()
            .filter(|t| t.parent_id == Some(a.id))
            .map(|t| t.name)
            .collect()
    };
    assert_eq!(order(&store), ["Design", "Recycling"]);
    reorder_topic(&mut store, c.id, 0).unwrap();
    assert_eq!(order(&store), ["Recycling", "Design"]);
    // Merge: the positions move with a history entry, the sub-topics follow.
    let session = store.sessions(None).unwrap()[0].id;
    let sub = add_topic(&mut store, Some(b.id), "Labelling", None).unwrap();
    let pos = store
        .add_position(&statement(reference::state_id("NOR"), session, b.id))
        .unwrap();
    let merged = merge_topics(&mut store, b.id, c.id).unwrap();
    assert_eq!((merged.positions_moved, merged.subtopics_moved), (1, 1));
    assert_eq!(
        store.position(pos.id).unwrap().subject,
        SubjectRef::Topic(c.id)
    );
    let history = store.position_history(pos.id).unwrap();
    assert_eq!(history.len(), 2, "the insert and the move");
    assert!(topic(&store, b.id).is_err());
    assert_eq!(
        topic(&store, sub.id).unwrap().path,
        "Plastics/Recycling/Labelling"
    );
    // Delete: only an unused leaf.
    assert_eq!(refused!(store, delete_topic(&mut store, c.id)), "topic");
    delete_topic(&mut store, sub.id).unwrap();
    assert_eq!(refused!(store, delete_topic(&mut store, c.id)), "topic");
}

#[test]
fn proposals_have_champions_with_dates() {
    let mut store = Store::open_in_memory(Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
    store.load_reference().unwrap();
    let (rwa, nor) = (reference::state_id("RWA"), reference::state_id("NOR"));
    let p = add_proposal(
        &mut store,
        &ProposalInput {
            name: "High Ambition Coalition text".into(),
            short_name: Some("HAC".into()),
            description: None,
            process_id: None,
        },
        &[rwa],
    )
    .unwrap();
    assert_eq!(p.champions.len(), 1);
    let p = set_champion(
        &mut store,
        &ChampionInput {
            proposal_id: p.id,
            actor_id: nor,
            valid_from: Some(day("2022-03-02")),
            valid_to: None,
            source: Some("HAC press release".into()),
        },
    )
    .unwrap();
    let norway = p.champions.iter().find(|c| c.actor_id == nor).unwrap();
    assert_eq!(norway.valid_from, Some(day("2022-03-02")));
    let backwards = ChampionInput {
        proposal_id: p.id,
        actor_id: nor,
        valid_from: Some(day("2022-03-02")),
        valid_to: Some(day("2021-01-01")),
        source: None,
    };
    assert_eq!(
        refused!(store, set_champion(&mut store, &backwards)),
        "until"
    );
    let p = remove_champion(&mut store, p.id, rwa).unwrap();
    assert_eq!(p.champions.len(), 1);
    assert_eq!(
        refused!(store, remove_champion(&mut store, p.id, rwa)),
        "champion"
    );
    let twin = ProposalInput {
        name: "high ambition coalition TEXT".into(),
        ..Default::default()
    };
    assert_eq!(
        refused!(store, add_proposal(&mut store, &twin, &[])),
        "name"
    );
}

#[test]
fn actors_are_added_with_a_unique_iso3_and_renamed() {
    let mut store = Store::open_in_memory(Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
    store.load_reference().unwrap();
    let igo = ActorInput {
        kind: ActorKind::Igo,
        name: "Organisation for Economic Co-operation and Development".into(),
        short_name: Some("OECD".into()),
        iso3: None,
        note: None,
    };
    let oecd = add_actor(&mut store, &igo).unwrap();
    assert_eq!(oecd.kind, ActorKind::Igo);
    assert_eq!(refused!(store, add_actor(&mut store, &igo)), "name");
    let mut dup = igo.clone();
    dup.name = "Someone".into();
    dup.iso3 = Some("FRA".into());
    assert_eq!(refused!(store, add_actor(&mut store, &dup)), "ISO3");
    dup.iso3 = Some("fr".into());
    assert_eq!(refused!(store, add_actor(&mut store, &dup)), "ISO3");
    let mut renamed = igo.clone();
    renamed.short_name = Some("OCDE".into());
    renamed.kind = ActorKind::State; // the kind stays what it is
    let oecd = edit_actor(&mut store, oecd.id, &renamed).unwrap();
    assert_eq!(
        (oecd.kind, oecd.short_name.as_deref()),
        (ActorKind::Igo, Some("OCDE"))
    );
}

#[test]
fn memberships_are_dated_and_the_group_views_follow() {
    let mut store = Store::open_in_memory(Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
    store.load_reference().unwrap();
    let group = add_actor(
        &mut store,
        &ActorInput {
            kind: ActorKind::Group,
            name: "High Ambition Coalition to End Plastic Pollution".into(),
            short_name: Some("HAC".into()),
            iso3: None,
            note: None,
        },
    )
    .unwrap();
    let p = add_process(&mut store, &inc()).unwrap();
    let s = add_session(&mut store, &session_of(p.id, Some(5), "INC-5")).unwrap();
    let topic = add_topic(&mut store, None, "Production", None).unwrap();
    let nor = reference::state_id("NOR");
    store.add_position(&statement(nor, s.id, topic.id)).unwrap();
    let of_group = |store: &Store| {
        store
            .positions(&PositionFilter {
                group_id: Some(group.id),
                ..Default::default()
            })
            .unwrap()
            .items
            .len()
    };
    assert_eq!(of_group(&store), 0);
    let join = MembershipChange {
        group_id: group.id,
        member_id: nor,
        date: day("2022-05-31"),
        source: Some("HAC launch".into()),
    };
    let m = add_membership(&mut store, &join).unwrap();
    assert_eq!(m.valid_from, Some(day("2022-05-31")));
    assert_eq!(of_group(&store), 1, "a member at the session");
    assert_eq!(refused!(store, add_membership(&mut store, &join)), "date");
    let mut early = join.clone();
    early.date = day("2020-01-01");
    assert_eq!(refused!(store, end_membership(&mut store, &early)), "date");
    let mut leave = join.clone();
    leave.date = day("2023-01-01");
    leave.source = Some("suspended".into());
    let m = end_membership(&mut store, &leave).unwrap();
    assert_eq!(m.valid_to, Some(day("2023-01-01")));
    assert_eq!(of_group(&store), 0, "no longer a member at the session");
    assert_eq!(
        refused!(store, end_membership(&mut store, &leave)),
        "member"
    );
    let mut not_group = join.clone();
    not_group.group_id = reference::state_id("FRA");
    assert_eq!(
        refused!(store, add_membership(&mut store, &not_group)),
        "group"
    );
}

#[test]
fn sessions_two_colleagues_add_apart_merge_into_one_order() {
    let dir = tempfile::tempdir().unwrap();
    let (pa, pb) = (dir.path().join("a.concord"), dir.path().join("b.concord"));
    let open_at = |path: &Path, ms: i64, who: u128| {
        Store::open_ready(path, Arc::new(FixedClock::at(ms)), Uuid::from_u128(who)).unwrap()
    };
    let mut a = open_at(&pa, 1_780_000_000_000, 1);
    let mut b = open_at(&pb, 1_780_000_060_000, 2);
    let gm = reference::process_id(reference::GLOBAL_MECHANISM);
    let mut plenary = session_of(gm, Some(2), "2nd plenary session");
    plenary.start_date = None;
    plenary.end_date = None;
    add_session(&mut a, &plenary).unwrap();
    let mut informal = session_of(gm, None, "Informal consultations");
    informal.start_date = None;
    informal.end_date = None;
    add_session(&mut b, &informal).unwrap();
    a.merge_file(&pb).unwrap();
    b.merge_file(&pa).unwrap();
    let titles = |s: &Store| -> Vec<String> {
        s.sessions(Some(gm))
            .unwrap()
            .into_iter()
            .map(|s| s.title)
            .collect()
    };
    assert_eq!(titles(&a), titles(&b));
    assert_eq!(titles(&a).len(), 5);
    assert_eq!(a.digest().unwrap(), b.digest().unwrap());
}
