//! Positions proposed from a statement or a transcript: each speaker resolved to an actor
//! (and the group it spoke for), each sentence that suggests a stance on a subject the catalog
//! knows proposed as an entry, the sentence as the quote. Local and rule-based: no network, no
//! model. Nothing is saved here; the analyst confirms entries, and they are recorded as any.
//!
//! A sentence's subject is the paragraph it cites by number (of the draft the session was
//! negotiating), else the topic or proposal it names. A sentence whose stance words name no
//! subject takes the subject last named in the turn; a sentence that suggests no stance, or
//! names no subject in a turn that named none, is left out. One entry per speaker and subject
//! in a turn: the first sentence that says it.

pub mod cues;
pub mod paragraphs;
pub mod speakers;
pub mod subjects;

use crate::model::{ExtractRequest, ProposedEntry};
use crate::resolve::Resolver;
use crate::store::{Store, StoreError};
use std::collections::{HashMap, HashSet};
use subjects::Subjects;
use unicode_segmentation::UnicodeSegmentation;
use uuid::Uuid;

/// The longest text read at once (about 150 pages): a larger paste is refused, not cut.
pub const MAX_TEXT_BYTES: usize = 1_000_000;

/// Entries the text suggests, in the order it says them.
pub fn propose(store: &Store, req: &ExtractRequest) -> Result<Vec<ProposedEntry>, StoreError> {
    if req.text.len() > MAX_TEXT_BYTES {
        return Err(StoreError::invalid(
            "text",
            format!(
                "{:.1} MB is more than one statement or transcript (at most {} MB); \
                 split it by meeting",
                req.text.len() as f64 / 1e6,
                MAX_TEXT_BYTES / 1_000_000
            ),
        ));
    }
    if !store.sessions(None)?.iter().any(|s| s.id == req.session_id) {
        return Err(StoreError::NotFound {
            what: "session",
            id: req.session_id.to_string(),
        });
    }
    let resolver = Resolver::load(store)?;
    let names: HashMap<Uuid, String> = store
        .actors(None)?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let subjects = Subjects::new(&store.topics()?, &store.proposals()?);
    // Paragraphs cited by number are those of the draft the session was negotiating.
    let in_force: HashMap<String, (crate::model::SubjectRef, String)> = store
        .paragraphs_in_force(
            req.session_id,
            req.meeting_date,
            crate::model::DocumentKind::NEGOTIATED,
        )?
        .into_iter()
        .map(|p| {
            (
                p.label,
                (
                    crate::model::SubjectRef::Provision(p.provision_id),
                    p.citation,
                ),
            )
        })
        .collect();
    let cited = |sentence: &str| {
        paragraphs::cited(sentence)
            .iter()
            .find_map(|label| in_force.get(label).cloned())
    };
    let actor = |text: &str| resolve_actor(&resolver, text, false);
    let group = |text: &str| resolve_actor(&resolver, text, true);
    let turns = speakers::turns(&req.text, &|name| actor(name).is_some());
    let mut out = Vec::new();
    for turn in turns {
        let speaker = actor(&turn.speaker);
        let behalf = turn.behalf.as_deref().and_then(group);
        let mut last_subject = None;
        // Subjects this turn already has an entry on.
        let mut said: HashSet<crate::model::SubjectRef> = HashSet::new();
        for (line, sentence) in sentences(&turn.lines) {
            // A paragraph cited by number is more exact than the topic or proposal named.
            let named = cited(&sentence).or_else(|| subjects.named_in(&sentence));
            if named.is_some() {
                last_subject = named.clone();
            }
            let Some((stance, cue)) = cues::stance_of(&crate::text::fold(&sentence)) else {
                continue;
            };
            let Some((subject, label)) = named.or_else(|| last_subject.clone()) else {
                continue;
            };
            if !said.insert(subject) {
                continue;
            }
            out.push(ProposedEntry {
                line,
                speaker: turn.speaker.clone(),
                actor_id: speaker,
                actor_name: speaker.and_then(|id| names.get(&id).cloned()),
                on_behalf_of_id: behalf,
                on_behalf_of_name: behalf.and_then(|id| names.get(&id).cloned()),
                subject: Some(subject),
                subject_label: Some(label),
                stance: Some(stance),
                cue: Some(cue),
                quote: sentence.trim().to_string(),
                session_id: req.session_id,
                source: req.source.clone(),
                meeting_date: req.meeting_date,
            });
        }
    }
    Ok(out)
}

/// Sentences of a turn, each with the line it starts on (Unicode's sentence boundaries,
/// within a paragraph: a line of its own is never joined to the next).
fn sentences(lines: &[(u32, String)]) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for (line, text) in lines {
        for s in text.split_sentence_bounds() {
            if s.trim().chars().any(char::is_alphabetic) {
                out.push((*line, s.trim().to_string()));
            }
        }
    }
    out
}

/// An actor by the name a text gives it: as written, without a leading "the", its longest
/// leading words that name one ("Group of 77 and China" → the Group of 77), or its longest
/// trailing ones ("Arab Republic of Egypt" → Egypt). With
/// `group`, only groups and organizations ("NAM" is the Movement, not Namibia).
fn resolve_actor(resolver: &Resolver, text: &str, group: bool) -> Option<Uuid> {
    let find = |t: &str| {
        if group {
            resolver.group(t).ok()
        } else {
            resolver.actor(t).ok().map(|(id, _)| id)
        }
    };
    let text = text.trim().trim_end_matches(['.', ',', ';']);
    if text.is_empty() {
        return None;
    }
    let bare = ["the ", "The "]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(text);
    if let Some(id) = find(text).or_else(|| find(bare)) {
        return Some(id);
    }
    let words: Vec<&str> = bare.split_whitespace().collect();
    (1..words.len())
        .rev()
        .find_map(|n| find(&words[..n].join(" ")))
        .or_else(|| (1..words.len()).find_map(|k| find(&words[k..].join(" "))))
}
