//! `Checker`: finds a quote in a [`Store`] and judges it.
//!
//! The search runs in four stages, all in buffers the checker owns and
//! reuses, so that after the first few calls a check allocates nothing:
//!
//! 1. **Seed.** Every adjacent word pair of the quote is looked up in the
//!    bigram index; rare single words are looked up too. A pair that occurs
//!    more than [`MAX_SEED_POSTINGS`] times ("of the") is a stop-gram and
//!    seeds nothing on its own: an edited quote keeps an intact run of
//!    (n − e)/(e + 1) words, and such runs nearly always hold a rarer pair.
//! 2. **Cluster.** Hits are sorted by position and grouped when they lie
//!    within a quote's length of each other in one source; a group's vote is
//!    the number of distinct quote words it covers. A group never spans more
//!    than one quote could; when a hit would stretch it further, a new group
//!    starts from the hits within reach of that one (a sliding span), so
//!    hits of the same words a little earlier cannot cut an occurrence in
//!    two.
//!    When more groups than can be aligned tie on the best vote (the
//!    quote's rare words recur in many places and its other pairs are
//!    stop-grams, as at archive scale), the stop-grams' positions near the
//!    hits are read, within a budget, and the groups counted again: the
//!    place that has the whole quote then outvotes its echoes.
//! 3. **Align.** The best [`MAX_CANDIDATES`] groups are widened into
//!    windows and aligned word by word ([`crate::align`]).
//! 4. **Judge.** Each alignment is explained ([`crate::verdict`]), scored,
//!    and compared with the speaker the caller named.

#![forbid(unsafe_code)]

use crate::align::{AlignScratch, Op, Step, WORD_COST, Window, align, refine};
use crate::claim::SpeakerKind;
use crate::error::Error;
use crate::quote::{Item, ItemKind, parse};
use crate::source::{Source, SpeakerAt};
use crate::speaker::same_person;
use crate::store::Store;
use crate::stored_text::TextPart;
use crate::variants::is_stop_word;
use crate::verdict::{Edit, EditOp, Flags, SourceSide, Verdict, explain};

/// The longest quote accepted, in bytes. A quotation in news copy is a few
/// sentences; anything longer is a pasted document, and the alignment's
/// O(n·m) cost would grow with it.
pub const MAX_QUOTE_BYTES: usize = 16 * 1024;

/// The most words a quote may have (see [`MAX_QUOTE_BYTES`]).
pub const MAX_QUOTE_WORDS: usize = 1000;

/// The lowest score that counts as found. A score is the share of the
/// quote's words found in order in the span, less 0.3 (`DROPPED_WORD_WEIGHT`) for
/// each source word dropped inside it: at 0.5 half the quote's words would
/// have to change before it is lost.
/// Every hand-judged pair in `shared/data/pairs.json` that was said scores
/// above it (the lowest are back-translated quotes); unrelated text with
/// a chance shared phrase scores below.
pub const MIN_FOUND_SCORE: f32 = 0.5;

/// The share of a quote's content words (not stop words) that a span must
/// contain, exactly or cosmetically, to count as found. Words carry the
/// meaning; a made-up sentence built from a source's vocabulary shares its
/// function words everywhere, its content words rarely in order. A quote
/// re-translated from another language keeps about two thirds of them.
pub const MIN_CONTENT_SHARE: f32 = 0.6;

/// The share of content words that is enough when the person the article
/// names is the one speaking at the span (a paraphrase of the right person,
/// "poses a threat to America" for "presents a threat to the safety and
/// security of the American people", is still that passage, and `altered`).
pub const MIN_CONTENT_SHARE_SAME_SPEAKER: f32 = 0.55;

/// A quote of more than [`SHORT_QUOTE_WORDS`] words must share an unbroken
/// run of at least this many words with the span: two pieces of the same
/// sentence in order, not words scattered over a paragraph.
pub const MIN_RUN_WORDS: u32 = 3;

/// Quotes of at most this many words ("hub", "very deep water") are found
/// only with every content word: with three words, one changed word is a
/// different statement, and chance matches of short phrases are common.
pub const SHORT_QUOTE_WORDS: usize = 4;

/// The lowest score at which a span spoken by someone else is reported as
/// `misattributed`. Below it the words differ too much to say it is the same
/// utterance: the claimed speaker may well have said the quote's own words
/// somewhere the store does not hold, so the quote is not found rather than
/// someone accused.
pub const MIN_ACCUSATION_SCORE: f32 = 0.8;

/// Each side of a splice has at least this many words: shorter pieces are
/// found by chance.
pub const MIN_SPLICE_PART_WORDS: usize = 4;

/// An altered quote found whole, scoring at or above this and with no
/// stretch of two or more words added or left out, is not looked at as a
/// possible splice: a few changed words, not two places.
const MAX_SPLICE_SCORE: f32 = 0.75;

/// How many ways a quote is split when looking for a splice.
const MAX_SPLICE_SPLITS: usize = 2;

/// How much a source word the quote silently dropped lowers the score,
/// relative to a quote word that was not found. Dropping is a lesser fault
/// for *finding* a quote (a paraphrase that condenses "the safety and
/// security of the American people" to "America" is still that passage),
/// while the verdict still says `altered`.
pub const DROPPED_WORD_WEIGHT: f32 = 0.3;

/// How much each cosmetic difference (punctuation, accents, a dropped stage
/// direction) lowers the score: enough that a verbatim copy of a line ranks
/// above a cosmetic one, too little to matter for finding it.
pub const COSMETIC_WEIGHT: f32 = 0.01;

/// A word pair that occurs more often than this is a stop-gram: it does not
/// seed on its own (its postings would flood the candidate list).
pub const MAX_SEED_POSTINGS: usize = crate::index::LONGEST_WORD_LIST;

/// A single word that occurs at most this often seeds a candidate by
/// itself, so that one-word quotes and heavily edited quotes are found.
pub const RARE_WORD_POSTINGS: usize = 64;

/// How many candidate regions are aligned per quote: enough for a line said
/// several times (a briefing and its captions and a rush transcript) and a
/// few near misses.
pub const MAX_CANDIDATES: usize = 8;

/// The most ellipses a quote may have. Each lets the quote's fragments lie
/// up to [`MAX_ELLIPSIS_GAP_WORDS`] apart, so each widens the window aligned;
/// a quotation in news copy has a few. A quote with more is refused
/// ([`Error::QuoteTooLong`], unit `"ellipses"`) rather than aligned against
/// a window thousands of words wide (a 16 KB quote of 2,300 ellipses asked
/// for 10.7 GB).
pub const MAX_QUOTE_ELLIPSES: usize = 16;

/// The most cells (quote items × window words) one alignment may have:
/// with [`MAX_QUOTE_WORDS`] and [`MAX_QUOTE_ELLIPSES`] an indexed window
/// stays under it, and an exhaustive check aligns long sources in windows of
/// this size (5 bytes a cell: at most 80 MB of scratch).
pub const MAX_ALIGN_CELLS: usize = 16 << 20;

/// The longest window an exhaustive check aligns at once (more, shorter
/// windows for longer sources).
const EXHAUSTIVE_WINDOW_WORDS: usize = 1 << 16;

/// An ellipsis may stand for at most about this many source words: fragments
/// further apart than a few paragraphs are not one quote.
pub const MAX_ELLIPSIS_GAP_WORDS: usize = 250;

/// Candidates with fewer than 1/MIN_VOTE_SHARE of the best candidate's
/// votes are not aligned.
const MIN_VOTE_SHARE: u32 = 3;

/// Extra source words on each side of a candidate window, so that words the
/// quote added or dropped near its ends still fit.
const WINDOW_SLACK: usize = 8;

/// Seed lists always used, rarest first, whatever their size.
const MIN_SEED_LISTS: usize = 6;

/// Beyond those, more seed lists are used while the hits stay within this.
/// (512 was 10-25% faster on the 100 MiB corpus but lost 3 of 200 quotes
/// at 1 GiB, where even rare pairs recur hundreds of times.)
const SEED_BUDGET: usize = 2048;

/// The most postings of common pairs read to break a tie between more
/// places than [`MAX_CANDIDATES`] ([`Checker::add_stop_votes`]): about
/// 0.1 ms of decoding, paid only by such checks (a quarter of this lost 3
/// of 400 quotes on the 10 GiB store; four times it found no more).
const STOP_VOTE_BUDGET: usize = 1 << 16;

/// How many times a window is searched again beside a span that another
/// speaker said, for the named speaker saying the same words nearby.
const MAX_SPEAKER_RETRIES: usize = 2;

/// When two spans of equal quality differ only in who spoke them, the one
/// spoken by the person the caller named is reported first: a line repeated
/// by a reporter is still the official's line.
const SPEAKER_PREFERENCE: f32 = 0.1;

/// A quote checker. Create one per thread and reuse it: it owns all the
/// scratch space a check needs.
///
/// ```
/// use quotecheck::{Checker, SourceDoc, Store, Verdict};
/// let mut store = Store::new();
/// store.add(SourceDoc::new("remarks", "I will not raise taxes this year. That is my promise.")
///     .speaker("Jane Doe"))?;
/// let mut checker = Checker::new();
/// let report = checker.check(&store, "will raise taxes this year", Some("Mayor Doe"))?;
/// assert_eq!(report.verdict(), Verdict::Altered);
/// assert!(report.flags().contains(quotecheck::Flags::NEGATION));
/// let best = report.best().unwrap();
/// assert_eq!(best.source_id(), "remarks");
/// assert_eq!(best.text(), "will not raise taxes this year");
/// # Ok::<(), quotecheck::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Checker {
    items: Vec<Item>,
    fold: String,
    hits: Vec<(u32, u32)>,
    /// The radix sort's second buffer for `hits`.
    spare_hits: Vec<(u32, u32)>,
    /// A single word's positions, gathered from its pairs' lists.
    word_positions: Vec<u32>,
    /// A window's words, derived from its source's text (stores opened
    /// from a file keep no words).
    window_words: crate::build::WindowWords,
    /// A window's text when it spans two blocks of a store file's text.
    window_text: String,
    /// Seed lists to choose from: (postings, quote item, is a pair).
    lists: Vec<(u32, u32, bool)>,
    /// Pairs too common to seed alone: (postings, quote item).
    stops: Vec<(u32, u32)>,
    /// Hits of those pairs near the seeds' hits, when the seeds tie.
    near_hits: Vec<(u32, u32)>,
    clusters: Vec<Cluster>,
    stamp: Vec<u32>,
    align: AlignScratch,
    matches: Vec<MatchData>,
    edits: Vec<Edit>,
    /// The byte ranges of the window being aligned, decoded.
    window_spans: Vec<(u32, u32)>,
    /// Per quote item: is it a content word (a word, not a stop word)?
    content: Vec<bool>,
    /// A whole quote's result, set aside while its parts are checked.
    saved: SavedRun,
    /// The two places of a spliced quote (empty otherwise).
    parts: Vec<SplicePart>,
    /// The quote items of the longest run of words found in order in any
    /// window aligned by the last run, found or not: where to cut a quote
    /// that may be a splice.
    near_miss: Option<(u32, u32)>,
}

/// The buffers of one run, kept for [`Checker::swap_saved`].
#[derive(Debug, Default)]
struct SavedRun {
    items: Vec<Item>,
    fold: String,
    content: Vec<bool>,
    matches: Vec<MatchData>,
    edits: Vec<Edit>,
}

/// One side of a spliced quote: which of the quote's bytes, and where they
/// were found.
///
/// ```
/// use quotecheck::{Checker, Flags, SourceDoc, Store};
/// let mut store = Store::new();
/// store.add(SourceDoc::new("s", "We will rebuild the harbour bridge before the winter storms arrive. \
///     Nobody else has a plan for it. Taxes on small shops must come down next spring, \
///     and the council agrees."))?;
/// let mut checker = Checker::new();
/// let r = checker.check(&store, "We will rebuild the harbour bridge before the winter storms \
///     arrive and taxes on small shops must come down next spring", None)?;
/// if r.flags().contains(Flags::SPLICED) {
///     for part in r.parts() {
///         let said = &store.source(part.source_index()).text()[part.range()];
///         assert!(!said.is_empty() && part.quote_range().end <= r.quote().len());
///     }
/// }
/// # Ok::<(), quotecheck::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplicePart {
    quote: (u32, u32),
    source: u32,
    span: (u32, u32),
    words: u32,
}

impl SplicePart {
    /// Byte range of this part in the quote.
    pub fn quote_range(&self) -> std::ops::Range<usize> {
        self.quote.0 as usize..self.quote.1 as usize
    }
    /// Index in the store of the source it was found in.
    pub fn source_index(&self) -> usize {
        self.source as usize
    }
    /// Byte range of the span in that source's text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.span.0 as usize..self.span.1 as usize
    }
}

#[derive(Debug, Clone, Copy)]
struct Cluster {
    source: u32,
    first_pos: u32,
    last_pos: u32,
    first_q: u32,
    last_q: u32,
    votes: u32,
}

/// What the checker keeps about one found span.
#[derive(Debug, Clone, Copy)]
struct MatchData {
    source: u32,
    span: (u32, u32),
    score: f32,
    rank: f32,
    text_verdict: Verdict,
    verdict: Verdict,
    flags: Flags,
    edits: (u32, u32),
}

impl Checker {
    /// A checker with empty scratch space (it grows on first use).
    pub fn new() -> Self {
        Checker::default()
    }

    /// Checks `quote` against every source in `store`. `speaker` is who the
    /// article says spoke it (any form of the name), or `None`.
    ///
    /// Errors: [`Error::EmptyQuote`] when the quote has no words,
    /// [`Error::QuoteTooLong`] beyond [`MAX_QUOTE_BYTES`] or
    /// [`MAX_QUOTE_WORDS`].
    pub fn check<'a>(
        &'a mut self,
        store: &'a Store,
        quote: &'a str,
        speaker: Option<&'a str>,
    ) -> Result<Report<'a>, Error> {
        let claim = speaker.map(|name| (name, SpeakerKind::of(name)));
        self.check_with(store, quote, claim, false)
    }

    /// Like [`Checker::check`], with the kind of speaker the article names
    /// (extraction gives it; [`SpeakerKind::of`] infers it from the name,
    /// which is what [`Checker::check`] does). Only a
    /// [`SpeakerKind::Person`] can be contradicted (`misattributed`); a role,
    /// group or organisation the source does not support is flagged
    /// [`Flags::SPEAKER_UNVERIFIED`].
    ///
    /// ```
    /// use quotecheck::{Checker, Flags, SourceDoc, SpeakerKind, Store, Verdict};
    /// let mut store = Store::new();
    /// store.add(SourceDoc::new("b", "MR. KIRBY:  We have no indication of aliens.\n\nQ  Really?\n")
    ///     .title("Press Briefing by John Kirby").label("MR. KIRBY", "John Kirby"))?;
    /// let mut checker = Checker::new();
    /// let r = checker.check_as(&store, "no indication of aliens", Some("the White House"),
    ///                          SpeakerKind::Organisation)?;
    /// assert_eq!(r.verdict(), Verdict::Verbatim);
    /// assert!(r.flags().contains(Flags::SPEAKER_UNVERIFIED));
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    pub fn check_as<'a>(
        &'a mut self,
        store: &'a Store,
        quote: &'a str,
        speaker: Option<&'a str>,
        kind: SpeakerKind,
    ) -> Result<Report<'a>, Error> {
        self.check_with(store, quote, speaker.map(|name| (name, kind)), false)
    }

    /// Like [`Checker::check`], but without the index: the quote is
    /// aligned against the whole of every source. Slow (the alignment is
    /// O(quote words × source words) per source); it is the reference the
    /// indexed search is measured against, and reports at most one span per
    /// source.
    ///
    /// ```
    /// use quotecheck::{Checker, SourceDoc, Store, Verdict};
    /// let mut store = Store::new();
    /// store.add(SourceDoc::new("s", "We will not raise taxes this year."))?;
    /// let mut checker = Checker::new();
    /// let r = checker.check_exhaustive(&store, "we will raise taxes this year", None)?;
    /// assert_eq!(r.verdict(), Verdict::Altered);
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    pub fn check_exhaustive<'a>(
        &'a mut self,
        store: &'a Store,
        quote: &'a str,
        speaker: Option<&'a str>,
    ) -> Result<Report<'a>, Error> {
        let claim = speaker.map(|name| (name, SpeakerKind::of(name)));
        self.check_with(store, quote, claim, true)
    }

    fn check_with<'a>(
        &'a mut self,
        store: &'a Store,
        quote: &'a str,
        claim: Option<(&'a str, SpeakerKind)>,
        exhaustive: bool,
    ) -> Result<Report<'a>, Error> {
        self.parts.clear();
        self.run(store, quote, claim, exhaustive)?;
        self.look_for_splice(store, quote, claim, exhaustive)?;
        Ok(self.report(store, quote, claim, None))
    }

    fn report<'a>(
        &'a self,
        store: &'a Store,
        quote: &'a str,
        claim: Option<(&'a str, SpeakerKind)>,
        found_elsewhere: Option<bool>,
    ) -> Report<'a> {
        Report {
            store,
            quote,
            speaker: claim.map(|c| c.0),
            speaker_kind: claim.map(|c| c.1),
            items: &self.items,
            matches: &self.matches,
            edits: &self.edits,
            parts: &self.parts,
            found_elsewhere,
        }
    }

    /// Checks a quote at the place it claims to come from, as a CMS that
    /// stores citations knows it: the source `source_id` and, if known, a
    /// byte offset in it. The answer is for that place first: when the words
    /// are found there, that match is the best (even if another source has
    /// them more exactly) and [`Report::found_elsewhere`] is `Some(false)`;
    /// when they are found only elsewhere, the best match elsewhere is
    /// reported with `Some(true)`; not found at all, `Some(false)`.
    ///
    /// Errors: those of [`Checker::check`], and [`Error::UnknownSourceId`].
    ///
    /// ```
    /// use quotecheck::{Checker, SourceDoc, SpeakerKind, Store, Verdict};
    /// let mut store = Store::new();
    /// store.add(SourceDoc::new("speech", "We will not raise taxes this year.").speaker("Ana Diaz"))?;
    /// store.add(SourceDoc::new("interview", "Well, we will not raise the taxes this year.").speaker("Ana Diaz"))?;
    /// let mut checker = Checker::new();
    /// let r = checker.check_at(&store, "we will not raise taxes this year", Some("Ana Diaz"),
    ///                          SpeakerKind::Person, "interview", None)?;
    /// assert_eq!((r.best().unwrap().source_id(), r.found_elsewhere()), ("interview", Some(false)));
    /// assert_eq!(r.verdict(), Verdict::Altered);
    /// store.add(SourceDoc::new("other", "Nothing about taxes here at all."))?;
    /// let r = checker.check_at(&store, "we will not raise taxes this year", Some("Ana Diaz"),
    ///                          SpeakerKind::Person, "other", None)?;
    /// assert_eq!((r.best().unwrap().source_id(), r.found_elsewhere()), ("speech", Some(true)));
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    pub fn check_at<'a>(
        &'a mut self,
        store: &'a Store,
        quote: &'a str,
        speaker: Option<&'a str>,
        kind: SpeakerKind,
        source_id: &str,
        offset: Option<usize>,
    ) -> Result<Report<'a>, Error> {
        let claimed = store
            .find(source_id)
            .ok_or_else(|| Error::UnknownSourceId(source_id.to_string()))?;
        let claim = speaker.map(|name| (name, kind));
        self.parts.clear();
        self.run(store, quote, claim, false)?;
        self.look_for_splice(store, quote, claim, false)?;
        // The claimed place's match: in the claimed source, the one holding
        // the offset, else the nearest to it, else the first.
        let distance = |m: &MatchData| match offset {
            None => 0,
            Some(at) if (m.span.0 as usize..=m.span.1 as usize).contains(&at) => 0,
            Some(at) => (m.span.0 as usize)
                .abs_diff(at)
                .min((m.span.1 as usize).abs_diff(at)),
        };
        let here = self
            .matches
            .iter()
            .enumerate()
            .filter(|(_, m)| m.source as usize == claimed)
            .min_by_key(|(i, m)| (distance(m), *i))
            .map(|(i, _)| i);
        let elsewhere = match here {
            Some(i) => {
                self.matches[..=i].rotate_right(1);
                false
            }
            None => !self.matches.is_empty(),
        };
        Ok(self.report(store, quote, claim, Some(elsewhere)))
    }

    /// Parses, seeds, clusters, aligns and ranks: `matches` and `edits`
    /// hold the result.
    fn run(
        &mut self,
        store: &Store,
        quote: &str,
        claim: Option<(&str, SpeakerKind)>,
        exhaustive: bool,
    ) -> Result<(), Error> {
        if quote.len() > MAX_QUOTE_BYTES {
            return Err(Error::QuoteTooLong {
                len: quote.len(),
                limit: MAX_QUOTE_BYTES,
                unit: "bytes",
            });
        }
        self.near_miss = None;
        parse(quote, &store.vocab, &mut self.items, &mut self.fold);
        let words = self.items.iter().filter(|i| i.is_word()).count();
        if words == 0 {
            return Err(Error::EmptyQuote);
        }
        if words > MAX_QUOTE_WORDS {
            return Err(Error::QuoteTooLong {
                len: words,
                limit: MAX_QUOTE_WORDS,
                unit: "words",
            });
        }
        let ellipses = self
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Ellipsis)
            .count();
        // Brackets stand for words too: they count towards the limit.
        let items = self.items.len() - ellipses;
        if items > MAX_QUOTE_WORDS {
            return Err(Error::QuoteTooLong {
                len: items,
                limit: MAX_QUOTE_WORDS,
                unit: "words",
            });
        }
        if ellipses > MAX_QUOTE_ELLIPSES {
            return Err(Error::QuoteTooLong {
                len: ellipses,
                limit: MAX_QUOTE_ELLIPSES,
                unit: "ellipses",
            });
        }
        self.matches.clear();
        self.edits.clear();
        // One or two function words ("The", "we will") say nothing about
        // where they came from: any source has them.
        self.content.clear();
        self.content.extend(self.items.iter().map(|i| {
            i.is_word() && !is_stop_word(&self.fold[i.fold.0 as usize..i.fold.1 as usize])
        }));
        let content = self.content.iter().filter(|&&c| c).count();
        let limit = if content == 0 && words < 3 {
            self.hits.clear();
            self.clusters.clear();
            0
        } else if exhaustive {
            // Every live source, aligned whole: in windows that overlap by
            // the longest span the quote could match, so that every span
            // lies whole in some window while the alignment's memory stays
            // within MAX_ALIGN_CELLS however long the source is.
            self.clusters.clear();
            let items = self.items.len() as u32;
            let overlap = 2 * items
                + 16
                + 2 * WINDOW_SLACK as u32
                + ellipses as u32 * MAX_ELLIPSIS_GAP_WORDS as u32;
            // Windows of at most 64 Ki words keep the alignment's rows in
            // cache (one window of a whole 10 MB source was memory-bound).
            let window = (MAX_ALIGN_CELLS / items.max(1) as usize)
                .min(EXHAUSTIVE_WINDOW_WORDS)
                .max(4 * overlap as usize) as u32;
            for (i, src) in store.sources_raw().iter().enumerate() {
                if src.removed || src.words.is_empty() {
                    continue;
                }
                let mut first = src.words.start;
                loop {
                    let last = first.saturating_add(window).min(src.words.end) - 1;
                    self.clusters.push(Cluster {
                        source: i as u32,
                        first_pos: first,
                        last_pos: last,
                        first_q: 0,
                        last_q: items,
                        votes: 1,
                    });
                    if last + 1 >= src.words.end {
                        break;
                    }
                    first = last + 1 - overlap.min(last + 1 - first - 1);
                }
            }
            self.clusters.len()
        } else {
            self.seed(store)?;
            if self.cluster(store) && self.add_stop_votes(store)? {
                self.cluster(store);
            }
            MAX_CANDIDATES
        };
        let best_votes = self.clusters.first().map_or(0, |c| c.votes);
        for c in 0..self.clusters.len().min(limit) {
            let cluster = self.clusters[c];
            // A region with a small fraction of the best region's evidence
            // cannot outscore it; the same line elsewhere has as many votes.
            if cluster.votes * MIN_VOTE_SHARE < best_votes {
                break;
            }
            self.align_candidate(store, quote, cluster, words, claim)?;
        }
        self.rank();
        Ok(())
    }

    /// A quote that is not found, or found altered in a way two glued
    /// places would show, may be two real stretches joined with no
    /// ellipsis. Split it where the longest run of words found in order
    /// (in any window) ends or starts, and look for each side on its own
    /// (the side away from the run first): when both are found as said, in
    /// places that do not follow one another, the quote is `altered` with
    /// [`Flags::SPLICED`] and both places are its parts. Costs at most
    /// [`MAX_SPLICE_SPLITS`] × 2 extra checks, only for such quotes.
    fn look_for_splice(
        &mut self,
        store: &Store,
        quote: &str,
        claim: Option<(&str, SpeakerKind)>,
        exhaustive: bool,
    ) -> Result<(), Error> {
        let words = self.items.iter().filter(|i| i.is_word()).count();
        let weak = match self.matches.first() {
            None => true,
            Some(m) => {
                // Two places glued show as words missing at one end
                // (partial), a long stretch added or left out inside, or
                // two or more changed words.
                let edits = &self.edits[m.edits.0 as usize..m.edits.1 as usize];
                let changed = edits
                    .iter()
                    .filter(|e| e.op == EditOp::Replace && !e.change.is_cosmetic())
                    .count();
                let long_gap = edits.iter().any(|e| {
                    !e.change.is_cosmetic()
                        && match e.op {
                            EditOp::Insert => {
                                e.quote.1 - e.quote.0 > 1 && {
                                    let q = &quote[e.quote.0 as usize..e.quote.1 as usize];
                                    q.split_whitespace().count() >= 2
                                }
                            }
                            EditOp::Delete => {
                                e.source.1 - e.source.0 > 1 && {
                                    let s = store.source(m.source as usize);
                                    s.text_range(e.source.0 as usize..e.source.1 as usize)
                                        .is_some_and(|t| t.split_whitespace().count() >= 2)
                                }
                            }
                            EditOp::Replace => false,
                        }
                });
                m.text_verdict == Verdict::Altered
                    && (m.flags.contains(Flags::PARTIAL)
                        || long_gap
                        || changed >= 2
                        || m.score < MAX_SPLICE_SCORE)
            }
        };
        // A side found as said leaves a run of at least its length in some
        // window the whole quote was aligned against: without one, no split
        // can find both sides.
        let has_firm_run = self.near_miss.is_some_and(|(a, b)| {
            self.items[a as usize..b as usize]
                .iter()
                .filter(|i| i.is_word())
                .count()
                >= MIN_SPLICE_PART_WORDS
        });
        if !weak
            || !has_firm_run
            || words < 2 * MIN_SPLICE_PART_WORDS
            || self.items.iter().any(|i| i.kind == ItemKind::Ellipsis)
        {
            return Ok(());
        }
        let mut splits = [(0usize, false); MAX_SPLICE_SPLITS];
        let n = self.split_candidates(&mut splits);
        // The sides' byte ranges, taken before the parts' checks reuse `items`.
        let (first, last) = (self.items[0].start, self.items[self.items.len() - 1].end);
        let mut sides = [((0u32, 0u32), (0u32, 0u32), false); MAX_SPLICE_SPLITS];
        for (side, &(k, far_is_left)) in sides.iter_mut().zip(&splits[..n]) {
            *side = (
                (first, self.items[k - 1].end),
                (self.items[k].start, last),
                far_is_left,
            );
        }
        // The whole quote's own result is set aside while the parts are
        // checked in the scratch space, then put back (swapped, not copied).
        self.swap_saved();
        let mut found: Option<[SplicePart; 2]> = None;
        for &(left, right, far_is_left) in &sides[..n] {
            let (far, near) = if far_is_left {
                (left, right)
            } else {
                (right, left)
            };
            let Some(f) = self.firm_part(store, quote, far, exhaustive)? else {
                continue;
            };
            let Some(g) = self.firm_part(store, quote, near, exhaustive)? else {
                continue;
            };
            let (a, b) = if far_is_left { (f, g) } else { (g, f) };
            // The two sides one after the other in one source are the
            // quote itself, found in two pieces: not a splice.
            let apart = a.source != b.source || {
                let source = store.source(a.source as usize);
                let gap = source.text_range(a.span.1 as usize..b.span.0 as usize);
                gap.is_none_or(|g| g.split_whitespace().count() > 2)
            };
            if apart {
                found = Some([a, b]);
                break;
            }
        }
        self.swap_saved();
        let Some(parts) = found else { return Ok(()) };
        self.parts.extend(parts);
        // The whole quote's alignment pairs one side's words with whatever
        // stands beside the other (a "negation" where "no" met "nature"):
        // it is replaced by the larger side's place, with the other side's
        // words listed as not in it.
        let (main, other) = if parts[0].words >= parts[1].words {
            (parts[0], parts[1])
        } else {
            (parts[1], parts[0])
        };
        self.matches.clear();
        self.edits.clear();
        self.edits.push(Edit {
            op: EditOp::Insert,
            change: crate::verdict::Change::Word,
            quote: other.quote,
            source: (main.span.1, main.span.1),
        });
        let mut flags = Flags::SPLICED;
        if let Some((claimed, kind)) = claim {
            for part in parts {
                let source = store.source(part.source as usize);
                let at = source.speaker_at(part.span.0 as usize);
                flags |= match judge_speaker(claimed, kind, at, source) {
                    Attribution::Consistent => Flags::default(),
                    Attribution::Contradicted => Flags::SPEAKER_MISMATCH,
                    Attribution::Unverified => Flags::SPEAKER_UNVERIFIED,
                    Attribution::NotGiven => Flags::SPEAKER_UNKNOWN,
                };
            }
        }
        self.matches.push(MatchData {
            source: main.source,
            span: main.span,
            score: main.words as f32 / words as f32,
            rank: 0.0,
            text_verdict: Verdict::Altered,
            verdict: Verdict::Altered,
            flags,
            edits: (0, 1),
        });
        Ok(())
    }

    /// Swaps the last run's result (items, folded words, content flags,
    /// matches, edits) with the saved one.
    fn swap_saved(&mut self) {
        let saved = &mut self.saved;
        std::mem::swap(&mut self.items, &mut saved.items);
        std::mem::swap(&mut self.fold, &mut saved.fold);
        std::mem::swap(&mut self.content, &mut saved.content);
        std::mem::swap(&mut self.matches, &mut saved.matches);
        std::mem::swap(&mut self.edits, &mut saved.edits);
    }

    /// Where to split a quote for [`Checker::look_for_splice`]: where the
    /// longest run of words found in order (in any window) ends, then where
    /// it starts. Each split leaves at least [`MIN_SPLICE_PART_WORDS`] words
    /// on either side and says which side lies away from the run (checked
    /// first: it is the side most likely not to be found, and a side not
    /// found ends the search). Returns how many were written.
    fn split_candidates(&self, out: &mut [(usize, bool); MAX_SPLICE_SPLITS]) -> usize {
        let items = &self.items;
        let n_items = items.len();
        let words_before = |k: usize| items[..k].iter().filter(|i| i.is_word()).count();
        let total = words_before(n_items);
        let ok = |k: usize| {
            k > 0
                && k < n_items
                && words_before(k) >= MIN_SPLICE_PART_WORDS
                && total - words_before(k) >= MIN_SPLICE_PART_WORDS
        };
        let mut n = 0;
        if let Some((a, b)) = self.near_miss {
            // After the run: the far side is on the right; before it, left.
            for (k, far_is_left) in [(b as usize, false), (a as usize, true)] {
                if ok(k) && !out[..n].iter().any(|&(x, _)| x == k) {
                    out[n] = (k, far_is_left);
                    n += 1;
                }
            }
        }
        n
    }

    /// Checks the quote's bytes `range` on its own: found as said (verbatim,
    /// minor or ellipsis), or not at all.
    fn firm_part(
        &mut self,
        store: &Store,
        quote: &str,
        range: (u32, u32),
        exhaustive: bool,
    ) -> Result<Option<SplicePart>, Error> {
        let part = &quote[range.0 as usize..range.1 as usize];
        self.run(store, part, None, exhaustive)?;
        let words = self.items.iter().filter(|i| i.is_word()).count() as u32;
        // Each side as said (cosmetic differences at most): two altered
        // pieces are too weak a ground for saying where a quote came from.
        let firm = |m: &&MatchData| m.text_verdict != Verdict::Altered;
        Ok(self.matches.first().filter(firm).map(|m| SplicePart {
            quote: range,
            source: m.source,
            span: m.span,
            words,
        }))
    }

    fn seed(&mut self, store: &Store) -> Result<(), Error> {
        self.hits.clear();
        self.lists.clear();
        self.stops.clear();
        let items = &self.items;
        // The usable posting lists: (length, quote item, is a pair).
        for i in 0..items.len() {
            let a = items[i];
            if !a.is_word() || a.key == crate::vocab::UNKNOWN {
                continue;
            }
            if let Some(b) = items.get(i + 1).filter(|b| b.is_word()) {
                let n = store.index.bigram_len(a.key, b.key)?;
                if n <= MAX_SEED_POSTINGS {
                    self.lists.push((n as u32, i as u32, true));
                } else {
                    self.stops.push((n.min(u32::MAX as usize) as u32, i as u32));
                }
            }
            let n = store.index.word_len(a.key)?;
            let single_word = items.len() == 1;
            if n <= RARE_WORD_POSTINGS || (single_word && n <= MAX_SEED_POSTINGS) {
                self.lists.push((n as u32, i as u32, false));
            }
        }
        // Rarest first: the few rarest lists locate the quote as surely as
        // all of them (a quote with e edits keeps most of its pairs, and a
        // rare pair occurs in few places), at a fraction of the hits to
        // sort. At least MIN_SEED_LISTS lists are used, more while the hits
        // stay within SEED_BUDGET.
        self.lists.sort_unstable();
        let mut total = 0usize;
        let mut chosen = 0;
        for (k, &(n, _, _)) in self.lists.iter().enumerate() {
            if k >= MIN_SEED_LISTS && total + n as usize > SEED_BUDGET {
                break;
            }
            total += n as usize;
            chosen = k + 1;
        }
        // Appended in quote order, so that a stable sort by position alone
        // leaves hits at one position in quote order too.
        self.lists[..chosen].sort_unstable_by_key(|&(_, i, pair)| (i, pair));
        for &(_, i, pair) in &self.lists[..chosen] {
            let i = i as usize;
            if pair {
                let postings = pair_postings(store, items, i)?;
                self.hits.extend(postings.iter().map(|p| (p, i as u32)));
            } else {
                self.word_positions.clear();
                store
                    .index
                    .word_into(items[i].key, &mut self.word_positions)?;
                self.hits
                    .extend(self.word_positions.iter().map(|&p| (p, i as u32)));
            }
        }
        drop_removed(&mut self.hits, store);
        // A quote made only of stop-grams ("and I urge the House and the
        // United States") still needs somewhere to look: where its rarest
        // pair and the pair farthest from it in the same unbroken run occur
        // at their distance in the quote (a merge of the two lists, however
        // long), or failing that the first places its rarest pair occurs,
        // as far as the cap allows.
        if self.hits.is_empty() && !self.stops.is_empty() {
            self.stops.sort_unstable();
            let (_, first) = self.stops[0];
            let unbroken = |x: u32, y: u32| {
                let (lo, hi) = (x.min(y) as usize, x.max(y) as usize + 1);
                items[lo..=hi.min(items.len() - 1)]
                    .iter()
                    .all(|it| it.is_word())
            };
            // The farthest such pair: adjacent pairs go together ("and I",
            // "I urge") wherever either occurs, distant ones rarely do.
            let second = self.stops[1..]
                .iter()
                .map(|&(_, i)| i)
                .filter(|&i| unbroken(first, i))
                .max_by_key(|&i| i.abs_diff(first));
            if let Some(second) = second {
                let (i, j) = (first.min(second), first.max(second));
                let d = j - i;
                let mut later = pair_postings(store, items, j as usize)?.iter().peekable();
                for p in pair_postings(store, items, i as usize)?.iter() {
                    let Some(want) = p.checked_add(d) else { break };
                    while later.next_if(|&q| q < want).is_some() {}
                    if later.peek() == Some(&want) {
                        self.hits.push((p, i));
                        if self.hits.len() >= MAX_SEED_POSTINGS {
                            break;
                        }
                    }
                }
                // The later pair's hits after the earlier's: in quote order,
                // as the sort below wants.
                for k in 0..self.hits.len() {
                    let (p, _) = self.hits[k];
                    self.hits.push((p + d, j));
                }
            }
            if self.hits.is_empty() {
                self.hits.extend(
                    pair_postings(store, items, first as usize)?
                        .iter()
                        .take(MAX_SEED_POSTINGS)
                        .map(|p| (p, first)),
                );
            }
            drop_removed(&mut self.hits, store);
        }
        Ok(())
    }

    /// Groups the hits into candidate regions, the best
    /// [`MAX_CANDIDATES`] first. Returns whether more regions than that
    /// share the best vote: the seeds cannot tell the places apart.
    fn cluster(&mut self, store: &Store) -> bool {
        self.clusters.clear();
        // By position, then quote item: seeding appends the hits a list at a
        // time in quote order, so a stable radix sort by position alone
        // keeps hits at one position in quote order (a comparison sort of
        // the hits was a quarter of a check's instructions).
        crate::radix::sort_by_key(&mut self.hits, &mut self.spare_hits, |&(p, _)| u64::from(p));
        let n = self.items.len() as u32;
        let ellipses = self
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Ellipsis)
            .count() as u32;
        let reach = n + if ellipses > 0 {
            MAX_ELLIPSIS_GAP_WORDS as u32
        } else {
            (n / 2).max(8)
        };
        // A cluster never grows past what one quote could cover, or common
        // pairs would chain a whole briefing into one window.
        let max_span = 2 * n + 16 + ellipses * MAX_ELLIPSIS_GAP_WORDS as u32;
        self.stamp.clear();
        self.stamp.resize(self.items.len() + 1, u32::MAX);
        let mut current: Option<Cluster> = None;
        // Where the current cluster's hits start in `hits`.
        let mut start = 0usize;
        let mut source_end = 0u32;
        let mut source = 0u32;
        for h in 0..self.hits.len() {
            let (pos, q) = self.hits[h];
            if pos >= source_end {
                source = store.source_of(pos) as u32;
                source_end = store.words_of(source as usize).end;
                if let Some(c) = current.take() {
                    self.clusters.push(c);
                }
            }
            // The hits the new hit joins: all of the current cluster's, or
            // (when that would make it longer than one quote can be) the
            // ones within `max_span` of it, so that hits of the same words
            // a little earlier do not cut a true occurrence in two.
            let joined = match current.as_ref() {
                Some(c) if pos - c.last_pos <= reach && pos - c.first_pos <= max_span => None,
                Some(c) if pos - c.last_pos <= reach => {
                    let mut k = start;
                    while self.hits[k].0.saturating_add(max_span) < pos {
                        k += 1;
                    }
                    Some(k)
                }
                _ => Some(h),
            };
            match joined {
                None => {
                    let c = current.as_mut().expect("matched above");
                    c.last_pos = pos;
                    c.last_q = q;
                }
                Some(k) => {
                    if let Some(c) = current.take() {
                        self.clusters.push(c);
                    }
                    start = k;
                    let id = self.clusters.len() as u32;
                    let mut c = Cluster {
                        source,
                        first_pos: self.hits[k].0,
                        last_pos: pos,
                        first_q: q,
                        last_q: q,
                        votes: 0,
                    };
                    for &(_, earlier) in &self.hits[k..h] {
                        if self.stamp[earlier as usize] != id {
                            self.stamp[earlier as usize] = id;
                            c.votes += 1;
                        }
                        c.first_q = c.first_q.min(earlier);
                    }
                    current = Some(c);
                }
            }
            let id = self.clusters.len() as u32;
            let c = current.as_mut().expect("set above");
            if self.stamp[q as usize] != id {
                self.stamp[q as usize] = id;
                c.votes += 1;
            }
            c.first_q = c.first_q.min(q);
        }
        if let Some(c) = current {
            self.clusters.push(c);
        }
        // Only the first MAX_CANDIDATES are ever aligned: select them, then
        // order them (sorting every cluster was a sixth of a check).
        let order = |a: &Cluster, b: &Cluster| {
            b.votes
                .cmp(&a.votes)
                .then(a.first_pos.cmp(&b.first_pos))
                .then(a.last_pos.cmp(&b.last_pos))
        };
        // The best vote and how many regions have it, in one pass.
        let (_, tied) =
            self.clusters
                .iter()
                .fold((0, 0), |(best, n), c| match c.votes.cmp(&best) {
                    std::cmp::Ordering::Greater => (c.votes, 1),
                    std::cmp::Ordering::Equal => (best, n + 1),
                    std::cmp::Ordering::Less => (best, n),
                });
        if self.clusters.len() > MAX_CANDIDATES {
            self.clusters
                .select_nth_unstable_by(MAX_CANDIDATES - 1, order);
            self.clusters.truncate(MAX_CANDIDATES);
        }
        self.clusters.sort_unstable_by(order);
        tied > MAX_CANDIDATES
    }

    /// When more places than can be aligned tie on the seeds' evidence
    /// (the seeds were the few words a quote shares with many places, its
    /// other pairs too common to seed), the quote's common pairs break the
    /// tie: their positions near a hit, rarest pairs first while at most
    /// [`STOP_VOTE_BUDGET`] postings are read, are added as hits, so the
    /// place that has the rest of the quote too gathers its votes. Only
    /// such checks pay for it. Returns whether any hit was added (hits
    /// sorted by position, as [`Checker::cluster`] leaves them).
    fn add_stop_votes(&mut self, store: &Store) -> Result<bool, Error> {
        let near = self.items.len() as u32 + WINDOW_SLACK as u32;
        self.stops.sort_unstable();
        self.near_hits.clear();
        let mut read = 0usize;
        for &(n, i) in &self.stops {
            read += n as usize;
            if read > STOP_VOTE_BUDGET {
                break;
            }
            let mut k = 0;
            for p in pair_postings(store, &self.items, i as usize)?.iter() {
                while self
                    .hits
                    .get(k)
                    .is_some_and(|h| h.0.saturating_add(near) < p)
                {
                    k += 1;
                }
                let Some(h) = self.hits.get(k) else { break };
                if h.0 <= p.saturating_add(near) {
                    self.near_hits.push((p, i));
                }
            }
        }
        drop_removed(&mut self.near_hits, store);
        self.hits.extend_from_slice(&self.near_hits);
        Ok(!self.near_hits.is_empty())
    }

    fn align_candidate(
        &mut self,
        store: &Store,
        quote: &str,
        c: Cluster,
        words: usize,
        claim: Option<(&str, SpeakerKind)>,
    ) -> Result<(), Error> {
        let range = store.words_of(c.source as usize);
        let n = self.items.len() as u32;
        let slack = WINDOW_SLACK as u32;
        // Text an ellipsis leaves out may lie between the seeds seen and
        // the quote's ends: leave room for it on each side.
        let gaps = |items: &[Item]| {
            items
                .iter()
                .filter(|i| i.kind == ItemKind::Ellipsis)
                .count() as u32
                * MAX_ELLIPSIS_GAP_WORDS as u32
        };
        let first_q = (c.first_q as usize).min(self.items.len());
        let last_q = (c.last_q as usize).min(self.items.len());
        let before = gaps(&self.items[..first_q]);
        let after = gaps(&self.items[last_q..]);
        let lo = c
            .first_pos
            .saturating_sub(c.first_q + slack + before)
            .max(range.start);
        let hi = (c.last_pos + (n - c.last_q) + slack + after).min(range.end);
        // The same words can be said twice in one exchange, by two people.
        // When the span found is not the named speaker's, look again on
        // either side of it within the window (a bounded number of times).
        let mut windows = [(0u32, 0u32); 1 + 2 * MAX_SPEAKER_RETRIES];
        windows[0] = (lo, hi);
        let mut pending = 1;
        let mut tried = 0;
        while pending > 0 {
            pending -= 1;
            let (lo, hi) = windows[pending];
            tried += 1;
            let Some(found) = self.align_window(store, quote, c.source, lo, hi, words, claim)?
            else {
                continue;
            };
            if !found.speaker_mismatch || tried > MAX_SPEAKER_RETRIES {
                continue;
            }
            for side in [(found.words.1, hi), (lo, found.words.0)] {
                if side.1 > side.0
                    && (side.1 - side.0) as usize >= words.min(2)
                    && pending < windows.len()
                {
                    windows[pending] = side;
                    pending += 1;
                }
            }
        }
        Ok(())
    }

    /// Aligns the quote against source words `lo..hi` and records the match.
    #[allow(clippy::too_many_arguments)]
    fn align_window(
        &mut self,
        store: &Store,
        quote: &str,
        c_source: u32,
        lo: u32,
        hi: u32,
        words: usize,
        claim: Option<(&str, SpeakerKind)>,
    ) -> Result<Option<WindowMatch>, Error> {
        if lo >= hi {
            return Ok(None);
        }
        let (lo_u, hi_u) = (lo as usize, hi as usize);
        let (source_words, text) = store.words_in(
            c_source as usize,
            lo_u..hi_u,
            &mut self.window_words,
            &mut self.window_text,
        )?;
        let (Some(ids), Some(flags)) =
            (source_words.ids(lo_u..hi_u), source_words.flags(lo_u..hi_u))
        else {
            return Ok(None);
        };
        let window = Window { ids, flags };
        let Some(cost) = align(
            &self.items,
            &self.fold,
            &window,
            &store.vocab,
            &mut self.align,
        ) else {
            return Ok(None);
        };
        // Cheap rejection before explaining: the cost bounds the score.
        if cost as f32 > WORD_COST as f32 * words as f32 * 2.0 {
            return Ok(None);
        }
        let source = store.source(c_source as usize);
        // Ranges come packed from the store (perhaps from a file someone
        // crafted): each must lie in the text, in order, on char boundaries
        // before the explanation slices the text with it.
        source_words.spans(&store.spans.escapes, lo_u..hi_u, &mut self.window_spans);
        if !ranges_fit(&self.window_spans, text) || self.window_spans.len() != hi_u - lo_u {
            return Ok(None);
        }
        let first_edit = self.edits.len();
        let side = SourceSide {
            text,
            spans: &self.window_spans,
            flags,
            structure: &source.structure,
        };
        let mut ex = explain(
            &self.align.steps,
            &self.items,
            quote,
            &side,
            &mut self.edits,
        );
        let score_of = |ex: &crate::verdict::Explained| {
            ((ex.matched_words as f32
                - DROPPED_WORD_WEIGHT * ex.dropped_words as f32
                - COSMETIC_WEIGHT * ex.cosmetic_edits as f32)
                / words as f32)
                .clamp(0.0, 1.0)
        };
        let mut score = score_of(&ex);
        // A span worth reporting gets its runs of changed words read again
        // with finer costs (a changed word kept opposite the one it
        // replaced), and is explained again if that changed the reading.
        if score >= MIN_FOUND_SCORE
            && refine(
                &mut self.align,
                &self.items,
                &self.fold,
                &window,
                &store.vocab,
            )
        {
            self.edits.truncate(first_edit);
            ex = explain(
                &self.align.steps,
                &self.items,
                quote,
                &side,
                &mut self.edits,
            );
            score = score_of(&ex);
        }
        let evidence = Evidence::of(&self.align.steps, &self.items, &self.content);
        if self
            .near_miss
            .is_none_or(|(a, b)| b - a < evidence.run_items.1 - evidence.run_items.0)
        {
            self.near_miss = Some(evidence.run_items);
        }
        // One word of a longer quote is not an anchor: chance matches of
        // a single common word must not count as found.
        if score < MIN_FOUND_SCORE
            || (ex.matched_words as usize) < words.min(2)
            || ex.span.0 >= ex.span.1
        {
            self.edits.truncate(first_edit);
            return Ok(None);
        }
        let at = source.speaker_at(ex.span.0 as usize);
        let attribution = claim.map(|(claimed, kind)| judge_speaker(claimed, kind, at, source));
        // The person the article names speaking right there is evidence of
        // its own that this is the passage.
        let same_person = attribution == Some(Attribution::Consistent)
            && claim.is_some_and(|(_, kind)| kind == SpeakerKind::Person);
        if !evidence.is_enough(words, same_person) {
            self.edits.truncate(first_edit);
            return Ok(None);
        }
        // Word positions of the span, for a second look beside it.
        let spans = &self.window_spans;
        let words_span = (
            lo + spans.partition_point(|w| w.1 <= ex.span.0) as u32,
            lo + spans.partition_point(|w| w.0 < ex.span.1) as u32,
        );
        // The same span found from two clusters: keep one.
        if self.matches.iter().any(|m| {
            m.source == c_source && m.span.0 < ex.span.1 && ex.span.0 < m.span.1 && m.score >= score
        }) {
            self.edits.truncate(first_edit);
            return Ok(None);
        }
        let text_verdict = if ex.altered {
            Verdict::Altered
        } else if ex.flags.contains(Flags::ELLIPSIS) {
            Verdict::Ellipsis
        } else if ex.cosmetic {
            Verdict::Minor
        } else {
            Verdict::Verbatim
        };
        let mut flags = ex.flags;
        let mut verdict = text_verdict;
        let mut rank = score;
        let start_turn = source.turn_index_at(ex.span.0 as usize);
        let end_turn = source.turn_index_at(ex.span.1 as usize - 1);
        if start_turn != end_turn {
            flags |= Flags::CROSSES_TURN;
        }
        if let Some(attribution) = attribution {
            match attribution {
                Attribution::Consistent => rank += SPEAKER_PREFERENCE,
                Attribution::Contradicted if score < MIN_ACCUSATION_SCORE && ex.altered => {
                    // Someone else said something like it: not evidence
                    // that the claimed speaker did not say the quote's words.
                    self.edits.truncate(first_edit);
                    return Ok(Some(WindowMatch {
                        words: words_span,
                        speaker_mismatch: true,
                    }));
                }
                Attribution::Contradicted => {
                    flags |= Flags::SPEAKER_MISMATCH;
                    verdict = Verdict::Misattributed;
                }
                Attribution::Unverified => flags |= Flags::SPEAKER_UNVERIFIED,
                Attribution::NotGiven => flags |= Flags::SPEAKER_UNKNOWN,
            }
        }
        let speaker_mismatch = flags.contains(Flags::SPEAKER_MISMATCH);
        self.matches.push(MatchData {
            source: c_source,
            span: ex.span,
            score,
            rank,
            text_verdict,
            verdict,
            flags,
            edits: (first_edit as u32, self.edits.len() as u32),
        });
        Ok(Some(WindowMatch {
            words: words_span,
            speaker_mismatch,
        }))
    }

    fn rank(&mut self) {
        // Drop spans another, better span of the same source overlaps.
        let mut i = 0;
        while i < self.matches.len() {
            let m = self.matches[i];
            let shadowed = self.matches.iter().enumerate().any(|(j, o)| {
                j != i
                    && o.source == m.source
                    && o.span.0 < m.span.1
                    && m.span.0 < o.span.1
                    && (o.rank > m.rank || (o.rank == m.rank && j < i))
            });
            if shadowed {
                self.matches.swap_remove(i);
            } else {
                i += 1;
            }
        }
        self.matches.sort_unstable_by(|a, b| {
            b.rank
                .total_cmp(&a.rank)
                .then(a.source.cmp(&b.source))
                .then(a.span.0.cmp(&b.span.0))
        });
    }
}

/// Where `Checker::align_window` found the quote, in word positions.
struct WindowMatch {
    words: (u32, u32),
    speaker_mismatch: bool,
}

/// What the source says of the speaker an article claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attribution {
    /// The same person, or a role or institution the source supports.
    Consistent,
    /// A named person where the source has a different, known voice.
    Contradicted,
    /// Neither supported nor contradicted: a role, group or organisation
    /// the source does not mention, or a person where the source has an
    /// unnamed voice.
    Unverified,
    /// The source does not say who speaks there.
    NotGiven,
}

/// Judges a claimed speaker against the voice at a span. Only a named person
/// can be contradicted, and only by a named person or by a voice the source
/// keeps apart from them (a reporter's `Q` turn, when the claimed person
/// has turns of their own in that source).
fn judge_speaker(
    claimed: &str,
    kind: SpeakerKind,
    at: SpeakerAt<'_>,
    source: &Source,
) -> Attribution {
    if at == SpeakerAt::NotGiven {
        return Attribution::NotGiven;
    }
    if kind != SpeakerKind::Person {
        return if supports_role(claimed, at, source) {
            Attribution::Consistent
        } else {
            Attribution::Unverified
        };
    }
    match at {
        SpeakerAt::Named(actual) if same_person(claimed, actual) => Attribution::Consistent,
        SpeakerAt::Named(_) => Attribution::Contradicted,
        SpeakerAt::Role(_) => {
            let speaks_elsewhere = source
                .speaker_names()
                .any(|name| same_person(claimed, name));
            if speaks_elsewhere {
                Attribution::Contradicted
            } else {
                Attribution::Unverified
            }
        }
        // `UNIDENTIFIED MALE:`, `>>`: the source does not say who.
        SpeakerAt::Unknown | SpeakerAt::NotGiven => Attribution::NotGiven,
    }
}

/// Does the source support a role, group or organisation as the speaker:
/// do the claim's distinctive words ("White House", "Pentagon",
/// "spokesman") appear in the source's title or in the speaker's name?
fn supports_role(claimed: &str, at: SpeakerAt<'_>, source: &Source) -> bool {
    let title = source.title().unwrap_or("");
    let voice = match at {
        SpeakerAt::Named(n) | SpeakerAt::Role(n) => n,
        _ => "",
    };
    let mut distinctive = crate::speaker::name_words(claimed)
        .filter(|w| !NOT_DISTINCTIVE.iter().any(|x| x.eq_ignore_ascii_case(w)))
        .peekable();
    distinctive.peek().is_some()
        && distinctive.all(|w| {
            contains_word(title, w) || contains_word(voice, w) || contains_word(source.id(), w)
        })
}

/// Words of a claimed role that say nothing about who it is.
const NOT_DISTINCTIVE: &[&str] = &[
    "the",
    "a",
    "an",
    "another",
    "one",
    "of",
    "and",
    "from",
    "said",
    "s",
    "u",
    "us",
    "official",
    "officials",
];

/// Does `hay` contain `word` as a whole word, ignoring case?
fn contains_word(hay: &str, word: &str) -> bool {
    crate::speaker::name_words(hay).any(|w| w.eq_ignore_ascii_case(word))
}

/// The evidence that an alignment found the quote rather than a chance
/// resemblance: how many of the quote's content words the span holds, and
/// the longest unbroken run of quote words matched in order.
#[derive(Debug, Clone, Copy, Default)]
struct Evidence {
    content: u32,
    content_matched: u32,
    longest_run: u32,
    /// Quote items of the longest run (where a splice would be cut).
    run_items: (u32, u32),
}

impl Evidence {
    /// `content[i]`: is quote item `i` a content word?
    fn of(steps: &[Step], items: &[Item], content: &[bool]) -> Evidence {
        let mut ev = Evidence {
            content: content.iter().filter(|&&c| c).count() as u32,
            ..Evidence::default()
        };
        let mut run = 0u32;
        let mut run_start = 0u32;
        for step in steps {
            let (qa, qb) = (step.q.0 as usize, step.q.1 as usize);
            let quote_items = &items[qa..qb];
            match step.op {
                Op::Match | Op::Variant | Op::JoinQuote | Op::JoinSource => {
                    if run == 0 {
                        run_start = step.q.0;
                    }
                    run += quote_items.len() as u32;
                    if run > ev.longest_run {
                        ev.longest_run = run;
                        ev.run_items = (run_start, step.q.1);
                    }
                    ev.content_matched += content[qa..qb].iter().filter(|&&c| c).count() as u32;
                }
                // A stage direction or a false start the quote left out
                // does not break a run; an ellipsis or a bracket does not
                // either (the quote says something was left out there).
                Op::DeleteCosmetic | Op::Bracket => {}
                Op::Omission => {}
                Op::Substitute | Op::Insert | Op::Delete => run = 0,
            }
        }
        ev
    }

    /// The rule (constants documented above): short quotes need every
    /// content word; longer ones need [`MIN_CONTENT_SHARE`] of them and an
    /// unbroken run of [`MIN_RUN_WORDS`]. When the person the article names
    /// is the one speaking at the span, one content word of a short quote
    /// may differ and [`MIN_CONTENT_SHARE_SAME_SPEAKER`] is enough.
    fn is_enough(&self, words: usize, same_person: bool) -> bool {
        if words <= SHORT_QUOTE_WORDS {
            let allowed = u32::from(same_person && self.content >= 2);
            return self.content_matched + allowed >= self.content;
        }
        let share = if same_person {
            MIN_CONTENT_SHARE_SAME_SPEAKER
        } else {
            MIN_CONTENT_SHARE
        };
        let needed = (share * self.content as f32).ceil() as u32;
        self.content_matched >= needed && self.longest_run >= MIN_RUN_WORDS.min(words as u32)
    }
}

/// The result of one check: the verdict and every span found, best first.
/// It borrows the checker until the next check.
///
/// ```
/// use quotecheck::{Checker, Flags, SourceDoc, Store, Verdict};
/// let mut store = Store::new();
/// store.add(SourceDoc::new("s", "We will not raise taxes this year.").speaker("Ana Diaz"))?;
/// let mut checker = Checker::new();
/// let report = checker.check(&store, "We will raise taxes this year.", Some("Ana Diaz"))?;
/// assert_eq!(report.verdict(), Verdict::Altered);
/// assert!(report.flags().contains(Flags::NEGATION));
/// assert_eq!(report.match_count(), 1);
/// # Ok::<(), quotecheck::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    store: &'a Store,
    quote: &'a str,
    speaker: Option<&'a str>,
    speaker_kind: Option<SpeakerKind>,
    items: &'a [Item],
    matches: &'a [MatchData],
    edits: &'a [Edit],
    parts: &'a [SplicePart],
    found_elsewhere: Option<bool>,
}

impl<'a> Report<'a> {
    /// For a check at a claimed place ([`Checker::check_at`]): were the
    /// words found only somewhere else? `None` for an ordinary check.
    pub fn found_elsewhere(&self) -> Option<bool> {
        self.found_elsewhere
    }

    /// For a quote flagged [`Flags::SPLICED`], its two parts and where each
    /// was found (empty otherwise).
    ///
    /// ```
    /// use quotecheck::{Checker, Flags, SourceDoc, Store, Verdict};
    /// let mut store = Store::new();
    /// store.add(SourceDoc::new("s", "We will rebuild the harbour bridge before the winter storms arrive. \
    ///     Nobody else has a plan for it. Taxes on small shops must come down next spring, \
    ///     and the council agrees.").speaker("Ana Diaz"))?;
    /// let mut checker = Checker::new();
    /// let r = checker.check(&store, "We will rebuild the harbour bridge before taxes on small shops \
    ///     must come down next spring", Some("Ana Diaz"))?;
    /// assert_eq!(r.verdict(), Verdict::Altered);
    /// assert!(r.flags().contains(Flags::SPLICED));
    /// assert_eq!(r.parts().len(), 2);
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    pub fn parts(&self) -> &'a [SplicePart] {
        self.parts
    }

    /// The verdict: the best match's, or [`Verdict::NotFound`].
    pub fn verdict(&self) -> Verdict {
        self.matches
            .first()
            .map_or(Verdict::NotFound, |m| m.verdict)
    }

    /// The best match's score in 0..=1 (0 when not found).
    pub fn score(&self) -> f32 {
        self.matches.first().map_or(0.0, |m| m.score)
    }

    /// The best match's flags (empty when not found).
    pub fn flags(&self) -> Flags {
        self.matches.first().map_or(Flags::default(), |m| m.flags)
    }

    /// The store the quote was checked against.
    pub fn store(&self) -> &'a Store {
        self.store
    }

    /// The quote as given.
    pub fn quote(&self) -> &'a str {
        self.quote
    }

    /// The speaker the caller named.
    pub fn claimed_speaker(&self) -> Option<&'a str> {
        self.speaker
    }

    /// The kind of speaker the caller named (given, or inferred from the name).
    pub fn claimed_kind(&self) -> Option<SpeakerKind> {
        self.speaker_kind
    }

    /// The best match, if the quote was found.
    pub fn best(&self) -> Option<Match<'a>> {
        self.matches().next()
    }

    /// Every match, best first (the rest are runners-up: the same line in
    /// another source, or a weaker reading).
    pub fn matches(&self) -> impl Iterator<Item = Match<'a>> + 'a {
        let (store, quote, edits) = (self.store, self.quote, self.edits);
        self.matches.iter().map(move |data| Match {
            store,
            quote,
            edits,
            data,
        })
    }

    /// How many matches.
    pub fn match_count(&self) -> usize {
        self.matches.len()
    }

    /// The byte ranges of the quote's words that the best match does not
    /// contain (all words when not found).
    pub fn missing_words(&self) -> impl Iterator<Item = (u32, u32)> + 'a {
        let best = self.matches.first().copied();
        let items = self.items;
        let edits = self.edits;
        let from_edits = best.into_iter().flat_map(move |m| {
            edits[m.edits.0 as usize..m.edits.1 as usize]
                .iter()
                .filter(|e| {
                    // A moved word is in the span, only elsewhere.
                    e.change != crate::verdict::Change::Moved
                        && (e.op == EditOp::Insert
                            || (e.op == EditOp::Replace && !e.change.is_cosmetic()))
                })
                .map(|e| e.quote)
        });
        let all = best
            .is_none()
            .then(|| {
                items
                    .iter()
                    .filter(|i| i.is_word())
                    .map(|i| (i.start, i.end))
            })
            .into_iter()
            .flatten();
        from_edits.chain(all)
    }
}

/// One span of one source where a quote was found.
///
/// ```
/// use quotecheck::{Checker, SourceDoc, SpeakerAt, Store};
/// let mut store = Store::new();
/// store.add(SourceDoc::new("s", "MAYOR DIAZ:  We will not raise taxes.\n").label("MAYOR DIAZ", "Ana Diaz"))?;
/// let mut checker = Checker::new();
/// let report = checker.check(&store, "will not raise taxes", None)?;
/// let m = report.best().unwrap();
/// assert_eq!((m.source_id(), m.text()), ("s", "will not raise taxes"));
/// assert_eq!(m.speaker(), SpeakerAt::Named("Ana Diaz"));
/// assert!(m.edits().is_empty());
/// # Ok::<(), quotecheck::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Match<'a> {
    store: &'a Store,
    quote: &'a str,
    edits: &'a [Edit],
    data: &'a MatchData,
}

impl<'a> Match<'a> {
    /// The source it was found in.
    pub fn source(&self) -> &'a Source {
        self.store.source(self.data.source as usize)
    }
    /// The source's index in the store.
    pub fn source_index(&self) -> usize {
        self.data.source as usize
    }
    /// The source's id.
    pub fn source_id(&self) -> &'a str {
        self.source().id()
    }
    /// Byte range of the span in the source text (half-open).
    pub fn range(&self) -> std::ops::Range<usize> {
        self.data.span.0 as usize..self.data.span.1 as usize
    }
    /// The span's text, as the source has it.
    pub fn text(&self) -> &'a str {
        self.source().text_range(self.range()).unwrap_or_default()
    }
    /// The score in 0..=1: 1 for verbatim, lower for each changed word.
    pub fn score(&self) -> f32 {
        self.data.score
    }
    /// The key matches are ordered by, best first: the score, raised a
    /// little where the source's speaker is the one the article names.
    pub fn rank(&self) -> f32 {
        self.data.rank
    }
    /// The verdict for this span, speaker included.
    pub fn verdict(&self) -> Verdict {
        self.data.verdict
    }
    /// The verdict on the words alone (what it would be with the right speaker).
    pub fn text_verdict(&self) -> Verdict {
        self.data.text_verdict
    }
    /// Flags for this span.
    pub fn flags(&self) -> Flags {
        self.data.flags
    }
    /// Who speaks at the start of the span, according to the source.
    pub fn speaker(&self) -> SpeakerAt<'a> {
        self.source().speaker_at(self.data.span.0 as usize)
    }
    /// The time stamp in force at the span, for transcripts that have them.
    pub fn time(&self) -> Option<&'a str> {
        self.source().time_at(self.data.span.0 as usize)
    }
    /// The differences, in quote order.
    pub fn edits(&self) -> &'a [Edit] {
        &self.edits[self.data.edits.0 as usize..self.data.edits.1 as usize]
    }
    /// The quote text of an edit.
    pub fn quote_text(&self, edit: &Edit) -> &'a str {
        &self.quote[edit.quote.0 as usize..edit.quote.1 as usize]
    }
    /// The source text of an edit.
    pub fn source_text(&self, edit: &Edit) -> &'a str {
        self.source()
            .text_range(edit.source.0 as usize..edit.source.1 as usize)
            .unwrap_or_default()
    }
}

/// Drops the hits in removed sources (which keep their words until the
/// store is compacted or saved).
fn drop_removed(hits: &mut Vec<(u32, u32)>, store: &Store) {
    if store.has_removed() {
        hits.retain(|&(p, _)| !store.is_removed(store.source_of(p)));
    }
}

/// The postings of the pair starting at quote item `i`.
fn pair_postings<'s>(
    store: &'s Store,
    items: &[Item],
    i: usize,
) -> Result<crate::index::Postings<'s>, Error> {
    store.index.bigram(items[i].key, items[i + 1].key)
}

/// Are `ranges` inside `text`, in order, on char boundaries?
fn ranges_fit(ranges: &[(u32, u32)], text: TextPart<'_>) -> bool {
    let mut prev_end = text.base;
    ranges.iter().all(|&(s, e)| {
        let (s, e) = (s as usize, e as usize);
        let ok = prev_end <= s && s <= e && text.get(s..e).is_some();
        prev_end = e;
        ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceDoc;

    fn store() -> Store {
        let mut store = Store::new();
        store
            .add(SourceDoc::new("a", "We have no indication of aliens or extraterrestrial activity with these recent takedowns.").speaker("Karine Jean-Pierre"))
            .unwrap();
        store
            .add(SourceDoc::new("b", "Their altitudes were considerably lower than the Chinese balloon, and they did pose a hazard.").speaker("John Kirby"))
            .unwrap();
        store
    }

    #[test]
    fn verbatim_and_range() {
        let store = store();
        let mut checker = Checker::new();
        let r = checker
            .check(&store, "no indication of aliens", None)
            .unwrap();
        assert_eq!(r.verdict(), Verdict::Verbatim);
        let m = r.best().unwrap();
        assert_eq!(m.text(), "no indication of aliens");
        assert_eq!(m.score(), 1.0);
    }

    #[test]
    fn misattribution_keeps_the_words_verdict() {
        let store = store();
        let mut checker = Checker::new();
        let r = checker
            .check(&store, "no indication of aliens", Some("John Kirby"))
            .unwrap();
        assert_eq!(r.verdict(), Verdict::Misattributed);
        let m = r.best().unwrap();
        assert_eq!(m.text_verdict(), Verdict::Verbatim);
        assert_eq!(m.speaker(), SpeakerAt::Named("Karine Jean-Pierre"));
        // A role names no one the source could contradict: a flag to
        // confirm, never an accusation.
        let r = checker
            .check(
                &store,
                "no indication of aliens",
                Some("another defense official"),
            )
            .unwrap();
        assert_eq!(r.verdict(), Verdict::Verbatim);
        assert!(r.flags().contains(Flags::SPEAKER_UNVERIFIED));
        let r = checker
            .check(&store, "no indication of aliens", Some("Jean-Pierre"))
            .unwrap();
        assert_eq!(r.verdict(), Verdict::Verbatim);
    }

    #[test]
    fn absent_and_errors() {
        let store = store();
        let mut checker = Checker::new();
        let r = checker
            .check(&store, "the budget will be balanced next spring", None)
            .unwrap();
        assert_eq!(r.verdict(), Verdict::NotFound);
        assert_eq!(r.missing_words().count(), 7);
        assert_eq!(
            checker.check(&store, " … ", None).unwrap_err(),
            Error::EmptyQuote
        );
        let long = "word ".repeat(MAX_QUOTE_WORDS + 1);
        assert!(matches!(
            checker.check(&store, &long, None),
            Err(Error::QuoteTooLong { unit: "words", .. })
        ));
        let huge = "x".repeat(MAX_QUOTE_BYTES + 1);
        assert!(matches!(
            checker.check(&store, &huge, None),
            Err(Error::QuoteTooLong { unit: "bytes", .. })
        ));
    }

    #[test]
    fn partial_quote_reports_missing_words() {
        let store = store();
        let mut checker = Checker::new();
        let r = checker
            .check(
                &store,
                "were considerably lower than the Chinese balloon and far more dangerous",
                None,
            )
            .unwrap();
        assert_eq!(r.verdict(), Verdict::Altered);
        assert!(r.flags().contains(Flags::PARTIAL), "{:?}", r.flags());
        let missing: Vec<&str> = r
            .missing_words()
            .map(|(a, b)| &r.quote()[a as usize..b as usize])
            .collect();
        assert!(missing.concat().contains("dangerous"), "{missing:?}");
    }

    #[test]
    fn a_quote_of_stop_grams_is_found_past_the_first_occurrences() {
        // Every pair of the quote occurs more than MAX_SEED_POSTINGS times,
        // the whole quote only once, after all of them.
        let mut store = Store::new();
        let filler = (0..MAX_SEED_POSTINGS + 100).map(|i| {
            SourceDoc::new(
                format!("f{i}"),
                "and I urge the House. the House and the United States.",
            )
        });
        store.add_many(filler).unwrap();
        store
            .add(SourceDoc::new(
                "target",
                "Today and I urge the House and the United States had not been",
            ))
            .unwrap();
        let mut checker = Checker::new();
        let r = checker
            .check(&store, "and I urge the House and the United States", None)
            .unwrap();
        assert_eq!(r.verdict(), Verdict::Verbatim);
        assert_eq!(r.best().unwrap().source_id(), "target");
    }

    #[test]
    fn hits_of_the_same_words_just_before_do_not_split_an_occurrence() {
        // The quote's pairs occur twice in the few hundred words before
        // it; the clusters they open must not cut the true one in two.
        let filler = |from: usize, n: usize| {
            (from..from + n)
                .map(|i| format!("w{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let text = format!(
            "We urge Congress to act. {} I ask Congress to act. {} We urge Congress to pass \
             legal reforms this year. To make our economy stronger and more productive, we must \
             give families good coverage and more control over their health decisions. I ask \
             Congress to act.",
            filler(0, 150),
            filler(150, 140)
        );
        let mut store = Store::new();
        store.add(SourceDoc::new("address", text)).unwrap();
        let mut checker = Checker::new();
        let r = checker
            .check(
                &store,
                "urge Congress to pass legal reforms this year. To make our economy ... \
                 coverage and more control over their health decisions. I ask Congress to",
                None,
            )
            .unwrap();
        assert_eq!(r.verdict(), Verdict::Ellipsis);
    }
}
