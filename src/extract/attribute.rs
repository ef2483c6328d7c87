//! Who said a quote: patterns over the words around it.
//!
//! The patterns, tried in this order (names are what [`Rule::name`] reports):
//!
//! | rule | shape |
//! |---|---|
//! | `said_x` | “…,” said Sen. John Smith. / „…“, sagte der Minister. / „…“, so X. / described as “…” by X |
//! | `x_said` | “…,” Smith said. / “…,” the ministry told reporters. / “…,” Smith, a spokesman for Z, said. |
//! | `according_to` | “…,” according to X. / According to X, “…” / laut X |
//! | `x_said_before` | Smith said: “…” / Smith told Reuters that “…” / Smith said in an interview with Y that “…” |
//! | `colon` | Smith: “…” (headlines) |
//! | `subject` | a fragment in a sentence whose subject is a name: Smith called the plan “a disaster.” |
//! | `split` | the second half of “…,” Smith said. “…” |
//! | `continued` | a paragraph that continues a quote left open in the previous one |
//! | `dash` | “…” ― Carla Sanchez (a signature after the quote) |
//! | `label` | a paragraph of an interview transcript: "PENCE: … “…” …" |
//! | `headline` | Ministers deny care sums 'wrong' (the speaker of the quote below that repeats it) |
//! | `pronoun` | "he said" (any of the above with a pronoun), resolved to an earlier speaker |
//!
//! A speaker mention is a short noun phrase: titles and roles, a name, or a
//! group ("U.S. officials"). Its *name* is the trailing run of capitalised
//! words with titles removed ("Kremlin spokesman Dmitry Peskov" → "Dmitry
//! Peskov"); a group keeps its words without the determiner.

#![forbid(unsafe_code)]

use super::cues::{Cues, List};
use super::tokens::{Kind, Tok, capitalised};
use crate::claim::{is_possessive, without_possessive};

/// How a speaker was decided.
///
/// ```
/// use quotecheck::extract::{Extractor, Rule};
/// let mut ex = Extractor::new();
/// let found = ex.extract("“We will win,” said Jane Doe.");
/// assert_eq!(found.quotes()[0].rule, Rule::SaidX);
/// assert_eq!(Rule::SaidX.name(), "said_x");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum Rule {
    /// No speaker.
    None = 0,
    /// Cue verb, then the speaker, after the quote.
    SaidX = 1,
    /// The speaker, then the cue verb, after the quote.
    XSaid = 2,
    /// "according to X", "laut X".
    AccordingTo = 3,
    /// The speaker and a cue verb before the quote.
    XSaidBefore = 4,
    /// "X: “…”".
    Colon = 5,
    /// The subject of the sentence the fragment is in.
    Subject = 6,
    /// The other half of a quote split by its attribution.
    Split = 7,
    /// A paragraph continuing an open quote.
    Continued = 8,
    /// A pronoun mention ("he said"), resolved to an earlier speaker.
    Pronoun = 9,
    /// A dash and a name after the quote: “…” ― Carla Sanchez.
    Dash = 10,
    /// A paragraph opening with a speaker label: "PENCE: …".
    Label = 11,
    /// A headline's quote, given the speaker of the quote below that
    /// repeats its words.
    Headline = 12,
}

impl Rule {
    /// The rule's name as the CLI and JSON print it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::None => "none",
            Rule::SaidX => "said_x",
            Rule::XSaid => "x_said",
            Rule::AccordingTo => "according_to",
            Rule::XSaidBefore => "x_said_before",
            Rule::Colon => "colon",
            Rule::Subject => "subject",
            Rule::Split => "split",
            Rule::Continued => "continued",
            Rule::Pronoun => "pronoun",
            Rule::Dash => "dash",
            Rule::Label => "label",
            Rule::Headline => "headline",
        }
    }

    /// Every rule, in discriminant order.
    pub const ALL: [Rule; 13] = [
        Rule::None,
        Rule::SaidX,
        Rule::XSaid,
        Rule::AccordingTo,
        Rule::XSaidBefore,
        Rule::Colon,
        Rule::Subject,
        Rule::Split,
        Rule::Continued,
        Rule::Pronoun,
        Rule::Dash,
        Rule::Label,
        Rule::Headline,
    ];
}

/// Does the phrase open with a definite determiner ("the minister", "its
/// co-chairman"), so that it speaks of someone in particular?
pub(crate) fn opens_definite(phrase: &str) -> bool {
    phrase.split_whitespace().next().is_some_and(|d| {
        ["the", "our", "its", "his", "her", "their"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(d))
    })
}

/// A speaker mention found by a pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    /// Byte range of the whole noun phrase.
    pub phrase: (u32, u32),
    /// Byte range of the name part (see the module docs).
    pub name: (u32, u32),
    /// What the phrase is.
    pub what: What,
    pub rule: Rule,
}

/// What a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum What {
    /// A person's name (one or more capitalised words).
    Person,
    /// A group, an institution or a role ("U.S. officials", "the ministry").
    Group,
    /// A pronoun for a person ("he", "she", "er").
    Pronoun,
    /// A pronoun for a group ("they").
    PluralPronoun,
}

/// What a sentence's subject is, for a pronoun looking back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Subject {
    /// A person: the byte range of the name.
    Person((u32, u32)),
    /// A role, a group or an institution ("the Lib Dem spokesman").
    Role(Mention),
    /// One capitalised word ("Bell, 30, had …"): a person only if named in
    /// full before.
    Surname((u32, u32)),
}

/// Most words a speaker phrase may have.
const MAX_PHRASE_WORDS: usize = 9;
/// How far after a quote a cue may come ("… ,” the Republican nominee for
/// governor of Ohio said").
const MAX_AFTER_WORDS: usize = 22;

/// The most tokens an appositive between "as" and "put it" may take
/// ("as Van Jackson, associate professor at the Asia-Pacific Center for
/// Security Studies, puts it").
const MAX_APPOSITIVE_TOKENS: usize = 16;

/// Reads attribution around quotes with one language's lists.
#[derive(Clone, Copy)]
pub(crate) struct Reader<'a> {
    pub text: &'a str,
    pub cues: &'a Cues,
    /// The paragraph is written in Title Case, so verbs are capitalised.
    pub title_case: bool,
}

impl Reader<'_> {
    fn word(&self, t: &Tok) -> &str {
        t.text(self.text)
    }

    /// A cue verb at `toks[i]`, not a noun after a determiner ("the
    /// states", "his remarks").
    /// ("one said", "another added": after "one" or "another" a cue's form
    /// is a verb, since the noun would be singular.)
    pub(crate) fn is_cue_at(&self, toks: &[Tok], i: usize) -> bool {
        // ("The United States Banking System" in Title Case: a name.)
        let united = i > 0 && self.title_case && self.word(&toks[i - 1]) == "United";
        self.is_cue(&toks[i])
            && !united
            && !(i > 0
                && self.is_determiner(&toks[i - 1])
                && !matches!(self.word(&toks[i - 1]), "one" | "another"))
    }

    fn is_cue(&self, t: &Tok) -> bool {
        // Verbs are written in lower case ("the United States" is no cue),
        // except in Title Case Summaries ("Clinton Said That …").
        t.kind == Kind::Word
            && (!capitalised(self.word(t)) || self.title_case)
            && self.cues.has(List::Verbs, self.word(t))
    }

    /// Does a source phrase ("according to") start at `toks[i]`? Its length.
    fn source_phrase(&self, toks: &[Tok], i: usize) -> Option<usize> {
        'phrases: for phrase in self.cues.sources {
            if i + phrase.len() > toks.len() {
                continue;
            }
            for (k, w) in phrase.iter().enumerate() {
                let t = &toks[i + k];
                if t.kind != Kind::Word || !self.word(t).eq_ignore_ascii_case(w) {
                    continue 'phrases;
                }
            }
            return Some(phrase.len());
        }
        None
    }

    /// A lower-case word that is no function word, stop or cue.
    fn plain_word(&self, t: &Tok) -> bool {
        let w = self.word(t);
        t.kind == Kind::Word
            && !capitalised(w)
            && !self.cues.has(List::Stops, w)
            && !self.cues.has(List::FunctionWords, w)
            && !self.is_cue(t)
            && !adverb_shaped(w)
    }

    pub(crate) fn is_role(&self, t: &Tok) -> bool {
        self.cues.is_role(self.word(t))
    }

    fn is_determiner(&self, t: &Tok) -> bool {
        self.cues.has(List::Determiners, self.word(t))
    }

    pub(crate) fn is_function(&self, t: &Tok) -> bool {
        self.cues.has(List::FunctionWords, self.word(t))
    }

    pub(crate) fn is_namelike(&self, t: &Tok) -> bool {
        // "Man-of-the-match", "Ex-minister": a compound with a lower-case
        // part is a description, not a name ("Rhys-Jones", "Jean-Pierre").
        // ("Ki-moon", "Geun-hye", "Jae-in": a Korean given name is two
        // short syllables, the second in lower case; "Ex-wife", "Co-host"
        // and "Anti-war" are a prefix and a word.)
        let described = || {
            let w = self.word(t);
            let mut parts = w.split(['-', '‐']);
            let first = parts.next().unwrap_or("");
            let syllables = parts.clone().count() == 1
                && (2..=4).contains(&first.len())
                && parts.clone().all(|p| (2..=4).contains(&p.len()))
                && !ENGLISH_PREFIXES
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(first));
            !syllables && parts.any(|part| part.starts_with(char::is_lowercase))
        };
        // "Hillary Clinton Was Headed": a headline's Title Case capitalises
        // its verbs too, which end a name (they are no function words: the
        // verb after a subject is looked for among them).
        let title_case_verb = || {
            let w = self.word(t);
            w.len() <= 4
                && w.starts_with(['I', 'W', 'A', 'H'])
                && ["Is", "Was", "Are", "Were", "Has", "Have", "Had"].contains(&w)
        };
        t.kind == Kind::Word
            && capitalised(self.word(t))
            && !self.is_function(t)
            && !described()
            && !title_case_verb()
            || t.kind == Kind::Word && is_particle(self.word(t))
    }

    fn pronoun(&self, t: &Tok) -> Option<What> {
        if t.kind != Kind::Word {
            return None;
        }
        let w = self.word(t);
        if self.cues.has(List::PluralPronouns, w)
            && w.chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || w.len() > 1)
        {
            // German `sie` is both; a lower-case `sie` after a cue is
            // usually "she", which the person list covers first.
            if self.cues.has(List::Pronouns, w) {
                return Some(What::Pronoun);
            }
            return Some(What::PluralPronoun);
        }
        self.cues.has(List::Pronouns, w).then_some(What::Pronoun)
    }

    /// The speaker phrase that ends just before `toks[end]`, read backwards.
    fn phrase_before(&self, toks: &[Tok], end: usize, rule: Rule) -> Option<Mention> {
        let m = self.phrase_before_unchecked(toks, end, rule)?;
        // "Trump in the past has called", "in a low voice said", "with a
        // non sequitur:": the object of a preposition is never the verb's
        // subject (the speaker is further back, or no one).
        let at = toks.iter().position(|t| t.start == m.phrase.0)?;
        if m.what != What::Pronoun
            && at > 0
            && matches!(
                self.word(&toks[at - 1]),
                "in" | "with" | "through" | "during" | "into" | "across" | "among" | "amid"
            )
        {
            return None;
        }
        if let Some(person) = self.person_of_outlet(toks, &m) {
            return Some(person);
        }
        if self.plausible(&m) {
            return Some(m);
        }
        // "The senator is: “…”": before a colon, the verb ends the phrase.
        let colon = toks.get(end).is_some_and(|t| t.kind == Kind::Colon);
        let phrase = &self.text[m.phrase.0 as usize..m.phrase.1 as usize];
        let cut = m.phrase.0 + phrase.trim_end().rfind(' ')? as u32;
        let trimmed = Mention {
            phrase: (m.phrase.0, cut),
            name: if m.name == m.phrase {
                (m.phrase.0, cut)
            } else {
                (m.name.0.min(cut), m.name.1.min(cut))
            },
            ..m
        };
        (colon && self.plausible(&trimmed)).then_some(trimmed)
    }

    /// "Chris Cillizza, The Washington Post: “…”": an organisation in
    /// apposition after a person named in full at the sentence's start is
    /// where the person writes or works; the person speaks.
    fn person_of_outlet(&self, toks: &[Tok], m: &Mention) -> Option<Mention> {
        let at = toks.iter().position(|t| t.start == m.phrase.0)?;
        let comma = at.checked_sub(1).filter(|&c| toks[c].kind == Kind::Comma)?;
        let phrase = &self.text[m.phrase.0 as usize..m.phrase.1 as usize];
        if crate::claim::SpeakerKind::of(phrase) != crate::claim::SpeakerKind::Organisation {
            return None;
        }
        let mut first = comma;
        while first > 0 && toks[first - 1].kind == Kind::Word && self.is_namelike(&toks[first - 1])
        {
            first -= 1;
        }
        let opens = first == 0 || matches!(toks[first - 1].kind, Kind::End | Kind::Mark);
        let name = (toks.get(first)?.start, toks[comma - 1].end);
        let person = &self.text[name.0 as usize..name.1 as usize];
        (opens
            && comma - first >= 2
            && crate::claim::SpeakerKind::of(person) == crate::claim::SpeakerKind::Person)
            .then_some(Mention {
                phrase: (name.0, m.phrase.1),
                name,
                what: What::Person,
                rule: m.rule,
            })
    }

    /// A speaker's phrase names no one when a verb got into it ("one Greek
    /// Orthodox were admitted", "Another is figuring out"): an auxiliary
    /// is never part of a name, a role or a group.
    fn plausible(&self, m: &Mention) -> bool {
        let name = &self.text[m.phrase.0 as usize..m.phrase.1 as usize];
        // (In any case: "CONGRESS HAS INVESTIGATED HIM" is a heading.)
        !name.split_whitespace().any(|w| {
            [
                "is", "was", "are", "were", "has", "have", "had", "been", "be",
            ]
            .iter()
            .any(|a| a.eq_ignore_ascii_case(w))
        })
    }

    fn phrase_before_unchecked(&self, toks: &[Tok], end: usize, rule: Rule) -> Option<Mention> {
        let cue = toks.get(end).map(|t| self.word(t));
        let mut end = end;
        // "Smith also said", "Smith has said".
        while end > 0
            && (self.cues.has(List::Adverbs, self.word(&toks[end - 1]))
                || manner_adverb(self.word(&toks[end - 1])))
            && toks[end - 1].kind == Kind::Word
        {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        // "Jack Straw, who accused the Tories of ...", "the ministry, which
        // said": a relative clause's cue belongs to what comes before it.
        if end >= 2
            && matches!(self.word(&toks[end - 1]), "who" | "which")
            && toks[end - 2].kind == Kind::Comma
        {
            return self.phrase_before(toks, end - 2, rule);
        }
        if let Some(m) = self.share_of(toks, end, rule) {
            return Some(m);
        }
        let last = &toks[end - 1];
        // "Smith, a spokesman for the ministry, said": skip the appositive.
        if last.kind == Kind::Comma {
            let open = toks[..end - 1]
                .iter()
                .rposition(|t| t.kind == Kind::Comma)
                .filter(|&c| end - 1 - c <= MAX_PHRASE_WORDS + 2)?;
            let before = self.phrase_before(toks, open, rule);
            // "The chairman of the working party, Ambassador Stefan
            // Johannesson of Iceland, warned": a role, then the person
            // holding it in apposition.
            if let Some(b) = before.filter(|b| b.what == What::Group)
                && let Some((first, last)) = self.name_in(toks, open + 1, end - 1)
                && last - first >= 2
                && toks[open + 1..end - 1].iter().all(|t| t.kind == Kind::Word)
            {
                return Some(Mention {
                    phrase: (b.phrase.0, toks[end - 2].end),
                    name: (toks[first].start, toks[last - 1].end),
                    what: What::Person,
                    rule,
                });
            }
            return before;
        }
        if let Some(what) = self.pronoun(last) {
            return Some(Mention {
                phrase: (last.start, last.end),
                name: (last.start, last.end),
                what,
                rule,
            });
        }
        let mut start = end;
        while start > 0 && end - start < MAX_PHRASE_WORDS {
            let t = &toks[start - 1];
            if t.kind == Kind::Dash && self.word(t) == ")" {
                // "(R-Texas)" after a name: part of the phrase, not the name.
                let open = toks[..start - 1]
                    .iter()
                    .rposition(|t| self.word(t) == "(")?;
                if start == end {
                    end = open;
                }
                start = open;
                continue;
            }
            if t.kind != Kind::Word {
                break;
            }
            if self.is_namelike(t) || self.is_role(t) || self.is_dutch_article(toks, start - 1) {
                start -= 1;
                continue;
            }
            // "the book said", "the ad’s narrator says": any noun right
            // after a determiner or a possessive.
            // ("the influential US daily wrote": up to three words back).
            if start == end && start >= 2 && !adverb_shaped(self.word(t)) {
                let det = (2..=4.min(start)).find(|&k| {
                    let before = &toks[start - k];
                    let w = self.word(before);
                    before.kind == Kind::Word && (self.is_determiner(before) || is_possessive(w))
                });
                let plain = |k: usize| {
                    toks[start - k + 1..start].iter().all(|t| {
                        t.kind == Kind::Word
                            && !self.cues.has(List::Stops, self.word(t))
                            && !self.is_cue(t)
                    })
                };
                if let Some(k) = det.filter(|&k| plain(k)) {
                    start -= k - 1;
                    continue;
                }
            }
            // "the foreign ministry": an adjective between determiner and noun.
            if start < end
                && start >= 2
                && self.is_determiner(&toks[start - 2])
                && self.plain_word(t)
            {
                start -= 1;
                continue;
            }
            if start < end && is_possessive(self.word(t)) {
                start -= 1;
                continue;
            }
            if self.is_determiner(t) {
                // A genitive inside the phrase: "der Sprecher der Regierung".
                let genitive = matches!(self.word(t), "der" | "des")
                    && start >= 2
                    && (self.is_role(&toks[start - 2]) || self.is_namelike(&toks[start - 2]));
                // "a spokeswoman for the Department for International
                // Development": a role of the institution named after it.
                let of_institution = start >= 3
                    && matches!(self.word(&toks[start - 2]), "of" | "for")
                    && self.is_role(&toks[start - 3])
                    && !capitalised(self.word(&toks[start - 3]))
                    && start < end
                    && capitalised(self.word(&toks[start]));
                start -= 1;
                if genitive {
                    continue;
                }
                if of_institution {
                    start -= 1;
                    continue;
                }
                break;
            }
            // "spokesman for the ministry", "leader of the party"
            let w = self.word(t);
            if matches!(w, "of" | "for" | "at" | "des" | "der" | "von")
                && start - 1 > 0
                && (self.is_role(&toks[start - 2]) || self.is_namelike(&toks[start - 2]))
                && start < end
            {
                start -= 1;
                continue;
            }
            break;
        }
        // "32% of Republican claims as “false”", "critics of Trump's
        // remarks": after a preposition, a cue that is also a plural noun is
        // that noun, and the words before it say whose — nobody speaks.
        let noun_cue = cue.is_some_and(|c| {
            [
                "claims", "comments", "notes", "remarks", "reports", "states", "answers",
                "replies", "tweets", "jokes", "quotes", "posts",
            ]
            .contains(&c)
        });
        if noun_cue
            && start > 0
            && start < end
            && matches!(
                self.word(&toks[start - 1]),
                "of" | "about" | "against" | "than" | "on"
            )
        {
            return None;
        }
        // Trim prepositions and determiners left dangling at the end.
        self.person_before_role(toks, start, end, rule)
            .or_else(|| self.mention(toks, start, end, rule))
    }

    /// "Brent Bozell, PTC president and conservative activist said": the
    /// phrase read back from the cue is a role (`toks[start..end]` holds no
    /// name), but a full name opens the sentence, then a comma, then only
    /// words describing the role: the person is that name. Only a name of
    /// two or more words at the sentence's start counts ("In London, the
    /// spokesman said" is no person).
    fn person_before_role(
        &self,
        toks: &[Tok],
        start: usize,
        end: usize,
        rule: Rule,
    ) -> Option<Mention> {
        let phrase = toks.get(start..end)?;
        // The role's own words: up to "of"/"for" ("president of the United
        // Federation of Teachers" names an institution, not a person).
        let own = phrase
            .iter()
            .position(|t| matches!(self.word(t), "of" | "for"))
            .map_or(phrase, |i| &phrase[..i]);
        let a_role = own.iter().any(|t| self.is_role(t))
            && !own.iter().any(|t| self.is_namelike(t) && !self.is_role(t));
        if !a_role {
            return None;
        }
        // Back over the description to its comma.
        let mut i = start;
        while i > 0 && start - i < MAX_PHRASE_WORDS && toks[i - 1].kind == Kind::Word {
            if self.is_determiner(&toks[i - 1]) || self.is_cue(&toks[i - 1]) {
                return None;
            }
            i -= 1;
        }
        if i == 0 || toks[i - 1].kind != Kind::Comma {
            return None;
        }
        let comma = i - 1;
        let mut name_start = comma;
        while name_start > 0 && {
            let t = &toks[name_start - 1];
            t.kind == Kind::Word && self.is_namelike(t) && !self.is_role(t)
        } {
            name_start -= 1;
        }
        let sentence_start =
            name_start == 0 || matches!(toks[name_start - 1].kind, Kind::End | Kind::Mark);
        (comma - name_start >= 2 && sentence_start).then(|| Mention {
            phrase: (toks[name_start].start, toks[end - 1].end),
            name: (toks[name_start].start, toks[comma - 1].end),
            what: What::Person,
            rule,
        })
    }

    /// "63 percent said", "Forty-one percent of respondents say": a share
    /// of a poll's people, a group, ending just before `toks[end]`.
    fn share_of(&self, toks: &[Tok], end: usize, rule: Rule) -> Option<Mention> {
        // ("32% of Republican claims": the noun, not a verb of saying.)
        let noun = toks.get(end).is_some_and(|t| {
            matches!(
                self.word(t),
                "claims" | "comments" | "remarks" | "statements" | "reports" | "answers"
            )
        });
        if noun {
            return None;
        }
        let from = end.saturating_sub(MAX_PHRASE_WORDS);
        let percent = (from..end).rev().find(|&i| {
            matches!(self.word(&toks[i]), "percent" | "per-cent" | "%")
                || self.word(&toks[i]) == "cent" && i > 0 && self.word(&toks[i - 1]) == "per"
        })?;
        // After it, nothing or "of" and the words of a noun phrase.
        let rest = &toks[percent + 1..end];
        let of_people = rest.first().is_some_and(|t| self.word(t) == "of")
            && rest.iter().all(|t| t.kind == Kind::Word && !self.is_cue(t));
        if !rest.is_empty() && !of_people {
            return None;
        }
        let count = if self.word(&toks[percent]) == "cent" {
            percent.checked_sub(2)?
        } else {
            percent.checked_sub(1)?
        };
        if !is_count(self.word(&toks[count])) {
            return None;
        }
        let phrase = (toks[count].start, toks[end - 1].end);
        Some(Mention {
            phrase,
            name: phrase,
            what: What::Group,
            rule,
        })
    }

    /// The speaker phrase that starts at `toks[start]`, read forwards.
    pub(crate) fn phrase_after(&self, toks: &[Tok], start: usize, rule: Rule) -> Option<Mention> {
        self.phrase_after_unchecked(toks, start, rule)
            .filter(|m| self.plausible(m))
    }

    fn phrase_after_unchecked(&self, toks: &[Tok], start: usize, rule: Rule) -> Option<Mention> {
        let first = toks.get(start)?;
        if let Some(what) = self.pronoun(first) {
            return Some(Mention {
                phrase: (first.start, first.end),
                name: (first.start, first.end),
                what,
                rule,
            });
        }
        let mut end = start;
        while end < toks.len() && end - start < MAX_PHRASE_WORDS {
            let t = &toks[end];
            let w = self.word(t);
            // "9/11 widow Terry Strada", "25-year-old"
            let digits = |t: &Tok| {
                t.kind == Kind::Word && self.word(t).starts_with(|c: char| c.is_ascii_digit())
            };
            if w == "/" && end > start || digits(t) {
                end += 1;
                continue;
            }
            // ... and the noun a number modifies ("9/11 widow").
            if end > start
                && digits(&toks[end - 1])
                && t.kind == Kind::Word
                && !capitalised(w)
                && !self.cues.has(List::Stops, w)
            {
                end += 1;
                continue;
            }
            if t.kind != Kind::Word {
                break;
            }
            if end > start && self.cues.has(List::Stops, w) && !capitalised(w) {
                // "leader of the party", "spokesman for the ministry"
                if matches!(w, "of" | "for" | "des" | "der") && end + 1 < toks.len() {
                    end += 1;
                    continue;
                }
                break;
            }
            if self.is_namelike(t)
                || self.is_role(t)
                || self.is_determiner(t) && end == start
                || self.is_dutch_article(toks, end)
            {
                end += 1;
                continue;
            }
            // "The newspaper took …": a noun after the determiner; "the
            // national team coach": words describing a role that follows.
            let describes_role = || {
                toks[end..]
                    .iter()
                    .take(4)
                    .take_while(|t| self.plain_word(t) || self.is_role(t))
                    .any(|t| self.is_role(t))
            };
            if self.is_determiner(&toks[start])
                && self.plain_word(t)
                && (end == start + 1 || describes_role())
            {
                end += 1;
                continue;
            }
            if end > start && matches!(w, "the" | "der" | "die" | "das" | "des") {
                end += 1;
                continue;
            }
            // "said entrepreneur Drayton Valentine", "said aviation analyst
            // Nick Van den Brul": lower-case words describing the person
            // whose name (two words or more) follows.
            if self.plain_word(t) && self.describes_name(toks, end) {
                end += 1;
                continue;
            }
            break;
        }
        // Drop a trailing "of"/"the" a stop left behind.
        while end > start && {
            let w = self.word(&toks[end - 1]);
            matches!(w, "of" | "for" | "the" | "der" | "die" | "das" | "des")
        } {
            end -= 1;
        }
        self.mention(toks, start, end, rule)
    }

    /// "den"/"der"/"ter" after "van" inside a name ("Nick Van den Brul"):
    /// not a particle alone, where it is a German article.
    fn is_dutch_article(&self, toks: &[Tok], i: usize) -> bool {
        i > 0
            && matches!(self.word(&toks[i]), "den" | "der" | "ter")
            && self.word(&toks[i - 1]).eq_ignore_ascii_case("van")
    }

    /// The tokens of the person's name in the phrase `toks[start..end]`:
    /// the trailing run of capitalised words that are not titles or roles
    /// ("Kremlin spokesman Dmitry Peskov"), less what only looks like part
    /// of it:
    /// - an organisation after "of"/"at"/"from" when a name of two or more
    ///   words comes before it ("Nick Van den Brul of BNP Paribas", "Ray
    ///   Marshall of the Hendrix Foundation");
    /// - a possessive before the name ("Oxfam's Barbara Stocking");
    /// - post-nominal letters ("Guy Mansfield QC").
    fn name_in(&self, toks: &[Tok], start: usize, end: usize) -> Option<(usize, usize)> {
        let person_word = |i: usize| {
            let t = &toks[i];
            self.is_namelike(t) && !self.is_role(t) || self.is_dutch_article(toks, i)
        };
        let run_before = |end: usize| {
            let mut first = end;
            while first > start && person_word(first - 1) {
                first -= 1;
            }
            first
        };
        let mut last = end;
        while last > start + 1
            && ["QC", "KC", "MEP", "MSP", "OBE", "MBE", "CBE", "KBE"]
                .contains(&self.word(&toks[last - 1]))
        {
            last -= 1;
        }
        let mut first = run_before(last);
        // "A spokesman for Michael Howard", "a spokeswoman for the
        // Department for International Development": the person is the
        // spokesman, whom the phrase does not name.
        if (start + 1..first).any(|i| {
            matches!(self.word(&toks[i]), "for" | "to")
                && self.is_role(&toks[i - 1])
                && !capitalised(self.word(&toks[i - 1]))
        }) {
            return None;
        }
        if first > start {
            let link = first - 1 - usize::from(self.word(&toks[first - 1]) == "the" && first >= 2);
            let linked = matches!(self.word(&toks[link]), "of" | "at" | "from")
                && (link + 1..first).all(|i| self.word(&toks[i]) == "the");
            let before = run_before(link);
            if linked && link - before >= 2 && !is_particle(self.word(&toks[before])) {
                return Some((before, link));
            }
        }
        // "Oxfam's Barbara Stocking": the name after the possessive.
        if let Some(p) = (first..last.saturating_sub(1)).rev().find(|&i| {
            let w = self.word(&toks[i]);
            is_possessive(w)
        }) {
            first = p + 1;
        }
        (first < last && !is_particle(self.word(&toks[first]))).then_some((first, last))
    }

    /// Who wrote the document a definite mention names ("the report",
    /// "its statement"), from where the article introduced it in `toks`
    /// (the words before the mention, nearest introduction first):
    /// "a report by Oxfam", "a statement from the ministry", "Oxfam says in
    /// a report", "Oxfam's report", "Oxfam published a report".
    pub(crate) fn document_author(&self, toks: &[Tok], head: &str) -> Option<Mention> {
        for i in (0..toks.len()).rev() {
            if !self.word(&toks[i]).eq_ignore_ascii_case(head) {
                continue;
            }
            // "a report by Oxfam"
            if let Some(by) = toks.get(i + 1)
                && matches!(self.word(by), "by" | "from")
                && let Some(m) = self.phrase_after(toks, i + 2, Rule::XSaidBefore)
                && m.what != What::Pronoun
            {
                return Some(m);
            }
            let mut j = i;
            while j > 0 && toks[j - 1].kind == Kind::Word && i - j < 3 {
                j -= 1;
                let w = self.word(&toks[j]);
                // "Oxfam's report"
                if is_possessive(w) && self.is_namelike(&toks[j]) {
                    let end = toks[j].end - (w.len() - without_possessive(w).len()) as u32;
                    // The whole name: "the Federal Reserve's Beige Book
                    // survey" is the Federal Reserve's.
                    let mut k = j;
                    while k > 0
                        && j - k < 4
                        && toks[k - 1].kind == Kind::Word
                        && self.is_namelike(&toks[k - 1])
                    {
                        k -= 1;
                    }
                    return Some(Mention {
                        phrase: (toks[k].start, end),
                        name: (toks[k].start, end),
                        what: What::Group,
                        rule: Rule::XSaidBefore,
                    });
                }
                // "Oxfam says in a report", "Oxfam published a report"
                let publishes = [
                    "published",
                    "released",
                    "issued",
                    "produced",
                    "commissioned",
                ];
                if self.is_cue_at(toks, j) || publishes.contains(&w) {
                    return self
                        .phrase_before(toks, j, Rule::XSaidBefore)
                        .filter(|m| m.what != What::Pronoun);
                }
            }
        }
        None
    }

    /// Do the lower-case words from `toks[at]` (at most three, plain or
    /// roles) lead straight to a name of two or more words?
    fn describes_name(&self, toks: &[Tok], at: usize) -> bool {
        let words = toks[at..]
            .iter()
            .take(3)
            .take_while(|t| self.plain_word(t) || self.is_role(t) && !capitalised(self.word(t)))
            .count();
        let person_word = |i: usize| {
            toks.get(i)
                .is_some_and(|t| self.is_namelike(t) && !self.is_role(t))
        };
        words > 0 && person_word(at + words) && person_word(at + words + 1)
    }

    /// A mention from `toks[start..end]`, if those words name someone.
    fn mention(&self, toks: &[Tok], start: usize, end: usize, rule: Rule) -> Option<Mention> {
        if start >= end {
            return None;
        }
        let phrase = (toks[start].start, toks[end - 1].end);
        if let Some((first, last)) = self.name_in(toks, start, end) {
            return Some(Mention {
                phrase,
                name: (toks[first].start, toks[last - 1].end),
                what: What::Person,
                rule,
            });
        }
        // A group or a role: needs a noun we know, or a capitalised word.
        let mut g = start;
        while g < end && self.is_determiner(&toks[g]) {
            g += 1;
        }
        if g == end {
            return None;
        }
        let has_noun = end - g <= 3
            || toks[g..end]
                .iter()
                .any(|t| self.is_role(t) || self.is_namelike(t));
        // An unnamed person is named by the description as written, with
        // its determiner ("a spokesman", "the Tory source"); a group or an
        // institution without it ("officials", "Foreign Office").
        let words = (toks[g].start, toks[end - 1].end);
        // The head noun: the last word, or the role before "for"/"to" ("a
        // spokesman for Michael Howard").
        let head_at = (g..end)
            .find(|&i| {
                i + 1 < end
                    && matches!(self.word(&toks[i + 1]), "for" | "to")
                    && self.is_role(&toks[i])
                    && !capitalised(self.word(&toks[i]))
            })
            .unwrap_or(end - 1);
        let head = self.word(&toks[head_at]);
        let singular = !head.ends_with('s') || head.ends_with("ss");
        let head_words = (toks[g].start, toks[head_at].end);
        let role = self.is_role(&toks[head_at])
            && singular
            && crate::claim::SpeakerKind::of(
                &self.text[head_words.0 as usize..head_words.1 as usize],
            ) == crate::claim::SpeakerKind::Role;
        let article = g > start
            && ["a", "an", "the"]
                .iter()
                .any(|a| a.eq_ignore_ascii_case(self.word(&toks[g - 1])));
        let name = if role && article {
            (toks[g - 1].start, words.1)
        } else {
            words
        };
        has_noun.then_some(Mention {
            phrase,
            name,
            what: What::Group,
            rule,
        })
    }

    /// The attribution in the words after a quote, up to the sentence end.
    pub(crate) fn after(&self, toks: &[Tok]) -> Option<Mention> {
        let mut i = 0;
        while i < toks.len() && matches!(toks[i].kind, Kind::Comma | Kind::Dash | Kind::Mark) {
            i += 1;
        }
        let first = i;
        // "…,” while 73 percent said the same of Trump": a clause of its
        // own, comparing, not an attribution.
        if toks
            .get(first)
            .is_some_and(|t| matches!(self.word(t), "while" | "whereas"))
        {
            return None;
        }
        let mut words = 0;
        // "…” ― Carla Sanchez." (a dash, then the name: a signature).
        if first > 0
            && toks[first - 1].kind == Kind::Dash
            && self.word(&toks[first - 1]) != ")"
            && let Some(m) = self.phrase_after(toks, first, Rule::Dash)
        {
            let next = toks.iter().position(|t| t.start >= m.phrase.1);
            if next.is_none_or(|n| matches!(toks[n].kind, Kind::End | Kind::Comma)) {
                return Some(m);
            }
        }
        if let Some(m) = self.as_put_it(toks, Rule::SaidX) {
            return Some(m);
        }
        while i < toks.len() && words < MAX_AFTER_WORDS {
            let t = &toks[i];
            // "(D-Wis.)" after a name is part of it.
            if self.word(t) == "(" {
                match toks[i..].iter().position(|t| self.word(t) == ")") {
                    Some(close) if close <= 8 => {
                        i += close + 1;
                        continue;
                    }
                    _ => break,
                }
            }
            if matches!(t.kind, Kind::End | Kind::Mark | Kind::Colon) {
                break;
            }
            // ("“…,” according to X"; "claims from X" only right after the
            // quote: later it is a sentence of its own about the claim.)
            if let Some(len) = self.source_phrase(toks, i)
                && (i == first || self.word(t).eq_ignore_ascii_case("according"))
            {
                return self.phrase_after(toks, i + len, Rule::AccordingTo);
            }
            if self.is_cue_at(toks, i) {
                if i == first {
                    // "“delighted”, saying Mr Jackson would be welcome": a
                    // participle's speaker is the sentence's subject, and
                    // what follows it is what was said.
                    if self.word(t).ends_with("ing") {
                        return None;
                    }
                    let ends = |at: usize| {
                        toks.get(at)
                            .is_none_or(|t| matches!(t.kind, Kind::End | Kind::Comma))
                    };
                    if ends(i + 2)
                        && let Some(m) = self.one_of_them(toks, i + 1, Rule::SaidX)
                    {
                        return Some(m);
                    }
                    return self
                        .unnamed_sources(toks, i + 1)
                        .or_else(|| self.phrase_after(toks, i + 1, Rule::SaidX));
                }
                if i == first + 1
                    && let Some(m) = self.one_of_them(toks, first, Rule::XSaid)
                {
                    return Some(m);
                }
                // "…,” Smith said." — or "…,” said Smith" after an adverb.
                // "…,” Scott Pruitt, the attorney general of Oklahoma, one
                // of the states suing, said": the name before the first comma.
                if toks[i - 1].kind == Kind::Comma
                    && let Some(comma) = toks[first..i].iter().position(|t| t.kind == Kind::Comma)
                    && let Some(m) = self.mention(toks, first, first + comma, Rule::XSaid)
                    && m.what == What::Person
                {
                    return Some(m);
                }
                // The clause may go on first: "… is held accountable,
                // Warren said." (Not a relative clause's: "a “tough
                // meeting” where some senior Tories argued …, party sources
                // told the BBC.")
                if let Some(m) = self.phrase_before(&toks[first..], i - first, Rule::XSaid) {
                    let relative = toks[first..i]
                        .iter()
                        .rposition(|t| t.end <= m.phrase.0)
                        .is_some_and(|p| {
                            matches!(self.word(&toks[first + p]), "where" | "which" | "when")
                        });
                    if !relative {
                        return Some(m);
                    }
                }
            }
            if t.kind == Kind::Word {
                words += 1;
            }
            i += 1;
        }
        None
    }

    /// "as Van Jackson, associate professor at …, puts it", "as The New
    /// Yorker put it": the phrase after "as" is who is quoted, whatever
    /// verb the sentence has.
    fn as_put_it(&self, toks: &[Tok], rule: Rule) -> Option<Mention> {
        let put = (2..toks.len()).find(|&i| {
            matches!(self.word(&toks[i]), "put" | "puts")
                && toks.get(i + 1).is_some_and(|t| self.word(t) == "it")
        })?;
        let from = put.saturating_sub(MAX_PHRASE_WORDS + MAX_APPOSITIVE_TOKENS);
        let opening = (from..put)
            .rev()
            .find(|&i| self.word(&toks[i]).eq_ignore_ascii_case("as"))?;
        self.phrase_after(toks, opening + 1, rule)
            .filter(|m| m.phrase.1 <= toks[put].start)
    }

    /// "Clinton’s allegations of a “…”", "Mr Blair's promise that “…”":
    /// the words quoted are the possessor's, right before the quote.
    fn owner_of_words(&self, toks: &[Tok]) -> Option<Mention> {
        let mut i = toks.len();
        while i > 0 && matches!(self.word(&toks[i - 1]), "a" | "an" | "the" | "of" | "that") {
            i -= 1;
        }
        let noun = toks.get(i.checked_sub(1)?)?;
        let owner = toks.get(i.checked_sub(2)?)?;
        let w = self.word(owner);
        if !SPEECH_NOUNS.contains(&self.word(noun)) || !is_possessive(w) || !capitalised(w) {
            return None;
        }
        let name_end = owner.start + without_possessive(w).len() as u32;
        let mut first = i - 2;
        while first > 0 && self.is_namelike(&toks[first - 1]) && !self.is_role(&toks[first - 1]) {
            first -= 1;
        }
        let name = (toks[first].start, name_end);
        let what = match crate::claim::SpeakerKind::of(&self.text[name.0 as usize..name.1 as usize])
        {
            crate::claim::SpeakerKind::Person => What::Person,
            crate::claim::SpeakerKind::Unknown => return None,
            _ => What::Group,
        };
        Some(Mention {
            phrase: (toks[first].start, owner.end),
            name,
            what,
            rule: Rule::AccordingTo,
        })
    }

    /// Does the sentence open with a participle of saying ("Calling …",
    /// "Describing …")? Its speaker is then the subject of the main clause.
    pub(crate) fn opens_with_participle(&self, toks: &[Tok]) -> bool {
        toks.iter().find(|t| t.kind == Kind::Word).is_some_and(|t| {
            let w = self.word(t);
            w.len() > 4 && w.ends_with("ing") && capitalised(w) && self.cues.has(List::Verbs, w)
        })
    }

    /// Does "with" open the phrase `m` ("with the former secretary of state
    /// calling the move “…”": the participle is the phrase's own verb)?
    fn after_with(&self, toks: &[Tok], m: &Mention) -> bool {
        toks.iter()
            .rposition(|t| t.end <= m.phrase.0)
            .is_some_and(|p| self.word(&toks[p]).eq_ignore_ascii_case("with"))
    }

    /// "“…,” one said.", "“…,” said another.": one of several people the
    /// article has just described, unnamed — never the speaker before.
    fn one_of_them(&self, toks: &[Tok], at: usize, rule: Rule) -> Option<Mention> {
        let t = toks.get(at)?;
        if !matches!(self.word(t), "one" | "another") {
            return None;
        }
        let phrase = (t.start, t.end);
        Some(Mention {
            phrase,
            name: phrase,
            what: What::Group,
            rule,
        })
    }

    /// "say those behind the negotiations", "said people close to the
    /// talks": the unnamed sources news copy describes by where they stand,
    /// to the sentence's end.
    fn unnamed_sources(&self, toks: &[Tok], start: usize) -> Option<Mention> {
        let first = toks.get(start)?;
        let next = toks.get(start + 1)?;
        let who = ["those", "people", "sources"];
        let stand = [
            "behind", "close", "closest", "familiar", "involved", "inside", "within", "near",
            "around",
        ];
        if !who.contains(&self.word(first)) || !stand.contains(&self.word(next)) {
            return None;
        }
        let end = (start..toks.len().min(start + MAX_PHRASE_WORDS))
            .take_while(|&i| toks[i].kind == Kind::Word)
            .last()?;
        if toks.get(end + 1).is_some_and(|t| t.kind == Kind::Word) {
            return None;
        }
        let phrase = (first.start, toks[end].end);
        Some(Mention {
            phrase,
            name: phrase,
            what: What::Group,
            rule: Rule::SaidX,
        })
    }

    /// Do the words before a quote end in a passive verb ("Her comments
    /// have been described as", "MTV has been criticised for")? Then the
    /// sentence's subject is what was spoken about, and the speaker is the
    /// agent after the quote ([`Reader::agent`]), if the text names one.
    pub(crate) fn ends_passive(&self, toks: &[Tok]) -> bool {
        let mut words = toks
            .iter()
            .rev()
            .skip_while(|t| t.kind != Kind::Word)
            .map_while(|t| (t.kind == Kind::Word).then(|| self.word(t)))
            .skip_while(|w| matches!(*w, "as" | "for" | "a" | "an" | "the"));
        let Some(participle) = words.next() else {
            return false;
        };
        let auxiliary = words
            .take(2)
            .any(|w| matches!(w, "been" | "was" | "were" | "is" | "are" | "being" | "be"));
        // Verbs that call something by the quoted words; "the election is
        // being rigged “at many polling places”" is no such verb.
        let calling = [
            "described",
            "branded",
            "labelled",
            "labeled",
            "called",
            "dubbed",
            "condemned",
            "criticised",
            "criticized",
            "dismissed",
            "hailed",
            "praised",
            "attacked",
            "denounced",
            "welcomed",
            "slammed",
            "rejected",
        ];
        auxiliary && calling.contains(&participle)
    }

    /// "… by the Islamic Human Rights Commission": the agent of a passive
    /// verb, right after the quote.
    pub(crate) fn agent(&self, toks: &[Tok]) -> Option<Mention> {
        // Right after the quote, or after the quotes joined to it in the
        // same sentence ("described as “irresponsible” and “outrageous” by").
        let by = toks
            .iter()
            .take_while(|t| t.kind != Kind::End)
            .take(MAX_AFTER_WORDS)
            .position(|t| t.kind == Kind::Word && self.word(t) == "by")?;
        self.phrase_after(toks, by + 1, Rule::SaidX)
            .filter(|m| m.what == What::Person || m.what == What::Group)
    }

    /// The attribution in the words before a quote, back to the sentence
    /// start: a few whole-phrase forms first ("In Robert's words", "as X
    /// put it", "Clinton's allegations of", "Smith:"), then the cue nearest
    /// the quote decides.
    pub(crate) fn before(&self, toks: &[Tok]) -> Option<Mention> {
        if let Some(m) = self.in_someones_words(toks) {
            return Some(m);
        }
        if let Some(m) = self.as_put_it(toks, Rule::XSaidBefore) {
            return Some(m);
        }
        if let Some(m) = self.owner_of_words(toks) {
            return Some(m);
        }
        if let Some(m) = self.before_colon(toks) {
            return Some(m);
        }
        for i in (0..toks.len()).rev() {
            if let Some(len) = self.source_phrase(toks, i)
                && let Some(m) = self.phrase_after(toks, i + len, Rule::AccordingTo)
            {
                return Some(m);
            }
            if self.is_cue_at(toks, i)
                && let Some(m) = self.at_cue(toks, i)
            {
                return Some(m);
            }
        }
        None
    }

    /// "In Robert's words, “…”": the owner of the words.
    fn in_someones_words(&self, toks: &[Tok]) -> Option<Mention> {
        let n = toks.len();
        let mut last_words = (0..n).rev().filter(|&i| toks[i].kind == Kind::Word);
        if let (Some(c), Some(b), Some(a)) =
            (last_words.next(), last_words.next(), last_words.next())
        {
            let owner = self.word(&toks[b]);
            if self.word(&toks[a]).eq_ignore_ascii_case("in")
                && self.word(&toks[c]).eq_ignore_ascii_case("words")
                && is_possessive(owner)
            {
                let t = toks[b];
                let name_end = t.start + without_possessive(owner).len() as u32;
                if capitalised(owner) {
                    return Some(Mention {
                        phrase: (t.start, t.end),
                        name: (t.start, name_end),
                        what: What::Person,
                        rule: Rule::AccordingTo,
                    });
                }
            }
        }
        None
    }

    /// "Smith: “…”", "Smith told the BBC: “…”": the speaker before a colon
    /// that ends the words before the quote.
    fn before_colon(&self, toks: &[Tok]) -> Option<Mention> {
        let n = toks.len();
        if n < 2 || toks[n - 1].kind != Kind::Colon {
            return None;
        }
        let cue = (0..n - 1).rev().find(|&i| self.is_cue(&toks[i]));
        if let Some(c) = cue
            && let Some(m) = self.phrase_before(toks, c, Rule::XSaidBefore)
        {
            return Some(m);
        }
        // "But told BBC News: “…”": after "told", "asked", the name
        // before the colon is who was spoken to, not the speaker.
        let addressee = cue.is_some_and(|c| {
            let verb = self.word(&toks[c]);
            TRANSITIVE.iter().any(|t| t.eq_ignore_ascii_case(verb))
        });
        if !addressee
            && let Some(m) = self.phrase_before(toks, n - 1, Rule::Colon)
            && (m.phrase.0 == toks[0].start || toks[..n - 1].len() <= MAX_PHRASE_WORDS)
        {
            return Some(m);
        }
        None
    }

    /// The speaker a cue verb at `toks[i]` gives the quote after `toks`,
    /// if any (else the words before are read on, to an earlier cue).
    fn at_cue(&self, toks: &[Tok], i: usize) -> Option<Mention> {
        // "footage of Hillary Clinton asking, “…”", "with spokesman
        // Glen Caplin saying, “…”": a person named right before the
        // participle is its speaker (after a preposition too: the
        // participle is the name's own verb).
        if self.word(&toks[i]).ends_with("ing")
            && i > 0
            && toks[i - 1].kind == Kind::Word
            && let Some(m) = self.phrase_before_unchecked(toks, i, Rule::XSaidBefore)
            && (m.what == What::Person && capitalised(self.word(&toks[i - 1]))
                || self.after_with(toks, &m))
            && self.plausible(&m)
            && m.phrase.1 == toks[i - 1].end
            && !capitalised(self.word(&toks[i]))
            && toks[i + 1..].iter().all(|t| t.kind != Kind::Mark)
        {
            return Some(m);
        }
        // "…, saying “…”": a participle's speaker is the subject.
        if self.word(&toks[i]).ends_with("ing") {
            if let Some(m) = self.subject(&toks[..i]) {
                return Some(Mention {
                    rule: Rule::XSaidBefore,
                    ..m
                });
            }
            return None;
        }
        // "Moore called Trump’s remarks during the debate the
        // “…”", "condemning Trump's videotaped remarks about women,
        // … and advising members to “…”": a possessive's noun the
        // quote does not follow is what the sentence speaks about,
        // not who speaks.
        // (The possessive right before the noun, or before the
        // lower-case words describing it: "Trump's videotaped
        // remarks".)
        let possessed = (1..=3.min(i)).any(|k| {
            let w = self.word(&toks[i - k]);
            is_possessive(w)
                && toks[i - k + 1..i]
                    .iter()
                    .all(|t| t.kind == Kind::Word && !capitalised(self.word(t)))
        });
        // (Content: no more than "of a", "that the" between noun and quote.)
        let content = || {
            toks.len() - (i + 1) <= 4
                && toks[i + 1..].iter().all(|t| {
                    t.kind != Kind::Word
                        || matches!(self.word(t), "of" | "a" | "an" | "the" | "that")
                })
        };
        if possessed && !content() {
            return None;
        }
        // "The idea, says BT, is to shape a “…”": an attribution
        // set off by commas inside the sentence.
        if i > 0
            && toks[i - 1].kind == Kind::Comma
            && let Some(m) = self.phrase_after(toks, i + 1, Rule::SaidX)
            && toks
                .iter()
                .find(|t| t.start >= m.phrase.1)
                .is_some_and(|t| t.kind == Kind::Comma)
            && m.what != What::Pronoun
        {
            return Some(m);
        }
        if let Some(m) = self.phrase_before(toks, i, Rule::XSaidBefore) {
            // "instead of the “bonfire” New Labour had promised, there
            // had been an “explosion”": a cue closed by a comma and
            // followed by a clause of its own does not lead to the
            // quote, unless set off as a whole ("Nobody got kissed,
            // Gilberthorpe said, but Leeds was “…”").
            let before_phrase = toks.iter().rposition(|t| t.end <= m.phrase.0);
            let set_off = before_phrase.is_some_and(|p| toks[p].kind == Kind::Comma);
            // "a video in which Trump bragged about it, a student
            // group derided him as “…”": a relative clause closed
            // before the quote speaks for no one in it.
            let closed_relative = before_phrase
                .is_some_and(|p| matches!(self.word(&toks[p]), "which" | "whom"))
                && toks[i..]
                    .iter()
                    .take(MAX_AFTER_WORDS)
                    .any(|t| t.kind == Kind::Comma);
            if closed_relative {
                return None;
            }
            if set_off || !self.clause_after_cue(toks, i) {
                return Some(m);
            }
            return None;
        }
        // "said Smith: “…”", "sagte der Minister: „…“": the phrase
        // runs up to the quote.
        // (Not after a verb that takes an object: "asked CJ, “…”".)
        let verb = self.word(&toks[i]);
        let transitive = TRANSITIVE.iter().any(|t| t.eq_ignore_ascii_case(verb));
        if let Some(m) = self
            .phrase_after(toks, i + 1, Rule::XSaidBefore)
            .filter(|_| !transitive)
        {
            let rest = toks.iter().filter(|t| t.start >= m.phrase.1);
            if rest
                .clone()
                .all(|t| matches!(t.kind, Kind::Colon | Kind::Comma | Kind::Dash))
            {
                return Some(m);
            }
        }
        // "Minyon Moore, a senior adviser, called Mr. Obama's
        // remarks “…”": the subject before the appositive.
        let full_name = |m: &Mention| {
            m.what == What::Person && self.text[m.name.0 as usize..m.name.1 as usize].contains(' ')
        };
        if let Some(m) = self.subject(&toks[..i]).filter(full_name) {
            return Some(Mention {
                rule: Rule::XSaidBefore,
                ..m
            });
        }
        None
    }

    /// Is the cue at `i` closed by a comma and followed by a clause of two
    /// or more words that is not its object ("promised, there had been
    /// an")? "said, “…”", "said, however, that “…”" are not.
    fn clause_after_cue(&self, toks: &[Tok], i: usize) -> bool {
        let Some(rest) = toks
            .get(i + 1..)
            .filter(|r| r.first().is_some_and(|t| t.kind == Kind::Comma))
        else {
            return false;
        };
        let rest = &rest[1..];
        let words = rest.iter().filter(|t| t.kind == Kind::Word).count();
        words >= 2
            && rest.iter().all(|t| t.kind == Kind::Word)
            && !rest
                .iter()
                .any(|t| self.word(t).eq_ignore_ascii_case("that"))
    }

    /// "…, Schiff said." ending the sentence before a quote: the speaker of
    /// a quote that opens the next sentence.
    pub(crate) fn said_at_end(&self, toks: &[Tok]) -> Option<Mention> {
        let mut end = toks.len();
        while end > 0 && matches!(toks[end - 1].kind, Kind::End | Kind::Mark) {
            end -= 1;
        }
        // "Schiff said Tuesday."
        let mut cue = end;
        while cue > 0 && end - cue <= 2 && !self.is_cue(&toks[cue - 1]) {
            cue -= 1;
        }
        if cue == 0 || !self.is_cue(&toks[cue - 1]) {
            // "…, observed Jack Boorman, adviser to the IMF's managing
            // director." : a cue after a comma, the speaker and an
            // appositive to the end.
            let cue = (end.saturating_sub(MAX_PHRASE_WORDS + 8)..end)
                .find(|&i| i > 0 && toks[i - 1].kind == Kind::Comma && self.is_cue_at(toks, i))?;
            return self
                .phrase_after(toks, cue + 1, Rule::SaidX)
                .filter(|m| m.what == What::Person)
                .filter(|m| {
                    toks.iter()
                        .find(|t| t.start >= m.phrase.1)
                        .is_some_and(|t| matches!(t.kind, Kind::Comma | Kind::End))
                });
        }
        let cue = cue - 1;
        if cue > 0 && toks[cue - 1].kind == Kind::Comma {
            // "Bill McInturff, part of the team conducting the survey, told
            // NBC.": who is told is the listener; the speaker is the name
            // before the appositive.
            if matches!(self.word(&toks[cue]), "told" | "tells" | "tell") {
                let first = toks.iter().position(|t| t.kind == Kind::Word)?;
                let comma = first + toks[first..].iter().position(|t| t.kind == Kind::Comma)?;
                return self
                    .mention(toks, first, comma, Rule::XSaid)
                    .filter(|m| m.what == What::Person);
            }
            // ", said Smith."
            return self.phrase_after(toks, cue + 1, Rule::SaidX);
        }
        let m = self.phrase_before(toks, cue, Rule::XSaid)?;
        // Only after a comma: "…, Schiff said." (not "Schiff said he …").
        let at = toks.iter().position(|t| t.start == m.phrase.0)?;
        (at > 0 && toks[at - 1].kind == Kind::Comma).then_some(m)
    }

    /// The first person named in full (two words or more, titles left
    /// out) right before a cue verb inside `sentence`.
    fn speaking_inside(&self, sentence: &[Tok]) -> Option<(u32, u32)> {
        (2..sentence.len()).find_map(|i| {
            // (Two capitalised words first: a cheap test before the lists.)
            let capital = |t: &Tok| t.kind == Kind::Word && capitalised(self.word(t));
            if !capital(&sentence[i - 1]) || !capital(&sentence[i - 2]) {
                return None;
            }
            if !self.is_cue_at(sentence, i) {
                return None;
            }
            let mut first = i;
            while first > 0 && {
                let t = &sentence[first - 1];
                t.kind == Kind::Word && self.is_namelike(t) && !self.is_role(t)
            } {
                first -= 1;
            }
            (i - first >= 2).then(|| (sentence[first].start, sentence[i - 1].end))
        })
    }

    /// A word that links the sentence to the one before without being
    /// part of its subject: "But", "And", "Meanwhile,", "However,".
    pub(crate) fn is_connective(&self, t: &Tok, next: &Tok) -> bool {
        let w = self.word(t);
        let conjunction = ["and", "but", "yet", "so", "or", "und", "aber", "doch"]
            .iter()
            .any(|c| c.eq_ignore_ascii_case(w));
        let adverb = next.kind == Kind::Comma
            && (w.len() > 4 && w.ends_with("ly")
                || self.cues.has(List::Adverbs, w)
                || [
                    "meanwhile",
                    "however",
                    "instead",
                    "now",
                    "still",
                    "nonetheless",
                    "nevertheless",
                    "moreover",
                    "indeed",
                    "elsewhere",
                    "separately",
                ]
                .iter()
                .any(|c| c.eq_ignore_ascii_case(w)));
        t.kind == Kind::Word && (conjunction && next.kind == Kind::Word || adverb)
    }

    /// The person a sentence is about: its subject when that is a name
    /// ("Tory peer Lord Tebbit said", "But Ian Shepherdson, chief US
    /// economist at X, said"), or a role whose name follows in apposition
    /// ("The chairman of the committee, Sher Khan, said"). The name range,
    /// titles and roles left out.
    pub(crate) fn subject_person(&self, sentence: &[Tok]) -> Option<Subject> {
        let person = |span: (u32, u32)| {
            crate::claim::SpeakerKind::of(&self.text[span.0 as usize..span.1 as usize])
                == crate::claim::SpeakerKind::Person
        };
        // "For Richard Tateson, who worked on the project, the need grew out
        // of frustration": the person the sentence is about comes first.
        if let Some(first) = sentence.iter().position(|t| t.kind == Kind::Word)
            && self.word(&sentence[first]).eq_ignore_ascii_case("for")
        {
            let mut end = first + 1;
            while end < sentence.len() && self.is_namelike(&sentence[end]) {
                end += 1;
            }
            if let Some((a, b)) = self.name_in(sentence, first + 1, end)
                && b - a >= 2
                && sentence.get(end).is_some_and(|t| t.kind == Kind::Comma)
            {
                let span = (sentence[a].start, sentence[b - 1].end);
                if person(span) {
                    return Some(Subject::Person(span));
                }
            }
        }
        // "Real losses have been suffered, observed Jack Boorman, adviser
        // to …": reported speech with its speaker at the end is about them.
        match self.said_at_end(sentence) {
            Some(m) if m.what == What::Person && person(m.phrase) => {
                return Some(Subject::Person(m.name));
            }
            // "…, the spokesman said.": the role (or group) speaking.
            Some(m) if m.what == What::Group => return Some(Subject::Role(m)),
            _ => {}
        }
        let Some(m) = self.subject(sentence) else {
            return self
                .name_opening(sentence)
                .filter(|&s| person(s))
                .map(Subject::Person);
        };
        // "His comments came as President George W Bush said the US backed
        // …": a subject that is no one, and a person named in full speaking
        // inside the sentence.
        if m.what != What::Person
            && let Some(span) = self.speaking_inside(sentence).filter(|&s| person(s))
        {
            return Some(Subject::Person(span));
        }
        // "Mr Campbell's e-mail suggested …": the possessor is who the
        // sentence is about.
        if let Some(p) = sentence.iter().position(|t| {
            t.start >= m.phrase.0 && t.end <= m.phrase.1 && {
                let w = self.word(t);
                is_possessive(w) && self.is_namelike(t)
            }
        }) {
            let mut first = p;
            while first > 0
                && self.is_namelike(&sentence[first - 1])
                && !self.is_role(&sentence[first - 1])
            {
                first -= 1;
            }
            let w = self.word(&sentence[p]);
            let end = sentence[p].end - (w.len() - without_possessive(w).len()) as u32;
            let span = (sentence[first].start, end);
            let words = p + 1 - first;
            let titled = first > 0 && crate::speaker::is_title(self.word(&sentence[first - 1]));
            return ((words >= 2 || titled) && person(span)).then_some(Subject::Person(span));
        }
        // "But the Lib Dem spokesman questioned …": capitalised words that
        // only modify a role.
        // (Definite only: "A developer who wants …" is nobody in
        // particular, and the look-back goes on past it.)
        let phrase = &self.text[m.phrase.0 as usize..m.phrase.1 as usize];
        let role = opens_definite(phrase)
            && crate::claim::SpeakerKind::of(phrase) == crate::claim::SpeakerKind::Role;
        if m.what == What::Person && role {
            return Some(Subject::Role(m));
        }
        if m.what == What::Person {
            // One capitalised word opening a sentence is as likely a common
            // word ("Real losses have been …", "Africa and climate change
            // would …") as a surname: a name needs two words ("Mr Thomas").
            let words = sentence
                .iter()
                .filter(|t| t.start >= m.phrase.0 && t.end <= m.phrase.1)
                .count();
            if words >= 2 && person(m.phrase) {
                return Some(Subject::Person(m.name));
            }
            // "Bell, 30, had set his sights …": a surname alone, the person
            // if the article named them in full before.
            if let Some(name) = self.name_opening(sentence).filter(|&s| person(s)) {
                return Some(Subject::Person(name));
            }
            let single = sentence
                .iter()
                .find(|t| t.start == m.name.0 && t.end == m.name.1);
            if words == 1
                && single.is_some_and(|t| {
                    self.is_namelike(t) && !self.is_role(t) && !is_particle(self.word(t))
                })
            {
                return Some(Subject::Surname(m.name));
            }
            // "Double try scorer Martyn Williams was keen …": the name
            // further into the phrase that opens the sentence.
            return self
                .name_opening(sentence)
                .filter(|&s| person(s))
                .map(Subject::Person);
        }
        if m.what != What::Group {
            return None;
        }
        // ", Sher Khan, said": a name between two commas, then a verb.
        let comma = sentence.iter().position(|t| t.start >= m.phrase.1)?;
        if sentence[comma].kind != Kind::Comma {
            // "But the Lib Dem spokesman questioned …": the role's holder.
            return role.then_some(Subject::Role(m));
        }
        let mut end = comma + 1;
        while end < sentence.len() && self.is_namelike(&sentence[end]) {
            end += 1;
        }
        let closes = sentence.get(end).is_some_and(|t| t.kind == Kind::Comma)
            && sentence
                .get(end + 1)
                .is_some_and(|t| t.kind == Kind::Word && !capitalised(self.word(t)));
        if end - comma > 2 && closes {
            let span = (sentence[comma + 1].start, sentence[end - 1].end);
            return person(span).then_some(Subject::Person(span));
        }
        Some(Subject::Role(m))
    }

    /// A name of two or more words inside the words that open a sentence,
    /// before any punctuation, followed by a lower-case word or a comma
    /// (its verb or an appositive): "Double try scorer Martyn Williams
    /// was", "Essential Guide author Dan Lewis said".
    fn name_opening(&self, sentence: &[Tok]) -> Option<(u32, u32)> {
        let person_word = |t: &Tok| self.is_namelike(t) && !self.is_role(t);
        let mut i = 1; // the first word is capitalised anyway
        while i < sentence.len().min(MAX_PHRASE_WORDS) {
            if sentence[i].kind != Kind::Word {
                return None;
            }
            if !person_word(&sentence[i]) {
                i += 1;
                continue;
            }
            let mut end = i;
            while end < sentence.len() && person_word(&sentence[end]) {
                end += 1;
            }
            let followed = sentence.get(end).is_some_and(|t| {
                t.kind == Kind::Comma
                    || t.kind == Kind::Word && !capitalised(self.word(t)) && !self.is_function(t)
            });
            // After a role or a describing word ("try scorer"), not after
            // a function word ("the report by …") or a verb.
            let prev = &sentence[i - 1];
            let after_role = self.is_role(prev)
                || i == 1
                    && !self.is_function(prev)
                    && !self.cues.has(List::Stops, self.word(prev))
                || !capitalised(self.word(prev))
                    && !self.is_function(prev)
                    && !self.cues.has(List::Stops, self.word(prev))
                    && !self.is_cue(prev);
            return (end - i >= 2 && followed && after_role)
                .then(|| (sentence[i].start, sentence[end - 1].end));
        }
        None
    }

    /// The subject of the sentence `toks` (the words before a fragment), when
    /// it starts with a name, a group or a pronoun followed by a verb.
    pub(crate) fn subject(&self, toks: &[Tok]) -> Option<Mention> {
        let mut start = toks.iter().position(|t| t.kind == Kind::Word)?;
        // "But Ian Shepherdson, chief economist at …, said", "Meanwhile,
        // senior MP Sir Teddy Taylor warned": a conjunction or a sentence
        // adverb before the subject is not an opening phrase to skip past
        // its comma; only the word (and its comma) goes.
        while start + 1 < toks.len() && self.is_connective(&toks[start], &toks[start + 1]) {
            start += 1;
            while start < toks.len() && toks[start].kind == Kind::Comma {
                start += 1;
            }
        }
        // "During a speech, Trump attacked …", "FLINT, Mich. (UPI) — Bill
        // Clinton …": an opening phrase or a dateline is not the subject.
        let first = self.word(toks.get(start)?);
        // "Speaking on BBC One, he said …", "Pointing to the figures, …": a
        // participle and its preposition open the sentence; the subject
        // comes after the comma.
        // "Realising his error, Mr Campbell then …": a participle whose
        // phrase ends at a comma soon after.
        let participle_phrase = first.len() > 4
            && first.ends_with("ing")
            && capitalised(first)
            && toks[start + 1..]
                .iter()
                .take(8)
                .position(|t| t.kind == Kind::Comma)
                .is_some_and(|c| {
                    toks[start + 1..start + 1 + c]
                        .iter()
                        .all(|t| t.kind == Kind::Word)
                });
        let participle = participle_phrase
            || first.len() > 4
                && first.ends_with("ing")
                && capitalised(first)
                && toks.get(start + 1).is_some_and(|t| {
                    [
                        "on",
                        "to",
                        "at",
                        "in",
                        "about",
                        "after",
                        "before",
                        "during",
                        "from",
                        "with",
                        "for",
                        "outside",
                        "ahead",
                        "alongside",
                    ]
                    .contains(&self.word(t))
                });
        // "Already, Donald J. Trump has …", "Even as his path narrows, a
        // defiant Donald Trump …", "Also before the same election, Senator
        // Chuck Schumer …": a function word opening a phrase closed by a
        // comma soon after, with no verb of saying in it.
        let adverbial = || {
            SENTENCE_ADVERBS
                .iter()
                .any(|a| a.eq_ignore_ascii_case(first))
                && toks[start + 1..]
                    .iter()
                    .take(MAX_PHRASE_WORDS)
                    .position(|t| t.kind == Kind::Comma)
                    .is_some_and(|c| {
                        toks[start + 1..start + 1 + c]
                            .iter()
                            .all(|t| t.kind == Kind::Word && !capitalised(self.word(t)))
                            && !(start..start + 1 + c).any(|j| self.is_cue(&toks[j]))
                            && toks
                                .get(start + c + 2)
                                .is_some_and(|t| t.kind == Kind::Word)
                    })
        };
        let opener = self.cues.has(List::Stops, first)
            || participle
            || adverbial()
            || ["following", "despite", "amid", "like", "unlike", "asked"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(first))
            || first.len() > 2
                && first
                    .chars()
                    .all(|c| c.is_uppercase() || !c.is_alphabetic())
                // "MTV spokeswoman Jeannie Kedas said" is no dateline.
                && toks
                    .get(start + 1)
                    .is_some_and(|t| matches!(t.kind, Kind::Comma | Kind::Dash));
        if opener {
            let after = toks[start..]
                .iter()
                .position(|t| matches!(t.kind, Kind::Comma | Kind::Dash) && self.word(t) != "(")?;
            start += after;
            while start < toks.len() && toks[start].kind != Kind::Word {
                start += 1;
            }
            // A dateline runs "CITY, State, Date — ".
            if let Some(dash) = toks[start..].iter().position(|t| self.word(t) == "—")
                && dash <= 6
            {
                start += dash + 1;
            }
        }
        let m = self.phrase_after(toks, start, Rule::Subject)?;
        // The phrase must be followed by a lower-case word (its verb).
        let after = toks.iter().position(|t| t.start >= m.phrase.1)?;
        let t = &toks[after];
        // (or an appositive: ", a spokesman, said"; "Alan Beith - who chairs
        // the committee - said")
        let verb = t.kind == Kind::Word && !capitalised(self.word(t))
            || t.kind == Kind::Comma
            || t.kind == Kind::Dash && !matches!(self.word(t), "(" | ")");
        verb.then_some(m)
    }

    /// A word right before the quote that makes it a name or a term.
    pub(crate) fn is_naming(&self, toks: &[Tok]) -> bool {
        // "She told the Today programme: “…”": a cue and a colon introduce
        // words spoken, whatever noun comes before the colon.
        if toks.last().is_some_and(|t| t.kind == Kind::Colon) && self.has_cue(toks) {
            return false;
        }
        toks.iter()
            .rev()
            .take(3)
            .filter(|t| t.kind == Kind::Word)
            .any(|t| self.cues.has(List::Naming, self.word(t)))
    }

    /// Does a possessive stand right before the quote ("MSNBC’s “…”",
    /// "DuVernay’s documentary “…”")? Then a capitalised quote is a title.
    pub(crate) fn after_possessive(&self, toks: &[Tok]) -> bool {
        toks.iter().rev().take(2).any(|t| {
            let w = self.word(t);
            t.kind == Kind::Word && (is_possessive(w) || w.ends_with("s’"))
        })
    }

    /// Is there a cue verb or source phrase anywhere in `toks`?
    pub(crate) fn has_cue(&self, toks: &[Tok]) -> bool {
        (0..toks.len()).any(|i| self.is_cue(&toks[i]) || self.source_phrase(toks, i).is_some())
    }
}

/// Cue verbs whose next noun is their object, not their subject.
/// Adverbs that open a sentence before a phrase closed by a comma, the
/// subject after it ("Already, Donald J. Trump has …", "Even as his path
/// narrows, a defiant Donald Trump …").
const SENTENCE_ADVERBS: &[&str] = &[
    "again",
    "already",
    "also",
    "earlier",
    "even",
    "eventually",
    "finally",
    "indeed",
    "instead",
    "later",
    "now",
    "previously",
    "recently",
    "separately",
    "still",
    "ultimately",
    "yet",
];

/// Nouns for words someone said, whose owner is their speaker: "Clinton’s
/// allegations of a “…”".
const SPEECH_NOUNS: &[&str] = &[
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "assertion",
    "charge",
    "claim",
    "claims",
    "comment",
    "comments",
    "description",
    "insistence",
    "phrase",
    "pledge",
    "promise",
    "remark",
    "remarks",
    "vow",
    "warning",
    "words",
];

/// Nouns that end in "-ly" as adverbs do: "the family said", "the
/// influential US daily wrote", "the assembly voted".
const LY_NOUNS: &[&str] = &[
    "ally", "anomaly", "assembly", "daily", "family", "homily", "monopoly", "monthly", "rally",
    "supply", "weekly",
];

/// Does `w` look like an adverb ("quickly"), not one of [`LY_NOUNS`]?
fn adverb_shaped(w: &str) -> bool {
    w.ends_with("ly") && !LY_NOUNS.contains(&w)
}

/// A manner adverb between a speaker and the verb ("the Democratic nominee
/// mockingly responded"): lower case and adverb-shaped.
fn manner_adverb(w: &str) -> bool {
    w.len() >= 6 && adverb_shaped(w) && !capitalised(w)
}

/// A count written in digits ("63", "1,200") or words ("Forty-one").
fn is_count(word: &str) -> bool {
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    word.split('-').all(|part| {
        let mut buf = [0u8; 16];
        let Some(lower) = buf.get_mut(..part.len()) else {
            return false;
        };
        lower.copy_from_slice(part.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower)
            .ok()
            .and_then(crate::variants::number_value)
            .is_some()
    })
}

/// Short prefixes of hyphenated English words ("Ex-wife", "Anti-war"),
/// which a capitalised compound opening with one describes, not names.
const ENGLISH_PREFIXES: &[&str] = &[
    "all", "anti", "bi", "co", "de", "ex", "far", "full", "half", "hard", "high", "ill", "long",
    "low", "mid", "neo", "new", "non", "old", "one", "pan", "post", "pre", "pro", "re", "self",
    "semi", "sub", "top", "two", "un", "vice", "well",
];

const TRANSITIVE: &[&str] = &[
    "told",
    "tells",
    "tell",
    "telling",
    "asked",
    "asks",
    "ask",
    "asking",
    "urged",
    "urges",
    "urging",
    "thanked",
    "called",
    "calls",
    "calling",
    "praised",
    "praising",
    "criticized",
    "criticised",
    "blasted",
    "slammed",
    "mocked",
    "accused",
    "accuses",
    "described",
    "describes",
    "describing",
    "quoted",
    "quoting",
    "hailed",
    "implored",
    "warned",
    "warns",
    "fragte",
    "bezeichnete",
    "nannte",
    "kritisierte",
    "warnte",
];

/// Lower-case name particles: "de", "van", "bin", "al-".
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "da"
            | "van"
            | "von"
            | "bin"
            | "al"
            | "la"
            | "le"
            | "del"
            | "di"
            | "du"
            | "ibn"
            | "dos"
    ) || w.starts_with("al-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::cues::{ENGLISH, GERMAN};
    use crate::extract::tokens::tokenize;

    fn toks(text: &str) -> Vec<Tok> {
        let mut v = Vec::new();
        tokenize(text, 0, text.len(), &mut v);
        v
    }

    fn after(text: &str) -> Option<(String, String, &'static str)> {
        let r = Reader {
            text,
            cues: &ENGLISH,
            title_case: false,
        };
        r.after(&toks(text)).map(|m| show(text, m))
    }

    fn before(text: &str) -> Option<(String, String, &'static str)> {
        let r = Reader {
            text,
            cues: &ENGLISH,
            title_case: false,
        };
        r.before(&toks(text)).map(|m| show(text, m))
    }

    fn show(text: &str, m: Mention) -> (String, String, &'static str) {
        (
            text[m.phrase.0 as usize..m.phrase.1 as usize].to_string(),
            text[m.name.0 as usize..m.name.1 as usize].to_string(),
            m.rule.name(),
        )
    }

    fn t(a: &str, b: &str, r: &'static str) -> Option<(String, String, &'static str)> {
        Some((a.to_string(), b.to_string(), r))
    }

    #[test]
    fn after_the_quote() {
        assert_eq!(after(", Smith said."), t("Smith", "Smith", "x_said"));
        assert_eq!(
            after(", said Sen. John Smith, a Republican."),
            t("Sen. John Smith", "John Smith", "said_x")
        );
        assert_eq!(
            after(", Kremlin spokesman Dmitry Peskov told reporters."),
            t("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "x_said")
        );
        assert_eq!(after(" he added."), t("he", "he", "x_said"));
        assert_eq!(
            after(", U.S. officials said on Monday."),
            t("U.S. officials", "U.S. officials", "x_said")
        );
        assert_eq!(
            after(", according to the ministry."),
            t("the ministry", "ministry", "according_to")
        );
        assert_eq!(
            after(", Smith, a representative of the union, told Reuters."),
            t("Smith", "Smith", "x_said")
        );
        assert_eq!(after(", Smith also said."), t("Smith", "Smith", "x_said"));
        assert_eq!(after(" and then the rain came."), None);
    }

    #[test]
    fn before_the_quote() {
        assert_eq!(
            before("President Barack Obama said:"),
            t("President Barack Obama", "Barack Obama", "x_said_before")
        );
        assert_eq!(
            before("Smith told reporters that"),
            t("Smith", "Smith", "x_said_before")
        );
        assert_eq!(
            before("Smith said in an interview with CNN that"),
            t("Smith", "Smith", "x_said_before")
        );
        assert_eq!(
            before("According to the mayor,"),
            t("the mayor", "the mayor", "according_to")
        );
        // An unnamed person keeps the determiner; a group does not.
        assert_eq!(
            before("A Cabinet Office spokeswoman said"),
            t(
                "A Cabinet Office spokeswoman",
                "A Cabinet Office spokeswoman",
                "x_said_before"
            )
        );
        assert_eq!(
            before("The officials said"),
            t("The officials", "officials", "x_said_before")
        );
        assert_eq!(before("Trump:"), t("Trump", "Trump", "colon"));
    }

    #[test]
    fn german_cues() {
        let text = ", sagte der Sprecher des Ministeriums.";
        let r = Reader {
            text,
            cues: &GERMAN,
            title_case: false,
        };
        let m = r.after(&toks(text)).unwrap();
        assert_eq!(m.rule, Rule::SaidX);
        assert_eq!(show(text, m).0, "der Sprecher des Ministeriums");
        let text = ", so Merkel.";
        let r = Reader {
            text,
            cues: &GERMAN,
            title_case: false,
        };
        assert_eq!(show(text, r.after(&toks(text)).unwrap()).1, "Merkel");
        let text = "Laut Innenminister Thomas de Maizière";
        let r = Reader {
            text,
            cues: &GERMAN,
            title_case: false,
        };
        assert_eq!(
            show(text, r.before(&toks(text)).unwrap()).1,
            "Thomas de Maizière"
        );
    }
}
