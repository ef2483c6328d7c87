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
//! Positions only grow as sources are added, so appending keeps every list
//! sorted with no extra work.

#![forbid(unsafe_code)]

use std::collections::HashMap;

/// Postings of word pairs and single words.
#[derive(Debug, Default, Clone)]
pub struct Index {
    bigrams: HashMap<u64, Vec<u32>>,
    unigrams: Vec<Vec<u32>>,
}

/// The key of a word pair.
#[inline]
pub fn bigram_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

impl Index {
    /// Adds a run of consecutive words (one source) starting at global
    /// position `first`. Pairs never straddle two calls, so a bigram never
    /// spans two sources.
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
    /// assert_eq!(index.bigram(7, 8), &[0, 2]);
    /// assert_eq!(index.bigram(8, 7), &[1]);
    /// assert_eq!(index.word(7), &[0, 2]);
    /// ```
    pub fn bigram(&self, a: u32, b: u32) -> &[u32] {
        self.bigrams
            .get(&bigram_key(a, b))
            .map_or(&[], |v| v.as_slice())
    }

    /// Positions of the word `id` (empty if none).
    pub fn word(&self, id: u32) -> &[u32] {
        self.unigrams.get(id as usize).map_or(&[], |v| v.as_slice())
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
        lists + self.bigrams.capacity() * (8 + 24 + 8) + self.unigrams.capacity() * 24
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_do_not_join() {
        let mut index = Index::default();
        index.add_run(0, &[1, 2]);
        index.add_run(2, &[3, 1, 2]);
        assert_eq!(index.bigram(2, 3), &[] as &[u32]);
        assert_eq!(index.bigram(1, 2), &[0, 3]);
        assert_eq!(index.word(1), &[0, 3]);
        assert_eq!(index.word(99), &[] as &[u32]);
    }
}
