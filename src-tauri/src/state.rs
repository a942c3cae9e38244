//! The database the window works on, and where the app keeps its small files.
//!
//! The window always opens. When the file it was to open at start cannot be opened, no store
//! is open and the reason is kept (`start_problem`); every command that needs the store then
//! says so, and the UI offers Open…, New…, the demo and Restore a backup….

use crate::error::{CommandError, CommandResult};
use concord_core::backup::{self, BackupInfo};
use concord_core::model::{DatabaseInfo, ErrorCode, StartProblem};
use concord_core::{prefs, Store, SystemClock};
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use uuid::Uuid;

pub struct AppState {
    store: Mutex<Option<Store>>,
    problem: Mutex<Option<StartProblem>>,
    installation: Uuid,
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
    pub fn new(
        store: Result<Store, StartProblem>,
        installation: Uuid,
        config_dir: PathBuf,
        demo_path: PathBuf,
    ) -> Self {
        let (store, problem) = match store {
            Ok(s) => {
                // The file opened at start gets its daily backup as any file opened later does.
                if let Some(path) = s.path() {
                    back_up_when_due(path);
                }
                (Some(s), None)
            }
            Err(p) => (None, Some(p)),
        };
        AppState {
            store: Mutex::new(store),
            problem: Mutex::new(problem),
            installation,
            config_dir,
            demo_path,
            last_export: Mutex::new(None),
            chosen_import: Mutex::new(None),
            stop_import: AtomicBool::new(false),
            recent_changed: Mutex::new(None),
        }
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

    fn replace(&self, store: Store, path: &Path) -> CommandResult<DatabaseInfo> {
        let info = store.info()?;
        *lock(&self.store) = Some(store);
        *lock(&self.problem) = None;
        remember(&self.config_dir, path);
        if let Some(hook) = &*lock(&self.recent_changed) {
            hook(self.recent());
        }
        back_up_when_due(path);
        Ok(info)
    }

    /// The file the window works on: the open one, else the one that could not be opened.
    fn current_path(&self) -> CommandResult<PathBuf> {
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
