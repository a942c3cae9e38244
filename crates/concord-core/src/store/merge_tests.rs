//! Merging copies of the record (`merge.rs`, `apply.rs`, `crate::merge`): what survives, what
//! is set aside, and that the order of merging never matters.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use crate::fixtures::summarised;
use crate::model::{Keep, PositionInput, Stance, SubjectRef};
use crate::{Clock, FixedClock, Store};
use std::sync::Arc;
use uuid::Uuid;

/// Replicas that share one test clock, so "later" is simply whoever wrote later.
fn replicas(n: u128) -> Vec<Store> {
    let clock: Arc<dyn Clock> = Arc::new(FixedClock::new());
    (1..=n)
        .map(|i| {
            let mut s = Store::open_in_memory(clock.clone(), Uuid::from_u128(i)).unwrap();
            s.load_reference().unwrap();
            s
        })
        .collect()
}

fn pair() -> (Store, Store) {
    let mut r = replicas(2);
    let b = r.pop().unwrap();
    (r.pop().unwrap(), b)
}

/// Both ways, so each holds everything.
fn sync(a: &mut Store, b: &mut Store) {
    a.merge_from(b).unwrap();
    b.merge_from(a).unwrap();
}

#[test]
fn a_position_recorded_in_one_copy_arrives_in_the_other() {
    let (mut a, mut b) = pair();
    let p = a
        .add_position(&summarised("FRA", "supports the PoA"))
        .unwrap();
    let report = b.merge_from(&a).unwrap();
    assert_eq!(report.change_sets, 1);
    assert_eq!(b.position(p.id).unwrap().summary, "supports the PoA");
    assert_eq!(b.position_history(p.id).unwrap().len(), 1);
    assert_eq!(a.digest().unwrap(), b.digest().unwrap());
}

#[test]
fn edits_of_different_fields_of_one_position_both_survive() {
    let (mut a, mut b) = pair();
    let p = a.add_position(&summarised("FRA", "first")).unwrap();
    sync(&mut a, &mut b);
    let mut mine = PositionInput::from(&p);
    mine.summary = "summary from the room".into();
    a.update_position(p.id, &mine).unwrap();
    let mut theirs = PositionInput::from(&p);
    theirs.stance = Stance::Conditional;
    b.update_position(p.id, &theirs).unwrap();
    sync(&mut a, &mut b);
    for s in [&a, &b] {
        let got = s.position(p.id).unwrap();
        assert_eq!(got.summary, "summary from the room");
        assert_eq!(got.stance, Stance::Conditional);
        assert!(s.conflicts().unwrap().is_empty());
    }
    assert_eq!(a.digest().unwrap(), b.digest().unwrap());
}

#[test]
fn the_later_edit_of_a_field_shows_and_the_other_is_set_aside_on_both_copies() {
    let (mut a, mut b) = pair();
    let p = a.add_position(&summarised("FRA", "first")).unwrap();
    sync(&mut a, &mut b);
    let mut early = PositionInput::from(&p);
    early.summary = "said in the room".into();
    a.update_position(p.id, &early).unwrap();
    let mut late = PositionInput::from(&p);
    late.summary = "corrected from the transcript".into();
    b.update_position(p.id, &late).unwrap();
    // a learns of the later edit; b of the earlier one: the same outcome either way.
    a.merge_from(&b).unwrap();
    b.merge_from(&a).unwrap();
    for s in [&a, &b] {
        assert_eq!(
            s.position(p.id).unwrap().summary,
            "corrected from the transcript"
        );
        let conflicts = s.conflicts().unwrap();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].field.as_deref(), Some("summary"));
        assert_eq!(conflicts[0].set_aside, "said in the room");
        assert_eq!(conflicts[0].shown, "corrected from the transcript");
        assert_eq!(conflicts[0].by_replica, a.replica_id().unwrap().unwrap());
    }
    assert_eq!(a.digest().unwrap(), b.digest().unwrap());
}

#[test]
fn an_edit_made_after_seeing_another_is_no_conflict() {
    let (mut a, mut b) = pair();
    let p = a.add_position(&summarised("FRA", "first")).unwrap();
    sync(&mut a, &mut b);
    let mut edit = PositionInput::from(&p);
    edit.summary = "second".into();
    a.update_position(p.id, &edit).unwrap();
    sync(&mut a, &mut b);
    edit.summary = "third".into();
    b.update_position(p.id, &edit).unwrap();
    sync(&mut a, &mut b);
    assert_eq!(a.position(p.id).unwrap().summary, "third");
    assert!(a.conflicts().unwrap().is_empty());
    assert_eq!(a.digest().unwrap(), b.digest().unwrap());
}

#[test]
fn an_edit_against_a_deletion_survives_and_the_deletion_is_listed_in_either_order() {
    for edit_first in [true, false] {
        let (mut a, mut b) = pair();
        let p = a.add_position(&summarised("FRA", "first")).unwrap();
        sync(&mut a, &mut b);
        let mut edit = PositionInput::from(&p);
        edit.quote = "We support a Programme of Action.".into();
        if edit_first {
            a.update_position(p.id, &edit).unwrap();
            b.delete_position(p.id).unwrap();
        } else {
            b.delete_position(p.id).unwrap();
            a.update_position(p.id, &edit).unwrap();
        }
        a.merge_from(&b).unwrap();
        b.merge_from(&a).unwrap();
        for s in [&a, &b] {
            let got = s.position(p.id).unwrap();
            assert_eq!(got.quote, "We support a Programme of Action.");
            assert_eq!(got.summary, "first");
            let conflicts = s.conflicts().unwrap();
            assert_eq!(conflicts.len(), 1, "{conflicts:?}");
            assert_eq!(conflicts[0].field, None, "a deletion set aside");
        }
        assert_eq!(a.digest().unwrap(), b.digest().unwrap());
    }
}

#[test]
fn deleting_the_same_position_twice_is_no_conflict() {
    let (mut a, mut b) = pair();
    let p = a.add_position(&summarised("FRA", "first")).unwrap();
    sync(&mut a, &mut b);
    a.delete_position(p.id).unwrap();
    b.delete_position(p.id).unwrap();
    sync(&mut a, &mut b);
    assert!(a.position(p.id).is_err());
    assert!(b.position(p.id).is_err());
    assert!(a.conflicts().unwrap().is_empty());
    assert_eq!(a.digest().unwrap(), b.digest().unwrap());
}

#[test]
fn a_damaged_file_is_named_and_nothing_merges() {
    let (mut a, mut b) = pair();
    for n in 0..50 {
        a.add_position(&summarised("FRA", &format!("statement {n}")))
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.concord");
    a.backup_to(&path).unwrap();
    // One index page overwritten: its schema still reads, its pages do not.
    let root: i64 = a
        .conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'position_session'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let at = usize::try_from((root - 1) * 4096).unwrap();
    bytes[at..at + 64].fill(0x55);
    std::fs::write(&path, bytes).unwrap();
    let before = b.digest().unwrap();
    let err = b.merge_file(&path).unwrap_err();
    assert_eq!(err.code().as_str(), "damaged", "{err}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    assert_eq!(b.digest().unwrap(), before);
}

#[test]
fn a_cut_short_file_is_named_as_damaged() {
    let (a, mut b) = pair();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.concord");
    a.backup_to(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..30_000]).unwrap();
    let err = b.merge_file(&path).unwrap_err();
    assert_eq!(err.code().as_str(), "damaged", "{err}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
}

#[test]
fn merging_again_or_into_itself_changes_nothing() {
    let (mut a, mut b) = pair();
    a.add_position(&summarised("FRA", "first")).unwrap();
    b.merge_from(&a).unwrap();
    let before = b.digest().unwrap();
    assert_eq!(b.merge_from(&a).unwrap().change_sets, 0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.concord");
    b.backup_to(&path).unwrap();
    assert_eq!(b.merge_file(&path).unwrap().change_sets, 0);
    assert_eq!(b.digest().unwrap(), before);
}

#[test]
fn a_colleagues_file_open_in_their_concord_is_read_as_it_lies_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("colleague.concord");
    let clock: Arc<dyn Clock> = Arc::new(FixedClock::new());
    let mut theirs = Store::open_ready(&path, clock.clone(), Uuid::from_u128(7)).unwrap();
    theirs.add_position(&summarised("FRA", "first")).unwrap();
    let mut ours = Store::open_in_memory(clock, Uuid::from_u128(8)).unwrap();
    ours.load_reference().unwrap();
    // Their Concord still has the file open (WAL mode) while ours reads it.
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(ours.merge_file(&path).unwrap().change_sets, 1);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the other file was written"
    );
    // What they write afterwards arrives at the next merge.
    theirs.add_position(&summarised("FRA", "second")).unwrap();
    assert_eq!(ours.merge_file(&path).unwrap().change_sets, 1);
    assert_eq!(ours.digest().unwrap(), theirs.digest().unwrap());
}

#[test]
fn a_topic_and_a_meeting_made_on_two_copies_merge_into_one() {
    let (mut a, mut b) = pair();
    for s in [&mut a, &mut b] {
        let mut said = summarised("FRA", "due diligence");
        said.meeting_date = chrono::NaiveDate::from_ymd_opt(2024, 3, 5);
        s.write(|w| {
            let (topic, _) = w.create_topic_path("International law/Due diligence")?;
            said.subject = SubjectRef::Topic(topic);
            w.insert_position(&said, crate::model::Provenance::Recorded)
        })
        .unwrap();
    }
    sync(&mut a, &mut b);
    let topics = a.topics().unwrap();
    let named = topics.iter().filter(|t| t.name == "Due diligence").count();
    assert_eq!(named, 1);
    assert_eq!(a.digest().unwrap(), b.digest().unwrap());
}

#[test]
fn an_order_of_three_copies_does_not_matter() {
    let mut r = replicas(3);
    let p = r[0].add_position(&summarised("FRA", "first")).unwrap();
    let (x, rest) = r.split_at_mut(1);
    rest[0].merge_from(&x[0]).unwrap();
    rest[1].merge_from(&x[0]).unwrap();
    for (i, s) in r.iter_mut().enumerate() {
        let mut edit = PositionInput::from(&p);
        edit.summary = format!("edit {i}");
        s.update_position(p.id, &edit).unwrap();
    }
    // 0 ← 1 ← 2 one way, 2 ← 0 ← 1 the other, then all around.
    let (a, bc) = r.split_at_mut(1);
    let (b, c) = bc.split_at_mut(1);
    let (a, b, c) = (&mut a[0], &mut b[0], &mut c[0]);
    b.merge_from(c).unwrap();
    a.merge_from(b).unwrap();
    c.merge_from(a).unwrap();
    b.merge_from(c).unwrap();
    a.merge_from(c).unwrap();
    let digest = a.digest().unwrap();
    assert_eq!(b.digest().unwrap(), digest);
    assert_eq!(c.digest().unwrap(), digest);
    assert_eq!(a.position(p.id).unwrap().summary, "edit 2");
    assert_eq!(a.conflicts().unwrap().len(), 2);
}

#[test]
fn settling_a_conflict_on_one_copy_settles_it_on_the_other() {
    for keep in [Keep::Shown, Keep::SetAside, Keep::Both] {
        let (mut a, mut b) = pair();
        let p = a.add_position(&summarised("FRA", "first")).unwrap();
        sync(&mut a, &mut b);
        let mut early = PositionInput::from(&p);
        early.summary = "early".into();
        a.update_position(p.id, &early).unwrap();
        let mut late = PositionInput::from(&p);
        late.summary = "late".into();
        b.update_position(p.id, &late).unwrap();
        sync(&mut a, &mut b);
        let id = a.conflicts().unwrap()[0].id;
        a.resolve_conflict(id, keep).unwrap();
        sync(&mut a, &mut b);
        for s in [&a, &b] {
            assert!(s.conflicts().unwrap().is_empty(), "{keep:?}");
            let summaries: Vec<String> = s
                .all_positions(&Default::default(), None)
                .unwrap()
                .into_iter()
                .map(|p| p.summary)
                .collect();
            let want: &[&str] = match keep {
                Keep::Shown => &["late"],
                Keep::SetAside => &["early"],
                Keep::Both => &["late", "early"],
            };
            let mut got = summaries.clone();
            got.sort();
            let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            want.sort();
            assert_eq!(got, want, "{keep:?}");
        }
        assert_eq!(a.digest().unwrap(), b.digest().unwrap());
    }
}

#[test]
fn two_files_made_by_init_have_the_same_digest() {
    let a = FixedClock::at(1_000);
    let b = FixedClock::at(9_000_000);
    let mut x = Store::open_in_memory(Arc::new(a), Uuid::from_u128(1)).unwrap();
    let mut y = Store::open_in_memory(Arc::new(b), Uuid::from_u128(2)).unwrap();
    x.load_reference().unwrap();
    y.load_reference().unwrap();
    assert_eq!(x.digest().unwrap(), y.digest().unwrap());
    x.add_position(&summarised("FRA", "first")).unwrap();
    assert_ne!(x.digest().unwrap(), y.digest().unwrap());
}

#[test]
fn a_damaged_change_set_in_the_other_copy_is_refused_and_nothing_merges() {
    let (mut a, mut b) = pair();
    a.add_position(&summarised("FRA", "first")).unwrap();
    b.merge_from(&a).unwrap();
    a.add_position(&summarised("DEU", "second")).unwrap();
    a.conn
        .execute(
            "UPDATE change_set SET changes = substr(changes, 1, length(changes) / 2) WHERE seq = 2",
            [],
        )
        .unwrap();
    let before = b.digest().unwrap();
    let err = b.merge_from(&a).unwrap_err().to_string();
    assert!(err.contains("change 2 of replica"), "{err}");
    assert_eq!(b.digest().unwrap(), before);
}

#[test]
fn a_change_set_writing_outside_the_shared_tables_is_refused() {
    let (mut a, mut b) = pair();
    a.add_position(&summarised("FRA", "first")).unwrap();
    // A hostile copy: its change set writes this file's own settings.
    let evil = {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE meta (id BLOB PRIMARY KEY, value TEXT)")
            .unwrap();
        let mut session = rusqlite::session::Session::new(&conn).unwrap();
        session.attach::<&str>(None).unwrap();
        conn.execute(
            "INSERT INTO meta VALUES (x'00000000000000000000000000000001', 'x')",
            [],
        )
        .unwrap();
        let mut out = Vec::new();
        session.changeset_strm(&mut out).unwrap();
        out
    };
    a.conn
        .execute(
            "UPDATE change_set SET changes = ?1",
            [super::set_bytes::pack(&evil).unwrap()],
        )
        .unwrap();
    let err = b.merge_from(&a).unwrap_err().to_string();
    assert!(err.contains("not part of the shared record"), "{err}");
    assert!(b
        .all_positions(&Default::default(), None)
        .unwrap()
        .is_empty());
}

#[test]
fn rows_written_before_change_capture_travel_once_as_a_baseline() {
    let (mut old, mut fresh) = pair();
    // As an older Concord wrote it: no change set for this position.
    old.without_change_capture_for_benchmarks();
    let p = old.add_position(&summarised("FRA", "from 2023")).unwrap();
    old.capture = true;
    old.conn
        .execute(
            "INSERT INTO meta (key, value) VALUES ('baseline_needed', '1')",
            [],
        )
        .unwrap();
    assert_eq!(fresh.merge_from(&old).unwrap().change_sets, 0);
    old.record_baseline().unwrap();
    old.record_baseline().unwrap();
    assert_eq!(old.change_sets().unwrap().len(), 1, "once");
    fresh.merge_from(&old).unwrap();
    assert_eq!(fresh.position(p.id).unwrap().summary, "from 2023");
    assert_eq!(fresh.digest().unwrap(), old.digest().unwrap());
}

#[test]
fn a_deletion_set_aside_is_listed_alike_whether_it_came_before_or_after_a_later_deletion() {
    // i records; b edits; x deletes without seeing b's edit (set aside where b's edit is);
    // r deletes after seeing b's edit but not x's deletion; z edits knowing only b's edit,
    // which brings the row back. p hears x before r, q hears r before x.
    let mut s = replicas(7);
    let (i, rest) = s.split_at_mut(1);
    let p0 = i[0].add_position(&summarised("FRA", "first")).unwrap();
    for o in rest.iter_mut() {
        o.merge_from(&i[0]).unwrap();
    }
    let [b, x, r, z, p, q] = rest else {
        unreachable!()
    };
    let mut e = PositionInput::from(&p0);
    e.summary = "edited by b".into();
    b.update_position(p0.id, &e).unwrap();
    x.delete_position(p0.id).unwrap();
    r.merge_from(b).unwrap();
    r.delete_position(p0.id).unwrap();
    z.merge_from(b).unwrap();
    let mut e = PositionInput::from(&z.position(p0.id).unwrap());
    e.stance = Stance::Conditional;
    z.update_position(p0.id, &e).unwrap();
    for (store, first, second) in [(&mut *p, &*x, &*r), (&mut *q, &*r, &*x)] {
        store.merge_from(b).unwrap();
        store.merge_from(first).unwrap();
        store.merge_from(second).unwrap();
        store.merge_from(z).unwrap();
    }
    let listed = |s: &Store| {
        let mut c: Vec<_> = s.conflicts().unwrap().into_iter().map(|c| c.id).collect();
        c.sort();
        c
    };
    assert_eq!(listed(p), listed(q));
    assert_eq!(p.digest().unwrap(), q.digest().unwrap());
}
