//! Plain HTTP: the reqwest client builder, and unsigned requests for the sandbox's own traffic
//! (its notifications to merchants, and `wxcombine sandbox pay` calling the control endpoint).

use std::time::Duration;

use bytes::Bytes;

/// The HTTP client type, named here so that reqwest stays inside `transport`.
pub type HttpClient = reqwest::Client;

/// A reqwest client with our defaults: rustls, no system proxy, a total and a connect timeout.
pub fn build_client(timeout: Duration, user_agent: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .user_agent(user_agent)
        .pool_max_idle_per_host(32)
        .tcp_nodelay(true)
        .no_proxy()
        .build()
        .expect("the TLS backend initialises")
}

/// A client for the sandbox's notification POSTs: like [`build_client`] but never follows a
/// redirect, because WeChat Pay counts only 200/204 as delivered and a 3xx as a failure
/// (apiv3.md §7.3, §13.23).
pub fn build_notify_client(timeout: Duration, user_agent: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .user_agent(user_agent)
        .redirect(reqwest::redirect::Policy::none())
        .tcp_nodelay(true)
        .no_proxy()
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
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Send one request as given. The error is reqwest's, for the caller to classify.
pub async fn send_raw(
    client: &reqwest::Client,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Result<RawResponse, reqwest::Error> {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap_or(reqwest::Method::GET);
    let mut rb = client.request(method, url);
    for (k, v) in headers {
        rb = rb.header(*k, *v);
    }
    if !body.is_empty() {
        rb = rb.body(body);
    }
    let resp = rb.send().await?;
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = resp.bytes().await?;
    Ok(RawResponse {
        status,
        headers,
        body,
    })
}

/// Describe a reqwest error in a line, without its URL (callers name it).
pub fn describe(e: &reqwest::Error) -> String {
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
        Some(root) => format!("{kind} ({root})"),
        None => kind.to_string(),
    }
}
