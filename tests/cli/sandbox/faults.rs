//! Sandbox fault injection (apiv3.md §13.13, §13.27): each fault as the library's client sees it.

use std::time::Instant;

use wxcombine::api::{BillType, Request};
use wxcombine::sandbox::{FaultKind, FaultSpec};
use wxcombine::signing::verify::VerifyError;
use wxcombine::transport::TransportError;

use crate::harness::Lab;
use crate::harness::lab::*;

fn arm(sb: &Lab, kind: FaultKind, count: Option<u32>, path: Option<&str>, ms: Option<u64>) {
    sb.sb
        .add_fault(FaultSpec {
            kind,
            count,
            path: path.map(str::to_string),
            ms,
        })
        .unwrap();
}

fn with_order(no: &str) -> Lab {
    let sb = Lab::new();
    sb.prepay("sandbox", &sb.body(no));
    sb
}

#[test]
fn server_errors_are_retried_and_counted() {
    let sb = with_order("P600001");
    arm(&sb, FaultKind::SystemError, Some(2), None, None);
    let client = sb.client_with("sandbox", |o| o.retries = 3);
    let r = block_on(client.call(&Request::combine_query("P600001"))).unwrap();
    assert_eq!(r.attempts, 3);

    arm(&sb, FaultKind::FrequencyLimited, None, None, None);
    let e = sb.call_err("sandbox", &Request::combine_query("P600001"));
    assert_eq!((e.status, e.code.as_str()), (429, "FREQUENCY_LIMITED"));
    arm(&sb, FaultKind::SystemError, None, None, None);
    let e = sb.call_err("sandbox", &Request::combine_query("P600001"));
    assert_eq!((e.status, e.code.as_str()), (500, "SYSTEM_ERROR"));
    // One-shot: the next call is fine.
    sb.call("sandbox", &Request::combine_query("P600001"));
}

#[test]
fn path_prefix_scopes_a_fault() {
    let sb = with_order("P600002");
    arm(&sb, FaultKind::SystemError, None, Some("/v3/bill"), None);
    sb.call("sandbox", &Request::combine_query("P600002"));
    assert_eq!(sb.sb.requests().last().unwrap().status, Some(200));
    let e = sb.call_err(
        "sandbox",
        &Request::trade_bill("2026-01-01", None, None, false),
    );
    assert_eq!(e.code, "SYSTEM_ERROR");
}

#[test]
fn latency_and_dropped_connections() {
    let sb = with_order("P600003");
    arm(&sb, FaultKind::Latency, None, None, Some(300));
    let t = Instant::now();
    sb.call("sandbox", &Request::combine_query("P600003"));
    assert!(t.elapsed().as_millis() >= 300);

    arm(&sb, FaultKind::DropConnection, None, None, None);
    let e = block_on(
        sb.client("sandbox")
            .call(&Request::combine_query("P600003")),
    )
    .unwrap_err();
    assert!(matches!(e, TransportError::Network { .. }), "{e}");
    let last = sb.sb.requests().last().unwrap().clone();
    assert_eq!(last.status, None);
}

#[test]
fn signature_faults_fail_verification() {
    let sb = with_order("P600004");
    type Check = fn(&VerifyError) -> bool;
    let cases: [(FaultKind, Check); 4] = [
        (FaultKind::TamperSignature, |e| {
            matches!(e, VerifyError::Mismatch { .. })
        }),
        (FaultKind::Signtest, |e| matches!(e, VerifyError::SignTest)),
        (FaultKind::StaleTimestamp, |e| {
            matches!(e, VerifyError::Stale { .. })
        }),
        (FaultKind::UnknownSerial, |e| {
            matches!(e, VerifyError::UnknownSerial { .. })
        }),
    ];
    for (kind, want) in cases {
        arm(&sb, kind, None, None, None);
        let e = block_on(
            sb.client("sandbox")
                .call(&Request::combine_query("P600004")),
        )
        .unwrap_err();
        match e {
            TransportError::Verification { err, .. } => assert!(want(&err), "{kind:?}: {err}"),
            other => panic!("{kind:?}: {other}"),
        }
    }
    // Disarmed after one use.
    sb.call("sandbox", &Request::combine_query("P600004"));
}

#[test]
fn truncated_downloads_and_wrong_hashes() {
    let sb = Lab::new();
    sb.sb.set_clock("2026-06-02T11:00:00+08:00").unwrap();
    sb.sb.seed("2026-06-01", 2000).unwrap();
    let req = Request::trade_bill("2026-06-01", None, Some(BillType::All), false);

    arm(&sb, FaultKind::TruncateDownload, None, None, None);
    let a: wxcombine::api::types::BillApplyResponse =
        serde_json::from_slice(&sb.call("sandbox", &req).body).unwrap();
    let mut got = 0usize;
    let e = block_on(sb.client("sandbox").download(&a.download_url, |c| {
        got += c.len();
        Ok(())
    }))
    .unwrap_err();
    assert!(e.to_string().contains("bytes"), "{e}");
    assert!(got > 0);

    arm(&sb, FaultKind::WrongHash, None, None, None);
    let bad: wxcombine::api::types::BillApplyResponse =
        serde_json::from_slice(&sb.call("sandbox", &req).body).unwrap();
    let good: wxcombine::api::types::BillApplyResponse =
        serde_json::from_slice(&sb.call("sandbox", &req).body).unwrap();
    assert_ne!(bad.hash_value, good.hash_value);
    assert_eq!(bad.hash_value.len(), 40);
}

#[test]
fn an_expired_token_fault_refuses_one_download_for_good() {
    let sb = Lab::new();
    sb.sb.set_clock("2026-06-02T11:00:00+08:00").unwrap();
    sb.sb.seed("2026-06-01", 3).unwrap();
    let req = Request::trade_bill("2026-06-01", None, Some(BillType::All), false);
    let apply = || -> wxcombine::api::types::BillApplyResponse {
        serde_json::from_slice(&sb.call("sandbox", &req).body).unwrap()
    };
    let download = |url: &str| {
        block_on(sb.client("sandbox").download(url, |_| Ok(()))).map_err(|e| e.to_string())
    };
    // Armed for downloads only: the apply itself is untouched.
    arm(&sb, FaultKind::ExpireToken, None, None, None);
    let a = apply();
    let e = download(&a.download_url).unwrap_err();
    assert!(
        e.contains("400") && e.contains("INVALID_REQUEST") && e.contains("下载链接已失效"),
        "{e}"
    );
    // The token stays expired; a fresh one works, and the fault is spent.
    let e = download(&a.download_url).unwrap_err();
    assert!(e.contains("INVALID_REQUEST"), "{e}");
    download(&apply().download_url).unwrap();
    assert!(
        sb.sb
            .add_fault(FaultSpec {
                kind: FaultKind::ExpireToken,
                count: Some(2),
                path: None,
                ms: None,
            })
            .is_ok()
    );
    assert!(download(&apply().download_url).is_err());
    assert!(download(&apply().download_url).is_err());
    download(&apply().download_url).unwrap();
}

#[test]
fn faults_list_and_clear() {
    let sb = Lab::new();
    arm(&sb, FaultKind::SystemError, Some(3), Some("/v3/bill"), None);
    arm(&sb, FaultKind::Latency, None, None, Some(5));
    let list = sb.sb.add_fault(FaultSpec {
        kind: FaultKind::Latency,
        count: None,
        path: None,
        ms: None,
    });
    assert!(list.is_err(), "latency without ms is refused");
    assert_eq!(sb.sb.clear_faults(), 2);
}
