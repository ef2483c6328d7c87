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
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    /// Keys of up to [`SHORT`] bytes, packed into two words ([`packed`]):
    /// most words are short, and such a key hashes and compares without reading
    /// memory elsewhere (building a store spent a quarter of its time in
    /// string hashing and comparison before).
    short: ShortTable,
    long: FxHashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    /// Per id: [`Vocab::head`], for the aligner's join tests, which would
    /// otherwise decode a word's first char for every cell.
    heads: Vec<u32>,
    /// Per id: [`Vocab::shape`].
    shapes: Vec<u32>,
}

/// The longest key kept packed.
const SHORT: usize = 15;

/// A short key: `key`'s bytes (little-endian, zero-padded) with its length
/// in the top byte, as two words, if it is short enough.
#[inline]
fn packed(key: &str) -> Option<[u64; 2]> {
    let b = key.as_bytes();
    if b.len() > SHORT {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    let word = |h: &[u8]| u64::from_le_bytes(h.try_into().unwrap_or_default());
    Some([word(&buf[..8]), word(&buf[8..])])
}

/// Per byte: its lower case if it is an ASCII letter or digit, else 0.
static PLAIN_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            t[c] = b.to_ascii_lowercase();
        }
        c += 1;
    }
    t
};

/// In [`shape_of`]: the word has an apostrophe.
pub const SHAPE_APOSTROPHE: u32 = 1 << 31;

/// A word's length in bytes, with [`SHAPE_APOSTROPHE`] set when it has an
/// apostrophe.
pub fn shape_of(word: &str) -> u32 {
    let len = u32::try_from(word.len())
        .unwrap_or(u32::MAX)
        .min(SHAPE_APOSTROPHE - 1);
    if word.contains('\'') {
        len | SHAPE_APOSTROPHE
    } else {
        len
    }
}

/// [`head_of`] of an empty word.
pub const HEAD_NONE: u32 = u32::MAX;

/// In [`head_of`]: the word is longer than one byte.
pub const HEAD_LONG: u32 = 1 << 31;

/// A word's first char, with [`HEAD_LONG`] set when the word is longer
/// than one byte; [`HEAD_NONE`] for an empty word.
pub fn head_of(word: &str) -> u32 {
    match word.chars().next() {
        None => HEAD_NONE,
        Some(c) if word.len() > 1 => c as u32 | HEAD_LONG,
        Some(c) => c as u32,
    }
}

/// Packed short keys to ids: open addressing with linear probing, key and
/// id side by side in one 24-byte slot, so a lookup of a word seen before
/// (nearly every lookup while building) reads one cache line. The general
/// hash map spent a quarter of a build's time here; this is the one table
/// on that path, so it is worth its few lines.
#[derive(Debug, Clone, Default)]
struct ShortTable {
    slots: Vec<Slot>,
    len: usize,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    key: [u64; 2],
    /// [`UNKNOWN`] for an empty slot (no word has that id).
    id: u32,
}

const EMPTY: Slot = Slot {
    key: [0; 2],
    id: UNKNOWN,
};

impl ShortTable {
    #[inline]
    fn start(&self, key: [u64; 2]) -> usize {
        // Multiply-shift over both halves: the top bits depend on every
        // key bit, and the table is indexed by them.
        let h = (key[0] ^ key[1].rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let bits = self.slots.len().trailing_zeros();
        (h >> (64 - bits)) as usize
    }

    #[inline]
    fn get(&self, key: [u64; 2]) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.start(key);
        loop {
            let s = &self.slots[i];
            if s.id == UNKNOWN {
                return None;
            }
            if s.key == key {
                return Some(s.id);
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of `key`, or `id` once inserted.
    fn get_or_insert(&mut self, key: [u64; 2], id: u32) -> u32 {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = self.start(key);
        loop {
            let s = &mut self.slots[i];
            if s.id == UNKNOWN {
                *s = Slot { key, id };
                self.len += 1;
                return id;
            }
            if s.key == key {
                return s.id;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.id != UNKNOWN) {
            let mut i = self.start(s.key);
            while self.slots[i].id != UNKNOWN {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

impl Vocab {
    /// The id of `key`, adding it if new.
    pub fn intern(&mut self, key: &str) -> u32 {
        let next = self.words.len();
        let id = match packed(key) {
            Some(k) => self.short.get_or_insert(k, next as u32),
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
            self.heads.push(head_of(key));
            self.shapes.push(shape_of(key));
        }
        id
    }

    /// The id of a plain word — ASCII letters and digits only, at most 15
    /// bytes, as most words are — folded (lower-cased) on the way, adding it
    /// if new; `None` for any other word, which the caller folds with
    /// [`crate::text::fold_word_into`] and gives to [`Vocab::intern`]. The
    /// same word gets the same id either way.
    pub fn intern_plain(&mut self, word: &str) -> Option<u32> {
        let key = plain_key(word)?;
        if let Some(id) = self.short.get(key) {
            return Some(id);
        }
        Some(self.intern(&word.to_ascii_lowercase()))
    }

    /// [`Vocab::intern_plain`] without adding: the id of a plain word, or
    /// [`UNKNOWN`]; `None` for a word that is not plain (fold it and use
    /// [`Vocab::get`]).
    pub fn get_plain(&self, word: &str) -> Option<u32> {
        plain_key(word).map(|key| self.short.get(key).unwrap_or(UNKNOWN))
    }
}

/// The packed key of a plain word (ASCII letters and digits, at most
/// [`SHORT`] bytes), lower-cased on the way; `None` for any other word.
#[inline]
fn plain_key(word: &str) -> Option<[u64; 2]> {
    let b = word.as_bytes();
    if b.len() > SHORT {
        return None;
    }
    // The key built in registers (bytes stored one by one and read back
    // as a word would stall the load), a table lookup a byte.
    let pack = |bytes: &[u8]| {
        let mut k = 0u64;
        for (i, &c) in bytes.iter().enumerate() {
            let l = PLAIN_LOWER[c as usize];
            if l == 0 {
                return None;
            }
            k |= u64::from(l) << (8 * i);
        }
        Some(k)
    };
    let (lo, hi) = b.split_at(b.len().min(8));
    Some([pack(lo)?, pack(hi)? | (b.len() as u64) << 56])
}

impl Vocab {
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
            Some(k) => self.short.get(k),
            None => self.long.get(key).copied(),
        }
        .unwrap_or(UNKNOWN)
    }

    /// The first char of the word with this id, and whether the word is
    /// longer than one byte, in one number ([`head_of`]; [`HEAD_NONE`] for
    /// an empty word or [`UNKNOWN`]).
    #[inline]
    pub fn head(&self, id: u32) -> u32 {
        self.heads.get(id as usize).copied().unwrap_or(HEAD_NONE)
    }

    /// The length in bytes of the word with this id, with [`SHAPE_APOSTROPHE`]
    /// set when it has an apostrophe ([`shape_of`]): what decides whether
    /// it can be two words joined ([`crate::variants::joins_to`]).
    #[inline]
    pub fn shape(&self, id: u32) -> u32 {
        self.shapes.get(id as usize).copied().unwrap_or(0)
    }

    /// The folded word with this id (empty for [`UNKNOWN`]).
    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", |w| w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_word_into;

    #[test]
    fn plain_words_get_the_ids_their_folded_forms_get() {
        let words = [
            "Taxes",
            "taxes",
            "TAXES",
            "1,500",
            "U.S.",
            "don't",
            "Señor",
            "a",
            "Z9",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "ABCDEFGHIJKLMNO",
            "x_y",
            "",
        ];
        let (mut plain, mut folded) = (Vocab::default(), Vocab::default());
        let mut buf = String::new();
        for w in words.iter().chain(words.iter().rev()) {
            buf.clear();
            fold_word_into(w, &mut buf);
            let want = folded.intern(&buf);
            let got = plain.intern_plain(w).unwrap_or_else(|| plain.intern(&buf));
            assert_eq!(got, want, "{w:?}");
        }
        assert_eq!(plain.words(), folded.words());
    }
}

/// The examples of this module's items (the module is internal, so
/// they run as unit tests rather than doc tests).
#[cfg(test)]
mod examples {
    #[test]
    fn vocab_example() {
        use crate::vocab::{UNKNOWN, Vocab};
        let mut v = Vocab::default();
        let id = v.intern("said");
        assert_eq!(v.get("said"), id);
        assert_eq!(v.get("told"), UNKNOWN);
        assert_eq!(v.word(id), "said");
    }

    #[test]
    fn shape_of_example() {
        use crate::vocab::{SHAPE_APOSTROPHE, shape_of};
        assert_eq!(shape_of("takedowns"), 9);
        assert_eq!(shape_of("don't"), 5 | SHAPE_APOSTROPHE);
    }

    #[test]
    fn intern_plain_example() {
        use crate::vocab::Vocab;
        let mut v = Vocab::default();
        let id = v.intern_plain("Taxes").unwrap();
        assert_eq!(v.intern("taxes"), id);
        assert_eq!(v.intern_plain("don't"), None);
    }

    #[test]
    fn head_example() {
        use crate::vocab::{Vocab, head_of};
        let mut v = Vocab::default();
        let (a, an) = (v.intern("a"), v.intern("an"));
        assert_eq!(v.head(a), head_of("a"));
        assert_ne!(v.head(an), head_of("a"));
    }
}
