//! Opening the database named on the command line, and resolving the names typed in options
//! to ids; a name that does not resolve is bad input.

use crate::failure::{bad_input, Failure};
use concord_core::model::SessionDiffQuery;
use concord_core::resolve::{Miss, Resolver};
use concord_core::team::SettingsSeal;
use concord_core::{installation, Store, SystemClock};
use std::path::Path;
use std::sync::Arc;
use uuid::Uuid;

/// The database named with --db (or CONCORD_DB).
pub fn named(db: Option<&Path>) -> Result<&Path, Failure> {
    db.ok_or_else(|| bad_input("name the database with --db FILE (or CONCORD_DB)".into()))
}

pub fn open(db: Option<&Path>) -> Result<Store, Failure> {
    let db = named(db)?;
    let dir = installation::config_dir().ok_or_else(|| {
        bad_input("cannot find a config folder: set HOME or XDG_CONFIG_HOME".into())
    })?;
    let kept = |what: &'static str| {
        let dir = dir.display().to_string();
        move |e: std::io::Error| Failure {
            bad_input: false,
            message: format!("cannot keep the installation's {what} in {dir}: {e}"),
        }
    };
    let id = installation::load_or_create(&dir, Uuid::now_v7).map_err(kept("id"))?;
    let seal =
        installation::load_or_create_seal(&dir, SettingsSeal::generate).map_err(kept("seal"))?;
    let mut store = Store::open(db, Arc::new(SystemClock), id)?;
    store.use_settings_seal(SettingsSeal::from_bytes(seal));
    Ok(store)
}

pub struct Names(Resolver);

impl Names {
    pub fn load(store: &Store) -> Result<Names, Failure> {
        Ok(Names(Resolver::load(store)?))
    }

    fn resolve<T>(
        &self,
        what: &str,
        text: Option<&str>,
        find: impl Fn(&str) -> Result<T, Miss>,
    ) -> Result<Option<T>, Failure> {
        text.map(|t| self.one(what, t, &find)).transpose()
    }

    fn one<T>(
        &self,
        what: &str,
        text: &str,
        find: impl Fn(&str) -> Result<T, Miss>,
    ) -> Result<T, Failure> {
        find(text).map_err(|m| bad_input(self.0.explain(what, text, &m)))
    }

    /// The actor a required option names.
    pub fn actor_named(&self, text: &str) -> Result<Uuid, Failure> {
        self.one("actor", text, |t| self.0.actor(t).map(|a| a.0))
    }

    pub fn group_named(&self, text: &str) -> Result<Uuid, Failure> {
        self.one("group", text, |t| self.0.group(t))
    }

    pub fn topic_named(&self, text: &str) -> Result<Uuid, Failure> {
        self.one("topic", text, |t| self.0.topic(t))
    }

    pub fn proposal_named(&self, text: &str) -> Result<Uuid, Failure> {
        self.one("proposal", text, |t| self.0.proposal(t))
    }

    pub fn session_named(&self, process: Uuid, text: &str) -> Result<Uuid, Failure> {
        self.one("session", text, |t| {
            self.0.session(process, t).map(|s| s.id)
        })
    }

    /// The process for --session; none given means the OEWG 2021–2025.
    pub fn process(&self, text: Option<&str>) -> Result<Uuid, Failure> {
        let text = text.unwrap_or("");
        self.0
            .process(text)
            .map_err(|m| bad_input(self.0.explain("process", text, &m)))
    }

    /// A process only when one is named.
    pub fn process_if_named(&self, text: Option<&str>) -> Result<Option<Uuid>, Failure> {
        self.resolve("process", text, |t| self.0.process(t))
    }

    pub fn actor(&self, text: Option<&str>) -> Result<Option<Uuid>, Failure> {
        self.resolve("actor", text, |t| self.0.actor(t).map(|a| a.0))
    }

    pub fn group(&self, text: Option<&str>) -> Result<Option<Uuid>, Failure> {
        self.resolve("group", text, |t| self.0.group(t))
    }

    pub fn session(&self, process: Uuid, text: Option<&str>) -> Result<Option<Uuid>, Failure> {
        self.resolve("session", text, |t| {
            self.0.session(process, t).map(|s| s.id)
        })
    }

    /// A session or range ("7", "7th substantive session", "5..7") as sequence numbers.
    pub fn seq_range(&self, process: Uuid, text: &str) -> Result<(i64, i64), Failure> {
        let seq = |t: &str| {
            self.0
                .session(process, t.trim())
                .map(|s| s.seq)
                .map_err(|m| bad_input(m.describe("session", t.trim())))
        };
        match text.split_once("..") {
            Some((a, b)) => Ok((seq(a)?, seq(b)?)),
            None => {
                let s = seq(text)?;
                Ok((s, s))
            }
        }
    }

    pub fn topic(&self, text: Option<&str>) -> Result<Option<Uuid>, Failure> {
        self.resolve("topic", text, |t| self.0.topic(t))
    }

    pub fn proposal(&self, text: Option<&str>) -> Result<Option<Uuid>, Failure> {
        self.resolve("proposal", text, |t| self.0.proposal(t))
    }

    /// Two sessions or ranges of one process to compare, optionally for one group.
    pub fn diff_query(
        &self,
        process: Option<&str>,
        before: &str,
        after: &str,
        group: Option<&str>,
    ) -> Result<SessionDiffQuery, Failure> {
        let process_id = self.process(process)?;
        let (before_from, before_to) = self.seq_range(process_id, before)?;
        let (after_from, after_to) = self.seq_range(process_id, after)?;
        Ok(SessionDiffQuery {
            process_id,
            before_from,
            before_to,
            after_from,
            after_to,
            group_id: self.group(group)?,
        })
    }
}
