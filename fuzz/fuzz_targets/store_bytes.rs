//! Store-file bytes with every checksum recomputed first (so the fuzzer
//! explores the structure, not the CRCs): opening them, lazily from a file
//! and whole from bytes, is an error or a store that checks quotes and
//! saves without a panic; merging them with a store file is an error or a
//! file that opens and checks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotecheck::{Checker, Store};

fuzz_target!(|data: &[u8]| {
    let mut bytes = data.to_vec();
    if quotecheck::internals::reseal(&mut bytes).is_err() {
        return;
    }
    if let Ok(store) = Store::from_bytes(&bytes) {
        exercise(&store);
    }
    let path = std::env::temp_dir().join(format!("qc-fuzz-store-{}.qcs", std::process::id()));
    if std::fs::write(&path, &bytes).is_ok() {
        if let Ok(store) = Store::open(&path) {
            exercise(&store);
        }
        merge_with_a_store(&path);
        let _ = std::fs::remove_file(&path);
    }
});

fn exercise(store: &Store) {
    let mut checker = Checker::new();
    for quote in ["the", "we will not raise taxes", "a … b", "[x] y z"] {
        if let Ok(r) = checker.check(store, quote, Some("Smith")) {
            for m in r.matches() {
                let _ = (m.text(), m.edits().len(), m.speaker(), m.time());
            }
        }
    }
    let path = std::env::temp_dir().join(format!("qc-fuzz-resave-{}.qcs", std::process::id()));
    let _ = store.save(&path);
    let _ = std::fs::remove_file(&path);
}

/// The file at `path` merged after a small real store: an error, or a
/// merged file that opens and checks.
fn merge_with_a_store(path: &std::path::Path) {
    let dir = std::env::temp_dir();
    let first = dir.join(format!("qc-fuzz-merge-a-{}.qcs", std::process::id()));
    let out = dir.join(format!("qc-fuzz-merge-out-{}.qcs", std::process::id()));
    let mut store = Store::new();
    let doc = quotecheck::SourceDoc::new("fuzz-first", "We will not raise taxes this year.");
    if store.add(doc).is_err() || store.save(&first).is_err() {
        return;
    }
    if Store::merge_files(&[first.as_path(), path], &out).is_ok() {
        if let Ok(merged) = Store::open(&out) {
            exercise(&merged);
        }
    }
    let _ = std::fs::remove_file(&first);
    let _ = std::fs::remove_file(&out);
}
