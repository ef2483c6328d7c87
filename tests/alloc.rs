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

#[test]
fn checks_allocate_nothing_after_warm_up() {
    let store = common::demo_store();
    let mut checker = quotecheck::Checker::new();
    let mut verdicts = Vec::with_capacity(QUOTES.len());
    for _ in 0..3 {
        for (q, s) in QUOTES {
            checker.check(&store, q, *s).unwrap();
        }
    }
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    for _ in 0..10 {
        for (q, s) in QUOTES {
            let report = checker.check(&store, q, *s).unwrap();
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
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    for (q, s) in QUOTES {
        verdicts.push(checker.check(&store, q, *s).unwrap().verdict());
    }
    assert_eq!(
        after - before,
        0,
        "allocations during {} checks",
        10 * QUOTES.len()
    );
    assert_eq!(verdicts.len(), QUOTES.len());

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
}
