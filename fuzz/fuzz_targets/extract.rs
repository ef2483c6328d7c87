//! Extraction of any text: no panic, and every range it reports lies in the
//! text on char boundaries (quotes, speaker mentions, unmatched marks).
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotecheck::extract::Extractor;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut extractor = Extractor::new();
    let found = extractor.extract(text);
    let fits = |(a, b): (u32, u32)| {
        a <= b && (b as usize) <= text.len() && text.is_char_boundary(a as usize) && text.is_char_boundary(b as usize)
    };
    for q in found.quotes() {
        assert!(fits(q.text), "{q:?}");
        if let Some(m) = q.speaker_mention {
            assert!(fits(m), "{q:?}");
        }
        let _ = (found.text_of(q), found.speaker_name(q), found.speaker_mention(q));
    }
    for &m in found.unmatched_marks() {
        assert!(fits(m));
    }
});
