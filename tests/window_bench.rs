//! `make bench-window`: Concord's window on the 1.08 M-position file beside a bare Tauri 2
//! window (bench/bare-window), both started the same way (tauri-driver, WebKitWebDriver,
//! Xvfb), in the same run:
//! - opening: from asking for the window to its first page shown (Concord: the first rows
//!   of the positions table; the bare window: its one line), median of three openings after
//!   a first one (the first opening of a file from elsewhere checks it, and is shown apart);
//! - memory: the proportional set size (PSS) of the app and its WebKit processes, summed,
//!   with the first page shown (while the day's backup runs), once the backup is made, and
//!   after the views;
//! - each view, once the day's automatic backup of the file is made, timed inside the page
//!   from the click (or the change, or the typing) to its
//!   content painted: the matrix of all sessions, the matrix narrowed to one session, a State's
//!   page, a topic's page, a search (minus the 150 ms the search field waits for typing to
//!   pause); beside each, when the backend's answer came (the rest is the page's work).
//!
//! Usage: CONCORD_BENCH_FILE=target/bench/generated-1m.concord cargo bench -p concord-e2e --bench window
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use concord_e2e::thirtyfour::prelude::*;
use concord_e2e::{app_binary, processes_of, Window};
use std::path::Path;
use std::time::{Duration, Instant};

const OPENINGS: usize = 3;

/// Opens `app` (on `db`) and waits for `ready`, polling every 5 ms.
async fn open(app: &Path, db: Option<&Path>, config: &Path, ready: &str) -> (Window, Duration) {
    let start = Instant::now();
    let w = Window::launch_app(app, db, config, &[], "body")
        .await
        .unwrap();
    let deadline = start + Duration::from_secs(120);
    while w.driver.find_all(By::Css(ready)).await.unwrap().is_empty() {
        assert!(Instant::now() < deadline, "{ready} never showed");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    (w, start.elapsed())
}

/// The PSS of the window's processes (not tauri-driver's nor WebKitWebDriver's), in MB:
/// in all, and process by process (name and MB).
fn pss_mb(config: &Path) -> (f64, Vec<(String, f64)>) {
    let each: Vec<(String, f64)> = processes_of(config)
        .into_iter()
        .filter_map(|pid| {
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            let comm = comm.trim().to_string();
            if matches!(comm.as_str(), "tauri-driver" | "WebKitWebDriver") {
                return None;
            }
            let kb = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
                .unwrap_or_default()
                .lines()
                .find_map(|l| l.strip_prefix("Pss:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .unwrap_or(0);
            Some((comm, kb as f64 / 1024.0))
        })
        .collect();
    (each.iter().map(|(_, mb)| mb).sum(), each)
}

/// "name 12 MB, …"
fn by_process(each: &[(String, f64)]) -> String {
    each.iter()
        .map(|(name, mb)| format!("{name} {mb:.0} MB"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn median<T: PartialOrd + Copy>(mut v: Vec<T>) -> T {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v[v.len() / 2]
}

/// Opens a page by its button in the header and waits for `ready`, untimed.
async fn go(w: &Window, nav: &str, ready: &str) {
    w.driver
        .find(By::Id(nav))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    w.wait_for_css(ready).await.unwrap();
}

/// Acts in the page and answers how many milliseconds passed until the view showed what it
/// was asked, and until the backend's last answer came (the rest is the page's own work): `click` (a CSS selector) then `ready`; `choose` (a select, and the index of
/// its option or words of its label) then `ready`, or without one a change of the matrix's text;
/// `search` (the words) then the count of their results.
const TIMED: &str = r#"
const [act, target, extra, ready, done] = arguments;
const t0 = performance.now();
// When the backend's last answer came (any command asked since t0): the rest is the page's.
// Tauri's IPC is a fetch of its ipc: protocol (its own invoke cannot be wrapped).
const fetched = window.fetch;
let answered = null;
const calls = [];
window.fetch = (...call) => {
  const asked = performance.now() - t0;
  return fetched(...call).then((r) => {
    answered = performance.now() - t0;
    calls.push(String(call[0]).split('/').pop() + ' ' + asked.toFixed(0) + '→' + answered.toFixed(0) + ' ms');
    return r;
  });
};
// Shown means painted: the content is in the page, and two frames later it has been laid
// out and drawn (otherwise a view's layout is charged to the next one).
// The frame where the content is first seen splits the page's own work: before it, the
// script made the content; after it, the engine laid it out and drew it.
let seenAt = null;
const finish = () => requestAnimationFrame(() => requestAnimationFrame(() => {
  window.fetch = fetched;
  done([performance.now() - t0, answered, calls.join(', '), seenAt]);
}));
let seen;
if (act === 'click') {
  seen = () => document.querySelector(ready) !== null;
} else if (act === 'search') {
  seen = () => (document.querySelector('#search-count')?.textContent ?? '').includes('\u201c' + target + '\u201d');
} else if (ready !== '') {
  seen = () => document.querySelector(ready) !== null;
} else {
  // The matrix may be made anew: its text, whichever element holds it, differs.
  const text = () => document.querySelector('table.matrix')?.textContent ?? '';
  const before = text();
  seen = () => text() !== before;
}
// Looked at once a frame: a MutationObserver would read the whole matrix's text after
// every batch of its changes, and be timed itself.
const poll = () => (seen() ? ((seenAt = performance.now() - t0), finish()) : requestAnimationFrame(poll));
requestAnimationFrame(poll);
if (act === 'click') {
  document.querySelector(target).click();
} else if (act === 'search') {
  const input = document.querySelector('#search-input');
  input.value = target;
  input.dispatchEvent(new Event('input', { bubbles: true }));
} else {
  const select = document.querySelector(target);
  select.selectedIndex = typeof extra === 'number'
    ? extra
    : [...select.options].findIndex((o) => o.textContent.includes(extra));
  select.dispatchEvent(new Event('change', { bubbles: true }));
}
"#;

async fn timed(
    w: &Window,
    act: &str,
    target: &str,
    extra: serde_json::Value,
    ready: &str,
) -> Timed {
    let args = vec![
        serde_json::json!(act),
        serde_json::json!(target),
        extra,
        serde_json::json!(ready),
    ];
    eprintln!("timing: {act} {target}");
    let ms = w.driver.execute_async(TIMED, args).await.unwrap();
    let ms = ms.json().as_array().unwrap().clone();
    Timed {
        shown: ms[0].as_f64().unwrap(),
        answered: ms[1].as_f64(),
        calls: ms[2].as_str().unwrap_or_default().to_string(),
        seen: ms[3].as_f64(),
    }
}

/// A view's time: until it showed, and until the backend answered.
struct Timed {
    shown: f64,
    answered: Option<f64>,
    /// Each backend call: command, asked → answered (ms after the act).
    calls: String,
    /// When the content was first in the page, before it was laid out and drawn.
    seen: Option<f64>,
}

impl std::fmt::Display for Timed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:7.1} ms", self.shown)?;
        if let Some(seen) = self.seen {
            write!(f, " (in the page at {seen:.1})")?;
        }
        match self.answered {
            Some(a) => write!(f, " (the backend answered after {a:.1} ms: {})", self.calls),
            None => write!(f, " (no backend call)"),
        }
    }
}

/// Chooses an option (by index, or words of its label) without timing it.
async fn choose(w: &Window, select: &str, option: serde_json::Value) {
    w.driver
        .execute(
            "const [css, option] = arguments; const s = document.querySelector(css); \
             s.selectedIndex = typeof option === 'number' ? option \
               : [...s.options].findIndex((o) => o.textContent.includes(option)); \
             s.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::json!(select), option],
        )
        .await
        .unwrap();
}

#[tokio::main]
async fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    // Relative to the repository (cargo runs a bench in its package's folder).
    let file = root.join(
        std::env::var_os("CONCORD_BENCH_FILE").expect("CONCORD_BENCH_FILE: the file to open"),
    );
    let bare = root.join("target/release/bare-window");
    assert!(
        bare.exists(),
        "{} is missing: cargo build --release -p bare-window",
        bare.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("window-1m.concord");
    std::fs::copy(&file, &db)
        .unwrap_or_else(|e| panic!("cannot copy {} to open it: {e}", file.display()));
    let app = app_binary();

    // The bare window (a new config folder each time), then Concord, in turns.
    let mut bare_times = Vec::new();
    let mut concord_times = Vec::new();
    let mut bare_pss = Vec::new();
    let mut concord_pss = Vec::new();
    let (mut bare_each, mut concord_each) = (String::new(), String::new());
    // Concord's openings share one config folder, as on a user's machine: the first one
    // checks the file (made elsewhere), the next ones know it.
    let concord_config = dir.path().join("config-concord");
    let first = {
        let config = &concord_config;
        let (w, took) = open(&app, Some(&db), config, "table.positions tbody tr").await;
        w.stop().await.unwrap();
        took
    };
    for i in 0..OPENINGS {
        let config = dir.path().join(format!("config-bare-{i}"));
        let (w, took) = open(&bare, None, &config, "#ready").await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let (all, each) = pss_mb(&config);
        bare_pss.push(all);
        bare_each = by_process(&each);
        bare_times.push(took);
        w.stop().await.unwrap();

        let config = &concord_config;
        let (w, took) = open(&app, Some(&db), config, "table.positions tbody tr").await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let (all, each) = pss_mb(config);
        concord_pss.push(all);
        concord_each = by_process(&each);
        concord_times.push(took);
        if i + 1 < OPENINGS {
            w.stop().await.unwrap();
            continue;
        }
        // The day's first opening backs the file up in the background (a copy of 1.6 GB,
        // checked in full), which competes with the page on two cores: the views are timed
        // once it is done, and how long it ran is printed.
        let backups = concord_core::backup::folder_for(&config.join("data/concord"), &db);
        let since = Instant::now();
        while concord_core::backup::list(&backups).is_empty() {
            assert!(
                since.elapsed() < Duration::from_secs(600),
                "no backup was made"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        println!(
            "the day's first backup of the file ended {:.1} s after the first page showed",
            since.elapsed().as_secs_f64() + 2.0
        );
        tokio::time::sleep(Duration::from_secs(2)).await;
        let (settled, settled_each) = pss_mb(config);
        // The views, in the last window.
        let none = serde_json::Value::Null;
        let page = timed(&w, "click", "#nav-matrix", none.clone(), "table.matrix").await;
        // Topics as columns, then the generated process: its 30 sessions.
        choose(&w, "#matrix-axis", serde_json::json!("Topics")).await;
        let process = serde_json::json!("Synthetic");
        let matrix = timed(&w, "choose", "#matrix-process", process, "td.cell").await;
        // From the 7th session (it changes no cell: each shows the latest), then to it.
        choose(&w, "#matrix-from", serde_json::json!(7)).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let one_session = timed(&w, "choose", "#matrix-to", serde_json::json!(7), "").await;
        let cells = w
            .driver
            .execute(
                "return document.querySelectorAll('table.matrix td.cell').length",
                vec![],
            )
            .await
            .unwrap()
            .json()
            .clone();
        let topic = timed(
            &w,
            "click",
            "button.open-subject",
            none.clone(),
            "#subject-title",
        )
        .await;
        go(&w, "nav-positions", "table.positions tbody tr .actor-link").await;
        let state = timed(
            &w,
            "click",
            "table.positions tbody tr .actor-link",
            none.clone(),
            "#timeline-actor",
        )
        .await;
        go(&w, "nav-search", "#search-input").await;
        let mut searches = Vec::new();
        for words in [
            "sovereignty",
            "humanitarian law",
            "capac",
            "supply chain",
            "gender",
        ] {
            searches.push(timed(&w, "search", words, none.clone(), "").await.shown - 150.0);
        }
        searches.sort_by(f64::total_cmp);
        println!("views in the window (from the click to the view shown):");
        println!("  matrix page (its first process, empty): {page}");
        println!("  matrix, all 30 sessions:       {matrix}");
        println!("  matrix, one session:           {one_session}");
        println!("  cells of the matrix in the page: {cells}");
        println!("  a topic's page:                {topic}");
        println!("  a State's page:                {state}");
        println!(
            "  search (after the 150 ms pause), median of 5: {:7.1} ms (worst {:.1} ms)",
            searches[2], searches[4]
        );
        let (viewed, viewed_each) = pss_mb(config);
        println!(
            "Concord's PSS once the backup is made: {settled:.0} MB ({}); after the views: {viewed:.0} MB ({})",
            by_process(&settled_each),
            by_process(&viewed_each)
        );
        w.stop().await.unwrap();
    }
    let (b, c) = (median(bare_times), median(concord_times));
    println!(
        "window opening, median of {OPENINGS}: bare Tauri 2 window {} ms; Concord on {} ({} MB) to its first page {} ms ({:.2}x); the first opening, which checks the file: {} ms",
        b.as_millis(),
        file.display(),
        std::fs::metadata(&file).map(|m| m.len() / 1_000_000).unwrap_or(0),
        c.as_millis(),
        c.as_secs_f64() / b.as_secs_f64(),
        first.as_millis()
    );
    let (bp, cp) = (median(bare_pss), median(concord_pss));
    println!(
        "window memory (PSS of the app and its WebKit processes), median: bare {bp:.0} MB; Concord {cp:.0} MB ({:.2}x)",
        cp / bp
    );
    println!("  by process, last opening: bare: {bare_each}; Concord: {concord_each}");
}
