//! What the team record keeps in the file: its store, key and login (`meta`, never exported), when it
//! last synced, and this replica's sets for sending. The rules are in `crate::team`.

use super::{capture, Store, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

fn upsert(conn: &rusqlite::Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Removes from a copy of the file everything that makes it a member of a team: the store,
/// the key, the login and how the last sync went. The name its user gave stays.
pub(crate) fn leave_team(copy: &rusqlite::Connection) -> rusqlite::Result<()> {
    // Zeroed where they lay, not only unlinked: the copy's bytes must not hold them.
    copy.pragma_update(None, "secure_delete", true)?;
    copy.execute(
        "DELETE FROM meta WHERE key IN ('team_store', 'team_key', 'team_user', 'team_secret',
           'team_last_sync', 'team_sent', 'team_received')",
        [],
    )?;
    Ok(())
}

impl Store {
    fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    fn set_meta(&self, pairs: &[(&str, String)]) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        for (key, value) in pairs {
            upsert(&tx, key, value)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The team store location and key, if this file is in a team.
    pub fn team(&self) -> Result<Option<(String, String)>, StoreError> {
        Ok(self.meta("team_store")?.zip(self.meta("team_key")?))
    }

    /// The user name and password the team store asks for, if it asks for one.
    pub fn team_login(&self) -> Result<Option<(String, String)>, StoreError> {
        Ok(self.meta("team_user")?.zip(self.meta("team_secret")?))
    }

    pub(crate) fn set_team(
        &mut self,
        location: &str,
        key: &str,
        login: Option<(&str, &str)>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let mut pairs = vec![("team_store", location), ("team_key", key)];
        match login {
            Some((user, secret)) => pairs.extend([("team_user", user), ("team_secret", secret)]),
            None => {
                tx.execute(
                    "DELETE FROM meta WHERE key IN ('team_user', 'team_secret')",
                    [],
                )?;
            }
        }
        for (key, value) in pairs {
            upsert(&tx, key, value)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The name this copy's user gave for colleagues to see, if any.
    pub fn team_name(&self) -> Result<Option<String>, StoreError> {
        self.meta("team_name")
    }

    /// Keeps `name` (checked by `crate::team`) as this file's, and as its replica's name in
    /// the shared record, in one captured transaction.
    pub(crate) fn set_team_name(&mut self, name: &str) -> Result<(), StoreError> {
        self.write(|w| {
            upsert(w.tx, "team_name", name)?;
            if let Some(capture) = &w.capture {
                capture.name_replica(name)?;
            }
            Ok(())
        })
    }

    /// The name a replica's user gave, if the record holds one.
    pub(crate) fn replica_name(&self, replica: uuid::Uuid) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT name FROM replica_name WHERE id = ?1")?
            .query_row([replica], |r| r.get(0))
            .optional()?)
    }

    /// When the last sync ran, and how many change sets it sent and received.
    pub(crate) fn last_sync(&self) -> Result<Option<(DateTime<Utc>, u32, u32)>, StoreError> {
        let Some(at) = self.meta("team_last_sync")? else {
            return Ok(None);
        };
        let Ok(at) = DateTime::parse_from_rfc3339(&at) else {
            return Ok(None);
        };
        let count = |key| -> Result<u32, StoreError> {
            Ok(self.meta(key)?.and_then(|v| v.parse().ok()).unwrap_or(0))
        };
        Ok(Some((
            at.with_timezone(&Utc),
            count("team_sent")?,
            count("team_received")?,
        )))
    }

    pub(crate) fn note_sync(
        &self,
        at: DateTime<Utc>,
        sent: u32,
        received: u32,
    ) -> Result<(), StoreError> {
        self.set_meta(&[
            ("team_last_sync", at.to_rfc3339()),
            ("team_sent", sent.to_string()),
            ("team_received", received.to_string()),
        ])
    }

    /// Records, once, the rows an older Concord wrote before change capture as one change set
    /// of this replica, so a colleague joining the team receives the whole record.
    pub(crate) fn record_baseline(&mut self) -> Result<(), StoreError> {
        if self.meta("baseline_needed")?.is_none() {
            return Ok(());
        }
        let home = self.home();
        capture::baseline(&mut self.conn, &home, self.clock.as_ref())?;
        self.conn
            .execute("DELETE FROM meta WHERE key = 'baseline_needed'", [])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test
    use crate::{FixedClock, Store};
    use std::sync::Arc;

    #[test]
    fn a_saved_copy_leaves_the_team_key_and_login_behind() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new());
        let mut s = Store::open(
            &dir.path().join("a.concord"),
            clock.clone(),
            uuid::Uuid::nil(),
        )
        .unwrap();
        s.set_team(
            "webdav://127.0.0.1:1/team/",
            "concord-team-key",
            Some(("ana", "secret")),
        )
        .unwrap();
        s.set_team_name("Ana Lima, capital").unwrap();
        s.note_sync(chrono::Utc::now(), 3, 4).unwrap();
        let copy = dir.path().join("b.concord");
        s.save_copy(&copy).unwrap();
        let c = Store::open(&copy, clock, uuid::Uuid::nil()).unwrap();
        assert_eq!(c.team().unwrap(), None);
        assert_eq!(c.team_login().unwrap(), None);
        assert_eq!(c.last_sync().unwrap(), None);
        assert_eq!(c.team_name().unwrap().as_deref(), Some("Ana Lima, capital"));
        let bytes = std::fs::read(&copy).unwrap();
        assert!(!bytes.windows(6).any(|w| w == b"secret"));
        // The file itself keeps its team.
        assert!(s.team().unwrap().is_some() && s.team_login().unwrap().is_some());
    }
}
