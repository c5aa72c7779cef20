//! Trust at the edges, transport side (issue 11): what the client does with answers it should not
//! believe or cannot afford — a redirect (item 8), a body with no bound (item 6), a correctly
//! signed answer about another order or of the wrong shape (items 9, 14), a bill that trickles
//! (item 4's idle timeout), a profile with a base_url of its own and no backup (item 10), and
//! secrets in traces (item 15). Every server here is a loopback [`Hostile`] one or the sandbox.

use std::io::Write;
use std::process::Output;
use std::time::Duration;

use serde_json::Value;
use sha1::{Digest, Sha1};

use crate::harness::hostile::{self, Hostile, Reply, Seen, head, order_json, plain, signed};
use crate::harness::{Lab, TestEnv, exit, read_fixture, stderr, stdout};

const NO: &str = "C12345678";
const MCHID: &str = "1900000109";

fn run(env: &TestEnv, args: &[&str]) -> Output {
    env.cmd()
        .args(["--config", "config.toml"])
        .args(args)
        .output()
        .unwrap()
}

/// The JSON error line (`-o json`) on stderr.
fn error_line(out: &Output) -> Value {
    let err = stderr(out);
    let line = err.lines().last().unwrap_or_default();
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {err}"))
}

fn query(env: &TestEnv, no: &str) -> Output {
    run(env, &["-q", "-o", "json", "--retries", "0", "query", no])
}

/// A server that answers every request with `reply()`.
fn always(reply: impl Fn() -> Reply + Send + Sync + 'static) -> Hostile {
    Hostile::start(move |_: &Seen| reply())
}

// ---- item 9: a verified answer must be about what was asked --------------------------------

#[test]
fn a_signed_answer_about_another_order_is_a_verification_failure() {
    // Control: a correctly signed answer about the order asked for is accepted, so the refusals
    // below are about what the answers say, not about their signatures.
    let good = always(|| signed(200, order_json(NO, MCHID).as_bytes()));
    let env = hostile::env(&good.url());
    let out = query(&env, NO);
    exit(&out, 0);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["combine_out_trade_no"], NO);

    // A correctly signed SUCCESS about someone else's order (a replay within 300 s, or a
    // misrouted answer): exit 6, nothing on stdout.
    let other = always(|| signed(200, order_json("SOMEONEELSE1", MCHID).as_bytes()));
    let env = hostile::env(&other.url());
    let out = query(&env, NO);
    exit(&out, 6);
    assert_eq!(stdout(&out), "");
    let err = error_line(&out);
    assert_eq!(err["error"]["kind"], "verification");
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("combine_out_trade_no") && msg.contains("SOMEONEELSE1") && msg.contains(NO),
        "{msg}"
    );
    assert!(stderr(&out).contains("hint: a correctly signed answer about something else"));

    // The same order number, but another merchant's order.
    let foreign = always(|| signed(200, order_json(NO, "1900000999").as_bytes()));
    let env = hostile::env(&foreign.url());
    let out = query(&env, NO);
    exit(&out, 6);
    assert!(stderr(&out).contains("combine_mchid"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

// ---- item 14: a signed answer of the wrong shape is exit 6, not 1 ---------------------------

#[test]
fn a_signed_but_malformed_answer_is_a_verification_failure() {
    let cases: [(&str, &[&str]); 5] = [
        // Not JSON at all.
        (r#"{"combine_out_trade_no":"C12345678""#, &["query", NO]),
        // JSON, but none of the fields a combine order always has (§6.4).
        (r#"{"combine_out_trade_no":"C12345678"}"#, &["query", NO]),
        // A prepay answer without its prepay_id (§6.1).
        (
            r#"{}"#,
            &[
                "prepay",
                "--combine-out-trade-no",
                NO,
                "--openid",
                "o1",
                "--notify-url",
                "https://shop.example.com/notify",
                "--sub-order",
                "out_trade_no=S0000001,amount=1,description=a,attach=x",
                "--sub-order",
                "out_trade_no=S0000002,amount=1,description=b,attach=y",
            ],
        ),
        // A bill apply answer without its download_url (§8.1).
        (
            r#"{"hash_type":"SHA1","hash_value":"79bb0f45fc4c42234a918000b2668d689e2bde04"}"#,
            &["bill", "fetch", "--date", "2026-05-01"],
        ),
        (
            r#"[1,2,3]"#,
            &["bill", "download", "--date", "2026-05-01", "--dir", "."],
        ),
    ];
    for (body, args) in cases {
        let server = always(move || signed(200, body.as_bytes()));
        let env = hostile::env(&server.url());
        let mut all = vec!["-q", "-o", "json", "--retries", "0"];
        all.extend_from_slice(args);
        let out = run(&env, &all);
        exit(&out, 6);
        assert_eq!(stdout(&out), "", "{body}");
        let err = error_line(&out);
        assert_eq!(err["error"]["kind"], "verification", "{body}");
        assert!(
            err["error"]["message"]
                .as_str()
                .unwrap()
                .contains("is not the documented"),
            "{err}"
        );
    }
}

// ---- item 8: redirects are refused ----------------------------------------------------------

#[test]
fn a_redirect_is_exit_4_and_nothing_goes_to_its_location() {
    // Where a followed redirect would go: it must never see a request.
    let elsewhere = always(|| plain(200, &[], b"{}"));
    let target = elsewhere.url();
    let redirecting = Hostile::start(move |seen: &Seen| {
        plain(
            302,
            &[("Location", format!("{target}/stolen{}", seen.target))],
            b"",
        )
    });
    let env = hostile::env(&redirecting.url());

    // An API call (query), the certificate download, and a bill download by URL.
    let token = "SECRETTOKEN6XIv5TUPto7pByrTQKhd6kwv";
    let url = format!("{}/v3/billdownload/file?token={token}", redirecting.url());
    let runs: [Vec<&str>; 3] = [
        vec!["query", NO],
        vec!["certs", "download", "--dir", "certs"],
        vec![
            "bill",
            "download",
            "--url",
            &url,
            "--hash",
            "79bb0f45fc4c42234a918000b2668d689e2bde04",
            "--out",
            "bill.csv",
        ],
    ];
    for args in runs {
        let mut all = vec!["-q", "-o", "json"];
        all.extend_from_slice(&args);
        let out = run(&env, &all);
        exit(&out, 4);
        let err = error_line(&out);
        assert_eq!(err["error"]["kind"], "api", "{args:?}");
        assert_eq!(err["error"]["http_status"], 302, "{args:?}");
        let msg = err["error"]["message"].as_str().unwrap();
        assert!(
            msg.contains("HTTP 302") && msg.contains(&format!("{}/stolen", elsewhere.url())),
            "{args:?}: {msg}"
        );
        assert!(
            !stderr(&out).contains(token),
            "the token leaked: {}",
            stderr(&out)
        );
    }
    assert!(
        elsewhere.seen().is_empty(),
        "a redirect was followed: {:?}",
        elsewhere.seen()
    );
    // Not retried (a 3xx is not transient), and no Referer anywhere.
    let seen = redirecting.seen();
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(
        seen.iter().all(|s| s.header("Referer").is_none()),
        "{seen:?}"
    );
    assert!(!env.path().join("bill.csv").exists());
}

/// The plain clients (the sandbox's notifications, `notify listen --forward-to`, `sandbox pay`)
/// share `send_raw`: it neither follows a redirect nor reads a body past 4 MiB.
#[test]
fn the_plain_clients_refuse_redirects_and_cap_bodies() {
    use wxcombine::transport::http::{build_client, build_notify_client, send_raw};
    let elsewhere = always(|| plain(200, &[], b"{}"));
    let target = elsewhere.url();
    let redirecting = always(move || plain(307, &[("Location", format!("{target}/x"))], b""));
    // 64 MiB, chunked: no Content-Length to refuse early, so the cap must stop the reading.
    let flood = always(|| chunked(200, &[], 64 << 20));
    for client in [
        build_client(Duration::from_secs(10), "test"),
        build_notify_client(Duration::from_secs(10), "test"),
    ] {
        let r = crate::harness::block_on(send_raw(
            &client,
            "POST",
            &redirecting.url(),
            &[],
            b"{}".to_vec(),
        ))
        .unwrap();
        assert_eq!(r.status, 307);
        let e =
            crate::harness::block_on(send_raw(&client, "POST", &flood.url(), &[], b"{}".to_vec()))
                .unwrap_err();
        assert!(e.to_string().contains("went past the 4 MiB limit"), "{e}");
    }
    assert!(elsewhere.seen().is_empty());
}

// ---- item 6: response bodies have a bound ---------------------------------------------------

/// `n` bytes of zeros after `head`, in 64 KiB writes, until done or the client hangs up.
fn zeros(mut head: Vec<u8>, n: u64) -> Reply {
    Box::new(move |s| {
        s.write_all(&std::mem::take(&mut head))?;
        let block = vec![0u8; 64 * 1024];
        let mut left = n;
        while left > 0 {
            let k = left.min(block.len() as u64) as usize;
            s.write_all(&block[..k])?;
            left -= k as u64;
        }
        Ok(())
    })
}

/// A chunked body of `n` bytes of `x`.
fn chunked(status: u16, extra: &[(&str, String)], n: u64) -> Reply {
    let mut h = vec![("Transfer-Encoding", "chunked".to_string())];
    h.extend(extra.iter().cloned());
    let first = head(status, &h);
    Box::new(move |s| {
        s.write_all(&first)?;
        let block = vec![b'x'; 64 * 1024];
        let mut left = n;
        while left > 0 {
            let k = left.min(block.len() as u64) as usize;
            write!(s, "{k:x}\r\n")?;
            s.write_all(&block[..k])?;
            s.write_all(b"\r\n")?;
            left -= k as u64;
        }
        s.write_all(b"0\r\n\r\n")
    })
}

/// The binary under `prlimit --as=BYTES`: an address space of 1 GiB, far below what reading a
/// 4 GiB or 2 GiB body into memory needs, and far above what the command needs.
fn run_limited(env: &TestEnv, args: &[&str]) -> Output {
    std::process::Command::new("prlimit")
        .arg(format!("--as={}", 1u64 << 30))
        .arg("--")
        .arg(assert_cmd::cargo::cargo_bin("wxcombine"))
        .args(["--config", "config.toml"])
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.home())
        .current_dir(env.path())
        .output()
        .expect("prlimit (util-linux) runs")
}

#[test]
fn a_huge_answer_is_refused_within_a_bounded_memory() {
    // A signed 200 announcing 4 GiB: refused on its Content-Length, before any of it is read.
    // Claiming a signature it cannot have verified, it is exit 6.
    let four_gib = 4u64 << 30;
    let big = always(move || {
        let mut h = hostile::signature_headers(b"");
        h.push(("Content-Length", four_gib.to_string()));
        zeros(head(200, &h), four_gib)
    });
    let env = hostile::env(&big.url());
    let out = run_limited(&env, &["-q", "-o", "json", "--retries", "0", "query", NO]);
    exit(&out, 6);
    let msg = error_line(&out)["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains(&format!("announced a {four_gib}-byte body")) && msg.contains("4 MiB"),
        "{msg}"
    );

    // An unsigned 500 with a 2 GiB chunked body: reading stops at 4 MiB; exit 5, and since a
    // flood is not transient it is not retried.
    let flood = always(|| chunked(500, &[], 2 << 30));
    let env = hostile::env(&flood.url());
    let out = run_limited(&env, &["-q", "-o", "json", "--retries", "2", "query", NO]);
    exit(&out, 5);
    let err = error_line(&out);
    assert_eq!(err["error"]["kind"], "network");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("went past the 4 MiB limit"),
        "{err}"
    );
    assert_eq!(flood.seen().len(), 1);
}

// ---- item 4: --timeout of a bill transfer is an idle timeout --------------------------------

const BILL: &str = "bills/bill_trade_ALL_php_sdk_fixture.csv";

fn sha1_hex(b: &[u8]) -> String {
    Sha1::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

/// The bill in `pieces` parts, `pause` apart, with its full Content-Length announced.
fn trickle(pieces: usize, pause: Duration, stall_after: Option<(usize, Duration)>) -> Reply {
    let bill = read_fixture(BILL);
    Box::new(move |s| {
        s.write_all(&head(
            200,
            &[
                ("Content-Length", bill.len().to_string()),
                ("Content-Type", "text/plain".into()),
            ],
        ))?;
        let size = bill.len().div_ceil(pieces);
        for (i, part) in bill.chunks(size).enumerate() {
            if i > 0 {
                std::thread::sleep(pause);
            }
            if let Some((at, stall)) = stall_after
                && i == at
            {
                std::thread::sleep(stall);
            }
            s.write_all(part)?;
            s.flush()?;
        }
        Ok(())
    })
}

fn download_url(server: &Hostile) -> String {
    format!("{}/v3/billdownload/file?token=T0", server.url())
}

#[test]
fn a_bill_that_keeps_arriving_is_not_cut_off_by_timeout() {
    // 12 pieces 200 ms apart: about 2.2 s in all, never more than 0.2 s without bytes. With
    // --timeout 1 as a deadline for the whole transfer this failed at 1 s.
    let slow = always(|| trickle(12, Duration::from_millis(200), None));
    let env = hostile::env(&slow.url());
    let hash = sha1_hex(&read_fixture(BILL));
    let url = download_url(&slow);
    let out = run(
        &env,
        &[
            "-q",
            "-o",
            "json",
            "--timeout",
            "1",
            "--retries",
            "0",
            "bill",
            "download",
            "--url",
            &url,
            "--hash",
            &hash,
            "--out",
            "bill.csv",
        ],
    );
    exit(&out, 0);
    assert_eq!(
        std::fs::read(env.path().join("bill.csv")).unwrap(),
        read_fixture(BILL)
    );

    // But a transfer that stops sending for longer than --timeout fails (exit 5, no file).
    let stalled = always(|| trickle(4, Duration::ZERO, Some((2, Duration::from_secs(4)))));
    let url = download_url(&stalled);
    let env = hostile::env(&stalled.url());
    let out = run(
        &env,
        &[
            "-q",
            "-o",
            "json",
            "--timeout",
            "1",
            "--retries",
            "0",
            "bill",
            "download",
            "--url",
            &url,
            "--hash",
            &hash,
            "--out",
            "bill.csv",
        ],
    );
    exit(&out, 5);
    assert!(stderr(&out).contains("timed out"), "{}", stderr(&out));
    assert!(!env.path().join("bill.csv").exists());
}

// ---- item 10: no failover to production from a profile with its own base_url ----------------

/// Run the binary in a network namespace of its own (`unshare -n`): no interface but a loopback
/// that is down, so nothing it does can reach any host, real or local. `None` where no namespace
/// can be made (neither as root nor as an unprivileged user namespace).
fn run_isolated(env: &TestEnv, args: &[&str]) -> Option<Output> {
    for flags in [&["-n"][..], &["-rn"][..]] {
        let works = std::process::Command::new("unshare")
            .args(flags)
            .arg("true")
            .status()
            .is_ok_and(|s| s.success());
        if !works {
            continue;
        }
        let out = std::process::Command::new("unshare")
            .args(flags)
            .arg("--")
            .arg(assert_cmd::cargo::cargo_bin("wxcombine"))
            .args(["--config", "config.toml"])
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", env.home())
            .current_dir(env.path())
            .output()
            .unwrap();
        return Some(out);
    }
    None
}

/// A production profile `shop` on WeChat Pay's default base_url.
fn production_env() -> TestEnv {
    let env = TestEnv::new();
    env.key("official_doc_test_key.pkcs1.pem");
    env.key("go_sdk_test_public_key.pem");
    env.config(&format!(
        "[profiles.shop]\nenv = \"production\"\nmchid = \"{MCHID}\"\nserial_no = \"1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C\"\nprivate_key_file = \"official_doc_test_key.pkcs1.pem\"\nwechatpay_public_key_file = \"go_sdk_test_public_key.pem\"\nwechatpay_public_key_id = \"{}\"\n",
        hostile::PUB_ID
    ));
    env
}

#[test]
fn a_profile_with_its_own_base_url_has_no_backup_host() {
    // A sandbox profile whose sandbox is not running, and no backup_base_url.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let env = hostile::env(&format!("http://127.0.0.1:{closed}"));
    let backup_shown = || {
        let show = run(&env, &["-q", "-o", "json", "profile", "show"]);
        exit(&show, 0);
        let v: Value = serde_json::from_slice(&show.stdout).unwrap();
        v["backup_base_url"].clone()
    };
    let args = ["-v", "-o", "json", "--retries", "1", "query", NO];
    let Some(out) = run_isolated(&env, &args) else {
        // Without a namespace this test must not run the network part at all: a regression
        // would send a signed request to the real api2 host. What can be checked offline is.
        eprintln!(
            "NOTICE: unshare -n / -rn unavailable; the network half of this test did not run"
        );
        assert_eq!(backup_shown(), Value::Null);
        return;
    };
    exit(&out, 5);
    let err = stderr(&out);
    assert!(!err.contains("switching to the backup host"), "{err}");
    assert!(!err.contains("api2"), "{err}");
    assert!(!err.contains("weixin.qq.com"), "{err}");
    let msg = error_line(&out)["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains(&format!("127.0.0.1:{closed}")), "{msg}");
    // Both attempts went to the profile's own host.
    assert_eq!(
        err.matches(&format!("> GET http://127.0.0.1:{closed}/"))
            .count(),
        2,
        "{err}"
    );
    // `profile show` says so.
    assert_eq!(backup_shown(), Value::Null);

    // A production profile on WeChat Pay's default host keeps its default backup…
    let prod = production_env();
    let show = run(
        &prod,
        &["-q", "-o", "json", "--profile", "shop", "profile", "show"],
    );
    let v: Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(v["backup_base_url"], "https://api2.mch.weixin.qq.com");
    // …but `--base-url` names the one host to talk to: no failover to production from it.
    let out = run_isolated(
        &prod,
        &[
            "-v",
            "--profile",
            "shop",
            "--retries",
            "0",
            "--base-url",
            &format!("https://127.0.0.1:{closed}"),
            "--allow-custom-host",
            "query",
            NO,
        ],
    )
    .expect("a namespace worked above");
    exit(&out, 5);
    let err = stderr(&out);
    assert!(!err.contains("switching to the backup host"), "{err}");
    assert!(!err.contains("api2"), "{err}");
}

// ---- item 15: no token and no password in traces or messages --------------------------------

#[test]
fn traces_and_errors_hold_no_download_token_and_no_url_password() {
    let lab = Lab::new();
    lab.sb.set_clock("2026-05-02T11:00:00+08:00").unwrap();
    lab.sb.seed("2026-05-01", 3).unwrap();
    // The apply answer as dumped at -vv: its download_url's token is redacted.
    let out = lab
        .cmd()
        .args(["-vv", "-o", "json", "bill", "fetch", "--date", "2026-05-01"])
        .output()
        .unwrap();
    exit(&out, 0);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let url = v["download_url"].as_str().unwrap();
    let token = url.split_once("token=").unwrap().1;
    assert!(token.len() >= 16, "{url}");
    let err = stderr(&out);
    assert!(
        err.contains("< {") && err.contains("download_url"),
        "the body is traced: {err}"
    );
    assert!(err.contains("token=(redacted)"), "{err}");
    assert!(
        !err.contains(token),
        "the download token leaked at -vv: {err}"
    );

    // The same for a whole download, whose apply and transfer are both traced.
    let out = lab
        .cmd()
        .args([
            "-vv",
            "bill",
            "download",
            "--date",
            "2026-05-01",
            "--out",
            "b.csv",
        ])
        .output()
        .unwrap();
    exit(&out, 0);
    let err = stderr(&out);
    assert!(err.contains("token=(redacted)"), "{err}");
    for line in err.lines() {
        if let Some((_, t)) = line.split_once("token=") {
            assert!(
                t.starts_with("(redacted)") && !t.starts_with("(redacted))"),
                "{line}"
            );
        }
    }

    // A password in --base-url: refused before anything is sent (reqwest would send it as Basic
    // auth beside the signature), and never repeated in the error.
    let seen_before = lab.sb.requests().len();
    let base = format!(
        "http://ops:hunter2secret@127.0.0.1:{}",
        lab.sb.addr().port()
    );
    let out = lab
        .cmd()
        .args(["-vv", "-o", "json", "--retries", "0", "--base-url", &base])
        .args(["query", "P20260101000001"])
        .output()
        .unwrap();
    exit(&out, 2);
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("user:password@ part is not accepted"), "{all}");
    assert!(!all.contains("hunter2secret"), "the password leaked: {all}");
    assert_eq!(
        lab.sb.requests().len(),
        seen_before,
        "nothing reached the server"
    );
    // The same in a config file: exit 3, the key named, the password not repeated.
    let cfg = std::fs::read_to_string(lab.env.path().join("config.toml")).unwrap();
    let sandbox_base = format!("http://127.0.0.1:{}", lab.sb.addr().port());
    assert!(cfg.contains(&sandbox_base), "{cfg}");
    lab.env
        .write("userinfo.toml", cfg.replace(&sandbox_base, &base), 0o600);
    let out = lab
        .env
        .cmd()
        .args(["--config", "userinfo.toml", "query", "P20260101000001"])
        .output()
        .unwrap();
    exit(&out, 3);
    assert!(stderr(&out).contains("base_url"), "{}", stderr(&out));
    assert!(stderr(&out).contains("user:password@"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("hunter2secret"), "{}", stderr(&out));
    // Nor in the refusal of such a --base-url for a production profile.
    let prod = production_env();
    for base in [
        "http://ops:hunter2secret@127.0.0.1:9",
        "https://ops:hunter2secret@gateway.example.com",
        "ftp://ops:hunter2secret@gateway.example.com",
    ] {
        let out = run(
            &prod,
            &["--profile", "shop", "--base-url", base, "query", NO],
        );
        exit(&out, 2);
        assert!(stderr(&out).contains("--base-url"), "{}", stderr(&out));
        assert!(!stderr(&out).contains("hunter2secret"), "{}", stderr(&out));
    }
}
