//! Merging: bringing into this file the change sets another copy of the record holds and this
//! one lacks, in one transaction, by the rules of `crate::merge` (applied by `apply.rs`).

use super::apply::Applier;
use super::{derived, ledger, set_bytes, Store, StoreError};
use crate::merge::{Deps, SetInfo, Stamp};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// What a merge brought in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MergeReport {
    /// Change sets applied (another replica's writes this file lacked).
    pub change_sets: u32,
    /// Rows those sets inserted, changed or deleted.
    pub rows: u32,
    /// Values set aside as conflicts by this merge.
    pub conflicts: u32,
}

/// A change set offered to a merge, before it is checked against what this file holds.
pub(crate) struct Offered {
    pub(crate) info: SetInfo,
    /// As a file keeps them: deflated (`set_bytes.rs`).
    pub(crate) changes: Vec<u8>,
}

impl Store {
    /// Merges the file at `other` into this one. The other file is only read, and gets every
    /// check a file from elsewhere gets (schema, SQLite's quick_check) before its change sets
    /// are: where it lies if this version of Concord wrote it, on a copy upgraded first if an
    /// older one did. Idempotent: merging the same file again changes nothing.
    pub fn merge_file(&mut self, other: &Path) -> Result<MergeReport, StoreError> {
        if let Some(theirs) =
            super::backup::read_in_place(other).map_err(|e| trust_name(other, e))?
        {
            return self.merge_sets_of(&theirs, other);
        }
        let dir = tempfile::tempdir()?;
        let copy = dir.path().join("merging.concord");
        // Damage found in the copy is the other file's.
        let theirs_damaged = |e: StoreError| match e {
            StoreError::Damaged { detail, .. } => StoreError::Damaged {
                path: other.to_path_buf(),
                detail,
            },
            e => e,
        };
        super::backup::copy_to_read(other, &copy).map_err(theirs_damaged)?;
        let theirs = Store::open(&copy, self.clock.clone(), self.installation).map_err(|e| {
            match theirs_damaged(e) {
                damaged @ StoreError::Damaged { .. } => damaged,
                e => StoreError::invalid(
                    "merge",
                    format!("{} cannot be merged: {e}", other.display()),
                ),
            }
        })?;
        self.merge_sets_of(&theirs.conn, other)
    }

    /// Merges the change sets of `theirs`, the checked connection to the file at `other`.
    fn merge_sets_of(
        &mut self,
        theirs: &rusqlite::Connection,
        other: &Path,
    ) -> Result<MergeReport, StoreError> {
        let known = ledger::known(&self.conn)?;
        let mut stmt = theirs.prepare(
            "SELECT hlc_ms, hlc_count, replica_id, seq, deps, changes FROM change_set
              ORDER BY hlc_ms, hlc_count, replica_id, seq",
        )?;
        let rows = stmt.query_map([], |r| {
            let deps: Vec<u8> = r.get(4)?;
            Ok((ledger::stamp(r, 0)?, deps, r.get::<_, Vec<u8>>(5)?))
        })?;
        let offered = rows.map(|row| {
            let (stamp, deps, changes) =
                row.map_err(|e| super::trust::name_damage(other, e.into()))?;
            let deps = Deps::from_bytes(&deps).ok_or_else(|| {
                StoreError::invalid(
                    "merge",
                    format!(
                        "{}: change {} of replica {} names what it saw in a form Concord does \
                         not write; nothing was merged",
                        other.display(),
                        stamp.seq,
                        stamp.replica
                    ),
                )
            })?;
            Ok(Offered {
                info: SetInfo { stamp, deps },
                changes,
            })
        });
        // Only the sets this file lacks are read in full: the rest are skipped by number.
        let offered = offered.filter(|o: &Result<Offered, StoreError>| match o {
            Ok(o) => known
                .0
                .get(&o.info.stamp.replica)
                .is_none_or(|n| o.info.stamp.seq > *n),
            Err(_) => true,
        });
        self.merge_sets(offered)
    }

    /// Applies the offered sets this file lacks, in the order of their clocks, in one
    /// transaction. A set must follow the sets of its replica this file holds, and everything
    /// it saw must be here (or come before it); otherwise nothing is merged.
    pub(crate) fn merge_sets(
        &mut self,
        offered: impl Iterator<Item = Result<Offered, StoreError>>,
    ) -> Result<MergeReport, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::busy_or)?;
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        // The search index and matrix cells are written once, at the end (`derived.rs`).
        let deferred = derived::Deferred::start(&tx)?;
        let mut known = ledger::known(&tx)?;
        let mut applier = Applier::new(&tx);
        let mut report = MergeReport::default();
        for set in offered {
            let Offered { info, changes } = set?;
            let Stamp { replica, seq, .. } = info.stamp;
            let have = known.0.get(&replica).copied().unwrap_or(0);
            if seq <= have {
                let differs = match ledger::held(&tx, replica, seq)? {
                    Some(mine) => !same_changes(&mine, &changes, &info.stamp)?,
                    None => false,
                };
                if differs {
                    return Err(StoreError::invalid(
                        "merge",
                        format!(
                            "change {seq} of replica {replica} differs from the one this file \
                             holds: one of the two files was altered; nothing was merged"
                        ),
                    ));
                }
                continue;
            }
            if seq != have + 1 {
                return Err(gap(&info.stamp, have));
            }
            if let Some((r, n)) = info
                .deps
                .0
                .iter()
                .find(|(r, n)| known.0.get(*r).copied().unwrap_or(0) < **n)
            {
                return Err(StoreError::invalid(
                    "merge",
                    format!(
                        "change {seq} of replica {replica} was made after change {n} of replica \
                         {r}, which neither file holds; nothing was merged"
                    ),
                ));
            }
            let inflated = set_bytes::unpack(&changes)
                .map_err(|why| ledger::damaged_set(replica, seq, &why))?;
            report.rows += u32::try_from(applier.apply(&info, &inflated)?).unwrap_or(u32::MAX);
            ledger::keep_set(&tx, &info, &changes)?;
            known.0.insert(replica, seq);
            report.change_sets += 1;
        }
        report.conflicts = u32::try_from(applier.set_aside).unwrap_or(u32::MAX);
        drop(applier);
        if let Some(deferred) = deferred {
            deferred.finish(&tx)?;
        }
        let broken: Option<(String, i64)> = tx
            .query_row(
                "SELECT \"table\", rowid FROM pragma_foreign_key_check LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        if let Some((table, rowid)) = broken {
            return Err(StoreError::invalid(
                "merge",
                format!(
                    "the merged changes leave a row of {table} (row {rowid}) pointing at \
                     something neither file has; nothing was merged"
                ),
            ));
        }
        tx.commit().map_err(StoreError::busy_or)?;
        Ok(report)
    }
}

/// SQLite's "not a database", met while checking, said as what it is.
fn trust_name(path: &Path, e: StoreError) -> StoreError {
    match e {
        StoreError::Sqlite(ref inner)
        | StoreError::Open {
            source: ref inner, ..
        } if inner.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            StoreError::NotConcord {
                path: path.to_path_buf(),
                reason: "it is not a database".into(),
            }
        }
        other => other,
    }
}

/// Whether two copies of one set hold the same changes: the same bytes, or (deflated by
/// different builds) the same once inflated.
fn same_changes(mine: &[u8], theirs: &[u8], set: &Stamp) -> Result<bool, StoreError> {
    if mine == theirs {
        return Ok(true);
    }
    let inflate = |b: &[u8]| {
        set_bytes::unpack(b).map_err(|why| ledger::damaged_set(set.replica, set.seq, &why))
    };
    Ok(inflate(mine)? == inflate(theirs)?)
}

fn gap(set: &Stamp, have: i64) -> StoreError {
    StoreError::invalid(
        "merge",
        format!(
            "change {} of replica {} comes after change {}, but this file holds changes only up \
             to {have} of that replica; nothing was merged",
            set.seq,
            set.replica,
            set.seq - 1
        ),
    )
}

impl Store {
    /// The change sets this file holds beyond `known`, in the order of their clocks: what a
    /// copy that holds `known` lacks. Read replica by replica from where `known` stops.
    pub(crate) fn sets_after(&self, known: &Deps) -> Result<Vec<Offered>, StoreError> {
        self.set_infos_after(known)?
            .into_iter()
            .map(|info| {
                let changes = self.held_set(&info.stamp)?;
                Ok(Offered { info, changes })
            })
            .collect()
    }

    /// [`Store::sets_after`] without the changes themselves, which can be many megabytes
    /// each: sync reads them one at a time ([`Store::held_set`]) as it sends them.
    pub(crate) fn set_infos_after(&self, known: &Deps) -> Result<Vec<SetInfo>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT hlc_ms, hlc_count, replica_id, seq, deps FROM change_set
              WHERE replica_id = ?1 AND seq > ?2",
        )?;
        let mut out = Vec::new();
        for (replica, _) in ledger::known(&self.conn)?.0 {
            let from = known.0.get(&replica).copied().unwrap_or(0);
            let mut rows = stmt.query(params![replica, from])?;
            while let Some(r) = rows.next()? {
                let stamp = ledger::stamp(r, 0)?;
                let deps = Deps::from_bytes(&r.get::<_, Vec<u8>>(4)?).unwrap_or_default();
                out.push(SetInfo { stamp, deps });
            }
        }
        out.sort_by_key(|i| i.stamp);
        Ok(out)
    }

    /// The changes of one set this file holds.
    pub(crate) fn held_set(&self, stamp: &Stamp) -> Result<Vec<u8>, StoreError> {
        ledger::held(&self.conn, stamp.replica, stamp.seq)?.ok_or_else(|| {
            StoreError::invalid(
                "change set",
                format!(
                    "change {} of replica {} is no longer in this file",
                    stamp.seq, stamp.replica
                ),
            )
        })
    }
}

impl Store {
    /// For each replica, the highest change set number this file holds.
    pub fn known_changes(&self) -> Result<Deps, StoreError> {
        ledger::known(&self.conn)
    }

    /// Merges from another open store what it holds and this one lacks: the same as
    /// [`Store::merge_file`] without the file (the tests' replicas live in memory).
    pub fn merge_from(&mut self, other: &Store) -> Result<MergeReport, StoreError> {
        let known = ledger::known(&self.conn)?;
        let offered = other.sets_after(&known)?;
        self.merge_sets(offered.into_iter().map(Ok))
    }
}
