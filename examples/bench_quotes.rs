//! quotecheck's side of the side-by-side benchmark (scripts/bench_peers):
//! the same corpus and quotes as the other tools, indexed and exhaustive.
//!
//! Usage: `cargo run --release --example bench_quotes -- CORPUS_DIR QUOTES.jsonl [EXHAUSTIVE_PREFIX [ROUNDS]]`
//!
//! ROUNDS repeats the indexed checks (for profiling); the rate is per check.
//!
//! Prints one JSON line per mode: quotes/second, scan MB/s (corpus bytes
//! times quotes over time), the share of quotes located correctly (the best
//! span in the right file, covering half of the expected range or more) by
//! kind, and false matches on absent quotes.

use std::collections::BTreeMap;
use std::time::Instant;

use quotecheck::{Checker, Report, SourceDoc, SourceKind, Store, Verdict};

#[path = "support/corpus.rs"]
mod corpus;

#[derive(serde::Deserialize)]
struct Quote {
    kind: String,
    text: String,
    file: Option<String>,
    start: Option<usize>,
    end: Option<usize>,
}

fn located(q: &Quote, r: &Report<'_>) -> bool {
    let (Some(file), Some(s), Some(e)) = (&q.file, q.start, q.end) else {
        return false;
    };
    r.best().is_some_and(|m| {
        let range = m.range();
        let overlap = range.end.min(e).saturating_sub(range.start.max(s));
        m.source_id() == file && overlap * 2 >= e - s
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = &args[0];
    let quotes: Vec<Quote> = std::fs::read_to_string(&args[1])
        .expect("quotes")
        .lines()
        .map(|l| serde_json::from_str(l).expect("quote line"))
        .collect();
    let prefix: usize = args
        .get(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(quotes.len());
    let rounds: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
    let files = corpus::txt_files(std::path::Path::new(corpus));
    let mut store = Store::new();
    let mut bytes = 0usize;
    let started = Instant::now();
    let docs = files.iter().map(|f| {
        let text = std::fs::read_to_string(f).expect("UTF-8");
        bytes += text.len();
        let id = f.file_name().unwrap().to_string_lossy().into_owned();
        SourceDoc::new(id, text).kind(SourceKind::Plain)
    });
    store.add_many(docs).expect("add");
    let build = started.elapsed().as_secs_f64();
    // What the indexed search said of each quote, to compare with the
    // exhaustive one: (verdict, best source).
    let mut indexed: Vec<(Verdict, Option<String>)> = Vec::new();
    for (mode, n) in [
        ("quotecheck-indexed", quotes.len()),
        ("quotecheck-exhaustive", prefix.min(quotes.len())),
    ] {
        let mut checker = Checker::new();
        let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut false_matches = 0;
        let mut same = 0;
        let started = Instant::now();
        let repeat = if mode.ends_with("indexed") { rounds } else { 1 };
        for _ in 1..repeat {
            for q in &quotes[..n] {
                let _ = checker.check(&store, &q.text, None);
            }
        }
        for (k, q) in quotes[..n].iter().enumerate() {
            let r = if mode.ends_with("indexed") {
                checker.check(&store, &q.text, None)
            } else {
                checker.check_exhaustive(&store, &q.text, None)
            }
            .expect("check");
            let said = (r.verdict(), r.best().map(|m| m.source_id().to_string()));
            if mode.ends_with("indexed") {
                indexed.push(said);
            } else {
                let agree = indexed.get(k) == Some(&said);
                same += usize::from(agree);
                if !agree {
                    eprintln!(
                        "indexed {:?}, exhaustive {:?}: {}",
                        indexed.get(k),
                        said,
                        q.text
                    );
                }
            }
            let e = by_kind.entry(q.kind.as_str()).or_default();
            e.1 += 1;
            if q.kind == "absent" {
                false_matches += usize::from(r.verdict() != Verdict::NotFound);
                e.0 += usize::from(r.verdict() == Verdict::NotFound);
            } else {
                e.0 += usize::from(located(q, &r));
            }
        }
        let secs = started.elapsed().as_secs_f64();
        let kinds: serde_json::Map<String, serde_json::Value> = by_kind
            .iter()
            .map(|(k, (ok, all))| (k.to_string(), serde_json::json!(format!("{ok}/{all}"))))
            .collect();
        println!(
            "{}",
            serde_json::json!({
                "tool": mode,
                "quotes": n,
                "corpus_mb": bytes as f64 / 1e6,
                "build_s": build,
                "quotes_per_s": (n * repeat) as f64 / secs,
                "scan_mb_per_s": bytes as f64 / 1e6 * (n * repeat) as f64 / secs,
                "located": kinds,
                "false_matches_on_absent": false_matches,
                "same_verdict_and_source_as_indexed": if mode.ends_with("indexed") {
                    serde_json::Value::Null
                } else {
                    serde_json::json!(format!("{same}/{n}"))
                },
            })
        );
    }
}
