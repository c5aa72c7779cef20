//! `wxcombine sandbox …` as a user runs it: `serve` as a child process (first line, config,
//! SIGTERM, `kill -9` and restart), `pay`, `seed`, `fault`, and the loopback-only rule.

use std::process::Command;

use wxcombine::api::Request;

use crate::harness::lab::*;
use crate::harness::{TestEnv, serve, serve_fresh, stderr, stdout};

#[test]
fn serve_writes_a_config_every_profile_checks_and_commands_drive_it() {
    let env = TestEnv::new();
    let data = env.path().join("data");
    let config = env.path().join("config.toml");
    // A first run: the server generates its identities itself (every other test copies them).
    let mut server = serve_fresh(&env, &data, &config, &[]);
    let cfg = config.to_str().unwrap();
    for p in ["sandbox", "sandbox-sub1", "sandbox-sub2"] {
        let out = env
            .cmd()
            .args(["--config", cfg, "profile", "check", p])
            .output()
            .unwrap();
        assert!(out.status.success(), "{p}: {}", stderr(&out));
    }
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains(&format!("base_url = \"{}\"", server.base)));
    assert!(text.contains("backup_base_url = \"http://localhost:"));
    assert!(text.contains(OPENID), "the known openid is in a comment");

    // An order through the library, paid through the command.
    let body = serde_json::to_vec(&prepay_body("P700001", "http://127.0.0.1:9/n")).unwrap();
    block_on(
        client_for(&config, "sandbox", |_| {})
            .call(&Request::combine_prepay(wxcombine::api::Scene::Jsapi, body)),
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["--config", cfg, "-o", "json", "sandbox", "pay", "P700001"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let paid: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(paid["sub_orders"][0]["trade_state"], "SUCCESS");
    let out = env
        .cmd()
        .args(["--config", cfg, "sandbox", "pay", "P700001"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "paying twice is refused");

    let out = env
        .cmd()
        .args([
            "--config",
            cfg,
            "-o",
            "json",
            "sandbox",
            "seed",
            "--date",
            "2026-01-01",
            "--orders",
            "10",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("sandbox_seed_json", stdout(&out));

    for args in [
        vec![
            "sandbox",
            "fault",
            "system-error",
            "--count",
            "2",
            "--path",
            "/v3/bill",
        ],
        vec!["sandbox", "fault", "latency", "--ms", "10"],
    ] {
        let out = env
            .cmd()
            .args(["--config", cfg])
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = env
        .cmd()
        .args(["--config", cfg, "sandbox", "fault", "list"])
        .output()
        .unwrap();
    insta::assert_snapshot!("sandbox_fault_list", stdout(&out));
    let out = env
        .cmd()
        .args(["--config", cfg, "-o", "json", "sandbox", "fault", "clear"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "{\"cleared\":2}\n");
    let out = env
        .cmd()
        .args(["--config", cfg, "sandbox", "fault", "latency"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "latency needs --ms");

    // SIGTERM stops it cleanly.
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    // The control commands now say where they looked.
    let out = env
        .cmd()
        .args(["--config", cfg, "sandbox", "fault", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(stderr(&out).contains("sandbox serve"), "{}", stderr(&out));
}

#[test]
fn kill_9_keeps_keys_orders_and_payments() {
    let env = TestEnv::new();
    let data = env.path().join("data");
    let config = env.path().join("config.toml");
    let mut server = serve(&env, &data, &config, &[]);
    let serial_before = client_for(&config, "sandbox", |_| {})
        .signer()
        .serial_no
        .clone();
    for no in ["P700010", "P700011"] {
        let body = serde_json::to_vec(&prepay_body(no, "http://127.0.0.1:9/n")).unwrap();
        block_on(
            client_for(&config, "sandbox", |_| {})
                .call(&Request::combine_prepay(wxcombine::api::Scene::Jsapi, body)),
        )
        .unwrap();
    }
    let out = env
        .cmd()
        .args([
            "--config",
            config.to_str().unwrap(),
            "sandbox",
            "pay",
            "P700010",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // The moment the answer arrived it was durable: kill -9 now.
    server.child.kill().unwrap();
    server.child.wait().unwrap();

    let mut again = serve(&env, &data, &config, &[]);
    assert_ne!(again.base, server.base);
    let c = client_for(&config, "sandbox", |_| {});
    assert_eq!(c.signer().serial_no, serial_before);
    let q = |no: &str| -> serde_json::Value {
        let r = block_on(c.call(&Request::combine_query(no))).unwrap();
        serde_json::from_slice(&r.body).unwrap()
    };
    assert_eq!(q("P700010")["sub_orders"][1]["trade_state"], "SUCCESS");
    assert_eq!(q("P700011")["sub_orders"][0]["trade_state"], "NOTPAY");
    // The pending notification (to an unreachable https host) is still planned.
    let url = format!("{}/sandbox/v1/notifications", again.base);
    let r = block_on(async {
        reqwest::Client::new()
            .get(&url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    });
    let v: serde_json::Value = serde_json::from_str(&r).unwrap();
    assert_eq!(v["notifications"][0]["combine_out_trade_no"], "P700010");
    assert_eq!(v["notifications"][0]["delivered"], false);
    again.child.kill().unwrap();
    again.child.wait().unwrap();
}

#[test]
fn non_loopback_listen_needs_allow_remote() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["sandbox", "serve", "--listen", "0.0.0.0:0", "--data-dir"])
        .arg(env.path().join("data"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("control endpoints") && err.contains("--allow-remote"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
    assert!(!env.path().join("data").exists(), "nothing was created");
    let out = env
        .cmd()
        .args(["sandbox", "serve", "--listen", "localhost"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
