//! A shared or synced folder as the team store.

use super::{checked, listed, Remote};
use crate::team::TeamError;
use std::path::{Path, PathBuf};

/// A folder store.
pub struct Folder {
    root: PathBuf,
}

/// The most a team file may hold: a change set of 10 000 positions is far smaller.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

impl Folder {
    pub fn new(root: &Path) -> Result<Folder, TeamError> {
        if !root.is_dir() {
            return Err(TeamError::Offline(format!(
                "the team folder {} is not there (not mounted, or not synced yet)",
                root.display()
            )));
        }
        Ok(Folder {
            root: root.to_path_buf(),
        })
    }

    fn path(&self, name: &str) -> Result<PathBuf, TeamError> {
        Ok(self.root.join(checked(name)?))
    }

    fn io(&self, name: &str, e: std::io::Error) -> TeamError {
        TeamError::Offline(format!("{}: {e}", self.root.join(name).display()))
    }
}

impl Remote for Folder {
    fn list(&self, dir: &str) -> Result<Vec<String>, TeamError> {
        let path = self.path(dir)?;
        let entries = match std::fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.io(dir, e)),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| self.io(dir, e))?;
            if let Some(name) = entry.file_name().to_str() {
                if listed(name) {
                    names.push(name.to_string());
                }
            }
        }
        Ok(names)
    }

    fn read(&self, name: &str) -> Result<Vec<u8>, TeamError> {
        let path = self.path(name)?;
        match crate::files::found(&path) {
            Ok(crate::files::Found::File(bytes)) if bytes <= MAX_FILE_BYTES => {}
            Ok(crate::files::Found::File(_)) => {
                return Err(TeamError::Refused {
                    file: name.to_string(),
                    why: "it is larger than any file Concord writes".into(),
                })
            }
            _ => {
                return Err(TeamError::Refused {
                    file: name.to_string(),
                    why: "it is not a regular file".into(),
                })
            }
        }
        std::fs::read(&path).map_err(|e| self.io(name, e))
    }

    fn write(&self, name: &str, bytes: &[u8]) -> Result<(), TeamError> {
        let path = self.path(name)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| self.io(name, e))?;
        }
        crate::atomic::write(&path, bytes).map_err(|e| self.io(name, e))
    }
}
