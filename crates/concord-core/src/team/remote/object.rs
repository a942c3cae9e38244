//! A WebDAV folder or an S3 prefix as the team store, through Apache OpenDAL.
//!
//! OpenDAL is async; sync is not, and runs both from the CLI and from inside the window's
//! async commands, where a runtime may not be started or blocked on. So each store gets a
//! thread of its own holding a small runtime: calls are handed to it and wait for the answer.
//! The thread ends when the store is dropped.

use super::{checked, listed, Login, Remote, MAX_FILE_BYTES};
use crate::team::TeamError;
use opendal::layers::{RetryLayer, TimeoutLayer};
use opendal::{ErrorKind, HttpTransporter, OperationContext, Operator};
use opendal_http_transport_reqwest::ReqwestTransport;
use std::future::Future;
use std::sync::mpsc;
use std::time::Duration;
use url::Url;

type Job = Box<dyn FnOnce(&tokio::runtime::Runtime) + Send>;

pub struct Object {
    op: Operator,
    /// The address shown in messages (never a password).
    shown: String,
    /// WebDAV writes a file under a passing name and moves it into place, so that a reader
    /// never takes half a file for a whole one; an S3 PUT is whole by itself.
    write_then_move: bool,
    jobs: mpsc::Sender<Job>,
}

impl Object {
    pub fn webdav(url: &Url, login: Option<&Login>) -> Result<Object, TeamError> {
        let origin = url.origin().ascii_serialization();
        let mut builder = opendal::services::Webdav::default()
            .endpoint(&origin)
            .root(url.path());
        if let Some(login) = login {
            builder = builder.username(&login.user).password(&login.secret);
        }
        let op = Operator::new(builder).map_err(|e| config(url.as_str(), e))?;
        Object::start(op, url.to_string(), true)
    }

    pub fn s3(
        bucket: &str,
        prefix: &str,
        endpoint: Option<&Url>,
        region: &str,
        login: Option<&Login>,
    ) -> Result<Object, TeamError> {
        let shown = format!("s3://{bucket}/{prefix}");
        // Never ask a cloud's instance metadata service for credentials: Concord talks to the
        // store the user set and to nothing else.
        let mut builder = opendal::services::S3::default()
            .bucket(bucket)
            .root(&format!("/{prefix}"))
            .region(region)
            .disable_ec2_metadata();
        if let Some(endpoint) = endpoint {
            builder = builder.endpoint(endpoint.as_str().trim_end_matches('/'));
        }
        if let Some(login) = login {
            builder = builder
                .access_key_id(&login.user)
                .secret_access_key(&login.secret)
                .disable_config_load();
        }
        let op = Operator::new(builder).map_err(|e| config(&shown, e))?;
        Object::start(op, shown, false)
    }

    fn start(op: Operator, shown: String, write_then_move: bool) -> Result<Object, TeamError> {
        let offline = |e: &dyn std::fmt::Display| {
            TeamError::Offline(format!("{shown}: cannot start its connection ({e})"))
        };
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(15))
            .timeout(Duration::from_secs(600))
            .build()
            .map_err(|e| offline(&e))?;
        let op = op
            .with_context(
                OperationContext::new()
                    .with_http_transport(HttpTransporter::new(ReqwestTransport::new(client))),
            )
            .layer(
                TimeoutLayer::new()
                    .with_timeout(Duration::from_secs(120))
                    .with_io_timeout(Duration::from_secs(60)),
            )
            .layer(RetryLayer::new().with_max_times(2));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| offline(&e))?;
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("concord-team-store".into())
            .spawn(move || {
                for job in queue {
                    job(&runtime);
                }
            })
            .map_err(|e| offline(&e))?;
        Ok(Object {
            op,
            shown,
            write_then_move,
            jobs,
        })
    }

    /// Runs `call` on the store's thread and waits for its answer.
    fn run<T, F>(&self, call: impl FnOnce(Operator) -> F) -> Result<T, TeamError>
    where
        T: Send + 'static,
        F: Future<Output = Result<T, opendal::Error>> + Send + 'static,
    {
        let future = call(self.op.clone());
        let (answer, wait) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |runtime| {
            let _ = answer.send(runtime.block_on(future));
        });
        let stopped = || TeamError::Offline(format!("{}: the connection stopped", self.shown));
        self.jobs.send(job).map_err(|_| stopped())?;
        wait.recv()
            .map_err(|_| stopped())?
            .map_err(|e| self.failed(e))
    }

    fn failed(&self, e: opendal::Error) -> TeamError {
        let text = e.to_string();
        if e.kind() == ErrorKind::PermissionDenied || text.contains("401") {
            return TeamError::Location(format!(
                "{} refused this login: check the user name and password (for S3, the access \
                 key id and secret key)",
                self.shown
            ));
        }
        if e.kind() == ErrorKind::ConfigInvalid {
            return config(&self.shown, e);
        }
        // The innermost cause says what the network did ("Connection refused", "dns error").
        let mut cause: &dyn std::error::Error = &e;
        while let Some(inner) = cause.source() {
            cause = inner;
        }
        TeamError::Offline(format!("{}: {}: {cause}", self.shown, e.message()))
    }
}

fn config(shown: &str, e: opendal::Error) -> TeamError {
    TeamError::Location(format!("{shown}: {}", e.message()))
}

impl Remote for Object {
    fn list(&self, dir: &str) -> Result<Vec<String>, TeamError> {
        let dir = format!("{}/", checked(dir)?);
        let listed_dir = dir.clone();
        let entries = self.run(move |op| async move {
            match op.list(&listed_dir).await {
                Ok(entries) => Ok(entries),
                Err(e) if e.kind() == ErrorKind::NotFound => Ok(Vec::new()),
                Err(e) => Err(e),
            }
        })?;
        Ok(entries
            .iter()
            .filter(|e| e.path().trim_start_matches('/') != dir)
            .map(|e| e.name().trim_end_matches('/').to_string())
            .filter(|name| listed(name))
            .collect())
    }

    fn read(&self, name: &str) -> Result<Vec<u8>, TeamError> {
        let name = checked(name)?.to_string();
        let too_large = || TeamError::Refused {
            file: name.clone(),
            why: "it is larger than any file Concord writes".into(),
        };
        let path = name.clone();
        let size = self.run(move |op| async move { Ok(op.stat(&path).await?.content_length()) })?;
        if size > MAX_FILE_BYTES {
            return Err(too_large());
        }
        // Read no more than the store said the file holds, whatever the server sends.
        let path = name.clone();
        let bytes = self
            .run(move |op| async move { Ok(op.read_with(&path).range(0..size).await?.to_vec()) })?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large());
        }
        Ok(bytes)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> Result<(), TeamError> {
        let name = checked(name)?.to_string();
        let bytes = bytes.to_vec();
        if !self.write_then_move {
            return self.run(move |op| async move {
                op.write(&name, bytes).await?;
                Ok(())
            });
        }
        let passing = format!("{name}.{}.part", uuid::Uuid::new_v4().simple());
        self.run(move |op| async move {
            op.write(&passing, bytes).await?;
            if let Err(e) = op.rename(&passing, &name).await {
                let _ = op.delete(&passing).await;
                return Err(e);
            }
            Ok(())
        })
    }
}
