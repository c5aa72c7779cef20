//! Where signed requests may go (issue 7): plain HTTP only for sandbox profiles, and a production
//! profile's --base-url only to WeChat Pay's hosts unless --allow-custom-host.

use crate::harness::{TestEnv, stderr, stdout};

fn prod_env(extra: &str) -> TestEnv {
    let env = TestEnv::new();
    env.key("official_doc_test_key.pkcs1.pem");
    env.config(&format!(
        r#"[profiles.shop]
env = "production"
mchid = "1900000109"
appid = "wxd678efh567hg6787"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "official_doc_test_key.pkcs1.pem"
notify_url = "https://shop.example.com/notify"
{extra}"#
    ));
    env
}

fn dry_run(env: &TestEnv, extra: &[&str]) -> std::process::Output {
    env.cmd()
        .args([
            "--config",
            "config.toml",
            "-q",
            "prepay",
            "--dry-run",
            "--openid",
            "o1",
            "-o",
            "json",
        ])
        .args([
            "--sub-order",
            "out_trade_no=S0000001,amount=1,description=a,attach=x",
        ])
        .args([
            "--sub-order",
            "out_trade_no=S0000002,amount=1,description=b,attach=y",
        ])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn http_base_url_is_refused_outside_the_sandbox() {
    let env = prod_env("base_url = \"http://api.example.com\"\n");
    let out = env
        .cmd()
        .args(["--config", "config.toml", "profile", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("base_url") && err.contains("http://") && err.contains("sandbox"),
        "{err}"
    );

    let env = prod_env("");
    let out = dry_run(&env, &["--base-url", "http://127.0.0.1:8780"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("http:// is allowed only"));
}

#[test]
fn custom_hosts_need_allow_custom_host_on_production() {
    let env = prod_env("");
    let out = dry_run(&env, &["--base-url", "https://gateway.example.com"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("not a WeChat Pay host") && err.contains("--allow-custom-host"),
        "{err}"
    );

    let out = dry_run(
        &env,
        &[
            "--base-url",
            "https://gateway.example.com",
            "--allow-custom-host",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["url"],
        "https://gateway.example.com/v3/combine-transactions/jsapi"
    );

    // WeChat Pay's own hosts need nothing.
    let out = dry_run(&env, &["--base-url", "https://api2.mch.weixin.qq.com"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("api2.mch.weixin.qq.com"));
}
