//! The store as its callers meet it: reference data, positions with history, filters,
//! refusals of bad input, and files it must not touch.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::model::{
    ActorKind, HistoryOp, PositionFilter, PositionInput, Provenance, Stance, SubjectRef,
};
use concord_core::reference::{self, OEWG};
use concord_core::{FixedClock, Store, StoreError};
use std::sync::Arc;
use uuid::Uuid;

fn installation() -> Uuid {
    Uuid::parse_str("0190f0f0-0000-7000-8000-000000000001").unwrap()
}

fn store() -> Store {
    concord_testing::store_as(installation())
}

fn input(iso3: &str, seq: i64, stance: Stance) -> PositionInput {
    PositionInput {
        subject: SubjectRef::Topic(reference::topic_id(
            "International law/International humanitarian law",
        )),
        stance,
        summary: "IHL applies to ICT operations in armed conflict.".into(),
        source: "A/79/214, para. 27".into(),
        ..concord_testing::position(iso3, seq)
    }
}

#[test]
fn reference_data_has_193_member_states_and_12_oewg_sessions() {
    let s = store();
    let states = s.actors(Some(ActorKind::State)).unwrap();
    assert_eq!(states.len(), 193);
    let france = states
        .iter()
        .find(|a| a.iso3.as_deref() == Some("FRA"))
        .unwrap();
    assert_eq!(france.m49.as_deref(), Some("250"));
    assert_eq!(france.id, reference::state_id("FRA"));
    assert_eq!(s.actors(Some(ActorKind::ObserverState)).unwrap().len(), 2);

    let oewg = s.sessions(Some(reference::process_id(OEWG))).unwrap();
    assert_eq!(oewg.len(), 12);
    assert_eq!(oewg[0].title, "Organizational session");
    assert_eq!(
        oewg[0].start_date, None,
        "the organizational session's day is not known"
    );
    let seventh = &oewg[7];
    assert_eq!(seventh.number, Some(7));
    assert_eq!(seventh.start_date.unwrap().to_string(), "2024-03-04");
    assert_eq!(seventh.end_date.unwrap().to_string(), "2024-03-08");
    assert!(oewg[1..]
        .iter()
        .all(|s| s.start_date.is_some() && s.end_date.is_some()));

    let eu = s.memberships(reference::group_id("EU")).unwrap();
    let current = eu.iter().filter(|m| m.valid_to.is_none()).count();
    assert_eq!(current, 27);
}

#[test]
fn loading_reference_twice_changes_nothing() {
    let mut s = store();
    let before = s.counts().unwrap();
    let after = s.load_reference().unwrap();
    assert_eq!(before, after);
}

#[test]
fn a_position_is_recorded_with_its_history() {
    let mut s = store();
    let p = s.add_position(&input("FRA", 7, Stance::Supports)).unwrap();
    assert_eq!(p.actor_name, "France");
    assert_eq!(
        p.subject_label,
        "International law/International humanitarian law"
    );
    assert_eq!(p.process_name, "OEWG 2021–2025");
    assert_eq!(p.session_title, "7th substantive session");
    assert_eq!(p.source, "A/79/214, para. 27");
    assert_eq!(p.provenance, Provenance::Recorded);

    let mut changed = input("FRA", 7, Stance::Conditional);
    changed.summary = "Only with clear safeguards.".into();
    let edited = s.update_position(p.id, &changed).unwrap();
    assert_eq!(edited.stance, Stance::Conditional);

    s.delete_position(p.id).unwrap();
    assert!(matches!(s.position(p.id), Err(StoreError::NotFound { .. })));

    let history = s.position_history(p.id).unwrap();
    let ops: Vec<HistoryOp> = history.iter().map(|h| h.op).collect();
    assert_eq!(
        ops,
        [HistoryOp::Insert, HistoryOp::Update, HistoryOp::Delete]
    );
    let old = history[1].before.as_ref().unwrap();
    assert_eq!(old["stance"], "supports");
    assert_eq!(
        old["summary"],
        "IHL applies to ICT operations in armed conflict."
    );
    assert_eq!(history[1].after.as_ref().unwrap()["stance"], "conditional");
    assert_eq!(
        old["actor"], "France",
        "history names what the ids stood for"
    );
    assert_eq!(old["session"], "OEWG 2021–2025 · 7th substantive session");
    assert_eq!(
        old["subject"],
        "International law/International humanitarian law"
    );
    assert_eq!(history[2].before.as_ref().unwrap()["stance"], "conditional");
    assert!(history.iter().all(|h| h.installation_id == installation()));
}

#[test]
fn filters_narrow_the_list() {
    let mut s = store();
    s.add_position(&input("FRA", 7, Stance::Supports)).unwrap();
    s.add_position(&input("DEU", 8, Stance::Opposes)).unwrap();
    let mut brazil = input("BRA", 8, Stance::Supports);
    brazil.quote = "We favour 100% of the text".into();
    s.add_position(&brazil).unwrap();

    let all = s.positions(&PositionFilter::default()).unwrap();
    assert_eq!(all.total, 3);
    assert_eq!(all.items[0].session_title, "8th substantive session");

    let by_actor = PositionFilter {
        actor_id: Some(reference::state_id("FRA")),
        ..Default::default()
    };
    assert_eq!(s.positions(&by_actor).unwrap().total, 1);

    let eu = PositionFilter {
        group_id: Some(reference::group_id("EU")),
        ..Default::default()
    };
    let names: Vec<String> = s
        .positions(&eu)
        .unwrap()
        .items
        .into_iter()
        .map(|p| p.actor_name)
        .collect();
    assert_eq!(
        names.len(),
        2,
        "France and Germany are EU members: {names:?}"
    );

    let opposes = PositionFilter {
        stance: Some(Stance::Opposes),
        ..Default::default()
    };
    assert_eq!(
        s.positions(&opposes).unwrap().items[0].actor_name,
        "Germany"
    );

    let under_il = PositionFilter {
        topic_id: Some(reference::topic_id("International law")),
        ..Default::default()
    };
    assert_eq!(s.positions(&under_il).unwrap().total, 3, "sub-topics count");

    let percent = PositionFilter {
        text: Some("100%".into()),
        ..Default::default()
    };
    assert_eq!(s.positions(&percent).unwrap().total, 1);
    let wildcard = PositionFilter {
        text: Some("%".into()),
        ..Default::default()
    };
    assert_eq!(
        s.positions(&wildcard).unwrap().total,
        1,
        "% is matched literally"
    );

    let session = PositionFilter {
        session_id: Some(reference::session_id(OEWG, 8)),
        limit: Some(1),
        ..Default::default()
    };
    let page = s.positions(&session).unwrap();
    assert_eq!((page.total, page.items.len()), (2, 1));
}

#[test]
fn eu_membership_follows_the_date() {
    let mut s = store();
    // The United Kingdom left the EU on 31 January 2020: its 2024 positions are not EU members'.
    s.add_position(&input("GBR", 8, Stance::Opposes)).unwrap();
    let eu = PositionFilter {
        group_id: Some(reference::group_id("EU")),
        ..Default::default()
    };
    assert_eq!(s.positions(&eu).unwrap().total, 0);
}

#[test]
fn bad_input_is_refused_and_writes_nothing() {
    let mut s = store();
    let mut huge = input("FRA", 7, Stance::Supports);
    huge.quote = "x".repeat(100_001);
    let err = s.add_position(&huge).unwrap_err();
    assert_eq!(err.code().as_str(), "invalid_input");
    assert!(
        err.to_string().contains("quote: is 100001 characters long"),
        "{err}"
    );

    let mut unknown = input("FRA", 7, Stance::Supports);
    unknown.actor_id = Uuid::nil();
    assert_eq!(
        s.add_position(&unknown).unwrap_err().code().as_str(),
        "invalid_input"
    );

    let mut not_a_group = input("FRA", 7, Stance::Supports);
    not_a_group.on_behalf_of_id = Some(reference::state_id("DEU"));
    let err = s.add_position(&not_a_group).unwrap_err();
    assert!(err.to_string().contains("on behalf of"), "{err}");

    assert_eq!(s.counts().unwrap().positions, 0);
    assert!(s.position_history(Uuid::nil()).unwrap().is_empty());
}

#[test]
fn a_group_statement_is_one_entry() {
    let mut s = store();
    let mut nam = input("VEN", 8, Stance::Supports);
    nam.on_behalf_of_id = Some(reference::group_id("NAM"));
    let p = s.add_position(&nam).unwrap();
    assert_eq!(p.on_behalf_of_name.as_deref(), Some("NAM"));
    assert_eq!(s.counts().unwrap().positions, 1);
}

#[test]
fn file_is_reopened_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("delegation.concord");
    let id = {
        let mut s = Store::open(&path, Arc::new(FixedClock::new()), installation()).unwrap();
        s.load_reference().unwrap();
        s.add_position(&input("FRA", 7, Stance::Supports))
            .unwrap()
            .id
    };
    let s = Store::open(&path, Arc::new(FixedClock::new()), installation()).unwrap();
    assert_eq!(s.position(id).unwrap().actor_name, "France");
    assert_eq!(
        s.schema_version().unwrap(),
        concord_core::store::LATEST_VERSION
    );
}

#[test]
fn newer_schema_file_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.concord");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE future_thing (x TEXT); INSERT INTO future_thing VALUES ('kept');",
        )
        .unwrap();
        conn.pragma_update(None, "application_id", concord_core::store::APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, Arc::new(FixedClock::new()), installation()).unwrap_err();
    assert_eq!(err.code().as_str(), "newer_schema");
    assert!(err.to_string().contains("schema version 99"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "file unchanged");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no WAL, journal or backup left: {leftovers:?}"
    );
}

#[test]
fn foreign_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "this is not a database, just some notes\n".repeat(200),
    )
    .unwrap();
    let err = Store::open(&text, Arc::new(FixedClock::new()), installation()).unwrap_err();
    assert_eq!(err.code().as_str(), "not_concord", "{err}");

    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE photos (id INTEGER);")
        .unwrap();
    let err = Store::open(&other, Arc::new(FixedClock::new()), installation()).unwrap_err();
    assert_eq!(err.code().as_str(), "not_concord", "{err}");
}

#[test]
fn save_copy_writes_a_whole_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(
        &dir.path().join("a.concord"),
        Arc::new(FixedClock::new()),
        installation(),
    )
    .unwrap();
    s.load_reference().unwrap();
    s.add_position(&input("FRA", 7, Stance::Supports)).unwrap();
    let copy = dir.path().join("b.concord");
    s.save_copy(&copy).unwrap();
    let c = Store::open(&copy, Arc::new(FixedClock::new()), installation()).unwrap();
    assert_eq!(c.counts().unwrap(), s.counts().unwrap());
    assert_eq!(
        s.save_copy(&copy).unwrap_err().code().as_str(),
        "invalid_input",
        "no overwrite"
    );
}

#[test]
fn demo_holds_recorded_and_marked_sample_positions() {
    let mut s = store();
    let added = concord_core::demo::populate(&mut s).unwrap();
    assert!(added >= 30, "{added}");
    assert_eq!(
        concord_core::demo::populate(&mut s).unwrap(),
        0,
        "only once"
    );
    let all = s
        .positions(&PositionFilter {
            limit: Some(1000),
            ..Default::default()
        })
        .unwrap();
    for p in &all.items {
        match p.provenance {
            Provenance::Recorded => {
                assert!(!p.source.is_empty(), "a recorded fact cites its source")
            }
            Provenance::Illustrative => {
                assert!(
                    p.summary.starts_with("Illustrative sample"),
                    "{}",
                    p.summary
                )
            }
            Provenance::Synthetic => panic!("no synthetic demo rows"),
        }
        assert!(p.quote.is_empty(), "no invented quotes");
    }
}

#[test]
fn every_table_has_a_binary_id_and_records_who_changed_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema.concord");
    drop(Store::open(&path, Arc::new(FixedClock::new()), installation()).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables: Vec<String> = conn
        // meta holds file settings; position_search* and provision_search* (the full-text
        // indexes), matrix_cell (the matrix's latest stances) and position_count are derived
        // by triggers;
        // change_set is the log of what each replica changed, keyed by replica and number;
        // field_clock, tombstone and conflict are what merging derives from that log.
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('meta', 'matrix_cell', 'position_count', 'change_set', 'field_clock', 'tombstone', 'conflict') AND name NOT LIKE 'position_search%' AND name NOT LIKE 'provision_search%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.len() >= 15, "{tables:?}");
    for table in tables {
        let columns: Vec<(String, String, i64)> = conn
            .prepare(&format!(
                "SELECT name, type, pk FROM pragma_table_info('{table}')"
            ))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            columns.contains(&("id".to_string(), "BLOB".to_string(), 1)),
            "{table} has a BLOB primary key named id (a UUID's 16 bytes)"
        );
        for (name, kind, _) in &columns {
            if name == "id" || name.ends_with("_id") || name == "changed_by" {
                assert_eq!(kind, "BLOB", "{table}.{name} holds an id");
            }
        }
        assert!(
            columns.iter().any(|c| c.0 == "changed_by"),
            "{table} records the installation that changed it"
        );
        let strict: i64 = conn
            .query_row(
                "SELECT strict FROM pragma_table_list WHERE name = ?1",
                [&table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(strict, 1, "{table} is STRICT");
    }
}

#[test]
fn create_refuses_an_existing_file_and_makes_a_ready_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.concord");
    let s = Store::create(&path, Arc::new(FixedClock::new()), installation()).unwrap();
    assert_eq!(s.actors(Some(ActorKind::State)).unwrap().len(), 193);
    drop(s);
    let err = Store::create(&path, Arc::new(FixedClock::new()), installation()).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
}

#[test]
fn a_day_within_the_session_finds_or_makes_its_meeting_and_a_day_outside_is_refused() {
    let mut s = store();
    let mut i = input("FRA", 7, Stance::Supports); // 7th session: 2024-03-04 to 2024-03-08
    i.meeting_date = chrono::NaiveDate::from_ymd_opt(2024, 3, 5);
    let first = s.add_position(&i).unwrap();
    let second = s.add_position(&i).unwrap();
    assert!(first.meeting_id.is_some());
    assert_eq!(first.meeting_id, second.meeting_id, "one meeting per day");
    assert_eq!(first.meeting_date, i.meeting_date);

    i.meeting_date = chrono::NaiveDate::from_ymd_opt(2024, 3, 11);
    let before = s.counts().unwrap().positions;
    let e = s.add_position(&i).unwrap_err();
    assert_eq!(e.code().as_str(), "invalid_input");
    assert!(
        e.to_string().contains("2024-03-11 is outside the session"),
        "{e}"
    );
    assert_eq!(s.counts().unwrap().positions, before);
}

#[test]
fn a_saved_set_resolves_names_and_codes_and_refuses_unknown_members_whole() {
    use concord_core::model::ActorSetInput;
    use concord_core::sets::save_actor_set;
    let mut s = store();
    let set = save_actor_set(
        &mut s,
        &ActorSetInput {
            name: "Like-minded on the PoA".into(),
            members: vec![
                "FRA".into(),
                "cote d'ivoire".into(),
                " Colombia ".into(),
                "".into(),
            ],
        },
    )
    .unwrap();
    assert_eq!(set.kind, ActorKind::Group);
    let mut members: Vec<Uuid> = s
        .memberships(set.id)
        .unwrap()
        .into_iter()
        .map(|m| m.member_id)
        .collect();
    members.sort();
    let mut expected = vec![
        reference::state_id("FRA"),
        reference::state_id("CIV"),
        reference::state_id("COL"),
    ];
    expected.sort();
    assert_eq!(members, expected);

    let actors_before = s.actors(None).unwrap().len();
    let e = save_actor_set(
        &mut s,
        &ActorSetInput {
            name: "Another".into(),
            members: vec!["FRA".into(), "Atlantis".into()],
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("unknown actor \"Atlantis\""), "{e}");
    assert_eq!(
        s.actors(None).unwrap().len(),
        actors_before,
        "nothing saved"
    );

    let e = save_actor_set(
        &mut s,
        &ActorSetInput {
            name: "like-minded on the poa".into(),
            members: vec!["DEU".into()],
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("already exists"), "{e}");
}
