//! Change capture: every write transaction records, in the same transaction, what it changed
//! in the user tables, as a changeset of SQLite's session extension, numbered per replica and
//! stamped with the hybrid logical clock (`crate::replica`). Merging and sync read these.

use super::apply::Applier;
use super::exchange::EXCHANGED_TABLES;
use super::{ledger, Store, StoreError};
use crate::clock::Clock;
use crate::merge::{Deps, SetInfo, Stamp};
use crate::replica::{replica_for, Hlc};
use rusqlite::session::Session;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

/// One write transaction's changes, as kept in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeSet {
    pub replica_id: Uuid,
    pub seq: i64,
    pub hlc: Hlc,
    /// What its file held of other replicas' sets when it was made.
    pub deps: Deps,
    /// A changeset of SQLite's session extension.
    pub changes: Vec<u8>,
}

/// The tables whose changes are captured: the user tables that `export all` exchanges, less
/// `meta` (this file's own settings). Search indexes and matrix cells are derived.
pub(crate) fn captured(table: &str) -> bool {
    table != "meta" && EXCHANGED_TABLES.contains(&table)
}

/// Positions an import writes per change set: the session extension holds every changed
/// row's key, and the set itself, in memory until the set is taken, so a long import keeps
/// a set per this many rows (all in its one transaction) instead of one that grows with it.
const ROWS_PER_SET: u32 = if cfg!(test) { 3 } else { 10_000 };

/// The capture of one write transaction in progress.
pub(crate) struct Capture<'t> {
    conn: &'t Connection,
    session: Session<'t>,
    home: String,
    clock: &'t dyn Clock,
    rows: u32,
}

impl<'t> Capture<'t> {
    /// Starts recording what the transaction on `conn` is about to change.
    pub(crate) fn new(
        conn: &'t Connection,
        home: String,
        clock: &'t dyn Clock,
    ) -> Result<Self, StoreError> {
        Ok(Capture {
            conn,
            session: start(conn)?,
            home,
            clock,
            rows: 0,
        })
    }

    /// Counts a position written; every [`ROWS_PER_SET`] the set so far is kept and a new
    /// one begins.
    pub(crate) fn row_written(&mut self) -> Result<(), StoreError> {
        self.rows += 1;
        if self.rows >= ROWS_PER_SET {
            record(self.conn, &mut self.session, &self.home, self.clock)?;
            self.session = start(self.conn)?;
            self.rows = 0;
        }
        Ok(())
    }

    /// Gives this replica `name` (the file's `team_name` setting), recorded in this
    /// transaction's change set.
    pub(crate) fn name_replica(&self, name: &str) -> Result<(), StoreError> {
        let replica = replica(self.conn, &self.home, || self.clock.new_id())?;
        name_replica(self.conn, replica, Some(name), self.clock)
    }

    /// Keeps what is left as the last change set of the transaction.
    pub(crate) fn finish(mut self) -> Result<(), StoreError> {
        record(self.conn, &mut self.session, &self.home, self.clock)
    }
}

/// Starts recording the changes the transaction on `conn` is about to make.
fn start(conn: &Connection) -> Result<Session<'_>, StoreError> {
    let mut session = Session::new(conn)?;
    session.table_filter(Some(captured));
    session.attach::<&str>(None)?;
    Ok(session)
}

/// Keeps what `session` recorded as this replica's next change set; nothing if the
/// transaction changed nothing. `home` says where the file lives (`replica::home`).
fn record(
    conn: &Connection,
    session: &mut Session<'_>,
    home: &str,
    clock: &dyn Clock,
) -> Result<(), StoreError> {
    if session.is_empty() {
        return Ok(());
    }
    let replica = replica(conn, home, || clock.new_id())?;
    // A copy that became a new replica takes the name the file was given, in its first set.
    name_replica(conn, replica, None, clock)?;
    let mut changes = Vec::new();
    session.changeset_strm(&mut changes)?;
    if changes.is_empty() {
        // Rows inserted and deleted again in one transaction cancel out.
        return Ok(());
    }
    let latest: Option<Hlc> = conn
        .prepare_cached(
            "SELECT hlc_ms, hlc_count FROM change_set ORDER BY hlc_ms DESC, hlc_count DESC LIMIT 1",
        )?
        .query_row([], |r| {
            Ok(Hlc {
                wall_ms: r.get(0)?,
                counter: r.get(1)?,
            })
        })
        .optional()?;
    let hlc = Hlc::next(latest, clock.now().timestamp_millis());
    let mut deps = ledger::known(conn)?;
    let seq = deps.0.remove(&replica).unwrap_or(0) + 1;
    let info = SetInfo {
        stamp: Stamp { hlc, replica, seq },
        deps,
    };
    ledger::keep_set(conn, &info, &super::set_bytes::pack(&changes)?)?;
    Applier::new(conn).note_own(&info, &changes)
}

/// Records every row of the shared tables as one change set of this replica (inserts), for
/// rows an older Concord wrote before change capture: SQLite's session extension diffs each
/// table against an empty copy of it.
pub(crate) fn baseline(
    conn: &mut Connection,
    home: &str,
    clock: &dyn Clock,
) -> Result<(), StoreError> {
    conn.execute_batch("ATTACH ':memory:' AS baseline_empty")?;
    let result = (|| {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let tables: Vec<&str> = EXCHANGED_TABLES
            .iter()
            .copied()
            .filter(|t| captured(t))
            .collect();
        for table in &tables {
            let sql: String = tx.query_row(
                "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )?;
            let body = sql.find('(').map_or("", |at| &sql[at..]);
            tx.execute_batch(&format!("CREATE TABLE baseline_empty.\"{table}\" {body}"))?;
        }
        {
            let mut session = start(&tx)?;
            for table in &tables {
                session.diff("baseline_empty", *table)?;
            }
            record(&tx, &mut session, home, clock)?;
        }
        tx.commit()?;
        Ok::<_, StoreError>(())
    })();
    let detached = conn.execute_batch("DETACH baseline_empty");
    result?;
    detached?;
    Ok(())
}

/// Keeps `replica_name` of `replica` as `name` (by default the file's `team_name`), writing
/// only when it differs, so that an ordinary save adds nothing.
fn name_replica(
    conn: &Connection,
    replica: Uuid,
    name: Option<&str>,
    clock: &dyn Clock,
) -> Result<(), StoreError> {
    let name = match name {
        Some(n) => Some(n.to_string()),
        None => conn
            .prepare_cached("SELECT value FROM meta WHERE key = 'team_name'")?
            .query_row([], |r| r.get::<_, String>(0))
            .optional()?,
    };
    let Some(name) = name else {
        return Ok(());
    };
    let kept: Option<String> = conn
        .prepare_cached("SELECT name FROM replica_name WHERE id = ?1")?
        .query_row([replica], |r| r.get(0))
        .optional()?;
    if kept.as_deref() == Some(name.as_str()) {
        return Ok(());
    }
    // changed_by is the replica itself: the name is the replica's own statement.
    conn.prepare_cached(
        "INSERT INTO replica_name (id, name, changed_by, updated_at) VALUES (?1, ?2, ?1, ?3)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at",
    )?
    .execute(params![replica, name, super::writer::stamp(clock.now())])?;
    Ok(())
}

/// This file's replica id, made (and kept in `meta` with its home) when the file has none
/// or is no longer where its replica wrote it.
fn replica(
    conn: &Connection,
    home: &str,
    fresh: impl FnOnce() -> Uuid,
) -> Result<Uuid, StoreError> {
    let stored: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT i.value, h.value FROM meta AS i JOIN meta AS h
              WHERE i.key = 'replica_id' AND h.key = 'replica_home'",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let stored = stored.and_then(|(id, at)| Uuid::parse_str(&id).ok().map(|id| (id, at)));
    let stored = stored.as_ref().map(|(id, at)| (*id, at.as_str()));
    let (id, new) = replica_for(stored, home, fresh);
    if new {
        let mut set = conn.prepare_cached(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?;
        set.execute(params!["replica_id", id.to_string()])?;
        set.execute(params!["replica_home", home])?;
    }
    Ok(id)
}

impl Store {
    /// Every change set this file holds, in the order of their clocks (replica id, then
    /// number, breaking ties), its changes inflated.
    pub fn change_sets(&self) -> Result<Vec<ChangeSet>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT replica_id, seq, hlc_ms, hlc_count, changes, deps FROM change_set
             ORDER BY hlc_ms, hlc_count, replica_id, seq",
        )?;
        let sets = stmt
            .query_map([], |r| {
                Ok(ChangeSet {
                    replica_id: r.get(0)?,
                    seq: r.get(1)?,
                    hlc: Hlc {
                        wall_ms: r.get(2)?,
                        counter: r.get(3)?,
                    },
                    changes: r.get(4)?,
                    deps: Deps::from_bytes(&r.get::<_, Vec<u8>>(5)?).unwrap_or_default(),
                })
            })?
            .collect::<Result<Vec<ChangeSet>, _>>()?;
        sets.into_iter()
            .map(|mut set| {
                set.changes = super::set_bytes::unpack(&set.changes)
                    .map_err(|why| ledger::damaged_set(set.replica_id, set.seq, &why))?;
                Ok(set)
            })
            .collect()
    }

    /// The replica id this file last wrote under, if it has written since schema v11.
    pub fn replica_id(&self) -> Result<Option<Uuid>, StoreError> {
        let id: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'replica_id'", [], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(id.and_then(|id| Uuid::parse_str(&id).ok()))
    }

    /// Where this store's file lives, for [`crate::replica::home`].
    pub(crate) fn home(&self) -> String {
        let file = self.path.as_ref().map(|path| {
            let (device, inode) = file_identity(path);
            let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            (device, inode, path.display().to_string())
        });
        crate::replica::home(
            self.installation,
            file.as_ref().map(|(d, i, p)| (*d, *i, p.as_str())),
        )
    }
}

#[cfg(unix)]
fn file_identity(path: &std::path::Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).map_or((0, 0), |m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_identity(_path: &std::path::Path) -> (u64, u64) {
    (0, 0)
}
