//! Who a name is: the fullest form the article gives it.
//!
//! A surname or a title form ("Mr Blair", "Lord Butler", "Prime Minister
//! Blair") resolves to the first full mention of that person, among the
//! speakers so far or in the text ("Tony Blair"); "Sir John" to the "Sir John
//! Bourn" named before; "the alliance" to the "Countryside Alliance" named
//! before. A person never named in full keeps the honorific ("Lord Tebbit").
//! Each surname is searched once per article ([`SurnameMemo`]), and every
//! other look-back is bounded in bytes, so resolution stays linear.

#![forbid(unsafe_code)]

use std::collections::HashMap;

use super::attribute::{Reader, What};
use super::cues;
use super::gender;
use super::tokens::{self, Kind, Tok, tokenize};
use super::window_start;

/// What [`full_name`] has learnt of one surname in this article: the first
/// speaker whose name ends in it and the earliest "First Surname" in the
/// text, once found (they do not change as the article goes on), and how
/// far the speakers and the text have been searched, so that each is
/// searched once per article, not once per mention ("Smith said" a
/// thousand times was quadratic).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct SurnameMemo {
    /// Where this surname was written (to tell hash collisions apart).
    at: (u32, u32),
    speaker: Option<(u32, u32)>,
    speakers_seen: usize,
    in_text: Option<(u32, u32)>,
    text_seen: usize,
    /// The first full mention after the first mention (searched once).
    later: Option<Option<(u32, u32)>>,
}

/// The first full mention of the person whose name (perhaps a surname
/// alone) is at `name`: an earlier speaker ending in the same word, or the
/// earliest "First Surname" in the text before — unless the two disagree
/// on gender ("Mrs. Clinton" is not the "Bill Clinton" named first; "Mr.
/// Obama" not "Michelle Obama"), when the name stays as written.
pub(super) fn full_name(
    text: &str,
    reader: &Reader<'_>,
    name: (u32, u32),
    speakers: &[((u32, u32), What)],
    memo: &mut HashMap<u64, SurnameMemo>,
    scratch: &mut Vec<Tok>,
) -> (u32, u32) {
    let full = fullest_form(text, reader, name, speakers, memo, scratch);
    if full == name {
        return full;
    }
    let nobody = gender::Learnt::default();
    let gender_of = |span: (u32, u32)| gender::of_name(text, span, &nobody);
    let (Some(want), Some(other)) = (gender_of(name), gender_of(full)) else {
        return full;
    };
    if want == other {
        return full;
    }
    // Another full mention of the surname that agrees, in the
    // [`GENDER_LOOKBACK_BYTES`] before (a few looks, each bounded).
    let surname = &text[full.0 as usize..full.1 as usize];
    let surname = surname.rsplit(' ').next().unwrap_or(surname);
    let mut from = window_start(text, name.0 as usize, GENDER_LOOKBACK_BYTES);
    for _ in 0..4 {
        let Some(next) = first_full_mention(text, reader, surname, from, name.0 as usize, scratch)
        else {
            break;
        };
        if gender_of(next) != Some(other) {
            return next;
        }
        from = next.1 as usize;
    }
    with_honorific(text, without_possessive_range(text, name))
}

/// How far back a full name agreeing in gender is looked for when the
/// first one found does not ("Michelle Obama … Barack Obama … Mr. Obama").
const GENDER_LOOKBACK_BYTES: usize = 5000;

fn fullest_form(
    text: &str,
    reader: &Reader<'_>,
    name: (u32, u32),
    speakers: &[((u32, u32), What)],
    memo: &mut HashMap<u64, SurnameMemo>,
    scratch: &mut Vec<Tok>,
) -> (u32, u32) {
    let written = &text[name.0 as usize..name.1 as usize];
    if let Some(full) = knighted_full_name(text, name) {
        return full;
    }
    // "Mr Blair", "Lord Butler", "Prime Minister Blair": titles and a
    // surname stand for the person the article names in full.
    let (written, start) = match written.rfind(' ') {
        Some(sp)
            if written[..sp]
                .split_whitespace()
                .all(crate::speaker::is_title) =>
        {
            (&written[sp + 1..], name.0 + sp as u32 + 1)
        }
        // "Mr Baez Silva": after an honorific, two words are a surname.
        Some(_) if honorific_before(text, name.0).is_some() && written.split(' ').count() == 2 => {
            (written, name.0)
        }
        Some(_) => return name,
        None => (written, name.0),
    };
    let surname = written.trim_end_matches(['’', '\'', 's']).len();
    let surname = &written[..surname.max(1).min(written.len())];
    let surname = if crate::claim::is_possessive(written) {
        surname
    } else {
        written
    };
    // An empty surname (a mention that is only titles and a space) would
    // match between every two bytes of the text, inside characters too.
    if surname.is_empty() {
        return name;
    }
    let key = crate::fasthash::hash_bytes(surname.as_bytes());
    let entry = memo.entry(key).or_default();
    let at = (start, start + surname.len() as u32);
    if entry.at == (0, 0) {
        entry.at = at;
    } else if &text[entry.at.0 as usize..entry.at.1 as usize] != surname {
        // Two surnames with one hash: start this one afresh.
        *entry = SurnameMemo {
            at,
            ..SurnameMemo::default()
        };
    }
    if entry.speaker.is_none() {
        let new = speakers.get(entry.speakers_seen..).unwrap_or_default();
        entry.speaker = new.iter().find_map(|&((s, e), what)| {
            let known = &text[s as usize..e as usize];
            (what == What::Person
                && known.len() > surname.len()
                && known.ends_with(surname)
                && known[..known.len() - surname.len()].ends_with(' '))
            .then_some((s, e))
        });
        entry.speakers_seen = speakers.len();
    }
    if let Some(found) = entry.speaker {
        return found;
    }
    if let Some(found) = entry.in_text.filter(|f| f.1 <= name.0) {
        return found;
    }
    // The earliest "First Surname" before this mention, searched from
    // where the last search of this surname stopped.
    let from = entry
        .text_seen
        .saturating_sub(surname.len())
        .min(name.0 as usize);
    entry.text_seen = entry.text_seen.max(name.0 as usize);
    if entry.in_text.is_none() {
        entry.in_text = first_full_mention(text, reader, surname, from, name.0 as usize, scratch);
    }
    if let Some(found) = entry.in_text.filter(|f| f.1 <= name.0) {
        return found;
    }
    // Named in full only later ("Lord Butler" ... "Robin Butler"): the first
    // full mention after this one, searched once per surname.
    if entry.later.is_none() {
        let after = name.1 as usize;
        entry.later = Some(first_full_mention(
            text,
            reader,
            surname,
            after,
            text.len(),
            scratch,
        ));
    }
    // Never named in full: as written, with the honorific ("Lord Tebbit",
    // "Mr Howard": who "Tebbit" is, the article leaves to the title).
    entry
        .later
        .flatten()
        .unwrap_or_else(|| with_honorific(text, without_possessive_range(text, name)))
}

/// Honorifics a name written without its first name keeps.
pub(super) const HONORIFICS: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Lord", "Lady", "Sir", "Dame",
    "Baroness", "Baron",
];

/// The name at `name` with the honorific written right before it, if any
/// (a name of one word: "Lord Tebbit", not "Mr Tony Blair").
pub(super) fn with_honorific(text: &str, name: (u32, u32)) -> (u32, u32) {
    match honorific_before(text, name.0) {
        Some(start) if !text[name.0 as usize..name.1 as usize].contains(' ') => (start, name.1),
        _ => name,
    }
}

/// Where the honorific written right before byte `at` starts, if any.
pub(super) fn honorific_before(text: &str, at: u32) -> Option<u32> {
    let before = text[..at as usize].strip_suffix(' ')?;
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, ' ' | '\n' | '(' | '"' | '“'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    HONORIFICS
        .contains(&&before[word_start..])
        .then_some(word_start as u32)
}

/// "Labour's" → "Labour": a group named by its possessive.
pub(super) fn without_possessive_range(text: &str, name: (u32, u32)) -> (u32, u32) {
    let written = &text[name.0 as usize..name.1 as usize];
    let base = crate::claim::without_possessive(written);
    (name.0, name.0 + base.len() as u32)
}

/// How far back "the Countryside Alliance" is looked for from "the alliance".
pub(super) const INSTITUTION_LOOKBACK_BYTES: usize = 2000;

/// "The alliance said" after "the Countryside Alliance": a definite common
/// noun that ends the name of an institution named just before stands for
/// it (the nearest, in the [`INSTITUTION_LOOKBACK_BYTES`] before).
pub(super) fn institution_named_before(text: &str, phrase: (u32, u32)) -> Option<(u32, u32)> {
    let written = &text[phrase.0 as usize..phrase.1 as usize];
    let mut words = written.split(' ');
    let (det, head) = (words.next()?, words.next()?);
    if words.next().is_some()
        || !det.eq_ignore_ascii_case("the")
        || !head.bytes().all(|b| b.is_ascii_lowercase())
        || head.len() < 3
        || head.len() > 24
    {
        return None;
    }
    let mut buf = [0u8; 24];
    let capital = &mut buf[..head.len()];
    capital.copy_from_slice(head.as_bytes());
    capital[0] = capital[0].to_ascii_uppercase();
    let from = window_start(text, phrase.0 as usize, INSTITUTION_LOOKBACK_BYTES);
    let window = &text[from..phrase.0 as usize];
    let finder = memchr::memmem::FinderRev::new(capital);
    finder.rfind_iter(window.as_bytes()).find_map(|at| {
        let end = at + head.len();
        if window[end..].starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        // The capitalised words before it: "Countryside Alliance".
        let mut start = at;
        for _ in 0..4 {
            let Some(prefix) = window[..start].strip_suffix(' ') else {
                break;
            };
            let word_start = prefix.rfind(' ').map_or(0, |i| i + 1);
            let word = &prefix[word_start..];
            let capitalised = word.starts_with(|c: char| c.is_uppercase())
                && word.chars().all(|c| c.is_alphanumeric() || c == '-');
            // A headline's Title Case capitalises its little words ("Singer
            // Benched By NBA Team"); a name keeps them lower-case.
            if !capitalised || TITLE_CASE_LITTLE_WORDS.contains(&word) {
                break;
            }
            start = word_start;
        }
        (start < at).then_some(((from + start) as u32, (from + end) as u32))
    })
}

/// Little words a headline capitalises and a name does not.
const TITLE_CASE_LITTLE_WORDS: &[&str] = &[
    "A", "About", "After", "An", "And", "Are", "As", "At", "By", "For", "From", "Has", "Have",
    "In", "Into", "Is", "Of", "On", "Or", "Over", "The", "To", "Was", "Were", "Will", "With",
];

/// How far back "Sir John Bourn" is looked for from "Sir John".
pub(super) const KNIGHTED_LOOKBACK_BYTES: usize = 2000;

/// "Sir John" (British usage: the title goes with the first name) for the
/// "Sir John Bourn" named before, in the [`KNIGHTED_LOOKBACK_BYTES`] before.
pub(super) fn knighted_full_name(text: &str, name: (u32, u32)) -> Option<(u32, u32)> {
    let first = &text[name.0 as usize..name.1 as usize];
    let before = text[..name.0 as usize].trim_end_matches(' ');
    let title = before.rsplit(' ').next()?;
    if first.contains(' ') || !["Sir", "Dame"].contains(&title) {
        return None;
    }
    let from = window_start(text, name.0 as usize, KNIGHTED_LOOKBACK_BYTES);
    let window = &text[from..before.len()];
    let finder = memchr::memmem::Finder::new(first.as_bytes());
    for at in finder.find_iter(window.as_bytes()) {
        let titled =
            window[..at].trim_end_matches(' ').ends_with(title) && window[..at].ends_with(' ');
        let rest = &window[at + first.len()..];
        let Some(surname) = rest.strip_prefix(' ') else {
            continue;
        };
        let len = surname
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .unwrap_or(surname.len());
        let word = &surname[..len];
        if titled && len > 1 && word.starts_with(|c: char| c.is_uppercase()) {
            let start = (from + at) as u32;
            return Some((start, start + (first.len() + 1 + len) as u32));
        }
    }
    None
}

/// The earliest "First Surname" (one to three capitalised words before the
/// surname) whose surname starts in `text[from..to]`.
pub(super) fn first_full_mention(
    text: &str,
    reader: &Reader<'_>,
    surname: &str,
    from: usize,
    to: usize,
    scratch: &mut Vec<Tok>,
) -> Option<(u32, u32)> {
    let before = &text[..to];
    for at in memchr::memmem::find_iter(&before.as_bytes()[from..], surname.as_bytes()) {
        let at = from + at;
        let end = at + surname.len();
        if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let from = before[..at].len().saturating_sub(40);
        let mut from = from;
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        tokenize(text, from, at, scratch);
        let mut first = scratch.len();
        while first > 0 && {
            let t = &scratch[first - 1];
            t.kind == Kind::Word
                && tokens::capitalised(t.text(text))
                && !reader.cues.is_role(t.text(text))
                && !reader.cues.has(cues::List::FunctionWords, t.text(text))
                && scratch.len() - first < 3
        } {
            first -= 1;
        }
        if first < scratch.len()
            && scratch[scratch.len() - 1].end as usize + 1 == at
            && !in_title_case_line(text, at)
        {
            return Some((scratch[first].start, end as u32));
        }
    }
    None
}

/// How far around a mention its line is read to tell a headline.
const LINE_BYTES: usize = 300;

/// Is the line around byte `at` a headline in Title Case ("Lewinsky
/// Reporter Reveals That Originally Aired Broaddrick Video Was Edited")?
/// Its capitalised words run into a name without being one.
fn in_title_case_line(text: &str, at: usize) -> bool {
    let from = super::window_start(text, at, LINE_BYTES);
    let to = super::window_end(text, at, LINE_BYTES);
    let start = text[from..at].rfind('\n').map_or(from, |i| from + i + 1);
    let end = text[at..to].find('\n').map_or(to, |i| at + i);
    let line = &text[start..end];
    // (A sentence of names, "Prime Minister Tony Blair spoke in London.",
    // looks like Title Case too; a headline also capitalises its little
    // words.)
    let little = line.split_whitespace().skip(1).any(|w| {
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        TITLE_CASE_LITTLE_WORDS.contains(&w) || matches!(w, "That" | "Who" | "Says" | "Not")
    });
    little && super::title_case(line)
}

/// How far back "Equal Opportunities Commission (EOC)" is looked for from
/// "the EOC".
pub(super) const ACRONYM_LOOKBACK_BYTES: usize = 4000;

/// Words read back from the bracket for the spelt-out name.
const MAX_ACRONYM_WORDS: usize = 8;

/// "the EOC" → "Equal Opportunities Commission", where the article wrote
/// the name with the acronym after it in brackets (in the
/// [`ACRONYM_LOOKBACK_BYTES`] before); else the name as it is.
pub(super) fn expand_acronym(text: &str, name: (u32, u32)) -> (u32, u32) {
    let written = &text[name.0 as usize..name.1 as usize];
    let acronym = written
        .strip_prefix("the ")
        .or_else(|| written.strip_prefix("The "))
        .unwrap_or(written);
    if !(2..=6).contains(&acronym.len()) || !acronym.bytes().all(|b| b.is_ascii_uppercase()) {
        return name;
    }
    let mut bracketed = [0u8; 8];
    bracketed[0] = b'(';
    bracketed[1..=acronym.len()].copy_from_slice(acronym.as_bytes());
    bracketed[acronym.len() + 1] = b')';
    let needle = &bracketed[..acronym.len() + 2];
    let from = super::window_start(text, name.0 as usize, ACRONYM_LOOKBACK_BYTES);
    let window = &text[from..name.0 as usize];
    let Some(at) = memchr::memmem::rfind(window.as_bytes(), needle) else {
        return name;
    };
    // The capitalised words before the bracket, with "of", "for", "and"
    // between them ("Department for Work and Pensions"); the name opens at
    // the first capitalised one (a linking word cannot open it).
    let before = window[..at].trim_end_matches(' ');
    let mut name_start = before.len();
    let mut words = 0;
    let mut word_end = before.len();
    for word in before.rsplit(' ').take(MAX_ACRONYM_WORDS) {
        let word_start = word_end - word.len();
        word_end = word_start.saturating_sub(1);
        let capital = word.starts_with(|c: char| c.is_uppercase())
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
            && !matches!(word, "The" | "A" | "An");
        let link = matches!(word, "of" | "for" | "and") && words > 0;
        if !(capital || link) {
            break;
        }
        words += 1;
        if capital {
            name_start = word_start;
        }
    }
    if words < 2 || name_start >= before.len() {
        return name;
    }
    ((from + name_start) as u32, (from + before.len()) as u32)
}
