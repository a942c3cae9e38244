//! A change set as a file on the team's store (before encryption): what it is, where it came
//! from, what its author had seen, and the changes. Named `changes/<replica>/<number>`.

use super::TeamError;
use crate::merge::{Deps, SetInfo, Stamp};
use crate::replica::Hlc;
use uuid::Uuid;

const MAGIC: &[u8; 5] = b"CSET1";
/// The most a set file may inflate to: far above a set of 10 000 positions (some 25 MB).
const MAX_INFLATED: u64 = 512 * 1024 * 1024;
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

/// A set as its file holds it before encryption: [`encode`], deflated (history snapshots
/// are JSON and shrink several times).
pub fn pack(info: &SetInfo, changes: &[u8]) -> Result<Vec<u8>, TeamError> {
    use std::io::Write;
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&encode(info, changes))
        .and_then(|()| z.finish())
        .map_err(|e| TeamError::Offline(format!("could not compress a change set: {e}")))
}

/// Reads [`pack`]; see [`decode`].
pub fn unpack(
    file: &str,
    replica: Uuid,
    seq: i64,
    bytes: &[u8],
) -> Result<(SetInfo, Vec<u8>), TeamError> {
    use std::io::Read;
    let mut plain = Vec::new();
    flate2::read::DeflateDecoder::new(bytes)
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut plain)
        .map_err(|_| TeamError::Refused {
            file: file.to_string(),
            why: "it does not inflate".into(),
        })?;
    if plain.len() as u64 > MAX_INFLATED {
        return Err(TeamError::Refused {
            file: file.to_string(),
            why: "it inflates beyond any change set Concord writes".into(),
        });
    }
    decode(file, replica, seq, &plain)
}

pub fn encode(info: &SetInfo, changes: &[u8]) -> Vec<u8> {
    let deps = info.deps.to_bytes();
    let mut out = Vec::with_capacity(HEAD + deps.len() + changes.len());
    out.extend_from_slice(MAGIC);
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
pub fn decode(
    file: &str,
    replica: Uuid,
    seq: i64,
    bytes: &[u8],
) -> Result<(SetInfo, Vec<u8>), TeamError> {
    let refused = |why: &str| TeamError::Refused {
        file: file.to_string(),
        why: why.to_string(),
    };
    if bytes.len() < HEAD || &bytes[..5] != MAGIC {
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

    #[test]
    fn a_set_reads_back_only_under_its_own_name() {
        let replica = Uuid::from_u128(5);
        let info = SetInfo {
            stamp: Stamp {
                hlc: Hlc {
                    wall_ms: 10,
                    counter: 2,
                },
                replica,
                seq: 3,
            },
            deps: Deps([(Uuid::from_u128(6), 4)].into_iter().collect()),
        };
        let bytes = encode(&info, b"changes");
        let (got, changes) = decode("x", replica, 3, &bytes).unwrap();
        assert_eq!(got, info);
        assert_eq!(changes, b"changes");
        assert!(decode("x", replica, 4, &bytes).is_err());
        assert!(decode("x", replica, 3, &bytes[..20]).is_err());
        let (again, _) = unpack("x", replica, 3, &pack(&info, b"changes").unwrap()).unwrap();
        assert_eq!(again, info);
        assert!(unpack("x", replica, 3, b"not deflate").is_err());
        assert_eq!(seq_of("000000000003"), Some(3));
        assert_eq!(seq_of("3"), None);
        assert_eq!(seq_of(".000000000003.partial"), None);
    }
}
