//! Amendment requests: decided against the next revision (accepted, partial, rejected), the
//! analyst's override, the per-actor ledger, the positions shown beside a paragraph and the
//! consensus-risk ranking; bad requests are refused and write nothing.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::draft::parse;
use concord_core::model::{
    AmendmentInput, AmendmentOp, AmendmentStatus, DecidedBy, DocumentKind, PositionInput, Revision,
    RevisionInput, Stance, SubjectRef,
};
use concord_core::reference::{self, OEWG};
use concord_core::Store;
use uuid::Uuid;

const SYMBOL: &str = "A/AC.292/2025/L.1";

const REV1: &str = "\
1. States should consider voluntary norms of responsible behaviour.
2. The Group noted proposals on a programme of action.
3. States should report on their capacity-building needs.
4. The Group will meet again in July.
";

const REV2: &str = "\
1. States should consider voluntary and legally binding norms of responsible behaviour.
2. The Group will meet again in July.
3. The Group welcomed the proposal on a programme of action.
4. States should report on their needs.
";

const REV3: &str = "\
1. States should consider voluntary and legally binding norms of responsible State behaviour.
2. The Group will meet again in July.
3. The Group welcomed the proposal on a regular institutional dialogue.
4. States should report on their needs, including gender.
";

use concord_testing::store;

fn record(s: &mut Store, label: &str, day: u32, text: &str) -> Revision {
    let input = RevisionInput {
        symbol: SYMBOL.into(),
        revision_label: label.into(),
        date: chrono::NaiveDate::from_ymd_opt(2025, 6, day),
        process_id: Some(reference::process_id(OEWG)),
        kind: DocumentKind::RevisedDraft,
        title: "Draft final report".into(),
    };
    s.record_revision(&input, &parse(text)).unwrap().revision
}

fn ask(
    rev: &Revision,
    label: &str,
    actors: &[&str],
    op: AmendmentOp,
    old: &str,
    new: &str,
) -> AmendmentInput {
    AmendmentInput {
        revision_id: rev.id,
        label: label.into(),
        actor_ids: actors.iter().map(|a| reference::state_id(a)).collect(),
        op,
        old_text: old.into(),
        new_text: new.into(),
        session_id: None,
        note: String::new(),
    }
}

#[test]
fn requests_are_decided_when_the_next_revision_comes_in() {
    let mut s = store();
    let rev1 = record(&mut s, "Rev.1", 1, REV1);
    let insert = s
        .log_amendment(&ask(
            &rev1,
            "1",
            &["IRN", "RUS"],
            AmendmentOp::Insert,
            "",
            "legally binding",
        ))
        .unwrap();
    assert_eq!(
        (insert.status, insert.decided_by),
        (AmendmentStatus::Pending, DecidedBy::Nobody)
    );
    assert_eq!(
        insert.actors,
        ["Iran (Islamic Republic of)", "Russian Federation"]
    );
    let moved = s
        .log_amendment(&ask(
            &rev1,
            "2",
            &["FRA"],
            AmendmentOp::Move,
            "",
            "after para. 4",
        ))
        .unwrap();
    let replace = s
        .log_amendment(&ask(
            &rev1,
            "2",
            &["FRA"],
            AmendmentOp::Replace,
            "noted proposals",
            "welcomed the proposal and decided to establish",
        ))
        .unwrap();
    let delete = s
        .log_amendment(&ask(&rev1, "4", &["USA"], AmendmentOp::Delete, "", ""))
        .unwrap();
    let up = s
        .log_amendment(&ask(&rev1, "4", &["EGY"], AmendmentOp::Move, "", "earlier"))
        .unwrap();
    let narrow = s
        .log_amendment(&ask(
            &rev1,
            "3",
            &["RUS"],
            AmendmentOp::Delete,
            "capacity-building",
            "",
        ))
        .unwrap();

    let rev2 = s
        .record_revision(
            &RevisionInput {
                symbol: SYMBOL.into(),
                revision_label: "Rev.2".into(),
                date: chrono::NaiveDate::from_ymd_opt(2025, 6, 20),
                process_id: None,
                kind: DocumentKind::RevisedDraft,
                title: String::new(),
            },
            &parse(REV2),
        )
        .unwrap();
    assert_eq!(rev2.decided, 6);
    let by_id = |s: &Store, id: Uuid| {
        s.amendments_on(rev2.revision.id)
            .unwrap()
            .into_iter()
            .find(|a| a.id == id)
            .unwrap()
    };
    let got = by_id(&s, insert.id);
    assert_eq!(got.status, AmendmentStatus::Accepted);
    assert_eq!(got.decided_by, DecidedBy::Auto);
    assert_eq!(got.decided_in.as_deref(), Some("Rev.2"));
    assert_eq!(got.landed_label.as_deref(), Some("1"));
    assert_eq!(got.score, Some(1.0));
    assert!(
        got.reason.contains("“legally binding” is in the new text"),
        "{}",
        got.reason
    );
    let got = by_id(&s, moved.id);
    assert_eq!(
        (got.status, got.landed_label.as_deref()),
        (AmendmentStatus::Accepted, Some("3"))
    );
    assert_eq!(
        by_id(&s, up.id).status,
        AmendmentStatus::Accepted,
        "rank 4 → 2"
    );
    let got = by_id(&s, replace.id);
    assert_eq!(got.status, AmendmentStatus::Partial, "{}", got.reason);
    assert_eq!(by_id(&s, narrow.id).status, AmendmentStatus::Accepted);
    // Para. 4 of Rev.1 ("meet again in July") is still there, as para. 2.
    let got = by_id(&s, delete.id);
    assert_eq!(
        (got.status, got.landed_label.as_deref()),
        (AmendmentStatus::Rejected, Some("2"))
    );

    // The analyst overrides one; a later revision does not decide it again.
    let overridden = s
        .set_amendment_status(replace.id, AmendmentStatus::Accepted)
        .unwrap();
    assert_eq!(overridden.decided_by, DecidedBy::Analyst);
    let rev3 = record(&mut s, "Rev.3", 25, REV3);
    assert_eq!(by_id(&s, replace.id).status, AmendmentStatus::Accepted);

    let ledger = s.amendment_ledger(SYMBOL).unwrap();
    let line = |name: &str| ledger.iter().find(|l| l.actor == name).unwrap();
    let fra = line("France");
    assert_eq!(
        (fra.asked, fra.accepted, fra.partial, fra.rejected),
        (2, 2, 0, 0)
    );
    let rus = line("Russian Federation");
    assert_eq!((rus.asked, rus.accepted), (2, 2));
    let usa = line("United States of America");
    assert_eq!((usa.asked, usa.rejected), (1, 1));
    assert_eq!(ledger.len(), 5);

    // A request logged on Rev.2 after Rev.3 is in is decided at once against Rev.3.
    let late = s
        .log_amendment(&ask(
            &rev2.revision,
            "4",
            &["ZAF"],
            AmendmentOp::Insert,
            "",
            "including gender",
        ))
        .unwrap();
    assert_eq!(late.status, AmendmentStatus::Accepted);
    assert_eq!(late.decided_in.as_deref(), Some("Rev.3"));
    // And requests on Rev.3 wait for Rev.4.
    let waiting = s
        .log_amendment(&ask(
            &rev3,
            "3",
            &["CHN"],
            AmendmentOp::Delete,
            "regular",
            "",
        ))
        .unwrap();
    assert_eq!(waiting.status, AmendmentStatus::Pending);
}

#[test]
fn bad_requests_are_refused_and_write_nothing() {
    let mut s = store();
    let rev1 = record(&mut s, "Rev.1", 1, REV1);
    let cases = [
        (
            ask(&rev1, "1", &[], AmendmentOp::Insert, "", "binding"),
            "say who asks",
        ),
        (
            ask(&rev1, "1", &["FRA"], AmendmentOp::Insert, "", " "),
            "words to insert",
        ),
        (
            ask(&rev1, "1", &["FRA"], AmendmentOp::Delete, "mandatory", ""),
            "“mandatory” is not in para. 1",
        ),
        (
            ask(&rev1, "1", &["FRA"], AmendmentOp::Replace, "voluntary", ""),
            "needs the words to replace",
        ),
        (
            ask(&rev1, "99", &["FRA"], AmendmentOp::Insert, "", "x"),
            "para. 99",
        ),
    ];
    for (input, message) in cases {
        let err = s.log_amendment(&input).unwrap_err().to_string();
        assert!(err.contains(message), "{err}");
    }
    let mut unknown = ask(&rev1, "1", &["FRA"], AmendmentOp::Insert, "", "binding");
    unknown.actor_ids.push(Uuid::from_u128(42));
    assert!(s.log_amendment(&unknown).is_err());
    assert!(s.amendments_on(rev1.id).unwrap().is_empty());
    assert!(s.amendment_ledger(SYMBOL).unwrap().is_empty());
}

fn position(s: &mut Store, iso3: &str, provision: Uuid, session: i64, stance: Stance) {
    let input = PositionInput {
        subject: SubjectRef::Provision(provision),
        stance,
        summary: format!("{iso3} on the paragraph"),
        ..concord_testing::position(iso3, session)
    };
    concord_testing::say(s, input);
}

#[test]
fn positions_follow_a_paragraph_and_the_most_contested_come_first() {
    let mut s = store();
    let rev1 = record(&mut s, "Rev.1", 1, REV1);
    let para =
        |s: &Store, rev: &Revision, label: &str| -> Uuid { s.paragraph_id(rev.id, label).unwrap() };
    let p1 = para(&s, &rev1, "1");
    let p3 = para(&s, &rev1, "3");
    position(&mut s, "RUS", p1, 7, Stance::Supports);
    position(&mut s, "RUS", p1, 8, Stance::RedLine);
    position(&mut s, "USA", p1, 8, Stance::Opposes);
    position(&mut s, "CHN", p3, 8, Stance::Reservation);
    let rev2 = record(&mut s, "Rev.2", 20, REV2);
    let p1_rev2 = para(&s, &rev2, "1");
    position(&mut s, "FRA", p1_rev2, 9, Stance::Disassociation);
    s.log_amendment(&ask(
        &rev2,
        "4",
        &["BRA"],
        AmendmentOp::Insert,
        "",
        "gender",
    ))
    .unwrap();

    let subjects = s.paragraph_subjects().unwrap();
    assert_eq!(subjects.len(), 4, "the latest revision's paragraphs only");
    assert_eq!(
        (
            subjects[0].revision_label.as_str(),
            subjects[0].label.as_str()
        ),
        ("Rev.2", "1")
    );
    assert_eq!(subjects[0].id, p1_rev2);

    let notes = s.paragraph_notes(rev2.id).unwrap();
    let labels: Vec<&str> = notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["1", "4"], "Rev.1 para. 3 is Rev.2 para. 4");
    let first: Vec<(&str, Stance, &str)> = notes[0]
        .positions
        .iter()
        .map(|p| (p.actor.as_str(), p.stance, p.recorded_on.as_str()))
        .collect();
    assert_eq!(
        first,
        [
            ("France", Stance::Disassociation, "Rev.2 para. 1"),
            ("Russian Federation", Stance::RedLine, "Rev.1 para. 1"),
            ("United States of America", Stance::Opposes, "Rev.1 para. 1"),
        ],
        "each actor's latest position, through the earlier revision"
    );
    assert_eq!(notes[1].amendments.len(), 1);
    assert_eq!(notes[1].positions[0].actor, "China");

    let risk = s.consensus_risk(rev2.id).unwrap();
    let ranked: Vec<(&str, u32, u32)> = risk
        .iter()
        .map(|r| (r.label.as_str(), r.score, r.pending_amendments))
        .collect();
    assert_eq!(ranked, [("1", 7, 0), ("4", 1, 1)]);
    assert_eq!(risk[0].red_lines, ["Russian Federation"]);
    assert_eq!(risk[0].objections, ["United States of America"]);
    assert_eq!(risk[0].disassociations, ["France"]);
    assert_eq!(risk[1].reservations, ["China"]);
}

#[test]
fn paragraphs_are_found_once_in_their_newest_revision() {
    let mut s = store();
    record(&mut s, "Rev.1", 1, REV1);
    record(&mut s, "Rev.2", 20, REV2);
    let found = |s: &Store, text: &str| -> Vec<(String, String)> {
        s.search_paragraphs(text)
            .unwrap()
            .into_iter()
            .map(|h| (h.revision_label, h.label))
            .collect()
    };
    // Rev.1 para. 2 became Rev.2 para. 3: found once, in Rev.2.
    assert_eq!(found(&s, "programme"), [("Rev.2".into(), "3".into())]);
    // A paragraph only Rev.1 has the words of is found in Rev.1.
    assert_eq!(found(&s, "noted proposals"), [("Rev.1".into(), "2".into())]);
    let hit = &s.search_paragraphs("legally bind").unwrap()[0];
    let marked: Vec<&str> = hit
        .excerpt
        .iter()
        .filter(|r| r.hit)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(marked, ["legally", "binding"]);
    assert!(found(&s, "  ").is_empty());
}
