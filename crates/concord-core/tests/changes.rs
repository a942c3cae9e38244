//! The session diff on crafted data: every kind of change, a group's own statement, and a
//! membership that ended before the later session.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::model::{ChangeKind, Movement, PositionInput, SessionDiffQuery, Stance};
use concord_core::reference::{self, OEWG};
use concord_core::{Store, StoreError};
use uuid::Uuid;

use concord_testing::store;

fn say(s: &mut Store, actor: Uuid, session: Uuid, stance: Stance, quote: &str) {
    let input = PositionInput {
        actor_id: actor,
        session_id: session,
        stance,
        quote: quote.into(),
        source: "A/AC.292/2024/CRP.1, para. 3".into(),
        ..concord_testing::position("FRA", 1)
    };
    concord_testing::say(s, input);
}

fn state(iso3: &str) -> Uuid {
    reference::state_id(iso3)
}

fn oewg(seq: i64) -> Uuid {
    reference::session_id(OEWG, seq)
}

fn query(group: Option<Uuid>) -> SessionDiffQuery {
    SessionDiffQuery {
        process_id: reference::process_id(OEWG),
        before_from: 7,
        before_to: 7,
        after_from: 8,
        after_to: 8,
        group_id: group,
    }
}

#[test]
fn every_kind_of_change_is_listed_with_sources_and_counted() {
    let mut s = store();
    say(&mut s, state("FRA"), oewg(7), Supports, "");
    say(&mut s, state("FRA"), oewg(8), Opposes, "");
    say(&mut s, state("RUS"), oewg(7), Opposes, "");
    say(&mut s, state("RUS"), oewg(8), Conditional, "");
    say(&mut s, state("BRA"), oewg(8), Supports, "");
    say(&mut s, state("CHN"), oewg(7), Supports, "");
    say(&mut s, state("DEU"), oewg(7), Supports, "A first quote.");
    say(&mut s, state("DEU"), oewg(8), Supports, "A second quote.");
    say(&mut s, state("ITA"), oewg(7), Supports, "Same.");
    say(&mut s, state("ITA"), oewg(8), Supports, "Same.");
    let eu = reference::group_id("EU");
    say(&mut s, eu, oewg(7), Proposes, "");
    say(&mut s, eu, oewg(8), Opposes, "");

    let diff = s.session_diff(&query(None)).unwrap();
    assert_eq!(diff.before_label, "7th substantive session");
    assert_eq!(diff.after_label, "8th substantive session");
    let got: Vec<(&str, ChangeKind, Option<Stance>, Option<Stance>)> = diff
        .changes
        .iter()
        .map(|c| (c.actor_name.as_str(), c.kind, c.from_stance, c.to_stance))
        .collect();
    use ChangeKind::*;
    use Stance::*;
    assert_eq!(
        got,
        [
            // Changed, by regional group (none first), then actor.
            ("EU", Changed, Some(Proposes), Some(Opposes)),
            ("Russia", Changed, Some(Opposes), Some(Conditional)),
            ("France", Changed, Some(Supports), Some(Opposes)),
            ("Brazil", New, None, Some(Supports)),
            ("China", NotRestated, Some(Supports), None),
            ("Germany", QuoteChanged, Some(Supports), Some(Supports)),
        ]
    );
    let russia = &diff.changes[1];
    assert_eq!(russia.movement, Some(Movement::TowardsSupport));
    assert_eq!(russia.bloc.as_deref(), Some("EEG"));
    let france = &diff.changes[2];
    assert_eq!(france.movement, Some(Movement::AwayFromSupport));
    let before = france.before.as_ref().unwrap();
    assert_eq!(before.session_title, "7th substantive session");
    assert_eq!(before.source, "A/AC.292/2024/CRP.1, para. 3");
    assert!(diff.changes[3].before.is_none());
    assert!(diff.changes[4].after.is_none());

    assert_eq!(diff.subjects.len(), 1);
    let poa = &diff.subjects[0];
    assert_eq!(
        (poa.changed, poa.towards_support, poa.away_from_support),
        (3, 1, 2)
    );
    assert_eq!((poa.new, poa.not_restated, poa.quote_changed), (1, 1, 1));
    assert_eq!(
        poa.headline,
        "3 actors moved on the Programme of Action, 1 towards support, 2 away from it; \
         1 new; 1 not restated; 1 with a new quote"
    );
}

#[test]
fn a_group_filter_uses_membership_at_the_later_session() {
    let mut s = store();
    // A process with a session before and one after the United Kingdom left the EU.
    let (before, after) = s
        .write(|w| {
            let p = w.create_process("Test process", "Test")?;
            let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
            let a = w.create_session(p, 1, "2019 session", d(2019, 3, 4), d(2019, 3, 8))?;
            let b = w.create_session(p, 2, "2021 session", d(2021, 3, 8), d(2021, 3, 12))?;
            Ok::<_, StoreError>((a, b))
        })
        .unwrap();
    for iso3 in ["GBR", "FRA"] {
        say(&mut s, state(iso3), before, Stance::Supports, "");
        say(&mut s, state(iso3), after, Stance::Opposes, "");
    }
    let process = s.sessions(None).unwrap();
    let process = process.iter().find(|x| x.id == before).unwrap().process_id;
    let q = SessionDiffQuery {
        process_id: process,
        before_from: 1,
        before_to: 1,
        after_from: 2,
        after_to: 2,
        group_id: Some(reference::group_id("EU")),
    };
    let diff = s.session_diff(&q).unwrap();
    let actors: Vec<&str> = diff.changes.iter().map(|c| c.actor_name.as_str()).collect();
    assert_eq!(actors, ["France"], "the UK left the EU on 2020-01-31");
    assert_eq!(
        diff.subjects[0].headline,
        "1 State moved on the Programme of Action, 1 away from it"
    );
}

#[test]
fn a_backwards_range_is_refused() {
    let s = store();
    let mut q = query(None);
    q.before_from = 8;
    q.before_to = 7;
    let e = s.session_diff(&q).unwrap_err();
    assert!(e.to_string().contains("runs backwards"), "{e}");
}

#[test]
fn cohesion_sets_members_against_their_groups_statement() {
    use concord_core::model::{Alignment, CohesionQuery};
    let mut s = store();
    let eu = reference::group_id("EU");
    say(&mut s, eu, oewg(8), Stance::Supports, "");
    say(&mut s, state("FRA"), oewg(8), Stance::Proposes, ""); // same camp: aligned
    say(&mut s, state("HUN"), oewg(8), Stance::Concerns, ""); // another camp: diverged
    say(&mut s, state("GBR"), oewg(8), Stance::Opposes, ""); // not a member since 2020
    let c = s
        .cohesion(&CohesionQuery {
            group_id: eu,
            process_id: reference::process_id(OEWG),
            seq: 8,
        })
        .unwrap();
    assert_eq!(c.group_name, "EU");
    assert_eq!(c.members, 27);
    let poa = &c.subjects[0];
    assert_eq!(poa.group_stance, Stance::Supports);
    assert_eq!((poa.aligned, poa.diverged, poa.silent), (1, 1, 25));
    let of = |name: &str| {
        poa.members
            .iter()
            .find(|m| m.actor_name == name)
            .map(|m| m.alignment)
    };
    assert_eq!(of("France"), Some(Alignment::Aligned));
    assert_eq!(of("Hungary"), Some(Alignment::Diverged));
    assert_eq!(of("Germany"), Some(Alignment::Silent));
    assert_eq!(of("United Kingdom"), None, "membership ended in 2020");
}

#[test]
fn the_page_opens_on_the_last_two_sessions_that_hold_positions() {
    use concord_core::reference::GLOBAL_MECHANISM;
    use Stance::*;
    let mut s = store();
    assert_eq!(s.latest_session_pair().unwrap(), None);
    say(&mut s, state("FRA"), oewg(5), Supports, "");
    assert_eq!(
        s.latest_session_pair().unwrap(),
        None,
        "one session is no pair"
    );
    say(&mut s, state("FRA"), oewg(8), Opposes, "");
    say(&mut s, state("KEN"), oewg(7), Supports, "");
    let pair = s.latest_session_pair().unwrap().unwrap();
    assert_eq!(pair.process_id, reference::process_id(OEWG));
    assert_eq!((pair.before, pair.after), (7, 8));
    // A first position in another process does not leave the page with nothing to compare.
    say(
        &mut s,
        state("KEN"),
        reference::session_id(GLOBAL_MECHANISM, 0),
        Supports,
        "",
    );
    assert_eq!(s.latest_session_pair().unwrap().unwrap().after, 8);
}
