//! The `quotecheck` command: a thin layer over the library that reads files,
//! runs extraction and checks, and prints the reports. `quotecheck --help`
//! teaches its use; the exit codes are in [`args`].

mod args;
mod batch;
mod demo;
mod extract;
mod json;
mod parts;
mod sources;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use quotecheck::extract::{Extractor, QuoteKind};
use quotecheck::review::{self, Review};
use quotecheck::{CharIndex, Checker, SpeakerKind, Store};
use serde_json::json;

use args::{Args, Article, Check, ColorWhen, FailOn, Mode};

/// Exit status: every quote checked and none failed `--fail-on`.
const EXIT_OK: u8 = 0;
/// Exit status: a quote's verdict is one `--fail-on` names.
const EXIT_FAILED_CHECK: u8 = 1;
/// Exit status: a usage error, or an input that could not be read.
const EXIT_ERROR: u8 = 2;

/// A quote to check, with where it sits in the article (if it came from one).
pub struct Wanted {
    pub text: String,
    pub speaker: Option<String>,
    /// The kind of speaker, when known (else inferred from the name).
    pub kind: Option<SpeakerKind>,
    pub range: Option<(usize, usize)>,
    /// The place it claims to come from (a `--quotes` entry's `source` and
    /// `source_start`): checked there first.
    pub cited: Option<(String, Option<usize>)>,
}

impl Wanted {
    pub fn kind(&self) -> Option<SpeakerKind> {
        self.kind
            .or_else(|| self.speaker.as_deref().map(SpeakerKind::of))
    }
}

pub fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            // --help and --version print to stdout and succeed; usage errors
            // print to stderr with exit status 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_ERROR } else { EXIT_OK });
        }
    };
    let mode = match args.mode() {
        Ok(m) => m,
        Err(msg) => {
            eprintln!("quotecheck: {msg}\n\nFor usage and examples: quotecheck --help");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let extractor = Extractor::new().single_quotes(!args.no_single_quotes);
    match mode {
        Mode::Extract(path) => extract::extract_only(&path, extractor, args.json),
        Mode::Predict(input, output) => extract::predict_jsonl(&input, &output, extractor),
        Mode::Save { save, sources } => save_store(&args, &save, &sources),
        Mode::Merge { save, parts } => merge_stores(&save, &parts),
        Mode::Check(check) => run_check(&args, check, extractor),
        Mode::Batch {
            articles,
            out,
            sources,
        } => run_batch(&args, &articles, &out, &sources),
    }
}

/// Opens `--store` if given, else an empty store; either builds on
/// `--threads`.
fn open_store(args: &Args) -> Result<Store, ExitCode> {
    let mut store = open_or_new(args)?;
    store.set_threads(args.threads.map_or(0, usize::from));
    Ok(store)
}

fn open_or_new(args: &Args) -> Result<Store, ExitCode> {
    match &args.store {
        Some(path) => Store::open(path).map_err(|e| {
            eprintln!("quotecheck: error: {}: {e}", path.display());
            ExitCode::from(EXIT_ERROR)
        }),
        None => Ok(Store::new()),
    }
}

/// `--store` (or an empty store) with the sources at `paths` added; a file
/// that cannot be read or added is said on stderr and sets `failed`.
fn store_with(args: &Args, paths: &[PathBuf], failed: &mut bool) -> Result<Store, ExitCode> {
    let mut store = open_store(args)?;
    let mut progress = sources::Progress::new();
    let files = sources::read_all(paths, &mut progress, failed);
    progress.finish();
    sources::add_all(&mut store, files, failed);
    Ok(store)
}

/// `--save STORE [SOURCES...]`: build or update a store file.
fn save_store(args: &Args, save: &Path, paths: &[PathBuf]) -> ExitCode {
    if let Some(part_mb) = args.parts_mb {
        let threads = args.threads.map_or(0, usize::from);
        let failed = parts::save_in_parts(save, paths, part_mb, threads);
        return ExitCode::from(if failed { EXIT_ERROR } else { EXIT_OK });
    }
    let mut failed = false;
    let mut store = match store_with(args, paths, &mut failed) {
        Ok(s) => s,
        Err(code) => return code,
    };
    for id in &args.remove {
        if let Err(e) = store.remove(id) {
            eprintln!("quotecheck: error: --remove {id}: {e}");
            failed = true;
        }
    }
    let started = std::time::Instant::now();
    if let Err(e) = store.save(save) {
        eprintln!("quotecheck: error: {e}");
        return ExitCode::from(EXIT_ERROR);
    }
    eprintln!(
        "quotecheck: saved {} source(s), {} words, {:.1} MB of text to {} in {:.2} s",
        store.len(),
        store.word_count(),
        store.text_bytes() as f64 / 1e6,
        save.display(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::from(if failed { EXIT_ERROR } else { EXIT_OK })
}

/// `--save STORE --merge PARTS...`: store files merged into one.
fn merge_stores(save: &Path, parts: &[PathBuf]) -> ExitCode {
    let started = std::time::Instant::now();
    match Store::merge_files(parts, save) {
        Ok(n) => {
            eprintln!(
                "quotecheck: merged {} store file(s), {n} source(s), into {} in {:.2} s",
                parts.len(),
                save.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            eprintln!("quotecheck: error: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Checks an article's quotes (or a list's) and prints the report.
fn run_check(args: &Args, check: Check, extractor: Extractor) -> ExitCode {
    let mut failed = false;
    let mut store = match store_with(args, &check.sources, &mut failed) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (article_name, article, wanted) =
        match read_input(&check, extractor, &mut store, &mut failed) {
            Ok(input) => input,
            Err(code) => return code,
        };
    let mut checker = Checker::new();
    // Code-point offsets of the article, for every quote in one pass.
    let mut chars = CharIndex::default();
    if let Some(a) = &article {
        chars.build(a);
    }
    let mut results = Vec::new();
    let mut reviews = Vec::new();
    let mut failed_check = false;
    for w in &wanted {
        let range = w.range.map(|(s, e)| s..e);
        match check_wanted(&mut checker, &store, w) {
            Ok(report) => {
                failed_check |= args
                    .fail_on
                    .iter()
                    .any(|f: &FailOn| f.matches(report.verdict()));
                if args.json {
                    let at = article.as_deref().map(|a| (a, &chars));
                    results.push(json::report_json(&report, w, at));
                }
                if !args.json || args.html.is_some() {
                    reviews.push(Review::of(&report, range));
                }
            }
            Err(e) => {
                failed = true;
                if args.json {
                    results.push(json::error_json(w, &e));
                }
                reviews.push(Review::failed(&w.text, w.speaker.as_deref(), range, &e));
            }
        }
    }
    if let Some(path) = &args.html {
        let page = review::html::render(&article_name, article.as_deref(), &reviews);
        if let Err(e) = std::fs::write(path, page) {
            eprintln!("quotecheck: error: {}: {e}", path.display());
            failed = true;
        }
    }
    let out = if args.json {
        serde_json::to_string_pretty(&json!({ "quotes": results })).expect("JSON") + "\n"
    } else {
        format!(
            "{} quote(s) in {article_name} against {} source(s)\n\n{}",
            wanted.len(),
            store.len(),
            review::text::render(&reviews, use_color(args.color))
        )
    };
    let code = write_out(&out);
    if code != ExitCode::SUCCESS || failed {
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::from(if failed_check {
        EXIT_FAILED_CHECK
    } else {
        EXIT_OK
    })
}

/// Checks one quote: at the place it cites, if it cites one.
fn check_wanted<'a>(
    checker: &'a mut Checker,
    store: &'a Store,
    w: &'a Wanted,
) -> Result<quotecheck::Report<'a>, quotecheck::Error> {
    let kind = w.kind().unwrap_or(SpeakerKind::Unknown);
    match &w.cited {
        None => checker.check_as(store, &w.text, w.speaker.as_deref(), kind),
        Some((id, at)) => checker.check_at(store, &w.text, w.speaker.as_deref(), kind, id, *at),
    }
}

/// `--articles DIR --json-lines OUT`: a batch over every core.
fn run_batch(args: &Args, articles: &Path, out: &Path, sources: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    let store = match store_with(args, sources, &mut failed) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let threads = args.threads.map(usize::from).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let outcome = batch::run(
        &store,
        &batch::Batch {
            articles,
            out,
            threads,
            single_quotes: !args.no_single_quotes,
            fail_on: &args.fail_on,
        },
    );
    if failed || outcome.failed {
        ExitCode::from(EXIT_ERROR)
    } else if outcome.failed_check {
        ExitCode::from(EXIT_FAILED_CHECK)
    } else {
        ExitCode::from(EXIT_OK)
    }
}

/// The article (its name and text, if there is one) and the quotes to
/// check; the demo's sources are added to the store here.
fn read_input(
    check: &Check,
    extractor: Extractor,
    store: &mut Store,
    failed: &mut bool,
) -> Result<(String, Option<String>, Vec<Wanted>), ExitCode> {
    if let Some(q) = &check.quotes {
        return match read_quotes(q) {
            Ok(w) => Ok((q.display().to_string(), None, w)),
            Err(e) => {
                eprintln!("quotecheck: error: {}: {e}", q.display());
                Err(ExitCode::from(EXIT_ERROR))
            }
        };
    }
    let (name, text) = match &check.article {
        Some(Article::Demo) => {
            let docs = demo::sources().map_err(|e| {
                eprintln!("quotecheck: error: {e}");
                ExitCode::from(EXIT_ERROR)
            })?;
            let names: Vec<PathBuf> = docs.iter().map(|d| PathBuf::from(&d.id)).collect();
            sources::add_docs(store, &names, docs, failed);
            (demo::ARTICLE_NAME.to_string(), demo::ARTICLE.to_string())
        }
        Some(Article::File(path)) => match read_text(path) {
            Ok(text) => (path.display().to_string(), text),
            Err(e) => {
                eprintln!("quotecheck: error: {}: {e}", path.display());
                return Err(ExitCode::from(EXIT_ERROR));
            }
        },
        None => unreachable!("Args::mode gives an article or --quotes"),
    };
    let mut extractor = extractor;
    let wanted = extract_quotes(&text, &mut extractor);
    Ok((name, Some(text), wanted))
}

/// Colour on a terminal unless `NO_COLOR` is set (https://no-color.org), or
/// as `--color` says.
fn use_color(when: ColorWhen) -> bool {
    use std::io::IsTerminal;
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Reads a `--quotes` list: `[{"text", "speaker", "speaker_kind", "source",
/// "source_start"}]`, where `speaker_kind` (`person`, `role`, `group`,
/// `organisation`, `unknown`) is inferred from the name when absent, and
/// `source` (a source id) with `source_start` (a byte offset) is the place the
/// quote cites, checked first.
fn read_quotes(path: &Path) -> Result<Vec<Wanted>, String> {
    let text = read_text(path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let list: Vec<serde_json::Value> =
        serde_json::from_str(text).map_err(|e| format!("not a JSON list of quotes: {e}"))?;
    list.iter()
        .enumerate()
        .map(|(i, q)| {
            let field = |key: &str| match q.get(key) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
                Some(other) => Err(format!(
                    "quote {}: `{key}` must be a string or null, not {other}",
                    i + 1
                )),
            };
            let text = field("text")?.ok_or_else(|| format!("quote {}: `text` is missing", i + 1))?;
            let kind = match field("speaker_kind")? {
                None => None,
                Some(k) => Some(SpeakerKind::from_name(&k).ok_or_else(|| {
                    format!(
                        "quote {}: speaker_kind {k:?} is not person, role, group, organisation or unknown",
                        i + 1
                    )
                })?),
            };
            let start = match q.get("source_start") {
                None | Some(serde_json::Value::Null) => None,
                Some(v) => Some(v.as_u64().and_then(|n| usize::try_from(n).ok()).ok_or_else(|| {
                    format!("quote {}: `source_start` must be a byte offset (a whole number), not {v}", i + 1)
                })?),
            };
            let cited = field("source")?.map(|id| (id, start));
            Ok(Wanted {
                text,
                speaker: field("speaker")?,
                kind,
                range: None,
                cited,
            })
        })
        .collect()
}

/// The article's speech quotes, each with the speaker extraction found.
fn extract_quotes(article: &str, extractor: &mut Extractor) -> Vec<Wanted> {
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
            cited: None,
        })
        .collect()
}

pub fn write_out(out: &str) -> ExitCode {
    // A closed pipe (`| head`) is the reader's choice, not an error.
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("quotecheck: error: writing output: {e}");
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::SUCCESS
}
