//! The report for people, on a terminal.

use std::fmt::Write as _;

use quotecheck::{Report, SpeakerAt};

use super::Wanted;

/// The report for people: verdict, who and where, and the differences.
pub fn render(out: &mut String, report: &Report<'_>, w: &Wanted) {
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
