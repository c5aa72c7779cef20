//! `-v` / `-vv` traces on stderr. Secrets are redacted here by construction: the Authorization
//! header is printed in its redacted form, response signatures are cut to a prefix, and URLs,
//! `Location` headers and bodies lose any download token and URL user-info (issue 11, item 15).
//! Everything that came from outside (headers, bodies, notes quoting a server) is escaped for the
//! terminal (issue 11, item 11).

use std::io::Write;

use super::redact::redact_text;
use crate::render::{escape, escape_lines};

/// Verbosity: 0 silent, 1 request/response lines and headers, 2 adds bodies.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tracer {
    pub level: u8,
}

/// At most this much of a body is shown at `-vv`.
const BODY_LIMIT: usize = 4096;

fn body_text(body: &[u8]) -> String {
    if body.is_empty() {
        return "(empty body)".into();
    }
    match std::str::from_utf8(body) {
        Ok(s) if s.len() <= BODY_LIMIT => escape(&redact_text(s)).into_owned(),
        Ok(s) => {
            let mut end = BODY_LIMIT;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            format!(
                "{}… ({} bytes in all)",
                escape(&redact_text(&s[..end])),
                body.len()
            )
        }
        Err(_) => format!("({} bytes of binary data)", body.len()),
    }
}

/// Header values that must not be printed whole.
fn redact_header(name: &str, value: &str) -> String {
    if name.eq_ignore_ascii_case("wechatpay-signature") {
        let keep: String = value.chars().take(8).collect();
        return format!("{keep}…(redacted)");
    }
    escape(&redact_text(value)).into_owned()
}

impl Tracer {
    pub fn new(level: u8) -> Self {
        Tracer { level }
    }

    pub fn enabled(&self) -> bool {
        self.level > 0
    }

    /// A request as sent; `auth_redacted` is the redacted Authorization header.
    pub fn request(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        auth_redacted: &str,
        body: &[u8],
    ) {
        if self.level == 0 {
            return;
        }
        let mut w = std::io::stderr().lock();
        let _ = writeln!(w, "> {method} {}", escape(&redact_text(url)));
        for (k, v) in headers {
            let _ = writeln!(w, "> {k}: {}", escape(v));
        }
        let _ = writeln!(w, "> Authorization: {auth_redacted}");
        if self.level >= 2 {
            let _ = writeln!(w, "> {}", body_text(body));
        }
    }

    /// A response as received.
    pub fn response(
        &self,
        status: u16,
        headers: &[(String, String)],
        body: Option<&[u8]>,
        millis: u128,
    ) {
        if self.level == 0 {
            return;
        }
        let mut w = std::io::stderr().lock();
        let _ = writeln!(w, "< HTTP {status} ({millis} ms)");
        for (k, v) in headers {
            let _ = writeln!(w, "< {}: {}", escape(k), redact_header(k, v));
        }
        if self.level >= 2
            && let Some(b) = body
        {
            let _ = writeln!(w, "< {}", body_text(b));
        }
    }

    pub fn note(&self, msg: &str) {
        if self.level > 0 {
            // Notes carry outside text (a server's reason, a URL it named): escaped, line breaks kept.
            eprintln!("* {}", escape_lines(&redact_text(msg)));
        }
    }
}
