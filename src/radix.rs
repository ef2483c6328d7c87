//! A stable LSD radix sort on an integer key, for the sorts on hot paths:
//! a search's seed hits (by position, then quote word) and the build's
//! long pair buckets (by second word). Both sort thousands to millions of
//! items whose keys have few significant bits: a comparison sort spends a
//! log factor and mispredicted branches there, a radix sort a few linear
//! passes, 11 bits a pass, over only the bits the largest key has.

#![forbid(unsafe_code)]

/// Slices this short or shorter are sorted by comparison (faster there:
/// each pass clears and sums a count table of `1 << DIGIT` entries).
const SHORT: usize = 256;

/// Bits of the key sorted per pass: 11 makes two passes of a 22-bit key
/// (positions in a 100 MB store, with the quote item) and a count table
/// of 16 KiB, still in L1.
const DIGIT: u32 = 11;

/// Sorts `items` by `key`, stably (equal keys keep their order), with
/// `spare` as the second buffer (grown as needed, kept for the next call).
pub(crate) fn sort_by_key<T: Copy + Default>(
    items: &mut [T],
    spare: &mut Vec<T>,
    key: impl Fn(&T) -> u64,
) {
    if items.len() <= SHORT {
        items.sort_by_key(&key);
        return;
    }
    let max = items.iter().map(&key).fold(0, u64::max);
    let passes = (u64::BITS - max.leading_zeros()).div_ceil(DIGIT);
    // Grown, never refilled: every slot is written before it is read.
    if spare.len() < items.len() {
        spare.resize(items.len(), T::default());
    }
    let n = items.len();
    let mut counts = [0usize; 1 << DIGIT];
    let (mut from, mut to): (&mut [T], &mut [T]) = (items, &mut spare[..n]);
    for pass in 0..passes {
        let shift = pass * DIGIT;
        let digit = |t: &T| ((key(t) >> shift) & ((1 << DIGIT) - 1)) as usize;
        counts.fill(0);
        for t in from.iter() {
            counts[digit(t)] += 1;
        }
        let mut sum = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = sum;
            sum += n;
        }
        for t in from.iter() {
            let d = digit(t);
            to[counts[d]] = *t;
            counts[d] += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    if passes % 2 == 1 {
        // After an odd number of passes the sorted items are in `spare`.
        to.copy_from_slice(from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_a_stable_comparison_sort_does() {
        let mut x = 0x2545_F491u32;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        let mut spare = Vec::new();
        for (len, range) in [
            (0, 1),
            (5, 3),
            (65, 7),
            (1000, 1 << 20),
            (4000, u32::MAX),
            (3000, 1),
        ] {
            let items: Vec<(u32, u32)> = (0..len).map(|i| (next() % range, i as u32)).collect();
            let mut want = items.clone();
            want.sort_by_key(|t| t.0); // stable
            let mut got = items;
            sort_by_key(&mut got, &mut spare, |t| u64::from(t.0));
            assert_eq!(got, want, "{len} items below {range}");
        }
    }
}
