//! Grammatical gender of a person, from the evidence an article gives: what
//! lets "she said" pass over the man named in the sentence before.
//!
//! Evidence, strongest first:
//! 1. an honorific next to the name ("Mr Thomas", "Lady Thatcher", "Ms
//!    Kedas") or heading it ("Lord Tebbit");
//! 2. a pronoun the article already used for that person (learnt by the
//!    extractor as it resolves pronouns; see [`Learnt`]);
//! 3. the first name, from a list of given names and the sex they are
//!    overwhelmingly given to (`given_names.txt`, its source and licence in
//!    its header).
//!
//! No evidence is an answer too: an unknown gender agrees with every
//! pronoun, so a name missing from the list is never excluded.

#![forbid(unsafe_code)]

use std::sync::OnceLock;

/// He or she.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// The given-names list (public domain; see its header).
const GIVEN_NAMES: &str = include_str!("given_names.txt");

/// The list parsed once per process: (name, gender), sorted by name for
/// binary search. A vector rather than a hash table: its pointer is to the
/// start of its block, so leak checkers (valgrind in CI, over the C
/// plugin) see the process-long table as reachable.
fn given_names() -> &'static [(&'static str, Gender)] {
    static TABLE: OnceLock<Vec<(&'static str, Gender)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Vec::new();
        for line in GIVEN_NAMES.lines().filter(|l| !l.starts_with('#')) {
            let mut words = line.split_whitespace();
            let gender = match words.next().map(|t| t.trim_end_matches('+')) {
                Some("F") => Gender::Female,
                Some("M") => Gender::Male,
                _ => continue,
            };
            table.extend(words.map(|name| (name, gender)));
        }
        table.sort_unstable_by_key(|&(name, _)| name);
        table.dedup_by_key(|&mut (name, _)| name);
        table
    })
}

/// The gender a first name is listed with, if any.
fn given_name(name: &str) -> Option<Gender> {
    let table = given_names();
    table
        .binary_search_by_key(&name, |&(n, _)| n)
        .ok()
        .map(|i| table[i].1)
}

/// The gender of a pronoun: "he", "him", "his" (and German "er") are male,
/// "she", "her" female; "they", "sie" and the rest say nothing.
pub(crate) fn of_pronoun(word: &str) -> Option<Gender> {
    let is = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    if is(&["he", "him", "his", "himself", "er"]) {
        Some(Gender::Male)
    } else if is(&["she", "her", "hers", "herself"]) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// The gender an honorific or a title of nobility gives.
fn of_honorific(word: &str) -> Option<Gender> {
    let word = word.trim_end_matches('.');
    let is = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    if is(&[
        "mr", "sir", "lord", "baron", "king", "prince", "duke", "earl", "herr", "monsieur",
    ]) {
        Some(Gender::Male)
    } else if is(&[
        "mrs", "ms", "miss", "lady", "dame", "baroness", "queen", "princess", "duchess",
        "countess", "frau", "madame",
    ]) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Genders the article has shown by its pronouns, per name: "Mr Baez Silva
/// estimated …. “…,” he said" makes Baez Silva a "he" for the rest of the
/// article. Kept in the extractor and cleared per article.
#[derive(Debug, Default)]
pub(crate) struct Learnt {
    names: Vec<((u32, u32), Gender)>,
}

/// How many names [`Learnt`] remembers: a bound on the look-up's cost.
const MAX_LEARNT: usize = 64;

impl Learnt {
    pub(crate) fn clear(&mut self) {
        self.names.clear();
    }

    /// Records that the name at `span` was called by a pronoun of `gender`
    /// (the first evidence stands).
    pub(crate) fn learn(&mut self, text: &str, span: (u32, u32), gender: Gender) {
        if self.names.len() < MAX_LEARNT && self.get(text, span).is_none() {
            self.names.push((span, gender));
        }
    }

    fn get(&self, text: &str, span: (u32, u32)) -> Option<Gender> {
        let name = &text[span.0 as usize..span.1 as usize];
        self.names
            .iter()
            .find(|((s, e), _)| &text[*s as usize..*e as usize] == name)
            .map(|&(_, g)| g)
    }
}

/// The gender of the person named at `span`, if the text gives evidence.
pub(crate) fn of_name(text: &str, span: (u32, u32), learnt: &Learnt) -> Option<Gender> {
    let name = &text[span.0 as usize..span.1 as usize];
    let before = text[..span.0 as usize].trim_end();
    let honorific_before = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .and_then(of_honorific);
    let mut words = name.split_whitespace();
    let first = words.next()?;
    let two_words = words.next().is_some();
    honorific_before
        .or_else(|| of_honorific(first).filter(|_| two_words))
        .or_else(|| learnt.get(text, span))
        .or_else(|| two_words.then(|| given_name(first)).flatten())
}

/// Does a person of gender `of` (unknown: `None`) agree with a pronoun of
/// gender `pronoun`?
pub(crate) fn agrees(of: Option<Gender>, pronoun: Option<Gender>) -> bool {
    match (of, pronoun) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn g(text: &str, name: &str) -> Option<Gender> {
        let at = text.find(name).unwrap() as u32;
        of_name(text, (at, at + name.len() as u32), &Learnt::default())
    }

    #[test]
    fn honorifics_first_names_and_nothing() {
        assert_eq!(g("said Mr Thomas", "Thomas"), Some(Gender::Male));
        assert_eq!(g("said Ms Kedas", "Kedas"), Some(Gender::Female));
        assert_eq!(g("Lady Thatcher", "Lady Thatcher"), Some(Gender::Female));
        assert_eq!(
            g("Janie Hendrix said", "Janie Hendrix"),
            Some(Gender::Female)
        );
        assert_eq!(g("John Franklin said", "John Franklin"), Some(Gender::Male));
        // A surname alone, a name not in the list, a name used for both.
        assert_eq!(g("Franklin said", "Franklin"), None);
        assert_eq!(g("Xochitl Ruiz said", "Xochitl Ruiz"), None);
        assert_eq!(g("Robin Cook said", "Robin Cook"), None);
        assert!(agrees(None, Some(Gender::Female)));
        assert!(!agrees(Some(Gender::Male), Some(Gender::Female)));
    }

    #[test]
    fn a_pronoun_teaches_the_gender_of_a_name() {
        let text = "Alex Baez said. Alex Baez left.";
        let mut learnt = Learnt::default();
        learnt.learn(text, (0, 9), Gender::Female);
        assert_eq!(of_name(text, (16, 25), &learnt), Some(Gender::Female));
    }

    #[test]
    fn the_list_parses_and_no_name_has_both_genders() {
        let table = given_names();
        assert!(table.len() > 1000);
        let mut seen: HashMap<&str, char> = HashMap::new();
        for line in GIVEN_NAMES.lines().filter(|l| !l.starts_with('#')) {
            let mut words = line.split_whitespace();
            let sex = words.next().unwrap().chars().next().unwrap();
            for w in words {
                assert_eq!(*seen.entry(w).or_insert(sex), sex, "{w} is listed as both");
            }
        }
    }
}
