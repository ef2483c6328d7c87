//! Posting lists as the frozen index stores them: delta-coded varints.
//!
//! A list of ascending word positions `p0 < p1 < … < pn-1` is written as
//! LEB128 varints: a header `n << 1 | dropped`, then (when `n ≥ 2`) the
//! byte length of what follows, so a reader can step over the list, then
//! `p0`, then each gap `p[i] − p[i−1]`. Gaps are small where lists are long (a common pair
//! occurs every few hundred words: one or two bytes), and long where lists
//! are short, so the list costs about what its information does rather than
//! four bytes a position.
//!
//! Lists are either stored back to back, found by position ([`skip`]
//! steps over one), or named by a 64-bit *reference*:
//! - [`NONE`]: no positions;
//! - [`INLINE`]` | p`: exactly one position, held in the reference itself —
//!   most distinct word pairs occur once, and they then cost no list bytes;
//! - otherwise the byte offset of the list's header.
//!
//! A *dropped* list keeps its count but not its positions: the index drops
//! single-word lists longer than [`crate::index::LONGEST_WORD_LIST`], which a
//! search never reads (it only seeds from rare words).
//!
//! Decoding never trusts the bytes: a reference past the end reads as empty,
//! and a list stops at a varint that runs off the end, a zero gap, or a
//! position at or past the bound the caller gives, so a damaged store gives
//! fewer positions, never an out-of-range one or a panic.

#![forbid(unsafe_code)]

/// The reference of an empty list.
pub const NONE: u64 = u64::MAX;

/// The bit that marks a reference holding its one position inline.
pub const INLINE: u64 = 1 << 63;

/// Appends `v` as an LEB128 varint (1 to 5 bytes).
#[inline]
pub fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*at`, advancing it; `None` when it runs off the end
/// or does not fit 32 bits.
#[inline]
fn get_varint(b: &[u8], at: &mut usize) -> Option<u32> {
    let mut v = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *b.get(*at)?;
        *at += 1;
        let bits = u32::from(byte & 0x7F);
        if shift == 28 && bits > 0x0F {
            return None;
        }
        v |= bits << shift;
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Writes ascending `positions` (appending to `bytes` when they need it)
/// and returns the list's reference. `drop` keeps only the count. (The
/// index writes its lists back to back with [`encode_at_end`]; this and the
/// inline and dropped forms are the reader's reference cases, which it
/// still reads bounded from any bytes.)
#[cfg(test)]
pub fn encode(bytes: &mut Vec<u8>, positions: &[u32], drop: bool) -> u64 {
    match positions {
        [] if !drop => NONE,
        [one] if !drop => INLINE | u64::from(*one),
        _ => {
            let at = bytes.len() as u64;
            encode_at_end(bytes, positions, drop);
            at
        }
    }
}

/// Writes ascending `positions` at the end of `bytes` as a list in full
/// (header and all, even for one position), for lists stored back to back.
pub fn encode_at_end(bytes: &mut Vec<u8>, positions: &[u32], drop: bool) {
    let n = u32::try_from(positions.len())
        .unwrap_or(u32::MAX)
        .min(u32::MAX >> 1);
    put_varint(bytes, (n << 1) | u32::from(drop));
    if drop || positions.is_empty() {
        return;
    }
    let gaps = || {
        let mut prev = None;
        positions.iter().map(move |&p| {
            let v = prev.map_or(p, |q| p - q);
            prev = Some(p);
            v
        })
    };
    if positions.len() >= 2 {
        put_varint(bytes, gaps().map(varint_len).sum::<u32>());
    }
    for v in gaps() {
        put_varint(bytes, v);
    }
}

/// How many bytes `v` takes as a varint.
#[inline]
fn varint_len(v: u32) -> u32 {
    (32 - (v | 1).leading_zeros()).div_ceil(7)
}

/// The offset just past the list that starts at `at`; `None` when the
/// bytes there are not a whole list.
pub fn skip(bytes: &[u8], at: usize) -> Option<usize> {
    let mut at = at;
    let header = get_varint(bytes, &mut at)?;
    let count = header >> 1;
    if header & 1 == 1 || count == 0 {
        return Some(at);
    }
    if count == 1 {
        get_varint(bytes, &mut at)?;
        return Some(at);
    }
    let len = get_varint(bytes, &mut at)? as usize;
    let end = at.checked_add(len)?;
    (end <= bytes.len()).then_some(end)
}

/// Writes a dropped list of `count` positions and returns its reference.
#[cfg(test)]
pub fn encode_dropped(bytes: &mut Vec<u8>, count: usize) -> u64 {
    let at = bytes.len() as u64;
    let n = u32::try_from(count).unwrap_or(u32::MAX).min(u32::MAX >> 1);
    put_varint(bytes, (n << 1) | 1);
    at
}

/// One stored list, read from its reference.
#[derive(Clone, Copy, Debug, Default)]
pub struct List<'a> {
    count: u32,
    /// The inline position, when the list is one position held inline.
    one: Option<u32>,
    /// The gaps, after the header (empty for inline and dropped lists).
    body: &'a [u8],
    dropped: bool,
    /// Positions at or past this are not trusted.
    bound: u32,
}

impl<'a> List<'a> {
    /// The list named by `reference` in `bytes`, with positions below
    /// `bound`.
    pub fn read(reference: u64, bytes: &'a [u8], bound: u32) -> List<'a> {
        if reference == NONE {
            return List::default();
        }
        if reference & INLINE != 0 {
            let p = reference as u32;
            if reference >> 32 != INLINE >> 32 || p >= bound {
                return List::default();
            }
            return List {
                count: 1,
                one: Some(p),
                bound,
                ..List::default()
            };
        }
        let Ok(mut at) = usize::try_from(reference) else {
            return List::default();
        };
        let Some(header) = get_varint(bytes, &mut at) else {
            return List::default();
        };
        if header >> 1 >= 2 && header & 1 == 0 && get_varint(bytes, &mut at).is_none() {
            return List::default();
        }
        List {
            count: header >> 1,
            one: None,
            body: bytes.get(at..).unwrap_or(&[]),
            dropped: header & 1 == 1,
            bound,
        }
    }

    /// How many positions the list has (a dropped list included).
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Has it none?
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Were its positions dropped (only the count kept)?
    #[cfg(test)]
    pub fn is_dropped(&self) -> bool {
        self.dropped
    }

    /// The positions, ascending (none for a dropped list).
    pub fn iter(&self) -> Decode<'a> {
        Decode {
            left: if self.dropped { 0 } else { self.count },
            one: self.one,
            body: self.body,
            at: 0,
            prev: None,
            bound: self.bound,
        }
    }
}

/// The positions of a [`List`], decoded as they are read.
#[derive(Clone, Debug)]
pub struct Decode<'a> {
    left: u32,
    one: Option<u32>,
    body: &'a [u8],
    at: usize,
    prev: Option<u32>,
    bound: u32,
}

impl Iterator for Decode<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        if let Some(p) = self.one.take() {
            return Some(p);
        }
        let v = get_varint(self.body, &mut self.at);
        let p = match (v, self.prev) {
            (Some(v), None) => Some(v),
            (Some(v), Some(prev)) if v > 0 => prev.checked_add(v),
            _ => None,
        };
        match p {
            Some(p) if p < self.bound => {
                self.prev = Some(p);
                Some(p)
            }
            _ => {
                self.left = 0;
                None
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.left as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(positions: &[u32]) {
        let mut bytes = vec![7u8; 3];
        let r = encode(&mut bytes, positions, false);
        let list = List::read(r, &bytes, u32::MAX);
        assert_eq!(list.len(), positions.len());
        assert_eq!(list.iter().collect::<Vec<_>>(), positions);
    }

    #[test]
    fn lists_round_trip() {
        round_trip(&[]);
        round_trip(&[0]);
        round_trip(&[u32::MAX - 1]);
        round_trip(&[0, 1, 2, 127, 128, 16_383, 16_384, 2_000_000, u32::MAX - 1]);
        let long: Vec<u32> = (0..10_000).map(|i| i * 37 + (i % 5)).collect();
        round_trip(&long);
    }

    #[test]
    fn lists_back_to_back_can_be_stepped_over() {
        let lists: [&[u32]; 5] = [&[3], &[1, 2, 900_000], &[], &[7, 8], &[u32::MAX - 1]];
        let mut bytes = Vec::new();
        let mut starts = Vec::new();
        for l in lists {
            starts.push(bytes.len());
            encode_at_end(&mut bytes, l, false);
        }
        starts.push(bytes.len());
        for (i, l) in lists.iter().enumerate() {
            assert_eq!(skip(&bytes, starts[i]), Some(starts[i + 1]));
            let got: Vec<u32> = List::read(starts[i] as u64, &bytes, u32::MAX)
                .iter()
                .collect();
            assert_eq!(got, *l);
        }
        assert_eq!(skip(&bytes, bytes.len()), None);
        assert_eq!(skip(&bytes[..bytes.len() - 1], starts[4]), None);
    }

    #[test]
    fn dropped_lists_keep_their_count_only() {
        let mut bytes = Vec::new();
        let r = encode(&mut bytes, &[1, 2, 3], true);
        let list = List::read(r, &bytes, u32::MAX);
        assert!(list.is_dropped());
        assert_eq!(list.len(), 3);
        assert_eq!(list.iter().count(), 0);
        let r = encode_dropped(&mut bytes, 1 << 20);
        assert_eq!(List::read(r, &bytes, u32::MAX).len(), 1 << 20);
    }

    #[test]
    fn damaged_lists_stop_early_and_stay_in_bounds() {
        let mut bytes = Vec::new();
        let r = encode(&mut bytes, &[10, 20, 30, 40], false);
        // Positions at or past the bound are not returned.
        let list = List::read(r, &bytes, 30);
        assert_eq!(list.iter().collect::<Vec<_>>(), [10, 20]);
        assert!(List::read(INLINE | 50, &bytes, 30).is_empty());
        // Cut short: stops at the cut.
        let cut = &bytes[..bytes.len() - 1];
        assert_eq!(
            List::read(r, cut, 100).iter().collect::<Vec<_>>(),
            [10, 20, 30]
        );
        // References past the end, malformed inline references.
        assert!(List::read(1 << 40, &bytes, 100).is_empty());
        assert!(List::read(INLINE | (1 << 40) | 5, &bytes, 100).is_empty());
        // Every byte value in every position: never a panic, always ascending.
        for i in 0..bytes.len() {
            for v in 0..=255u8 {
                let mut b = bytes.clone();
                b[i] = v;
                let got: Vec<u32> = List::read(r, &b, 1000).iter().collect();
                assert!(got.windows(2).all(|w| w[0] < w[1]));
                assert!(got.iter().all(|&p| p < 1000));
            }
        }
    }

    #[test]
    fn varints_reject_overlong_input() {
        let mut at = 0;
        assert_eq!(
            get_varint(&[0xFF, 0xFF, 0xFF, 0xFF, 0x0F], &mut at),
            Some(u32::MAX)
        );
        at = 0;
        assert_eq!(get_varint(&[0xFF, 0xFF, 0xFF, 0xFF, 0x1F], &mut at), None);
        at = 0;
        assert_eq!(
            get_varint(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x01], &mut at),
            None
        );
        at = 0;
        assert_eq!(get_varint(&[0x80], &mut at), None);
    }
}

/// The examples of this module's items (the module is internal, so
/// they run as unit tests rather than doc tests).
#[cfg(test)]
mod examples {
    #[test]
    fn put_varint_example() {
        let mut out = Vec::new();
        crate::postings::put_varint(&mut out, 300);
        assert_eq!(out, [0xAC, 0x02]);
    }

    #[test]
    fn encode_example() {
        use crate::postings::{INLINE, List, encode};
        let mut bytes = Vec::new();
        assert_eq!(encode(&mut bytes, &[42], false), INLINE | 42);
        let r = encode(&mut bytes, &[5, 9, 1000], false);
        let list = List::read(r, &bytes, u32::MAX);
        assert_eq!(list.len(), 3);
        assert_eq!(list.iter().collect::<Vec<_>>(), [5, 9, 1000]);
    }
}
