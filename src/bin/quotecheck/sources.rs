//! Reading sources into a store: files and folders (by the library's folder
//! rules), with progress on a terminal, and every problem said on stderr.

use std::path::PathBuf;

use quotecheck::folder::{SourceFile, SourceFiles, read_sources};
use quotecheck::{SourceDoc, Store};

/// Files, bytes and rate while a store is built, on a terminal only.
pub struct Progress {
    tty: bool,
    started: std::time::Instant,
    shown: std::time::Instant,
    files: usize,
    bytes: usize,
}

impl Progress {
    pub fn new() -> Self {
        use std::io::IsTerminal;
        let now = std::time::Instant::now();
        Progress {
            tty: std::io::stderr().is_terminal(),
            started: now,
            shown: now,
            files: 0,
            bytes: 0,
        }
    }

    pub fn file(&mut self, bytes: usize) {
        self.files += 1;
        self.bytes += bytes;
        if self.tty && self.shown.elapsed().as_millis() >= 200 {
            self.shown = std::time::Instant::now();
            self.show();
        }
    }

    fn show(&self) {
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        eprint!(
            "\r{} files, {:.1} MB, {:.1} MB/s   ",
            self.files,
            self.bytes as f64 / 1e6,
            self.bytes as f64 / 1e6 / secs
        );
    }

    pub fn finish(&self) {
        if self.tty && self.files > 0 {
            self.show();
            eprintln!();
        }
    }
}

/// Reads every path's sources; errors and skipped entries go to stderr and
/// set `failed`.
pub fn read_all(paths: &[PathBuf], progress: &mut Progress, failed: &mut bool) -> Vec<SourceFile> {
    let mut files = Vec::new();
    for path in paths {
        let read = read_sources(path, |_, bytes| progress.file(bytes));
        report_unread(&read, failed);
        files.extend(read.files);
    }
    files
}

/// Says on stderr what was skipped and what could not be read (which sets
/// `failed`).
pub fn report_unread(read: &SourceFiles, failed: &mut bool) {
    for s in &read.skipped {
        eprintln!("quotecheck: skipped {}: {}", s.path.display(), s.reason);
    }
    for e in &read.errors {
        eprintln!("quotecheck: error: {e}");
        *failed = true;
    }
}

/// Adds the sources read, indexed in one pass ([`Store::add_many`]); a
/// source that cannot be added is reported with its file and skipped.
pub fn add_all(store: &mut Store, files: Vec<SourceFile>, failed: &mut bool) {
    let bytes: usize = files.iter().map(|f| f.doc.text.len()).sum();
    warn_if_memory_short(bytes);
    let (paths, docs): (Vec<PathBuf>, Vec<SourceDoc>) =
        files.into_iter().map(|f| (f.path, f.doc)).unzip();
    add_docs(store, &paths, docs, failed);
}

/// Memory a build takes per byte of text added (measured: 4.4 GB for
/// 1.07 GB; README "Limits").
const BUILD_BYTES_PER_TEXT_BYTE: usize = 4;

/// Says on stderr, before a build the machine is unlikely to hold, what it
/// will take and what to do instead: the system would otherwise stop the
/// process part-way with no word of why. (Linux only: elsewhere, or when
/// the system does not say, nothing is said.)
fn warn_if_memory_short(text_bytes: usize) {
    if let Some(warning) = available_memory().and_then(|a| memory_warning(text_bytes, a)) {
        eprintln!("quotecheck: warning: {warning}");
    }
}

/// The warning for a build from `text_bytes` of text with `available`
/// bytes of memory, if it will not fit.
fn memory_warning(text_bytes: usize, available: usize) -> Option<String> {
    let need = text_bytes.saturating_mul(BUILD_BYTES_PER_TEXT_BYTE);
    (need > available).then(|| {
        format!(
            "building from {:.1} GB of text takes about {:.1} GB of memory and {:.1} GB is \
             available; build it in parts (--parts-mb, a quarter of the memory or less) and \
             they are merged into one store (see README, \"Limits\")",
            text_bytes as f64 / 1e9,
            need as f64 / 1e9,
            available as f64 / 1e9,
        )
    })
}

/// `MemAvailable` from `/proc/meminfo`, in bytes.
fn available_memory() -> Option<usize> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    kb.checked_mul(1024)
}

/// [`add_all`] for documents with a name each (a path, or a demo's name).
pub fn add_docs(store: &mut Store, names: &[PathBuf], docs: Vec<SourceDoc>, failed: &mut bool) {
    let mut docs = docs.into_iter();
    let mut at = 0;
    while at < names.len() {
        let before = store.index_bound();
        match store.add_many(docs.by_ref()) {
            Ok(n) => at += n,
            Err(e) => {
                // add_many stopped at the one it could not add (and took it).
                at += store.index_bound() - before;
                eprintln!("quotecheck: error: {}: {e}", names[at].display());
                *failed = true;
                at += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::memory_warning;

    #[test]
    fn a_build_larger_than_memory_is_warned_of_before_it_starts() {
        let gb = 1_000_000_000;
        let warning = memory_warning(10 * gb, 22 * gb).expect("a warning");
        assert!(warning.contains("10.0 GB of text"), "{warning}");
        assert!(warning.contains("about 40.0 GB"), "{warning}");
        assert!(warning.contains("--parts-mb"), "{warning}");
        assert_eq!(memory_warning(gb, 22 * gb), None);
    }
}
