//! `notify decrypt` on captured notifications, and the `notify listen` receiver.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use wxcombine::signing::ApiV3Key;
use wxcombine::signing::keys::{Certificate, PrivateKey, PublicKey};
use wxcombine::signing::message::response_message;
use wxcombine::signing::verify::Verifier;

use crate::harness::{TestEnv, read_fixture, read_fixture_str, stderr, stdout};

const CASE: &str = "signing/notification/derived_combine";
const PUB_ID: &str = "PUB_KEY_ID_0114232134912410000000000000000001";

fn f(name: &str) -> String {
    read_fixture_str(&format!("{CASE}/{name}"))
}

/// A profile trusting the Go test certificate and public key (mixed mode), with the vector's
/// 32-byte APIv3 key.
fn notify_env() -> TestEnv {
    let env = TestEnv::new();
    env.key("official_doc_test_key.pkcs1.pem");
    env.key("go_sdk_test_public_key.pem");
    std::fs::create_dir_all(env.path().join("certs")).unwrap();
    env.file_from_fixture(
        "keys/go_sdk_test_cert_F5765756002FDD77.pem",
        "certs/F5765756002FDD77.pem",
        0o644,
    );
    env.write("apiv3.key", format!("{}\n", f("apiv3_key")), 0o600);
    env.write("body.json", read_fixture(&format!("{CASE}/body")), 0o644);
    env.write(
        "headers.txt",
        format!(
            "POST /wxpay/notify HTTP/1.1\r\nHost: shop.example.com\r\nContent-Type: application/json\r\nwechatpay-timestamp: {}\r\nWechatpay-Nonce: {}\r\nWECHATPAY-SIGNATURE: {}\r\nWechatpay-Serial: {}\r\n",
            f("timestamp"),
            f("nonce"),
            f("signature"),
            f("serial")
        ),
        0o644,
    );
    env.config(&format!(
        r#"[profiles.shop]
env = "sandbox"
mchid = "1900000109"
appid = "wxd678efh567hg6787"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "official_doc_test_key.pkcs1.pem"
apiv3_key_file = "apiv3.key"
wechatpay_public_key_file = "go_sdk_test_public_key.pem"
wechatpay_public_key_id = "{PUB_ID}"
platform_cert_dir = "certs"
"#
    ));
    env
}

fn decrypt(env: &TestEnv, extra: &[&str]) -> std::process::Output {
    env.cmd()
        .args(["--config", "config.toml", "-q", "notify", "decrypt"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn decrypts_the_combine_notification_exactly() {
    let env = notify_env();
    let out = decrypt(
        &env,
        &[
            "--body",
            "body.json",
            "--headers",
            "headers.txt",
            "-o",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim_end(),
        f("plaintext"),
        "-o json is exactly the decrypted JSON"
    );
    // The 2019 vector is old: a warning, not a failure, without --max-age.
    assert!(stderr(&out).contains("may be a replay"), "{}", stderr(&out));
}

#[test]
fn table_shows_the_order_and_how_it_was_verified() {
    let env = notify_env();
    let out = decrypt(&env, &["--body", "body.json", "--headers", "headers.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("verified with the platform certificate F5765756002FDD77"),
        "{text}"
    );
    // The age line changes with the clock; the rest is stable.
    let stable: String = text.lines().skip(1).collect::<Vec<_>>().join("\n");
    insta::assert_snapshot!("notify_decrypt_table", stable);
}

#[test]
fn raw_capture_and_stdin_bodies_work() {
    let env = notify_env();
    let mut raw = std::fs::read(env.path().join("headers.txt")).unwrap();
    raw.extend_from_slice(format!("Content-Length: {}\r\n\r\n", f("body").len()).as_bytes());
    raw.extend_from_slice(f("body").as_bytes());
    raw.extend_from_slice(b"\n"); // an editor's trailing newline is not part of the body
    env.write("raw.http", raw, 0o644);
    let out = decrypt(&env, &["--raw", "raw.http", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim_end(), f("plaintext"));

    let out = env
        .cmd()
        .args([
            "--config",
            "config.toml",
            "-q",
            "notify",
            "decrypt",
            "--headers",
            "headers.txt",
            "-o",
            "json",
        ])
        .write_stdin(read_fixture(&format!("{CASE}/body")))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn public_key_serial_picks_the_public_key() {
    let env = notify_env();
    let out = decrypt(
        &env,
        &[
            "--body",
            "body.json",
            "--headers",
            "headers.txt",
            "--serial",
            PUB_ID,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(&format!("verified with the public key {PUB_ID}")));
}

#[test]
fn every_failure_names_its_cause() {
    let env = notify_env();
    let mut tampered = f("body").into_bytes();
    let i = tampered.iter().position(|b| *b == b'E').unwrap();
    tampered[i] = b'F';
    env.write("tampered.json", tampered, 0o644);
    env.write("other.key", "0123456789abcdef0123456789abcdef\n", 0o600);
    env.write("not-json.txt", "hello", 0o644);
    let sig = f("signature");
    let probe = format!("WECHATPAY/SIGNTEST/{sig}");
    type Case<'a> = (Vec<String>, Vec<(&'a str, &'a str)>, i32, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![
                "--body".into(),
                "tampered.json".into(),
                "--headers".into(),
                "headers.txt".into(),
            ],
            vec![],
            6,
            "does not match",
        ),
        (
            vec![
                "--body".into(),
                "body.json".into(),
                "--headers".into(),
                "headers.txt".into(),
                "--nonce".into(),
                "x".into(),
            ],
            vec![],
            6,
            "does not match",
        ),
        (
            vec![
                "--body".into(),
                "body.json".into(),
                "--headers".into(),
                "headers.txt".into(),
                "--signature".into(),
                probe,
            ],
            vec![],
            6,
            "SIGNTEST",
        ),
        (
            vec![
                "--body".into(),
                "body.json".into(),
                "--headers".into(),
                "headers.txt".into(),
                "--max-age".into(),
                "300".into(),
            ],
            vec![],
            6,
            "older than --max-age 300",
        ),
        (
            vec![
                "--body".into(),
                "body.json".into(),
                "--headers".into(),
                "headers.txt".into(),
                "--serial".into(),
                "ABCDEF".into(),
            ],
            vec![],
            6,
            "F5765756002FDD77",
        ),
        (
            vec![
                "--body".into(),
                "body.json".into(),
                "--headers".into(),
                "headers.txt".into(),
            ],
            vec![("WXCOMBINE_APIV3_KEY", "0123456789abcdef0123456789abcdef")],
            6,
            "tag mismatch",
        ),
        (
            vec![
                "--body".into(),
                "not-json.txt".into(),
                "--headers".into(),
                "headers.txt".into(),
                "--no-verify".into(),
            ],
            vec![],
            2,
            "not a notification envelope",
        ),
        (
            vec!["--body".into(), "body.json".into()],
            vec![],
            2,
            "Wechatpay-Signature",
        ),
        (
            vec![
                "--body".into(),
                "body.json".into(),
                "--no-verify".into(),
                "--max-age".into(),
                "60".into(),
            ],
            vec![],
            2,
            "--max-age needs Wechatpay-Timestamp",
        ),
    ];
    for (args, envs, code, needle) in cases {
        let mut c = env.cmd();
        c.args(["--config", "config.toml", "-q", "notify", "decrypt"])
            .args(&args);
        for (k, v) in &envs {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(
            err.contains(needle),
            "{args:?}: expected {needle:?} in:\n{err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    }
    // The unknown-serial message lists what we know.
    let out = decrypt(
        &env,
        &[
            "--body",
            "body.json",
            "--headers",
            "headers.txt",
            "--serial",
            "ABCDEF",
        ],
    );
    let err = stderr(&out);
    assert!(
        err.contains(PUB_ID) && err.contains("F5765756002FDD77"),
        "{err}"
    );
}

#[test]
fn go_notify_verifies_but_its_16_byte_key_is_a_config_error() {
    let env = notify_env();
    let g = "signing/notification/go_notify";
    let r = |n: &str| read_fixture_str(&format!("{g}/{n}"));
    env.file_from_fixture(
        "keys/go_sdk_test_cert_D7CE59D1F522D701.pem",
        "certs/D7CE59D1F522D701.pem",
        0o644,
    );
    env.write("go-body.json", read_fixture(&format!("{g}/body")), 0o644);
    env.write("go.key", format!("{}\n", r("apiv3_key")), 0o600);
    let cfg = std::fs::read_to_string(env.path().join("config.toml"))
        .unwrap()
        .replace("apiv3.key", "go.key");
    env.config(&cfg);
    let out = env
        .cmd()
        .args([
            "--config",
            "config.toml",
            "-q",
            "notify",
            "decrypt",
            "--body",
            "go-body.json",
        ])
        .args([
            "--timestamp",
            &r("timestamp"),
            "--nonce",
            &r("nonce"),
            "--signature",
            &r("signature"),
            "--serial",
            &r("serial"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("16 bytes") && err.contains("AES-128"), "{err}");
}

// ---- notify listen -------------------------------------------------------------------------

/// A notification signed like WeChat Pay with the Go test key, encrypted with `key`.
fn signed_notification(
    id: &str,
    plaintext: &str,
    key: &ApiV3Key,
    ts: i64,
) -> (Vec<(String, String)>, Vec<u8>) {
    let ct = key
        .encrypt("fGw3lYVYmW8n", "transaction", plaintext.as_bytes())
        .unwrap();
    let body = serde_json::json!({
        "id": id, "create_time": "2026-01-01T12:00:00+08:00", "resource_type": "encrypt-resource",
        "event_type": "TRANSACTION.SUCCESS", "summary": "支付成功",
        "resource": {"algorithm": "AEAD_AES_256_GCM", "ciphertext": ct, "associated_data": "transaction", "original_type": "transaction", "nonce": "fGw3lYVYmW8n"}
    })
    .to_string()
    .into_bytes();
    let wechat = PrivateKey::from_pem(
        &read_fixture("keys/go_sdk_test_private_key.pkcs8.pem"),
        "go",
    )
    .unwrap();
    let nonce = "c5ac7061fccab6bf3e254dcf98995b8c";
    let sig = wechat.sign_base64(&response_message(&ts.to_string(), nonce, &body));
    let headers = vec![
        ("Wechatpay-Timestamp".to_string(), ts.to_string()),
        ("Wechatpay-Nonce".to_string(), nonce.to_string()),
        ("Wechatpay-Signature".to_string(), sig),
        ("Wechatpay-Serial".to_string(), PUB_ID.to_string()),
        ("Content-Type".to_string(), "application/json".to_string()),
    ];
    (headers, body)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

async fn post(url: &str, headers: &[(String, String)], body: &[u8]) -> u16 {
    let client =
        wxcombine::transport::http::build_client(std::time::Duration::from_secs(10), "test");
    let h: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    wxcombine::transport::http::send_raw(&client, "POST", url, &h, body.to_vec())
        .await
        .unwrap()
        .status
}

/// A forward target that fails the first `fail_first` requests, then answers 200, counting
/// what it received.
async fn forward_target(
    fail_first: usize,
) -> (
    String,
    Arc<AtomicUsize>,
    Arc<std::sync::Mutex<Vec<(String, Vec<u8>)>>>,
) {
    use axum::http::{HeaderMap, StatusCode};
    let hits = Arc::new(AtomicUsize::new(0));
    let got = Arc::new(std::sync::Mutex::new(Vec::new()));
    let (h2, g2) = (hits.clone(), got.clone());
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let (hits, got) = (h2.clone(), g2.clone());
            async move {
                let n = hits.fetch_add(1, Ordering::SeqCst);
                if n < fail_first {
                    return StatusCode::INTERNAL_SERVER_ERROR;
                }
                let id = headers
                    .get("X-Wxcombine-Notification-Id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_string();
                got.lock().unwrap().push((id, body.to_vec()));
                StatusCode::OK
            }
        }),
    );
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(l, app).await.unwrap() });
    (format!("http://{addr}/hook"), hits, got)
}

fn receiver_opts(
    forward_to: Option<String>,
    key: &ApiV3Key,
) -> wxcombine::commands::notify::listen::ReceiverOptions {
    let pk = PublicKey::from_pem(&read_fixture("keys/go_sdk_test_public_key.pem"), "pk").unwrap();
    let cert = Certificate::from_pem(
        &read_fixture("keys/go_sdk_test_cert_F5765756002FDD77.pem"),
        "c",
    )
    .unwrap();
    wxcombine::commands::notify::listen::ReceiverOptions {
        listen: "127.0.0.1:0".parse().unwrap(),
        path: "/notify".into(),
        forward_to,
        max_age: 300,
        verifier: Verifier::new()
            .with_public_key(PUB_ID, pk)
            .with_certificate(cert),
        key: key.clone(),
        forward_timeout: std::time::Duration::from_secs(4),
        save_raw: None,
    }
}

#[tokio::test]
async fn listen_forwards_once_and_only_acknowledges_what_it_forwarded() {
    use wxcombine::commands::notify::listen::{Event, start};
    let key = ApiV3Key::new(b"a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").unwrap();
    let (hook, hits, got) = forward_target(1).await;
    let mut r = start(receiver_opts(Some(hook), &key)).await.unwrap();
    let url = r.url("/notify");
    let plain = f("plaintext");
    let (headers, body) = signed_notification("EV-1", &plain, &key, now());

    // First delivery: the forward target fails → 502, so WeChat Pay would retry.
    assert_eq!(post(&url, &headers, &body).await, 502);
    // The retry: forwarded → 204.
    assert_eq!(post(&url, &headers, &body).await, 204);
    // A repeat: acknowledged, not forwarded again.
    assert_eq!(post(&url, &headers, &body).await, 204);
    assert_eq!(hits.load(Ordering::SeqCst), 2);
    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "EV-1");
    assert_eq!(
        got[0].1,
        plain.as_bytes(),
        "the decrypted JSON is forwarded byte for byte"
    );

    let mut kinds = Vec::new();
    while let Ok(ev) = r.events.try_recv() {
        kinds.push(match ev {
            Event::Rejected { status, .. } => format!("rejected {status}"),
            Event::Accepted(a) => format!("accepted {} {:?}", a.id, a.forwarded),
            Event::Duplicate { id } => format!("duplicate {id}"),
            Event::Saved { path } => format!("saved {}", path.display()),
        });
    }
    assert_eq!(
        kinds,
        ["rejected 502", "accepted EV-1 Some(200)", "duplicate EV-1"]
    );
    r.shutdown().await;
}

#[tokio::test]
async fn listen_refuses_forgeries_probes_and_replays() {
    use wxcombine::commands::notify::listen::start;
    let key = ApiV3Key::new(b"a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").unwrap();
    let r = start(receiver_opts(None, &key)).await.unwrap();
    let url = r.url("/notify");
    let plain = f("plaintext");

    let (headers, body) = signed_notification("EV-2", &plain, &key, now());
    let mut tampered = body.clone();
    let last = tampered.len() - 2;
    tampered[last] = b' ';
    assert_eq!(post(&url, &headers, &tampered).await, 401, "tampered body");

    let mut probe = headers.clone();
    probe[2].1 = format!("WECHATPAY/SIGNTEST/{}", probe[2].1);
    assert_eq!(post(&url, &probe, &body).await, 401, "signature probe");

    let (old_h, old_b) = signed_notification("EV-3", &plain, &key, now() - 3600);
    assert_eq!(post(&url, &old_h, &old_b).await, 400, "an hour-old replay");

    let other = ApiV3Key::new(b"0123456789abcdef0123456789abcdef").unwrap();
    let (h, b) = signed_notification("EV-4", &plain, &other, now());
    assert_eq!(
        post(&url, &h, &b).await,
        400,
        "encrypted with another merchant's key"
    );

    // Concurrent duplicates of a valid one: every delivery acknowledged.
    let (h, b) = signed_notification("EV-5", &plain, &key, now());
    let sends = (0..8).map(|_| post(&url, &h, &b));
    let statuses = futures_util::future::join_all(sends).await;
    assert!(statuses.iter().all(|s| *s == 204), "{statuses:?}");
    r.shutdown().await;
}
