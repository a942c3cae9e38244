//! `concord-bindings DIR` writes DIR/commands.ts, the UI's typed calls, from the command
//! declarations (src-tauri/src/commands/declared.rs), and DIR/core.ts, the
//! core's rules the UI applies too (text folding, which actors are groups). Run by `make bindings`.

use concord_desktop::commands::{events, spec, specs};
use std::path::PathBuf;

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: concord-bindings DIR");
        std::process::exit(2);
    };
    let files = [
        ("commands.ts", spec::typescript(&specs(), &events())),
        ("core.ts", spec::core_facts()),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        if let Err(e) = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, text)) {
            eprintln!("concord-bindings: cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
    }
}
