//! Putting back a deleted position (Redo after Undo Last Entry): the row its deletion kept in
//! the history returns with the same id, and the history records it as inserted again, so a
//! colleague's copy sees the same position come back rather than a new one.

use super::writer::Writer;
use super::{Store, StoreError};
use crate::model::{Position, PositionInput, Provenance, Stance, SubjectRef};
use rusqlite::OptionalExtension;
use serde::Deserialize;
use uuid::Uuid;

/// The fields of a history entry's `before` that make the row again (see `writer::SNAPSHOT`).
#[derive(Deserialize)]
struct Deleted {
    actor_id: Uuid,
    topic_id: Option<Uuid>,
    proposal_id: Option<Uuid>,
    provision_id: Option<Uuid>,
    session_id: Uuid,
    meeting_id: Option<Uuid>,
    stance: String,
    summary: String,
    quote: String,
    source: Option<String>,
    on_behalf_of_id: Option<Uuid>,
    note: String,
    provenance: String,
    created_at: String,
}

impl Store {
    /// Puts back the position `id` as it was when it was deleted; see [`Writer::restore_position`].
    pub fn restore_position(&mut self, id: Uuid) -> Result<Position, StoreError> {
        self.write(|w| w.restore_position(id))?;
        self.position(id)
    }
}

impl Writer<'_> {
    /// Puts back a deleted position with its id and its values at deletion. Refused when the
    /// position is in the record, was never deleted, or what it named (actor, session,
    /// subject) has since gone.
    pub fn restore_position(&mut self, id: Uuid) -> Result<(), StoreError> {
        if self.snapshot(id)?.is_some() {
            return Err(StoreError::invalid(
                "position",
                format!("position {id} is in the record; only a deleted one can be put back"),
            ));
        }
        let last: Option<(String, Option<String>)> = self
            .tx
            .prepare_cached(
                "SELECT op, before FROM position_history WHERE position_id = ?1
                 ORDER BY at DESC, rowid DESC LIMIT 1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some(("delete", Some(before))) = last.as_ref().map(|(op, b)| (op.as_str(), b)) else {
            return Err(StoreError::NotFound {
                what: "deleted position",
                id: id.to_string(),
            });
        };
        let row: Deleted = serde_json::from_str(before).map_err(|e| {
            StoreError::invalid("position", format!("its history cannot be read: {e}"))
        })?;
        let subject = match (row.topic_id, row.proposal_id, row.provision_id) {
            (Some(t), _, _) => SubjectRef::Topic(t),
            (_, Some(p), _) => SubjectRef::Proposal(p),
            (_, _, Some(p)) => SubjectRef::Provision(p),
            _ => {
                return Err(StoreError::invalid(
                    "position",
                    "its history names no subject",
                ))
            }
        };
        let unknown = |what: &str, v: &str| {
            StoreError::invalid(
                "position",
                format!("its history has an unknown {what} \"{v}\""),
            )
        };
        let stance = Stance::parse(&row.stance).ok_or_else(|| unknown("stance", &row.stance))?;
        let provenance = Provenance::parse(&row.provenance)
            .ok_or_else(|| unknown("provenance", &row.provenance))?;
        let input = PositionInput {
            actor_id: row.actor_id,
            subject,
            session_id: row.session_id,
            meeting_id: row.meeting_id,
            meeting_date: None,
            stance,
            summary: row.summary,
            quote: row.quote,
            source: row.source.unwrap_or_default(),
            on_behalf_of_id: row.on_behalf_of_id,
            note: row.note,
        };
        self.check_position(&input)?;
        let source_id = self.source_for(&input.source)?;
        let now = self.now();
        let values = self.columns(id, &input, input.meeting_id, source_id, &now);
        self.insert_row(id, values, row.created_at, provenance, now)
    }
}
