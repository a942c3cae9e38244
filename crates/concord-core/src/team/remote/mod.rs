//! Where the team's files live: storage the delegation already runs — a shared or synced
//! folder, a WebDAV server (Nextcloud, ownCloud, SharePoint's WebDAV, a NAS) or an
//! S3-compatible bucket. Any store that can list, read and write whole files will do; each
//! replica writes only its own files. Concord connects to nothing else.

mod folder;
mod object;

pub use folder::{Folder, MAX_FILE_BYTES};

use super::TeamError;
use std::path::PathBuf;
use url::{Host, Url};

/// A team store, as the user gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A shared or synced folder (a network share, Nextcloud, OneDrive, Syncthing).
    Folder(PathBuf),
    /// A folder on a WebDAV server, by its `https://` address.
    WebDav(Url),
    /// A prefix in an S3 bucket: AWS, or any S3-compatible server given by its endpoint.
    S3 {
        bucket: String,
        prefix: String,
        endpoint: Option<Url>,
        region: String,
    },
}

/// The user name and password (for S3: access key id and secret key) a store asks for.
/// Kept in the file beside the team key, never exported, never shown.
#[derive(Clone, PartialEq, Eq)]
pub struct Login {
    pub user: String,
    pub secret: String,
}

impl std::fmt::Debug for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Login").field("user", &self.user).finish()
    }
}

impl Login {
    /// A login from what the user typed: none when the user name is empty.
    pub fn given(user: &str, secret: &str) -> Option<Login> {
        (!user.trim().is_empty()).then(|| Login {
            user: user.trim().to_string(),
            secret: secret.to_string(),
        })
    }
}

const DEFAULT_REGION: &str = "us-east-1";

fn refused(text: &str, why: &str) -> TeamError {
    TeamError::Location(format!("{text}: {why}"))
}

impl Location {
    /// Reads a location: a folder path (or `file://` URL); `https://…` (or `webdav://`,
    /// `webdavs://`, `davs://`) for WebDAV; `s3://BUCKET/PREFIX` with optional `?endpoint=URL&region=R`.
    /// Plain `http://` is taken only for a server on this machine: anywhere else it would
    /// send the password in the clear.
    pub fn parse(text: &str) -> Result<Location, TeamError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(TeamError::Location(
                "give the team store: a folder path, an https:// WebDAV address or s3://BUCKET/PREFIX"
                    .into(),
            ));
        }
        let lower = text.to_ascii_lowercase();
        if let Some(path) = text.strip_prefix("file://") {
            return Ok(Location::Folder(PathBuf::from(path)));
        }
        if !lower.contains("://") {
            return Ok(Location::Folder(PathBuf::from(text)));
        }
        let url = Url::parse(text).map_err(|e| refused(text, &format!("not an address ({e})")))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(refused(
                text,
                "give the user name and password in their own fields, not in the address",
            ));
        }
        match url.scheme() {
            "s3" => s3(text, &url),
            "https" | "webdavs" | "davs" => webdav(text, &url, "https"),
            // `webdav://` names the kind of store, not the transport: encrypted, except to a
            // server on this machine.
            "webdav" if is_this_machine(&url) => webdav(text, &url, "http"),
            "webdav" => webdav(text, &url, "https"),
            "http" | "dav" => {
                if !is_this_machine(&url) {
                    return Err(refused(
                        text,
                        "http:// would send the password and the team's file names unencrypted; \
                         use https:// (http:// is accepted only for a server on this machine)",
                    ));
                }
                webdav(text, &url, "http")
            }
            other => Err(refused(
                text,
                &format!("Concord syncs through a folder, WebDAV (https://) or S3 (s3://), not {other}://"),
            )),
        }
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
            other => Ok(other),
        }
    }

    /// The form kept in the database and shown to people (no password is ever part of it).
    pub fn to_text(&self) -> String {
        match self {
            Location::Folder(path) => path.display().to_string(),
            Location::WebDav(url) => url.to_string(),
            Location::S3 {
                bucket,
                prefix,
                endpoint,
                region,
            } => {
                let mut text = format!("s3://{bucket}/{prefix}");
                let mut query = Vec::new();
                if let Some(endpoint) = endpoint {
                    query.push(format!("endpoint={endpoint}"));
                }
                if region != DEFAULT_REGION {
                    query.push(format!("region={region}"));
                }
                if !query.is_empty() {
                    text.push('?');
                    text.push_str(&query.join("&"));
                }
                text
            }
        }
    }

    pub fn connect(&self, login: Option<&Login>) -> Result<Box<dyn Remote>, TeamError> {
        match self {
            Location::Folder(path) => Ok(Box::new(Folder::new(path)?)),
            Location::WebDav(url) => Ok(Box::new(object::Object::webdav(url, login)?)),
            Location::S3 {
                bucket,
                prefix,
                endpoint,
                region,
            } => Ok(Box::new(object::Object::s3(
                bucket,
                prefix,
                endpoint.as_ref(),
                region,
                login,
            )?)),
        }
    }
}

fn is_this_machine(url: &Url) -> bool {
    match url.host() {
        // Addresses of schemes the URL standard does not know (`webdav://`) keep their host
        // as text, IP addresses included.
        Some(Host::Domain(d)) => {
            d.eq_ignore_ascii_case("localhost")
                || d.trim_matches(['[', ']'])
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn webdav(text: &str, url: &Url, scheme: &str) -> Result<Location, TeamError> {
    let host = url
        .host_str()
        .ok_or_else(|| refused(text, "the address names no server"))?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(refused(
            text,
            "a WebDAV folder's address has no ?… or #… part",
        ));
    }
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let mut path = url.path().to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    let url = Url::parse(&format!("{scheme}://{host}{port}{path}"))
        .map_err(|e| refused(text, &format!("not an address ({e})")))?;
    Ok(Location::WebDav(url))
}

fn s3(text: &str, url: &Url) -> Result<Location, TeamError> {
    let bucket = url
        .host_str()
        .filter(|b| !b.is_empty())
        .ok_or_else(|| refused(text, "give the bucket: s3://BUCKET/PREFIX"))?
        .to_string();
    let prefix = url.path().trim_matches('/').to_string();
    let mut endpoint = None;
    let mut region = DEFAULT_REGION.to_string();
    for (key, value) in url.query_pairs() {
        match &*key {
            "endpoint" => {
                let e = Url::parse(&value)
                    .map_err(|e| refused(text, &format!("the endpoint is not an address ({e})")))?;
                match e.scheme() {
                    "https" => {}
                    "http" if is_this_machine(&e) => {}
                    "http" => {
                        return Err(refused(
                            text,
                            "an http:// endpoint would send the secret key's signatures and the \
                             file names unencrypted; use https:// (http:// only on this machine)",
                        ))
                    }
                    _ => return Err(refused(text, "the endpoint must be an https:// address")),
                }
                endpoint = Some(e);
            }
            "region" if !value.trim().is_empty() => region = value.trim().to_string(),
            other => {
                return Err(refused(
                    text,
                    &format!("unknown setting {other}: only endpoint= and region= are read"),
                ))
            }
        }
    }
    Ok(Location::S3 {
        bucket,
        prefix,
        endpoint,
        region,
    })
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

/// Refuses a name Concord does not write (an empty part, `.`, `..`, a backslash).
pub(super) fn checked(name: &str) -> Result<&str, TeamError> {
    let ok = name
        .split('/')
        .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
    if ok {
        Ok(name)
    } else {
        Err(TeamError::Refused {
            file: name.to_string(),
            why: "it is not a name Concord writes".into(),
        })
    }
}

/// Whether a listed name is one sync reads: not hidden, not a file still being written.
pub(super) fn listed(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.ends_with(".part")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> String {
        Location::parse(text).unwrap().to_text()
    }

    #[test]
    fn addresses_are_kept_in_one_form_and_webdav_is_encrypted_unless_local() {
        assert_eq!(
            kept("webdav://cloud.example.org/dav/team"),
            "https://cloud.example.org/dav/team/"
        );
        assert_eq!(
            kept("davs://cloud.example.org:8443/t/"),
            "https://cloud.example.org:8443/t/"
        );
        assert_eq!(
            kept("webdav://127.0.0.1:8080/t"),
            "http://127.0.0.1:8080/t/"
        );
        assert_eq!(kept("http://localhost:8080/t/"), "http://localhost:8080/t/");
        assert_eq!(kept("s3://bucket/a/b/"), "s3://bucket/a/b");
        assert_eq!(
            kept("s3://bucket/a?region=eu-west-3&endpoint=https://s3.example.org"),
            "s3://bucket/a?endpoint=https://s3.example.org/&region=eu-west-3"
        );
        assert_eq!(kept("/mnt/share/team"), "/mnt/share/team");
        assert_eq!(kept("file:///mnt/share/team"), "/mnt/share/team");
        assert!(Location::parse("dav://cloud.example.org/t").is_err());
        assert!(Location::parse("  ").is_err());
    }

    #[test]
    fn a_login_is_never_shown() {
        let login = Login::given(" ana ", "s3cret").unwrap();
        assert_eq!(login.user, "ana");
        assert!(!format!("{login:?}").contains("s3cret"));
        assert!(Login::given("", "s3cret").is_none());
    }

    #[test]
    fn a_webdav_or_s3_address_asks_for_a_login_and_a_folder_does_not() {
        use crate::team::asks_for_login;
        assert!(asks_for_login(
            "https://cloud.example.org/remote.php/dav/files/ana/team/"
        ));
        assert!(asks_for_login("s3://bucket/team"));
        assert!(asks_for_login("webdav://127.0.0.1:8080/team"));
        assert!(!asks_for_login("/mnt/share/team"));
        assert!(!asks_for_login("file:///mnt/share/team"));
        assert!(
            !asks_for_login("http://example.org/team"),
            "refused, so no login either"
        );
        assert!(!asks_for_login(""));
    }
}
