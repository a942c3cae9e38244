//! End-to-end, in the real window: capture three positions from the keyboard, see them in the
//! matrix with their colours, open a State's timeline with a stance change, and search.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_e2e::thirtyfour::prelude::*;
use concord_e2e::{concord_file, Window};

/// Captures one position with the keyboard alone. Empty `session`/`subject` keep the
/// previous entry's choice (the form remembers them for the next speaker).
async fn capture(
    w: &Window,
    actor: &str,
    subject: &str,
    session: &str,
    stance: &str,
    quote: &str,
    count_after: usize,
) -> WebDriverResult<()> {
    w.ctrl("k").await?;
    w.type_keys(actor).await?;
    w.type_keys(Key::Tab).await?;
    if !subject.is_empty() {
        w.type_keys(subject).await?;
    }
    w.type_keys(Key::Tab).await?;
    if !session.is_empty() {
        w.type_keys(session).await?;
    }
    w.type_keys(Key::Tab).await?;
    w.type_keys(stance).await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys(Key::Tab).await?; // on behalf of
    w.type_keys(Key::Tab).await?; // summary
    w.type_keys(quote).await?;
    w.type_keys(Key::Tab).await?; // source
    w.type_keys(Key::Enter).await?;
    let expected = format!("of {count_after}");
    w.wait_for_text("#positions-count", |t| t.ends_with(&expected))
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn matrix_timeline_and_search_show_captured_positions() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("workspace.concord");
    let w = Window::start(&db, &dir.path().join("config")).await?;

    capture(
        &w,
        "France",
        "Programme of Action",
        "7th",
        "supports",
        "We support the PoA.",
        1,
    )
    .await?;
    capture(&w, "France", "", "8th", "opposes", "Not in this form.", 2).await?;
    // "3" is the one-key shortcut for Conditional in the stance field.
    capture(
        &w,
        "Brazil",
        "",
        "",
        "3",
        "Only with digital sovereignty safeguards.",
        3,
    )
    .await?;

    // Undo the last entry: it leaves the table, and its history records the deletion.
    capture(&w, "Chile", "", "", "neutral", "Undo me.", 4).await?;
    w.driver.find(By::Id("undo")).await?.click().await?;
    w.wait_for_text("#positions-count", |t| t.ends_with("of 3"))
        .await?;
    w.wait_for_text(".status", |t| t.starts_with("Undone: Chile"))
        .await?;
    // Redo puts it back, the same position; undone again, it stays out for what follows.
    w.driver.find(By::Id("redo")).await?.click().await?;
    w.wait_for_text("#positions-count", |t| t.ends_with("of 4"))
        .await?;
    w.wait_for_text(".status", |t| t.starts_with("Redone: Chile"))
        .await?;
    w.driver.find(By::Id("undo")).await?.click().await?;
    w.wait_for_text("#positions-count", |t| t.ends_with("of 3"))
        .await?;

    // The Text filter finds words as Search does: case aside, the last word also as the
    // beginning of one ("SOVEREIG" finds Brazil's "sovereignty").
    let text = w.driver.find(By::Id("filter-text")).await?;
    text.send_keys("SOVEREIG").await?;
    w.wait_for_text("#positions-count", |t| t == "1–1 of 1")
        .await?;
    let row = w.wait_for(By::Css("table.positions tbody tr")).await?;
    assert!(row.text().await?.contains("Brazil"));
    text.send_keys(Key::Control + "a").await?;
    text.send_keys(Key::Backspace).await?;
    w.wait_for_text("#positions-count", |t| t.ends_with("of 3"))
        .await?;

    // The matrix: latest stance per State on the PoA, coloured by stance.
    w.driver.find(By::Id("nav-matrix")).await?.click().await?;
    let france = w
        .wait_for(By::Css(
            "td.cell[data-actor='France'][data-subject='Programme of Action']",
        ))
        .await?;
    assert_eq!(
        france.attr("data-stance").await?.as_deref(),
        Some("opposes")
    );
    assert_eq!(
        france.css_value("background-color").await?,
        "rgb(248, 215, 218)"
    );
    let brazil = w
        .wait_for(By::Css(
            "td.cell[data-actor='Brazil'][data-subject='Programme of Action']",
        ))
        .await?;
    assert_eq!(
        brazil.attr("data-stance").await?.as_deref(),
        Some("conditional")
    );
    assert_eq!(
        brazil.css_value("background-color").await?,
        "rgb(238, 245, 214)"
    );
    w.shot("matrix").await?;

    // The positions behind a cell open beside the matrix, latest first.
    france.find(By::Css("button")).await?.click().await?;
    let panel = w
        .wait_for_text(".cell-panel", |t| {
            t.contains("France — Programme of Action")
        })
        .await?;
    let opposes = panel.find("Opposes").unwrap_or(usize::MAX);
    let supports = panel.find("Supports").unwrap_or(usize::MAX);
    assert!(
        opposes < supports && supports < usize::MAX,
        "8th (opposes) before 7th (supports): {panel}"
    );
    w.type_keys(Key::Escape).await?;

    // Sorting by the PoA column puts Brazil (conditional) before France (opposes) either way
    // round; a second click reverses.
    let poa_head = "//table[@aria-label='Matrix']//button[@data-column='Programme of Action']";
    w.driver.find(By::XPath(poa_head)).await?.click().await?;
    let order = w
        .wait_for_text("table.matrix tbody", |t| !t.is_empty())
        .await?;
    assert!(order.find("Brazil") < order.find("France"), "{order}");
    w.driver.find(By::XPath(poa_head)).await?.click().await?;
    let order = w
        .wait_for_text("table.matrix tbody", |t| {
            t.find("France") < t.find("Brazil")
        })
        .await?;
    assert!(order.contains("France"));

    // A saved set filters the rows and is kept in the file as a group.
    w.driver
        .find(By::Id("matrix-new-set"))
        .await?
        .click()
        .await?;
    w.wait_for(By::Id("set-name"))
        .await?
        .send_keys("Like-minded")
        .await?;
    w.driver
        .find(By::Id("set-members"))
        .await?
        .send_keys("FRA, cote d'ivoire")
        .await?;
    w.type_keys(Key::Enter).await?;
    w.wait_for_text(".status", |t| t.contains("Saved the set \"Like-minded\""))
        .await?;
    let rows = w
        .wait_for_text("table.matrix tbody", |t| !t.contains("Brazil"))
        .await?;
    assert!(rows.contains("France"), "{rows}");

    // The PoA's page, in the matrix's process: blocs per session, with who moved.
    let process = w
        .driver
        .find(By::Id("matrix-process"))
        .await?
        .value()
        .await?;
    w.driver
        .find(By::Css(
            "button.open-subject[data-subject='Programme of Action']",
        ))
        .await?
        .click()
        .await?;
    w.wait_for_text("#subject-title", |t| t == "Programme of Action")
        .await?;
    let page_process = w
        .driver
        .find(By::Id("subject-process"))
        .await?
        .value()
        .await?;
    assert_eq!(page_process, process);
    let latest = w
        .wait_for(By::Css(".subject-session[data-seq='8']"))
        .await?;
    let france_chip = latest
        .find(By::Css(
            "tr[data-bloc='WEOG'] td[data-camp='oppose'] .actor-chip[data-actor='France']",
        ))
        .await?;
    assert_eq!(
        france_chip.attr("data-movement").await?.as_deref(),
        Some("away_from_support")
    );
    let brazil_chip = latest
        .find(By::Css(
            "tr[data-bloc='GRULAC'] td[data-camp='conditional'] .actor-chip",
        ))
        .await?;
    assert_eq!(
        brazil_chip.attr("data-actor").await?.as_deref(),
        Some("Brazil")
    );
    assert_eq!(
        brazil_chip.attr("data-movement").await?.as_deref(),
        Some("new")
    );
    w.shot("topic-page").await?;
    w.driver.find(By::Id("nav-matrix")).await?.click().await?;
    w.wait_for(By::Css("td.cell[data-actor='France']")).await?;

    // France's timeline shows the change from supports to opposes.
    w.driver
        .find(By::XPath(
            "//table[@aria-label='Matrix']//button[normalize-space()='France']",
        ))
        .await?
        .click()
        .await?;
    w.wait_for_text("#timeline-actor", |t| t == "France")
        .await?;
    let drift = w.wait_for(By::Css(".timeline .drift")).await?;
    assert_eq!(
        drift.attr("data-changed-from").await?.as_deref(),
        Some("supports")
    );
    let timeline = w
        .wait_for_text(".timeline", |t| t.contains("Programme of Action"))
        .await?;
    assert!(
        timeline.contains("7th substantive session")
            && timeline.contains("8th substantive session"),
        "{timeline}"
    );
    assert!(
        timeline.contains("EU (1958-01-01"),
        "memberships with dates: {timeline}"
    );
    w.shot("timeline").await?;

    // Search a word from a quote, without its accent or case.
    w.driver.find(By::Id("nav-search")).await?.click().await?;
    let input = w.wait_for(By::Id("search-input")).await?;
    input.send_keys("SOVEREIGNTY").await?;
    w.wait_for_text("#search-count", |t| t.starts_with("1 result"))
        .await?;
    let hit = w.wait_for(By::Css(".hit")).await?;
    assert!(hit.text().await?.contains("Brazil"));
    let marked = hit.find(By::Css("mark")).await?.text().await?;
    assert_eq!(marked, "sovereignty");
    w.shot("search").await?;
    // Narrowed to the 7th session (Brazil spoke at the 8th): nothing left.
    w.driver
        .find(By::XPath(
            "//select[@id='search-session']/option[contains(., '7th substantive session')]",
        ))
        .await?
        .click()
        .await?;
    w.wait_for_text("#search-count", |t| t.starts_with("0 results"))
        .await?;

    // A half-typed entry survives a restart.
    w.driver
        .find(By::Id("nav-positions"))
        .await?
        .click()
        .await?;
    w.ctrl("k").await?;
    w.type_keys("Kenya").await?;
    w.type_keys(Key::Enter).await?;
    let quote = w.wait_for(By::Id("capture-quote")).await?;
    quote
        .send_keys("Capacity-building must be demand-driven")
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    w.stop().await?;
    let w = Window::start(&db, &dir.path().join("config")).await?;
    let quote = w.wait_for(By::Id("capture-quote")).await?;
    assert_eq!(
        quote.prop("value").await?.as_deref(),
        Some("Capacity-building must be demand-driven")
    );
    let actor = w.wait_for(By::Id("capture-actor")).await?;
    assert_eq!(actor.prop("value").await?.as_deref(), Some("Kenya"));
    w.stop().await?;

    let conn = rusqlite::Connection::open(&db).unwrap();
    // Each position's history as Concord reads it (an insert's entry stores no copy of the
    // row since schema v9; the reader puts it back), also for the deleted one.
    let ids: Vec<uuid::Uuid> = conn
        .prepare("SELECT DISTINCT position_id FROM position_history")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let store = concord_core::Store::open(
        &db,
        std::sync::Arc::new(concord_core::SystemClock),
        uuid::Uuid::nil(),
    )
    .unwrap();
    let mut history: Vec<(String, String)> = Vec::new();
    for id in ids {
        for entry in store.position_history(id).unwrap() {
            let row = entry.after.or(entry.before).unwrap();
            history.push((
                entry.op.as_str().to_string(),
                row["actor"].as_str().unwrap().into(),
            ));
        }
    }
    let chile: Vec<&str> = history
        .iter()
        .filter(|(_, actor)| actor == "Chile")
        .map(|(op, _)| op.as_str())
        .collect();
    // One position: entered, undone, redone (the same id back), undone again.
    assert_eq!(
        chile,
        ["insert", "delete", "insert", "delete"],
        "{history:?}"
    );
    let left: i64 = conn
        .query_row("SELECT count(*) FROM position", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 3);
    let members: Vec<String> = conn
        .prepare(
            "SELECT m.iso3 FROM actor AS g
             JOIN group_membership AS gm ON gm.group_id = g.id
             JOIN actor AS m ON m.id = gm.member_id
             WHERE g.name = 'Like-minded' ORDER BY m.iso3",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(members, ["CIV", "FRA"]);
    Ok(())
}

/// The matrix puts only the columns in view in the page; scrolled to its right end, the
/// last subjects' columns and cells are there, under their own heads.
#[tokio::test(flavor = "multi_thread")]
async fn a_wide_matrix_shows_its_last_columns_when_scrolled_to_them() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = concord_file(dir.path(), "wide.concord");
    {
        let mut store = concord_core::Store::open(
            &db,
            std::sync::Arc::new(concord_core::SystemClock),
            uuid::Uuid::from_u128(7),
        )
        .unwrap();
        let spec = concord_core::generate::GenerateSpec {
            actors: 12,
            topics: 40,
            sessions: 1,
            per_cell: 1,
        };
        concord_core::generate::generate(&mut store, spec).unwrap();
    }
    let w = Window::start(&db, &dir.path().join("config")).await?;
    w.driver.find(By::Id("nav-matrix")).await?.click().await?;
    w.choose("matrix-process", "Synthetic").await?;
    w.choose("matrix-axis", "Topics").await?;
    w.wait_for(By::Css("button.sort[data-column$='Synthetic topic 001']"))
        .await?;
    let last = "button.sort[data-column$='Synthetic topic 040']";
    assert!(
        w.driver.find_all(By::Css(last)).await?.is_empty(),
        "the 40th column is far out of view, so not in the page"
    );
    w.driver
        .execute(
            "const s = document.querySelector('.matrix-view .table-scroll'); \
             s.scrollLeft = s.scrollWidth;",
            vec![],
        )
        .await?;
    w.wait_for(By::Css(last)).await?;
    // Its head is in view, inside the scrolled table's box.
    let in_view = w
        .driver
        .execute(
            "const s = document.querySelector('.matrix-view .table-scroll').getBoundingClientRect(); \
             const h = document.querySelector(arguments[0]).getBoundingClientRect(); \
             return h.left >= s.left && h.right <= s.right + 1 && h.width > 100;",
            vec![serde_json::json!(last)],
        )
        .await?;
    assert_eq!(in_view.json(), &serde_json::json!(true));
    let cells = w
        .driver
        .find_all(By::Css("td.cell[data-subject$='Synthetic topic 040']"))
        .await?;
    assert_eq!(cells.len(), 12, "one cell per actor in the last column");
    assert!(
        w.driver
            .find_all(By::Css("button.sort[data-column$='Synthetic topic 001']"))
            .await?
            .is_empty(),
        "the first columns left the page"
    );
    w.shot("matrix-scrolled").await?;
    w.stop().await
}
