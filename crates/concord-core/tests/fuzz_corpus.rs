//! Replays every input the fuzzers kept (fuzz/corpus/TARGET) and every crasher they found
//! (fuzz/artifacts/TARGET) through the targets' own bodies, on stable, in `make test`: what
//! once crashed Concord stays fixed, and the corpus keeps passing as the code changes.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed run

use concord_testing::fuzzing::TARGETS;
use std::path::Path;

fn inputs(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_kept_input_and_every_crasher_passes_its_target() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut replayed = 0;
    for (name, target) in TARGETS {
        let corpus = inputs(&fuzz.join("corpus").join(name));
        assert!(!corpus.is_empty(), "fuzz/corpus/{name} has no inputs");
        for input in corpus
            .iter()
            .chain(&inputs(&fuzz.join("artifacts").join(name)))
        {
            let bytes = std::fs::read(input).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&bytes));
            assert!(outcome.is_ok(), "{name} fails on {}", input.display());
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} fuzz inputs");
}
