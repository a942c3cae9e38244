//! The v14 → v15 upgrade (`migrations/0015_shared_keys.sql`): tables rebuilt without their
//! UNIQUE rules, every row, reference and search entry kept.
use super::*;

fn version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn v14_file_upgrades_to_v15_keeping_its_rows_and_their_search_and_dropping_only_unique_keys() {
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("made.concord");
    let path = dir.path().join("v14.concord");
    let clock = std::sync::Arc::new(crate::FixedClock::new());
    let position = {
        let mut store =
            crate::Store::open_ready(&made, clock.clone(), uuid::Uuid::from_u128(4)).unwrap();
        let input = crate::model::PositionInput {
            actor_id: crate::reference::state_id("FRA"),
            subject: crate::model::SubjectRef::Proposal(crate::reference::proposal_id("POA")),
            session_id: crate::reference::session_id(crate::reference::OEWG, 7),
            meeting_id: None,
            meeting_date: None,
            stance: crate::model::Stance::Supports,
            summary: String::new(),
            quote: String::new(),
            source: "A/79/214, para. 27".into(),
            on_behalf_of_id: None,
            note: String::new(),
        };
        store.add_position(&input).unwrap().id
    };
    {
        // A v14 file holding the same rows: v14's tables, filled from the file just made
        // (the derived tables fill themselves through v14's triggers).
        let mut conn = Connection::open(&path).unwrap();
        configure(&conn).unwrap();
        upgrade(&mut conn, &path, &MIGRATIONS[..14]).unwrap();
        conn.execute("ATTACH ?1 AS made", [made.to_str().unwrap()])
            .unwrap();
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM made.sqlite_schema WHERE type = 'table'
                   AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'position_search%'
                   AND name NOT LIKE 'provision_search%'
                   AND name NOT IN ('matrix_cell', 'position_count')
                 ORDER BY name = 'position'", // its search row reads its source's citation
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        for t in &tables {
            conn.execute_batch(&format!(
                "DELETE FROM main.\"{t}\"; INSERT INTO main.\"{t}\" SELECT * FROM made.\"{t}\";"
            ))
            .unwrap();
        }
        conn.execute("DETACH made", []).unwrap();
        let counts = |conn: &Connection| -> (i64, i64) {
            conn.query_row(
                "SELECT (SELECT count(*) FROM actor), (SELECT count(*) FROM session)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
        };
        let before = counts(&conn);
        assert!(before.0 > 190 && before.1 > 10);
        let twice = conn.execute(
            "INSERT INTO actor (id, kind, name, iso3, changed_by, updated_at)
             VALUES (randomblob(16), 'igo', 'Another France', 'FRA', randomblob(16), 'now')",
            [],
        );
        assert!(twice.is_err(), "v14 keeps ISO3 codes unique");
        upgrade(&mut conn, &path, MIGRATIONS).unwrap();
        assert_eq!(version(&conn), LATEST_VERSION);
        assert_eq!(counts(&conn), before);
        let broken: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(broken, 0);
        // A second actor with France's code is kept now (a clash the Team page lists)…
        conn.execute(
            "INSERT INTO actor (id, kind, name, iso3, changed_by, updated_at)
             VALUES (randomblob(16), 'igo', 'Another France', 'FRA', randomblob(16), 'now')",
            [],
        )
        .unwrap();
        // …and the rows' own checks still hold.
        let lower = conn.execute(
            "INSERT INTO actor (id, kind, name, iso3, changed_by, updated_at)
             VALUES (randomblob(16), 'igo', 'Lower', 'fra', randomblob(16), 'now')",
            [],
        );
        assert!(lower.is_err(), "an ISO3 code is three capitals");
    }
    let store = crate::Store::open_ready(&path, clock, uuid::Uuid::from_u128(4)).unwrap();
    assert_eq!(
        store.position(position).unwrap().source,
        "A/79/214, para. 27"
    );
    let query = crate::model::SearchQuery {
        text: "214".into(),
        ..Default::default()
    };
    assert_eq!(
        store.search(&query).unwrap().len(),
        1,
        "the citation is still searched"
    );
    let clashes = store.clashes().unwrap();
    assert_eq!(clashes.len(), 1);
    assert_eq!(clashes[0].about, "2 actors have the ISO3 code FRA.");
}
