//! The v15 → v16 upgrade (`migrations/0016_on_behalf_index.sql`): one partial index, so the
//! agreement map reads statements made on behalf of a group without reading the rows.
use super::*;

#[test]
fn v15_file_gains_the_on_behalf_index_and_the_map_still_counts_for_the_group() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v15.concord");
    let clock = std::sync::Arc::new(crate::FixedClock::new());
    let eu = crate::reference::group_id("EU");
    {
        let mut store =
            crate::Store::open_ready(&path, clock.clone(), uuid::Uuid::from_u128(4)).unwrap();
        let input = crate::model::PositionInput {
            actor_id: crate::reference::state_id("FRA"),
            subject: crate::model::SubjectRef::Proposal(crate::reference::proposal_id("POA")),
            session_id: crate::reference::session_id(crate::reference::OEWG, 7),
            meeting_id: None,
            meeting_date: None,
            stance: crate::model::Stance::Supports,
            summary: String::new(),
            quote: String::new(),
            source: String::new(),
            on_behalf_of_id: Some(eu),
            note: String::new(),
        };
        store.add_position(&input).unwrap();
    }
    {
        // v15 is v16 without the index (and without v17's index and v18's packing).
        let conn = Connection::open(&path).unwrap();
        v18_tests::as_v17(&conn);
        conn.execute_batch(
            "DROP INDEX position_on_behalf; DROP INDEX position_stance;
             PRAGMA user_version = 15;",
        )
        .unwrap();
    }
    let store = crate::Store::open(&path, clock, uuid::Uuid::from_u128(4)).unwrap();
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST_VERSION);
    let indexed: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'position_on_behalf'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexed, 1);
    let range = crate::model::SeqRange { from: 7, to: 7 };
    let oewg = crate::reference::process_id(crate::reference::OEWG);
    let mut said = Vec::new();
    store
        .each_statement(oewg, range, &[], &[], &mut |s| said.push(s))
        .unwrap();
    assert_eq!(said.len(), 1);
    assert_eq!(said[0].on_behalf_of, Some(eu));
}
