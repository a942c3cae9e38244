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
