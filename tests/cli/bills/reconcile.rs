//! `bill reconcile` (issue 14, cli.md): the day's trade bills against the merchant's export.
//! Bills come from the in-process sandbox (seeded days, downloaded and verified by the command
//! itself) or are written here in the exact format of apiv3.md §9 with refund rows (§14.5).
//! Every class is planted, both ways of holding the smaller side give the same answer, and a
//! clean day exits 0 while any discrepancy exits 6.

use std::fs;
use std::path::Path;
use std::process::Output;

use serde_json::Value;
use wxcombine::bill::{BillReader, Record};
use wxcombine::sandbox::SandboxOptions;

use crate::harness::bills::{
    TRADE_ALL_HEADER, TRADE_SUMMARY_HEADER, bill_file, data_line, fee, gzip, trade_summary_line,
    yuan,
};
use crate::harness::lab::template;
use crate::harness::{Lab, TestEnv, exit, json, stderr, stdout};

const DAY: &str = "2026-05-01";
const NEXT: &str = "2026-05-02";
const NAMED: &str = "tradebill_1900000109_2026-05-01_ALL.csv";

fn lab() -> Lab {
    Lab::with(SandboxOptions {
        identities_from: Some(template().to_path_buf()),
        ..SandboxOptions::default()
    })
}

fn count(v: &Value, class: &str) -> u64 {
    v["classes"][class]["count"].as_u64().unwrap()
}

/// (class, key) of every discrepancy, key = out_refund_no for refunds, else out_trade_no.
fn discrepancies(v: &Value) -> Vec<(String, String)> {
    v["discrepancies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let r = d["out_refund_no"].as_str().unwrap();
            let key = if r.is_empty() {
                d["out_trade_no"].as_str().unwrap()
            } else {
                r
            };
            (d["class"].as_str().unwrap().to_string(), key.to_string())
        })
        .collect()
}

/// The payment rows of a bill file: (out_trade_no, order amount in fen).
fn bill_payments(path: &Path) -> Vec<(String, i64)> {
    let mut r = BillReader::new(fs::File::open(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for rec in &mut r {
        let Record::Trade(t) = rec.unwrap() else {
            panic!("a trade bill")
        };
        if t.trade_state.as_deref() == Some("SUCCESS") {
            out.push((t.out_trade_no.unwrap(), t.total_fen.unwrap().0));
        }
    }
    out
}

/// One row of a hand-written trade ALL bill.
struct Row {
    no: &'static str,
    /// Fen: the order amount, or the refund amount of a refund row.
    amount: u64,
    /// `Some(out_refund_no)` for a refund row.
    refund: Option<&'static str>,
    mchid: &'static str,
    time: &'static str,
}

fn pay(no: &'static str, amount: u64) -> Row {
    Row {
        no,
        amount,
        refund: None,
        mchid: "1900000109",
        time: "2026-05-01 10:00:00",
    }
}

fn refund(no: &'static str, out_refund_no: &'static str, amount: u64) -> Row {
    Row {
        refund: Some(out_refund_no),
        ..pay(no, amount)
    }
}

/// A trade ALL bill of `rows` with a correct summary line (§9.1–9.2): refund rows have
/// 应结订单金额 0.00, the refund in 退款金额 and the fee returned as a negative 手续费 (§14.5).
fn trade_bill(rows: &[Row]) -> Vec<u8> {
    let mut lines = vec![TRADE_ALL_HEADER.to_string()];
    let (mut settled, mut refunded, mut fees, mut totals) = (0u64, 0u64, 0i64, 0u64);
    for (i, r) in rows.iter().enumerate() {
        let fee_units = (r.amount * 6) as i64;
        let (state, settle, refund_fen, fee_text, refund_id, out_refund_no) = match r.refund {
            Some(no) => (
                "REFUND",
                0,
                r.amount,
                fee(-fee_units),
                format!("5030{i:025}"),
                no.to_string(),
            ),
            None => (
                "SUCCESS",
                r.amount,
                0,
                fee(fee_units),
                "0".into(),
                "0".into(),
            ),
        };
        settled += settle;
        refunded += refund_fen;
        totals += settle;
        fees += if r.refund.is_some() {
            -fee_units
        } else {
            fee_units
        };
        let f: Vec<String> = vec![
            r.time.into(),
            "wxd678efh567hg6787".into(),
            r.mchid.into(),
            "0".into(),
            String::new(),
            format!("4200{i:024}"),
            r.no.into(),
            "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o".into(),
            "JSAPI".into(),
            state.into(),
            "OTHERS".into(),
            "CNY".into(),
            yuan(settle),
            "0.00".into(),
            refund_id,
            out_refund_no,
            yuan(refund_fen),
            "0.00".into(),
            if r.refund.is_some() { "ORIGINAL" } else { "" }.into(),
            if r.refund.is_some() { "SUCCESS" } else { "" }.into(),
            "合单子单".into(),
            String::new(),
            fee_text,
            "0.60%".into(),
            yuan(settle),
            yuan(refund_fen),
            String::new(),
        ];
        lines.push(data_line(&f));
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

/// The bill every hand-written case uses: payments P1–P4 and refunds R1–R3.
fn planted_bill() -> Vec<u8> {
    trade_bill(&[
        pay("P1", 1000),
        pay("P2", 2500),
        pay("P3", 990),
        pay("P4", 500),
        refund("P1", "R1", 300),
        refund("P2", "R2", 700),
        refund("P3", "R3", 100),
    ])
}

/// The export against [`planted_bill`], one of each class planted:
/// P1 matches; P2's amount differs; P3 is CLOSED locally; P4 is missing locally; P5 is missing in
/// the bill; R1 matches; R2's refund amount differs; R3 is in the bill only; R4 locally only.
const PLANTED_CSV: &str = "out_trade_no,amount,state,out_refund_no,refund_amount
P1,10.00,SUCCESS,,
P2,24.00,SUCCESS,,
P3,9.90,CLOSED,,
P5,1.00,SUCCESS,,
P1,,REFUND,R1,3.00
P2,,REFUND,R2,6.00
P5,,REFUND,R4,1.00
";

fn planted_expectation() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = [
        ("amount_mismatch", "P2"),
        ("state_mismatch", "P3"),
        ("missing_locally", "P4"),
        ("missing_in_bill", "P5"),
        ("refund_mismatch", "R2"),
        ("refund_mismatch", "R3"),
        ("refund_mismatch", "R4"),
    ]
    .iter()
    .map(|(c, k)| (c.to_string(), k.to_string()))
    .collect();
    v.sort();
    v
}

fn reconcile(env: &TestEnv, args: &[&str]) -> Output {
    env.cmd()
        .args(["bill", "reconcile"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_class_planted_in_a_bill_with_refunds_either_side_held() {
    let env = TestEnv::new();
    env.write("bill.csv", planted_bill(), 0o644);
    env.write("orders.csv", PLANTED_CSV, 0o644);
    let out = reconcile(
        &env,
        &["--bill", "bill.csv", "--orders", "orders.csv", "-o", "json"],
    );
    exit(&out, 6);
    let v = json(&out);
    assert_eq!(v["held"], "orders", "the export is the smaller file");
    let mut got = discrepancies(&v);
    got.sort();
    assert_eq!(got, planted_expectation());
    assert_eq!(count(&v, "matched"), 2, "P1 and R1");
    assert_eq!(count(&v, "refund_mismatch"), 3);
    // Every record in exactly one class: 7 local records and 2 bill-only rows (P4, R3).
    let total: u64 = [
        "matched",
        "missing_in_bill",
        "missing_locally",
        "amount_mismatch",
        "state_mismatch",
        "refund_mismatch",
    ]
    .iter()
    .map(|c| count(&v, c))
    .sum();
    assert_eq!(total, 7 + 2);
    // The bill's money, per merchant and in total, agrees with its summary line.
    assert_eq!(v["totals"]["gross"], "49.90");
    assert_eq!(v["totals"]["refunds"], "11.00");
    assert_eq!(v["summary_line"]["gross"], "49.90");
    assert_eq!(v["summary_line"]["agrees"], true);
    let shop = v["merchants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["mchid"] == "1900000109")
        .unwrap();
    assert_eq!(shop["orders"], 4);
    assert_eq!(shop["refund_rows"], 3);
    assert_eq!(shop["classes"]["missing_locally"], 1);
    // The fee of 49.90 元 minus the fee returned on 11.00 元: (4990 - 1100) × 6 units.
    assert_eq!(v["totals"]["fees"], "0.23340");
    let p2 = &v["discrepancies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["out_trade_no"] == "P2" && d["out_refund_no"] == "")
        .unwrap()
        .clone();
    assert_eq!(p2["local_amount"], "24.00");
    assert_eq!(p2["bill_amount"], "25.00");
    assert_eq!(p2["local_row"], 2);
    assert_eq!(p2["bill_line"], 3);

    // A larger export (unpaid orders that are rightly not in the bill) makes the bill the
    // smaller side: held the other way round, the verdict is the same.
    let mut big = PLANTED_CSV.to_string();
    for i in 0..400 {
        big.push_str(&format!("N{i:05},1.00,CLOSED,,\n"));
    }
    env.write("big.csv", &big, 0o644);
    let out = reconcile(
        &env,
        &["--bill", "bill.csv", "--orders", "big.csv", "-o", "json"],
    );
    exit(&out, 6);
    let w = json(&out);
    assert_eq!(w["held"], "bills");
    assert_eq!(w["discrepancies"], v["discrepancies"]);
    assert_eq!(count(&w, "matched"), 2 + 400);
}

/// A plain bill is read twice at once (the full read, and a matching pass over the same file,
/// issue 14 item 4); a gzip bill once. Both give the same report, line numbers included, with
/// blank lines, LF line ends and no line ending after the summary line; and a bad amount in a
/// column the matching pass never reads still fails the run, naming its line and column.
#[test]
fn a_plain_bill_and_its_gzip_report_alike() {
    let env = TestEnv::new();
    let crlf = String::from_utf8(planted_bill()).unwrap();
    let odd = crlf
        .replacen("\r\n`", "\r\n\r\n`", 2)
        .replace("\r\n", "\n")
        .trim_end_matches('\n')
        .to_string();
    env.write("plain.csv", &odd, 0o644);
    env.write("bill.csv.gz", gzip(odd.as_bytes()), 0o644);
    env.write("orders.csv", PLANTED_CSV, 0o644);
    let mut reports = Vec::new();
    for bill in ["plain.csv", "bill.csv.gz"] {
        let out = reconcile(
            &env,
            &["--bill", bill, "--orders", "orders.csv", "-o", "json"],
        );
        exit(&out, 6);
        let mut v = json(&out);
        assert_eq!(v["held"], "orders");
        v["bills"][0]["path"] = Value::Null;
        reports.push(v);
    }
    assert_eq!(reports[0], reports[1]);
    let mut got = discrepancies(&reports[0]);
    got.sort();
    assert_eq!(got, planted_expectation());
    // Header, blank, P1, blank, P2: the blank lines count.
    let p2 = reports[0]["discrepancies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["out_trade_no"] == "P2" && d["out_refund_no"] == "")
        .unwrap()
        .clone();
    assert_eq!(p2["bill_line"], 5);
    assert_eq!(reports[0]["summary_line"]["agrees"], true);

    // P1's 手续费, which only the full read parses.
    let bad = odd.replacen("`0.06000,", "`0.06x00,", 1);
    assert_ne!(bad, odd);
    env.write("bad.csv", &bad, 0o644);
    let out = reconcile(&env, &["--bill", "bad.csv", "--orders", "orders.csv"]);
    exit(&out, 6);
    let err = stderr(&out);
    assert!(err.contains("line 3") && err.contains("手续费"), "{err}");
}

#[test]
fn discrepancies_as_json_lines_and_csv_and_the_table() {
    let env = TestEnv::new();
    // A bill under its default name: the date in the name is the bill's date.
    env.write(NAMED, planted_bill(), 0o644);
    env.write("orders.csv", PLANTED_CSV, 0o644);
    let out = reconcile(
        &env,
        &["--bill", NAMED, "--orders", "orders.csv", "-o", "jsonl"],
    );
    exit(&out, 6);
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7, "discrepancies only: {}", stdout(&out));
    assert!(lines.iter().all(|l| l["class"] != "matched"));

    let out = reconcile(
        &env,
        &[
            "--bill",
            NAMED,
            "--orders",
            "orders.csv",
            "-o",
            "jsonl",
            "--format",
            "csv",
        ],
    );
    exit(&out, 6);
    let text = stdout(&out);
    let mut rows = text.lines();
    assert!(
        rows.next()
            .unwrap()
            .starts_with("class,out_trade_no,out_refund_no,")
    );
    assert_eq!(rows.count(), 7);
    assert!(text.contains("\nstate_mismatch,P3,,1900000109,,3,9.90,CLOSED,2026-05-01,"));

    let out = reconcile(&env, &["--bill", NAMED, "--orders", "orders.csv"]);
    exit(&out, 6);
    let table = stdout(&out);
    for needle in [
        "missing_in_bill",
        "refund_mismatch",
        "summary line",
        "agrees",
        "P4",
    ] {
        assert!(table.contains(needle), "{needle} in\n{table}");
    }
    assert!(stderr(&out).contains("7 discrepancies"), "{}", stderr(&out));

    // --format is for -o jsonl only.
    let out = reconcile(
        &env,
        &["--bill", NAMED, "--orders", "orders.csv", "--format", "csv"],
    );
    exit(&out, 2);
}

#[test]
fn yuan_and_fen_exports_agree_and_json_lines_and_map_work() {
    let env = TestEnv::new();
    env.write(
        "bill.csv",
        trade_bill(&[pay("A1", 1000), pay("A2", 5), refund("A1", "RA", 1000)]),
        0o644,
    );
    let run = |name: &str, body: &str, extra: &[&str]| {
        env.write(name, body, 0o644);
        let mut args = vec!["--bill", "bill.csv", "--orders", name, "-o", "json"];
        args.extend_from_slice(extra);
        let out = reconcile(&env, &args);
        exit(&out, 0);
        let v = json(&out);
        assert_eq!(v["clean"], true);
        assert_eq!(count(&v, "matched"), 3, "{name}");
        v
    };
    // Each column keeps one notation of its own: amount in 元 and refund_amount in fen here …
    let yuan = run(
        "yuan.csv",
        "out_trade_no,amount,state,out_refund_no,refund_amount\nA1,10.00,REFUND,,\nA2,0.05,SUCCESS,,\nA1,10.00,REFUND,RA,1000\n",
        &[],
    );
    // … and amount in fen, refund_amount in 元 with one decimal here.
    let fen = run(
        "fen.csv",
        "out_trade_no,amount,state,out_refund_no,refund_amount\nA1,1000,REFUND,,\nA2,5,SUCCESS,,\nA1,1000,REFUND,RA,10.0\n",
        &[],
    );
    assert_eq!(yuan["classes"], fen["classes"]);
    // JSON lines: numbers are fen or 元 by their notation, strings likewise.
    let jsonl = run(
        "orders.jsonl",
        "{\"out_trade_no\":\"A1\",\"amount\":1000,\"state\":\"SUCCESS\"}\n\n{\"out_trade_no\":\"A2\",\"amount\":\"5\",\"state\":\"SUCCESS\",\"mchid\":1900000109}\n{\"out_trade_no\":\"A1\",\"state\":\"REFUND\",\"out_refund_no\":\"RA\",\"refund_amount\":10.0}\n",
        &[],
    );
    assert_eq!(jsonl["classes"], yuan["classes"]);
    // --map: the export's own column names (and the usage line's COLUMN=FIELD order).
    let mapped = run(
        "mapped.csv",
        "order_id,total_fen,status,refund_no,refunded\nA1,1000,SUCCESS,,\nA2,5,SUCCESS,,\nA1,,REFUND,RA,1000\n",
        &[
            "--map",
            "out_trade_no=order_id,amount=total_fen",
            "--map",
            "status=state,out_refund_no=refund_no,refund_amount=refunded",
        ],
    );
    assert_eq!(mapped["classes"], yuan["classes"]);
    // Standard input is read (and held) like a file.
    let out = env
        .cmd()
        .args([
            "bill",
            "reconcile",
            "--bill",
            "bill.csv",
            "--orders",
            "-",
            "-o",
            "json",
        ])
        .write_stdin(fs::read(env.path().join("fen.csv")).unwrap())
        .output()
        .unwrap();
    exit(&out, 0);
    assert_eq!(json(&out)["classes"], yuan["classes"]);
}

#[test]
fn malformed_export_rows_exit_2_naming_row_and_column() {
    let env = TestEnv::new();
    env.write(
        "bill.csv",
        trade_bill(&[pay("A1", 1000), pay("A2", 5)]),
        0o644,
    );
    let cases: [(&str, &[&str]); 6] = [
        (
            "out_trade_no,amount,state\nA1,10.00,SUCCESS\nA2,0.050,SUCCESS\n",
            &[
                "row 2",
                "column amount",
                "\"0.050\"",
                "more than 2 decimals",
            ],
        ),
        (
            "out_trade_no,amount,state\nA1,10.00,SUCCESS\nA2,5,SUCCESS\n",
            &["row 2", "column amount", "ambiguous", "row 1"],
        ),
        (
            "out_trade_no,amount,state\nA1,\"1,000\",SUCCESS\n",
            &["row 1", "column amount", "ambiguous"],
        ),
        (
            "order,amount,state\nA1,1000,SUCCESS\n",
            &["no column \"out_trade_no\"", "--map"],
        ),
        (
            "out_trade_no,amount,state\nA1,1000,\n",
            &["row 1", "column state", "empty"],
        ),
        (
            "{\"out_trade_no\":\"A1\",\"amount\":1000,\"state\":\"SUCCESS\"}\n{\"out_trade_no\":\"A2\",\"amount\":-5,\"state\":\"SUCCESS\"}\n",
            &["row 2", "column amount", "\"-5\""],
        ),
    ];
    for (i, (body, needles)) in cases.iter().enumerate() {
        let name = format!("bad{i}.csv");
        env.write(&name, body, 0o644);
        let out = reconcile(&env, &["--bill", "bill.csv", "--orders", &name]);
        exit(&out, 2);
        assert!(out.stdout.is_empty(), "nothing on stdout: {}", stdout(&out));
        let err = stderr(&out);
        for n in *needles {
            assert!(err.contains(n), "case {i}: {n:?} in {err}");
        }
    }
    // The column named in the error is the export's own, with --map.
    env.write(
        "mapped.csv",
        "id,fen,state\nA1,1000,SUCCESS\nA2,x5,SUCCESS\n",
        0o644,
    );
    let out = reconcile(
        &env,
        &[
            "--bill",
            "bill.csv",
            "--orders",
            "mapped.csv",
            "--map",
            "out_trade_no=id,amount=fen",
        ],
    );
    exit(&out, 2);
    assert!(
        stderr(&out).contains("row 2 (line 3), column fen (amount)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_bill_that_does_not_add_up_is_a_verification_failure() {
    let env = TestEnv::new();
    let bill = String::from_utf8(trade_bill(&[pay("A1", 1000)]))
        .unwrap()
        .replace("`1,`10.00,", "`1,`10.01,");
    env.write("bill.csv", bill, 0o644);
    env.write(
        "orders.csv",
        "out_trade_no,amount,state\nA1,1000,SUCCESS\n",
        0o644,
    );
    let out = reconcile(&env, &["--bill", "bill.csv", "--orders", "orders.csv"]);
    exit(&out, 6);
    assert!(stderr(&out).contains("summary line"), "{}", stderr(&out));
}

/// Keys of 40,000 bytes: the batches between the two threads are sent by size (256 KiB) long
/// before they are full of rows, in both directions, and every record still pairs with its row;
/// one key differs only in its last byte.
#[test]
fn long_keys_cross_the_batches_between_the_threads() {
    let env = TestEnv::new();
    let keys: Vec<&'static str> = (0..14)
        .map(|i| &*Box::leak(format!("{}{i:02}", "K".repeat(40_000)).into_boxed_str()))
        .collect();
    let rows: Vec<Row> = keys.iter().map(|k| pay(k, 100)).collect();
    env.write("bill.csv", trade_bill(&rows), 0o644);
    let mut orders = String::from("out_trade_no,amount,state\n");
    for (i, k) in keys.iter().enumerate() {
        // The last record's amount is one fen off.
        let amount = if i == keys.len() - 1 { 101 } else { 100 };
        orders.push_str(&format!("{k},{amount},SUCCESS\n"));
    }
    env.write("orders.csv", &orders, 0o644);
    let out = reconcile(
        &env,
        &["--bill", "bill.csv", "--orders", "orders.csv", "-o", "json"],
    );
    exit(&out, 6);
    let v = json(&out);
    assert_eq!(v["held"], "orders");
    assert_eq!(count(&v, "matched"), 13);
    assert_eq!(
        discrepancies(&v),
        [("amount_mismatch".to_string(), keys[13].to_string())]
    );
}

/// A sandbox day: the command applies, downloads and verifies the bill itself.
#[test]
fn a_sandbox_day_clean_then_with_planted_discrepancies() {
    let lab = lab();
    lab.sb.set_clock("2026-05-02T11:00:00+08:00").unwrap();
    lab.sb.seed(DAY, 6).unwrap();
    let dir = lab.env.path().join("bills");
    fs::create_dir_all(&dir).unwrap();
    let dir_s = dir.to_str().unwrap().to_string();
    // First run keeps the bill in --dir; the export is built from it.
    lab.env
        .write("empty.csv", "out_trade_no,amount,state\n", 0o644);
    let out = lab
        .cmd()
        .args([
            "-q",
            "bill",
            "reconcile",
            "--date",
            DAY,
            "--orders",
            "empty.csv",
        ])
        .args(["--dir", &dir_s, "-o", "json"])
        .output()
        .unwrap();
    exit(&out, 6);
    let missing = count(&json(&out), "missing_locally");
    let bill = dir.join(format!("tradebill_{}_{DAY}_ALL.csv", lab.mchid(0)));
    let payments = bill_payments(&bill);
    assert!(payments.len() >= 6, "{payments:?}");
    assert_eq!(missing, payments.len() as u64);

    let mut clean = String::from("out_trade_no,amount,state\n");
    for (no, fen) in &payments {
        clean.push_str(&format!("{no},{fen},SUCCESS\n"));
    }
    lab.env.write("clean.csv", &clean, 0o644);
    // Without --dir: a temporary folder, removed afterwards.
    let out = lab
        .cmd()
        .args([
            "-q",
            "bill",
            "reconcile",
            "--date",
            DAY,
            "--orders",
            "clean.csv",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    exit(&out, 0);
    let v = json(&out);
    assert_eq!(count(&v, "matched"), payments.len() as u64);
    assert_eq!(v["bills"][0]["role"], "day");
    assert_eq!(v["bills"][0]["date"], DAY);
    assert_eq!(v["summary_line"]["agrees"], true);
    let bill_path = v["bills"][0]["path"].as_str().unwrap();
    assert!(
        !Path::new(bill_path).exists(),
        "the temporary bill is removed"
    );

    // Planted: row 0 missing locally, row 1's amount off by a fen, row 2 closed locally, and an
    // order the bill never saw.
    let mut planted = String::from("out_trade_no,amount,state\n");
    for (i, (no, fen)) in payments.iter().enumerate() {
        match i {
            0 => {}
            1 => planted.push_str(&format!("{no},{},SUCCESS\n", fen + 1)),
            2 => planted.push_str(&format!("{no},{fen},CLOSED\n")),
            _ => planted.push_str(&format!("{no},{fen},SUCCESS\n")),
        }
    }
    planted.push_str("NOT-IN-BILL,100,SUCCESS\n");
    lab.env.write("planted.csv", &planted, 0o644);
    let out = lab
        .cmd()
        .args([
            "-q",
            "bill",
            "reconcile",
            "--date",
            DAY,
            "--orders",
            "planted.csv",
        ])
        .args(["--dir", &dir_s, "-o", "json"])
        .output()
        .unwrap();
    exit(&out, 6);
    let v = json(&out);
    let mut got = discrepancies(&v);
    got.sort();
    let mut want = vec![
        ("missing_locally".to_string(), payments[0].0.clone()),
        ("amount_mismatch".to_string(), payments[1].0.clone()),
        ("state_mismatch".to_string(), payments[2].0.clone()),
        ("missing_in_bill".to_string(), "NOT-IN-BILL".to_string()),
    ];
    want.sort();
    assert_eq!(got, want);
    assert_eq!(count(&v, "matched"), payments.len() as u64 - 3);
}

/// An order paid at 00:00:00 on the next day, booked by the shop on the day before: missing
/// without tolerance, matched with `--tolerance-days 1`, which names the day it was found in.
#[test]
fn midnight_edge_with_tolerance_days() {
    let lab = lab();
    lab.sb.set_clock("2026-05-03T11:00:00+08:00").unwrap();
    lab.sb.seed(DAY, 3).unwrap();
    lab.sb.seed(NEXT, 3).unwrap();
    let dir = lab.env.path().join("bills");
    fs::create_dir_all(&dir).unwrap();
    let dir_s = dir.to_str().unwrap().to_string();
    let fetch = |day: &str| {
        let out = lab
            .cmd()
            .args(["-q", "bill", "download", "--date", day, "--dir", &dir_s])
            .output()
            .unwrap();
        exit(&out, 0);
        bill_payments(&dir.join(format!("tradebill_{}_{day}_ALL.csv", lab.mchid(0))))
    };
    let day = fetch(DAY);
    let next = fetch(NEXT);
    // Seeded order 0 of a day is paid at 00:00:00 (orders spread over the day in order).
    let (edge_no, edge_fen) = next[0].clone();
    let mut export = String::from("out_trade_no,amount,state\n");
    for (no, fen) in day.iter().chain([&(edge_no.clone(), edge_fen)]) {
        export.push_str(&format!("{no},{fen},SUCCESS\n"));
    }
    lab.env.write("orders.csv", &export, 0o644);

    let run = |extra: &[&str]| {
        lab.cmd()
            .args([
                "-q",
                "bill",
                "reconcile",
                "--date",
                DAY,
                "--orders",
                "orders.csv",
            ])
            .args(["--dir", &dir_s, "-o", "json"])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&[]);
    exit(&out, 6);
    assert_eq!(
        discrepancies(&json(&out)),
        vec![("missing_in_bill".to_string(), edge_no.clone())]
    );

    let out = run(&["--tolerance-days", "1"]);
    exit(&out, 0);
    let v = json(&out);
    assert_eq!(count(&v, "matched"), day.len() as u64 + 1);
    let found = v["found_in_neighbouring_days"].as_array().unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["out_trade_no"], edge_no.as_str());
    assert_eq!(found[0]["bill_date"], NEXT);
    // The next day's other orders are that day's business: not reported here.
    assert_eq!(count(&v, "missing_locally"), 0);
    let roles: Vec<(&str, &str)> = v["bills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["date"].as_str().unwrap(), b["role"].as_str().unwrap()))
        .collect();
    assert!(
        roles.contains(&(DAY, "day")) && roles.contains(&(NEXT, "neighbour")),
        "{roles:?}"
    );
    // The table says where it was found.
    let out = lab
        .cmd()
        .args([
            "-q",
            "bill",
            "reconcile",
            "--date",
            DAY,
            "--orders",
            "orders.csv",
        ])
        .args(["--dir", &dir_s, "--tolerance-days", "1"])
        .output()
        .unwrap();
    exit(&out, 0);
    let table = stdout(&out);
    assert!(
        table.contains("neighbouring day") && table.contains(NEXT),
        "{table}"
    );
}

#[test]
fn a_bill_line_that_is_not_utf8_names_its_line() {
    let env = TestEnv::new();
    let mut bill = trade_bill(&[pay("A1", 1000), pay("A2", 5)]);
    // 商品名称 of the second record re-encoded as GBK-like bytes.
    let at = bill
        .windows("合单子单".len())
        .enumerate()
        .filter(|(_, w)| *w == "合单子单".as_bytes())
        .nth(1)
        .unwrap()
        .0;
    bill[at] = 0xff;
    env.write("bill.csv", bill, 0o644);
    env.write(
        "orders.csv",
        "out_trade_no,amount,state\nA1,1000,SUCCESS\nA2,5,SUCCESS\n",
        0o644,
    );
    let out = reconcile(&env, &["--bill", "bill.csv", "--orders", "orders.csv"]);
    exit(&out, 6);
    let err = stderr(&out);
    assert!(err.contains("line 3") && err.contains("not UTF-8"), "{err}");
}
