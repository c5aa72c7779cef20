//! The signing, verifying API client: one attempt at a time (sign → send → read, capped →
//! verify → check the answer), and one retry policy over attempts (back-off with jitter,
//! `Retry-After`, the backup host). Redirects are refused for every request (issue 11).

use std::sync::{OnceLock, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;

use super::doctor;
use super::error::TransportError;
use super::http::{
    BODY_LIMIT, RawResponse, SendError, build_client, build_download_client, describe,
    describe_http, header_pairs, read_capped, send_raw,
};
use super::redact::redact_url;
use super::trace::Tracer;
use crate::api::types::CertificatesResponse;
use crate::api::{ApiError, Request};
use crate::config::MerchantSigner;
use crate::signing::ApiV3Key;
use crate::signing::keys::Certificate;
use crate::signing::verify::{KeyKind, SignedHeaders, Verifier, VerifyError};

/// `wxcombine/<version> (<os>/<arch>)` (issue 4; apiv3.md §1.3 asks clients to identify themselves).
pub fn user_agent() -> String {
    format!(
        "wxcombine/{} ({}/{})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// How the client behaves; everything comes from the profile and the global options.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub base_url: String,
    /// Used only after a connection-level failure of the primary (apiv3.md §10.4).
    pub backup_base_url: Option<String>,
    /// Per request for API calls; for a bill download, the longest wait for its next bytes.
    pub timeout: Duration,
    /// Retries after the first attempt for 5xx, 429 and network errors; 0 = one attempt.
    pub retries: u32,
    /// First back-off step; doubles each retry, with full jitter.
    pub backoff: Duration,
    pub verbose: u8,
    /// Sent as `Wechatpay-Serial` (the public key id during the migration, apiv3.md §1.3).
    pub wechatpay_serial: Option<String>,
}

impl ClientOptions {
    pub fn new(base_url: impl Into<String>) -> Self {
        ClientOptions {
            base_url: base_url.into(),
            backup_base_url: None,
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_millis(200),
            verbose: 0,
            wechatpay_serial: None,
        }
    }
}

/// The retry budget of one request (cli.md §2 `--retries`): how many attempts may follow the
/// first, and how long to wait before each. Shared by API calls and, through
/// [`Client::retries`], by `bill download`'s transfers, so one policy bounds them all.
#[derive(Debug, Clone)]
pub struct Retries {
    left: u32,
    step: u32,
    attempts: u32,
    backoff: Duration,
}

impl Retries {
    pub fn new(retries: u32, backoff: Duration) -> Self {
        Retries {
            left: retries,
            step: 0,
            attempts: 0,
            backoff,
        }
    }

    /// Count an attempt about to be made; its number (1 = the first).
    pub fn begin(&mut self) -> u32 {
        self.attempts += 1;
        self.attempts
    }

    /// Attempts made so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Spend one retry: how long to wait before it, or `None` when none is left.
    /// `retry_after` (seconds, from the failed answer) wins over the back-off.
    pub fn next_wait(&mut self, retry_after: Option<u64>) -> Option<Duration> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let wait = backoff(self.backoff, self.step, retry_after);
        self.step += 1;
        Some(wait)
    }
}

/// Exponential back-off with full jitter, capped; `Retry-After` wins when given (capped).
fn backoff(base: Duration, step: u32, retry_after: Option<u64>) -> Duration {
    if let Some(s) = retry_after {
        return Duration::from_secs(s.min(30));
    }
    let cap = Duration::from_secs(8);
    let ceiling = base.saturating_mul(1u32 << step.min(10)).min(cap);
    let mut b = [0u8; 4];
    let _ = aws_lc_rs::rand::fill(&mut b);
    let frac = u32::from_le_bytes(b) as f64 / u32::MAX as f64;
    // Full jitter over [ceiling/2, ceiling]: never zero, so a retry storm still spreads out.
    ceiling.mul_f64(0.5 + frac / 2.0)
}

/// `Retry-After: SECONDS` (the HTTP-date form is not used by WeChat Pay).
fn retry_after(headers: &[(String, String)]) -> Option<u64> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Retry-After"))
        .and_then(|(_, v)| v.trim().parse().ok())
}

/// A transport error for a send that got no usable response; `shown` is the redacted URL.
fn send_error(e: SendError, shown: &str, attempts: u32) -> TransportError {
    match e {
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
            attempts,
        },
    }
}

/// A 3xx is an error for every request here (issue 11, item 8): the error for one, if it is.
fn redirect(status: u16, headers: &[(String, String)], shown: &str) -> Option<TransportError> {
    if !(300..400).contains(&status) {
        return None;
    }
    let h = |n: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| redact_url(v))
    };
    Some(TransportError::Redirect {
        url: shown.to_string(),
        status,
        location: h("Location"),
        request_id: h("Request-ID"),
    })
}

/// A verified (or, for bill downloads, deliberately unsigned) response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub request_id: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    /// Which kind of key verified it (`None` for unsigned endpoints).
    pub verified_by: Option<KeyKind>,
    /// `Wechatpay-Timestamp`, for clock-skew reports.
    pub server_timestamp: Option<i64>,
    /// Attempts made (1 = no retry).
    pub attempts: u32,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn signed_headers(r: &RawResponse) -> SignedHeaders {
    let h = |n: &str| r.header(n).unwrap_or_default().to_string();
    SignedHeaders {
        timestamp: h("Wechatpay-Timestamp"),
        nonce: h("Wechatpay-Nonce"),
        signature: h("Wechatpay-Signature"),
        serial: h("Wechatpay-Serial"),
    }
}

pub struct Client {
    http: reqwest::Client,
    opts: ClientOptions,
    signer: MerchantSigner,
    verifier: RwLock<Verifier>,
    /// With an APIv3 key, an unknown certificate serial triggers one `GET /v3/certificates`
    /// (issue 6); the refreshed certificates live in memory for this process.
    refresh_key: Option<ApiV3Key>,
    /// Whether that one download succeeded, once it has run. Concurrent responses (a `query`
    /// batch) that meet the unknown serial while it is in flight wait for it rather than fail.
    refreshed: tokio::sync::OnceCell<bool>,
    tracer: Tracer,
    now: fn() -> i64,
    /// Bill downloads use their own client: an idle timeout instead of a total one. Made on the
    /// first download.
    download_http: OnceLock<reqwest::Client>,
}

impl Client {
    pub fn new(opts: ClientOptions, signer: MerchantSigner, verifier: Verifier) -> Self {
        let http = build_client(opts.timeout, &user_agent());
        let tracer = Tracer::new(opts.verbose);
        Client {
            http,
            opts,
            signer,
            verifier: RwLock::new(verifier),
            refresh_key: None,
            refreshed: tokio::sync::OnceCell::new(),
            tracer,
            now: now_unix,
            download_http: OnceLock::new(),
        }
    }

    /// A fresh retry budget with this client's `--retries` and back-off.
    pub fn retries(&self) -> Retries {
        Retries::new(self.opts.retries, self.opts.backoff)
    }

    /// Allow one certificate refresh on an unknown serial (certificate or mixed mode).
    pub fn with_certificate_refresh(mut self, key: ApiV3Key) -> Self {
        self.refresh_key = Some(key);
        self
    }

    /// Replace the clock (tests).
    pub fn with_clock(mut self, now: fn() -> i64) -> Self {
        self.now = now;
        self
    }

    pub fn options(&self) -> &ClientOptions {
        &self.opts
    }

    pub fn signer(&self) -> &MerchantSigner {
        &self.signer
    }

    pub fn verifier(&self) -> Verifier {
        self.verifier.read().expect("verifier lock").clone()
    }

    pub fn now(&self) -> i64 {
        (self.now)()
    }

    /// The exact message that would be signed for `req` at `timestamp`/`nonce` (`--dry-run`).
    pub fn preview(&self, req: &Request, timestamp: &str, nonce: &str) -> Vec<u8> {
        crate::signing::message::request_message(
            req.method.as_str(),
            &req.path,
            timestamp,
            nonce,
            &req.body,
        )
    }

    /// Sign, send, and verify one API call, retrying 5xx/429/network failures with back-off.
    /// The body is the one serialised by the caller: the signed bytes are the sent bytes.
    pub async fn call(&self, req: &Request) -> Result<Response, TransportError> {
        self.call_with(req, None).await
    }

    /// As [`call`](Self::call), to an absolute URL (a `download_url` as returned, §8.3).
    pub async fn call_url(&self, url: &str) -> Result<Response, TransportError> {
        let (origin, path) = split_url(url)?;
        self.call_with(&Request::get(&path), Some(origin)).await
    }

    async fn call_with(
        &self,
        req: &Request,
        origin: Option<String>,
    ) -> Result<Response, TransportError> {
        let mut retries = self.retries();
        let mut on_backup = false;
        loop {
            let attempts = retries.begin();
            let base = match (&origin, on_backup) {
                (Some(o), _) => o.as_str(),
                (None, true) => self
                    .opts
                    .backup_base_url
                    .as_deref()
                    .unwrap_or(&self.opts.base_url),
                (None, false) => self.opts.base_url.as_str(),
            };
            let url = format!("{base}{}", req.path);
            let shown = redact_url(&url);
            let (raw, message) = match self.send_once(req, &url).await {
                Ok(x) => x,
                Err(e) => {
                    let what = describe(&e);
                    // §10.4: the backup host only after the primary could not be reached at all,
                    // and at once (the same signature stays valid on either host). Only a profile
                    // that has one (issue 11, item 10: never production behind a custom base_url).
                    if e.is_connect()
                        && !on_backup
                        && origin.is_none()
                        && let Some(backup) = &self.opts.backup_base_url
                    {
                        self.tracer.note(&format!(
                            "{shown}: {what}; switching to the backup host {backup}"
                        ));
                        on_backup = true;
                        continue;
                    }
                    let err = send_error(e, &shown, attempts);
                    if err.is_retryable()
                        && let Some(wait) = retries.next_wait(None)
                    {
                        self.tracer.note(&format!(
                            "{shown}: {what}; retrying in {} ms",
                            wait.as_millis()
                        ));
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    return Err(err);
                }
            };
            match self.judge(req, raw, &shown, &message, attempts).await {
                Err(TransportError::Api(api)) if api.is_retryable() => {
                    let Some(wait) = retries.next_wait(api.retry_after) else {
                        return Err(TransportError::Api(api));
                    };
                    self.tracer.note(&format!(
                        "HTTP {} {}; retrying in {} ms",
                        api.status,
                        api.code,
                        wait.as_millis()
                    ));
                    tokio::time::sleep(wait).await;
                }
                other => return other,
            }
        }
    }

    /// What one answer amounts to: a 3xx is refused, a 2xx is verified over its raw bytes and
    /// checked against what the request asked (issue 11, items 9 and 14), anything else is
    /// WeChat Pay's error.
    async fn judge(
        &self,
        req: &Request,
        raw: RawResponse,
        shown: &str,
        message: &[u8],
        attempts: u32,
    ) -> Result<Response, TransportError> {
        if let Some(e) = redirect(raw.status, &raw.headers, shown) {
            return Err(e);
        }
        let request_id = raw.header("Request-ID").map(str::to_string);
        if (200..300).contains(&raw.status) {
            let verified_by = if req.response_is_unsigned() {
                None
            } else {
                let by = self.verify(req, &raw).await?;
                req.answer
                    .check(&raw.body, &self.signer.mchid)
                    .map_err(|problem| TransportError::Answer {
                        method: req.method.to_string(),
                        path: req.path.clone(),
                        problem: Box::new(problem),
                        request_id: request_id.clone(),
                    })?;
                Some(by)
            };
            let server_timestamp = raw
                .header("Wechatpay-Timestamp")
                .and_then(|t| t.parse().ok());
            return Ok(Response {
                status: raw.status,
                request_id,
                headers: raw.headers,
                body: raw.body,
                verified_by,
                server_timestamp,
                attempts,
            });
        }
        let mut api = ApiError::from_response(raw.status, &raw.body, request_id);
        api.retry_after = retry_after(&raw.headers);
        if api.status == 401 {
            api.diagnosis = match &api.detail {
                Some(d) => doctor::diagnose(message, d),
                None => None,
            }
            .or_else(|| {
                doctor::is_clock_skew(&api.message).then(|| {
                    format!(
                        "WeChat Pay says the request timestamp is more than 5 minutes off; this machine's clock reads {} (check NTP)",
                        self.now()
                    )
                })
            });
        }
        Err(TransportError::api(api))
    }

    /// One attempt: a fresh timestamp and nonce, the same body bytes.
    async fn send_once(
        &self,
        req: &Request,
        url: &str,
    ) -> Result<(RawResponse, Vec<u8>), SendError> {
        let timestamp = self.now().to_string();
        let nonce = crate::rand::alphanumeric(32);
        let signed = self.signer.request_signer().sign(
            req.method.as_str(),
            &req.path,
            &timestamp,
            &nonce,
            &req.body,
        );
        let auth = signed.authorization.to_header();
        let mut headers: Vec<(&str, &str)> = vec![("Accept", "application/json")];
        if !req.body.is_empty() {
            headers.push(("Content-Type", "application/json"));
        }
        if let Some(s) = &self.opts.wechatpay_serial {
            headers.push(("Wechatpay-Serial", s));
        }
        self.tracer.request(
            req.method.as_str(),
            url,
            &headers,
            &signed.authorization.to_redacted_header(),
            &req.body,
        );
        headers.push(("Authorization", &auth));
        let started = Instant::now();
        let raw = send_raw(
            &self.http,
            req.method.as_str(),
            url,
            &headers,
            req.body.clone(),
        )
        .await?;
        let shown = if req.response_is_unsigned() {
            None
        } else {
            Some(&raw.body[..])
        };
        self.tracer.response(
            raw.status,
            &raw.headers,
            shown,
            started.elapsed().as_millis(),
        );
        Ok((raw, signed.message))
    }

    /// Verify a 2xx over its raw bytes before anything parses it (apiv3.md §2).
    async fn verify(&self, req: &Request, raw: &RawResponse) -> Result<KeyKind, TransportError> {
        let headers = signed_headers(raw);
        let now = self.now();
        let fail = |err: VerifyError| TransportError::Verification {
            method: req.method.to_string(),
            path: req.path.clone(),
            err,
            request_id: raw.header("Request-ID").map(str::to_string),
        };
        let first = self
            .verifier
            .read()
            .expect("verifier lock")
            .verify(&headers, &raw.body, now);
        match first {
            Ok(k) => Ok(k),
            Err(VerifyError::UnknownSerial { serial, known })
                if !serial.starts_with(crate::signing::verify::PUB_KEY_ID_PREFIX)
                    && self.refresh_key.is_some() =>
            {
                let refreshed = *self
                    .refreshed
                    .get_or_init(|| async {
                        self.tracer.note(&format!(
                            "unknown platform certificate {serial}; downloading certificates once"
                        ));
                        match self.refresh_certificates().await {
                            Ok(()) => true,
                            Err(e) => {
                                self.tracer
                                    .note(&format!("certificate refresh failed: {e:#}"));
                                false
                            }
                        }
                    })
                    .await;
                if !refreshed {
                    return Err(fail(VerifyError::UnknownSerial { serial, known }));
                }
                // Verify again with whatever the one download brought (it may not be this serial).
                self.verifier
                    .read()
                    .expect("verifier lock")
                    .verify(&headers, &raw.body, now)
                    .map_err(fail)
            }
            Err(e) => Err(fail(e)),
        }
    }

    /// `GET /v3/certificates` with the bootstrap rule of apiv3.md §3: decrypt every certificate,
    /// verify the response with the one its `Wechatpay-Serial` names, only then trust them.
    pub async fn fetch_certificates(&self) -> Result<Vec<Certificate>, anyhow::Error> {
        let key = self
            .refresh_key
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("no APIv3 key to decrypt certificates with"))?;
        let req = Request::certificates();
        let url = format!("{}{}", self.opts.base_url, req.path);
        let shown = redact_url(&url);
        let (raw, _) = self
            .send_once(&req, &url)
            .await
            .map_err(|e| send_error(e, &shown, 1))?;
        if let Some(e) = redirect(raw.status, &raw.headers, &shown) {
            return Err(e.into());
        }
        let request_id = raw.header("Request-ID").map(str::to_string);
        if !(200..300).contains(&raw.status) {
            return Err(TransportError::api(ApiError::from_response(
                raw.status, &raw.body, request_id,
            ))
            .into());
        }
        // The shape first: a body that is not the documented list cannot be verified by the
        // bootstrap rule at all, and is a failed verification (exit 6), not an internal error.
        req.answer
            .check(&raw.body, &self.signer.mchid)
            .map_err(|problem| TransportError::Answer {
                method: "GET".into(),
                path: req.path.clone(),
                problem: Box::new(problem),
                request_id: request_id.clone(),
            })?;
        let certs = decrypt_certificates(key, &raw.body)?;
        let mut bootstrap = Verifier::new();
        for c in &certs {
            bootstrap.add_certificate(c.clone());
        }
        let headers = signed_headers(&raw);
        bootstrap
            .verify(&headers, &raw.body, self.now())
            .map_err(|err| TransportError::Verification {
                method: "GET".into(),
                path: req.path.clone(),
                err,
                request_id,
            })?;
        Ok(certs)
    }

    async fn refresh_certificates(&self) -> Result<(), anyhow::Error> {
        let certs = self.fetch_certificates().await?;
        let mut v = self.verifier.write().expect("verifier lock");
        for c in certs {
            v.add_certificate(c);
        }
        Ok(())
    }

    /// One signed GET of a `download_url` whose response is unsigned (§2.6, §8.3), streamed:
    /// `sink` gets each chunk as it arrives, and nothing is held in memory. One attempt, never
    /// retried here: a retry of a bill transfer needs a fresh apply (download URLs are one-time,
    /// §13.25) and a fresh sink, which only the caller can make; it bounds its retries with
    /// [`Client::retries`]. `--timeout` is an idle timeout here, not a deadline for the whole
    /// transfer (issue 11, item 4).
    pub async fn download(
        &self,
        url: &str,
        mut sink: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> Result<DownloadInfo, DownloadError> {
        let fail = |e: TransportError| DownloadError::Transport(e);
        let (origin, path) = split_url(url).map_err(|e| fail(e.into()))?;
        let full = format!("{origin}{path}");
        // Messages and traces name the URL without its one-time token.
        let shown = redact_url(&full);
        let network = |what: String| {
            fail(TransportError::Network {
                url: shown.clone(),
                what,
                attempts: 1,
            })
        };
        let timestamp = self.now().to_string();
        let nonce = crate::rand::alphanumeric(32);
        let signed = self
            .signer
            .request_signer()
            .sign("GET", &path, &timestamp, &nonce, b"");
        self.tracer.request(
            "GET",
            &shown,
            &[("Accept", "*/*")],
            &signed.authorization.to_redacted_header(),
            b"",
        );
        let http = self
            .download_http
            .get_or_init(|| build_download_client(self.opts.timeout, &user_agent()));
        let started = Instant::now();
        let sent = http
            .get(&full)
            .header("Accept", "*/*")
            .header("Authorization", signed.authorization.to_header())
            .send()
            .await;
        let mut resp = sent.map_err(|e| network(describe_http(&e)))?;
        let status = resp.status().as_u16();
        let headers = header_pairs(&resp);
        let request_id = resp
            .headers()
            .get("Request-ID")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        self.tracer
            .response(status, &headers, None, started.elapsed().as_millis());
        if let Some(e) = redirect(status, &headers, &shown) {
            return Err(fail(e));
        }
        if !(200..300).contains(&status) {
            // An error answer is a few KB like any other; the cap applies (item 6).
            let body = read_capped(resp, &headers, BODY_LIMIT)
                .await
                .map_err(|e| fail(send_error(e, &shown, 1)))?;
            let mut api = ApiError::from_response(status, &body, request_id);
            api.retry_after = retry_after(&headers);
            return Err(fail(TransportError::api(api)));
        }
        let expected_len = resp.content_length();
        let mut received: u64 = 0;
        loop {
            match resp.chunk().await {
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
        Ok(DownloadInfo {
            bytes: received,
            request_id,
        })
    }
}

/// The outcome of `profile check`'s online probe.
#[derive(Debug)]
pub struct Probe {
    pub url: String,
    pub status: u16,
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    /// `None` when the response carried no signature (errors may be unsigned, §2.6).
    pub verified: Option<Result<KeyKind, VerifyError>>,
    pub server_timestamp: Option<i64>,
    pub diagnosis: Option<String>,
}

impl Client {
    /// One signed read-only request, `GET /v3/certificates`, made once (no retries): 200 in
    /// certificate/mixed mode, `404 RESOURCE_NOT_EXISTS` for a public-key-only merchant. Either
    /// proves the credentials; a signed answer also exercises the verifier.
    pub async fn probe(&self) -> Result<Probe, TransportError> {
        let req = Request::certificates();
        let url = format!("{}{}", self.opts.base_url, req.path);
        let shown = redact_url(&url);
        let (raw, message) = self
            .send_once(&req, &url)
            .await
            .map_err(|e| send_error(e, &shown, 1))?;
        if let Some(e) = redirect(raw.status, &raw.headers, &shown) {
            return Err(e);
        }
        let headers = signed_headers(&raw);
        let verified = (!headers.signature.is_empty()).then(|| {
            self.verifier
                .read()
                .expect("verifier lock")
                .verify(&headers, &raw.body, self.now())
        });
        let request_id = raw.header("Request-ID").map(str::to_string);
        let (code, msg, diagnosis) = if (200..300).contains(&raw.status) {
            (None, None, None)
        } else {
            let api = ApiError::from_response(raw.status, &raw.body, request_id.clone());
            let diagnosis = api
                .detail
                .as_ref()
                .and_then(|d| doctor::diagnose(&message, d));
            (Some(api.code), Some(api.message), diagnosis)
        };
        Ok(Probe {
            url: shown,
            status: raw.status,
            code,
            message: msg,
            request_id,
            verified,
            server_timestamp: raw
                .header("Wechatpay-Timestamp")
                .and_then(|t| t.parse().ok()),
            diagnosis,
        })
    }
}

/// What a finished download transferred.
#[derive(Debug, Clone)]
pub struct DownloadInfo {
    pub bytes: u64,
    pub request_id: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error(transparent)]
    Transport(TransportError),
    #[error("writing the download failed: {0}")]
    Sink(std::io::Error),
}

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

/// Decrypt every entry of a `/v3/certificates` body (§3) and check each serial matches its cert.
pub fn decrypt_certificates(
    key: &ApiV3Key,
    body: &[u8],
) -> Result<Vec<Certificate>, anyhow::Error> {
    let resp: CertificatesResponse = serde_json::from_slice(body).map_err(|e| {
        anyhow::anyhow!("the /v3/certificates response is not the documented JSON: {e}")
    })?;
    let mut out = Vec::new();
    for (i, entry) in resp.data.iter().enumerate() {
        let e = &entry.encrypt_certificate;
        if e.algorithm != "AEAD_AES_256_GCM" {
            return Err(crate::signing::DecryptError::Algorithm(e.algorithm.clone()).into());
        }
        let pem = key.decrypt(&e.nonce, &e.associated_data, &e.ciphertext)?;
        let cert = Certificate::from_pem(
            &pem,
            &format!("certificate {} (data[{i}])", entry.serial_no),
        )?;
        if !cert.serial.eq_ignore_ascii_case(&entry.serial_no) {
            anyhow::bail!(
                "data[{i}]: serial_no {} does not match the decrypted certificate's serial {}",
                entry.serial_no,
                cert.serial
            );
        }
        out.push(cert);
    }
    Ok(out)
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
    }
}
