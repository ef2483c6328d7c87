//! Word k-gram postings: where each word pair (and each word) occurs.
//!
//! The store numbers every word of every source with one global position.
//! The index maps each adjacent word pair (a *bigram*) to the sorted list of
//! positions where it starts, and each single word to its positions.
//!
//! Why bigrams: an n-word quote with e changed words keeps, by pigeonhole, an
//! unchanged run of at least (n − e)/(e + 1) words; any run of two or more
//! words contains a bigram, so a quote of 10 words with 3 changes still has an
//! exact bigram to seed from. Longer k-grams would be more selective but lose
//! that guarantee sooner. Single words seed quotes of one word ("unaware"),
//! and quotes whose every bigram was edited, but only when the word is rare
//! (see [`crate::check`]): a common word seeds too many places to be worth it.
//!
//! Two tiers. The *frozen* tier is compact and flat: pairs are grouped by
//! their first word (`pair_rows[a]..pair_rows[a + 1]` are the rows of pairs
//! starting with word `a`, sorted by second word, found by binary search),
//! and every list is delta-coded ([`crate::postings`]). The pairs' lists lie
//! back to back in row order; every [`PAIR_SAMPLE`]th row's offset is kept,
//! and a lookup steps over at most `PAIR_SAMPLE − 1` lists from there. A
//! pair seen once costs about 9 bytes (second word, one position, a share
//! of a sample), a long list one or two bytes a position. It is what a
//! store file holds and what [`crate::Store::open`] loads without building
//! anything. The *delta* tier is a hash map that takes the sources added
//! since; [`Index::freeze`] folds it into the frozen tier. A lookup returns
//! both parts; positions only grow as sources are added, so every delta
//! position is larger than every frozen one and the two parts together are
//! still sorted.
//!
//! Single words keep no lists of their own once frozen, only their counts:
//! a word's positions are those of the pairs it begins (its rows, back to
//! back in the file) and, where it ends a source, that source's last
//! position (a short list of each run's last word). A search seeds from
//! single words only when they are rare ([`crate::check::RARE_WORD_POSTINGS`]),
//! or for a one-word quote when the word occurs at most
//! [`LONGEST_WORD_LIST`] times, so gathering a word's rows is cheap where it
//! is done, and the word lists' bytes (a fifth of the index of real text)
//! are not stored at all.
//! Pair lists are all kept, however long: a quote made only of common
//! pairs ("I don't know that") seeds from its rarest one.

#![forbid(unsafe_code)]

use std::borrow::Cow;
use std::sync::Arc;

use crate::error::Error;
use crate::fasthash::FxHashMap;
use crate::paged::PagedBytes;
use crate::postings::{self, List};

/// Single-word lists longer than this keep only their count when frozen
/// (see the module docs for why recall does not suffer).
pub const LONGEST_WORD_LIST: usize = 4096;

/// Every this many pair rows, the frozen tier keeps the row's list offset.
pub const PAIR_SAMPLE: usize = 16;

/// The positions of a word or pair: the frozen part, then the delta part.
#[derive(Clone, Copy, Debug, Default)]
pub struct Postings<'a> {
    frozen: List<'a>,
    delta: &'a [u32],
}

impl<'a> Postings<'a> {
    /// How many positions (a dropped frozen list counts in full).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.frozen.len() + self.delta.len()
    }

    /// Are there none?
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The positions, ascending. A single-word list longer than
    /// [`LONGEST_WORD_LIST`] yields only its delta part once frozen.
    pub fn iter(&self) -> impl Iterator<Item = u32> + 'a {
        self.frozen.iter().chain(self.delta.iter().copied())
    }
}

/// Lists laid back to back: in memory, or in a store file and read a page
/// at a time (the `paged` module); a list never straddles two pages.
#[derive(Debug, Clone)]
pub(crate) enum Blob {
    Owned(Vec<u8>),
    Paged(Arc<PagedBytes>),
}

impl Default for Blob {
    fn default() -> Self {
        Blob::Owned(Vec::new())
    }
}

impl PartialEq for Blob {
    fn eq(&self, other: &Blob) -> bool {
        match (self, other) {
            (Blob::Owned(a), Blob::Owned(b)) => a == b,
            (Blob::Paged(a), Blob::Paged(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Blob {}

impl Blob {
    pub fn len(&self) -> usize {
        match self {
            Blob::Owned(v) => v.len(),
            Blob::Paged(p) => usize::try_from(p.len()).unwrap_or(usize::MAX),
        }
    }

    /// The bytes in memory; `None` while they are still in the file.
    pub fn owned(&self) -> Option<&[u8]> {
        match self {
            Blob::Owned(v) => Some(v),
            Blob::Paged(_) => None,
        }
    }

    /// The bytes of the page holding byte `at` and where that page starts
    /// (everything, from 0, when in memory).
    fn page_at(&self, at: usize) -> Result<(&[u8], usize), Error> {
        match self {
            Blob::Owned(v) => Ok((v, 0)),
            Blob::Paged(p) => match p.page_index(at as u64) {
                Some(k) => Ok((p.page(k)?, p.pages()[k].start as usize)),
                None => Ok((&[], at)),
            },
        }
    }

    /// The list named by `reference`.
    fn list(&self, reference: u64, bound: u32) -> Result<List<'_>, Error> {
        if reference == postings::NONE || reference & postings::INLINE != 0 {
            return Ok(List::read(reference, &[], bound));
        }
        let Ok(at) = usize::try_from(reference) else {
            return Ok(List::default());
        };
        let (page, start) = self.page_at(at)?;
        Ok(List::read((at - start) as u64, page, bound))
    }

    /// The length of the list named by `reference`: read from the page
    /// table for a long list alone in its page (not read itself until its
    /// positions are wanted).
    fn list_len(&self, reference: u64, bound: u32) -> Result<usize, Error> {
        if reference & postings::INLINE == 0
            && let Some((n, _)) = self.lone_list(reference)
        {
            return Ok(n as usize);
        }
        Ok(self.list(reference, bound)?.len())
    }

    /// Where the list after the one at `at` starts.
    fn skip(&self, at: usize) -> Result<Option<usize>, Error> {
        if let Some((_, end)) = self.lone_list(at as u64) {
            // A long list alone in its page: stepped over unread.
            return Ok(Some(end as usize));
        }
        let (page, start) = self.page_at(at)?;
        Ok(postings::skip(page, at - start).map(|n| n + start))
    }

    /// For a long list alone in a page of the file starting at `at`: its
    /// length and where it ends, from the page table.
    fn lone_list(&self, at: u64) -> Option<(u32, u64)> {
        let Blob::Paged(p) = self else { return None };
        let k = p.page_index(at)?;
        let page = p.pages()[k];
        let n = page.single.filter(|_| page.start == at)?;
        Some((n, p.end_of(k)))
    }

    /// Reads every page into memory (checked); a no-op when in memory.
    pub fn load(&mut self) -> Result<(), Error> {
        if let Blob::Paged(p) = self {
            *self = Blob::Owned(p.read_all()?);
        }
        Ok(())
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Blob::Owned(v) => v.capacity(),
            Blob::Paged(p) => std::mem::size_of_val(p.pages()) + p.len() as usize,
        }
    }
}

/// The frozen tier, as a store file holds it (see the module docs).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Frozen {
    /// Rows of pairs starting with word `a`: `pair_rows[a]..pair_rows[a + 1]`.
    pub pair_rows: Vec<u64>,
    /// The second word of each row, ascending within a first word's rows.
    pub pair_second: Vec<u32>,
    /// The offset in `pair_bytes` of every [`PAIR_SAMPLE`]th row's list.
    pub pair_samples: Vec<u64>,
    /// The rows' lists, back to back.
    pub pair_bytes: Blob,
    /// How many times each word id occurs.
    pub word_counts: Vec<u32>,
    /// The last word of each run (source) and its position, by (word,
    /// position): the positions no pair begins at.
    pub lasts: Vec<(u32, u32)>,
}

impl Frozen {
    fn pair(&self, a: u32, b: u32, bound: u32) -> Result<List<'_>, Error> {
        match self.pair_at(a, b)? {
            Some(at) => self.pair_bytes.list(at as u64, bound),
            None => Ok(List::default()),
        }
    }

    fn pair_len(&self, a: u32, b: u32, bound: u32) -> Result<usize, Error> {
        match self.pair_at(a, b)? {
            Some(at) => self.pair_bytes.list_len(at as u64, bound),
            None => Ok(0),
        }
    }

    /// Where the list of the pair `a b` starts in `pair_bytes`: its row
    /// found by binary search among `a`'s, then [`Frozen::row_at`].
    fn pair_at(&self, a: u32, b: u32) -> Result<Option<usize>, Error> {
        let a = a as usize;
        let (Some(&s), Some(&e)) = (self.pair_rows.get(a), self.pair_rows.get(a + 1)) else {
            return Ok(None);
        };
        let (s, e) = (s as usize, e as usize);
        let Some(seconds) = self.pair_second.get(s..e) else {
            return Ok(None);
        };
        let Ok(i) = seconds.binary_search(&b) else {
            return Ok(None);
        };
        self.row_at(s + i)
    }

    /// Where pair row `r`'s list starts in `pair_bytes`: from the sample
    /// before it, a step over each list in between.
    fn row_at(&self, r: usize) -> Result<Option<usize>, Error> {
        let mut at = self.pair_samples.get(r / PAIR_SAMPLE).map(|&s| s as usize);
        for _ in 0..r % PAIR_SAMPLE {
            at = match at {
                Some(at) => self.pair_bytes.skip(at)?,
                None => None,
            };
        }
        Ok(at)
    }

    /// Appends the positions of word `id` to `out`, ascending (none past
    /// [`LONGEST_WORD_LIST`]): its rows' lists and its runs' last
    /// positions. At most its count's worth is read, so a file whose count
    /// understates the rows cannot make this long.
    fn word_into(&self, id: u32, bound: u32, out: &mut Vec<u32>) -> Result<(), Error> {
        let count = self.word_len(id) as usize;
        if count > LONGEST_WORD_LIST {
            return Ok(());
        }
        let first = out.len();
        let rows = self.group(id as usize);
        let mut at = match rows.is_empty() {
            true => None,
            false => self.row_at(rows.start)?,
        };
        for _ in rows.take(count) {
            let Some(a) = at else { break };
            out.extend(self.pair_bytes.list(a as u64, bound)?.iter());
            if out.len() - first >= count {
                break;
            }
            at = self.pair_bytes.skip(a)?;
        }
        let from = self.lasts.partition_point(|l| l.0 < id);
        let lasts = self.lasts[from..].iter().take_while(|l| l.0 == id);
        out.extend(lasts.map(|l| l.1).filter(|&p| p < bound).take(count));
        out[first..].sort_unstable();
        Ok(())
    }

    fn word_len(&self, id: u32) -> u32 {
        self.word_counts.get(id as usize).copied().unwrap_or(0)
    }

    /// Reads the lists still in the file into memory (checked).
    pub fn load(&mut self) -> Result<(), Error> {
        self.pair_bytes.load()
    }

    fn heap_bytes(&self) -> usize {
        self.pair_rows.capacity() * 8
            + self.pair_second.capacity() * 4
            + self.pair_samples.capacity() * 8
            + self.pair_bytes.heap_bytes()
            + self.word_counts.capacity() * 4
            + self.lasts.capacity() * 8
    }
}

/// Postings of word pairs and single words.
#[derive(Debug, Default, Clone)]
pub struct Index {
    pub(crate) frozen: Frozen,
    pairs: FxHashMap<u64, Vec<u32>>,
    words: Vec<Vec<u32>>,
    /// The delta's runs' last words and positions, in order of adding.
    lasts: Vec<(u32, u32)>,
    /// One past the largest position: frozen lists never yield one beyond.
    bound: u32,
}

/// The key of a word pair.
#[inline]
pub fn bigram_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

impl Index {
    /// Adds a run of consecutive words (one source) starting at global
    /// position `first`, which must be past every position added before.
    /// Pairs never straddle two calls, so a bigram never spans two sources.
    pub fn add_run(&mut self, first: u32, ids: &[u32]) {
        for (i, &id) in ids.iter().enumerate() {
            let pos = first + i as u32;
            let slot = id as usize;
            if self.words.len() <= slot {
                self.words.resize_with(slot + 1, Vec::new);
            }
            self.words[slot].push(pos);
            if let Some(&next) = ids.get(i + 1) {
                self.pairs
                    .entry(bigram_key(id, next))
                    .or_default()
                    .push(pos);
            } else {
                self.lasts.push((id, pos));
            }
        }
        self.bound = self.bound.max(first + ids.len() as u32);
    }

    /// Positions where the pair `a b` starts (empty if none). Fails only
    /// for an index opened from a file, when the page holding the list
    /// cannot be read or fails its checksum.
    pub fn bigram(&self, a: u32, b: u32) -> Result<Postings<'_>, Error> {
        Ok(Postings {
            frozen: self.frozen.pair(a, b, self.bound)?,
            delta: self
                .pairs
                .get(&bigram_key(a, b))
                .map_or(&[], |v| v.as_slice()),
        })
    }

    /// How many positions [`Index::bigram`] would give, without reading a
    /// long list's positions from a store file.
    pub fn bigram_len(&self, a: u32, b: u32) -> Result<usize, Error> {
        let delta = self.pairs.get(&bigram_key(a, b)).map_or(0, Vec::len);
        Ok(self.frozen.pair_len(a, b, self.bound)? + delta)
    }

    /// How many times the word `id` occurs (what [`Index::word_into`]
    /// gives, but for a frozen part past [`LONGEST_WORD_LIST`], counted in
    /// full); reads nothing from a store file.
    pub fn word_len(&self, id: u32) -> Result<usize, Error> {
        let delta = self.words.get(id as usize).map_or(0, Vec::len);
        Ok(self.frozen.word_len(id) as usize + delta)
    }

    /// Appends the positions of the word `id` to `out`, ascending: the
    /// frozen tier's (none when it holds more than [`LONGEST_WORD_LIST`]),
    /// then the delta's. Fails as [`Index::bigram`] does.
    pub fn word_into(&self, id: u32, out: &mut Vec<u32>) -> Result<(), Error> {
        self.frozen.word_into(id, self.bound, out)?;
        out.extend_from_slice(self.words.get(id as usize).map_or(&[], |v| v.as_slice()));
        Ok(())
    }

    /// [`Index::word_into`] into a new list (for tests).
    #[cfg(test)]
    pub fn word(&self, id: u32) -> Result<Vec<u32>, Error> {
        let mut out = Vec::new();
        self.word_into(id, &mut out)?;
        Ok(out)
    }

    /// Reads a frozen tier still in its file into memory (checked).
    pub(crate) fn load(&mut self) -> Result<(), Error> {
        self.frozen.load()
    }

    /// Folds the delta tier into the frozen one (compact, as saved).
    pub fn freeze(&mut self) {
        if !self.pairs.is_empty() || !self.words.is_empty() {
            self.frozen = self.frozen().into_owned();
            self.pairs = FxHashMap::default();
            self.words = Vec::new();
            self.lasts = Vec::new();
        }
    }

    /// How many positions the delta tier holds (what [`Index::freeze`]
    /// would compact).
    #[cfg(test)]
    pub fn delta_len(&self) -> usize {
        self.words.iter().map(Vec::len).sum()
    }

    /// Indexes the words `ids[run]` of each run (one per source, in
    /// order, each past every position indexed before) in one pass, straight
    /// into the frozen tier: a counting sort by first word instead of a
    /// hash-map push per word, for loading many sources at once. The delta
    /// tier is folded in too.
    ///
    /// The frozen tier must be in memory (as it is unless the index came
    /// from a file; [`crate::Store`] reads it in before changing it).
    pub fn add_bulk(&mut self, ids: &[u32], runs: &[std::ops::Range<u32>], threads: usize) {
        let Some(end) = runs.iter().map(|r| r.end).max() else {
            return;
        };
        self.bound = self.bound.max(end);
        let run = sorted_run(ids, runs, threads);
        self.freeze();
        let old = std::mem::take(&mut self.frozen);
        self.frozen = if old.is_empty() {
            run
        } else {
            merge(&old, &run, self.bound)
        };
    }

    /// Both tiers as one frozen tier (what a store file holds); the frozen
    /// tier itself, not a copy, when there is no delta.
    pub(crate) fn frozen(&self) -> Cow<'_, Frozen> {
        if self.pairs.is_empty() && self.words.is_empty() {
            return Cow::Borrowed(&self.frozen);
        }
        // The delta as a frozen tier of its own, then the two merged.
        let mut delta = Builder::default();
        delta.out.word_counts = self.words.iter().map(|l| l.len() as u32).collect();
        delta.out.lasts = self.lasts.clone();
        delta.out.lasts.sort_by_key(|l| l.0);
        let mut keys: Vec<u64> = self.pairs.keys().copied().collect();
        keys.sort_unstable();
        for key in keys {
            delta.pair((key >> 32) as usize, key as u32, &self.pairs[&key]);
        }
        let delta = delta.finish();
        if self.frozen.is_empty() {
            return Cow::Owned(delta);
        }
        Cow::Owned(merge(&self.frozen, &delta, self.bound))
    }

    /// An index of a frozen tier only (as loaded from a file), whose
    /// positions are below `bound`.
    pub(crate) fn from_frozen(frozen: Frozen, bound: u32) -> Index {
        Index {
            frozen,
            bound,
            ..Index::default()
        }
    }

    /// Bytes of heap the postings use (approximately).
    pub fn heap_bytes(&self) -> usize {
        let lists: usize = self.pairs.values().map(|v| v.capacity() * 4).sum::<usize>()
            + self.words.iter().map(|v| v.capacity() * 4).sum::<usize>()
            + self.lasts.capacity() * 8;
        lists
            + self.pairs.capacity() * (8 + 24 + 8)
            + self.words.capacity() * 24
            + self.frozen.heap_bytes()
    }
}

/// Writes a frozen tier's pairs in order, by ascending (first, second); its
/// word counts and last words are set whole.
#[derive(Default)]
struct Builder {
    out: Frozen,
    pair_bytes: Vec<u8>,
}

impl Builder {
    fn pair(&mut self, a: usize, b: u32, positions: &[u32]) {
        self.out.push_row(a, b, self.pair_bytes.len() as u64);
        postings::encode_at_end(&mut self.pair_bytes, positions, false);
    }

    fn finish(mut self) -> Frozen {
        let out = &mut self.out;
        out.close_rows();
        self.pair_bytes.shrink_to_fit();
        out.pair_bytes = Blob::Owned(std::mem::take(&mut self.pair_bytes));
        out.word_counts.shrink_to_fit();
        out.lasts.shrink_to_fit();
        out.pair_second.shrink_to_fit();
        out.pair_samples.shrink_to_fit();
        out.pair_rows.shrink_to_fit();
        self.out
    }
}

impl Frozen {
    /// Enters the row of the pair `a b`, whose list starts at `list_at` in
    /// the list bytes; rows come in order of `a`, then `b`. (What
    /// [`Builder`] does for each list, for a writer that keeps its lists
    /// elsewhere.)
    pub(crate) fn push_row(&mut self, a: usize, b: u32, list_at: u64) {
        while self.pair_rows.len() <= a {
            self.pair_rows.push(self.pair_second.len() as u64);
        }
        if self.pair_second.len().is_multiple_of(PAIR_SAMPLE) {
            self.pair_samples.push(list_at);
        }
        self.pair_second.push(b);
    }

    /// Ends the rows after the last [`Frozen::push_row`].
    pub(crate) fn close_rows(&mut self) {
        self.pair_rows.push(self.pair_second.len() as u64);
    }

    /// Calls `each(b, list)` for every pair `a b` word `a` begins, in row
    /// order, for a tier in memory; fails when a list is not where the rows
    /// say (a damaged file) or the lists are still in the file.
    pub(crate) fn each_pair_of<'s>(
        &'s self,
        a: u32,
        bound: u32,
        mut each: impl FnMut(u32, List<'s>),
    ) -> Result<(), Error> {
        let rows = self.group(a as usize);
        if rows.is_empty() {
            return Ok(());
        }
        let seconds = self.pair_second.get(rows.clone()).unwrap_or_default();
        let mut lists = self.rows_from(rows.start, bound);
        for &b in seconds {
            let list = lists
                .next()
                .ok_or_else(|| Error::CorruptStore("the index's rows and lists disagree".into()))?;
            each(b, list);
        }
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.pair_second.is_empty() && self.word_counts.is_empty()
    }

    /// How many first words have pair rows (some maybe empty).
    pub(crate) fn firsts(&self) -> usize {
        self.pair_rows.len().saturating_sub(1)
    }

    /// The rows of pairs starting with `a`.
    fn group(&self, a: usize) -> std::ops::Range<usize> {
        match (self.pair_rows.get(a), self.pair_rows.get(a + 1)) {
            (Some(&s), Some(&e)) if s <= e => s as usize..e as usize,
            _ => 0..0,
        }
    }
}

/// Below this many words, [`sorted_run`] works on one thread.
const MIN_PARALLEL_WORDS: usize = 1 << 20;

/// The index of `ids[run]` for each run, as a frozen tier: pairs by a
/// counting sort on the first word (each bucket then sorted by second word
/// and position, packed in one `u64`); each word's count; each run's last
/// word.
///
/// On `threads` threads, each sorts the pairs whose first word lies in its
/// own range of ids, the ranges cut to hold about as many positions each;
/// the parts are then laid end to end ([`join_parts`]), which gives the
/// very tier one thread builds.
fn sorted_run(ids: &[u32], runs: &[std::ops::Range<u32>], threads: usize) -> Frozen {
    let vocab = runs
        .iter()
        .flat_map(|r| span(ids, r).iter())
        .max()
        .map_or(0, |&m| m as usize + 1);
    let mut counts = vec![0usize; vocab];
    for r in runs {
        for &id in span(ids, r) {
            counts[id as usize] += 1;
        }
    }
    let total: usize = counts.iter().sum();
    let threads = if total < MIN_PARALLEL_WORDS {
        1
    } else {
        threads
    };
    sorted_parts(ids, runs, &counts, threads)
}

/// [`sorted_run`] on `threads` threads, given each id's count.
fn sorted_parts(
    ids: &[u32],
    runs: &[std::ops::Range<u32>],
    counts: &[usize],
    threads: usize,
) -> Frozen {
    let (vocab, total) = (counts.len(), counts.iter().sum::<usize>());
    let threads = threads.max(1);
    // A run's last word begins no pair. Runs come in position order, so a
    // stable sort by word keeps each word's positions ascending.
    let mut lasts: Vec<(u32, u32)> = runs
        .iter()
        .filter_map(|r| {
            let words = span(ids, r);
            Some((*words.last()?, r.start + words.len() as u32 - 1))
        })
        .collect();
    lasts.sort_by_key(|l| l.0);
    let mut pair_counts = counts.to_vec();
    for &(id, _) in &lasts {
        pair_counts[id as usize] -= 1;
    }
    // Cut the ids where the running count passes each thread's share.
    let mut cuts = vec![0];
    let mut seen = 0usize;
    for (id, &c) in counts.iter().enumerate() {
        seen += c;
        if seen * threads >= total * cuts.len() && cuts.len() < threads && id + 1 < vocab {
            cuts.push(id + 1);
        }
    }
    cuts.push(vocab);
    let parts: Vec<Builder> = if cuts.len() == 2 {
        vec![sort_part(ids, runs, 0..vocab, &pair_counts)]
    } else {
        let ranges = cuts.windows(2).map(|w| w[0]..w[1]).collect();
        crate::parallel::map_threads(ranges, |range| sort_part(ids, runs, range, &pair_counts))
    };
    let mut frozen = join_parts(parts, &cuts);
    frozen.word_counts = counts.iter().map(|&c| c as u32).collect();
    frozen.lasts = lasts;
    frozen
}

/// The words of `run` in `ids` (empty past the end).
fn span<'a>(ids: &'a [u32], r: &std::ops::Range<u32>) -> &'a [u32] {
    let (s, e) = (r.start as usize, (r.end as usize).min(ids.len()));
    ids.get(s..e).unwrap_or(&[])
}

/// [`sorted_run`]'s work for the ids in `range`: the lists of the pairs
/// those words begin (`pair_counts` of them each), numbered from the
/// range's start, as [`Builder`] writes them (its samples are not used:
/// they depend on the rows before).
fn sort_part(
    ids: &[u32],
    runs: &[std::ops::Range<u32>],
    range: std::ops::Range<usize>,
    pair_counts: &[usize],
) -> Builder {
    let (lo, n) = (range.start, range.len());
    let local = |id: u32| (id as usize).wrapping_sub(lo);
    // A counting sort on the first word.
    let mut starts = vec![0usize; n + 1];
    for i in 0..n {
        starts[i + 1] = starts[i] + pair_counts[lo + i];
    }
    let mut cursor = starts.clone();
    let mut entries = vec![0u64; starts[n]];
    for r in runs {
        let words = span(ids, r);
        for (p, w) in (r.start..).zip(words.windows(2)) {
            let a = local(w[0]);
            if a < n {
                entries[cursor[a]] = (u64::from(w[1]) << 32) | u64::from(p);
                cursor[a] += 1;
            }
        }
    }
    drop(cursor);
    let mut out = Builder::default();
    let mut list = Vec::new();
    let mut spare = Vec::new();
    for a in 0..n {
        let bucket = &mut entries[starts[a]..starts[a + 1]];
        // Entries arrive in position order: a stable sort by second word
        // alone (linear: "the" begins 6% of all pairs, and a comparison
        // sort spent a log factor on buckets like it) leaves them in
        // (second, position) order.
        crate::radix::sort_by_key(bucket, &mut spare, |e| e >> 32);
        let mut i = 0;
        while i < bucket.len() {
            let b = (bucket[i] >> 32) as u32;
            list.clear();
            while i < bucket.len() && (bucket[i] >> 32) as u32 == b {
                list.push(bucket[i] as u32);
                i += 1;
            }
            out.pair(a, b, &list);
        }
    }
    out
}

/// The parts of [`sorted_run`] (part `k` for the ids from `cuts[k]`) laid
/// end to end: row numbers moved by what comes before, gaps between parts
/// padded as [`Builder`] pads them, and the sampled rows taken afresh (a
/// part cannot know its rows' global numbers), stepping over the lists.
fn join_parts(parts: Vec<Builder>, cuts: &[usize]) -> Frozen {
    let mut all = Builder::default();
    for (part, &lo) in parts.into_iter().zip(cuts) {
        let Builder { out: p, pair_bytes } = part;
        if p.pair_second.is_empty() {
            continue;
        }
        let out = &mut all.out;
        let rows_before = out.pair_second.len();
        out.pair_rows.resize(lo, rows_before as u64);
        out.pair_rows
            .extend(p.pair_rows.iter().map(|&r| r + rows_before as u64));
        let mut at = 0usize;
        for i in 0..p.pair_second.len() {
            if (rows_before + i).is_multiple_of(PAIR_SAMPLE) {
                out.pair_samples.push((all.pair_bytes.len() + at) as u64);
            }
            // Our own lists, just written: a bad one cannot occur, and would
            // at worst misplace samples, never read out of bounds.
            at = postings::skip(&pair_bytes, at).unwrap_or(pair_bytes.len());
        }
        out.pair_second.extend_from_slice(&p.pair_second);
        all.pair_bytes.extend_from_slice(&pair_bytes);
    }
    all.finish()
}

/// Two frozen tiers as one; every position of `new` comes after every
/// position of `old`. Both are in memory (an index from a file is read in
/// before it changes), so no lookup here can fail.
fn merge(old: &Frozen, new: &Frozen, bound: u32) -> Frozen {
    let mut out = Builder::default();
    let mut list: Vec<u32> = Vec::new();
    let gather = |list: &mut Vec<u32>, a: List<'_>, b: List<'_>| {
        list.clear();
        list.extend(a.iter());
        list.extend(b.iter());
    };
    let n = old.word_counts.len().max(new.word_counts.len());
    out.out.word_counts = (0..n as u32)
        .map(|id| old.word_len(id).saturating_add(new.word_len(id)))
        .collect();
    // Every position of `new` is past every one of `old`: a stable sort by
    // word keeps each word's positions ascending.
    out.out.lasts = old.lasts.iter().chain(&new.lasts).copied().collect();
    out.out.lasts.sort_by_key(|l| l.0);
    for first in 0..old.firsts().max(new.firsts()) {
        let (ga, gb) = (old.group(first), new.group(first));
        let (mut i, mut j) = (ga.start, gb.start);
        let mut rows_a = old.rows_from(i, bound);
        let mut rows_b = new.rows_from(j, bound);
        loop {
            let x = (i < ga.end)
                .then(|| old.pair_second.get(i).copied())
                .flatten();
            let y = (j < gb.end)
                .then(|| new.pair_second.get(j).copied())
                .flatten();
            let (b, take_a, take_b) = match (x, y) {
                (None, None) => break,
                (Some(x), Some(y)) if x == y => (x, true, true),
                (Some(x), Some(y)) if x < y => (x, true, false),
                (Some(x), None) => (x, true, false),
                (_, Some(y)) => (y, false, true),
            };
            let la = if take_a {
                i += 1;
                rows_a.next().unwrap_or_default()
            } else {
                List::default()
            };
            let lb = if take_b {
                j += 1;
                rows_b.next().unwrap_or_default()
            } else {
                List::default()
            };
            gather(&mut list, la, lb);
            out.pair(first, b, &list);
        }
    }
    out.finish()
}

/// Pair lists of a tier in memory, read in row order from a starting row.
struct Rows<'a> {
    bytes: &'a [u8],
    at: Option<usize>,
    bound: u32,
}

impl<'a> Iterator for Rows<'a> {
    type Item = List<'a>;

    fn next(&mut self) -> Option<List<'a>> {
        let at = self.at?;
        self.at = postings::skip(self.bytes, at);
        Some(List::read(at as u64, self.bytes, self.bound))
    }
}

impl Frozen {
    /// The lists of rows `r`, `r + 1`, … in order (none unless in memory,
    /// where finding a row cannot fail).
    fn rows_from(&self, r: usize, bound: u32) -> Rows<'_> {
        let (bytes, at) = match self.pair_bytes.owned() {
            Some(bytes) => (bytes, self.row_at(r).ok().flatten()),
            None => (&[][..], None),
        };
        Rows { bytes, at, bound }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(p: Postings<'_>) -> Vec<u32> {
        p.iter().collect()
    }

    #[test]
    fn sorted_parts_on_many_threads_equal_one_thread() {
        // A skewed vocabulary (a few very common ids, a long tail), runs of
        // every length, ids absent from the runs, and more threads than ids
        // have lists.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        let ids: Vec<u32> = (0..20_000)
            .map(|_| match next() % 4 {
                0 => next() % 3,
                1 => 5 + next() % 40,
                _ => 100 + next() % 3000,
            })
            .collect();
        let mut runs = Vec::new();
        let mut at = 0u32;
        while at < ids.len() as u32 {
            let len = (next() % 300).min(ids.len() as u32 - at);
            runs.push(at..at + len);
            at += len.max(1);
        }
        runs.retain(|r| r.end <= ids.len() as u32);
        let vocab = 3100;
        let mut counts = vec![0usize; vocab];
        for r in &runs {
            for &id in span(&ids, r) {
                counts[id as usize] += 1;
            }
        }
        let one = sorted_parts(&ids, &runs, &counts, 1);
        for threads in [2, 3, 7, 64] {
            assert!(
                one == sorted_parts(&ids, &runs, &counts, threads),
                "{threads} threads"
            );
        }
        assert!(one.pair_samples.len() > 10 && one.word_counts.len() == vocab);
        // And the lists are right: every pair and word, against a naive map.
        let mut pairs: std::collections::BTreeMap<(u32, u32), Vec<u32>> = Default::default();
        let mut words: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
        for r in &runs {
            for (p, &id) in (r.start..).zip(span(&ids, r)) {
                words.entry(id).or_default().push(p);
            }
            for (p, w) in (r.start..).zip(span(&ids, r).windows(2)) {
                pairs.entry((w[0], w[1])).or_default().push(p);
            }
        }
        let index = Index::from_frozen(one, ids.len() as u32);
        for ((a, b), list) in &pairs {
            assert_eq!(&v(index.bigram(*a, *b).unwrap()), list, "pair {a} {b}");
        }
        for (id, list) in &words {
            let got = index.word(*id).unwrap();
            assert!(list.len() > LONGEST_WORD_LIST || &got == list, "word {id}");
        }
        assert!(
            v(index.bigram(3099, 3099).unwrap()).is_empty() || pairs.contains_key(&(3099, 3099))
        );
    }

    #[test]
    fn runs_do_not_join() {
        let mut index = Index::default();
        index.add_run(0, &[1, 2]);
        index.add_run(2, &[3, 1, 2]);
        assert!(index.bigram(2, 3).unwrap().is_empty());
        assert_eq!(v(index.bigram(1, 2).unwrap()), [0, 3]);
        assert_eq!(index.word(1).unwrap(), [0, 3]);
        assert!(index.word(99).unwrap().is_empty());
    }

    #[test]
    fn frozen_and_delta_tiers_read_as_one() {
        let mut index = Index::default();
        index.add_run(0, &[1, 2, 3, 1, 2]);
        let mut later = Index::from_frozen(index.frozen().into_owned(), 5);
        later.add_run(5, &[1, 2, 9]);
        assert_eq!(v(later.bigram(1, 2).unwrap()), [0, 3, 5]);
        assert_eq!(v(later.bigram(2, 9).unwrap()), [6]);
        assert_eq!(later.word(9).unwrap(), [7]);
        assert_eq!(later.word(3).unwrap(), [2]);
        // Freezing again merges the tiers.
        later.freeze();
        assert_eq!(later.delta_len(), 0);
        assert_eq!(v(later.bigram(1, 2).unwrap()), [0, 3, 5]);
        assert_eq!(later.word(1).unwrap(), [0, 3, 5]);
        assert_eq!(v(later.bigram(2, 9).unwrap()), [6]);
        assert!(later.bigram(9, 1).unwrap().is_empty());
        assert!(later.bigram(2, 3).unwrap().len() == 1 && later.bigram(3, 1).unwrap().len() == 1);
    }

    #[test]
    fn frozen_lists_equal_the_delta_lists_they_came_from() {
        // A pseudo-random run over a small vocabulary, added in pieces and
        // frozen between some of them.
        let mut x = 0x2545_F491u32;
        let mut ids = Vec::new();
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            // Word 0 is a third of the text: its list is long enough to drop.
            ids.push(if x.is_multiple_of(3) {
                0
            } else {
                x % 300 / (1 + x % 7)
            });
        }
        let mut plain = Index::default();
        let mut frozen = Index::default();
        let mut first = 0u32;
        for (k, run) in ids.chunks(1500).enumerate() {
            plain.add_run(first, run);
            frozen.add_run(first, run);
            if k % 3 == 1 {
                frozen.freeze();
            }
            first += run.len() as u32;
        }
        frozen.freeze();
        for a in 0..300 {
            let (p, f) = (plain.word(a).unwrap(), frozen.word(a).unwrap());
            assert_eq!(plain.word_len(a).unwrap(), frozen.word_len(a).unwrap());
            if p.len() <= LONGEST_WORD_LIST {
                assert_eq!(p, f, "word {a}");
            }
            for b in 0..40 {
                assert_eq!(
                    v(plain.bigram(a, b).unwrap()),
                    v(frozen.bigram(a, b).unwrap()),
                    "pair {a} {b}"
                );
            }
        }
        // The common words' positions are not gathered, their counts kept.
        assert!(frozen.word_len(0).unwrap() > LONGEST_WORD_LIST);
        assert!(frozen.word(0).unwrap().is_empty());
    }
}

/// The examples of this module's items (the module is internal, so
/// they run as unit tests rather than doc tests).
#[cfg(test)]
mod examples {
    #[test]
    fn bigram_example() -> Result<(), crate::Error> {
        let mut index = crate::index::Index::default();
        index.add_run(0, &[7, 8, 7, 8]);
        assert_eq!(index.bigram(7, 8)?.iter().collect::<Vec<_>>(), [0, 2]);
        index.freeze();
        assert_eq!(index.bigram(7, 8)?.iter().collect::<Vec<_>>(), [0, 2]);
        assert_eq!(index.bigram(8, 7)?.len(), 1);
        assert_eq!(index.word_len(7)?, 2);
        Ok(())
    }

    #[test]
    fn add_bulk_example() -> Result<(), crate::Error> {
        let mut index = crate::index::Index::default();
        let ids = [7, 8, 7, 8, 9];
        index.add_bulk(&ids, &[0..2, 2..5], 1);
        assert_eq!(index.bigram(7, 8)?.iter().collect::<Vec<_>>(), [0, 2]);
        assert!(index.bigram(8, 7)?.is_empty()); // runs do not join
        assert_eq!(index.word(9)?, [4]);
        Ok(())
    }
}
