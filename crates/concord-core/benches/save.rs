//! What one save costs on this disk: a capture (`add_position`, its history and search rows,
//! its change set, one transaction) on a file, with `synchronous = FULL` (what Concord uses)
//! beside the same capture with `NORMAL` (what it used before) and beside FULL without change
//! capture (schema v11), in the same run.
//!
//!     cargo bench -p concord-core --bench save
#![allow(clippy::unwrap_used)] // a bench: a failed unwrap is a failed run

use concord_core::{Store, SystemClock};
use concord_testing::position;
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

const RUNS: usize = 300;

fn p50_p95(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5).as_secs_f64() * 1e3, at(0.95).as_secs_f64() * 1e3)
}

fn captures(store: &mut Store) -> (f64, f64) {
    let states = [
        "FRA", "BRA", "IND", "KEN", "MEX", "EGY", "JPN", "CAN", "ZAF", "IDN",
    ];
    let samples = (0..RUNS)
        .map(|i| {
            let input = concord_core::model::PositionInput {
                summary: format!("Save bench {i}"),
                ..position(states[i % states.len()], 1 + (i % 10) as i64)
            };
            let started = Instant::now();
            store.add_position(&input).unwrap();
            started.elapsed()
        })
        .collect();
    p50_p95(samples)
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    for (label, full, capture) in [
        ("synchronous=NORMAL (before)", false, true),
        ("FULL, no change capture", true, false),
        ("synchronous=FULL (now)", true, true),
    ] {
        let path = dir.join(format!("save-{full}-{capture}.concord"));
        let _ = std::fs::remove_file(&path);
        let _ = std::fs::remove_file(path.with_extension("concord-wal"));
        let mut store = Store::open_ready(&path, Arc::new(SystemClock), Uuid::nil()).unwrap();
        if !full {
            store.set_synchronous_normal_for_benchmarks().unwrap();
        }
        if !capture {
            store.without_change_capture_for_benchmarks();
        }
        let (p50, p95) = captures(&mut store);
        println!("one capture, {label:<28} p50 {p50:>7.3} ms   p95 {p95:>7.3} ms   ({RUNS} saves)");
    }
}
