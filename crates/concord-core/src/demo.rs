//! The demo database `make run` opens: the reference data plus a few dozen positions.
//!
//! Each recorded demo position is a public fact with its source (docs/domain.md). The others are
//! stored with provenance `illustrative`: the window and exports mark them as samples, and
//! their summaries say so. No invented words are put in a real State's mouth: no demo quotes.

use crate::model::{PositionInput, Provenance, Stance, SubjectRef};
use crate::reference::{self, FIRST_COMMITTEE_77, OEWG};
use crate::store::{Store, StoreError};
use uuid::Uuid;

const LBI_SOURCE_2024: &str =
    "Public record of the OEWG 8th substantive session, July 2024 (Digital Watch; Reaching Critical Will)";
const IHL_SOURCE_2024: &str =
    "Cross-regional statement on the applicability of IHL, OEWG 7th substantive session, March 2024";
const POA_VOTE_SOURCE: &str =
    "First Committee recorded vote on the Programme of Action draft resolution, 2022 (157–6–14)";

enum About {
    Topic(&'static str),
    Proposal(&'static str),
}

struct Demo {
    actor: &'static str,
    about: About,
    process: &'static str,
    seq: i64,
    stance: Stance,
    summary: &'static str,
    source: &'static str,
    provenance: Provenance,
}

fn recorded(
    actors: &'static [&'static str],
    about: fn() -> About,
    process: &'static str,
    seq: i64,
    stance: Stance,
    summary: &'static str,
    source: &'static str,
) -> Vec<Demo> {
    actors
        .iter()
        .map(|actor| Demo {
            actor,
            about: about(),
            process,
            seq,
            stance,
            summary,
            source,
            provenance: Provenance::Recorded,
        })
        .collect()
}

fn sample(
    actor: &'static str,
    about: About,
    seq: i64,
    stance: Stance,
    summary: &'static str,
) -> Demo {
    Demo {
        actor,
        about,
        process: OEWG,
        seq,
        stance,
        summary,
        source: "",
        provenance: Provenance::Illustrative,
    }
}

fn positions() -> Vec<Demo> {
    // Samples first, so the recorded facts are the newest entries and head the list.
    let mut out = Vec::new();
    let ms = |s: &'static str| About::Topic(s);
    out.extend([
        sample("BRA", ms("International law"), 9, Stance::Conditional,
               "Illustrative sample, not a real statement: supports further work on international law if it builds on existing consensus reports."),
        sample("BRA", ms("International law"), 10, Stance::Supports,
               "Illustrative sample, not a real statement: supports the section on international law."),
        sample("IND", ms("Capacity-building"), 9, Stance::Supports,
               "Illustrative sample, not a real statement: capacity-building should be demand-driven."),
        sample("KEN", ms("Capacity-building"), 10, Stance::Proposes,
               "Illustrative sample, not a real statement: proposes a needs-based capacity-building portal."),
        sample("MEX", ms("Cross-cutting issues/Gender"), 9, Stance::Supports,
               "Illustrative sample, not a real statement: supports gender mainstreaming in the report."),
        sample("IDN", ms("Confidence-building measures"), 9, Stance::Concerns,
               "Illustrative sample, not a real statement: concerned about the workload of points of contact."),
        sample("IDN", ms("Confidence-building measures"), 10, Stance::Supports,
               "Illustrative sample, not a real statement: supports the points-of-contact directory after clarifications."),
        sample("EGY", ms("Regular institutional dialogue"), 10, Stance::Reservation,
               "Illustrative sample, not a real statement: reservation on the decision-making rules of the future mechanism."),
        sample("AUS", ms("Cross-cutting issues/Multistakeholder participation"), 10, Stance::Supports,
               "Illustrative sample, not a real statement: supports accreditation of stakeholders."),
        sample("PAK", ms("Existing and potential threats"), 9, Stance::Neutral,
               "Illustrative sample, not a real statement: takes note of the threats section."),
        sample("JPN", ms("Rules, norms and principles of responsible State behaviour"), 11, Stance::JoinedConsensus,
               "Illustrative sample, not a real statement: joined consensus on the final report."),
        sample("ZAF", ms("Capacity-building"), 11, Stance::ProposesAmendment,
               "Illustrative sample, not a real statement: proposes to replace \"effective\" with \"full and equal\"."),
    ]);
    out.extend(recorded(
        &["BLR", "BDI", "CHN", "CUB", "PRK", "ERI", "IRN", "NIC", "RUS", "SYR", "VEN", "ZWE"],
        || About::Proposal("LBI"),
        OEWG,
        8,
        Stance::Supports,
        "Part of a like-minded group that pressed for legally binding norms (a new legally binding instrument).",
        LBI_SOURCE_2024,
    ));
    out.extend(recorded(
        &["USA", "CHE", "CAN", "GBR"],
        || About::Proposal("LBI"),
        OEWG,
        8,
        Stance::Opposes,
        "Opposed a new treaty on ICT security.",
        LBI_SOURCE_2024,
    ));
    out.extend(recorded(
        &["SEN", "COL"],
        || About::Topic("International law/International humanitarian law"),
        OEWG,
        7,
        Stance::Supports,
        "Led a cross-regional statement on the applicability of international humanitarian law to the use of ICTs.",
        IHL_SOURCE_2024,
    ));
    out.extend(recorded(
        &["CHN", "PRK", "IRN", "NIC", "RUS", "SYR"],
        || About::Proposal("POA"),
        FIRST_COMMITTEE_77,
        1,
        Stance::Opposes,
        "Voted against the Programme of Action draft resolution in the First Committee.",
        POA_VOTE_SOURCE,
    ));
    out
}

fn subject(about: &About) -> SubjectRef {
    match about {
        About::Topic(path) => SubjectRef::Topic(reference::topic_id(path)),
        About::Proposal(key) => SubjectRef::Proposal(reference::proposal_id(key)),
    }
}

fn actor_id(key: &str) -> Uuid {
    reference::state_id(key)
}

/// Opens the demo database at `path` (its folder made if needed), given the demo positions if
/// it has none yet: the first time, or after an interrupted first start.
pub fn open(
    path: &std::path::Path,
    clock: std::sync::Arc<dyn crate::Clock>,
    installation: Uuid,
) -> Result<Store, StoreError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut store = Store::open_ready(path, clock, installation)?;
    populate(&mut store)?;
    Ok(store)
}

/// Loads the reference data and, once per file, the demo positions. Returns how many
/// positions were added (0 when the demo was already there).
pub fn populate(store: &mut Store) -> Result<u64, StoreError> {
    store.load_reference()?;
    if store.counts()?.positions > 0 {
        return Ok(0);
    }
    store.write(|w| {
        let mut added = 0;
        for d in positions() {
            let input = PositionInput {
                actor_id: actor_id(d.actor),
                subject: subject(&d.about),
                session_id: reference::session_id(d.process, d.seq),
                meeting_id: None,
                meeting_date: None,
                stance: d.stance,
                summary: d.summary.to_string(),
                quote: String::new(),
                source: d.source.to_string(),
                on_behalf_of_id: None,
                note: String::new(),
            };
            w.insert_position(&input, d.provenance)?;
            added += 1;
        }
        Ok::<_, StoreError>(added)
    })
}
