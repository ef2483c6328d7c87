//! `--extract` and `--predict-jsonl`: extraction without checking.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use quotecheck::extract::{Extractor, QuoteKind, Rule};
use quotecheck::{CharIndex, SpeakerKind};
use serde_json::{Value, json};

use super::{read_text, write_out};

/// `--extract ARTICLE`: the quotes alone.
pub fn extract_only(path: &Path, mut extractor: Extractor, as_json: bool) -> ExitCode {
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
pub fn predict_jsonl(input: &Path, output: &Path, mut extractor: Extractor) -> ExitCode {
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
