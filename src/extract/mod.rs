//! Quote extraction and speaker attribution from news copy, without a model.
//!
//! [`Extractor::extract`] reads an article (paragraphs separated by line
//! breaks) and returns every quoted span with byte ranges, its paragraph,
//! whether it is `speech` or `other` (a title, a name, a scare quote), and for
//! speech the speaker: the mention that decided it, the canonical name it
//! resolves to, and the [`Rule`] that matched.
//!
//! ```
//! use quotecheck::extract::{Extractor, QuoteKind};
//! let article = "Kremlin spokesman Dmitry Peskov dismissed the report.\n\
//!                “This is nonsense,” Peskov told reporters. The so-called “plan” was dropped.";
//! let mut ex = Extractor::new();
//! let found = ex.extract(article);
//! let q = &found.quotes()[0];
//! assert_eq!(&article[q.text.0 as usize..q.text.1 as usize], "This is nonsense,");
//! assert_eq!(found.speaker_name(q), Some("Dmitry Peskov"));
//! assert_eq!(found.quotes()[1].kind, QuoteKind::Other);
//! ```
//!
//! How it works, one paragraph at a time:
//! 1. `marks` pairs quotation marks (with nesting, apostrophes, strays and
//!    the multi-paragraph convention);
//! 2. for each top-level quote, `attribute` reads the words after it (to
//!    the sentence end) and before it (back to the sentence start) for a cue
//!    verb and a speaker phrase; the cue lists are per language in `cues`;
//! 3. speech or other: a naming word before the quote ("so-called",
//!    "dubbed", "Plattform") makes it `other`; a speaker, a cue in the
//!    sentence, or sentence-like content (closing punctuation or six words)
//!    makes it `speech`;
//! 4. names resolve over the article (the document model): a surname or a
//!    title form to the fullest name given with it; a pronoun to the
//!    person the sentences just before are about, agreeing in gender where
//!    the text shows it (`gender`), else the last speaker of its kind; a
//!    role to the person holding it, or to the unnamed description given
//!    before; a document to its author. An unattributed quote after a
//!    sentence about a person is that person's.
//!
//! Every look-back is bounded in bytes (800 before a pronoun, 3,000 before
//! a role, 2,000 before a document or an institution), and every look-ahead
//! (600 in an article's opening, 1,500 for an indefinite role named later),
//! so extraction stays linear in the article.
//!
//! Costs: the paragraph scan touches each byte once looking for the first
//! byte of a mark; attribution tokenizes only the sentences around quotes.
//! Everything is kept in the extractor's buffers, which are reused, so
//! extraction allocates nothing once they have grown.

#![forbid(unsafe_code)]

mod antecedents;
mod attribute;
mod cues;
mod gender;
mod headline;
mod marks;
mod names;
mod tokens;

pub use attribute::Rule;
use std::collections::HashMap;

use crate::claim::SpeakerKind;
use antecedents::{
    Holder, SUBJECT_LOOKBACK_BYTES, Wanted, document_agent, document_author, last_person_before,
    named_later, pronoun_subject_before, role_holder, subject_person_before,
};
use attribute::{Mention, Reader, What};
use cues::Cues;
use marks::{Found, Glyph, Pair, glyph_at, pair_paragraph};
use names::{
    SurnameMemo, expand_acronym, full_name, institution_named_before, without_possessive_range,
};
use tokens::{Kind, Tok, capitalised, drop_asides, tokenize};

/// Is a quoted span reported speech, or something else in quote marks?
///
/// ```
/// use quotecheck::extract::{Extractor, QuoteKind};
/// let mut ex = Extractor::new();
/// let found = ex.extract("The film “Jaws” opened. “It scared me,” Ana Diaz said.");
/// let kinds: Vec<QuoteKind> = found.quotes().iter().map(|q| q.kind).collect();
/// assert_eq!(kinds, [QuoteKind::Other, QuoteKind::Speech]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum QuoteKind {
    /// Someone is reported as having said or written it.
    Speech = 0,
    /// A title, a name, a term or a scare quote.
    Other = 1,
}

impl QuoteKind {
    /// `"speech"` or `"other"`.
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Speech => "speech",
            QuoteKind::Other => "other",
        }
    }
}

/// The language whose cue lists attribution uses.
///
/// ```
/// use quotecheck::extract::{Extractor, Language};
/// let mut ex = Extractor::new().language(Language::German);
/// let found = ex.extract("„Wir schaffen das“, sagte Angela Merkel.");
/// assert_eq!(found.speaker_name(&found.quotes()[0]), Some("Angela Merkel"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Language {
    /// Chosen per article from its commonest function words.
    #[default]
    Auto,
    /// English.
    English,
    /// German.
    German,
}

/// One quoted span of an article.
///
/// ```
/// use quotecheck::extract::Extractor;
/// let article = "“We will win,” said Sen. Jane Doe.";
/// let mut ex = Extractor::new();
/// let found = ex.extract(article);
/// let q = found.quotes()[0];
/// assert_eq!(&article[q.text.0 as usize..q.text.1 as usize], "We will win,");
/// assert_eq!((q.paragraph, q.nested_in), (0, None));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Byte range of the text inside the marks.
    pub text: (u32, u32),
    /// Byte range of the opening mark.
    pub open_mark: (u32, u32),
    /// Byte range of the closing mark (empty at the paragraph's end when the
    /// quote continues into the next paragraph, and right after the quote's
    /// last character when a paragraph break was collapsed onto one line:
    /// `… it remains. "He's been …`).
    pub close_mark: (u32, u32),
    /// Index of the paragraph (0-based, counting non-empty lines).
    pub paragraph: u32,
    /// Speech or other.
    pub kind: QuoteKind,
    /// Index of the quote this one is nested in.
    pub nested_in: Option<u32>,
    /// This piece continues the previous paragraph's open quote (or the
    /// quote before it, across a collapsed paragraph break).
    pub continued: bool,
    /// No closing mark: the quote goes on in the next paragraph.
    pub open_end: bool,
    /// Byte range of the speaker mention that decided the attribution.
    pub speaker_mention: Option<(u32, u32)>,
    /// Byte range of the speaker's canonical name (the first full mention of
    /// the person, or the group's words), possibly in an earlier paragraph.
    pub speaker: Option<(u32, u32)>,
    /// The pattern that decided the speaker.
    pub rule: Rule,
}

/// The result of one extraction, borrowed from the [`Extractor`].
///
/// ```
/// use quotecheck::extract::Extractor;
/// let mut ex = Extractor::new();
/// let found = ex.extract("“Yes,” Mr Blair said. Later Tony Blair added: “No.”");
/// assert_eq!(found.quotes().len(), 2);
/// assert_eq!(found.text_of(&found.quotes()[1]), "No.");
/// assert!(found.unmatched_marks().is_empty());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Extraction<'a> {
    text: &'a str,
    quotes: &'a [Quote],
    strays: &'a [(u32, u32)],
}

impl<'a> Extraction<'a> {
    /// Every quote, in the order their opening marks appear.
    pub fn quotes(&self) -> &'a [Quote] {
        self.quotes
    }

    /// Byte ranges of quote marks that pair with nothing.
    pub fn unmatched_marks(&self) -> &'a [(u32, u32)] {
        self.strays
    }

    /// The text inside a quote's marks.
    pub fn text_of(&self, q: &Quote) -> &'a str {
        &self.text[q.text.0 as usize..q.text.1 as usize]
    }

    /// The speaker's canonical name.
    pub fn speaker_name(&self, q: &Quote) -> Option<&'a str> {
        q.speaker.map(|(s, e)| &self.text[s as usize..e as usize])
    }

    /// The speaker mention as written.
    pub fn speaker_mention(&self, q: &Quote) -> Option<&'a str> {
        q.speaker_mention
            .map(|(s, e)| &self.text[s as usize..e as usize])
    }
}

/// Finds quotes and their speakers; owns all scratch space.
///
/// ```
/// use quotecheck::extract::Extractor;
/// let mut ex = Extractor::new().single_quotes(false);
/// let found = ex.extract("'Maybe,' she said. “Certainly,” said Ana Diaz.");
/// assert_eq!(found.quotes().len(), 1);
/// assert_eq!(found.speaker_name(&found.quotes()[0]), Some("Ana Diaz"));
/// ```
#[derive(Debug, Default)]
pub struct Extractor {
    language: Language,
    singles_top_level: bool,
    quotes: Vec<Quote>,
    pairs: Vec<Pair>,
    strays: Vec<(u32, u32)>,
    /// Scratch for pairing (where each pair went when strays are removed).
    remap: Vec<u32>,
    paragraphs: Vec<(u32, u32)>,
    toks: Vec<Tok>,
    /// Speakers so far: (name range, is a person).
    speakers: Vec<((u32, u32), What)>,
    /// The last speaker that is not a group (what a singular pronoun
    /// takes), kept as speakers are added rather than searched for.
    last_person: Option<(u32, u32)>,
    /// Surnames resolved so far (see [`full_name`]).
    surnames: HashMap<u64, SurnameMemo>,
    /// Genders the article's pronouns have shown, per name.
    learnt: gender::Learnt,
}

/// How many earlier speakers a pronoun passes over when the last one's
/// gender disagrees with it.
const MAX_SPEAKERS_BACK: usize = 8;

/// Largest article extracted (bytes); offsets are `u32`.
pub const MAX_ARTICLE_BYTES: usize = u32::MAX as usize / 2;

impl Extractor {
    /// An extractor for any language, reporting top-level single quotes.
    pub fn new() -> Self {
        Extractor {
            singles_top_level: true,
            ..Extractor::default()
        }
    }

    /// Uses one language's cue lists instead of guessing.
    ///
    /// ```
    /// use quotecheck::extract::{Extractor, Language};
    /// let mut ex = Extractor::new().language(Language::German);
    /// let found = ex.extract("„Wir schaffen das“, sagte Merkel.");
    /// assert_eq!(found.speaker_name(&found.quotes()[0]), Some("Merkel"));
    /// ```
    pub fn language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }

    /// Whether single marks (‘…’, '…') may open a top-level quote. On by
    /// default; US style uses them only inside double quotes and in
    /// headlines, so a corpus following that style may turn them off.
    ///
    /// ```
    /// let mut ex = quotecheck::extract::Extractor::new().single_quotes(false);
    /// assert!(ex.extract("Trump: ‘Mocking’ critics").quotes().is_empty());
    /// ```
    pub fn single_quotes(mut self, top_level: bool) -> Self {
        self.singles_top_level = top_level;
        self
    }

    /// Extracts every quote of `article`. Articles longer than
    /// [`MAX_ARTICLE_BYTES`] are read up to that length.
    pub fn extract<'a>(&'a mut self, article: &'a str) -> Extraction<'a> {
        let mut end = article.len().min(MAX_ARTICLE_BYTES);
        while !article.is_char_boundary(end) {
            end -= 1;
        }
        let text = &article[..end];
        self.quotes.clear();
        self.strays.clear();
        self.speakers.clear();
        self.last_person = None;
        self.surnames.clear();
        self.learnt.clear();
        self.split_paragraphs(text);
        let cues = match self.language {
            Language::English => &cues::ENGLISH,
            Language::German => &cues::GERMAN,
            Language::Auto => detect(text),
        };
        let mut continued = false;
        for p in 0..self.paragraphs.len() {
            let (start, end) = self.paragraphs[p];
            let next_opens = self
                .paragraphs
                .get(p + 1)
                .and_then(|&(s, e)| opening_glyph(text, s as usize, e as usize));
            self.pairs.clear();
            pair_paragraph(
                text,
                start as usize,
                end as usize,
                continued,
                next_opens,
                self.singles_top_level,
                &mut Found {
                    pairs: &mut self.pairs,
                    strays: &mut self.strays,
                    remap: &mut self.remap,
                },
            );
            continued = self.pairs.iter().any(|q| q.outer.is_none() && q.open_end);
            self.attribute_paragraph(text, cues, p as u32, start as usize, end as usize);
        }
        headline::give_echoed_speakers(
            text,
            cues,
            &self.paragraphs,
            &mut self.quotes,
            &self.learnt,
        );
        Extraction {
            text,
            quotes: &self.quotes,
            strays: &self.strays,
        }
    }

    fn split_paragraphs(&mut self, text: &str) {
        self.paragraphs.clear();
        let mut start = 0;
        let bytes = text.as_bytes();
        // A line ends at LF, CRLF or a lone CR (old Mac files, some CMS
        // exports): a lone CR is a line break too, not part of a paragraph.
        let breaks = memchr::memchr2_iter(b'\n', b'\r', bytes)
            .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')));
        for nl in breaks.chain(std::iter::once(text.len())) {
            let line = &text[start..nl];
            let trimmed = line.trim_end_matches(['\r', ' ', '\t']);
            let lead = line.len() - line.trim_start().len();
            if !trimmed.trim().is_empty() {
                self.paragraphs
                    .push(((start + lead) as u32, (start + trimmed.len()) as u32));
            }
            start = nl + 1;
        }
    }

    fn attribute_paragraph(
        &mut self,
        text: &str,
        cues: &Cues,
        paragraph: u32,
        start: usize,
        end: usize,
    ) {
        let reader = Reader {
            text,
            cues,
            title_case: false,
        };
        let base = self.quotes.len() as u32;
        let label = paragraph_label(text, start, end);
        let mut prev_top: Option<usize> = None;
        // The last speech quote: a title or a term after it ("on Fox News’s
        // “Fox and Friends.”") does not end what it said, and the quote
        // after the title is the other half of that speech.
        let mut prev_speech: Option<usize> = None;
        for i in 0..self.pairs.len() {
            let pair = self.pairs[i];
            let mut q = Quote {
                text: trim_inner(text, pair.open.1, pair.close.0),
                open_mark: pair.open,
                close_mark: pair.close,
                paragraph,
                kind: QuoteKind::Other,
                nested_in: pair.outer.map(|o| base + o),
                continued: pair.continued,
                open_end: pair.open_end,
                speaker_mention: None,
                speaker: None,
                rule: Rule::None,
            };
            if pair.outer.is_some() {
                // A quote inside a quote: the speaker quotes someone; only
                // its kind is judged.
                q.kind = if sentence_like(text, q.text) {
                    QuoteKind::Speech
                } else {
                    QuoteKind::Other
                };
                self.quotes.push(q);
                continue;
            }
            // The sentence around the quote, bounded by neighbouring quotes.
            let next_open = self.pairs[i + 1..]
                .iter()
                .find(|p| p.outer.is_none())
                .map_or(end, |p| p.open.0 as usize);
            let prev_close = prev_top.map_or(start, |j| self.pairs[j].close.1 as usize);
            let after_end = sentence_end(text, pair.close.1 as usize, next_open);
            let before_limit = attribution_limit(
                text,
                prev_top.map(|j| &self.quotes[base as usize + j]),
                prev_speech.map(|j| self.pairs[j].close.1 as usize),
                prev_close,
                start,
                pair.open.0,
            );
            let before_start = sentence_start(text, before_limit, pair.open.0 as usize);
            // "Clinton Said That …": a sentence in Title Case capitalises
            // its verbs too.
            let reader = Reader {
                title_case: title_case(&text[before_start..pair.open.0 as usize]),
                ..reader
            };

            tokenize(text, before_start, pair.open.0 as usize, &mut self.toks);
            drop_asides(text, &mut self.toks);
            let naming = reader.is_naming(&self.toks);
            let possessive = reader.after_possessive(&self.toks);
            let passive = reader.ends_passive(&self.toks);
            let before = reader.before(&self.toks);
            let cue_before = reader.has_cue(&self.toks);
            let subject = reader.subject(&self.toks);
            let words_before = self.toks.iter().filter(|t| t.kind == Kind::Word).count();
            let participle_opening = reader.opens_with_participle(&self.toks);
            // A quote opening a sentence after "…, Schiff said."
            let said_before = if words_before == 0 && before_start > prev_close {
                let prev_start = sentence_start(text, prev_close, before_start.saturating_sub(1));
                tokenize(text, prev_start, before_start, &mut self.toks);
                drop_asides(text, &mut self.toks);
                reader.said_at_end(&self.toks)
            } else {
                None
            };
            tokenize(text, pair.close.1 as usize, after_end, &mut self.toks);
            // "“What's the secret?” He said, “We're tougher.”": after a quote
            // that ends its sentence, an attribution leading into another
            // quote belongs to that one.
            let ends_sentence = text[pair.open.1 as usize..pair.close.0 as usize]
                .trim_end()
                .ends_with(['.', '?', '!']);
            let after = reader.after(&self.toks).filter(|m| {
                let leads_on = after_end == next_open && next_open < end;
                !(ends_sentence
                    && (leads_on && introduces_quote(&self.toks, m)
                        || reports_more(text, &self.toks, m)))
            });
            // "Calling Mr. Burr's challenger “exactly the kind of partner I
            // need,” Mrs. Clinton upbraided Mr. Burr": the participle opening
            // the sentence is its subject's, named after the quote.
            let after = after.or_else(|| {
                participle_opening
                    .then(|| reader.subject(&self.toks))
                    .flatten()
                    .filter(|m| m.what == What::Person)
                    .map(|m| Mention {
                        rule: Rule::XSaid,
                        ..m
                    })
            });
            // "Her comments have been described as “outrageous” by the
            // Islamic Human Rights Commission": the agent speaks.
            let agent = if passive {
                let sentence_end = sentence_end(text, pair.close.1 as usize, end);
                tokenize(text, pair.close.1 as usize, sentence_end, &mut self.toks);
                reader.agent(&self.toks)
            } else {
                None
            };
            let before = before.filter(|_| agent.is_none());
            let after = agent.or(after);

            let inner = &text[q.text.0 as usize..q.text.1 as usize];
            let ends_clause = inner.ends_with([',', '?', '!', '—', '-'])
                || inner.ends_with("...")
                || inner.ends_with('…');
            let mention = match (after, before) {
                (Some(a), Some(b)) => Some(if ends_clause || a.rule == Rule::SaidX {
                    a
                } else {
                    b
                }),
                (a, b) => a.or(b),
            };
            let mut mention = mention.or(said_before);
            // A paragraph quoted after "The New York Times reports:".
            if mention.is_none()
                && prev_top.is_none()
                && opens_paragraph(text, start, pair.open.0 as usize)
                && paragraph > 0
            {
                let (ps, pe) = self.paragraphs[paragraph as usize - 1];
                if text[ps as usize..pe as usize].ends_with(':') {
                    let from = sentence_start(text, ps as usize, pe as usize);
                    tokenize(text, from, pe as usize, &mut self.toks);
                    mention = reader.before(&self.toks);
                }
            }
            // A headline: "Brown 'proud of economy record'", "Campbell: E-mail
            // row 'silly fuss'": the surname that opens it, if the article
            // names that person in full.
            if mention.is_none() && paragraph == 0 && self.paragraphs.len() > 1 {
                mention = self.headline_speaker(text, &reader, start, pair.open.0 as usize);
            }
            // An interview transcript quoted whole: "“PENCE: Well, …”".
            if mention.is_none()
                && let Some(l) = paragraph_label(text, q.text.0 as usize, q.text.1 as usize)
            {
                mention = Some(Mention {
                    phrase: l,
                    name: l,
                    what: What::Person,
                    rule: Rule::Label,
                });
            }
            // Where the story told since the last quote starts: after it, or
            // for a quote whose paragraph has no sentence before it ("“…,” he
            // said", "He said: “…”"), in the paragraph before.
            // (Read once per paragraph: only its first quote has no quote
            // before it.)
            let no_sentence_before =
                || !text[start..pair.open.0 as usize].contains(['.', '?', '!']);
            let narrative_from = match prev_top {
                Some(_) => prev_close,
                None if paragraph > 0 && no_sentence_before() => {
                    let (ps, _) = self.paragraphs[paragraph as usize - 1];
                    let last_close = self.quotes[..base as usize]
                        .iter()
                        .rev()
                        .find(|p| p.nested_in.is_none())
                        .filter(|p| p.paragraph + 1 == paragraph)
                        .map_or(0, |p| p.close_mark.1 as usize);
                    last_close.max(ps as usize)
                }
                None => start,
            };
            // Where a pronoun's antecedent is looked for: a fragment quoted
            // inside a sentence leaves the sentence narrative ("The prime
            // minister shrugged off claims that he led a “grubby
            // government”. He said …" is about the prime minister).
            let pronoun_from = match prev_top.map(|j| self.pairs[j]) {
                Some(prev) if !sentence_like(text, (prev.open.1, prev.close.0)) => {
                    // (Bounded: a paragraph of fragments and no full stop
                    // must not be read back to its start for every quote.)
                    let open = prev.open.0 as usize;
                    let limit = window_start(text, open, SUBJECT_LOOKBACK_BYTES).max(start);
                    sentence_start(text, limit, open)
                }
                _ => narrative_from,
            };
            // "Double try scorer Martyn Williams was keen not to talk about
            // it. “We've got …”": a sentence since the last quote whose
            // subject is a person introduces the speaker.
            let unattributed = mention.is_none()
                && !naming
                && !pair.continued
                && (words_before == 0 || subject.is_none());
            let narrated = unattributed
                .then(|| {
                    let wanted = Wanted {
                        gender: None,
                        learnt: &self.learnt,
                        roles: true,
                    };
                    subject_person_before(
                        text,
                        &reader,
                        narrative_from,
                        pair.open.0,
                        wanted,
                        &mut self.toks,
                    )
                })
                .flatten();
            // "But he said the NHS needed … “We do need …”": a pronoun as
            // that sentence's subject stands for whom it stands for.
            let narrated = narrated.or_else(|| {
                let he = unattributed
                    .then(|| {
                        pronoun_subject_before(
                            text,
                            &reader,
                            narrative_from,
                            pair.open.0,
                            &mut self.toks,
                        )
                    })
                    .flatten()?;
                self.pronoun_antecedent(text, &reader, he, narrative_from, he.phrase.0)
            });
            if let Some(name) = narrated {
                q.speaker = Some(full_name(
                    text,
                    &reader,
                    name,
                    &self.speakers,
                    &mut self.surnames,
                    &mut self.toks,
                ));
                q.speaker_mention = Some(name);
                q.rule = Rule::Subject;
            } else if mention.is_none() && !naming {
                // The second half of a split quote, or a continued paragraph.
                // Quotes later in a paragraph without an attribution of
                // their own are the same speaker's (news convention).
                // ("… a “black hole”. Responding, Mr Cable attacked Labour's
                // “unfair” taxes": a sentence of its own with a named
                // subject is that subject's.)
                let own_subject = before_start > prev_close
                    && words_before >= 2
                    && subject.is_some_and(|s| s.what == What::Person);
                if let Some(j) = prev_top.filter(|_| !own_subject) {
                    let j = prev_speech
                        .filter(|_| {
                            self.quotes[base as usize + j].kind == QuoteKind::Other
                                && text[q.text.0 as usize..q.text.1 as usize]
                                    .trim_end()
                                    .ends_with(['.', '!', '?', '…'])
                        })
                        .unwrap_or(j);
                    let prev = &self.quotes[base as usize + j];
                    if prev.speaker.is_some() {
                        q.speaker = prev.speaker;
                        q.speaker_mention = prev.speaker_mention;
                        q.rule = Rule::Split;
                    }
                } else if pair.continued || opens_paragraph(text, start, pair.open.0 as usize) {
                    // A paragraph continuing an open quote, or one that
                    // starts with a quote and names nobody: the previous
                    // paragraph's last speaker, if it ended on a quote's.
                    let prev = self.quotes[..base as usize]
                        .iter()
                        .rev()
                        .find(|p| p.nested_in.is_none() && p.kind == QuoteKind::Speech);
                    if let Some(prev) =
                        prev.filter(|p| p.paragraph + 1 == paragraph && p.speaker.is_some())
                    {
                        q.speaker = prev.speaker;
                        q.speaker_mention = prev.speaker_mention;
                        q.rule = Rule::Continued;
                    }
                }
                // A fragment inside a sentence belongs to its subject.
                let mid_sentence = words_before >= 2;
                if q.rule == Rule::None
                    && (cue_before || mid_sentence || !sentence_like(text, q.text))
                {
                    mention = subject;
                }
                if q.rule == Rule::None && mention.is_none() {
                    mention = label.map(|l| Mention {
                        phrase: l,
                        name: l,
                        what: What::Person,
                        rule: Rule::Label,
                    });
                }
            }
            let mention_rule = mention.map_or(Rule::None, |m| m.rule);
            let mut resolved = None;
            if let Some(m) = mention {
                // "Lynch said she recalled …": a pronoun in the sentence
                // of a named subject is that subject.
                let subject_person = subject.filter(|s| {
                    s.what == What::Person && s.phrase.1 <= m.phrase.0 && m.what == What::Pronoun
                });
                resolved = Some(match subject_person {
                    Some(s) => {
                        self.resolve(text, &reader, s, pronoun_from, &mut q);
                        q.speaker_mention = Some(m.phrase);
                        q.rule = Rule::Pronoun;
                        What::Person
                    }
                    None => self.resolve(text, &reader, m, pronoun_from, &mut q),
                });
            }
            let title = title_like(inner);
            let naming = naming || title && possessive;
            let sentence = sentence_like(text, q.text) && !title;
            // A short fragment in lower case is a piece of someone's words
            // ("being “duped”"); a capitalised one is a title or a name
            // ("“Morning Joe”", „Odyssey“) unless an attribution says
            // otherwise.
            let fragment_of_speech = text[q.text.0 as usize..q.text.1 as usize]
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(|c| c.is_lowercase() || c.is_numeric());
            q.kind = if naming && q.rule != Rule::Split {
                QuoteKind::Other
            } else if q.speaker_mention.is_some()
                && !matches!(mention_rule, Rule::Subject | Rule::Label)
                && q.rule != Rule::Subject
                || sentence
                || fragment_of_speech
            {
                QuoteKind::Speech
            } else {
                QuoteKind::Other
            };
            if q.kind == QuoteKind::Other {
                q.speaker = None;
                q.speaker_mention = None;
                q.rule = Rule::None;
            }
            // "the EOC": the name the article spelt out with it.
            q.speaker = q.speaker.map(|s| expand_acronym(text, s));
            if let Some(name) = q.speaker {
                // What the speaker turned out to be: a role resolved to the
                // person holding it is that person, "the report" its author.
                let what = match resolved {
                    Some(what) => what,
                    None if q.rule == Rule::Pronoun => What::Person,
                    None => mention.map_or(What::Person, |m| m.what),
                };
                self.speakers.push((name, what));
                if what != What::Group {
                    self.last_person = Some(name);
                }
            }
            if q.kind == QuoteKind::Speech {
                prev_speech = Some(i);
            }
            self.quotes.push(q);
            prev_top = Some(i);
        }
    }

    /// The speaker a headline gives its quote by opening with a surname,
    /// alone or before a colon, when the article names that person in full
    /// later ("Brown" → "Gordon Brown"); a place or a word the article never
    /// gives a first name to ("Wales 'must learn …'") is none.
    fn headline_speaker(
        &mut self,
        text: &str,
        reader: &Reader<'_>,
        start: usize,
        open: usize,
    ) -> Option<Mention> {
        if text[start..open].contains(['.', '?', '!']) {
            return None;
        }
        tokenize(text, start, open, &mut self.toks);
        let first = *self.toks.first()?;
        let alone = self.toks.len() == 1 || self.toks[1].kind == Kind::Colon;
        if !alone || !reader.is_namelike(&first) || reader.is_role(&first) {
            return None;
        }
        let word = (first.start, first.end);
        if SpeakerKind::of(&text[word.0 as usize..word.1 as usize]) != SpeakerKind::Person {
            return None;
        }
        let full = full_name(
            text,
            reader,
            word,
            &self.speakers,
            &mut self.surnames,
            &mut self.toks,
        );
        // A headline is little context: the fuller name must be a person's
        // by its first name ("Gordon Brown", not "Radio Wales"), and the
        // quote is not made speech by it.
        let person = gender::of_name(text, full, &gender::Learnt::default()).is_some();
        (full != word && person).then_some(Mention {
            phrase: word,
            name: word,
            what: What::Person,
            rule: Rule::Subject,
        })
    }

    /// Fills the quote's speaker from a mention (see [`Self::pronoun_antecedent`],
    /// [`document_agent`], [`document_author`], [`role_holder`], [`named_later`],
    /// [`full_name`]). Returns what the
    /// speaker turned out to be: a person, or a group (an organisation, a
    /// role nobody was given).
    fn resolve(
        &mut self,
        text: &str,
        reader: &Reader<'_>,
        m: Mention,
        from: usize,
        q: &mut Quote,
    ) -> What {
        q.speaker_mention = Some(m.phrase);
        q.rule = m.rule;
        // "Research conducted by the EOC revealed": the document's agent.
        if matches!(m.what, What::Group | What::Person)
            && let Some(agent) = document_agent(text, reader, m, &mut self.toks)
        {
            q.speaker = Some(agent);
            return What::Group;
        }
        match m.what {
            What::Pronoun | What::PluralPronoun => {
                q.speaker = self.pronoun_antecedent(text, reader, m, from, q.open_mark.0);
                if q.speaker.is_some() {
                    q.rule = Rule::Pronoun;
                }
                if m.what == What::Pronoun {
                    What::Person
                } else {
                    What::Group
                }
            }
            What::Group => {
                // "The report said": whoever the article said wrote it;
                // "Research conducted by the EOC revealed": its agent.
                if let Some(author) = document_author(text, reader, m, &mut self.toks) {
                    q.speaker = Some(author);
                    return What::Group;
                }
                // "the Salford MP", "our correspondent", "The minister": a
                // role the article has given a person stands for that person.
                match role_holder(text, reader, m, &mut self.toks) {
                    Some(Holder::Unnamed(description)) => {
                        q.speaker = Some(description);
                        What::Group
                    }
                    Some(Holder::Person(person)) => {
                        q.speaker = Some(full_name(
                            text,
                            reader,
                            person,
                            &self.speakers,
                            &mut self.surnames,
                            &mut self.toks,
                        ));
                        What::Person
                    }
                    None => {
                        // "a spokeswoman for MTV said …. MTV spokeswoman
                        // Jeannie Kedas said": who the article says it was.
                        if let Some(person) = named_later(text, reader, m, &mut self.toks) {
                            q.speaker = Some(person);
                            return What::Person;
                        }
                        let name = institution_named_before(text, m.phrase)
                            .unwrap_or_else(|| without_possessive_range(text, m.name));
                        q.speaker = Some(name);
                        What::Group
                    }
                }
            }
            What::Person => {
                q.speaker = Some(full_name(
                    text,
                    reader,
                    m.name,
                    &self.speakers,
                    &mut self.surnames,
                    &mut self.toks,
                ));
                What::Person
            }
        }
    }

    /// The person a pronoun mention stands for. "they" takes the last
    /// speaker of any kind; "he"/"she" the named subject of a sentence just
    /// before (see [`subject_person_before`]), else the last speaker who
    /// is a person, else the last person named — each only if their
    /// gender, where the text shows it, agrees with the pronoun's.
    fn pronoun_antecedent(
        &mut self,
        text: &str,
        reader: &Reader<'_>,
        m: Mention,
        from: usize,
        open_mark: u32,
    ) -> Option<(u32, u32)> {
        if m.what == What::PluralPronoun {
            return self.speakers.last().map(|(r, _)| *r);
        }
        let want = gender::of_pronoun(&text[m.phrase.0 as usize..m.phrase.1 as usize]);
        let at = m.phrase.0.min(open_mark);
        let wanted = Wanted {
            gender: want,
            learnt: &self.learnt,
            roles: true,
        };
        let subject =
            subject_person_before(text, reader, from, at, wanted, &mut self.toks).map(|name| {
                full_name(
                    text,
                    reader,
                    name,
                    &self.speakers,
                    &mut self.surnames,
                    &mut self.toks,
                )
            });
        let agrees = |span: (u32, u32), learnt: &gender::Learnt| {
            gender::agrees(gender::of_name(text, span, learnt), want)
        };
        // The last speaker who is a person, passing over (a few) whose
        // gender disagrees.
        let last = || {
            let last = self.last_person?;
            if agrees(last, &self.learnt) {
                return Some(last);
            }
            self.speakers
                .iter()
                .rev()
                .take(MAX_SPEAKERS_BACK)
                .find(|&&(r, what)| what == What::Person && agrees(r, &self.learnt))
                .map(|&(r, _)| r)
        };
        let found = subject.or_else(last).or_else(|| {
            last_person_before(text, reader, m.phrase.0, &mut self.toks)
                .filter(|&p| agrees(p, &self.learnt))
        });
        if let (Some(name), Some(g)) = (found, want) {
            self.learnt.learn(text, name, g);
        }
        found
    }
}

/// Where the words that may attribute the quote opening at `open` start
/// (before the sentence start is looked for): after the previous quote,
/// except past a programme's title owned by an outlet in the same sentence
/// ("Johnson tells MSNBC’s “Morning Joe” that “…”"), which does not end
/// them: then after the last speech quote (`speech_close`), or from the
/// paragraph's start. (Only an owned title: a list of titles names no
/// speaker.)
fn attribution_limit(
    text: &str,
    prev: Option<&Quote>,
    speech_close: Option<usize>,
    prev_close: usize,
    paragraph_start: usize,
    open: u32,
) -> usize {
    let title_before = prev.is_some_and(|title| {
        let owner = text[..title.open_mark.0 as usize].trim_end();
        let owned = crate::claim::is_possessive(owner);
        title.kind == QuoteKind::Other
            && owned
            && !text[prev_close..open as usize].contains(['.', '!', '?'])
    });
    // (Bounded: a paragraph of titles without a full stop must not be
    // read back to its start for every quote in it.)
    let bound = window_start(text, open as usize, TITLE_LOOKBACK_BYTES).max(paragraph_start);
    match (title_before, speech_close) {
        (true, Some(close)) => close.max(bound).min(prev_close),
        (true, None) => bound.min(prev_close),
        (false, _) => prev_close,
    }
}

/// How far back past a programme's title the attributing words are read.
const TITLE_LOOKBACK_BYTES: usize = 600;

/// The start of a window of at most `bytes` before `at`, on a char
/// boundary: every look back from a mention is bounded, so extraction stays
/// linear in the article however many mentions it has.
fn window_start(text: &str, at: usize, bytes: usize) -> usize {
    let mut from = at.saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// The end of a window of at most `bytes` after `at`, on a char boundary:
/// every look ahead is bounded as every look back is.
fn window_end(text: &str, at: usize, bytes: usize) -> usize {
    let mut to = at.saturating_add(bytes).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    to
}

/// An interview transcript's speaker label opening a paragraph: one to
/// three upper-case words and a colon ("PENCE:", "CHRIS WALLACE:").
fn paragraph_label(text: &str, start: usize, end: usize) -> Option<(u32, u32)> {
    let mut head_end = end.min(start + 40);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[start..head_end];
    let colon = head.find(':')?;
    let name = &head[..colon];
    let words = name.split_whitespace().count();
    let upper = name.chars().filter(|c| c.is_uppercase()).count();
    let ok = (1..=3).contains(&words)
        && upper >= 2
        && name
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\'');
    ok.then_some((start as u32, (start + colon) as u32))
}

/// The glyph that opens paragraph `text[start..end]`, if it opens with one.
fn opening_glyph(text: &str, start: usize, end: usize) -> Option<Glyph> {
    if start >= end {
        return None;
    }
    glyph_at(text, start).map(|(g, _)| g)
}

/// Trims spaces inside the marks (`« text »`).
fn trim_inner(text: &str, start: u32, end: u32) -> (u32, u32) {
    if start >= end {
        return (start, start.max(end));
    }
    let s = &text[start as usize..end as usize];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return (start, start);
    }
    (start + lead as u32, end - trail as u32)
}

/// Does the quoted text read as a sentence (or a clause of one) rather than
/// a name: closing punctuation, or six words or more?
fn sentence_like(text: &str, range: (u32, u32)) -> bool {
    let s = text[range.0 as usize..range.1 as usize].trim_end();
    let words = s.split_whitespace().count();
    words >= 6 || words >= 2 && s.ends_with(['.', '!', '?', ',', '…', ';', ':'])
}

/// Is a sentence written in Title Case (three quarters of its longer words
/// capitalised)?
pub(super) fn title_case(paragraph: &str) -> bool {
    let (mut long, mut capital) = (0, 0);
    for w in paragraph.split_whitespace().take(40) {
        if w.chars().filter(|c| c.is_alphabetic()).count() > 3 {
            long += 1;
            capital += usize::from(
                w.chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_uppercase),
            );
        }
    }
    long >= 3 && capital * 4 >= long * 3
}

/// Does the quoted text look like a title: a few words, every longer word
/// capitalised ("Morning Joe", "State of the Union.")?
fn title_like(inner: &str) -> bool {
    let words = || inner.split_whitespace().take(9);
    // A question or an exclamation is said, not titled.
    let said = inner.trim_end().ends_with(['?', '!']);
    let is_long = |w: &&str| w.chars().filter(|c| c.is_alphabetic()).count() > 3;
    let count = words().count();
    let first = words().next().unwrap_or("");
    !said
        && words().any(|w| is_long(&w))
        && count > 0
        && count <= 8
        && words().filter(is_long).all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        && first
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
}

/// Where the word that ends at `at` starts (not before `from`).
fn word_start(text: &str, from: usize, at: usize) -> usize {
    // An abbreviation is short: looking further back than this for the
    // word's start made a run of dots without spaces quadratic.
    let mut from = from.max(at.saturating_sub(MAX_ABBREVIATION_BYTES));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(from, |(p, c)| from + p + c.len_utf8())
}

/// How far back [`word_start`] looks: longer than any abbreviation.
const MAX_ABBREVIATION_BYTES: usize = 64;

/// Where the sentence that continues after a quote ends (exclusive), within
/// `from..limit`.
fn sentence_end(text: &str, from: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < limit {
        // A sentence ends at `.`, `!` or `?` before a space or the end, not
        // inside "(D-Wis.)" or "$1.5".
        let ends = matches!(bytes[i], b'.' | b'!' | b'?')
            && bytes
                .get(i + 1)
                .is_none_or(|b| b.is_ascii_whitespace() || *b >= 0x80);
        if ends {
            // "Sen. Smith", "U.S. officials": a period before a capital
            // after an abbreviation does not end it; a period then a space
            // then a capital after a normal word does.
            let word_start = word_start(text, from, i);
            let word = &text[word_start..i];
            let abbrev = tokens::is_abbreviation(word.trim_start_matches(['(', '"', '“']));
            if !(bytes[i] == b'.' && abbrev) {
                return (i + 1).min(limit);
            }
        }
        i += 1;
    }
    limit
}

/// Where the sentence that holds a quote starts, within `limit..to`.
fn sentence_start(text: &str, limit: usize, to: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = to;
    while i > limit {
        i -= 1;
        if matches!(bytes[i], b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_some_and(|b| b.is_ascii_whitespace())
        {
            let word_start = word_start(text, limit, i);
            let word = &text[word_start..i];
            let abbrev = tokens::is_abbreviation(word.trim_start_matches(['(', '"', '“']));
            if !abbrev {
                return i + 1;
            }
        }
    }
    limit
}

/// Do the words after the attribution `m` end in a comma or colon, right
/// before the next quote: "He said, “…”"?
fn introduces_quote(toks: &[Tok], m: &Mention) -> bool {
    let rest = || toks.iter().skip_while(|t| t.start < m.phrase.1);
    rest().count() <= 4
        && matches!(
            rest().last().map(|t| t.kind),
            Some(Kind::Comma | Kind::Colon)
        )
}

/// After a quote that ends its sentence, does the attribution go on to
/// report something else ("“…”. Fellow Lib Dem Norman Baker said the
/// episode painted …", "Mr Hockney said the law worked …")? Then it opens
/// the next statement and is not this quote's: the cue after the speaker
/// is followed by the subject of a reported clause ("that", a pronoun, a
/// determiner or a name), not by an adverbial ("on Tuesday").
fn reports_more(text: &str, toks: &[Tok], m: &Mention) -> bool {
    if m.rule != Rule::XSaid {
        return false;
    }
    let mut rest = toks.iter().skip_while(|t| t.start < m.phrase.1).peekable();
    // "Dr Julian Lewis, the Conservative spokesman, said he had …": past
    // the appositive.
    if rest.peek().is_some_and(|t| t.kind == Kind::Comma) {
        rest.next();
        let mut words = 0;
        while rest.peek().is_some_and(|t| t.kind == Kind::Word) && words <= MAX_APPOSITIVE_WORDS {
            rest.next();
            words += 1;
        }
        if rest.next().is_none_or(|t| t.kind != Kind::Comma) {
            return false;
        }
    }
    let Some(cue) = rest.next() else {
        return false;
    };
    // "“… beneath their mattresses.” Mr Valentine, who grew up there,
    // agreed. “If I have to save …”": agreeing with the words before, the
    // speaker opens words of their own.
    if ["agreed", "agrees", "concurred", "concurs"].contains(&cue.text(text)) {
        return true;
    }
    let Some(next) = rest.next() else {
        return false;
    };
    if cue.kind != Kind::Word || next.kind != Kind::Word {
        return false;
    }
    let w = next.text(text);
    let clause = [
        "that", "he", "she", "they", "it", "the", "a", "an", "there", "this", "these", "those",
        "we", "his", "her", "their", "its", "i", "you",
    ]
    .contains(&w)
        || capitalised(w);
    // "the spokesman urged people to put her comments into context": a
    // long sentence goes on with more than a time or a place.
    let adverbial = [
        "on",
        "in",
        "at",
        "during",
        "yesterday",
        "today",
        "tonight",
        "last",
        "later",
        "earlier",
        "after",
        "before",
        "when",
        "while",
        "as",
        "from",
        "to",
        "with",
        "of",
        "this",
        "again",
        "also",
        "recently",
        "then",
    ]
    .contains(&w)
        || w.ends_with("ly");
    let words_left = 1 + rest
        .take_while(|t| t.kind != Kind::End)
        .filter(|t| t.kind == Kind::Word)
        .count();
    clause || !adverbial && words_left >= MIN_CLAUSE_WORDS
}

/// Longest appositive read past after a speaker's name (words).
const MAX_APPOSITIVE_WORDS: usize = 12;

/// Words after a cue that make a clause of their own rather than an
/// attribution's tail ("told reporters on Tuesday" is a tail).
const MIN_CLAUSE_WORDS: usize = 5;

/// Does the paragraph starting at `start` open with the mark at `open`?
fn opens_paragraph(text: &str, start: usize, open: usize) -> bool {
    text[start..open].trim().is_empty()
}

/// English or German, from the commonest function words of the first 4 KiB.
fn detect(text: &str) -> &'static Cues {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let count = |words: &[&str]| -> usize {
        words
            .iter()
            .map(|w| memchr::memmem::find_iter(head.as_bytes(), w.as_bytes()).count())
            .sum()
    };
    let en = count(&[" the ", " and ", " of ", " said"]);
    let de = count(&[" der ", " die ", " und ", " das ", "„"]);
    if de > en {
        &cues::GERMAN
    } else {
        &cues::ENGLISH
    }
}

#[cfg(test)]
mod tests;
