//! Building responses: WeChat Pay's error shape (apiv3.md §10.1, §13.27) and signed 2xx responses
//! (§2.1, §13.10), including the signature faults of §13.13.

use axum::body::Body;
use axum::http::{HeaderValue, Response, StatusCode, header};
use bytes::Bytes;

use crate::sandbox::failure::ApiFailure;
use crate::sandbox::faults::FaultKind;
use crate::sandbox::keys::SigningKey;

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

pub(super) fn hv(s: &str) -> HeaderValue {
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

/// A signed 2xx (§13.10): signs exactly the bytes sent, 204 included (`ts\nnonce\n\n`).
pub fn signed_response(
    status: u16,
    body: Bytes,
    key: &SigningKey,
    now: i64,
    fault: Option<FaultKind>,
    request_id: &str,
) -> Response<Body> {
    let headers = key.headers(&body, now, fault);
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
