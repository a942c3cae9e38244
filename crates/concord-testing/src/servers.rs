//! Real servers on 127.0.0.1 for the sync tests, started on a free port and stopped when
//! dropped: WebDAV (`rclone serve webdav`, asking for a login) and S3 (moto's server).
//! `make test-servers` installs both; without them a test fails, saying what to install.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

/// The login the WebDAV server asks for.
pub const DAV_USER: &str = "ana";
pub const DAV_PASSWORD: &str = "s3cret";

/// A server process on `port` of 127.0.0.1.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The ports this process has handed out so far.
static HANDED_OUT: AtomicU16 = AtomicU16::new(0);
/// How many ports one test process may hand out.
const PER_PROCESS: u16 = 200;

/// A port of 127.0.0.1 that nothing listens on, never handed out twice by this process.
///
/// It is taken below the kernel's ephemeral range (32768 and up on Linux), from a block of
/// its own for each process: asking the kernel for "any free port" may return the port of a
/// server a test has just stopped, and a test that stops its server to start it again on the
/// same port would then be answered by another test's server in between.
pub fn free_port() -> u16 {
    let block = 20_000 + (std::process::id() % 60) as u16 * PER_PROCESS;
    loop {
        let n = HANDED_OUT.fetch_add(1, Ordering::SeqCst);
        assert!(n < PER_PROCESS, "this test process ran out of ports");
        let port = block + n;
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

fn start(program: &str, args: &[&str], port: u16, install: &str) -> Server {
    let child = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} cannot be started ({e}): {install}"));
    let server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{program} did not start listening"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server
}

/// `rclone serve webdav` over `dir` on `port`, asking for [`DAV_USER`] / [`DAV_PASSWORD`].
pub fn webdav_on(dir: &Path, port: u16) -> Server {
    let addr = format!("127.0.0.1:{port}");
    start(
        "rclone",
        &[
            "serve",
            "webdav",
            dir.to_str().unwrap(),
            "--addr",
            &addr,
            "--user",
            DAV_USER,
            "--pass",
            DAV_PASSWORD,
            "--config",
            "/dev/null",
        ],
        port,
        "install rclone (`make test-servers`)",
    )
}

/// [`webdav_on`] a free port.
pub fn webdav(dir: &Path) -> Server {
    webdav_on(dir, free_port())
}

/// moto's S3 server, with `bucket` made.
pub fn s3(bucket: &str) -> Server {
    let port = free_port();
    // `make test-servers` keeps moto in a virtualenv under target/.
    let venv = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/servers/venv/bin/python"
    );
    let python = if Path::new(venv).exists() {
        venv
    } else {
        "python3"
    };
    let server = start(
        python,
        &[
            "-m",
            "moto.server",
            "-H",
            "127.0.0.1",
            "-p",
            &port.to_string(),
        ],
        port,
        "install moto's server (`make test-servers`)",
    );
    let made = Command::new("curl")
        .args([
            "-sf",
            "-X",
            "PUT",
            &format!("http://127.0.0.1:{port}/{bucket}"),
        ])
        .status()
        .unwrap();
    assert!(made.success(), "the bucket could not be made");
    server
}
