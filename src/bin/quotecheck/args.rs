//! The command's arguments (clap derive) and the mode they ask for.

use std::path::PathBuf;

use clap::{ArgAction, Parser, ValueEnum};
use quotecheck::Verdict;

const ABOUT: &str = "Check the quotations of news copy against the sources they came from.";

const LONG_ABOUT: &str = "\
Check the quotations of news copy against the sources they came from.

quotecheck finds every direct quotation in an article, with its speaker, looks
for it in the sources (transcripts, speeches, statements) and says, for each,
whether the source has the words as quoted (verbatim), with cosmetic
differences only (minor), with words elided (ellipsis), with changed words
(altered, flagged when a change can reverse the meaning), not at all
(not_found), or in the mouth of someone else (misattributed).

SOURCES are files or folders. Folders are read recursively; a folder may hold
a sources.json manifest: [{\"id\", \"file\", \"title\", \"date\", \"speaker\",
\"speakers\": {\"LABEL\": \"Full Name\"}}]. A source's id is its manifest id,
else its file stem, else (two files with one stem) its path in the folder.";

const AFTER_HELP: &str = "\
Examples:
  quotecheck
      Check the bundled demo article against its bundled sources.
  quotecheck article.txt transcripts/
      Extract the article's quotes and check each against every source.
  quotecheck --html report.html article.txt transcripts/
      The same, and an HTML report with the article marked up.
  quotecheck --json --fail-on altered,misattributed article.txt transcripts/
      Machine-readable report; exit 1 if a quote is altered or misattributed.
  quotecheck --quotes quotes.json transcripts/
      Check a list [{\"text\": \"...\", \"speaker\": \"...\"}] instead of an article.
  quotecheck --save archive.qcs transcripts/
      Index the sources once into a store file ...
  quotecheck --store archive.qcs article.txt
      ... and check against it (opens in milliseconds).
  quotecheck --store archive.qcs --remove old-id --save archive.qcs new/
      Update a store: remove a source, add a folder.
  quotecheck --save archive.qcs --parts-mb 2000 transcripts/
      Build an archive larger than memory allows in parts of 2 GB of text
      (a part takes about four times its text in memory), merged into one.
  quotecheck --save archive.qcs --merge part-1.qcs part-2.qcs part-3.qcs
      Merge stores saved in parts into one.
  quotecheck --store archive.qcs --articles drafts/ --json-lines out.jsonl
      Check every article under drafts/ on every core: one JSON line each.
  quotecheck --extract article.txt
      List the article's quotes and their speakers without checking.

Exit status:
  0  every quote was checked (and none failed --fail-on)
  1  a quote's verdict is one --fail-on names
  2  a usage error, or a file that could not be read (the rest is still
     checked and reported)

The text report uses colour on a terminal; NO_COLOR or --color never turns it
off. --json is the stable machine format: fields are added, never renamed.";

/// The verdicts `--fail-on` may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Cosmetic differences only.
    Minor,
    /// Words elided where the quote has "...".
    Ellipsis,
    /// Words changed, added or dropped.
    Altered,
    /// Not in any source.
    #[value(name = "not_found", alias = "not-found")]
    NotFound,
    /// Said by someone other than the article's speaker.
    Misattributed,
}

impl FailOn {
    pub fn matches(self, v: Verdict) -> bool {
        matches!(
            (self, v),
            (FailOn::Minor, Verdict::Minor)
                | (FailOn::Ellipsis, Verdict::Ellipsis)
                | (FailOn::Altered, Verdict::Altered)
                | (FailOn::NotFound, Verdict::NotFound)
                | (FailOn::Misattributed, Verdict::Misattributed)
        )
    }
}

/// When the text report is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Parser, Debug)]
#[command(
    name = "quotecheck",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_long_help = AFTER_HELP,
    after_help = "Examples and exit codes: quotecheck --help",
    override_usage = "quotecheck [OPTIONS] [ARTICLE] [SOURCES]...\n       quotecheck [OPTIONS] --quotes QUOTES.json [SOURCES]...\n       quotecheck --save STORE [--store STORE] [--remove ID]... [SOURCES]...\n       quotecheck --save STORE --parts-mb N SOURCES...\n       quotecheck --save STORE --merge PARTS...\n       quotecheck [--json] --extract ARTICLE\n       quotecheck --articles DIR --json-lines OUT [--store STORE] [SOURCES]..."
)]
pub struct Args {
    /// The article, then its sources (files or folders). With --save or
    /// --quotes, every path is a source.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Print the report as JSON (the stable machine format).
    #[arg(long)]
    pub json: bool,

    /// Check the quotes of a JSON list [{"text", "speaker", "speaker_kind"}]
    /// instead of an article's.
    #[arg(long, value_name = "QUOTES.json")]
    pub quotes: Option<PathBuf>,

    /// Only list the article's quotes and speakers (no sources).
    #[arg(long, value_name = "ARTICLE")]
    pub extract: Option<PathBuf>,

    /// Extraction on paragraph JSON Lines ({"id", "doc_id", "text"}), written
    /// per paragraph with code-point offsets.
    #[arg(long, num_args = 2, value_names = ["IN", "OUT"])]
    pub predict_jsonl: Option<Vec<PathBuf>>,

    /// Single marks ('...') never open a top-level quote.
    #[arg(long)]
    pub no_single_quotes: bool,

    /// Check against (or, with --save, update) this store file.
    #[arg(long, value_name = "STORE")]
    pub store: Option<PathBuf>,

    /// Build a store file from the sources (and --store's) and write it.
    #[arg(long, value_name = "STORE")]
    pub save: Option<PathBuf>,

    /// With --save: the PATHS are store files (each written by --save),
    /// merged in order into the --save file without building anything: the
    /// file one build of all their sources writes.
    #[arg(long, requires = "save", conflicts_with_all = ["store", "remove"])]
    pub merge: bool,

    /// With --save: read and build the sources in parts of about N MB of
    /// text each, one at a time, and merge them into the store (the same
    /// file): for an archive larger than a build fits in memory (about four
    /// times its text).
    #[arg(long, value_name = "N", requires = "save", conflicts_with_all = ["store", "remove", "merge"],
          value_parser = clap::value_parser!(u32).range(1..))]
    pub parts_mb: Option<u32>,

    /// Remove a source (by id) before --save writes the store. Repeatable.
    #[arg(long, value_name = "ID", action = ArgAction::Append)]
    pub remove: Vec<String>,

    /// Exit with status 1 if a quote's verdict is one of these
    /// (comma-separated or repeated), e.g. for a newsroom's CI.
    #[arg(long, value_name = "VERDICTS", value_delimiter = ',', action = ArgAction::Append)]
    pub fail_on: Vec<FailOn>,

    /// Also write the report as one self-contained HTML file.
    #[arg(long, value_name = "OUT.html")]
    pub html: Option<PathBuf>,

    /// Check every article under this folder (or this one file), on every
    /// core, writing one JSON line per article to --json-lines.
    #[arg(long, value_name = "DIR", requires = "json_lines")]
    pub articles: Option<PathBuf>,

    /// Where --articles writes its lines (`-` for standard output): one
    /// {"article", "quotes": [...]} per article, in path order, each quote
    /// as --json gives it (or {"article", "error"} for one not read).
    #[arg(long, value_name = "OUT", requires = "articles")]
    pub json_lines: Option<PathBuf>,

    /// How many threads building a store and --articles use (default: one
    /// per core; a store file is the same whatever the number).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Colour in the text report.
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub color: ColorWhen,
}

/// What the arguments ask for.
pub enum Mode {
    /// `--extract ARTICLE`.
    Extract(PathBuf),
    /// `--predict-jsonl IN OUT`.
    Predict(PathBuf, PathBuf),
    /// `--save STORE --merge PARTS...`: store files merged into one.
    Merge { save: PathBuf, parts: Vec<PathBuf> },
    /// `--save STORE`: build or update a store.
    Save {
        save: PathBuf,
        sources: Vec<PathBuf>,
    },
    /// Check an article's quotes, or a list's.
    Check(Check),
    /// `--articles DIR --json-lines OUT`: many articles at once.
    Batch {
        articles: PathBuf,
        out: PathBuf,
        sources: Vec<PathBuf>,
    },
}

pub struct Check {
    /// `None` with `--quotes`.
    pub article: Option<Article>,
    pub quotes: Option<PathBuf>,
    pub sources: Vec<PathBuf>,
}

pub enum Article {
    File(PathBuf),
    /// The bundled demo (no arguments at all).
    Demo,
}

impl Args {
    /// The mode, or a usage error in words.
    pub fn mode(&self) -> Result<Mode, String> {
        let mut paths = self.paths.clone();
        if let Some(path) = &self.extract {
            if !paths.is_empty() || self.predict_jsonl.is_some() {
                return Err("--extract takes no sources".into());
            }
            return Ok(Mode::Extract(path.clone()));
        }
        if let Some(io) = &self.predict_jsonl {
            if !paths.is_empty() {
                return Err("--predict-jsonl takes no sources".into());
            }
            return Ok(Mode::Predict(io[0].clone(), io[1].clone()));
        }
        if let (Some(articles), Some(out)) = (&self.articles, &self.json_lines) {
            if self.save.is_some() || self.quotes.is_some() || self.html.is_some() {
                return Err("--articles takes no --save, --quotes or --html".into());
            }
            if paths.is_empty() && self.store.is_none() {
                return Err("no sources given (a --store, or source paths)".into());
            }
            return Ok(Mode::Batch {
                articles: articles.clone(),
                out: out.clone(),
                sources: paths,
            });
        }
        if let Some(save) = &self.save {
            if self.quotes.is_some() {
                return Err("--save builds a store; check against it with --store".into());
            }
            if self.merge {
                if paths.is_empty() {
                    return Err("--merge needs the store files to merge".into());
                }
                return Ok(Mode::Merge {
                    save: save.clone(),
                    parts: paths,
                });
            }
            if paths.is_empty() && self.store.is_none() {
                return Err("no sources given".into());
            }
            return Ok(Mode::Save {
                save: save.clone(),
                sources: paths,
            });
        }
        if !self.remove.is_empty() {
            return Err("--remove needs --save to write the changed store".into());
        }
        if paths.is_empty() && self.quotes.is_none() && self.store.is_none() {
            return Ok(Mode::Check(Check {
                article: Some(Article::Demo),
                quotes: None,
                sources: Vec::new(),
            }));
        }
        let article = if self.quotes.is_none() {
            if paths.is_empty() {
                return Err("no article given".into());
            }
            Some(Article::File(paths.remove(0)))
        } else {
            None
        };
        if paths.is_empty() && self.store.is_none() {
            return Err("no sources given".into());
        }
        Ok(Mode::Check(Check {
            article,
            quotes: self.quotes.clone(),
            sources: paths,
        }))
    }
}
