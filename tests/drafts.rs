//! End-to-end, in the real window: record two revisions of a draft by pasting their text,
//! compare them, and see a word insertion marked, a moved paragraph, and the SQLite rows.

use concord_e2e::thirtyfour::prelude::*;
use concord_e2e::Window;

const REV1: &str = "1. Capacity-building should be effective and demand-driven.\n\
2. States should report on the implementation of norms.\n\
3. The Group will meet again in July.\n";
const REV2: &str = "1. The Group will meet again in July.\n\
2. Capacity-building should be full and equal and demand-driven.\n\
3. States should report on the implementation of norms.\n";

async fn record(w: &Window, label: &str, text: &str) -> WebDriverResult<()> {
    let symbol = w.wait_for(By::Id("draft-symbol")).await?;
    symbol.clear().await?;
    symbol.send_keys("A/AC.292/2025/L.1").await?;
    w.driver
        .find(By::Id("draft-label"))
        .await?
        .send_keys(label)
        .await?;
    let area = w.driver.find(By::Id("draft-text")).await?;
    for line in text.lines() {
        area.send_keys(line).await?;
        area.send_keys(Key::Enter).await?;
    }
    w.driver.find(By::Id("draft-record")).await?.click().await?;
    w.wait_for_text("#draft-status", |t| {
        t.contains(&format!("Recorded A/AC.292/2025/L.1 {label}"))
    })
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn two_pasted_revisions_are_compared_word_by_word() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drafts.concord");
    let w = Window::start(&db, &dir.path().join("config")).await?;
    w.driver.find(By::Id("nav-drafts")).await?.click().await?;
    record(&w, "Rev.1", REV1).await?;
    record(&w, "Rev.2", REV2).await?;
    let status = w
        .wait_for_text("#draft-status", |t| t.contains("Rev.2"))
        .await?;
    assert!(status.contains("3 continue from Rev.1, 0 new"), "{status}");

    // Recording Rev.2 selects Rev.1 → Rev.2: the changed paragraph shows its insertion.
    let row = w
        .wait_for(By::Css(
            "table.revision-diff tr[data-old='1'][data-new='2']",
        ))
        .await?;
    let inserted = row.find(By::Css("ins")).await?.text().await?;
    assert_eq!(inserted.trim(), "full and equal");
    let deleted = row.find(By::Css("del")).await?.text().await?;
    assert_eq!(deleted.trim(), "effective");
    let moved = w
        .wait_for(By::Css(
            "table.revision-diff tr[data-old='3'][data-new='1']",
        ))
        .await?;
    assert_eq!(moved.attr("data-status").await?.as_deref(), Some("moved"));
    w.shot("drafts").await?;
    w.stop().await?;

    let conn = rusqlite::Connection::open(&db).unwrap();
    let keys: i64 = conn
        .query_row(
            "SELECT count(DISTINCT stable_key) FROM provision",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(keys, 3, "each paragraph kept its identity into Rev.2");
    Ok(())
}
