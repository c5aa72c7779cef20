//! Sandbox notifications (apiv3.md §7, §13.23): one TRANSACTION.SUCCESS per paid order, encrypted
//! and signed, retried on the (scaled) schedule until a 200/204, every attempt logged verbatim,
//! pending deliveries surviving a restart.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use serde_json::Value;
use wxcombine::api::types::NotificationEnvelope;
use wxcombine::sandbox::{FaultKind, FaultSpec, SandboxOptions};
use wxcombine::signing::verify::VerifyError;

use crate::sandbox_support::*;

/// A notify_url receiver answering with `statuses` in turn (then 200), recording bodies.
struct Receiver {
    port: u16,
    seen: Arc<Mutex<Vec<Vec<u8>>>>,
}

fn receiver(statuses: Vec<u16>) -> Receiver {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen: Arc<Mutex<Vec<Vec<u8>>>> = Default::default();
    let s = seen.clone();
    std::thread::spawn(move || {
        let mut statuses = statuses.into_iter();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut r = BufReader::new(stream.try_clone().unwrap());
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                if line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0u8; len];
            let _ = r.read_exact(&mut body);
            s.lock().unwrap().push(body);
            let status = statuses.next().unwrap_or(200);
            let reply = if status == 500 {
                let body = r#"{"code":"FAIL","message":"失败"}"#;
                format!(
                    "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
            } else {
                format!("HTTP/1.1 {status} OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            };
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    Receiver { port, seen }
}

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
    let sb = start_with(SandboxOptions {
        notify_speed: 1000,
        ..Default::default()
    });
    let rx = receiver(vec![500, 500]);
    let body = prepay_body(
        "P400001",
        &format!("http://127.0.0.1:{}/wxpay/notify", rx.port),
    );
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
        assert_eq!(rx.seen.lock().unwrap()[i], a.body.as_bytes());
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
    let sb = start_with(SandboxOptions {
        notify_speed: 1000,
        ..Default::default()
    });
    sb.prepay(
        "sandbox",
        &prepay_body("P400002", &format!("http://127.0.0.1:{port}/n")),
    );
    sb.sb.pay("P400002").unwrap();
    sb.wait_notifications(|n| n.first().is_some_and(|n| n.attempts.len() >= 2));
    let sb = restart(
        sb,
        SandboxOptions {
            notify_speed: 1000,
            ..Default::default()
        },
    );
    // The receiver comes up on the same port; the restarted sandbox delivers.
    let seen: Arc<Mutex<usize>> = Default::default();
    if let Ok(l) = TcpListener::bind(("127.0.0.1", port)) {
        let s = seen.clone();
        std::thread::spawn(move || {
            for stream in l.incoming() {
                let Ok(mut stream) = stream else { return };
                let mut buf = [0u8; 65536];
                let _ = stream.read(&mut buf);
                *s.lock().unwrap() += 1;
                let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
            }
        });
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
    let sb = start_with(SandboxOptions {
        notify_speed: 1000,
        ..Default::default()
    });
    let rx = receiver(vec![302, 404]);
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
        &prepay_body("P400003", &format!("http://127.0.0.1:{}/n", rx.port)),
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
    let sb = start_with(SandboxOptions {
        notify_speed: 1000,
        duplicate_notifications: true,
        ..Default::default()
    });
    let rx = receiver(vec![]);
    sb.prepay(
        "sandbox",
        &prepay_body("P400004", &format!("http://127.0.0.1:{}/n", rx.port)),
    );
    sb.sb.pay("P400004").unwrap();
    let log = sb.wait_notifications(|n| n.len() == 1 && n[0].attempts.len() == 2);
    assert!(log[0].attempts[1].duplicate);
    assert_eq!(log[0].attempts[1].body, log[0].attempts[0].body);
}

#[test]
fn mixed_mode_notifications_alternate_between_the_two_keys() {
    let sb = start_with(SandboxOptions {
        notify_speed: 1000,
        key_mode: wxcombine::sandbox::KeyMode::Mixed,
        ..Default::default()
    });
    let rx = receiver(vec![]);
    for no in ["P400010", "P400011"] {
        sb.prepay(
            "sandbox",
            &prepay_body(no, &format!("http://127.0.0.1:{}/n", rx.port)),
        );
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
