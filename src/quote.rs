//! A quote as the aligner sees it: words, ellipses and editorial brackets.
//!
//! - An ellipsis (`...`, `…`, `. . .`) marks an omission: the aligner lets
//!   it skip any number of source words (within the candidate window).
//! - A bracket standing alone (`[the president] said`) is an editorial
//!   insertion that may replace up to [`MAX_BRACKET_WORDS`] source words at no
//!   cost. A bracket inside a word (`[W]e`, `terrestrial[s]`) only changes
//!   letters: the word is matched without its brackets.
//!
//! Parsing writes into caller-owned buffers (cleared first), so a checker
//! reuses them for every quote.

#![forbid(unsafe_code)]

use crate::text::{fold_word_into, words};
use crate::vocab::{UNKNOWN, Vocab};

/// The most source words one editorial bracket may stand for ("[the
/// president]" for "he" is one; a long clarification rarely replaces more
/// than a short phrase).
pub const MAX_BRACKET_WORDS: usize = 6;

/// What a quote item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A word to match.
    Word,
    /// An ellipsis: an omission of any length.
    Ellipsis,
    /// `[...]` standing alone: an editorial insertion.
    Bracket,
}

/// One item of a parsed quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// What it is.
    pub kind: ItemKind,
    /// Byte range in the quote.
    pub start: u32,
    /// End of the byte range (exclusive).
    pub end: u32,
    /// Vocabulary id of the folded word ([`UNKNOWN`] if the store has never
    /// seen it, or for non-words).
    pub key: u32,
    /// Range of the folded word in the fold buffer.
    pub fold: (u32, u32),
    /// The word had letters in brackets (`[W]e`).
    pub editorial: bool,
}

impl Item {
    /// Is this a word?
    pub fn is_word(&self) -> bool {
        self.kind == ItemKind::Word
    }
}

/// Parses `quote` into `items`, folding words into `fold`.
pub fn parse(quote: &str, vocab: &Vocab, items: &mut Vec<Item>, fold: &mut String) {
    items.clear();
    fold.clear();
    let bytes = quote.as_bytes();
    let mut seg_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let special = match bytes[i] {
            b'.' => ellipsis_len(&bytes[i..]).map(|len| (ItemKind::Ellipsis, len)),
            0xE2 if bytes[i..].starts_with("…".as_bytes()) => {
                Some((ItemKind::Ellipsis, "…".len()))
            }
            b'[' => bracket_len(&bytes[i..])
                .filter(|&len| !attached(bytes, i, i + len))
                .map(|len| (ItemKind::Bracket, len)),
            _ => None,
        };
        if let Some((kind, len)) = special {
            push_words(quote, seg_start, i, vocab, items, fold);
            // Several ellipses in a row ("... …") are one omission.
            if !(kind == ItemKind::Ellipsis
                && items.last().is_some_and(|l| l.kind == ItemKind::Ellipsis))
            {
                items.push(Item {
                    kind,
                    start: i as u32,
                    end: (i + len) as u32,
                    key: UNKNOWN,
                    fold: (0, 0),
                    editorial: false,
                });
            } else if let Some(last) = items.last_mut() {
                last.end = (i + len) as u32;
            }
            i += len;
            seg_start = i;
        } else {
            i += 1;
        }
    }
    push_words(quote, seg_start, bytes.len(), vocab, items, fold);
}

/// `...` or `. . .` at the start of `b`.
fn ellipsis_len(b: &[u8]) -> Option<usize> {
    if b.starts_with(b"...") {
        let mut n = 3;
        while b.get(n) == Some(&b'.') {
            n += 1;
        }
        return Some(n);
    }
    b.starts_with(b". . .").then_some(5)
}

/// `[...]` at the start of `b`, on one line and short.
fn bracket_len(b: &[u8]) -> Option<usize> {
    let close = b.iter().take(200).position(|&c| c == b']' || c == b'\n')?;
    (b[close] == b']').then_some(close + 1)
}

/// Is the bracket at `start..end` glued to a word on either side?
fn attached(b: &[u8], start: usize, end: usize) -> bool {
    let word_byte = |c: u8| c.is_ascii_alphanumeric() || c >= 0x80 && c != 0xE2;
    (start > 0 && word_byte(b[start - 1])) || b.get(end).is_some_and(|&c| word_byte(c))
}

fn push_words(
    quote: &str,
    from: usize,
    to: usize,
    vocab: &Vocab,
    items: &mut Vec<Item>,
    fold: &mut String,
) {
    if from >= to {
        return;
    }
    let seg = &quote[from..to];
    let mut joined_until = 0usize;
    for (offset, word) in words(seg) {
        let mut start = from + offset;
        let mut end = start + word.len();
        if start < joined_until {
            continue;
        }
        // `[W]e`: widen over brackets glued to the word and the letters
        // beyond them, so the whole thing is one word.
        let mut editorial = false;
        let b = quote.as_bytes();
        loop {
            if start > from
                && b[start - 1] == b']'
                && let Some(open) = quote[from..start].rfind('[')
            {
                let open = from + open;
                start = open;
                while start > from && quote[..start].ends_with(char::is_alphanumeric) {
                    start -= quote[..start].chars().next_back().map_or(1, char::len_utf8);
                }
                editorial = true;
                continue;
            }
            if end < to
                && b[end] == b'['
                && let Some(close) = quote[end..to].find(']')
            {
                end += close + 1;
                while end < to && quote[end..].starts_with(char::is_alphanumeric) {
                    end += quote[end..].chars().next().map_or(1, char::len_utf8);
                }
                editorial = true;
                continue;
            }
            // `[w]e`: a bracketed letter glued to the rest of the word.
            if start > from && b[start - 1] == b'[' && end < to && b[end] == b']' {
                start -= 1;
                end += 1;
                while end < to && quote[end..].starts_with(char::is_alphanumeric) {
                    end += quote[end..].chars().next().map_or(1, char::len_utf8);
                }
                while start > from && quote[..start].ends_with(char::is_alphanumeric) {
                    start -= quote[..start].chars().next_back().map_or(1, char::len_utf8);
                }
                editorial = true;
                continue;
            }
            if editorial && end < to && b[end] == b']' {
                end += 1;
                continue;
            }
            break;
        }
        // Widening left must not reach into the word before.
        let prev_end = items.last().map_or(0, |i| i.end as usize);
        start = start.max(prev_end.max(from));
        while !quote.is_char_boundary(start) {
            start += 1;
        }
        if start >= end {
            continue;
        }
        joined_until = end;
        let fold_start = fold.len();
        if editorial {
            for piece in quote[start..end].split(['[', ']']) {
                fold_word_into(piece, fold);
            }
        } else {
            fold_word_into(&quote[start..end], fold);
        }
        let key = vocab.get(&fold[fold_start..]);
        items.push(Item {
            kind: ItemKind::Word,
            start: start as u32,
            end: end as u32,
            key,
            fold: (fold_start as u32, fold.len() as u32),
            editorial,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(q: &str) -> Vec<(ItemKind, String)> {
        let (mut items, mut fold) = (Vec::new(), String::new());
        parse(q, &Vocab::default(), &mut items, &mut fold);
        items
            .iter()
            .map(|i| (i.kind, q[i.start as usize..i.end as usize].to_string()))
            .collect()
    }

    #[test]
    fn ellipses_in_all_spellings() {
        use ItemKind::*;
        for q in [
            "a b ... c",
            "a b … c",
            "a b . . . c",
            "a b .... c",
            "a b... … c",
        ] {
            let kinds: Vec<ItemKind> = parsed(q).into_iter().map(|(k, _)| k).collect();
            assert_eq!(kinds, [Word, Word, Ellipsis, Word], "{q}");
        }
        // A period ending a sentence is not an ellipsis.
        let kinds: Vec<ItemKind> = parsed("a. b").into_iter().map(|(k, _)| k).collect();
        assert_eq!(kinds, [Word, Word]);
    }

    #[test]
    fn brackets_standing_alone_and_inside_words() {
        let p = parsed("[W]e said [the president] was terrestrial[s] right");
        let texts: Vec<&str> = p.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "[W]e",
                "said",
                "[the president]",
                "was",
                "terrestrial[s]",
                "right"
            ]
        );
        assert_eq!(p[2].0, ItemKind::Bracket);
        let (mut items, mut fold) = (Vec::new(), String::new());
        parse("[W]e", &Vocab::default(), &mut items, &mut fold);
        assert_eq!(fold, "we");
        assert!(items[0].editorial);
    }

    #[test]
    fn unbalanced_brackets_are_punctuation() {
        let p = parsed("we [will go");
        assert_eq!(p.len(), 3);
        assert!(p.iter().all(|(k, _)| *k == ItemKind::Word));
    }
}

/// The examples of this module's items (the module is internal, so
/// they run as unit tests rather than doc tests).
#[cfg(test)]
mod examples {
    #[test]
    fn parse_example() {
        use crate::quote::{ItemKind, parse};
        use crate::vocab::Vocab;
        let (mut items, mut fold) = (Vec::new(), String::new());
        parse(
            "[W]e will … not [the mayor] go",
            &Vocab::default(),
            &mut items,
            &mut fold,
        );
        let kinds: Vec<ItemKind> = items.iter().map(|i| i.kind).collect();
        use ItemKind::*;
        assert_eq!(kinds, [Word, Word, Ellipsis, Word, Bracket, Word]);
        assert_eq!(
            &fold[items[0].fold.0 as usize..items[0].fold.1 as usize],
            "we"
        );
    }
}
