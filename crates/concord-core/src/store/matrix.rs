//! The States × subjects matrix: the latest stance of each actor on each topic or proposal
//! within a range of sessions, with counts per column.

use super::positions::{conversion, uuid_col};
use super::{Store, StoreError};
use crate::model::{
    Matrix, MatrixAxis, MatrixCell, MatrixColumn, MatrixQuery, MatrixRow, Stance, StanceCount,
    SubjectRef,
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
        let subject_column = match q.axis {
            MatrixAxis::Topics => "p.topic_id",
            MatrixAxis::Proposals => "p.proposal_id",
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.actor_id, {subject_column}, p.stance, s.seq, p.created_at
             FROM session AS s JOIN position AS p ON p.session_id = s.id
             WHERE s.process_id = ?1 AND s.seq BETWEEN ?2 AND ?3 AND {subject_column} IS NOT NULL"
        ))?;
        let mut latest: HashMap<(Uuid, Uuid), Latest> = HashMap::new();
        let mut rows = stmt.query(rusqlite::params![q.process_id.to_string(), from, to])?;
        while let Some(r) = rows.next()? {
            let key = (uuid_col(r, 0)?, uuid_col(r, 1)?);
            let stance: String = r.get(2)?;
            let stance = Stance::parse(&stance).ok_or_else(|| conversion(2, "unknown stance"))?;
            let seq: i64 = r.get(3)?;
            let at: String = r.get(4)?;
            match latest.get_mut(&key) {
                Some(l) => {
                    l.positions += 1;
                    if (seq, at.as_str()) > (l.seq, l.at.as_str()) {
                        l.stance = stance;
                        l.seq = seq;
                        l.at = at;
                    }
                }
                None => {
                    latest.insert(
                        key,
                        Latest {
                            stance,
                            seq,
                            at,
                            positions: 1,
                        },
                    );
                }
            }
        }
        if let Some(group) = q.group_id {
            let members = self.members_at(group, q.process_id, to)?;
            latest.retain(|(actor, _), _| *actor == group || members.contains(actor));
        }
        let actor_names = self.actor_names()?;
        let labels = self.subject_labels(q.axis)?;

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

    /// Members of `group` whose membership covers the session `seq` of `process`.
    pub(crate) fn members_at(
        &self,
        group: Uuid,
        process: Uuid,
        seq: i64,
    ) -> Result<HashSet<Uuid>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT gm.member_id FROM group_membership AS gm
             LEFT JOIN session AS s ON s.process_id = ?2
               AND s.seq = (SELECT max(seq) FROM session WHERE process_id = ?2 AND seq <= ?3)
             WHERE gm.group_id = ?1
               AND (gm.valid_from IS NULL OR s.start_date IS NULL OR gm.valid_from <= coalesce(s.end_date, s.start_date))
               AND (gm.valid_to IS NULL OR s.start_date IS NULL OR gm.valid_to >= s.start_date)",
        )?;
        let ids = stmt
            .query_map(
                rusqlite::params![group.to_string(), process.to_string(), seq],
                |r| uuid_col(r, 0),
            )?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    fn actor_names(&self) -> Result<HashMap<Uuid, String>, StoreError> {
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
