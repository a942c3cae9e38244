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

/// Every id column, every matrix cell and every history entry of a table, as text (ids as
/// 32 hex digits whether stored as text before v10 or as 16 bytes since).
fn rows_as_text(db: &Path, sql_text_ids: &str, sql_binary_ids: &str) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let sql = if version < 10 {
        sql_text_ids
    } else {
        sql_binary_ids
    };
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn binary_ids_keep_every_id_reference_and_cell_of_a_v8_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ids.concord");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo-v8.concord"),
        &db,
    )
    .unwrap();
    let text = |c: &str| format!("lower(replace(coalesce({c}, ''), '-', ''))");
    let hex = |c: &str| format!("lower(hex(coalesce({c}, x'')))");
    let queries = |id: &dyn Fn(&str) -> String| {
        [
            format!(
                "SELECT {} || ' ' || {} || ' ' || {} || ' ' || {} || ' ' || {} || ' ' || stance
                 FROM position ORDER BY rowid",
                id("id"),
                id("actor_id"),
                id("session_id"),
                id("coalesce(topic_id, proposal_id, provision_id)"),
                id("changed_by")
            ),
            format!(
                "SELECT {} || ' ' || {} || ' ' || op || ' ' || at FROM position_history ORDER BY rowid",
                id("id"),
                id("position_id")
            ),
            format!(
                "SELECT {} || ' ' || {} || ' ' || {} || ' ' || stance || ' ' || positions
                 FROM matrix_cell ORDER BY 1",
                id("session_id"),
                id("actor_id"),
                id("subject_id")
            ),
            format!(
                "SELECT {} || ' ' || {} || ' ' || {} FROM group_membership ORDER BY rowid",
                id("id"),
                id("group_id"),
                id("member_id")
            ),
            format!(
                "SELECT {} || ' ' || {} || ' ' || name FROM topic ORDER BY rowid",
                id("id"),
                id("parent_id")
            ),
        ]
    };
    let (as_text, as_hex) = (queries(&text), queries(&hex));
    let read = || -> Vec<Vec<String>> {
        as_text
            .iter()
            .zip(&as_hex)
            .map(|(t, h)| rows_as_text(&db, t, h))
            .collect()
    };
    let before = read();
    assert!(before.iter().all(|rows| !rows.is_empty()));
    let (code, _, err) = said(concord(dir.path(), &db, &["sessions"]));
    assert_eq!(code, 0, "{err}");
    let conn = Connection::open(&db).unwrap();
    let (version, id_type): (i64, String) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT typeof(id) FROM position LIMIT 1)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((version >= 10, id_type.as_str()), (true, "blob"));
    drop(conn);
    assert_eq!(
        read(),
        before,
        "the same ids, references, history and cells"
    );
}
