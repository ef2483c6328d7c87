//! Checking: `qc_checker` checks one quote, or every quote of an article,
//! against a store, and keeps the results until its next call.

use super::boundary::{
    Failure, Handle, copy_array, copy_item, ffi_boundary, free_handle, guard_value, handle_mut,
    handle_ref, into_raw, opt_str_in, str_in, write_out,
};
use super::extract::{fill_quote, language_of, qc_quote};
use super::status::{QC_ERR_NO_RESULT, QC_ERR_OUT_OF_RANGE, QC_OK, qc_error, qc_status};
use super::store::qc_store;
use super::types::{
    QC_CLAIM_INFER, QC_SPEAKER_NAMED, QC_SPEAKER_NOT_GIVEN, QC_SPEAKER_ROLE, QC_SPEAKER_UNKNOWN,
    QC_VERDICT_NOT_FOUND, change_code, claim_code, op_code, qc_str, verdict_code,
};
use crate::SpeakerKind;
use crate::extract::{Extractor, QuoteKind};
use crate::text::CharIndex;
use crate::{Checker, Edit, Match, Report, SpeakerAt};

/// The outcome of one check.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct qc_report {
    /// `QC_VERDICT_*`: the best match's verdict, or `QC_VERDICT_NOT_FOUND`.
    pub verdict: u32,
    /// `QC_FLAG_*` bits of the best match.
    pub flags: u32,
    /// The best match's score, 0 to 1 (0 when not found).
    pub score: f32,
    /// How many spans were found (best first); 0 when not found.
    pub match_count: usize,
}

/// One side of a spliced quote (`QC_FLAG_SPLICED`): the quote's bytes and
/// where they were found.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct qc_part {
    /// Byte range of this part in the quote.
    pub quote_start: usize,
    /// End of that range (exclusive).
    pub quote_end: usize,
    /// The id of the source it was found in.
    pub source_id: qc_str,
    /// Byte range of the span in the source's text.
    pub source_start: usize,
    /// End of that range (exclusive).
    pub source_end: usize,
    /// The span's text.
    pub text: qc_str,
}

/// A span of a source that matches the quote.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct qc_match {
    /// `QC_VERDICT_*` for this span (misattributed when its speaker is not
    /// the one named).
    pub verdict: u32,
    /// `QC_VERDICT_*` for the words alone.
    pub text_verdict: u32,
    /// `QC_FLAG_*` bits.
    pub flags: u32,
    /// Score, 0 to 1.
    pub score: f32,
    /// The source's index in the store.
    pub source_index: usize,
    /// The source's id.
    pub source_id: qc_str,
    /// Byte offset of the span in the source text.
    pub start: usize,
    /// Byte offset where the span ends (exclusive).
    pub end: usize,
    /// `start` in code points of the source text.
    pub char_start: usize,
    /// `end` in code points of the source text.
    pub char_end: usize,
    /// The span's text.
    pub text: qc_str,
    /// `QC_SPEAKER_NAMED`, `QC_SPEAKER_ROLE`, `QC_SPEAKER_UNKNOWN` or
    /// `QC_SPEAKER_NOT_GIVEN`.
    pub speaker_kind: u32,
    /// Who speaks at the span (empty unless `QC_SPEAKER_NAMED` or
    /// `QC_SPEAKER_ROLE`).
    pub speaker: qc_str,
    /// The transcript's time stamp at the span, as written (may be empty).
    pub time: qc_str,
    /// How many edits this span has (read them with `qc_checker_edit`).
    pub edit_count: usize,
}

/// One difference between the quote and a source span.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct qc_edit {
    /// `QC_EDIT_REPLACE`, `QC_EDIT_INSERT` or `QC_EDIT_DELETE`.
    pub op: u32,
    /// `QC_CHANGE_*`: why (name with `qc_change_str`).
    pub change: u32,
    /// Byte range in the quote (in the article, for article checks); empty
    /// for a delete.
    pub quote_start: usize,
    /// End of that range.
    pub quote_end: usize,
    /// `quote_start` in code points.
    pub quote_char_start: usize,
    /// `quote_end` in code points.
    pub quote_char_end: usize,
    /// Byte range in the source text; empty for an insert.
    pub source_start: usize,
    /// End of that range.
    pub source_end: usize,
    /// `source_start` in code points.
    pub source_char_start: usize,
    /// `source_end` in code points.
    pub source_char_end: usize,
    /// The quote's text in the edit.
    pub quote_text: qc_str,
    /// The source's text in the edit.
    pub source_text: qc_str,
}

/// One quote of an article and what checking it found.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct qc_article_check {
    /// The quote, as extraction found it (offsets into the article).
    pub quote: qc_quote,
    /// Whether it was checked: speech quotes that are not nested are; the
    /// others are listed so a user sees what was skipped.
    pub checked: bool,
    /// `QC_OK`, or why the check could not run (`QC_ERR_EMPTY_QUOTE`,
    /// `QC_ERR_TOO_LARGE`).
    pub status: qc_status,
    /// The outcome (`QC_VERDICT_NOT_FOUND` and no matches when unchecked).
    pub report: qc_report,
    /// The best span; meaningful when `report.match_count > 0`. Its edits
    /// are read with `qc_checker_article_edit`.
    pub best: qc_match,
}

const EMPTY_MATCH: qc_match = qc_match {
    verdict: QC_VERDICT_NOT_FOUND,
    text_verdict: QC_VERDICT_NOT_FOUND,
    flags: 0,
    score: 0.0,
    source_index: 0,
    source_id: qc_str::EMPTY,
    start: 0,
    end: 0,
    char_start: 0,
    char_end: 0,
    text: qc_str::EMPTY,
    speaker_kind: QC_SPEAKER_NOT_GIVEN,
    speaker: qc_str::EMPTY,
    time: qc_str::EMPTY,
    edit_count: 0,
};

const NOT_FOUND: qc_report = qc_report {
    verdict: QC_VERDICT_NOT_FOUND,
    flags: 0,
    score: 0.0,
    match_count: 0,
};

/// Checks quotes against a store; owns all scratch space and the results
/// of its last call.
///
/// Made by `qc_checker_new`, freed by `qc_checker_free`. Reuse one per
/// thread: after warm-up a check allocates nothing.
///
/// Thread safety: one thread at a time (it may move between threads); many
/// checkers may share one store.
// The tag first, in C layout: a handle of the wrong type is refused by
// reading its first eight bytes, never past the end of a smaller object.
// Written as `cfg_attr(all(), ...)` so that cbindgen, which reads plain
// `repr` attributes only, keeps the type opaque in the header.
#[cfg_attr(all(), repr(C))]
pub struct qc_checker {
    pub(crate) magic: u64,
    checker: Checker,
    extractor: Extractor,
    quote: String,
    speaker: String,
    // The last single check.
    report: Option<qc_report>,
    /// Its correction (`review::suggested_text`), if `has_suggested`.
    suggested: String,
    has_suggested: bool,
    /// Its answer to "found elsewhere?" (a check at a claimed place only).
    found_elsewhere: Option<bool>,
    matches: Vec<qc_match>,
    match_edits: Vec<(usize, usize)>,
    parts: Vec<qc_part>,
    edits: Vec<qc_edit>,
    // The last article check.
    article: String,
    checked_article: bool,
    article_checks: Vec<qc_article_check>,
    article_edit_ranges: Vec<(usize, usize)>,
    article_edits: Vec<qc_edit>,
    /// Every article quote's correction, one after another, and each quote's
    /// range in it (`None`: no correction).
    article_fixes: String,
    article_fix_ranges: Vec<Option<(usize, usize)>>,
    /// Code-point offsets of the quote or article last checked.
    chars: CharIndex,
}

impl Handle for qc_checker {
    const MAGIC: u64 = 0x7163_6368_6563_6b21;
    const NAME: &'static str = "qc_checker";
}

// SAFETY: the raw pointers in the kept results point into the checker's own
// strings (which move with it: a `String`'s buffer stays put) and into a
// store, which is `Sync` and outlives the results by contract. The checker
// is used by one thread at a time, so moving it between threads is sound.
unsafe impl Send for qc_checker {}

/// A new checker.
///
/// Ownership: the caller owns it and frees it with `qc_checker_free`.
/// Returns NULL only if a panic was caught.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_new() -> *mut qc_checker {
    guard_value(std::ptr::null_mut(), || {
        into_raw(qc_checker {
            magic: qc_checker::MAGIC,
            checker: Checker::new(),
            extractor: Extractor::new(),
            quote: String::new(),
            speaker: String::new(),
            report: None,
            suggested: String::new(),
            has_suggested: false,
            found_elsewhere: None,
            matches: Vec::new(),
            match_edits: Vec::new(),
            parts: Vec::new(),
            chars: CharIndex::default(),
            edits: Vec::new(),
            article: String::new(),
            checked_article: false,
            article_checks: Vec::new(),
            article_edit_ranges: Vec::new(),
            article_edits: Vec::new(),
            article_fixes: String::new(),
            article_fix_ranges: Vec::new(),
        })
    })
}

/// Frees a checker. `NULL` is a no-op; its results become invalid.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_free(checker: *mut qc_checker) {
    guard_value((), || {
        // SAFETY: NULL or from `qc_checker_new`, not used again.
        unsafe { free_handle(checker, |c| c.magic = 0) }
    });
}

/// The extraction language for `qc_checker_check_article` (see
/// `qc_extractor_set_language`).
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_set_language(
    checker: *mut qc_checker,
    language: u32,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker` used by this thread only.
        let ch = unsafe { handle_mut(checker, "checker") }?;
        ch.extractor = Extractor::new().language(language_of(language)?);
        Ok(())
    })
}

fn match_of(m: &Match<'_>) -> qc_match {
    let source = m.source();
    let range = m.range();
    let chars = |at: usize| source.char_offset(at);
    let (speaker_kind, speaker) = match m.speaker() {
        SpeakerAt::Named(n) => (QC_SPEAKER_NAMED, qc_str::of(n)),
        SpeakerAt::Role(n) => (QC_SPEAKER_ROLE, qc_str::of(n)),
        SpeakerAt::Unknown => (QC_SPEAKER_UNKNOWN, qc_str::EMPTY),
        SpeakerAt::NotGiven => (QC_SPEAKER_NOT_GIVEN, qc_str::EMPTY),
    };
    qc_match {
        verdict: verdict_code(m.verdict()),
        text_verdict: verdict_code(m.text_verdict()),
        flags: m.flags().0,
        score: m.score(),
        source_index: m.source_index(),
        source_id: qc_str::of(m.source_id()),
        start: range.start,
        end: range.end,
        char_start: chars(range.start),
        char_end: chars(range.end),
        text: qc_str::of(m.text()),
        speaker_kind,
        speaker,
        time: m.time().map_or(qc_str::EMPTY, qc_str::of),
        edit_count: m.edits().len(),
    }
}

/// `offset` is added to quote offsets (the quote's place in an article);
/// `quote_text` is the text quote offsets index (the article or the quote),
/// and `chars` its code-point index.
fn edit_of(m: &Match<'_>, e: &Edit, quote_text: &str, chars: &CharIndex, offset: usize) -> qc_edit {
    let source = m.source();
    let (qs, qe) = (e.quote.0 as usize + offset, e.quote.1 as usize + offset);
    let (ss, se) = (e.source.0 as usize, e.source.1 as usize);
    qc_edit {
        op: op_code(e.op),
        change: change_code(e.change),
        quote_start: qs,
        quote_end: qe,
        quote_char_start: chars.char_offset(quote_text, qs),
        quote_char_end: chars.char_offset(quote_text, qe),
        source_start: ss,
        source_end: se,
        source_char_start: source.char_offset(ss),
        source_char_end: source.char_offset(se),
        quote_text: qc_str::of(m.quote_text(e)),
        source_text: qc_str::of(m.source_text(e)),
    }
}

fn report_of(r: &Report<'_>) -> qc_report {
    qc_report {
        verdict: verdict_code(r.verdict()),
        flags: r.flags().0,
        score: r.score(),
        match_count: r.match_count(),
    }
}

/// Checks one quote (UTF-8, copied) against every source of `store`.
/// `speaker` is who the article says spoke it (any form of the name), or
/// NULL. The outcome goes to `*out` when `out` is not NULL; the spans and
/// edits are read with `qc_checker_match`, `qc_checker_matches` and
/// `qc_checker_edit`.
///
/// Lifetime of the results: until the next `qc_checker_check` or
/// `qc_checker_check_article` on this checker, or `qc_checker_free`;
/// strings in them also need `store` alive.
/// Errors: `QC_ERR_EMPTY_QUOTE`, `QC_ERR_TOO_LARGE`, `QC_ERR_INVALID_UTF8`,
/// `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_HANDLE`. On error there is no result.
/// Thread safety: exclusive use of `checker`; `store` may be shared.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_check(
    checker: *mut qc_checker,
    store: *const qc_store,
    quote: *const u8,
    quote_len: usize,
    speaker: *const u8,
    speaker_len: usize,
    out: *mut qc_report,
    err: *mut qc_error,
) -> qc_status {
    qc_checker_check_as(
        checker,
        store,
        quote,
        quote_len,
        speaker,
        speaker_len,
        QC_CLAIM_INFER,
        out,
        err,
    )
}

/// Like `qc_checker_check`, with the kind of speaker the article names:
/// `QC_CLAIM_PERSON`, `QC_CLAIM_ROLE`, `QC_CLAIM_GROUP`,
/// `QC_CLAIM_ORGANISATION`, `QC_CLAIM_UNKNOWN`, or `QC_CLAIM_INFER` to infer
/// it from the name (what `qc_checker_check` does). Only a person can be
/// contradicted (`QC_VERDICT_MISATTRIBUTED`); a role, group or organisation
/// the source does not support gets `QC_FLAG_SPEAKER_UNVERIFIED`.
///
/// Lifetime, errors and thread safety: as `qc_checker_check`; an undefined
/// `speaker_kind` is `QC_ERR_OUT_OF_RANGE`.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn qc_checker_check_as(
    checker: *mut qc_checker,
    store: *const qc_store,
    quote: *const u8,
    quote_len: usize,
    speaker: *const u8,
    speaker_len: usize,
    speaker_kind: u32,
    out: *mut qc_report,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        let claimed_kind = claim_kind(speaker_kind)?;
        // SAFETY: a live `qc_checker` used by this thread only.
        let ch = unsafe { handle_mut(checker, "checker") }?;
        // SAFETY: a live `qc_store`, not being modified during the call.
        let st = unsafe { handle_ref(store, "store") }?;
        // SAFETY: `quote` points to `quote_len` readable bytes.
        let q = unsafe { str_in(quote, quote_len, "quote") }?;
        // SAFETY: `speaker` is NULL or `speaker_len` readable bytes.
        let s = unsafe { opt_str_in(speaker, speaker_len, "speaker") }?;
        let summary = check_into(ch, st, q, s, claimed_kind, None)?;
        if !out.is_null() {
            // SAFETY: non-NULL and writable (the contract).
            unsafe { write_out(out, summary, "out") }?;
        }
        Ok(())
    })
}

/// Checks a quote at the place it claims to come from, as a CMS that stores
/// citations knows it: the source `source_id` and a byte `offset` in it
/// (`SIZE_MAX`: anywhere in that source). The answer is for that place
/// first: when the words are found there, that match is the best one;
/// `qc_checker_found_elsewhere` then says whether they were found only in
/// another place. Otherwise as `qc_checker_check_as`.
///
/// Errors: those of `qc_checker_check_as`, and `QC_ERR_UNKNOWN_ID`.
/// Thread safety: exclusive use of `checker`; `store` may be shared.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_check_at(
    checker: *mut qc_checker,
    store: *const qc_store,
    quote: *const u8,
    quote_len: usize,
    speaker: *const u8,
    speaker_len: usize,
    speaker_kind: u32,
    source_id: *const u8,
    source_id_len: usize,
    offset: usize,
    out: *mut qc_report,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        let claimed_kind = claim_kind(speaker_kind)?;
        // SAFETY: a live `qc_checker` used by this thread only.
        let ch = unsafe { handle_mut(checker, "checker") }?;
        // SAFETY: a live `qc_store`, not being modified during the call.
        let st = unsafe { handle_ref(store, "store") }?;
        // SAFETY: `quote` points to `quote_len` readable bytes.
        let q = unsafe { str_in(quote, quote_len, "quote") }?;
        // SAFETY: `speaker` is NULL or `speaker_len` readable bytes.
        let s = unsafe { opt_str_in(speaker, speaker_len, "speaker") }?;
        // SAFETY: `source_id` points to `source_id_len` readable bytes.
        let id = unsafe { str_in(source_id, source_id_len, "source_id") }?;
        let at = (offset != usize::MAX).then_some(offset);
        let summary = check_into(ch, st, q, s, claimed_kind, Some((id, at)))?;
        if !out.is_null() {
            // SAFETY: non-NULL and writable (the contract).
            unsafe { write_out(out, summary, "out") }?;
        }
        Ok(())
    })
}

/// The correction an editor would print for the last single check (the
/// source's words for the span, `...` where the quote skipped text, its
/// `[brackets]` kept), into `*out`; `out->ptr` is NULL when there is none (a
/// faithful quote, misattributed words as said, a quote not found).
///
/// Lifetime: as the other results of the check (until the next check).
/// Errors: `QC_ERR_NO_RESULT`, `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_suggested_text(
    checker: *const qc_checker,
    out: *mut qc_str,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker`.
        let ch = unsafe { handle_ref(checker, "checker") }?;
        last_report(ch)?;
        let text = if ch.has_suggested {
            qc_str::of(&ch.suggested)
        } else {
            qc_str {
                ptr: std::ptr::null(),
                len: 0,
            }
        };
        // SAFETY: `out` is writable (the contract).
        unsafe { write_out(out, text, "out") }
    })
}

/// For the last check made with `qc_checker_check_at`: 1 when the words
/// were found only elsewhere than the claimed place, 0 when found there (or
/// nowhere); -1 after an ordinary check. Into `*out`.
///
/// Errors: `QC_ERR_NO_RESULT`, `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_found_elsewhere(
    checker: *const qc_checker,
    out: *mut i32,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker`.
        let ch = unsafe { handle_ref(checker, "checker") }?;
        last_report(ch)?;
        let value = ch.found_elsewhere.map_or(-1, i32::from);
        // SAFETY: `out` is writable (the contract).
        unsafe { write_out(out, value, "out") }
    })
}

/// One check into the checker's result buffers: a plain check, or at a
/// claimed place (`at`: source id and optional offset).
fn check_into(
    ch: &mut qc_checker,
    st: &qc_store,
    q: &str,
    s: Option<&str>,
    claimed_kind: Option<SpeakerKind>,
    at: Option<(&str, Option<usize>)>,
) -> Result<qc_report, Failure> {
    ch.report = None;
    ch.quote.clear();
    ch.quote.push_str(q);
    ch.speaker.clear();
    ch.speaker.push_str(s.unwrap_or(""));
    let qc_checker {
        checker,
        quote,
        speaker: speaker_copy,
        matches,
        match_edits,
        edits,
        parts,
        chars,
        suggested,
        has_suggested,
        found_elsewhere,
        ..
    } = ch;
    chars.build(quote);
    matches.clear();
    match_edits.clear();
    edits.clear();
    parts.clear();
    let speaker_arg = s.map(|_| speaker_copy.as_str());
    let kind = claimed_kind.unwrap_or_else(|| SpeakerKind::of(speaker_copy));
    let report = match at {
        None => checker.check_as(&st.store, quote, speaker_arg, kind)?,
        Some((id, offset)) => checker.check_at(&st.store, quote, speaker_arg, kind, id, offset)?,
    };
    for m in report.matches() {
        let first = edits.len();
        for e in m.edits() {
            edits.push(edit_of(&m, e, quote, chars, 0));
        }
        match_edits.push((first, edits.len()));
        matches.push(match_of(&m));
    }
    for p in report.parts() {
        let source = st.store.source(p.source_index());
        parts.push(qc_part {
            quote_start: p.quote_range().start,
            quote_end: p.quote_range().end,
            source_id: qc_str::of(source.id()),
            source_start: p.range().start,
            source_end: p.range().end,
            text: qc_str::of(source.text().get(p.range()).unwrap_or_default()),
        });
    }
    *has_suggested = crate::review::write_suggested_text(&report, suggested);
    *found_elsewhere = report.found_elsewhere();
    let summary = report_of(&report);
    ch.report = Some(summary);
    Ok(summary)
}

/// The kind a `QC_CLAIM_*` value names (`None` for `QC_CLAIM_INFER`).
fn claim_kind(value: u32) -> Result<Option<SpeakerKind>, Failure> {
    if value == QC_CLAIM_INFER {
        return Ok(None);
    }
    SpeakerKind::ALL
        .into_iter()
        .find(|&k| claim_code(k) == value)
        .map(Some)
        .ok_or_else(|| {
            Failure::new(
                QC_ERR_OUT_OF_RANGE,
                "speaker_kind is not a QC_CLAIM_* value",
            )
        })
}

fn last_report(ch: &qc_checker) -> Result<qc_report, Failure> {
    ch.report
        .ok_or_else(|| Failure::new(QC_ERR_NO_RESULT, "no quote checked yet"))
}

/// Edit `edit_index` of item `index`, whose edits are `edits[ranges[index]]`.
///
/// # Safety
/// `out` is NULL or writable.
unsafe fn copy_edit(
    ranges: &[(usize, usize)],
    edits: &[qc_edit],
    index: usize,
    what: &str,
    edit_index: usize,
    out: *mut qc_edit,
) -> Result<(), Failure> {
    let &(first, end) = ranges.get(index).ok_or_else(|| {
        Failure::new(
            QC_ERR_OUT_OF_RANGE,
            format!(
                "{what} index {index} is past the end ({} {what}s)",
                ranges.len()
            ),
        )
    })?;
    let own = edits.get(first..end).unwrap_or_default();
    // SAFETY: forwarded contract.
    unsafe { copy_item(own, edit_index, "edit", out) }
}

/// The outcome of the last `qc_checker_check`, into `*out`.
///
/// Errors: `QC_ERR_NO_RESULT`, `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_report(
    checker: *const qc_checker,
    out: *mut qc_report,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker`.
        let ch = unsafe { handle_ref(checker, "checker") }?;
        let r = last_report(ch)?;
        // SAFETY: writable (the contract).
        unsafe { write_out(out, r, "out") }
    })
}

/// The span at `index` (0 is the best) of the last check, into `*out`.
///
/// Lifetime: as for `qc_checker_check`'s results.
/// Errors: `QC_ERR_NO_RESULT`, `QC_ERR_OUT_OF_RANGE`, `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_match(
    checker: *const qc_checker,
    index: usize,
    out: *mut qc_match,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker`.
        let ch = unsafe { handle_ref(checker, "checker") }?;
        last_report(ch)?;
        // SAFETY: writable (the contract).
        unsafe { copy_item(&ch.matches, index, "match", out) }
    })
}

/// The parts of the last check's quote when it was spliced
/// (`QC_FLAG_SPLICED`: two, in quote order) into the caller's array `out`
/// of `capacity` elements; their number (0 when not spliced) goes to
/// `*count`. Too small a `capacity` (or a size query with `out` NULL) gives
/// `QC_ERR_BUFFER_TOO_SMALL` with only `*count` written.
///
/// Lifetime: as for `qc_checker_check`'s results.
/// Errors: `QC_ERR_NO_RESULT`, `QC_ERR_BUFFER_TOO_SMALL`, `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_parts(
    checker: *const qc_checker,
    out: *mut qc_part,
    capacity: usize,
    count: *mut usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker`.
        let ch = unsafe { handle_ref(checker, "checker") }?;
        last_report(ch)?;
        // SAFETY: `out` has room for `capacity` elements (the contract).
        unsafe { copy_array(&ch.parts, out, capacity, count) }
    })
}

/// Every span of the last check into the caller's array `out` of
/// `capacity` elements (no allocation); the number of spans goes to
/// `*count`. Too small a `capacity` (or a size query with `out` NULL) gives
/// `QC_ERR_BUFFER_TOO_SMALL` with only `*count` written.
///
/// Lifetime: as for `qc_checker_check`'s results.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_matches(
    checker: *const qc_checker,
    out: *mut qc_match,
    capacity: usize,
    count: *mut usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker`.
        let ch = unsafe { handle_ref(checker, "checker") }?;
        last_report(ch)?;
        // SAFETY: `out` has room for `capacity` elements (the contract).
        unsafe { copy_array(&ch.matches, out, capacity, count) }
    })
}

/// Edit `edit_index` of span `match_index` of the last check, into `*out`.
/// Quote offsets are into the quote as passed.
///
/// Lifetime: as for `qc_checker_check`'s results.
/// Errors: `QC_ERR_NO_RESULT`, `QC_ERR_OUT_OF_RANGE`, `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_edit(
    checker: *const qc_checker,
    match_index: usize,
    edit_index: usize,
    out: *mut qc_edit,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker`.
        let ch = unsafe { handle_ref(checker, "checker") }?;
        last_report(ch)?;
        // SAFETY: writable (the contract).
        unsafe {
            copy_edit(
                &ch.match_edits,
                &ch.edits,
                match_index,
                "match",
                edit_index,
                out,
            )
        }
    })
}

/// Extracts every quote of `article` (UTF-8, copied) and checks each speech
/// quote that is not nested, with the speaker extraction attributes. The
/// number of quotes (all of them, checked or not) goes to `*count`; read
/// them with `qc_checker_article_check`, `qc_checker_article_checks` and
/// `qc_checker_article_edit`. A quote that cannot be checked (no words, too
/// long) has its own `status`; the call still succeeds.
///
/// Lifetime of the results: until the next check on this checker or
/// `qc_checker_free`; strings in them also need `store` alive.
/// Errors: `QC_ERR_INVALID_UTF8`, `QC_ERR_NULL_ARG`, `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_check_article(
    checker: *mut qc_checker,
    store: *const qc_store,
    article: *const u8,
    article_len: usize,
    count: *mut usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker` used by this thread only.
        let ch = unsafe { handle_mut(checker, "checker") }?;
        ch.checked_article = false;
        ch.report = None;
        // SAFETY: a live `qc_store`, not being modified during the call.
        let st = unsafe { handle_ref(store, "store") }?;
        // SAFETY: `article` points to `article_len` readable bytes.
        let text = unsafe { str_in(article, article_len, "article") }?;
        if count.is_null() {
            return Err(Failure::null("count"));
        }
        ch.article.clear();
        ch.article.push_str(text);
        let qc_checker {
            checker,
            extractor,
            article,
            article_checks,
            article_edit_ranges,
            article_edits,
            article_fixes,
            article_fix_ranges,
            suggested: fix,
            chars,
            ..
        } = ch;
        chars.build(article);
        article_checks.clear();
        article_edit_ranges.clear();
        article_edits.clear();
        article_fixes.clear();
        article_fix_ranges.clear();
        let found = extractor.extract(article);
        for q in found.quotes() {
            let quote = fill_quote(article, chars, &found, q);
            let mut entry = qc_article_check {
                quote,
                checked: false,
                status: QC_OK,
                report: NOT_FOUND,
                best: EMPTY_MATCH,
            };
            let first = article_edits.len();
            let mut fixed = None;
            if q.kind == QuoteKind::Speech && q.nested_in.is_none() {
                entry.checked = true;
                let words = found.text_of(q);
                let name = found.speaker_name(q);
                let kind = name.map_or(SpeakerKind::Unknown, SpeakerKind::of);
                match checker.check_as(&st.store, words, name, kind) {
                    Ok(report) => {
                        entry.report = report_of(&report);
                        if crate::review::write_suggested_text(&report, fix) {
                            let at = article_fixes.len();
                            article_fixes.push_str(fix);
                            fixed = Some((at, article_fixes.len()));
                        }
                        if let Some(best) = report.best() {
                            entry.best = match_of(&best);
                            for e in best.edits() {
                                article_edits.push(edit_of(
                                    &best,
                                    e,
                                    article,
                                    chars,
                                    q.text.0 as usize,
                                ));
                            }
                        }
                    }
                    Err(e) => entry.status = super::status::status_of(&e),
                }
            }
            article_edit_ranges.push((first, article_edits.len()));
            article_fix_ranges.push(fixed);
            article_checks.push(entry);
        }
        ch.checked_article = true;
        // SAFETY: non-NULL and writable.
        unsafe { write_out(count, ch.article_checks.len(), "count") }
    })
}

fn last_article(ch: &qc_checker) -> Result<(), Failure> {
    if ch.checked_article {
        Ok(())
    } else {
        Err(Failure::new(QC_ERR_NO_RESULT, "no article checked yet"))
    }
}

/// The correction an editor would print for quote `index` of the last
/// article check (see `qc_checker_suggested_text`), into `*out`; `out->ptr`
/// is NULL when there is none.
///
/// Lifetime: as for `qc_checker_check_article`'s results.
/// Errors: `QC_ERR_NO_RESULT`, `QC_ERR_OUT_OF_RANGE`, `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_article_suggested_text(
    checker: *const qc_checker,
    index: usize,
    out: *mut qc_str,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker`.
        let ch = unsafe { handle_ref(checker, "checker") }?;
        last_article(ch)?;
        let range = ch.article_fix_ranges.get(index).ok_or_else(|| {
            Failure::new(
                QC_ERR_OUT_OF_RANGE,
                format!(
                    "quote {index} is past the {} quotes",
                    ch.article_fix_ranges.len()
                ),
            )
        })?;
        let text = match range {
            Some((a, b)) => qc_str::of(&ch.article_fixes[*a..*b]),
            None => qc_str {
                ptr: std::ptr::null(),
                len: 0,
            },
        };
        // SAFETY: `out` is writable (the contract).
        unsafe { write_out(out, text, "out") }
    })
}

/// Quote `index` of the last article check and its outcome, into `*out`.
///
/// Lifetime: as for `qc_checker_check_article`'s results.
/// Errors: `QC_ERR_NO_RESULT`, `QC_ERR_OUT_OF_RANGE`, `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_article_check(
    checker: *const qc_checker,
    index: usize,
    out: *mut qc_article_check,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker`.
        let ch = unsafe { handle_ref(checker, "checker") }?;
        last_article(ch)?;
        // SAFETY: writable (the contract).
        unsafe { copy_item(&ch.article_checks, index, "quote", out) }
    })
}

/// Every quote of the last article check into the caller's array (see
/// `qc_checker_matches` for the size query).
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_article_checks(
    checker: *const qc_checker,
    out: *mut qc_article_check,
    capacity: usize,
    count: *mut usize,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker`.
        let ch = unsafe { handle_ref(checker, "checker") }?;
        last_article(ch)?;
        // SAFETY: `out` has room for `capacity` elements (the contract).
        unsafe { copy_array(&ch.article_checks, out, capacity, count) }
    })
}

/// Edit `edit_index` of the best span of quote `quote_index` of the last
/// article check, into `*out`. Quote offsets are into the article.
///
/// Errors: `QC_ERR_NO_RESULT`, `QC_ERR_OUT_OF_RANGE`, `QC_ERR_NULL_ARG`,
/// `QC_ERR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn qc_checker_article_edit(
    checker: *const qc_checker,
    quote_index: usize,
    edit_index: usize,
    out: *mut qc_edit,
    err: *mut qc_error,
) -> qc_status {
    ffi_boundary!(err, {
        // SAFETY: a live `qc_checker`.
        let ch = unsafe { handle_ref(checker, "checker") }?;
        last_article(ch)?;
        // SAFETY: writable (the contract).
        unsafe {
            copy_edit(
                &ch.article_edit_ranges,
                &ch.article_edits,
                quote_index,
                "quote",
                edit_index,
                out,
            )
        }
    })
}
