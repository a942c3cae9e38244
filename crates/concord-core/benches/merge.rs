//! Merging two copies of one record that grew apart: the files for `make bench-merge`.
//! A shared base of 10 000 positions is copied twice; one copy records MERGE_POSITIONS new
//! positions and edits all 10 000 shared ones, the other records MERGE_POSITIONS others. The
//! Makefile then times `concord merge` of the first into the second (whole process, peak
//! memory) beside sqlite3 copying the same position rows between the same files.
//!
//!     MERGE_POSITIONS=100000 cargo bench -p concord-core --bench merge
#![allow(clippy::unwrap_used)] // a bench: a failed unwrap is a failed run

use concord_core::generate::Rng;
use concord_core::model::{PositionInput, Provenance, Stance, SubjectRef};
use concord_core::reference::{self, OEWG};
use concord_core::{Store, SystemClock};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;
use uuid::Uuid;

const SHARED: usize = 10_000;
const STATES: &[&str] = &[
    "FRA", "BRA", "IND", "KEN", "MEX", "EGY", "JPN", "CAN", "ZAF", "IDN",
];

fn record(store: &mut Store, n: usize, rng: &mut Rng) -> Vec<Uuid> {
    store
        .write_bulk(|w| {
            let mut ids = Vec::with_capacity(n);
            for _ in 0..n {
                let input = PositionInput {
                    actor_id: reference::state_id(STATES[rng.below(STATES.len())]),
                    subject: SubjectRef::Proposal(reference::proposal_id("POA")),
                    session_id: reference::session_id(OEWG, 1 + rng.below(10) as i64),
                    meeting_id: None,
                    meeting_date: None,
                    stance: Stance::ALL[rng.below(Stance::ALL.len())],
                    summary: format!("Merge bench: {}", rng.words(8)),
                    quote: rng.words(24),
                    source: String::new(),
                    on_behalf_of_id: None,
                    note: String::new(),
                };
                ids.push(w.insert_position(&input, Provenance::Synthetic)?);
            }
            Ok::<_, concord_core::StoreError>(ids)
        })
        .unwrap()
}

fn fresh(path: &Path) {
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
}

fn main() {
    let n: usize = std::env::var("MERGE_POSITIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let (base, theirs, ours) = (
        dir.join("merge-base.concord"),
        dir.join("merge-theirs.concord"),
        dir.join("merge-ours.concord"),
    );
    for p in [&base, &theirs, &ours] {
        fresh(p);
    }
    let mut rng = Rng(0x3E26_E000);
    let shared = {
        let mut s = Store::open_ready(&base, Arc::new(SystemClock), Uuid::from_u128(1)).unwrap();
        let ids = record(&mut s, SHARED, &mut rng);
        s.backup_to(&theirs).unwrap();
        s.backup_to(&ours).unwrap();
        ids
    };
    let started = Instant::now();
    let mut t = Store::open_ready(&theirs, Arc::new(SystemClock), Uuid::from_u128(2)).unwrap();
    record(&mut t, n, &mut rng);
    let recorded = started.elapsed();
    let edits: Vec<(Uuid, PositionInput)> = shared
        .iter()
        .map(|id| {
            let mut edit = PositionInput::from(&t.position(*id).unwrap());
            edit.summary = format!("Edited in the capital: {}", edit.summary);
            (*id, edit)
        })
        .collect();
    t.write_bulk(|w| {
        for (id, edit) in &edits {
            w.update_position(*id, edit)?;
        }
        Ok::<_, concord_core::StoreError>(())
    })
    .unwrap();
    drop(t);
    let mut o = Store::open_ready(&ours, Arc::new(SystemClock), Uuid::from_u128(3)).unwrap();
    record(&mut o, n, &mut rng);
    drop(o);
    println!(
        "merge files: {n} new positions and {SHARED} edits of shared ones in {}, {n} others in {} \
         (recording {n} took {:.1} s)",
        theirs.display(),
        ours.display(),
        recorded.as_secs_f64()
    );
}
