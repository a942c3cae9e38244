//! The v17 → v18 upgrade (`migrations/0018_packed_change_sets.sql`): the change sets an
//! older Concord kept are deflated in place, read back as they were, and still merge.
use super::*;
use crate::fixtures::summarised;

/// Undoes v18 in a file this build wrote: its sets inflated again, as v17 kept them.
pub(super) fn as_v17(conn: &Connection) {
    v19_tests::as_v18(conn);
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "unpack_change_set",
        1,
        FunctionFlags::SQLITE_DETERMINISTIC,
        |cx| Ok(super::super::set_bytes::unpack(&cx.get::<Vec<u8>>(0)?).unwrap()),
    )
    .unwrap();
    conn.execute_batch(
        "UPDATE change_set SET changes = unpack_change_set(changes); PRAGMA user_version = 17;",
    )
    .unwrap();
}

fn kept(conn: &Connection) -> Vec<Vec<u8>> {
    conn.prepare("SELECT changes FROM change_set ORDER BY replica_id, seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn v17_file_keeps_its_change_sets_deflated_and_they_read_and_merge_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v17.concord");
    let clock = std::sync::Arc::new(crate::FixedClock::new());
    let (digest, sets) = {
        let mut store =
            crate::Store::open_ready(&path, clock.clone(), uuid::Uuid::from_u128(4)).unwrap();
        let kept = store.add_position(&summarised("FRA", "first")).unwrap();
        store.add_position(&summarised("DEU", "second")).unwrap();
        store.delete_position(kept.id).unwrap();
        (store.digest().unwrap(), store.change_sets().unwrap())
    };
    let v17 = {
        let conn = Connection::open(&path).unwrap();
        as_v17(&conn);
        kept(&conn)
    };
    // What v17 kept is what SQLite's session extension made.
    assert_eq!(
        v17,
        sets.iter().map(|s| s.changes.clone()).collect::<Vec<_>>()
    );
    let v17_copy = dir.path().join("v17-copy.concord");
    std::fs::copy(&path, &v17_copy).unwrap();

    let store = crate::Store::open(&path, clock.clone(), uuid::Uuid::from_u128(4)).unwrap();
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST_VERSION);
    let v18 = kept(&store.conn);
    assert_eq!(v18.len(), v17.len());
    for (packed, plain) in v18.iter().zip(&v17) {
        assert_ne!(packed, plain);
        assert_eq!(&super::super::set_bytes::unpack(packed).unwrap(), plain);
    }
    assert_eq!(store.change_sets().unwrap(), sets);
    assert_eq!(store.digest().unwrap(), digest);

    // A colleague's file still at v17 merges into a file of this build, and so does the
    // upgraded one.
    let mut fresh = crate::Store::open_in_memory(clock.clone(), uuid::Uuid::from_u128(9)).unwrap();
    fresh.load_reference().unwrap();
    assert_eq!(fresh.merge_file(&v17_copy).unwrap().change_sets, 3);
    assert_eq!(fresh.digest().unwrap(), digest);
    assert_eq!(fresh.merge_from(&store).unwrap().change_sets, 0);
}
