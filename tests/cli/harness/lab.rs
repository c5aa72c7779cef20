//! [`Lab`]: an in-process sandbox on 127.0.0.1:0 and a hermetic [`TestEnv`] whose `config.toml`
//! holds the sandbox's three profiles, driven through the binary ([`Lab::cmd`]) or through the
//! library's signing, verifying client ([`Lab::client`], [`Lab::call`]).
//!
//! Every sandbox starts from [`template`]: identities (RSA keys, certificates, APIv3 keys)
//! generated once per test process and copied into each data dir, so RSA key generation (about
//! two seconds for the five keys) runs once per run rather than once per test. The template lives
//! under cargo's `CARGO_TARGET_TMPDIR`, not in /tmp, and each run removes the templates of
//! earlier runs (issue 12).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;
use wxcombine::api::Request;
use wxcombine::config::{ConfigFile, Located, Profile, Source};
use wxcombine::sandbox::{FaultKind, FaultSpec, RunningSandbox, SandboxOptions};
use wxcombine::signing::verify::Verifier;
use wxcombine::signing::{ApiV3Key, PrivateKey};
use wxcombine::transport::{Client, ClientOptions};

use super::TestEnv;

pub const MAIN: &str = "1900000109";
pub const SUB1: &str = "1900000119";
pub const SUB2: &str = "1900000129";
pub const APPID: &str = "wxd678efh567hg6787";
pub const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

/// A data dir holding generated identities, made once per test process in
/// `CARGO_TARGET_TMPDIR/sandbox-templates/<pid>`.
///
/// A `static` is never dropped, so a temp dir here would outlive the process (issue 12: every run
/// left a `/tmp/wxc-sb-template*` holding private keys). Instead each process names its template
/// after its pid and removes those of processes that are no longer running: at most the last
/// run's template remains, under `target/`, until the next run (or `cargo clean`).
pub fn template() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sandbox-templates");
        fs::create_dir_all(&root).unwrap();
        let me = std::process::id();
        for e in fs::read_dir(&root).unwrap().flatten() {
            let pid = e.file_name().to_string_lossy().parse::<u32>().ok();
            let gone = pid.is_none_or(|p| p == me || !Path::new(&format!("/proc/{p}")).exists());
            if gone {
                let _ = fs::remove_dir_all(e.path());
            }
        }
        let dir = root.join(me.to_string());
        private_dir(&dir);
        wxcombine::sandbox::keys::load_or_create(&dir).unwrap();
        dir
    })
}

/// Create `dir` (mode 0700, as the sandbox makes its data dir) if it does not exist.
fn private_dir(dir: &Path) {
    use std::os::unix::fs::DirBuilderExt;
    if !dir.exists() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .unwrap();
    }
}

/// Give a data dir that has none the template's identities (for `sandbox serve` as a process).
pub fn identities_into(data_dir: &Path) {
    private_dir(data_dir);
    wxcombine::sandbox::keys::copy_identities(template(), data_dir).unwrap();
}

pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// An in-process sandbox and a test environment whose `config.toml` holds its three profiles
/// (`sandbox` default, `sandbox-sub1`, `sandbox-sub2`). The data dir is a temp dir of its own
/// (outside `env`, so listings and redactions of the environment never see it).
pub struct Lab {
    pub sb: RunningSandbox,
    pub env: TestEnv,
    data: TempDir,
}

impl Lab {
    /// A sandbox with the default options, from the template identities.
    pub fn new() -> Self {
        Self::with(SandboxOptions::default())
    }

    /// A sandbox with `opts`: in a fresh data dir unless `opts.data_dir` names one, from the
    /// template identities unless `opts.identities_from` names others.
    pub fn with(mut opts: SandboxOptions) -> Self {
        let data = tempfile::Builder::new().prefix("wxc-sb").tempdir().unwrap();
        if opts.data_dir.is_none() {
            opts.data_dir = Some(data.path().join("data"));
        }
        if opts.identities_from.is_none() {
            opts.identities_from = Some(template().to_path_buf());
        }
        let sb = RunningSandbox::start(opts).expect("sandbox starts");
        let env = TestEnv::new();
        sb.write_config(&env.path().join("config.toml")).unwrap();
        Lab { sb, env, data }
    }

    /// The same data dir, restarted with `opts` (a new port, so the config is rewritten).
    pub fn restart(self, opts: SandboxOptions) -> Self {
        let Lab { sb, env, data } = self;
        let data_dir = sb.data_dir().to_path_buf();
        drop(sb);
        let sb = RunningSandbox::start(SandboxOptions {
            data_dir: Some(data_dir),
            ..opts
        })
        .unwrap();
        sb.write_config(&env.path().join("config.toml")).unwrap();
        Lab { sb, env, data }
    }

    /// The `config.toml` the sandbox wrote its profiles into.
    pub fn config(&self) -> PathBuf {
        self.env.path().join("config.toml")
    }

    pub fn mchid(&self, i: usize) -> String {
        self.sb.info().merchants[i].mchid.clone()
    }

    pub fn openid(&self) -> String {
        self.sb.info().merchants[0].openid.clone()
    }

    /// API requests the sandbox received for paths starting with `prefix`.
    pub fn api_requests(&self, prefix: &str) -> usize {
        self.sb
            .requests()
            .iter()
            .filter(|r| r.path.starts_with(prefix))
            .count()
    }

    /// Arm `count` faults of `kind` on any path.
    pub fn fault(&self, kind: FaultKind, count: u32) {
        self.sb
            .add_fault(FaultSpec {
                kind,
                count: Some(count),
                path: None,
                ms: None,
            })
            .unwrap();
    }

    // ---- the binary ----------------------------------------------------------------------

    /// The binary in the lab's environment, with `--config config.toml`.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = self.env.cmd();
        c.args(["--config", "config.toml"]);
        c
    }

    /// `wxcombine -q prepay` of a two-sub-order jsapi order (the second for sub-merchant 1)
    /// whose notifications go to an unreachable 127.0.0.1:9.
    pub fn cmd_prepay(&self, no: &str) -> std::process::Output {
        self.cmd_prepay_with(None, no, "http://127.0.0.1:9/notify")
    }

    /// [`Lab::cmd_prepay`] with `--profile` (if given) and a notify_url.
    pub fn cmd_prepay_with(
        &self,
        profile: Option<&str>,
        no: &str,
        notify_url: &str,
    ) -> std::process::Output {
        let mut c = self.cmd();
        c.arg("-q");
        if let Some(p) = profile {
            c.args(["--profile", p]);
        }
        c.args([
            "prepay",
            "--combine-out-trade-no",
            no,
            "--openid",
            &self.openid(),
        ])
        .args(["--notify-url", notify_url])
        .args([
            "--sub-order",
            &format!("out_trade_no={no}A,amount=100,description=Tea,attach=shop1"),
        ])
        .args([
            "--sub-order",
            &format!(
                "out_trade_no={no}B,amount=250,description=Cake,attach=shop2,mchid={}",
                self.mchid(1)
            ),
        ])
        .output()
        .unwrap()
    }
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

/// Profile `name` of a config file (one a sandbox wrote).
pub fn load_profile(config: &Path, name: &str) -> Profile {
    let file = ConfigFile::load(&Located {
        path: config.to_path_buf(),
        source: Source::Flag,
    })
    .unwrap();
    file.select(Some(name), None).unwrap().clone()
}

/// The library's signing, verifying client for profile `name` of a config file; no retries
/// unless `f` asks.
pub fn client_for(config: &Path, name: &str, f: impl FnOnce(&mut ClientOptions)) -> Client {
    let p = load_profile(config, name);
    let mut opts = ClientOptions::new(p.base_url.clone());
    opts.backup_base_url = p.backup_base_url.clone();
    opts.retries = 0;
    opts.backoff = Duration::from_millis(10);
    opts.wechatpay_serial = p.wechatpay_public_key_id.clone();
    f(&mut opts);
    Client::new(opts, p.load_signer().unwrap(), p.load_verifier().unwrap())
}

/// The library side: the sandbox's profiles through the library's client.
impl Lab {
    pub fn profile(&self, name: &str) -> Profile {
        load_profile(&self.config(), name)
    }

    pub fn verifier(&self) -> Verifier {
        self.profile("sandbox").load_verifier().unwrap()
    }

    pub fn apiv3_key(&self, name: &str) -> ApiV3Key {
        self.profile(name).load_apiv3_key(None, |_| None).unwrap()
    }

    /// The library's signing, verifying client for a profile; no retries unless asked.
    pub fn client_with(&self, name: &str, f: impl FnOnce(&mut ClientOptions)) -> Client {
        client_for(&self.config(), name, f)
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
        // Generous: at --notify-speed 1000 the §7.3 schedule's later gaps are 10.8 s and 21.6 s,
        // and a loaded 2-core CI machine can push a delivery past the shorter ones.
        let deadline = Instant::now() + Duration::from_secs(60);
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
