//! The few things the app remembers between runs, kept as small files in the config folder.

use crate::model::{ErrorInfo, StartProblem};
use crate::{Clock, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use uuid::Uuid;

const LAST_DATABASE: &str = "last-database";
const RECENT_DATABASES: &str = "recent-databases";
/// How many files File → Open Recent lists.
pub const MAX_RECENT: usize = 10;

/// The database the user had open last, whether or not it is still there.
pub fn last_database(config_dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(config_dir.join(LAST_DATABASE)).ok()?;
    let path = PathBuf::from(text.trim_end_matches(['\n', '\r']));
    (!path.as_os_str().is_empty()).then_some(path)
}

/// Remembers `path` as the database to open next time, and first among the recent ones.
pub fn remember_database(config_dir: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(config_dir)?;
    crate::atomic::write(
        &config_dir.join(LAST_DATABASE),
        format!("{}\n", path.display()).as_bytes(),
    )?;
    let mut recent = recent_databases(config_dir);
    recent.retain(|p| p != path);
    recent.insert(0, path.to_path_buf());
    recent.truncate(MAX_RECENT);
    let text: String = recent
        .iter()
        .map(|p| format!("{}\n", p.display()))
        .collect();
    crate::atomic::write(&config_dir.join(RECENT_DATABASES), text.as_bytes())
}

/// The databases opened last, newest first, at most [`MAX_RECENT`] (File → Open Recent),
/// whether or not each is still there: opening one that is gone says so.
pub fn recent_databases(config_dir: &Path) -> Vec<PathBuf> {
    let Ok(text) = std::fs::read_to_string(config_dir.join(RECENT_DATABASES)) else {
        return last_database(config_dir).into_iter().collect();
    };
    let mut seen = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let path = PathBuf::from(line);
        if !seen.contains(&path) && seen.len() < MAX_RECENT {
            seen.push(path);
        }
    }
    seen
}

/// Which database the window opens at start: the one named by `CONCORD_DB` (created when
/// new), else the last one used, else the demo database (created on first start). A last
/// database that is no longer there is said so, never replaced by another one unasked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartWith {
    Named(PathBuf),
    Last(PathBuf),
    Missing(PathBuf),
    Demo(PathBuf),
}

impl StartWith {
    /// The file this start opens (or would have, when it is missing).
    pub fn path(&self) -> &Path {
        match self {
            StartWith::Named(p)
            | StartWith::Last(p)
            | StartWith::Missing(p)
            | StartWith::Demo(p) => p,
        }
    }

    /// Opens the database chosen at start, or says with its path why it cannot be opened
    /// (the window shows that and opens anyway). Nothing is written to a file refused.
    pub fn open(&self, clock: Arc<dyn Clock>, installation: Uuid) -> Result<Store, StartProblem> {
        let (path, opened) = match self {
            StartWith::Named(p) | StartWith::Last(p) => {
                (p, Store::open_ready(p, clock, installation))
            }
            StartWith::Missing(p) => (p, Err(StoreError::Missing { path: p.clone() })),
            StartWith::Demo(p) => (p, crate::demo::open(p, clock, installation)),
        };
        opened.map_err(|e| StartProblem {
            path: path.display().to_string(),
            error: ErrorInfo::from(&e),
        })
    }
}

pub fn start_with(env_db: Option<PathBuf>, config_dir: &Path, demo_path: PathBuf) -> StartWith {
    match (
        env_db.filter(|p| !p.as_os_str().is_empty()),
        last_database(config_dir),
    ) {
        (Some(p), _) => StartWith::Named(p),
        (None, Some(p)) if p.exists() => StartWith::Last(p),
        (None, Some(p)) => StartWith::Missing(p),
        (None, None) => StartWith::Demo(demo_path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_then_last_then_demo() {
        let dir = tempfile::tempdir().unwrap();
        let demo = dir.path().join("demo.concord");
        assert_eq!(
            start_with(None, dir.path(), demo.clone()),
            StartWith::Demo(demo.clone())
        );
        let mine = dir.path().join("mine.concord");
        std::fs::write(&mine, b"").unwrap();
        remember_database(dir.path(), &mine).unwrap();
        assert_eq!(
            start_with(None, dir.path(), demo.clone()),
            StartWith::Last(mine.clone())
        );
        let named = PathBuf::from("/tmp/x.concord");
        assert_eq!(
            start_with(Some(named.clone()), dir.path(), demo.clone()),
            StartWith::Named(named)
        );
        std::fs::remove_file(&mine).unwrap();
        assert_eq!(
            start_with(None, dir.path(), demo.clone()),
            StartWith::Missing(mine)
        );
    }

    #[test]
    fn recent_files_newest_first_each_once_and_at_most_ten() {
        let dir = tempfile::tempdir().unwrap();
        assert!(recent_databases(dir.path()).is_empty());
        let file = |n: usize| dir.path().join(format!("{n}.concord"));
        for n in 0..12 {
            remember_database(dir.path(), &file(n)).unwrap();
        }
        remember_database(dir.path(), &file(5)).unwrap();
        let recent = recent_databases(dir.path());
        assert_eq!(recent.len(), MAX_RECENT);
        assert_eq!(recent[0], file(5));
        assert_eq!(recent[1], file(11));
        assert_eq!(recent.iter().filter(|p| **p == file(5)).count(), 1);
        assert!(!recent.contains(&file(0)) && !recent.contains(&file(1)));
        assert_eq!(last_database(dir.path()), Some(file(5)));
    }

    #[test]
    fn a_start_that_cannot_open_says_why_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let clock = || -> Arc<dyn Clock> { Arc::new(crate::FixedClock::new()) };
        let gone = dir.path().join("gone.concord");
        let problem = StartWith::Missing(gone.clone())
            .open(clock(), Uuid::nil())
            .unwrap_err();
        assert_eq!(problem.path, gone.display().to_string());
        assert_eq!(problem.error.code, crate::model::ErrorCode::Missing);
        let text = dir.path().join("text.concord");
        std::fs::write(&text, "notes").unwrap();
        let problem = StartWith::Named(text)
            .open(clock(), Uuid::nil())
            .unwrap_err();
        assert_eq!(problem.error.code, crate::model::ErrorCode::NotConcord);
        let demo = dir.path().join("data/demo.concord");
        let store = StartWith::Demo(demo).open(clock(), Uuid::nil()).unwrap();
        assert!(
            store.counts().unwrap().positions > 0,
            "the demo has its positions"
        );
    }
}
