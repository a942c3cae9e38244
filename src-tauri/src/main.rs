// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    // `concord-desktop --cli ARGS` is the `concord` command line (packaging/concord runs it):
    // the packages carry one program, not two that each hold the core.
    let mut args = std::env::args_os();
    if args.nth(1).is_some_and(|a| a == "--cli") {
        return concord_cli::main_from(std::iter::once("concord".into()).chain(args));
    }
    // This program is also the reader of Word and PDF files, in a child process of itself
    // (before any window or toolkit starts).
    if let Some(code) = concord_core::draft::worker::serve_if_asked() {
        std::process::exit(code);
    }
    concord_desktop::run();
    ExitCode::SUCCESS
}
