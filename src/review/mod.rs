//! The editor's view of a check: what an editor or fact-checker acts on,
//! in words, and the reports drawn from it.
//!
//! A [`Report`] borrows the checker that made it; a [`Review`] is an owned
//! copy of what a person needs to see — the verdict, who said it per the
//! article and per the source, where (source title, line and column, time
//! stamp), each difference as a sentence ([`Difference::sentence`]), the
//! runners-up, the two places of a splice, and the correction an editor
//! would print ([`suggested_text`]). The terminal report ([`text`]) and the
//! HTML report ([`html`]) are drawn from reviews, so the command, C and
//! Python callers see the same words.
//!
//! ```
//! use quotecheck::{Checker, SourceDoc, Store, review::Review};
//! let mut store = Store::new();
//! store.add(SourceDoc::new("hearing", "I will not raise taxes this year.").speaker("Ana Diaz"))?;
//! let mut checker = Checker::new();
//! let report = checker.check(&store, "I will raise taxes this year.", Some("Ana Diaz"))?;
//! let review = Review::of(&report, None);
//! assert_eq!(review.verdict.name(), "altered");
//! assert_eq!(
//!     review.differences[0].sentence,
//!     "the source says \"not\" here; the quote drops it — meaning reversed"
//! );
//! assert_eq!(review.suggested_text.as_deref(), Some("I will not raise taxes this year."));
//! # Ok::<(), quotecheck::Error>(())
//! ```

pub mod html;
mod shards;
pub mod text;

pub use shards::merge_shards;

use std::ops::Range;

use crate::{Change, Edit, EditOp, Flags, Match, Report, SpeakerAt, Verdict};

/// How an editor should read a verdict: the colour of both reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Faithful: verbatim, or minor with cosmetic differences only.
    Good,
    /// Look before printing: words elided, or a faithful quote with notes
    /// (the speaker could not be confirmed, the quote crosses a turn).
    Check,
    /// Do not print as is: altered, misattributed or not found.
    Wrong,
}

impl Severity {
    /// The verdict's severity, given the notes (flags) that came with it.
    ///
    /// ```
    /// use quotecheck::{Flags, Verdict, review::Severity};
    /// assert_eq!(Severity::of(Verdict::Minor, Flags::default()), Severity::Good);
    /// assert_eq!(Severity::of(Verdict::Minor, Flags::SPEAKER_UNVERIFIED), Severity::Check);
    /// assert_eq!(Severity::of(Verdict::NotFound, Flags::default()), Severity::Wrong);
    /// ```
    pub fn of(verdict: Verdict, flags: Flags) -> Severity {
        let notes = Flags::SPEAKER_UNVERIFIED.0
            | Flags::SPEAKER_UNKNOWN.0
            | Flags::CROSSES_TURN.0
            | Flags::PARTIAL.0;
        match verdict {
            Verdict::Altered | Verdict::Misattributed | Verdict::NotFound => Severity::Wrong,
            Verdict::Ellipsis => Severity::Check,
            Verdict::Verbatim | Verdict::Minor if flags.0 & notes != 0 => Severity::Check,
            Verdict::Verbatim | Verdict::Minor => Severity::Good,
        }
    }

    /// `good`, `check` or `wrong` (the HTML report's class names).
    pub fn name(self) -> &'static str {
        match self {
            Severity::Good => "good",
            Severity::Check => "check",
            Severity::Wrong => "wrong",
        }
    }
}

/// The verdict in words, for people.
///
/// ```
/// use quotecheck::{Verdict, review::verdict_words};
/// assert_eq!(verdict_words(Verdict::NotFound), "not found in the sources");
/// ```
pub fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Verbatim => "verbatim: the source has these words",
        Verdict::Minor => "faithful: cosmetic differences only",
        Verdict::Ellipsis => "faithful with an ellipsis: words elided",
        Verdict::Altered => "altered: the words differ from the source",
        Verdict::NotFound => "not found in the sources",
        Verdict::Misattributed => "misattributed: someone else said it",
    }
}

/// How much a difference matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// Leaves the words as said (case, punctuation, a bracket, an elision).
    Harmless,
    /// Changes the words.
    Changed,
    /// Can change the meaning: a negation, a number, a name.
    Critical,
}

impl Weight {
    /// `harmless`, `changed` or `critical` (the HTML report's class names).
    pub fn name(self) -> &'static str {
        match self {
            Weight::Harmless => "harmless",
            Weight::Changed => "changed",
            Weight::Critical => "critical",
        }
    }
}

/// One difference between quote and source, with its sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// Replace, insert or delete.
    pub op: EditOp,
    /// Why.
    pub change: Change,
    /// How much it matters.
    pub weight: Weight,
    /// The quote's words (empty for a delete).
    pub quote_text: String,
    /// The source's words (empty for an insert).
    pub source_text: String,
    /// Byte range in the quote.
    pub quote_range: Range<usize>,
    /// Byte range in the source.
    pub source_range: Range<usize>,
    /// The difference as a sentence an editor reads.
    pub sentence: String,
}

/// A place in a source.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The source's id.
    pub source_id: String,
    /// Its title, if it has one.
    pub title: Option<String>,
    /// Byte range in the source text.
    pub range: Range<usize>,
    /// Line (1-based) of the range's start.
    pub line: usize,
    /// Column (1-based, in characters) of the range's start.
    pub column: usize,
    /// The transcript time stamp in force there, if any.
    pub time: Option<String>,
    /// The source's words there.
    pub text: String,
    /// Who speaks there, per the source (`None`: the source does not say).
    pub speaker: Option<String>,
    /// The match's verdict and score at this place.
    pub verdict: Verdict,
    /// Its score, 0 to 1.
    pub score: f32,
    /// The order of places, best first ([`crate::Match::rank`]): the score,
    /// raised a little where the source's speaker is the article's.
    pub rank: f32,
    /// The source's text just before and after the range (for context).
    pub before: String,
    /// See `before`.
    pub after: String,
}

/// What an editor needs to see about one quote (an owned copy).
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// The quote as written.
    pub quote: String,
    /// Its byte range in the article, when it came from one.
    pub article_range: Option<Range<usize>>,
    /// Who the article says spoke.
    pub claimed_speaker: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// Its severity (the colour of the reports).
    pub severity: Severity,
    /// The score, 0 to 1.
    pub score: f32,
    /// Meaning-critical and other notes.
    pub flags: Flags,
    /// Where the quote was found (best match), if anywhere.
    pub found: Option<Place>,
    /// The differences at that place, each with its sentence.
    pub differences: Vec<Difference>,
    /// Other places with similar words.
    pub runners_up: Vec<Place>,
    /// For a splice, the quote's parts and where each was found.
    pub parts: Vec<(Range<usize>, Place)>,
    /// The correction an editor would print (see [`suggested_text`]).
    pub suggested_text: Option<String>,
    /// For a check at a cited place: were the words found only elsewhere?
    pub found_elsewhere: Option<bool>,
    /// The error, when the quote could not be checked (too long, empty).
    pub error: Option<String>,
}

impl Review {
    /// The review of a report. `article_range`: where the quote sits in its
    /// article, if it came from one.
    pub fn of(report: &Report<'_>, article_range: Option<Range<usize>>) -> Review {
        let best = report.best();
        let differences = best
            .as_ref()
            .map(|m| m.edits().iter().map(|e| difference(m, e)).collect())
            .unwrap_or_default();
        let parts = report
            .parts()
            .iter()
            .map(|p| {
                let source = report.store().source(p.source_index());
                let range = p.range();
                let text = source.text().get(range.clone()).unwrap_or("").to_string();
                let (speaker, time) = (source.speaker_at(range.start), source.time_at(range.start));
                let place = place_in(
                    source,
                    range,
                    text,
                    (speaker, time),
                    report.verdict(),
                    (report.score(), report.score()),
                );
                (p.quote_range(), place)
            })
            .collect();
        Review {
            quote: report.quote().to_string(),
            article_range,
            claimed_speaker: report.claimed_speaker().map(str::to_string),
            verdict: report.verdict(),
            severity: Severity::of(report.verdict(), report.flags()),
            score: report.score(),
            flags: report.flags(),
            found: best.as_ref().map(place_of),
            differences,
            runners_up: report.matches().skip(1).map(|m| place_of(&m)).collect(),
            parts,
            suggested_text: suggested_text(report),
            found_elsewhere: report.found_elsewhere(),
            error: None,
        }
    }

    /// For a misattributed quote, who said it per the source.
    pub fn attribute_to(&self) -> Option<&str> {
        if self.verdict != Verdict::Misattributed {
            return None;
        }
        self.found.as_ref()?.speaker.as_deref()
    }

    /// The review of a quote that could not be checked.
    pub fn failed(
        quote: &str,
        claimed_speaker: Option<&str>,
        article_range: Option<Range<usize>>,
        error: &crate::Error,
    ) -> Review {
        Review {
            quote: quote.to_string(),
            article_range,
            claimed_speaker: claimed_speaker.map(str::to_string),
            verdict: Verdict::NotFound,
            severity: Severity::Wrong,
            score: 0.0,
            flags: Flags::default(),
            found: None,
            differences: Vec::new(),
            runners_up: Vec::new(),
            parts: Vec::new(),
            suggested_text: None,
            found_elsewhere: None,
            error: Some(error.to_string()),
        }
    }
}

fn place_of(m: &Match<'_>) -> Place {
    place_in(
        m.source(),
        m.range(),
        m.text().to_string(),
        (m.speaker(), m.time()),
        m.verdict(),
        (m.score(), m.rank()),
    )
}

/// A speaker as a report names it (`None`: the source does not say).
fn speaker_name(at: SpeakerAt<'_>) -> Option<String> {
    match at {
        SpeakerAt::Named(n) | SpeakerAt::Role(n) => Some(n.to_string()),
        SpeakerAt::Unknown | SpeakerAt::NotGiven => None,
    }
}

/// Context shown around a place, in bytes (cut at char boundaries).
const CONTEXT_BYTES: usize = 160;

/// A place in `source`; `who_when` is who speaks there and the time stamp
/// in force, as the caller already knows them (a match carries both).
fn place_in(
    source: &crate::Source,
    range: Range<usize>,
    text: String,
    who_when: (SpeakerAt<'_>, Option<&str>),
    verdict: Verdict,
    (score, rank): (f32, f32),
) -> Place {
    let all = source.text();
    let start = range.start.min(all.len());
    let before_text = &all[..start];
    // Lines are counted once per reported place (not on a hot path): a
    // memchr pass over the text before it.
    let line = memchr::memchr_iter(b'\n', before_text.as_bytes()).count() + 1;
    let line_start = before_text.rfind('\n').map_or(0, |i| i + 1);
    let column = before_text[line_start..].chars().count() + 1;
    let end = range.end.min(all.len());
    let mut b = start.saturating_sub(CONTEXT_BYTES);
    while !all.is_char_boundary(b) {
        b += 1;
    }
    let mut a = (end + CONTEXT_BYTES).min(all.len());
    while !all.is_char_boundary(a) {
        a -= 1;
    }
    Place {
        source_id: source.id().to_string(),
        title: source.title().map(str::to_string),
        range,
        line,
        column,
        time: who_when.1.map(|t| t.trim().to_string()),
        text,
        speaker: speaker_name(who_when.0),
        verdict,
        score,
        rank,
        before: all[b..start].to_string(),
        after: all[end..a].to_string(),
    }
}

fn difference(m: &Match<'_>, e: &Edit) -> Difference {
    let quote_text = m.quote_text(e).to_string();
    let source_text = squeeze(m.source_text(e));
    let weight = match e.change {
        Change::Negation | Change::Number | Change::Name => Weight::Critical,
        c if c.is_cosmetic() => Weight::Harmless,
        _ => Weight::Changed,
    };
    let sentence = sentence(e.op, e.change, &quote_text, &source_text);
    Difference {
        op: e.op,
        change: e.change,
        weight,
        quote_text,
        source_text,
        quote_range: e.quote.0 as usize..e.quote.1 as usize,
        source_range: e.source.0 as usize..e.source.1 as usize,
        sentence,
    }
}

/// Runs of white space as one space (a transcript's line breaks inside a
/// sentence are not what an editor compares).
pub(crate) fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A difference as a sentence: what the source says, what the quote says,
/// and what that means.
///
/// ```
/// use quotecheck::{Change, EditOp, review::sentence};
/// assert_eq!(sentence(EditOp::Delete, Change::Conjunction, "", "And"), "dropped \"And\" at the start (harmless)");
/// assert_eq!(sentence(EditOp::Replace, Change::Spelling, "ballon", "balloon"), "\"balloon\" → \"ballon\" (spelling)");
/// ```
pub fn sentence(op: EditOp, change: Change, quote: &str, source: &str) -> String {
    use Change as C;
    use EditOp as O;
    let q = quote.trim();
    let s = source.trim();
    match (op, change) {
        (O::Delete, C::Negation) => {
            format!("the source says \"{s}\" here; the quote drops it — meaning reversed")
        }
        (O::Insert, C::Negation) => {
            format!("the quote adds \"{q}\", which the source does not say — meaning reversed")
        }
        (_, C::Negation) => format!("\"{s}\" → \"{q}\": the negation changed — meaning reversed"),
        (O::Replace, C::Number) => format!("\"{s}\" → \"{q}\": a different number"),
        (O::Delete, C::Number) => format!("the quote drops the number \"{s}\""),
        (O::Insert, C::Number) => format!("the quote adds the number \"{q}\", not in the source"),
        (O::Replace, C::Name) => format!("\"{s}\" → \"{q}\": a different name"),
        (O::Delete, C::Name) => format!("the quote drops the name \"{s}\""),
        (O::Insert, C::Name) => format!("the quote adds the name \"{q}\", not in the source"),
        (O::Insert, C::Conjunction) => format!("the quote adds \"{q}\" at the start (harmless)"),
        (O::Insert, C::StageDirection) => format!("the quote adds the note \"{q}\" (harmless)"),
        (O::Insert, C::FalseStart) => format!("the quote repeats \"{q}\" (harmless)"),
        (_, C::Conjunction) => format!("dropped \"{s}\" at the start (harmless)"),
        (O::Insert, C::Omission) => {
            format!("the quote has \"{q}\" where the source skips nothing")
        }
        (_, C::Omission) => format!("\"...\" stands for \"{}\" (an elision)", shorten(s, 80)),
        (_, C::Editorial) if s.is_empty() => {
            format!("{q} is the reporter's insertion in brackets (acceptable)")
        }
        (_, C::Editorial) => format!("\"{s}\" → {q} in brackets (acceptable)"),
        (_, C::StageDirection) => format!("the source's note \"{s}\" is left out (harmless)"),
        (_, C::FalseStart) => format!("the speaker's false start \"{s}\" is left out (harmless)"),
        (_, C::Case) => format!("\"{s}\" → \"{q}\" (capitalisation, harmless)"),
        (_, C::Punctuation) if s.is_empty() || q.is_empty() => {
            "punctuation differs (harmless)".to_string()
        }
        (_, C::Punctuation) => format!("punctuation \"{s}\" → \"{q}\" (harmless)"),
        (_, C::Accent) => format!("\"{s}\" → \"{q}\" (accents, harmless)"),
        (_, C::Typography) => format!("\"{s}\" → \"{q}\" (typography, harmless)"),
        (_, C::Hyphenation) => format!("\"{s}\" → \"{q}\" (hyphenation, harmless)"),
        (_, C::Contraction) => format!("\"{s}\" → \"{q}\" (contraction, harmless)"),
        (_, C::NumberStyle) => format!("\"{s}\" → \"{q}\" (number style, harmless)"),
        (_, C::Spelling) => format!("\"{s}\" → \"{q}\" (spelling)"),
        (_, C::Inflection) => format!("\"{s}\" → \"{q}\" (another form of the word)"),
        (_, C::Moved) => format!(
            "\"{}\" is in the source, but elsewhere in the passage (word order changed)",
            if q.is_empty() { s } else { q }
        ),
        (O::Replace, C::Word) => format!("\"{s}\" → \"{q}\": the words differ"),
        (O::Delete, C::Word) => format!("the quote drops \"{s}\""),
        (O::Insert, C::Word) => format!("the quote adds \"{q}\", not in the source"),
    }
}

fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    format!("{}…", cut.trim_end())
}

/// The correction an editor would print for a quote that is not faithful:
/// the source's own words for the matched span, with `...` where the quote
/// skipped text and the quote's `[brackets]` kept where it inserted them;
/// a splice gives both places' words joined by `...`. `None` for a faithful
/// quote (verbatim or minor), for a misattributed one whose words are as
/// said (the fix is the speaker: [`Place::speaker`]), and for one not found.
///
/// ```
/// use quotecheck::{Checker, SourceDoc, Store, review::suggested_text};
/// let mut store = Store::new();
/// store.add(SourceDoc::new("s", "We will, after long talks with the unions, raise wages by 10 percent."))?;
/// let mut checker = Checker::new();
/// let report = checker.check(&store, "We will ... raise [teachers'] wages by 12 percent.", None)?;
/// assert_eq!(suggested_text(&report).as_deref(), Some("We will ... raise [teachers'] wages by 10 percent."));
/// # Ok::<(), quotecheck::Error>(())
/// ```
pub fn suggested_text(report: &Report<'_>) -> Option<String> {
    let mut out = String::new();
    write_suggested_text(report, &mut out).then_some(out)
}

/// [`suggested_text`] into a caller's buffer (cleared first), for callers
/// that check many quotes and keep one buffer (the C ABI); returns whether
/// there is a suggestion.
pub fn write_suggested_text(report: &Report<'_>, out: &mut String) -> bool {
    out.clear();
    if matches!(
        report.verdict(),
        Verdict::Verbatim | Verdict::Minor | Verdict::NotFound
    ) {
        return false;
    }
    if !report.parts().is_empty() {
        for (k, p) in report.parts().iter().enumerate() {
            if k > 0 {
                out.push_str(" ... ");
            }
            let source = report.store().source(p.source_index());
            push_squeezed(out, source.text().get(p.range()).unwrap_or(""));
        }
        return true;
    }
    let Some(m) = report.best() else {
        return false;
    };
    // Misattributed words that are as said need a speaker, not new words.
    if matches!(m.text_verdict(), Verdict::Verbatim | Verdict::Minor) {
        return false;
    }
    let text = m.source().text();
    let span = m.range();
    let mut at = span.start;
    for e in m.edits() {
        let (s, t) = (e.source.0 as usize, e.source.1 as usize);
        if s < at || t > span.end {
            continue;
        }
        let replacement = match e.change {
            Change::Omission => "...",
            Change::Editorial => m.quote_text(e).trim(),
            Change::StageDirection | Change::FalseStart => "",
            _ => continue,
        };
        if e.change == Change::Omission && e.op == EditOp::Delete {
            // The elision takes the punctuation around the words it stands
            // for: "We will, after long talks, raise" → "We will ... raise".
            const AROUND: &[char] = &[' ', ',', ';', ':', '—', '–', '\n', '\t', '\r'];
            push_squeezed(out, text[at..s].trim_end_matches(AROUND));
            out.push_str(" ... ");
            let rest = &text[t..span.end];
            at = t + (rest.len() - rest.trim_start_matches(AROUND).len());
            continue;
        }
        // A stage direction's brackets go with it: "(laughter)".
        let (s, t) = match e.change {
            Change::StageDirection => widen_to_brackets(text, s, t, at, span.end),
            // A false start takes the dash that broke it off: "these — these".
            Change::FalseStart => {
                let rest = &text[t..span.end];
                let kept = rest.trim_start_matches([' ', '—', '–', '-', ',', '\n', '\r', '\t']);
                (s, t + rest.len() - kept.len())
            }
            _ => (s, t),
        };
        push_squeezed(out, &text[at..s]);
        if !replacement.is_empty() {
            if !out.is_empty() && !out.ends_with(' ') && s == t {
                out.push(' ');
            }
            out.push_str(replacement);
            if s == t && !text[t..].starts_with(char::is_whitespace) {
                out.push(' ');
            }
        }
        at = t;
    }
    push_squeezed(out, &text[at..span.end]);
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    // A quote that ends in a period keeps it when the source's sentence ends there.
    if let Some(stop) = text[span.end..]
        .chars()
        .next()
        .filter(|c| matches!(c, '.' | '!' | '?'))
        && report.quote().trim_end().ends_with(['.', '!', '?', ','])
    {
        out.push(stop);
    }
    true
}

/// Appends `s` with every run of white space as one space, and none at the
/// start of `out` (no allocation).
fn push_squeezed(out: &mut String, s: &str) {
    for c in s.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// `s..t` widened over an opening bracket just before and a closing one
/// just after, within `lo..hi`.
fn widen_to_brackets(text: &str, s: usize, t: usize, lo: usize, hi: usize) -> (usize, usize) {
    let open = text[lo..s].trim_end().ends_with(['(', '[']);
    let close = text[t..hi].trim_start().starts_with([')', ']']);
    if !(open && close) {
        return (s, t);
    }
    let s2 = text[lo..s].trim_end().len() + lo - 1;
    let after = &text[t..hi];
    let t2 = t + (after.len() - after.trim_start().len()) + 1;
    (s2, t2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, SourceDoc, Store};

    pub(super) fn store() -> Store {
        let mut store = Store::new();
        store
            .add(
                SourceDoc::new(
                    "briefing",
                    "MR. KIRBY:  And while we have no indication of aliens, we will not rule out anything.\n\nQ  Really?\n\nMR. KIRBY:  Really. The 18 objects were balloons, (laughter) the small ones.\n",
                )
                .title("Press briefing")
                .label("MR. KIRBY", "John Kirby"),
            )
            .unwrap();
        store
    }

    #[test]
    fn place_has_line_column_title_and_speaker() {
        let store = store();
        let mut checker = Checker::new();
        let report = checker
            .check(&store, "The 18 objects were balloons", Some("John Kirby"))
            .unwrap();
        let review = Review::of(&report, Some(3..31));
        let found = review.found.unwrap();
        assert_eq!((found.line, found.column), (5, 21));
        assert_eq!(found.title.as_deref(), Some("Press briefing"));
        assert_eq!(found.speaker.as_deref(), Some("John Kirby"));
        assert!(found.before.ends_with("Really. "), "{:?}", found.before);
        assert_eq!(review.severity, Severity::Good);
        assert!(review.suggested_text.is_none());
    }

    #[test]
    fn sentences_say_what_changed_and_how_much_it_matters() {
        let store = store();
        let mut checker = Checker::new();
        let report = checker
            .check(
                &store,
                "While we have no indication of aliens, we will rule out anything.",
                Some("John Kirby"),
            )
            .unwrap();
        let review = Review::of(&report, None);
        let sentences: Vec<&str> = review
            .differences
            .iter()
            .map(|d| d.sentence.as_str())
            .collect();
        assert!(
            sentences.contains(&"dropped \"And\" at the start (harmless)"),
            "{sentences:?}"
        );
        assert!(
            sentences
                .contains(&"the source says \"not\" here; the quote drops it — meaning reversed"),
            "{sentences:?}"
        );
        let critical: Vec<_> = review
            .differences
            .iter()
            .filter(|d| d.weight == Weight::Critical)
            .collect();
        assert_eq!(critical.len(), 1);
        assert_eq!(review.severity, Severity::Wrong);
        assert_eq!(
            review.suggested_text.as_deref(),
            Some("while we have no indication of aliens, we will not rule out anything.")
        );
    }

    #[test]
    fn suggestion_drops_stage_directions_and_false_starts_and_keeps_numbers_right() {
        let store = store();
        let mut checker = Checker::new();
        let report = checker
            .check(
                &store,
                "The 81 objects were balloons, the small ones.",
                Some("John Kirby"),
            )
            .unwrap();
        let review = Review::of(&report, None);
        assert_eq!(review.verdict, Verdict::Altered);
        assert_eq!(
            review.suggested_text.as_deref(),
            Some("The 18 objects were balloons, the small ones.")
        );
        assert!(
            review
                .differences
                .iter()
                .any(|d| d.sentence == "\"18\" → \"81\": a different number")
        );
    }

    #[test]
    fn suggestion_drops_a_false_start_with_its_dash() {
        let mut store = Store::new();
        store
            .add(SourceDoc::new(
                "remarks",
                "We acted at an opportunity that allowed us to take down these — these objects safely.",
            ))
            .unwrap();
        let mut checker = Checker::new();
        let report = checker
            .check(
                &store,
                "We acted at an opportunity that allowed us to take down these objects quickly.",
                None,
            )
            .unwrap();
        assert_eq!(
            suggested_text(&report).as_deref(),
            Some("We acted at an opportunity that allowed us to take down these objects safely.")
        );
    }

    #[test]
    fn not_found_has_no_place_and_no_suggestion() {
        let store = store();
        let mut checker = Checker::new();
        let report = checker
            .check(&store, "We will go to the moon tomorrow", None)
            .unwrap();
        let review = Review::of(&report, None);
        assert_eq!(review.verdict, Verdict::NotFound);
        assert!(review.found.is_none() && review.suggested_text.is_none());
    }

    #[test]
    fn every_change_and_op_has_a_sentence_naming_the_words() {
        use crate::{Change as C, EditOp as O};
        let changes = [
            C::Case,
            C::Accent,
            C::Typography,
            C::Punctuation,
            C::Hyphenation,
            C::Contraction,
            C::NumberStyle,
            C::Editorial,
            C::Omission,
            C::StageDirection,
            C::FalseStart,
            C::Word,
            C::Spelling,
            C::Number,
            C::Negation,
            C::Name,
            C::Conjunction,
            C::Inflection,
            C::Moved,
        ];
        for c in changes {
            for op in [O::Replace, O::Insert, O::Delete] {
                let (q, s) = match op {
                    O::Replace => ("qword", "sword"),
                    O::Insert => ("qword", ""),
                    O::Delete => ("", "sword"),
                };
                let text = sentence(op, c, q, s);
                assert!(!text.is_empty());
                assert!(
                    text.contains("qword")
                        || text.contains("sword")
                        || text == "punctuation differs (harmless)",
                    "{op:?} {c:?}: {text}"
                );
            }
        }
    }
}
