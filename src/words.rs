//! One source's word arrays as a search reads them: slices of the store's
//! arrays in memory, or, for a store opened from a file, that source's
//! words derived again from its text the first time a search needs them.
//!
//! A store file keeps no per-word data (format 5): each source's word ids,
//! flags and byte ranges are what tokenizing its text gives
//! ([`crate::build::derive`]: its layout read, its words numbered by the
//! file's vocabulary), so they are made again when used instead of read —
//! about as fast as reading them (tokenizing runs at well over 100 MB/s a
//! core, and the text is read either way) for a file a third of the size.
//! A search window never leaves its source, so a source is the unit made.
//! The derived words must be as many as the file's record says and every
//! one in its vocabulary; a file whose texts and vocabulary disagree is
//! corrupt.

#![forbid(unsafe_code)]

use std::ops::Range;
use std::sync::OnceLock;

use crate::build::{Derived, derive};
use crate::error::Error;
use crate::paged::get_or_load;
use crate::source::Source;
use crate::spans::{BLOCK, Part, Spans};
use crate::vocab::Vocab;

/// The words of one source.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Words<'a> {
    /// The global position of `ids[0]`.
    pub start: usize,
    pub ids: &'a [u32],
    pub flags: &'a [u8],
    spans: WordSpans<'a>,
}

/// Where a source's byte ranges come from.
#[derive(Clone, Copy, Debug)]
enum WordSpans<'a> {
    /// The store's packed arrays, from the block holding the first word.
    Store(Part<'a>),
    /// The source's own, packed from its first word as position 0.
    Own(&'a Spans),
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

    /// Replaces `out` with the byte ranges of the global positions `range`
    /// (clamped to this source); `escapes` are the store's (for words in
    /// memory).
    pub fn spans(
        &self,
        escapes: &[(u32, u32, u32)],
        range: Range<usize>,
        out: &mut Vec<(u32, u32)>,
    ) {
        match self.spans {
            WordSpans::Store(part) => part.decode(escapes, range, out),
            WordSpans::Own(spans) => {
                let local = |p: usize| p.saturating_sub(self.start);
                spans.decode(local(range.start)..local(range.end), out);
            }
        }
    }
}

/// The words of the store's arrays in memory, for source words `words`.
pub(crate) fn in_memory<'a>(
    ids: &'a [u32],
    flags: &'a [u8],
    base: &'a [u32],
    codes: &'a [u16],
    words: &Range<u32>,
) -> Words<'a> {
    let (s, e) = (
        words.start as usize,
        (words.end as usize).max(words.start as usize),
    );
    // Ranges decode from the start of the block holding the first word.
    let first = s - s % BLOCK;
    Words {
        start: s,
        spans: WordSpans::Store(Part {
            first,
            base: base
                .get(first / BLOCK..e.div_ceil(BLOCK).max(first / BLOCK))
                .unwrap_or(&[]),
            codes: codes.get(first..e).unwrap_or(&[]),
        }),
        ids: ids.get(s..e).unwrap_or(&[]),
        flags: flags.get(s..e).unwrap_or(&[]),
    }
}

/// The words of a store opened from a file: each source's derived from
/// its text when first used, then kept.
#[derive(Debug, Default)]
pub(crate) struct StoredWords {
    made: Vec<OnceLock<Derived>>,
}

impl StoredWords {
    /// Room for `sources` sources' words, none made yet.
    pub fn new(sources: usize) -> Self {
        StoredWords {
            made: (0..sources).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Heap bytes of the words made so far.
    pub fn heap_bytes(&self) -> usize {
        self.made
            .iter()
            .filter_map(OnceLock::get)
            .map(|d| d.ids.len() * 5 + d.spans.heap_bytes())
            .sum::<usize>()
            + self.made.len() * std::mem::size_of::<OnceLock<Derived>>()
    }

    /// The words of source `index` (`src`, with global positions `words`),
    /// made from its text the first time.
    pub fn get<'a>(
        &'a self,
        index: usize,
        src: &Source,
        words: &Range<u32>,
        vocab: &Vocab,
    ) -> Result<Words<'a>, Error> {
        let Some(cell) = self.made.get(index) else {
            return Err(Error::CorruptStore("no such source's words".into()));
        };
        let made = get_or_load(cell, || {
            let text = src.try_text()?;
            match derive(&src.doc, text, vocab) {
                Some(d) if d.ids.len() == words.len() => Ok(d),
                _ => Err(Error::CorruptStore(format!(
                    "source {:?}: its text and the store's vocabulary or word count disagree",
                    src.doc.id
                ))),
            }
        })?;
        Ok(Words {
            start: words.start as usize,
            ids: &made.ids,
            flags: &made.flags,
            spans: WordSpans::Own(&made.spans),
        })
    }
}
