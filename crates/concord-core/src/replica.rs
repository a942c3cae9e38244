//! A replica is one copy of the record. Every write transaction it makes is kept in the file
//! as a change set (see `store/capture.rs`) numbered per replica and stamped with a hybrid
//! logical clock, so that copies can later be merged in one order on every machine.
//!
//! The rules here are the ones the store applies: when a file is a new replica (it was copied,
//! moved to another machine, or never written), and which stamp a new change set gets.

use uuid::Uuid;

/// A hybrid logical clock stamp: wall time in milliseconds, then a counter that moves on when
/// the wall clock does not (two saves in one millisecond, or a clock set back). Ties between
/// replicas are broken by the replica id, outside this type. Ordered field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    pub wall_ms: i64,
    pub counter: u32,
}

impl Hlc {
    /// The stamp after `latest` (the newest stamp this file holds, from any replica) at wall
    /// time `now_ms`. Never earlier than any stamp already seen: a machine whose clock is
    /// behind continues from the newest stamp instead of going back in time, and one whose
    /// clock is far ahead cannot make another replica's later change look older than its own
    /// once that replica has seen it.
    pub fn next(latest: Option<Hlc>, now_ms: i64) -> Hlc {
        match latest {
            Some(l) if l.wall_ms >= now_ms => Hlc {
                wall_ms: l.wall_ms,
                counter: l.counter.saturating_add(1),
            },
            _ => Hlc {
                wall_ms: now_ms,
                counter: 0,
            },
        }
    }
}

impl std::fmt::Display for Hlc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{:04}", self.wall_ms, self.counter)
    }
}

/// Where a file lives, as far as being one replica goes: the installation that writes it and
/// the file itself (device, inode, path). A copy made by hand or by "Save a copy", or the file
/// opened by another installation, has another home.
pub fn home(installation: Uuid, file: Option<(u64, u64, &str)>) -> String {
    match file {
        Some((device, inode, path)) => format!("{installation} {device}:{inode} {path}"),
        None => format!("{installation} memory"),
    }
}

/// The replica id a write uses: the file's own, if the file is still where that replica
/// wrote it; otherwise a new one (returned with `true`: the store records it with its home).
/// So two copies never share an id, and two replicas on one machine are two ids.
pub fn replica_for(
    stored: Option<(Uuid, &str)>,
    home: &str,
    new_id: impl FnOnce() -> Uuid,
) -> (Uuid, bool) {
    match stored {
        Some((id, at)) if at == home => (id, false),
        _ => (new_id(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_never_goes_back() {
        let first = Hlc::next(None, 1_000);
        assert_eq!(
            first,
            Hlc {
                wall_ms: 1_000,
                counter: 0
            }
        );
        let same_ms = Hlc::next(Some(first), 1_000);
        assert_eq!(
            same_ms,
            Hlc {
                wall_ms: 1_000,
                counter: 1
            }
        );
        // The wall clock was set back an hour: stamps still move forward.
        let set_back = Hlc::next(Some(same_ms), 1_000 - 3_600_000);
        assert!(set_back > same_ms);
        assert_eq!(set_back.wall_ms, 1_000);
        let later = Hlc::next(Some(set_back), 2_000);
        assert_eq!(
            later,
            Hlc {
                wall_ms: 2_000,
                counter: 0
            }
        );
    }

    #[test]
    fn a_file_elsewhere_is_a_new_replica() {
        let (me, fresh) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let here = home(me, Some((2049, 77, "/home/a/record.concord")));
        let copy = home(me, Some((2049, 78, "/home/a/record (copy).concord")));
        let colleague = home(
            Uuid::from_u128(9),
            Some((2049, 77, "/home/a/record.concord")),
        );
        let r = Uuid::from_u128(5);
        assert_eq!(replica_for(Some((r, &here)), &here, || fresh), (r, false));
        assert_eq!(
            replica_for(Some((r, &here)), &copy, || fresh),
            (fresh, true)
        );
        assert_eq!(
            replica_for(Some((r, &here)), &colleague, || fresh),
            (fresh, true)
        );
        assert_eq!(replica_for(None, &here, || fresh), (fresh, true));
    }
}
