//! Connection settings and numbered schema migrations (PRAGMA user_version), all or nothing.

use super::StoreError;
use rusqlite::{Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// Marks a file as Concord's ("Conc" in ASCII), in the SQLite header's application_id.
pub const APPLICATION_ID: i32 = 0x436f_6e63;

/// Migration N (1-based) brings a database from schema version N-1 to N.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_schema.sql"),
    include_str!("migrations/0002_search.sql"),
    include_str!("migrations/0003_subject_pages.sql"),
    include_str!("migrations/0004_diff.sql"),
    include_str!("migrations/0005_amendments.sql"),
    include_str!("migrations/0006_matrix_cells.sql"),
    include_str!("migrations/0007_paragraph_search.sql"),
    include_str!("migrations/0008_guards.sql"),
    include_str!("migrations/0009_compact.sql"),
    include_str!("migrations/0010_binary_ids.sql"),
    include_str!("migrations/0011_change_capture.sql"),
    include_str!("migrations/0012_merge.sql"),
    include_str!("migrations/0013_replica_names.sql"),
    include_str!("migrations/0014_catalog.sql"),
    include_str!("migrations/0015_shared_keys.sql"),
    include_str!("migrations/0016_on_behalf_index.sql"),
    include_str!("migrations/0017_stance_index.sql"),
    include_str!("migrations/0018_packed_change_sets.sql"),
    include_str!("migrations/0019_search_by_actor.sql"),
    include_str!("migrations/0020_position_count.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// What every connection sets before it reads a file's schema: functions and virtual tables
/// named in a schema (a view, a trigger) run only if they are marked innocuous, and SQL
/// cannot corrupt the file on purpose (no writable_schema, no direct shadow-table writes).
pub(crate) fn harden(conn: &Connection) -> Result<(), StoreError> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(())
}

/// Settings every connection gets: hardened, WAL with FULL sync (a save survives a power
/// cut), foreign keys, a busy timeout.
pub(crate) fn configure(conn: &Connection) -> Result<(), StoreError> {
    harden(conn)?;
    // The write path uses about 20 distinct statements per position; the default cache of 16
    // would evict and re-parse them on every row.
    conn.set_prepared_statement_cache_capacity(128);
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    size_cache(conn)?;
    citation_functions(conn)?;
    Ok(())
}

/// 64 MiB of page cache: a large import stays in memory until it commits, and checking a
/// large file reads each page once (SQLite's default 2 MiB made `quick_check` of a
/// million-position file 18 s instead of 4).
pub(crate) fn size_cache(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "cache_size", -65_536)?;
    Ok(())
}

/// The core's paragraph citations (`crate::citation`) as SQL functions, so that queries
/// label paragraphs exactly as the rest of Concord does, and ids as text. Deterministic and innocuous: they
/// read nothing but their arguments.
fn citation_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("paragraph_citation", 3, flags, |cx| {
        let document: String = cx.get(0)?;
        let revision: Option<String> = cx.get(1)?;
        let label: String = cx.get(2)?;
        Ok(crate::citation::paragraph(
            &document,
            revision.as_deref(),
            &label,
        ))
    })?;
    conn.create_scalar_function("session_label", 2, flags, |cx| {
        let process: String = cx.get(0)?;
        let title: String = cx.get(1)?;
        Ok(crate::citation::session(&process, &title))
    })?;
    conn.create_scalar_function("paragraph_in_revision", 2, flags, |cx| {
        let revision: String = cx.get(0)?;
        let label: String = cx.get(1)?;
        Ok(crate::citation::paragraph_in_revision(&revision, &label))
    })?;
    // An id column (16 bytes since v10) as the text Concord shows and exchanges.
    conn.create_scalar_function("uuid_text", 1, flags, |cx| {
        let id: Option<uuid::Uuid> = cx.get(0)?;
        Ok(id.map(|u| u.to_string()))
    })
}

/// Refuses, before anything is written, a file that is not ours or is newer than this build.
pub(crate) fn check_openable(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    check_openable_against(conn, path, LATEST_VERSION)
}

fn check_openable_against(conn: &Connection, path: &Path, latest: i64) -> Result<(), StoreError> {
    let not_concord = |reason: String| StoreError::NotConcord {
        path: path.to_path_buf(),
        reason,
    };
    let header = conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id),
                (SELECT user_version FROM pragma_user_version),
                (SELECT count(*) FROM sqlite_schema)",
        [],
        |r| {
            Ok((
                r.get::<_, i32>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    );
    let (app_id, version, objects) = match header {
        Ok(h) => h,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(not_concord("it is not an SQLite file".into()));
        }
        Err(e) => return Err(e.into()),
    };
    if app_id != APPLICATION_ID && (app_id != 0 || objects > 0) {
        return Err(not_concord(format!(
            "it is an SQLite file of another application (application id {app_id:#x})"
        )));
    }
    if version > latest {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: latest,
        });
    }
    Ok(())
}

/// Applies the pending migrations in one transaction, after backing up a file that holds data.
pub(crate) fn upgrade(
    conn: &mut Connection,
    path: &Path,
    migrations: &[&str],
) -> Result<(), StoreError> {
    let latest = migrations.len() as i64;
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current >= latest {
        return Ok(());
    }
    if current > 0 && path != Path::new(":memory:") {
        backup(conn, path, current)?;
    }
    // A migration that rebuilds a table drops the old one; with foreign keys on, that drop
    // would cascade into the tables that refer to it. SQLite's procedure: keys off (only
    // possible outside a transaction), then every reference checked before the commit.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    super::set_bytes::sql_function(conn)?;
    let applied = apply(conn, current, latest, migrations);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    applied?;
    compact_if_mostly_free(conn)
}

fn apply(
    conn: &mut Connection,
    current: i64,
    latest: i64,
    migrations: &[&str],
) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    for (index, sql) in migrations.iter().enumerate().skip(current as usize) {
        let version = index as i64 + 1;
        tx.execute_batch(sql)
            .map_err(|source| StoreError::Migration { version, source })?;
    }
    let broken: Option<String> = tx
        .query_row(
            "SELECT \"table\" || ' row ' || rowid || ' refers to a missing ' || parent
               FROM pragma_foreign_key_check LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(broken) = broken {
        return Err(StoreError::invalid(
            "upgrade",
            format!("{broken}; the file was left as it was"),
        ));
    }
    tx.pragma_update(None, "user_version", latest)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit().map_err(|source| StoreError::Migration {
        version: latest,
        source,
    })
}

/// A migration that rebuilds tables (v9 drops the search index's copy of every text) or
/// shrinks them (v18 deflates the change sets, freeing a fifth of a million-position file) leaves
/// their old pages free inside the file; a file more than a tenth free is rewritten at once
/// so it shrinks on disk. The copy made before the upgrade is already beside it.
fn compact_if_mostly_free(conn: &Connection) -> Result<(), StoreError> {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
    if free * 10 > pages {
        conn.execute_batch("VACUUM")?;
    }
    Ok(())
}

/// `NAME.schema-vN.bak` beside the file; a further number if that name is taken.
fn backup(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf, StoreError> {
    let base = format!("{}.schema-v{version}.bak", path.display());
    let mut target = PathBuf::from(&base);
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = PathBuf::from(format!("{base}.{n}"));
    }
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy().to_string()])
        .map_err(|source| StoreError::Backup {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(target)
}

#[cfg(test)]
#[path = "migrate_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "migrate_v15_tests.rs"]
mod v15_tests;
#[cfg(test)]
#[path = "migrate_v16_tests.rs"]
mod v16_tests;
#[cfg(test)]
#[path = "migrate_v17_tests.rs"]
mod v17_tests;
#[cfg(test)]
#[path = "migrate_v18_tests.rs"]
mod v18_tests;
#[cfg(test)]
#[path = "migrate_v19_tests.rs"]
mod v19_tests;
#[cfg(test)]
#[path = "migrate_v20_tests.rs"]
mod v20_tests;
