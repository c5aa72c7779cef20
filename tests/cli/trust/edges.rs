//! Trust at the edges (issue 11): outside text never reaches the terminal raw, exit codes at the
//! edges (issue 14), and the sandbox's mixed mode answering certificate-only clients (issue 16).
//!
//! The hostile server ([`Hostile::in_order`]) answers the requests with what the test scripted:
//! WeChat Pay's error shape with terminal sequences in `message`, an HTML page such as a proxy
//! sends, or a correctly signed answer whose data carries them.

use std::process::Output;

use serde_json::{Value, json};

use crate::harness::hostile::{self, Hostile, Reply, plain, signed};
use crate::harness::{TestEnv, read_fixture, stderr, stdout};

/// What a terminal must never receive from outside: ESC, BEL, C1 CSI, a right-to-left override.
const HOSTILE: &str = "\u{1b}]0;owned\u{7}参数错误\u{1b}[2J\u{9b}31m\u{202e}txt.exe";
/// The same, as the terminal must show it.
const SHOWN: &str = "\\u001b]0;owned\\u0007参数错误\\u001b[2J\\u009b31m\\u202etxt.exe";

/// Written out here rather than taken from `render`, so the test states the rule on its own.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

fn assert_clean(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && unsafe_char(c))
        .collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in {text:?}");
}

/// An answer of `content_type` with a Request-ID, as WeChat Pay's gateway sends.
fn answer(status: u16, content_type: &str, body: &[u8]) -> Reply {
    plain(
        status,
        &[
            ("Content-Type", content_type.to_string()),
            ("Request-ID", "08F4C3A1B20610B8D2-268498688".to_string()),
        ],
        body,
    )
}

fn run(env: &TestEnv, args: &[&str]) -> Output {
    env.cmd()
        .args(["--config", "config.toml", "-q", "--retries", "0"])
        .args(args)
        .output()
        .unwrap()
}

fn error_answer(status: u16, message: &str) -> Reply {
    answer(
        status,
        "application/json",
        json!({"code": "PARAM_ERROR", "message": message})
            .to_string()
            .as_bytes(),
    )
}

/// A 200 signed like WeChat Pay with the Go test key (the profile trusts its public key).
fn signed_answer(body: Value) -> Reply {
    signed(200, body.to_string().as_bytes())
}

#[test]
fn an_error_message_with_terminal_sequences_is_escaped() {
    // A `message` that retitles and clears the terminal, then forges a hint on a line of its own.
    let message = format!("{HOSTILE}\nhint: run `rm -rf ~` to fix");
    let server = Hostile::in_order(vec![
        error_answer(400, &message),
        error_answer(400, &message),
    ]);
    let env = hostile::env(&server.url());
    let out = run(&env, &["query", "P20260101000001"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert_clean("error line", &err);
    assert!(err.contains(SHOWN), "{err}");
    assert!(err.contains("\\nhint: run `rm -rf ~` to fix"), "{err}");
    assert!(
        !err.lines().any(|l| l.starts_with("hint: run")),
        "the server forged a hint line: {err}"
    );
    assert!(err.contains("code: PARAM_ERROR"), "{err}");

    // The JSON line carries the message exactly as sent (JSON escapes it itself).
    let out = run(&env, &["-o", "json", "query", "P20260101000001"]);
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert_clean("json error line", &err);
    let last: Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
    assert_eq!(
        last["error"]["message"],
        format!("query P20260101000001: WeChat Pay answered HTTP 400 PARAM_ERROR: {message}")
    );
}

#[test]
fn an_html_error_page_with_terminal_sequences_is_escaped() {
    let page = "<html>\r\n<head><title>\u{1b}[2J502 Bad Gateway</title></head>\r\n<body>\u{1b}]0;owned\u{7}\u{202e}nginx</body>\r\n</html>\r\n";
    let server = Hostile::in_order(vec![answer(502, "text/html", page.as_bytes())]);
    let env = hostile::env(&server.url());
    let out = run(&env, &["query", "P20260101000001"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert_clean("HTML error page", &err);
    // The page is shown on the error line, its line breaks escaped too.
    let first = err.lines().next().unwrap();
    assert!(
        first.contains("<html>\\r\\n<head><title>\\u001b[2J502 Bad Gateway"),
        "{err}"
    );
    assert!(
        first.contains("\\u001b]0;owned\\u0007\\u202enginx"),
        "{err}"
    );
}

#[test]
fn query_results_from_wechat_pay_are_escaped_in_the_table() {
    let no = "P20260101000001";
    let sub = |suffix: &str, mchid: &str| {
        json!({
            "mchid": mchid, "trade_type": "JSAPI", "trade_state": "SUCCESS", "bank_type": "OTHERS",
            "attach": "shop", "amount": {"total_amount": 100, "currency": "CNY", "payer_amount": 100, "payer_currency": "CNY"},
            "success_time": format!("2026-01-01T12:00:00+08:00{HOSTILE}"),
            "transaction_id": format!("4200000001\n{HOSTILE}"),
            "out_trade_no": format!("{no}{suffix}")
        })
    };
    let order = json!({
        "combine_appid": "wxd678efh567hg6787", "combine_mchid": "1900000109",
        "combine_out_trade_no": no,
        "sub_orders": [sub("A", "1900000109"), sub("B", "1900000119")],
        "combine_payer_info": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}
    });
    let server = Hostile::in_order(vec![signed_answer(order.clone()), signed_answer(order)]);
    let env = hostile::env(&server.url());
    let out = run(&env, &["query", no]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    assert_clean("query table", &table);
    assert!(table.contains(&format!("4200000001\\n{SHOWN}")), "{table}");
    // One line per sub-order under the header: the line break in a cell did not split a row.
    assert_eq!(table.lines().count(), 3, "{table}");

    // JSON output keeps the data exactly (escaped the JSON way).
    let out = run(&env, &["-o", "json", "query", no]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["sub_orders"][0]["transaction_id"],
        format!("4200000001\n{HOSTILE}")
    );
}

#[test]
fn bill_cells_are_escaped_in_the_parse_table() {
    let env = TestEnv::new();
    let bill = String::from_utf8(read_fixture(
        "bills/bill_trade_ALL_v3_reconstructed_bom_crlf.csv",
    ))
    .unwrap()
    .replace("S20210128170702357723", &format!("S2021{HOSTILE}"));
    env.write("hostile.csv", bill, 0o644);
    let out = env
        .cmd()
        .args(["bill", "parse", "hostile.csv"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    assert_clean("bill table", &table);
    assert!(table.contains(&format!("S2021{SHOWN}")), "{table}");
}

#[test]
fn notification_fields_are_escaped_in_the_decrypt_table() {
    let env = TestEnv::new();
    let key = wxcombine::signing::ApiV3Key::new(b"a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").unwrap();
    let plaintext = json!({
        "combine_appid": "wxd678efh567hg6787", "combine_mchid": "1900000109",
        "combine_out_trade_no": format!("P2026{HOSTILE}"),
        "sub_orders": [{
            "mchid": "1900000109", "trade_type": "JSAPI", "trade_state": "SUCCESS",
            "attach": "a", "amount": {"total_amount": 1, "currency": "CNY"},
            "transaction_id": format!("42\n{HOSTILE}"), "out_trade_no": "P2026A"
        }]
    })
    .to_string();
    let ct = key
        .encrypt("fGw3lYVYmW8n", "transaction", plaintext.as_bytes())
        .unwrap();
    let body = json!({
        "id": format!("EV-{HOSTILE}"), "create_time": "2026-01-01T12:00:00+08:00",
        "resource_type": "encrypt-resource", "event_type": "TRANSACTION.SUCCESS",
        "summary": format!("支付成功\n{HOSTILE}"),
        "resource": {"algorithm": "AEAD_AES_256_GCM", "ciphertext": ct, "associated_data": "transaction", "original_type": "transaction", "nonce": "fGw3lYVYmW8n"}
    });
    env.write("body.json", body.to_string(), 0o644);
    env.write("apiv3.key", "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb\n", 0o600);
    env.key("official_doc_test_key.pkcs1.pem");
    env.config(
        r#"[profiles.shop]
env = "sandbox"
mchid = "1900000109"
appid = "wxd678efh567hg6787"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "official_doc_test_key.pkcs1.pem"
apiv3_key_file = "apiv3.key"
"#,
    );
    let out = env
        .cmd()
        .args(["--config", "config.toml", "-q", "notify", "decrypt"])
        .args(["--body", "body.json", "--no-verify"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    assert_clean("notify decrypt table", &table);
    assert!(table.contains(&format!("EV-{SHOWN}")), "{table}");
    assert!(table.contains(&format!("支付成功\\n{SHOWN}")), "{table}");
    assert!(table.contains(&format!("P2026{SHOWN}")), "{table}");
    assert!(table.contains(&format!("42\\n{SHOWN}")), "{table}");
    assert_clean("warning", &stderr(&out));
}

// ---- exit codes at the edges (issue 14) ---------------------------------------------------

#[test]
fn every_command_group_without_a_subcommand_is_a_usage_error() {
    use clap::CommandFactory;
    let env = TestEnv::new();
    let cli = wxcombine::cli::Cli::command();
    let mut groups = vec![Vec::new()];
    for sub in cli.get_subcommands() {
        if sub.has_subcommands() {
            groups.push(vec![sub.get_name().to_string()]);
        }
    }
    for want in ["bill", "sandbox", "notify", "certs", "profile"] {
        assert!(groups.iter().any(|g| g == &[want]), "{want} is a group");
    }
    for g in groups {
        let out = env.cmd().args(&g).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{g:?}: {err}");
        assert!(out.stdout.is_empty(), "{g:?}: the help goes to stderr");
        assert!(err.contains("Usage: wxcombine"), "{g:?}: {err}");
        // Under -o json, the JSON error line follows the help.
        let out = env.cmd().args(&g).args(["-o", "json"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{g:?}");
        let last: Value = serde_json::from_str(stderr(&out).lines().last().unwrap()).unwrap();
        assert_eq!(last["error"]["kind"], "usage", "{g:?}");
    }
    // Asking for help is still a success, on stdout.
    let out = env.cmd().args(["bill", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Usage: wxcombine bill"));
}

#[test]
fn bill_parse_of_a_file_that_is_not_text_is_a_usage_error() {
    let env = TestEnv::new();
    // A PNG, a bill re-saved as GBK (交易时间 in GBK), and a first line longer than any bill line.
    env.write(
        "image.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
        0o644,
    );
    env.write("gbk.csv", b"\xbd\xbb\xd2\xd7\xca\xb1\xbc\xe4,x\r\n", 0o644);
    env.write("long.bin", vec![b'A'; 2 * 1024 * 1024], 0o644);
    for f in ["image.png", "gbk.csv", "long.bin"] {
        let out = env.cmd().args(["bill", "parse", f]).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{f}: {err}");
        assert!(
            err.contains(&format!("{f}: not a WeChat Pay bill: line 1: ")),
            "{f}: {err}"
        );
        assert!(err.contains("hint: pass a trade bill"), "{f}: {err}");
    }
    // A bill whose rows do not add up stays a verification failure (6).
    let bill = String::from_utf8(read_fixture(
        "bills/bill_trade_ALL_v3_reconstructed_bom_crlf.csv",
    ))
    .unwrap()
    .replacen("`0.01,`0.00,`0,`0,", "`0.02,`0.00,`0,`0,", 1);
    env.write("off.csv", bill, 0o644);
    let out = env
        .cmd()
        .args(["bill", "parse", "off.csv", "--check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
}

#[test]
fn notify_decrypt_says_why_the_signature_failed_once() {
    const CASE: &str = "signing/notification/derived_combine";
    let f = |n: &str| {
        String::from_utf8(read_fixture(&format!("{CASE}/{n}")))
            .unwrap()
            .trim()
            .to_string()
    };
    let env = TestEnv::new();
    env.key("official_doc_test_key.pkcs1.pem");
    std::fs::create_dir_all(env.path().join("certs")).unwrap();
    env.file_from_fixture(
        "keys/go_sdk_test_cert_F5765756002FDD77.pem",
        "certs/F5765756002FDD77.pem",
        0o644,
    );
    env.write("apiv3.key", format!("{}\n", f("apiv3_key")), 0o600);
    env.write("body.json", read_fixture(&format!("{CASE}/body")), 0o644);
    // A valid signature of other bytes: Base64 of the right length, wrong.
    let mut wrong: Vec<char> = f("signature").chars().collect();
    wrong[10] = if wrong[10] == 'A' { 'B' } else { 'A' };
    let wrong: String = wrong.into_iter().collect();
    env.config(
        r#"[profiles.shop]
env = "sandbox"
mchid = "1900000109"
appid = "wxd678efh567hg6787"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "official_doc_test_key.pkcs1.pem"
apiv3_key_file = "apiv3.key"
platform_cert_dir = "certs"
"#,
    );
    let out = env
        .cmd()
        .args(["--config", "config.toml", "-q", "notify", "decrypt"])
        .args(["--body", "body.json", "--timestamp", &f("timestamp")])
        .args(["--nonce", &f("nonce"), "--serial", &f("serial")])
        .args(["--signature", &wrong])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(6), "{err}");
    let first = err.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "error: notify decrypt: signature check failed: the signature does not match the body (signed by {})",
            f("serial")
        )
    );
}

#[test]
fn sandbox_serve_on_a_locked_data_dir_or_a_busy_port_is_a_usage_error() {
    let env = TestEnv::new();
    let data = env.path().join("data");
    let first = crate::harness::serve(&env, &data, &env.path().join("one.toml"), &[]);
    let out = env
        .cmd()
        .args(["sandbox", "serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "the data dir {} is in use by another `wxcombine sandbox serve`",
            data.display()
        )),
        "{err}"
    );
    assert!(err.contains("hint: stop the other sandbox"), "{err}");

    // The first sandbox's port, with a data dir of its own.
    let addr = first.base.trim_start_matches("http://").to_string();
    let out = env
        .cmd()
        .args(["sandbox", "serve", "--listen", &addr, "--data-dir"])
        .arg(env.path().join("other"))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("--listen {addr}: the address is already in use")),
        "{err}"
    );
    assert!(err.contains("--listen 127.0.0.1:0"), "{err}");
    drop(first);
}

#[test]
fn a_vv_trace_escapes_what_the_server_sent() {
    let page = "<html>\u{1b}]0;owned\u{7}\u{1b}[2J\u{202e}gateway</html>";
    // (hyper refuses a control character in a header value, so only the body carries them)
    let server = Hostile::in_order(vec![answer(502, "text/html", page.as_bytes())]);
    let env = hostile::env(&server.url());
    let out = run(&env, &["-vv", "query", "P20260101000001"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert_clean("-vv trace of a hostile answer", &err);
    // The body line of the trace shows the page, escaped.
    assert!(
        err.lines()
            .any(|l| l.starts_with("< <html>\\u001b]0;owned\\u0007\\u001b[2J\\u202egateway")),
        "{err}"
    );
}
