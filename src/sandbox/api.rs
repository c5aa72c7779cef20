//! The `/v3/…` API: request checks (apiv3.md §13.1–9) in a fixed order, routing, and the answer —
//! signed for every 2xx (§13.10), never for bill downloads (§13.12), WeChat Pay's error shape
//! otherwise (§13.27). Faults are applied here.
//!
//! Check order: early faults → route → Accept/User-Agent → Content-Type → Authorization format →
//! merchant → serial → timestamp → signature over the raw bytes → replay → body and business rules.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Response, StatusCode, header};
use serde_json::{Value, json};

use super::Core;
use super::bills::{BillKind, BillRequest, Download};
use super::clock::{self, real_now};
use super::control::RequestRecord;
use super::faults::FaultKind;
use super::notify::Signer;
use super::orders::{PrepayContext, internal};
use super::respond::{ApiFailure, NUM_SIGN_ERROR, error_response, request_id, signed_response};
use super::server::ConnKill;
use crate::api::validate;
use crate::api::{AccountType, BillType, Scene};
use crate::signing::request::{MerchantKey, RequestError, verify_request};
use crate::signing::verify::MAX_SKEW_SECS;
use crate::signing::{Authorization, AuthorizationError};

/// Request bodies larger than this are refused (combine bodies are a few KiB).
const MAX_BODY: usize = 1 << 20;

/// What a route produced.
enum Reply {
    Json(u16, Vec<u8>, Signer),
    NoContent(Signer),
    Download(Download),
}

enum Route {
    Prepay(Scene),
    Query(String),
    Close(String),
    Certificates,
    TradeBill,
    FundflowBill,
    BillDownload,
}

fn route(method: &str, path: &str) -> Result<Route, ApiFailure> {
    let wrong_method = || ApiFailure::new(405, "METHOD_NOT_ALLOWED", "Http请求方法不支持");
    let expect = |m: &str, r: Route| {
        if method == m {
            Ok(r)
        } else {
            Err(wrong_method())
        }
    };
    if let Some(rest) = path.strip_prefix("/v3/combine-transactions/") {
        if let Some(scene) = Scene::from_path(rest) {
            return expect("POST", Route::Prepay(scene));
        }
        if let Some(rest) = rest.strip_prefix("out-trade-no/") {
            if let Some(no) = rest.strip_suffix("/close")
                && !no.is_empty()
                && !no.contains('/')
            {
                return expect("POST", Route::Close(no.to_string()));
            }
            if !rest.is_empty() && !rest.contains('/') {
                return expect("GET", Route::Query(rest.to_string()));
            }
        }
    }
    match path {
        "/v3/certificates" => expect("GET", Route::Certificates),
        "/v3/bill/tradebill" => expect("GET", Route::TradeBill),
        "/v3/bill/fundflowbill" => expect("GET", Route::FundflowBill),
        "/v3/billdownload/file" => expect("GET", Route::BillDownload),
        _ => Err(ApiFailure::new(
            404,
            "RESOURCE_NOT_EXISTS",
            "资源不存在，请检查请求URL",
        )),
    }
}

fn header_str<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok()).map(str::trim)
}

/// Percent-decode a path segment or query value (RFC 3986; `+` stays `+`).
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Query parameters, each at most once and only from `allowed` (§13.24: strict enums and names).
fn query_params(
    query: Option<&str>,
    allowed: &[&str],
) -> Result<Vec<(String, String)>, ApiFailure> {
    let mut out: Vec<(String, String)> = Vec::new();
    let Some(q) = query.filter(|q| !q.is_empty()) else {
        return Ok(out);
    };
    for pair in q.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let k = percent_decode(k)
            .ok_or_else(|| ApiFailure::param(k, None, "is not valid percent-encoding", "query"))?;
        let v = percent_decode(v)
            .ok_or_else(|| ApiFailure::param(&k, None, "is not valid percent-encoding", "query"))?;
        if !allowed.contains(&k.as_str()) {
            return Err(ApiFailure::param(
                &k,
                Some(&Value::String(v)),
                &format!(
                    "is not a parameter of this API (expected: {})",
                    allowed.join(", ")
                ),
                "query",
            ));
        }
        if out.iter().any(|(x, _)| *x == k) {
            return Err(ApiFailure::param(&k, None, "is given twice", "query"));
        }
        out.push((k, v));
    }
    Ok(out)
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

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
struct Caller {
    mchid: String,
}

/// Items 1, 2, 4–8 of §13.
fn check_request(
    core: &Core,
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
        core.ids.merchant(mchid).map(|m| MerchantKey {
            serial_no: &m.serial_no,
            public_key: &m.public_key,
            not_before: m.cert_not_before,
            not_after: m.cert_not_after,
        })
    })
    .map_err(|e| refusal(method, target, body, e))?;
    // §13.8 (optional): a nonce may be used once per merchant within the window.
    if core.opts.reject_replay {
        let mut seen = core.replay.lock().expect("replay lock");
        seen.retain(|_, t| now - *t <= MAX_SKEW_SECS as i64);
        if seen
            .insert((auth.mchid.clone(), auth.nonce_str.clone()), now)
            .is_some()
        {
            return Err(auth_failure(
                "Http头Authorization中的nonce_str重复，请勿重放请求",
                format!(
                    "nonce_str {} was already used by merchant {} within 5 minutes",
                    auth.nonce_str, auth.mchid
                ),
            ));
        }
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

fn parse_json(body: &[u8]) -> Result<Value, ApiFailure> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiFailure::param("/", None, "the body is not valid UTF-8", "body"))?;
    let v = serde_json::from_str(text).map_err(|e| {
        ApiFailure::param(
            "/",
            None,
            &format!("the body is not valid JSON ({e})"),
            "body",
        )
    })?;
    // Stricter than a JSON parser that keeps the last of two equal keys: name the duplicate.
    if let Some(ptr) = duplicate_key(text) {
        return Err(ApiFailure::param(
            &ptr,
            None,
            "appears twice in its object; send each field once",
            "body",
        ));
    }
    Ok(v)
}

/// The JSON pointer of the first repeated object key in `text`, if any.
fn duplicate_key(text: &str) -> Option<String> {
    use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
    use std::cell::RefCell;

    struct Walk<'a> {
        ptr: String,
        found: &'a RefCell<Option<String>>,
    }
    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut i = 0;
            while seq
                .next_element_seed(Walk {
                    ptr: format!("{}/{i}", self.ptr),
                    found: self.found,
                })?
                .is_some()
            {
                i += 1;
            }
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(k) = map.next_key::<String>()? {
                let ptr = format!("{}/{}", self.ptr, k.replace('~', "~0").replace('/', "~1"));
                if !seen.insert(k) && self.found.borrow().is_none() {
                    *self.found.borrow_mut() = Some(ptr.clone());
                }
                map.next_value_seed(Walk {
                    ptr,
                    found: self.found,
                })?;
            }
            Ok(())
        }
    }
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    Walk {
        ptr: String::new(),
        found: &found,
    }
    .deserialize(&mut de)
    .ok()?;
    found.into_inner()
}

/// The stateless part of the sandbox's handling of a prepay body, exactly as the server runs it
/// before it looks at merchants or orders: UTF-8, JSON, no repeated key, then the field rules for
/// `scene` at business time `now` (http:// loopback notify URLs allowed, as in the sandbox).
/// Returns the parsed body, or the `400 PARAM_ERROR` the server would answer.
///
/// Public for fuzzing (`fuzz/fuzz_targets/sandbox_body.rs`) and tests; the server itself goes
/// through `Core::prepay`, which applies the same rules (`orders::prepay_fields`).
pub fn check_prepay_body(
    scene: Scene,
    body: &[u8],
    now: time::OffsetDateTime,
) -> Result<Value, ApiFailure> {
    let v = parse_json(body)?;
    // The default (strictest) length bound; a sandbox may be started with a looser one.
    let rules = validate::Rules {
        now,
        allow_http_loopback_notify: true,
        out_trade_no_min: validate::OUT_TRADE_NO_MIN,
    };
    super::orders::prepay_fields(scene, &v, &rules)?;
    Ok(v)
}

/// The stateless part of the sandbox's handling of a close request: the percent-encoded order
/// number from the path (as `{no}` in `…/out-trade-no/{no}/close`), then the body as
/// [`check_prepay_body`] reads it and the close field rules. Returns the decoded number and the
/// parsed body, or the `400 PARAM_ERROR` the server would answer.
///
/// Public for fuzzing and tests, like [`check_prepay_body`].
pub fn check_close_request(raw_no: &str, body: &[u8]) -> Result<(String, Value), ApiFailure> {
    let no = path_no(raw_no, crate::api::validate::OUT_TRADE_NO_MIN)?;
    let v = parse_json(body)?;
    super::orders::close_fields(&v, crate::api::validate::OUT_TRADE_NO_MIN)?;
    Ok((no, v))
}

fn no_query(query: Option<&str>) -> Result<(), ApiFailure> {
    match query {
        Some(q) if !q.is_empty() => Err(ApiFailure::param(
            q.split(['=', '&']).next().unwrap_or(q),
            None,
            "this API takes no query parameters",
            "query",
        )),
        _ => Ok(()),
    }
}

/// The `{combine_out_trade_no}` path segment, decoded and held to the sandbox's lower bound.
fn path_no(raw: &str, out_trade_no_min: usize) -> Result<String, ApiFailure> {
    let no = percent_decode(raw).ok_or_else(|| {
        ApiFailure::param(
            "combine_out_trade_no",
            None,
            "is not valid percent-encoding",
            "path",
        )
    })?;
    validate::out_trade_no("combine_out_trade_no", &no, out_trade_no_min).map_err(|e| {
        ApiFailure::param(
            &e.pointer,
            Some(&Value::String(no.clone())),
            &e.problem,
            "path",
        )
    })?;
    Ok(no)
}

impl Core {
    /// The key that signs a response (§2.5, §13.11). In mixed mode only a request that names our
    /// `PUB_KEY_ID_…` in `Wechatpay-Serial` gets a public-key signature; a certificate serial, a
    /// serial we do not publish, or no header at all (what certificate-only SDKs send) gets the
    /// platform certificate, which such a client can verify (issue 16). The test-only
    /// `mixed_alternate_responses` is stricter than WeChat Pay: it alternates whatever was sent.
    fn response_signer(&self, wechatpay_serial: Option<&str>) -> Signer {
        let mode = self.opts.key_mode;
        let p = &self.ids.platform;
        match (mode.has_pubkey(), mode.has_cert()) {
            (true, false) => Signer::Pubkey,
            (false, _) => Signer::Cert,
            (true, true) => match wechatpay_serial {
                _ if self.opts.mixed_alternate_responses => self.alternate_signer(),
                Some(s) if s == p.public_key_id => Signer::Pubkey,
                _ => Signer::Cert,
            },
        }
    }

    /// Mixed mode without a preference: the two keys take turns (responses here, notifications
    /// in `notify.rs`).
    pub(crate) fn alternate_signer(&self) -> Signer {
        let n = self
            .mixed_counter
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if n.is_multiple_of(2) {
            Signer::Pubkey
        } else {
            Signer::Cert
        }
    }
}

/// `?sub_mchid=` of a trade bill (§8.1: "服务商 only: a sub-merchant's bill").
///
/// §8.4 lists both `400 INVALID_REQUEST` ("bad sub_mchid relationship") and `403 NO_AUTH`
/// ("sub_mchid not bound") for the same mistake [UNCERTAIN]; we answer `403 NO_AUTH`, the code
/// prepay gives an unrelated sub-order merchant (§10.3) and the one a direct merchant asking for
/// a sub_mchid has always got here.
fn check_bill_sub_mchid(core: &Core, mchid: &str, sub: &str) -> Result<(), ApiFailure> {
    let no_auth = |issue: String| {
        ApiFailure::new(403, "NO_AUTH", "商户无权限").detail(
            json!({"field": "sub_mchid", "value": sub, "issue": issue, "location": "query"}),
        )
    };
    if !core.opts.service_provider {
        return Err(no_auth("sub_mchid is for 服务商 (service providers); this sandbox merchant is a direct merchant".into()));
    }
    if sub.is_empty() || sub.len() > 32 || !sub.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiFailure::param(
            "sub_mchid",
            Some(&Value::String(sub.into())),
            "must be a merchant id (1-32 digits)",
            "query",
        ));
    }
    let serves = core.sub_merchants_of(mchid);
    if serves.is_empty() {
        return Err(no_auth(format!(
            "merchant {mchid} is a 二级商户, not a 服务商; only its 服务商 asks for bills by sub_mchid"
        )));
    }
    if !serves.iter().any(|s| s == sub) {
        return Err(no_auth(format!(
            "{sub} is not a 二级商户 of 服务商 {mchid} (its 二级商户: {})",
            serves.join(", ")
        )));
    }
    Ok(())
}

/// A safe host for `download_url`: the request's Host if it looks like one.
fn download_host(core: &Core, headers: &HeaderMap) -> String {
    match header_str(headers, "host") {
        Some(h)
            if !h.is_empty()
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b)) =>
        {
            h.to_string()
        }
        _ => format!("127.0.0.1:{}", core.port),
    }
}

async fn dispatch(
    core: &Arc<Core>,
    route: Route,
    caller: &Caller,
    query: Option<&str>,
    headers: &HeaderMap,
    body: Bytes,
) -> Result<Reply, ApiFailure> {
    let serial = header_str(headers, "wechatpay-serial").filter(|s| !s.is_empty());
    let signer = core.response_signer(serial);
    match route {
        Route::Prepay(scene) => {
            no_query(query)?;
            let v = parse_json(&body)?;
            let ctx = PrepayContext {
                auth_mchid: &caller.mchid,
                wechatpay_serial: serial,
            };
            let c = core.clone();
            let answer = tokio::task::block_in_place(|| c.prepay(&ctx, scene, &v))?;
            Ok(Reply::Json(
                200,
                serde_json::to_vec(&answer).expect("json"),
                signer,
            ))
        }
        Route::Query(raw) => {
            no_query(query)?;
            let no = path_no(&raw, core.opts.out_trade_no_min)?;
            let order = core.query(&caller.mchid, &no)?;
            Ok(Reply::Json(
                200,
                serde_json::to_vec(&order).expect("json"),
                signer,
            ))
        }
        Route::Close(raw) => {
            no_query(query)?;
            let no = path_no(&raw, core.opts.out_trade_no_min)?;
            let v = parse_json(&body)?;
            tokio::task::block_in_place(|| core.close(&caller.mchid, &no, &v))?;
            Ok(Reply::NoContent(signer))
        }
        Route::Certificates => {
            let params = query_params(query, &["algorithm_type"])?;
            if let Some(a) = param(&params, "algorithm_type")
                && !["RSA", "SM2", "ALL"].contains(&a)
            {
                return Err(ApiFailure::param(
                    "algorithm_type",
                    Some(&Value::String(a.into())),
                    "must be RSA, SM2 or ALL",
                    "query",
                ));
            }
            if !core.opts.key_mode.has_cert() {
                return Err(ApiFailure::new(
                    404,
                    "RESOURCE_NOT_EXISTS",
                    "无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥",
                ));
            }
            let merchant = core
                .ids
                .merchant(&caller.mchid)
                .expect("the caller is known");
            // Every published certificate, a rotated one from the moment it is published
            // (§13.11: ≥ 24 h before it signs), so clients can fetch it in time.
            let data: Vec<Value> = if param(&params, "algorithm_type") == Some("SM2") {
                vec![]
            } else {
                core.ids
                    .platform
                    .published_certs()
                    .iter()
                    .map(|c| {
                        let cert = &c.cert;
                        let nonce = crate::rand::alphanumeric(12);
                        let ciphertext = merchant
                            .apiv3_key
                            .encrypt(&nonce, "certificate", cert.to_pem().as_bytes())
                            .expect("a 12-character nonce is valid");
                        json!({
                            "serial_no": cert.serial,
                            "effective_time": clock::rfc3339(cert.not_before),
                            "expire_time": clock::rfc3339(cert.not_after),
                            "encrypt_certificate": {
                                "algorithm": "AEAD_AES_256_GCM",
                                "nonce": nonce,
                                "associated_data": "certificate",
                                "ciphertext": ciphertext,
                            }
                        })
                    })
                    .collect()
            };
            // §3 bootstrap: the client verifies this answer with a certificate it contains, so
            // it is signed with the certificate key even in mixed mode.
            Ok(Reply::Json(
                200,
                serde_json::to_vec(&json!({ "data": data })).expect("json"),
                Signer::Cert,
            ))
        }
        Route::TradeBill | Route::FundflowBill => {
            let trade = matches!(route, Route::TradeBill);
            let params = if trade {
                query_params(query, &["bill_date", "sub_mchid", "bill_type", "tar_type"])?
            } else {
                query_params(query, &["bill_date", "account_type", "tar_type"])?
            };
            let date_s = param(&params, "bill_date")
                .ok_or_else(|| ApiFailure::param("bill_date", None, "is required", "query"))?;
            let date = clock::parse_date(date_s).ok_or_else(|| {
                ApiFailure::param(
                    "bill_date",
                    Some(&Value::String(date_s.into())),
                    "must be a date as yyyy-MM-dd",
                    "query",
                )
            })?;
            let gzip = match param(&params, "tar_type") {
                None => false,
                Some("GZIP") => true,
                Some(other) => {
                    return Err(ApiFailure::param(
                        "tar_type",
                        Some(&Value::String(other.into())),
                        "must be GZIP (or absent for plain text)",
                        "query",
                    ));
                }
            };
            let sub_mchid = param(&params, "sub_mchid").map(str::to_string);
            if let Some(sub) = &sub_mchid {
                check_bill_sub_mchid(core, &caller.mchid, sub)?;
            }
            let kind = if trade {
                let t = param(&params, "bill_type").unwrap_or("ALL");
                BillKind::Trade(BillType::parse(t).ok_or_else(|| {
                    ApiFailure::param(
                        "bill_type",
                        Some(&Value::String(t.into())),
                        "must be ALL, SUCCESS or REFUND",
                        "query",
                    )
                })?)
            } else {
                let t = param(&params, "account_type").unwrap_or("BASIC");
                BillKind::Fundflow(AccountType::parse(t).ok_or_else(|| {
                    ApiFailure::param(
                        "account_type",
                        Some(&Value::String(t.into())),
                        "must be BASIC, OPERATION or FEES",
                        "query",
                    )
                })?)
            };
            let wrong_hash = core
                .faults
                .take(
                    &[FaultKind::WrongHash],
                    &format!(
                        "/v3/bill/{}",
                        if trade { "tradebill" } else { "fundflowbill" }
                    ),
                )
                .is_some();
            let host = download_host(core, headers);
            let c = core.clone();
            let mchid = caller.mchid.clone();
            let req = BillRequest {
                date,
                kind,
                gzip,
                sub_mchid,
            };
            let answer =
                tokio::task::spawn_blocking(move || c.apply_bill(&mchid, &req, &host, wrong_hash))
                    .await
                    .map_err(|e| internal(anyhow::anyhow!("bill generation panicked: {e}")))??;
            Ok(Reply::Json(
                200,
                serde_json::to_vec(&answer).expect("json"),
                signer,
            ))
        }
        Route::BillDownload => {
            let params = query_params(query, &["token", "tartype"])?;
            let token = param(&params, "token")
                .filter(|t| !t.is_empty())
                .ok_or_else(|| ApiFailure::param("token", None, "is required", "query"))?;
            // The expire-token fault: the token is judged as if its 30 s were over, so a
            // client's "apply again once" path can be tested without racing the clock.
            let expired = core
                .faults
                .take(&[FaultKind::ExpireToken], "/v3/billdownload/file")
                .is_some();
            let d =
                tokio::task::block_in_place(|| core.redeem_token(&caller.mchid, token, expired))?;
            Ok(Reply::Download(d))
        }
    }
}

/// A response body that streams a file in chunks, optionally stopping with an error after `limit`
/// bytes (the `truncate-download` fault): with the full Content-Length announced, hyper then closes
/// the connection and the client sees an incomplete transfer.
struct FileBody {
    rx: tokio::sync::mpsc::Receiver<io::Result<Bytes>>,
    len: u64,
}

impl http_body::Body for FileBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, io::Error>>> {
        match self.rx.poll_recv(cx) {
            Poll::Ready(Some(Ok(b))) => Poll::Ready(Some(Ok(http_body::Frame::data(b)))),
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(e))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.len)
    }
}

fn stream_file(d: &Download, limit: Option<u64>) -> FileBody {
    use tokio::io::AsyncReadExt as _;
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    let path = d.path.clone();
    tokio::spawn(async move {
        let mut f = match tokio::fs::File::open(&path).await {
            Ok(f) => f,
            Err(e) => {
                let _ = tx.send(Err(e)).await;
                return;
            }
        };
        let mut sent = 0u64;
        loop {
            let mut buf = vec![0u8; 256 * 1024];
            if let Some(l) = limit {
                buf.truncate((l - sent).min(buf.len() as u64) as usize);
                if buf.is_empty() {
                    // Let hyper flush what was sent, so the client sees a head and part of the
                    // body, then the connection closing early.
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    let _ = tx
                        .send(Err(io::Error::other("truncate-download fault")))
                        .await;
                    return;
                }
            }
            match f.read(&mut buf).await {
                Ok(0) => return,
                Ok(n) => {
                    buf.truncate(n);
                    sent += n as u64;
                    if tx.send(Ok(Bytes::from(buf))).await.is_err() {
                        return;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Err(e)).await;
                    return;
                }
            }
        }
    });
    FileBody { rx, len: d.len }
}

/// The fallback handler: everything that is not a control endpoint.
pub async fn handle(
    State(core): State<Arc<Core>>,
    Extension(kill): Extension<ConnKill>,
    req: Request,
) -> Response<Body> {
    let method = req.method().as_str().to_string();
    let target = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_string);
    let headers = req.headers().clone();
    let mut record = RequestRecord {
        id: 0,
        time: clock::rfc3339(real_now()),
        method: method.clone(),
        path: target.clone(),
        status: None,
        mchid: None,
        request_id: String::new(),
    };
    let body = match axum::body::to_bytes(req.into_body(), MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            let f = ApiFailure::param("/", None, "the body is larger than 1 MiB", "body");
            return finish_error(&core, record, f);
        }
    };

    // Early faults (§13.27): a gateway-level answer before anything is checked.
    if let Some(f) = core.faults.take(&[FaultKind::Latency], &path) {
        tokio::time::sleep(Duration::from_millis(f.ms.unwrap_or(0))).await;
    }
    if let Some(f) = core.faults.take(FaultKind::EARLY, &path) {
        match f.kind {
            FaultKind::DropConnection => {
                core.log_request(record.clone());
                kill.0.notify_one();
                // The connection task drops the socket; this response is never written.
                std::future::pending::<()>().await;
            }
            FaultKind::FrequencyLimited => {
                return finish_error(
                    &core,
                    record,
                    ApiFailure::new(429, "FREQUENCY_LIMITED", "频率超限"),
                );
            }
            _ => {
                return finish_error(
                    &core,
                    record,
                    ApiFailure::new(500, "SYSTEM_ERROR", "系统异常，请稍后重试"),
                );
            }
        }
    }

    let route = match route(&method, &path) {
        Ok(r) => r,
        Err(f) => return finish_error(&core, record, f),
    };
    let caller = match check_request(&core, &method, &target, &headers, &body) {
        Ok(c) => c,
        Err(f) => return finish_error(&core, record, f),
    };
    record.mchid = Some(caller.mchid.clone());
    let reply = dispatch(&core, route, &caller, query.as_deref(), &headers, body).await;
    let now = real_now();
    match reply {
        // §2.6: WeChat Pay usually signs its error answers once the request itself authenticated
        // (never a 401, never a bill download). Doing the same lets a client that checks them
        // (`profile check` in public-key mode, where the probe's answer is a 404) exercise its
        // verifier; clients that ignore them lose nothing.
        Err(f) => {
            let signer = core.response_signer(header_str(&headers, "wechatpay-serial"));
            let rid = request_id(f.numeric);
            record.status = Some(f.status);
            record.request_id = rid.clone();
            core.log_request(record);
            signed_response(
                f.status,
                Bytes::from(f.body_json()),
                &core.signing_key(signer),
                now,
                None,
                &rid,
            )
        }
        Ok(Reply::Json(status, bytes, signer)) => {
            let fault = core
                .faults
                .take(FaultKind::SIGNATURE, &path)
                .map(|f| f.kind);
            let rid = request_id(None);
            record.status = Some(status);
            record.request_id = rid.clone();
            core.log_request(record);
            signed_response(
                status,
                Bytes::from(bytes),
                &core.signing_key(signer),
                now,
                fault,
                &rid,
            )
        }
        Ok(Reply::NoContent(signer)) => {
            let fault = core
                .faults
                .take(FaultKind::SIGNATURE, &path)
                .map(|f| f.kind);
            let rid = request_id(None);
            record.status = Some(204);
            record.request_id = rid.clone();
            core.log_request(record);
            signed_response(
                204,
                Bytes::new(),
                &core.signing_key(signer),
                now,
                fault,
                &rid,
            )
        }
        Ok(Reply::Download(d)) => {
            // §13.12: no Wechatpay-* headers on downloads.
            let truncate = core
                .faults
                .take(&[FaultKind::TruncateDownload], &path)
                .is_some();
            let rid = request_id(None);
            record.status = Some(200);
            record.request_id = rid.clone();
            core.log_request(record);
            let limit = truncate.then_some(d.len / 2);
            let mut r = Response::new(Body::new(stream_file(&d, limit)));
            *r.status_mut() = StatusCode::OK;
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(if d.gzip {
                    "application/x-gzip"
                } else {
                    "text/plain; charset=utf-8"
                }),
            );
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(d.len));
            if let Ok(v) = HeaderValue::from_str(&rid) {
                h.insert("Request-ID", v);
            }
            r
        }
    }
}

fn finish_error(core: &Core, mut record: RequestRecord, f: ApiFailure) -> Response<Body> {
    let rid = request_id(f.numeric);
    record.status = Some(f.status);
    record.request_id = rid.clone();
    core.log_request(record);
    error_response(&f, &rid)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{check_close_request, check_prepay_body};
    use crate::api::Scene;

    const NOW: time::OffsetDateTime = time::macros::datetime!(2019-04-02 12:00:00 +08:00);

    fn prepay_body() -> serde_json::Value {
        json!({
            "combine_appid": "wxd678efh567hg6787",
            "combine_mchid": "1900000109",
            "combine_out_trade_no": "P20150806125346",
            "combine_payer_info": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
            "sub_orders": [
                {"mchid": "1900000109", "attach": "a", "amount": {"total_amount": 10, "currency": "CNY"},
                 "out_trade_no": "20150806125346", "description": "d"},
                {"mchid": "1900000119", "attach": "b", "amount": {"total_amount": 10, "currency": "CNY"},
                 "out_trade_no": "20150806125347", "description": "e"}
            ],
            "notify_url": "http://127.0.0.1:9/notify"
        })
    }

    #[test]
    fn stateless_body_checks_answer_like_the_server() {
        let body = serde_json::to_vec(&prepay_body()).unwrap();
        assert_eq!(
            check_prepay_body(Scene::Jsapi, &body, NOW).unwrap(),
            prepay_body()
        );
        let f = check_prepay_body(
            Scene::Jsapi,
            br#"{"combine_appid":"a","combine_appid":"b"}"#,
            NOW,
        )
        .unwrap_err();
        assert_eq!((f.status, f.code), (400, "PARAM_ERROR"));
        assert_eq!(f.detail.as_ref().unwrap()["field"], "/combine_appid");
        let f = check_prepay_body(Scene::H5, &body, NOW).unwrap_err();
        assert_eq!(f.detail.as_ref().unwrap()["field"], "/scene_info");
        let close = br#"{"combine_appid":"wxd678efh567hg6787","sub_orders":[{"mchid":"1900000109","out_trade_no":"20150806125346"},{"mchid":"1900000119","out_trade_no":"20150806125347"}]}"#;
        let (no, _) = check_close_request("P2015%2D0806125346", close).unwrap();
        assert_eq!(no, "P2015-0806125346");
        let f = check_close_request("P%ZZ", close).unwrap_err();
        assert_eq!(f.detail.as_ref().unwrap()["location"], "path");
    }

    #[test]
    fn duplicate_keys_are_found_with_their_pointer() {
        assert_eq!(
            super::duplicate_key(r#"{"a":1,"b":[{"c":1,"c":2}]}"#).as_deref(),
            Some("/b/0/c")
        );
        assert_eq!(
            super::duplicate_key(r#"{"a":1,"a":null}"#).as_deref(),
            Some("/a")
        );
        assert_eq!(super::duplicate_key(r#"{"a":{"a":1},"b":"a"}"#), None);
    }
}
