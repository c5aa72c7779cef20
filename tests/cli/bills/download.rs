//! `bill fetch` and `bill download` through the real binary against the in-process sandbox
//! (issue 5, cli.md `bill …`, apiv3.md §8–9): plain and gzip downloads verified against
//! `hash_value`, every trade and fund-flow type, ranges with `no_statement` and
//! `STATEMENT_CREATING` days (with and without `--wait`), the faults (wrong hash, truncated
//! transfer, expired token), up-to-date detection, `--force`, concurrent downloads, `--out -`,
//! `--url`, `--keep-gzip`, sub-merchants, bad flags, and a 10⁵-row bill that parses and checks.
//!
//! Every failure must leave the folder exactly as it was: no final file, no `.part`, nothing else.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use serde_json::Value;
use sha1::{Digest, Sha1};
use wxcombine::sandbox::FaultKind;

use crate::harness::{Lab, exit, json, ok, stderr, stdout};

/// The day most tests download, and the business time at which its bill is ready (§8.4).
const DAY: &str = "2026-05-01";
const READY: &str = "2026-05-02T11:00:00+08:00";

/// Exactly the keys of a `bill download` result row (cli.md).
const ROW_KEYS: [&str; 10] = [
    "date",
    "kind",
    "type",
    "path",
    "bytes",
    "rows",
    "hash_type",
    "hash_value",
    "verified",
    "status",
];

/// A lab whose main merchant had `orders` seeded orders on [`DAY`], its bill ready.
fn seeded(orders: u64) -> Lab {
    let lab = Lab::new();
    lab.sb.set_clock(READY).unwrap();
    lab.sb.seed(DAY, orders).unwrap();
    lab
}

fn sha1_hex(b: &[u8]) -> String {
    Sha1::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(b)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// The names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// A fresh, empty folder in the lab's env.
fn folder(lab: &Lab, name: &str) -> PathBuf {
    let p = lab.env.path().join(name);
    fs::create_dir_all(&p).unwrap();
    p
}

fn run(lab: &Lab, args: &[&str]) -> Output {
    lab.cmd().args(args).output().unwrap()
}

/// `bill download -q -o json ARGS…`: the one result row (asserting its shape).
fn download_row(lab: &Lab, args: &[&str]) -> Value {
    let out = lab
        .cmd()
        .args(["-q", "-o", "json", "bill", "download"])
        .args(args)
        .output()
        .unwrap();
    ok(&out);
    let rows = json(&out);
    let rows = rows.as_array().expect("an array of rows");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_row_shape(&rows[0]);
    rows[0].clone()
}

fn assert_row_shape(row: &Value) {
    let mut keys: Vec<&str> = row
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    let mut want: Vec<&str> = ROW_KEYS.to_vec();
    want.sort();
    assert_eq!(keys, want, "{row}");
}

/// `bill fetch -q -o json ARGS…`, parsed.
fn fetch(lab: &Lab, args: &[&str]) -> Value {
    let out = lab
        .cmd()
        .args(["-q", "-o", "json", "bill", "fetch"])
        .args(args)
        .output()
        .unwrap();
    json(ok(&out))
}

/// Requests the sandbox received whose path starts with `prefix`, and how many answered `status`.
fn count(lab: &Lab, prefix: &str, status: Option<u16>) -> usize {
    lab.sb
        .requests()
        .iter()
        .filter(|r| r.path.starts_with(prefix) && (status.is_none() || r.status == status))
        .count()
}

const APPLY: &str = "/v3/bill/";
const DOWNLOAD: &str = "/v3/billdownload/file";

/// `bill parse FILE --check -q -o jsonl`: the records (the summary line dropped).
fn parse_records(lab: &Lab, file: &Path) -> Vec<Value> {
    let out = run(
        lab,
        &[
            "-q",
            "-o",
            "jsonl",
            "bill",
            "parse",
            file.to_str().unwrap(),
            "--check",
        ],
    );
    ok(&out);
    let mut lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary = lines.pop().unwrap();
    assert!(summary.get("summary").is_some(), "{summary}");
    lines
}

/// Volatile values of a result row replaced for snapshots.
fn redact_row(row: &mut Value) {
    for (k, placeholder) in [
        ("date", "[DATE]"),
        ("path", "[PATH]"),
        ("hash_value", "[SHA1]"),
    ] {
        if row[k].is_string() {
            row[k] = placeholder.into();
        }
    }
}

/// The same in human output: the day, hashes and the env's folder.
fn redact_text(lab: &Lab, s: &str) -> String {
    let mut s = lab.env.redact(s);
    for w in s.clone().split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.len() == 40 && w.bytes().all(|b| b.is_ascii_hexdigit()) {
            s = s.replace(w, "[SHA1]");
        }
    }
    s.replace(&lab.sb.base_url(), "[BASE_URL]")
}

#[test]
fn plain_and_gzip_downloads_verify_against_hash_value() {
    let lab = seeded(25);
    let plain_dir = folder(&lab, "plain");
    let row = download_row(&lab, &["--date", DAY, "--dir", "plain"]);
    let path = plain_dir.join(format!("tradebill_1900000109_{DAY}_ALL.csv"));
    let bytes = fs::read(&path).unwrap();
    assert_eq!(row["date"], DAY);
    assert_eq!(row["kind"], "trade");
    assert_eq!(row["type"], "ALL");
    assert_eq!(
        row["path"],
        format!("plain/tradebill_1900000109_{DAY}_ALL.csv")
    );
    assert_eq!(row["bytes"], bytes.len() as u64);
    assert_eq!(row["rows"], 25);
    assert_eq!(row["hash_type"], "SHA1");
    assert_eq!(row["hash_value"], sha1_hex(&bytes));
    assert_eq!(row["verified"], true);
    assert_eq!(row["status"], "downloaded");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    // WeChat Pay's own hash, applied for separately, is the file's.
    assert_eq!(
        fetch(&lab, &["--date", DAY])["hash_value"],
        row["hash_value"]
    );
    assert_eq!(
        listing(&plain_dir),
        [format!("tradebill_1900000109_{DAY}_ALL.csv")]
    );
    assert_eq!(parse_records(&lab, &path).len(), 25);

    // gzip on the wire, the same decompressed file on disk; `bytes` is the decompressed size.
    let gz_dir = folder(&lab, "gz");
    lab.sb.clear_requests();
    let gz = download_row(&lab, &["--date", DAY, "--dir", "gz", "--gzip"]);
    assert!(
        lab.sb
            .requests()
            .iter()
            .any(|r| r.path.starts_with("/v3/bill/tradebill?") && r.path.contains("tar_type=GZIP")),
        "{:?}",
        lab.sb.requests()
    );
    assert_eq!(
        fs::read(gz_dir.join(format!("tradebill_1900000109_{DAY}_ALL.csv"))).unwrap(),
        bytes
    );
    assert_eq!(gz["bytes"], row["bytes"]);
    assert_eq!(gz["rows"], row["rows"]);
    assert_eq!(gz["hash_value"], row["hash_value"]);
    assert_eq!(
        listing(&gz_dir),
        [format!("tradebill_1900000109_{DAY}_ALL.csv")]
    );

    let mut shown = gz.clone();
    redact_row(&mut shown);
    insta::assert_snapshot!(
        "bill_download_row_json",
        serde_json::to_string_pretty(&shown).unwrap()
    );
}

/// Two orders paid through the API on [`DAY`] (main + sub1 sub-orders each), one of the main
/// merchant's sub-orders partly refunded the same day; the clock then where the bill is ready.
fn paid_and_refunded() -> Lab {
    let lab = Lab::new();
    lab.sb.set_clock(&format!("{DAY}T09:30:00+08:00")).unwrap();
    for no in ["P700001", "P700002"] {
        let out = lab.cmd_prepay(no);
        assert!(out.status.success(), "{}", stderr(&out));
        lab.sb.pay(no).unwrap();
    }
    lab.sb.advance_clock(3600).unwrap();
    lab.sb.refund("P700001", "P700001A", Some(40)).unwrap();
    lab.sb.set_clock(READY).unwrap();
    lab
}

#[test]
fn every_trade_bill_type_with_a_refund() {
    let lab = paid_and_refunded();
    let dir = folder(&lab, "bills");
    for (ty, rows, states) in [
        ("ALL", 3, &["SUCCESS", "SUCCESS", "REFUND"][..]),
        ("SUCCESS", 2, &["SUCCESS", "SUCCESS"][..]),
        ("REFUND", 1, &["REFUND"][..]),
    ] {
        let row = download_row(&lab, &["--date", DAY, "--type", ty, "--dir", "bills"]);
        assert_eq!(
            (row["type"].as_str(), row["rows"].as_u64()),
            (Some(ty), Some(rows))
        );
        let path = dir.join(format!("tradebill_1900000109_{DAY}_{ty}.csv"));
        assert_eq!(row["hash_value"], sha1_hex(&fs::read(&path).unwrap()));
        let records = parse_records(&lab, &path);
        let got: Vec<&str> = records
            .iter()
            .map(|r| r["trade_state"].as_str().unwrap())
            .collect();
        assert_eq!(got, states, "{ty}");
        assert!(records.iter().all(|r| r["mchid"] == lab.mchid(0)));
    }
    let refund = parse_records(
        &lab,
        &dir.join(format!("tradebill_1900000109_{DAY}_REFUND.csv")),
    );
    assert_eq!(refund[0]["out_trade_no"], "P700001A");
    assert_eq!(refund[0]["refund_fen"], 40);
    assert_eq!(listing(&dir).len(), 3);
}

#[test]
fn every_fund_flow_account_type() {
    let lab = paid_and_refunded();
    let dir = folder(&lab, "bills");
    // BASIC: a 收入 row per paid sub-order, a 支出 row per refund.
    let basic = download_row(
        &lab,
        &["--date", DAY, "--kind", "fundflow", "--dir", "bills"],
    );
    assert_eq!(
        (
            basic["kind"].as_str(),
            basic["type"].as_str(),
            basic["rows"].as_u64()
        ),
        (Some("fundflow"), Some("BASIC"), Some(3))
    );
    let path = dir.join(format!("fundflowbill_1900000109_{DAY}_BASIC.csv"));
    let records = parse_records(&lab, &path);
    let directions: Vec<&str> = records
        .iter()
        .map(|r| r["direction"].as_str().unwrap())
        .collect();
    assert_eq!(directions, ["income", "income", "expense"]);
    // FEES: one row per sub-order with a fee of at least a fen (1.00 元 → 0.01).
    let fees = download_row(
        &lab,
        &[
            "--date",
            DAY,
            "--kind",
            "fundflow",
            "--account-type",
            "FEES",
            "--dir",
            "bills",
        ],
    );
    assert_eq!(
        (fees["type"].as_str(), fees["rows"].as_u64()),
        (Some("FEES"), Some(2))
    );
    parse_records(
        &lab,
        &dir.join(format!("fundflowbill_1900000109_{DAY}_FEES.csv")),
    );
    // OPERATION: nothing ever moves there, so the sandbox has no statement: a normal result.
    let op = download_row(
        &lab,
        &[
            "--date",
            DAY,
            "--kind",
            "fundflow",
            "--account-type",
            "OPERATION",
            "--dir",
            "bills",
        ],
    );
    assert_eq!(op["status"], "no_statement");
    assert_eq!(op["type"], "OPERATION");
    assert_eq!(
        (&op["path"], &op["hash_value"], &op["verified"], &op["rows"]),
        (
            &Value::Null,
            &Value::Null,
            &Value::Bool(false),
            &Value::from(0)
        )
    );
    assert_eq!(
        listing(&dir),
        [
            format!("fundflowbill_1900000109_{DAY}_BASIC.csv"),
            format!("fundflowbill_1900000109_{DAY}_FEES.csv")
        ]
    );
}

#[test]
fn a_sub_merchant_profile_gets_only_its_own_rows() {
    let lab = paid_and_refunded();
    let dir = folder(&lab, "sub1");
    let row = download_row(
        &lab,
        &["--profile", "sandbox-sub1", "--date", DAY, "--dir", "sub1"],
    );
    assert_eq!(row["rows"], 2);
    // Named after its own merchant: direct merchants' bills do not collide in one folder.
    let records = parse_records(
        &lab,
        &dir.join(format!("tradebill_{}_{DAY}_ALL.csv", lab.mchid(1))),
    );
    let outs: Vec<&str> = records
        .iter()
        .map(|r| r["out_trade_no"].as_str().unwrap())
        .collect();
    assert_eq!(outs, ["P700001B", "P700002B"]);
    assert!(records.iter().all(|r| r["mchid"] == lab.mchid(1)));
    // sub2 took no part that day.
    let row = download_row(
        &lab,
        &["--profile", "sandbox-sub2", "--date", DAY, "--dir", "sub1"],
    );
    assert_eq!(row["status"], "no_statement");
}

#[test]
fn a_range_reports_days_without_trades_as_no_statement() {
    let lab = Lab::new();
    lab.sb.set_clock(READY).unwrap();
    lab.sb.seed("2026-04-28", 3).unwrap();
    lab.sb.seed("2026-04-30", 4).unwrap();
    let dir = folder(&lab, "range");
    let args = [
        "--from",
        "2026-04-28",
        "--to",
        "2026-04-30",
        "--dir",
        "range",
    ];
    let out = lab
        .cmd()
        .args(["-q", "-o", "json", "bill", "download"])
        .args(args)
        .output()
        .unwrap();
    let rows = json(ok(&out));
    let rows = rows.as_array().unwrap();
    let got: Vec<(&str, &str, u64)> = rows
        .iter()
        .map(|r| {
            assert_row_shape(r);
            (
                r["date"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
                r["rows"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2026-04-28", "downloaded", 3),
            ("2026-04-29", "no_statement", 0),
            ("2026-04-30", "downloaded", 4)
        ]
    );
    assert_eq!(
        listing(&dir),
        [
            "tradebill_1900000109_2026-04-28_ALL.csv",
            "tradebill_1900000109_2026-04-30_ALL.csv"
        ]
    );
    // The same range again, as people see it: the files are there already.
    let out = lab
        .cmd()
        .args(["bill", "download"])
        .args(args)
        .output()
        .unwrap();
    ok(&out);
    insta::assert_snapshot!(
        "bill_download_range_table",
        redact_text(&lab, &stdout(&out))
    );
    // -o jsonl: one line per date.
    let out = lab
        .cmd()
        .args(["-q", "-o", "jsonl", "bill", "download"])
        .args(args)
        .output()
        .unwrap();
    let lines: Vec<Value> = stdout(ok(&out))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for (l, status) in lines
        .iter()
        .zip(["up_to_date", "no_statement", "up_to_date"])
    {
        assert_row_shape(l);
        assert_eq!(l["status"], status);
    }
}

/// Seeded days 2026-04-30 and [`DAY`]; the business clock at 09:30 the day after [`DAY`], so
/// [`DAY`]'s bill is still being generated.
fn creating() -> Lab {
    let lab = Lab::new();
    lab.sb.set_clock("2026-05-02T09:30:00+08:00").unwrap();
    lab.sb.seed("2026-04-30", 2).unwrap();
    lab.sb.seed(DAY, 3).unwrap();
    lab
}

#[test]
fn a_range_ending_on_a_day_still_being_generated_fails_that_day_only() {
    let lab = creating();
    let dir = folder(&lab, "range");
    let out = run(
        &lab,
        &[
            "-o",
            "json",
            "bill",
            "download",
            "--from",
            "2026-04-29",
            "--to",
            DAY,
            "--dir",
            "range",
        ],
    );
    exit(&out, 4);
    let rows = json(&out);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["status"], "no_statement");
    assert_eq!(rows[1]["status"], "downloaded");
    assert_eq!(rows[2]["date"], DAY);
    assert_eq!(rows[2]["error"]["code"], "STATEMENT_CREATING");
    assert_eq!(rows[2]["error"]["kind"], "api");
    let err = stderr(&out);
    assert!(err.contains("1 of 3 bills failed"), "{err}");
    assert!(
        err.contains("hint: WeChat Pay generates a day's bills from 09:00"),
        "{err}"
    );
    assert_eq!(listing(&dir), ["tradebill_1900000109_2026-04-30_ALL.csv"]);
}

#[test]
fn statement_creating_without_wait_is_exit_4_with_a_hint() {
    let lab = creating();
    let dir = folder(&lab, "bills");
    let out = run(
        &lab,
        &["-q", "bill", "download", "--date", DAY, "--dir", "bills"],
    );
    exit(&out, 4);
    assert_eq!(stdout(&out), "");
    insta::assert_snapshot!(
        "bill_download_statement_creating_stderr",
        redact_request_id(&stderr(&out))
    );
    assert_eq!(count(&lab, APPLY, None), 1, "asked once");
    assert!(listing(&dir).is_empty());
}

fn redact_request_id(s: &str) -> String {
    s.lines()
        .map(|l| match l.find("Request-ID: ") {
            Some(i) => format!("{}Request-ID: [REQUEST_ID]", &l[..i]),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_short_wait_that_runs_out_is_exit_4_naming_the_wait() {
    let lab = creating();
    let dir = folder(&lab, "bills");
    let out = run(
        &lab,
        &[
            "bill", "download", "--date", DAY, "--dir", "bills", "--wait", "1s",
        ],
    );
    exit(&out, 4);
    let err = stderr(&out);
    assert!(
        err.contains("the bill is being generated; asking again"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: bill for {DAY}: still being generated after --wait 1s: WeChat Pay answered HTTP 400 STATEMENT_CREATING"
        )),
        "{err}"
    );
    assert!(err.contains("\nhint: "), "{err}");
    assert!(count(&lab, APPLY, Some(400)) >= 2, "it asked again");
    assert!(listing(&dir).is_empty());
}

#[test]
fn wait_keeps_asking_until_the_bill_exists() {
    let lab = creating();
    let dir = folder(&lab, "bills");
    let cmd = {
        let mut c = lab.cmd();
        c.args([
            "-o", "json", "bill", "download", "--date", DAY, "--dir", "bills", "--wait", "2m",
        ]);
        c
    };
    let out = std::thread::scope(|s| {
        let child = s.spawn(move || {
            let mut cmd = cmd;
            cmd.output().unwrap()
        });
        // Once the first answer was STATEMENT_CREATING, the clock passes 10:00.
        let deadline = Instant::now() + Duration::from_secs(60);
        while count(&lab, APPLY, Some(400)) == 0 {
            assert!(
                Instant::now() < deadline,
                "no apply seen: {:?}",
                lab.sb.requests()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        lab.sb.set_clock("2026-05-02T10:01:00+08:00").unwrap();
        child.join().unwrap()
    });
    let rows = json(ok(&out));
    assert_eq!(rows[0]["status"], "downloaded");
    assert_eq!(rows[0]["rows"], 3);
    assert!(stderr(&out).contains("the bill is being generated; asking again"));
    assert_eq!(count(&lab, APPLY, Some(200)), 1);
    assert_eq!(
        listing(&dir),
        [format!("tradebill_1900000109_{DAY}_ALL.csv")]
    );
}

#[test]
fn a_wrong_hash_is_exit_6_and_leaves_nothing() {
    let lab = seeded(40);
    let dir = folder(&lab, "bills");
    for gzip in [false, true] {
        lab.fault(FaultKind::WrongHash, 1);
        let mut args = vec![
            "-o", "json", "bill", "download", "--date", DAY, "--dir", "bills",
        ];
        if gzip {
            args.push("--gzip");
        }
        let out = run(&lab, &args);
        exit(&out, 6);
        assert_eq!(stdout(&out), "");
        let err = stderr(&out);
        assert!(err.contains("bill SHA-1 mismatch"), "{err}");
        let last: Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
        assert_eq!(last["error"]["kind"], "verification");
        assert!(listing(&dir).is_empty(), "{:?}", listing(&dir));
    }
    // The same for a named --out.
    lab.fault(FaultKind::WrongHash, 1);
    let out = run(
        &lab,
        &[
            "-q",
            "bill",
            "download",
            "--date",
            DAY,
            "--out",
            "bills/today.csv",
        ],
    );
    exit(&out, 6);
    assert!(listing(&dir).is_empty());
    insta::assert_snapshot!(
        "bill_download_wrong_hash_stderr",
        redact_text(&lab, &stderr(&out))
    );
}

#[test]
fn a_truncated_transfer_is_retried_from_a_fresh_apply_and_verified() {
    // Issue 11, item 4: a broken transfer is retried like a 500, from the start (a new .part
    // file, a new inflate and SHA-1 state) and with a fresh download URL, within --retries.
    let lab = seeded(3000);
    let dir = folder(&lab, "bills");
    let mut files = Vec::new();
    for gzip in [false, true] {
        lab.sb.clear_requests();
        lab.fault(FaultKind::TruncateDownload, 1);
        let name = if gzip { "gz.csv" } else { "plain.csv" };
        let out_path = format!("bills/{name}");
        let mut args = vec![
            "-o",
            "json",
            "--retries",
            "5",
            "bill",
            "download",
            "--date",
            DAY,
            "--out",
            &out_path,
        ];
        if gzip {
            args.push("--gzip");
        }
        let out = run(&lab, &args);
        let rows = json(ok(&out));
        assert_eq!(rows[0]["status"], "downloaded");
        assert_eq!(rows[0]["verified"], true);
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{DAY}: the transfer broke off after"))
                && err.contains("with a fresh download URL"),
            "{err}"
        );
        // Two applies, two transfers (the first cut off), one verified file and nothing else.
        assert_eq!(
            (
                count(&lab, APPLY, Some(200)),
                count(&lab, DOWNLOAD, Some(200))
            ),
            (2, 2)
        );
        let bytes = fs::read(dir.join(name)).unwrap();
        assert_eq!(sha1_hex(&bytes), rows[0]["hash_value"].as_str().unwrap());
        assert_eq!(bytes.len() as u64, rows[0]["bytes"].as_u64().unwrap());
        files.push(bytes);
    }
    assert_eq!(files[0], files[1]);
    assert_eq!(listing(&dir), ["gz.csv", "plain.csv"]);
}

#[test]
fn a_truncated_transfer_without_retries_left_is_exit_5_and_leaves_nothing() {
    // Enough rows that half the transfer is more than one chunk.
    let lab = seeded(3000);
    let dir = folder(&lab, "bills");
    for gzip in [false, true] {
        // One fault more than there are attempts.
        lab.fault(FaultKind::TruncateDownload, 2);
        let mut args = vec![
            "-o",
            "json",
            "--retries",
            "1",
            "bill",
            "download",
            "--date",
            DAY,
            "--dir",
            "bills",
        ];
        if gzip {
            args.push("--gzip");
        }
        let out = run(&lab, &args);
        exit(&out, 5);
        let err = stderr(&out);
        assert!(err.contains("the transfer broke off after"), "{err}");
        assert!(err.contains("after 2 attempt(s)"), "{err}");
        // The URL is named, its one-time token not (issue 11, item 15).
        assert!(
            err.contains("/v3/billdownload/file?token=(redacted): "),
            "{err}"
        );
        let last: Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
        assert_eq!(last["error"]["kind"], "network");
        assert!(listing(&dir).is_empty(), "{:?}", listing(&dir));
    }
    assert_eq!(count(&lab, DOWNLOAD, Some(200)), 4);

    // Bytes that went to stdout cannot be taken back: `--out -` is not retried once any did.
    lab.sb.clear_requests();
    lab.fault(FaultKind::TruncateDownload, 1);
    let out = run(
        &lab,
        &[
            "-q",
            "--retries",
            "5",
            "bill",
            "download",
            "--date",
            DAY,
            "--out",
            "-",
        ],
    );
    exit(&out, 5);
    assert!(!out.stdout.is_empty());
    assert!(
        stderr(&out).contains("had gone to stdout; not retried"),
        "{}",
        stderr(&out)
    );
    assert_eq!(count(&lab, DOWNLOAD, None), 1);

    // --url has no apply to make a fresh URL with: the retry finds the one-time URL spent, and
    // says so (exit 4, WeChat Pay's INVALID_REQUEST), and nothing is left.
    let applied = fetch(&lab, &["--date", DAY]);
    lab.sb.clear_requests();
    lab.fault(FaultKind::TruncateDownload, 1);
    let out = run(
        &lab,
        &[
            "-q",
            "--retries",
            "3",
            "bill",
            "download",
            "--url",
            applied["download_url"].as_str().unwrap(),
            "--hash",
            applied["hash_value"].as_str().unwrap(),
            "--out",
            "bills/by-url.csv",
        ],
    );
    exit(&out, 4);
    let err = stderr(&out);
    assert!(err.contains("spent by the attempt that failed"), "{err}");
    assert!(err.contains("INVALID_REQUEST"), "{err}");
    assert_eq!(count(&lab, DOWNLOAD, None), 2);
    assert!(listing(&dir).is_empty(), "{:?}", listing(&dir));
}

#[test]
fn an_expired_download_url_is_applied_for_again_once() {
    let lab = seeded(5);
    let dir = folder(&lab, "bills");
    lab.sb
        .add_fault(wxcombine::sandbox::FaultSpec {
            kind: FaultKind::ExpireToken,
            count: Some(1),
            path: None,
            ms: None,
        })
        .unwrap();
    let out = run(
        &lab,
        &[
            "-o", "json", "bill", "download", "--date", DAY, "--dir", "bills",
        ],
    );
    let rows = json(ok(&out));
    assert_eq!(rows[0]["status"], "downloaded");
    assert!(
        stderr(&out).contains(&format!("{DAY}: the download URL expired; applying again")),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        (
            count(&lab, APPLY, Some(200)),
            count(&lab, DOWNLOAD, Some(400)),
            count(&lab, DOWNLOAD, Some(200))
        ),
        (2, 1, 1)
    );
    assert_eq!(
        listing(&dir),
        [format!("tradebill_1900000109_{DAY}_ALL.csv")]
    );

    // Only once: a second expiry is the error it is (WeChat Pay's, exit 4), and nothing is left.
    let dir = folder(&lab, "again");
    lab.sb.clear_requests();
    lab.sb
        .add_fault(wxcombine::sandbox::FaultSpec {
            kind: FaultKind::ExpireToken,
            count: Some(2),
            path: None,
            ms: None,
        })
        .unwrap();
    let out = run(
        &lab,
        &["-q", "bill", "download", "--date", DAY, "--dir", "again"],
    );
    exit(&out, 4);
    assert!(stderr(&out).contains("INVALID_REQUEST"), "{}", stderr(&out));
    assert_eq!(
        (count(&lab, APPLY, None), count(&lab, DOWNLOAD, None)),
        (2, 2)
    );
    assert!(listing(&dir).is_empty());
}

#[test]
fn a_second_run_is_up_to_date_and_downloads_nothing() {
    let lab = seeded(12);
    let dir = folder(&lab, "bills");
    let first = download_row(&lab, &["--date", DAY, "--dir", "bills", "--gzip"]);
    let path = dir.join(format!("tradebill_1900000109_{DAY}_ALL.csv"));
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    lab.sb.clear_requests();
    let second = download_row(&lab, &["--date", DAY, "--dir", "bills", "--gzip"]);
    assert_eq!(second["status"], "up_to_date");
    assert_eq!(second["verified"], true);
    for k in ["bytes", "rows", "hash_value", "path"] {
        assert_eq!(second[k], first[k], "{k}");
    }
    assert_eq!(
        (count(&lab, APPLY, None), count(&lab, DOWNLOAD, None)),
        (1, 0)
    );
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified);
}

#[test]
fn a_different_existing_file_needs_force() {
    let lab = seeded(7);
    let dir = folder(&lab, "bills");
    let path = dir.join(format!("tradebill_1900000109_{DAY}_ALL.csv"));
    fs::write(&path, "my own notes\n").unwrap();
    let out = run(
        &lab,
        &["-q", "bill", "download", "--date", DAY, "--dir", "bills"],
    );
    exit(&out, 2);
    assert_eq!(fs::read_to_string(&path).unwrap(), "my own notes\n");
    assert_eq!(count(&lab, DOWNLOAD, None), 0);
    insta::assert_snapshot!(
        "bill_download_exists_stderr",
        redact_text(&lab, &stderr(&out))
    );
    let row = download_row(&lab, &["--date", DAY, "--dir", "bills", "--force"]);
    assert_eq!(row["status"], "downloaded");
    assert_eq!(row["rows"], 7);
    assert_eq!(row["hash_value"], sha1_hex(&fs::read(&path).unwrap()));
    assert_eq!(
        listing(&dir),
        [format!("tradebill_1900000109_{DAY}_ALL.csv")]
    );
}

#[test]
fn two_concurrent_downloads_of_the_same_bill_both_succeed() {
    let lab = seeded(20_000);
    let dir = folder(&lab, "bills");
    let cmds: Vec<_> = (0..2)
        .map(|_| {
            let mut c = lab.cmd();
            c.args([
                "-q", "-o", "json", "bill", "download", "--date", DAY, "--dir", "bills",
            ]);
            c
        })
        .collect();
    let outs: Vec<Output> = std::thread::scope(|s| {
        let handles: Vec<_> = cmds
            .into_iter()
            .map(|mut c| s.spawn(move || c.output().unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut hashes = Vec::new();
    for out in &outs {
        let row = &json(ok(out))[0];
        assert!(
            ["downloaded", "up_to_date"].contains(&row["status"].as_str().unwrap()),
            "{row}"
        );
        assert_eq!(row["rows"], 20_000);
        hashes.push(row["hash_value"].clone());
    }
    assert_eq!(hashes[0], hashes[1]);
    assert_eq!(
        listing(&dir),
        [format!("tradebill_1900000109_{DAY}_ALL.csv")]
    );
    let bytes = fs::read(dir.join(format!("tradebill_1900000109_{DAY}_ALL.csv"))).unwrap();
    assert_eq!(Value::from(sha1_hex(&bytes)), hashes[0]);
}

#[test]
fn out_dash_streams_the_bill_to_stdout_and_the_row_to_stderr() {
    let lab = seeded(30);
    folder(&lab, "bills");
    download_row(&lab, &["--date", DAY, "--dir", "bills"]);
    let file = fs::read(
        lab.env
            .path()
            .join(format!("bills/tradebill_1900000109_{DAY}_ALL.csv")),
    )
    .unwrap();
    for gzip in [false, true] {
        let mut args = vec![
            "-q", "-o", "json", "bill", "download", "--date", DAY, "--out", "-",
        ];
        if gzip {
            args.push("--gzip");
        }
        let out = run(&lab, &args);
        ok(&out);
        assert!(
            out.stdout == file,
            "stdout is the bill, byte for byte (gzip: {gzip})"
        );
        let rows: Value = serde_json::from_str(stderr(&out).trim_end()).unwrap();
        assert_row_shape(&rows[0]);
        assert_eq!(rows[0]["status"], "downloaded");
        assert_eq!(rows[0]["path"], Value::Null);
        assert_eq!(rows[0]["bytes"], file.len() as u64);
        assert_eq!(rows[0]["rows"], 30);
    }
    // Nothing was written beside it.
    assert_eq!(
        listing(lab.env.path())
            .into_iter()
            .filter(|n| n.contains("tradebill"))
            .count(),
        0
    );
}

#[test]
fn url_and_hash_download_what_bill_fetch_applied_for() {
    let lab = seeded(9);
    let dir = folder(&lab, "bills");
    // bill fetch -o json: the verified response exactly as received (compact, its key order).
    let out = run(
        &lab,
        &["-q", "-o", "json", "bill", "fetch", "--date", DAY, "--gzip"],
    );
    let text = stdout(ok(&out));
    let applied: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(text.trim_end(), serde_json::to_string(&applied).unwrap());
    let keys: Vec<&str> = applied
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["hash_type", "hash_value", "download_url"]);
    assert_eq!(applied["hash_type"], "SHA1");
    let (url, hash) = (
        applied["download_url"].as_str().unwrap(),
        applied["hash_value"].as_str().unwrap(),
    );
    assert!(url.starts_with(&format!(
        "{}/v3/billdownload/file?token=",
        lab.sb.base_url()
    )));
    let row = download_row(
        &lab,
        &[
            "--url",
            url,
            "--hash",
            hash,
            "--out",
            "bills/by-url.csv",
            "--gzip",
        ],
    );
    assert_eq!(row["status"], "downloaded");
    assert_eq!(row["date"], Value::Null);
    assert_eq!(row["rows"], 9);
    let bytes = fs::read(dir.join("by-url.csv")).unwrap();
    assert_eq!(sha1_hex(&bytes), hash);

    // Without --gzip the compressed transfer is recognised by its first bytes.
    let applied = fetch(&lab, &["--date", DAY, "--gzip"]);
    let row = download_row(
        &lab,
        &[
            "--url",
            applied["download_url"].as_str().unwrap(),
            "--hash",
            &applied["hash_value"].as_str().unwrap().to_uppercase(),
            "--out",
            "bills/sniffed.csv",
        ],
    );
    assert_eq!(row["hash_value"], hash);
    assert_eq!(fs::read(dir.join("sniffed.csv")).unwrap(), bytes);

    // A hash that does not match: exit 6, nothing left.
    let applied = fetch(&lab, &["--date", DAY]);
    let out = run(
        &lab,
        &[
            "-q",
            "bill",
            "download",
            "--url",
            applied["download_url"].as_str().unwrap(),
            "--hash",
            &"0".repeat(40),
            "--out",
            "bills/bad.csv",
        ],
    );
    exit(&out, 6);
    assert_eq!(listing(&dir), ["by-url.csv", "sniffed.csv"]);
}

#[test]
fn keep_gzip_keeps_the_compressed_transfer_beside_the_bill() {
    let lab = seeded(15);
    let dir = folder(&lab, "bills");
    let row = download_row(
        &lab,
        &["--date", DAY, "--dir", "bills", "--gzip", "--keep-gzip"],
    );
    let name = format!("tradebill_1900000109_{DAY}_ALL.csv");
    assert_eq!(listing(&dir), [name.clone(), format!("{name}.gz")]);
    let plain = fs::read(dir.join(&name)).unwrap();
    let gz = fs::read(dir.join(format!("{name}.gz"))).unwrap();
    assert!(gz.starts_with(&[0x1f, 0x8b]));
    assert_eq!(gunzip(&gz), plain);
    assert_eq!(row["bytes"], plain.len() as u64);
}

#[test]
fn bill_fetch_table_and_errors() {
    let lab = seeded(2);
    let out = run(&lab, &["bill", "fetch", "--date", DAY]);
    let table = stdout(ok(&out));
    let shown: String = table
        .lines()
        .map(|l| match l.find("token=") {
            Some(i) => format!("{}token=[TOKEN]\n", &l[..i]),
            None => format!("{l}\n"),
        })
        .collect();
    insta::assert_snapshot!("bill_fetch_table", redact_text(&lab, &shown));
    // A fund-flow bill, gzip.
    let v = fetch(
        &lab,
        &[
            "--date",
            DAY,
            "--kind",
            "fundflow",
            "--account-type",
            "BASIC",
            "--gzip",
        ],
    );
    assert_eq!(v["hash_value"].as_str().unwrap().len(), 40);
    // WeChat Pay's refusals are exit 4 with their code; a day without trades has a hint.
    let out = run(&lab, &["-q", "bill", "fetch", "--date", "2026-04-20"]);
    exit(&out, 4);
    assert!(
        stderr(&out).contains("NO_STATEMENT_EXIST"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("hint: "), "{}", stderr(&out));
    // A direct merchant may not ask for a sub-merchant's bill (服务商 only).
    let out = run(
        &lab,
        &[
            "-q",
            "bill",
            "fetch",
            "--date",
            DAY,
            "--sub-mchid",
            "1900000119",
        ],
    );
    exit(&out, 4);
    assert!(stderr(&out).contains("NO_AUTH"), "{}", stderr(&out));
}

#[test]
fn bad_flags_are_exit_2_and_send_nothing() {
    let lab = seeded(1);
    folder(&lab, "bills");
    let mut report = String::new();
    for args in [
        &["--date", "2026-13-01"][..],
        &["--date", "yesterday", "--wait", "soon"][..],
        &["--from", "2026-05-01", "--to", "2026-04-01"][..],
        &["--from", "2026-01-01", "--to", "2026-05-01"][..],
        &[
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-02",
            "--out",
            "x.csv",
        ][..],
        &["--from", "2026-04-01", "--to", "2026-04-02", "--out", "-"][..],
        &["--url", "http://127.0.0.1:9/x", "--hash", &"a".repeat(40)][..],
        &[
            "--url",
            "ftp://127.0.0.1/x",
            "--hash",
            &"a".repeat(40),
            "--out",
            "x.csv",
        ][..],
        &[
            "--url",
            "http://127.0.0.1:9/x",
            "--hash",
            "abc",
            "--out",
            "x.csv",
        ][..],
        &["--date", "2026-05-01", "--dir", "missing"][..],
        &[
            "--date",
            "2026-05-01",
            "--kind",
            "fundflow",
            "--sub-mchid",
            "1900000119",
        ][..],
        &["--date", "2026-05-01", "--keep-gzip"][..],
        &[][..],
    ] {
        let out = lab
            .cmd()
            .args(["-q", "bill", "download"])
            .args(args)
            .output()
            .unwrap();
        exit(&out, 2);
        report.push_str(&format!(
            "$ wxcombine bill download {}\n{}\n",
            args.join(" "),
            stderr(&out)
        ));
    }
    assert_eq!(count(&lab, "/", None), 0, "{:?}", lab.sb.requests());
    // A folder where the file should go.
    fs::create_dir_all(
        lab.env
            .path()
            .join(format!("bills/tradebill_1900000109_{DAY}_ALL.csv")),
    )
    .unwrap();
    let out = run(
        &lab,
        &["-q", "bill", "download", "--date", DAY, "--dir", "bills"],
    );
    exit(&out, 2);
    report.push_str(&format!(
        "$ wxcombine bill download --date {DAY} --dir bills   # a folder has the bill's name\n{}",
        stderr(&out)
    ));
    insta::assert_snapshot!("bill_download_bad_flags", redact_text(&lab, &report));
}

/// `-q bill parse FILE --check -o jsonl`, its stdout thrown away: the verdict is the exit code.
fn parse_check_quietly(lab: &Lab, file: &Path) -> std::process::ExitStatus {
    let bin = assert_cmd::cargo::cargo_bin("wxcombine");
    std::process::Command::new(bin)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", lab.env.home())
        .current_dir(lab.env.path())
        .args(["-q", "-o", "jsonl", "bill", "parse"])
        .arg(file)
        .arg("--check")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap()
}

#[test]
fn a_sandbox_bill_of_100k_rows_downloads_parses_and_checks() {
    let lab = seeded(100_000);
    let dir = folder(&lab, "bills");
    let row = download_row(&lab, &["--date", DAY, "--dir", "bills", "--gzip"]);
    assert_eq!(row["rows"], 100_000);
    let path = dir.join(format!("tradebill_1900000109_{DAY}_ALL.csv"));
    assert_eq!(row["bytes"], fs::metadata(&path).unwrap().len());
    assert!(parse_check_quietly(&lab, &path).success());
    // A changed amount in one record breaks the check (exit 6): the check is real.
    let text = fs::read_to_string(&path).unwrap();
    let i = text.find("`JSAPI,`SUCCESS,").unwrap();
    let amount_at = i + text[i..].find("`CNY,`").unwrap() + "`CNY,`".len();
    let mut changed = text.into_bytes();
    changed[amount_at] = if changed[amount_at] == b'9' {
        b'1'
    } else {
        b'9'
    };
    let bad = dir.join("changed.csv");
    fs::write(&bad, changed).unwrap();
    assert_eq!(parse_check_quietly(&lab, &bad).code(), Some(6));
}

/// A FIFO or device under the bill's name is refused before anything is read or replaced: the
/// old check read it to compare hashes (a FIFO blocked forever, `/dev/full` spun forever), and
/// `--force` would have renamed the `.part` file over it (issue 11).
#[test]
fn a_fifo_or_device_as_the_bill_path_is_refused_before_anything_is_read() {
    let lab = seeded(30);
    let fifo = lab.env.path().join("bill.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for force in [false, true] {
        let mut c = lab.cmd();
        c.args([
            "-q",
            "bill",
            "download",
            "--date",
            DAY,
            "--out",
            "bill.fifo",
        ]);
        if force {
            c.arg("--force");
        }
        let out = c
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "force={force}: {err}");
        assert!(
            err.contains("bill.fifo is not a regular file"),
            "force={force}: {err}"
        );
        assert!(err.contains("--out -"), "{err}");
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
    // `--url` mode too: nothing downloaded, nothing replaced.
    let out = lab
        .cmd()
        .args(["-q", "bill", "download", "--url"])
        .arg(format!(
            "{}/v3/billdownload/file?token=x",
            lab.sb.base_url()
        ))
        .args(["--hash", &"0".repeat(40), "--out", "bill.fifo", "--force"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("bill.fifo is not a regular file"), "{err}");
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
}
