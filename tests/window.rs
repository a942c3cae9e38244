//! End-to-end, in the real window: capture with the keyboard alone, see it in the table and in
//! the SQLite file, restart, edit with history kept, and markup in a quote shown as text; the
//! capture panel folded away and brought back, and the pages opened with Ctrl+1…7; the window
//! opening again where it was left.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_e2e::thirtyfour::prelude::*;
use concord_e2e::Window;
use std::path::Path;

const HOSTILE_QUOTE: &str = "<img src=x onerror=alert(1)>";

fn position_rows(db: &Path) -> Vec<(String, String, String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT a.name, p.stance, p.quote, coalesce(s.citation, '') FROM position AS p
             JOIN actor AS a ON a.id = p.actor_id LEFT JOIN source AS s ON s.id = p.source_id
             ORDER BY p.created_at",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn history_ops(db: &Path) -> Vec<(String, Option<String>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT op, json_extract(before, '$.stance') FROM position_history ORDER BY at, id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn capture_by_keyboard_survives_restart_and_edits_keep_history() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.concord");
    let config = dir.path().join("config");

    // 1. Capture a position with the keyboard alone.
    let w = Window::start(&db, &config).await?;
    w.ctrl("k").await?;
    assert_eq!(
        w.focused_id().await?,
        "capture-actor",
        "Ctrl+K puts the cursor on the actor"
    );
    w.type_keys("Fran").await?;
    w.type_keys(Key::Enter).await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys("humanitarian").await?;
    w.type_keys(Key::Tab).await?; // Tab picks the highlighted match and moves on
    w.type_keys("7th").await?;
    w.shot("capture-picker-open").await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys("supp").await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys(Key::Tab).await?; // no "on behalf of"
    w.type_keys("IHL applies to ICT operations in armed conflict.")
        .await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys(HOSTILE_QUOTE).await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys("A/79/214, para. 27").await?;
    w.shot("capture-filled").await?;
    w.type_keys(Key::Enter).await?;

    // 2. It shows in the table, the quote as literal text.
    let row = w
        .wait_for(By::XPath(
            "//table[@aria-label='Positions']//tr[td[contains(., 'France')]]",
        ))
        .await?;
    let text = row.text().await?;
    assert!(
        text.contains("International law/International humanitarian law"),
        "{text}"
    );
    assert!(text.contains("Supports"), "{text}");
    let quote = row.find(By::Css("blockquote.quote")).await?.text().await?;
    assert_eq!(quote, HOSTILE_QUOTE);
    assert!(
        w.driver
            .find_all(By::Css("table.positions img"))
            .await?
            .is_empty(),
        "the quote's markup must not become an element"
    );
    let stance = row.find(By::Css("[data-stance]")).await?;
    assert_eq!(
        stance.attr("data-stance").await?.as_deref(),
        Some("supports")
    );
    assert_eq!(
        w.focused_id().await?,
        "capture-actor",
        "ready for the next speaker"
    );

    // 3. It is in the SQLite file.
    let rows = position_rows(&db);
    assert_eq!(
        rows,
        [(
            "France".to_string(),
            "supports".to_string(),
            HOSTILE_QUOTE.to_string(),
            "A/79/214, para. 27".to_string()
        )]
    );
    w.stop().await?;

    // 4. After a restart it is still there.
    let w = Window::start(&db, &config).await?;
    w.wait_for_text("table.positions", |t| {
        t.contains("France") && t.contains(HOSTILE_QUOTE)
    })
    .await?;

    // 5. Edit it: the stance changes, the old values stay in the history.
    let edit = w
        .wait_for(By::Css("button[aria-label='Edit position of France']"))
        .await?;
    edit.click().await?;
    let stance_field = w.wait_for_css("#capture-stance").await?;
    w.wait_for_text("form.capture h2", |t| t.starts_with("Edit position"))
        .await?;
    stance_field.click().await?;
    stance_field.send_keys(Key::Control + "a").await?;
    stance_field.send_keys("opposes").await?;
    stance_field.send_keys(Key::Enter).await?;
    w.driver
        .find(By::Css("#capture-save"))
        .await?
        .click()
        .await?;
    w.wait_for_text("table.positions", |t| t.contains("Opposes"))
        .await?;

    let rows = position_rows(&db);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, "opposes");
    let ops = history_ops(&db);
    assert_eq!(
        ops,
        [
            ("insert".to_string(), None),
            ("update".to_string(), Some("supports".to_string()))
        ]
    );

    // The window shows the history too, with the old stance.
    w.driver
        .find(By::Css(
            "button[aria-label='History of position of France']",
        ))
        .await?
        .click()
        .await?;
    let history = w
        .wait_for_text(".history", |t| t.contains("Edited"))
        .await?;
    w.shot("history").await?;
    assert!(
        history.contains("supports") && history.contains("opposes"),
        "{history}"
    );

    // 6. Delete it (asked once, in the row): gone from table and file, kept in history.
    w.driver
        .find(By::Css("button[aria-label='Delete position of France']"))
        .await?
        .click()
        .await?;
    w.wait_for(By::XPath("//button[normalize-space()='Yes, delete']"))
        .await?
        .click()
        .await?;
    w.wait_for_text("table.positions", |t| t.contains("No positions match"))
        .await?;
    assert!(position_rows(&db).is_empty());
    let ops: Vec<String> = history_ops(&db).into_iter().map(|(op, _)| op).collect();
    assert_eq!(ops, ["insert", "update", "delete"]);
    w.stop().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_incomplete_entry_is_refused_with_a_message_and_writes_nothing() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.concord");
    let w = Window::start(&db, &dir.path().join("config")).await?;
    w.ctrl("k").await?;
    w.type_keys("Brazil").await?;
    w.type_keys(Key::Enter).await?;
    w.type_keys(Key::Enter).await?; // save with no subject, session or stance
    let message = w
        .wait_for_css("form.capture .form-error")
        .await?
        .text()
        .await?;
    assert!(message.contains("topic or proposal"), "{message}");
    assert!(position_rows(&db).is_empty());
    w.stop().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_about_box_names_the_version_the_schema_and_the_data_folder() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("about.concord");
    let config = dir.path().join("config");
    let w = Window::start(&db, &config).await?;
    w.wait_for_css("#about").await?.click().await?;
    let text = w
        .wait_for_text("[aria-label='About Concord']", |t| {
            t.contains("schema version")
        })
        .await?;
    let version = concord_core::installation::VERSION;
    assert!(text.contains(&format!("Concord {version}")), "{text}");
    assert!(text.contains("this file is at version"), "{text}");
    assert!(text.contains("config"), "the data folder is named: {text}");
    w.stop().await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_capture_panel_folds_away_for_the_full_width_and_comes_back_focused(
) -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fold.concord");
    let w = Window::start(&db, &dir.path().join("config")).await?;
    // Ctrl+2 opens the second page of the bar, the matrix.
    w.ctrl("2").await?;
    let narrow = w
        .wait_for_css("section[aria-label='Matrix view']")
        .await?
        .rect()
        .await?
        .width;
    w.ctrl_shift("k").await?;
    w.wait_for(By::Id("capture-show")).await?;
    let wide = w
        .driver
        .find(By::Css("section.list"))
        .await?
        .rect()
        .await?
        .width;
    // The panel is 330 px; a tab of a few dozen pixels stays to bring it back.
    assert!(wide > narrow + 200.0, "the page widens: {narrow} → {wide}");
    let side = w.driver.find(By::Css("aside.side")).await?;
    assert!(!side.is_displayed().await?, "the panel is folded away");
    w.shot("capture-folded").await?;
    // Ctrl+K brings it back with the actor field focused: typing goes there.
    w.ctrl("k").await?;
    w.wait_for(By::Id("capture-hide")).await?;
    assert!(side.is_displayed().await?);
    w.type_keys("Brazil").await?;
    let actor = w.driver.find(By::Id("capture-actor")).await?;
    assert_eq!(actor.prop("value").await?.as_deref(), Some("Brazil"));
    // Its Hide button and the tab do the same by mouse.
    w.driver.find(By::Id("capture-hide")).await?.click().await?;
    w.wait_for(By::Id("capture-show")).await?.click().await?;
    w.wait_for(By::Id("capture-hide")).await?;
    w.stop().await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_window_opens_again_where_it_was_left_at_its_size() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("place.concord");
    let config = dir.path().join("config");
    let w = Window::start(&db, &config).await?;
    w.driver.set_window_rect(40, 30, 1000, 700).await?;
    let moved = w.driver.get_window_rect().await?;
    assert_eq!((moved.width, moved.height), (1000, 700));
    w.stop().await?;

    let w = Window::start(&db, &config).await?;
    let again = w.driver.get_window_rect().await?;
    assert_eq!(
        (again.x, again.y, again.width, again.height),
        (moved.x, moved.y, 1000, 700),
        "the window state kept in {}",
        config.display()
    );
    w.stop().await
}
