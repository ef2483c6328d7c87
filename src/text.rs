//! Folding and word tokens: the vocabulary every other module speaks.
//!
//! A quote and its source rarely agree byte for byte: one has curly quotes and
//! the other straight ones, one writes "U.S." and the other "US", a transcript
//! has a no-break space where the article has a plain one. Matching therefore
//! happens on *folded keys*, while every token remembers the byte range of its
//! original text so that offsets always point into what the caller gave us.
//!
//! Words are UAX #29 word segments (via `unicode-segmentation`) that contain at
//! least one alphanumeric character; everything between two words (spaces,
//! punctuation) is the *gap*, which takes no part in word alignment but is
//! compared afterwards so that punctuation changes are reported.
//!
//! Folding a word:
//! - lower case (full Unicode lower-casing);
//! - accents removed by canonical decomposition (`é` → `e`);
//! - `’ ‘ ‛ ′ ʼ` → `'` (so *they’ve* = *they've*);
//! - periods inside a word removed (`U.S` = `US`), and commas between digits
//!   removed (`1,500` = `1500`), because captions and style guides disagree on
//!   both and neither changes what was said.

#![forbid(unsafe_code)]

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_segmentation::UnicodeSegmentation;

/// Iterates over the words of `text` as `(byte offset, word)` pairs.
///
/// A word is a UAX #29 word segment containing at least one alphanumeric
/// character; punctuation and spaces are skipped.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    Words {
        text,
        at: 0,
        chunk_end: 0,
        unicode: None,
    }
}

/// [`words`] from byte `at` on, which must be where a chunk of
/// non-white-space begins ([`chunk_starts_at`]): chunks are segmented each
/// on its own, so these are exactly the words `words` gives from there.
pub(crate) fn words_from(text: &str, at: usize) -> impl Iterator<Item = (usize, &str)> {
    Words {
        text,
        at,
        chunk_end: at,
        unicode: None,
    }
}

/// Does a chunk of non-white-space begin at byte `at` (the text's start, or
/// just after white space), so that [`words_from`] can resume there?
pub(crate) fn chunk_starts_at(text: &str, at: usize) -> bool {
    at == 0
        || (text.is_char_boundary(at)
            && text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace))
}

/// The words of a text, chunk by chunk: whitespace never joins a word (UAX
/// #29 breaks around it), so each run of non-space characters is segmented
/// on its own — by hand when it is ASCII (nearly all news text), with the
/// full Unicode tables otherwise. tests/words.rs checks the two agree.
struct Words<'a> {
    text: &'a str,
    /// Where the ASCII scan continues, inside the current chunk.
    at: usize,
    /// End of the current chunk.
    chunk_end: usize,
    /// The current chunk's Unicode segments and its offset, when not ASCII.
    unicode: Option<(usize, unicode_segmentation::UWordBoundIndices<'a>)>,
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            if let Some((base, segs)) = &mut self.unicode {
                while let Some((i, w)) = segs.next() {
                    if !w.chars().any(char::is_alphanumeric) {
                        continue;
                    }
                    // A word split only by invisible format characters
                    // (`cam\u{200b}paign`, pasted from a web page) is one
                    // word: UAX #29 already keeps soft hyphens and joiners
                    // inside words, but breaks at a zero-width space.
                    let start = *base + i;
                    let mut end = start + w.len();
                    loop {
                        let rest = &self.text[end..self.chunk_end];
                        let invisible = rest.len() - rest.trim_start_matches(is_format_char).len();
                        let glued =
                            invisible > 0 && rest[invisible..].starts_with(char::is_alphanumeric);
                        if !glued {
                            break;
                        }
                        // Step over the format segment(s) and take the word.
                        let mut next_end = end;
                        for (j, seg) in segs.by_ref() {
                            next_end = *base + j + seg.len();
                            if seg.chars().any(char::is_alphanumeric) {
                                break;
                            }
                        }
                        if next_end <= end + invisible {
                            break;
                        }
                        end = next_end;
                    }
                    return Some((start, &self.text[start..end]));
                }
                self.unicode = None;
                self.at = self.chunk_end;
            }
            if self.at < self.chunk_end {
                if let Some(word) = self.next_ascii() {
                    return Some(word);
                }
                continue;
            }
            // The next chunk of non-whitespace characters, found byte by
            // byte where the text is ASCII (most of it) and by char elsewhere.
            let (start, end, ascii) = next_chunk(self.text, self.at)?;
            self.at = start;
            self.chunk_end = end;
            if !ascii {
                let chunk = &self.text[start..end];
                self.unicode = Some((start, chunk.split_word_bound_indices()));
            }
        }
    }
}

/// The chunk of non-whitespace (Unicode `White_Space`) characters at or
/// after byte `at`: (start, end, whether it is all ASCII).
fn next_chunk(text: &str, at: usize) -> Option<(usize, usize, bool)> {
    let b = text.as_bytes();
    let class = |c: u8| ASCII_CLASS[c as usize];
    let char_at = |i: usize| text.get(i..).and_then(|t| t.chars().next());
    let mut start = at;
    loop {
        let c = *b.get(start)?;
        if c < 0x80 {
            if class(c) & SPACE == 0 {
                break;
            }
            start += 1;
        } else {
            let ch = char_at(start)?;
            if !ch.is_whitespace() {
                break;
            }
            start += ch.len_utf8();
        }
    }
    let mut end = start;
    let mut ascii = true;
    loop {
        // ASCII that is not a space: one table load a byte.
        while end < b.len() && class(b[end]) & (SPACE | NOT_ASCII) == 0 {
            end += 1;
        }
        let Some(&c) = b.get(end) else { break };
        if c < 0x80 {
            break; // a space
        }
        let Some(ch) = char_at(end) else { break };
        if ch.is_whitespace() {
            break;
        }
        ascii = false;
        end += ch.len_utf8();
    }
    Some((start, end, ascii))
}

impl<'a> Words<'a> {
    /// The next word of an ASCII chunk, by the UAX #29 rules restricted to
    /// ASCII: letters and digits join (WB5, WB8-10), `_` joins them (WB13),
    /// `: . '` join two letters (WB6-7), `, ; . '` join two digits (WB11-12).
    fn next_ascii(&mut self) -> Option<(usize, &'a str)> {
        let b = self.text.as_bytes();
        let end = self.chunk_end;
        let class = |c: u8| ASCII_CLASS[c as usize];
        while self.at < end {
            let start = self.at;
            if class(b[start]) & WORD == 0 {
                self.at += 1;
                continue;
            }
            // From here on the byte before `i` is always a word byte.
            let mut i = start + 1;
            loop {
                while i < end && class(b[i]) & WORD != 0 {
                    i += 1;
                }
                if i >= end {
                    break;
                }
                let (prev, c) = (class(b[i - 1]), b[i]);
                let next = if i + 1 < end { class(b[i + 1]) } else { 0 };
                let letters = prev & next & ALPHA != 0 && matches!(c, b':' | b'.' | b'\'');
                let digits = prev & next & DIGIT != 0 && matches!(c, b',' | b';' | b'.' | b'\'');
                if letters || digits {
                    i += 2;
                    continue;
                }
                break;
            }
            self.at = i;
            let word = &self.text[start..i];
            if word.bytes().any(|c| class(c) & (ALPHA | DIGIT) != 0) {
                return Some((start, word));
            }
        }
        None
    }
}

/// [`ASCII_CLASS`] bits: joins a word (letter, digit, `_`), letter, digit,
/// ASCII white space, a byte past ASCII.
const WORD: u8 = 1;
const ALPHA: u8 = 2;
const DIGIT: u8 = 4;
const SPACE: u8 = 8;
const NOT_ASCII: u8 = 16;

/// Per byte, its class bits: one load where the segmenter tested ranges
/// per byte. White space is Unicode `White_Space` within ASCII (tab to
/// carriage return, space).
static ASCII_CLASS: [u8; 256] = {
    let mut t = [NOT_ASCII; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphabetic() {
            WORD | ALPHA
        } else if b.is_ascii_digit() {
            WORD | DIGIT
        } else if b == b'_' {
            WORD
        } else if matches!(b, b'\t'..=b'\r' | b' ') {
            SPACE
        } else {
            0
        };
        c += 1;
    }
    t
};

/// Is `c` an invisible format character (Unicode category Cf: soft hyphen,
/// zero-width space, joiners, word joiner, byte-order mark, bidirectional
/// marks, ...)? Copied text carries them inside words; they are not part of
/// what anyone said, so matching ignores them.
pub fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// Is `c` a pictograph or one of its modifiers (emoji, skin tones,
/// variation selectors)? Between words they are decoration, not
/// punctuation: a quote that leaves out "👨‍👩‍👧" changed nothing anyone said.
fn is_emoji(c: char) -> bool {
    matches!(
        c,
        '\u{2600}'..='\u{27bf}'
            | '\u{2b00}'..='\u{2bff}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{1f000}'..='\u{1faff}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// Appends the folded key of `word` to `out` (which is not cleared).
pub fn fold_word_into(word: &str, out: &mut String) {
    // Most words are plain ASCII letters and digits: lower-case them whole.
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    let mut prev: Option<char> = None;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\'' | '’' | '‘' | '‛' | '′' | 'ʼ' => out.push('\''),
            '.' => {}
            ',' if prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()) => {}
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c if is_format_char(c) => {}
            c => push_folded_non_ascii(c, out),
        }
        prev = Some(c);
    }
}

fn push_folded_non_ascii(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        match lower {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' => out.push('d'),
            _ => decompose_canonical(lower, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }),
        }
    }
}

/// Folds one punctuation or space character for gap comparison, or returns
/// `None` when it is a space of any kind (spaces never count as differences).
///
/// Dashes of every length fold to `-`, curly quotes to straight ones, and the
/// ellipsis character to `.` (three of them would be written, but gaps are
/// compared as sequences of folded marks with runs collapsed).
pub fn fold_gap_char(c: char) -> Option<char> {
    if c.is_whitespace() || is_format_char(c) || is_emoji(c) {
        return None;
    }
    Some(match c {
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
        '’' | '‘' | '‚' | '‛' | '‹' | '›' | '′' => '\'',
        '…' => '.',
        c => c,
    })
}

/// Compares two gaps (the text between two words) as sequences of folded
/// punctuation marks, ignoring spaces, markdown escapes (`\`) and repeated
/// marks (`--` = `—`, `...` = `…`). Returns `true` when they differ.
pub fn gaps_differ(a: &str, b: &str) -> bool {
    !gap_marks(a).eq(gap_marks(b))
}

fn gap_marks(gap: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = None;
    gap.chars()
        .filter_map(fold_gap_char)
        .filter(|&c| c != '\\')
        .filter(move |&c| {
            let repeat = last == Some(c);
            last = Some(c);
            !repeat
        })
}

/// Does `word` start with a capital letter? Used to tell names apart.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Converts a byte offset in `text` to a code-point offset (Python `str`
/// indices). `byte` must lie on a char boundary.
pub fn char_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.as_bytes()[..byte]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count()
}

/// Code-point offsets for many byte offsets of one text, each in constant
/// time: the number of chars before every [`CharIndex::BLOCK`]-byte block,
/// counted in one pass, then at most one block counted per query. (Counting
/// from the start for each quote made a 1 MB article with thousands of
/// quotes take 19 s through the C ABI.) Memory: 4 bytes per block, a
/// sixty-fourth of the text; the buffer is reused by [`CharIndex::build`].
///
/// ```
/// use quotecheck::CharIndex;
/// let text = "é a ".repeat(1000);
/// let mut index = CharIndex::default();
/// index.build(&text);
/// assert_eq!(index.char_offset(&text, 4), 3);
/// assert_eq!(index.char_offset(&text, 5000), text[..5000].chars().count());
/// ```
#[derive(Debug, Default, Clone)]
pub struct CharIndex {
    /// Chars before the start of each block.
    before: Vec<u32>,
}

impl CharIndex {
    /// Bytes per block.
    pub const BLOCK: usize = 256;

    /// Indexes `text` (replacing what was indexed before).
    pub fn build(&mut self, text: &str) {
        self.before.clear();
        let mut count = 0u32;
        for block in text.as_bytes().chunks(Self::BLOCK) {
            self.before.push(count);
            count += block.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u32;
        }
    }

    /// The code-point offset of byte `byte` (clamped to the text) of the
    /// text last built.
    pub fn char_offset(&self, text: &str, byte: usize) -> usize {
        let byte = byte.min(text.len());
        let block = byte / Self::BLOCK;
        let Some(&before) = self.before.get(block) else {
            return char_offset(text, byte);
        };
        before as usize
            + text.as_bytes()[block * Self::BLOCK..byte]
                .iter()
                .filter(|&&b| (b & 0xC0) != 0x80)
                .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_agrees_with_counting_from_the_start() {
        let text = "Señoras — “we”, 日本, 🙂 and plain ASCII. ".repeat(40);
        let mut index = CharIndex::default();
        index.build(&text);
        for b in (0..=text.len()).filter(|&b| text.is_char_boundary(b)) {
            assert_eq!(index.char_offset(&text, b), char_offset(&text, b), "{b}");
        }
    }

    fn fold(w: &str) -> String {
        let mut s = String::new();
        fold_word_into(w, &mut s);
        s
    }

    #[test]
    fn folds_case_quotes_accents_and_abbreviations() {
        assert_eq!(fold("They’ve"), fold("they've"));
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("ZELENSKYY"), "zelenskyy");
        assert_eq!(fold("U.S"), "us");
        assert_eq!(fold("1,500"), "1500");
        assert_eq!(fold("straße"), "strasse");
        assert_eq!(fold("Łódź"), "lodz");
        // A comma that is not between digits is not part of a word anyway,
        // but folding must not drop it blindly.
        assert_eq!(fold("a,b"), "a,b");
    }

    #[test]
    fn words_keep_original_byte_ranges() {
        let text = "Jean-Pierre said:\u{a0} “We’re not—” (Laughter.)";
        for (start, w) in words(text) {
            assert_eq!(&text[start..start + w.len()], w);
        }
        let ws: Vec<&str> = words(text).map(|(_, w)| w).collect();
        assert_eq!(ws, ["Jean", "Pierre", "said", "We’re", "not", "Laughter"]);
    }

    #[test]
    fn numbers_stay_whole() {
        let ws: Vec<&str> = words("1,500 troops for 90 days, 3.5%")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(ws, ["1,500", "troops", "for", "90", "days", "3.5"]);
    }

    #[test]
    fn gap_comparison_ignores_spacing_and_dash_style() {
        assert!(!gaps_differ(" ", "\u{a0} "));
        assert!(!gaps_differ("…", "..."));
        assert!(!gaps_differ(". ", ".\u{a0} "));
        assert!(gaps_differ(" ", ", "));
        assert!(gaps_differ(". ", "? "));
    }

    #[test]
    fn char_offsets() {
        let t = "“Ça va”";
        assert_eq!(char_offset(t, 0), 0);
        assert_eq!(char_offset(t, 3), 1);
        assert_eq!(char_offset(t, t.len()), 7);
    }
}

/// The examples of this module's items (the module is internal, so
/// they run as unit tests rather than doc tests).
#[cfg(test)]
mod examples {
    #[test]
    fn token_example() {
        use crate::text::words;
        let w: Vec<_> = words("They’ve said “no.”").collect();
        assert_eq!(w, vec![(0, "They’ve"), (10, "said"), (18, "no")]);
    }

    #[test]
    fn words_example() {
        let words: Vec<&str> = crate::text::words("U.S. officials, 1,500 troops")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(words, ["U.S", "officials", "1,500", "troops"]);
    }

    #[test]
    fn is_format_char_example() {
        assert!(crate::text::is_format_char('\u{ad}'));
        assert!(crate::text::is_format_char('\u{200b}'));
        assert!(!crate::text::is_format_char('a'));
    }

    #[test]
    fn fold_word_into_example() {
        let mut key = String::new();
        crate::text::fold_word_into("Théy’VE", &mut key);
        assert_eq!(key, "they've");
        key.clear();
        crate::text::fold_word_into("1,500", &mut key);
        assert_eq!(key, "1500");
    }

    #[test]
    fn fold_gap_char_example() {
        use crate::text::fold_gap_char;
        assert_eq!(fold_gap_char('—'), Some('-'));
        assert_eq!(fold_gap_char('\u{a0}'), None);
        assert_eq!(fold_gap_char('”'), Some('"'));
    }

    #[test]
    fn gaps_differ_example() {
        use crate::text::gaps_differ;
        assert!(!gaps_differ(" — ", " -- "));
        assert!(!gaps_differ(",\u{a0} ", ", "));
        assert!(gaps_differ(", ", " — "));
    }

    #[test]
    fn char_offset_example() {
        assert_eq!(crate::text::char_offset("é a", 3), 2);
    }
}
