//! Sandbox notifications (apiv3.md §7, §13.23): one TRANSACTION.SUCCESS per paid order, encrypted
//! and signed, retried on the (scaled) schedule until a 200/204, every attempt logged verbatim,
//! pending deliveries surviving a restart.

use std::net::TcpListener;

use serde_json::Value;
use wxcombine::api::types::NotificationEnvelope;
use wxcombine::sandbox::{FaultKind, FaultSpec, SandboxOptions};
use wxcombine::signing::verify::VerifyError;

use crate::harness::hostile::{Hostile, bytes, head};
use crate::harness::lab::*;
use crate::harness::notify::Target;
use crate::harness::{Lab, now};

fn headers_of(a: &wxcombine::sandbox::NotificationAttempt) -> wxcombine::signing::SignedHeaders {
    let h = |n: &str| {
        a.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    wxcombine::signing::SignedHeaders {
        timestamp: h("Wechatpay-Timestamp"),
        nonce: h("Wechatpay-Nonce"),
        signature: h("Wechatpay-Signature"),
        serial: h("Wechatpay-Serial"),
    }
}

#[test]
fn fails_twice_then_delivered_and_every_attempt_verifies() {
    let sb = Lab::with(SandboxOptions {
        notify_speed: 1000,
        ..Default::default()
    });
    let rx = Target::statuses(vec![500, 500]);
    let body = prepay_body("P400001", &format!("{}/wxpay/notify", rx.base));
    sb.prepay("sandbox", &body);
    let paid = sb.sb.pay("P400001").unwrap();
    let log = sb.wait_notifications(|n| n.len() == 1 && n[0].delivered);
    let n = &log[0];
    assert_eq!(n.event_type, "TRANSACTION.SUCCESS");
    assert_eq!(n.combine_out_trade_no, "P400001");
    let statuses: Vec<_> = n.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, vec![Some(500), Some(500), Some(200)]);
    assert_eq!(
        n.attempts.iter().map(|a| a.delivered).collect::<Vec<_>>(),
        vec![false, false, true]
    );
    assert!(!n.gave_up && n.next_attempt_at.is_none());

    let key = sb.apiv3_key("sandbox");
    let verifier = sb.verifier();
    for (i, a) in n.attempts.iter().enumerate() {
        assert_eq!(a.attempt, i as u32 + 1);
        assert_eq!(a.notification_id, n.id);
        // What the receiver got is what the log says was sent.
        assert_eq!(rx.hits()[i].body, a.body.as_bytes());
        verifier
            .verify(&headers_of(a), a.body.as_bytes(), now())
            .unwrap();
        let env: NotificationEnvelope = serde_json::from_str(&a.body).unwrap();
        assert_eq!(env.id, n.id);
        assert_eq!(env.resource_type, "encrypt-resource");
        assert_eq!(env.summary, "支付成功");
        assert_eq!(env.resource.associated_data, "transaction");
        assert_eq!(env.resource.original_type.as_deref(), Some("transaction"));
        assert_eq!(env.resource.nonce.len(), 12);
        let plain = key
            .decrypt(
                &env.resource.nonce,
                &env.resource.associated_data,
                &env.resource.ciphertext,
            )
            .unwrap();
        let order: Value = serde_json::from_slice(&plain).unwrap();
        assert_eq!(order, serde_json::to_value(&paid).unwrap());
    }
    // Each attempt is signed afresh (its own nonce).
    let nonces: std::collections::BTreeSet<_> =
        n.attempts.iter().map(|a| headers_of(a).nonce).collect();
    assert_eq!(nonces.len(), 3);
}

#[test]
fn pending_deliveries_survive_a_restart() {
    // Nothing listens at first: every attempt fails to connect.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let sb = Lab::with(SandboxOptions {
        notify_speed: 1000,
        ..Default::default()
    });
    sb.prepay(
        "sandbox",
        &prepay_body("P400002", &format!("http://127.0.0.1:{port}/n")),
    );
    sb.sb.pay("P400002").unwrap();
    sb.wait_notifications(|n| n.first().is_some_and(|n| n.attempts.len() >= 2));
    let sb = sb.restart(SandboxOptions {
        notify_speed: 1000,
        ..Default::default()
    });
    // The receiver comes up on the same port; the restarted sandbox delivers.
    if let Ok(_receiver) = Hostile::bind(("127.0.0.1", port), |_| bytes(head(204, &[]))) {
        let log = sb.wait_notifications(|n| n[0].delivered);
        let last = log[0].attempts.last().unwrap();
        assert_eq!(last.status, Some(204));
        assert!(
            log[0]
                .attempts
                .iter()
                .rev()
                .skip(1)
                .all(|a| a.error.is_some())
        );
    }
}

#[test]
fn redirects_and_other_statuses_are_failures_and_probes_can_be_sent() {
    let sb = Lab::with(SandboxOptions {
        notify_speed: 1000,
        ..Default::default()
    });
    let rx = Target::statuses(vec![302, 404]);
    sb.sb
        .add_fault(FaultSpec {
            kind: FaultKind::Signtest,
            count: None,
            path: Some("@notify".into()),
            ms: None,
        })
        .unwrap();
    sb.prepay(
        "sandbox",
        &prepay_body("P400003", &format!("{}/n", rx.base)),
    );
    sb.sb.pay("P400003").unwrap();
    let log = sb.wait_notifications(|n| n.len() == 1 && n[0].delivered);
    let a = &log[0].attempts;
    assert_eq!(
        a.iter().map(|a| a.status).collect::<Vec<_>>(),
        vec![Some(302), Some(404), Some(200)]
    );
    // The first attempt carried a WECHATPAY/SIGNTEST/ probe, which must not verify.
    assert_eq!(
        sb.verifier()
            .verify(&headers_of(&a[0]), a[0].body.as_bytes(), now())
            .unwrap_err(),
        VerifyError::SignTest
    );
    sb.verifier()
        .verify(&headers_of(&a[2]), a[2].body.as_bytes(), now())
        .unwrap();
}

#[test]
fn duplicates_are_optional() {
    let sb = Lab::with(SandboxOptions {
        notify_speed: 1000,
        duplicate_notifications: true,
        ..Default::default()
    });
    let rx = Target::statuses(vec![]);
    sb.prepay(
        "sandbox",
        &prepay_body("P400004", &format!("{}/n", rx.base)),
    );
    sb.sb.pay("P400004").unwrap();
    let log = sb.wait_notifications(|n| n.len() == 1 && n[0].attempts.len() == 2);
    assert!(log[0].attempts[1].duplicate);
    assert_eq!(log[0].attempts[1].body, log[0].attempts[0].body);
}

#[test]
fn mixed_mode_notifications_alternate_between_the_two_keys() {
    let sb = Lab::with(SandboxOptions {
        notify_speed: 1000,
        key_mode: wxcombine::sandbox::KeyMode::Mixed,
        ..Default::default()
    });
    let rx = Target::statuses(vec![]);
    for no in ["P400010", "P400011"] {
        sb.prepay("sandbox", &prepay_body(no, &format!("{}/n", rx.base)));
        sb.sb.pay(no).unwrap();
    }
    let log = sb.wait_notifications(|n| n.len() == 2 && n.iter().all(|n| n.delivered));
    let info = sb.sb.info();
    let mut serials: Vec<String> = log
        .iter()
        .map(|n| headers_of(&n.attempts[0]).serial)
        .collect();
    serials.sort();
    let mut want = vec![
        info.public_key_id.clone(),
        info.platform_cert_serial.clone(),
    ];
    want.sort();
    assert_eq!(serials, want);
    for n in &log {
        let a = &n.attempts[0];
        sb.verifier()
            .verify(&headers_of(a), a.body.as_bytes(), now())
            .unwrap();
    }
}
