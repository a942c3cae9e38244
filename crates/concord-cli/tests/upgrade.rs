//! A file made by the release before schema v9 (the demo, `tests/fixtures/demo-v8.concord`)
//! opens in this one: it is backed up, upgraded, finds what it found, and every history entry
//! still shows the row it recorded.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

mod common;

use common::{concord, said};
use concord_core::model::{HistoryOp, PositionFilter};
use concord_core::{FixedClock, Store};
use rusqlite::Connection;
use std::path::Path;
use std::sync::Arc;

const WORDS: &[&str] = &[
    "sovereignty",
    "capacity",
    "law",
    "ransomware",
    "treaty",
    "gender",
];

fn fts_matches(db: &Path, word: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM position_search WHERE position_search MATCH ?1",
            [format!("\"{word}\"")],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_v8_file_upgrades_and_keeps_its_search_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("from-v8.concord");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo-v8.concord"),
        &db,
    )
    .unwrap();
    let before: Vec<i64> = WORDS.iter().map(|w| fts_matches(&db, w)).collect();
    assert!(before.iter().any(|n| *n > 0), "the demo has words to find");

    let (code, out, err) = said(concord(
        dir.path(),
        &db,
        &["search", "law", "--format", "json"],
    ));
    assert_eq!(code, 0, "{err}");
    let hits: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(hits.as_array().unwrap().len() as i64, before[2]);
    assert!(dir.path().join("from-v8.concord.schema-v8.bak").exists());
    let version: i64 = Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert!(version >= 9);
    let after: Vec<i64> = WORDS.iter().map(|w| fts_matches(&db, w)).collect();
    assert_eq!(after, before, "the same matches for {WORDS:?}");

    let store = Store::open(&db, Arc::new(FixedClock::new()), uuid::Uuid::nil()).unwrap();
    let positions = store
        .all_positions(&PositionFilter::default(), None)
        .unwrap();
    assert_eq!(positions.len(), 36);
    for p in positions {
        let history = store.position_history(p.id).unwrap();
        assert_eq!(history[0].op, HistoryOp::Insert);
        let row = history[0].after.as_ref().expect("the inserted row");
        assert_eq!(row["summary"], p.summary.as_str());
        assert_eq!(row["id"], p.id.to_string().as_str());
    }
}
