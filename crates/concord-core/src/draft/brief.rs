//! The brief an analyst sends up when a revision lands: for every paragraph where our
//! delegation has a position or a request — what changed (word level), whether each of our
//! requests landed, was diluted or was dropped (with the verdict's reason), who else holds a
//! red line, an objection, a disassociation or a reservation there, and who stated a position
//! on the new revision; then the paragraphs we said nothing about that changed most.

use super::compare::RevisionPair;
use crate::citation;
use crate::model::{
    AlignStatus, AlignedEntry, Amendment, AmendmentStatus, Brief, BriefChange, BriefCounts,
    BriefParagraph, BriefRequest, HeldStance, ParagraphNotes, ParagraphPosition, RequestOutcome,
    Revision, Stance,
};
use crate::store::{Store, StoreError};
use std::collections::HashMap;

/// How many of the paragraphs we said nothing about the brief lists, most changed first.
pub const CHANGED_MOST: usize = 10;

/// Stances of others the brief names on our paragraphs: what could block or dilute them.
pub const HOLDING_OUT: [Stance; 5] = [
    Stance::RedLine,
    Stance::Opposes,
    Stance::Disassociation,
    Stance::Reservation,
    Stance::Concerns,
];

/// A request's outcome in the brief's words.
pub fn verdict(status: AmendmentStatus) -> &'static str {
    match status {
        AmendmentStatus::Accepted => "landed",
        AmendmentStatus::Partial => "diluted",
        AmendmentStatus::Rejected => "dropped",
        AmendmentStatus::Pending => "not yet decided",
    }
}

/// What the brief needs from the store, read under its lock; [`BriefSource::brief`] aligns
/// the two texts and writes the brief once the store is free again.
#[derive(Debug, Clone)]
pub struct BriefSource {
    our_id: uuid::Uuid,
    our_name: String,
    pair: RevisionPair,
    notes: HashMap<String, ParagraphNotes>,
    old_notes: HashMap<String, ParagraphNotes>,
    /// Our delegation's requests on either revision, one of each.
    requests: Vec<Amendment>,
}

/// The brief on `request.revision_id` since `request.since_id` (else the revision before it).
pub fn brief(store: &Store, request: &BriefRequest) -> Result<Brief, StoreError> {
    Ok(read_brief(store, request)?.brief())
}

/// Reads what the brief on `request` needs; refused until our delegation is set.
pub fn read_brief(store: &Store, request: &BriefRequest) -> Result<BriefSource, StoreError> {
    let Some(our_id) = store.our_delegation()? else {
        return Err(StoreError::invalid(
            "our delegation",
            "the brief is written for our delegation: set it first (Settings… in the window, or \
             `concord settings --our ACTOR`)",
        ));
    };
    let our_name = store.actor(our_id)?.name;
    let new = store.revision(request.revision_id)?;
    let since = match request.since_id {
        Some(id) => store.revision(id)?,
        None => previous(store, &new)?,
    };
    let by_label = |notes: Vec<ParagraphNotes>| -> HashMap<String, ParagraphNotes> {
        notes.into_iter().map(|n| (n.label.clone(), n)).collect()
    };
    let notes = by_label(store.paragraph_notes(new.id)?);
    let old_notes = by_label(store.paragraph_notes(since.id)?);
    // Each revision's requests include its chain's earlier ones: one of each.
    let mut seen = std::collections::HashSet::new();
    let requests: Vec<Amendment> = store
        .amendments_on(since.id)?
        .into_iter()
        .chain(store.amendments_on(new.id)?)
        .filter(|a| a.actor_ids.contains(&our_id) && seen.insert(a.id))
        .collect();
    Ok(BriefSource {
        our_id,
        our_name,
        pair: store.revision_pair(since.id, new.id)?,
        notes,
        old_notes,
        requests,
    })
}

impl BriefSource {
    /// Aligns the two revisions and writes the brief.
    pub fn brief(self) -> Brief {
        let BriefSource {
            our_id,
            our_name,
            pair,
            notes,
            old_notes,
            requests,
        } = self;
        let (since, new) = (pair.old.clone(), pair.new.clone());
        let diff = pair.compare();
        let mut counts = BriefCounts::default();
        let mut ours = Vec::new();
        let mut quiet = Vec::new();
        for e in &diff.body {
            let changed = e.status != AlignStatus::Unchanged;
            counts.changed += u32::from(changed);
            let on_new = |n: &HashMap<String, ParagraphNotes>,
                          labels: &[String]|
             -> Vec<ParagraphPosition> {
                labels
                    .iter()
                    .filter_map(|l| n.get(l))
                    .flat_map(|n| n.positions.iter().cloned())
                    .collect()
            };
            // Positions follow a paragraph through the chain: the new revision's notes hold them,
            // or the earlier's for a paragraph that went.
            let positions = if e.new_labels.is_empty() {
                on_new(&old_notes, &e.old_labels)
            } else {
                on_new(&notes, &e.new_labels)
            };
            let mine: Vec<&Amendment> = requests
                .iter()
                .filter(|a| {
                    (a.revision_label == since.revision_label && e.old_labels.contains(&a.label))
                        || (a.revision_label == new.revision_label
                            && e.new_labels.contains(&a.label))
                })
                .collect();
            let our_position = positions.iter().find(|p| p.actor_id == our_id);
            if our_position.is_none() && mine.is_empty() {
                if changed {
                    quiet.push(change(e, &since, &new));
                }
                continue;
            }
            counts.ours += 1;
            counts.ours_changed += u32::from(changed);
            for a in &mine {
                match a.status {
                    AmendmentStatus::Accepted => counts.landed += 1,
                    AmendmentStatus::Partial => counts.diluted += 1,
                    AmendmentStatus::Rejected => counts.dropped += 1,
                    AmendmentStatus::Pending => counts.pending += 1,
                }
            }
            ours.push(BriefParagraph {
                citation: cite(e, &since, &new),
                was: was(e, &since),
                status: e.status,
                status_label: e.status.label().to_string(),
                inserted: worded(&e.inserted),
                deleted: worded(&e.deleted),
                our_stance: our_position.map(|p| p.stance),
                our_words: our_position.map_or_else(String::new, |p| {
                    if p.quote.trim().is_empty() {
                        p.summary.clone()
                    } else {
                        format!("“{}”", p.quote.trim())
                    }
                }),
                requests: mine.iter().map(|a| outcome(a)).collect(),
                held: positions
                    .iter()
                    .filter(|p| p.actor_id != our_id && HOLDING_OUT.contains(&p.stance))
                    .map(|p| HeldStance {
                        actor: p.actor.clone(),
                        stance: p.stance,
                        stance_label: p.stance_label.clone(),
                    })
                    .collect(),
                stated_since: positions
                    .iter()
                    .filter(|p| {
                        p.actor_id != our_id && p.recorded_on.starts_with(&new.revision_label)
                    })
                    .map(|p| format!("{} ({})", p.actor, p.stance_label))
                    .collect(),
            });
        }
        quiet.sort_by(|a, b| b.changed.total_cmp(&a.changed));
        quiet.truncate(CHANGED_MOST);
        Brief {
            our_id,
            our_name,
            symbol: new.symbol.clone(),
            revision_label: new.revision_label.clone(),
            since_label: since.revision_label.clone(),
            counts,
            ours,
            changed_most: quiet,
        }
    }
}

/// The revision before `new` in its chain.
fn previous(store: &Store, new: &Revision) -> Result<Revision, StoreError> {
    let chain = store.revisions_of(&new.symbol)?;
    let at = chain.iter().position(|r| r.id == new.id);
    at.and_then(|i| i.checked_sub(1))
        .and_then(|i| chain.get(i).cloned())
        .ok_or_else(|| {
            StoreError::invalid(
                "since",
                format!(
                    "{} {} is the first revision recorded of its draft: there is nothing to \
                     brief on since",
                    new.symbol, new.revision_label
                ),
            )
        })
}

fn cite(e: &AlignedEntry, since: &Revision, new: &Revision) -> String {
    match e.new_labels.first() {
        Some(l) => citation::paragraph(&new.symbol, Some(&new.revision_label), l),
        None => citation::paragraph(
            &since.symbol,
            Some(&since.revision_label),
            e.old_labels.first().map_or("", String::as_str),
        ),
    }
}

fn was(e: &AlignedEntry, since: &Revision) -> Option<String> {
    (e.old_labels != e.new_labels && !e.old_labels.is_empty()).then(|| {
        format!(
            "{} para. {}",
            since.revision_label,
            e.old_labels.join(" + ")
        )
    })
}

fn change(e: &AlignedEntry, since: &Revision, new: &Revision) -> BriefChange {
    BriefChange {
        citation: cite(e, since, new),
        status: e.status,
        status_label: e.status.label().to_string(),
        changed: 1.0 - e.similarity,
        inserted: worded(&e.inserted),
        deleted: worded(&e.deleted),
    }
}

/// The runs of a change worth telling up the chain: a comma put in or taken out is not.
fn worded(runs: &[String]) -> Vec<String> {
    runs.iter()
        .filter(|r| r.chars().any(char::is_alphanumeric))
        .cloned()
        .collect()
}

fn outcome(a: &Amendment) -> RequestOutcome {
    RequestOutcome {
        asked: a.asked(),
        status: a.status,
        verdict: verdict(a.status).to_string(),
        reason: a.reason.clone(),
    }
}
