//! Times `Store::open` on a store file, then checks quotes cut from its
//! sources (as `bench_store` does) twice, first reading the pieces they
//! need from the file, then again, and times `Store::load` (reading the
//! rest): `cargo run --release --example open_store -- FILE [QUOTES]`.

#[path = "support/cut_quotes.rs"]
mod cut_quotes;
use cut_quotes::{cut_quotes, pct, time_checks};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a store file");
    let quotes: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let started = std::time::Instant::now();
    let store = quotecheck::Store::open(&path).expect("open");
    println!(
        "opened {} sources, {} words in {:.3} s; postings {:.2} and word arrays {:.2} bytes per source byte",
        store.len(),
        store.word_count(),
        started.elapsed().as_secs_f64(),
        store.postings_bytes() as f64 / store.text_bytes() as f64,
        store.word_array_bytes() as f64 / store.text_bytes() as f64,
    );
    if quotes > 0 {
        // The quotes come from a second opening of the file (reading every
        // text), so the store checked has read nothing yet.
        let qs = {
            let cutter = quotecheck::Store::open(&path).expect("open");
            let texts: Vec<&str> = cutter.sources().map(|s| s.text()).collect();
            cut_quotes(&texts, quotes)
        };
        for pass in ["first use", "again"] {
            let (times, found) = time_checks(&store, &qs);
            println!(
                "{} quotes, {pass}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms, found {}",
                qs.len(),
                pct(&times, 0.5),
                pct(&times, 0.99),
                times[times.len() - 1],
                found
            );
        }
    }
    let mut store = store;
    let started = std::time::Instant::now();
    store.load().expect("load");
    println!(
        "load (the rest, checked): {:.2} s",
        started.elapsed().as_secs_f64()
    );
}
