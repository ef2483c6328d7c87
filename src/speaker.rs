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

/// Words that are titles, honorifics or roles, never part of a name
/// (sorted, for a binary search).
const TITLE_WORDS: &[&str] = &[
    "a",
    "adm",
    "admiral",
    "admiral's",
    "adviser",
    "advisor",
    "alderman",
    "ambassador",
    "an",
    "and",
    "another",
    "brigadier",
    "capt",
    "captain",
    "chair",
    "chairman",
    "chairwoman",
    "col",
    "colonel",
    "commissioner",
    "communications",
    "coordinator",
    "council",
    "councillor",
    "councilman",
    "councilwoman",
    "dame",
    "defense",
    "department",
    "deputy",
    "director",
    "dr",
    "for",
    "gen",
    "general",
    "gov",
    "governor",
    "hon",
    "honorable",
    "house",
    "ii",
    "iii",
    "jr",
    "judge",
    "justice",
    "kremlin",
    "lord",
    "lt",
    "maj",
    "major",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "national",
    "nsc",
    "of",
    "official",
    "officials",
    "pentagon",
    "president",
    "press",
    "prime",
    "rear",
    "rep",
    "representative",
    "s",
    "secretary",
    "security",
    "sen",
    "senator",
    "senior",
    "sgt",
    "sir",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "sr",
    "state",
    "strategic",
    "the",
    "u",
    "us",
    "vice",
    "white",
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
    "aide",
    "interpreter",
    "translator",
    "protester",
    "heckler",
    "questioner",
    "male",
    "female",
    "staff",
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
    in_word_list(TITLE_WORDS, word.trim_end_matches('.'))
}

/// Is `word` in `list` (sorted, lower-case ASCII), ignoring case? A binary
/// search on the word lower-cased on the stack: no allocation, as name
/// comparison and speaker kinds run on every check. Words longer than 24
/// bytes are in no list.
pub(crate) fn in_word_list(list: &[&str], word: &str) -> bool {
    let mut buf = [0u8; 24];
    if word.len() > buf.len() || !word.is_ascii() {
        return false;
    }
    for (b, c) in buf.iter_mut().zip(word.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..word.len()]).unwrap_or("");
    list.binary_search(&lower).is_ok()
}

/// The surname: the last word that is not a title or role.
pub fn surname(name: &str) -> Option<String> {
    surname_str(name).map(str::to_string)
}

fn surname_str(name: &str) -> Option<&str> {
    name_words(name).filter(|w| !is_title(w)).last()
}

/// Do two mentions name the same person? Surnames are compared, ignoring
/// case and accents; a mention with no name (only role words) matches
/// nothing.
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
        .find(|w| !["the", "a", "an"].iter().any(|d| d.eq_ignore_ascii_case(w)))
        .is_some_and(|w| UNIDENTIFIED.iter().any(|u| u.eq_ignore_ascii_case(w)))
}

/// Is this resolved speaker name only a generic role ("Reporter", the
/// name given to `Q` turns), not a person?
pub fn is_generic_role(name: &str) -> bool {
    let mut words = name_words(name).peekable();
    words.peek().is_some()
        && words.all(|w| {
            UNIDENTIFIED.iter().any(|u| u.eq_ignore_ascii_case(w))
                || w.eq_ignore_ascii_case("member")
        })
}

/// Compares two labels as written, ignoring case, spacing and a trailing
/// colon or period.
#[cfg(test)]
fn same_label(a: &str, b: &str) -> bool {
    label_key(a) == label_key(b)
}

/// A label's words, lower-cased and joined by single spaces: equal for two
/// labels [`same_label`] calls the same.
pub fn label_key(label: &str) -> String {
    let mut key = String::new();
    for w in name_words(label) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(w.chars().flat_map(char::to_lowercase));
    }
    key
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
    // A name set in capitals ("PRESIDENT GERALD FORD AND GOVERNOR JIMMY
    // CARTER", a debate's title line), used when no title-case one is found.
    let mut shouted: Option<String> = None;
    // The surname alone, after a title: the last resort.
    let mut bare: Option<String> = None;
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
        if !boundary_after || !boundary_before {
            continue;
        }
        let before = hay[..at].trim_end_matches([' ', '\u{a0}', '_', '\\']);
        if !title_case {
            let first = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            let capitals = hay[at..end].chars().all(|c| !c.is_lowercase())
                && first.len() >= 2
                && first.chars().all(|c| c.is_uppercase())
                && !is_title(first)
                && first != "AND";
            if capitals && shouted.is_none() {
                shouted = Some(display_name(&format!("{first} {}", &hay[at..end])));
            }
            continue;
        }
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
            // "Governor Carter": a full name may come later.
            bare.get_or_insert_with(|| hay[at..end].to_string());
            continue;
        }
        return Some(format!("{first} {}", &hay[at..end]));
    }
    shouted.or(bare)
}

/// The person a role label stands for, named in a header: `THE PRESIDENT`
/// with "President Gerald Ford and Governor Jimmy Carter" gives "Gerald
/// Ford"; `THE MODERATOR` with "The moderator is Pauline Frederick" gives
/// "Pauline Frederick". The role's words must be followed (after at most a
/// linking "is", "was", comma or colon) by two or three capitalised name
/// words; anything else is no answer, and the label stays an unnamed voice.
pub fn role_holder_in(hay: &str, label: &str) -> Option<String> {
    let role: Vec<&str> = name_words(label)
        .filter(|w| !["the", "a", "an"].iter().any(|a| a.eq_ignore_ascii_case(w)))
        .collect();
    if role.is_empty() {
        return None;
    }
    let words: Vec<(usize, &str)> = hay
        .split(|c: char| c.is_whitespace())
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    'outer: for i in 0..words.len() {
        for (k, r) in role.iter().enumerate() {
            match words.get(i + k) {
                Some((_, w)) if bare(w).eq_ignore_ascii_case(r) => {}
                _ => continue 'outer,
            }
        }
        // The role's last word may carry the link itself ("moderator:").
        let mut j = i + role.len();
        let last = words[j - 1].1;
        let linked = last.ends_with([',', ':']);
        if !linked
            && let Some((_, w)) = words.get(j)
            && ["is", "was", "-", "—", "–"].contains(w)
        {
            j += 1;
        }
        let mut name: Vec<&str> = Vec::new();
        while let Some((_, w)) = words.get(j) {
            let core = w.trim_end_matches([',', '.', ':', ';', ')']);
            let is_initial = core.len() == 2 && core.ends_with('.');
            let capitalised = core.chars().next().is_some_and(char::is_uppercase)
                && core
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
            if !capitalised || (is_title(core) && !is_initial) || name.len() == 3 {
                break;
            }
            name.push(core);
            j += 1;
            // A name ends at its punctuation ("Frederick." / "Ford,").
            if core.len() < w.len() {
                break;
            }
        }
        if name.len() >= 2 {
            return Some(display_name(&name.join(" ")));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_are_sorted_lower_case_and_short() {
        assert!(TITLE_WORDS.windows(2).all(|p| p[0] < p[1]));
        assert!(
            TITLE_WORDS
                .iter()
                .all(|w| w.len() <= 16 && !w.bytes().any(|b| b.is_ascii_uppercase()))
        );
    }

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
        assert!(is_unidentified("THE MODERATOR"));
    }
}

/// The examples of this module's items (the module is internal, so
/// they run as unit tests rather than doc tests).
#[cfg(test)]
mod examples {
    #[test]
    fn surname_example() {
        use crate::speaker::surname;
        assert_eq!(surname("MS. JEAN-PIERRE").as_deref(), Some("JEAN-PIERRE"));
        assert_eq!(surname("Brig. Gen. Pat Ryder").as_deref(), Some("Ryder"));
        assert_eq!(surname("the spokesman"), None);
    }

    #[test]
    fn same_person_example() {
        use crate::speaker::same_person;
        assert!(same_person("MR. KIRBY", "John Kirby"));
        assert!(same_person(
            "White House press secretary Karine Jean-Pierre",
            "MS. JEAN-PIERRE"
        ));
        assert!(!same_person(
            "Another defense official",
            "Karine Jean-Pierre"
        ));
    }

    #[test]
    fn is_generic_role_example() {
        assert!(crate::speaker::is_generic_role("Reporter"));
        assert!(!crate::speaker::is_generic_role("John Kirby"));
    }

    #[test]
    fn same_label_example() {
        assert!(crate::speaker::same_label(
            "THE PRESIDENT.",
            "The  President"
        ));
    }

    #[test]
    fn role_holder_in_example() {
        use crate::speaker::role_holder_in;
        let header = "DEBATE: PRESIDENT GERALD FORD AND GOVERNOR JIMMY CARTER. The moderator is Pauline Frederick.";
        assert_eq!(
            role_holder_in(header, "THE PRESIDENT").as_deref(),
            Some("Gerald Ford")
        );
        assert_eq!(
            role_holder_in(header, "THE MODERATOR").as_deref(),
            Some("Pauline Frederick")
        );
        assert_eq!(role_holder_in(header, "THE CHAIRMAN"), None);
    }
}
