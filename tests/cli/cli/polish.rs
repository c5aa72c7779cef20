//! Small things that each cost a new user a minute (issue 15, item 11 and item 8): one banner per
//! sandbox command, `profile show NAME` wording, an empty config's hint, `--type` in any case.

use crate::harness::lab::prepay_body;
use crate::harness::{Lab, TestEnv, stderr, stdout};

#[test]
fn sandbox_pay_and_seed_print_the_banner_once() {
    let lab = Lab::new();
    lab.prepay(
        "sandbox",
        &prepay_body("B20260101000001", "http://127.0.0.1:9/notify"),
    );
    for args in [
        vec!["sandbox", "pay", "B20260101000001"],
        vec!["sandbox", "seed", "--date", "2026-11-01", "--orders", "2"],
    ] {
        let o = lab.cmd().args(&args).output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert_eq!(
            stderr(&o).matches("▸ profile").count(),
            1,
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn profile_show_of_an_unknown_name_says_where_the_name_came_from() {
    let env = TestEnv::new();
    env.doc_profile();
    let o = env
        .cmd()
        .args(["--config", "config.toml", "profile", "show", "nosuch"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(err.contains("no profile `nosuch`"), "{err}");
    assert!(!err.contains("from --profile"), "{err}");
    assert!(
        err.contains("NAME argument") && err.contains("profile init"),
        "{err}"
    );
}

#[test]
fn an_empty_config_lists_a_hint_not_a_header_only_table() {
    let env = TestEnv::new();
    env.config("# nothing yet\n");
    let o = env
        .cmd()
        .args(["--config", "config.toml", "profile", "list"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("wxcombine profile init"),
        "{}",
        stderr(&o)
    );
    // Scripts still get valid, empty JSON.
    let o = env
        .cmd()
        .args(["--config", "config.toml", "profile", "list", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn bill_type_and_account_type_take_any_case() {
    let env = TestEnv::new();
    for args in [
        ["bill", "fetch", "--date", "2026-11-01", "--type", "all"],
        ["bill", "fetch", "--date", "2026-11-01", "--type", "Success"],
        [
            "bill",
            "download",
            "--date",
            "2026-11-01",
            "--type",
            "refund",
        ],
    ] {
        // Parsed: the command gets as far as the (missing) config, exit 3, not a usage error.
        let o = env
            .cmd()
            .args(["--config", "nope.toml"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(3), "{args:?}: {}", stderr(&o));
    }
    let o = env
        .cmd()
        .args([
            "--config",
            "nope.toml",
            "bill",
            "fetch",
            "--date",
            "2026-11-01",
        ])
        .args(["--kind", "fundflow", "--account-type", "basic"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
}

#[test]
fn certs_download_on_a_public_key_profile_explains_before_asking_for_dir() {
    // The lab's default key mode is pubkey: its profile has no platform_cert_dir.
    let lab = Lab::new();
    let o = lab.cmd().args(["certs", "download"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    let first = err.lines().find(|l| l.starts_with("error:")).unwrap();
    assert!(first.contains("needs no platform certificates"), "{err}");
    assert!(!first.contains("--dir"), "{err}");
}
