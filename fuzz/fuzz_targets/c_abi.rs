//! The C ABI's byte-taking entry points fed arbitrary bytes (any UTF-8,
//! invalid or not): each returns a status, never unwinds or aborts, and
//! what it reports can be read back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotecheck::ffi::checker::*;
use quotecheck::ffi::extract::*;
use quotecheck::ffi::status::*;
use quotecheck::ffi::store::*;
use std::ptr::null_mut;

fuzz_target!(|data: &[u8]| {
    // source \0 quote \0 speaker \0 label
    let mut parts = data.splitn(4, |&b| b == 0);
    let source = parts.next().unwrap_or_default();
    let quote = parts.next().unwrap_or_default();
    let speaker = parts.next().unwrap_or_default();
    let label = parts.next().unwrap_or_default();
    let err = qc_error_new();
    let store = qc_store_new();
    let checker = qc_checker_new();
    let mut src = null_mut();
    if qc_source_new(b"s".as_ptr(), 1, source.as_ptr(), source.len(), &mut src, err) == QC_OK {
        let _ = qc_source_add_label(src, label.as_ptr(), label.len(), speaker.as_ptr(), speaker.len(), err);
        let _ = qc_store_add(store, src, null_mut(), err);
        qc_source_free(src);
    }
    let mut report = qc_report {
        verdict: 0,
        flags: 0,
        score: 0.0,
        match_count: 0,
    };
    if qc_checker_check(checker, store, quote.as_ptr(), quote.len(), speaker.as_ptr(), speaker.len(), &mut report, err) == QC_OK {
        let mut count = 0usize;
        // A size query: every span counted, none copied.
        let status = qc_checker_matches(checker, null_mut(), 0, &mut count, err);
        assert!(status == QC_OK || status == QC_ERR_BUFFER_TOO_SMALL);
        assert_eq!(count, report.match_count);
    }
    let mut count = 0usize;
    let _ = qc_checker_check_article(checker, store, source.as_ptr(), source.len(), &mut count, err);
    let ex = qc_extractor_new();
    let mut n = 0usize;
    let _ = qc_extractor_extract(ex, quote.as_ptr(), quote.len(), &mut n, err);
    let _ = qc_error_message(err, null_mut());
    qc_extractor_free(ex);
    qc_checker_free(checker);
    qc_store_free(store);
    qc_error_free(err);
});
