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
