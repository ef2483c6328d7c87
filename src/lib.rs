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
//! The map of the crate, in the order data flows through it:
//!
//! | module | its one job |
//! |---|---|
//! | [`text`] | folding and word tokens with byte ranges |
//! | [`variants`] | word variants that keep the meaning, and words that don't |
//! | [`vocab`] | folded words interned as ids |
//! | [`source`] | a source, its metadata, its speaker turns |
//! | [`transcript`] | speaker labels, time stamps, cues: a transcript's layout |
//! | [`speaker`] | are two names the same person? |
//! | [`index`] | word-pair postings: a frozen tier and a delta |
//! | [`postings`] | delta-coded posting lists |
//! | [`spans`] | word byte ranges, packed two bytes a word |
//! | [`store`] | `Store`: sources, words, index; add, remove |
//! | [`persist`] | the store file: save, open, validate |
//! | `paged` | the large parts of a store file, read a checked piece at a time |
//! | `radix` | a stable radix sort for seed hits and pair buckets |
//! | [`quote`] | a quote's words, ellipses and brackets |
//! | [`align`] | word-level semi-global alignment |
//! | [`verdict`] | edits, flags and verdicts from an alignment |
//! | [`claim`] | who an article says spoke: person, role, group, organisation |
//! | [`check`] | `Checker`: seed, cluster, align, judge (evidence, speakers, splices) |
//! | [`extract`] | quotes and their speakers in article text |
//! | [`error`] | the one `Error` type |
//! | [`ffi`] | the C ABI (`include/quotecheck.h`), the only `unsafe` code |
#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod align;
pub mod check;
pub mod claim;
pub mod error;
pub mod extract;
mod fasthash;
pub mod ffi;
pub mod folder;
pub mod index;
mod paged;
pub mod persist;
pub mod postings;
pub mod quote;
mod radix;
pub mod source;
pub mod spans;
pub mod speaker;
pub mod store;
pub mod text;
pub mod transcript;
pub mod variants;
pub mod verdict;
pub mod vocab;
mod words;

pub use check::{
    Checker, MAX_ELLIPSIS_GAP_WORDS, MAX_QUOTE_BYTES, MAX_QUOTE_WORDS, MIN_FOUND_SCORE, Match,
    Report, SplicePart,
};
pub use claim::SpeakerKind;
pub use error::Error;
pub use source::{Source, SourceDoc, SourceKind, SpeakerAt};
pub use store::{MAX_SOURCE_BYTES, Store};
pub use text::CharIndex;
pub use verdict::{Change, Edit, EditOp, Flags, Verdict};

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
