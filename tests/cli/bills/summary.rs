//! `bill summary` (issue 14, item 8): seeded sandbox days (with a refund) downloaded and verified
//! by `--fetch`, then read from `--dir`; the figures against what each bill's own summary line
//! says; grouping by merchant and sub-merchant; a day without a bill; a tampered bill (exit 6);
//! the JSON, JSON-lines and CSV shapes; no bar column off a terminal.

use std::fs;
use std::path::Path;
use std::process::Output;

use serde_json::Value;
use wxcombine::bill::{BillReader, Record, Summary};
use wxcombine::sandbox::SandboxOptions;

use crate::harness::bills::{
    TRADE_ALL_HEADER, TRADE_SUMMARY_HEADER, bill_file, data_line, fee, synthetic_trade_all,
    trade_summary_line, yuan,
};
use crate::harness::lab::template;
use crate::harness::{Lab, TestEnv, exit, json, stderr, stdout};

const DAY: &str = "2026-05-01";
const NEXT: &str = "2026-05-02";

/// What a bill file says of itself: (SUCCESS rows, summary gross fen, refunds fen, fees units).
fn own_summary(path: &Path) -> (u64, i64, i64, i64) {
    let mut r = BillReader::new(fs::File::open(path).unwrap()).unwrap();
    let mut orders = 0;
    for rec in &mut r {
        let Record::Trade(t) = rec.unwrap() else {
            panic!("a trade bill")
        };
        if t.trade_state.as_deref() == Some("SUCCESS") {
            orders += 1;
        }
    }
    let Some(Summary::Trade(s)) = r.summary() else {
        panic!("a trade summary line")
    };
    (
        orders,
        s.settlement_total_fen.unwrap().0,
        s.refund_fen.unwrap().0,
        s.fee.unwrap().0,
    )
}

fn figures(v: &Value) -> (u64, i64, i64, i64) {
    (
        v["orders"].as_u64().unwrap(),
        v["gross_fen"].as_i64().unwrap(),
        v["refunds_fen"].as_i64().unwrap(),
        v["fees_fen"].as_i64().unwrap() * 1000,
    )
}

fn row_of<'a>(v: &'a Value, key: &str, value: &str) -> &'a Value {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no row {key}={value} in {v}"))
}

/// Two seeded days, a refund on the first, and the day before them without trades.
fn seeded_lab(opts: SandboxOptions) -> Lab {
    let lab = Lab::with(SandboxOptions {
        identities_from: Some(template().to_path_buf()),
        ..opts
    });
    lab.sb.set_clock("2026-05-01T09:30:00+08:00").unwrap();
    lab.sb.seed(DAY, 4).unwrap();
    if !lab.sb.info().service_provider {
        lab.prepay("sandbox", &lab.body("P600001"));
        lab.sb.pay("P600001").unwrap();
        lab.sb.advance_clock(3600).unwrap();
        lab.sb.refund("P600001", "P600001A", Some(4)).unwrap();
    }
    lab.sb.set_clock("2026-05-02T12:00:00+08:00").unwrap();
    lab.sb.seed(NEXT, 3).unwrap();
    lab.sb.set_clock("2026-05-03T11:00:00+08:00").unwrap();
    lab
}

fn summary(lab: &Lab, args: &[&str]) -> Output {
    lab.cmd()
        .args(["-q", "bill", "summary"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn seeded_days_with_a_refund_add_up_to_each_bills_summary_line() {
    let lab = seeded_lab(SandboxOptions::default());
    let dir = lab.env.path().join("bills");
    fs::create_dir_all(&dir).unwrap();
    let dir_s = dir.to_str().unwrap();
    // --fetch downloads and verifies with `bill download`; the day before has no statement.
    let out = summary(
        &lab,
        &[
            "--from",
            "2026-04-30",
            "--to",
            NEXT,
            "--fetch",
            "--dir",
            dir_s,
            "-o",
            "json",
        ],
    );
    exit(&out, 0);
    let v = json(&out);
    let mchid = lab.mchid(0);
    let bill = |d: &str| dir.join(format!("tradebill_{mchid}_{d}_ALL.csv"));
    let mut sum = (0, 0, 0, 0);
    for d in [DAY, NEXT] {
        let own = own_summary(&bill(d));
        let row = row_of(&v, "date", d);
        assert_eq!(figures(row), own, "{d}: {row}");
        assert_eq!(row["bill"], "read");
        sum = (sum.0 + own.0, sum.1 + own.1, sum.2 + own.2, sum.3 + own.3);
    }
    // The refund of 4 fen is in the first day's bill and in its row.
    let first = row_of(&v, "date", DAY);
    assert_eq!(first["refunds_fen"], 4);
    assert_eq!(first["refunds"], "0.04");
    assert_eq!(first["refund_rows"], 1);
    assert_eq!(figures(&v["totals"]), sum);
    let net = |x: &Value| {
        x["gross_fen"].as_i64().unwrap()
            - x["refunds_fen"].as_i64().unwrap()
            - x["fees_fen"].as_i64().unwrap()
    };
    assert_eq!(v["totals"]["net_fen"].as_i64().unwrap(), net(&v["totals"]));
    let before = row_of(&v, "date", "2026-04-30");
    assert_eq!(before["bill"], "no_statement");
    assert_eq!(before["orders"], 0);
    assert!(stderr(&out).is_empty(), "-q: {}", stderr(&out));

    // The same bills from --dir, without the network: the same figures. Then one day gone.
    let again = summary(
        &lab,
        &["--from", DAY, "--to", NEXT, "--dir", dir_s, "-o", "json"],
    );
    exit(&again, 0);
    assert_eq!(json(&again)["totals"], v["totals"]);
    fs::remove_file(bill(NEXT)).unwrap();
    let out = summary(
        &lab,
        &["--from", DAY, "--to", NEXT, "--dir", dir_s, "-o", "json"],
    );
    exit(&out, 0);
    let w = json(&out);
    assert_eq!(row_of(&w, "date", NEXT)["bill"], "missing");
    assert_eq!(w["days_without_bill"][0]["date"], NEXT);
    assert_eq!(figures(&w["totals"]), own_summary(&bill(DAY)));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("warning: {NEXT}: no trade bill")) && err.contains("--fetch"),
        "{err}"
    );
    // In the table too: the missing day is a flagged row, not a silent 0; no bar off a terminal.
    let out = summary(&lab, &["--from", DAY, "--to", NEXT, "--dir", dir_s]);
    exit(&out, 0);
    let table = stdout(&out);
    let line = table.lines().find(|l| l.starts_with(NEXT)).unwrap();
    assert!(line.contains("no bill file"), "{table}");
    assert!(!table.contains('█') && !table.contains('░'), "{table}");
    assert!(!table.contains("(bar)"), "{table}");
}

#[test]
fn a_service_providers_bill_grouped_by_sub_merchant_and_by_merchant() {
    let lab = seeded_lab(SandboxOptions {
        service_provider: true,
        ..SandboxOptions::default()
    });
    let dir = lab.env.path().join("bills");
    fs::create_dir_all(&dir).unwrap();
    let dir_s = dir.to_str().unwrap();
    let out = summary(
        &lab,
        &[
            "--from",
            DAY,
            "--to",
            DAY,
            "--fetch",
            "--dir",
            dir_s,
            "--by",
            "sub_mchid",
            "-o",
            "json",
        ],
    );
    exit(&out, 0);
    let v = json(&out);
    let path = dir.join(format!("tradebill_{}_{DAY}_ALL.csv", lab.mchid(0)));
    // Per sub-merchant, straight from the bill's records.
    let mut expected: std::collections::BTreeMap<String, (u64, i64)> = Default::default();
    let mut r = BillReader::new(fs::File::open(&path).unwrap()).unwrap();
    for rec in &mut r {
        let Record::Trade(t) = rec.unwrap() else {
            panic!()
        };
        let e = expected.entry(t.sub_mchid.clone().unwrap()).or_default();
        e.0 += u64::from(t.trade_state.as_deref() == Some("SUCCESS"));
        e.1 += t.settlement_total_fen.unwrap().0;
    }
    assert!(expected.len() >= 2, "{expected:?}");
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), expected.len(), "{v}");
    for (sub, (orders, gross)) in &expected {
        let row = row_of(&v, "sub_mchid", sub);
        assert_eq!(row["mchid"], lab.mchid(0).as_str());
        assert_eq!(
            (
                row["orders"].as_u64().unwrap(),
                row["gross_fen"].as_i64().unwrap()
            ),
            (*orders, *gross)
        );
    }
    assert_eq!(figures(&v["totals"]), own_summary(&path));

    let out = summary(
        &lab,
        &[
            "--from", DAY, "--to", DAY, "--dir", dir_s, "--by", "mchid", "-o", "json",
        ],
    );
    exit(&out, 0);
    let m = json(&out);
    assert_eq!(m["rows"].as_array().unwrap().len(), 1, "{m}");
    assert_eq!(m["rows"][0]["mchid"], lab.mchid(0).as_str());
    assert!(m["rows"][0].get("sub_mchid").is_none());
    assert_eq!(m["rows"][0]["gross_fen"], v["totals"]["gross_fen"]);
}

/// A trade ALL bill of (mchid, sub_mchid, out_trade_no, SUCCESS|REFUND, fen, fee in 0.00001 元).
fn small_bill(rows: &[(&str, &str, &str, &str, u64, i64)]) -> Vec<u8> {
    let mut lines = vec![TRADE_ALL_HEADER.to_string()];
    let (mut settled, mut refunded, mut fees, mut totals) = (0u64, 0u64, 0i64, 0u64);
    for (i, (mchid, sub, no, state, fen, fee_units)) in rows.iter().enumerate() {
        let refund = *state == "REFUND";
        let (settle, refund_fen, total) = if refund {
            (0, *fen, 0)
        } else {
            (*fen, 0, *fen)
        };
        settled += settle;
        refunded += refund_fen;
        totals += total;
        fees += fee_units;
        let fee_text = fee(*fee_units);
        lines.push(data_line(&[
            "2026-05-01 10:00:00".into(),
            "wxd678efh567hg6787".into(),
            (*mchid).into(),
            (*sub).into(),
            String::new(),
            format!("42000{i:023}"),
            (*no).into(),
            "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o".into(),
            "JSAPI".into(),
            (*state).into(),
            "OTHERS".into(),
            "CNY".into(),
            yuan(settle),
            "0.00".into(),
            if refund {
                format!("50300{i:024}")
            } else {
                "0".into()
            },
            if refund { format!("R{no}") } else { "0".into() },
            yuan(refund_fen),
            "0.00".into(),
            if refund { "ORIGINAL" } else { "" }.into(),
            if refund { "SUCCESS" } else { "" }.into(),
            "商品".into(),
            String::new(),
            fee_text,
            "0.60%".into(),
            yuan(total),
            yuan(refund_fen),
            String::new(),
        ]));
    }
    lines.push(TRADE_SUMMARY_HEADER.into());
    lines.push(trade_summary_line(
        rows.len(),
        settled,
        refunded,
        fees,
        totals,
        refunded,
    ));
    bill_file(&lines)
}

/// Two days of two merchants, the second day at a loss (a refund larger than its sales).
fn two_days(env: &TestEnv) {
    env.write(
        "tradebill_1900000109_2026-05-01_ALL.csv",
        small_bill(&[
            ("1900000109", "", "A1", "SUCCESS", 10000, 60_000),
            ("1900000110", "", "B1", "SUCCESS", 2500, 15_000),
            ("1900000109", "", "A2", "SUCCESS", 990, 6_000),
        ]),
        0o644,
    );
    env.write(
        "tradebill_1900000109_2026-05-02_ALL.csv",
        small_bill(&[
            ("1900000109", "", "A3", "SUCCESS", 100, 1_000),
            ("1900000109", "", "A1", "REFUND", 5000, -30_000),
        ]),
        0o644,
    );
}

const BILLS: [&str; 2] = [
    "tradebill_1900000109_2026-05-01_ALL.csv",
    "tradebill_1900000109_2026-05-02_ALL.csv",
];

#[test]
fn json_jsonl_and_csv_shapes_of_bills_given_by_name() {
    let env = TestEnv::new();
    two_days(&env);
    let run = |extra: &[&str]| {
        env.cmd()
            .args(["bill", "summary", "--bill", BILLS[0], BILLS[1]])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&["-o", "json"]);
    exit(&out, 0);
    insta::assert_snapshot!(
        "bill_summary_by_day",
        serde_json::to_string_pretty(&json(&out)).unwrap()
    );

    let out = run(&["--by", "mchid", "-o", "json"]);
    exit(&out, 0);
    let v = json(&out);
    let a = row_of(&v, "mchid", "1900000109");
    assert_eq!(a["orders"], 3);
    assert_eq!(a["gross_fen"], 11090);
    assert_eq!(a["refunds_fen"], 5000);
    assert_eq!(a["fees_fen"], 37);
    assert_eq!(a["net_fen"], 11090 - 5000 - 37);
    assert_eq!(row_of(&v, "mchid", "1900000110")["gross"], "25.00");

    let out = run(&["-o", "jsonl"]);
    exit(&out, 0);
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "two days and the totals");
    assert_eq!(lines[0]["date"], "2026-05-01");
    assert_eq!(lines[1]["net_fen"], 100 - 5000 + 29);
    assert_eq!(lines[2]["totals"]["orders"], 4);

    let out = run(&["--csv"]);
    exit(&out, 0);
    let csv = stdout(&out);
    let mut l = csv.lines();
    assert_eq!(
        l.next().unwrap(),
        "date,orders,refund_rows,gross,refunds,fees,net,gross_fen,refunds_fen,fees_fen,net_fen,bill"
    );
    assert_eq!(
        l.next().unwrap(),
        "2026-05-01,3,0,134.90,0.00,0.81000,134.09000,13490,0,81,13409,read"
    );
    assert_eq!(
        l.next().unwrap(),
        "2026-05-02,1,1,1.00,50.00,-0.29000,-48.71000,100,5000,-29,-4871,read"
    );
    assert_eq!(
        l.next(),
        None,
        "no total row in the CSV: a spreadsheet adds it"
    );

    // The table off a terminal: the loss shows as a negative net, and there is no bar column.
    let out = run(&[]);
    exit(&out, 0);
    let table = stdout(&out);
    assert!(table.contains("-48.71"), "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("total") && l.contains("85.38")),
        "{table}"
    );
    assert!(!table.contains('█') && !table.contains('░'), "{table}");
}

#[test]
fn a_bill_whose_rows_disagree_with_its_summary_line_is_refused_naming_it() {
    let env = TestEnv::new();
    two_days(&env);
    // One record's 应结订单金额 changed after the summary line was written.
    env.write(
        "tradebill_1900000109_2026-05-03_ALL.csv",
        synthetic_trade_all(20, Some((3, 99_999))),
        0o644,
    );
    let out = env
        .cmd()
        .args(["bill", "summary", "--bill", BILLS[0], BILLS[1]])
        .arg("tradebill_1900000109_2026-05-03_ALL.csv")
        .output()
        .unwrap();
    exit(&out, 6);
    let err = stderr(&out);
    assert!(
        err.contains("tradebill_1900000109_2026-05-03_ALL.csv"),
        "{err}"
    );
    assert!(err.contains("应结订单总金额"), "{err}");
    assert!(
        stdout(&out).is_empty(),
        "no table from a bill that does not add up"
    );
}

#[test]
fn a_day_of_the_range_without_a_bill_given_is_flagged() {
    let env = TestEnv::new();
    two_days(&env);
    let out = env
        .cmd()
        .args([
            "bill",
            "summary",
            "--from",
            "2026-04-30",
            "--to",
            "2026-05-01",
        ])
        .args(["--bill", BILLS[0], "-o", "json"])
        .output()
        .unwrap();
    exit(&out, 0);
    let v = json(&out);
    assert_eq!(row_of(&v, "date", "2026-04-30")["bill"], "missing");
    assert!(
        stderr(&out).contains("2026-04-30: no trade bill"),
        "{}",
        stderr(&out)
    );
    // A bill outside the range is a usage error, not silently left out.
    let out = env
        .cmd()
        .args([
            "bill",
            "summary",
            "--from",
            "2026-04-30",
            "--to",
            "2026-05-01",
        ])
        .args(["--bill", BILLS[1]])
        .output()
        .unwrap();
    exit(&out, 2);
    assert!(
        stderr(&out).contains("not within --from/--to"),
        "{}",
        stderr(&out)
    );
}
