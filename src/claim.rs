//! Who an article says spoke: a named person, a role, a group, an
//! organisation, or nobody in particular.
//!
//! Only a named person can be contradicted. "The White House said" is true
//! of whoever spoke from its podium; "a spokesman", "officials" and "the
//! ministry" name no one the source could disagree with; and a pronoun that
//! attribution resolved to a place ("Lake Huron") names nobody at all. The
//! checker therefore says `misattributed` only when the claim is a
//! [`SpeakerKind::Person`]; for the other kinds it says whether the source
//! supports the claim, and flags it `speaker_unverified` when it does not.
//!
//! [`SpeakerKind::of`] infers the kind from the words of a name when the
//! caller does not give it (extraction gives it for the quotes it
//! attributes). The rules are closed word lists, in the order below; they
//! err towards *not* a person, because a wrong "person" can accuse and a
//! wrong "role" can only fail to.

#![forbid(unsafe_code)]

use crate::speaker::{is_title, name_words};

/// What kind of speaker a claim names.
///
/// ```
/// use quotecheck::SpeakerKind;
/// assert_eq!(SpeakerKind::of("Tony Blair"), SpeakerKind::Person);
/// assert_eq!(SpeakerKind::of("the prime minister"), SpeakerKind::Role);
/// assert_eq!(SpeakerKind::from_name("organisation"), Some(SpeakerKind::Organisation));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpeakerKind {
    /// A named person ("Karine Jean-Pierre", "Mr Blair", "NBC's Kelly O'Donnell").
    Person,
    /// A role without a name ("the prime minister", "a White House spokesman").
    Role,
    /// Several people ("officials", "reporters", "U.S. officials").
    Group,
    /// An institution ("the White House", "the Pentagon", "NATO", "the ministry").
    Organisation,
    /// Nothing that names a speaker (a pronoun, a place, an empty string).
    Unknown,
}

impl SpeakerKind {
    /// All kinds, in the order of their C ABI values.
    pub const ALL: [SpeakerKind; 5] = [
        SpeakerKind::Person,
        SpeakerKind::Role,
        SpeakerKind::Group,
        SpeakerKind::Organisation,
        SpeakerKind::Unknown,
    ];

    /// The name used in JSON and the C API (`"person"`, `"organisation"`, ...).
    ///
    /// ```
    /// assert_eq!(quotecheck::SpeakerKind::Organisation.name(), "organisation");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Role => "role",
            SpeakerKind::Group => "group",
            SpeakerKind::Organisation => "organisation",
            SpeakerKind::Unknown => "unknown",
        }
    }

    /// The kind with this name (also accepts `"organization"`).
    ///
    /// ```
    /// use quotecheck::SpeakerKind;
    /// assert_eq!(SpeakerKind::from_name("group"), Some(SpeakerKind::Group));
    /// assert_eq!(SpeakerKind::from_name("organization"), Some(SpeakerKind::Organisation));
    /// assert_eq!(SpeakerKind::from_name("alien"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<SpeakerKind> {
        if name.eq_ignore_ascii_case("organization") {
            return Some(SpeakerKind::Organisation);
        }
        SpeakerKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name))
    }

    /// Infers the kind from the words of a name:
    ///
    /// 1. a pronoun, or a place ("Lake Huron", "Mount Vernon") → `Unknown`;
    /// 2. any capitalised word that is not a title, role, institution,
    ///    group or place word → `Person` ("NBC's Kelly O'Donnell");
    /// 3. an acronym alone ("NATO") → `Organisation`;
    /// 4. a plural head noun ("officials", "reporters") → `Group`;
    /// 5. a role noun at the end ("a White House spokesman") → `Role`;
    /// 6. an institution word ("the White House", "the ministry") →
    ///    `Organisation`;
    /// 7. anything else with words → `Role`; nothing → `Unknown`.
    ///
    /// ```
    /// use quotecheck::SpeakerKind;
    /// assert_eq!(SpeakerKind::of("Press Secretary Karine Jean-Pierre"), SpeakerKind::Person);
    /// assert_eq!(SpeakerKind::of("the White House"), SpeakerKind::Organisation);
    /// assert_eq!(SpeakerKind::of("a White House spokesman"), SpeakerKind::Role);
    /// assert_eq!(SpeakerKind::of("U.S. officials"), SpeakerKind::Group);
    /// assert_eq!(SpeakerKind::of("Lake Huron"), SpeakerKind::Unknown);
    /// assert_eq!(SpeakerKind::of("he"), SpeakerKind::Unknown);
    /// ```
    pub fn of(name: &str) -> SpeakerKind {
        // "Tony Blair, the prime minister" / "a spokesman (John Kirby)":
        // a person named in any part makes the claim a person's.
        let mut parts = name
            .split([',', '(', ')', ';'])
            .filter(|p| p.chars().any(char::is_alphanumeric))
            .map(kind_of_part);
        let Some(first) = parts.next() else {
            return SpeakerKind::Unknown;
        };
        if first == SpeakerKind::Person || parts.any(|k| k == SpeakerKind::Person) {
            SpeakerKind::Person
        } else {
            first
        }
    }
}

/// The kind of one comma-free part of a name (the rules of [`SpeakerKind::of`]).
/// Allocates nothing: the checker infers kinds on every check.
fn kind_of_part(part: &str) -> SpeakerKind {
    let words = || name_words(part);
    let Some(last) = words().last() else {
        return SpeakerKind::Unknown;
    };
    let count = words().count();
    let head = without_possessive(last);
    if count == 1 && listed(PRONOUNS, head) {
        return SpeakerKind::Unknown;
    }
    if words().any(|w| listed(PLACES, without_possessive(w))) {
        return SpeakerKind::Unknown;
    }
    let capitalised = |w: &str| w.starts_with(char::is_uppercase);
    if count >= 2
        && words()
            .next()
            .is_some_and(|w| capitalised(w) && listed(REGION_FIRST, w))
        && capitalised(last)
    {
        return SpeakerKind::Unknown;
    }
    if count >= 2 && capitalised(last) && listed(LAWS, head) {
        return SpeakerKind::Unknown;
    }
    // The head noun decides: in "a Biden aide", "the Belarusian leader" and
    // "Kremlin spokesman" the capitalised words only modify a role.
    let lowercase_head = !last.starts_with(char::is_uppercase);
    if lowercase_head && listed(GROUPS, head) {
        return SpeakerKind::Group;
    }
    if lowercase_head && (listed(ROLES, head) || is_title(head)) {
        return SpeakerKind::Role;
    }
    // "International Rugby Board", "Refugee Council": a capitalised name
    // whose head is an institution's word names the institution.
    if count >= 2 && listed(INSTITUTIONS, head) {
        return SpeakerKind::Organisation;
    }
    // "Lib Dems", "the Democrats": capitalised, still several people.
    if listed(GROUPS, head) {
        return SpeakerKind::Group;
    }
    if words().any(name_like) {
        return SpeakerKind::Person;
    }
    if count == 1 && is_acronym(last) {
        return SpeakerKind::Organisation;
    }
    // "White House": both words are title words (so that neither is ever
    // taken for a surname), together an institution.
    let mut prev_white = false;
    let mut white_house = false;
    for w in words() {
        white_house |= prev_white && w.eq_ignore_ascii_case("house");
        prev_white = w.eq_ignore_ascii_case("white");
    }
    let institution = |w: &str| listed(INSTITUTIONS, without_possessive(w)) || is_acronym(w);
    if !listed(ROLES, head) && (white_house || words().any(institution)) {
        return SpeakerKind::Organisation;
    }
    SpeakerKind::Role
}

/// Is `w` a word that names an institution ("Commission", "ministry")?
pub(crate) fn is_institution_word(w: &str) -> bool {
    listed(INSTITUTIONS, without_possessive(w))
}

/// Does the word end in a possessive `'s` or `’s`?
pub(crate) fn is_possessive(w: &str) -> bool {
    without_possessive(w).len() < w.len()
}

/// A word without a possessive `'s` or `’s` (the extractor strips names
/// with it too).
pub(crate) fn without_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// Is the word in the (sorted, lower-case, ASCII) list, ignoring case?
fn listed(list: &[&str], w: &str) -> bool {
    crate::speaker::in_word_list(list, w)
}

fn is_acronym(w: &str) -> bool {
    (2..=6).contains(&w.len())
        && w.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        && !is_title(w)
}

/// A capitalised word in mixed case that is no title, role, institution,
/// group, determiner or pronoun, and no possessive ("NBC's"): a name.
fn name_like(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        && w.chars().any(char::is_lowercase)
        && without_possessive(w).len() == w.len()
        && !is_title(w)
        && ![ROLES, INSTITUTIONS, GROUPS, DETERMINERS, PRONOUNS]
            .iter()
            .any(|list| listed(list, w))
}

const PRONOUNS: &[&str] = &[
    "another", "he", "her", "him", "i", "it", "one", "she", "somebody", "someone", "them", "they",
    "us", "we", "who", "you",
];

const DETERMINERS: &[&str] = &[
    "a", "an", "another", "her", "his", "its", "one", "the", "their",
];

/// First words of a region's name ("Middle East", "North Korea", "West
/// Bank"): a compass word opening a name is a place's, while "Kanye West"
/// or "Oliver North" end with one.
const REGION_FIRST: &[&str] = &[
    "central", "east", "eastern", "middle", "north", "northern", "south", "southern", "west",
    "western",
];

/// Heads of the names of laws and agreements ("Fair Sentencing Act", "Paris
/// Accord"): capitalised like people's names, and nobody.
const LAWS: &[&str] = &["accord", "accords", "act", "amendment", "treaty"];

/// Head words of places, never speakers.
const PLACES: &[&str] = &[
    "avenue",
    "bay",
    "city",
    "county",
    "desert",
    "emirates",
    "gulf",
    "island",
    "islands",
    "kingdom",
    "lake",
    "mount",
    "mountain",
    "ocean",
    "peninsula",
    "province",
    "republic",
    "river",
    "sea",
    "states",
    "strait",
    "street",
    "valley",
];

/// Plural nouns for several speakers.
const GROUPS: &[&str] = &[
    "activists",
    "aides",
    "allies",
    "americans",
    "analysts",
    "authorities",
    "campaigners",
    "citizens",
    "conservatives",
    "critics",
    "democrats",
    "dems",
    "diplomats",
    "doctors",
    "economists",
    "executives",
    "experts",
    "fans",
    "insiders",
    "investigators",
    "journalists",
    "lawmakers",
    "leaders",
    "legislators",
    "liberals",
    "members",
    "ministers",
    "mps",
    "observers",
    "officials",
    "opponents",
    "organisers",
    "organizers",
    "parents",
    "people",
    "percent",
    "players",
    "police",
    "prosecutors",
    "protesters",
    "protestors",
    "reporters",
    "representatives",
    "republicans",
    "residents",
    "respondents",
    "scientists",
    "senators",
    "socialists",
    "sources",
    "spokespeople",
    "spokespersons",
    "staff",
    "students",
    "supporters",
    "teachers",
    "tories",
    "voters",
    "witnesses",
    "workers",
];

/// Nouns for one speaker by role.
const ROLES: &[&str] = &[
    "activist",
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "analyst",
    "anchor",
    "archbishop",
    "attorney",
    "author",
    "bishop",
    "boss",
    "candidate",
    "captain",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "coach",
    "colleague",
    "columnist",
    "commander",
    "commissioner",
    "consultant",
    "coordinator",
    "correspondent",
    "councillor",
    "councilman",
    "councilwoman",
    "deputy",
    "diplomat",
    "director",
    "doctor",
    "economist",
    "envoy",
    "epidemiologist",
    "executive",
    "expert",
    "fan",
    "founder",
    "friend",
    "general",
    "governor",
    "head",
    "historian",
    "host",
    "insider",
    "inspector",
    "interviewer",
    "investigator",
    "judge",
    "king",
    "lawyer",
    "leader",
    "man",
    "manager",
    "mayor",
    "member",
    "mep",
    "minister",
    "moderator",
    "mp",
    "negotiator",
    "nominee",
    "observer",
    "officer",
    "official",
    "owner",
    "person",
    "physician",
    "player",
    "pollster",
    "pope",
    "premier",
    "presenter",
    "president",
    "prince",
    "professor",
    "prosecutor",
    "protester",
    "psychiatrist",
    "psychologist",
    "queen",
    "reporter",
    "representative",
    "researcher",
    "resident",
    "scientist",
    "secretary",
    "senator",
    "sociologist",
    "source",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "staffer",
    "strategist",
    "student",
    "surgeon",
    "teacher",
    "therapist",
    "vice",
    "voter",
    "whip",
    "witness",
    "woman",
    "worker",
    "writer",
];

/// Words that make a name an institution.
const INSTITUTIONS: &[&str] = &[
    "administration",
    "agency",
    "alliance",
    "army",
    "association",
    "authority",
    "bank",
    "bbc",
    "beijing",
    "board",
    "bureau",
    "cabinet",
    "campaign",
    "center",
    "centre",
    "channel",
    "charity",
    "cia",
    "club",
    "coalition",
    "college",
    "commission",
    "committee",
    "company",
    "congress",
    "corporation",
    "council",
    "court",
    "department",
    "document",
    "downing",
    "elysee",
    "embassy",
    "eu",
    "fbi",
    "federation",
    "firm",
    "foundation",
    "fund",
    "gazette",
    "government",
    "group",
    "herald",
    "hospital",
    "inc",
    "institute",
    "journal",
    "kremlin",
    "league",
    "letter",
    "london",
    "ltd",
    "magazine",
    "memo",
    "military",
    "ministry",
    "moscow",
    "nations",
    "nato",
    "navy",
    "network",
    "news",
    "newspaper",
    "office",
    "organisation",
    "organization",
    "palace",
    "paper",
    "parliament",
    "party",
    "pentagon",
    "plc",
    "police",
    "post",
    "press",
    "regulator",
    "report",
    "reserve",
    "school",
    "senate",
    "service",
    "society",
    "spokesperson's",
    "statement",
    "telegraph",
    "times",
    "treasury",
    "tribune",
    "trust",
    "un",
    "union",
    "university",
    "washington",
    "website",
    "whitehall",
];

#[cfg(test)]
mod tests {
    use super::SpeakerKind::{self, *};

    #[test]
    fn kinds_from_real_attributions() {
        let cases = [
            ("John Kirby", Person),
            ("Kirby", Person),
            ("Mr Blair", Person),
            ("NBC's Kelly O'Donnell", Person),
            ("Rep. Elissa Slotkin", Person),
            ("White House press secretary Karine Jean-Pierre", Person),
            ("the prime minister", Role),
            ("another defense official", Role),
            ("a White House spokesman", Role),
            ("the Belarusian leader", Role),
            ("White House", Organisation),
            ("the White House", Organisation),
            ("the Pentagon", Organisation),
            ("a statement from the ministry", Organisation),
            ("NATO", Organisation),
            ("International Rugby Board", Organisation),
            ("the Refugee Council", Organisation),
            ("reporters", Group),
            ("U.S. officials", Group),
            ("officials", Group),
            ("Lake Huron", Unknown),
            // Regions, laws and newspapers are capitalised like people.
            ("Middle East", Unknown),
            ("North Korea", Unknown),
            ("Kanye West", Person),
            ("Oliver North", Person),
            ("Fair Sentencing Act", Unknown),
            ("New York Times", Organisation),
            ("The Washington Post", Organisation),
            ("Federal Reserve", Organisation),
            ("he", Unknown),
            ("", Unknown),
        ];
        for (name, want) in cases {
            assert_eq!(SpeakerKind::of(name), want, "{name:?}");
        }
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [
            super::PRONOUNS,
            super::DETERMINERS,
            super::PLACES,
            super::GROUPS,
            super::ROLES,
            super::INSTITUTIONS,
            super::REGION_FIRST,
            super::LAWS,
        ] {
            assert!(list.windows(2).all(|p| p[0] < p[1]), "{list:?}");
            assert!(
                list.iter()
                    .all(|w| w.bytes().all(|b| !b.is_ascii_uppercase()))
            );
        }
    }

    #[test]
    fn names_round_trip() {
        for k in SpeakerKind::ALL {
            assert_eq!(SpeakerKind::from_name(k.name()), Some(k));
        }
    }
}
