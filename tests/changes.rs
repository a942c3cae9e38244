//! End-to-end, in the real window: pick two sessions, see a stance change listed, export the
//! changes to XLSX (CONCORD_SAVE_PATH stands in for the native dialog) and read it back.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_core::model::{PositionInput, Stance};
use concord_core::reference;
use concord_core::{Store, SystemClock};
use concord_e2e::thirtyfour::prelude::*;
use concord_e2e::Window;
use concord_testing::{position, say};
use std::sync::Arc;

const QUOTE: &str = "Not, in this \"form\" — 网络安全";

fn seed(db: &std::path::Path) {
    let mut s = Store::open_ready(db, Arc::new(SystemClock), uuid::Uuid::nil()).unwrap();
    let mut state_says = |iso3: &str, seq: i64, stance: Stance, quote: &str| {
        let input = PositionInput {
            stance,
            quote: quote.into(),
            source: "A/AC.292/2024/CRP.1, para. 3".into(),
            ..position(iso3, seq)
        };
        say(&mut s, input);
    };
    state_says("FRA", 7, Stance::Supports, "We back the PoA.");
    state_says("FRA", 8, Stance::Opposes, QUOTE);
    state_says("KEN", 8, Stance::Supports, "");
    let eu = PositionInput {
        actor_id: reference::group_id("EU"),
        ..position("FRA", 8)
    };
    say(&mut s, eu);
}

#[tokio::test(flavor = "multi_thread")]
async fn changes_between_two_sessions_are_listed_and_export_to_xlsx() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("changes.concord");
    seed(&db);
    let out = dir.path().join("changes.xlsx");
    let w = Window::start_with(
        &db,
        &dir.path().join("config"),
        &[("CONCORD_SAVE_PATH", out.as_path())],
    )
    .await?;

    w.driver.find(By::Id("nav-changes")).await?.click().await?;
    // The page opens on the last two sessions that hold positions: nothing to choose.
    let france = w
        .wait_for(By::Css("tr.change[data-actor='France']"))
        .await?;
    assert_eq!(france.attr("data-kind").await?.as_deref(), Some("changed"));
    france
        .find(By::Css(".stance[data-from='supports']"))
        .await?;
    france.find(By::Css(".stance[data-to='opposes']")).await?;
    assert!(france.text().await?.contains(QUOTE));
    for (select, seq) in [("changes-before", "7"), ("changes-after", "8")] {
        let shown = w.driver.find(By::Id(select)).await?.prop("value").await?;
        assert_eq!(shown.as_deref(), Some(seq), "{select}");
    }
    let kenya = w.wait_for(By::Css("tr.change[data-actor='Kenya']")).await?;
    assert_eq!(kenya.attr("data-kind").await?.as_deref(), Some("new"));
    w.wait_for_text("#changes-headlines", |t| {
        t.contains("1 State moved on the Programme of Action, 1 away from it; 2 new")
    })
    .await?;
    w.shot("changes").await?;

    w.driver
        .find(By::Css("#changes-export .export-run"))
        .await?
        .click()
        .await?;
    w.wait_for_text("#changes-export .export-message", |t| {
        t.starts_with("Exported 3 rows")
    })
    .await?;
    w.driver
        .find(By::Css("#changes-export .export-reveal"))
        .await?;

    // With the EU chosen: its own statement against its members' at the 8th session.
    w.choose("changes-group", "European Union").await?;
    let cohesion = w
        .wait_for_text("#cohesion", |t| {
            t.contains("silent — diverging: France (Opposes)")
        })
        .await?;
    assert!(
        cohesion.contains("0 aligned, 1 diverged, 26 silent"),
        "{cohesion}"
    );
    w.wait_for_text(".changes-view", |t| !t.contains("Kenya"))
        .await?;
    w.shot("changes-cohesion").await?;
    w.stop().await?;

    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let range = book.worksheet_range("Summary").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let france = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "France"))
        .expect("a row for France");
    assert!(france.contains(&"Opposes".to_string()), "{france:?}");
    assert!(france.contains(&QUOTE.to_string()), "{france:?}");
    Ok(())
}
