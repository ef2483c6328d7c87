//! Whom a pronoun, a role or a document stands for.
//!
//! News copy names a person, then calls them "he", "the minister" or "the
//! spokesman", and credits words to "the report" an organisation wrote. The
//! functions here read back (and, for a role the article names later,
//! forward) from such a mention: the subject of the sentences just before
//! ([`subject_person_before`]), the person the article gave the role
//! ([`role_holder`], [`named_later`]), the author of the document
//! ([`document_author`]). Every look is bounded in bytes.

#![forbid(unsafe_code)]

use super::attribute::{Mention, Reader, Rule, Subject, What, opens_definite};
use super::gender;
use super::tokens::{Kind, Tok, capitalised, drop_asides, tokenize};
use super::{window_end, window_start};
use crate::claim::SpeakerKind;

/// Does the run of capitalised words starting at token `start` end a longer
/// name ("the Institute for Fiscal Studies": a lower-case "for"/"of" and a
/// capitalised word before it)?
pub(super) fn tail_of_name(text: &str, reader: &Reader<'_>, toks: &[Tok], start: usize) -> bool {
    start >= 2
        && reader.is_function(&toks[start - 1])
        && !capitalised(&text[toks[start - 1].start as usize..toks[start - 1].end as usize])
        && reader.is_namelike(&toks[start - 2])
}

/// How far back a pronoun looks for a named person when nobody has been
/// quoted yet.
pub(super) const PRONOUN_LOOKBACK_BYTES: usize = 1200;

/// The last "First Last" name (two or more capitalised words that are not
/// titles) before byte `at`, within [`PRONOUN_LOOKBACK_BYTES`].
pub(super) fn last_person_before(
    text: &str,
    reader: &Reader<'_>,
    at: u32,
    scratch: &mut Vec<Tok>,
) -> Option<(u32, u32)> {
    let at = at as usize;
    let from = window_start(text, at, PRONOUN_LOOKBACK_BYTES);
    tokenize(text, from, at, scratch);
    let mut end = scratch.len();
    while end > 0 {
        let namelike = |t: &Tok| reader.is_namelike(t) && !reader.is_role(t);
        if !namelike(&scratch[end - 1]) {
            end -= 1;
            continue;
        }
        let mut start = end;
        while start > 0 && namelike(&scratch[start - 1]) {
            start -= 1;
        }
        // A sentence's first word is capitalised anyway: "Officials said".
        let first_of_sentence =
            start == 0 || matches!(scratch[start - 1].kind, Kind::End | Kind::Mark);
        let words = end - start - usize::from(first_of_sentence && end - start > 2);
        // "the Institute for Fiscal Studies": the tail of a longer name.
        let name_tail = tail_of_name(text, reader, scratch, start);
        let span = (scratch[end - words].start, scratch[end - 1].end);
        // "the International Rugby Board" is no "he".
        let person =
            || SpeakerKind::of(&text[span.0 as usize..span.1 as usize]) == SpeakerKind::Person;
        if words >= 2 && !name_tail && person() {
            return Some(span);
        }
        end = start;
    }
    None
}

/// The singular pronoun that is the subject of the sentence just before
/// byte `at` (after `from`, in the look-back window): "But he said the NHS
/// needed …".
pub(super) fn pronoun_subject_before(
    text: &str,
    reader: &Reader<'_>,
    from: usize,
    at: u32,
    scratch: &mut Vec<Tok>,
) -> Option<Mention> {
    let at = at as usize;
    let from = window_start(text, at, SUBJECT_LOOKBACK_BYTES).max(from.min(at));
    tokenize(text, from, at, scratch);
    let mut end = scratch.len();
    while end > 0 && scratch[end - 1].kind != Kind::Word {
        end -= 1;
    }
    let start = scratch[..end]
        .iter()
        .rposition(|t| t.kind == Kind::End)
        .map_or(0, |i| i + 1);
    // Only "he" or "she": "I think …" is the writer or a quoted speaker.
    reader.subject(&scratch[start..end]).filter(|m| {
        m.what == What::Pronoun
            && gender::of_pronoun(&text[m.phrase.0 as usize..m.phrase.1 as usize]).is_some()
    })
}

/// What a look-back for the person a sentence is about accepts.
#[derive(Clone, Copy)]
pub(super) struct Wanted<'a> {
    /// The pronoun's gender, if any: a person known to be of the other is
    /// passed over.
    pub gender: Option<gender::Gender>,
    pub learnt: &'a gender::Learnt,
    /// Whether a role subject ("the Lib Dem spokesman") is resolved to its
    /// holder (not inside [`role_holder`] itself).
    pub roles: bool,
}

/// How far back the sentences before a pronoun are looked through.
pub(super) const SUBJECT_LOOKBACK_BYTES: usize = 800;
/// How many sentences back a pronoun's antecedent is looked for.
pub(super) const SUBJECT_LOOKBACK_SENTENCES: usize = 3;

/// The person a singular pronoun at byte `at` most likely stands for: the
/// named subject of the nearest sentence before it that has one ("Janie
/// Hendrix, the guitarist's stepsister, said the family …. “…,” she said";
/// "Earlier this week, Mr Thomas said …. He said he “totally condemned”
/// …"), looking back at most [`SUBJECT_LOOKBACK_SENTENCES`] sentences, in
/// the same paragraph and after `from` (the last quote's close: the words
/// inside a quote are no antecedents). News copy makes the person it
/// writes about the subject; the pronoun that follows continues them.
///
/// A subject is a name (with any titles and roles before it: "Tory peer
/// Lord Tebbit", "Aviation analyst Nick Van den Brul of BNP Paribas") or a
/// role with the name in apposition ("The chairman of the committee, Sher
/// Khan, said"), followed by its verb. `None` when the nearest sentences
/// are about no person.
pub(super) fn subject_person_before(
    text: &str,
    reader: &Reader<'_>,
    from: usize,
    at: u32,
    wanted: Wanted<'_>,
    scratch: &mut Vec<Tok>,
) -> Option<(u32, u32)> {
    let Wanted {
        gender: want,
        learnt,
        roles,
    } = wanted;
    let at = at as usize;
    let from = window_start(text, at, SUBJECT_LOOKBACK_BYTES).max(from.min(at));
    tokenize(text, from, at, scratch);
    drop_asides(text, scratch);
    let mut end = scratch.len();
    for _ in 0..SUBJECT_LOOKBACK_SENTENCES {
        // Back over the end of this sentence to its start.
        while end > 0 && scratch[end - 1].kind != Kind::Word {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        // A sentence starts after an end mark or a line break (a headline
        // has no full stop).
        let start = (1..end)
            .rev()
            .find(|&i| {
                scratch[i - 1].kind == Kind::End
                    || text[scratch[i - 1].end as usize..scratch[i].start as usize].contains('\n')
            })
            .unwrap_or(0);
        let agrees = |p: (u32, u32)| gender::agrees(gender::of_name(text, p, learnt), want);
        match reader.subject_person(&scratch[start..end]) {
            // "Peter Carew walked out. “It is over,” she said": not him;
            // look further back.
            Some(Subject::Person(name)) if agrees(name) => return Some(name),
            // "Duncan Bell … Bell, 30, had set his sights": the full name
            // earlier in the look-back.
            Some(Subject::Surname(word)) => {
                let surname = &text[word.0 as usize..word.1 as usize];
                let full = (1..start).rev().find_map(|i| {
                    let t = &scratch[i];
                    (t.text(text) == surname
                        && reader.is_namelike(&scratch[i - 1])
                        && !reader.is_role(&scratch[i - 1]))
                    .then_some((scratch[i - 1].start, t.end))
                });
                if let Some(name) = full.filter(|&p| agrees(p)) {
                    return Some(name);
                }
            }
            Some(Subject::Person(_)) | None => {}
            // "But the Lib Dem spokesman questioned …. He urged …": the
            // person the article gave that role, else no one (a group or
            // an institution is no "he"). (role_holder reuses the scratch
            // tokens, so the look-back ends here either way.)
            Some(Subject::Role(m)) if roles => {
                return match role_holder(text, reader, m, scratch) {
                    Some(Holder::Person(p)) if agrees(p) => Some(p),
                    // "Later, the prime minister's official spokesman urged
                    // …, the spokesman said."
                    Some(Holder::Unnamed(description)) => Some(description),
                    _ => None,
                };
            }
            Some(Subject::Role(_)) => {}
        }
        end = start;
    }
    None
}

/// Documents an organisation or a person speaks through.
pub(super) const DOCUMENTS: &[&str] = &[
    "report",
    "study",
    "survey",
    "statement",
    "letter",
    "paper",
    "document",
    "review",
    "findings",
    "memo",
    "e-mail",
    "email",
    "research",
    "analysis",
    "commentary",
    "guide",
    "submission",
    "briefing",
];

/// How far back the introduction of a document is looked for.
pub(super) const DOCUMENT_LOOKBACK_BYTES: usize = 2000;

/// The author of the document a definite mention names ("The report
/// said", "its statement added"), where the article said who wrote it
/// (see [`Reader::document_author`]): their name, else `None`.
pub(super) fn document_author(
    text: &str,
    reader: &Reader<'_>,
    m: Mention,
    scratch: &mut Vec<Tok>,
) -> Option<(u32, u32)> {
    let phrase = &text[m.phrase.0 as usize..m.phrase.1 as usize];
    let first = phrase.split_whitespace().next()?;
    let head = phrase.split_whitespace().last()?;
    let definite = ["the", "its", "this", "that", "their", "his", "her"]
        .iter()
        .any(|d| d.eq_ignore_ascii_case(first));
    if !DOCUMENTS.iter().any(|d| d.eq_ignore_ascii_case(head)) {
        return None;
    }
    // "Oxfam's report", "the Federal Reserve's survey": the possessor wrote
    // it, when a name.
    if let Some(owner) = possessor(text, m.phrase) {
        return Some(owner);
    }
    if !definite {
        return None;
    }
    let from = window_start(text, m.phrase.0 as usize, DOCUMENT_LOOKBACK_BYTES);
    tokenize(text, from, m.phrase.0 as usize, scratch);
    let author = reader.document_author(scratch, head)?;
    let span = agent_name(text, author);
    let name = &text[span.0 as usize..span.1 as usize];
    // The author is someone, not another document.
    (!DOCUMENTS.iter().any(|d| {
        name.split_whitespace()
            .last()
            .is_some_and(|w| d.eq_ignore_ascii_case(w))
    }))
    .then_some(span)
}

/// The capitalised name that owns the phrase at `phrase` ("Oxfam" in
/// "Oxfam's new report", "Federal Reserve" in "the Federal Reserve's
/// survey"), without "the" and the possessive.
fn possessor(text: &str, phrase: (u32, u32)) -> Option<(u32, u32)> {
    let p = &text[phrase.0 as usize..phrase.1 as usize];
    let mut start = None;
    let mut at = 0;
    for w in p.split(' ') {
        let capital = w.starts_with(char::is_uppercase);
        let base = crate::claim::without_possessive(w);
        if capital && !w.eq_ignore_ascii_case("the") {
            start.get_or_insert(at);
        } else if !(at == 0 && w.eq_ignore_ascii_case("the")) {
            return None;
        }
        if base.len() < w.len() {
            let s = start?;
            return Some((phrase.0 + s as u32, phrase.0 + (at + base.len()) as u32));
        }
        at += w.len() + 1;
    }
    None
}

/// The name of a document's author or agent: an institution by its whole
/// name, without "the" or a possessive ("the Institute for Fiscal
/// Studies", "the Federal Reserve's"), a person by the name in the phrase.
fn agent_name(text: &str, agent: Mention) -> (u32, u32) {
    let phrase = &text[agent.phrase.0 as usize..agent.phrase.1 as usize];
    let institution = phrase
        .split_whitespace()
        .any(crate::claim::is_institution_word);
    if !institution {
        return agent.name;
    }
    let lead = phrase
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("the "));
    let tail = ["'s", "’s"]
        .iter()
        .find(|p| phrase.ends_with(*p))
        .map_or(0, |p| p.len());
    (
        agent.phrase.0 + 4 * u32::from(lead),
        agent.phrase.1 - tail as u32,
    )
}

/// Who a definite role mention stands for (see [`role_holder`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Holder {
    /// A person the article names: the name's range.
    Person((u32, u32)),
    /// A description the article gave before, without a name ("a spokesman
    /// for Michael Howard", "the prime minister's official spokesman"): its
    /// range, determiner included.
    Unnamed((u32, u32)),
}

/// The description around the role word `toks[head]` when it introduces
/// an unnamed person: it opens with "a"/"an" or holds a possessive ("A
/// spokesman for Michael Howard", "the prime minister's spokesman"), and
/// stands in apposition to no name ("Jack Straw, the foreign secretary").
pub(super) fn unnamed_description(
    text: &str,
    reader: &Reader<'_>,
    toks: &[Tok],
    head: usize,
) -> Option<(u32, u32)> {
    let word = |i: usize| toks[i].text(text);
    let mut start = head;
    let mut possessive = false;
    while start > 0 && head - start < 5 && toks[start - 1].kind == Kind::Word {
        let w = word(start - 1);
        start -= 1;
        if ["a", "an", "the"].iter().any(|d| d.eq_ignore_ascii_case(w)) {
            break;
        }
        possessive |= crate::claim::is_possessive(w);
    }
    let det = word(start);
    let indefinite = ["a", "an"].iter().any(|d| d.eq_ignore_ascii_case(det));
    let determined = indefinite || det.eq_ignore_ascii_case("the");
    // ("Later, the prime minister's spokesman": a connective, no name.)
    let after_name = start >= 2
        && toks[start - 1].kind == Kind::Comma
        && reader.is_namelike(&toks[start - 2])
        && !reader.is_connective(&toks[start - 2], &toks[start - 1]);
    if !determined || !(indefinite || possessive) || after_name {
        return None;
    }
    // "spokesman Ed Davey" is named, not a description.
    match reader.phrase_after(toks, start, Rule::XSaid) {
        Some(m) if m.phrase.1 >= toks[head].end => (m.what == What::Group).then_some(m.phrase),
        // "the prime minister's official spokesman urged": the phrase read
        // stops at the possessor; the description runs to the role.
        _ => possessive.then_some((toks[start].start, toks[head].end)),
    }
}

/// How far around a role mention ("the minister") the person holding the
/// role is looked for: a bound keeps the search linear in the article.
pub(super) const ROLE_LOOKBACK_BYTES: usize = 3000;
pub(super) const ROLE_LOOKAHEAD_BYTES: usize = 600;

/// The person a definite role mention stands for: "the Salford MP", "our
/// correspondent", "its co-chairman", "The minister". In order:
/// 1. the nearest earlier person written with that role word right before
///    the name ("correspondent James Hardy", "Home Secretary Charles Clarke");
///    else the same role introduced before without a name ("A spokesman for
///    Michael Howard said …"), as [`Holder::Unnamed`]; a role that belongs
///    to another role ("the prime minister's official spokesman") is
///    nobody named before, and the search ends;
/// 2. the subject of the nearest sentences before, if a person;
/// 3. the last person named in full before the mention (news copy names a
///    person, then calls them by their role);
/// 4. in the article's opening, where the role comes first ("its co-chairman
///    has said. Dr Liam Fox told …"), the first person named after it.
///
/// `None` for a plural or indefinite phrase ("officials", "a spokesman"), or
/// when nobody fits: the role stays the speaker.
pub(super) fn role_holder(
    text: &str,
    reader: &Reader<'_>,
    m: Mention,
    scratch: &mut Vec<Tok>,
) -> Option<Holder> {
    let phrase = &text[m.phrase.0 as usize..m.phrase.1 as usize];
    let head = phrase.split_whitespace().last()?;
    let definite = opens_definite(phrase);
    let plural = head.ends_with(['s', 'S']) && !head.ends_with("ss");
    // "the Tory source": a source is unnamed by the article's choice.
    let anonymous = head.eq_ignore_ascii_case("source");
    if !definite
        || plural
        || anonymous
        || !reader.cues.is_role(head)
        || crate::claim::is_institution_word(head)
    {
        return None;
    }
    // A person's role ("the minister", "the Salford MP"), not an
    // institution's name ("the White House", "the committee").
    match SpeakerKind::of(phrase) {
        SpeakerKind::Role | SpeakerKind::Person => {}
        _ => return None,
    }
    let is_person = |span: (u32, u32)| {
        SpeakerKind::of(&text[span.0 as usize..span.1 as usize]) == SpeakerKind::Person
    };
    // 1. The role word right before a full name, nearest first.
    let from = window_start(text, m.phrase.0 as usize, ROLE_LOOKBACK_BYTES);
    tokenize(text, from, m.phrase.0 as usize, scratch);
    let namelike = |t: &Tok| reader.is_namelike(t) && !reader.is_role(t);
    let mut bound = None;
    let mut unnamed = None;
    for i in 0..scratch.len() {
        let w = &text[scratch[i].start as usize..scratch[i].end as usize];
        if !w.eq_ignore_ascii_case(head) {
            continue;
        }
        let mut end = i + 1;
        while end < scratch.len() && namelike(&scratch[end]) {
            end += 1;
        }
        if end - i > 2 {
            let span = (scratch[i + 1].start, scratch[end - 1].end);
            if is_person(span) {
                bound = Some(Holder::Person(span));
                unnamed = None;
                continue;
            }
        }
        unnamed = unnamed_description(text, reader, scratch, i).or(unnamed);
    }
    if bound.is_some() {
        return bound;
    }
    // 1b. The same role introduced without a name ("A spokesman for Michael
    // Howard said …. “…,” the spokesman said"): that description.
    if let Some(span) = unnamed {
        return Some(Holder::Unnamed(span));
    }
    // "the prime minister's official spokesman": a role a person's
    // (another role's) is an unnamed person, nobody named before ("the
    // charity's director" may well be).
    let of_a_person = phrase.split_whitespace().any(|w| {
        let base = crate::claim::without_possessive(w);
        base.len() < w.len() && reader.cues.is_role(base)
    });
    if of_a_person {
        return None;
    }
    // 2. The person the sentences just before are about ("Mike Ruddock
    // paid tribute to his side …. “…,” said the national team coach").
    let nobody = gender::Learnt::default();
    let wanted = Wanted {
        gender: None,
        learnt: &nobody,
        roles: false,
    };
    if let Some(p) = subject_person_before(text, reader, from, m.phrase.0, wanted, scratch) {
        return Some(Holder::Person(p));
    }
    tokenize(text, from, m.phrase.0 as usize, scratch);
    // 3. The last person named in full before: the last run of capitalised
    // words whose whole run is a person's ("Equal Opportunities Commission"
    // is not), its name the words after any titles. Only in this paragraph
    // and the one before: further back, the last name in full is as often
    // someone else the story passed by ("Sanders told co-host Joe
    // Scarborough …" two paragraphs before "the Vermont senator").
    let near = text[from..m.phrase.0 as usize]
        .rmatch_indices('\n')
        .map(|(i, _)| from + i)
        .filter(|&i| i == 0 || text.as_bytes()[i - 1] != b'\n')
        .nth(1)
        .unwrap_or(from);
    let mut end = scratch.len();
    while end > 0 && scratch[end - 1].start as usize >= near {
        if !reader.is_namelike(&scratch[end - 1]) {
            end -= 1;
            continue;
        }
        let mut start = end;
        while start > 0 && reader.is_namelike(&scratch[start - 1]) {
            start -= 1;
        }
        let mut name_start = end;
        while name_start > start && namelike(&scratch[name_start - 1]) {
            name_start -= 1;
        }
        let first_of_sentence =
            start == 0 || matches!(scratch[start - 1].kind, Kind::End | Kind::Mark);
        if first_of_sentence && name_start == start && end - start > 2 {
            name_start += 1;
        }
        let run = (scratch[start].start, scratch[end - 1].end);
        // "Institute for Fiscal Studies", "Department of Health": a run
        // after "for"/"of" and a capitalised word is the tail of a name.
        let name_tail = tail_of_name(text, reader, scratch, start);
        if end - name_start >= 2 && !name_tail && is_person(run) {
            return Some(Holder::Person((
                scratch[name_start].start,
                scratch[end - 1].end,
            )));
        }
        end = start;
    }
    // 4. The opening: the first person named after.
    if (m.phrase.0 as usize) > ROLE_LOOKAHEAD_BYTES {
        return None;
    }
    first_person_opening_after(text, reader, m.phrase.1, scratch).map(Holder::Person)
}

/// The first person named in full at the start of a sentence in the
/// [`ROLE_LOOKAHEAD_BYTES`] after byte `from` (the person the next sentences
/// are about: "A senior Tory MP has criticised …. Public accounts committee
/// chairman Edward Leigh was giving his reaction …"), not any name in
/// passing.
pub(super) fn first_person_opening_after(
    text: &str,
    reader: &Reader<'_>,
    from: u32,
    scratch: &mut Vec<Tok>,
) -> Option<(u32, u32)> {
    let namelike = |t: &Tok| reader.is_namelike(t) && !reader.is_role(t);
    let to = window_end(text, from as usize, ROLE_LOOKAHEAD_BYTES);
    tokenize(text, from as usize, to, scratch);
    let mut i = 0;
    while i < scratch.len() {
        if !namelike(&scratch[i]) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < scratch.len() && namelike(&scratch[end]) {
            end += 1;
        }
        // Titles and a description before the name ("Dr", "Home
        // Secretary", "Public accounts committee chairman"): a few words,
        // no comma.
        let mut opens = i;
        while opens > 0
            && i - opens < MAX_DESCRIPTION_WORDS
            && scratch[opens - 1].kind == Kind::Word
        {
            opens -= 1;
        }
        let first_of_sentence =
            opens == 0 || matches!(scratch[opens - 1].kind, Kind::End | Kind::Mark);
        let described = scratch[opens..i]
            .iter()
            .all(|t| reader.is_namelike(t) || reader.is_role(t) || !reader.is_function(t));
        if first_of_sentence && described && end - i >= 2 {
            let span = (scratch[i].start, scratch[end - 1].end);
            if SpeakerKind::of(&text[span.0 as usize..span.1 as usize]) == SpeakerKind::Person {
                return Some(span);
            }
        }
        i = end;
    }
    None
}

/// Words of description read past before a name opening a sentence.
pub(super) const MAX_DESCRIPTION_WORDS: usize = 5;

/// How far after "a spokeswoman for MTV" the spokeswoman's name is looked
/// for ("MTV spokeswoman Jeannie Kedas said …").
pub(super) const NAMED_LATER_BYTES: usize = 1500;

/// The person an indefinite role ("a spokeswoman for MTV", "A senior Tory
/// MP") turns out to be: in the [`NAMED_LATER_BYTES`] after it, the role
/// word right before a full name later in the same paragraph ("But a
/// spokesman stressed …. “…,” MAB spokesman Dr Azzam Tamimi said"), or in
/// any paragraph with the same institution before the role ("MTV
/// spokeswoman Jeannie Kedas"); or,
/// in the article's opening, the person the next sentence opens with. A
/// spokesman named later in another paragraph, for no institution, may be
/// anyone's.
pub(super) fn named_later(
    text: &str,
    reader: &Reader<'_>,
    m: Mention,
    scratch: &mut Vec<Tok>,
) -> Option<(u32, u32)> {
    let phrase = &text[m.phrase.0 as usize..m.phrase.1 as usize];
    let mut words = phrase.split_whitespace();
    let det = words.next()?;
    if !["a", "an"].iter().any(|d| d.eq_ignore_ascii_case(det)) {
        return None;
    }
    // The role: the last role word before "for"/"of", if any; the
    // institution: the last word after it.
    let head = words
        .clone()
        .take_while(|w| !matches!(*w, "for" | "of" | "at"))
        .filter(|w| reader.cues.is_role(w) && !w.ends_with('s'))
        .last()?;
    let institution = words
        .skip_while(|w| !matches!(*w, "for" | "of" | "at"))
        .nth(1)
        .and_then(|_| phrase.split_whitespace().last());
    // Within the bound either way, and without an institution to the
    // paragraph's end (a paragraph of a megabyte read to its end for every
    // "a spokesman said" in it was quadratic).
    let from = m.phrase.1 as usize;
    let bound = window_end(text, from, NAMED_LATER_BYTES);
    let to = match institution {
        Some(_) => bound,
        None => text[from..bound].find('\n').map_or(bound, |i| from + i),
    };
    tokenize(text, from, to, scratch);
    let namelike = |t: &Tok| reader.is_namelike(t) && !reader.is_role(t);
    for i in 0..scratch.len() {
        if !scratch[i].text(text).eq_ignore_ascii_case(head) {
            continue;
        }
        let same_institution = institution
            .is_none_or(|inst| i > 0 && scratch[i - 1].text(text).eq_ignore_ascii_case(inst));
        if !same_institution {
            continue;
        }
        let mut first = i + 1;
        // "MAB spokesman Dr Azzam Tamimi"
        while first < scratch.len()
            && reader.is_role(&scratch[first])
            && reader.is_namelike(&scratch[first])
        {
            first += 1;
        }
        let mut end = first;
        while end < scratch.len() && namelike(&scratch[end]) {
            end += 1;
        }
        if end - first >= 2 {
            let span = (scratch[first].start, scratch[end - 1].end);
            if SpeakerKind::of(&text[span.0 as usize..span.1 as usize]) == SpeakerKind::Person {
                return Some(span);
            }
        }
    }
    if (m.phrase.0 as usize) > ROLE_LOOKAHEAD_BYTES {
        return None;
    }
    first_person_opening_after(text, reader, m.phrase.1, scratch)
}

/// "Research conducted by the EOC", "a report published by Oxfam": the
/// agent named right after a document noun (its head one of
/// [`DOCUMENTS`]), if any.
pub(super) fn document_agent(
    text: &str,
    reader: &Reader<'_>,
    m: Mention,
    scratch: &mut Vec<Tok>,
) -> Option<(u32, u32)> {
    let phrase = &text[m.phrase.0 as usize..m.phrase.1 as usize];
    let head = phrase.split_whitespace().last()?;
    if !DOCUMENTS.iter().any(|d| d.eq_ignore_ascii_case(head)) {
        return None;
    }
    let to = window_end(text, m.phrase.1 as usize, DOCUMENT_AGENT_BYTES);
    tokenize(text, m.phrase.1 as usize, to, scratch);
    let participles = [
        "conducted",
        "published",
        "commissioned",
        "carried",
        "produced",
        "released",
        "written",
        "issued",
        "compiled",
    ];
    let mut i = 0;
    if scratch
        .first()
        .is_some_and(|t| participles.contains(&t.text(text)))
    {
        i = 1;
        if scratch.get(1).is_some_and(|t| t.text(text) == "out") {
            i = 2;
        }
    }
    if scratch.get(i).is_none_or(|t| t.text(text) != "by") {
        return None;
    }
    let agent = reader.phrase_after(scratch, i + 1, Rule::XSaidBefore)?;
    matches!(agent.what, What::Group | What::Person).then(|| agent_name(text, agent))
}

/// How far after a document noun its agent is looked for.
const DOCUMENT_AGENT_BYTES: usize = 200;
