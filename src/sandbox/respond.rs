//! Building responses: WeChat Pay's error shape (apiv3.md §10.1, §13.27) and signed 2xx responses
//! (§2.1, §13.10), including the signature faults of §13.13.

use axum::body::Body;
use axum::http::{HeaderValue, Response, StatusCode, header};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use bytes::Bytes;
use serde_json::{Value, json};

use super::faults::FaultKind;
use crate::signing::PrivateKey;
use crate::signing::message::response_message;

/// A refusal the way WeChat Pay words it: status, code, message, optional detail, and the numeric
/// internal code that ends the `Request-ID` where §10.1 documents one. Boxed, so `Result`s stay
/// small.
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

    pub fn body_json(&self) -> Vec<u8> {
        let mut v = json!({"code": self.code, "message": self.message});
        if let Some(d) = &self.detail {
            v["detail"] = d.clone();
        }
        serde_json::to_vec(&v).expect("error bodies serialise")
    }
}

/// An opaque request id like WeChat Pay's (`08F4C3A1B20610B8D2…`), with `-<numeric>` on errors
/// that have one.
pub fn request_id(numeric: Option<u64>) -> String {
    let mut b = [0u8; 9];
    let _ = aws_lc_rs::rand::fill(&mut b);
    let mut id: String = b.iter().map(|x| format!("{x:02X}")).collect();
    if let Some(n) = numeric {
        id.push_str(&format!("-{n}"));
    }
    id
}

fn hv(s: &str) -> HeaderValue {
    HeaderValue::from_str(s).unwrap_or_else(|_| HeaderValue::from_static("invalid"))
}

/// An error response: JSON body, `Content-Type: application/json`, `Request-ID` (§13.27).
pub fn error_response(f: &ApiFailure, request_id: &str) -> Response<Body> {
    let mut r = Response::new(Body::from(f.body_json()));
    *r.status_mut() = StatusCode::from_u16(f.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert("Request-ID", hv(request_id));
    r
}

/// Which key signs a response and what `Wechatpay-Serial` names it.
pub struct SigningKey {
    pub key: std::sync::Arc<PrivateKey>,
    pub serial: String,
}

/// The four `Wechatpay-*` values for `body`, with a signature fault applied if one is given.
pub fn sign_headers(
    key: &SigningKey,
    body: &[u8],
    now: i64,
    fault: Option<FaultKind>,
) -> [(&'static str, String); 5] {
    let ts = match fault {
        // §13.13: more than 300 s old, but correctly signed, so only the window check catches it.
        Some(FaultKind::StaleTimestamp) => now - 600,
        _ => now,
    }
    .to_string();
    let nonce = crate::rand::alphanumeric(32);
    let signature = match fault {
        Some(FaultKind::Signtest) => {
            let mut junk = [0u8; 256];
            let _ = aws_lc_rs::rand::fill(&mut junk);
            format!("WECHATPAY/SIGNTEST/{}", B64.encode(junk))
        }
        // A real signature, of a different message: valid Base64 of the right length, wrong.
        Some(FaultKind::TamperSignature) => {
            let mut m = response_message(&ts, &nonce, body);
            m.extend_from_slice(b"tampered");
            key.key.sign_base64(&m)
        }
        _ => key.key.sign_base64(&response_message(&ts, &nonce, body)),
    };
    let serial = match fault {
        Some(FaultKind::UnknownSerial) if key.serial.starts_with("PUB_KEY_ID_") => {
            "PUB_KEY_ID_0000000000000000000000000000000000".to_string()
        }
        Some(FaultKind::UnknownSerial) => "5157F09EFDC096DE15EBE81A47057A7232F1B8E1".to_string(),
        _ => key.serial.clone(),
    };
    [
        ("Wechatpay-Timestamp", ts),
        ("Wechatpay-Nonce", nonce),
        ("Wechatpay-Signature", signature),
        ("Wechatpay-Serial", serial),
        (
            "Wechatpay-Signature-Type",
            crate::signing::SCHEME.to_string(),
        ),
    ]
}

/// A signed 2xx (§13.10): signs exactly the bytes sent, 204 included (`ts\nnonce\n\n`).
pub fn signed_response(
    status: u16,
    body: Bytes,
    key: &SigningKey,
    now: i64,
    fault: Option<FaultKind>,
    request_id: &str,
) -> Response<Body> {
    let headers = sign_headers(key, &body, now, fault);
    let empty = body.is_empty();
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let h = r.headers_mut();
    if !empty {
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    for (k, v) in headers {
        h.insert(k, hv(&v));
    }
    h.insert("Request-ID", hv(request_id));
    r
}
