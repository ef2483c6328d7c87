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

#![forbid(unsafe_code)]

use crate::source::SourceDoc;
use crate::spans::Spans;
use crate::store::flag;
use crate::text::{fold_word_into, words};
use crate::transcript::{self, Layout};
use crate::vocab::Vocab;

/// A parenthesised passage of at most this many words inside a transcript
/// is a stage direction ("(Laughter.)", "(inaudible)"): a quote that leaves
/// it out has not dropped anything that was said.
const MAX_STAGE_DIRECTION_WORDS: usize = 6;

/// A batch smaller than this is tokenized on the calling thread: starting
/// threads would cost more than they save.
const MIN_PARALLEL_BYTES: usize = 1 << 20;

/// Where tokenizing puts each word.
pub(crate) struct WordSink<'a, S> {
    pub vocab: &'a mut Vocab,
    pub ids: &'a mut Vec<u32>,
    pub flags: &'a mut Vec<u8>,
    /// Takes each word's byte range.
    pub spans: S,
    /// Scratch for folding a word that is not plain ASCII.
    pub fold_buf: &'a mut String,
}

/// Appends `text`'s words (those not in `layout`'s structure) to `sink`.
pub(crate) fn tokenize<S: FnMut(u32, u32)>(text: &str, layout: &Layout, sink: WordSink<'_, S>) {
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
        let id = match vocab.intern_plain(word) {
            Some(id) => id,
            None => {
                fold_buf.clear();
                fold_word_into(word, fold_buf);
                vocab.intern(fold_buf)
            }
        };
        ids.push(id);
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
