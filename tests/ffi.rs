//! The C ABI exercised from Rust: the same calls a C caller makes, on the
//! bundled sources, plus every kind of bad input.

mod common;

use std::ptr::{null, null_mut};

use quotecheck::ffi::checker::*;
use quotecheck::ffi::extract::*;
use quotecheck::ffi::status::*;
use quotecheck::ffi::store::*;
use quotecheck::ffi::types::*;

fn s(x: &qc_str) -> &str {
    // SAFETY: the library returns valid UTF-8 of `len` bytes that lives as
    // long as the handle it came from, which outlives every use here.
    unsafe { std::str::from_utf8(std::slice::from_raw_parts(x.ptr.cast(), x.len)).unwrap() }
}

fn message(err: *const qc_error) -> String {
    let p = qc_error_message(err, null_mut());
    // SAFETY: NUL-terminated.
    unsafe { std::ffi::CStr::from_ptr(p) }
        .to_str()
        .unwrap()
        .to_string()
}

/// The demo store, built through the C ABI from the manifest's metadata.
/// The bundled sources as `qc_source`s, with the manifest's metadata (the
/// caller frees them).
fn demo_sources() -> Vec<*mut qc_source> {
    let err = qc_error_new();
    let manifest: serde_json::Value =
        serde_json::from_str(&common::read("sources/sources.json")).unwrap();
    let mut out = Vec::new();
    for entry in manifest.as_array().unwrap() {
        let id = entry["id"].as_str().unwrap();
        let text = common::read(&format!("sources/{}", entry["file"].as_str().unwrap()));
        let mut src = null_mut();
        assert_eq!(
            qc_source_new(
                id.as_ptr(),
                id.len(),
                text.as_ptr(),
                text.len(),
                &mut src,
                err
            ),
            QC_OK
        );
        if let Some(sp) = entry["speaker"].as_str() {
            assert_eq!(
                qc_source_set_speaker(src, sp.as_ptr(), sp.len(), err),
                QC_OK
            );
        }
        if let Some(map) = entry["speakers"].as_object() {
            for (label, person) in map {
                let person = person.as_str().unwrap();
                assert_eq!(
                    qc_source_add_label(
                        src,
                        label.as_ptr(),
                        label.len(),
                        person.as_ptr(),
                        person.len(),
                        err
                    ),
                    QC_OK
                );
            }
        }
        out.push(src);
    }
    qc_error_free(err);
    out
}

/// The demo store, its sources added one by one.
fn demo_store() -> *mut qc_store {
    let store = qc_store_new();
    let err = qc_error_new();
    for src in demo_sources() {
        let mut index = usize::MAX;
        assert_eq!(
            qc_store_add(store, src, &mut index, err),
            QC_OK,
            "{}",
            message(err)
        );
        assert_eq!(index + 1, qc_store_len(store));
        qc_source_free(src);
    }
    qc_error_free(err);
    store
}

#[test]
fn checks_through_the_abi_agree_with_the_rust_api() {
    let store = demo_store();
    let rust_store = common::demo_store();
    let checker = qc_checker_new();
    let mut rust = quotecheck::Checker::new();
    let err = qc_error_new();
    for (quote, speaker) in [
        (
            "Military personnel will not directly participate in law enforcement activities.",
            Some("Ryder"),
        ),
        (
            "Military personnel will directly participate in law enforcement activities.",
            Some("Ryder"),
        ),
        (
            "no indication of aliens or extraterrestrial activity",
            Some("Karine Jean-Pierre"),
        ),
        ("We have no plans to raise taxes on the moon.", None),
    ] {
        let mut report = qc_report {
            verdict: 99,
            flags: 0,
            score: 0.0,
            match_count: 0,
        };
        let (sp, sl) = speaker.map_or((null(), 0), |x: &str| (x.as_ptr(), x.len()));
        assert_eq!(
            qc_checker_check(
                checker,
                store,
                quote.as_ptr(),
                quote.len(),
                sp,
                sl,
                &mut report,
                err
            ),
            QC_OK,
            "{}",
            message(err)
        );
        let want = rust.check(&rust_store, quote, speaker).unwrap();
        assert_eq!(report.verdict, want.verdict() as u32, "{quote}");
        assert_eq!(report.match_count, want.match_count());
        assert_eq!(report.flags, want.flags().0);
        if let Some(best) = want.best() {
            let mut m = std::mem::MaybeUninit::<qc_match>::uninit();
            assert_eq!(qc_checker_match(checker, 0, m.as_mut_ptr(), err), QC_OK);
            // SAFETY: written on QC_OK.
            let m = unsafe { m.assume_init() };
            // (The manifest's ids differ from tests/common.rs's; the span
            // and its text do not.)
            assert!(!s(&m.source_id).is_empty());
            assert_eq!((m.start, m.end), (best.range().start, best.range().end));
            assert_eq!(s(&m.text), best.text());
            let text = best.source().text();
            assert_eq!(m.char_start, text[..m.start].chars().count());
            assert_eq!(m.edit_count, best.edits().len());
            for (i, e) in best.edits().iter().enumerate() {
                let mut out = std::mem::MaybeUninit::<qc_edit>::uninit();
                assert_eq!(qc_checker_edit(checker, 0, i, out.as_mut_ptr(), err), QC_OK);
                // SAFETY: written on QC_OK.
                let out = unsafe { out.assume_init() };
                assert_eq!(
                    (out.quote_start, out.quote_end),
                    (e.quote.0 as usize, e.quote.1 as usize)
                );
                assert_eq!(s(&out.quote_text), best.quote_text(e));
                assert_eq!(s(&out.source_text), best.source_text(e));
            }
            // Past the last edit.
            let mut out = std::mem::MaybeUninit::<qc_edit>::uninit();
            assert_eq!(
                qc_checker_edit(checker, 0, best.edits().len(), out.as_mut_ptr(), err),
                QC_ERR_OUT_OF_RANGE
            );
        }
        // The caller's array with a size query first.
        let mut count = 0;
        let st = qc_checker_matches(checker, null_mut(), 0, &mut count, err);
        assert_eq!(count, want.match_count());
        assert_eq!(
            st,
            if count == 0 {
                QC_OK
            } else {
                QC_ERR_BUFFER_TOO_SMALL
            }
        );
        let mut buf = Vec::<qc_match>::with_capacity(count);
        assert_eq!(
            qc_checker_matches(checker, buf.as_mut_ptr(), count, &mut count, err),
            QC_OK
        );
    }
    qc_error_free(err);
    qc_checker_free(checker);
    qc_store_free(store);
}

#[test]
fn article_checks_give_the_cli_verdicts() {
    let store = demo_store();
    let checker = qc_checker_new();
    let article = common::read("article-dodnews-2023-05-02.txt");
    let mut count = 0;
    assert_eq!(
        qc_checker_check_article(
            checker,
            store,
            article.as_ptr(),
            article.len(),
            &mut count,
            null_mut()
        ),
        QC_OK
    );
    let mut checks = Vec::<qc_article_check>::with_capacity(count);
    let mut n = 0;
    assert_eq!(
        qc_checker_article_checks(checker, checks.as_mut_ptr(), count, &mut n, null_mut()),
        QC_OK
    );
    // SAFETY: `n` elements were written.
    unsafe { checks.set_len(n) };
    let verdicts: Vec<u32> = checks
        .iter()
        .filter(|c| c.checked)
        .map(|c| c.report.verdict)
        .collect();
    // The CLI's demo verdicts (tests/cli.rs): verbatim, verbatim, minor, not found.
    assert_eq!(
        verdicts,
        [
            QC_VERDICT_VERBATIM,
            QC_VERDICT_VERBATIM,
            QC_VERDICT_MINOR,
            QC_VERDICT_NOT_FOUND
        ]
    );
    for c in &checks {
        assert_eq!(&article[c.quote.start..c.quote.end], s(&c.quote.text));
        assert_eq!(c.quote.char_start, article[..c.quote.start].chars().count());
        if c.checked && c.report.match_count > 0 {
            assert_eq!(s(&c.best.speaker), "Pat Ryder");
        }
    }
    // Article edits index the article.
    let third = checks.iter().filter(|c| c.checked).nth(2).unwrap();
    let index = checks.iter().position(|c| std::ptr::eq(c, third)).unwrap();
    for i in 0..third.best.edit_count {
        let mut e = std::mem::MaybeUninit::<qc_edit>::uninit();
        assert_eq!(
            qc_checker_article_edit(checker, index, i, e.as_mut_ptr(), null_mut()),
            QC_OK
        );
        // SAFETY: written on QC_OK.
        let e = unsafe { e.assume_init() };
        assert_eq!(&article[e.quote_start..e.quote_end], s(&e.quote_text));
    }
    qc_checker_free(checker);
    qc_store_free(store);
}

#[test]
fn extraction_through_the_abi() {
    let ex = qc_extractor_new();
    let article =
        "“We will win,” said Sen. Jane Doe. The so-called “plan” failed. «Non», a-t-il dit.";
    let mut count = 0;
    assert_eq!(
        qc_extractor_extract(ex, article.as_ptr(), article.len(), &mut count, null_mut()),
        QC_OK
    );
    assert_eq!(count, 3);
    let mut q = std::mem::MaybeUninit::<qc_quote>::uninit();
    assert_eq!(qc_extractor_quote(ex, 0, q.as_mut_ptr(), null_mut()), QC_OK);
    // SAFETY: written on QC_OK.
    let q = unsafe { q.assume_init() };
    assert_eq!(s(&q.text), "We will win,");
    assert_eq!(s(&q.speaker), "Jane Doe");
    assert_eq!(&article[q.speaker_start..q.speaker_end], "Sen. Jane Doe");
    assert_eq!(q.kind, QC_QUOTE_SPEECH);
    assert_eq!(q.nested_in, usize::MAX);
    let mut q = std::mem::MaybeUninit::<qc_quote>::uninit();
    assert_eq!(qc_extractor_quote(ex, 1, q.as_mut_ptr(), null_mut()), QC_OK);
    // SAFETY: written on QC_OK.
    let q = unsafe { q.assume_init() };
    assert_eq!(
        (q.kind, q.has_speaker, q.speaker_start),
        (QC_QUOTE_OTHER, false, usize::MAX)
    );
    assert_eq!(
        qc_extractor_set_language(ex, 7, null_mut()),
        QC_ERR_INVALID_ARG
    );
    assert_eq!(
        qc_extractor_set_language(ex, QC_LANGUAGE_GERMAN, null_mut()),
        QC_OK
    );
    qc_extractor_free(ex);
}

#[test]
fn bad_input_is_a_status_never_a_crash() {
    let err = qc_error_new();
    let store = qc_store_new();
    let checker = qc_checker_new();
    let mut src = null_mut();
    let mut report = qc_report {
        verdict: 0,
        flags: 0,
        score: 0.0,
        match_count: 0,
    };
    // NULL where not allowed.
    assert_eq!(
        qc_source_new(null(), 3, b"x".as_ptr(), 1, &mut src, err),
        QC_ERR_NULL_ARG
    );
    assert!(message(err).contains("`id`"), "{}", message(err));
    assert_eq!(
        qc_source_new(b"a".as_ptr(), 1, b"x".as_ptr(), 1, null_mut(), err),
        QC_ERR_NULL_ARG
    );
    assert_eq!(
        qc_store_add(null_mut(), src, null_mut(), err),
        QC_ERR_NULL_ARG
    );
    assert_eq!(
        qc_checker_check(
            checker,
            null(),
            b"x".as_ptr(),
            1,
            null(),
            0,
            &mut report,
            err
        ),
        QC_ERR_NULL_ARG
    );
    // Invalid UTF-8, with the byte.
    let bad = b"ok \xff\xfe";
    assert_eq!(
        qc_source_new(b"a".as_ptr(), 1, bad.as_ptr(), bad.len(), &mut src, err),
        QC_ERR_INVALID_UTF8
    );
    assert!(message(err).contains("byte 3"), "{}", message(err));
    assert_eq!(
        qc_checker_check(
            checker,
            store,
            bad.as_ptr(),
            bad.len(),
            null(),
            0,
            &mut report,
            err
        ),
        QC_ERR_INVALID_UTF8
    );
    // Empty id, empty and oversized quotes.
    assert_eq!(
        qc_source_new(b"".as_ptr(), 0, b"x".as_ptr(), 1, &mut src, err),
        QC_ERR_EMPTY_ID
    );
    assert_eq!(
        qc_checker_check(
            checker,
            store,
            b" .".as_ptr(),
            2,
            null(),
            0,
            &mut report,
            err
        ),
        QC_ERR_EMPTY_QUOTE
    );
    let huge = "word ".repeat(10_000);
    assert_eq!(
        qc_checker_check(
            checker,
            store,
            huge.as_ptr(),
            huge.len(),
            null(),
            0,
            &mut report,
            err
        ),
        QC_ERR_TOO_LARGE
    );
    // Results before any successful check.
    let mut m = std::mem::MaybeUninit::<qc_match>::uninit();
    assert_eq!(
        qc_checker_match(checker, 0, m.as_mut_ptr(), err),
        QC_ERR_NO_RESULT
    );
    // Out-of-range enumeration values.
    assert_eq!(
        qc_source_new(b"a".as_ptr(), 1, b"x".as_ptr(), 1, &mut src, err),
        QC_OK
    );
    assert_eq!(qc_source_set_kind(src, 3, err), QC_ERR_INVALID_ARG);
    assert_eq!(qc_source_set_kind(src, u32::MAX, err), QC_ERR_INVALID_ARG);
    assert_eq!(qc_source_set_kind(src, QC_SOURCE_TRANSCRIPT, err), QC_OK);
    // A handle of the wrong type.
    assert_eq!(
        qc_checker_check(
            store.cast(),
            store,
            b"x".as_ptr(),
            1,
            null(),
            0,
            &mut report,
            err
        ),
        QC_ERR_INVALID_HANDLE
    );
    // Duplicate ids; the store is unchanged.
    assert_eq!(qc_store_add(store, src, null_mut(), err), QC_OK);
    assert_eq!(
        qc_store_add(store, src, null_mut(), err),
        QC_ERR_DUPLICATE_ID
    );
    assert_eq!(qc_store_len(store), 1);
    // Unknown ids and indexes past the end.
    let mut index = 0;
    assert_eq!(
        qc_store_find(store, b"nope".as_ptr(), 4, &mut index, err),
        QC_ERR_UNKNOWN_ID
    );
    let mut id = qc_str::default();
    assert_eq!(
        qc_store_source_id(store, 5, &mut id, err),
        QC_ERR_OUT_OF_RANGE
    );
    assert_eq!(qc_store_source_id(store, 0, &mut id, err), QC_OK);
    assert_eq!(s(&id), "a");
    // Status names, including one this version does not define.
    // SAFETY: static NUL-terminated strings.
    let name = |st| {
        unsafe { std::ffi::CStr::from_ptr(qc_status_str(st)) }
            .to_str()
            .unwrap()
    };
    assert_eq!(name(QC_ERR_INVALID_UTF8), "QC_ERR_INVALID_UTF8");
    assert_eq!(name(-5), "QC_ERR_UNKNOWN_STATUS");
    // Freeing NULL is a no-op everywhere.
    qc_store_free(null_mut());
    qc_checker_free(null_mut());
    qc_source_free(null_mut());
    qc_extractor_free(null_mut());
    qc_error_free(null_mut());
    qc_source_free(src);
    qc_checker_free(checker);
    qc_store_free(store);
    qc_error_free(err);
}

#[test]
fn store_files_through_the_abi() {
    let store = demo_store();
    let err = qc_error_new();
    let dir = std::env::temp_dir().join(format!("qc-ffi-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("demo.qcs").to_string_lossy().into_owned();
    assert_eq!(
        qc_store_save(store, path.as_ptr(), path.len(), err),
        QC_OK,
        "{}",
        message(err)
    );
    let mut opened = null_mut();
    assert_eq!(
        qc_store_open(path.as_ptr(), path.len(), &mut opened, err),
        QC_OK
    );
    assert_eq!(qc_store_len(opened), qc_store_len(store));
    let id = "wh-2024-02-20-gaggle-kirby";
    assert_eq!(qc_store_remove(opened, id.as_ptr(), id.len(), err), QC_OK);
    assert_eq!(
        qc_store_remove(opened, id.as_ptr(), id.len(), err),
        QC_ERR_UNKNOWN_ID
    );
    assert_eq!(qc_store_len(opened) + 1, qc_store_len(store));
    assert_eq!(qc_store_index_bound(opened), qc_store_len(store));
    // Errors: a missing file, a foreign file, a damaged file.
    let missing = dir.join("missing.qcs").to_string_lossy().into_owned();
    let mut out = null_mut();
    assert_eq!(
        qc_store_open(missing.as_ptr(), missing.len(), &mut out, err),
        QC_ERR_IO
    );
    assert!(message(err).contains("missing.qcs"), "{}", message(err));
    std::fs::write(&missing, b"hello").unwrap();
    assert_eq!(
        qc_store_open(missing.as_ptr(), missing.len(), &mut out, err),
        QC_ERR_NOT_A_STORE
    );
    // Damage in a part read on open fails the open; damage in a part read
    // when used (the middle of the file: texts, posting lists) fails the
    // first use, or qc_store_load, with the same code.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[40] ^= 0x10;
    std::fs::write(&missing, &bytes).unwrap();
    assert_eq!(
        qc_store_open(missing.as_ptr(), missing.len(), &mut out, err),
        QC_ERR_CORRUPT
    );
    assert!(out.is_null());
    bytes[40] ^= 0x10;
    // The middle of the texts section (tag 24 in the table at the end).
    let le = |at: usize, n: usize| {
        bytes[at..at + n]
            .iter()
            .rev()
            .fold(0usize, |v, &b| v << 8 | b as usize)
    };
    let table = le(bytes.len() - 24, 8);
    let texts = (0..le(table, 4))
        .map(|i| table + 8 + 24 * i)
        .find(|&e| le(e, 4) == 24)
        .expect("a texts section");
    let mid = le(texts + 8, 8) + le(texts + 16, 8) / 2;
    bytes[mid] ^= 0x10;
    std::fs::write(&missing, &bytes).unwrap();
    let mut damaged = null_mut();
    assert_eq!(
        qc_store_open(missing.as_ptr(), missing.len(), &mut damaged, err),
        QC_OK
    );
    assert_eq!(qc_store_load(damaged, err), QC_ERR_CORRUPT);
    assert!(message(err).contains("checksum"), "{}", message(err));
    assert_eq!(qc_store_load(null_mut(), err), QC_ERR_NULL_ARG);
    qc_store_free(damaged);
    assert_eq!(qc_store_load(opened, err), QC_OK);
    assert_eq!(qc_store_len(opened) + 1, qc_store_len(store));
    qc_store_free(opened);
    qc_store_free(store);
    qc_error_free(err);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn add_many_and_freeze_through_the_abi() {
    let err = qc_error_new();
    let sources = demo_sources();
    let ptrs: Vec<*const qc_source> = sources.iter().map(|&p| p as *const qc_source).collect();
    let dir = std::env::temp_dir().join(format!("qc-ffi-many-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let saved = |store: *const qc_store, name: &str| {
        let path = dir.join(name);
        let p = path.to_str().unwrap();
        assert_eq!(qc_store_save(store, p.as_ptr(), p.len(), err), QC_OK);
        std::fs::read(&path).unwrap()
    };

    // All at once: the same file as one by one.
    let one_by_one = demo_store();
    let store = qc_store_new();
    let mut added = 0usize;
    assert_eq!(
        qc_store_add_many(store, ptrs.as_ptr(), ptrs.len(), &mut added, err),
        QC_OK,
        "{}",
        message(err)
    );
    assert_eq!(added, ptrs.len());
    assert_eq!(saved(store, "many.qcs"), saved(one_by_one, "one.qcs"));

    // Bad arrays leave the store unchanged.
    let fresh = qc_store_new();
    assert_eq!(
        qc_store_add_many(fresh, null(), 3, null_mut(), err),
        QC_ERR_NULL_ARG
    );
    assert!(message(err).contains("sources"));
    let mut with_null = ptrs.clone();
    with_null[2] = null();
    assert_eq!(
        qc_store_add_many(fresh, with_null.as_ptr(), with_null.len(), null_mut(), err),
        QC_ERR_NULL_ARG
    );
    let checker = qc_checker_new();
    let mut not_a_source = ptrs.clone();
    not_a_source[1] = checker.cast::<qc_source>();
    assert_eq!(
        qc_store_add_many(
            fresh,
            not_a_source.as_ptr(),
            not_a_source.len(),
            null_mut(),
            err
        ),
        QC_ERR_INVALID_HANDLE
    );
    assert_eq!(qc_store_len(fresh), 0);
    assert_eq!(qc_store_add_many(fresh, null(), 0, &mut added, err), QC_OK);
    assert_eq!(added, 0);

    // A duplicate stops the batch there: the ones before it stay.
    let twice = [ptrs[0], ptrs[1], ptrs[0], ptrs[2]];
    assert_eq!(
        qc_store_add_many(fresh, twice.as_ptr(), twice.len(), null_mut(), err),
        QC_ERR_DUPLICATE_ID
    );
    assert_eq!(qc_store_index_bound(fresh), 2);

    // Freezing keeps what checks find.
    assert_eq!(qc_store_add(fresh, ptrs[3], null_mut(), err), QC_OK);
    assert_eq!(qc_store_freeze(fresh, err), QC_OK);
    assert_eq!(qc_store_freeze(null_mut(), err), QC_ERR_NULL_ARG);
    let quote = "until CPB can address these needs through contracted support,";
    let mut report = qc_report {
        verdict: 99,
        flags: 0,
        score: 0.0,
        match_count: 0,
    };
    assert_eq!(
        qc_checker_check(
            checker,
            fresh,
            quote.as_ptr(),
            quote.len(),
            null(),
            0,
            &mut report,
            err
        ),
        QC_OK,
        "{}",
        message(err)
    );
    assert_eq!(report.verdict, QC_VERDICT_VERBATIM);

    for src in sources {
        qc_source_free(src);
    }
    qc_checker_free(checker);
    qc_store_free(store);
    qc_store_free(one_by_one);
    qc_store_free(fresh);
    qc_error_free(err);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn claimed_speaker_kinds_and_splice_parts_through_the_abi() {
    let store = demo_store();
    let checker = qc_checker_new();
    let err = qc_error_new();
    let mut report = qc_report {
        verdict: 99,
        flags: 0,
        score: 0.0,
        match_count: 0,
    };
    let check = |quote: &str, speaker: &str, kind: u32, report: &mut qc_report| {
        qc_checker_check_as(
            checker,
            store,
            quote.as_ptr(),
            quote.len(),
            speaker.as_ptr(),
            speaker.len(),
            kind,
            report,
            err,
        )
    };
    let quote = "no indication of aliens or extraterrestrial activity with these recent takedowns";
    // A person contradicted by the transcript's named speaker.
    assert_eq!(
        check(quote, "John Kirby", QC_CLAIM_INFER, &mut report),
        QC_OK
    );
    assert_eq!(report.verdict, QC_VERDICT_MISATTRIBUTED);
    // The same name declared an organisation: not an accusation.
    assert_eq!(
        check(quote, "Pentagon", QC_CLAIM_ORGANISATION, &mut report),
        QC_OK
    );
    assert_eq!(report.verdict, QC_VERDICT_MINOR);
    assert_ne!(report.flags & QC_FLAG_SPEAKER_UNVERIFIED, 0);
    let mut count = 7;
    assert_eq!(
        qc_checker_parts(checker, null_mut(), 0, &mut count, err),
        QC_OK
    );
    assert_eq!(count, 0);
    // An undefined kind is refused.
    assert_eq!(check(quote, "Kirby", 77, &mut report), QC_ERR_OUT_OF_RANGE);

    // Two real stretches of the briefing glued without an ellipsis.
    let spliced = "no indication of aliens or extraterrestrial activity, \
                   to collect debris in the remote locations where they have fallen";
    let status = check(spliced, "Karine Jean-Pierre", QC_CLAIM_PERSON, &mut report);
    assert_eq!(status, QC_OK, "{}", message(err));
    assert_ne!(report.flags & QC_FLAG_SPLICED, 0);
    {
        assert_eq!(report.verdict, QC_VERDICT_ALTERED);
        // Kirby said the second half; Jean-Pierre the first.
        assert_ne!(report.flags & QC_FLAG_SPEAKER_MISMATCH, 0);
        let mut parts = [qc_part {
            quote_start: 0,
            quote_end: 0,
            source_id: qc_str {
                ptr: null(),
                len: 0,
            },
            source_start: 0,
            source_end: 0,
            text: qc_str {
                ptr: null(),
                len: 0,
            },
        }; 2];
        assert_eq!(
            qc_checker_parts(checker, parts.as_mut_ptr(), 2, &mut count, err),
            QC_OK
        );
        assert_eq!(count, 2);
        assert!(parts[0].quote_end <= parts[1].quote_start);
        assert_eq!(
            s(&parts[0].text).replace('\n', " "),
            "no indication of aliens or extraterrestrial activity"
        );
        assert_eq!(
            s(&parts[1].text),
            "to collect debris in the remote locations where they have fallen"
        );
        assert_eq!(s(&parts[0].source_id), "wh-2023-02-13-briefing");
    }
    qc_error_free(err);
    qc_checker_free(checker);
    qc_store_free(store);
}

#[test]
fn folders_through_the_abi_read_the_manifest_all_or_nothing() {
    let err = qc_error_new();
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sources");
    // The demo folder gives the same store as the sources added one by one.
    let store = qc_store_new();
    let mut added = 0;
    assert_eq!(
        qc_store_add_folder(store, demo.as_ptr(), demo.len(), &mut added, err),
        QC_OK,
        "{}",
        message(err)
    );
    let by_hand = demo_store();
    assert_eq!(added, qc_store_len(by_hand));
    for i in 0..added {
        let mut a = qc_str {
            ptr: null(),
            len: 0,
        };
        let mut b = qc_str {
            ptr: null(),
            len: 0,
        };
        assert_eq!(qc_store_source_id(store, i, &mut a, err), QC_OK);
        assert_eq!(qc_store_source_id(by_hand, i, &mut b, err), QC_OK);
        assert_eq!(s(&a), s(&b));
    }
    // A broken manifest: QC_ERR_MANIFEST naming entry and field, nothing added.
    let dir = std::env::temp_dir().join(format!("qc-ffi-folder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "We will not raise taxes.").unwrap();
    std::fs::write(
        dir.join("sources.json"),
        r#"[{"file": "a.txt", "speaker": 7}]"#,
    )
    .unwrap();
    let path = dir.to_str().unwrap();
    let before = qc_store_len(store);
    assert_eq!(
        qc_store_add_folder(store, path.as_ptr(), path.len(), null_mut(), err),
        QC_ERR_MANIFEST
    );
    assert!(
        message(err).contains("entry 1 (a.txt): field `speaker`"),
        "{}",
        message(err)
    );
    assert_eq!(qc_store_len(store), before);
    // The same folder twice: a duplicate id, nothing added.
    std::fs::remove_file(dir.join("sources.json")).unwrap();
    assert_eq!(
        qc_store_add_folder(store, path.as_ptr(), path.len(), null_mut(), err),
        QC_OK
    );
    assert_eq!(
        qc_store_add_folder(store, path.as_ptr(), path.len(), null_mut(), err),
        QC_ERR_DUPLICATE_ID
    );
    assert_eq!(qc_store_len(store), before + 1);
    let missing = "no/such/folder";
    assert_eq!(
        qc_store_add_folder(store, missing.as_ptr(), missing.len(), null_mut(), err),
        QC_ERR_IO
    );
    assert_eq!(
        qc_store_add_folder(store, null(), 3, null_mut(), err),
        QC_ERR_NULL_ARG
    );
    qc_store_free(store);
    qc_store_free(by_hand);
    qc_error_free(err);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn suggested_text_and_checks_at_a_claimed_place_through_the_abi() {
    let err = qc_error_new();
    let store = qc_store_new();
    for (id, text) in [
        ("speech", "We will not raise taxes this year."),
        ("interview", "Well, we will not raise the taxes this year."),
    ] {
        let mut src = null_mut();
        assert_eq!(
            qc_source_new(
                id.as_ptr(),
                id.len(),
                text.as_ptr(),
                text.len(),
                &mut src,
                err
            ),
            QC_OK
        );
        assert_eq!(qc_store_add(store, src, null_mut(), err), QC_OK);
        qc_source_free(src);
    }
    let checker = qc_checker_new();
    let mut fix = qc_str {
        ptr: null(),
        len: 0,
    };
    let mut elsewhere = 7;
    // Before any check: no result.
    assert_eq!(
        qc_checker_suggested_text(checker, &mut fix, err),
        QC_ERR_NO_RESULT
    );
    let quote = "We will raise taxes this year.";
    assert_eq!(
        qc_checker_check(
            checker,
            store,
            quote.as_ptr(),
            quote.len(),
            null(),
            0,
            null_mut(),
            err
        ),
        QC_OK
    );
    assert_eq!(qc_checker_suggested_text(checker, &mut fix, err), QC_OK);
    assert_eq!(s(&fix), "We will not raise taxes this year.");
    assert_eq!(
        qc_checker_found_elsewhere(checker, &mut elsewhere, err),
        QC_OK
    );
    assert_eq!(elsewhere, -1);
    let quote = "we will not raise taxes this year";
    let id = "interview";
    let mut report = std::mem::MaybeUninit::<qc_report>::uninit();
    assert_eq!(
        qc_checker_check_at(
            checker,
            store,
            quote.as_ptr(),
            quote.len(),
            null(),
            0,
            QC_CLAIM_INFER,
            id.as_ptr(),
            id.len(),
            usize::MAX,
            report.as_mut_ptr(),
            err
        ),
        QC_OK,
        "{}",
        message(err)
    );
    let mut best = std::mem::MaybeUninit::<qc_match>::uninit();
    assert_eq!(qc_checker_match(checker, 0, best.as_mut_ptr(), err), QC_OK);
    // SAFETY: written on QC_OK.
    assert_eq!(s(&unsafe { best.assume_init() }.source_id), "interview");
    assert_eq!(
        qc_checker_found_elsewhere(checker, &mut elsewhere, err),
        QC_OK
    );
    assert_eq!(elsewhere, 0);
    // Not a faithful quote at the claimed place, so a correction; the
    // faithful place elsewhere does not replace the claimed one.
    assert_eq!(qc_checker_suggested_text(checker, &mut fix, err), QC_OK);
    assert_eq!(s(&fix), "we will not raise the taxes this year");
    let bad = "nope";
    assert_eq!(
        qc_checker_check_at(
            checker,
            store,
            quote.as_ptr(),
            quote.len(),
            null(),
            0,
            QC_CLAIM_INFER,
            bad.as_ptr(),
            bad.len(),
            0,
            null_mut(),
            err
        ),
        QC_ERR_UNKNOWN_ID
    );
    assert_eq!(
        qc_checker_found_elsewhere(checker, &mut elsewhere, err),
        QC_ERR_NO_RESULT
    );
    // NULL outputs and handles are statuses, never crashes.
    assert_eq!(
        qc_checker_suggested_text(checker, null_mut(), err),
        QC_ERR_NO_RESULT
    );
    assert_eq!(
        qc_checker_found_elsewhere(null(), &mut elsewhere, err),
        QC_ERR_NULL_ARG
    );
    // Article checks: one correction per quote, by index.
    let article = "Ana said: “We will raise taxes this year.” Then: “Hello there.”";
    let mut count = 0;
    assert_eq!(
        qc_checker_check_article(
            checker,
            store,
            article.as_ptr(),
            article.len(),
            &mut count,
            err
        ),
        QC_OK
    );
    assert_eq!(count, 2);
    assert_eq!(
        qc_checker_article_suggested_text(checker, 0, &mut fix, err),
        QC_OK
    );
    assert_eq!(s(&fix), "We will not raise taxes this year.");
    assert_eq!(
        qc_checker_article_suggested_text(checker, 1, &mut fix, err),
        QC_OK
    );
    assert!(fix.ptr.is_null());
    assert_eq!(
        qc_checker_article_suggested_text(checker, 2, &mut fix, err),
        QC_ERR_OUT_OF_RANGE
    );
    assert_eq!(
        qc_checker_article_suggested_text(checker, 0, null_mut(), err),
        QC_ERR_NULL_ARG
    );
    qc_checker_free(checker);
    qc_store_free(store);
    qc_error_free(err);
}

#[test]
fn store_files_merged_through_the_abi() {
    // Two stores saved apart and merged: the file one store of all their
    // sources saves.
    let err = qc_error_new();
    let dir = std::env::temp_dir().join(format!("qc-ffi-merge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let sources = demo_sources();
    let save = |name: &str, part: &[*mut qc_source]| {
        let store = qc_store_new();
        let array: Vec<*const qc_source> = part.iter().map(|&p| p.cast_const()).collect();
        let mut added = 0;
        assert_eq!(
            qc_store_add_many(store, array.as_ptr(), array.len(), &mut added, err),
            QC_OK
        );
        let p = path(name);
        assert_eq!(qc_store_save(store, p.as_ptr(), p.len(), err), QC_OK);
        qc_store_free(store);
        p
    };
    let whole = save("whole.qcs", &sources);
    let parts = [save("a.qcs", &sources[..2]), save("b.qcs", &sources[2..])];
    for src in sources {
        qc_source_free(src);
    }
    let strs: Vec<qc_str> = parts
        .iter()
        .map(|p| qc_str {
            ptr: p.as_ptr().cast(),
            len: p.len(),
        })
        .collect();
    let merged = path("merged.qcs");
    let mut n = 0;
    let st = qc_store_merge_files(
        strs.as_ptr(),
        strs.len(),
        merged.as_ptr(),
        merged.len(),
        &mut n,
        err,
    );
    assert_eq!(st, QC_OK, "{}", message(err));
    assert_eq!(n, 5);
    assert!(std::fs::read(&merged).unwrap() == std::fs::read(&whole).unwrap());

    // A part twice: a duplicate id, the merged file untouched.
    let twice = [strs[0], strs[0]];
    assert_eq!(
        qc_store_merge_files(
            twice.as_ptr(),
            2,
            merged.as_ptr(),
            merged.len(),
            null_mut(),
            err
        ),
        QC_ERR_DUPLICATE_ID
    );
    assert!(std::fs::read(&merged).unwrap() == std::fs::read(&whole).unwrap());
    // NULL array with parts, bad UTF-8 in a path, a part that is no store.
    assert_eq!(
        qc_store_merge_files(null(), 1, merged.as_ptr(), merged.len(), null_mut(), err),
        QC_ERR_NULL_ARG
    );
    let bad = [qc_str {
        ptr: b"\xff.qcs".as_ptr().cast(),
        len: 5,
    }];
    assert_eq!(
        qc_store_merge_files(
            bad.as_ptr(),
            1,
            merged.as_ptr(),
            merged.len(),
            null_mut(),
            err
        ),
        QC_ERR_INVALID_UTF8
    );
    std::fs::write(path("junk.qcs"), b"not a store").unwrap();
    let junk = path("junk.qcs");
    let junk = [qc_str {
        ptr: junk.as_ptr().cast(),
        len: junk.len(),
    }];
    assert_eq!(
        qc_store_merge_files(
            junk.as_ptr(),
            1,
            merged.as_ptr(),
            merged.len(),
            null_mut(),
            err
        ),
        QC_ERR_NOT_A_STORE
    );
    // No parts: an empty store.
    assert_eq!(
        qc_store_merge_files(null(), 0, merged.as_ptr(), merged.len(), &mut n, err),
        QC_OK
    );
    assert_eq!(n, 0);
    qc_error_free(err);
    let _ = std::fs::remove_dir_all(&dir);
}
