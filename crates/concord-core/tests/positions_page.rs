//! The positions page past ten thousand matches: it counts no further ("10,000 or more"),
//! pages on without a gap or a repeat, and says exactly how many there are on the last page
//! and for smaller filters.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_core::generate::{generate, GenerateSpec};
use concord_core::model::{PositionFilter, Stance};
use concord_core::store::{COUNT_CAP, MAX_PAGE};
use uuid::Uuid;

use concord_testing::store;

#[test]
fn past_ten_thousand_the_page_says_more_and_pages_on_exactly() {
    let mut s = store();
    let g = generate(
        &mut s,
        GenerateSpec {
            actors: 10,
            topics: 10,
            sessions: 12,
            per_cell: 10,
        },
    )
    .unwrap();
    assert_eq!(g.positions, 12_000);
    let all: Vec<Uuid> = s
        .all_positions(&PositionFilter::default(), None)
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    let page = |offset: u32, limit: u32| {
        s.positions(&PositionFilter {
            offset: Some(offset),
            limit: Some(limit),
            ..Default::default()
        })
        .unwrap()
    };

    let first = page(0, 200);
    assert_eq!(
        (first.items.len(), first.total, first.more),
        (200, COUNT_CAP, true)
    );

    // Page by page to the end: the same rows in the same order as the whole list.
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let p = page(offset, MAX_PAGE);
        seen.extend(p.items.iter().map(|i| i.id));
        offset += MAX_PAGE;
        if !p.more && u64::from(offset) >= p.total {
            // The last page knows the exact number.
            assert_eq!(p.total, 12_000);
            break;
        }
        assert!(p.total >= u64::from(offset).min(COUNT_CAP), "{}", p.total);
    }
    assert_eq!(seen, all);

    // Beyond the count's cap: "at least this many", and another page follows.
    let deep = page(10_400, 200);
    assert_eq!((deep.total, deep.more), (10_600, true));
    assert_eq!(deep.items[0].id, all[10_400]);
    let last = page(11_900, 200);
    assert_eq!(
        (last.items.len(), last.total, last.more),
        (100, 12_000, false)
    );
    // Past the end: no rows, and the count as on the first page.
    let past = page(20_000, 200);
    assert_eq!(
        (past.items.len(), past.total, past.more),
        (0, COUNT_CAP, true)
    );

    // A filter that keeps fewer than the cap is counted exactly.
    let one_session = s
        .positions(&PositionFilter {
            session_id: Some(s.sessions(Some(g.process_id)).unwrap()[0].id),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((one_session.total, one_session.more), (1_000, false));
    let one_stance = s
        .positions(&PositionFilter {
            stance: Some(Stance::Opposes),
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert!(!one_stance.more && one_stance.total < COUNT_CAP);
}
