//! End-to-end: with no team store set, the window connects to nothing outside this machine.
//! The app runs under `strace -f -e trace=connect` (its web processes included) while the
//! test opens every page; every connect() to an internet address must be to loopback (the
//! WebDriver channel). Unix sockets (D-Bus, the display) are local by nature.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_e2e::thirtyfour::prelude::*;
use concord_e2e::{app_binary, Window};
use std::os::unix::fs::PermissionsExt;

#[tokio::test(flavor = "multi_thread")]
async fn the_window_makes_no_connection_outside_the_machine() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("connect.log");
    let wrapper = dir.path().join("concord-under-strace");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec strace -f -qq -e trace=connect -o '{}' '{}' \"$@\"\n",
            log.display(),
            app_binary().display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let db = dir.path().join("net.concord");
    let w = Window::launch_app(
        &wrapper,
        Some(&db),
        &dir.path().join("config"),
        &[],
        "form.capture",
    )
    .await?;
    for page in ["matrix", "changes", "drafts", "search", "positions"] {
        w.wait_for_css(&format!("#nav-{page}"))
            .await?
            .click()
            .await?;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    }
    w.wait_for_css("#about").await?.click().await?;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    w.stop().await?;

    let trace = std::fs::read_to_string(&log).unwrap();
    let connects: Vec<&str> = trace.lines().filter(|l| l.contains("connect(")).collect();
    assert!(!connects.is_empty(), "strace saw the app: {trace}");
    let outside: Vec<&&str> = connects
        .iter()
        .filter(|l| {
            (l.contains("AF_INET6") && !l.contains("\"::1\"") && !l.contains("::ffff:127.0.0.1"))
                || (l.contains("sa_family=AF_INET,") && !l.contains("inet_addr(\"127."))
        })
        .collect();
    assert!(
        outside.is_empty(),
        "connections outside this machine:\n{}",
        outside
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!(
        "{} connect() calls, {} to loopback, none outside",
        connects.len(),
        connects.iter().filter(|l| l.contains("AF_INET")).count()
    );
    Ok(())
}
