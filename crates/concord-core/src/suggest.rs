//! The known names closest to one that matched nothing, for the "did you mean …?" of import
//! problems and the CLI. Accents and case are ignored (`text::fold`); names of the kind that
//! was asked for are scored by Jaro–Winkler similarity (the strsim crate); a name of another
//! kind is offered only when it matches exactly, and first: a topic column that says
//! "Programme of Action" means the proposal.

use crate::text::fold;

/// What a name names, as the problems call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Actor,
    Process,
    Topic,
    Proposal,
}

impl Kind {
    /// The kind a problem's noun asks for ("group" is an actor); none for sessions, whose
    /// names only mean something within a process.
    pub fn of_noun(noun: &str) -> Option<Kind> {
        match noun {
            "actor" | "group" => Some(Kind::Actor),
            "process" => Some(Kind::Process),
            "topic" => Some(Kind::Topic),
            "proposal" => Some(Kind::Proposal),
            _ => None,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Process => "process",
            Kind::Topic => "topic",
            Kind::Proposal => "proposal",
        }
    }
}

/// How alike (0 to 1) a typed name must be to a known one to be offered.
const CLOSE: f64 = 0.88;
/// How many are offered at most.
const OFFERED: usize = 3;

/// Every name people may type, with what it shows as.
#[derive(Debug, Default, Clone)]
pub struct Names {
    entries: Vec<(Kind, String, String)>,
}

impl Names {
    /// Knows `typed` (a name, short name, code or path) as naming `shown`, of `kind`.
    pub fn add(&mut self, kind: Kind, typed: &str, shown: &str) {
        let key = fold(typed);
        if !key.is_empty() {
            self.entries.push((kind, key, shown.to_string()));
        }
    }

    /// "did you mean “International law” or the proposal “Programme of Action”?" for
    /// `given`, wanted as `kind`; `None` when nothing known is close.
    pub fn did_you_mean(&self, kind: Kind, given: &str) -> Option<String> {
        let wanted = fold(given);
        if wanted.is_empty() {
            return None;
        }
        let mut scored: Vec<(bool, f64, Kind, &str)> = self
            .entries
            .iter()
            .filter_map(|(k, key, shown)| {
                let score = if *k == kind {
                    strsim::jaro_winkler(&wanted, key)
                } else if *key == wanted {
                    1.0
                } else {
                    return None;
                };
                (score >= CLOSE).then_some((*k != kind, score, *k, shown.as_str()))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.3.cmp(b.3)));
        let mut offered: Vec<String> = Vec::new();
        for (other, _, k, shown) in scored {
            let phrase = if other {
                format!("the {} “{shown}”", k.noun())
            } else {
                format!("“{shown}”")
            };
            if !offered.contains(&phrase) {
                offered.push(phrase);
            }
            if offered.len() == OFFERED {
                break;
            }
        }
        let last = offered.pop()?;
        Some(if offered.is_empty() {
            format!("did you mean {last}?")
        } else {
            format!("did you mean {} or {last}?", offered.join(", "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        let mut n = Names::default();
        n.add(Kind::Proposal, "Programme of Action", "Programme of Action");
        n.add(Kind::Proposal, "PoA", "Programme of Action");
        n.add(Kind::Topic, "International law", "International law");
        n.add(Kind::Topic, "Norms", "Norms");
        n.add(Kind::Actor, "Côte d'Ivoire", "Côte d'Ivoire");
        n
    }

    #[test]
    fn a_name_of_another_kind_that_matches_is_offered_first() {
        assert_eq!(
            names()
                .did_you_mean(Kind::Topic, "programme of action")
                .as_deref(),
            Some("did you mean the proposal “Programme of Action”?")
        );
    }

    #[test]
    fn a_misspelt_name_is_offered_its_closest_known_ones() {
        assert_eq!(
            names()
                .did_you_mean(Kind::Topic, "Internatonal law")
                .as_deref(),
            Some("did you mean “International law”?")
        );
        assert_eq!(
            names()
                .did_you_mean(Kind::Actor, "Cote d Ivoire")
                .as_deref(),
            Some("did you mean “Côte d'Ivoire”?")
        );
        assert_eq!(names().did_you_mean(Kind::Topic, "Ransomware"), None);
        assert_eq!(names().did_you_mean(Kind::Topic, "  "), None);
    }
}
