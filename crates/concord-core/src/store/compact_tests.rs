//! Schema v9 (`0009_compact.sql`, then v10's binary ids) from a v8 file: history keeps every entry and every name
//! recorded at the time, search finds what it found, and the file is rewritten smaller.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use super::migrate::{configure, upgrade, MIGRATIONS};
use super::writer::SNAPSHOT;
use crate::model::HistoryOp;
use crate::{FixedClock, Store};
use rusqlite::Connection;
use std::path::Path;
use std::sync::Arc;
use uuid::Uuid;

const P1: &str = "00000000-0000-4000-8000-000000000001";
const P2: &str = "00000000-0000-4000-8000-000000000002";
const P3: &str = "00000000-0000-4000-8000-000000000003";

/// The row as v8's writer recorded it: today's snapshot, with ids as the text they then were.
fn snapshot(conn: &Connection, id: &str) -> String {
    let v8 = SNAPSHOT.replace("uuid_text(p.", "(p.");
    conn.query_row(&v8, [id], |r| r.get(0)).unwrap()
}

fn uid(text: &str) -> Uuid {
    Uuid::parse_str(text).unwrap()
}

fn history_id() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Uuid::from_u128(0x1000_0000_0000_4000_9000_0000_0000_0000 + n as u128).to_string()
}

fn history(conn: &Connection, id: &str, op: &str, before: Option<&str>, after: Option<&str>) {
    conn.execute(
        "INSERT INTO position_history (id, position_id, op, at, changed_by, before, after)
         VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?6, ?4, ?5)",
        rusqlite::params![history_id(), id, op, before, after, Uuid::nil().to_string()],
    )
    .unwrap();
}

/// A v8 file as v8's writer left it: P1 only inserted, P2 inserted then edited, P3 inserted
/// when its actor had another name.
fn v8_file(path: &Path) -> Connection {
    let mut conn = Connection::open(path).unwrap();
    configure(&conn).unwrap();
    upgrade(&mut conn, path, &MIGRATIONS[..8]).unwrap();
    conn.execute_batch(
        "INSERT INTO process (id, name, short_name, changed_by, updated_at)
           VALUES ('00000000-0000-4000-8000-0000000000a1', 'OEWG', 'OEWG', '00000000-0000-0000-0000-000000000000', 't');
         INSERT INTO session (id, process_id, seq, title, changed_by, updated_at)
           VALUES ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-0000000000a1', 7, '7th', '00000000-0000-0000-0000-000000000000', 't');
         INSERT INTO actor (id, kind, name, changed_by, updated_at)
           VALUES ('00000000-0000-4000-8000-0000000000a3', 'state', 'France', '00000000-0000-0000-0000-000000000000', 't'), ('00000000-0000-4000-8000-0000000000a4', 'state', 'Kenya', '00000000-0000-0000-0000-000000000000', 't');
         INSERT INTO topic (id, name, changed_by, updated_at)
           VALUES ('00000000-0000-4000-8000-0000000000a5', 'International law', '00000000-0000-0000-0000-000000000000', 't');",
    )
    .unwrap();
    let add = |id: &str, actor: &str, summary: &str| {
        conn.execute(
            "INSERT INTO position (id, actor_id, topic_id, session_id, stance, summary,
               created_at, updated_at, changed_by)
             VALUES (?1, ?2, '00000000-0000-4000-8000-0000000000a5', '00000000-0000-4000-8000-0000000000a2', 'supports', ?3, '2024-03-04T10:00:00.000Z', 't', '00000000-0000-0000-0000-000000000000')",
            [id, actor, summary],
        )
        .unwrap();
    };
    add(
        P1,
        "00000000-0000-4000-8000-0000000000a3",
        "sovereignty applies",
    );
    history(&conn, P1, "insert", None, Some(&snapshot(&conn, P1)));
    add(P2, "00000000-0000-4000-8000-0000000000a3", "capacity first");
    let inserted = snapshot(&conn, P2);
    history(&conn, P2, "insert", None, Some(&inserted));
    conn.execute(
        "UPDATE position SET stance = 'opposes', summary = 'ransomware worries' WHERE id = ?1",
        [P2],
    )
    .unwrap();
    history(
        &conn,
        P2,
        "update",
        Some(&inserted),
        Some(&snapshot(&conn, P2)),
    );
    conn.execute(
        "UPDATE actor SET name = 'Republic of Kenya' WHERE id = '00000000-0000-4000-8000-0000000000a4'",
        [],
    )
    .unwrap();
    add(P3, "00000000-0000-4000-8000-0000000000a4", "due diligence");
    let said_then = snapshot(&conn, P3);
    history(&conn, P3, "insert", None, Some(&said_then));
    conn.execute(
        "UPDATE actor SET name = 'Kenya' WHERE id = '00000000-0000-4000-8000-0000000000a4'",
        [],
    )
    .unwrap();
    conn
}

/// An entry's stored copy, in a v8 file (text ids) or a later one (binary ids).
fn stored_after(conn: &Connection, id: &str, op: &str) -> Option<String> {
    conn.query_row(
        "SELECT after FROM position_history
          WHERE (position_id = ?1 OR position_id = ?2) AND op = ?3",
        rusqlite::params![id, uid(id), op],
        |r| r.get(0),
    )
    .unwrap()
}

fn matches(conn: &Connection, words: &str) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM position_search WHERE position_search MATCH ?1",
        [words],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn v8_file_upgrades_to_v9_with_history_whole_and_search_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.concord");
    let mut conn = v8_file(&path);
    let p3_then = stored_after(&conn, P3, "insert").unwrap();
    let p2_inserted = stored_after(&conn, P2, "insert").unwrap();
    upgrade(&mut conn, &path, MIGRATIONS).unwrap();

    let entries: i64 = conn
        .query_row("SELECT count(*) FROM position_history", [], |r| r.get(0))
        .unwrap();
    assert_eq!(entries, 4, "every entry kept");
    // The copies the reader can put back are gone; the one with a name of its time stays.
    assert_eq!(stored_after(&conn, P1, "insert"), None);
    assert_eq!(stored_after(&conn, P2, "insert"), None);
    assert_eq!(stored_after(&conn, P3, "insert"), Some(p3_then.clone()));
    // The search index holds no text of its own and finds the same positions.
    assert_eq!(matches(&conn, "sovereignty"), 1);
    assert_eq!(matches(&conn, "ransomware"), 1);
    assert_eq!(matches(&conn, "capacity"), 0);
    let content: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'position_search_content'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(content, 0);
    drop(conn);

    // Read through the store, every insert shows the row it inserted.
    let store = Store::open(&path, Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
    let json = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap();
    let p2 = store
        .position_history(Uuid::parse_str(P2).unwrap())
        .unwrap();
    assert_eq!(p2[0].op, HistoryOp::Insert);
    assert_eq!(p2[0].after, Some(json(&p2_inserted)));
    assert_eq!(p2[1].before, Some(json(&p2_inserted)));
    let p3 = store
        .position_history(Uuid::parse_str(P3).unwrap())
        .unwrap();
    assert_eq!(p3[0].after, Some(json(&p3_then)));
    assert_eq!(p3[0].after.as_ref().unwrap()["actor"], "Republic of Kenya");
    let p1 = store
        .position_history(Uuid::parse_str(P1).unwrap())
        .unwrap();
    assert_eq!(
        p1[0].after.as_ref().unwrap()["summary"],
        "sovereignty applies"
    );
}

#[test]
fn after_v9_edits_and_deletes_keep_search_in_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.concord");
    let mut conn = v8_file(&path);
    upgrade(&mut conn, &path, MIGRATIONS).unwrap();
    conn.execute(
        "UPDATE position SET summary = 'humanitarian law' WHERE id = ?1",
        [uid(P1)],
    )
    .unwrap();
    assert_eq!(matches(&conn, "sovereignty"), 0);
    assert_eq!(matches(&conn, "humanitarian"), 1);
    conn.execute("DELETE FROM position WHERE id = ?1", [uid(P1)])
        .unwrap();
    assert_eq!(matches(&conn, "humanitarian"), 0);
    assert_eq!(matches(&conn, "ransomware"), 1);
}

#[test]
fn an_upgrade_that_frees_most_of_the_file_rewrites_it_smaller() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.concord");
    let mut conn = v8_file(&path);
    let long = "multilateral confidence building measures ".repeat(200);
    for n in 0..300 {
        conn.execute(
            "INSERT INTO position (id, actor_id, topic_id, session_id, stance, summary,
               created_at, updated_at, changed_by)
             VALUES (?1, '00000000-0000-4000-8000-0000000000a3', '00000000-0000-4000-8000-0000000000a5', '00000000-0000-4000-8000-0000000000a2', 'supports', ?2, '2024-03-04T10:00:00.000Z', 't', '00000000-0000-0000-0000-000000000000')",
            [Uuid::from_u128(0xb000 + n).to_string(), long.clone()],
        )
        .unwrap();
    }
    let pages = |conn: &Connection| -> i64 {
        conn.query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap()
    };
    let before = pages(&conn);
    upgrade(&mut conn, &path, MIGRATIONS).unwrap();
    let free: i64 = conn
        .query_row("PRAGMA freelist_count", [], |r| r.get(0))
        .unwrap();
    assert!(
        pages(&conn) < before,
        "{} pages, {before} before",
        pages(&conn)
    );
    assert!(free * 4 <= pages(&conn), "{free} free pages left");
}
