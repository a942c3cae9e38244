//! Finding actors, sessions, topics and proposals by the words people use for them:
//! "France", "FRA", "Côte d'Ivoire" or "cote d'ivoire"; "7" or "7th substantive session";
//! "International law/International humanitarian law" or just "International humanitarian law".

use crate::model::{Actor, ActorKind, Process, Proposal, Session, Topic};
use crate::reference;
use crate::store::{Store, StoreError};
use crate::suggest::{Kind, Names};
use crate::text::fold;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Why a name did not resolve to exactly one thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    Unknown,
    Ambiguous(Vec<String>),
    /// More than one row has this very name since a merge (a clash): only an id tells them
    /// apart.
    Clash,
}

impl Miss {
    /// A sentence for people: `what` is "actor", "topic"...
    pub fn describe(&self, what: &str, given: &str) -> String {
        match self {
            Miss::Unknown => format!("unknown {what} \"{given}\""),
            Miss::Ambiguous(options) => format!(
                "\"{given}\" matches several {what}s ({}); write it in full",
                options.join("; ")
            ),
            Miss::Clash => format!(
                "more than one {what} is \"{given}\" since a merge (a clash, see `concord clashes` \
                 or the Team page); give the id of the one you mean"
            ),
        }
    }
}

#[derive(Debug, Clone)]
struct ActorEntry {
    id: Uuid,
    kind: ActorKind,
    name: String,
    iso3: Option<String>,
}

/// Name lookups over everything a position can refer to, loaded once.
#[derive(Debug, Default)]
pub struct Resolver {
    /// folded name, short name or code → the actors it may mean
    actors: HashMap<String, Vec<ActorEntry>>,
    processes: HashMap<String, Uuid>,
    /// (process id, folded title or number) → session
    sessions: HashMap<(Uuid, String), Session>,
    topics_by_path: HashMap<String, Uuid>,
    /// Paths more than one topic has (a clash since a merge).
    clashing_paths: HashSet<String>,
    topic_ids: HashSet<Uuid>,
    topics_by_name: HashMap<String, Vec<(Uuid, String)>>,
    proposals: HashMap<String, Uuid>,
    /// Everything above as people type it, for "did you mean …?".
    names: Names,
}

impl Resolver {
    pub fn load(store: &Store) -> Result<Resolver, StoreError> {
        let mut r = Resolver::default();
        for a in store.actors(None)? {
            r.add_actor(&a);
        }
        for p in store.processes()? {
            r.add_process(&p);
        }
        for s in store.sessions(None)? {
            r.add_session(s);
        }
        for t in store.topics()? {
            r.add_topic(&t);
        }
        for p in store.proposals()? {
            r.add_proposal(&p);
        }
        Ok(r)
    }

    fn add_actor(&mut self, a: &Actor) {
        let keys = [
            Some(a.name.as_str()),
            a.short_name.as_deref(),
            a.iso3.as_deref(),
        ];
        for typed in keys.iter().flatten() {
            self.names.add(Kind::Actor, typed, &a.name);
        }
        let mut seen = Vec::new();
        for key in keys.into_iter().flatten().map(fold) {
            if seen.contains(&key) {
                continue;
            }
            self.actors
                .entry(key.clone())
                .or_default()
                .push(ActorEntry {
                    id: a.id,
                    kind: a.kind,
                    name: a.name.clone(),
                    iso3: a.iso3.clone(),
                });
            seen.push(key);
        }
    }

    fn add_process(&mut self, p: &Process) {
        self.names.add(Kind::Process, &p.name, &p.name);
        self.names.add(Kind::Process, &p.short_name, &p.short_name);
        self.processes.insert(fold(&p.name), p.id);
        self.processes.insert(fold(&p.short_name), p.id);
        // "OEWG" alone means the 2021–2025 group, the one preloaded process people say it of.
        if p.id == reference::process_id(reference::OEWG) {
            self.processes.insert("oewg".into(), p.id);
        }
    }

    fn add_session(&mut self, s: Session) {
        let mut keys = vec![fold(&s.title)];
        if let Some(n) = s.number {
            keys.push(n.to_string());
        }
        if s.number.is_none() && fold(&s.title).starts_with("organizational") {
            keys.push("organizational".into());
            keys.push("0".into());
        }
        for key in keys {
            self.sessions.insert((s.process_id, key), s.clone());
        }
    }

    fn add_topic(&mut self, t: &Topic) {
        if let Some(other) = self.topics_by_path.insert(fold(&t.path), t.id) {
            if other != t.id {
                self.clashing_paths.insert(fold(&t.path));
            }
        }
        self.topic_ids.insert(t.id);
        self.names.add(Kind::Topic, &t.path, &t.path);
        self.names.add(Kind::Topic, &t.name, &t.path);
        self.topics_by_name
            .entry(fold(&t.name))
            .or_default()
            .push((t.id, t.path.clone()));
    }

    fn add_proposal(&mut self, p: &Proposal) {
        self.names.add(Kind::Proposal, &p.name, &p.name);
        if let Some(short) = &p.short_name {
            self.names.add(Kind::Proposal, short, &p.name);
        }
        self.proposals.insert(fold(&p.name), p.id);
        if let Some(short) = &p.short_name {
            self.proposals.insert(fold(short), p.id);
        }
    }

    /// Why `given` did not resolve, as a sentence: `what` is the noun ("actor", "topic"…);
    /// an unknown name is followed by the closest known ones ("did you mean …?").
    pub fn explain(&self, what: &str, given: &str, miss: &Miss) -> String {
        let said = miss.describe(what, given);
        let offer = match (miss, Kind::of_noun(what)) {
            (Miss::Unknown, Some(kind)) => self.names.did_you_mean(kind, given),
            _ => None,
        };
        match offer {
            Some(offer) => format!("{said}; {offer}"),
            None => said,
        }
    }

    /// An actor by name, short name or ISO3 code.
    pub fn actor(&self, text: &str) -> Result<(Uuid, ActorKind), Miss> {
        self.actor_of_kind(text, |_| true)
    }

    /// A group or organization by name, short name or code: "NAM" is then the Non-Aligned
    /// Movement, not Namibia.
    pub fn group(&self, text: &str) -> Result<Uuid, Miss> {
        self.actor_of_kind(text, ActorKind::is_group_or_organization)
            .map(|(id, _)| id)
    }

    fn actor_of_kind(
        &self,
        text: &str,
        wanted: impl Fn(ActorKind) -> bool,
    ) -> Result<(Uuid, ActorKind), Miss> {
        let found: Vec<_> = self
            .actors
            .get(&fold(text))
            .into_iter()
            .flatten()
            .filter(|a| wanted(a.kind))
            .collect();
        match found.as_slice() {
            [] => Err(Miss::Unknown),
            [a] => Ok((a.id, a.kind)),
            many => {
                // An ISO3 code typed in capitals means that State: "NAM" is Namibia, while
                // "nam" stays ambiguous with the Non-Aligned Movement's short name.
                let code = text.trim();
                let is_code = code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase());
                match many
                    .iter()
                    .find(|a| is_code && a.iso3.as_deref() == Some(code))
                {
                    Some(a) => Ok((a.id, a.kind)),
                    None => Err(Miss::Ambiguous(
                        many.iter().map(|a| a.name.clone()).collect(),
                    )),
                }
            }
        }
    }

    /// A process by name or short name; empty means the OEWG 2021–2025.
    pub fn process(&self, text: &str) -> Result<Uuid, Miss> {
        if text.trim().is_empty() {
            return Ok(reference::process_id(reference::OEWG));
        }
        self.processes
            .get(&fold(text))
            .copied()
            .ok_or(Miss::Unknown)
    }

    /// A session of `process` by number ("7") or title ("7th substantive session").
    pub fn session(&self, process: Uuid, text: &str) -> Result<&Session, Miss> {
        self.sessions
            .get(&(process, fold(text)))
            .ok_or(Miss::Unknown)
    }

    /// A topic by full path, or by its own name where that is unique, or by its id (the
    /// only way to name one of two topics that share a path since a merge).
    pub fn topic(&self, text: &str) -> Result<Uuid, Miss> {
        if let Ok(id) = Uuid::parse_str(text.trim()) {
            return self.topic_ids.get(&id).copied().ok_or(Miss::Unknown);
        }
        let path = text.split('/').map(fold).collect::<Vec<_>>().join("/");
        if self.clashing_paths.contains(&path) {
            return Err(Miss::Clash);
        }
        if let Some(id) = self.topics_by_path.get(&path) {
            return Ok(*id);
        }
        match self.topics_by_name.get(&path).map(Vec::as_slice) {
            None | Some([]) => Err(Miss::Unknown),
            Some([(id, _)]) => Ok(*id),
            Some(many) => Err(Miss::Ambiguous(many.iter().map(|m| m.1.clone()).collect())),
        }
    }

    /// A proposal by name or short name.
    pub fn proposal(&self, text: &str) -> Result<Uuid, Miss> {
        self.proposals
            .get(&fold(text))
            .copied()
            .ok_or(Miss::Unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FixedClock, Store};
    use std::sync::Arc;

    fn resolver() -> Resolver {
        let mut s = Store::open_in_memory(Arc::new(FixedClock::new()), Uuid::nil()).unwrap();
        s.load_reference().unwrap();
        Resolver::load(&s).unwrap()
    }

    #[test]
    fn iso3_in_capitals_wins_over_a_group_short_name() {
        let r = resolver();
        assert_eq!(r.actor("NAM").unwrap().0, reference::state_id("NAM"));
        assert!(matches!(r.actor("nam"), Err(Miss::Ambiguous(_))));
        assert_eq!(r.group("NAM").unwrap(), reference::group_id("NAM"));
        assert_eq!(
            r.actor("Non-Aligned Movement").unwrap().0,
            reference::group_id("NAM")
        );
    }

    #[test]
    fn names_match_without_accents_or_case() {
        let r = resolver();
        assert_eq!(
            r.actor("cote d'ivoire").unwrap().0,
            reference::state_id("CIV")
        );
        assert_eq!(r.actor("turkiye").unwrap().0, reference::state_id("TUR"));
        assert_eq!(r.actor("usa").unwrap().0, reference::state_id("USA"));
        assert_eq!(
            r.topic("international humanitarian law").unwrap(),
            reference::topic_id("International law/International humanitarian law")
        );
        assert_eq!(r.proposal("poa").unwrap(), reference::proposal_id("POA"));
    }
}
