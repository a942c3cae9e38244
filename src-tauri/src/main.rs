// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // This program is also the reader of Word and PDF files, in a child process of itself
    // (before any window or toolkit starts).
    if let Some(code) = concord_core::draft::worker::serve_if_asked() {
        std::process::exit(code);
    }
    concord_desktop::run();
}
