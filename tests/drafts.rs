//! End-to-end, in the real window: record two revisions of a draft (pasted, the parse checked
//! first), compare them and see a word insertion marked and a moved paragraph; step to a
//! paragraph with the keyboard and log an amendment request on it; record a third revision
//! from a Word file that takes the request, and see it marked accepted beside the paragraph,
//! in the ledger and in the SQLite file.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_e2e::thirtyfour::prelude::*;
use concord_e2e::Window;
use docx_rs::{Docx, Paragraph, Run};

const SYMBOL: &str = "A/AC.292/2025/L.1";
const REV1: &str = "1. Capacity-building should be effective and demand-driven.\n\
2. States should report on the implementation of norms.\n\
3. The Group will meet again in July.\n";
const REV2: &str = "1. The Group will meet again in July.\n\
2. Capacity-building should be full and equal and demand-driven.\n\
3. States should report on the implementation of norms.\n";
const REV3: [&str; 3] = [
    "1. The Group will meet again in July.",
    "2. Capacity-building should be full and equal and demand-driven.",
    "3. States should report regularly on the implementation of norms.",
];

async fn fill_revision(w: &Window, label: &str) -> WebDriverResult<()> {
    let symbol = w.wait_for(By::Id("draft-symbol")).await?;
    symbol.clear().await?;
    symbol.send_keys(SYMBOL).await?;
    w.driver
        .find(By::Id("draft-label"))
        .await?
        .send_keys(label)
        .await
}

async fn recorded(w: &Window, label: &str) -> WebDriverResult<String> {
    w.driver.find(By::Id("draft-record")).await?.click().await?;
    w.wait_for_text("#draft-status", |t| {
        t.contains(&format!("Recorded {SYMBOL} {label}"))
    })
    .await
}

async fn paste(w: &Window, label: &str, text: &str) -> WebDriverResult<String> {
    fill_revision(w, label).await?;
    let area = w.driver.find(By::Id("draft-text")).await?;
    for line in text.lines() {
        area.send_keys(line).await?;
        area.send_keys(Key::Enter).await?;
    }
    w.driver
        .find(By::Id("draft-preview"))
        .await?
        .click()
        .await?;
    let count = w
        .wait_for_text("#draft-preview-count", |t| t.contains("provisions"))
        .await?;
    assert!(count.starts_with("3 provisions"), "{count}");
    recorded(w, label).await
}

#[tokio::test(flavor = "multi_thread")]
async fn revisions_are_compared_and_an_amendment_request_is_seen_accepted() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drafts.concord");
    let rev3 = dir.path().join("rev3.docx");
    let redline = dir.path().join("redline.docx");
    let mut doc = Docx::new();
    for line in REV3 {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
    }
    doc.build()
        .pack(std::fs::File::create(&rev3).unwrap())
        .unwrap();
    let w = Window::start_with(
        &db,
        &dir.path().join("config"),
        &[
            ("CONCORD_OPEN_PATH", rev3.as_path()),
            ("CONCORD_SAVE_PATH", redline.as_path()),
        ],
    )
    .await?;
    w.driver.find(By::Id("nav-drafts")).await?.click().await?;
    paste(&w, "Rev.1", REV1).await?;
    let status = paste(&w, "Rev.2", REV2).await?;
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

    // Side by side: the old text with its deletion, the new with its insertion.
    w.driver.find(By::Id("draft-side")).await?.click().await?;
    let old_side = w
        .wait_for(By::Css("tr[data-new='2'] td.old-side del"))
        .await?;
    assert_eq!(old_side.text().await?.trim(), "effective");
    w.shot("drafts-side-by-side").await?;

    // Only moved: the one moved paragraph.
    w.driver
        .find(By::Css("#draft-filter option[value='moved']"))
        .await?
        .click()
        .await?;
    w.wait_for_text(".step-help", |t| t.contains("1 shown"))
        .await?;
    w.driver
        .find(By::Css("#draft-filter option[value='all']"))
        .await?
        .click()
        .await?;
    w.wait_for_text(".step-help", |t| t.contains("3 shown"))
        .await?;

    // Step with the keyboard to the third row (Rev.2 para. 3), then a: the request form.
    w.driver
        .find(By::Css("h3, .step-help"))
        .await?
        .click()
        .await?;
    for _ in 0..3 {
        w.type_keys("n").await?;
    }
    let current = w
        .wait_for(By::Css("table.revision-diff tr.current"))
        .await?;
    assert_eq!(current.attr("data-new").await?.as_deref(), Some("3"));
    w.type_keys("a").await?;
    let actor = w.wait_for(By::Id("amend-actor")).await?;
    actor.send_keys("France").await?;
    actor.send_keys(Key::Enter).await?;
    w.wait_for_text("#amend-actors", |t| t.contains("France"))
        .await?;
    w.driver
        .find(By::Id("amend-new"))
        .await?
        .send_keys("report regularly")
        .await?;
    w.driver.find(By::Id("amend-log")).await?.click().await?;
    w.wait_for_text(".para-panel", |t| t.contains("Pending"))
        .await?;

    // A red line on that paragraph, captured from the keyboard: "para 3" finds it.
    w.ctrl("k").await?;
    w.type_keys("Russia").await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys("para 3").await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys("8th").await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys("red line").await?;
    w.type_keys(Key::Tab).await?;
    w.type_keys(Key::Tab).await?; // on behalf of
    w.type_keys("Cannot accept a reporting obligation.").await?; // summary
    w.type_keys(Key::Tab).await?; // quote
    w.type_keys(Key::Tab).await?; // source
    w.type_keys(Key::Enter).await?;
    w.wait_for_text(".status", |t| {
        t.contains("Saved Russia: Red line on A/AC.292/2025/L.1 Rev.2, para. 3")
    })
    .await?;

    // Rev.3 from a Word file (the open dialog stands in): it takes the request.
    fill_revision(&w, "Rev.3").await?;
    w.driver
        .find(By::Id("draft-open-file"))
        .await?
        .click()
        .await?;
    w.wait_for_text("#draft-preview-count", |t| t.contains("rev3.docx"))
        .await?;
    let status = recorded(&w, "Rev.3").await?;
    assert!(
        status.contains("1 amendment request on Rev.2 compared with it"),
        "{status}"
    );
    let note = w
        .wait_for(By::Css(
            "tr[data-new='3'] td.para-notes .amendment[data-status='accepted']",
        ))
        .await?;
    assert!(note.text().await?.contains("France"));
    let beside = w
        .wait_for_text("tr[data-new='3'] td.para-notes", |t| t.contains("Red line"))
        .await?;
    assert!(beside.contains("Russian Federation"), "{beside}");
    w.shot("drafts-accepted").await?;

    // Export… writes Rev.2 → Rev.3 as a Word redline: LibreOffice accepts it into Rev.3, and
    // France's request is a comment on its paragraph.
    w.driver
        .find(By::Css("#draft-redline .export-run"))
        .await?
        .click()
        .await?;
    let said = w
        .wait_for_text("#draft-redline .export-message", |t| t.contains("Exported"))
        .await?;
    assert!(said.contains("and 1 comment "), "{said}");
    let t = concord_testing::office::tracked(&redline);
    for line in REV3 {
        assert!(t.accepted.contains(line), "{line} in {}", t.accepted);
    }
    assert!(t.comments.iter().any(|c| c.author == "France"), "{t:?}");

    // Brief for us: asks for our delegation until it is set, then says France's request landed.
    w.driver
        .find(By::Css("#draft-brief .export-run"))
        .await?
        .click()
        .await?;
    w.wait_for_text("#draft-brief .export-message", |t| {
        t.contains("set it first")
    })
    .await?;
    w.driver
        .find(By::Id("settings-open"))
        .await?
        .click()
        .await?;
    w.choose("settings-our", "France").await?;
    w.wait_for_text("#settings-message", |t| t.contains("works for France"))
        .await?;
    w.driver
        .find(By::Css("#draft-brief .export-run"))
        .await?
        .click()
        .await?;
    let said = w
        .wait_for_text("#draft-brief .export-message", |t| t.contains("Exported"))
        .await?;
    assert!(said.contains("1 paragraph of ours"), "{said}");
    let brief = String::from_utf8(concord_testing::office::convert(
        &redline, "txt:Text", "txt",
    ))
    .unwrap();
    assert!(
        brief.contains("Brief for France: A/AC.292/2025/L.1 Rev.3 (since Rev.2)"),
        "{brief}"
    );
    assert!(brief.contains(": landed"), "{brief}");

    w.driver
        .find(By::Id("draft-tab-ledger"))
        .await?
        .click()
        .await?;
    let line = w
        .wait_for_text(".ledger-actor[data-actor='France'] summary", |t| {
            t.contains("1 accepted")
        })
        .await?;
    assert!(line.contains("asked 1"), "{line}");
    w.shot("drafts-ledger").await?;

    w.driver
        .find(By::Id("draft-tab-risk"))
        .await?
        .click()
        .await?;
    let risk = w
        .wait_for_text(".risk tr[data-label='3']", |t| t.contains("Red lines"))
        .await?;
    assert!(risk.contains("Russian Federation"), "{risk}");
    w.shot("drafts-risk").await?;

    // Brackets: a bar per revision and measure, drawn from the core's counts (none open here).
    w.driver
        .find(By::Id("draft-tab-brackets"))
        .await?
        .click()
        .await?;
    w.wait_for_css("#brackets-chart rect").await?;
    let bars = w.driver.find_all(By::Css("#brackets-chart rect")).await?;
    assert_eq!(
        bars.len(),
        9,
        "3 revisions × brackets, alternatives, footnotes"
    );
    let table = w
        .wait_for_text("#brackets-table", |t| t.contains("All sections"))
        .await?;
    assert!(table.contains("Rev.3"), "{table}");

    // Search finds the paragraph's words, once, in its newest revision.
    w.driver.find(By::Id("nav-search")).await?.click().await?;
    w.wait_for(By::Id("search-input"))
        .await?
        .send_keys("regularly")
        .await?;
    let para = w
        .wait_for_text(".paragraph-hits", |t| t.contains("Rev.3, para. 3"))
        .await?;
    assert!(!para.contains("Rev.2"), "{para}");
    w.stop().await?;

    let conn = rusqlite::Connection::open(&db).unwrap();
    let (status, decided_by, landed): (String, String, String) = conn
        .query_row(
            "SELECT r.status, r.decided_by, d.revision_label || ' para. ' || v.label
             FROM amendment_request AS r
             JOIN provision AS v ON v.id = r.landed_provision_id
             JOIN document AS d ON d.id = r.decided_in",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (status.as_str(), decided_by.as_str(), landed.as_str()),
        ("accepted", "auto", "Rev.3 para. 3")
    );
    let keys: i64 = conn
        .query_row(
            "SELECT count(DISTINCT stable_key) FROM provision",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(keys, 3, "each paragraph kept its identity into Rev.3");
    Ok(())
}
