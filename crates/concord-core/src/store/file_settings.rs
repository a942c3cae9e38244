//! What a file keeps about itself beyond its records: the delegation it works for. The rules
//! (who can be "us") are in `crate::settings`.

use super::{Store, StoreError};
use rusqlite::OptionalExtension;
use uuid::Uuid;

const OUR_DELEGATION: &str = "our_delegation";

impl Store {
    /// The actor this file works for, when set and still in the catalog.
    pub fn our_delegation(&self) -> Result<Option<Uuid>, StoreError> {
        let id: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([OUR_DELEGATION], |r| r.get(0))
            .optional()?;
        let Some(id) = id.and_then(|t| Uuid::parse_str(&t).ok()) else {
            return Ok(None);
        };
        let known: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM actor WHERE id = ?1)")?
            .query_row([id], |r| r.get(0))?;
        Ok(known.then_some(id))
    }

    /// Sets (or, with `None`, clears) the actor this file works for.
    pub fn set_our_delegation(&self, id: Option<Uuid>) -> Result<(), StoreError> {
        match id {
            Some(id) => self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rusqlite::params![OUR_DELEGATION, id.to_string()],
            )?,
            None => self
                .conn
                .execute("DELETE FROM meta WHERE key = ?1", [OUR_DELEGATION])?,
        };
        Ok(())
    }
}
