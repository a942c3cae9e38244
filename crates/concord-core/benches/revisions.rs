//! Aligning two generated revisions of a 300-paragraph, 30 000-word report (10 % of the
//! paragraphs modified, 5 % moved, 2 % split or merged), next to `git diff --no-index
//! --word-diff` on the same two files as plain text, in the same run.
//!
//! Then the paragraph parser on the worst 5 MB texts a paste may hold, beside one pass of
//! `str::lines` over the same text (linear: the parser's ratio to it must stay flat).
//!
//!     cargo bench -p concord-core --bench revisions
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::draft::{align, parse};
use concord_core::generate::Rng;
use concord_core::model::{AlignStatus, ProvisionKind};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "States",
    "should",
    "cooperate",
    "on",
    "the",
    "security",
    "of",
    "information",
    "and",
    "communications",
    "technologies",
    "in",
    "accordance",
    "with",
    "international",
    "law",
    "capacity-building",
    "confidence-building",
    "measures",
    "critical",
    "infrastructure",
    "norms",
    "responsible",
    "behaviour",
    "Group",
    "recommends",
    "that",
    "further",
    "discussions",
    "take",
    "place",
    "within",
    "a",
    "regular",
    "institutional",
    "dialogue",
    "under",
    "auspices",
    "United",
    "Nations",
    "including",
    "points",
    "contact",
    "directory",
    "voluntary",
    "sharing",
    "national",
    "views",
    "applicability",
    "humanitarian",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s: Vec<&str> = (0..words).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    s[0] = "The";
    format!("{}.", s.join(" "))
}

/// Paragraph texts of revision A, and of B after the edits.
fn revisions() -> (Vec<String>, Vec<String>) {
    let mut rng = Rng(42);
    let a: Vec<String> = (0..300).map(|_| sentence(&mut rng, 100)).collect();
    let mut b: Vec<Option<String>> = a.iter().cloned().map(Some).collect();
    // 10 % modified: a few words replaced or inserted.
    for i in (0..300).step_by(10) {
        if let Some(text) = &mut b[i] {
            let mut w: Vec<String> = text.split(' ').map(String::from).collect();
            w[10] = "full and equal".into();
            w[50] = "effective".into();
            *text = w.join(" ");
        }
    }
    // 2 %: three splits and three merges.
    let mut extra: Vec<(usize, String)> = Vec::new();
    for i in [15, 95, 175] {
        if let Some(text) = b[i].take() {
            let w: Vec<&str> = text.split(' ').collect();
            let (x, y) = w.split_at(w.len() / 2);
            b[i] = Some(format!("{}.", x.join(" ")));
            extra.push((i, y.join(" ")));
        }
    }
    for i in [35, 135, 235] {
        let next = b[i + 1].take().unwrap_or_default();
        if let Some(text) = &mut b[i] {
            text.push(' ');
            text.push_str(&next);
        }
    }
    let mut flat: Vec<String> = Vec::new();
    for (i, t) in b.into_iter().enumerate() {
        if let Some(t) = t {
            flat.push(t);
        }
        if let Some((_, t)) = extra.iter().find(|(at, _)| *at == i) {
            flat.push(t.clone());
        }
    }
    // 5 % moved: 15 paragraphs from the start taken to the end.
    let moved: Vec<String> = flat.drain(3..18).collect();
    flat.extend(moved);
    (a, flat)
}

fn as_text(paragraphs: &[String]) -> String {
    paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}. {p}\n", i + 1))
        .collect()
}

fn p50(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    let (a, b) = revisions();
    let (ta, tb) = (as_text(&a), as_text(&b));
    let words: usize = ta.split_whitespace().count();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let (fa, fb) = (dir.join("revision-a.txt"), dir.join("revision-b.txt"));
    std::fs::write(&fa, &ta).unwrap();
    std::fs::write(&fb, &tb).unwrap();
    let body = |t: &str| -> Vec<(String, String)> {
        parse(t)
            .into_iter()
            .filter(|p| p.kind != ProvisionKind::Footnote)
            .map(|p| (p.label, p.text))
            .collect()
    };
    let (pa, pb) = (body(&ta), body(&tb));
    let entries = align(&pa, &pb);
    let count = |s: AlignStatus| entries.iter().filter(|e| e.status == s).count();
    println!(
        "revision A: {} paragraphs, {words} words; B: {} paragraphs",
        pa.len(),
        pb.len()
    );
    println!(
        "found: {} unchanged, {} modified, {} moved, {} split, {} merged, {} added, {} deleted",
        count(AlignStatus::Unchanged),
        count(AlignStatus::Modified),
        count(AlignStatus::Moved),
        count(AlignStatus::Split),
        count(AlignStatus::Merged),
        count(AlignStatus::Added),
        count(AlignStatus::Deleted)
    );
    let runs = 20;
    let concord: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let (x, y) = (body(&ta), body(&tb));
            std::hint::black_box(align(&x, &y));
            start.elapsed()
        })
        .collect();
    let git: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = Command::new("git")
                .args(["diff", "--no-index", "--word-diff"])
                .arg(&fa)
                .arg(&fb)
                .output()
                .expect("git must be installed");
            std::hint::black_box(out.stdout.len());
            start.elapsed()
        })
        .collect();
    println!(
        "parse + align + word diff (Concord)   p50 {:>8.2} ms   ({runs} runs)",
        p50(concord)
    );
    println!(
        "git diff --no-index --word-diff        p50 {:>8.2} ms   ({runs} runs, process start included)",
        p50(git)
    );
    worst_case(&mut rng_for_worst());
    parser_worst_cases();
}

fn rng_for_worst() -> Rng {
    Rng(7)
}

/// The worst case the limits allow: two revisions of MAX_PROVISIONS paragraphs each in which
/// no paragraph is kept word for word, so every pair is scored. Beside it, git's word diff of
/// the same texts (which aligns nothing).
fn worst_case(rng: &mut Rng) {
    use concord_core::draft::compare::MAX_PROVISIONS;
    let n = MAX_PROVISIONS;
    let a: Vec<String> = (0..n).map(|_| sentence(rng, 60)).collect();
    let b: Vec<String> = (0..n).map(|_| sentence(rng, 60)).collect();
    let pair = |v: &[String]| -> Vec<(String, String)> {
        v.iter()
            .enumerate()
            .map(|(i, t)| ((i + 1).to_string(), t.clone()))
            .collect()
    };
    let (pa, pb) = (pair(&a), pair(&b));
    let started = Instant::now();
    let entries = align(&pa, &pb);
    let took = started.elapsed().as_secs_f64() * 1000.0;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    let (fa, fb) = (dir.join("worst-a.txt"), dir.join("worst-b.txt"));
    std::fs::write(&fa, as_text(&a)).unwrap();
    std::fs::write(&fb, as_text(&b)).unwrap();
    let started = Instant::now();
    Command::new("git")
        .args(["diff", "--no-index", "--word-diff"])
        .arg(&fa)
        .arg(&fb)
        .output()
        .expect("git must be installed");
    let git = started.elapsed().as_secs_f64() * 1000.0;
    println!(
        "worst case: align {n} × {n} all-different paragraphs   {took:>9.1} ms   ({} entries)",
        entries.len()
    );
    println!("git diff --no-index --word-diff of the same texts      {git:>9.1} ms");
}

/// The parser on hostile texts of the largest size a revision may be parsed from, each beside
/// one `lines()` pass over the same text.
fn parser_worst_cases() {
    let size = concord_core::import::revision::MAX_TEXT_BYTES;
    let fill = |head: &str, unit: &str| -> String {
        let mut t = String::from(head);
        while t.len() + unit.len() <= size {
            t.push_str(unit);
        }
        t
    };
    let cases = [
        (
            "one paragraph of 2.5 M short lines",
            fill("1. Start\n", "x\n"),
        ),
        ("5 MB of \"[\"", fill("1. ", "[")),
        ("calls \"[1\" never closed", fill("1. ", "[1")),
        ("2 M sub-paragraph markers", fill("1. Start\n", "(a)\n")),
        ("one 5 MB line", fill("1. ", "word ")),
    ];
    for (what, text) in cases {
        let started = Instant::now();
        let provisions = parse(&text).len();
        let took = started.elapsed().as_secs_f64() * 1000.0;
        let started = Instant::now();
        std::hint::black_box(text.lines().count());
        let lines = started.elapsed().as_secs_f64() * 1000.0;
        println!(
            "parse worst case: {what:<36} {took:>8.1} ms  (lines() pass {lines:>6.1} ms; {provisions} provisions)"
        );
    }
}
