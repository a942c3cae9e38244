//! The things positions refer to: actors, groups, processes, sessions, topics, proposals.

use super::positions::{conversion, uuid_col};
use super::{Store, StoreError};
use crate::model::{
    Actor, ActorKind, Champion, Counts, Meeting, Membership, Process, Proposal, Session,
    SubjectRef, Topic,
};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};
use std::collections::HashMap;
use uuid::Uuid;

impl Store {
    /// Actors, optionally of one kind, by name.
    pub fn actors(&self, kind: Option<ActorKind>) -> Result<Vec<Actor>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, name, short_name, iso3, m49, note FROM actor
             WHERE ?1 IS NULL OR kind = ?1 ORDER BY name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([kind.map(|k| k.as_str())], read_actor)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One actor by id.
    pub fn actor(&self, id: Uuid) -> Result<Actor, StoreError> {
        self.conn
            .query_row(
                "SELECT id, kind, name, short_name, iso3, m49, note FROM actor WHERE id = ?1",
                [id],
                read_actor,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "actor",
                id: id.to_string(),
            })
    }

    /// What people call a subject: a topic's path, a proposal's name, "A/79/214 Rev.1, para. 12".
    pub fn subject_label(&self, subject: SubjectRef) -> Result<String, StoreError> {
        let (what, sql) = match subject {
            SubjectRef::Topic(_) => ("topic", "SELECT path FROM topic_path WHERE id = ?1"),
            SubjectRef::Proposal(_) => ("proposal", "SELECT name FROM proposal WHERE id = ?1"),
            SubjectRef::Provision(_) => (
                "paragraph",
                "SELECT paragraph_citation(coalesce(d.symbol, d.title), d.revision_label, v.label)
                 FROM provision AS v JOIN document AS d ON d.id = v.document_id WHERE v.id = ?1",
            ),
        };
        self.conn
            .query_row(sql, [subject.id()], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what,
                id: subject.id().to_string(),
            })
    }

    /// The memberships of a group, dated.
    pub fn memberships(&self, group_id: Uuid) -> Result<Vec<Membership>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT gm.id, gm.group_id, gm.member_id, gm.valid_from, gm.valid_to, gm.source
             FROM group_membership AS gm JOIN actor AS a ON a.id = gm.member_id
             WHERE gm.group_id = ?1 ORDER BY a.name COLLATE NOCASE, gm.valid_from",
        )?;
        let rows = stmt.query_map([group_id], |r| {
            Ok(Membership {
                id: uuid_col(r, 0)?,
                group_id: uuid_col(r, 1)?,
                member_id: uuid_col(r, 2)?,
                valid_from: date_col(r, 3)?,
                valid_to: date_col(r, 4)?,
                source: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every process, by name.
    pub fn processes(&self) -> Result<Vec<Process>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.name, p.short_name, p.mandate, p.note, ps.chair,
                    coalesce(ps.archived, 0)
             FROM process AS p LEFT JOIN process_status AS ps ON ps.id = p.id
             ORDER BY p.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Process {
                id: uuid_col(r, 0)?,
                name: r.get(1)?,
                short_name: r.get(2)?,
                mandate: r.get(3)?,
                note: r.get(4)?,
                chair: r.get(5)?,
                archived: r.get::<_, i64>(6)? != 0,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sessions, optionally of one process, in order.
    pub fn sessions(&self, process_id: Option<Uuid>) -> Result<Vec<Session>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.process_id, p.short_name, s.seq, s.number, s.title, s.start_date,
                    s.end_date, s.place, s.note, coalesce(ps.archived, 0)
             FROM session AS s JOIN process AS p ON p.id = s.process_id
             LEFT JOIN process_status AS ps ON ps.id = p.id
             WHERE ?1 IS NULL OR s.process_id = ?1
             ORDER BY p.name COLLATE NOCASE, s.seq, s.id",
        )?;
        let rows = stmt.query_map([process_id], |r| {
            let (process_short_name, title): (String, String) = (r.get(2)?, r.get(5)?);
            Ok(Session {
                id: uuid_col(r, 0)?,
                process_id: uuid_col(r, 1)?,
                label: crate::citation::session(&process_short_name, &title),
                process_short_name,
                seq: r.get(3)?,
                number: r.get(4)?,
                title,
                start_date: date_col(r, 6)?,
                end_date: date_col(r, 7)?,
                place: r.get(8)?,
                note: r.get(9)?,
                archived: r.get::<_, i64>(10)? != 0,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The meetings of a session, by day.
    pub fn meetings(&self, session_id: Uuid) -> Result<Vec<Meeting>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, session_id, date, title FROM meeting WHERE session_id = ?1
             ORDER BY date, title",
        )?;
        let rows = stmt.query_map([session_id], |r| {
            Ok(Meeting {
                id: uuid_col(r, 0)?,
                session_id: uuid_col(r, 1)?,
                date: date_col(r, 2)?.ok_or_else(|| conversion(2, "a meeting has no date"))?,
                title: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The topic tree, depth first in the order analysts set.
    pub fn topics(&self) -> Result<Vec<Topic>, StoreError> {
        let mut stmt = self.conn.prepare(
            "WITH RECURSIVE walk (id, parent_id, name, path, ordinal, sort) AS (
               SELECT id, parent_id, name, name, ordinal, printf('%06d', ordinal)
                 FROM topic WHERE parent_id IS NULL
               UNION ALL
               SELECT t.id, t.parent_id, t.name, walk.path || '/' || t.name, t.ordinal,
                      walk.sort || '.' || printf('%06d', t.ordinal)
                 FROM topic AS t JOIN walk ON t.parent_id = walk.id)
             SELECT id, parent_id, name, path, ordinal FROM walk ORDER BY sort, name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Topic {
                id: uuid_col(r, 0)?,
                parent_id: r.get(1)?,
                name: r.get(2)?,
                path: r.get(3)?,
                ordinal: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every proposal with its champions.
    pub fn proposals(&self) -> Result<Vec<Proposal>, StoreError> {
        let mut champions: HashMap<Uuid, Vec<Champion>> = HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT c.proposal_id, c.actor_id, cp.valid_from, cp.valid_to, c.source
             FROM proposal_champion AS c JOIN actor AS a ON a.id = c.actor_id
             LEFT JOIN champion_period AS cp ON cp.id = c.id
             ORDER BY a.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                uuid_col(r, 0)?,
                Champion {
                    actor_id: uuid_col(r, 1)?,
                    valid_from: date_col(r, 2)?,
                    valid_to: date_col(r, 3)?,
                    source: r.get(4)?,
                },
            ))
        })?;
        for row in rows {
            let (proposal, champion) = row?;
            champions.entry(proposal).or_default().push(champion);
        }
        let mut stmt = self.conn.prepare(
            "SELECT id, name, short_name, description, process_id FROM proposal
             ORDER BY name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Proposal {
                id: uuid_col(r, 0)?,
                name: r.get(1)?,
                short_name: r.get(2)?,
                description: r.get(3)?,
                process_id: r.get(4)?,
                champions: Vec::new(),
            })
        })?;
        let mut proposals: Vec<Proposal> = rows.collect::<Result<_, _>>()?;
        for p in &mut proposals {
            p.champions = champions.remove(&p.id).unwrap_or_default();
        }
        Ok(proposals)
    }

    /// How many rows of each kind the database holds.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM actor), (SELECT count(*) FROM session),
                    (SELECT count(*) FROM topic), (SELECT count(*) FROM proposal),
                    (SELECT n FROM position_count)",
            [],
            |r| {
                Ok(Counts {
                    actors: r.get::<_, i64>(0)? as u64,
                    sessions: r.get::<_, i64>(1)? as u64,
                    topics: r.get::<_, i64>(2)? as u64,
                    proposals: r.get::<_, i64>(3)? as u64,
                    positions: r.get::<_, i64>(4)? as u64,
                })
            },
        )?)
    }
}

fn read_actor(r: &Row<'_>) -> rusqlite::Result<Actor> {
    let kind: String = r.get(1)?;
    Ok(Actor {
        id: uuid_col(r, 0)?,
        kind: ActorKind::parse(&kind).ok_or_else(|| conversion(1, "unknown actor kind"))?,
        name: r.get(2)?,
        short_name: r.get(3)?,
        iso3: r.get(4)?,
        m49: r.get(5)?,
        note: r.get(6)?,
    })
}

pub(crate) fn date_col(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(i)?
        .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| conversion(i, e)))
        .transpose()
}
