//! Hostile input: each row of the hostile-input report (inputs that crashed,
//! stalled or exhausted memory) as a test. Large inputs are generated here
//! (about 1 MB each); the crafted store files are in tests/fixtures/hostile/.
//! Time limits are generous hang guards, not benchmarks (the growth per 10x
//! of input is measured by `examples/bench_hostile.rs`, in BENCHMARKS.md).

mod common;

use std::time::{Duration, Instant};

use quotecheck::extract::Extractor;
use quotecheck::{Checker, Error, SourceDoc, Store};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");

/// A guard against a hang: what took 16-190 s at 1 MB must take seconds.
const GUARD: Duration = Duration::from_secs(20);

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    assert!(started.elapsed() < GUARD, "{what}: {:?}", started.elapsed());
    out
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

// Checks: a legal 16 KB quote of thousands of ellipses asked for 10.7 GB.

#[test]
fn a_quote_of_thousands_of_ellipses_is_refused_not_aligned() {
    let mut store = Store::new();
    let source = format!("alpha beta gamma delta {}", "the ".repeat(200_000));
    store.add(SourceDoc::new("s", source)).unwrap();
    let mut checker = Checker::new();
    for n in [500, 990] {
        let quote = format!("alpha beta gamma delta{}", " … the".repeat(n));
        let err = timed("ellipses", || {
            checker.check(&store, &quote, None).unwrap_err()
        });
        assert!(
            matches!(
                err,
                Error::QuoteTooLong {
                    unit: "ellipses",
                    ..
                }
            ),
            "{err:?}"
        );
        // With brackets between them (the reported inputs, 1,000 and 2,300
        // ellipses), the brackets count as words.
        let quote = format!("alpha beta gamma delta{}", " … []".repeat(2 * n));
        let err = checker.check(&store, &quote, None).unwrap_err();
        assert!(matches!(err, Error::QuoteTooLong { .. }), "{err:?}");
    }
    // The most ellipses allowed, each fragment a common word: bounded.
    let quote = format!(
        "alpha beta gamma delta{}",
        " … the".repeat(quotecheck::MAX_QUOTE_ELLIPSES)
    );
    timed("16 ellipses", || {
        checker.check(&store, &quote, None).unwrap()
    });
    timed("exhaustive", || {
        checker
            .check_exhaustive(&store, "alpha beta gamma delta the", None)
            .unwrap()
            .verdict()
    });
}

// Store files with every checksum valid but lengths chosen to wrap.

#[test]
fn crafted_store_files_are_damaged_stores_never_panics() {
    for name in [
        "textlen_wrap.qcs",
        "vocab_len_wrap.qcs",
        "store_table_offset_overflow_open.qcs",
    ] {
        let mut bytes = fixture(name);
        // The reported files are of format 5, refused now by version; as
        // they were read then, stamped with this version and resealed,
        // they must still be damaged stores.
        if bytes.len() > 16 {
            let err = Store::from_bytes(&bytes).unwrap_err();
            assert!(
                matches!(err, Error::UnsupportedVersion { found: 5, .. }),
                "{name}: {err:?}"
            );
            bytes[8..12].copy_from_slice(&quotecheck::STORE_FORMAT_VERSION.to_le_bytes());
            let _ = quotecheck::internals::reseal(&mut bytes);
        }
        let err = Store::from_bytes(&bytes).unwrap_err();
        assert!(matches!(err, Error::CorruptStore(_)), "{name}: {err:?}");
        let path = std::env::temp_dir().join(format!("qc-hostile-{}-{name}", std::process::id()));
        std::fs::write(&path, &bytes).unwrap();
        // Opened lazily, the damage is found on open or by the check that
        // reads it; a tiny file is a damaged store, not an I/O error.
        match Store::open(&path) {
            Err(e) => assert!(matches!(e, Error::CorruptStore(_)), "{name}: {e:?}"),
            Ok(store) => {
                let mut checker = Checker::new();
                let _ = checker.check(&store, "we will not raise taxes this year", None);
                let _ = store.save(path.with_extension("resaved"));
            }
        }
        std::fs::remove_file(&path).ok();
        std::fs::remove_file(path.with_extension("resaved")).ok();
    }
    // The fuzzer's inputs (before their checksums were recomputed): in this
    // build (overflow checks on) they overflowed the offset arithmetic.
    for name in [
        "persist667_table_offset_overflow_min40.crash",
        "persist795_vocablen_overflow.crash",
        "persist822_textlen_overflow.crash",
    ] {
        let mut bytes = fixture(name);
        let _ = Store::from_bytes(&bytes);
        if quotecheck::internals::reseal(&mut bytes).is_ok() {
            let _ = Store::from_bytes(&bytes);
        }
    }
}

// Extraction: four inputs that were quadratic.

#[test]
fn extraction_is_linear_on_the_inputs_that_were_quadratic() {
    let cases = [
        // One unclosed opener, then a megabyte of short pairs (16 s).
        ("stray pairs", format!("“{}", repeat_to("\"a\" ", 1 << 20))),
        // "Smith said" a thousand times, no full name (141 s).
        (
            "surname",
            repeat_to("“We will win,” Smith said.\n", 1 << 20),
        ),
        // Dots with no space between them (64 s).
        (
            "abbreviation dots",
            format!("“Hello there,” U.x.{}", repeat_to("éx.", 1 << 20)),
        ),
        // An indefinite role in one long paragraph: each read the paragraph
        // to its end for the name given later (5.5 s at 222 KB).
        (
            "indefinite role, one paragraph",
            repeat_to("“We will win,” a spokesman said. ", 1 << 20),
        ),
        // A surname whose first full name disagrees in gender, then a
        // megabyte of the other sex's honorific: each looks back for a full
        // name that agrees (bounded to 5 KB).
        (
            "surname of the other sex",
            format!(
                "Bill Smith spoke first.\n{}",
                repeat_to(
                    "“We will win,” Mrs. Smith said. Tom Smith agreed.\n",
                    1 << 20
                )
            ),
        ),
        // Programmes' titles owned by an outlet, no full stop: each quote
        // read its attribution back past every title to the paragraph's
        // start (caught before it shipped; bounded to 600 bytes).
        (
            "owned titles, one paragraph",
            repeat_to("NBC’s “Show” and ", 1 << 20),
        ),
        // Sentence shapes of the fifth session's rules, each a megabyte.
        (
            "relative clauses, put it, shares, owners",
            repeat_to(
                "the video in which Trump bragged about it, as Smith put it, 63 percent of \
                 voters say Clinton’s allegations of a “conspiracy” ",
                1 << 20,
            ),
        ),
        // Groups, then pronouns that find no person (superlinear).
        (
            "group then pronoun",
            format!(
                "{}{}",
                repeat_to("“We will win,” officials said.\n", 1 << 20),
                repeat_to("“We will win,” he said.\n", 1 << 20)
            ),
        ),
    ];
    let mut extractor = Extractor::new();
    for (what, text) in &cases {
        let n = timed(what, || extractor.extract(text).quotes().len());
        assert!(n > 0 || *what == "abbreviation dots", "{what}");
    }
}

#[test]
fn a_surname_resolves_to_the_full_name_given_earlier_as_before() {
    let text = "“We start today,” said Jane Smith, the mayor.\n\n\
                “We will win,” Smith said.\n\n“Again,” Smith said.";
    let mut extractor = Extractor::new();
    let found = extractor.extract(text);
    let names: Vec<_> = found
        .quotes()
        .iter()
        .map(|q| found.speaker_name(q))
        .collect();
    assert_eq!(
        names,
        [Some("Jane Smith"), Some("Jane Smith"), Some("Jane Smith")]
    );
}

// Code-point offsets through the C ABI: once per call, not per quote.

#[test]
fn c_abi_offsets_cost_one_pass_per_call() {
    use quotecheck::ffi::extract::*;
    let article = repeat_to("“Señor, we will win,” the mayor said.\n", 1 << 20);
    let ex = qc_extractor_new();
    let mut count = 0usize;
    let status = timed("qc_extractor_extract", || {
        qc_extractor_extract(
            ex,
            article.as_ptr(),
            article.len(),
            &mut count,
            std::ptr::null_mut(),
        )
    });
    assert_eq!(status, quotecheck::ffi::status::QC_OK);
    assert!(count > 20_000);
    qc_extractor_free(ex);
}

// Store::add: many distinct speaker labels were a linear search each.

#[test]
fn a_transcript_with_thousands_of_voices_is_added_in_linear_time() {
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(&format!(
            "SPEAKER{i} SMITH{i}:  We will win number {i}.\n\n"
        ));
    }
    let mut store = Store::new();
    timed("add", || store.add(SourceDoc::new("t", text)).unwrap());
    assert!(store.source(0).is_transcript());
}

// Invisible and canonically equivalent text.

#[test]
fn nfd_and_nfc_text_is_the_same_and_lone_cr_breaks_paragraphs() {
    let mut store = Store::new();
    store
        .add(SourceDoc::new("s", "The caf\u{e9} will open in May."))
        .unwrap();
    let mut checker = Checker::new();
    let r = checker
        .check(&store, "The cafe\u{301} will open in May.", None)
        .unwrap();
    assert_eq!(r.verdict(), quotecheck::Verdict::Verbatim);
    assert!(r.best().unwrap().edits().is_empty());

    // An emoji family (joined by zero-width joiners) left out between two
    // words is no punctuation change.
    let mut store = Store::new();
    store
        .add(SourceDoc::new(
            "e",
            "We won \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} today.",
        ))
        .unwrap();
    let r = checker.check(&store, "We won today.", None).unwrap();
    assert_eq!(
        r.verdict(),
        quotecheck::Verdict::Verbatim,
        "{:?}",
        r.best().unwrap().edits()
    );

    let text = "One.\r“We will win,” she said.\r\r“And we will go on,” she said.";
    let mut extractor = Extractor::new();
    let found = extractor.extract(text);
    let paragraphs: Vec<u32> = found.quotes().iter().map(|q| q.paragraph).collect();
    assert_eq!(paragraphs, [1, 2]);
}

// Fuzzing finds: each crash input kept as a regression test.

#[test]
fn fuzz_crashes_stay_fixed() {
    // A mention reduced to an empty surname matched inside a character.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fuzz/extract-empty-surname.txt"
    ))
    .unwrap();
    let mut extractor = Extractor::new();
    let _ = extractor.extract(&text).quotes().len();
}
