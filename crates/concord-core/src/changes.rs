//! What moved between two sessions, in counts per subject and the sentence an analyst would
//! write about them. The store finds the changes.

use crate::model::{ChangeKind, Movement, SessionChange, SubjectMoves, SubjectRef};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The counts per subject, each with its headline; `states` tells States from other actors.
pub fn subject_moves(
    changes: &[SessionChange],
    states: &std::collections::HashSet<Uuid>,
) -> Vec<SubjectMoves> {
    let mut by_subject: BTreeMap<(String, SubjectRef), (SubjectMoves, bool)> = BTreeMap::new();
    for c in changes {
        let (m, only_states) = by_subject
            .entry((c.subject_label.clone(), c.subject))
            .or_insert_with(|| {
                (
                    SubjectMoves {
                        subject: c.subject,
                        label: c.subject_label.clone(),
                        changed: 0,
                        towards_support: 0,
                        away_from_support: 0,
                        new: 0,
                        not_restated: 0,
                        quote_changed: 0,
                        headline: String::new(),
                    },
                    true,
                )
            });
        match c.kind {
            ChangeKind::Changed => {
                m.changed += 1;
                *only_states &= states.contains(&c.actor_id);
                match c.movement {
                    Some(Movement::TowardsSupport) => m.towards_support += 1,
                    Some(Movement::AwayFromSupport) => m.away_from_support += 1,
                    _ => {}
                }
            }
            ChangeKind::New => m.new += 1,
            ChangeKind::NotRestated => m.not_restated += 1,
            ChangeKind::QuoteChanged => m.quote_changed += 1,
        }
    }
    by_subject
        .into_values()
        .map(|(mut m, only_states)| {
            m.headline = headline(&m, only_states);
            m
        })
        .collect()
}

/// "14 States moved on the Programme of Action, 9 towards support"; other kinds follow.
fn headline(m: &SubjectMoves, only_states: bool) -> String {
    let who = |n: u32| match (n, only_states) {
        (1, true) => "1 State".to_string(),
        (n, true) => format!("{n} States"),
        (1, false) => "1 actor".to_string(),
        (n, false) => format!("{n} actors"),
    };
    // "the Programme of Action", but "International law".
    let on = match m.subject {
        SubjectRef::Proposal(_) => format!("the {}", m.label),
        _ => m.label.clone(),
    };
    let mut parts = Vec::new();
    if m.changed > 0 {
        let mut s = format!("{} moved on {on}", who(m.changed));
        let mut directions = Vec::new();
        if m.towards_support > 0 {
            directions.push(format!("{} towards support", m.towards_support));
        }
        if m.away_from_support > 0 {
            directions.push(format!("{} away from it", m.away_from_support));
        }
        if !directions.is_empty() {
            s = format!("{s}, {}", directions.join(", "));
        }
        parts.push(s);
    } else {
        parts.push(format!("No stance changed on {on}"));
    }
    if m.new > 0 {
        parts.push(format!("{} new", m.new));
    }
    if m.not_restated > 0 {
        parts.push(format!("{} not restated", m.not_restated));
    }
    if m.quote_changed > 0 {
        parts.push(format!("{} with a new quote", m.quote_changed));
    }
    parts.join("; ")
}
