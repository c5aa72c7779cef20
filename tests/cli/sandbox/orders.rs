//! Sandbox combine orders (apiv3.md §6, §11, §13.14–13.22): prepay in every scene, idempotency and
//! its conflicts, state-correct query, close, payment, expiry.

use serde_json::{Value, json};
use wxcombine::api::{Request, Scene};
use wxcombine::sandbox::SandboxOptions;

use crate::harness::Lab;
use crate::harness::lab::*;

fn prepay_req(scene: Scene, body: &Value) -> Request {
    Request::combine_prepay(scene, serde_json::to_vec(body).unwrap())
}

fn close_body(no: &str) -> Value {
    json!({"combine_appid": APPID, "sub_orders": [
        {"mchid": MAIN, "out_trade_no": format!("{no}A")},
        {"mchid": SUB1, "out_trade_no": format!("{no}B")}]})
}

fn close_req(no: &str, body: &Value) -> Request {
    Request::combine_close(no, serde_json::to_vec(body).unwrap())
}

#[test]
fn every_scene_answers_in_its_shape() {
    let sb = Lab::new();
    let v = sb.prepay("sandbox", &sb.body("P300001"));
    let id = v["prepay_id"].as_str().unwrap();
    assert!(id.starts_with("wx") && id.len() == 36, "{id}");
    assert!(id[2..16].bytes().all(|b| b.is_ascii_digit()), "{id}");
    assert_eq!(v.as_object().unwrap().len(), 1);

    let mut app = sb.body("P300002");
    app.as_object_mut().unwrap().remove("combine_payer_info");
    let r = sb.call("sandbox", &prepay_req(Scene::App, &app));
    let v: Value = serde_json::from_slice(&r.body).unwrap();
    assert!(v["prepay_id"].as_str().unwrap().starts_with("wx"));

    let mut h5 = sb.body("P300003");
    h5.as_object_mut().unwrap().remove("combine_payer_info");
    h5["scene_info"]["h5_info"] = json!({"type": "Wap"});
    let r = sb.call("sandbox", &prepay_req(Scene::H5, &h5));
    let v: Value = serde_json::from_slice(&r.body).unwrap();
    assert!(
        v["h5_url"]
            .as_str()
            .unwrap()
            .starts_with("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx"),
        "{v}"
    );

    let mut native = sb.body("P300004");
    native.as_object_mut().unwrap().remove("combine_payer_info");
    let r = sb.call("sandbox", &prepay_req(Scene::Native, &native));
    let v: Value = serde_json::from_slice(&r.body).unwrap();
    assert!(
        v["code_url"]
            .as_str()
            .unwrap()
            .starts_with("weixin://wxpay/bizpayurl/up?pr="),
        "{v}"
    );
    assert_eq!(
        sb.query("sandbox", "P300003")["sub_orders"][0]["trade_type"],
        "MWEB"
    );
    assert_eq!(
        sb.query("sandbox", "P300004")["sub_orders"][1]["trade_type"],
        "NATIVE"
    );
}

#[test]
fn re_prepay_is_idempotent_and_conflicts_are_named() {
    let sb = Lab::new();
    let body = sb.body("P300010");
    let first = sb.prepay("sandbox", &body);
    // Same parameters in another key order: the same order, the same prepay_id.
    let mut reordered = serde_json::Map::new();
    for (k, v) in body.as_object().unwrap().iter().rev() {
        reordered.insert(k.clone(), v.clone());
    }
    assert_eq!(sb.prepay("sandbox", &Value::Object(reordered)), first);

    let mut changed = body.clone();
    changed["sub_orders"][1]["amount"]["total_amount"] = json!(251);
    let e = sb.call_err("sandbox", &prepay_req(Scene::Jsapi, &changed));
    assert_eq!((e.status, e.code.as_str()), (400, "INVALID_REQUEST"));
    assert_eq!(e.message, "请求重入时，参数与首次请求时不一致");
    assert_eq!(e.numeric_code(), Some(268_498_688));
    // The same number through another scene is a different request too.
    let e = sb.call_err("sandbox", &prepay_req(Scene::Native, &body));
    assert_eq!(e.code, "INVALID_REQUEST");

    // A sub-order number used by another order.
    let mut other = sb.body("P300011");
    other["sub_orders"][1]["out_trade_no"] = json!("P300010B");
    let e = sb.call_err("sandbox", &prepay_req(Scene::Jsapi, &other));
    assert_eq!((e.status, e.code.as_str()), (403, "OUT_TRADE_NO_USED"));
    assert_eq!(e.field(), Some("/sub_orders/1/out_trade_no"));
    // …but the same number under another merchant is another number.
    let mut fine = sb.body("P300012");
    fine["sub_orders"][1]["out_trade_no"] = json!("P300010A");
    sb.prepay("sandbox", &fine);
}

#[test]
fn merchant_relationships_and_payers_are_checked() {
    let sb = Lab::new();
    let mut b = sb.body("P300020");
    b["combine_appid"] = json!("wx8888888888888881");
    let e = sb.call_err("sandbox", &prepay_req(Scene::Jsapi, &b));
    assert_eq!((e.status, e.code.as_str()), (400, "APPID_MCHID_NOT_MATCH"));

    let mut b = sb.body("P300021");
    b["sub_orders"][1]["mchid"] = json!("1900000999");
    let e = sb.call_err("sandbox", &prepay_req(Scene::Jsapi, &b));
    assert_eq!((e.status, e.code.as_str()), (403, "NO_AUTH"));
    assert_eq!(e.field(), Some("/sub_orders/1/mchid"));

    // sub1 is related to the main merchant, not to sub2.
    let mut b = sb.body("P300022");
    b["combine_appid"] = json!("wx8888888888888881");
    b["combine_mchid"] = json!(SUB1);
    b["combine_payer_info"]["openid"] = json!("oSub1AAAAAAAAAAAAAAAAAAAAAA1");
    b["sub_orders"][0]["mchid"] = json!(SUB1);
    b["sub_orders"][1]["mchid"] = json!(SUB2);
    let e = sb.call_err("sandbox-sub1", &prepay_req(Scene::Jsapi, &b));
    assert_eq!(e.code, "NO_AUTH");
    b["sub_orders"][1]["mchid"] = json!(MAIN);
    let r = sb.call("sandbox-sub1", &prepay_req(Scene::Jsapi, &b));
    assert_eq!(r.status, 200);

    let mut b = sb.body("P300023");
    b["combine_payer_info"]["openid"] = json!("oSub1AAAAAAAAAAAAAAAAAAAAAA1");
    let e = sb.call_err("sandbox", &prepay_req(Scene::Jsapi, &b));
    assert_eq!((e.status, e.code.as_str()), (500, "OPENID_MISMATCH"));

    // The signing merchant must be the combine merchant.
    let b = sb.body("P300024");
    let e = sb.call_err("sandbox-sub1", &prepay_req(Scene::Jsapi, &b));
    assert_eq!(e.status, 401);
    assert_eq!(e.field(), Some("/combine_mchid"));
}

#[test]
fn query_shows_only_what_the_state_allows() {
    let sb = Lab::new();
    sb.prepay("sandbox", &sb.body("P300030"));
    let q = sb.query("sandbox", "P300030");
    assert_eq!(q["combine_out_trade_no"], "P300030");
    assert_eq!(q["scene_info"], json!({"device_id": "POS1:1"}));
    assert!(q.get("combine_payer_info").is_none());
    for s in q["sub_orders"].as_array().unwrap() {
        assert_eq!(s["trade_state"], "NOTPAY");
        assert_eq!(s["trade_type"], "JSAPI");
        for absent in ["transaction_id", "success_time", "bank_type"] {
            assert!(s.get(absent).is_none(), "{absent} in {s}");
        }
        assert!(s["amount"].get("payer_amount").is_none());
    }
    assert_eq!(q["sub_orders"][1]["attach"], "广州分店");

    let paid = sb.sb.pay("P300030").unwrap();
    let q = sb.query("sandbox", "P300030");
    assert_eq!(serde_json::to_value(&paid).unwrap(), q);
    assert_eq!(q["combine_payer_info"]["openid"], OPENID);
    for s in q["sub_orders"].as_array().unwrap() {
        assert_eq!(s["trade_state"], "SUCCESS");
        let tid = s["transaction_id"].as_str().unwrap();
        assert!(
            tid.len() == 28 && tid.bytes().all(|b| b.is_ascii_digit()),
            "{tid}"
        );
        assert!(s["success_time"].as_str().unwrap().ends_with("+08:00"));
        assert_eq!(s["amount"]["payer_amount"], s["amount"]["total_amount"]);
        assert_eq!(s["amount"]["payer_currency"], "CNY");
    }
    // Paid: prepay again is refused, and pay again too.
    let e = sb.call_err("sandbox", &prepay_req(Scene::Jsapi, &sb.body("P300030")));
    assert_eq!((e.status, e.code.as_str()), (403, "TRADE_ERROR"));
    assert!(sb.sb.pay("P300030").is_err());

    // Unknown, or another merchant's: 404 either way.
    for (who, no) in [("sandbox", "P399999"), ("sandbox-sub1", "P300030")] {
        let e = sb.call_err(who, &Request::combine_query(no));
        assert_eq!((e.status, e.code.as_str()), (404, "ORDER_NOT_EXIST"));
        assert_eq!(e.numeric_code(), Some(268_512_771));
    }
}

#[test]
fn close_requires_the_exact_sub_order_list() {
    let sb = Lab::new();
    sb.prepay("sandbox", &sb.body("P300040"));
    let mut wrong = close_body("P300040");
    wrong["sub_orders"][1]["out_trade_no"] = json!("P300040C");
    let e = sb.call_err("sandbox", &close_req("P300040", &wrong));
    assert_eq!((e.status, e.code.as_str()), (400, "PARAM_ERROR"));
    assert_eq!(e.field(), Some("/sub_orders/1"));
    let mut three = close_body("P300040");
    three["sub_orders"]
        .as_array_mut()
        .unwrap()
        .push(json!({"mchid": SUB2, "out_trade_no": "P300040D"}));
    let e = sb.call_err("sandbox", &close_req("P300040", &three));
    assert_eq!(e.field(), Some("/sub_orders"));
    let mut appid = close_body("P300040");
    appid["combine_appid"] = json!("wx8888888888888881");
    let e = sb.call_err("sandbox", &close_req("P300040", &appid));
    assert_eq!(e.field(), Some("/combine_appid"));

    // The exact list, in any order: 204, signed.
    let mut swapped = close_body("P300040");
    swapped["sub_orders"].as_array_mut().unwrap().reverse();
    let r = sb.call("sandbox", &close_req("P300040", &swapped));
    assert_eq!(r.status, 204);
    for s in sb.query("sandbox", "P300040")["sub_orders"]
        .as_array()
        .unwrap()
    {
        assert_eq!(s["trade_state"], "CLOSED");
    }
    // Closed: close again (strict default), prepay again and pay are refused.
    let e = sb.call_err("sandbox", &close_req("P300040", &close_body("P300040")));
    assert_eq!((e.status, e.code.as_str()), (400, "ORDER_CLOSED"));
    let e = sb.call_err("sandbox", &prepay_req(Scene::Jsapi, &sb.body("P300040")));
    assert_eq!((e.status, e.code.as_str()), (400, "ORDER_CLOSED"));
    assert!(sb.sb.pay("P300040").is_err());

    // Paid orders cannot be closed; unknown ones do not exist.
    sb.prepay("sandbox", &sb.body("P300041"));
    sb.sb.pay("P300041").unwrap();
    let e = sb.call_err("sandbox", &close_req("P300041", &close_body("P300041")));
    assert_eq!((e.status, e.code.as_str()), (403, "TRADE_ERROR"));
    let e = sb.call_err("sandbox", &close_req("P300042", &close_body("P300042")));
    assert_eq!((e.status, e.code.as_str()), (404, "ORDER_NOT_EXIST"));
}

#[test]
fn close_options_strict_delay_and_repeat_ok() {
    let sb = Lab::with(SandboxOptions {
        strict_close_delay: true,
        repeat_close_ok: true,
        ..Default::default()
    });
    sb.prepay("sandbox", &sb.body("P300050"));
    let e = sb.call_err("sandbox", &close_req("P300050", &close_body("P300050")));
    assert_eq!((e.status, e.code.as_str()), (400, "INVALID_REQUEST"));
    sb.sb.advance_clock(301).unwrap();
    assert_eq!(
        sb.call("sandbox", &close_req("P300050", &close_body("P300050")))
            .status,
        204
    );
    assert_eq!(
        sb.call("sandbox", &close_req("P300050", &close_body("P300050")))
            .status,
        204
    );
}

#[test]
fn time_expire_and_the_business_clock_close_unpaid_orders() {
    let sb = Lab::new();
    sb.sb.set_clock("2026-03-01T12:00:00+08:00").unwrap();
    let mut b = sb.body("P300060");
    b["time_expire"] = json!("2026-03-01T12:30:00+08:00");
    let v = sb.prepay("sandbox", &b);
    assert!(
        v["prepay_id"]
            .as_str()
            .unwrap()
            .starts_with("wx20260301120")
    );
    sb.sb.advance_clock(31 * 60).unwrap();
    let q = sb.query("sandbox", "P300060");
    assert_eq!(q["sub_orders"][0]["trade_state"], "CLOSED");
    assert!(sb.sb.pay("P300060").is_err());

    // A time_expire in the past (business time) is refused.
    let mut b = sb.body("P300061");
    b["time_expire"] = json!("2026-03-01T12:00:00+08:00");
    let e = sb.call_err("sandbox", &prepay_req(Scene::Jsapi, &b));
    assert_eq!(e.field(), Some("/time_expire"));

    // The test hook expires an order at once.
    sb.prepay("sandbox", &sb.body("P300063"));
    let q = serde_json::to_value(sb.sb.expire("P300063").unwrap()).unwrap();
    assert_eq!(q["sub_orders"][1]["trade_state"], "CLOSED");
    let e = sb.call_err("sandbox", &prepay_req(Scene::Jsapi, &sb.body("P300063")));
    assert_eq!(e.code, "ORDER_CLOSED");

    // The prepay_id is renewed after 2 hours while the order stays open.
    let b = sb.body("P300062");
    let first = sb.prepay("sandbox", &b);
    assert_eq!(sb.prepay("sandbox", &b), first);
    sb.sb.advance_clock(2 * 3600 + 1).unwrap();
    let second = sb.prepay("sandbox", &b);
    assert_ne!(second, first);
}

#[test]
fn seeded_orders_behave_as_paid_orders() {
    let sb = Lab::new();
    sb.sb.set_clock("2026-03-02T12:00:00+08:00").unwrap();
    let s = sb.sb.seed("2026-03-01", 1000).unwrap();
    assert_eq!(s.first, "SD2026030100010000000000");
    let q = sb.query("sandbox", &s.last);
    assert_eq!(q["sub_orders"][0]["mchid"], MAIN);
    assert_eq!(q["sub_orders"][0]["trade_state"], "SUCCESS");
    assert!(q["sub_orders"][1]["transaction_id"].as_str().unwrap().len() == 28);
    let e = sb.call_err("sandbox-sub1", &Request::combine_query(&s.last));
    assert_eq!(e.code, "ORDER_NOT_EXIST");
    let close = json!({"combine_appid": APPID, "sub_orders": q["sub_orders"].as_array().unwrap().iter().map(|s| json!({"mchid": s["mchid"], "out_trade_no": s["out_trade_no"]})).collect::<Vec<_>>()});
    let e = sb.call_err("sandbox", &close_req(&s.last, &close));
    assert_eq!(e.code, "TRADE_ERROR");
    // Its sub-order numbers count as used.
    let mut b = sb.body("P300070");
    b["sub_orders"][0]["out_trade_no"] = q["sub_orders"][0]["out_trade_no"].clone();
    let e = sb.call_err("sandbox", &prepay_req(Scene::Jsapi, &b));
    assert_eq!(e.code, "OUT_TRADE_NO_USED");
    // Seeding the future is refused.
    assert!(sb.sb.seed("2026-03-03", 1).is_err());
}

#[test]
fn the_out_trade_no_lower_bound_is_configurable() {
    // Default (6, the strictest reading of §6.2): a 2-character number is refused by name.
    let sb = Lab::new();
    let e = sb.call_err("sandbox", &prepay_req(Scene::Jsapi, &sb.body("P2")));
    assert_eq!((e.status, e.code.as_str()), (400, "PARAM_ERROR"));
    assert_eq!(e.field(), Some("/combine_out_trade_no"));
    let e = sb.call_err("sandbox", &Request::combine_query("P2"));
    assert_eq!(e.field(), Some("combine_out_trade_no"));

    // Set to 2 (§13.14 "configurable lower bound 1/2/6"): accepted, queried and closed.
    let sb = Lab::with(SandboxOptions {
        out_trade_no_min: 2,
        ..SandboxOptions::default()
    });
    assert_eq!(sb.sb.info().out_trade_no_min, 2);
    assert!(sb.prepay("sandbox", &sb.body("P2"))["prepay_id"].is_string());
    assert_eq!(sb.query("sandbox", "P2")["combine_out_trade_no"], "P2");
    sb.call("sandbox", &close_req("P2", &close_body("P2")));
    let e = sb.call_err("sandbox", &prepay_req(Scene::Jsapi, &sb.body("P")));
    assert_eq!(e.field(), Some("/combine_out_trade_no"));

    // Only the documented bounds.
    let Err(e) = wxcombine::sandbox::RunningSandbox::start(SandboxOptions {
        out_trade_no_min: 3,
        ..SandboxOptions::default()
    }) else {
        panic!("a lower bound of 3 was accepted");
    };
    assert!(e.to_string().contains("1, 2, 6"), "{e}");
}
