//! Hermetic test environment (jj `test_environment.rs`): temp HOME and config, cleared env.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

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
