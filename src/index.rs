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
//! Stop-grams: single-word lists longer than [`LONGEST_WORD_LIST`] keep
//! only their count once frozen. A search seeds from single words only when
//! they are rare ([`crate::check::RARE_WORD_POSTINGS`]), or for a one-word
//! quote when the word occurs at most [`LONGEST_WORD_LIST`] times, so it
//! never reads a dropped list: recall is what it was with every list kept.
//! Pair lists are all kept, however long: a quote made only of common
//! pairs ("I don't know that") seeds from its rarest one.

#![forbid(unsafe_code)]

use crate::fasthash::FxHashMap;
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
    pub fn len(&self) -> usize {
        self.frozen.len() + self.delta.len()
    }

    /// Are there none?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The positions, ascending. A single-word list longer than
    /// [`LONGEST_WORD_LIST`] yields only its delta part once frozen.
    pub fn iter(&self) -> impl Iterator<Item = u32> + 'a {
        self.frozen.iter().chain(self.delta.iter().copied())
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
    pub pair_bytes: Vec<u8>,
    /// Each word id's list reference.
    pub word_lists: Vec<u64>,
    /// The coded lists.
    pub bytes: Vec<u8>,
}

impl Frozen {
    fn pair(&self, a: u32, b: u32, bound: u32) -> List<'_> {
        let a = a as usize;
        let (Some(&s), Some(&e)) = (self.pair_rows.get(a), self.pair_rows.get(a + 1)) else {
            return List::default();
        };
        let (s, e) = (s as usize, e as usize);
        let Some(seconds) = self.pair_second.get(s..e) else {
            return List::default();
        };
        let Ok(i) = seconds.binary_search(&b) else {
            return List::default();
        };
        self.row(s + i, bound)
    }

    /// The list of pair row `r`: from the sample before it, step over the
    /// lists in between.
    fn row(&self, r: usize, bound: u32) -> List<'_> {
        let Some(&sample) = self.pair_samples.get(r / PAIR_SAMPLE) else {
            return List::default();
        };
        let mut at = Some(sample as usize);
        for _ in 0..r % PAIR_SAMPLE {
            at = at.and_then(|at| postings::skip(&self.pair_bytes, at));
        }
        match at {
            Some(at) => List::read(at as u64, &self.pair_bytes, bound),
            None => List::default(),
        }
    }

    fn word(&self, id: u32, bound: u32) -> List<'_> {
        match self.word_lists.get(id as usize) {
            Some(&r) => List::read(r, &self.bytes, bound),
            None => List::default(),
        }
    }

    fn heap_bytes(&self) -> usize {
        self.pair_rows.capacity() * 8
            + self.pair_second.capacity() * 4
            + self.pair_samples.capacity() * 8
            + self.pair_bytes.capacity()
            + self.word_lists.capacity() * 8
            + self.bytes.capacity()
    }
}

/// Postings of word pairs and single words.
#[derive(Debug, Default, Clone)]
pub struct Index {
    pub(crate) frozen: Frozen,
    pairs: FxHashMap<u64, Vec<u32>>,
    words: Vec<Vec<u32>>,
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
            }
        }
        self.bound = self.bound.max(first + ids.len() as u32);
    }

    /// Positions where the pair `a b` starts (empty if none).
    ///
    /// ```
    /// let mut index = quotecheck::index::Index::default();
    /// index.add_run(0, &[7, 8, 7, 8]);
    /// assert_eq!(index.bigram(7, 8).iter().collect::<Vec<_>>(), [0, 2]);
    /// index.freeze();
    /// assert_eq!(index.bigram(7, 8).iter().collect::<Vec<_>>(), [0, 2]);
    /// assert_eq!(index.bigram(8, 7).len(), 1);
    /// assert_eq!(index.word(7).len(), 2);
    /// ```
    pub fn bigram(&self, a: u32, b: u32) -> Postings<'_> {
        Postings {
            frozen: self.frozen.pair(a, b, self.bound),
            delta: self
                .pairs
                .get(&bigram_key(a, b))
                .map_or(&[], |v| v.as_slice()),
        }
    }

    /// Positions of the word `id` (empty if none).
    pub fn word(&self, id: u32) -> Postings<'_> {
        Postings {
            frozen: self.frozen.word(id, self.bound),
            delta: self.words.get(id as usize).map_or(&[], |v| v.as_slice()),
        }
    }

    /// Folds the delta tier into the frozen one (compact, as saved).
    pub fn freeze(&mut self) {
        if !self.pairs.is_empty() || !self.words.is_empty() {
            self.frozen = self.frozen();
            self.pairs = FxHashMap::default();
            self.words = Vec::new();
        }
    }

    /// How many positions the delta tier holds (what [`Index::freeze`]
    /// would compact).
    pub fn delta_len(&self) -> usize {
        self.words.iter().map(Vec::len).sum()
    }

    /// Both tiers as one frozen tier (what a store file holds).
    pub(crate) fn frozen(&self) -> Frozen {
        let old = &self.frozen;
        let mut out = Frozen::default();
        let mut scratch: Vec<u32> = Vec::new();
        fn gather(scratch: &mut Vec<u32>, list: List<'_>, delta: &[u32]) {
            scratch.clear();
            scratch.extend(list.iter());
            scratch.extend_from_slice(delta);
        }
        let words = old.word_lists.len().max(self.words.len());
        out.word_lists.reserve_exact(words);
        for id in 0..words as u32 {
            let delta = self
                .words
                .get(id as usize)
                .map_or(&[][..], |v| v.as_slice());
            let list = old.word(id, self.bound);
            let r = if list.is_dropped() {
                postings::encode_dropped(&mut out.bytes, list.len() + delta.len())
            } else {
                gather(&mut scratch, list, delta);
                let drop = scratch.len() > LONGEST_WORD_LIST;
                postings::encode(&mut out.bytes, &scratch, drop)
            };
            out.word_lists.push(r);
        }
        let mut keys: Vec<u64> = self.pairs.keys().copied().collect();
        keys.sort_unstable();
        let firsts = old
            .pair_rows
            .len()
            .saturating_sub(1)
            .max(keys.last().map_or(0, |k| (k >> 32) as usize + 1));
        let rows = old.pair_second.len() + keys.len();
        out.pair_rows.reserve_exact(firsts + 1);
        out.pair_second.reserve_exact(rows);
        out.pair_samples.reserve_exact(rows.div_ceil(PAIR_SAMPLE));
        out.pair_rows.push(0);
        let mut k = 0;
        for a in 0..firsts {
            let (s, e) = match (old.pair_rows.get(a), old.pair_rows.get(a + 1)) {
                (Some(&s), Some(&e)) => (s as usize, e as usize),
                _ => (0, 0),
            };
            let mut i = s;
            loop {
                let own = old.pair_second.get(i).filter(|_| i < e).copied();
                let new = keys
                    .get(k)
                    .filter(|&&key| (key >> 32) as usize == a)
                    .map(|&key| key as u32);
                let (b, from_old, from_new) = match (own, new) {
                    (None, None) => break,
                    (Some(x), Some(y)) if x == y => (x, true, true),
                    (Some(x), Some(y)) if x < y => (x, true, false),
                    (Some(x), None) => (x, true, false),
                    (_, Some(y)) => (y, false, true),
                };
                let list = if from_old {
                    i += 1;
                    old.row(i - 1, self.bound)
                } else {
                    List::default()
                };
                let delta = if from_new {
                    k += 1;
                    self.pairs[&keys[k - 1]].as_slice()
                } else {
                    &[]
                };
                gather(&mut scratch, list, delta);
                if out.pair_second.len() % PAIR_SAMPLE == 0 {
                    out.pair_samples.push(out.pair_bytes.len() as u64);
                }
                postings::encode_at_end(&mut out.pair_bytes, &scratch, false);
                out.pair_second.push(b);
            }
            out.pair_rows.push(out.pair_second.len() as u64);
        }
        out.pair_bytes.shrink_to_fit();
        out.bytes.shrink_to_fit();
        out
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
            + self.words.iter().map(|v| v.capacity() * 4).sum::<usize>();
        lists
            + self.pairs.capacity() * (8 + 24 + 8)
            + self.words.capacity() * 24
            + self.frozen.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(p: Postings<'_>) -> Vec<u32> {
        p.iter().collect()
    }

    #[test]
    fn runs_do_not_join() {
        let mut index = Index::default();
        index.add_run(0, &[1, 2]);
        index.add_run(2, &[3, 1, 2]);
        assert!(index.bigram(2, 3).is_empty());
        assert_eq!(v(index.bigram(1, 2)), [0, 3]);
        assert_eq!(v(index.word(1)), [0, 3]);
        assert!(index.word(99).is_empty());
    }

    #[test]
    fn frozen_and_delta_tiers_read_as_one() {
        let mut index = Index::default();
        index.add_run(0, &[1, 2, 3, 1, 2]);
        let mut later = Index::from_frozen(index.frozen(), 5);
        later.add_run(5, &[1, 2, 9]);
        assert_eq!(v(later.bigram(1, 2)), [0, 3, 5]);
        assert_eq!(v(later.bigram(2, 9)), [6]);
        assert_eq!(v(later.word(9)), [7]);
        assert_eq!(v(later.word(3)), [2]);
        // Freezing again merges the tiers.
        later.freeze();
        assert_eq!(later.delta_len(), 0);
        assert_eq!(v(later.bigram(1, 2)), [0, 3, 5]);
        assert_eq!(v(later.word(1)), [0, 3, 5]);
        assert_eq!(v(later.bigram(2, 9)), [6]);
        assert!(later.bigram(9, 1).is_empty());
        assert!(later.bigram(2, 3).len() == 1 && later.bigram(3, 1).len() == 1);
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
            ids.push(if x % 3 == 0 { 0 } else { x % 300 / (1 + x % 7) });
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
            let (p, f) = (plain.word(a), frozen.word(a));
            assert_eq!(p.len(), f.len());
            if p.len() <= LONGEST_WORD_LIST {
                assert_eq!(v(p), v(f), "word {a}");
            }
            for b in 0..40 {
                assert_eq!(
                    v(plain.bigram(a, b)),
                    v(frozen.bigram(a, b)),
                    "pair {a} {b}"
                );
            }
        }
        // The common words' lists were dropped, their counts kept.
        assert!(frozen.word(0).len() > LONGEST_WORD_LIST);
        assert_eq!(frozen.word(0).iter().count(), 0);
    }
}
