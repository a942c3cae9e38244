//! Reading positions: list, search, a group's cohesion.

use crate::failure::{bad_input, Failure};
use crate::names::Names;
use crate::output::{self, Format};
use crate::values::vocab;
use clap::Args;
use concord_core::model::{CohesionQuery, PositionFilter, SearchQuery, Stance};
use concord_core::Store;

/// Who, when and on what: the options that narrow positions and search alike.
#[derive(Args)]
pub struct Scope {
    /// Actor name, short name or ISO3 code.
    #[arg(long)]
    actor: Option<String>,
    /// Session number or title, within --process.
    #[arg(long)]
    session: Option<String>,
    /// Process for --session (default: the OEWG 2021–2025).
    #[arg(long)]
    process: Option<String>,
    /// Topic path or name; includes its sub-topics.
    #[arg(long)]
    topic: Option<String>,
}

#[derive(Args)]
pub struct PositionsArgs {
    #[command(flatten)]
    scope: Scope,
    /// Proposal name or short name.
    #[arg(long)]
    proposal: Option<String>,
    /// Group: its own positions and its members'.
    #[arg(long)]
    group: Option<String>,
    #[arg(long, value_parser = vocab::<Stance>())]
    stance: Option<Stance>,
    /// Words in summary, quote, note or source.
    #[arg(long)]
    text: Option<String>,
    /// At most this many rows (default: all).
    #[arg(long)]
    limit: Option<u64>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn positions(store: &Store, a: PositionsArgs) -> Result<(), Failure> {
    let names = Names::load(store)?;
    let process_id = names.process(a.scope.process.as_deref())?;
    let filter = PositionFilter {
        actor_id: names.actor(a.scope.actor.as_deref())?,
        group_id: names.group(a.group.as_deref())?,
        session_id: names.session(process_id, a.scope.session.as_deref())?,
        topic_id: names.topic(a.scope.topic.as_deref())?,
        proposal_id: names.proposal(a.proposal.as_deref())?,
        stance: a.stance,
        text: a.text,
        limit: None,
        offset: None,
    };
    output::positions(&store.all_positions(&filter, a.limit)?, a.format)
}

#[derive(Args)]
pub struct SearchArgs {
    /// The words to find (all of them; each also as a word start).
    query: String,
    #[command(flatten)]
    scope: Scope,
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// Search the paragraphs of draft revisions (each once, in its newest revision)
    /// instead of positions; --actor, --session and --topic do not apply to them.
    #[arg(long, conflicts_with_all = ["actor", "session", "topic"])]
    drafts: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn search(store: &Store, a: SearchArgs) -> Result<(), Failure> {
    if concord_core::store::fts_query(&a.query).is_none() {
        return Err(bad_input("type at least one word to search for".into()));
    }
    if a.drafts {
        let mut found = store.search_paragraphs(&a.query)?;
        found.truncate(a.limit as usize);
        return output::paragraph_hits(&found, a.format);
    }
    let names = Names::load(store)?;
    let process_id = names.process(a.scope.process.as_deref())?;
    let q = SearchQuery {
        text: a.query,
        actor_id: names.actor(a.scope.actor.as_deref())?,
        session_id: names.session(process_id, a.scope.session.as_deref())?,
        topic_id: names.topic(a.scope.topic.as_deref())?,
        limit: Some(a.limit),
    };
    output::hits(&store.search(&q)?, a.format)
}

#[derive(Args)]
pub struct CohesionArgs {
    #[arg(long)]
    group: String,
    /// Session number or title, within --process.
    #[arg(long)]
    session: String,
    #[arg(long)]
    process: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn cohesion(store: &Store, a: CohesionArgs) -> Result<(), Failure> {
    let names = Names::load(store)?;
    let process_id = names.process(a.process.as_deref())?;
    let (seq, _) = names.seq_range(process_id, &a.session)?;
    let group_id = names
        .group(Some(&a.group))?
        .ok_or_else(|| bad_input("--group".into()))?;
    let c = store.cohesion(&CohesionQuery {
        group_id,
        process_id,
        seq,
    })?;
    output::cohesion(&c, a.format)
}
