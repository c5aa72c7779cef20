//! The sandbox's refund API (apiv3.md §14.6; issue 13, items 9–12), over HTTP with signed
//! requests through the library's client, which verifies every answer.

use std::time::Duration;

use serde_json::{Value, json};
use wxcombine::api::Request;
use wxcombine::api::refund::{RefundAmountRequest, RefundRequest};
use wxcombine::api::types::NotificationEnvelope;
use wxcombine::money::Fen;
use wxcombine::sandbox::{FaultKind, SandboxOptions};

use crate::harness::Lab;
use crate::harness::hostile::{Hostile, bytes, head};
use crate::harness::lab::{APPID, MAIN, OPENID, SUB1, prepay_body};

/// A refund of `refund` fen of sub-order `out_trade_no` (total `total`).
fn req(out_trade_no: &str, out_refund_no: &str, refund: i64, total: i64) -> RefundRequest {
    RefundRequest {
        sub_mchid: None,
        transaction_id: None,
        out_trade_no: Some(out_trade_no.into()),
        out_refund_no: out_refund_no.into(),
        reason: None,
        notify_url: None,
        funds_account: None,
        amount: RefundAmountRequest {
            refund: Fen(refund),
            from: None,
            total: Fen(total),
            currency: "CNY".into(),
        },
        goods_detail: None,
    }
}

fn create(lab: &Lab, profile: &str, r: &RefundRequest) -> Value {
    let a = lab.call(profile, &Request::refund_create(r));
    serde_json::from_slice(&a.body).unwrap()
}

fn create_err(lab: &Lab, profile: &str, r: &RefundRequest) -> (u16, String) {
    let e = lab.call_err(profile, &Request::refund_create(r));
    (e.status, e.code)
}

fn query(lab: &Lab, profile: &str, no: &str, sub_mchid: Option<&str>) -> Value {
    let a = lab.call(profile, &Request::refund_query(no, sub_mchid));
    serde_json::from_slice(&a.body).unwrap()
}

/// A paid two-sub-order order `no`: `{no}A` of MAIN (10 fen), `{no}B` of SUB1 (250 fen).
fn paid(lab: &Lab, no: &str) {
    lab.prepay("sandbox", &lab.body(no));
    lab.sb.pay(no).unwrap();
}

#[test]
fn a_refund_is_processing_then_success_after_the_delay_and_the_order_reads_refund() {
    let lab = Lab::new();
    paid(&lab, "P510001");
    // 直连: SUB1's sub-order is refunded by SUB1, signed with its own key.
    let r = create(
        &lab,
        "sandbox-sub1",
        &req("P510001B", "R510001B-1", 100, 250),
    );
    assert_eq!(r["status"], "PROCESSING");
    assert_eq!(r["out_trade_no"], "P510001B");
    assert_eq!(r["amount"]["refund"], 100);
    assert_eq!(r["amount"]["total"], 250);
    assert_eq!(r["refund_id"].as_str().unwrap().len(), 29);
    assert!(r.get("success_time").is_none());
    let q = query(&lab, "sandbox-sub1", "R510001B-1", None);
    assert_eq!(q["status"], "PROCESSING");
    assert_eq!(q["refund_id"], r["refund_id"]);

    // --refund-delay (60 s of business time by default) later: SUCCESS.
    lab.sb.advance_clock(60).unwrap();
    let q = query(&lab, "sandbox-sub1", "R510001B-1", None);
    assert_eq!(q["status"], "SUCCESS");
    assert!(q["success_time"].is_string());

    let order = lab.query("sandbox", "P510001");
    assert_eq!(order["sub_orders"][0]["trade_state"], "SUCCESS");
    assert_eq!(order["sub_orders"][1]["trade_state"], "REFUND");
    // By transaction_id as well as by out_trade_no.
    let tid = order["sub_orders"][0]["transaction_id"].as_str().unwrap();
    let mut by_tid = req("", "R510001A-1", 10, 10);
    by_tid.out_trade_no = None;
    by_tid.transaction_id = Some(tid.into());
    let r = create(&lab, "sandbox", &by_tid);
    assert_eq!(r["out_trade_no"], "P510001A");
    assert_eq!(r["transaction_id"], tid);
}

#[test]
fn another_merchants_key_is_no_auth_and_unknown_numbers_are_404() {
    let lab = Lab::new();
    paid(&lab, "P510002");
    // MAIN signs for SUB1's sub-order: by number and by transaction id.
    assert_eq!(
        create_err(&lab, "sandbox", &req("P510002B", "R510002B-1", 1, 250)),
        (403, "NO_AUTH".into())
    );
    let tid = lab.query("sandbox", "P510002")["sub_orders"][1]["transaction_id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut by_tid = req("", "R510002B-1", 1, 250);
    by_tid.out_trade_no = None;
    by_tid.transaction_id = Some(tid);
    assert_eq!(
        create_err(&lab, "sandbox", &by_tid),
        (403, "NO_AUTH".into())
    );
    assert_eq!(
        create_err(&lab, "sandbox-sub1", &req("P519999B", "R1", 1, 250)),
        (404, "RESOURCE_NOT_EXISTS".into())
    );
    let e = lab.call_err("sandbox-sub1", &Request::refund_query("R-none", None));
    assert_eq!((e.status, e.code.as_str()), (404, "RESOURCE_NOT_EXISTS"));
    // A 直连 merchant naming sub_mchid: refused, naming the field.
    let mut with_sub = req("P510002B", "R510002B-2", 1, 250);
    with_sub.sub_mchid = Some(SUB1.into());
    let e = lab.call_err("sandbox-sub1", &Request::refund_create(&with_sub));
    assert_eq!((e.status, e.code.as_str()), (400, "PARAM_ERROR"));
    assert_eq!(e.detail.unwrap()["field"], "/sub_mchid");
    // Nothing was refunded.
    assert_eq!(
        lab.query("sandbox", "P510002")["sub_orders"][1]["trade_state"],
        "SUCCESS"
    );
}

#[test]
fn the_rules_of_14_2_are_real_errors() {
    let lab = Lab::new();
    lab.prepay("sandbox", &lab.body("P510003"));
    // Not paid.
    assert_eq!(
        create_err(&lab, "sandbox-sub1", &req("P510003B", "R510003B-1", 1, 250)),
        (400, "INVALID_REQUEST".into())
    );
    lab.sb.pay("P510003").unwrap();
    // amount.total is not the sub-order's total.
    assert_eq!(
        create_err(&lab, "sandbox-sub1", &req("P510003B", "R510003B-1", 1, 260)),
        (400, "INVALID_REQUEST".into())
    );
    let first = create(
        &lab,
        "sandbox-sub1",
        &req("P510003B", "R510003B-1", 200, 250),
    );
    // The same number and parameters again: the same refund, even within the minute.
    let again = create(
        &lab,
        "sandbox-sub1",
        &req("P510003B", "R510003B-1", 200, 250),
    );
    assert_eq!(again["refund_id"], first["refund_id"]);
    // The same number with another amount: refused.
    assert_eq!(
        create_err(
            &lab,
            "sandbox-sub1",
            &req("P510003B", "R510003B-1", 20, 250)
        ),
        (400, "INVALID_REQUEST".into())
    );
    // A second refund of the same order within a business minute.
    assert_eq!(
        create_err(
            &lab,
            "sandbox-sub1",
            &req("P510003B", "R510003B-2", 20, 250)
        ),
        (429, "FREQUENCY_LIMITED".into())
    );
    lab.sb.advance_clock(60).unwrap();
    // Over what is left (50 fen).
    assert_eq!(
        create_err(
            &lab,
            "sandbox-sub1",
            &req("P510003B", "R510003B-2", 51, 250)
        ),
        (400, "INVALID_REQUEST".into())
    );
    create(
        &lab,
        "sandbox-sub1",
        &req("P510003B", "R510003B-2", 50, 250),
    );
    lab.sb.advance_clock(60).unwrap();
    // Fully refunded.
    assert_eq!(
        create_err(&lab, "sandbox-sub1", &req("P510003B", "R510003B-3", 1, 250)),
        (400, "INVALID_REQUEST".into())
    );
    // More than 365 days after the payment.
    lab.sb.advance_clock(366 * 86_400).unwrap();
    assert_eq!(
        create_err(&lab, "sandbox", &req("P510003A", "R510003A-1", 1, 10)),
        (400, "INVALID_REQUEST".into())
    );
    // One refund per number: the ones accepted, no more.
    let q = query(&lab, "sandbox-sub1", "R510003B-2", None);
    assert_eq!(q["amount"]["refund"], 50);
}

#[test]
fn faults_refuse_or_end_a_refund_and_a_refused_number_can_be_sent_again() {
    let lab = Lab::new();
    paid(&lab, "P510004");
    lab.fault(FaultKind::NotEnough, 1);
    assert_eq!(
        create_err(
            &lab,
            "sandbox-sub1",
            &req("P510004B", "R510004B-1", 10, 250)
        ),
        (403, "NOT_ENOUGH".into())
    );
    // Topped up: the same number goes through.
    let r = create(
        &lab,
        "sandbox-sub1",
        &req("P510004B", "R510004B-1", 10, 250),
    );
    assert_eq!(r["status"], "PROCESSING");
    lab.sb.advance_clock(60).unwrap();

    lab.fault(FaultKind::UserAccountAbnormal, 1);
    assert_eq!(
        create_err(
            &lab,
            "sandbox-sub1",
            &req("P510004B", "R510004B-2", 10, 250)
        ),
        (403, "USER_ACCOUNT_ABNORMAL".into())
    );
    lab.fault(FaultKind::RefundAbnormal, 1);
    create(
        &lab,
        "sandbox-sub1",
        &req("P510004B", "R510004B-2", 10, 250),
    );
    lab.sb.advance_clock(60).unwrap();
    lab.fault(FaultKind::RefundClosed, 1);
    create(
        &lab,
        "sandbox-sub1",
        &req("P510004B", "R510004B-3", 230, 250),
    );
    lab.sb.advance_clock(60).unwrap();
    let status = |no| query(&lab, "sandbox-sub1", no, None)["status"].clone();
    assert_eq!(status("R510004B-1"), "SUCCESS");
    assert_eq!(status("R510004B-2"), "ABNORMAL");
    assert_eq!(status("R510004B-3"), "CLOSED");
    // A closed refund gave nothing back: its 230 fen are refundable again.
    create(
        &lab,
        "sandbox-sub1",
        &req("P510004B", "R510004B-4", 230, 250),
    );
}

#[test]
fn refund_success_is_notified_encrypted_for_the_refunding_merchant() {
    let rx = Hostile::start(|_| bytes(head(200, &[])));
    let lab = Lab::with(SandboxOptions {
        refund_delay: Duration::ZERO,
        ..Default::default()
    });
    lab.prepay(
        "sandbox",
        &prepay_body("P510005", &format!("{}/pay", rx.url())),
    );
    lab.sb.pay("P510005").unwrap();
    let mut r = req("P510005B", "R510005B-1", 30, 250);
    r.notify_url = Some(format!("{}/refund", rx.url()));
    let answer = create(&lab, "sandbox-sub1", &r);
    assert_eq!(answer["status"], "SUCCESS");
    let log = lab.wait_notifications(|n| {
        n.iter()
            .any(|n| n.event_type == "REFUND.SUCCESS" && n.delivered)
    });
    let n = log
        .iter()
        .find(|n| n.event_type == "REFUND.SUCCESS")
        .unwrap();
    assert!(n.notify_url.ends_with("/refund"));
    let env: NotificationEnvelope = serde_json::from_str(&n.body).unwrap();
    assert_eq!(env.event_type, "REFUND.SUCCESS");
    assert_eq!(env.summary, "退款成功");
    assert_eq!(env.resource.associated_data, "refund");
    assert_eq!(env.resource.original_type.as_deref(), Some("refund"));
    let plain = lab
        .apiv3_key("sandbox-sub1")
        .decrypt(&env.resource.nonce, "refund", &env.resource.ciphertext)
        .unwrap();
    let v: Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(v["mchid"], SUB1);
    assert_eq!(v["out_refund_no"], "R510005B-1");
    assert_eq!(v["refund_id"], answer["refund_id"]);
    assert_eq!(v["refund_status"], "SUCCESS");
    assert_eq!(
        v["amount"],
        json!({"total": 250, "refund": 30, "payer_total": 250, "payer_refund": 30})
    );
    // The payment's notification is encrypted for the combine merchant, not this one.
    assert!(
        lab.sb
            .notifications()
            .unwrap()
            .iter()
            .any(|n| n.event_type == "TRANSACTION.SUCCESS")
    );
}

/// A refund's `done_at` is rounded up to a whole second while its notification was due after the
/// bare delay: with a sped-up delay, `REFUND.SUCCESS` arrived while a query still read
/// `PROCESSING` (found by the demo's refund step, issue 13 item 8). The notice is now sent no
/// sooner than the refund ends. The business clock is set to a whole second just before the
/// refund, so on the old code the notice came about a second before `done_at`.
#[test]
fn a_refund_reads_success_once_its_notification_has_arrived() {
    let rx = Hostile::start(|_| bytes(head(200, &[])));
    let lab = Lab::with(SandboxOptions {
        // 1 ms of PROCESSING in real time.
        notify_speed: 1000,
        refund_delay: Duration::from_secs(1),
        ..Default::default()
    });
    lab.prepay(
        "sandbox",
        &prepay_body("P510009", &format!("{}/pay", rx.url())),
    );
    lab.sb.pay("P510009").unwrap();
    let mut r = req("P510009B", "R510009B-1", 30, 250);
    r.notify_url = Some(format!("{}/refund", rx.url()));
    let whole_second = lab.sb.business_now() + 1;
    lab.sb
        .set_clock(&wxcombine::sandbox::clock::rfc3339(whole_second))
        .unwrap();
    let answer = create(&lab, "sandbox-sub1", &r);
    assert_eq!(answer["status"], "PROCESSING");
    lab.wait_notifications(|n| {
        n.iter()
            .any(|n| n.event_type == "REFUND.SUCCESS" && n.delivered)
    });
    let q = query(&lab, "sandbox-sub1", "R510009B-1", None);
    assert_eq!(q["status"], "SUCCESS", "{q}");
}

#[test]
fn service_provider_refunds_need_sub_mchid_of_their_own_sub_order() {
    let lab = Lab::with(SandboxOptions {
        service_provider: true,
        ..Default::default()
    });
    let body = json!({
        "combine_appid": APPID,
        "combine_mchid": MAIN,
        "combine_out_trade_no": "P510006",
        "combine_payer_info": {"openid": OPENID},
        "sub_orders": [{
            "mchid": MAIN, "sub_mchid": SUB1, "attach": "a",
            "amount": {"total_amount": 100, "currency": "CNY"},
            "out_trade_no": "P510006A", "description": "d"
        }],
        "notify_url": "http://127.0.0.1:9/notify"
    });
    lab.prepay("sandbox", &body);
    lab.sb.pay("P510006").unwrap();
    let r = req("P510006A", "R510006A-1", 40, 100);
    // No sub_mchid: refused, naming it.
    let e = lab.call_err("sandbox", &Request::refund_create(&r));
    assert_eq!((e.status, e.code.as_str()), (400, "PARAM_ERROR"));
    assert_eq!(e.detail.unwrap()["field"], "/sub_mchid");
    let mut with_sub = r.clone();
    with_sub.sub_mchid = Some(SUB1.into());
    let a = create(&lab, "sandbox", &with_sub);
    assert_eq!(a["sub_mchid"], SUB1);
    assert_eq!(a["status"], "PROCESSING");
    let q = query(&lab, "sandbox", "R510006A-1", Some(SUB1));
    assert_eq!(q["refund_id"], a["refund_id"]);
    // The query needs the sub_mchid too.
    let e = lab.call_err("sandbox", &Request::refund_query("R510006A-1", None));
    assert_eq!((e.status, e.code.as_str()), (400, "PARAM_ERROR"));
}

#[test]
fn the_control_hook_goes_through_the_same_rules() {
    let lab = Lab::new();
    paid(&lab, "P510007");
    let r = lab.sb.refund("P510007", "P510007B", Some(100)).unwrap();
    // Successful at once, and the same refund object as the API answers.
    assert_eq!(r["status"], "SUCCESS");
    let q = query(
        &lab,
        "sandbox-sub1",
        r["out_refund_no"].as_str().unwrap(),
        None,
    );
    assert_eq!(q["refund_id"], r["refund_id"]);
    // The one-per-minute rule holds for it too.
    let e = lab.sb.refund("P510007", "P510007B", Some(10)).unwrap_err();
    assert!(e.to_string().contains("429 FREQUENCY_LIMITED"), "{e}");
}

#[test]
fn api_refunds_are_rows_of_that_days_refund_bill_with_their_status() {
    let lab = Lab::new();
    lab.sb.set_clock("2026-04-01T09:30:00+08:00").unwrap();
    paid(&lab, "P510008");
    lab.sb.advance_clock(3600).unwrap();
    create(
        &lab,
        "sandbox-sub1",
        &req("P510008B", "R510008B-1", 100, 250),
    );
    lab.sb.advance_clock(60).unwrap();
    lab.fault(FaultKind::RefundAbnormal, 1);
    create(
        &lab,
        "sandbox-sub1",
        &req("P510008B", "R510008B-2", 50, 250),
    );

    lab.sb.set_clock("2026-04-02T10:01:00+08:00").unwrap();
    let apply: wxcombine::api::types::BillApplyResponse = serde_json::from_slice(
        &lab.call(
            "sandbox-sub1",
            &Request::trade_bill(
                "2026-04-01",
                None,
                Some(wxcombine::api::BillType::Refund),
                false,
            ),
        )
        .body,
    )
    .unwrap();
    let mut file = Vec::new();
    crate::harness::block_on(
        lab.client("sandbox-sub1")
            .download(&apply.download_url, |c| {
                file.extend_from_slice(c);
                Ok(())
            }),
    )
    .unwrap();
    let text = String::from_utf8(file).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    // Header, two refund rows, summary header, summary, and the final empty piece.
    assert_eq!(lines.len(), 6, "{text}");
    let row = |i: usize| -> Vec<&str> { lines[i].split(',').collect() };
    assert_eq!(row(1)[17], "`R510008B-1");
    // Business time runs on between the calls: minutes, not seconds, are certain.
    assert!(row(1)[14].starts_with("`2026-04-01 10:30:"), "{}", lines[1]);
    assert!(row(1)[15].starts_with("`2026-04-01 10:31:"), "{}", lines[1]);
    assert_eq!(row(1)[21], "`SUCCESS");
    assert_eq!(row(2)[17], "`R510008B-2");
    assert_eq!(row(2)[15], "`");
    assert_eq!(row(2)[21], "`ABNORMAL");
    assert!(lines[4].starts_with("`2,`0.00,`1.50,"), "{}", lines[4]);
}

#[test]
fn a_service_providers_refund_notice_names_sp_mchid_and_sub_mchid() {
    let rx = Hostile::start(|_| bytes(head(204, &[])));
    let lab = Lab::with(SandboxOptions {
        service_provider: true,
        refund_delay: Duration::ZERO,
        ..Default::default()
    });
    let body = json!({
        "combine_appid": APPID,
        "combine_mchid": MAIN,
        "combine_out_trade_no": "P510009",
        "combine_payer_info": {"openid": OPENID},
        "sub_orders": [{
            "mchid": MAIN, "sub_mchid": SUB1, "attach": "a",
            "amount": {"total_amount": 100, "currency": "CNY"},
            "out_trade_no": "P510009A", "description": "d"
        }],
        "notify_url": format!("{}/pay", rx.url())
    });
    lab.prepay("sandbox", &body);
    lab.sb.pay("P510009").unwrap();
    let mut r = req("P510009A", "R510009A-1", 100, 100);
    r.sub_mchid = Some(SUB1.into());
    create(&lab, "sandbox", &r);
    let log = lab.wait_notifications(|n| {
        n.iter()
            .any(|n| n.event_type == "REFUND.SUCCESS" && n.delivered)
    });
    let n = log
        .iter()
        .find(|n| n.event_type == "REFUND.SUCCESS")
        .unwrap();
    // No notify_url in the refund: the order's.
    assert!(n.notify_url.ends_with("/pay"));
    let env: NotificationEnvelope = serde_json::from_str(&n.body).unwrap();
    let plain = lab
        .apiv3_key("sandbox")
        .decrypt(&env.resource.nonce, "refund", &env.resource.ciphertext)
        .unwrap();
    let v: Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(
        (v["sp_mchid"].as_str(), v["sub_mchid"].as_str()),
        (Some(MAIN), Some(SUB1))
    );
    assert!(v.get("mchid").is_none());
    let order = lab.query("sandbox", "P510009");
    assert_eq!(order["sub_orders"][0]["trade_state"], "REFUND");
}
