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
//! Two tiers. The *frozen* tier is three flat arrays per kind (sorted keys,
//! offsets, postings: compressed sparse rows), which is what a store file
//! holds and what [`crate::Store::open`] loads without building anything.
//! The *delta* tier is a hash map that takes the sources added since. A
//! lookup returns both parts; positions only grow as sources are added, so
//! every delta position is larger than every frozen one and the two parts
//! together are still sorted.

#![forbid(unsafe_code)]

use crate::fasthash::FxHashMap;

/// The positions of a word or pair: the frozen part, then the delta part.
#[derive(Clone, Copy, Debug, Default)]
pub struct Postings<'a> {
    frozen: &'a [u32],
    delta: &'a [u32],
}

impl<'a> Postings<'a> {
    /// How many positions.
    pub fn len(&self) -> usize {
        self.frozen.len() + self.delta.len()
    }

    /// Are there none?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The positions, ascending.
    pub fn iter(&self) -> impl Iterator<Item = &'a u32> + 'a {
        self.frozen.iter().chain(self.delta.iter())
    }
}

/// Compressed sparse rows: the postings of key `keys[i]` are
/// `postings[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Rows<K> {
    pub keys: Vec<K>,
    pub offsets: Vec<u64>,
    pub postings: Vec<u32>,
}

impl<K: Ord + Copy> Rows<K> {
    fn get(&self, key: K) -> &[u32] {
        let Ok(i) = self.keys.binary_search(&key) else {
            return &[];
        };
        let (Some(&s), Some(&e)) = (self.offsets.get(i), self.offsets.get(i + 1)) else {
            return &[];
        };
        self.postings.get(s as usize..e as usize).unwrap_or(&[])
    }

    fn heap_bytes(&self) -> usize {
        self.keys.capacity() * size_of::<K>()
            + self.offsets.capacity() * 8
            + self.postings.capacity() * 4
    }

    /// These rows and `extra` (whose positions all come later) as one.
    fn merged<'a>(&'a self, extra: impl Iterator<Item = (K, &'a [u32])>) -> Rows<K> {
        let mut extra: Vec<(K, &[u32])> = extra.collect();
        extra.sort_unstable_by_key(|(k, _)| *k);
        let mut out = Rows {
            keys: Vec::with_capacity(self.keys.len() + extra.len()),
            offsets: vec![0],
            postings: Vec::with_capacity(
                self.postings.len() + extra.iter().map(|e| e.1.len()).sum::<usize>(),
            ),
        };
        let mut j = 0;
        for (i, &k) in self.keys.iter().enumerate() {
            while j < extra.len() && extra[j].0 < k {
                out.push(extra[j].0, &[], extra[j].1);
                j += 1;
            }
            let own = self
                .postings
                .get(self.offsets[i] as usize..self.offsets[i + 1] as usize)
                .unwrap_or(&[]);
            if j < extra.len() && extra[j].0 == k {
                out.push(k, own, extra[j].1);
                j += 1;
            } else {
                out.push(k, own, &[]);
            }
        }
        for &(k, p) in &extra[j..] {
            out.push(k, &[], p);
        }
        out
    }

    fn push(&mut self, key: K, a: &[u32], b: &[u32]) {
        self.keys.push(key);
        self.postings.extend_from_slice(a);
        self.postings.extend_from_slice(b);
        self.offsets.push(self.postings.len() as u64);
    }
}

/// Postings of word pairs and single words.
#[derive(Debug, Default, Clone)]
pub struct Index {
    pub(crate) frozen_bigrams: Rows<u64>,
    pub(crate) frozen_words: Rows<u32>,
    bigrams: FxHashMap<u64, Vec<u32>>,
    unigrams: Vec<Vec<u32>>,
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
            if self.unigrams.len() <= slot {
                self.unigrams.resize_with(slot + 1, Vec::new);
            }
            self.unigrams[slot].push(pos);
            if let Some(&next) = ids.get(i + 1) {
                self.bigrams
                    .entry(bigram_key(id, next))
                    .or_default()
                    .push(pos);
            }
        }
    }

    /// Positions where the pair `a b` starts (empty if none).
    ///
    /// ```
    /// let mut index = quotecheck::index::Index::default();
    /// index.add_run(0, &[7, 8, 7, 8]);
    /// assert_eq!(index.bigram(7, 8).iter().copied().collect::<Vec<_>>(), [0, 2]);
    /// assert_eq!(index.bigram(8, 7).len(), 1);
    /// assert_eq!(index.word(7).len(), 2);
    /// ```
    pub fn bigram(&self, a: u32, b: u32) -> Postings<'_> {
        let key = bigram_key(a, b);
        Postings {
            frozen: self.frozen_bigrams.get(key),
            delta: self.bigrams.get(&key).map_or(&[], |v| v.as_slice()),
        }
    }

    /// Positions of the word `id` (empty if none).
    pub fn word(&self, id: u32) -> Postings<'_> {
        Postings {
            frozen: self.frozen_words.get(id),
            delta: self.unigrams.get(id as usize).map_or(&[], |v| v.as_slice()),
        }
    }

    /// Both tiers as frozen rows (what a store file holds).
    pub(crate) fn frozen(&self) -> (Rows<u64>, Rows<u32>) {
        let bigrams = self
            .frozen_bigrams
            .merged(self.bigrams.iter().map(|(k, v)| (*k, v.as_slice())));
        let words = self.frozen_words.merged(
            self.unigrams
                .iter()
                .enumerate()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k as u32, v.as_slice())),
        );
        (bigrams, words)
    }

    /// An index of frozen rows only (as loaded from a file).
    pub(crate) fn from_frozen(bigrams: Rows<u64>, words: Rows<u32>) -> Index {
        Index {
            frozen_bigrams: bigrams,
            frozen_words: words,
            ..Index::default()
        }
    }

    /// Bytes of heap the postings use (approximately).
    pub fn heap_bytes(&self) -> usize {
        let lists: usize = self
            .bigrams
            .values()
            .map(|v| v.capacity() * 4)
            .sum::<usize>()
            + self
                .unigrams
                .iter()
                .map(|v| v.capacity() * 4)
                .sum::<usize>();
        lists
            + self.bigrams.capacity() * (8 + 24 + 8)
            + self.unigrams.capacity() * 24
            + self.frozen_bigrams.heap_bytes()
            + self.frozen_words.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(p: Postings<'_>) -> Vec<u32> {
        p.iter().copied().collect()
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
        let (b, w) = index.frozen();
        let mut later = Index::from_frozen(b, w);
        later.add_run(5, &[1, 2, 9]);
        assert_eq!(v(later.bigram(1, 2)), [0, 3, 5]);
        assert_eq!(v(later.bigram(2, 9)), [6]);
        assert_eq!(v(later.word(9)), [7]);
        assert_eq!(v(later.word(3)), [2]);
        // Freezing again merges the tiers.
        let (b, w) = later.frozen();
        let again = Index::from_frozen(b, w);
        assert_eq!(v(again.bigram(1, 2)), [0, 3, 5]);
        assert_eq!(v(again.word(1)), [0, 3, 5]);
        assert!(again.bigram(9, 1).is_empty());
    }
}
