//! The quotecheck command line: check the quotes of an article against sources.
//!
//! ```text
//! quotecheck                                  check the bundled demo article
//! quotecheck [--json] ARTICLE SOURCES...      extract ARTICLE's quotes and check each
//! quotecheck [--json] --quotes Q.json SOURCES...   check a list [{"text", "speaker"}]
//! quotecheck [--json] --extract ARTICLE       list the article's quotes and speakers
//! quotecheck --predict-jsonl IN OUT           extraction on paragraph JSON Lines
//!                                             (the shape of shared/data/polnear)
//! ```
//! `--no-single-quotes` stops single marks from opening a top-level quote.
//!
//! Store files (an indexed archive that opens without re-reading sources):
//! ```text
//! quotecheck --save STORE SOURCES...           build (or, with --store, update) a store file
//! quotecheck --store STORE [--remove ID]... --save STORE [SOURCES...]
//! quotecheck [--json] --store STORE [ARTICLE | --quotes Q.json] [SOURCES...]
//! ```
//! Building shows progress (files, bytes, rate) when stderr is a terminal.
//! SOURCES are files or folders; a folder may hold a `sources.json` manifest
//! (`[{"id", "file", "title", "date", "speaker", "speakers"}]`). A source's id
//! is its manifest id or its file stem. Exit status: 0 when everything was
//! read, 2 when a file could not be read (the rest is still checked), 1 on
//! a usage error.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use quotecheck::extract::{Extractor, QuoteKind, Rule};
use quotecheck::text::CharIndex;
use quotecheck::{Checker, Report, SourceDoc, SpeakerAt, SpeakerKind, Store};
use serde_json::{Value, json};

const DEMO_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");

struct Options {
    json: bool,
    store: Option<PathBuf>,
    save: Option<PathBuf>,
    remove: Vec<String>,
    extract: Option<PathBuf>,
    predict: Option<(PathBuf, PathBuf)>,
    single_quotes: bool,
    quotes: Option<PathBuf>,
    article: Option<PathBuf>,
    sources: Vec<PathBuf>,
}

/// A quote to check, with where it sits in the article (if it came from one).
struct Wanted {
    text: String,
    speaker: Option<String>,
    /// The kind of speaker, when known (else inferred from the name).
    kind: Option<SpeakerKind>,
    range: Option<(usize, usize)>,
}

impl Wanted {
    fn kind(&self) -> Option<SpeakerKind> {
        self.kind
            .or_else(|| self.speaker.as_deref().map(SpeakerKind::of))
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opts = match parse_args(&args) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!(
                "quotecheck: {msg}\nusage: quotecheck [--json] [ARTICLE | --quotes QUOTES.json] SOURCES..."
            );
            return ExitCode::from(1);
        }
    };
    let extractor = Extractor::new().single_quotes(opts.single_quotes);
    if let Some(path) = &opts.extract {
        return extract_only(path, extractor, opts.json);
    }
    if let Some((input, output)) = &opts.predict {
        return predict_jsonl(input, output, extractor);
    }
    let mut failed = false;
    let mut store = match &opts.store {
        Some(path) => match Store::open(path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("quotecheck: error: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => Store::new(),
    };
    let mut progress = Progress::new();
    let mut pending = Vec::new();
    for path in &opts.sources {
        load_sources(path, &mut pending, &mut failed, &mut progress);
    }
    progress.finish();
    add_pending(&mut store, pending, &mut failed);
    for id in &opts.remove {
        if let Err(e) = store.remove(id) {
            eprintln!("quotecheck: error: --remove {id}: {e}");
            failed = true;
        }
    }
    if let Some(path) = &opts.save {
        let started = std::time::Instant::now();
        if let Err(e) = store.save(path) {
            eprintln!("quotecheck: error: {e}");
            return ExitCode::from(2);
        }
        eprintln!(
            "quotecheck: saved {} source(s), {} words, {:.1} MB of text to {} in {:.2} s",
            store.len(),
            store.word_count(),
            store.text_bytes() as f64 / 1e6,
            path.display(),
            started.elapsed().as_secs_f64()
        );
        return if failed {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let (article, wanted) = if let Some(q) = &opts.quotes {
        match read_quotes(q) {
            Ok(w) => (None, w),
            Err(e) => {
                eprintln!("quotecheck: error: {}: {e}", q.display());
                return ExitCode::from(2);
            }
        }
    } else {
        let path = opts
            .article
            .as_ref()
            .expect("parse_args requires an article");
        match read_text(path) {
            Ok(text) => {
                let wanted = extract(&text, extractor);
                (Some(text), wanted)
            }
            Err(e) => {
                eprintln!("quotecheck: error: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    };
    let mut checker = Checker::new();
    let mut results = Vec::new();
    // Code-point offsets of the article, for every quote in one pass.
    let mut chars = CharIndex::default();
    if let Some(a) = &article {
        chars.build(a);
    }
    let mut human = String::new();
    if !opts.json {
        let _ = writeln!(
            human,
            "{} quote(s) against {} source(s)\n",
            wanted.len(),
            store.len()
        );
    }
    for w in &wanted {
        let kind = w.kind().unwrap_or(SpeakerKind::Unknown);
        match checker.check_as(&store, &w.text, w.speaker.as_deref(), kind) {
            Ok(report) => {
                if opts.json {
                    let at = article.as_deref().map(|a| (a, &chars));
                    results.push(report_json(&report, w, at));
                } else {
                    render(&mut human, &report, w);
                }
            }
            Err(e) => {
                if opts.json {
                    results.push(json!({
                        "text": w.text, "speaker": w.speaker,
                        "start": w.range.map(|r| r.0), "end": w.range.map(|r| r.1),
                        "verdict": null, "error": e.to_string(),
                    }));
                } else {
                    let _ = writeln!(human, "  \"{}\"\n    error: {e}\n", w.text);
                }
            }
        }
    }
    let out = if opts.json {
        serde_json::to_string_pretty(&json!({ "quotes": results })).expect("JSON") + "\n"
    } else {
        human
    };
    let code = write_out(&out);
    if code != ExitCode::SUCCESS {
        return code;
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut opts = Options {
        json: false,
        store: None,
        save: None,
        remove: Vec::new(),
        extract: None,
        predict: None,
        single_quotes: true,
        quotes: None,
        article: None,
        sources: Vec::new(),
    };
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => opts.json = true,
            "--quotes" => {
                opts.quotes = Some(it.next().ok_or("--quotes needs a file")?.into());
            }
            "--extract" => {
                opts.extract = Some(it.next().ok_or("--extract needs an article")?.into());
            }
            "--predict-jsonl" => {
                let input = it.next().ok_or("--predict-jsonl needs IN and OUT")?;
                let output = it.next().ok_or("--predict-jsonl needs IN and OUT")?;
                opts.predict = Some((input.into(), output.into()));
            }
            "--no-single-quotes" => opts.single_quotes = false,
            "--store" => opts.store = Some(it.next().ok_or("--store needs a file")?.into()),
            "--save" => opts.save = Some(it.next().ok_or("--save needs a file")?.into()),
            "--remove" => opts
                .remove
                .push(it.next().ok_or("--remove needs a source id")?.clone()),
            "-h" | "--help" => return Err("check quotations against their sources".into()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s => positional.push(PathBuf::from(s)),
        }
    }
    if opts.extract.is_some() || opts.predict.is_some() {
        if !positional.is_empty() {
            return Err("--extract and --predict-jsonl take no sources".into());
        }
        return Ok(opts);
    }
    if opts.save.is_some() {
        // Building or updating a store: every positional is a source.
        if opts.quotes.is_some() {
            return Err("--save builds a store; check against it with --store".into());
        }
        if positional.is_empty() && opts.store.is_none() {
            return Err("no sources given".into());
        }
        opts.sources = positional;
        return Ok(opts);
    }
    if !opts.remove.is_empty() {
        return Err("--remove needs --save to write the changed store".into());
    }
    if positional.is_empty() && opts.quotes.is_none() && opts.store.is_none() {
        // The demo: the bundled article against the bundled sources.
        opts.article = Some(Path::new(DEMO_DIR).join("article-dodnews-2023-05-02.txt"));
        opts.sources = vec![Path::new(DEMO_DIR).join("sources")];
        return Ok(opts);
    }
    if opts.quotes.is_none() {
        if positional.is_empty() {
            return Err("no article given".into());
        }
        opts.article = Some(positional.remove(0));
    }
    if positional.is_empty() && opts.store.is_none() {
        return Err("no sources given".into());
    }
    opts.sources = positional;
    Ok(opts)
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// One entry of a `sources.json` manifest. Every field but `file` may be
/// missing or `null`; unknown keys are ignored.
#[derive(serde::Deserialize, Default)]
struct ManifestEntry {
    id: Option<String>,
    file: String,
    title: Option<String>,
    date: Option<String>,
    speaker: Option<String>,
    speakers: Option<HashMap<String, String>>,
}

/// Reads a manifest, naming the entry and the field when one is broken.
fn parse_manifest(text: &str) -> Result<Vec<ManifestEntry>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let list: Vec<Value> =
        serde_json::from_str(text).map_err(|e| format!("not a JSON list of entries: {e}"))?;
    // A file listed twice would silently lose one entry's metadata.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, v) in list.iter().enumerate() {
        if let Some(file) = v.get("file").and_then(Value::as_str)
            && let Some(first) = seen.insert(file, i)
        {
            return Err(format!(
                "entry {} ({file}): the file is listed twice (first as entry {})",
                i + 1,
                first + 1
            ));
        }
    }
    list.into_iter()
        .enumerate()
        .map(|(i, v)| {
            let file = v.get("file").and_then(Value::as_str).map(str::to_string);
            let which = format!("entry {}{}", i + 1, file.map_or(String::new(), |f| format!(" ({f})")));
            // Name the field a broken entry breaks on.
            for key in ["id", "file", "title", "date", "speaker"] {
                match v.get(key) {
                    Some(Value::String(_)) | Some(Value::Null) | None => {}
                    Some(other) => {
                        return Err(format!("{which}: field `{key}` must be a string or null, not {other}"));
                    }
                }
            }
            match v.get("speakers") {
                Some(Value::Object(map)) if map.values().all(Value::is_string) => {}
                Some(Value::Null) | None => {}
                Some(other) => {
                    return Err(format!(
                        "{which}: field `speakers` must map labels to names (an object of strings) or be null, not {other}"
                    ));
                }
            }
            serde_json::from_value::<ManifestEntry>(v).map_err(|e| format!("{which}: {e}"))
        })
        .collect()
}

/// Files, bytes and rate while a store is built, on a terminal only.
struct Progress {
    tty: bool,
    started: std::time::Instant,
    shown: std::time::Instant,
    files: usize,
    bytes: usize,
}

impl Progress {
    fn new() -> Self {
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

    fn finish(&self) {
        if self.tty && self.files > 0 {
            self.show();
            eprintln!();
        }
    }
}

/// Sources read and not yet added, with the file each came from.
type Pending = Vec<(PathBuf, SourceDoc)>;

/// Adds the sources read, indexed in one pass ([`Store::add_many`]); a
/// source that cannot be added is reported with its file and skipped.
fn add_pending(store: &mut Store, pending: Pending, failed: &mut bool) {
    let (paths, docs): (Vec<PathBuf>, Vec<SourceDoc>) = pending.into_iter().unzip();
    let mut docs = docs.into_iter();
    let mut at = 0;
    while at < paths.len() {
        let before = store.index_bound();
        match store.add_many(docs.by_ref()) {
            Ok(n) => at += n,
            Err(e) => {
                // add_many stopped at the one it could not add (and took it).
                at += store.index_bound() - before;
                eprintln!("quotecheck: error: {}: {e}", paths[at].display());
                *failed = true;
                at += 1;
            }
        }
    }
}

fn load_sources(path: &Path, pending: &mut Pending, failed: &mut bool, progress: &mut Progress) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("quotecheck: error: {}: {e}", path.display());
            *failed = true;
            return;
        }
    };
    if meta.is_file() {
        add_file(path, None, pending, failed, progress);
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(rd) => rd,
        Err(e) => {
            eprintln!("quotecheck: error: {}: {e}", path.display());
            *failed = true;
            return;
        }
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let p = match entry {
            Ok(e) => e.path(),
            Err(e) => {
                eprintln!("quotecheck: skipped an entry of {}: {e}", path.display());
                continue;
            }
        };
        let name = p
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        // Hidden files, the manifest and other JSON or Markdown files are
        // not sources, by design: skipped without a word.
        let not_source = name == "sources.json"
            || name.starts_with('.')
            || p.extension().is_some_and(|e| e == "json" || e == "md");
        if not_source {
            continue;
        }
        // Anything else that is not read is said on stderr.
        match std::fs::metadata(&p) {
            Ok(m) if m.is_file() => files.push(p),
            Ok(m) if m.is_dir() => {
                eprintln!(
                    "quotecheck: skipped {}: a subfolder (folders are not read recursively)",
                    p.display()
                )
            }
            Ok(_) => eprintln!(
                "quotecheck: skipped {}: not a regular file (a FIFO, socket or device)",
                p.display()
            ),
            Err(e) if p.is_symlink() => {
                eprintln!(
                    "quotecheck: skipped {}: a symbolic link that leads nowhere ({e})",
                    p.display()
                )
            }
            Err(e) => eprintln!("quotecheck: skipped {}: {e}", p.display()),
        }
    }
    files.sort();
    let manifest_path = path.join("sources.json");
    let mut manifest: HashMap<String, ManifestEntry> = HashMap::new();
    if manifest_path.exists() {
        match read_text(&manifest_path).and_then(|t| parse_manifest(&t)) {
            Ok(list) => {
                for entry in list {
                    manifest.insert(entry.file.clone(), entry);
                }
            }
            Err(e) => {
                eprintln!("quotecheck: error: {}: {e}", manifest_path.display());
                *failed = true;
            }
        }
    }
    let listed_only = manifest_path.exists();
    for f in files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let entry = manifest.remove(&name);
        // With a manifest, the folder's sources are the files it lists
        // (other files, such as examples/c's sources.tsv, are not sources).
        if entry.is_none() && listed_only {
            continue;
        }
        add_file(&f, entry, pending, failed, progress);
    }
    for (file, _) in manifest {
        eprintln!(
            "quotecheck: error: {}: listed in sources.json but missing",
            path.join(file).display()
        );
        *failed = true;
    }
}

fn add_file(
    path: &Path,
    entry: Option<ManifestEntry>,
    pending: &mut Pending,
    failed: &mut bool,
    progress: &mut Progress,
) {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("quotecheck: error: {}: {e}", path.display());
            *failed = true;
            return;
        }
    };
    progress.file(text.len());
    let text_path = path.to_path_buf();
    let entry = entry.unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut doc = SourceDoc::new(entry.id.unwrap_or(stem), text);
    doc.title = entry.title;
    doc.date = entry.date;
    doc.speaker = entry.speaker;
    let mut labels: Vec<(String, String)> =
        entry.speakers.unwrap_or_default().into_iter().collect();
    labels.sort();
    doc.speakers = labels;
    pending.push((text_path, doc));
}

#[derive(serde::Deserialize)]
struct QuoteEntry {
    text: String,
    speaker: Option<String>,
    /// `person`, `role`, `group`, `organisation` or `unknown`; inferred from
    /// the name when absent.
    speaker_kind: Option<String>,
}

fn read_quotes(path: &Path) -> Result<Vec<Wanted>, String> {
    let text = read_text(path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let list: Vec<QuoteEntry> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    list.into_iter()
        .enumerate()
        .map(|(i, q)| {
            let kind = match q.speaker_kind.as_deref() {
                None => None,
                Some(k) => Some(SpeakerKind::from_name(k).ok_or_else(|| {
                    format!(
                        "quote {}: speaker_kind {k:?} is not person, role, group, organisation or unknown",
                        i + 1
                    )
                })?),
            };
            Ok(Wanted {
                text: q.text,
                speaker: q.speaker,
                kind,
                range: None,
            })
        })
        .collect()
}

/// The article's speech quotes, each with the speaker extraction found.
fn extract(article: &str, mut extractor: Extractor) -> Vec<Wanted> {
    let found = extractor.extract(article);
    found
        .quotes()
        .iter()
        .filter(|q| q.kind == QuoteKind::Speech && q.nested_in.is_none())
        .map(|q| Wanted {
            text: found.text_of(q).to_string(),
            speaker: found.speaker_name(q).map(str::to_string),
            kind: found.speaker_name(q).map(SpeakerKind::of),
            range: Some((q.text.0 as usize, q.text.1 as usize)),
        })
        .collect()
}

/// `--extract ARTICLE`: the quotes alone.
fn extract_only(path: &Path, mut extractor: Extractor, as_json: bool) -> ExitCode {
    let article = match read_text(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("quotecheck: error: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let found = extractor.extract(&article);
    let mut out = String::new();
    let mut chars = CharIndex::default();
    chars.build(&article);
    let char_offset = |text: &str, byte: usize| chars.char_offset(text, byte);
    if as_json {
        let quotes: Vec<Value> = found
            .quotes()
            .iter()
            .map(|q| {
                json!({
                    "text": found.text_of(q),
                    "start": q.text.0,
                    "end": q.text.1,
                    "char_start": char_offset(&article, q.text.0 as usize),
                    "char_end": char_offset(&article, q.text.1 as usize),
                    "kind": q.kind.name(),
                    "paragraph": q.paragraph,
                    "nested_in": q.nested_in,
                    "continued": q.continued,
                    "open_end": q.open_end,
                    "speaker": found.speaker_name(q),
                    "speaker_kind": found.speaker_name(q).map(|n| SpeakerKind::of(n).name()),
                    "speaker_mention": found.speaker_mention(q),
                    "speaker_start": q.speaker_mention.map(|m| m.0),
                    "speaker_end": q.speaker_mention.map(|m| m.1),
                    "rule": q.rule.name(),
                })
            })
            .collect();
        let unmatched: Vec<Value> = found
            .unmatched_marks()
            .iter()
            .map(|m| json!({"start": m.0, "end": m.1}))
            .collect();
        out = serde_json::to_string_pretty(
            &json!({ "quotes": quotes, "unmatched_marks": unmatched }),
        )
        .expect("JSON")
            + "\n";
    } else {
        for q in found.quotes() {
            let indent = if q.nested_in.is_some() { "    " } else { "" };
            let _ = writeln!(
                out,
                "{indent}{} bytes {}..{} ¶{}  “{}”",
                q.kind.name(),
                q.text.0,
                q.text.1,
                q.paragraph,
                found.text_of(q)
            );
            if let Some(name) = found.speaker_name(q) {
                let _ = writeln!(
                    out,
                    "{indent}    — {name}  (“{}”, {})",
                    found.speaker_mention(q).unwrap_or(""),
                    q.rule.name()
                );
            }
        }
        for m in found.unmatched_marks() {
            let _ = writeln!(out, "unmatched mark at bytes {}..{}", m.0, m.1);
        }
    }
    write_out(&out)
}

/// `--predict-jsonl IN OUT`: paragraphs grouped by `doc_id` into documents,
/// extracted as wholes, written back per paragraph with code-point offsets.
fn predict_jsonl(input: &Path, output: &Path, mut extractor: Extractor) -> ExitCode {
    let text = match read_text(input) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("quotecheck: error: {}: {e}", input.display());
            return ExitCode::from(2);
        }
    };
    let mut records: Vec<(String, String, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("quotecheck: error: {}:{}: {e}", input.display(), n + 1);
                return ExitCode::from(2);
            }
        };
        let field = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let (Some(id), Some(para)) = (field("id"), field("text")) else {
            eprintln!(
                "quotecheck: error: {}:{}: needs \"id\" and \"text\"",
                input.display(),
                n + 1
            );
            return ExitCode::from(2);
        };
        let doc = field("doc_id").unwrap_or_else(|| id.clone());
        records.push((id, doc, para));
    }
    let mut out = String::new();
    let mut i = 0;
    while i < records.len() {
        let doc = &records[i].1;
        let j = records[i..]
            .iter()
            .position(|r| &r.1 != doc)
            .map_or(records.len(), |p| i + p);
        // The document: its paragraphs joined by blank lines.
        let mut article = String::new();
        let mut starts = Vec::with_capacity(j - i);
        for r in &records[i..j] {
            if !article.is_empty() {
                article.push_str("\n\n");
            }
            starts.push(article.len());
            article.push_str(&r.2);
        }
        let found = extractor.extract(&article);
        let mut per_para: Vec<Vec<Value>> = vec![Vec::new(); j - i];
        for q in found.quotes() {
            if q.kind != QuoteKind::Speech || q.nested_in.is_some() {
                continue;
            }
            let at = q.text.0 as usize;
            let p = starts.partition_point(|&s| s <= at).saturating_sub(1);
            let base = starts[p];
            let para = &records[i + p].2;
            let (s, e) = (at - base, q.text.1 as usize - base);
            per_para[p].push(json!({
                "start": char_offset(para, s),
                "end": char_offset(para, e),
                "text": &para[s..e],
                // The dataset's speakers are mentions as written (a pronoun
                // resolved); the canonical name goes alongside.
                "speaker": if q.rule == Rule::Pronoun
                    || found.speaker_mention(q).is_some_and(is_pronoun)
                {
                    found.speaker_name(q)
                } else {
                    found.speaker_mention(q)
                },
                "speaker_name": found.speaker_name(q),
                "kind": q.kind.name(),
                "rule": q.rule.name(),
            }));
        }
        for (k, quotes) in per_para.into_iter().enumerate() {
            let line = json!({ "id": records[i + k].0, "quotes": quotes });
            out.push_str(&line.to_string());
            out.push('\n');
        }
        i = j;
    }
    if let Err(e) = std::fs::write(output, out) {
        eprintln!("quotecheck: error: {}: {e}", output.display());
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

fn is_pronoun(mention: &str) -> bool {
    matches!(
        mention.to_lowercase().as_str(),
        "he" | "she" | "they" | "we" | "i" | "er" | "sie" | "wir" | "ich"
    )
}

fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn write_out(out: &str) -> ExitCode {
    // A closed pipe (`| head`) is the reader's choice, not an error.
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("quotecheck: error: writing output: {e}");
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

fn speaker_json(at: SpeakerAt<'_>) -> Value {
    match at {
        SpeakerAt::Named(n) | SpeakerAt::Role(n) => json!(n),
        SpeakerAt::Unknown => json!("unknown"),
        SpeakerAt::NotGiven => Value::Null,
    }
}

/// `article`: the article the quote came from, with its code-point index.
fn report_json(report: &Report<'_>, w: &Wanted, article: Option<(&str, &CharIndex)>) -> Value {
    let best = report.best();
    let edits: Vec<Value> = best
        .map(|m| {
            m.edits()
                .iter()
                .map(|e| {
                    json!({
                        "op": e.op.name(), "change": e.change.name(),
                        "cosmetic": e.change.is_cosmetic(),
                        "quote_text": m.quote_text(e), "source_text": m.source_text(e),
                        "quote_start": e.quote.0, "quote_end": e.quote.1,
                        "source_start": e.source.0, "source_end": e.source.1,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let runners_up: Vec<Value> = report
        .matches()
        .skip(1)
        .map(|m| {
            json!({
                "source": m.source_id(), "source_start": m.range().start, "source_end": m.range().end,
                "score": round(m.score()), "verdict": m.verdict().name(), "matched_text": m.text(),
                "source_speaker": speaker_json(m.speaker()),
            })
        })
        .collect();
    let missing: Vec<&str> = report
        .missing_words()
        .map(|(a, b)| &w.text[a as usize..b as usize])
        .collect();
    let char_range = w
        .range
        .zip(article)
        .map(|((s, e), (a, chars))| (chars.char_offset(a, s), chars.char_offset(a, e)));
    let parts: Vec<Value> = report
        .parts()
        .iter()
        .map(|p| {
            let source = report.store().source(p.source_index());
            json!({
                "quote_start": p.quote_range().start, "quote_end": p.quote_range().end,
                "quote_text": &w.text[p.quote_range()],
                "source": source.id(),
                "source_start": p.range().start, "source_end": p.range().end,
                "matched_text": source.text().get(p.range()),
            })
        })
        .collect();
    json!({
        "text": w.text,
        "speaker": w.speaker,
        "speaker_kind": w.kind().map(SpeakerKind::name),
        "start": w.range.map(|r| r.0),
        "end": w.range.map(|r| r.1),
        "char_start": char_range.map(|r| r.0),
        "char_end": char_range.map(|r| r.1),
        "verdict": report.verdict().name(),
        "text_verdict": best.map(|m| m.text_verdict().name()),
        "score": round(report.score()),
        "source": best.map(|m| m.source_id()),
        "source_start": best.map(|m| m.range().start),
        "source_end": best.map(|m| m.range().end),
        "matched_text": best.map(|m| m.text()),
        "source_speaker": best.map_or(Value::Null, |m| speaker_json(m.speaker())),
        "source_time": best.and_then(|m| m.time()),
        "flags": report.flags().names().collect::<Vec<_>>(),
        "edits": edits,
        "missing_words": missing,
        "runners_up": runners_up,
        "parts": parts,
    })
}

fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// The report for people: verdict, who and where, and the differences.
fn render(out: &mut String, report: &Report<'_>, w: &Wanted) {
    let who = w.speaker.as_deref().unwrap_or("(no speaker)");
    let _ = writeln!(out, "“{}”  — {who}", w.text.trim());
    let verdict = report.verdict().name().to_uppercase().replace('_', " ");
    let flags: Vec<&str> = report.flags().names().collect();
    let _ = write!(out, "  {verdict}  score {:.2}", report.score());
    if !flags.is_empty() {
        let _ = write!(out, "  [{}]", flags.join(", "));
    }
    let _ = writeln!(out);
    if let Some(m) = report.best() {
        let speaker = match m.speaker() {
            SpeakerAt::Named(n) | SpeakerAt::Role(n) => n.to_string(),
            SpeakerAt::Unknown => "unknown speaker".into(),
            SpeakerAt::NotGiven => "speaker not given".into(),
        };
        let time = m.time().map(|t| format!(" at {t}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "  in {} bytes {}..{} ({speaker}{time})",
            m.source_id(),
            m.range().start,
            m.range().end
        );
        let _ = writeln!(
            out,
            "  source: “{}”",
            m.text().split_whitespace().collect::<Vec<_>>().join(" ")
        );
        for p in report.parts() {
            let source = report.store().source(p.source_index());
            let _ = writeln!(
                out,
                "  spliced: “{}” is in {} bytes {}..{}",
                &w.text[p.quote_range()],
                source.id(),
                p.range().start,
                p.range().end
            );
        }
        for e in m.edits() {
            let q = m.quote_text(e);
            let s = m
                .source_text(e)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let mark = if e.change.is_cosmetic() { " " } else { "!" };
            let _ = writeln!(out, "   {mark} {:<15} [-{s}-] {{+{q}+}}", e.change.name());
        }
        for other in report.matches().skip(1) {
            let _ = writeln!(
                out,
                "  also in {} bytes {}..{} ({}, score {:.2})",
                other.source_id(),
                other.range().start,
                other.range().end,
                other.verdict().name(),
                other.score()
            );
        }
    }
    let _ = writeln!(out);
}
