//! What moved between two sessions (or ranges of sessions) of a process: per actor and
//! subject, a changed stance, a new position, a position not restated, or a changed quote.

use super::positions::{conversion, subject_at, uuid_col};
use super::{Store, StoreError};
use crate::model::{
    ChangeKind, ChangeSide, Movement, SessionChange, SessionDiff, SessionDiffQuery, SessionPair,
    Stance, SubjectRef,
};
use crate::reference;
use std::collections::HashMap;
use uuid::Uuid;

/// The latest statement of an actor on a subject within one side's range.
#[derive(Clone, Copy)]
struct Latest {
    rowid: i64,
    stance: Stance,
    seq: i64,
}

type Key = (Uuid, SubjectRef);

impl Store {
    /// The last two sessions (by order) that hold positions, in the process with two such
    /// sessions where a position was recorded last; `None` while no process has two.
    pub fn latest_session_pair(&self) -> Result<Option<SessionPair>, StoreError> {
        let rows: Vec<(Uuid, i64)> = self
            .conn
            .prepare_cached(
                "WITH held AS (
                   SELECT s.id, s.process_id, s.seq,
                          (SELECT max(p.created_at) FROM position AS p WHERE p.session_id = s.id) AS last
                     FROM session AS s
                    WHERE EXISTS (SELECT 1 FROM position AS p WHERE p.session_id = s.id)),
                 chosen AS (
                   SELECT process_id FROM held GROUP BY process_id HAVING count(*) >= 2
                    ORDER BY max(last) DESC, process_id LIMIT 1)
                 SELECT h.process_id, h.seq FROM held AS h JOIN chosen USING (process_id)
                  ORDER BY h.seq DESC, h.id DESC LIMIT 2",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(match rows.as_slice() {
            [(process_id, after), (_, before)] => Some(SessionPair {
                process_id: *process_id,
                before: *before,
                after: *after,
            }),
            _ => None,
        })
    }

    pub fn session_diff(&self, q: &SessionDiffQuery) -> Result<SessionDiff, StoreError> {
        for (from, to) in [(q.before_from, q.before_to), (q.after_from, q.after_to)] {
            if from > to {
                return Err(StoreError::invalid(
                    "sessions",
                    format!("the range {from}–{to} runs backwards; give the earlier session first"),
                ));
            }
        }
        let process_name: String = self
            .conn
            .prepare_cached("SELECT short_name FROM process WHERE id = ?1")?
            .query_row([q.process_id], |r| r.get(0))
            .map_err(|_| StoreError::NotFound {
                what: "process",
                id: q.process_id.to_string(),
            })?;
        let before_label = self.range_label(q.process_id, q.before_from, q.before_to)?;
        let after_label = self.range_label(q.process_id, q.after_from, q.after_to)?;
        let mut before = self.latest_by_actor_subject(q.process_id, q.before_from, q.before_to)?;
        let mut after = self.latest_by_actor_subject(q.process_id, q.after_from, q.after_to)?;
        if let Some(group) = q.group_id {
            let members = self.members_at(group, q.process_id, q.after_to)?;
            let keep = |(actor, _): &Key| *actor == group || members.contains(actor);
            before.retain(|k, _| keep(k));
            after.retain(|k, _| keep(k));
        }

        let names = self.actor_names()?;
        let mut blocs: HashMap<Uuid, String> = HashMap::new();
        for key in reference::grouping_keys(crate::model::Grouping::Regional) {
            let group = reference::group_id(key);
            let name = names
                .get(&group)
                .cloned()
                .unwrap_or_else(|| key.to_string());
            for member in self.members_at(group, q.process_id, q.after_to)? {
                blocs.entry(member).or_insert_with(|| name.clone());
            }
        }
        let mut labels: HashMap<SubjectRef, String> = HashMap::new();
        let mut changes = Vec::new();
        let mut keys: Vec<Key> = before.keys().chain(after.keys()).copied().collect();
        keys.sort();
        keys.dedup();
        let mut sides = self.change_sides(before.values().chain(after.values()))?;
        let mut side_of = |l: Option<&Latest>| l.and_then(|l| sides.remove(&l.rowid));
        for key in keys {
            let before_side = side_of(before.get(&key));
            let after_side = side_of(after.get(&key));
            let kind = match (&before_side, &after_side) {
                (Some(x), Some(y)) if x.stance != y.stance => ChangeKind::Changed,
                (Some(x), Some(y))
                    if x.quote.trim() != y.quote.trim() && !y.quote.trim().is_empty() =>
                {
                    ChangeKind::QuoteChanged
                }
                (Some(_), Some(_)) => continue,
                (None, Some(_)) => ChangeKind::New,
                (Some(_), None) => ChangeKind::NotRestated,
                (None, None) => continue,
            };
            let label = match labels.get(&key.1) {
                Some(l) => l.clone(),
                None => {
                    let l = self.subject_label(key.1)?;
                    labels.insert(key.1, l.clone());
                    l
                }
            };
            let from_stance = before_side.as_ref().map(|s| s.stance);
            let to_stance = after_side.as_ref().map(|s| s.stance);
            changes.push(SessionChange {
                actor_id: key.0,
                actor_name: names.get(&key.0).cloned().unwrap_or_default(),
                bloc: blocs.get(&key.0).cloned(),
                subject: key.1,
                subject_label: label,
                kind,
                kind_label: kind.label().to_string(),
                from_stance,
                to_stance,
                movement: match (kind, from_stance, to_stance) {
                    (ChangeKind::Changed, Some(from), Some(to)) => {
                        Some(Movement::between(Some(from), to))
                    }
                    _ => None,
                },
                before: before_side,
                after: after_side,
            });
        }
        changes.sort_by(|x, y| {
            (&x.subject_label, x.kind, &x.bloc, &x.actor_name).cmp(&(
                &y.subject_label,
                y.kind,
                &y.bloc,
                &y.actor_name,
            ))
        });
        let all_states = self.state_ids()?;
        Ok(SessionDiff {
            process_name,
            before_label,
            after_label,
            subjects: crate::changes::subject_moves(&changes, &all_states),
            changes,
        })
    }

    /// Every actor's latest statement on every subject within sessions `from..=to`.
    fn latest_by_actor_subject(
        &self,
        process: Uuid,
        from: i64,
        to: i64,
    ) -> Result<HashMap<Key, Latest>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.rowid, p.actor_id, p.topic_id, p.proposal_id, p.provision_id, p.stance,
                    s.seq, p.created_at
             FROM session AS s JOIN position AS p ON p.session_id = s.id
             WHERE s.process_id = ?1 AND s.seq BETWEEN ?2 AND ?3",
        )?;
        let mut latest: HashMap<Key, (Latest, String)> = HashMap::new();
        let mut rows = stmt.query(rusqlite::params![process, from, to])?;
        while let Some(r) = rows.next()? {
            let subject = subject_at(r, 2)?;
            let key = (uuid_col(r, 1)?, subject);
            let stance = r.get_ref(5)?.as_str().map_err(|e| conversion(5, e))?;
            let stance = Stance::parse(stance).ok_or_else(|| conversion(5, "unknown stance"))?;
            let this = Latest {
                rowid: r.get(0)?,
                stance,
                seq: r.get(6)?,
            };
            let at = r.get_ref(7)?.as_str().map_err(|e| conversion(7, e))?;
            match latest.get_mut(&key) {
                Some((l, l_at)) if (this.seq, at, this.rowid) > (l.seq, l_at.as_str(), l.rowid) => {
                    *l = this;
                    l_at.clear();
                    l_at.push_str(at);
                }
                Some(_) => {}
                None => {
                    latest.insert(key, (this, at.to_string()));
                }
            }
        }
        Ok(latest.into_iter().map(|(k, (l, _))| (k, l)).collect())
    }

    /// The text and source of each given statement, read in one query (the ids travel as a
    /// JSON array) rather than one query per statement.
    fn change_sides<'a>(
        &self,
        latest: impl Iterator<Item = &'a Latest>,
    ) -> Result<HashMap<i64, ChangeSide>, StoreError> {
        let stances: HashMap<i64, Stance> = latest.map(|l| (l.rowid, l.stance)).collect();
        let ids = serde_json::to_string(&stances.keys().collect::<Vec<_>>())
            .map_err(|e| StoreError::invalid("diff", e.to_string()))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.rowid, p.id, s.title, p.summary, p.quote, coalesce(src.citation, ''),
                    coalesce(m.date, s.start_date)
             FROM json_each(?1) AS j
             JOIN position AS p ON p.rowid = j.value
             JOIN session AS s ON s.id = p.session_id
             LEFT JOIN source AS src ON src.id = p.source_id
             LEFT JOIN meeting AS m ON m.id = p.meeting_id",
        )?;
        let mut out = HashMap::with_capacity(stances.len());
        let mut rows = stmt.query([ids])?;
        while let Some(r) = rows.next()? {
            let rowid: i64 = r.get(0)?;
            let Some(stance) = stances.get(&rowid).copied() else {
                continue;
            };
            out.insert(
                rowid,
                ChangeSide {
                    position_id: uuid_col(r, 1)?,
                    stance,
                    session_title: r.get(2)?,
                    date: r
                        .get::<_, Option<String>>(6)?
                        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                    summary: r.get(3)?,
                    quote: r.get(4)?,
                    source: r.get(5)?,
                },
            );
        }
        Ok(out)
    }

    /// "7th substantive session", or "5th substantive session – 7th substantive session".
    fn range_label(&self, process: Uuid, from: i64, to: i64) -> Result<String, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT title FROM session WHERE process_id = ?1 AND seq = ?2")?;
        let mut title = |seq: i64| -> Result<String, StoreError> {
            stmt.query_row(rusqlite::params![process, seq], |r| r.get(0))
                .map_err(|_| StoreError::NotFound {
                    what: "session",
                    id: format!("number {seq} of this process"),
                })
        };
        let first = title(from)?;
        if from == to {
            Ok(first)
        } else {
            Ok(format!("{first} – {}", title(to)?))
        }
    }

    fn state_ids(&self) -> Result<std::collections::HashSet<Uuid>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM actor WHERE kind IN ('state', 'observer_state')")?;
        let ids = stmt
            .query_map([], |r| uuid_col(r, 0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }
}
