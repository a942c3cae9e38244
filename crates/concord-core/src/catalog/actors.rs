//! Actors the delegation adds (IGOs, stakeholders, groups) or renames, and the dated
//! memberships of groups ("joined NAM 2024-01-17", "suspended 2021-06-01").

use super::{long_text, name, short_text};
use crate::model::{Actor, ActorInput, Membership, MembershipChange};
use crate::store::{Store, StoreError};

fn checked(
    store: &Store,
    input: &ActorInput,
    editing: Option<uuid::Uuid>,
) -> Result<ActorInput, StoreError> {
    let a = ActorInput {
        kind: input.kind,
        name: name("name", &input.name)?,
        short_name: short_text("short name", input.short_name.as_deref())?,
        iso3: input
            .iso3
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned),
        note: long_text("note", input.note.as_deref())?,
    };
    if let Some(code) = &a.iso3 {
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(StoreError::invalid(
                "ISO3",
                format!("\"{code}\" is not an ISO 3166 alpha-3 code: three capital letters, such as FRA"),
            ));
        }
    }
    // An edit may keep a code or name another actor shares since a merge (a clash): it
    // settles nothing, but it makes none either.
    let current = editing.map(|id| store.actor(id)).transpose()?;
    let keeps_code = current.as_ref().is_some_and(|c| c.iso3 == a.iso3);
    let keeps_name = current
        .as_ref()
        .is_some_and(|c| c.name.eq_ignore_ascii_case(&a.name));
    for other in store.actors(None)? {
        if Some(other.id) == editing {
            continue;
        }
        if !keeps_code && a.iso3.is_some() && other.iso3 == a.iso3 {
            return Err(StoreError::invalid(
                "ISO3",
                format!(
                    "{} is already the code of {}",
                    a.iso3.as_deref().unwrap_or_default(),
                    other.name
                ),
            ));
        }
        if !keeps_name && other.kind == a.kind && other.name.eq_ignore_ascii_case(&a.name) {
            return Err(StoreError::invalid(
                "name",
                format!(
                    "there is already a {} named \"{}\"",
                    a.kind.label().to_lowercase(),
                    other.name
                ),
            ));
        }
    }
    Ok(a)
}

/// Adds an actor: an intergovernmental organization, a stakeholder, a group.
pub fn add_actor(store: &mut Store, input: &ActorInput) -> Result<Actor, StoreError> {
    let a = checked(store, input, None)?;
    let id = store.write(|w| w.insert_actor(&a))?;
    store.actor(id)
}

/// Sets an actor's name, short name, ISO3 code and note; its kind stays what it is.
pub fn edit_actor(
    store: &mut Store,
    id: uuid::Uuid,
    input: &ActorInput,
) -> Result<Actor, StoreError> {
    let current = store.actor(id)?;
    let a = checked(
        store,
        &ActorInput {
            kind: current.kind,
            ..input.clone()
        },
        Some(id),
    )?;
    store.write(|w| w.update_actor(id, &a))?;
    store.actor(id)
}

fn group_and_member(
    store: &Store,
    change: &MembershipChange,
) -> Result<(Actor, Actor), StoreError> {
    let group = store
        .actor(change.group_id)
        .map_err(|_| StoreError::invalid("group", "choose an existing group"))?;
    if !group.kind.is_group_or_organization() {
        return Err(StoreError::invalid(
            "group",
            format!(
                "{} is a {}, not a group or organization",
                group.name,
                group.kind.label()
            ),
        ));
    }
    let member = store
        .actor(change.member_id)
        .map_err(|_| StoreError::invalid("member", "choose an existing actor"))?;
    if member.id == group.id {
        return Err(StoreError::invalid(
            "member",
            "a group cannot be a member of itself",
        ));
    }
    Ok((group, member))
}

/// The membership of `member` in a group that holds on `date`, if any.
fn open_on(all: &[Membership], member: uuid::Uuid, date: chrono::NaiveDate) -> Option<&Membership> {
    all.iter().find(|m| {
        m.member_id == member
            && m.valid_from.is_none_or(|f| f <= date)
            && m.valid_to.is_none_or(|t| t >= date)
    })
}

/// Records that a member joined a group on a date.
pub fn add_membership(
    store: &mut Store,
    change: &MembershipChange,
) -> Result<Membership, StoreError> {
    let (group, member) = group_and_member(store, change)?;
    let source = short_text("source", change.source.as_deref())?;
    let all = store.memberships(group.id)?;
    if let Some(m) = open_on(&all, member.id, change.date) {
        return Err(StoreError::invalid(
            "date",
            format!(
                "{} is already a member of {} on {} (since {})",
                member.name,
                group.name,
                change.date,
                m.valid_from
                    .map_or_else(|| "no recorded date".into(), |d| d.to_string())
            ),
        ));
    }
    if let Some(later) = all.iter().find(|m| {
        m.member_id == member.id
            && m.valid_from.is_some_and(|f| f > change.date)
            && m.valid_to.is_none()
    }) {
        return Err(StoreError::invalid(
            "date",
            format!(
                "{} joins {} again on {}; end that membership or choose a later date",
                member.name,
                group.name,
                later.valid_from.map(|d| d.to_string()).unwrap_or_default()
            ),
        ));
    }
    let id = store
        .write(|w| w.insert_membership(group.id, member.id, change.date, source.as_deref()))?;
    membership(store, group.id, id)
}

/// Records that a membership ended (a member left or was suspended) on a date.
pub fn end_membership(
    store: &mut Store,
    change: &MembershipChange,
) -> Result<Membership, StoreError> {
    let (group, member) = group_and_member(store, change)?;
    let source = short_text("source", change.source.as_deref())?;
    let all = store.memberships(group.id)?;
    let open = all
        .iter()
        .find(|m| m.member_id == member.id && m.valid_to.is_none())
        .ok_or_else(|| {
            StoreError::invalid(
                "member",
                format!(
                    "{} has no open membership of {} to end",
                    member.name, group.name
                ),
            )
        })?;
    if let Some(from) = open.valid_from.filter(|f| *f > change.date) {
        return Err(StoreError::invalid(
            "date",
            format!(
                "{} is before {} joined {} ({from})",
                change.date, member.name, group.name
            ),
        ));
    }
    let id = open.id;
    store.write(|w| w.end_membership(id, change.date, source.as_deref()))?;
    membership(store, group.id, id)
}

fn membership(store: &Store, group: uuid::Uuid, id: uuid::Uuid) -> Result<Membership, StoreError> {
    store
        .memberships(group)?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(|| super::not_found("membership", id))
}
