//! Redaction of URLs and bodies before they are traced or put in a message (issue 11, item 15):
//! a bill download `token` (a one-time credential, apiv3.md §8.3) and the user-info of a URL
//! (`http://user:password@host`) never reach stderr.

const REDACTED: &str = "(redacted)";

/// Bytes that end a URL, or a query value, inside free text (JSON, a log line, a message).
fn ends_value(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '&' | '"' | '\'' | '\\' | '<' | '>' | '#' | ',' | '}' | ')'
        )
}

/// Bytes that end the authority of a URL.
fn ends_authority(c: char) -> bool {
    ends_value(c) || matches!(c, '/' | '?')
}

/// `s` with every `token=VALUE` query parameter (after `?` or `&`) and every URL user-info
/// replaced by `(redacted)`. Works on a bare URL, a JSON body or a message alike.
pub fn redact_text(s: &str) -> String {
    redact_user_info(&redact_tokens(s))
}

/// An alias that reads better at call sites that hold a URL.
pub fn redact_url(url: &str) -> String {
    redact_text(url)
}

fn redact_tokens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    loop {
        // The next `?token=` / `&token=`, case-insensitively.
        let found = rest
            .char_indices()
            .find(|&(i, c)| {
                (c == '?' || c == '&')
                    && rest[i + 1..]
                        .get(..6)
                        .is_some_and(|k| k.eq_ignore_ascii_case("token="))
            })
            .map(|(i, _)| i);
        let Some(i) = found else {
            out.push_str(rest);
            return out;
        };
        let value_start = i + 1 + 6;
        out.push_str(&rest[..value_start]);
        // Already redacted (a message that carries a redacted URL): leave it as it is.
        if rest[value_start..].starts_with(REDACTED) {
            out.push_str(REDACTED);
            rest = &rest[value_start + REDACTED.len()..];
            continue;
        }
        let value_len = rest[value_start..]
            .find(ends_value)
            .unwrap_or(rest.len() - value_start);
        if value_len > 0 {
            out.push_str(REDACTED);
        }
        rest = &rest[value_start + value_len..];
    }
}

fn redact_user_info(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("://") {
        let start = i + 3;
        out.push_str(&rest[..start]);
        let authority_len = rest[start..]
            .find(ends_authority)
            .unwrap_or(rest.len() - start);
        let authority = &rest[start..start + authority_len];
        match authority.rfind('@') {
            Some(at) => {
                out.push_str(REDACTED);
                out.push_str(&authority[at..]);
            }
            None => out.push_str(authority),
        }
        rest = &rest[start + authority_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_redacted_in_urls_and_bodies() {
        assert_eq!(
            redact_url("https://h/v3/billdownload/file?token=6XIv5TUP&tartype=gzip"),
            "https://h/v3/billdownload/file?token=(redacted)&tartype=gzip"
        );
        assert_eq!(
            redact_url("https://h/v3/billdownload/file?tartype=gzip&TOKEN=abc"),
            "https://h/v3/billdownload/file?tartype=gzip&TOKEN=(redacted)"
        );
        assert_eq!(redact_url("https://h/v3/x"), "https://h/v3/x");
        assert_eq!(
            redact_text(
                r#"{"hash_type":"SHA1","download_url":"http://127.0.0.1:1/v3/billdownload/file?token=Zq-9_x"}"#
            ),
            r#"{"hash_type":"SHA1","download_url":"http://127.0.0.1:1/v3/billdownload/file?token=(redacted)"}"#
        );
        // Redacting twice changes nothing.
        let once = redact_text("see (http://a:b@h/f?token=x&y=1) now");
        assert_eq!(once, "see (http://(redacted)@h/f?token=(redacted)&y=1) now");
        assert_eq!(redact_text(&once), once);
        // Not a query parameter: left alone.
        assert_eq!(redact_text("a_token=1 mytoken=2"), "a_token=1 mytoken=2");
    }

    #[test]
    fn user_info_is_redacted() {
        assert_eq!(
            redact_url("http://user:s3cret@127.0.0.1:8780/v3/x?y=1"),
            "http://(redacted)@127.0.0.1:8780/v3/x?y=1"
        );
        assert_eq!(
            redact_text("GET http://a:b@h/p failed; see https://ok.example/x"),
            "GET http://(redacted)@h/p failed; see https://ok.example/x"
        );
        assert_eq!(
            redact_url("https://api.mch.weixin.qq.com"),
            "https://api.mch.weixin.qq.com"
        );
        // A path with @ is not user-info.
        assert_eq!(redact_url("https://h/a@b"), "https://h/a@b");
    }
}
