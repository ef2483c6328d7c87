//! A window of one source's words as a search reads them: slices of the
//! store's arrays in memory, or, for a store opened from a file, the words
//! of that window derived again from the source's text.
//!
//! A store file keeps no per-word data (since format 5): a source's word ids,
//! flags and byte ranges are what tokenizing its text gives, so they are
//! made again when used instead of read. Building records where tokenizing
//! stood every 128 words (a checkpoint: byte offset and the little state
//! flags depend on), so a window is tokenized from the checkpoint before it
//! to a few words past it — a few hundred words, tens of microseconds —
//! rather than the whole source ([`crate::build::derive_window`]). The
//! derived words must be in the file's vocabulary, reach the window, and
//! fall where every checkpoint passed says; a file whose parts disagree is
//! corrupt.

#![forbid(unsafe_code)]

use std::ops::Range;

use crate::build::WindowWords;
use crate::spans::{BLOCK, Part};

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
    /// Derived from the text for the words from `Words::start` on.
    Plain(&'a [(u32, u32)]),
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
            WordSpans::Plain(spans) => {
                out.clear();
                let local = |p: usize| p.saturating_sub(self.start).min(spans.len());
                out.extend_from_slice(
                    &spans[local(range.start)..local(range.end).max(local(range.start))],
                );
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

/// The words derived into `window` of the source whose first word has
/// global position `source_start`.
pub(crate) fn derived(source_start: usize, window: &WindowWords) -> Words<'_> {
    Words {
        start: source_start + window.first,
        ids: &window.ids,
        flags: &window.flags,
        spans: WordSpans::Plain(&window.spans),
    }
}
