//! The workspace's queries at scale. Builds (once, then reuses) a synthetic database of
//! 200 actors × 60 topics × 30 sessions × 3 positions = 1 080 000 positions in
//! target/bench/generated-1m.concord, then times each query many times and prints p50 and p95.
//!
//!     cargo bench -p concord-core --bench views
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::generate::{generate, GenerateSpec};
use concord_core::model::{
    ActorKind, Grouping, MatrixAxis, MatrixQuery, PositionFilter, SearchQuery, SessionDiffQuery,
    Stance, SubjectQuery, SubjectRef,
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

/// A positions filter for the i-th timed run.
type Filter<'a> = Box<dyn Fn(usize) -> PositionFilter + 'a>;

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

    let sessions: Vec<Uuid> = store
        .sessions(Some(process))
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    let topics: Vec<Uuid> = store
        .topics()
        .unwrap()
        .into_iter()
        .filter(|t| t.path.starts_with("Synthetic topics/"))
        .map(|t| t.id)
        .collect();
    let groups: Vec<Uuid> = store
        .actors(Some(ActorKind::Group))
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    // The positions page as the window asks for it: 200 rows, newest first, with each
    // filter alone, first page and page 50 (rows 10 000 to 10 200 where there are so many).
    let filters: [(&str, Filter); 7] = [
        ("no filter", Box::new(|_| PositionFilter::default())),
        (
            "one State",
            Box::new(|i| PositionFilter {
                actor_id: Some(states[i % states.len()]),
                ..Default::default()
            }),
        ),
        (
            "one group and its members",
            Box::new(|i| PositionFilter {
                group_id: Some(groups[i % groups.len()]),
                ..Default::default()
            }),
        ),
        (
            "one session",
            Box::new(|i| PositionFilter {
                session_id: Some(sessions[i % sessions.len()]),
                ..Default::default()
            }),
        ),
        (
            "one topic",
            Box::new(|i| PositionFilter {
                topic_id: Some(topics[i % topics.len()]),
                ..Default::default()
            }),
        ),
        (
            "one stance",
            Box::new(|_| PositionFilter {
                stance: Some(Stance::Opposes),
                ..Default::default()
            }),
        ),
        (
            "words in the text",
            Box::new(|i| PositionFilter {
                text: Some(["ransomware", "sovereignty", "gender"][i % 3].into()),
                ..Default::default()
            }),
        ),
    ];
    for (name, filter) in &filters {
        for (page, offset) in [(1, 0), (50, 9_800)] {
            time(&format!("positions page {page}, {name}"), 10, |i| {
                let mut f = filter(i);
                f.limit = Some(200);
                f.offset = Some(offset);
                store.positions(&f).unwrap()
            });
        }
    }
    time("a whole session out (36 000 positions)", 3, |i| {
        let all = store
            .all_positions(
                &PositionFilter {
                    session_id: Some(sessions[i % sessions.len()]),
                    ..Default::default()
                },
                None,
            )
            .unwrap();
        assert_eq!(all.len(), 36_000);
        all
    });

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
    time(
        "a State's page (3 latest of 5 400 positions per subject)",
        20,
        |i| {
            store
                .actor_timeline(states[i % states.len()], Some(3))
                .unwrap()
        },
    );
    time("a topic's page (30 sessions, regional blocs)", 20, |i| {
        store
            .subject_overview(&SubjectQuery {
                subject: SubjectRef::Topic(topics[i % topics.len()]),
                process_id: process,
                grouping: Grouping::Regional,
            })
            .unwrap()
    });
    // What the window receives for a topic's page: its size as JSON is what IPC carries.
    if std::env::var("CONCORD_BENCH_ONLY").is_ok_and(|o| o.contains("topic")) {
        let overview = store
            .subject_overview(&SubjectQuery {
                subject: SubjectRef::Topic(topics[0]),
                process_id: process,
                grouping: Grouping::Regional,
            })
            .unwrap();
        let json = serde_json::to_vec(&overview).unwrap();
        println!("a topic's page as JSON: {} bytes", json.len());
    }
    // The window's topic page opens on the process running now, which here has none of the
    // generated positions.
    let running = store
        .processes()
        .unwrap()
        .into_iter()
        .find(|p| p.short_name != "Synthetic" && p.name.contains("Global Mechanism"))
        .map(|p| p.id)
        .unwrap_or(process);
    time(
        "a topic's page, for a process without its positions",
        20,
        |i| {
            store
                .subject_overview(&SubjectQuery {
                    subject: SubjectRef::Topic(topics[i % topics.len()]),
                    process_id: running,
                    grouping: Grouping::Regional,
                })
                .unwrap()
        },
    );
    time(
        "session diff, sessions 29 → 30 (all subjects)",
        10,
        |_| {
            let diff = store
                .session_diff(&SessionDiffQuery {
                    process_id: process,
                    before_from: 29,
                    before_to: 29,
                    after_from: 30,
                    after_to: 30,
                    group_id: None,
                })
                .unwrap();
            assert_eq!(diff.changes.len(), 12_000, "the same rows as the SQL query");
            diff
        },
    );
    // The same diff as one SQL query, run by the same SQLite on the same file; also written
    // to target/bench/session-diff.sql for `make bench` to time in the sqlite3 shell.
    let sql = session_diff_sql(&process.simple().to_string(), 29, 30);
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
            .query_map([], |r| {
                Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(2)?))
            })
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
/// side (a window function), both sides folded into one row per actor and subject (GROUP BY),
/// and the rows that differ, with names, quotes, summaries, sources and session titles as the
/// core's diff returns them. (A FULL JOIN of the two sides took 37 s here: SQLite builds no
/// index for it.)
fn session_diff_sql(process_hex: &str, before: i64, after: i64) -> String {
    let process = process_hex;
    format!(
        "WITH side AS (
           SELECT s.seq AS seq, p.id, p.actor_id,
                  coalesce(p.topic_id, p.proposal_id, p.provision_id) AS subject,
                  p.stance, p.quote, p.summary, src.citation AS source, s.title,
                  row_number() OVER (PARTITION BY s.seq, p.actor_id,
                                       coalesce(p.topic_id, p.proposal_id, p.provision_id)
                                     ORDER BY p.created_at DESC, p.rowid DESC) AS rn
           FROM session AS s JOIN position AS p ON p.session_id = s.id
           LEFT JOIN source AS src ON src.id = p.source_id
           WHERE s.process_id = x'{process}' AND s.seq IN ({before}, {after}))
         SELECT actor_id, (SELECT name FROM actor WHERE id = actor_id) AS actor_name, subject,
                max(CASE WHEN seq = {before} THEN stance END) AS from_stance,
                max(CASE WHEN seq = {after} THEN stance END) AS to_stance,
                max(CASE WHEN seq = {before} THEN quote END) AS from_quote,
                max(CASE WHEN seq = {after} THEN quote END) AS to_quote,
                max(CASE WHEN seq = {before} THEN summary END),
                max(CASE WHEN seq = {after} THEN summary END),
                max(CASE WHEN seq = {before} THEN source END),
                max(CASE WHEN seq = {after} THEN source END),
                max(CASE WHEN seq = {before} THEN title END),
                max(CASE WHEN seq = {after} THEN title END)
         FROM side WHERE rn = 1
         GROUP BY actor_id, subject
         HAVING from_stance IS NULL OR to_stance IS NULL OR from_stance <> to_stance
             OR (trim(from_quote) <> trim(to_quote) AND trim(to_quote) <> '')"
    )
}
