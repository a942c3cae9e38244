//! End-to-end, in the real window: a delegation that follows a process Concord does not ship
//! adds it and a session on the Catalog page, then captures a position at that session; the
//! SQLite file holds all three, and a refused session names its field and writes nothing.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_e2e::thirtyfour::prelude::*;
use concord_e2e::Window;
use std::path::Path;

fn query(db: &Path, sql: &str) -> String {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get::<_, String>(0))
        .unwrap()
}

async fn fill(w: &Window, css: &str, text: &str) -> WebDriverResult<()> {
    let field = w.wait_for_css(css).await?;
    field.clear().await?;
    field.send_keys(text).await
}

/// A date field takes its value as the date picker would set it.
async fn set_date(w: &Window, css: &str, date: &str) -> WebDriverResult<()> {
    // Typed whole, then left (change): the field reads it and shows it as the UN writes it.
    let field = w.wait_for_css(css).await?;
    w.driver
        .execute(
            "arguments[0].value = arguments[1];
             arguments[0].dispatchEvent(new Event('input', { bubbles: true }));
             arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            vec![field.to_json()?, serde_json::json!(date)],
        )
        .await?;
    for _ in 0..50 {
        if field.prop("value").await?.as_deref() != Some(date) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{css} never read {date}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_process_and_a_session_added_in_the_window_take_a_position() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("catalog.concord");
    let w = Window::start(&db, &dir.path().join("config")).await?;

    w.wait_for_css("#nav-catalog").await?.click().await?;
    w.wait_for_css("#process-list").await?;
    fill(
        &w,
        "#process-name",
        "Intergovernmental Negotiating Committee on plastic pollution",
    )
    .await?;
    fill(&w, "#process-short", "INC").await?;
    fill(&w, "#process-chair", "Luis Vayas Valdivieso (Ecuador)").await?;
    w.wait_for_css("#save-process").await?.click().await?;
    w.wait_for_text("#catalog-done", |t| t.contains("Added the process INC"))
        .await?;

    // A session whose end is before its start is refused, naming the field; nothing written.
    fill(&w, "#session-number", "5").await?;
    fill(&w, "#session-title", "INC-5").await?;
    set_date(&w, "#session-start", "2024-11-25").await?;
    // Days show as the UN writes them; digits that read two ways are refused with both.
    let start = w
        .wait_for_css("#session-start")
        .await?
        .prop("value")
        .await?;
    assert_eq!(start.as_deref(), Some("25 November 2024"));
    let end = w.wait_for_css("#session-end").await?;
    w.driver
        .execute(
            "arguments[0].value = '12/11/2024';
             arguments[0].dispatchEvent(new Event('input', { bubbles: true }));
             arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            vec![end.to_json()?],
        )
        .await?;
    let said = w
        .wait_for_text("[data-for=session-end]", |t| t.contains("reads two ways"))
        .await?;
    assert!(
        said.contains("12 November 2024 or 11 December 2024"),
        "{said}"
    );
    set_date(&w, "#session-end", "2024-11-01").await?;
    w.wait_for_css("#save-session").await?.click().await?;
    let refused = w
        .wait_for_text("#catalog-error", |t| t.contains("end date"))
        .await?;
    assert!(refused.contains("before the start"), "{refused}");
    assert_eq!(
        query(
            &db,
            "SELECT count(*) || '' FROM session WHERE title = 'INC-5'"
        ),
        "0"
    );

    set_date(&w, "#session-end", "2024-12-01").await?;
    fill(&w, "#session-place", "Busan").await?;
    w.wait_for_css("#save-session").await?.click().await?;
    w.wait_for_text("#session-table", |t| {
        t.contains("INC-5") && t.contains("2024-12-01")
    })
    .await?;
    w.shot("catalog-processes").await?;

    // The capture form offers the new session at once.
    w.wait_for_css("#nav-positions").await?.click().await?;
    w.ctrl("k").await?;
    w.type_keys("Rwanda").await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys("Programme of Action").await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys("INC-5").await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys("supports").await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys(Key::Tab).await?; // on behalf of
    w.type_keys("A binding cap on production.").await?;
    w.type_keys(Key::Tab).await?; // quote
    w.type_keys(Key::Tab).await?; // source: Enter there saves
    w.shot("catalog-capture-filled").await?;
    w.type_keys(Key::Enter).await?;
    w.wait_for_text("#positions-count", |t| t.ends_with("of 1"))
        .await?;
    w.shot("catalog-position-captured").await?;

    assert_eq!(
        query(
            &db,
            "SELECT pr.short_name || ' / ' || s.title || ' / ' || s.start_date || ' / ' || a.name
             FROM position AS p JOIN session AS s ON s.id = p.session_id
             JOIN process AS pr ON pr.id = s.process_id JOIN actor AS a ON a.id = p.actor_id"
        ),
        "INC / INC-5 / 2024-11-25 / Rwanda"
    );
    assert_eq!(
        query(
            &db,
            "SELECT chair FROM process_status JOIN process USING (id) WHERE short_name = 'INC'"
        ),
        "Luis Vayas Valdivieso (Ecuador)"
    );
    w.stop().await
}

#[tokio::test(flavor = "multi_thread")]
async fn topics_are_shaped_and_a_membership_dated_on_the_catalog_page() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("topics.concord");
    let w = Window::start(&db, &dir.path().join("config")).await?;
    w.wait_for_css("#nav-catalog").await?.click().await?;
    w.wait_for_css("#catalog-topics").await?.click().await?;

    fill(&w, "#topic-name", "Plastics").await?;
    w.wait_for_css("#add-topic").await?.click().await?;
    w.wait_for_text("#catalog-done", |t| t.contains("Added the topic Plastics"))
        .await?;
    w.wait_for(By::XPath(
        "//ul[@id='topic-tree']//button[normalize-space(.)='Plastics']",
    ))
    .await?
    .click()
    .await?;
    fill(&w, "#topic-name", "Design").await?;
    w.wait_for_css("#add-topic").await?.click().await?;
    w.wait_for_text("#catalog-done", |t| t.contains("Plastics/Design"))
        .await?;
    // Moving a topic under its own sub-topic is refused with the core's words.
    w.pick("#topic-move-to", "Plastics/Design").await?;
    w.wait_for_css("#move-topic").await?.click().await?;
    w.wait_for_text("#catalog-error", |t| t.contains("under itself"))
        .await?;
    fill(&w, "#topic-rename", "Plastic pollution").await?;
    w.wait_for_css("#rename-topic").await?.click().await?;
    w.wait_for_text("#catalog-done", |t| {
        t.contains("Renamed: Plastic pollution")
    })
    .await?;
    w.shot("catalog-topics").await?;
    assert_eq!(
        query(&db, "SELECT group_concat(name, ',') FROM (SELECT name FROM topic WHERE name IN ('Plastic pollution', 'Design', 'Plastics') ORDER BY name)"),
        "Design,Plastic pollution"
    );

    // A group of its own, and a member joining it on a date.
    w.wait_for_css("#catalog-actors").await?.click().await?;
    w.wait_for_css("#actor-kind option[value='group']")
        .await?
        .click()
        .await?;
    fill(
        &w,
        "#actor-name",
        "High Ambition Coalition to End Plastic Pollution",
    )
    .await?;
    fill(&w, "#actor-short", "HAC").await?;
    w.wait_for_css("#save-actor").await?.click().await?;
    w.wait_for_text("#catalog-done", |t| t.contains("Added High Ambition"))
        .await?;
    w.pick("#membership-group", "High Ambition").await?;
    w.pick("#membership-member", "Norway").await?;
    set_date(&w, "#membership-date", "2022-05-31").await?;
    fill(&w, "#membership-source", "HAC launch").await?;
    w.wait_for_css("#membership-add").await?.click().await?;
    w.wait_for_text("#membership-table", |t| {
        t.contains("Norway") && t.contains("2022-05-31")
    })
    .await?;
    w.shot("catalog-actors").await?;
    assert_eq!(
        query(
            &db,
            "SELECT m.name || ' ' || gm.valid_from || ' ' || gm.source FROM group_membership AS gm
             JOIN actor AS g ON g.id = gm.group_id JOIN actor AS m ON m.id = gm.member_id
             WHERE g.short_name = 'HAC'"
        ),
        "Norway 2022-05-31 HAC launch"
    );
    w.stop().await
}
