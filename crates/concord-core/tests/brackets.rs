//! Brackets, alternatives and footnotes across a crafted chain of three revisions whose
//! counts are known: nested brackets, a footnote call that is no bracket, a bracket inside a
//! footnote, one never closed.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_core::draft::brackets::{chain, ALL_SECTIONS, FOOTNOTES};
use concord_core::draft::parse;
use concord_core::model::OpenText;
use concord_testing::{revision, store};

const REV1: &str = "I. Norms
1. States [should [consider]] the norms.[1]
2. Option 1: a Programme of Action. Option 2: a treaty.
II. Capacity-building
3. [Establish] or [consider] a portal.
4. An [unclosed bracket here.
Footnotes
1 As agreed in [A/75/816].
";

const REV2: &str = "I. Norms
1. States should consider the norms.[1]
2. Option 1: a Programme of Action.
II. Capacity-building
3. [Establish] a portal.
Footnotes
1 As agreed in A/75/816.
2 A new footnote.
";

const REV3: &str = "I. Norms
1. States consider the norms.
2. A Programme of Action.
II. Capacity-building
3. Establish a portal.
";

fn counts(o: &OpenText) -> (u32, u32, u32, u32) {
    (o.brackets, o.unclosed, o.alternatives, o.footnotes)
}

#[test]
fn each_revision_counts_what_it_holds_open_and_the_chain_shows_it_close() {
    let mut s = store();
    for (label, day, text) in [("Rev.1", 1, REV1), ("Rev.2", 10, REV2), ("Rev.3", 20, REV3)] {
        let input = revision("A/AC.292/2025/L.1", label, &format!("2025-06-{day:02}"));
        s.record_revision(&input, &parse(text)).unwrap();
    }
    let c = chain(&s, "A/AC.292/2025/L.1").unwrap();
    let labels: Vec<&str> = c
        .revisions
        .iter()
        .map(|r| r.revision.revision_label.as_str())
        .collect();
    assert_eq!(labels, ["Rev.1", "Rev.2", "Rev.3"]);

    let rev1 = &c.revisions[0];
    let section = |name: &str| {
        rev1.sections
            .iter()
            .find(|o| o.section == name)
            .unwrap_or_else(|| panic!("no {name}: {:?}", rev1.sections))
    };
    // Nested brackets are one passage; "[1]" is a footnote call; two options.
    assert_eq!(counts(section("I. Norms")), (1, 0, 2, 0));
    // "[Establish] or [consider]" are two passages and one alternative; one never closes.
    assert_eq!(counts(section("II. Capacity-building")), (3, 1, 1, 0));
    // The bracket inside the footnote counts, in the footnotes.
    assert_eq!(counts(section(FOOTNOTES)), (1, 0, 0, 1));
    assert_eq!(rev1.total.section, ALL_SECTIONS);
    assert_eq!(counts(&rev1.total), (5, 1, 3, 1));

    assert_eq!(counts(&c.revisions[1].total), (1, 0, 1, 2));
    assert_eq!(counts(&c.revisions[2].total), (0, 0, 0, 0));
    assert!(c.revisions[2]
        .sections
        .iter()
        .all(|o| o.section != FOOTNOTES));
}

#[test]
fn an_unknown_draft_is_named_in_the_error() {
    let s = store();
    let e = chain(&s, "A/NO/SUCH").unwrap_err();
    assert!(e.to_string().contains("A/NO/SUCH"), "{e}");
    assert!(e.to_string().contains("no revision of a draft"), "{e}");
}
