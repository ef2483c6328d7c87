//! quotecheck: check quotations in news copy against the sources they came from.
//!
//! A reporter's draft says the mayor "will not raise taxes this year". Did she
//! say that, in those words? [`Store`] holds the source texts (transcripts,
//! speeches, statements) with an index over their words; a [`Checker`] finds
//! the best-matching span for a quote, aligns it word by word, and returns a
//! [`Report`]: a [`Verdict`], a score, [`Flags`] for meaning-critical changes,
//! and every [`Edit`] with byte ranges on both sides.
//!
//! ```
//! use quotecheck::{Checker, SourceDoc, Store, Verdict};
//! let mut store = Store::new();
//! store.add(SourceDoc::new("hearing", "MAYOR DIAZ:  I will not raise taxes this year.\n\nQ  Never?\n")
//!     .label("MAYOR DIAZ", "Ana Diaz"))?;
//! let mut checker = Checker::new();
//! let report = checker.check(&store, "will not raise taxes this year.", Some("Diaz"))?;
//! assert_eq!(report.verdict(), Verdict::Verbatim);
//! assert_eq!(report.best().unwrap().speaker().name(), Some("Ana Diaz"));
//! # Ok::<(), quotecheck::Error>(())
//! ```
//!
//! The public API is what the table's data flow needs from outside: [`Store`]
//! (with [`SourceDoc`] in, [`Source`] out, saved and opened as a file),
//! [`Checker`] giving a [`Report`] of [`Match`]es with [`Edit`]s, [`Verdict`],
//! [`Flags`], [`Change`] and [`SpeakerKind`]; [`extract::Extractor`] and its
//! [`extract::Quote`]s; [`folder`] for sources on disk; [`CharIndex`] for
//! code-point offsets; one [`Error`]. The modules below are internal
//! (`pub(crate)`); their names are listed for readers of the code.
//!
//! The map of the crate, in the order data flows through it:
//!
//! | module | its one job |
//! |---|---|
//! | `text` | folding and word tokens with byte ranges |
//! | `variants` | word variants that keep the meaning, and words that don't |
//! | `vocab` | folded words interned as ids |
//! | `source` | a source, its metadata, its speaker turns |
//! | `transcript` | speaker labels, time stamps, cues: a transcript's layout |
//! | `speaker` | are two names the same person? |
//! | `index` | word-pair postings: a frozen tier and a delta |
//! | `postings` | delta-coded posting lists |
//! | `spans` | word byte ranges, packed two bytes a word |
//! | `store` | `Store`: sources, words, index; add, remove |
//! | `persist` | the store file: save, open, validate |
//! | `paged` | the large parts of a store file, read a checked piece at a time |
//! | `radix` | a stable radix sort for seed hits and pair buckets |
//! | `quote` | a quote's words, ellipses and brackets |
//! | `align` | word-level semi-global alignment |
//! | `verdict` | edits, flags and verdicts from an alignment |
//! | `claim` | who an article says spoke: person, role, group, organisation |
//! | `check` | `Checker`: seed, cluster, align, judge (evidence, speakers, splices) |
//! | [`extract`] | quotes and their speakers in article text |
//! | [`review`] | the editor's view: sentences, corrections, the text and HTML reports |
//! | `error` | the one [`Error`] type |
//! | [`folder`] | source folders on disk: `sources.json` manifests, ids in a tree |
//! | `ffi` | the C ABI (`include/quotecheck.h`), the only `unsafe` code |
#![deny(unsafe_code)]
#![warn(missing_docs)]

mod align;
mod build;
mod check;
mod claim;
mod error;
pub mod extract;
mod fasthash;
// The C ABI: its functions are exported by symbol (include/quotecheck.h);
// the module is reachable from Rust only for the crate's own tests.
#[doc(hidden)]
pub mod ffi;
pub mod folder;
mod index;
mod paged;
mod parallel;
mod persist;
mod postings;
mod quote;
mod radix;
pub mod review;
mod source;
mod spans;
mod speaker;
mod store;
mod stored_text;
mod text;
mod transcript;
mod variants;
mod verdict;
mod vocab;
mod words;

pub use check::{
    Checker, MAX_ELLIPSIS_GAP_WORDS, MAX_QUOTE_BYTES, MAX_QUOTE_ELLIPSES, MAX_QUOTE_WORDS,
    MIN_FOUND_SCORE, Match, Report, SplicePart,
};
pub use claim::SpeakerKind;
pub use error::Error;
pub use persist::FORMAT_VERSION as STORE_FORMAT_VERSION;
pub use source::{Source, SourceDoc, SourceKind, SpeakerAt, TimeMark, Turn};
pub use store::{MAX_SOURCE_BYTES, Store};
pub use text::CharIndex;
pub use verdict::{Change, Edit, EditOp, Flags, Verdict};

/// Internals the crate's own integration tests, fuzz targets and benchmarks
/// reach for (the tokenizer a reference test compares against, a store
/// file's checksum resealer, name matching). Not part of the API: no semver
/// promise, hidden from the documentation.
#[doc(hidden)]
pub mod internals {
    pub use crate::persist::reseal;

    /// The text per batch of `Store::add_many` (0: the default, 16 MB), so
    /// that tests cross batches on small inputs.
    pub fn set_batch_bytes(store: &mut crate::Store, bytes: usize) {
        store.set_batch_bytes(bytes);
    }
    pub use crate::speaker::same_person;
    pub use crate::text::{fold_word_into, is_format_char, words};
}

#[cfg(test)]
mod thread_safety {
    fn assert_send_sync<T: Send + Sync>() {}
    #[test]
    fn store_is_shareable_and_checker_sendable() {
        assert_send_sync::<crate::Store>();
        fn assert_send<T: Send>() {}
        assert_send::<crate::Checker>();
    }
}
