//! `export all` then `import all` into a new database gives the same rows, table by table;
//! a broken file writes nothing.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::model::SearchQuery;
use concord_core::Store;

use concord_testing::empty_store as empty;

fn demo() -> Store {
    let mut s = empty();
    concord_core::demo::populate(&mut s).unwrap();
    s
}

#[test]
fn every_table_round_trips_row_for_row() {
    let source = demo();
    let data = source.export_all(&mut |_| {}).unwrap();
    let json = serde_json::to_string(&data).unwrap();
    let back: serde_json::Value = serde_json::from_str(&json).unwrap();

    let mut copy = empty();
    let rows = copy.import_all(&back, &mut |_| {}).unwrap();
    assert!(rows > 500, "{rows}");
    let again = copy.export_all(&mut |_| {}).unwrap();
    for table in concord_core::store::EXCHANGED_TABLES {
        assert_eq!(
            data["tables"][*table], again["tables"][*table],
            "table {table} differs after the round trip"
        );
    }
    assert!(!data["tables"]["position_history"]
        .as_array()
        .unwrap()
        .is_empty());
    // The search index is rebuilt by the importer.
    let hits = |s: &Store| {
        s.search(&SearchQuery {
            text: "humanitarian".into(),
            ..Default::default()
        })
        .unwrap()
        .len()
    };
    assert!(hits(&source) > 0);
    assert_eq!(hits(&source), hits(&copy));
}

#[test]
fn a_file_with_a_broken_reference_writes_nothing() {
    let mut data = demo().export_all(&mut |_| {}).unwrap();
    data["tables"]["position"][0]["actor_id"] = "00000000-0000-4000-8000-00000000dead".into();
    let mut copy = empty();
    let e = copy.import_all(&data, &mut |_| {}).unwrap_err();
    assert!(e.to_string().contains("nothing was imported"), "{e}");
    assert_eq!(copy.counts().unwrap().actors, 0);
    assert_eq!(copy.counts().unwrap().positions, 0);
}

#[test]
fn an_id_that_is_not_one_is_named_and_writes_nothing() {
    let mut data = demo().export_all(&mut |_| {}).unwrap();
    data["tables"]["position"][0]["actor_id"] = "no-such-actor".into();
    let mut copy = empty();
    let e = copy.import_all(&data, &mut |_| {}).unwrap_err().to_string();
    assert!(
        e.contains("position, row 1: actor_id \"no-such-actor\" is not an id"),
        "{e}"
    );
    assert!(e.contains("nothing was imported"), "{e}");
    assert_eq!(copy.counts().unwrap().actors, 0);
}

#[test]
fn a_database_with_records_is_refused() {
    let data = demo().export_all(&mut |_| {}).unwrap();
    let mut target = demo();
    let e = target.import_all(&data, &mut |_| {}).unwrap_err();
    assert!(e.to_string().contains("needs a new, empty database"), "{e}");
}

#[test]
fn a_value_of_the_wrong_type_is_refused_with_its_place() {
    let mut data = demo().export_all(&mut |_| {}).unwrap();
    data["tables"]["session"][2]["seq"] = "three".into();
    let e = empty().import_all(&data, &mut |_| {}).unwrap_err();
    assert!(e.to_string().contains("session, row 3"), "{e}");
}
