//! The signing, verifying API client.

use std::sync::RwLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;

use super::doctor;
use super::error::TransportError;
use super::http::{RawResponse, build_client, describe, send_raw};
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
        }
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
        let mut retries_left = self.opts.retries;
        let mut on_backup = false;
        let mut attempts = 0u32;
        let mut backoff_step = 0u32;
        loop {
            attempts += 1;
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
            let (raw, message) = match self.send_once(req, &url).await {
                Ok(x) => x,
                Err(e) => {
                    let what = describe(&e);
                    // §10.4: the backup host only after the primary could not be reached at all,
                    // and at once (the same signature stays valid on either host).
                    if e.is_connect()
                        && !on_backup
                        && origin.is_none()
                        && self.opts.backup_base_url.is_some()
                    {
                        self.tracer
                            .note(&format!("{url}: {what}; switching to the backup host"));
                        on_backup = true;
                        continue;
                    }
                    if retries_left > 0 {
                        retries_left -= 1;
                        let wait = self.backoff(backoff_step, None);
                        backoff_step += 1;
                        self.tracer.note(&format!(
                            "{url}: {what}; retrying in {} ms",
                            wait.as_millis()
                        ));
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    return Err(TransportError::Network {
                        url,
                        what,
                        attempts,
                    });
                }
            };
            let request_id = raw.header("Request-ID").map(str::to_string);
            if (200..300).contains(&raw.status) {
                let verified_by = if req.response_is_unsigned() {
                    None
                } else {
                    Some(self.verify(req, &raw).await?)
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
            if api.is_retryable() && retries_left > 0 {
                retries_left -= 1;
                let retry_after = raw
                    .header("Retry-After")
                    .and_then(|v| v.trim().parse::<u64>().ok());
                let wait = self.backoff(backoff_step, retry_after);
                backoff_step += 1;
                self.tracer.note(&format!(
                    "HTTP {} {}; retrying in {} ms",
                    api.status,
                    api.code,
                    wait.as_millis()
                ));
                tokio::time::sleep(wait).await;
                continue;
            }
            if api.status == 401 {
                api.diagnosis = match &api.detail {
                    Some(d) => doctor::diagnose(&message, d),
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
            return Err(TransportError::api(api));
        }
    }

    /// Exponential back-off with full jitter, capped; `Retry-After` wins when given (capped).
    fn backoff(&self, step: u32, retry_after: Option<u64>) -> Duration {
        if let Some(s) = retry_after {
            return Duration::from_secs(s.min(30));
        }
        let cap = Duration::from_secs(8);
        let ceiling = self
            .opts
            .backoff
            .saturating_mul(1u32 << step.min(10))
            .min(cap);
        let mut b = [0u8; 4];
        let _ = aws_lc_rs::rand::fill(&mut b);
        let frac = u32::from_le_bytes(b) as f64 / u32::MAX as f64;
        // Full jitter over [ceiling/2, ceiling]: never zero, so a retry storm still spreads out.
        ceiling.mul_f64(0.5 + frac / 2.0)
    }

    /// One attempt: a fresh timestamp and nonce, the same body bytes.
    async fn send_once(
        &self,
        req: &Request,
        url: &str,
    ) -> Result<(RawResponse, Vec<u8>), reqwest::Error> {
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
        let (raw, _) = self
            .send_once(&req, &url)
            .await
            .map_err(|e| TransportError::Network {
                url: url.clone(),
                what: describe(&e),
                attempts: 1,
            })?;
        if !(200..300).contains(&raw.status) {
            let id = raw.header("Request-ID").map(str::to_string);
            return Err(
                TransportError::api(ApiError::from_response(raw.status, &raw.body, id)).into(),
            );
        }
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
                request_id: raw.header("Request-ID").map(str::to_string),
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

    /// A signed GET of a `download_url` whose response is unsigned (§2.6, §8.3), streamed: `sink`
    /// gets each chunk as it arrives. Errors before the first byte are retried like any call;
    /// a transfer cut off midway is not (the caller restarts the whole download).
    pub async fn download(
        &self,
        url: &str,
        mut sink: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> Result<DownloadInfo, DownloadError> {
        let (origin, path) = split_url(url).map_err(|e| DownloadError::Transport(e.into()))?;
        let full = format!("{origin}{path}");
        // Messages and traces name the URL without its one-time token.
        let shown = redact_token(&full);
        let mut retries_left = self.opts.retries;
        let mut attempts = 0;
        let mut step = 0;
        loop {
            attempts += 1;
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
            let started = Instant::now();
            let sent = self
                .http
                .get(&full)
                .header("Accept", "*/*")
                .header("Authorization", signed.authorization.to_header())
                .send()
                .await;
            let mut resp = match sent {
                Ok(r) => r,
                Err(e) => {
                    let what = describe(&e);
                    if retries_left > 0 {
                        retries_left -= 1;
                        let wait = self.backoff(step, None);
                        step += 1;
                        self.tracer.note(&format!(
                            "{shown}: {what}; retrying in {} ms",
                            wait.as_millis()
                        ));
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    return Err(DownloadError::Transport(TransportError::Network {
                        url: shown.clone(),
                        what,
                        attempts,
                    }));
                }
            };
            let status = resp.status().as_u16();
            let headers: Vec<(String, String)> = resp
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let request_id = resp
                .headers()
                .get("Request-ID")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            self.tracer
                .response(status, &headers, None, started.elapsed().as_millis());
            if !(200..300).contains(&status) {
                let body = resp.bytes().await.unwrap_or_default();
                let api = ApiError::from_response(status, &body, request_id);
                if api.is_retryable() && retries_left > 0 {
                    retries_left -= 1;
                    let wait = self.backoff(step, None);
                    step += 1;
                    tokio::time::sleep(wait).await;
                    continue;
                }
                return Err(DownloadError::Transport(TransportError::api(api)));
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
                        return Err(DownloadError::Transport(TransportError::Network {
                            url: shown.clone(),
                            what: format!(
                                "the transfer broke off after {received} bytes: {}",
                                describe(&e)
                            ),
                            attempts,
                        }));
                    }
                }
            }
            if let Some(n) = expected_len
                && n != received
            {
                return Err(DownloadError::Transport(TransportError::Network {
                    url: shown.clone(),
                    what: format!("the transfer ended after {received} of {n} bytes"),
                    attempts,
                }));
            }
            return Ok(DownloadInfo {
                bytes: received,
                request_id,
                attempts,
            });
        }
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
        let (raw, message) =
            self.send_once(&req, &url)
                .await
                .map_err(|e| TransportError::Network {
                    url: url.clone(),
                    what: describe(&e),
                    attempts: 1,
                })?;
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
            url,
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
    pub attempts: u32,
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

/// `…?token=6XIv…` → `…?token=(redacted)`: a download token is short-lived, but it is a
/// credential of sorts, so messages and traces do not repeat it.
pub fn redact_token(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let parts: Vec<String> = query
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("token") => format!("{k}=(redacted)"),
            _ => kv.to_string(),
        })
        .collect();
    format!("{base}?{}", parts.join("&"))
}

/// Split `https://host[:port]/path?query` into origin and path+query, byte-exact.
pub fn split_url(url: &str) -> Result<(String, String), UrlError> {
    let bad = |why: &str| UrlError {
        url: url.to_string(),
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
    fn tokens_are_redacted() {
        assert_eq!(
            redact_token("https://h/v3/billdownload/file?token=6XIv5TUP&tartype=gzip"),
            "https://h/v3/billdownload/file?token=(redacted)&tartype=gzip"
        );
        assert_eq!(redact_token("https://h/v3/x"), "https://h/v3/x");
    }

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
    }
}
