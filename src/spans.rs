//! Word byte ranges, packed: two bytes a word instead of eight.
//!
//! Every stored word has a byte range in its source. Consecutive words are
//! close together, so a word is coded as the gap since the previous word's
//! end (6 bits) and its length (10 bits) in one `u16`; every
//! [`BLOCK`]th word starts a block whose first start is kept whole, so any
//! range of words decodes by walking forward from its block's start, at
//! most `BLOCK − 1` words of detour. A word that does not fit (a gap of 63
//! bytes or more, as after a long label or markup, a word of 1023 bytes or
//! more, or the first word of a source, whose start is before the previous
//! word's end) is coded [`ESCAPE`] and kept whole in a short side list.
//!
//! The search decodes only the windows it aligns, into a buffer the
//! checker owns. The cost over plain `(u32, u32)` pairs is a few
//! nanoseconds a word decoded; the saving is 5.75 bytes a word, which at a
//! gigabyte of text is a gigabyte of memory.

#![forbid(unsafe_code)]

use std::ops::Range;

/// Words per block (each block keeps its first start whole).
pub const BLOCK: usize = 16;

/// The code of a word kept whole in the side list.
pub const ESCAPE: u16 = u16::MAX;

const LEN_BITS: u32 = 10;
const MAX_GAP: u32 = (1 << (16 - LEN_BITS)) - 1;
const MAX_LEN: u32 = (1 << LEN_BITS) - 1;

/// The byte ranges of every stored word, packed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Spans {
    /// The start of each block's first word.
    pub(crate) base: Vec<u32>,
    /// Per word: gap << 10 | length, or [`ESCAPE`].
    pub(crate) codes: Vec<u16>,
    /// Words coded [`ESCAPE`]: (position, start, end), by position.
    pub(crate) escapes: Vec<(u32, u32, u32)>,
    /// The end of the last word pushed.
    prev_end: u32,
}

impl Spans {
    /// Appends the range of the next word (builds go through
    /// [`Spans::packed_from`]; this is the reference the tests use).
    #[cfg(test)]
    pub fn push(&mut self, start: u32, end: u32) {
        self.push_at(self.codes.len(), start, end);
    }

    /// The ranges of words `first..` packed as they would be if pushed
    /// after `first` words, the last of which ended at `prev_end`: a piece
    /// to [`Spans::append`] to such spans. (So the words of many sources
    /// can be packed on many threads, each piece knowing only where it
    /// goes.)
    pub(crate) fn packed_from(first: usize, prev_end: u32, ranges: &[(u32, u32)]) -> Spans {
        let mut piece = Spans {
            prev_end,
            codes: Vec::with_capacity(ranges.len()),
            base: Vec::with_capacity(ranges.len() / BLOCK + 1),
            ..Spans::default()
        };
        for (i, &(start, end)) in ranges.iter().enumerate() {
            piece.push_at(first + i, start, end);
        }
        piece
    }

    /// Appends a piece made by [`Spans::packed_from`] for these spans'
    /// length and last end.
    pub(crate) fn append(&mut self, piece: Spans) {
        self.base.extend_from_slice(&piece.base);
        self.codes.extend_from_slice(&piece.codes);
        self.escapes.extend_from_slice(&piece.escapes);
        self.prev_end = piece.prev_end;
    }

    /// Where the last word pushed ended (0 for none).
    pub(crate) fn last_end(&self) -> u32 {
        self.prev_end
    }

    /// [`Spans::push`] for the word at global position `pos` (`codes` holds
    /// the words from some block start up to it).
    fn push_at(&mut self, pos: usize, start: u32, end: u32) {
        let at_block = pos.is_multiple_of(BLOCK);
        if at_block {
            self.base.push(start);
        }
        let gap = if at_block {
            Some(0)
        } else {
            start.checked_sub(self.prev_end)
        };
        let len = end.checked_sub(start);
        match (gap, len) {
            (Some(gap), Some(len)) if gap < MAX_GAP && len < MAX_LEN => {
                self.codes.push(((gap << LEN_BITS) | len) as u16);
            }
            _ => {
                self.codes.push(ESCAPE);
                self.escapes.push((pos as u32, start, end));
            }
        }
        self.prev_end = end;
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Replaces `out` with the ranges of words `range` (clamped to the
    /// words there are). A damaged store decodes to wrong ranges, never to
    /// a panic; callers check ranges against their text before slicing.
    #[cfg(test)]
    pub fn decode(&self, range: Range<usize>, out: &mut Vec<(u32, u32)>) {
        Part {
            base: &self.base,
            codes: &self.codes,
            first: 0,
        }
        .decode(&self.escapes, range, out);
    }

    /// The range of word `pos` (decoding its block; for tests and tools).
    #[cfg(test)]
    pub fn get(&self, pos: usize) -> Option<(u32, u32)> {
        let mut one = Vec::with_capacity(1);
        self.decode(pos..pos + 1, &mut one);
        one.first().copied()
    }

    /// Heap bytes used.
    pub fn heap_bytes(&self) -> usize {
        self.base.capacity() * 4 + self.codes.capacity() * 2 + self.escapes.capacity() * 12
    }
}

/// A run of whole blocks of the packed arrays (as a store file's piece for
/// one source holds them): the codes of words `first..`, where `first` is
/// a block start, and the bases of their blocks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Part<'a> {
    pub base: &'a [u32],
    pub codes: &'a [u16],
    pub first: usize,
}

impl Part<'_> {
    /// Replaces `out` with the ranges of words `range` (global positions;
    /// clamped to the words the part holds), as [`Spans::decode`].
    pub fn decode(
        &self,
        escapes: &[(u32, u32, u32)],
        range: Range<usize>,
        out: &mut Vec<(u32, u32)>,
    ) {
        out.clear();
        let end = range.end.min(self.first + self.codes.len());
        if range.start >= end || range.start < self.first {
            return;
        }
        let first = range.start - range.start % BLOCK;
        let Some(from) = first.checked_sub(self.first) else {
            return;
        };
        let block0 = self.first / BLOCK;
        let mut cursor = 0u32;
        let mut escape = escapes.partition_point(|e| (e.0 as usize) < first);
        for (p, &code) in self.codes[from..end - self.first].iter().enumerate() {
            let p = first + p;
            let (s, e) = if code == ESCAPE {
                match escapes.get(escape) {
                    Some(&(at, s, e)) if at as usize == p => {
                        escape += 1;
                        (s, e)
                    }
                    _ => (cursor, cursor),
                }
            } else {
                let gap = u32::from(code) >> LEN_BITS;
                let len = u32::from(code) & MAX_LEN;
                let s = if p.is_multiple_of(BLOCK) {
                    self.base.get(p / BLOCK - block0).copied().unwrap_or(cursor)
                } else {
                    cursor.saturating_add(gap)
                };
                (s, s.saturating_add(len))
            };
            cursor = e;
            if p >= range.start {
                out.push((s, e));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_range_decodes_to_what_was_pushed() {
        // Gaps and lengths at and around every limit, and a new source
        // (start before the previous end) now and then.
        let mut x = 12_345u32;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        let mut pushed = Vec::new();
        let mut spans = Spans::default();
        let mut at = 0u32;
        for i in 0..2_000 {
            let r = next();
            if i % 97 == 0 {
                at = r % 5;
            }
            let gap = [0, 1, 2, 62, 63, 64, 5000][(r % 7) as usize];
            let len = [1, 5, 1022, 1023, 1024, 0][(r / 7 % 6) as usize];
            let s = at + gap;
            pushed.push((s, s + len));
            spans.push(s, s + len);
            at = s + len;
        }
        let mut out = Vec::new();
        for start in 0..pushed.len() {
            for len in [0, 1, 2, 15, 16, 17, 40] {
                let end = (start + len).min(pushed.len());
                spans.decode(start..end, &mut out);
                assert_eq!(out, pushed[start..end], "{start}..{end}");
            }
        }
        spans.decode(1990..5000, &mut out);
        assert_eq!(out, pushed[1990..]);
        // Pieces packed apart, each knowing only where it goes, and
        // appended, are the spans pushed one by one (cut anywhere, at and
        // off block starts, an empty piece among them).
        for cuts in [
            vec![0, 2_000],
            vec![0, 16, 2_000],
            vec![0, 5, 5, 700, 1_601, 2_000],
        ] {
            let mut joined = Spans::default();
            for w in cuts.windows(2) {
                let piece = Spans::packed_from(w[0], joined.last_end(), &pushed[w[0]..w[1]]);
                joined.append(piece);
            }
            assert_eq!(joined, spans, "{cuts:?}");
        }
        // Decoding from a piece that starts at a block (as a source's piece
        // read from a store file does) gives the same ranges, and nothing
        // outside the piece.
        for start in (0..pushed.len()).step_by(7) {
            let first = start - start % BLOCK;
            let end = (start + 40).min(pushed.len());
            let part = Part {
                base: &spans.base[first / BLOCK..end.div_ceil(BLOCK)],
                codes: &spans.codes[first..end],
                first,
            };
            part.decode(&spans.escapes, start..end + 5, &mut out);
            assert_eq!(out, pushed[start..end]);
            if first > 0 {
                part.decode(&spans.escapes, first - 1..end, &mut out);
                assert!(out.is_empty());
            }
        }
    }
}

/// The examples of this module's items (the module is internal, so
/// they run as unit tests rather than doc tests).
#[cfg(test)]
mod examples {
    #[test]
    fn spans_example() {
        use crate::spans::Spans;
        let mut spans = Spans::default();
        for (s, e) in [(0, 2), (3, 7), (9, 12)] {
            spans.push(s, e);
        }
        let mut out = Vec::new();
        spans.decode(1..3, &mut out);
        assert_eq!(out, [(3, 7), (9, 12)]);
    }
}
