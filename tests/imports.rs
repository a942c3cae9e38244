//! Import positions… in the real window (CONCORD_IMPORT_PATH stands in for the native dialog):
//! a file with a misspelt State is refused by line and column with the closest name and
//! writes nothing; a long file is previewed, its import cancelled half-way (nothing in the
//! SQLite file), then imported whole with the progress bar.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_e2e::{concord_file, Window};
use std::path::Path;
use std::time::Duration;
use thirtyfour::prelude::*;

fn positions_in(db: &Path) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row("SELECT count(*) FROM position", [], |r| r.get(0))
        .unwrap()
}

const ROWS: usize = 40_000;

#[tokio::test(flavor = "multi_thread")]
async fn a_file_is_checked_by_line_then_cancelled_with_nothing_written_then_imported(
) -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = concord_file(dir.path(), "record.concord");
    let file = dir.path().join("positions.csv");
    std::fs::write(
        &file,
        "actor,session,proposal,stance,summary\n\
         France,7,PoA,supports,For a permanent mechanism\n\
         Frnace,7,PoA,supports,Misspelt\n",
    )
    .unwrap();
    let w = Window::start_with(
        &db,
        &dir.path().join("config"),
        &[("CONCORD_IMPORT_PATH", file.as_path())],
    )
    .await?;

    // A misspelt State: refused by line and column, with the closest name; nothing written.
    w.driver.find(By::Id("import-open")).await?.click().await?;
    let problems = w
        .wait_for_text("table.import-problems", |t| t.contains("Frnace"))
        .await?;
    assert!(problems.contains("line 3"), "{problems}");
    assert!(problems.contains("actor"), "{problems}");
    assert!(problems.contains("did you mean “France”"), "{problems}");
    let run = w.driver.find(By::Id("import-run")).await?;
    assert!(
        !run.is_enabled().await?,
        "a file with a problem cannot be imported"
    );
    let sample = w
        .driver
        .find(By::Css("table.import-sample"))
        .await?
        .text()
        .await?;
    assert!(sample.contains("For a permanent mechanism"), "{sample}");
    // The window's picture lags behind the page it has just drawn: let it catch up first.
    tokio::time::sleep(Duration::from_millis(500)).await;
    w.shot("import-problems").await?;
    assert_eq!(positions_in(&db), 0);

    // The corrected, longer file: previewed, then its import cancelled half-way.
    let mut csv = String::from("actor,session,topic,stance,summary\n");
    for i in 0..ROWS {
        let actor = ["Brazil", "Kenya", "India", "Mexico"][i % 4];
        csv.push_str(&format!(
            "{actor},{},Capacity-building,conditional,Statement {i}\n",
            1 + i % 10
        ));
    }
    std::fs::write(&file, csv).unwrap();
    w.driver
        .find(By::Id("import-another"))
        .await?
        .click()
        .await?;
    w.wait_for_text("#import-ready", |t| t.contains("40,000 positions"))
        .await?;
    w.driver.find(By::Id("import-run")).await?.click().await?;
    // Cancel as soon as it shows: a Cancel that reaches the import before its first block
    // counts as well as one in the middle.
    w.wait_for(By::Id("import-cancel")).await?.click().await?;
    w.shot("import-progress").await?;
    let done = w
        .wait_for_text_within("#import-done", Duration::from_secs(60), |t| !t.is_empty())
        .await?;
    assert_eq!(done, "Stopped: nothing was imported.");
    assert_eq!(positions_in(&db), 0, "a cancelled import writes nothing");

    // Imported whole: every row in the file, and in the window's count.
    w.driver.find(By::Id("import-run")).await?.click().await?;
    let done = w
        .wait_for_text_within("#import-done", Duration::from_secs(120), |t| {
            t.starts_with("Imported")
        })
        .await?;
    assert!(done.contains("Imported 40,000 positions"), "{done}");
    assert_eq!(positions_in(&db), ROWS as i64);
    w.wait_for_text("header .counts", |t| t.starts_with("40000 positions"))
        .await?;
    w.shot("import-done").await?;
    w.stop().await
}
