//! The one error type of the crate.

#![forbid(unsafe_code)]

use thiserror::Error;

/// Everything that can go wrong when building a store or checking a quote.
///
/// Each variant is a distinct condition a caller may want to handle on its
/// own; the C ABI maps each to its own status code.
///
/// ```
/// use quotecheck::{Checker, Error, Store};
/// let store = Store::new();
/// let mut checker = Checker::new();
/// assert!(matches!(checker.check(&store, "  ", None), Err(Error::EmptyQuote)));
/// ```
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// The quote has no words at all (empty, spaces or punctuation only).
    #[error("the quote is empty: it has no words")]
    EmptyQuote,
    /// The quote is longer than [`crate::MAX_QUOTE_BYTES`], or has more than
    /// [`crate::check::MAX_QUOTE_ELLIPSES`] ellipses or more than
    /// [`crate::MAX_QUOTE_WORDS`] words.
    #[error("the quote is too long: {len} {unit} (limit {limit})")]
    QuoteTooLong {
        /// The quote's size.
        len: usize,
        /// The limit it broke.
        limit: usize,
        /// `"bytes"`, `"words"` or `"ellipses"`.
        unit: &'static str,
    },
    /// A source with this id is already in the store.
    #[error("duplicate source id {0:?}")]
    DuplicateSourceId(String),
    /// A source id must not be empty.
    #[error("a source id must not be empty")]
    EmptySourceId,
    /// A source is larger than [`crate::MAX_SOURCE_BYTES`], or the store would
    /// hold more words than its 32-bit positions can address.
    #[error("source {id:?} is too large: {len} bytes (limit {limit})")]
    SourceTooLarge {
        /// The source's id.
        id: String,
        /// Its size in bytes.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// Byte input that is not UTF-8.
    #[error("invalid UTF-8 in {what} at byte {offset}")]
    InvalidUtf8 {
        /// What the bytes were (`"quote"`, `"source text"`, ...).
        what: &'static str,
        /// The offset of the first invalid byte.
        offset: usize,
    },
    /// No source with this id.
    #[error("no source with id {0:?}")]
    UnknownSourceId(String),
    /// Reading or writing a store file failed.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        message: String,
    },
    /// The file is not a quotecheck store (wrong magic number).
    #[error("not a quotecheck store file")]
    NotAStore,
    /// The store file was written by a newer version of the format.
    #[error(
        "store file format version {found} is not one this library reads (it reads {supported}); rebuild the store from its sources or use a matching library"
    )]
    UnsupportedVersion {
        /// The file's format version.
        found: u32,
        /// The newest version this library reads.
        supported: u32,
    },
    /// Memory for an operation could not be reserved: a buffer the input
    /// asked for (within the documented limits) is larger than the system
    /// gives. Nothing was changed.
    #[error("out of memory: {bytes} bytes for {what}")]
    OutOfMemory {
        /// What the memory was for.
        what: &'static str,
        /// How many bytes were asked for.
        bytes: usize,
    },
    /// The store file was saved by someone else since this store was opened
    /// from it: saving now would lose their update. Open it again, apply the
    /// change, and save.
    #[error(
        "{path}: the store file changed since it was opened (another update saved it); open it again and retry"
    )]
    StoreChanged {
        /// The file.
        path: String,
    },
    /// The store file is damaged (truncated, altered, or inconsistent).
    #[error("the store file is damaged: {0}")]
    CorruptStore(String),
    /// A `sources.json` manifest is broken or lists a file that is missing
    /// (the message names the entry and the field).
    #[error("{path}: {message}")]
    Manifest {
        /// The manifest's path.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// A zeroed buffer of `len` elements, or [`Error::OutOfMemory`] when the
/// system cannot give it (an allocation failure must not abort the host).
pub fn try_zeroed<T: Default + Clone>(len: usize, what: &'static str) -> Result<Vec<T>, Error> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| Error::OutOfMemory {
        what,
        bytes: len.saturating_mul(std::mem::size_of::<T>()),
    })?;
    v.resize(len, T::default());
    Ok(v)
}

/// The examples of this module's items (the module is internal, so
/// they run as unit tests rather than doc tests).
#[cfg(test)]
mod examples {
    #[test]
    fn try_zeroed_example() {
        let v: Vec<u8> = crate::error::try_zeroed(16, "a piece").unwrap();
        assert_eq!(v.len(), 16);
        assert!(crate::error::try_zeroed::<u64>(usize::MAX / 4, "too much").is_err());
    }
}
