//! Dynamic completion (issue 15, item 9): `WXCOMBINE_COMPLETE=SHELL wxcombine -- …` answers
//! `--profile` with the profile names of the config the line names, and `bill download
//! --sub-mchid` with the sub-merchants the selected profile knows. Every config here is the test's
//! own (`--config`, `$WXCOMBINE_CONFIG`, or the temp HOME's default location).

use crate::harness::{TestEnv, stderr, stdout};

/// Three profiles: two of a sandbox (main and a sub-merchant), one production.
const CONFIG: &str = r#"default_profile = "sandbox"

[profiles.sandbox]
env = "sandbox"
mchid = "1900000109"
private_key_file = "k.pem"
wechatpay_public_key_file = "p.pem"
wechatpay_public_key_id = "PUB_KEY_ID_0119000000000000000000000000000001"
base_url = "http://127.0.0.1:8780"

[profiles.sandbox-sub1]
env = "sandbox"
mchid = "1900000110"
private_key_file = "k.pem"
wechatpay_public_key_file = "p.pem"
wechatpay_public_key_id = "PUB_KEY_ID_0119000000000000000000000000000001"
base_url = "http://127.0.0.1:8780"

[profiles.shop]
env = "production"
mchid = "1900000999"
private_key_file = "k.pem"
wechatpay_public_key_file = "p.pem"
wechatpay_public_key_id = "PUB_KEY_ID_0119000000000000000000000000000001"
"#;

/// The candidates (first column of fish's `value\thelp` lines) for the words after `--`.
fn complete(env: &TestEnv, vars: &[(&str, &str)], words: &[&str]) -> Vec<String> {
    let mut c = env.cmd();
    c.env("WXCOMBINE_COMPLETE", "fish");
    for (k, v) in vars {
        c.env(k, v);
    }
    let out = c.arg("--").arg("wxcombine").args(words).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "completion prints nothing on stderr");
    stdout(&out)
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn profile_names_come_from_the_config_the_line_names() {
    let env = TestEnv::new();
    env.write("other.toml", CONFIG, 0o600);
    assert_eq!(
        complete(
            &env,
            &[],
            &["--config", "other.toml", "query", "--profile", ""]
        ),
        ["sandbox", "sandbox-sub1", "shop"]
    );
    assert_eq!(
        complete(&env, &[], &["--config=other.toml", "--profile", "sandbox-"]),
        ["sandbox-sub1"]
    );
    // $WXCOMBINE_CONFIG, as the command would read it.
    assert_eq!(
        complete(
            &env,
            &[("WXCOMBINE_CONFIG", "other.toml")],
            &["--profile", "sh"]
        ),
        ["shop"]
    );
    // The help column says which world each one is.
    let out = env
        .cmd()
        .env("WXCOMBINE_COMPLETE", "fish")
        .args([
            "--",
            "wxcombine",
            "--config",
            "other.toml",
            "--profile",
            "shop",
        ])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "shop\tproduction · mchid 1900000999\n");
}

#[test]
fn the_default_config_location_is_the_test_homes_and_a_broken_config_gives_nothing() {
    let env = TestEnv::new();
    let dir = env.home().join(".config/wxcombine");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), CONFIG).unwrap();
    assert_eq!(
        complete(&env, &[], &["--profile", ""]),
        ["sandbox", "sandbox-sub1", "shop"]
    );
    std::fs::write(dir.join("config.toml"), "[profiles.x]\nbogus = 1\n").unwrap();
    assert!(complete(&env, &[], &["--profile", ""]).is_empty());
}

#[test]
fn sub_mchid_offers_the_selected_profiles_sub_merchants() {
    let env = TestEnv::new();
    env.config(CONFIG);
    let line = |profile: Option<&str>| {
        let mut w = vec!["--config", "config.toml"];
        if let Some(p) = profile {
            w.extend(["--profile", p]);
        }
        w.extend([
            "bill",
            "download",
            "--date",
            "2026-01-01",
            "--sub-mchid",
            "",
        ]);
        complete(&env, &[], &w)
    };
    // The default profile (sandbox): the other sandbox merchant, not the production one.
    assert_eq!(line(None), ["1900000110"]);
    assert_eq!(line(Some("sandbox-sub1")), ["1900000109"]);
    // A production profile with no other production profile knows none.
    assert!(line(Some("shop")).is_empty());
}

#[test]
fn the_registration_script_calls_back_and_claps_generic_variable_is_ignored() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env("WXCOMBINE_COMPLETE", "bash")
        .output()
        .unwrap();
    assert!(out.status.success());
    let script = stdout(&out);
    assert!(script.contains("WXCOMBINE_COMPLETE=\"bash\""), "{script}");
    assert!(script.contains("complete "), "{script}");
    // A stray COMPLETE in the environment does not turn a command into a completion request.
    let out = env
        .cmd()
        .env("COMPLETE", "fish")
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("wxcombine "), "{}", stdout(&out));
}
