//! Field rules for combine prepay and close bodies (apiv3.md §6.2, §6.3, §6.5, §13.2, §13.14–17).
//!
//! Used twice: by `prepay`/`close` before anything is signed (a violation exits 2 naming the JSON
//! pointer, nothing is sent), and by the sandbox, which answers `400 PARAM_ERROR` with the same
//! pointer in `detail.field`. The checks work on `serde_json::Value` so that a float amount, a
//! string where an integer belongs or a `null` is seen as such rather than coerced. Where the docs
//! disagree we take the stricter reading and say so.

use std::collections::HashSet;
use std::net::IpAddr;

use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::error::FieldError;
use super::vocab::Scene;

/// Context the rules need.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Now, for `time_expire` (must be ≥ 1 min ahead and within [`MAX_EXPIRE_DAYS`]).
    pub now: OffsetDateTime,
    /// Accept `http://` notify URLs to loopback hosts (the sandbox only; cli.md `sandbox pay`).
    pub allow_http_loopback_notify: bool,
    /// The shortest `combine_out_trade_no` / sub-order `out_trade_no` accepted: one of
    /// [`OUT_TRADE_NO_MINS`]. The client uses [`OUT_TRADE_NO_MIN`]; the sandbox can be set lower
    /// (§13.14 "configurable lower bound 1/2/6") to stand in for the laxer doc pages.
    pub out_trade_no_min: usize,
}

/// §6.2 leaves the upper bound of `time_expire` open (7 or 90 days depending on the page);
/// [UNCERTAIN] — the stricter reading, 7 days, which is also the default when absent.
pub const MAX_EXPIRE_DAYS: i64 = 7;

/// `combine_out_trade_no` and sub-order `out_trade_no`: "6~32个字符，只能是数字、大小写字母_-|*"
/// (§6.2). [UNCERTAIN] lower bound 1, 2 or 6 in different docs — the stricter 6.
pub const OUT_TRADE_NO_MIN: usize = 6;
pub const OUT_TRADE_NO_MAX: usize = 32;
/// The lower bounds the docs give (§6.2: legacy `[1,32]`, 电商 "最短2个字符", current "6~32"), the
/// only values [`Rules::out_trade_no_min`] may take (§13.14).
pub const OUT_TRADE_NO_MINS: [usize; 3] = [1, 2, 6];

/// Check an order number's characters and its length against `min`..=[`OUT_TRADE_NO_MAX`];
/// `pointer` names it in the error.
pub fn out_trade_no(pointer: &str, value: &str, min: usize) -> Result<(), FieldError> {
    let n = value.chars().count();
    if !(min..=OUT_TRADE_NO_MAX).contains(&n) {
        return Err(FieldError::new(
            pointer,
            format!("{value:?} is {n} characters; it must be {min}-{OUT_TRADE_NO_MAX}"),
        ));
    }
    if let Some(c) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "_-|*".contains(*c)))
    {
        return Err(FieldError::new(
            pointer,
            format!("{value:?} contains {c:?}; only letters, digits and _ - | * are allowed"),
        ));
    }
    Ok(())
}

/// [`out_trade_no`] with the strict lower bound [`OUT_TRADE_NO_MIN`]: what the client checks
/// before it sends a number anywhere (query, close, `sandbox pay` arguments).
pub fn out_trade_no_strict(pointer: &str, value: &str) -> Result<(), FieldError> {
    out_trade_no(pointer, value, OUT_TRADE_NO_MIN)
}

/// Walks one JSON object, tracking the pointer and which keys were seen.
struct Obj<'a> {
    ptr: String,
    map: &'a Map<String, Value>,
}

fn child(ptr: &str, key: &str) -> String {
    // RFC 6901 escaping; our keys never need it, but values from --body might.
    format!("{ptr}/{}", key.replace('~', "~0").replace('/', "~1"))
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a fractional number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Refuse characters outside the BMP: "不支持…4字节" UTF-8 (§1.1, §13.14). [UNCERTAIN] for which
/// fields exactly — the stricter reading applies it to every string.
fn no_four_byte(ptr: &str, s: &str) -> Result<(), FieldError> {
    if let Some(c) = s.chars().find(|c| c.len_utf8() == 4) {
        return Err(FieldError::new(
            ptr,
            format!(
                "contains {c:?}, a 4-byte UTF-8 character (e.g. an emoji), which WeChat Pay rejects"
            ),
        ));
    }
    Ok(())
}

impl<'a> Obj<'a> {
    fn new(ptr: &str, v: &'a Value) -> Result<Self, FieldError> {
        match v {
            Value::Object(map) => Ok(Obj {
                ptr: ptr.to_string(),
                map,
            }),
            other => Err(FieldError::new(
                if ptr.is_empty() { "/" } else { ptr },
                format!("must be a JSON object, not {}", type_name(other)),
            )),
        }
    }

    fn only(&self, allowed: &[&str]) -> Result<(), FieldError> {
        for k in self.map.keys() {
            if !allowed.contains(&k.as_str()) {
                return Err(FieldError::new(
                    child(&self.ptr, k),
                    format!("unknown field; expected one of: {}", allowed.join(", ")),
                ));
            }
        }
        Ok(())
    }

    fn get(&self, key: &str) -> Result<Option<&'a Value>, FieldError> {
        match self.map.get(key) {
            Some(Value::Null) => Err(FieldError::new(
                child(&self.ptr, key),
                "is null; omit the field instead (§1.3: do not send null)",
            )),
            other => Ok(other),
        }
    }

    fn require(&self, key: &str) -> Result<&'a Value, FieldError> {
        self.get(key)?
            .ok_or_else(|| FieldError::new(child(&self.ptr, key), "is required"))
    }

    /// The member `key`: refused when `required` and absent, `None` when optional and absent.
    fn field(&self, key: &str, required: bool) -> Result<Option<&'a Value>, FieldError> {
        if required {
            self.require(key).map(Some)
        } else {
            self.get(key)
        }
    }

    /// A string of 1..=max characters.
    fn string(&self, key: &str, max: usize, required: bool) -> Result<Option<&'a str>, FieldError> {
        let p = child(&self.ptr, key);
        let Some(v) = self.field(key, required)? else {
            return Ok(None);
        };
        let Value::String(s) = v else {
            return Err(FieldError::new(
                p,
                format!("must be a string, not {}", type_name(v)),
            ));
        };
        let n = s.chars().count();
        if n == 0 {
            return Err(FieldError::new(p, "is empty"));
        }
        if n > max {
            return Err(FieldError::new(
                p,
                format!("is {n} characters; at most {max} are allowed"),
            ));
        }
        no_four_byte(&p, s)?;
        Ok(Some(s))
    }

    /// A JSON integer (not a float, not a string) within bounds.
    fn integer(&self, key: &str, min: i64, required: bool) -> Result<Option<i64>, FieldError> {
        let p = child(&self.ptr, key);
        let Some(v) = self.field(key, required)? else {
            return Ok(None);
        };
        let n = match v {
            Value::Number(n) => n.as_i64().ok_or_else(|| {
                FieldError::new(&p, format!("{n} is not an integer number of fen; amounts are integers in 分 (1 元 = 100)"))
            })?,
            other => return Err(FieldError::new(p, format!("must be a JSON integer, not {}", type_name(other)))),
        };
        if n < min {
            return Err(FieldError::new(
                p,
                format!("is {n}; it must be at least {min}"),
            ));
        }
        Ok(Some(n))
    }

    fn boolean(&self, key: &str) -> Result<Option<bool>, FieldError> {
        match self.get(key)? {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(FieldError::new(
                child(&self.ptr, key),
                format!("must be true or false, not {}", type_name(other)),
            )),
        }
    }

    fn object(&self, key: &str, required: bool) -> Result<Option<Obj<'a>>, FieldError> {
        self.field(key, required)?
            .map(|v| Obj::new(&child(&self.ptr, key), v))
            .transpose()
    }

    fn array(&self, key: &str) -> Result<&'a Vec<Value>, FieldError> {
        match self.require(key)? {
            Value::Array(a) => Ok(a),
            other => Err(FieldError::new(
                child(&self.ptr, key),
                format!("must be an array, not {}", type_name(other)),
            )),
        }
    }
}

const PREPAY_KEYS: &[&str] = &[
    "combine_appid",
    "combine_mchid",
    "combine_out_trade_no",
    "scene_info",
    "sub_orders",
    "combine_payer_info",
    "time_start",
    "time_expire",
    "notify_url",
    "limit_pay",
];
const SUB_ORDER_KEYS: &[&str] = &[
    "mchid",
    "attach",
    "amount",
    "out_trade_no",
    "sub_mchid",
    "sub_appid",
    "detail",
    "description",
    "goods_tag",
    "settle_info",
];

/// What the prepay body says about its own shape, for callers that need it after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrepaySummary {
    /// 服务商/电商 form: sub-orders carry `sub_mchid` (1–50 of them).
    pub service_provider: bool,
    pub sub_orders: usize,
    /// `combine_payer_info.identity` present: the request must carry `Wechatpay-Serial` (§13.9).
    pub has_encrypted_identity: bool,
}

/// Validate a combine prepay body for `scene` (§6.2, §6.3, §13.14–17).
pub fn prepay(scene: Scene, body: &Value, rules: &Rules) -> Result<PrepaySummary, FieldError> {
    let root = Obj::new("", body)?;
    root.only(PREPAY_KEYS)?;
    root.string("combine_appid", 32, true)?;
    root.string("combine_mchid", 32, true)?;
    let no = root
        .string("combine_out_trade_no", 32, true)?
        .expect("required");
    out_trade_no("/combine_out_trade_no", no, rules.out_trade_no_min)?;

    // scene_info: required for H5 (with h5_info); otherwise optional, and then payer_client_ip is.
    let scene_info = root.object("scene_info", scene == Scene::H5)?;
    if let Some(si) = &scene_info {
        si.only(&["device_id", "payer_client_ip", "h5_info"])?;
        let ip = si.string("payer_client_ip", 45, true)?.expect("required");
        if ip.parse::<IpAddr>().is_err() {
            return Err(FieldError::new(
                "/scene_info/payer_client_ip",
                format!("{ip:?} is not an IPv4 or IPv6 address"),
            ));
        }
        // [UNCERTAIN] device_id is string(16) in the legacy page and string(32) for H5, and "required"
        // in the H5 doc: we accept up to 32 and require it for H5 (the stricter reading).
        si.string("device_id", 32, scene == Scene::H5)?;
        let h5 = si.object("h5_info", scene == Scene::H5)?;
        match (&h5, scene) {
            (Some(h5), Scene::H5) => {
                h5.only(&["type", "app_name", "app_url", "bundle_id", "package_name"])?;
                let t = h5.string("type", 32, true)?.expect("required");
                if !["iOS", "Android", "Wap"].contains(&t) {
                    return Err(FieldError::new(
                        "/scene_info/h5_info/type",
                        format!("{t:?} is not one of iOS, Android, Wap"),
                    ));
                }
                h5.string("app_name", 64, false)?;
                h5.string("app_url", 128, false)?;
                h5.string("bundle_id", 128, false)?;
                h5.string("package_name", 128, false)?;
            }
            (Some(_), _) => {
                return Err(FieldError::new(
                    "/scene_info/h5_info",
                    format!("only the h5 scene takes h5_info, not {}", scene.as_str()),
                ));
            }
            (None, _) => {}
        }
    }

    // Sub-orders: 2–10 for a direct merchant, 1–50 with sub_mchid (服务商/电商, §6.2).
    let subs = root.array("sub_orders")?;
    let service_provider = sub_order_count(
        subs,
        "for a direct merchant (no sub_mchid)",
        |n, form, min, max| format!("has {n} sub-orders; {form} WeChat Pay takes {min}-{max}"),
    )?;
    let mut seen = HashSet::new();
    for (i, s) in subs.iter().enumerate() {
        let p = format!("/sub_orders/{i}");
        let so = Obj::new(&p, s)?;
        so.only(SUB_ORDER_KEYS)?;
        so.string("mchid", 32, true)?;
        so.string("attach", 128, true)?;
        let amount = so.object("amount", true)?.expect("required");
        amount.only(&["total_amount", "currency"])?;
        amount.integer("total_amount", 1, true)?;
        let cur = amount.string("currency", 8, true)?.expect("required");
        if cur != "CNY" {
            return Err(FieldError::new(
                format!("{p}/amount/currency"),
                format!("{cur:?} is not supported; only CNY"),
            ));
        }
        let otn = so.string("out_trade_no", 32, true)?.expect("required");
        out_trade_no(&format!("{p}/out_trade_no"), otn, rules.out_trade_no_min)?;
        if !seen.insert(otn.to_string()) {
            return Err(FieldError::new(
                format!("{p}/out_trade_no"),
                format!(
                    "{otn:?} appears twice in this order; every sub-order needs its own number"
                ),
            ));
        }
        let sub_mchid = so.string("sub_mchid", 32, service_provider)?;
        if service_provider && sub_mchid.is_none() {
            return Err(FieldError::new(
                format!("{p}/sub_mchid"),
                "is required when any sub-order has one",
            ));
        }
        so.string("sub_appid", 32, false)?;
        so.string("detail", 6000, false)?;
        so.string("description", 127, true)?;
        so.string("goods_tag", 32, false)?;
        if let Some(si) = so.object("settle_info", false)? {
            si.only(&["profit_sharing", "subsidy_amount"])?;
            si.boolean("profit_sharing")?;
            if si.integer("subsidy_amount", 0, false)?.is_some() && !service_provider {
                return Err(FieldError::new(
                    format!("{p}/settle_info/subsidy_amount"),
                    "补差金额 is for 服务商/电商 orders (with sub_mchid) only",
                ));
            }
        }
    }

    // Payer: required for JSAPI (§6.2); optional for APP and Native (§13.15); H5 has none (§6.3).
    let payer = root.object("combine_payer_info", scene == Scene::Jsapi)?;
    let mut has_encrypted_identity = false;
    if let Some(payer) = &payer {
        if scene == Scene::H5 {
            return Err(FieldError::new(
                "/combine_payer_info",
                "the h5 scene takes no combine_payer_info",
            ));
        }
        payer.only(&["openid", "sub_openid", "identity"])?;
        payer.string("openid", 128, scene == Scene::Jsapi)?;
        payer.string("sub_openid", 128, false)?;
        if let Some(id) = payer.object("identity", false)? {
            id.only(&["type", "number", "name"])?;
            let t = id.string("type", 32, true)?.expect("required");
            if t != "IDCARD" {
                return Err(FieldError::new(
                    "/combine_payer_info/identity/type",
                    format!("{t:?} is not IDCARD"),
                ));
            }
            id.string("number", 2048, true)?;
            id.string("name", 2048, true)?;
            has_encrypted_identity = true;
        }
    }

    if let Some(t) = root.string("time_start", 64, false)? {
        rfc3339_beijing("/time_start", t)?;
    }
    if let Some(t) = root.string("time_expire", 64, false)? {
        let at = rfc3339_beijing("/time_expire", t)?;
        let ahead = (at - rules.now).whole_seconds();
        if ahead < 60 {
            return Err(FieldError::new(
                "/time_expire",
                format!("{t} is not at least one minute in the future"),
            ));
        }
        if ahead > MAX_EXPIRE_DAYS * 86_400 {
            return Err(FieldError::new(
                "/time_expire",
                format!("{t} is more than {MAX_EXPIRE_DAYS} days ahead"),
            ));
        }
    }

    let url = root.string("notify_url", 256, true)?.expect("required");
    notify_url("/notify_url", url, rules.allow_http_loopback_notify)?;

    if let Some(v) = root.get("limit_pay")? {
        let Value::Array(items) = v else {
            return Err(FieldError::new(
                "/limit_pay",
                format!("must be an array, not {}", type_name(v)),
            ));
        };
        for (i, it) in items.iter().enumerate() {
            if !matches!(
                it.as_str(),
                Some("no_balance" | "no_debit" | "balance_only")
            ) {
                return Err(FieldError::new(
                    format!("/limit_pay/{i}"),
                    "must be one of no_balance, no_debit, balance_only",
                ));
            }
        }
    }

    Ok(PrepaySummary {
        service_provider,
        sub_orders: subs.len(),
        has_encrypted_identity,
    })
}

/// The number of sub-orders WeChat Pay takes (§6.2): 1–50 when any names `sub_mchid` (a
/// 服务商's order), 2–10 for a direct merchant (described by `direct_form`). `say` words the error
/// from the count, the form, and the bounds.
/// Returns whether the order is a 服务商's.
fn sub_order_count(
    subs: &[Value],
    direct_form: &str,
    say: impl Fn(usize, &str, usize, usize) -> String,
) -> Result<bool, FieldError> {
    let service_provider = subs
        .iter()
        .any(|s| s.get("sub_mchid").is_some_and(|v| !v.is_null()));
    let (min, max, form) = if service_provider {
        (1, 50, "with sub_mchid (服务商/电商)")
    } else {
        (2, 10, direct_form)
    };
    if (min..=max).contains(&subs.len()) {
        Ok(service_provider)
    } else {
        Err(FieldError::new(
            "/sub_orders",
            say(subs.len(), form, min, max),
        ))
    }
}

/// Validate a close body (§6.5): `combine_appid` and every sub-order's mchid + out_trade_no, each
/// number at least `out_trade_no_min` characters (see [`Rules::out_trade_no_min`]).
pub fn close(body: &Value, out_trade_no_min: usize) -> Result<(), FieldError> {
    let root = Obj::new("", body)?;
    root.only(&["combine_appid", "sub_orders"])?;
    root.string("combine_appid", 32, true)?;
    let subs = root.array("sub_orders")?;
    let service_provider = sub_order_count(
        subs,
        "for a direct merchant (no sub_mchid; a 服务商 order names sub_mchid in each)",
        |n, form, min, max| {
            format!("has {n} sub-orders; it must list all of the order's, {min}-{max} {form}")
        },
    )?;
    for (i, s) in subs.iter().enumerate() {
        let p = format!("/sub_orders/{i}");
        let so = Obj::new(&p, s)?;
        so.only(&["mchid", "out_trade_no", "sub_mchid", "sub_appid"])?;
        so.string("mchid", 32, true)?;
        let otn = so.string("out_trade_no", 32, true)?.expect("required");
        out_trade_no(&format!("{p}/out_trade_no"), otn, out_trade_no_min)?;
        so.string("sub_mchid", 32, service_provider)?;
        so.string("sub_appid", 32, false)?;
    }
    Ok(())
}

/// RFC 3339 with the explicit `+08:00` offset WeChat Pay documents (`2015-05-20T13:29:35+08:00`).
/// [UNCERTAIN] whether `Z` or other offsets are accepted: the stricter reading (§13.16) requires
/// `+08:00` and no fractional seconds.
pub fn rfc3339_beijing(ptr: &str, s: &str) -> Result<OffsetDateTime, FieldError> {
    let bad = || {
        FieldError::new(
            ptr,
            format!(
                "{s:?} is not an RFC 3339 time with the +08:00 offset, e.g. 2015-05-20T13:29:35+08:00"
            ),
        )
    };
    let b = s.as_bytes();
    let shape_ok = b.len() == 25
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 | 22 => *c == b':',
            19 => *c == b'+',
            _ => c.is_ascii_digit(),
        })
        && s.ends_with("+08:00");
    if !shape_ok {
        return Err(bad());
    }
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).map_err(|_| bad())
}

/// `https://` absolute URL without a query ("不能携带参数", §6.2, §13.17); `http://` only for a
/// loopback host when `allow_http_loopback`.
pub fn notify_url(ptr: &str, url: &str, allow_http_loopback: bool) -> Result<(), FieldError> {
    let (scheme, rest) = match url.split_once("://") {
        Some(x) => x,
        None => {
            return Err(FieldError::new(
                ptr,
                format!("{url:?} is not an absolute https:// URL"),
            ));
        }
    };
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = if let Some(h) = host_port.strip_prefix('[') {
        h.split(']').next().unwrap_or("")
    } else {
        host_port
            .rsplit_once(':')
            .map(|(h, _)| h)
            .unwrap_or(host_port)
    };
    if host.is_empty() {
        return Err(FieldError::new(ptr, format!("{url:?} has no host")));
    }
    match scheme {
        "https" => {}
        "http" if allow_http_loopback && is_loopback(host) => {}
        "http" if allow_http_loopback => {
            return Err(FieldError::new(
                ptr,
                format!(
                    "{url:?}: http:// is accepted only for loopback hosts (127.0.0.1, ::1, localhost)"
                ),
            ));
        }
        _ => return Err(FieldError::new(ptr, format!("{url:?} must use https://"))),
    }
    if url.contains('?') {
        return Err(FieldError::new(
            ptr,
            format!("{url:?} has a query string; notify_url cannot carry parameters"),
        ));
    }
    if url.contains('#') || url.chars().any(|c| c.is_whitespace()) {
        return Err(FieldError::new(
            ptr,
            format!("{url:?} is not a plain URL (no fragment or spaces)"),
        ));
    }
    Ok(())
}

pub fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Why a request body given as JSON text was refused before any rule ran.
#[derive(Debug, thiserror::Error)]
pub enum JsonTextError {
    #[error("not valid JSON: {0}")]
    Syntax(#[from] serde_json::Error),
    /// The same key twice in one object. serde_json keeps the last one silently, so
    /// `"total_amount":100,"total_amount":999999` would send 999999 (issue 11): a money tool does
    /// not guess which value was meant. RFC 8259 §4 leaves such objects' meaning open.
    #[error("the key {pointer} is given twice")]
    DuplicateKey {
        /// JSON pointer of the repeated key, e.g. `/sub_orders/0/amount/total_amount`.
        pointer: String,
    },
}

/// Parse JSON text that a person wrote (a `--body` file, a JSON `--sub-order`), refusing an object
/// that repeats a key. Syntax is checked by the ordinary parse; a second pass over the same text
/// looks for repeated keys and names the first one by its JSON pointer.
pub fn parse_unique_keys(text: &str) -> Result<Value, JsonTextError> {
    let value: Value = serde_json::from_str(text)?;
    let found = std::cell::RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let walked = serde::de::DeserializeSeed::deserialize(
        UniqueKeys {
            ptr: String::new(),
            found: &found,
        },
        &mut de,
    );
    if let Some(pointer) = found.into_inner() {
        return Err(JsonTextError::DuplicateKey { pointer });
    }
    walked?;
    Ok(value)
}

/// Walks a JSON document without keeping it, remembering the pointer of the first repeated key.
struct UniqueKeys<'a> {
    ptr: String,
    found: &'a std::cell::RefCell<Option<String>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for UniqueKeys<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for UniqueKeys<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
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
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        while seq
            .next_element_seed(UniqueKeys {
                ptr: format!("{}/{i}", self.ptr),
                found: self.found,
            })?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let ptr = child(&self.ptr, &key);
            if !seen.insert(key) {
                *self.found.borrow_mut() = Some(ptr);
                return Err(serde::de::Error::custom("repeated key"));
            }
            map.next_value_seed(UniqueKeys {
                ptr,
                found: self.found,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn repeated_keys_are_named_by_pointer() {
        let e = parse_unique_keys(
            r#"{"sub_orders":[{"amount":{"total_amount":1,"currency":"CNY"}},{"amount":{"total_amount":100,"total_amount":999999}}]}"#,
        )
        .unwrap_err();
        assert!(
            matches!(&e, JsonTextError::DuplicateKey { pointer } if pointer == "/sub_orders/1/amount/total_amount"),
            "{e:?}"
        );
        let e = parse_unique_keys(r#"{"a/b":1,"a/b":2}"#).unwrap_err();
        assert_eq!(e.to_string(), "the key /a~1b is given twice");
        // The same key in sibling objects is no repetition.
        let v = parse_unique_keys(r#"{"x":{"k":1},"y":{"k":[null,true,1.5,"s",-3]}}"#).unwrap();
        assert_eq!(v["y"]["k"][2], 1.5);
        assert!(matches!(
            parse_unique_keys("{").unwrap_err(),
            JsonTextError::Syntax(_)
        ));
    }

    fn rules() -> Rules {
        Rules {
            now: OffsetDateTime::from_unix_timestamp(1_554_200_000).unwrap(),
            allow_http_loopback_notify: false,
            out_trade_no_min: OUT_TRADE_NO_MIN,
        }
    }

    /// The §6.2 example body (derived vector `combine_jsapi_prepay`).
    fn example() -> Value {
        json!({"combine_appid":"wxd678efh567hg6787","combine_mchid":"1900000109","combine_out_trade_no":"P20150806125346",
            "combine_payer_info":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},"scene_info":{"payer_client_ip":"14.17.22.32"},
            "sub_orders":[
                {"mchid":"1900000109","attach":"深圳分店","amount":{"total_amount":10,"currency":"CNY"},"out_trade_no":"20150806125346","description":"腾讯充值中心-QQ会员充值"},
                {"mchid":"1900000119","attach":"广州分店","amount":{"total_amount":10,"currency":"CNY"},"out_trade_no":"20150806125347","description":"腾讯充值中心-微信充值"}],
            "time_expire":"2019-04-02T21:00:00+08:00","notify_url":"https://yourapp.com/notify"})
    }

    fn err_at(body: &Value, scene: Scene) -> String {
        prepay(scene, body, &rules()).unwrap_err().pointer
    }

    #[test]
    fn the_documented_example_passes() {
        let s = prepay(Scene::Jsapi, &example(), &rules()).unwrap();
        assert_eq!(
            s,
            PrepaySummary {
                service_provider: false,
                sub_orders: 2,
                has_encrypted_identity: false
            }
        );
    }

    #[test]
    fn each_rule_names_its_pointer() {
        type Mutation = Box<dyn Fn(&mut Value)>;
        let cases: Vec<(&str, Mutation)> = vec![
            (
                "/sub_orders/1/amount/total_amount",
                Box::new(|b| b["sub_orders"][1]["amount"]["total_amount"] = json!(1.5)),
            ),
            (
                "/sub_orders/1/amount/total_amount",
                Box::new(|b| b["sub_orders"][1]["amount"]["total_amount"] = json!("10")),
            ),
            (
                "/sub_orders/0/amount/total_amount",
                Box::new(|b| b["sub_orders"][0]["amount"]["total_amount"] = json!(0)),
            ),
            (
                "/sub_orders/0/amount/currency",
                Box::new(|b| b["sub_orders"][0]["amount"]["currency"] = json!("USD")),
            ),
            (
                "/sub_orders",
                Box::new(|b| b["sub_orders"].as_array_mut().unwrap().truncate(1)),
            ),
            (
                "/sub_orders/1/out_trade_no",
                Box::new(|b| b["sub_orders"][1]["out_trade_no"] = json!("20150806125346")),
            ),
            (
                "/sub_orders/0/out_trade_no",
                Box::new(|b| b["sub_orders"][0]["out_trade_no"] = json!("a b c d e")),
            ),
            (
                "/sub_orders/0/description",
                Box::new(|b| b["sub_orders"][0]["description"] = json!("x".repeat(128))),
            ),
            (
                "/sub_orders/0/description",
                Box::new(|b| b["sub_orders"][0]["description"] = json!("好😀")),
            ),
            (
                "/sub_orders/0/attach",
                Box::new(|b| {
                    b["sub_orders"][0].as_object_mut().unwrap().remove("attach");
                }),
            ),
            (
                "/sub_orders/0/extra",
                Box::new(|b| b["sub_orders"][0]["extra"] = json!(1)),
            ),
            (
                "/combine_out_trade_no",
                Box::new(|b| b["combine_out_trade_no"] = json!("P123")),
            ),
            (
                "/combine_payer_info",
                Box::new(|b| {
                    b.as_object_mut().unwrap().remove("combine_payer_info");
                }),
            ),
            (
                "/notify_url",
                Box::new(|b| b["notify_url"] = json!("https://yourapp.com/notify?x=1")),
            ),
            (
                "/notify_url",
                Box::new(|b| b["notify_url"] = json!("http://yourapp.com/notify")),
            ),
            ("/notify_url", Box::new(|b| b["notify_url"] = json!(null))),
            (
                "/time_expire",
                Box::new(|b| b["time_expire"] = json!("2019-04-02T13:00:00Z")),
            ),
            (
                "/time_expire",
                Box::new(|b| b["time_expire"] = json!("2019-04-02 21:00:00")),
            ),
            (
                "/time_expire",
                Box::new(|b| b["time_expire"] = json!("2019-04-02T18:13:30+08:00")),
            ),
            (
                "/time_expire",
                Box::new(|b| b["time_expire"] = json!("2019-05-02T21:00:00+08:00")),
            ),
            (
                "/scene_info/payer_client_ip",
                Box::new(|b| b["scene_info"]["payer_client_ip"] = json!("not-an-ip")),
            ),
            (
                "/scene_info/h5_info",
                Box::new(|b| b["scene_info"]["h5_info"] = json!({"type":"Wap"})),
            ),
            ("/foo", Box::new(|b| b["foo"] = json!(1))),
        ];
        for (want, mutate) in cases {
            let mut b = example();
            mutate(&mut b);
            assert_eq!(err_at(&b, Scene::Jsapi), want, "body {b}");
        }
    }

    #[test]
    fn scene_specific_rules() {
        // APP and Native: payer optional.
        let mut b = example();
        b.as_object_mut().unwrap().remove("combine_payer_info");
        prepay(Scene::App, &b, &rules()).unwrap();
        prepay(Scene::Native, &b, &rules()).unwrap();
        // H5: scene_info with device_id and h5_info.type required; no payer.
        assert_eq!(err_at(&b, Scene::H5), "/scene_info/device_id");
        b["scene_info"]["device_id"] = json!("013467007045764");
        assert_eq!(err_at(&b, Scene::H5), "/scene_info/h5_info");
        b["scene_info"]["h5_info"] = json!({"type":"Desktop"});
        assert_eq!(err_at(&b, Scene::H5), "/scene_info/h5_info/type");
        b["scene_info"]["h5_info"] = json!({"type":"Wap","app_name":"shop"});
        prepay(Scene::H5, &b, &rules()).unwrap();
        b["combine_payer_info"] = json!({"openid":"o1"});
        assert_eq!(err_at(&b, Scene::H5), "/combine_payer_info");
    }

    #[test]
    fn service_provider_form_takes_one_to_fifty() {
        let mut b = example();
        let one = json!({"mchid":"1900000100","sub_mchid":"1900000109","attach":"a","amount":{"total_amount":1,"currency":"CNY"},"out_trade_no":"S0000001","description":"d","settle_info":{"profit_sharing":true,"subsidy_amount":0}});
        b["sub_orders"] = json!([one]);
        let s = prepay(Scene::Jsapi, &b, &rules()).unwrap();
        assert!(s.service_provider);
        let many: Vec<Value> = (0..51)
            .map(|i| {
                let mut o = one.clone();
                o["out_trade_no"] = json!(format!("S{i:07}"));
                o
            })
            .collect();
        b["sub_orders"] = json!(many);
        assert_eq!(err_at(&b, Scene::Jsapi), "/sub_orders");
        // subsidy_amount without sub_mchid is refused.
        let mut d = example();
        d["sub_orders"][0]["settle_info"] = json!({"subsidy_amount": 1});
        assert_eq!(
            err_at(&d, Scene::Jsapi),
            "/sub_orders/0/settle_info/subsidy_amount"
        );
    }

    #[test]
    fn out_trade_no_lower_bound_is_configurable() {
        let mut b = example();
        b["combine_out_trade_no"] = json!("P1");
        b["sub_orders"][0]["out_trade_no"] = json!("A");
        let at = |min: usize| {
            let r = Rules {
                out_trade_no_min: min,
                ..rules()
            };
            prepay(Scene::Jsapi, &b, &r).err().map(|e| e.pointer)
        };
        assert_eq!(at(6).as_deref(), Some("/combine_out_trade_no"));
        assert_eq!(at(2).as_deref(), Some("/sub_orders/0/out_trade_no"));
        assert_eq!(at(1), None);
        let close_body = json!({"combine_appid":"wxd678efh567hg6787","sub_orders":[{"mchid":"1900000109","out_trade_no":"AB"},{"mchid":"1900000119","out_trade_no":"CD"}]});
        assert_eq!(
            close(&close_body, OUT_TRADE_NO_MIN).unwrap_err().pointer,
            "/sub_orders/0/out_trade_no"
        );
        close(&close_body, 2).unwrap();
        out_trade_no_strict("/x", "ABCDEF").unwrap();
        assert!(out_trade_no_strict("/x", "ABCDE").is_err());
    }

    #[test]
    fn notify_url_loopback_rule() {
        notify_url("/n", "http://127.0.0.1:9000/notify", true).unwrap();
        notify_url("/n", "http://[::1]:9000/notify", true).unwrap();
        notify_url("/n", "http://localhost/notify", true).unwrap();
        assert!(notify_url("/n", "http://10.0.0.1/notify", true).is_err());
        assert!(notify_url("/n", "http://127.0.0.1:9000/notify", false).is_err());
        assert!(notify_url("/n", "ftp://x/notify", true).is_err());
    }

    #[test]
    fn close_body_rules() {
        let ok = json!({"combine_appid":"wxd678efh567hg6787","sub_orders":[{"mchid":"1900000109","out_trade_no":"20150806125346"},{"mchid":"1900000119","out_trade_no":"20150806125347"}]});
        close(&ok, OUT_TRADE_NO_MIN).unwrap();
        let mut b = ok.clone();
        b["sub_orders"][0]["amount"] = json!(1);
        assert_eq!(
            close(&b, OUT_TRADE_NO_MIN).unwrap_err().pointer,
            "/sub_orders/0/amount"
        );
        let mut b = ok.clone();
        b.as_object_mut().unwrap().remove("combine_appid");
        assert_eq!(
            close(&b, OUT_TRADE_NO_MIN).unwrap_err().pointer,
            "/combine_appid"
        );
        assert_eq!(
            close(&json!([]), OUT_TRADE_NO_MIN).unwrap_err().pointer,
            "/"
        );
    }
}
