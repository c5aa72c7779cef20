//! The sandbox in 服务商 mode (`--service-provider`, apiv3.md §6.3–6.5, §7.2, §8.1, §9.2) through
//! the real binary: the main merchant is a 服务商 whose 二级商户 are sandbox-sub1 and sandbox-sub2.
//! Prepay with 1–50 sub-orders naming them in `sub_mchid`, the refusals (locally for 51, 403
//! NO_AUTH for a stranger), query and close with `sub_mchid`, the notification, and the trade bill
//! with its 特约商户号 column, whole and narrowed by `--sub-mchid`. Then the same rules at the
//! wire, with the `detail.field` each refusal names, and `sandbox serve --service-provider`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};
use wxcombine::api::{Request, Scene};
use wxcombine::sandbox::SandboxOptions;

use crate::harness::lab::{APPID, MAIN, OPENID, SUB1, SUB2};
use crate::harness::notify::{Capture, ack_url, notification};
use crate::harness::{Lab, TestEnv, exit, ok, stderr, stdout};

const DAY: &str = "2026-05-01";
const READY: &str = "2026-05-02T11:00:00+08:00";
/// A merchant id the sandbox does not know.
const STRANGER: &str = "1900000999";

fn lab() -> Lab {
    Lab::with(SandboxOptions {
        service_provider: true,
        ..SandboxOptions::default()
    })
}

fn json_out(out: &Output) -> Value {
    serde_json::from_slice(&ok(out).stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// `--sub-order` SPECs: `{no}-{i}`, `amount` fen, for the given 二级商户 in turn.
fn specs(no: &str, n: usize, sub_mchids: &[&str]) -> Vec<String> {
    (0..n)
        .map(|i| {
            format!(
                "out_trade_no={no}-{i},amount={},description=Tea,attach=shop{i},sub_mchid={}",
                100 + i,
                sub_mchids[i % sub_mchids.len()]
            )
        })
        .collect()
}

/// `wxcombine -q prepay` of a jsapi order with these SPECs, notifications to `notify_url`.
fn prepay(lab: &Lab, no: &str, specs: &[String], notify_url: &str) -> Output {
    let mut c = lab.cmd();
    c.args(["-q", "prepay", "--combine-out-trade-no", no])
        .args(["--openid", &lab.openid(), "--notify-url", notify_url]);
    for s in specs {
        c.args(["--sub-order", s]);
    }
    c.output().unwrap()
}

fn query(lab: &Lab, no: &str) -> Value {
    json_out(
        &lab.cmd()
            .args(["-q", "-o", "json", "query", no])
            .output()
            .unwrap(),
    )
}

#[test]
fn one_sub_order_with_sub_mchid_is_a_service_provider_order() {
    let lab = lab();
    let out = prepay(
        &lab,
        "P910001",
        &[format!(
            "out_trade_no=P910001A,amount=100,description=Tea,attach=shop1,sub_mchid={SUB1}"
        )],
        "http://127.0.0.1:9/notify",
    );
    ok(&out);
    let v = query(&lab, "P910001");
    let so = &v["sub_orders"];
    assert_eq!(so.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(so[0]["mchid"], MAIN);
    assert_eq!(so[0]["sub_mchid"], SUB1);
    assert_eq!(so[0]["trade_state"], "NOTPAY");
    // The table grows a SUB_MCHID column for 服务商 orders.
    let table = stdout(ok(&lab.cmd().args(["query", "P910001"]).output().unwrap()));
    insta::assert_snapshot!("service_provider_query_table", table);
}

#[test]
fn fifty_sub_orders_pass_and_fifty_one_are_refused_before_sending() {
    let lab = lab();
    ok(&prepay(
        &lab,
        "P910002",
        &specs("P910002", 50, &[SUB1, SUB2]),
        "http://127.0.0.1:9/notify",
    ));
    let v = query(&lab, "P910002");
    assert_eq!(v["sub_orders"].as_array().unwrap().len(), 50);
    assert_eq!(v["sub_orders"][49]["sub_mchid"], SUB2);

    let before = lab.api_requests("/v3/combine-transactions");
    let out = prepay(
        &lab,
        "P910003",
        &specs("P910003", 51, &[SUB1]),
        "http://127.0.0.1:9/notify",
    );
    exit(&out, 2);
    assert!(stderr(&out).contains("/sub_orders"), "{}", stderr(&out));
    assert!(stderr(&out).contains("1-50"), "{}", stderr(&out));
    assert_eq!(lab.api_requests("/v3/combine-transactions"), before);
}

#[test]
fn a_sub_mchid_it_does_not_serve_is_no_auth() {
    let lab = lab();
    let out = prepay(
        &lab,
        "P910004",
        &specs("P910004", 1, &[STRANGER]),
        "http://127.0.0.1:9/notify",
    );
    exit(&out, 4);
    let err = stderr(&out);
    assert!(err.contains("NO_AUTH") && err.contains("403"), "{err}");
    // WeChat Pay's detail.field reaches the user.
    assert!(err.contains("(field /sub_orders/0/sub_mchid"), "{err}");
    // A 二级商户 places no 合单 orders of its own in this mode.
    let out = lab
        .cmd()
        .args(["-q", "--profile", "sandbox-sub1", "prepay"])
        .args([
            "--combine-out-trade-no",
            "P910005",
            "--openid",
            "oSub1AAAAAAAAAAAAAAAAAAAAAA1",
        ])
        .args(["--notify-url", "http://127.0.0.1:9/notify"])
        .args([
            "--sub-order",
            &format!("out_trade_no=P910005A,amount=1,description=x,attach=a,sub_mchid={SUB2}"),
        ])
        .output()
        .unwrap();
    exit(&out, 4);
    assert!(stderr(&out).contains("NO_AUTH"), "{}", stderr(&out));
}

#[test]
fn close_finds_the_sub_mchids_and_closes() {
    let lab = lab();
    ok(&prepay(
        &lab,
        "P910006",
        &specs("P910006", 2, &[SUB1, SUB2]),
        "http://127.0.0.1:9/notify",
    ));
    let v = json_out(
        &lab.cmd()
            .args(["-q", "-o", "json", "close", "P910006", "--yes"])
            .output()
            .unwrap(),
    );
    assert_eq!(v["closed"], true);
    assert_eq!(
        v["sub_orders"],
        json!([
            {"mchid": MAIN, "out_trade_no": "P910006-0", "sub_mchid": SUB1},
            {"mchid": MAIN, "out_trade_no": "P910006-1", "sub_mchid": SUB2}
        ])
    );
    let q = query(&lab, "P910006");
    assert!(
        q["sub_orders"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["trade_state"] == "CLOSED"),
        "{q}"
    );
}

#[test]
fn the_paid_notification_decrypts_with_sub_mchid() {
    let lab = lab();
    ok(&prepay(
        &lab,
        "P910007",
        &specs("P910007", 2, &[SUB2, SUB1]),
        &ack_url(),
    ));
    ok(&lab
        .cmd()
        .args(["-q", "sandbox", "pay", "P910007"])
        .output()
        .unwrap());
    let n = notification(&lab, "P910007", |n| n.delivered);
    let c = Capture::of(&n.attempts[0]);
    c.write(&lab, "sp");
    let plain = json_out(
        &lab.cmd()
            .args(["-q", "-o", "json", "notify", "decrypt", "--raw", "sp.http"])
            .output()
            .unwrap(),
    );
    let subs = plain["sub_orders"].as_array().unwrap();
    assert_eq!(subs.len(), 2);
    assert_eq!(
        subs.iter()
            .map(|s| (
                s["mchid"].as_str().unwrap(),
                s["sub_mchid"].as_str().unwrap()
            ))
            .collect::<Vec<_>>(),
        [(MAIN, SUB2), (MAIN, SUB1)]
    );
    assert!(subs.iter().all(|s| s["trade_state"] == "SUCCESS"));
}

/// `bill download -q -o json ARGS…` into `dir`: the one result row.
fn download(lab: &Lab, dir: &str, args: &[&str]) -> Value {
    std::fs::create_dir_all(lab.env.path().join(dir)).unwrap();
    let rows = json_out(
        &lab.cmd()
            .args([
                "-q", "-o", "json", "bill", "download", "--date", DAY, "--dir", dir,
            ])
            .args(args)
            .output()
            .unwrap(),
    );
    rows[0].clone()
}

/// The records of a downloaded bill (`bill parse --check`), summary dropped.
fn records(lab: &Lab, file: &str) -> Vec<Value> {
    let out = lab
        .cmd()
        .args(["-q", "-o", "jsonl", "bill", "parse", file, "--check"])
        .output()
        .unwrap();
    let mut lines: Vec<Value> = stdout(ok(&out))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    lines.pop();
    lines
}

#[test]
fn trade_bills_carry_the_sub_mchid_and_narrow_to_one() {
    let lab = lab();
    lab.sb.set_clock(&format!("{DAY}T09:30:00+08:00")).unwrap();
    ok(&prepay(
        &lab,
        "P910008",
        &specs("P910008", 3, &[SUB1, SUB2]),
        "http://127.0.0.1:9/notify",
    ));
    lab.sb.pay("P910008").unwrap();
    lab.sb.set_clock(READY).unwrap();
    let file = format!("tradebill_1900000109_{DAY}_ALL.csv");

    let row = download(&lab, "all", &[]);
    assert_eq!(
        (row["rows"].as_u64(), &row["status"]),
        (Some(3), &json!("downloaded")),
        "{row}"
    );
    let all = records(&lab, &format!("all/{file}"));
    let cols: Vec<(&str, &str, &str)> = all
        .iter()
        .map(|r| {
            (
                r["out_trade_no"].as_str().unwrap(),
                r["mchid"].as_str().unwrap(),
                r["sub_mchid"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cols,
        [
            ("P910008-0", MAIN, SUB1),
            ("P910008-1", MAIN, SUB2),
            ("P910008-2", MAIN, SUB1)
        ]
    );

    let row = download(&lab, "sub1", &["--sub-mchid", SUB1]);
    assert_eq!(row["rows"], 2, "{row}");
    // A sub-merchant's bill is named after both merchants (cli.md `bill download`).
    let mine = records(&lab, &format!("sub1/tradebill_{MAIN}-{SUB1}_{DAY}_ALL.csv"));
    assert!(
        mine.iter()
            .all(|r| r["sub_mchid"] == SUB1 && r["mchid"] == MAIN),
        "{mine:?}"
    );
    assert_eq!(mine.len(), 2);

    // Not its 二级商户: refused, nothing written.
    let out = lab
        .cmd()
        .args(["-q", "bill", "download", "--date", DAY, "--dir", "all"])
        .args(["--sub-mchid", STRANGER, "--out", "stranger.csv"])
        .output()
        .unwrap();
    exit(&out, 4);
    assert!(stderr(&out).contains("NO_AUTH"), "{}", stderr(&out));
    assert!(!lab.env.path().join("stranger.csv").exists());
    // The 二级商户's own trade bill holds none of them (its sub-orders carry the 服务商's mchid).
    let row = download(&lab, "own", &["--profile", "sandbox-sub1"]);
    assert_eq!(row["status"], "no_statement", "{row}");
}

/// Issue 11 item 2: a 服务商's cron job keeps every sub-merchant's bill (and its own) in one
/// folder. The names once were `tradebill_<date>_<type>.csv` for all of them, so the second
/// download exited 2 with "exists and differs".
#[test]
fn bills_of_two_sub_merchants_share_one_folder() {
    let lab = lab();
    lab.sb.set_clock(&format!("{DAY}T09:30:00+08:00")).unwrap();
    ok(&prepay(
        &lab,
        "P910018",
        &specs("P910018", 3, &[SUB1, SUB2]),
        "http://127.0.0.1:9/notify",
    ));
    lab.sb.pay("P910018").unwrap();
    lab.sb.set_clock(READY).unwrap();
    let sub1 = download(&lab, "bills", &["--sub-mchid", SUB1]);
    let sub2 = download(&lab, "bills", &["--sub-mchid", SUB2]);
    let main = download(&lab, "bills", &[]);
    for (row, rows) in [(&sub1, 2), (&sub2, 1), (&main, 3)] {
        assert_eq!(row["status"], "downloaded", "{row}");
        assert_eq!(row["rows"], rows, "{row}");
    }
    assert_eq!(
        sub1["path"],
        format!("bills/tradebill_{MAIN}-{SUB1}_{DAY}_ALL.csv")
    );
    let mut names: Vec<String> = std::fs::read_dir(lab.env.path().join("bills"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            format!("tradebill_{MAIN}-{SUB1}_{DAY}_ALL.csv"),
            format!("tradebill_{MAIN}-{SUB2}_{DAY}_ALL.csv"),
            format!("tradebill_{MAIN}_{DAY}_ALL.csv"),
        ]
    );
    // Each holds its own sub-merchant's rows only.
    for (sub, n) in [(SUB1, 2), (SUB2, 1)] {
        let recs = records(&lab, &format!("bills/tradebill_{MAIN}-{sub}_{DAY}_ALL.csv"));
        assert_eq!(recs.len(), n);
        assert!(recs.iter().all(|r| r["sub_mchid"] == sub), "{recs:?}");
    }
    // A rerun finds each file up to date.
    assert_eq!(
        download(&lab, "bills", &["--sub-mchid", SUB2])["status"],
        "up_to_date"
    );
}

// ---- the same rules at the wire --------------------------------------------------------------

fn sp() -> Lab {
    Lab::with(SandboxOptions {
        service_provider: true,
        ..SandboxOptions::default()
    })
}

/// A 服务商 jsapi body: one sub-order per (out_trade_no, sub_mchid).
fn sp_body(no: &str, subs: &[(&str, &str)]) -> Value {
    json!({
        "combine_appid": APPID,
        "combine_mchid": MAIN,
        "combine_out_trade_no": no,
        "combine_payer_info": {"openid": OPENID},
        "sub_orders": subs.iter().map(|(otn, sub)| json!({
            "mchid": MAIN, "sub_mchid": sub, "attach": "a",
            "amount": {"total_amount": 100, "currency": "CNY"},
            "out_trade_no": otn, "description": "d"
        })).collect::<Vec<_>>(),
        "notify_url": "http://127.0.0.1:9/notify"
    })
}

fn prepay_req(body: &Value) -> Request {
    Request::combine_prepay(Scene::Jsapi, serde_json::to_vec(body).unwrap())
}

fn close_req(no: &str, body: &Value) -> Request {
    Request::combine_close(no, serde_json::to_vec(body).unwrap())
}

#[test]
fn each_service_provider_refusal_names_its_field() {
    let sb = sp();
    let err = |body: &Value| {
        let e = sb.call_err("sandbox", &prepay_req(body));
        (
            e.status,
            e.code.clone(),
            e.field().unwrap_or("").to_string(),
        )
    };
    let fine = sp_body("P920001", &[("P920001A", SUB1)]);
    // A sub-order's mchid is the 服务商's own; the 二级商户 goes in sub_mchid.
    let mut b = fine.clone();
    b["sub_orders"][0]["mchid"] = json!(SUB1);
    assert_eq!(
        err(&b),
        (403, "NO_AUTH".into(), "/sub_orders/0/mchid".into())
    );
    // The direct form is not a 服务商's.
    let mut b = crate::harness::lab::prepay_body("P920002", "http://127.0.0.1:9/notify");
    b["sub_orders"][1]["mchid"] = json!(MAIN);
    assert_eq!(
        err(&b),
        (403, "NO_AUTH".into(), "/sub_orders/0/sub_mchid".into())
    );
    // sub_appid must be the 二级商户's.
    let mut b = fine.clone();
    b["sub_orders"][0]["sub_appid"] = json!(APPID);
    assert_eq!(
        err(&b),
        (
            400,
            "APPID_MCHID_NOT_MATCH".into(),
            "/sub_orders/0/sub_appid".into()
        )
    );
    // sub_openid needs one sub_appid, and a payer under it.
    let mut b = fine.clone();
    b["combine_payer_info"]["sub_openid"] = json!("oSub1AAAAAAAAAAAAAAAAAAAAAA1");
    assert_eq!(
        err(&b),
        (
            400,
            "PARAM_ERROR".into(),
            "/combine_payer_info/sub_openid".into()
        )
    );
    b["sub_orders"][0]["sub_appid"] = json!("wx8888888888888881");
    b["combine_payer_info"]["sub_openid"] = json!("oSub2AAAAAAAAAAAAAAAAAAAAAA2");
    assert_eq!(
        err(&b),
        (
            500,
            "OPENID_MISMATCH".into(),
            "/combine_payer_info/sub_openid".into()
        )
    );
    // A 二级商户 signing for itself.
    let mut b = fine.clone();
    b["combine_mchid"] = json!(SUB1);
    b["combine_appid"] = json!("wx8888888888888881");
    b["combine_payer_info"]["openid"] = json!("oSub1AAAAAAAAAAAAAAAAAAAAAA1");
    let e = sb.call_err("sandbox-sub1", &prepay_req(&b));
    assert_eq!(
        (e.status, e.code.as_str(), e.field()),
        (403, "NO_AUTH", Some("/combine_mchid"))
    );
    // None of these left an order behind.
    let e = sb.call_err("sandbox", &Request::combine_query("P920001"));
    assert_eq!(e.code, "ORDER_NOT_EXIST");
}

#[test]
fn sub_appid_sub_openid_and_subsidy_are_kept_and_shown_once_paid() {
    let sb = sp();
    let mut b = sp_body("P920010", &[("P920010A", SUB1), ("P920010B", SUB1)]);
    for so in b["sub_orders"].as_array_mut().unwrap() {
        so["sub_appid"] = json!("wx8888888888888881");
        so["settle_info"] = json!({"profit_sharing": false, "subsidy_amount": 10});
    }
    b["combine_payer_info"]["sub_openid"] = json!("oSub1AAAAAAAAAAAAAAAAAAAAAA1");
    sb.prepay("sandbox", &b);
    let q = sb.query("sandbox", "P920010");
    assert_eq!(q["sub_orders"][0]["sub_appid"], "wx8888888888888881");
    assert_eq!(q["sub_orders"][1]["sub_mchid"], SUB1);
    // The payer is known only after payment (§13.20).
    assert!(q["sub_orders"][0].get("sub_openid").is_none(), "{q}");
    assert!(q.get("combine_payer_info").is_none(), "{q}");
    sb.sb.pay("P920010").unwrap();
    let q = sb.query("sandbox", "P920010");
    assert_eq!(
        q["sub_orders"][0]["sub_openid"],
        "oSub1AAAAAAAAAAAAAAAAAAAAAA1"
    );
    assert_eq!(
        q["combine_payer_info"],
        json!({"openid": OPENID, "sub_openid": "oSub1AAAAAAAAAAAAAAAAAAAAAA1"})
    );
}

#[test]
fn close_needs_each_sub_mchid_and_the_exact_list() {
    let sb = sp();
    sb.prepay(
        "sandbox",
        &sp_body("P920020", &[("P920020A", SUB1), ("P920020B", SUB2)]),
    );
    let list = |subs: Value| json!({"combine_appid": APPID, "sub_orders": subs});
    let refused = |body: Value| {
        let e = sb.call_err("sandbox", &close_req("P920020", &body));
        (
            e.status,
            e.code.clone(),
            e.field().unwrap_or("").to_string(),
        )
    };
    // Without sub_mchid.
    assert_eq!(
        refused(list(json!([
            {"mchid": MAIN, "out_trade_no": "P920020A"},
            {"mchid": MAIN, "out_trade_no": "P920020B"}]))),
        (400, "PARAM_ERROR".into(), "/sub_orders/0/sub_mchid".into())
    );
    // The wrong 二级商户.
    assert_eq!(
        refused(list(json!([
            {"mchid": MAIN, "out_trade_no": "P920020A", "sub_mchid": SUB1},
            {"mchid": MAIN, "out_trade_no": "P920020B", "sub_mchid": SUB1}]))),
        (400, "PARAM_ERROR".into(), "/sub_orders/1/sub_mchid".into())
    );
    // One of two.
    assert_eq!(
        refused(list(
            json!([{"mchid": MAIN, "out_trade_no": "P920020A", "sub_mchid": SUB1}])
        )),
        (400, "PARAM_ERROR".into(), "/sub_orders".into())
    );
    // The exact list, in any order.
    sb.call(
        "sandbox",
        &close_req(
            "P920020",
            &list(json!([
                {"mchid": MAIN, "out_trade_no": "P920020B", "sub_mchid": SUB2},
                {"mchid": MAIN, "out_trade_no": "P920020A", "sub_mchid": SUB1}])),
        ),
    );
    assert_eq!(
        sb.query("sandbox", "P920020")["sub_orders"][1]["trade_state"],
        "CLOSED"
    );
}

#[test]
fn bill_sub_mchid_rules_and_fund_flow_belongs_to_the_sub_merchant() {
    let sb = sp();
    sb.sb.set_clock(&format!("{DAY}T09:30:00+08:00")).unwrap();
    sb.prepay(
        "sandbox",
        &sp_body("P920030", &[("P920030A", SUB1), ("P920030B", SUB2)]),
    );
    sb.sb.pay("P920030").unwrap();
    sb.sb.set_clock(READY).unwrap();
    let trade = |sub: Option<&str>| Request::trade_bill(DAY, sub, None, false);
    let e = sb.call_err("sandbox", &trade(Some("")));
    assert_eq!(
        (e.status, e.code.as_str(), e.field()),
        (400, "PARAM_ERROR", Some("sub_mchid"))
    );
    let e = sb.call_err("sandbox", &trade(Some(STRANGER)));
    assert_eq!(
        (e.status, e.code.as_str(), e.field()),
        (403, "NO_AUTH", Some("sub_mchid"))
    );
    let e = sb.call_err("sandbox-sub1", &trade(Some(SUB2)));
    assert_eq!((e.status, e.code.as_str()), (403, "NO_AUTH"));
    sb.call("sandbox", &trade(Some(SUB2)));
    // The money is the 二级商户's: its fund-flow bill has its row, the 服务商's has none.
    let fund = Request::fundflow_bill(DAY, None, false);
    sb.call("sandbox-sub1", &fund);
    let e = sb.call_err("sandbox", &fund);
    assert_eq!(e.code, "NO_STATEMENT_EXIST");
}

#[test]
fn seeded_orders_are_service_provider_orders() {
    let sb = sp();
    sb.sb.set_clock(READY).unwrap();
    let v = sb.sb.seed(DAY, 3).unwrap();
    let q = sb.query("sandbox", &v.first);
    assert_eq!(q["sub_orders"][0]["mchid"], MAIN);
    assert_eq!(q["sub_orders"][0]["sub_mchid"], SUB1);
    assert_eq!(q["sub_orders"][1]["sub_mchid"], SUB2);
    sb.call(
        "sandbox",
        &Request::trade_bill(DAY, Some(SUB1), None, false),
    );
    // A 二级商户 seeds nothing of its own.
    let r = crate::harness::raw::send(
        &sb.url("/sandbox/v1/seed"),
        "POST",
        &[("Content-Type".into(), "application/json".into())],
        serde_json::to_vec(&json!({"date": DAY, "orders": 1, "mchid": SUB1})).unwrap(),
    );
    assert_eq!(r.status, 403, "{}", String::from_utf8_lossy(&r.body));
}

#[test]
fn serve_service_provider_writes_which_mchids_are_sub_merchants() {
    let env = TestEnv::new();
    let config = env.path().join("config.toml");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("wxcombine"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.home())
        .args(["sandbox", "serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(env.path().join("data"))
        .arg("--write-config")
        .arg(&config)
        .args(["--service-provider", "--out-trade-no-min", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let text = std::fs::read_to_string(&config).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        line.starts_with("listening on http://127.0.0.1:"),
        "{line:?}"
    );
    assert!(text.contains("服务商 mode"), "{text}");
    for sub in [SUB1, SUB2] {
        assert!(
            text.contains(&format!("#   sub_mchid {sub} (profile sandbox-")),
            "{text}"
        );
    }
    // Other lower bounds are refused as usage errors, before anything starts.
    let out = env
        .cmd()
        .args([
            "sandbox",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--out-trade-no-min",
            "3",
        ])
        .output()
        .unwrap();
    exit(&out, 2);
    assert!(
        stderr(&out).contains("--out-trade-no-min"),
        "{}",
        stderr(&out)
    );
}
