//! Benchmark: time to check one quote against the bundled demo sources once
//! the store is built. Usage: `cargo run --release --example bench_check [ROUNDS]`.
//!
//! Checks the same 12 real quotes (every verdict) ROUNDS times each with one
//! reused checker, and prints the median, p99 and maximum time per check,
//! plus the store's build time and size.

use std::time::Instant;

use quotecheck::{Checker, SourceDoc, Store};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sources");

const QUOTES: &[(&str, Option<&str>)] = &[
    (
        "until CPB can address these needs through contracted support,",
        Some("Ryder"),
    ),
    (
        "Military personnel will not directly participate in law enforcement activities.",
        Some("Ryder"),
    ),
    (
        "While this request is for 90 days, I would point out that DOD has supported DHS on the southwest border for 18 of the last 22 years and every year since 2006,",
        Some("Ryder"),
    ),
    (
        "Africom’s [U.S. Africa Command] deconfliction cell continues to distribute relevant information to the Department of State, our allies and partners, and international [nongovernmental organizations] to help enable informed decision making,",
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
        "If any object “poses a threat to America I will shoot it down,",
        Some("Biden"),
    ),
    (
        "For several months, Ukraine was able to deter Russian attacks until it began to run out of ammunition, especially artillery ammunition, which is necessary to prevent Russian forces from reaching Ukrainian defense lines and seizing these positions,",
        Some("John Kirby"),
    ),
    ("hub", Some("Kirby")),
    (
        "We do not plan to raise the debt ceiling before the election in November",
        None,
    ),
    ("I loved E.T., the movie.", Some("Jean-Pierre")),
];

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let t = Instant::now();
    let mut store = Store::new();
    let mut files: Vec<_> = std::fs::read_dir(DATA)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e != "json"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        let id = f.file_stem().unwrap().to_string_lossy().into_owned();
        store.add(SourceDoc::new(id, text)).unwrap();
    }
    let build = t.elapsed();
    let mut checker = Checker::new();
    let mut times = Vec::with_capacity(rounds * QUOTES.len());
    for _ in 0..rounds {
        for (q, s) in QUOTES {
            let t = Instant::now();
            let r = checker.check(&store, q, *s).unwrap();
            std::hint::black_box(r.verdict());
            times.push(t.elapsed().as_nanos() as u64);
        }
    }
    if std::env::var_os("PER_QUOTE").is_some() {
        for (i, (q, _)) in QUOTES.iter().enumerate() {
            let mut t: Vec<u64> = times
                .iter()
                .skip(i)
                .step_by(QUOTES.len())
                .copied()
                .collect();
            t.sort_unstable();
            println!(
                "{:>9.1} µs  {}",
                t[t.len() / 2] as f64 / 1000.0,
                &q[..q.len().min(50)]
            );
        }
    }
    times.sort_unstable();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize] as f64 / 1000.0;
    println!(
        "store: {} sources, {} KiB text, {} words, built in {:.1} ms",
        store.len(),
        store.text_bytes() / 1024,
        store.word_count(),
        build.as_secs_f64() * 1000.0
    );
    println!(
        "{} checks: p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs per quote",
        times.len(),
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
}
