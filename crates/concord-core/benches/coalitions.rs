//! The agreement map at the size: 200 actors × 60 subjects × 30 sessions (one
//! position a cell, 360 000 in all; the first run generates
//! target/bench/generated-coalitions.concord). Its anchor, timed in the same run, is reading
//! the same statements alone: what no computation on top of them can beat.
//!
//!     cargo bench -p concord-core --bench coalitions
#![allow(clippy::unwrap_used)] // a bench: a failed unwrap is a failed run

use concord_core::coalitions::agreement_map;
use concord_core::generate::{generate, GenerateSpec};
use concord_core::model::{AgreementQuery, SeqRange};
use concord_core::{FixedClock, Store, SystemClock};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

const SPEC: GenerateSpec = GenerateSpec {
    actors: 200,
    topics: 60,
    sessions: 30,
    per_cell: 1,
};

fn p50_p95(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    f(); // warm the page and statement caches
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    (
        at(0.5).as_secs_f64() * 1000.0,
        at(0.95).as_secs_f64() * 1000.0,
    )
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("generated-coalitions.concord");
    let ready = dir.join("generated-coalitions.ready");
    if !ready.exists() {
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path, Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
        let g = generate(&mut store, SPEC).unwrap();
        println!("generated {} positions", g.positions);
        std::fs::write(&ready, "").unwrap();
    }
    let store = Store::open(&path, Arc::new(SystemClock), Uuid::nil()).unwrap();
    let process = store
        .processes()
        .unwrap()
        .into_iter()
        .find(|p| p.short_name == "Synthetic")
        .unwrap()
        .id;
    let whole = SeqRange { from: 1, to: 30 };
    let q = AgreementQuery {
        process_id: process,
        sessions: Some(whole),
        topic_ids: vec![],
        proposal_ids: vec![],
        since: None,
        members_follow_groups: false,
        min_shared: 3,
        our_id: None,
    };
    let m = agreement_map(&store, &q).unwrap();
    println!(
        "agreement map: {} actors placed of {}, {} subjects, {} pairs, two axes hold {:.0} %",
        m.actors.iter().filter(|a| a.place.is_some()).count(),
        m.actors.len(),
        m.subjects,
        m.pairs.len(),
        m.explained.unwrap_or(0.0) * 100.0
    );
    let row = |name: &str, (p50, p95): (f64, f64)| {
        println!("{name:<60} p50 {p50:>8.1} ms   p95 {p95:>8.1} ms");
    };
    row(
        "anchor: reading the 360 000 statements, one connection",
        p50_p95(10, || {
            let mut n = 0u64;
            store
                .each_statement(process, whole, &[], &[], &mut |s| {
                    n += std::hint::black_box(s).seq as u64;
                })
                .unwrap();
            std::hint::black_box(n);
        }),
    );
    row(
        "agreement map, 200 × 60 × 30, whole computation",
        p50_p95(10, || {
            std::hint::black_box(agreement_map(&store, &q).unwrap());
        }),
    );
    let drift = AgreementQuery {
        sessions: Some(SeqRange { from: 16, to: 30 }),
        since: Some(SeqRange { from: 1, to: 15 }),
        our_id: m.actors.first().map(|a| a.actor_id),
        ..q
    };
    row(
        "agreement map with drift (1–15 → 16–30) and our neighbours",
        p50_p95(10, || {
            std::hint::black_box(agreement_map(&store, &drift).unwrap());
        }),
    );
}
