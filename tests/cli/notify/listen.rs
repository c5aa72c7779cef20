//! `notify listen` as a real process receiving the sandbox's notifications (issue 6, apiv3.md
//! §7.3): it acknowledges (204) only what it verified and forwarded, so the sandbox retries after a
//! failed or hung forward; a repeat is acknowledged without a second forward; `--count` ends it.

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::Value;
use wxcombine::sandbox::{FaultKind, KeyMode};

use crate::harness::notify::*;
use crate::harness::{Lab, stderr};

fn fast(mode: KeyMode, duplicates: bool) -> Lab {
    lab(mode, |o| {
        o.notify_speed = 1000;
        o.duplicate_notifications = duplicates;
    })
}

fn listen(lab: &Lab, target: &Target, count: &str, output: &str) -> Listening {
    let hook = format!("{}/hook", target.base);
    spawn_listen(
        lab,
        &[
            "-o",
            output,
            "notify",
            "listen",
            "--listen",
            "127.0.0.1:0",
            "--forward-to",
            &hook,
            "--count",
            count,
        ],
    )
}

fn statuses(n: &wxcombine::sandbox::NotificationView) -> Vec<Option<u16>> {
    n.attempts.iter().map(|a| a.status).collect()
}

fn jsonl(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn a_failed_forward_is_not_acknowledged_and_the_retry_is_forwarded_once() {
    let lab = fast(KeyMode::Pubkey, false);
    let target = Target::start(|n| Answer::Status(if n == 0 { 500 } else { 200 }));
    let l = listen(&lab, &target, "1", "jsonl");
    assert!(l.url.ends_with("/notify"), "{}", l.url);
    prepay_to(&lab, "sandbox", "L600001", &l.url);
    lab.sb.pay("L600001").unwrap();
    let (code, out, err) = l.finish();
    assert_eq!(code, Some(0), "{err}");

    let n = notification(&lab, "L600001", |n| n.delivered);
    assert_eq!(statuses(&n), [Some(502), Some(204)], "{err}");
    let first = Capture::of(&n.attempts[0]);
    let plain = plaintext(&lab, &first);
    // Both deliveries reached the target; only the second was answered 2xx and acknowledged.
    let hits = target.hits();
    assert_eq!(hits.len(), 2);
    for h in &hits {
        assert_eq!(h.path, "/hook");
        assert_eq!(h.headers["x-wxcombine-notification-id"], n.id);
        assert_eq!(h.headers["content-type"], "application/json");
        assert_eq!(
            String::from_utf8(h.body.clone()).unwrap(),
            plain,
            "the decrypted JSON, byte for byte"
        );
    }
    assert!(
        err.contains("refused with HTTP 502") && err.contains("answered HTTP 500"),
        "{err}"
    );
    let lines = jsonl(&out);
    assert_eq!(lines.len(), 1, "{out}");
    let a = &lines[0];
    assert_eq!(a["id"], n.id.as_str());
    assert_eq!(a["event_type"], "TRANSACTION.SUCCESS");
    assert_eq!(a["forwarded"], 200);
    assert_eq!(a["verified_by"], "public key");
    assert_eq!(a["serial"], lab.sb.info().public_key_id.as_str());
    assert_eq!(
        a["resource"],
        serde_json::from_str::<Value>(&plain).unwrap()
    );
}

#[test]
fn a_repeat_is_acknowledged_but_not_forwarded_again() {
    let lab = fast(KeyMode::Pubkey, true);
    let target = Target::start(|_| Answer::Status(200));
    let l = listen(&lab, &target, "2", "jsonl");
    prepay_to(&lab, "sandbox", "L600002", &l.url);
    lab.sb.pay("L600002").unwrap();
    let n = notification(&lab, "L600002", |n| {
        n.attempts.len() == 2 && n.attempts[1].status.is_some()
    });
    assert_eq!(statuses(&n), [Some(204), Some(204)]);
    assert!(n.attempts[1].duplicate);
    assert_eq!(n.attempts[1].body, n.attempts[0].body);
    // A second order ends the process (--count 2 counts distinct notifications).
    prepay_to(&lab, "sandbox", "L600003", &l.url);
    lab.sb.pay("L600003").unwrap();
    let (code, out, err) = l.finish();
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains(&format!(
            "{}: a repeat, acknowledged without forwarding again",
            n.id
        )),
        "{err}"
    );
    let ids: Vec<String> = target
        .hits()
        .iter()
        .map(|h| h.headers["x-wxcombine-notification-id"].clone())
        .collect();
    assert_eq!(ids.iter().filter(|i| **i == n.id).count(), 1, "{ids:?}");
    assert_eq!(ids.len(), 2, "{ids:?}");
    let lines = jsonl(&out);
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0]["id"], n.id.as_str());
}

#[test]
fn a_hung_forward_target_never_gets_a_notification_acknowledged() {
    let lab = fast(KeyMode::Pubkey, false);
    // The first forward hangs past the receiver's 4 s forward timeout; then the target recovers.
    let target = Target::start(|n| {
        if n == 0 {
            Answer::Hang(Duration::from_secs(6), 200)
        } else {
            Answer::Status(200)
        }
    });
    let l = listen(&lab, &target, "1", "table");
    prepay_to(&lab, "sandbox", "L600004", &l.url);
    lab.sb.pay("L600004").unwrap();
    let (code, out, err) = l.finish();
    assert_eq!(code, Some(0), "{err}");
    let n = notification(&lab, "L600004", |n| n.delivered);
    assert_eq!(statuses(&n), [Some(502), Some(204)], "{err}");
    assert!(!n.attempts[0].delivered);
    assert!(
        err.contains("failed") && err.contains("WeChat Pay will retry"),
        "{err}"
    );
    assert_eq!(target.hits().len(), 2);
    // The table line: the order, how it was verified, the forward.
    assert!(
        out.starts_with(&format!(
            "✓ {} TRANSACTION.SUCCESS L600004 · 2 sub-orders · SUCCESS · verified by public key",
            n.id
        )),
        "{out}"
    );
    assert!(out.trim_end().ends_with("forwarded (HTTP 200)"), "{out}");
}

#[test]
fn a_signature_probe_is_refused_and_the_real_retry_accepted() {
    let lab = fast(KeyMode::Pubkey, false);
    let target = Target::start(|_| Answer::Status(200));
    let l = listen(&lab, &target, "1", "jsonl");
    prepay_to(&lab, "sandbox", "L600005", &l.url);
    notify_fault(&lab, FaultKind::Signtest);
    lab.sb.pay("L600005").unwrap();
    let (code, _out, err) = l.finish();
    assert_eq!(code, Some(0), "{err}");
    let n = notification(&lab, "L600005", |n| n.delivered);
    assert_eq!(statuses(&n), [Some(401), Some(204)]);
    assert!(err.contains("SIGNTEST"), "{err}");
    assert_eq!(target.hits().len(), 1, "the probe is never forwarded");
}

#[test]
fn mixed_mode_notifications_of_both_kinds_are_verified_and_forwarded() {
    let lab = fast(KeyMode::Mixed, false);
    let target = Target::start(|_| Answer::Status(200));
    let l = listen(&lab, &target, "4", "jsonl");
    for i in 0..4 {
        let no = format!("L60001{i}");
        prepay_to(&lab, "sandbox", &no, &l.url);
        lab.sb.pay(&no).unwrap();
    }
    let (code, out, err) = l.finish();
    assert_eq!(code, Some(0), "{err}");
    let lines = jsonl(&out);
    assert_eq!(lines.len(), 4, "{out}");
    let kinds: BTreeSet<&str> = lines
        .iter()
        .map(|a| a["verified_by"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["platform certificate", "public key"])
    );
    let info = lab.sb.info();
    let serials: BTreeSet<&str> = lines
        .iter()
        .map(|a| a["serial"].as_str().unwrap())
        .collect();
    assert_eq!(
        serials,
        BTreeSet::from([
            info.platform_cert_serial.as_str(),
            info.public_key_id.as_str()
        ])
    );
    let ids: BTreeSet<String> = target
        .hits()
        .iter()
        .map(|h| h.headers["x-wxcombine-notification-id"].clone())
        .collect();
    assert_eq!(ids.len(), 4);
}

#[test]
fn bad_listen_arguments_are_usage_errors() {
    let lab = lab(KeyMode::Pubkey, |_| {});
    for (args, needle) in [
        (vec!["--listen", "0.0.0.0:0"], "not a loopback address"),
        (vec!["--listen", "localhost"], "--listen"),
        (vec!["--path", "notify"], "--path"),
        (vec!["--forward-to", "ftp://x/y"], "--forward-to"),
    ] {
        let out = lab
            .cmd()
            .args(["notify", "listen"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
}
