//! Crash test: `kill -9` at a random moment during a CSV import, `import all`, a revision
//! import, a migration and a burst of captures. After every kill the file passes SQLite's
//! `integrity_check` and each operation is wholly there or wholly absent.
//!
//! `make test` kills each operation 20 times; `make crash-test` 100 times
//! (CONCORD_CRASH_RUNS). Each run prints its seed and counts.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed run

use rusqlite::Connection;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const ROWS: usize = 3_000;

fn runs() -> usize {
    std::env::var("CONCORD_CRASH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

/// A small xorshift generator: the kill moments, reproducible from the printed seed.
struct Moments(u64);

impl Moments {
    fn new() -> Moments {
        let seed = std::env::var("CONCORD_CRASH_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1)
                    | 1
            });
        eprintln!("crash test seed {seed} (CONCORD_CRASH_SEED={seed} repeats it)");
        Moments(seed)
    }

    /// A moment in 0..`max_ms` milliseconds.
    fn next(&mut self, max_ms: u64) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Duration::from_millis(self.0 % max_ms.max(1))
    }
}

fn concord(dir: &Path, db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_concord"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env_remove("CONCORD_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn ok(dir: &Path, db: &Path, args: &[&str]) {
    let status = concord(dir, db, args).status().unwrap();
    assert!(status.success(), "concord {args:?} failed");
}

/// How long `command` takes when left alone, in ms, plus a fifth: kills land anywhere in that
/// span, so some runs are cut and some finish, in a debug build as in a release one.
fn span(mut command: Command) -> u64 {
    let started = std::time::Instant::now();
    assert!(
        command.status().unwrap().success(),
        "the uninterrupted run failed"
    );
    (started.elapsed().as_millis() as u64 * 6 / 5).max(20)
}

/// Starts `command`, sends SIGKILL after `after`, and waits; true when it was still running.
fn kill_after(mut command: Command, after: Duration) -> bool {
    let mut child: Child = command.spawn().unwrap();
    std::thread::sleep(after);
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    running
}

fn integrity(db: &Path) {
    let conn = Connection::open(db).unwrap();
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(verdict, "ok", "{} after a kill", db.display());
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// A fresh copy of `base` for one run (the database file alone: it was closed cleanly).
fn copy_of(base: &Path, dir: &Path, n: usize) -> PathBuf {
    let db = dir.join(format!("run-{n}.concord"));
    std::fs::copy(base, &db).unwrap();
    db
}

fn csv_file(dir: &Path) -> PathBuf {
    let states = [
        "FRA", "BRA", "IND", "KEN", "MEX", "EGY", "JPN", "CAN", "ZAF", "IDN",
    ];
    let mut text = String::from("actor,session,proposal,stance,summary\n");
    for i in 0..ROWS {
        let stance = if i % 3 == 0 { "supports" } else { "concerns" };
        text.push_str(&format!(
            "{},{},PoA,{stance},Crash-test row {i}\n",
            states[i % states.len()],
            1 + i % 10
        ));
    }
    let path = dir.join("positions.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_csv_import_killed_anywhere_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = d.join("base.concord");
    ok(d, &base, &["init"]);
    let csv = csv_file(d);
    let probe = copy_of(&base, d, 9999);
    let window = span(concord(
        d,
        &probe,
        &["import", "positions", csv.to_str().unwrap()],
    ));
    let mut at = Moments::new();
    let (mut killed, mut whole) = (0, 0);
    for n in 0..runs() {
        let db = copy_of(&base, d, n);
        let csv_arg = csv.to_str().unwrap();
        if kill_after(
            concord(d, &db, &["import", "positions", csv_arg]),
            at.next(window),
        ) {
            killed += 1;
        }
        integrity(&db);
        let positions = count(&db, "SELECT count(*) FROM position");
        let history = count(&db, "SELECT count(*) FROM position_history");
        assert!(
            (positions, history) == (0, 0) || (positions, history) == (ROWS as i64, ROWS as i64),
            "run {n}: {positions} positions, {history} history rows"
        );
        if positions > 0 {
            whole += 1;
        }
        std::fs::remove_file(&db).unwrap();
    }
    eprintln!(
        "csv import: {} runs, {killed} killed while running, {whole} complete",
        runs()
    );
}

#[test]
fn an_import_all_killed_anywhere_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let source = d.join("source.concord");
    ok(d, &source, &["demo"]);
    let dump = d.join("all.json");
    ok(
        d,
        &source,
        &[
            "export",
            "all",
            "--format",
            "json",
            "--out",
            dump.to_str().unwrap(),
        ],
    );
    let want = count(&source, "SELECT count(*) FROM position");
    let window = span(concord(
        d,
        &d.join("probe.concord"),
        &["import", "all", dump.to_str().unwrap()],
    ));
    let mut at = Moments::new();
    let mut killed = 0;
    for n in 0..runs() {
        let db = d.join(format!("new-{n}.concord"));
        if kill_after(
            concord(d, &db, &["import", "all", dump.to_str().unwrap()]),
            at.next(window),
        ) {
            killed += 1;
        }
        if db.exists() {
            integrity(&db);
            let has_position_table = count(
                &db,
                "SELECT count(*) FROM sqlite_schema WHERE name = 'position'",
            );
            if has_position_table == 1 {
                let positions = count(&db, "SELECT count(*) FROM position");
                assert!(positions == 0 || positions == want, "run {n}: {positions}");
            }
            std::fs::remove_file(&db).unwrap();
        }
    }
    eprintln!("import all: {} runs, {killed} killed while running", runs());
}

#[test]
fn a_revision_import_killed_anywhere_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = d.join("base.concord");
    ok(d, &base, &["init"]);
    let text: String = (1..=400)
        .map(|i| {
            format!("{i}. States should consider measure number {i} on capacity-building.\n\n")
        })
        .collect();
    let draft = d.join("draft.txt");
    std::fs::write(&draft, text).unwrap();
    let args = [
        "import",
        "document",
        draft.to_str().unwrap(),
        "--symbol",
        "A/AC.292/2099/CRASH",
        "--revision",
        "Rev.1",
    ];
    let window = span(concord(d, &copy_of(&base, d, 9999), &args));
    let mut at = Moments::new();
    let mut killed = 0;
    for n in 0..runs() {
        let db = copy_of(&base, d, n);
        if kill_after(concord(d, &db, &args), at.next(window)) {
            killed += 1;
        }
        integrity(&db);
        let documents = count(
            &db,
            "SELECT count(*) FROM document WHERE symbol = 'A/AC.292/2099/CRASH'",
        );
        let provisions = count(
            &db,
            "SELECT count(*) FROM provision AS p JOIN document AS d ON d.id = p.document_id
              WHERE d.symbol = 'A/AC.292/2099/CRASH'",
        );
        assert!(
            (documents, provisions) == (0, 0) || (documents, provisions) == (1, 400),
            "run {n}: {documents} documents, {provisions} provisions"
        );
        std::fs::remove_file(&db).unwrap();
    }
    eprintln!(
        "revision import: {} runs, {killed} killed while running",
        runs()
    );
}

#[test]
fn a_migration_killed_anywhere_leaves_one_version_or_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = d.join("base.concord");
    // The previous schema: the demo as the release before v9 made it.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo-v8.concord"),
        &base,
    )
    .unwrap();
    let fresh = d.join("fresh.concord");
    ok(d, &fresh, &["init"]);
    let latest = count(&fresh, "PRAGMA user_version");
    assert_eq!(count(&base, "PRAGMA user_version"), 8);
    let window = span(concord(d, &copy_of(&base, d, 9999), &["init"]));
    let mut at = Moments::new();
    let mut killed = 0;
    for n in 0..runs() {
        let db = copy_of(&base, d, n);
        if kill_after(concord(d, &db, &["init"]), at.next(window)) {
            killed += 1;
        }
        integrity(&db);
        let version = count(&db, "PRAGMA user_version");
        let paged = count(
            &db,
            "SELECT count(*) FROM sqlite_schema
             WHERE name = 'position_session' AND sql LIKE '%created_at%'",
        );
        assert!(
            (version, paged) == (8, 0) || (version, paged) == (latest, 1),
            "run {n}: version {version} with {paged} paging index"
        );
        // Whichever it is, Concord opens it and brings it up to date.
        ok(d, &db, &["init"]);
        assert_eq!(count(&db, "PRAGMA user_version"), latest);
        std::fs::remove_file(&db).unwrap();
    }
    eprintln!("migration: {} runs, {killed} killed while running", runs());
}

#[test]
fn a_burst_of_captures_killed_anywhere_keeps_every_saved_one_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = d.join("base.concord");
    ok(d, &base, &["init"]);
    // One small file per capture, imported one after another: each is its own transaction,
    // as the window saves each position.
    let mut script = String::new();
    for i in 0..200 {
        let file = d.join(format!("one-{i}.csv"));
        std::fs::write(
            &file,
            format!(
                "actor,session,proposal,stance,summary\nFRA,{},PoA,supports,capture {i}\n",
                1 + i % 10
            ),
        )
        .unwrap();
        script.push_str(&format!(
            "\"$CONCORD\" --db \"$DB\" import positions '{}' >/dev/null || exit 1\n",
            file.display()
        ));
    }
    let burst = d.join("burst.sh");
    std::fs::write(&burst, script).unwrap();
    let mut at = Moments::new();
    let mut killed = 0;
    for n in 0..runs() {
        let db = copy_of(&base, d, n);
        let mut command = Command::new("sh");
        command
            .arg(&burst)
            .env("CONCORD", env!("CARGO_BIN_EXE_concord"))
            .env("DB", &db)
            .env("XDG_CONFIG_HOME", d.join("config"))
            .env("XDG_DATA_HOME", d.join("data"))
            .env_remove("CONCORD_DB")
            .process_group(0);
        let mut child = command.spawn().unwrap();
        std::thread::sleep(at.next(2000));
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        // SIGKILL to the whole group: the shell and the concord it is running.
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", child.id())])
            .status();
        let _ = child.wait();
        integrity(&db);
        let positions = count(&db, "SELECT count(*) FROM position");
        let history = count(
            &db,
            "SELECT count(*) FROM position_history WHERE op = 'insert'",
        );
        let whole = count(
            &db,
            "SELECT count(*) FROM position WHERE summary LIKE 'capture %' AND stance = 'supports'",
        );
        assert_eq!(
            positions, history,
            "run {n}: every saved capture has its history"
        );
        assert_eq!(positions, whole, "run {n}: every saved capture is whole");
        std::fs::remove_file(&db).unwrap();
    }
    eprintln!("captures: {} runs, {killed} killed mid-burst", runs());
}
