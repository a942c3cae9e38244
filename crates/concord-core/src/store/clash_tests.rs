//! Keys two copies both claim (`clashes.rs`, schema v15): the merge keeps every row, each
//! copy lists the same clash, and an ordinary edit settles it everywhere.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use crate::catalog;
use crate::model::{ActorInput, ActorKind, ClashKind, SessionInput};
use crate::reference::{self, OEWG};
use crate::{Clock, FixedClock, Store};
use std::sync::Arc;
use uuid::Uuid;

fn pair() -> (Store, Store) {
    let clock: Arc<dyn Clock> = Arc::new(FixedClock::new());
    let open = |i| {
        let mut s = Store::open_in_memory(clock.clone(), Uuid::from_u128(i)).unwrap();
        s.load_reference().unwrap();
        s
    };
    (open(1), open(2))
}

fn sync(a: &mut Store, b: &mut Store) {
    a.merge_from(b).unwrap();
    b.merge_from(a).unwrap();
    assert_eq!(a.digest().unwrap(), b.digest().unwrap());
    assert_eq!(a.clashes().unwrap(), b.clashes().unwrap());
}

#[test]
fn a_rename_onto_a_name_a_colleague_gave_a_new_topic_merges_and_is_listed_until_merged() {
    let (mut a, mut b) = pair();
    let mine = catalog::add_topic(&mut a, None, "Ransomware", None).unwrap();
    let theirs = catalog::add_topic(&mut b, None, "Ransom", None).unwrap();
    catalog::rename_topic(&mut b, theirs.id, "ransomware").unwrap();
    sync(&mut a, &mut b);
    let clashes = a.clashes().unwrap();
    assert_eq!(clashes.len(), 1, "{clashes:?}");
    assert_eq!(clashes[0].kind, ClashKind::Topic);
    assert_eq!(
        clashes[0].about.to_lowercase(),
        "2 top-level topics are named “ransomware”."
    );
    let mut rows = vec![mine.id, theirs.id];
    rows.sort();
    assert_eq!(clashes[0].rows, rows);
    // The catalog's own edits still work on either, and cannot make a third.
    assert!(catalog::add_topic(&mut a, None, "RANSOMWARE", None).is_err());
    catalog::merge_topics(&mut b, theirs.id, mine.id).unwrap();
    sync(&mut a, &mut b);
    assert!(a.clashes().unwrap().is_empty());
    let named = a.topics().unwrap();
    assert_eq!(named.iter().filter(|t| t.name == "Ransomware").count(), 1);
}

#[test]
fn the_same_topic_added_on_two_copies_is_one_row_and_no_clash() {
    let (mut a, mut b) = pair();
    catalog::add_topic(&mut a, None, "Ransomware", None).unwrap();
    catalog::add_topic(&mut b, None, "Ransomware", None).unwrap();
    sync(&mut a, &mut b);
    assert!(a.clashes().unwrap().is_empty());
}

#[test]
fn a_topic_made_again_under_a_name_it_gave_up_gets_a_row_of_its_own() {
    let (mut a, _) = pair();
    let first = catalog::add_topic(&mut a, None, "Ransom", None).unwrap();
    catalog::rename_topic(&mut a, first.id, "Ransomware").unwrap();
    let again = catalog::add_topic(&mut a, None, "Ransom", None).unwrap();
    assert_ne!(first.id, again.id);
}

fn session(number: i64, title: &str) -> SessionInput {
    SessionInput {
        process_id: reference::process_id(OEWG),
        number: Some(number),
        title: title.into(),
        start_date: None,
        end_date: None,
        place: None,
        note: None,
    }
}

#[test]
fn two_sessions_numbered_alike_apart_both_stay_and_a_renumbering_settles_it() {
    let (mut a, mut b) = pair();
    catalog::add_session(&mut a, &session(21, "Resumed session")).unwrap();
    let other = catalog::add_session(&mut b, &session(22, "Informal meeting")).unwrap();
    catalog::edit_session(&mut b, other.id, &session(21, "Informal meeting")).unwrap();
    sync(&mut a, &mut b);
    let clashes = b.clashes().unwrap();
    assert_eq!(clashes.len(), 1);
    assert_eq!(
        clashes[0].about,
        "2 sessions of OEWG 2021–2025 have the number 21."
    );
    // An edit that keeps the shared number is allowed; it neither settles nor adds a clash.
    catalog::edit_session(&mut a, other.id, &session(21, "Informal consultations")).unwrap();
    catalog::edit_session(&mut b, other.id, &session(23, "Informal meeting")).unwrap();
    sync(&mut a, &mut b);
    assert!(a.clashes().unwrap().is_empty());
    assert_eq!(catalog::session(&a, other.id).unwrap().number, Some(23));
}

#[test]
fn two_actors_given_one_code_apart_are_listed_by_their_code() {
    let (mut a, mut b) = pair();
    let actor = |name: &str| ActorInput {
        kind: ActorKind::Igo,
        name: name.into(),
        short_name: None,
        iso3: Some("RUR".into()),
        note: None,
    };
    catalog::add_actor(&mut a, &actor("Ruritania")).unwrap();
    catalog::add_actor(&mut b, &actor("Republic of Ruritania")).unwrap();
    sync(&mut a, &mut b);
    let clashes = a.clashes().unwrap();
    assert_eq!(clashes.len(), 1);
    assert_eq!(clashes[0].kind, ClashKind::Actor);
    assert_eq!(clashes[0].key, "RUR");
}
