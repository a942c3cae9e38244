//! Migrations from an empty file and from each earlier version (`migrate.rs`).
use super::*;
use rusqlite::OptionalExtension;

fn version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn empty_file_migrates_to_latest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.concord");
    let mut conn = Connection::open(&path).unwrap();
    configure(&conn).unwrap();
    upgrade(&mut conn, &path, MIGRATIONS).unwrap();
    assert_eq!(version(&conn), LATEST_VERSION);
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'position'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 1);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn previous_version_is_backed_up_then_upgraded() {
    // A second, test-only migration stands in for the next real one: v1 → v2.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.concord");
    let mut conn = Connection::open(&path).unwrap();
    configure(&conn).unwrap();
    upgrade(&mut conn, &path, MIGRATIONS).unwrap();
    conn.execute("INSERT INTO meta (key, value) VALUES ('kept', 'yes')", [])
        .unwrap();
    let next: Vec<&str> = MIGRATIONS
        .iter()
        .copied()
        .chain(["ALTER TABLE meta ADD COLUMN extra TEXT;"])
        .collect();
    upgrade(&mut conn, &path, &next).unwrap();
    assert_eq!(version(&conn), LATEST_VERSION + 1);
    let kept: String = conn
        .query_row("SELECT value FROM meta WHERE key = 'kept'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(kept, "yes");
    let backup = dir
        .path()
        .join(format!("old.concord.schema-v{LATEST_VERSION}.bak"));
    let old = Connection::open(&backup).unwrap();
    assert_eq!(version(&old), LATEST_VERSION);
}

#[test]
fn failing_migration_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fail.concord");
    let mut conn = Connection::open(&path).unwrap();
    configure(&conn).unwrap();
    upgrade(&mut conn, &path, MIGRATIONS).unwrap();
    let next: Vec<&str> = MIGRATIONS
        .iter()
        .copied()
        .chain(["CREATE TABLE half (x TEXT); THIS IS NOT SQL;"])
        .collect();
    let err = upgrade(&mut conn, &path, &next).unwrap_err();
    assert!(
        matches!(err, StoreError::Migration { version, .. } if version == LATEST_VERSION + 1),
        "{err}"
    );
    assert_eq!(version(&conn), LATEST_VERSION);
    let half: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'half'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(half, 0, "the half-done migration was rolled back");
}

#[test]
fn v1_file_with_positions_upgrades_to_v2_and_becomes_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.concord");
    let mut conn = Connection::open(&path).unwrap();
    configure(&conn).unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..1]).unwrap();
    conn.execute_batch(
        "INSERT INTO actor (id, kind, name, changed_by, updated_at)
           VALUES ('a', 'state', 'Côte d''Ivoire', 'i', 't');
         INSERT INTO process (id, name, short_name, changed_by, updated_at)
           VALUES ('p', 'Process', 'P', 'i', 't');
         INSERT INTO session (id, process_id, seq, title, changed_by, updated_at)
           VALUES ('s', 'p', 1, 'First', 'i', 't');
         INSERT INTO topic (id, name, changed_by, updated_at) VALUES ('t', 'Law', 'i', 't');
         INSERT INTO source (id, citation, changed_by, updated_at)
           VALUES ('src', 'A/79/214, para. 27', 'i', 't');
         INSERT INTO position (id, actor_id, topic_id, session_id, stance, summary, quote,
           source_id, created_at, updated_at, changed_by)
           VALUES ('x', 'a', 't', 's', 'supports', 'Sovereignty matters',
                   'La souveraineté numérique', 'src', 't', 't', 'i');",
    )
    .unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..2]).unwrap();
    assert_eq!(version(&conn), 2);
    let hit = |q: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM position_search WHERE position_search MATCH ?1",
            [q],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(hit("souverainete"), 1, "accents folded");
    assert_eq!(hit("sovereignty"), 1);
    assert_eq!(hit("\"214\""), 1, "source citation indexed");
    assert!(dir.path().join("v1.concord.schema-v1.bak").exists());
    // Later edits keep the index in step.
    conn.execute(
        "UPDATE position SET summary = 'Due diligence' WHERE id = 'x'",
        [],
    )
    .unwrap();
    assert_eq!(hit("sovereignty"), 0);
    assert_eq!(hit("diligence"), 1);
    conn.execute("DELETE FROM position WHERE id = 'x'", [])
        .unwrap();
    assert_eq!(hit("diligence"), 0);
}

#[test]
fn v2_file_upgrades_to_v3_with_covering_subject_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.concord");
    let mut conn = Connection::open(&path).unwrap();
    configure(&conn).unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..2]).unwrap();
    conn.execute_batch(
        "INSERT INTO actor (id, kind, name, changed_by, updated_at)
           VALUES ('a', 'state', 'France', 'i', 't');
         INSERT INTO process (id, name, short_name, changed_by, updated_at)
           VALUES ('p', 'Process', 'P', 'i', 't');
         INSERT INTO session (id, process_id, seq, title, changed_by, updated_at)
           VALUES ('s', 'p', 1, 'First', 'i', 't');
         INSERT INTO proposal (id, name, changed_by, updated_at)
           VALUES ('poa', 'Programme of Action', 'i', 't');
         INSERT INTO position (id, actor_id, proposal_id, session_id, stance, created_at,
           updated_at, changed_by)
           VALUES ('x', 'a', 'poa', 's', 'supports', 't', 't', 'i');",
    )
    .unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..3]).unwrap();
    assert_eq!(version(&conn), 3);
    assert!(dir.path().join("v2.concord.schema-v2.bak").exists());
    let columns = |index: &str| -> Vec<String> {
        let mut stmt = conn
            .prepare(&format!("SELECT name FROM pragma_index_info('{index}')"))
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(
        columns("position_proposal"),
        [
            "proposal_id",
            "session_id",
            "actor_id",
            "stance",
            "created_at"
        ]
    );
    assert_eq!(columns("position_topic")[0], "topic_id");
    let plan: String = conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT session_id, actor_id, stance FROM position
             WHERE proposal_id = 'poa'",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("COVERING INDEX position_proposal"), "{plan}");
    let kept: i64 = conn
        .query_row(
            "SELECT count(*) FROM position WHERE proposal_id = 'poa'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 1);
}

#[test]
fn v3_file_upgrades_to_v4_with_provisions_in_the_matrix_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.concord");
    let mut conn = Connection::open(&path).unwrap();
    configure(&conn).unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..3]).unwrap();
    conn.execute("INSERT INTO meta (key, value) VALUES ('kept', 'yes')", [])
        .unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..4]).unwrap();
    assert_eq!(version(&conn), 4);
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_index_info('position_matrix')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        columns,
        [
            "session_id",
            "actor_id",
            "topic_id",
            "proposal_id",
            "provision_id",
            "stance",
            "created_at"
        ]
    );
    assert!(dir.path().join("v3.concord.schema-v3.bak").exists());
}

#[test]
fn v4_file_upgrades_to_v5_with_pending_requests_undecided() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.concord");
    let mut conn = Connection::open(&path).unwrap();
    configure(&conn).unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..4]).unwrap();
    conn.execute_batch(
        "INSERT INTO document (id, kind, symbol, revision_label, changed_by, updated_at)
           VALUES ('d', 'zero_draft', 'A/1', 'Zero draft', 'i', 't');
         INSERT INTO provision (id, document_id, kind, label, ordinal, text, stable_key,
           changed_by, updated_at)
           VALUES ('p', 'd', 'paragraph', '1', 0, 'Text.', 'p', 'i', 't');
         INSERT INTO amendment_request (id, provision_id, op, new_text, created_at,
           updated_at, changed_by)
           VALUES ('r', 'p', 'insert', 'binding', 't', 't', 'i');",
    )
    .unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..5]).unwrap();
    assert_eq!(version(&conn), 5);
    let row: (String, String, Option<String>, String) = conn
        .query_row(
            "SELECT status, decided_by, decided_in, reason FROM amendment_request",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(row, ("pending".into(), "none".into(), None, String::new()));
    assert!(dir.path().join("v4.concord.schema-v4.bak").exists());
}

#[test]
fn v5_file_upgrades_to_v6_with_matrix_cells_kept_in_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.concord");
    let mut conn = Connection::open(&path).unwrap();
    configure(&conn).unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..5]).unwrap();
    conn.execute_batch(
        "INSERT INTO process (id, name, short_name, changed_by, updated_at)
           VALUES ('oewg', 'OEWG', 'OEWG', 'i', 't');
         INSERT INTO session (id, process_id, seq, title, changed_by, updated_at)
           VALUES ('s7', 'oewg', 7, '7th', 'i', 't');
         INSERT INTO actor (id, kind, name, changed_by, updated_at)
           VALUES ('fra', 'state', 'France', 'i', 't');
         INSERT INTO topic (id, name, changed_by, updated_at)
           VALUES ('law', 'International law', 'i', 't');
         INSERT INTO position (id, actor_id, topic_id, session_id, stance, created_at,
           updated_at, changed_by)
         VALUES ('p1', 'fra', 'law', 's7', 'supports', '2024-03-04T10:00:00.000Z', 't', 'i'),
                ('p2', 'fra', 'law', 's7', 'opposes', '2024-03-05T10:00:00.000Z', 't', 'i');",
    )
    .unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..6]).unwrap();
    assert_eq!(version(&conn), 6);
    let cell = |conn: &Connection| -> Option<(String, i64)> {
        conn.query_row(
            "SELECT stance, positions FROM matrix_cell
             WHERE session_id = 's7' AND subject_kind = 'topic' AND actor_id = 'fra'
               AND subject_id = 'law'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .unwrap()
    };
    assert_eq!(
        cell(&conn),
        Some(("opposes".into(), 2)),
        "filled from the file"
    );
    conn.execute(
        "INSERT INTO position (id, actor_id, topic_id, session_id, stance, created_at,
           updated_at, changed_by)
         VALUES ('p3', 'fra', 'law', 's7', 'conditional', '2024-03-06T10:00:00.000Z', 't', 'i')",
        [],
    )
    .unwrap();
    assert_eq!(cell(&conn), Some(("conditional".into(), 3)), "insert");
    conn.execute(
        "UPDATE position SET stance = 'red_line' WHERE id = 'p3'",
        [],
    )
    .unwrap();
    assert_eq!(cell(&conn), Some(("red_line".into(), 3)), "update");
    conn.execute("DELETE FROM position WHERE id = 'p3'", [])
        .unwrap();
    assert_eq!(
        cell(&conn),
        Some(("opposes".into(), 2)),
        "delete of the latest"
    );
    // Moving a position to another topic recounts both cells.
    conn.execute_batch(
        "INSERT INTO topic (id, name, changed_by, updated_at) VALUES ('cbm', 'CBMs', 'i', 't');
         UPDATE position SET topic_id = 'cbm' WHERE id = 'p2';",
    )
    .unwrap();
    assert_eq!(cell(&conn), Some(("supports".into(), 1)), "moved out");
    let moved: (String, i64) = conn
        .query_row(
            "SELECT stance, positions FROM matrix_cell WHERE subject_id = 'cbm'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(moved, ("opposes".into(), 1), "moved in");
    conn.execute("DELETE FROM position", []).unwrap();
    assert_eq!(cell(&conn), None, "no positions, no cell");
    assert!(dir.path().join("v5.concord.schema-v5.bak").exists());
}

#[test]
fn v6_file_upgrades_to_v7_with_its_paragraphs_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.concord");
    let mut conn = Connection::open(&path).unwrap();
    configure(&conn).unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..6]).unwrap();
    conn.execute_batch(
        "INSERT INTO document (id, kind, symbol, revision_label, changed_by, updated_at)
           VALUES ('d', 'zero_draft', 'A/1', 'Zero draft', 'i', 't');
         INSERT INTO provision (id, document_id, kind, label, ordinal, text, stable_key,
           changed_by, updated_at)
           VALUES ('p', 'd', 'paragraph', '1', 0, 'Côte d''Ivoire proposed it.', 'p', 'i', 't');",
    )
    .unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..7]).unwrap();
    assert_eq!(version(&conn), 7);
    let found = |conn: &Connection| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM provision_search WHERE provision_search MATCH 'cote'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(found(&conn), 1, "the paragraph already there is indexed");
    conn.execute("DELETE FROM provision", []).unwrap();
    assert_eq!(found(&conn), 0, "a deleted paragraph leaves the index");
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.concord");
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    conn.pragma_update(None, "user_version", LATEST_VERSION + 5)
        .unwrap();
    let err = check_openable(&conn, &path).unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { found, .. } if found == LATEST_VERSION + 5));
}

#[test]
fn v11_file_upgrades_to_v12_with_its_change_sets_kept_and_ready_to_merge() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.concord");
    let mut conn = Connection::open(&path).unwrap();
    configure(&conn).unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..11]).unwrap();
    conn.execute(
        "INSERT INTO change_set (replica_id, seq, hlc_ms, hlc_count, changes)
         VALUES (x'0000000000000000000000000000000a', 1, 1000, 0, x'01')",
        [],
    )
    .unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..12]).unwrap();
    assert_eq!(version(&conn), 12);
    let (seq, deps): (i64, Vec<u8>) = conn
        .query_row("SELECT seq, deps FROM change_set", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(
        (seq, deps),
        (1, Vec::new()),
        "a kept set saw nothing of others"
    );
    for table in [
        "field_clock",
        "tombstone",
        "conflict",
        "conflict_resolution",
    ] {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
}

#[test]
fn v12_file_upgrades_to_v13_with_its_sets_kept_and_no_names_yet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v12.concord");
    let mut conn = Connection::open(&path).unwrap();
    configure(&conn).unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..12]).unwrap();
    conn.execute(
        "INSERT INTO change_set (replica_id, seq, hlc_ms, hlc_count, changes, deps)
         VALUES (x'0000000000000000000000000000000a', 1, 1000, 0, x'01', x'')",
        [],
    )
    .unwrap();
    upgrade(&mut conn, &path, &MIGRATIONS[..13]).unwrap();
    assert_eq!(version(&conn), 13);
    let sets: i64 = conn
        .query_row("SELECT count(*) FROM change_set", [], |r| r.get(0))
        .unwrap();
    let names: i64 = conn
        .query_row("SELECT count(*) FROM replica_name", [], |r| r.get(0))
        .unwrap();
    assert_eq!((sets, names), (1, 0));
    // A name is one line of at most 400 characters, never empty.
    for bad in ["''", "printf('%.401c', 'x')"] {
        let err = conn.execute(
            &format!(
                "INSERT INTO replica_name VALUES (x'0000000000000000000000000000000a', {bad},
                 x'0000000000000000000000000000000a', '2026-12-02')"
            ),
            [],
        );
        assert!(err.is_err(), "{bad}");
    }
}

#[test]
fn v13_file_upgrades_to_v14_and_its_reference_data_is_brought_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v13.concord");
    {
        let mut conn = Connection::open(&path).unwrap();
        configure(&conn).unwrap();
        upgrade(&mut conn, &path, &MIGRATIONS[..13]).unwrap();
        // A v13 file loaded the Global Mechanism undated, and never had a reference version.
        conn.execute(
            "INSERT INTO process (id, name, short_name, changed_by, updated_at)
             VALUES (?1, 'Global Mechanism on ICT security', 'Global Mechanism', ?2, '2026-01-01')",
            rusqlite::params![
                crate::reference::process_id(crate::reference::GLOBAL_MECHANISM),
                crate::clock::reference_installation()
            ],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('reference_loaded_at', '2026-01-01')",
            [],
        )
        .unwrap();
    }
    let store = crate::Store::open_ready(
        &path,
        std::sync::Arc::new(crate::FixedClock::new()),
        uuid::Uuid::from_u128(3),
    )
    .unwrap();
    assert_eq!(version(&store.conn), LATEST_VERSION);
    let gm = store
        .processes()
        .unwrap()
        .into_iter()
        .find(|p| p.short_name == "Global Mechanism")
        .unwrap();
    assert_eq!(gm.chair.as_deref(), Some("Egriselda López (El Salvador)"));
    assert!(!gm.archived);
    assert_eq!(store.sessions(Some(gm.id)).unwrap().len(), 3);
    // The new tables hold their rules.
    let err = store.conn.execute(
        "INSERT INTO process_status (id, chair, archived, changed_by, updated_at)
         VALUES (?1, '', 0, ?1, 'now')",
        [gm.id],
    );
    assert!(err.is_err(), "an empty Chair");
    let err = store.conn.execute(
        "INSERT INTO reference_removed VALUES (?1, 'position', ?1, 'now')",
        [gm.id],
    );
    assert!(err.is_err(), "positions are not reference data");
}
