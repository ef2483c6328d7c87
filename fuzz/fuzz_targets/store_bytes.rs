//! Store-file bytes with every checksum recomputed first (so the fuzzer
//! explores the structure, not the CRCs): opening them, lazily from a file
//! and whole from bytes, is an error or a store that checks quotes and
//! saves without a panic.
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
