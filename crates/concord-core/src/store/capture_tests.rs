//! Change capture (`capture.rs`): what every write keeps, and that the kept change sets,
//! applied in order to a file that has only the reference data, make the same record.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use super::exchange::EXCHANGED_TABLES;
use crate::model::{PositionInput, Provenance, Stance, SubjectRef};
use crate::reference;
use crate::{FixedClock, Store};
use rusqlite::session::ConflictAction;
use std::path::Path;
use std::sync::Arc;
use uuid::Uuid;

fn open(path: &Path) -> Store {
    Store::open_ready(path, Arc::new(FixedClock::new()), Uuid::from_u128(7)).unwrap()
}

fn statement(store: &Store, iso3: &str, summary: &str) -> PositionInput {
    let session = store.sessions(None).unwrap()[0].id;
    let topic = store.topics().unwrap()[0].id;
    PositionInput {
        actor_id: reference::state_id(iso3),
        session_id: session,
        subject: SubjectRef::Topic(topic),
        meeting_id: None,
        meeting_date: None,
        stance: Stance::Supports,
        summary: summary.into(),
        quote: String::new(),
        source: String::new(),
        on_behalf_of_id: None,
        note: String::new(),
    }
}

/// Some of everything a delegation does: record, edit, delete, a new topic, a saved set.
fn work(store: &mut Store) {
    let a = store
        .add_position(&statement(store, "FRA", "applies in full"))
        .unwrap();
    let b = store
        .add_position(&statement(store, "KEN", "capacity first"))
        .unwrap();
    let mut edit = statement(store, "FRA", "applies, with due diligence");
    edit.stance = Stance::Conditional;
    store.update_position(a.id, &edit).unwrap();
    store.delete_position(b.id).unwrap();
    let mut input = statement(store, "BRA", "a new sub-topic");
    store
        .write(|w| {
            let (topic, _) = w.create_topic_path("International law/Due diligence")?;
            input.subject = SubjectRef::Topic(topic);
            w.insert_position(&input, Provenance::Recorded)?;
            w.create_actor_set("Like-minded", &[reference::state_id("FRA")])
        })
        .unwrap();
}

fn rows(store: &Store, table: &'static str) -> Vec<String> {
    let t = store.read_table(table).unwrap();
    let mut out: Vec<String> = t.rows.iter().map(|r| format!("{r:?}")).collect();
    out.sort();
    out
}

#[test]
fn every_write_keeps_one_numbered_change_set_and_reference_data_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("a.concord"));
    assert!(
        store.change_sets().unwrap().is_empty(),
        "reference data is not captured"
    );
    assert_eq!(store.replica_id().unwrap(), None);
    work(&mut store);
    let sets = store.change_sets().unwrap();
    assert_eq!(sets.len(), 5);
    let replica = store.replica_id().unwrap().unwrap();
    assert!(sets.iter().all(|s| s.replica_id == replica));
    assert_eq!(
        sets.iter().map(|s| s.seq).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert!(sets.windows(2).all(|w| w[0].hlc < w[1].hlc));
    // A write that changes nothing keeps nothing.
    store.write(|_| Ok::<_, super::StoreError>(())).unwrap();
    assert_eq!(store.change_sets().unwrap().len(), 5);
}

#[test]
fn only_user_tables_are_captured() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("a.concord"));
    work(&mut store);
    // Each set is read (not applied: the filter refuses every table) to list its tables.
    let seen = Arc::new(std::sync::Mutex::new(std::collections::BTreeSet::new()));
    let other = Store::open_in_memory(Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
    for set in store.change_sets().unwrap() {
        let seen = Arc::clone(&seen);
        other
            .conn
            .apply_strm(
                &mut &set.changes[..],
                Some(move |t: &str| {
                    seen.lock().unwrap().insert(t.to_string());
                    false
                }),
                |_, _| ConflictAction::SQLITE_CHANGESET_ABORT,
            )
            .unwrap();
    }
    let tables = seen.lock().unwrap().clone();
    for t in &tables {
        assert!(
            EXCHANGED_TABLES.contains(&t.as_str()) && t != "meta",
            "{t} captured"
        );
    }
    for t in [
        "position",
        "position_history",
        "topic",
        "actor",
        "group_membership",
    ] {
        assert!(tables.contains(t), "{t} not captured: {tables:?}");
    }
}

#[test]
fn the_change_sets_applied_in_order_make_the_same_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(&dir.path().join("a.concord"));
    work(&mut a);
    let b = open(&dir.path().join("b.concord"));
    for set in a.change_sets().unwrap() {
        b.conn
            .apply_strm(&mut &set.changes[..], None::<fn(&str) -> bool>, |_, _| {
                ConflictAction::SQLITE_CHANGESET_ABORT
            })
            .unwrap();
    }
    for table in EXCHANGED_TABLES.iter().filter(|t| **t != "meta") {
        assert_eq!(rows(&a, table), rows(&b, table), "{table}");
    }
    // The derived tables followed through their triggers.
    let cells = |s: &Store| -> Vec<String> {
        let mut stmt = s
            .conn
            .prepare("SELECT hex(session_id), hex(actor_id), stance, positions FROM matrix_cell ORDER BY 1, 2")
            .unwrap();
        stmt.query_map([], |r| {
            Ok(format!(
                "{} {} {} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    assert_eq!(cells(&a), cells(&b));
    let hits = |s: &Store, text: &str| {
        s.search(&crate::model::SearchQuery {
            text: text.into(),
            ..Default::default()
        })
        .unwrap()
        .len()
    };
    assert_eq!(hits(&b, "diligence"), 1);
    assert_eq!(
        hits(&b, "capacity"),
        0,
        "the deleted position is gone from search"
    );
}

#[test]
fn a_copy_is_a_new_replica_and_two_replicas_share_one_machine() {
    let dir = tempfile::tempdir().unwrap();
    let (first, copy) = (
        dir.path().join("a.concord"),
        dir.path().join("copy.concord"),
    );
    let mut a = open(&first);
    a.add_position(&statement(&a, "FRA", "one")).unwrap();
    let replica_a = a.replica_id().unwrap().unwrap();
    a.save_copy(&copy).unwrap();
    let mut c = open(&copy);
    assert_eq!(
        c.replica_id().unwrap(),
        Some(replica_a),
        "a copy holds the same bytes"
    );
    c.add_position(&statement(&c, "KEN", "two")).unwrap();
    let replica_c = c.replica_id().unwrap().unwrap();
    assert_ne!(
        replica_c, replica_a,
        "its first write makes it a new replica"
    );
    let sets = c.change_sets().unwrap();
    assert_eq!(
        sets.iter()
            .map(|s| (s.replica_id, s.seq))
            .collect::<Vec<_>>(),
        [(replica_a, 1), (replica_c, 1)]
    );
    // The original goes on under its own id, on the same machine and installation.
    a.add_position(&statement(&a, "BRA", "three")).unwrap();
    assert_eq!(a.replica_id().unwrap(), Some(replica_a));
    assert_eq!(a.change_sets().unwrap().last().unwrap().seq, 2);
}

#[test]
fn a_long_import_keeps_a_set_per_chunk_in_its_one_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(&dir.path().join("a.concord"));
    let inputs: Vec<PositionInput> = (0..7)
        .map(|i| statement(&a, "FRA", &format!("statement {i}")))
        .collect();
    a.write_bulk(|w| {
        for input in &inputs {
            w.insert_position(input, Provenance::Recorded)?;
        }
        Ok::<_, super::StoreError>(())
    })
    .unwrap();
    let sets = a.change_sets().unwrap();
    assert_eq!(
        sets.iter().map(|s| s.seq).collect::<Vec<_>>(),
        [1, 2, 3],
        "3 + 3 + 1 rows"
    );
    // A failed import keeps no set at all: it is one transaction.
    let before = a.change_sets().unwrap().len();
    let err = a.write_bulk(|w| {
        for input in &inputs {
            w.insert_position(input, Provenance::Recorded)?;
        }
        Err::<(), _>(super::StoreError::invalid("row 8", "refused"))
    });
    assert!(err.is_err());
    assert_eq!(a.change_sets().unwrap().len(), before);
    let b = open(&dir.path().join("b.concord"));
    for set in sets {
        b.conn
            .apply_strm(&mut &set.changes[..], None::<fn(&str) -> bool>, |_, _| {
                ConflictAction::SQLITE_CHANGESET_ABORT
            })
            .unwrap();
    }
    assert_eq!(rows(&a, "position"), rows(&b, "position"));
    assert_eq!(rows(&a, "position_history"), rows(&b, "position_history"));
}
