//! The team key: 32 random bytes, passed to colleagues out of band, that encrypts and
//! authenticates every file on the team's store (XChaCha20-Poly1305, RustCrypto's AEAD).

use super::TeamError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

/// How a key is written for people: this prefix, then the key in URL-safe base64.
const PREFIX: &str = "concord-team-";
/// Bound into every file with its name, so a file cannot be passed off as another.
const CONTEXT: &[u8] = b"concord team store v1\0";
const NONCE: usize = 24;

#[derive(Clone)]
pub struct TeamKey([u8; 32]);

impl std::fmt::Debug for TeamKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TeamKey(…)")
    }
}

impl TeamKey {
    /// A new random key.
    pub fn generate() -> TeamKey {
        TeamKey(XChaCha20Poly1305::generate_key(&mut OsRng).into())
    }

    /// Reads a key as [`TeamKey::to_text`] writes it (spaces around it ignored).
    pub fn parse(text: &str) -> Result<TeamKey, TeamError> {
        let bad = || {
            TeamError::Key("a team key starts with \"concord-team-\" followed by 43 letters, digits, - or _; copy it again from the colleague who made the team".into())
        };
        let body = text.trim().strip_prefix(PREFIX).ok_or_else(bad)?;
        let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| bad())?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| bad())?;
        Ok(TeamKey(key))
    }

    pub fn to_text(&self) -> String {
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(self.0))
    }

    /// Encrypts `plain` as the file called `name` on the store.
    pub fn seal(&self, name: &str, plain: &[u8]) -> Result<Vec<u8>, TeamError> {
        seal_bytes(&self.0, CONTEXT, name, plain)
            .ok_or_else(|| TeamError::Key("the file could not be encrypted".into()))
    }

    /// Decrypts the file called `name`; refuses one that was altered, cut short, made with
    /// another key, or made under another name.
    pub fn open(&self, name: &str, sealed: &[u8]) -> Result<Vec<u8>, TeamError> {
        open_bytes(&self.0, CONTEXT, name, sealed).ok_or_else(|| TeamError::Refused {
            file: name.to_string(),
            why: "it was altered or cut short, or made with another team's key".into(),
        })
    }
}

/// `plain` encrypted and authenticated with `key`, bound to `context` and `name` (the
/// associated data): a random nonce, then the ciphertext. None only if the cipher refuses.
pub(super) fn seal_bytes(
    key: &[u8; 32],
    context: &[u8],
    name: &str,
    plain: &[u8],
) -> Option<Vec<u8>> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let aad = [context, name.as_bytes()].concat();
    let sealed = XChaCha20Poly1305::new(key.into())
        .encrypt(
            &nonce,
            Payload {
                msg: plain,
                aad: &aad,
            },
        )
        .ok()?;
    Some([nonce.as_slice(), &sealed].concat())
}

/// What [`seal_bytes`] sealed with the same key, context and name; None when it was
/// altered, cut short, or sealed with another key, context or name.
pub(super) fn open_bytes(
    key: &[u8; 32],
    context: &[u8],
    name: &str,
    sealed: &[u8],
) -> Option<Vec<u8>> {
    if sealed.len() < NONCE {
        return None;
    }
    let (nonce, body) = sealed.split_at(NONCE);
    let aad = [context, name.as_bytes()].concat();
    XChaCha20Poly1305::new(key.into())
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: body,
                aad: &aad,
            },
        )
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_reads_back_and_opens_what_it_sealed_only_under_its_name() {
        let key = TeamKey::generate();
        let again = TeamKey::parse(&format!("  {}\n", key.to_text())).unwrap();
        let sealed = again.seal("changes/a/1", b"hello").unwrap();
        assert_eq!(key.open("changes/a/1", &sealed).unwrap(), b"hello");
        assert!(key.open("changes/a/2", &sealed).is_err(), "renamed");
        let mut altered = sealed.clone();
        altered[30] ^= 1;
        assert!(key.open("changes/a/1", &altered).is_err(), "altered");
        assert!(
            key.open("changes/a/1", &sealed[..sealed.len() - 1])
                .is_err(),
            "cut short"
        );
        assert!(
            TeamKey::generate().open("changes/a/1", &sealed).is_err(),
            "another team"
        );
        assert!(TeamKey::parse("concord-team-short").is_err());
    }
}
