//! Benchmark: quote extraction and attribution throughput on news text.
//!
//! Usage: `cargo run --release --example bench_extract [FILE.jsonl|FILE.txt ...]`
//!
//! With no argument it reads the public-domain fixtures in
//! tests/fixtures/articles. A `.jsonl` file in the shape of
//! shared/data/polnear is read as documents (paragraphs grouped by `doc_id`,
//! joined by blank lines), so `../shared/data/polnear/test.jsonl` measures
//! real US political news. Every document is extracted with one reused
//! extractor; the whole set is repeated until at least 64 MiB have been
//! read, five times, and the median rate is printed (MB = 10^6 bytes).

use std::time::Instant;

use quotecheck::extract::Extractor;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
const TARGET_BYTES: usize = 64 << 20;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut docs: Vec<String> = Vec::new();
    if args.is_empty() {
        for e in std::fs::read_dir(FIXTURES).expect("fixtures") {
            docs.push(std::fs::read_to_string(e.expect("entry").path()).expect("read"));
        }
    }
    for path in &args {
        let text = std::fs::read_to_string(path).expect("read input");
        if path.ends_with(".jsonl") {
            let mut current: Option<(String, String)> = None;
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
                let doc = v["doc_id"].as_str().unwrap_or("").to_string();
                let para = v["text"].as_str().unwrap_or("");
                match &mut current {
                    Some((id, body)) if *id == doc => {
                        body.push_str("\n\n");
                        body.push_str(para);
                    }
                    _ => {
                        if let Some((_, body)) = current.take() {
                            docs.push(body);
                        }
                        current = Some((doc, para.to_string()));
                    }
                }
            }
            docs.extend(current.map(|(_, b)| b));
        } else {
            docs.push(text);
        }
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let rounds = TARGET_BYTES.div_ceil(bytes.max(1));
    let mut extractor = Extractor::new();
    let mut quotes = 0usize;
    for d in &docs {
        quotes += extractor.extract(d).quotes().len();
    }
    let mut rates = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let mut n = 0usize;
        for _ in 0..rounds {
            for d in &docs {
                n += extractor.extract(d).quotes().len();
            }
        }
        let secs = start.elapsed().as_secs_f64();
        assert_eq!(n, quotes * rounds);
        rates.push((bytes * rounds) as f64 / secs / 1e6);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "{} documents, {:.2} MB, {} quotes; {} rounds x 5: median {:.0} MB/s (min {:.0}, max {:.0})",
        docs.len(),
        bytes as f64 / 1e6,
        quotes,
        rounds,
        rates[2],
        rates[0],
        rates[4]
    );
}
