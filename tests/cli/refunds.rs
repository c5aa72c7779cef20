//! `refund create|query|list|watch` against the in-process sandbox (issue 13, cli.md "refund"):
//! the local refusals (exit 2, no refund request sent), the profile of the sub-order's merchant,
//! the number printed before anything is sent, the journal, confirmation and `--dry-run`.

use std::path::PathBuf;

use serde_json::Value;

use crate::support::{Lab, stderr, stdout};

const REFUNDS: &str = "/v3/refund/domestic/refunds";

/// A paid two-sub-order combine order `no` (`{no}A` 100 fen of the main merchant, `{no}B` 250 fen
/// of sub-merchant 1).
fn paid(lab: &Lab, no: &str) {
    let out = lab.prepay(no);
    assert!(out.status.success(), "{}", stderr(&out));
    lab.sb.pay(no).unwrap();
}

fn journal_dir(lab: &Lab) -> PathBuf {
    lab.env.path().join("data")
}

/// `wxcombine refund …` with the journal in the test's folder and a fast poll schedule.
fn refund(lab: &Lab) -> assert_cmd::Command {
    let mut c = lab.cmd();
    c.env("WXCOMBINE_DATA_DIR", journal_dir(lab))
        .env("WXCOMBINE_POLL_SECOND_MS", "1")
        .arg("refund");
    c
}

/// Refund requests (POST) the sandbox received.
fn refund_posts(lab: &Lab) -> usize {
    lab.sb
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.starts_with(REFUNDS))
        .count()
}

fn code(out: &std::process::Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

#[test]
fn an_unpaid_sub_order_is_refused_locally_and_nothing_is_sent() {
    let lab = Lab::new();
    let out = lab.prepay("RF100001");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = refund(&lab)
        .args(["create", "RF100001", "--sub-order", "RF100001A", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("sub-order RF100001A is NOTPAY, not paid"),
        "{}",
        stderr(&out)
    );
    assert_eq!(refund_posts(&lab), 0);
    assert!(!journal_dir(&lab).join("refunds.jsonl").exists());
}

#[test]
fn more_than_the_sub_orders_total_is_refused_locally() {
    let lab = Lab::new();
    paid(&lab, "RF100002");
    let out = refund(&lab)
        .args(["create", "RF100002", "--sub-order", "RF100002A"])
        .args(["--amount", "101", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--amount 101 fen is more than the 100 fen still refundable"),
        "{}",
        stderr(&out)
    );
    assert_eq!(refund_posts(&lab), 0);
}

#[test]
fn a_payment_older_than_365_days_is_refused_locally() {
    let lab = Lab::new();
    let out = lab.prepay("RF100003");
    assert!(out.status.success(), "{}", stderr(&out));
    // Paid 366 days ago in business time.
    lab.sb.advance_clock(-366 * 86_400).unwrap();
    lab.sb.pay("RF100003").unwrap();
    lab.sb.advance_clock(366 * 86_400).unwrap();
    let out = refund(&lab)
        .args(["create", "RF100003", "--sub-order", "RF100003A", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("WeChat Pay refunds only within 365 days of payment"),
        "{}",
        stderr(&out)
    );
    assert_eq!(refund_posts(&lab), 0);
}

#[test]
fn bad_flags_name_the_flag_and_nothing_is_sent() {
    let lab = Lab::new();
    for (args, needle) in [
        (
            vec!["--sub-order", "RF1A", "--out-refund-no", "R 1"],
            "--out-refund-no: \"R 1\" contains ' '",
        ),
        (
            vec!["--sub-order", "RF1A", "--out-refund-no", &"9".repeat(65)],
            "--out-refund-no: ",
        ),
        (vec!["--sub-order", "RF1A", "--amount", "0"], "--amount 0"),
        (
            vec!["--sub-order", "RF1A", "--wait", "soon"],
            "--wait \"soon\"",
        ),
        (
            vec!["--sub-order", "RF1A", "--notify-url", "ftp://x/y"],
            "--notify-url",
        ),
    ] {
        let out = refund(&lab)
            .args(["create", "RF100004"])
            .args(&args)
            .arg("--yes")
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
    assert!(lab.sb.requests().is_empty());
}

#[test]
fn without_a_terminal_create_needs_yes_and_prints_the_number_first() {
    let lab = Lab::new();
    paid(&lab, "RF100005");
    let out = refund(&lab)
        .args([
            "create",
            "RF100005",
            "--sub-order",
            "RF100005A",
            "--amount",
            "30",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    let number = err.find("out_refund_no RRF100005A-1").expect(&err);
    let refusal = err.find("no terminal to ask on").expect(&err);
    assert!(number < refusal, "{err}");
    assert!(err.contains("0.30 元 (30 fen)"), "{err}");
    assert!(err.contains("pass --yes"), "{err}");
    assert_eq!(refund_posts(&lab), 0);
}

#[test]
fn dry_run_shows_the_request_with_the_total_from_the_query() {
    let lab = Lab::new();
    paid(&lab, "RF100006");
    let out = refund(&lab)
        .args([
            "-o",
            "json",
            "create",
            "RF100006",
            "--sub-order",
            "RF100006B",
        ])
        .args(["--amount", "40", "--reason", "缺货", "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["method"], "POST");
    assert!(v["url"].as_str().unwrap().ends_with(REFUNDS), "{v}");
    let body = &v["body"];
    assert_eq!(body["out_refund_no"], "RRF100006B-1");
    assert_eq!(body["amount"]["refund"], 40);
    // amount.total is the sub-order's own total (250), never typed.
    assert_eq!(body["amount"]["total"], 250);
    assert_eq!(body["amount"]["currency"], "CNY");
    assert_eq!(body["reason"], "缺货");
    assert!(body["transaction_id"].as_str().unwrap().starts_with("42"));
    assert!(body.get("sub_mchid").is_none(), "直连: no sub_mchid");
    let sts = v["string_to_sign"].as_str().unwrap();
    assert!(sts.starts_with(&format!("POST\n{REFUNDS}\n")), "{sts}");
    assert!(sts.ends_with(&format!("{}\n", serde_json::to_string(body).unwrap())));
    // Signed by the sub-order's merchant: sub-merchant 1's profile.
    assert!(
        stderr(&out).contains("signing with profile sandbox-sub1"),
        "{}",
        stderr(&out)
    );
    assert_eq!(refund_posts(&lab), 0);
    assert!(!journal_dir(&lab).join("refunds.jsonl").exists());
}

#[test]
fn a_missing_profile_for_the_sub_orders_merchant_is_a_config_error() {
    let lab = Lab::new();
    paid(&lab, "RF100007");
    let path = lab.env.path().join("config.toml");
    let mut cfg: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
    cfg["profiles"]
        .as_table_mut()
        .unwrap()
        .remove("sandbox-sub1")
        .unwrap();
    std::fs::write(&path, toml::to_string(&cfg).unwrap()).unwrap();
    let out = refund(&lab)
        .args(["create", "RF100007", "--sub-order", "RF100007B", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("has mchid 1900000119"), "{err}");
    assert!(err.contains("sub-order RF100007B"), "{err}");
    assert!(err.contains("profile init"), "{err}");
    assert_eq!(refund_posts(&lab), 0);
}

#[test]
fn a_sub_order_not_in_the_order_is_named() {
    let lab = Lab::new();
    paid(&lab, "RF100008");
    let out = refund(&lab)
        .args(["create", "RF100008", "--sub-order", "RF100008Z", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("its sub-orders: RF100008A, RF100008B"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_corrupted_journal_is_named_by_file_and_line_before_anything_is_sent() {
    let lab = Lab::new();
    let dir = journal_dir(&lab);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("refunds.jsonl"), "\nnot json\n").unwrap();
    let out = refund(&lab)
        .args(["create", "RF100009", "--sub-order", "RF100009A", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("refunds.jsonl: line 2"), "{err}");
    assert!(lab.sb.requests().is_empty());
}

#[test]
fn query_and_watch_check_their_numbers_first() {
    let lab = Lab::new();
    let out = refund(&lab).args(["query", "R#1"]).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("OUT_REFUND_NO"), "{}", stderr(&out));
    let out = refund(&lab)
        .args(["query", "R1", "--sub-mchid", "x"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--sub-mchid"), "{}", stderr(&out));
    let from = lab
        .env
        .write("refunds.txt", "# numbers\nR1\n\nR 2\n", 0o644);
    let out = refund(&lab)
        .args(["query", "--from"])
        .arg(&from)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("line 4"), "{}", stderr(&out));
    let out = refund(&lab)
        .args(["watch", "R1", "--wait", "x"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(lab.sb.requests().is_empty());
}
