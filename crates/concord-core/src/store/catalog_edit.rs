//! The writes behind the delegation's own catalog: processes, sessions, meetings, proposals,
//! champions, actors and memberships. SQL only; `crate::catalog` checks every rule first and
//! hands these values already trimmed and checked. Topics are in `topic_edit.rs`.

use super::writer::Writer;
use super::StoreError;
use crate::model::{ActorInput, ProcessInput, ProposalInput, SessionInput};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

fn day(date: Option<NaiveDate>) -> Option<String> {
    date.map(|d| d.to_string())
}

impl Writer<'_> {
    /// Adds a process (and its Chair, when given); returns its id.
    pub(crate) fn insert_process(&mut self, p: &ProcessInput) -> Result<Uuid, StoreError> {
        let id = self.natural_id_in("process", &p.short_name)?;
        let now = self.now();
        self.tx.execute(
            "INSERT INTO process (id, name, short_name, mandate, note, changed_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                p.name,
                p.short_name,
                p.mandate,
                p.note,
                self.installation,
                now
            ],
        )?;
        if p.chair.is_some() {
            self.set_process_status(id, p.chair.as_deref(), false)?;
        }
        Ok(id)
    }

    /// Renames a process and sets its mandate, Chair and note.
    pub(crate) fn update_process(&mut self, id: Uuid, p: &ProcessInput) -> Result<(), StoreError> {
        let now = self.now();
        self.tx.execute(
            "UPDATE process SET name = ?2, short_name = ?3, mandate = ?4, note = ?5,
               changed_by = ?6, updated_at = ?7 WHERE id = ?1",
            params![
                id,
                p.name,
                p.short_name,
                p.mandate,
                p.note,
                self.installation,
                now
            ],
        )?;
        let archived = self.process_archived(id)?;
        self.set_process_status(id, p.chair.as_deref(), archived)
    }

    /// Whether a process is archived.
    pub(crate) fn process_archived(&self, id: Uuid) -> Result<bool, StoreError> {
        let archived: Option<i64> = self
            .tx
            .query_row(
                "SELECT archived FROM process_status WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(archived == Some(1))
    }

    /// Archives a process or brings it back, keeping its Chair.
    pub(crate) fn archive_process(&mut self, id: Uuid, archived: bool) -> Result<(), StoreError> {
        let chair: Option<String> = self
            .tx
            .query_row(
                "SELECT chair FROM process_status WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        self.set_process_status(id, chair.as_deref(), archived)
    }

    fn set_process_status(
        &mut self,
        id: Uuid,
        chair: Option<&str>,
        archived: bool,
    ) -> Result<(), StoreError> {
        let now = self.now();
        self.tx.execute(
            "INSERT INTO process_status (id, chair, archived, changed_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id) DO UPDATE SET chair = excluded.chair, archived = excluded.archived,
               changed_by = excluded.changed_by, updated_at = excluded.updated_at
             WHERE chair IS NOT excluded.chair OR archived IS NOT excluded.archived",
            params![id, chair, archived as i64, self.installation, now],
        )?;
        Ok(())
    }

    /// Adds a session at the end of its process's order; returns its id.
    pub(crate) fn insert_session(&mut self, s: &SessionInput) -> Result<Uuid, StoreError> {
        let key = match s.number {
            Some(n) => format!("{}:{n}", s.process_id),
            None => format!("{}:{}", s.process_id, s.title.to_lowercase()),
        };
        let id = self.natural_id_in("session", &key)?;
        let now = self.now();
        self.tx.execute(
            "INSERT INTO session (id, process_id, seq, number, title, start_date, end_date, place,
               note, changed_by, updated_at)
             VALUES (?1, ?2, ?11, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id,
                s.process_id,
                s.number,
                s.title,
                day(s.start_date),
                day(s.end_date),
                s.place,
                s.note,
                self.installation,
                now,
                self.next_seq(s.process_id)?
            ],
        )?;
        Ok(id)
    }

    /// A session's place in its process's order: after every session there, and no earlier
    /// than the time it is added (in ms), so sessions two colleagues add apart take different
    /// places and their copies merge (the order is unique per process).
    fn next_seq(&self, process: Uuid) -> Result<i64, StoreError> {
        Ok(self.tx.query_row(
            "SELECT max(coalesce(max(seq), 0) + 1, ?2) FROM session WHERE process_id = ?1",
            params![process, self.now_ms()],
            |r| r.get(0),
        )?)
    }

    /// Sets what a session is: its process (moved to the end of that one's order), number,
    /// title, dates, place and note.
    pub(crate) fn update_session(&mut self, id: Uuid, s: &SessionInput) -> Result<(), StoreError> {
        let now = self.now();
        self.tx.execute(
            "UPDATE session SET seq = CASE WHEN process_id = ?2 THEN seq ELSE ?11 END,
               process_id = ?2, number = ?3, title = ?4, start_date = ?5, end_date = ?6,
               place = ?7, note = ?8, changed_by = ?9, updated_at = ?10
             WHERE id = ?1",
            params![
                id,
                s.process_id,
                s.number,
                s.title,
                day(s.start_date),
                day(s.end_date),
                s.place,
                s.note,
                self.installation,
                now,
                self.next_seq(s.process_id)?
            ],
        )?;
        Ok(())
    }

    /// Adds a meeting of a session on a day; one with the same day and title is the same
    /// meeting. Returns its id.
    pub(crate) fn insert_meeting(
        &mut self,
        session: Uuid,
        date: NaiveDate,
        title: &str,
    ) -> Result<Uuid, StoreError> {
        let key = match title {
            "" => format!("{session}:{date}"),
            t => format!("{session}:{date}:{t}"),
        };
        let id = self.natural_id("meeting", &key);
        let now = self.now();
        self.tx.execute(
            "INSERT INTO meeting (id, session_id, date, title, changed_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO NOTHING",
            params![id, session, date.to_string(), title, self.installation, now],
        )?;
        Ok(id)
    }

    /// Adds a proposal; returns its id.
    pub(crate) fn insert_proposal(&mut self, p: &ProposalInput) -> Result<Uuid, StoreError> {
        let id = self.natural_id_in("proposal", &p.name)?;
        let now = self.now();
        self.tx.execute(
            "INSERT INTO proposal (id, process_id, name, short_name, description, changed_by,
               updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                p.process_id,
                p.name,
                p.short_name,
                p.description,
                self.installation,
                now
            ],
        )?;
        Ok(id)
    }

    /// Renames and describes a proposal.
    pub(crate) fn update_proposal(
        &mut self,
        id: Uuid,
        p: &ProposalInput,
    ) -> Result<(), StoreError> {
        let now = self.now();
        self.tx.execute(
            "UPDATE proposal SET process_id = ?2, name = ?3, short_name = ?4, description = ?5,
               changed_by = ?6, updated_at = ?7 WHERE id = ?1",
            params![
                id,
                p.process_id,
                p.name,
                p.short_name,
                p.description,
                self.installation,
                now
            ],
        )?;
        Ok(())
    }

    /// Records that an actor champions a proposal, from and to the days given.
    pub(crate) fn upsert_champion(
        &mut self,
        proposal: Uuid,
        actor: Uuid,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        source: Option<&str>,
    ) -> Result<(), StoreError> {
        let now = self.now();
        let id = match self.champion_id(proposal, actor)? {
            Some(id) => {
                self.tx.execute(
                    "UPDATE proposal_champion SET source = ?2, changed_by = ?3, updated_at = ?4
                     WHERE id = ?1 AND source IS NOT ?2",
                    params![id, source, self.installation, now],
                )?;
                id
            }
            None => {
                let id = self.natural_id("champion", &format!("{proposal}:{actor}"));
                self.tx.execute(
                    "INSERT INTO proposal_champion (id, proposal_id, actor_id, source, changed_by,
                       updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, proposal, actor, source, self.installation, now],
                )?;
                id
            }
        };
        if from.is_some() || to.is_some() {
            self.tx.execute(
                "INSERT INTO champion_period (id, valid_from, valid_to, changed_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET valid_from = excluded.valid_from,
                   valid_to = excluded.valid_to, changed_by = excluded.changed_by,
                   updated_at = excluded.updated_at",
                params![id, day(from), day(to), self.installation, now],
            )?;
        } else {
            self.tx
                .execute("DELETE FROM champion_period WHERE id = ?1", [id])?;
        }
        Ok(())
    }

    /// The row that makes `actor` a champion of `proposal`, if any.
    fn champion_id(&self, proposal: Uuid, actor: Uuid) -> Result<Option<Uuid>, StoreError> {
        Ok(self
            .tx
            .query_row(
                "SELECT id FROM proposal_champion WHERE proposal_id = ?1 AND actor_id = ?2",
                params![proposal, actor],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Removes an actor from a proposal's champions; false when it was not one.
    pub(crate) fn delete_champion(
        &mut self,
        proposal: Uuid,
        actor: Uuid,
    ) -> Result<bool, StoreError> {
        let Some(id) = self.champion_id(proposal, actor)? else {
            return Ok(false);
        };
        self.tx
            .execute("DELETE FROM proposal_champion WHERE id = ?1", [id])?;
        self.mark_removed(id, "proposal_champion")?;
        Ok(true)
    }

    /// Adds an actor; returns its id.
    pub(crate) fn insert_actor(&mut self, a: &ActorInput) -> Result<Uuid, StoreError> {
        let id = self.natural_id_in("actor", &format!("{}:{}", a.kind, a.name))?;
        let now = self.now();
        self.tx.execute(
            "INSERT INTO actor (id, kind, name, short_name, iso3, note, changed_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                a.kind.as_str(),
                a.name,
                a.short_name,
                a.iso3,
                a.note,
                self.installation,
                now
            ],
        )?;
        Ok(id)
    }

    /// Sets an actor's name, short name, ISO3 code and note (its kind stays).
    pub(crate) fn update_actor(&mut self, id: Uuid, a: &ActorInput) -> Result<(), StoreError> {
        let now = self.now();
        self.tx.execute(
            "UPDATE actor SET name = ?2, short_name = ?3, iso3 = ?4, note = ?5, changed_by = ?6,
               updated_at = ?7 WHERE id = ?1",
            params![
                id,
                a.name,
                a.short_name,
                a.iso3,
                a.note,
                self.installation,
                now
            ],
        )?;
        Ok(())
    }

    /// Adds a membership from `from`; returns its id.
    pub(crate) fn insert_membership(
        &mut self,
        group: Uuid,
        member: Uuid,
        from: NaiveDate,
        source: Option<&str>,
    ) -> Result<Uuid, StoreError> {
        let id = self.natural_id("membership", &format!("{group}:{member}:{from}"));
        let now = self.now();
        self.tx.execute(
            "INSERT INTO group_membership (id, group_id, member_id, valid_from, source,
               changed_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                group,
                member,
                from.to_string(),
                source,
                self.installation,
                now
            ],
        )?;
        Ok(id)
    }

    /// Ends a membership on `to`, with the source of the ending when given.
    pub(crate) fn end_membership(
        &mut self,
        id: Uuid,
        to: NaiveDate,
        source: Option<&str>,
    ) -> Result<(), StoreError> {
        let now = self.now();
        self.tx.execute(
            "UPDATE group_membership SET valid_to = ?2, source = coalesce(?3, source),
               changed_by = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, to.to_string(), source, self.installation, now],
        )?;
        Ok(())
    }

    /// Notes that a row is gone for good, so a later load of the reference data does not
    /// bring it back.
    pub(crate) fn mark_removed(&mut self, id: Uuid, what: &str) -> Result<(), StoreError> {
        let now = self.now();
        self.tx.execute(
            "INSERT INTO reference_removed (id, what, changed_by, updated_at)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING",
            params![id, what, self.installation, now],
        )?;
        Ok(())
    }
}
