//! The delegation's brief on a new revision, on a crafted chain of three revisions with
//! requests and positions from us (Brazil) and from others: every statement in it checked
//! against the data.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_core::draft::brief::brief;
use concord_core::draft::parse;
use concord_core::export::brief::{blocks, export_brief, markdown};
use concord_core::model::{
    AlignStatus, AmendmentInput, AmendmentOp, BriefFormat, BriefRequest, PositionInput, Revision,
    Stance, SubjectRef,
};
use concord_core::reference;
use concord_core::Store;
use concord_testing::{office, revision, say, store};

const SYMBOL: &str = "A/AC.292/2025/L.1";

const REV1: &str = "\
1. States should consider voluntary norms of responsible behaviour.
2. The Group will meet again in July.
3. The Group noted proposals on a programme of action.
4. States should report on their needs.
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

fn record(s: &mut Store, label: &str, date: &str, text: &str) -> Revision {
    s.record_revision(&revision(SYMBOL, label, date), &parse(text))
        .unwrap()
        .revision
}

fn ask(
    s: &mut Store,
    rev: &Revision,
    label: &str,
    who: &str,
    op: AmendmentOp,
    old: &str,
    new: &str,
) {
    s.log_amendment(&AmendmentInput {
        revision_id: rev.id,
        label: label.into(),
        actor_ids: vec![reference::state_id(who)],
        op,
        old_text: old.into(),
        new_text: new.into(),
        session_id: None,
        note: String::new(),
    })
    .unwrap();
}

fn says(s: &mut Store, who: &str, rev: &Revision, label: &str, stance: Stance, quote: &str) {
    let provision = s.paragraph_id(rev.id, label).unwrap();
    say(
        s,
        PositionInput {
            subject: SubjectRef::Provision(provision),
            stance,
            quote: quote.into(),
            ..concord_testing::position(who, 8)
        },
    );
}

/// Rev.3 since Rev.2; Brazil (us) supports para. 1 and asked for gender in para. 4 (it
/// landed) and for "in July" to go from para. 2 (it did not); France asked on para. 3;
/// Russia holds a red line on para. 1, stated on Rev.3.
fn chain() -> (Store, Revision, Revision) {
    let mut s = store();
    record(&mut s, "Rev.1", "2025-05-01", REV1);
    let rev2 = record(&mut s, "Rev.2", "2025-06-01", REV2);
    says(
        &mut s,
        "BRA",
        &rev2,
        "1",
        Stance::Supports,
        "binding norms now",
    );
    ask(
        &mut s,
        &rev2,
        "4",
        "BRA",
        AmendmentOp::Insert,
        "",
        "including gender",
    );
    ask(
        &mut s,
        &rev2,
        "2",
        "BRA",
        AmendmentOp::Delete,
        "in July",
        "",
    );
    ask(
        &mut s,
        &rev2,
        "3",
        "FRA",
        AmendmentOp::Replace,
        "programme of action",
        "regular institutional dialogue",
    );
    let rev3 = record(&mut s, "Rev.3", "2025-06-20", REV3);
    says(
        &mut s,
        "RUS",
        &rev3,
        "1",
        Stance::RedLine,
        "no binding norms",
    );
    (s, rev2, rev3)
}

#[test]
fn the_brief_says_what_changed_for_us_and_what_became_of_our_requests() {
    let (s, rev2, rev3) = chain();
    let request = BriefRequest {
        revision_id: rev3.id,
        since_id: None,
    };
    // Until our delegation is set, the brief asks for it.
    let e = brief(&s, &request).unwrap_err().to_string();
    assert!(e.contains("set it first"), "{e}");
    concord_core::settings::set_our_delegation(&s, Some(reference::state_id("BRA"))).unwrap();

    let b = brief(&s, &request).unwrap();
    assert_eq!(
        (b.since_label.as_str(), b.our_name.as_str()),
        ("Rev.2", "Brazil")
    );
    let diff = s.diff_revisions(rev2.id, rev3.id).unwrap();
    let changed = diff
        .body
        .iter()
        .filter(|e| e.status != AlignStatus::Unchanged)
        .count();
    assert_eq!(b.counts.changed as usize, changed);
    assert_eq!(changed, 3, "paras 1, 3 and 4");
    assert_eq!((b.counts.ours, b.counts.ours_changed), (3, 2));
    assert_eq!(
        (b.counts.landed, b.counts.dropped, b.counts.pending),
        (1, 1, 0)
    );

    let cites: Vec<&str> = b.ours.iter().map(|p| p.citation.as_str()).collect();
    assert_eq!(
        cites,
        [
            "A/AC.292/2025/L.1 Rev.3, para. 1",
            "A/AC.292/2025/L.1 Rev.3, para. 2",
            "A/AC.292/2025/L.1 Rev.3, para. 4"
        ]
    );
    let p1 = &b.ours[0];
    assert_eq!(p1.our_stance, Some(Stance::Supports));
    assert_eq!(p1.our_words, "“binding norms now”");
    // The diff's runs, less any of punctuation alone (a comma is no news up the chain).
    let worded: Vec<&String> = diff.body[0]
        .inserted
        .iter()
        .filter(|r| r.chars().any(char::is_alphanumeric))
        .collect();
    assert_eq!(p1.inserted.iter().collect::<Vec<_>>(), worded);
    assert!(!p1.inserted.is_empty());
    assert_eq!(p1.held.len(), 1);
    assert_eq!(
        (p1.held[0].actor.as_str(), p1.held[0].stance),
        ("Russian Federation", Stance::RedLine)
    );
    assert_eq!(p1.stated_since, ["Russian Federation (Red line)"]);
    let p2 = &b.ours[1];
    assert_eq!(p2.status, AlignStatus::Unchanged);
    assert_eq!(p2.requests.len(), 1);
    assert_eq!(p2.requests[0].verdict, "dropped");
    assert_eq!(p2.requests[0].asked, "Delete “in July”");
    let p4 = &b.ours[2];
    assert_eq!(p4.requests[0].verdict, "landed");
    assert!(p4.held.is_empty() && p4.stated_since.is_empty());
    // Para. 3 changed and we said nothing on it (France's request is not ours).
    assert_eq!(b.changed_most.len(), 1);
    assert_eq!(
        b.changed_most[0].citation,
        "A/AC.292/2025/L.1 Rev.3, para. 3"
    );

    // The words, as written.
    let md = markdown(&blocks(&b));
    assert!(
        md.starts_with("# Brief for Brazil: A/AC.292/2025/L.1 Rev.3 (since Rev.2)"),
        "{md}"
    );
    assert!(md.contains("3 paragraphs changed since Rev.2"), "{md}");
    assert!(
        md.contains("Our requests: 1 landed, 0 diluted, 1 dropped"),
        "{md}"
    );
    assert!(
        md.contains("Holding out here: Russian Federation (red line)."),
        "{md}"
    );
    assert!(
        md.contains("Our request — Delete “in July”: dropped"),
        "{md}"
    );
    assert!(
        md.contains("Our request — Insert “including gender”: landed"),
        "{md}"
    );

    // As Word, read back by LibreOffice.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.docx");
    let done = export_brief(&s, &request, BriefFormat::Docx, &path).unwrap();
    assert_eq!(done.paragraphs, 3);
    let text = String::from_utf8(office::convert(&path, "txt:Text", "txt")).unwrap();
    assert!(
        text.contains("A/AC.292/2025/L.1 Rev.3, para. 4: Modified"),
        "{text}"
    );
    assert!(
        text.contains("Our request — Insert “including gender”: landed"),
        "{text}"
    );
}

#[test]
fn a_first_revision_has_nothing_to_brief_since() {
    let mut s = store();
    let rev1 = record(&mut s, "Rev.1", "2025-05-01", REV1);
    concord_core::settings::set_our_delegation(&s, Some(reference::state_id("BRA"))).unwrap();
    let e = brief(
        &s,
        &BriefRequest {
            revision_id: rev1.id,
            since_id: None,
        },
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("first revision"), "{e}");
}
