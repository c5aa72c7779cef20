//! `notify listen --save-raw DIR` and `notify replay FILE --to URL` (issue 15, item 6): a delivery
//! from the sandbox saved as the `--raw` capture `notify decrypt --raw` reads, then re-delivered as
//! captured (not re-signed) to a second `notify listen`, which accepts it once and acknowledges the
//! repeat; the endpoint's refusal is exit 4; bad URLs and oversized files are exit 2.

use std::process::Command;

use serde_json::Value;
use wxcombine::sandbox::KeyMode;

use crate::harness::notify::*;
use crate::harness::{Lab, exit, json, listing, ok, stderr, stdout};

/// A sandbox whose order `no` was paid with `sandbox pay`, its notification received by
/// `notify listen --save-raw captures --count 1`; returns the lab and the saved file's path.
fn captured(no: &str) -> (Lab, std::path::PathBuf) {
    let lab = lab(KeyMode::Pubkey, |o| o.notify_speed = 1000);
    let l = spawn_listen(
        &lab,
        &[
            "-o",
            "jsonl",
            "notify",
            "listen",
            "--listen",
            "127.0.0.1:0",
            "--count",
            "1",
            "--save-raw",
            "captures",
        ],
    );
    prepay_to(&lab, "sandbox", no, &l.url);
    ok(&lab
        .cmd()
        .args(["-q", "sandbox", "pay", no])
        .output()
        .unwrap());
    let (code, _out, err) = l.finish();
    assert_eq!(code, Some(0), "{err}");
    let dir = lab.env.path().join("captures");
    let files = listing(&dir);
    assert_eq!(files.len(), 1, "one delivery, one file: {files:?}");
    assert!(err.contains("saved "), "{err}");
    (lab, dir.join(&files[0]))
}

#[test]
fn a_saved_delivery_is_a_raw_capture_that_notify_decrypt_reads() {
    let (lab, file) = captured("R910001");
    let n = notification(&lab, "R910001", |n| n.delivered);
    let name = file.file_name().unwrap().to_str().unwrap().to_string();
    assert!(
        name.ends_with(&format!("-{}.http", n.id)),
        "<time>-<notification id>.http: {name}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let raw = std::fs::read(&file).unwrap();
    assert!(
        raw.starts_with(b"POST /notify HTTP/1.1\r\n"),
        "{}",
        String::from_utf8_lossy(&raw)
    );
    // The body exactly as the sandbox sent it.
    assert!(raw.ends_with(n.body.as_bytes()));

    let out = lab
        .cmd()
        .args(["-q", "-o", "json", "notify", "decrypt", "--raw"])
        .arg(&file)
        .output()
        .unwrap();
    let plain = json(ok(&out));
    assert_eq!(plain["combine_out_trade_no"], "R910001");
    assert_eq!(plain["sub_orders"][0]["trade_state"], "SUCCESS");
}

#[test]
fn a_replay_is_accepted_once_by_a_second_listener_and_its_repeat_acknowledged() {
    let (lab, file) = captured("R920001");
    let l = spawn_listen(
        &lab,
        &["-o", "jsonl", "notify", "listen", "--listen", "127.0.0.1:0"],
    );
    let replay = |args: &[&str]| {
        lab.cmd()
            .args(["-o", "json", "notify", "replay"])
            .arg(&file)
            .args(["--to", &l.url])
            .args(args)
            .output()
            .unwrap()
    };
    let out = replay(&[]);
    let v = json(ok(&out));
    assert_eq!(v["status"], 204);
    assert_eq!(v["resigned"], false);
    let id = notification(&lab, "R920001", |n| n.delivered).id;
    assert_eq!(v["notification_id"], id.as_str());
    assert!(
        stderr(&out).contains("not re-signed"),
        "the replay says it does not sign: {}",
        stderr(&out)
    );
    // Twice: the listener de-duplicates by id.
    assert_eq!(json(ok(&replay(&[])))["status"], 204);

    let pid = l.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let (code, out, err) = l.finish();
    assert_eq!(code, Some(0), "{err}");
    let accepted: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(accepted.len(), 1, "accepted once: {out}\n{err}");
    assert_eq!(accepted[0]["id"], id.as_str());
    assert_eq!(accepted[0]["resource"]["combine_out_trade_no"], "R920001");
    assert!(err.contains("a repeat"), "{err}");
}

#[test]
fn a_replay_sends_the_captured_headers_and_body_and_a_refusal_is_exit_4() {
    let (lab, file) = captured("R930001");
    let target = Target::statuses(vec![200, 401]);
    let to = format!("{}/wxpay/notify", target.base);
    let run = || {
        lab.cmd()
            .args(["notify", "replay"])
            .arg(&file)
            .args(["--to", &to])
            .output()
            .unwrap()
    };
    let out = run();
    ok(&out);
    assert!(stdout(&out).contains("200"), "{}", stdout(&out));
    let n = notification(&lab, "R930001", |n| n.delivered);
    let sent = Capture::of(&n.attempts[0]);
    let hit = &target.hits()[0];
    assert_eq!(hit.path, "/wxpay/notify");
    assert_eq!(hit.body, sent.body, "the body byte for byte");
    for h in [
        "Wechatpay-Signature",
        "Wechatpay-Serial",
        "Wechatpay-Timestamp",
        "Wechatpay-Nonce",
    ] {
        assert_eq!(
            hit.headers[&h.to_ascii_lowercase()],
            sent.header(h),
            "{h} as captured, not re-signed"
        );
    }

    let out = run();
    exit(&out, 4);
    assert!(stderr(&out).contains("HTTP 401"), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("401"),
        "the view still shows the status"
    );
}

#[test]
fn replay_refuses_a_non_http_url_and_a_file_over_the_notification_cap() {
    let lab = Lab::new();
    let file = lab.env.write(
        "capture.http",
        "POST /notify HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}",
        0o600,
    );
    for to in ["ftp://127.0.0.1/notify", "127.0.0.1:9/notify"] {
        let out = lab
            .cmd()
            .args(["notify", "replay"])
            .arg(&file)
            .args(["--to", to])
            .output()
            .unwrap();
        exit(&out, 2);
        assert!(stderr(&out).contains("--to"), "{}", stderr(&out));
    }
    let mut big = b"POST /notify HTTP/1.1\r\n\r\n".to_vec();
    big.resize(1024 * 1024 + 1, b' ');
    let big = lab.env.write("big.http", big, 0o600);
    let out = lab
        .cmd()
        .args(["notify", "replay"])
        .arg(&big)
        .args(["--to", "http://127.0.0.1:9/notify"])
        .output()
        .unwrap();
    exit(&out, 2);
    assert!(stderr(&out).contains("larger than"), "{}", stderr(&out));
}
