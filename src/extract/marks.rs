//! Quotation-mark pairing: which marks open, which close, which are
//! apostrophes, and which are strays.
//!
//! A paragraph is scanned once, left to right, with a small stack of open
//! quotes. A mark's role comes from its shape and its neighbours, as a
//! typesetter reads it:
//!
//! - curly and angle marks say which way they face, but the same glyph means
//!   different things by language: `“` opens in English and closes German
//!   `„…“`; `»` closes French `«…»` and opens German `»…«`. A glyph closes
//!   the innermost open quote that expects it, otherwise it opens.
//! - straight `"` and `'` face nowhere: one opens after a space (or the start,
//!   or an opening bracket) before a non-space, and closes after a non-space.
//! - a single mark between letters (`they’ve`, `O’Brien`), before a decade
//!   (`’90s`), in `rock ’n’ roll`, or after a plural's `s` when no single quote
//!   is open, is an apostrophe.
//!
//! Where paragraph breaks inside a quote were collapsed onto one line
//! (archive and wire copy: `"… it remains. "He's been …"`), a double mark of
//! the open quote's kind that opens after a sentence's end re-opens: the
//! open quote ends at its last character and the new one continues it.
//!
//! A quote left open at the end of its paragraph continues only when the next
//! paragraph starts with an opening mark of the same kind (the multi-paragraph
//! convention); otherwise its opening mark is a stray and no quote is invented.

#![forbid(unsafe_code)]

/// How a mark glyph behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Glyph {
    /// `"`: opens or closes by context.
    StraightDouble,
    /// `'`: opens, closes, or is an apostrophe.
    StraightSingle,
    /// `“` U+201C: opens English, closes German `„`.
    LeftDouble,
    /// `”` U+201D: closes English (and some German texts' `„`).
    RightDouble,
    /// `„` U+201E: opens German.
    LowDouble,
    /// `‘` U+2018: opens English single, closes German `‚`.
    LeftSingle,
    /// `’` U+2019: closes single, or an apostrophe.
    RightSingle,
    /// `‚` U+201A: opens German single.
    LowSingle,
    /// `«`: opens French, closes German `»…«`.
    LeftAngle,
    /// `»`: closes French, opens German.
    RightAngle,
    /// `‹`
    LeftAngleSingle,
    /// `›`
    RightAngleSingle,
    /// `「`
    CornerOpen,
    /// `」`
    CornerClose,
    /// `『`
    WhiteCornerOpen,
    /// `』`
    WhiteCornerClose,
    /// `` `` `` (two backticks, as in typewriter and treebank text).
    Backticks,
    /// `''` (two straight singles closing backticks).
    TwoSingles,
}

impl Glyph {
    /// Is this a single (inner) mark?
    pub(crate) fn is_single(self) -> bool {
        matches!(
            self,
            Glyph::StraightSingle
                | Glyph::LeftSingle
                | Glyph::RightSingle
                | Glyph::LowSingle
                | Glyph::LeftAngleSingle
                | Glyph::RightAngleSingle
                | Glyph::WhiteCornerOpen
                | Glyph::WhiteCornerClose
        )
    }

    /// Can a quote opened by `self` be closed by `closer`?
    fn closed_by(self, closer: Glyph) -> bool {
        use Glyph::*;
        match self {
            StraightDouble => closer == StraightDouble,
            StraightSingle => matches!(closer, StraightSingle | RightSingle),
            LeftDouble => matches!(closer, RightDouble | LeftDouble | StraightDouble),
            RightDouble => closer == RightDouble,
            LowDouble => matches!(closer, LeftDouble | RightDouble),
            LeftSingle => matches!(closer, RightSingle | StraightSingle),
            LowSingle => matches!(closer, LeftSingle | RightSingle),
            LeftAngle => closer == RightAngle,
            RightAngle => closer == LeftAngle,
            LeftAngleSingle => closer == RightAngleSingle,
            RightAngleSingle => closer == LeftAngleSingle,
            CornerOpen => closer == CornerClose,
            WhiteCornerOpen => closer == WhiteCornerClose,
            Backticks => matches!(closer, TwoSingles | RightDouble),
            RightSingle | CornerClose | WhiteCornerClose | TwoSingles => false,
        }
    }

    /// Can this glyph open a quote at all (given a suitable context)?
    fn may_open(self) -> bool {
        use Glyph::*;
        !matches!(self, CornerClose | WhiteCornerClose | TwoSingles)
    }

    /// Is the glyph one whose shape says "I open" in its usual language?
    fn faces_open(self) -> bool {
        use Glyph::*;
        matches!(
            self,
            LeftDouble
                | LowDouble
                | LeftSingle
                | LowSingle
                | LeftAngle
                | LeftAngleSingle
                | CornerOpen
                | WhiteCornerOpen
                | Backticks
        )
    }
}

/// The glyph at byte `i` of `text`, with its length, if a quote mark starts
/// there. `i` must be a char boundary.
pub(crate) fn glyph_at(text: &str, i: usize) -> Option<(Glyph, usize)> {
    let b = text.as_bytes();
    match b[i] {
        b'"' => Some((Glyph::StraightDouble, 1)),
        b'\'' if b.get(i + 1) == Some(&b'\'') => Some((Glyph::TwoSingles, 2)),
        b'\'' => Some((Glyph::StraightSingle, 1)),
        b'`' if b.get(i + 1) == Some(&b'`') => Some((Glyph::Backticks, 2)),
        0xC2 => match b.get(i + 1) {
            Some(0xAB) => Some((Glyph::LeftAngle, 2)),
            Some(0xBB) => Some((Glyph::RightAngle, 2)),
            _ => None,
        },
        0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
            Some(0x9C) => Some((Glyph::LeftDouble, 3)),
            Some(0x9D) => Some((Glyph::RightDouble, 3)),
            Some(0x9E) => Some((Glyph::LowDouble, 3)),
            Some(0x98) => Some((Glyph::LeftSingle, 3)),
            Some(0x99) => Some((Glyph::RightSingle, 3)),
            Some(0x9A) => Some((Glyph::LowSingle, 3)),
            Some(0xB9) => Some((Glyph::LeftAngleSingle, 3)),
            Some(0xBA) => Some((Glyph::RightAngleSingle, 3)),
            _ => None,
        },
        0xE3 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
            Some(0x8C) => Some((Glyph::CornerOpen, 3)),
            Some(0x8D) => Some((Glyph::CornerClose, 3)),
            Some(0x8E) => Some((Glyph::WhiteCornerOpen, 3)),
            Some(0x8F) => Some((Glyph::WhiteCornerClose, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// A paired quote inside one paragraph (or a piece of a multi-paragraph one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pair {
    /// Byte range of the opening mark.
    pub open: (u32, u32),
    /// Byte range of the closing mark; empty at `end` of the paragraph when
    /// the quote continues into the next paragraph.
    pub close: (u32, u32),
    /// Index (in the output) of the quote this one is nested in.
    pub outer: Option<u32>,
    /// The opening glyph.
    pub glyph: Glyph,
    /// No closing mark in this paragraph; the next paragraph continues it.
    pub open_end: bool,
    /// This piece continues a quote from the previous paragraph.
    pub continued: bool,
}

/// What pairing found in a paragraph, appended to caller-owned buffers.
pub(crate) struct Found<'a> {
    pub pairs: &'a mut Vec<Pair>,
    pub strays: &'a mut Vec<(u32, u32)>,
    /// Scratch for [`compact`]: where each pair went.
    pub remap: &'a mut Vec<u32>,
}

struct Open {
    at: (u32, u32),
    glyph: Glyph,
    /// Index of its placeholder in `pairs`.
    slot: u32,
}

/// The deepest nesting followed; deeper marks are strays.
const MAX_DEPTH: usize = 8;

/// Pairs the marks of the paragraph `text[start..end]`.
///
/// `continued` says the previous paragraph left a quote open and this one
/// opens with a mark that continues it. `next_opens` says the paragraph after
/// this one starts with an opening mark (for this paragraph's open quote).
/// `singles_top_level` lets single marks open a top-level quote.
pub(crate) fn pair_paragraph(
    text: &str,
    start: usize,
    end: usize,
    continued: bool,
    next_opens: Option<Glyph>,
    singles_top_level: bool,
    out: &mut Found<'_>,
) {
    let bytes = text.as_bytes();
    let first_pair = out.pairs.len();
    let mut stack: [Option<Open>; MAX_DEPTH] = Default::default();
    let mut depth = 0usize;
    let mut i = start;
    // The next candidate of the rarer lead bytes (« » ‹ › 「 」 ``), found
    // by a second search and kept until passed.
    let mut rare = end;
    let mut rare_from = start;
    while i < end {
        if rare_from <= i {
            rare = memchr::memchr3(0xC2, 0xE3, b'`', &bytes[i..end]).map_or(end, |p| i + p);
            rare_from = rare + 1;
        }
        let common = memchr::memchr3(b'"', b'\'', 0xE2, &bytes[i..rare]).map_or(rare, |p| i + p);
        if common >= end {
            break;
        }
        i = common;
        if i == rare {
            rare_from = i;
        }
        let Some((glyph, len)) = glyph_at(text, i) else {
            i += 1;
            continue;
        };
        let mark = (i as u32, (i + len) as u32);
        let prev = text[start..i].chars().next_back();
        let next = text[i + len..end].chars().next();
        let space_before = prev.is_none_or(opens_context);
        let mut space_after = next.is_none_or(|c| c.is_whitespace());
        // French sets guillemets off with (no-break) spaces: « oui ».
        let french = matches!(glyph, Glyph::LeftAngle | Glyph::LeftAngleSingle);
        if french && next.is_some_and(|c| c.is_whitespace()) {
            space_after = text[i + len..end].trim_start().is_empty();
        }
        let french_close = matches!(glyph, Glyph::RightAngle | Glyph::RightAngleSingle)
            && prev.is_some_and(char::is_whitespace);
        i += len;

        let apostrophe_shaped = matches!(
            glyph,
            Glyph::StraightSingle | Glyph::LeftSingle | Glyph::RightSingle
        );
        if apostrophe_shaped && is_apostrophe(text, mark, start, end, prev, next) {
            continue;
        }

        // Close the innermost open quote this glyph can close. A closer
        // right after another closer ("‘accept it,’”") closes too: a mark
        // before a mark opens context only for openers.
        let after_closer =
            prev.is_some_and(|c| matches!(c, '’' | '”' | '‘' | '“' | '»' | '›' | '」' | '』'));
        let can_close = !space_before
            || after_closer
            || glyph == Glyph::StraightDouble && depth > 0
            || french_close
                && (0..depth).any(|d| {
                    stack[d].as_ref().is_some_and(|o| {
                        matches!(o.glyph, Glyph::LeftAngle | Glyph::LeftAngleSingle)
                    })
                });
        let closer = (0..depth)
            .rev()
            .find(|&d| stack[d].as_ref().is_some_and(|o| o.glyph.closed_by(glyph)));
        // CJK corner brackets need no space: they only ever open.
        let cjk = matches!(glyph, Glyph::CornerOpen | Glyph::WhiteCornerOpen);
        let wants_open = glyph.may_open()
            && !space_after
            && (space_before
                || cjk
                || glyph.faces_open() && prev.is_none_or(|c| !c.is_alphanumeric()));
        // "… it remains. "He's been …": a paragraph break collapsed onto
        // one line (archive and wire copy). A mark of the open quote's own
        // kind, opening-shaped after a sentence's end, re-opens: the open
        // quote ends at its last character and a new one continues it.
        let reopens = depth == 1
            && space_before
            && wants_open
            && !glyph.is_single()
            && stack[0].as_ref().is_some_and(|o| o.glyph == glyph)
            && text[start..mark.0 as usize]
                .trim_end()
                .ends_with(['.', '?', '!', '…']);
        if reopens && let Some(o) = stack[0].take() {
            let last = start + text[start..mark.0 as usize].trim_end().len();
            out.pairs[o.slot as usize].close = (last as u32, last as u32);
            depth = 0;
        }
        // A straight mark that could do both closes what it can.
        let close_here = !reopens
            && match closer {
                Some(d) => {
                    can_close
                        && !(wants_open
                            && glyph.faces_open()
                            && stack[d].as_ref().is_some_and(|o| o.glyph == glyph)
                            && space_before)
                }
                None => false,
            };
        if close_here {
            let d = closer.unwrap_or(0);
            // Anything opened inside and never closed is a stray.
            for inner in stack.iter_mut().take(depth).skip(d + 1) {
                if let Some(o) = inner.take() {
                    out.strays.push(o.at);
                    out.pairs[o.slot as usize].open = (u32::MAX, u32::MAX);
                }
            }
            if let Some(o) = stack[d].take() {
                out.pairs[o.slot as usize].close = mark;
            }
            depth = d;
            continue;
        }
        if wants_open && (depth > 0 || !glyph.is_single() || singles_top_level) {
            if depth == MAX_DEPTH {
                out.strays.push(mark);
                continue;
            }
            let outer = (0..depth)
                .rev()
                .find_map(|d| stack[d].as_ref().map(|o| o.slot));
            let slot = out.pairs.len() as u32;
            let is_continuation = reopens || continued && depth == 0 && slot as usize == first_pair;
            out.pairs.push(Pair {
                open: mark,
                close: (u32::MAX, u32::MAX),
                outer,
                glyph,
                open_end: false,
                continued: is_continuation,
            });
            stack[depth] = Some(Open {
                at: mark,
                glyph,
                slot,
            });
            depth += 1;
            continue;
        }
        if !glyph.is_single() {
            out.strays.push(mark);
        }
    }
    // Left open at the paragraph's end.
    for (d, open) in stack.iter_mut().enumerate().take(depth) {
        let Some(o) = open.take() else { continue };
        let continues = d == 0
            && next_opens.is_some_and(|g| g == o.glyph || o.glyph.closed_by(g) || g.faces_open());
        if continues {
            let p = &mut out.pairs[o.slot as usize];
            p.close = (end as u32, end as u32);
            p.open_end = true;
        } else {
            out.strays.push(o.at);
            out.pairs[o.slot as usize].open = (u32::MAX, u32::MAX);
        }
    }
    // Drop the placeholders of strays, keeping outer indexes right.
    compact(out.pairs, first_pair, out.remap);
}

/// Removes dead placeholders from `pairs[from..]`, remapping `outer`: a
/// pair's new index, or for a dead one the new index of its own outer (its
/// inner quotes hang on that). One pass, as a pair's outer always comes
/// before it (a paragraph of stray openers was quadratic when each removal
/// rescanned the pairs after it).
fn compact(pairs: &mut Vec<Pair>, from: usize, remap: &mut Vec<u32>) {
    const NONE: u32 = u32::MAX;
    if pairs[from..].iter().all(|p| p.open.0 != u32::MAX) {
        return;
    }
    remap.clear();
    let new_outer = |outer: Option<u32>, remap: &[u32]| match outer {
        Some(o) if o as usize >= from => {
            let m = remap[o as usize - from];
            (m != NONE).then_some(m)
        }
        other => other,
    };
    let mut write = from;
    for read in from..pairs.len() {
        let mut p = pairs[read];
        p.outer = new_outer(p.outer, remap);
        if p.open.0 == u32::MAX {
            remap.push(p.outer.unwrap_or(NONE));
            continue;
        }
        remap.push(write as u32);
        pairs[write] = p;
        write += 1;
    }
    pairs.truncate(write);
}

/// A character after which a mark starts something: space, start, an
/// opening bracket, a dash or a slash.
fn opens_context(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '>')
        || is_any_mark(c)
}

fn is_any_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// Is the single mark at `mark` an apostrophe rather than a quote mark?
fn is_apostrophe(
    text: &str,
    mark: (u32, u32),
    start: usize,
    end: usize,
    prev: Option<char>,
    next: Option<char>,
) -> bool {
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // they’ve, O’Brien, Russia’s
    if letter(prev) && letter(next) {
        return true;
    }
    let after = &text[mark.1 as usize..end];
    // ’90s, ’tis, ’em: an elision at a word's start.
    if !letter(prev) {
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 2 && after[2..].starts_with(|c: char| c == 's' || !c.is_alphanumeric()) {
            return true;
        }
        for elided in ["tis ", "em ", "til ", "cause ", "n' ", "n’ ", "n ", "twas "] {
            if after.starts_with(elided) {
                return true;
            }
        }
    }
    // "the Smiths’ best’": a plural's possessive, when another single mark
    // later in the paragraph can close the quote.
    if prev == Some('s') && next.is_some_and(char::is_whitespace) {
        let rest = after.trim_start();
        if rest.starts_with(|c: char| c.is_lowercase()) {
            let closer_later = rest.char_indices().any(|(k, c)| {
                matches!(c, '’' | '\'')
                    && !rest[k + c.len_utf8()..].starts_with(char::is_alphanumeric)
                    && rest[..k].ends_with(|p: char| !p.is_whitespace())
            });
            if closer_later {
                return true;
            }
        }
    }
    // rock ’n’ roll: the second mark.
    let before = &text[start..mark.0 as usize];
    if before.ends_with(" ’n") || before.ends_with(" 'n") || before.ends_with(" ‘n") {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str, singles: bool) -> (Vec<String>, usize) {
        let mut p = Vec::new();
        let mut s = Vec::new();
        pair_paragraph(
            text,
            0,
            text.len(),
            false,
            None,
            singles,
            &mut Found {
                pairs: &mut p,
                strays: &mut s,
                remap: &mut Vec::new(),
            },
        );
        let inner = p
            .iter()
            .map(|p| text[p.open.1 as usize..p.close.0 as usize].to_string())
            .collect();
        (inner, s.len())
    }

    #[test]
    fn every_mark_style() {
        for (text, want) in [
            ("He said “we will not” today.", "we will not"),
            ("He said \"we will not\" today.", "we will not"),
            ("Er sagte „wir werden nicht“ heute.", "wir werden nicht"),
            (
                "Il a dit « nous ne ferons pas » hier.",
                " nous ne ferons pas ",
            ),
            ("Er sagte »wir werden nicht« heute.", "wir werden nicht"),
            ("He said ``we will not'' today.", "we will not"),
            ("彼は「しない」と言った。", "しない"),
            ("彼は『しない』と言った。", "しない"),
            ("Il a dit ‹ non › hier.", " non "),
            ("Er sagte ‚nein‘ heute.", "nein"),
        ] {
            let (got, strays) = pairs(text, true);
            assert_eq!(got, [want], "{text}");
            assert_eq!(strays, 0, "{text}");
        }
    }

    #[test]
    fn a_closer_right_after_a_closer_closes() {
        // The nested quote ends where the outer one does: both close.
        let (got, strays) = pairs("“You say you ‘accept it,’” Merkley said.", true);
        assert_eq!(got, ["You say you ‘accept it,’", "accept it,"]);
        assert_eq!(strays, 0);
        let (got, strays) = pairs("„Er sagte ‚nein‘“, sagte sie.", true);
        assert_eq!(got, ["Er sagte ‚nein‘", "nein"]);
        assert_eq!(strays, 0);
    }

    #[test]
    fn apostrophes_are_not_marks() {
        for text in [
            "They’ve said Russia’s army was O’Brien’s in the ’90s.",
            "It was rock ’n’ roll, the Smiths’ record.",
            "They've said Russia's army, O'Brien's, the '90s.",
            "It's 'tis the season.",
        ] {
            let (got, strays) = pairs(text, true);
            assert!(got.is_empty(), "{text}: {got:?}");
            assert_eq!(strays, 0, "{text}");
        }
        let (got, _) = pairs("She called it ‘the Smiths’ best’ record.", true);
        assert_eq!(got, ["the Smiths’ best"]);
    }

    #[test]
    fn nested_quotes_are_reported_inside_the_outer() {
        let text = "He said: “They told me ‘never again,’ and I believed it.”";
        let mut p = Vec::new();
        let mut s = Vec::new();
        pair_paragraph(
            text,
            0,
            text.len(),
            false,
            None,
            false,
            &mut Found {
                pairs: &mut p,
                strays: &mut s,
                remap: &mut Vec::new(),
            },
        );
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].outer, None);
        assert_eq!(p[1].outer, Some(0));
        assert_eq!(
            &text[p[1].open.1 as usize..p[1].close.0 as usize],
            "never again,"
        );
        assert!(s.is_empty());
    }

    #[test]
    fn unbalanced_marks_are_strays_and_swallow_nothing() {
        let (got, strays) = pairs("He said “we will not. Then “yes” he said.", false);
        assert_eq!(got, ["yes"]);
        assert_eq!(strays, 1);
        let (got, strays) = pairs("A stray ” closer and a \"real\" one.", false);
        assert_eq!(got, ["real"]);
        assert_eq!(strays, 1);
    }

    #[test]
    fn top_level_singles_only_when_asked() {
        let text = "Trump: ‘Mocking’ critics were ‘wrong.’";
        assert_eq!(pairs(text, true).0, ["Mocking", "wrong."]);
        assert!(pairs(text, false).0.is_empty());
    }

    #[test]
    fn an_open_quote_continues_only_into_a_reopening_paragraph() {
        let text = "“We will go on.";
        let mut p = Vec::new();
        let mut s = Vec::new();
        let mut remap = Vec::new();
        let mut found = Found {
            pairs: &mut p,
            strays: &mut s,
            remap: &mut remap,
        };
        pair_paragraph(
            text,
            0,
            text.len(),
            false,
            Some(Glyph::LeftDouble),
            false,
            &mut found,
        );
        assert_eq!(p.len(), 1);
        assert!(p[0].open_end);
        let mut p = Vec::new();
        let mut remap = Vec::new();
        let mut found = Found {
            pairs: &mut p,
            strays: &mut s,
            remap: &mut remap,
        };
        pair_paragraph(text, 0, text.len(), false, None, false, &mut found);
        assert!(p.is_empty());
        assert_eq!(s.len(), 1);
    }
}
