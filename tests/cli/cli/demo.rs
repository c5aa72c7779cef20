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
    // Public-key mode (issue 15, item 13): one kind of key signs everything, and the demo says so.
    assert!(text.contains("key mode pubkey: WeChat Pay signs every answer and notification with its public key PUB_KEY_ID_"), "{text}");
    assert!(
        text.contains("its answer was signed with the public key PUB_KEY_ID_"),
        "{text}"
    );
    assert_eq!(
        text.matches("(pubkey mode: every notification carries the public key id)")
            .count(),
        2,
        "{text}"
    );
    assert!(!text.contains("platform certificate"), "{text}");
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
    // Which key signed the query's answers: the profile's request names the public key id, the
    // second names none (issue 15, item 13).
    assert_eq!(v["key_mode"], "mixed");
    assert_eq!(v["query_responses"][0]["verified_by"], "public key");
    assert_eq!(
        v["query_responses"][1]["verified_by"],
        "platform certificate"
    );
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

/// `--key-mode mixed` narrates the migration (issue 15, item 13): which key signed each answer and
/// notification, and why, so it no longer reads like public-key mode.
#[test]
fn demo_in_mixed_mode_shows_which_key_signed_what_and_why() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["demo", "--key-mode", "mixed"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}\n{}", stderr(&out));
    let line = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?}:\n{text}"))
            .to_string()
    };
    let mode = line("key mode mixed");
    assert!(
        mode.contains("only when the request names that id in Wechatpay-Serial"),
        "{mode}"
    );
    assert!(mode.contains("apiv3.md §2.5"), "{mode}");
    // The profile's query names the public key id: a public-key signature.
    let named = line("its answer was signed with the ");
    assert!(
        named.contains("signed with the public key PUB_KEY_ID_"),
        "{named}"
    );
    assert!(
        named.contains("in Wechatpay-Serial, so the answer uses the public key"),
        "{named}"
    );
    // The same query without it, as a certificate-only SDK sends it: the certificate's.
    let unnamed = line("sent without Wechatpay-Serial");
    assert!(
        unnamed.contains("signed with the platform certificate "),
        "{unnamed}"
    );
    assert!(!unnamed.contains("PUB_KEY_ID_"), "{unnamed}");
    // Each notification says which key and why; the sandbox's notifications take turns, so both
    // kinds appear between the payment's and the refund's.
    let why: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.contains(
                "(mixed mode: during the migration WeChat Pay signs notifications with either key",
            )
        })
        .collect();
    assert_eq!(why.len(), 2, "{text}");
    assert!(
        why.iter()
            .any(|l| l.contains("this one with the public key")),
        "{text}"
    );
    assert!(
        why.iter()
            .any(|l| l.contains("this one with the platform certificate")),
        "{text}"
    );
    assert!(!text.contains("pubkey mode"), "{text}");
}
