//! Many copies of one record, each written on its own and merged in random orders: every copy
//! ends with the same content, and no value anyone wrote is lost (it shows, is in the
//! conflicts list, or is in a position's history).
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use chrono::{DateTime, TimeZone, Utc};
use concord_core::model::{DocumentKind, PositionInput, RevisionInput, Stance, SubjectRef};
use concord_core::reference::{self, OEWG};
use concord_core::{Clock, Store};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// A small fast generator: the test is the same on every run for a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Each replica's clock: shared time that moves on with every write, off by a fixed amount
/// (some machines' clocks are minutes wrong), and random ids.
struct SimClock {
    now: Arc<AtomicI64>,
    offset_ms: i64,
    ids: Mutex<Rng>,
}

impl Clock for SimClock {
    fn now(&self) -> DateTime<Utc> {
        let ms = self.now.fetch_add(1, Ordering::SeqCst) + self.offset_ms;
        Utc.timestamp_millis_opt(ms).unwrap()
    }
    fn new_id(&self) -> Uuid {
        let mut rng = self.ids.lock().unwrap();
        Uuid::from_u128((u128::from(rng.next()) << 64) | u128::from(rng.next()))
    }
}

const STATES: &[&str] = &["FRA", "KEN", "BRA", "IND", "DEU", "EGY", "MEX", "JPN"];
const TOPICS: &[&str] = &[
    "International law/Due diligence",
    "Norms/Critical infrastructure",
    "Capacity-building/Gender",
];
const SETS: &[&str] = &["Like-minded", "Friends of the PoA"];
/// Names topics are added under and renamed to apart: names two copies claim (clashes).
const CLAIMED: &[&str] = &["Ransomware", "AI", "Quantum"];

/// How the replicas exchange changes: merging each other's stores directly, or syncing
/// through a shared folder whose newest files are sometimes still arriving.
#[derive(Clone, Copy, PartialEq)]
enum Exchange {
    Merge,
    Folder,
}

struct World {
    exchange: Exchange,
    folder: tempfile::TempDir,
    replicas: Vec<Store>,
    rng: Rng,
    written: Vec<String>,
    made: Vec<Uuid>,
    next: u64,
}

impl World {
    fn new(n: usize, seed: u64, exchange: Exchange) -> World {
        let now = Arc::new(AtomicI64::new(1_709_546_400_000));
        let mut rng = Rng(seed);
        let replicas = (0..n)
            .map(|i| {
                let clock = SimClock {
                    now: now.clone(),
                    offset_ms: (rng.below(600_000) as i64) - 300_000,
                    ids: Mutex::new(Rng(
                        seed ^ (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)
                    )),
                };
                let mut s =
                    Store::open_in_memory(Arc::new(clock), Uuid::from_u128(i as u128 + 1)).unwrap();
                s.load_reference().unwrap();
                s
            })
            .collect();
        let folder = tempfile::tempdir().unwrap();
        let mut replicas: Vec<Store> = replicas;
        if exchange == Exchange::Folder {
            let at = folder.path().to_str().unwrap().to_string();
            let key = concord_core::team::create(&mut replicas[0], &at, None)
                .unwrap()
                .to_text();
            for s in replicas.iter_mut().skip(1) {
                concord_core::team::join(s, &at, &key, None).unwrap();
            }
        }
        World {
            exchange,
            folder,
            replicas,
            rng,
            written: Vec::new(),
            made: Vec::new(),
            next: 0,
        }
    }

    fn value(&mut self, r: usize, what: &str) -> String {
        self.next += 1;
        let v = format!("{what} {} by {r}", self.next);
        self.written.push(v.clone());
        v
    }

    /// A position made on some replica, if `r` has it (merged, not deleted).
    fn some_position(&mut self, r: usize) -> Option<concord_core::model::Position> {
        if self.made.is_empty() {
            return None;
        }
        let id = self.made[self.rng.below(self.made.len())];
        self.replicas[r].position(id).ok()
    }

    fn step(&mut self) {
        let r = self.rng.below(self.replicas.len());
        self.act(r);
        self.watch(r);
    }

    /// With CONVERGENCE_WATCH=<id prefix>, says after each step whether `r` has that position
    /// and which conflicts it lists on it.
    fn watch(&self, r: usize) {
        if let Ok(watch) = std::env::var("CONVERGENCE_WATCH") {
            let s = &self.replicas[r];
            let on: Vec<String> = s
                .conflicts()
                .unwrap()
                .into_iter()
                .filter(|c| c.row_id.to_string().starts_with(&watch))
                .map(|c| format!("{:?}/{}", c.field, &c.by_replica.to_string()[..4]))
                .collect();
            let there = s
                .all_positions(&Default::default(), None)
                .unwrap()
                .iter()
                .any(|p| p.id.to_string().starts_with(&watch));
            trace(format_args!("  r{r}: row there {there}, conflicts {on:?}"));
        }
    }

    fn act(&mut self, r: usize) {
        match self.rng.below(100) {
            0..=29 => {
                let state = STATES[self.rng.below(STATES.len())];
                let summary = self.value(r, "summary");
                let input = PositionInput {
                    actor_id: reference::state_id(state),
                    subject: SubjectRef::Proposal(reference::proposal_id("POA")),
                    session_id: reference::session_id(OEWG, 7 + self.rng.below(3) as i64),
                    meeting_id: None,
                    meeting_date: None,
                    stance: Stance::ALL[self.rng.below(4)],
                    summary,
                    quote: String::new(),
                    source: String::new(),
                    on_behalf_of_id: None,
                    note: String::new(),
                };
                let p = self.replicas[r].add_position(&input).unwrap();
                trace(format_args!("r{r} adds {}", p.id));
                self.made.push(p.id);
            }
            30..=64 => {
                let Some(p) = self.some_position(r) else {
                    return;
                };
                let mut edit = PositionInput::from(&p);
                match self.rng.below(3) {
                    0 => edit.summary = self.value(r, "summary"),
                    1 => edit.quote = self.value(r, "quote"),
                    _ => edit.stance = Stance::ALL[self.rng.below(6)],
                }
                self.replicas[r].update_position(p.id, &edit).unwrap();
                trace(format_args!(
                    "r{r} edits {} (quote {:?} -> {:?})",
                    p.id, p.quote, edit.quote
                ));
            }
            65..=72 => {
                let Some(p) = self.some_position(r) else {
                    return;
                };
                self.replicas[r].delete_position(p.id).unwrap();
                trace(format_args!("r{r} deletes {} (quote {:?})", p.id, p.quote));
            }
            73..=76 => {
                let path = TOPICS[self.rng.below(TOPICS.len())];
                let state = STATES[self.rng.below(STATES.len())];
                let summary = self.value(r, "summary");
                let id = self.replicas[r]
                    .write(|w| {
                        let (topic, _) = w.create_topic_path(path)?;
                        let input = PositionInput {
                            actor_id: reference::state_id(state),
                            subject: SubjectRef::Topic(topic),
                            session_id: reference::session_id(OEWG, 8),
                            meeting_id: None,
                            meeting_date: None,
                            stance: Stance::Supports,
                            summary,
                            quote: String::new(),
                            source: String::new(),
                            on_behalf_of_id: None,
                            note: String::new(),
                        };
                        w.insert_position(&input, concord_core::model::Provenance::Recorded)
                    })
                    .unwrap();
                self.made.push(id);
            }
            77..=78 => {
                let name = SETS[self.rng.below(SETS.len())];
                let members: Vec<Uuid> = (0..3)
                    .map(|_| reference::state_id(STATES[self.rng.below(STATES.len())]))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                // Already made here under that name: the write is refused whole.
                let _ = self.replicas[r].write(|w| w.create_actor_set(name, &members));
            }
            79..=80 => {
                let name = CLAIMED[self.rng.below(CLAIMED.len())];
                let s = &mut self.replicas[r];
                let named: Vec<Uuid> = s
                    .topics()
                    .unwrap()
                    .into_iter()
                    .filter(|t| t.parent_id.is_none() && CLAIMED.contains(&t.name.as_str()))
                    .map(|t| t.id)
                    .collect();
                // Refused where this copy has that name already, as the catalog refuses it.
                if named.is_empty() || self.rng.below(2) == 0 {
                    let _ = concord_core::catalog::add_topic(s, None, name, None);
                } else {
                    let id = named[self.rng.below(named.len())];
                    let _ = concord_core::catalog::rename_topic(s, id, name);
                }
            }
            _ if self.exchange == Exchange::Folder => self.sync_delayed(r),
            _ => {
                let from = self.rng.below(self.replicas.len());
                if from != r {
                    let (to, other) = two(&mut self.replicas, r, from);
                    to.merge_from(other).unwrap();
                    trace(format_args!("r{r} <- r{from}"));
                }
            }
        }
    }

    /// Syncs `r` while some of the other replicas' newest files are still "arriving" (hidden
    /// as a synced folder's partial files are), then lets them arrive.
    fn sync_delayed(&mut self, r: usize) {
        let changes = self.folder.path().join("changes");
        let mut hidden = Vec::new();
        if let Ok(folders) = std::fs::read_dir(&changes) {
            for folder in folders.flatten() {
                let mut files: Vec<_> = std::fs::read_dir(folder.path())
                    .unwrap()
                    .flatten()
                    .map(|f| f.path())
                    .collect();
                files.sort();
                for f in files.iter().rev().take(self.rng.below(3)) {
                    let to =
                        f.with_file_name(format!(".{}", f.file_name().unwrap().to_string_lossy()));
                    std::fs::rename(f, &to).unwrap();
                    hidden.push((to, f.clone()));
                }
            }
        }
        concord_core::team::sync(&mut self.replicas[r], Utc::now()).unwrap();
        for (from, to) in hidden {
            std::fs::rename(from, to).unwrap();
        }
    }

    fn import_revision(&mut self, r: usize) {
        let input = RevisionInput {
            symbol: "A/AC.292/2099/L.1".into(),
            revision_label: "Rev.1".into(),
            date: None,
            process_id: None,
            kind: DocumentKind::RevisedDraft,
            title: String::new(),
        };
        let text =
            "1. States should cooperate.\n\n2. States should protect critical infrastructure.";
        self.replicas[r].import_revision_text(&input, text).unwrap();
    }

    /// Everyone merges from everyone until nothing moves.
    fn settle(&mut self) {
        let n = self.replicas.len();
        if self.exchange == Exchange::Folder {
            for _ in 0..2 {
                for s in self.replicas.iter_mut() {
                    concord_core::team::sync(s, Utc::now()).unwrap();
                }
            }
            return;
        }
        for _ in 0..2 {
            for to in 0..n {
                for from in 0..n {
                    if to != from {
                        let (a, b) = two(&mut self.replicas, to, from);
                        let got = a.merge_from(b).unwrap();
                        if got.change_sets > 0 {
                            trace(format_args!("settle r{to} <- r{from}"));
                            self.watch(to);
                        }
                    }
                }
            }
        }
    }

    /// The values no copy shows, lists as a conflict or keeps in a history.
    fn lost(&self, s: &Store) -> Vec<String> {
        let mut seen = BTreeSet::new();
        for p in s.all_positions(&Default::default(), None).unwrap() {
            seen.insert(p.summary.clone());
            seen.insert(p.quote.clone());
        }
        for c in s.conflicts().unwrap() {
            seen.insert(c.set_aside);
        }
        let ids: Vec<Uuid> = s.history_position_ids().unwrap();
        for id in ids {
            for h in s.position_history(id).unwrap() {
                for snap in [h.before, h.after].into_iter().flatten() {
                    for field in ["summary", "quote"] {
                        if let Some(v) = snap.get(field).and_then(|v| v.as_str()) {
                            seen.insert(v.to_string());
                        }
                    }
                }
            }
        }
        self.written
            .iter()
            .filter(|v| !seen.contains(*v))
            .cloned()
            .collect()
    }
}

/// With CONVERGENCE_TRACE set, says each step, to find what a failing run did.
fn trace(what: std::fmt::Arguments<'_>) {
    if std::env::var_os("CONVERGENCE_TRACE").is_some() {
        eprintln!("step: {what}");
    }
}

/// Two distinct replicas, the first mutable.
fn two(v: &mut [Store], a: usize, b: usize) -> (&mut Store, &Store) {
    if a < b {
        let (x, y) = v.split_at_mut(b);
        (&mut x[a], &y[0])
    } else {
        let (x, y) = v.split_at_mut(a);
        (&mut y[0], &x[b])
    }
}

fn converge(replicas: usize, operations: usize, seed: u64, exchange: Exchange) {
    // Another seed tries other orders: CONVERGENCE_SEED=7 make rust-test
    let seed = seed
        ^ std::env::var("CONVERGENCE_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
    let started = std::time::Instant::now();
    let mut world = World::new(replicas, seed, exchange);
    for i in 0..operations {
        if i == operations / 3 {
            let r = world.rng.below(replicas);
            world.import_revision(r);
        }
        world.step();
    }
    world.settle();
    let digest = world.replicas[0].digest().unwrap();
    for (i, s) in world.replicas.iter().enumerate() {
        if s.digest().unwrap() != digest {
            explain(&world.replicas[0], s);
            if std::env::var_os("CONVERGENCE_TRACE").is_some() {
                for (j, t) in world.replicas.iter().enumerate() {
                    eprintln!("replica r{j} is {:?}", t.replica_id().unwrap());
                }
                for c in world.replicas[0].conflicts().unwrap() {
                    eprintln!("r0 conflict {} {:?} by {}", c.row_id, c.field, c.by_replica);
                }
                for c in s.conflicts().unwrap() {
                    eprintln!(
                        "r{i} conflict {} {:?} by {}",
                        c.row_id, c.field, c.by_replica
                    );
                }
            }
            panic!("replica {i} differs");
        }
    }
    let lost = world.lost(&world.replicas[0]);
    assert!(
        lost.is_empty(),
        "{} values lost: {:?}",
        lost.len(),
        &lost[..lost.len().min(5)]
    );
    let conflicts = world.replicas[0].conflicts().unwrap().len();
    assert!(conflicts > 0, "the run should have made some conflicts");
    let clashes = world.replicas[0].clashes().unwrap();
    for s in &world.replicas {
        assert_eq!(
            s.clashes().unwrap(),
            clashes,
            "every copy lists the same clashes"
        );
    }
    eprintln!(
        "{replicas} replicas, {operations} operations: {} values written, {conflicts} conflicts, \
         {} clashes, 0 lost, {:.1} s",
        world.written.len(),
        clashes.len(),
        started.elapsed().as_secs_f64()
    );
}

/// Says which rows of two copies differ, when they do.
fn explain(a: &Store, b: &Store) {
    for table in concord_core::store::EXCHANGED_TABLES.iter().skip(1) {
        let (x, y) = (a.read_table(table).unwrap(), b.read_table(table).unwrap());
        let keep: Vec<usize> = x
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                !matches!(
                    c.as_str(),
                    "created_at" | "updated_at" | "changed_by" | "at"
                )
            })
            .map(|(i, _)| i)
            .collect();
        let rows = |t: &concord_core::store::TableRows| -> BTreeSet<String> {
            t.rows
                .iter()
                .map(|r| format!("{:?}", keep.iter().map(|&i| &r[i]).collect::<Vec<_>>()))
                .collect()
        };
        let (rx, ry) = (rows(&x), rows(&y));
        for only in rx.difference(&ry).take(3) {
            eprintln!("{table}: only in the first: {only}");
        }
        for only in ry.difference(&rx).take(3) {
            eprintln!("{table}: only in the second: {only}");
        }
    }
    let (ca, cb) = (a.conflicts().unwrap(), b.conflicts().unwrap());
    eprintln!("conflicts: {} and {}", ca.len(), cb.len());
    for c in ca.iter().filter(|c| !cb.contains(c)).take(3) {
        eprintln!("conflict only in the first: {c:?}");
    }
    for c in cb.iter().filter(|c| !ca.contains(c)).take(3) {
        eprintln!("conflict only in the second: {c:?}");
    }
}

fn operations(default: usize) -> usize {
    std::env::var("CONVERGENCE_OPERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn three_replicas_converge_with_nothing_lost() {
    converge(3, operations(10_000), 0x5eed_0003, Exchange::Merge);
}

#[test]
fn three_replicas_syncing_through_a_folder_with_files_delayed_converge() {
    converge(3, operations(10_000), 0x5eed_f003, Exchange::Folder);
}

#[test]
fn ten_replicas_converge_with_nothing_lost() {
    converge(10, operations(10_000), 0x5eed_0010, Exchange::Merge);
}

/// 1 000 operations in `make test`; the benchmark runs 10 000 (`make bench-convergence`).
#[test]
fn thirty_replicas_converge_with_nothing_lost() {
    converge(30, operations(1_000), 0x5eed_0030, Exchange::Merge);
}
