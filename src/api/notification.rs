//! Opening a payment notification (apiv3.md §7): read the captured headers and body, verify the
//! signature over the raw body, check the age, parse the envelope, decrypt the resource.
//!
//! Pure: the clock is a parameter. The readers here take outside bytes (log excerpts, `curl -v`
//! output, raw HTTP captures), so they never panic and name what they could not read.

use crate::signing::verify::{
    SignedHeaders, Verifier, VerifyError, check_timestamp, parse_timestamp,
};
use crate::signing::{ApiV3Key, DecryptError};

use super::types::NotificationEnvelope;

/// Why a notification was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotifyError {
    #[error("signature check failed: {0}")]
    Verify(#[from] VerifyError),
    #[error("the notification is {age} s old, older than --max-age {max_age} s (a replay?)")]
    TooOld { age: i64, max_age: u64 },
    #[error(
        "Wechatpay-Timestamp {timestamp} is {ahead} s in the future (limit 300 s): check this machine's clock"
    )]
    Future { timestamp: i64, ahead: i64 },
    #[error(
        "--max-age needs Wechatpay-Timestamp, which is missing (the age cannot be checked, and is not skipped silently)"
    )]
    NoTimestamp,
    #[error("the body is not a notification envelope: {0}")]
    NotEnvelope(String),
    #[error("decrypting the resource failed: {0}")]
    Decrypt(DecryptError),
    #[error("the decrypted resource is not JSON: {0}")]
    PlaintextNotJson(String),
    /// A `REFUND.*` event whose resource is not a refund result (apiv3.md §14.4).
    #[error("{event} is a refund notification, but {why}")]
    NotARefund { event: String, why: String },
}

/// An opened notification.
#[derive(Debug, Clone)]
pub struct Opened {
    pub envelope: NotificationEnvelope,
    /// The decrypted resource, byte for byte.
    pub plaintext: Vec<u8>,
    /// `Some(kind)` when the signature was verified.
    pub verified_by: Option<crate::signing::verify::KeyKind>,
    /// Seconds since `Wechatpay-Timestamp`, when known.
    pub age: Option<i64>,
}

/// How strictly to open.
#[derive(Debug, Clone, Copy)]
pub struct OpenRules {
    pub verify: bool,
    /// Refuse notifications older than this; `None` = no limit.
    pub max_age: Option<u64>,
    pub now: i64,
}

/// Verify (unless told not to), check the age, parse and decrypt (§2, §4, §7).
pub fn open(
    headers: &SignedHeaders,
    body: &[u8],
    verifier: Option<&Verifier>,
    key: &ApiV3Key,
    rules: OpenRules,
) -> Result<Opened, NotifyError> {
    let verified_by = match (rules.verify, verifier) {
        (true, Some(v)) => {
            let kind = v.verify_signature(headers, body)?;
            v.check_validity(&headers.serial, rules.now)?;
            Some(kind)
        }
        _ => None,
    };
    // The age: `--max-age` is never waived silently.
    let age = if headers.timestamp.is_empty() {
        if rules.max_age.is_some() {
            return Err(NotifyError::NoTimestamp);
        }
        None
    } else {
        let ts = parse_timestamp(&headers.timestamp)?;
        let age = rules.now - ts;
        if -age >= crate::signing::verify::MAX_SKEW_SECS as i64 {
            return Err(NotifyError::Future {
                timestamp: ts,
                ahead: -age,
            });
        }
        if let Some(max) = rules.max_age
            && age > max as i64
        {
            return Err(NotifyError::TooOld { age, max_age: max });
        }
        Some(age)
    };
    let envelope: NotificationEnvelope =
        serde_json::from_slice(body).map_err(|e| NotifyError::NotEnvelope(e.to_string()))?;
    let r = &envelope.resource;
    if r.algorithm != "AEAD_AES_256_GCM" {
        return Err(NotifyError::Decrypt(DecryptError::Algorithm(
            r.algorithm.clone(),
        )));
    }
    let plaintext = key
        .decrypt(&r.nonce, &r.associated_data, &r.ciphertext)
        .map_err(NotifyError::Decrypt)?;
    serde_json::from_slice::<serde_json::Value>(&plaintext)
        .map_err(|e| NotifyError::PlaintextNotJson(e.to_string()))?;
    check_refund(&envelope, &plaintext)?;
    Ok(Opened {
        envelope,
        plaintext,
        verified_by,
        age,
    })
}

/// A `REFUND.SUCCESS|ABNORMAL|CLOSED` notification (§14.4) carries a refund: resource labelled
/// `refund` (associated_data, and original_type where given) and a plaintext that is a refund
/// result. Other events are not looked at here.
fn check_refund(envelope: &NotificationEnvelope, plaintext: &[u8]) -> Result<(), NotifyError> {
    use super::refund::{REFUND_ASSOCIATED_DATA, RefundNotice};
    if !envelope.event_type.starts_with("REFUND.") {
        return Ok(());
    }
    let bad = |why: String| NotifyError::NotARefund {
        event: envelope.event_type.clone(),
        why,
    };
    let r = &envelope.resource;
    if r.associated_data != REFUND_ASSOCIATED_DATA {
        return Err(bad(format!(
            "its associated_data is {:?}, not \"refund\"",
            r.associated_data
        )));
    }
    if let Some(t) = &r.original_type
        && t != REFUND_ASSOCIATED_DATA
    {
        return Err(bad(format!("its original_type is {t:?}, not \"refund\"")));
    }
    serde_json::from_slice::<RefundNotice>(plaintext).map_err(|e| {
        bad(format!(
            "the decrypted resource is not a refund result: {e}"
        ))
    })?;
    Ok(())
}

/// The 300 s window check used by receivers (`notify listen`): same rule as API responses.
pub fn within_window(headers: &SignedHeaders, now: i64) -> Result<(), VerifyError> {
    check_timestamp(
        &headers.timestamp,
        now,
        crate::signing::verify::MAX_SKEW_SECS,
    )
    .map(|_| ())
}

/// Pick the four `Wechatpay-*` headers out of `Name: value` pairs (any case).
pub fn signed_headers(pairs: &[(String, String)]) -> SignedHeaders {
    let get = |n: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    SignedHeaders {
        timestamp: get("Wechatpay-Timestamp"),
        nonce: get("Wechatpay-Nonce"),
        signature: get("Wechatpay-Signature"),
        serial: get("Wechatpay-Serial"),
    }
}

/// Header lines as copied from a log or from `curl -v`: `Name: value`, any case, optionally
/// prefixed by `> ` / `< ` / `* `; a request or status line and anything without a colon is
/// skipped. Returns the pairs in order.
pub fn parse_header_lines(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let line = line
            .strip_prefix("> ")
            .or_else(|| line.strip_prefix("< "))
            .unwrap_or(line)
            .trim_start();
        if line.is_empty() || line.starts_with('*') {
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim();
        // Header names are tokens: skip request lines like "POST /notify HTTP/1.1" that hold a colon
        // in a URL, and JSON or other prose.
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            continue;
        }
        out.push((name.to_string(), value.trim().to_string()));
    }
    out
}

/// Header `(name, value)` pairs in the order they were read.
pub type HeaderPairs = Vec<(String, String)>;

/// Why a raw HTTP capture could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RawRequestError {
    #[error("no blank line separating the headers from the body")]
    NoBlankLine,
    #[error("the headers are not UTF-8")]
    HeadersNotUtf8,
    #[error("Content-Length {0:?} is not a number")]
    BadContentLength(String),
    #[error("the body is {have} bytes but Content-Length says {want}: the capture is truncated")]
    Truncated { have: usize, want: usize },
    #[error("the chunked body (Transfer-Encoding: chunked) is malformed or truncated: {0}")]
    BadChunk(&'static str),
}

/// A whole raw HTTP request as captured: request line, headers, blank line, body. The body is
/// taken byte for byte; with a `Content-Length`, exactly that many bytes (a trailing newline an
/// editor added is not part of it).
pub fn parse_raw_request(raw: &[u8]) -> Result<(HeaderPairs, Vec<u8>), RawRequestError> {
    let (head_end, body_start) = blank_line(raw).ok_or(RawRequestError::NoBlankLine)?;
    let head =
        std::str::from_utf8(&raw[..head_end]).map_err(|_| RawRequestError::HeadersNotUtf8)?;
    let headers = parse_header_lines(head);
    let rest = &raw[body_start..];
    // A proxy may capture the request as it travelled: the signature covers the de-chunked body.
    if headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("Transfer-Encoding") && v.to_ascii_lowercase().contains("chunked")
    }) {
        return Ok((headers, dechunk(rest)?));
    }
    let body = match headers
        .iter()
        .rev()
        .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
    {
        Some((_, v)) => {
            let want: usize = v
                .trim()
                .parse()
                .map_err(|_| RawRequestError::BadContentLength(v.clone()))?;
            if rest.len() < want {
                return Err(RawRequestError::Truncated {
                    have: rest.len(),
                    want,
                });
            }
            rest[..want].to_vec()
        }
        None => rest.to_vec(),
    };
    Ok((headers, body))
}

/// The payload of a `Transfer-Encoding: chunked` body: `SIZE[;ext]\r\n DATA \r\n` … `0\r\n`.
fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, RawRequestError> {
    let mut out = Vec::new();
    loop {
        let eol =
            find(rest, b"\n").ok_or(RawRequestError::BadChunk("a chunk size line has no end"))?;
        let line = std::str::from_utf8(&rest[..eol])
            .map_err(|_| RawRequestError::BadChunk("a chunk size is not text"))?;
        let size = line
            .trim_end_matches('\r')
            .split(';')
            .next()
            .unwrap_or("")
            .trim();
        let size = usize::from_str_radix(size, 16)
            .map_err(|_| RawRequestError::BadChunk("a chunk size is not hexadecimal"))?;
        rest = &rest[eol + 1..];
        if size == 0 {
            return Ok(out);
        }
        if rest.len() < size {
            return Err(RawRequestError::BadChunk(
                "a chunk is shorter than its size",
            ));
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .ok_or(RawRequestError::BadChunk(
                "a chunk does not end where its size says",
            ))?;
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The first blank line: where the head ends and where the body starts. A line ends in LF or
/// CRLF, so the blank line is the first `\n` followed by `\n` or `\r\n`. Taking the first of
/// either kind matters: an LF-only capture whose body holds `\r\n\r\n` must not be split there
/// (found by the `raw_request_returns_its_body_byte_for_byte` proptest, issue 7).
fn blank_line(raw: &[u8]) -> Option<(usize, usize)> {
    raw.iter().enumerate().find_map(|(i, &b)| {
        if b != b'\n' {
            return None;
        }
        match raw.get(i + 1..) {
            Some([b'\n', ..]) => Some((i, i + 2)),
            Some([b'\r', b'\n', ..]) => Some((i, i + 3)),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_from_logs_and_curl() {
        let text = "POST /notify HTTP/1.1\r\n> Wechatpay-Nonce: abc\r\n< wechatpay-timestamp:  1554209980 \r\n* Connected to x\r\nWECHATPAY-SERIAL: PUB_KEY_ID_1\n{\"json\": 1}\nnot a header\n";
        let h = signed_headers(&parse_header_lines(text));
        assert_eq!(h.nonce, "abc");
        assert_eq!(h.timestamp, "1554209980");
        assert_eq!(h.serial, "PUB_KEY_ID_1");
        assert_eq!(h.signature, "");
    }

    #[test]
    fn raw_request_body_is_byte_exact() {
        let raw =
            b"POST /notify HTTP/1.1\r\nContent-Length: 5\r\nWechatpay-Nonce: n\r\n\r\nhello\n";
        let (h, body) = parse_raw_request(raw).unwrap();
        assert_eq!(body, b"hello");
        assert_eq!(signed_headers(&h).nonce, "n");
        let (_, body) = parse_raw_request(b"POST / HTTP/1.1\nX: y\n\n{\"a\":1}\n").unwrap();
        assert_eq!(body, b"{\"a\":1}\n");
        assert_eq!(
            parse_raw_request(b"POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nshort"),
            Err(RawRequestError::Truncated { have: 5, want: 9 })
        );
        // An LF-only capture whose body holds a CRLF blank line is split at the first blank line.
        let (_, body) = parse_raw_request(b"POST / HTTP/1.1\nX: y\n\nbody\r\n\r\nmore").unwrap();
        assert_eq!(body, b"body\r\n\r\nmore");
        assert_eq!(
            parse_raw_request(b"no blank line"),
            Err(RawRequestError::NoBlankLine)
        );
    }

    #[test]
    fn chunked_captures_are_dechunked() {
        let raw = b"POST /n HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3;x=y\r\n:1}\r\n0\r\n\r\n";
        assert_eq!(parse_raw_request(raw).unwrap().1, b"{\"a\":1}");
        assert!(matches!(
            parse_raw_request(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n9\r\nshort"),
            Err(RawRequestError::BadChunk(_))
        ));
        assert!(matches!(
            parse_raw_request(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
            Err(RawRequestError::BadChunk(_))
        ));
    }
}
