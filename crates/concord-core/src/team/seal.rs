//! The team key and the store's password as a file keeps them: sealed (XChaCha20-Poly1305,
//! RustCrypto's AEAD) with a key of this installation's, kept in its config folder (see
//! `installation::load_or_create_seal`). A file copied by hand to another computer, sent on
//! by e-mail or left on a share does not carry them readable: there Concord asks to join the
//! team again. Moving the file on this computer keeps them.

use super::key::{open_bytes, seal_bytes};
use super::{Login, TeamError, TeamKey};
use crate::store::Store;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{KeyInit, OsRng};
use chacha20poly1305::XChaCha20Poly1305;
use std::sync::OnceLock;

/// How a sealed value starts in the file; a value without it was written in clear by a
/// Concord before this one.
const PREFIX: &str = "sealed-v1:";
/// Bound into every sealed value with the setting's name, so one cannot stand for another.
const CONTEXT: &[u8] = b"concord file settings v1\0";

#[derive(Clone, PartialEq, Eq)]
pub struct SettingsSeal([u8; 32]);

impl std::fmt::Debug for SettingsSeal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SettingsSeal(…)")
    }
}

/// A setting as the file held it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Kept {
    /// Sealed with this installation's key: here is its value.
    Sealed(String),
    /// Written in clear by an older Concord: to be sealed now.
    Clear(String),
}

impl SettingsSeal {
    /// A new random seal, for an installation's first use.
    pub fn generate() -> [u8; 32] {
        XChaCha20Poly1305::generate_key(&mut OsRng).into()
    }

    pub fn from_bytes(bytes: [u8; 32]) -> SettingsSeal {
        SettingsSeal(bytes)
    }

    /// The seal of a store no installation's seal was given to (tests, tools): random, the
    /// same for the whole process, so what it seals cannot be read by any other process.
    pub fn this_process() -> SettingsSeal {
        static SEAL: OnceLock<[u8; 32]> = OnceLock::new();
        SettingsSeal(*SEAL.get_or_init(SettingsSeal::generate))
    }

    /// `plain`, the setting called `what`, as the file keeps it.
    pub(crate) fn seal(&self, what: &str, plain: &str) -> Result<String, TeamError> {
        let sealed = seal_bytes(&self.0, CONTEXT, what, plain.as_bytes())
            .ok_or_else(|| TeamError::Key(format!("the {what} could not be sealed")))?;
        Ok(format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(sealed)))
    }

    /// The setting called `what` as the file holds it; refused when another installation
    /// sealed it (the file was copied from another computer or user account).
    pub(crate) fn open(&self, what: &str, kept: &str) -> Result<Kept, TeamError> {
        let Some(body) = kept.strip_prefix(PREFIX) else {
            return Ok(Kept::Clear(kept.to_string()));
        };
        URL_SAFE_NO_PAD
            .decode(body)
            .ok()
            .and_then(|sealed| open_bytes(&self.0, CONTEXT, what, &sealed))
            .and_then(|plain| String::from_utf8(plain).ok())
            .map(Kept::Sealed)
            .ok_or_else(|| TeamError::SealedElsewhere(what.to_string()))
    }
}

/// Names of the sealed settings, bound into their seals.
const KEY_SETTING: &str = "team key";
const SECRET_SETTING: &str = "store password";

/// Keeps the team's store, key and login in the file, the key and password sealed.
pub(super) fn keep_settings(
    store: &mut Store,
    location: &str,
    key: &TeamKey,
    login: Option<&Login>,
) -> Result<(), TeamError> {
    let seal = store.settings_seal().clone();
    let key = seal.seal(KEY_SETTING, &key.to_text())?;
    let secret = login
        .map(|l| Ok::<_, TeamError>((l.user.as_str(), seal.seal(SECRET_SETTING, &l.secret)?)))
        .transpose()?;
    let login = secret.as_ref().map(|(user, s)| (*user, s.as_str()));
    store.set_team(location, &key, login)?;
    Ok(())
}

/// Whether the team key the file keeps can be read here (true when it keeps none).
pub(super) fn key_readable(store: &Store) -> Result<bool, TeamError> {
    let Some((_, kept)) = store.team()? else {
        return Ok(true);
    };
    match store.settings_seal().open(KEY_SETTING, &kept) {
        Ok(_) => Ok(true),
        Err(TeamError::SealedElsewhere(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The team's store, key and login as the file keeps them, unsealed. Settings an older
/// Concord wrote in clear are sealed now.
pub(super) fn settings(store: &mut Store) -> Result<(String, TeamKey, Option<Login>), TeamError> {
    let (location, kept_key) = store.team()?.ok_or(TeamError::NotSet)?;
    let seal = store.settings_seal().clone();
    let mut clear = false;
    let mut open = |what: &str, kept: &str| -> Result<String, TeamError> {
        Ok(match seal.open(what, kept)? {
            Kept::Sealed(v) => v,
            Kept::Clear(v) => {
                clear = true;
                v
            }
        })
    };
    let key = TeamKey::parse(&open(KEY_SETTING, &kept_key)?)?;
    let login = match store.team_login()? {
        Some((user, secret)) => Some(Login {
            user,
            secret: open(SECRET_SETTING, &secret)?,
        }),
        None => None,
    };
    if clear {
        keep_settings(store, &location, &key, login.as_ref())?;
    }
    Ok((location, key, login))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_setting_opens_with_its_seal_and_name_only() {
        let (here, there) = (
            SettingsSeal::from_bytes([1; 32]),
            SettingsSeal::from_bytes([2; 32]),
        );
        let kept = here.seal("team key", "concord-team-abc").unwrap();
        assert!(kept.starts_with(PREFIX) && !kept.contains("abc"), "{kept}");
        assert_ne!(kept, here.seal("team key", "concord-team-abc").unwrap());
        assert_eq!(
            here.open("team key", &kept).unwrap(),
            Kept::Sealed("concord-team-abc".into())
        );
        for (seal, what) in [(&there, "team key"), (&here, "store password")] {
            let err = seal.open(what, &kept).unwrap_err();
            assert!(matches!(err, TeamError::SealedElsewhere(_)), "{err}");
        }
        let cut = &kept[..kept.len() - 3];
        assert!(here.open("team key", cut).is_err());
        assert_eq!(
            here.open("team key", "concord-team-old").unwrap(),
            Kept::Clear("concord-team-old".into())
        );
    }

    #[test]
    fn settings_an_older_concord_kept_in_clear_are_read_and_sealed_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let clock = std::sync::Arc::new(crate::FixedClock::new());
        let mut s = Store::open(&dir.path().join("a.concord"), clock, uuid::Uuid::nil()).unwrap();
        let key = TeamKey::generate();
        s.set_team("/srv/team", &key.to_text(), Some(("ana", "s3cret")))
            .unwrap();
        let (location, read, login) = settings(&mut s).unwrap();
        assert_eq!(location, "/srv/team");
        assert_eq!(read.to_text(), key.to_text());
        assert_eq!(
            login.map(|l| (l.user, l.secret)),
            Some(("ana".into(), "s3cret".into()))
        );
        let (kept_key, (user, kept_secret)) = (
            s.team().unwrap().unwrap().1,
            s.team_login().unwrap().unwrap(),
        );
        assert!(kept_key.starts_with(PREFIX) && kept_secret.starts_with(PREFIX));
        assert_eq!(user, "ana");
        assert_eq!(settings(&mut s).unwrap().1.to_text(), key.to_text());

        assert!(key_readable(&s).unwrap());
        s.use_settings_seal(SettingsSeal::from_bytes([9; 32]));
        assert!(!key_readable(&s).unwrap());
        let err = settings(&mut s).unwrap_err();
        assert!(err.to_string().contains("join the team again"), "{err}");
    }
}
