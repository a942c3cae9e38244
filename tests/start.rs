//! End-to-end: the window always opens. When the file Concord is to open at start cannot be
//! opened, the window says what is wrong with it, leaves it byte for byte as it was, and the
//! ways on (Open…, New…, the demo) work. One test per case a user meets.
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_e2e::thirtyfour::prelude::*;
use concord_e2e::{concord_file, Window};
use std::path::{Path, PathBuf};

/// Starts the window on `db` (or on what the config folder remembers) and checks the problem
/// it shows: its code and words.
async fn shows_problem(
    db: Option<&Path>,
    config: &Path,
    env: &[(&str, &Path)],
    code: &str,
    words: &str,
) -> WebDriverResult<Window> {
    let w = Window::launch(db, config, env, "#start-problem-message").await?;
    let message = w.wait_for_css("#start-problem-message").await?;
    let text = message.text().await?;
    assert_eq!(
        message.attr("data-code").await?.as_deref(),
        Some(code),
        "{text}"
    );
    assert!(text.contains(words), "the window says {text:?}");
    Ok(w)
}

async fn demo_opens(w: &Window) -> WebDriverResult<()> {
    w.wait_for_css("#start-demo").await?.click().await?;
    w.wait_for_css("form.capture").await?;
    w.wait_for_text("#positions-count", |t| !t.starts_with("0–0"))
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_that_is_not_concord_is_named_and_left_alone() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.concord");
    std::fs::write(&db, b"Notes from the OEWG, not a database.\n").unwrap();
    let config = dir.path().join("config");
    let w = shows_problem(
        Some(&db),
        &config,
        &[],
        "not_concord",
        "not a Concord database",
    )
    .await?;
    w.shot("start-not-concord").await?;
    demo_opens(&w).await?;
    w.stop().await?;
    assert_eq!(
        std::fs::read(&db).unwrap(),
        b"Notes from the OEWG, not a database.\n"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_from_a_newer_concord_says_update_and_new_works() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = concord_file(dir.path(), "newer.concord");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let config = dir.path().join("config");
    let fresh = dir.path().join("fresh.concord");
    let w = shows_problem(
        Some(&db),
        &config,
        &[("CONCORD_SAVE_PATH", fresh.as_path())],
        "newer_schema",
        "newer Concord",
    )
    .await?;
    w.wait_for_css("#start-new").await?.click().await?;
    w.wait_for_css("form.capture").await?;
    w.stop().await?;
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert!(fresh.exists(), "New… made the new database");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_file_is_refused_and_its_backup_restored() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = concord_file(dir.path(), "damaged.concord");
    let config = dir.path().join("config");
    // Yesterday's backup, where the window keeps them (the tests set XDG_DATA_HOME).
    let folder = concord_core::backup::folder_for(&config.join("data/concord"), &db);
    concord_core::backup::make_from_file(
        &db,
        &folder,
        chrono::Utc::now() - chrono::Duration::days(1),
    )
    .unwrap();
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[4096 * 12..4096 * 16] {
        *b = 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    let w = shows_problem(Some(&db), &config, &[], "damaged", "is damaged").await?;
    w.shot("start-damaged").await?;
    w.wait_for_css("#start-restore").await?.click().await?;
    w.wait_for_css("#backups-list button.restore")
        .await?
        .click()
        .await?;
    w.wait_for_css("form.capture").await?;
    w.stop().await?;
    concord_core::store::check_file(&db).unwrap();
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".before-restore-"))
        .map(|e| e.path())
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "the damaged file is kept beside the restored one"
    );
    assert_eq!(std::fs::read(&kept[0]).unwrap(), bytes);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_remembered_file_that_moved_is_said_so_and_open_finds_it() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let moved = concord_file(dir.path(), "moved-here.concord");
    std::fs::create_dir_all(config.join("concord")).unwrap();
    let gone = dir.path().join("was-here.concord");
    std::fs::write(
        config.join("concord/last-database"),
        format!("{}\n", gone.display()),
    )
    .unwrap();
    let w = shows_problem(
        None,
        &config,
        &[("CONCORD_OPEN_PATH", moved.as_path())],
        "missing",
        "is not there any more",
    )
    .await?;
    w.wait_for_css("#start-open").await?.click().await?;
    w.wait_for_css("form.capture").await?;
    w.wait_for_text(".status", |t| t.contains("moved-here.concord"))
        .await?;
    w.stop().await?;
    assert!(!gone.exists(), "nothing was made where the file used to be");
    Ok(())
}

/// Makes `path` unwritable even for root (the tests may run as root, whom chmod does not
/// stop): the immutable attribute. Undone on drop so the folder can be cleaned up.
struct Immutable(PathBuf);

impl Immutable {
    fn set(path: &Path) -> Immutable {
        let ok = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            ok,
            "chattr +i failed: the test needs e2fsprogs and an ext4 /tmp"
        );
        Immutable(path.to_path_buf())
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_concord_may_not_write_is_refused() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = concord_file(dir.path(), "locked.concord");
    // Checkpointed and closed: the file alone holds the data.
    let before = std::fs::read(&db).unwrap();
    let _lock = Immutable::set(&db);
    let config = dir.path().join("config");
    let w = shows_problem(Some(&db), &config, &[], "no_permission", "not write to it").await?;
    demo_opens(&w).await?;
    w.stop().await?;
    assert_eq!(std::fs::read(&db).unwrap(), before);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_file_opened_at_start_gets_its_daily_backup() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = concord_file(dir.path(), "daily.concord");
    let config = dir.path().join("config");
    let w = Window::start(&db, &config).await?;
    let folder = concord_core::backup::folder_for(&config.join("data/concord"), &db);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while concord_core::backup::list(&folder).is_empty() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    w.stop().await?;
    let made = concord_core::backup::list(&folder);
    assert_eq!(made.len(), 1, "one backup in {}", folder.display());
    concord_core::store::check_file(Path::new(&made[0].path)).unwrap();
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_window_names_the_file_while_it_opens() -> WebDriverResult<()> {
    // A file new to this computer is checked in full before it opens (seconds at a million
    // positions); the window shows at once and says which file it is opening meanwhile.
    let dir = tempfile::tempdir().unwrap();
    let db = concord_file(dir.path(), "capital.concord");
    let config = dir.path().join("config");
    let held = [("CONCORD_OPEN_DELAY_MS", Path::new("4000"))];
    let w = Window::launch(Some(&db), &config, &held, "#opening-path").await?;
    let named = w.wait_for_css("#opening-path").await?.text().await?;
    assert!(named.ends_with("capital.concord"), "{named:?}");
    w.shot("start-opening").await?;
    w.wait_for_css("form.capture").await?;
    assert!(w
        .driver
        .find_all(By::Css("#opening-path"))
        .await?
        .is_empty());
    w.stop().await?;
    Ok(())
}
