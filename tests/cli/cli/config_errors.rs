//! Bad configuration: every case exits 3, names the file or key, and never panics (issue 2).

use crate::harness::{OFFICIAL_KEY, TestEnv, stderr};

struct Case {
    name: &'static str,
    /// Writes the config and files; returns the arguments to run.
    setup: fn(&TestEnv) -> Vec<String>,
    /// Text the message must contain (besides the snapshot).
    must_name: &'static [&'static str],
}

fn base_profile(extra: &str) -> String {
    format!(
        r#"[profiles.shop]
mchid = "1900000109"
appid = "wxd678efh567hg6787"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "{OFFICIAL_KEY}"
{extra}"#
    )
}

fn sign_pay_args() -> Vec<String> {
    [
        "sign-pay",
        "--prepay-id",
        "wx201410272009395522657a690389285100",
    ]
    .map(String::from)
    .to_vec()
}

const CASES: &[Case] = &[
    Case {
        name: "missing_config",
        setup: |env| {
            let mut a = vec![
                "--config".to_string(),
                env.path().join("nope.toml").display().to_string(),
            ];
            a.extend(sign_pay_args());
            a
        },
        must_name: &["nope.toml", "does not exist"],
    },
    Case {
        name: "missing_default_config",
        setup: |_| sign_pay_args(),
        must_name: &["wxcombine/config.toml", "does not exist"],
    },
    Case {
        name: "unknown_profile",
        setup: |env| {
            env.key(OFFICIAL_KEY);
            env.config(&base_profile(""));
            let mut a = vec![
                "--config".into(),
                "config.toml".into(),
                "--profile".into(),
                "shpo".into(),
            ];
            a.extend(sign_pay_args());
            a
        },
        must_name: &["config.toml", "shpo", "shop"],
    },
    Case {
        name: "unknown_key",
        setup: |env| {
            env.key(OFFICIAL_KEY);
            env.config(&base_profile("private_key = \"x.pem\"\n"));
            let mut a = vec!["--config".into(), "config.toml".into()];
            a.extend(sign_pay_args());
            a
        },
        must_name: &["config.toml", "shop", "private_key"],
    },
    Case {
        name: "unknown_top_level_key",
        setup: |env| {
            env.key(OFFICIAL_KEY);
            env.config(&format!("defualt_profile = \"shop\"\n{}", base_profile("")));
            vec![
                "--config".into(),
                "config.toml".into(),
                "profile".into(),
                "list".into(),
            ]
        },
        must_name: &["config.toml", "defualt_profile"],
    },
    Case {
        name: "invalid_toml",
        setup: |env| {
            env.config("[profiles.shop\nmchid = 1");
            vec![
                "--config".into(),
                "config.toml".into(),
                "profile".into(),
                "list".into(),
            ]
        },
        must_name: &["config.toml", "TOML"],
    },
    Case {
        name: "mchid_not_a_string",
        setup: |env| {
            env.config("[profiles.shop]\nmchid = 1900000109\nprivate_key_file = \"k.pem\"\n");
            vec![
                "--config".into(),
                "config.toml".into(),
                "profile".into(),
                "show".into(),
            ]
        },
        must_name: &["config.toml", "shop", "mchid", "string"],
    },
    Case {
        name: "missing_private_key_file_key",
        setup: |env| {
            env.config("[profiles.shop]\nmchid = \"1900000109\"\n");
            vec![
                "--config".into(),
                "config.toml".into(),
                "profile".into(),
                "show".into(),
            ]
        },
        must_name: &["config.toml", "shop", "private_key_file"],
    },
    Case {
        name: "unreadable_key_file",
        setup: |env| {
            env.config(&base_profile("").replace(OFFICIAL_KEY, "missing_key.pem"));
            let mut a = vec!["--config".into(), "config.toml".into()];
            a.extend(sign_pay_args());
            a
        },
        must_name: &["missing_key.pem", "private key file"],
    },
    Case {
        name: "pem_that_is_not_a_key",
        setup: |env| {
            env.key("go_sdk_test_cert_F5765756002FDD77.pem");
            env.config(
                &base_profile("").replace(OFFICIAL_KEY, "go_sdk_test_cert_F5765756002FDD77.pem"),
            );
            let mut a = vec!["--config".into(), "config.toml".into()];
            a.extend(sign_pay_args());
            a
        },
        must_name: &[
            "go_sdk_test_cert_F5765756002FDD77.pem",
            "certificate",
            "private key",
        ],
    },
    Case {
        name: "file_that_is_not_pem",
        setup: |env| {
            env.write("garbage.pem", "not a key at all\n", 0o600);
            env.config(&base_profile("").replace(OFFICIAL_KEY, "garbage.pem"));
            let mut a = vec!["--config".into(), "config.toml".into()];
            a.extend(sign_pay_args());
            a
        },
        must_name: &["garbage.pem", "no PEM block"],
    },
    Case {
        name: "certificate_not_matching_key",
        setup: |env| {
            env.key(OFFICIAL_KEY);
            env.key("java_sdk_merchant_certificate.pem");
            env.key("go_sdk_test_public_key.pem");
            env.config(&base_profile(
                "merchant_cert_file = \"java_sdk_merchant_certificate.pem\"\nwechatpay_public_key_file = \"go_sdk_test_public_key.pem\"\nwechatpay_public_key_id = \"PUB_KEY_ID_0114232134912410000000000000000001\"\n",
            ).replace("serial_no = \"1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C\"\n", ""));
            vec![
                "--config".into(),
                "config.toml".into(),
                "profile".into(),
                "check".into(),
                "--offline".into(),
            ]
        },
        must_name: &[
            "java_sdk_merchant_certificate.pem",
            OFFICIAL_KEY,
            "does not belong",
        ],
    },
    Case {
        name: "apiv3_key_31_bytes",
        setup: |env| {
            env.key(OFFICIAL_KEY);
            env.key("go_sdk_test_public_key.pem");
            env.write("apiv3.key", "a7cde1ZJB1kG2e7VfTs3jQzaWizur8G\n", 0o600);
            env.config(&base_profile(
                "apiv3_key_file = \"apiv3.key\"\nwechatpay_public_key_file = \"go_sdk_test_public_key.pem\"\nwechatpay_public_key_id = \"PUB_KEY_ID_0114232134912410000000000000000001\"\n",
            ));
            vec![
                "--config".into(),
                "config.toml".into(),
                "profile".into(),
                "check".into(),
                "--offline".into(),
            ]
        },
        must_name: &["apiv3.key", "31 bytes", "32"],
    },
    Case {
        name: "invalid_pub_key_id",
        setup: |env| {
            env.key(OFFICIAL_KEY);
            env.key("go_sdk_test_public_key.pem");
            env.config(&base_profile(
                "wechatpay_public_key_file = \"go_sdk_test_public_key.pem\"\nwechatpay_public_key_id = \"PUB_KEY_0114232134912410000000000000000001\"\n",
            ));
            let mut a = vec!["--config".into(), "config.toml".into()];
            a.extend(sign_pay_args());
            a
        },
        must_name: &["config.toml", "wechatpay_public_key_id", "PUB_KEY_ID_"],
    },
    Case {
        name: "two_apiv3_key_sources",
        setup: |env| {
            env.key(OFFICIAL_KEY);
            env.config(&base_profile(
                "apiv3_key_file = \"a.key\"\napiv3_key_env = \"X\"\n",
            ));
            vec![
                "--config".into(),
                "config.toml".into(),
                "profile".into(),
                "show".into(),
            ]
        },
        must_name: &["config.toml", "apiv3_key_file", "apiv3_key_env"],
    },
    Case {
        name: "bad_env_label",
        setup: |env| {
            env.config(&base_profile("env = \"prod\"\n"));
            vec![
                "--config".into(),
                "config.toml".into(),
                "profile".into(),
                "list".into(),
            ]
        },
        must_name: &["config.toml", "shop", "env", "prod"],
    },
    Case {
        name: "no_profile_selected",
        setup: |env| {
            env.config(&format!(
                "{}\n{}",
                base_profile(""),
                base_profile("").replace("profiles.shop", "profiles.other")
            ));
            let mut a = vec!["--config".into(), "config.toml".into()];
            a.extend(sign_pay_args());
            a
        },
        must_name: &["config.toml", "other, shop", "--profile"],
    },
    Case {
        name: "missing_appid",
        setup: |env| {
            env.key(OFFICIAL_KEY);
            env.config(&base_profile("").replace("appid = \"wxd678efh567hg6787\"\n", ""));
            let mut a = vec!["--config".into(), "config.toml".into()];
            a.extend(sign_pay_args());
            a
        },
        must_name: &["shop", "appid", "--appid"],
    },
];

#[test]
fn every_bad_config_exits_3_naming_the_culprit() {
    let mut snapshot = String::new();
    for case in CASES {
        let env = TestEnv::new();
        let args = (case.setup)(&env);
        let out = env.cmd().args(&args).output().unwrap();
        let err = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(3),
            "{}: exit code; stderr:\n{err}",
            case.name
        );
        assert!(!err.contains("panicked"), "{}: panic: {err}", case.name);
        for needle in case.must_name {
            assert!(
                err.contains(needle),
                "{}: stderr does not name {needle:?}:\n{err}",
                case.name
            );
        }
        let shown = env
            .redact(&err)
            .replace(&env.home().display().to_string(), "[HOME]");
        snapshot.push_str(&format!(
            "## {}\n$ wxcombine {}\n{}\n",
            case.name,
            env.redact(&args.join(" ")),
            shown
        ));
    }
    insta::assert_snapshot!("config_errors", snapshot);
}

#[test]
fn json_error_line_under_output_json() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["-o", "json", "--config", "nope.toml", "profile", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    let last = err.lines().last().unwrap();
    let v: serde_json::Value = serde_json::from_str(last).unwrap();
    assert_eq!(v["error"]["kind"], "config");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("nope.toml")
    );
    assert!(v["error"].get("code").is_none());
    assert!(out.stdout.is_empty(), "stdout must stay empty on error");
}

#[test]
fn env_overrides_select_config_and_profile() {
    let env = TestEnv::new();
    env.key(OFFICIAL_KEY);
    let cfg = env.config(&format!(
        "{}\n{}",
        base_profile(""),
        base_profile("")
            .replace("profiles.shop", "profiles.other")
            .replace("1900000109", "1900000119")
    ));
    let out = env
        .cmd()
        .env("WXCOMBINE_CONFIG", &cfg)
        .env("WXCOMBINE_PROFILE", "other")
        .args(["profile", "show", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["name"], "other");
    assert_eq!(v["mchid"], "1900000119");
    // --profile beats the environment.
    let out = env
        .cmd()
        .env("WXCOMBINE_CONFIG", &cfg)
        .env("WXCOMBINE_PROFILE", "other")
        .args(["--profile", "shop", "profile", "show", "-o", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["name"], "shop");
}

#[test]
fn default_config_location_and_relative_paths() {
    let env = TestEnv::new();
    let dir = env.home().join(".config/wxcombine");
    std::fs::create_dir_all(dir.join("keys")).unwrap();
    std::fs::copy(
        crate::harness::fixture(&format!("keys/{OFFICIAL_KEY}")),
        dir.join("keys/k.pem"),
    )
    .unwrap();
    crate::harness::set_mode(&dir.join("keys/k.pem"), 0o600);
    std::fs::write(
        dir.join("config.toml"),
        base_profile("").replace(OFFICIAL_KEY, "keys/k.pem"),
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["profile", "show", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["private_key_file"],
        dir.join("keys/k.pem").display().to_string()
    );
    // `~` expands to HOME.
    std::fs::write(
        dir.join("config.toml"),
        base_profile("").replace(OFFICIAL_KEY, "~/.config/wxcombine/keys/k.pem"),
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["sign-pay", "--prepay-id", "wx1", "-q"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn loose_permissions_warn_but_do_not_fail() {
    let env = TestEnv::new();
    env.doc_profile();
    crate::harness::set_mode(&env.path().join(OFFICIAL_KEY), 0o644);
    let out = env
        .cmd()
        .args([
            "--config",
            "config.toml",
            "-q",
            "sign-pay",
            "--prepay-id",
            "wx1",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("readable by group/others") && err.contains("chmod 600"),
        "{err}"
    );
    // An inline APIv3 key makes the config file itself a secret.
    let env = TestEnv::new();
    env.key(OFFICIAL_KEY);
    let cfg = env.config(&base_profile(
        "apiv3_key = \"a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb\"\n",
    ));
    crate::harness::set_mode(&cfg, 0o640);
    let out = env
        .cmd()
        .args(["--config", "config.toml", "profile", "show"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("config.toml holds a secret"), "{err}");
    assert!(
        !crate::harness::stdout(&out).contains("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb"),
        "the inline key must never be shown"
    );
}

#[test]
fn apiv3_key_file_trailing_newline_is_ignored_and_env_override_wins() {
    let env = TestEnv::new();
    env.key(OFFICIAL_KEY);
    env.key("go_sdk_test_public_key.pem");
    env.write("apiv3.key", "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb\r\n", 0o600);
    env.config(&base_profile(
        "apiv3_key_file = \"apiv3.key\"\nwechatpay_public_key_file = \"go_sdk_test_public_key.pem\"\nwechatpay_public_key_id = \"PUB_KEY_ID_0114232134912410000000000000000001\"\n",
    ));
    let out = env
        .cmd()
        .args([
            "--config",
            "config.toml",
            "profile",
            "check",
            "--offline",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        crate::harness::stdout(&out),
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], true);
    // $WXCOMBINE_APIV3_KEY overrides the file; a short one fails the check.
    let out = env
        .cmd()
        .env("WXCOMBINE_APIV3_KEY", "short")
        .args([
            "--config",
            "config.toml",
            "profile",
            "check",
            "--offline",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("$WXCOMBINE_APIV3_KEY") && err.contains("5 bytes"),
        "{err}"
    );
    assert!(
        !err.contains("short\""),
        "the key itself is never printed: {err}"
    );
}
