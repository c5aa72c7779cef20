//! Issue 15, item 8: every date flag takes `today` and `yesterday` (Beijing time, whatever the
//! machine's time zone) through one parser, `sandbox seed` included; `--listen` takes a name
//! (`localhost:PORT`) for `sandbox serve` and `notify listen`, and the first line shows the
//! address it resolved to.

use serde_json::Value;

use crate::harness::notify::spawn_listen;
use crate::harness::{Lab, TestEnv, lab, serve_on, stderr};

/// Today in Beijing (UTC+8), computed here independently of the tool.
fn beijing_today() -> time::Date {
    time::OffsetDateTime::now_utc()
        .to_offset(time::macros::offset!(+8))
        .date()
}

#[test]
fn sandbox_seed_takes_today_and_yesterday_in_beijing_time() {
    let lab = Lab::new();
    for (word, day) in [
        ("yesterday", beijing_today().previous_day().unwrap()),
        ("today", beijing_today()),
    ] {
        // A machine far west of Beijing: its own date is not the one meant.
        let out = lab
            .cmd()
            .env("TZ", "America/Los_Angeles")
            .args([
                "-q", "sandbox", "seed", "--date", word, "--orders", "1", "-o", "json",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{word}: {}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        // Near midnight in Beijing the day may turn between the two readings; either side is right.
        let got = v["date"].as_str().unwrap().to_string();
        let next = day.next_day().unwrap().to_string();
        assert!(
            got == day.to_string() || got == next,
            "{word}: {got} vs {day}"
        );
    }
    let out = lab
        .cmd()
        .args(["sandbox", "seed", "--date", "tomorrow", "--orders", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("today, yesterday"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_date_flag_documents_today_and_yesterday() {
    let env = TestEnv::new();
    for cmd in [
        &["sandbox", "seed"][..],
        &["bill", "fetch"],
        &["bill", "download"],
        &["bill", "reconcile"],
        &["bill", "summary"],
    ] {
        let out = env.cmd().args(cmd).arg("--help").output().unwrap();
        let help = String::from_utf8_lossy(&out.stdout).to_string();
        for flag in ["--date <DATE>", "--from <DATE>", "--to <DATE>"] {
            let Some(at) = help.find(&format!("      {flag}")) else {
                continue;
            };
            let text: String = help[at..].lines().take(3).collect::<Vec<_>>().join(" ");
            assert!(
                text.contains("today or yesterday (Beijing time)"),
                "{cmd:?} {flag}: {text}"
            );
        }
    }
}

#[test]
fn sandbox_serve_listens_on_a_name_and_shows_the_resolved_address() {
    let env = TestEnv::new();
    let data = env.path().join("sb");
    lab::identities_into(&data);
    let server = serve_on(&env, "localhost:0", &data, &[]);
    assert!(
        server.base.starts_with("http://127.0.0.1:") && !server.base.ends_with(":0"),
        "{}",
        server.base
    );
}

#[test]
fn notify_listen_listens_on_a_name_and_shows_the_resolved_address() {
    let lab = Lab::new();
    let l = spawn_listen(&lab, &["notify", "listen", "--listen", "localhost:0"]);
    assert!(l.url.starts_with("http://127.0.0.1:"), "{}", l.url);
    assert!(!l.url.contains(":0/"), "{}", l.url);
}
