//! The HTTP layer: the `/v3/…` API WeChat Pay serves and the sandbox's own control endpoints, on
//! one hyper server ([`server`]). It owns no business state, only the request log and the replay
//! window.
//!
//! How a `/v3/…` request flows ([`handle`]), each step refusing in WeChat Pay's error shape
//! (§13.27):
//! 1. early faults (§13.27: latency, 500, 429, a dropped connection) before anything is read;
//! 2. route ([`routing`]): 404 for an unknown path, 405 for a wrong method;
//! 3. authenticate ([`auth`]): Accept/User-Agent → Content-Type → the `Authorization` header
//!    verified by `signing::request` (format → merchant → serial → timestamp → signature over the
//!    raw bytes) → replay;
//! 4. dispatch ([`handlers`]): the endpoint's handler parses the query and body ([`wire`]) and
//!    asks a service (orders, keys, bills);
//! 5. sign (§13.10): every answer to an authenticated request, errors included, signed with the
//!    key the request's `Wechatpay-Serial` picks; a bill download streams unsigned ([`files`]).

mod auth;
pub mod control;
mod files;
mod handlers;
mod respond;
mod routing;
pub(crate) mod server;
mod wire;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::Response;
use serde::{Deserialize, Serialize};

pub(crate) use auth::ReplayGuard;
pub use respond::request_id;
pub use wire::{check_close_request, check_prepay_body};

use self::handlers::{Call, Reply};
use self::respond::{error_response, signed_response};
use self::server::ConnKill;
use self::wire::header_str;
use super::Services;
use super::clock::{self, real_now};
use super::failure::ApiFailure;
use super::faults::FaultKind;

/// Request bodies larger than this are refused (combine bodies are a few KiB).
const MAX_BODY: usize = 1 << 20;

/// How many request records `GET /sandbox/v1/requests` keeps.
const REQUEST_LOG_MAX: usize = 100_000;

/// One API request as received (`GET /sandbox/v1/requests`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RequestRecord {
    pub id: u64,
    /// Real time received, RFC 3339.
    pub time: String,
    pub method: String,
    /// Path and query exactly as received.
    pub path: String,
    /// `None` when the connection was dropped on purpose.
    pub status: Option<u16>,
    /// The verified caller, when the request got that far.
    pub mchid: Option<String>,
    pub request_id: String,
    /// WeChat Pay's error `code` of a refusal (`PARAM_ERROR`, `SIGN_ERROR`, …); `None` for a
    /// success (issue 15, item 5: the request log shows why a request failed).
    #[serde(default)]
    pub code: Option<String>,
    /// From the request's arrival to its answer being ready, in milliseconds (faults' latency
    /// included; streaming a download's body is not).
    #[serde(default)]
    pub latency_ms: Option<u64>,
}

/// The API requests received, newest last, at most [`REQUEST_LOG_MAX`] (control endpoints are not
/// logged).
#[derive(Default)]
pub(crate) struct RequestLog {
    /// The last id given, and the records.
    inner: Mutex<(u64, VecDeque<RequestRecord>)>,
}

impl RequestLog {
    fn push(&self, mut rec: RequestRecord) {
        let mut g = self.inner.lock().expect("request log lock");
        g.0 += 1;
        rec.id = g.0;
        g.1.push_back(rec);
        while g.1.len() > REQUEST_LOG_MAX {
            g.1.pop_front();
        }
    }

    /// The records after id `since`.
    pub fn since(&self, since: u64) -> Vec<RequestRecord> {
        let g = self.inner.lock().expect("request log lock");
        g.1.iter().filter(|r| r.id > since).cloned().collect()
    }

    /// At most `limit` records after id `since`, oldest first (a page of the control listing: a
    /// full log is too big for one answer).
    pub fn page(&self, since: u64, limit: usize) -> Vec<RequestRecord> {
        let g = self.inner.lock().expect("request log lock");
        g.1.iter()
            .filter(|r| r.id > since)
            .take(limit)
            .cloned()
            .collect()
    }

    /// Forget every record; returns how many there were.
    pub fn clear(&self) -> usize {
        let mut g = self.inner.lock().expect("request log lock");
        let n = g.1.len();
        g.1.clear();
        n
    }
}

/// The fallback handler: everything that is not a control endpoint.
pub(crate) async fn handle(
    State(sb): State<Arc<Services>>,
    Extension(kill): Extension<ConnKill>,
    req: Request,
) -> Response<Body> {
    let method = req.method().as_str().to_string();
    let target = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_string);
    let headers = req.headers().clone();
    let started = std::time::Instant::now();
    let mut record = RequestRecord {
        id: 0,
        time: clock::rfc3339(real_now()),
        method: method.clone(),
        path: target.clone(),
        status: None,
        mchid: None,
        request_id: String::new(),
        code: None,
        latency_ms: None,
    };
    let body = match axum::body::to_bytes(req.into_body(), MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            let f = ApiFailure::param("/", None, "the body is larger than 1 MiB", "body");
            return refuse(&sb, record, f, started);
        }
    };

    // 1. Early faults (§13.27): a gateway-level answer before anything is checked.
    if let Some(f) = sb.faults.take(&[FaultKind::Latency], &path) {
        tokio::time::sleep(Duration::from_millis(f.ms.unwrap_or(0))).await;
    }
    if let Some(f) = sb.faults.take(FaultKind::EARLY, &path) {
        let refusal = match f.kind {
            FaultKind::DropConnection => {
                record.latency_ms = Some(elapsed_ms(started));
                sb.requests.push(record.clone());
                kill.0.notify_one();
                // The connection task drops the socket; this response is never written.
                std::future::pending().await
            }
            FaultKind::FrequencyLimited => ApiFailure::new(429, "FREQUENCY_LIMITED", "频率超限"),
            _ => ApiFailure::new(500, "SYSTEM_ERROR", "系统异常，请稍后重试"),
        };
        return refuse(&sb, record, refusal, started);
    }

    // 2. Route.
    let matched = match routing::route(&method, &path) {
        Ok(r) => r,
        Err(f) => return refuse(&sb, record, f, started),
    };
    // 3. Authenticate.
    let caller = match auth::authenticate(&sb.keys, &sb.replay, &method, &target, &headers, &body) {
        Ok(c) => c,
        Err(f) => return refuse(&sb, record, f, started),
    };
    record.mchid = Some(caller.mchid.clone());
    // 4. Dispatch.
    let serial = header_str(&headers, "wechatpay-serial").filter(|s| !s.is_empty());
    let call = Call {
        endpoint: matched.endpoint(),
        caller: &caller,
        query: query.as_deref(),
        headers: &headers,
        body,
        serial,
        key: sb.keys.response_key(serial),
    };
    let reply = handlers::dispatch(&sb, &matched, call).await;
    // 5. Sign and answer.
    let now = real_now();
    match reply {
        // §2.6: WeChat Pay usually signs its error answers once the request itself authenticated
        // (never a 401, never a bill download). Doing the same lets a client that checks them
        // (`profile check` in public-key mode, where the probe's answer is a 404) exercise its
        // verifier; clients that ignore them lose nothing. The key is picked again: in the
        // test-only alternating mode that is one more turn, as it always was.
        Err(f) => {
            let key = sb.keys.response_key(serial);
            let rid = log_answer(&sb, record, f.status, Some(&f), started);
            signed_response(
                f.status,
                Bytes::from(f.body_json()),
                &sb.keys.signing_key(key),
                now,
                None,
                &rid,
            )
        }
        Ok(Reply::Signed(status, bytes, key)) => {
            let fault = sb.faults.take(FaultKind::SIGNATURE, &path).map(|f| f.kind);
            let rid = log_answer(&sb, record, status, None, started);
            signed_response(
                status,
                Bytes::from(bytes),
                &sb.keys.signing_key(key),
                now,
                fault,
                &rid,
            )
        }
        Ok(Reply::Download(d)) => {
            // §13.12: no Wechatpay-* headers on downloads.
            let truncate = sb
                .faults
                .take(&[FaultKind::TruncateDownload], &path)
                .is_some();
            let rid = log_answer(&sb, record, 200, None, started);
            files::download_response(&d, truncate, &rid)
        }
    }
}

/// An unsigned refusal, logged: before authentication there is no one to sign for.
fn refuse(
    sb: &Services,
    record: RequestRecord,
    f: ApiFailure,
    started: std::time::Instant,
) -> Response<Body> {
    let rid = log_answer(sb, record, f.status, Some(&f), started);
    error_response(&f, &rid)
}

/// Log the answer to `record` (its status, a refusal's code, the time taken) under a fresh
/// Request-ID, which is returned for the answer's header.
fn log_answer(
    sb: &Services,
    mut record: RequestRecord,
    status: u16,
    refusal: Option<&ApiFailure>,
    started: std::time::Instant,
) -> String {
    let rid = request_id(refusal.and_then(|f| f.numeric));
    record.status = Some(status);
    record.request_id = rid.clone();
    record.code = refusal.map(|f| f.code.to_string());
    record.latency_ms = Some(elapsed_ms(started));
    sb.requests.push(record);
    rid
}

/// Milliseconds since `started`, for the request log.
fn elapsed_ms(started: std::time::Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}
