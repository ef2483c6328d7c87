//! Sources on disk: a folder tree of text files, described by `sources.json`.
//!
//! One reader serves the command line, the C ABI (`qc_store_add_folder`) and
//! Python (`Store.from_folder`), so that a newsroom's folder means the same
//! thing to each. The rules:
//!
//! - A folder is read recursively. Hidden entries (a name starting with `.`)
//!   are skipped, as are JSON and Markdown files (manifests and READMEs are
//!   not sources). Anything else that is not read (a FIFO, a dangling link, a
//!   folder seen before through a link, a tree deeper than
//!   [`MAX_FOLDER_DEPTH`]) is reported as [`Skipped`], never silently.
//! - A folder may hold a `sources.json` manifest, a JSON list of entries
//!   `{"id", "file", "title", "date", "speaker", "speakers"}` (every field but
//!   `file` may be missing or null; `speakers` maps transcript labels to full
//!   names). With a manifest, the folder's own sources are the files it lists;
//!   its subfolders are read by their own rules.
//! - A source's id is its manifest id; otherwise its file stem when no other
//!   file of the tree has that stem, otherwise its path relative to the
//!   folder given (`2023/briefing.txt`), so two `briefing.txt` in different
//!   folders do not collide.
//!
//! ```
//! # let dir = std::env::temp_dir().join(format!("qc-folder-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("remarks.txt"), "I will not raise taxes this year.")?;
//! std::fs::write(
//!     dir.join("sources.json"),
//!     r#"[{"file": "remarks.txt", "speaker": "Ana Diaz", "title": "Budget hearing"}]"#,
//! )?;
//! let mut store = quotecheck::Store::new();
//! assert_eq!(store.add_folder(&dir)?, 1);
//! let source = store.source(0);
//! assert_eq!((source.id(), source.title()), ("remarks", Some("Budget hearing")));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{Error, SourceDoc};

/// How deep a folder tree is read; deeper folders are reported as skipped.
pub const MAX_FOLDER_DEPTH: usize = 32;

/// The manifest's file name.
pub const MANIFEST_NAME: &str = "sources.json";

/// One entry of a `sources.json` manifest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ManifestEntry {
    /// The source's id; the file stem (or relative path) when absent.
    pub id: Option<String>,
    /// The file's name, in the manifest's folder.
    pub file: String,
    /// A title, for reports.
    pub title: Option<String>,
    /// A date, as written.
    pub date: Option<String>,
    /// Who speaks in a single-speaker source.
    pub speaker: Option<String>,
    /// Transcript labels as written mapped to full names, sorted by label.
    pub speakers: Vec<(String, String)>,
}

impl ManifestEntry {
    /// The source this entry describes, given its text and the id to use
    /// when the entry names none.
    pub fn to_doc(&self, default_id: &str, text: String) -> SourceDoc {
        let mut doc = SourceDoc::new(self.id.as_deref().unwrap_or(default_id), text);
        doc.title = self.title.clone();
        doc.date = self.date.clone();
        doc.speaker = self.speaker.clone();
        doc.speakers = self.speakers.clone();
        doc
    }
}

/// A parsed `sources.json`.
///
/// ```
/// use quotecheck::folder::Manifest;
/// let m = Manifest::parse(r#"[{"file": "a.txt", "speakers": {"MR. KIRBY": "John Kirby"}}]"#)?;
/// assert_eq!(m.entries()[0].speakers, [("MR. KIRBY".to_string(), "John Kirby".to_string())]);
/// assert!(Manifest::parse(r#"[{"file": "a.txt", "title": 3}]"#).is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Manifest {
    entries: Vec<ManifestEntry>,
}

impl Manifest {
    /// Parses a manifest, naming the entry and the field when one is broken.
    /// A byte-order mark is allowed; unknown keys are ignored.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let list: Vec<Value> =
            serde_json::from_str(text).map_err(|e| format!("not a JSON list of entries: {e}"))?;
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut entries = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            let entry = parse_entry(i, v)?;
            // A file listed twice would silently lose one entry's metadata.
            if let Some(first) = seen.insert(entry.file.clone(), i) {
                return Err(format!(
                    "entry {} ({}): the file is listed twice (first as entry {})",
                    i + 1,
                    entry.file,
                    first + 1
                ));
            }
            entries.push(entry);
        }
        Ok(Manifest { entries })
    }

    /// The entries, in the manifest's order.
    pub fn entries(&self) -> &[ManifestEntry] {
        &self.entries
    }
}

fn parse_entry(i: usize, v: &Value) -> Result<ManifestEntry, String> {
    let file = v.get("file").and_then(Value::as_str);
    let which = format!(
        "entry {}{}",
        i + 1,
        file.map_or(String::new(), |f| format!(" ({f})"))
    );
    if !v.is_object() {
        return Err(format!("{which}: an entry must be an object, not {v}"));
    }
    let text = |key: &str| -> Result<Option<String>, String> {
        match v.get(key) {
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Null) | None => Ok(None),
            Some(other) => Err(format!(
                "{which}: field `{key}` must be a string or null, not {other}"
            )),
        }
    };
    let (id, title, date, speaker) = (text("id")?, text("title")?, text("date")?, text("speaker")?);
    let Some(file) = text("file")? else {
        return Err(format!("{which}: field `file` is missing"));
    };
    if file.is_empty() || file.contains(['/', '\\']) || file == "." || file == ".." {
        return Err(format!(
            "{which}: `file` must name a file in the manifest's folder (a subfolder has a sources.json of its own)"
        ));
    }
    let mut speakers = Vec::new();
    match v.get("speakers") {
        Some(Value::Object(map)) if map.values().all(Value::is_string) => {
            for (label, name) in map {
                speakers.push((label.clone(), name.as_str().unwrap_or_default().to_string()));
            }
            speakers.sort();
        }
        Some(Value::Null) | None => {}
        Some(other) => {
            return Err(format!(
                "{which}: field `speakers` must map labels to names (an object of strings) or be null, not {other}"
            ));
        }
    }
    Ok(ManifestEntry {
        id,
        file,
        title,
        date,
        speaker,
        speakers,
    })
}

/// A source read from a file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The file it was read from.
    pub path: PathBuf,
    /// The source, with its manifest metadata and id.
    pub doc: SourceDoc,
}

/// Something in the tree that was not read as a source, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Where it is.
    pub path: PathBuf,
    /// Why it was not read, in words.
    pub reason: String,
}

/// What reading a file or folder gave: the sources, what was skipped, and
/// the errors (a file that could not be read, a broken manifest, a listed
/// file that is missing). Reading goes on past an error.
#[derive(Clone, Debug, Default)]
pub struct SourceFiles {
    /// The sources, in path order.
    pub files: Vec<SourceFile>,
    /// Entries that are not sources, with the reason.
    pub skipped: Vec<Skipped>,
    /// Errors, each naming its path.
    pub errors: Vec<Error>,
}

/// Reads a source file or a folder tree of them (the rules are in the
/// [module documentation](self)). `on_file` is told each file's path and
/// size as it is read (for progress on a large archive).
pub fn read_sources(path: &Path, mut on_file: impl FnMut(&Path, usize)) -> SourceFiles {
    let mut files = Vec::new();
    let mut out = for_each_source(path, |file| {
        on_file(&file.path, file.doc.text.len());
        files.push(file);
    });
    out.files = files;
    out
}

/// [`read_sources`] one file at a time: each source goes to `each` as soon
/// as it is read, so that an archive larger than memory can be built in
/// parts. The result's `files` is empty; what was skipped and the errors
/// are as `read_sources` gives them.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("qc-each-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("a.txt"), "We will not raise taxes.")?;
/// std::fs::write(dir.join("b.txt"), "The bridge opens in April.")?;
/// let mut bytes = 0;
/// let read = quotecheck::folder::for_each_source(&dir, |file| bytes += file.doc.text.len());
/// assert!(read.files.is_empty() && read.errors.is_empty());
/// assert_eq!(bytes, 50);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn for_each_source(path: &Path, mut each: impl FnMut(SourceFile)) -> SourceFiles {
    let mut out = SourceFiles::default();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            out.errors.push(io_error(path, &e));
            return out;
        }
    };
    if meta.is_file() {
        let stem = file_stem(path);
        match read_text(path) {
            Ok(text) => each(SourceFile {
                path: path.to_path_buf(),
                doc: SourceDoc::new(stem, text),
            }),
            Err(e) => out.errors.push(e),
        }
        return out;
    }
    // First the tree's files and their manifest entries, then the ids (a
    // stem is an id only if it is unique in the whole tree), then the texts.
    let mut walk = Walk {
        found: Vec::new(),
        visited: HashSet::new(),
        manifests: true,
        out: &mut out,
    };
    walk.folder(path, 0);
    let found = std::mem::take(&mut walk.found);
    let mut stems: HashMap<String, usize> = HashMap::new();
    for f in found
        .iter()
        .filter(|f| f.entry.as_ref().is_none_or(|e| e.id.is_none()))
    {
        *stems.entry(file_stem(&f.path)).or_default() += 1;
    }
    for f in found {
        let stem = file_stem(&f.path);
        let default_id = if stems.get(&stem).copied().unwrap_or(0) > 1 {
            relative_id(path, &f.path)
        } else {
            stem
        };
        match read_text(&f.path) {
            Ok(text) => {
                let doc = match &f.entry {
                    Some(entry) => entry.to_doc(&default_id, text),
                    None => SourceDoc::new(default_id, text),
                };
                each(SourceFile { path: f.path, doc });
            }
            Err(e) => out.errors.push(e),
        }
    }
    out
}

/// The files of a file or folder tree by the same walk as [`read_sources`]
/// (recursive, in path order, hidden, JSON and Markdown entries left out,
/// links back up the tree read once, depth bounded) but without reading
/// them and without manifests: for inputs that are not sources, such as a
/// folder of articles to check in a batch. `files` of the result holds
/// paths only (each `doc` is empty); what was skipped and the errors are as
/// `read_sources` gives them.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("qc-list-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(dir.join("b")).unwrap();
/// std::fs::write(dir.join("a.txt"), "one")?;
/// std::fs::write(dir.join("b").join("c.txt"), "two")?;
/// std::fs::write(dir.join("notes.md"), "not an article")?;
/// let listed = quotecheck::folder::list_files(&dir);
/// let names: Vec<_> = listed.iter().map(|p| p.strip_prefix(&dir).unwrap().to_path_buf()).collect();
/// assert_eq!(names, [std::path::Path::new("a.txt"), std::path::Path::new("b/c.txt")]);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn list_files(path: &Path) -> FileList {
    let mut out = SourceFiles::default();
    let mut paths = Vec::new();
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => paths.push(path.to_path_buf()),
        Ok(_) => {
            let mut walk = Walk {
                found: Vec::new(),
                visited: HashSet::new(),
                manifests: false,
                out: &mut out,
            };
            walk.folder(path, 0);
            paths = walk.found.into_iter().map(|f| f.path).collect();
        }
        Err(e) => out.errors.push(io_error(path, &e)),
    }
    FileList {
        paths,
        skipped: out.skipped,
        errors: out.errors,
    }
}

/// What [`list_files`] found: the files in path order, what was skipped and
/// the errors (iterating gives the files).
#[derive(Clone, Debug, Default)]
pub struct FileList {
    /// The files, in path order.
    pub paths: Vec<PathBuf>,
    /// Entries that are not files to read, with the reason.
    pub skipped: Vec<Skipped>,
    /// Errors, each naming its path.
    pub errors: Vec<Error>,
}

impl FileList {
    /// The files, in path order.
    pub fn iter(&self) -> std::slice::Iter<'_, PathBuf> {
        self.paths.iter()
    }
}

/// A file found in the walk, with its manifest entry if it has one.
struct Found {
    path: PathBuf,
    entry: Option<ManifestEntry>,
}

struct Walk<'a> {
    found: Vec<Found>,
    /// Folders read, by canonical path: a link back up the tree is read once.
    visited: HashSet<PathBuf>,
    /// Whether `sources.json` manifests govern their folders.
    manifests: bool,
    out: &'a mut SourceFiles,
}

impl Walk<'_> {
    fn skip(&mut self, path: &Path, reason: impl Into<String>) {
        self.out.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason: reason.into(),
        });
    }

    fn folder(&mut self, dir: &Path, depth: usize) {
        if depth > MAX_FOLDER_DEPTH {
            self.skip(dir, format!("deeper than {MAX_FOLDER_DEPTH} folders"));
            return;
        }
        match std::fs::canonicalize(dir) {
            Ok(real) => {
                if !self.visited.insert(real) {
                    self.skip(dir, "a folder already read (through a link)");
                    return;
                }
            }
            Err(e) => {
                self.out.errors.push(io_error(dir, &e));
                return;
            }
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.out.errors.push(io_error(dir, &e));
                return;
            }
        };
        let mut files = Vec::new();
        let mut folders = Vec::new();
        for entry in entries {
            let p = match entry {
                Ok(e) => e.path(),
                Err(e) => {
                    self.skip(dir, format!("an entry could not be listed: {e}"));
                    continue;
                }
            };
            let name = p
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            // Hidden entries, manifests and other JSON or Markdown files are
            // not sources, by design: skipped without a word.
            if name.starts_with('.') || p.extension().is_some_and(|e| e == "json" || e == "md") {
                continue;
            }
            match std::fs::metadata(&p) {
                Ok(m) if m.is_file() => files.push(p),
                Ok(m) if m.is_dir() => folders.push(p),
                Ok(_) => self.skip(&p, "not a regular file (a FIFO, socket or device)"),
                Err(e) if p.is_symlink() => {
                    self.skip(&p, format!("a symbolic link that leads nowhere ({e})"))
                }
                Err(e) => self.skip(&p, e.to_string()),
            }
        }
        files.sort();
        folders.sort();
        self.files_of(dir, files);
        for f in folders {
            self.folder(&f, depth + 1);
        }
    }

    /// The folder's sources: every file, or with a manifest the files listed.
    fn files_of(&mut self, dir: &Path, files: Vec<PathBuf>) {
        let manifest_path = dir.join(MANIFEST_NAME);
        if !self.manifests || !manifest_path.is_file() {
            self.found
                .extend(files.into_iter().map(|path| Found { path, entry: None }));
            return;
        }
        let manifest = match read_text(&manifest_path) {
            Ok(text) => match Manifest::parse(&text) {
                Ok(m) => m,
                Err(message) => {
                    self.out.errors.push(Error::Manifest {
                        path: manifest_path.display().to_string(),
                        message,
                    });
                    return;
                }
            },
            Err(e) => {
                self.out.errors.push(e);
                return;
            }
        };
        let mut listed: HashMap<String, ManifestEntry> = manifest
            .entries
            .into_iter()
            .map(|e| (e.file.clone(), e))
            .collect();
        for path in files {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Files the manifest does not list (such as a README) are not
            // sources of this folder.
            if let Some(entry) = listed.remove(&name) {
                self.found.push(Found {
                    path,
                    entry: Some(entry),
                });
            }
        }
        let mut missing: Vec<String> = listed.into_keys().collect();
        missing.sort();
        for file in missing {
            self.out.errors.push(Error::Manifest {
                path: manifest_path.display().to_string(),
                message: format!("{file} is listed but missing"),
            });
        }
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `path` relative to `root`, with `/` between folders on every platform.
fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

fn io_error(path: &Path, e: &std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// A whole file as UTF-8 text; the error names the path (and the first bad
/// byte when it is not UTF-8).
/// A file's text: its bytes, which must be UTF-8 ([`Error::Io`] names the
/// file and the offset of the first invalid byte otherwise).
///
/// ```
/// let err = quotecheck::folder::read_text("no/such/file.txt".as_ref()).unwrap_err();
/// assert!(matches!(err, quotecheck::Error::Io { .. }));
/// ```
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
    String::from_utf8(bytes).map_err(|e| Error::Io {
        path: path.display().to_string(),
        message: format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TempDir(PathBuf);
    impl TempDir {
        fn new(name: &str) -> TempDir {
            let p = std::env::temp_dir().join(format!("qc-folder-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).unwrap();
            TempDir(p)
        }
        fn write(&self, rel: &str, text: &str) {
            let p = self.0.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn ids(read: &SourceFiles) -> Vec<&str> {
        read.files.iter().map(|f| f.doc.id.as_str()).collect()
    }

    #[test]
    fn same_name_in_two_folders_gets_relative_ids_unique_stems_stay() {
        let t = TempDir::new("ids");
        t.write("2023/test.txt", "one");
        t.write("2024/test.txt", "two");
        t.write("2024/deep/speech.txt", "three");
        let read = read_sources(&t.0, |_, _| {});
        assert!(read.errors.is_empty(), "{:?}", read.errors);
        assert_eq!(ids(&read), ["2023/test.txt", "2024/test.txt", "speech"]);
    }

    #[test]
    fn manifest_governs_its_folder_and_subfolders_their_own() {
        let t = TempDir::new("manifest");
        t.write("a.txt", "alpha");
        t.write("notes.txt", "not listed");
        t.write(
            "sources.json",
            r#"[{"id": "A", "file": "a.txt", "speaker": "Ana Diaz", "speakers": {"Q": "Reporter"}}]"#,
        );
        t.write("sub/b.txt", "beta");
        t.write("sub/.hidden.txt", "no");
        t.write("sub/README.md", "no");
        let read = read_sources(&t.0, |_, _| {});
        assert!(read.errors.is_empty(), "{:?}", read.errors);
        assert_eq!(ids(&read), ["A", "b"]);
        let a = &read.files[0].doc;
        assert_eq!(a.speaker.as_deref(), Some("Ana Diaz"));
        assert_eq!(a.speakers, [("Q".to_string(), "Reporter".to_string())]);
    }

    #[test]
    fn broken_manifest_and_missing_file_are_errors_naming_the_path() {
        let t = TempDir::new("broken");
        t.write("one/sources.json", r#"[{"file": "x.txt", "date": 2023}]"#);
        t.write("one/x.txt", "x");
        t.write("two/sources.json", r#"[{"file": "gone.txt"}]"#);
        t.write("three/sources.json", r#"[{"file": "../up.txt"}]"#);
        let read = read_sources(&t.0, |_, _| {});
        let msgs: Vec<String> = read.errors.iter().map(Error::to_string).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(
            msgs[0].contains("one/sources.json") && msgs[0].contains("`date`"),
            "{msgs:?}"
        );
        assert!(msgs[1].contains("manifest's folder"), "{msgs:?}");
        assert!(
            msgs[2].contains("gone.txt is listed but missing"),
            "{msgs:?}"
        );
        assert!(read.files.is_empty());
    }

    #[test]
    fn non_utf8_file_is_an_error_and_the_rest_is_read() {
        let t = TempDir::new("utf8");
        t.write("good.txt", "fine");
        std::fs::write(t.0.join("bad.txt"), b"ok \xff no").unwrap();
        let read = read_sources(&t.0, |_, _| {});
        assert_eq!(ids(&read), ["good"]);
        assert!(read.errors[0].to_string().contains("offset 3"));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_back_up_the_tree_is_read_once() {
        let t = TempDir::new("loop");
        t.write("sub/a.txt", "alpha");
        std::os::unix::fs::symlink(&t.0, t.0.join("sub/up")).unwrap();
        let read = read_sources(&t.0, |_, _| {});
        assert_eq!(ids(&read), ["a"]);
        assert_eq!(read.skipped.len(), 1, "{:?}", read.skipped);
    }

    #[test]
    fn manifest_parse_names_entry_and_field() {
        for (text, want) in [
            ("{}", "not a JSON list"),
            ("[3]", "entry 1: an entry must be an object"),
            (r#"[{"id": "x"}]"#, "field `file` is missing"),
            (
                r#"[{"file": "a"}, {"file": "a"}]"#,
                "listed twice (first as entry 1)",
            ),
            (
                r#"[{"file": "a", "speakers": {"Q": 1}}]"#,
                "field `speakers`",
            ),
        ] {
            let e = Manifest::parse(text).unwrap_err();
            assert!(e.contains(want), "{text}: {e}");
        }
        assert!(Manifest::parse("\u{feff}[]").unwrap().entries().is_empty());
    }
}
