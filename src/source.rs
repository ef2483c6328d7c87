//! A source text, its metadata, and who speaks where in it.
//!
//! [`SourceDoc`] is what a caller hands to [`crate::Store::add`]; [`Source`] is
//! what the store keeps: the text, the metadata, the speaker turns found by
//! [`crate::transcript`], and where its words sit in the store's word arrays.

#![forbid(unsafe_code)]

use std::ops::Range;
use std::sync::OnceLock;

use crate::error::Error;
use crate::stored_text::{StoredText, TextPart};

/// How the store should read a source's layout.
///
/// ```
/// use quotecheck::{SourceDoc, SourceKind, Store};
/// let mut store = Store::new();
/// // "Q" at a line start reads as a speaker label unless the text is plain.
/// store.add(SourceDoc::new("essay", "Q  is a letter.").kind(SourceKind::Plain))?;
/// assert!(!store.source(0).is_transcript());
/// # Ok::<(), quotecheck::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SourceKind {
    /// Detect: a text with speaker labels, `>>` turns or subtitle cues is a
    /// transcript, anything else is plain prose.
    #[default]
    Auto,
    /// Plain prose (a speech, a statement): one speaker, the metadata's.
    Plain,
    /// A transcript: parse speaker turns, labels, time stamps and cues.
    Transcript,
}

/// A source text and its metadata, as given to [`crate::Store::add`].
///
/// ```
/// use quotecheck::SourceDoc;
/// let doc = SourceDoc::new("remarks", "I will not raise taxes this year.")
///     .speaker("Jane Doe")
///     .title("Remarks at the budget hearing")
///     .date("2026-03-01");
/// assert_eq!(doc.id, "remarks");
/// ```
#[derive(Clone, Debug, Default)]
pub struct SourceDoc {
    /// A unique id (file stem, URL, database key).
    pub id: String,
    /// The full text, exactly as received.
    pub text: String,
    /// A title, for reports.
    pub title: Option<String>,
    /// A date, as written (for reports only).
    pub date: Option<String>,
    /// Who speaks in a single-speaker source (a speech, a statement), and the
    /// default for unlabelled passages of a transcript.
    pub speaker: Option<String>,
    /// For transcripts: speaker labels as written (`MR. KIRBY`) mapped to the
    /// person's full name (`John Kirby`).
    pub speakers: Vec<(String, String)>,
    /// How to read the layout.
    pub kind: SourceKind,
}

impl SourceDoc {
    /// A source with an id and a text and no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        SourceDoc {
            id: id.into(),
            text: text.into(),
            ..SourceDoc::default()
        }
    }

    /// Sets who speaks in this source.
    pub fn speaker(mut self, speaker: impl Into<String>) -> Self {
        self.speaker = Some(speaker.into());
        self
    }

    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the date.
    pub fn date(mut self, date: impl Into<String>) -> Self {
        self.date = Some(date.into());
        self
    }

    /// Maps a transcript's speaker label (as written) to a full name.
    pub fn label(mut self, label: impl Into<String>, person: impl Into<String>) -> Self {
        self.speakers.push((label.into(), person.into()));
        self
    }

    /// Sets how the layout is read.
    pub fn kind(mut self, kind: SourceKind) -> Self {
        self.kind = kind;
        self
    }
}

/// Who speaks at some place of a source.
///
/// ```
/// use quotecheck::{SourceDoc, SpeakerAt, Store};
/// let mut store = Store::new();
/// store.add(SourceDoc::new("b", "MR. KIRBY:  Yes.\n\nQ  Why?\n").label("MR. KIRBY", "John Kirby"))?;
/// let source = store.source(0);
/// assert_eq!(source.speaker_at(13), SpeakerAt::Named("John Kirby"));
/// assert_eq!(source.speaker_at(13).name(), Some("John Kirby"));
/// # Ok::<(), quotecheck::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeakerAt<'a> {
    /// A named person (the full name when the metadata or header gives it).
    Named(&'a str),
    /// A voice the source names only by a generic role: a reporter's `Q`
    /// ("Reporter"). Not a person: never contradicts a claimed speaker by
    /// itself.
    Role(&'a str),
    /// Someone speaks, but the source does not say who (`>>` captions,
    /// `UNIDENTIFIED MALE:`).
    Unknown,
    /// The source has no speaker information at all.
    NotGiven,
}

impl<'a> SpeakerAt<'a> {
    /// The name, if there is one.
    pub fn name(self) -> Option<&'a str> {
        match self {
            SpeakerAt::Named(n) => Some(n),
            _ => None,
        }
    }
}

/// A speaker turn: a byte range of the source and who speaks in it.
///
/// ```
/// use quotecheck::{SourceDoc, Store};
/// let mut store = Store::new();
/// store.add(SourceDoc::new("b", "MR. KIRBY:  Yes.\n\nQ  Why?\n").label("MR. KIRBY", "John Kirby"))?;
/// let source = store.source(0);
/// let first = source.turns()[0];
/// assert_eq!(source.turn_speaker(&first).name(), Some("John Kirby"));
/// # Ok::<(), quotecheck::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Turn {
    /// Byte range of the turn's text (after its label), start.
    pub start: u32,
    /// End of the turn (exclusive): where the next label starts.
    pub end: u32,
    /// Index into the source's speaker names, or `None` for an unnamed voice.
    pub speaker: Option<u32>,
    /// Byte range of the label that opened the turn (empty when none).
    pub label: (u32, u32),
}

/// A time stamp found in a transcript (`00:01:22,500 -->`, `(01:09)`,
/// `[14:00:00]`, `7:15 pm`): the byte offset where it applies and its text.
///
/// ```
/// use quotecheck::{SourceDoc, Store};
/// let mut store = Store::new();
/// store.add(SourceDoc::new("t", "(00:31)\nMR. OKAFOR:  The levy raises money.\n"))?;
/// assert_eq!(store.source(0).time_at(20), Some("(00:31)"));
/// # Ok::<(), quotecheck::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeMark {
    /// Byte offset of the stamp in the source.
    pub at: u32,
    /// Byte range of the stamp's text.
    pub text: (u32, u32),
}

/// A source as the store keeps it.
///
/// ```
/// use quotecheck::{SourceDoc, Store};
/// let mut store = Store::new();
/// store.add(SourceDoc::new("remarks", "Héllo there.").title("Remarks").date("2026-03-01"))?;
/// let s = store.source(0);
/// assert_eq!((s.id(), s.title(), s.date()), ("remarks", Some("Remarks"), Some("2026-03-01")));
/// assert_eq!((s.text_len(), s.char_offset(3)), (13, 2));
/// # Ok::<(), quotecheck::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Source {
    pub(crate) doc: SourceDoc,
    /// Distinct speaker names of this source; turns point into it.
    pub(crate) speakers: Vec<String>,
    pub(crate) turns: Vec<Turn>,
    pub(crate) times: Vec<TimeMark>,
    /// Byte ranges that are layout, not speech (labels, cue numbers, time
    /// stamps, markup): their words are not matchable.
    pub(crate) structure: Vec<Range<u32>>,
    /// Byte ranges struck or inserted by an editor (`<s>...</s>`).
    pub(crate) editorial: Vec<Range<u32>>,
    /// Where tokenizing stood every [`crate::build::CHECKPOINT_WORDS`]
    /// words: a store file keeps these, not the words, and derives a
    /// window of words from the checkpoint before it.
    pub(crate) checkpoints: crate::build::Checkpoints,
    pub(crate) is_transcript: bool,
    /// This source's words in the store's arrays.
    pub(crate) words: Range<u32>,
    /// Removed from the store: its words stay in the arrays (and are
    /// skipped) until the store is saved or compacted.
    pub(crate) removed: bool,
    /// For a store opened from a file: where the text is (`doc.text` is
    /// empty), read a block at a time as used.
    pub(crate) lazy_text: Option<StoredText>,
    /// Code-point offsets of the text, built the first time one is asked
    /// for (see [`Source::char_offset`]).
    pub(crate) char_index: OnceLock<crate::text::CharIndex>,
}

impl Source {
    /// What deriving its words needs, with its text.
    pub(crate) fn stored<'a>(&'a self, text: TextPart<'a>) -> crate::build::Stored<'a> {
        crate::build::Stored {
            text,
            ranges: crate::build::Ranges {
                structure: &self.structure,
                editorial: &self.editorial,
            },
            checkpoints: &self.checkpoints,
            words: self.words.len(),
        }
    }

    /// The id.
    pub fn id(&self) -> &str {
        &self.doc.id
    }
    /// The full text as given.
    ///
    /// In a store opened from a file the text is read from the file the
    /// first time it is asked for (a search reads the texts it matches
    /// in); should that read fail (the file was damaged or removed after
    /// opening), this is empty, and [`Source::try_text`] says why.
    pub fn text(&self) -> &str {
        self.try_text().unwrap_or("")
    }

    /// The full text as given, or why it cannot be read from the store
    /// file ([`Error::CorruptStore`], [`Error::Io`]).
    ///
    /// ```
    /// use quotecheck::{SourceDoc, Store};
    /// let mut store = Store::new();
    /// store.add(SourceDoc::new("s", "We will act."))?;
    /// assert_eq!(store.source(0).try_text()?, "We will act.");
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    pub fn try_text(&self) -> Result<&str, Error> {
        match &self.lazy_text {
            Some(lazy) => lazy.whole(|text| self.ranges_fit(text)),
            None => Ok(&self.doc.text),
        }
    }

    /// The text in bytes `range`, or `None` when the range is not in the
    /// text on char boundaries (or, in a store opened from a file, cannot
    /// be read: [`Source::try_text`] says why). From a store file this
    /// reads only the block the range lies in (8 KiB of text at most)
    /// when it lies in one, not the whole text.
    ///
    /// ```
    /// use quotecheck::{SourceDoc, Store};
    /// let mut store = Store::new();
    /// store.add(SourceDoc::new("s", "Señor, we will act."))?;
    /// let path = std::env::temp_dir().join(format!("qc-doc-range-{}.qcs", std::process::id()));
    /// store.save(&path)?;
    /// let opened = Store::open(&path)?;
    /// assert_eq!(opened.source(0).text_range(8..15), Some("we will"));
    /// assert_eq!(opened.source(0).text_range(2..3), None); // inside "ñ"
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text_range(&self, range: Range<usize>) -> Option<&str> {
        match &self.lazy_text {
            Some(lazy) => match lazy.in_one_block(range.clone()) {
                Ok(Some(text)) => Some(text),
                Ok(None) => self.try_text().ok()?.get(range),
                Err(_) => None,
            },
            None => self.doc.text.get(range),
        }
    }

    /// The text around bytes `range` (clamped to the text), reading from a
    /// store file only the blocks it spans (copied into `scratch` when it
    /// spans more than one): what a search reads to derive and explain a
    /// window.
    pub(crate) fn text_part<'a>(
        &'a self,
        range: Range<usize>,
        scratch: &'a mut String,
    ) -> Result<TextPart<'a>, Error> {
        match &self.lazy_text {
            Some(lazy) => lazy.part(range, scratch),
            None => Ok(TextPart::whole(&self.doc.text)),
        }
    }

    /// Do the turns, time stamps and layout ranges lie in `text`, on char
    /// boundaries (as a text read from a store file must be checked)?
    fn ranges_fit(&self, text: &str) -> bool {
        let fits = |s: u32, e: u32| {
            let (s, e) = (s as usize, e as usize);
            s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
        };
        self.turns
            .iter()
            .all(|t| fits(t.start, t.end) && fits(t.label.0, t.label.1))
            && self
                .times
                .iter()
                .all(|t| fits(t.at, t.at) && fits(t.text.0, t.text.1))
            && self.structure.iter().all(|r| fits(r.start, r.end))
    }

    /// The text's length in bytes (without reading it from a store file).
    pub fn text_len(&self) -> usize {
        match &self.lazy_text {
            Some(lazy) => lazy.len() as usize,
            None => self.doc.text.len(),
        }
    }
    /// The title, if any.
    pub fn title(&self) -> Option<&str> {
        self.doc.title.as_deref()
    }
    /// The date, if any.
    pub fn date(&self) -> Option<&str> {
        self.doc.date.as_deref()
    }
    /// Was it read as a transcript (speaker turns)?
    pub fn is_transcript(&self) -> bool {
        self.is_transcript
    }
    /// The speaker turns, in order.
    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }
    /// The name of a turn's speaker.
    pub fn turn_speaker(&self, turn: &Turn) -> SpeakerAt<'_> {
        match turn.speaker {
            Some(i) => {
                let name = &self.speakers[i as usize];
                if crate::speaker::is_generic_role(name) {
                    SpeakerAt::Role(name)
                } else {
                    SpeakerAt::Named(name)
                }
            }
            None => SpeakerAt::Unknown,
        }
    }

    /// The people the source names as speakers (its turns' named voices and
    /// the metadata's speaker), each once, generic roles left out.
    pub fn speaker_names(&self) -> impl Iterator<Item = &str> {
        self.speakers
            .iter()
            .map(String::as_str)
            .chain(self.doc.speaker.as_deref())
            .filter(|n| !crate::speaker::is_generic_role(n))
    }

    /// The code-point offset of byte `byte` of the text: after the first
    /// call (one pass over the text), in constant time, so that reporting
    /// every match and edit of a large source costs O(text) once, not per
    /// offset.
    ///
    /// ```
    /// use quotecheck::{SourceDoc, Store};
    /// let mut store = Store::new();
    /// store.add(SourceDoc::new("s", "Señor, we will act."))?;
    /// assert_eq!(store.source(0).char_offset(8), 7);
    /// # Ok::<(), quotecheck::Error>(())
    /// ```
    pub fn char_offset(&self, byte: usize) -> usize {
        let text = self.text();
        let index = self.char_index.get_or_init(|| {
            let mut index = crate::text::CharIndex::default();
            index.build(text);
            index
        });
        index.char_offset(text, byte)
    }

    /// The index of the turn holding byte `at`, if any.
    pub fn turn_index_at(&self, at: usize) -> Option<usize> {
        let at = at as u32;
        let i = self.turns.partition_point(|t| t.end <= at);
        (i < self.turns.len() && self.turns[i].start <= at).then_some(i)
    }

    /// Who speaks at byte `at`.
    ///
    /// ```
    /// use quotecheck::{SourceDoc, SpeakerAt, Store};
    /// let mut store = Store::new();
    /// store.add(SourceDoc::new("s", "We will act.").speaker("Jane Doe")).unwrap();
    /// assert_eq!(store.source(0).speaker_at(3), SpeakerAt::Named("Jane Doe"));
    /// ```
    pub fn speaker_at(&self, at: usize) -> SpeakerAt<'_> {
        match (self.turn_index_at(at), self.doc.speaker.as_deref()) {
            (Some(i), _) => self.turn_speaker(&self.turns[i]),
            // Outside any turn (captions without labels, a speech), the
            // metadata's speaker speaks, if it names one.
            (None, Some(name)) => SpeakerAt::Named(name),
            (None, None) if self.is_transcript => SpeakerAt::Unknown,
            (None, None) => SpeakerAt::NotGiven,
        }
    }

    /// The last time stamp at or before byte `at`, as written.
    pub fn time_at(&self, at: usize) -> Option<&str> {
        let i = self.times.partition_point(|t| t.at as usize <= at);
        let t = self.times.get(i.checked_sub(1)?)?;
        self.text_range(t.text.0 as usize..t.text.1 as usize)
    }
}
