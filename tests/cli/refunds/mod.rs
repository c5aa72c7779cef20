//! `refund create|query|list|watch` against the in-process sandbox (issue 13, cli.md "refund"):
//! the local refusals (exit 2, no refund request sent), the profile of the sub-order's merchant,
//! the number printed before anything is sent, the journal, confirmation and `--dry-run`.

use std::path::PathBuf;

use serde_json::Value;

use crate::harness::{Lab, stderr, stdout};

mod fake;

const REFUNDS: &str = "/v3/refund/domestic/refunds";

/// A paid two-sub-order combine order `no` (`{no}A` 100 fen of the main merchant, `{no}B` 250 fen
/// of sub-merchant 1).
fn paid(lab: &Lab, no: &str) {
    let out = lab.cmd_prepay(no);
    assert!(out.status.success(), "{}", stderr(&out));
    lab.sb.pay(no).unwrap();
}

fn journal_dir(lab: &Lab) -> PathBuf {
    lab.env.path().join("data")
}

/// `wxcombine refund …` with the journal in the test's folder and a fast poll schedule.
fn refund(lab: &Lab) -> assert_cmd::Command {
    let mut c = lab.cmd();
    c.env("WXCOMBINE_DATA_DIR", journal_dir(lab))
        .env("WXCOMBINE_POLL_SECOND_MS", "1")
        .arg("refund");
    c
}

/// Refund requests (POST) the sandbox received.
fn refund_posts(lab: &Lab) -> usize {
    lab.sb
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.starts_with(REFUNDS))
        .count()
}

fn code(out: &std::process::Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

#[test]
fn an_unpaid_sub_order_is_refused_locally_and_nothing_is_sent() {
    let lab = Lab::new();
    let out = lab.cmd_prepay("RF100001");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = refund(&lab)
        .args(["create", "RF100001", "--sub-order", "RF100001A", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("sub-order RF100001A is NOTPAY, not paid"),
        "{}",
        stderr(&out)
    );
    assert_eq!(refund_posts(&lab), 0);
    assert!(!journal_dir(&lab).join("refunds.jsonl").exists());
}

#[test]
fn more_than_the_sub_orders_total_is_refused_locally() {
    let lab = Lab::new();
    paid(&lab, "RF100002");
    let out = refund(&lab)
        .args(["create", "RF100002", "--sub-order", "RF100002A"])
        .args(["--amount", "101", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--amount 101 fen is more than the 100 fen still refundable"),
        "{}",
        stderr(&out)
    );
    assert_eq!(refund_posts(&lab), 0);
}

#[test]
fn a_payment_older_than_365_days_is_refused_locally() {
    let lab = Lab::new();
    let out = lab.cmd_prepay("RF100003");
    assert!(out.status.success(), "{}", stderr(&out));
    // Paid 366 days ago in business time.
    lab.sb.advance_clock(-366 * 86_400).unwrap();
    lab.sb.pay("RF100003").unwrap();
    lab.sb.advance_clock(366 * 86_400).unwrap();
    let out = refund(&lab)
        .args(["create", "RF100003", "--sub-order", "RF100003A", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("WeChat Pay refunds only within 365 days of payment"),
        "{}",
        stderr(&out)
    );
    assert_eq!(refund_posts(&lab), 0);
}

#[test]
fn bad_flags_name_the_flag_and_nothing_is_sent() {
    let lab = Lab::new();
    for (args, needle) in [
        (
            vec!["--sub-order", "RF1A", "--out-refund-no", "R 1"],
            "--out-refund-no: \"R 1\" contains ' '",
        ),
        (
            vec!["--sub-order", "RF1A", "--out-refund-no", &"9".repeat(65)],
            "--out-refund-no: ",
        ),
        (vec!["--sub-order", "RF1A", "--amount", "0"], "--amount 0"),
        (
            vec!["--sub-order", "RF1A", "--wait", "soon"],
            "--wait \"soon\"",
        ),
        (
            vec!["--sub-order", "RF1A", "--notify-url", "ftp://x/y"],
            "--notify-url",
        ),
    ] {
        let out = refund(&lab)
            .args(["create", "RF100004"])
            .args(&args)
            .arg("--yes")
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
    assert!(lab.sb.requests().is_empty());
}

#[test]
fn without_a_terminal_create_needs_yes_and_prints_the_number_first() {
    let lab = Lab::new();
    paid(&lab, "RF100005");
    let out = refund(&lab)
        .args([
            "create",
            "RF100005",
            "--sub-order",
            "RF100005A",
            "--amount",
            "30",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    let number = err.find("out_refund_no RRF100005A-1").expect(&err);
    let refusal = err.find("no terminal to ask on").expect(&err);
    assert!(number < refusal, "{err}");
    assert!(err.contains("0.30 元 (30 fen)"), "{err}");
    assert!(err.contains("pass --yes"), "{err}");
    assert_eq!(refund_posts(&lab), 0);
}

#[test]
fn dry_run_shows_the_request_with_the_total_from_the_query() {
    let lab = Lab::new();
    paid(&lab, "RF100006");
    let out = refund(&lab)
        .args([
            "-o",
            "json",
            "create",
            "RF100006",
            "--sub-order",
            "RF100006B",
        ])
        .args(["--amount", "40", "--reason", "缺货", "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["method"], "POST");
    assert!(v["url"].as_str().unwrap().ends_with(REFUNDS), "{v}");
    let body = &v["body"];
    assert_eq!(body["out_refund_no"], "RRF100006B-1");
    assert_eq!(body["amount"]["refund"], 40);
    // amount.total is the sub-order's own total (250), never typed.
    assert_eq!(body["amount"]["total"], 250);
    assert_eq!(body["amount"]["currency"], "CNY");
    assert_eq!(body["reason"], "缺货");
    assert!(body["transaction_id"].as_str().unwrap().starts_with("42"));
    assert!(body.get("sub_mchid").is_none(), "直连: no sub_mchid");
    let sts = v["string_to_sign"].as_str().unwrap();
    assert!(sts.starts_with(&format!("POST\n{REFUNDS}\n")), "{sts}");
    assert!(sts.ends_with(&format!("{}\n", serde_json::to_string(body).unwrap())));
    // Signed by the sub-order's merchant: sub-merchant 1's profile.
    assert!(
        stderr(&out).contains("signing with profile sandbox-sub1"),
        "{}",
        stderr(&out)
    );
    assert_eq!(refund_posts(&lab), 0);
    assert!(!journal_dir(&lab).join("refunds.jsonl").exists());
}

#[test]
fn a_missing_profile_for_the_sub_orders_merchant_is_a_config_error() {
    let lab = Lab::new();
    paid(&lab, "RF100007");
    let path = lab.env.path().join("config.toml");
    let mut cfg: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
    cfg["profiles"]
        .as_table_mut()
        .unwrap()
        .remove("sandbox-sub1")
        .unwrap();
    std::fs::write(&path, toml::to_string(&cfg).unwrap()).unwrap();
    let out = refund(&lab)
        .args(["create", "RF100007", "--sub-order", "RF100007B", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("has mchid 1900000119"), "{err}");
    assert!(err.contains("sub-order RF100007B"), "{err}");
    assert!(err.contains("profile init"), "{err}");
    assert_eq!(refund_posts(&lab), 0);
}

#[test]
fn a_sub_order_not_in_the_order_is_named() {
    let lab = Lab::new();
    paid(&lab, "RF100008");
    let out = refund(&lab)
        .args(["create", "RF100008", "--sub-order", "RF100008Z", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("its sub-orders: RF100008A, RF100008B"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_corrupted_journal_is_named_by_file_and_line_before_anything_is_sent() {
    let lab = Lab::new();
    let dir = journal_dir(&lab);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("refunds.jsonl"), "\nnot json\n").unwrap();
    let out = refund(&lab)
        .args(["create", "RF100009", "--sub-order", "RF100009A", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("refunds.jsonl: line 2"), "{err}");
    assert!(lab.sb.requests().is_empty());
}

#[test]
fn query_and_watch_check_their_numbers_first() {
    let lab = Lab::new();
    let out = refund(&lab).args(["query", "R#1"]).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("OUT_REFUND_NO"), "{}", stderr(&out));
    let out = refund(&lab)
        .args(["query", "R1", "--sub-mchid", "x"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--sub-mchid"), "{}", stderr(&out));
    let from = lab
        .env
        .write("refunds.txt", "# numbers\nR1\n\nR 2\n", 0o644);
    let out = refund(&lab)
        .args(["query", "--from"])
        .arg(&from)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("line 4"), "{}", stderr(&out));
    let out = refund(&lab)
        .args(["watch", "R1", "--wait", "x"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(lab.sb.requests().is_empty());
}

// ---- refund notifications (apiv3.md §14.4) ---------------------------------------------------

const PUB_ID: &str = "PUB_KEY_ID_0114232134912410000000000000000001";
const APIV3_KEY: &[u8; 32] = b"a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

const REFUND_PLAINTEXT: &str = r#"{"mchid":"1900000100","transaction_id":"1008450740201411110005820873","out_trade_no":"20150806125346","refund_id":"50200207182018070300011301001","out_refund_no":"R20150806125346-1","refund_status":"SUCCESS","success_time":"2018-06-08T10:34:56+08:00","user_received_account":"招商银行信用卡0403","amount":{"total":999,"refund":999,"payer_total":999,"payer_refund":999}}"#;

/// A profile trusting the Go test public key, with the test APIv3 key.
fn notify_env() -> crate::harness::TestEnv {
    let env = crate::harness::TestEnv::new();
    env.key("official_doc_test_key.pkcs1.pem");
    env.key("go_sdk_test_public_key.pem");
    env.write(
        "apiv3.key",
        format!("{}\n", std::str::from_utf8(APIV3_KEY).unwrap()),
        0o600,
    );
    env.config(&format!(
        r#"[profiles.shop]
env = "sandbox"
mchid = "1900000109"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "official_doc_test_key.pkcs1.pem"
apiv3_key_file = "apiv3.key"
wechatpay_public_key_file = "go_sdk_test_public_key.pem"
wechatpay_public_key_id = "{PUB_ID}"
"#
    ));
    env
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A `event` notification signed like WeChat Pay (Go test key), its resource encrypted with the
/// test APIv3 key under `aad`.
fn refund_notification(
    id: &str,
    event: &str,
    aad: &str,
    plaintext: &str,
) -> (Vec<(String, String)>, Vec<u8>) {
    use wxcombine::signing::ApiV3Key;
    use wxcombine::signing::keys::PrivateKey;
    use wxcombine::signing::message::response_message;
    let key = ApiV3Key::new(APIV3_KEY).unwrap();
    let ct = key
        .encrypt("fGw3lYVYmW8n", aad, plaintext.as_bytes())
        .unwrap();
    let body = serde_json::json!({
        "id": id, "create_time": "2026-01-01T12:00:00+08:00", "resource_type": "encrypt-resource",
        "event_type": event, "summary": "退款成功",
        "resource": {"algorithm": "AEAD_AES_256_GCM", "ciphertext": ct, "associated_data": aad, "original_type": aad, "nonce": "fGw3lYVYmW8n"}
    })
    .to_string()
    .into_bytes();
    let wechat = PrivateKey::from_pem(
        &crate::harness::read_fixture("keys/go_sdk_test_private_key.pkcs8.pem"),
        "go",
    )
    .unwrap();
    let ts = unix_now().to_string();
    let nonce = "c5ac7061fccab6bf3e254dcf98995b8c";
    let sig = wechat.sign_base64(&response_message(&ts, nonce, &body));
    let headers = vec![
        ("Wechatpay-Timestamp".to_string(), ts),
        ("Wechatpay-Nonce".to_string(), nonce.to_string()),
        ("Wechatpay-Signature".to_string(), sig),
        ("Wechatpay-Serial".to_string(), PUB_ID.to_string()),
        ("Content-Type".to_string(), "application/json".to_string()),
    ];
    (headers, body)
}

fn decrypt_refund(event: &str, aad: &str, plaintext: &str, output: &str) -> std::process::Output {
    let env = notify_env();
    let (headers, body) = refund_notification("EV-R1", event, aad, plaintext);
    env.write("body.json", &body, 0o644);
    let lines: String = headers.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    env.write("headers.txt", lines, 0o644);
    env.cmd()
        .args([
            "--config",
            "config.toml",
            "-q",
            "-o",
            output,
            "notify",
            "decrypt",
        ])
        .args(["--body", "body.json", "--headers", "headers.txt"])
        .output()
        .unwrap()
}

#[test]
fn notify_decrypt_opens_a_refund_notification_with_a_refund_table() {
    let out = decrypt_refund("REFUND.SUCCESS", "refund", REFUND_PLAINTEXT, "json");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim_end(), REFUND_PLAINTEXT);
    let out = decrypt_refund("REFUND.SUCCESS", "refund", REFUND_PLAINTEXT, "table");
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(table.contains("EV-R1 REFUND.SUCCESS 退款成功"), "{table}");
    assert!(
        table.contains("signature verified with the public key"),
        "{table}"
    );
    let row = table
        .lines()
        .find(|l| l.starts_with("R20150806125346-1"))
        .unwrap_or_else(|| panic!("{table}"));
    for cell in [
        "20150806125346",
        "1900000100",
        "SUCCESS",
        "9.99",
        "招商银行信用卡0403",
    ] {
        assert!(row.contains(cell), "{cell}: {row}");
    }
    assert!(table.contains("OUT_REFUND_NO"), "{table}");
}

#[test]
fn a_refund_event_must_carry_a_refund() {
    // Labelled as a payment resource.
    let out = decrypt_refund("REFUND.SUCCESS", "transaction", REFUND_PLAINTEXT, "json");
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("associated_data is \"transaction\", not \"refund\""),
        "{}",
        stderr(&out)
    );
    // A combine order in a refund event.
    let order = crate::harness::read_fixture_str("signing/notification/derived_combine/plaintext");
    let out = decrypt_refund("REFUND.CLOSED", "refund", &order, "json");
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("REFUND.CLOSED is a refund notification, but the decrypted resource is not a refund result"),
        "{}",
        stderr(&out)
    );
    // A payment notification is not held to the refund shape.
    let out = decrypt_refund("TRANSACTION.SUCCESS", "transaction", &order, "json");
    assert!(out.status.success(), "{}", stderr(&out));
}

#[tokio::test]
async fn notify_listen_accepts_refund_notifications_once_per_id() {
    use wxcombine::commands::notify::listen::{Event, ReceiverOptions, start};
    use wxcombine::signing::ApiV3Key;
    use wxcombine::signing::keys::PublicKey;
    use wxcombine::signing::verify::Verifier;
    let pk = PublicKey::from_pem(
        &crate::harness::read_fixture("keys/go_sdk_test_public_key.pem"),
        "pk",
    )
    .unwrap();
    let mut r = start(ReceiverOptions {
        listen: "127.0.0.1:0".parse().unwrap(),
        path: "/notify".into(),
        forward_to: None,
        max_age: 300,
        verifier: Verifier::new().with_public_key(PUB_ID, pk),
        key: ApiV3Key::new(APIV3_KEY).unwrap(),
        forward_timeout: std::time::Duration::from_secs(4),
        save_raw: None,
    })
    .await
    .unwrap();
    let url = r.url("/notify");
    let client =
        wxcombine::transport::http::build_client(std::time::Duration::from_secs(10), "test");
    let post = |headers: Vec<(String, String)>, body: Vec<u8>| {
        let client = client.clone();
        let url = url.clone();
        async move {
            let h: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            wxcombine::transport::http::send_raw(&client, "POST", &url, &h, body)
                .await
                .unwrap()
                .status
        }
    };
    let (h, b) = refund_notification("EV-R2", "REFUND.SUCCESS", "refund", REFUND_PLAINTEXT);
    assert_eq!(post(h.clone(), b.clone()).await, 204);
    assert_eq!(post(h, b).await, 204, "a repeat is acknowledged");
    let abnormal = REFUND_PLAINTEXT.replace("\"SUCCESS\"", "\"ABNORMAL\"");
    let (h, b) = refund_notification("EV-R3", "REFUND.ABNORMAL", "refund", &abnormal);
    assert_eq!(post(h, b).await, 204);
    // Not a refund in a refund event: refused, so WeChat Pay retries.
    let (h, b) = refund_notification("EV-R4", "REFUND.SUCCESS", "transaction", REFUND_PLAINTEXT);
    assert_eq!(post(h, b).await, 400);
    let mut seen = Vec::new();
    while let Ok(ev) = r.events.try_recv() {
        seen.push(match ev {
            Event::Accepted(a) => format!(
                "accepted {} {} {}",
                a.id, a.event_type, a.resource["refund_status"]
            ),
            Event::Duplicate { id } => format!("duplicate {id}"),
            Event::Rejected { status, .. } => format!("rejected {status}"),
            Event::Saved { path } => format!("saved {}", path.display()),
        });
    }
    assert_eq!(
        seen,
        [
            "accepted EV-R2 REFUND.SUCCESS \"SUCCESS\"",
            "duplicate EV-R2",
            "accepted EV-R3 REFUND.ABNORMAL \"ABNORMAL\"",
            "rejected 400"
        ]
    );
    r.shutdown().await;
}

// ---- against a scripted WeChat Pay (refund_fake) -------------------------------------------

use crate::harness::TestEnv;
use fake::{Fake, ORDER, SUB, Script};

fn fake_env(fake: &Fake) -> TestEnv {
    crate::harness::hostile::env(&fake.url)
}

fn run(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.cmd()
        .env("WXCOMBINE_DATA_DIR", env.path().join("data"))
        .env("WXCOMBINE_POLL_SECOND_MS", "1")
        .args(["--config", "config.toml"])
        .args(args)
        .output()
        .unwrap()
}

fn create(env: &TestEnv, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["refund", "create", ORDER, "--sub-order", SUB, "--yes"];
    args.extend_from_slice(extra);
    run(env, &args)
}

fn json_out(out: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

fn journal_lines(env: &TestEnv) -> Vec<Value> {
    std::fs::read_to_string(env.path().join("data/refunds.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn create_refunds_once_and_a_transport_retry_resends_the_same_bytes() {
    let fake = Fake::start(Script {
        slow_posts: 1,
        slow_for: std::time::Duration::from_secs(4),
        ..Default::default()
    });
    let env = fake_env(&fake);
    let out = create(
        &env,
        &[
            "--amount",
            "30",
            "--timeout",
            "1",
            "--retries",
            "1",
            "-o",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let posts = fake.posts();
    assert_eq!(
        posts.len(),
        2,
        "the first answer was too late, so it was sent again"
    );
    assert_eq!(posts[0], posts[1], "the retry is the same bytes");
    assert_eq!(fake.refund_numbers(), [format!("R{SUB}-1")]);
    let v = json_out(&out);
    assert_eq!(v["out_refund_no"], format!("R{SUB}-1"));
    assert_eq!(v["status"], "PROCESSING");
    assert_eq!(v["amount"]["refund"], 30);
    // cli.md: the refund object plus mchid and combine_out_trade_no.
    assert_eq!(v["mchid"], fake::MCHID);
    assert_eq!(v["combine_out_trade_no"], ORDER);
    let body: Value = serde_json::from_slice(&posts[0]).unwrap();
    assert_eq!(body["amount"]["total"], fake::TOTAL);
    assert_eq!(body["transaction_id"], fake::TRANSACTION_ID);
    let j = journal_lines(&env);
    assert_eq!(j.len(), 1);
    assert_eq!(j[0]["out_refund_no"], format!("R{SUB}-1"));
    assert_eq!(j[0]["amount"], 30);
    assert_eq!(j[0]["profile"], "shop");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.path().join("data/refunds.jsonl"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// The printed retry command, from an exit-5 message.
fn retry_command(err: &str) -> Vec<String> {
    let line = err
        .lines()
        .find_map(|l| l.split_once("(WeChat Pay refunds one number only once): "))
        .unwrap_or_else(|| panic!("no retry command in: {err}"))
        .1;
    assert!(!line.contains('\''), "no quoting expected here: {line}");
    line.split_whitespace().map(str::to_string).collect()
}

#[test]
fn killed_before_the_answer_then_the_printed_command_makes_one_refund_not_two() {
    let fake = Fake::start(Script {
        slow_posts: 1,
        slow_for: std::time::Duration::from_secs(4),
        ..Default::default()
    });
    let env = fake_env(&fake);
    // The refund is accepted and stored, but the answer comes after --timeout: exit 5.
    let out = create(
        &env,
        &["--amount", "40", "--timeout", "1", "--retries", "0"],
    );
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("the outcome is unknown"), "{err}");
    let cmd = retry_command(&err);
    assert_eq!(cmd[0], "wxcombine");
    let pos = cmd.iter().position(|w| w == "--out-refund-no").unwrap();
    assert_eq!(cmd[pos + 1], format!("R{SUB}-1"));
    assert!(cmd.contains(&"--yes".to_string()) && cmd.contains(&"40".to_string()));
    assert_eq!(fake.refund_numbers().len(), 1);

    // Rerun exactly what was printed: the refund is found and reported, nothing is sent.
    let out = env
        .cmd()
        .env("WXCOMBINE_DATA_DIR", env.path().join("data"))
        .args(&cmd[1..])
        .arg("-o")
        .arg("json")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("exists already"), "{}", stderr(&out));
    assert_eq!(json_out(&out)["out_refund_no"], format!("R{SUB}-1"));
    assert_eq!(fake.posts().len(), 1, "no second refund request");
    assert_eq!(fake.refund_numbers().len(), 1, "one refund, not two");

    // Rerunning the first command instead is caught by the double-submit guard.
    let out = create(&env, &["--amount", "40"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "already has refund R{SUB}-1 of the same amount (40 fen, PROCESSING)"
        )),
        "{err}"
    );
    assert!(err.contains("--again"), "{err}");
    assert_eq!(fake.posts().len(), 1);
}

#[test]
fn the_remainder_counts_earlier_refunds_and_again_allows_a_second_same_amount() {
    let fake = Fake::start(Script::default());
    let env = fake_env(&fake);
    assert!(create(&env, &["--amount", "30"]).status.success());
    let out = create(&env, &["--amount", "80"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--amount 80 fen is more than the 70 fen still refundable"),
        "{}",
        stderr(&out)
    );
    let out = create(&env, &["--amount", "30", "--again", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_out(&out)["out_refund_no"], format!("R{SUB}-2"));
    assert_eq!(fake.posts().len(), 2);

    // A number of our own is found again through the journal.
    let out = create(&env, &["--amount", "15", "--out-refund-no", "MY-REFUND@1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&env, &["-o", "json", "refund", "list", ORDER]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_out(&out);
    let sub = &v["sub_orders"][0];
    assert_eq!(sub["out_trade_no"], SUB);
    assert_eq!(sub["refunded"], 75);
    assert_eq!(sub["refundable"], 25);
    let numbers: Vec<&str> = sub["refunds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["out_refund_no"].as_str().unwrap())
        .collect();
    assert_eq!(
        numbers,
        [
            format!("R{SUB}-1").as_str(),
            &format!("R{SUB}-2"),
            "MY-REFUND@1"
        ]
    );
    assert!(
        stderr(&out).contains("refunds made elsewhere"),
        "{}",
        stderr(&out)
    );
    // The default amount is the whole remainder; the next number follows the deterministic ones.
    let out = create(&env, &["-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_out(&out);
    assert_eq!(v["out_refund_no"], format!("R{SUB}-3"));
    assert_eq!(v["amount"]["refund"], 25);
    let out = create(&env, &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("fully refunded already"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fake.posts().len(), 4);
}

#[test]
fn an_existing_number_with_another_amount_is_refused_and_not_sent() {
    let fake = Fake::start(Script::default());
    let env = fake_env(&fake);
    assert!(
        create(&env, &["--amount", "10", "--out-refund-no", "OWN-1"])
            .status
            .success()
    );
    let out = create(&env, &["--amount", "20", "--out-refund-no", "OWN-1"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("OWN-1 is already a refund of 10 fen"),
        "{}",
        stderr(&out)
    );
    // The same number and amount: reported as it is.
    let out = create(&env, &["--amount", "10", "--out-refund-no", "OWN-1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("exists already"), "{}", stderr(&out));
    assert_eq!(fake.posts().len(), 1);
}

#[test]
fn frequency_limited_waits_and_resends_the_same_request() {
    let fake = Fake::start(Script {
        frequency_limited: 2,
        ..Default::default()
    });
    let env = fake_env(&fake);
    let out = create(&env, &["--amount", "10", "--retries", "0"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("FREQUENCY_LIMITED"),
        "{}",
        stderr(&out)
    );
    let posts = fake.posts();
    assert_eq!(posts.len(), 3);
    assert!(
        posts.iter().all(|p| *p == posts[0]),
        "the same number and body each time"
    );
    assert_eq!(fake.refund_numbers().len(), 1);
}

#[test]
fn wait_polls_until_success_and_abnormal_exits_4_with_what_to_do() {
    let fake = Fake::start(Script {
        after: 2,
        final_status: "SUCCESS".into(),
        ..Default::default()
    });
    let env = fake_env(&fake);
    let out = create(&env, &["--amount", "10", "--wait", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_out(&out);
    assert_eq!(v["status"], "SUCCESS");
    assert!(v["success_time"].is_string());

    fake.script(|s| s.final_status = "ABNORMAL".into());
    let out = create(&env, &["--amount", "20", "--wait", "10m"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("ABNORMAL"), "{err}");
    assert!(err.contains("异常退款"), "{err}");
    assert!(err.contains("apply-abnormal-refund"), "{err}");

    // watch: the same outcome for a number given directly.
    let out = run(&env, &["refund", "watch", &format!("R{SUB}-2")]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    // A limit too short for the first poll ends with exit 5 and the number still processing.
    fake.script(|s| s.after = 0);
    assert!(
        create(&env, &["--amount", "30", "--again"])
            .status
            .success()
    );
    let out = run(
        &env,
        &["refund", "watch", &format!("R{SUB}-3"), "--wait", "30s"],
    );
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("still PROCESSING"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn refund_query_prints_verbatim_json_and_batches_with_errors_in_place() {
    let fake = Fake::start(Script::default());
    let env = fake_env(&fake);
    assert!(create(&env, &["--amount", "10"]).status.success());
    let no = format!("R{SUB}-1");
    let out = run(&env, &["-o", "json", "refund", "query", &no]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stored = fake.state.lock().unwrap().refunds[&no].0.to_string();
    assert_eq!(
        stdout(&out).trim_end(),
        stored,
        "the verified body, verbatim"
    );
    let out = run(&env, &["refund", "query", &no]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("OUT_REFUND_NO"), "{}", stdout(&out));
    assert!(stdout(&out).contains("0.10"), "{}", stdout(&out));

    env.write("numbers.txt", format!("# refunds\n{no}\nNOPE-1\n"), 0o644);
    let out = run(
        &env,
        &[
            "-o",
            "jsonl",
            "refund",
            "query",
            "--from",
            "numbers.txt",
            "--concurrency",
            "2",
        ],
    );
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let missing = lines
        .iter()
        .find(|l| l["out_refund_no"] == "NOPE-1")
        .unwrap();
    assert_eq!(missing["error"]["code"], "RESOURCE_NOT_EXISTS");
    assert!(
        lines
            .iter()
            .any(|l| l["out_refund_no"] == no && l["status"] == "PROCESSING")
    );
    let out = run(&env, &["refund", "query", "NOPE-2"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
}

/// A refund object (§14.3) as WeChat Pay may write it: `\u` and `\/` escapes, a field the tool
/// does not know, its own key order. Written again from a parse, it would not be these bytes.
fn refund_text(no: &str) -> String {
    format!(
        r#"{{"refund_id":"50000000382019052709732678859","out_refund_no":"{no}","transaction_id":"4200000000202605010000000001","out_trade_no":"P1A","channel":"ORIGINAL","user_received_account":"\u652f\u4ed8\u7528\u6237\u96f6\u94b1","success_time":"2026-05-01T10:00:05+08:00","create_time":"2026-05-01T10:00:00+08:00","status":"SUCCESS","funds_account":"UNSETTLED","amount":{{"total":100,"refund":10,"from":[],"payer_total":100,"payer_refund":10,"settlement_refund":10,"settlement_total":100,"discount_refund":0,"currency":"CNY"}},"promotion_detail":[],"later":"a\/b"}}"#
    )
}

#[test]
fn a_refund_query_batch_prints_each_verified_body_as_received() {
    use crate::harness::hostile::{self, Hostile, signed};
    // Each answer names the refund asked about (the echo check), signed over these bytes.
    let server = Hostile::start(|seen| {
        let no = seen.target.rsplit('/').next().unwrap();
        let no = no.split('?').next().unwrap().to_string();
        signed(200, refund_text(&no).as_bytes())
    });
    let env = hostile::env(&server.url());
    env.write("numbers.txt", "R1-1\nR2-1\n", 0o644);

    // -o jsonl: one line per refund, byte for byte the verified body, in completion order.
    let out = run(
        &env,
        &["-o", "jsonl", "refund", "query", "--from", "numbers.txt"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    assert_eq!(lines, [refund_text("R1-1"), refund_text("R2-1")]);

    // -o json: the array of them, in the order asked.
    let out = run(&env, &["-o", "json", "refund", "query", "R2-1", "R1-1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim_end(),
        format!("[{},{}]", refund_text("R2-1"), refund_text("R1-1"))
    );

    // The table reads the same answers' fields.
    let out = run(&env, &["refund", "query", "R1-1", "R2-1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    for want in [
        "R1-1",
        "R2-1",
        "SUCCESS",
        "0.10",
        "1.00",
        "支付用户零钱",
        "2026-05-01T10:00:05+08:00",
    ] {
        assert!(table.contains(want), "{want} missing from:\n{table}");
    }
}

#[test]
fn service_provider_refunds_send_sub_mchid_signed_by_the_service_provider() {
    let lab = Lab::with(wxcombine::sandbox::SandboxOptions {
        service_provider: true,
        ..Default::default()
    });
    let sub1 = lab.mchid(1);
    let out = lab
        .cmd()
        .args(["-q", "prepay", "--combine-out-trade-no", "RF200001"])
        .args([
            "--openid",
            &lab.openid(),
            "--notify-url",
            "http://127.0.0.1:9/n",
        ])
        .args([
            "--sub-order",
            &format!("out_trade_no=RF200001A,amount=100,description=Tea,attach=a,sub_mchid={sub1}"),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    lab.sb.pay("RF200001").unwrap();
    let out = refund(&lab)
        .args([
            "-o",
            "json",
            "create",
            "RF200001",
            "--sub-order",
            "RF200001A",
        ])
        .args(["--amount", "5", "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["body"]["sub_mchid"], sub1.as_str());
    assert_eq!(v["body"]["amount"]["total"], 100);
    // The 服务商 (the selected profile) signs: no other profile is picked.
    assert!(
        !stderr(&out).contains("signing with profile"),
        "{}",
        stderr(&out)
    );
    // The refund numbers were looked up for that sub-merchant.
    assert!(
        lab.sb
            .requests()
            .iter()
            .any(|r| r.method == "GET" && r.path.ends_with(&format!("?sub_mchid={sub1}"))),
        "{:?}",
        lab.sb.requests()
    );
}

#[test]
fn all_refunds_every_paid_sub_order_in_full_each_by_its_merchant() {
    let lab = Lab::new();
    paid(&lab, "RF200002");
    let out = refund(&lab)
        .args(["-o", "json", "create", "RF200002", "--all", "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let runs = v.as_array().unwrap();
    assert_eq!(runs.len(), 2);
    let bodies: Vec<(&str, i64, i64)> = runs
        .iter()
        .map(|r| {
            (
                r["body"]["out_refund_no"].as_str().unwrap(),
                r["body"]["amount"]["refund"].as_i64().unwrap(),
                r["body"]["amount"]["total"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        bodies,
        [("RRF200002A-1", 100, 100), ("RRF200002B-1", 250, 250)]
    );
    let err = stderr(&out);
    // Both numbers are printed before anything else happens.
    assert!(
        err.contains("out_refund_no RRF200002A-1") && err.contains("out_refund_no RRF200002B-1"),
        "{err}"
    );
    assert!(err.contains("signing with profile sandbox-sub1"), "{err}");
    // --amount and --out-refund-no name one sub-order's refund; not with --all.
    let out = refund(&lab)
        .args(["create", "RF200002", "--all", "--amount", "1", "--yes"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(refund_posts(&lab), 0);
}

#[test]
fn all_skips_fully_refunded_sub_orders_and_refuses_when_none_is_left() {
    let fake = Fake::start(Script::default());
    let env = fake_env(&fake);
    let out = run(
        &env,
        &["-o", "json", "refund", "create", ORDER, "--all", "--yes"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json_out(&out);
    // --all is an array, even of one.
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["amount"]["refund"], fake::TOTAL);
    let out = run(&env, &["refund", "create", ORDER, "--all", "--yes"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("fully refunded already; nothing was sent"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fake.posts().len(), 1);
}

#[test]
fn a_refusal_says_so_and_an_unknown_outcome_prints_the_retry() {
    let fake = Fake::start(Script::default());
    let env = fake_env(&fake);
    // A business refusal: nothing was refunded, no retry is suggested.
    fake.script(|s| s.refuse = Some((403, "NO_AUTH")));
    let out = create(&env, &["--amount", "10", "--retries", "0"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("refund R{SUB}-1 of sub-order {SUB} was refused")),
        "{err}"
    );
    assert!(err.contains("NO_AUTH"), "{err}");
    assert!(!err.contains("retry safely"), "{err}");
    // A WeChat Pay-side failure after the retries: the outcome is unknown, retry the same number.
    fake.script(|s| s.refuse = Some((500, "SYSTEM_ERROR")));
    let out = create(&env, &["--amount", "10", "--retries", "0"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let cmd = retry_command(&stderr(&out));
    assert!(cmd.contains(&format!("R{SUB}-1")), "{cmd:?}");
    // NOT_ENOUGH: top up, then the same number.
    fake.script(|s| s.refuse = Some((403, "NOT_ENOUGH")));
    let out = create(&env, &["--amount", "10", "--retries", "0"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    retry_command(&stderr(&out));
    assert!(stderr(&out).contains("top it up"), "{}", stderr(&out));
    assert!(fake.refund_numbers().is_empty());
    // The printed retry then refunds once.
    let out = env
        .cmd()
        .env("WXCOMBINE_DATA_DIR", env.path().join("data"))
        .args(&cmd[1..])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.refund_numbers(), [format!("R{SUB}-1")]);
}

// ---- end to end against the sandbox's refund API (apiv3.md §14.6) ---------------------------

#[test]
fn sandbox_partial_refund_by_the_sub_merchant_succeeds_then_list_and_the_guard() {
    let lab = Lab::with(wxcombine::sandbox::SandboxOptions {
        refund_delay: std::time::Duration::ZERO,
        ..Default::default()
    });
    paid(&lab, "RS300001");
    let out = refund(&lab)
        .args([
            "-o",
            "json",
            "create",
            "RS300001",
            "--sub-order",
            "RS300001B",
        ])
        .args([
            "--amount", "50", "--reason", "缺货", "--yes", "--wait", "10m",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["out_refund_no"], "RRS300001B-1");
    assert_eq!(v["status"], "SUCCESS", "{v}");
    assert_eq!(v["amount"]["refund"], 50);
    assert_eq!(v["amount"]["total"], 250);
    // Signed by sub-merchant 1, the sub-order's merchant; the sandbox would refuse anyone else.
    assert_eq!(v["mchid"], lab.mchid(1).as_str());
    assert_eq!(v["combine_out_trade_no"], "RS300001");
    assert!(
        lab.sb.requests().iter().any(|r| r.method == "POST"
            && r.path == REFUNDS
            && r.mchid.as_deref() == Some(lab.mchid(1).as_str())
            && r.status == Some(200)),
        "{:?}",
        lab.sb.requests()
    );

    let out = refund(&lab)
        .args(["-o", "json", "list", "RS300001"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let b = &v["sub_orders"][1];
    assert_eq!(b["out_trade_no"], "RS300001B");
    assert_eq!(b["trade_state"], "REFUND");
    assert_eq!(
        (b["refunded"].as_i64(), b["refundable"].as_i64()),
        (Some(50), Some(200))
    );
    assert_eq!(b["refunds"][0]["status"], "SUCCESS");
    let a = &v["sub_orders"][0];
    assert_eq!(
        (a["refunded"].as_i64(), a["refundable"].as_i64()),
        (Some(0), Some(100))
    );

    // The same amount again within 24 hours: the guard; more than is left: the remainder.
    let posts = refund_posts(&lab);
    let out = refund(&lab)
        .args([
            "create",
            "RS300001",
            "--sub-order",
            "RS300001B",
            "--amount",
            "50",
            "--yes",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already has refund RRS300001B-1"),
        "{}",
        stderr(&out)
    );
    let out = refund(&lab)
        .args([
            "create",
            "RS300001",
            "--sub-order",
            "RS300001B",
            "--amount",
            "201",
            "--yes",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the 200 fen still refundable"),
        "{}",
        stderr(&out)
    );
    assert_eq!(refund_posts(&lab), posts, "neither was sent");

    // refund query by the merchant that owns it, verbatim.
    let out = refund(&lab)
        .args([
            "--profile",
            "sandbox-sub1",
            "-o",
            "json",
            "query",
            "RRS300001B-1",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let q: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(q["status"], "SUCCESS");
    assert!(q.get("mchid").is_none(), "verbatim: nothing added");
}

#[test]
fn sandbox_abnormal_refund_exits_4_with_what_to_do() {
    let lab = Lab::with(wxcombine::sandbox::SandboxOptions {
        refund_delay: std::time::Duration::ZERO,
        ..Default::default()
    });
    paid(&lab, "RS300002");
    lab.fault(wxcombine::sandbox::FaultKind::RefundAbnormal, 1);
    let out = refund(&lab)
        .args([
            "create",
            "RS300002",
            "--sub-order",
            "RS300002A",
            "--yes",
            "--wait",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("RRS300002A-1 ABNORMAL"), "{err}");
    assert!(err.contains("异常退款"), "{err}");
}
