//! `bill download --sub-mchid-from FILE` (issue 14 item 6): a 服务商's run over many
//! sub-merchants against the sandbox in 服务商 mode with `--sub-merchants`: one row per
//! sub-merchant, a failing one not stopping the others, the exit code of the worst row, the pace
//! and the retry of `429 FREQUENCY_LIMITED` (`sandbox serve --bill-rate`), a malformed FILE line
//! refused before anything is sent, and a rerun that finds every bill up to date.

use std::collections::BTreeMap;
use std::fs;

use serde_json::Value;
use wxcombine::sandbox::SandboxOptions;

use crate::harness::{Lab, exit, json, stderr, stdout};

const DAY: &str = "2026-05-01";
const READY: &str = "2026-05-02T11:00:00+08:00";
const MAIN: &str = "1900000109";
/// The two generated 二级商户, then the first of `--sub-merchants`.
const SUB1: &str = "1900000119";
const SUB2: &str = "1900000129";
const EXTRA1: &str = "1990000001";
const EXTRA2: &str = "1990000002";
/// Not a 二级商户 of this 服务商: WeChat Pay answers 403 NO_AUTH (apiv3.md §8.4).
const STRANGER: &str = "1900000999";

/// A 服务商-mode sandbox with `extra` more 二级商户, `orders` orders seeded on [`DAY`] (order i's
/// sub-orders go to 二级商户 2i and 2i+1), the bill ready, and a `bills` folder.
fn lab(extra: usize, orders: u64, bill_rate: Option<f64>) -> Lab {
    let lab = Lab::with(SandboxOptions {
        service_provider: true,
        sub_merchants: extra,
        bill_rate,
        ..SandboxOptions::default()
    });
    lab.sb.set_clock(READY).unwrap();
    lab.sb.seed(DAY, orders).unwrap();
    fs::create_dir_all(lab.env.path().join("bills")).unwrap();
    lab
}

fn subs_file(lab: &Lab, text: &str) {
    fs::write(lab.env.path().join("subs.txt"), text).unwrap();
}

fn many(lab: &Lab, extra: &[&str]) -> std::process::Output {
    lab.cmd()
        .args([
            "-q",
            "bill",
            "download",
            "--date",
            DAY,
            "--sub-mchid-from",
            "subs.txt",
            "--dir",
            "bills",
            "--bill-rate",
            "100",
        ])
        .args(extra)
        .output()
        .unwrap()
}

fn name(sub: &str) -> String {
    format!("tradebill_{MAIN}-{sub}_{DAY}_ALL.csv")
}

fn listing(lab: &Lab) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(lab.env.path().join("bills"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn by_sub(rows: &Value) -> BTreeMap<String, Value> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["sub_mchid"].as_str().unwrap().to_string(), r.clone()))
        .collect()
}

#[test]
fn one_failing_sub_merchant_does_not_stop_the_others_and_its_code_is_the_exit_code() {
    // One order: its sub-orders are SUB1's and SUB2's; EXTRA1 had none that day.
    let lab = lab(1, 1, None);
    subs_file(
        &lab,
        &format!("# our shops\n{SUB1}\n\n{STRANGER}\n{SUB2}  # the tea shop\n{EXTRA1}\n{SUB1}\n"),
    );
    let out = many(&lab, &["-o", "json"]);
    exit(&out, 4);
    let rows = json(&out);
    assert_eq!(rows.as_array().unwrap().len(), 4, "{rows}");
    // In file order, each once.
    let order: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["sub_mchid"].as_str().unwrap())
        .collect();
    assert_eq!(order, [SUB1, STRANGER, SUB2, EXTRA1]);
    let rows = by_sub(&rows);
    for sub in [SUB1, SUB2] {
        let r = &rows[sub];
        assert_eq!(r["status"], "downloaded", "{r}");
        assert_eq!(r["verified"], true);
        assert!(r["rows"].as_u64().unwrap() >= 1, "{r}");
        assert!(r["path"].as_str().unwrap().ends_with(&name(sub)), "{r}");
    }
    assert_eq!(rows[EXTRA1]["status"], "no_statement");
    let bad = &rows[STRANGER];
    assert_eq!(bad["status"], "error", "{bad}");
    assert_eq!(bad["exit_code"], 4);
    assert_eq!(bad["error"]["code"], "NO_AUTH", "{bad}");
    assert!(
        bad["error"]["message"].as_str().unwrap().contains(STRANGER),
        "{bad}"
    );
    assert_eq!(listing(&lab), [name(SUB1), name(SUB2)]);
    assert!(stderr(&out).contains("1 of 4"), "{}", stderr(&out));

    // A rerun: the bills are there and up to date; the stranger still fails, as a table.
    let again = many(&lab, &[]);
    exit(&again, 4);
    let table = stdout(&again);
    let line = |sub: &str| {
        table
            .lines()
            .find(|l| l.starts_with(sub))
            .unwrap_or_else(|| panic!("no row for {sub}: {table}"))
            .to_string()
    };
    assert!(line(SUB1).contains("up_to_date"), "{table}");
    assert!(line(SUB2).contains("up_to_date"), "{table}");
    assert!(line(EXTRA1).contains("no_statement"), "{table}");
    assert!(line(STRANGER).contains("error (exit 4)"), "{table}");
    assert_eq!(listing(&lab), [name(SUB1), name(SUB2)]);

    // -o jsonl: a line per row.
    let lines = many(&lab, &["-o", "jsonl"]);
    exit(&lines, 4);
    let rows: Vec<Value> = stdout(&lines)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4, "{}", stdout(&lines));
    assert_eq!(
        rows.iter().filter(|r| r["status"] == "up_to_date").count(),
        2
    );
}

#[test]
fn frequency_limited_applications_are_retried_with_the_same_request_until_all_succeed() {
    // The sandbox allows 2 applications a second; the client is told it may send 100.
    let lab = lab(2, 2, Some(2.0));
    subs_file(&lab, &format!("{SUB1}\n{SUB2}\n{EXTRA1}\n{EXTRA2}\n"));
    let out = many(
        &lab,
        &["-o", "json", "--concurrency", "4", "--retries", "10"],
    );
    exit(&out, 0);
    let rows = json(&out);
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "downloaded"),
        "{rows}"
    );
    assert_eq!(listing(&lab).len(), 4);
    let log = lab.sb.requests();
    let applies: Vec<_> = log
        .iter()
        .filter(|r| r.path.starts_with("/v3/bill/tradebill"))
        .collect();
    let limited: Vec<_> = applies.iter().filter(|r| r.status == Some(429)).collect();
    assert!(!limited.is_empty(), "no 429 in {applies:?}");
    // Each refused application was sent again, the very same request, and then answered.
    for r in &limited {
        assert!(
            applies
                .iter()
                .any(|later| later.id > r.id && later.path == r.path && later.status == Some(200)),
            "{} was not retried: {applies:?}",
            r.path
        );
    }
}

#[test]
fn the_pace_keeps_a_run_under_the_limit() {
    // At the sandbox's own rate nothing is refused.
    let lab = lab(2, 2, Some(5.0));
    subs_file(&lab, &format!("{SUB1}\n{SUB2}\n{EXTRA1}\n{EXTRA2}\n"));
    let out = lab
        .cmd()
        .args([
            "-q",
            "bill",
            "download",
            "--date",
            DAY,
            "--sub-mchid-from",
            "-",
            "--dir",
            "bills",
            "--bill-rate",
            "2",
            "--concurrency",
            "4",
            "-o",
            "json",
        ])
        .write_stdin(format!("{SUB1}\n{SUB2}\n{EXTRA1}\n{EXTRA2}\n"))
        .output()
        .unwrap();
    exit(&out, 0);
    assert_eq!(json(&out).as_array().unwrap().len(), 4);
    let refused = lab
        .sb
        .requests()
        .iter()
        .filter(|r| r.status == Some(429))
        .count();
    assert_eq!(refused, 0, "{:?}", lab.sb.requests());
}

#[test]
fn a_malformed_line_or_a_conflicting_flag_is_exit_2_and_nothing_is_sent() {
    let lab = lab(0, 1, None);
    subs_file(&lab, &format!("{SUB1}\n# fine\n{SUB2}x\n{SUB2}\n"));
    let out = many(&lab, &[]);
    exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("subs.txt, line 3"), "{err}");
    assert!(err.contains(&format!("{SUB2}x")), "{err}");

    subs_file(&lab, &format!("{SUB1}\n"));
    for extra in [
        &["--sub-mchid", SUB1][..],
        &["--out", "-"][..],
        &["--out", "x.csv"][..],
        &["--kind", "fundflow"][..],
        &["--bill-rate", "0"][..],
    ] {
        let out = many(&lab, extra);
        exit(&out, 2);
        assert!(stderr(&out).contains("--"), "{extra:?}: {}", stderr(&out));
    }
    let out = lab
        .cmd()
        .args([
            "-q",
            "bill",
            "download",
            "--url",
            "http://127.0.0.1:9/x",
            "--hash",
            &"a".repeat(40),
            "--sub-mchid-from",
            "subs.txt",
        ])
        .output()
        .unwrap();
    exit(&out, 2);
    assert_eq!(lab.api_requests("/v3/"), 0, "{:?}", lab.sb.requests());
    assert!(listing(&lab).is_empty());
}

#[test]
fn the_sandbox_lists_its_extra_sub_merchants_and_seeds_spread_over_them() {
    let lab = lab(3, 1, None);
    let info = lab.sb.info();
    assert_eq!(
        info.merchants[0].sub_merchants,
        [SUB1, SUB2, EXTRA1, EXTRA2, "1990000003"]
    );
    // A second batch of two orders: order 0 → 二级商户 0 and 1, order 1 → 2 and 3.
    lab.sb.seed("2026-04-30", 2).unwrap();
    subs_file(&lab, &format!("{EXTRA1}\n{EXTRA2}\n1990000003\n"));
    let out = lab
        .cmd()
        .args([
            "-q",
            "bill",
            "download",
            "--date",
            "2026-04-30",
            "--sub-mchid-from",
            "subs.txt",
            "--dir",
            "bills",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    exit(&out, 0);
    let rows = by_sub(&json(&out));
    assert_eq!(rows[EXTRA1]["status"], "downloaded");
    assert_eq!(rows[EXTRA2]["status"], "downloaded");
    assert_eq!(rows["1990000003"]["status"], "no_statement");
}

#[test]
fn a_direct_merchant_refused_for_every_sub_mchid_gets_a_hint() {
    // Direct mode: the main merchant is no 服务商, so WeChat Pay refuses every sub_mchid.
    let lab = Lab::new();
    lab.sb.set_clock(READY).unwrap();
    lab.sb.seed(DAY, 1).unwrap();
    fs::create_dir_all(lab.env.path().join("bills")).unwrap();
    subs_file(&lab, &format!("{SUB1}\n{SUB2}\n"));
    let out = many(&lab, &[]);
    exit(&out, 4);
    let err = stderr(&out);
    assert!(err.contains("2 of 2"), "{err}");
    assert!(
        err.contains("is for a 服务商; is profile sandbox one"),
        "{err}"
    );
    assert!(listing(&lab).is_empty());
}
