//! The delegation's own catalog: the processes, sessions, meetings, topics, proposals, actors
//! and memberships it adds to (or changes in) the reference data Concord ships. Each
//! operation checks its rules here, names the field a refusal is about, and then writes in
//! one transaction through `Store::write`, so it is captured for the team record.
//!
//! Reference rows the user changed keep the user's stamp (`changed_by`), and a later load of
//! the reference data leaves them as they are (`store/seed.rs`).

mod actors;
mod proposals;
mod topics;

pub use actors::*;
pub use proposals::*;
pub use topics::*;

use crate::model::{Meeting, MeetingInput, Process, ProcessInput, Session, SessionInput};
use crate::store::{checked_name, Store, StoreError};
use uuid::Uuid;

/// Longest mandate, description or note accepted, in characters.
pub const MAX_CATALOG_TEXT_CHARS: usize = 5_000;

/// A name as stored, or the refusal naming `field`.
pub(crate) fn name(field: &str, text: &str) -> Result<String, StoreError> {
    checked_name(field, text).map(str::to_owned)
}

/// A meeting day (`YYYY-MM-DD`) must fall within its session's dates, where they are known.
pub(crate) fn day_in_session(
    title: &str,
    start: Option<&str>,
    end: Option<&str>,
    day: &str,
) -> Result<(), StoreError> {
    let before = start.is_some_and(|s| day < s);
    let after = end.is_some_and(|e| day > e);
    if before || after {
        return Err(StoreError::invalid(
            "date",
            format!(
                "{day} is outside the session \"{title}\" ({} to {})",
                start.unwrap_or_default(),
                end.unwrap_or_default()
            ),
        ));
    }
    Ok(())
}

/// A one-line optional value (a short name, a place, a Chair): trimmed, empty is none.
pub(crate) fn short_text(field: &str, text: Option<&str>) -> Result<Option<String>, StoreError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => crate::text::name(t)
            .map(|t| Some(t.to_owned()))
            .map_err(|e| StoreError::invalid(field, e.to_string())),
    }
}

/// A longer optional text (a mandate, a note): trimmed, empty is none, bounded.
pub(crate) fn long_text(field: &str, text: Option<&str>) -> Result<Option<String>, StoreError> {
    let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let chars = t.chars().count();
    if chars > MAX_CATALOG_TEXT_CHARS {
        return Err(StoreError::invalid(
            field,
            format!("is {chars} characters long; the limit is {MAX_CATALOG_TEXT_CHARS}"),
        ));
    }
    if let Some(c) = t
        .chars()
        .find(|c| c.is_control() && *c != '\n' && *c != '\t')
    {
        return Err(StoreError::invalid(
            field,
            format!("holds a control character (U+{:04X})", c as u32),
        ));
    }
    Ok(Some(t.to_owned()))
}

fn not_found(what: &'static str, id: Uuid) -> StoreError {
    StoreError::NotFound {
        what,
        id: id.to_string(),
    }
}

/// A process as stored, checked: names present, short name unused by another process.
fn checked_process(
    store: &Store,
    input: &ProcessInput,
    editing: Option<Uuid>,
) -> Result<ProcessInput, StoreError> {
    let p = ProcessInput {
        name: name("name", &input.name)?,
        short_name: name("short name", &input.short_name)?,
        mandate: long_text("mandate", input.mandate.as_deref())?,
        chair: short_text("chair", input.chair.as_deref())?,
        note: long_text("note", input.note.as_deref())?,
    };
    let all = store.processes()?;
    // An edit may keep a short name another process shares since a merge (a clash).
    let keeps = all
        .iter()
        .any(|o| Some(o.id) == editing && o.short_name.eq_ignore_ascii_case(&p.short_name));
    for other in all {
        if keeps || Some(other.id) == editing {
            continue;
        }
        if other.short_name.eq_ignore_ascii_case(&p.short_name) {
            return Err(StoreError::invalid(
                "short name",
                format!(
                    "\"{}\" is already the short name of {}",
                    p.short_name, other.name
                ),
            ));
        }
    }
    Ok(p)
}

/// One process by id.
pub fn process(store: &Store, id: Uuid) -> Result<Process, StoreError> {
    store
        .processes()?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| not_found("process", id))
}

/// Adds a process.
pub fn add_process(store: &mut Store, input: &ProcessInput) -> Result<Process, StoreError> {
    let p = checked_process(store, input, None)?;
    let id = store.write(|w| w.insert_process(&p))?;
    process(store, id)
}

/// Renames a process and sets its mandate, Chair and note.
pub fn edit_process(
    store: &mut Store,
    id: Uuid,
    input: &ProcessInput,
) -> Result<Process, StoreError> {
    process(store, id)?;
    let p = checked_process(store, input, Some(id))?;
    store.write(|w| w.update_process(id, &p))?;
    process(store, id)
}

/// Archives a process (its sessions leave the capture pickers; every view keeps them), or
/// brings it back.
pub fn archive_process(store: &mut Store, id: Uuid, archived: bool) -> Result<Process, StoreError> {
    process(store, id)?;
    store.write(|w| w.archive_process(id, archived))?;
    process(store, id)
}

/// One session by id.
pub fn session(store: &Store, id: Uuid) -> Result<Session, StoreError> {
    store
        .sessions(None)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| not_found("session", id))
}

/// A session as stored, checked: its process exists, the number is positive and unused in
/// that process, the end is not before the start.
fn checked_session(
    store: &Store,
    input: &SessionInput,
    editing: Option<Uuid>,
) -> Result<SessionInput, StoreError> {
    let process = process(store, input.process_id)
        .map_err(|_| StoreError::invalid("process", "choose the process the session is part of"))?;
    let s = SessionInput {
        process_id: input.process_id,
        number: input.number,
        title: name("title", &input.title)?,
        start_date: input.start_date,
        end_date: input.end_date,
        place: short_text("place", input.place.as_deref())?,
        note: long_text("note", input.note.as_deref())?,
    };
    if let Some(n) = s.number {
        if !(1..=999).contains(&n) {
            return Err(StoreError::invalid(
                "number",
                format!("{n} is not a session number; use 1, 2, 3… or leave it empty"),
            ));
        }
    }
    if let (Some(start), Some(end)) = (s.start_date, s.end_date) {
        if end < start {
            return Err(StoreError::invalid(
                "end date",
                format!("{end} is before the start date {start}"),
            ));
        }
    }
    // An edit may keep a number or title another session shares since a merge (a clash).
    let current = editing.map(|id| session(store, id)).transpose()?;
    let same_place = current
        .as_ref()
        .is_some_and(|c| c.process_id == s.process_id);
    let keeps_number = same_place && current.as_ref().is_some_and(|c| c.number == s.number);
    let keeps_title = same_place
        && current
            .as_ref()
            .is_some_and(|c| c.title.eq_ignore_ascii_case(&s.title));
    for other in store.sessions(Some(s.process_id))? {
        if Some(other.id) == editing {
            continue;
        }
        if !keeps_number && s.number.is_some() && other.number == s.number {
            return Err(StoreError::invalid(
                "number",
                format!(
                    "{} already has a session numbered {}: \"{}\"",
                    process.short_name,
                    other.number.unwrap_or_default(),
                    other.title
                ),
            ));
        }
        if !keeps_title && other.title.eq_ignore_ascii_case(&s.title) {
            return Err(StoreError::invalid(
                "title",
                format!(
                    "{} already has a session \"{}\"",
                    process.short_name, other.title
                ),
            ));
        }
    }
    if let Some(id) = editing {
        let outside: Vec<Meeting> = store
            .meetings(id)?
            .into_iter()
            .filter(|m| {
                s.start_date.is_some_and(|d| m.date < d) || s.end_date.is_some_and(|d| m.date > d)
            })
            .collect();
        if let Some(m) = outside.first() {
            return Err(StoreError::invalid(
                "dates",
                format!(
                    "the session has a meeting on {}, outside these dates; {} meeting(s) would fall outside",
                    m.date,
                    outside.len()
                ),
            ));
        }
    }
    Ok(s)
}

/// Adds a session to a process, after the ones it has.
pub fn add_session(store: &mut Store, input: &SessionInput) -> Result<Session, StoreError> {
    let s = checked_session(store, input, None)?;
    let id = store.write(|w| w.insert_session(&s))?;
    session(store, id)
}

/// Dates, renumbers, retitles or moves a session.
pub fn edit_session(
    store: &mut Store,
    id: Uuid,
    input: &SessionInput,
) -> Result<Session, StoreError> {
    session(store, id)?;
    let s = checked_session(store, input, Some(id))?;
    store.write(|w| w.update_session(id, &s))?;
    session(store, id)
}

/// Adds a meeting on one of a session's days.
pub fn add_meeting(store: &mut Store, input: &MeetingInput) -> Result<Meeting, StoreError> {
    let s = session(store, input.session_id)
        .map_err(|_| StoreError::invalid("session", "choose the session the meeting is part of"))?;
    let title = match input.title.trim() {
        "" => String::new(),
        t => name("title", t)?,
    };
    let (start, end) = (
        s.start_date.map(|d| d.to_string()),
        s.end_date.map(|d| d.to_string()),
    );
    day_in_session(
        &s.title,
        start.as_deref(),
        end.as_deref(),
        &input.date.to_string(),
    )?;
    let id = store.write(|w| w.insert_meeting(s.id, input.date, &title))?;
    store
        .meetings(s.id)?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(|| not_found("meeting", id))
}

#[cfg(test)]
mod tests;
