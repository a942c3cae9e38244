//! The bodies of the fuzz targets (fuzz/fuzz_targets/*.rs, run with `make fuzz` on nightly),
//! also replayed over the committed corpus and every crasher found by `make test` on stable
//! (crates/concord-core/tests/fuzz_corpus.rs). Each feeds bytes from outside to one path a
//! file from outside takes, and checks what must hold whatever the bytes: no panic, and an
//! import that fails writes nothing.

use crate::store;
use concord_core::draft::extract::{self, Packed};
use concord_core::import::{self, ImportOptions};
use concord_core::Store;
use std::cell::RefCell;

/// A target's body: the bytes in, a panic if what must hold does not.
pub type Target = fn(&[u8]);

/// The targets by name, as the corpus folders are named.
pub const TARGETS: &[(&str, Target)] = &[
    ("positions_csv", positions_csv),
    ("positions_json", positions_json),
    ("import_all", import_all),
    ("draft_text", draft_text),
    ("docx", docx),
    ("pdf", pdf),
    ("align", align),
];

thread_local! {
    // One store with the reference data per thread: building it for every input would make
    // the fuzzer a hundred times slower. Imports that succeed add to it, as they would.
    static STORE: RefCell<Store> = RefCell::new(store());
}

/// An import into the shared store: if it fails, the store's counts are as they were.
fn all_or_nothing(import: impl FnOnce(&mut Store) -> bool) {
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        let before = s.counts().expect("counts");
        if !import(&mut s) {
            assert_eq!(s.counts().expect("counts"), before, "a failed import wrote");
        }
    });
}

pub fn positions_csv(data: &[u8]) {
    for create_missing in [false, true] {
        all_or_nothing(|s| {
            import::import_positions_csv(s, data, ImportOptions { create_missing }).is_ok()
        });
    }
}

pub fn positions_json(data: &[u8]) {
    all_or_nothing(|s| {
        import::import_positions_json(
            s,
            data,
            ImportOptions {
                create_missing: true,
            },
        )
        .is_ok()
    });
}

pub fn import_all(data: &[u8]) {
    let Ok(value) = import::source::read_json(data) else {
        return;
    };
    let mut s = crate::empty_store();
    let before = s.counts().expect("counts");
    if s.import_all(&value, &mut |_| {}).is_err() {
        assert_eq!(
            s.counts().expect("counts"),
            before,
            "a failed import all wrote"
        );
    }
}

pub fn draft_text(data: &[u8]) {
    let _ = extract::preview_text(&String::from_utf8_lossy(data));
}

/// A panic inside the third-party reader is the product's error ("the reader failed
/// inside"), not a crash: the fuzz target lets it be caught as the product does.
pub fn docx(data: &[u8]) {
    let _ = extract::text_of(Packed::Docx, data);
}

pub fn pdf(data: &[u8]) {
    let _ = extract::text_of(Packed::Pdf, data);
}

/// Two revisions, the bytes before and after the first NUL, parsed and aligned as a
/// comparison does (within the provisions bound a recorded revision keeps to).
pub fn align(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (old, new) = text.split_once('\0').unwrap_or((&text, ""));
    let side = |t: &str| -> Option<Vec<(String, String)>> {
        let parsed = concord_core::draft::parse(t);
        (parsed.len() <= concord_core::draft::compare::MAX_PROVISIONS)
            .then(|| parsed.into_iter().map(|p| (p.label, p.text)).collect())
    };
    if let (Some(old), Some(new)) = (side(old), side(new)) {
        let (entries, _) = concord_core::draft::align::align_bounded(&old, &new);
        assert!(entries.len() <= old.len() + new.len());
    }
}
