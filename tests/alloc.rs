//! After warm-up, checking a quote and extracting an article's quotes
//! allocate nothing: a counting global allocator proves it.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const QUOTES: &[(&str, Option<&str>)] = &[
    (
        "until CPB can address these needs through contracted support,",
        Some("Ryder"),
    ),
    (
        "no indication of aliens or extraterrestrial activity with these recent takedowns.",
        Some("Another defense official"),
    ),
    (
        "We are consulting with allies and partners on the challenge of identified aerial phenomena",
        Some("Kirby"),
    ),
    (
        "In light of the Chinese balloon program and this recent incursion into our airspace, the United States and Canada … have been more closely scrutinizing that airspace,",
        Some("Kirby"),
    ),
    (
        "And as [the president] said last night, the best way to do that",
        None,
    ),
    ("hub", Some("Kirby")),
    (
        "We do not plan to raise the debt ceiling before the election in November",
        None,
    ),
    (
        "A violation of our sovereignty is unacceptable,",
        Some("Biden"),
    ),
    ("Über café naïve", None),
];

/// Allocations during 10 rounds of checks of every quote (reading every
/// part of each report), after 3 rounds of warm-up.
fn allocations_in_checks(checker: &mut quotecheck::Checker, store: &quotecheck::Store) -> usize {
    for _ in 0..3 {
        for (q, s) in QUOTES {
            checker.check(store, q, *s).unwrap();
        }
    }
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    for _ in 0..10 {
        for (q, s) in QUOTES {
            let report = checker.check(store, q, *s).unwrap();
            let best = report.best();
            let edits = best.map_or(0, |m| m.edits().len());
            let _ = (
                report.verdict(),
                report.score(),
                report.flags(),
                edits,
                report.missing_words().count(),
            );
            if let Some(m) = best {
                let _ = (m.text(), m.speaker(), m.time(), m.source_id());
            }
        }
    }
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

#[test]
fn checks_allocate_nothing_after_warm_up() {
    let store = common::demo_store();
    let mut checker = quotecheck::Checker::new();
    let n = allocations_in_checks(&mut checker, &store);
    assert_eq!(n, 0, "allocations during {} checks", 10 * QUOTES.len());
    let verdicts: Vec<_> = QUOTES
        .iter()
        .map(|(q, s)| checker.check(&store, q, *s).unwrap().verdict())
        .collect();

    // A store opened from a file reads its pieces on first use, then keeps
    // them: checks after warm-up allocate nothing there either, and give
    // the same verdicts.
    let path = std::env::temp_dir().join(format!("qc-alloc-{}.qcs", std::process::id()));
    store.save(&path).unwrap();
    let opened = quotecheck::Store::open(&path).unwrap();
    let n = allocations_in_checks(&mut checker, &opened);
    assert_eq!(n, 0, "allocations during checks of an opened store");
    for ((q, s), v) in QUOTES.iter().zip(&verdicts) {
        assert_eq!(checker.check(&opened, q, *s).unwrap().verdict(), *v, "{q}");
    }
    drop(opened);
    std::fs::remove_file(&path).unwrap();

    // Extraction too, in the same test so no other test allocates meanwhile.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
    let mut articles: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    articles.sort();
    let mut extractor = quotecheck::extract::Extractor::new();
    for _ in 0..2 {
        for a in &articles {
            extractor.extract(a);
        }
    }
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let mut found = 0;
    for _ in 0..10 {
        for a in &articles {
            let x = extractor.extract(a);
            found += x.quotes().len();
            for q in x.quotes() {
                let _ = (x.text_of(q), x.speaker_name(q), x.speaker_mention(q));
            }
        }
    }
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    assert!(found > 0);
    assert_eq!(
        after - before,
        0,
        "allocations during 10 extractions of each article"
    );

    // The C ABI's hot path: a check through qc_checker_check and reading
    // its results into the caller's array.
    use quotecheck::ffi::{checker::*, status::QC_OK, store::*};
    let null_err = std::ptr::null_mut();
    let store = qc_store_new();
    for (id, file) in [
        ("ryder", "sources/dod-2023-05-02-ryder-briefing.txt"),
        ("briefing", "sources/wh-2023-02-13-briefing.txt"),
    ] {
        let text = common::read(file);
        let mut src = std::ptr::null_mut();
        let st = qc_source_new(
            id.as_ptr(),
            id.len(),
            text.as_ptr(),
            text.len(),
            &mut src,
            null_err,
        );
        assert_eq!(st, QC_OK);
        assert_eq!(
            qc_store_add(store, src, std::ptr::null_mut(), null_err),
            QC_OK
        );
        qc_source_free(src);
    }
    let checker = qc_checker_new();
    let run = || {
        let mut report = qc_report {
            verdict: 0,
            flags: 0,
            score: 0.0,
            match_count: 0,
        };
        let mut matches = [std::mem::MaybeUninit::<qc_match>::uninit(); 8];
        for (q, s) in QUOTES {
            let (sp, sl) = s.map_or((std::ptr::null(), 0), |s: &str| (s.as_ptr(), s.len()));
            let st = qc_checker_check(
                checker,
                store,
                q.as_ptr(),
                q.len(),
                sp,
                sl,
                &mut report,
                null_err,
            );
            assert_eq!(st, QC_OK);
            let mut n = 0;
            let st = qc_checker_matches(checker, matches.as_mut_ptr().cast(), 8, &mut n, null_err);
            assert!(st == QC_OK || n > 8);
        }
    };
    for _ in 0..3 {
        run();
    }
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    for _ in 0..10 {
        run();
    }
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    qc_checker_free(checker);
    qc_store_free(store);
    assert_eq!(
        after - before,
        0,
        "allocations during 10 rounds of C ABI checks"
    );
}
