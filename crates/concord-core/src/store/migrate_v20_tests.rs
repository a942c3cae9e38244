//! The v19 → v20 upgrade (`migrations/0020_position_count.sql`): the positions are counted
//! once, then kept counted by every write, row by row and in bulk.
use super::*;
use crate::fixtures::summarised;

/// Undoes v20 in a file this build wrote.
pub(super) fn as_v19(conn: &Connection) {
    conn.execute_batch(
        "DROP TRIGGER position_count_insert;
         DROP TRIGGER position_count_delete;
         DROP TABLE position_count;
         PRAGMA user_version = 19;",
    )
    .unwrap();
}

fn counted(store: &crate::Store) -> (u64, i64) {
    let rows: i64 = store
        .conn
        .query_row("SELECT count(*) FROM position", [], |r| r.get(0))
        .unwrap();
    (store.counts().unwrap().positions, rows)
}

#[test]
fn v19_file_counts_its_positions_and_keeps_them_counted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v19.concord");
    let clock = std::sync::Arc::new(crate::FixedClock::new());
    let installation = uuid::Uuid::from_u128(4);
    let first = {
        let mut store = crate::Store::open_ready(&path, clock.clone(), installation).unwrap();
        let first = store.add_position(&summarised("FRA", "One")).unwrap();
        store.add_position(&summarised("DEU", "Two")).unwrap();
        first
    };
    as_v19(&Connection::open(&path).unwrap());
    let mut store = crate::Store::open(&path, clock, installation).unwrap();
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST_VERSION);
    assert_eq!(counted(&store), (2, 2));

    store.add_position(&summarised("BRA", "Three")).unwrap();
    assert_eq!(counted(&store), (3, 3));
    store.delete_position(first.id).unwrap();
    assert_eq!(counted(&store), (2, 2));
    // Several in one write (entries confirmed from a statement).
    let inputs: Vec<_> = ["Four", "Five"]
        .iter()
        .map(|s| summarised("KEN", s))
        .collect();
    store.add_positions(&inputs).unwrap();
    assert_eq!(counted(&store), (4, 4));
}
