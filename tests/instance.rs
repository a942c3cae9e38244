//! End-to-end: one window per user. A second launch (`concord-desktop FILE`, as the file
//! manager does) ends at once and hands its file to the window already open; a file that
//! cannot be opened is named there, and the window keeps the file it had.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed run

use concord_e2e::thirtyfour::prelude::*;
use concord_e2e::{app_binary, concord_file, Window};
use std::path::Path;
use std::process::{Command, ExitStatus};
use std::time::{Duration, Instant};

/// Launches the app again, as the same user (config folder), on `file`; its exit.
fn launch_again(config: &Path, file: &Path) -> ExitStatus {
    let mut second = Command::new(app_binary())
        .arg(file)
        .env("XDG_CONFIG_HOME", config)
        .env("XDG_DATA_HOME", config.join("data"))
        .env_remove("CONCORD_DB")
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = second.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = second.kill();
            panic!("the second launch did not end: it opened a second window");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_hands_its_file_to_the_open_window() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let first = concord_file(dir.path(), "first.concord");
    let second = concord_file(dir.path(), "second.concord");
    let config = dir.path().join("config");
    let w = Window::start(&first, &config).await?;
    w.shows_file("first.concord").await?;

    assert!(launch_again(&config, &second).success());
    w.shows_file("second.concord").await?;
    w.wait_for_text(".status", |t| t.contains("Opened")).await?;

    // A file that is not Concord's: said in the window, which keeps the file it has.
    let notes = dir.path().join("notes.concord");
    std::fs::write(&notes, b"not a database").unwrap();
    assert!(launch_again(&config, &notes).success());
    let problem = w.wait_for_css(".problem").await?;
    assert!(problem.text().await?.contains("notes.concord"));
    // The core's own code for what is wrong with the file, not a generic one.
    assert_eq!(
        problem.attr("data-code").await?.as_deref(),
        Some("not_concord")
    );
    w.shot("second-launch-refused").await?;
    w.shows_file("second.concord").await?;
    w.stop().await?;
    assert_eq!(std::fs::read(&notes).unwrap(), b"not a database");
    Ok(())
}
