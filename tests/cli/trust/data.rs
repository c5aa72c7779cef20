//! Issue 11, "Trust at the edges": what the tool reads (bounded, refused when ambiguous, explained
//! in sentences) and what it writes (configs merged, bills named per merchant, never clobbered).

use std::process::Output;

use crate::harness::{OFFICIAL_KEY, TestEnv, stderr};

/// Address-space limit for the runs that read from an endless source: far above what the tool
/// needs (it signs with 256 MiB), far below what reading `/dev/zero` to the end would take. Before
/// the caps, these runs died when malloc failed (SIGABRT) instead of exiting with a message.
const AS_LIMIT: &str = "--as=536870912";

/// The binary under `prlimit`, in `env`'s folder, with `env`'s cleared environment.
fn limited(env: &TestEnv, args: &[&str], stdin: Option<&str>) -> Output {
    let mut c = std::process::Command::new("prlimit");
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.home())
        .current_dir(env.path())
        .arg(AS_LIMIT)
        .arg("--")
        .arg(assert_cmd::cargo::cargo_bin("wxcombine"))
        .args(args);
    c.stdin(match stdin {
        Some(p) => std::fs::File::open(p).unwrap().into(),
        None => std::process::Stdio::null(),
    });
    c.output().expect("prlimit runs (util-linux)")
}

fn doc_config(env: &TestEnv, extra: &str) {
    env.key(OFFICIAL_KEY);
    env.config(&format!(
        r#"default_profile = "doc"
[profiles.doc]
env = "sandbox"
mchid = "1900000109"
appid = "wx2421b1c4370ec43b"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "{OFFICIAL_KEY}"
{extra}"#
    ));
}

fn assert_exit(out: &Output, code: i32, must: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{out:?}\n{err}");
    for m in must {
        assert!(err.contains(m), "stderr lacks {m:?}:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

// ---- Item 5: every file and stdin the tool reads is capped ----

#[test]
fn an_endless_config_stops_at_its_cap() {
    let env = TestEnv::new();
    let out = limited(
        &env,
        &["--config", "/dev/zero", "sign-pay", "--prepay-id", "wx1"],
        None,
    );
    assert_exit(&out, 3, &["config file /dev/zero", "larger than 1 MiB"]);
}

#[test]
fn a_device_as_private_key_or_apiv3_key_is_refused() {
    let env = TestEnv::new();
    env.config(
        r#"[profiles.doc]
mchid = "1900000109"
appid = "wx2421b1c4370ec43b"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "/dev/zero"
"#,
    );
    let out = limited(
        &env,
        &["--config", "config.toml", "sign-pay", "--prepay-id", "wx1"],
        None,
    );
    assert_exit(&out, 3, &["private key file /dev/zero", "character device"]);

    doc_config(&env, "apiv3_key_file = \"/dev/zero\"\n");
    env.write("n.json", "{}", 0o600);
    let out = limited(
        &env,
        &[
            "--config",
            "config.toml",
            "notify",
            "decrypt",
            "--no-verify",
            "--body",
            "n.json",
        ],
        None,
    );
    assert_exit(&out, 3, &["APIv3 key file /dev/zero", "character device"]);
}

#[test]
fn key_files_over_one_mib_are_refused_by_name() {
    let env = TestEnv::new();
    // A real key followed by 2 MiB of padding: only the cap can refuse it.
    let mut big = crate::harness::read_fixture(&format!("keys/{OFFICIAL_KEY}"));
    big.extend(std::iter::repeat_n(b'\n', 2 << 20));
    env.write("big.pem", &big, 0o600);
    env.config(
        r#"[profiles.doc]
mchid = "1900000109"
appid = "wx2421b1c4370ec43b"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "big.pem"
"#,
    );
    let out = env
        .cmd()
        .args(["--config", "config.toml", "sign-pay", "--prepay-id", "wx1"])
        .output()
        .unwrap();
    assert_exit(&out, 3, &["big.pem", "larger than 1 MiB"]);
}

#[test]
fn an_endless_body_on_stdin_stops_at_its_cap() {
    let env = TestEnv::new();
    doc_config(&env, "");
    let out = limited(
        &env,
        &["--config", "config.toml", "prepay", "--body", "-"],
        Some("/dev/zero"),
    );
    assert_exit(&out, 2, &["--body -", "larger than 1 MiB", "request body"]);

    let out = limited(
        &env,
        &[
            "--config",
            "config.toml",
            "notify",
            "decrypt",
            "--no-verify",
            "--body",
            "-",
        ],
        Some("/dev/zero"),
    );
    assert_exit(&out, 2, &["--body -", "larger than 1 MiB", "notification"]);

    env.write("n.json", "{}", 0o600);
    let out = limited(
        &env,
        &[
            "--config",
            "config.toml",
            "notify",
            "decrypt",
            "--no-verify",
            "--body",
            "n.json",
            "--headers",
            "/dev/zero",
        ],
        None,
    );
    assert_exit(&out, 2, &["--headers /dev/zero", "larger than 1 MiB"]);
}

// ---- Item 12: a key given twice in a request body is refused ----

#[test]
fn a_body_that_repeats_a_key_is_refused_naming_its_pointer() {
    let env = TestEnv::new();
    doc_config(&env, "");
    env.write(
        "body.json",
        r#"{"combine_out_trade_no":"P20260101001","combine_payer_info":{"openid":"o1"},
"sub_orders":[{"mchid":"1900000109","attach":"a","amount":{"total_amount":100,"total_amount":999999,"currency":"CNY"},"out_trade_no":"S1000001","description":"Tea"},
{"mchid":"1900000109","attach":"a","amount":{"total_amount":100,"currency":"CNY"},"out_trade_no":"S1000002","description":"Tea"}],
"notify_url":"https://shop.example.com/n"}"#,
        0o600,
    );
    let out = env
        .cmd()
        .args(["--config", "config.toml", "prepay", "--body", "body.json"])
        .output()
        .unwrap();
    assert_exit(
        &out,
        2,
        &[
            "body.json",
            "/sub_orders/0/amount/total_amount",
            "given twice",
        ],
    );
}

#[test]
fn a_json_sub_order_that_repeats_a_key_is_refused() {
    let env = TestEnv::new();
    doc_config(&env, "");
    let out = env
        .cmd()
        .args([
            "--config",
            "config.toml",
            "prepay",
            "--openid",
            "o1",
            "--notify-url",
            "https://shop.example.com/n",
            "--sub-order",
            r#"{"out_trade_no":"S1000001","amount":100,"amount":999999,"description":"Tea","attach":"a"}"#,
            "--sub-order",
            "out_trade_no=S1000002,amount=100,description=Tea,attach=a",
        ])
        .output()
        .unwrap();
    assert_exit(&out, 2, &["--sub-order #1", "/amount", "given twice"]);
}

// ---- Item 13: key problems in sentences, with a hint ----

fn sign_pay_with_key(key: &str) -> Output {
    let env = TestEnv::new();
    env.key(key);
    env.config(&format!(
        r#"[profiles.doc]
mchid = "1900000109"
appid = "wx2421b1c4370ec43b"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "{key}"
"#
    ));
    env.cmd()
        .args(["--config", "config.toml", "sign-pay", "--prepay-id", "wx1"])
        .output()
        .unwrap()
}

/// No Rust `Debug` shapes: `Name(`, `Name {`, byte arrays, CamelCase reasons.
fn assert_human(err: &str) {
    for bad in [
        "Base64Decode",
        "InvalidCharacter",
        "MissingSectionEnd",
        "end_marker",
        "TooSmall",
        "WrongAlgorithm",
        "InvalidEncoding",
        "[45",
        "[80, 82",
    ] {
        assert!(!err.contains(bad), "debug output {bad:?} in:\n{err}");
    }
}

#[test]
fn an_encrypted_traditional_pem_says_how_to_decrypt_it() {
    let out = sign_pay_with_key("odd_encrypted_traditional.pem");
    assert_exit(
        &out,
        3,
        &[
            "odd_encrypted_traditional.pem",
            "encrypted",
            "hint: decrypt it with `openssl pkey -in ",
        ],
    );
    assert_human(&stderr(&out));
}

#[test]
fn a_truncated_pem_says_it_is_cut_short() {
    let out = sign_pay_with_key("odd_truncated.pem");
    assert_exit(
        &out,
        3,
        &[
            "odd_truncated.pem",
            "no -----END PRIVATE KEY----- line",
            "cut short",
            "hint: ",
        ],
    );
    assert_human(&stderr(&out));
}

#[test]
fn a_1024_bit_key_is_too_small_for_wechat_pay() {
    let out = sign_pay_with_key("odd_rsa1024.pem");
    assert_exit(
        &out,
        3,
        &["odd_rsa1024.pem", "shorter than 2048 bits", "RSA-2048"],
    );
    assert_human(&stderr(&out));
}

#[test]
fn an_ec_key_is_not_an_rsa_key() {
    let out = sign_pay_with_key("odd_ec_p256.pem");
    assert_exit(
        &out,
        3,
        &["odd_ec_p256.pem", "an EC key, not an RSA key", "RSA-2048"],
    );
    assert_human(&stderr(&out));
}

#[test]
fn an_ec_public_key_as_wechat_pay_public_key_is_named() {
    let env = TestEnv::new();
    env.key("odd_ec_p256_pub.pem");
    doc_config(
        &env,
        "wechatpay_public_key_file = \"odd_ec_p256_pub.pem\"\nwechatpay_public_key_id = \"PUB_KEY_ID_0119000000000000000000000000000001\"\napiv3_key = \"0123456789abcdef0123456789abcdef\"\n",
    );
    env.write("n.json", "{}", 0o600);
    let out = env
        .cmd()
        .args([
            "--config",
            "config.toml",
            "notify",
            "decrypt",
            "--body",
            "n.json",
        ])
        .output()
        .unwrap();
    assert_exit(
        &out,
        3,
        &["odd_ec_p256_pub.pem", "an EC key, not an RSA key"],
    );
    assert_human(&stderr(&out));
}

// ---- Item 1: `sandbox serve --write-config` merges into an existing config ----

const SHOP_CONFIG: &str = r#"# My real merchant: do not lose this.
default_profile = "shop"

[profiles.shop]
env = "production"   # money moves here
mchid = "1900000109"
appid = "wx2421b1c4370ec43b"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "official_doc_test_key.pkcs1.pem"

# A profile of my own whose name starts like the sandbox's.
[profiles.sandbox-staging]
mchid = "1900000110"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "official_doc_test_key.pkcs1.pem"
"#;

fn profile_names(env: &TestEnv) -> Vec<String> {
    let out = env
        .cmd()
        .args(["--config", "config.toml", "profile", "list", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut names: Vec<String> = v
        .as_array()
        .unwrap_or_else(|| panic!("{v}"))
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn write_config_keeps_the_other_profiles_and_comments() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    env.key(OFFICIAL_KEY);
    let config = env.write("config.toml", SHOP_CONFIG, 0o644);
    // Twice, as a person restarting the sandbox would: the second replaces the first's profiles.
    for run in 0..2 {
        let data = env.path().join("sb");
        let server = crate::harness::serve(&env, &data, &config, &[]);
        let text = std::fs::read_to_string(&config).unwrap();
        // Everything of the user's is still there, byte for byte.
        let user_part = SHOP_CONFIG.split("\n# A profile").next().unwrap();
        assert!(text.starts_with(user_part), "run {run}:\n{text}");
        assert!(
            text.contains("# A profile of my own whose name starts like the sandbox's.\n[profiles.sandbox-staging]\nmchid = \"1900000110\""),
            "run {run}:\n{text}"
        );
        assert_eq!(text.matches("[profiles.sandbox]").count(), 1, "{text}");
        assert!(
            text.contains(&format!("base_url = \"{}\"", server.base)),
            "{text}"
        );
        assert_eq!(
            std::fs::metadata(&config).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            profile_names(&env),
            [
                "sandbox",
                "sandbox-staging",
                "sandbox-sub1",
                "sandbox-sub2",
                "shop"
            ]
        );
        drop(server);
    }
    // No temporary file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(env.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("config.toml") && n != "config.toml")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn write_config_sets_default_profile_only_in_a_file_without_one() {
    let env = TestEnv::new();
    env.key(OFFICIAL_KEY);
    let without_default = SHOP_CONFIG.replace("default_profile = \"shop\"\n", "");
    let config = env.write("config.toml", &without_default, 0o600);
    let server = crate::harness::serve(&env, &env.path().join("sb"), &config, &[]);
    let text = std::fs::read_to_string(&config).unwrap();
    assert_eq!(text.matches("default_profile").count(), 1, "{text}");
    assert!(text.contains("default_profile = \"sandbox\""), "{text}");
    assert!(
        text.contains("[profiles.shop]\nenv = \"production\"   # money moves here"),
        "{text}"
    );
    // The sandbox profile works against the server it was written for.
    let out = env
        .cmd()
        .args(["--config", "config.toml", "profile", "show"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        crate::harness::stdout(&out).contains(&server.base),
        "{}",
        crate::harness::stdout(&out)
    );
}

#[test]
fn write_config_refuses_to_replace_a_file_that_is_not_toml() {
    let env = TestEnv::new();
    let config = env.write("config.toml", "this = [is not toml\n", 0o600);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wxcombine"))
        .env_clear()
        .env("HOME", env.home())
        .args(["sandbox", "serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(env.path().join("sb"))
        .arg("--write-config")
        .arg(&config)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // It must refuse at once; a server that started has replaced the file.
    let mut status = None;
    for _ in 0..600 {
        status = child.try_wait().unwrap();
        if status.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "this = [is not toml\n"
    );
    assert_exit(&out, 3, &["config.toml", "left unchanged"]);
}

// ---- Item 3: the final rename never replaces a file that appeared meanwhile ----

const BILL_DAY: &str = "2026-05-01";

/// A sandbox with a trade bill for [`BILL_DAY`] whose downloads are held `ms` before answering,
/// `count` times, so that a test can act while a download is in flight.
fn held_bill_lab(count: u32, ms: u64) -> crate::harness::Lab {
    use wxcombine::sandbox::{FaultKind, FaultSpec};
    let lab = crate::harness::Lab::new();
    lab.sb.set_clock("2026-05-02T11:00:00+08:00").unwrap();
    lab.sb.seed(BILL_DAY, 20).unwrap();
    std::fs::create_dir_all(lab.env.path().join("bills")).unwrap();
    lab.sb
        .add_fault(FaultSpec {
            kind: FaultKind::Latency,
            count: Some(count),
            path: Some("/v3/billdownload/file".into()),
            ms: Some(ms),
        })
        .unwrap();
    lab
}

/// `bill download --date BILL_DAY --dir bills -o json EXTRA…` as a child process.
fn spawn_download(lab: &crate::harness::Lab, extra: &[&str]) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("wxcombine"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", lab.env.home())
        .current_dir(lab.env.path())
        .args([
            "--config",
            "config.toml",
            "-q",
            "-o",
            "json",
            "bill",
            "download",
        ])
        .args(["--date", BILL_DAY, "--dir", "bills"])
        .args(extra)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Wait until every held download has reached the sandbox: each process has checked the folder
/// and is waiting for the bill's bytes.
fn until_all_held(lab: &crate::harness::Lab) {
    for _ in 0..400 {
        if lab.sb.faults().is_empty() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!("the downloads never reached the sandbox");
}

fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_file_created_during_the_download_is_not_overwritten() {
    let lab = held_bill_lab(1, 1500);
    let child = spawn_download(&lab, &[]);
    until_all_held(&lab);
    let name = format!("tradebill_{}_{BILL_DAY}_ALL.csv", lab.mchid(0));
    let mine = lab.env.path().join("bills").join(&name);
    std::fs::write(&mine, "a person's own notes\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_exit(
        &out,
        2,
        &[&name, "exists and differs", "left alone", "--force"],
    );
    assert_eq!(
        std::fs::read_to_string(&mine).unwrap(),
        "a person's own notes\n"
    );
    assert_eq!(listing(&lab.env.path().join("bills")), [name]);
}

#[test]
fn two_downloads_of_one_bill_agree_on_the_file() {
    let lab = held_bill_lab(2, 1500);
    let children = [spawn_download(&lab, &[]), spawn_download(&lab, &[])];
    until_all_held(&lab);
    let mut statuses = Vec::new();
    let mut hashes = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        statuses.push(rows[0]["status"].as_str().unwrap().to_string());
        hashes.push(rows[0]["hash_value"].as_str().unwrap().to_string());
    }
    statuses.sort();
    // The loser found the winner's file, with the announced hash, and said so.
    assert_eq!(statuses, ["downloaded", "up_to_date"]);
    let name = format!("tradebill_{}_{BILL_DAY}_ALL.csv", lab.mchid(0));
    let on_disk = wxcombine::bill::sha1_of_file(lab.env.path().join("bills").join(&name)).unwrap();
    assert_eq!(hashes, [on_disk.clone(), on_disk]);
    assert_eq!(listing(&lab.env.path().join("bills")), [name]);
}

#[test]
fn force_still_replaces_a_file_created_during_the_download() {
    let lab = held_bill_lab(1, 1500);
    let child = spawn_download(&lab, &["--force"]);
    until_all_held(&lab);
    let name = format!("tradebill_{}_{BILL_DAY}_ALL.csv", lab.mchid(0));
    let path = lab.env.path().join("bills").join(&name);
    std::fs::write(&path, "old\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["status"], "downloaded");
    assert_eq!(
        wxcombine::bill::sha1_of_file(&path).unwrap(),
        rows[0]["hash_value"].as_str().unwrap()
    );
}

// ---- Item 7: `query --from FILE -o jsonl` streams in flat memory ----

/// Peak RSS in KiB of `wxcombine ARGS` (GNU time's `%M`), with its stdout discarded.
fn peak_rss_kib(lab: &crate::harness::Lab, args: &[&str]) -> u64 {
    let out = std::process::Command::new("/usr/bin/time")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", lab.env.home())
        .current_dir(lab.env.path())
        .args(["-f", "peak-rss-kib %M", "--"])
        .arg(assert_cmd::cargo::cargo_bin("wxcombine"))
        .args(["--config", "config.toml"])
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("/usr/bin/time runs (apt-get install time)");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    err.lines()
        .find_map(|l| l.strip_prefix("peak-rss-kib "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak RSS in: {err}"))
}

#[test]
fn a_long_jsonl_query_does_not_keep_its_orders() {
    let lab = crate::harness::Lab::new();
    let seeded = lab.sb.seed("2026-04-01", 2_500).unwrap();
    // Seeded numbers are a fixed prefix and a 10-digit counter.
    let (prefix, start) = seeded.first.split_at(seeded.first.len() - 10);
    let start: u64 = start.parse().unwrap();
    let numbers = |n: u64| -> String {
        (0..n)
            .map(|i| format!("{prefix}{:010}\n", start + i))
            .collect()
    };
    lab.env.write("few.txt", numbers(100), 0o600);
    lab.env.write("many.txt", numbers(2_500), 0o600);
    let run = |file: &str| {
        peak_rss_kib(
            &lab,
            &[
                "-q",
                "query",
                "--from",
                file,
                "--concurrency",
                "8",
                "-o",
                "jsonl",
            ],
        )
    };
    let few = run("few.txt");
    let many = run("many.txt");
    // Before the fix each order kept ~12 KB until the end (2,400 more orders ≈ 29 MB more); now
    // the numbers are read as needed and each line is printed and dropped.
    assert!(
        many < few + 8 * 1024,
        "peak RSS grew from {few} KiB (100 orders) to {many} KiB (2,500 orders)"
    );
}

#[test]
fn numbers_from_stdin_are_checked_first_and_then_queried_in_order() {
    let lab = crate::harness::Lab::new();
    for no in ["P20260101000160", "P20260101000161", "P20260101000162"] {
        assert!(lab.cmd_prepay(no).status.success());
    }
    let before = lab.api_requests("/v3/combine-transactions/out-trade-no/");
    // A bad number on the last line: refused before any query is sent.
    let out = lab
        .cmd()
        .args(["-q", "query", "--from", "-"])
        .write_stdin("P20260101000160\nP20260101000161\nnot a number!\n")
        .output()
        .unwrap();
    assert_exit(&out, 2, &["--from -: line 3"]);
    assert_eq!(
        lab.api_requests("/v3/combine-transactions/out-trade-no/"),
        before
    );
    // Arguments first, then the lines of stdin (read twice: checked, spooled, queried).
    let out = lab
        .cmd()
        .args([
            "-q",
            "-o",
            "json",
            "query",
            "P20260101000162",
            "--from",
            "-",
        ])
        .write_stdin("# two more\nP20260101000161\n\nP20260101000160\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["combine_out_trade_no"].as_str().unwrap())
        .collect();
    assert_eq!(
        got,
        ["P20260101000162", "P20260101000161", "P20260101000160"]
    );
}
