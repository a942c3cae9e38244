//! How every CLI test runs `concord`: on one database, with its config and data folders
//! inside the test's own folder, never the user's.
#![allow(clippy::unwrap_used)] // a test helper: a failed unwrap is a failed test

use std::path::Path;
use std::process::{Command, Output};

/// Runs `concord --db DB ARGS` with XDG_CONFIG_HOME and XDG_DATA_HOME inside `dir`.
pub fn concord(dir: &Path, db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_concord"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env_remove("CONCORD_DB")
        .output()
        .unwrap()
}

/// (exit code, stdout, stderr) of an output.
#[allow(dead_code)] // cli.rs reads the Output itself
pub fn said(out: Output) -> (i32, String, String) {
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
