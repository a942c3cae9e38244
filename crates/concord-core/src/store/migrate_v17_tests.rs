//! The v16 → v17 upgrade (`migrations/0017_stance_index.sql`): one index, so the positions
//! page filtered by one stance reads only that stance's rows.
use super::*;
use crate::fixtures::position;
use crate::model::{PositionFilter, PositionInput, Stance};

fn said(iso3: &str, stance: Stance) -> PositionInput {
    PositionInput {
        stance,
        ..position(iso3, 7)
    }
}

#[test]
fn v16_file_gains_the_stance_index_and_lists_one_stance_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v16.concord");
    let clock = std::sync::Arc::new(crate::FixedClock::new());
    {
        let mut store =
            crate::Store::open_ready(&path, clock.clone(), uuid::Uuid::from_u128(4)).unwrap();
        for (iso3, stance) in [
            ("FRA", Stance::Opposes),
            ("DEU", Stance::Supports),
            ("BRA", Stance::Opposes),
        ] {
            store.add_position(&said(iso3, stance)).unwrap();
        }
    }
    {
        // v16 is v17 without the index (and without v18's packing).
        let conn = Connection::open(&path).unwrap();
        v18_tests::as_v17(&conn);
        conn.execute_batch("DROP INDEX position_stance; PRAGMA user_version = 16;")
            .unwrap();
    }
    let store = crate::Store::open(&path, clock, uuid::Uuid::from_u128(4)).unwrap();
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST_VERSION);
    let plan: String = store
        .conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM position WHERE stance = 'opposes'
             ORDER BY created_at DESC, id DESC",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("position_stance"), "{plan}");
    let page = store
        .positions(&PositionFilter {
            stance: Some(Stance::Opposes),
            ..Default::default()
        })
        .unwrap();
    let names: Vec<&str> = page.items.iter().map(|p| p.actor_name.as_str()).collect();
    assert_eq!(names, ["Brazil", "France"]);
    assert_eq!((page.total, page.more), (2, false));
}
