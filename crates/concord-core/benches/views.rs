//! The workspace's queries at scale. Builds (once, then reuses) a synthetic database of
//! 200 actors × 60 topics × 30 sessions × 3 positions = 1 080 000 positions in
//! target/bench/generated-1m.concord, then times each query many times and prints p50 and p95.
//!
//!     cargo bench -p concord-core --bench views

use concord_core::generate::{generate, GenerateSpec};
use concord_core::model::{
    ActorKind, Grouping, MatrixAxis, MatrixQuery, SearchQuery, SessionDiffQuery, SubjectQuery,
    SubjectRef,
};
use concord_core::{FixedClock, Store, SystemClock};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

const SPEC: GenerateSpec = GenerateSpec {
    actors: 200,
    topics: 60,
    sessions: 30,
    per_cell: 3,
};

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    (at(0.50), at(0.95))
}

/// Times `f` unless CONCORD_BENCH_ONLY is set and not part of `name` (to profile one query).
fn time<T>(name: &str, runs: usize, mut f: impl FnMut(usize) -> T) {
    if std::env::var("CONCORD_BENCH_ONLY").is_ok_and(|only| !name.contains(&only)) {
        return;
    }
    // Warm the page cache and statement cache with every input the timed runs will use:
    // this machine's kernel reclaims idle file pages, so a first touch measures the disk.
    for i in 0..runs {
        std::hint::black_box(f(i));
    }
    let samples: Vec<Duration> = (0..runs)
        .map(|i| {
            let start = Instant::now();
            std::hint::black_box(f(i));
            start.elapsed()
        })
        .collect();
    let (p50, p95) = percentiles(samples);
    println!(
        "{name:<44} p50 {:>9.2} ms   p95 {:>9.2} ms   ({runs} runs)",
        ms(p50),
        ms(p95)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("generated-1m.concord");
    let ready = dir.join("generated-1m.ready");
    if !ready.exists() {
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path, Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
        let start = Instant::now();
        let g = generate(&mut store, SPEC).unwrap();
        println!(
            "generated {} positions in {:.1} s ({:.0} rows/s)",
            g.positions,
            start.elapsed().as_secs_f64(),
            g.positions as f64 / start.elapsed().as_secs_f64()
        );
        std::fs::write(&ready, "").unwrap();
    }
    let store = Store::open(&path, Arc::new(SystemClock), Uuid::nil()).unwrap();
    let counts = store.counts().unwrap();
    println!(
        "database: {} positions, {} actors, {} sessions ({} MB)",
        counts.positions,
        counts.actors,
        counts.sessions,
        std::fs::metadata(&path).unwrap().len() / 1_000_000
    );
    let process = store
        .processes()
        .unwrap()
        .into_iter()
        .find(|p| p.short_name == "Synthetic")
        .unwrap()
        .id;
    let states: Vec<Uuid> = store
        .actors(Some(ActorKind::State))
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();

    time("matrix, one session (200 × 60)", 50, |i| {
        let seq = 1 + (i % 30) as i64;
        store
            .matrix(&MatrixQuery {
                process_id: process,
                from_seq: Some(seq),
                to_seq: Some(seq),
                axis: MatrixAxis::Topics,
                group_id: None,
            })
            .unwrap()
    });
    time("matrix, sessions 25-30 (200 × 60)", 20, |_| {
        store
            .matrix(&MatrixQuery {
                process_id: process,
                from_seq: Some(25),
                to_seq: Some(30),
                axis: MatrixAxis::Topics,
                group_id: None,
            })
            .unwrap()
    });
    time("matrix, all 30 sessions (1.08 M positions)", 5, |_| {
        store
            .matrix(&MatrixQuery {
                process_id: process,
                from_seq: None,
                to_seq: None,
                axis: MatrixAxis::Topics,
                group_id: None,
            })
            .unwrap()
    });
    time("a State's timeline (5 400 positions)", 20, |i| {
        store.actor_timeline(states[i % states.len()]).unwrap()
    });
    let topics: Vec<Uuid> = store
        .topics()
        .unwrap()
        .into_iter()
        .filter(|t| t.path.starts_with("Synthetic topics/"))
        .map(|t| t.id)
        .collect();
    time("a topic's page (30 sessions, regional blocs)", 20, |i| {
        store
            .subject_overview(&SubjectQuery {
                subject: SubjectRef::Topic(topics[i % topics.len()]),
                process_id: process,
                grouping: Grouping::Regional,
            })
            .unwrap()
    });
    time(
        "session diff, sessions 29 → 30 (all subjects)",
        10,
        |_| {
            store
                .session_diff(&SessionDiffQuery {
                    process_id: process,
                    before_from: 29,
                    before_to: 29,
                    after_from: 30,
                    after_to: 30,
                    group_id: None,
                })
                .unwrap()
        },
    );
    // The same diff as one SQL query, run by the same SQLite on the same file; also written
    // to target/bench/session-diff.sql for `make bench` to time in the sqlite3 shell.
    let sql = session_diff_sql(&process.to_string(), 29, 30);
    std::fs::write(
        dir.join("session-diff.sql"),
        format!(".timer on\nSELECT count(*) FROM ({sql});\nSELECT count(*) FROM ({sql});\n"),
    )
    .unwrap();
    let plain = rusqlite::Connection::open(&path).unwrap();
    time("session diff as one SQL query (same SQLite)", 10, |_| {
        plain
            .prepare_cached(&sql)
            .unwrap()
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(2)?)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
    });
    let queries = [
        "sovereignty",
        "ransomware resilience",
        "capac",
        "due diligence",
        "points contact",
        "humanitarian law",
        "gender",
        "treaty binding",
        "supply chain",
        "digital divide",
    ];
    time("search, 50 best hits (10 different queries)", 100, |i| {
        store
            .search(&SearchQuery {
                text: queries[i % queries.len()].into(),
                limit: Some(50),
                ..Default::default()
            })
            .unwrap()
    });
    time("search within one actor", 20, |i| {
        store
            .search(&SearchQuery {
                text: queries[i % queries.len()].into(),
                actor_id: Some(states[i % states.len()]),
                limit: Some(50),
                ..Default::default()
            })
            .unwrap()
    });
}

/// A session diff written as one query: the latest position per actor and subject on each
/// side (window function), a full outer join, and the rows that differ, with names, quotes
/// and sources as the core's diff returns them.
fn session_diff_sql(process: &str, before: i64, after: i64) -> String {
    let side = |seq: i64| {
        format!(
            "SELECT p.id, p.actor_id, coalesce(p.topic_id, p.proposal_id, p.provision_id) AS subject,
                    p.stance, p.quote, p.summary, src.citation AS source, s.title,
                    row_number() OVER (PARTITION BY p.actor_id,
                        coalesce(p.topic_id, p.proposal_id, p.provision_id)
                        ORDER BY s.seq DESC, p.created_at DESC) AS rn
             FROM session AS s JOIN position AS p ON p.session_id = s.id
             LEFT JOIN source AS src ON src.id = p.source_id
             WHERE s.process_id = '{process}' AND s.seq = {seq}"
        )
    };
    format!(
        "SELECT coalesce(b.actor_id, a.actor_id) AS actor,
                (SELECT name FROM actor WHERE id = coalesce(b.actor_id, a.actor_id)) AS actor_name,
                CASE WHEN b.id IS NULL THEN 'new' WHEN a.id IS NULL THEN 'not_restated'
                     WHEN b.stance <> a.stance THEN 'changed' ELSE 'quote_changed' END AS kind,
                coalesce(b.subject, a.subject) AS subject, b.stance, a.stance,
                b.quote, a.quote, b.summary, a.summary, b.source, a.source, b.title, a.title
         FROM (SELECT * FROM ({b}) WHERE rn = 1) AS b
         FULL JOIN (SELECT * FROM ({a}) WHERE rn = 1) AS a
           ON a.actor_id = b.actor_id AND a.subject = b.subject
         WHERE b.id IS NULL OR a.id IS NULL OR b.stance <> a.stance
            OR (trim(b.quote) <> trim(a.quote) AND trim(a.quote) <> '')",
        b = side(before),
        a = side(after)
    )
}
