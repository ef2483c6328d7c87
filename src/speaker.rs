//! Speaker names: are two mentions the same person?
//!
//! Newsrooms and transcripts name people differently: "MR. KIRBY",
//! "John Kirby", "Adm. Kirby", "NSC spokesman John Kirby". Two mentions are
//! the same person when their surnames (the last word after titles and role
//! words are removed) agree, ignoring case and accents. This allocates
//! nothing, so the checker can call it on the hot path.

#![forbid(unsafe_code)]

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words that are titles, honorifics or roles, never part of a name.
const TITLE_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "gen",
    "general",
    "brigadier",
    "lt",
    "col",
    "colonel",
    "major",
    "maj",
    "adm",
    "admiral",
    "rear",
    "vice",
    "president",
    "councilwoman",
    "councilman",
    "councillor",
    "alderman",
    "commissioner",
    "the",
    "chairman",
    "chairwoman",
    "chair",
    "secretary",
    "press",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "judge",
    "justice",
    "mayor",
    "prime",
    "minister",
    "sir",
    "dame",
    "lord",
    "hon",
    "honorable",
    "capt",
    "captain",
    "sgt",
    "deputy",
    "coordinator",
    "advisor",
    "adviser",
    "director",
    "official",
    "officials",
    "nsc",
    "white",
    "house",
    "pentagon",
    "u",
    "s",
    "us",
    "kremlin",
    "state",
    "department",
    "defense",
    "national",
    "security",
    "council",
    "for",
    "strategic",
    "communications",
    "of",
    "and",
    "another",
    "a",
    "an",
    "senior",
    "jr",
    "sr",
    "ii",
    "iii",
    "admiral's",
];

/// Labels of voices nobody named.
const UNIDENTIFIED: &[&str] = &[
    "unidentified",
    "unknown",
    "speaker",
    "voice",
    "crosstalk",
    "audience",
    "announcer",
    "moderator",
    "operator",
    "participant",
    "reporter",
    "question",
    "multiple",
    "off-mic",
];

fn fold_eq(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// Case- and accent-folded chars, without allocating.
fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.nfd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(char::to_lowercase)
}

/// The words of a name, without punctuation.
pub fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '(' | ')' | '*' | ':' | ';' | '"' | '“' | '”')
    })
    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
    .filter(|w| !w.is_empty())
}

/// Is this word a title or role (`MR.`, `President`, `spokesman`)?
pub fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    TITLE_WORDS.iter().any(|t| t.eq_ignore_ascii_case(w))
}

/// The surname: the last word that is not a title or role.
///
/// ```
/// use quotecheck::speaker::surname;
/// assert_eq!(surname("MS. JEAN-PIERRE").as_deref(), Some("JEAN-PIERRE"));
/// assert_eq!(surname("Brig. Gen. Pat Ryder").as_deref(), Some("Ryder"));
/// assert_eq!(surname("the spokesman"), None);
/// ```
pub fn surname(name: &str) -> Option<String> {
    surname_str(name).map(str::to_string)
}

fn surname_str(name: &str) -> Option<&str> {
    name_words(name).filter(|w| !is_title(w)).last()
}

/// Do two mentions name the same person? Surnames are compared, ignoring
/// case and accents; a mention with no name (only role words) matches
/// nothing.
///
/// ```
/// use quotecheck::speaker::same_person;
/// assert!(same_person("MR. KIRBY", "John Kirby"));
/// assert!(same_person("White House press secretary Karine Jean-Pierre", "MS. JEAN-PIERRE"));
/// assert!(!same_person("Another defense official", "Karine Jean-Pierre"));
/// ```
pub fn same_person(a: &str, b: &str) -> bool {
    match (surname_str(a), surname_str(b)) {
        (Some(x), Some(y)) => {
            if x.is_ascii() && y.is_ascii() {
                x.eq_ignore_ascii_case(y)
            } else {
                fold_eq(x, y)
            }
        }
        _ => false,
    }
}

/// Is this label a voice nobody named (`UNIDENTIFIED MALE`, `Speaker 1`)?
pub fn is_unidentified(label: &str) -> bool {
    name_words(label)
        .next()
        .is_some_and(|w| UNIDENTIFIED.iter().any(|u| u.eq_ignore_ascii_case(w)))
}

/// Compares two labels as written, ignoring case, spacing and a trailing
/// colon or period.
pub fn same_label(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String { name_words(s).collect::<Vec<_>>().join(" ").to_lowercase() };
    norm(a) == norm(b)
}

/// A label's name in title case, titles removed: `MS. JEAN-PIERRE` →
/// `Jean-Pierre`, `BRIGADIER GENERAL PAT RYDER` → `Pat Ryder`.
pub fn display_name(label: &str) -> String {
    let words: Vec<&str> = name_words(label).filter(|w| !is_title(w)).collect();
    let words = if words.is_empty() {
        name_words(label).collect()
    } else {
        words
    };
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        let shouted = !w.chars().any(char::is_lowercase);
        // News organisations interview people too (`VOA:`); their initials
        // stay initials.
        if shouted && OUTLETS.iter().any(|o| o.eq_ignore_ascii_case(w)) {
            out.push_str(w);
            continue;
        }
        let mut start = true;
        for c in w.chars() {
            if start {
                out.extend(c.to_uppercase());
            } else if shouted {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
            start = matches!(c, '-' | '\'' | '’');
        }
    }
    out
}

/// Initials of news organisations that appear as interviewers' labels.
const OUTLETS: &[&str] = &[
    "VOA", "AP", "AFP", "BBC", "CNN", "NPR", "PBS", "ABC", "CBS", "NBC", "MSNBC", "CNBC", "RFE/RL",
];

/// Finds "Firstname Surname" in `hay` for a surname given in any case:
/// `full_name_in("... Coordinator John Kirby", "KIRBY")` is `"John Kirby"`.
pub fn full_name_in(hay: &str, surname: &str) -> Option<String> {
    let lower_hay = hay.to_lowercase();
    let lower_name = surname.to_lowercase();
    if lower_hay.len() != hay.len() {
        return None;
    }
    let mut from = 0;
    while let Some(p) = lower_hay[from..].find(&lower_name) {
        let at = from + p;
        from = at + lower_name.len();
        let end = at + surname.len();
        let boundary_after = hay[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        let boundary_before = hay[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        // Written as a name ("Kirby"), not as a shouted label ("KIRBY:").
        let title_case = hay[at..].starts_with(char::is_uppercase)
            && hay[at..end].chars().any(char::is_lowercase);
        if !boundary_after || !boundary_before || !title_case {
            continue;
        }
        let before = hay[..at].trim_end_matches([' ', '\u{a0}', '_', '\\']);
        let first_start = before
            .rfind(|c: char| !(c.is_alphabetic() || c == '.' || c == '-'))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let first = &before[first_start..];
        if first.is_empty()
            || !first.starts_with(char::is_uppercase)
            || is_title(first)
            || first.len() < 2
        {
            return Some(hay[at..end].to_string());
        }
        return Some(format!("{first} {}", &hay[at..end]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_and_people() {
        assert!(same_person("ADM. KIRBY", "Kirby"));
        assert!(same_person("Admiral Kirby", "John Kirby"));
        assert!(same_person("Zelenskyy", "ZELENSKYY"));
        assert!(same_person("Müller", "MULLER"));
        assert!(!same_person("Kirby", "Ryder"));
        assert!(!same_person("the spokesman", "the spokesman"));
        assert!(same_person("the ministry", "The Ministry"));
        assert!(same_person("President Biden", "Joe Biden"));
    }

    #[test]
    fn display_names() {
        assert_eq!(display_name("MS. JEAN-PIERRE"), "Jean-Pierre");
        assert_eq!(display_name("BRIGADIER GENERAL PAT RYDER"), "Pat Ryder");
        assert_eq!(display_name("JOHN KIRBY"), "John Kirby");
        assert_eq!(display_name("O'BRIEN"), "O'Brien");
        assert_eq!(display_name("Karine Jean-Pierre"), "Karine Jean-Pierre");
        assert_eq!(display_name("VOA"), "VOA");
        assert_eq!(display_name("GORE"), "Gore");
    }

    #[test]
    fn names_in_headers() {
        let title = "Press Briefing by Press Secretary Karine Jean-Pierre and National Security Council Coordinator for Strategic Communications John Kirby";
        assert_eq!(
            full_name_in(title, "JEAN-PIERRE").as_deref(),
            Some("Karine Jean-Pierre")
        );
        assert_eq!(full_name_in(title, "KIRBY").as_deref(), Some("John Kirby"));
        assert_eq!(
            full_name_in("Remarks by President Biden", "BIDEN").as_deref(),
            Some("Biden")
        );
        assert_eq!(full_name_in("Kirbyville", "KIRBY"), None);
    }

    #[test]
    fn unidentified_voices() {
        assert!(is_unidentified("UNIDENTIFIED FEMALE"));
        assert!(is_unidentified("Speaker 1"));
        assert!(!is_unidentified("KIRBY"));
    }
}
