//! The native menu bar, used as a person does: its accelerators pressed on the keyboard and
//! its menus walked with F10 and the arrow keys (xdotool types into the X display as a
//! keyboard would; WebDriver cannot reach a native menu). File → Open… (Ctrl+O) opens a
//! second file, File → Open Recent brings the first back, Ctrl+2 opens the Matrix, Ctrl+I
//! Import Positions…, Edit → Redo Last Entry reaches the page, F1 the user guide, Help →
//! About Concord shows the About box.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_e2e::{concord_file, Window};
use std::process::Command;
use std::time::Duration;
use thirtyfour::prelude::*;

/// Presses `keys` (xdotool's names, e.g. "ctrl+o", "F10", "Down") in the Concord window.
fn press(keys: &[&str]) {
    let found = Command::new("xdotool")
        .args(["search", "--sync", "--onlyvisible", "--name", "^Concord$"])
        .output()
        .expect("xdotool is installed (make test installs it)");
    let window = String::from_utf8_lossy(&found.stdout)
        .lines()
        .next()
        .expect("the Concord window is on the display")
        .to_string();
    let focus = Command::new("xdotool")
        .args(["windowfocus", "--sync", &window])
        .status()
        .unwrap();
    assert!(focus.success());
    for key in keys {
        let pressed = Command::new("xdotool")
            .args(["key", "--delay", "60", key])
            .status()
            .unwrap();
        assert!(pressed.success(), "xdotool key {key}");
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_menu_bar_opens_files_recent_files_pages_and_the_about_box() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let first = concord_file(dir.path(), "first.concord");
    let second = concord_file(dir.path(), "second.concord");
    let positions = dir.path().join("positions.csv");
    std::fs::write(
        &positions,
        "actor,session,proposal,stance\nFrance,7,PoA,supports\n",
    )
    .unwrap();
    // The system's opener, standing in for the viewer Help → User Guide starts: it notes
    // the file it was asked to open.
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opened = dir.path().join("opened.txt");
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = std::env::join_paths(std::iter::once(bin.clone()).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();
    let w = Window::start_with(
        &first,
        &dir.path().join("config"),
        &[
            ("CONCORD_OPEN_PATH", second.as_path()),
            ("CONCORD_IMPORT_PATH", positions.as_path()),
            ("PATH", std::path::Path::new(&path)),
        ],
    )
    .await?;
    w.shows_file("/first.concord").await?;

    // File → Open… by its accelerator: the second file (the dialog's stand-in) opens.
    press(&["ctrl+o"]);
    w.shows_file("/second.concord").await?;

    // File → Open Recent → the first file again: F10 opens File, Down ×3 reaches Open
    // Recent, Right opens it on the newest (the file open now), Down the one before.
    press(&["F10", "Down", "Down", "Down", "Right", "Down", "Return"]);
    w.shows_file("/first.concord").await?;

    // View → Matrix by Ctrl+2.
    press(&["ctrl+2"]);
    w.wait_for_css("#nav-matrix.active").await?;

    // File → Import Positions… by Ctrl+I: the file is checked and shown, nothing written.
    press(&["ctrl+i"]);
    w.wait_for_text("#import-ready", |t| t.contains("1 position"))
        .await?;

    // Edit → Redo Last Entry (F10, Right to Edit, Down ×2): the page answers; nothing was
    // undone in this window, so there is nothing to redo.
    press(&["F10", "Right", "Down", "Down", "Return"]);
    w.wait_for_text(".status", |t| t == "Nothing to redo.")
        .await?;

    // Help → User Guide by F1: the guide's first page goes to the system's viewer.
    press(&["F1"]);
    let mut asked = String::new();
    for _ in 0..100 {
        asked = std::fs::read_to_string(&opened).unwrap_or_default();
        if !asked.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The guide as web pages in the cache folder, with its pictures, for a browser.
    assert!(asked.ends_with("/guide/README.html"), "{asked:?}");
    assert!(
        asked.starts_with(&*dir.path().join("config/cache").to_string_lossy()),
        "{asked:?}"
    );
    let page = std::fs::read_to_string(&asked).unwrap();
    assert!(page.contains("<title>Concord user guide</title>"), "{page}");
    assert!(page.contains("href=\"capture.html\""), "{page}");

    // Help → About Concord: F10, then Left from File wraps round to Help, Down ×2.
    press(&["F10", "Left", "Down", "Down", "Return"]);
    let about = w
        .wait_for_text("[aria-label='About Concord']", |t| t.contains("Concord"))
        .await?;
    assert!(about.contains("schema version"), "{about}");
    assert!(about.contains("MIT licence"), "{about}");
    w.shot("menu-about").await?;
    w.stop().await
}
