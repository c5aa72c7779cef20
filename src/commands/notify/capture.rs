//! Captured notification deliveries (issue 15, item 6): `notify listen --save-raw DIR` writes each
//! delivery in the `--raw` format `notify decrypt --raw` reads
//! ([`parse_raw_request`](crate::api::notification::parse_raw_request)): request line, headers,
//! blank line, body. `notify replay` reads one back.
//!
//! The body is saved byte for byte as received (the signature covers exactly it). The head is
//! rebuilt from what the HTTP server parsed: header names come lowercase (HTTP/1.1 names are
//! case-insensitive, and `--raw` reads any case), and a chunked body is saved de-chunked with its
//! `Content-Length` instead of its `Transfer-Encoding`, which is what was signed.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

/// Headers not written to a capture: how the body travelled, not what was signed.
const FRAMING: [&str; 2] = ["content-length", "transfer-encoding"];

/// The capture of one request: `METHOD TARGET HTTP/1.1`, the headers, `Content-Length`, a blank
/// line, then the body exactly.
pub fn raw_request(
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Vec<u8> {
    let mut out = format!("{method} {target} HTTP/1.1\r\n").into_bytes();
    for (k, v) in headers {
        if FRAMING.iter().any(|f| k.eq_ignore_ascii_case(f)) {
            continue;
        }
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
    out
}

/// The notification id of a body, for the file name: the envelope's `id`, kept to the characters
/// a file name can hold everywhere; `unknown` when the body has none (it is saved all the same).
pub fn id_of(body: &[u8]) -> String {
    let id = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("id").and_then(|i| i.as_str()).map(str::to_string))
        .unwrap_or_default();
    let safe: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect();
    if safe.is_empty() {
        "unknown".into()
    } else {
        safe
    }
}

/// `20261201T061500.123Z`: UTC, sortable, no characters a file system refuses.
fn stamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// Write `bytes` as `<time>-<id>.http` in `dir`, mode 0600, atomically (a temp file in `dir`,
/// fsynced, then linked under its name without replacing anything: two deliveries of one id in
/// one millisecond get `-2`, `-3`, …). Returns the path written.
pub fn save(dir: &Path, id: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let base = format!("{}-{id}", stamp(OffsetDateTime::now_utc()));
    let mut tmp = tempfile::Builder::new()
        .prefix(".capture.")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{base}.http")
        } else {
            format!("{base}-{n}.http")
        };
        let path = dir.join(name);
        match tmp.persist_noclobber(&path) {
            Ok(_) => {
                if let Ok(d) = std::fs::File::open(dir) {
                    let _ = d.sync_all();
                }
                return Ok(path);
            }
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists && n < 1000 => {
                tmp = e.file;
                n += 1;
            }
            Err(e) => return Err(e.error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::notification::parse_raw_request;

    #[test]
    fn a_capture_reads_back_as_the_same_headers_and_body() {
        let body = br#"{"id":"EV-2018022511223320873","resource":{}}"#;
        let headers = vec![
            ("wechatpay-serial".to_string(), "PUB_KEY_ID_01".to_string()),
            ("transfer-encoding".to_string(), "chunked".to_string()),
            ("content-type".to_string(), "application/json".to_string()),
        ];
        let raw = raw_request("POST", "/notify?x=1", &headers, body);
        assert!(raw.starts_with(b"POST /notify?x=1 HTTP/1.1\r\n"));
        let (h, b) = parse_raw_request(&raw).unwrap();
        assert_eq!(b, body);
        assert!(
            h.iter()
                .any(|(k, v)| k == "wechatpay-serial" && v == "PUB_KEY_ID_01")
        );
        assert!(!h.iter().any(|(k, _)| k == "transfer-encoding"));
        assert_eq!(id_of(body), "EV-2018022511223320873");
        assert_eq!(id_of(br#"{"id":"../../etc/passwd"}"#), "etcpasswd");
        assert_eq!(id_of(b"not json"), "unknown");
    }

    #[test]
    fn two_captures_of_one_id_in_one_instant_both_stay() {
        let dir = tempfile::tempdir().unwrap();
        let a = save(dir.path(), "EV-1", b"one").unwrap();
        let b = save(dir.path(), "EV-1", b"two").unwrap();
        assert_ne!(a, b);
        assert_eq!(std::fs::read(&a).unwrap(), b"one");
        assert_eq!(std::fs::read(&b).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&a).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "no temp file left behind");
    }
}
