//! `sign-pay` end to end through the binary, against the official test key.

use crate::harness::{TestEnv, read_fixture_str, stderr, stdout};

const PREPAY: &str = "wx201410272009395522657a690389285100";
const TS: &str = "1554208460";
const NONCE: &str = "593BEC0C930BF1AFEB40B4A08C8FB242";

fn official(case: &str) -> String {
    read_fixture_str(&format!("signing/paysign/{case}/signature"))
}

/// paySigns are public vectors here, but snapshots still never hold signatures.
fn redact_sig(s: &str, sig: &str) -> String {
    s.replace(sig, "[PAYSIGN]")
}

fn run(env: &TestEnv, extra: &[&str]) -> std::process::Output {
    env.cmd()
        .args([
            "--config",
            "config.toml",
            "sign-pay",
            "--prepay-id",
            PREPAY,
            "--timestamp",
            TS,
            "--nonce",
            NONCE,
        ])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn reproduces_the_official_pay_sign_as_json() {
    let env = TestEnv::new();
    env.doc_profile();
    let out = run(&env, &["-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["paySign"], official("official_jsapi"));
    assert_eq!(v["timeStamp"], TS, "timeStamp is a string");
    // Field order and exact shape per cli.md.
    insta::assert_snapshot!(
        "sign_pay_json",
        redact_sig(&text, &official("official_jsapi"))
    );
}

#[test]
fn table_output() {
    let env = TestEnv::new();
    env.doc_profile();
    let out = run(&env, &[]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains(&official("official_jsapi")));
    insta::assert_snapshot!(
        "sign_pay_table",
        redact_sig(&text, &official("official_jsapi"))
    );
    // The banner goes to stderr, never stdout.
    assert!(stderr(&out).contains("▸ profile doc · sandbox · mchid 1900000109"));
    assert!(!text.contains('▸'));
}

#[test]
fn app_variant_reproduces_the_official_app_sign() {
    let env = TestEnv::new();
    env.doc_profile();
    let out = run(&env, &["--app", "-o", "json"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["sign"], official("official_app"));
    assert_eq!(v["package"], "Sign=WXPay");
    assert_eq!(v["partnerid"], "1900000109");
    insta::assert_snapshot!(
        "sign_pay_app_json",
        redact_sig(&text, &official("official_app"))
    );
}

#[test]
fn prefixed_prepay_id_and_appid_override() {
    let env = TestEnv::new();
    env.doc_profile();
    let out = env
        .cmd()
        .args([
            "--config",
            "config.toml",
            "sign-pay",
            "--prepay-id",
            &format!("prepay_id={PREPAY}"),
        ])
        .args([
            "--timestamp",
            TS,
            "--nonce",
            NONCE,
            "--appid",
            "wxd678efh567hg6787",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["paySign"], official("derived_jsapi"));
    assert_eq!(v["package"], format!("prepay_id={PREPAY}"));
}

#[test]
fn explain_prints_the_signed_lines_on_stderr() {
    let env = TestEnv::new();
    env.doc_profile();
    let out = run(&env, &["--explain", "-q"]);
    let err = stderr(&out);
    for line in [
        "wx2421b1c4370ec43b\\n",
        "1554208460\\n",
        "593BEC0C930BF1AFEB40B4A08C8FB242\\n",
        "prepay_id=wx201410272009395522657a690389285100\\n",
    ] {
        assert!(err.contains(line), "{err}");
    }
    assert!(
        !stdout(&out).contains("\\n"),
        "the explanation stays off stdout"
    );
    insta::assert_snapshot!("sign_pay_explain", err);
}

#[test]
fn verify_accepts_the_right_signature_and_refuses_a_wrong_one() {
    let env = TestEnv::new();
    env.doc_profile();
    let good = official("official_jsapi");
    let out = run(&env, &["--verify", &good, "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verified"], true);

    // The APP signature is valid Base64 but for different inputs.
    let out = run(&env, &["--verify", &official("official_app")]);
    assert_eq!(out.status.code(), Some(6));
    let err = stderr(&out);
    assert!(
        err.contains("does not verify") && err.contains("hint:"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    // APP verification uses the APP message.
    let out = run(&env, &["--app", "--verify", &official("official_app")]);
    assert!(out.status.success(), "{}", stderr(&out));

    // Not Base64 at all: a usage error.
    let out = run(&env, &["--verify", "%%%"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn verify_needs_the_timestamp_and_nonce_that_were_signed() {
    let env = TestEnv::new();
    env.doc_profile();
    let out = env
        .cmd()
        .args([
            "--config",
            "config.toml",
            "sign-pay",
            "--prepay-id",
            PREPAY,
            "--verify",
            "abc",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--timestamp"));
}

#[test]
fn defaults_are_now_and_a_fresh_32_char_nonce() {
    let env = TestEnv::new();
    env.doc_profile();
    let a = env
        .cmd()
        .args([
            "--config",
            "config.toml",
            "-q",
            "-o",
            "json",
            "sign-pay",
            "--prepay-id",
            PREPAY,
        ])
        .output()
        .unwrap();
    let b = env
        .cmd()
        .args([
            "--config",
            "config.toml",
            "-q",
            "-o",
            "json",
            "sign-pay",
            "--prepay-id",
            PREPAY,
        ])
        .output()
        .unwrap();
    let va: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    let vb: serde_json::Value = serde_json::from_slice(&b.stdout).unwrap();
    let nonce = va["nonceStr"].as_str().unwrap();
    assert_eq!(nonce.len(), 32);
    assert!(nonce.bytes().all(|c| c.is_ascii_alphanumeric()));
    assert_ne!(va["nonceStr"], vb["nonceStr"]);
    let ts: i64 = va["timeStamp"].as_str().unwrap().parse().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!((now - ts).abs() < 60, "timestamp {ts} is not now ({now})");
    // -q silences the banner.
    assert!(!stderr(&a).contains('▸'));
}

#[test]
fn bad_inputs_are_usage_errors_naming_the_flag() {
    let env = TestEnv::new();
    env.doc_profile();
    let cases: &[(&[&str], &str)] = &[
        (&["--prepay-id", "wx1\nx"], "--prepay-id"),
        (&["--prepay-id", "prepay_id="], "--prepay-id"),
        (
            &["--prepay-id", PREPAY, "--timestamp", "12ab"],
            "--timestamp",
        ),
        (&["--prepay-id", PREPAY, "--nonce", "has space"], "--nonce"),
        (
            &["--prepay-id", PREPAY, "--nonce", &"x".repeat(33)],
            "--nonce",
        ),
        (&["--prepay-id", PREPAY, "--appid", "wx\"1"], "--appid"),
        (&[], "--prepay-id"),
    ];
    for (args, flag) in cases {
        let out = env
            .cmd()
            .args(["--config", "config.toml", "sign-pay"])
            .args(*args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(flag), "{args:?}: {}", stderr(&out));
    }
    // Under -o json the usage error is also a JSON line.
    let out = env
        .cmd()
        .args([
            "--config",
            "config.toml",
            "-o",
            "json",
            "sign-pay",
            "--prepay-id",
            "a b",
        ])
        .output()
        .unwrap();
    let last = stderr(&out).lines().last().unwrap().to_string();
    let v: serde_json::Value = serde_json::from_str(&last).unwrap();
    assert_eq!(v["error"]["kind"], "usage");
    // So is a clap parse error.
    let out = env
        .cmd()
        .args(["-o", "json", "sign-pay", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let last = stderr(&out).lines().last().unwrap().to_string();
    let v: serde_json::Value = serde_json::from_str(&last).unwrap();
    assert_eq!(v["error"]["kind"], "usage");
}

#[test]
fn global_options_work_after_the_command() {
    let env = TestEnv::new();
    env.doc_profile();
    let out = env
        .cmd()
        .args([
            "sign-pay",
            "--prepay-id",
            PREPAY,
            "--timestamp",
            TS,
            "--nonce",
            NONCE,
            "--config",
            "config.toml",
            "--profile",
            "doc",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["paySign"], official("official_jsapi"));
}
