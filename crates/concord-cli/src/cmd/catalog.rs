//! The record's catalog: create, fill with the demo or generated data, list actors and sessions.

use crate::failure::Failure;
use crate::names::Names;
use crate::output::{self, Format};
use crate::values::vocab;
use clap::Args;
use concord_core::generate::{generate, GenerateSpec};
use concord_core::model::ActorKind;
use concord_core::Store;
use std::path::Path;

pub fn init(store: &mut Store, db: Option<&Path>) -> Result<(), Failure> {
    let c = store.load_reference()?;
    println!(
        "{}: {} actors, {} sessions, {} topics, {} proposals, {} positions",
        db.map(|p| p.display().to_string()).unwrap_or_default(),
        c.actors,
        c.sessions,
        c.topics,
        c.proposals,
        c.positions
    );
    Ok(())
}

pub fn demo(store: &mut Store) -> Result<(), Failure> {
    let added = concord_core::demo::populate(store)?;
    println!("added {added} demo positions");
    Ok(())
}

#[derive(Args)]
pub struct ActorsArgs {
    #[arg(long, value_parser = vocab::<ActorKind>())]
    kind: Option<ActorKind>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn actors(store: &Store, a: ActorsArgs) -> Result<(), Failure> {
    output::actors(&store.actors(a.kind)?, a.format)
}

#[derive(Args)]
pub struct SessionsArgs {
    /// Process name or short name (default: every process).
    #[arg(long)]
    process: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn sessions(store: &Store, a: SessionsArgs) -> Result<(), Failure> {
    let process_id = Names::load(store)?.process_if_named(a.process.as_deref())?;
    output::sessions(&store.sessions(process_id)?, a.format)
}

#[derive(Args)]
pub struct GenerateArgs {
    #[arg(long, default_value_t = 200)]
    actors: usize,
    #[arg(long, default_value_t = 60)]
    topics: usize,
    #[arg(long, default_value_t = 30)]
    sessions: usize,
    #[arg(long, default_value_t = 3)]
    per_cell: usize,
}

pub fn generate_data(store: &mut Store, a: GenerateArgs) -> Result<(), Failure> {
    let spec = GenerateSpec {
        actors: a.actors,
        topics: a.topics,
        sessions: a.sessions,
        per_cell: a.per_cell,
    };
    let g = generate(store, spec)?;
    println!(
        "generated {} synthetic positions: {} actors × {} topics × {} sessions × {} per cell",
        g.positions,
        g.actor_ids.len(),
        g.topic_ids.len(),
        g.session_ids.len(),
        a.per_cell
    );
    Ok(())
}
