//! The file's own settings: which delegation it works for ("us"), so views and exports can
//! say "us" and the agreement map starts from it.

use crate::model::{ActorKind, FileSettings};
use crate::store::{Store, StoreError};
use uuid::Uuid;

/// The file's settings as they stand.
pub fn file_settings(store: &Store) -> Result<FileSettings, StoreError> {
    let our = store.our_delegation()?;
    Ok(FileSettings {
        our_delegation_id: our,
        our_delegation_name: our.map(|id| store.actor(id)).transpose()?.map(|a| a.name),
    })
}

/// Makes `actor` our delegation (or clears it with `None`). A delegation is a State, an
/// observer State, an organization such as the EU, or a group; a stakeholder is not one.
pub fn set_our_delegation(store: &Store, actor: Option<Uuid>) -> Result<FileSettings, StoreError> {
    if let Some(id) = actor {
        let a = store.actor(id)?;
        if a.kind == ActorKind::Stakeholder {
            return Err(StoreError::invalid(
                "our delegation",
                format!(
                    "{} is a stakeholder, not a delegation: choose a State, an organization or a group",
                    a.name
                ),
            ));
        }
    }
    store.set_our_delegation(actor)?;
    file_settings(store)
}
