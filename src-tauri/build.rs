// Runs with the repository root as working directory, so tauri-build finds ./tauri.conf.json.
// The command names come from the one declaration of the commands (src/commands/declared.rs,
// read here with a `commands!` that keeps only the names). From them: every command gets
// generated allow-/deny- permissions, and the main window's capability grants exactly those
// (capabilities/main.json is written here, so it cannot drift from the declarations).

macro_rules! commands {
    ($( $(#[$meta:meta])* $name:ident($($args:tt)*) -> $ret:ty $body:block )*) => {
        &[$(stringify!($name)),*]
    };
}

const DECLARED: &str = "src-tauri/src/commands/declared.rs";
const CAPABILITY: &str = "src-tauri/capabilities/main.json";
/// What the window may do beyond its own commands: hear the events they send.
const CORE_PERMISSIONS: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

fn main() {
    let commands: &'static [&'static str] = include!("src/commands/declared.rs");
    println!("cargo:rerun-if-changed={DECLARED}");
    if let Err(e) = write_capability(commands) {
        eprintln!("cannot write {CAPABILITY}: {e}");
        std::process::exit(1);
    }
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}

/// The capability of the main window: its own commands and the core permissions, nothing else.
fn write_capability(commands: &[&str]) -> std::io::Result<()> {
    let mut permissions: Vec<String> = commands
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    permissions.extend(CORE_PERMISSIONS.iter().map(|p| p.to_string()));
    let list: Vec<String> = permissions.iter().map(|p| format!("    \"{p}\"")).collect();
    let text = format!(
        r#"{{
  "$schema": "../../gen/schemas/desktop-schema.json",
  "identifier": "main-window",
  "description": "Written by src-tauri/build.rs from the command declarations; do not edit. The main window may call Concord's own commands, and listen to the events the backend sends (export progress, a file handed over by a second launch); nothing else: no fs, shell or http. File dialogs are opened by Rust, which then reads or writes the chosen path.",
  "windows": ["main"],
  "permissions": [
{}
  ]
}}
"#,
        list.join(",\n")
    );
    if std::fs::read_to_string(CAPABILITY).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(CAPABILITY, text)?;
    }
    Ok(())
}
