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
        // Issue 13, item 8: a partial refund of one sub-order, its notification, its status.
        "7. Refund 5.00 元 of sub-order ",
        "--amount 500 --yes",
        "(REFUND.SUCCESS): signature verified with the public key PUB_KEY_ID_",
        "A-1: SUCCESS (verified response)",
        "closed=true",
        "SHA-1 verified while streaming",
        // The refund's row in the bill of its day, and the summary adding up with it.
        "退款金额 5.00 元 · 退款状态 SUCCESS",
        "退款总金额 5.00 元",
        "Done.",
    ] {
        assert!(
            text.contains(needle),
            "demo output lacks {needle:?}:\n{text}"
        );
    }
    // 200 seeded orders, the paid sub-order and the refund; one fewer if the payment and the
    // refund fell on two sides of midnight (Beijing).
    assert!(
        text.contains("bill parse --check: the 202 records add up to the summary line")
            || text.contains("bill parse --check: the 201 records add up to the summary line"),
        "{text}"
    );
    // Nothing was left behind, and nothing needed a config file; the refund was journaled in
    // the demo's temp dir, not the user's journal.
    assert!(!env.home().join(".config/wxcombine").exists());
    assert!(!env.home().join(".local/share/wxcombine").exists());
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
    // The refund step (issue 13, item 8): SUCCESS, its notification verified (either key of
    // the mixed mode), and its row in the trade bill of its day.
    let refund = &v["refund"];
    let no = refund["out_refund_no"].as_str().unwrap_or_default();
    assert!(no.starts_with('R') && no.ends_with("A-1"), "{refund}");
    assert_eq!(refund["amount"], 500);
    assert_eq!(refund["status"], "SUCCESS");
    assert_eq!(refund["notification"]["event_type"], "REFUND.SUCCESS");
    assert!(
        ["public key", "platform certificate"].contains(
            &refund["notification"]["verified_by"]
                .as_str()
                .unwrap_or_default()
        ),
        "{refund}"
    );
    let check = &v["bill_check"];
    assert_eq!(check["refund_row"]["out_refund_no"], no);
    assert_eq!(check["refund_row"]["out_trade_no"], refund["out_trade_no"]);
    assert_eq!(check["refund_row"]["refund_fen"], 500);
    assert_eq!(check["refund_row"]["refund_status"], "SUCCESS");
    assert_eq!(check["refund_total_fen"], 500);
    let day = check["date"].as_str().unwrap_or_default();
    // The bill downloaded is that day's.
    assert!(path.contains(&format!("_{day}_ALL")), "{path} {check}");
}
