//! Plain HTTP: the reqwest client builders, the body cap, and unsigned requests for the sandbox's
//! own traffic (its notifications to merchants, `notify listen --forward-to`, and
//! `wxcombine sandbox pay` calling the control endpoint).
//!
//! Every client here refuses redirects and sends no `Referer` (issue 11, item 8): WeChat Pay never
//! redirects an API call or a bill download, and following one would hand a signed request, or a
//! download token in the `Referer`, to whatever host the `Location` names. Every body read here
//! stops at [`BODY_LIMIT`] (item 6); bill downloads stream instead and never come through here.

use std::time::Duration;

use bytes::{Bytes, BytesMut};

/// The HTTP client type, named here so that reqwest stays inside `transport`.
pub type HttpClient = reqwest::Client;

/// The most of a response body that is read into memory: real answers are a few KB, a certificate
/// list a few tens of KB (issue 11, item 6).
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;

fn builder(user_agent: &str) -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .user_agent(user_agent)
        .redirect(reqwest::redirect::Policy::none())
        .referer(false)
        .tcp_nodelay(true)
        .no_proxy()
}

/// A reqwest client with our defaults: rustls, no system proxy, no redirects, a total and a
/// connect timeout.
pub fn build_client(timeout: Duration, user_agent: &str) -> reqwest::Client {
    builder(user_agent)
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .pool_max_idle_per_host(32)
        .build()
        .expect("the TLS backend initialises")
}

/// A client for bill downloads: `idle` bounds each wait for the next bytes (and for the response
/// head), not the whole transfer, so a 1 GB bill on a slow link is not cut off while bytes are
/// still arriving (issue 11, item 4).
pub fn build_download_client(idle: Duration, user_agent: &str) -> reqwest::Client {
    builder(user_agent)
        .read_timeout(idle)
        .connect_timeout(idle.min(Duration::from_secs(10)))
        .build()
        .expect("the TLS backend initialises")
}

/// A client for the sandbox's notification POSTs. WeChat Pay counts only 200/204 as delivered and
/// a 3xx as a failure (apiv3.md §7.3, §13.23); like every client here it never follows one.
pub fn build_notify_client(timeout: Duration, user_agent: &str) -> reqwest::Client {
    builder(user_agent)
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .build()
        .expect("the TLS backend initialises")
}

/// An unsigned response: status, headers and the whole body.
#[derive(Debug, Clone)]
pub struct RawResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl RawResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        header_in(&self.headers, name)
    }
}

fn header_in<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Why a request got no usable response.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// reqwest's error (connect, timeout, a body cut off), for the caller to classify.
    #[error(transparent)]
    Http(#[from] reqwest::Error),
    /// The body is larger than [`BODY_LIMIT`]: announced so (`declared`), or found so while
    /// reading. Nothing past the limit was read.
    #[error("{}", too_large(*status, *declared, *limit))]
    TooLarge {
        status: u16,
        declared: Option<u64>,
        limit: usize,
        /// The response carried a `Wechatpay-Signature`: it claimed to be WeChat Pay's.
        signed: bool,
        request_id: Option<String>,
    },
}

fn too_large(status: u16, declared: Option<u64>, limit: usize) -> String {
    let mib = limit / (1024 * 1024);
    match declared {
        Some(n) => format!(
            "the HTTP {status} answer announced a {n}-byte body, over the {mib} MiB limit; none of it was read"
        ),
        None => format!(
            "the HTTP {status} answer's body went past the {mib} MiB limit; reading stopped there"
        ),
    }
}

impl SendError {
    /// A failure to connect at all (the case for the backup host, apiv3.md §10.4).
    pub fn is_connect(&self) -> bool {
        matches!(self, SendError::Http(e) if e.is_connect())
    }
}

/// The headers of a response, as text.
pub fn header_pairs(resp: &reqwest::Response) -> Vec<(String, String)> {
    resp.headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// Read a whole body, at most `limit` bytes: refused at once when `Content-Length` says more,
/// and stopped as soon as a chunked (or undeclared) body goes past it, so memory stays bounded
/// whatever the peer sends.
pub async fn read_capped(
    mut resp: reqwest::Response,
    headers: &[(String, String)],
    limit: usize,
) -> Result<Bytes, SendError> {
    let status = resp.status().as_u16();
    let too_large = |declared| SendError::TooLarge {
        status,
        declared,
        limit,
        signed: header_in(headers, "Wechatpay-Signature").is_some(),
        request_id: header_in(headers, "Request-ID").map(str::to_string),
    };
    let declared = resp.content_length();
    if let Some(n) = declared
        && n > limit as u64
    {
        return Err(too_large(Some(n)));
    }
    let mut buf = BytesMut::with_capacity(declared.unwrap_or(0) as usize);
    while let Some(chunk) = resp.chunk().await? {
        if buf.len() + chunk.len() > limit {
            return Err(too_large(None));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

/// Send one request as given and return the answer's head; the body is still to be read (capped
/// with [`read_capped`], or streamed).
pub async fn send_head(
    client: &reqwest::Client,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Result<reqwest::Response, reqwest::Error> {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap_or(reqwest::Method::GET);
    let mut rb = client.request(method, url);
    for (k, v) in headers {
        rb = rb.header(*k, *v);
    }
    if !body.is_empty() {
        rb = rb.body(body);
    }
    rb.send().await
}

/// Send one request as given and read its body (capped). The error is for the caller to classify.
pub async fn send_raw(
    client: &reqwest::Client,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Result<RawResponse, SendError> {
    let resp = send_head(client, method, url, headers, body).await?;
    let status = resp.status().as_u16();
    let headers = header_pairs(&resp);
    let body = read_capped(resp, &headers, BODY_LIMIT).await?;
    Ok(RawResponse {
        status,
        headers,
        body,
    })
}

/// Describe a failed send in a line, without its URL (callers name it).
pub fn describe(e: &SendError) -> String {
    match e {
        SendError::Http(e) => describe_http(e),
        other => other.to_string(),
    }
}

/// Describe a reqwest error in a line, without its URL (callers name it).
pub fn describe_http(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_body() || e.is_decode() {
        "the response body was cut off"
    } else {
        "request failed"
    };
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e);
    let mut last = None;
    while let Some(s) = source {
        last = Some(s.to_string());
        source = s.source();
    }
    match last {
        // reqwest's own messages can carry the URL (with its token or password): callers name
        // the URL, redacted, themselves.
        Some(root) => format!("{kind} ({})", super::redact::redact_text(&root)),
        None => kind.to_string(),
    }
}
