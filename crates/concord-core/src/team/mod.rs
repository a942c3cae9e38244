//! The team record: one record shared by a delegation through storage it already runs.
//!
//! A file joins a team with a store location (a folder, a WebDAV address, an S3 prefix; with
//! the login the store asks for) and the team key (`create` makes the key, shown
//! once; colleagues `join` with it). `sync` sends this replica's change sets that the store
//! lacks, each as its own file `changes/<replica>/<number>`, encrypted and authenticated with
//! the key (and relays the sets of copies outside the team that this file holds), never
//! rewriting a file that is there; then it reads the other replicas' files this file
//! lacks and merges them in one transaction (`Store::merge_sets`). A file that was altered,
//! cut short, made with another key or put back under another name is refused by name, and
//! nothing of that sync is applied. A file not yet arrived (a synced folder still copying)
//! only delays what comes after it. Sync holds the file only while it reads or writes it,
//! never while it waits on the network, so the window goes on working during a slow sync.

mod key;
mod remote;
mod seal;
mod spool;
mod wire;

pub use key::TeamKey;
pub use remote::{Folder, Location, Login, Remote, MAX_FILE_BYTES};
pub use seal::SettingsSeal;

use crate::merge::{SetInfo, Stamp};
use crate::model::ErrorCode;
use crate::store::{Offered, Store, StoreError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use spool::{Spool, Spooled};
use std::cell::{RefCell, RefMut};
use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("{0}")]
    Key(String),
    #[error("{0}")]
    Location(String),
    #[error("your name as colleagues see it {0}")]
    Name(crate::text::NameError),
    #[error("this file is not in a team yet: run `team create --store STORE`, or `team join --store STORE --key KEY` with the key a colleague gave you")]
    NotSet,
    #[error("{file} on the team store was refused: {why}; nothing of this sync was applied")]
    Refused { file: String, why: String },
    #[error("the team store cannot be reached now ({0}); your work is kept here and will be sent on the next sync")]
    Offline(String),
    #[error("this file's {0} was set up by Concord on another computer or user account and cannot be read here: join the team again here (the Team page, or `team join --store STORE --key KEY`) with the key a colleague gives you")]
    SealedElsewhere(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl TeamError {
    pub fn code(&self) -> ErrorCode {
        match self {
            TeamError::Key(_)
            | TeamError::Location(_)
            | TeamError::Name(_)
            | TeamError::NotSet
            | TeamError::SealedElsewhere(_) => ErrorCode::InvalidInput,
            TeamError::Refused { .. } => ErrorCode::MalformedFile,
            TeamError::Offline(_) => ErrorCode::Offline,
            TeamError::Store(e) => e.code(),
        }
    }
}

/// A file's team, as `team status` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TeamStatus {
    /// The store location; `None` when the file is in no team.
    pub store: Option<String>,
    /// Whether this computer can read the team key the file keeps: false for a file in a
    /// team that was copied here from another computer or user account (join again).
    pub key_here: bool,
    /// This copy's replica id, once it has written.
    pub replica: Option<Uuid>,
    pub last_sync: Option<DateTime<Utc>>,
    /// Change sets sent and received by the last sync.
    pub sent: u32,
    pub received: u32,
    /// Conflicts open now.
    pub open_conflicts: u32,
    /// Keys more than one row claims since a merge (`Store::clashes`).
    pub clashes: u32,
    /// The name this copy's user gave, shown to colleagues beside what they made.
    pub name: Option<String>,
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncReport {
    pub sent: u32,
    pub received: u32,
    pub rows: u32,
    pub conflicts: u32,
    /// Files seen on the store whose earlier numbers have not arrived yet (a synced folder
    /// still copying): they come in on a later sync.
    pub waiting: u32,
}

/// How a running sync goes, told after each file it writes or reads (a first sync of a large
/// record is many files).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncProgress {
    pub sent: u32,
    pub to_send: u32,
    pub read: u32,
    pub to_read: u32,
}

/// Makes this file's team: the store (with its login, if it asks for one), and a new key,
/// returned to be shown once. The store is tried first, so a wrong address or login is said
/// now rather than at the first sync.
pub fn create(
    store: &mut Store,
    location: &str,
    login: Option<&Login>,
) -> Result<TeamKey, TeamError> {
    create_shared(|| Ok::<_, TeamError>(&mut *store), location, login)
}

/// [`create`] for a store others use too (the window's): `store` is called only once the
/// team store has answered, so the file is free while the network is slow.
pub fn create_shared<G, E>(
    store: impl FnOnce() -> Result<G, E>,
    location: &str,
    login: Option<&Login>,
) -> Result<TeamKey, E>
where
    G: DerefMut<Target = Store>,
    E: From<TeamError>,
{
    let location = Location::parse(location)?.resolved()?;
    let remote = location.connect(login)?;
    remote.list("changes")?;
    let key = TeamKey::generate();
    let mut s = store()?;
    s.record_baseline().map_err(TeamError::from)?;
    seal::keep_settings(&mut s, &location.to_text(), &key, login)?;
    Ok(key)
}

/// Joins a team made elsewhere: the store and the key a colleague passed on.
pub fn join(
    store: &mut Store,
    location: &str,
    key: &str,
    login: Option<&Login>,
) -> Result<(), TeamError> {
    join_shared(|| Ok::<_, TeamError>(&mut *store), location, key, login)
}

/// [`join`] for a store others use too: the key is checked against the team's files before
/// `store` is called.
pub fn join_shared<G, E>(
    store: impl FnOnce() -> Result<G, E>,
    location: &str,
    key: &str,
    login: Option<&Login>,
) -> Result<(), E>
where
    G: DerefMut<Target = Store>,
    E: From<TeamError>,
{
    let location = Location::parse(location)?.resolved()?;
    let key = TeamKey::parse(key)?;
    let remote = location.connect(login)?;
    // A wrong key is bad input: check it on a file the team already wrote, if any.
    if let Some((name, bytes)) = first_file(remote.as_ref())? {
        key.open(&name, &bytes).map_err(|_| {
            TeamError::Key(format!(
                "this key does not open the team's files in {} (another team's key, or mistyped)",
                location.to_text()
            ))
        })?;
    }
    let mut s = store()?;
    s.record_baseline().map_err(TeamError::from)?;
    seal::keep_settings(&mut s, &location.to_text(), &key, login)?;
    Ok(())
}

/// Whether a team store as typed asks for a login: a WebDAV or S3 address does, a folder does
/// not (the Team page shows the user and password fields by this).
pub fn asks_for_login(location: &str) -> bool {
    matches!(
        Location::parse(location),
        Ok(Location::WebDav(_) | Location::S3 { .. })
    )
}

/// The numbers of a replica's sets on the store, in order (names Concord did not write are
/// left alone).
fn numbers_on(remote: &dyn Remote, replica: Uuid) -> Result<Vec<i64>, TeamError> {
    let mut seqs: Vec<i64> = remote
        .list(&wire::folder(replica))?
        .iter()
        .filter_map(|f| wire::seq_of(f))
        .collect();
    seqs.sort_unstable();
    Ok(seqs)
}

fn first_file(remote: &dyn Remote) -> Result<Option<(String, Vec<u8>)>, TeamError> {
    for replica in remote.list("changes")? {
        let Ok(replica) = Uuid::parse_str(&replica) else {
            continue;
        };
        if let Some(&seq) = numbers_on(remote, replica)?.first() {
            let name = wire::name(replica, seq);
            return Ok(Some((name.clone(), remote.read(&name)?)));
        }
    }
    Ok(None)
}

pub fn status(store: &Store) -> Result<TeamStatus, TeamError> {
    let settings = store.team()?;
    let last = store.last_sync()?;
    Ok(TeamStatus {
        key_here: seal::key_readable(store)?,
        store: settings.map(|(location, _)| location),
        replica: store.replica_id()?,
        last_sync: last.as_ref().map(|l| l.0),
        sent: last.as_ref().map_or(0, |l| l.1),
        received: last.as_ref().map_or(0, |l| l.2),
        open_conflicts: u32::try_from(store.conflicts()?.len()).unwrap_or(u32::MAX),
        clashes: u32::try_from(store.clashes()?.len()).unwrap_or(u32::MAX),
        name: store.team_name()?,
    })
}

/// Gives this copy the name colleagues see beside its changes and conflicts ("Ana Lima,
/// capital"); it travels with the next sync.
pub fn set_name(store: &mut Store, name: &str) -> Result<(), TeamError> {
    let name = crate::text::name(name).map_err(TeamError::Name)?;
    store.set_team_name(name)?;
    Ok(())
}

/// Sends this replica's change sets the store lacks, then merges the others' this file lacks.
pub fn sync(store: &mut Store, now: DateTime<Utc>) -> Result<SyncReport, TeamError> {
    let only = RefCell::new(store);
    sync_shared(|| Ok::<_, TeamError>(Held(only.borrow_mut())), now, &|_| {})
}

/// [`sync`] for a store others use too (the window's): `store` is called for each step that
/// reads or writes the file, and what it gives is dropped before the network is used;
/// `progress` hears after each file.
pub fn sync_shared<G, E>(
    store: impl Fn() -> Result<G, E>,
    now: DateTime<Utc>,
    progress: &dyn Fn(&SyncProgress),
) -> Result<SyncReport, E>
where
    G: DerefMut<Target = Store>,
    E: From<TeamError>,
{
    let (location, key, login) = seal::settings(&mut *store()?)?;
    let remote = Location::parse(&location)?.connect(login.as_ref())?;
    sync_through(store, remote.as_ref(), &key, now, progress)
}

/// [`sync`] against a store already connected.
pub fn sync_with(
    store: &mut Store,
    remote: &dyn Remote,
    key: &TeamKey,
    now: DateTime<Utc>,
) -> Result<SyncReport, TeamError> {
    let only = RefCell::new(store);
    let store = || Ok::<_, TeamError>(Held(only.borrow_mut()));
    sync_through(store, remote, key, now, &|_| {})
}

/// The one store of [`sync`], lent to each step.
struct Held<'a, 'b>(RefMut<'a, &'b mut Store>);

impl Deref for Held<'_, '_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.0
    }
}

impl DerefMut for Held<'_, '_> {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.0
    }
}

fn sync_through<G, E>(
    store: impl Fn() -> Result<G, E>,
    remote: &dyn Remote,
    key: &TeamKey,
    now: DateTime<Utc>,
    progress: &dyn Fn(&SyncProgress),
) -> Result<SyncReport, E>
where
    G: DerefMut<Target = Store>,
    E: From<TeamError>,
{
    let mut report = SyncReport::default();
    let (me, replicas) = {
        let s = store()?;
        let me = s.replica_id().map_err(TeamError::from)?;
        let known = s.known_changes().map_err(TeamError::from)?;
        (me, known.0.into_keys().collect::<Vec<_>>())
    };
    // Send every set this file holds that the store lacks: its own, and those of copies
    // that are not in the team (a file merged in, the copy this one began as), which the
    // team could not get otherwise. A file already there is never written again.
    let mut on_store = crate::merge::Deps::default();
    let mut present = std::collections::BTreeSet::new();
    for replica in replicas {
        let seqs = numbers_on(remote, replica)?;
        let contiguous = seqs.iter().zip(1..).take_while(|(s, n)| **s == *n).count();
        on_store.0.insert(replica, contiguous as i64);
        present.extend(seqs.into_iter().map(|s| (replica, s)));
    }
    let (to_send, known) = {
        let s = store()?;
        let sets = s.set_infos_after(&on_store).map_err(TeamError::from)?;
        (sets, s.known_changes().map_err(TeamError::from)?)
    };
    let to_send: Vec<_> = to_send
        .into_iter()
        .filter(|info| !present.contains(&(info.stamp.replica, info.stamp.seq)))
        .collect();
    let mut told = SyncProgress {
        to_send: u32::try_from(to_send.len()).unwrap_or(u32::MAX),
        ..SyncProgress::default()
    };
    // One set in memory at a time, read from the file as it is sent.
    for info in to_send {
        let name = wire::name(info.stamp.replica, info.stamp.seq);
        let changes = store()?.held_set(&info.stamp).map_err(TeamError::from)?;
        remote.write(&name, &key.seal(&name, &wire::pack(&info, &changes))?)?;
        report.sent += 1;
        told.sent = report.sent;
        progress(&told);
    }
    let mut spool = Spool::new().map_err(TeamError::from)?;
    let offered = fetch(
        remote,
        key,
        me,
        &known.0,
        &mut report.waiting,
        &mut |read, to_read| {
            told.read = read;
            told.to_read = to_read;
            progress(&told);
        },
        &mut spool,
    )?;
    let ready = causal(offered, known.0, &mut report.waiting);
    let mut s = store()?;
    let merged = s
        .merge_sets(ready.into_iter().map(|(info, spooled)| {
            let changes = spool.take(spooled)?;
            Ok(Offered { info, changes })
        }))
        .map_err(TeamError::from)?;
    report.received = merged.change_sets;
    report.rows = merged.rows;
    report.conflicts = merged.conflicts;
    s.note_sync(now, report.sent, report.received)
        .map_err(TeamError::from)?;
    Ok(report)
}

/// The other replicas' files this file lacks, read and opened, in each replica's order.
fn fetch(
    remote: &dyn Remote,
    key: &TeamKey,
    me: Option<Uuid>,
    known: &BTreeMap<Uuid, i64>,
    waiting: &mut u32,
    progress: &mut dyn FnMut(u32, u32),
    spool: &mut Spool,
) -> Result<Vec<(SetInfo, Spooled)>, TeamError> {
    // First what each replica has that this file lacks and can take (its numbers follow on
    // from what is here), then the files themselves.
    let mut wanted = Vec::new();
    for folder in remote.list("changes")? {
        let Ok(replica) = Uuid::parse_str(&folder) else {
            continue;
        };
        if Some(replica) == me {
            continue;
        }
        let seqs = numbers_on(remote, replica)?;
        let first = known.get(&replica).copied().unwrap_or(0) + 1;
        let mut next = first;
        for seq in seqs.into_iter().filter(|s| *s >= first) {
            if seq != next {
                *waiting += 1;
                continue;
            }
            wanted.push((replica, seq));
            next += 1;
        }
    }
    let to_read = u32::try_from(wanted.len()).unwrap_or(u32::MAX);
    let mut offered = Vec::new();
    for (read, (replica, seq)) in (1..).zip(wanted) {
        let name = wire::name(replica, seq);
        let plain = key.open(&name, &remote.read(&name)?)?;
        let (info, changes) = wire::unpack(&name, replica, seq, &plain)?;
        offered.push((info, spool.keep(&changes)?));
        progress(read, to_read);
    }
    Ok(offered)
}

/// The sets that can be applied now, in clock order: each follows its replica's sets and
/// everything it saw is here or comes before it. The rest wait for a later sync.
fn causal<T>(
    mut offered: Vec<(SetInfo, T)>,
    mut known: BTreeMap<Uuid, i64>,
    waiting: &mut u32,
) -> Vec<(SetInfo, T)> {
    offered.sort_by_key(|o| o.0.stamp);
    let mut ready = Vec::new();
    loop {
        let before = offered.len();
        let mut rest = Vec::new();
        for o in offered {
            let Stamp { replica, seq, .. } = o.0.stamp;
            let follows = known.get(&replica).copied().unwrap_or(0) + 1 == seq;
            let saw_here =
                o.0.deps
                    .0
                    .iter()
                    .all(|(r, n)| known.get(r).copied().unwrap_or(0) >= *n);
            if follows && saw_here {
                known.insert(replica, seq);
                ready.push(o);
            } else {
                rest.push(o);
            }
        }
        offered = rest;
        if offered.is_empty() || offered.len() == before {
            break;
        }
    }
    *waiting += u32::try_from(offered.len()).unwrap_or(u32::MAX);
    ready.sort_by_key(|o| o.0.stamp);
    ready
}
