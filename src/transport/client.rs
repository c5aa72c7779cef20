//! The signing, verifying API client: one request pipeline (issue 12) for every signed request —
//! [`attempt`](super::attempt) after attempt under one [`RetryPolicy`] in [`Client::exchange`],
//! then what the answer means: verified and checked for `call`, bootstrapped for the certificate
//! download, reported for the probe, streamed for a bill.

use std::sync::{OnceLock, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;

use super::attempt::{Answered, Mode};
use super::doctor;
use super::error::TransportError;
use super::http::{build_client, build_download_client};
use super::retry::{RetryPolicy, retry_after};
use super::trace::Tracer;
use super::url::target_url;
use crate::api::{ApiError, Request};
use crate::signing::ApiV3Key;
use crate::signing::MerchantSigner;
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

/// What `--dry-run` shows of a request: exactly what a send would use, with the timestamp and
/// nonce given. Nothing is signed (no key is needed) and nothing is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub method: &'static str,
    pub url: String,
    /// The message a send would sign (apiv3.md §1.1).
    pub message: Vec<u8>,
}

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub(super) fn signed_headers(a: &Answered) -> SignedHeaders {
    let h = |n: &str| a.header(n).unwrap_or_default().to_string();
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

    /// The retry policy of an API call: this client's `--retries` and back-off, and its backup
    /// host. `bill download` bounds its transfers with it too.
    pub fn retries(&self) -> RetryPolicy {
        RetryPolicy::new(self.opts.retries, self.opts.backoff)
            .with_backup(self.opts.backup_base_url.clone())
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

    pub(super) fn tracer(&self) -> &Tracer {
        &self.tracer
    }

    pub(super) fn api_http(&self) -> &reqwest::Client {
        &self.http
    }

    pub(super) fn download_http(&self) -> &reqwest::Client {
        self.download_http
            .get_or_init(|| build_download_client(self.opts.timeout, &user_agent()))
    }

    pub(super) fn refresh_key(&self) -> Option<&ApiV3Key> {
        self.refresh_key.as_ref()
    }

    /// The one dry-run view of a request (`--dry-run`): the URL a send to `base_url` would use
    /// and the message it would sign at `timestamp`/`nonce`. An associated function: a dry run
    /// needs neither the private key nor the verifier.
    pub fn preview(base_url: &str, req: &Request, timestamp: &str, nonce: &str) -> Preview {
        Preview {
            method: req.method.as_str(),
            url: target_url(base_url, &req.path),
            message: crate::signing::message::request_message(
                req.method.as_str(),
                &req.path,
                timestamp,
                nonce,
                &req.body,
            ),
        }
    }

    /// Sign, send, and verify one API call, retrying 5xx/429/network failures with back-off.
    /// The body is the one serialised by the caller: the signed bytes are the sent bytes.
    pub async fn call(&self, req: &Request) -> Result<Response, TransportError> {
        let (answered, attempts) = self.exchange(req, self.retries()).await?;
        self.accept(req, answered, attempts).await
    }

    /// Attempts of `req` under `policy` until an answer a retry cannot improve: a 2xx, a
    /// non-2xx that is not 5xx/429, or the last one the budget allows (any status but 3xx).
    /// Failures without an answer are retried as the policy says, and returned when it is spent.
    pub(super) async fn exchange(
        &self,
        req: &Request,
        mut policy: RetryPolicy,
    ) -> Result<(Answered, u32), TransportError> {
        let mut origin = self.opts.base_url.clone();
        loop {
            let attempts = policy.begin();
            let url = target_url(&origin, &req.path);
            let read = match self.attempt(req, &url, Mode::Api).await {
                Ok(head) => head.read(&self.tracer).await,
                Err(f) => Err(f),
            };
            let failed = match read {
                Ok(a) if a.status >= 500 || a.status == 429 => {
                    // §10.3: 5xx and 429 may succeed with the same parameters.
                    let api = ApiError::from_response(a.status, &a.body, None);
                    let Some(wait) = policy.next_wait(retry_after(&a.headers)) else {
                        return Ok((a, attempts));
                    };
                    self.tracer.note(&format!(
                        "HTTP {} {}; retrying in {} ms",
                        api.status,
                        api.code,
                        wait.as_millis()
                    ));
                    tokio::time::sleep(wait).await;
                    continue;
                }
                Ok(a) => return Ok((a, attempts)),
                Err(f) => f,
            };
            let shown = super::redact_url(&url);
            if failed.connect
                && let Some(backup) = policy.switch_to_backup()
            {
                self.tracer.note(&format!(
                    "{shown}: {}; switching to the backup host {backup}",
                    failed.what
                ));
                origin = backup;
                continue;
            }
            let err = failed.error.with_attempts(attempts);
            if err.is_retryable()
                && let Some(wait) = policy.next_wait(None)
            {
                self.tracer.note(&format!(
                    "{shown}: {}; retrying in {} ms",
                    failed.what,
                    wait.as_millis()
                ));
                tokio::time::sleep(wait).await;
                continue;
            }
            return Err(err);
        }
    }

    /// WeChat Pay's error answer as an error: its `Retry-After`, and for a 401 the doctor's
    /// diagnosis (a SIGN_ERROR's rebuilt message, or a skewed clock).
    pub(super) fn api_error(&self, a: &Answered) -> TransportError {
        let mut api = ApiError::from_response(a.status, &a.body, a.request_id());
        api.retry_after = retry_after(&a.headers);
        if api.status == 401 {
            api.diagnosis = match &api.detail {
                Some(d) => doctor::diagnose(&a.message, d),
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
        TransportError::api(api)
    }

    /// What a call's final answer amounts to: a 2xx verified over its raw bytes and checked
    /// against what the request asked (issue 11, items 9 and 14), or WeChat Pay's error.
    async fn accept(
        &self,
        req: &Request,
        a: Answered,
        attempts: u32,
    ) -> Result<Response, TransportError> {
        if !a.is_success() {
            return Err(self.api_error(&a));
        }
        let request_id = a.request_id();
        let verified_by = if req.response_is_unsigned() {
            None
        } else {
            let by = self.verify(req, &a).await?;
            req.answer
                .check(&a.body, &self.signer.mchid)
                .map_err(|problem| TransportError::Answer {
                    method: req.method.to_string(),
                    path: req.path.clone(),
                    problem: Box::new(problem),
                    request_id: request_id.clone(),
                })?;
            Some(by)
        };
        Ok(Response {
            status: a.status,
            request_id,
            server_timestamp: a.server_timestamp(),
            headers: a.headers,
            body: a.body,
            verified_by,
            attempts,
        })
    }

    /// Verify a 2xx over its raw bytes before anything parses it (apiv3.md §2).
    async fn verify(&self, req: &Request, a: &Answered) -> Result<KeyKind, TransportError> {
        let headers = signed_headers(a);
        let now = self.now();
        let fail = |err: VerifyError| TransportError::Verification {
            method: req.method.to_string(),
            path: req.path.clone(),
            err,
            request_id: a.request_id(),
        };
        let first = self
            .verifier
            .read()
            .expect("verifier lock")
            .verify(&headers, &a.body, now);
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
                    .verify(&headers, &a.body, now)
                    .map_err(fail)
            }
            Err(e) => Err(fail(e)),
        }
    }

    async fn refresh_certificates(&self) -> Result<(), anyhow::Error> {
        let certs = self.fetch_certificates().await?;
        let mut v = self.verifier.write().expect("verifier lock");
        for c in certs {
            v.add_certificate(c);
        }
        Ok(())
    }

    /// Verify an answer with the keys this client trusts now (the probe's check).
    pub(super) fn verify_now(&self, a: &Answered) -> Result<KeyKind, VerifyError> {
        self.verifier
            .read()
            .expect("verifier lock")
            .verify(&signed_headers(a), &a.body, self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_is_what_a_send_would_use() {
        // The one dry-run view (issue 12): the URL a send builds (target_url) and the message
        // the signer signs, for the same timestamp and nonce.
        let req = Request::get("/v3/combine-transactions/out-trade-no/C1?x=1");
        let p = Client::preview("http://127.0.0.1:8780/", &req, "1554208460", "N0");
        assert_eq!(p.method, "GET");
        assert_eq!(
            p.url,
            "http://127.0.0.1:8780/v3/combine-transactions/out-trade-no/C1?x=1"
        );
        assert_eq!(
            p.message,
            b"GET\n/v3/combine-transactions/out-trade-no/C1?x=1\n1554208460\nN0\n\n".to_vec()
        );
    }
}
