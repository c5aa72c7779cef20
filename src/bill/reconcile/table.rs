//! The held side of a reconciliation: a compact multi-map from a key (`out_trade_no`, or
//! `out_refund_no` for a refund) to small fixed-size entries, so that memory grows with the
//! smaller input only and by a few dozen bytes a record (issue 14, item 4). Keys live in one byte
//! arena; the index is an open-addressing table of `u32` entry numbers. Duplicate keys are kept:
//! a lookup returns the first entry of that key that is not matched yet and passes a filter.

/// One held record: where its key (and its second key, the `out_trade_no` of a refund) sit in
/// the arena, and the few values a comparison needs.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Entry {
    pub(super) off: u32,
    pub(super) key_len: u16,
    pub(super) other_len: u16,
    /// The key's hash ([`tag`]), whose low bits pick its slot: a probe that meets another key
    /// skips that key's bytes in the arena, and the index is rebuilt without reading the arena.
    /// It sits in what was padding, so an entry stays 32 bytes.
    pub(super) tag: u32,
    /// Fen: the order amount, or the refund amount of a refund.
    pub amount: i64,
    /// The export's data row, or the bill's line.
    pub line: u32,
    /// An interned merchant (mchid, sub_mchid).
    pub merchant: u32,
    /// An interned state (交易状态, 退款状态, or the export's `state`).
    pub state: u8,
    pub flags: u8,
    /// Which bill (an index into the list of bills), or the day it was found in.
    pub day: u8,
}

// 3.6 M held records are 115 MB of entries (issue 14, item 4): keep them at 32 bytes.
const _: () = assert!(std::mem::size_of::<Entry>() == 32);

pub(crate) const MATCHED: u8 = 1;
pub(crate) const REFUND: u8 = 2;
/// A bill row of one of the reconciled days, not a neighbouring day's (`--tolerance-days`).
pub(crate) const CORE: u8 = 4;
/// The export gave no amount (a refund record without `amount`).
pub(crate) const NO_AMOUNT: u8 = 8;

const EMPTY: u32 = u32::MAX;

/// Why a record cannot be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Full {
    /// A key longer than 65 535 bytes.
    KeyTooLong,
    /// More than 4 GiB of keys, or 4 × 10⁹ records.
    TooMany,
}

#[derive(Debug, Default)]
pub(crate) struct Table {
    arena: Vec<u8>,
    entries: Vec<Entry>,
    index: Vec<u32>,
    /// Entries held but not yet in the index: placed [`PENDING`] at a time, so that their slots'
    /// cache misses overlap ([`Table::seal`] places the rest).
    pending: Vec<u32>,
}

/// Placements or lookups done together: enough for their memory waits to overlap.
pub(crate) const PENDING: usize = 32;

/// FxHash's mixing step over 8-byte words, then a final avalanche (splitmix64), so that keys
/// that differ only in their last digits spread over the whole table.
fn hash(key: &[u8]) -> u64 {
    let mut h: u64 = key.len() as u64;
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        h = (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    let mut tail = [0u8; 8];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(0x517c_c1b7_2722_0a95);
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The 32 bits of a key's hash that an entry keeps, and whose low bits pick its slot (an index
/// of more than 2³² slots uses only these: slower, still right).
fn tag(key: &[u8]) -> u32 {
    (hash(key) >> 32) as u32
}

impl Table {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn key(&self, e: &Entry) -> &str {
        let a = e.off as usize;
        std::str::from_utf8(&self.arena[a..a + e.key_len as usize]).unwrap_or_default()
    }

    pub fn other(&self, e: &Entry) -> &str {
        let a = e.off as usize + e.key_len as usize;
        std::str::from_utf8(&self.arena[a..a + e.other_len as usize]).unwrap_or_default()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get_mut(&mut self, i: usize) -> &mut Entry {
        &mut self.entries[i]
    }

    /// Make room for `records` in all, with `key_bytes` of keys each on average, so that the
    /// index is not rebuilt on the way there.
    pub fn reserve(&mut self, records: usize, key_bytes: usize) {
        let more = records.saturating_sub(self.entries.len());
        self.entries.reserve(more);
        self.arena.reserve(more.saturating_mul(key_bytes));
        pages::advise_huge(&self.entries);
        pages::advise_huge(&self.arena);
        let size = (records.saturating_add(1) * 2).next_power_of_two();
        if size > self.index.len() {
            self.rebuild(size);
        }
    }

    /// Hold a record under `key`, with `other` kept beside it.
    pub fn insert(&mut self, key: &str, other: &str, mut entry: Entry) -> Result<(), Full> {
        entry.key_len = u16::try_from(key.len()).map_err(|_| Full::KeyTooLong)?;
        entry.other_len = u16::try_from(other.len()).map_err(|_| Full::KeyTooLong)?;
        entry.off = u32::try_from(self.arena.len()).map_err(|_| Full::TooMany)?;
        let n = u32::try_from(self.entries.len()).map_err(|_| Full::TooMany)?;
        if n == EMPTY - 1 {
            return Err(Full::TooMany);
        }
        if (self.entries.len() + 1) * 2 > self.index.len() {
            self.grow();
        }
        entry.tag = tag(key.as_bytes());
        self.arena.extend_from_slice(key.as_bytes());
        self.arena.extend_from_slice(other.as_bytes());
        self.entries.push(entry);
        self.pending.push(n);
        if self.pending.len() == PENDING {
            self.seal();
        }
        Ok(())
    }

    /// Put every held entry in the index; before any [`Table::find`].
    pub fn seal(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mask = self.index.len() - 1;
        // First touch the slots, all of them, then place: the waits overlap.
        for &n in &self.pending {
            let slot = self.entries[n as usize].tag as usize & mask;
            std::hint::black_box(self.index[slot]);
        }
        for i in 0..self.pending.len() {
            let n = self.pending[i];
            self.place(self.entries[n as usize].tag, n);
        }
        self.pending.clear();
    }

    fn place(&mut self, tag: u32, n: u32) {
        let mask = self.index.len() - 1;
        let mut slot = tag as usize & mask;
        while self.index[slot] != EMPTY {
            slot = (slot + 1) & mask;
        }
        self.index[slot] = n;
    }

    fn grow(&mut self) {
        self.rebuild((self.index.len() * 2).max(1024));
        pages::advise_huge(&self.entries);
        pages::advise_huge(&self.arena);
    }

    fn rebuild(&mut self, size: usize) {
        self.index = Vec::with_capacity(size);
        pages::advise_huge(&self.index);
        self.index.resize(size, EMPTY);
        for n in 0..self.entries.len() {
            self.place(self.entries[n].tag, n as u32);
        }
        self.pending.clear();
    }

    /// Touch what the lookups of `keys` (at most [`PENDING`]) will read: their slots, then the
    /// entries there, then those entries' key bytes, each stage for all keys before the next, so
    /// that the cache misses of a stage overlap instead of following one another (issue 14 item
    /// 4: at 3.6 M records the three dependent loads of a lookup were 75 % of its time). Each
    /// key's tag goes to `tags`, for [`Table::find_tagged`].
    pub fn warm(&self, keys: &[&str], tags: &mut [u32]) {
        let mask = self.index.len().wrapping_sub(1);
        let mut at = [EMPTY; PENDING];
        for ((t, key), n) in tags.iter_mut().zip(keys).zip(at.iter_mut()) {
            *t = tag(key.as_bytes());
            *n = self.index.get(*t as usize & mask).copied().unwrap_or(EMPTY);
        }
        let mut off = [u32::MAX; PENDING];
        for (n, o) in at.iter().zip(off.iter_mut()) {
            if let Some(e) = self.entries.get(*n as usize) {
                *o = e.off;
            }
        }
        for o in &off[..keys.len().min(PENDING)] {
            std::hint::black_box(self.arena.get(*o as usize).copied());
        }
    }

    /// The first entry under `key` that is not matched yet and passes `keep`.
    pub fn find(&self, key: &str, keep: impl Fn(&Entry) -> bool) -> Option<usize> {
        self.find_tagged(key, tag(key.as_bytes()), keep)
    }

    /// [`Table::find`] with the key's tag from [`Table::warm`].
    pub fn find_tagged(&self, key: &str, tag: u32, keep: impl Fn(&Entry) -> bool) -> Option<usize> {
        debug_assert!(self.pending.is_empty(), "find before seal");
        if self.index.is_empty() {
            return None;
        }
        let key = key.as_bytes();
        let mask = self.index.len() - 1;
        let mut slot = tag as usize & mask;
        loop {
            let n = self.index[slot];
            if n == EMPTY {
                return None;
            }
            let e = &self.entries[n as usize];
            let a = e.off as usize;
            if e.tag == tag
                && e.flags & MATCHED == 0
                && e.key_len as usize == key.len()
                && &self.arena[a..a + key.len()] == key
                && keep(e)
            {
                return Some(n as usize);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// Huge pages for the table's large arrays. Every lookup lands somewhere random in ~250 MB
/// (3.6 M records); with 4 KiB pages nearly every one also misses the TLB, and in a virtual
/// machine a TLB miss walks two sets of page tables. Linux gives transparent huge pages to
/// memory that asks for them (`enabled` is often `madvise`, as on our CI machines).
mod pages {
    /// Below this a `Vec` is left alone: a few pages, and no 2 MiB page fits.
    const AT_LEAST: usize = 8 << 20;

    /// Advise Linux to back the memory `v` has room for with huge pages. Advice only: nothing
    /// changes if the kernel says no, and the contents are never touched.
    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    pub(super) fn advise_huge<T>(v: &Vec<T>) {
        const PAGE: usize = 4096;
        let bytes = v.capacity().saturating_mul(std::mem::size_of::<T>());
        if bytes < AT_LEAST {
            return;
        }
        let start = v.as_ptr() as usize;
        let from = start.next_multiple_of(PAGE);
        let len = (start + bytes - from) & !(PAGE - 1);
        // SAFETY: `[from, from + len)` lies inside the allocation `v` owns (its capacity), page
        // aligned as madvise wants; MADV_HUGEPAGE is advice about how to back those pages and
        // neither reads nor changes their contents. An error (e.g. EINVAL on a kernel without
        // transparent huge pages) only means the advice is not taken.
        let _ = unsafe { libc::madvise(from as *mut libc::c_void, len, libc::MADV_HUGEPAGE) };
    }

    #[cfg(not(target_os = "linux"))]
    pub(super) fn advise_huge<T>(_: &Vec<T>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_found_one_after_the_other() {
        let mut t = Table::default();
        for i in 0..5000u32 {
            let e = Entry {
                line: i,
                ..Entry::default()
            };
            t.insert(&format!("K{}", i % 2500), "", e).unwrap();
        }
        t.seal();
        assert_eq!(t.len(), 5000);
        let first = t.find("K7", |_| true).unwrap();
        assert_eq!(t.entries()[first].line, 7);
        t.get_mut(first).flags |= MATCHED;
        let second = t.find("K7", |_| true).unwrap();
        assert_eq!(t.entries()[second].line, 2507);
        t.get_mut(second).flags |= MATCHED;
        assert_eq!(t.find("K7", |_| true), None);
        assert_eq!(t.find("K2500", |_| true), None);
        assert_eq!(
            t.find("K8", |e| e.line > 2500).map(|i| t.entries()[i].line),
            Some(2508)
        );
    }

    #[test]
    fn keys_and_second_keys_come_back() {
        let mut t = Table::default();
        t.insert("R1", "T1", Entry::default()).unwrap();
        t.insert("退款", "", Entry::default()).unwrap();
        t.seal();
        let e = t.entries()[0];
        assert_eq!((t.key(&e), t.other(&e)), ("R1", "T1"));
        assert_eq!(t.key(&t.entries()[1]), "退款");
        assert_eq!(
            t.insert(&"x".repeat(70_000), "", Entry::default()),
            Err(Full::KeyTooLong)
        );
    }
}
