//! Interned folded words: every distinct key gets a `u32` id.
//!
//! Sources are stored as arrays of word ids, so the index and the aligner
//! compare integers. A quote's words are looked up (never inserted): a word
//! the store has never seen cannot match anything exactly, and is given
//! [`UNKNOWN`].

#![forbid(unsafe_code)]

use crate::fasthash::FxHashMap;

/// The id of a word that is not in the vocabulary.
pub const UNKNOWN: u32 = u32::MAX;

/// A map between folded words and dense ids.
///
/// ```
/// use quotecheck::vocab::{Vocab, UNKNOWN};
/// let mut v = Vocab::default();
/// let id = v.intern("said");
/// assert_eq!(v.get("said"), id);
/// assert_eq!(v.get("told"), UNKNOWN);
/// assert_eq!(v.word(id), "said");
/// ```
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    ids: FxHashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
}

impl Vocab {
    /// The id of `key`, adding it if new.
    pub fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = u32::try_from(self.words.len()).expect("fewer than 2^32 distinct words");
        self.words.push(key.into());
        self.ids.insert(key.into(), id);
        id
    }

    /// A vocabulary whose ids are the positions in `words` (as a store
    /// file lists them).
    pub(crate) fn from_words(words: Vec<String>) -> Vocab {
        let words: Vec<Box<str>> = words.into_iter().map(String::into_boxed_str).collect();
        let ids = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        Vocab { ids, words }
    }

    /// Every word, by id.
    pub(crate) fn words(&self) -> &[Box<str>] {
        &self.words
    }

    /// The id of `key`, or [`UNKNOWN`].
    pub fn get(&self, key: &str) -> u32 {
        self.ids.get(key).copied().unwrap_or(UNKNOWN)
    }

    /// The folded word with this id (empty for [`UNKNOWN`]).
    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", |w| w)
    }

    /// How many distinct words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Is the vocabulary empty?
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}
