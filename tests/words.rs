//! `text::words` (an ASCII fast path beside the Unicode tables) gives
//! exactly the words of UAX #29 word segmentation, on random strings and on
//! every real text the project ships.

use unicode_segmentation::UnicodeSegmentation;

/// UAX #29 words, with the one documented difference: words separated only
/// by invisible format characters (a zero-width space inside a word), the
/// second starting with a letter or digit, are one word.
fn reference(text: &str) -> Vec<(usize, &str)> {
    let words: Vec<(usize, &str)> = text
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .collect();
    let mut out: Vec<(usize, &str)> = Vec::new();
    for (i, w) in words {
        if let Some(last) = out.last_mut() {
            let end = last.0 + last.1.len();
            let between = &text[end..i];
            let glued = !between.is_empty()
                && between.chars().all(quotecheck::internals::is_format_char)
                && w.starts_with(char::is_alphanumeric);
            if glued {
                *last = (last.0, &text[last.0..i + w.len()]);
                continue;
            }
        }
        out.push((i, w));
    }
    out
}

fn ours(text: &str) -> Vec<(usize, &str)> {
    quotecheck::internals::words(text).collect()
}

#[test]
fn random_strings_agree_with_uax29() {
    const PIECES: &[&str] = &[
        "a", "B", "z", "7", "0", "_", ".", ",", ";", ":", "'", "\"", "-", "—", "’", "“", "é", " ",
        " ", "\n", "\t", "\u{a0}", "$", "%", "(", ")", "/", "1,500", "U.S.", "don't", "3.5", "a:b",
        "ab12", "x_y", "Ölfeld", "日本", "🙂", "\u{301}", "\u{200d}", "\u{200b}", "\u{ad}",
        "\u{feff}", "\u{2060}", "'90s", "..", ",,",
    ];
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    for _ in 0..20_000 {
        let n = next() % 24;
        let text: String = (0..n).map(|_| PIECES[next() % PIECES.len()]).collect();
        assert_eq!(ours(&text), reference(&text), "{text:?}");
    }
}

#[test]
fn real_texts_agree_with_uax29() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = Vec::new();
    for dir in [
        "examples/data",
        "examples/data/sources",
        "tests/fixtures/pd",
        "tests/fixtures/own",
        "tests/fixtures/articles",
    ] {
        for e in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                files.push(p);
            }
        }
    }
    assert!(files.len() > 20);
    for p in files {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        assert_eq!(ours(&text), reference(&text), "{}", p.display());
    }
}
