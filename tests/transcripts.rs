//! Transcript formats end to end: each fixture goes into a [`Store`] as a
//! newsroom would add it, and quotes are checked for words, speaker, time
//! stamp and turn structure.
//!
//! `tests/fixtures/pd/` holds public-domain transcripts (VOA, the Iran-Contra
//! hearing record, DVIDS captions as scraped); `tests/fixtures/own/` holds
//! small transcripts written for these tests in the layouts of CNN, Rev,
//! C-SPAN captions, WebVTT, SRT, interviews, debates and hearings (see
//! tests/fixtures/README.md).

mod common;

use quotecheck::{Checker, Flags, SourceDoc, SpeakerAt, Store, Verdict};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{rel}")).unwrap()
}

fn store_of(doc: SourceDoc) -> Store {
    let mut store = Store::new();
    store.add(doc).unwrap();
    assert!(store.source(0).is_transcript(), "not read as a transcript");
    store
}

/// What a check found, owned so several checks can be compared.
#[derive(Debug)]
struct Found {
    verdict: Verdict,
    text_verdict: Verdict,
    speaker: Option<String>,
    unknown: bool,
    time: Option<String>,
    flags: Flags,
    range: std::ops::Range<usize>,
    text: String,
}

fn check(store: &Store, quote: &str, speaker: Option<&str>) -> Found {
    let mut checker = Checker::new();
    let report = checker.check(store, quote, speaker).unwrap();
    let best = report
        .best()
        .unwrap_or_else(|| panic!("{quote:?} not found"));
    Found {
        verdict: report.verdict(),
        text_verdict: best.text_verdict(),
        speaker: best.speaker().name().map(str::to_string),
        unknown: best.speaker() == SpeakerAt::Unknown,
        time: best.time().map(str::to_string),
        flags: report.flags(),
        range: best.range(),
        text: best.text().to_string(),
    }
}

#[test]
fn cnn_full_label_then_surname_and_segment_times() {
    let store = store_of(SourceDoc::new(
        "cnn",
        fixture("own/cnn-rush-transcript.txt"),
    ));
    let f = check(
        &store,
        "We have the votes for the levy -- we do not yet have the votes for the schedule.",
        Some("Lopez"),
    );
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Maria Lopez"));
    assert_eq!(f.time.as_deref(), Some("[14:00:00]"));

    // A later surname-only label is the same person, under the full name.
    let f = check(
        &store,
        "The mayor has told me she will not veto it.",
        Some("Maria Lopez"),
    );
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Maria Lopez"));

    // Said by the treasurer, printed as the council president's.
    let f = check(
        &store,
        "The levy raises 42 million dollars a year, not 52.",
        Some("Lopez"),
    );
    assert_eq!(f.verdict, Verdict::Misattributed, "{f:?}");
    assert_eq!(f.text_verdict, Verdict::Verbatim);
    assert_eq!(f.speaker.as_deref(), Some("Daniel Okafor"));
    assert!(f.flags.contains(Flags::SPEAKER_MISMATCH));

    // After the second time code; `(END VIDEOTAPE)` is not text.
    let f = check(
        &store,
        "We will publish the full budget on Friday, and every resident can read it.",
        Some("Daniel Okafor"),
    );
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    assert_eq!(f.time.as_deref(), Some("[14:02:30]"));

    // An unidentified voice is unknown, not a guess.
    let f = check(
        &store,
        "Will the levy pass before the summer recess?",
        Some("Lopez"),
    );
    assert!(f.unknown, "{f:?}");
    assert_ne!(f.verdict, Verdict::Misattributed);
    assert!(f.flags.contains(Flags::SPEAKER_UNKNOWN));
}

#[test]
fn a_quote_across_two_speakers_says_so() {
    let store = store_of(SourceDoc::new(
        "cnn",
        fixture("own/cnn-rush-transcript.txt"),
    ));
    let f = check(
        &store,
        "That is all I can say today. We will publish the full budget on Friday",
        Some("Lopez"),
    );
    assert!(f.flags.contains(Flags::CROSSES_TURN), "{f:?}");
    assert!(f.text.contains("OKAFOR:"), "{f:?}");
}

#[test]
fn rev_older_layout_times_and_the_same_words_from_two_people() {
    let store = store_of(SourceDoc::new("rev", fixture("own/rev-older-layout.txt")));
    let text = store.source(0).text();
    let okafor_at = text.find("Fares will not go up this year.\n").unwrap();
    let lopez_at = text.rfind("Fares will not go up this year.").unwrap();
    assert_ne!(okafor_at, lopez_at);

    // Both said it: each is reported where the named person said it.
    let f = check(&store, "Fares will not go up this year.", Some("Okafor"));
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Daniel Okafor"));
    assert_eq!(f.range.start, okafor_at);
    assert_eq!(f.time.as_deref(), Some("(01:12)"));

    let f = check(
        &store,
        "Fares will not go up this year.",
        Some("Maria Lopez"),
    );
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Maria Lopez"));
    assert_eq!(f.range.start, lopez_at);
    assert_eq!(f.time.as_deref(), Some("(01:20)"));

    // Someone who said neither.
    let f = check(
        &store,
        "Fares will not go up this year.",
        Some("Ashish Jha"),
    );
    assert_eq!(f.verdict, Verdict::Misattributed, "{f:?}");

    // `Speaker 1:` is an unnamed voice.
    let f = check(&store, "Will fares go up?", Some("Lopez"));
    assert!(f.unknown, "{f:?}");
}

#[test]
fn rev_newer_layout() {
    let store = store_of(SourceDoc::new("rev", fixture("own/rev-newer-layout.txt")));
    let f = check(
        &store,
        "The levy raises 42 million dollars a year.",
        Some("Daniel Okafor"),
    );
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    assert_eq!(f.time.as_deref(), Some("(00:41)"));
    let f = check(
        &store,
        "The council takes up the transit levy tonight",
        Some("Okafor"),
    );
    assert_eq!(f.verdict, Verdict::Misattributed, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Maria Lopez"));
}

#[test]
fn broadcast_captions_with_unnamed_turns() {
    let store = store_of(SourceDoc::new("cspan", fixture("own/cspan-captions.txt")));
    // Lower case, a time stamp line inside the sentence, no names.
    let f = check(
        &store,
        "We have the votes for the levy, we do not yet have the votes for the schedule.",
        Some("Maria Lopez"),
    );
    assert_eq!(f.text_verdict, Verdict::Verbatim, "{f:?}");
    assert!(f.unknown);
    assert_ne!(f.verdict, Verdict::Misattributed);
    // The span runs across the time stamp line.
    assert!(f.text.contains("\n7:15 pm\n"), "{f:?}");
    assert_eq!(f.time.as_deref(), Some("7:14 pm"));
    // `♪`, `>> host:` and `[applause]` are not words of the quote.
    let f = check(&store, "A caller from the east side. Go ahead.", None);
    assert_eq!(f.text_verdict, Verdict::Verbatim, "{f:?}");
}

#[test]
fn webvtt_voices_cue_settings_and_identifiers() {
    let store = store_of(SourceDoc::new("vtt", fixture("own/council-captions.vtt")));
    // Across two cues of one voice.
    let f = check(
        &store,
        "We have the votes for the levy, but we do not yet have the votes for the schedule.",
        Some("Lopez"),
    );
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Maria Lopez"));
    assert_eq!(f.time.as_deref(), Some("00:00:01.000 --> 00:00:04.200"));
    // `<v.loud Name>` is a voice too, and `</v>` is markup.
    let f = check(
        &store,
        "Not a cent goes to the general fund.",
        Some("Lopez"),
    );
    assert_eq!(f.verdict, Verdict::Misattributed, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Daniel Okafor"));
    // The cue identifier `intro-question` is not a word of the text.
    let f = check(
        &store,
        "the votes for the schedule. The levy raises 42 million",
        None,
    );
    assert_eq!(f.text_verdict, Verdict::Verbatim, "{f:?}");
    assert!(f.flags.contains(Flags::CROSSES_TURN));
}

#[test]
fn srt_with_labels_in_cues_and_a_manifest_map() {
    let quote =
        "We have the votes for the levy, but we do not yet have the votes for the schedule.";
    let bare = store_of(SourceDoc::new(
        "srt",
        fixture("own/council-captions-labels.srt"),
    ));
    let f = check(&bare, quote, Some("Maria Lopez"));
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Lopez"));
    assert_eq!(f.time.as_deref(), Some("00:00:01,000 --> 00:00:04,200"));

    let mapped = store_of(
        SourceDoc::new("srt", fixture("own/council-captions-labels.srt"))
            .label("LOPEZ", "Maria Lopez")
            .label("OKAFOR", "Daniel Okafor"),
    );
    let f = check(&mapped, quote, Some("Okafor"));
    assert_eq!(f.verdict, Verdict::Misattributed, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Maria Lopez"));
}

#[test]
fn interview_answers_belong_to_the_interviewee_in_the_metadata() {
    let named =
        store_of(SourceDoc::new("qa", fixture("own/interview-qa.txt")).speaker("Maria Lopez"));
    let f = check(&named, "Fares will not go up this year.", Some("Lopez"));
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Maria Lopez"));
    // The question was the reporter's.
    let f = check(&named, "Is the levy going to pass?", Some("Lopez"));
    assert_eq!(f.verdict, Verdict::Misattributed, "{f:?}");

    // Without metadata nobody is guessed for `A:`.
    let anonymous = store_of(SourceDoc::new("qa", fixture("own/interview-qa.txt")));
    let f = check(&anonymous, "Fares will not go up this year.", Some("Lopez"));
    assert!(f.unknown, "{f:?}");
    assert_ne!(f.verdict, Verdict::Misattributed);
}

#[test]
fn debates_in_bold_period_and_colon_styles() {
    let bold = store_of(SourceDoc::new("d1", fixture("own/debate-bold-labels.md")));
    let f = check(
        &bold,
        "I will not raise property taxes in my first term",
        Some("Councilwoman Lopez"),
    );
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    let f = check(&bold, "Taxes went up twice.", Some("Lopez"));
    assert_eq!(f.verdict, Verdict::Misattributed, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Grant"));

    let period = store_of(SourceDoc::new(
        "d2",
        fixture("own/debate-period-labels.txt"),
    ));
    // `Governor Grant. Thank you.` opens a turn, and `GRANT:` is the same man.
    let f = check(
        &period,
        "Our city has lost 4,000 jobs in four years",
        Some("Grant"),
    );
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    let f = check(
        &period,
        "Our city has lost 40,000 jobs in four years",
        Some("Governor Grant"),
    );
    assert_eq!(f.verdict, Verdict::Altered, "{f:?}");
    assert!(f.flags.contains(Flags::NUMBER));
    let f = check(&period, "I have a plan and a budget", Some("Lopez"));
    assert_eq!(f.verdict, Verdict::Misattributed, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Grant"));
}

#[test]
fn hearing_record_in_print_style() {
    let store = store_of(SourceDoc::new("h", fixture("own/hearing-record.txt")));
    let f = check(&store, "Fares will not go up this year.", Some("Ms. Lopez"));
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    let f = check(
        &store,
        "Will you guarantee that fares will not go up?",
        Some("Lopez"),
    );
    assert_eq!(f.verdict, Verdict::Misattributed, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Grant"));
}

#[test]
fn voa_interview_is_public_domain_and_edited() {
    let store = store_of(SourceDoc::new(
        "voa",
        fixture("pd/voa-2023-12-kirby-interview.txt"),
    ));
    let f = check(
        &store,
        "No nation should have to live with the threat that Hamas poses to Israel.",
        Some("Kirby"),
    );
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("John Kirby"));
    // Later paragraphs of the answer stay in Kirby's turn.
    let f = check(
        &store,
        "Too many civilians have been killed, and the right number is zero.",
        Some("John Kirby"),
    );
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    // VOA's own insertion `[Antony]` is not Kirby's word: leaving it out is fine.
    let f = check(
        &store,
        "the secretary of defense and of course, Secretary of State Blinken in just a week or so before that.",
        Some("Kirby"),
    );
    assert!(
        matches!(f.verdict, Verdict::Verbatim | Verdict::Minor),
        "{f:?}"
    );
    // The interviewer's question is not Kirby's.
    let f = check(
        &store,
        "At what point would the president decide that his support for Israel is costing him too much?",
        Some("Kirby"),
    );
    assert_eq!(f.verdict, Verdict::Misattributed, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("VOA"));
}

#[test]
fn iran_contra_hearing_text_and_its_html() {
    for file in [
        "pd/iran-contra-1987-07-07-north.txt",
        "pd/iran-contra-1987-07-07-north.html",
    ] {
        let store = store_of(SourceDoc::new("ic", fixture(file)));
        let f = check(
            &store,
            "I never raised it with him and he never raised it with me during my entire tenure at the National Security Council staff.",
            Some("Oliver North"),
        );
        assert_eq!(f.verdict, Verdict::Verbatim, "{file}: {f:?}");
        assert_eq!(f.speaker.as_deref(), Some("North"));
        let f = check(
            &store,
            "Lieutenant colonels in the Marine Corps do not divert millions of dollars from arms sales to Iran",
            Some("North"),
        );
        assert_eq!(f.verdict, Verdict::Misattributed, "{file}: {f:?}");
        assert_eq!(f.speaker.as_deref(), Some("Nields"));
        // `Mr. SULLIVAN.` in print style, on the line after a `Mr. NIELDS:` turn.
        let f = check(&store, "What is it, counsel?", Some("Sullivan"));
        assert_eq!(f.verdict, Verdict::Verbatim, "{file}: {f:?}");
        // "Chairman INOUYE: Mr. Nields." is the chairman calling on counsel.
        let source = store.source(0);
        let at = ["INOUYE</strong>: Mr. Nields.", "INOUYE: Mr. Nields."]
            .iter()
            .find_map(|p| {
                source
                    .text()
                    .find(p)
                    .map(|at| at + p.len() - "Mr. Nields.".len())
            })
            .unwrap();
        assert_eq!(source.speaker_at(at).name(), Some("Inouye"), "{file}");
    }
}

#[test]
fn dvids_captions_as_scraped_on_one_line() {
    let store = store_of(
        SourceDoc::new(
            "dvids",
            fixture("pd/dod-2023-05-02-dvids-captions-oneline.srt"),
        )
        .speaker("Pat Ryder"),
    );
    // Three cues, with numbers and timings between the words.
    let f = check(
        &store,
        "Just a few items pass along at the top and then we'll get right to your questions.",
        Some("Ryder"),
    );
    assert_eq!(f.verdict, Verdict::Verbatim, "{f:?}");
    assert_eq!(f.speaker.as_deref(), Some("Pat Ryder"));
    assert_eq!(f.time.as_deref(), Some("00:00:00,209 --> 00:00:03,990"));
    assert_eq!(f.text.matches("-->").count(), 2, "{f:?}");
}

#[test]
fn white_house_reporters_and_stage_directions() {
    let store = common::demo_store();
    let source = store.find("briefing").unwrap();
    let text = store.source(source).text();
    let laugh = text
        .find("(Laughter.)")
        .expect("a stage direction in the briefing");
    let before = &text[..laugh];
    // The words around the stage direction, quoted without it.
    let tail: Vec<&str> = before.split_whitespace().rev().take(6).collect();
    let after: Vec<&str> = text[laugh + "(Laughter.)".len()..]
        .split_whitespace()
        .take(6)
        .collect();
    let quote = format!(
        "{} {}",
        tail.into_iter().rev().collect::<Vec<_>>().join(" "),
        after.join(" ")
    );
    let mut checker = Checker::new();
    let report = checker.check(&store, &quote, None).unwrap();
    let best = report.best().unwrap();
    assert!(
        best.edits()
            .iter()
            .all(|e| best.source_text(e).find("Laughter").is_none() || e.change.is_cosmetic()),
        "{quote:?}: {:?}",
        best.edits()
    );
    assert!(best.text().contains("(Laughter.)"));
}
