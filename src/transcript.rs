//! Transcript layout: speaker turns, labels, time stamps, cues and markup.
//!
//! [`read`] scans a source once and returns its [`Layout`]: which byte ranges
//! are layout rather than speech (labels, time stamps, cue numbers, markup,
//! front matter), which are editorial (struck text), and who speaks where.
//!
//! Formats recognised (all seen in real newsroom sources):
//! - White House / Pentagon / State: `MS. JEAN-PIERRE:`, `MR. KIRBY:`,
//!   `BRIGADIER GENERAL PAT RYDER:`, reporters as `Q` with no colon, two
//!   labels fused on one line (`Q    MR. KIRBY:`), `**PRESIDENT X:**`;
//! - CNN: `JOHN KIRBY, NSC COORDINATOR ...:` then `KIRBY:`, `UNIDENTIFIED MALE:`;
//! - Rev: `Karine Jean-Pierre: (00:05)` and `Don Lemon (00:00):`, bare
//!   `(01:09)` stamps, `Speaker 1:` for unknown voices;
//! - captions: `>>` turns with no names, `host:`/`guest:` roles, `7:15 pm`;
//! - SRT and WebVTT: cue numbers and timings (also all on one line, as some
//!   scrapers leave them), `<v Name>` voices;
//! - interviews: `Q:`/`A:` (the answer's speaker is the metadata's), and
//!   `VOA:` / `John Kirby, National Security Council coordinator ...:`;
//! - hearings and debates: `Mr. NORTH:`, `Mr. SULLIVAN. What is it?`,
//!   `Chairman INOUYE.`, `MR. SMITH.`, `Governor Clinton.`, `GORE:`.
//!
//! A label's name is resolved to a person in this order: the metadata's
//! `speakers` map; an earlier label of the same source with the same surname
//! and a full name (`JOHN KIRBY, ...` then `KIRBY:`); the source's header
//! (title, first lines) naming someone with that surname; the label itself
//! with titles removed, in title case.

#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::ops::Range;

use memchr::memmem;

use crate::source::{SourceDoc, SourceKind, TimeMark, Turn};
use crate::speaker;

/// Only the first bytes of a source are searched for a header naming its
/// speakers; a label-like line deep in a long text must not make every label
/// scan the whole text.
const HEADER_BYTES: usize = 4096;

/// A label line's name part has at most this many words (`BRIGADIER GENERAL
/// PAT RYDER` has four); longer upper-case runs are shouted prose.
const MAX_LABEL_WORDS: usize = 6;

/// What [`read`] found.
#[derive(Debug, Default, Clone)]
pub struct Layout {
    /// Distinct speaker names; turns point into it.
    pub speakers: Vec<String>,
    /// Speaker turns in order, not overlapping.
    pub turns: Vec<Turn>,
    /// Time stamps in order.
    pub times: Vec<TimeMark>,
    /// Sorted, non-overlapping byte ranges that are layout, not speech.
    pub structure: Vec<Range<u32>>,
    /// Sorted byte ranges of struck (`<s>`) text.
    pub editorial: Vec<Range<u32>>,
    /// Was the source read as a transcript?
    pub is_transcript: bool,
}

/// Reads the layout of a source.
///
/// (Example: the unit test `examples::read_example`.)
pub fn read(doc: &SourceDoc) -> Layout {
    read_with_text(doc, &doc.text)
}

/// [`read`] for a source whose text is held apart from its record (a store
/// file's source, its text read from the file): `doc`'s own text is not
/// looked at.
pub fn read_with_text(doc: &SourceDoc, text: &str) -> Layout {
    let mut reader = Reader {
        text,
        doc,
        layout: Layout::default(),
        labels: Vec::new(),
        known: HashMap::new(),
        speaker_index: HashMap::new(),
        manifest_keys: doc
            .speakers
            .iter()
            .map(|(label, _)| speaker::label_key(label))
            .collect(),
    };
    reader.front_matter();
    reader.markup();
    reader.cue_timings();
    reader.inline_times();
    if doc.kind != SourceKind::Plain {
        reader.lines();
    }
    let labelled = reader.labels.len();
    let cued = !reader.layout.times.is_empty()
        && reader
            .layout
            .structure
            .iter()
            .any(|r| text[r.start as usize..r.end as usize].contains("-->"));
    reader.layout.is_transcript = match doc.kind {
        SourceKind::Plain => false,
        SourceKind::Transcript => true,
        // One label is enough when the metadata names who it is.
        SourceKind::Auto => labelled >= 2 || cued || (labelled == 1 && !doc.speakers.is_empty()),
    };
    if reader.layout.is_transcript {
        reader.build_turns();
    }
    let mut layout = reader.layout;
    normalise(&mut layout.structure);
    normalise(&mut layout.editorial);
    layout.times.sort_by_key(|t| t.at);
    layout
}

fn normalise(ranges: &mut Vec<Range<u32>>) {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<u32>> = Vec::with_capacity(ranges.len());
    for r in ranges.drain(..) {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    *ranges = out;
}

/// Who a label names, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Voice {
    /// A name as written (byte range of the name part).
    Name(u32, u32),
    /// A reporter's question (`Q`).
    Reporter,
    /// The interviewee (`A:`): the metadata's speaker.
    Answer,
    /// A voice the source does not name (`>>`, `Speaker 1`, `host:`).
    Unnamed,
}

struct Label {
    /// Byte range of the whole label (removed from matching).
    range: (u32, u32),
    voice: Voice,
}

struct Reader<'a> {
    text: &'a str,
    doc: &'a SourceDoc,
    layout: Layout,
    labels: Vec<Label>,
    /// Full names seen so far in this source's labels, for surname-only
    /// ones: by lower-case surname, the first full name with it.
    known: HashMap<String, String>,
    /// Where each speaker name is in `layout.speakers`.
    speaker_index: HashMap<String, u32>,
    /// The manifest's labels, normalised once ([`speaker::label_key`]).
    manifest_keys: Vec<String>,
}

impl Reader<'_> {
    fn structure(&mut self, start: usize, end: usize) {
        if start < end {
            self.layout.structure.push(start as u32..end as u32);
        }
    }

    fn time(&mut self, start: usize, end: usize) {
        self.layout.times.push(TimeMark {
            at: start as u32,
            text: (start as u32, end as u32),
        });
        self.structure(start, end);
    }

    /// YAML front matter (`---` ... `---`) at the very start.
    fn front_matter(&mut self) {
        if let Some(rest) = self.text.strip_prefix("---\n")
            && let Some(end) = rest.find("\n---")
        {
            let end = 4 + end + 4;
            self.structure(0, end.min(self.text.len()));
        }
    }

    /// HTML-like tags, struck text and WebVTT voices.
    fn markup(&mut self) {
        let bytes = self.text.as_bytes();
        let mut struck_from: Option<usize> = None;
        for lt in memchr::memchr_iter(b'<', bytes) {
            let Some(len) = bytes[lt + 1..]
                .iter()
                .take(80)
                .position(|&b| b == b'>' || b == b'<' || b == b'\n')
            else {
                continue;
            };
            let gt = lt + 1 + len;
            if bytes[gt] != b'>' {
                continue;
            }
            let inner = &self.text[lt + 1..gt];
            let name = inner.trim_start_matches('/');
            if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            self.structure(lt, gt + 1);
            if inner == "s" || inner == "del" || inner == "strike" {
                struck_from = Some(gt + 1);
            } else if (inner == "/s" || inner == "/del" || inner == "/strike")
                && struck_from.is_some()
            {
                let from = struck_from.take().unwrap_or(lt);
                self.layout.editorial.push(from as u32..lt as u32);
            } else if inner == "strong" || inner == "b" {
                // `<strong>Mr. NORTH</strong>: ...`: a label set in bold.
                if let Some(label) = self.bold_label(gt + 1, inner) {
                    self.labels.push(label);
                }
            } else if let Some(voice) = voice_tag(inner) {
                let start = gt - voice.len() + (voice.len() - voice.trim_start().len());
                self.labels.push(Label {
                    range: (lt as u32, (gt + 1) as u32),
                    voice: Voice::Name(start as u32, (start + voice.trim().len()) as u32),
                });
            }
        }
    }

    /// A speaker label wrapped in a bold tag that opens at `lt` and whose
    /// content starts at `from`: the name, the closing tag, then `:` or `.`.
    fn bold_label(&self, from: usize, tag: &str) -> Option<Label> {
        let rest = &self.text[from..];
        let close = rest.get(..rest.len().min(90))?.find("</")?;
        let name = &rest[..close];
        let after_tag = &rest[close..];
        let tag_end = after_tag.find('>')? + 1;
        if after_tag[2..tag_end - 1] != *tag {
            return None;
        }
        let punct = after_tag[tag_end..].chars().next()?;
        if !matches!(punct, ':' | '.') || name.contains(['<', '\n']) {
            return None;
        }
        let written = format!("{name}{punct}");
        let (len, voice) = label_at(&written)?;
        if len != written.len() {
            return None;
        }
        let lt = from - tag.len() - 2;
        let mut end = from + close + tag_end + 1;
        end += self.text[end..].len() - self.text[end..].trim_start_matches(is_space).len();
        Some(Label {
            range: (lt as u32, end as u32),
            voice: shift(voice, from as u32),
        })
    }

    /// SRT/WebVTT cue timings (`00:00:04,000 --> 00:00:06,056` plus cue
    /// settings), with the cue number before them; also the one-line form.
    fn cue_timings(&mut self) {
        let bytes = self.text.as_bytes();
        let is_ts = |b: u8| b.is_ascii_digit() || b == b':' || b == b',' || b == b'.';
        for arrow in memmem::find_iter(bytes, b"-->") {
            let mut start = arrow;
            while start > 0 && bytes[start - 1] == b' ' {
                start -= 1;
            }
            let ts_end = start;
            while start > 0 && is_ts(bytes[start - 1]) {
                start -= 1;
            }
            if ts_end - start < 5 || !bytes[start..ts_end].contains(&b':') {
                continue;
            }
            let ts_start = start;
            // The cue number: digits alone before the timing.
            let mut n = start;
            while n > 0 && matches!(bytes[n - 1], b' ' | b'\n' | b'\r') {
                n -= 1;
            }
            let digits_end = n;
            while n > 0 && bytes[n - 1].is_ascii_digit() {
                n -= 1;
            }
            if n < digits_end && (n == 0 || matches!(bytes[n - 1], b' ' | b'\n' | b'\r')) {
                start = n;
            }
            let mut end = arrow + 3;
            while end < bytes.len() && bytes[end] == b' ' {
                end += 1;
            }
            while end < bytes.len() && is_ts(bytes[end]) {
                end += 1;
            }
            // Cue settings (WebVTT) run to the end of the timing line, but
            // only when the timing is on a line of its own.
            let line_start = bytes[..ts_start].iter().rposition(|&b| b == b'\n');
            let own_line = line_start.map_or(0, |p| p + 1) == ts_start;
            self.time(ts_start, end);
            if own_line {
                let settings_end = bytes[end..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| end + p);
                self.structure(end, settings_end);
                // A WebVTT cue identifier: the line right before the timing,
                // after a blank line ("intro-question").
                if start == ts_start
                    && let Some(id) = cue_identifier(self.text, ts_start)
                {
                    start = id;
                }
            }
            self.structure(start, ts_start);
        }
        if self.text.starts_with("WEBVTT") {
            let end = self.text.find("\n\n").unwrap_or(self.text.len());
            self.structure(0, end);
            // NOTE, STYLE and REGION blocks run to the next blank line.
            for block in ["\n\nNOTE", "\n\nSTYLE", "\n\nREGION"] {
                for at in memmem::find_iter(bytes, block.as_bytes()) {
                    let from = at + 2;
                    let to = self.text[from..]
                        .find("\n\n")
                        .map_or(self.text.len(), |p| from + p);
                    self.structure(from, to);
                }
            }
        }
    }

    /// `(00:22)`, `(01:02:03)`, `[14:00:00]` anywhere.
    fn inline_times(&mut self) {
        let bytes = self.text.as_bytes();
        let mut i = 0;
        while let Some(p) = memchr::memchr2(b'(', b'[', &bytes[i..]) {
            let open = i + p;
            let close = if bytes[open] == b'(' { b')' } else { b']' };
            let mut j = open + 1;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b':') {
                j += 1;
            }
            let inner = &bytes[open + 1..j];
            if j < bytes.len()
                && bytes[j] == close
                && inner.len() >= 4
                && inner.contains(&b':')
                && inner[0].is_ascii_digit()
            {
                self.time(open, j + 1);
                i = j + 1;
            } else {
                i = open + 1;
            }
        }
    }

    fn lines(&mut self) {
        let text = self.text;
        let mut line_start = 0;
        while line_start < text.len() {
            let line_end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |p| line_start + p);
            self.line(line_start, line_end);
            line_start = line_end + 1;
        }
    }

    fn line(&mut self, start: usize, end: usize) {
        let line = &self.text[start..end];
        let trimmed = line.trim_start_matches(is_space);
        let mut at = start + (line.len() - trimmed.len());
        if trimmed.is_empty() {
            return;
        }
        if is_clock_line(trimmed.trim_end_matches(is_space)) {
            self.time(at, end);
            return;
        }
        // Caption turns: any number of `>>` markers inside the line.
        if trimmed.contains(">>") {
            let mut from = 0;
            while let Some(p) = line[from..].find(">>") {
                let s = start + from + p;
                let mut e = s + 2;
                // A role or name after the marker: `>> host:`.
                let rest = &self.text[e..end];
                let rest_trim = rest.trim_start_matches(is_space);
                let ws = rest.len() - rest_trim.len();
                let voice = match label_at(rest_trim) {
                    Some((len, voice)) => {
                        e += ws + len;
                        shift(voice, (e - len) as u32)
                    }
                    None => Voice::Unnamed,
                };
                self.labels.push(Label {
                    range: (s as u32, e as u32),
                    voice,
                });
                from = e - start;
            }
            return;
        }
        // Up to two labels at the line start (`Q    MR. KIRBY:` happens).
        for fused in [false, true] {
            let rest = &self.text[at..end];
            let Some((len, voice)) = label_at(rest) else {
                break;
            };
            // A second label needs its colon: in "Chairman INOUYE: Mr.
            // Nields." the chairman is calling on counsel, not handing over.
            if fused && !rest[..len].trim_end().ends_with([':', '*']) {
                break;
            }
            let voice = shift(voice, at as u32);
            let mut label_end = at + len;
            let after = &self.text[label_end..end];
            label_end += after.len() - after.trim_start_matches(is_space).len();
            self.labels.push(Label {
                range: (at as u32, label_end as u32),
                voice,
            });
            at = label_end;
        }
    }

    fn build_turns(&mut self) {
        let mut labels = std::mem::take(&mut self.labels);
        // Labels come from markup and from lines: put them in text order,
        // and keep one of two that overlap.
        labels.sort_by_key(|l| l.range.0);
        labels.dedup_by(|later, earlier| later.range.0 < earlier.range.1);
        let mut turns = Vec::with_capacity(labels.len());
        for (i, label) in labels.iter().enumerate() {
            self.structure(label.range.0 as usize, label.range.1 as usize);
            let end = labels
                .get(i + 1)
                .map_or(self.text.len() as u32, |next| next.range.0);
            let speaker = self.resolve(label.voice);
            turns.push(Turn {
                start: label.range.1,
                end: end.max(label.range.1),
                speaker,
                label: label.range,
            });
        }
        // A fused label (`Q    MR. KIRBY:`) makes an empty first turn.
        turns.retain(|t| t.end > t.start);
        self.layout.turns = turns;
    }

    fn resolve(&mut self, voice: Voice) -> Option<u32> {
        let name = match voice {
            Voice::Unnamed => return None,
            Voice::Reporter => "Reporter".to_string(),
            Voice::Answer => self.doc.speaker.clone()?,
            Voice::Name(s, e) => {
                let written = &self.text[s as usize..e as usize];
                self.person(written)?
            }
        };
        // A transcript may have thousands of distinct voices: a map, not a
        // search of the names so far for every label.
        let next = self.layout.speakers.len() as u32;
        let index = *self.speaker_index.entry(name.clone()).or_insert(next);
        if index == next {
            self.layout.speakers.push(name);
        }
        Some(index)
    }

    /// The person a label names, or `None` for an unidentified voice.
    fn person(&mut self, written: &str) -> Option<String> {
        let written = written.trim().trim_matches('*');
        // `JOHN KIRBY, NSC COORDINATOR`: the name is before the comma.
        let name_part = written.split(',').next().unwrap_or(written).trim();
        if !self.manifest_keys.is_empty() {
            let (whole, name) = (speaker::label_key(written), speaker::label_key(name_part));
            let listed = self
                .manifest_keys
                .iter()
                .position(|k| *k == whole || *k == name);
            if let Some(i) = listed {
                return Some(self.doc.speakers[i].1.clone());
            }
        }
        // A role (`THE MODERATOR.`, `THE PRESIDENT.`): the person the
        // header names in it, or else a voice nobody named (a role is never
        // a different person).
        let Some(surname) =
            speaker::surname(name_part).filter(|_| !speaker::is_unidentified(name_part))
        else {
            return self.header_role(name_part);
        };
        let words = speaker::name_words(name_part)
            .filter(|w| !speaker::is_title(w))
            .count();
        if words >= 2 {
            let full = speaker::display_name(name_part);
            if let Some(last) = speaker::surname(&full) {
                self.known
                    .entry(last.to_ascii_lowercase())
                    .or_insert_with(|| full.clone());
            }
            return Some(full);
        }
        if let Some(full) = self.known.get(&surname.to_ascii_lowercase()) {
            return Some(full.clone());
        }
        if let Some(full) = self.header_name(&surname) {
            return Some(full);
        }
        if let Some(s) = &self.doc.speaker
            && speaker::same_person(s, name_part)
        {
            return Some(s.clone());
        }
        Some(speaker::display_name(name_part))
    }

    /// The person the title or header names in a role (see
    /// [`speaker::role_holder_in`]).
    fn header_role(&self, role: &str) -> Option<String> {
        let title = self.doc.title.as_deref().unwrap_or("");
        [title, self.header()]
            .into_iter()
            .find_map(|hay| speaker::role_holder_in(hay, role))
    }

    /// The first [`HEADER_BYTES`] of the text.
    fn header(&self) -> &str {
        let mut end = HEADER_BYTES.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        &self.text[..end]
    }

    /// A full name with this surname in the source's header (title, first
    /// lines): "... Coordinator John Kirby" gives "John Kirby".
    fn header_name(&self, surname: &str) -> Option<String> {
        let header = self.header();
        let title = self.doc.title.as_deref().unwrap_or("");
        for hay in [title, header] {
            if let Some(full) = speaker::full_name_in(hay, surname) {
                return Some(full);
            }
        }
        None
    }
}

/// The name in a WebVTT voice tag: `v Name` or `v.class Name`.
fn voice_tag(inner: &str) -> Option<&str> {
    let rest = inner.strip_prefix('v')?;
    let rest = match rest.strip_prefix('.') {
        Some(classes) => &classes[classes.find(' ')?..],
        None => rest,
    };
    rest.starts_with(' ').then_some(rest)
}

/// The start of a WebVTT cue identifier line that ends right before the
/// timing line at `timing`, if that line follows a blank line.
fn cue_identifier(text: &str, timing: usize) -> Option<usize> {
    let before = text[..timing].strip_suffix('\n')?;
    let before = before.strip_suffix('\r').unwrap_or(before);
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let line = &before[line_start..];
    let blank_before = line_start == 0 || text[..line_start].ends_with("\n\n");
    (blank_before && !line.trim().is_empty() && !line.contains("-->")).then_some(line_start)
}

fn shift(voice: Voice, by: u32) -> Voice {
    match voice {
        Voice::Name(s, e) => Voice::Name(s + by, e + by),
        v => v,
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// `7:15 pm`, `1:17 P.M. EST`, `2:06 P.M. EST` alone on a line.
fn is_clock_line(line: &str) -> bool {
    let mut parts = line.split_whitespace();
    let Some(clock) = parts.next() else {
        return false;
    };
    let Some((h, m)) = clock.split_once(':') else {
        return false;
    };
    let m = m.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    rest.len() <= 2
        && rest.iter().all(|p| {
            let p = p.trim_end_matches('.').to_ascii_lowercase();
            matches!(
                p.as_str(),
                "am" | "pm" | "a.m" | "p.m" | "est" | "edt" | "et" | "cst" | "pst" | "gmt" | "utc"
            )
        })
        && (clock.len() > h.len() + 3 || !rest.is_empty())
}

/// Honorifics that may precede a surname in a hearing-style label.
const HONORIFICS: &[&str] = &[
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Chairman",
    "Chairwoman",
    "Senator",
    "Sen.",
    "Representative",
    "Rep.",
    "Governor",
    "Gov.",
    "General",
    "Gen.",
    "Admiral",
    "Adm.",
    "Secretary",
    "President",
    "Ambassador",
    "Judge",
    "Justice",
    "Mayor",
];

/// Recognises a speaker label at the start of `s`; returns its length and
/// the voice (name ranges relative to `s`).
fn label_at(s: &str) -> Option<(usize, Voice)> {
    let bytes = s.as_bytes();
    // Markdown bold: `**PRESIDENT X:**`.
    if let Some(inner) = s.strip_prefix("**") {
        let close = inner.find("**")?;
        let label = &inner[..close];
        let name = label
            .strip_suffix(':')
            .or_else(|| label.strip_suffix('.'))?;
        if name.is_empty() || name.len() > 80 {
            return None;
        }
        return Some((close + 4, Voice::Name(2, 2 + name.len() as u32)));
    }
    // Reporter: `Q` then spaces, `:` or `.`.
    if bytes.first() == Some(&b'Q') {
        let rest = &s[1..];
        if rest.is_empty() {
            return Some((1, Voice::Reporter));
        }
        if let Some(r) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('.')) {
            if r.starts_with(is_space) || r.is_empty() {
                return Some((2, Voice::Reporter));
            }
        } else if rest.starts_with(is_space) {
            return Some((1, Voice::Reporter));
        }
    }
    if let Some(r) = s.strip_prefix("A:")
        && (r.starts_with(is_space) || r.is_empty())
    {
        return Some((2, Voice::Answer));
    }
    if let Some(l) = upper_label(s) {
        return Some(l);
    }
    if let Some(l) = honorific_label(s) {
        return Some(l);
    }
    named_label(s)
}

/// `MS. JEAN-PIERRE:`, `JOHN KIRBY, NSC COORDINATOR:`, `MR. SMITH.`, `GORE:`.
fn upper_label(s: &str) -> Option<(usize, Voice)> {
    // The name is a run of upper-case words; it stops at a colon, a comma or
    // the first word that is not upper case.
    let mut name_end = 0;
    let mut words = 0;
    let mut offset = 0;
    for token in s.split([' ', '\u{a0}']) {
        let token_start = offset;
        offset += token.len() + 1;
        if token.is_empty() {
            continue;
        }
        let core_len = token.find([':', ',']).unwrap_or(token.len());
        let core = &token[..core_len];
        let upper = !core.is_empty()
            && core.chars().any(char::is_uppercase)
            && core.chars().all(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '\'' | '’' | '-')
            });
        if !upper {
            break;
        }
        words += 1;
        name_end = token_start + core_len;
        // `THE PRESIDENT. I do not ...`: a period after a word that is not
        // an abbreviation (`MR.`, `GEN.`, an initial) ends the label, or the
        // shouted `I` or `A` that starts the answer would join the name.
        let period_ends = core.strip_suffix('.').is_some_and(|w| !is_abbreviation(w));
        if core_len < token.len() || words > MAX_LABEL_WORDS || period_ends {
            break;
        }
    }
    let letters = s[..name_end].chars().filter(|c| c.is_uppercase()).count();
    let name = s[..name_end].trim_end();
    if letters < 2 || words > MAX_LABEL_WORDS {
        return None;
    }
    let rest = &s[name.len()..];
    // `NAME, TITLE:`
    let (label_len, voice_end) = if let Some(after) = rest.strip_prefix(',') {
        let colon = after.find(':')?;
        let title = &after[..colon];
        if title.len() > 120 || title.contains(['.', '?', '!']) {
            return None;
        }
        (name.len() + 1 + colon + 1, name.len())
    } else if rest.starts_with(':') {
        (name.len() + 1, name.len())
    } else if let Some(stripped) = name.strip_suffix('.') {
        // `MR. SMITH.` needs an honorific, or any shouted sentence would do.
        let first = stripped.split_whitespace().next()?;
        let honorific = first == "THE"
            || HONORIFICS.iter().any(|h| {
                h.eq_ignore_ascii_case(first) || h.trim_end_matches('.').eq_ignore_ascii_case(first)
            });
        if !honorific || stripped.split_whitespace().count() < 2 {
            return None;
        }
        (name.len(), stripped.len())
    } else {
        return None;
    };
    let after = &s[label_len..];
    if !(after.is_empty() || after.starts_with(is_space)) {
        return None;
    }
    // Digits alone are a cue number, not a name.
    if !s[..voice_end].chars().any(char::is_alphabetic) {
        return None;
    }
    Some((label_len, Voice::Name(0, voice_end as u32)))
}

/// Abbreviations that end in a period inside a label (`MR. SMITH.`,
/// `BRIG. GEN. RYDER:`), and single initials (`JOHN F. KENNEDY:`).
fn is_abbreviation(word: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "MR", "MRS", "MS", "DR", "GEN", "BRIG", "SEN", "REP", "GOV", "ADM", "LT", "COL", "SGT",
        "ST", "JR", "SR", "MAJ", "CAPT", "CPT", "CMDR", "HON", "REV", "PROF", "AMB", "SEC", "U.S",
        "ATTY", "SUPT", "GOV'T",
    ];
    word.chars().count() == 1 || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// `Mr. NORTH:`, `Chairman INOUYE.`, `Mr. SULLIVAN. What is it`, `Governor Clinton.`
fn honorific_label(s: &str) -> Option<(usize, Voice)> {
    let honorific = HONORIFICS
        .iter()
        .find(|h| s.starts_with(**h) && s[h.len()..].starts_with(' '))?;
    let after = &s[honorific.len() + 1..];
    let surname_len = after
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '-' || c == '\''))
        .map_or(after.len(), |(i, _)| i);
    let surname = &after[..surname_len];
    let upper = surname.chars().filter(|c| c.is_uppercase()).count();
    let all_caps = upper >= 2 && surname.chars().all(|c| !c.is_lowercase());
    let title_case = surname.chars().next().is_some_and(char::is_uppercase);
    let punct = after[surname_len..].chars().next()?;
    let name_len = honorific.len() + 1 + surname_len;
    let tail = &s[name_len + punct.len_utf8()..];
    if !(tail.is_empty() || tail.starts_with(is_space)) {
        return None;
    }
    match punct {
        ':' if title_case => Some((name_len + 1, Voice::Name(0, name_len as u32))),
        // A period after a title-case name is a label at the line end
        // ("Governor Clinton." alone) or before a capitalised sentence on
        // the same line ("Governor Clinton. Thank you."), the American
        // Presidency Project's debate style.
        '.' if all_caps
            || (title_case
                && tail
                    .trim_start_matches(is_space)
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_uppercase() || c == '\n')) =>
        {
            Some((name_len + 1, Voice::Name(0, name_len as u32)))
        }
        _ => None,
    }
}

/// Title-case names: `Karine Jean-Pierre: (00:05)`, `Don Lemon (00:00):`,
/// `Speaker 1:`, `John Kirby, National Security Council coordinator ...:`,
/// and caption roles `host:`, `guest:`.
fn named_label(s: &str) -> Option<(usize, Voice)> {
    for role in ["host:", "guest:", "caller:", "Host:", "Guest:", "Caller:"] {
        if s.starts_with(role) {
            return Some((role.len(), Voice::Unnamed));
        }
    }
    // The label's colon, not one inside a time stamp ("(00:00):").
    let b = s.as_bytes();
    let colon = (0..b.len().min(161)).find(|&i| {
        b[i] == b':'
            && !(i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
    })?;
    if colon > 160 {
        return None;
    }
    let head = &s[..colon];
    let (name, has_title) = match head.split_once(',') {
        Some((n, _)) => (n, true),
        None => (head, false),
    };
    let name_trim = name.trim();
    // A time stamp before the colon (`Don Lemon (00:00):`).
    let (name_trim, stamp_before) = match name_trim.rfind(" (") {
        Some(p) if name_trim.ends_with(')') => (&name_trim[..p], true),
        _ => (name_trim, false),
    };
    let words: Vec<&str> = name_trim.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    let titled = words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’'))
    });
    if !titled {
        return None;
    }
    let after = &s[colon + 1..];
    let after_trim = after.trim_start_matches(is_space);
    let stamp_after = after_trim.starts_with('(')
        && after_trim[1..]
            .split(')')
            .next()
            .is_some_and(|t| t.contains(':') && t.bytes().all(|b| b.is_ascii_digit() || b == b':'));
    let line_rest_empty = after.trim().is_empty();
    // Without a time stamp, only a "Name Surname, title:" line counts (an
    // interview's first answer); "Note:" or "Washington:" in prose must not.
    if !(stamp_before
        || stamp_after
        || (has_title && words.len() >= 2 && !head.contains(['.', '?', '!'])))
    {
        return None;
    }
    let mut len = colon + 1;
    if stamp_after {
        let close = after.find(')')?;
        len += close + 1;
    } else if line_rest_empty {
        len = s.len();
    }
    let voice = if speaker::is_unidentified(name_trim) {
        Voice::Unnamed
    } else {
        let start = name.len() - name.trim_start().len();
        Voice::Name(start as u32, (start + name_trim.len()) as u32)
    };
    Some((len, voice))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speakers_of(doc: &SourceDoc) -> Vec<(String, Option<String>)> {
        let layout = read(doc);
        layout
            .turns
            .iter()
            .map(|t| {
                let text = doc.text[t.start as usize..t.end as usize]
                    .trim()
                    .to_string();
                let who = t.speaker.map(|i| layout.speakers[i as usize].clone());
                (text, who)
            })
            .collect()
    }

    #[test]
    fn white_house_labels_reporters_and_fused_labels() {
        let text = "title: x\n\nQ\u{a0}\u{a0}\u{a0} Hello.\n\nMS. JEAN-PIERRE:\u{a0} Hi.\n\n(A reporter sneezes.)\n\nBless you.\n\nQ    MR. KIRBY:  So, two thoughts here.\n\nMR. KIRBY:  Yes.";
        let doc = SourceDoc::new("wh", text).title(
            "Press Briefing by Press Secretary Karine Jean-Pierre and NSC Coordinator John Kirby",
        );
        let turns = speakers_of(&doc);
        assert_eq!(turns[0], ("Hello.".into(), Some("Reporter".into())));
        assert_eq!(turns[1].1.as_deref(), Some("Karine Jean-Pierre"));
        assert!(turns[1].0.contains("Bless you."));
        assert_eq!(
            turns[2],
            ("So, two thoughts here.".into(), Some("John Kirby".into()))
        );
        assert_eq!(turns[3].1.as_deref(), Some("John Kirby"));
    }

    #[test]
    fn cnn_full_label_then_surname() {
        let text = "[14:00:00]\n\nUNIDENTIFIED FEMALE: Is it policy?\n\nJOHN KIRBY, NSC COORDINATOR FOR STRATEGIC COMMUNICATIONS: I wouldn't read into this.\n\nKIRBY: No.";
        let turns = speakers_of(&SourceDoc::new("cnn", text));
        assert_eq!(turns[0].1, None);
        assert_eq!(
            turns[1],
            (
                "I wouldn't read into this.".into(),
                Some("John Kirby".into())
            )
        );
        assert_eq!(turns[2].1.as_deref(), Some("John Kirby"));
        let layout = read(&SourceDoc::new("cnn", text));
        assert_eq!(layout.times.len(), 1);
    }

    #[test]
    fn rev_both_layouts() {
        let old = "Karine Jean-Pierre: (00:05)\nOkay. Today we start.\n\nSpeaker 1: (00:07)\nThank you.\n\nKarine Jean-Pierre: (01:10)\nGo ahead.";
        let turns = speakers_of(&SourceDoc::new("rev", old));
        assert_eq!(
            turns[0],
            (
                "Okay. Today we start.".into(),
                Some("Karine Jean-Pierre".into())
            )
        );
        assert_eq!(turns[1].1, None);
        let new = "Don Lemon (00:00):\n\nWhat happened?\n\nJohn Kirby (00:50):\n\nWe took it down.\n\n(01:09)\n\nAnd then more.";
        let doc = SourceDoc::new("rev2", new);
        let turns = speakers_of(&doc);
        assert_eq!(turns[1].1.as_deref(), Some("John Kirby"));
        assert!(turns[1].0.contains("And then more."));
        let layout = read(&doc);
        let src = crate::source::Source {
            doc: doc.clone(),
            speakers: layout.speakers.clone(),
            turns: layout.turns.clone(),
            times: layout.times.clone(),
            structure: layout.structure.clone(),
            editorial: Vec::new(),
            checkpoints: Default::default(),
            is_transcript: true,
            words: 0..0,
            removed: false,
            lazy_text: None,
            char_index: std::sync::OnceLock::new(),
        };
        let and = new.find("And then").unwrap();
        assert_eq!(src.time_at(and), Some("(01:09)"));
    }

    #[test]
    fn captions_with_unnamed_turns() {
        let text = "tv Washington Journal CSPAN June 8, 2023 7:14pm-8:01pm EDT\n7:14 pm\nand interesting highlights. >> c-span is your view. >> host: good morning.\n7:15 pm\nwe continue.";
        let layout = read(&SourceDoc::new("cs", text));
        assert!(layout.is_transcript);
        assert!(layout.turns.iter().all(|t| t.speaker.is_none()));
        assert!(layout.times.len() >= 2);
    }

    #[test]
    fn srt_cues_are_structure_in_both_layouts() {
        let restored = "1\n00:00:00,209 --> 00:00:03,990\nGood afternoon , everyone . Just a few\n\n2\n00:00:04,000 --> 00:00:06,056\nitems pass along\n";
        let layout = read(&SourceDoc::new("srt", restored));
        assert!(layout.is_transcript);
        let skipped: Vec<&str> = layout
            .structure
            .iter()
            .map(|r| &restored[r.start as usize..r.end as usize])
            .collect();
        assert_eq!(
            skipped,
            [
                "1\n00:00:00,209 --> 00:00:03,990",
                "2\n00:00:04,000 --> 00:00:06,056"
            ]
        );
        let one_line = "1 00:00:00,209 --> 00:00:03,990 Good afternoon , everyone . 2 00:00:04,000 --> 00:00:06,056 items";
        let layout = read(&SourceDoc::new("srt1", one_line));
        let skipped: Vec<&str> = layout
            .structure
            .iter()
            .map(|r| &one_line[r.start as usize..r.end as usize])
            .collect();
        assert_eq!(
            skipped,
            [
                "1 00:00:00,209 --> 00:00:03,990",
                "2 00:00:04,000 --> 00:00:06,056"
            ]
        );
    }

    #[test]
    fn webvtt_voices() {
        let text = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000 line:15%\n<v Kimberley Strassel>We are here.</v>\n\n00:00:04.000 --> 00:00:06.000\n<v Paul Gigot>Thanks.";
        let turns = speakers_of(&SourceDoc::new("vtt", text));
        assert_eq!(turns[0].1.as_deref(), Some("Kimberley Strassel"));
        assert_eq!(turns.last().unwrap().1.as_deref(), Some("Paul Gigot"));
    }

    #[test]
    fn webvtt_voice_classes_settings_and_identifiers() {
        let text = "WEBVTT\n\nNOTE written by hand\n\nq1\n00:00:01.000 --> 00:00:02.000 align:start\n<v.loud Paul Gigot>Thanks.</v>";
        let doc = SourceDoc::new("vtt", text);
        let layout = read(&doc);
        assert_eq!(layout.speakers, ["Paul Gigot"]);
        let time = layout.times[0].text;
        assert_eq!(
            &text[time.0 as usize..time.1 as usize],
            "00:00:01.000 --> 00:00:02.000"
        );
        // Everything but "Thanks." is structure.
        let words: String = (0..text.len())
            .filter(|&i| !layout.structure.iter().any(|r| r.contains(&(i as u32))))
            .map(|i| text.as_bytes()[i] as char)
            .collect();
        assert_eq!(words.trim(), "Thanks.");
    }

    #[test]
    fn bold_html_labels() {
        let text = "<p><strong>Mr. NIELDS</strong>: Can you tell us?<br/><br/><strong>Mr. NORTH</strong>: I did.</p>";
        let turns = speakers_of(&SourceDoc::new("h", text));
        assert_eq!(turns.len(), 2);
        assert_eq!(turns[1].1.as_deref(), Some("North"));
        // Bold words that are not a label stay text.
        let prose = "<p>He said <strong>never</strong>: not once.</p>";
        assert!(!read(&SourceDoc::new("p", prose)).is_transcript);
    }

    #[test]
    fn a_second_label_on_a_line_needs_a_colon() {
        let text =
            "Chairman INOUYE: Mr. Nields.\n\nMr. NIELDS: Colonel North, you left something out.";
        let turns = speakers_of(&SourceDoc::new("h", text));
        assert_eq!(turns.len(), 2);
        assert_eq!(turns[0].1.as_deref(), Some("Inouye"));
        let debate = "Governor Grant. Thank you.\n\nMS. LOPEZ. The governor has no plan.";
        let turns = speakers_of(&SourceDoc::new("d", debate));
        assert_eq!(turns[0].1.as_deref(), Some("Grant"));
    }

    #[test]
    fn interview_and_hearing_and_debate_styles() {
        let qa = "Q: How are you?\nA: Fine, thanks.\nQ: And then?\nA: Nothing.";
        let doc = SourceDoc::new("qa", qa).speaker("John Kirby");
        let turns = speakers_of(&doc);
        assert_eq!(
            turns[1],
            ("Fine, thanks.".into(), Some("John Kirby".into()))
        );
        assert_eq!(turns[0].1.as_deref(), Some("Reporter"));

        let hearing = "Mr. NIELDS: Can you tell us?\n\nMr. NORTH: You just took a long leap.\nMr. SULLIVAN. What is it, counsel?\nChairman INOUYE. Proceed.";
        let turns = speakers_of(&SourceDoc::new("h", hearing));
        let names: Vec<_> = turns.iter().map(|t| t.1.clone().unwrap()).collect();
        assert_eq!(names, ["Nields", "North", "Sullivan", "Inouye"]);

        let debate = "**PRESIDENT TRUMP:** We will win.\n\nGORE: I disagree.\n\nMR. SMITH. Next question.\n\nGovernor Clinton.\nThank you.";
        let turns = speakers_of(&SourceDoc::new("d", debate));
        let names: Vec<_> = turns.iter().map(|t| t.1.clone().unwrap()).collect();
        assert_eq!(names, ["Trump", "Gore", "Smith", "Clinton"]);
    }

    #[test]
    fn metadata_map_wins_and_same_label_differs_per_source() {
        let text = "THE PRESIDENT.  Thank you all.\n\nQ  Mr. President?\n\nTHE PRESIDENT.  Yes.";
        let a = SourceDoc::new("a", text)
            .label("THE PRESIDENT", "Ronald Reagan")
            .kind(SourceKind::Transcript);
        let b = SourceDoc::new("b", text)
            .label("THE PRESIDENT", "Joe Biden")
            .kind(SourceKind::Transcript);
        assert_eq!(speakers_of(&a)[0].1.as_deref(), Some("Ronald Reagan"));
        assert_eq!(speakers_of(&b)[2].1.as_deref(), Some("Joe Biden"));
    }

    #[test]
    fn prose_is_not_a_transcript() {
        let text = "Note: the mayor spoke at noon. Washington: a city.\n\nShe said it was fine. A: not a label here";
        let layout = read(&SourceDoc::new("p", text));
        assert!(!layout.is_transcript);
        assert!(layout.turns.is_empty());
    }

    #[test]
    fn struck_text_is_editorial() {
        let text = "There’s a page on <s>USA AID’s </s>\\[USAID\\] today.";
        let layout = read(&SourceDoc::new("s", text).kind(SourceKind::Plain));
        assert_eq!(layout.editorial.len(), 1);
        let r = &layout.editorial[0];
        assert_eq!(&text[r.start as usize..r.end as usize], "USA AID’s ");
        assert_eq!(layout.structure.len(), 2);
    }
}

#[cfg(test)]
mod examples {
    #[test]
    fn read_example() {
        use crate::{SourceDoc, transcript};
        let doc = SourceDoc::new(
            "b",
            "MR. KIRBY:  We are not sure.\n\nQ    Why?\n\nMR. KIRBY:  Because.",
        )
        .label("MR. KIRBY", "John Kirby");
        let layout = transcript::read(&doc);
        assert!(layout.is_transcript);
        assert_eq!(layout.turns.len(), 3);
        assert_eq!(
            layout.speakers[layout.turns[0].speaker.unwrap() as usize],
            "John Kirby"
        );
    }
}
