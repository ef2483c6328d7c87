//! A small tokenizer for the text around a quote: words (with abbreviation
//! periods kept, `U.S.`, `Sen.`) and the punctuation attribution reads.
//!
//! Attribution looks at a few dozen words around each quote, so this runs on
//! short windows only; it is hand-written (no UAX #29 tables) because the
//! decisions it feeds are about punctuation, not about word boundaries in
//! every script.

#![forbid(unsafe_code)]

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters or digits (with inner `.`, `'`, `’`, `-`).
    Word,
    /// `,`
    Comma,
    /// `:`
    Colon,
    /// A sentence end: `.`, `!`, `?`, `;`.
    End,
    /// `—`, `–`, `--`, `(`, `)`.
    Dash,
    /// A quote mark.
    Mark,
    /// Anything else.
    Other,
}

/// A token: its byte range in the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
}

impl Tok {
    pub(crate) fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }
}

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "adm", "st",
    "jr", "sr", "prof", "rev", "hon", "pres", "sec", "maj", "cmdr", "vs", "no", "inc", "corp",
    "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.n", "u.k", "d.c", "e.u", "a.m", "p.m", "ca", "bzw", "z.b", "dr", "nr", "str",
    "bzw", "ca", "etc",
];

/// Is `word` (without its period) an abbreviation or an initial?
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    initial || word.contains('.') || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Tokenizes `text[from..to]` into `out` (cleared first).
pub(crate) fn tokenize(text: &str, from: usize, to: usize, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to {
        let c = match text[i..to].chars().next() {
            Some(c) => c,
            None => break,
        };
        let len = c.len_utf8();
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + len;
            while j < to {
                let d = text[j..to].chars().next().unwrap_or(' ');
                if d.is_alphanumeric() {
                    j += d.len_utf8();
                    continue;
                }
                // Inner punctuation joins when a letter or digit follows.
                if matches!(d, '.' | '\'' | '’' | '-' | '‐' | '&') {
                    let after = text[j + d.len_utf8()..to].chars().next();
                    if after.is_some_and(char::is_alphanumeric) {
                        j += d.len_utf8();
                        continue;
                    }
                }
                break;
            }
            // An abbreviation keeps its period: `Sen.`, `U.S.`, `J.`, and
            // so does a word whose period is followed by `,` or `)`
            // ("R-Ky.,", "(D-Wis.)").
            if j < to && bytes[j] == b'.' {
                let word = &text[start..j];
                if is_abbreviation(word) || matches!(bytes.get(j + 1), Some(b',' | b')')) {
                    j += 1;
                }
            }
            out.push(Tok {
                start: start as u32,
                end: j as u32,
                kind: Kind::Word,
            });
            i = j;
            continue;
        }
        let kind = match c {
            ',' => Kind::Comma,
            ':' => Kind::Colon,
            '.' | '!' | '?' | ';' | '…' => Kind::End,
            '—' | '–' | '―' | '(' | ')' => Kind::Dash,
            '-' if bytes.get(i + 1) == Some(&b'-') => Kind::Dash,
            // " - " set off by spaces is a dash in plain-text copy.
            '-' if i > from
                && bytes[i - 1].is_ascii_whitespace()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace) =>
            {
                Kind::Dash
            }
            '"' | '\'' | '“' | '”' | '„' | '‘' | '’' | '‚' | '«' | '»' | '‹' | '›' | '「'
            | '」' | '『' | '』' => Kind::Mark,
            c if c.is_whitespace() => {
                i += len;
                continue;
            }
            _ => Kind::Other,
        };
        out.push(Tok {
            start: i as u32,
            end: (i + len) as u32,
            kind,
        });
        i += len;
    }
}

/// The most tokens a parenthetical aside may hold to be dropped.
const MAX_ASIDE_TOKENS: usize = 6;

/// Drops short asides in parentheses from `toks`: "Sen. Claire McCaskill
/// (D-Mo.) scolded him", "Rep. Gwen Moore (D-Wis.) said". A party tag or a
/// state between a name and its verb hides the subject from rules that read
/// a name followed by a verb. (Long parentheses, and those holding a quote
/// mark or another parenthesis, stay: they may be what is attributed.)
pub(crate) fn drop_asides(text: &str, toks: &mut Vec<Tok>) {
    let is = |t: &Tok, s: &str| t.kind == Kind::Dash && t.text(text) == s;
    let mut write = 0;
    let mut read = 0;
    while read < toks.len() {
        if is(&toks[read], "(") {
            let inside = toks[read + 1..]
                .iter()
                .take(MAX_ASIDE_TOKENS + 1)
                .position(|t| t.kind == Kind::Mark || t.kind == Kind::Dash);
            if let Some(k) = inside.filter(|&k| is(&toks[read + 1 + k], ")")) {
                read += k + 2;
                continue;
            }
        }
        toks[write] = toks[read];
        write += 1;
        read += 1;
    }
    toks.truncate(write);
}

/// Is `word` capitalised (its first letter upper case)?
pub(crate) fn capitalised(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_asides_are_dropped() {
        let words = |text: &str| {
            let mut toks = Vec::new();
            tokenize(text, 0, text.len(), &mut toks);
            drop_asides(text, &mut toks);
            toks.iter()
                .map(|t| t.text(text).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            words("Sen. Claire McCaskill (D-Mo.) scolded him:"),
            ["Sen.", "Claire", "McCaskill", "scolded", "him", ":"]
        );
        // Long, quoted or unclosed parentheses stay.
        let long = "Smith (who had led the party for seven years) said";
        assert_eq!(words(long).len(), 12);
        assert_eq!(words("Smith (“no”) said").len(), 7);
        assert_eq!(words("Smith (D-Wis said").len(), 4);
    }

    #[test]
    fn abbreviations_keep_their_period() {
        let text = "Sen. John Smith of the U.S. Senate said. Then J. Doe, 42, left!";
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        assert_eq!(
            words,
            [
                "Sen.", "John", "Smith", "of", "the", "U.S.", "Senate", "said", ".", "Then", "J.",
                "Doe", ",", "42", ",", "left", "!"
            ]
        );
        assert_eq!(toks[8].kind, Kind::End);
    }
}
