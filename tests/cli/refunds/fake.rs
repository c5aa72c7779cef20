//! A small scripted WeChat Pay for the refund client tests (issue 13), until the sandbox serves
//! refunds: one paid combine order with one sub-order, the two refund endpoints of apiv3.md §14,
//! answers signed with the Go SDK's test platform key (the profile of [`crate::harness::hostile::env`]
//! trusts it). It keeps every refund request body, so a test can see what was sent and how often,
//! and it can be told to be slow, rate-limited, or to end refunds ABNORMAL.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

pub const MCHID: &str = "1900000109";
pub const TOTAL: i64 = 100;
pub const TRANSACTION_ID: &str = "4200000000202605010000000001";
/// The combine order every refund test uses, and its one sub-order.
pub const ORDER: &str = "RFK100001";
pub const SUB: &str = "RFK100001A";

/// How the fake behaves; change it between commands through [`Fake::script`].
#[derive(Debug, Clone, Default)]
pub struct Script {
    /// Answer the next N refund POSTs with 429 FREQUENCY_LIMITED (nothing created).
    pub frequency_limited: u32,
    /// Take the next N refund POSTs, then wait this long before answering.
    pub slow_posts: u32,
    pub slow_for: Duration,
    /// Answer the next refund POST with this error (status, code), nothing created.
    pub refuse: Option<(u16, &'static str)>,
    /// A refund turns to `final_status` on its `after`-th query (0: never).
    pub after: u32,
    pub final_status: String,
}

#[derive(Debug, Default)]
pub struct Inner {
    pub script: Script,
    /// Every refund POST body, in order.
    pub posts: Vec<Vec<u8>>,
    /// Refunds by out_refund_no: the object and how often it was queried.
    pub refunds: BTreeMap<String, (Value, u32)>,
}

pub struct Fake {
    pub url: String,
    pub state: Arc<Mutex<Inner>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Fake {
    pub fn start(script: Script) -> Self {
        let state = Arc::new(Mutex::new(Inner {
            script,
            ..Default::default()
        }));
        let (tx, rx) = tokio::sync::oneshot::channel();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let st = state.clone();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let app = axum::Router::new()
                    .route(
                        "/v3/combine-transactions/out-trade-no/{no}",
                        axum::routing::get(order),
                    )
                    .route("/v3/refund/domestic/refunds", axum::routing::post(create))
                    .route(
                        "/v3/refund/domestic/refunds/{no}",
                        axum::routing::get(query),
                    )
                    .with_state(st);
                let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(l.local_addr().unwrap()).unwrap();
                axum::serve(l, app)
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await
                    .unwrap();
            });
        });
        let addr = addr_rx.recv().unwrap();
        Fake {
            url: format!("http://{addr}"),
            state,
            stop: Some(tx),
            thread: Some(thread),
        }
    }

    pub fn script(&self, f: impl FnOnce(&mut Script)) {
        f(&mut self.state.lock().unwrap().script)
    }

    pub fn posts(&self) -> Vec<Vec<u8>> {
        self.state.lock().unwrap().posts.clone()
    }

    pub fn refund_numbers(&self) -> Vec<String> {
        self.state.lock().unwrap().refunds.keys().cloned().collect()
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        // Slow answers may still sleep; do not wait for them.
        drop(self.thread.take());
    }
}

type Shared = State<Arc<Mutex<Inner>>>;

fn signed(status: StatusCode, body: Vec<u8>) -> Response {
    let mut headers = HeaderMap::new();
    for (k, v) in crate::harness::hostile::signature_headers(&body) {
        headers.insert(
            HeaderName::from_static(match k {
                "Wechatpay-Timestamp" => "wechatpay-timestamp",
                "Wechatpay-Nonce" => "wechatpay-nonce",
                "Wechatpay-Signature" => "wechatpay-signature",
                "Wechatpay-Serial" => "wechatpay-serial",
                _ => "request-id",
            }),
            HeaderValue::from_str(&v).unwrap(),
        );
    }
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    (status, headers, body).into_response()
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    signed(
        status,
        json!({"code": code, "message": message})
            .to_string()
            .into_bytes(),
    )
}

/// The combine order `{no}` of [`MCHID`] with one paid sub-order `{no}A` of [`TOTAL`] fen,
/// `REFUND` once it has a refund.
async fn order(State(s): Shared, Path(no): Path<String>) -> Response {
    let refunded = !s.lock().unwrap().refunds.is_empty();
    let body = json!({
        "combine_appid": "wxd678efh567hg6787", "combine_mchid": MCHID, "combine_out_trade_no": no,
        "sub_orders": [{
            "mchid": MCHID, "trade_type": "JSAPI",
            "trade_state": if refunded { "REFUND" } else { "SUCCESS" },
            "bank_type": "CMC", "attach": "x",
            "amount": {"total_amount": TOTAL, "currency": "CNY", "payer_amount": TOTAL, "payer_currency": "CNY"},
            "success_time": "2026-11-30T10:00:00+08:00", "transaction_id": TRANSACTION_ID,
            "out_trade_no": format!("{no}A")
        }],
        "combine_payer_info": {"openid": "o1"}
    });
    signed(StatusCode::OK, body.to_string().into_bytes())
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .to_offset(time::UtcOffset::from_hms(8, 0, 0).unwrap())
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

async fn create(State(s): Shared, body: axum::body::Bytes) -> Response {
    let slow = {
        let mut st = s.lock().unwrap();
        st.posts.push(body.to_vec());
        if let Some((status, code)) = st.script.refuse.take() {
            return error(
                StatusCode::from_u16(status).unwrap(),
                code,
                "scripted refusal",
            );
        }
        if st.script.frequency_limited > 0 {
            st.script.frequency_limited -= 1;
            return error(
                StatusCode::TOO_MANY_REQUESTS,
                "FREQUENCY_LIMITED",
                "请更换商户退款单号并间隔1分钟后再次调用",
            );
        }
        let req: Value = serde_json::from_slice(&body).unwrap();
        let no = req["out_refund_no"].as_str().unwrap().to_string();
        if let Some((existing, _)) = st.refunds.get(&no) {
            // §14.2: the same number again refunds only once; other parameters are an error.
            if existing["amount"]["refund"] != req["amount"]["refund"] {
                return error(StatusCode::BAD_REQUEST, "INVALID_REQUEST", "退款单号已存在");
            }
        } else {
            let asked = req["amount"]["refund"].as_i64().unwrap();
            let done: i64 = st
                .refunds
                .values()
                .map(|(r, _)| r["amount"]["refund"].as_i64().unwrap())
                .sum();
            if asked + done > TOTAL {
                return error(
                    StatusCode::BAD_REQUEST,
                    "INVALID_REQUEST",
                    "退款金额超过可退金额",
                );
            }
            let n = st.refunds.len() + 1;
            let refund = json!({
                "refund_id": format!("5030000000202612010000000{n:03}"),
                "out_refund_no": no,
                "transaction_id": TRANSACTION_ID,
                "out_trade_no": SUB,
                "channel": "ORIGINAL", "user_received_account": "支付用户零钱",
                "create_time": now_rfc3339(), "status": "PROCESSING", "funds_account": "UNSETTLED",
                "amount": {"total": TOTAL, "refund": asked, "payer_total": TOTAL, "payer_refund": asked,
                           "settlement_refund": asked, "settlement_total": TOTAL, "discount_refund": 0,
                           "currency": "CNY", "refund_fee": 0},
                "promotion_detail": []
            });
            st.refunds.insert(no.clone(), (refund, 0));
        }
        let slow = if st.script.slow_posts > 0 {
            st.script.slow_posts -= 1;
            Some(st.script.slow_for)
        } else {
            None
        };
        (slow, st.refunds[&no].0.to_string())
    };
    let (delay, text) = slow;
    if let Some(d) = delay {
        // Accepted and stored, the answer late: the client gives up before reading it.
        tokio::time::sleep(d).await;
    }
    signed(StatusCode::OK, text.into_bytes())
}

async fn query(State(s): Shared, Path(no): Path<String>) -> Response {
    let mut st = s.lock().unwrap();
    let (after, final_status) = (st.script.after, st.script.final_status.clone());
    let Some((refund, seen)) = st.refunds.get_mut(&no) else {
        return error(StatusCode::NOT_FOUND, "RESOURCE_NOT_EXISTS", "退款单不存在");
    };
    *seen += 1;
    if after > 0 && *seen >= after {
        refund["status"] = json!(final_status);
        if final_status == "SUCCESS" {
            refund["success_time"] = json!(now_rfc3339());
        }
    }
    signed(StatusCode::OK, refund.to_string().into_bytes())
}
