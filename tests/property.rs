//! Property: any verbatim run of at least three words of a source is found
//! as `verbatim` at exactly its byte range, or at another place with the same
//! words. Runs are drawn at random (fixed seed) from the real public-domain
//! sources bundled in examples/data.

mod common;

use common::Rng;

use quotecheck::internals::{fold_word_into, words};
use quotecheck::{Checker, Verdict};

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

/// Arbitrary text (random bytes decoded lossily, random runs of labels,
/// cue timings, brackets and quote marks) never makes adding or checking
/// panic, and every reported range lies on char boundaries inside its text.
#[test]
fn arbitrary_input_never_panics() {
    const PIECES: &[&str] = &[
        "MR. KIRBY:",
        "Q ",
        ">>",
        "\n",
        "\n\n",
        "(Laughter.)",
        "[",
        "]",
        "<s>",
        "</s>",
        "…",
        "...",
        " ",
        "é",
        "—",
        "“",
        "”",
        "’",
        "00:00:01,000 --> 00:00:02,000",
        "1\n",
        "Mr. NORTH.",
        "**X:**",
        "(00:12)",
        "we",
        "will",
        "not",
        "go",
        "A:",
        "<v Ann>",
        "---\n",
        "7:15 pm",
        "\u{a0}",
        "don't",
        "10",
        "ten",
        "Governor Clinton.",
    ];
    let mut rng = Rng(0xDEAD_BEEF_1234_5678);
    for round in 0..400 {
        let mut text = String::new();
        if round % 2 == 0 {
            let bytes: Vec<u8> = (0..rng.below(300)).map(|_| rng.next_u64() as u8).collect();
            text.push_str(&String::from_utf8_lossy(&bytes));
        }
        for _ in 0..rng.below(60) {
            text.push_str(PIECES[rng.below(PIECES.len())]);
        }
        let mut store = quotecheck::Store::new();
        store
            .add(quotecheck::SourceDoc::new("s", text.clone()))
            .unwrap();
        let mut checker = Checker::new();
        for _ in 0..5 {
            let a = rng.below(text.len() + 1);
            let b = rng.below(text.len() + 1);
            let (a, b) = (a.min(b), a.max(b));
            if !text.is_char_boundary(a) || !text.is_char_boundary(b) {
                continue;
            }
            if let Ok(report) = checker.check(&store, &text[a..b], Some("Kirby")) {
                for m in report.matches() {
                    let r = m.range();
                    assert!(
                        text.is_char_boundary(r.start)
                            && text.is_char_boundary(r.end)
                            && r.end <= text.len()
                    );
                    for e in m.edits() {
                        let _ = (m.quote_text(e), m.source_text(e));
                    }
                }
                for (s, e) in report.missing_words() {
                    assert!(
                        text[a..b].is_char_boundary(s as usize)
                            && text[a..b].is_char_boundary(e as usize)
                    );
                }
            }
        }
    }
}
