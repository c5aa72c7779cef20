//! `notify decrypt` on notifications captured from the sandbox (issue 6), in each key mode: the
//! exact headers and body of a delivery attempt, as a headers file plus body file and as a raw
//! HTTP request, verified with the profile's public key, with certificates that `certs download`
//! wrote, or with both (mixed); then every way a capture can be wrong, each with its exit code and
//! a message naming the cause.

use serde_json::Value;
use wxcombine::sandbox::{FaultKind, KeyMode};

use crate::harness::notify::*;
use crate::harness::{Lab, stderr, stdout};

const PROBE: &str = "WECHATPAY/SIGNTEST/";

fn decrypt(lab: &Lab, profile: &str, args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    let mut c = lab.cmd();
    c.args(["-q", "--profile", profile, "notify", "decrypt"])
        .args(args);
    for (k, v) in envs {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// Run a failing case: its exit code, a needle in the message, nothing on stdout, no secrets.
fn refused(
    lab: &Lab,
    profile: &str,
    args: &[&str],
    envs: &[(&str, &str)],
    code: i32,
    needles: &[&str],
    signature: &str,
) -> String {
    let out = decrypt(lab, profile, args, envs);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: expected {n:?} in:\n{err}");
    }
    assert!(out.stdout.is_empty(), "{args:?}: stdout must stay empty");
    assert!(
        !err.contains(signature),
        "{args:?}: the signature is never printed"
    );
    err
}

/// Every check on one captured notification that `profile` trusts: `kind` is the verifier the
/// table must name ("public key" or "platform certificate").
fn decrypt_suite(lab: &Lab, profile: &str, c: &Capture, kind: &str, name: &str) {
    c.write(lab, name);
    let (headers, body, raw) = (
        format!("{name}.headers"),
        format!("{name}.json"),
        format!("{name}.http"),
    );
    let plain = plaintext(lab, c);
    let sig = c.header("Wechatpay-Signature");

    // Success: headers file + body file, and the raw request; -o json is exactly the plaintext.
    for args in [
        vec!["--headers", &headers, "--body", &body, "-o", "json"],
        vec!["--raw", &raw, "-o", "json"],
        vec!["--raw", &raw, "--max-age", "300", "-o", "json"],
    ] {
        let out = decrypt(lab, profile, &args, &[]);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out).trim_end(), plain, "{args:?}");
        assert!(
            !stderr(&out).contains("warning"),
            "a fresh notification: {}",
            stderr(&out)
        );
    }
    // The table: how it was verified, the order and its sub-orders.
    let out = decrypt(lab, profile, &["--raw", &raw], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    let order: Value = serde_json::from_str(&plain).unwrap();
    assert!(
        table.contains(&format!(
            "signature verified with the {kind} {}",
            c.serial()
        )),
        "{table}"
    );
    for sub in order["sub_orders"].as_array().unwrap() {
        assert!(
            table.contains(sub["out_trade_no"].as_str().unwrap()),
            "{table}"
        );
    }
    assert!(table.contains("SUCCESS"), "{table}");

    // A changed body byte (a digit of create_time): the signature no longer matches.
    let mut tampered = c.body.clone();
    let at = find(&tampered, b"\"create_time\":\"") + 15;
    tampered[at] = if tampered[at] == b'2' { b'3' } else { b'2' };
    lab.env
        .write(&format!("{name}-tampered.json"), &tampered, 0o644);
    let tampered_body = format!("{name}-tampered.json");
    refused(
        lab,
        profile,
        &["--headers", &headers, "--body", &tampered_body],
        &[],
        6,
        &["does not match the body", &c.serial()],
        &sig,
    );

    // A changed header: the nonce (in the file), the timestamp (by flag).
    let nonce = c.header("Wechatpay-Nonce");
    let other_nonce: String = nonce.chars().rev().collect();
    c.with_header("Wechatpay-Nonce", &other_nonce)
        .write(lab, &format!("{name}-nonce"));
    refused(
        lab,
        profile,
        &["--raw", &format!("{name}-nonce.http")],
        &[],
        6,
        &["does not match the body"],
        &sig,
    );
    let ts: i64 = c.header("Wechatpay-Timestamp").parse().unwrap();
    refused(
        lab,
        profile,
        &["--raw", &raw, "--timestamp", &(ts - 1).to_string()],
        &[],
        6,
        &["does not match the body"],
        &sig,
    );

    // A SIGNTEST probe made by rewriting the captured signature: refused.
    c.with_header("Wechatpay-Signature", &format!("{PROBE}{sig}"))
        .write(lab, &format!("{name}-probe"));
    refused(
        lab,
        profile,
        &["--raw", &format!("{name}-probe.http")],
        &[],
        6,
        &["SIGNTEST"],
        &sig,
    );

    // Another APIv3 key: from the environment, or the sub-merchant's own.
    refused(
        lab,
        profile,
        &["--raw", &raw],
        &[("WXCOMBINE_APIV3_KEY", "0123456789abcdef0123456789abcdef")],
        6,
        &["tag mismatch", "APIv3 key"],
        &sig,
    );
    refused(
        lab,
        "sandbox-sub1",
        &["--raw", &raw],
        &[],
        6,
        &["tag mismatch"],
        &sig,
    );

    // A serial this profile does not know: the message lists the ones it does.
    let unknown = if c.serial().starts_with("PUB_KEY_ID_") {
        "PUB_KEY_ID_0199999999999999999999999999999999"
    } else {
        "7ABCDEF0123456789ABCDEF0123456789ABCDEF0"
    };
    let err = refused(
        lab,
        profile,
        &["--raw", &raw, "--serial", unknown],
        &[],
        6,
        &["unknown Wechatpay-Serial", unknown],
        &sig,
    );
    for known in known_serials(lab, profile) {
        assert!(err.contains(&known), "{known} listed in: {err}");
    }

    // Not a notification envelope: the decrypted order itself, or text.
    lab.env.write(&format!("{name}-plain.json"), &plain, 0o644);
    refused(
        lab,
        profile,
        &[
            "--headers",
            &headers,
            "--body",
            &format!("{name}-plain.json"),
            "--no-verify",
        ],
        &[],
        2,
        &["not a notification envelope", "missing field"],
        &sig,
    );
    // With verification on, the same body fails its signature first.
    refused(
        lab,
        profile,
        &[
            "--headers",
            &headers,
            "--body",
            &format!("{name}-plain.json"),
        ],
        &[],
        6,
        &["does not match the body"],
        &sig,
    );
}

fn find(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len())
        .position(|w| w == needle)
        .unwrap_or_else(|| panic!("{:?} not found", String::from_utf8_lossy(needle)))
}

/// The serials and key ids `profile` can verify with, as `certs list -o json` reports them.
fn known_serials(lab: &Lab, profile: &str) -> Vec<String> {
    let out = lab
        .cmd()
        .args(["-q", "--profile", profile, "certs", "list", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    rows.iter()
        .map(|r| r["serial"].as_str().unwrap().to_string())
        .collect()
}

/// The three captures whose fault is in the delivery itself: a SIGNTEST probe, a stale
/// timestamp, an unknown serial.
fn fault_suite(lab: &Lab, profile: &str, prefix: &str) {
    let probe = capture(lab, &format!("{prefix}P"), Some(FaultKind::Signtest));
    assert!(probe.header("Wechatpay-Signature").starts_with(PROBE));
    probe.write(lab, "probe");
    let out = decrypt(lab, profile, &["--raw", "probe.http"], &[]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("SIGNTEST"), "{}", stderr(&out));
    // --no-verify skips the signature, probe or not, and says so.
    let out = decrypt(lab, profile, &["--raw", "probe.http", "--no-verify"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("--no-verify"), "{}", stderr(&out));

    let stale = capture(lab, &format!("{prefix}S"), Some(FaultKind::StaleTimestamp));
    stale.write(lab, "stale");
    let out = decrypt(
        lab,
        profile,
        &["--raw", "stale.http", "--max-age", "300"],
        &[],
    );
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("older than --max-age 300"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    // Without --max-age the signature is fine and the age only warned about.
    let out = decrypt(lab, profile, &["--raw", "stale.http"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("may be a replay"), "{}", stderr(&out));

    let unknown = capture(lab, &format!("{prefix}U"), Some(FaultKind::UnknownSerial));
    unknown.write(lab, "unknown");
    let out = decrypt(lab, profile, &["--raw", "unknown.http"], &[]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("unknown Wechatpay-Serial {:?}", unknown.serial())),
        "{err}"
    );
    assert!(err.contains("known: "), "{err}");
}

#[test]
fn decrypt_in_public_key_mode() {
    let lab = lab(KeyMode::Pubkey, |_| {});
    let c = capture(&lab, "N600001", None);
    assert!(c.serial().starts_with("PUB_KEY_ID_"));
    decrypt_suite(&lab, "sandbox", &c, "public key", "pk");
    fault_suite(&lab, "sandbox", "N600001");
    // A capture taken as the request travelled, chunked: the signed body is the de-chunked one.
    lab.env.write("chunked.http", c.raw_chunked(), 0o644);
    let out = decrypt(
        &lab,
        "sandbox",
        &["--raw", "chunked.http", "-o", "json"],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim_end(), plaintext(&lab, &c));
}

#[test]
fn decrypt_in_certificate_mode_with_downloaded_certificates() {
    let lab = lab(KeyMode::Cert, |_| {});
    add_profile(&lab, "downloaded", "sandbox", |p| {
        set(p, "platform_cert_dir", Some("downloaded-certs"))
    });
    let out = lab
        .cmd()
        .args(["-q", "--profile", "downloaded", "certs", "download"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let c = capture(&lab, "N600002", None);
    assert_eq!(c.serial(), lab.sb.info().platform_cert_serial);
    assert!(
        lab.env
            .path()
            .join(format!("downloaded-certs/{}.pem", c.serial()))
            .exists()
    );
    decrypt_suite(&lab, "downloaded", &c, "platform certificate", "cert");
    fault_suite(&lab, "downloaded", "N600002");
}

#[test]
fn decrypt_in_mixed_mode_takes_both_kinds_of_notification() {
    let lab = lab(KeyMode::Mixed, |_| {});
    let a = capture(&lab, "N600003", None);
    let b = capture(&lab, "N600004", None);
    let info = lab.sb.info();
    let mut serials = [a.serial(), b.serial()];
    serials.sort();
    let mut want = [
        info.platform_cert_serial.clone(),
        info.public_key_id.clone(),
    ];
    want.sort();
    assert_eq!(serials, want, "the sandbox alternates keys in mixed mode");
    for (c, name) in [(&a, "first"), (&b, "second")] {
        let kind = if c.serial().starts_with("PUB_KEY_ID_") {
            "public key"
        } else {
            "platform certificate"
        };
        decrypt_suite(&lab, "sandbox", c, kind, name);
    }
    fault_suite(&lab, "sandbox", "N600005");
}

#[test]
fn decrypt_table_of_a_sandbox_notification() {
    let lab = lab(KeyMode::Pubkey, |_| {});
    let c = capture(&lab, "N600010", None);
    c.write(&lab, "n");
    let plain: Value = serde_json::from_str(&plaintext(&lab, &c)).unwrap();
    let out = decrypt(&lab, "sandbox", &["--raw", "n.http"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let env: Value = serde_json::from_slice(&c.body).unwrap();
    let mut text = stdout(&out)
        .replace(env["id"].as_str().unwrap(), "[ID]")
        .replace(env["create_time"].as_str().unwrap(), "[TIME]")
        .replace(&c.serial(), "[PUB_KEY_ID]");
    for sub in plain["sub_orders"].as_array().unwrap() {
        for k in ["transaction_id", "success_time"] {
            text = text.replace(sub[k].as_str().unwrap(), &format!("[{}]", k.to_uppercase()));
        }
    }
    // The age changes with the clock.
    let first = text.lines().next().unwrap().to_string();
    let cut = first.find(", ").map(|i| &first[..i]).unwrap_or(&first);
    let text = text.replacen(&first, &format!("{cut}, [AGE] s old"), 1);
    insta::assert_snapshot!("notify_decrypt_sandbox_table", text);
}
