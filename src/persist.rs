//! The store file: a versioned binary format with a checksum.
//!
//! ```text
//! offset 0   "QCSTORE\0"                      magic
//!        8   u32 format version (3), u32 0
//!       16   sections, each 8-byte aligned    (little-endian throughout)
//!      ...   table: u32 count, u32 0, then per section
//!                   u32 tag, u32 0, u64 offset, u64 length
//! end - 24   u64 table offset, u32 0, u32 CRC-32 of every byte before
//!            it, "QCSTEND\0"
//! ```
//!
//! Sections hold flat arrays (word ids, packed byte spans, flags, the
//! vocabulary as offsets into one string), the per-source records (ids,
//! metadata, speaker turns, each text's length) followed directly by the
//! texts, and the frozen index exactly as [`crate::index`] holds it in
//! memory (pair rows by first word, second words, sampled list offsets,
//! the delta-coded lists of [`crate::postings`]).
//!
//! Opening reads the trailer and the table, then the sections in file
//! order, each straight into the array that keeps it (fixed-size items
//! converted 64 KiB at a time) and each text straight into its own string,
//! with the checksum computed as the bytes pass: no copy of the whole file
//! is ever held. It then validates every invariant the search relies on
//! (ranges inside their texts and on char boundaries, ids inside the
//! vocabulary, index rows sorted and list references inside the list
//! bytes; list contents decode bounded by the word count, and word ranges
//! are checked against their text where a search uses them), so a damaged
//! or crafted file gives an error, or fewer positions, never a panic or an
//! out-of-bounds read; no allocation is larger than the file.
//!
//! Version history: 1 stored posting lists as plain `u32` arrays with
//! sorted `u64` keys; 2 stored them delta-coded, grouped by first word,
//! with single-word lists past [`crate::index::LONGEST_WORD_LIST`] as
//! counts only; 3 (this one) moves the texts out of the source records into
//! a section of their own. Files of versions 1 and 2 are refused with
//! [`Error::UnsupportedVersion`]; rebuild them from their sources.
//!
//! Saving writes a temporary file beside the target, syncs it, renames it
//! over the target and syncs the directory: a crash at any point leaves
//! either the old file or the new one.

#![forbid(unsafe_code)]

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use crate::error::Error;
use crate::index::{Frozen, Index, PAIR_SAMPLE};
use crate::postings;
use crate::source::{Source, SourceDoc, SourceKind, TimeMark, Turn};
use crate::spans::Spans;

const MAGIC: &[u8; 8] = b"QCSTORE\0";
const END: &[u8; 8] = b"QCSTEND\0";
/// The format this version writes and reads.
pub const FORMAT_VERSION: u32 = 3;
const TRAILER: usize = 24;

#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Meta = 1,
    VocabOffsets = 2,
    VocabBytes = 3,
    Sources = 4,
    WordIds = 5,
    Flags = 7,
    PairRows = 14,
    PairSecond = 15,
    WordLists = 17,
    ListBytes = 18,
    SpanBase = 19,
    SpanCodes = 20,
    SpanEscapes = 21,
    PairSamples = 22,
    PairBytes = 23,
    Texts = 24,
}

impl Tag {
    const ALL: [Tag; 16] = [
        Tag::Meta,
        Tag::VocabOffsets,
        Tag::VocabBytes,
        Tag::Sources,
        Tag::Texts,
        Tag::WordIds,
        Tag::Flags,
        Tag::SpanBase,
        Tag::SpanCodes,
        Tag::SpanEscapes,
        Tag::PairRows,
        Tag::PairSecond,
        Tag::PairSamples,
        Tag::PairBytes,
        Tag::WordLists,
        Tag::ListBytes,
    ];

    fn from_u32(v: u32) -> Option<Tag> {
        Tag::ALL.into_iter().find(|t| *t as u32 == v)
    }
}

/// Everything a store holds, by value, as the file stores it.
pub(crate) struct Parts {
    pub vocab: Vec<String>,
    pub sources: Vec<Source>,
    pub word_ids: Vec<u32>,
    pub spans: Spans,
    pub flags: Vec<u8>,
    pub index: Index,
}

/// What to write: borrowed from a store.
pub(crate) struct View<'a> {
    pub vocab: &'a [Box<str>],
    pub sources: &'a [Source],
    pub word_ids: &'a [u32],
    pub spans: &'a Spans,
    pub flags: &'a [u8],
    pub index: std::borrow::Cow<'a, Frozen>,
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Writes a store file atomically.
pub(crate) fn save(path: &Path, view: &View<'_>) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
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
        write_to(&mut w, view).map_err(|e| io_error(&tmp, e))?;
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

/// Counts bytes and checksums them on the way to `inner`.
struct Sink<W> {
    inner: W,
    at: u64,
    crc: crc32fast::Hasher,
}

impl<W: Write> Sink<W> {
    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.crc.update(bytes);
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
}

/// Writes the whole file to `w` (exposed for the failure-injection test).
pub(crate) fn write_to<W: Write>(w: W, view: &View<'_>) -> std::io::Result<()> {
    let mut s = Sink {
        inner: w,
        at: 0,
        crc: crc32fast::Hasher::new(),
    };
    s.put(MAGIC)?;
    s.put(&FORMAT_VERSION.to_le_bytes())?;
    s.put(&0u32.to_le_bytes())?;
    let mut table: Vec<(Tag, u64, u64)> = Vec::new();
    macro_rules! section {
        ($tag:expr, $body:expr) => {{
            s.align()?;
            let start = s.at;
            $body;
            table.push(($tag, start, s.at - start));
        }};
    }
    section!(
        Tag::Meta,
        s.u64s([
            view.word_ids.len() as u64,
            view.vocab.len() as u64,
            view.sources.len() as u64
        ])?
    );
    let mut total = 0u64;
    let offsets = std::iter::once(0).chain(view.vocab.iter().map(|w| {
        total += w.len() as u64;
        total
    }));
    section!(Tag::VocabOffsets, s.u64s(offsets)?);
    section!(
        Tag::VocabBytes,
        for w in view.vocab {
            s.put(w.as_bytes())?;
        }
    );
    let mut records = Vec::new();
    for src in view.sources {
        encode_source(&mut records, src);
    }
    section!(Tag::Sources, s.put(&records)?);
    // Right after the records, so a reader can read each text straight
    // into its own string as it decodes the records.
    section!(
        Tag::Texts,
        for src in view.sources {
            s.put(src.doc.text.as_bytes())?;
        }
    );
    section!(Tag::WordIds, s.u32s(view.word_ids.iter().copied())?);
    section!(Tag::SpanBase, s.u32s(view.spans.base.iter().copied())?);
    section!(
        Tag::SpanCodes,
        s.items(view.spans.codes.iter().map(|c| c.to_le_bytes()))?
    );
    section!(
        Tag::SpanEscapes,
        s.u32s(view.spans.escapes.iter().flat_map(|&(p, a, b)| [p, a, b]))?
    );
    section!(Tag::Flags, s.put(view.flags)?);
    let index = &view.index;
    section!(Tag::PairRows, s.u64s(index.pair_rows.iter().copied())?);
    section!(Tag::PairSecond, s.u32s(index.pair_second.iter().copied())?);
    section!(
        Tag::PairSamples,
        s.u64s(index.pair_samples.iter().copied())?
    );
    section!(Tag::PairBytes, s.put(&index.pair_bytes)?);
    section!(Tag::WordLists, s.u64s(index.word_lists.iter().copied())?);
    section!(Tag::ListBytes, s.put(&index.bytes)?);
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

fn encode_source(out: &mut Vec<u8>, src: &Source) {
    let d = &src.doc;
    put_str(out, &d.id);
    // The text itself goes to the Texts section, in the same order.
    out.extend_from_slice(&(d.text.len() as u64).to_le_bytes());
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
    put_u32(out, src.structure.len() as u32);
    for r in &src.structure {
        put_u32(out, r.start);
        put_u32(out, r.end);
    }
    put_u32(out, src.words.start);
    put_u32(out, src.words.end);
}

fn corrupt(what: impl Into<String>) -> Error {
    Error::CorruptStore(what.into())
}

/// Reads a store file: each section straight into the array that keeps it
/// (no copy of the whole file), each text straight into its own string.
pub(crate) fn open(path: &Path) -> Result<Parts, Error> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let len = file.metadata().map_err(|e| io_error(path, e))?.len();
    read(file, len, &path.display().to_string())
}

/// Parses and validates the bytes of a store file.
pub(crate) fn parse(bytes: &[u8]) -> Result<Parts, Error> {
    read(
        std::io::Cursor::new(bytes),
        bytes.len() as u64,
        "store bytes",
    )
}

/// Sections of a file, read in file order with the checksum kept as they
/// pass.
struct Stream<R> {
    inner: R,
    crc: crc32fast::Hasher,
    at: u64,
    chunk: Vec<u8>,
    name: String,
}

impl<R: std::io::Read + std::io::Seek> Stream<R> {
    fn io(&self, e: std::io::Error) -> Error {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            corrupt("the file is shorter than its table says")
        } else {
            Error::Io {
                path: self.name.clone(),
                message: e.to_string(),
            }
        }
    }

    fn fill(&mut self, out: &mut [u8]) -> Result<(), Error> {
        self.inner.read_exact(out).map_err(|e| self.io(e))?;
        self.crc.update(out);
        self.at += out.len() as u64;
        Ok(())
    }

    fn bytes(&mut self, n: usize) -> Result<Vec<u8>, Error> {
        let mut v = vec![0u8; n];
        self.fill(&mut v)?;
        Ok(v)
    }

    /// Reads (and checksums) everything up to `at`.
    fn skip_to(&mut self, at: u64) -> Result<(), Error> {
        while self.at < at {
            let n = (at - self.at).min(1 << 16) as usize;
            let mut chunk = std::mem::take(&mut self.chunk);
            chunk.resize(n, 0);
            let r = self.fill(&mut chunk);
            self.chunk = chunk;
            r?;
        }
        Ok(())
    }

    /// A section of fixed-size little-endian items, converted a chunk at a
    /// time.
    fn items<const N: usize, T>(
        &mut self,
        len: usize,
        f: fn([u8; N]) -> T,
    ) -> Result<Vec<T>, Error> {
        if len % N != 0 {
            return Err(corrupt("array length"));
        }
        let mut out = Vec::with_capacity(len / N);
        let mut chunk = std::mem::take(&mut self.chunk);
        let mut left = len;
        let result = loop {
            if left == 0 {
                break Ok(());
            }
            let n = left.min((1 << 16) / N * N);
            chunk.resize(n, 0);
            if let Err(e) = self.fill(&mut chunk) {
                break Err(e);
            }
            out.extend(chunk.chunks_exact(N).map(|c| {
                let mut a = [0u8; N];
                a.copy_from_slice(c);
                f(a)
            }));
            left -= n;
        };
        self.chunk = chunk;
        result.map(|()| out)
    }
}

/// Everything the file's sections hold, as read.
#[derive(Default)]
struct Raw {
    meta: Vec<u64>,
    vocab_offsets: Vec<u64>,
    vocab_bytes: Vec<u8>,
    sources: Option<Vec<Source>>,
    word_ids: Vec<u32>,
    flags: Vec<u8>,
    span_base: Vec<u32>,
    span_codes: Vec<u16>,
    span_escapes: Vec<u32>,
    pair_rows: Vec<u64>,
    pair_second: Vec<u32>,
    pair_samples: Vec<u64>,
    pair_bytes: Vec<u8>,
    word_lists: Vec<u64>,
    list_bytes: Vec<u8>,
}

/// Reads and validates a store file of `len` bytes from `inner`.
fn read<R: std::io::Read + std::io::Seek>(inner: R, len: u64, name: &str) -> Result<Parts, Error> {
    use std::io::SeekFrom;
    let mut st = Stream {
        inner,
        crc: crc32fast::Hasher::new(),
        at: 0,
        chunk: Vec::new(),
        name: name.to_string(),
    };
    if len < 16 {
        return Err(Error::NotAStore);
    }
    let header = st.bytes(16)?;
    if &header[..8] != MAGIC {
        return Err(Error::NotAStore);
    }
    let version = read_u32(&header, 8)?;
    // Versions 1 and 2 are not read: no such file was released, and
    // converting one would mean parsing every posting.
    if version > FORMAT_VERSION || version == 1 || version == 2 {
        return Err(Error::UnsupportedVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if version == 0 {
        return Err(corrupt("format version 0"));
    }
    if len < 16 + TRAILER as u64 {
        return Err(corrupt("the file is truncated (no end marker)"));
    }
    // The trailer and the table first (at the end), then the sections in
    // file order.
    let seek = |st: &mut Stream<R>, to: u64| -> Result<(), Error> {
        st.inner.seek(SeekFrom::Start(to)).map_err(|e| st.io(e))?;
        Ok(())
    };
    let trailer_at = len - TRAILER as u64;
    seek(&mut st, trailer_at)?;
    let mut trailer = [0u8; TRAILER];
    st.inner.read_exact(&mut trailer).map_err(|e| st.io(e))?;
    if &trailer[16..] != END {
        return Err(corrupt("the file is truncated (no end marker)"));
    }
    let table_at = read_u64(&trailer, 0)?;
    let crc = read_u32(&trailer, 12)?;
    if table_at < 16 || table_at + 8 > trailer_at {
        return Err(corrupt("table offset"));
    }
    let table_len = usize::try_from(trailer_at - table_at).map_err(|_| corrupt("table"))?;
    if table_len > 8 + 24 * 64 {
        return Err(corrupt("section table"));
    }
    seek(&mut st, table_at)?;
    let mut table = vec![0u8; table_len];
    st.inner.read_exact(&mut table).map_err(|e| st.io(e))?;
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
    seek(&mut st, 16)?;
    st.at = 16;
    let mut raw = Raw::default();
    let mut records: Option<Vec<u8>> = None;
    for &(tag, at, n) in &sections {
        st.skip_to(at)?;
        let n = usize::try_from(n).map_err(|_| corrupt("section length"))?;
        let le32 = u32::from_le_bytes;
        let le64 = u64::from_le_bytes;
        match Tag::from_u32(tag) {
            Some(Tag::Meta) => raw.meta = st.items(n, le64)?,
            Some(Tag::VocabOffsets) => raw.vocab_offsets = st.items(n, le64)?,
            Some(Tag::VocabBytes) => raw.vocab_bytes = st.bytes(n)?,
            Some(Tag::Sources) => records = Some(st.bytes(n)?),
            Some(Tag::Texts) => {
                let records = records
                    .take()
                    .ok_or_else(|| corrupt("texts before their records"))?;
                let count = raw
                    .meta
                    .get(2)
                    .copied()
                    .ok_or_else(|| corrupt("meta section"))?;
                raw.sources = Some(read_sources(&mut st, &records, count, n)?);
            }
            Some(Tag::WordIds) => raw.word_ids = st.items(n, le32)?,
            Some(Tag::Flags) => raw.flags = st.bytes(n)?,
            Some(Tag::SpanBase) => raw.span_base = st.items(n, le32)?,
            Some(Tag::SpanCodes) => raw.span_codes = st.items(n, u16::from_le_bytes)?,
            Some(Tag::SpanEscapes) => raw.span_escapes = st.items(n, le32)?,
            Some(Tag::PairRows) => raw.pair_rows = st.items(n, le64)?,
            Some(Tag::PairSecond) => raw.pair_second = st.items(n, le32)?,
            Some(Tag::PairSamples) => raw.pair_samples = st.items(n, le64)?,
            Some(Tag::PairBytes) => raw.pair_bytes = st.bytes(n)?,
            Some(Tag::WordLists) => raw.word_lists = st.items(n, le64)?,
            Some(Tag::ListBytes) => raw.list_bytes = st.bytes(n)?,
            None => return Err(corrupt(format!("unknown section {tag}"))),
        }
        if st.at != at + n as u64 {
            return Err(corrupt("a section's contents do not fill it"));
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
    assemble(raw)
}

/// Decodes `count` source records, reading each text from the Texts
/// section (`texts_len` bytes, next in the stream) as its record asks.
fn read_sources<R: std::io::Read + std::io::Seek>(
    st: &mut Stream<R>,
    records: &[u8],
    count: u64,
    texts_len: usize,
) -> Result<Vec<Source>, Error> {
    let mut r = Reader { b: records, at: 0 };
    let mut left = texts_len;
    let mut sources = Vec::new();
    for _ in 0..count {
        let src = decode_source(&mut r, &mut |n| {
            if n > left {
                return Err(corrupt("a text runs past the texts"));
            }
            left -= n;
            String::from_utf8(st.bytes(n)?).map_err(|_| corrupt("a text is not UTF-8"))
        })?;
        sources.push(src);
    }
    if left != 0 || r.at != records.len() {
        return Err(corrupt("source records and texts differ"));
    }
    Ok(sources)
}

/// Checks what was read and puts the store's parts together.
fn assemble(raw: Raw) -> Result<Parts, Error> {
    let [word_count, vocab_len, _] = raw.meta[..] else {
        return Err(corrupt("meta section"));
    };
    let word_count = usize::try_from(word_count).map_err(|_| corrupt("word count"))?;

    // Vocabulary.
    let offsets = raw.vocab_offsets;
    let vocab_bytes =
        std::str::from_utf8(&raw.vocab_bytes).map_err(|_| corrupt("vocabulary is not UTF-8"))?;
    if offsets.len() as u64 != vocab_len + 1 {
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

    // Sources.
    let sources = raw
        .sources
        .ok_or_else(|| corrupt("section Texts missing"))?;
    let mut next_word = 0u32;
    for src in &sources {
        if src.words.start != next_word || src.words.end < src.words.start {
            return Err(corrupt(format!("source {:?}: word range", src.doc.id)));
        }
        next_word = src.words.end;
    }
    if next_word as usize != word_count {
        return Err(corrupt("sources do not cover the words"));
    }

    // Word arrays.
    let word_ids = raw.word_ids;
    let flags = raw.flags;
    if raw.span_escapes.len() % 3 != 0 {
        return Err(corrupt("array length"));
    }
    let escapes = raw
        .span_escapes
        .chunks_exact(3)
        .map(|c| (c[0], c[1], c[2]))
        .collect();
    // Each range is checked against its text where a search uses it (see
    // `check`): checking all of them here would touch every word on open.
    let spans = Spans::from_parts(raw.span_base, raw.span_codes, escapes)
        .ok_or_else(|| corrupt("word spans"))?;
    if word_ids.len() != word_count || spans.len() != word_count || flags.len() != word_count {
        return Err(corrupt("word arrays differ in length"));
    }
    if word_ids.iter().any(|&id| id as u64 >= vocab_len) {
        return Err(corrupt("a word id is outside the vocabulary"));
    }

    // Index.
    let index = Frozen {
        pair_rows: raw.pair_rows,
        pair_second: raw.pair_second,
        pair_samples: raw.pair_samples,
        pair_bytes: raw.pair_bytes,
        word_lists: raw.word_lists,
        bytes: raw.list_bytes,
    };
    check_index(&index, word_count, vocab_len)?;
    let bound = u32::try_from(word_count).map_err(|_| corrupt("word count"))?;

    Ok(Parts {
        vocab,
        sources,
        word_ids,
        spans,
        flags,
        index: Index::from_frozen(index, bound),
    })
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
        || index.pair_rows.len() as u64 > vocab_len + 1
        || index.pair_rows.first().is_some_and(|&r| r != 0)
        || index.pair_rows.last().map_or(rows != 0, |&r| r != rows)
        || index.pair_rows.windows(2).any(|w| w[0] > w[1])
        || index.word_lists.len() as u64 > vocab_len
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
    let list_ok = |r: u64| {
        if r == postings::NONE {
            true
        } else if r & postings::INLINE != 0 {
            r >> 32 == postings::INLINE >> 32 && (r as u32 as usize) < word_count
        } else {
            r < index.bytes.len() as u64
        }
    };
    if !index.word_lists.iter().all(|&r| list_ok(r)) {
        return Err(corrupt("an index list is outside the index"));
    }
    Ok(())
}

fn valid_range(text: &str, s: u32, e: u32) -> bool {
    let (s, e) = (s as usize, e as usize);
    s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
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

fn decode_source(
    r: &mut Reader<'_>,
    text_of: &mut dyn FnMut(usize) -> Result<String, Error>,
) -> Result<Source, Error> {
    let id = r.string()?;
    let n = read_u64(r.take(8)?, 0)?;
    let text = text_of(usize::try_from(n).map_err(|_| corrupt("text length"))?)?;
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
        if !valid_range(&text, start, end) || !valid_range(&text, l0, l1) {
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
        if at as usize > text.len() || !valid_range(&text, t0, t1) {
            return Err(bad("time stamp range"));
        }
        times.push(TimeMark { at, text: (t0, t1) });
    }
    let n = r.count(8)?;
    let mut structure: Vec<Range<u32>> = Vec::with_capacity(n);
    for _ in 0..n {
        let (s, e) = (r.u32()?, r.u32()?);
        if !valid_range(&text, s, e) {
            return Err(bad("layout range"));
        }
        structure.push(s..e);
    }
    let words = r.u32()?..r.u32()?;
    let mut doc = SourceDoc::new(id, text);
    doc.title = title;
    doc.date = date;
    doc.speaker = speaker;
    doc.speakers = labels;
    doc.kind = kind;
    Ok(Source {
        doc,
        speakers,
        turns,
        times,
        structure,
        is_transcript,
        words,
        removed: false,
    })
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
            vocab: store.vocab.words(),
            sources: store.sources_raw(),
            word_ids: &store.word_ids,
            spans: &store.spans,
            flags: &store.flags,
            index: store.index.frozen(),
        };
        for budget in [0, 10, 100, 500] {
            assert!(write_to(Fails(budget), &view).is_err());
        }
    }
}
