//! What a sentence is about: the topics and proposals of the catalog it names, by their names,
//! short names and the ways delegations say them ("the PoA", "a legally binding instrument").

use crate::model::{Proposal, SubjectRef, Topic};
use crate::reference;
use crate::text::fold;

/// Names to look for, each with the subject it means and the label to show.
#[derive(Debug, Clone, Default)]
pub struct Subjects {
    keys: Vec<(String, SubjectRef, String)>,
}

/// Folded, with every run of non-letters and non-digits one space, and a space at each end,
/// so " capacity building " is found in "…on capacity-building." and not inside a word.
pub fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for c in fold(text).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// How delegations name the two treaty proposals besides the catalog's names.
const ALIASES: &[(&str, &str)] = &[
    ("POA", "program of action"),
    ("POA", "poa"),
    ("POC", "points of contact"),
    ("LBI", "legally binding instrument"),
    ("LBI", "legally binding"),
    ("LBI", "binding instrument"),
    ("LBI", "new treaty"),
    ("LBI", "a treaty"),
    ("LBI", "convention"),
];

/// How delegations name topics besides their names, by the topic's path.
const TOPIC_ALIASES: &[(&str, &str)] = &[
    (
        "Rules, norms and principles of responsible State behaviour",
        "norms",
    ),
    ("Existing and potential threats", "threats"),
    ("Confidence-building measures", "cbms"),
    ("International law/International humanitarian law", "ihl"),
    (
        "Cross-cutting issues/Multistakeholder participation",
        "multi stakeholder",
    ),
    (
        "Cross-cutting issues/Multistakeholder participation",
        "stakeholders",
    ),
    ("Regular institutional dialogue", "permanent mechanism"),
];

impl Subjects {
    pub fn new(topics: &[Topic], proposals: &[Proposal]) -> Subjects {
        let mut keys = Vec::new();
        for t in topics {
            keys.push((words(&t.name), SubjectRef::Topic(t.id), t.path.clone()));
            for (path, alias) in TOPIC_ALIASES {
                if t.id == reference::topic_id(path) {
                    keys.push((words(alias), SubjectRef::Topic(t.id), t.path.clone()));
                }
            }
        }
        for p in proposals {
            let subject = SubjectRef::Proposal(p.id);
            keys.push((words(&p.name), subject, p.name.clone()));
            if let Some(short) = &p.short_name {
                keys.push((words(short), subject, p.name.clone()));
            }
            for (key, alias) in ALIASES {
                if p.id == reference::proposal_id(key) {
                    keys.push((words(alias), subject, p.name.clone()));
                }
            }
        }
        // Longest first: "international humanitarian law" before "international law".
        keys.retain(|(k, _, _)| k.trim().len() >= 3);
        keys.sort_by_key(|(k, _, _)| std::cmp::Reverse(k.len()));
        Subjects { keys }
    }

    /// The subject a sentence names at greatest length, if any.
    pub fn named_in(&self, sentence: &str) -> Option<(SubjectRef, String)> {
        let text = words(sentence);
        self.keys
            .iter()
            .find(|(k, _, _)| text.contains(k.as_str()))
            .map(|(_, s, label)| (*s, label.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_case_accents_and_punctuation() {
        assert_eq!(
            words("On Capacity-building, Côte d'Ivoire!"),
            " on capacity building cote d ivoire "
        );
    }
}
