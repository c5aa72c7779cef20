//! Refund wire types (apiv3.md §14): the request body of 申请退款 (§14.2), the refund object that
//! 14.2 and 14.3 answer, its status, and the decrypted `REFUND.*` notification resource (§14.4).
//!
//! Shared by the client (which builds and checks a request before signing it) and the sandbox
//! (which checks what it receives with the same [`RefundRequest::check`]). Pure: no I/O.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::error::FieldError;
use crate::money::Fen;

/// `out_refund_no`: "1–64, `[0-9A-Za-z_-|*@]`, unique per merchant" (§14.2).
pub const OUT_REFUND_NO_MAX: usize = 64;
/// `reason` is string(80) (§14.2). [UNCERTAIN] bytes or characters — the stricter reading:
/// counted in UTF-8 bytes, as the other string(N) limits of APIv3 are.
pub const REASON_MAX_BYTES: usize = 80;
/// `notify_url` is string(256) (§14.2).
pub const NOTIFY_URL_MAX: usize = 256;
/// At most 50 partial refunds per order (§14.2).
pub const MAX_REFUNDS_PER_ORDER: usize = 50;
/// Only within 365 days of the payment's success time (§14.2).
pub const MAX_REFUND_AGE_DAYS: i64 = 365;

/// Check an `out_refund_no`'s length and characters; `pointer` names it in the error (a JSON
/// pointer, or a flag such as `--out-refund-no`).
pub fn out_refund_no(pointer: &str, value: &str) -> Result<(), FieldError> {
    let n = value.chars().count();
    if !(1..=OUT_REFUND_NO_MAX).contains(&n) {
        return Err(FieldError::new(
            pointer,
            format!("{value:?} is {n} characters; it must be 1-{OUT_REFUND_NO_MAX}"),
        ));
    }
    if let Some(c) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "_-|*@".contains(*c)))
    {
        return Err(FieldError::new(
            pointer,
            format!("{value:?} contains {c:?}; only letters, digits and _ - | * @ are allowed"),
        ));
    }
    Ok(())
}

/// The body of `POST /v3/refund/domestic/refunds` (§14.2), fields in the documented order.
/// Unknown fields are refused when parsing (§13.24: the emulator is strict about what it accepts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    /// 服务商 only (required there); absent for 直连 (§14.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    /// One of `transaction_id` (preferred) and `out_trade_no`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_trade_no: Option<String>,
    pub out_refund_no: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    /// `AVAILABLE` or absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funds_account: Option<String>,
    pub amount: RefundAmountRequest,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goods_detail: Option<Vec<Value>>,
}

/// `amount` of a refund request (§14.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundAmountRequest {
    /// Fen, > 0, ≤ what is still refundable.
    pub refund: Fen,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Vec<FundsFrom>>,
    /// Fen, the sub-order's own `total_amount`.
    pub total: Fen,
    /// `CNY`.
    pub currency: String,
}

/// One `amount.from[]` entry (§14.2, rare).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundsFrom {
    /// `AVAILABLE` or `UNAVAILABLE`.
    pub account: String,
    pub amount: Fen,
}

impl RefundRequest {
    /// The field rules of §14.2 that need nothing but the body (the order's own rules — paid,
    /// remainder, 50 refunds, 365 days, `amount.total` — need the order, and are checked by the
    /// caller). The first violation, named by its JSON pointer.
    pub fn check(&self) -> Result<(), FieldError> {
        if let Some(s) = &self.sub_mchid
            && (s.is_empty() || s.len() > 32 || !s.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(FieldError::new(
                "/sub_mchid",
                format!("{s:?} is not a mchid (1-32 digits)"),
            ));
        }
        match (&self.transaction_id, &self.out_trade_no) {
            (None, None) => {
                return Err(FieldError::new(
                    "/out_trade_no",
                    "one of transaction_id and out_trade_no is required",
                ));
            }
            // [UNCERTAIN] both given: the docs say "二选一"; the stricter reading refuses both.
            (Some(_), Some(_)) => {
                return Err(FieldError::new(
                    "/transaction_id",
                    "give one of transaction_id and out_trade_no, not both",
                ));
            }
            (Some(t), None) if t.is_empty() || t.len() > 32 => {
                return Err(FieldError::new(
                    "/transaction_id",
                    format!("{t:?} must be 1-32 characters"),
                ));
            }
            (None, Some(o)) => super::validate::out_trade_no("/out_trade_no", o, 1)?,
            _ => {}
        }
        out_refund_no("/out_refund_no", &self.out_refund_no)?;
        if let Some(r) = &self.reason
            && r.len() > REASON_MAX_BYTES
        {
            return Err(FieldError::new(
                "/reason",
                format!(
                    "is {} bytes; at most {REASON_MAX_BYTES} bytes of UTF-8",
                    r.len()
                ),
            ));
        }
        if let Some(u) = &self.notify_url {
            if u.len() > NOTIFY_URL_MAX {
                return Err(FieldError::new(
                    "/notify_url",
                    format!("is {} characters; at most {NOTIFY_URL_MAX}", u.len()),
                ));
            }
            if u.contains('?') {
                return Err(FieldError::new(
                    "/notify_url",
                    "must not carry a query (?…)",
                ));
            }
        }
        if let Some(f) = &self.funds_account
            && f != "AVAILABLE"
        {
            return Err(FieldError::new(
                "/funds_account",
                format!("{f:?}: the only value is AVAILABLE"),
            ));
        }
        let a = &self.amount;
        if a.refund.0 <= 0 {
            return Err(FieldError::new(
                "/amount/refund",
                format!("{} fen: a refund must be more than 0", a.refund.0),
            ));
        }
        if a.total.0 <= 0 {
            return Err(FieldError::new(
                "/amount/total",
                format!("{} fen: the order's total is more than 0", a.total.0),
            ));
        }
        if a.refund > a.total {
            return Err(FieldError::new(
                "/amount/refund",
                format!(
                    "{} fen is more than the order's total of {} fen",
                    a.refund.0, a.total.0
                ),
            ));
        }
        if a.currency != "CNY" {
            return Err(FieldError::new(
                "/amount/currency",
                format!("{:?}: the only currency is CNY", a.currency),
            ));
        }
        if let Some(from) = &a.from {
            for (i, f) in from.iter().enumerate() {
                if f.account != "AVAILABLE" && f.account != "UNAVAILABLE" {
                    return Err(FieldError::new(
                        format!("/amount/from/{i}/account"),
                        format!("{:?}: AVAILABLE or UNAVAILABLE", f.account),
                    ));
                }
                if f.amount.0 <= 0 {
                    return Err(FieldError::new(
                        format!("/amount/from/{i}/amount"),
                        "must be more than 0",
                    ));
                }
            }
            let sum: i64 = from.iter().map(|f| f.amount.0).sum();
            if sum != a.refund.0 {
                return Err(FieldError::new(
                    "/amount/from",
                    format!("adds up to {sum} fen, not the refund's {} fen", a.refund.0),
                ));
            }
        }
        Ok(())
    }

    /// The body bytes, serialised once: these are what gets signed and sent, and resent
    /// unchanged by every retry (issue 13, item 3).
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a RefundRequest always serialises")
    }
}

/// `status` of a refund (§14.3); `refund_status` of a notification (§14.4). A value not documented
/// is kept, not refused (§1.3: tolerate what WeChat Pay adds).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RefundStatus {
    /// 退款处理中 — not final.
    Processing,
    /// 退款成功 — final.
    Success,
    /// 退款关闭 — final.
    Closed,
    /// 退款异常 — not final: the merchant must act (merchant platform or 发起异常退款).
    Abnormal,
    Other(String),
}

impl RefundStatus {
    pub fn parse(s: &str) -> Self {
        match s {
            "PROCESSING" => RefundStatus::Processing,
            "SUCCESS" => RefundStatus::Success,
            "CLOSED" => RefundStatus::Closed,
            "ABNORMAL" => RefundStatus::Abnormal,
            other => RefundStatus::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            RefundStatus::Processing => "PROCESSING",
            RefundStatus::Success => "SUCCESS",
            RefundStatus::Closed => "CLOSED",
            RefundStatus::Abnormal => "ABNORMAL",
            RefundStatus::Other(s) => s,
        }
    }

    /// Whether polling can stop: `SUCCESS`, `CLOSED`, and `ABNORMAL` (not final at WeChat Pay, but
    /// nothing changes until the merchant acts, §14.3).
    pub fn stops_polling(&self) -> bool {
        matches!(
            self,
            RefundStatus::Success | RefundStatus::Closed | RefundStatus::Abnormal
        )
    }

    /// Whether the money is not (or not yet) on its way: `CLOSED`, `ABNORMAL` (cli.md: exit 4).
    pub fn is_failure(&self) -> bool {
        matches!(self, RefundStatus::Closed | RefundStatus::Abnormal)
    }
}

impl fmt::Display for RefundStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RefundStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RefundStatus {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(RefundStatus::parse(&String::deserialize(d)?))
    }
}

/// The refund object of §14.2 / §14.3, kept exactly as received (so `-o json` prints WeChat
/// Pay's fields in WeChat Pay's order, and nothing added later is lost), with typed accessors.
/// Parsing checks the fields the tool reads: `refund_id`, `out_refund_no`, `out_trade_no`,
/// `status` (strings) and `amount.refund`, `amount.total` (integers); the others are checked only
/// where present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Map<String, Value>", into = "Map<String, Value>")]
pub struct Refund {
    raw: Map<String, Value>,
}

/// Why a JSON object is not a refund object.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct RefundShapeError {
    pub field: String,
    pub problem: String,
}

fn shape_err(field: &str, problem: &str) -> RefundShapeError {
    RefundShapeError {
        field: field.to_string(),
        problem: problem.to_string(),
    }
}

const REQUIRED_STRINGS: [&str; 4] = ["refund_id", "out_refund_no", "out_trade_no", "status"];
const OPTIONAL_STRINGS: [&str; 8] = [
    "transaction_id",
    "channel",
    "user_received_account",
    "success_time",
    "create_time",
    "funds_account",
    "sub_mchid",
    "mchid",
];
const AMOUNT_REQUIRED: [&str; 2] = ["total", "refund"];
const AMOUNT_OPTIONAL: [&str; 6] = [
    "payer_total",
    "payer_refund",
    "settlement_refund",
    "settlement_total",
    "discount_refund",
    "refund_fee",
];

impl TryFrom<Map<String, Value>> for Refund {
    type Error = RefundShapeError;

    fn try_from(raw: Map<String, Value>) -> Result<Self, Self::Error> {
        for f in REQUIRED_STRINGS {
            match raw.get(f) {
                Some(Value::String(_)) => {}
                Some(_) => return Err(shape_err(f, "is not a string")),
                None => return Err(shape_err(f, "is missing")),
            }
        }
        for f in OPTIONAL_STRINGS {
            if raw.get(f).is_some_and(|v| !v.is_string()) {
                return Err(shape_err(f, "is not a string"));
            }
        }
        let Some(amount) = raw.get("amount") else {
            return Err(shape_err("amount", "is missing"));
        };
        let Some(amount) = amount.as_object() else {
            return Err(shape_err("amount", "is not an object"));
        };
        for f in AMOUNT_REQUIRED {
            match amount.get(f) {
                Some(v) if v.is_i64() => {}
                Some(_) => return Err(shape_err(&format!("amount.{f}"), "is not an integer")),
                None => return Err(shape_err(&format!("amount.{f}"), "is missing")),
            }
        }
        for f in AMOUNT_OPTIONAL {
            if amount.get(f).is_some_and(|v| !v.is_i64()) {
                return Err(shape_err(&format!("amount.{f}"), "is not an integer"));
            }
        }
        Ok(Refund { raw })
    }
}

impl From<Refund> for Map<String, Value> {
    fn from(r: Refund) -> Self {
        r.raw
    }
}

impl Refund {
    /// The object as received.
    pub fn raw(&self) -> &Map<String, Value> {
        &self.raw
    }

    fn str(&self, f: &str) -> Option<&str> {
        self.raw.get(f).and_then(Value::as_str)
    }

    fn amount(&self, f: &str) -> Option<Fen> {
        self.raw.get("amount")?.get(f)?.as_i64().map(Fen)
    }

    fn required(&self, f: &str) -> &str {
        self.str(f).unwrap_or_default()
    }

    pub fn refund_id(&self) -> &str {
        self.required("refund_id")
    }
    pub fn out_refund_no(&self) -> &str {
        self.required("out_refund_no")
    }
    pub fn out_trade_no(&self) -> &str {
        self.required("out_trade_no")
    }
    pub fn transaction_id(&self) -> Option<&str> {
        self.str("transaction_id")
    }
    pub fn status(&self) -> RefundStatus {
        RefundStatus::parse(self.required("status"))
    }
    pub fn channel(&self) -> Option<&str> {
        self.str("channel")
    }
    pub fn user_received_account(&self) -> Option<&str> {
        self.str("user_received_account")
    }
    pub fn create_time(&self) -> Option<&str> {
        self.str("create_time")
    }
    pub fn success_time(&self) -> Option<&str> {
        self.str("success_time")
    }
    pub fn funds_account(&self) -> Option<&str> {
        self.str("funds_account")
    }
    pub fn sub_mchid(&self) -> Option<&str> {
        self.str("sub_mchid")
    }
    /// `amount.refund`.
    pub fn refund(&self) -> Fen {
        self.amount("refund").unwrap_or_default()
    }
    /// `amount.total`: the sub-order's total.
    pub fn total(&self) -> Fen {
        self.amount("total").unwrap_or_default()
    }
    pub fn payer_refund(&self) -> Option<Fen> {
        self.amount("payer_refund")
    }
    pub fn currency(&self) -> Option<&str> {
        self.raw.get("amount")?.get("currency")?.as_str()
    }
}

/// The fields of a refund object (§14.2 / §14.3) that a refund's table row and state need, read
/// straight from the verified body: nothing else is built, no `Value` (issue 16 item 4). It checks
/// the same shape as [`Refund`]: an object; `refund_id`, `out_refund_no`, `out_trade_no`, `status`
/// strings; `amount` an object with integer `total` and `refund`; the other known fields, where
/// present, strings or integers (never `null`). Unknown fields are skipped. A known field given
/// twice is refused (serde's `duplicate field`), where [`Refund`] keeps the last, so an answer
/// this accepts always parses as a [`Refund`] too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundSummary {
    pub out_refund_no: String,
    pub out_trade_no: String,
    pub status: RefundStatus,
    /// `amount.refund`.
    pub refund: Fen,
    /// `amount.total`: the sub-order's total.
    pub total: Fen,
    pub channel: Option<String>,
    pub user_received_account: Option<String>,
    pub create_time: Option<String>,
    pub success_time: Option<String>,
}

impl<'de> Deserialize<'de> for RefundSummary {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let Object(w) = Object::<SummaryWire>::deserialize(d)?;
        let Object(amount) = w.amount;
        Ok(RefundSummary {
            out_refund_no: w.out_refund_no,
            out_trade_no: w.out_trade_no,
            status: w.status,
            refund: amount.refund,
            total: amount.total,
            channel: w.channel,
            user_received_account: w.user_received_account,
            create_time: w.create_time,
            success_time: w.success_time,
        })
    }
}

impl From<&Refund> for RefundSummary {
    fn from(r: &Refund) -> Self {
        let own = |s: Option<&str>| s.map(str::to_string);
        RefundSummary {
            out_refund_no: r.out_refund_no().to_string(),
            out_trade_no: r.out_trade_no().to_string(),
            status: r.status(),
            refund: r.refund(),
            total: r.total(),
            channel: own(r.channel()),
            user_received_account: own(r.user_received_account()),
            create_time: own(r.create_time()),
            success_time: own(r.success_time()),
        }
    }
}

/// The wire form behind [`RefundSummary`]: what is only checked is read into [`Checked`] markers,
/// which keep nothing.
#[derive(Deserialize)]
struct SummaryWire {
    #[serde(rename = "refund_id")]
    _refund_id: Checked<String>,
    out_refund_no: String,
    out_trade_no: String,
    status: RefundStatus,
    amount: Object<AmountWire>,
    #[serde(default, deserialize_with = "present")]
    channel: Option<String>,
    #[serde(default, deserialize_with = "present")]
    user_received_account: Option<String>,
    #[serde(default, deserialize_with = "present")]
    create_time: Option<String>,
    #[serde(default, deserialize_with = "present")]
    success_time: Option<String>,
    #[serde(default, rename = "transaction_id", deserialize_with = "present")]
    _transaction_id: Option<Checked<String>>,
    #[serde(default, rename = "funds_account", deserialize_with = "present")]
    _funds_account: Option<Checked<String>>,
    #[serde(default, rename = "sub_mchid", deserialize_with = "present")]
    _sub_mchid: Option<Checked<String>>,
    #[serde(default, rename = "mchid", deserialize_with = "present")]
    _mchid: Option<Checked<String>>,
}

#[derive(Deserialize)]
struct AmountWire {
    total: Fen,
    refund: Fen,
    #[serde(default, rename = "payer_total", deserialize_with = "present")]
    _payer_total: Option<Checked<i64>>,
    #[serde(default, rename = "payer_refund", deserialize_with = "present")]
    _payer_refund: Option<Checked<i64>>,
    #[serde(default, rename = "settlement_refund", deserialize_with = "present")]
    _settlement_refund: Option<Checked<i64>>,
    #[serde(default, rename = "settlement_total", deserialize_with = "present")]
    _settlement_total: Option<Checked<i64>>,
    #[serde(default, rename = "discount_refund", deserialize_with = "present")]
    _discount_refund: Option<Checked<i64>>,
    #[serde(default, rename = "refund_fee", deserialize_with = "present")]
    _refund_fee: Option<Checked<i64>>,
}

/// A present field must hold a value of its type: `null` is refused, not read as absent (absent
/// fields are `#[serde(default)]`).
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A value that must be a `T` (a string is read in place, an integer must fit i64) and is then
/// dropped.
struct Checked<T>(std::marker::PhantomData<T>);

impl<'de> Deserialize<'de> for Checked<String> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(AnyStr)
            .map(|()| Checked(std::marker::PhantomData))
    }
}

impl<'de> Deserialize<'de> for Checked<i64> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        i64::deserialize(d).map(|_| Checked(std::marker::PhantomData))
    }
}

/// Any string, read without being copied; anything else is refused.
struct AnyStr;

impl serde::de::Visitor<'_> for AnyStr {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
}

/// `T` read from a JSON object only: a derived struct would also take an array, its fields by
/// position, which a [`Refund`] (a map) refuses.
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData)).map(Object)
    }
}

/// The decrypted resource of a `REFUND.SUCCESS|ABNORMAL|CLOSED` notification (§14.4), decrypted
/// with associated_data `refund`. Unknown fields are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefundNotice {
    /// 直连.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mchid: Option<String>,
    /// 服务商: `sp_mchid` and `sub_mchid` instead of `mchid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sp_mchid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    pub out_trade_no: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    pub out_refund_no: String,
    pub refund_id: String,
    pub refund_status: RefundStatus,
    /// Only for `SUCCESS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_received_account: Option<String>,
    pub amount: RefundNoticeAmount,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `amount` of a refund notification (§14.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefundNoticeAmount {
    pub total: Fen,
    pub refund: Fen,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_total: Option<Fen>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_refund: Option<Fen>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `event_type`s of refund notifications (§14.4).
pub const REFUND_EVENT_TYPES: [&str; 3] = ["REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED"];
/// `resource.associated_data` and `resource.original_type` of refund notifications (§14.4).
pub const REFUND_ASSOCIATED_DATA: &str = "refund";

impl RefundNotice {
    /// The merchant the refund belongs to: `sub_mchid` (服务商) or `mchid` (直连).
    pub fn merchant(&self) -> Option<&str> {
        self.sub_mchid.as_deref().or(self.mchid.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> RefundRequest {
        RefundRequest {
            sub_mchid: None,
            transaction_id: None,
            out_trade_no: Some("20150806125346".into()),
            out_refund_no: "R20150806125346-1".into(),
            reason: None,
            notify_url: None,
            funds_account: None,
            amount: RefundAmountRequest {
                refund: Fen(100),
                from: None,
                total: Fen(1000),
                currency: "CNY".into(),
            },
            goods_detail: None,
        }
    }

    #[test]
    fn out_refund_no_charset_and_length() {
        for ok in ["R1", "a_b-c|d*e@f", &"9".repeat(64)] {
            assert_eq!(out_refund_no("--out-refund-no", ok), Ok(()), "{ok}");
        }
        let e = out_refund_no("--out-refund-no", "").unwrap_err();
        assert_eq!(e.pointer, "--out-refund-no");
        assert!(e.problem.contains("1-64"), "{e}");
        assert!(out_refund_no("x", &"9".repeat(65)).is_err());
        let e = out_refund_no("--out-refund-no", "R 1").unwrap_err();
        assert!(e.problem.contains("' '"), "{e}");
        assert!(out_refund_no("x", "退款1").is_err());
    }

    #[test]
    fn request_serialises_without_absent_fields_in_documented_order() {
        let mut r = request();
        assert_eq!(
            String::from_utf8(r.to_bytes()).unwrap(),
            r#"{"out_trade_no":"20150806125346","out_refund_no":"R20150806125346-1","amount":{"refund":100,"total":1000,"currency":"CNY"}}"#
        );
        r.sub_mchid = Some("1900000109".into());
        r.reason = Some("缺货".into());
        let text = String::from_utf8(r.to_bytes()).unwrap();
        assert!(text.starts_with(r#"{"sub_mchid":"1900000109","#), "{text}");
        let back: RefundRequest = serde_json::from_str(&text).unwrap();
        assert_eq!(back, r);
        assert!(serde_json::from_str::<RefundRequest>(&text.replace("reason", "reasons")).is_err());
    }

    #[test]
    fn request_rules_name_the_field() {
        assert_eq!(request().check(), Ok(()));
        let ptr = |f: fn(&mut RefundRequest)| {
            let mut r = request();
            f(&mut r);
            r.check().unwrap_err().pointer
        };
        assert_eq!(ptr(|r| r.amount.refund = Fen(0)), "/amount/refund");
        assert_eq!(ptr(|r| r.amount.refund = Fen(1001)), "/amount/refund");
        assert_eq!(
            ptr(|r| r.amount.currency = "USD".into()),
            "/amount/currency"
        );
        assert_eq!(ptr(|r| r.out_refund_no = "R#1".into()), "/out_refund_no");
        assert_eq!(ptr(|r| r.out_trade_no = None), "/out_trade_no");
        assert_eq!(
            ptr(|r| r.transaction_id = Some("4200".into())),
            "/transaction_id"
        );
        assert_eq!(ptr(|r| r.sub_mchid = Some("abc".into())), "/sub_mchid");
        assert_eq!(ptr(|r| r.reason = Some("退".repeat(27))), "/reason");
        assert_eq!(
            ptr(|r| r.funds_account = Some("UNSETTLED".into())),
            "/funds_account"
        );
        assert_eq!(
            ptr(|r| r.notify_url = Some("https://a/b?x=1".into())),
            "/notify_url"
        );
        assert_eq!(
            ptr(|r| r.amount.from = Some(vec![FundsFrom {
                account: "AVAILABLE".into(),
                amount: Fen(99)
            }])),
            "/amount/from"
        );
    }

    const ANSWER: &str = r#"{"refund_id":"50000000382019052709732678859","out_refund_no":"R1217752501201407033233368018-1","transaction_id":"1217752501201407033233368018","out_trade_no":"1217752501201407033233368018","channel":"ORIGINAL","user_received_account":"招商银行信用卡0403","create_time":"2026-04-01T10:00:00+08:00","status":"PROCESSING","funds_account":"UNSETTLED","amount":{"total":100,"refund":10,"payer_total":100,"payer_refund":10,"settlement_refund":10,"settlement_total":100,"discount_refund":0,"currency":"CNY","refund_fee":0},"promotion_detail":[],"later":1}"#;

    #[test]
    fn refund_object_is_kept_as_received() {
        let r: Refund = serde_json::from_str(ANSWER).unwrap();
        assert_eq!(r.status(), RefundStatus::Processing);
        assert_eq!(r.refund(), Fen(10));
        assert_eq!(r.total(), Fen(100));
        assert_eq!(r.out_refund_no(), "R1217752501201407033233368018-1");
        assert_eq!(r.user_received_account(), Some("招商银行信用卡0403"));
        assert_eq!(r.success_time(), None);
        assert_eq!(serde_json::to_string(&r).unwrap(), ANSWER);
    }

    #[test]
    fn refund_object_shape_is_checked() {
        let bad = |from: &str, to: &str| {
            let text = ANSWER.replacen(from, to, 1);
            serde_json::from_str::<Refund>(&text)
                .unwrap_err()
                .to_string()
        };
        assert!(bad(r#""status":"PROCESSING","#, "").contains("status: is missing"));
        assert!(bad(r#""refund":10"#, r#""refund":"10""#).contains("amount.refund"));
        assert!(bad(r#""refund_fee":0"#, r#""refund_fee":0.5"#).contains("amount.refund_fee"));
        assert!(bad(r#""channel":"ORIGINAL""#, r#""channel":1"#).contains("channel"));
    }

    #[test]
    fn refund_summary_reads_the_shown_fields_without_the_rest() {
        let s: RefundSummary = serde_json::from_str(ANSWER).unwrap();
        let r: Refund = serde_json::from_str(ANSWER).unwrap();
        assert_eq!(s, RefundSummary::from(&r));
        assert_eq!(s.status, RefundStatus::Processing);
        assert_eq!((s.refund, s.total), (Fen(10), Fen(100)));
        assert_eq!(
            s.user_received_account.as_deref(),
            Some("招商银行信用卡0403")
        );
        assert_eq!(s.success_time, None);
    }

    #[test]
    fn refund_summary_refuses_what_a_refund_refuses() {
        // (from, to) applied to ANSWER; each makes an answer that is not a refund object.
        let refused = [
            (r#""status":"PROCESSING","#, ""),
            (r#""refund_id":"50000000382019052709732678859","#, ""),
            (r#""refund":10"#, r#""refund":"10""#),
            (r#""total":100"#, r#""total":null"#),
            (r#""refund_fee":0"#, r#""refund_fee":0.5"#),
            (r#""payer_refund":10"#, r#""payer_refund":null"#),
            (
                r#""settlement_total":100"#,
                r#""settlement_total":9223372036854775808"#,
            ),
            (r#""channel":"ORIGINAL""#, r#""channel":1"#),
            (r#""channel":"ORIGINAL""#, r#""channel":null"#),
            (
                r#""transaction_id":"1217752501201407033233368018""#,
                r#""transaction_id":1"#,
            ),
            (r#""funds_account":"UNSETTLED""#, r#""funds_account":null"#),
            (r#""status":"PROCESSING""#, r#""status":["PROCESSING"]"#),
            (
                r#""currency":"CNY","refund_fee":0}"#,
                r#""currency":"CNY","refund_fee":0,"refund":10}"#,
            ),
        ];
        for (from, to) in refused {
            let text = ANSWER.replacen(from, to, 1);
            assert_ne!(text, ANSWER, "{from} not in ANSWER");
            assert!(
                serde_json::from_str::<RefundSummary>(&text).is_err(),
                "{text}"
            );
        }
        // An object only, at the top and for `amount` (a derived struct alone would also take
        // an array, its fields by position).
        let amount = r#"{"total":100,"refund":10,"payer_total":100,"payer_refund":10,"settlement_refund":10,"settlement_total":100,"discount_refund":0,"currency":"CNY","refund_fee":0}"#;
        let as_array = ANSWER.replacen(amount, "[100,10]", 1);
        assert_ne!(as_array, ANSWER);
        assert!(serde_json::from_str::<RefundSummary>(&as_array).is_err());
        assert!(serde_json::from_str::<Refund>(&as_array).is_err());
        let top =
            r#"["50000000382019052709732678859","R1","P1","PROCESSING",{"total":1,"refund":1}]"#;
        assert!(serde_json::from_str::<RefundSummary>(top).is_err());
        // What it accepts, a Refund accepts too (the transport's check promises the commands'
        // parse): unknown fields and an unknown status.
        for text in [
            ANSWER.replacen(r#""later":1"#, r#""later":null,"more":{"x":[1]}"#, 1),
            ANSWER.replacen("PROCESSING", "SOMETHING_NEW", 1),
        ] {
            assert!(
                serde_json::from_str::<RefundSummary>(&text).is_ok(),
                "{text}"
            );
            assert!(serde_json::from_str::<Refund>(&text).is_ok(), "{text}");
        }
    }

    #[test]
    fn unknown_statuses_are_kept() {
        let r: Refund =
            serde_json::from_str(&ANSWER.replace("PROCESSING", "SOMETHING_NEW")).unwrap();
        assert_eq!(r.status(), RefundStatus::Other("SOMETHING_NEW".into()));
        assert!(!r.status().stops_polling());
        assert!(RefundStatus::Abnormal.stops_polling() && RefundStatus::Abnormal.is_failure());
        assert!(RefundStatus::Success.stops_polling() && !RefundStatus::Success.is_failure());
        assert_eq!(RefundStatus::parse("CLOSED").to_string(), "CLOSED");
    }

    #[test]
    fn refund_notice_parses_direct_and_partner() {
        let text = r#"{"mchid":"1900000100","transaction_id":"1008450740201411110005820873","out_trade_no":"20150806125346","refund_id":"50200207182018070300011301001","out_refund_no":"7752501201407033233368018","refund_status":"SUCCESS","success_time":"2018-06-08T10:34:56+08:00","user_received_account":"招商银行信用卡0403","amount":{"total":999,"refund":999,"payer_total":999,"payer_refund":999}}"#;
        let n: RefundNotice = serde_json::from_str(text).unwrap();
        assert_eq!(n.refund_status, RefundStatus::Success);
        assert_eq!(n.merchant(), Some("1900000100"));
        assert_eq!(n.amount.refund, Fen(999));
        let partner = text.replace(
            r#""mchid":"1900000100""#,
            r#""sp_mchid":"1900000100","sub_mchid":"1900000109""#,
        );
        let n: RefundNotice = serde_json::from_str(&partner).unwrap();
        assert_eq!(n.merchant(), Some("1900000109"));
        assert!(serde_json::from_str::<RefundNotice>(&text.replace("refund_id", "x")).is_err());
    }
}
