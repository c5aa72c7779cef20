//! Authentication (apiv3.md §13.1–8): the headers every request needs, then the `Authorization`
//! header verified by the pure [`verify_request`] of `signing` against the merchants this sandbox
//! knows, at the real clock; then the optional replay window. Every refusal is WeChat Pay's 401 (or
//! 400 for a missing header), worded as it words them.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::http::HeaderMap;
use serde_json::json;

use super::wire::header_str;
use crate::sandbox::clock::real_now;
use crate::sandbox::failure::{ApiFailure, NUM_SIGN_ERROR};
use crate::sandbox::keys::Keys;
use crate::signing::request::{MerchantKey, RequestError, verify_request};
use crate::signing::verify::MAX_SKEW_SECS;
use crate::signing::{Authorization, AuthorizationError};

fn auth_failure(message: &str, issue: String) -> ApiFailure {
    // [UNCERTAIN] the code of 401s other than a signature mismatch (§1.2): SDKs only look at the
    // status; we use SIGN_ERROR for all of them, with WeChat Pay's message naming the problem.
    ApiFailure::new(401, "SIGN_ERROR", message).detail(json!({
        "field": "Authorization",
        "issue": issue,
        "location": "authorization",
    }))
}

/// The verified caller.
pub(super) struct Caller {
    pub mchid: String,
}

/// Replay rejection (§13.8, `--reject-replay`): the `(mchid, nonce_str)` pairs seen in the last
/// five minutes, with when.
pub(crate) struct ReplayGuard {
    enabled: bool,
    seen: Mutex<HashMap<(String, String), i64>>,
}

impl ReplayGuard {
    pub(crate) fn new(enabled: bool) -> Self {
        ReplayGuard {
            enabled,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `nonce_str` is new for `mchid` at real time `now` (always, when disabled).
    fn first_use(&self, mchid: &str, nonce_str: &str, now: i64) -> bool {
        if !self.enabled {
            return true;
        }
        let mut seen = self.seen.lock().expect("replay lock");
        seen.retain(|_, t| now - *t <= MAX_SKEW_SECS as i64);
        seen.insert((mchid.to_string(), nonce_str.to_string()), now)
            .is_none()
    }
}

/// Items 1, 2, 4–8 of §13: the headers a request must have, then its `Authorization` verified
/// by [`verify_request`] against the merchants this sandbox knows, then the replay window.
pub(super) fn authenticate(
    keys: &Keys,
    replay: &ReplayGuard,
    method: &str,
    target: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Caller, ApiFailure> {
    // §13.1
    let present = |n: &str| header_str(headers, n).is_some_and(|v| !v.is_empty());
    if !present("accept") || !present("user-agent") {
        return Err(ApiFailure::new(
            400,
            "INVALID_REQUEST",
            "Http头缺少Accept或User-Agent",
        ));
    }
    // §13.2: a JSON body needs `application/json` (`; charset=utf-8` allowed).
    if method == "POST" {
        let ct = header_str(headers, "content-type").unwrap_or("");
        let mut parts = ct.split(';').map(str::trim);
        let mime_ok = parts
            .next()
            .is_some_and(|m| m.eq_ignore_ascii_case("application/json"));
        let params_ok = parts.all(|p| {
            p.split_once('=').is_some_and(|(k, v)| {
                k.trim().eq_ignore_ascii_case("charset")
                    && v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
            })
        });
        if !mime_ok || !params_ok {
            return Err(ApiFailure::new(
                400,
                "PARAM_ERROR",
                "Http头Content-Type值必须为application/json",
            )
            .detail(json!({"field": "Content-Type", "value": ct, "issue": "a JSON body must be sent as application/json (optionally ; charset=utf-8)", "location": "header"})));
        }
    } else if !body.is_empty() {
        return Err(ApiFailure::param(
            "/",
            None,
            &format!("a {method} request carries no body (§1.1: the signed body is empty)"),
            "body",
        ));
    }
    // §13.4–7: the pure check in `signing`, at the real clock, never the business clock.
    let now = real_now();
    let raw = header_str(headers, "authorization").unwrap_or("");
    let auth = verify_request(method, target, raw, body, now, |mchid| {
        keys.merchant(mchid).map(|m| MerchantKey {
            serial_no: &m.serial_no,
            public_key: &m.public_key,
            not_before: m.cert_not_before,
            not_after: m.cert_not_after,
        })
    })
    .map_err(|e| refusal(method, target, body, e))?;
    // §13.8 (optional): a nonce may be used once per merchant within the window.
    if !replay.first_use(&auth.mchid, &auth.nonce_str, now) {
        return Err(auth_failure(
            "Http头Authorization中的nonce_str重复，请勿重放请求",
            format!(
                "nonce_str {} was already used by merchant {} within 5 minutes",
                auth.nonce_str, auth.mchid
            ),
        ));
    }
    Ok(Caller { mchid: auth.mchid })
}

/// The 401 answer to a request that does not authenticate (§13.4–7): WeChat Pay's message for
/// the check that failed, and the reason as `detail.issue`.
fn refusal(method: &str, target: &str, body: &[u8], e: RequestError) -> ApiFailure {
    let message = match &e {
        RequestError::Authorization(AuthorizationError::WrongScheme { .. }) => {
            "Http头Authorization认证类型不正确"
        }
        RequestError::Authorization(_) => "Http头Authorization值格式错误",
        RequestError::UnknownMerchant { mchid } => {
            return auth_failure(
                "商户号不存在",
                format!("merchant {mchid} is not known to this sandbox"),
            );
        }
        RequestError::WrongSerial { .. } => "商户证书序列号有误。",
        RequestError::CertificateNotValid { .. } => "商户证书已过期。",
        RequestError::Stale { .. } => {
            "Http头Authorization中的timestamp与发起请求的时间不得超过5分钟"
        }
        RequestError::Mismatch {
            authorization,
            message_len,
        } => return sign_error(method, target, authorization, body, *message_len),
    };
    auth_failure(message, e.to_string())
}

/// §13.7, §10.1: 401 SIGN_ERROR with `sign_information`. The body part of the rebuilt message is
/// cut to its first 8 bytes (the observed 2025 responses show `{"amount` then `\n`).
fn sign_error(
    method: &str,
    target: &str,
    auth: &Authorization,
    body: &[u8],
    len: usize,
) -> ApiFailure {
    let mut cut = body.len().min(8);
    while cut > 0 && std::str::from_utf8(&body[..cut]).is_err() {
        cut -= 1;
    }
    let truncated = format!(
        "{method}\n{target}\n{}\n{}\n{}\n",
        auth.timestamp,
        auth.nonce_str,
        String::from_utf8_lossy(&body[..cut])
    );
    ApiFailure::new(401, "SIGN_ERROR", "错误的签名，验签失败")
        .detail(json!({
            "field": "signature",
            "issue": "sign not match",
            "location": "authorization",
            "sign_information": {
                "method": method,
                "url": target,
                "truncated_sign_message": truncated,
                "sign_message_length": len,
            }
        }))
        .numeric(NUM_SIGN_ERROR)
}
