//! The Word and PDF readers, run in a child process of the same program.
//!
//! Those readers are third-party code fed with bytes from outside. In a child process, a
//! file that makes one recurse until the stack overflows, allocate without end or loop
//! forever takes down only the child: the kernel holds it to [`MEMORY_LIMIT`] and a CPU
//! limit, the parent kills it at [`TIME_LIMIT`], and the user gets a sentence saying which
//! bound the file crossed. Every program that reads drafts (`concord`, `concord-desktop`)
//! calls [`serve_if_asked`] first thing in `main`.

use super::extract::{load, text_of, ExtractError, Packed};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The first argument that makes a program a reader: `PROGRAM --concord-read-draft KIND PATH`.
pub const WORKER_ARG: &str = "--concord-read-draft";

/// How long a reader may take: a 300-page report reads in well under a second.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);

/// The address space a reader may map, in bytes (the program and its libraries included).
pub const MEMORY_LIMIT: u64 = 2 << 30;

/// The most text a reader may hand back (a long report is about 1 MB of text).
const MAX_TEXT_BYTES: u64 = 128 << 20;

/// What a reader's answer starts with, so that a program that is not one is never believed.
const ANSWER: &[u8] = b"concord-draft-text\n";

/// The reader's exit codes besides 0: the file could not be read as its kind (the reason on
/// stderr), or the file itself could not be loaded.
const EXIT_UNREADABLE: i32 = 3;
const EXIT_NO_FILE: i32 = 4;

/// When this process was started as a reader, reads the file, writes the answer and returns
/// the exit code for `main` to return; otherwise `None` and `main` carries on.
pub fn serve_if_asked() -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    if args.next()? != WORKER_ARG {
        return None;
    }
    let kind = args
        .next()
        .and_then(|k| Packed::from_name(&k.to_string_lossy()));
    let (Some(kind), Some(path)) = (kind, args.next()) else {
        eprintln!("usage: {WORKER_ARG} docx|pdf FILE");
        return Some(2);
    };
    hold_to_limits();
    let bytes = match load(Path::new(&path)) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{e}");
            return Some(EXIT_NO_FILE);
        }
    };
    match text_of(kind, &bytes) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            let written = out
                .write_all(ANSWER)
                .and_then(|()| out.write_all(text.as_bytes()))
                .and_then(|()| out.flush());
            Some(if written.is_ok() { 0 } else { 1 })
        }
        Err(reason) => {
            eprintln!("{reason}");
            Some(EXIT_UNREADABLE)
        }
    }
}

/// The kernel's limits on this reader process. Best effort: where the kernel refuses them,
/// the parent's deadline still holds.
#[cfg(unix)]
fn hold_to_limits() {
    let cpu = TIME_LIMIT.as_secs() + 1;
    let _ = rlimit::setrlimit(rlimit::Resource::AS, MEMORY_LIMIT, MEMORY_LIMIT);
    let _ = rlimit::setrlimit(rlimit::Resource::CPU, cpu, cpu);
}

#[cfg(not(unix))]
fn hold_to_limits() {}

/// Reads `path` as `kind` in a child process of this program: the text, or the reason the
/// file cannot be read (a bound it crossed included); `Err` only when no child could start.
pub fn read(path: &Path, kind: Packed) -> Result<Result<String, String>, ExtractError> {
    let program = std::env::current_exe().map_err(|source| ExtractError::ReaderUnavailable {
        path: path.to_path_buf(),
        source,
    })?;
    read_by(&program, path, kind, TIME_LIMIT)
}

/// [`read`] with the reader `program` and the time it may take.
fn read_by(
    program: &Path,
    path: &Path,
    kind: Packed,
    time_limit: Duration,
) -> Result<Result<String, String>, ExtractError> {
    let unavailable = |source| ExtractError::ReaderUnavailable {
        path: path.to_path_buf(),
        source,
    };
    let mut child = Command::new(program)
        .arg(WORKER_ARG)
        .arg(kind.name())
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(unavailable)?;
    let stdout = child.stdout.take().map(|s| drain(s, MAX_TEXT_BYTES + 1));
    let stderr = child.stderr.take().map(|s| drain(s, 64 << 10));
    let status = wait_until(&mut child, Instant::now() + time_limit).map_err(unavailable)?;
    let collect = |h: Option<std::thread::JoinHandle<Vec<u8>>>| {
        h.and_then(|h| h.join().ok()).unwrap_or_default()
    };
    let (out, err) = (collect(stdout), collect(stderr));
    let said = String::from_utf8_lossy(&err).trim().to_string();
    let Some(status) = status else {
        return Ok(Err(format!(
            "reading it took longer than {} s, which no real document does; \
             the file may be built to stall readers",
            time_limit.as_secs()
        )));
    };
    Ok(answer(status, out, said))
}

fn answer(status: ExitStatus, out: Vec<u8>, said: String) -> Result<String, String> {
    match status.code() {
        Some(0) => {
            if out.len() as u64 > MAX_TEXT_BYTES {
                return Err(format!(
                    "its text is larger than {} MB, far beyond any real document",
                    MAX_TEXT_BYTES >> 20
                ));
            }
            let Some(text) = out.strip_prefix(ANSWER) else {
                return Err(
                    "this program's reader did not answer (it is not a Concord reader)".into(),
                );
            };
            String::from_utf8(text.to_vec()).map_err(|_| "the reader's text is not UTF-8".into())
        }
        Some(EXIT_UNREADABLE) | Some(EXIT_NO_FILE) if !said.is_empty() => Err(said),
        _ => Err(format!(
            "the reader stopped without an answer ({}): the file crossed a reader's limits \
             ({} MB of memory, {} s) or is built to break readers",
            how_it_ended(status),
            MEMORY_LIMIT >> 20,
            TIME_LIMIT.as_secs()
        )),
    }
}

#[cfg(unix)]
fn how_it_ended(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.signal(), status.code()) {
        (Some(signal), _) => format!("signal {signal}"),
        (None, Some(code)) => format!("exit code {code}"),
        (None, None) => "no exit code".into(),
    }
}

#[cfg(not(unix))]
fn how_it_ended(status: ExitStatus) -> String {
    status.to_string()
}

/// Reads a child's pipe to its end in a thread of its own, keeping at most `limit` bytes
/// (and reading on, so that the child is never blocked on a full pipe).
fn drain(pipe: impl Read + Send + 'static, limit: u64) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut pipe = pipe;
        let mut kept = Vec::new();
        let _ = (&mut pipe).take(limit).read_to_end(&mut kept);
        let _ = std::io::copy(&mut pipe, &mut std::io::sink());
        kept
    })
}

/// The child's exit, or `None` after killing it at `deadline`.
fn wait_until(
    child: &mut std::process::Child,
    deadline: Instant,
) -> std::io::Result<Option<ExitStatus>> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            child.kill()?;
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A stand-in reader: a shell script that does what `body` says with the arguments.
    fn reader(dir: &Path, body: &str) -> std::path::PathBuf {
        let path = dir.join("reader");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    fn run(body: &str, limit: Duration) -> Result<String, String> {
        let dir = tempfile::tempdir().unwrap();
        let program = reader(dir.path(), body);
        // A script just written cannot be run while a process another test thread forked
        // meanwhile still holds it open for writing (ETXTBSY, "Text file busy"); it can a
        // moment later.
        for _ in 0..100 {
            match read_by(&program, &dir.path().join("x.pdf"), Packed::Pdf, limit) {
                Err(ExtractError::ReaderUnavailable { source, .. })
                    if source.kind() == std::io::ErrorKind::ExecutableFileBusy =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => return other.unwrap(),
            }
        }
        panic!("the stand-in reader stayed busy");
    }

    #[test]
    fn a_reader_that_stalls_is_killed_at_the_deadline() {
        let started = Instant::now();
        let reason = run("exec sleep 60", Duration::from_secs(1)).unwrap_err();
        assert!(reason.contains("took longer than 1 s"), "{reason}");
        assert!(started.elapsed() < Duration::from_secs(30));
    }

    #[test]
    fn a_reader_that_crashes_is_a_reason_not_a_crash() {
        let reason = run("kill -SEGV $$", TIME_LIMIT).unwrap_err();
        assert!(reason.contains("signal 11"), "{reason}");
    }

    #[test]
    fn the_reason_a_reader_gives_is_passed_on() {
        let reason = run("echo 'it is encrypted' >&2; exit 3", TIME_LIMIT).unwrap_err();
        assert_eq!(reason, "it is encrypted");
    }

    #[test]
    fn a_program_that_is_not_a_reader_is_not_believed() {
        let reason = run("echo running 0 tests", TIME_LIMIT).unwrap_err();
        assert!(reason.contains("not a Concord reader"), "{reason}");
    }

    #[test]
    fn a_reader_answer_is_the_text() {
        let text = run("printf 'concord-draft-text\\n1. Text'", TIME_LIMIT).unwrap();
        assert_eq!(text, "1. Text");
    }
}
