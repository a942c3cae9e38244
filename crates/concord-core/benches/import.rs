//! Imports 100 000 generated positions through the real CSV import path (parse, resolve,
//! validate, one transaction with history rows) into a fresh database file, and reports
//! rows per second. The CSV is also left at target/bench/positions-100k.csv so that
//! `make bench` can time `sqlite3 .import` of the same file into a bare table.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::import::{import_positions_csv, ImportOptions};
use concord_core::model::{ActorKind, Stance};
use concord_core::{FixedClock, Store};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use uuid::Uuid;

const ROWS: usize = 100_000;

/// A deterministic CSV of `rows` positions over real States, sessions and topics.
fn generate_csv(store: &Store, rows: usize) -> String {
    let states: Vec<String> = store
        .actors(Some(ActorKind::State))
        .unwrap()
        .into_iter()
        .map(|a| a.iso3.unwrap())
        .collect();
    let topics: Vec<String> = store
        .topics()
        .unwrap()
        .into_iter()
        .map(|t| t.path)
        .collect();
    let mut csv = String::with_capacity(rows * 260);
    csv.push_str("actor,session,topic,stance,summary,quote,source\n");
    for i in 0..rows {
        let actor = &states[i % states.len()];
        let session = 1 + (i / states.len()) % 11;
        let topic = &topics[(i * 7) % topics.len()];
        let stance = Stance::ALL[(i * 5) % Stance::ALL.len()].as_str();
        let _ = writeln!(
            csv,
            "{actor},{session},\"{topic}\",{stance},\"Synthetic benchmark row {i} on {topic}\",\
             \"Benchmark text {i}: the delegation, in its statement, \"\"welcomes\"\" the draft and asks for further work.\",\
             \"A/79/214, para. {}\"",
            1 + i % 50
        );
    }
    csv
}

fn fresh_store(dir: &std::path::Path, n: usize) -> Store {
    let path = dir.join(format!("bench-{n}.concord"));
    let mut store = Store::open(&path, Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
    store.load_reference().unwrap();
    store
}

fn import_100k(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let reference = fresh_store(dir.path(), 0);
    let csv = generate_csv(&reference, ROWS);
    drop(reference);

    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("positions-100k.csv"), &csv).unwrap();

    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ROWS as u64));
    let mut n = 0;
    group.bench_function("positions_csv_100k", |b| {
        b.iter_batched(
            || {
                n += 1;
                fresh_store(dir.path(), n)
            },
            |mut store| {
                let report =
                    import_positions_csv(&mut store, csv.as_bytes(), ImportOptions::default())
                        .unwrap();
                assert_eq!(report.positions_added, ROWS as u64);
                store
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, import_100k);
criterion_main!(benches);
