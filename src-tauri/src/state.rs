//! The database the window works on, and where the app keeps its small files.

use crate::error::{CommandError, CommandResult};
use concord_core::model::{DatabaseInfo, ErrorCode};
use concord_core::{prefs, Store, SystemClock};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use uuid::Uuid;

pub struct AppState {
    store: Mutex<Store>,
    installation: Uuid,
    config_dir: PathBuf,
    /// The file the last export wrote, for "Show in folder".
    last_export: Mutex<Option<PathBuf>>,
}

impl AppState {
    pub fn new(store: Store, installation: Uuid, config_dir: PathBuf) -> Self {
        AppState {
            store: Mutex::new(store),
            installation,
            config_dir,
            last_export: Mutex::new(None),
        }
    }

    pub fn remember_export(&self, path: &Path) {
        if let Ok(mut last) = self.last_export.lock() {
            *last = Some(path.to_path_buf());
        }
    }

    /// The file the last export wrote.
    pub fn last_export(&self) -> CommandResult<PathBuf> {
        self.last_export
            .lock()
            .ok()
            .and_then(|l| l.clone())
            .ok_or_else(|| CommandError::new(ErrorCode::NotFound, "nothing has been exported yet"))
    }

    pub fn store(&self) -> CommandResult<MutexGuard<'_, Store>> {
        self.store.lock().map_err(|_| {
            CommandError::new(
                ErrorCode::Internal,
                "an earlier command failed midway; restart Concord",
            )
        })
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

    fn replace(&self, store: Store, path: &Path) -> CommandResult<DatabaseInfo> {
        let info = store.info()?;
        *self.store()? = store;
        remember(&self.config_dir, path);
        Ok(info)
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

/// Best effort: failing to remember the last file must not stop the user's work.
pub fn remember(config_dir: &Path, path: &Path) {
    if let Err(e) = prefs::remember_database(config_dir, path) {
        eprintln!("concord: could not remember {}: {e}", path.display());
    }
}
