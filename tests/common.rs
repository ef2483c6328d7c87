//! Shared by the integration tests: the bundled public-domain sources.
#![allow(dead_code)]

use quotecheck::{SourceDoc, Store};

pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");

pub fn read(rel: &str) -> String {
    std::fs::read_to_string(format!("{DATA}/{rel}")).unwrap()
}

/// The bundled sources with the manifest's metadata, in the demo's order.
pub fn demo_docs() -> Vec<SourceDoc> {
    vec![
        SourceDoc::new("ryder", read("sources/dod-2023-05-02-ryder-briefing.txt"))
            .label("BRIGADIER GENERAL PAT RYDER", "Pat Ryder"),
        SourceDoc::new(
            "captions",
            read("sources/dod-2023-05-02-ryder-captions.srt"),
        )
        .speaker("Pat Ryder"),
        SourceDoc::new("briefing", read("sources/wh-2023-02-13-briefing.txt"))
            .label("MS. JEAN-PIERRE", "Karine Jean-Pierre")
            .label("MR. KIRBY", "John Kirby"),
        SourceDoc::new("biden", read("sources/wh-2023-02-16-remarks-biden.txt"))
            .label("THE PRESIDENT", "Joe Biden"),
        SourceDoc::new("gaggle", read("sources/wh-2024-02-20-gaggle-kirby.txt"))
            .label("MR. KIRBY", "John Kirby"),
    ]
}

/// The demo store: every bundled source, added one by one.
pub fn demo_store() -> Store {
    let mut store = Store::new();
    for doc in demo_docs() {
        store.add(doc).unwrap();
    }
    store
}

/// The verdicts of a CLI `--json` report, in order ("null" for an error).
pub fn verdicts_of(json: &[u8]) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(json).unwrap();
    v["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["verdict"].as_str().unwrap_or("null").to_string())
        .collect()
}

/// xorshift64*: a small fixed-seed generator, so generated cases are the
/// same on every machine and a failure can be replayed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// About `bytes` of text in sources of 2-60 KB, made by walking the words of
/// the bundled (public-domain) transcripts at random with a fixed seed:
/// their labels, stage directions, numbers and accents come along, and a
/// large vocabulary with a long tail, as real archives have. Every fifth
/// source is the real transcript itself, under a new id.
pub fn grown_corpus(bytes: usize) -> Vec<SourceDoc> {
    let real: Vec<SourceDoc> = demo_docs();
    let words: Vec<&str> = real
        .iter()
        .flat_map(|d| d.text.split_inclusive(char::is_whitespace))
        .collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut docs, mut total) = (Vec::new(), 0);
    while total < bytes {
        let i = docs.len();
        let doc = if i % 5 == 4 {
            let r = &real[i / 5 % real.len()];
            SourceDoc {
                id: format!("real-{i}"),
                ..r.clone()
            }
        } else {
            let len = 2_000 + (next() % 58_000) as usize;
            let mut text = String::with_capacity(len + 100);
            let mut at = (next() as usize) % words.len();
            while text.len() < len {
                // Mostly runs of the real text, sometimes a jump elsewhere.
                if next() % 8 == 0 {
                    at = (next() as usize) % words.len();
                }
                text.push_str(words[at % words.len()]);
                at += 1;
            }
            SourceDoc::new(format!("grown-{i}"), text).label("MR. KIRBY", "John Kirby")
        };
        total += doc.text.len();
        docs.push(doc);
    }
    docs
}
