//! The local notification receiver behind `notify listen` (issue 6), also the demo's receiver.
//!
//! Each POST is verified over its raw bytes, age-checked, decrypted, de-duplicated by id, and
//! forwarded; only then is it acknowledged with 204. Anything else gets 4xx/5xx with
//! `{"code":"FAIL","message":…}` so WeChat Pay retries (apiv3.md §7.3). Events go to a channel;
//! the command prints them (render is the only stdout writer).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use crate::api::notification::{self, NotifyError, OpenRules};
use crate::signing::ApiV3Key;
use crate::signing::verify::{KeyKind, Verifier};
use crate::transport::http::{build_client, describe, send_raw};

/// How the receiver behaves.
#[derive(Clone)]
pub struct ReceiverOptions {
    pub listen: SocketAddr,
    pub path: String,
    pub forward_to: Option<String>,
    pub max_age: u64,
    pub verifier: Verifier,
    pub key: ApiV3Key,
    /// WeChat Pay waits 5 s for the answer (§7.3), so the forward gets less.
    pub forward_timeout: Duration,
    /// `--save-raw DIR`: every delivery is saved here as a `--raw` capture before it is checked
    /// (issue 15, item 6), so a refused one can be studied too.
    pub save_raw: Option<std::path::PathBuf>,
}

/// A notification that was verified, decrypted, forwarded (if asked) and acknowledged.
#[derive(Debug, Clone, Serialize)]
pub struct Accepted {
    pub id: String,
    pub event_type: String,
    pub create_time: String,
    pub summary: String,
    pub verified_by: &'static str,
    pub serial: String,
    /// HTTP status of the forward target, when there is one.
    pub forwarded: Option<u16>,
    /// The decrypted resource.
    pub resource: Value,
}

#[derive(Debug, Clone)]
pub enum Event {
    /// A delivery saved by `--save-raw`.
    Saved {
        path: std::path::PathBuf,
    },
    Accepted(Box<Accepted>),
    /// A repeat of an id already forwarded: acknowledged, not forwarded again.
    Duplicate {
        id: String,
    },
    /// Refused with this status; WeChat Pay will retry.
    Rejected {
        status: u16,
        reason: String,
    },
}

/// Per notification id: whether it has been forwarded. The mutex serialises concurrent
/// deliveries of one id, so a repeat never forwards twice.
type Seen = Mutex<HashMap<String, Arc<tokio::sync::Mutex<bool>>>>;

struct Shared {
    opts: ReceiverOptions,
    seen: Seen,
    http: crate::transport::http::HttpClient,
    events: mpsc::UnboundedSender<Event>,
}

pub struct RunningReceiver {
    pub addr: SocketAddr,
    pub events: mpsc::UnboundedReceiver<Event>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl RunningReceiver {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Stop accepting and wait for in-flight requests to finish.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = self.task.await;
    }
}

fn fail(status: StatusCode, message: String) -> Response {
    (
        status,
        [("Content-Type", "application/json")],
        json!({ "code": "FAIL", "message": message }).to_string(),
    )
        .into_response()
}

/// Bind and serve on the current tokio runtime.
pub async fn start(opts: ReceiverOptions) -> std::io::Result<RunningReceiver> {
    let listener = tokio::net::TcpListener::bind(opts.listen).await?;
    let addr = listener.local_addr()?;
    let (tx, rx) = mpsc::unbounded_channel();
    let http = build_client(opts.forward_timeout, &crate::transport::user_agent());
    let path = opts.path.clone();
    let shared = Arc::new(Shared {
        opts,
        seen: Mutex::new(HashMap::new()),
        http,
        events: tx,
    });
    let app = Router::new()
        .route(&path, axum::routing::post(receive))
        .with_state(shared);
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stop_rx.await;
            })
            .await;
    });
    Ok(RunningReceiver {
        addr,
        events: rx,
        shutdown: Some(stop_tx),
        task,
    })
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

async fn receive(
    State(s): State<Arc<Shared>>,
    method: axum::http::Method,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let pairs: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    if let Some(dir) = &s.opts.save_raw {
        let target = uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        let raw = super::capture::raw_request(method.as_str(), &target, &pairs, &body);
        let id = super::capture::id_of(&body);
        let dir = dir.clone();
        let saved =
            tokio::task::spawn_blocking(move || super::capture::save(&dir, &id, &raw)).await;
        match saved {
            Ok(Ok(path)) => {
                let _ = s.events.send(Event::Saved { path });
            }
            // Asked to keep every delivery: one that cannot be kept is not acknowledged, so
            // WeChat Pay delivers it again (never lose data).
            Ok(Err(e)) => {
                let reason = format!("--save-raw: cannot save the delivery: {e}");
                let _ = s.events.send(Event::Rejected {
                    status: 500,
                    reason: reason.clone(),
                });
                return fail(StatusCode::INTERNAL_SERVER_ERROR, reason);
            }
            Err(e) => {
                let reason = format!("--save-raw: cannot save the delivery: {e}");
                let _ = s.events.send(Event::Rejected {
                    status: 500,
                    reason: reason.clone(),
                });
                return fail(StatusCode::INTERNAL_SERVER_ERROR, reason);
            }
        }
    }
    let signed = notification::signed_headers(&pairs);
    let rules = OpenRules {
        verify: true,
        max_age: Some(s.opts.max_age),
        now: now(),
    };
    let opened =
        match notification::open(&signed, &body, Some(&s.opts.verifier), &s.opts.key, rules) {
            Ok(o) => o,
            Err(e) => {
                let status = match e {
                    NotifyError::Verify(_) => StatusCode::UNAUTHORIZED,
                    NotifyError::Decrypt(_) | NotifyError::PlaintextNotJson(_) => {
                        StatusCode::BAD_REQUEST
                    }
                    _ => StatusCode::BAD_REQUEST,
                };
                let _ = s.events.send(Event::Rejected {
                    status: status.as_u16(),
                    reason: e.to_string(),
                });
                return fail(status, e.to_string());
            }
        };
    let id = opened.envelope.id.clone();
    let lock = {
        let mut seen = s.seen.lock().expect("seen lock");
        seen.entry(id.clone()).or_default().clone()
    };
    let mut forwarded = lock.lock().await;
    if *forwarded {
        let _ = s.events.send(Event::Duplicate { id });
        return StatusCode::NO_CONTENT.into_response();
    }
    let mut forward_status = None;
    if let Some(url) = &s.opts.forward_to {
        let sent = send_raw(
            &s.http,
            "POST",
            url,
            &[
                ("Content-Type", "application/json"),
                ("X-Wxcombine-Notification-Id", &id),
                ("X-Wxcombine-Event-Type", &opened.envelope.event_type),
            ],
            opened.plaintext.clone(),
        )
        .await;
        match sent {
            Ok(r) if (200..300).contains(&r.status) => forward_status = Some(r.status),
            Ok(r) => {
                let reason = format!(
                    "{id}: forward to {url} answered HTTP {}; not acknowledged, WeChat Pay will retry",
                    r.status
                );
                let _ = s.events.send(Event::Rejected {
                    status: 502,
                    reason: reason.clone(),
                });
                return fail(StatusCode::BAD_GATEWAY, reason);
            }
            Err(e) => {
                let reason = format!(
                    "{id}: forward to {url} failed: {}; not acknowledged, WeChat Pay will retry",
                    describe(&e)
                );
                let _ = s.events.send(Event::Rejected {
                    status: 502,
                    reason: reason.clone(),
                });
                return fail(StatusCode::BAD_GATEWAY, reason);
            }
        }
    }
    *forwarded = true;
    drop(forwarded);
    let resource: Value = serde_json::from_slice(&opened.plaintext).unwrap_or(Value::Null);
    let accepted = Accepted {
        id,
        event_type: opened.envelope.event_type.clone(),
        create_time: opened.envelope.create_time.clone(),
        summary: opened.envelope.summary.clone(),
        verified_by: match opened.verified_by {
            Some(KeyKind::PublicKey) => "public key",
            Some(KeyKind::Certificate) => "platform certificate",
            None => "none",
        },
        serial: signed.serial.clone(),
        forwarded: forward_status,
        resource,
    };
    let _ = s.events.send(Event::Accepted(Box::new(accepted)));
    StatusCode::NO_CONTENT.into_response()
}
