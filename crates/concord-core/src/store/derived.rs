//! The search index, the matrix cells and the count of the positions a bulk write (an
//! import, a merge, a sync) touches, written once at its end instead of row by row.
//!
//! Row by row, every insert, update or delete of a position fires triggers that write the
//! FTS5 index and the position's matrix cell. FTS5 writes its pending terms to disk at every
//! statement savepoint, so an import of 100 000 rows made 100 000 one-row index segments and
//! merged them again (22% of an import's time in its profile, 23% of a merge's). Here the
//! six triggers are dropped inside the bulk transaction. New rows are known by their rowid
//! (past the largest one before); updates and deletes of older rows are noted by two
//! temporary triggers in a temporary table. At the end, a few statements index and count
//! everything touched (FTS5 buffers the rows and writes large segments), and the triggers
//! are made again from their own text. All of it is inside the one transaction: if anything
//! fails, the triggers were never dropped. The result is what the triggers would have
//! written, row for row (`derived_tests.rs`).

use super::StoreError;
use rusqlite::Transaction;

#[cfg(test)]
thread_local! {
    /// Set by a test to have the triggers write row by row, to compare with.
    pub(super) static ROW_BY_ROW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The triggers a bulk write replaces with [`Deferred::finish`].
const DEFERRED_TRIGGERS: [&str; 8] = [
    "position_search_insert",
    "position_search_update",
    "position_search_delete",
    "matrix_cell_insert",
    "matrix_cell_update",
    "matrix_cell_delete",
    "position_count_insert",
    "position_count_delete",
];

/// The positions counted once, whatever the write inserted and deleted.
const RECOUNT: &str = "UPDATE position_count SET n = (SELECT count(*) FROM position) WHERE id = 1";

/// A position's matrix cell, as `matrix_cell` keys and names it, from the row `R`.
macro_rules! cell_of {
    ($r:literal) => {
        concat!(
            $r,
            ".session_id AS session_id, CASE WHEN ",
            $r,
            ".topic_id IS NOT NULL THEN 'topic' WHEN ",
            $r,
            ".proposal_id IS NOT NULL THEN 'proposal' ELSE 'provision' END AS subject_kind, ",
            $r,
            ".actor_id AS actor_id, coalesce(",
            $r,
            ".topic_id, ",
            $r,
            ".proposal_id, ",
            $r,
            ".provision_id) AS subject_id"
        )
    };
}

/// What the search index holds of the position `p` under its key `k`: its four texts and its
/// actor as one word (`migrations/0019_search_by_actor.sql`, `search.rs`'s `actor_clause`).
macro_rules! indexed_text {
    () => {
        "SELECT k.rowid, p.summary, p.quote, p.note,
                coalesce((SELECT citation FROM source WHERE id = p.source_id), ''),
                'zq' || lower(hex(p.actor_id))"
    };
}

/// A group's newest position's time and stance: `newest` sorts by time, then by rowid
/// written as 20 digits, so exactly one row is newest and its stance comes with it.
macro_rules! newest {
    () => {
        "p.stance, max(p.created_at || printf('%020d', p.rowid)) AS newest, count(*) AS n"
    };
}

/// Where updates and deletes of rows older than the write are noted: the position, and a
/// cell it was or is in.
const NOTE_OLDER: &str = concat!(
    "CREATE TEMP TABLE derived_touched (position_id BLOB NOT NULL, session_id BLOB NOT NULL,
       subject_kind TEXT NOT NULL, actor_id BLOB NOT NULL, subject_id BLOB NOT NULL);
     CREATE TEMP TRIGGER derived_update AFTER UPDATE ON main.position BEGIN
       INSERT INTO derived_touched SELECT OLD.id, ",
    cell_of!("OLD"),
    ";
       INSERT INTO derived_touched SELECT NEW.id, ",
    cell_of!("NEW"),
    ";
     END;
     CREATE TEMP TRIGGER derived_delete AFTER DELETE ON main.position BEGIN
       INSERT INTO derived_touched SELECT OLD.id, ",
    cell_of!("OLD"),
    ";
     END;"
);

const FORGET_OLDER: &str = "DROP TRIGGER temp.derived_update;
     DROP TRIGGER temp.derived_delete;
     DROP TABLE temp.derived_touched;";

/// The index rows of touched older positions go: they are indexed again below if they are
/// still there. (?1: the last rowid before the write.)
const UNINDEX_TOUCHED: &str = "DELETE FROM position_search WHERE rowid IN (
       SELECT k.rowid FROM position_search_key AS k
       WHERE k.position_id IN (SELECT position_id FROM temp.derived_touched))";

/// Their keys go too when the position is gone, or was deleted and made again in this write
/// (it is new, and is keyed below with the new rows, as the triggers would have).
const UNKEY_GONE: &str = "DELETE FROM position_search_key
     WHERE position_id IN (SELECT position_id FROM temp.derived_touched)
       AND NOT EXISTS (SELECT 1 FROM position AS p
                       WHERE p.id = position_search_key.position_id AND p.rowid <= ?1)";

/// Touched older positions still there are indexed again under their own key.
const REINDEX_TOUCHED: &str = concat!(
    "INSERT INTO position_search (rowid, summary, quote, note, source, actor) ",
    indexed_text!(),
    " FROM (SELECT DISTINCT position_id FROM temp.derived_touched) AS t
     JOIN position AS p ON p.id = t.position_id AND p.rowid <= ?1
     JOIN position_search_key AS k ON k.position_id = p.id
     ORDER BY k.rowid"
);

/// The new rows' search keys, in insertion order (the order search's newest-first reads).
const INDEX_KEYS: &str = "INSERT INTO position_search_key (position_id)
     SELECT id FROM position WHERE rowid > ?1 ORDER BY rowid";

/// The new rows' words, one statement for all of them, read in the order of their new
/// search keys (rowid > ?1) so that nothing is sorted: FTS5 takes rowids in ascending order
/// best, and a sort of a million rows' texts would be held in memory.
const INDEX_WORDS: &str = concat!(
    "INSERT INTO position_search (rowid, summary, quote, note, source, actor) ",
    indexed_text!(),
    " FROM position_search_key AS k CROSS JOIN position AS p ON p.id = k.position_id
     WHERE k.rowid > ?1"
);

/// Every cell a touched older position was or is in is counted again from its positions:
/// its newest position's stance (latest `created_at`, then the last inserted), how many.
const RECOUNT_TOUCHED: &str = concat!(
    "DELETE FROM matrix_cell
     WHERE (session_id, subject_kind, actor_id, subject_id) IN (
       SELECT session_id, subject_kind, actor_id, subject_id FROM temp.derived_touched);
     INSERT INTO matrix_cell (session_id, subject_kind, actor_id, subject_id, stance,
                              latest_at, positions)
     SELECT session_id, subject_kind, actor_id, subject_id, stance,
            substr(newest, 1, length(newest) - 20), n
     FROM (SELECT c.session_id, c.subject_kind, c.actor_id, c.subject_id, ",
    newest!(),
    " FROM (SELECT DISTINCT session_id, subject_kind, actor_id, subject_id
                 FROM temp.derived_touched) AS c
           JOIN position AS p ON p.session_id = c.session_id AND p.actor_id = c.actor_id
            AND coalesce(p.topic_id, p.proposal_id, p.provision_id) = c.subject_id
            AND CASE WHEN p.topic_id IS NOT NULL THEN 'topic'
                     WHEN p.proposal_id IS NOT NULL THEN 'proposal' ELSE 'provision' END
                = c.subject_kind
           GROUP BY c.session_id, c.subject_kind, c.actor_id, c.subject_id)"
);

/// The new rows counted into the other cells, as the insert trigger adds one row at a
/// time: the stance of the newest (every new row was inserted after every old one), the
/// count grown by the new rows. Cells counted again above already hold their new rows.
const COUNT_NEW: &str = concat!(
    "INSERT INTO matrix_cell (session_id, subject_kind, actor_id, subject_id,
                              stance, latest_at, positions)
     SELECT session_id, subject_kind, actor_id, subject_id, stance,
            substr(newest, 1, length(newest) - 20), n
     FROM (SELECT ",
    cell_of!("p"),
    ", ",
    newest!(),
    " FROM position AS p WHERE p.rowid > ?1
           GROUP BY p.session_id, p.actor_id, p.topic_id, p.proposal_id, p.provision_id)
     WHERE (session_id, subject_kind, actor_id, subject_id) NOT IN (
       SELECT session_id, subject_kind, actor_id, subject_id FROM temp.derived_touched)
     ON CONFLICT (session_id, subject_kind, actor_id, subject_id) DO UPDATE SET
       positions = positions + excluded.positions,
       stance = CASE WHEN excluded.latest_at >= latest_at THEN excluded.stance ELSE stance END,
       latest_at = max(latest_at, excluded.latest_at)"
);

/// A bulk write in progress whose search index, matrix cells and count wait for its end.
pub(super) struct Deferred {
    /// The dropped triggers' own `CREATE TRIGGER` text, to make them again.
    triggers: Vec<String>,
    /// Positions with a larger rowid are the ones this write inserted.
    after_rowid: i64,
    /// Search keys with a larger rowid are the ones [`Deferred::finish`] adds.
    after_key: i64,
}

impl Deferred {
    /// Drops the triggers (inside `tx`), starts noting updates and deletes, and notes where
    /// the new rows begin. `None` only in a test that compares with the triggers.
    pub(super) fn start(tx: &Transaction<'_>) -> Result<Option<Deferred>, StoreError> {
        #[cfg(test)]
        if ROW_BY_ROW.with(std::cell::Cell::get) {
            return Ok(None);
        }
        let mut triggers = Vec::with_capacity(DEFERRED_TRIGGERS.len());
        for name in DEFERRED_TRIGGERS {
            let sql: String = tx.query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                [name],
                |r| r.get(0),
            )?;
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
            triggers.push(sql);
        }
        tx.execute_batch(NOTE_OLDER)?;
        let last = |table: &str| {
            tx.query_row(
                &format!("SELECT coalesce(max(rowid), 0) FROM {table}"),
                [],
                |r| r.get::<_, i64>(0),
            )
        };
        Ok(Some(Deferred {
            triggers,
            after_rowid: last("position")?,
            after_key: last("position_search_key")?,
        }))
    }

    /// Indexes and counts what was touched, counts the positions, and makes the triggers again.
    pub(super) fn finish(self, tx: &Transaction<'_>) -> Result<(), StoreError> {
        let older_touched = tx
            .prepare("SELECT 1 FROM temp.derived_touched LIMIT 1")?
            .exists([])?;
        if older_touched {
            tx.execute(UNINDEX_TOUCHED, [])?;
            tx.execute(UNKEY_GONE, [self.after_rowid])?;
            tx.execute(REINDEX_TOUCHED, [self.after_rowid])?;
            tx.execute_batch(RECOUNT_TOUCHED)?;
        }
        tx.execute(INDEX_KEYS, [self.after_rowid])?;
        tx.execute(INDEX_WORDS, [self.after_key])?;
        tx.execute(COUNT_NEW, [self.after_rowid])?;
        tx.execute(RECOUNT, [])?;
        tx.execute_batch(FORGET_OLDER)?;
        for sql in &self.triggers {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }
}
