//! `prepay`: create a combine order (cli.md §4, apiv3.md §6.1–6.3).

use anyhow::{Context as _, Result};
use serde::Serialize;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use time::macros::{format_description, offset};

use super::shared::DryRunView;
use super::{Context, Outcome, block_on};
use crate::api::types::PrepayResponse;
use crate::api::validate::{self, JsonTextError, Rules};
use crate::api::{FieldError, Request, Scene};
use crate::cli::PrepayArgs;
use crate::config::{Env, Profile};
use crate::error::Failure;
use crate::input::{self, BODY_CAP, InputError};
use crate::render::{View, kv_table, to_json};
use crate::signing::paysign::{AppPayment, RequestPayment, app_payment, request_payment};

/// The keys a `--sub-order` SPEC may use (cli.md `prepay`).
const SPEC_KEYS: &[&str] = &[
    "out_trade_no",
    "amount",
    "description",
    "attach",
    "mchid",
    "sub_mchid",
    "sub_appid",
    "detail",
    "goods_tag",
    "profit_sharing",
    "subsidy_amount",
];

/// `2026-01-01T12:00:00+08:00`: Beijing time, as WeChat Pay writes times (§1.3).
pub fn beijing_rfc3339(t: OffsetDateTime) -> String {
    t.to_offset(offset!(+8))
        .format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]+08:00"
        ))
        .expect("a valid date formats")
}

/// `C` + Beijing yyyyMMddHHmmss + 6 random digits: 21 characters, unique enough per second.
pub fn generate_combine_out_trade_no(now: OffsetDateTime) -> String {
    let stamp = now
        .to_offset(offset!(+8))
        .format(format_description!(
            "[year][month][day][hour][minute][second]"
        ))
        .expect("a valid date formats");
    format!("C{stamp}{}", crate::rand::digits(6))
}

/// Split `k=v,k=v` into pairs, naming the spec in errors.
fn spec_pairs<'a>(spec: &'a str, which: &str) -> Result<Vec<(&'a str, &'a str)>, Failure> {
    spec.split(',')
        .map(|pair| {
            pair.split_once('=').map(|(k, v)| (k.trim(), v)).ok_or_else(|| {
                Failure::usage(format!("{which}: {pair:?} is not key=value"))
                    .hint("a value with a comma needs the JSON form: --sub-order '{\"out_trade_no\":…}'")
            })
        })
        .collect()
}

/// One `--sub-order` SPEC (`k=v,…` or a JSON object) → the wire object, keys in the documented
/// order (§6.2). Types are checked here only as far as the SPEC syntax goes; the field rules are
/// `validate::prepay`'s job, which names JSON pointers.
pub fn parse_sub_order(
    spec: &str,
    index: usize,
    default_mchid: &str,
) -> Result<Map<String, Value>, Failure> {
    let which = format!("--sub-order #{}", index + 1);
    let mut fields: Map<String, Value> = Map::new();
    if spec.trim_start().starts_with('{') {
        let v: Value = validate::parse_unique_keys(spec).map_err(|e| match e {
            JsonTextError::DuplicateKey { .. } => Failure::usage(format!("{which}: {e}"))
                .hint("keep one value per key: which one was meant is not for this tool to guess"),
            e => Failure::usage(format!("{which}: {e}")),
        })?;
        let Value::Object(m) = v else {
            unreachable!("starts with '{{'")
        };
        fields = m;
    } else {
        for (k, v) in spec_pairs(spec, &which)? {
            if fields.contains_key(k) {
                return Err(Failure::usage(format!("{which}: {k} is given twice")));
            }
            fields.insert(k.to_string(), Value::String(v.to_string()));
        }
    }
    for k in fields.keys() {
        if !SPEC_KEYS.contains(&k.as_str()) {
            return Err(Failure::usage(format!(
                "{which}: unknown key {k:?}; expected one of {}",
                SPEC_KEYS.join(", ")
            )));
        }
    }
    for required in ["out_trade_no", "amount", "description"] {
        if !fields.contains_key(required) {
            return Err(Failure::usage(format!("{which}: {required} is required")));
        }
    }
    // amount (fen) and subsidy_amount: integers. A string from k=v must be digits only.
    let integer = |key: &str, v: &Value| -> Result<Value, Failure> {
        match v {
            Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s
                .parse::<i64>()
                .map(Value::from)
                .map_err(|_| Failure::usage(format!("{which}: {key}={s} is too large"))),
            Value::String(s) => Err(Failure::usage(format!(
                "{which}: {key}={s:?} is not an integer number of fen (1 元 = 100 fen; e.g. amount=1999 for 19.99 元)"
            ))),
            other => Ok(other.clone()),
        }
    };
    let mut out = Map::new();
    let take = |k: &str| fields.get(k).cloned();
    out.insert(
        "mchid".into(),
        take("mchid").unwrap_or_else(|| Value::String(default_mchid.to_string())),
    );
    for k in ["sub_mchid", "sub_appid", "attach"] {
        if let Some(v) = take(k) {
            out.insert(k.into(), v);
        }
    }
    let amount = take("amount").expect("checked above");
    let amount = match amount {
        Value::Object(_) => amount,
        other => json!({ "total_amount": integer("amount", &other)?, "currency": "CNY" }),
    };
    out.insert("amount".into(), amount);
    for k in ["out_trade_no", "detail", "description", "goods_tag"] {
        if let Some(v) = take(k) {
            out.insert(k.into(), v);
        }
    }
    let mut settle = Map::new();
    if let Some(v) = take("profit_sharing") {
        let b = match &v {
            Value::String(s) if s == "true" => Value::Bool(true),
            Value::String(s) if s == "false" => Value::Bool(false),
            Value::String(s) => {
                return Err(Failure::usage(format!(
                    "{which}: profit_sharing={s:?} must be true or false"
                )));
            }
            other => other.clone(),
        };
        settle.insert("profit_sharing".into(), b);
    }
    if let Some(v) = take("subsidy_amount") {
        settle.insert("subsidy_amount".into(), integer("subsidy_amount", &v)?);
    }
    if !settle.is_empty() {
        out.insert("settle_info".into(), Value::Object(settle));
    }
    Ok(out)
}

/// `--body FILE|-`: at most [`BODY_CAP`] bytes (issue 11: `--body - < /dev/zero` once grew the
/// process to 20 GB), one JSON object, no key given twice.
fn read_body(path: &std::path::Path) -> Result<Map<String, Value>, Failure> {
    let shown = path.display().to_string();
    let bytes = input::read_path_or_stdin(path, BODY_CAP).map_err(|e| match e {
        InputError::TooLarge { cap } => Failure::usage(format!(
            "--body {shown} is larger than {}, the limit for a request body",
            input::show_cap(cap)
        )),
        InputError::Io(e) if shown == "-" => {
            Failure::usage(format!("--body -: cannot read stdin: {e}"))
        }
        e => Failure::usage(format!("--body {shown}: {e}")),
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::usage(format!("--body {shown}: the body is not UTF-8")))?;
    match validate::parse_unique_keys(&text) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Failure::usage(format!(
            "--body {shown}: the request body must be a JSON object"
        ))),
        Err(e @ JsonTextError::DuplicateKey { .. }) => Err(Failure::usage(format!(
            "--body {shown}: {e}; nothing was sent"
        ))
        .hint("keep one value per key: which one was meant is not for this tool to guess")),
        Err(e) => Err(Failure::usage(format!("--body {shown}: {e}"))),
    }
}

/// The flags that set each request field (issue 15, item 7), next to where [`build_body`] turns
/// them into the body: a validation error names them with the JSON pointer, so that a user who
/// never wrote the JSON knows what to pass. A pointer not listed keeps the plain message.
const FLAGS_OF_POINTER: &[(&str, &str)] = &[
    ("/combine_appid", "--appid"),
    ("/combine_out_trade_no", "--combine-out-trade-no"),
    ("/combine_payer_info", "--openid"),
    ("/combine_payer_info/openid", "--openid"),
    // Required for h5 only (§6.2): its payer IP and its h5_info.type.
    ("/scene_info", "--payer-ip, --h5-type"),
    ("/scene_info/payer_client_ip", "--payer-ip"),
    ("/scene_info/device_id", "--device-id"),
    ("/scene_info/h5_info", "--h5-type"),
    ("/scene_info/h5_info/type", "--h5-type"),
    ("/time_expire", "--time-expire or --expire-in"),
    ("/notify_url", "--notify-url"),
    ("/sub_orders", "--sub-order"),
];

/// `e` with the flag that sets its field added, e.g. `/combine_payer_info: is required (set by
/// --openid)`. Under `/sub_orders/N/…`, names the N+1-th `--sub-order` and its key when the
/// sub-orders came from `--sub-order` (`sub_order_flags`).
pub fn name_flags(mut e: FieldError, sub_order_flags: bool) -> FieldError {
    let by = if let Some(rest) = e.pointer.strip_prefix("/sub_orders/") {
        let mut parts = rest.split('/');
        let index = parts.next().and_then(|i| i.parse::<usize>().ok());
        let key = match (parts.next(), parts.next()) {
            (Some("settle_info"), Some(k)) => Some(k),
            (Some(k), _) => Some(k),
            _ => None,
        };
        match (sub_order_flags, index, key) {
            (true, Some(i), Some(k)) if SPEC_KEYS.contains(&k) => {
                Some(format!("--sub-order #{}, key {k}", i + 1))
            }
            (true, Some(i), _) => Some(format!("--sub-order #{}", i + 1)),
            _ => None,
        }
    } else {
        FLAGS_OF_POINTER
            .iter()
            .find(|(p, _)| *p == e.pointer)
            .map(|(_, f)| (*f).to_string())
    };
    if let Some(by) = by {
        e.problem = format!("{} (set by {by})", e.problem);
    }
    e
}

/// Resolve: flags over `--body` over the profile; returns the body and whether the number was
/// generated.
pub fn build_body(
    args: &PrepayArgs,
    profile: &Profile,
    now: OffsetDateTime,
) -> Result<(Value, bool), Failure> {
    let mut body = match &args.body {
        Some(p) => read_body(p)?,
        None => Map::new(),
    };
    if !args.sub_orders.is_empty() && body.contains_key("sub_orders") {
        return Err(Failure::usage(
            "give the sub-orders either in --body or as --sub-order, not both",
        ));
    }
    if args.body.is_none() && args.sub_orders.is_empty() {
        return Err(Failure::usage(
            "no sub-orders: give --sub-order SPEC (2-10 of them) or --body FILE",
        )
        .hint("e.g. --sub-order out_trade_no=S1001,amount=100,description=Tea,attach=shop1"));
    }

    let mut out = Map::new();
    // combine_appid: --appid, else the body, else the profile.
    let appid = args
        .appid
        .clone()
        .map(Value::String)
        .or_else(|| body.remove("combine_appid"))
        .or_else(|| profile.appid.clone().map(Value::String));
    match appid {
        Some(a) => {
            out.insert("combine_appid".into(), a);
        }
        None => {
            return Err(Failure::config(format!(
                "profile `{}` has no appid and --appid was not given",
                profile.name
            ))
            .hint("pass --appid APPID or set appid in the profile"));
        }
    }
    // combine_mchid must be the signing merchant (§1.2: Authorization mchid = combine_mchid).
    match body.remove("combine_mchid") {
        Some(Value::String(m)) if m != profile.mchid => {
            return Err(Failure::usage(format!(
                "/combine_mchid: {m} differs from the profile's mchid {}; the combine merchant is the one that signs",
                profile.mchid
            )));
        }
        Some(other) => {
            out.insert("combine_mchid".into(), other);
        }
        None => {
            out.insert("combine_mchid".into(), Value::String(profile.mchid.clone()));
        }
    }
    let mut generated = false;
    let no = match (
        &args.combine_out_trade_no,
        body.remove("combine_out_trade_no"),
    ) {
        (Some(n), _) => Value::String(n.clone()),
        (None, Some(v)) => v,
        (None, None) => {
            generated = true;
            Value::String(generate_combine_out_trade_no(now))
        }
    };
    out.insert("combine_out_trade_no".into(), no);

    // scene_info from flags, merged over the body's.
    let mut scene_info = match body.remove("scene_info") {
        Some(Value::Object(m)) => m,
        Some(other) => {
            return Err(Failure::usage(format!(
                "/scene_info: must be a JSON object, not {other}"
            )));
        }
        None => Map::new(),
    };
    if let Some(ip) = &args.payer_ip {
        scene_info.insert("payer_client_ip".into(), Value::String(ip.clone()));
    }
    if let Some(d) = &args.device_id {
        scene_info.insert("device_id".into(), Value::String(d.clone()));
    }
    if let Some(t) = &args.h5_type {
        scene_info.insert("h5_info".into(), json!({ "type": t }));
    }
    if !scene_info.is_empty() {
        out.insert("scene_info".into(), Value::Object(scene_info));
    }

    let subs = if args.sub_orders.is_empty() {
        body.remove("sub_orders").unwrap_or(Value::Null)
    } else {
        Value::Array(
            args.sub_orders
                .iter()
                .enumerate()
                .map(|(i, s)| parse_sub_order(s, i, &profile.mchid).map(Value::Object))
                .collect::<Result<_, _>>()?,
        )
    };
    if !subs.is_null() {
        out.insert("sub_orders".into(), subs);
    }

    let mut payer = match body.remove("combine_payer_info") {
        Some(Value::Object(m)) => m,
        Some(other) => {
            return Err(Failure::usage(format!(
                "/combine_payer_info: must be a JSON object, not {other}"
            )));
        }
        None => Map::new(),
    };
    if let Some(o) = &args.openid {
        payer.insert("openid".into(), Value::String(o.clone()));
    }
    if !payer.is_empty() {
        out.insert("combine_payer_info".into(), Value::Object(payer));
    }

    if let Some(v) = body.remove("time_start") {
        out.insert("time_start".into(), v);
    }
    let expire = if let Some(d) = &args.expire_in {
        let dur = humantime::parse_duration(d)
            .map_err(|e| Failure::usage(format!("--expire-in {d:?}: {e} (e.g. 30m, 2h, 1d)")))?;
        let dur = time::Duration::try_from(dur)
            .map_err(|_| Failure::usage(format!("--expire-in {d:?} is too long")))?;
        Some(Value::String(beijing_rfc3339(now + dur)))
    } else {
        args.time_expire
            .clone()
            .map(Value::String)
            .or_else(|| body.remove("time_expire"))
    };
    if let Some(e) = expire {
        out.insert("time_expire".into(), e);
    }
    let notify = args
        .notify_url
        .clone()
        .map(Value::String)
        .or_else(|| body.remove("notify_url"))
        .or_else(|| profile.notify_url.clone().map(Value::String));
    match notify {
        Some(n) => {
            out.insert("notify_url".into(), n);
        }
        None => {
            return Err(Failure::usage(
                "no notify_url: pass --notify-url URL, put it in --body, or set notify_url in the profile",
            ));
        }
    }
    // Anything else the body carried (limit_pay, or a field validation will name) goes last.
    for (k, v) in body {
        out.insert(k, v);
    }
    Ok((Value::Object(out), generated))
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum Payment {
    Jsapi(RequestPayment),
    App(AppPayment),
}

#[derive(Serialize)]
pub struct PrepayView {
    pub combine_out_trade_no: String,
    #[serde(flatten)]
    pub response: PrepayResponse,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_payment: Option<Payment>,
}

impl View for PrepayView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn table(&self) -> String {
        let mut rows = vec![("combine_out_trade_no", self.combine_out_trade_no.clone())];
        for (k, v) in [
            ("prepay_id", &self.response.prepay_id),
            ("h5_url", &self.response.h5_url),
            ("code_url", &self.response.code_url),
        ] {
            if let Some(v) = v {
                rows.push((k, v.clone()));
            }
        }
        match &self.request_payment {
            Some(Payment::Jsapi(p)) => {
                rows.push(("appId", p.app_id.clone()));
                rows.push(("timeStamp", p.time_stamp.clone()));
                rows.push(("nonceStr", p.nonce_str.clone()));
                rows.push(("package", p.package.clone()));
                rows.push(("signType", p.sign_type.to_string()));
                rows.push(("paySign", p.pay_sign.clone()));
            }
            Some(Payment::App(p)) => {
                rows.push(("appid", p.appid.clone()));
                rows.push(("partnerid", p.partnerid.clone()));
                rows.push(("prepayid", p.prepayid.clone()));
                rows.push(("package", p.package.to_string()));
                rows.push(("noncestr", p.noncestr.clone()));
                rows.push(("timestamp", p.timestamp.clone()));
                rows.push(("sign", p.sign.clone()));
            }
            None => {}
        }
        kv_table(&rows)
    }
}

pub fn run(ctx: &Context, args: &PrepayArgs) -> Result<Outcome> {
    if args.sign && matches!(args.scene, Scene::H5 | Scene::Native) {
        return Err(Failure::usage(format!(
            "--sign applies to the jsapi and app scenes, not {}",
            args.scene.as_str()
        ))
        .into());
    }
    let profile = ctx.profile()?;
    let now = OffsetDateTime::now_utc();
    let (body, generated) = build_body(args, &profile, now)?;
    // Every field is checked before anything is signed or sent (exit 2 naming the pointer).
    let rules = Rules {
        now,
        allow_http_loopback_notify: profile.env == Env::Sandbox,
        // The client always holds numbers to the strict 6 characters (§6.2 [UNCERTAIN] lower
        // bound, §13.14), even against a sandbox set lower: a number that passes here passes
        // every reading of the docs, so what works locally also works in production.
        out_trade_no_min: validate::OUT_TRADE_NO_MIN,
    };
    validate::prepay(args.scene, &body, &rules)
        .map_err(|e| name_flags(e, !args.sub_orders.is_empty()))?;
    let number = body["combine_out_trade_no"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let appid = body["combine_appid"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    // Serialised once: these bytes are signed and sent.
    let bytes = serde_json::to_vec(&body).expect("a JSON value serialises");
    let request = Request::combine_prepay(args.scene, bytes);

    if args.dry_run {
        return Ok(Outcome::ok(DryRunView::new(ctx, &profile, &request, body)?));
    }

    if generated {
        ctx.printer
            .notice(&format!("combine_out_trade_no {number} (generated)"));
    }
    let client = ctx.client(&profile)?;
    let response = block_on(client.call(&request)).with_context(|| format!("prepay {number}"))?;
    let parsed: PrepayResponse = serde_json::from_slice(&response.body).with_context(|| {
        format!("prepay {number}: the verified response is not the documented JSON")
    })?;
    let request_payment = if args.sign {
        let prepay_id = parsed.prepay_id.clone().ok_or_else(|| {
            anyhow::anyhow!("prepay {number}: the response has no prepay_id to sign")
        })?;
        let key = &client.signer().key;
        let ts = ctx.now().to_string();
        let nonce = crate::rand::alphanumeric(32);
        Some(match args.scene {
            Scene::App => Payment::App(app_payment(
                key,
                &appid,
                &profile.mchid,
                &prepay_id,
                &ts,
                &nonce,
            )),
            _ => Payment::Jsapi(request_payment(key, &appid, &prepay_id, &ts, &nonce)),
        })
    } else {
        None
    };
    Ok(Outcome::ok(PrepayView {
        combine_out_trade_no: number,
        response: parsed,
        request_payment,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_name_the_flag_that_sets_the_field() {
        let named =
            |p: &str, subs: bool| name_flags(FieldError::new(p, "is required"), subs).to_string();
        assert_eq!(
            named("/combine_payer_info", false),
            "/combine_payer_info: is required (set by --openid)"
        );
        assert_eq!(
            named("/scene_info", false),
            "/scene_info: is required (set by --payer-ip, --h5-type)"
        );
        assert_eq!(
            named("/scene_info/h5_info/type", false),
            "/scene_info/h5_info/type: is required (set by --h5-type)"
        );
        assert_eq!(
            named("/sub_orders/1/amount/total_amount", true),
            "/sub_orders/1/amount/total_amount: is required (set by --sub-order #2, key amount)"
        );
        assert_eq!(
            named("/sub_orders/0/settle_info/subsidy_amount", true),
            "/sub_orders/0/settle_info/subsidy_amount: is required (set by --sub-order #1, key subsidy_amount)"
        );
        // Sub-orders from --body: no flag set them. Unmapped pointers keep today's message.
        assert_eq!(
            named("/sub_orders/1/amount/total_amount", false),
            "/sub_orders/1/amount/total_amount: is required"
        );
        assert_eq!(named("/limit_pay", false), "/limit_pay: is required");
    }

    #[test]
    fn spec_becomes_the_wire_object_in_documented_order() {
        let m = parse_sub_order(
            "out_trade_no=S0000001,amount=1999,description=Tea,attach=a,profit_sharing=true",
            0,
            "1900000109",
        )
        .unwrap();
        assert_eq!(
            Value::Object(m).to_string(),
            r#"{"mchid":"1900000109","attach":"a","amount":{"total_amount":1999,"currency":"CNY"},"out_trade_no":"S0000001","description":"Tea","settle_info":{"profit_sharing":true}}"#
        );
    }

    #[test]
    fn spec_errors_name_the_sub_order() {
        let e = parse_sub_order("out_trade_no=S1,amount=19.99,description=x", 1, "1").unwrap_err();
        assert!(
            e.message.contains("--sub-order #2") && e.message.contains("amount"),
            "{}",
            e.message
        );
        let e = parse_sub_order("out_trade_no=S1,amount=1,description=x,colour=red", 0, "1")
            .unwrap_err();
        assert!(e.message.contains("colour"), "{}", e.message);
        let e = parse_sub_order("out_trade_no=S1,description=x", 0, "1").unwrap_err();
        assert!(e.message.contains("amount is required"), "{}", e.message);
        let e = parse_sub_order("out_trade_no=S1,amount=1,description=a,b", 0, "1").unwrap_err();
        assert!(e.message.contains("not key=value"), "{}", e.message);
        // The JSON form takes commas in values.
        let m = parse_sub_order(
            r#"{"out_trade_no":"S0000001","amount":5,"description":"a, b","attach":"x"}"#,
            0,
            "1",
        )
        .unwrap();
        assert_eq!(m["description"], "a, b");
        assert_eq!(m["amount"]["total_amount"], 5);
    }

    #[test]
    fn generated_numbers_pass_validation() {
        let now = OffsetDateTime::from_unix_timestamp(1_767_225_600).unwrap();
        let n = generate_combine_out_trade_no(now);
        assert_eq!(&n[..15], "C20260101080000");
        validate::out_trade_no_strict("/combine_out_trade_no", &n).unwrap();
        assert_eq!(beijing_rfc3339(now), "2026-01-01T08:00:00+08:00");
    }
}
