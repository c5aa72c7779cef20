//! `wxcombine sandbox orders | notifications | requests | clock` (issue 15, item 5): what the
//! running sandbox holds, as a table and as JSON, after a prepay and a payment; the clock moved and
//! seen in a later order; refusals (an unknown order, a production profile); `requests --follow`
//! streaming and stopping on SIGTERM and on a closed stdout.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

use crate::harness::lab::*;
use crate::harness::notify::{add_profile, set};
use crate::harness::{exit, json, ok, stderr, stdout, wait_for};

/// A lab with order `no` prepaid through the binary and paid through `sandbox pay`, its
/// notification attempted at least once (to the unreachable 127.0.0.1:9).
fn paid_lab(no: &str) -> Lab {
    let lab = Lab::new();
    ok(&lab.cmd_prepay(no));
    ok(&lab
        .cmd()
        .args(["-q", "sandbox", "pay", no])
        .output()
        .unwrap());
    lab.wait_notifications(|n| {
        n.iter()
            .any(|n| n.combine_out_trade_no == no && !n.attempts.is_empty())
    });
    lab
}

fn run(lab: &Lab, args: &[&str]) -> std::process::Output {
    lab.cmd().arg("-q").args(args).output().unwrap()
}

#[test]
fn orders_lists_and_shows_the_profiles_orders_as_table_and_json() {
    let lab = paid_lab("P810001");
    ok(&lab.cmd_prepay("P810002"));

    let out = ok(&run(&lab, &["sandbox", "orders"])).clone();
    let table = stdout(&out);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("COMBINE_OUT_TRADE_NO"), "{table}");
    assert!(lines[0].contains("STATE") && lines[0].contains("CREATED"));
    // Newest first: the unpaid one was made last.
    assert!(
        lines[1].starts_with("P810002") && lines[1].contains("NOTPAY"),
        "{table}"
    );
    assert!(
        lines[2].starts_with("P810001") && lines[2].contains("SUCCESS"),
        "{table}"
    );
    assert!(
        lines[2].contains("3.50"),
        "the total of both sub-orders: {table}"
    );

    let v = json(ok(&run(&lab, &["-o", "json", "sandbox", "orders"])));
    let orders = v["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[1]["combine_out_trade_no"], "P810001");
    assert_eq!(orders[1]["trade_state"], "SUCCESS");
    assert_eq!(orders[1]["sub_orders"], 2);
    assert_eq!(orders[1]["total_amount"], 350);
    assert!(orders[1]["success_time"].as_str().is_some());
    assert_eq!(orders[0]["success_time"], Value::Null);

    let out = ok(&run(
        &lab,
        &["-o", "jsonl", "sandbox", "orders", "--limit", "1"],
    ))
    .clone();
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "--limit 1");
    assert_eq!(lines[0]["combine_out_trade_no"], "P810002");

    // One order: as query shows it.
    let v = json(ok(&run(
        &lab,
        &["-o", "json", "sandbox", "orders", "P810001"],
    )));
    assert_eq!(v["combine_out_trade_no"], "P810001");
    assert_eq!(v["sub_orders"][0]["trade_state"], "SUCCESS");
    assert!(v["sub_orders"][0]["transaction_id"].as_str().is_some());
    let out = ok(&run(&lab, &["sandbox", "orders", "P810001"])).clone();
    assert!(stdout(&out).contains("P810001A"), "{}", stdout(&out));
    assert!(stdout(&out).contains("SUCCESS"));

    // Another merchant's profile sees none of them.
    let v = json(ok(&run(
        &lab,
        &[
            "--profile",
            "sandbox-sub2",
            "-o",
            "json",
            "sandbox",
            "orders",
        ],
    )));
    assert_eq!(v["orders"], serde_json::json!([]));
}

#[test]
fn an_unknown_order_is_wechat_pays_order_not_exist_with_exit_4() {
    let lab = Lab::new();
    let out = run(&lab, &["sandbox", "orders", "P899999"]);
    exit(&out, 4);
    assert!(stderr(&out).contains("ORDER_NOT_EXIST"), "{}", stderr(&out));
    let out = run(&lab, &["-o", "json", "sandbox", "orders", "P899999"]);
    exit(&out, 4);
    let err: Value = serde_json::from_str(stderr(&out).lines().last().unwrap()).unwrap();
    assert_eq!(err["error"]["code"], "ORDER_NOT_EXIST");
    assert_eq!(err["error"]["http_status"], 404);
}

#[test]
fn notifications_show_each_delivery_and_never_a_signature() {
    let lab = paid_lab("P820001");
    let out = ok(&run(&lab, &["sandbox", "notifications"])).clone();
    let table = stdout(&out);
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("ID") && lines[0].contains("ATTEMPTS"),
        "{table}"
    );
    assert_eq!(lines.len(), 2, "{table}");
    assert!(lines[1].contains("P820001"), "{table}");
    assert!(lines[1].contains("TRANSACTION.SUCCESS"), "{table}");
    // 127.0.0.1:9 refuses: not acknowledged, retried later.
    assert!(lines[1].contains("retry at"), "{table}");
    assert!(lines[1].contains("http://127.0.0.1:9/notify"), "{table}");

    let real = lab.sb.notifications().unwrap();
    let signature = real[0].attempts[0]
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("wechatpay-signature"))
        .map(|(_, v)| v.clone())
        .unwrap();
    let out = ok(&run(
        &lab,
        &[
            "-o",
            "json",
            "sandbox",
            "notifications",
            "--order",
            "P820001",
        ],
    ))
    .clone();
    let text = stdout(&out);
    assert!(
        !text.contains(&signature),
        "a signature was printed: {text}"
    );
    let v: Value = serde_json::from_str(&text).unwrap();
    let n = &v["notifications"][0];
    assert_eq!(n["combine_out_trade_no"], "P820001");
    assert_eq!(n["event_type"], "TRANSACTION.SUCCESS");
    assert_eq!(n["id"], real[0].id.as_str());
    let headers = n["attempts"][0]["headers"].as_array().unwrap();
    let sig = headers
        .iter()
        .find(|h| {
            h[0].as_str()
                .unwrap()
                .eq_ignore_ascii_case("wechatpay-signature")
        })
        .unwrap();
    assert_eq!(sig[1], "…(redacted)");
    assert!(headers.iter().any(|h| {
        h[0].as_str()
            .unwrap()
            .eq_ignore_ascii_case("wechatpay-serial")
    }));

    let v = json(ok(&run(
        &lab,
        &[
            "-o",
            "json",
            "sandbox",
            "notifications",
            "--order",
            "P829999",
        ],
    )));
    assert_eq!(v["notifications"], serde_json::json!([]));
}

#[test]
fn requests_show_method_path_status_code_and_latency() {
    let lab = paid_lab("P830001");
    // One refused request: an unknown order's query.
    exit(&run(&lab, &["query", "P839999"]), 4);

    let out = ok(&run(&lab, &["sandbox", "requests"])).clone();
    let table = stdout(&out);
    let header: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        ["ID", "TIME", "METHOD", "PATH", "STATUS", "CODE", "LATENCY"]
    );
    let prepay = table
        .lines()
        .find(|l| l.contains("/v3/combine-transactions/jsapi"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(
        prepay.contains("POST") && prepay.contains(" 200 "),
        "{prepay}"
    );
    assert!(prepay.contains(" ms"), "{prepay}");
    let refused = table
        .lines()
        .find(|l| l.contains("P839999"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(
        refused.contains("GET") && refused.contains(" 404 "),
        "{refused}"
    );
    assert!(refused.contains("ORDER_NOT_EXIST"), "{refused}");

    let v = json(ok(&run(&lab, &["-o", "json", "sandbox", "requests"])));
    let records = v["requests"].as_array().unwrap();
    assert_eq!(records.len(), 2, "{v}");
    assert_eq!(records[0]["method"], "POST");
    assert_eq!(records[0]["status"], 200);
    assert_eq!(records[0]["code"], Value::Null);
    assert!(records[0]["latency_ms"].as_u64().is_some());
    assert_eq!(records[1]["code"], "ORDER_NOT_EXIST");
    let first = records[0]["id"].as_u64().unwrap();

    let out = ok(&run(
        &lab,
        &[
            "-o",
            "jsonl",
            "sandbox",
            "requests",
            "--since",
            &first.to_string(),
        ],
    ))
    .clone();
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "--since skips the first");
    assert_eq!(lines[0]["status"], 404);
}

#[test]
fn clock_set_and_advance_show_in_the_clock_and_in_a_later_orders_time() {
    let lab = Lab::new();
    let v = json(ok(&run(&lab, &["-o", "json", "sandbox", "clock"])));
    assert_eq!(v["offset_secs"], 0);

    let v = json(ok(&run(
        &lab,
        &[
            "-o",
            "json",
            "sandbox",
            "clock",
            "set",
            "2030-05-01T09:00:00+08:00",
        ],
    )));
    assert!(
        v["now"].as_str().unwrap().starts_with("2030-05-01T09:00"),
        "{v}"
    );
    ok(&lab.cmd_prepay("P840001"));
    let v = json(ok(&run(&lab, &["-o", "json", "sandbox", "orders"])));
    let created = v["orders"][0]["created_at"].as_str().unwrap();
    assert!(created.starts_with("2030-05-01T09:0"), "{created}");

    let v = json(ok(&run(
        &lab,
        &["-o", "json", "sandbox", "clock", "advance", "25h"],
    )));
    assert!(
        v["now"].as_str().unwrap().starts_with("2030-05-02T10:0"),
        "{v}"
    );
    ok(&lab.cmd_prepay("P840002"));
    let v = json(ok(&run(&lab, &["-o", "json", "sandbox", "orders"])));
    let created = v["orders"][0]["created_at"].as_str().unwrap();
    assert!(created.starts_with("2030-05-02T10:0"), "{created}");

    let out = ok(&run(&lab, &["sandbox", "clock", "show"])).clone();
    assert!(stdout(&out).contains("2030-05-02T10:0"), "{}", stdout(&out));
    assert!(stdout(&out).contains("offset"), "{}", stdout(&out));

    let v = json(ok(&run(&lab, &["-o", "json", "sandbox", "clock", "reset"])));
    assert_eq!(v["offset_secs"], 0);

    let out = run(&lab, &["sandbox", "clock", "set", "tomorrow"]);
    exit(&out, 2);
    assert!(stderr(&out).contains("RFC 3339"), "{}", stderr(&out));
    exit(&run(&lab, &["sandbox", "clock", "advance", "soon"]), 2);
}

#[test]
fn a_production_profile_is_refused_before_anything_is_sent() {
    let lab = Lab::new();
    ok(&lab.cmd_prepay("P850001"));
    add_profile(&lab, "live", "sandbox", |t| {
        set(t, "env", Some("production"));
        set(t, "base_url", Some("https://api.mch.weixin.qq.com"));
        set(t, "backup_base_url", None);
        set(t, "notify_url", None);
    });
    let base = lab.sb.base_url();
    for args in [
        vec!["sandbox", "pay", "P850001"],
        vec!["sandbox", "orders"],
        vec!["sandbox", "clock", "advance", "1h"],
        vec!["sandbox", "requests"],
    ] {
        let out = lab
            .cmd()
            .args(["--profile", "live", "--base-url", &base])
            .args(&args)
            .output()
            .unwrap();
        exit(&out, 3);
        assert!(
            stderr(&out).contains("env = \"sandbox\""),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // Not paid, clock not moved.
    assert_eq!(
        lab.query("sandbox", "P850001")["sub_orders"][0]["trade_state"],
        "NOTPAY"
    );
    assert_eq!(lab.sb.advance_clock(0).unwrap().offset_secs, 0);
}

/// `sandbox requests --follow -o jsonl` as a background process, its stdout lines on a channel.
fn follow(lab: &Lab) -> (std::process::Child, mpsc::Receiver<String>) {
    let home = lab.env.home();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wxcombine"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .current_dir(lab.env.path())
        .args([
            "--config",
            "config.toml",
            "-q",
            "-o",
            "jsonl",
            "sandbox",
            "requests",
            "--follow",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { return };
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    (child, rx)
}

fn next_record(rx: &mpsc::Receiver<String>) -> Value {
    let line = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("a streamed line");
    serde_json::from_str(&line).unwrap()
}

fn wait_exit(child: &mut std::process::Child) -> Option<i32> {
    wait_for("the follower to end", || child.try_wait().unwrap()).code()
}

#[test]
fn requests_follow_streams_new_requests_and_stops_on_sigterm() {
    let lab = Lab::new();
    ok(&lab.cmd_prepay("P860001"));
    let (mut child, rx) = follow(&lab);
    let first = next_record(&rx);
    assert_eq!(first["method"], "POST");
    assert_eq!(first["status"], 200);
    // A request made after it started arrives as a line of its own.
    exit(&run(&lab, &["query", "P869999"]), 4);
    let second = next_record(&rx);
    assert_eq!(second["code"], "ORDER_NOT_EXIST");
    assert!(second["path"].as_str().unwrap().contains("P869999"));
    assert!(second["id"].as_u64() > first["id"].as_u64());

    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(wait_exit(&mut child), Some(0), "a clean stop");
}

#[test]
fn requests_follow_ends_when_its_reader_goes_away() {
    let lab = Lab::new();
    ok(&lab.cmd_prepay("P870001"));
    let (mut child, rx) = follow(&lab);
    next_record(&rx);
    // The reader closes the pipe (`… | head -1`): its thread drops the pipe on the next line it
    // gets, and a later line cannot be written. Requests keep coming until the follower ends.
    drop(rx);
    let status = wait_for("the follower to end on a closed stdout", || {
        let _ = lab.call_err(
            "sandbox",
            &wxcombine::api::Request::combine_query("P879999"),
        );
        std::thread::sleep(Duration::from_millis(100));
        child.try_wait().unwrap()
    });
    assert_eq!(status.code(), Some(0), "a closed stdout ends it quietly");
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(!err.contains("panicked"), "{err}");
}
