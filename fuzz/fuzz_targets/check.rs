//! A source and a quote (split at the first NUL byte; an optional speaker
//! after a second): the indexed and the exhaustive search both run without
//! a panic, every span lies in the source on char boundaries, and a store
//! saved and opened again gives the same verdict as the store it was saved
//! from.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotecheck::{Checker, SourceDoc, Store};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\0');
    let (Some(source), Some(quote)) = (parts.next(), parts.next()) else {
        return;
    };
    let speaker = parts.next();
    let mut store = Store::new();
    if store.add(SourceDoc::new("s", source).label("MR. SMITH", "John Smith")).is_err() {
        return;
    }
    let mut checker = Checker::new();
    let Ok(report) = checker.check(&store, quote, speaker) else {
        return;
    };
    let verdict = report.verdict();
    for m in report.matches() {
        let r = m.range();
        assert!(r.start <= r.end && r.end <= source.len());
        assert!(source.is_char_boundary(r.start) && source.is_char_boundary(r.end));
        for e in m.edits() {
            let _ = (m.quote_text(e), m.source_text(e));
        }
    }
    let _ = report.missing_words().count();
    let mut reference = Checker::new();
    let _ = reference.check_exhaustive(&store, quote, speaker);

    let path = std::env::temp_dir().join(format!("qc-fuzz-check-{}.qcs", std::process::id()));
    if store.save(&path).is_ok() {
        let opened = Store::open(&path).expect("a store just saved opens");
        let again = checker.check(&opened, quote, speaker).expect("checked before").verdict();
        assert_eq!(again, verdict);
    }
    let _ = std::fs::remove_file(&path);
});
