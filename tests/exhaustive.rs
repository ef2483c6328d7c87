//! The indexed search finds what an exhaustive search (every source aligned
//! whole, no index) finds: the same verdict, at the same place, for quotes
//! cut from the real bundled sources — verbatim, with a word changed, with
//! a word dropped, cut with an ellipsis — and for absent ones.

mod common;

use quotecheck::{Checker, Verdict};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

#[test]
fn indexed_and_exhaustive_search_agree() {
    let store = common::demo_store();
    let sources: Vec<(String, Vec<&str>)> = store
        .sources()
        .map(|s| (s.id().to_string(), s.text().split_whitespace().collect()))
        .collect();
    let mut rng = Rng(0xA076_1D64_78BD_642F);
    let mut indexed = Checker::new();
    let mut exhaustive = Checker::new();
    let mut disagreements = Vec::new();
    let mut kinds = [0usize; 5];
    for i in 0..400 {
        let (_, words) = &sources[rng.next() % sources.len()];
        let n = 8 + rng.next() % 25;
        if words.len() < n + 40 {
            continue;
        }
        let at = rng.next() % (words.len() - n - 40);
        let kind = i % 5;
        let quote = match kind {
            0 => words[at..at + n].join(" "),
            1 => {
                let mut w = words[at..at + n].to_vec();
                w[n / 2] = "zebra";
                w.join(" ")
            }
            2 => {
                let mut w = words[at..at + n].to_vec();
                w.remove(n / 2);
                w.join(" ")
            }
            3 => {
                let skip = 5 + rng.next() % 30;
                format!(
                    "{} ... {}",
                    words[at..at + n / 2].join(" "),
                    words[at + n / 2 + skip..at + n + skip].join(" ")
                )
            }
            _ => (0..n)
                .map(|_| {
                    ["zebra", "quantum", "lighthouse", "marmalade", "accordion"][rng.next() % 5]
                })
                .collect::<Vec<_>>()
                .join(" "),
        };
        kinds[kind] += 1;
        let a = indexed.check(&store, &quote, None);
        let b = exhaustive.check_exhaustive(&store, &quote, None);
        let (Ok(a), Ok(b)) = (a, b) else {
            continue;
        };
        let place =
            |r: &quotecheck::Report<'_>| r.best().map(|m| (m.source_id().to_string(), m.range()));
        let same_place = match (place(&a), place(&b)) {
            (Some((sa, ra)), Some((sb, rb))) => {
                // The same words elsewhere count as the same place.
                sa == sb && ra.start < rb.end && rb.start < ra.end
                    || a.best().unwrap().text() == b.best().unwrap().text()
            }
            (None, None) => true,
            _ => false,
        };
        if a.verdict() != b.verdict() || !same_place {
            disagreements.push(format!(
                "{quote:?}: indexed {:?} {:?}, exhaustive {:?} {:?}",
                a.verdict(),
                place(&a),
                b.verdict(),
                place(&b)
            ));
        }
        if kind == 4 {
            assert_eq!(a.verdict(), Verdict::NotFound, "{quote}");
        }
    }
    assert!(kinds.iter().all(|&k| k >= 40), "{kinds:?}");
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}
