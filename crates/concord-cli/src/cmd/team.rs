//! The shared record: merge another copy, its digest, conflicts, and scripted edits that go
//! through the same write path (and change capture) as the window's.

use crate::failure::{bad_input, Failure};
use crate::output::{self, Format};
use crate::values::vocab;
use clap::{Args, Subcommand, ValueEnum};
use concord_core::model::{Keep, PositionInput, Stance};
use concord_core::Store;
use std::path::PathBuf;
use uuid::Uuid;

fn id(text: &str, what: &str) -> Result<Uuid, Failure> {
    Uuid::parse_str(text.trim())
        .map_err(|_| bad_input(format!("\"{text}\" is not a {what} id (see --format json)")))
}

pub fn merge(store: &mut Store, other: &std::path::Path) -> Result<(), Failure> {
    let report = store.merge_file(other)?;
    println!(
        "merged {}: {} change sets ({} rows), {} conflicts set aside{}",
        other.display(),
        report.change_sets,
        report.rows,
        report.conflicts,
        if report.conflicts > 0 {
            " (see `concord conflicts`)"
        } else {
            ""
        }
    );
    Ok(())
}

pub fn digest(store: &Store) -> Result<(), Failure> {
    println!("{}", store.digest()?);
    Ok(())
}

#[derive(Args)]
pub struct ConflictsArgs {
    #[command(subcommand)]
    action: Option<ConflictAction>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Args)]
pub struct ClashesArgs {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Subcommand)]
enum ConflictAction {
    /// Settle a conflict on this copy (and, through merge or sync, on every copy).
    Resolve {
        /// The conflict's id (`concord conflicts`).
        id: String,
        /// mine: the value shown; theirs: the value set aside (for a deletion: delete after
        /// all); both: keep both, as two positions.
        #[arg(long, value_enum)]
        keep: KeepArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum KeepArg {
    Mine,
    Theirs,
    Both,
}

pub fn conflicts(store: &mut Store, a: ConflictsArgs) -> Result<(), Failure> {
    match a.action {
        None => output::conflicts(&store.conflicts()?, a.format),
        Some(ConflictAction::Resolve { id: text, keep }) => {
            let keep = match keep {
                KeepArg::Mine => Keep::Shown,
                KeepArg::Theirs => Keep::SetAside,
                KeepArg::Both => Keep::Both,
            };
            store.resolve_conflict(id(&text, "conflict")?, keep)?;
            println!("settled: {}", keep.label());
            Ok(())
        }
    }
}

#[derive(Subcommand)]
pub enum EditWhat {
    /// Change a position's fields; the old values stay in its history.
    Position(EditPosition),
    /// Date, renumber or retitle a session.
    Session(super::catalog_edit::EditSession),
    /// Rename a process, set its mandate, Chair and note, archive it.
    Process(super::catalog_renames::EditProcess),
    /// Rename or describe a proposal.
    Proposal(super::catalog_renames::EditProposal),
    /// Set an actor's name, short name or ISO3 code.
    Actor(super::catalog_renames::EditActor),
    /// Rename a topic.
    Topic {
        /// The topic's path.
        path: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Args)]
pub struct EditPosition {
    /// The position's id (`concord positions --format json`).
    id: String,
    #[arg(long, value_parser = vocab::<Stance>())]
    stance: Option<Stance>,
    #[arg(long)]
    summary: Option<String>,
    #[arg(long)]
    quote: Option<String>,
    /// A citation: "A/79/214, para. 27", a URL, or a title.
    #[arg(long)]
    source: Option<String>,
    #[arg(long)]
    note: Option<String>,
}

pub fn edit(store: &mut Store, what: EditWhat) -> Result<(), Failure> {
    let a = match what {
        EditWhat::Position(a) => a,
        EditWhat::Session(a) => return super::catalog_edit::edit_session(store, a),
        EditWhat::Process(a) => return super::catalog_renames::edit_process(store, a),
        EditWhat::Proposal(a) => return super::catalog_renames::edit_proposal(store, a),
        EditWhat::Actor(a) => return super::catalog_renames::edit_actor(store, a),
        EditWhat::Topic { path, name } => {
            return super::catalog_edit::rename_topic(store, &path, &name)
        }
    };
    let position_id = id(&a.id, "position")?;
    let current = store.position(position_id)?;
    let mut input = PositionInput::from(&current);
    let untouched = input.clone();
    if let Some(stance) = a.stance {
        input.stance = stance;
    }
    for (field, value) in [
        (&mut input.summary, a.summary),
        (&mut input.quote, a.quote),
        (&mut input.source, a.source),
        (&mut input.note, a.note),
    ] {
        if let Some(value) = value {
            *field = value;
        }
    }
    if input == untouched {
        return Err(bad_input(
            "give at least one of --stance, --summary, --quote, --source, --note".into(),
        ));
    }
    store.update_position(position_id, &input)?;
    println!("edited position {position_id}");
    Ok(())
}

#[derive(Subcommand)]
pub enum DeleteWhat {
    /// Delete a position; its last values stay in its history.
    Position {
        /// The position's id.
        id: String,
    },
    /// Delete a topic no position and no sub-topic uses.
    Topic {
        /// The topic's path.
        path: String,
    },
}

pub fn delete(store: &mut Store, what: DeleteWhat) -> Result<(), Failure> {
    let text = match what {
        DeleteWhat::Position { id } => id,
        DeleteWhat::Topic { path } => return super::catalog_edit::delete_topic(store, &path),
    };
    let position_id = id(&text, "position")?;
    store.delete_position(position_id)?;
    println!("deleted position {position_id}");
    Ok(())
}

/// The file to merge, checked to be there before the store is touched.
pub fn other_file(path: &PathBuf) -> Result<&PathBuf, Failure> {
    if !path.exists() {
        return Err(bad_input(format!("{} does not exist", path.display())));
    }
    Ok(path)
}

/// The login a team store asks for. The password is best given through the environment
/// (`CONCORD_TEAM_PASSWORD`), where other users of the machine cannot read it.
#[derive(clap::Args)]
pub struct LoginArgs {
    /// User name on the WebDAV server (for S3: the access key id).
    #[arg(long)]
    user: Option<String>,
    /// Password (for S3: the secret key).
    #[arg(long, env = "CONCORD_TEAM_PASSWORD", hide_env_values = true)]
    password: Option<String>,
}

impl LoginArgs {
    fn login(&self) -> Result<Option<concord_core::team::Login>, Failure> {
        match (&self.user, &self.password) {
            (Some(user), password) => Ok(concord_core::team::Login::given(
                user,
                password.as_deref().unwrap_or(""),
            )),
            (None, Some(_)) if std::env::var_os("CONCORD_TEAM_PASSWORD").is_none() => {
                Err(bad_input("--password needs --user".into()))
            }
            (None, _) => Ok(None),
        }
    }
}

#[derive(Subcommand)]
pub enum TeamWhat {
    /// Put this file in a new team: its store and a new key, printed alone on the last line:
    /// pass it to colleagues out of band. The store is a shared or synced folder, a WebDAV
    /// folder (https://server/path/) or an S3 prefix (s3://BUCKET/PREFIX, with
    /// ?endpoint=https://… for an S3-compatible server and &region=…).
    Create {
        #[arg(long)]
        store: String,
        #[command(flatten)]
        login: LoginArgs,
    },
    /// Join a team a colleague made, with its store and key.
    Join {
        #[arg(long)]
        store: String,
        #[arg(long)]
        key: String,
        #[command(flatten)]
        login: LoginArgs,
    },
    /// Your name as colleagues see it beside your changes and conflicts ("Ana Lima, capital").
    Name { name: String },
    /// The file's team: store, replica, last sync, open conflicts.
    Status {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

pub fn team(store: &mut Store, what: TeamWhat) -> Result<(), Failure> {
    use concord_core::team;
    match what {
        TeamWhat::Create {
            store: location,
            login,
        } => {
            let key = team::create(store, &location, login.login()?.as_ref()).map_err(failure)?;
            println!("This file is now in a team syncing through {location}.");
            println!("Give colleagues this key out of band (it is shown only now):");
            println!("{}", key.to_text());
        }
        TeamWhat::Join {
            store: location,
            key,
            login,
        } => {
            team::join(store, &location, &key, login.login()?.as_ref()).map_err(failure)?;
            println!("Joined the team syncing through {location}; run `concord sync`.");
        }
        TeamWhat::Name { name } => {
            team::set_name(store, &name).map_err(failure)?;
            println!(
                "Colleagues will see your changes as made by {}.",
                name.trim()
            );
        }
        TeamWhat::Status { format } => {
            let s = team::status(store).map_err(failure)?;
            if format == Format::Json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&s).map_err(|e| bad_input(e.to_string()))?
                );
            } else {
                println!(
                    "store:          {}",
                    s.store.as_deref().unwrap_or("(no team)")
                );
                println!(
                    "replica:        {}",
                    s.replica
                        .map_or("(not written yet)".into(), |r| r.to_string())
                );
                println!(
                    "last sync:      {}",
                    s.last_sync.map_or("never".into(), |t| format!(
                        "{} (sent {}, received {})",
                        t.to_rfc3339(),
                        s.sent,
                        s.received
                    ))
                );
                if !s.key_here {
                    println!("team key:       not readable here (the file came from another computer): `team join` again");
                }
                println!("open conflicts: {}", s.open_conflicts);
                println!("clashes:        {}", s.clashes);
                println!(
                    "your name:      {}",
                    s.name.as_deref().unwrap_or("(not given: `team name NAME`)")
                );
            }
        }
    }
    Ok(())
}

pub fn sync(store: &mut Store) -> Result<(), Failure> {
    let r = concord_core::team::sync(store, chrono::Utc::now()).map_err(failure)?;
    println!(
        "synced: {} change sets sent, {} received ({} rows), {} conflicts set aside{}",
        r.sent,
        r.received,
        r.rows,
        r.conflicts,
        if r.waiting > 0 {
            format!("; {} still arriving", r.waiting)
        } else {
            String::new()
        }
    );
    Ok(())
}

fn failure(e: concord_core::team::TeamError) -> Failure {
    Failure {
        bad_input: e.code().is_bad_input(),
        message: e.to_string(),
    }
}
