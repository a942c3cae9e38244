//! Aligning crafted revisions: every status, with the exact alignment expected.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::draft::{align, parse};
use concord_core::model::{AlignStatus, ProvisionKind};

fn body(text: &str) -> Vec<(String, String)> {
    parse(text)
        .into_iter()
        .filter(|p| p.kind != ProvisionKind::Footnote)
        .map(|p| (p.label, p.text))
        .collect()
}

fn footnotes(text: &str) -> Vec<(String, String)> {
    parse(text)
        .into_iter()
        .filter(|p| p.kind == ProvisionKind::Footnote)
        .map(|p| (p.label, p.text))
        .collect()
}

type Row<'a> = (Option<&'a str>, Option<&'a str>, AlignStatus);

fn rows(entries: &[concord_core::model::AlignedEntry]) -> Vec<Row<'_>> {
    entries
        .iter()
        .map(|e| (e.old_label.as_deref(), e.new_label.as_deref(), e.status))
        .collect()
}

const REV1: &str = "\
A. International law
1. International law, in particular the Charter of the United Nations, is applicable to the use of ICTs by States.
2. States should settle their disputes by peaceful means such as negotiation, enquiry, mediation, conciliation and arbitration.
3. The Group noted proposals on a new legally binding instrument and on a programme of action for responsible State behaviour in the use of ICTs.
B. Norms
4. States should not conduct or knowingly support ICT activity that intentionally damages critical infrastructure.
5. States should respond to appropriate requests for assistance by another State whose critical infrastructure is subject to malicious ICT acts.
6. States should encourage responsible reporting of ICT vulnerabilities.
7. States should take reasonable steps to ensure the integrity of the supply chain.
8. Capacity-building should be demand-driven.
9. It should also be gender-sensitive and sustainable.
10. The Group will meet again in July.
Footnotes
1 A/75/816.
";

const REV2: &str = "\
A. Norms
1. States should not conduct or knowingly support ICT activity that intentionally damages critical infrastructure.
2. States should respond to appropriate requests for assistance by another State whose critical infrastructure is subject to malicious ICT acts.
3. States should encourage responsible reporting of ICT vulnerabilities.
4. States should take reasonable steps to ensure the full and equal integrity of the supply chain.
B. International law
5. International law, in particular the Charter of the United Nations, is applicable to the use of ICTs by States.
6. States should settle their disputes by peaceful means.
7. Negotiation, enquiry, mediation, conciliation and arbitration are among such means.
8. The Group noted proposals on a new legally binding instrument and on a programme of action for responsible State behaviour in the use of ICTs.
9. Capacity-building should be demand-driven, gender-sensitive and sustainable.
10. States are encouraged to share national views on international law.[2]
Footnotes
1 A/75/816.
2 See the Common African Position, 29 January 2024.
";

#[test]
fn every_status_is_found_with_the_exact_alignment() {
    let entries = align(&body(REV1), &body(REV2));
    use AlignStatus::*;
    assert_eq!(
        rows(&entries),
        [
            // The sections swapped. The longer run that kept its order (norms, renumbered
            // 4–7 → 1–4) stays; the international law section is the one that moved.
            (Some("B"), Some("A"), Unchanged),
            (Some("4"), Some("1"), Unchanged),
            (Some("5"), Some("2"), Unchanged),
            (Some("6"), Some("3"), Unchanged),
            (Some("7"), Some("4"), Modified),
            (Some("A"), Some("B"), Moved),
            (Some("1"), Some("5"), Moved),
            (Some("2"), Some("6 + 7"), Split),
            (Some("3"), Some("8"), Moved),
            (Some("8 + 9"), Some("9"), Merged),
            (Some("10"), None, Deleted),
            (None, Some("10"), Added),
        ]
    );
    let supply = &entries[4];
    assert_eq!(supply.inserted, ["full and equal"]);
    assert!(supply.deleted.is_empty());
    assert!(supply.similarity < 1.0 && supply.similarity > 0.8);

    let notes = align(&footnotes(REV1), &footnotes(REV2));
    assert_eq!(
        rows(&notes),
        [
            (Some("fn 1"), Some("fn 1"), Unchanged),
            (None, Some("fn 2"), Added)
        ]
    );
}

#[test]
fn a_word_change_is_marked_in_place() {
    let entries = align(
        &[("12".into(), "Capacity-building should be effective.".into())],
        &[(
            "14".into(),
            "Capacity-building should be full and equal.".into(),
        )],
    );
    assert_eq!(entries[0].status, AlignStatus::Modified);
    assert_eq!(entries[0].deleted, ["effective"]);
    assert_eq!(entries[0].inserted, ["full and equal"]);
    let inline: String = entries[0].runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        inline,
        "Capacity-building should be effectivefull and equal."
    );
}

#[test]
fn a_paragraphs_identity_follows_it_into_the_next_revision() {
    use concord_core::{FixedClock, Store};
    use concord_testing::revision;
    let mut s =
        Store::open_in_memory(std::sync::Arc::new(FixedClock::new()), uuid::Uuid::nil()).unwrap();
    let input =
        |label: &str, day: u32| revision("A/AC.292/2025/L.1", label, &format!("2025-06-{day:02}"));
    let first = s.record_revision(&input("Rev.1", 1), &parse(REV1)).unwrap();
    assert!(first.previous.is_none());
    assert_eq!(first.revision.provisions, 13);
    let second = s
        .record_revision(&input("Rev.2", 20), &parse(REV2))
        .unwrap();
    assert_eq!(
        second.previous.as_ref().map(|p| p.revision_label.as_str()),
        Some("Rev.1")
    );
    assert_eq!(
        second.new_keys, 3,
        "7 (second half of the split), 10 and footnote 2 are new"
    );

    let key = |label: &str, revision: &str| -> String {
        s.stable_key("A/AC.292/2025/L.1", revision, label).unwrap()
    };
    assert_eq!(key("4", "Rev.1"), key("1", "Rev.2"), "renumbered");
    assert_eq!(key("7", "Rev.1"), key("4", "Rev.2"), "modified");
    assert_eq!(
        key("2", "Rev.1"),
        key("6", "Rev.2"),
        "first part of a split"
    );
    assert_eq!(
        key("8", "Rev.1"),
        key("9", "Rev.2"),
        "merged, from its first part"
    );
    assert_eq!(key("fn 1", "Rev.1"), key("fn 1", "Rev.2"));

    let prose = s
        .record_revision(&input("Rev.3", 25), &parse("Just some prose, no numbers."))
        .unwrap_err();
    assert!(
        prose.to_string().contains("no numbered paragraphs"),
        "{prose}"
    );
    assert!(
        s.find_revision("A/AC.292/2025/L.1", "Rev.3").is_err(),
        "nothing written"
    );

    let again = s
        .record_revision(&input("Rev.2", 20), &parse(REV2))
        .unwrap_err();
    assert!(again.to_string().contains("already recorded"), "{again}");

    // The window plans a revision with the store free; if another revision of the symbol is
    // recorded meanwhile, the plan is refused inside the write and nothing is written.
    let rev3 = parse(REV2);
    let plan = s
        .revision_basis(&input("Rev.3", 26), &rev3)
        .unwrap()
        .plan(&rev3);
    s.record_revision(&input("Rev.2bis", 25), &parse(REV1))
        .unwrap();
    let stale = s
        .record_planned(&input("Rev.3", 26), &rev3, plan)
        .unwrap_err();
    assert!(stale.to_string().contains("recorded meanwhile"), "{stale}");
    assert!(s.find_revision("A/AC.292/2025/L.1", "Rev.3").is_err());

    let diff = s
        .diff_revisions(first.revision.id, second.revision.id)
        .unwrap();
    assert_eq!(diff.body.len(), 12);
    assert_eq!(diff.footnotes[1].status, AlignStatus::Added);
}
