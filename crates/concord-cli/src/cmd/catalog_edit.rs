//! The delegation's own catalog from the command line: add processes, sessions, meetings,
//! topics, proposals and actors; date and renumber sessions; rename, move, merge and delete
//! topics; record memberships and champions. Each calls one function of `concord_core::catalog`.

use crate::failure::Failure;
use crate::names::Names;
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use concord_core::catalog::{self, ChampionInput};
use concord_core::model::{
    ActorInput, ActorKind, MeetingInput, MembershipChange, ProcessInput, ProposalInput,
    SessionInput,
};
use concord_core::Store;
use uuid::Uuid;

#[derive(Subcommand)]
pub enum AddWhat {
    /// A negotiating process (the plastics treaty talks, BBNJ…).
    Process {
        name: String,
        #[arg(long)]
        short: String,
        #[arg(long)]
        mandate: Option<String>,
        #[arg(long)]
        chair: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// A session of a process, after the ones it has.
    Session {
        #[arg(long)]
        process: String,
        /// Its number; leave out for an organizational or thematic session.
        #[arg(long)]
        number: Option<i64>,
        #[arg(long)]
        title: String,
        #[arg(long)]
        start: Option<NaiveDate>,
        #[arg(long)]
        end: Option<NaiveDate>,
        #[arg(long)]
        place: Option<String>,
    },
    /// A meeting on one day of a session.
    Meeting {
        /// The session's number or title.
        #[arg(long)]
        session: String,
        /// The session's process (default: the OEWG 2021–2025).
        #[arg(long)]
        process: Option<String>,
        #[arg(long)]
        date: NaiveDate,
        #[arg(long, default_value = "")]
        title: String,
    },
    /// A topic, at the top or under a parent ("International law").
    Topic {
        name: String,
        #[arg(long)]
        parent: Option<String>,
    },
    /// A proposal, with the actors that champion it.
    Proposal {
        name: String,
        #[arg(long)]
        short: Option<String>,
        #[arg(long)]
        description: Option<String>,
        /// The process it was tabled in.
        #[arg(long)]
        process: Option<String>,
        #[arg(long = "champion")]
        champions: Vec<String>,
    },
    /// An intergovernmental organization, a stakeholder or a group.
    Actor {
        name: String,
        #[arg(long, value_enum)]
        kind: NewActorKind,
        #[arg(long)]
        short: Option<String>,
        #[arg(long)]
        iso3: Option<String>,
    },
}

/// The kinds of actor a delegation adds; States come with the reference data.
#[derive(Clone, Copy, ValueEnum)]
pub enum NewActorKind {
    Igo,
    Stakeholder,
    Group,
}

impl From<NewActorKind> for ActorKind {
    fn from(k: NewActorKind) -> Self {
        match k {
            NewActorKind::Igo => ActorKind::Igo,
            NewActorKind::Stakeholder => ActorKind::Stakeholder,
            NewActorKind::Group => ActorKind::Group,
        }
    }
}

fn session_id(names: &Names, process: Option<&str>, session: &str) -> Result<Uuid, Failure> {
    names.session_named(names.process(process)?, session)
}

pub fn add(store: &mut Store, what: AddWhat) -> Result<(), Failure> {
    let names = Names::load(store)?;
    match what {
        AddWhat::Process {
            name,
            short,
            mandate,
            chair,
            note,
        } => {
            let input = ProcessInput {
                name,
                short_name: short,
                mandate,
                chair,
                note,
            };
            let p = catalog::add_process(store, &input)?;
            println!("added process {} ({})", p.short_name, p.id);
        }
        AddWhat::Session {
            process,
            number,
            title,
            start,
            end,
            place,
        } => {
            let process_id = names.process(Some(&process))?;
            let input = SessionInput {
                process_id,
                number,
                title,
                start_date: start,
                end_date: end,
                place,
                note: None,
            };
            let s = catalog::add_session(store, &input)?;
            println!("added session {} ({})", s.label, s.id);
        }
        AddWhat::Meeting {
            session,
            process,
            date,
            title,
        } => {
            let session_id = session_id(&names, process.as_deref(), &session)?;
            let m = catalog::add_meeting(
                store,
                &MeetingInput {
                    session_id,
                    date,
                    title,
                },
            )?;
            println!("added meeting on {} ({})", m.date, m.id);
        }
        AddWhat::Topic { name, parent } => {
            let parent = match parent.as_deref() {
                Some(p) => Some(names.topic_named(p)?),
                None => None,
            };
            let t = catalog::add_topic(store, parent, &name, None)?;
            println!("added topic {} ({})", t.path, t.id);
        }
        AddWhat::Proposal {
            name,
            short,
            description,
            process,
            champions,
        } => {
            let process_id = names.process_if_named(process.as_deref())?;
            let mut ids = Vec::new();
            for c in &champions {
                ids.push(names.actor_named(c)?);
            }
            let input = ProposalInput {
                name,
                short_name: short,
                description,
                process_id,
            };
            let p = catalog::add_proposal(store, &input, &ids)?;
            println!(
                "added proposal {} ({} champions) ({})",
                p.name,
                p.champions.len(),
                p.id
            );
        }
        AddWhat::Actor {
            name,
            kind,
            short,
            iso3,
        } => {
            let input = ActorInput {
                kind: kind.into(),
                name,
                short_name: short,
                iso3,
                note: None,
            };
            let a = catalog::add_actor(store, &input)?;
            println!(
                "added {} {} ({})",
                a.kind.label().to_lowercase(),
                a.name,
                a.id
            );
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct EditSession {
    /// The session's number or title.
    session: String,
    /// The process it is part of (default: the OEWG 2021–2025).
    #[arg(long)]
    process: Option<String>,
    #[arg(long)]
    number: Option<i64>,
    /// Take its number away (an organizational session).
    #[arg(long, conflicts_with = "number")]
    no_number: bool,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    start: Option<NaiveDate>,
    #[arg(long)]
    end: Option<NaiveDate>,
    #[arg(long)]
    place: Option<String>,
}

pub fn edit_session(store: &mut Store, a: EditSession) -> Result<(), Failure> {
    let names = Names::load(store)?;
    let id = session_id(&names, a.process.as_deref(), &a.session)?;
    let s = catalog::session(store, id)?;
    let input = SessionInput {
        process_id: s.process_id,
        number: if a.no_number {
            None
        } else {
            a.number.or(s.number)
        },
        title: a.title.unwrap_or(s.title),
        start_date: a.start.or(s.start_date),
        end_date: a.end.or(s.end_date),
        place: a.place.or(s.place),
        note: s.note,
    };
    let s = catalog::edit_session(store, id, &input)?;
    let day = |d: Option<NaiveDate>| d.map_or_else(|| "—".into(), |d| d.to_string());
    println!(
        "session {}: {} to {}",
        s.label,
        day(s.start_date),
        day(s.end_date)
    );
    Ok(())
}

#[derive(Args)]
pub struct MoveTopic {
    /// The topic's path ("International law/Due diligence").
    path: String,
    /// Its new parent; leave out with --top or --index.
    #[arg(long, required_unless_present_any = ["top", "index"])]
    to: Option<String>,
    /// Move it to the top of the tree.
    #[arg(long, conflicts_with = "to")]
    top: bool,
    /// Its place among its siblings (1 = first), where it is in the tree.
    #[arg(long, conflicts_with_all = ["to", "top"])]
    index: Option<usize>,
}

pub fn move_topic(store: &mut Store, a: MoveTopic) -> Result<(), Failure> {
    if let Some(index) = a.index {
        return super::catalog_renames::reorder_topic(store, &a.path, index);
    }
    let names = Names::load(store)?;
    let id = names.topic_named(&a.path)?;
    let parent = match (a.top, a.to.as_deref()) {
        (false, Some(p)) => Some(names.topic_named(p)?),
        _ => None,
    };
    let t = catalog::move_topic(store, id, parent)?;
    println!("moved topic to {}", t.path);
    Ok(())
}

pub fn merge_topics(store: &mut Store, from: &str, into: &str) -> Result<(), Failure> {
    let names = Names::load(store)?;
    let a = names.topic_named(from)?;
    let b = names.topic_named(into)?;
    let m = catalog::merge_topics(store, a, b)?;
    println!(
        "merged \"{from}\" into {}: {} positions and {} sub-topics moved",
        m.into.path, m.positions_moved, m.subtopics_moved
    );
    Ok(())
}

pub fn rename_topic(store: &mut Store, path: &str, name: &str) -> Result<(), Failure> {
    let names = Names::load(store)?;
    let id = names.topic_named(path)?;
    let t = catalog::rename_topic(store, id, name)?;
    println!("renamed topic to {}", t.path);
    Ok(())
}

pub fn delete_topic(store: &mut Store, path: &str) -> Result<(), Failure> {
    let names = Names::load(store)?;
    let id = names.topic_named(path)?;
    catalog::delete_topic(store, id)?;
    println!("deleted topic {path}");
    Ok(())
}

#[derive(Subcommand)]
pub enum MembershipWhat {
    /// A member joined a group on a date.
    Add(MembershipArgs),
    /// A membership ended (left, suspended) on a date.
    End(MembershipArgs),
}

#[derive(Args)]
pub struct MembershipArgs {
    #[arg(long)]
    group: String,
    #[arg(long)]
    member: String,
    #[arg(long)]
    date: NaiveDate,
    #[arg(long)]
    source: Option<String>,
}

pub fn membership(store: &mut Store, what: MembershipWhat) -> Result<(), Failure> {
    let names = Names::load(store)?;
    let (joining, a) = match what {
        MembershipWhat::Add(a) => (true, a),
        MembershipWhat::End(a) => (false, a),
    };
    let change = MembershipChange {
        group_id: names.group_named(&a.group)?,
        member_id: names.actor_named(&a.member)?,
        date: a.date,
        source: a.source,
    };
    let group = store.actor(change.group_id)?.name;
    let member = store.actor(change.member_id)?.name;
    if joining {
        catalog::add_membership(store, &change)?;
        println!("{member} is a member of {group} from {}", change.date);
    } else {
        catalog::end_membership(store, &change)?;
        println!(
            "{member} is no longer a member of {group} after {}",
            change.date
        );
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum ChampionWhat {
    /// An actor champions a proposal (from, to: the days it came forward and withdrew).
    Add {
        #[arg(long)]
        proposal: String,
        #[arg(long)]
        actor: String,
        #[arg(long)]
        from: Option<NaiveDate>,
        #[arg(long)]
        to: Option<NaiveDate>,
        #[arg(long)]
        source: Option<String>,
    },
    /// An actor is no longer listed as a champion.
    Remove {
        #[arg(long)]
        proposal: String,
        #[arg(long)]
        actor: String,
    },
}

pub fn champion(store: &mut Store, what: ChampionWhat) -> Result<(), Failure> {
    let names = Names::load(store)?;
    match what {
        ChampionWhat::Add {
            proposal,
            actor,
            from,
            to,
            source,
        } => {
            let input = ChampionInput {
                proposal_id: names.proposal_named(&proposal)?,
                actor_id: names.actor_named(&actor)?,
                valid_from: from,
                valid_to: to,
                source,
            };
            let p = catalog::set_champion(store, &input)?;
            println!("{}: {} champions", p.name, p.champions.len());
        }
        ChampionWhat::Remove { proposal, actor } => {
            let p_id = names.proposal_named(&proposal)?;
            let a_id = names.actor_named(&actor)?;
            let p = catalog::remove_champion(store, p_id, a_id)?;
            println!("{}: {} champions", p.name, p.champions.len());
        }
    }
    Ok(())
}
