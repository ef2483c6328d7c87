//! A source's text in a store file, read a block at a time.
//!
//! A store file keeps each text as blocks of at most [`TEXT_BLOCK`] bytes,
//! each cut at a char boundary, compressed with LZ4 on its own and carrying
//! its own CRC-32. A search needs the text of a window (a few hundred words
//! from the checkpoint before it, to derive the window's words and explain
//! the alignment), so it reads the one or two blocks the window lies in,
//! not the whole text: at 1 GiB a first check touches about six sources,
//! and reading each whole (64 KB of fresh memory to decompress into, 75 µs
//! a text) was most of what a first check cost.
//!
//! Each block read is kept (a [`OnceLock`] per block, shared by threads);
//! a caller asking for the whole text ([`crate::Source::text`]) gets it
//! read once more into one string of its own, since a `&str` of the whole
//! cannot be made of separate blocks. A long-lived store that is both
//! searched and asked for whole texts may thus hold a text twice; a search
//! alone holds each block once.
//!
//! Every block is valid UTF-8 on its own (blocks are cut at char
//! boundaries and checked when read), so blocks laid end to end are too:
//! a window that straddles blocks is copied into the caller's scratch
//! string without another check.

#![forbid(unsafe_code)]

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::error::Error;
use crate::paged::{FileRef, Piece, get_or_load};

/// At most this many bytes of text a block (a char is never split). Small
/// enough that a window (two or three KB from the checkpoint before it)
/// mostly lies in one, large enough that LZ4 still finds its repeats: on
/// the 1 GiB grown corpus, blocks of 8 KiB compress the text to 0.71 of its
/// size (16 KiB: 0.67, 64 KiB: 0.62) and a first check's p50 is 0.43-0.47
/// ms (16 KiB: 0.52-0.55; a whole text a source: 0.77-0.80). Part of the
/// format: open refuses a longer block.
pub(crate) const TEXT_BLOCK: usize = 8 << 10;

/// The blocks of `text`: consecutive, each at most [`TEXT_BLOCK`] bytes
/// and ending on a char boundary (a char is at most 4 bytes, so every
/// block holds at least `TEXT_BLOCK - 3`, but the last).
pub(crate) fn blocks_of(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut cut = rest.len().min(TEXT_BLOCK);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (block, tail) = rest.split_at(cut);
        rest = tail;
        Some(block)
    })
}

/// One block as the file records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TextBlock {
    /// Its compressed bytes in the file, and their CRC-32.
    pub piece: Piece,
    /// Where its text starts in the source's text.
    pub start: u32,
    /// Bytes of text it holds.
    pub len: u32,
}

/// A part of a text: `text` is the source's bytes from `base` on.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TextPart<'a> {
    pub base: usize,
    pub text: &'a str,
}

impl<'a> TextPart<'a> {
    /// A whole text.
    pub fn whole(text: &'a str) -> TextPart<'a> {
        TextPart { base: 0, text }
    }

    /// Where the part ends in the source's text.
    pub fn end(&self) -> usize {
        self.base + self.text.len()
    }

    /// The source's bytes `range`, if they lie in the part on char
    /// boundaries.
    pub fn get(&self, range: Range<usize>) -> Option<&'a str> {
        let s = range.start.checked_sub(self.base)?;
        let e = range.end.checked_sub(self.base)?;
        self.text.get(s..e)
    }

    /// Does a chunk of non-white-space begin at the source's byte `at`, as
    /// far as the part shows ([`crate::text::chunk_starts_at`])? At the
    /// part's own start, unless that is the text's, the char before is not
    /// in the part, so it cannot say: no.
    pub fn chunk_starts_at(&self, at: usize) -> bool {
        if at < self.base || at > self.end() {
            return false;
        }
        at == 0 || at > self.base && crate::text::chunk_starts_at(self.text, at - self.base)
    }
}

/// A source's text left in its store file.
#[derive(Debug)]
pub(crate) struct StoredText {
    file: Arc<FileRef>,
    len: u64,
    blocks: Box<[TextBlock]>,
    cells: Box<[OnceLock<Box<str>>]>,
    whole: OnceLock<Box<str>>,
}

impl Clone for StoredText {
    /// A copy reads again what it needs (what was read stays with the
    /// original).
    fn clone(&self) -> StoredText {
        StoredText::new(self.file.clone(), self.len, self.blocks.to_vec())
    }
}

impl StoredText {
    /// A text of `len` bytes held in `blocks`, which the caller has checked
    /// tile the text (starts ascending from 0, lengths summing to `len`,
    /// each at most [`TEXT_BLOCK`]) and lie back to back in the file.
    pub fn new(file: Arc<FileRef>, len: u64, blocks: Vec<TextBlock>) -> StoredText {
        StoredText {
            file,
            len,
            cells: blocks.iter().map(|_| OnceLock::new()).collect(),
            blocks: blocks.into(),
            whole: OnceLock::new(),
        }
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn blocks(&self) -> &[TextBlock] {
        &self.blocks
    }

    /// Block `k` as stored (compressed), checked against its checksum:
    /// what a merge of store files copies without decompressing it.
    pub fn packed_block(&self, k: usize) -> Result<Vec<u8>, Error> {
        let block = self
            .blocks
            .get(k)
            .ok_or_else(|| Error::CorruptStore("no such text block".into()))?;
        block.piece.read(&self.file)
    }

    fn bad(&self, what: &str) -> Error {
        Error::CorruptStore(format!("{}: {what}", self.file.name()))
    }

    /// Decompresses checked `packed` into `out`, which must be its length.
    fn decompress(&self, packed: &[u8], out: &mut [u8]) -> Result<(), Error> {
        match lz4_flex::block::decompress_into(packed, out) {
            Ok(n) if n == out.len() => Ok(()),
            _ => Err(self.bad("a text block does not decompress to its length")),
        }
    }

    /// Block `k`'s text, read and checked (checksum, length, UTF-8) the
    /// first time.
    fn block(&self, k: usize) -> Result<&str, Error> {
        let (Some(block), Some(cell)) = (self.blocks.get(k), self.cells.get(k)) else {
            return Err(self.bad("no such text block"));
        };
        get_or_load(cell, || {
            let packed = block.piece.read(&self.file)?;
            let mut text = crate::error::try_zeroed(block.len as usize, "a text block")?;
            self.decompress(&packed, &mut text)?;
            String::from_utf8(text)
                .map(String::into_boxed_str)
                .map_err(|_| self.bad("a text block is not UTF-8"))
        })
        .map(|t| &**t)
    }

    /// The whole text, read and checked (every block's checksum, the
    /// lengths, UTF-8, then `fits`) the first time, in one read.
    pub fn whole(&self, fits: impl FnOnce(&str) -> bool) -> Result<&str, Error> {
        get_or_load(&self.whole, || {
            let len = usize::try_from(self.len).map_err(|_| self.bad("a text too large"))?;
            let mut text = crate::error::try_zeroed(len, "a source's text")?;
            if let (Some(first), Some(last)) = (self.blocks.first(), self.blocks.last()) {
                let packed_len = (last.piece.at + last.piece.len)
                    .checked_sub(first.piece.at)
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(|| self.bad("text blocks"))?;
                let mut packed = crate::error::try_zeroed(packed_len, "a source's text")?;
                self.file.read_at(first.piece.at, &mut packed)?;
                for b in &*self.blocks {
                    // Open checked that the blocks lie back to back and
                    // tile the text; a range off either end is still an
                    // error here, not a panic.
                    let at = b.piece.at.wrapping_sub(first.piece.at) as usize;
                    let start = b.start as usize;
                    let from = at
                        .checked_add(b.piece.len as usize)
                        .and_then(|e| packed.get(at..e));
                    let to = text.get_mut(start..start + b.len as usize);
                    let (Some(from), Some(to)) = (from, to) else {
                        return Err(self.bad("text blocks"));
                    };
                    // Each block's checksum, as `Piece::read` checks
                    // one read on its own.
                    if crc32fast::hash(from) != b.piece.crc {
                        return Err(self.bad(&format!(
                            "checksum mismatch in the text block at {}",
                            b.piece.at
                        )));
                    }
                    self.decompress(from, to)?;
                }
            }
            let text = String::from_utf8(text).map_err(|_| self.bad("a text is not UTF-8"))?;
            if !fits(&text) {
                return Err(self.bad("a source's ranges do not fit its text"));
            }
            Ok(text.into_boxed_str())
        })
        .map(|t| &**t)
    }

    /// The whole text if it has been read, taken out.
    pub fn into_whole(self) -> Option<String> {
        self.whole.into_inner().map(String::from)
    }

    /// The whole text if it has been read.
    pub fn whole_if_read(&self) -> Option<&str> {
        self.whole.get().map(|t| &**t)
    }

    /// The blocks holding bytes `range` (clamped to the text; an empty
    /// range holds the block its start is in).
    fn blocks_for(&self, range: &Range<usize>) -> Range<usize> {
        let at = |byte: usize| {
            self.blocks
                .partition_point(|b| b.start as usize <= byte)
                .saturating_sub(1)
        };
        let last = range.end.max(range.start + 1) - 1;
        at(range.start)..at(last) + 1
    }

    /// The text already read whole, or else the one block `range` lies in
    /// (read if need be); `None` when the range straddles blocks.
    fn read_part(&self, range: &Range<usize>) -> Result<Option<TextPart<'_>>, Error> {
        if let Some(text) = self.whole_if_read() {
            return Ok(Some(TextPart::whole(text)));
        }
        let ks = self.blocks_for(range);
        match self.blocks.get(ks.start) {
            Some(b) if ks.len() == 1 => Ok(Some(TextPart {
                base: b.start as usize,
                text: self.block(ks.start)?,
            })),
            _ => Ok(None),
        }
    }

    /// A part of the text covering bytes `range` (clamped to the text):
    /// one block as read when the range lies in one, else the blocks it
    /// spans copied into `scratch`. Reads only those blocks.
    pub fn part<'a>(
        &'a self,
        range: Range<usize>,
        scratch: &'a mut String,
    ) -> Result<TextPart<'a>, Error> {
        if let Some(part) = self.read_part(&range)? {
            return Ok(part);
        }
        let ks = self.blocks_for(&range);
        let Some(first) = self.blocks.get(ks.start) else {
            return Ok(TextPart::whole(""));
        };
        scratch.clear();
        for k in ks.clone() {
            scratch.push_str(self.block(k)?);
        }
        Ok(TextPart {
            base: first.start as usize,
            text: scratch.as_str(),
        })
    }

    /// The text in bytes `range` when it lies in one block (read if need
    /// be), or in the whole text already read; `None` when it straddles
    /// blocks of a text not read whole.
    pub fn in_one_block(&self, range: Range<usize>) -> Result<Option<&str>, Error> {
        Ok(self.read_part(&range)?.and_then(|part| part.get(range)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paged::Backing;

    /// `text` as a store file would hold it: the blocks compressed back to
    /// back from byte `at` of a file.
    fn stored(text: &str, at: usize) -> (StoredText, Vec<u8>) {
        let mut bytes = vec![0xAA; at];
        let mut blocks = Vec::new();
        let mut start = 0u32;
        for b in blocks_of(text) {
            let packed = lz4_flex::block::compress(b.as_bytes());
            blocks.push(TextBlock {
                piece: Piece {
                    at: bytes.len() as u64,
                    len: packed.len() as u64,
                    crc: crc32fast::hash(&packed),
                },
                start,
                len: b.len() as u32,
            });
            start += b.len() as u32;
            bytes.extend_from_slice(&packed);
        }
        let file = FileRef::new(Backing::Bytes(bytes.clone().into()), "mem");
        (StoredText::new(file, text.len() as u64, blocks), bytes)
    }

    /// A text of several blocks with multi-byte chars across every cut.
    fn sample() -> String {
        let mut t = String::new();
        let mut i = 0u32;
        while t.len() < 3 * TEXT_BLOCK + 100 {
            t.push_str(["word ", "héllo ", "€uro ", "𝄞 clef ", "\n\n"][i as usize % 5]);
            i += 1;
        }
        t
    }

    #[test]
    fn blocks_tile_the_text_on_char_boundaries() {
        let t = sample();
        let blocks: Vec<&str> = blocks_of(&t).collect();
        assert_eq!(blocks.concat(), t);
        assert!(blocks.len() >= 4);
        for b in &blocks[..blocks.len() - 1] {
            assert!(b.len() <= TEXT_BLOCK && b.len() > TEXT_BLOCK - 4);
        }
        assert_eq!(blocks_of("").count(), 0);
        assert_eq!(blocks_of("é").collect::<Vec<_>>(), ["é"]);
    }

    #[test]
    fn parts_equal_the_whole_texts_slices() {
        let t = sample();
        let (st, _) = stored(&t, 7);
        let mut scratch = String::new();
        let edges: Vec<usize> = st.blocks().iter().map(|b| b.start as usize).collect();
        let mut ranges = vec![0..0, 0..10, 0..t.len(), t.len()..t.len()];
        for &e in &edges[1..] {
            ranges.extend([e - 50..e + 50, e..e + 10, e - 10..e, e - 1..e + 1]);
        }
        for r in ranges {
            let part = st.part(r.clone(), &mut scratch).unwrap();
            assert!(part.base <= r.start && part.end() >= r.end.min(t.len()));
            assert_eq!(part.text, &t[part.base..part.end()]);
            // The one-block read agrees where it answers.
            if let Some(s) = st.in_one_block(r.clone()).unwrap() {
                assert_eq!(Some(s), t.get(r.clone()));
            }
        }
        // Only the blocks asked for were read.
        assert!(st.whole_if_read().is_none());
        assert_eq!(st.whole(|_| true).unwrap(), t);
        // Once the whole is read, parts are slices of it.
        let part = st.part(5..20, &mut scratch).unwrap();
        assert_eq!((part.base, part.text.len()), (0, t.len()));
    }

    #[test]
    fn a_damaged_block_is_an_error_where_it_is_read() {
        let t = sample();
        let (st, mut bytes) = stored(&t, 0);
        let second = st.blocks()[1];
        bytes[second.piece.at as usize + 3] ^= 0x20;
        let file = FileRef::new(Backing::Bytes(bytes.into()), "mem");
        let st = StoredText::new(file, t.len() as u64, st.blocks().to_vec());
        let mut scratch = String::new();
        // The first block is sound; the second is refused, as is the whole.
        assert!(st.part(0..100, &mut scratch).is_ok());
        let inside = second.start as usize + 10;
        assert!(matches!(
            st.part(inside..inside + 5, &mut scratch),
            Err(Error::CorruptStore(_))
        ));
        assert!(matches!(st.whole(|_| true), Err(Error::CorruptStore(_))));
        // A block whose recorded length is wrong, checksum and all.
        let (st, _) = stored("short text", 0);
        let mut blocks = st.blocks().to_vec();
        blocks[0].len += 1;
        let st = StoredText::new(st.file.clone(), 11, blocks);
        assert!(st.whole(|_| true).is_err());
        assert!(st.part(0..3, &mut scratch).is_err());
    }
}
