//! Saved actor sets: a named group an analyst makes ("like-minded on the PoA"), kept as a
//! group actor with undated memberships so every group filter offers it.

use crate::model::{Actor, ActorSetInput};
use crate::resolve::Resolver;
use crate::store::{Store, StoreError};

/// A set's members can be typed as names, short names or ISO3 codes; this many at most.
pub const MAX_SET_MEMBERS: usize = 500;

/// Saves a new set; every member must resolve to exactly one actor, or nothing is saved.
pub fn save_actor_set(store: &mut Store, input: &ActorSetInput) -> Result<Actor, StoreError> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(StoreError::invalid("name", "give the set a name"));
    }
    if store
        .actors(None)?
        .iter()
        .any(|a| a.name.eq_ignore_ascii_case(name))
    {
        return Err(StoreError::invalid(
            "name",
            format!("an actor or set named \"{name}\" already exists; choose another name"),
        ));
    }
    let typed: Vec<&str> = input
        .members
        .iter()
        .map(|m| m.trim())
        .filter(|m| !m.is_empty())
        .collect();
    if typed.is_empty() {
        return Err(StoreError::invalid("members", "name at least one member"));
    }
    if typed.len() > MAX_SET_MEMBERS {
        return Err(StoreError::invalid(
            "members",
            format!("a set holds at most {MAX_SET_MEMBERS} members"),
        ));
    }
    let resolver = Resolver::load(store)?;
    let mut members = Vec::new();
    let mut problems = Vec::new();
    for text in typed {
        match resolver.actor(text) {
            Ok((id, _)) if !members.contains(&id) => members.push(id),
            Ok(_) => {}
            Err(miss) => problems.push(resolver.explain("actor", text, &miss)),
        }
    }
    if !problems.is_empty() {
        return Err(StoreError::invalid(
            "members",
            format!("{}. Nothing was saved", problems.join("; ")),
        ));
    }
    let id = store.write(|w| w.create_actor_set(name, &members))?;
    store.actor(id)
}
