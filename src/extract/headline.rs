//! Headline quotes: who said the words a headline quotes.
//!
//! A headline quotes a word or two of what someone says in the article
//! below it, and seldom names them: "Ministers deny care sums 'wrong'" is
//! the deputy minister's "We don't think we got our sums wrong", quoted in
//! the fourth paragraph; "Ministers 'naive' over phone-taps" is Javier
//! Solana's "it would be naive not to do it". The subject of the headline
//! ("Ministers") is often the one the words are about, not the speaker.
//!
//! So a headline's quote takes the speaker of the first quote below that
//! shares a word of substance with it (five letters or more, not a function
//! word; "progress" meets "progressing"), unless the headline opened with a
//! person the article names in full ("Brown 'proud of economy record'",
//! decided while reading the headline). With no such quote below, the
//! speaker read from the headline stays.
//!
//! Cost: each headline quote (at most [`MAX_HEADLINE_QUOTES`]) scans the
//! words of the quotes below once, until the first match.

#![forbid(unsafe_code)]

use super::attribute::Rule;
use super::cues::{Cues, List};
use super::gender;
use super::{Quote, QuoteKind};

/// Longest first paragraph taken for a headline (bytes).
const MAX_HEADLINE_BYTES: usize = 160;

/// Headline quotes given an echoed speaker; a line with more is no headline.
const MAX_HEADLINE_QUOTES: usize = 4;

/// Shortest word that counts as an echo (letters).
const MIN_ECHO_LETTERS: usize = 5;

/// Gives each quote of the article's headline the speaker of the first
/// quote below that repeats one of its words. `paragraphs` are the article's
/// paragraphs; `quotes` all its quotes, attributed.
pub(super) fn give_echoed_speakers(
    text: &str,
    cues: &Cues,
    paragraphs: &[(u32, u32)],
    quotes: &mut [Quote],
    learnt: &gender::Learnt,
) {
    if paragraphs.len() < 2 || !is_headline(text, paragraphs[0]) {
        return;
    }
    let in_headline = quotes.iter().take_while(|q| q.paragraph == 0).count();
    if in_headline > MAX_HEADLINE_QUOTES {
        return;
    }
    let (headline, body) = quotes.split_at_mut(in_headline);
    for q in headline.iter_mut() {
        if q.nested_in.is_some() || q.kind != QuoteKind::Speech {
            continue;
        }
        // "Brown 'proud of economy record'": the headline named a person.
        let named_person = q.speaker.is_some_and(|s| {
            text[s.0 as usize..s.1 as usize].contains(' ')
                && gender::of_name(text, s, learnt).is_some()
        });
        if named_person {
            continue;
        }
        let words = Substance::of(cues, &text[q.text.0 as usize..q.text.1 as usize]);
        let echo = body.iter().find(|b| {
            b.nested_in.is_none()
                && b.kind == QuoteKind::Speech
                && b.speaker.is_some()
                && words.repeated_in(&text[b.text.0 as usize..b.text.1 as usize])
        });
        if let Some(b) = echo {
            q.speaker = b.speaker;
            q.speaker_mention = b.speaker_mention;
            q.rule = Rule::Headline;
        }
    }
}

/// Is the paragraph a headline: short, one line, not ending a sentence?
fn is_headline(text: &str, (start, end): (u32, u32)) -> bool {
    let line = &text[start as usize..end as usize];
    let closed = line.trim_end_matches(['"', '\'', '’', '”', '»', '“', ' ']);
    line.len() <= MAX_HEADLINE_BYTES && !closed.ends_with(['.', ':', ';', ','])
}

/// Words of substance a headline quote can hold: a headline is at most
/// [`MAX_HEADLINE_BYTES`], and each word takes five letters and a break.
const MAX_SUBSTANCE_WORDS: usize = MAX_HEADLINE_BYTES / (MIN_ECHO_LETTERS + 1) + 1;

/// The words of substance of a headline quote (five letters or more, not
/// function words), picked out once and compared with every quote below.
struct Substance<'t> {
    words: [&'t str; MAX_SUBSTANCE_WORDS],
    len: usize,
}

impl<'t> Substance<'t> {
    fn of(cues: &Cues, quoted: &'t str) -> Self {
        let mut found = Substance {
            words: [""; MAX_SUBSTANCE_WORDS],
            len: 0,
        };
        let substantive = quoted
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= MIN_ECHO_LETTERS)
            .filter(|w| !cues.has(List::FunctionWords, w) && !cues.has(List::Stops, w));
        for w in substantive.take(MAX_SUBSTANCE_WORDS) {
            found.words[found.len] = w;
            found.len += 1;
        }
        found
    }

    /// Does `below` repeat one of the words? Words match ignoring case, or
    /// when the shorter one starts the longer ("progress", "progressing").
    fn repeated_in(&self, below: &str) -> bool {
        let words = &self.words[..self.len];
        below
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= MIN_ECHO_LETTERS)
            .any(|b| words.iter().any(|h| same_stem(h, b)))
    }
}

fn same_stem(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.get(..short.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(short))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::cues::ENGLISH;

    #[test]
    fn words_of_substance_match_by_stem() {
        assert!(Substance::of(&ENGLISH, "make progress").repeated_in("making good progress"));
        assert!(Substance::of(&ENGLISH, "wrong").repeated_in("We got our sums WRONG."));
        assert!(Substance::of(&ENGLISH, "sleaze").repeated_in("sleazes"));
        // Short and function words are no echo.
        assert!(!Substance::of(&ENGLISH, "will not").repeated_in("we will not"));
        assert!(!Substance::of(&ENGLISH, "their way").repeated_in("their way"));
        assert!(!Substance::of(&ENGLISH, "naive").repeated_in("native"));
    }

    #[test]
    fn a_headline_is_a_short_line_that_ends_no_sentence() {
        let t = "Ministers deny care sums 'wrong'";
        assert!(is_headline(t, (0, t.len() as u32)));
        let t = "“We will win,” said Smith.";
        assert!(!is_headline(t, (0, t.len() as u32)));
        let t = "Smith said:";
        assert!(!is_headline(t, (0, t.len() as u32)));
    }
}
