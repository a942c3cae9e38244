//! Redo after Undo Last Entry: a deleted position comes back with its id and its values, its
//! history says so, and what cannot be put back is refused with a reason.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::model::{HistoryOp, PositionInput, SearchQuery, Stance, SubjectRef};
use concord_core::reference;
use concord_core::{Store, StoreError};
use uuid::Uuid;

fn store() -> Store {
    concord_testing::store_as(Uuid::parse_str("0190f0f0-0000-7000-8000-000000000002").unwrap())
}

fn input() -> PositionInput {
    PositionInput {
        subject: SubjectRef::Topic(reference::topic_id(
            "International law/International humanitarian law",
        )),
        stance: Stance::Conditional,
        summary: "Applies IHL only with safeguards on escalation.".into(),
        quote: "We cannot accept a text that legitimises conflict in cyberspace.".into(),
        source: "A/79/214, para. 27".into(),
        ..concord_testing::position("BRA", 8)
    }
}

fn hits(s: &Store, words: &str) -> usize {
    let q = SearchQuery {
        text: words.into(),
        ..Default::default()
    };
    s.search(&q).unwrap().len()
}

#[test]
fn an_undone_entry_comes_back_with_its_id_values_and_history() {
    let mut s = store();
    let p = s.add_position(&input()).unwrap();
    s.delete_position(p.id).unwrap();
    assert_eq!(hits(&s, "escalation"), 0);

    let back = s.restore_position(p.id).unwrap();
    assert_eq!(back.id, p.id);
    assert_eq!(back.actor_name, "Brazil");
    assert_eq!(back.stance, Stance::Conditional);
    assert_eq!(back.summary, p.summary);
    assert_eq!(back.quote, p.quote);
    assert_eq!(back.source, "A/79/214, para. 27");
    assert_eq!(
        back.created_at, p.created_at,
        "it keeps its place in the list"
    );
    assert_eq!(s.counts().unwrap().positions, 1);
    assert_eq!(hits(&s, "escalation"), 1, "search finds it again");

    let ops: Vec<HistoryOp> = s
        .position_history(p.id)
        .unwrap()
        .iter()
        .map(|h| h.op)
        .collect();
    assert_eq!(
        ops,
        [HistoryOp::Insert, HistoryOp::Delete, HistoryOp::Insert]
    );
    let history = s.position_history(p.id).unwrap();
    assert_eq!(
        history[2].after.as_ref().unwrap()["summary"],
        "Applies IHL only with safeguards on escalation."
    );
}

#[test]
fn what_is_in_the_record_or_never_was_cannot_be_put_back() {
    let mut s = store();
    let p = s.add_position(&input()).unwrap();
    let e = s.restore_position(p.id).unwrap_err();
    assert!(matches!(e, StoreError::Invalid { .. }), "{e:?}");
    assert!(e.to_string().contains("only a deleted one"), "{e}");

    let never = Uuid::parse_str("0190f0f0-0000-7000-8000-00000000dead").unwrap();
    let e = s.restore_position(never).unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }), "{e:?}");

    s.delete_position(p.id).unwrap();
    s.restore_position(p.id).unwrap();
    assert!(
        s.restore_position(p.id).is_err(),
        "a second Redo has nothing to do"
    );
    assert_eq!(s.counts().unwrap().positions, 1);
}

#[test]
fn an_edited_then_deleted_entry_comes_back_as_last_edited() {
    let mut s = store();
    let p = s.add_position(&input()).unwrap();
    let mut edited = input();
    edited.stance = Stance::Supports;
    edited.summary = "Now supports without conditions.".into();
    s.update_position(p.id, &edited).unwrap();
    s.delete_position(p.id).unwrap();
    let back = s.restore_position(p.id).unwrap();
    assert_eq!(back.stance, Stance::Supports);
    assert_eq!(back.summary, "Now supports without conditions.");
}
