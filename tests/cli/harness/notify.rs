//! Helpers for the notification and certificate tests (issue 6): notifications captured from the
//! sandbox as headers file, body file and raw HTTP request, extra profiles written next to the
//! sandbox's, a notify_url whose status codes the test scripts ([`Target`]), and `notify listen`
//! as a real background process.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant};

use wxcombine::sandbox::{
    FaultKind, FaultSpec, KeyMode, NotificationAttempt, NotificationView, SandboxOptions,
};
use wxcombine::signing::ApiV3Key;

use super::hostile::{Hostile, Seen, plain};
pub use super::wait_for;
use super::{Lab, stderr};

/// A sandbox in `mode`, adjusted by `f`.
pub fn lab(mode: KeyMode, f: impl FnOnce(&mut SandboxOptions)) -> Lab {
    let mut opts = SandboxOptions {
        key_mode: mode,
        ..Default::default()
    };
    f(&mut opts);
    Lab::with(opts)
}

/// A two-sub-order jsapi prepay whose notifications go to `notify_url`; asserts success.
pub fn prepay_to(lab: &Lab, profile: &str, no: &str, notify_url: &str) {
    let out = lab.cmd_prepay_with(Some(profile), no, notify_url);
    assert!(out.status.success(), "prepay {no}: {}", stderr(&out));
}

/// The sandbox's record of the notification for order `no`, once `ready` holds.
pub fn notification(
    lab: &Lab,
    no: &str,
    ready: impl Fn(&NotificationView) -> bool,
) -> NotificationView {
    wait_for(&format!("the notification of {no}"), || {
        lab.sb
            .notifications()
            .unwrap()
            .into_iter()
            .find(|n| n.combine_out_trade_no == no && ready(n))
    })
}

/// Arm a fault for the next notification delivery (`@notify`).
pub fn notify_fault(lab: &Lab, kind: FaultKind) {
    lab.sb
        .add_fault(FaultSpec {
            kind,
            count: Some(1),
            path: Some("@notify".into()),
            ms: None,
        })
        .unwrap();
}

/// One delivery attempt as captured by the merchant: its headers and body, byte for byte.
#[derive(Debug, Clone)]
pub struct Capture {
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Capture {
    pub fn of(a: &NotificationAttempt) -> Self {
        Capture {
            headers: a.headers.clone(),
            body: a.body.clone().into_bytes(),
        }
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn serial(&self) -> String {
        self.header("Wechatpay-Serial")
    }

    /// The same capture with one header's value replaced.
    pub fn with_header(&self, name: &str, value: &str) -> Self {
        let mut c = self.clone();
        for (k, v) in &mut c.headers {
            if k.eq_ignore_ascii_case(name) {
                *v = value.to_string();
            }
        }
        c
    }

    /// `Name: value` lines as a log would show them, CRLF-terminated.
    pub fn headers_file(&self) -> String {
        self.headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\r\n"))
            .collect()
    }

    /// The whole request as a proxy would capture it.
    pub fn raw_request(&self) -> Vec<u8> {
        let mut raw = format!(
            "POST /wxpay/notify HTTP/1.1\r\nHost: shop.example.com\r\n{}Content-Length: {}\r\n\r\n",
            self.headers_file(),
            self.body.len()
        )
        .into_bytes();
        raw.extend_from_slice(&self.body);
        raw
    }

    /// The request as it travelled with `Transfer-Encoding: chunked` (chunks of 100 bytes).
    pub fn raw_chunked(&self) -> Vec<u8> {
        let mut raw = format!(
            "POST /wxpay/notify HTTP/1.1\r\nHost: shop.example.com\r\n{}Transfer-Encoding: chunked\r\n\r\n",
            self.headers_file()
        )
        .into_bytes();
        for chunk in self.body.chunks(100) {
            raw.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            raw.extend_from_slice(chunk);
            raw.extend_from_slice(b"\r\n");
        }
        raw.extend_from_slice(b"0\r\n\r\n");
        raw
    }

    /// Write `<name>.headers`, `<name>.json` and `<name>.http` into the lab's folder.
    pub fn write(&self, lab: &Lab, name: &str) {
        lab.env
            .write(&format!("{name}.headers"), self.headers_file(), 0o644);
        lab.env.write(&format!("{name}.json"), &self.body, 0o644);
        lab.env
            .write(&format!("{name}.http"), self.raw_request(), 0o644);
    }
}

/// A notify_url that acknowledges everything with 204 (so nothing is retried); returns its URL.
/// One such server serves the whole test process.
pub fn ack_url() -> String {
    static ACK: OnceLock<Target> = OnceLock::new();
    let t = ACK.get_or_init(|| Target::start(|_| Answer::Status(204)));
    format!("{}/wxpay/notify", t.base)
}

/// Prepay `no` to an acknowledging notify_url, arm `fault` (if any), pay, and capture the
/// delivered attempt (or the first attempt, for a fault the sandbox's own delivery ignores).
pub fn capture(lab: &Lab, no: &str, fault: Option<FaultKind>) -> Capture {
    prepay_to(lab, "sandbox", no, &ack_url());
    if let Some(k) = fault {
        notify_fault(lab, k);
    }
    lab.sb.pay(no).unwrap();
    let n = notification(lab, no, |n| !n.attempts.is_empty());
    Capture::of(&n.attempts[0])
}

/// The resource of a captured notification decrypted with the main merchant's APIv3 key.
pub fn plaintext(lab: &Lab, c: &Capture) -> String {
    let m = lab.sb.info().merchants.remove(0);
    let text = std::fs::read_to_string(&m.apiv3_key_file).unwrap();
    let key = ApiV3Key::new(text.trim_end().as_bytes()).unwrap();
    let env: wxcombine::api::types::NotificationEnvelope = serde_json::from_slice(&c.body).unwrap();
    let r = &env.resource;
    String::from_utf8(
        key.decrypt(&r.nonce, &r.associated_data, &r.ciphertext)
            .unwrap(),
    )
    .unwrap()
}

/// Add profile `name` to the lab's config: a copy of `from` changed by `edit`.
pub fn add_profile(lab: &Lab, name: &str, from: &str, edit: impl FnOnce(&mut toml::Table)) {
    let path = lab.env.path().join("config.toml");
    let mut doc: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let profiles = doc["profiles"].as_table_mut().unwrap();
    let mut p = profiles[from].as_table().unwrap().clone();
    edit(&mut p);
    profiles.insert(name.into(), toml::Value::Table(p));
    lab.env
        .write("config.toml", toml::to_string(&doc).unwrap(), 0o600);
}

/// Set (or with `None` remove) a key of a profile table.
pub fn set(t: &mut toml::Table, key: &str, value: Option<&str>) {
    match value {
        Some(v) => {
            t.insert(key.into(), toml::Value::String(v.into()));
        }
        None => {
            t.remove(key);
        }
    }
}

// ---- a scripted notify_url -------------------------------------------------------------------

/// What the target answers to its n-th request (0-based).
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    Status(u16),
    /// Hold the request this long, then answer with the status.
    Hang(Duration, u16),
}

/// One request the target received.
#[derive(Debug, Clone)]
pub struct Hit {
    pub path: String,
    /// Names in lower case.
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

/// A notify_url on 127.0.0.1:0 (a [`Hostile`] server) answering each request with a status: an
/// error status with WeChat Pay's error body, a success with none.
pub struct Target {
    pub base: String,
    server: Hostile,
}

impl Target {
    pub fn start(script: impl Fn(usize) -> Answer + Send + Sync + 'static) -> Self {
        let counter = AtomicUsize::new(0);
        let server = Hostile::start(move |_: &Seen| {
            let answer = script(counter.fetch_add(1, Ordering::SeqCst));
            let status = match answer {
                Answer::Status(s) | Answer::Hang(_, s) => s,
            };
            let body = if status >= 300 {
                r#"{"code":"FAIL","message":"失败"}"#
            } else {
                ""
            };
            let reply = plain(
                status,
                &[("Content-Type", "application/json".into())],
                body.as_bytes(),
            );
            Box::new(move |conn| {
                if let Answer::Hang(d, _) = answer {
                    std::thread::sleep(d);
                }
                reply(conn)
            })
        });
        Target {
            base: server.url(),
            server,
        }
    }

    /// Answers `statuses` in turn, then 200.
    pub fn statuses(statuses: Vec<u16>) -> Self {
        Self::start(move |n| Answer::Status(statuses.get(n).copied().unwrap_or(200)))
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.server
            .seen()
            .into_iter()
            .map(|s| Hit {
                path: s.target,
                headers: s
                    .headers
                    .into_iter()
                    .map(|(k, v)| (k.to_ascii_lowercase(), v))
                    .collect(),
                body: s.body,
            })
            .collect()
    }
}

// ---- `notify listen` as a real process -------------------------------------------------------

/// A running `wxcombine notify listen`, its stderr collected by a thread.
pub struct Listening {
    pub child: Child,
    /// `http://ADDR/PATH` as printed on stderr.
    pub url: String,
    pub stderr: Arc<Mutex<String>>,
}

/// Start `wxcombine --config config.toml <args>` in the lab's folder, with the same hermetic
/// environment as [`Lab::cmd`], and wait for its `listening on URL` line.
pub fn spawn_listen(lab: &Lab, args: &[&str]) -> Listening {
    let home = lab.env.home();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wxcombine"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .current_dir(lab.env.path())
        .args(["--config", "config.toml"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let err = child.stderr.take().unwrap();
    let collected: Arc<Mutex<String>> = Default::default();
    let (tx, rx) = mpsc::channel::<String>();
    let c = collected.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines() {
            let Ok(line) = line else { return };
            if let Some(url) = line.strip_prefix("listening on ") {
                let _ = tx.send(url.trim().to_string());
            }
            let mut g = c.lock().unwrap();
            g.push_str(&line);
            g.push('\n');
        }
    });
    let url = match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(u) => u,
        Err(_) => {
            let _ = child.kill();
            panic!(
                "notify listen printed no `listening on` line:\n{}",
                collected.lock().unwrap()
            );
        }
    };
    Listening {
        child,
        url,
        stderr: collected,
    }
}

impl Listening {
    /// Wait (30 s at most) for the process to end; returns its exit code, stdout and stderr.
    pub fn finish(mut self) -> (Option<i32>, String, String) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "notify listen did not end:\n{}",
                    self.stderr.lock().unwrap()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut out = String::new();
        self.child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        // Let the reader thread drain the last lines.
        std::thread::sleep(Duration::from_millis(50));
        let err = self.stderr.lock().unwrap().clone();
        (status.code(), out, err)
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
