//! Extraction on arbitrary input: no panics, ranges on char boundaries
//! inside the input, quotes that overlap only when nested, speakers inside
//! the input.

use quotecheck::extract::{Extractor, QuoteKind};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "“",
    "”",
    "\"",
    "'",
    "‘",
    "’",
    "„",
    "«",
    "»",
    "‹",
    "›",
    "「",
    "」",
    "『",
    "』",
    "``",
    "''",
    "‚",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    ".",
    ",",
    ":",
    "—",
    "(",
    ")",
    "said",
    "Smith",
    "he",
    "she",
    "according to",
    "told",
    "Sen.",
    "U.S.",
    "officials",
    "the",
    "so-called",
    "they’ve",
    "’90s",
    "rock ’n’ roll",
    "O’Brien",
    "é",
    "🙂",
    "\u{a0}",
    "sagte",
    "laut",
    "der Sprecher",
    "we",
    "ＡＢ",
];

fn check(text: &str) {
    let mut ex = Extractor::new();
    let found = ex.extract(text);
    let quotes = found.quotes();
    for (i, q) in quotes.iter().enumerate() {
        for r in [q.text, q.open_mark, q.close_mark] {
            assert!(r.0 <= r.1 && r.1 as usize <= text.len(), "{text:?} {r:?}");
            assert!(text.is_char_boundary(r.0 as usize) && text.is_char_boundary(r.1 as usize));
        }
        assert!(
            q.open_mark.1 <= q.text.0 && q.text.1 <= q.close_mark.0,
            "{text:?}"
        );
        for r in [q.speaker, q.speaker_mention].into_iter().flatten() {
            assert!(r.0 <= r.1 && r.1 as usize <= text.len());
            assert!(text.is_char_boundary(r.0 as usize) && text.is_char_boundary(r.1 as usize));
        }
        if q.kind == QuoteKind::Other {
            assert!(q.speaker.is_none());
        }
        // Two quotes overlap only when one is nested in the other.
        for (j, o) in quotes.iter().enumerate().skip(i + 1) {
            let overlap = q.open_mark.0 < o.close_mark.1 && o.open_mark.0 < q.close_mark.1;
            if overlap {
                // `q` must be an ancestor of `o`, and contain it.
                let mut up = o.nested_in;
                let mut nested = false;
                while let Some(k) = up {
                    if k as usize == i {
                        nested = true;
                        break;
                    }
                    up = quotes[k as usize].nested_in;
                }
                let contained = q.open_mark.0 <= o.open_mark.0 && o.close_mark.1 <= q.close_mark.1;
                let nested = nested && contained;
                assert!(nested, "{text:?}: quotes {i} and {j} overlap");
            }
        }
    }
    for m in found.unmatched_marks() {
        assert!(text.is_char_boundary(m.0 as usize) && text.is_char_boundary(m.1 as usize));
    }
}

#[test]
fn random_strings_of_quote_marks_and_words() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let n = rng.below(60);
        let text: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        check(&text);
    }
}

#[test]
fn random_bytes_decoded_lossily() {
    let mut rng = Rng(12345);
    for _ in 0..2000 {
        let n = rng.below(200);
        // Biased towards the lead bytes of quote marks.
        let bytes: Vec<u8> = (0..n)
            .map(|_| match rng.below(6) {
                0 => [0xE2, 0x80, 0x9C, 0x9D, 0x98, 0x99, b'"', b'\''][rng.below(8)],
                1 => b' ',
                _ => rng.next() as u8,
            })
            .collect();
        check(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn real_articles_cut_at_every_char_boundary() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (cut, _) in text.char_indices().step_by(7) {
            check(&text[..cut]);
            check(&text[cut..]);
        }
    }
}
