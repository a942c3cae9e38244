//! This installation's id: made once per user account and recorded on every change, so that
//! files from two analysts can be merged later without confusing who changed what.

use std::path::Path;
use uuid::Uuid;

/// Reads the installation id kept in `dir/installation-id`, creating it on first use.
pub fn load_or_create(dir: &Path, fresh: impl FnOnce() -> Uuid) -> std::io::Result<Uuid> {
    let file = dir.join("installation-id");
    if let Ok(text) = std::fs::read_to_string(&file) {
        if let Ok(id) = Uuid::parse_str(text.trim()) {
            return Ok(id);
        }
    }
    std::fs::create_dir_all(dir)?;
    let id = fresh();
    crate::atomic::write(&file, format!("{id}\n").as_bytes())?;
    Ok(id)
}

/// The per-user configuration folder: `$XDG_CONFIG_HOME/concord` or `~/.config/concord`.
pub fn config_dir() -> Option<std::path::PathBuf> {
    std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".config")))
        .map(|base| base.join("concord"))
}

/// The user guide's first page (Help → User Guide): installed beside the program
/// (`<prefix>/share/concord/guide/`, where the package puts it), else the one in the sources
/// this program was built from (`docs/guide/`, for `make run`). None when neither is there.
pub fn user_guide(program: &Path) -> Option<std::path::PathBuf> {
    let installed = program
        .parent()
        .and_then(Path::parent)
        .map(|prefix| prefix.join("share/concord/guide/README.md"));
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/guide/README.md");
    installed.into_iter().chain([sources]).find(|p| p.is_file())
}

/// This Concord's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the About box shows: which Concord this is and where it keeps its own files.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    /// The schema version this Concord writes, and the open file's.
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub file_schema_version: i64,
    /// Where the installation id and settings are kept.
    pub data_folder: Option<String>,
    pub installation_id: Uuid,
    /// The licence Concord is given under.
    pub licence: String,
}

pub fn app_info(store: &crate::Store) -> Result<AppInfo, crate::StoreError> {
    Ok(AppInfo {
        version: VERSION.to_string(),
        schema_version: crate::store::LATEST_VERSION,
        file_schema_version: store.schema_version()?,
        data_folder: config_dir().map(|d| d.display().to_string()),
        installation_id: store.installation(),
        licence: env!("CARGO_PKG_LICENSE").to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create(dir.path(), Uuid::now_v7).unwrap();
        let second = load_or_create(dir.path(), || panic!("must not make a new one")).unwrap();
        assert_eq!(first, second);
    }

    #[test]
    fn the_guide_is_found_where_the_package_puts_it_else_in_the_sources() {
        let dir = tempfile::tempdir().unwrap();
        let program = dir.path().join("usr/bin/concord-desktop");
        let installed = dir.path().join("usr/share/concord/guide/README.md");
        std::fs::create_dir_all(installed.parent().unwrap()).unwrap();
        std::fs::write(&installed, "# Concord user guide\n").unwrap();
        assert_eq!(user_guide(&program), Some(installed));
        let built = user_guide(&dir.path().join("target/release/concord-desktop")).unwrap();
        assert!(
            built.ends_with("docs/guide/README.md"),
            "{}",
            built.display()
        );
        assert!(built.is_file());
    }
}
