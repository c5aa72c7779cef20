//! URLs as the transport uses them: an origin plus a canonical path, byte-exact, since the path
//! and query are what was signed (apiv3.md §1.1, §8.3).

use super::error::TransportError;
use super::redact::redact_url;

/// A URL we cannot split into origin and path.
#[derive(Debug, Clone)]
pub struct UrlError {
    pub url: String,
    pub why: String,
}

impl From<UrlError> for TransportError {
    fn from(e: UrlError) -> Self {
        TransportError::Url {
            url: e.url,
            why: e.why,
        }
    }
}

/// Split `https://host[:port]/path?query` into origin and path+query, byte-exact.
pub fn split_url(url: &str) -> Result<(String, String), UrlError> {
    // The URL may hold a token or a password: the error never repeats them (issue 11, item 15).
    let bad = |why: &str| UrlError {
        url: redact_url(url),
        why: why.to_string(),
    };
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| bad("not an absolute URL"))?;
    if scheme != "https" && scheme != "http" {
        return Err(bad("only http(s) URLs"));
    }
    let slash = rest.find('/').unwrap_or(rest.len());
    let (host, path) = rest.split_at(slash);
    if host.is_empty() {
        return Err(bad("no host"));
    }
    // `user:password@host`: reqwest would send it as Basic auth beside the signed Authorization
    // header, to any host. WeChat Pay authenticates by signature only (issue 11, item 15).
    if host
        .split(['?', '#'])
        .next()
        .is_some_and(|a| a.contains('@'))
    {
        return Err(bad(
            "a user:password@ part is not accepted: WeChat Pay requests are authenticated by their signature",
        ));
    }
    let path = if path.is_empty() {
        "/".to_string()
    } else {
        path.to_string()
    };
    Ok((format!("{scheme}://{host}"), path))
}

/// The URL a request to `base` goes to: the base without a trailing `/`, then the canonical path
/// exactly as signed. Sends and `--dry-run` both build it here.
pub fn target_url(base: &str, path_and_query: &str) -> String {
    format!("{}{path_and_query}", base.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_urls_byte_exact() {
        assert_eq!(
            split_url(
                "https://api.mch.weixin.qq.com/v3/billdownload/file?token=6XIv5TUP&tartype=gzip"
            )
            .unwrap(),
            (
                "https://api.mch.weixin.qq.com".into(),
                "/v3/billdownload/file?token=6XIv5TUP&tartype=gzip".into()
            )
        );
        assert_eq!(split_url("http://127.0.0.1:8780").unwrap().1, "/");
        assert!(split_url("ftp://x/y").is_err());
        assert!(split_url("/v3/x").is_err());
        let e = split_url("http://user:s3cret@127.0.0.1:8780/v3").unwrap_err();
        assert!(e.why.contains("user:password@"), "{}", e.why);
        assert!(!e.url.contains("s3cret"), "{}", e.url);
        // An `@` in the query is not userinfo.
        assert!(split_url("https://h.example/v3/x?who=a@b").is_ok());
        assert_eq!(
            target_url("http://h:1/", "/v3/x?a=b"),
            "http://h:1/v3/x?a=b"
        );
        assert_eq!(target_url("http://h:1", "/v3/x"), "http://h:1/v3/x");
    }
}
