//! Drives the real Concord window: starts tauri-driver (which starts WebKitWebDriver and the
//! app) on free ports with the database and config folder the test chooses, and cleans up.
//!
//! Needs: `target/e2e/concord-desktop` built (`make e2e-app`), `tauri-driver` on PATH (or ~/.cargo/bin),
//! WebKitWebDriver (Debian package webkit2gtk-driver), and a display (run under xvfb-run).
#![allow(clippy::unwrap_used)] // a test or bench: a failed unwrap is a failed run

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

pub use thirtyfour;

/// The desktop app built for these tests (release, with the `e2e` feature), by `make e2e`.
pub fn app_binary() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let bin = root.join("target/e2e/concord-desktop");
    assert!(
        bin.exists(),
        "{} is missing: run `make e2e-app` first",
        bin.display()
    );
    bin.canonicalize().unwrap_or(bin)
}

fn tauri_driver() -> PathBuf {
    if let Ok(found) = which("tauri-driver") {
        return found;
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    home.join(".cargo/bin/tauri-driver")
}

fn which(name: &str) -> Result<PathBuf, ()> {
    let path = std::env::var_os("PATH").ok_or(())?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .ok_or(())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free local port")
}

/// A real Concord database with the reference data at `dir/name`, closed again (its data in
/// the file alone), made as installation 7: files the window under test treats as from
/// elsewhere.
pub fn concord_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    drop(
        concord_core::Store::open_ready(
            &path,
            std::sync::Arc::new(concord_core::SystemClock),
            uuid::Uuid::from_u128(7),
        )
        .unwrap(),
    );
    path
}

/// One running window on one database file.
pub struct Window {
    pub driver: WebDriver,
    process: Child,
    config_dir: PathBuf,
}

impl Window {
    /// Starts the app on `db`, with `config_dir` as its config folder (so the user's own
    /// last-used database and installation id are never touched).
    pub async fn start(db: &Path, config_dir: &Path) -> WebDriverResult<Window> {
        Window::start_with(db, config_dir, &[]).await
    }

    /// Like [`Window::start`], with extra environment for the app (e.g. CONCORD_SAVE_PATH,
    /// which stands in for the native save dialog).
    pub async fn start_with(
        db: &Path,
        config_dir: &Path,
        env: &[(&str, &Path)],
    ) -> WebDriverResult<Window> {
        Window::launch(Some(db), config_dir, env, "form.capture").await
    }

    /// Starts the app with `CONCORD_DB` set to `db` (or unset: then the last database the
    /// config folder remembers, else the demo) and waits for `ready` (a CSS selector).
    pub async fn launch(
        db: Option<&Path>,
        config_dir: &Path,
        env: &[(&str, &Path)],
        ready: &str,
    ) -> WebDriverResult<Window> {
        Window::launch_app(&app_binary(), db, config_dir, env, ready).await
    }

    /// Like [`Window::launch`], running `app` (e.g. a wrapper that starts the app under strace).
    pub async fn launch_app(
        app: &Path,
        db: Option<&Path>,
        config_dir: &Path,
        env: &[(&str, &Path)],
        ready: &str,
    ) -> WebDriverResult<Window> {
        let mut caps = Capabilities::new();
        caps.set("browserName", "wry")?;
        caps.set("tauri:options", serde_json::json!({ "application": app }))?;
        let port = free_port();
        let native_port = free_port();
        let mut command = Command::new(tauri_driver());
        command.env_remove("CONCORD_DB");
        if let Some(db) = db {
            command.env("CONCORD_DB", db);
        }
        let mut process = command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("XDG_CONFIG_HOME", config_dir)
            .env("XDG_DATA_HOME", config_dir.join("data"))
            .env("XDG_CACHE_HOME", config_dir.join("cache"))
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect(
                "cannot start tauri-driver: install it with `cargo install tauri-driver --locked`",
            );
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        let driver = loop {
            match WebDriver::new(&url, caps.clone()).await {
                Ok(d) => break d,
                Err(e) if Instant::now() > deadline => {
                    let _ = process.kill();
                    let _ = process.wait();
                    return Err(e);
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        let window = Window {
            driver,
            process,
            config_dir: config_dir.to_path_buf(),
        };
        window.wait_for_css(ready).await?;
        Ok(window)
    }

    /// Ends the session and stops tauri-driver with SIGTERM, so it also stops WebKitWebDriver.
    pub async fn stop(mut self) -> WebDriverResult<()> {
        let driver = self.driver.clone();
        driver.quit().await?;
        self.terminate();
        self.wait_profile_gone();
        Ok(())
    }

    fn terminate(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.process.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.process.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.process.kill();
        let _ = self.process.wait();
    }

    /// Waits until no process of this profile is left (WebKitWebDriver, the app and its web
    /// processes all carry its XDG_CONFIG_HOME), killing stragglers after 10 s. The app keeps
    /// one instance per profile: a window started while the last one is still closing would
    /// hand its file to the closing one and exit, and the new WebDriver session would hang.
    fn wait_profile_gone(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = processes_of(&self.config_dir);
            if left.is_empty() {
                return;
            }
            if Instant::now() > deadline {
                for pid in left {
                    let _ = Command::new("kill")
                        .args(["-KILL", &pid.to_string()])
                        .status();
                }
                std::thread::sleep(Duration::from_millis(200));
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits up to 10 s until the header names the file whose path ends in `name` as the one
    /// the window works on (the full path is its title: the text itself may be cut short).
    pub async fn shows_file(&self, name: &str) -> WebDriverResult<()> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let title = self
                .driver
                .find(By::Css("header .db"))
                .await?
                .attr("title")
                .await?;
            if title.as_deref().is_some_and(|t| t.ends_with(name)) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(WebDriverError::Timeout(format!(
                    "the window shows {title:?}, not {name}"
                )));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits up to 10 s for an element.
    pub async fn wait_for_css(&self, css: &str) -> WebDriverResult<WebElement> {
        self.wait_for(By::Css(css)).await
    }

    pub async fn wait_for(&self, by: By) -> WebDriverResult<WebElement> {
        self.driver
            .query(by)
            .wait(Duration::from_secs(10), Duration::from_millis(100))
            .first()
            .await
    }

    /// Waits up to 10 s until `check` is true of the page's visible text.
    pub async fn wait_for_text(
        &self,
        css: &str,
        check: impl Fn(&str) -> bool,
    ) -> WebDriverResult<String> {
        self.wait_for_text_within(css, Duration::from_secs(10), check)
            .await
    }

    /// Waits up to `limit` until `check` is true of the text of `css` (for work that takes
    /// long, such as a large import).
    pub async fn wait_for_text_within(
        &self,
        css: &str,
        limit: Duration,
        check: impl Fn(&str) -> bool,
    ) -> WebDriverResult<String> {
        let deadline = Instant::now() + limit;
        loop {
            let text = match self.driver.find(By::Css(css)).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if check(&text) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(WebDriverError::Timeout(format!(
                    "{css} never showed the expected text; last text: {text:?}"
                )));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Types into whatever has the keyboard focus, as a person would.
    pub async fn type_keys(&self, keys: impl Into<TypingData>) -> WebDriverResult<()> {
        self.driver.active_element().await?.send_keys(keys).await
    }

    /// Picks an option in the picker `css` by typing `text` and Enter, as a person would.
    pub async fn pick(&self, css: &str, text: &str) -> WebDriverResult<()> {
        let field = self.wait_for_css(css).await?;
        field.click().await?;
        field.send_keys(text).await?;
        field.send_keys(Key::Enter).await
    }

    /// Chooses the option shown as `option` in the drop-down `select` (its id), by clicking it.
    pub async fn choose(&self, select: &str, option: &str) -> WebDriverResult<()> {
        self.driver
            .find(By::XPath(format!(
                "//select[@id='{select}']/option[normalize-space()='{option}']"
            )))
            .await?
            .click()
            .await
    }

    /// Presses Ctrl+<key>.
    pub async fn ctrl(&self, key: &str) -> WebDriverResult<()> {
        self.driver
            .action_chain()
            .key_down(Key::Control)
            .send_keys(key)
            .key_up(Key::Control)
            .perform()
            .await
    }

    /// Ctrl+Shift+S: sync with the team.
    pub async fn ctrl_shift_s(&self) -> WebDriverResult<()> {
        self.ctrl_shift("s").await
    }

    /// Ctrl+Shift+`key` (Ctrl+Shift+K folds the capture panel away).
    pub async fn ctrl_shift(&self, key: &str) -> WebDriverResult<()> {
        self.driver
            .action_chain()
            .key_down(Key::Control)
            .key_down(Key::Shift)
            .send_keys(key)
            .key_up(Key::Shift)
            .key_up(Key::Control)
            .perform()
            .await
    }

    /// Saves a screenshot of the window as `name`.png in the folder named by CONCORD_SHOTS,
    /// when that is set (for looking at what the tests saw); does nothing otherwise.
    pub async fn shot(&self, name: &str) -> WebDriverResult<()> {
        if let Some(dir) = std::env::var_os("CONCORD_SHOTS") {
            let dir = PathBuf::from(dir);
            let _ = std::fs::create_dir_all(&dir);
            self.driver
                .screenshot(&dir.join(format!("{name}.png")))
                .await?;
        }
        Ok(())
    }

    /// The id of the element that has the keyboard focus.
    pub async fn focused_id(&self) -> WebDriverResult<String> {
        Ok(self
            .driver
            .active_element()
            .await?
            .id()
            .await?
            .unwrap_or_default())
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        // A failed test may not reach stop(): never leave tauri-driver or the app behind.
        if let Ok(None) = self.process.try_wait() {
            self.terminate();
            self.wait_profile_gone();
        }
    }
}

/// The processes whose environment sets XDG_CONFIG_HOME to `config_dir`.
pub fn processes_of(config_dir: &Path) -> Vec<u32> {
    let mut wanted = b"XDG_CONFIG_HOME=".to_vec();
    wanted.extend_from_slice(config_dir.as_os_str().as_encoded_bytes());
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != std::process::id())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.split(|b| *b == 0).any(|v| v == wanted.as_slice()))
                .unwrap_or(false)
        })
        .collect()
}
