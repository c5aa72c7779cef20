//! Control endpoints under `/sandbox/v1/` (unauthenticated JSON; the reason the sandbox binds
//! loopback only unless `--allow-remote`). Errors use WeChat Pay's `{code, message}` shape.
//!
//! | endpoint | body / query | answer |
//! |---|---|---|
//! | `GET info` | | [`SandboxInfo`](super::SandboxInfo) |
//! | `POST orders/{no}/pay` | `?mchid=` optional | the paid order, as query returns it |
//! | `POST orders/{no}/expire` | `?mchid=` optional | the order, now `CLOSED` |
//! | `POST orders/{no}/refund` | `?mchid=`; [`RefundRequest`](super::RefundRequest) | the refund (`refund_id`, `out_refund_no`, `amount`, …) |
//! | `GET notifications` | `?combine_out_trade_no=` optional | `{"notifications":[NotificationView…]}` |
//! | `POST seed` | [`SeedRequest`] | [`SeedView`] |
//! | `GET/POST/DELETE faults` | POST: [`FaultSpec`](super::FaultSpec) | `{"faults":[Fault…]}` / `{"cleared":N}` |
//! | `GET/POST clock` | POST: [`ClockRequest`] | [`ClockView`] |
//! | `GET/DELETE requests` | `?since=ID` optional | `{"requests":[RequestRecord…]}` / `{"cleared":N}` |

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::Response;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::Core;
use super::faults::FaultSpec;
use super::notify::Notification;
use super::orders::internal;
use super::respond::{ApiFailure, error_response, request_id};
use super::seed::{self, SeedBatch};
use super::store::{self, NOTIFS, SEEDS};
use super::{clock, keys};

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
}

/// `POST /sandbox/v1/seed`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedRequest {
    /// `yyyy-MM-dd` (Beijing), not in the future.
    pub date: String,
    pub orders: u64,
    /// The combine merchant (default: the main merchant); sub-order 0 is always its own. In
    /// 服务商 mode it must be the 服务商, and the orders name its 二级商户 in sub_mchid.
    #[serde(default)]
    pub mchid: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SeedView {
    pub batch: u64,
    pub date: String,
    pub orders: u64,
    pub combine_mchid: String,
    pub first: String,
    pub last: String,
}

/// `POST /sandbox/v1/clock`: exactly one of the three.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockRequest {
    /// Set business time to this RFC 3339 instant.
    #[serde(default)]
    pub now: Option<String>,
    /// Set the offset from real time, in seconds (0 = real time).
    #[serde(default)]
    pub offset_secs: Option<i64>,
    /// Move business time by this many seconds.
    #[serde(default)]
    pub advance_secs: Option<i64>,
}

/// The platform certificates after a rotation (`POST /sandbox/v1/platform-certificates/rotate`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RotationView {
    /// The new certificate's serial: listed by `GET /v3/certificates` from now on.
    pub serial_no: String,
    /// Business time from which it signs (24 h after publication, §13.11).
    pub usable_from: String,
    /// The serial that signs until then.
    pub in_use: String,
    /// Every published serial, oldest first.
    pub published: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClockView {
    /// Business time, RFC 3339 Beijing.
    pub now: String,
    pub unix: i64,
    pub offset_secs: i64,
}

/// A notification and every delivery attempt (`GET /sandbox/v1/notifications`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NotificationView {
    pub id: String,
    pub combine_mchid: String,
    pub combine_out_trade_no: String,
    pub notify_url: String,
    pub event_type: String,
    pub created_at: String,
    pub delivered: bool,
    pub gave_up: bool,
    /// Real time of the next attempt, when one is planned.
    pub next_attempt_at: Option<String>,
    /// The envelope every attempt sends.
    pub body: String,
    pub attempts: Vec<NotificationAttempt>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NotificationAttempt {
    pub notification_id: String,
    pub combine_out_trade_no: String,
    pub attempt: u32,
    pub time: String,
    pub url: String,
    /// Request headers exactly as sent (Wechatpay-Timestamp/Nonce/Signature/Serial, …).
    pub headers: Vec<(String, String)>,
    /// The body exactly as sent.
    pub body: String,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub delivered: bool,
    pub duration_ms: u64,
    pub duplicate: bool,
}

fn fail(f: ApiFailure) -> Response<Body> {
    error_response(&f, &request_id(f.numeric))
}

fn bad(message: impl Into<String>) -> ApiFailure {
    ApiFailure::new(400, "PARAM_ERROR", message)
}

fn ok<T: Serialize>(v: &T) -> Response<Body> {
    let mut r = Response::new(Body::from(serde_json::to_vec(v).expect("views serialise")));
    r.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    r
}

/// Parse a JSON body ourselves so a bad one gets our error shape.
fn body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiFailure> {
    serde_json::from_slice(bytes).map_err(|e| bad(format!("bad request body: {e}")))
}

impl Core {
    pub fn seed(&self, req: &SeedRequest) -> Result<SeedView, ApiFailure> {
        let date = clock::parse_date(&req.date)
            .ok_or_else(|| bad(format!("date {:?} is not yyyy-MM-dd", req.date)))?;
        if date > clock::date_of(self.clock.now()) {
            return Err(bad(format!(
                "date {} is in the future (business today is {})",
                req.date,
                clock::format_date(clock::date_of(self.clock.now()))
            )));
        }
        if req.orders == 0 || req.orders > seed::MAX_ORDERS {
            return Err(bad(format!(
                "orders must be 1..={}, not {}",
                seed::MAX_ORDERS,
                req.orders
            )));
        }
        let mchid = req
            .mchid
            .clone()
            .unwrap_or_else(|| super::keys::MAIN_MCHID.to_string());
        let Some(m) = self.ids.merchant(&mchid) else {
            return Err(bad(format!(
                "merchant {mchid} is not known to this sandbox"
            )));
        };
        // 服务商 mode: only the 服务商 places orders, naming its 二级商户 in sub_mchid (§6.3).
        let sub_mchids = self.sub_merchants_of(&mchid);
        if self.opts.service_provider && sub_mchids.is_empty() {
            return Err(ApiFailure::new(
                403,
                "NO_AUTH",
                format!(
                    "merchant {mchid} is a 二级商户 in this 服务商-mode sandbox; seed the 服务商's orders instead"
                ),
            ));
        }
        let partners: Vec<String> = self
            .related_to(&mchid)
            .into_iter()
            .filter(|x| *x != mchid)
            .collect();
        let mut seeds = self.seeds.write().expect("seeds lock");
        let id = seeds.iter().map(|b| b.id).max().unwrap_or(0) + 1;
        if id > seed::MAX_BATCHES {
            return Err(bad("too many seeded batches in this data dir"));
        }
        let batch = SeedBatch {
            id,
            date: clock::format_date(date),
            count: req.orders,
            combine_mchid: mchid.clone(),
            appid: m.appid.clone(),
            openid: m.openid.clone(),
            partners,
            sub_mchids,
        };
        self.store
            .write(|txn| {
                let mut t = txn.open_table(SEEDS)?;
                t.insert(id, store::encode(&batch).as_slice())?;
                drop(t);
                store::bump_in(txn, &format!("billver/{}", batch.date))?;
                Ok(())
            })
            .map_err(internal)?;
        let view = SeedView {
            batch: id,
            date: batch.date.clone(),
            orders: batch.count,
            combine_mchid: mchid,
            first: batch.number(0),
            last: batch.number(batch.count - 1),
        };
        seeds.push(batch);
        Ok(view)
    }

    pub fn set_clock(&self, req: &ClockRequest) -> Result<ClockView, ApiFailure> {
        let given = req.now.is_some() as u8
            + req.offset_secs.is_some() as u8
            + req.advance_secs.is_some() as u8;
        if given != 1 {
            return Err(bad("give exactly one of now, offset_secs, advance_secs"));
        }
        let real = clock::real_now_ms();
        let offset_ms = if let Some(now) = &req.now {
            let t =
                time::OffsetDateTime::parse(now, &time::format_description::well_known::Rfc3339)
                    .map_err(|_| bad(format!("now {now:?} is not an RFC 3339 time")))?;
            (t.unix_timestamp_nanos() / 1_000_000) as i64 - real
        } else if let Some(o) = req.offset_secs {
            o.saturating_mul(1000)
        } else {
            self.clock.offset_ms() + req.advance_secs.unwrap_or(0).saturating_mul(1000)
        };
        self.store
            .write(|txn| {
                let mut t = txn.open_table(store::META)?;
                t.insert("clock_offset_ms", store::encode(&offset_ms).as_slice())?;
                Ok(())
            })
            .map_err(internal)?;
        self.clock.set_offset_ms(offset_ms);
        Ok(self.clock_view())
    }

    /// §13.11 rotation: a new platform certificate, published now, signing 24 h (business time)
    /// later. Only where there are platform certificates (cert and mixed key modes).
    pub fn rotate_cert(&self) -> Result<RotationView, ApiFailure> {
        if !self.opts.key_mode.has_cert() {
            return Err(bad(
                "this sandbox runs in pubkey key mode and has no platform certificate to rotate \
                 (start it with --key-mode cert or mixed)",
            ));
        }
        let now = self.clock.now();
        let p = &self.ids.platform;
        let added = p
            .rotate(now + keys::ROTATION_NOTICE_SECS)
            .map_err(internal)?;
        Ok(RotationView {
            serial_no: added.cert.serial.clone(),
            usable_from: clock::rfc3339(added.usable_from),
            in_use: p.cert_in_use(now).cert.serial.clone(),
            published: p
                .published_certs()
                .iter()
                .map(|c| c.cert.serial.clone())
                .collect(),
        })
    }

    pub fn clock_view(&self) -> ClockView {
        let now = self.clock.now();
        ClockView {
            now: clock::rfc3339(now),
            unix: now,
            offset_secs: self.clock.offset_ms().div_euclid(1000),
        }
    }

    pub fn notification_views(&self, order: Option<&str>) -> anyhow::Result<Vec<NotificationView>> {
        let all = self.store.scan::<Notification>(NOTIFS, "")?;
        Ok(all
            .into_iter()
            .map(|(_, n)| n)
            .filter(|n| order.is_none_or(|o| o == n.combine_out_trade_no))
            .map(|n| NotificationView {
                attempts: n
                    .attempts
                    .iter()
                    .map(|a| NotificationAttempt {
                        notification_id: n.id.clone(),
                        combine_out_trade_no: n.combine_out_trade_no.clone(),
                        attempt: a.attempt,
                        time: a.time.clone(),
                        url: a.url.clone(),
                        headers: a.headers.clone(),
                        body: n.body.clone(),
                        status: a.status,
                        error: a.error.clone(),
                        delivered: a.delivered,
                        duration_ms: a.duration_ms,
                        duplicate: a.duplicate,
                    })
                    .collect(),
                id: n.id,
                combine_mchid: n.combine_mchid,
                combine_out_trade_no: n.combine_out_trade_no,
                notify_url: n.notify_url,
                event_type: "TRANSACTION.SUCCESS".into(),
                created_at: clock::rfc3339(n.created_at),
                delivered: n.delivered,
                gave_up: n.gave_up,
                next_attempt_at: n.next_due_ms.map(|ms| clock::rfc3339(ms.div_euclid(1000))),
                body: n.body,
            })
            .collect())
    }
}

#[derive(Deserialize)]
pub(crate) struct MchidQuery {
    mchid: Option<String>,
}

pub(crate) async fn info(State(core): State<Arc<Core>>) -> Response<Body> {
    ok(&core.info())
}

pub(crate) async fn pay(
    State(core): State<Arc<Core>>,
    Path(no): Path<String>,
    Query(q): Query<MchidQuery>,
) -> Response<Body> {
    match tokio::task::block_in_place(|| core.pay(q.mchid.as_deref(), &no)) {
        Ok(order) => ok(&order),
        Err(f) => fail(f),
    }
}

pub(crate) async fn expire(
    State(core): State<Arc<Core>>,
    Path(no): Path<String>,
    Query(q): Query<MchidQuery>,
) -> Response<Body> {
    match tokio::task::block_in_place(|| core.expire(q.mchid.as_deref(), &no)) {
        Ok(order) => ok(&order),
        Err(f) => fail(f),
    }
}

pub(crate) async fn refund(
    State(core): State<Arc<Core>>,
    Path(no): Path<String>,
    Query(q): Query<MchidQuery>,
    bytes: axum::body::Bytes,
) -> Response<Body> {
    let req: super::RefundRequest = match body(&bytes) {
        Ok(r) => r,
        Err(f) => return fail(f),
    };
    match tokio::task::block_in_place(|| core.refund(q.mchid.as_deref(), &no, &req)) {
        Ok(v) => ok(&v),
        Err(f) => fail(f),
    }
}

#[derive(Deserialize)]
pub(crate) struct NotificationsQuery {
    combine_out_trade_no: Option<String>,
}

pub(crate) async fn notifications(
    State(core): State<Arc<Core>>,
    Query(q): Query<NotificationsQuery>,
) -> Response<Body> {
    match core.notification_views(q.combine_out_trade_no.as_deref()) {
        Ok(v) => ok(&json!({ "notifications": v })),
        Err(e) => fail(internal(e)),
    }
}

pub(crate) async fn seed(
    State(core): State<Arc<Core>>,
    bytes: axum::body::Bytes,
) -> Response<Body> {
    let req: SeedRequest = match body(&bytes) {
        Ok(r) => r,
        Err(f) => return fail(f),
    };
    match tokio::task::block_in_place(|| core.seed(&req)) {
        Ok(v) => ok(&v),
        Err(f) => fail(f),
    }
}

pub(crate) async fn faults_list(State(core): State<Arc<Core>>) -> Response<Body> {
    ok(&json!({ "faults": core.faults.list() }))
}

pub(crate) async fn faults_add(
    State(core): State<Arc<Core>>,
    bytes: axum::body::Bytes,
) -> Response<Body> {
    let spec: FaultSpec = match body(&bytes) {
        Ok(r) => r,
        Err(f) => return fail(f),
    };
    match core.faults.add(spec) {
        Ok(_) => ok(&json!({ "faults": core.faults.list() })),
        Err(m) => fail(bad(m)),
    }
}

pub(crate) async fn faults_clear(State(core): State<Arc<Core>>) -> Response<Body> {
    ok(&json!({ "cleared": core.faults.clear() }))
}

pub(crate) async fn rotate_cert(State(core): State<Arc<Core>>) -> Response<Body> {
    match tokio::task::block_in_place(|| core.rotate_cert()) {
        Ok(v) => ok(&v),
        Err(f) => fail(f),
    }
}

pub(crate) async fn clock_get(State(core): State<Arc<Core>>) -> Response<Body> {
    ok(&core.clock_view())
}

pub(crate) async fn clock_set(
    State(core): State<Arc<Core>>,
    bytes: axum::body::Bytes,
) -> Response<Body> {
    let req: ClockRequest = match body(&bytes) {
        Ok(r) => r,
        Err(f) => return fail(f),
    };
    match tokio::task::block_in_place(|| core.set_clock(&req)) {
        Ok(v) => ok(&v),
        Err(f) => fail(f),
    }
}

#[derive(Deserialize)]
pub(crate) struct RequestsQuery {
    since: Option<u64>,
}

pub(crate) async fn requests(
    State(core): State<Arc<Core>>,
    Query(q): Query<RequestsQuery>,
) -> Response<Body> {
    let g = core.requests.lock().expect("request log lock");
    let since = q.since.unwrap_or(0);
    let list: Vec<&RequestRecord> = g.1.iter().filter(|r| r.id > since).collect();
    ok(&json!({ "requests": list }))
}

pub(crate) async fn requests_clear(State(core): State<Arc<Core>>) -> Response<Body> {
    let mut g = core.requests.lock().expect("request log lock");
    let n = g.1.len();
    g.1.clear();
    ok(&json!({ "cleared": n }))
}

pub(crate) async fn unknown() -> Response<Body> {
    fail(ApiFailure::new(
        404,
        "RESOURCE_NOT_EXISTS",
        "no such sandbox control endpoint; see GET /sandbox/v1/info",
    ))
}
