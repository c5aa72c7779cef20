//! `prepay`, `query`, `close` and the transport end to end against the in-process sandbox
//! (issue 4): happy paths per scene, local validation that sends nothing, every fault mapped to its
//! exit code, retries and the backup host, the JSON error line, and redaction at -vv.

use serde_json::Value;
use wxcombine::sandbox::FaultKind;

use crate::harness::{Lab, json, redact, stderr, stdout};

#[test]
fn jsapi_prepay_with_sign_then_query_and_close() {
    let lab = Lab::new();
    let out = lab
        .cmd()
        .args([
            "-q",
            "-o",
            "json",
            "prepay",
            "--combine-out-trade-no",
            "P20260101000001",
            "--openid",
            &lab.openid(),
            "--sign",
        ])
        .args([
            "--notify-url",
            "http://127.0.0.1:9/notify",
            "--expire-in",
            "2h",
        ])
        .args([
            "--sub-order",
            "out_trade_no=S20260101000001,amount=100,description=Tea,attach=shop1",
        ])
        .args([
            "--sub-order",
            &format!(
                "out_trade_no=S20260101000002,amount=250,description=Cake,attach=shop2,mchid={}",
                lab.mchid(1)
            ),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut v = json(&out);
    let prepay_id = v["prepay_id"].as_str().unwrap().to_string();
    assert!(
        prepay_id.starts_with("wx") && prepay_id.len() <= 64,
        "{prepay_id}"
    );
    // --sign produced a request_payment that verifies with the merchant key.
    let rp = v["request_payment"].clone();
    assert_eq!(rp["package"], format!("prepay_id={prepay_id}"));
    let verify = lab
        .cmd()
        .args([
            "-q",
            "sign-pay",
            "--prepay-id",
            &prepay_id,
            "--timestamp",
            rp["timeStamp"].as_str().unwrap(),
        ])
        .args([
            "--nonce",
            rp["nonceStr"].as_str().unwrap(),
            "--verify",
            rp["paySign"].as_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(verify.status.success(), "{}", stderr(&verify));
    redact(&mut v);
    insta::assert_snapshot!(
        "prepay_jsapi_json",
        serde_json::to_string_pretty(&v).unwrap()
    );

    // Query before payment: NOTPAY, no payment fields.
    let out = lab
        .cmd()
        .args(["-q", "-o", "json", "query", "P20260101000001"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let q = json(&out);
    assert_eq!(q["sub_orders"][0]["trade_state"], "NOTPAY");
    assert!(q["sub_orders"][0].get("transaction_id").is_none());
    let table = lab
        .cmd()
        .args(["-q", "query", "P20260101000001"])
        .output()
        .unwrap();
    insta::assert_snapshot!("query_notpay_table", stdout(&table));

    // Close it: auto-discovered sub-orders, no TTY so no prompt.
    let out = lab
        .cmd()
        .args(["-q", "-o", "json", "close", "P20260101000001"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("close_json", stdout(&out));
    let out = lab
        .cmd()
        .args(["-q", "-o", "json", "query", "P20260101000001"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["sub_orders"][1]["trade_state"], "CLOSED");
}

#[test]
fn query_output_is_the_verified_body_verbatim() {
    let lab = Lab::new();
    assert!(lab.cmd_prepay("P20260101000002").status.success());
    lab.sb.pay("P20260101000002").unwrap();
    let out = lab
        .cmd()
        .args(["-q", "-o", "json", "query", "P20260101000002"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["sub_orders"][0]["trade_state"], "SUCCESS");
    assert_eq!(
        v["sub_orders"][0]["transaction_id"].as_str().unwrap().len(),
        28
    );
    let mut r = v.clone();
    redact(&mut r);
    insta::assert_snapshot!(
        "query_success_json",
        serde_json::to_string_pretty(&r).unwrap()
    );
    // The table.
    let out = lab
        .cmd()
        .args(["-q", "query", "P20260101000002"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("SUCCESS") && text.contains("1.00") && text.contains("2.50"),
        "{text}"
    );
}

#[test]
fn every_scene_prepays() {
    let lab = Lab::new();
    let subs = |no: &str| {
        vec![
            "--sub-order".to_string(),
            format!("out_trade_no={no}A,amount=1,description=a,attach=x"),
            "--sub-order".to_string(),
            format!(
                "out_trade_no={no}B,amount=2,description=b,attach=y,mchid={}",
                lab.mchid(1)
            ),
        ]
    };
    let cases: Vec<(&str, Vec<String>, &str)> = vec![
        ("app", vec![], "prepay_id"),
        ("native", vec![], "code_url"),
        (
            "h5",
            vec![
                "--payer-ip".into(),
                "14.17.22.32".into(),
                "--device-id".into(),
                "013467007045764".into(),
                "--h5-type".into(),
                "Wap".into(),
            ],
            "h5_url",
        ),
    ];
    for (i, (scene, extra, field)) in cases.into_iter().enumerate() {
        let no = format!("P2026010100001{i}");
        let out = lab
            .cmd()
            .args([
                "-q",
                "-o",
                "json",
                "prepay",
                "--scene",
                scene,
                "--combine-out-trade-no",
                &no,
                "--notify-url",
                "http://127.0.0.1:9/n",
            ])
            .args(&extra)
            .args(subs(&no))
            .output()
            .unwrap();
        assert!(out.status.success(), "{scene}: {}", stderr(&out));
        let v = json(&out);
        assert!(
            v[field].as_str().is_some_and(|s| !s.is_empty()),
            "{scene}: {v}"
        );
        let q = lab
            .cmd()
            .args(["-q", "-o", "json", "query", &no])
            .output()
            .unwrap();
        let expected = match scene {
            "app" => "APP",
            "native" => "NATIVE",
            _ => "MWEB",
        };
        assert_eq!(json(&q)["sub_orders"][0]["trade_type"], expected, "{scene}");
    }
    // APP --sign gives the APP fields.
    let no = "P20260101000020";
    let out = lab
        .cmd()
        .args([
            "-q",
            "-o",
            "json",
            "prepay",
            "--scene",
            "app",
            "--sign",
            "--combine-out-trade-no",
            no,
            "--notify-url",
            "http://127.0.0.1:9/n",
        ])
        .args(subs(no))
        .output()
        .unwrap();
    let v = json(&out);
    assert_eq!(v["request_payment"]["package"], "Sign=WXPay", "{v}");
}

#[test]
fn local_validation_exits_2_and_sends_nothing() {
    let lab = Lab::new();
    let openid = lab.openid();
    let good_a = "out_trade_no=S0000000001,amount=1,description=a,attach=x".to_string();
    let good_b = format!(
        "out_trade_no=S0000000002,amount=1,description=b,attach=y,mchid={}",
        lab.mchid(1)
    );
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["--sub-order".into(), good_a.clone()], "/sub_orders"),
        (
            vec![
                "--sub-order".into(),
                good_a.clone(),
                "--sub-order".into(),
                good_a.clone(),
            ],
            "/sub_orders/1/out_trade_no",
        ),
        (
            vec![
                "--sub-order".into(),
                "out_trade_no=S0000000001,amount=0,description=a,attach=x".into(),
                "--sub-order".into(),
                good_b.clone(),
            ],
            "/sub_orders/0/amount/total_amount",
        ),
        (
            vec![
                "--sub-order".into(),
                "out_trade_no=S0000000001,amount=19.99,description=a,attach=x".into(),
                "--sub-order".into(),
                good_b.clone(),
            ],
            "amount",
        ),
        (
            vec![
                "--sub-order".into(),
                "out_trade_no=S0000000001,amount=1,description=a".into(),
                "--sub-order".into(),
                good_b.clone(),
            ],
            "/sub_orders/0/attach",
        ),
        (
            vec![
                "--sub-order".into(),
                good_a.clone(),
                "--sub-order".into(),
                good_b.clone(),
                "--time-expire".into(),
                "2026-01-01T12:00:00Z".into(),
            ],
            "/time_expire",
        ),
        (
            vec![
                "--sub-order".into(),
                good_a.clone(),
                "--sub-order".into(),
                good_b.clone(),
                "--notify-url".into(),
                "https://x.example.com/n?a=1".into(),
            ],
            "/notify_url",
        ),
        (
            vec![
                "--sub-order".into(),
                good_a.clone(),
                "--sub-order".into(),
                good_b.clone(),
                "--combine-out-trade-no".into(),
                "P1".into(),
            ],
            "/combine_out_trade_no",
        ),
        (
            vec![
                "--sub-order".into(),
                format!("{good_a},description={}", "长".repeat(128)),
                "--sub-order".into(),
                good_b.clone(),
            ],
            "description",
        ),
    ];
    for (args, needle) in cases {
        let mut c = lab.cmd();
        c.args(["-q", "prepay", "--openid", &openid]);
        if !args.iter().any(|a| a == "--notify-url") {
            c.args(["--notify-url", "http://127.0.0.1:9/n"]);
        }
        let out = c.args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(needle),
            "{args:?}: expected {needle:?} in {}",
            stderr(&out)
        );
    }
    // JSAPI without an openid.
    let out = lab
        .cmd()
        .args([
            "-q",
            "prepay",
            "--notify-url",
            "http://127.0.0.1:9/n",
            "--sub-order",
            &good_a,
            "--sub-order",
            &good_b,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/combine_payer_info"));
    // The flag that sets it is named too (issue 15, item 7).
    assert!(
        stderr(&out).contains("(set by --openid)"),
        "{}",
        stderr(&out)
    );
    // h5 without its scene_info: the flags that make one.
    let out = lab
        .cmd()
        .args([
            "-q",
            "prepay",
            "--scene",
            "h5",
            "--notify-url",
            "http://127.0.0.1:9/n",
        ])
        .args(["--sub-order", &good_a, "--sub-order", &good_b])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("/scene_info: is required (set by --payer-ip, --h5-type)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        lab.api_requests("/v3/"),
        0,
        "a locally refused prepay must send nothing"
    );
}

#[test]
fn dry_run_shows_the_exact_string_to_sign_and_sends_nothing() {
    let lab = Lab::new();
    let out = lab
        .cmd()
        .args([
            "-q",
            "-o",
            "json",
            "prepay",
            "--dry-run",
            "--combine-out-trade-no",
            "P20260101000030",
            "--openid",
            "o1",
        ])
        .args(["--notify-url", "http://127.0.0.1:9/n"])
        .args([
            "--sub-order",
            "out_trade_no=S0000000001,amount=1,description=a,attach=x",
        ])
        .args([
            "--sub-order",
            "out_trade_no=S0000000002,amount=1,description=b,attach=y",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let sts = v["string_to_sign"].as_str().unwrap();
    let lines: Vec<&str> = sts.split('\n').collect();
    assert_eq!(lines[0], "POST");
    assert_eq!(lines[1], "/v3/combine-transactions/jsapi");
    assert_eq!(
        lines[4],
        serde_json::to_string(&v["body"]).unwrap(),
        "the signed body is the compact body shown"
    );
    assert_eq!(lab.api_requests("/v3/"), 0);
}

#[test]
fn faults_map_to_exit_codes() {
    let lab = Lab::new();
    assert!(lab.cmd_prepay("P20260101000040").status.success());
    let query = |extra: &[&str]| {
        lab.cmd()
            .args(["-q", "query", "P20260101000040"])
            .args(extra)
            .output()
            .unwrap()
    };
    for kind in [
        FaultKind::TamperSignature,
        FaultKind::Signtest,
        FaultKind::StaleTimestamp,
        FaultKind::UnknownSerial,
    ] {
        lab.fault(kind, 1);
        let out = query(&["-o", "json"]);
        assert_eq!(out.status.code(), Some(6), "{kind:?}: {}", stderr(&out));
        assert!(
            out.stdout.is_empty(),
            "{kind:?}: an unverifiable response never reaches stdout"
        );
        let err = stderr(&out);
        let last: Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
        assert_eq!(last["error"]["kind"], "verification", "{kind:?}: {err}");
        if kind == FaultKind::UnknownSerial {
            // A public-key profile: the hint says what to check, not `certs download` (issue
            // 15, item 12).
            let hints = last["error"]["hints"].to_string();
            assert!(!err.contains("certs download"), "{err}");
            assert!(err.contains("wechatpay_public_key_file"), "{hints} {err}");
        }
    }
    // 500 and 429, then OK: three attempts, exit 0.
    let before = lab.api_requests("/v3/combine-transactions/out-trade-no/");
    lab.fault(FaultKind::SystemError, 1);
    lab.fault(FaultKind::FrequencyLimited, 1);
    let out = query(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        lab.api_requests("/v3/combine-transactions/out-trade-no/") - before,
        3
    );
    // --retries 0: exactly one attempt, WeChat Pay's error → 4 with its code in the JSON line.
    lab.fault(FaultKind::SystemError, 1);
    let before = lab.api_requests("/v3/combine-transactions/out-trade-no/");
    let out = query(&["--retries", "0", "-o", "json"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(
        lab.api_requests("/v3/combine-transactions/out-trade-no/") - before,
        1
    );
    let last: Value = serde_json::from_str(stderr(&out).lines().last().unwrap()).unwrap();
    assert_eq!(last["error"]["kind"], "api");
    assert_eq!(last["error"]["code"], "SYSTEM_ERROR");
    assert_eq!(last["error"]["http_status"], 500);
    assert!(last["error"]["request_id"].is_string());
    // A 4xx is never retried.
    let before = lab.api_requests("/v3/");
    let out = lab
        .cmd()
        .args(["-q", "query", "P20269999999999"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("ORDER_NOT_EXIST"));
    assert_eq!(lab.api_requests("/v3/") - before, 1);
    // A dropped connection is retried like any network failure.
    lab.fault(FaultKind::DropConnection, 1);
    assert!(query(&[]).status.success());
}

#[test]
fn network_failures_and_the_backup_host() {
    let lab = Lab::new();
    assert!(lab.cmd_prepay("P20260101000050").status.success());
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    // A closed port with nowhere else to go: exit 5 after the retries.
    let out = lab
        .cmd()
        .args([
            "-q",
            "--base-url",
            &format!("http://127.0.0.1:{closed}"),
            "--retries",
            "1",
            "-o",
            "json",
            "query",
            "P20260101000050",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let last: Value = serde_json::from_str(stderr(&out).lines().last().unwrap()).unwrap();
    assert_eq!(last["error"]["kind"], "network");
    // The primary refuses connections, the backup answers: exit 0.
    let cfg = std::fs::read_to_string(lab.env.path().join("config.toml")).unwrap();
    let port = lab.sb.addr().port();
    let moved = cfg.replace(
        &format!("base_url = \"http://127.0.0.1:{port}\""),
        &format!("base_url = \"http://127.0.0.1:{closed}\""),
    );
    assert_ne!(moved, cfg);
    lab.env.write("backup.toml", moved, 0o600);
    let out = lab
        .env
        .cmd()
        .args([
            "--config",
            "backup.toml",
            "-q",
            "-v",
            "query",
            "P20260101000050",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("switching to the backup host"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn batch_query_streams_and_reports_failures_in_place() {
    let lab = Lab::new();
    for no in ["P20260101000060", "P20260101000061"] {
        assert!(lab.cmd_prepay(no).status.success());
    }
    lab.sb.pay("P20260101000061").unwrap();
    lab.env.write(
        "orders.txt",
        "# today's orders\nP20260101000060\n\nP20260101000061\nP20269999999998\n",
        0o644,
    );
    let out = lab
        .cmd()
        .args([
            "-o",
            "jsonl",
            "query",
            "--from",
            "orders.txt",
            "--concurrency",
            "2",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let failed: Vec<&Value> = lines.iter().filter(|l| l.get("error").is_some()).collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["combine_out_trade_no"], "P20269999999998");
    assert_eq!(failed[0]["error"]["code"], "ORDER_NOT_EXIST");
    let err = stderr(&out);
    assert!(
        err.contains("3 orders: 1 ERROR, 1 NOTPAY, 1 SUCCESS"),
        "{err}"
    );
    // -o json: an array in input order.
    let out = lab
        .cmd()
        .args([
            "-q",
            "-o",
            "json",
            "query",
            "P20260101000061",
            "P20260101000060",
        ])
        .output()
        .unwrap();
    let v = json(&out);
    assert_eq!(v[0]["combine_out_trade_no"], "P20260101000061");
    assert_eq!(v[1]["combine_out_trade_no"], "P20260101000060");
}

#[test]
fn batch_lines_are_the_verified_bodies_as_received() {
    // Issue 16: `-o jsonl` (and the `-o json` array) print each verified body as it came, not
    // parsed and written again: each line is byte for byte what `-o json` prints for the order
    // alone (WeChat Pay's response object as received, cli.md `query`).
    let lab = Lab::new();
    let numbers = ["P20260101000062", "P20260101000063"];
    for no in numbers {
        assert!(lab.cmd_prepay(no).status.success());
    }
    lab.sb.pay(numbers[1]).unwrap();
    let single: Vec<String> = numbers
        .iter()
        .map(|no| {
            let out = lab
                .cmd()
                .args(["-q", "-o", "json", "query", no])
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", stderr(&out));
            stdout(&out).trim_end().to_string()
        })
        .collect();
    lab.env.write("orders.txt", numbers.join("\n"), 0o644);
    let out = lab
        .cmd()
        .args(["-q", "-o", "jsonl", "query", "--from", "orders.txt"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    lines.sort();
    let mut want = single.clone();
    want.sort();
    assert_eq!(lines, want);
    let out = lab
        .cmd()
        .args(["-q", "-o", "json", "query", numbers[0], numbers[1]])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim_end(), format!("[{}]", single.join(",")));
}

#[test]
fn close_refuses_a_paid_order_locally() {
    let lab = Lab::new();
    assert!(lab.cmd_prepay("P20260101000070").status.success());
    lab.sb.pay("P20260101000070").unwrap();
    let before = lab.api_requests("/v3/combine-transactions/out-trade-no/P20260101000070/close");
    let out = lab
        .cmd()
        .args(["-q", "close", "P20260101000070", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(
        err.contains("is paid") && err.contains("no close request was sent"),
        "{err}"
    );
    assert_eq!(
        lab.api_requests("/v3/combine-transactions/out-trade-no/P20260101000070/close"),
        before
    );
}

#[test]
fn close_with_explicit_sub_orders_and_dry_run() {
    let lab = Lab::new();
    assert!(lab.cmd_prepay("P20260101000080").status.success());
    let subs = [
        "--sub-order".to_string(),
        format!("mchid={},out_trade_no=P20260101000080A", lab.mchid(0)),
        "--sub-order".to_string(),
        format!("mchid={},out_trade_no=P20260101000080B", lab.mchid(1)),
    ];
    let out = lab
        .cmd()
        .args(["-q", "-o", "json", "close", "P20260101000080", "--dry-run"])
        .args(&subs)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        json(&out)["string_to_sign"]
            .as_str()
            .unwrap()
            .starts_with("POST\n/v3/combine-transactions/out-trade-no/P20260101000080/close\n")
    );
    assert_eq!(lab.api_requests("/v3/"), 1, "only the prepay was sent");
    // Only one of the two sub-orders: below the 2-10 a direct merchant must list, refused locally.
    let out = lab
        .cmd()
        .args(["-q", "close", "P20260101000080", "--yes"])
        .args(&subs[..2])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("/sub_orders"), "{}", stderr(&out));
    let out = lab
        .cmd()
        .args(["-q", "-o", "json", "close", "P20260101000080", "--yes"])
        .args(&subs)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["closed"], true);
}

#[test]
fn verbose_traces_hold_no_secrets() {
    let lab = Lab::new();
    let out = lab
        .cmd()
        .args(["-vv", "query", "P20260101000090"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let prepay = lab
        .cmd()
        .args([
            "-vv",
            "prepay",
            "--combine-out-trade-no",
            "P20260101000091",
            "--openid",
            &lab.openid(),
            "--notify-url",
            "http://127.0.0.1:9/n",
        ])
        .args([
            "--sub-order",
            "out_trade_no=S0000000091,amount=1,description=a,attach=x",
        ])
        .args([
            "--sub-order",
            &format!(
                "out_trade_no=S0000000092,amount=1,description=b,attach=y,mchid={}",
                lab.mchid(1)
            ),
        ])
        .output()
        .unwrap();
    assert!(prepay.status.success(), "{}", stderr(&prepay));
    let info = lab.sb.info();
    let apiv3 = std::fs::read_to_string(&info.merchants[0].apiv3_key_file).unwrap();
    let key_pem = std::fs::read_to_string(&info.merchants[0].private_key_file).unwrap();
    let key_line = key_pem.lines().nth(1).unwrap();
    for o in [&out, &prepay] {
        let all = format!("{}{}", stdout(o), stderr(o));
        assert!(
            all.contains("> Authorization: WECHATPAY2-SHA256-RSA2048"),
            "the trace shows the header"
        );
        assert!(all.contains("signature=\"…(redacted)\""));
        assert!(!all.contains(apiv3.trim()), "APIv3 key leaked");
        assert!(!all.contains(key_line), "private key leaked");
        // No full signature: every Base64 run in the output is shorter than a 2048-bit signature.
        let longest = all
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '='))
            .map(str::len)
            .max()
            .unwrap_or(0);
        assert!(
            longest < 300,
            "a {longest}-character Base64 run looks like a signature"
        );
    }
}

#[test]
fn profile_check_online_probe() {
    let lab = Lab::new();
    let out = lab
        .cmd()
        .args(["-q", "-o", "json", "profile", "check"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let v = json(&out);
    let names: Vec<&str> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"credentials") && names.contains(&"clock skew"),
        "{names:?}"
    );
}

#[test]
fn sign_error_doctor_names_the_cause() {
    let lab = Lab::new();
    let info = lab.sb.info();
    let (main, sub) = (&info.merchants[0], &info.merchants[1]);
    // The main merchant's mchid and serial, but the sub-merchant's private key: the message is
    // right, the signature is not.
    lab.env.write(
        "wrong-key.toml",
        format!(
            r#"[profiles.oops]
env = "sandbox"
mchid = "{}"
appid = "{}"
serial_no = "{}"
private_key_file = "{}"
wechatpay_public_key_file = "{}"
wechatpay_public_key_id = "{}"
base_url = "{}"
"#,
            main.mchid,
            main.appid,
            main.serial_no,
            sub.private_key_file.display(),
            info.public_key_file.display(),
            info.public_key_id,
            lab.sb.base_url()
        ),
        0o600,
    );
    let out = lab
        .env
        .cmd()
        .args([
            "--config",
            "wrong-key.toml",
            "-q",
            "-o",
            "json",
            "query",
            "P20260101000099",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("SIGN_ERROR doctor"), "{err}");
    assert!(err.contains("ours") && err.contains("theirs"), "{err}");
    assert!(
        err.contains("likely cause: the messages match, so the signature itself is wrong"),
        "{err}"
    );
    let last: Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
    assert_eq!(last["error"]["code"], "SIGN_ERROR");
    assert_eq!(last["error"]["http_status"], 401);
    // And a 401 is never retried.
    assert_eq!(lab.api_requests("/v3/"), 1);
}

/// `close` on a terminal without `--yes` asks first (cli.md `close`). util-linux `script` gives the
/// command a pseudo-terminal for stdin and stderr and feeds it the answer written to its own stdin.
fn close_on_a_terminal(lab: &Lab, no: &str, answer: &str) -> (Option<i32>, String) {
    let bin = assert_cmd::cargo::cargo_bin("wxcombine");
    let inner = format!("{} --config config.toml -q close {no}", bin.display());
    let out = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &inner, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", lab.env.home())
        .env("TERM", "dumb")
        .current_dir(lab.env.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("piped")
                .write_all(answer.as_bytes())?;
            child.wait_with_output()
        })
        .expect("util-linux `script` runs (apt-get install bsdutils)");
    let seen = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code(), seen)
}

#[test]
fn close_on_a_terminal_asks_and_sends_nothing_unless_confirmed() {
    let lab = Lab::new();
    let no = "P20260101000090";
    assert!(lab.cmd_prepay(no).status.success());
    let path = format!("/v3/combine-transactions/out-trade-no/{no}/close");

    let (code, seen) = close_on_a_terminal(&lab, no, "n\n");
    assert!(
        seen.contains(&format!(
            "Close combine order {no} and its 2 sub-orders? [y/N]"
        )),
        "{seen}"
    );
    assert!(
        seen.contains("not confirmed; nothing was sent") && seen.contains("--yes"),
        "{seen}"
    );
    assert_eq!(code, Some(2), "{seen}");
    assert_eq!(lab.api_requests(&path), 0, "a declined close sends nothing");

    let (code, seen) = close_on_a_terminal(&lab, no, "y\n");
    assert_eq!(code, Some(0), "{seen}");
    assert_eq!(lab.api_requests(&path), 1, "a confirmed close is sent once");
    assert!(seen.contains("closed"), "{seen}");
}
