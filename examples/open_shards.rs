//! An archive served as shards: opens every store file given, cuts quotes
//! from a sample of their sources (as `bench_store` does), and checks each
//! against every shard, merging the answers with `review::merge_shards`:
//! the first time (the stores have read nothing yet) and again, one shard
//! after another on one thread, then the shards spread over every core.
//!
//! `cargo run --release --example open_shards -- SHARD.qcs... [--quotes N] [--write-quotes FILE]`
//!
//! `--write-quotes` writes the quotes, one a line, for a peer to search
//! (`scripts/bench_peers/sassy_stream.py`).
//!
//! Peak memory is the process's (`/usr/bin/time -v`).

use std::time::Instant;

use quotecheck::review::{Review, merge_shards};
use quotecheck::{Checker, Store, Verdict};

#[path = "support/cut_quotes.rs"]
#[allow(dead_code)] // time_checks is for the one-store benchmarks
mod cut_quotes;
use cut_quotes::{cut_quotes, pct};

/// One quote against every shard, one after another: (ms, found).
fn fan_out(shards: &[Store], checker: &mut Checker, quote: &str) -> (f64, bool) {
    let t = Instant::now();
    let reviews: Vec<Review> = shards
        .iter()
        .map(|s| Review::of(&checker.check(s, quote, None).expect("check"), None))
        .collect();
    let merged = merge_shards(reviews).expect("a shard");
    (
        t.elapsed().as_secs_f64() * 1e3,
        merged.verdict != Verdict::NotFound,
    )
}

/// The same, the shards split over `threads` threads (a checker each).
fn fan_out_threads(shards: &[Store], checkers: &mut [Checker], quote: &str) -> (f64, bool) {
    let t = Instant::now();
    let per = shards.len().div_ceil(checkers.len());
    let reviews: Vec<Review> = std::thread::scope(|scope| {
        let handles: Vec<_> = shards
            .chunks(per)
            .zip(checkers.iter_mut())
            .map(|(part, checker)| {
                scope.spawn(move || {
                    part.iter()
                        .map(|s| Review::of(&checker.check(s, quote, None).expect("check"), None))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("thread"))
            .collect()
    });
    let merged = merge_shards(reviews).expect("a shard");
    (
        t.elapsed().as_secs_f64() * 1e3,
        merged.verdict != Verdict::NotFound,
    )
}

fn report(label: &str, mut runs: Vec<(f64, bool)>) {
    let found = runs.iter().filter(|r| r.1).count();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let times: Vec<f64> = runs.iter().map(|r| r.0).collect();
    println!(
        "{} quotes, {label}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms, found {found}",
        times.len(),
        pct(&times, 0.5),
        pct(&times, 0.99),
        times[times.len() - 1],
    );
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut quotes = 400usize;
    let mut write_quotes = None;
    if let Some(i) = args.iter().position(|a| a == "--write-quotes") {
        write_quotes = args.get(i + 1).cloned();
        args.drain(i..(i + 2).min(args.len()));
    }
    let mut read_quotes = None;
    if let Some(i) = args.iter().position(|a| a == "--read-quotes") {
        read_quotes = args.get(i + 1).cloned();
        args.drain(i..(i + 2).min(args.len()));
    }
    if let Some(i) = args.iter().position(|a| a == "--quotes") {
        quotes = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(400);
        args.drain(i..(i + 2).min(args.len()));
    }
    let started = Instant::now();
    let shards: Vec<Store> = args.iter().map(|p| Store::open(p).expect("open")).collect();
    let (texts, bytes): (usize, usize) = shards
        .iter()
        .fold((0, 0), |(n, b), s| (n + s.len(), b + s.text_bytes()));
    println!(
        "opened {} shards, {texts} sources, {:.2} GB of text in {:.3} s",
        shards.len(),
        bytes as f64 / 1e9,
        started.elapsed().as_secs_f64()
    );
    // Quotes from every 97th source of each shard, read from a second
    // opening (so the shards checked have read nothing yet).
    let qs = if let Some(path) = read_quotes {
        // The quotes another run wrote (--write-quotes): the same quotes on
        // the shards and on one store merged from them.
        let text = std::fs::read_to_string(&path).expect("read quotes");
        text.lines().take(quotes).map(str::to_string).collect()
    } else {
        let cutters: Vec<Store> = args.iter().map(|p| Store::open(p).expect("open")).collect();
        let sample: Vec<&str> = cutters
            .iter()
            .flat_map(|s| s.sources().step_by(97).map(|src| src.text()))
            .collect();
        cut_quotes(&sample, quotes)
    };
    if let Some(path) = write_quotes {
        std::fs::write(&path, qs.join("\n") + "\n").expect("write quotes");
    }
    let mut checker = Checker::new();
    let first = qs
        .iter()
        .map(|q| fan_out(&shards, &mut checker, q))
        .collect();
    report("first use, one thread", first);
    let again = qs
        .iter()
        .map(|q| fan_out(&shards, &mut checker, q))
        .collect();
    report("again, one thread", again);
    if std::env::var_os("QC_SHOW_MISSES").is_some() {
        for q in &qs {
            if !fan_out(&shards, &mut checker, q).1 {
                eprintln!("not found: {q}");
            }
        }
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut checkers: Vec<Checker> = (0..threads).map(|_| Checker::new()).collect();
    let spread = qs
        .iter()
        .map(|q| fan_out_threads(&shards, &mut checkers, q))
        .collect();
    report(&format!("again, shards over {threads} threads"), spread);
}
