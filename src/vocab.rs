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
    /// Keys of up to [`SHORT`] bytes, packed into one integer: most words
    /// are short, and an integer key hashes and compares without reading
    /// memory elsewhere (building a store spent a quarter of its time in
    /// string hashing and comparison before).
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
}

/// The longest key kept packed.
const SHORT: usize = 15;

/// `key`'s bytes and length in one integer, if it is short enough.
#[inline]
fn packed(key: &str) -> Option<u128> {
    let b = key.as_bytes();
    if b.len() > SHORT {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

impl Vocab {
    /// The id of `key`, adding it if new.
    pub fn intern(&mut self, key: &str) -> u32 {
        let next = self.words.len();
        let id = match packed(key) {
            Some(k) => *self.short.entry(k).or_insert(next as u32),
            None => {
                if let Some(&id) = self.long.get(key) {
                    return id;
                }
                *self.long.entry(key.into()).or_insert(next as u32)
            }
        };
        if id as usize == next {
            assert!(
                next < UNKNOWN as usize,
                "fewer than 2^32 - 1 distinct words"
            );
            self.words.push(key.into());
        }
        id
    }

    /// A vocabulary whose ids are the positions in `words` (as a store
    /// file lists them); `None` when a word is listed twice.
    pub(crate) fn from_words(words: Vec<String>) -> Option<Vocab> {
        let mut vocab = Vocab::default();
        for (i, w) in words.iter().enumerate() {
            if vocab.intern(w) as usize != i {
                return None;
            }
        }
        Some(vocab)
    }

    /// Every word, by id.
    pub(crate) fn words(&self) -> &[Box<str>] {
        &self.words
    }

    /// The id of `key`, or [`UNKNOWN`].
    pub fn get(&self, key: &str) -> u32 {
        match packed(key) {
            Some(k) => self.short.get(&k),
            None => self.long.get(key),
        }
        .copied()
        .unwrap_or(UNKNOWN)
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
