//! Helpers for the sandbox tests: an in-process sandbox on 127.0.0.1:0 with a temp data dir (keys
//! copied from one template generated per test process, so RSA key generation runs once), the
//! library's verifying client for a profile, and raw signed requests for deliberately bad ones.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;
use wxcombine::api::Request;
use wxcombine::config::{ConfigFile, Located, Profile, Source};
use wxcombine::sandbox::{RunningSandbox, SandboxOptions};
use wxcombine::signing::authorization::RequestSigner;
use wxcombine::signing::verify::{SignedHeaders, Verifier};
use wxcombine::signing::{ApiV3Key, PrivateKey};
use wxcombine::transport::http::RawResponse;
use wxcombine::transport::{Client, ClientOptions};

pub const MAIN: &str = "1900000109";
pub const SUB1: &str = "1900000119";
pub const SUB2: &str = "1900000129";
pub const APPID: &str = "wxd678efh567hg6787";
pub const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

/// A data dir holding generated identities, made once per test process.
pub fn template() -> PathBuf {
    static TEMPLATE: OnceLock<TempDir> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let t = tempfile::Builder::new()
                .prefix("wxc-sb-template")
                .tempdir()
                .unwrap();
            wxcombine::sandbox::keys::load_or_create(t.path()).unwrap();
            t
        })
        .path()
        .to_path_buf()
}

pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

pub struct Sb {
    pub sb: RunningSandbox,
    pub dir: TempDir,
    pub config: PathBuf,
}

/// Start a sandbox with `opts` (its data dir replaced by a fresh one unless given).
pub fn start_with(mut opts: SandboxOptions) -> Sb {
    let dir = tempfile::Builder::new().prefix("wxc-sb").tempdir().unwrap();
    if opts.data_dir.is_none() {
        opts.data_dir = Some(dir.path().join("data"));
        opts.identities_from = Some(template());
    }
    let sb = RunningSandbox::start(opts).unwrap();
    let config = dir.path().join("config.toml");
    sb.write_config(&config).unwrap();
    Sb { sb, dir, config }
}

pub fn start() -> Sb {
    start_with(SandboxOptions::default())
}

/// The same data dir, restarted (a new port, so the config is rewritten).
pub fn restart(old: Sb, opts: SandboxOptions) -> Sb {
    let Sb { sb, dir, .. } = old;
    let data = sb.data_dir().to_path_buf();
    drop(sb);
    let sb = RunningSandbox::start(SandboxOptions {
        data_dir: Some(data),
        ..opts
    })
    .unwrap();
    let config = dir.path().join("config.toml");
    sb.write_config(&config).unwrap();
    Sb { sb, dir, config }
}

/// Profile name for a mchid.
pub fn profile_name(mchid: &str) -> &'static str {
    match mchid {
        MAIN => "sandbox",
        SUB1 => "sandbox-sub1",
        SUB2 => "sandbox-sub2",
        _ => panic!("unknown mchid {mchid}"),
    }
}

/// What raw requests are signed with.
pub struct Creds {
    pub mchid: String,
    pub serial: String,
    pub key: PrivateKey,
}

impl Sb {
    pub fn profile(&self, name: &str) -> Profile {
        let file = ConfigFile::load(&Located {
            path: self.config.clone(),
            source: Source::Flag,
        })
        .unwrap();
        file.select(Some(name), None).unwrap().clone()
    }

    pub fn verifier(&self) -> Verifier {
        self.profile("sandbox").load_verifier().unwrap()
    }

    pub fn apiv3_key(&self, name: &str) -> ApiV3Key {
        self.profile(name).load_apiv3_key(None, |_| None).unwrap()
    }

    /// The library's signing, verifying client for a profile; no retries unless asked.
    pub fn client_with(&self, name: &str, f: impl FnOnce(&mut ClientOptions)) -> Client {
        let p = self.profile(name);
        let mut opts = ClientOptions::new(p.base_url.clone());
        opts.backup_base_url = p.backup_base_url.clone();
        opts.retries = 0;
        opts.backoff = Duration::from_millis(10);
        opts.wechatpay_serial = p.wechatpay_public_key_id.clone();
        f(&mut opts);
        Client::new(opts, p.load_signer().unwrap(), p.load_verifier().unwrap())
    }

    pub fn client(&self, name: &str) -> Client {
        self.client_with(name, |_| {})
    }

    pub fn creds(&self, name: &str) -> Creds {
        let s = self.profile(name).load_signer().unwrap();
        Creds {
            mchid: s.mchid,
            serial: s.serial_no,
            key: s.key,
        }
    }

    pub fn url(&self, target: &str) -> String {
        format!("{}{target}", self.sb.base_url())
    }

    /// A JSAPI prepay body with two sub-orders (main + sub1) and a loopback notify_url.
    pub fn body(&self, no: &str) -> Value {
        prepay_body(no, "http://127.0.0.1:9/notify")
    }

    /// Send through the client; panic on failure.
    pub fn call(&self, name: &str, req: &Request) -> wxcombine::transport::Response {
        block_on(self.client(name).call(req)).unwrap_or_else(|e| panic!("{req:?}: {e}"))
    }

    /// Send through the client; the WeChat Pay error expected.
    pub fn call_err(&self, name: &str, req: &Request) -> wxcombine::api::ApiError {
        match block_on(self.client(name).call(req)) {
            Ok(r) => panic!("{req:?} succeeded: {}", String::from_utf8_lossy(&r.body)),
            Err(e) => e
                .as_api()
                .unwrap_or_else(|| panic!("{req:?}: not an API error: {e}"))
                .clone(),
        }
    }

    pub fn prepay(&self, name: &str, body: &Value) -> Value {
        let r = self.call(
            name,
            &Request::combine_prepay(
                wxcombine::api::Scene::Jsapi,
                serde_json::to_vec(body).unwrap(),
            ),
        );
        serde_json::from_slice(&r.body).unwrap()
    }

    pub fn query(&self, name: &str, no: &str) -> Value {
        let r = self.call(name, &Request::combine_query(no));
        serde_json::from_slice(&r.body).unwrap()
    }

    /// Wait (bounded) until `cond` holds on the notification log.
    pub fn wait_notifications(
        &self,
        cond: impl Fn(&[wxcombine::sandbox::NotificationView]) -> bool,
    ) -> Vec<wxcombine::sandbox::NotificationView> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let n = self.sb.notifications().unwrap();
            if cond(&n) {
                return n;
            }
            assert!(Instant::now() < deadline, "timed out waiting: {n:#?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

pub fn prepay_body(no: &str, notify_url: &str) -> Value {
    json!({
        "combine_appid": APPID,
        "combine_mchid": MAIN,
        "combine_out_trade_no": no,
        "combine_payer_info": {"openid": OPENID},
        "scene_info": {"payer_client_ip": "14.17.22.32", "device_id": "POS1:1"},
        "sub_orders": [
            {"mchid": MAIN, "attach": "深圳分店", "amount": {"total_amount": 10, "currency": "CNY"}, "out_trade_no": format!("{no}A"), "description": "腾讯充值中心-QQ会员充值"},
            {"mchid": SUB1, "attach": "广州分店", "amount": {"total_amount": 250, "currency": "CNY"}, "out_trade_no": format!("{no}B"), "description": "腾讯充值中心-微信充值"}
        ],
        "notify_url": notify_url
    })
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Headers of a correctly signed request as the SDKs send them.
pub fn signed_headers(c: &Creds, method: &str, target: &str, body: &[u8]) -> Vec<(String, String)> {
    let ts = now().to_string();
    let nonce = wxcombine::rand::alphanumeric(32);
    let s = RequestSigner {
        mchid: &c.mchid,
        serial_no: &c.serial,
        key: &c.key,
    }
    .sign(method, target, &ts, &nonce, body);
    let mut h = vec![
        ("Accept".to_string(), "application/json".to_string()),
        ("User-Agent".to_string(), "wxcombine-tests/1.0".to_string()),
        ("Authorization".to_string(), s.authorization.to_header()),
    ];
    if !body.is_empty() {
        h.push(("Content-Type".into(), "application/json".into()));
    }
    h
}

/// Send exactly these headers and bytes.
pub fn send(url: &str, method: &str, headers: &[(String, String)], body: Vec<u8>) -> RawResponse {
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    block_on(wxcombine::transport::http::send_raw(
        &client, method, url, &refs, body,
    ))
    .unwrap()
}

/// Replace one header's value (or remove it with `None`).
pub fn set_header(h: &mut Vec<(String, String)>, name: &str, value: Option<&str>) {
    h.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
    if let Some(v) = value {
        h.push((name.to_string(), v.to_string()));
    }
}

pub fn json_of(r: &RawResponse) -> Value {
    serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&r.body)))
}

/// The `Wechatpay-*` headers of a raw response.
pub fn wechatpay_headers(r: &RawResponse) -> SignedHeaders {
    let h = |n: &str| r.header(n).unwrap_or_default().to_string();
    SignedHeaders {
        timestamp: h("Wechatpay-Timestamp"),
        nonce: h("Wechatpay-Nonce"),
        signature: h("Wechatpay-Signature"),
        serial: h("Wechatpay-Serial"),
    }
}

/// Assert a raw error response: status, code, JSON content type, Request-ID.
pub fn assert_error(r: &RawResponse, status: u16, code: &str) -> Value {
    let v = json_of(r);
    assert_eq!(
        (r.status, v["code"].as_str().unwrap_or("")),
        (status, code),
        "{v}"
    );
    assert_eq!(r.header("Content-Type"), Some("application/json"));
    assert!(r.header("Request-ID").is_some_and(|x| !x.is_empty()));
    v
}

/// Send a request byte for byte over TCP (reqwest would add headers such as `Accept: */*`);
/// returns the status and the body.
pub fn send_tcp(addr: std::net::SocketAddr, request: &[u8]) -> (u16, Vec<u8>) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.write_all(request).unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&all[..split]).to_string();
    let status = head[9..12].parse().unwrap();
    (status, all[split + 4..].to_vec())
}

/// A raw HTTP/1.1 request with exactly `headers` (plus Host, Content-Length, Connection: close).
pub fn raw_request(
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Vec<u8> {
    let mut r = format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        r.push_str(&format!("{k}: {v}\r\n"));
    }
    r.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut bytes = r.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}
