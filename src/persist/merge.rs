//! Several store files into one, streamed: an archive too large to build in
//! memory at once is built in parts, each saved as a store file, and the
//! parts merged into the one file a single build would have written.
//!
//! The merged file is the file one build of all the parts' sources, in the
//! parts' order, writes — byte for byte (`tests/merge.rs`), because each
//! piece of the format is either local to a source or renumbered the way a
//! build numbers it:
//! - **vocabulary**: the first part's words, then each later part's words
//!   not seen before, in that part's order. A build numbers words by first
//!   occurrence, so a part's new words are already in first-occurrence order;
//! - **sources**: records as they are, their word positions moved past the
//!   parts before; checkpoints as they are (they count from their source's
//!   start); texts copied a compressed block at a time, each checked against
//!   its checksum on the way but not decompressed;
//! - **index**: for each first word, in the merged numbering, the pairs it
//!   begins in every part, their second words renumbered and sorted; a
//!   pair's lists from the parts end to end, positions moved (every
//!   position of a part lies past every one of the part before), re-encoded.
//!   Word counts add up; each source's last word is renumbered.
//!
//! Memory: what opening the parts reads (vocabularies, records, index rows,
//! checkpoints), their posting lists read in whole (the merged order visits
//! a part's first words in an order that is not its own, so they are read
//! once, in sequence, rather than page by page at random; about 0.45 bytes a
//! byte of text), and the merged rows. The merged lists go to a temporary
//! file beside the output, and texts pass a block at a time.

#![forbid(unsafe_code)]

use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::{
    FileWriter, Parts, SAVE_SEQ, Tag, corrupt, encode_source, folder_of, io_error, open,
    save_target, temp_name, write_and_rename, write_error,
};
use crate::error::Error;
use crate::fasthash::FxHashMap;
use crate::index::{Blob, Frozen};
use crate::paged::{Page, PageCutter};
use crate::postings::{self, List};
use crate::store::MAX_SOURCE_BYTES;

/// One store file being merged: what opening it read (its lists read in),
/// and where its words go.
struct Part {
    parts: Parts,
    /// Its word ids in the merged vocabulary, by its own id.
    ids: Vec<u32>,
    /// Its first words (those with rows), as (merged id, own id), by
    /// merged id.
    firsts: Vec<(u32, u32)>,
    /// The merged position of its first word.
    base: u32,
    /// How many words it holds.
    words: u32,
}

impl Part {
    fn index(&self) -> &Frozen {
        &self.parts.index.frozen
    }
}

/// Merges the store files `inputs`, in order, into one store file at
/// `output` (written atomically, as [`crate::Store::save`] writes). Returns
/// how many sources it holds.
pub(crate) fn merge_files(inputs: &[&Path], output: &Path) -> Result<usize, Error> {
    let mut parts = Vec::with_capacity(inputs.len());
    for path in inputs {
        // A damaged part is named: the merge may have many.
        let named = |e: Error| match e {
            Error::CorruptStore(m) => Error::CorruptStore(format!("{}: {m}", path.display())),
            e => e,
        };
        let mut p = open(path).map_err(named)?;
        p.index.load().map_err(named)?;
        parts.push(p);
    }
    check_ids(&parts)?;
    let (vocab, mut parts) = renumber(parts)?;
    place(&mut parts)?;

    let target = save_target(output);
    let dir = folder_of(&target);
    let spill = Spill::new(dir, &target)?;
    let mut lists = std::io::BufWriter::with_capacity(1 << 20, &spill.file);
    let (index, pages) =
        merge_index(&parts, vocab.len(), &mut lists).map_err(|e| write_error(&spill.path, e))?;
    lists.flush().map_err(|e| io_error(&spill.path, e))?;
    drop(lists);

    // The parts' lists are all in the merged ones now.
    for p in &mut parts {
        p.parts.index.frozen.pair_bytes = Blob::default();
    }
    let sources: usize = parts.iter().map(|p| p.parts.sources.len()).sum();
    write_and_rename(&target, dir, |w| {
        write_merged(w, &parts, &vocab, &index, &pages, &spill.file)
    })?;
    Ok(sources)
}

/// Writes the merged file: the parts' records and texts, the merged
/// vocabulary and index rows, and the merged lists from `lists`.
fn write_merged<W: Write>(
    w: W,
    parts: &[Part],
    vocab: &[(usize, usize)],
    index: &Frozen,
    pages: &[Page],
    mut lists: &std::fs::File,
) -> std::io::Result<()> {
    let sources = parts.iter().flat_map(|p| &p.parts.sources);
    let words: u64 = parts.iter().map(|p| u64::from(p.words)).sum();
    let vocab: Vec<&str> = vocab
        .iter()
        .map(|&(k, w)| parts[k].parts.vocab[w].as_str())
        .collect();
    let mut f = FileWriter::new(w)?;
    f.meta_and_vocab(words, sources.clone().count() as u64, &vocab)?;
    let mut records = Vec::new();
    for p in parts {
        for src in &p.parts.sources {
            let words = src.words.start + p.base..src.words.end + p.base;
            encode_source(&mut records, src, words);
        }
    }
    f.section(Tag::Sources, |s| s.put(&records))?;
    drop(records);
    f.index_rows(index, pages)?;
    let mut blocks = Vec::new();
    f.section(Tag::Texts, |s| {
        for src in sources.clone() {
            let text = src.lazy_text.as_ref().ok_or_else(|| {
                std::io::Error::other(corrupt("a source's text is not in its file"))
            })?;
            for (k, block) in text.blocks().iter().enumerate() {
                let packed = text.packed_block(k).map_err(std::io::Error::other)?;
                blocks.push([packed.len() as u32, block.len, block.piece.crc]);
                s.put(&packed)?;
            }
        }
        Ok(())
    })?;
    f.section(Tag::PairBytes, |s| {
        lists.seek(std::io::SeekFrom::Start(0))?;
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = lists.read(&mut buf)?;
            if n == 0 {
                return Ok(());
            }
            s.put(&buf[..n])?;
        }
    })?;
    f.blocks_and_checkpoints(&blocks, sources.flat_map(|src| src.checkpoints.iter()))?;
    f.finish()
}

/// No source id in two parts.
fn check_ids(parts: &[Parts]) -> Result<(), Error> {
    let mut seen = std::collections::HashSet::new();
    for src in parts.iter().flat_map(|p| &p.sources) {
        if !seen.insert(src.doc.id.as_str()) {
            return Err(Error::DuplicateSourceId(src.doc.id.clone()));
        }
    }
    Ok(())
}

/// The merged vocabulary, as (part, its word id) for each merged id, and
/// each part with its ids renumbered.
#[allow(clippy::type_complexity)]
fn renumber(parts: Vec<Parts>) -> Result<(Vec<(usize, usize)>, Vec<Part>), Error> {
    let mut vocab: Vec<(usize, usize)> = Vec::new();
    let mut known: FxHashMap<&str, u32> = FxHashMap::default();
    let mut all_ids = Vec::with_capacity(parts.len());
    for (k, p) in parts.iter().enumerate() {
        let mut ids = Vec::with_capacity(p.vocab.len());
        for (w, word) in p.vocab.iter().enumerate() {
            let id = *known.entry(word.as_str()).or_insert_with(|| {
                vocab.push((k, w));
                (vocab.len() - 1) as u32
            });
            ids.push(id);
        }
        all_ids.push(ids);
    }
    if vocab.len() >= u32::MAX as usize {
        return Err(corrupt("the merged vocabulary does not fit 32-bit ids"));
    }
    drop(known);
    let parts = parts
        .into_iter()
        .zip(all_ids)
        .map(|(parts, ids)| {
            let mut firsts: Vec<(u32, u32)> = (0..parts.index.frozen.firsts())
                .filter_map(|old| Some((*ids.get(old)?, old as u32)))
                .collect();
            firsts.sort_unstable();
            Part {
                parts,
                ids,
                firsts,
                base: 0,
                words: 0,
            }
        })
        .collect();
    Ok((vocab, parts))
}

/// Each part's words after the parts before it; fails when they do not
/// fit the store's 32-bit positions.
fn place(parts: &mut [Part]) -> Result<(), Error> {
    let mut total = 0u64;
    for p in parts {
        let words = p.parts.sources.last().map_or(0, |s| s.words.end);
        p.base = total as u32;
        p.words = words;
        total += u64::from(words);
        if total >= u64::from(u32::MAX) {
            let src = p.parts.sources.last();
            return Err(Error::SourceTooLarge {
                id: src.map_or_else(String::new, |s| s.doc.id.clone()),
                len: src.map_or(0, |s| s.text_len()),
                limit: MAX_SOURCE_BYTES,
            });
        }
    }
    Ok(())
}

/// The merged index: its rows, counts and last words, and the page table
/// of its lists, which go to `lists` as they are made.
fn merge_index(
    parts: &[Part],
    vocab_len: usize,
    lists: &mut impl Write,
) -> std::io::Result<(Frozen, Vec<Page>)> {
    let bad = |what: &str| std::io::Error::other(corrupt(what));
    let mut out = Frozen {
        word_counts: word_counts(parts),
        ..Frozen::default()
    };
    // Every position of a part is past every one of the part before: a
    // stable sort by word keeps each word's positions ascending.
    out.lasts = parts
        .iter()
        .flat_map(|p| {
            let ids = &p.ids;
            let index = p.index();
            index.lasts.iter().map(move |&(id, at)| {
                let id = ids.get(id as usize).copied().unwrap_or(u32::MAX);
                (id, at + p.base)
            })
        })
        .collect();
    if out.lasts.iter().any(|l| l.0 == u32::MAX) {
        return Err(bad("a last word outside the vocabulary"));
    }
    out.lasts.sort_by_key(|l| l.0);

    let mut cursors = vec![0usize; parts.len()];
    let mut pairs: Vec<(u32, u32, List<'_>)> = Vec::new();
    let mut positions: Vec<u32> = Vec::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut cutter = PageCutter::default();
    let mut at = 0u64;
    for a in 0..vocab_len as u32 {
        pairs.clear();
        for (k, p) in parts.iter().enumerate() {
            let Some(&(_, old)) = p.firsts.get(cursors[k]).filter(|f| f.0 == a) else {
                continue;
            };
            cursors[k] += 1;
            p.index()
                .each_pair_of(old, p.words, |b, list| {
                    let b = p.ids.get(b as usize).copied().unwrap_or(u32::MAX);
                    pairs.push((b, k as u32, list));
                })
                .map_err(std::io::Error::other)?;
        }
        // By second word, then part: each pair's lists in position order.
        pairs.sort_unstable_by_key(|e| (e.0, e.1));
        for same in pairs.chunk_by(|x, y| x.0 == y.0) {
            let b = same[0].0;
            if b == u32::MAX {
                return Err(bad("a pair's second word outside the vocabulary"));
            }
            positions.clear();
            for &(_, k, list) in same {
                let base = parts[k as usize].base;
                let before = positions.len();
                positions.extend(list.iter().map(|p| p + base));
                if positions.len() - before != list.len() {
                    return Err(bad("a posting list is damaged"));
                }
            }
            out.push_row(a as usize, b, at);
            bytes.clear();
            postings::encode_at_end(&mut bytes, &positions, false);
            cutter.list(&bytes, || positions.len() as u32);
            lists.write_all(&bytes)?;
            at += bytes.len() as u64;
        }
    }
    out.close_rows();
    Ok((out, cutter.finish()))
}

/// Each merged word's count: the sum of its counts in the parts (as long
/// as the longest part's counts reach, renumbered).
fn word_counts(parts: &[Part]) -> Vec<u32> {
    let len = parts
        .iter()
        .flat_map(|p| p.ids.iter().take(p.index().word_counts.len()))
        .map(|&id| id as usize + 1)
        .max()
        .unwrap_or(0);
    let mut counts = vec![0u32; len];
    for p in parts {
        for (&id, &c) in p.ids.iter().zip(&p.index().word_counts) {
            counts[id as usize] = counts[id as usize].saturating_add(c);
        }
    }
    counts
}

/// The temporary file the merged lists wait in (the file's lists section
/// comes after the texts, its page table before them); removed when dropped.
struct Spill {
    path: PathBuf,
    file: std::fs::File,
}

impl Spill {
    fn new(dir: &Path, target: &Path) -> Result<Spill, Error> {
        let name = target
            .file_name()
            .map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
        let seq = SAVE_SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = dir.join(format!("{}.lists", temp_name(&name, seq)));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| io_error(&path, e))?;
        Ok(Spill { path, file })
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
