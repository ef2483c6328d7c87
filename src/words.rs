//! One source's word arrays as a search reads them: slices of the store's
//! arrays in memory, or the piece of each array read for that source from
//! the store file ([`crate::paged`]).
//!
//! A search window never leaves its source, so a source is the unit read:
//! its word ids, flags, and packed ranges, each with its own checksum. The
//! packed ranges are decoded from the start of a 16-word block
//! ([`crate::spans`]), so a source's piece of them starts at the block
//! holding its first word, a few words of the previous source included.

#![forbid(unsafe_code)]

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::error::Error;
use crate::paged::{FileRef, Piece, get_or_load, items};
use crate::spans::{BLOCK, Part};

/// The words of one source.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Words<'a> {
    /// The global position of `ids[0]`.
    pub start: usize,
    pub ids: &'a [u32],
    pub flags: &'a [u8],
    /// The packed ranges from the block holding the first word.
    pub spans: Part<'a>,
}

impl<'a> Words<'a> {
    /// Ids of the global positions `range` (inside this source).
    pub fn ids(&self, range: Range<usize>) -> Option<&'a [u32]> {
        self.ids
            .get(range.start.checked_sub(self.start)?..range.end.checked_sub(self.start)?)
    }

    /// Flags of the global positions `range` (inside this source).
    pub fn flags(&self, range: Range<usize>) -> Option<&'a [u8]> {
        self.flags
            .get(range.start.checked_sub(self.start)?..range.end.checked_sub(self.start)?)
    }

    /// The block starts of the blocks this source owns (those whose first
    /// word is its own), for source words `words`: what a store's array
    /// holds for it. `None` if the piece does not cover them.
    pub fn own_base(&self, words: &Range<u32>) -> Option<&'a [u32]> {
        let first_block = self.spans.first / BLOCK;
        let own = (words.start as usize).div_ceil(BLOCK)..(words.end as usize).div_ceil(BLOCK);
        self.spans
            .base
            .get(own.start.checked_sub(first_block)?..own.end.checked_sub(first_block)?)
    }

    /// The codes of this source's own words `words` (the piece starts a
    /// little earlier, at a block).
    pub fn own_codes(&self, words: &Range<u32>) -> Option<&'a [u16]> {
        let first = self.spans.first;
        self.spans.codes.get(
            (words.start as usize).checked_sub(first)?..(words.end as usize).checked_sub(first)?,
        )
    }

    /// CRC-32s of the four pieces (ids, flags, block bases, codes), as a
    /// store file records them.
    pub fn checksums(&self) -> [u32; 4] {
        /// Little-endian bytes of fixed-size items, a chunk at a time.
        fn crc_of<const N: usize, T: Copy>(items: &[T], le: fn(T) -> [u8; N]) -> u32 {
            let mut h = crc32fast::Hasher::new();
            let mut buf = Vec::with_capacity(1024 * N);
            for chunk in items.chunks(1024) {
                buf.clear();
                for &v in chunk {
                    buf.extend_from_slice(&le(v));
                }
                h.update(&buf);
            }
            h.finalize()
        }
        [
            crc_of(self.ids, u32::to_le_bytes),
            crc32fast::hash(self.flags),
            crc_of(self.spans.base, u32::to_le_bytes),
            crc_of(self.spans.codes, u16::to_le_bytes),
        ]
    }
}

/// The item ranges of a source's four pieces (ids, flags, block bases,
/// codes) for its global word positions `words`.
pub(crate) fn piece_ranges(words: &Range<u32>) -> [Range<usize>; 4] {
    let (s, e) = (
        words.start as usize,
        (words.end as usize).max(words.start as usize),
    );
    let first = s - s % BLOCK;
    [
        s..e,
        s..e,
        first / BLOCK..e.div_ceil(BLOCK).max(first / BLOCK),
        first..e,
    ]
}

/// The words of the store's arrays in memory, for source words `words`.
pub(crate) fn in_memory<'a>(
    ids: &'a [u32],
    flags: &'a [u8],
    base: &'a [u32],
    codes: &'a [u16],
    words: &Range<u32>,
) -> Words<'a> {
    let [i, f, b, c] = piece_ranges(words);
    Words {
        start: i.start,
        spans: Part {
            first: c.start,
            base: base.get(b).unwrap_or(&[]),
            codes: codes.get(c).unwrap_or(&[]),
        },
        ids: ids.get(i).unwrap_or(&[]),
        flags: flags.get(f).unwrap_or(&[]),
    }
}

/// Where the four word arrays lie in a store file.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sections {
    pub ids: u64,
    pub flags: u64,
    pub base: u64,
    pub codes: u64,
}

/// The word arrays of a store opened from a file, read a source at a time.
#[derive(Debug)]
pub(crate) struct FileWords {
    file: Arc<FileRef>,
    at: Sections,
    /// Per source: the CRC-32 of its ids, flags, bases and codes pieces.
    sums: Vec<[u32; 4]>,
    vocab_len: u64,
    loaded: Vec<OnceLock<Loaded>>,
}

#[derive(Debug)]
struct Loaded {
    ids: Box<[u32]>,
    flags: Box<[u8]>,
    base: Box<[u32]>,
    codes: Box<[u16]>,
}

impl FileWords {
    pub fn new(file: Arc<FileRef>, at: Sections, sums: Vec<[u32; 4]>, vocab_len: u64) -> Self {
        FileWords {
            file,
            at,
            vocab_len,
            loaded: sums.iter().map(|_| OnceLock::new()).collect(),
            sums,
        }
    }

    /// The four pieces (ids, flags, block starts, codes) of the source with
    /// words `words` in the file, with the checksums `sums` they must have.
    pub fn pieces(&self, words: &Range<u32>, sums: [u32; 4]) -> [Piece; 4] {
        let ranges = piece_ranges(words);
        let sections = [
            (self.at.ids, 4),
            (self.at.flags, 1),
            (self.at.base, 4),
            (self.at.codes, 2),
        ];
        std::array::from_fn(|k| {
            let (section, size) = sections[k];
            Piece {
                at: section + ranges[k].start as u64 * size,
                len: ranges[k].len() as u64 * size,
                crc: sums[k],
            }
        })
    }

    /// The words of source `source` (global positions `words`), read and
    /// checked the first time.
    pub fn get(&self, source: usize, words: &Range<u32>) -> Result<Words<'_>, Error> {
        let (Some(cell), Some(sums)) = (self.loaded.get(source), self.sums.get(source)) else {
            return Err(Error::CorruptStore("no such source's words".into()));
        };
        let ranges = piece_ranges(words);
        let loaded = get_or_load(cell, || {
            let [ids, flags, base, codes] = self.pieces(words, *sums);
            let ids = items(&ids.read(&self.file)?, u32::from_le_bytes);
            if ids.iter().any(|&id| u64::from(id) >= self.vocab_len) {
                return Err(Error::CorruptStore(format!(
                    "{}: a word id is outside the vocabulary",
                    self.file.name()
                )));
            }
            Ok(Loaded {
                ids,
                flags: flags.read(&self.file)?.into(),
                base: items(&base.read(&self.file)?, u32::from_le_bytes),
                codes: items(&codes.read(&self.file)?, u16::from_le_bytes),
            })
        })?;
        Ok(Words {
            start: ranges[0].start,
            ids: &loaded.ids,
            flags: &loaded.flags,
            spans: Part {
                base: &loaded.base,
                codes: &loaded.codes,
                first: ranges[3].start,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_start_at_the_block_of_the_first_word() {
        assert_eq!(piece_ranges(&(0..40)), [0..40, 0..40, 0..3, 0..40]);
        assert_eq!(piece_ranges(&(40..41)), [40..41, 40..41, 2..3, 32..41]);
        assert_eq!(piece_ranges(&(48..48)), [48..48, 48..48, 3..3, 48..48]);
        // Consecutive sources' pieces cover every block and code.
        let ends = [0u32, 5, 16, 17, 40, 41, 64, 100];
        let mut blocks = vec![false; 100usize.div_ceil(BLOCK)];
        let mut codes = [false; 100];
        for w in ends.windows(2) {
            let [_, _, b, c] = piece_ranges(&(w[0]..w[1]));
            b.for_each(|i| blocks[i] = true);
            c.for_each(|i| codes[i] = true);
        }
        assert!(blocks.iter().all(|&b| b) && codes.iter().all(|&c| c));
    }
}
