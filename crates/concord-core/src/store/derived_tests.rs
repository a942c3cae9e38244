//! A bulk write leaves the same search index and matrix cells as the same rows written one
//! at a time through the triggers (`derived.rs`), ties of time included, and the triggers
//! are there again after it, whether it landed or failed.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use super::{Store, StoreError};
use crate::clock::Clock;
use crate::fixtures::position;
use crate::model::{PositionInput, Provenance, SearchQuery, Stance};
use crate::FixedClock;
use chrono::{DateTime, Utc};
use std::sync::Arc;
use uuid::Uuid;

/// Every write at one instant, so cells are decided by insertion order alone; ids as the
/// fixed clock makes them.
struct OneInstant(FixedClock);

impl Clock for OneInstant {
    fn now(&self) -> DateTime<Utc> {
        FixedClock::new().now()
    }
    fn new_id(&self) -> Uuid {
        self.0.new_id()
    }
}

fn store() -> Store {
    let mut s =
        Store::open_in_memory(Arc::new(OneInstant(FixedClock::new())), Uuid::nil()).unwrap();
    s.load_reference().unwrap();
    s
}

/// Four States at two sessions (eight cells, three positions each), changing stance and words.
fn batch(round: usize) -> Vec<PositionInput> {
    let stances = [
        Stance::Supports,
        Stance::Opposes,
        Stance::Conditional,
        Stance::RedLine,
    ];
    (0..24)
        .map(|i| PositionInput {
            stance: stances[(i + round) % stances.len()],
            summary: format!("round {round} statement {i} on capacity-building"),
            quote: format!("ransomware {i}"),
            note: if i % 3 == 0 {
                "Öffentlich".into()
            } else {
                String::new()
            },
            source: format!("A/79/{}, para. {i}", 200 + round),
            ..position(
                ["FRA", "BRA", "CHN", "KEN"][i % 4],
                7 + ((i / 4) % 2) as i64,
            )
        })
        .collect()
}

fn insert(s: &mut Store, inputs: &[PositionInput], bulk: bool) {
    let rows = |w: &mut super::Writer<'_>| {
        for input in inputs {
            w.insert_position(input, Provenance::Recorded)?;
        }
        Ok::<_, StoreError>(())
    };
    if bulk {
        s.write_bulk(rows).unwrap();
    } else {
        s.write(rows).unwrap();
    }
}

/// The matrix cells; the search index's keys (which position each row is for) and every
/// word it holds, where.
fn derived(s: &Store) -> (Vec<String>, Vec<String>) {
    let strings = |sql: &str| -> Vec<String> {
        let mut statement = s.conn.prepare(sql).unwrap();
        let rows = statement.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let mut cells = strings(
        "SELECT hex(session_id) || hex(actor_id) || subject_kind || hex(subject_id) || ' '
                || stance || ' ' || latest_at || ' ' || positions
         FROM matrix_cell ORDER BY 1",
    );
    cells.extend(strings(
        "SELECT 'positions counted ' || n || ' of ' || (SELECT count(*) FROM position)
         FROM position_count",
    ));
    let keys = strings(
        "SELECT k.rowid || ' ' || hex(k.position_id) FROM position_search_key AS k ORDER BY 1",
    );
    s.conn
        .execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.every_word
             USING fts5vocab(main, position_search, instance)",
        )
        .unwrap();
    let words = strings(
        "SELECT term || ' ' || doc || ' ' || col || ' ' || offset FROM temp.every_word ORDER BY 1",
    );
    let index = keys.into_iter().chain(words).collect();
    (cells, index)
}

fn hits(s: &Store, text: &str) -> Vec<Uuid> {
    let query = SearchQuery {
        text: text.into(),
        actor_id: None,
        session_id: None,
        topic_id: None,
        limit: Some(100),
    };
    s.search(&query)
        .unwrap()
        .into_iter()
        .map(|h| h.position.id)
        .collect()
}

#[test]
fn a_bulk_write_indexes_and_counts_as_the_triggers_do() {
    let (mut one_by_one, mut bulk) = (store(), store());
    for s in [&mut one_by_one, &mut bulk] {
        insert(s, &batch(0), false);
    }
    insert(&mut one_by_one, &batch(1), false);
    insert(&mut bulk, &batch(1), true);
    let (cells, index) = derived(&bulk);
    assert_eq!(cells.len(), 8 + 1, "8 cells, and the count of positions");
    assert_eq!(cells[8], "positions counted 48 of 48");
    assert!(index.len() > 48 * 8, "{} keys and words", index.len());
    assert_eq!((cells, index), derived(&one_by_one));
    for text in ["capacity", "ransomware 7", "offentlich", "A/79/201"] {
        assert!(!hits(&bulk, text).is_empty(), "{text}");
        assert_eq!(hits(&bulk, text), hits(&one_by_one, text), "{text}");
    }

    // The triggers are back: a position written on its own is indexed and counted.
    for s in [&mut one_by_one, &mut bulk] {
        insert(s, &batch(2)[..3], false);
    }
    assert_eq!(derived(&bulk), derived(&one_by_one));
    assert_eq!(hits(&bulk, "round").len(), 24 + 24 + 3);
}

#[test]
fn a_failed_bulk_write_leaves_the_triggers_in_place() {
    let mut s = store();
    let err = s.write_bulk(|w| {
        w.insert_position(&batch(0)[0], Provenance::Recorded)?;
        Err::<(), _>(StoreError::invalid("row 2", "refused"))
    });
    assert!(err.is_err());
    insert(&mut s, &batch(0)[..1], false);
    assert_eq!(hits(&s, "statement 0").len(), 1);
    let (cells, _) = derived(&s);
    assert_eq!(cells, [cells[0].clone(), "positions counted 1 of 1".into()]);
}

/// A copy of the record writing at the test's one instant; two copies given the same
/// `ids_from` make the same ids, so that what they hold can be compared row for row.
fn replica(n: u128, ids_from: i64) -> Store {
    let clock = Arc::new(OneInstant(FixedClock::at(ids_from)));
    let mut s = Store::open_in_memory(clock, Uuid::from_u128(n)).unwrap();
    s.load_reference().unwrap();
    s
}

fn merged_row_by_row(into: &mut Store, from: &Store) {
    super::derived::ROW_BY_ROW.with(|c| c.set(true));
    into.merge_from(from).unwrap();
    super::derived::ROW_BY_ROW.with(|c| c.set(false));
}

#[test]
fn a_merge_indexes_and_counts_as_the_triggers_do() {
    let (mut colleague, mut deferred, mut row_by_row) = (
        replica(1, 1_709_546_400_000),
        replica(2, 1_800_000_000_000),
        replica(3, 1_800_000_000_000),
    );
    let ids = colleague.add_positions(&batch(0)).unwrap();
    deferred.merge_from(&colleague).unwrap();
    merged_row_by_row(&mut row_by_row, &colleague);
    assert_eq!(derived(&deferred), derived(&row_by_row));

    // The colleague moves positions between cells, rewords them, deletes some, adds more;
    // the copies merging it have a position of their own in one of those cells.
    for (i, id) in ids.iter().enumerate().take(12) {
        let mut input = PositionInput::from(&colleague.position(*id).unwrap());
        match i % 3 {
            0 => input.stance = Stance::Opposes,
            1 => input.session_id = crate::reference::session_id(crate::reference::OEWG, 3),
            _ => input.summary = format!("reworded {i} on norms"),
        }
        colleague.update_position(*id, &input).unwrap();
    }
    for id in &ids[12..16] {
        colleague.delete_position(*id).unwrap();
    }
    colleague.add_positions(&batch(1)).unwrap();
    for s in [&mut deferred, &mut row_by_row] {
        s.add_position(&batch(2)[0]).unwrap();
    }
    deferred.merge_from(&colleague).unwrap();
    merged_row_by_row(&mut row_by_row, &colleague);

    let (cells, index) = derived(&deferred);
    assert!(cells.len() > 8, "{} cells", cells.len());
    let (want_cells, want_index) = derived(&row_by_row);
    let only = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter().filter(|x| !b.contains(x)).cloned().collect()
    };
    assert_eq!(
        (only(&cells, &want_cells), only(&want_cells, &cells)),
        (vec![], vec![]),
        "cells deferred / row by row"
    );
    assert_eq!(
        (only(&index, &want_index), only(&want_index, &index)),
        (vec![], vec![]),
        "index deferred / row by row"
    );
    assert_eq!((cells, index), (want_cells, want_index));
    for text in ["reworded", "norms", "capacity", "statement 13", "round 2"] {
        assert_eq!(hits(&deferred, text), hits(&row_by_row, text), "{text}");
    }
    assert_eq!(
        hits(&deferred, "statement 13").len(),
        1,
        "round 1's only: 0's was deleted"
    );
    assert_eq!(hits(&deferred, "reworded").len(), 4);
}
