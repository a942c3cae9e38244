//! Entries proposed from statements and transcripts, scored against ten texts written in the
//! UN register and labelled by hand (tests/fixtures/statements: the texts and labels.csv).
//! Prints precision and recall of speaker, subject and stance; fails if they fall below what
//! this version reaches, so a change that reads worse is seen.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_core::model::{ExtractRequest, ProposedEntry};
use concord_core::reference::{self, OEWG};
use concord_core::transcript::{propose, MAX_TEXT_BYTES};
use concord_core::Store;
use concord_testing::store;
use std::collections::HashMap;
use std::path::PathBuf;

struct Label {
    file: String,
    quote: String,
    speaker: String,
    subject: String,
    stance: String,
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/statements")
}

fn labels() -> Vec<Label> {
    let mut r = csv::Reader::from_path(fixtures().join("labels.csv")).unwrap();
    r.records()
        .map(|row| {
            let row = row.unwrap();
            Label {
                file: row[0].into(),
                quote: row[1].into(),
                speaker: row[2].into(),
                subject: row[3].into(),
                stance: row[4].into(),
            }
        })
        .collect()
}

fn request(text: String) -> ExtractRequest {
    ExtractRequest {
        text,
        session_id: reference::session_id(OEWG, 7),
        source: "test".into(),
        meeting_date: None,
    }
}

/// Who the entry speaks for: the group when said on its behalf.
fn speaker(e: &ProposedEntry) -> Option<String> {
    e.on_behalf_of_name.clone().or(e.actor_name.clone())
}

#[derive(Default)]
struct Score {
    given: usize,
    right: usize,
}

#[test]
fn ten_labelled_texts_score_at_least_what_this_version_reaches() {
    let s: Store = store();
    let labels = labels();
    let mut proposed: HashMap<String, Vec<ProposedEntry>> = HashMap::new();
    for l in &labels {
        proposed.entry(l.file.clone()).or_insert_with(|| {
            let text = std::fs::read_to_string(fixtures().join(&l.file)).unwrap();
            propose(&s, &request(text)).unwrap()
        });
    }
    let all: usize = proposed.values().map(Vec::len).sum();
    let (mut found, mut fields) = (0, [(); 3].map(|_| Score::default()));
    let mut used: HashMap<(String, usize), bool> = HashMap::new();
    for l in &labels {
        let entries = &proposed[&l.file];
        let Some(k) = entries.iter().position(|e| e.quote.contains(&l.quote)) else {
            println!("missed: {} «{}»", l.file, l.quote);
            continue;
        };
        used.insert((l.file.clone(), k), true);
        found += 1;
        let e = &entries[k];
        let got = [
            speaker(e),
            e.subject_label.clone(),
            e.stance.map(|s| s.as_str().to_string()),
        ];
        let want = [&l.speaker, &l.subject, &l.stance];
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            if g.as_deref() == Some(w.as_str()) {
                fields[i].right += 1;
            } else {
                println!("{} «{}»: {:?} where {:?}", l.file, l.quote, g, w);
            }
        }
    }
    // Every proposal gives each field (an entry with none is not proposed); those that match
    // no label count against precision.
    for f in &mut fields {
        f.given = all;
    }
    let n = labels.len() as f64;
    println!(
        "entries: {} proposed, {} of {} labelled found (recall {:.2}, precision {:.2})",
        all,
        found,
        labels.len(),
        found as f64 / n,
        used.len() as f64 / all as f64
    );
    let mut scores = Vec::new();
    for (name, f) in ["speaker", "subject", "stance"].iter().zip(&fields) {
        let (p, r) = (f.right as f64 / f.given as f64, f.right as f64 / n);
        println!("{name:<8} precision {p:.2}  recall {r:.2}");
        scores.push((p, r));
    }
    let floor = [(0.80, 0.75), (0.80, 0.75), (0.75, 0.70)];
    for ((name, (p, r)), (fp, fr)) in ["speaker", "subject", "stance"]
        .iter()
        .zip(scores)
        .zip(floor)
    {
        assert!(
            p >= fp && r >= fr,
            "{name}: precision {p:.2} recall {r:.2} below {fp} / {fr}"
        );
    }
}

#[test]
fn a_paste_larger_than_a_transcript_is_refused_and_nothing_is_read() {
    let s = store();
    let e = propose(&s, &request("a".repeat(MAX_TEXT_BYTES + 1)))
        .unwrap_err()
        .to_string();
    assert!(e.contains("split it by meeting"), "{e}");
}

#[test]
fn a_paragraph_cited_by_number_is_the_subject_in_the_draft_the_session_negotiated() {
    use concord_core::draft::parse;
    use concord_core::model::{RevisionInput, SubjectRef};
    use concord_testing::revision;
    let mut s = store();
    let draft = |label: &str, date: &str| RevisionInput {
        title: "Draft annual progress report".into(),
        ..revision("A/AC.292/2024/CRP.1", label, date)
    };
    // Rev.1 came out during session 8 (8–12 July 2024); the zero draft before it.
    let zero = "1. States agreed to continue.\n2. States noted the proposals.\n";
    let rev1 =
        "1. States agreed to continue.\n2. States welcomed the proposals.\n3. Footnotes follow.\n";
    s.record_revision(&draft("Zero draft", "2024-06-01"), &parse(zero))
        .unwrap();
    s.record_revision(&draft("Rev.1", "2024-07-10"), &parse(rev1))
        .unwrap();
    let text =
        "Egypt: We cannot accept paragraph 2 as drafted. We support the Programme of Action.";
    let ask = |day: &str| ExtractRequest {
        text: text.into(),
        session_id: reference::session_id(OEWG, 8),
        source: "Statement of Egypt".into(),
        meeting_date: chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok(),
    };
    let on_day = |day: &str| {
        let entries = propose(&s, &ask(day)).unwrap();
        assert_eq!(entries.len(), 2, "{entries:?}");
        assert!(matches!(entries[0].subject, Some(SubjectRef::Provision(_))));
        assert_eq!(
            entries[0].stance,
            Some(concord_core::model::Stance::RedLine)
        );
        assert_eq!(entries[0].meeting_date, ask(day).meeting_date);
        assert_eq!(
            entries[1].subject_label.as_deref(),
            Some("Programme of Action")
        );
        entries[0].subject_label.clone().unwrap()
    };
    assert_eq!(
        on_day("2024-07-08"),
        "A/AC.292/2024/CRP.1 Zero draft, para. 2"
    );
    assert_eq!(on_day("2024-07-11"), "A/AC.292/2024/CRP.1 Rev.1, para. 2");
}
