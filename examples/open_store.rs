//! Times `Store::open` on a store file, then checks quotes cut from its
//! sources (as `bench_store` does):
//! `cargo run --release --example open_store -- FILE [QUOTES]`.

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
        let texts: Vec<&str> = store.sources().map(|s| s.text()).collect();
        let qs = cut_quotes(&texts, quotes);
        let (times, found) = time_checks(&store, &qs);
        println!(
            "{} quotes: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms, found {}",
            qs.len(),
            pct(&times, 0.5),
            pct(&times, 0.99),
            times[times.len() - 1],
            found
        );
    }
}
