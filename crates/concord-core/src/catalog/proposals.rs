//! Proposals the delegation tracks, and who champions them, when.

use super::{long_text, name, not_found, short_text};
use crate::model::{Proposal, ProposalInput};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// An actor coming forward as a proposal's champion (or the dates of one that is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChampionInput {
    pub proposal_id: Uuid,
    pub actor_id: Uuid,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub source: Option<String>,
}

/// One proposal by id.
pub fn proposal(store: &Store, id: Uuid) -> Result<Proposal, StoreError> {
    store
        .proposals()?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| not_found("proposal", id))
}

fn checked(
    store: &Store,
    input: &ProposalInput,
    editing: Option<Uuid>,
) -> Result<ProposalInput, StoreError> {
    let p = ProposalInput {
        name: name("name", &input.name)?,
        short_name: short_text("short name", input.short_name.as_deref())?,
        description: long_text("description", input.description.as_deref())?,
        process_id: input.process_id,
    };
    if let Some(process) = p.process_id {
        super::process(store, process)
            .map_err(|_| StoreError::invalid("process", "choose an existing process"))?;
    }
    let all = store.proposals()?;
    // An edit may keep a name another proposal shares since a merge (a clash).
    let keeps = all
        .iter()
        .any(|o| Some(o.id) == editing && o.name.eq_ignore_ascii_case(&p.name));
    if let Some(same) = all
        .into_iter()
        .find(|o| !keeps && Some(o.id) != editing && o.name.eq_ignore_ascii_case(&p.name))
    {
        return Err(StoreError::invalid(
            "name",
            format!("there is already a proposal \"{}\"", same.name),
        ));
    }
    Ok(p)
}

/// Adds a proposal, with the actors that champion it (from no particular date).
pub fn add_proposal(
    store: &mut Store,
    input: &ProposalInput,
    champions: &[Uuid],
) -> Result<Proposal, StoreError> {
    let p = checked(store, input, None)?;
    for &actor in champions {
        store
            .actor(actor)
            .map_err(|_| StoreError::invalid("champion", format!("no actor with id {actor}")))?;
    }
    let id = store.write(|w| {
        let id = w.insert_proposal(&p)?;
        for &actor in champions {
            w.upsert_champion(id, actor, None, None, None)?;
        }
        Ok::<_, StoreError>(id)
    })?;
    proposal(store, id)
}

/// Renames, describes or re-files a proposal.
pub fn edit_proposal(
    store: &mut Store,
    id: Uuid,
    input: &ProposalInput,
) -> Result<Proposal, StoreError> {
    proposal(store, id)?;
    let p = checked(store, input, Some(id))?;
    store.write(|w| w.update_proposal(id, &p))?;
    proposal(store, id)
}

/// Records an actor as a champion of a proposal, or sets the dates it championed it.
pub fn set_champion(store: &mut Store, input: &ChampionInput) -> Result<Proposal, StoreError> {
    proposal(store, input.proposal_id)?;
    store.actor(input.actor_id).map_err(|_| {
        StoreError::invalid("champion", format!("no actor with id {}", input.actor_id))
    })?;
    if let (Some(from), Some(to)) = (input.valid_from, input.valid_to) {
        if to < from {
            return Err(StoreError::invalid(
                "until",
                format!("{to} is before the date it came forward, {from}"),
            ));
        }
    }
    let source = short_text("source", input.source.as_deref())?;
    store.write(|w| {
        w.upsert_champion(
            input.proposal_id,
            input.actor_id,
            input.valid_from,
            input.valid_to,
            source.as_deref(),
        )
    })?;
    proposal(store, input.proposal_id)
}

/// Takes an actor off a proposal's champions.
pub fn remove_champion(
    store: &mut Store,
    proposal_id: Uuid,
    actor_id: Uuid,
) -> Result<Proposal, StoreError> {
    proposal(store, proposal_id)?;
    if !store.write(|w| w.delete_champion(proposal_id, actor_id))? {
        return Err(StoreError::invalid(
            "champion",
            "that actor is not a champion of the proposal",
        ));
    }
    proposal(store, proposal_id)
}
