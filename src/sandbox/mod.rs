//! The sandbox: a strict, signing, stateful, durable local emulator of WeChat Pay APIv3 for
//! combine payments (issue 3, apiv3.md §13). It owns the server, its state, notifications, bills
//! and faults; it uses `signing`, `api`, `transport::http` and `config`, never `commands`.
//!
//! In-process use (tests, `wxcombine demo`):
//!
//! ```no_run
//! use wxcombine::sandbox::{RunningSandbox, SandboxOptions};
//! let sb = RunningSandbox::start(SandboxOptions::default()).unwrap(); // 127.0.0.1:0, temp data dir
//! sb.write_config(std::path::Path::new("/tmp/config.toml")).unwrap(); // profiles sandbox, sandbox-sub1, sandbox-sub2
//! println!("{}", sb.base_url());
//! // … run commands against it; sb.pay("P2024…"), sb.notifications(), sb.requests() …
//! drop(sb); // stops the server and joins its thread
//! ```
//!
//! Control endpoints (unauthenticated JSON, under `/sandbox/v1/`) are listed in [`control`].

mod api;
mod bills;
pub mod clock;
pub mod control;
pub mod faults;
pub mod keys;
mod notify;
mod orders;
mod respond;
mod seed;
mod server;
mod store;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use anyhow::{Context as _, Result};
use serde::Serialize;

pub use api::{check_close_request, check_prepay_body};
pub use control::{
    ClockView, NotificationAttempt, NotificationView, RequestRecord, RotationView, SeedRequest,
    SeedView,
};
pub use faults::{Fault, FaultKind, FaultSpec};
pub use keys::{KeyMode, WrittenConfig};
pub use orders::RefundRequest;
pub use respond::{ApiFailure, Failure};
pub use seed::SeedBatch;

use crate::api::types::CombineOrder;

/// The default `--listen` of `wxcombine sandbox serve` (cli.md).
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8780";

/// WeChat Pay's retry schedule after a failed notification (apiv3.md §7.3), in seconds.
pub const NOTIFY_SCHEDULE_SECS: [u64; 15] = [
    15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
];

/// How a sandbox runs. `Default` is what tests want: loopback port 0, a temp data dir, public-key
/// mode, the real notification schedule.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    pub listen: SocketAddr,
    /// `None`: a fresh temp dir, removed when the [`RunningSandbox`] is dropped.
    pub data_dir: Option<PathBuf>,
    pub key_mode: KeyMode,
    /// Run the notification retry schedule N× faster (1 = real time).
    pub notify_speed: u32,
    /// How long a notify_url receiver has to answer 200/204 (§7.3: 5 s).
    pub notify_timeout: Duration,
    /// Refuse closing an order within 5 minutes of its creation (§11, §13.21).
    pub strict_close_delay: bool,
    /// Refuse a reused (mchid, nonce_str) within the 5-minute window (§13.8).
    pub reject_replay: bool,
    /// Answer 204 to closing an already closed order instead of 400 ORDER_CLOSED (§13.21).
    pub repeat_close_ok: bool,
    /// After a notification is acknowledged, deliver it once more (§13.23 at-least-once).
    pub duplicate_notifications: bool,
    /// Mixed mode only: alternate the key that signs API responses even when the request's
    /// `Wechatpay-Serial` names one. Stricter than WeChat Pay, which honours the header (§1.3);
    /// tests use it to prove every command verifies both kinds of response (issue 6).
    pub mixed_alternate_responses: bool,
    /// Allow a non-loopback listen address (the control endpoints are unauthenticated).
    pub allow_remote: bool,
    /// Worker threads of the runtime [`RunningSandbox`] starts.
    pub worker_threads: usize,
    /// The shortest order number prepay and close accept: 1, 2 or 6 (§6.2 [UNCERTAIN] lower
    /// bound; §13.14 "configurable lower bound 1/2/6"). The default is the strictest, 6.
    pub out_trade_no_min: usize,
    /// 服务商 mode (§6.3): the main merchant is a 服务商/电商平台 whose 二级商户 (sub_mchid) are the
    /// two other merchants; its orders name them in `sub_mchid` (1–50 sub-orders), and it fetches
    /// their trade bills with `?sub_mchid=`. Off: all three are direct merchants (issue 3).
    pub service_provider: bool,
    /// On first start, copy the identities (keys, certificates, ids) from this data dir instead
    /// of generating new ones (RSA key generation takes most of a second): tests start many
    /// sandboxes from one template made with [`keys::load_or_create`].
    pub identities_from: Option<PathBuf>,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: None,
            key_mode: KeyMode::Pubkey,
            notify_speed: 1,
            notify_timeout: Duration::from_secs(5),
            strict_close_delay: false,
            reject_replay: false,
            repeat_close_ok: false,
            duplicate_notifications: false,
            mixed_alternate_responses: false,
            allow_remote: false,
            worker_threads: 2,
            out_trade_no_min: crate::api::validate::OUT_TRADE_NO_MIN,
            service_provider: false,
            identities_from: None,
        }
    }
}

/// `<data dir>/wxcombine/sandbox`, the default `--data-dir`.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("wxcombine").join("sandbox"))
}

/// A refused `--listen`.
#[derive(Debug, thiserror::Error)]
#[error(
    "--listen {0} is not a loopback address; the sandbox's control endpoints (/sandbox/v1/…: pay, seed, faults, clock) are unauthenticated, so it binds loopback only unless --allow-remote is given"
)]
pub struct RemoteRefused(pub SocketAddr);

/// The listening socket could not be bound (a busy port, an address not on this machine).
#[derive(Debug, thiserror::Error)]
#[error("cannot listen on {addr}")]
pub struct BindFailed {
    pub addr: SocketAddr,
    #[source]
    pub source: std::io::Error,
}

/// A refused [`SandboxOptions::out_trade_no_min`].
#[derive(Debug, thiserror::Error)]
#[error("out_trade_no_min {0} is not one of 1, 2, 6 (the lower bounds the docs give, §6.2)")]
pub struct OutTradeNoMinRefused(pub usize);

/// One merchant as `GET /sandbox/v1/info` describes it.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct MerchantInfo {
    pub profile: String,
    pub mchid: String,
    pub appid: String,
    /// A payer known under `appid` (JSAPI prepay passes the OPENID check with it).
    pub openid: String,
    pub serial_no: String,
    /// Merchants whose sub-orders it may combine (itself first); in 服务商 mode only the 服务商
    /// itself (its sub-orders carry its own mchid), and nobody for a 二级商户.
    pub related: Vec<String>,
    /// 服务商 mode: the 二级商户 it may name in `sub_mchid` (empty otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_merchants: Vec<String>,
    pub private_key_file: PathBuf,
    pub merchant_cert_file: PathBuf,
    pub apiv3_key_file: PathBuf,
}

/// `GET /sandbox/v1/info`.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct SandboxInfo {
    pub key_mode: KeyMode,
    /// `--service-provider`: the main merchant is a 服务商 (see [`SandboxOptions::service_provider`]).
    #[serde(default)]
    pub service_provider: bool,
    /// `--out-trade-no-min`.
    #[serde(default = "default_out_trade_no_min")]
    pub out_trade_no_min: usize,
    pub base_url: String,
    pub backup_base_url: String,
    pub public_key_id: String,
    pub public_key_file: PathBuf,
    pub platform_cert_serial: String,
    pub platform_cert_dir: PathBuf,
    pub data_dir: PathBuf,
    pub merchants: Vec<MerchantInfo>,
}

fn default_out_trade_no_min() -> usize {
    crate::api::validate::OUT_TRADE_NO_MIN
}

/// Shared state of a running sandbox.
pub(crate) struct Core {
    pub opts: SandboxOptions,
    pub data_dir: PathBuf,
    pub ids: keys::Identities,
    pub store: store::Store,
    pub clock: clock::Clock,
    pub faults: faults::Faults,
    pub requests: Mutex<(u64, VecDeque<RequestRecord>)>,
    pub notify_wake: tokio::sync::Notify,
    pub replay: Mutex<HashMap<(String, String), i64>>,
    pub bill_lock: Mutex<()>,
    pub mixed_counter: AtomicU64,
    pub seeds: RwLock<Vec<SeedBatch>>,
    /// Notifications still to be (re)sent: key → real Unix ms due.
    pub pending: Mutex<HashMap<String, i64>>,
    pub port: u16,
}

/// How many request records `GET /sandbox/v1/requests` keeps.
const REQUEST_LOG_MAX: usize = 100_000;

impl Core {
    pub fn info(&self) -> SandboxInfo {
        SandboxInfo {
            key_mode: self.opts.key_mode,
            service_provider: self.opts.service_provider,
            out_trade_no_min: self.opts.out_trade_no_min,
            base_url: format!("http://127.0.0.1:{}", self.port),
            backup_base_url: format!("http://localhost:{}", self.port),
            public_key_id: self.ids.platform.public_key_id.clone(),
            public_key_file: self.ids.platform.public_key_file.clone(),
            platform_cert_serial: self.ids.platform.first_cert().cert.serial.clone(),
            platform_cert_dir: self.ids.platform.cert_dir.clone(),
            data_dir: self.data_dir.clone(),
            merchants: self
                .ids
                .merchants
                .iter()
                .map(|m| MerchantInfo {
                    profile: m.profile.clone(),
                    mchid: m.mchid.clone(),
                    appid: m.appid.clone(),
                    openid: m.openid.clone(),
                    serial_no: m.serial_no.clone(),
                    related: self.related_to(&m.mchid),
                    sub_merchants: self.sub_merchants_of(&m.mchid),
                    private_key_file: m.private_key_file.clone(),
                    merchant_cert_file: m.merchant_cert_file.clone(),
                    apiv3_key_file: m.apiv3_key_file.clone(),
                })
                .collect(),
        }
    }

    /// Whether sub-orders with `mchid` = `sub` may be combined by `combine` (§6.2 关联关系). In
    /// 服务商 mode a sub-order's mchid is the 服务商's own (§6.3), so only the 服务商 itself.
    pub fn related(&self, combine: &str, sub: &str) -> bool {
        if self.opts.service_provider {
            combine == sub && !self.ids.sub_merchants_of(combine).is_empty()
        } else {
            self.ids.related(combine, sub)
        }
    }

    /// The merchants `mchid` may combine with, itself first.
    pub fn related_to(&self, mchid: &str) -> Vec<String> {
        self.ids
            .merchants
            .iter()
            .filter(|m| self.related(mchid, &m.mchid))
            .map(|m| m.mchid.clone())
            .collect()
    }

    /// 服务商 mode: the 二级商户 `mchid` serves; empty in direct mode or for a non-服务商.
    pub fn sub_merchants_of(&self, mchid: &str) -> Vec<String> {
        if self.opts.service_provider {
            self.ids.sub_merchants_of(mchid)
        } else {
            Vec::new()
        }
    }

    pub fn log_request(&self, mut rec: RequestRecord) {
        let mut g = self.requests.lock().expect("request log lock");
        g.0 += 1;
        rec.id = g.0;
        g.1.push_back(rec);
        while g.1.len() > REQUEST_LOG_MAX {
            g.1.pop_front();
        }
    }
}

/// An opened sandbox: identities loaded, state opened, socket bound; not yet serving.
pub struct Sandbox {
    core: Arc<Core>,
    listener: std::net::TcpListener,
    temp: Option<tempfile::TempDir>,
}

impl Sandbox {
    /// Open and serve on a background thread: the same as [`RunningSandbox::start`].
    pub fn start(opts: SandboxOptions) -> Result<RunningSandbox> {
        RunningSandbox::start(opts)
    }

    /// Load or create the identities and state in the data dir, and bind the socket.
    pub fn open(opts: SandboxOptions) -> Result<Self> {
        if !opts.allow_remote && !opts.listen.ip().is_loopback() {
            return Err(RemoteRefused(opts.listen).into());
        }
        if !crate::api::validate::OUT_TRADE_NO_MINS.contains(&opts.out_trade_no_min) {
            return Err(OutTradeNoMinRefused(opts.out_trade_no_min).into());
        }
        let (data_dir, temp) = match &opts.data_dir {
            Some(d) => (d.clone(), None),
            None => {
                let t = tempfile::Builder::new()
                    .prefix("wxcombine-sandbox")
                    .tempdir()
                    .context("creating a temp data dir")?;
                (t.path().to_path_buf(), Some(t))
            }
        };
        if !data_dir.exists() {
            // Keys live here: the folder is the owner's alone.
            use std::os::unix::fs::DirBuilderExt;
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(&data_dir)
                .with_context(|| format!("creating the data dir {}", data_dir.display()))?;
        }
        let data_dir = std::path::absolute(&data_dir).unwrap_or(data_dir);
        if let Some(template) = &opts.identities_from {
            keys::copy_identities(template, &data_dir)?;
        }
        let ids = keys::load_or_create(&data_dir)?;
        let store = store::Store::open(&data_dir.join("state.redb"))?;
        let clock = clock::Clock::new(store.meta_i64("clock_offset_ms")?);
        let seeds = store.seeds::<SeedBatch>()?;
        let pending = notify::load_pending(&store)?;
        let listener = std::net::TcpListener::bind(opts.listen).map_err(|source| BindFailed {
            addr: opts.listen,
            source,
        })?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let core = Core {
            opts,
            data_dir,
            ids,
            store,
            clock,
            faults: Default::default(),
            requests: Mutex::new((0, VecDeque::new())),
            notify_wake: tokio::sync::Notify::new(),
            replay: Mutex::new(HashMap::new()),
            bill_lock: Mutex::new(()),
            mixed_counter: AtomicU64::new(0),
            seeds: RwLock::new(seeds),
            pending: Mutex::new(pending),
            port,
        };
        Ok(Sandbox {
            core: Arc::new(core),
            listener,
            temp,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound socket has an address")
    }

    pub fn info(&self) -> SandboxInfo {
        self.core.info()
    }

    /// The `--write-config` text for this sandbox.
    pub fn config_text(&self) -> String {
        keys::config_text(
            &self.core.ids,
            self.core.opts.key_mode,
            self.core.opts.service_provider,
            self.core.port,
        )
    }

    /// Add or replace the `sandbox*` profiles in the config at `path`, keeping every other
    /// profile (0600, atomically; see [`keys::write_config`]).
    pub fn write_config(&self, path: &Path) -> Result<WrittenConfig> {
        keys::write_config(path, &self.config_text())
    }

    /// Serve until `shutdown` resolves, then stop accepting, let in-flight requests finish (2 s at
    /// most) and return. Pending notifications stay in the store for the next start.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) -> Result<()> {
        let listener = tokio::net::TcpListener::from_std(self.listener)?;
        let notifier = tokio::spawn(notify::run(self.core.clone()));
        let r = server::serve(self.core.clone(), listener, shutdown).await;
        notifier.abort();
        drop(self.temp);
        r
    }
}

/// A sandbox serving on its own thread with its own tokio runtime; stops when dropped.
pub struct RunningSandbox {
    core: Arc<Core>,
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    temp: Option<tempfile::TempDir>,
}

impl RunningSandbox {
    /// Open and start serving; returns once the socket is listening.
    pub fn start(opts: SandboxOptions) -> Result<Self> {
        let workers = opts.worker_threads.max(1);
        let mut sb = Sandbox::open(opts)?;
        let temp = sb.temp.take();
        let core = sb.core.clone();
        let addr = sb.addr();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .thread_name("wxcombine-sandbox")
            .enable_all()
            .build()
            .context("starting the sandbox runtime")?;
        let thread = std::thread::Builder::new()
            .name("wxcombine-sandbox".into())
            .spawn(move || {
                let r = rt.block_on(sb.run(async {
                    let _ = stopped.await;
                }));
                if let Err(e) = r {
                    eprintln!("sandbox stopped: {e:#}");
                }
                rt.shutdown_timeout(Duration::from_secs(2));
            })
            .context("starting the sandbox thread")?;
        Ok(RunningSandbox {
            core,
            addr,
            stop: Some(stop),
            thread: Some(thread),
            temp,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`: the primary host name.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.addr.port())
    }

    /// `http://localhost:PORT`: the backup host name (§13.3).
    pub fn backup_base_url(&self) -> String {
        format!("http://localhost:{}", self.addr.port())
    }

    pub fn data_dir(&self) -> &Path {
        &self.core.data_dir
    }

    pub fn info(&self) -> SandboxInfo {
        self.core.info()
    }

    pub fn config_text(&self) -> String {
        keys::config_text(
            &self.core.ids,
            self.core.opts.key_mode,
            self.core.opts.service_provider,
            self.addr.port(),
        )
    }

    /// Write the three profiles (`sandbox`, `sandbox-sub1`, `sandbox-sub2`) into the config at
    /// `path`, keeping its other profiles (0600, atomically; see [`keys::write_config`]).
    pub fn write_config(&self, path: &Path) -> Result<WrittenConfig> {
        keys::write_config(path, &self.config_text())
    }

    /// Pay an order of the main merchant (as `POST /sandbox/v1/orders/{no}/pay`).
    pub fn pay(&self, combine_out_trade_no: &str) -> Result<CombineOrder> {
        self.pay_as(None, combine_out_trade_no)
    }

    /// Pay an order of `combine_mchid` (`None`: whichever merchant has that number).
    pub fn pay_as(
        &self,
        combine_mchid: Option<&str>,
        combine_out_trade_no: &str,
    ) -> Result<CombineOrder> {
        self.core
            .pay(combine_mchid, combine_out_trade_no)
            .map_err(|f| anyhow::anyhow!("{} {}: {}", f.status, f.code, f.message))
    }

    /// Expire an unpaid order now (as `POST /sandbox/v1/orders/{no}/expire`): it reads `CLOSED`.
    pub fn expire(&self, combine_out_trade_no: &str) -> Result<CombineOrder> {
        self.core
            .expire(None, combine_out_trade_no)
            .map_err(|f| anyhow::anyhow!("{} {}: {}", f.status, f.code, f.message))
    }

    /// Refund `amount` fen (default: all that is left) of sub-order `out_trade_no` of a paid order
    /// (as `POST /sandbox/v1/orders/{no}/refund`); returns the refund as JSON.
    pub fn refund(
        &self,
        combine_out_trade_no: &str,
        out_trade_no: &str,
        amount: Option<i64>,
    ) -> Result<serde_json::Value> {
        self.core
            .refund(
                None,
                combine_out_trade_no,
                &RefundRequest {
                    out_trade_no: out_trade_no.into(),
                    amount,
                    out_refund_no: None,
                },
            )
            .map_err(|f| anyhow::anyhow!("{} {}: {}", f.status, f.code, f.message))
    }

    /// Create `orders` paid combine orders on `date` (`yyyy-MM-dd`) for the main merchant.
    pub fn seed(&self, date: &str, orders: u64) -> Result<SeedView> {
        self.core
            .seed(&SeedRequest {
                date: date.into(),
                orders,
                mchid: None,
            })
            .map_err(|f| anyhow::anyhow!("{} {}: {}", f.status, f.code, f.message))
    }

    pub fn add_fault(&self, spec: FaultSpec) -> Result<Fault> {
        self.core.faults.add(spec).map_err(anyhow::Error::msg)
    }

    pub fn clear_faults(&self) -> usize {
        self.core.faults.clear()
    }

    /// The faults still armed (as `GET /sandbox/v1/faults`).
    pub fn faults(&self) -> Vec<Fault> {
        self.core.faults.list()
    }

    /// Set the business clock to `now` (RFC 3339).
    /// Publish a new platform certificate that signs from 24 h (business time) on (§13.11).
    pub fn rotate_platform_cert(&self) -> Result<RotationView> {
        self.core
            .rotate_cert()
            .map_err(|f| anyhow::anyhow!("{} {}: {}", f.status, f.code, f.message))
    }

    pub fn set_clock(&self, now: &str) -> Result<ClockView> {
        self.core
            .set_clock(&control::ClockRequest {
                now: Some(now.into()),
                ..Default::default()
            })
            .map_err(|f| anyhow::anyhow!("{}", f.message))
    }

    /// Move the business clock by `secs` (may be negative).
    pub fn advance_clock(&self, secs: i64) -> Result<ClockView> {
        self.core
            .set_clock(&control::ClockRequest {
                advance_secs: Some(secs),
                ..Default::default()
            })
            .map_err(|f| anyhow::anyhow!("{}", f.message))
    }

    /// Business time now, Unix seconds.
    pub fn business_now(&self) -> i64 {
        self.core.clock.now()
    }

    pub fn notifications(&self) -> Result<Vec<NotificationView>> {
        self.core.notification_views(None)
    }

    /// The API requests received so far (control endpoints are not logged).
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.core
            .requests
            .lock()
            .expect("request log lock")
            .1
            .iter()
            .cloned()
            .collect()
    }

    /// Forget the request log (`DELETE /sandbox/v1/requests`); returns how many were dropped.
    pub fn clear_requests(&self) -> usize {
        let mut g = self.core.requests.lock().expect("request log lock");
        let n = g.1.len();
        g.1.clear();
        n
    }

    /// Stop serving and wait for the thread.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        self.stop_and_join();
        drop(self.temp.take());
    }
}
