//! What can go wrong with a bill, typed; `crate::error::report` turns each into an exit code.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Where the bytes came from. The same corrupt gzip stream is a failed transfer (exit 5) when it
/// arrives from WeChat Pay, and a bad file (exit 6) when it is read from disk: the caller says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Bytes of a download in progress (`bill download`).
    Download,
    /// A file or stream the user handed us (`bill parse FILE`).
    File,
}

/// One total that does not match its records (the `--check` of apiv3.md §9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The summary column and its key, e.g. `应结订单总金额 (settlement_total_fen)`.
    pub field: String,
    /// What the summary line says, as the bill prints it.
    pub expected: String,
    /// What the records add up to, in the same notation.
    pub computed: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the summary says {}, the records add up to {}",
            self.field, self.expected, self.computed
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BillError {
    /// The input file could not be opened.
    #[error("cannot open {path}")]
    Open {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The partial file of a download could not be created.
    #[error("cannot create {path}")]
    Create {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Writing, syncing or renaming the output failed.
    #[error("cannot write {target}")]
    Write {
        target: String,
        #[source]
        source: io::Error,
    },
    /// Reading the input failed (other than a corrupt gzip stream).
    #[error("cannot read the bill")]
    Read {
        #[source]
        source: io::Error,
    },
    /// The gzip stream is corrupt, or ends before its trailer.
    #[error("the gzip stream is corrupt or truncated")]
    Gzip {
        origin: Origin,
        #[source]
        source: io::Error,
    },
    /// The SHA-1 over the decompressed bytes is not WeChat Pay's `hash_value` (apiv3.md §8.3).
    #[error(
        "bill SHA-1 mismatch: expected {expected}, computed {computed} over {bytes} decompressed bytes"
    )]
    HashMismatch {
        expected: String,
        computed: String,
        bytes: u64,
    },
    /// A different file appeared under the final name while the bill was written; it was left
    /// alone and the verified bill discarded (issue 11). Without `--force` nothing is replaced.
    #[error(
        "{} appeared while the bill was downloading and differs from it (its SHA-1 is {found}, the bill's is {expected}); it was left alone",
        path.display()
    )]
    Exists {
        path: PathBuf,
        found: String,
        expected: String,
    },
    /// The bill's path names a device, FIFO or socket: a bill is a regular file, and reading
    /// `/dev/zero` or `/dev/full` to compare it would never end (issue 11).
    #[error(
        "{} is not a regular file (a device, FIFO or socket); a bill is written to a regular file",
        path.display()
    )]
    NotAFile { path: PathBuf },
    /// An expected hash that is not 40 hex digits.
    #[error("{value:?} is not a SHA-1 hash (40 hex digits)")]
    InvalidHash { value: String },
    /// `--keep-gzip` for a transfer that is not gzip.
    #[error("there is no gzip stream to keep: the bill is transferred uncompressed")]
    KeepGzipWithoutGzip,
    /// The first line is not the header of a bill this tool knows.
    #[error("not a WeChat Pay bill: {reason}")]
    NotABill { reason: String },
    /// A line that does not follow the bill format (§9).
    #[error("line {line}{}: {message}", column.as_ref().map(|c| format!(", column {c}")).unwrap_or_default())]
    Malformed {
        line: u64,
        column: Option<String>,
        message: String,
    },
    /// The records do not add up to the summary line.
    #[error("the records do not add up to the summary line: {}", join(mismatches))]
    Check { mismatches: Vec<Mismatch> },
}

fn join(m: &[Mismatch]) -> String {
    m.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl BillError {
    pub(crate) fn malformed(line: u64, message: impl Into<String>) -> Self {
        BillError::Malformed {
            line,
            column: None,
            message: message.into(),
        }
    }

    /// A line the user can act on, where there is one.
    pub fn hint(&self) -> Option<String> {
        match self {
            BillError::NotABill { .. } => Some(
                "pass a trade bill (first line 交易时间,…) or a fund-flow bill (first line 记账时间,…), \
                 plain or gzip, as WeChat Pay serves it"
                    .into(),
            ),
            BillError::HashMismatch { .. } => Some(
                "the transfer was damaged or the bill changed since it was applied for; download it again"
                    .into(),
            ),
            BillError::Gzip {
                origin: Origin::Download,
                ..
            } => Some("the transfer was cut short; download the bill again".into()),
            // The output cannot be written (exit 2, `crate::error::output_problem`).
            BillError::Create { source, .. } | BillError::Write { source, .. } => {
                match source.kind() {
                    io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => Some(
                        "free space on that file system, or choose another --dir / --out"
                            .into(),
                    ),
                    io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied => Some(
                        "choose a folder this user can write with --dir / --out".into(),
                    ),
                    _ => None,
                }
            }
            BillError::Exists { .. } => {
                Some("pass --force to replace it, or choose another --dir/--out".into())
            }
            BillError::NotAFile { .. } => Some(
                "name a regular file with --out, or stream the bill with --out - (to a pipe or device)"
                    .into(),
            ),
            _ => None,
        }
    }
}
