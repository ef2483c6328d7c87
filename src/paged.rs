//! Parts of a store file read when first used, each checked on its way in.
//!
//! Opening a store reads only what every search needs at once (the
//! vocabulary, the source records, the index's rows); the large parts, the
//! texts and the posting lists, stay in the file and are
//! read piece by piece, each piece with its own CRC-32, the first time a
//! search or a caller asks for it. A piece, once read, is kept (in a
//! [`OnceLock`], so threads sharing a store share what has been read), so
//! a long-lived store converges to the fully read one, while opening a
//! store of any size costs a few reads.
//!
//! This is what a memory map would give, without `unsafe`: a mapped file
//! can change underneath the program (and Rust's references assume it
//! cannot), while a piece read here is a private copy, checked against its
//! checksum before any of it is used. A file damaged after opening gives
//! [`Error::CorruptStore`] where the damage is read, never a wrong answer.
//!
//! Pieces are: one per source for its text and for each of its word
//! arrays (so a search window, which never leaves its source, reads one
//! piece per array), and pages of about [`PAGE_BYTES`] of posting lists,
//! cut at list boundaries (so a list never straddles two pages). A list
//! longer than a page is a page of its own, and stepping over it needs
//! only the page table, not its bytes.

#![forbid(unsafe_code)]

use std::sync::{Arc, OnceLock};

use crate::error::Error;

/// The size at which a page of posting lists is cut (at the next list
/// boundary): one memory page, so a first search reads and touches little
/// it does not use (a first check at 1 GiB reads ~40 pages; at 16 KiB
/// their fresh memory made its p50 0.2 ms slower), while the page table
/// stays small (12 bytes a page: 1.5 MB at 1 GiB, read on open). Only the
/// writer cuts; a reader takes the table as the file gives it.
pub const PAGE_BYTES: usize = 4 << 10;

/// Where the pieces come from: an open file, or bytes in memory (for
/// [`crate::Store::from_bytes`]).
#[derive(Debug)]
pub(crate) enum Backing {
    File(std::fs::File),
    Bytes(Box<[u8]>),
}

/// A store file, shared by every piece read from it.
#[derive(Debug)]
pub(crate) struct FileRef {
    backing: Backing,
    name: String,
}

impl FileRef {
    pub fn new(backing: Backing, name: impl Into<String>) -> Arc<FileRef> {
        Arc::new(FileRef {
            backing,
            name: name.into(),
        })
    }

    /// Fills `out` from byte `at` of the file.
    pub fn read_at(&self, at: u64, out: &mut [u8]) -> Result<(), Error> {
        let io = |e: std::io::Error| {
            if e.kind() == std::io::ErrorKind::UnexpectedEof {
                Error::CorruptStore(format!(
                    "{}: a piece lies past the end of the file",
                    self.name
                ))
            } else {
                Error::Io {
                    path: self.name.clone(),
                    message: e.to_string(),
                }
            }
        };
        match &self.backing {
            Backing::Bytes(b) => {
                let s = usize::try_from(at)
                    .ok()
                    .and_then(|s| b.get(s..s.checked_add(out.len())?))
                    .ok_or_else(|| io(std::io::ErrorKind::UnexpectedEof.into()))?;
                out.copy_from_slice(s);
                Ok(())
            }
            Backing::File(f) => read_exact_at(f, at, out).map_err(io),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(unix)]
fn read_exact_at(f: &std::fs::File, at: u64, out: &mut [u8]) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, out, at)
}

#[cfg(windows)]
fn read_exact_at(f: &std::fs::File, mut at: u64, mut out: &mut [u8]) -> std::io::Result<()> {
    while !out.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(f, out, at) {
            Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                out = &mut out[n..];
                at += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A run of bytes in the file and the CRC-32 they must have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Piece {
    pub at: u64,
    pub len: u64,
    pub crc: u32,
}

impl Piece {
    /// Its bytes, checked.
    pub fn read(&self, file: &FileRef) -> Result<Vec<u8>, Error> {
        let len = usize::try_from(self.len)
            .map_err(|_| Error::CorruptStore(format!("{}: a piece too large", file.name)))?;
        let mut bytes = crate::error::try_zeroed(len, "a piece of a store file")?;
        file.read_at(self.at, &mut bytes)?;
        if crc32fast::hash(&bytes) != self.crc {
            return Err(Error::CorruptStore(format!(
                "{}: checksum mismatch in the {} bytes at {}",
                file.name, self.len, self.at
            )));
        }
        Ok(bytes)
    }
}

/// The value in `cell`, loaded by `load` the first time. Two threads asking
/// at once may both load; one result is kept.
pub(crate) fn get_or_load<T>(
    cell: &OnceLock<T>,
    load: impl FnOnce() -> Result<T, Error>,
) -> Result<&T, Error> {
    if let Some(v) = cell.get() {
        return Ok(v);
    }
    let v = load()?;
    Ok(cell.get_or_init(|| v))
}

/// One page of posting lists: where it starts in its section, its
/// checksum, and, when it holds one long list, that list's length (so the
/// list can be counted and stepped over without reading it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Page {
    pub start: u64,
    pub crc: u32,
    pub single: Option<u32>,
}

/// A section of posting lists in the file, read a page at a time.
#[derive(Debug)]
pub(crate) struct PagedBytes {
    file: Arc<FileRef>,
    /// Where the section starts in the file.
    at: u64,
    len: u64,
    pages: Vec<Page>,
    loaded: Vec<OnceLock<Box<[u8]>>>,
}

impl PagedBytes {
    /// A section of `len` bytes at `at`, cut into `pages`; `None` unless
    /// the pages tile the section (first at 0, ascending, none empty).
    pub fn new(file: Arc<FileRef>, at: u64, len: u64, pages: Vec<Page>) -> Option<PagedBytes> {
        let tiles = pages.first().is_none_or(|p| p.start == 0)
            && pages.windows(2).all(|w| w[0].start < w[1].start)
            && pages.last().is_none_or(|p| p.start < len)
            && (len == 0) == pages.is_empty();
        tiles.then(|| PagedBytes {
            file,
            at,
            len,
            loaded: pages.iter().map(|_| OnceLock::new()).collect(),
            pages,
        })
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    /// Where the section starts in the file.
    pub fn file_offset(&self) -> u64 {
        self.at
    }

    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// Where page `k` ends.
    pub fn end_of(&self, k: usize) -> u64 {
        self.pages.get(k + 1).map_or(self.len, |p| p.start)
    }

    /// The page holding byte `at`, if any.
    pub fn page_index(&self, at: u64) -> Option<usize> {
        if at >= self.len {
            return None;
        }
        Some(self.pages.partition_point(|p| p.start <= at) - 1)
    }

    /// Page `k`'s bytes, read and checked on first use.
    pub fn page(&self, k: usize) -> Result<&[u8], Error> {
        let (Some(piece), Some(cell)) = (self.piece(k), self.loaded.get(k)) else {
            return Err(Error::CorruptStore("no such index page".into()));
        };
        get_or_load(cell, || piece.read(&self.file).map(Vec::into_boxed_slice)).map(|b| &**b)
    }

    /// Where page `k` lies in the file.
    fn piece(&self, k: usize) -> Option<Piece> {
        let p = self.pages.get(k)?;
        Some(Piece {
            at: self.at + p.start,
            len: self.end_of(k) - p.start,
            crc: p.crc,
        })
    }

    /// Every byte of the section, in order (checked). Pages not read yet
    /// are not kept as pages too, so the section is in memory once.
    pub fn read_all(&self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(usize::try_from(self.len).unwrap_or(0));
        for (k, cell) in self.loaded.iter().enumerate() {
            match (cell.get(), self.piece(k)) {
                (Some(page), _) => out.extend_from_slice(page),
                (None, Some(piece)) => out.extend_from_slice(&piece.read(&self.file)?),
                (None, None) => return Err(Error::CorruptStore("no such index page".into())),
            }
        }
        Ok(out)
    }
}

/// Cuts lists into pages as they are written one after another, as
/// [`cut_pages`] cuts them laid out (it is built on this): a page closes
/// once it reaches [`PAGE_BYTES`], and a list that long is a page of its
/// own. A merge of store files writes its lists through one without
/// holding them.
#[derive(Default)]
pub(crate) struct PageCutter {
    pages: Vec<Page>,
    /// Where the page being filled starts, and the checksum of its bytes.
    open: Option<(u64, crc32fast::Hasher)>,
    /// Where the next list starts.
    at: u64,
}

impl PageCutter {
    /// The next list: its bytes, and how many positions it holds (asked
    /// only of a list long enough to be a page of its own).
    pub fn list(&mut self, bytes: &[u8], count: impl FnOnce() -> u32) {
        let (at, end) = (self.at, self.at + bytes.len() as u64);
        self.at = end;
        if bytes.len() >= PAGE_BYTES {
            self.close();
            self.pages.push(Page {
                start: at,
                crc: crc32fast::hash(bytes),
                single: Some(count()),
            });
            return;
        }
        let (start, crc) = self
            .open
            .get_or_insert_with(|| (at, crc32fast::Hasher::new()));
        crc.update(bytes);
        if end - *start >= PAGE_BYTES as u64 {
            self.close();
        }
    }

    fn close(&mut self) {
        if let Some((start, crc)) = self.open.take() {
            self.pages.push(Page {
                start,
                crc: crc.finalize(),
                single: None,
            });
        }
    }

    /// The page table of the lists given.
    pub fn finish(mut self) -> Vec<Page> {
        self.close();
        self.pages
    }
}

/// Cuts lists laid back to back in `bytes` into pages at list boundaries
/// (`next` gives the start of the list after the one at its argument,
/// `count` its length): a page closes once it reaches [`PAGE_BYTES`], and
/// a list longer than that is a page of its own. `None` when the lists do
/// not tile `bytes`.
pub(crate) fn cut_pages(
    bytes: &[u8],
    next: impl Fn(&[u8], usize) -> Option<usize>,
    count: impl Fn(&[u8], usize) -> u32,
) -> Option<Vec<Page>> {
    let mut cutter = PageCutter::default();
    let mut at = 0;
    while at < bytes.len() {
        let end = next(bytes, at).filter(|&e| e > at && e <= bytes.len())?;
        cutter.list(&bytes[at..end], || count(bytes, at));
        at = end;
    }
    Some(cutter.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lists of the given lengths, each starting with its length byte.
    fn lists(lens: &[usize]) -> Vec<u8> {
        let mut out = Vec::new();
        for &n in lens {
            out.extend(std::iter::repeat_n((n % 251) as u8, n));
        }
        out
    }

    fn steps(lens: &[usize]) -> impl Fn(&[u8], usize) -> Option<usize> + '_ {
        move |_, at| {
            let mut s = 0;
            for &n in lens {
                if s == at {
                    return Some(s + n);
                }
                s += n;
            }
            None
        }
    }

    fn len_at(lens: &[usize]) -> impl Fn(&[u8], usize) -> u32 + '_ {
        let next = steps(lens);
        move |b, at| next(b, at).map_or(0, |e| (e - at) as u32)
    }

    #[test]
    fn pages_tile_the_lists_and_never_split_one() {
        let p = PAGE_BYTES;
        let lens = [10, p + 100, 5, p / 2, p / 2 + 100, 3, p, 1];
        let bytes = lists(&lens);
        let pages = cut_pages(&bytes, steps(&lens), len_at(&lens)).unwrap();
        let starts: Vec<usize> = pages.iter().map(|p| p.start as usize).collect();
        // 10 | a long list alone | 5 + p/2 + (p/2 + 100) | 3 | p alone | 1
        let at = |i: usize| lens[..i].iter().sum::<usize>();
        assert_eq!(starts, [0, at(1), at(2), at(5), at(6), at(7)]);
        let single: Vec<Option<u32>> = pages.iter().map(|p| p.single).collect();
        let (long, page) = (Some((p + 100) as u32), Some(p as u32));
        assert_eq!(single, [None, long, None, None, page, None]);
        let file = FileRef::new(Backing::Bytes(bytes.clone().into()), "mem");
        let paged = PagedBytes::new(file, 0, bytes.len() as u64, pages).unwrap();
        assert_eq!(paged.read_all().unwrap(), bytes);
        assert_eq!(paged.page_index(at(2) as u64 - 1), Some(1));
        assert_eq!(paged.page_index(at(2) as u64), Some(2));
        assert_eq!(paged.page_index(bytes.len() as u64), None);
    }

    #[test]
    fn lists_that_do_not_tile_are_refused() {
        let bytes = lists(&[10, 20]);
        assert!(cut_pages(&bytes, steps(&[10, 25]), |_, _| 0).is_none());
        assert!(cut_pages(&bytes, |_, _| None, |_, _| 0).is_none());
        assert_eq!(cut_pages(&[], |_, _| None, |_, _| 0), Some(vec![]));
    }

    #[test]
    fn a_damaged_page_is_an_error_not_data() {
        let lens = [100, 200];
        let mut bytes = lists(&lens);
        let pages = cut_pages(&bytes, steps(&lens), len_at(&lens)).unwrap();
        bytes[150] ^= 1;
        let file = FileRef::new(Backing::Bytes(bytes.clone().into()), "mem");
        let paged = PagedBytes::new(file, 0, bytes.len() as u64, pages.clone()).unwrap();
        assert!(matches!(paged.page(0), Err(Error::CorruptStore(_))));
        // Pages that do not tile the section are refused.
        let file = FileRef::new(Backing::Bytes(bytes.into()), "mem");
        assert!(PagedBytes::new(file.clone(), 0, 0, pages.clone()).is_none());
        let mut unsorted = pages.clone();
        unsorted.push(pages[0]);
        assert!(PagedBytes::new(file, 0, 300, unsorted).is_none());
    }

    #[test]
    fn pieces_past_the_end_are_errors() {
        let file = FileRef::new(Backing::Bytes(vec![1, 2, 3].into()), "mem");
        let piece = Piece {
            at: 2,
            len: 5,
            crc: 0,
        };
        assert!(matches!(piece.read(&file), Err(Error::CorruptStore(_))));
        let piece = Piece {
            at: u64::MAX,
            len: 1,
            crc: 0,
        };
        assert!(piece.read(&file).is_err());
    }
}
