//! End-to-end, in the real window: the Coalitions page draws two blocs apart, lists our
//! delegation's closest and farthest, shows a State's drift as an arrow, a click on a point
//! puts the pair's stances side by side, and Export… writes the map as an SVG picture.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_core::model::{PositionInput, Stance, SubjectRef};
use concord_core::reference;
use concord_core::{Store, SystemClock};
use concord_e2e::thirtyfour::prelude::*;
use concord_e2e::Window;
use concord_testing::{position, say};
use std::sync::Arc;

const TOPICS: [&str; 3] = [
    "International law",
    "Capacity-building",
    "Confidence-building measures",
];

fn seed(db: &std::path::Path) {
    let mut s = Store::open_ready(db, Arc::new(SystemClock), uuid::Uuid::nil()).unwrap();
    for seq in [5, 7] {
        for topic in TOPICS {
            let mut says = |iso3: &str, stance: Stance| {
                let input = PositionInput {
                    subject: SubjectRef::Topic(reference::topic_id(topic)),
                    stance,
                    ..position(iso3, seq)
                };
                say(&mut s, input);
            };
            for west in ["FRA", "DEU", "NLD"] {
                says(west, Stance::Supports);
            }
            for east in ["RUS", "BLR", "NIC"] {
                says(east, Stance::Opposes);
            }
            says(
                "EGY",
                if seq == 5 {
                    Stance::Supports
                } else {
                    Stance::Opposes
                },
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_map_sets_blocs_apart_and_shows_who_moved() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("coalitions.concord");
    seed(&db);
    let out = dir.path().join("map.svg");
    let w = Window::start_with(
        &db,
        &dir.path().join("config"),
        &[("CONCORD_SAVE_PATH", out.as_path())],
    )
    .await?;

    w.driver
        .find(By::Id("nav-coalitions"))
        .await?
        .click()
        .await?;
    w.wait_for_text("#coalitions-summary", |t| {
        t.contains("7 actors, 3 subjects")
    })
    .await?;
    let points = w
        .driver
        .find_all(By::Css("#agreement-map .actor-point"))
        .await?;
    assert_eq!(points.len(), 7);

    // Only the 7th session, measured against the 5th, with France as us.
    let seventh = "7th substantive session";
    let fifth = "5th substantive session";
    w.choose("coalitions-from", seventh).await?;
    w.choose("coalitions-to", seventh).await?;
    w.choose("coalitions-since-from", fifth).await?;
    w.choose("coalitions-since-to", fifth).await?;
    w.choose("coalitions-our", "France").await?;
    w.wait_for_text("#coalitions-summary", |t| t.contains("drift since 5–5"))
        .await?;
    let moved = w
        .wait_for_text("section[aria-label='Moved most with us']", |t| {
            t.contains("Egypt")
        })
        .await?;
    assert!(
        moved.contains("0 %") && moved.contains("was 100 %"),
        "{moved}"
    );
    let closest = w
        .driver
        .find(By::Css("section[aria-label='Closest to France']"))
        .await?
        .text()
        .await?;
    assert!(
        closest.contains("Germany") && closest.contains("100 %"),
        "{closest}"
    );
    // Egypt crossed: its arrow is drawn.
    w.wait_for_css("#agreement-map line.drift").await?;

    // A click on Russia: France and Russia side by side, opposite on every subject.
    w.shot("coalitions-before-click").await?;
    w.driver
        .find(By::Css(
            "#agreement-map .actor-point[data-actor='Russia'] circle",
        ))
        .await?
        .click()
        .await?;
    let pair = w
        .wait_for_text("#coalitions-pair", |t| {
            t.contains("France and Russian Federation")
        })
        .await?;
    assert!(pair.contains("0 % over 3 shared subjects"), "{pair}");
    assert!(
        pair.contains("Supports") && pair.contains("Opposes"),
        "{pair}"
    );
    assert!(
        pair.contains("7th substantive session"),
        "where each said it: {pair}"
    );
    w.shot("coalitions").await?;

    // Export… writes the map as drawn: an SVG picture naming the actors, France in our colour.
    w.driver
        .find(By::Css("#coalitions-export .export-run"))
        .await?
        .click()
        .await?;
    w.wait_for_text("#coalitions-export .export-message", |t| {
        t.starts_with("Exported 7 actors")
    })
    .await?;
    w.stop().await?;
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("<svg"), "{svg}");
    for name in ["France", "Egypt", "Russia"] {
        assert!(svg.contains(name), "{name} is named: {svg}");
    }
    assert!(
        svg.contains("#A4262C") || svg.contains("#a4262c"),
        "our colour: {svg}"
    );
    assert!(svg.contains("arrows from sessions 5–5"), "{svg}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pasted_transcript_proposes_entries_and_records_the_kept_ones() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("reader.concord");
    drop(Store::open_ready(&db, Arc::new(SystemClock), uuid::Uuid::nil()).unwrap());
    let w = Window::start(&db, &dir.path().join("config")).await?;

    w.driver.find(By::Id("reader-open")).await?.click().await?;
    w.choose("reader-session", "OEWG 2021–2025 — 7th substantive session")
        .await?;
    w.driver
        .find(By::Id("reader-source"))
        .await?
        .send_keys("Unofficial transcript, 8 July 2024")
        .await?;
    // Typed line by line: WebKit's driver does not type "\n" as a new line.
    let area = w.driver.find(By::Id("reader-text")).await?;
    for line in [
        "Brazil: Brazil supports the Programme of Action, provided that it builds on the consensus reports.",
        "Russian Federation: We cannot support the Programme of Action.",
        "Kenya: Kenya welcomes the progress on confidence-building measures.",
    ] {
        area.send_keys(line).await?;
        area.send_keys(Key::Enter).await?;
    }
    w.driver
        .find(By::Id("reader-propose"))
        .await?
        .click()
        .await?;
    w.wait_for_css("table.proposed tbody tr").await?;
    let rows = w
        .driver
        .find_all(By::Css("table.proposed tbody tr"))
        .await?;
    w.shot("reader").await?;
    assert_eq!(rows.len(), 3);
    let stance = rows[0]
        .find(By::Css("select.entry-stance"))
        .await?
        .prop("value")
        .await?;
    assert_eq!(stance.as_deref(), Some("conditional"));
    // Kenya's entry is dropped (Space on its row), the two others recorded with Ctrl+Enter.
    rows[2]
        .find(By::Css("td.entry-quote"))
        .await?
        .click()
        .await?;
    w.type_keys(" ").await?;
    w.driver
        .action_chain()
        .key_down(Key::Control)
        .send_keys(Key::Enter)
        .key_up(Key::Control)
        .perform()
        .await?;
    w.wait_for_text(".status", |t| t.contains("Recorded 2 positions"))
        .await?;
    w.stop().await?;

    let s = Store::open(&db, Arc::new(SystemClock), uuid::Uuid::nil()).unwrap();
    let all = s.all_positions(&Default::default(), None).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all
        .iter()
        .all(|p| p.source == "Unofficial transcript, 8 July 2024"));
    assert!(all
        .iter()
        .any(|p| p.quote == "We cannot support the Programme of Action."));
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn our_delegation_set_in_settings_is_where_the_map_starts() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ours.concord");
    seed(&db);
    let w = Window::start(&db, &dir.path().join("config")).await?;
    w.driver
        .find(By::Id("settings-open"))
        .await?
        .click()
        .await?;
    w.choose("settings-our", "France").await?;
    w.wait_for_text("#settings-message", |t| {
        t.contains("This file works for France")
    })
    .await?;
    w.driver
        .find(By::Id("nav-coalitions"))
        .await?
        .click()
        .await?;
    let closest = w
        .wait_for_text("section[aria-label='Closest to France']", |t| {
            t.contains("Germany")
        })
        .await?;
    assert!(closest.contains("100 %"), "{closest}");
    w.stop().await?;
    let s = Store::open(&db, Arc::new(SystemClock), uuid::Uuid::nil()).unwrap();
    assert_eq!(
        s.our_delegation().unwrap(),
        Some(reference::state_id("FRA"))
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_statement_opened_from_a_word_file_is_read_into_the_reader() -> WebDriverResult<()> {
    use docx_rs::{Docx, Paragraph, Run};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("opened.concord");
    drop(Store::open_ready(&db, Arc::new(SystemClock), uuid::Uuid::nil()).unwrap());
    let file = dir.path().join("statement.docx");
    let mut doc = Docx::new();
    for line in [
        "Statement by Egypt",
        "Egypt supports the Programme of Action as the single track.",
    ] {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
    }
    doc.build()
        .pack(std::fs::File::create(&file).unwrap())
        .unwrap();
    let w = Window::start_with(
        &db,
        &dir.path().join("config"),
        &[("CONCORD_OPEN_PATH", file.as_path())],
    )
    .await?;
    w.driver.find(By::Id("reader-open")).await?.click().await?;
    w.driver
        .find(By::Id("reader-open-file"))
        .await?
        .click()
        .await?;
    w.choose("reader-session", "OEWG 2021–2025 — 7th substantive session")
        .await?;
    // The file's text is in the text box (its value: WebDriver's text of a textarea is not).
    let area = w.driver.find(By::Id("reader-text")).await?;
    let mut value = String::new();
    for _ in 0..100 {
        value = area.prop("value").await?.unwrap_or_default();
        if value.contains("Programme of Action") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(value.contains("Statement by Egypt"), "{value}");
    w.driver
        .find(By::Id("reader-propose"))
        .await?
        .click()
        .await?;
    w.shot("reader-file").await?;
    let row = w
        .wait_for_text("table.proposed tbody tr", |t| {
            t.contains("Programme of Action")
        })
        .await?;
    assert!(row.contains("Egypt"), "{row}");
    w.stop().await
}
