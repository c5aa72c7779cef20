//! Control endpoints under `/sandbox/v1/` (unauthenticated JSON; the reason the sandbox binds
//! loopback only unless `--allow-remote`). Errors use WeChat Pay's `{code, message}` shape. Each
//! endpoint reads its query or body and calls one service.
//!
//! | endpoint | body / query | answer |
//! |---|---|---|
//! | `GET info` | | [`SandboxInfo`](crate::sandbox::SandboxInfo) |
//! | `GET orders` | `?mchid=&limit=` optional | `{"orders":[OrderSummary…]}`, newest first (API orders, not seeded ones) |
//! | `GET orders/{no}` | `?mchid=` optional | the order as query returns it |
//! | `POST orders/{no}/pay` | `?mchid=` optional | the paid order, as query returns it |
//! | `POST orders/{no}/expire` | `?mchid=` optional | the order, now `CLOSED` |
//! | `POST orders/{no}/refund` | `?mchid=`; [`RefundRequest`](crate::sandbox::RefundRequest) | the refund as `GET /v3/refund/domestic/refunds/{no}` answers it, plus `combine_out_trade_no`: made by the refunds service under the API's rules, successful at once |
//! | `GET notifications` | `?combine_out_trade_no=` optional | `{"notifications":[NotificationView…]}` |
//! | `POST seed` | [`SeedRequest`] | [`SeedView`] |
//! | `POST platform-certificates/rotate` | | [`RotationView`] |
//! | `GET/POST/DELETE faults` | POST: [`FaultSpec`](crate::sandbox::FaultSpec) | `{"faults":[Fault…]}` / `{"cleared":N}` |
//! | `GET/POST clock` | POST: [`ClockRequest`] | [`ClockView`] |
//! | `GET/DELETE requests` | `?since=ID&limit=N` optional (limit: at most N, oldest first) | `{"requests":[RequestRecord…]}` / `{"cleared":N}` |

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::Response;
use serde::{Deserialize, Serialize};
use serde_json::json;

pub use super::RequestRecord;
pub use crate::sandbox::clock::{ClockRequest, ClockView};
pub use crate::sandbox::keys::RotationView;
pub use crate::sandbox::notify::{NotificationAttempt, NotificationView};
pub use crate::sandbox::orders::{OrderSummary, SeedRequest, SeedView};

use super::respond::{error_response, request_id};
use crate::sandbox::Services;
use crate::sandbox::failure::{ApiFailure, internal};
use crate::sandbox::faults::FaultSpec;
use crate::sandbox::refunds::RefundRequest;

fn fail(f: ApiFailure) -> Response<Body> {
    error_response(&f, &request_id(f.numeric))
}

fn ok<T: Serialize>(v: &T) -> Response<Body> {
    let mut r = Response::new(Body::from(serde_json::to_vec(v).expect("views serialise")));
    r.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    r
}

/// A service's answer: the view, or its refusal.
fn answer<T: Serialize>(r: Result<T, ApiFailure>) -> Response<Body> {
    match r {
        Ok(v) => ok(&v),
        Err(f) => fail(f),
    }
}

/// Parse a JSON body ourselves so a bad one gets our error shape, then run `f` with it off the
/// async workers (services commit to disk).
fn with_body<B: serde::de::DeserializeOwned, T: Serialize>(
    bytes: &[u8],
    f: impl FnOnce(B) -> Result<T, ApiFailure>,
) -> Response<Body> {
    match serde_json::from_slice(bytes) {
        Ok(b) => answer(tokio::task::block_in_place(|| f(b))),
        Err(e) => fail(ApiFailure::bad_request(format!("bad request body: {e}"))),
    }
}

#[derive(Deserialize)]
pub(crate) struct MchidQuery {
    mchid: Option<String>,
}

pub(crate) async fn info(State(sb): State<Arc<Services>>) -> Response<Body> {
    ok(&sb.info())
}

#[derive(Deserialize)]
pub(crate) struct OrdersQuery {
    mchid: Option<String>,
    limit: Option<usize>,
}

pub(crate) async fn orders(
    State(sb): State<Arc<Services>>,
    Query(q): Query<OrdersQuery>,
) -> Response<Body> {
    let limit = q.limit.unwrap_or(crate::sandbox::orders::DEFAULT_LIMIT);
    match sb.orders.recent(q.mchid.as_deref(), limit) {
        Ok(v) => ok(&json!({ "orders": v })),
        Err(f) => fail(f),
    }
}

/// One order as query shows it: of `mchid`, or of whichever merchant has it.
pub(crate) async fn order(
    State(sb): State<Arc<Services>>,
    Path(no): Path<String>,
    Query(q): Query<MchidQuery>,
) -> Response<Body> {
    answer(match q.mchid.as_deref() {
        Some(m) => sb.orders.query(m, &no),
        None => sb.orders.locate(None, &no).and_then(|key| {
            let mchid = key.split_once('/').map_or("", |(m, _)| m);
            sb.orders.query(mchid, &no)
        }),
    })
}

pub(crate) async fn pay(
    State(sb): State<Arc<Services>>,
    Path(no): Path<String>,
    Query(q): Query<MchidQuery>,
) -> Response<Body> {
    answer(tokio::task::block_in_place(|| {
        sb.orders.pay(q.mchid.as_deref(), &no)
    }))
}

pub(crate) async fn expire(
    State(sb): State<Arc<Services>>,
    Path(no): Path<String>,
    Query(q): Query<MchidQuery>,
) -> Response<Body> {
    answer(tokio::task::block_in_place(|| {
        sb.orders.expire(q.mchid.as_deref(), &no)
    }))
}

pub(crate) async fn refund(
    State(sb): State<Arc<Services>>,
    Path(no): Path<String>,
    Query(q): Query<MchidQuery>,
    bytes: Bytes,
) -> Response<Body> {
    with_body(&bytes, |req: RefundRequest| {
        sb.refunds.hook(q.mchid.as_deref(), &no, &req)
    })
}

#[derive(Deserialize)]
pub(crate) struct NotificationsQuery {
    combine_out_trade_no: Option<String>,
}

pub(crate) async fn notifications(
    State(sb): State<Arc<Services>>,
    Query(q): Query<NotificationsQuery>,
) -> Response<Body> {
    match sb.notifications.views(q.combine_out_trade_no.as_deref()) {
        Ok(v) => ok(&json!({ "notifications": v })),
        Err(e) => fail(internal(e)),
    }
}

pub(crate) async fn seed(State(sb): State<Arc<Services>>, bytes: Bytes) -> Response<Body> {
    with_body(&bytes, |req: SeedRequest| sb.orders.seed(&req))
}

pub(crate) async fn faults_list(State(sb): State<Arc<Services>>) -> Response<Body> {
    ok(&json!({ "faults": sb.faults.list() }))
}

pub(crate) async fn faults_add(State(sb): State<Arc<Services>>, bytes: Bytes) -> Response<Body> {
    with_body(&bytes, |spec: FaultSpec| match sb.faults.add(spec) {
        Ok(_) => Ok(json!({ "faults": sb.faults.list() })),
        Err(m) => Err(ApiFailure::bad_request(m)),
    })
}

pub(crate) async fn faults_clear(State(sb): State<Arc<Services>>) -> Response<Body> {
    ok(&json!({ "cleared": sb.faults.clear() }))
}

pub(crate) async fn rotate_cert(State(sb): State<Arc<Services>>) -> Response<Body> {
    answer(tokio::task::block_in_place(|| sb.keys.rotate()))
}

pub(crate) async fn clock_get(State(sb): State<Arc<Services>>) -> Response<Body> {
    ok(&sb.clock.view())
}

pub(crate) async fn clock_set(State(sb): State<Arc<Services>>, bytes: Bytes) -> Response<Body> {
    with_body(&bytes, |req: ClockRequest| sb.clock.set(&req))
}

#[derive(Deserialize)]
pub(crate) struct RequestsQuery {
    since: Option<u64>,
    limit: Option<usize>,
}

pub(crate) async fn requests(
    State(sb): State<Arc<Services>>,
    Query(q): Query<RequestsQuery>,
) -> Response<Body> {
    let since = q.since.unwrap_or(0);
    let records = match q.limit {
        Some(n) => sb.requests.page(since, n),
        None => sb.requests.since(since),
    };
    ok(&json!({ "requests": records }))
}

pub(crate) async fn requests_clear(State(sb): State<Arc<Services>>) -> Response<Body> {
    ok(&json!({ "cleared": sb.requests.clear() }))
}

pub(crate) async fn unknown() -> Response<Body> {
    fail(ApiFailure::new(
        404,
        "RESOURCE_NOT_EXISTS",
        "no such sandbox control endpoint; see GET /sandbox/v1/info",
    ))
}
