//! Sandbox request checks (apiv3.md §13.1–13.13): headers, Authorization, signatures over raw
//! bytes, both host names, response signing and key modes.

use serde_json::{Value, json};
use wxcombine::api::Request;
use wxcombine::sandbox::{KeyMode, SandboxOptions};
use wxcombine::signing::SCHEME;
use wxcombine::signing::verify::KeyKind;
use wxcombine::transport::decrypt_certificates;

use crate::harness::lab::*;
use crate::harness::raw::*;
use crate::harness::{Lab, now};

const PREPAY: &str = "/v3/combine-transactions/jsapi";

fn good(sb: &Lab, no: &str) -> (Vec<(String, String)>, Vec<u8>) {
    let body = serde_json::to_vec(&sb.body(no)).unwrap();
    (
        signed_headers(&sb.creds("sandbox"), "POST", PREPAY, &body),
        body,
    )
}

#[test]
fn accept_and_user_agent_are_required() {
    let sb = Lab::new();
    for missing in ["Accept", "User-Agent"] {
        let (mut h, body) = good(&sb, "P100001");
        set_header(&mut h, missing, None);
        let (status, bytes) = send_tcp(sb.sb.addr(), &raw_request("POST", PREPAY, &h, &body));
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!((status, v["code"].as_str()), (400, Some("INVALID_REQUEST")));
        assert_eq!(v["message"], "Http头缺少Accept或User-Agent");
    }
}

#[test]
fn a_complete_raw_request_is_accepted() {
    let sb = Lab::new();
    let (h, body) = good(&sb, "P100013");
    let (status, bytes) = send_tcp(sb.sb.addr(), &raw_request("POST", PREPAY, &h, &body));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
}

#[test]
fn content_type_must_be_json() {
    let sb = Lab::new();
    let (mut h, body) = good(&sb, "P100002");
    set_header(&mut h, "Content-Type", Some("text/plain"));
    let r = send(&sb.url(PREPAY), "POST", &h, body.clone());
    let v = assert_error(&r, 400, "PARAM_ERROR");
    assert_eq!(v["detail"]["location"], "header");
    assert_eq!(v["detail"]["field"], "Content-Type");
    // `; charset=utf-8` is allowed (PHP / axios send it).
    set_header(
        &mut h,
        "Content-Type",
        Some("application/json; charset=utf-8"),
    );
    let r = send(&sb.url(PREPAY), "POST", &h, body);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
}

#[test]
fn authorization_format_is_strict_but_order_free() {
    let sb = Lab::new();
    let c = sb.creds("sandbox");
    let (h, body) = good(&sb, "P100003");
    let auth = h
        .iter()
        .find(|(k, _)| k == "Authorization")
        .unwrap()
        .1
        .clone();
    let fields = auth.strip_prefix(&format!("{SCHEME} ")).unwrap();
    let pairs: Vec<&str> = fields.split(',').collect();

    // The python SDK's order: mchid, nonce_str, signature, timestamp, serial_no.
    let reordered = format!(
        "{SCHEME} {},{},{},{},{}",
        pairs[0], pairs[1], pairs[4], pairs[2], pairs[3]
    );
    let mut h2 = h.clone();
    set_header(&mut h2, "Authorization", Some(&reordered));
    let r = send(&sb.url(PREPAY), "POST", &h2, body.clone());
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));

    let cases = [
        (
            format!("WECHATPAY2-SHA256-RSA4096 {fields}"),
            "Http头Authorization认证类型不正确",
        ),
        (
            format!("{SCHEME} {fields},mchid=\"{}\"", c.mchid),
            "Http头Authorization值格式错误",
        ),
        (
            format!("{SCHEME} {fields},extra=\"1\""),
            "Http头Authorization值格式错误",
        ),
        (
            format!("{SCHEME} {}", pairs[..4].join(",")),
            "Http头Authorization值格式错误",
        ),
        (
            format!("{SCHEME} {}", pairs.join(", ")),
            "Http头Authorization值格式错误",
        ),
        (String::new(), "Http头Authorization值格式错误"),
    ];
    for (value, message) in cases {
        let mut h2 = h.clone();
        set_header(
            &mut h2,
            "Authorization",
            (!value.is_empty()).then_some(value.as_str()),
        );
        let r = send(&sb.url(PREPAY), "POST", &h2, body.clone());
        let v = assert_error(&r, 401, "SIGN_ERROR");
        assert_eq!(v["message"], message, "{value}");
        assert_eq!(v["detail"]["location"], "authorization");
        // A 401 is not signed.
        assert!(r.header("Wechatpay-Signature").is_none());
    }
}

fn resign(sb: &Lab, mchid: &str, serial: &str, ts: i64, body: &[u8]) -> Vec<(String, String)> {
    let c = sb.creds("sandbox");
    let nonce = wxcombine::rand::alphanumeric(32);
    let s = wxcombine::signing::authorization::RequestSigner {
        mchid,
        serial_no: serial,
        key: &c.key,
    }
    .sign("POST", PREPAY, &ts.to_string(), &nonce, body);
    let mut h = signed_headers(&c, "POST", PREPAY, body);
    set_header(&mut h, "Authorization", Some(&s.authorization.to_header()));
    h
}

#[test]
fn merchant_serial_and_timestamp_are_checked() {
    let sb = Lab::new();
    let c = sb.creds("sandbox");
    let body = serde_json::to_vec(&sb.body("P100004")).unwrap();
    let cases = [
        (
            resign(&sb, "1900000999", &c.serial, now(), &body),
            "商户号不存在",
        ),
        (
            resign(
                &sb,
                MAIN,
                "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                now(),
                &body,
            ),
            "商户证书序列号有误。",
        ),
        (
            resign(&sb, MAIN, &c.serial, now() - 310, &body),
            "Http头Authorization中的timestamp与发起请求的时间不得超过5分钟",
        ),
        (
            resign(&sb, MAIN, &c.serial, now() + 310, &body),
            "Http头Authorization中的timestamp与发起请求的时间不得超过5分钟",
        ),
    ];
    for (h, message) in cases {
        let r = send(&sb.url(PREPAY), "POST", &h, body.clone());
        let v = assert_error(&r, 401, "SIGN_ERROR");
        assert_eq!(v["message"], message);
    }
    // A lower-case serial and a timestamp 290 s old are fine.
    let h = resign(&sb, MAIN, &c.serial.to_lowercase(), now() - 290, &body);
    let r = send(&sb.url(PREPAY), "POST", &h, body);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
}

#[test]
fn a_bad_signature_gets_sign_information() {
    let sb = Lab::new();
    let (h, body) = good(&sb, "P100005");
    // Re-serialise the body after signing: the classic mistake.
    let v: Value = serde_json::from_slice(&body).unwrap();
    let pretty = serde_json::to_vec_pretty(&v).unwrap();
    let r = send(&sb.url(PREPAY), "POST", &h, pretty.clone());
    let v = assert_error(&r, 401, "SIGN_ERROR");
    assert!(r.header("Request-ID").unwrap().ends_with("-268443699"));
    let info = &v["detail"]["sign_information"];
    assert_eq!(info["method"], "POST");
    assert_eq!(info["url"], PREPAY);
    let auth = wxcombine::signing::Authorization::parse(
        &h.iter().find(|(k, _)| k == "Authorization").unwrap().1,
    )
    .unwrap();
    assert_eq!(
        info["truncated_sign_message"],
        format!(
            "POST\n{PREPAY}\n{}\n{}\n{{\n  \"com\n",
            auth.timestamp, auth.nonce_str
        )
    );
    let full = format!("POST\n{PREPAY}\n{}\n{}\n", auth.timestamp, auth.nonce_str).len()
        + pretty.len()
        + 1;
    assert_eq!(info["sign_message_length"], json!(full));
    assert_eq!(v["detail"]["issue"], "sign not match");
}

#[test]
fn raw_bytes_verify_whatever_their_serialisation() {
    let sb = Lab::new();
    let c = sb.creds("sandbox");
    // Go's json.Encoder ends the body with "\n", which is signed and sent.
    let mut go = serde_json::to_vec(&sb.body("P100006")).unwrap();
    go.push(b'\n');
    let h = signed_headers(&c, "POST", PREPAY, &go);
    let r = send(&sb.url(PREPAY), "POST", &h, go);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    // Python's json.dumps: ", " / ": " separators and \uXXXX escapes.
    let py = r#"{"combine_appid": "wxd678efh567hg6787", "combine_mchid": "1900000109", "combine_out_trade_no": "P100007", "combine_payer_info": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}, "sub_orders": [{"mchid": "1900000109", "attach": "\u6df1\u5733", "amount": {"total_amount": 1, "currency": "CNY"}, "out_trade_no": "P100007A", "description": "\u5145\u503c"}, {"mchid": "1900000129", "attach": "x", "amount": {"total_amount": 2, "currency": "CNY"}, "out_trade_no": "P100007B", "description": "y"}], "notify_url": "https://shop.example.com/notify"}"#;
    let h = signed_headers(&c, "POST", PREPAY, py.as_bytes());
    let r = send(&sb.url(PREPAY), "POST", &h, py.as_bytes().to_vec());
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let q = sb.query("sandbox", "P100007");
    assert_eq!(q["sub_orders"][0]["attach"], "深圳");
}

#[test]
fn both_host_names_verify_and_responses_are_signed() {
    let sb = Lab::new();
    sb.prepay("sandbox", &sb.body("P100008"));
    for base in [sb.sb.base_url(), sb.sb.backup_base_url()] {
        let client = sb.client_with("sandbox", |o| o.base_url = base.clone());
        let r = block_on(client.call(&Request::combine_query("P100008"))).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.verified_by, Some(KeyKind::PublicKey));
        assert_eq!(
            r.header("Wechatpay-Signature-Type"),
            Some("WECHATPAY2-SHA256-RSA2048")
        );
        assert_eq!(r.header("Wechatpay-Nonce").unwrap().len(), 32);
        assert!(r.request_id.is_some());
    }
    // 204 is signed too (§13.10): the client verifies it.
    let close = json!({"combine_appid": APPID, "sub_orders": [
        {"mchid": MAIN, "out_trade_no": "P100008A"}, {"mchid": SUB1, "out_trade_no": "P100008B"}]});
    let r = sb.call(
        "sandbox",
        &Request::combine_close("P100008", serde_json::to_vec(&close).unwrap()),
    );
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    assert_eq!(r.verified_by, Some(KeyKind::PublicKey));
}

#[test]
fn body_values_are_checked_with_json_pointers() {
    let sb = Lab::new();
    let c = sb.creds("sandbox");
    type Mutation = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Mutation)> = vec![
        (
            "/sub_orders/0/attach",
            Box::new(|b| b["sub_orders"][0]["attach"] = Value::Null),
        ),
        (
            "/sub_orders/1/amount/total_amount",
            Box::new(|b| b["sub_orders"][1]["amount"]["total_amount"] = json!(2.5)),
        ),
        (
            "/sub_orders/1/amount/total_amount",
            Box::new(|b| b["sub_orders"][1]["amount"]["total_amount"] = json!("250")),
        ),
        (
            "/notify_url",
            Box::new(|b| b["notify_url"] = json!("ftp://shop.example.com/notify")),
        ),
        (
            "/notify_url",
            Box::new(|b| b["notify_url"] = json!("http://shop.example.com/notify")),
        ),
        (
            "/notify_url",
            Box::new(|b| b["notify_url"] = json!("https://shop.example.com/notify?a=1")),
        ),
        (
            "/time_expire",
            Box::new(|b| b["time_expire"] = json!("2030-01-01T00:00:00Z")),
        ),
        ("/unknown", Box::new(|b| b["unknown"] = json!(1))),
        (
            "/sub_orders",
            Box::new(|b| {
                b["sub_orders"].as_array_mut().unwrap().pop();
            }),
        ),
        (
            "/sub_orders/0/description",
            Box::new(|b| b["sub_orders"][0]["description"] = json!("充值😀")),
        ),
    ];
    for (i, (pointer, mutate)) in cases.into_iter().enumerate() {
        let mut body = sb.body(&format!("P2000{i:02}"));
        mutate(&mut body);
        let bytes = serde_json::to_vec(&body).unwrap();
        let h = signed_headers(&c, "POST", PREPAY, &bytes);
        let r = send(&sb.url(PREPAY), "POST", &h, bytes);
        let v = assert_error(&r, 400, "PARAM_ERROR");
        assert_eq!(v["detail"]["field"], pointer, "{v}");
        assert_eq!(v["detail"]["location"], "body");
    }
    // A key twice: a lenient parser keeps the last one; the sandbox names it.
    let mut text = serde_json::to_string(&sb.body("P200099")).unwrap();
    text.insert_str(1, "\"notify_url\":\"https://a.example.com/n\",");
    let h = signed_headers(&c, "POST", PREPAY, text.as_bytes());
    let r = send(&sb.url(PREPAY), "POST", &h, text.into_bytes());
    let v = assert_error(&r, 400, "PARAM_ERROR");
    assert_eq!(v["detail"]["field"], "/notify_url", "{v}");
    // Not JSON at all.
    let h = signed_headers(&c, "POST", PREPAY, b"{\"a\":");
    let r = send(&sb.url(PREPAY), "POST", &h, b"{\"a\":".to_vec());
    let v = assert_error(&r, 400, "PARAM_ERROR");
    assert_eq!(v["detail"]["field"], "/");
}

#[test]
fn replay_rejection_is_optional() {
    let sb = Lab::with(SandboxOptions {
        reject_replay: true,
        ..Default::default()
    });
    sb.prepay("sandbox", &sb.body("P100009"));
    let target = "/v3/combine-transactions/out-trade-no/P100009";
    let h = signed_headers(&sb.creds("sandbox"), "GET", target, b"");
    assert_eq!(send(&sb.url(target), "GET", &h, vec![]).status, 200);
    let r = send(&sb.url(target), "GET", &h, vec![]);
    let v = assert_error(&r, 401, "SIGN_ERROR");
    assert!(v["message"].as_str().unwrap().contains("nonce_str"));
    // Off by default: the same request twice is fine.
    let plain = Lab::new();
    plain.prepay("sandbox", &plain.body("P100009"));
    let h = signed_headers(&plain.creds("sandbox"), "GET", target, b"");
    assert_eq!(send(&plain.url(target), "GET", &h, vec![]).status, 200);
    assert_eq!(send(&plain.url(target), "GET", &h, vec![]).status, 200);
}

#[test]
fn encrypted_identity_needs_wechatpay_serial() {
    let sb = Lab::new();
    let mut body = sb.body("P100010");
    body["combine_payer_info"]["identity"] =
        json!({"type": "IDCARD", "number": "ZW5jcnlwdGVk", "name": "ZW5jcnlwdGVk"});
    let bytes = serde_json::to_vec(&body).unwrap();
    let mut h = signed_headers(&sb.creds("sandbox"), "POST", PREPAY, &bytes);
    let r = send(&sb.url(PREPAY), "POST", &h, bytes.clone());
    let v = assert_error(&r, 400, "PARAM_ERROR");
    assert_eq!(
        v["message"],
        "HTTP header缺少微信支付平台证书序列号(Wechatpay-Serial)"
    );
    let id = sb.sb.info().public_key_id;
    set_header(&mut h, "Wechatpay-Serial", Some(&id));
    let r = send(&sb.url(PREPAY), "POST", &h, bytes);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
}

#[test]
fn unknown_paths_and_methods() {
    let sb = Lab::new();
    let c = sb.creds("sandbox");
    let h = signed_headers(&c, "GET", "/v3/pay/transactions/id/1", b"");
    assert_error(
        &send(&sb.url("/v3/pay/transactions/id/1"), "GET", &h, vec![]),
        404,
        "RESOURCE_NOT_EXISTS",
    );
    let h = signed_headers(&c, "GET", PREPAY, b"");
    assert_error(
        &send(&sb.url(PREPAY), "GET", &h, vec![]),
        405,
        "METHOD_NOT_ALLOWED",
    );
    // The query API takes no query string (unlike the basic-pay query's ?mchid=).
    sb.prepay("sandbox", &sb.body("P100011"));
    let t = "/v3/combine-transactions/out-trade-no/P100011?mchid=1900000109";
    let h = signed_headers(&c, "GET", t, b"");
    let v = assert_error(&send(&sb.url(t), "GET", &h, vec![]), 400, "PARAM_ERROR");
    assert_eq!(v["detail"]["location"], "query");
}

#[test]
fn certificates_follow_the_key_mode() {
    // Public-key mode: no platform certificates.
    let sb = Lab::new();
    let e = sb.call_err("sandbox", &Request::certificates());
    assert_eq!((e.status, e.code.as_str()), (404, "RESOURCE_NOT_EXISTS"));

    // Certificate mode: encrypted with the caller's APIv3 key, verified by the bootstrap rule.
    for mode in [KeyMode::Cert, KeyMode::Mixed] {
        let sb = Lab::with(SandboxOptions {
            key_mode: mode,
            ..Default::default()
        });
        for name in ["sandbox", "sandbox-sub1"] {
            let key = sb.apiv3_key(name);
            let client = sb.client(name).with_certificate_refresh(key.clone());
            let certs = block_on(client.fetch_certificates()).unwrap();
            assert_eq!(certs.len(), 1);
            assert_eq!(certs[0].serial, sb.sb.info().platform_cert_serial);
            let r = sb.call(name, &Request::certificates());
            assert_eq!(decrypt_certificates(&key, &r.body).unwrap().len(), 1);
        }
    }
}

#[test]
fn mixed_mode_picks_the_key_by_wechatpay_serial() {
    let sb = Lab::with(SandboxOptions {
        key_mode: KeyMode::Mixed,
        ..Default::default()
    });
    sb.prepay("sandbox", &sb.body("P100012"));
    let info = sb.sb.info();
    let t = "/v3/combine-transactions/out-trade-no/P100012";
    let c = sb.creds("sandbox");
    for (serial, want) in [
        (info.public_key_id.clone(), info.public_key_id.clone()),
        (
            info.platform_cert_serial.clone(),
            info.platform_cert_serial.clone(),
        ),
    ] {
        for _ in 0..3 {
            let mut h = signed_headers(&c, "GET", t, b"");
            set_header(&mut h, "Wechatpay-Serial", Some(&serial));
            let r = send(&sb.url(t), "GET", &h, vec![]);
            assert_eq!(r.header("Wechatpay-Serial"), Some(want.as_str()));
            sb.verifier()
                .verify(&wechatpay_headers(&r), &r.body, now())
                .unwrap();
        }
    }
    // Without one (what certificate-only SDKs send), or with a serial the sandbox does not
    // publish, always the platform certificate (§2.5, issue 16): such a client only knows the
    // downloaded certificates, and a public-key signature would fail its very first call.
    for serial in [None, Some("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")] {
        for _ in 0..4 {
            let mut h = signed_headers(&c, "GET", t, b"");
            assert!(
                !h.iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case("Wechatpay-Serial"))
            );
            if let Some(s) = serial {
                set_header(&mut h, "Wechatpay-Serial", Some(s));
            }
            let r = send(&sb.url(t), "GET", &h, vec![]);
            assert_eq!(
                r.header("Wechatpay-Serial"),
                Some(info.platform_cert_serial.as_str()),
                "request serial {serial:?}"
            );
            sb.verifier()
                .verify(&wechatpay_headers(&r), &r.body, now())
                .unwrap();
        }
    }
}
