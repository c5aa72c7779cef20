//! Early write-back for a bill's part file (issue 16 item 1). Every [`STEP`] bytes appended, the
//! range just filled is handed to the disk (`sync_file_range(SYNC_FILE_RANGE_WRITE)`), the range
//! [`LAG`] steps older is waited for and dropped from the page cache (`posix_fadvise(DONTNEED)`).
//! The disk then writes while the bill is still being decompressed and hashed, dirty pages stay
//! bounded (no throttling stall, no gigabyte left for the final `fdatasync`), and the page cache
//! does not fill with a bill nobody reads back. Durability is still decided by the caller's final
//! `fdatasync` ([`WriteBehind::sync_data`]); this only moves the work earlier.
//!
//! Linux only: elsewhere (and on a filesystem that refuses `sync_file_range` with EINVAL, ENOSYS or
//! EOPNOTSUPP) the writer only writes, as before. Any other error of the call (EIO, ENOSPC) is a
//! write error. The `unsafe` here: two libc calls on the descriptor of the `File` this type
//! holds, which stays open for as long as the calls can be made.
//!
//! The file may have a second writer ([`SharedFile`], unix only): the decompressing thread writes
//! some whole batches at their offsets itself, so that the copy into the page cache is shared by
//! both threads (issue 16 item 1). Those bytes are counted here ([`WriteBehind::advance`]) only
//! once they are written, so a range is handed to the disk, waited for and dropped only after
//! every writer finished it.
#![cfg_attr(target_os = "linux", allow(unsafe_code))]

use std::fs::File;
use std::io::{self, Write};
use std::sync::Arc;

/// Bytes between two write-back starts: large enough that the calls cost nothing, small enough
/// that the disk starts early and the dirty pages stay few (at most `(LAG + 1) * STEP` plus what
/// the last step holds).
pub(crate) const STEP: u64 = 8 << 20;
/// How many started ranges may still be in flight before the oldest is waited for.
const LAG: u64 = 2;

/// An append-only file writer that starts write-back behind itself. See the module doc.
#[derive(Debug)]
pub(crate) struct WriteBehind {
    /// Shared with [`SharedFile`]s: every write names its offset, so neither writer moves the
    /// other's cursor.
    file: Arc<File>,
    /// Bytes appended so far.
    written: u64,
    /// Write-back has been started for `[0, started)`.
    started: u64,
    step: u64,
    /// Still calling `sync_file_range`: off on other systems and after the filesystem refused it.
    active: bool,
    /// Tests: the errno every `sync_file_range` reports instead of calling it.
    #[cfg(test)]
    fail_with: Option<i32>,
    /// Tests: the errno this writer's own writes report.
    #[cfg(test)]
    fail_write_with: Option<i32>,
    /// Tests: what every [`SharedFile`] handed out does (see there).
    #[cfg(test)]
    shared_test: SharedTest,
}

impl WriteBehind {
    pub(crate) fn new(file: File) -> Self {
        WriteBehind {
            file: Arc::new(file),
            written: 0,
            started: 0,
            step: STEP,
            active: cfg!(target_os = "linux"),
            #[cfg(test)]
            fail_with: None,
            #[cfg(test)]
            fail_write_with: None,
            #[cfg(test)]
            shared_test: SharedTest::default(),
        }
    }

    /// A second writer of this file, for whole ranges past what this one has written; each must
    /// then be counted here with [`WriteBehind::advance`], in order, once written. `None` where
    /// writes at an offset are not available.
    pub(crate) fn share(&self) -> Option<SharedFile> {
        if !cfg!(unix) {
            return None;
        }
        Some(SharedFile {
            file: Arc::clone(&self.file),
            #[cfg(test)]
            test: self.shared_test,
        })
    }

    /// The next `len` bytes of the file were written through a [`SharedFile`], and that write
    /// returned: count them as appended (which may start their write-back).
    pub(crate) fn advance(&mut self, len: u64) -> io::Result<()> {
        self.written += len;
        self.behind()
    }

    /// `fdatasync`: the data and the size are on disk (what reading the file back needs).
    pub(crate) fn sync_data(&self) -> io::Result<()> {
        self.file.sync_data()
    }

    /// Start write-back (and wait for older ranges) for every full step appended so far.
    fn behind(&mut self) -> io::Result<()> {
        while self.active && self.written - self.started >= self.step {
            let at = self.started;
            self.sync_range(at, self.step, Flags::Start)?;
            if let Some(old) = at.checked_sub(LAG * self.step) {
                self.sync_range(old, self.step, Flags::Wait)?;
                self.drop_cached(old, self.step);
            }
            self.started += self.step;
        }
        Ok(())
    }

    #[cfg(test)]
    pub(crate) fn set_step(&mut self, step: u64) {
        self.step = step.max(1);
    }

    #[cfg(test)]
    pub(crate) fn fail_sync_with(&mut self, errno: i32) {
        self.fail_with = Some(errno);
    }

    #[cfg(test)]
    pub(crate) fn fail_write_with(&mut self, errno: i32) {
        self.fail_write_with = Some(errno);
    }

    #[cfg(test)]
    pub(crate) fn test_shared(&mut self, test: SharedTest) {
        self.shared_test = test;
    }
}

/// A second handle on a [`WriteBehind`]'s file, for the decompressing thread: it writes whole
/// batches at their offsets, ahead of what the owner has counted (see the module doc).
#[derive(Debug, Clone)]
pub struct SharedFile {
    file: Arc<File>,
    #[cfg(test)]
    test: SharedTest,
}

/// Tests: make the decompressing thread write (every other batch, whatever the queue) or fail.
#[cfg(test)]
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SharedTest {
    /// Write every other batch, not only when the other thread is behind.
    pub(crate) alternate: bool,
    /// The errno every write through the handle reports.
    pub(crate) fail_with: Option<i32>,
}

impl SharedFile {
    /// Write all of `buf` at `offset`.
    pub(crate) fn write_all_at(&self, buf: &[u8], offset: u64) -> io::Result<()> {
        #[cfg(test)]
        if let Some(errno) = self.test.fail_with {
            return Err(io::Error::from_raw_os_error(errno));
        }
        write_all_at(&self.file, buf, offset)
    }

    /// Tests: write every other batch, whatever the queue.
    #[cfg(test)]
    pub(crate) fn alternate(&self) -> bool {
        self.test.alternate
    }
}

#[cfg(unix)]
fn write_all_at(file: &File, buf: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, buf, offset)
}

#[cfg(not(unix))]
fn write_all_at(_: &File, _: &[u8], _: u64) -> io::Result<()> {
    // Not reached: `WriteBehind::share` hands out no handle here.
    Err(io::Error::other(
        "writes at an offset are not available here",
    ))
}

/// What a `sync_file_range` call is for.
#[derive(Debug, Clone, Copy)]
enum Flags {
    /// Start writing the range back; do not wait.
    Start,
    /// Write the range back and wait until it is on disk.
    Wait,
}

#[cfg(target_os = "linux")]
impl WriteBehind {
    fn sync_range(&mut self, offset: u64, len: u64, flags: Flags) -> io::Result<()> {
        use std::os::fd::AsRawFd as _;
        let flags = match flags {
            Flags::Start => libc::SYNC_FILE_RANGE_WRITE,
            Flags::Wait => {
                libc::SYNC_FILE_RANGE_WAIT_BEFORE
                    | libc::SYNC_FILE_RANGE_WRITE
                    | libc::SYNC_FILE_RANGE_WAIT_AFTER
            }
        };
        let (Ok(offset), Ok(len)) = (
            libc::off64_t::try_from(offset),
            libc::off64_t::try_from(len),
        ) else {
            // Past what the call can name: leave the rest to the final fdatasync.
            self.active = false;
            return Ok(());
        };
        loop {
            #[cfg(test)]
            if let Some(errno) = self.fail_with {
                return self.refused(io::Error::from_raw_os_error(errno));
            }
            // SAFETY: the descriptor belongs to `self.file`, open for the whole call; the call
            // reads no memory of ours.
            let r = unsafe { libc::sync_file_range(self.file.as_raw_fd(), offset, len, flags) };
            if r == 0 {
                return Ok(());
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return self.refused(e);
            }
        }
    }

    /// A failed `sync_file_range`: a filesystem that does not do it falls back to writing only;
    /// anything else (EIO, ENOSPC) is the write error it is.
    fn refused(&mut self, e: io::Error) -> io::Result<()> {
        match e.raw_os_error() {
            Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => {
                self.active = false;
                Ok(())
            }
            _ => Err(e),
        }
    }

    /// Drop a range that is on disk from the page cache. Advice only: it moves no data, so its
    /// failure changes nothing and is ignored.
    fn drop_cached(&self, offset: u64, len: u64) {
        use std::os::fd::AsRawFd as _;
        if let (Ok(offset), Ok(len)) = (libc::off_t::try_from(offset), libc::off_t::try_from(len)) {
            // SAFETY: as in `sync_range`; the call only advises the kernel about the descriptor.
            let _ = unsafe {
                libc::posix_fadvise(
                    self.file.as_raw_fd(),
                    offset,
                    len,
                    libc::POSIX_FADV_DONTNEED,
                )
            };
        }
    }
}

#[cfg(not(target_os = "linux"))]
impl WriteBehind {
    fn sync_range(&mut self, _: u64, _: u64, _: Flags) -> io::Result<()> {
        self.active = false;
        Ok(())
    }
    fn drop_cached(&self, _: u64, _: u64) {}
}

impl Write for WriteBehind {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        #[cfg(test)]
        if let Some(errno) = self.fail_write_with {
            return Err(io::Error::from_raw_os_error(errno));
        }
        // At the offset, not at the cursor: a [`SharedFile`] may have written past this point.
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::write_at(&*self.file, buf, self.written)?;
        #[cfg(not(unix))]
        let n = (&*self.file).write(buf)?;
        self.written += n as u64;
        self.behind()?;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        (&*self.file).flush()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Bytes that compress badly and repeat nowhere: a misplaced range would show.
    pub(crate) fn noise(len: usize) -> Vec<u8> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    }

    /// Every full step had its write-back started, in order, and the file holds exactly what was
    /// written.
    #[test]
    fn starts_every_full_step() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x");
        let mut w = WriteBehind::new(File::create(&path).unwrap());
        w.set_step(4096);
        let body = noise(10 * 4096 + 100);
        for chunk in body.chunks(3000) {
            w.write_all(chunk).unwrap();
        }
        w.sync_data().unwrap();
        assert_eq!(w.written, body.len() as u64);
        // A filesystem may refuse the call (then the writer only writes); where it is taken,
        // every full step was started and none past the end.
        if w.active {
            assert_eq!(w.started, 10 * 4096);
        }
        assert!(std::fs::read(&path).unwrap() == body);
    }
}
