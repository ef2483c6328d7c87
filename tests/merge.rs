//! Store files merged into one (`Store::merge_files`): the file one build
//! of all the sources writes, byte for byte; damaged or clashing parts are
//! errors that leave the output alone.

mod common;

use std::path::{Path, PathBuf};

use quotecheck::{Checker, Error, SourceDoc, Store, Verdict};

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("qc-merge-{name}-{}.qcs", std::process::id()))
}

/// Builds `docs` on `threads` threads and saves them to a file named `name`.
fn save(docs: &[SourceDoc], threads: usize, name: &str) -> PathBuf {
    let mut store = Store::new();
    store.set_threads(threads);
    assert_eq!(store.add_many(docs.iter().cloned()).unwrap(), docs.len());
    let path = temp(name);
    store.save(&path).unwrap();
    path
}

fn remove(paths: &[PathBuf]) {
    for p in paths {
        std::fs::remove_file(p).ok();
    }
}

#[test]
fn merged_parts_are_the_file_one_build_writes() {
    // Real transcripts among sources grown from them: labels, stage
    // directions, accents; past the sizes where a build uses threads.
    let docs = common::grown_corpus(6 << 20);
    let whole = save(&docs, 2, "whole");
    let expected = std::fs::read(&whole).unwrap();
    // Parts of unequal sizes, built on different thread counts.
    let cuts = [0, 3, docs.len() / 2, docs.len() - 1, docs.len()];
    let parts: Vec<PathBuf> = cuts
        .windows(2)
        .enumerate()
        .map(|(k, w)| save(&docs[w[0]..w[1]], 1 + k % 2, &format!("part{k}")))
        .collect();
    let merged = temp("merged");
    assert_eq!(Store::merge_files(&parts, &merged).unwrap(), docs.len());
    let bytes = std::fs::read(&merged).unwrap();
    assert_eq!(bytes.len(), expected.len(), "sizes differ");
    assert!(
        bytes == expected,
        "the merged file differs from one build's"
    );

    // And it is a store: a real quote found where a real transcript's copy is.
    let store = Store::open(&merged).unwrap();
    let mut checker = Checker::new();
    let report = checker
        .check(
            &store,
            "Military personnel will not directly participate in law enforcement activities",
            None,
        )
        .unwrap();
    assert_eq!(report.verdict(), Verdict::Verbatim);
    remove(&parts);
    remove(&[whole, merged]);
}

#[test]
fn merging_one_part_or_with_an_empty_one_changes_nothing() {
    let docs = common::demo_docs();
    let one = save(&docs, 1, "one");
    let empty = temp("empty");
    Store::new().save(&empty).unwrap();
    let expected = std::fs::read(&one).unwrap();
    for inputs in [vec![&one], vec![&empty, &one], vec![&one, &empty]] {
        let out = temp("one-out");
        assert_eq!(Store::merge_files(&inputs, &out).unwrap(), docs.len());
        assert!(std::fs::read(&out).unwrap() == expected, "{inputs:?}");
        std::fs::remove_file(&out).ok();
    }
    // No parts: an empty store.
    let out = temp("none");
    assert_eq!(Store::merge_files::<&Path>(&[], &out).unwrap(), 0);
    assert!(Store::open(&out).unwrap().is_empty());
    remove(&[one, empty, out]);
}

#[test]
fn a_source_in_two_parts_is_refused_and_the_output_left_alone() {
    let docs = common::demo_docs();
    let a = save(&docs[..3], 1, "dup-a");
    let b = save(&docs[2..], 1, "dup-b");
    let out = temp("dup-out");
    std::fs::write(&out, b"the old file").unwrap();
    let err = Store::merge_files(&[&a, &b], &out).unwrap_err();
    assert!(
        matches!(&err, Error::DuplicateSourceId(id) if id == &docs[2].id),
        "{err}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), b"the old file");
    // No temporary file is left beside it.
    let dir = std::env::temp_dir();
    let stem = format!(".qc-merge-dup-out-{}.qcs", std::process::id());
    let left = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&stem))
        .count();
    assert_eq!(left, 0);
    remove(&[a, b, out]);
}

#[test]
fn damaged_parts_are_errors_never_panics() {
    // Every byte of a small part flipped in turn (and the file cut at every
    // length): the merge fails, or, where the damage is in bytes no check
    // covers, writes a file that opens; it never panics or loses the output.
    let docs = [
        SourceDoc::new("a", "We will not raise taxes this year, the mayor said.")
            .speaker("Ana Diaz"),
        SourceDoc::new(
            "b",
            "MR. KIRBY: The bridge will open in the spring (laughter).",
        )
        .label("MR. KIRBY", "John Kirby"),
    ];
    let good = save(&docs[..1], 1, "good");
    let part = save(&docs[1..], 1, "victim");
    let bytes = std::fs::read(&part).unwrap();
    let bad = temp("bad");
    let out = temp("bad-out");
    let mut fails = 0;
    for i in 0..bytes.len() {
        for damaged in [flip(&bytes, i), bytes[..i].to_vec()] {
            std::fs::write(&bad, &damaged).unwrap();
            match Store::merge_files(&[&good, &bad], &out) {
                Err(_) => fails += 1,
                Ok(_) => {
                    Store::open(&out).unwrap();
                }
            }
        }
    }
    assert!(
        fails > bytes.len(),
        "{fails} failures of {}",
        2 * bytes.len()
    );
    remove(&[good, part, bad, out]);
}

fn flip(bytes: &[u8], i: usize) -> Vec<u8> {
    let mut b = bytes.to_vec();
    b[i] ^= 0x5a;
    b
}

#[test]
fn a_crafted_part_with_checksums_recomputed_never_panics() {
    // Damage that the checksums do not catch (they are recomputed, as a
    // crafted file would carry them): still an error or a file that opens.
    let docs = common::demo_docs();
    let good = save(&docs[..1], 1, "crafted-good");
    let part = save(&docs[1..2], 1, "crafted");
    let bytes = std::fs::read(&part).unwrap();
    let bad = temp("crafted-bad");
    let out = temp("crafted-out");
    let step = (bytes.len() / 1500).max(1);
    for i in (0..bytes.len()).step_by(step) {
        let mut damaged = flip(&bytes, i);
        if quotecheck::internals::reseal(&mut damaged).is_err() {
            continue;
        }
        std::fs::write(&bad, &damaged).unwrap();
        if Store::merge_files(&[&good, &bad], &out).is_ok() {
            Store::open(&out).unwrap();
        }
    }
    remove(&[good, part, bad, out]);
}
