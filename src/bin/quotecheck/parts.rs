//! `--save STORE --parts-mb N`: an archive larger than a build fits in
//! memory, built in parts of about N MB of text each (read, built and saved
//! one at a time beside the store), then merged into the one store a single
//! build writes ([`Store::merge_files`]); the parts are removed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use quotecheck::Store;
use quotecheck::folder::{SourceFile, for_each_source};

use super::sources::{self, Progress};

/// Builds the parts as the sources are read.
struct Parts<'a> {
    /// The store to write, and the folder the parts wait in.
    save: &'a Path,
    dir: PathBuf,
    part_bytes: usize,
    threads: usize,
    /// The sources of the part being read, and their text's size.
    pending: Vec<SourceFile>,
    bytes: usize,
    /// The parts saved so far.
    saved: Vec<PathBuf>,
    /// Every id read, so that a duplicate is said and skipped as a single
    /// build does (a merge would refuse it and write nothing).
    ids: HashSet<String>,
    failed: bool,
}

impl Parts<'_> {
    fn add(&mut self, file: SourceFile) {
        if !self.ids.insert(file.doc.id.clone()) {
            eprintln!(
                "quotecheck: error: {}: duplicate source id {:?}",
                file.path.display(),
                file.doc.id
            );
            self.failed = true;
            return;
        }
        self.bytes += file.doc.text.len();
        self.pending.push(file);
        if self.bytes >= self.part_bytes {
            self.build();
        }
    }

    /// Builds and saves the sources read since the last part.
    fn build(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut store = Store::new();
        store.set_threads(self.threads);
        sources::add_all(
            &mut store,
            std::mem::take(&mut self.pending),
            &mut self.failed,
        );
        self.bytes = 0;
        let name = self
            .save
            .file_name()
            .map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
        let part = self.dir.join(format!(
            ".{name}.part-{}-{}",
            self.saved.len(),
            std::process::id()
        ));
        // Listed before saving, so that a half-written part is removed too.
        self.saved.push(part.clone());
        if let Err(e) = store.save(&part) {
            eprintln!("quotecheck: error: {e}");
            self.failed = true;
        }
    }
}

impl Drop for Parts<'_> {
    fn drop(&mut self) {
        for part in &self.saved {
            let _ = std::fs::remove_file(part);
        }
    }
}

/// Reads `paths` in parts of `part_mb` MB of text, builds each, and merges
/// them into `save`. Returns whether anything failed (said on stderr).
pub fn save_in_parts(save: &Path, paths: &[PathBuf], part_mb: u32, threads: usize) -> bool {
    let dir = save
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let mut parts = Parts {
        save,
        dir,
        part_bytes: (part_mb as usize) << 20,
        threads,
        pending: Vec::new(),
        bytes: 0,
        saved: Vec::new(),
        ids: HashSet::new(),
        failed: false,
    };
    let mut progress = Progress::new();
    for path in paths {
        let read = for_each_source(path, |file| {
            progress.file(file.doc.text.len());
            parts.add(file);
        });
        sources::report_unread(&read, &mut parts.failed);
    }
    parts.build();
    progress.finish();
    if parts.failed && parts.saved.iter().any(|p| !p.exists()) {
        return true;
    }
    let started = std::time::Instant::now();
    match Store::merge_files(&parts.saved, save) {
        Ok(n) => {
            eprintln!(
                "quotecheck: saved {n} source(s) to {} from {} part(s); merged in {:.2} s",
                save.display(),
                parts.saved.len(),
                started.elapsed().as_secs_f64()
            );
            parts.failed
        }
        Err(e) => {
            eprintln!("quotecheck: error: {e}");
            true
        }
    }
}
