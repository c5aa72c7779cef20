//! Issue 15, item 14: the same number given twice to `query` or `refund query` (as arguments, in
//! `--from`, or both) is queried once and printed once, and stderr says how many were dropped.
//! The sandbox's request log is the proof that one request went out.

use serde_json::Value;

use crate::harness::{Lab, stderr, stdout};

const QUERY: &str = "/v3/combine-transactions/out-trade-no/";
const REFUNDS: &str = "/v3/refund/domestic/refunds/";

fn gets(lab: &Lab, prefix: &str) -> usize {
    lab.sb
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.starts_with(prefix))
        .count()
}

#[test]
fn query_asks_once_for_a_number_given_twice() {
    let lab = Lab::new();
    let no = "Q20260101000777";
    let out = lab.cmd_prepay(no);
    assert!(out.status.success(), "{}", stderr(&out));
    lab.sb.clear_requests();

    let out = lab
        .cmd()
        .args(["query", no, no, "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v[0]["combine_out_trade_no"], no);
    assert_eq!(gets(&lab, QUERY), 1);
    assert!(
        stderr(&out).contains("note: 1 duplicate order number ignored"),
        "{}",
        stderr(&out)
    );

    // An argument and the same number twice in --from: still one request, one line.
    lab.env
        .write("numbers.txt", format!("{no}\n# again\n{no}\n"), 0o644);
    lab.sb.clear_requests();
    let out = lab
        .cmd()
        .args(["query", no, "--from", "numbers.txt", "-o", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1, "{}", stdout(&out));
    assert_eq!(gets(&lab, QUERY), 1);
    assert!(
        stderr(&out).contains("note: 2 duplicate order numbers ignored"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn refund_query_asks_once_for_a_number_given_twice() {
    let lab = Lab::new();
    let no = "Q20260101000778";
    let out = lab.cmd_prepay(no);
    assert!(out.status.success(), "{}", stderr(&out));
    lab.sb.pay(no).unwrap();
    let r = lab.sb.refund(no, &format!("{no}A"), Some(5)).unwrap();
    let refund_no = r["out_refund_no"].as_str().unwrap().to_string();
    lab.sb.clear_requests();

    let out = lab
        .cmd()
        .args(["refund", "query", &refund_no, &refund_no, "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v[0]["out_refund_no"], refund_no.as_str());
    assert_eq!(gets(&lab, REFUNDS), 1);
    assert!(
        stderr(&out).contains("note: 1 duplicate refund number ignored"),
        "{}",
        stderr(&out)
    );
}
