//! `wxcombine demo` as a new user runs it: no config, no network, exit 0, every step narrated.

use crate::harness::{TestEnv, stderr, stdout};

#[test]
fn demo_runs_on_a_machine_with_no_configuration() {
    let env = TestEnv::new();
    let out = env.cmd().arg("demo").output().unwrap();
    let text = stdout(&out);
    assert!(
        out.status.success(),
        "demo failed:\n{text}\n{}",
        stderr(&out)
    );
    for needle in [
        " checks passed (keys, certificate serial",
        "prepay_id",
        "paySign",
        "signature verified with the public key PUB_KEY_ID_",
        "every sub-order is SUCCESS",
        "closed=true",
        "SHA-1 verified while streaming",
        "bill parse --check: the 200 records add up to the summary line",
        "Done.",
    ] {
        assert!(
            text.contains(needle),
            "demo output lacks {needle:?}:\n{text}"
        );
    }
    // Nothing was left behind, and nothing needed a config file.
    assert!(!env.home().join(".config/wxcombine").exists());
}

#[test]
fn demo_json_summary_in_mixed_mode() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["demo", "--key-mode", "mixed", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["state"], "SUCCESS");
    assert_eq!(v["bill"]["status"], "downloaded");
    assert_eq!(v["bill"]["verified"], true);
    // Named after the merchant (cli.md `bill download`).
    let path = v["bill"]["path"].as_str().unwrap_or_default();
    assert!(path.contains("/tradebill_1900000109_"), "{}", v["bill"]);
    assert_eq!(v["notification"]["event_type"], "TRANSACTION.SUCCESS");
}
