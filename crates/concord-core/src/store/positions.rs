//! Positions: recording, editing, deleting, listing, and their history.

use super::position_filter::filter_clause;
use super::writer::SNAPSHOT;
use super::{Store, StoreError};
use crate::model::{
    HistoryEntry, HistoryOp, Position, PositionFilter, PositionInput, Provenance, Stance,
    SubjectRef,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension, Row};
use uuid::Uuid;

pub(crate) const SELECT_POSITION: &str = "
SELECT p.id, p.actor_id, coalesce(a.short_name, a.name),
       p.topic_id, p.proposal_id, p.provision_id,
       coalesce(tp.path, pr.name,
                paragraph_citation(coalesce(d.symbol, d.title), d.revision_label, v.label)),
       p.session_id, pc.short_name, s.title,
       p.meeting_id, m.date, p.stance, p.summary, p.quote, coalesce(src.citation, ''),
       p.on_behalf_of_id, coalesce(g.short_name, g.name), p.note, p.provenance, p.created_at, p.updated_at
FROM position AS p
JOIN actor AS a ON a.id = p.actor_id
JOIN session AS s ON s.id = p.session_id
JOIN process AS pc ON pc.id = s.process_id
LEFT JOIN topic_path AS tp ON tp.id = p.topic_id
LEFT JOIN proposal AS pr ON pr.id = p.proposal_id
LEFT JOIN provision AS v ON v.id = p.provision_id
LEFT JOIN document AS d ON d.id = v.document_id
LEFT JOIN meeting AS m ON m.id = p.meeting_id
LEFT JOIN source AS src ON src.id = p.source_id
LEFT JOIN actor AS g ON g.id = p.on_behalf_of_id";

impl Store {
    /// Records a position and its first history entry; returns it as listed.
    pub fn add_position(&mut self, input: &PositionInput) -> Result<Position, StoreError> {
        let id = self.write(|w| w.insert_position(input, Provenance::Recorded))?;
        self.position(id)
    }

    /// Records several positions in one transaction (entries confirmed from a statement): all
    /// of them, or, if one is refused, none, with the refusal naming the entry (from 1).
    pub fn add_positions(&mut self, inputs: &[PositionInput]) -> Result<Vec<Uuid>, StoreError> {
        self.write(|w| {
            inputs
                .iter()
                .enumerate()
                .map(|(i, input)| {
                    w.insert_position(input, Provenance::Recorded)
                        .map_err(|e| match e {
                            StoreError::Invalid { field, message } => StoreError::Invalid {
                                field: format!("entry {}: {field}", i + 1),
                                message,
                            },
                            other => other,
                        })
                })
                .collect()
        })
    }

    /// Replaces a position's values, keeping the old ones in its history.
    pub fn update_position(
        &mut self,
        id: Uuid,
        input: &PositionInput,
    ) -> Result<Position, StoreError> {
        self.write(|w| w.update_position(id, input))?;
        self.position(id)
    }

    /// Deletes a position, keeping its last values in its history.
    pub fn delete_position(&mut self, id: Uuid) -> Result<(), StoreError> {
        self.write(|w| w.delete_position(id))
    }

    /// One position by id.
    pub fn position(&self, id: Uuid) -> Result<Position, StoreError> {
        let sql = format!("{SELECT_POSITION} WHERE p.id = ?1");
        self.conn
            .query_row(&sql, [id], read_position)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "position",
                id: id.to_string(),
            })
    }

    /// Every position that matches `filter` (its limit and offset aside), newest entries first,
    /// or the first `limit` of them: one query, for exports and the CLI. (Page after page
    /// with OFFSET would step again over every row already read.)
    pub fn all_positions(
        &self,
        filter: &PositionFilter,
        limit: Option<u64>,
    ) -> Result<Vec<Position>, StoreError> {
        let (where_sql, args) = filter_clause(filter);
        let limit = limit.map_or(-1, |n| n.min(i64::MAX as u64) as i64);
        self.newest_first(&where_sql, &args, limit, 0)
    }

    /// The positions a filter clause keeps, newest entries first; `limit` -1 for all.
    pub(super) fn newest_first(
        &self,
        where_sql: &str,
        args: &[Value],
        limit: i64,
        offset: u32,
    ) -> Result<Vec<Position>, StoreError> {
        let sql = format!(
            "{SELECT_POSITION} {where_sql}
             ORDER BY p.created_at DESC, p.id DESC
             LIMIT {limit} OFFSET {offset}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let items = stmt
            .query_map(params_from_iter(args.iter()), read_position)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(items)
    }

    /// Every change to a position, oldest first (also after it was deleted). An insert's entry
    /// is stored without the row it inserted (schema v9); it is put back here from the next
    /// entry's `before` or, when none followed, from the position as it is.
    pub fn position_history(&self, id: Uuid) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut entries = self.stored_history(id)?;
        for i in 0..entries.len() {
            if entries[i].op != HistoryOp::Insert || entries[i].after.is_some() {
                continue;
            }
            entries[i].after = match entries.get(i + 1) {
                Some(next) => next.before.clone(),
                None => self
                    .conn
                    .prepare_cached(SNAPSHOT)?
                    .query_row([id], |r| r.get::<_, String>(0))
                    .optional()?
                    .map(|j| parse_json(&j))
                    .transpose()?,
            };
        }
        Ok(entries)
    }

    /// Every position that has a history, deleted ones included.
    pub fn history_position_ids(&self) -> Result<Vec<Uuid>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT position_id FROM position_history ORDER BY position_id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// The history entries as stored, oldest first.
    fn stored_history(&self, id: Uuid) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, position_id, op, at, changed_by, before, after FROM position_history
             WHERE position_id = ?1 ORDER BY at, rowid",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, Uuid>(0)?,
                r.get::<_, Uuid>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Uuid>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (hid, pid, op, at, by, before, after) = row?;
            entries.push(HistoryEntry {
                id: hid,
                position_id: pid,
                op: HistoryOp::parse(&op)
                    .ok_or_else(|| StoreError::invalid("history", format!("unknown op {op}")))?,
                at: parse_instant(&at)?,
                installation_id: by,
                before: before.map(|j| parse_json(&j)).transpose()?,
                after: after.map(|j| parse_json(&j)).transpose()?,
            });
        }
        Ok(entries)
    }
}

/// An id as SQLite holds it (16 bytes, schema v10).
pub(crate) fn id_value(id: Uuid) -> Value {
    Value::Blob(id.as_bytes().to_vec())
}

pub(crate) fn read_position(r: &Row<'_>) -> rusqlite::Result<Position> {
    let id_at = |i: usize| -> rusqlite::Result<Uuid> { uuid_col(r, i) };
    let opt_id = |i: usize| -> rusqlite::Result<Option<Uuid>> { r.get::<_, Option<Uuid>>(i) };
    let subject = subject_at(r, 3)?;
    let stance: String = r.get(12)?;
    let provenance: String = r.get(19)?;
    let meeting_date: Option<String> = r.get(11)?;
    Ok(Position {
        id: id_at(0)?,
        actor_id: id_at(1)?,
        actor_name: r.get(2)?,
        subject,
        subject_label: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        session_id: id_at(7)?,
        process_name: r.get(8)?,
        session_title: r.get(9)?,
        meeting_id: opt_id(10)?,
        meeting_date: meeting_date
            .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| conversion(11, e)))
            .transpose()?,
        stance: Stance::parse(&stance).ok_or_else(|| conversion(12, "unknown stance"))?,
        summary: r.get(13)?,
        quote: r.get(14)?,
        source: r.get(15)?,
        on_behalf_of_id: opt_id(16)?,
        on_behalf_of_name: r.get(17)?,
        note: r.get(18)?,
        provenance: Provenance::parse(&provenance)
            .ok_or_else(|| conversion(19, "unknown provenance"))?,
        created_at: instant_col(r, 20)?,
        updated_at: instant_col(r, 21)?,
    })
}

/// The position column that holds a subject of this kind.
pub(crate) fn subject_column(subject: &SubjectRef) -> &'static str {
    match subject {
        SubjectRef::Topic(_) => "p.topic_id",
        SubjectRef::Proposal(_) => "p.proposal_id",
        SubjectRef::Provision(_) => "p.provision_id",
    }
}

/// The subject from columns `i`, `i + 1`, `i + 2` (topic_id, proposal_id, provision_id): the
/// one that is set.
pub(crate) fn subject_at(r: &Row<'_>, i: usize) -> rusqlite::Result<SubjectRef> {
    let set = |k: usize| -> rusqlite::Result<bool> {
        Ok(!matches!(r.get_ref(k)?, rusqlite::types::ValueRef::Null))
    };
    if set(i)? {
        Ok(SubjectRef::Topic(uuid_col(r, i)?))
    } else if set(i + 1)? {
        Ok(SubjectRef::Proposal(uuid_col(r, i + 1)?))
    } else if set(i + 2)? {
        Ok(SubjectRef::Provision(uuid_col(r, i + 2)?))
    } else {
        Err(conversion(i, "a position without subject"))
    }
}

pub(crate) fn uuid_col(r: &Row<'_>, i: usize) -> rusqlite::Result<Uuid> {
    r.get(i)
}

fn instant_col(r: &Row<'_>, i: usize) -> rusqlite::Result<DateTime<Utc>> {
    let s: String = r.get(i)?;
    DateTime::parse_from_rfc3339(&s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| conversion(i, e))
}

pub(crate) fn conversion<E: std::fmt::Display>(i: usize, e: E) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.to_string().into())
}

fn parse_instant(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| StoreError::invalid("time", format!("\"{s}\" is not an RFC 3339 time")))
}

fn parse_json(s: &str) -> Result<serde_json::Value, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::invalid("history", e.to_string()))
}
