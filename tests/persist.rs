//! Store files: round trips, incremental changes, and damage of every kind.
//! (Atomic saving is tested in src/persist.rs, where a failure can be set up.)

mod common;

use quotecheck::{Checker, Error, SourceDoc, Store, Verdict};

/// Real quotes with every verdict (from tests/verdicts.rs and the pairs).
const QUOTES: &[(&str, Option<&str>)] = &[
    (
        "until CPB can address these needs through contracted support,",
        Some("Ryder"),
    ),
    (
        "Military personnel will directly participate in law enforcement activities.",
        Some("Ryder"),
    ),
    (
        "While this request is for 90 days, I would point out that DOD has supported DHS on the southwest border for 18 of the last 22 years and every year since 2006,",
        Some("Ryder"),
    ),
    (
        "no indication of aliens or extraterrestrial activity",
        Some("Karine Jean-Pierre"),
    ),
    ("We have no plans to raise taxes on the moon.", None),
    (
        "Military personnel will not directly participate in law enforcement activities.",
        Some("Karine Jean-Pierre"),
    ),
];

/// What a check says, as comparable values: verdict, speaker, where.
type Outcome = (Verdict, Option<String>, Option<(String, usize, usize)>);

fn verdicts(store: &Store) -> Vec<Outcome> {
    let mut checker = Checker::new();
    QUOTES
        .iter()
        .map(|(q, s)| {
            let r = checker.check(store, q, *s).unwrap();
            let best = r
                .best()
                .map(|m| (m.source_id().to_string(), m.range().start, m.range().end));
            let speaker = r
                .best()
                .and_then(|m| m.speaker().name().map(str::to_string));
            (r.verdict(), speaker, best)
        })
        .collect()
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("qc-persist-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("store.qcs")
}

#[test]
fn save_and_open_round_trip() {
    let store = common::demo_store();
    let path = temp("round");
    store.save(&path).unwrap();
    let opened = Store::open(&path).unwrap();
    assert_eq!(opened.len(), store.len());
    assert_eq!(opened.word_count(), store.word_count());
    for (a, b) in store.sources().zip(opened.sources()) {
        assert_eq!(a.id(), b.id());
        assert_eq!(a.text(), b.text());
        assert_eq!(a.turns(), b.turns());
    }
    assert_eq!(verdicts(&opened), verdicts(&store));
    // Saving the opened store gives the same bytes.
    let again = temp("round-again");
    opened.save(&again).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

/// Threads sharing a freshly opened store read its pieces at once (each
/// piece is kept once, whichever thread reads it first) and all get the
/// verdicts of the store it was saved from.
#[test]
fn threads_share_an_opened_store_from_its_first_check() {
    let store = common::demo_store();
    let want = verdicts(&store);
    let path = temp("threads");
    store.save(&path).unwrap();
    let opened = Store::open(&path).unwrap();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4).map(|_| scope.spawn(|| verdicts(&opened))).collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), want);
        }
    });
}

#[test]
fn add_and_remove_then_save_equals_a_store_built_from_scratch() {
    // The demo minus the gaggle, plus an extra source, built two ways.
    let path = temp("incremental");
    let mut store = common::demo_store();
    store.save(&path).unwrap();
    let mut opened = Store::open(&path).unwrap();
    opened.remove("gaggle").unwrap();
    assert!(matches!(
        opened.remove("gaggle"),
        Err(Error::UnknownSourceId(_))
    ));
    let extra = SourceDoc::new(
        "statement",
        "We will not raise taxes this year, and we will not cut the police.",
    )
    .speaker("Ana Diaz");
    opened.add(extra.clone()).unwrap();
    let before_save = verdicts(&opened);
    opened.save(&path).unwrap();
    let reopened = Store::open(&path).unwrap();

    store.remove("gaggle").unwrap();
    store.compact().unwrap();
    store.add(extra).unwrap();
    assert_eq!(reopened.len(), store.len());
    assert_eq!(verdicts(&reopened), verdicts(&store));
    assert_eq!(before_save, verdicts(&store));
    // A removed source is found nowhere.
    let mut checker = Checker::new();
    let gaggle_line = "We are aware of the reports";
    let r = checker.check(&reopened, gaggle_line, None).unwrap();
    assert!(r.matches().all(|m| m.source_id() != "gaggle"));
    let r = checker
        .check(&reopened, "we will not cut the police", Some("Diaz"))
        .unwrap();
    assert_eq!(r.verdict(), Verdict::Verbatim);
}

fn small_store_bytes(name: &str) -> Vec<u8> {
    let mut store = Store::new();
    store
        .add(
            SourceDoc::new("b", "MR. KIRBY:  We have no indication of aliens.\n\nQ    Really?\n\nMR. KIRBY:  Really.")
                .label("MR. KIRBY", "John Kirby"),
        )
        .unwrap();
    store
        .add(SourceDoc::new("s", "Señoras y señores, we will not raise taxes.").speaker("Ana Díaz"))
        .unwrap();
    // Past 256 words: the file has checkpoints for deriving a window, and
    // stage directions and brackets that straddle them.
    let long: String = (0..40)
        .map(|i| format!("Point {i} (laughter) of the [budget] plan is sound. "))
        .collect();
    store
        .add(SourceDoc::new("long", long).speaker("Ana Díaz"))
        .unwrap();
    let path = temp(name);
    store.save(&path).unwrap();
    std::fs::read(&path).unwrap()
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = small_store_bytes("truncate");
    assert!(Store::from_bytes(&bytes).is_ok());
    for len in 0..bytes.len() {
        match Store::from_bytes(&bytes[..len]) {
            Err(Error::NotAStore | Error::CorruptStore(_)) => {}
            other => panic!("truncated to {len}: {other:?}"),
        }
    }
}

#[test]
fn every_flipped_bit_is_an_error() {
    let bytes = small_store_bytes("flip");
    for at in 0..bytes.len() {
        for bit in [0, 3, 7] {
            let mut bad = bytes.clone();
            bad[at] ^= 1 << bit;
            match Store::from_bytes(&bad) {
                Err(
                    Error::NotAStore | Error::CorruptStore(_) | Error::UnsupportedVersion { .. },
                ) => {}
                other => panic!("bit {bit} of byte {at} flipped: {other:?}"),
            }
        }
    }
}

/// Opened from a file, a store reads its large parts when used: a damaged
/// byte anywhere fails either the open or the first use of the piece that
/// holds it (here, `load`, which reads them all), and a check that reads a
/// damaged piece fails with the same error rather than answer from it.
#[test]
fn every_flipped_bit_of_an_opened_file_is_found_before_it_is_used() {
    let bytes = small_store_bytes("flip-lazy");
    let path = temp("flip-lazy-bad");
    let mut checker = Checker::new();
    let (mut at_open, mut at_use) = (0, 0);
    for at in 0..bytes.len() {
        let mut bad = bytes.clone();
        bad[at] ^= 0x04;
        std::fs::write(&path, &bad).unwrap();
        let mut store = match Store::open(&path) {
            Ok(store) => store,
            Err(Error::NotAStore | Error::CorruptStore(_) | Error::UnsupportedVersion { .. }) => {
                at_open += 1;
                continue;
            }
            Err(e) => panic!("byte {at}: {e:?}"),
        };
        for q in [
            "We have no indication of aliens.",
            "we will not raise taxes",
        ] {
            match checker.check(&store, q, None) {
                Ok(r) => {
                    // An answer comes only from pieces that passed their
                    // checksums.
                    for m in r.matches() {
                        assert!(m.source().try_text().is_ok());
                    }
                }
                Err(Error::CorruptStore(_)) => {}
                Err(e) => panic!("byte {at}: {e:?}"),
            }
        }
        assert!(
            matches!(store.load(), Err(Error::CorruptStore(_))),
            "byte {at} flipped and never noticed"
        );
        at_use += 1;
    }
    eprintln!("{at_open} found on open, {at_use} on use");
    assert!(at_open > 0 && at_use > 0);
}

#[test]
fn foreign_and_newer_files_say_so() {
    assert_eq!(
        Store::from_bytes(b"PK\x03\x04 a zip file").unwrap_err(),
        Error::NotAStore
    );
    assert_eq!(Store::from_bytes(b"").unwrap_err(), Error::NotAStore);
    let mut bytes = small_store_bytes("foreign");
    bytes[8] = 99;
    assert_eq!(
        Store::from_bytes(&bytes).unwrap_err(),
        Error::UnsupportedVersion {
            found: 99,
            supported: quotecheck::STORE_FORMAT_VERSION
        }
    );
    let missing = Store::open("/nonexistent/dir/store.qcs").unwrap_err();
    assert!(matches!(missing, Error::Io { .. }), "{missing:?}");
    // Files of earlier formats are refused by name, not read as damaged.
    for old in 1..quotecheck::STORE_FORMAT_VERSION as u8 {
        bytes[8] = old;
        assert!(matches!(
            Store::from_bytes(&bytes).unwrap_err(),
            Error::UnsupportedVersion { found, .. } if found == u32::from(old)
        ));
    }
}

/// Where section `tag` lies in a store file (the table at the end, as the
/// format's docs lay it out).
fn section(bytes: &[u8], tag: u32) -> std::ops::Range<usize> {
    let le64 = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
    let le32 = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    let table = le64(bytes.len() - 24);
    (0..le32(table) as usize)
        .map(|k| table + 8 + 24 * k)
        .find(|&e| le32(e) == tag)
        .map(|e| le64(e + 8)..le64(e + 8) + le64(e + 16))
        .expect("section present")
}

/// Text blocks whose lengths are crafted (checksums and all) to wrap the
/// running offsets, to claim more text than a block may hold, or to
/// overlap: each is a damaged store on open, never a panic or a huge
/// allocation.
#[test]
fn crafted_text_block_lengths_are_damaged_stores() {
    const TEXT_BLOCKS: u32 = 30;
    let bytes = small_store_bytes("crafted-blocks");
    let blocks = section(&bytes, TEXT_BLOCKS);
    assert_eq!(blocks.len() % 12, 0);
    let n = blocks.len() / 12;
    assert!(n >= 3, "one block a source at least");
    for k in [0, n - 1] {
        for (field, value) in [
            (0, u32::MAX),
            (1, u32::MAX),
            (1, 0),
            // One byte more than a block may hold (8 KiB).
            (1, (8 << 10) + 1),
            (0, 0),
        ] {
            let mut bad = bytes.clone();
            let at = blocks.start + 12 * k + 4 * field;
            bad[at..at + 4].copy_from_slice(&value.to_le_bytes());
            // The trailer's checksum is resealed even when the text
            // blocks' are not (the structure no longer parses).
            let _ = quotecheck::internals::reseal(&mut bad);
            match Store::from_bytes(&bad) {
                // Refused for the lengths, not for a stale checksum.
                Err(Error::CorruptStore(m)) => assert!(!m.contains("checksum"), "{m}"),
                Ok(store) => {
                    // A shorter compressed length that still fits: the
                    // block is found wrong when it is read.
                    assert!(
                        store.sources().any(|s| s.try_text().is_err()),
                        "{k} {field}"
                    );
                }
                Err(e) => panic!("block {k}, field {field} = {value}: {e:?}"),
            }
        }
    }
}

/// Adding one by one, all at once, in parts with a freeze between, or
/// after a save and open: the same sources give the same file, byte for
/// byte (the index is one deterministic structure however it was built).
#[test]
fn every_way_of_building_gives_the_same_file() {
    let file = |store: &Store, name: &str| {
        let path = temp(name);
        store.save(&path).unwrap();
        std::fs::read(&path).unwrap()
    };
    let one_by_one = file(&common::demo_store(), "ways-one");

    let mut all = Store::new();
    assert_eq!(all.add_many(common::demo_docs()).unwrap(), 5);
    assert_eq!(file(&all, "ways-all"), one_by_one);

    let mut parts = Store::new();
    let mut docs = common::demo_docs().into_iter();
    parts.add_many(docs.by_ref().take(2)).unwrap();
    parts.freeze();
    parts.add(docs.next().unwrap()).unwrap();
    let path = temp("ways-parts");
    parts.save(&path).unwrap();
    let mut reopened = Store::open(&path).unwrap();
    reopened.add_many(docs).unwrap();
    assert_eq!(verdicts(&reopened), verdicts(&all));
    assert_eq!(file(&reopened, "ways-parts-2"), one_by_one);

    // A failing source stops add_many there; those before it are added.
    let mut store = Store::new();
    let mut docs = common::demo_docs();
    docs.insert(
        2,
        SourceDoc::new("ryder", "a second source with the id ryder"),
    );
    let mut rest = docs.into_iter();
    assert_eq!(
        store.add_many(rest.by_ref()),
        Err(Error::DuplicateSourceId("ryder".into()))
    );
    assert_eq!(store.len(), 2);
    assert_eq!(store.add_many(rest).unwrap(), 3);
    assert_eq!(file(&store, "ways-error"), one_by_one);
}

/// A file damaged and then given a matching checksum (as a crafted file
/// would be) either fails to open or opens into a store that checks quotes
/// without panicking: ranges and list contents are checked where they are
/// used, not all on open.
#[test]
fn a_damaged_file_with_a_valid_checksum_never_panics() {
    let bytes = small_store_bytes("crafted");
    let quotes = [
        "We have no indication of aliens.",
        "we will not raise taxes",
        "Really.",
        "señores, we will raise taxes",
    ];
    let mut checker = Checker::new();
    let mut opened = 0;
    let path = temp("crafted-bad");
    for at in 16..bytes.len() - 24 {
        for value in [0x00, 0x01, 0x7F, 0x80, 0xFF] {
            let mut bad = bytes.clone();
            if bad[at] == value {
                continue;
            }
            bad[at] = value;
            if quotecheck::internals::reseal(&mut bad).is_err() {
                continue;
            }
            // Read when used (from a file), and read whole.
            std::fs::write(&path, &bad).unwrap();
            let stores = [Store::open(&path), Store::from_bytes(&bad)];
            for store in stores.iter().flatten() {
                opened += 1;
                for q in quotes {
                    if let Ok(r) = checker.check(store, q, Some("Kirby")) {
                        for m in r.matches() {
                            let _ = (m.text(), m.source().text(), m.speaker());
                        }
                    }
                }
            }
        }
    }
    // Most changes land in text, spans or lists, which open does not decode.
    eprintln!("{opened} damaged files opened");
    assert!(opened > 100, "only {opened} damaged files opened");
}
