//! Benchmark: every class of hostile input (see tests/hostile.rs) at 100 KB,
//! 1 MB and 10 MB, with the growth of the time per 10x of input (linear work
//! grows about 10x; the classes that were quadratic grew 100x).
//!
//! Usage: `cargo run --release --example bench_hostile [MAX_MB]` (default 10).

use std::time::Instant;

use quotecheck::CharIndex;
use quotecheck::extract::Extractor;
use quotecheck::{Checker, SourceDoc, Store};

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

type Case = (&'static str, fn(usize) -> f64);

fn secs(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64()
}

fn extract(text: &str) {
    let mut ex = Extractor::new();
    let found = ex.extract(text);
    std::hint::black_box(found.quotes().len());
}

fn main() {
    let max_mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let cases: [Case; 9] = [
        ("extract: stray pairs", |n| {
            let t = format!("“{}", repeat_to("\"a\" ", n));
            secs(|| extract(&t))
        }),
        ("extract: repeated surname", |n| {
            let t = repeat_to("“We will win,” Smith said.\n", n);
            secs(|| extract(&t))
        }),
        ("extract: dots without spaces", |n| {
            let t = format!("“Hello there,” U.x.{}", repeat_to("éx.", n));
            secs(|| extract(&t))
        }),
        ("extract: groups then pronouns", |n| {
            let t = format!(
                "{}{}",
                repeat_to("“We will win,” officials said.\n", n / 2),
                repeat_to("“We will win,” he said.\n", n / 2)
            );
            secs(|| extract(&t))
        }),
        ("extract + code-point offsets", |n| {
            let t = repeat_to("“Señor, we will win,” he said.\n", n);
            secs(|| {
                let mut ex = Extractor::new();
                let found = ex.extract(&t);
                let mut chars = CharIndex::default();
                chars.build(&t);
                let sum: usize = found
                    .quotes()
                    .iter()
                    .map(|q| chars.char_offset(&t, q.text.0 as usize))
                    .sum();
                std::hint::black_box(sum);
            })
        }),
        ("C ABI: qc_extractor_extract", |n| {
            use quotecheck::ffi::extract::*;
            let t = repeat_to("“Señor, we will win,” he said.\n", n);
            secs(|| {
                let ex = qc_extractor_new();
                let mut count = 0usize;
                qc_extractor_extract(ex, t.as_ptr(), t.len(), &mut count, std::ptr::null_mut());
                qc_extractor_free(ex);
            })
        }),
        ("Store::add: distinct voices", |n| {
            let mut t = String::with_capacity(n + 64);
            let mut i = 0;
            while t.len() < n {
                t.push_str(&format!(
                    "SPEAKER{i} SMITH{i}:  We will win number {i}.\n\n"
                ));
                i += 1;
            }
            secs(|| {
                let mut store = Store::new();
                store.add(SourceDoc::new("t", t)).unwrap();
            })
        }),
        ("check: 16 ellipses, common words", |n| {
            let mut store = Store::new();
            store
                .add(SourceDoc::new(
                    "s",
                    format!("alpha beta gamma delta {}", repeat_to("the ", n)),
                ))
                .unwrap();
            let quote = format!("alpha beta gamma delta{}", " … the".repeat(16));
            let mut checker = Checker::new();
            secs(|| {
                std::hint::black_box(checker.check(&store, &quote, None).unwrap().verdict());
            })
        }),
        ("check_exhaustive: long source", |n| {
            let mut store = Store::new();
            store
                .add(SourceDoc::new(
                    "s",
                    repeat_to("we will not raise taxes this year and ", n),
                ))
                .unwrap();
            let mut checker = Checker::new();
            secs(|| {
                std::hint::black_box(
                    checker
                        .check_exhaustive(&store, "raise taxes this year", None)
                        .unwrap()
                        .verdict(),
                );
            })
        }),
    ];
    let sizes: Vec<usize> = [100_000usize, 1_000_000, 10_000_000]
        .into_iter()
        .filter(|&s| s <= max_mb * 1_000_000)
        .collect();
    println!(
        "{:34} {:>10} {:>10} {:>10}  growth per 10x",
        "class", "100 KB", "1 MB", "10 MB"
    );
    for (name, run) in cases {
        let times: Vec<f64> = sizes.iter().map(|&n| run(n)).collect();
        let cells: Vec<String> = times.iter().map(|t| format!("{t:9.3}s")).collect();
        let growth: Vec<String> = times
            .windows(2)
            .map(|w| format!("{:.1}x", w[1] / w[0].max(1e-6)))
            .collect();
        println!("{name:34} {:>32}  {}", cells.join(" "), growth.join(", "));
    }
}
