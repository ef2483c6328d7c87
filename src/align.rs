//! Word-level semi-global alignment of a quote against a source window.
//!
//! A dynamic program over quote items (rows) and source words (columns),
//! minimising an edit cost. It is *semi-global*: the whole quote must be
//! accounted for, but source words before and after the matched span are
//! free, so the best span is found wherever it lies in the window.
//!
//! Moves and their costs (units of a tenth of a word):
//!
//! | move | cost | meaning |
//! |---|---|---|
//! | match | 0 | same folded word |
//! | variant | 1 | same number in other words ("ten"/"10") |
//! | join | 1 | two words for one: "extra-terrestrial", "do not"/"don't" |
//! | substitute | 11 | a word changed (a little more, so a match plus a drop wins a tie) |
//!
//! Each run of changed words (substitutions, insertions, drops between two
//! anchors) is then aligned again on its own with finer costs
//! ([`refine`]): a word spelt nearly the same ("ballon"/"balloon",
//! "want"/"wanted") costs 7 and one that starts alike 10, so that a changed
//! word stays opposite the word it replaced. Runs are short, so this costs
//! little, and the main loop stays as simple as the table above.
//! | insert | 12 | a quote word the source does not have (more, so that more matched words win) |
//! | delete | 5 | a source word the quote dropped (condensing is common) |
//! | delete stage/editorial | 1 | "(laughter)", "\[extra\]" left out |
//! | ellipsis skip | 0 | an ellipsis stands for any run of source words |
//! | bracket | 0 | "[the president]" stands for up to 6 source words |
//!
//! The small costs (1, not 0) for cosmetic moves make an exact reading win
//! over a cosmetic one when both exist. Time and memory are O(n·m) for n
//! quote items and m window words; the buffers live in [`AlignScratch`] and
//! are reused, so an alignment allocates nothing once they are large enough.

#![forbid(unsafe_code)]

use crate::quote::{Item, ItemKind, MAX_BRACKET_WORDS};
use crate::store::flag;
use crate::variants::{is_number, joins_to, same_number};
use crate::vocab::{HEAD_LONG, HEAD_NONE, SHAPE_APOSTROPHE, Vocab, head_of, shape_of};

/// Cost of one changed, added or dropped word.
pub const WORD_COST: u32 = 10;
/// Cost of a substituted word: a little more than an insertion or deletion,
/// so that "will \[not\] raise" aligns "will" with "will" and drops "not",
/// rather than substituting "will" for "not" at the same price.
pub const SUBSTITUTE_COST: u32 = 11;
/// Cost of a word substituted by one spelt nearly the same (a typo, a
/// tense: at most two letters apart, both of four letters or more), in
/// [`refine`]. Below a plain substitution, so that "the Chinese ballon"
/// against "that balloon" keeps "ballon" opposite "balloon" and inserts
/// "Chinese", rather than shifting every word one place.
pub const NEAR_SUBSTITUTE_COST: u32 = 7;

/// The longest run of changed words (on either side) that [`refine_runs`]
/// aligns again; longer runs are left as the main alignment made them.
const MAX_REFINED_RUN: usize = 16;

/// Cost of a quote word the source does not have. Above a dropped word's
/// cost so that a quote matching more words wins: "we will go" against "we
/// will not go" is "will, \[not\], go", not "will" with "go" added at the end
/// (where the source's end is free).
pub const INSERT_COST: u32 = 12;
/// Cost of a source word the quote dropped: half a changed word. Quotes
/// condense ("the safety and security of the American people" printed as
/// "America"); a condensed quote must still align with its passage rather
/// than stop short of it. The score charges dropped words at a similar rate
/// ([`crate::check::DROPPED_WORD_WEIGHT`]).
pub const DELETE_COST: u32 = 5;
/// Cost of a cosmetic move (variant, join, dropping a stage direction).
pub const COSMETIC_COST: u32 = 1;

/// What one step of an alignment did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Same folded word.
    Match,
    /// Same number written differently.
    Variant,
    /// Two quote words for one source word (compound, contraction).
    JoinQuote,
    /// One quote word for two source words.
    JoinSource,
    /// A word changed.
    Substitute,
    /// A quote word not in the source.
    Insert,
    /// A source word the quote dropped.
    Delete,
    /// A stage direction or editorial word of the source left out.
    DeleteCosmetic,
    /// An ellipsis standing for the source words it spans (maybe none).
    Omission,
    /// An editorial bracket standing for the source words it spans.
    Bracket,
}

/// One step: quote items `q.0..q.1` against window words `s.0..s.1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// What happened.
    pub op: Op,
    /// Quote item range.
    pub q: (u32, u32),
    /// Source window word range.
    pub s: (u32, u32),
}

/// Reusable buffers for [`align`].
#[derive(Debug, Default, Clone)]
pub struct AlignScratch {
    cost: Vec<u32>,
    back: Vec<u8>,
    /// The steps of the last alignment, in quote order.
    pub steps: Vec<Step>,
    /// Per quote item: does it look like a number (digits or a number word)?
    numeric: Vec<bool>,
    /// Per window word: [`Vocab::head`] (first char; longer than a byte?).
    heads: Vec<u32>,
    /// Per window word: [`Vocab::shape`] (length; an apostrophe?).
    shapes: Vec<u32>,
    /// Per window word: the cost and back-pointer of leaving it out.
    drops: Vec<(u32, u8)>,
    /// The steps being rebuilt by [`refine_runs`].
    spare: Vec<Step>,
}

// Back-pointer codes.
const B_START: u8 = 0;
const B_MATCH: u8 = 1;
const B_VARIANT: u8 = 2;
const B_SUB: u8 = 3;
const B_INS: u8 = 4;
const B_DEL: u8 = 5;
const B_DEL_COSMETIC: u8 = 6;
const B_JOIN_QUOTE: u8 = 7;
const B_JOIN_SOURCE: u8 = 8;
const B_GAP_ENTER: u8 = 9;
const B_GAP_SKIP: u8 = 10;
const B_BRACKET: u8 = 16; // + number of source words (1..=MAX_BRACKET_WORDS)

/// The words a window is made of.
pub struct Window<'a> {
    /// Vocabulary ids.
    pub ids: &'a [u32],
    /// Per-word flags (see `store::flag`).
    pub flags: &'a [u8],
}

/// Aligns `items` against `window`; returns the total cost, and leaves the
/// steps in `scratch.steps`. Returns `None` when the quote has no items.
pub fn align(
    items: &[Item],
    qfold: &str,
    window: &Window<'_>,
    vocab: &Vocab,
    scratch: &mut AlignScratch,
) -> Option<u32> {
    let n = items.len();
    let m = window.ids.len();
    if n == 0 {
        return None;
    }
    let w = m + 1;
    let cells = (n + 1) * w;
    // Every cell of rows 1..=n is written before it is read, and row 0 is
    // set below: the buffers are only grown, never filled (filling them
    // was a tenth of a check's instructions).
    if scratch.cost.len() < cells {
        scratch.cost.resize(cells, 0);
        scratch.back.resize(cells, B_START);
    }
    // Number variants are rare; deciding once per quote word which can be
    // numbers keeps string parsing out of the inner loop.
    scratch.numeric.clear();
    scratch.numeric.extend(
        items
            .iter()
            .map(|it| is_number(&qfold[it.fold.0 as usize..it.fold.1 as usize])),
    );
    scratch.heads.clear();
    scratch
        .heads
        .extend(window.ids.iter().map(|&id| vocab.head(id)));
    let heads = &scratch.heads;
    scratch.shapes.clear();
    scratch
        .shapes
        .extend(window.ids.iter().map(|&id| vocab.shape(id)));
    let shapes = &scratch.shapes;
    scratch.drops.clear();
    scratch.drops.extend(window.flags.iter().map(|&f| {
        if f & (flag::STAGE | flag::EDITORIAL) != 0 {
            (COSMETIC_COST, B_DEL_COSMETIC)
        } else {
            (DELETE_COST, B_DEL)
        }
    }));
    let drops = &scratch.drops;
    let numeric = &scratch.numeric;
    let cost = &mut scratch.cost;
    let back = &mut scratch.back;
    for c in cost.iter_mut().take(w) {
        *c = 0;
    }
    let qword = |i: usize| -> &str {
        let (a, b) = items[i].fold;
        &qfold[a as usize..b as usize]
    };
    let sword = |j: usize| vocab.word(window.ids[j]);

    for i in 1..=n {
        let item = &items[i - 1];
        let row = i * w;
        let up = (i - 1) * w;
        match item.kind {
            ItemKind::Ellipsis => {
                for j in 0..=m {
                    let mut best = cost[up + j];
                    let mut b = B_GAP_ENTER;
                    if j > 0 && cost[row + j - 1] < best {
                        best = cost[row + j - 1];
                        b = B_GAP_SKIP;
                    }
                    cost[row + j] = best;
                    back[row + j] = b;
                }
            }
            ItemKind::Bracket => {
                for j in 0..=m {
                    let mut best = cost[up + j];
                    let mut b = B_GAP_ENTER;
                    // On ties the bracket takes the words it stands for, so
                    // the report can show them.
                    for k in 1..=MAX_BRACKET_WORDS.min(j) {
                        if cost[up + j - k] <= best {
                            best = cost[up + j - k];
                            b = B_BRACKET + k as u8;
                        }
                    }
                    cost[row + j] = best;
                    back[row + j] = b;
                }
            }
            ItemKind::Word => {
                let q = qword(i - 1);
                let prev_word =
                    (i >= 2 && items[i - 2].kind == ItemKind::Word).then(|| qword(i - 2));
                // The join tests' first condition as one comparison of
                // heads: a source word longer than one byte that starts as
                // the previous quote word does; a quote word longer than
                // one byte that starts as a source word does.
                let joins_prev = prev_word.map(|p| match head_of(p) {
                    HEAD_NONE => HEAD_NONE - 1,
                    h => h | HEAD_LONG,
                });
                let q_start = (q.len() > 1).then(|| head_of(q) & !HEAD_LONG);
                // What `joins_to` needs of a joined form before anything
                // else: the two parts' lengths add up to its length, or it
                // has an apostrophe.
                let q_shape = shape_of(q);
                let joined_len = prev_word.map_or(0, |p| (p.len() + q.len()) as u32);
                // Rows as slices of their known width: the loop below reads
                // the row above, the one above that (joins), and this one.
                let (done, rest) = cost.split_at_mut(row);
                let above = &done[up..up + w];
                let above2 = if i >= 2 { &done[up - w..up] } else { &[][..] };
                let here = &mut rest[..w];
                let back_here = &mut back[row..row + w];
                let (ids, drops) = (&window.ids[..m], &drops[..m]);
                // j = 0: the quote word has no source word before it.
                here[0] = above[0] + INSERT_COST;
                back_here[0] = B_INS;
                let mut left = here[0];
                for j in 1..=m {
                    let sid = ids[j - 1];
                    let (pair_cost, pair_back) = if item.key == sid {
                        (0, B_MATCH)
                    } else if numeric[i - 1] && same_number(q, sword(j - 1)) {
                        (COSMETIC_COST, B_VARIANT)
                    } else {
                        (SUBSTITUTE_COST, B_SUB)
                    };
                    let mut best = above[j - 1] + pair_cost;
                    let mut b = pair_back;
                    let ins = above[j] + INSERT_COST;
                    if ins < best {
                        best = ins;
                        b = B_INS;
                    }
                    let (del_cost, del_back) = drops[j - 1];
                    let del = left + del_cost;
                    if del < best {
                        best = del;
                        b = del_back;
                    }
                    if let Some(p) = prev_word
                        && Some(heads[j - 1]) == joins_prev
                        && (shapes[j - 1] == joined_len || shapes[j - 1] & SHAPE_APOSTROPHE != 0)
                        && joins_to(p, q, sword(j - 1))
                    {
                        let jq = above2[j - 1] + COSMETIC_COST;
                        if jq < best {
                            best = jq;
                            b = B_JOIN_QUOTE;
                        }
                    }
                    if j >= 2
                        && heads[j - 2] != HEAD_NONE
                        && Some(heads[j - 2] & !HEAD_LONG) == q_start
                        && (q_shape & SHAPE_APOSTROPHE != 0
                            || q_shape
                                == (shapes[j - 2] & !SHAPE_APOSTROPHE)
                                    + (shapes[j - 1] & !SHAPE_APOSTROPHE))
                        && joins_to(sword(j - 2), sword(j - 1), q)
                    {
                        let js = above[j - 2] + COSMETIC_COST;
                        if js < best {
                            best = js;
                            b = B_JOIN_SOURCE;
                        }
                    }
                    here[j] = best;
                    back_here[j] = b;
                    left = best;
                }
            }
        }
    }

    // Free end: the best column of the last row (the earliest on ties).
    let last = n * w;
    let (mut j, total) = (0..=m)
        .map(|j| (j, cost[last + j]))
        .min_by_key(|&(j, c)| (c, j))?;
    let mut i = n;
    scratch.steps.clear();
    while i > 0 {
        let b = back[i * w + j];
        let (op, di, dj) = match b {
            B_MATCH => (Op::Match, 1, 1),
            B_VARIANT => (Op::Variant, 1, 1),
            B_SUB => (Op::Substitute, 1, 1),
            B_INS => (Op::Insert, 1, 0),
            B_DEL => (Op::Delete, 0, 1),
            B_DEL_COSMETIC => (Op::DeleteCosmetic, 0, 1),
            B_JOIN_QUOTE => (Op::JoinQuote, 2, 1),
            B_JOIN_SOURCE => (Op::JoinSource, 1, 2),
            B_GAP_ENTER => {
                let op = if items[i - 1].kind == ItemKind::Ellipsis {
                    Op::Omission
                } else {
                    Op::Bracket
                };
                (op, 1, 0)
            }
            B_GAP_SKIP => (Op::Omission, 0, 1),
            k if k > B_BRACKET => (Op::Bracket, 1, (k - B_BRACKET) as usize),
            _ => unreachable!("row {i} > 0 always has a back pointer"),
        };
        // A skip stays on the ellipsis row but belongs to that item.
        let q = if b == B_GAP_SKIP {
            (i - 1, i)
        } else {
            (i - di, i)
        };
        let step = Step {
            op,
            q: (q.0 as u32, q.1 as u32),
            s: ((j - dj) as u32, j as u32),
        };
        // An ellipsis's skipped words become one step.
        match scratch.steps.last_mut() {
            Some(prev) if op == Op::Omission && prev.op == Op::Omission && prev.q == step.q => {
                prev.s.0 = step.s.0;
            }
            _ => scratch.steps.push(step),
        }
        i -= di;
        j -= dj;
    }
    scratch.steps.reverse();
    show_edge_substitutions(&mut scratch.steps, m as u32);
    Some(total)
}

/// Reads the last alignment's runs of changed words again with finer costs
/// (a run is the changed words between two matched ones; it is aligned again on its own and the new reading kept when it costs less); returns whether the steps changed. The checker
/// calls it only for spans it will report: the runs are short, but a check
/// aligns many windows it then drops.
pub fn refine(
    scratch: &mut AlignScratch,
    items: &[Item],
    qfold: &str,
    window: &Window<'_>,
    vocab: &Vocab,
) -> bool {
    let words = Words {
        items,
        qfold,
        window,
        vocab,
    };
    let changed = refine_runs(&mut scratch.steps, &mut scratch.spare, &words);
    if changed {
        show_edge_substitutions(&mut scratch.steps, window.ids.len() as u32);
    }
    changed
}

/// The two sides of an alignment, as [`refine_runs`] reads them.
struct Words<'a> {
    items: &'a [Item],
    qfold: &'a str,
    window: &'a Window<'a>,
    vocab: &'a Vocab,
}

impl Words<'_> {
    /// The finer cost of quote item `i` standing for window word `j`, and
    /// the op: a match, a near spelling, a word that starts alike, another.
    fn pair(&self, i: usize, j: usize) -> (u32, Op) {
        let sid = self.window.ids[j];
        if self.items[i].key == sid {
            return (0, Op::Match);
        }
        let (a, b) = self.items[i].fold;
        let q = &self.qfold[a as usize..b as usize];
        let s = self.vocab.word(sid);
        if q.chars().next() != s.chars().next() {
            return (SUBSTITUTE_COST, Op::Substitute);
        }
        let near = q.len().min(s.len()) >= 4
            && q.len().abs_diff(s.len()) <= 2
            && crate::verdict::letter_distance(q, s) <= 2;
        let cost = if near {
            NEAR_SUBSTITUTE_COST
        } else {
            SUBSTITUTE_COST - 1
        };
        (cost, Op::Substitute)
    }

    /// The cost and op of leaving window word `j` out.
    fn drop(&self, j: usize) -> (u32, Op) {
        if self.window.flags[j] & (flag::STAGE | flag::EDITORIAL) != 0 {
            (COSMETIC_COST, Op::DeleteCosmetic)
        } else {
            (DELETE_COST, Op::Delete)
        }
    }
}

/// Aligns each run of changed words again with the finer costs of
/// [`Words::pair`], and keeps the new reading where it costs less: "the
/// Chinese ballon" against "that balloon. Thank" becomes "the"/"that",
/// "Chinese" added, "ballon"/"balloon", instead of three substitutions one
/// place off. A run at the quote's end may leave source words it had taken
/// (the span's end is free), as the main alignment may. Runs longer than
/// [`MAX_REFINED_RUN`] words are kept as they are. No allocation once
/// `spare` has grown.
fn refine_runs(steps: &mut Vec<Step>, spare: &mut Vec<Step>, words: &Words<'_>) -> bool {
    let changed = |s: &Step| matches!(s.op, Op::Substitute | Op::Insert | Op::Delete);
    if !steps.iter().any(|s| s.op == Op::Substitute) {
        return false;
    }
    spare.clear();
    let mut any = false;
    let mut k = 0;
    while k < steps.len() {
        if !changed(&steps[k]) {
            spare.push(steps[k]);
            k += 1;
            continue;
        }
        let start = k;
        while k < steps.len() && changed(&steps[k]) {
            k += 1;
        }
        let run = &steps[start..k];
        let (qa, qb) = (run[0].q.0 as usize, run[run.len() - 1].q.1 as usize);
        let (sa, sb) = (run[0].s.0 as usize, run[run.len() - 1].s.1 as usize);
        let (nq, ns) = (qb - qa, sb - sa);
        // A lone substitution has no better reading (a drop plus an
        // insertion costs more).
        let worth = run.len() >= 2
            && run.iter().any(|s| s.op == Op::Substitute)
            && nq <= MAX_REFINED_RUN
            && ns <= MAX_REFINED_RUN;
        if worth && realign(run, (qa, qb), (sa, sb), k == steps.len(), words, spare) {
            any = true;
        } else {
            spare.extend_from_slice(run);
        }
    }
    if any {
        std::mem::swap(steps, spare);
    }
    any
}

/// Aligns quote items `q` against window words `s` with the finer costs
/// (the source's end free when `free_end`), and appends the steps to `out`
/// when they cost less than `run` does; returns whether it did.
fn realign(
    run: &[Step],
    q: (usize, usize),
    s: (usize, usize),
    free_end: bool,
    words: &Words<'_>,
    out: &mut Vec<Step>,
) -> bool {
    const N: usize = MAX_REFINED_RUN + 1;
    let (nq, ns) = (q.1 - q.0, s.1 - s.0);
    // What the run costs now, priced the same way.
    let old: u32 = run
        .iter()
        .map(|st| match st.op {
            Op::Substitute => words.pair(st.q.0 as usize, st.s.0 as usize).0,
            Op::Insert => INSERT_COST,
            _ => words.drop(st.s.0 as usize).0,
        })
        .sum();
    let mut cost = [[0u32; N]; N];
    let mut back = [[0u8; N]; N];
    for j in 1..=ns {
        cost[0][j] = cost[0][j - 1] + words.drop(s.0 + j - 1).0;
        back[0][j] = 2;
    }
    for i in 1..=nq {
        cost[i][0] = cost[i - 1][0] + INSERT_COST;
        back[i][0] = 1;
        for j in 1..=ns {
            let mut best = cost[i - 1][j - 1] + words.pair(q.0 + i - 1, s.0 + j - 1).0;
            let mut b = 0;
            if cost[i - 1][j] + INSERT_COST < best {
                best = cost[i - 1][j] + INSERT_COST;
                b = 1;
            }
            let del = cost[i][j - 1] + words.drop(s.0 + j - 1).0;
            if del < best {
                best = del;
                b = 2;
            }
            cost[i][j] = best;
            back[i][j] = b;
        }
    }
    // With a free end, the run may stop short of the words it had taken.
    let mut j = ns;
    if free_end {
        for c in 0..ns {
            if cost[nq][c] < cost[nq][j] {
                j = c;
            }
        }
    }
    if cost[nq][j] >= old {
        return false;
    }
    let from = out.len();
    let mut i = nq;
    while i > 0 || j > 0 {
        let (qi, sj) = ((q.0 + i) as u32, (s.0 + j) as u32);
        let step = match back[i][j] {
            0 => {
                let op = words.pair(q.0 + i - 1, s.0 + j - 1).1;
                i -= 1;
                j -= 1;
                Step {
                    op,
                    q: (qi - 1, qi),
                    s: (sj - 1, sj),
                }
            }
            1 => {
                i -= 1;
                Step {
                    op: Op::Insert,
                    q: (qi - 1, qi),
                    s: (sj, sj),
                }
            }
            _ => {
                j -= 1;
                Step {
                    op: words.drop(s.0 + j).1,
                    q: (qi, qi),
                    s: (sj - 1, sj),
                }
            }
        };
        out.push(step);
    }
    out[from..].reverse();
    true
}

/// At the quote's edges the free source ends make a changed first or last
/// word an insertion ("A violation" for "The violation" leaves "The" outside
/// the span). When the neighbouring source word is there, show the edit as
/// the substitution a reader sees. The cost is unchanged.
fn show_edge_substitutions(steps: &mut [Step], m: u32) {
    let anchored = |s: &Step| {
        matches!(
            s.op,
            Op::Match | Op::Variant | Op::JoinQuote | Op::JoinSource
        )
    };
    if let [first, next, ..] = steps
        && first.op == Op::Insert
        && first.q.1 - first.q.0 == 1
        && anchored(next)
        && next.s.0 > 0
    {
        first.op = Op::Substitute;
        first.s = (next.s.0 - 1, next.s.0);
    }
    if let [.., prev, last] = steps
        && last.op == Op::Insert
        && last.q.1 - last.q.0 == 1
        && anchored(prev)
        && prev.s.1 < m
    {
        last.op = Op::Substitute;
        last.s = (prev.s.1, prev.s.1 + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::parse;

    fn run(quote: &str, source: &str) -> (u32, Vec<(Op, String, String)>) {
        let mut vocab = Vocab::default();
        let swords: Vec<String> = source.split(' ').map(str::to_string).collect();
        let ids: Vec<u32> = swords
            .iter()
            .map(|w| vocab.intern(&w.to_lowercase()))
            .collect();
        let flags: Vec<u8> = swords
            .iter()
            .map(|w| if w.starts_with('(') { flag::STAGE } else { 0 })
            .collect();
        let ids: Vec<u32> = ids
            .iter()
            .zip(&swords)
            .map(|(&id, w)| {
                if w.starts_with('(') {
                    vocab.intern(w.trim_matches(['(', ')']))
                } else {
                    id
                }
            })
            .collect();
        let (mut items, mut fold) = (Vec::new(), String::new());
        parse(quote, &vocab, &mut items, &mut fold);
        let mut scratch = AlignScratch::default();
        let window = Window {
            ids: &ids,
            flags: &flags,
        };
        let cost = align(&items, &fold, &window, &vocab, &mut scratch).unwrap();
        let steps = scratch
            .steps
            .iter()
            .map(|s| {
                let q: Vec<&str> = (s.q.0..s.q.1)
                    .map(|i| {
                        &quote[items[i as usize].start as usize..items[i as usize].end as usize]
                    })
                    .collect();
                let src: Vec<&str> = (s.s.0..s.s.1)
                    .map(|j| swords[j as usize].as_str())
                    .collect();
                (s.op, q.join(" "), src.join(" "))
            })
            .collect();
        (cost, steps)
    }

    #[test]
    fn exact_inside_longer_source_is_free() {
        let (cost, steps) = run(
            "will not raise taxes",
            "she said we will not raise taxes this year",
        );
        assert_eq!(cost, 0);
        assert!(steps.iter().all(|s| s.0 == Op::Match));
        assert_eq!(steps[0].2, "will");
    }

    #[test]
    fn dropped_not_is_a_delete() {
        let (cost, steps) = run("we will raise taxes", "we will not raise taxes");
        assert_eq!(cost, DELETE_COST);
        assert!(steps.contains(&(Op::Delete, String::new(), "not".into())));
    }

    #[test]
    fn substitution_and_insertion() {
        let (_, steps) = run(
            "a violation of our sovereignty",
            "the violation of our sovereignty",
        );
        assert_eq!(steps[0], (Op::Substitute, "a".into(), "the".into()));
        let (_, steps) = run("we are very sure now", "we are sure now");
        assert!(steps.contains(&(Op::Insert, "very".into(), String::new())));
    }

    #[test]
    fn cosmetic_moves() {
        let (cost, steps) = run("we have ten planes", "we have 10 planes");
        assert_eq!(cost, COSMETIC_COST);
        assert_eq!(steps[2].0, Op::Variant);
        let (cost, steps) = run("extra-terrestrial activity", "extraterrestrial activity");
        assert_eq!(cost, COSMETIC_COST);
        assert_eq!(
            steps[0],
            (
                Op::JoinQuote,
                "extra terrestrial".into(),
                "extraterrestrial".into()
            )
        );
        let (cost, _) = run("we don't know", "we do not know");
        assert_eq!(cost, COSMETIC_COST);
        let (cost, steps) = run(
            "no indication of aliens",
            "no (laughter) indication of aliens",
        );
        assert_eq!(cost, COSMETIC_COST);
        assert_eq!(steps[1].0, Op::DeleteCosmetic);
    }

    #[test]
    fn ellipsis_and_bracket_are_free() {
        let (cost, steps) = run(
            "the United States … will act",
            "the United States through NORAD will act",
        );
        assert_eq!(cost, 0);
        assert!(steps.contains(&(Op::Omission, "…".into(), "through NORAD".into())));
        let (cost, steps) = run("[the president] said no", "he said no");
        assert_eq!(cost, 0);
        assert_eq!(
            steps[0],
            (Op::Bracket, "[the president]".into(), "he".into())
        );
        let (cost, _) = run("[W]e said no", "we said no");
        assert_eq!(cost, 0);
    }
}

/// The examples of this module's items (the module is internal, so
/// they run as unit tests rather than doc tests).
#[cfg(test)]
mod examples {
    #[test]
    fn align_example() {
        use crate::align::{AlignScratch, Op, Window, align};
        use crate::quote::parse;
        use crate::vocab::Vocab;
        let mut vocab = Vocab::default();
        let ids: Vec<u32> = ["we", "will", "not", "go"]
            .iter()
            .map(|w| vocab.intern(w))
            .collect();
        let (mut items, mut fold) = (Vec::new(), String::new());
        parse("we will go", &vocab, &mut items, &mut fold);
        let mut scratch = AlignScratch::default();
        let window = Window {
            ids: &ids,
            flags: &[0; 4],
        };
        let cost = align(&items, &fold, &window, &vocab, &mut scratch).unwrap();
        assert_eq!(cost, 5);
        assert!(
            scratch
                .steps
                .iter()
                .any(|s| s.op == Op::Delete && s.s == (2, 3))
        );
    }
}
