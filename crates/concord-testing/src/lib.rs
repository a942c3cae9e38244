//! What Concord's tests share, instead of a copy in every test file: an in-memory store on a
//! fixed clock with the reference data, a position with sensible defaults, and `say` to
//! record one. For tests only: every failure here panics, naming what failed.
#![allow(clippy::unwrap_used)] // a test helper: a failed unwrap is a failed test

pub mod fuzzing;
pub mod office;
pub mod pdf;
pub mod servers;

use concord_core::model::{
    DocumentKind, Position, PositionInput, RevisionInput, Stance, SubjectRef,
};
use concord_core::reference::{self, OEWG};
use concord_core::{FixedClock, Store};
use std::sync::Arc;
use uuid::Uuid;

/// A store in memory with no data at all, as installation `installation`.
pub fn empty_store_as(installation: Uuid) -> Store {
    Store::open_in_memory(Arc::new(FixedClock::new()), installation).unwrap()
}

/// A store in memory with no data at all.
pub fn empty_store() -> Store {
    empty_store_as(Uuid::nil())
}

/// A store in memory with the reference data (States, groups, the OEWG, topics, proposals).
pub fn store() -> Store {
    store_as(Uuid::nil())
}

/// [`store`] as installation `installation`.
pub fn store_as(installation: Uuid) -> Store {
    let mut s = empty_store_as(installation);
    s.load_reference().unwrap();
    s
}

/// A revised draft `symbol` `label` of no process, dated `date` (YYYY-MM-DD; else undated),
/// titled "Draft final report": change what the test is about with `..revision(...)`.
pub fn revision(symbol: &str, label: &str, date: &str) -> RevisionInput {
    RevisionInput {
        symbol: symbol.into(),
        revision_label: label.into(),
        date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        process_id: None,
        kind: DocumentKind::RevisedDraft,
        title: "Draft final report".into(),
    }
}

/// The Programme of Action.
pub fn poa() -> SubjectRef {
    SubjectRef::Proposal(reference::proposal_id("POA"))
}

/// A State's position at an OEWG session (by sequence), on the Programme of Action, supporting,
/// with every text empty: change what the test is about with `..position(...)`.
pub fn position(iso3: &str, seq: i64) -> PositionInput {
    PositionInput {
        actor_id: reference::state_id(iso3),
        subject: poa(),
        session_id: reference::session_id(OEWG, seq),
        meeting_id: None,
        meeting_date: None,
        stance: Stance::Supports,
        summary: String::new(),
        quote: String::new(),
        source: String::new(),
        on_behalf_of_id: None,
        note: String::new(),
    }
}

/// [`position`] at the 7th session with a summary: what the merge and sync tests edit.
pub fn summarised(iso3: &str, summary: &str) -> PositionInput {
    PositionInput {
        summary: summary.into(),
        ..position(iso3, 7)
    }
}

/// Records `input`; panics with the store's message if it is refused.
pub fn say(s: &mut Store, input: PositionInput) -> Position {
    s.add_position(&input)
        .unwrap_or_else(|e| panic!("the position was refused: {e}"))
}

/// `n` copies of one record in memory (installations 1 … n) sharing one test clock, so
/// "later" is simply whoever wrote later; each has the reference data.
pub fn replicas(n: u128) -> Vec<Store> {
    let clock: Arc<dyn concord_core::Clock> = Arc::new(FixedClock::new());
    (1..=n)
        .map(|i| {
            let mut s = Store::open_in_memory(clock.clone(), Uuid::from_u128(i)).unwrap();
            s.load_reference().unwrap();
            s
        })
        .collect()
}
