//! A change set as a file on the team's store (before encryption): what it is, where it came
//! from, what its author had seen, and the changes, deflated as the file keeps them
//! (`store::set_bytes`). Named `changes/<replica>/<number>`.

use super::TeamError;
use crate::merge::{Deps, SetInfo, Stamp};
use crate::replica::Hlc;
use crate::store::set_bytes;
use uuid::Uuid;

/// A set file as Concord writes it since schema v18: this head in the clear, then the changes
/// as the file keeps them, so a set is sent and kept without being deflated again.
const MAGIC: &[u8; 5] = b"CSET2";
/// A set file an earlier Concord wrote: the same head and the changes as SQLite made them,
/// all deflated together. Still read, so a team's older files stay good.
const MAGIC_V1: &[u8; 5] = b"CSET1";
const HEAD: usize = 5 + 16 + 8 + 8 + 4 + 4;

/// The file name of a replica's set on the store.
pub fn name(replica: Uuid, seq: i64) -> String {
    format!("changes/{replica}/{seq:012}")
}

/// The folder of a replica's sets.
pub fn folder(replica: Uuid) -> String {
    format!("changes/{replica}")
}

/// A set's number from its file name, if the name is one Concord writes.
pub fn seq_of(file: &str) -> Option<i64> {
    (file.len() == 12 && file.bytes().all(|b| b.is_ascii_digit()))
        .then(|| file.parse().ok())
        .flatten()
        .filter(|n| *n > 0)
}

/// A set as its file holds it before encryption; `packed` is the changes as the file keeps
/// them (deflated).
pub fn pack(info: &SetInfo, packed: &[u8]) -> Vec<u8> {
    encode(MAGIC, info, packed)
}

/// Reads [`pack`] (or an earlier Concord's set file); the changes come back deflated, as the
/// file keeps them. See [`decode`].
pub fn unpack(
    file: &str,
    replica: Uuid,
    seq: i64,
    bytes: &[u8],
) -> Result<(SetInfo, Vec<u8>), TeamError> {
    if bytes.starts_with(MAGIC) {
        return decode(file, replica, seq, bytes, MAGIC);
    }
    // An earlier file is deflated whole, as the file keeps a set's changes.
    let plain = set_bytes::unpack(bytes).map_err(|_| TeamError::Refused {
        file: file.to_string(),
        why: "it is not a change set Concord wrote".into(),
    })?;
    let (info, changes) = decode(file, replica, seq, &plain, MAGIC_V1)?;
    Ok((info, set_bytes::pack(&changes).map_err(TeamError::from)?))
}

fn encode(magic: &[u8; 5], info: &SetInfo, changes: &[u8]) -> Vec<u8> {
    let deps = info.deps.to_bytes();
    let mut out = Vec::with_capacity(HEAD + deps.len() + changes.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(info.stamp.replica.as_bytes());
    out.extend_from_slice(&info.stamp.seq.to_be_bytes());
    out.extend_from_slice(&info.stamp.hlc.wall_ms.to_be_bytes());
    out.extend_from_slice(&info.stamp.hlc.counter.to_be_bytes());
    out.extend_from_slice(&(deps.len() as u32).to_be_bytes());
    out.extend_from_slice(&deps);
    out.extend_from_slice(changes);
    out
}

/// Reads a decrypted set file called `file`, which must say it is that replica's set of that
/// number (an old file put back under another name is refused).
fn decode(
    file: &str,
    replica: Uuid,
    seq: i64,
    bytes: &[u8],
    magic: &[u8; 5],
) -> Result<(SetInfo, Vec<u8>), TeamError> {
    let refused = |why: &str| TeamError::Refused {
        file: file.to_string(),
        why: why.to_string(),
    };
    if bytes.len() < HEAD || &bytes[..5] != magic {
        return Err(refused("it is not a change set Concord wrote"));
    }
    let take = |at: usize, n: usize| &bytes[at..at + n];
    let got_replica =
        Uuid::from_slice(take(5, 16)).map_err(|_| refused("its replica is unreadable"))?;
    let be8 = |at| i64::from_be_bytes(take(at, 8).try_into().unwrap_or([0; 8]));
    let be4 = |at| u32::from_be_bytes(take(at, 4).try_into().unwrap_or([0; 4]));
    let got_seq = be8(21);
    if got_replica != replica || got_seq != seq {
        return Err(refused(
            "it holds another change than its name says (a file put back or moved)",
        ));
    }
    let hlc = Hlc {
        wall_ms: be8(29),
        counter: be4(37),
    };
    let deps_len = be4(41) as usize;
    if bytes.len() < HEAD + deps_len {
        return Err(refused("it is cut short"));
    }
    let deps = Deps::from_bytes(&bytes[HEAD..HEAD + deps_len])
        .ok_or_else(|| refused("what it saw is unreadable"))?;
    let changes = bytes[HEAD + deps_len..].to_vec();
    if changes.is_empty() {
        return Err(refused("it holds no changes"));
    }
    let stamp = Stamp { hlc, replica, seq };
    Ok((SetInfo { stamp, deps }, changes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_of(replica: Uuid, deps: Deps) -> SetInfo {
        SetInfo {
            stamp: Stamp {
                hlc: Hlc {
                    wall_ms: 10,
                    counter: 2,
                },
                replica,
                seq: 3,
            },
            deps,
        }
    }

    #[test]
    fn a_set_reads_back_only_under_its_own_name() {
        let replica = Uuid::from_u128(5);
        let info = set_of(
            replica,
            Deps([(Uuid::from_u128(6), 4)].into_iter().collect()),
        );
        let packed = set_bytes::pack(b"changes").unwrap();
        let bytes = pack(&info, &packed);
        let (got, changes) = unpack("x", replica, 3, &bytes).unwrap();
        assert_eq!(got, info);
        assert_eq!(changes, packed);
        assert!(unpack("x", replica, 4, &bytes).is_err());
        assert!(unpack("x", replica, 3, &bytes[..20]).is_err());
        assert!(unpack("x", replica, 3, b"not deflate").is_err());
        assert_eq!(seq_of("000000000003"), Some(3));
        assert_eq!(seq_of("3"), None);
        assert_eq!(seq_of(".000000000003.partial"), None);
    }

    #[test]
    fn an_earlier_concords_set_file_still_reads() {
        use std::io::Write;
        let replica = Uuid::from_u128(5);
        let info = set_of(replica, Deps::default());
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(&encode(MAGIC_V1, &info, b"changes")).unwrap();
        let (got, changes) = unpack("x", replica, 3, &z.finish().unwrap()).unwrap();
        assert_eq!(got, info);
        assert_eq!(set_bytes::unpack(&changes).unwrap(), b"changes");
    }
}
