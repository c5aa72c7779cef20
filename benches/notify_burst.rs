//! Issue 6's "done when": `notify listen` holds a burst of 1,000 notifications on loopback without
//! a dropped or double-forwarded one.
//!
//! Each run starts the release binary as `wxcombine notify listen --listen 127.0.0.1:0
//! --forward-to URL -o jsonl`, signs N distinct `TRANSACTION.SUCCESS` notifications the way WeChat
//! Pay does (the Go SDK's test key plays WeChat Pay's public-key key; resources AES-256-GCM
//! encrypted with the profile's APIv3 key), adds D byte-identical repeats of some of them, shuffles
//! all, and fires them at the receiver with up to C requests in flight. A counting target behind
//! `--forward-to` records every forward by `X-Wxcombine-Notification-Id`. Signing happens before
//! the clock starts; the wall time runs from the first request to the last answer.
//!
//! Environment: RUNS (5), N (1000), DUPLICATES (100), CONCURRENCY (256). Exits non-zero when a
//! notification was not acknowledged, not forwarded, or forwarded twice. Run it with
//! `scripts/bench-notify.sh` (or `cargo bench --bench notify_burst`).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, StatusCode};
use futures_util::StreamExt;
use wxcombine::signing::message::response_message;
use wxcombine::signing::{ApiV3Key, PrivateKey};

const PUB_KEY_ID: &str = "PUB_KEY_ID_0114232134912410000000000000000001";
const APIV3_KEY: &str = "Bench0notify0listen0burst0key032";

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keys")
        .join(name)
}

/// A profile that trusts the Go SDK test key as the WeChat Pay public key.
fn write_profile(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let key = dir.join("merchant.pem");
    std::fs::copy(fixture("official_doc_test_key.pkcs1.pem"), &key).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::copy(
        fixture("go_sdk_test_public_key.pem"),
        dir.join("wechatpay.pem"),
    )
    .unwrap();
    let apiv3 = dir.join("apiv3.key");
    std::fs::write(&apiv3, format!("{APIV3_KEY}\n")).unwrap();
    std::fs::set_permissions(&apiv3, std::fs::Permissions::from_mode(0o600)).unwrap();
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            r#"[profiles.bench]
env = "sandbox"
mchid = "1900000109"
appid = "wxd678efh567hg6787"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "merchant.pem"
apiv3_key_file = "apiv3.key"
wechatpay_public_key_file = "wechatpay.pem"
wechatpay_public_key_id = "{PUB_KEY_ID}"
"#
        ),
    )
    .unwrap();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600)).unwrap();
    config
}

/// One signed notification: headers and body as WeChat Pay would send them.
struct Signed {
    id: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

fn sign_all(run: usize, n: usize, wechat: &PrivateKey, key: &ApiV3Key) -> Vec<Signed> {
    let ts = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    (0..n)
        .map(|i| {
            let id = format!("bench-{run}-{i:05}-{}", wxcombine::rand::alphanumeric(8));
            let no = format!("B{run}{i:06}");
            let order = serde_json::json!({
                "combine_appid": "wxd678efh567hg6787",
                "combine_mchid": "1900000109",
                "combine_out_trade_no": no,
                "sub_orders": [
                    {"mchid": "1900000109", "trade_type": "JSAPI", "trade_state": "SUCCESS",
                     "bank_type": "OTHERS", "attach": "a", "success_time": "2026-01-01T12:00:00+08:00",
                     "transaction_id": format!("4200000000202601010{i:09}"), "out_trade_no": format!("{no}A"),
                     "amount": {"total_amount": 100, "payer_amount": 100, "currency": "CNY", "payer_currency": "CNY"}},
                    {"mchid": "1900000119", "trade_type": "JSAPI", "trade_state": "SUCCESS",
                     "bank_type": "OTHERS", "attach": "b", "success_time": "2026-01-01T12:00:00+08:00",
                     "transaction_id": format!("4200000000202601011{i:09}"), "out_trade_no": format!("{no}B"),
                     "amount": {"total_amount": 250, "payer_amount": 250, "currency": "CNY", "payer_currency": "CNY"}}
                ],
                "combine_payer_info": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}
            });
            let nonce12 = wxcombine::rand::alphanumeric(12);
            let ciphertext = key
                .encrypt(&nonce12, "transaction", order.to_string().as_bytes())
                .unwrap();
            let body = serde_json::json!({
                "id": id, "create_time": "2026-01-01T12:00:01+08:00",
                "resource_type": "encrypt-resource", "event_type": "TRANSACTION.SUCCESS",
                "summary": "支付成功",
                "resource": {"algorithm": "AEAD_AES_256_GCM", "ciphertext": ciphertext,
                             "associated_data": "transaction", "original_type": "transaction",
                             "nonce": nonce12}
            })
            .to_string()
            .into_bytes();
            let nonce = wxcombine::rand::alphanumeric(32);
            let signature = wechat.sign_base64(&response_message(&ts, &nonce, &body));
            Signed {
                id,
                headers: vec![
                    ("Content-Type", "application/json".into()),
                    ("Wechatpay-Timestamp", ts.clone()),
                    ("Wechatpay-Nonce", nonce),
                    ("Wechatpay-Signature", signature),
                    ("Wechatpay-Serial", PUB_KEY_ID.into()),
                    ("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048".into()),
                ],
                body,
            }
        })
        .collect()
}

/// A deterministic shuffle (xorshift), so every run sends in a different but repeatable order.
fn shuffle<T>(v: &mut [T], mut seed: u64) {
    for i in (1..v.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        v.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

type Counts = Arc<Mutex<HashMap<String, u32>>>;

/// The developer's handler behind `--forward-to`: counts forwards per notification id.
async fn counting_target() -> (String, Counts) {
    let counts: Counts = Default::default();
    let c = counts.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, _body: axum::body::Bytes| {
            let c = c.clone();
            async move {
                let id = headers
                    .get("X-Wxcombine-Notification-Id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("(none)")
                    .to_string();
                *c.lock().unwrap().entry(id).or_default() += 1;
                StatusCode::OK
            }
        }),
    );
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(l, app).await.unwrap() });
    (format!("http://{addr}/hook"), counts)
}

struct Outcome {
    sent: usize,
    acknowledged: usize,
    forwarded_once: usize,
    forwarded_twice: usize,
    dropped: usize,
    duplicates_suppressed: usize,
    printed: usize,
    wall: Duration,
    other_statuses: HashMap<u16, usize>,
    exit: Option<i32>,
}

fn run_once(
    rt: &tokio::runtime::Runtime,
    run: usize,
    dir: &Path,
    config: &Path,
    wechat: &PrivateKey,
    key: &ApiV3Key,
) -> Outcome {
    let (n, dups, conc) = (
        env_num("N", 1000),
        env_num("DUPLICATES", 100),
        env_num("CONCURRENCY", 256).max(1),
    );
    let (hook, counts) = rt.block_on(counting_target());
    let mut child = Command::new(env!("CARGO_BIN_EXE_wxcombine"))
        .current_dir(dir)
        .arg("--config")
        .arg(config)
        .args([
            "--profile",
            "bench",
            "-q",
            "-o",
            "jsonl",
            "notify",
            "listen",
        ])
        .args(["--listen", "127.0.0.1:0", "--forward-to", &hook])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the release binary starts");
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    let stderr_thread = std::thread::spawn(move || {
        let mut rest = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(u) = line.strip_prefix("listening on ") {
                let _ = tx.send(u.trim().to_string());
            } else {
                rest.push(line);
            }
        }
        rest
    });
    let stdout = child.stdout.take().unwrap();
    let stdout_thread =
        std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).count());
    let url = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("notify listen prints its URL");

    let signed = sign_all(run, n, wechat, key);
    let mut order: Vec<usize> = (0..n).collect();
    order.extend((0..dups).map(|i| (i * 7919) % n.max(1)));
    shuffle(&mut order, 0x9E37_79B9_7F4A_7C15 ^ run as u64);

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(conc)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let started = Instant::now();
    let statuses: Vec<Result<u16, String>> = rt.block_on(async {
        futures_util::stream::iter(order.iter().map(|&i| {
            let s = &signed[i];
            let mut req = client.post(&url).body(s.body.clone());
            for (k, v) in &s.headers {
                req = req.header(*k, v);
            }
            async move {
                req.send()
                    .await
                    .map(|r| r.status().as_u16())
                    .map_err(|e| e.to_string())
            }
        }))
        .buffer_unordered(conc)
        .collect()
        .await
    });
    let wall = started.elapsed();

    // Stop the receiver as a developer would (SIGTERM); it exits 0 after in-flight requests.
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let exit = child.wait().ok().and_then(|s| s.code());
    let printed = stdout_thread.join().unwrap_or(0);
    let stderr_rest = stderr_thread.join().unwrap_or_default();

    let mut other_statuses = HashMap::new();
    let mut acknowledged = 0;
    for s in &statuses {
        match s {
            Ok(204) => acknowledged += 1,
            Ok(code) => *other_statuses.entry(*code).or_default() += 1,
            Err(e) => {
                eprintln!("request failed: {e}");
                *other_statuses.entry(0).or_default() += 1;
            }
        }
    }
    if !other_statuses.is_empty() {
        for l in stderr_rest.iter().take(5) {
            eprintln!("notify listen: {l}");
        }
    }
    let counts = counts.lock().unwrap().clone();
    let forwarded_once = signed
        .iter()
        .filter(|s| counts.get(&s.id) == Some(&1))
        .count();
    let forwarded_twice = counts.values().filter(|c| **c > 1).count();
    let dropped = signed
        .iter()
        .filter(|s| !counts.contains_key(&s.id))
        .count();
    let total_forwards: u32 = counts.values().sum();
    Outcome {
        sent: order.len(),
        acknowledged,
        forwarded_once,
        forwarded_twice,
        dropped,
        duplicates_suppressed: order.len().saturating_sub(total_forwards as usize),
        printed,
        wall,
        other_statuses,
        exit,
    }
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to parse.
    let runs = env_num("RUNS", 5).max(1);
    let (n, dups, conc) = (
        env_num("N", 1000),
        env_num("DUPLICATES", 100),
        env_num("CONCURRENCY", 256),
    );
    let dir = tempfile::Builder::new()
        .prefix("wxc-bench-notify")
        .tempdir()
        .unwrap();
    let config = write_profile(dir.path());
    let wechat = PrivateKey::from_pem(
        &std::fs::read(fixture("go_sdk_test_private_key.pkcs8.pem")).unwrap(),
        "go_sdk_test_private_key.pkcs8.pem",
    )
    .unwrap();
    let key = ApiV3Key::new(APIV3_KEY.as_bytes()).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();

    println!(
        "notify listen burst: {n} distinct notifications + {dups} repeats per run, {conc} in flight, {runs} runs"
    );
    println!(
        "run  sent  acknowledged(204)  forwarded_once  forwarded_twice  dropped  duplicates_suppressed  printed  wall_ms  notifications/s"
    );
    let mut rates = Vec::new();
    let mut ok = true;
    for run in 1..=runs {
        let o = run_once(&rt, run, dir.path(), &config, &wechat, &key);
        let rate = o.sent as f64 / o.wall.as_secs_f64();
        println!(
            "{run:>3}  {:>4}  {:>17}  {:>14}  {:>15}  {:>7}  {:>21}  {:>7}  {:>7.0}  {:>15.0}",
            o.sent,
            o.acknowledged,
            o.forwarded_once,
            o.forwarded_twice,
            o.dropped,
            o.duplicates_suppressed,
            o.printed,
            o.wall.as_secs_f64() * 1000.0,
            rate
        );
        let good = o.acknowledged == o.sent
            && o.forwarded_once == n
            && o.forwarded_twice == 0
            && o.dropped == 0
            && o.duplicates_suppressed == dups
            && o.printed == n
            && o.exit == Some(0);
        if !good {
            eprintln!(
                "run {run} FAILED: other statuses {:?}, exit {:?}",
                o.other_statuses, o.exit
            );
            ok = false;
        }
        rates.push(rate);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    let median = rates[rates.len() / 2];
    println!(
        "median: {median:.0} notifications/s ({} runs: {})",
        rates.len(),
        rates
            .iter()
            .map(|r| format!("{r:.0}"))
            .collect::<Vec<_>>()
            .join(" · ")
    );
    if !ok {
        std::process::exit(1);
    }
}
