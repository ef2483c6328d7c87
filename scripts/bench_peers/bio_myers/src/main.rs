//! rust-bio's block-based Myers matcher (`bio::pattern_matching::myers::long`)
//! over the benchmark corpus, in the output shape of `peers.py`.
//!
//!     bio-myers-peer CORPUS_DIR QUOTES.jsonl [PREFIX]
//!
//! Each quote (the first PREFIX, default all) is searched in every file at
//! up to 20% edits (as sassy and edlib are); the file and span with the
//! fewest edits is its answer.

use std::collections::BTreeMap;
use std::time::Instant;

use bio::pattern_matching::myers::long::Myers;
use serde_json::Value;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = std::path::Path::new(&args[0]);
    let quotes: Vec<Value> = std::fs::read_to_string(&args[1])
        .expect("quotes")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let prefix = args
        .get(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(quotes.len());
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(corpus)
        .expect("corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("file"))
        })
        .collect();
    files.sort();
    let total: usize = files.iter().map(|f| f.1.len()).sum();

    let mut by_kind: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut false_matches = 0;
    let started = Instant::now();
    for q in quotes.iter().take(prefix) {
        let text = q["text"].as_str().unwrap_or("").as_bytes();
        let k = (text.len() / 5) as usize;
        let mut myers = Myers::<u64>::new(text);
        let mut best: Option<(usize, &str, usize, usize)> = None;
        for (name, data) in &files {
            let mut matches = myers.find_all_lazy(data, k);
            let Some((end, dist)) = matches.by_ref().min_by_key(|&(_, d)| d) else {
                continue;
            };
            if best.is_none_or(|b| dist < b.0) {
                // `end` is the last byte's index; hit_at traces back to the start.
                if let Some((s, _)) = matches.hit_at(end) {
                    best = Some((dist, name, s, end + 1));
                }
            }
        }
        let kind = q["kind"].as_str().unwrap_or("?").to_string();
        let entry = by_kind.entry(kind.clone()).or_default();
        entry.1 += 1;
        if kind == "absent" {
            if best.is_some() {
                false_matches += 1;
            } else {
                entry.0 += 1;
            }
        } else if let Some((_, name, s, e)) = best {
            let (qs, qe) = (
                q["start"].as_u64().unwrap_or(0) as usize,
                q["end"].as_u64().unwrap_or(0) as usize,
            );
            let overlap = e.min(qe).saturating_sub(s.max(qs));
            if q["file"].as_str() == Some(name) && overlap * 2 >= qe - qs {
                entry.0 += 1;
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let n = prefix.min(quotes.len());
    let located: BTreeMap<&String, String> = by_kind
        .iter()
        .map(|(k, v)| (k, format!("{}/{}", v.0, v.1)))
        .collect();
    println!(
        "{}",
        serde_json::json!({
            "tool": "rust-bio myers (long, u64 blocks)",
            "quotes": n,
            "corpus_mb": total as f64 / 1e6,
            "quotes_per_s": n as f64 / secs,
            "scan_mb_per_s": total as f64 / 1e6 * n as f64 / secs,
            "located": located,
            "false_matches_on_absent": false_matches,
        })
    );
}
