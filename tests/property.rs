//! Property: any verbatim run of at least three words of a source is found
//! as `verbatim` at exactly its byte range, or at another place with the same
//! words. Runs are drawn at random (fixed seed) from the real public-domain
//! sources bundled in examples/data.

mod common;

use quotecheck::text::{fold_word_into, words};
use quotecheck::{Checker, Verdict};

/// xorshift64*: a fixed-seed generator, so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn keys(text: &str) -> Vec<String> {
    words(text)
        .map(|(_, w)| {
            let mut k = String::new();
            fold_word_into(w, &mut k);
            k
        })
        .collect()
}

#[test]
fn verbatim_runs_are_found_where_they_are() {
    let store = common::demo_store();
    let mut checker = Checker::new();
    let mut rng = Rng(0x5EED_0FC0_FFEE);
    let mut checked = 0;
    for round in 0..3000 {
        let s = rng.below(store.len());
        let source = store.source(s);
        let text = source.text();
        // Words of the source that are speech (not labels or cue timings).
        let spoken: Vec<(usize, &str)> = words(text)
            .filter(|(at, _)| {
                !source
                    .turns()
                    .iter()
                    .any(|t| (t.label.0 as usize..t.label.1 as usize).contains(at))
            })
            .collect();
        if spoken.len() < 10 {
            continue;
        }
        let len = 3 + rng.below(25);
        let first = rng.below(spoken.len() - len);
        let (start, _) = spoken[first];
        let (last_at, last_w) = spoken[first + len - 1];
        let end = last_at + last_w.len();
        let quote = &text[start..end];
        // Runs over layout (a label, a cue timing, a time stamp) are not
        // what anyone would quote.
        let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
        let after_timing = text[line_start..start].contains("-->");
        // YAML front matter is metadata, not speech.
        let front_matter_end = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.find("\n---"))
            .map_or(0, |p| p + 8);
        let crosses_label = start < front_matter_end
            || source
                .turns()
                .iter()
                .any(|t| (t.label.0 as usize) < end && start < t.label.1 as usize);
        let cue_number = after_timing
            || crosses_label
            || quote.contains(")")
            || quote.contains("\nQ")
            || quote
                .lines()
                .any(|l| !l.trim().is_empty() && l.trim().bytes().all(|b| b.is_ascii_digit()));
        if cue_number
            || quote.contains("-->")
            || quote.contains(':')
            || quote.contains('(')
            || quote.contains('[')
            || quote.contains('<')
            || quote.contains('\\')
        {
            continue;
        }
        let report = checker.check(&store, quote, None).unwrap();
        checked += 1;
        let best = report
            .best()
            .unwrap_or_else(|| panic!("round {round}: {quote:?} not found"));
        assert_eq!(
            report.verdict(),
            Verdict::Verbatim,
            "round {round}: {quote:?} in {} got {:?}: {:?}",
            source.id(),
            report.verdict(),
            best.edits()
        );
        if !(best.source_index() == s && best.range() == (start..end)) {
            assert_eq!(
                keys(best.text()),
                keys(quote),
                "round {round}: {quote:?} found elsewhere as {:?}",
                best.text()
            );
        }
    }
    assert!(checked > 1500, "only {checked} runs checked");
}
