//! Turning source texts into the store's word arrays, on every core.
//!
//! A source's words are its layout read ([`crate::transcript::read`]), then
//! its UAX #29 words folded and numbered by the vocabulary, each with its
//! byte range and flags ([`tokenize`]). That is most of a build's time, and
//! every source's share is independent but for one thing: word ids are
//! given in the order words are first met, so the vocabulary is shared.
//!
//! [`tokenize_many`] splits a batch of sources into one contiguous run per
//! thread; each thread numbers its words with a vocabulary of its own. The
//! runs are then merged in order: each run's words, in the order its own
//! vocabulary met them, are numbered by the store's vocabulary, which gives
//! every word the id a one-thread pass would have given it (a word new to
//! the store is first met in the earliest run that has it, and within that
//! run in its own first-met order), and the run's ids are mapped through
//! that table. So the arrays, and the file saved from them, are the same
//! byte for byte on one core or many; only the time differs.
//!
//! The rules here (with the layout reading in `transcript` and the word
//! segmentation and folding in `text`) are part of the store file's
//! format: a file keeps no words, only texts, and derives a source's words
//! again when used ([`derive`], `crate::words`). A change to any of them
//! that changes the words a text gives must bump
//! `persist::FORMAT_VERSION`, so that files built under the old rules are
//! refused, not misread; the test `derived_words_are_pinned` fails on such a
//! change as the reminder.

#![forbid(unsafe_code)]

use crate::source::SourceDoc;
use crate::spans::Spans;
use crate::store::flag;
use crate::text::{fold_word_into, words};
use crate::transcript::{self, Layout};
use crate::vocab::{UNKNOWN, Vocab};

/// A parenthesised passage of at most this many words inside a transcript
/// is a stage direction ("(Laughter.)", "(inaudible)"): a quote that leaves
/// it out has not dropped anything that was said.
const MAX_STAGE_DIRECTION_WORDS: usize = 6;

/// A batch smaller than this is tokenized on the calling thread: starting
/// threads would cost more than they save.
const MIN_PARALLEL_BYTES: usize = 1 << 20;

/// How tokenizing numbers a word: by adding it to a vocabulary (a build),
/// or by looking it up in a finished one (re-deriving a stored source's
/// words, [`derive`]).
pub(crate) trait Numbering {
    /// The id of `word` (as the text has it; `fold_buf` is scratch for
    /// folding it).
    fn number(&mut self, word: &str, fold_buf: &mut String) -> u32;
}

impl Numbering for Vocab {
    fn number(&mut self, word: &str, fold_buf: &mut String) -> u32 {
        match self.intern_plain(word) {
            Some(id) => id,
            None => {
                fold_buf.clear();
                fold_word_into(word, fold_buf);
                self.intern(fold_buf)
            }
        }
    }
}

/// Looks words up in a finished vocabulary: [`UNKNOWN`] for one not there.
struct Lookup<'a>(&'a Vocab);

impl Numbering for Lookup<'_> {
    fn number(&mut self, word: &str, fold_buf: &mut String) -> u32 {
        match self.0.get_plain(word) {
            Some(id) => id,
            None => {
                fold_buf.clear();
                fold_word_into(word, fold_buf);
                self.0.get(fold_buf)
            }
        }
    }
}

/// Where tokenizing puts each word.
pub(crate) struct WordSink<'a, S, N> {
    pub vocab: &'a mut N,
    pub ids: &'a mut Vec<u32>,
    pub flags: &'a mut Vec<u8>,
    /// Takes each word's byte range.
    pub spans: S,
    /// Scratch for folding a word that is not plain ASCII.
    pub fold_buf: &'a mut String,
}

/// Appends `text`'s words (those not in `layout`'s structure) to `sink`.
pub(crate) fn tokenize<S: FnMut(u32, u32), N: Numbering>(
    text: &str,
    layout: &Layout,
    sink: WordSink<'_, S, N>,
) {
    let WordSink {
        vocab,
        ids,
        flags,
        mut spans,
        fold_buf,
    } = sink;
    let mut skip = layout.structure.iter().peekable();
    let mut editorial = layout.editorial.iter().peekable();
    let mut gap_start = 0usize;
    let mut paren_open: Option<usize> = None;
    let mut bracket_depth = 0u32;
    let mut sentence_start = true;
    for (start, word) in words(text) {
        let end = start + word.len();
        while skip.peek().is_some_and(|r| (r.end as usize) <= start) {
            skip.next();
        }
        if skip.peek().is_some_and(|r| (r.start as usize) <= start) {
            // Layout (a label, a time stamp) ends a sentence for our purposes.
            sentence_start = true;
            gap_start = end;
            continue;
        }
        let gap = &text[gap_start..start];
        if gap.contains("\n\n") {
            sentence_start = true;
        }
        for c in gap.chars() {
            match c {
                '(' => paren_open = Some(ids.len()),
                ')' => {
                    if let Some(open) = paren_open.take() {
                        let n = ids.len() - open;
                        if n <= MAX_STAGE_DIRECTION_WORDS {
                            for f in &mut flags[open..] {
                                *f |= flag::STAGE;
                            }
                        }
                    }
                }
                '[' => bracket_depth += 1,
                ']' => bracket_depth = bracket_depth.saturating_sub(1),
                '.' | '!' | '?' | ':' => sentence_start = true,
                _ => {}
            }
        }
        while editorial.peek().is_some_and(|r| (r.end as usize) <= start) {
            editorial.next();
        }
        let mut f = 0u8;
        if bracket_depth > 0
            || editorial
                .peek()
                .is_some_and(|r| (r.start as usize) <= start)
        {
            f |= flag::EDITORIAL;
        }
        if sentence_start {
            f |= flag::SENTENCE_START;
        }
        sentence_start = false;
        ids.push(vocab.number(word, fold_buf));
        spans(start as u32, end as u32);
        flags.push(f);
        gap_start = end;
    }
}

/// One source read and tokenized, its word ids still those of its run's
/// own vocabulary.
pub(crate) struct Tokenized {
    pub layout: Layout,
    /// Its words' range in its run's arrays.
    pub words: std::ops::Range<usize>,
}

/// A contiguous run of a batch's sources, tokenized by one thread.
pub(crate) struct Run {
    vocab: Vocab,
    ids: Vec<u32>,
    flags: Vec<u8>,
    /// Each word's byte range in its source.
    spans: Vec<(u32, u32)>,
    pub sources: Vec<Tokenized>,
}

fn tokenize_run(docs: &[SourceDoc]) -> Run {
    // English runs about six bytes a word: room for that many words up front
    // saves growing (copying, and touching fresh pages) as they come; the
    // run is dropped once merged.
    let words = docs.iter().map(|d| d.text.len()).sum::<usize>() / 5;
    let mut run = Run {
        vocab: Vocab::default(),
        ids: Vec::with_capacity(words),
        flags: Vec::with_capacity(words),
        spans: Vec::with_capacity(words),
        sources: Vec::with_capacity(docs.len()),
    };
    let mut fold_buf = String::new();
    for doc in docs {
        let layout = transcript::read(doc);
        let first = run.ids.len();
        let spans = &mut run.spans;
        tokenize(
            &doc.text,
            &layout,
            WordSink {
                vocab: &mut run.vocab,
                ids: &mut run.ids,
                flags: &mut run.flags,
                spans: |s, e| spans.push((s, e)),
                fold_buf: &mut fold_buf,
            },
        );
        run.sources.push(Tokenized {
            layout,
            words: first..run.ids.len(),
        });
    }
    run
}

/// Tokenizes `docs` on up to `threads` threads: one [`Run`] per thread, in
/// order, each a contiguous share of the documents by bytes.
pub(crate) fn tokenize_many(docs: &[SourceDoc], threads: usize) -> Vec<Run> {
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let threads = threads.clamp(1, docs.len().max(1));
    if threads == 1 || bytes < MIN_PARALLEL_BYTES {
        return vec![tokenize_run(docs)];
    }
    // Cut where the running byte count passes each thread's share.
    let mut cuts = vec![0];
    let mut seen = 0usize;
    for (i, d) in docs.iter().enumerate() {
        seen += d.text.len();
        if seen * threads >= bytes * cuts.len() && cuts.len() < threads && i + 1 < docs.len() {
            cuts.push(i + 1);
        }
    }
    cuts.push(docs.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = cuts
            .windows(2)
            .map(|w| {
                let part = &docs[w[0]..w[1]];
                scope.spawn(move || tokenize_run(part))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| match h.join() {
                Ok(run) => run,
                // A panic in tokenizing is a bug; it is carried to the caller
                // as it would be on one thread.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// Appends the runs' words to the store's arrays, numbered by the store's
/// vocabulary (see the module docs for why the ids are the ones a one-thread
/// pass gives), and returns their sources in order, each with its words'
/// global positions.
///
/// Numbering the runs' own vocabularies is done in order, on this thread (a
/// few thousand words a run); mapping each word's id and packing its byte
/// range, one thread a run (each run knows where its words go).
pub(crate) fn merge_runs(
    runs: Vec<Run>,
    vocab: &mut Vocab,
    ids: &mut Vec<u32>,
    flags: &mut Vec<u8>,
    spans: &mut Spans,
) -> Vec<(Tokenized, std::ops::Range<u32>)> {
    let tables: Vec<Vec<u32>> = runs
        .iter()
        .map(|run| run.vocab.words().iter().map(|w| vocab.intern(w)).collect())
        .collect();
    let mut first = ids.len();
    let mut prev_end = spans.last_end();
    let mut places = Vec::with_capacity(runs.len());
    for run in &runs {
        places.push((first, prev_end));
        first += run.ids.len();
        prev_end = run.spans.last().map_or(prev_end, |r| r.1);
    }
    let start = ids.len();
    ids.resize(first, 0);
    let pack = |run: &Run, table: &[u32], out: &mut [u32], (first, prev_end): (usize, u32)| {
        for (o, &local) in out.iter_mut().zip(&run.ids) {
            *o = table[local as usize];
        }
        Spans::packed_from(first, prev_end, &run.spans)
    };
    let pieces: Vec<Spans> = if runs.len() == 1 {
        vec![pack(&runs[0], &tables[0], &mut ids[start..], places[0])]
    } else {
        let mut outs = Vec::with_capacity(runs.len());
        let mut rest = &mut ids[start..];
        for run in &runs {
            let (out, tail) = rest.split_at_mut(run.ids.len());
            outs.push(out);
            rest = tail;
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = runs
                .iter()
                .zip(&tables)
                .zip(outs)
                .zip(&places)
                .map(|(((run, table), out), &place)| {
                    scope.spawn(move || pack(run, table, out, place))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        })
    };
    let mut sources = Vec::new();
    for ((run, piece), &(first, _)) in runs.into_iter().zip(pieces).zip(&places) {
        spans.append(piece);
        flags.extend_from_slice(&run.flags);
        let base = first as u32;
        sources.extend(run.sources.into_iter().map(|t| {
            let words = base + t.words.start as u32..base + t.words.end as u32;
            (t, words)
        }));
    }
    sources
}

/// A stored source's words, derived again from its text: what building
/// gave it, so a store file need not keep them (see [`crate::words`]).
#[derive(Debug)]
pub(crate) struct Derived {
    pub ids: Box<[u32]>,
    pub flags: Box<[u8]>,
    /// The words' byte ranges, packed as if the source began at position 0.
    pub spans: Spans,
}

/// The words of the source `doc` (its record; `text` its text), numbered
/// by the finished vocabulary `vocab`; `None` if a word is not in it (a
/// store file whose vocabulary does not fit its texts).
pub(crate) fn derive(doc: &SourceDoc, text: &str, vocab: &Vocab) -> Option<Derived> {
    let layout = transcript::read_with_text(doc, text);
    // About six bytes a word in English: one allocation, rarely two.
    let guess = text.len() / 5;
    let (mut ids, mut flags) = (Vec::with_capacity(guess), Vec::with_capacity(guess));
    let mut ranges = Vec::with_capacity(guess);
    tokenize(
        text,
        &layout,
        WordSink {
            vocab: &mut Lookup(vocab),
            ids: &mut ids,
            flags: &mut flags,
            spans: |s, e| ranges.push((s, e)),
            fold_buf: &mut String::new(),
        },
    );
    if ids.contains(&UNKNOWN) {
        return None;
    }
    Some(Derived {
        ids: ids.into(),
        flags: flags.into(),
        spans: Spans::packed_from(0, 0, &ranges),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// The bundled public-domain sources, as the demo reads them, and the
    /// transcript fixtures of every layout style.
    fn real_docs(dirs: &[&str]) -> Vec<SourceDoc> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        let mut docs = Vec::new();
        for dir in dirs {
            let mut paths: Vec<_> = std::fs::read_dir(format!("{root}{dir}"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e != "json" && e != "md"))
                .collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p).unwrap();
                let id = p.strip_prefix(root).unwrap().display().to_string();
                docs.push(SourceDoc::new(id, text).label("MR. KIRBY", "John Kirby"));
            }
        }
        docs
    }

    #[test]
    fn derived_words_are_the_words_built() {
        let docs = real_docs(&[
            "examples/data/sources",
            "tests/fixtures/pd",
            "tests/fixtures/own",
        ]);
        let mut store = Store::new();
        store.add_many(docs.clone()).unwrap();
        let (mut built, mut derived_spans) = (Vec::new(), Vec::new());
        for (i, doc) in docs.iter().enumerate() {
            let words = store.words(i).unwrap();
            let d = derive(doc, &doc.text, &store.vocab).unwrap();
            assert_eq!(&*d.ids, words.ids, "{}", doc.id);
            assert_eq!(&*d.flags, words.flags, "{}", doc.id);
            let range = words.start..words.start + words.ids.len();
            words.spans(&store.spans.escapes, range, &mut built);
            d.spans.decode(0..d.ids.len(), &mut derived_spans);
            assert_eq!(built, derived_spans, "{}", doc.id);
            assert!(!built.is_empty());
        }
        // A word the vocabulary lacks: no words, not wrong ones.
        let unknown = SourceDoc::new("x", "zyzzogeton quux");
        assert!(derive(&unknown, &unknown.text, &store.vocab).is_none());
    }

    /// The words the bundled sources give, pinned. A store file keeps no
    /// words and derives them from its texts (`crate::words`), so if this
    /// fails, the tokenizing rules changed what words a text gives: bump
    /// `persist::FORMAT_VERSION` (files built under the old rules must be
    /// refused, not misread), then update the value here. (Or the bundled
    /// demo sources themselves changed.)
    #[test]
    fn derived_words_are_pinned() {
        let docs = real_docs(&["examples/data/sources"]);
        let mut store = Store::new();
        store.add_many(docs.clone()).unwrap();
        // FNV-1a over each word's folded form, flags and byte range.
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        let mut eat = |bytes: &[u8]| {
            for &b in bytes {
                h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
        };
        let mut ranges = Vec::new();
        for (i, doc) in docs.iter().enumerate() {
            let d = derive(doc, &doc.text, &store.vocab).unwrap();
            d.spans.decode(0..d.ids.len(), &mut ranges);
            for ((&id, &flag), &(s, e)) in d.ids.iter().zip(&*d.flags).zip(&ranges) {
                eat(store.vocab.word(id).as_bytes());
                eat(&[0, flag]);
                eat(&s.to_le_bytes());
                eat(&e.to_le_bytes());
            }
            eat(format!("end of source {i}").as_bytes());
        }
        assert_eq!(
            h, 1_172_431_028_003_063_826,
            "the words of the bundled sources changed: bump persist::FORMAT_VERSION (see this test's docs)"
        );
    }
}
