//! The stored combine order (apiv3.md §6): the first accepted request body, its state, payment
//! and refunds, and how query (§6.4, §13.20) and prepay (§6.1) show it. No I/O.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::api::Scene;
use crate::api::types::{AmountOut, CombineOrder, PayerOut, SceneInfoOut, SubOrderState};
use crate::money::Fen;
use crate::sandbox::clock;

/// prepay_id (and, [UNCERTAIN], code_url) validity: 2 hours (§5, §13.19).
pub const PREPAY_TTL: i64 = 2 * 3600;
/// h5_url validity: 5 minutes (§6.3, §13.19).
pub const H5_TTL: i64 = 5 * 60;
/// Default payment deadline when `time_expire` is absent: 7 days (§6.2, §11).
pub const DEFAULT_EXPIRE: i64 = 7 * 86_400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum State {
    Notpay,
    Success,
    Closed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payment {
    pub success_time: i64,
    pub bank_type: String,
    pub openid: String,
    /// 服务商 form: the payer's openid under `sub_appid`, when the prepay named one.
    #[serde(default)]
    pub sub_openid: Option<String>,
    pub transaction_ids: Vec<String>,
}

/// A refund of (part of) one sub-order, kept with its order; made by [`Refunds`](crate::sandbox::refunds::Refunds).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Refund {
    /// Index of the sub-order.
    pub sub: usize,
    pub out_refund_no: String,
    /// 微信退款单号, 29 digits.
    pub refund_id: String,
    pub amount: i64,
    /// Business time it was accepted.
    pub time: i64,
    /// Business time it stops being `PROCESSING` (§14.6 item 2); `None`: at once (refunds
    /// stored before the refund API existed).
    #[serde(default)]
    pub done_at: Option<i64>,
    /// Where it ends once processed: `SUCCESS`, or `ABNORMAL`/`CLOSED` by a fault.
    #[serde(default)]
    pub outcome: RefundOutcome,
    /// The refund request as first accepted, parsed: a resend with the same `out_refund_no` is
    /// compared with it (§14.6 item 3). `None` for refunds of the control hook made before.
    #[serde(default)]
    pub request: Option<Value>,
    /// The merchant whose `out_refund_no` it is: the sub-order's `sub_mchid` (服务商) or `mchid`.
    #[serde(default)]
    pub merchant: Option<String>,
}

/// How a refund ends (§14.3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RefundOutcome {
    #[default]
    Success,
    Abnormal,
    Closed,
}

impl RefundOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            RefundOutcome::Success => "SUCCESS",
            RefundOutcome::Abnormal => "ABNORMAL",
            RefundOutcome::Closed => "CLOSED",
        }
    }
}

impl Refund {
    /// Business time it stops being `PROCESSING`.
    pub fn done_time(&self) -> i64 {
        self.done_at.unwrap_or(self.time)
    }

    /// Its status at business time `now` (§14.3): `PROCESSING`, then its outcome.
    pub fn status_at(&self, now: i64) -> &'static str {
        if now < self.done_time() {
            "PROCESSING"
        } else {
            self.outcome.as_str()
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredOrder {
    pub combine_mchid: String,
    pub combine_out_trade_no: String,
    pub scene: Scene,
    /// The first accepted request body, parsed: re-prepay compares against it (§13.18).
    pub request: Value,
    pub created_at: i64,
    pub expire_at: i64,
    pub prepay_id: String,
    pub prepay_expires_at: i64,
    #[serde(default)]
    pub h5_url: Option<String>,
    #[serde(default)]
    pub h5_expires_at: i64,
    #[serde(default)]
    pub code_url: Option<String>,
    pub state: State,
    #[serde(default)]
    pub closed_at: Option<i64>,
    #[serde(default)]
    pub payment: Option<Payment>,
    #[serde(default)]
    pub refunds: Vec<Refund>,
}

pub fn order_key(mchid: &str, no: &str) -> String {
    format!("{mchid}/{no}")
}

/// The string at `ptr` in a stored request body.
pub(crate) fn s<'a>(v: &'a Value, ptr: &str) -> Option<&'a str> {
    v.pointer(ptr).and_then(Value::as_str)
}

impl StoredOrder {
    /// Expiry turns an unpaid order into a closed one (§11).
    pub fn effective_state(&self, now: i64) -> State {
        match self.state {
            State::Notpay if now >= self.expire_at => State::Closed,
            s => s,
        }
    }

    pub fn sub_orders(&self) -> &[Value] {
        self.request
            .get("sub_orders")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The query shape (§6.4): only the fields the state allows (§13.20).
    pub fn view(&self, now: i64) -> CombineOrder {
        let state = self.effective_state(now);
        let trade_state = match state {
            State::Notpay => "NOTPAY",
            State::Success => "SUCCESS",
            State::Closed => "CLOSED",
        };
        let paid = self.payment.as_ref().filter(|_| state == State::Success);
        let r = &self.request;
        let subs = self
            .sub_orders()
            .iter()
            .enumerate()
            .map(|(i, so)| {
                let total = so
                    .pointer("/amount/total_amount")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                // §6.4: a sub-order with any refund accepted reads REFUND.
                let trade_state = if paid.is_some() && self.refunds.iter().any(|r| r.sub == i) {
                    "REFUND"
                } else {
                    trade_state
                };
                SubOrderState {
                    mchid: s(so, "/mchid").unwrap_or_default().to_string(),
                    sub_mchid: s(so, "/sub_mchid").map(str::to_string),
                    sub_appid: s(so, "/sub_appid").map(str::to_string),
                    // Like combine_payer_info, the payer is known only once paid (§13.20).
                    sub_openid: paid.and_then(|p| p.sub_openid.clone()),
                    trade_type: self.scene.trade_type().to_string(),
                    trade_state: trade_state.to_string(),
                    bank_type: paid.map(|p| p.bank_type.clone()),
                    attach: s(so, "/attach").unwrap_or_default().to_string(),
                    amount: AmountOut {
                        total_amount: Fen(total),
                        currency: "CNY".into(),
                        payer_amount: paid.map(|_| Fen(total)),
                        payer_currency: paid.map(|_| "CNY".to_string()),
                        settlement_rate: None,
                    },
                    success_time: paid.map(|p| clock::rfc3339(p.success_time)),
                    transaction_id: paid.and_then(|p| p.transaction_ids.get(i).cloned()),
                    out_trade_no: s(so, "/out_trade_no").unwrap_or_default().to_string(),
                    promotion_detail: None,
                    extra: Default::default(),
                }
            })
            .collect();
        CombineOrder {
            combine_appid: s(r, "/combine_appid").unwrap_or_default().to_string(),
            combine_mchid: self.combine_mchid.clone(),
            combine_out_trade_no: self.combine_out_trade_no.clone(),
            // "only if sent" (§6.4): the device_id is what comes back.
            scene_info: s(r, "/scene_info/device_id").map(|d| SceneInfoOut {
                device_id: Some(d.to_string()),
                extra: Default::default(),
            }),
            sub_orders: subs,
            combine_payer_info: paid.map(|p| PayerOut {
                openid: Some(p.openid.clone()),
                sub_openid: p.sub_openid.clone(),
            }),
            extra: Default::default(),
        }
    }

    /// The prepay answer for the scene (§6.1).
    pub(super) fn answer(&self) -> Value {
        match self.scene {
            Scene::Jsapi | Scene::App => json!({"prepay_id": self.prepay_id}),
            Scene::H5 => json!({"h5_url": self.h5_url}),
            Scene::Native => json!({"code_url": self.code_url}),
        }
    }

    /// Fresh prepay_id / h5_url / code_url where the old ones expired; true when anything changed.
    pub(super) fn refresh_links(&mut self, now: i64) -> bool {
        let mut changed = false;
        if now >= self.prepay_expires_at {
            self.prepay_id = new_prepay_id(now);
            self.prepay_expires_at = now + PREPAY_TTL;
            if self.scene == Scene::Native {
                self.code_url = Some(new_code_url());
            }
            changed = true;
        }
        if self.scene == Scene::H5 && (changed || now >= self.h5_expires_at) {
            self.h5_url = Some(h5_url(&self.prepay_id));
            self.h5_expires_at = now + H5_TTL;
            changed = true;
        }
        changed
    }
}

/// `wx` + yyyyMMddHHmmss + 20 random characters (§13.19), e.g. `wx201410272009395522657a690389285100`.
fn new_prepay_id(now: i64) -> String {
    let mut b = [0u8; 10];
    let _ = aws_lc_rs::rand::fill(&mut b);
    let tail: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("wx{}{tail}", clock::compact_time(now))
}

fn h5_url(prepay_id: &str) -> String {
    format!(
        "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id={prepay_id}&package={}",
        crate::rand::digits(10)
    )
}

fn new_code_url() -> String {
    format!(
        "weixin://wxpay/bizpayurl/up?pr={}&groupid=00",
        crate::rand::alphanumeric(7)
    )
}

/// 28 digits (§6.4): `4201` + yyyyMMdd + 16 random digits (seeded orders use `4200…`).
pub(super) fn new_transaction_id(now: i64) -> String {
    format!(
        "4201{}{}",
        clock::compact_date(clock::date_of(now)),
        crate::rand::digits(16)
    )
}
