//! The few things the app remembers between runs, kept as small files in the config folder.

use std::path::{Path, PathBuf};

const LAST_DATABASE: &str = "last-database";

/// The database the user had open last, whether or not it is still there.
pub fn last_database(config_dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(config_dir.join(LAST_DATABASE)).ok()?;
    let path = PathBuf::from(text.trim_end_matches(['\n', '\r']));
    (!path.as_os_str().is_empty()).then_some(path)
}

/// Remembers `path` as the database to open next time.
pub fn remember_database(config_dir: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(config_dir)?;
    crate::atomic::write(
        &config_dir.join(LAST_DATABASE),
        format!("{}\n", path.display()).as_bytes(),
    )
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
}
