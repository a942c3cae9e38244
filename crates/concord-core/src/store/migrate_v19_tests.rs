//! The v18 → v19 upgrade (`migrations/0019_search_by_actor.sql`): the search index gains each
//! position's actor as a word of its own, and search within one actor finds what it found.
use super::*;
use crate::fixtures::summarised;
use crate::model::{PositionInput, SearchQuery};
use crate::reference::state_id;

/// Undoes v19 in a file this build wrote: the index and its triggers as migrations 1-18
/// make them (the schema check's own `expected`, text for text), four text columns.
pub(super) fn as_v18(conn: &Connection) {
    v20_tests::as_v19(conn);
    let v18 = super::super::trust::expected(18).unwrap();
    let sql = |kind: &str, name: &str| -> String {
        v18[&(kind.to_string(), name.to_string())]
            .1
            .clone()
            .unwrap()
    };
    let triggers = [
        "position_search_insert",
        "position_search_update",
        "position_search_delete",
    ];
    for t in triggers {
        conn.execute_batch(&format!("DROP TRIGGER {t}")).unwrap();
    }
    conn.execute_batch("DROP TABLE position_search").unwrap();
    conn.execute_batch(&sql("table", "position_search"))
        .unwrap();
    conn.execute_batch(
        "INSERT INTO position_search (rowid, summary, quote, note, source)
         SELECT k.rowid, p.summary, p.quote, p.note, coalesce(s.citation, '')
           FROM position_search_key AS k JOIN position AS p ON p.id = k.position_id
           LEFT JOIN source AS s ON s.id = p.source_id ORDER BY k.rowid;",
    )
    .unwrap();
    for t in triggers {
        conn.execute_batch(&sql("trigger", t)).unwrap();
    }
    conn.execute_batch("PRAGMA user_version = 18").unwrap();
}

fn found(store: &crate::Store, text: &str, actor: Option<&str>) -> Vec<String> {
    let mut summaries: Vec<String> = store
        .search(&SearchQuery {
            text: text.into(),
            actor_id: actor.map(state_id),
            ..SearchQuery::default()
        })
        .unwrap()
        .into_iter()
        .map(|h| h.position.summary)
        .collect();
    summaries.sort();
    summaries
}

#[test]
fn v18_file_searches_within_one_actor_as_before_and_after_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v18.concord");
    let clock = std::sync::Arc::new(crate::FixedClock::new());
    let moved = {
        let mut store =
            crate::Store::open_ready(&path, clock.clone(), uuid::Uuid::from_u128(4)).unwrap();
        store
            .add_position(&summarised("FRA", "Cyber capacity matters"))
            .unwrap();
        store
            .add_position(&summarised("DEU", "Capacity-building first"))
            .unwrap();
        store
            .add_position(&summarised("FRA", "Norms, not treaties"))
            .unwrap();
        store
            .add_position(&summarised("BRA", "Capacity for all"))
            .unwrap()
    };
    {
        let conn = Connection::open(&path).unwrap();
        as_v18(&conn);
    }
    let mut store = crate::Store::open(&path, clock, uuid::Uuid::from_u128(4)).unwrap();
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST_VERSION);
    assert_eq!(
        found(&store, "capacity", Some("FRA")),
        ["Cyber capacity matters"]
    );
    assert_eq!(
        found(&store, "capac", Some("DEU")),
        ["Capacity-building first"]
    );
    assert_eq!(found(&store, "capacity", None).len(), 3);
    // The actor's word is no word of theirs: the hex of an id finds nothing.
    let fra = format!("zq{}", state_id("FRA").simple());
    assert!(found(&store, &fra, None).is_empty());
    assert!(found(&store, "zq", None).is_empty());

    // A position moved to another actor is found under the new one only.
    let input = PositionInput {
        actor_id: state_id("FRA"),
        ..summarised("BRA", "Capacity for all")
    };
    store.update_position(moved.id, &input).unwrap();
    assert_eq!(
        found(&store, "capacity", Some("FRA")),
        ["Capacity for all", "Cyber capacity matters"]
    );
    assert!(found(&store, "capacity", Some("BRA")).is_empty());
    // A new position is found within its actor.
    store
        .add_position(&summarised("BRA", "Capacity again"))
        .unwrap();
    assert_eq!(found(&store, "capacity", Some("BRA")), ["Capacity again"]);
}
