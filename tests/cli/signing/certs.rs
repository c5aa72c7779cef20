//! `certs download` and `certs list` against the sandbox (issue 6, apiv3.md §3), and the
//! transport's one-time certificate refresh on an unknown serial.

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;
use wxcombine::sandbox::{FaultKind, FaultSpec, KeyMode};

use crate::harness::notify::*;
use crate::harness::{Lab, read_fixture, stderr, stdout};

const UNRELATED: &str = "go_sdk_test_cert_F5765756002FDD77.pem";

fn run(lab: &Lab, args: &[&str]) -> std::process::Output {
    lab.cmd().args(args).output().unwrap()
}

/// Profile `name`: the main merchant with its own `platform_cert_dir` (and `edit` on top).
fn profile_with_dir(lab: &Lab, name: &str, dir: &str, edit: impl FnOnce(&mut toml::Table)) {
    add_profile(lab, name, "sandbox", |p| {
        set(p, "platform_cert_dir", Some(dir));
        edit(p);
    });
}

fn files_in(lab: &Lab, dir: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(lab.env.path().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Replace the sandbox's serials, the temp folder and dates for snapshots.
fn redact(lab: &Lab, text: &str) -> String {
    let info = lab.sb.info();
    let mut t = lab
        .env
        .redact(text)
        .replace(&info.platform_cert_serial, "[CERT_SERIAL]")
        .replace(&info.public_key_id, "[PUB_KEY_ID]")
        .replace(&info.data_dir.display().to_string(), "[SANDBOX]");
    // RFC 3339 dates: yyyy-mm-ddThh:mm:ssZ (20 characters).
    while let Some(i) = find_date(&t) {
        t.replace_range(i..i + 20, "[DATE]");
    }
    t
}

fn find_date(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    (0..b.len().saturating_sub(19)).find(|&i| {
        let s = &b[i..i + 20];
        s[4] == b'-' && s[7] == b'-' && s[10] == b'T' && s[19] == b'Z' && s[0].is_ascii_digit()
    })
}

#[test]
fn download_in_certificate_mode_writes_pems_that_verify_later_responses() {
    let lab = lab(KeyMode::Cert, |_| {});
    profile_with_dir(&lab, "fresh", "platform-certs", |_| {});
    let serial = lab.sb.info().platform_cert_serial;

    let out = run(
        &lab,
        &[
            "-q",
            "--profile",
            "fresh",
            "certs",
            "download",
            "-o",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["kind"], "certificate");
    assert_eq!(rows[0]["serial"], serial.as_str());
    assert_eq!(rows[0]["status"], "valid, written");
    // Exactly <serial>.pem, nothing left over from the atomic write, owner-only.
    assert_eq!(files_in(&lab, "platform-certs"), [format!("{serial}.pem")]);
    let pem = lab.env.path().join(format!("platform-certs/{serial}.pem"));
    let mode = std::fs::metadata(&pem).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let published = std::fs::read(
        lab.sb
            .info()
            .platform_cert_dir
            .join(format!("{serial}.pem")),
    )
    .unwrap();
    assert_eq!(std::fs::read(&pem).unwrap(), published);

    // Again: nothing changes.
    let out = run(&lab, &["--profile", "fresh", "certs", "download"]);
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("certs_download_table_again", redact(&lab, &stdout(&out)));

    // A profile with only the downloaded certificates (and no APIv3 key, so no refresh is
    // possible) prepays, queries and closes: every response verified by them.
    profile_with_dir(&lab, "only-certs", "platform-certs", |p| {
        set(p, "apiv3_key_file", None)
    });
    let before = lab.api_requests("/v3/certificates");
    prepay_to(&lab, "only-certs", "C600001", "http://127.0.0.1:9/n");
    let out = run(
        &lab,
        &["-q", "-v", "--profile", "only-certs", "query", "C600001"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("< wechatpay-serial: {serial}")),
        "{}",
        stderr(&out)
    );
    let out = run(
        &lab,
        &["-q", "--profile", "only-certs", "close", "C600001", "--yes"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(lab.api_requests("/v3/certificates"), before);
}

#[test]
fn download_in_public_key_mode_explains_there_is_nothing_to_download() {
    let lab = lab(KeyMode::Pubkey, |_| {});
    let out = run(&lab, &["certs", "download", "--dir", "certs"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    for needle in [
        "RESOURCE_NOT_EXISTS",
        "no platform certificates to download",
        "wechatpay_public_key_file",
        "wechatpay_public_key_id",
    ] {
        assert!(err.contains(needle), "{needle:?} in {err}");
    }
    assert!(out.stdout.is_empty());
    assert!(!lab.env.path().join("certs").exists(), "nothing written");

    // -o json: the error line carries the code and status.
    let out = run(&lab, &["-o", "json", "certs", "download", "--dir", "certs"]);
    assert_eq!(out.status.code(), Some(4));
    let line = stderr(&out)
        .lines()
        .find(|l| l.starts_with("{\"error\""))
        .unwrap()
        .to_string();
    let v: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(v["error"]["kind"], "api");
    assert_eq!(v["error"]["code"], "RESOURCE_NOT_EXISTS");
    assert_eq!(v["error"]["http_status"], 404);

    // Without a folder to write to, the public-key profile is told it needs none.
    let out = run(&lab, &["certs", "download"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("platform_cert_dir") && err.contains("--dir"),
        "{err}"
    );
    assert!(err.contains("public key"), "{err}");
}

#[test]
fn download_in_mixed_mode_and_list_shows_both_verifiers() {
    let lab = lab(KeyMode::Mixed, |_| {});
    profile_with_dir(&lab, "fresh", "mixed-certs", |_| {});
    let out = run(&lab, &["-q", "--profile", "fresh", "certs", "download"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let serial = lab.sb.info().platform_cert_serial;
    assert_eq!(files_in(&lab, "mixed-certs"), [format!("{serial}.pem")]);

    let out = run(&lab, &["--profile", "fresh", "certs", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("verifier mode: mixed"),
        "{}",
        stderr(&out)
    );
    insta::assert_snapshot!("certs_list_mixed", redact(&lab, &stdout(&out)));

    let out = run(
        &lab,
        &["-q", "--profile", "fresh", "certs", "list", "-o", "json"],
    );
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = rows.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["public key", "certificate"]);
}

#[test]
fn list_names_the_mode_of_each_profile() {
    for (mode, want) in [
        (KeyMode::Pubkey, "pubkey"),
        (KeyMode::Cert, "cert"),
        (KeyMode::Mixed, "mixed"),
    ] {
        let lab = lab(mode, |_| {});
        let out = run(&lab, &["certs", "list", "-o", "jsonl"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("verifier mode: {want}")),
            "{}",
            stderr(&out)
        );
        let n = stdout(&out).lines().count();
        assert_eq!(n, if want == "mixed" { 2 } else { 1 }, "{}", stdout(&out));
    }
}

#[test]
fn an_unknown_serial_downloads_the_certificates_once_then_verifies() {
    let lab = lab(KeyMode::Cert, |_| {});
    prepay_to(&lab, "sandbox", "C600002", "http://127.0.0.1:9/n");
    // A certificate folder holding only somebody else's certificate.
    lab.env.write(
        &format!("stale-certs/{UNRELATED}"),
        read_fixture(&format!("keys/{UNRELATED}")),
        0o644,
    );
    profile_with_dir(&lab, "stale", "stale-certs", |_| {});
    lab.sb.clear_requests();
    let out = run(
        &lab,
        &["-v", "--profile", "stale", "query", "C600002", "-o", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let serial = lab.sb.info().platform_cert_serial;
    assert!(
        err.contains(&format!(
            "unknown platform certificate {serial}; downloading certificates once"
        )),
        "{err}"
    );
    assert_eq!(
        lab.api_requests("/v3/certificates"),
        1,
        "exactly one download"
    );
    let order: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(order["combine_out_trade_no"], "C600002");
    // The refresh lives in memory: the folder is unchanged.
    assert_eq!(files_in(&lab, "stale-certs"), [UNRELATED]);

    // Without an APIv3 key nothing can be decrypted, so nothing is downloaded: exit 6 naming
    // the serial and what we do know.
    profile_with_dir(&lab, "stale-nokey", "stale-certs", |p| {
        set(p, "apiv3_key_file", None)
    });
    lab.sb.clear_requests();
    let out = run(&lab, &["--profile", "stale-nokey", "query", "C600002"]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("unknown Wechatpay-Serial {serial:?}"))
            && err.contains("known: F5765756002FDD77"),
        "{err}"
    );
    assert!(err.contains("certs download"), "{err}");
    assert_eq!(lab.api_requests("/v3/certificates"), 0);
    assert!(out.stdout.is_empty());
}

#[test]
fn a_serial_that_stays_unknown_after_the_download_fails_without_a_second_download() {
    let lab = lab(KeyMode::Cert, |_| {});
    prepay_to(&lab, "sandbox", "C600003", "http://127.0.0.1:9/n");
    lab.sb.clear_requests();
    lab.fault(FaultKind::UnknownSerial, 1);
    let out = run(&lab, &["--profile", "sandbox", "query", "C600003"]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("unknown Wechatpay-Serial"), "{err}");
    assert_eq!(lab.api_requests("/v3/certificates"), 1);
}

#[test]
fn concurrent_answers_with_an_unknown_serial_share_the_one_download() {
    let lab = lab(KeyMode::Cert, |_| {});
    let nos: Vec<String> = (0..6).map(|i| format!("C60001{i}")).collect();
    for no in &nos {
        prepay_to(&lab, "sandbox", no, "http://127.0.0.1:9/n");
    }
    lab.env.write(
        &format!("stale-certs/{UNRELATED}"),
        read_fixture(&format!("keys/{UNRELATED}")),
        0o644,
    );
    profile_with_dir(&lab, "stale", "stale-certs", |_| {});
    lab.sb.clear_requests();
    // The download is slow, so the other answers of the batch arrive while it is in flight.
    lab.sb
        .add_fault(FaultSpec {
            kind: FaultKind::Latency,
            count: Some(1),
            path: Some("/v3/certificates".into()),
            ms: Some(700),
        })
        .unwrap();
    let out = lab
        .cmd()
        .args([
            "-q",
            "--profile",
            "stale",
            "query",
            "--concurrency",
            "6",
            "-o",
            "jsonl",
        ])
        .args(&nos)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 6);
    assert_eq!(lab.api_requests("/v3/certificates"), 1);
}

/// Business-clock Unix seconds of an RFC 3339 time.
fn unix_of(rfc3339: &str) -> i64 {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|e| panic!("{rfc3339:?}: {e}"))
        .unix_timestamp()
}

#[test]
fn a_rotated_platform_certificate_is_published_at_once_signs_a_day_later_and_survives_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let lab = lab(KeyMode::Cert, |o| {
        o.data_dir = Some(data.path().to_path_buf())
    });
    prepay_to(&lab, "sandbox", "C600010", "http://127.0.0.1:9/n");
    let old = lab.sb.info().platform_cert_serial;

    let out = run(&lab, &["-q", "-o", "json", "sandbox", "rotate-cert"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rotation: Value = serde_json::from_slice(&out.stdout).unwrap();
    let new = rotation["serial_no"].as_str().unwrap().to_string();
    assert_ne!(new, old);
    assert_eq!(
        rotation["in_use"],
        old.as_str(),
        "the old one signs for now"
    );
    assert_eq!(rotation["published"], serde_json::json!([old, new]));
    let business_now = lab.sb.advance_clock(0).unwrap().unix;
    let notice = unix_of(rotation["usable_from"].as_str().unwrap()) - business_now;
    assert!(
        (86_400 - 5..=86_400).contains(&notice),
        "published {notice} s before use, not 24 h"
    );

    // Published at once: `certs download` fetches both, each verified.
    let out = run(&lab, &["-q", "certs", "download", "--dir", "fetched"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut both = vec![format!("{old}.pem"), format!("{new}.pem")];
    both.sort();
    assert_eq!(files_in(&lab, "fetched"), both);

    // Until the day is over the old certificate signs: a client that knows only it needs nothing.
    lab.sb.clear_requests();
    let out = run(&lab, &["-v", "query", "C600010", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("unknown platform certificate"));
    assert_eq!(lab.api_requests("/v3/certificates"), 0);

    // A day later (business time) the new one signs. The profile's folder still holds only the
    // old certificate, so the client downloads the certificates once and verifies.
    lab.sb.advance_clock(86_400).unwrap();
    lab.sb.clear_requests();
    let out = run(&lab, &["-v", "query", "C600010", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "unknown platform certificate {new}; downloading certificates once"
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(lab.api_requests("/v3/certificates"), 1);

    // A restart on the same data dir keeps both certificates and which one signs.
    drop(lab);
    let lab = crate::harness::notify::lab(KeyMode::Cert, |o| {
        o.data_dir = Some(data.path().to_path_buf())
    });
    let out = run(&lab, &["-q", "certs", "download", "--dir", "after-restart"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(files_in(&lab, "after-restart"), both);
    let out = run(&lab, &["-v", "query", "C600010", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("unknown platform certificate {new}")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rotate_cert_in_pubkey_mode_says_there_is_no_certificate() {
    let lab = lab(KeyMode::Pubkey, |_| {});
    let out = run(&lab, &["-q", "sandbox", "rotate-cert"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("pubkey key mode") && stderr(&out).contains("--key-mode cert"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}
