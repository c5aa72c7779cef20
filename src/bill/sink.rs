//! The verified bill writer behind `bill download`: bytes in, chunk by chunk, as the transport
//! receives them; optionally gunzipped; SHA-1 over the decompressed bytes (apiv3.md §8.3); detail
//! rows counted; written to a unique `.part` file that is renamed into place only once the hash
//! matched (cli.md `bill download`). Fixed buffers only: memory stays flat whatever the bill size.
//! Knows nothing of HTTP: the transport feeds it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use flate2::write::MultiGzDecoder;
use sha1::{Digest, Sha1};

use super::error::{BillError, Origin};
use super::writeback::{SharedFile, WriteBehind};

/// Buffer size for file writes and for hashing existing files.
const BUF: usize = 64 * 1024;

/// How the bill's bytes arrive (`tar_type`, apiv3.md §8.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Plain,
    Gzip,
}

/// What a finished, verified sink wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Size of the decompressed bill (cli.md `bytes`).
    pub bytes: u64,
    /// Detail records: lines after the header line and before the summary header (cli.md `rows`).
    pub rows: u64,
    /// The SHA-1 of the decompressed bytes, lower-case hex; equal to the expected one.
    pub sha1: String,
    /// The final path (`None` when writing to a stream).
    pub path: Option<PathBuf>,
    /// Where the raw gzip stream was kept (`--keep-gzip`).
    pub gzip_path: Option<PathBuf>,
    /// The final name was taken while the bill downloaded, by a file with the same SHA-1 (another
    /// download of the same bill finished first): that file was kept and this one discarded.
    pub already_there: bool,
}

/// Where the decompressed bill goes: a file renamed into place on success, or a stream.
pub trait Destination: Write {
    /// Flush and make durable (fsync) before the verdict.
    fn seal(&mut self) -> Result<(), BillError>;
    /// Put the verified bytes in place.
    fn commit(self) -> Result<Commit, BillError>;
    /// A second writer for ranges past what was written so far, for the decompressing thread
    /// (issue 16 item 1); `None` (the default) for a destination that only appends, a stream.
    fn share(&mut self) -> Option<SharedFile> {
        None
    }
    /// The next `len` bytes were written through [`Destination::share`]'s handle, and that
    /// write returned: count them as written here.
    fn written_elsewhere(&mut self, len: u64) -> io::Result<()> {
        let _ = len;
        Err(io::Error::other("this destination has no second writer"))
    }
}

/// What [`Destination::commit`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Commit {
    /// In place; the final path, if any.
    Placed(Option<PathBuf>),
    /// Not placed: something else appeared under this final name while the bill was written,
    /// and it was left alone (issue 11: rename without replacing).
    Taken(PathBuf),
}

/// The permissions of a bill file: 0600, like every other file this tool writes (issue 15 item
/// 11), unless `bill download --mode` says otherwise.
pub const DEFAULT_MODE: u32 = 0o600;

/// A file written under a unique temporary name beside its final path, renamed into place by
/// [`Destination::commit`], removed when dropped uncommitted.
///
/// The temporary name is `FINAL.<pid>.<random>.part`: two processes (or threads) writing the same
/// bill never share a partial file, and the final name only ever holds a complete, verified file.
/// The final name is taken without replacing what is there (`link`, then `unlink` of the part
/// file): a file that appeared under it while the bill downloaded — another download, a person —
/// is never overwritten, unless the part file was made [`PartFile::replacing`] (`--force`).
#[derive(Debug)]
pub struct PartFile {
    file: Option<BufWriter<WriteBehind>>,
    part: PathBuf,
    target: PathBuf,
    replace: bool,
}

impl PartFile {
    pub fn create(target: &Path) -> Result<Self, BillError> {
        let name = target.file_name().ok_or_else(|| BillError::Create {
            path: target.to_path_buf(),
            source: io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"),
        })?;
        sweep_stale_parts(target);
        let mut part_name = name.to_os_string();
        part_name.push(format!(
            ".{}.{}.part",
            std::process::id(),
            crate::rand::alphanumeric(8)
        ));
        let part = target.with_file_name(part_name);
        // create_new: never adopt (or truncate) a file we did not create. 0600 like every file
        // this tool writes: a bill lists every payment of a merchant (issue 15 item 11).
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, DEFAULT_MODE);
        let file = opts.open(&part).map_err(|source| BillError::Create {
            path: part.clone(),
            source,
        })?;
        Ok(PartFile {
            file: Some(BufWriter::with_capacity(BUF, WriteBehind::new(file))),
            part,
            target: target.to_path_buf(),
            replace: false,
        })
    }

    /// Give the file `mode` (`bill download --mode`), exactly: not narrowed by the umask.
    pub fn set_mode(&self, mode: u32) -> Result<(), BillError> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            fs::set_permissions(&self.part, fs::Permissions::from_mode(mode)).map_err(
                |source| BillError::Create {
                    path: self.part.clone(),
                    source,
                },
            )?;
        }
        #[cfg(not(unix))]
        let _ = mode;
        Ok(())
    }

    /// Replace whatever is under the final name on commit (an atomic `rename`).
    pub fn replacing(mut self) -> Self {
        self.replace = true;
        self
    }

    /// Link the part file under the final name if that name is free; then drop the part name.
    /// `hard_link` fails with `AlreadyExists` rather than replace, which closes the window between
    /// "the name is free" and "rename" (two downloads of one bill, or a file a person puts there).
    fn link_new(&self) -> Result<Commit, BillError> {
        match fs::hard_link(&self.part, &self.target) {
            Ok(()) => {
                // Best effort: the verified bill is in place; Drop tries again otherwise.
                let _ = fs::remove_file(&self.part);
                Ok(Commit::Placed(Some(self.target.clone())))
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                Ok(Commit::Taken(self.target.clone()))
            }
            Err(e) => {
                // A filesystem without hard links (FAT, some network mounts): check, then
                // rename. The race is back there, and only there.
                if fs::symlink_metadata(&self.target).is_ok() {
                    return Ok(Commit::Taken(self.target.clone()));
                }
                fs::rename(&self.part, &self.target).map_err(|_| self.write_error(e))?;
                Ok(Commit::Placed(Some(self.target.clone())))
            }
        }
    }

    /// The temporary path being written.
    pub fn part_path(&self) -> &Path {
        &self.part
    }

    fn write_error(&self, source: io::Error) -> BillError {
        BillError::Write {
            target: self.part.display().to_string(),
            source,
        }
    }

    fn live(&mut self) -> io::Result<&mut BufWriter<WriteBehind>> {
        self.file
            .as_mut()
            .ok_or_else(|| io::Error::other("the part file is already closed"))
    }
}

impl Write for PartFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.live()?.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.live()?.flush()
    }
}

impl Destination for PartFile {
    fn seal(&mut self) -> Result<(), BillError> {
        let r = self.live().and_then(|w| {
            w.flush()?;
            // fdatasync: the bytes and the size; write-back of all but the last steps already
            // started (and mostly finished) while the bill was written (issue 16 item 1).
            w.get_ref().sync_data()
        });
        r.map_err(|e| self.write_error(e))
    }

    fn share(&mut self) -> Option<SharedFile> {
        self.file.as_ref()?.get_ref().share()
    }

    fn written_elsewhere(&mut self, len: u64) -> io::Result<()> {
        let w = self.live()?;
        // Whatever is buffered comes first in the file.
        w.flush()?;
        w.get_mut().advance(len)
    }

    fn commit(mut self) -> Result<Commit, BillError> {
        // Close before renaming; the data was synced by `seal`.
        drop(self.file.take());
        if self.replace {
            fs::rename(&self.part, &self.target).map_err(|e| self.write_error(e))?;
        } else if let Commit::Taken(p) = self.link_new()? {
            // Drop removes the part file.
            return Ok(Commit::Taken(p));
        }
        // Make the rename itself durable. Best effort: some filesystems refuse fsync on a folder,
        // and by now the verified file is in place, so failing here would misreport the outcome.
        let dir = match self.target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let _ = File::open(dir).and_then(|d| d.sync_all());
        // Renamed: nothing left for Drop to remove.
        self.part = PathBuf::new();
        Ok(Commit::Placed(Some(self.target.clone())))
    }
}

/// Remove `TARGET.<pid>.<random>.part` files left by processes that no longer exist (a `kill -9`
/// mid-download cannot clean up after itself; issue 7), so that after a successful rerun nothing
/// but the bill is left. A part file whose process is alive is another download in progress and is
/// left alone, as is anything whose owner cannot be told (no `/proc`, an unreadable name).
pub fn sweep_stale_parts(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name().and_then(|n| n.to_str()))
    else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        let Some(rest) = file.strip_prefix(name).and_then(|r| r.strip_prefix('.')) else {
            continue;
        };
        let Some(middle) = rest.strip_suffix(".part") else {
            continue;
        };
        let Some((pid, random)) = middle.split_once('.') else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if random.len() != 8 || !random.bytes().all(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        drop(self.file.take());
        if !self.part.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.part);
        }
    }
}

/// Any writer (stdout for `--out -`): the bytes are out as they come, so the hash verdict only
/// decides the result (cli.md `--out -`).
#[derive(Debug)]
pub struct Stream<W: Write>(pub W);

impl<W: Write> Write for Stream<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl<W: Write> Destination for Stream<W> {
    fn seal(&mut self) -> Result<(), BillError> {
        self.0.flush().map_err(|source| BillError::Write {
            target: "the output stream".into(),
            source,
        })
    }
    fn commit(self) -> Result<Commit, BillError> {
        Ok(Commit::Placed(None))
    }
}

/// Counts detail rows in a byte stream split anywhere: lines after line 1 that start with a
/// backtick, up to the first other non-blank line (the summary header, §9.1). Looks at one byte per
/// line start, so chunk boundaries (even between CR and LF) do not matter.
#[derive(Debug, Default)]
pub(crate) struct RowCounter {
    past_header: bool,
    in_summary: bool,
    mid_line: bool,
    rows: u64,
}

impl RowCounter {
    pub(crate) fn feed(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            if !self.mid_line {
                self.mid_line = true;
                if self.past_header && !self.in_summary {
                    match bytes[0] {
                        b'`' => self.rows += 1,
                        b'\r' | b'\n' => {}
                        _ => self.in_summary = true,
                    }
                }
            }
            match memchr::memchr(b'\n', bytes) {
                Some(i) => {
                    self.mid_line = false;
                    self.past_header = true;
                    bytes = &bytes[i + 1..];
                }
                None => break,
            }
        }
    }

    pub(crate) fn rows(&self) -> u64 {
        self.rows
    }
}

/// The work done on every decompressed byte: write it, hash it, count its rows.
struct Tally<D> {
    out: D,
    sha1: Sha1,
    bytes: u64,
    rows: RowCounter,
}

impl<D: Write> Tally<D> {
    fn new(out: D) -> Self {
        Tally {
            out,
            sha1: Sha1::new(),
            bytes: 0,
            rows: RowCounter::default(),
        }
    }

    fn take(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.write_all(buf)?;
        self.inspect(buf);
        Ok(())
    }

    fn inspect(&mut self, buf: &[u8]) {
        self.sha1.update(buf);
        self.rows.feed(buf);
        self.bytes += buf.len() as u64;
    }
}

impl<D: Destination> Tally<D> {
    /// As [`Tally::take`], for bytes already written through the destination's
    /// [`Destination::share`] handle.
    fn take_written(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.written_elsewhere(buf.len() as u64)?;
        self.inspect(buf);
        Ok(())
    }
}

/// Decompressed bytes are handed to the tally in batches of this size: big enough that the
/// hand-over costs little next to the work, small enough to keep peak RSS low (issue 5: ≤ 16 MiB).
/// 128 KiB rather than 64: half the hand-overs, and half the threads' sleeps and wake-ups (~11,000
/// context switches instead of ~22,000 for a 1 GB bill, issue 16 item 1), for ~0.4 MiB more RSS.
const BATCH: usize = 128 * 1024;
/// Batches in flight between the two threads: with the batch being filled and the one being
/// tallied, at most `QUEUE + 2` batches exist, so memory stays flat.
const QUEUE: usize = 4;

/// The tally on a thread of its own ([`BillSink::pipelined`]): the caller's thread receives and
/// decompresses, this one hashes, counts and writes, so a download uses both cores. Buffers go
/// back and forth, so nothing is allocated per batch.
///
/// When the destination is a file ([`Destination::share`]), the write is shared too (issue 16
/// item 1): hashing alone keeps the tally's thread busier than decompressing keeps the caller's,
/// so a batch that finds the queue full — the tally is behind — is written by the caller's thread
/// at its offset before it is handed over, instead of waiting idle. The share follows the load:
/// none when decompressing is the slower side (or the disk is), most writes when hashing is. The
/// tally counts a batch as written only when it receives it, so its write-back (which follows
/// that count) never starts on a range still being written.
struct Handoff<D: Destination + Send + 'static> {
    batch: Vec<u8>,
    handed: u64,
    /// Bytes handed over so far: where the batch being filled starts in the file.
    sent: u64,
    /// The destination's second writer, if it has one.
    share: Option<SharedFile>,
    to_worker: Option<std::sync::mpsc::SyncSender<Batch>>,
    spare: std::sync::mpsc::Receiver<Vec<u8>>,
    worker: Option<std::thread::JoinHandle<(Tally<D>, Option<io::Error>)>>,
}

/// Decompressed bytes on their way to the tally.
struct Batch {
    bytes: Vec<u8>,
    /// Already written to the destination by the decompressing thread.
    written: bool,
}

impl<D: Destination + Send + 'static> Handoff<D> {
    fn start(mut tally: Tally<D>) -> io::Result<Self> {
        let share = tally.out.share();
        let (to_worker, work) = std::sync::mpsc::sync_channel::<Batch>(QUEUE);
        let (give_back, spare) = std::sync::mpsc::sync_channel::<Vec<u8>>(QUEUE + 2);
        let worker = std::thread::Builder::new()
            .name("bill-tally".into())
            .spawn(move || {
                let mut tally = tally;
                for Batch {
                    bytes: mut buf,
                    written,
                } in work
                {
                    let taken = if written {
                        tally.take_written(&buf)
                    } else {
                        tally.take(&buf)
                    };
                    if let Err(e) = taken {
                        // Dropping the receiver tells the other side to stop.
                        return (tally, Some(e));
                    }
                    buf.clear();
                    let _ = give_back.try_send(buf);
                }
                (tally, None)
            })?;
        Ok(Handoff {
            batch: Vec::with_capacity(BATCH),
            handed: 0,
            sent: 0,
            share,
            to_worker: Some(to_worker),
            spare,
            worker: Some(worker),
        })
    }

    /// Send the batch being filled, written first if the tally is behind (see the type's doc).
    /// An error is the write's own, or means the tally stopped: its error is in `join`.
    fn send(&mut self) -> io::Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let next = self
            .spare
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(BATCH));
        let bytes = std::mem::replace(&mut self.batch, next);
        let at = self.sent;
        self.sent += bytes.len() as u64;
        let stopped = || io::Error::other("the bill writer has stopped");
        let sender = self.to_worker.as_ref().ok_or_else(stopped)?;
        // Tests: both threads write, every other batch, whatever the queue.
        #[cfg(test)]
        let written = match &self.share {
            Some(share) if share.alternate() && (at / BATCH as u64) % 2 == 1 => {
                share.write_all_at(&bytes, at)?;
                true
            }
            _ => false,
        };
        #[cfg(not(test))]
        let written = false;
        let batch = Batch { bytes, written };
        let Some(share) = &self.share else {
            return sender.send(batch).map_err(|_| stopped());
        };
        match sender.try_send(batch) {
            Ok(()) => Ok(()),
            Err(std::sync::mpsc::TrySendError::Full(mut batch)) => {
                if !batch.written {
                    share.write_all_at(&batch.bytes, at)?;
                    batch.written = true;
                }
                sender.send(batch).map_err(|_| stopped())
            }
            Err(std::sync::mpsc::TrySendError::Disconnected(_)) => Err(stopped()),
        }
    }

    /// Stop the worker and take the tally back, with the error that stopped it, if any.
    fn join(&mut self) -> Option<(Tally<D>, Option<io::Error>)> {
        drop(self.to_worker.take());
        let worker = self.worker.take()?;
        Some(
            worker
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
        )
    }
}

impl<D: Destination + Send + 'static> Drop for Handoff<D> {
    fn drop(&mut self) {
        // Wait for the worker: it owns the destination, whose own Drop removes a partial file,
        // and that must have happened before the caller reports the failure (or exits).
        let _ = self.join();
    }
}

/// Where the decompressed bytes go: the tally on this thread, or on its own.
enum Stage<D: Write> {
    Inline(Tally<D>),
    Worker(Box<dyn Offload<D>>),
}

/// [`Handoff`] without its `Send + 'static` bound showing in every signature.
trait Offload<D> {
    fn push(&mut self, buf: &[u8]) -> io::Result<()>;
    fn handed(&self) -> u64;
    /// Flush and stop; the tally, or the error that stopped it.
    fn finish(&mut self) -> Result<Tally<D>, io::Error>;
    /// After a failed push: the tally's own error.
    fn failure(&mut self) -> Option<io::Error>;
}

impl<D: Destination + Send + 'static> Offload<D> for Handoff<D> {
    fn push(&mut self, buf: &[u8]) -> io::Result<()> {
        self.handed += buf.len() as u64;
        let mut buf = buf;
        while !buf.is_empty() {
            let room = BATCH - self.batch.len();
            let (now, later) = buf.split_at(room.min(buf.len()));
            self.batch.extend_from_slice(now);
            buf = later;
            if self.batch.len() >= BATCH {
                self.send()?;
            }
        }
        Ok(())
    }
    fn handed(&self) -> u64 {
        self.handed
    }
    fn finish(&mut self) -> Result<Tally<D>, io::Error> {
        let sent = self.send();
        match self.join() {
            Some((_, Some(e))) => Err(e),
            Some((tally, None)) => sent.map(|()| tally),
            None => Err(io::Error::other("the bill writer has stopped")),
        }
    }
    fn failure(&mut self) -> Option<io::Error> {
        self.join().and_then(|(_, e)| e)
    }
}

/// A stand-in for the moment the tally moves to its thread.
struct Idle;

impl<D> Offload<D> for Idle {
    fn push(&mut self, _: &[u8]) -> io::Result<()> {
        Err(io::Error::other("the bill writer is not running"))
    }
    fn handed(&self) -> u64 {
        0
    }
    fn finish(&mut self) -> Result<Tally<D>, io::Error> {
        Err(io::Error::other("the bill writer is not running"))
    }
    fn failure(&mut self) -> Option<io::Error> {
        None
    }
}

/// Hashes, counts and forwards the decompressed bytes. Remembers a failure of its destination so
/// that it is not mistaken for corrupt gzip when the decoder passes it up.
struct Inspect<D: Write> {
    stage: Stage<D>,
    failed: Option<io::Error>,
}

impl<D: Write> Inspect<D> {
    fn bytes(&self) -> u64 {
        match &self.stage {
            Stage::Inline(t) => t.bytes,
            Stage::Worker(w) => w.handed(),
        }
    }

    /// The tally, after every byte went through it.
    fn finish(self) -> Result<Tally<D>, io::Error> {
        match self.stage {
            Stage::Inline(t) => Ok(t),
            Stage::Worker(mut w) => w.finish(),
        }
    }
}

impl<D: Write> Write for Inspect<D> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = match &mut self.stage {
            Stage::Inline(t) => t.take(buf),
            Stage::Worker(w) => w.push(buf).map_err(|e| w.failure().unwrap_or(e)),
        };
        match r {
            Ok(()) => Ok(buf.len()),
            Err(e) => {
                let kind = e.kind();
                self.failed = Some(e);
                Err(io::Error::new(kind, "the destination failed"))
            }
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.stage {
            Stage::Inline(t) => t.out.flush(),
            // The worker flushes when it is finished (`seal`).
            Stage::Worker(_) => Ok(()),
        }
    }
}

enum Pipe<D: Write> {
    Plain(Inspect<D>),
    Gzip(Box<MultiGzDecoder<Inspect<D>>>),
}

/// Streams a bill to its destination while verifying it. See the module doc.
///
/// ```no_run
/// use wxcombine::bill::{BillSink, Encoding};
/// # fn main() -> Result<(), wxcombine::bill::BillError> {
/// # let chunks: Vec<Vec<u8>> = Vec::new();
/// let mut sink = BillSink::create("tradebill_2024-05-01_ALL.csv", Encoding::Gzip, false)?;
/// for chunk in chunks {
///     sink.write_chunk(&chunk)?;
/// }
/// let written = sink.finish("79bb0f45fc4c42234a918000b2668d689e2bde04")?;
/// # Ok(()) }
/// ```
///
/// Dropping an unfinished sink (or [`BillSink::abort`]) removes its partial files.
pub struct BillSink<D: Destination> {
    pipe: Pipe<D>,
    /// The raw gzip stream, kept beside the bill (`--keep-gzip`).
    raw: Option<PartFile>,
    origin: Origin,
    /// An earlier chunk failed: the decoder's state is unknown, so the sink takes nothing more.
    spent: bool,
    /// What a write error names: the bill's path, or the output stream (issue 14: a full disk
    /// names the path it could not write).
    target: String,
}

impl BillSink<PartFile> {
    /// Write the bill to `path` (via `path.<pid>.<random>.part`). With `keep_gzip`, the raw gzip
    /// stream is also kept, as `path.gz`, put in place with the same care.
    pub fn create(
        path: impl AsRef<Path>,
        encoding: Encoding,
        keep_gzip: bool,
    ) -> Result<Self, BillError> {
        let path = path.as_ref();
        if keep_gzip && encoding == Encoding::Plain {
            return Err(BillError::KeepGzipWithoutGzip);
        }
        let raw = if keep_gzip {
            Some(PartFile::create(&gzip_path(path))?)
        } else {
            None
        };
        let out = PartFile::create(path)?;
        let mut sink = Self::with_destination(out, encoding, raw);
        sink.target = path.display().to_string();
        Ok(sink)
    }

    /// As [`BillSink::create`], but the verified bill replaces a file already under `path`
    /// (`--force`). Without it, a file there is never overwritten; see [`PartFile`].
    pub fn create_replacing(
        path: impl AsRef<Path>,
        encoding: Encoding,
        keep_gzip: bool,
    ) -> Result<Self, BillError> {
        let mut sink = Self::create(path, encoding, keep_gzip)?;
        let inspect = match &mut sink.pipe {
            Pipe::Plain(i) => i,
            Pipe::Gzip(d) => d.get_mut(),
        };
        if let Stage::Inline(t) = &mut inspect.stage {
            t.out.replace = true;
        }
        Ok(sink)
    }
}

impl BillSink<PartFile> {
    /// The permissions of the bill file (and of its `.gz` with `keep_gzip`), instead of
    /// [`DEFAULT_MODE`] (`bill download --mode`).
    pub fn with_mode(mut self, mode: u32) -> Result<Self, BillError> {
        if let Some(raw) = &self.raw {
            raw.set_mode(mode)?;
        }
        let inspect = match &mut self.pipe {
            Pipe::Plain(i) => i,
            Pipe::Gzip(d) => d.get_mut(),
        };
        if let Stage::Inline(t) = &inspect.stage {
            t.out.set_mode(mode)?;
        }
        Ok(self)
    }
}

impl<W: Write> BillSink<Stream<W>> {
    /// Write the bill to any writer (`--out -`).
    pub fn stream(out: W, encoding: Encoding) -> Self {
        Self::with_destination(Stream(out), encoding, None)
    }
}

impl<D: Destination> BillSink<D> {
    fn with_destination(out: D, encoding: Encoding, raw: Option<PartFile>) -> Self {
        let inspect = Inspect {
            stage: Stage::Inline(Tally::new(out)),
            failed: None,
        };
        let pipe = match encoding {
            Encoding::Plain => Pipe::Plain(inspect),
            // Multi-member: a gzip file may be several members back to back (RFC 1952 §2.2).
            Encoding::Gzip => Pipe::Gzip(Box::new(MultiGzDecoder::new(inspect))),
        };
        BillSink {
            pipe,
            raw,
            origin: Origin::Download,
            spent: false,
            target: "the output stream".into(),
        }
    }

    /// Say where the bytes come from (default: a download), which decides how a corrupt gzip
    /// stream is classified.
    pub fn origin(mut self, origin: Origin) -> Self {
        self.origin = origin;
        self
    }

    /// Hash, count and write on a thread of its own, while the caller's thread receives and
    /// decompresses: a download then uses two cores instead of one. Call before the first chunk;
    /// memory stays flat (a handful of 128 KiB batches in flight).
    pub fn pipelined(mut self) -> Result<Self, BillError>
    where
        D: Send + 'static,
    {
        let inspect = match &mut self.pipe {
            Pipe::Plain(i) => i,
            Pipe::Gzip(d) => d.get_mut(),
        };
        if let Stage::Inline(t) = &inspect.stage
            && t.bytes == 0
        {
            let Stage::Inline(tally) =
                std::mem::replace(&mut inspect.stage, Stage::Worker(Box::new(Idle)))
            else {
                unreachable!("checked above")
            };
            let handoff = Handoff::start(tally).map_err(|source| BillError::Write {
                target: "the bill (starting its writer thread)".into(),
                source,
            })?;
            inspect.stage = Stage::Worker(Box::new(handoff));
        }
        Ok(self)
    }

    /// The decompressed bytes so far.
    pub fn bytes(&self) -> u64 {
        self.inspect().bytes()
    }

    fn inspect(&self) -> &Inspect<D> {
        match &self.pipe {
            Pipe::Plain(i) => i,
            Pipe::Gzip(d) => d.get_ref(),
        }
    }

    /// Feed the next chunk of the transfer. After an error the sink is spent: every later call
    /// fails too; drop it (or [`BillSink::abort`]) to remove its partial files.
    pub fn write_chunk(&mut self, chunk: &[u8]) -> Result<(), BillError> {
        if self.spent {
            return Err(spent());
        }
        let result = self.feed(chunk);
        self.spent = result.is_err();
        result
    }

    fn feed(&mut self, chunk: &[u8]) -> Result<(), BillError> {
        if let Some(raw) = &mut self.raw {
            raw.write_all(chunk).map_err(|e| raw.write_error(e))?;
        }
        let result = match &mut self.pipe {
            Pipe::Plain(i) => i.write_all(chunk),
            Pipe::Gzip(d) => d.write_all(chunk),
        };
        result.map_err(|e| self.classify(e))
    }

    /// An error out of the pipe: the destination's own failure if it recorded one, otherwise the
    /// decoder's verdict on the stream.
    fn classify(&mut self, e: io::Error) -> BillError {
        let plain = matches!(self.pipe, Pipe::Plain(_));
        let inspect = match &mut self.pipe {
            Pipe::Plain(i) => i,
            Pipe::Gzip(d) => d.get_mut(),
        };
        match inspect.failed.take() {
            Some(source) => BillError::Write {
                target: self.target.clone(),
                source,
            },
            None if plain => BillError::Write {
                target: self.target.clone(),
                source: e,
            },
            None => BillError::Gzip {
                origin: self.origin,
                source: e,
            },
        }
    }

    /// End of the transfer: finish decompressing, make the file durable, compare the SHA-1 of the
    /// decompressed bytes with `expected_sha1_hex` (any case), and only then rename into place.
    /// On any error nothing is left: no partial file, nothing under the final name.
    pub fn finish(mut self, expected_sha1_hex: &str) -> Result<Written, BillError> {
        if self.spent {
            return Err(spent());
        }
        let expected = parse_sha1_hex(expected_sha1_hex)?;
        if let Pipe::Gzip(d) = &mut self.pipe {
            // A stream cut short has no complete trailer: this is where truncation shows.
            if let Err(e) = d.try_finish() {
                return Err(self.classify(e));
            }
        }
        let BillSink {
            pipe, raw, target, ..
        } = self;
        let inspect = match pipe {
            Pipe::Plain(i) => i,
            // Cannot fail after a successful try_finish, but classify it all the same.
            Pipe::Gzip(d) => d.finish().map_err(|source| BillError::Write {
                target: target.clone(),
                source,
            })?,
        };
        let Tally {
            mut out,
            sha1,
            bytes,
            rows,
        } = inspect.finish().map_err(|source| BillError::Write {
            target: target.clone(),
            source,
        })?;
        out.seal()?;
        let mut raw = raw;
        if let Some(raw) = &mut raw {
            raw.seal()?;
        }
        let computed = hex(&sha1.finalize());
        if computed != expected {
            // Dropping `out` and `raw` removes the partial files.
            return Err(BillError::HashMismatch {
                expected,
                computed,
                bytes,
            });
        }
        // The bill first, without replacing (unless `--force`): it decides. Its gzip copy follows
        // only a bill that landed, and replaces an older copy of the same name.
        let path = match out.commit()? {
            Commit::Placed(path) => path,
            Commit::Taken(path) => {
                // Another file took the name meanwhile (issue 11). The same bill is as good as
                // ours; anything else is left alone and reported. Dropping `raw` removes its part.
                drop(raw);
                let there = inspect_file(&path)?;
                if there.sha1 != expected {
                    return Err(BillError::Exists {
                        path,
                        found: there.sha1,
                        expected,
                    });
                }
                return Ok(Written {
                    bytes: there.bytes,
                    rows: there.rows,
                    sha1: there.sha1,
                    path: Some(path),
                    gzip_path: None,
                    already_there: true,
                });
            }
        };
        let gzip_path = match raw.map(|r| r.replacing().commit()) {
            None => None,
            Some(Ok(Commit::Placed(g))) => g,
            Some(Ok(Commit::Taken(_))) => unreachable!("a replacing part file always lands"),
            Some(Err(e)) => {
                // Both or neither: the bill was placed by this call, so it is ours to take back.
                if let Some(p) = &path {
                    let _ = fs::remove_file(p);
                }
                return Err(e);
            }
        };
        Ok(Written {
            bytes,
            rows: rows.rows(),
            sha1: computed,
            path,
            gzip_path,
            already_there: false,
        })
    }

    /// Give up: remove the partial files. (Dropping the sink does the same.)
    pub fn abort(self) {}
}

fn spent() -> BillError {
    BillError::Write {
        target: "the bill".into(),
        source: io::Error::other("an earlier chunk failed; the download must start again"),
    }
}

/// `path` with `.gz` appended (`tradebill_2024-05-01_ALL.csv.gz`).
pub fn gzip_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(".gz");
    PathBuf::from(s)
}

/// Lower-case the expected hash after checking that it is 40 hex digits.
pub fn parse_sha1_hex(s: &str) -> Result<String, BillError> {
    if s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(s.to_ascii_lowercase())
    } else {
        Err(BillError::InvalidHash {
            value: s.to_string(),
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What [`inspect_file`] found: the figures a download reports, for a bill already on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspected {
    pub bytes: u64,
    /// Detail records, counted as a download counts them.
    pub rows: u64,
    /// Lower-case hex.
    pub sha1: String,
}

/// Size, detail rows and SHA-1 of a (plain) bill file, read in fixed-size blocks: for "the
/// existing file already has WeChat Pay's hash → up to date" (cli.md `bill download`), whose result
/// row reports the same `bytes` and `rows` a download would.
pub fn inspect_file(path: impl AsRef<Path>) -> Result<Inspected, BillError> {
    let path = path.as_ref();
    // Checked before opening: opening a FIFO blocks, and a device may never end.
    let meta = std::fs::metadata(path).map_err(|source| BillError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(BillError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let mut file = File::open(path).map_err(|source| BillError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    // The same tally a download keeps, writing nowhere.
    let mut tally = Tally::new(io::sink());
    let mut buf = vec![0u8; BUF];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => tally
                .take(&buf[..n])
                .map_err(|source| BillError::Read { source })?,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(source) => return Err(BillError::Read { source }),
        }
    }
    Ok(Inspected {
        bytes: tally.bytes,
        rows: tally.rows.rows(),
        sha1: hex(&tally.sha1.finalize()),
    })
}

/// The SHA-1 of a file's bytes, lower-case hex, read in fixed-size blocks.
pub fn sha1_of_file(path: impl AsRef<Path>) -> Result<String, BillError> {
    inspect_file(path).map(|i| i.sha1)
}

/// Tests reach the part file's writer to shrink its write-back step or make it fail.
#[cfg(test)]
impl BillSink<PartFile> {
    fn write_behind(&mut self) -> &mut WriteBehind {
        let inspect = match &mut self.pipe {
            Pipe::Plain(i) => i,
            Pipe::Gzip(d) => d.get_mut(),
        };
        let Stage::Inline(t) = &mut inspect.stage else {
            panic!("the writer is reachable only before pipelined()")
        };
        t.out
            .file
            .as_mut()
            .expect("the part file is open")
            .get_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count_split(text: &[u8], at: &[usize]) -> u64 {
        let mut c = RowCounter::default();
        let mut start = 0;
        for &i in at {
            c.feed(&text[start..i]);
            start = i;
        }
        c.feed(&text[start..]);
        c.rows()
    }

    #[test]
    fn rows_across_any_split() {
        let text = "\u{feff}h1,h2\r\n`a,`b\r\n\r\n`c,`d\r\n总交易单数,x\r\n`2,`0.00\r\n".as_bytes();
        for i in 0..=text.len() {
            assert_eq!(count_split(text, &[i]), 2, "split at {i}");
            for j in i..=text.len() {
                assert_eq!(count_split(text, &[i, j]), 2, "split at {i},{j}");
            }
        }
        let one_by_one: Vec<usize> = (1..text.len()).collect();
        assert_eq!(count_split(text, &one_by_one), 2);
        // LF endings count the same.
        assert_eq!(count_split(b"h\n`a\n`b\n`c\nsum\n`3\n", &[]), 3);
        // A header alone: no rows.
        assert_eq!(count_split(b"h\r\n", &[]), 0);
    }

    #[test]
    fn expected_hash_shape() {
        assert_eq!(
            parse_sha1_hex("DCD7CEB3D382A1181798368BB15D8437DE46C00F").unwrap(),
            "dcd7ceb3d382a1181798368bb15d8437de46c00f"
        );
        assert!(parse_sha1_hex("dcd7").is_err());
        assert!(parse_sha1_hex("zcd7ceb3d382a1181798368bb15d8437de46c00f").is_err());
    }

    use crate::bill::writeback::tests::noise;

    fn sha1_hex(bytes: &[u8]) -> String {
        hex(&Sha1::digest(bytes))
    }

    /// A multi-MiB bill crossing many write-back steps (64 KiB here, 8 MiB in use), through the
    /// pipelined writer as `bill download` uses it: it lands byte for byte.
    #[test]
    fn write_behind_lands_every_byte_across_many_steps() {
        let body = noise(3 * 1024 * 1024 + 12_345);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bill.csv");
        let mut sink = BillSink::create(&path, Encoding::Plain, false).unwrap();
        sink.write_behind().set_step(64 * 1024);
        let mut sink = sink.pipelined().unwrap();
        for chunk in body.chunks(100_003) {
            sink.write_chunk(chunk).unwrap();
        }
        let written = sink.finish(&sha1_hex(&body)).unwrap();
        assert_eq!(written.bytes, body.len() as u64);
        assert!(fs::read(&path).unwrap() == body, "the file differs");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the bill is left");
    }

    /// Both threads write (issue 16 item 1): the decompressing thread every other batch at its
    /// offset, the tally the rest, while write-back runs every 64 KiB. A multi-MiB bill, plain and
    /// gzip, lands byte for byte, and only the bill is left. (That the decompressing thread does
    /// write here is shown by `shared_write_errors_name_the_path`, whose only failing writes are
    /// its own.)
    #[test]
    fn shared_writes_land_every_byte() {
        use crate::bill::writeback::SharedTest;
        let body = noise(3 * 1024 * 1024 + 12_345);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&body).unwrap();
        let gz = gz.finish().unwrap();
        for (encoding, bytes) in [(Encoding::Plain, &body), (Encoding::Gzip, &gz)] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("bill.csv");
            let mut sink = BillSink::create(&path, encoding, false).unwrap();
            sink.write_behind().set_step(64 * 1024);
            sink.write_behind().test_shared(SharedTest {
                alternate: true,
                fail_with: None,
            });
            let mut sink = sink.pipelined().unwrap();
            for chunk in bytes.chunks(100_003) {
                sink.write_chunk(chunk).unwrap();
            }
            let written = sink.finish(&sha1_hex(&body)).unwrap();
            assert_eq!(written.bytes, body.len() as u64, "{encoding:?}");
            assert_eq!(written.path.as_deref(), Some(path.as_path()));
            assert!(
                fs::read(&path).unwrap() == body,
                "{encoding:?}: the file differs"
            );
            let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
            assert_eq!(names.len(), 1, "{encoding:?}: only the bill is left");
        }
    }

    /// A failed write on either thread — the tally's own, or the decompressing thread's share —
    /// is a write error naming the bill's path, and leaves nothing: no part file, no final file.
    #[cfg(unix)]
    #[test]
    fn shared_write_errors_name_the_path() {
        use crate::bill::writeback::SharedTest;
        let body = noise(1024 * 1024);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bill.csv");
        for (thread, errno) in [("tally", libc::EIO), ("decompressing", libc::ENOSPC)] {
            let mut sink = BillSink::create(&path, Encoding::Plain, false).unwrap();
            let w = sink.write_behind();
            w.set_step(64 * 1024);
            if thread == "tally" {
                w.fail_write_with(errno);
                w.test_shared(SharedTest {
                    alternate: true,
                    fail_with: None,
                });
            } else {
                w.test_shared(SharedTest {
                    alternate: true,
                    fail_with: Some(errno),
                });
            }
            let err = first_error(sink.pipelined().unwrap(), &body);
            let BillError::Write { target, source } = &err else {
                panic!("{thread}: not a write error: {err:?}")
            };
            assert_eq!(target, &path.display().to_string(), "{thread}");
            assert_eq!(source.raw_os_error(), Some(errno), "{thread}: {source}");
            assert!(err.to_string().contains(&*path.display().to_string()));
            assert_eq!(
                fs::read_dir(dir.path()).unwrap().count(),
                0,
                "{thread}: nothing left"
            );
        }
    }

    /// An I/O error of the write-back is a write error naming the bill's path, and nothing is
    /// left behind; a filesystem that does not do `sync_file_range` (EINVAL) only loses the
    /// early write-back.
    #[cfg(target_os = "linux")]
    #[test]
    fn write_behind_errors_name_the_path_or_fall_back() {
        let body = noise(1024 * 1024);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bill.csv");
        for pipelined in [false, true] {
            let mut sink = BillSink::create(&path, Encoding::Plain, false).unwrap();
            sink.write_behind().set_step(64 * 1024);
            sink.write_behind().fail_sync_with(libc::EIO);
            if pipelined {
                sink = sink.pipelined().unwrap();
            }
            let err = first_error(sink, &body);
            let BillError::Write { target, source } = &err else {
                panic!("not a write error: {err:?}")
            };
            assert_eq!(target, &path.display().to_string());
            assert_eq!(source.raw_os_error(), Some(libc::EIO), "{source}");
            assert!(err.to_string().contains(&*path.display().to_string()));
            assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "nothing left");
        }
        for errno in [libc::EINVAL, libc::ENOSYS, libc::EOPNOTSUPP] {
            let mut sink = BillSink::create(&path, Encoding::Plain, false).unwrap();
            sink.write_behind().set_step(64 * 1024);
            sink.write_behind().fail_sync_with(errno);
            let mut sink = sink.pipelined().unwrap();
            for chunk in body.chunks(65_536) {
                sink.write_chunk(chunk).unwrap();
            }
            sink.finish(&sha1_hex(&body)).unwrap();
            assert!(fs::read(&path).unwrap() == body, "errno {errno}");
            fs::remove_file(&path).unwrap();
        }
    }

    /// Feed `body` in 64 KiB chunks until a write fails, else finish: the error that ended it (the
    /// sink dropped first, so a part file is gone by then).
    fn first_error(mut sink: BillSink<PartFile>, body: &[u8]) -> BillError {
        for chunk in body.chunks(65_536) {
            if let Err(e) = sink.write_chunk(chunk) {
                drop(sink);
                return e;
            }
        }
        sink.finish(&sha1_hex(body)).unwrap_err()
    }
}
