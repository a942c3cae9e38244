//! The local SQLite file: opening it safely, upgrading its schema, and every read and write.
//!
//! Only this module writes SQL. Other modules (import, reference, demo) hand it values.

mod agreement;
mod amendments;
mod apply;
mod backup;
mod capture;
#[cfg(test)]
mod capture_tests;
mod catalog;
mod catalog_edit;
mod changes;
#[cfg(test)]
mod clash_tests;
mod clashes;
mod cohesion;
#[cfg(test)]
mod compact_tests;
mod conflicts;
mod derived;
#[cfg(test)]
mod derived_tests;
mod digest;
mod error;
mod exchange;
mod file_settings;
mod in_force;
mod ledger;
mod matrix;
mod merge;
#[cfg(test)]
mod merge_tests;
mod migrate;
mod position_filter;
mod position_page;
#[cfg(test)]
mod position_page_tests;
mod positions;
mod restore;
mod revisions;
mod search;
mod seed;
pub(crate) mod set_bytes;
mod subject;
mod team;
mod timeline;
mod topic_edit;
mod trust;
mod writer;

pub use agreement::{Made, Statement, Words};
pub use backup::{backup_file, check_file};
pub use capture::ChangeSet;
pub use error::StoreError;
pub use exchange::{Cell, TableLoad, TableRows, EXCHANGED_TABLES};
pub use in_force::CitedParagraph;
pub use merge::MergeReport;
pub(crate) use merge::Offered;
pub use migrate::{APPLICATION_ID, LATEST_VERSION};
pub use position_page::{COUNT_CAP, MAX_PAGE};
pub use search::fts_query;
pub(crate) use writer::checked_name;
pub use writer::{Writer, MAX_NOTE_CHARS, MAX_QUOTE_CHARS, MAX_SOURCE_CHARS, MAX_SUMMARY_CHARS};

use crate::clock::Clock;
use crate::files::Found;
use crate::model::DatabaseInfo;
use crate::team::SettingsSeal;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use uuid::Uuid;

/// How long a write waits for another writer (a second window, the CLI) before it gives up.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// An open Concord database.
pub struct Store {
    conn: Connection,
    clock: Arc<dyn Clock>,
    installation: Uuid,
    path: Option<PathBuf>,
    /// Whether writes keep change sets (`capture.rs`); off only in the save benchmark.
    capture: bool,
    /// What seals the team key and the store's password in the file (`team/seal.rs`).
    settings_seal: SettingsSeal,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("installation", &self.installation)
            .finish()
    }
}

impl Store {
    /// Opens (or creates) the database at `path` and brings its schema up to date.
    ///
    /// A file that is not a Concord database, or that a newer Concord wrote, is refused and
    /// left exactly as it was. A database with data is backed up next to itself
    /// (`NAME.schema-vN.bak`) before its schema is upgraded.
    pub fn open(
        path: &Path,
        clock: Arc<dyn Clock>,
        installation: Uuid,
    ) -> Result<Store, StoreError> {
        Store::open_checked(path, clock, installation).map_err(|e| trust::name_damage(path, e))
    }

    fn open_checked(
        path: &Path,
        clock: Arc<dyn Clock>,
        installation: Uuid,
    ) -> Result<Store, StoreError> {
        let existed = match crate::files::found(path)? {
            Found::File(bytes) => bytes > 0,
            Found::Nothing => false,
            Found::NotAFile => {
                return Err(StoreError::NotAFile {
                    path: path.to_path_buf(),
                })
            }
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
                path: path.to_path_buf(),
                source,
            })?;
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        if existed {
            migrate::harden(&conn)?;
            migrate::check_openable(&conn, path)?;
            trust::check_schema(&conn, path)?;
            migrate::size_cache(&conn)?;
        }
        // A new file is ours; one this installation has not opened before is checked first.
        let known = existed && trust::opened_here(&conn, installation);
        if existed && !known {
            trust::quick_check(&conn, path)?;
        }
        migrate::configure(&conn)?;
        migrate::upgrade(&mut conn, path, migrate::MIGRATIONS)?;
        if !known {
            trust::mark_opened(&conn, installation);
        }
        Ok(Store {
            conn,
            clock,
            installation,
            path: Some(path.to_path_buf()),
            capture: true,
            settings_seal: SettingsSeal::this_process(),
        })
    }

    /// Opens (or creates) the database at `path` ready for work: schema up to date and, when
    /// the file has never had it or has an older version of it, the reference data loaded
    /// (what the user changed or removed of it stays as the user left it).
    pub fn open_ready(
        path: &Path,
        clock: Arc<dyn Clock>,
        installation: Uuid,
    ) -> Result<Store, StoreError> {
        let mut store = Store::open(path, clock, installation)?;
        let version: Option<String> = store
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'reference_version'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let version = version.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        if version < crate::reference::VERSION {
            store.load_reference()?;
        }
        Ok(store)
    }

    /// Creates a new database at `path`, ready for work. A path that already holds a file is
    /// refused: "New" must neither open nor overwrite an old one.
    pub fn create(
        path: &Path,
        clock: Arc<dyn Clock>,
        installation: Uuid,
    ) -> Result<Store, StoreError> {
        if path.exists() && std::fs::metadata(path)?.len() > 0 {
            return Err(StoreError::invalid(
                "new database",
                format!(
                    "{} already exists; use Open to open it, or choose a new name",
                    path.display()
                ),
            ));
        }
        Store::open_ready(path, clock, installation)
    }

    /// The open file, its schema and what it holds.
    pub fn info(&self) -> Result<DatabaseInfo, StoreError> {
        Ok(DatabaseInfo {
            path: self.path.as_ref().map(|p| p.display().to_string()),
            schema_version: self.schema_version()?,
            installation_id: self.installation,
            counts: self.counts()?,
        })
    }

    /// A database that lives in memory only: for tests and benchmarks.
    pub fn open_in_memory(clock: Arc<dyn Clock>, installation: Uuid) -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        migrate::configure(&conn)?;
        migrate::upgrade(&mut conn, Path::new(":memory:"), migrate::MIGRATIONS)?;
        Ok(Store {
            conn,
            clock,
            installation,
            path: None,
            capture: true,
            settings_seal: SettingsSeal::this_process(),
        })
    }

    /// The file this store reads and writes, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The installation whose changes this store records.
    pub fn installation(&self) -> Uuid {
        self.installation
    }

    /// Seals the team key and the store's password with the installation's own seal (kept in
    /// its config folder) instead of one that lasts only as long as this process.
    pub fn use_settings_seal(&mut self, seal: SettingsSeal) {
        self.settings_seal = seal;
    }

    pub(crate) fn settings_seal(&self) -> &SettingsSeal {
        &self.settings_seal
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// For the save benchmark only (`benches/save.rs`): saves without change capture, to
    /// measure what capture costs beside it. Never called by the app.
    #[doc(hidden)]
    pub fn without_change_capture_for_benchmarks(&mut self) {
        self.capture = false;
    }

    /// For the save benchmark only (`benches/save.rs`): the durability Concord used before,
    /// to measure what FULL costs beside it. Never called by the app.
    #[doc(hidden)]
    pub fn set_synchronous_normal_for_benchmarks(&self) -> Result<(), StoreError> {
        Ok(self.conn.pragma_update(None, "synchronous", "NORMAL")?)
    }

    /// Writes a consistent copy of the whole database to `dest` (which must not exist yet),
    /// without this file's team: a copy is given to others, and must not carry the team key
    /// or the store's login (`team.rs`, `leave_team`). To sync it, join the team with the key.
    pub fn save_copy(&self, dest: &Path) -> Result<(), StoreError> {
        if dest.exists() {
            return Err(StoreError::Invalid {
                field: "destination".into(),
                message: format!("{} already exists; choose a new file name", dest.display()),
            });
        }
        let target = dest.to_string_lossy().to_string();
        self.conn
            .execute("VACUUM INTO ?1", [target])
            .map_err(|source| StoreError::Copy {
                path: dest.to_path_buf(),
                source,
            })?;
        let left = Connection::open(dest)
            .and_then(|copy| team::leave_team(&copy))
            .map_err(|source| StoreError::Copy {
                path: dest.to_path_buf(),
                source,
            });
        if left.is_err() {
            // Never leave behind a copy that still holds the key.
            let _ = std::fs::remove_file(dest);
        }
        left
    }

    /// Runs `f` inside one write transaction: all of it lands, or none of it.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.write_captured(self.capture, f)
    }

    /// [`Store::write`], with or without change capture (`capture.rs`). Loading the reference
    /// data is not captured: every replica loads the same rows under the same ids itself.
    fn write_captured<T, E>(
        &mut self,
        capture: bool,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let home = if capture { self.home() } else { String::new() };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::busy_or)?;
        let mut writer = Writer::new(&tx, self.clock.as_ref(), self.installation);
        if capture {
            writer.capture = Some(capture::Capture::new(&tx, home, self.clock.as_ref())?);
        }
        let value = f(&mut writer)?;
        if let Some(capture) = writer.capture.take() {
            capture.finish()?;
        }
        drop(writer);
        tx.commit().map_err(StoreError::busy_or)?;
        Ok(value)
    }

    /// [`Store::write`] without change capture, for the reference data only.
    pub(crate) fn write_reference<T, E>(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.write_captured(false, f)
    }

    /// [`Store::write`] for an import of many rows. Each row's insert touches some 40 pages of
    /// the position table, its indexes, history and search index, and SQLite keeps their undo
    /// copies (the statement journal) in a file in /var/tmp once they pass 64 KiB: 97% of an
    /// import's system calls went there. For the import, temporary data stays in memory.
    ///
    /// The search index and matrix cells of the positions `f` writes are written once, when
    /// `f` is done (`derived.rs`), so nothing inside `f` may read them.
    pub fn write_bulk<T, E>(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.conn
            .pragma_update(None, "temp_store", "MEMORY")
            .map_err(StoreError::from)?;
        let result = self.write(|w| {
            let deferred = derived::Deferred::start(w.tx).map_err(E::from)?;
            let value = f(w)?;
            if let Some(deferred) = deferred {
                deferred.finish(w.tx).map_err(E::from)?;
            }
            Ok::<T, E>(value)
        });
        let reset = self.conn.pragma_update(None, "temp_store", "DEFAULT");
        let value = result?;
        reset.map_err(StoreError::from)?;
        Ok(value)
    }
}
