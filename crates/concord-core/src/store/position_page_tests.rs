//! The positions page finds the same positions in the same order whether it reads the text
//! filter's matches through SQL or, for common words, checks them row by row (`Store::page`
//! given the index's query, its last word's completions spelled out), so a page does not
//! change with how common its words are.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use crate::fixtures::position;
use crate::model::{PositionFilter, PositionInput, PositionPage};
use crate::reference;
use crate::store::COUNT_CAP;
use crate::{FixedClock, Store};
use std::sync::Arc;
use uuid::Uuid;

fn said(iso3: &str, texts: [&str; 4]) -> PositionInput {
    let [summary, quote, note, source] = texts.map(String::from);
    PositionInput {
        summary,
        quote,
        note,
        source,
        ..position(iso3, 7)
    }
}

fn both_ways(s: &Store, filter: &PositionFilter) -> (PositionPage, PositionPage) {
    let by_sql = s.page(filter, None).unwrap();
    let query = s.spelled_query(filter.text.as_deref().unwrap()).unwrap();
    let row_by_row = s.page(filter, query.as_deref()).unwrap();
    (by_sql, row_by_row)
}

#[test]
fn common_words_read_row_by_row_give_the_same_page() {
    let mut s = Store::open_in_memory(Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
    s.load_reference().unwrap();
    let rows = [
        (
            "CIV",
            ["Côte d'Ivoire supports capacity-building", "", "", ""],
        ),
        ("FRA", ["CAPACITY BUILDING FIRST", "", "", ""]),
        (
            "DEU",
            [
                "Capacities of small States",
                "Ransomware attacks rise",
                "",
                "",
            ],
        ),
        ("BRA", ["", "", "ransom paid", "A/79/214, para. 27"]),
        (
            "EGY",
            ["Straße und Öffentlichkeit", "", "", "Statement of Egypt"],
        ),
        ("CHL", ["100% of the text", "", "", ""]),
    ];
    for _ in 0..5 {
        for (iso3, texts) in rows {
            let input = said(iso3, texts);
            s.add_position(&input).unwrap();
        }
    }
    let expect = [
        ("cote", 5),
        ("COTE D IVOIRE", 5),
        ("capac", 15),
        ("capacity building", 10),
        ("building capacity", 10),
        ("ransom", 10),
        ("ransomware", 5),
        ("para 27", 5),
        ("straße", 5),
        ("offentlichkeit", 5),
        ("100", 5),
        ("nothing here", 0),
    ];
    for (text, n) in expect {
        for (offset, limit) in [(0, 200), (0, 3), (4, 3), (9, 3), (40, 3)] {
            let filter = PositionFilter {
                text: Some(text.into()),
                offset: Some(offset),
                limit: Some(limit),
                ..Default::default()
            };
            let (by_sql, row_by_row) = both_ways(&s, &filter);
            assert_eq!((by_sql.total, by_sql.more), (n, false), "{text:?}");
            assert_eq!(row_by_row.items, by_sql.items, "{text:?} from {offset}");
            // Row by row, the text alone is known to be in more than COMMON_WORDS positions,
            // and says so until the page reaches the last.
            if u64::from(offset + limit) >= n {
                assert_eq!((row_by_row.total, row_by_row.more), (n, false), "{text:?}");
            } else {
                assert_eq!((row_by_row.total, row_by_row.more), (COUNT_CAP, true));
            }
        }
        // With another filter the row-by-row page counts what it keeps.
        let france = PositionFilter {
            text: Some(text.into()),
            actor_id: Some(reference::state_id("FRA")),
            limit: Some(2),
            ..Default::default()
        };
        let (by_sql, row_by_row) = both_ways(&s, &france);
        assert_eq!(row_by_row, by_sql, "{text:?} by France");
        assert!(!by_sql.more);
    }
}

#[test]
fn a_last_word_is_spelled_out_as_the_words_it_begins_when_they_are_few() {
    let mut s = Store::open_in_memory(Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
    s.load_reference().unwrap();
    let many: Vec<String> = (0..17).map(|i| format!("zeta{i:02}")).collect();
    let texts = [
        "capacity capable".to_string(),
        "Capacities".to_string(),
        "capa".to_string(),
        many.join(" "),
    ];
    for text in &texts {
        let input = said("FRA", [text, "", "", ""]);
        s.add_position(&input).unwrap();
    }
    let spelled = |t: &str| s.spelled_query(t).unwrap();
    // People's words are looked for in the four text columns (search.rs's `in_text`).
    let in_text = |q: &str| Some(format!("{{summary quote note source}} : ({q})"));
    assert_eq!(
        spelled("rules CAPA"),
        in_text("\"rules\" AND (\"capa\" OR \"capable\" OR \"capacities\" OR \"capacity\")")
    );
    assert_eq!(spelled("capab"), in_text("(\"capable\")"));
    assert_eq!(spelled("nowhere"), in_text("(\"nowhere\")"));
    // Too many completions, a word under three letters, or one not in ASCII: as typed.
    assert_eq!(spelled("zeta"), in_text("\"zeta\"*"));
    assert_eq!(spelled("ca"), in_text("\"ca\""));
    assert_eq!(spelled("Öff"), in_text("\"Öff\"*"));
    assert_eq!(spelled("  %  "), None);
    // Each finds what the prefix query finds.
    for t in ["capa", "capab", "zeta", "ca", "zeta0"] {
        let count = |q: &str| -> i64 {
            s.conn
                .query_row(
                    "SELECT count(*) FROM position_search WHERE position_search MATCH ?1",
                    [q],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let prefix = crate::store::fts_query(t).unwrap();
        assert_eq!(count(&spelled(t).unwrap()), count(&prefix), "{t}");
    }
}
