//! What the agreement map reads: statements in a range of a process's sessions on chosen
//! subjects, and who belonged to which group at a session. The rules are in `coalitions`.

use super::positions::{conversion, id_value, uuid_col};
use super::{Store, StoreError};
use crate::model::{SeqRange, Stance, SubjectRef};
use rusqlite::types::{Value, ValueRef};
use std::collections::HashMap;
use uuid::Uuid;

/// One statement, as the agreement map reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement {
    pub actor_id: Uuid,
    pub on_behalf_of: Option<Uuid>,
    pub subject: SubjectRef,
    pub seq: i64,
    pub stance: Stance,
    /// Of two statements, the greater was made later.
    pub made: Made,
}

/// When a statement was made, as the matrix orders statements: session, then time of
/// capture (its RFC 3339 text, which sorts as time does, kept without allocating), then
/// insertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Made(i64, [u8; 32], i64);

impl Made {
    /// The statement's row, to read its words back ([`Store::statement_words`]).
    pub fn row(self) -> i64 {
        self.2
    }
}

/// What a statement said in words, and where it was said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub quote: String,
    pub summary: String,
    pub source: String,
    pub session: String,
}

impl Store {
    /// The first and last session numbers of a process, if it has sessions.
    pub fn session_span(&self, process: Uuid) -> Result<Option<SeqRange>, StoreError> {
        let span: (Option<i64>, Option<i64>) = self
            .conn
            .prepare_cached("SELECT min(seq), max(seq) FROM session WHERE process_id = ?1")?
            .query_row([process], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(match span {
            (Some(from), Some(to)) => Some(SeqRange { from, to }),
            _ => None,
        })
    }

    /// Statements at sessions `range` of `process`, each handed to `each` as it is read, in
    /// no set order (see [`Made`]); none is held in memory here. With no topics and no
    /// proposals, every subject; else each topic with its sub-topics, and each proposal.
    pub fn each_statement(
        &self,
        process: Uuid,
        range: SeqRange,
        topics: &[Uuid],
        proposals: &[Uuid],
        each: &mut dyn FnMut(Statement),
    ) -> Result<(), StoreError> {
        read_statements(&self.conn, process, range, topics, proposals, each)
    }

    /// [`Store::each_statement`] in two halves of `range` read at once, the earlier half on a
    /// second, read-only connection in a thread of its own (two cores read twice as fast);
    /// each half gathers into its own `G`, made by `start`. One half after the other for a
    /// store in memory or a range of one session. The halves are one reading of the file:
    /// if another program committed to it while they were read (SQLite's `data_version`
    /// moved), the whole range is read again in one piece on this connection.
    pub fn statements_in_halves<G: Send>(
        &self,
        process: Uuid,
        range: SeqRange,
        topics: &[Uuid],
        proposals: &[Uuid],
        start: &(dyn Fn() -> G + Sync),
        each: &(dyn Fn(&mut G, Statement) + Sync),
    ) -> Result<Vec<G>, StoreError> {
        let gather = |conn: &rusqlite::Connection, part: SeqRange| -> Result<G, StoreError> {
            let mut g = start();
            read_statements(conn, process, part, topics, proposals, &mut |s| {
                each(&mut g, s)
            })?;
            Ok(g)
        };
        let middle = range.from + (range.to - range.from) / 2;
        let (early, late) = (
            SeqRange {
                from: range.from,
                to: middle,
            },
            SeqRange {
                from: middle + 1,
                to: range.to,
            },
        );
        let Some(path) = self.path.as_deref().filter(|_| range.from < range.to) else {
            return Ok(vec![gather(&self.conn, range)?]);
        };
        let version = data_version(&self.conn)?;
        let halves = std::thread::scope(|scope| {
            let other = scope.spawn(|| -> Result<G, StoreError> {
                let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let conn = rusqlite::Connection::open_with_flags(path, flags)?;
                super::migrate::harden(&conn)?;
                gather(&conn, early)
            });
            let mine = gather(&self.conn, late)?;
            let theirs = other.join().map_err(|_| {
                StoreError::invalid("statements", "the second reader stopped unexpectedly")
            })??;
            Ok::<_, StoreError>(vec![theirs, mine])
        })?;
        if data_version(&self.conn)? != version {
            return Ok(vec![gather(&self.conn, range)?]);
        }
        Ok(halves)
    }

    /// The words of the statements in `rows` (see [`Made::row`]).
    pub fn statement_words(&self, rows: &[i64]) -> Result<HashMap<i64, Words>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.quote, p.summary, coalesce(src.citation, ''), s.title FROM position AS p
             JOIN session AS s ON s.id = p.session_id
             LEFT JOIN source AS src ON src.id = p.source_id WHERE p.rowid = ?1",
        )?;
        let mut out = HashMap::new();
        for row in rows {
            let words = stmt.query_row([row], |r| {
                Ok(Words {
                    quote: r.get(0)?,
                    summary: r.get(1)?,
                    source: r.get(2)?,
                    session: r.get(3)?,
                })
            })?;
            out.insert(*row, words);
        }
        Ok(out)
    }

    /// Every (group, member) pair whose membership covers session `seq` of `process`: no
    /// dates, or dates that overlap the latest session numbered `seq` or before.
    pub fn memberships_at(&self, process: Uuid, seq: i64) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT gm.group_id, gm.member_id FROM group_membership AS gm
             LEFT JOIN session AS s ON s.process_id = ?1
               AND s.seq = (SELECT max(seq) FROM session WHERE process_id = ?1 AND seq <= ?2)
             WHERE (gm.valid_from IS NULL OR s.start_date IS NULL OR gm.valid_from <= coalesce(s.end_date, s.start_date))
               AND (gm.valid_to IS NULL OR s.start_date IS NULL OR gm.valid_to >= s.start_date)",
        )?;
        let pairs = stmt
            .query_map(rusqlite::params![process, seq], |r| {
                Ok((uuid_col(r, 0)?, uuid_col(r, 1)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(pairs)
    }
}

/// Statements at sessions `range` of `process` read through `conn` (see [`Store::statements`]).
/// SQLite's count of commits by other connections, as `conn` sees it.
fn data_version(conn: &rusqlite::Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

fn read_statements(
    conn: &rusqlite::Connection,
    process: Uuid,
    range: SeqRange,
    topics: &[Uuid],
    proposals: &[Uuid],
    each: &mut dyn FnMut(Statement),
) -> Result<(), StoreError> {
    let mut args: Vec<Value> = vec![
        id_value(process),
        Value::Integer(range.from),
        Value::Integer(range.to),
    ];
    let mut marks = |ids: &[Uuid]| -> String {
        ids.iter()
            .map(|id| {
                args.push(id_value(*id));
                format!("?{}", args.len())
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let topic_marks = marks(topics);
    let proposal_marks = marks(proposals);
    let filter = if topics.is_empty() && proposals.is_empty() {
        String::new()
    } else {
        format!(
            "AND (p.topic_id IN (SELECT id FROM below) OR p.proposal_id IN ({}))",
            if proposal_marks.is_empty() {
                "NULL"
            } else {
                &proposal_marks
            }
        )
    };
    let seeds = if topic_marks.is_empty() {
        "NULL"
    } else {
        &topic_marks
    };
    let from = format!(
        "WITH RECURSIVE below(id) AS (
               SELECT id FROM topic WHERE id IN ({seeds})
               UNION SELECT topic.id FROM topic JOIN below ON topic.parent_id = below.id)
             SELECT {{}} FROM position AS p JOIN session AS s ON s.id = p.session_id
             WHERE s.process_id = ?1 AND s.seq BETWEEN ?2 AND ?3 {filter}"
    );
    // Statements made on behalf of a group, by row: few, found by their own index.
    let behalf_sql =
        from.replace("{}", "p.rowid, p.on_behalf_of_id") + " AND p.on_behalf_of_id IS NOT NULL";
    let mut behalf: HashMap<i64, Uuid> = HashMap::new();
    let mut stmt = conn.prepare(&behalf_sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        behalf.insert(r.get(0)?, uuid_col(r, 1)?);
    }
    drop(rows);
    // The rest comes from position_matrix alone, which holds every column read here.
    let sql = from.replace(
        "{}",
        "p.actor_id, p.topic_id, p.proposal_id, p.provision_id, s.seq, p.stance, \
             p.created_at, p.rowid",
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let rowid: i64 = r.get(7)?;
        let seq: i64 = r.get(4)?;
        each(Statement {
            actor_id: id_at(r, 0)?.ok_or_else(|| conversion(0, "a statement without actor"))?,
            on_behalf_of: if behalf.is_empty() {
                None
            } else {
                behalf.get(&rowid).copied()
            },
            subject: if let Some(id) = id_at(r, 1)? {
                SubjectRef::Topic(id)
            } else if let Some(id) = id_at(r, 2)? {
                SubjectRef::Proposal(id)
            } else if let Some(id) = id_at(r, 3)? {
                SubjectRef::Provision(id)
            } else {
                return Err(conversion(1, "a statement without subject").into());
            },
            seq,
            stance: stored_stance(r.get_ref(5)?.as_bytes().map_err(|e| conversion(5, e))?)
                .ok_or_else(|| conversion(5, "unknown stance"))?,
            made: Made(
                seq,
                time_key(r.get_ref(6)?.as_bytes().map_err(|e| conversion(6, e))?),
                rowid,
            ),
        });
    }
    // Not sorted (by SQLite or here): a sort of 360 000 rows costs more than the read, and
    // the reader keeps the latest of each actor's statements by `made` in one pass.
    Ok(())
}

/// An id column (16 bytes), or `None` when null; read once, without copying.
fn id_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<Uuid>> {
    match r.get_ref(i)? {
        ValueRef::Null => Ok(None),
        ValueRef::Blob(b) => Uuid::from_slice(b).map(Some).map_err(|e| conversion(i, e)),
        _ => Err(conversion(i, "an id that is not 16 bytes")),
    }
}

/// A stance in its stored form, read without allocating or checking UTF-8: this runs per row.
fn stored_stance(text: &[u8]) -> Option<Stance> {
    Stance::ALL
        .iter()
        .copied()
        .find(|v| v.as_str().as_bytes() == text)
}

/// A capture time as a key that sorts as its text does (RFC 3339, 24 bytes as the writer
/// stores it). Longer text is cut at 32 bytes: still in order to the millionth of a second.
fn time_key(text: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    let n = text.len().min(32);
    key[..n].copy_from_slice(&text[..n]);
    key
}
