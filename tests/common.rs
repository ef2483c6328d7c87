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
