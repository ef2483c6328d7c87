//! The store file: a versioned binary format with checksums, opened in a
//! few reads however large it is.
//!
//! ```text
//! offset 0   "QCSTORE\0"                      magic
//!        8   u32 format version (6), u32 0
//!       16   sections, each 8-byte aligned    (little-endian throughout)
//!      ...   table: u32 count, u32 0, then per section
//!                   u32 tag, u32 0, u64 offset, u64 length
//! end - 24   u64 table offset, u32 0, u32 CRC-32 (see below),
//!            "QCSTEND\0"
//! ```
//!
//! Two kinds of section. The *small* ones are read on open: the meta
//! numbers (word count, vocabulary size, source count), the vocabulary
//! (offsets into one string), the per-source records (ids, metadata,
//! speaker turns, each text's length and where its words are), the
//! text blocks' table, the index rows (pair rows by first word,
//! second words, sampled list offsets, word list references) and the page
//! tables of the posting lists. The trailer's CRC-32 covers every byte of
//! the file before it except the contents of the large sections.
//!
//! The *large* sections stay in the file and are read in checked pieces
//! when first used (the `paged` module): the texts back to back, each cut
//! into blocks of at most 8 KiB of text, ending on char boundaries, each
//! compressed with LZ4 on its own (about 0.7 bytes per byte of English),
//! and the delta-coded posting lists ([`crate::postings`]). The small
//! TextBlocks section holds, per block in source order, `u32` compressed
//! length, `u32` text length and `u32` CRC-32 of the compressed bytes: a
//! search reads only the blocks its window lies in
//! ([`crate::stored_text`]), each checked before it is decompressed, and it
//! must decompress to exactly its recorded length; the posting
//! lists are cut into pages at list boundaries, each page's start and
//! CRC-32 in a page table (`u64` start, `u32` CRC, `u32` 0, or n + 1 when
//! the page is one long list of n positions, which can then be counted and
//! stepped over unread).
//!
//! No per-word data is stored: the words of a window of a source (ids,
//! flags, byte ranges) are derived again from its text when a search needs
//! them ([`crate::words`]), tokenizing from the checkpoint before the
//! window: the small Checkpoints section holds, per source and in source
//! order, one every 128 words (`u32` word index, byte offset, packed state;
//! the record gives the count), and the records keep the layout ranges
//! (structure, editorial) tokenizing steps over. They are a pure function of the text, the record's
//! metadata and the vocabulary, so long as the tokenizing rules are the
//! ones the file was built with: the format version covers them (a change
//! to what words a text gives bumps it; see [`crate::build`]), so a file
//! built under other rules is refused ([`Error::UnsupportedVersion`]), not
//! misread.
//! Every byte of the file is thus under exactly one checksum that is
//! checked before the byte is used.
//!
//! Opening reads the trailer and the table, then the small sections in file
//! order (checksummed as they pass; the large ones are stepped over) and
//! validates every invariant the search relies on: sources tile the words
//! and the texts, index rows are sorted and their references inside the
//! lists, page tables tile their sections. What a piece holds is checked
//! when it is read (ids inside the vocabulary, texts UTF-8 with the
//! records' ranges on char boundaries); list contents decode bounded by
//! the word count, and word ranges are checked against their text where a
//! search uses them. A damaged or crafted file gives an error, or fewer
//! positions, never a panic or an out-of-bounds read; no allocation is
//! larger than the file, but for a text, which is at most 255 times its
//! compressed blocks (LZ4's bound, checked on open).
//!
//! Version history: 1 stored posting lists as plain `u32` arrays with
//! sorted `u64` keys; 2 stored them delta-coded, grouped by first word,
//! with single-word lists past [`crate::index::LONGEST_WORD_LIST`] as
//! counts only; 3 moved the texts out of the source records into a section
//! of their own; 4 added per-piece checksums and page tables so that the
//! large sections are read when used, not on open; 5 dropped the word
//! arrays (ids, flags, packed byte ranges: 1.2 bytes per byte of text, more
//! than the texts' own size), which are derived from the texts instead,
//! and compressed the texts in 64 KiB blocks under one checksum a text;
//! 6 (this one) cuts texts into 8 KiB blocks on char boundaries, each with
//! its own checksum, so that a window is read without the rest of its
//! text (the per-source checksums section is gone). Files of versions 1 to 5 are
//! refused with [`Error::UnsupportedVersion`], which names the version
//! found; rebuild them from their sources (`quotecheck --save`).
//!
//! Saving writes a temporary file beside the target, syncs it, renames it
//! over the target and syncs the directory: a crash at any point leaves
//! either the old file or the new one. A store opened from the target
//! keeps reading the old file (its open handle) until it is dropped.

#![forbid(unsafe_code)]

mod merge;

pub(crate) use merge::merge_files;

use std::io::Write;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::build::Checkpoint;
use crate::error::Error;
use crate::index::{Blob, Frozen, Index, PAIR_SAMPLE};
use crate::paged::{Backing, FileRef, Page, PagedBytes, Piece, cut_pages};
use crate::postings::{self, List};
use crate::source::{Source, SourceDoc, SourceKind, TimeMark, Turn};
use crate::store::Store;
use crate::stored_text::{StoredText, TEXT_BLOCK, TextBlock, blocks_of};

const MAGIC: &[u8; 8] = b"QCSTORE\0";
const END: &[u8; 8] = b"QCSTEND\0";
/// The format this version writes and reads.
pub const FORMAT_VERSION: u32 = 6;
const TRAILER: usize = 24;
/// Bytes of one page table entry.
const PAGE_ENTRY: usize = 16;

#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Meta = 1,
    VocabOffsets = 2,
    VocabBytes = 3,
    Sources = 4,
    PairRows = 14,
    PairSecond = 15,
    PairSamples = 22,
    PairBytes = 23,
    Texts = 24,
    PairPages = 26,
    WordCounts = 28,
    Lasts = 29,
    TextBlocks = 30,
    Checkpoints = 31,
}

impl Tag {
    const ALL: [Tag; 14] = [
        Tag::Meta,
        Tag::VocabOffsets,
        Tag::VocabBytes,
        Tag::Sources,
        Tag::Texts,
        Tag::PairRows,
        Tag::PairSecond,
        Tag::PairSamples,
        Tag::PairBytes,
        Tag::WordCounts,
        Tag::Lasts,
        Tag::PairPages,
        Tag::TextBlocks,
        Tag::Checkpoints,
    ];

    fn from_u32(v: u32) -> Option<Tag> {
        Tag::ALL.into_iter().find(|t| *t as u32 == v)
    }

    /// Is it read when used rather than on open?
    fn is_large(self) -> bool {
        matches!(self, Tag::Texts | Tag::PairBytes)
    }
}

/// What opening a file gives: the small parts read, the large ones to be
/// read when used.
pub(crate) struct Parts {
    pub vocab: Vec<String>,
    pub sources: Vec<Source>,
    pub index: Index,
}

/// What to write: a store, and its index as one frozen tier.
pub(crate) struct View<'a> {
    pub store: &'a Store,
    pub index: std::borrow::Cow<'a, Frozen>,
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Writes a store file atomically.
/// What identifies one version of a store file on disk: a save replaces the
/// file (a new inode, length and time), so a stamp that differs from the one
/// taken when the store was opened means someone else saved it since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

impl FileStamp {
    /// The stamp of the file at `path` now, if there is one.
    pub(crate) fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino())
            },
        })
    }
}

/// The file a save to `path` writes: the target of a symbolic link (the
/// link stays a link), else `path` itself.
pub(crate) fn save_target(path: &Path) -> std::path::PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).unwrap_or_else(|_| {
            // A dangling link: its target, made relative to the link's folder.
            let target = std::fs::read_link(path).unwrap_or_else(|_| path.to_path_buf());
            match path.parent() {
                Some(dir) if target.is_relative() => dir.join(target),
                _ => target,
            }
        }),
        _ => path.to_path_buf(),
    }
}

/// The folder a file at `path` is in (`.` for a bare name): where its
/// temporary files go.
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Saves `view` to `path` (through a symbolic link to its target). With
/// `expect`, the save is an update of the file a store was opened from: it
/// happens under an advisory lock on a sidecar file (`.NAME.lock`, beside
/// the store) and only if the file is still the one opened, so two updates
/// at once cannot silently lose one (the second gets [`Error::StoreChanged`]).
/// Returns the stamp of the file written.
pub(crate) fn save(
    path: &Path,
    view: &View<'_>,
    expect: Option<&FileStamp>,
) -> Result<Option<FileStamp>, Error> {
    let target = save_target(path);
    let path = target.as_path();
    let dir = folder_of(path);
    let _lock = match expect {
        Some(stamp) => {
            let lock = lock_beside(path, dir)?;
            if FileStamp::of(path).as_ref() != Some(stamp) {
                return Err(Error::StoreChanged {
                    path: path.display().to_string(),
                });
            }
            Some(lock)
        }
        None => None,
    };
    write_and_rename(path, dir, |w| write_to(w, view))?;
    Ok(FileStamp::of(path))
}

/// Takes the advisory lock of the store file at `path` (blocking until
/// another process's update is done); released when the file is dropped.
fn lock_beside(path: &Path, dir: &Path) -> Result<std::fs::File, Error> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let lock_path = dir.join(format!(".{name}.lock"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| io_error(&lock_path, e))?;
    file.lock().map_err(|e| io_error(&lock_path, e))?;
    Ok(file)
}

/// Writes a file with `write` to a temporary file in `dir`, syncs it and
/// renames it over `path` (atomic: readers see the old file or the new one).
fn write_and_rename(
    path: &Path,
    dir: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> Result<(), Error> {
    let name = path
        .file_name()
        .ok_or_else(|| io_error(path, std::io::Error::other("not a file name")))?;
    // Unique per call, so threads saving at once never share a temporary.
    let seq = SAVE_SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(temp_name(&name.to_string_lossy(), seq));
    let result = (|| {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| io_error(&tmp, e))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        write(&mut w).map_err(|e| write_error(&tmp, e))?;
        let file = w.into_inner().map_err(|e| io_error(&tmp, e.into_error()))?;
        file.sync_all().map_err(|e| io_error(&tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| io_error(path, e))?;
        // The rename is durable once the directory is synced.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

static SAVE_SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn temp_name(name: &str, seq: u64) -> String {
    format!(".{name}.tmp-{}-{seq}", std::process::id())
}

/// Counts bytes and checksums them on the way to `inner`; the large
/// sections pass unchecksummed (their pieces have checksums of their own).
struct Sink<W> {
    inner: W,
    at: u64,
    crc: crc32fast::Hasher,
    large: bool,
}

impl<W: Write> Sink<W> {
    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if !self.large {
            self.crc.update(bytes);
        }
        self.at += bytes.len() as u64;
        self.inner.write_all(bytes)
    }

    fn align(&mut self) -> std::io::Result<()> {
        let pad = (8 - (self.at % 8) as usize) % 8;
        self.put(&[0u8; 8][..pad])
    }

    /// Writes fixed-size little-endian items through a 64 KiB buffer.
    fn items<const N: usize>(
        &mut self,
        v: impl IntoIterator<Item = [u8; N]>,
    ) -> std::io::Result<()> {
        let mut buf = Vec::with_capacity(1 << 16);
        for x in v {
            buf.extend_from_slice(&x);
            if buf.len() >= 1 << 16 {
                self.put(&buf)?;
                buf.clear();
            }
        }
        self.put(&buf)
    }

    fn u32s(&mut self, v: impl IntoIterator<Item = u32>) -> std::io::Result<()> {
        self.items(v.into_iter().map(u32::to_le_bytes))
    }

    fn u64s(&mut self, v: impl IntoIterator<Item = u64>) -> std::io::Result<()> {
        self.items(v.into_iter().map(u64::to_le_bytes))
    }

    /// A page table: start, CRC, whether the page is one list.
    fn pages(&mut self, pages: &[Page]) -> std::io::Result<()> {
        self.items(pages.iter().map(|p| {
            let mut e = [0u8; PAGE_ENTRY];
            e[..8].copy_from_slice(&p.start.to_le_bytes());
            e[8..12].copy_from_slice(&p.crc.to_le_bytes());
            // 0: several lists; n + 1: one list of n positions.
            let single = p.single.map_or(0, |n| n.saturating_add(1));
            e[12..].copy_from_slice(&single.to_le_bytes());
            e
        }))
    }

    /// A blob of lists, page by page (read from the old file if it is
    /// still there).
    fn blob(&mut self, blob: &Blob) -> std::io::Result<()> {
        match blob {
            Blob::Owned(v) => self.put(v),
            Blob::Paged(p) => {
                for k in 0..p.pages().len() {
                    self.put(p.page(k).map_err(std::io::Error::other)?)?;
                }
                Ok(())
            }
        }
    }
}

/// The page table of a blob: as read, or cut now.
fn pages_of(blob: &Blob) -> std::io::Result<Vec<Page>> {
    match blob {
        Blob::Paged(p) => Ok(p.pages().to_vec()),
        Blob::Owned(v) => cut_pages(v, postings::skip, |b, at| {
            List::read(at as u64, b, u32::MAX).len() as u32
        })
        .ok_or_else(|| {
            std::io::Error::other(Error::CorruptStore(
                "the index's lists do not lie back to back".into(),
            ))
        }),
    }
}

/// The store error inside an I/O error from [`write_to`], or the I/O
/// error itself.
fn write_error(path: &Path, e: std::io::Error) -> Error {
    if e.get_ref().is_some_and(|inner| inner.is::<Error>()) {
        if let Some(Ok(inner)) = e.into_inner().map(|b| b.downcast::<Error>()) {
            return *inner;
        }
        return Error::CorruptStore("unreadable piece".into());
    }
    io_error(path, e)
}

/// A store file being written: the header, then sections (each 8-byte
/// aligned and entered in the table), then the table and the trailer.
/// [`write_to`] writes a store through it, and [`merge`] a merge of store
/// files, so that both lay out the same file for the same content.
pub(crate) struct FileWriter<W: Write> {
    s: Sink<W>,
    table: Vec<(Tag, u64, u64)>,
}

impl<W: Write> FileWriter<W> {
    /// Writes the header.
    fn new(w: W) -> std::io::Result<FileWriter<W>> {
        let mut s = Sink {
            inner: w,
            at: 0,
            crc: crc32fast::Hasher::new(),
            large: false,
        };
        s.put(MAGIC)?;
        s.put(&FORMAT_VERSION.to_le_bytes())?;
        s.put(&0u32.to_le_bytes())?;
        Ok(FileWriter {
            s,
            table: Vec::new(),
        })
    }

    /// Writes one section (aligned; its bytes under the trailer's checksum
    /// unless it is a large one).
    fn section(
        &mut self,
        tag: Tag,
        body: impl FnOnce(&mut Sink<W>) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.s.align()?;
        self.s.large = tag.is_large();
        let start = self.s.at;
        body(&mut self.s)?;
        self.table.push((tag, start, self.s.at - start));
        self.s.large = false;
        Ok(())
    }

    /// The Meta section, then the vocabulary's two.
    fn meta_and_vocab(
        &mut self,
        words: u64,
        sources: u64,
        vocab: &[impl AsRef<str>],
    ) -> std::io::Result<()> {
        self.section(Tag::Meta, |s| s.u64s([words, vocab.len() as u64, sources]))?;
        let mut total = 0u64;
        let offsets = std::iter::once(0).chain(vocab.iter().map(|w| {
            total += w.as_ref().len() as u64;
            total
        }));
        self.section(Tag::VocabOffsets, |s| s.u64s(offsets))?;
        self.section(Tag::VocabBytes, |s| {
            vocab.iter().try_for_each(|w| s.put(w.as_ref().as_bytes()))
        })
    }

    /// The index's small sections, in file order (the lists' page table
    /// last).
    fn index_rows(&mut self, index: &Frozen, pages: &[Page]) -> std::io::Result<()> {
        self.section(Tag::PairRows, |s| s.u64s(index.pair_rows.iter().copied()))?;
        self.section(Tag::PairSecond, |s| {
            s.u32s(index.pair_second.iter().copied())
        })?;
        self.section(Tag::PairSamples, |s| {
            s.u64s(index.pair_samples.iter().copied())
        })?;
        self.section(Tag::WordCounts, |s| {
            s.u32s(index.word_counts.iter().copied())
        })?;
        self.section(Tag::Lasts, |s| {
            s.u32s(index.lasts.iter().flat_map(|&(id, at)| [id, at]))
        })?;
        self.section(Tag::PairPages, |s| s.pages(pages))
    }

    /// The text blocks' table and the checkpoints: the last sections.
    fn blocks_and_checkpoints<'c>(
        &mut self,
        blocks: &[[u32; 3]],
        checkpoints: impl Iterator<Item = &'c Checkpoint>,
    ) -> std::io::Result<()> {
        self.section(Tag::TextBlocks, |s| {
            s.u32s(blocks.iter().flatten().copied())
        })?;
        self.section(Tag::Checkpoints, |s| {
            s.u32s(checkpoints.flat_map(|c| [c.word, c.at, c.state]))
        })
    }

    /// Writes the table and the trailer.
    fn finish(self) -> std::io::Result<()> {
        let FileWriter { mut s, table } = self;
        s.align()?;
        let table_at = s.at;
        s.put(&(table.len() as u32).to_le_bytes())?;
        s.put(&0u32.to_le_bytes())?;
        for (tag, at, len) in &table {
            s.put(&(*tag as u32).to_le_bytes())?;
            s.put(&0u32.to_le_bytes())?;
            s.put(&at.to_le_bytes())?;
            s.put(&len.to_le_bytes())?;
        }
        s.put(&table_at.to_le_bytes())?;
        s.put(&0u32.to_le_bytes())?;
        let crc = s.crc.clone().finalize();
        s.inner.write_all(&crc.to_le_bytes())?;
        s.inner.write_all(END)?;
        s.inner.flush()
    }
}

/// Writes the whole file to `w` (exposed for the failure-injection test).
/// A piece of a store opened from a file that cannot be read fails the
/// write with its [`Error`] inside the I/O error.
pub(crate) fn write_to<W: Write>(w: W, view: &View<'_>) -> std::io::Result<()> {
    let store = view.store;
    let sources = store.sources_raw();
    let other = std::io::Error::other;
    let mut f = FileWriter::new(w)?;
    f.meta_and_vocab(
        store.word_count() as u64,
        sources.len() as u64,
        store.vocab.words(),
    )?;
    let mut records = Vec::new();
    for src in sources {
        encode_source(&mut records, src, src.words.clone());
    }
    f.section(Tag::Sources, |s| s.put(&records))?;
    drop(records);
    let index = &view.index;
    f.index_rows(index, &pages_of(&index.pair_bytes)?)?;

    // The large sections: the texts, in blocks compressed one by one, each
    // with its checksum; then the lists.
    let mut blocks = Vec::new();
    let mut packed = vec![0u8; lz4_flex::block::get_maximum_output_size(TEXT_BLOCK)];
    f.section(Tag::Texts, |s| {
        for src in sources {
            for block in blocks_of(src.try_text().map_err(other)?) {
                let n = lz4_flex::block::compress_into(block.as_bytes(), &mut packed)
                    .map_err(std::io::Error::other)?;
                blocks.push([n as u32, block.len() as u32, crc32fast::hash(&packed[..n])]);
                s.put(&packed[..n])?;
            }
        }
        Ok(())
    })?;
    drop(packed);
    f.section(Tag::PairBytes, |s| s.blob(&index.pair_bytes))?;
    f.blocks_and_checkpoints(
        &blocks,
        sources.iter().flat_map(|src| src.checkpoints.iter()),
    )?;
    f.finish()
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
        None => out.push(0),
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A source's record; `words` its positions in the file written (a merge
/// moves them).
fn encode_source(out: &mut Vec<u8>, src: &Source, words: Range<u32>) {
    let d = &src.doc;
    put_str(out, &d.id);
    // The text itself goes to the Texts section, in the same order.
    out.extend_from_slice(&(src.text_len() as u64).to_le_bytes());
    put_opt(out, d.title.as_deref());
    put_opt(out, d.date.as_deref());
    put_opt(out, d.speaker.as_deref());
    put_u32(out, d.speakers.len() as u32);
    for (label, person) in &d.speakers {
        put_str(out, label);
        put_str(out, person);
    }
    out.push(match d.kind {
        SourceKind::Auto => 0,
        SourceKind::Plain => 1,
        SourceKind::Transcript => 2,
    });
    out.push(u8::from(src.is_transcript));
    put_u32(out, src.speakers.len() as u32);
    for s in &src.speakers {
        put_str(out, s);
    }
    put_u32(out, src.turns.len() as u32);
    for t in &src.turns {
        for v in [
            t.start,
            t.end,
            t.speaker.map_or(u32::MAX, |s| s),
            t.label.0,
            t.label.1,
        ] {
            put_u32(out, v);
        }
    }
    put_u32(out, src.times.len() as u32);
    for t in &src.times {
        for v in [t.at, t.text.0, t.text.1] {
            put_u32(out, v);
        }
    }
    for ranges in [&src.structure, &src.editorial] {
        put_u32(out, ranges.len() as u32);
        for r in ranges {
            put_u32(out, r.start);
            put_u32(out, r.end);
        }
    }
    // Its checkpoints are in the Checkpoints section, in source order.
    put_u32(out, src.checkpoints.len() as u32);
    put_u32(out, words.start);
    put_u32(out, words.end);
}

fn corrupt(what: impl Into<String>) -> Error {
    Error::CorruptStore(what.into())
}

/// Opens a store file: reads and checks its small sections; the large ones
/// are read from the kept file when used.
pub(crate) fn open(path: &Path) -> Result<Parts, Error> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let len = file.metadata().map_err(|e| io_error(path, e))?.len();
    read(
        FileRef::new(Backing::File(file), path.display().to_string()),
        len,
    )
}

/// Parses and validates the bytes of a store file (kept in memory as the
/// file's stand-in).
pub(crate) fn parse(bytes: &[u8]) -> Result<Parts, Error> {
    read(
        FileRef::new(Backing::Bytes(bytes.into()), "store bytes"),
        bytes.len() as u64,
    )
}

/// The small sections of a file, read in file order with the checksum kept
/// as they pass.
struct Stream<'f> {
    file: &'f FileRef,
    crc: crc32fast::Hasher,
    at: u64,
    /// The file's length.
    len: u64,
}

impl Stream<'_> {
    fn fill(&mut self, out: &mut [u8]) -> Result<(), Error> {
        self.file.read_at(self.at, out)?;
        self.crc.update(out);
        self.at += out.len() as u64;
        Ok(())
    }

    /// Bytes the file holds from here on: the most a section read here may
    /// reserve, whatever length a damaged table gives.
    fn room(&self) -> usize {
        usize::try_from(self.len.saturating_sub(self.at)).unwrap_or(usize::MAX)
    }

    /// `n` bytes, read a chunk at a time into room reserved once for what
    /// the file still holds (so a damaged length cannot ask for more
    /// memory than the file has, and a long section is not copied as it
    /// grows).
    fn bytes(&mut self, n: usize) -> Result<Vec<u8>, Error> {
        let mut v = Vec::with_capacity(n.min(self.room()));
        let mut left = n;
        while left > 0 {
            let k = left.min(1 << 16);
            let at = v.len();
            v.resize(at + k, 0);
            self.fill(&mut v[at..])?;
            left -= k;
        }
        Ok(v)
    }

    /// Reads (and checksums) everything up to `at`.
    fn skip_to(&mut self, at: u64) -> Result<(), Error> {
        let mut chunk = [0u8; 4096];
        while self.at < at {
            let n = (at - self.at).min(chunk.len() as u64) as usize;
            self.fill(&mut chunk[..n])?;
        }
        Ok(())
    }

    /// A section of fixed-size little-endian items.
    fn items<const N: usize, T>(
        &mut self,
        len: usize,
        f: fn([u8; N]) -> T,
    ) -> Result<Vec<T>, Error> {
        if !len.is_multiple_of(N) {
            return Err(corrupt("array length"));
        }
        // Parsed a chunk at a time: the section's bytes are never all in
        // memory beside its items (at 1 GiB the index rows are tens of MB,
        // and fresh memory is most of what opening costs).
        let mut out = Vec::with_capacity(len.min(self.room()) / N);
        let mut chunk = [0u8; 1 << 14];
        let mut left = len;
        while left > 0 {
            let k = left.min(chunk.len() / N * N);
            self.fill(&mut chunk[..k])?;
            out.extend(chunk[..k].chunks_exact(N).map(|c| {
                let mut a = [0u8; N];
                a.copy_from_slice(c);
                f(a)
            }));
            left -= k;
        }
        Ok(out)
    }
}

/// Everything the file's small sections hold, as read, and where the large
/// ones are.
#[derive(Default)]
struct Raw {
    meta: Vec<u64>,
    vocab_offsets: Vec<u64>,
    vocab_bytes: Vec<u8>,
    records: Option<Vec<u8>>,
    text_blocks: Vec<u32>,
    checkpoints: Vec<Checkpoint>,
    pair_rows: Vec<u64>,
    pair_second: Vec<u32>,
    pair_samples: Vec<u64>,
    word_counts: Vec<u32>,
    lasts: Vec<u32>,
    pair_pages: Vec<Page>,
    /// (offset, length) of each large section, by tag.
    large: Vec<(Tag, u64, u64)>,
}

impl Raw {
    fn large(&self, tag: Tag) -> Result<(u64, u64), Error> {
        self.large
            .iter()
            .find(|l| l.0 == tag)
            .map(|l| (l.1, l.2))
            .ok_or_else(|| corrupt(format!("section {tag:?} missing")))
    }
}

fn page_table(bytes: &[u8]) -> Result<Vec<Page>, Error> {
    if !bytes.len().is_multiple_of(PAGE_ENTRY) {
        return Err(corrupt("page table length"));
    }
    bytes
        .chunks_exact(PAGE_ENTRY)
        .map(|e| {
            let single = read_u32(e, 12)?;
            Ok(Page {
                start: read_u64(e, 0)?,
                crc: read_u32(e, 8)?,
                single: single.checked_sub(1),
            })
        })
        .collect()
}

/// A file's trailer and section table, read and checked: sections inside
/// the file, in file order, none overlapping or twice.
struct Table {
    trailer: [u8; TRAILER],
    table: Vec<u8>,
    table_at: u64,
    /// (tag, offset, length), by offset.
    sections: Vec<(u32, u64, u64)>,
}

fn read_table(file: &FileRef, len: u64) -> Result<Table, Error> {
    if len < 16 + TRAILER as u64 {
        return Err(corrupt("the file is truncated (no end marker)"));
    }
    let trailer_at = len - TRAILER as u64;
    let mut trailer = [0u8; TRAILER];
    file.read_at(trailer_at, &mut trailer)?;
    if &trailer[16..] != END {
        return Err(corrupt("the file is truncated (no end marker)"));
    }
    let table_at = read_u64(&trailer, 0)?;
    if table_at < 16 || table_at.checked_add(8).is_none_or(|end| end > trailer_at) {
        return Err(corrupt("table offset"));
    }
    let table_len = usize::try_from(trailer_at - table_at).map_err(|_| corrupt("table"))?;
    if table_len > 8 + 24 * 64 {
        return Err(corrupt("section table"));
    }
    let mut table = vec![0u8; table_len];
    file.read_at(table_at, &mut table)?;
    let count = read_u32(&table, 0)? as usize;
    if 8 + 24 * count != table_len {
        return Err(corrupt("section table"));
    }
    let mut sections: Vec<(u32, u64, u64)> = Vec::with_capacity(count);
    for i in 0..count {
        let e = &table[8 + i * 24..8 + i * 24 + 24];
        let (tag, at, n) = (read_u32(e, 0)?, read_u64(e, 8)?, read_u64(e, 16)?);
        let end = at.checked_add(n).ok_or_else(|| corrupt("section length"))?;
        if at < 16 || end > table_at {
            return Err(corrupt(format!("section {tag} outside the file")));
        }
        sections.push((tag, at, n));
    }
    sections.sort_unstable_by_key(|s| s.1);
    if sections.windows(2).any(|w| w[0].1 + w[0].2 > w[1].1) {
        return Err(corrupt("sections overlap"));
    }
    if (1..sections.len()).any(|i| sections[..i].iter().any(|s| s.0 == sections[i].0)) {
        return Err(corrupt("a section appears twice"));
    }
    Ok(Table {
        trailer,
        table,
        table_at,
        sections,
    })
}

/// Reads and validates the small sections of a store file of `len` bytes.
fn read(file: Arc<FileRef>, len: u64) -> Result<Parts, Error> {
    let mut st = Stream {
        file: &file,
        crc: crc32fast::Hasher::new(),
        at: 0,
        len,
    };
    if len < 16 {
        return Err(Error::NotAStore);
    }
    let header = st.bytes(16)?;
    if &header[..8] != MAGIC {
        return Err(Error::NotAStore);
    }
    let version = read_u32(&header, 8)?;
    // Earlier versions are not read: converting one would mean reading
    // all of it, and rebuilding from the sources costs the same.
    if version > FORMAT_VERSION || (1..FORMAT_VERSION).contains(&version) {
        return Err(Error::UnsupportedVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if version == 0 {
        return Err(corrupt("format version 0"));
    }
    // The trailer and the table first (at the end), then the sections in
    // file order.
    let Table {
        trailer,
        table,
        table_at,
        sections,
    } = read_table(&file, len)?;
    let crc = read_u32(&trailer, 12)?;
    st.at = 16;
    let mut raw = Raw::default();
    for &(tag, at, n) in &sections {
        st.skip_to(at)?;
        let tag = Tag::from_u32(tag).ok_or_else(|| corrupt(format!("unknown section {tag}")))?;
        if tag.is_large() {
            raw.large.push((tag, at, n));
            st.at = at + n;
            continue;
        }
        let n = usize::try_from(n).map_err(|_| corrupt("section length"))?;
        let le32 = u32::from_le_bytes;
        let le64 = u64::from_le_bytes;
        match tag {
            Tag::Meta => raw.meta = st.items(n, le64)?,
            Tag::VocabOffsets => raw.vocab_offsets = st.items(n, le64)?,
            Tag::VocabBytes => raw.vocab_bytes = st.bytes(n)?,
            Tag::Sources => raw.records = Some(st.bytes(n)?),
            Tag::TextBlocks => raw.text_blocks = st.items(n, le32)?,
            Tag::Checkpoints => {
                raw.checkpoints = st.items(n, |b: [u8; 12]| {
                    let le32 = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
                    Checkpoint {
                        word: le32(0),
                        at: le32(4),
                        state: le32(8),
                    }
                })?
            }
            Tag::PairRows => raw.pair_rows = st.items(n, le64)?,
            Tag::PairSecond => raw.pair_second = st.items(n, le32)?,
            Tag::PairSamples => raw.pair_samples = st.items(n, le64)?,
            Tag::WordCounts => raw.word_counts = st.items(n, le32)?,
            Tag::Lasts => raw.lasts = st.items(n, le32)?,
            Tag::PairPages => raw.pair_pages = page_table(&st.bytes(n)?)?,
            _ => return Err(corrupt(format!("section {tag:?} out of place"))),
        }
    }
    st.skip_to(table_at)?;
    st.crc.update(&table);
    st.crc.update(&trailer[..12]);
    if st.crc.clone().finalize() != crc {
        return Err(corrupt("checksum mismatch"));
    }
    if read_u32(&trailer, 8)? != 0 {
        return Err(corrupt("reserved field"));
    }
    assemble(raw, file)
}

/// Checks what was read and puts the store's parts together.
fn assemble(mut raw: Raw, file: Arc<FileRef>) -> Result<Parts, Error> {
    let [word_count, vocab_len, source_count] = raw.meta[..] else {
        return Err(corrupt("meta section"));
    };
    let n = usize::try_from(word_count)
        .ok()
        .filter(|&n| n < u32::MAX as usize)
        .ok_or_else(|| corrupt("word count"))?;

    // Vocabulary.
    let offsets = std::mem::take(&mut raw.vocab_offsets);
    let vocab_bytes =
        std::str::from_utf8(&raw.vocab_bytes).map_err(|_| corrupt("vocabulary is not UTF-8"))?;
    if vocab_len.checked_add(1) != Some(offsets.len() as u64) {
        return Err(corrupt("vocabulary size"));
    }
    let mut vocab = Vec::with_capacity(offsets.len().saturating_sub(1));
    for w in offsets.windows(2) {
        let (s, e) = (w[0] as usize, w[1] as usize);
        let word = vocab_bytes
            .get(s..e)
            .ok_or_else(|| corrupt("vocabulary offsets"))?;
        vocab.push(word.to_string());
    }

    // Sources: their records, their texts' blocks.
    let records = raw
        .records
        .as_deref()
        .ok_or_else(|| corrupt("section Sources missing"))?;
    if !raw.text_blocks.len().is_multiple_of(3) {
        return Err(corrupt("text blocks section"));
    }
    let (texts_at, texts_len) = raw.large(Tag::Texts)?;
    let mut r = Reader { b: records, at: 0 };
    let mut sources = Vec::new();
    let mut text_at = 0u64;
    let mut next_word = 0u32;
    let mut blocks = raw.text_blocks.as_slice();
    let all_checkpoints = Arc::new(std::mem::take(&mut raw.checkpoints));
    let mut checkpoints = 0..all_checkpoints.len();
    for _ in 0..source_count {
        let (mut src, len, count) = decode_source(&mut r)?;
        let own = take_checkpoints(
            &all_checkpoints,
            &mut checkpoints,
            count,
            len,
            src.words.len(),
        )
        .ok_or_else(|| corrupt(format!("source {:?}: checkpoints", src.doc.id)))?;
        src.checkpoints = crate::build::Checkpoints::shared(&all_checkpoints, own);
        let own = text_blocks(&mut blocks, len, texts_at + text_at)?;
        let packed: u64 = own.iter().map(|b| b.piece.len).sum();
        if text_at
            .checked_add(packed)
            .is_none_or(|end| end > texts_len)
        {
            return Err(corrupt("a text runs past the texts"));
        }
        src.lazy_text = Some(StoredText::new(file.clone(), len, own));
        text_at += packed;
        if src.words.start != next_word || src.words.end < src.words.start {
            return Err(corrupt(format!("source {:?}: word range", src.doc.id)));
        }
        next_word = src.words.end;
        sources.push(src);
    }
    if text_at != texts_len
        || r.at != records.len()
        || !blocks.is_empty()
        || !checkpoints.is_empty()
    {
        return Err(corrupt("source records and texts differ"));
    }
    if next_word as usize != n {
        return Err(corrupt("sources do not cover the words"));
    }

    // Index.
    let blob = |tag: Tag, pages: Vec<Page>| -> Result<Blob, Error> {
        let (at, len) = raw.large(tag)?;
        PagedBytes::new(file.clone(), at, len, pages)
            .map(|p| Blob::Paged(Arc::new(p)))
            .ok_or_else(|| corrupt("a page table does not cover its lists"))
    };
    if !raw.lasts.len().is_multiple_of(2) {
        return Err(corrupt("array length"));
    }
    let index = Frozen {
        pair_bytes: blob(Tag::PairBytes, raw.pair_pages.clone())?,
        pair_rows: raw.pair_rows,
        pair_second: raw.pair_second,
        pair_samples: raw.pair_samples,
        word_counts: raw.word_counts,
        lasts: raw.lasts.chunks_exact(2).map(|c| (c[0], c[1])).collect(),
    };
    check_index(&index, n, vocab_len)?;
    Ok(Parts {
        vocab,
        sources,
        index: Index::from_frozen(index, n as u32),
    })
}

/// Takes a source's `count` checkpoints from the front of `left`, a range
/// of `all`, checked: in order, inside its `words` words and `text_len`
/// bytes, states that unpack. Returns their range.
fn take_checkpoints(
    all: &[Checkpoint],
    left: &mut Range<usize>,
    count: usize,
    text_len: u64,
    words: usize,
) -> Option<Range<usize>> {
    let end = left.start.checked_add(count).filter(|&e| e <= left.end)?;
    let own = left.start..end;
    left.start = end;
    let list = &all[own.clone()];
    let fits = |c: &Checkpoint| {
        (c.word as usize) < words
            && u64::from(c.at) < text_len
            && crate::build::State::unpack(c.state).is_some()
    };
    let ordered = list
        .windows(2)
        .all(|w| w[0].word < w[1].word && w[0].at < w[1].at);
    (ordered && list.iter().all(fits)).then_some(own)
}

/// Takes the blocks of a text of `len` bytes from the front of `blocks`
/// (three `u32` each: compressed length, text length, CRC-32), the first
/// at byte `at` of the file and each after the one before. Each must hold
/// 1 to [`TEXT_BLOCK`] bytes of text, together exactly `len`, and be long
/// enough to hold its text (LZ4 expands a byte at most 255 times), so a
/// text's memory is bounded by its part of the file.
fn text_blocks(blocks: &mut &[u32], len: u64, mut at: u64) -> Result<Vec<TextBlock>, Error> {
    let mut own = Vec::new();
    let mut start = 0u64;
    while start < len {
        let [packed, text, crc, ..] = **blocks else {
            return Err(corrupt("a text runs past the text blocks"));
        };
        *blocks = &blocks[3..];
        let fits = text > 0
            && text as usize <= TEXT_BLOCK
            && start + u64::from(text) <= len
            && u64::from(packed) * 255 + 16 >= u64::from(text);
        if !fits {
            return Err(corrupt("a text block's lengths"));
        }
        own.push(TextBlock {
            piece: Piece {
                at,
                len: u64::from(packed),
                crc,
            },
            start: start as u32,
            len: text,
        });
        start += u64::from(text);
        at += u64::from(packed);
    }
    Ok(own)
}

/// Recomputes every checksum of a store file in place from the file's own
/// (perhaps damaged) structure, as a crafted file would carry them: for
/// tests that damage a file and check that opening and searching it never
/// panic. Fails when the structure cannot be read.
#[doc(hidden)]
pub fn reseal(bytes: &mut [u8]) -> Result<(), Error> {
    let sections = seal_trailer(bytes)?;
    let parts = parse(bytes)?;
    let at = |tag: Tag| {
        sections
            .iter()
            .find(|s| s.0 == tag as u32)
            .map(|s| s.1 as usize)
            .ok_or_else(|| corrupt("section missing"))
    };
    // Offsets come from a structure `parse` checked, but this runs on
    // arbitrary bytes (fuzzing): a range off the end hashes as empty.
    let crc = |bytes: &[u8], at: u64, len: u64| {
        let range = usize::try_from(at)
            .ok()
            .zip(at.checked_add(len).and_then(|e| usize::try_from(e).ok()));
        crc32fast::hash(range.and_then(|(a, e)| bytes.get(a..e)).unwrap_or_default())
    };
    let table = at(Tag::TextBlocks)?;
    let blocks = parts
        .sources
        .iter()
        .filter_map(|src| src.lazy_text.as_ref())
        .flat_map(|t| t.blocks());
    for (k, block) in blocks.enumerate() {
        let v = crc(bytes, block.piece.at, block.piece.len);
        let o = table + 12 * k + 8;
        if let Some(slot) = bytes.get_mut(o..o + 4) {
            slot.copy_from_slice(&v.to_le_bytes());
        }
    }
    for (blob, table) in [(&parts.index.frozen.pair_bytes, at(Tag::PairPages)?)] {
        if let Blob::Paged(p) = blob {
            for (k, page) in p.pages().iter().enumerate() {
                let v = crc(
                    bytes,
                    p.file_offset() + page.start,
                    p.end_of(k) - page.start,
                );
                let o = table + PAGE_ENTRY * k + 8;
                if let Some(slot) = bytes.get_mut(o..o + 4) {
                    slot.copy_from_slice(&v.to_le_bytes());
                }
            }
        }
    }
    seal_trailer(bytes).map(|_| ())
}

/// Sets the trailer's checksum to match the file's small sections; returns
/// the sections (tag, offset, length).
fn seal_trailer(bytes: &mut [u8]) -> Result<Vec<(u32, u64, u64)>, Error> {
    let file = FileRef::new(Backing::Bytes(bytes.into()), "store bytes");
    let Table { sections, .. } = read_table(&file, bytes.len() as u64)?;
    let trailer = bytes.len() - TRAILER;
    let mut h = crc32fast::Hasher::new();
    let mut at = 0;
    for &(tag, s, n) in &sections {
        if Tag::from_u32(tag).is_some_and(Tag::is_large) {
            h.update(&bytes[at..s as usize]);
            at = (s + n) as usize;
        }
    }
    h.update(&bytes[at..trailer + 12]);
    let v = h.finalize();
    bytes[trailer + 12..trailer + 16].copy_from_slice(&v.to_le_bytes());
    Ok(sections)
}

/// The index's shape: rows in range and sorted, references inside the
/// list bytes. List contents are not decoded here (that would touch every
/// posting on open); decoding is bounded instead ([`crate::postings`]).
fn check_index(index: &Frozen, word_count: usize, vocab_len: u64) -> Result<(), Error> {
    let rows = index.pair_second.len() as u64;
    if index.pair_samples.len() != index.pair_second.len().div_ceil(PAIR_SAMPLE)
        || index.pair_samples.windows(2).any(|w| w[0] >= w[1])
        || index
            .pair_samples
            .last()
            .is_some_and(|&at| at >= index.pair_bytes.len() as u64)
        || index.pair_rows.len() as u64 > vocab_len.saturating_add(1)
        || index.pair_rows.first().is_some_and(|&r| r != 0)
        || index.pair_rows.last().map_or(rows != 0, |&r| r != rows)
        || index.pair_rows.windows(2).any(|w| w[0] > w[1])
        || index.word_counts.len() as u64 > vocab_len
        || index.lasts.windows(2).any(|w| w[0] > w[1])
        || index
            .lasts
            .iter()
            .any(|&(id, at)| u64::from(id) >= vocab_len || at as usize >= word_count)
    {
        return Err(corrupt("index rows"));
    }
    for w in index.pair_rows.windows(2) {
        let seconds = &index.pair_second[w[0] as usize..w[1] as usize];
        if seconds.windows(2).any(|p| p[0] >= p[1])
            || seconds.last().is_some_and(|&b| u64::from(b) >= vocab_len)
        {
            return Err(corrupt("index rows are not sorted"));
        }
    }
    Ok(())
}

fn read_u32(b: &[u8], at: usize) -> Result<u32, Error> {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or_else(|| corrupt("truncated number"))
}

fn read_u64(b: &[u8], at: usize) -> Result<u64, Error> {
    b.get(at..at + 8)
        .and_then(|s| s.try_into().ok())
        .map(u64::from_le_bytes)
        .ok_or_else(|| corrupt("truncated number"))
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], Error> {
        let end = self
            .at
            .checked_add(n)
            .ok_or_else(|| corrupt("source record"))?;
        let s = self
            .b
            .get(self.at..end)
            .ok_or_else(|| corrupt("source record truncated"))?;
        self.at = end;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, Error> {
        read_u32(self.take(4)?, 0)
    }

    fn string(&mut self) -> Result<String, Error> {
        let n = read_u64(self.take(8)?, 0)?;
        let n = usize::try_from(n).map_err(|_| corrupt("string length"))?;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| corrupt("a string is not UTF-8"))
    }

    fn opt(&mut self) -> Result<Option<String>, Error> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err(corrupt("optional field")),
        }
    }

    /// A count of items of at least `item` bytes each, checked against what
    /// is left (so a damaged count cannot ask for a huge allocation).
    fn count(&mut self, item: usize) -> Result<usize, Error> {
        let n = self.u32()? as usize;
        if n.saturating_mul(item) > self.b.len() - self.at {
            return Err(corrupt("a count exceeds the record"));
        }
        Ok(n)
    }
}

/// A source record and its text's length (the text is read when used,
/// and the record's ranges checked against it then: see
/// [`Source::try_text`]).
fn decode_source(r: &mut Reader<'_>) -> Result<(Source, u64, usize), Error> {
    let id = r.string()?;
    let text_len = read_u64(r.take(8)?, 0)?;
    let valid_range = |s: u32, e: u32| s <= e && u64::from(e) <= text_len;
    let title = r.opt()?;
    let date = r.opt()?;
    let speaker = r.opt()?;
    let n = r.count(16)?;
    let mut labels = Vec::with_capacity(n);
    for _ in 0..n {
        labels.push((r.string()?, r.string()?));
    }
    let kind = match r.u8()? {
        0 => SourceKind::Auto,
        1 => SourceKind::Plain,
        2 => SourceKind::Transcript,
        _ => return Err(corrupt("source kind")),
    };
    let is_transcript = r.u8()? != 0;
    let n = r.count(8)?;
    let mut speakers = Vec::with_capacity(n);
    for _ in 0..n {
        speakers.push(r.string()?);
    }
    let bad = |what: &str| corrupt(format!("source {id:?}: {what}"));
    let n = r.count(20)?;
    let mut turns = Vec::with_capacity(n);
    for _ in 0..n {
        let (start, end, speaker, l0, l1) = (r.u32()?, r.u32()?, r.u32()?, r.u32()?, r.u32()?);
        if !valid_range(start, end) || !valid_range(l0, l1) {
            return Err(bad("turn range"));
        }
        let speaker = (speaker != u32::MAX).then_some(speaker);
        if speaker.is_some_and(|s| s as usize >= speakers.len()) {
            return Err(bad("turn speaker"));
        }
        turns.push(Turn {
            start,
            end,
            speaker,
            label: (l0, l1),
        });
    }
    let n = r.count(12)?;
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let (at, t0, t1) = (r.u32()?, r.u32()?, r.u32()?);
        if u64::from(at) > text_len || !valid_range(t0, t1) {
            return Err(bad("time stamp range"));
        }
        times.push(TimeMark { at, text: (t0, t1) });
    }
    let mut layout_ranges = || -> Result<Vec<Range<u32>>, Error> {
        let n = r.count(8)?;
        let mut ranges: Vec<Range<u32>> = Vec::with_capacity(n);
        for _ in 0..n {
            let (s, e) = (r.u32()?, r.u32()?);
            // Sorted and apart, as tokenizing steps over them in order.
            if !valid_range(s, e) || ranges.last().is_some_and(|p| p.end > s) {
                return Err(bad("layout range"));
            }
            ranges.push(s..e);
        }
        Ok(ranges)
    };
    let structure = layout_ranges()?;
    let editorial = layout_ranges()?;
    let checkpoints = r.u32()? as usize;
    let words = r.u32()?..r.u32()?;
    let mut doc = SourceDoc::new(id, String::new());
    doc.title = title;
    doc.date = date;
    doc.speaker = speaker;
    doc.speakers = labels;
    doc.kind = kind;
    let source = Source {
        doc,
        speakers,
        turns,
        times,
        structure,
        editorial,
        // Filled from the Checkpoints section (`checkpoints` of them).
        checkpoints: Default::default(),
        is_transcript,
        words,
        removed: false,
        lazy_text: None,
        char_index: OnceLock::new(),
    };
    Ok((source, text_len, checkpoints))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn a_failed_save_leaves_the_old_file_intact() {
        let dir = std::env::temp_dir().join(format!("qc-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("store.qcs");
        let mut store = Store::new();
        store
            .add(SourceDoc::new("a", "We will not raise taxes."))
            .unwrap();
        store.save(&path).unwrap();
        let old = std::fs::read(&path).unwrap();
        // A directory stands where the next save's temporary file would go.
        let next = SAVE_SEQ.load(std::sync::atomic::Ordering::Relaxed);
        let blocker = dir.join(temp_name("store.qcs", next));
        std::fs::create_dir_all(&blocker).unwrap();
        store
            .add(SourceDoc::new("b", "Something else entirely."))
            .unwrap();
        let err = store.save(&path).unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err:?}");
        assert_eq!(std::fs::read(&path).unwrap(), old);
        assert_eq!(Store::open(&path).unwrap().len(), 1);
        // The next attempt uses another name and goes through.
        store.save(&path).unwrap();
        assert_eq!(Store::open(&path).unwrap().len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Lists read from pages (long ones alone in theirs, counted from the
    /// page table) equal the lists in memory, for every pair and word.
    #[test]
    fn paged_lists_equal_the_lists_they_were_saved_from() {
        let mut store = Store::new();
        // "of the" 20,000 times (a list of several pages' length), other
        // pairs a few times each, in several sources.
        let mut docs = Vec::new();
        for s in 0..20 {
            let mut text = String::new();
            for i in 0..1000 {
                text.push_str(&format!("of the w{} x{} ", (i * 7 + s) % 97, i % 13));
            }
            docs.push(SourceDoc::new(format!("s{s}"), text));
        }
        store.add_many(docs).unwrap();
        let path = std::env::temp_dir().join(format!("qc-paged-{}.qcs", std::process::id()));
        store.save(&path).unwrap();
        let opened = Store::open(&path).unwrap();
        let Blob::Paged(pages) = &opened.index.frozen.pair_bytes else {
            panic!("an opened store's lists are paged");
        };
        assert!(pages.pages().iter().any(|p| p.single.is_some()));
        let n = store.vocab.words().len() as u32;
        for a in 0..n {
            let (m, o) = (store.index.word(a).unwrap(), opened.index.word(a).unwrap());
            assert_eq!(
                store.index.word_len(a).unwrap(),
                opened.index.word_len(a).unwrap()
            );
            assert_eq!(m, o);
            for b in 0..n {
                let m = store.index.bigram(a, b).unwrap();
                assert_eq!(m.len(), opened.index.bigram_len(a, b).unwrap(), "{a} {b}");
                let o = opened.index.bigram(a, b).unwrap();
                assert_eq!(m.iter().collect::<Vec<_>>(), o.iter().collect::<Vec<_>>());
            }
        }
        drop(opened);
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn a_failing_writer_is_an_error_not_a_panic() {
        struct Fails(usize);
        impl Write for Fails {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if self.0 < buf.len() {
                    return Err(std::io::Error::other("disk full"));
                }
                self.0 -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut store = Store::new();
        store
            .add(SourceDoc::new("a", "We will not raise taxes."))
            .unwrap();
        let view = View {
            store: &store,
            index: store.index.frozen(),
        };
        for budget in [0, 10, 100, 500] {
            assert!(write_to(Fails(budget), &view).is_err());
        }
    }
}
