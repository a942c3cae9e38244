//! The database the window works on, and where the app keeps its small files.
//!
//! The window always opens, at once: the file chosen at start is opened beside it (`start`),
//! since a file new to this computer is checked in full first, which takes seconds at a
//! million positions. Meanwhile the page says which file it is opening (`opening`), and
//! every command that needs the store waits for it. When that file cannot be opened, no
//! store is open and the reason is kept (`start_problem`); every command that needs the
//! store then says so, and the UI offers Open…, New…, the demo and Restore a backup….

use crate::error::{CommandError, CommandResult};
use concord_core::backup::{self, BackupInfo};
use concord_core::model::{DatabaseInfo, ErrorCode, StartProblem};
use concord_core::prefs::{self, StartWith};
use concord_core::team::SettingsSeal;
use concord_core::{Store, SystemClock};
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use uuid::Uuid;

pub struct AppState {
    /// The file chosen at start while it is being opened (see `start`); `started` is told
    /// when it is done.
    opening: Mutex<Option<PathBuf>>,
    started: Condvar,
    store: Mutex<Option<Store>>,
    problem: Mutex<Option<StartProblem>>,
    installation: Uuid,
    /// Seals the team key and password of every file this window opens.
    seal: SettingsSeal,
    config_dir: PathBuf,
    demo_path: PathBuf,
    /// The file the last export wrote, for "Show in folder".
    last_export: Mutex<Option<PathBuf>>,
    /// The positions file the analyst chose in Import Positions…: the one its Import writes.
    /// The window never names a file itself, so it can import only what the user picked.
    chosen_import: Mutex<Option<PathBuf>>,
    /// Set by Cancel while an import runs; the import then writes nothing.
    stop_import: AtomicBool,
    /// Told the recent files whenever the list changes (the menu's Open Recent).
    recent_changed: Mutex<Option<RecentHook>>,
}

type RecentHook = Box<dyn Fn(Vec<PathBuf>) + Send + Sync>;

/// The open store, locked for one command.
pub struct StoreGuard<'a>(MutexGuard<'a, Option<Store>>);

impl Deref for StoreGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        // Built only over Some (see `AppState::store`).
        self.0.as_ref().unwrap_or_else(|| unreachable!())
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        self.0.as_mut().unwrap_or_else(|| unreachable!())
    }
}

/// Locks `m` even after a command panicked while holding it: what the store holds is in
/// SQLite, and a panic inside a write drops its transaction, which rolls it back, so the
/// session carries on instead of asking for a restart.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl AppState {
    /// The app's state before any file is open: `start` opens the first one.
    pub fn new(
        installation: Uuid,
        seal: SettingsSeal,
        config_dir: PathBuf,
        demo_path: PathBuf,
    ) -> Self {
        AppState {
            opening: Mutex::new(None),
            started: Condvar::new(),
            store: Mutex::new(None),
            problem: Mutex::new(None),
            installation,
            seal,
            config_dir,
            demo_path,
            last_export: Mutex::new(None),
            chosen_import: Mutex::new(None),
            stop_import: AtomicBool::new(false),
            recent_changed: Mutex::new(None),
        }
    }

    /// Opens the file chosen at start in a thread of its own, so that the window shows at
    /// once. The app's state must be managed already.
    pub fn start(app: &tauri::AppHandle, start: StartWith) {
        use tauri::Manager;
        let state = app.state::<AppState>();
        *lock(&state.opening) = Some(start.path().to_path_buf());
        let installation = state.installation;
        let app = app.clone();
        std::thread::spawn(move || {
            #[cfg(feature = "e2e")]
            held_for_tests();
            let opened = start.open(Arc::new(SystemClock), installation);
            app.state::<AppState>().started(&start, opened);
        });
    }

    /// The file chosen at start is open, or could not be: keeps it or the reason, unless the
    /// window was given another file meanwhile (then this one is closed unused). Locks are
    /// always taken in this order: the store, then `opening`, then the problem.
    fn started(&self, start: &StartWith, opened: Result<Store, StartProblem>) {
        let mut slot = lock(&self.store);
        let mut opening = lock(&self.opening);
        if opening.is_none() {
            return;
        }
        let opened = match opened {
            Ok(mut store) => {
                store.use_settings_seal(self.seal.clone());
                *slot = Some(store);
                true
            }
            Err(p) => {
                eprintln!("concord: {}", p.error.message);
                *lock(&self.problem) = Some(p);
                false
            }
        };
        *opening = None;
        self.started.notify_all();
        drop(opening);
        drop(slot);
        if opened {
            self.now_working_on(start.path());
        }
    }

    /// A file is open: it is the last one used and first in Open Recent, and it gets its
    /// daily backup, whether opened at start or later.
    fn now_working_on(&self, path: &Path) {
        remember(&self.config_dir, path);
        if let Some(hook) = &*lock(&self.recent_changed) {
            hook(self.recent());
        }
        back_up_when_due(path);
    }

    /// Waits until the file chosen at start is open or refused.
    fn wait_for_start(&self) {
        let opening = lock(&self.opening);
        let _done = self
            .started
            .wait_while(opening, |o| o.is_some())
            .unwrap_or_else(PoisonError::into_inner);
    }

    /// The file being opened at start, if it still is (the page says so meanwhile).
    pub fn opening(&self) -> Option<String> {
        lock(&self.opening)
            .as_ref()
            .map(|p| p.display().to_string())
    }

    /// The files opened last, newest first (File → Open Recent).
    pub fn recent(&self) -> Vec<PathBuf> {
        prefs::recent_databases(&self.config_dir)
    }

    /// Calls `hook` with the recent files each time the window opens another file.
    pub fn on_recent_changed(&self, hook: RecentHook) {
        *lock(&self.recent_changed) = Some(hook);
    }

    /// Keeps the positions file the analyst chose, for the Import that follows its preview.
    pub fn choose_import(&self, path: &Path) {
        *lock(&self.chosen_import) = Some(path.to_path_buf());
        self.stop_import.store(false, Ordering::Relaxed);
    }

    /// The positions file chosen last in Import Positions….
    pub fn chosen_import(&self) -> CommandResult<PathBuf> {
        lock(&self.chosen_import).clone().ok_or_else(|| {
            CommandError::new(
                ErrorCode::NotFound,
                "no positions file is chosen: choose one with Import Positions…",
            )
        })
    }

    /// Whether Cancel was pressed since the running import began.
    pub fn import_stopped(&self) -> bool {
        self.stop_import.load(Ordering::Relaxed)
    }

    /// The import ended (written, refused or stopped): a Cancel pressed before it began,
    /// even before its first step, counted for it; the next one starts afresh.
    pub fn import_ended(&self) {
        self.stop_import.store(false, Ordering::Relaxed);
    }

    /// Cancel: the running import stops at its next block and writes nothing.
    pub fn stop_import(&self) {
        self.stop_import.store(true, Ordering::Relaxed);
    }

    pub fn remember_export(&self, path: &Path) {
        *lock(&self.last_export) = Some(path.to_path_buf());
    }

    /// The file the last export wrote.
    pub fn last_export(&self) -> CommandResult<PathBuf> {
        lock(&self.last_export)
            .clone()
            .ok_or_else(|| CommandError::new(ErrorCode::NotFound, "nothing has been exported yet"))
    }

    /// The open database; an error naming the start problem when none is open.
    pub fn store(&self) -> CommandResult<StoreGuard<'_>> {
        self.wait_for_start();
        let guard = lock(&self.store);
        if guard.is_none() {
            let message = match &*lock(&self.problem) {
                Some(p) => format!("no database is open: {}", p.error.message),
                None => "no database is open; open one or create a new one".to_string(),
            };
            return Err(CommandError::new(ErrorCode::NoDatabase, message));
        }
        Ok(StoreGuard(guard))
    }

    /// Why the database chosen at start is not open, if it is not.
    pub fn start_problem(&self) -> Option<StartProblem> {
        self.wait_for_start();
        lock(&self.problem).clone()
    }

    /// Opens `path` (creating it if needed) and makes it the window's database.
    pub fn switch_to(&self, path: &Path) -> CommandResult<DatabaseInfo> {
        self.replace(open(path, self.installation)?, path)
    }

    /// Creates a new database at `path` (refused if a file is there) and switches to it.
    pub fn create_new(&self, path: &Path) -> CommandResult<DatabaseInfo> {
        let store = Store::create(path, Arc::new(SystemClock), self.installation)?;
        self.replace(store, path)
    }

    /// Opens the demo database in the app's data folder, made with the demo positions the
    /// first time.
    pub fn open_demo(&self) -> CommandResult<DatabaseInfo> {
        let store =
            concord_core::demo::open(&self.demo_path, Arc::new(SystemClock), self.installation)?;
        self.replace(store, &self.demo_path.clone())
    }

    fn replace(&self, mut store: Store, path: &Path) -> CommandResult<DatabaseInfo> {
        store.use_settings_seal(self.seal.clone());
        let info = store.info()?;
        // A file chosen now wins over the one still opening from the start (the lock order
        // of `started`).
        let mut slot = lock(&self.store);
        let mut opening = lock(&self.opening);
        *slot = Some(store);
        *lock(&self.problem) = None;
        *opening = None;
        self.started.notify_all();
        drop(opening);
        drop(slot);
        self.now_working_on(path);
        Ok(info)
    }

    /// The file the window works on: the open one, else the one that could not be opened.
    fn current_path(&self) -> CommandResult<PathBuf> {
        self.wait_for_start();
        if let Some(path) = lock(&self.store).as_ref().and_then(|s| s.path()) {
            return Ok(path.to_path_buf());
        }
        lock(&self.problem)
            .as_ref()
            .map(|p| PathBuf::from(&p.path))
            .ok_or_else(|| CommandError::new(ErrorCode::NoDatabase, "no database is open"))
    }

    /// The backups of the window's file, newest first.
    pub fn backups(&self) -> CommandResult<Vec<BackupInfo>> {
        Ok(backup::list(&backup::folder_of(&self.current_path()?)?))
    }

    /// Checks the window's file in full (integrity and schema), reading only.
    pub fn check(&self) -> CommandResult<String> {
        Ok(backup::check(&self.current_path()?)?)
    }

    /// Puts `backup` back as the window's file (the old file is kept beside it) and opens it.
    /// Only a backup of this file, from its own backup folder, is accepted.
    pub fn restore(&self, backup_path: &Path) -> CommandResult<DatabaseInfo> {
        let path = self.current_path()?;
        let known = self
            .backups()?
            .iter()
            .any(|b| Path::new(&b.path) == backup_path);
        if !known {
            return Err(CommandError::new(
                ErrorCode::NotFound,
                format!(
                    "{} is not a backup of {}",
                    backup_path.display(),
                    path.display()
                ),
            ));
        }
        // Close the file before it is replaced.
        *lock(&self.store) = None;
        backup::restore(backup_path, &path, chrono::Utc::now())?;
        self.switch_to(&path)
    }
}

/// The end-to-end tests' build holds the opening at start for `CONCORD_OPEN_DELAY_MS`, to see
/// what the window shows while a large file is checked.
#[cfg(feature = "e2e")]
fn held_for_tests() {
    let ms = std::env::var("CONCORD_OPEN_DELAY_MS").ok();
    if let Some(ms) = ms.and_then(|v| v.parse().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Opens a database ready for work, with the system clock.
pub fn open(path: &Path, installation: Uuid) -> CommandResult<Store> {
    Ok(Store::open_ready(
        path,
        Arc::new(SystemClock),
        installation,
    )?)
}

/// The automatic backup, beside the window's work in a thread of its own. Best effort: a
/// failed backup is reported, the work goes on.
pub fn back_up_when_due(db: &Path) {
    let db = db.to_path_buf();
    std::thread::spawn(move || {
        if let Err(e) = backup::when_due(&db, chrono::Utc::now()) {
            eprintln!(
                "concord: the automatic backup of {} failed: {e}",
                db.display()
            );
        }
    });
}

/// Best effort: failing to remember the last file must not stop the user's work.
pub fn remember(config_dir: &Path, path: &Path) {
    if let Err(e) = prefs::remember_database(config_dir, path) {
        eprintln!("concord: could not remember {}: {e}", path.display());
    }
}
