//! Plain data shared with C: the string view, and the enumerations as
//! `uint32_t` constants with functions that name them.

use std::ffi::{CStr, c_char};

use super::boundary::guard_value;
use crate::extract::{QuoteKind, Rule};
use crate::{Change, EditOp, Flags, SpeakerKind, Verdict};

/// A borrowed UTF-8 string: `len` bytes at `ptr`, not NUL-terminated.
/// `ptr` is never NULL (an empty string points to a static empty string).
/// How long it stays valid is stated by the function that returns it.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct qc_str {
    /// The first byte.
    pub ptr: *const c_char,
    /// Length in bytes.
    pub len: usize,
}

impl qc_str {
    pub(crate) fn of(s: &str) -> qc_str {
        if s.is_empty() {
            return qc_str::EMPTY;
        }
        qc_str {
            ptr: s.as_ptr().cast(),
            len: s.len(),
        }
    }

    pub(crate) const EMPTY: qc_str = qc_str {
        ptr: c"".as_ptr(),
        len: 0,
    };
}

impl Default for qc_str {
    fn default() -> Self {
        qc_str::EMPTY
    }
}

/// The quote matches the source word for word (after folding case, quote
/// marks and spaces).
pub const QC_VERDICT_VERBATIM: u32 = 0;
/// Only cosmetic differences (punctuation, typography, hyphenation, ...).
pub const QC_VERDICT_MINOR: u32 = 1;
/// Words changed, added or dropped.
pub const QC_VERDICT_ALTERED: u32 = 2;
/// Omissions marked by an ellipsis; every fragment verbatim or minor.
pub const QC_VERDICT_ELLIPSIS: u32 = 3;
/// No source span is close enough.
pub const QC_VERDICT_NOT_FOUND: u32 = 4;
/// Found, but the source says someone else said it.
pub const QC_VERDICT_MISATTRIBUTED: u32 = 5;

pub(crate) fn verdict_code(v: Verdict) -> u32 {
    match v {
        Verdict::Verbatim => QC_VERDICT_VERBATIM,
        Verdict::Minor => QC_VERDICT_MINOR,
        Verdict::Altered => QC_VERDICT_ALTERED,
        Verdict::Ellipsis => QC_VERDICT_ELLIPSIS,
        Verdict::NotFound => QC_VERDICT_NOT_FOUND,
        Verdict::Misattributed => QC_VERDICT_MISATTRIBUTED,
    }
}

/// Flag bit: a negation was added or dropped ("not").
pub const QC_FLAG_NEGATION: u32 = 1;
/// Flag bit: a number changed.
pub const QC_FLAG_NUMBER: u32 = 2;
/// Flag bit: a name changed.
pub const QC_FLAG_NAME: u32 = 4;
/// Flag bit: the quote matches only part of the span.
pub const QC_FLAG_PARTIAL: u32 = 8;
/// Flag bit: the quote has an ellipsis.
pub const QC_FLAG_ELLIPSIS: u32 = 16;
/// Flag bit: the named speaker is not the transcript's.
pub const QC_FLAG_SPEAKER_MISMATCH: u32 = 32;
/// Flag bit: the source does not say who spoke.
pub const QC_FLAG_SPEAKER_UNKNOWN: u32 = 64;
/// Flag bit: the span crosses a speaker turn.
pub const QC_FLAG_CROSSES_TURN: u32 = 128;
/// Flag bit: an [editorial insertion] was involved.
pub const QC_FLAG_EDITORIAL: u32 = 256;
/// Flag bit: the article's speaker is a role, group or organisation (or a
/// person where the source has an unnamed voice) that the source neither
/// supports nor contradicts. Something to confirm, not an accusation.
pub const QC_FLAG_SPEAKER_UNVERIFIED: u32 = 512;
/// Flag bit: the quote joins words from two places with no ellipsis.
pub const QC_FLAG_SPLICED: u32 = 1024;

const _: () = {
    assert!(Flags::NEGATION.0 == QC_FLAG_NEGATION);
    assert!(Flags::NUMBER.0 == QC_FLAG_NUMBER);
    assert!(Flags::NAME.0 == QC_FLAG_NAME);
    assert!(Flags::PARTIAL.0 == QC_FLAG_PARTIAL);
    assert!(Flags::ELLIPSIS.0 == QC_FLAG_ELLIPSIS);
    assert!(Flags::SPEAKER_MISMATCH.0 == QC_FLAG_SPEAKER_MISMATCH);
    assert!(Flags::SPEAKER_UNKNOWN.0 == QC_FLAG_SPEAKER_UNKNOWN);
    assert!(Flags::CROSSES_TURN.0 == QC_FLAG_CROSSES_TURN);
    assert!(Flags::EDITORIAL.0 == QC_FLAG_EDITORIAL);
    assert!(Flags::SPEAKER_UNVERIFIED.0 == QC_FLAG_SPEAKER_UNVERIFIED);
    assert!(Flags::SPLICED.0 == QC_FLAG_SPLICED);
};

/// Edit operation: quote text stands where the source has other text.
pub const QC_EDIT_REPLACE: u32 = 0;
/// Edit operation: the quote has words the source does not.
pub const QC_EDIT_INSERT: u32 = 1;
/// Edit operation: the source has words the quote left out.
pub const QC_EDIT_DELETE: u32 = 2;

pub(crate) fn op_code(op: EditOp) -> u32 {
    match op {
        EditOp::Replace => QC_EDIT_REPLACE,
        EditOp::Insert => QC_EDIT_INSERT,
        EditOp::Delete => QC_EDIT_DELETE,
    }
}

/// Change kind: letter case only.
pub const QC_CHANGE_CASE: u32 = 0;
/// Change kind: accents.
pub const QC_CHANGE_ACCENT: u32 = 1;
/// Change kind: quote marks, apostrophes, dashes, spaces.
pub const QC_CHANGE_TYPOGRAPHY: u32 = 2;
/// Change kind: punctuation.
pub const QC_CHANGE_PUNCTUATION: u32 = 3;
/// Change kind: hyphenation or compounding.
pub const QC_CHANGE_HYPHENATION: u32 = 4;
/// Change kind: a contraction ("do not" / "don't").
pub const QC_CHANGE_CONTRACTION: u32 = 5;
/// Change kind: number style ("ten" / "10").
pub const QC_CHANGE_NUMBER_STYLE: u32 = 6;
/// Change kind: an editorial bracket (`[W]e`).
pub const QC_CHANGE_EDITORIAL: u32 = 7;
/// Change kind: an omission marked by an ellipsis.
pub const QC_CHANGE_OMISSION: u32 = 8;
/// Change kind: a stage direction ("(Laughter.)").
pub const QC_CHANGE_STAGE_DIRECTION: u32 = 9;
/// Change kind: a false start or repeated word.
pub const QC_CHANGE_FALSE_START: u32 = 10;
/// Change kind: a different word.
pub const QC_CHANGE_WORD: u32 = 11;
/// Change kind: spelling.
pub const QC_CHANGE_SPELLING: u32 = 12;
/// Change kind: a different number (meaning-critical).
pub const QC_CHANGE_NUMBER: u32 = 13;
/// Change kind: a negation added or dropped (meaning-critical).
pub const QC_CHANGE_NEGATION: u32 = 14;
/// Change kind: a different name (meaning-critical).
pub const QC_CHANGE_NAME: u32 = 15;
/// Change kind: a leading conjunction ("And ...") dropped or added.
pub const QC_CHANGE_CONJUNCTION: u32 = 16;
/// Change kind: the same word in another form: a tense, a plural
/// ("want"/"wanted").
pub const QC_CHANGE_INFLECTION: u32 = 17;
/// Change kind: a word the source has in another place of the span (the
/// quote moved it).
pub const QC_CHANGE_MOVED: u32 = 18;

pub(crate) fn change_code(c: Change) -> u32 {
    match c {
        Change::Case => QC_CHANGE_CASE,
        Change::Accent => QC_CHANGE_ACCENT,
        Change::Typography => QC_CHANGE_TYPOGRAPHY,
        Change::Punctuation => QC_CHANGE_PUNCTUATION,
        Change::Hyphenation => QC_CHANGE_HYPHENATION,
        Change::Contraction => QC_CHANGE_CONTRACTION,
        Change::NumberStyle => QC_CHANGE_NUMBER_STYLE,
        Change::Editorial => QC_CHANGE_EDITORIAL,
        Change::Omission => QC_CHANGE_OMISSION,
        Change::StageDirection => QC_CHANGE_STAGE_DIRECTION,
        Change::FalseStart => QC_CHANGE_FALSE_START,
        Change::Word => QC_CHANGE_WORD,
        Change::Spelling => QC_CHANGE_SPELLING,
        Change::Number => QC_CHANGE_NUMBER,
        Change::Negation => QC_CHANGE_NEGATION,
        Change::Name => QC_CHANGE_NAME,
        Change::Conjunction => QC_CHANGE_CONJUNCTION,
        Change::Inflection => QC_CHANGE_INFLECTION,
        Change::Moved => QC_CHANGE_MOVED,
    }
}

/// Speaker at a match: the source gives no speaker information.
pub const QC_SPEAKER_NOT_GIVEN: u32 = 0;
/// Speaker at a match: a named person (in `speaker`).
pub const QC_SPEAKER_NAMED: u32 = 1;
/// Speaker at a match: someone speaks, the source does not say who.
pub const QC_SPEAKER_UNKNOWN: u32 = 2;
/// Speaker at a match: a voice named only by a generic role (a reporter's
/// `Q` turn: `speaker` is "Reporter"). Not a person.
pub const QC_SPEAKER_ROLE: u32 = 3;

/// Claimed speaker kind (`qc_checker_check_as`): infer it from the name.
pub const QC_CLAIM_INFER: u32 = 0;
/// Claimed speaker kind: a named person ("John Kirby", "Mr Blair").
pub const QC_CLAIM_PERSON: u32 = 1;
/// Claimed speaker kind: a role without a name ("a White House spokesman").
pub const QC_CLAIM_ROLE: u32 = 2;
/// Claimed speaker kind: several people ("officials", "reporters").
pub const QC_CLAIM_GROUP: u32 = 3;
/// Claimed speaker kind: an institution ("the White House", "the Pentagon").
pub const QC_CLAIM_ORGANISATION: u32 = 4;
/// Claimed speaker kind: nothing that names a speaker (a pronoun, a place).
pub const QC_CLAIM_UNKNOWN: u32 = 5;

pub(crate) fn claim_code(kind: SpeakerKind) -> u32 {
    match kind {
        SpeakerKind::Person => QC_CLAIM_PERSON,
        SpeakerKind::Role => QC_CLAIM_ROLE,
        SpeakerKind::Group => QC_CLAIM_GROUP,
        SpeakerKind::Organisation => QC_CLAIM_ORGANISATION,
        SpeakerKind::Unknown => QC_CLAIM_UNKNOWN,
    }
}

/// The name of a claimed speaker kind (`"person"`, `"role"`, `"group"`,
/// `"organisation"`, `"unknown"`), or NULL for `QC_CLAIM_INFER` and
/// undefined values.
///
/// Ownership: static and NUL-terminated; never free it.
#[unsafe(no_mangle)]
pub extern "C" fn qc_claim_str(kind: u32) -> *const c_char {
    guard_value(std::ptr::null(), || {
        name_ptr(match kind {
            QC_CLAIM_PERSON => Some(c"person"),
            QC_CLAIM_ROLE => Some(c"role"),
            QC_CLAIM_GROUP => Some(c"group"),
            QC_CLAIM_ORGANISATION => Some(c"organisation"),
            QC_CLAIM_UNKNOWN => Some(c"unknown"),
            _ => None,
        })
    })
}

/// Extracted quote kind: someone is reported as having said it.
pub const QC_QUOTE_SPEECH: u32 = 0;
/// Extracted quote kind: a title, a name or a scare quote.
pub const QC_QUOTE_OTHER: u32 = 1;

pub(crate) fn quote_kind_code(k: QuoteKind) -> u32 {
    match k {
        QuoteKind::Speech => QC_QUOTE_SPEECH,
        QuoteKind::Other => QC_QUOTE_OTHER,
    }
}

/// Source kind: decide from the text whether it is a transcript.
pub const QC_SOURCE_AUTO: u32 = 0;
/// Source kind: plain text, no speaker labels read.
pub const QC_SOURCE_PLAIN: u32 = 1;
/// Source kind: a transcript, labels read even if few.
pub const QC_SOURCE_TRANSCRIPT: u32 = 2;

/// Extraction rule values are those of `qc_rule_str`: 0 (`"none"`) to 12
/// (`"headline"`).
pub const QC_RULE_COUNT: u32 = 13;

const _: () = assert!(Rule::ALL.len() == QC_RULE_COUNT as usize);

fn name_ptr(name: Option<&'static CStr>) -> *const c_char {
    name.map_or(std::ptr::null(), CStr::as_ptr)
}

/// The name of a verdict (`"verbatim"`, `"minor"`, `"altered"`,
/// `"ellipsis"`, `"not_found"`, `"misattributed"`), or NULL for a value this
/// version does not define.
///
/// Ownership: static and NUL-terminated; never free it.
#[unsafe(no_mangle)]
pub extern "C" fn qc_verdict_str(verdict: u32) -> *const c_char {
    guard_value(std::ptr::null(), || {
        name_ptr(match verdict {
            QC_VERDICT_VERBATIM => Some(c"verbatim"),
            QC_VERDICT_MINOR => Some(c"minor"),
            QC_VERDICT_ALTERED => Some(c"altered"),
            QC_VERDICT_ELLIPSIS => Some(c"ellipsis"),
            QC_VERDICT_NOT_FOUND => Some(c"not_found"),
            QC_VERDICT_MISATTRIBUTED => Some(c"misattributed"),
            _ => None,
        })
    })
}

/// The name of one flag bit (`"negation"`, `"number"`, ...), or NULL when
/// `bit` is not exactly one defined flag.
///
/// Ownership: static and NUL-terminated; never free it.
#[unsafe(no_mangle)]
pub extern "C" fn qc_flag_str(bit: u32) -> *const c_char {
    guard_value(std::ptr::null(), || {
        name_ptr(match bit {
            QC_FLAG_NEGATION => Some(c"negation"),
            QC_FLAG_NUMBER => Some(c"number"),
            QC_FLAG_NAME => Some(c"name"),
            QC_FLAG_PARTIAL => Some(c"partial"),
            QC_FLAG_ELLIPSIS => Some(c"ellipsis"),
            QC_FLAG_SPEAKER_MISMATCH => Some(c"speaker_mismatch"),
            QC_FLAG_SPEAKER_UNKNOWN => Some(c"speaker_unknown"),
            QC_FLAG_CROSSES_TURN => Some(c"crosses_turn"),
            QC_FLAG_EDITORIAL => Some(c"editorial"),
            QC_FLAG_SPEAKER_UNVERIFIED => Some(c"speaker_unverified"),
            QC_FLAG_SPLICED => Some(c"spliced"),
            _ => None,
        })
    })
}

/// The name of an edit operation (`"replace"`, `"insert"`, `"delete"`), or
/// NULL for an undefined value.
///
/// Ownership: static and NUL-terminated; never free it.
#[unsafe(no_mangle)]
pub extern "C" fn qc_edit_op_str(op: u32) -> *const c_char {
    guard_value(std::ptr::null(), || {
        name_ptr(match op {
            QC_EDIT_REPLACE => Some(c"replace"),
            QC_EDIT_INSERT => Some(c"insert"),
            QC_EDIT_DELETE => Some(c"delete"),
            _ => None,
        })
    })
}

/// The name of a change kind (`"case"`, `"typography"`, `"negation"`, ...),
/// or NULL for an undefined value.
///
/// Ownership: static and NUL-terminated; never free it.
#[unsafe(no_mangle)]
pub extern "C" fn qc_change_str(change: u32) -> *const c_char {
    guard_value(std::ptr::null(), || {
        let found = Change::ALL.iter().find(|c| change_code(**c) == change);
        name_ptr(found.and_then(|c| change_name(*c)))
    })
}

fn change_name(c: Change) -> Option<&'static CStr> {
    Some(match c {
        Change::Case => c"case",
        Change::Accent => c"accent",
        Change::Typography => c"typography",
        Change::Punctuation => c"punctuation",
        Change::Hyphenation => c"hyphenation",
        Change::Contraction => c"contraction",
        Change::NumberStyle => c"number_style",
        Change::Editorial => c"editorial",
        Change::Omission => c"omission",
        Change::StageDirection => c"stage_direction",
        Change::FalseStart => c"false_start",
        Change::Word => c"word",
        Change::Spelling => c"spelling",
        Change::Number => c"number",
        Change::Negation => c"negation",
        Change::Name => c"name",
        Change::Conjunction => c"conjunction",
        Change::Inflection => c"inflection",
        Change::Moved => c"moved",
    })
}

/// The name of an extraction rule (`"said_x"`, `"x_said"`, `"pronoun"`, ...;
/// see `QC_RULE_COUNT`), or NULL for an undefined value.
///
/// Ownership: static and NUL-terminated; never free it.
#[unsafe(no_mangle)]
pub extern "C" fn qc_rule_str(rule: u32) -> *const c_char {
    guard_value(std::ptr::null(), || {
        let found = Rule::ALL.iter().find(|r| **r as u32 == rule);
        name_ptr(found.and_then(|r| rule_name(*r)))
    })
}

fn rule_name(r: Rule) -> Option<&'static CStr> {
    Some(match r {
        Rule::None => c"none",
        Rule::SaidX => c"said_x",
        Rule::XSaid => c"x_said",
        Rule::AccordingTo => c"according_to",
        Rule::XSaidBefore => c"x_said_before",
        Rule::Colon => c"colon",
        Rule::Subject => c"subject",
        Rule::Split => c"split",
        Rule::Continued => c"continued",
        Rule::Pronoun => c"pronoun",
        Rule::Dash => c"dash",
        Rule::Label => c"label",
        Rule::Headline => c"headline",
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn name(p: *const c_char) -> Option<String> {
        // SAFETY: the functions return NULL or a static NUL-terminated string.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string())
    }

    #[test]
    fn every_name_matches_the_rust_name() {
        for v in Verdict::ALL {
            assert_eq!(
                name(qc_verdict_str(verdict_code(v))).as_deref(),
                Some(v.name())
            );
        }
        assert_eq!(name(qc_verdict_str(99)), None);
        for c in Change::ALL {
            assert_eq!(
                name(qc_change_str(change_code(c))).as_deref(),
                Some(c.name())
            );
        }
        assert_eq!(name(qc_change_str(19)), None);
        for r in Rule::ALL {
            assert_eq!(name(qc_rule_str(r as u32)).as_deref(), Some(r.name()));
        }
        for op in [EditOp::Replace, EditOp::Insert, EditOp::Delete] {
            assert_eq!(
                name(qc_edit_op_str(op_code(op))).as_deref(),
                Some(op.name())
            );
        }
        for k in SpeakerKind::ALL {
            assert_eq!(name(qc_claim_str(claim_code(k))).as_deref(), Some(k.name()));
        }
        assert_eq!(name(qc_claim_str(QC_CLAIM_INFER)), None);
        for bit in 0..32 {
            let got = name(qc_flag_str(1 << bit));
            assert_eq!(got.as_deref(), Flags::bit_name(1 << bit));
        }
        assert_eq!(name(qc_flag_str(3)), None);
    }
}
