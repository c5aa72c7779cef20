//! Wire parsing: what a request carries besides its signature — headers, percent-encoded path
//! segments and query parameters (§13.24: strict names, each once), and JSON bodies (§13.2) — read
//! the way WeChat Pay reads them, refused with `400 PARAM_ERROR` naming the field.

use axum::http::HeaderMap;
use serde_json::Value;

use crate::api::Scene;
use crate::api::validate::{self, JsonTextError};
use crate::sandbox::failure::ApiFailure;
use crate::sandbox::orders::{close_fields, prepay_fields};

/// A header's value, trimmed; `None` when absent or not visible ASCII.
pub(super) fn header_str<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok()).map(str::trim)
}

/// Percent-decode a path segment or query value (RFC 3986; `+` stays `+`).
pub(super) fn percent_decode(s: &str) -> Option<String> {
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
pub(super) fn query_params(
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

pub(super) fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A JSON request body: UTF-8, valid JSON, and (stricter than a parser that keeps the last of two
/// equal keys) no key twice in one object, the repeated one named by its pointer.
pub(super) fn parse_json(body: &[u8]) -> Result<Value, ApiFailure> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiFailure::param("/", None, "the body is not valid UTF-8", "body"))?;
    validate::parse_unique_keys(text).map_err(|e| match e {
        JsonTextError::Syntax(e) => ApiFailure::param(
            "/",
            None,
            &format!("the body is not valid JSON ({e})"),
            "body",
        ),
        JsonTextError::DuplicateKey { pointer } => ApiFailure::param(
            &pointer,
            None,
            "appears twice in its object; send each field once",
            "body",
        ),
    })
}

/// The stateless part of the sandbox's handling of a prepay body, exactly as the server runs it
/// before it looks at merchants or orders: UTF-8, JSON, no repeated key, then the field rules for
/// `scene` at business time `now` (http:// loopback notify URLs allowed, as in the sandbox).
/// Returns the parsed body, or the `400 PARAM_ERROR` the server would answer.
///
/// Public for fuzzing (`fuzz/fuzz_targets/sandbox_body.rs`) and tests; the server itself goes
/// through `Orders::prepay`, which applies the same rules (`orders::prepay_fields`).
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
    prepay_fields(scene, &v, &rules)?;
    Ok(v)
}

/// The stateless part of the sandbox's handling of a close request: the percent-encoded order
/// number from the path (as `{no}` in `…/out-trade-no/{no}/close`), then the body as
/// [`check_prepay_body`] reads it and the close field rules. Returns the decoded number and the
/// parsed body, or the `400 PARAM_ERROR` the server would answer.
///
/// Public for fuzzing and tests, like [`check_prepay_body`].
pub fn check_close_request(raw_no: &str, body: &[u8]) -> Result<(String, Value), ApiFailure> {
    let no = path_no(raw_no, validate::OUT_TRADE_NO_MIN)?;
    let v = parse_json(body)?;
    close_fields(&v, validate::OUT_TRADE_NO_MIN)?;
    Ok((no, v))
}

/// An endpoint that takes no query parameters got some.
pub(super) fn no_query(query: Option<&str>) -> Result<(), ApiFailure> {
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
pub(super) fn path_no(raw: &str, out_trade_no_min: usize) -> Result<String, ApiFailure> {
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

/// A safe host for `download_url`: the request's Host if it looks like one.
pub(super) fn download_host(headers: &HeaderMap, port: u16) -> String {
    match header_str(headers, "host") {
        Some(h)
            if !h.is_empty()
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b)) =>
        {
            h.to_string()
        }
        _ => format!("127.0.0.1:{port}"),
    }
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
        let field = |body: &str| {
            let f = super::parse_json(body.as_bytes()).unwrap_err();
            assert_eq!((f.status, f.code), (400, "PARAM_ERROR"));
            f.detail.as_ref().unwrap()["field"].clone()
        };
        assert_eq!(field(r#"{"a":1,"b":[{"c":1,"c":2}]}"#), "/b/0/c");
        assert_eq!(field(r#"{"a":1,"a":null}"#), "/a");
        assert!(super::parse_json(br#"{"a":{"a":1},"b":"a"}"#).is_ok());
        assert_eq!(field("{"), "/");
    }
}
