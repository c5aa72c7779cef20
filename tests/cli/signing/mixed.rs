//! Mixed (migration) mode end to end (issue 6, apiv3.md §2.5): a sandbox whose responses and
//! notifications are signed now with the platform certificate, now with the WeChat Pay public
//! key, and a profile that trusts both. Every command verifies both kinds; the `-v` traces and the
//! sandbox's notification log show that both were seen.

use std::collections::BTreeSet;

use wxcombine::sandbox::KeyMode;

use crate::harness::notify::*;
use crate::harness::{Lab, read_fixture, stderr};

/// A mixed sandbox that alternates the response key even though the CLI's requests name the
/// public key id in `Wechatpay-Serial`.
fn mixed() -> Lab {
    lab(KeyMode::Mixed, |o| o.mixed_alternate_responses = true)
}

/// The `Wechatpay-Serial` of every response in a `-v` trace.
fn response_serials(trace: &str) -> Vec<String> {
    trace
        .lines()
        .filter_map(|l| l.strip_prefix("< wechatpay-serial: "))
        .map(str::to_string)
        .collect()
}

fn kinds(serials: &[String]) -> BTreeSet<&'static str> {
    serials
        .iter()
        .map(|s| {
            if s.starts_with("PUB_KEY_ID_") {
                "public key"
            } else {
                "certificate"
            }
        })
        .collect()
}

fn both() -> BTreeSet<&'static str> {
    BTreeSet::from(["certificate", "public key"])
}

/// Run a command with `-v` and return the serials of the responses it verified.
fn traced(lab: &Lab, args: &[&str]) -> Vec<String> {
    let out = lab.cmd().args(["-q", "-v"]).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains("downloading certificates"), "{err}");
    response_serials(&err)
}

/// Two days ago in Beijing, when that day's bill is surely ready.
fn two_days_ago() -> String {
    let now = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8));
    let d = now.date() - time::Duration::days(2);
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

#[test]
fn every_command_verifies_both_kinds_of_response() {
    let lab = mixed();
    let verbose_prepay = |no: &str| {
        let out = lab
            .cmd()
            .args(["-q", "-v", "prepay", "--combine-out-trade-no", no])
            .args([
                "--openid",
                &lab.openid(),
                "--notify-url",
                "http://127.0.0.1:9/n",
            ])
            .args([
                "--sub-order",
                &format!("out_trade_no={no}A,amount=100,description=Tea,attach=a"),
            ])
            .args([
                "--sub-order",
                &format!(
                    "out_trade_no={no}B,amount=200,description=Cake,attach=b,mchid={}",
                    lab.mchid(1)
                ),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        response_serials(&stderr(&out))
    };
    let mut prepay = Vec::new();
    for i in 0..4 {
        prepay.extend(verbose_prepay(&format!("M60000{i}")));
    }
    assert_eq!(kinds(&prepay), both(), "prepay: {prepay:?}");

    let mut query = Vec::new();
    for i in 0..4 {
        query.extend(traced(&lab, &["query", &format!("M60000{i}")]));
    }
    assert_eq!(kinds(&query), both(), "query: {query:?}");
    // A batch: several responses in one process.
    let batch = traced(&lab, &["query", "M600000", "M600001", "M600002", "M600003"]);
    assert_eq!(kinds(&batch), both(), "query batch: {batch:?}");

    // close queries first, then closes: two responses, one of each kind.
    let mut close = Vec::new();
    for no in ["M600000", "M600001"] {
        close.extend(traced(&lab, &["close", no, "--yes"]));
    }
    assert_eq!(kinds(&close), both(), "close: {close:?}");

    let date = two_days_ago();
    lab.sb.seed(&date, 3).unwrap();
    let mut fetch = Vec::new();
    for _ in 0..3 {
        fetch.extend(traced(&lab, &["bill", "fetch", "--date", &date]));
    }
    assert_eq!(kinds(&fetch), both(), "bill fetch: {fetch:?}");
    let dir = lab.env.path().join("bills");
    std::fs::create_dir(&dir).unwrap();
    let out = lab
        .cmd()
        .args(["-q", "bill", "download", "--date", &date, "--dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let info = lab.sb.info();
    let all: BTreeSet<String> = [prepay, query, close, fetch].concat().into_iter().collect();
    assert_eq!(
        all,
        BTreeSet::from([
            info.platform_cert_serial.clone(),
            info.public_key_id.clone()
        ])
    );
}

#[test]
fn notify_decrypt_and_listen_take_both_kinds() {
    let lab = lab(KeyMode::Mixed, |o| o.notify_speed = 1000);
    let target = Target::start(|_| Answer::Status(200));
    let l = spawn_listen(
        &lab,
        &[
            "-o",
            "jsonl",
            "notify",
            "listen",
            "--listen",
            "127.0.0.1:0",
            "--forward-to",
            &format!("{}/hook", target.base),
            "--count",
            "4",
        ],
    );
    for i in 0..4 {
        let no = format!("M60002{i}");
        prepay_to(&lab, "sandbox", &no, &l.url);
        lab.sb.pay(&no).unwrap();
    }
    let (code, out, err) = l.finish();
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), 4, "{out}");
    // The sandbox's log: both kinds were sent, and each was acknowledged at the first attempt.
    let log = lab.sb.notifications().unwrap();
    let serials: Vec<String> = log
        .iter()
        .map(|n| {
            assert_eq!(n.attempts.len(), 1);
            assert_eq!(n.attempts[0].status, Some(204));
            Capture::of(&n.attempts[0]).serial()
        })
        .collect();
    assert_eq!(kinds(&serials), both(), "{serials:?}");
    // The same captures decrypt offline.
    for (i, n) in log.iter().enumerate() {
        let c = Capture::of(&n.attempts[0]);
        c.write(&lab, &format!("m{i}"));
        let out = lab
            .cmd()
            .args([
                "-q",
                "notify",
                "decrypt",
                "--raw",
                &format!("m{i}.http"),
                "-o",
                "json",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(
            String::from_utf8(out.stdout).unwrap().trim_end(),
            plaintext(&lab, &c)
        );
    }
}

#[test]
fn a_mixed_profile_with_an_unrelated_certificate_refreshes_once_per_process() {
    let lab = mixed();
    prepay_to(&lab, "sandbox", "M600030", "http://127.0.0.1:9/n");
    let unrelated = "go_sdk_test_cert_F5765756002FDD77.pem";
    lab.env.write(
        &format!("old-certs/{unrelated}"),
        read_fixture(&format!("keys/{unrelated}")),
        0o644,
    );
    add_profile(&lab, "migrating", "sandbox", |p| {
        set(p, "platform_cert_dir", Some("old-certs"))
    });
    let mut refreshed = 0;
    for _ in 0..4 {
        lab.sb.clear_requests();
        let out = lab
            .cmd()
            .args(["-q", "-v", "--profile", "migrating", "query", "M600030"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        let notes = err.matches("downloading certificates once").count();
        assert_eq!(notes, lab.api_requests("/v3/certificates"), "{err}");
        assert!(notes <= 1, "{err}");
        refreshed += notes;
    }
    assert!(
        refreshed >= 1,
        "a certificate-signed response came at least once"
    );
}
