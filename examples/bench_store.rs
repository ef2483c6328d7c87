//! Benchmark: building, saving, opening and checking a store of real text.
//!
//! Usage: `cargo run --release --example bench_store -- DIR_OR_FILES... [--quotes N] [--one-by-one] [--keep FILE] [--threads N]`
//!
//! `--threads N` builds on N threads (default: one per core; the file is the
//! same either way).
//!
//! Every `.txt` file given (or found in a given folder) becomes a source,
//! added with `Store::add_many` (or, with `--one-by-one`, `Store::add` each).
//! Prints the build rate, the index's memory per source byte, the store
//! file's size, the time to open it, and check latency (p50/p99) for N
//! quotes cut from the sources at random (fixed seed): verbatim ones, and
//! ones with a word changed.

use std::path::PathBuf;
use std::time::Instant;

use quotecheck::{SourceDoc, Store};

#[path = "support/cut_quotes.rs"]
mod cut_quotes;
use cut_quotes::{cut_quotes, pct, time_checks};

#[path = "support/corpus.rs"]
mod corpus;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut quotes = 200usize;
    let one_by_one = args.iter().any(|a| a == "--one-by-one");
    args.retain(|a| a != "--one-by-one");
    let mut keep = None;
    if let Some(i) = args.iter().position(|a| a == "--keep") {
        keep = args.get(i + 1).map(std::path::PathBuf::from);
        args.drain(i..(i + 2).min(args.len()));
    }
    let mut threads = 0usize;
    if let Some(i) = args.iter().position(|a| a == "--threads") {
        threads = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(0);
        args.drain(i..(i + 2).min(args.len()));
    }
    if let Some(i) = args.iter().position(|a| a == "--quotes") {
        quotes = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(200);
        args.drain(i..(i + 2).min(args.len()));
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for a in &args {
        let p = PathBuf::from(a);
        if p.is_dir() {
            files.extend(corpus::txt_files(&p));
        } else {
            files.push(p);
        }
    }
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(p).expect("UTF-8 text"),
            )
        })
        .collect();
    let bytes: usize = texts.iter().map(|t| t.1.len()).sum();

    // The documents are made before the clock starts: copying the texts is
    // the benchmark's own cost, not the store's.
    let docs: Vec<SourceDoc> = texts
        .iter()
        .map(|(id, text)| {
            SourceDoc::new(id.clone(), text.clone()).kind(quotecheck::SourceKind::Plain)
        })
        .collect();
    let started = Instant::now();
    let mut store = Store::new();
    store.set_threads(threads);
    if one_by_one {
        for doc in docs {
            store.add(doc).expect("add");
        }
    } else {
        store.add_many(docs).expect("add");
    }
    let build = started.elapsed().as_secs_f64();
    let path = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("qc-bench-{}.qcs", std::process::id()))
    });
    let started = Instant::now();
    store.save(&path).expect("save");
    let save = started.elapsed().as_secs_f64();
    let file_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let started = Instant::now();
    let opened = Store::open(&path).expect("open");
    let open = started.elapsed().as_secs_f64();
    if keep.is_none() {
        let _ = std::fs::remove_file(&path);
    }

    let text_refs: Vec<&str> = texts.iter().map(|t| t.1.as_str()).collect();
    let qs = cut_quotes(&text_refs, quotes);
    // In memory (as built), then on the opened store: the first pass reads
    // the pieces it needs from the file, the second finds them read.
    let (times, found) = time_checks(&store, &qs);
    let (cold, cold_found) = time_checks(&opened, &qs);
    let (warm, _) = time_checks(&opened, &qs);
    println!(
        "opened store: first use p50 {:.3} ms, p99 {:.3} ms, found {}; again p50 {:.3} ms, p99 {:.3} ms",
        pct(&cold, 0.5),
        pct(&cold, 0.99),
        cold_found,
        pct(&warm, 0.5),
        pct(&warm, 0.99),
    );
    println!(
        "{} sources, {:.1} MB, {} words; build {:.2} s ({:.1} MB/s); index+arrays {:.2} bytes per source byte while building (postings {:.2}, word arrays {:.2}); after open: postings {:.2}, word arrays {:.2}; \
         file {:.1} MB; save {:.2} s; open {:.3} s; {} quotes: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms, found {}",
        texts.len(),
        bytes as f64 / 1e6,
        store.word_count(),
        build,
        bytes as f64 / 1e6 / build,
        store.index_bytes() as f64 / bytes as f64,
        store.postings_bytes() as f64 / bytes as f64,
        store.word_array_bytes() as f64 / bytes as f64,
        opened.postings_bytes() as f64 / bytes as f64,
        opened.word_array_bytes() as f64 / bytes as f64,
        file_bytes as f64 / 1e6,
        save,
        open,
        qs.len(),
        pct(&times, 0.5),
        pct(&times, 0.99),
        times.last().copied().unwrap_or(f64::NAN),
        found,
    );
}
