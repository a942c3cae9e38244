//! Writes inside one transaction. Every change to a position lands in `position_history`
//! in the same transaction, so nothing an analyst typed is ever lost. An insert's entry holds
//! no copy of the row (schema v9): the row is the next entry's `before`, or the position as
//! it is, and `Store::position_history` puts it back.

use super::StoreError;
use crate::citation::Citation;
use crate::clock::Clock;
use crate::model::{
    ActorInput, ActorKind, PositionInput, ProcessInput, ProposalInput, Provenance, SubjectRef,
};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction};
use uuid::Uuid;

/// Longest text accepted per field, in characters: generous for a long statement,
/// small enough that a runaway paste is refused with a clear message.
pub const MAX_SUMMARY_CHARS: usize = 20_000;
pub const MAX_QUOTE_CHARS: usize = 100_000;
pub const MAX_NOTE_CHARS: usize = 20_000;
pub const MAX_SOURCE_CHARS: usize = 2_000;

/// A write transaction in progress; see [`super::Store::write`].
pub struct Writer<'t> {
    pub(crate) tx: &'t Transaction<'t>,
    clock: &'t dyn Clock,
    pub(crate) installation: Uuid,
    /// What this transaction changed, kept as change sets (`capture.rs`); `None` for the
    /// reference data.
    pub(crate) capture: Option<super::capture::Capture<'t>>,
}

pub(crate) fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The row as JSON (ids as text, `uuid_text`), with the names its ids stood for at the time,
/// so history reads on its own.
/// Subqueries, not LEFT JOINs: with a LEFT JOIN SQLite marks the statement as depending on
/// the bound id, and the statement cache then re-prepares it on every use (measured 10× slower).
pub(crate) const SNAPSHOT: &str = "SELECT json_object(
    'id', uuid_text(p.id), 'actor_id', uuid_text(p.actor_id), 'topic_id', uuid_text(p.topic_id),
    'proposal_id', uuid_text(p.proposal_id), 'provision_id', uuid_text(p.provision_id),
    'session_id', uuid_text(p.session_id), 'meeting_id', uuid_text(p.meeting_id),
    'stance', p.stance, 'summary', p.summary, 'quote', p.quote, 'source_id', uuid_text(p.source_id),
    'source', (SELECT citation FROM source WHERE id = p.source_id),
    'on_behalf_of_id', uuid_text(p.on_behalf_of_id), 'note', p.note,
    'provenance', p.provenance, 'created_at', p.created_at, 'updated_at', p.updated_at,
    'changed_by', uuid_text(p.changed_by),
    'actor', (SELECT name FROM actor WHERE id = p.actor_id),
    'session', (SELECT session_label(pc.short_name, se.title) FROM session AS se
                JOIN process AS pc ON pc.id = se.process_id WHERE se.id = p.session_id),
    'subject', coalesce((WITH RECURSIVE up (parent_id, path, depth) AS (
                             SELECT parent_id, name, 0 FROM topic WHERE id = p.topic_id
                             UNION ALL
                             SELECT t.parent_id, t.name || '/' || up.path, up.depth + 1
                             FROM topic AS t JOIN up ON t.id = up.parent_id WHERE up.depth < 64)
                           SELECT path FROM up WHERE parent_id IS NULL),
                        (SELECT name FROM proposal WHERE id = p.proposal_id),
                        (SELECT label FROM provision WHERE id = p.provision_id)),
    'on_behalf_of', (SELECT name FROM actor WHERE id = p.on_behalf_of_id))
  FROM position AS p WHERE p.id = ?1";

impl<'t> Writer<'t> {
    pub(crate) fn new(tx: &'t Transaction<'t>, clock: &'t dyn Clock, installation: Uuid) -> Self {
        Writer {
            tx,
            clock,
            installation,
            capture: None,
        }
    }

    pub(crate) fn tx(&self) -> &Transaction<'t> {
        self.tx
    }

    pub(crate) fn now(&self) -> String {
        stamp(self.clock.now())
    }

    /// The clock's time in milliseconds since 1970.
    pub(crate) fn now_ms(&self) -> i64 {
        self.clock.now().timestamp_millis()
    }

    pub(crate) fn new_id(&self) -> Uuid {
        self.clock.new_id()
    }

    /// The id of a row made from its natural key (a meeting's session and day, a topic's
    /// parent and name): two copies of the record that create it apart create the same row,
    /// so merging them makes one, not two that break a uniqueness rule.
    pub(crate) fn natural_id(&self, kind: &str, key: &str) -> Uuid {
        crate::clock::reference_id(&format!("made-{kind}"), key)
    }

    /// [`Self::natural_id`] for a row of `table` whose key can be edited (a name, a number):
    /// when the row made from that key has since been renamed, a new one gets a fresh id.
    pub(crate) fn natural_id_in(&self, table: &str, key: &str) -> Result<Uuid, StoreError> {
        let id = self.natural_id(table, key);
        let taken = self
            .tx
            .prepare_cached(&format!("SELECT 1 FROM \"{table}\" WHERE id = ?1"))?
            .exists([id])?;
        Ok(if taken { self.new_id() } else { id })
    }

    /// The values of a position's row, numbered as both `insert_position` and
    /// `update_position` bind them (?1 id … ?13 note, ?14 time, ?15 who).
    pub(super) fn columns(
        &self,
        id: Uuid,
        input: &PositionInput,
        meeting_id: Option<Uuid>,
        source_id: Option<Uuid>,
        now: &str,
    ) -> Vec<Value> {
        let text = |s: &str| Value::Text(s.to_owned());
        let uuid = super::positions::id_value;
        let maybe = |u: Option<Uuid>| u.map_or(Value::Null, uuid);
        let (topic, proposal, provision) = match input.subject {
            SubjectRef::Topic(id) => (Some(id), None, None),
            SubjectRef::Proposal(id) => (None, Some(id), None),
            SubjectRef::Provision(id) => (None, None, Some(id)),
        };
        vec![
            uuid(id),
            uuid(input.actor_id),
            maybe(topic),
            maybe(proposal),
            maybe(provision),
            uuid(input.session_id),
            maybe(meeting_id),
            text(input.stance.as_str()),
            text(input.summary.trim()),
            text(input.quote.trim()),
            maybe(source_id),
            maybe(input.on_behalf_of_id),
            text(input.note.trim()),
            text(now),
            uuid(self.installation),
        ]
    }

    /// Records a new position; returns its id.
    pub fn insert_position(
        &mut self,
        input: &PositionInput,
        provenance: Provenance,
    ) -> Result<Uuid, StoreError> {
        self.check_position(input)?;
        let source_id = self.source_for(&input.source)?;
        let meeting_id = self.meeting_for(input)?;
        let id = self.new_id();
        let now = self.now();
        let values = self.columns(id, input, meeting_id, source_id, &now);
        self.insert_row(id, values, now.clone(), provenance, now)?;
        Ok(id)
    }

    /// Writes a position's row from its [`Self::columns`], created at `created_at`, and the
    /// history entry that says it was inserted at `now`.
    pub(super) fn insert_row(
        &mut self,
        id: Uuid,
        mut values: Vec<Value>,
        created_at: String,
        provenance: Provenance,
        now: String,
    ) -> Result<(), StoreError> {
        values.push(Value::Text(created_at));
        values.push(Value::Text(provenance.as_str().to_owned()));
        self.tx
            .prepare_cached(
                "INSERT INTO position (id, actor_id, topic_id, proposal_id, provision_id, session_id,
                   meeting_id, stance, summary, quote, source_id, on_behalf_of_id, note,
                   created_at, updated_at, changed_by, provenance)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?16, ?14, ?15, ?17)",
            )?
            .execute(params_from_iter(values))?;
        self.record_history(id, "insert", None, now)?;
        if let Some(capture) = self.capture.as_mut() {
            capture.row_written()?;
        }
        Ok(())
    }

    /// Replaces a position's values; the old ones stay in its history.
    pub fn update_position(&mut self, id: Uuid, input: &PositionInput) -> Result<(), StoreError> {
        let before = self.snapshot(id)?.ok_or_else(|| not_found(id))?;
        self.check_position(input)?;
        let source_id = self.source_for(&input.source)?;
        let meeting_id = self.meeting_for(input)?;
        let now = self.now();
        let values = self.columns(id, input, meeting_id, source_id, &now);
        self.tx
            .prepare_cached(
                "UPDATE position SET actor_id = ?2, topic_id = ?3, proposal_id = ?4,
                   provision_id = ?5, session_id = ?6, meeting_id = ?7, stance = ?8, summary = ?9,
                   quote = ?10, source_id = ?11, on_behalf_of_id = ?12, note = ?13,
                   updated_at = ?14, changed_by = ?15
                 WHERE id = ?1",
            )?
            .execute(params_from_iter(values))?;
        self.record_history(id, "update", Some(before), now)?;
        Ok(())
    }

    /// Deletes a position; its last values stay in its history.
    pub fn delete_position(&mut self, id: Uuid) -> Result<(), StoreError> {
        let before = self.snapshot(id)?.ok_or_else(|| not_found(id))?;
        let now = self.now();
        self.tx
            .execute("DELETE FROM position WHERE id = ?1", [id])?;
        self.record_history(id, "delete", Some(before), now)?;
        Ok(())
    }

    pub(crate) fn snapshot(&self, id: Uuid) -> Result<Option<String>, StoreError> {
        Ok(self
            .tx
            .prepare_cached(SNAPSHOT)?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    pub(crate) fn record_history(
        &mut self,
        id: Uuid,
        op: &str,
        before: Option<String>,
        at: String,
    ) -> Result<(), StoreError> {
        let after = match op {
            "update" => self.snapshot(id)?,
            _ => None,
        };
        let history_id = self.new_id();
        self.tx
            .prepare_cached(
                "INSERT INTO position_history (id, position_id, op, at, changed_by, before, after)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                history_id,
                id,
                op,
                at,
                self.installation,
                before,
                after
            ])?;
        Ok(())
    }

    /// Checks lengths and that every id names a row of the right kind.
    pub(super) fn check_position(&self, input: &PositionInput) -> Result<(), StoreError> {
        check_length("summary", &input.summary, MAX_SUMMARY_CHARS)?;
        check_length("quote", &input.quote, MAX_QUOTE_CHARS)?;
        check_length("note", &input.note, MAX_NOTE_CHARS)?;
        check_length("source", &input.source, MAX_SOURCE_CHARS)?;
        self.actor_kind(input.actor_id)?.ok_or_else(|| {
            StoreError::invalid("actor", format!("no actor with id {}", input.actor_id))
        })?;
        self.exists("session", input.session_id)?;
        match input.subject {
            SubjectRef::Topic(id) => self.exists("topic", id)?,
            SubjectRef::Proposal(id) => self.exists("proposal", id)?,
            SubjectRef::Provision(id) => self.exists("provision", id)?,
        }
        if let Some(group) = input.on_behalf_of_id {
            match self.actor_kind(group)? {
                Some(kind) if kind.is_group_or_organization() => {}
                Some(_) => {
                    return Err(StoreError::invalid(
                        "on behalf of",
                        "a statement can be delivered on behalf of a group or organization only",
                    ))
                }
                None => {
                    return Err(StoreError::invalid(
                        "on behalf of",
                        format!("no group with id {group}"),
                    ))
                }
            }
        }
        if let Some(meeting) = input.meeting_id {
            let session: Option<Uuid> = self
                .tx
                .prepare_cached("SELECT session_id FROM meeting WHERE id = ?1")?
                .query_row([meeting], |r| r.get(0))
                .optional()?;
            if session != Some(input.session_id) {
                return Err(StoreError::invalid(
                    "meeting",
                    "the meeting is not part of the chosen session",
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn actor_kind(&self, id: Uuid) -> Result<Option<ActorKind>, StoreError> {
        let kind: Option<String> = self
            .tx
            .prepare_cached("SELECT kind FROM actor WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        Ok(kind.as_deref().and_then(ActorKind::parse))
    }

    fn exists(&self, table: &'static str, id: Uuid) -> Result<(), StoreError> {
        // `table` is one of a fixed set of names chosen above, never user text.
        let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
        let found = self
            .tx
            .prepare_cached(&sql)?
            .query_row([id], |_| Ok(()))
            .optional()?;
        found.ok_or_else(|| StoreError::invalid(table, format!("no {table} with id {id}")))
    }

    /// The source row for a citation, created on first use; `None` for an empty citation.
    pub fn source_for(&mut self, citation: &str) -> Result<Option<Uuid>, StoreError> {
        let citation = citation.trim();
        if citation.is_empty() {
            return Ok(None);
        }
        let existing: Option<Uuid> = self
            .tx
            .prepare_cached("SELECT id FROM source WHERE citation = ?1")?
            .query_row([citation], |r| r.get(0))
            .optional()?;
        if existing.is_some() {
            return Ok(existing);
        }
        let parts = Citation::parse(citation);
        let id = self.natural_id("source", citation);
        let now = self.now();
        self.tx
            .prepare_cached(
                "INSERT INTO source (id, symbol, url, title, locator, citation, changed_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                id,
                parts.symbol,
                parts.url,
                parts.title,
                parts.locator,
                citation,
                self.installation,
                now
            ])?;
        Ok(Some(id))
    }

    /// The meeting a position was said at: the one given, or the session's meeting on the
    /// given day (which must fall within the session's dates).
    fn meeting_for(&mut self, input: &PositionInput) -> Result<Option<Uuid>, StoreError> {
        let Some(day) = input.meeting_date.filter(|_| input.meeting_id.is_none()) else {
            return Ok(input.meeting_id);
        };
        let (title, start, end): (String, Option<String>, Option<String>) = self
            .tx
            .prepare_cached("SELECT title, start_date, end_date FROM session WHERE id = ?1")?
            .query_row([input.session_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        crate::catalog::day_in_session(&title, start.as_deref(), end.as_deref(), &day.to_string())?;
        self.meeting_on(input.session_id, day).map(Some)
    }

    /// The meeting of `session_id` on `date`, created on first use.
    pub fn meeting_on(&mut self, session_id: Uuid, date: NaiveDate) -> Result<Uuid, StoreError> {
        let day = date.to_string();
        let existing: Option<Uuid> = self
            .tx
            .prepare_cached("SELECT id FROM meeting WHERE session_id = ?1 AND date = ?2")?
            .query_row(params![session_id, day], |r| r.get(0))
            .optional()?;
        if let Some(id) = existing {
            return Ok(id);
        }
        let id = self.natural_id("meeting", &format!("{session_id}:{day}"));
        let now = self.now();
        self.tx
            .prepare_cached(
                "INSERT INTO meeting (id, session_id, date, changed_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id, session_id, day, self.installation, now])?;
        Ok(id)
    }

    /// Creates the topics along `path` ("International law/New sub-topic") that do not exist;
    /// returns the last one's id and how many were created.
    pub fn create_topic_path(&mut self, path: &str) -> Result<(Uuid, u64), StoreError> {
        let mut parent: Option<Uuid> = None;
        let mut created = 0;
        let parts: Vec<&str> = path.split('/').map(str::trim).collect();
        if parts.len() > crate::text::MAX_TOPIC_DEPTH {
            return Err(StoreError::invalid(
                "topic",
                format!(
                    "\"{}\" is {} levels deep; topics go {} levels deep at most",
                    crate::text::shorten(path, 80),
                    parts.len(),
                    crate::text::MAX_TOPIC_DEPTH
                ),
            ));
        }
        for name in parts {
            if name.is_empty() {
                return Err(StoreError::invalid(
                    "topic",
                    format!("\"{path}\" has an empty part"),
                ));
            }
            let name = checked_name("topic", name)?;
            let existing: Option<Uuid> = self
                .tx
                .prepare_cached(
                    "SELECT id FROM topic WHERE coalesce(parent_id, x'') = coalesce(?1, x'') AND name = ?2",
                )?
                .query_row(params![parent, name], |r| r.get(0))
                .optional()?;
            let id = match existing {
                Some(id) => id,
                None => {
                    created += 1;
                    self.insert_topic(parent, name, None)?
                }
            };
            parent = Some(id);
        }
        parent
            .map(|id| (id, created))
            .ok_or_else(|| StoreError::invalid("topic", "the topic is empty"))
    }

    /// Creates a proposal with this name.
    pub fn create_proposal(&mut self, name: &str) -> Result<Uuid, StoreError> {
        self.insert_proposal(&ProposalInput {
            name: checked_name("proposal", name)?.to_owned(),
            ..Default::default()
        })
    }

    /// Creates a process.
    pub fn create_process(&mut self, name: &str, short_name: &str) -> Result<Uuid, StoreError> {
        self.insert_process(&ProcessInput {
            name: checked_name("process", name)?.to_owned(),
            short_name: checked_name("process short name", short_name)?.to_owned(),
            ..Default::default()
        })
    }

    /// Creates a numbered session of a process.
    pub fn create_session(
        &mut self,
        process: Uuid,
        number: i64,
        title: &str,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<Uuid, StoreError> {
        let id = self.natural_id("session", &format!("{process}:{number}"));
        let now = self.now();
        self.tx.execute(
            "INSERT INTO session (id, process_id, seq, number, title, start_date, end_date, changed_by, updated_at)
             VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                process,
                number,
                checked_name("session title", title)?,
                start.to_string(),
                end.to_string(),
                self.installation,
                now
            ],
        )?;
        Ok(id)
    }

    /// Creates an actor of `kind` with this name.
    pub fn create_actor(&mut self, kind: ActorKind, name: &str) -> Result<Uuid, StoreError> {
        self.insert_actor(&ActorInput {
            kind,
            name: checked_name(kind.as_str(), name)?.to_owned(),
            short_name: None,
            iso3: None,
            note: None,
        })
    }

    /// A saved set: a group actor and an undated membership for each member.
    pub fn create_actor_set(&mut self, name: &str, members: &[Uuid]) -> Result<Uuid, StoreError> {
        let id = self.create_actor(ActorKind::Group, name)?;
        let now = self.now();
        self.tx.execute(
            "UPDATE actor SET note = 'Saved set (made in Concord)' WHERE id = ?1",
            [id],
        )?;
        for member in members {
            self.tx
                .prepare_cached(
                    "INSERT INTO group_membership (id, group_id, member_id, source, changed_by, updated_at)
                     VALUES (?1, ?2, ?3, 'Saved set', ?4, ?5)",
                )?
                .execute(params![
                    self.natural_id("membership", &format!("{id}:{member}")),
                    id,
                    member,
                    self.installation,
                    now
                ])?;
        }
        Ok(id)
    }
}

fn check_length(field: &str, text: &str, max: usize) -> Result<(), StoreError> {
    // Byte length bounds the character count from above: only count when it might matter.
    if text.len() > max {
        let chars = text.chars().count();
        if chars > max {
            return Err(StoreError::invalid(
                field,
                format!("is {chars} characters long; the limit is {max}. Shorten it or keep the full text in a document"),
            ));
        }
    }
    Ok(())
}

fn not_found(id: Uuid) -> StoreError {
    StoreError::NotFound {
        what: "position",
        id: id.to_string(),
    }
}

/// A name checked by the core's rule ([`crate::text::name`]), or the error that says which.
pub(crate) fn checked_name<'a>(field: &str, text: &'a str) -> Result<&'a str, StoreError> {
    crate::text::name(text).map_err(|e| StoreError::invalid(field, format!("the name {e}")))
}
