//! An archive split into shards (one store per part of the sources), each
//! quote checked against every shard and the answers merged
//! (`review::merge_shards`), gives what one store holding every source
//! gives: on quotes cut from the bundled real transcripts, as said, changed,
//! with the wrong speaker, and made up.

mod common;

use common::Rng;
use quotecheck::review::{Review, merge_shards};
use quotecheck::{Checker, SourceDoc, Store};

/// The bundled sources and the public-domain fixtures, in one order.
fn docs() -> Vec<SourceDoc> {
    let mut docs = common::demo_docs();
    let pd = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pd");
    let mut paths: Vec<_> = std::fs::read_dir(pd)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    for p in paths {
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        docs.push(SourceDoc::new(id, std::fs::read_to_string(&p).unwrap()));
    }
    // The same remarks twice, in different shards: ties go to the first.
    let first = docs[0].clone();
    docs.push(SourceDoc {
        id: "ryder-again".into(),
        ..first
    });
    docs
}

/// Quotes of 5-25 words cut at random from the sources: as they are, with
/// a word changed, with two sources' words spliced, and with a speaker
/// that is right, wrong, or not given.
fn quotes(docs: &[SourceDoc], n: usize) -> Vec<(String, Option<&'static str>)> {
    let words: Vec<Vec<&str>> = docs
        .iter()
        .map(|d| d.text.split_whitespace().collect())
        .collect();
    let mut rng = Rng(0x5eed_5eed);
    let speakers = [
        None,
        Some("Pat Ryder"),
        Some("John Kirby"),
        Some("Joe Biden"),
    ];
    (0..n)
        .map(|i| {
            let w = &words[rng.below(words.len())];
            let len = 5 + rng.below(20).min(w.len().saturating_sub(6));
            let at = rng.below(w.len().saturating_sub(len).max(1));
            let mut q: Vec<String> = w[at..(at + len).min(w.len())]
                .iter()
                .map(|s| s.to_string())
                .collect();
            match i % 4 {
                1 if q.len() > 3 => {
                    let k = rng.below(q.len());
                    q[k] = "purple".into();
                }
                2 => {
                    let other = &words[rng.below(words.len())];
                    let at = rng.below(other.len().saturating_sub(6).max(1));
                    q.extend(
                        other[at..(at + 6).min(other.len())]
                            .iter()
                            .map(|s| s.to_string()),
                    );
                }
                _ => {}
            }
            (q.join(" "), speakers[rng.below(speakers.len())])
        })
        .collect()
}

#[test]
fn merged_shards_answer_as_one_store() {
    let docs = docs();
    let mut whole = Store::new();
    whole.add_many(docs.clone()).unwrap();
    // Three shards in the sources' order, of unequal sizes.
    let cuts = [0, 2, 5, docs.len()];
    let shards: Vec<Store> = cuts
        .windows(2)
        .map(|w| {
            let mut s = Store::new();
            s.add_many(docs[w[0]..w[1]].iter().cloned()).unwrap();
            s
        })
        .collect();
    let shard_of = |id: &str| {
        let i = docs.iter().position(|d| d.id == id).unwrap();
        cuts.windows(2).position(|w| w[0] <= i && i < w[1]).unwrap()
    };
    let mut checker = Checker::new();
    let (mut compared, mut found, mut split_splices) = (0, 0, 0);
    for (quote, speaker) in quotes(&docs, 400) {
        let one = Review::of(&checker.check(&whole, &quote, speaker).unwrap(), None);
        // A splice across shards is the documented exception.
        let shards_of_parts: Vec<usize> = one
            .parts
            .iter()
            .map(|(_, p)| shard_of(&p.source_id))
            .collect();
        if shards_of_parts.windows(2).any(|w| w[0] != w[1]) {
            split_splices += 1;
            continue;
        }
        let per_shard: Vec<Review> = shards
            .iter()
            .map(|s| Review::of(&checker.check(s, &quote, speaker).unwrap(), None))
            .collect();
        let merged = merge_shards(per_shard).unwrap();
        let place = |r: &Review| {
            r.found
                .as_ref()
                .map(|p| (p.source_id.clone(), p.range.clone()))
        };
        assert_eq!(
            (merged.verdict, merged.score, merged.flags, place(&merged)),
            (one.verdict, one.score, one.flags, place(&one)),
            "{quote:?} ({speaker:?})"
        );
        assert_eq!(merged.differences, one.differences, "{quote:?}");
        assert_eq!(merged.suggested_text, one.suggested_text, "{quote:?}");
        for p in &one.runners_up {
            assert!(
                merged
                    .runners_up
                    .iter()
                    .any(|m| m.source_id == p.source_id && m.range == p.range),
                "{quote:?}: runner-up {} {:?} lost",
                p.source_id,
                p.range
            );
        }
        compared += 1;
        found += usize::from(one.found.is_some());
    }
    // The comparison covered found and not-found quotes alike.
    assert!(
        compared >= 350 && found >= 200,
        "{compared} compared, {found} found, {split_splices} split"
    );
    println!("{compared} compared ({found} found), {split_splices} splices across shards skipped");
}

#[test]
fn a_failed_shard_is_never_hidden_and_nothing_merges_to_none() {
    assert!(merge_shards(Vec::new()).is_none());
    let mut store = Store::new();
    store
        .add(SourceDoc::new("a", "We will not raise taxes this year."))
        .unwrap();
    let mut checker = Checker::new();
    let good = Review::of(
        &checker
            .check(&store, "We will not raise taxes", None)
            .unwrap(),
        None,
    );
    let failed = Review::failed(
        "We will not raise taxes",
        None,
        None,
        &quotecheck::Error::CorruptStore("shard 2".into()),
    );
    let merged = merge_shards([good, failed]).unwrap();
    assert!(merged.error.unwrap().contains("shard 2"));
}
