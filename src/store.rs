//! `Store`: the sources, their words, and the index over them.
//!
//! Every word of every source gets a global position; three parallel arrays
//! hold, per position, the word's vocabulary id, its byte range in its
//! source, and a few flags. A source knows the range of positions that are
//! its own. The store is immutable while checked (`&Store` is all a
//! [`crate::Checker`] needs), so any number of threads may share it.

#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::build;
use crate::build::WindowWords;
use crate::error::Error;
use crate::index::Index;
use crate::persist;
use crate::source::{Source, SourceDoc};
use crate::spans::Spans;
use crate::stored_text::TextPart;
use crate::vocab::Vocab;
use crate::words::{self, Words};

/// The largest source text accepted, in bytes. Byte offsets are kept as
/// `u32`, so a single source must stay under 4 GiB.
pub const MAX_SOURCE_BYTES: usize = u32::MAX as usize - 1;

/// [`Store::add_many`] reads at most about this many bytes of text from its
/// iterator before tokenizing them (on every core) and adding them: the
/// memory of the batch's own arrays stays bounded however many sources come.
/// (16 MB rather than 64: the next batch is tokenized while one is added,
/// so only the last addition is not overlapped; measured 5% faster on one
/// thread and on two at 105 MB, the same at 1 GiB.)
const BATCH_BYTES: usize = 16 << 20;

/// Documents taken for one pass of [`Store::add_many`], with their ids and
/// bytes (for admitting the batch after it).
#[derive(Default)]
struct Batch {
    docs: Vec<SourceDoc>,
    ids: std::collections::HashSet<String>,
    bytes: usize,
}

/// Per-word flags.
pub(crate) mod flag {
    /// Inside a short parenthesis: a stage direction, not speech.
    pub const STAGE: u8 = 1;
    /// Inserted or struck by an editor (`\[extra\]`, `<s>text</s>`).
    pub const EDITORIAL: u8 = 2;
    /// Starts a sentence (capitals here do not make a name).
    pub const SENTENCE_START: u8 = 4;
}

/// Source texts and the index that finds quotes in them.
///
/// ```
/// use quotecheck::{Store, SourceDoc};
/// let mut store = Store::new();
/// store.add(SourceDoc::new("speech", "We will not raise taxes this year.").speaker("Jane Doe"))?;
/// assert_eq!(store.len(), 1);
/// assert!(store.add(SourceDoc::new("speech", "again")).is_err());
/// # Ok::<(), quotecheck::Error>(())
/// ```
#[derive(Debug, Default, Clone)]
pub struct Store {
    sources: Vec<Source>,
    ids: HashMap<String, u32>,
    pub(crate) vocab: Vocab,
    pub(crate) word_ids: Vec<u32>,
    pub(crate) spans: Spans,
    pub(crate) flags: Vec<u8>,
    pub(crate) index: Index,
    /// Threads for building; 0 for one per core.
    threads: usize,
    /// Text per batch of [`Store::add_many`]; 0 for [`BATCH_BYTES`] (tests
    /// set less, to cross batches on small inputs).
    batch_bytes: usize,
    /// The end of each source's word positions, in order: a search maps a
    /// position to its source by binary search here, in a few cache lines,
    /// rather than over the (large) `Source` records.
    word_ends: Vec<u32>,
    /// How many sources are marked removed.
    removed: usize,
    /// For a store opened from a file: the word arrays above are empty, and
    /// a search derives the words of a window from the source's text
    /// ([`crate::build::derive_window`]).
    derives_words: bool,
    /// For a store opened from a file: that file (through any symbolic
    /// link) and its stamp when opened or last saved by this store, so that
    /// saving over it can tell whether someone else saved it meanwhile.
    opened_from: Arc<Mutex<Option<(PathBuf, persist::FileStamp)>>>,
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Store::default()
    }

    /// Adds a source; returns its index (0, 1, 2, ... in order of adding).
    ///
    /// Fails with [`Error::DuplicateSourceId`], [`Error::EmptySourceId`] or
    /// [`Error::SourceTooLarge`]; the store is unchanged on error.
    pub fn add(&mut self, doc: SourceDoc) -> Result<usize, Error> {
        self.load()?;
        self.admit(doc.id.clone(), doc.text.len(), &[], 0)?;
        let index = self.sources.len();
        let docs = vec![doc];
        let runs = build::tokenize_many(&docs, 1);
        self.add_batch(docs, runs);
        let words = self.words_of(index);
        self.index.add_run(
            words.start,
            &self.word_ids[words.start as usize..words.end as usize],
        );
        Ok(index)
    }

    /// Adds many sources and indexes them in one pass (a counting sort,
    /// straight into the compact index; several times faster than
    /// [`Store::add`] one by one, and without the memory of the index's
    /// delta tier). Returns how many were added.
    ///
    /// On an error (as [`Store::add`]'s) the sources before the failing one
    /// stay added and indexed ([`Store::index_bound`] before and after says
    /// how many); the failing one is consumed and not added, and the
    /// iterator is not read further, so a caller holding it `by_ref` can go
    /// on with the rest.
    ///
    /// ```
    /// use quotecheck::{Checker, SourceDoc, Store, Verdict};
    /// let mut store = Store::new();
    /// let docs = (0..3).map(|i| SourceDoc::new(format!("s{i}"), format!("Speech number {i}: we will not raise taxes.")));
    /// assert_eq!(store.add_many(docs)?, 3);
    /// let mut checker = Checker::new();
    /// assert_eq!(checker.check(&store, "Speech number 2", None)?.best().unwrap().source_id(), "s2");
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    ///
    /// Sources are read from the iterator in batches of about 16 MB of
    /// text, each tokenized on every core ([`Store::set_threads`]), the next
    /// while the one before is numbered into the store; the store is the
    /// same, byte for byte, however many threads built it.
    pub fn add_many(&mut self, docs: impl IntoIterator<Item = SourceDoc>) -> Result<usize, Error> {
        self.load()?;
        let threads = self.build_threads();
        let mut runs = Vec::new();
        let mut outcome = Ok(());
        let mut docs = docs.into_iter();
        let none = std::collections::HashSet::new();
        let mut current = self.take_batch(&mut docs, (&none, 0), &mut outcome);
        if current.docs.is_empty() {
            self.index.add_bulk(&self.word_ids, &runs, threads);
            return outcome.map(|()| 0);
        }
        let tokenize = move |batch: Batch| {
            let runs = build::tokenize_many(&batch.docs, threads);
            (batch, runs)
        };
        let mut tokenized = build::tokenize_many(&current.docs, threads);
        let mut next = self.take_batch(&mut docs, (&current.ids, current.bytes), &mut outcome);
        // While one batch's words are numbered into the store (in order, on
        // this thread), the next is tokenized on other threads: the
        // numbering is the build's serial part. (Not on one thread, which is
        // what was asked for; and no thread at all for a single batch, so a
        // small build starts none: a process-long thread record is what
        // valgrind reports of the C plugin otherwise.)
        while !next.docs.is_empty() {
            let ahead = if threads > 1 {
                Ok(std::thread::spawn(move || tokenize(next)))
            } else {
                Err(next)
            };
            runs.extend(self.add_batch(std::mem::take(&mut current.docs), tokenized));
            (current, tokenized) = match ahead {
                Ok(handle) => match handle.join() {
                    Ok(done) => done,
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                Err(next) => tokenize(next),
            };
            next = self.take_batch(&mut docs, (&current.ids, current.bytes), &mut outcome);
        }
        runs.extend(self.add_batch(current.docs, tokenized));
        self.index.add_bulk(&self.word_ids, &runs, threads);
        outcome.map(|()| runs.len())
    }

    /// Takes the next batch of about [`BATCH_BYTES`] from `docs`, each
    /// document admitted as it is taken (against the store and `ahead`: the
    /// ids and bytes of a batch taken but not added yet), so that on an
    /// error none after the failing one has been read from the iterator;
    /// the error goes to `outcome`, and after one nothing more is taken.
    fn take_batch(
        &self,
        docs: &mut impl Iterator<Item = SourceDoc>,
        ahead: (&std::collections::HashSet<String>, usize),
        outcome: &mut Result<(), Error>,
    ) -> Batch {
        let (ahead_ids, ahead_bytes) = ahead;
        let mut batch = Batch::default();
        if outcome.is_err() {
            return batch;
        }
        let limit = match self.batch_bytes {
            0 => BATCH_BYTES,
            n => n,
        };
        while batch.bytes < limit {
            let Some(doc) = docs.next() else { break };
            let admitted = self.admit(
                doc.id.clone(),
                doc.text.len(),
                &[ahead_ids, &batch.ids],
                ahead_bytes + batch.bytes,
            );
            if let Err(e) = admitted {
                *outcome = Err(e);
                break;
            }
            batch.bytes += doc.text.len();
            batch.ids.insert(doc.id.clone());
            batch.docs.push(doc);
        }
        batch
    }

    /// How many threads [`Store::add_many`] (and saving a store with
    /// removed sources) uses: `0`, the default, for one per core. The
    /// store built is the same whatever the number.
    ///
    /// ```
    /// use quotecheck::{SourceDoc, Store};
    /// let docs = || (0..4).map(|i| SourceDoc::new(format!("s{i}"), format!("Speech {i}.")));
    /// let (mut one, mut all) = (Store::new(), Store::new());
    /// one.set_threads(1);
    /// one.add_many(docs())?;
    /// all.add_many(docs())?;
    /// assert_eq!(one.word_count(), all.word_count());
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = threads;
    }

    /// Sets the text per batch of [`Store::add_many`] (0: the default):
    /// for tests that cross batches on small inputs.
    pub(crate) fn set_batch_bytes(&mut self, bytes: usize) {
        self.batch_bytes = bytes;
    }

    /// The threads a build uses now.
    fn build_threads(&self) -> usize {
        match self.threads {
            0 => std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
            n => n,
        }
    }

    /// Whether a source with this id and text length may be added, with
    /// `pending` (the ids of batches taken but not added yet) and
    /// `pending_bytes` (their text).
    fn admit(
        &self,
        id: String,
        len: usize,
        pending: &[&std::collections::HashSet<String>],
        pending_bytes: usize,
    ) -> Result<(), Error> {
        if id.is_empty() {
            return Err(Error::EmptySourceId);
        }
        if self.ids.contains_key(&id) || pending.iter().any(|ids| ids.contains(&id)) {
            return Err(Error::DuplicateSourceId(id));
        }
        // Positions are u32: a word takes at least two bytes of text on
        // average (a letter and a separator), so this bounds the words.
        if len > MAX_SOURCE_BYTES
            || self.word_ids.len() + (pending_bytes + len) / 2 >= u32::MAX as usize
        {
            return Err(Error::SourceTooLarge {
                len,
                limit: MAX_SOURCE_BYTES,
                id,
            });
        }
        Ok(())
    }

    /// Adds admitted sources' words and records, but not to the index;
    /// returns each one's word positions.
    fn add_batch(&mut self, batch: Vec<SourceDoc>, runs: Vec<build::Run>) -> Vec<Range<u32>> {
        let tokenized = build::merge_runs(
            runs,
            &mut self.vocab,
            &mut self.word_ids,
            &mut self.flags,
            &mut self.spans,
        );
        let mut added = Vec::with_capacity(tokenized.len());
        for ((t, words), doc) in tokenized.into_iter().zip(batch) {
            let index = self.sources.len();
            self.ids.insert(doc.id.clone(), index as u32);
            self.word_ends.push(words.end);
            added.push(words.clone());
            self.sources.push(Source {
                doc,
                speakers: t.layout.speakers,
                turns: t.layout.turns,
                times: t.layout.times,
                structure: t.layout.structure,
                editorial: t.layout.editorial,
                checkpoints: t.checkpoints.into(),
                is_transcript: t.layout.is_transcript,
                words,
                removed: false,
                lazy_text: None,
                char_index: OnceLock::new(),
            });
        }
        added
    }

    /// Adds every source of a file or folder tree, read by the rules of
    /// [`folder`](crate::folder) (recursive, `sources.json` manifests, ids
    /// unique in the tree). Returns how many were added.
    ///
    /// All or nothing: a file that cannot be read, a broken manifest, or an
    /// id already in the store (or twice in the tree) is an error and nothing
    /// is added. To go on past unreadable files, use
    /// [`folder::read_sources`](crate::folder::read_sources) and
    /// [`Store::add_many`].
    ///
    /// ```
    /// let mut store = quotecheck::Store::new();
    /// let err = store.add_folder("no/such/folder").unwrap_err();
    /// assert!(matches!(err, quotecheck::Error::Io { .. }));
    /// assert!(store.is_empty());
    /// ```
    pub fn add_folder(&mut self, path: impl AsRef<Path>) -> Result<usize, Error> {
        let read = crate::folder::read_sources(path.as_ref(), |_, _| {});
        if let Some(e) = read.errors.into_iter().next() {
            return Err(e);
        }
        let mut ids = std::collections::HashSet::new();
        for f in &read.files {
            if f.doc.id.is_empty() {
                return Err(Error::EmptySourceId);
            }
            if self.find(&f.doc.id).is_some() || !ids.insert(f.doc.id.as_str()) {
                return Err(Error::DuplicateSourceId(f.doc.id.clone()));
            }
            if f.doc.text.len() > MAX_SOURCE_BYTES {
                return Err(Error::SourceTooLarge {
                    id: f.doc.id.clone(),
                    len: f.doc.text.len(),
                    limit: MAX_SOURCE_BYTES,
                });
            }
        }
        self.add_many(read.files.into_iter().map(|f| f.doc))
    }

    /// Removes the source with this id. Its index is not reused; its words
    /// are skipped by every check from now on and dropped from the file at
    /// the next [`Store::save`] (or from memory by [`Store::compact`]).
    ///
    /// ```
    /// use quotecheck::{Checker, SourceDoc, Store, Verdict};
    /// let mut store = Store::new();
    /// store.add(SourceDoc::new("a", "We will not raise taxes."))?;
    /// store.remove("a")?;
    /// assert_eq!(store.len(), 0);
    /// let mut checker = Checker::new();
    /// assert_eq!(checker.check(&store, "We will not raise taxes.", None)?.verdict(), Verdict::NotFound);
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    pub fn remove(&mut self, id: &str) -> Result<(), Error> {
        let index = self
            .ids
            .remove(id)
            .ok_or_else(|| Error::UnknownSourceId(id.to_string()))?;
        self.sources[index as usize].removed = true;
        self.removed += 1;
        Ok(())
    }

    /// Rebuilds the store without its removed sources (indexes change).
    /// Fails only for a store opened from a file whose texts can no
    /// longer be read; the store is then unchanged.
    pub fn compact(&mut self) -> Result<(), Error> {
        if self.removed == 0 {
            return Ok(());
        }
        *self = self.live()?;
        Ok(())
    }

    /// The live sources, indexed afresh.
    fn live(&self) -> Result<Store, Error> {
        let mut fresh = Store::new();
        let mut failed = None;
        let docs = self.sources().map_while(|s| match s.try_text() {
            Ok(text) => Some(SourceDoc {
                text: text.to_string(),
                ..s.doc.clone()
            }),
            Err(e) => {
                failed = Some(e);
                None
            }
        });
        // Re-adding sources that were valid cannot fail.
        let _ = fresh.add_many(docs);
        match failed {
            Some(e) => Err(e),
            None => Ok(fresh),
        }
    }

    /// Reads every part of a store opened from a file that is still in the
    /// file (texts, posting lists) into memory, checking each
    /// part's checksum: after it, the store no longer reads its file, and
    /// any damage to the file has been reported. Adding sources does this
    /// first. A no-op for a store built in memory; on an error the store is
    /// unchanged.
    ///
    /// ```
    /// use quotecheck::{SourceDoc, Store};
    /// let path = std::env::temp_dir().join(format!("qc-doc-load-{}.qcs", std::process::id()));
    /// let mut store = Store::new();
    /// store.add(SourceDoc::new("a", "We will not raise taxes."))?;
    /// store.save(&path)?;
    /// let mut opened = Store::open(&path)?;
    /// opened.load()?;
    /// std::fs::remove_file(&path).ok();
    /// assert_eq!(opened.source(0).text(), "We will not raise taxes.");
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    pub fn load(&mut self) -> Result<(), Error> {
        // Texts first, whole: the words below are derived from them.
        for src in &self.sources {
            src.try_text()?;
        }
        let mut loaded = None;
        if self.derives_words {
            // Each source's words, back to back: the arrays as built.
            let n = self.word_count();
            let (mut ids, mut flags) = (Vec::with_capacity(n), Vec::with_capacity(n));
            let mut spans = Spans::default();
            let mut scratch = WindowWords::default();
            let mut text = String::new();
            let mut ranges = Vec::new();
            for (i, src) in self.sources.iter().enumerate() {
                let own = src.words.start as usize..src.words.end as usize;
                let (w, _) = self.words_in(i, own.clone(), &mut scratch, &mut text)?;
                let (Some(i), Some(f)) = (w.ids(own.clone()), w.flags(own.clone())) else {
                    return Err(Error::CorruptStore("word arrays differ in length".into()));
                };
                ids.extend_from_slice(i);
                flags.extend_from_slice(f);
                w.spans(&[], own, &mut ranges);
                spans.append(Spans::packed_from(spans.len(), spans.last_end(), &ranges));
            }
            if ids.len() != n || flags.len() != n || spans.len() != n {
                return Err(Error::CorruptStore("word arrays differ in length".into()));
            }
            loaded = Some((ids, flags, spans));
        }
        self.index.load()?;
        for src in &mut self.sources {
            if let Some(lazy) = src.lazy_text.take() {
                src.doc.text = lazy.into_whole().unwrap_or_default();
            }
        }
        if let Some((ids, flags, spans)) = loaded {
            self.word_ids = ids;
            self.flags = flags;
            self.spans = spans;
            self.derives_words = false;
        }
        Ok(())
    }

    /// The words at global positions `range` of source `source` (and
    /// perhaps more of that source's), and its text around them: slices of
    /// the arrays and the text, or, for a store opened from a file, the
    /// words derived into `words` from the blocks of text the window lies
    /// in (copied into `text` when it spans more than one).
    pub(crate) fn words_in<'a>(
        &'a self,
        source: usize,
        range: Range<usize>,
        words: &'a mut WindowWords,
        text: &'a mut String,
    ) -> Result<(Words<'a>, TextPart<'a>), Error> {
        let own = self.words_of(source);
        let src = &self.sources[source];
        if !self.derives_words {
            let arrays = words::in_memory(
                &self.word_ids,
                &self.flags,
                &self.spans.base,
                &self.spans.codes,
                &own,
            );
            return Ok((arrays, TextPart::whole(src.try_text()?)));
        }
        let start = own.start as usize;
        let local = range.start.saturating_sub(start)..range.end.saturating_sub(start);
        let bytes = crate::build::window_bytes(&src.checkpoints, local.clone(), src.text_len());
        let part = src.text_part(bytes, text)?;
        let vocab = &self.vocab;
        // From the window's blocks; should a checkpoint be out of step (a
        // damaged file), from the whole text, as before blocks were read
        // one by one.
        let part = if crate::build::derive_window(src.stored(part), local.clone(), vocab, words) {
            part
        } else {
            let whole = TextPart::whole(src.try_text()?);
            if !crate::build::derive_window(src.stored(whole), local, vocab, words) {
                return Err(Error::CorruptStore(format!(
                    "source {:?}: its text and the store's vocabulary, word count or checkpoints disagree",
                    src.doc.id
                )));
            }
            whole
        };
        Ok((words::derived(start, words), part))
    }

    /// Folds the sources added since the store was built or opened into the
    /// compact index (what [`Store::save`] writes): lookups read the same
    /// positions, in a quarter of the memory or less. Worth calling once
    /// after adding many sources that will be checked against without
    /// being saved.
    ///
    /// ```
    /// use quotecheck::{Checker, SourceDoc, Store, Verdict};
    /// let mut store = Store::new();
    /// store.add(SourceDoc::new("a", "We will not raise taxes this year."))?;
    /// let before = store.postings_bytes();
    /// store.freeze();
    /// assert!(store.postings_bytes() < before);
    /// let mut checker = Checker::new();
    /// let report = checker.check(&store, "We will not raise taxes this year.", None)?;
    /// assert_eq!(report.verdict(), Verdict::Verbatim);
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    pub fn freeze(&mut self) {
        self.index.freeze();
    }

    /// Writes the store to `path` atomically (a temporary file beside it,
    /// synced, then renamed over it): a crash never leaves a half-written
    /// store, and the previous file stays until the new one is complete.
    /// Removed sources are left out.
    ///
    /// ```
    /// use quotecheck::{SourceDoc, Store};
    /// let path = std::env::temp_dir().join(format!("qc-doc-{}.qcs", std::process::id()));
    /// let mut store = Store::new();
    /// store.add(SourceDoc::new("a", "We will not raise taxes.").speaker("Ana Diaz"))?;
    /// store.save(&path)?;
    /// let opened = Store::open(&path)?;
    /// assert_eq!(opened.find("a"), Some(0));
    /// # std::fs::remove_file(&path).ok();
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    ///
    /// Saving over the file this store was opened from is an update: it
    /// takes an advisory lock (a `.NAME.lock` file beside it) and fails with
    /// [`Error::StoreChanged`], writing nothing, when another process or
    /// store saved that file since this one opened (or last saved) it, so
    /// that two updates at once never silently lose one. A path that is a
    /// symbolic link saves to the link's target.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let target = canonical(&persist::save_target(path));
        let mut opened = self.opened_stamp();
        let expect = opened
            .as_ref()
            .filter(|(from, _)| *from == target)
            .map(|(_, stamp)| stamp.clone());
        let written = if self.removed > 0 {
            // The live sources, indexed afresh: their texts are copied once,
            // not the whole store (word arrays and index) first.
            let live = self.live()?;
            let view = persist::View {
                store: &live,
                index: live.index.frozen(),
            };
            persist::save(path, &view, expect.as_ref())?
        } else {
            let view = persist::View {
                store: self,
                index: self.index.frozen(),
            };
            persist::save(path, &view, expect.as_ref())?
        };
        if let (Some(_), Some(stamp)) = (&expect, written) {
            *opened = Some((target, stamp));
        }
        Ok(())
    }

    /// Opens a store file written by [`Store::save`], in a few reads
    /// however large it is: the trailer, the section table and the parts
    /// every search needs at once (vocabulary, source records, index rows)
    /// are read and checked (checksum, format version, every structural
    /// invariant), so a truncated, damaged or foreign file gives
    /// [`Error::CorruptStore`], [`Error::NotAStore`] or
    /// [`Error::UnsupportedVersion`], never a panic. The texts and posting
    /// lists stay in the file and are read, each piece checked against its
    /// own checksum, when a search first needs them, and a source's words
    /// are made again from its text then (the file keeps none; see
    /// [`Store::load`] to read them all now). The file is kept open; saving
    /// over it is safe (the old file stays readable until the store is
    /// dropped). Sources can be added to and removed from the opened store.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, Error> {
        let path = path.as_ref();
        let target = canonical(&persist::save_target(path));
        let stamp = persist::FileStamp::of(&target);
        let store = Store::from_parts(persist::open(path)?)?;
        if let Some(stamp) = stamp {
            *store.opened_stamp() = Some((target, stamp));
        }
        Ok(store)
    }

    /// Merges store files into one, in order: the file one build of all
    /// their sources would write, byte for byte, made without building
    /// anything — texts are copied a compressed block at a time and the
    /// indexes' lists renumbered and joined. So an archive larger than a
    /// build fits in memory (about four times its text; README, "Limits")
    /// is built in parts, each saved, and merged; the merge holds the parts'
    /// posting lists (about 0.45 bytes a byte of text) and writes the rest
    /// as it goes. Written atomically, as [`Store::save`] writes; returns
    /// how many sources the merged file holds.
    ///
    /// Fails with [`Error::DuplicateSourceId`] when two parts hold one id,
    /// [`Error::SourceTooLarge`] when together they hold more words than a
    /// store's 32-bit positions address, and as [`Store::open`] for a
    /// damaged part; the output is then untouched.
    ///
    /// ```
    /// use quotecheck::{Checker, SourceDoc, Store};
    /// let dir = std::env::temp_dir();
    /// let part = |name: &str, id: &str, text: &str| -> Result<std::path::PathBuf, quotecheck::Error> {
    ///     let path = dir.join(format!("qc-doc-merge-{}-{name}.qcs", std::process::id()));
    ///     let mut store = Store::new();
    ///     store.add(SourceDoc::new(id, text))?;
    ///     store.save(&path)?;
    ///     Ok(path)
    /// };
    /// let a = part("a", "monday", "We will not raise taxes this year.")?;
    /// let b = part("b", "tuesday", "The bridge will open in the spring.")?;
    /// let merged = dir.join(format!("qc-doc-merge-{}.qcs", std::process::id()));
    /// assert_eq!(Store::merge_files(&[&a, &b], &merged)?, 2);
    /// let store = Store::open(&merged)?;
    /// let mut checker = Checker::new();
    /// let report = checker.check(&store, "the bridge will open in the spring", None)?;
    /// assert_eq!(report.best().unwrap().source_id(), "tuesday");
    /// # for p in [a, b, merged] { std::fs::remove_file(p).ok(); }
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    pub fn merge_files<P: AsRef<Path>>(
        inputs: &[P],
        output: impl AsRef<Path>,
    ) -> Result<usize, Error> {
        let inputs: Vec<&Path> = inputs.iter().map(AsRef::as_ref).collect();
        persist::merge_files(&inputs, output.as_ref())
    }

    fn opened_stamp(&self) -> std::sync::MutexGuard<'_, Option<(PathBuf, persist::FileStamp)>> {
        self.opened_from.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A store from the bytes of a store file (what [`Store::open`] reads),
    /// read whole and checked throughout (as [`Store::load`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Store, Error> {
        let mut store = Store::from_parts(persist::parse(bytes)?)?;
        store.load()?;
        Ok(store)
    }

    fn from_parts(parts: persist::Parts) -> Result<Store, Error> {
        let mut ids = HashMap::with_capacity(parts.sources.len());
        for (i, src) in parts.sources.iter().enumerate() {
            if ids.insert(src.doc.id.clone(), i as u32).is_some() || src.doc.id.is_empty() {
                return Err(Error::CorruptStore(format!(
                    "duplicate or empty source id {:?}",
                    src.doc.id
                )));
            }
        }
        let word_ends = parts.sources.iter().map(|s| s.words.end).collect();
        let vocab = Vocab::from_words(parts.vocab).ok_or_else(|| {
            Error::CorruptStore("a word is listed twice in the vocabulary".into())
        })?;
        Ok(Store {
            sources: parts.sources,
            ids,
            vocab,
            word_ids: Vec::new(),
            spans: Spans::default(),
            flags: Vec::new(),
            index: parts.index,
            threads: 0,
            batch_bytes: 0,
            word_ends,
            removed: 0,
            derives_words: true,
            opened_from: Arc::default(),
        })
    }

    /// How many sources (not counting removed ones).
    pub fn len(&self) -> usize {
        self.sources.len() - self.removed
    }

    /// Is the store empty?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The source at `index` (panics when out of range; see [`Store::get`]).
    pub fn source(&self, index: usize) -> &Source {
        &self.sources[index]
    }

    /// The source at `index`, if any (`None` once removed).
    pub fn get(&self, index: usize) -> Option<&Source> {
        self.sources.get(index).filter(|s| !s.removed)
    }

    /// All sources, in order of adding (removed ones left out).
    pub fn sources(&self) -> impl Iterator<Item = &Source> + '_ {
        self.sources.iter().filter(|s| !s.removed)
    }

    /// One past the largest source index in use (indexes of removed
    /// sources are not reused until the store is compacted or reopened).
    pub fn index_bound(&self) -> usize {
        self.sources.len()
    }

    /// Every slot, removed sources included.
    pub(crate) fn sources_raw(&self) -> &[Source] {
        &self.sources
    }

    /// Whether any source was removed (and not compacted away).
    pub(crate) fn has_removed(&self) -> bool {
        self.removed > 0
    }

    /// Whether the source at `index` was removed.
    pub(crate) fn is_removed(&self, index: usize) -> bool {
        self.sources.get(index).is_some_and(|s| s.removed)
    }

    /// The index of the source with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.ids.get(id).map(|&i| i as usize)
    }

    /// How many words the store holds, over all sources.
    pub fn word_count(&self) -> usize {
        self.word_ends.last().map_or(0, |&e| e as usize)
    }

    /// Total bytes of source text.
    pub fn text_bytes(&self) -> usize {
        self.sources().map(Source::text_len).sum()
    }

    /// Approximate bytes of the index and word arrays (see
    /// [`Store::postings_bytes`]).
    pub fn index_bytes(&self) -> usize {
        self.postings_bytes() + self.word_array_bytes()
    }

    /// Approximate bytes of the postings (the index proper): heap bytes,
    /// with the lists of a store opened from a file counted at their size
    /// in the file whether read yet or not.
    pub fn postings_bytes(&self) -> usize {
        self.index.heap_bytes()
    }

    /// Bytes of the per-word arrays (id, packed byte span, flags) in
    /// memory: none for a store opened from a file, which derives the
    /// words of a window from its text when a search needs them.
    pub fn word_array_bytes(&self) -> usize {
        self.word_ids.capacity() * 4 + self.spans.heap_bytes() + self.flags.capacity()
    }

    /// The source holding global word position `pos`.
    pub(crate) fn source_of(&self, pos: u32) -> usize {
        self.word_ends.partition_point(|&end| end <= pos)
    }

    /// The global word positions of source `index`.
    pub(crate) fn words_of(&self, index: usize) -> Range<u32> {
        // Sources cover the positions back to back (checked on open).
        let start = index.checked_sub(1).map_or(0, |i| self.word_ends[i]);
        start..self.word_ends[index]
    }
}

/// The path a file is known by, for comparing two names of one file.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_ids_and_leaves_store_unchanged() {
        let mut store = Store::new();
        store.add(SourceDoc::new("a", "one two three")).unwrap();
        assert_eq!(
            store.add(SourceDoc::new("", "x")),
            Err(Error::EmptySourceId)
        );
        assert_eq!(
            store.add(SourceDoc::new("a", "x")),
            Err(Error::DuplicateSourceId("a".into()))
        );
        assert_eq!(store.len(), 1);
        assert_eq!(store.word_count(), 3);
    }

    #[test]
    fn flags_stage_directions_and_editorial_text() {
        let mut store = Store::new();
        let text = "And so — (laughter) — I think \\[extra\\]terrestrial. (A long aside that is a real parenthetical remark by him.)";
        store
            .add(SourceDoc::new("a", text).kind(crate::SourceKind::Plain))
            .unwrap();
        let word = |w: &str| {
            let i = (0..store.word_count())
                .find(|&i| {
                    let (s, e) = store.spans.get(i).unwrap();
                    &text[s as usize..e as usize] == w
                })
                .unwrap();
            store.flags[i]
        };
        assert_ne!(word("laughter") & flag::STAGE, 0);
        assert_eq!(word("think") & flag::STAGE, 0);
        assert_ne!(word("extra") & flag::EDITORIAL, 0);
        assert_eq!(word("terrestrial") & flag::EDITORIAL, 0);
        assert_eq!(word("aside") & flag::STAGE, 0);
        assert_ne!(word("And") & flag::SENTENCE_START, 0);
        assert_ne!(word("A") & flag::SENTENCE_START, 0);
        assert_eq!(word("so") & flag::SENTENCE_START, 0);
    }

    #[test]
    fn source_of_positions() {
        let mut store = Store::new();
        store.add(SourceDoc::new("a", "one two")).unwrap();
        store.add(SourceDoc::new("b", "three")).unwrap();
        assert_eq!(store.source_of(0), 0);
        assert_eq!(store.source_of(1), 0);
        assert_eq!(store.source_of(2), 1);
        assert_eq!(store.find("b"), Some(1));
    }
}
