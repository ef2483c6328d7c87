//! The `.txt` files of a corpus folder, in name order (shared by the store
//! benchmarks and the corpus grower).

use std::path::{Path, PathBuf};

/// Every `.txt` file directly in `dir`, sorted by path.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}
