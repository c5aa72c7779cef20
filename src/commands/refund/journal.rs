//! The local refund journal (cli.md "refund"): one JSON line per refund this tool sent, so that
//! `refund list` and `create` find refunds whose numbers are not the deterministic
//! `R<out_trade_no>-<n>` (APIv3 cannot list an order's refunds, apiv3.md §14.3).
//!
//! `refunds.jsonl` in `$WXCOMBINE_DATA_DIR`, else `<dirs::data_dir()>/wxcombine/`. Created 0600 in
//! a 0700 folder; every line is appended with `O_APPEND` in one write and fsynced before the
//! refund is sent, so a crash after sending never loses the number. It holds no secret.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Failure;
use crate::money::Fen;

/// The variable that moves the journal (tests, or a shared folder on a server).
pub const ENV_DATA_DIR: &str = "WXCOMBINE_DATA_DIR";
pub const FILE_NAME: &str = "refunds.jsonl";

/// One line: a refund about to be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// RFC 3339, UTC.
    pub time: String,
    pub profile: String,
    pub mchid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    pub combine_out_trade_no: String,
    pub out_trade_no: String,
    pub out_refund_no: String,
    pub amount: Fen,
}

/// Where the journal lives: `data_dir` (the variable's value) or the platform's data folder.
pub fn path(data_dir: Option<&str>) -> Result<PathBuf, Failure> {
    let dir = match data_dir.filter(|d| !d.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => dirs::data_dir()
            .ok_or_else(|| {
                Failure::config("no data folder for the refund journal on this system")
                    .hint(format!("set ${ENV_DATA_DIR} to a folder"))
            })?
            .join("wxcombine"),
    };
    Ok(dir.join(FILE_NAME))
}

/// The journal at its configured place.
pub fn default_path() -> Result<PathBuf, Failure> {
    path(std::env::var(ENV_DATA_DIR).ok().as_deref())
}

/// Append one entry: one `write` of the whole line to a file opened with `O_APPEND` (so lines of
/// two processes never interleave), then `fsync`.
pub fn append(file: &Path, entry: &Entry) -> Result<(), Failure> {
    let shown = file.display();
    let io = |what: &str, e: std::io::Error| {
        Failure::config(format!("refund journal {shown}: {what}: {e}")).hint(format!(
            "nothing was sent; set ${ENV_DATA_DIR} to a writable folder"
        ))
    };
    if let Some(dir) = file.parent() {
        create_private_dir(dir).map_err(|e| io("cannot create its folder", e))?;
    }
    let mut opts = OpenOptions::new();
    opts.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(file).map_err(|e| io("cannot open it", e))?;
    let mut line = serde_json::to_vec(entry).expect("an entry serialises");
    line.push(b'\n');
    f.write_all(&line).map_err(|e| io("cannot write it", e))?;
    f.sync_all().map_err(|e| io("cannot sync it", e))?;
    Ok(())
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Every entry; none when the file does not exist yet. A line that is not an entry is an error
/// naming the file and the line: the journal is how refunds are found, so it is never skipped.
pub fn read(file: &Path) -> Result<Vec<Entry>, Failure> {
    let shown = file.display();
    let f = match File::open(file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Failure::config(format!("refund journal {shown}: {e}"))),
    };
    let mut out = Vec::new();
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let line = line
            .map_err(|e| Failure::config(format!("refund journal {shown}: line {}: {e}", i + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let entry: Entry = serde_json::from_str(&line).map_err(|e| {
            Failure::config(format!(
                "refund journal {shown}: line {} is not a journal entry: {e}",
                i + 1
            ))
            .hint("repair or remove that line (each line is one JSON object); refunds are looked up by the numbers it holds")
        })?;
        out.push(entry);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(no: &str) -> Entry {
        Entry {
            time: "2026-04-01T02:00:00Z".into(),
            profile: "shop".into(),
            mchid: "1900000109".into(),
            sub_mchid: None,
            combine_out_trade_no: "C1".into(),
            out_trade_no: "S1".into(),
            out_refund_no: no.into(),
            amount: Fen(50),
        }
    }

    #[test]
    fn appends_and_reads_back_one_line_each() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(Some(dir.path().join("deep/er").to_str().unwrap())).unwrap();
        assert_eq!(read(&file).unwrap(), vec![]);
        append(&file, &entry("R1")).unwrap();
        append(&file, &entry("R2")).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(text.ends_with('\n'));
        assert_eq!(read(&file).unwrap(), vec![entry("R1"), entry("R2")]);
    }

    #[cfg(unix)]
    #[test]
    fn file_is_0600_and_folder_0700() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("j").join(FILE_NAME);
        append(&file, &entry("R1")).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(file.parent().unwrap()), 0o700);
    }

    #[test]
    fn a_corrupted_line_is_named_with_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        append(&file, &entry("R1")).unwrap();
        let mut f = OpenOptions::new().append(true).open(&file).unwrap();
        f.write_all(b"\n{\"time\":\"x\"\n").unwrap();
        let e = read(&file).unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Config);
        assert!(
            e.message.contains(&file.display().to_string()),
            "{}",
            e.message
        );
        assert!(e.message.contains("line 3"), "{}", e.message);
    }

    #[test]
    fn the_variable_moves_it() {
        assert_eq!(
            path(Some("/srv/wx")).unwrap(),
            PathBuf::from("/srv/wx/refunds.jsonl")
        );
        // Empty means unset.
        assert!(path(Some("")).unwrap().ends_with("wxcombine/refunds.jsonl"));
    }
}
