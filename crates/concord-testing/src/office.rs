//! LibreOffice, headless, as the exports' real reader: it converts a file to text, CSV or
//! PDF the way a colleague's office suite would read it.

use std::path::Path;
use std::process::Command;

/// Converts `file` with LibreOffice (`to` as `--convert-to` takes it: "pdf", "txt:Text",
/// "csv:…") and returns the bytes of the file it wrote with extension `ext`. Panics, naming
/// the problem, when LibreOffice is missing or fails twice.
pub fn convert(file: &Path, to: &str, ext: &str) -> Vec<u8> {
    // A first headless start of LibreOffice on a loaded machine sometimes aborts while it
    // makes its profile ("WrappedTargetRuntimeException"); a second start is the real test.
    match try_convert(file, to, ext) {
        Ok(bytes) => bytes,
        Err(_) => try_convert(file, to, ext).unwrap_or_else(|e| panic!("{e}")),
    }
}

fn try_convert(file: &Path, to: &str, ext: &str) -> Result<Vec<u8>, String> {
    let out = tempfile::tempdir().map_err(|e| e.to_string())?;
    let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(out.path())
        .arg(file)
        .output()
        .map_err(|e| format!("LibreOffice (soffice) must be installed (`make deps`): {e}"))?;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let read = std::fs::read(out.path().join(format!("{stem}.{ext}")));
    if !status.status.success() {
        return Err(format!("LibreOffice failed: {status:?}"));
    }
    read.map_err(|e| format!("LibreOffice wrote no .{ext}: {e}"))
}

/// A Word file's tracked changes as LibreOffice reads them.
#[derive(Debug, serde::Deserialize)]
pub struct Tracked {
    /// Tracked changes LibreOffice lists in its Manage Changes pane.
    pub redlines: usize,
    pub comments: Vec<OfficeComment>,
    /// The text after Accept All, and after Reject All, one paragraph per line.
    pub accepted: String,
    pub rejected: String,
}

#[derive(Debug, serde::Deserialize)]
pub struct OfficeComment {
    pub author: String,
    pub text: String,
    /// The text the comment is anchored on.
    pub anchor: String,
}

/// Opens `file` in LibreOffice (headless, through UNO: Debian's python3-uno), lists its
/// tracked changes and comments, and accepts, then rejects, them all.
pub fn tracked(file: &Path) -> Tracked {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/office/tracked.py");
    let work = tempfile::tempdir().unwrap();
    let out = Command::new("/usr/bin/python3")
        .arg(script)
        .arg(file)
        .arg(work.path())
        .output()
        .unwrap_or_else(|e| panic!("python3 with LibreOffice's UNO (`make deps`): {e}"));
    assert!(
        out.status.success(),
        "LibreOffice could not read {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
