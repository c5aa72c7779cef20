//! The one scripted HTTP server of the tests (issue 11, made one in issue 12): loopback only,
//! std::net, one thread per connection and one request per connection (every answer says
//! `Connection: close`). Each test scripts what it answers: a redirect, a body far larger than
//! announced or than any real answer, a correctly signed answer about the wrong order, a body that
//! trickles, terminal sequences in an error message, or a notify_url's status codes
//! ([`super::notify::Target`]).
//!
//! Signed answers are signed with the Go SDK's test platform key; [`env`] writes a profile that
//! trusts its public key, so the client verifies them exactly as it would WeChat Pay's.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use wxcombine::signing::PrivateKey;
use wxcombine::signing::message::response_message;

use super::{TestEnv, now, read_fixture};

/// The public key id the profile of [`env`] trusts.
pub const PUB_ID: &str = "PUB_KEY_ID_0114232134912410000000000000000001";

/// What the server received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Writes the answer to one request; an error (the client hung up) just ends the connection.
pub type Reply = Box<dyn FnOnce(&mut TcpStream) -> std::io::Result<()> + Send>;

pub struct Hostile {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
}

impl Hostile {
    /// Listen on 127.0.0.1:0; `answer` decides the reply to each request.
    pub fn start(answer: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Self {
        Self::bind("127.0.0.1:0", answer).unwrap()
    }

    /// Answer the requests with `replies` in the order they arrive; a request after the last
    /// finds the connection closed without an answer.
    pub fn in_order(replies: Vec<Reply>) -> Self {
        let replies = Mutex::new(VecDeque::from(replies));
        Self::start(move |_| {
            replies
                .lock()
                .unwrap()
                .pop_front()
                .unwrap_or_else(|| bytes(Vec::new()))
        })
    }

    /// [`Hostile::start`] on a given address (a port a test held before).
    pub fn bind(
        addr: impl ToSocketAddrs,
        answer: impl Fn(&Seen) -> Reply + Send + Sync + 'static,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let answer = Arc::new(answer);
        {
            let (seen, stop) = (seen.clone(), stop.clone());
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    let Ok(mut conn) = conn else { continue };
                    let (seen, answer) = (seen.clone(), answer.clone());
                    std::thread::spawn(move || {
                        let Some(req) = read_request(&conn) else {
                            return;
                        };
                        seen.lock().unwrap().push(req.clone());
                        let reply = answer(&req);
                        let _ = reply(&mut conn);
                        let _ = conn.flush();
                        let _ = conn.shutdown(std::net::Shutdown::Both);
                    });
                }
            });
        }
        Ok(Hostile { addr, seen, stop })
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Every request received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn read_request(conn: &TcpStream) -> Option<Seen> {
    conn.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut r = BufReader::new(conn.try_clone().ok()?);
    let mut line = String::new();
    r.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let mut seen = Seen {
        method,
        target,
        headers,
        body: Vec::new(),
    };
    let len: usize = seen
        .header("Content-Length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    seen.body = vec![0u8; len];
    r.read_exact(&mut seen.body).ok()?;
    Some(seen)
}

/// A status line and headers (with `Connection: close`), ending in the blank line.
pub fn head(status: u16, headers: &[(&str, String)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} X\r\nConnection: close\r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

/// An answer of fixed bytes.
pub fn bytes(b: Vec<u8>) -> Reply {
    Box::new(move |s| s.write_all(&b))
}

/// A complete unsigned answer.
pub fn plain(status: u16, extra: &[(&str, String)], body: &[u8]) -> Reply {
    let mut h = vec![("Content-Length", body.len().to_string())];
    h.extend(extra.iter().cloned());
    let mut out = head(status, &h);
    out.extend_from_slice(body);
    bytes(out)
}

fn platform_key() -> PrivateKey {
    PrivateKey::from_pem(
        &read_fixture("keys/go_sdk_test_private_key.pkcs8.pem"),
        "go_sdk_test_private_key",
    )
    .unwrap()
}

/// The `Wechatpay-*` headers of a correct signature over `body` (apiv3.md §2), made now.
pub fn signature_headers(body: &[u8]) -> Vec<(&'static str, String)> {
    let ts = now().to_string();
    let nonce = "HostileNonce0123456789abcdefghij".to_string();
    let sig = platform_key().sign_base64(&response_message(&ts, &nonce, body));
    vec![
        ("Wechatpay-Timestamp", ts),
        ("Wechatpay-Nonce", nonce),
        ("Wechatpay-Signature", sig),
        ("Wechatpay-Serial", PUB_ID.to_string()),
        ("Request-ID", "08HOSTILE0000000000-0".to_string()),
    ]
}

/// A complete, correctly signed answer.
pub fn signed(status: u16, body: &[u8]) -> Reply {
    let mut h = signature_headers(body);
    h.push(("Content-Type", "application/json".into()));
    plain(status, &h, body)
}

/// A profile `shop` (env sandbox, so plain HTTP is allowed) whose base_url is `base_url`, signing
/// with the official doc key and trusting the Go SDK's platform public key, with an APIv3 key.
/// No backup_base_url.
pub fn env(base_url: &str) -> TestEnv {
    let env = TestEnv::new();
    env.key("official_doc_test_key.pkcs1.pem");
    env.key("go_sdk_test_public_key.pem");
    env.write("apiv3.key", "0123456789abcdef0123456789abcdef", 0o600);
    env.config(&format!(
        r#"default_profile = "shop"
[profiles.shop]
env = "sandbox"
mchid = "1900000109"
appid = "wxd678efh567hg6787"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "official_doc_test_key.pkcs1.pem"
apiv3_key_file = "apiv3.key"
wechatpay_public_key_file = "go_sdk_test_public_key.pem"
wechatpay_public_key_id = "{PUB_ID}"
base_url = "{base_url}"
"#
    ));
    env
}

/// A combine order as query returns it (apiv3.md §6.4), about `no` of `mchid`, paid.
pub fn order_json(no: &str, mchid: &str) -> String {
    format!(
        r#"{{"combine_appid":"wxd678efh567hg6787","combine_mchid":"{mchid}","combine_out_trade_no":"{no}","sub_orders":[{{"mchid":"{mchid}","trade_type":"JSAPI","trade_state":"SUCCESS","bank_type":"CMC","attach":"x","amount":{{"total_amount":100,"currency":"CNY","payer_amount":100,"payer_currency":"CNY"}},"success_time":"2026-05-01T10:00:00+08:00","transaction_id":"4200000000202605010000000001","out_trade_no":"{no}A"}}],"combine_payer_info":{{"openid":"o1"}}}}"#
    )
}
