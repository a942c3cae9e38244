//! Where the team's files live: storage the delegation already runs. Any store that can list,
//! read and write whole files will do; each replica writes only its own files.

use super::TeamError;
use std::path::{Path, PathBuf};

/// A team store, as the user gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A shared or synced folder (a network share, Nextcloud, OneDrive, Syncthing).
    Folder(PathBuf),
}

impl Location {
    /// Reads a location: a folder path (or `file://` URL). WebDAV and S3 are refused by name
    /// until they are built, rather than taken for folder names.
    pub fn parse(text: &str) -> Result<Location, TeamError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(TeamError::Location(
                "give the team store: a folder path".into(),
            ));
        }
        for scheme in [
            "webdav://",
            "webdavs://",
            "dav://",
            "s3://",
            "http://",
            "https://",
        ] {
            if text.to_ascii_lowercase().starts_with(scheme) {
                return Err(TeamError::Location(format!(
                    "{text}: this Concord syncs through a shared or synced folder only; \
                     WebDAV and S3 stores are not built yet"
                )));
            }
        }
        let path = text.strip_prefix("file://").unwrap_or(text);
        Ok(Location::Folder(PathBuf::from(path)))
    }

    /// The location as it must be kept: a folder by its absolute path, so `sync` finds it
    /// from wherever Concord runs. The folder must be there.
    pub fn resolved(self) -> Result<Location, TeamError> {
        match self {
            Location::Folder(path) => {
                std::fs::canonicalize(&path)
                    .map(Location::Folder)
                    .map_err(|e| {
                        TeamError::Offline(format!(
                            "the team folder {} cannot be used: {e}",
                            path.display()
                        ))
                    })
            }
        }
    }

    /// The form kept in the database and shown to people.
    pub fn to_text(&self) -> String {
        match self {
            Location::Folder(path) => path.display().to_string(),
        }
    }

    pub fn connect(&self) -> Result<Box<dyn Remote>, TeamError> {
        match self {
            Location::Folder(path) => Ok(Box::new(Folder::new(path)?)),
        }
    }
}

/// What a team store must do. Names are `/`-separated paths below the store's root.
pub trait Remote {
    /// The names directly below `dir` (files and folders), in no particular order; none when
    /// `dir` does not exist yet.
    fn list(&self, dir: &str) -> Result<Vec<String>, TeamError>;
    fn read(&self, name: &str) -> Result<Vec<u8>, TeamError>;
    /// Writes a whole file; readers see the old file or the new one, never half of it.
    fn write(&self, name: &str, bytes: &[u8]) -> Result<(), TeamError>;
}

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
        let ok = name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
        if !ok {
            return Err(TeamError::Refused {
                file: name.to_string(),
                why: "it is not a name Concord writes".into(),
            });
        }
        Ok(self.root.join(name))
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
                if !name.starts_with('.') && !name.ends_with(".part") {
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
