//! The States × subjects matrix: the latest stance of each actor on each topic or proposal
//! within a range of sessions, with counts per column.

use super::positions::{conversion, read_position, subject_column, uuid_col, SELECT_POSITION};
use super::{Store, StoreError};
use crate::model::{
    CellQuery, Matrix, MatrixAxis, MatrixCell, MatrixColumn, MatrixQuery, MatrixRow, Position,
    Stance, StanceCount, SubjectRef,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

struct Latest {
    stance: Stance,
    seq: i64,
    at: String,
    positions: u32,
}

impl Store {
    pub fn matrix(&self, q: &MatrixQuery) -> Result<Matrix, StoreError> {
        let from = q.from_seq.unwrap_or(i64::MIN);
        let to = q.to_seq.unwrap_or(i64::MAX);
        let kind = match q.axis {
            MatrixAxis::Topics => "topic",
            MatrixAxis::Proposals => "proposal",
        };
        // One row per actor × subject × session (matrix_cell, kept by triggers), not one per
        // position: a third of the rows at three statements per cell.
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.actor_id, c.subject_id, c.stance, s.seq, c.latest_at, c.positions
             FROM session AS s JOIN matrix_cell AS c ON c.session_id = s.id
             WHERE s.process_id = ?1 AND s.seq BETWEEN ?2 AND ?3 AND c.subject_kind = ?4",
        )?;
        let actor_names = self.actor_names()?;
        let labels = self.subject_labels(q.axis)?;
        // Ids arrive as 16 bytes; look them up by the borrowed bytes in small indexes and keep
        // the latest statement per (actor, subject) in a dense grid: no allocation per row,
        // which at a million positions is most of the time this query takes.
        let actors: Vec<Uuid> = actor_names.keys().copied().collect();
        let subjects: Vec<Uuid> = labels.keys().copied().collect();
        let index = |ids: &[Uuid]| -> HashMap<[u8; 16], usize> {
            ids.iter()
                .enumerate()
                .map(|(i, id)| (*id.as_bytes(), i))
                .collect()
        };
        let (actor_at, subject_at) = (index(&actors), index(&subjects));
        let mut grid: Vec<Option<Latest>> = Vec::new();
        grid.resize_with(actors.len() * subjects.len(), || None);
        let mut rows = stmt.query(rusqlite::params![q.process_id, from, to, kind])?;
        while let Some(r) = rows.next()? {
            let text = |i: usize| -> rusqlite::Result<&str> {
                r.get_ref(i)?.as_str().map_err(|e| conversion(i, e))
            };
            let id = |i: usize| -> rusqlite::Result<[u8; 16]> {
                let bytes = r.get_ref(i)?.as_blob().map_err(|e| conversion(i, e))?;
                bytes
                    .try_into()
                    .map_err(|_| conversion(i, "an id is not 16 bytes"))
            };
            let (Some(a), Some(t)) = (actor_at.get(&id(0)?), subject_at.get(&id(1)?)) else {
                return Err(
                    conversion(0, "a position refers to an unknown actor or subject").into(),
                );
            };
            let stance = stance_of(text(2)?).ok_or_else(|| conversion(2, "unknown stance"))?;
            let seq: i64 = r.get(3)?;
            let at = text(4)?;
            let positions: u32 = r.get(5)?;
            match &mut grid[a * subjects.len() + t] {
                Some(l) => {
                    l.positions += positions;
                    if (seq, at) > (l.seq, l.at.as_str()) {
                        l.stance = stance;
                        l.seq = seq;
                        l.at.clear();
                        l.at.push_str(at);
                    }
                }
                empty => {
                    *empty = Some(Latest {
                        stance,
                        seq,
                        at: at.to_string(),
                        positions,
                    })
                }
            }
        }
        drop(rows);
        let mut latest: HashMap<(Uuid, Uuid), Latest> = HashMap::new();
        for (i, l) in grid.into_iter().enumerate() {
            if let Some(l) = l {
                latest.insert(
                    (actors[i / subjects.len()], subjects[i % subjects.len()]),
                    l,
                );
            }
        }
        if let Some(group) = q.group_id {
            let members = self.members_at(group, q.process_id, to)?;
            latest.retain(|(actor, _), _| *actor == group || members.contains(actor));
        }

        let mut actor_ids: Vec<Uuid> = latest
            .keys()
            .map(|k| k.0)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        actor_ids.sort_by(|a, b| actor_names.get(a).cmp(&actor_names.get(b)));
        let mut subject_ids: Vec<Uuid> = latest
            .keys()
            .map(|k| k.1)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        subject_ids.sort_by(|a, b| labels.get(a).cmp(&labels.get(b)));
        let row_of: HashMap<Uuid, u32> = actor_ids
            .iter()
            .enumerate()
            .map(|(i, a)| (*a, i as u32))
            .collect();
        let col_of: HashMap<Uuid, u32> = subject_ids
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i as u32))
            .collect();

        let mut counts: Vec<BTreeMap<Stance, u32>> = vec![BTreeMap::new(); subject_ids.len()];
        let mut cells: Vec<MatrixCell> = latest
            .iter()
            .map(|((actor, subject), l)| {
                let column = col_of[subject];
                *counts[column as usize].entry(l.stance).or_default() += 1;
                MatrixCell {
                    row: row_of[actor],
                    column,
                    stance: l.stance,
                    session_seq: l.seq,
                    positions: l.positions,
                }
            })
            .collect();
        cells.sort_by_key(|c| (c.row, c.column));
        Ok(Matrix {
            rows: actor_ids
                .iter()
                .map(|a| MatrixRow {
                    actor_id: *a,
                    actor_name: actor_names.get(a).cloned().unwrap_or_default(),
                })
                .collect(),
            columns: subject_ids
                .iter()
                .zip(counts)
                .map(|(s, c)| MatrixColumn {
                    subject: match q.axis {
                        MatrixAxis::Topics => SubjectRef::Topic(*s),
                        MatrixAxis::Proposals => SubjectRef::Proposal(*s),
                    },
                    label: labels.get(s).cloned().unwrap_or_default(),
                    counts: c
                        .into_iter()
                        .map(|(stance, count)| StanceCount { stance, count })
                        .collect(),
                })
                .collect(),
            cells,
        })
    }

    /// The positions behind one cell of the matrix, latest first.
    pub fn matrix_cell(&self, q: &CellQuery) -> Result<Vec<Position>, StoreError> {
        let subject_column = subject_column(&q.subject);
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_POSITION}
             WHERE p.actor_id = ?1 AND {subject_column} = ?2 AND s.process_id = ?3
               AND s.seq BETWEEN ?4 AND ?5
             ORDER BY s.seq DESC, p.created_at DESC, p.id DESC"
        ))?;
        let positions = stmt
            .query_map(
                rusqlite::params![
                    q.actor_id,
                    q.subject.id(),
                    q.process_id,
                    q.from_seq.unwrap_or(i64::MIN),
                    q.to_seq.unwrap_or(i64::MAX)
                ],
                read_position,
            )?
            .collect::<Result<_, _>>()?;
        Ok(positions)
    }

    /// Members of `group` whose membership covers the session `seq` of `process` (the rule
    /// of [`Store::memberships_at`], for one group).
    pub(crate) fn members_at(
        &self,
        group: Uuid,
        process: Uuid,
        seq: i64,
    ) -> Result<HashSet<Uuid>, StoreError> {
        Ok(self
            .memberships_at(process, seq)?
            .into_iter()
            .filter(|(g, _)| *g == group)
            .map(|(_, member)| member)
            .collect())
    }

    pub(crate) fn actor_names(&self) -> Result<HashMap<Uuid, String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, coalesce(short_name, name) FROM actor")?;
        let names = stmt
            .query_map([], |r| Ok((uuid_col(r, 0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(names)
    }

    fn subject_labels(&self, axis: MatrixAxis) -> Result<HashMap<Uuid, String>, StoreError> {
        Ok(match axis {
            MatrixAxis::Topics => self.topics()?.into_iter().map(|t| (t.id, t.path)).collect(),
            MatrixAxis::Proposals => self
                .proposals()?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect(),
        })
    }
}

/// The stored form of a stance without allocating (the common case), else the tolerant parse.
fn stance_of(text: &str) -> Option<Stance> {
    Stance::ALL
        .iter()
        .copied()
        .find(|s| s.as_str() == text)
        .or_else(|| Stance::parse(text))
}
