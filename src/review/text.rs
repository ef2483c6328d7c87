//! The report for a terminal: one block per quote, the verdict in words and
//! colour, who said it per the article and per the source, where, and each
//! difference as a sentence; a legend once at the end.
//!
//! ```
//! use quotecheck::{Checker, SourceDoc, Store, review::{Review, text}};
//! let mut store = Store::new();
//! store.add(SourceDoc::new("hearing", "I will not raise taxes this year.").speaker("Ana Diaz"))?;
//! let mut checker = Checker::new();
//! let report = checker.check(&store, "I will raise taxes this year.", Some("Ana Diaz"))?;
//! let out = text::render(&[Review::of(&report, None)], false);
//! assert!(out.contains("ALTERED"));
//! assert!(out.contains("meaning reversed"));
//! assert!(out.contains("print instead: “I will not raise taxes this year.”"));
//! # Ok::<(), quotecheck::Error>(())
//! ```

use std::fmt::Write as _;

use super::{Place, Review, Severity, Weight, squeeze, verdict_words};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";

fn colour(s: Severity) -> &'static str {
    match s {
        Severity::Good => "\x1b[32m",
        Severity::Check => "\x1b[33m",
        Severity::Wrong => "\x1b[31m",
    }
}

/// Draws the reviews as text; `color` adds ANSI colours (give `false` when
/// the output is not a terminal or `NO_COLOR` is set).
pub fn render(reviews: &[Review], color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for r in reviews {
        let _ = writeln!(out, "“{}”", squeeze(&r.quote));
        if let Some(e) = &r.error {
            let _ = writeln!(
                out,
                "  {}  the quote could not be checked: {e}\n",
                paint(colour(Severity::Wrong), "ERROR")
            );
            continue;
        }
        let verdict = r.verdict.name().to_uppercase().replace('_', " ");
        let _ = writeln!(
            out,
            "  {}  {}  (score {:.2})",
            paint(&format!("{BOLD}{}", colour(r.severity)), &verdict),
            verdict_words(r.verdict),
            r.score
        );
        let notes: Vec<&str> = r.flags.names().collect();
        if !notes.is_empty() {
            let _ = writeln!(out, "  notes:   {}", notes.join(", "));
        }
        if r.found_elsewhere == Some(true) {
            let _ = writeln!(
                out,
                "  {}",
                paint(
                    colour(Severity::Check),
                    "not in the place it cites: found elsewhere"
                )
            );
        }
        let article = r.claimed_speaker.as_deref().unwrap_or("nobody named");
        match &r.found {
            Some(place) => {
                let source = place
                    .speaker
                    .as_deref()
                    .unwrap_or("not given in the source");
                let _ = writeln!(
                    out,
                    "  speaker: {article} (per the article) · {source} (per the source)"
                );
                let _ = writeln!(out, "  where:   {}", where_text(place));
                let _ = writeln!(out, "  source:  “{}”", squeeze(&place.text));
            }
            None => {
                let _ = writeln!(out, "  speaker: {article} (per the article)");
            }
        }
        for (range, place) in &r.parts {
            let part = r.quote.get(range.clone()).unwrap_or("");
            let _ = writeln!(
                out,
                "  part:    “{}” is in {}",
                squeeze(part),
                where_text(place)
            );
        }
        for d in &r.differences {
            let mark = match d.weight {
                Weight::Harmless => paint(DIM, "·"),
                Weight::Changed => paint(colour(Severity::Check), "~"),
                Weight::Critical => paint(colour(Severity::Wrong), "!"),
            };
            let _ = writeln!(out, "    {mark} {}", d.sentence);
        }
        if let Some(fix) = &r.suggested_text {
            let _ = writeln!(out, "  print instead: “{fix}”");
        }
        if let Some(who) = r.attribute_to() {
            let _ = writeln!(out, "  attribute to:  {who}");
        }
        for other in r.runners_up.iter().take(3) {
            let _ = writeln!(
                out,
                "  {} {} ({}, score {:.2})",
                paint(DIM, "also:"),
                where_text(other),
                other.verdict.name(),
                other.score
            );
        }
        out.push('\n');
    }
    out.push_str(&legend(color));
    out
}

/// "Title" (id), line L, column C, at 00:12:34.
fn where_text(place: &Place) -> String {
    let mut s = match &place.title {
        Some(t) => format!("“{t}” ({})", place.source_id),
        None => place.source_id.clone(),
    };
    let _ = write!(s, ", line {}, column {}", place.line, place.column);
    if let Some(t) = &place.time {
        let _ = write!(s, ", at {t}");
    }
    s
}

fn legend(color: bool) -> String {
    let paint = |s: Severity, t: &str| {
        if color {
            format!("{}{t}{RESET}", colour(s))
        } else {
            t.to_string()
        }
    };
    format!(
        "Legend: {} verbatim, minor (cosmetic differences only) · {} ellipsis, or a note to look at \
         (speaker not confirmed, crosses a turn) · {} altered, misattributed, not found.\n\
         Differences: · harmless (case, punctuation, brackets, elisions)  ~ the words differ  \
         ! can change the meaning (a negation, a number, a name).\n",
        paint(Severity::Good, "green"),
        paint(Severity::Check, "amber"),
        paint(Severity::Wrong, "red"),
    )
}
