//! No secret in any output (issue 7): every command at `-vv`, its stdout and stderr, is scanned
//! for the APIv3 keys, private key material (every private key the sandbox holds) and full
//! signatures (Authorization, Wechatpay-Signature). The one exception is by design: `paySign` is
//! the data `sign-pay` (and `prepay --sign`, and the demo) exist to print, so their stdout may
//! hold it — their stderr may not.

use std::path::Path;

use base64::Engine as _;
use wxcombine::sandbox::{KeyMode, SandboxOptions};

use crate::harness::{Lab, stderr, stdout};

/// Every secret a sandbox data dir holds: APIv3 keys and the body lines of private key PEMs.
fn secrets_in(dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            secrets_in(&p, out);
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        if text.contains("PRIVATE KEY-----") {
            out.extend(
                text.lines()
                    .filter(|l| !l.starts_with("-----") && l.len() >= 40)
                    .map(str::to_string),
            );
        } else if p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains("apiv3"))
        {
            out.push(text.trim().to_string());
        }
    }
}

/// Base64 runs that decode to exactly 256 bytes: an RSA-2048 signature.
fn signature_sized_runs(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '='))
        .filter(|r| r.len() >= 340)
        .filter(|r| {
            base64::engine::general_purpose::STANDARD
                .decode(r)
                .is_ok_and(|b| b.len() == 256)
        })
        .map(str::to_string)
        .collect()
}

fn scan(
    label: &str,
    out: &std::process::Output,
    secrets: &[String],
    stdout_may_hold_pay_sign: bool,
) {
    let (o, e) = (stdout(out), stderr(out));
    for s in secrets {
        assert!(
            !o.contains(s.as_str()) && !e.contains(s.as_str()),
            "{label}: a secret leaked ({} chars)",
            s.len()
        );
    }
    assert!(
        signature_sized_runs(&e).is_empty(),
        "{label}: a full signature on stderr"
    );
    if !stdout_may_hold_pay_sign {
        assert!(
            signature_sized_runs(&o).is_empty(),
            "{label}: a full signature on stdout"
        );
    }
    for line in e.lines() {
        if line.to_ascii_lowercase().contains("wechatpay-signature:") {
            assert!(line.contains("(redacted)"), "{label}: {line}");
        }
        if line.contains("signature=\"") {
            assert!(
                line.contains("signature=\"…(redacted)\""),
                "{label}: {line}"
            );
        }
    }
}

#[test]
fn no_command_leaks_a_secret_at_vv() {
    for mode in [KeyMode::Pubkey, KeyMode::Cert] {
        let lab = Lab::with(SandboxOptions {
            key_mode: mode,
            notify_speed: 1000,
            ..Default::default()
        });
        let mut secrets = Vec::new();
        secrets_in(lab.sb.data_dir(), &mut secrets);
        assert!(secrets.len() > 10, "found the sandbox's secrets");
        let info = lab.sb.info();
        let openid = info.merchants[0].openid.clone();
        let sub = info.merchants[1].mchid.clone();
        lab.sb.set_clock("2026-11-25T12:00:00+08:00").unwrap();
        lab.sb.seed("2026-11-20", 50).unwrap();
        std::fs::create_dir_all(lab.env.path().join("bills")).unwrap();
        std::fs::create_dir_all(lab.env.path().join("certs")).unwrap();

        let mut runs: Vec<(Vec<String>, bool)> = vec![
            (vec!["profile".into(), "list".into()], false),
            (vec!["profile".into(), "show".into()], false),
            (vec!["profile".into(), "check".into()], false),
            (vec!["certs".into(), "list".into()], false),
            (
                vec![
                    "certs".into(),
                    "download".into(),
                    "--dir".into(),
                    "certs".into(),
                ],
                false,
            ),
            (
                vec![
                    "sign-pay".into(),
                    "--prepay-id".into(),
                    "wx20261125120000abcdef".into(),
                ],
                true,
            ),
            (
                vec![
                    "prepay".into(),
                    "--sign".into(),
                    "--combine-out-trade-no".into(),
                    "P20261125000001".into(),
                    "--openid".into(),
                    openid.clone(),
                    "--notify-url".into(),
                    "http://127.0.0.1:9/n".into(),
                    "--sub-order".into(),
                    "out_trade_no=S20261125000001,amount=1,description=a,attach=x".into(),
                    "--sub-order".into(),
                    format!(
                        "out_trade_no=S20261125000002,amount=2,description=b,attach=y,mchid={sub}"
                    ),
                ],
                true,
            ),
            (vec!["query".into(), "P20261125000001".into()], false),
            (
                vec!["sandbox".into(), "pay".into(), "P20261125000001".into()],
                false,
            ),
            (vec!["sandbox".into(), "fault".into(), "list".into()], false),
            (
                vec![
                    "bill".into(),
                    "fetch".into(),
                    "--date".into(),
                    "2026-11-20".into(),
                ],
                false,
            ),
            (
                vec![
                    "bill".into(),
                    "download".into(),
                    "--date".into(),
                    "2026-11-20".into(),
                    "--gzip".into(),
                    "--dir".into(),
                    "bills".into(),
                ],
                false,
            ),
            (vec!["query".into(), "P20269999999999".into()], false),
        ];
        // A prepay then close, so close's query and close both trace.
        runs.push((
            vec![
                "prepay".into(),
                "--combine-out-trade-no".into(),
                "P20261125000002".into(),
                "--openid".into(),
                openid.clone(),
                "--notify-url".into(),
                "http://127.0.0.1:9/n".into(),
                "--sub-order".into(),
                "out_trade_no=S20261125000003,amount=1,description=a,attach=x".into(),
                "--sub-order".into(),
                format!("out_trade_no=S20261125000004,amount=2,description=b,attach=y,mchid={sub}"),
            ],
            false,
        ));
        runs.push((
            vec!["close".into(), "P20261125000002".into(), "--yes".into()],
            false,
        ));
        for format in ["table", "json"] {
            for (args, pay_sign_ok) in &runs {
                let out = lab
                    .cmd()
                    .args(["-vv", "-o", format])
                    .args(args)
                    .output()
                    .unwrap();
                scan(
                    &format!("{mode:?} {format} {}", args.join(" ")),
                    &out,
                    &secrets,
                    *pay_sign_ok,
                );
            }
        }
        // notify decrypt of a notification the sandbox really sent.
        let n = lab.sb.notifications().unwrap();
        let attempt = &n
            .iter()
            .find(|x| x.combine_out_trade_no == "P20261125000001")
            .expect("a notification")
            .attempts[0];
        let headers: String = attempt
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\n"))
            .collect();
        lab.env.write("n.headers", headers, 0o600);
        lab.env.write("n.body", &attempt.body, 0o600);
        let out = lab
            .cmd()
            .args([
                "-vv",
                "notify",
                "decrypt",
                "--headers",
                "n.headers",
                "--body",
                "n.body",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        scan(&format!("{mode:?} notify decrypt"), &out, &secrets, false);
    }
    // The demo at -vv: the paySign it prints is its data; nothing else.
    let lab = Lab::new();
    let out = lab
        .env
        .cmd()
        .args(["-vv", "demo", "--keep"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let kept = stdout(&out)
        .lines()
        .find_map(|l| {
            l.strip_prefix("The sandbox's keys, state, config and bill are kept in ")
                .map(str::to_string)
        })
        .unwrap();
    let mut secrets = Vec::new();
    secrets_in(Path::new(&kept), &mut secrets);
    scan("demo", &out, &secrets, true);
    std::fs::remove_dir_all(kept).unwrap();
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn files_the_tool_creates_are_private() {
    let lab = Lab::with(SandboxOptions {
        key_mode: KeyMode::Cert,
        ..Default::default()
    });
    // `sandbox serve --write-config` and the sandbox's own keys.
    assert_eq!(
        mode(&lab.env.path().join("config.toml")),
        0o600,
        "the written config"
    );
    let info = lab.sb.info();
    for m in &info.merchants {
        assert_eq!(
            mode(&m.private_key_file),
            0o600,
            "{}",
            m.private_key_file.display()
        );
        assert_eq!(
            mode(&m.apiv3_key_file),
            0o600,
            "{}",
            m.apiv3_key_file.display()
        );
    }
    // `certs download`.
    let out = lab
        .cmd()
        .args([
            "-q",
            "-o",
            "json",
            "certs",
            "download",
            "--dir",
            "downloaded",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let path = lab.env.path().join(rows[0]["path"].as_str().unwrap());
    assert_eq!(mode(&path), 0o600, "{}", path.display());
    // And the CLI warns when a key it reads is not private.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        &info.merchants[0].private_key_file,
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let out = lab.cmd().args(["profile", "show"]).output().unwrap();
    assert!(
        stderr(&out).contains("readable by group/others"),
        "{}",
        stderr(&out)
    );
}
