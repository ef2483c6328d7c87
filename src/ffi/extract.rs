//! Quote extraction: `qc_extractor` finds the quotes of an article and who
//! said them.

use super::boundary::{
    Failure, Handle, copy_array, copy_item, ffi_boundary, free_handle, guard_value, handle_mut,
    handle_ref, into_raw, str_in, write_out,
};
use super::status::{QC_ERR_INVALID_ARG, QC_ERR_NO_RESULT, qc_error, qc_status};
use super::types::{qc_str, quote_kind_code};
use crate::extract::{Extraction, Extractor, Language, Quote};
use crate::text::CharIndex;

/// `QC_NO_INDEX` (`SIZE_MAX`): an index or offset that does not exist.
pub(crate) const NO_INDEX: usize = usize::MAX;

/// Extraction language: chosen per article from its function words.
pub const QC_LANGUAGE_AUTO: u32 = 0;
/// Extraction language: English cue words.
pub const QC_LANGUAGE_ENGLISH: u32 = 1;
/// Extraction language: German cue words.
pub const QC_LANGUAGE_GERMAN: u32 = 2;

/// One quoted span of an article, as extraction found it. Offsets are into
/// the article the caller passed; `start`/`end` bound the text inside the
/// marks.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct qc_quote {
    /// Byte offset of the quoted text (inside the marks).
    pub start: usize,
    /// Byte offset where the quoted text ends (exclusive).
    pub end: usize,
    /// `start` in code points.
    pub char_start: usize,
    /// `end` in code points.
    pub char_end: usize,
    /// Byte offset of the opening mark.
    pub open_start: usize,
    /// Byte offset just past the closing mark (the paragraph's end for a
    /// quote that continues into the next paragraph).
    pub close_end: usize,
    /// The paragraph (0-based, counting non-empty lines).
    pub paragraph: u32,
    /// `QC_QUOTE_SPEECH` or `QC_QUOTE_OTHER`.
    pub kind: u32,
    /// The attribution rule (name with `qc_rule_str`); 0 when no speaker.
    pub rule: u32,
    /// This piece continues the previous paragraph's open quote.
    pub continued: bool,
    /// No closing mark: the quote goes on in the next paragraph.
    pub open_end: bool,
    /// Whether a speaker was found (`speaker` and the mention are set).
    pub has_speaker: bool,
    /// Index of the quote this one is nested in, or `QC_NO_INDEX`.
    pub nested_in: usize,
    /// The quoted text.
    pub text: qc_str,
    /// The speaker's canonical name (empty when none).
    pub speaker: qc_str,
    /// The speaker mention as written (empty when none).
    pub speaker_mention: qc_str,
    /// Byte offset of the mention in the article, or `QC_NO_INDEX`.
    pub speaker_start: usize,
    /// Byte offset where the mention ends, or `QC_NO_INDEX`.
    pub speaker_end: usize,
}

/// `chars` indexes `article` (built once per article: offsets in one pass).
pub(crate) fn fill_quote(
    article: &str,
    chars: &CharIndex,
    found: &Extraction<'_>,
    q: &Quote,
) -> qc_quote {
    let chars = |at: u32| chars.char_offset(article, at as usize);
    let (speaker_start, speaker_end) = q
        .speaker_mention
        .map_or((NO_INDEX, NO_INDEX), |(s, e)| (s as usize, e as usize));
    qc_quote {
        start: q.text.0 as usize,
        end: q.text.1 as usize,
        char_start: chars(q.text.0),
        char_end: chars(q.text.1),
        open_start: q.open_mark.0 as usize,
        close_end: q.close_mark.1 as usize,
        paragraph: q.paragraph,
        kind: quote_kind_code(q.kind),
        rule: q.rule as u32,
        continued: q.continued,
        open_end: q.open_end,
        has_speaker: q.speaker.is_some(),
        nested_in: q.nested_in.map_or(NO_INDEX, |i| i as usize),
        text: qc_str::of(found.text_of(q)),
        speaker: found.speaker_name(q).map_or(qc_str::EMPTY, qc_str::of),
        speaker_mention: found.speaker_mention(q).map_or(qc_str::EMPTY, qc_str::of),
        speaker_start,
        speaker_end,
    }
}

/// Finds the quotes of articles; keeps the last article's results.
///
/// Made by `qc_extractor_new`, freed by `qc_extractor_free`.
/// Thread safety: one thread at a time (it may move between threads).
// The tag first, in C layout: a handle of the wrong type is refused by
// reading its first eight bytes, never past the end of a smaller object.
// Written as `cfg_attr(all(), ...)` so that cbindgen, which reads plain
// `repr` attributes only, keeps the type opaque in the header.
#[cfg_attr(all(), repr(C))]
pub struct qc_extractor {
    pub(crate) magic: u64,
    extractor: Extractor,
    article: String,
    quotes: Vec<qc_quote>,
    extracted: bool,
    /// Code-point offsets of `article`, built once per extraction.
    chars: CharIndex,
}

impl Handle for qc_extractor {
    const MAGIC: u64 = 0x7163_6578_7472_6163;
    const NAME: &'static str = "qc_extractor";
}

// SAFETY: the raw pointers inside `quotes` point into `self.article`, which
// moves with the handle (a `String`'s buffer stays where it is), so the
// handle can move to another thread; it is not `Sync` (one thread at a time).
unsafe impl Send for qc_extractor {}

/// A new extractor (language `QC_LANGUAGE_AUTO`, single marks may open a
/// quote).
///
/// Ownership: the caller owns it and frees it with `qc_extractor_free`.
/// Returns NULL only if a panic was caught.
#[unsafe(no_mangle)]
pub extern "C" fn qc_extractor_new() -> *mut qc_extractor {
    guard_value(std::ptr::null_mut(), || {
        into_raw(qc_extractor {
            magic: qc_extractor::MAGIC,
            extractor: Extractor::new(),
            article: String::new(),
            quotes: Vec::new(),
            extracted: false,
            chars: CharIndex::default(),
        })
    })
}

/// Frees an extractor. `NULL` is a no-op; its results become invalid.
#[unsafe(no_mangle)]
pub extern "C" fn qc_extractor_free(extractor: *mut qc_extractor) {
    guard_value((), || {
        // SAFETY: NULL or from `qc_extractor_new`, not used again.
        unsafe { free_handle(extractor, |e| e.magic = 0) }
    });
}

/// Chooses the cue words: `QC_LANGUAGE_AUTO`, `QC_LANGUAGE_ENGLISH` or
/// `QC_LANGUAGE_GERMAN`.
///
/// Errors: `QC_ERR_INVALID_ARG` for another value, `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_extractor_set_language(
    extractor: *mut qc_extractor,
    language: u32,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_extractor` used by this thread only.
        let ex = unsafe { handle_mut(extractor, "extractor") }?;
        let language = language_of(language)?;
        ex.extractor = Extractor::new().language(language);
        Ok(())
    })
}

pub(crate) fn language_of(language: u32) -> Result<Language, Failure> {
    match language {
        QC_LANGUAGE_AUTO => Ok(Language::Auto),
        QC_LANGUAGE_ENGLISH => Ok(Language::English),
        QC_LANGUAGE_GERMAN => Ok(Language::German),
        other => Err(Failure::new(
            QC_ERR_INVALID_ARG,
            format!("argument `language`: {other} is not a QC_LANGUAGE_* value"),
        )),
    }
}

/// Extracts the quotes of `article` (UTF-8, copied); the number of quotes
/// (speech and other, nested ones included) goes to `*count`.
///
/// Errors: `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_UTF8`, `QC_ERR_INVALID_HANDLE`.
/// On error the previous results are gone.
#[unsafe(no_mangle)]
pub extern "C" fn qc_extractor_extract(
    extractor: *mut qc_extractor,
    article: *const u8,
    article_len: usize,
    count: *mut usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_extractor` used by this thread only.
        let ex = unsafe { handle_mut(extractor, "extractor") }?;
        ex.extracted = false;
        ex.quotes.clear();
        if count.is_null() {
            return Err(Failure::null("count"));
        }
        // SAFETY: `article` points to `article_len` readable bytes.
        let text = unsafe { str_in(article, article_len, "article") }?;
        ex.article.clear();
        ex.article.push_str(text);
        let qc_extractor {
            extractor,
            article,
            quotes,
            chars,
            ..
        } = ex;
        chars.build(article);
        let found = extractor.extract(article);
        for q in found.quotes() {
            quotes.push(fill_quote(article, chars, &found, q));
        }
        ex.extracted = true;
        // SAFETY: `count` is non-NULL and writable.
        unsafe { write_out(count, ex.quotes.len(), "count") }
    })
}

/// The quote at `index` of the last extraction, into `*out`.
///
/// Lifetime: strings point into the extractor's copy of the article; valid
/// until the next `qc_extractor_extract` on it or `qc_extractor_free`.
/// Errors: `QC_ERR_NO_RESULT`, `QC_ERR_OUT_OF_RANGE`, `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_extractor_quote(
    extractor: *const qc_extractor,
    index: usize,
    out: *mut qc_quote,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_extractor`.
        let ex = unsafe { handle_ref(extractor, "extractor") }?;
        if !ex.extracted {
            return Err(Failure::new(QC_ERR_NO_RESULT, "no article extracted yet"));
        }
        // SAFETY: `out` is writable (the contract).
        unsafe { copy_item(&ex.quotes, index, "quote", out) }
    })
}

/// All quotes of the last extraction into the caller's array `out` of
/// `capacity` elements; the number of quotes goes to `*count`. With
/// `capacity` too small (or `out` NULL and `capacity` 0, a size query) only
/// `*count` is written and the status is `QC_ERR_BUFFER_TOO_SMALL` (or
/// `QC_OK` for an exact size query of 0 quotes).
///
/// Lifetime: as for `qc_extractor_quote`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_extractor_quotes(
    extractor: *const qc_extractor,
    out: *mut qc_quote,
    capacity: usize,
    count: *mut usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_extractor`.
        let ex = unsafe { handle_ref(extractor, "extractor") }?;
        if !ex.extracted {
            return Err(Failure::new(QC_ERR_NO_RESULT, "no article extracted yet"));
        }
        // SAFETY: `out` has room for `capacity` elements (the contract).
        unsafe { copy_array(&ex.quotes, out, capacity, count) }
    })
}
