//! Copies of a database file through SQLite's online backup, and their checks. The rules
//! (when, where, how many are kept) are in `crate::backup`.

use super::{migrate, trust, Store, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::ffi::c_int;
use std::path::Path;

impl Store {
    /// Copies the open database to `dest` page by page while it stays usable (SQLite's online
    /// backup), then checks the copy in full. `dest` must not exist.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        copy(&self.conn, dest)
    }
}

/// Copies the database file at `src` to `dest` through a read-only connection of its own, so
/// a backup can run beside the window's connection.
pub fn backup_file(src: &Path, dest: &Path) -> Result<(), StoreError> {
    copy(&open_read_only(src)?, dest)
}

/// Refuses, reading only, a file that is not a Concord database, that a newer Concord wrote,
/// or whose schema is not one Concord made: the checks before a colleague's file is read.
fn foreign_checks(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    migrate::check_openable(conn, path)
        .and_then(|()| trust::check_schema(conn, path))
        .map_err(|e| trust::name_damage(path, e))
}

/// A colleague's file that this version of Concord wrote, to be read where it lies: checked
/// as every file from elsewhere is (above, then SQLite's quick_check) inside one read
/// transaction, so what is read is what was checked. A file in WAL mode (every file Concord
/// has opened) can still be written by its owner meanwhile; one in rollback-journal mode (a
/// backup, a saved copy) cannot until the merge ends. `None` when an older Concord wrote it:
/// that file is upgraded on a copy first.
pub(crate) fn read_in_place(path: &Path) -> Result<Option<Connection>, StoreError> {
    let conn = open_read_only(path)?;
    conn.execute_batch("BEGIN")?;
    foreign_checks(&conn, path)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version != migrate::LATEST_VERSION {
        return Ok(None);
    }
    migrate::size_cache(&conn)?;
    trust::quick_check(&conn, path)?;
    Ok(Some(conn))
}

/// A hardened, read-only connection to the file at `path`, which must be a regular file.
fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    if crate::files::found(path)? == crate::files::Found::NotAFile {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|source| {
            StoreError::Open {
                path: path.to_path_buf(),
                source,
            }
        })?;
    migrate::harden(&conn)?;
    Ok(conn)
}

/// A copy of a colleague's file that an older Concord wrote, to be upgraded and read from
/// (a current one is read where it lies, [`read_in_place`]): unchecked here, because
/// opening it (`Store::open`) gives it every check a file from elsewhere gets (schema, then
/// SQLite's quick_check). The full integrity check [`backup_file`] adds is for backups, which
/// must be restorable; a merge reads only the copy's change sets, each checked as applied.
pub(crate) fn copy_to_read(src: &Path, dest: &Path) -> Result<(), StoreError> {
    copy_pages(&open_read_only(src)?, dest).map(drop)
}

fn copy(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    let out = copy_pages(conn, dest)?;
    migrate::size_cache(&out)?;
    integrity_check(&out, dest)
}

/// The pages of `conn`'s database in a new file at `dest`, and a connection to it.
fn copy_pages(conn: &Connection, dest: &Path) -> Result<Connection, StoreError> {
    let failed = |source| StoreError::Backup {
        path: dest.to_path_buf(),
        source,
    };
    let mut out = Connection::open(dest).map_err(failed)?;
    {
        let backup = rusqlite::backup::Backup::new(conn, &mut out).map_err(failed)?;
        // Every page in one step, inside one read transaction of `conn`: a copy of a file in
        // WAL mode is never restarted by a write beside it, and it sleeps only while the
        // source is locked (256 pages a step with a 5 ms pause between steps slept 7.8 s
        // of copying 1.6 GB).
        backup
            .run_to_completion(c_int::MAX, std::time::Duration::from_millis(5), None)
            .map_err(failed)?;
    }
    // A backup is kept in rollback-journal mode: one file, nothing beside it.
    let _: String = out
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(failed)?;
    Ok(out)
}

/// SQLite's full `integrity_check` of the file at `path`, and the schema check every file gets:
/// what `concord check` and "Check database" run.
pub fn check_file(path: &Path) -> Result<(), StoreError> {
    let conn = open_read_only(path)?;
    migrate::check_openable(&conn, path)?;
    trust::check_schema(&conn, path)?;
    migrate::size_cache(&conn)?;
    integrity_check(&conn, path).map_err(|e| trust::name_damage(path, e))
}

fn integrity_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let mut stmt = conn.prepare("PRAGMA integrity_check(5)")?;
    let found: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    if found.len() == 1 && found[0] == "ok" {
        return Ok(());
    }
    Err(StoreError::Damaged {
        path: path.to_path_buf(),
        detail: found.join("; "),
    })
}
