//! The one test harness. [`TestEnv`] is a hermetic environment for the binary (jj
//! `test_environment.rs`: temp HOME and config, cleared env); [`Lab`] is an in-process sandbox
//! with such an environment, started from identities generated once per test process, driven
//! through the binary ([`Lab::cmd`]) or the library's client ([`Lab::client`]). Beside them:
//! output checks every file used to copy ([`ok`], [`exit`], [`json`]), `sandbox serve` as a child
//! process ([`serve`]), raw signed requests ([`raw`]), one scripted HTTP server for answers the
//! sandbox would never give ([`hostile`]), notification captures ([`notify`]) and bills ([`bills`]).

#![allow(dead_code)]

pub mod bills;
pub mod hostile;
pub mod lab;
pub mod notify;
pub mod raw;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;
use sha1::{Digest, Sha1};
use tempfile::TempDir;

pub use lab::{Lab, block_on};

pub const OFFICIAL_KEY: &str = "official_doc_test_key.pkcs1.pem";

/// A file under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

pub fn read_fixture(rel: &str) -> Vec<u8> {
    fs::read(fixture(rel)).unwrap_or_else(|e| panic!("fixture {rel}: {e}"))
}

pub fn read_fixture_str(rel: &str) -> String {
    String::from_utf8(read_fixture(rel)).unwrap()
}

pub struct TestEnv {
    pub dir: TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("wxc-test")
            .tempdir()
            .unwrap();
        fs::create_dir_all(dir.path().join("home/.config")).unwrap();
        TestEnv { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn home(&self) -> PathBuf {
        self.path().join("home")
    }

    /// The binary with nothing inherited but PATH: no WXCOMBINE_*, a temp HOME.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("wxcombine").unwrap();
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .current_dir(self.path());
        c
    }

    /// Copy a key fixture into the env with mode 0600 (as a careful user would keep it).
    pub fn key(&self, name: &str) -> PathBuf {
        self.file_from_fixture(&format!("keys/{name}"), name, 0o600)
    }

    pub fn file_from_fixture(&self, rel: &str, name: &str, mode: u32) -> PathBuf {
        let dst = self.path().join(name);
        fs::write(&dst, read_fixture(rel)).unwrap();
        set_mode(&dst, mode);
        dst
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>, mode: u32) -> PathBuf {
        let dst = self.path().join(name);
        if let Some(parent) = dst.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&dst, contents).unwrap();
        set_mode(&dst, mode);
        dst
    }

    /// Write `config.toml` into the env and return its path.
    pub fn config(&self, toml: &str) -> PathBuf {
        self.write("config.toml", toml, 0o600)
    }

    /// A config with the official doc key as profile `doc` (what sign-pay needs).
    pub fn doc_profile(&self) -> PathBuf {
        self.key(OFFICIAL_KEY);
        self.config(
            r#"default_profile = "doc"
[profiles.doc]
env = "sandbox"
mchid = "1900000109"
appid = "wx2421b1c4370ec43b"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "official_doc_test_key.pkcs1.pem"
"#,
        )
    }

    /// Replace this env's temp path in `s` by `[TMP]` for snapshots.
    pub fn redact(&self, s: &str) -> String {
        s.replace(&self.path().display().to_string(), "[TMP]")
    }
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Replace volatile values (ids, times, signatures) so snapshots are stable.
pub fn redact(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match k.as_str() {
                    "prepay_id" | "prepayid" => *x = "[PREPAY_ID]".into(),
                    "transaction_id" => *x = "[TRANSACTION_ID]".into(),
                    "success_time" | "timeStamp" | "timestamp" => *x = "[TIME]".into(),
                    "nonceStr" | "noncestr" => *x = "[NONCE]".into(),
                    "paySign" | "sign" => *x = "[SIGNATURE]".into(),
                    "package" if x.as_str().is_some_and(|s| s.starts_with("prepay_id=")) => {
                        *x = "prepay_id=[PREPAY_ID]".into()
                    }
                    "h5_url" | "code_url" => *x = "[URL]".into(),
                    "openid" => *x = "[OPENID]".into(),
                    "bank_type" => *x = "[BANK]".into(),
                    _ => redact(x),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(redact),
        _ => {}
    }
}

/// `wxcombine sandbox serve` as a child process, killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
}

/// A failing test must not leave its server running.
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start `wxcombine sandbox serve` on port 0 with `data` as its data dir and read its first line
/// (`listening on URL`). A data dir without identities gets the template's first, so the server
/// does not spend seconds generating RSA keys (use [`serve_fresh`] to test exactly that).
pub fn serve(env: &TestEnv, data: &Path, config: &Path, extra: &[&str]) -> Server {
    lab::identities_into(data);
    serve_fresh(env, data, config, extra)
}

/// [`serve`] without the template: a data dir without identities is filled by the server itself,
/// as on a user's first run.
pub fn serve_fresh(env: &TestEnv, data: &Path, config: &Path, extra: &[&str]) -> Server {
    let config = config.to_str().expect("test paths are UTF-8");
    let mut args = vec!["--write-config", config];
    args.extend_from_slice(extra);
    let server = serve_on(env, "127.0.0.1:0", data, &args);
    assert!(
        server.base.starts_with("http://127.0.0.1:"),
        "{}",
        server.base
    );
    server
}

/// Start `wxcombine sandbox serve --listen LISTEN --data-dir DATA EXTRA…` with a clean
/// environment and read its first line (`listening on URL`); `base` is the URL.
pub fn serve_on(env: &TestEnv, listen: &str, data: &Path, extra: &[&str]) -> Server {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wxcombine"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.home())
        .args(["sandbox", "serve", "--listen", listen, "--data-dir"])
        .arg(data)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {line:?}"))
        .to_string();
    Server { child, base }
}

// ---- what a finished command left -------------------------------------------------------------

/// Assert success, showing the exit code, stdout and stderr otherwise.
pub fn ok(out: &Output) -> &Output {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        stdout(out),
        stderr(out)
    );
    out
}

/// Assert the exit code, showing stdout and stderr otherwise.
pub fn exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        stdout(out),
        stderr(out)
    );
}

/// Stdout as one JSON document (whatever the exit code).
pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            stdout(out),
            stderr(out)
        )
    })
}

/// The names in a folder, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

pub fn sha1_hex(b: &[u8]) -> String {
    Sha1::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Poll `f` every 20 ms for up to 30 s.
pub fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}
