//! Files from elsewhere: a .concord file is opened only when its schema is exactly Concord's,
//! a damaged one is refused, and the guards in the schema hold whatever path writes.
#![allow(clippy::unwrap_used)]

use concord_core::{FixedClock, Store};
use rusqlite::Connection;
use std::path::Path;
use std::sync::Arc;
use uuid::Uuid;

fn open(path: &Path, installation: u128) -> Result<Store, concord_core::StoreError> {
    Store::open_ready(
        path,
        Arc::new(FixedClock::new()),
        Uuid::from_u128(installation),
    )
}

/// A real file with the reference data, closed.
fn made(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("shared.concord");
    drop(open(&path, 1).unwrap());
    path
}

#[test]
fn a_file_with_a_trigger_someone_added_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = made(dir.path());
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TRIGGER spy AFTER INSERT ON position BEGIN DELETE FROM actor; END;")
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = open(&path, 2).unwrap_err();
    assert_eq!(err.code(), concord_core::model::ErrorCode::UntrustedSchema);
    let message = err.to_string();
    assert!(message.contains("trigger \"spy\""), "{message}");
    assert!(message.contains("left unchanged"), "{message}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file was not touched"
    );
}

#[test]
fn a_changed_view_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = made(dir.path());
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DROP VIEW topic_path; CREATE VIEW topic_path (id, path, depth) AS SELECT id, name, 0 FROM topic;",
        )
        .unwrap();
    let message = open(&path, 2).unwrap_err().to_string();
    assert!(
        message.contains("view \"topic_path\" was changed"),
        "{message}"
    );
}

#[test]
fn a_damaged_file_from_elsewhere_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = made(dir.path());
    // Overwrite a stretch of pages past the header and the schema: the data is damaged.
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > page * 20, "the file has enough pages");
    for b in &mut bytes[page * 12..page * 16] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = open(&path, 2).unwrap_err();
    assert_eq!(err.code(), concord_core::model::ErrorCode::Damaged, "{err}");
    assert!(err.to_string().contains("Restore a backup"), "{err}");
}

#[test]
fn a_topic_cannot_become_its_own_ancestor_by_any_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = made(dir.path());
    drop(open(&path, 1).unwrap());
    let conn = Connection::open(&path).unwrap();
    let (root, child): (Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT parent_id, id FROM topic WHERE parent_id IS NOT NULL LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let err = conn
        .execute(
            "UPDATE topic SET parent_id = ?1 WHERE id = ?2",
            [&child, &root],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("cannot be placed under itself"), "{err}");
    let err = conn
        .execute("UPDATE topic SET parent_id = id WHERE id = ?1", [&root])
        .unwrap_err()
        .to_string();
    assert!(err.contains("cannot be placed under itself"), "{err}");
}

/// Since v15 a file may hold one revision twice (two colleagues recorded it apart, before
/// revisions had ids of their own): it opens, and the clash is listed instead of hidden.
#[test]
fn a_revision_recorded_twice_in_a_file_opens_and_is_listed_as_a_clash() {
    let dir = tempfile::tempdir().unwrap();
    let path = made(dir.path());
    let conn = Connection::open(&path).unwrap();
    let insert = "INSERT INTO document (id, symbol, kind, revision_label, changed_by, updated_at)
                  VALUES (?1, 'A/AC.292/2025/L.1', 'revised_draft', 'Rev.1', ?2, 't')";
    let (d1, d2, by) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::nil());
    conn.execute(insert, [d1, by]).unwrap();
    conn.execute(insert, [d2, by]).unwrap();
    drop(conn);
    let clashes = open(&path, 2).unwrap().clashes().unwrap();
    assert_eq!(clashes.len(), 1);
    assert_eq!(
        clashes[0].about,
        "Rev.1 of A/AC.292/2025/L.1 is recorded 2 times."
    );
    assert_eq!(clashes[0].rows, vec![d1, d2]);
}

#[test]
fn a_folder_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let err = open(dir.path(), 1).unwrap_err();
    assert_eq!(err.code(), concord_core::model::ErrorCode::NotAFile);
}

#[test]
fn names_with_control_characters_are_refused() {
    let mut store = concord_testing::store();
    let err = store
        .write(|w| w.create_topic_path("International law/Due\u{0}diligence"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("control character"), "{err}");
    let deep = ["T"; 9].join("/");
    let err = store
        .write(|w| w.create_topic_path(&deep))
        .unwrap_err()
        .to_string();
    assert!(err.contains("9 levels deep"), "{err}");
}
