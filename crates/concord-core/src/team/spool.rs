//! Change sets read from the team store, kept in an unnamed temporary file between being
//! read (and opened with the team key) and being applied, so that a first sync of a large
//! record holds one set in memory at a time, not all of them. The file has no name on disk
//! and is gone when the sync ends, whatever way it ends.

use crate::store::StoreError;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};

/// The temporary file and where its next set goes.
pub(super) struct Spool {
    file: File,
    end: u64,
}

/// Where one set's changes lie in the spool.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spooled {
    at: u64,
    len: usize,
}

impl Spool {
    pub(super) fn new() -> Result<Spool, StoreError> {
        Ok(Spool {
            file: tempfile::tempfile()?,
            end: 0,
        })
    }

    /// Keeps one set's changes; they are read back with [`Spool::take`].
    pub(super) fn keep(&mut self, changes: &[u8]) -> Result<Spooled, StoreError> {
        self.file.seek(SeekFrom::Start(self.end))?;
        self.file.write_all(changes)?;
        let kept = Spooled {
            at: self.end,
            len: changes.len(),
        };
        self.end += changes.len() as u64;
        Ok(kept)
    }

    /// The changes kept at `spooled`.
    pub(super) fn take(&mut self, spooled: Spooled) -> Result<Vec<u8>, StoreError> {
        let mut changes = vec![0; spooled.len];
        self.file.seek(SeekFrom::Start(spooled.at))?;
        self.file.read_exact(&mut changes)?;
        Ok(changes)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test
    use super::*;

    #[test]
    fn sets_come_back_as_they_were_kept_in_any_order() {
        let mut spool = Spool::new().unwrap();
        let sets: Vec<Vec<u8>> = vec![b"first".to_vec(), Vec::new(), vec![7; 100_000]];
        let kept: Vec<Spooled> = sets.iter().map(|s| spool.keep(s).unwrap()).collect();
        for i in [2, 0, 1, 2] {
            assert_eq!(spool.take(kept[i]).unwrap(), sets[i]);
        }
    }
}
