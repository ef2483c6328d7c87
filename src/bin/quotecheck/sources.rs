//! Reading sources into a store: files and folders (by the library's folder
//! rules), with progress on a terminal, and every problem said on stderr.

use std::path::PathBuf;

use quotecheck::folder::{SourceFile, read_sources};
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

    fn file(&mut self, bytes: usize) {
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
        for s in &read.skipped {
            eprintln!("quotecheck: skipped {}: {}", s.path.display(), s.reason);
        }
        for e in &read.errors {
            eprintln!("quotecheck: error: {e}");
            *failed = true;
        }
        files.extend(read.files);
    }
    files
}

/// Adds the sources read, indexed in one pass ([`Store::add_many`]); a
/// source that cannot be added is reported with its file and skipped.
pub fn add_all(store: &mut Store, files: Vec<SourceFile>, failed: &mut bool) {
    let (paths, docs): (Vec<PathBuf>, Vec<SourceDoc>) =
        files.into_iter().map(|f| (f.path, f.doc)).unzip();
    add_docs(store, &paths, docs, failed);
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
