//! `--json`: the machine report. Its field names are a contract: add,
//! never rename or drop.

use quotecheck::{CharIndex, Report, SpeakerAt, SpeakerKind};
use serde_json::{Value, json};

use super::Wanted;

fn speaker_json(at: SpeakerAt<'_>) -> Value {
    match at {
        SpeakerAt::Named(n) | SpeakerAt::Role(n) => json!(n),
        SpeakerAt::Unknown => json!("unknown"),
        SpeakerAt::NotGiven => Value::Null,
    }
}

/// A quote that could not be checked: its text, speaker, place and the error.
pub fn error_json(w: &Wanted, e: &quotecheck::Error) -> Value {
    json!({
        "text": w.text, "speaker": w.speaker,
        "start": w.range.map(|r| r.0), "end": w.range.map(|r| r.1),
        "verdict": null, "error": e.to_string(),
    })
}

/// `article`: the article the quote came from, with its code-point index.
pub fn report_json(report: &Report<'_>, w: &Wanted, article: Option<(&str, &CharIndex)>) -> Value {
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
        // The correction an editor would print (null for a faithful quote
        // and for one not found).
        "suggested_text": quotecheck::review::suggested_text(report),
        // For a quote that cites a place (`source`, `source_start`): were
        // its words found only elsewhere? Null when it cites none.
        "found_elsewhere": report.found_elsewhere(),
    })
}

fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}
