//! From alignment steps to edits, flags and a verdict.
//!
//! Every verdict is explainable: [`explain`] turns the aligner's steps into
//! a list of [`Edit`]s, each with the byte ranges on both sides and the
//! [`Change`] that says why it is there. The verdict follows from the edits:
//! any change to the words makes the quote `altered`; cosmetic changes alone
//! make it `minor`; an ellipsis that stands for omitted words makes it
//! `ellipsis`.

#![forbid(unsafe_code)]

use crate::align::{Op, Step};
use crate::quote::{Item, ItemKind};
use crate::store::flag;
use crate::text::{gaps_differ, is_capitalised};
use crate::variants::{is_negation, is_number, negation_prefix_pair};

/// The answer for one quote.
///
/// ```
/// use quotecheck::Verdict;
/// assert_eq!(Verdict::Misattributed.name(), "misattributed");
/// assert_eq!(Verdict::ALL.len(), 6);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The same words (after folding case, quote marks and spaces).
    Verbatim,
    /// Only cosmetic differences: case, punctuation, typography, accents,
    /// hyphenation, contractions, number style, stage directions, false starts.
    Minor,
    /// Words substituted, inserted or dropped (see the flags for which kinds).
    Altered,
    /// Omissions marked with an ellipsis; every fragment verbatim or minor.
    Ellipsis,
    /// No span of any source is close enough.
    NotFound,
    /// Found, but the source says someone else said it.
    Misattributed,
}

impl Verdict {
    /// The name used in JSON and the C API (`"verbatim"`, `"not_found"`, ...).
    ///
    /// ```
    /// assert_eq!(quotecheck::Verdict::NotFound.name(), "not_found");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Verbatim => "verbatim",
            Verdict::Minor => "minor",
            Verdict::Altered => "altered",
            Verdict::Ellipsis => "ellipsis",
            Verdict::NotFound => "not_found",
            Verdict::Misattributed => "misattributed",
        }
    }

    /// All verdicts, in the order of their C ABI values.
    pub const ALL: [Verdict; 6] = [
        Verdict::Verbatim,
        Verdict::Minor,
        Verdict::Altered,
        Verdict::Ellipsis,
        Verdict::NotFound,
        Verdict::Misattributed,
    ];
}

/// Meaning-critical and other notable facts about a match, as a bit set.
///
/// ```
/// use quotecheck::Flags;
/// let f = Flags::NEGATION | Flags::NUMBER;
/// assert!(f.contains(Flags::NEGATION));
/// assert_eq!(f.names().collect::<Vec<_>>(), ["negation", "number"]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags(pub u32);

impl Flags {
    /// A negation was added, dropped or changed ("not", "never", "n't", "un-").
    pub const NEGATION: Flags = Flags(1);
    /// A number changed.
    pub const NUMBER: Flags = Flags(2);
    /// A capitalised name changed, was added or was dropped.
    pub const NAME: Flags = Flags(4);
    /// Only part of the quote was found; see the missing words.
    pub const PARTIAL: Flags = Flags(8);
    /// The quote marks an omission with an ellipsis.
    pub const ELLIPSIS: Flags = Flags(16);
    /// The speaker named by the caller is not the source's speaker.
    pub const SPEAKER_MISMATCH: Flags = Flags(32);
    /// The source does not say who spoke these words.
    pub const SPEAKER_UNKNOWN: Flags = Flags(64);
    /// The matched span runs across two speakers' turns.
    pub const CROSSES_TURN: Flags = Flags(128);
    /// The quote has editorial brackets.
    pub const EDITORIAL: Flags = Flags(256);
    /// The article names a role, group or organisation (or a person where
    /// the source has an unnamed voice) that the source neither supports nor
    /// contradicts: not an accusation, something to confirm.
    pub const SPEAKER_UNVERIFIED: Flags = Flags(512);
    /// The quote's parts come from two places (in one source or two) with
    /// no ellipsis to mark the join; see the match's parts.
    pub const SPLICED: Flags = Flags(1024);

    const NAMES: [(Flags, &'static str); 11] = [
        (Flags::NEGATION, "negation"),
        (Flags::NUMBER, "number"),
        (Flags::NAME, "name"),
        (Flags::PARTIAL, "partial"),
        (Flags::ELLIPSIS, "ellipsis"),
        (Flags::SPEAKER_MISMATCH, "speaker_mismatch"),
        (Flags::SPEAKER_UNKNOWN, "speaker_unknown"),
        (Flags::CROSSES_TURN, "crosses_turn"),
        (Flags::EDITORIAL, "editorial"),
        (Flags::SPEAKER_UNVERIFIED, "speaker_unverified"),
        (Flags::SPLICED, "spliced"),
    ];

    /// Are all bits of `other` set?
    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Is no flag set?
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names of the set flags, in bit order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Flags::NAMES
            .into_iter()
            .filter(move |(f, _)| self.contains(*f))
            .map(|(_, n)| n)
    }

    /// The name of a single flag bit (for the C API).
    pub fn bit_name(bit: u32) -> Option<&'static str> {
        Flags::NAMES
            .iter()
            .find(|(f, _)| f.0 == bit)
            .map(|(_, n)| *n)
    }
}

impl std::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Flags {
    fn bitor_assign(&mut self, rhs: Flags) {
        self.0 |= rhs.0;
    }
}

/// What an edit does to the words.
///
/// ```
/// use quotecheck::{Checker, EditOp, SourceDoc, Store};
/// let mut store = Store::new();
/// store.add(SourceDoc::new("s", "We will not raise taxes this year."))?;
/// let mut checker = Checker::new();
/// let report = checker.check(&store, "We will raise taxes this year.", None)?;
/// assert_eq!(report.best().unwrap().edits()[0].op, EditOp::Delete);
/// assert_eq!(EditOp::Delete.name(), "delete");
/// # Ok::<(), quotecheck::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditOp {
    /// Quote text stands where the source has other text.
    Replace,
    /// The quote has words the source does not.
    Insert,
    /// The source has words the quote left out.
    Delete,
}

impl EditOp {
    /// `"replace"`, `"insert"` or `"delete"`.
    pub fn name(self) -> &'static str {
        match self {
            EditOp::Replace => "replace",
            EditOp::Insert => "insert",
            EditOp::Delete => "delete",
        }
    }
}

/// Why an edit is there: cosmetic kinds first, then changes to the words.
///
/// ```
/// use quotecheck::Change;
/// assert!(Change::Case.is_cosmetic() && !Change::Negation.is_cosmetic());
/// assert_eq!(Change::NumberStyle.name(), "number_style");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// Letter case only.
    Case,
    /// Accents only (é / e).
    Accent,
    /// Quote marks, apostrophes or periods inside a word (U.S. / US).
    Typography,
    /// Punctuation between words.
    Punctuation,
    /// One word written as two or hyphenated (extra-terrestrial).
    Hyphenation,
    /// A contraction (don't / do not).
    Contraction,
    /// A number in digits or words (10 / ten).
    NumberStyle,
    /// An editorial bracket (`[W]e`, `[the president]`).
    Editorial,
    /// Words left out where the quote has an ellipsis.
    Omission,
    /// A stage direction or editorial note of the source left out.
    StageDirection,
    /// A false start or repeated word of the speaker left out ("the — our").
    FalseStart,
    /// A conjunction that opened the source's sentence left out ("And while
    /// ..." quoted as "While ...").
    Conjunction,
    /// A word changed, added or dropped.
    Word,
    /// A word changed by a letter or two (a misspelling, a tense).
    Spelling,
    /// A number changed.
    Number,
    /// A negation added, dropped or reversed.
    Negation,
    /// A name changed, added or dropped.
    Name,
    /// The same word in another form: a tense or a plural ("want" for
    /// "wanted", "threat" for "threats").
    Inflection,
    /// A word the source has in another place of the span: the quote moved
    /// it (it is neither missing nor added).
    Moved,
}

impl Change {
    /// Does this change leave the words as said?
    pub fn is_cosmetic(self) -> bool {
        !matches!(
            self,
            Change::Word
                | Change::Spelling
                | Change::Number
                | Change::Negation
                | Change::Name
                | Change::Inflection
                | Change::Moved
        )
    }

    /// The name used in JSON and the C API.
    pub fn name(self) -> &'static str {
        match self {
            Change::Case => "case",
            Change::Accent => "accent",
            Change::Typography => "typography",
            Change::Punctuation => "punctuation",
            Change::Hyphenation => "hyphenation",
            Change::Contraction => "contraction",
            Change::NumberStyle => "number_style",
            Change::Editorial => "editorial",
            Change::Omission => "omission",
            Change::StageDirection => "stage_direction",
            Change::FalseStart => "false_start",
            Change::Conjunction => "conjunction",
            Change::Word => "word",
            Change::Spelling => "spelling",
            Change::Number => "number",
            Change::Negation => "negation",
            Change::Name => "name",
            Change::Inflection => "inflection",
            Change::Moved => "moved",
        }
    }

    /// All changes, in the order of their C ABI values.
    pub const ALL: [Change; 19] = [
        Change::Case,
        Change::Accent,
        Change::Typography,
        Change::Punctuation,
        Change::Hyphenation,
        Change::Contraction,
        Change::NumberStyle,
        Change::Editorial,
        Change::Omission,
        Change::StageDirection,
        Change::FalseStart,
        Change::Word,
        Change::Spelling,
        Change::Number,
        Change::Negation,
        Change::Name,
        Change::Conjunction,
        Change::Inflection,
        Change::Moved,
    ];

    /// Does this change make a quote less than verbatim? Case and the
    /// style of quote marks and apostrophes do not: a verbatim quote is
    /// the same words after folding (they are still listed as edits).
    pub fn counts(self) -> bool {
        !matches!(self, Change::Case | Change::Typography)
    }
}

/// One difference between a quote and its source span.
///
/// ```
/// use quotecheck::{Change, Checker, SourceDoc, Store};
/// let mut store = Store::new();
/// store.add(SourceDoc::new("s", "The navy sent 18 ships to the gulf last week."))?;
/// let mut checker = Checker::new();
/// let report = checker.check(&store, "The navy sent 81 ships to the gulf last week.", None)?;
/// let best = report.best().unwrap();
/// let edit = best.edits()[0];
/// assert_eq!(edit.change, Change::Number);
/// assert_eq!((best.quote_text(&edit), best.source_text(&edit)), ("81", "18"));
/// # Ok::<(), quotecheck::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edit {
    /// Replace, insert or delete.
    pub op: EditOp,
    /// Why.
    pub change: Change,
    /// Byte range in the quote (empty for a delete: where it would be).
    pub quote: (u32, u32),
    /// Byte range in the source (empty for an insert: where it would be).
    pub source: (u32, u32),
}

/// What [`explain`] concluded about one alignment.
#[derive(Clone, Copy, Debug, Default)]
pub struct Explained {
    /// Byte range of the matched span in the source.
    pub span: (u32, u32),
    /// Flags raised by the edits.
    pub flags: Flags,
    /// Words of the quote matched (exactly or cosmetically).
    pub matched_words: u32,
    /// Any edit that changes the words?
    pub altered: bool,
    /// Any cosmetic edit that makes it less than verbatim?
    pub cosmetic: bool,
    /// How many such cosmetic edits.
    pub cosmetic_edits: u32,
    /// Source words inside the span the quote dropped (not counting stage
    /// directions, false starts or omissions marked by an ellipsis).
    pub dropped_words: u32,
}

/// The source side of an alignment, for [`explain`].
pub struct SourceSide<'a> {
    /// The source's text around the window (the window's blocks, or all
    /// of it): every span and the gaps between them lie in it, on char
    /// boundaries (the caller checks).
    pub text: crate::stored_text::TextPart<'a>,
    /// Byte spans of the window's words.
    pub spans: &'a [(u32, u32)],
    /// Flags of the window's words.
    pub flags: &'a [u8],
    /// Layout ranges of the source (labels, cues), sorted.
    pub structure: &'a [std::ops::Range<u32>],
}

impl SourceSide<'_> {
    /// The source's bytes `a..b`, which lie in the window's text (spans and
    /// the gaps between them, checked by the caller); empty if not.
    fn slice(&self, a: u32, b: u32) -> &str {
        self.text.get(a as usize..b as usize).unwrap_or_default()
    }
}

/// Turns alignment steps into edits (appended to `edits`) and flags.
pub fn explain(
    steps: &[Step],
    items: &[Item],
    quote: &str,
    src: &SourceSide<'_>,
    edits: &mut Vec<Edit>,
) -> Explained {
    let mut out = Explained::default();
    let first_edit = edits.len();
    let qtext = |i: u32| &quote[items[i as usize].start as usize..items[i as usize].end as usize];
    let stext = |j: u32| {
        let (a, b) = src.spans[j as usize];
        src.slice(a, b)
    };
    let qrange = |a: u32, b: u32| -> (u32, u32) {
        if a < b {
            (items[a as usize].start, items[b as usize - 1].end)
        } else if (a as usize) < items.len() {
            (items[a as usize].start, items[a as usize].start)
        } else {
            let end = items.last().map_or(0, |i| i.end);
            (end, end)
        }
    };
    let srange = |a: u32, b: u32| -> (u32, u32) {
        if a < b {
            (src.spans[a as usize].0, src.spans[b as usize - 1].1)
        } else if (a as usize) < src.spans.len() {
            (src.spans[a as usize].0, src.spans[a as usize].0)
        } else {
            let end = src.spans.last().map_or(0, |s| s.1);
            (end, end)
        }
    };
    // The matched span: from the first to the last source word the quote's
    // words stand on (insertions at the ends do not widen it).
    let anchored = |op: Op| {
        !matches!(
            op,
            Op::Insert | Op::Delete | Op::DeleteCosmetic | Op::Omission
        )
    };
    let first = steps.iter().find(|s| anchored(s.op) && s.s.0 < s.s.1);
    let last = steps.iter().rev().find(|s| anchored(s.op) && s.s.0 < s.s.1);
    if let (Some(f), Some(l)) = (first, last) {
        out.span = (src.spans[f.s.0 as usize].0, src.spans[l.s.1 as usize - 1].1);
    }
    // "And while ..." quoted as "While ...": the conjunction before the span
    // opened the sentence and the quote capitalised the next word.
    if let Some(f) = first {
        let j = f.s.0 as usize;
        if j > 0 && f.q.0 == 0 {
            let conj = stext(j as u32 - 1);
            let is_conj = ["and", "but", "so", "or", "now", "well"]
                .iter()
                .any(|c| c.eq_ignore_ascii_case(conj));
            if is_conj
                && src.flags[j - 1] & flag::SENTENCE_START != 0
                && is_capitalised(qtext(0))
                && !is_capitalised(stext(f.s.0))
            {
                push(
                    edits,
                    first_edit,
                    EditOp::Delete,
                    Change::Conjunction,
                    (items[0].start, items[0].start),
                    srange(j as u32 - 1, j as u32),
                );
            }
        }
    }
    let sentence_start_q = |i: u32| {
        i == 0 || {
            let prev_end = items[i as usize - 1].end as usize;
            quote[prev_end..items[i as usize].start as usize].contains(['.', '!', '?', ':'])
        }
    };
    let name_like_q = |i: u32| is_capitalised(qtext(i)) && !sentence_start_q(i);
    let name_like_s =
        |j: u32| is_capitalised(stext(j)) && src.flags[j as usize] & flag::SENTENCE_START == 0;

    let mut prev_anchor: Option<&Step> = None;
    for (k, step) in steps.iter().enumerate() {
        let (qa, qb) = step.q;
        let (sa, sb) = step.s;
        // Every step's edit spans the step's own ranges (a drop's quote range
        // is empty, at the place of the drop).
        let edit = match step.op {
            Op::Match => {
                out.matched_words += 1;
                let (q, s) = (qtext(qa), stext(sa));
                (q != s && !canonically_equal(q, s)).then(|| {
                    let change = if items[qa as usize].editorial {
                        Change::Editorial
                    } else {
                        cosmetic_kind(q, s)
                    };
                    (EditOp::Replace, change)
                })
            }
            Op::Variant => {
                out.matched_words += 1;
                Some((EditOp::Replace, Change::NumberStyle))
            }
            Op::JoinQuote | Op::JoinSource => {
                out.matched_words += qb - qa;
                let joined = if step.op == Op::JoinQuote {
                    stext(sa)
                } else {
                    qtext(qa)
                };
                let change = if joined.contains(['\'', '’']) {
                    Change::Contraction
                } else {
                    Change::Hyphenation
                };
                Some((EditOp::Replace, change))
            }
            Op::Substitute => {
                let (q, s) = (qtext(qa), stext(sa));
                let change = word_change(q, s, name_like_q(qa) || name_like_s(sa));
                Some((EditOp::Replace, change))
            }
            Op::Insert => Some((EditOp::Insert, word_change(qtext(qa), "", name_like_q(qa)))),
            Op::Delete => {
                let s = stext(sa);
                let false_start = is_false_start(steps, k, src) && !is_negation_or_number(s);
                let change = if false_start {
                    Change::FalseStart
                } else {
                    out.dropped_words += 1;
                    word_change("", s, name_like_s(sa))
                };
                Some((EditOp::Delete, change))
            }
            Op::DeleteCosmetic => {
                let change = if src.flags[sa as usize] & flag::STAGE != 0 {
                    Change::StageDirection
                } else {
                    Change::Editorial
                };
                Some((EditOp::Delete, change))
            }
            Op::Omission => {
                out.flags |= Flags::ELLIPSIS;
                (sa < sb).then_some((EditOp::Delete, Change::Omission))
            }
            Op::Bracket => {
                out.flags |= Flags::EDITORIAL;
                Some((EditOp::Replace, Change::Editorial))
            }
        };
        if let Some((op, change)) = edit {
            push(
                edits,
                first_edit,
                op,
                change,
                qrange(qa, qb),
                srange(sa, sb),
            );
        }
        // Punctuation between two neighbouring words that both stand on the
        // source, with nothing between them on either side.
        let is_anchor = matches!(
            step.op,
            Op::Match | Op::Variant | Op::JoinQuote | Op::JoinSource | Op::Substitute
        );
        if is_anchor {
            if let Some(p) = prev_anchor
                && p.q.1 == qa
                && p.s.1 == sa
                && items[qa as usize].kind == ItemKind::Word
            {
                let qgap = (items[qa as usize - 1].end, items[qa as usize].start);
                let sgap = (src.spans[sa as usize - 1].1, src.spans[sa as usize].0);
                let crosses_layout = src
                    .structure
                    .iter()
                    .any(|r| r.start < sgap.1 && r.end > sgap.0);
                if !crosses_layout
                    && qgap.0 <= qgap.1
                    && sgap.0 <= sgap.1
                    && gaps_differ(
                        &quote[qgap.0 as usize..qgap.1 as usize],
                        src.slice(sgap.0, sgap.1),
                    )
                {
                    push(
                        edits,
                        first_edit,
                        EditOp::Replace,
                        Change::Punctuation,
                        qgap,
                        sgap,
                    );
                }
            }
            prev_anchor = Some(step);
        } else if !matches!(step.op, Op::DeleteCosmetic) {
            prev_anchor = None;
        }
    }
    if items.iter().any(|i| i.editorial) {
        out.flags |= Flags::EDITORIAL;
    }
    if mark_moved_words(&mut edits[first_edit..], quote, src) {
        // The drops that moved words stand for are gone (only this
        // alignment's edits can be marked so).
        edits.retain(|e| !(e.op == EditOp::Delete && e.change == Change::Moved));
    }
    for e in &edits[first_edit..] {
        match e.change {
            Change::Negation => out.flags |= Flags::NEGATION,
            Change::Number => out.flags |= Flags::NUMBER,
            Change::Name => out.flags |= Flags::NAME,
            _ => {}
        }
        if e.change.is_cosmetic() {
            out.cosmetic |= e.change.counts();
            out.cosmetic_edits += u32::from(e.change.counts());
        } else {
            out.altered = true;
        }
    }
    // Words of the quote missing at its ends: only part of it was found.
    let words = items.iter().filter(|i| i.is_word()).count() as u32;
    let unmatched = |s: &&Step| matches!(s.op, Op::Insert | Op::Substitute | Op::Delete);
    let count = |s: &Step| if s.op == Op::Delete { 0 } else { s.q.1 - s.q.0 };
    let lead: u32 = steps.iter().take_while(unmatched).map(count).sum();
    let trail: u32 = steps.iter().rev().take_while(unmatched).map(count).sum();
    if lead + trail >= 2.max(words / 5) {
        out.flags |= Flags::PARTIAL;
    }
    out
}

fn push(
    edits: &mut Vec<Edit>,
    first_edit: usize,
    op: EditOp,
    change: Change,
    quote: (u32, u32),
    source: (u32, u32),
) {
    // Runs of inserted or dropped words become one edit (only this
    // alignment's own: the vector holds earlier matches' edits too).
    if let Some(last) = edits.get_mut(first_edit..).and_then(|own| own.last_mut()) {
        let joinable = matches!(op, EditOp::Insert | EditOp::Delete)
            && last.op == op
            && (last.change == change
                || (!last.change.is_cosmetic() && !change.is_cosmetic() && change == Change::Word));
        if joinable && (op == EditOp::Insert || last.source.1 <= source.0) {
            if op == EditOp::Insert {
                last.quote.1 = last.quote.1.max(quote.1);
            } else {
                last.source.1 = last.source.1.max(source.1);
            }
            return;
        }
    }
    edits.push(Edit {
        op,
        change,
        quote,
        source,
    });
}

/// Are two differently encoded words the same text (NFC and NFD forms of
/// "café": one precomposed char, or a letter and a combining accent)? Not
/// an edit at all: the reader sees the same word.
fn canonically_equal(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    !(a.is_ascii() && b.is_ascii()) && a.nfc().eq(b.nfc())
}

/// Case, accent or typography: what differs between two words with equal keys.
fn cosmetic_kind(q: &str, s: &str) -> Change {
    let lower = |w: &str| w.chars().flat_map(char::to_lowercase).collect::<TinyWord>();
    if q.len() == s.len() && q.eq_ignore_ascii_case(s) || lower(q) == lower(s) {
        Change::Case
    } else if q
        .chars()
        .chain(s.chars())
        .any(|c| c.is_alphabetic() && !c.is_ascii())
    {
        Change::Accent
    } else {
        Change::Typography
    }
}

/// Compares lower-cased words without allocating (words are short; longer
/// ones fall back to comparing a prefix and the length, which is enough to
/// tell case differences from others).
#[derive(PartialEq)]
struct TinyWord([char; 24], usize);

impl FromIterator<char> for TinyWord {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> Self {
        let mut w = TinyWord(['\0'; 24], 0);
        for c in iter {
            if w.1 < 24 {
                w.0[w.1] = c;
            }
            w.1 += 1;
        }
        w
    }
}

fn is_negation_or_number(w: &str) -> bool {
    let mut buf = [0u8; 32];
    let lower = lower_ascii(w, &mut buf);
    is_negation(lower) || is_number(lower)
}

/// Classifies a changed word (`s` empty for an insertion, `q` for a drop).
fn word_change(q: &str, s: &str, name_like: bool) -> Change {
    let mut qk = [0u8; 32];
    let mut sk = [0u8; 32];
    let (q, s) = (lower_ascii(q, &mut qk), lower_ascii(s, &mut sk));
    if is_negation(q) != is_negation(s)
        || (!q.is_empty() && !s.is_empty() && negation_prefix_pair(q, s))
    {
        Change::Negation
    } else if (is_number(q) || is_number(s)) && q != s {
        Change::Number
    } else if name_like {
        Change::Name
    } else if !q.is_empty() && !s.is_empty() && same_stem(q, s) {
        Change::Inflection
    } else if !q.is_empty()
        && !s.is_empty()
        && q.len().min(s.len()) >= 4
        && letter_distance(q, s) <= 2
    {
        Change::Spelling
    } else {
        Change::Word
    }
}

/// A word the quote has where the source does not (an insertion) and the
/// source has elsewhere in the span where the quote does not (a drop) was
/// moved, not lost and added: the insertion becomes one `moved` edit with
/// both places, and the drop is marked (`Delete` + `Moved`) for removal.
/// Returns whether any was marked. Single words only; case and apostrophe
/// style are ignored.
fn mark_moved_words(edits: &mut [Edit], quote: &str, source: &SourceSide<'_>) -> bool {
    let mut any = false;
    for i in 0..edits.len() {
        let e = edits[i];
        if e.op != EditOp::Insert || e.change.is_cosmetic() {
            continue;
        }
        let added = &quote[e.quote.0 as usize..e.quote.1 as usize];
        let dropped = edits.iter().position(|d| {
            d.op == EditOp::Delete
                && !d.change.is_cosmetic()
                && d.change != Change::Moved
                && same_words(source.slice(d.source.0, d.source.1), added)
        });
        if let Some(j) = dropped {
            edits[i] = Edit {
                op: EditOp::Replace,
                change: Change::Moved,
                quote: e.quote,
                source: edits[j].source,
            };
            edits[j].change = Change::Moved;
            any = true;
        }
    }
    any
}

/// Do two short runs hold the same words, in any order ("aliens or" / "or
/// aliens"), ignoring case, punctuation and apostrophe style? Runs of more
/// than [`MAX_MOVED_WORDS`] words are not compared. Allocates nothing.
fn same_words(a: &str, b: &str) -> bool {
    fn words(t: &str) -> impl Iterator<Item = &str> {
        t.split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '—' | '–' | '"' | '“' | '”')
        })
        .filter(|w| !w.is_empty())
    }
    let eq = |x: &str, y: &str| {
        let fold = |w: &str| {
            w.chars()
                .map(|c| if c == '’' { '\'' } else { c })
                .flat_map(char::to_lowercase)
                .collect::<TinyWord>()
        };
        fold(x) == fold(y)
    };
    let (na, nb) = (words(a).count(), words(b).count());
    if na == 0 || na != nb || na > MAX_MOVED_WORDS {
        return false;
    }
    words(a).all(|w| words(a).filter(|x| eq(x, w)).count() == words(b).filter(|x| eq(x, w)).count())
}

/// The longest run of words recognised as moved.
const MAX_MOVED_WORDS: usize = 8;

/// Are two (lower-case) words one word in two forms: the same stem once a
/// regular English ending (`-s`, `-es`, `-ed`, `-d`, `-ing`, `-er`, `-est`)
/// is taken off either ("want"/"wanted", "threat"/"threats",
/// "say"/"saying")? Stems under three letters do not count ("a"/"as").
fn same_stem(a: &str, b: &str) -> bool {
    const ENDINGS: [&str; 8] = ["", "s", "es", "ed", "d", "ing", "er", "est"];
    // The stem is at least three letters and the endings at most three.
    let alike_start = a.len() >= 3 && b.len() >= 3 && a.as_bytes()[..3] == b.as_bytes()[..3];
    alike_start
        && a.len().abs_diff(b.len()) <= 3
        && a != b
        && ENDINGS.iter().any(|ea| {
            a.strip_suffix(ea).is_some_and(|sa| {
                sa.len() >= 3
                    && ENDINGS
                        .iter()
                        .any(|eb| b.strip_suffix(eb).is_some_and(|sb| sb == sa))
            })
        })
}

/// Lower-cases an ASCII word into `buf` with apostrophes folded (non-ASCII
/// or long words are returned as they are: the lists they are checked
/// against are ASCII).
fn lower_ascii<'a>(w: &'a str, buf: &'a mut [u8; 32]) -> &'a str {
    if w.len() > buf.len() {
        return w;
    }
    let mut n = 0;
    for c in w.chars() {
        let c = if c == '’' { '\'' } else { c };
        if !c.is_ascii() {
            return w;
        }
        buf[n] = c.to_ascii_lowercase() as u8;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).unwrap_or(w)
}

/// Levenshtein distance over bytes, capped at 3 (enough to tell a typo or a
/// tense from a different word), without allocating.
pub(crate) fn letter_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 2 || a.len() > 31 || b.len() > 31 {
        return 3;
    }
    let mut prev = [0usize; 32];
    let mut cur = [0usize; 32];
    for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *p = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        prev = cur;
    }
    prev[b.len()].min(3)
}

/// A dropped run of source words that the speaker abandoned: it ends in a
/// cut-off word ("Sec-") or a dash, and the quote goes on right after it
/// ("the security — our security" quoted as "our security").
fn is_false_start(steps: &[Step], k: usize, src: &SourceSide<'_>) -> bool {
    let step = steps[k];
    // Only short runs: a speaker restarts within a few words.
    let run_end = steps[k..]
        .iter()
        .take_while(|s| matches!(s.op, Op::Delete | Op::DeleteCosmetic))
        .last()
        .map_or(step.s.1, |s| s.s.1);
    let run_start = steps[..k]
        .iter()
        .rev()
        .take_while(|s| matches!(s.op, Op::Delete | Op::DeleteCosmetic))
        .last()
        .map_or(step.s.0, |s| s.s.0);
    if run_end - run_start > 3 || run_end as usize >= src.spans.len() {
        return false;
    }
    let last_word_end = src.spans[run_end as usize - 1].1 as usize;
    let next_start = src.spans[run_end as usize].0 as usize;
    let gap = src.slice(last_word_end as u32, next_start as u32);
    gap.starts_with('-') || gap.contains(['—', '–']) || gap.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_changes() {
        assert_eq!(
            word_change("identified", "unidentified", false),
            Change::Negation
        );
        assert_eq!(word_change("can", "can’t", false), Change::Negation);
        assert_eq!(word_change("", "not", false), Change::Negation);
        assert_eq!(word_change("1,600", "1,500", false), Change::Number);
        assert_eq!(word_change("ballon", "balloon", false), Change::Spelling);
        assert_eq!(word_change("want", "wanted", false), Change::Inflection);
        assert_eq!(word_change("threats", "threat", false), Change::Inflection);
        assert_eq!(word_change("saying", "say", false), Change::Inflection);
        assert_eq!(word_change("as", "a", false), Change::Word);
        assert_eq!(word_change("partially", "partly", false), Change::Word);
        assert_eq!(word_change("Smith", "Jones", true), Change::Name);
    }

    #[test]
    fn cosmetic_kinds() {
        assert_eq!(cosmetic_kind("We", "we"), Change::Case);
        assert_eq!(cosmetic_kind("ÉTÉ", "été"), Change::Case);
        assert_eq!(cosmetic_kind("café", "cafe"), Change::Accent);
        assert_eq!(cosmetic_kind("we’re", "we're"), Change::Typography);
        assert_eq!(cosmetic_kind("U.S", "US"), Change::Typography);
    }

    #[test]
    fn distances() {
        assert_eq!(letter_distance("kitten", "sitting"), 3);
        assert_eq!(letter_distance("ballon", "balloon"), 1);
        assert_eq!(letter_distance("same", "same"), 0);
    }

    #[test]
    fn flag_names() {
        assert_eq!(Flags::bit_name(32), Some("speaker_mismatch"));
        assert_eq!(Flags::bit_name(3), None);
        assert!(Flags::default().is_empty());
    }
}
