//! A refusal the way WeChat Pay words it (apiv3.md §10.1, §13.27): what every service answers
//! with when it says no. The HTTP layer turns it into the `{code, message, detail}` body; nothing
//! here knows about HTTP beyond the status number.

use serde_json::{Value, json};

use crate::api::FieldError;

/// A refusal: status, code, message, optional detail, and the numeric internal code that ends the
/// `Request-ID` where §10.1 documents one. Boxed, so `Result`s stay small.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiFailure(Box<Failure>);

#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    pub detail: Option<Value>,
    pub numeric: Option<u64>,
}

/// §10.1: `…-268498688` 参数与首次请求时不一致, `…-268512771` 订单不存在, `…-268443699` 签名错误.
pub const NUM_PARAM_MISMATCH: u64 = 268_498_688;
pub const NUM_ORDER_NOT_EXIST: u64 = 268_512_771;
pub const NUM_SIGN_ERROR: u64 = 268_443_699;

impl std::ops::Deref for ApiFailure {
    type Target = Failure;
    fn deref(&self) -> &Failure {
        &self.0
    }
}

impl std::ops::DerefMut for ApiFailure {
    fn deref_mut(&mut self) -> &mut Failure {
        &mut self.0
    }
}

impl ApiFailure {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ApiFailure(Box::new(Failure {
            status,
            code,
            message: message.into(),
            detail: None,
            numeric: None,
        }))
    }

    pub fn detail(mut self, detail: Value) -> Self {
        self.detail = Some(detail);
        self
    }

    pub fn numeric(mut self, n: u64) -> Self {
        self.numeric = Some(n);
        self
    }

    /// `400 PARAM_ERROR` naming a field (§13.2): `detail {field, value, issue, location}`.
    pub fn param(field: &str, value: Option<&Value>, issue: &str, location: &str) -> Self {
        let mut d = json!({"field": field});
        if let Some(v) = value {
            d["value"] = v.clone();
        }
        d["issue"] = Value::String(issue.to_string());
        d["location"] = Value::String(location.to_string());
        ApiFailure::new(400, "PARAM_ERROR", format!("参数错误：{field} {issue}")).detail(d)
    }

    /// A field rule of `api::validate` broken by `body`, answered as [`param`](Self::param)
    /// naming its JSON pointer.
    pub fn body_field(e: &FieldError, body: &Value) -> Self {
        ApiFailure::param(&e.pointer, body.pointer(&e.pointer), &e.problem, "body")
    }

    /// `400 PARAM_ERROR` with only a message: a control endpoint's refusal.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiFailure::new(400, "PARAM_ERROR", message)
    }

    pub fn body_json(&self) -> Vec<u8> {
        let mut v = json!({"code": self.code, "message": self.message});
        if let Some(d) = &self.detail {
            v["detail"] = d.clone();
        }
        serde_json::to_vec(&v).expect("error bodies serialise")
    }
}

/// A storage failure: logged (it holds no secrets), answered as WeChat Pay's 500.
pub fn internal(e: anyhow::Error) -> ApiFailure {
    eprintln!("sandbox: internal error: {e:#}");
    ApiFailure::new(500, "SYSTEM_ERROR", "系统异常，请稍后重试")
}

/// For in-process callers (`RunningSandbox`): `STATUS CODE: message`.
pub fn to_anyhow(f: ApiFailure) -> anyhow::Error {
    anyhow::anyhow!("{} {}: {}", f.status, f.code, f.message)
}
