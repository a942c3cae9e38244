//! What a file must be before Concord works on it. A `.concord` file may come from a colleague,
//! a shared folder or an e-mail: its schema is checked object by object against what Concord's
//! own migrations make, so that a trigger, view or index someone added can never run on our
//! edits, and a file from elsewhere gets SQLite's `quick_check` before use.

use super::{migrate, StoreError};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::Path;

/// One object of `sqlite_schema`: its type and name, then the table it belongs to and its SQL.
pub(super) type Objects = BTreeMap<(String, String), (String, Option<String>)>;

fn objects(conn: &Connection) -> rusqlite::Result<Objects> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))))?;
    rows.collect()
}

/// The schema Concord's own migrations make at `version`, built in memory.
pub(super) fn expected(version: i64) -> Result<Objects, StoreError> {
    let mut conn = Connection::open_in_memory()?;
    migrate::configure(&conn)?;
    let upto = usize::try_from(version).unwrap_or(0);
    migrate::upgrade(
        &mut conn,
        Path::new(":memory:"),
        &migrate::MIGRATIONS[..upto],
    )?;
    Ok(objects(&conn)?)
}

/// Refuses a file whose schema is not exactly the one its version should have: an object
/// Concord did not make (a trigger, a view, an index), one it made but that is missing, or
/// one whose definition was changed. Reads only; the file is left as it was.
pub(crate) fn check_schema(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == 0 {
        return Ok(());
    }
    let found = objects(conn)?;
    let want = expected(version)?;
    let refuse = |what: &str, (kind, name): &(String, String)| StoreError::UnexpectedSchema {
        path: path.to_path_buf(),
        object: format!("{kind} \"{name}\""),
        what: what.to_string(),
    };
    if let Some(key) = found.keys().find(|k| !want.contains_key(*k)) {
        return Err(refuse("that Concord did not make", key));
    }
    if let Some(key) = want.keys().find(|k| !found.contains_key(*k)) {
        return Err(refuse("is missing", key));
    }
    if let Some((key, _)) = found.iter().find(|(k, v)| want.get(*k) != Some(v)) {
        return Err(refuse("was changed", key));
    }
    Ok(())
}

/// SQLite's `quick_check`: the file's pages, records and indexes are well formed.
pub(crate) fn quick_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let mut stmt = conn.prepare("PRAGMA quick_check(5)")?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()
        .map_err(|e| damaged(path, e.to_string()))?;
    if problems.len() == 1 && problems[0] == "ok" {
        return Ok(());
    }
    Err(damaged(path, problems.join("; ")))
}

/// Whether this installation has opened the file before; files from elsewhere are checked.
pub(crate) fn opened_here(conn: &Connection, installation: uuid::Uuid) -> bool {
    conn.query_row("SELECT value FROM meta WHERE key = 'opened_by'", [], |r| {
        r.get::<_, String>(0)
    })
    .is_ok_and(|by| by == installation.to_string())
}

/// Remembers that this installation checked and opened the file. Best effort: a file that
/// cannot take the note is simply checked again next time.
pub(crate) fn mark_opened(conn: &Connection, installation: uuid::Uuid) {
    let _ = conn.execute(
        "INSERT INTO meta (key, value) VALUES ('opened_by', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [installation.to_string()],
    );
}

/// SQLite's "database disk image is malformed", met anywhere while opening, said as the
/// damage it is.
pub(crate) fn name_damage(path: &Path, e: StoreError) -> StoreError {
    let corrupt = |e: &rusqlite::Error| {
        matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt)
        )
    };
    match e {
        StoreError::Sqlite(ref inner)
        | StoreError::Migration {
            source: ref inner, ..
        } if corrupt(inner) => damaged(path, inner.to_string()),
        other => other,
    }
}

fn damaged(path: &Path, detail: String) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latest(dir: &Path) -> (Connection, std::path::PathBuf) {
        let path = dir.join("x.concord");
        let mut conn = Connection::open(&path).unwrap();
        migrate::configure(&conn).unwrap();
        migrate::upgrade(&mut conn, &path, migrate::MIGRATIONS).unwrap();
        (conn, path)
    }

    #[test]
    fn our_own_schema_passes_at_every_version() {
        for version in 1..=migrate::LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate::configure(&conn).unwrap();
            let upto = version as usize;
            migrate::upgrade(
                &mut conn,
                Path::new(":memory:"),
                &migrate::MIGRATIONS[..upto],
            )
            .unwrap();
            check_schema(&conn, Path::new("x")).unwrap();
        }
    }

    #[test]
    fn an_added_trigger_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let (conn, path) = latest(dir.path());
        conn.execute_batch(
            "CREATE TRIGGER spy AFTER INSERT ON position BEGIN DELETE FROM actor; END;",
        )
        .unwrap();
        let err = check_schema(&conn, &path).unwrap_err().to_string();
        assert!(err.contains("trigger \"spy\""), "{err}");
        assert!(err.contains("did not make"), "{err}");
    }

    #[test]
    fn a_dropped_index_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (conn, path) = latest(dir.path());
        conn.execute_batch("DROP INDEX topic_parent").unwrap();
        let err = check_schema(&conn, &path).unwrap_err().to_string();
        assert!(err.contains("index \"topic_parent\" is missing"), "{err}");
    }

    #[test]
    fn the_previous_version_upgrades_to_one_that_passes_the_check() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v7.concord");
        let mut conn = Connection::open(&path).unwrap();
        migrate::configure(&conn).unwrap();
        let previous = migrate::MIGRATIONS.len() - 1;
        migrate::upgrade(&mut conn, &path, &migrate::MIGRATIONS[..previous]).unwrap();
        conn.execute_batch(
            "INSERT INTO topic (id, name, changed_by, updated_at)
             VALUES (x'00000000000040008000000000000001', 'Law',
                     x'00000000000000000000000000000000', 't');",
        )
        .unwrap();
        check_schema(&conn, &path).unwrap();
        migrate::upgrade(&mut conn, &path, migrate::MIGRATIONS).unwrap();
        check_schema(&conn, &path).unwrap();
        let guard: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'topic_no_cycle_update'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(guard, 1);
    }
}
