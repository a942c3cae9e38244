//! Editing what the catalog already holds from the command line: a process (names, mandate,
//! Chair, note, archived), a proposal (names, description), an actor (names, ISO3), and a
//! topic's place among its siblings. Each calls one function of `concord_core::catalog`;
//! an option left out keeps the value it has.

use crate::failure::Failure;
use crate::names::Names;
use clap::Args;
use concord_core::catalog;
use concord_core::model::{ActorInput, ProcessInput, ProposalInput};
use concord_core::Store;

/// A new value for an optional text: "" clears it, none keeps it.
fn keep_or(new: Option<String>, old: Option<String>) -> Option<String> {
    match new {
        Some(t) if t.trim().is_empty() => None,
        Some(t) => Some(t),
        None => old,
    }
}

#[derive(Args)]
pub struct EditProcess {
    /// The process's name or short name.
    process: String,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    short: Option<String>,
    /// The mandate ("" clears it).
    #[arg(long)]
    mandate: Option<String>,
    #[arg(long)]
    chair: Option<String>,
    #[arg(long)]
    note: Option<String>,
    /// Hide its sessions from the window's capture form (every view keeps them).
    #[arg(long, conflicts_with = "unarchive")]
    archive: bool,
    #[arg(long)]
    unarchive: bool,
}

pub fn edit_process(store: &mut Store, a: EditProcess) -> Result<(), Failure> {
    let id = Names::load(store)?.process(Some(&a.process))?;
    let p = catalog::process(store, id)?;
    let input = ProcessInput {
        name: a.name.unwrap_or(p.name),
        short_name: a.short.unwrap_or(p.short_name),
        mandate: keep_or(a.mandate, p.mandate),
        chair: keep_or(a.chair, p.chair),
        note: keep_or(a.note, p.note),
    };
    let mut p = catalog::edit_process(store, id, &input)?;
    if a.archive || a.unarchive {
        p = catalog::archive_process(store, id, a.archive)?;
    }
    println!(
        "process {}{}",
        p.short_name,
        if p.archived { " (archived)" } else { "" }
    );
    Ok(())
}

#[derive(Args)]
pub struct EditProposal {
    /// The proposal's name or short name.
    proposal: String,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    short: Option<String>,
    #[arg(long)]
    description: Option<String>,
}

pub fn edit_proposal(store: &mut Store, a: EditProposal) -> Result<(), Failure> {
    let names = Names::load(store)?;
    let id = names.proposal_named(&a.proposal)?;
    let p = catalog::proposal(store, id)?;
    let input = ProposalInput {
        name: a.name.unwrap_or(p.name),
        short_name: keep_or(a.short, p.short_name),
        description: keep_or(a.description, p.description),
        process_id: p.process_id,
    };
    let p = catalog::edit_proposal(store, id, &input)?;
    println!("proposal {}", p.name);
    Ok(())
}

#[derive(Args)]
pub struct EditActor {
    /// The actor's name, short name or ISO3 code.
    actor: String,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    short: Option<String>,
    #[arg(long)]
    iso3: Option<String>,
}

pub fn edit_actor(store: &mut Store, a: EditActor) -> Result<(), Failure> {
    let names = Names::load(store)?;
    let id = names.actor_named(&a.actor)?;
    let current = store.actor(id)?;
    let input = ActorInput {
        kind: current.kind,
        name: a.name.unwrap_or(current.name),
        short_name: keep_or(a.short, current.short_name),
        iso3: keep_or(a.iso3, current.iso3),
        note: current.note,
    };
    let actor = catalog::edit_actor(store, id, &input)?;
    println!(
        "{} ({})",
        actor.name,
        actor.short_name.as_deref().unwrap_or("no short name")
    );
    Ok(())
}

/// Puts a topic at place `index` (1 = first) among its siblings.
pub fn reorder_topic(store: &mut Store, path: &str, index: usize) -> Result<(), Failure> {
    let id = Names::load(store)?.topic_named(path)?;
    catalog::reorder_topic(store, id, index.saturating_sub(1))?;
    println!("{path} is now number {index} among its siblings");
    Ok(())
}
