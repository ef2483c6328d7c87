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
use crate::stored_text::TextPart;
use crate::text::{fold_word_into, words_from};
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

/// Every this many words of a source (at the next word that begins a
/// chunk of non-white-space), building records where tokenizing stands, so
/// that a stored source's words can be derived again from there
/// ([`derive_window`]) rather than from its start.
pub(crate) const CHECKPOINT_WORDS: usize = 128;

/// Where tokenizing a source stood just before one of its words: the word's
/// index in the source, its byte offset (a chunk start, where [`words_from`]
/// can resume), and the state its flags depend on ([`State::pack`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Checkpoint {
    pub word: u32,
    pub at: u32,
    pub state: u32,
}

/// A source's checkpoints: a range of one array shared by every source of
/// a store opened from a file (parsed once on open, not copied per
/// source), or a source's own.
#[derive(Clone, Debug, Default)]
pub(crate) struct Checkpoints {
    all: std::sync::Arc<Vec<Checkpoint>>,
    range: std::ops::Range<usize>,
}

impl Checkpoints {
    /// Checkpoints `range` of the shared `all`.
    pub fn shared(all: &std::sync::Arc<Vec<Checkpoint>>, range: std::ops::Range<usize>) -> Self {
        Checkpoints {
            all: all.clone(),
            range,
        }
    }
}

impl From<Vec<Checkpoint>> for Checkpoints {
    fn from(own: Vec<Checkpoint>) -> Self {
        let range = 0..own.len();
        Checkpoints {
            all: std::sync::Arc::new(own),
            range,
        }
    }
}

impl std::ops::Deref for Checkpoints {
    type Target = [Checkpoint];
    fn deref(&self) -> &[Checkpoint] {
        self.all.get(self.range.clone()).unwrap_or_default()
    }
}

/// What a word's flags depend on besides the word itself: an open
/// parenthesis (how many words ago), how deep in brackets, and whether a
/// sentence starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct State {
    paren: Option<u32>,
    brackets: u32,
    sentence_start: bool,
}

impl State {
    /// A source's first word.
    const START: State = State {
        paren: None,
        brackets: 0,
        sentence_start: true,
    };

    /// Bit 0 the sentence start; bits 1-4 the parenthesis (0 none, else
    /// words since it opened + 1, capped past the longest stage direction:
    /// no `)` that far on flags anything); bits 5-31 the bracket depth.
    pub fn pack(self) -> u32 {
        let paren = self
            .paren
            .map_or(0, |k| k.min(MAX_STAGE_DIRECTION_WORDS as u32 + 1) + 1);
        u32::from(self.sentence_start) | paren << 1 | self.brackets.min((1 << 27) - 1) << 5
    }

    /// [`State::pack`] undone; `None` for bits no state packs to.
    pub fn unpack(bits: u32) -> Option<State> {
        let paren = (bits >> 1) & 0xF;
        if paren > MAX_STAGE_DIRECTION_WORDS as u32 + 2 {
            return None;
        }
        Some(State {
            paren: paren.checked_sub(1),
            brackets: bits >> 5,
            sentence_start: bits & 1 == 1,
        })
    }
}

/// Where tokenizing starts: a source's start, or a [`Checkpoint`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Resume {
    /// The index (in the source) of the first word it gives.
    pub word: usize,
    /// Its byte offset: a chunk start.
    pub at: usize,
    pub state: State,
}

impl Resume {
    /// A source's start.
    pub const START: Resume = Resume {
        word: 0,
        at: 0,
        state: State::START,
    };

    fn of(c: &Checkpoint) -> Option<Resume> {
        Some(Resume {
            word: c.word as usize,
            at: c.at as usize,
            state: State::unpack(c.state)?,
        })
    }
}

/// A source's layout as tokenizing needs it: byte ranges that are layout
/// (their words are skipped) and struck or inserted by an editor.
#[derive(Clone, Copy)]
pub(crate) struct Ranges<'a> {
    pub structure: &'a [std::ops::Range<u32>],
    pub editorial: &'a [std::ops::Range<u32>],
}

/// Appends `text`'s words (those not in `ranges.structure`) to `sink`,
/// from `from` on, stopping before the word with index `limit`; records a
/// [`Checkpoint`] in `checkpoints`, if given, every [`CHECKPOINT_WORDS`].
/// `text` may be a part of the source's text (a window's blocks read from
/// a store file) that holds `from`: offsets stay the source's.
pub(crate) fn tokenize<S: FnMut(u32, u32), N: Numbering>(
    part: TextPart<'_>,
    ranges: Ranges<'_>,
    from: Resume,
    limit: usize,
    sink: WordSink<'_, S, N>,
    mut checkpoints: Option<&mut Vec<Checkpoint>>,
) {
    let WordSink {
        vocab,
        ids,
        flags,
        mut spans,
        fold_buf,
    } = sink;
    let (base, text) = (part.base, part.text);
    let Some(from_local) = from.at.checked_sub(base) else {
        return;
    };
    let first = ids.len();
    let index = |len: usize| from.word + (len - first);
    let after = |r: &std::ops::Range<u32>| (r.end as usize) <= from.at;
    let mut skip = ranges.structure[ranges.structure.partition_point(after)..]
        .iter()
        .peekable();
    let mut editorial = ranges.editorial[ranges.editorial.partition_point(after)..]
        .iter()
        .peekable();
    let mut gap_start = from.at;
    // Word indexes in the source.
    let mut paren_open: Option<usize> = from
        .state
        .paren
        .map(|k| from.word.saturating_sub(k as usize));
    let mut bracket_depth = from.state.brackets;
    let mut sentence_start = from.state.sentence_start;
    let mut next_checkpoint = (from.word / CHECKPOINT_WORDS + 1) * CHECKPOINT_WORDS;
    for (local, word) in words_from(text, from_local) {
        let start = base + local;
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
        let gap = &text[gap_start - base..local];
        if gap.contains("\n\n") {
            sentence_start = true;
        }
        let i = index(ids.len());
        for c in gap.chars() {
            match c {
                '(' => paren_open = Some(i),
                ')' => {
                    if let Some(open) = paren_open.take()
                        && i - open <= MAX_STAGE_DIRECTION_WORDS
                    {
                        // From the opening word, or from the first word
                        // given if it opened before.
                        let from_here = first + open.saturating_sub(from.word);
                        for f in &mut flags[from_here..] {
                            *f |= flag::STAGE;
                        }
                    }
                }
                '[' => bracket_depth += 1,
                ']' => bracket_depth = bracket_depth.saturating_sub(1),
                '.' | '!' | '?' | ':' => sentence_start = true,
                _ => {}
            }
        }
        if i >= limit {
            break;
        }
        if let Some(out) = checkpoints.as_deref_mut()
            && i >= next_checkpoint
            && part.chunk_starts_at(start)
        {
            out.push(Checkpoint {
                word: i as u32,
                at: start as u32,
                state: State {
                    paren: paren_open.map(|o| (i - o) as u32),
                    brackets: bracket_depth,
                    sentence_start,
                }
                .pack(),
            });
            next_checkpoint = (i / CHECKPOINT_WORDS + 1) * CHECKPOINT_WORDS;
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
    pub checkpoints: Vec<Checkpoint>,
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
        let mut checkpoints = Vec::new();
        tokenize(
            TextPart::whole(&doc.text),
            Ranges {
                structure: &layout.structure,
                editorial: &layout.editorial,
            },
            Resume::START,
            usize::MAX,
            WordSink {
                vocab: &mut run.vocab,
                ids: &mut run.ids,
                flags: &mut run.flags,
                spans: |s, e| spans.push((s, e)),
                fold_buf: &mut fold_buf,
            },
            Some(&mut checkpoints),
        );
        run.sources.push(Tokenized {
            layout,
            checkpoints,
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
    let parts = cuts.windows(2).map(|w| &docs[w[0]..w[1]]).collect();
    crate::parallel::map_threads(parts, tokenize_run)
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
        let work = runs.iter().zip(&tables).zip(outs).zip(&places).collect();
        crate::parallel::map_threads(work, |(((run, table), out), &place)| {
            pack(run, table, out, place)
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

/// Some of a stored source's words, derived again from its text: what
/// building gave them, so a store file need not keep them (see
/// [`crate::words`]). Reused from one window to the next.
#[derive(Debug, Default)]
pub(crate) struct WindowWords {
    /// The index in the source of `ids[0]`.
    pub first: usize,
    pub ids: Vec<u32>,
    pub flags: Vec<u8>,
    pub spans: Vec<(u32, u32)>,
    fold_buf: String,
}

/// A stored source as [`derive_window`] needs it.
#[derive(Clone, Copy)]
pub(crate) struct Stored<'a> {
    /// Its text, or the part of it [`window_bytes`] names.
    pub text: TextPart<'a>,
    pub ranges: Ranges<'a>,
    pub checkpoints: &'a [Checkpoint],
    /// How many words it has.
    pub words: usize,
}

/// Derives the words `words` (indexes in the source; more around them may
/// come too) of `src` into `out`, numbered by the finished vocabulary
/// `vocab`: from the last checkpoint at or before the first one wanted, up
/// to a few words past the last (a stage direction closing there flags the
/// words before it). Each checkpoint passed must be where its word is, or
/// the whole is derived again from the source's start. `false` when the
/// words cannot be had: a word missing from the vocabulary, fewer words
/// than the record says (a store file whose parts disagree), or, from a
/// part of the text, a checkpoint out of step (the caller tries again
/// with the whole text).
pub(crate) fn derive_window(
    src: Stored<'_>,
    words: std::ops::Range<usize>,
    vocab: &Vocab,
    out: &mut WindowWords,
) -> bool {
    let from = resume_before(src.checkpoints, words.start);
    let limit = read_limit(words.end);
    if derive_from(src, from, limit, vocab, out) && passes(src.checkpoints, out) {
        return out.ids.len() >= words.end.min(src.words) - out.first;
    }
    from.word > 0
        && derive_from(src, Resume::START, limit, vocab, out)
        && out.ids.len() >= words.end.min(src.words)
}

/// Where deriving from word `word` on resumes: the last checkpoint at or
/// before it, or the source's start.
fn resume_before(checkpoints: &[Checkpoint], word: usize) -> Resume {
    let k = checkpoints.partition_point(|c| c.word as usize <= word);
    k.checked_sub(1)
        .and_then(|c| Resume::of(&checkpoints[c]))
        .unwrap_or(Resume::START)
}

/// The word deriving up to word `end` stops before: a few past it, so that
/// a stage direction closing there flags the words before it.
fn read_limit(end: usize) -> usize {
    end.saturating_add(MAX_STAGE_DIRECTION_WORDS + 2)
}

/// The bytes of a source's text that [`derive_window`] reads for its
/// words `words`: from just before the checkpoint it resumes at (the char
/// before says a chunk starts there) to the first checkpoint past the last
/// word it may read, or the text's end. Every chunk before that checkpoint
/// is whole in these bytes, and words are segmented chunk by chunk, so
/// they give the words the whole text gives.
pub(crate) fn window_bytes(
    checkpoints: &[Checkpoint],
    words: std::ops::Range<usize>,
    text_len: usize,
) -> std::ops::Range<usize> {
    let from = resume_before(checkpoints, words.start).at;
    let after = checkpoints.partition_point(|c| c.word as usize <= read_limit(words.end));
    let end = checkpoints
        .get(after)
        .map_or(text_len, |c| (c.at as usize).min(text_len));
    from.saturating_sub(4)..end.max(from)
}

fn derive_from(
    src: Stored<'_>,
    from: Resume,
    limit: usize,
    vocab: &Vocab,
    out: &mut WindowWords,
) -> bool {
    out.first = from.word;
    out.ids.clear();
    out.flags.clear();
    out.spans.clear();
    if !src.text.chunk_starts_at(from.at) {
        return false;
    }
    let spans = &mut out.spans;
    tokenize(
        src.text,
        src.ranges,
        from,
        limit,
        WordSink {
            vocab: &mut Lookup(vocab),
            ids: &mut out.ids,
            flags: &mut out.flags,
            spans: |s, e| spans.push((s, e)),
            fold_buf: &mut out.fold_buf,
        },
        None,
    );
    !out.ids.contains(&UNKNOWN) && out.first + out.ids.len() <= src.words
}

/// Does every checkpoint inside the derived words name the byte offset
/// its word has? (Words derived from a checkpoint are the words the build
/// gave only if tokenizing resumed in step.)
fn passes(checkpoints: &[Checkpoint], out: &WindowWords) -> bool {
    let end = out.first + out.ids.len();
    let from = checkpoints.partition_point(|c| (c.word as usize) < out.first);
    checkpoints[from..]
        .iter()
        .take_while(|c| (c.word as usize) < end)
        .all(|c| out.spans[c.word as usize - out.first].0 == c.at)
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

    /// Texts whose flags depend on what came before: stage directions
    /// that open before a checkpoint and close after it, brackets, struck
    /// text, labels, sentence starts, and chunks that are not words.
    fn tricky_docs() -> Vec<SourceDoc> {
        let mut long = String::new();
        for i in 0..400 {
            long.push_str(&format!(
                "word{i} (laughter {i}) more [inserted {i} words here] then <s>struck {i}</s> plain. \
                 \"Quoted,\" he said: (a long aside of many words that is no stage direction {i}) end?\n\n"
            ));
        }
        vec![
            SourceDoc::new("tricky", long.clone()),
            SourceDoc::new(
                "tricky-transcript",
                format!("MR. KIRBY: {long}\nTHE PRESIDENT: {long}"),
            )
            .label("MR. KIRBY", "John Kirby"),
            SourceDoc::new("parens", "( ".repeat(300) + &"a b c ) ".repeat(300)),
        ]
    }

    #[test]
    fn derived_windows_are_the_words_built() {
        let mut docs = real_docs(&[
            "examples/data/sources",
            "tests/fixtures/pd",
            "tests/fixtures/own",
        ]);
        docs.extend(tricky_docs());
        let mut store = Store::new();
        store.add_many(docs.clone()).unwrap();
        let mut built = Vec::new();
        let mut out = WindowWords::default();
        let mut windows = 0;
        for (i, src) in store.sources().enumerate() {
            let n = src.words.len();
            assert!(
                n < 2 * CHECKPOINT_WORDS || !src.checkpoints.is_empty(),
                "{}",
                src.id()
            );
            let start = src.words.start as usize;
            let all = crate::words::in_memory(
                &store.word_ids,
                &store.flags,
                &store.spans.base,
                &store.spans.codes,
                &src.words,
            );
            let starts = (0..n)
                .step_by(37)
                .chain(src.checkpoints.iter().flat_map(|c| {
                    let w = c.word as usize;
                    [w - 1, w, w + 1]
                }));
            for lo in starts {
                for len in [1, 9, 60, 300] {
                    let hi = (lo + len).min(n);
                    // From the whole text, and from only the bytes a
                    // window reads (as from a store file's blocks).
                    let text = src.text();
                    let bytes = window_bytes(&src.checkpoints, lo..hi, text.len());
                    let mut base = bytes.start;
                    while !text.is_char_boundary(base) {
                        base -= 1;
                    }
                    let part = TextPart {
                        base,
                        text: &text[base..bytes.end],
                    };
                    for part in [TextPart::whole(text), part] {
                        assert!(derive_window(
                            src.stored(part),
                            lo..hi,
                            &store.vocab,
                            &mut out
                        ));
                        let got = out.first..out.first + out.ids.len();
                        assert!(
                            got.start <= lo && hi <= got.end,
                            "{} {lo}..{hi}: {got:?}",
                            src.id()
                        );
                        // The window asked for (the words past it may lack a
                        // stage direction's flag that closes further on).
                        let global = start + lo..start + hi;
                        let here = lo - out.first..hi - out.first;
                        assert_eq!(
                            all.ids(global.clone()),
                            Some(&out.ids[here.clone()]),
                            "{} {lo}",
                            src.id()
                        );
                        assert_eq!(
                            all.flags(global.clone()),
                            Some(&out.flags[here.clone()]),
                            "{} {lo}..{hi}",
                            src.id()
                        );
                        all.spans(&store.spans.escapes, global, &mut built);
                        assert_eq!(built, out.spans[here], "{} {lo}", src.id());
                    }
                    windows += 1;
                }
            }
            let _ = i;
        }
        assert!(windows > 5_000, "{windows}");
        // A word the vocabulary lacks: no words, not wrong ones.
        let unknown = SourceDoc::new("x", "zyzzogeton quux");
        let mut lone = Store::new();
        lone.add(unknown.clone()).unwrap();
        let src = lone.source(0);
        assert!(!derive_window(
            src.stored(TextPart::whole(src.text())),
            0..2,
            &store.vocab,
            &mut out
        ));
    }

    #[test]
    fn a_checkpoint_out_of_step_falls_back_to_the_start() {
        let mut store = Store::new();
        store.add_many(tricky_docs()).unwrap();
        let src = store.source(0);
        let k = src.checkpoints.len() / 2;
        let window = src.checkpoints[k].word as usize + 1..src.checkpoints[k + 1].word as usize + 5;
        let (mut good, mut moved) = (WindowWords::default(), WindowWords::default());
        assert!(derive_window(
            src.stored(TextPart::whole(src.text())),
            window.clone(),
            &store.vocab,
            &mut good
        ));
        assert_eq!(good.first, src.checkpoints[k].word as usize);
        // Checkpoint k names the byte offset of checkpoint k - 1's word:
        // tokenizing from it is out of step, which checkpoint k + 1 (inside
        // the window) shows, so the window comes from the source's start.
        let mut bad = src.checkpoints.to_vec();
        bad[k].at = bad[k - 1].at;
        let stored = Stored {
            checkpoints: &bad,
            ..src.stored(TextPart::whole(src.text()))
        };
        assert!(derive_window(
            stored,
            window.clone(),
            &store.vocab,
            &mut moved
        ));
        assert_eq!(moved.first, 0);
        let at = |w: &WindowWords| w.first..w.first + w.ids.len();
        assert!(at(&moved).contains(&window.start) && at(&moved).contains(&(window.end - 1)));
        let (g, m) = (window.start - good.first, window.start);
        let len = window.len();
        assert_eq!(moved.ids[m..m + len], good.ids[g..g + len]);
        assert_eq!(moved.flags[m..m + len], good.flags[g..g + len]);
        assert_eq!(moved.spans[m..m + len], good.spans[g..g + len]);
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
        let mut d = WindowWords::default();
        for (i, src) in store.sources().enumerate() {
            let n = src.words.len();
            assert!(derive_window(
                src.stored(TextPart::whole(src.text())),
                0..n,
                &store.vocab,
                &mut d
            ));
            assert_eq!(d.ids.len(), n);
            for ((&id, &flag), &(s, e)) in d.ids.iter().zip(&d.flags).zip(&d.spans) {
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
