//! Bounded reads of every file and stdin the tool takes in (issue 11): a config, a key, a request
//! body, a notification. Each has a documented cap (README › Limits); past it the read stops at
//! once, so `/dev/zero` or a runaway pipe cannot grow the process without bound. Knows no exit
//! codes: callers turn an [`InputError`] into theirs (3 for config and keys, 2 for a body).

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// One mebibyte: the cap of a config file, a key file, a request body and a notification.
pub const MIB: u64 = 1024 * 1024;
/// A config file (cli.md §1).
pub const CONFIG_CAP: u64 = MIB;
/// A private key, certificate, public key or APIv3 key file.
pub const KEY_CAP: u64 = MIB;
/// A request body (`prepay --body`).
pub const BODY_CAP: u64 = MIB;
/// A notification body, its headers or a raw HTTP request (`notify decrypt`).
pub const NOTIFICATION_CAP: u64 = MIB;

/// Which files a read accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Anything that can be read: a file, a pipe, process substitution (`<(…)`), a device.
    Any,
    /// A regular file or a named pipe. Key material never comes from a device or a socket: a
    /// `private_key_file = "/dev/zero"` is a mistake to report, not to read.
    FileOrPipe,
}

/// Why a bounded read failed.
#[derive(Debug)]
pub enum InputError {
    /// Opening or reading failed (not found, permission denied, a folder, …).
    Io(io::Error),
    /// More than `cap` bytes.
    TooLarge { cap: u64 },
    /// Not a regular file or a pipe (only with [`Accept::FileOrPipe`]); `kind` says what it is.
    NotAFile { kind: &'static str },
}

impl InputError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, InputError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(e) => write!(f, "{e}"),
            InputError::TooLarge { cap } => {
                write!(f, "it is larger than {}, the limit", show_cap(*cap))
            }
            InputError::NotAFile { kind } => write!(f, "it is {kind}, not a regular file"),
        }
    }
}

impl std::error::Error for InputError {}

/// `1 MiB`, `64 KiB`, or bytes.
pub fn show_cap(cap: u64) -> String {
    if cap >= MIB && cap.is_multiple_of(MIB) {
        format!("{} MiB", cap / MIB)
    } else if cap >= 1024 && cap.is_multiple_of(1024) {
        format!("{} KiB", cap / 1024)
    } else {
        format!("{cap} bytes")
    }
}

/// Read at most `cap` bytes from `r`; one byte more is an error. `take(cap + 1)` stops an endless
/// source at once, and the buffer never grows past the cap.
pub fn read_capped(r: impl Read, cap: u64) -> Result<Vec<u8>, InputError> {
    let mut buf = Vec::new();
    r.take(cap.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(InputError::Io)?;
    if buf.len() as u64 > cap {
        return Err(InputError::TooLarge { cap });
    }
    Ok(buf)
}

/// Read the file at `path`, at most `cap` bytes.
pub fn read_file(path: &Path, cap: u64, accept: Accept) -> Result<Vec<u8>, InputError> {
    let file = File::open(path).map_err(InputError::Io)?;
    // Checked on the open file, not the name: what is read is what was checked.
    let meta = file.metadata().map_err(InputError::Io)?;
    if meta.is_dir() {
        return Err(InputError::Io(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder",
        )));
    }
    if accept == Accept::FileOrPipe && !meta.is_file() {
        let kind = file_kind(&meta);
        if kind != "a named pipe" {
            return Err(InputError::NotAFile { kind });
        }
    }
    // A regular file's size is known: refuse a large one before reading a byte of it.
    if meta.is_file() && meta.len() > cap {
        return Err(InputError::TooLarge { cap });
    }
    read_capped(file, cap)
}

/// Read stdin, at most `cap` bytes.
pub fn read_stdin(cap: u64) -> Result<Vec<u8>, InputError> {
    read_capped(io::stdin().lock(), cap)
}

/// Read `path`, or stdin when it is `-` (the usual convention of `--body FILE|-`).
pub fn read_path_or_stdin(path: &Path, cap: u64) -> Result<Vec<u8>, InputError> {
    if path.as_os_str() == "-" {
        read_stdin(cap)
    } else {
        read_file(path, cap, Accept::Any)
    }
}

#[cfg(unix)]
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn file_kind(_meta: &std::fs::Metadata) -> &'static str {
    "not a regular file"
}

/// The message of a failed read of `what` at `path`, naming both and, past the cap, the cap:
/// `config file /x/y: it is larger than 1 MiB, the limit`.
pub fn describe(what: &str, path: &Path, e: &InputError) -> String {
    let shown = if path.as_os_str() == "-" {
        "(stdin)".to_string()
    } else {
        path.display().to_string()
    };
    match e {
        InputError::TooLarge { cap } => format!(
            "{what} {shown} is larger than {}, the limit for a {what}",
            show_cap(*cap)
        ),
        InputError::NotAFile { kind } => format!("{what} {shown} is {kind}, not a regular file"),
        InputError::Io(err) => format!("cannot read {what} {shown}: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_source_stops_one_byte_past_the_cap() {
        let err = read_capped(io::repeat(0), 1000).unwrap_err();
        assert!(matches!(err, InputError::TooLarge { cap: 1000 }), "{err:?}");
        assert_eq!(read_capped(&[1u8; 1000][..], 1000).unwrap().len(), 1000);
    }

    #[test]
    fn caps_are_shown_in_units() {
        assert_eq!(show_cap(MIB), "1 MiB");
        assert_eq!(show_cap(64 * 1024), "64 KiB");
        assert_eq!(show_cap(10), "10 bytes");
    }
}
