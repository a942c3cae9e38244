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
