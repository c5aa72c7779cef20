//! One attempt, the same for every signed request (issue 12): a fresh timestamp and nonce, the
//! same body bytes → the request traced → sent → its head traced → a 3xx refused (issue 11,
//! item 8) → the body read whole up to [`BODY_LIMIT`] (item 6), or a bill download's 2xx body
//! streamed to its sink. What the answer means is for the caller: `Client::exchange` retries,
//! `call` verifies, the probe and the certificate bootstrap judge their own.

use std::time::Instant;

use bytes::Bytes;

use super::client::Client;
use super::download::DownloadError;
use super::error::TransportError;
use super::http::{BODY_LIMIT, SendError, describe, describe_http, header_pairs, read_capped};
use super::redact::redact_url;
use super::trace::Tracer;
use crate::api::Request;

/// What kind of exchange an attempt is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A JSON API call: `Accept: application/json`, the profile's `Wechatpay-Serial`, the client
    /// with a total timeout.
    Api,
    /// A bill download: `Accept: */*`, the client with an idle timeout (item 4).
    Download,
}

/// An answer whose head has arrived; the body is still on the wire.
pub(super) struct Head {
    resp: reqwest::Response,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The URL, redacted, for messages.
    pub shown: String,
    /// The message that was signed (the SIGN_ERROR doctor compares it with WeChat Pay's).
    message: Vec<u8>,
    started: Instant,
    /// Whether `-vv` may print the body: not a bill (unsigned endpoints).
    trace_body: bool,
}

/// An answer read whole, of any status but 3xx.
#[derive(Debug)]
pub(super) struct Answered {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    pub message: Vec<u8>,
    pub shown: String,
}

impl Answered {
    pub fn header(&self, name: &str) -> Option<&str> {
        header_in(&self.headers, name)
    }

    pub fn request_id(&self) -> Option<String> {
        self.header("Request-ID").map(str::to_string)
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// `Wechatpay-Timestamp`, for clock-skew reports.
    pub fn server_timestamp(&self) -> Option<i64> {
        self.header("Wechatpay-Timestamp")
            .and_then(|t| t.parse().ok())
    }
}

fn header_in<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// An attempt that got no usable answer.
#[derive(Debug)]
pub(super) struct Failed {
    pub error: TransportError,
    /// The failure in a line, for the trace.
    pub what: String,
    /// Nothing could connect at all: the case for the backup host (apiv3.md §10.4).
    pub connect: bool,
}

/// A transport error for a send that got no usable response; `shown` is the redacted URL.
fn send_error(e: SendError, shown: &str) -> Failed {
    let what = describe(&e);
    let connect = e.is_connect();
    let error = match e {
        SendError::TooLarge {
            signed,
            ref request_id,
            ..
        } => TransportError::TooLarge {
            url: shown.to_string(),
            what: e.to_string(),
            signed,
            request_id: request_id.clone(),
        },
        SendError::Http(e) => TransportError::Network {
            url: shown.to_string(),
            what: describe_http(&e),
            attempts: 1,
        },
    };
    Failed {
        error,
        what,
        connect,
    }
}

/// A 3xx is an error for every request here (issue 11, item 8): the error for one, if it is.
fn redirect(status: u16, headers: &[(String, String)], shown: &str) -> Option<TransportError> {
    if !(300..400).contains(&status) {
        return None;
    }
    let h = |n: &str| header_in(headers, n).map(redact_url);
    Some(TransportError::Redirect {
        url: shown.to_string(),
        status,
        location: h("Location"),
        request_id: h("Request-ID"),
    })
}

impl Client {
    /// Sign `req` now and send it to `url` (its origin plus `req.path`, byte for byte what was
    /// signed). Returns the head of any answer but a redirect.
    pub(super) async fn attempt(
        &self,
        req: &Request,
        url: &str,
        mode: Mode,
    ) -> Result<Head, Failed> {
        let shown = redact_url(url);
        let timestamp = self.now().to_string();
        let nonce = crate::rand::alphanumeric(32);
        let method = req.method.as_str();
        let signed = self
            .signer()
            .request_signer()
            .sign(method, &req.path, &timestamp, &nonce, &req.body);
        let auth = signed.authorization.to_header();
        let mut headers: Vec<(&str, &str)> = Vec::new();
        match mode {
            Mode::Api => {
                headers.push(("Accept", "application/json"));
                if !req.body.is_empty() {
                    headers.push(("Content-Type", "application/json"));
                }
                if let Some(s) = &self.options().wechatpay_serial {
                    headers.push(("Wechatpay-Serial", s));
                }
            }
            Mode::Download => headers.push(("Accept", "*/*")),
        }
        let tracer = self.tracer();
        tracer.request(
            method,
            url,
            &headers,
            &signed.authorization.to_redacted_header(),
            &req.body,
        );
        headers.push(("Authorization", &auth));
        let http = match mode {
            Mode::Api => self.api_http(),
            Mode::Download => self.download_http(),
        };
        let started = Instant::now();
        let resp = super::http::send_head(http, method, url, &headers, req.body.clone())
            .await
            .map_err(|e| send_error(SendError::Http(e), &shown))?;
        let status = resp.status().as_u16();
        let headers = header_pairs(&resp);
        if let Some(error) = redirect(status, &headers, &shown) {
            tracer.response(status, &headers, None, started.elapsed().as_millis());
            return Err(Failed {
                what: error.to_string(),
                error,
                connect: false,
            });
        }
        Ok(Head {
            resp,
            status,
            headers,
            shown,
            message: signed.message,
            started,
            trace_body: !req.response_is_unsigned(),
        })
    }
}

impl Head {
    /// Read the whole body, at most [`BODY_LIMIT`] bytes, then trace the answer.
    pub async fn read(self, tracer: &Tracer) -> Result<Answered, Failed> {
        let body = read_capped(self.resp, &self.headers, BODY_LIMIT)
            .await
            .map_err(|e| send_error(e, &self.shown))?;
        tracer.response(
            self.status,
            &self.headers,
            self.trace_body.then_some(&body[..]),
            self.started.elapsed().as_millis(),
        );
        Ok(Answered {
            status: self.status,
            headers: self.headers,
            body,
            message: self.message,
            shown: self.shown,
        })
    }

    /// Hand a 2xx body to `sink` chunk by chunk as it arrives, holding none of it: the number of
    /// bytes, once all the announced ones came.
    pub async fn stream(
        mut self,
        tracer: &Tracer,
        mut sink: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> Result<u64, DownloadError> {
        tracer.response(
            self.status,
            &self.headers,
            None,
            self.started.elapsed().as_millis(),
        );
        let network = |what: String| {
            DownloadError::Transport(TransportError::Network {
                url: self.shown.clone(),
                what,
                attempts: 1,
            })
        };
        let expected_len = self.resp.content_length();
        let mut received: u64 = 0;
        loop {
            match self.resp.chunk().await {
                Ok(Some(chunk)) => {
                    received += chunk.len() as u64;
                    sink(&chunk).map_err(DownloadError::Sink)?;
                }
                Ok(None) => break,
                Err(e) => {
                    return Err(network(format!(
                        "the transfer broke off after {received} bytes: {}",
                        describe_http(&e)
                    )));
                }
            }
        }
        if let Some(n) = expected_len
            && n != received
        {
            return Err(network(format!(
                "the transfer ended after {received} of {n} bytes"
            )));
        }
        Ok(received)
    }
}
