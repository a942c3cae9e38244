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

/// Reads this installation's seal for the team settings files keep (`team::SettingsSeal`),
/// kept in `dir/settings-seal` (readable by its user only), creating it on first use. Two
/// programs starting at once (the window and the CLI) end with the same seal: the file
/// appears whole, once, and the one that comes second reads it. A damaged seal is kept aside
/// (`settings-seal.damaged`) and a new one made.
pub fn load_or_create_seal(
    dir: &Path,
    fresh: impl FnOnce() -> [u8; 32],
) -> std::io::Result<[u8; 32]> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let file = dir.join("settings-seal");
    let parse = |text: &str| -> Option<[u8; 32]> {
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
        <[u8; 32]>::try_from(bytes).ok()
    };
    match std::fs::read_to_string(&file) {
        Ok(text) => match parse(&text) {
            Some(seal) => return Ok(seal),
            // Damaged (edited, cut short): kept aside and a new seal made, so Concord still
            // starts; files in a team then ask for their key again.
            None => std::fs::rename(&file, dir.join("settings-seal.damaged"))?,
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    std::fs::create_dir_all(dir)?;
    let partial = dir.join(format!("settings-seal.{}.partial", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&partial)
        .and_then(|mut f| {
            f.write_all(format!("{}\n", URL_SAFE_NO_PAD.encode(fresh())).as_bytes())?;
            f.sync_all()
        })
        // A link never replaces a file: if another program made the seal meanwhile, its
        // seal stays and is read below.
        .and_then(|()| match std::fs::hard_link(&partial, &file) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            other => other,
        });
    let _ = std::fs::remove_file(&partial);
    written?;
    parse(&std::fs::read_to_string(&file)?).ok_or_else(|| {
        std::io::Error::other(format!("{} is not a seal Concord wrote", file.display()))
    })
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
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_seal_is_made_once_for_its_user_only_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("concord");
        let first = load_or_create_seal(&conf, || [7; 32]).unwrap();
        assert_eq!(first, [7; 32]);
        let again = load_or_create_seal(&conf, || panic!("made twice")).unwrap();
        assert_eq!(again, first);
        let mode = std::fs::metadata(conf.join("settings-seal"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(
            std::fs::read_dir(&conf).unwrap().count(),
            1,
            "no partial file left"
        );

        // A damaged seal is kept aside and a new one made: Concord still starts.
        std::fs::write(conf.join("settings-seal"), "not a seal").unwrap();
        assert_eq!(load_or_create_seal(&conf, || [8; 32]).unwrap(), [8; 32]);
        let aside = std::fs::read_to_string(conf.join("settings-seal.damaged")).unwrap();
        assert_eq!(aside, "not a seal");
        assert_eq!(load_or_create_seal(&conf, || [9; 32]).unwrap(), [8; 32]);
    }

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
