//! Building on many cores: the store, and the file saved from it, are the
//! same byte for byte whatever the number of threads.

mod common;

use quotecheck::{Checker, SourceDoc, Store, Verdict};

fn saved(docs: &[SourceDoc], threads: usize, name: &str) -> (Store, Vec<u8>) {
    let mut store = Store::new();
    store.set_threads(threads);
    assert_eq!(store.add_many(docs.iter().cloned()).unwrap(), docs.len());
    let path = std::env::temp_dir().join(format!("qc-build-{name}-{}.qcs", std::process::id()));
    store.save(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).ok();
    (store, bytes)
}

#[test]
fn one_core_and_many_core_builds_give_identical_files() {
    // Past the sizes below which a build stays on one thread (1 MB of text
    // for tokenizing, a million words for the index).
    let docs = common::grown_corpus(8 << 20);
    let (one, one_bytes) = saved(&docs, 1, "one");
    assert!(one.word_count() > 1 << 20, "{} words", one.word_count());
    for threads in [2, 3] {
        let (many, bytes) = saved(&docs, threads, &format!("t{threads}"));
        assert_eq!(many.word_count(), one.word_count());
        assert!(bytes == one_bytes, "{threads} threads: the files differ");
    }
    // And the store built works: a real quote, in a real transcript's copy.
    let mut checker = Checker::new();
    let report = checker
        .check(
            &one,
            "Military personnel will not directly participate in law enforcement activities",
            None,
        )
        .unwrap();
    assert_eq!(report.verdict(), Verdict::Verbatim);
}

#[test]
fn many_core_build_stops_at_a_bad_source_like_one_core() {
    // A duplicate id in the middle of a large batch: the sources before it
    // are added on every thread count alike, and none after it is read.
    let mut docs = common::grown_corpus(3 << 20);
    let dup = docs[10].id.clone();
    docs.insert(20, SourceDoc::new(dup, "a second source with a taken id"));
    for threads in [1, 2] {
        let mut store = Store::new();
        store.set_threads(threads);
        let mut iter = docs.iter().cloned();
        let err = store.add_many(iter.by_ref()).unwrap_err();
        assert!(matches!(err, quotecheck::Error::DuplicateSourceId(_)));
        assert_eq!(store.len(), 20);
        assert_eq!(iter.next().map(|d| d.id), Some(docs[21].id.clone()));
    }
}

/// `saved` with batches of `batch` bytes: the next batch is tokenized while
/// the one before is added.
fn saved_in_batches(docs: &[SourceDoc], threads: usize, batch: usize) -> Vec<u8> {
    let mut store = Store::new();
    store.set_threads(threads);
    quotecheck::internals::set_batch_bytes(&mut store, batch);
    assert_eq!(store.add_many(docs.iter().cloned()).unwrap(), docs.len());
    let path = std::env::temp_dir().join(format!(
        "qc-build-batches-{threads}-{batch}-{}.qcs",
        std::process::id()
    ));
    store.save(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).ok();
    bytes
}

#[test]
fn builds_across_many_batches_give_the_same_file() {
    // Eight batches, each tokenized while the one before is numbered into
    // the store: the file is the one a single batch on one thread gives.
    let docs = common::grown_corpus(2 << 20);
    let (_, one) = saved(&docs, 1, "batches-one");
    for threads in [1, 2, 3] {
        let bytes = saved_in_batches(&docs, threads, 256 << 10);
        assert!(
            bytes == one,
            "{threads} threads in batches: the files differ"
        );
    }
}

#[test]
fn a_duplicate_of_a_batch_still_being_added_is_refused() {
    // The id repeated comes from the batch before, not yet in the store
    // when the next one is taken (it is being added meanwhile).
    let mut docs = common::grown_corpus(1 << 20);
    assert!(docs.len() > 30, "{} sources", docs.len());
    let small = docs.iter().take(4).map(|d| d.text.len()).sum::<usize>();
    let dup = docs[5].id.clone();
    docs.insert(9, SourceDoc::new(dup, "a second source with a taken id"));
    for threads in [1, 2] {
        let mut store = Store::new();
        store.set_threads(threads);
        quotecheck::internals::set_batch_bytes(&mut store, small);
        let mut iter = docs.iter().cloned();
        let err = store.add_many(iter.by_ref()).unwrap_err();
        assert!(
            matches!(err, quotecheck::Error::DuplicateSourceId(_)),
            "{err}"
        );
        assert_eq!(store.len(), 9, "{threads} threads");
        assert_eq!(iter.next().map(|d| d.id), Some(docs[10].id.clone()));
    }
}
