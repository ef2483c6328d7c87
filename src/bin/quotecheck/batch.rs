//! `--articles DIR --json-lines OUT`: many articles checked against one
//! store, spread over every core.
//!
//! The store is shared by reference (`&Store` is all a check needs); each
//! thread has its own extractor and checker (their scratch is reused from
//! one article to the next) and takes the next article from a shared
//! counter, so a long article holds up one thread, not a queue. Lines are
//! written in the articles' path order whatever order they finish in: a
//! small reorder buffer keeps the ones that finished early.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use quotecheck::extract::Extractor;
use quotecheck::folder::{list_files, read_text};
use quotecheck::{CharIndex, Checker, Store};
use serde_json::json;

use super::args::FailOn;
use super::extract_quotes;
use super::json as report;

/// What the batch asks for.
pub struct Batch<'a> {
    pub articles: &'a Path,
    /// `-` for standard output.
    pub out: &'a Path,
    pub threads: usize,
    pub single_quotes: bool,
    pub fail_on: &'a [FailOn],
}

/// One article's line and what it counts for.
struct Done {
    line: String,
    quotes: usize,
    failed_check: bool,
    error: bool,
}

/// What the whole batch found, for the exit status and the summary.
pub struct Outcome {
    pub failed: bool,
    pub failed_check: bool,
}

/// Checks every article under `batch.articles` against `store`.
pub fn run(store: &Store, batch: &Batch<'_>) -> Outcome {
    let listed = list_files(batch.articles);
    let mut failed = !listed.errors.is_empty();
    for s in &listed.skipped {
        eprintln!("quotecheck: skipped {}: {}", s.path.display(), s.reason);
    }
    for e in &listed.errors {
        eprintln!("quotecheck: error: {e}");
    }
    let mut out: Box<dyn Write> = if batch.out == Path::new("-") {
        Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
    } else {
        match std::fs::File::create(batch.out) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => {
                eprintln!("quotecheck: error: {}: {e}", batch.out.display());
                return Outcome {
                    failed: true,
                    failed_check: false,
                };
            }
        }
    };
    let started = Instant::now();
    let paths = &listed.paths;
    let next = AtomicUsize::new(0);
    let threads = batch.threads.clamp(1, paths.len().max(1));
    let (send, receive) = mpsc::channel::<(usize, Done)>();
    let (mut quotes, mut failed_check, mut write_error) = (0usize, false, None);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let send = send.clone();
            let next = &next;
            scope.spawn(move || {
                let mut worker = Worker {
                    store,
                    extractor: Extractor::new().single_quotes(batch.single_quotes),
                    checker: Checker::new(),
                    chars: CharIndex::default(),
                    fail_on: batch.fail_on,
                };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    if send.send((i, worker.article(path))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Lines in path order: keep the early ones until their turn.
        let mut waiting = BTreeMap::new();
        let mut turn = 0;
        for (i, done) in receive {
            waiting.insert(i, done);
            while let Some(done) = waiting.remove(&turn) {
                turn += 1;
                quotes += done.quotes;
                failed_check |= done.failed_check;
                failed |= done.error;
                if write_error.is_none()
                    && let Err(e) = writeln!(out, "{}", done.line)
                {
                    write_error = Some(e);
                }
            }
        }
    });
    if let Some(e) = write_error.or_else(|| out.flush().err())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("quotecheck: error: writing {}: {e}", batch.out.display());
        failed = true;
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    eprintln!(
        "quotecheck: checked {} article(s), {quotes} quote(s) in {secs:.2} s on {threads} thread(s): \
         {:.1} articles/s, {:.1} quotes/s",
        paths.len(),
        paths.len() as f64 / secs,
        quotes as f64 / secs
    );
    Outcome {
        failed,
        failed_check,
    }
}

/// One thread's tools, reused from article to article.
struct Worker<'a> {
    store: &'a Store,
    extractor: Extractor,
    checker: Checker,
    chars: CharIndex,
    fail_on: &'a [FailOn],
}

impl Worker<'_> {
    /// One article's line: `{"article", "quotes": [...]}` with each quote as
    /// `--json` gives it, or `{"article", "error"}`.
    fn article(&mut self, path: &Path) -> Done {
        let name = path.display().to_string();
        let text = match read_text(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("quotecheck: error: {e}");
                return Done {
                    line: json!({ "article": name, "error": e.to_string() }).to_string(),
                    quotes: 0,
                    failed_check: false,
                    error: true,
                };
            }
        };
        let wanted = extract_quotes(&text, &mut self.extractor);
        self.chars.build(&text);
        let (mut results, mut failed_check, mut error) = (Vec::new(), false, false);
        for w in &wanted {
            match super::check_wanted(&mut self.checker, self.store, w) {
                Ok(report) => {
                    failed_check |= self.fail_on.iter().any(|f| f.matches(report.verdict()));
                    results.push(report::report_json(&report, w, Some((&text, &self.chars))));
                }
                Err(e) => {
                    error = true;
                    results.push(report::error_json(w, &e));
                }
            }
        }
        Done {
            line: json!({ "article": name, "quotes": results }).to_string(),
            quotes: wanted.len(),
            failed_check,
            error,
        }
    }
}
