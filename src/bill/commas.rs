//! The commas of a bill line, found 64 bytes at a time (issue 14, item 4). A trade bill's line
//! has 26 commas in ~290 bytes, so a `memchr` call per field spends most of its time starting
//! up: splitting the lines was the largest single cost of `bill reconcile` (17 % of its CPU, in
//! both passes over the bill). Here one AVX2 compare gives a bit mask of a 64-byte block's commas,
//! and the fields are its set bits: about 2.7× faster over a whole 1 GB bill (BENCHMARKS.md).
//! Without AVX2 (or off x86-64) it is `memchr`, as before.
//!
//! The only `unsafe` here: two unaligned 32-byte loads from a `&[u8; 64]`, inside a function
//! that is called only once AVX2 has been detected.
#![cfg_attr(target_arch = "x86_64", allow(unsafe_code))]

/// Call `each` with the offset of every comma in `line`, in order, until it returns `false`.
#[inline]
pub(crate) fn for_each(line: &[u8], mut each: impl FnMut(usize) -> bool) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        by_blocks(line, &mut each);
        return;
    }
    for at in memchr::memchr_iter(b',', line) {
        if !each(at) {
            return;
        }
    }
}

/// The masks of whole blocks, then of the tail copied into a zeroed block (a zero byte is not a
/// comma).
#[cfg(target_arch = "x86_64")]
#[inline]
fn by_blocks(line: &[u8], each: &mut impl FnMut(usize) -> bool) {
    let mut blocks = line.chunks_exact(64);
    let mut base = 0;
    for block in &mut blocks {
        let Ok(block) = <&[u8; 64]>::try_from(block) else {
            return;
        };
        if !bits(mask_avx2_checked(block), base, each) {
            return;
        }
        base += 64;
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        let mut tail = [0u8; 64];
        tail[..rest.len()].copy_from_slice(rest);
        bits(mask_avx2_checked(&tail), base, each);
    }
}

/// `false` once `each` has said stop.
#[inline]
fn bits(mut mask: u64, base: usize, each: &mut impl FnMut(usize) -> bool) -> bool {
    while mask != 0 {
        if !each(base + mask.trailing_zeros() as usize) {
            return false;
        }
        mask &= mask - 1;
    }
    true
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn mask_avx2_checked(block: &[u8; 64]) -> u64 {
    // SAFETY: `by_blocks` runs only after `is_x86_feature_detected!("avx2")` said yes.
    unsafe { mask_avx2(block) }
}

/// Bit i set where `block[i]` is a comma.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn mask_avx2(block: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_set1_epi8,
    };
    let p = block.as_ptr().cast::<__m256i>();
    // SAFETY: both loads are unaligned 32-byte loads inside the 64 bytes `block` borrows.
    let (lo, hi) = unsafe { (_mm256_loadu_si256(p), _mm256_loadu_si256(p.add(1))) };
    let comma = _mm256_set1_epi8(b',' as i8);
    let lo = _mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, comma)) as u32;
    let hi = _mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, comma)) as u32;
    u64::from(lo) | (u64::from(hi) << 32)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    fn all(line: &[u8]) -> Vec<usize> {
        let mut v = Vec::new();
        super::for_each(line, |at| {
            v.push(at);
            true
        });
        v
    }

    #[test]
    fn every_comma_in_order_across_blocks_and_the_tail() {
        let mut line = vec![b'x'; 200];
        for at in [0, 1, 31, 32, 63, 64, 65, 127, 128, 190, 199] {
            line[at] = b',';
        }
        assert_eq!(all(&line), [0, 1, 31, 32, 63, 64, 65, 127, 128, 190, 199]);
        assert_eq!(all(b""), Vec::<usize>::new());
        assert_eq!(all(b"no commas"), Vec::<usize>::new());
        // A zero byte in the line is not a comma (the tail is padded with zeros).
        assert_eq!(all(b"\0,\0"), [1]);
    }

    #[test]
    fn stops_when_told() {
        let line = [b','; 130];
        let mut seen = Vec::new();
        super::for_each(&line, |at| {
            seen.push(at);
            at < 70
        });
        assert_eq!(seen, (0..=70).collect::<Vec<_>>());
    }

    proptest! {
        #[test]
        fn same_as_memchr(line in proptest::collection::vec(
            prop_oneof![Just(b','), Just(b'`'), Just(0u8), any::<u8>()], 0..400)
        ) {
            let want: Vec<usize> = memchr::memchr_iter(b',', &line).collect();
            prop_assert_eq!(all(&line), want);
        }
    }
}
