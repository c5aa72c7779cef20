//! `wxcombine bill parse` through the binary: every output format, --check, gzip, stdin, and the
//! exit codes of its errors. No config and no network: the command needs neither.

use crate::harness::bills::{PHP, V3, fund_flow_sample, gzip, sample, synthetic_trade_all};
use crate::harness::{TestEnv, stderr, stdout};

fn parse(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.cmd()
        .args(["bill", "parse"])
        .args(args)
        .output()
        .unwrap()
}

fn with_v3(env: &TestEnv) {
    env.write("v3.csv", sample(V3), 0o644);
}

#[test]
fn table_with_check() {
    let env = TestEnv::new();
    with_v3(&env);
    let out = parse(&env, &["v3.csv", "--check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    insta::assert_snapshot!("bill_parse_table", stdout(&out));
}

#[test]
fn json_document() {
    let env = TestEnv::new();
    with_v3(&env);
    let out = parse(&env, &["v3.csv", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["kind"], "trade");
    assert_eq!(v["type"], "ALL");
    assert_eq!(v["records"].as_array().unwrap().len(), 3);
    assert_eq!(v["summary"]["count"], 3);
    assert_eq!(v["summary"]["fee"], "0.00000");
    assert_eq!(text.lines().count(), 1, "one compact document");
    insta::assert_snapshot!("bill_parse_json", text);
}

#[test]
fn json_lines_end_with_the_summary() {
    let env = TestEnv::new();
    with_v3(&env);
    let out = parse(&env, &["v3.csv", "-o", "jsonl", "--check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(last["summary"]["settlement_total_fen"], 3);
    // The check verdict is a notice on stderr; stdout stays data only.
    assert!(
        stderr(&out).starts_with("check: ✓ 3 records"),
        "{}",
        stderr(&out)
    );
    insta::assert_snapshot!("bill_parse_jsonl", text);
}

#[test]
fn csv_records() {
    let env = TestEnv::new();
    with_v3(&env);
    // --csv wins over -o (here from the environment).
    let out = env
        .cmd()
        .args(["bill", "parse", "v3.csv", "--csv"])
        .env("WXCOMBINE_OUTPUT", "json")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("bill_parse_csv", stdout(&out));
}

#[test]
fn csv_quotes_what_needs_quoting() {
    let env = TestEnv::new();
    let text = String::from_utf8(sample(V3))
        .unwrap()
        .replacen("`for testing", "`say \"hi\"", 1);
    env.write("q.csv", text, 0o644);
    let out = parse(&env, &["q.csv", "--csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(",\"say \"\"hi\"\"\","),
        "{}",
        stdout(&out)
    );
}

#[test]
fn fund_flow_bill_in_every_format() {
    let env = TestEnv::new();
    env.write("fundflow.csv", fund_flow_sample(), 0o644);
    let table = parse(&env, &["fundflow.csv", "--check"]);
    assert!(table.status.success(), "{}", stderr(&table));
    insta::assert_snapshot!("bill_parse_fundflow_table", stdout(&table));
    let jsonl = parse(&env, &["fundflow.csv", "-o", "jsonl"]);
    assert!(jsonl.status.success(), "{}", stderr(&jsonl));
    insta::assert_snapshot!("bill_parse_fundflow_jsonl", stdout(&jsonl));
    let csv = parse(&env, &["fundflow.csv", "--csv"]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    insta::assert_snapshot!("bill_parse_fundflow_csv", stdout(&csv));
    let json = parse(&env, &["fundflow.csv", "-o", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["kind"], "fundflow");
    assert!(v.get("type").is_none());
    assert_eq!(v["records"][0]["direction"], "income");
    assert_eq!(v["summary"]["expense_fen"], 2);
}

#[test]
fn gzip_and_stdin_give_the_same_output() {
    let env = TestEnv::new();
    let plain = sample(PHP);
    env.write("php.csv", &plain, 0o644);
    env.write("php.csv.gz", gzip(&plain), 0o644);
    for format in ["table", "json", "jsonl"] {
        let a = parse(&env, &["php.csv", "--check", "-o", format]);
        let b = parse(&env, &["php.csv.gz", "--check", "-o", format]);
        let c = env
            .cmd()
            .args(["bill", "parse", "-", "--check", "-o", format])
            .write_stdin(gzip(&plain))
            .output()
            .unwrap();
        for o in [&a, &b, &c] {
            assert!(o.status.success(), "{format}: {}", stderr(o));
        }
        assert_eq!(stdout(&a), stdout(&b), "{format}");
        assert_eq!(stdout(&a), stdout(&c), "{format}");
    }
}

#[test]
fn check_failure_on_a_large_bill_exits_6_naming_the_total() {
    let env = TestEnv::new();
    // 10⁵ records; record 500 now settles 9.99 元 instead of 185.01 元.
    env.write(
        "big.csv",
        synthetic_trade_all(100_000, Some((500, 999))),
        0o644,
    );
    let out = parse(&env, &["big.csv", "--check", "-o", "jsonl"]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    // Every record was still streamed, and the summary line last.
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 100_001);
    assert!(text.lines().last().unwrap().starts_with("{\"summary\":"));
    insta::assert_snapshot!("bill_parse_check_failed_stderr", stderr(&out));

    // The same bill untouched passes.
    env.write("good.csv", synthetic_trade_all(100_000, None), 0o644);
    let out = parse(&env, &["good.csv", "--check", "--csv", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 100_001);
    assert_eq!(stderr(&out), "");
}

#[test]
fn check_failure_in_the_table_still_prints_the_table() {
    let env = TestEnv::new();
    let text = String::from_utf8(sample(V3))
        .unwrap()
        .replace("`3,`0.03,", "`4,`0.03,");
    env.write("v3.csv", text, 0o644);
    let out = parse(&env, &["v3.csv", "--check"]);
    assert_eq!(out.status.code(), Some(6));
    assert!(stdout(&out).contains("S20210128170702357723"));
    assert_eq!(
        stderr(&out),
        "error: v3.csv: the records do not add up to the summary line: 总交易单数 (count): the summary says 4, the records add up to 3\n"
    );
    // Without --check the same file is fine.
    assert!(parse(&env, &["v3.csv"]).status.success());
}

#[test]
fn errors_and_their_exit_codes() {
    let env = TestEnv::new();
    env.write("notabill.txt", "hello\n", 0o644);
    let gz = gzip(&sample(V3));
    env.write("cut.csv.gz", &gz[..gz.len() - 3], 0o644);
    let bad =
        String::from_utf8(sample(V3))
            .unwrap()
            .replacen("`0.01,`0.00,`0,", "`0.011,`0.00,`0,", 1);
    env.write("bad.csv", bad, 0o644);
    let mut report = String::new();
    for (args, code) in [
        (&["missing.csv"][..], 2),
        (&["notabill.txt"][..], 2),
        (&["cut.csv.gz", "-o", "json"][..], 6),
        (&["bad.csv", "-o", "jsonl"][..], 6),
    ] {
        let out = parse(&env, args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        report.push_str(&format!(
            "$ wxcombine bill parse {}\n[exit {code}]\n{}\n",
            args.join(" "),
            stderr(&out)
        ));
    }
    insta::assert_snapshot!("bill_parse_errors", env.redact(&report));
}
