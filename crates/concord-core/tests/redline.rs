//! The redline: two revisions as one Word document with Word's own tracked changes, read
//! back by LibreOffice (headless, through UNO): Accept All gives the later revision word for
//! word, Reject All the earlier; the requests are comments on their paragraph; the first
//! page counts what the diff counts.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_core::draft::parse;
use concord_core::export::redline::{export_redline, TEXT_HEADING};
use concord_core::model::{AmendmentInput, AmendmentOp, Revision};
use concord_core::reference;
use concord_core::Store;
use concord_testing::office::{convert, tracked};
use concord_testing::{revision, store};

const SYMBOL: &str = "A/AC.292/2025/L.1";

const REV1: &str = "\
I. General
1. States agreed to continue the dialogue.
2. The Group noted proposals on a programme of action.[1]
3. States should report on their capacity-building needs.
4. The Group will meet again in July.
5. This paragraph goes in the next revision.
6. States recalled the eleven norms of responsible behaviour.
(a) voluntary and non-binding;
Footnotes
1 A/75/816.
";

const REV2: &str = "\
I. General
1. States agreed to continue the dialogue.
2. States recalled the eleven norms of responsible behaviour.
(a) voluntary and non-binding;
3. The Group welcomed the proposal on a programme of action.[1]
4. States should report on their needs.[2]
5. The Group will meet again in July.
6. A new paragraph on gender.
Footnotes
1 A/75/816.
2 See the Common African Position, 29 January 2024.
";

/// Rev.2 as Accept All must leave it, one paragraph per line.
const ACCEPTED: [&str; 10] = [
    "I. General",
    "1. States agreed to continue the dialogue.",
    "2. States recalled the eleven norms of responsible behaviour.",
    "(a) voluntary and non-binding;",
    "3. The Group welcomed the proposal on a programme of action.[1]",
    "4. States should report on their needs.[2]",
    "5. The Group will meet again in July.",
    "6. A new paragraph on gender.",
    "1. A/75/816.",
    "2. See the Common African Position, 29 January 2024.",
];

/// Rev.1 as Reject All must leave it.
const REJECTED: [&str; 9] = [
    "I. General",
    "1. States agreed to continue the dialogue.",
    "2. The Group noted proposals on a programme of action.[1]",
    "3. States should report on their capacity-building needs.",
    "4. The Group will meet again in July.",
    "5. This paragraph goes in the next revision.",
    "6. States recalled the eleven norms of responsible behaviour.",
    "(a) voluntary and non-binding;",
    "1. A/75/816.",
];

fn record(s: &mut Store, label: &str, date: &str, text: &str) -> Revision {
    s.record_revision(&revision(SYMBOL, label, date), &parse(text))
        .unwrap()
        .revision
}

/// The tracked text: the lines after the heading it starts under, without the "Footnotes"
/// heading and empty lines.
fn text_lines(all: &str) -> Vec<String> {
    let lines: Vec<&str> = all.lines().map(str::trim).collect();
    let start = lines.iter().position(|l| *l == TEXT_HEADING).unwrap() + 1;
    lines[start..]
        .iter()
        .filter(|l| !l.is_empty() && **l != "Footnotes")
        .map(|l| l.to_string())
        .collect()
}

#[test]
fn accept_all_gives_the_later_revision_and_reject_all_the_earlier() {
    let mut s = store();
    let rev1 = record(&mut s, "Rev.1", "2025-06-01", REV1);
    let rev2_input = revision(SYMBOL, "Rev.2", "2025-06-20");
    // Brazil asks, on Rev.1, to drop "capacity-building" from paragraph 3; Rev.2 does.
    s.log_amendment(&AmendmentInput {
        revision_id: rev1.id,
        label: "3".into(),
        actor_ids: vec![reference::state_id("BRA")],
        op: AmendmentOp::Delete,
        old_text: "capacity-building".into(),
        new_text: String::new(),
        session_id: None,
        note: String::new(),
    })
    .unwrap();
    let rev2 = s
        .record_revision(&rev2_input, &parse(REV2))
        .unwrap()
        .revision;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("redline.docx");
    let outcome = export_redline(&s, rev1.id, rev2.id, &path).unwrap();
    assert_eq!(outcome.comments, 1);

    let t = tracked(&path);
    assert_eq!(text_lines(&t.accepted), ACCEPTED);
    assert_eq!(text_lines(&t.rejected), REJECTED);
    assert!(t.redlines >= outcome.changes as usize, "{t:?}");
    assert_eq!(t.comments.len(), 1, "{t:?}");
    let c = &t.comments[0];
    assert_eq!(c.author, "Brazil");
    assert!(c.text.contains("Delete “capacity-building”"), "{}", c.text);
    assert!(
        c.text.contains("Accepted in") && c.text.contains("Rev.2"),
        "{}",
        c.text
    );
    assert!(c.anchor.contains("States should report"), "{}", c.anchor);

    // The first page counts what the diff counts.
    let diff = s.diff_revisions(rev1.id, rev2.id).unwrap();
    let text = String::from_utf8(convert(&path, "txt:Text", "txt")).unwrap();
    let count = |status: &str| {
        diff.body
            .iter()
            .filter(|e| e.status.as_str() == status)
            .count()
    };
    assert!(count("moved") >= 1 && count("added") >= 1 && count("deleted") >= 1);
    let counted: Vec<String> = concord_core::model::AlignStatus::ALL
        .iter()
        .map(|s| (s.label(), count(s.as_str())))
        .filter(|(_, n)| *n > 0)
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    assert!(
        text.contains(&format!("Paragraphs: {}.", counted.join(", "))),
        "{text}"
    );
    assert!(text.contains("Added: fn 2"), "{text}");
    for e in diff.body.iter().filter(|e| e.status.as_str() == "moved") {
        let line = format!(
            "Moved: para. {} → para. {}",
            e.old_labels.join(" + "),
            e.new_labels.join(" + ")
        );
        assert!(text.contains(&line), "{line} in {text}");
    }
}

#[test]
fn a_missing_folder_is_refused_and_nothing_is_written() {
    let mut s = store();
    let rev1 = record(&mut s, "Rev.1", "2025-06-01", REV1);
    let rev2 = record(&mut s, "Rev.2", "2025-06-20", REV2);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/folder/redline.docx");
    let e = export_redline(&s, rev1.id, rev2.id, &path).unwrap_err();
    assert!(e.to_string().contains("folder"), "{e}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
