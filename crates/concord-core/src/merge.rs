//! The rules by which copies of the record merge. No SQL here: `store/apply.rs` reads the rows
//! and clocks, asks these rules, and writes what they decide.
//!
//! Every replica applies the same change sets, perhaps in different orders (always after the
//! sets each one saw), and must end with the same content. So each decision depends only on
//! the change sets involved, never on the order they came in:
//! - a field holds the value of the latest edit by the hybrid clock (`Stamp` order); an edit
//!   made without seeing the one it loses to is set aside as a conflict, an edit made after
//!   seeing it is simply replaced;
//! - a deletion made without seeing an edit of the row loses to it: the row stays (or comes
//!   back with the values it had) and the deletion is set aside; deleting twice is no conflict;
//! - two inserts of the same row (ids made from names, such as a topic or a meeting) keep the
//!   field an edit has since changed, otherwise the greater value, the same on every replica;
//! - two rows that claim one key (a name beside its siblings, a session's number) are both
//!   kept and listed as a clash ([`clash`]): which one keeps the key would depend on order.

use crate::model::{Clash, ClashKind};
use crate::replica::Hlc;
use std::collections::BTreeMap;
use uuid::Uuid;

/// Where a change set comes from and when: its clock, then replica and number break ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub hlc: Hlc,
    pub replica: Uuid,
    pub seq: i64,
}

/// What a change set's file held of other replicas when it was made: for each replica, the
/// highest change set number (all lower ones were held too).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deps(pub BTreeMap<Uuid, i64>);

/// Bytes per replica in [`Deps::to_bytes`]: a 16-byte id, then the number as 8 bytes.
const DEP_BYTES: usize = 24;

impl Deps {
    /// The form kept in the file: each replica id, then its number (big-endian).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.0.len() * DEP_BYTES);
        for (replica, seq) in &self.0 {
            out.extend_from_slice(replica.as_bytes());
            out.extend_from_slice(&seq.to_be_bytes());
        }
        out
    }

    /// Reads [`Deps::to_bytes`]; `None` for bytes that are not that form.
    pub fn from_bytes(bytes: &[u8]) -> Option<Deps> {
        if !bytes.len().is_multiple_of(DEP_BYTES) {
            return None;
        }
        let mut deps = BTreeMap::new();
        for chunk in bytes.chunks_exact(DEP_BYTES) {
            let replica = Uuid::from_slice(&chunk[..16]).ok()?;
            let seq = i64::from_be_bytes(chunk[16..].try_into().ok()?);
            if seq < 1 || deps.insert(replica, seq).is_some() {
                return None;
            }
        }
        Some(Deps(deps))
    }
}

/// A change set as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetInfo {
    pub stamp: Stamp,
    pub deps: Deps,
}

impl SetInfo {
    /// Whether the replica that made this set had `other` when it made it.
    pub fn saw(&self, other: &Stamp) -> bool {
        if other.replica == self.stamp.replica {
            return other.seq <= self.stamp.seq;
        }
        self.deps
            .0
            .get(&other.replica)
            .is_some_and(|seq| *seq >= other.seq)
    }
}

/// Whether a set of replica `set` may write `row` of `table`: a copy names only itself
/// (`replica_name`), so that no file can put a colleague's name on its own changes.
pub fn may_write(table: &str, row: Uuid, set: &Stamp) -> bool {
    table != "replica_name" || row == set.replica
}

/// What an incoming edit of one field does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The edit's value shows; `set_aside_current`: the value it replaces was made without the
    /// edit's author seeing it, so it goes to the conflicts list.
    Take { set_aside_current: bool },
    /// The value shown stays; `set_aside_incoming`: it was made without seeing this edit, so
    /// the edit goes to the conflicts list.
    Keep { set_aside_incoming: bool },
}

/// An edit of a field by `incoming`, against the set that last wrote it (`None`: the field
/// has its inserted value, which every later edit saw).
pub fn field(incoming: &SetInfo, current: Option<&SetInfo>) -> Field {
    match current {
        None => Field::Take {
            set_aside_current: false,
        },
        Some(current) if incoming.stamp > current.stamp => Field::Take {
            set_aside_current: !incoming.saw(&current.stamp),
        },
        Some(current) => Field::Keep {
            set_aside_incoming: !current.saw(&incoming.stamp),
        },
    }
}

/// Whether a deletion by `incoming` removes the row, given the sets that last wrote each of
/// its fields: it does unless one of them was made without the deleting author seeing it.
pub fn deletes(incoming: &SetInfo, writers: &[SetInfo]) -> bool {
    writers.iter().all(|w| incoming.saw(&w.stamp))
}

/// For an insert of a row that is already there: whether a field takes the incoming value.
/// A field an edit has written keeps it (the edit came after an insert); otherwise the greater
/// of the two values shows, so both replicas agree (`incoming_greater` compares them).
pub fn insert_takes(edited: bool, incoming_greater: bool) -> bool {
    !edited && incoming_greater
}

/// Columns that say when and by which installation a row was written, not what the record
/// holds: the latest still shows after a merge, but nothing is set aside for them, and the
/// digest leaves them out (`init` stamps its own time on every file's reference data).
pub fn is_bookkeeping(col: &str) -> bool {
    matches!(col, "created_at" | "updated_at" | "changed_by" | "at")
}

/// The id of the conflict that sets aside `set`'s write of `col` (a deletion: `None`) of the
/// row `row_id` of `table`: the same on every replica.
pub fn conflict_id(table: &str, row_id: Uuid, col: Option<&str>, set: &Stamp) -> Uuid {
    let key = format!(
        "{table}:{row_id}:{}:{}:{}",
        col.unwrap_or("(deleted)"),
        set.replica,
        set.seq
    );
    crate::clock::reference_id("conflict", &key)
}

/// A clash as the analyst reads it: `count` rows of `kind` share `key` (in `place`: a
/// topic's parent path, a session's process, a revision's label).
pub fn clash(kind: ClashKind, key: String, place: &str, rows: Vec<Uuid>) -> Clash {
    let n = rows.len();
    let (about, remedy) = match kind {
        ClashKind::Topic => (
            if place.is_empty() {
                format!("{n} top-level topics are named “{key}”.")
            } else {
                format!(
                    "{n} topics are named “{key}” under {}.",
                    place.replace('/', " › ")
                )
            },
            "Merge one into the other, or rename one, on the Catalog page (Topics).",
        ),
        ClashKind::Session => (
            format!("{n} sessions of {place} have the number {key}."),
            "Give one another number on the Catalog page (Processes & sessions).",
        ),
        ClashKind::Actor => (
            format!("{n} actors have the ISO3 code {key}."),
            "Correct the code of one on the Catalog page (Actors & groups).",
        ),
        ClashKind::ActorName => (
            format!(
                "{n} actors ({}) are named “{key}”.",
                crate::model::ActorKind::parse(place).map_or(place, |k| k.label())
            ),
            "Rename one on the Catalog page (Actors & groups).",
        ),
        ClashKind::Process => (
            format!("{n} processes have the short name “{key}”."),
            "Give one another short name on the Catalog page (Processes & sessions).",
        ),
        ClashKind::Proposal => (
            format!("{n} proposals are named “{key}”."),
            "Rename one on the Catalog page (Proposals).",
        ),
        ClashKind::Revision => (
            if place.is_empty() {
                format!("{key} is recorded {n} times.")
            } else {
                format!("{place} of {key} is recorded {n} times.")
            },
            "Both are kept and shown on the Drafts page; Concord cannot yet remove a revision.",
        ),
    };
    Clash {
        kind,
        key,
        about,
        remedy: remedy.to_string(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ms: i64, replica: u128, seq: i64, deps: &[(u128, i64)]) -> SetInfo {
        SetInfo {
            stamp: Stamp {
                hlc: Hlc {
                    wall_ms: ms,
                    counter: 0,
                },
                replica: Uuid::from_u128(replica),
                seq,
            },
            deps: Deps(
                deps.iter()
                    .map(|(r, s)| (Uuid::from_u128(*r), *s))
                    .collect(),
            ),
        }
    }

    #[test]
    fn a_copy_names_only_itself() {
        let s = set(1, 4, 1, &[]).stamp;
        assert!(may_write("replica_name", Uuid::from_u128(4), &s));
        assert!(!may_write("replica_name", Uuid::from_u128(5), &s));
        assert!(may_write("position", Uuid::from_u128(5), &s));
    }

    #[test]
    fn deps_round_trip_and_refuse_bad_bytes() {
        let deps = set(1, 1, 1, &[(2, 5), (3, 1)]).deps;
        assert_eq!(Deps::from_bytes(&deps.to_bytes()), Some(deps));
        assert_eq!(Deps::from_bytes(&[0; 23]), None);
        let mut zero = vec![0; 24];
        zero[0] = 1;
        assert_eq!(Deps::from_bytes(&zero), None, "a number below 1");
    }

    #[test]
    fn a_later_edit_made_meanwhile_wins_and_sets_the_other_aside_in_either_order() {
        let a = set(10, 1, 1, &[]);
        let b = set(20, 2, 1, &[]);
        assert_eq!(
            field(&b, Some(&a)),
            Field::Take {
                set_aside_current: true
            }
        );
        assert_eq!(
            field(&a, Some(&b)),
            Field::Keep {
                set_aside_incoming: true
            }
        );
    }

    #[test]
    fn an_edit_made_after_seeing_another_replaces_it_without_conflict() {
        let a = set(10, 1, 1, &[]);
        let b = set(20, 2, 1, &[(1, 1)]);
        assert_eq!(
            field(&b, Some(&a)),
            Field::Take {
                set_aside_current: false
            }
        );
        // A wrong clock cannot win: b saw a, and b's clock is never behind what it saw.
        let own_later = set(30, 1, 2, &[]);
        assert!(own_later.saw(&a.stamp));
    }

    #[test]
    fn a_deletion_loses_to_an_edit_it_did_not_see() {
        let edit = set(10, 1, 1, &[]);
        let delete_blind = set(20, 2, 1, &[]);
        let delete_seeing = set(20, 2, 1, &[(1, 1)]);
        assert!(!deletes(&delete_blind, std::slice::from_ref(&edit)));
        assert!(deletes(&delete_seeing, &[edit]));
        assert!(deletes(&delete_blind, &[]));
    }

    #[test]
    fn conflict_ids_are_the_same_everywhere() {
        let a = set(10, 1, 1, &[]).stamp;
        let row = Uuid::from_u128(9);
        assert_eq!(
            conflict_id("position", row, Some("summary"), &a),
            conflict_id("position", row, Some("summary"), &a)
        );
        assert_ne!(
            conflict_id("position", row, Some("summary"), &a),
            conflict_id("position", row, None, &a)
        );
    }
}
