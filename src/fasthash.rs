//! A fast hash for the index and the vocabulary (the Fx hash of rustc and
//! Firefox: one multiply and rotate per word of input).
//!
//! The standard library's SipHash resists hash flooding by untrusted keys;
//! here the keys are words of the newsroom's own sources and the hashing
//! sits in the inner loop of building an index, where SipHash took a third
//! of the time.

#![forbid(unsafe_code)]

use std::hash::{BuildHasherDefault, Hasher};

/// The Fx hasher.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The product's high bits depend on every input bit, its low bits
        // only on the low input bits; hash tables index by the low bits,
        // so rotate the well-mixed high bits down.
        self.hash.rotate_left(26)
    }
}

/// A `HashMap` with the Fx hash.
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The Fx hash of a byte string (for a map keyed by its hash).
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work_and_distinguish_keys() {
        let mut m: FxHashMap<u64, u32> = FxHashMap::default();
        for i in 0..10_000u64 {
            m.insert(i << 32 | (i * 7), i as u32);
        }
        assert_eq!(m.len(), 10_000);
        assert_eq!(m.get(&(5 << 32 | 35)), Some(&5));
        let mut s: FxHashMap<Box<str>, u32> = FxHashMap::default();
        s.insert("said".into(), 1);
        s.insert("says".into(), 2);
        assert_eq!(s.get("said"), Some(&1));
        assert_eq!(s.get("sai"), None);
    }
}
