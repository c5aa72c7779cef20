//! `profile init` (cli.md "profile init"; issue 15, item 1): a merchant's files become a working
//! profile, the rest of the config file untouched; mismatched files, a taken name and missing
//! values are refused with the flag or files named.

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;

use crate::harness::lab::load_profile;
use crate::harness::{Lab, TestEnv, stderr, stdout};

const KEY: &str = "axios_plugin_apiclient_key.pem";
const CERT: &str = "axios_plugin_apiclient_cert.pem";
const OTHER_CERT: &str = "java_sdk_merchant_certificate.pem";
const PUBKEY: &str = "go_sdk_test_public_key.pem";
const PUBKEY_ID: &str = "PUB_KEY_ID_0119000000000000000000000000000001";
const APIV3_KEY: &str = "0123456789abcdef0123456789ABCDEF";

const EXISTING: &str = r#"# my production merchant: keep this comment
default_profile = "shop"

[profiles.shop] # the real one
mchid = "1900000109"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "somewhere/apiclient_key.pem"
"#;

fn files(env: &TestEnv) {
    env.key(KEY);
    env.key(CERT);
    env.key(OTHER_CERT);
    env.key(PUBKEY);
    env.write("apiv3.key", format!("{APIV3_KEY}\n"), 0o600);
}

fn init(env: &TestEnv, name: &str, extra: &[&str]) -> std::process::Output {
    env.cmd()
        .args(["--config", "config.toml", "profile", "init", name])
        .args(extra)
        .output()
        .unwrap()
}

const PUBKEY_ARGS: &[&str] = &[
    "--mchid",
    "1900000119",
    "--private-key",
    KEY,
    "--merchant-cert",
    CERT,
    "--public-key",
    PUBKEY,
    "--public-key-id",
    PUBKEY_ID,
    "--apiv3-key-file",
    "apiv3.key",
];

#[test]
fn init_adds_a_profile_keeping_the_rest_of_the_file_0600() {
    let env = TestEnv::new();
    files(&env);
    let config = env.write("config.toml", EXISTING, 0o644);
    let o = init(&env, "shop2", &[PUBKEY_ARGS, &["-o", "json"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&config).unwrap();
    // Every byte of the old file is still there, first.
    assert!(text.starts_with(EXISTING), "{text}");
    assert!(text.contains("[profiles.shop2]"), "{text}");
    assert_eq!(
        std::fs::metadata(&config).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // The serial came from the certificate; the key mode from the flags; no secret anywhere.
    let cert = wxcombine::signing::keys::Certificate::from_pem(
        &std::fs::read(env.path().join(CERT)).unwrap(),
        CERT,
    )
    .unwrap();
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["serial_no"], cert.serial.as_str());
    assert_eq!(v["key_mode"], "pubkey");
    assert_eq!(v["default_profile"], "shop");
    assert!(!text.contains(APIV3_KEY) && !stdout(&o).contains(APIV3_KEY));
    assert!(!stderr(&o).contains(APIV3_KEY));
    // Other commands load it as written.
    let p = load_profile(&config, "shop2");
    assert_eq!(p.serial_no.as_deref(), Some(cert.serial.as_str()));
    assert_eq!(p.mchid, "1900000119");
    p.load_signer().unwrap();
    p.load_verifier().unwrap();
}

#[test]
fn init_into_a_missing_file_creates_it_with_a_default_and_cert_mode() {
    let env = TestEnv::new();
    files(&env);
    // The merchant certificate is found beside the key under its usual name.
    std::fs::create_dir(env.path().join("merchant")).unwrap();
    std::fs::copy(
        env.path().join(KEY),
        env.path().join("merchant/apiclient_key.pem"),
    )
    .unwrap();
    std::fs::copy(
        env.path().join(CERT),
        env.path().join("merchant/apiclient_cert.pem"),
    )
    .unwrap();
    let o = init(
        &env,
        "shop",
        &[
            "--mchid",
            "1900000109",
            "--private-key",
            "merchant/apiclient_key.pem",
            "--platform-cert-dir",
            "certs",
            "--apiv3-key-env",
            "SHOP_APIV3_KEY",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("certs download"), "{}", stderr(&o));
    let config = env.path().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("default_profile = \"shop\""), "{text}");
    assert!(
        text.contains("apiv3_key_env = \"SHOP_APIV3_KEY\""),
        "{text}"
    );
    assert!(text.contains("merchant/apiclient_cert.pem"), "{text}");
    assert!(stdout(&o).contains("cert"), "{}", stdout(&o));
    assert_eq!(
        std::fs::metadata(&config).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn a_certificate_of_another_key_is_refused_naming_both_files() {
    let env = TestEnv::new();
    files(&env);
    env.config(EXISTING);
    let mut args = PUBKEY_ARGS.to_vec();
    args[5] = OTHER_CERT;
    let o = init(&env, "shop2", &args);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(KEY) && err.contains(OTHER_CERT), "{err}");
    assert_eq!(
        std::fs::read_to_string(env.path().join("config.toml")).unwrap(),
        EXISTING
    );
}

#[test]
fn an_existing_name_is_refused_unless_force() {
    let env = TestEnv::new();
    files(&env);
    env.config(EXISTING);
    let o = init(&env, "shop", PUBKEY_ARGS);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("already exists") && stderr(&o).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(env.path().join("config.toml")).unwrap(),
        EXISTING
    );
    let o = init(&env, "shop", &[PUBKEY_ARGS, &["--force"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(env.path().join("config.toml")).unwrap();
    assert!(
        text.starts_with("# my production merchant: keep this comment\n"),
        "{text}"
    );
    assert_eq!(text.matches("[profiles.shop]").count(), 1, "{text}");
    assert!(
        text.contains("1900000119") && !text.contains("somewhere/"),
        "{text}"
    );
}

#[test]
fn off_a_terminal_a_missing_value_is_a_usage_error_naming_the_flag() {
    let env = TestEnv::new();
    files(&env);
    let o = init(&env, "shop", &["--private-key", KEY]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--mchid"), "{}", stderr(&o));
    let o = init(
        &env,
        "shop",
        &[
            "--mchid",
            "1900000109",
            "--private-key",
            KEY,
            "--merchant-cert",
            CERT,
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--platform-cert-dir"), "{}", stderr(&o));
    // A bad value names its flag too.
    let mut args = PUBKEY_ARGS.to_vec();
    args[1] = "19000001x9";
    let o = init(&env, "shop", &args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--mchid"), "{}", stderr(&o));
    assert!(!env.path().join("config.toml").exists());
}

#[test]
fn missing_config_hint_points_at_profile_init() {
    let env = TestEnv::new();
    let o = env
        .cmd()
        .args(["--config", "nope.toml", "profile", "show"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("wxcombine profile init"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("README"), "{}", stderr(&o));
}

#[test]
fn init_check_proves_the_new_profile_against_the_sandbox() {
    let lab = Lab::new();
    let sb = load_profile(&lab.config(), "sandbox");
    let s = |p: &std::path::Path| p.display().to_string();
    let Some(wxcombine::config::ApiV3KeySource::File(apiv3)) = &sb.apiv3_key else {
        panic!("the sandbox profile names an APIv3 key file");
    };
    let o = lab
        .cmd()
        .args(["--base-url", &lab.sb.base_url(), "profile", "init", "mine"])
        .args(["--env", "sandbox", "--mchid", &sb.mchid])
        .args(["--private-key", &s(&sb.private_key_file)])
        .args([
            "--merchant-cert",
            &s(sb.merchant_cert_file.as_ref().unwrap()),
        ])
        .args([
            "--public-key",
            &s(sb.wechatpay_public_key_file.as_ref().unwrap()),
        ])
        .args([
            "--public-key-id",
            sb.wechatpay_public_key_id.as_ref().unwrap(),
        ])
        .args(["--apiv3-key-file", &s(apiv3), "--check", "-o", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["check"]["ok"], true, "{v}");
    let names: Vec<&str> = v["check"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"credentials"), "{names:?}");
    // The sandbox's own profiles are still there.
    let text = std::fs::read_to_string(lab.config()).unwrap();
    assert!(text.contains("[profiles.sandbox]") && text.contains("[profiles.mine]"));
}

#[test]
fn an_http_notify_url_is_refused_on_a_production_profile() {
    let env = TestEnv::new();
    files(&env);
    let o = init(
        &env,
        "shop",
        &[
            PUBKEY_ARGS,
            &["--notify-url", "http://127.0.0.1:8790/notify"],
        ]
        .concat(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--notify-url") && stderr(&o).contains("sandbox"));
    // The sandbox's own address is fine for a sandbox profile.
    let o = init(
        &env,
        "shop",
        &[
            PUBKEY_ARGS,
            &[
                "--notify-url",
                "http://127.0.0.1:8790/notify",
                "--env",
                "sandbox",
            ],
        ]
        .concat(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
}
