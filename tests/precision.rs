//! False alarms and misses on quotes generated from the bundled real
//! sources (public-domain White House and Pentagon transcripts), with a
//! fixed seed so every run sees the same 1,200 quotes.
//!
//! Positives are spans of what a named person said in a turn, checked with
//! that person as the speaker: as spoken, with their case and punctuation
//! changed, with a word changed, and with a stretch left out behind an
//! ellipsis. Negatives are what no one said: sentences made up from the
//! sources' own words, real spans with half their words replaced, real
//! spans shuffled, and splices of two real spans with no ellipsis.
//!
//! The rates are printed (`cargo test --test precision -- --nocapture`);
//! what must never happen is asserted: a negative called verbatim, minor or
//! ellipsis; a splice that is neither not found nor `altered` + `spliced`; a
//! positive called `misattributed` when its speaker is right.

mod common;

use common::Rng;

use quotecheck::{Checker, Flags, SpeakerAt, Store, Verdict};

/// A run of words one named person said inside one turn.
struct Said {
    speaker: String,
    words: Vec<String>,
}

/// Every turn of a named person cut into runs of 6 to 40 plain words (a run
/// stops at a bracket, a parenthesis or a line break, which are layout or
/// stage directions in these transcripts).
fn spoken_runs(store: &Store) -> Vec<Said> {
    let mut out = Vec::new();
    for i in 0..store.len() {
        let src = store.source(i);
        let text = src.text();
        for turn in src.turns() {
            let SpeakerAt::Named(name) = src.turn_speaker(turn) else {
                continue;
            };
            let body = &text[turn.start as usize..turn.end as usize];
            for piece in body.split(['\n', '(', ')', '[', ']', '\\', '*', '—', '-']) {
                let words: Vec<String> = piece
                    .split_whitespace()
                    .map(|w| w.to_string())
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .collect();
                for chunk in words.chunks(40) {
                    if chunk.len() >= 6 {
                        out.push(Said {
                            speaker: name.to_string(),
                            words: chunk.to_vec(),
                        });
                    }
                }
            }
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Exact,
    Cosmetic,
    OneWordChanged,
    Elided,
    MadeUp,
    HalfReplaced,
    Shuffled,
    Splice,
}

impl Kind {
    fn positive(self) -> bool {
        matches!(
            self,
            Kind::Exact | Kind::Cosmetic | Kind::OneWordChanged | Kind::Elided
        )
    }
}

struct Case {
    kind: Kind,
    quote: String,
    speaker: String,
}

fn span(rng: &mut Rng, said: &Said, min: usize, max: usize) -> Vec<String> {
    let len = (min + rng.below(max - min + 1)).min(said.words.len());
    let start = rng.below(said.words.len() - len + 1);
    said.words[start..start + len].to_vec()
}

fn generate(runs: &[Said], vocab: &[String], seed: u64) -> Vec<Case> {
    let mut rng = Rng(seed);
    let mut cases = Vec::new();
    let kinds = [
        Kind::Exact,
        Kind::Cosmetic,
        Kind::OneWordChanged,
        Kind::Elided,
        Kind::MadeUp,
        Kind::HalfReplaced,
        Kind::Shuffled,
        Kind::Splice,
    ];
    for round in 0..150 {
        for &kind in &kinds {
            let said = &runs[rng.below(runs.len())];
            let mut words = span(&mut rng, said, 6, 20);
            match kind {
                Kind::Exact => {}
                Kind::Cosmetic => {
                    for w in &mut words {
                        *w = w
                            .trim_matches(|c: char| matches!(c, ',' | '.' | ';' | '?'))
                            .to_string();
                    }
                    words[0] = words[0].to_uppercase();
                }
                Kind::OneWordChanged => {
                    let at = 1 + rng.below(words.len() - 1);
                    words[at] = vocab[rng.below(vocab.len())].clone();
                }
                Kind::Elided => {
                    let longer = span(&mut rng, said, 14, 30);
                    if longer.len() < 12 {
                        continue;
                    }
                    let cut = 4 + rng.below(longer.len() - 10);
                    words = longer[..cut].to_vec();
                    words.push("...".into());
                    words.extend_from_slice(&longer[cut + 3..]);
                }
                Kind::MadeUp => {
                    let n = 6 + rng.below(12);
                    words = (0..n)
                        .map(|_| vocab[rng.below(vocab.len())].clone())
                        .collect();
                }
                Kind::HalfReplaced => {
                    let n = words.len();
                    let mut order: Vec<usize> = (0..n).collect();
                    for i in (1..n).rev() {
                        order.swap(i, rng.below(i + 1));
                    }
                    for &i in &order[..n / 2] {
                        words[i] = vocab[rng.below(vocab.len())].clone();
                    }
                }
                Kind::Shuffled => {
                    for i in (1..words.len()).rev() {
                        words.swap(i, rng.below(i + 1));
                    }
                }
                Kind::Splice => {
                    let other = &runs[(round * 7919 + rng.below(runs.len())) % runs.len()];
                    if std::ptr::eq(other, said) {
                        continue;
                    }
                    let a = span(&mut rng, said, 5, 10);
                    let b = span(&mut rng, other, 5, 10);
                    words = a.into_iter().chain(b).collect();
                }
            }
            cases.push(Case {
                kind,
                quote: words.join(" "),
                speaker: said.speaker.clone(),
            });
        }
    }
    cases
}

#[test]
fn false_alarms_and_misses_on_generated_quotes() {
    let store = common::demo_store();
    let runs = spoken_runs(&store);
    assert!(runs.len() > 100, "{} runs", runs.len());
    let mut vocab: Vec<String> = runs
        .iter()
        .flat_map(|r| r.words.iter())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    vocab.sort();
    vocab.dedup();
    let cases = generate(&runs, &vocab, 0x5eed_2026_1204);
    let positives = cases.iter().filter(|c| c.kind.positive()).count();
    let negatives = cases.len() - positives;
    assert!(
        positives >= 500 && negatives >= 500,
        "{positives} / {negatives}"
    );

    let mut checker = Checker::new();
    let mut failures = Vec::new();
    // Per kind: cases, then verdicts as said (verbatim, minor, ellipsis),
    // altered, altered + spliced, not found, misattributed.
    let mut tally: Vec<(Kind, [usize; 6])> = Vec::new();
    for case in &cases {
        let r = checker
            .check(&store, &case.quote, Some(&case.speaker))
            .unwrap();
        let verdict = r.verdict();
        let row = match tally.iter_mut().find(|t| t.0 == case.kind) {
            Some(row) => &mut row.1,
            None => {
                tally.push((case.kind, [0; 6]));
                &mut tally.last_mut().unwrap().1
            }
        };
        row[0] += 1;
        let column = match verdict {
            Verdict::Verbatim | Verdict::Minor | Verdict::Ellipsis => 1,
            Verdict::Altered if r.flags().contains(Flags::SPLICED) => 3,
            Verdict::Altered => 2,
            Verdict::NotFound => 4,
            Verdict::Misattributed => 5,
        };
        row[column] += 1;
        let said_as_is = matches!(
            verdict,
            Verdict::Verbatim | Verdict::Minor | Verdict::Ellipsis
        );
        let bad = if case.kind.positive() {
            verdict == Verdict::Misattributed
        } else if case.kind == Kind::Splice {
            !(verdict == Verdict::NotFound
                || (verdict == Verdict::Altered && r.flags().contains(Flags::SPLICED)))
        } else {
            said_as_is
        };
        if bad {
            failures.push(format!(
                "{:?} {:?} ({}) -> {} {:?} {:?}",
                case.kind,
                case.quote,
                case.speaker,
                verdict.name(),
                r.flags().names().collect::<Vec<_>>(),
                r.best().map(|b| b.text().to_string())
            ));
        }
    }
    println!("kind              cases  as-said  altered  spliced  not_found  misattributed");
    let (mut false_alarms, mut misses) = (0, 0);
    for (kind, [n, said, altered, spliced, not_found, mis]) in &tally {
        println!(
            "{:16} {n:6} {said:8} {altered:8} {spliced:8} {not_found:10} {mis:14}",
            format!("{kind:?}")
        );
        if kind.positive() {
            misses += not_found;
        } else {
            // A splice reported as one is the right answer, not an alarm.
            false_alarms += said + altered + mis;
        }
    }
    println!(
        "positives {positives}: missed {misses} ({:.1}%); negatives {negatives}: found {false_alarms} ({:.1}%)",
        100.0 * misses as f64 / positives as f64,
        100.0 * false_alarms as f64 / negatives as f64
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
