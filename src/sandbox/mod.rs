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
//!
//! Inside, small services behind narrow interfaces, each owning its state and its store tables
//! (issue 12): [`clock`], [`faults`], [`keys`] (certificates and
//! keys), `orders`, `refunds`, `notify` (notifications) and `bills`; the HTTP layer (`http`)
//! routes, authenticates, dispatches to them and signs the answer. [`Services`] holds one of each.

pub mod bill_rate;
pub mod bills;
pub mod clock;
mod failure;
pub mod faults;
mod http;
pub mod keys;
mod notify;
mod orders;
mod refunds;
mod running;
mod store;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use serde::Serialize;

pub use failure::{ApiFailure, Failure};
pub use faults::{Fault, FaultKind, FaultSpec};
pub use http::control;
pub use http::{check_close_request, check_prepay_body};
pub use keys::{KeyMode, WrittenConfig};
pub use notify::NOTIFY_SCHEDULE_SECS;
pub use orders::SeedBatch;
pub use refunds::{DEFAULT_REFUND_DELAY, RefundRequest};
pub use running::{RunningSandbox, Sandbox};

pub use control::{
    ClockView, NotificationAttempt, NotificationView, OrderSummary, RequestRecord, RotationView,
    SeedRequest, SeedView,
};

use self::bills::Bills;
use self::clock::Clock;
use self::faults::Faults;
use self::keys::Keys;
use self::notify::{Delivery, Notifications};
use self::orders::{OrderRules, Orders};
use self::refunds::Refunds;
use self::store::Store;

/// The default `--listen` of `wxcombine sandbox serve` (cli.md).
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8780";

/// How a sandbox runs. `Default` is what tests want: loopback port 0, a temp data dir, public-key
/// mode, the real notification schedule.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    pub listen: SocketAddr,
    /// `None`: a fresh temp dir, removed when the [`RunningSandbox`] is dropped.
    pub data_dir: Option<PathBuf>,
    pub key_mode: KeyMode,
    /// Run the notification retry schedule N× faster (1 = real time); refunds end N× sooner too.
    pub notify_speed: u32,
    /// How long an accepted refund stays `PROCESSING` before it ends (§14.6; business time,
    /// divided by `notify_speed`).
    pub refund_delay: Duration,
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
    /// 服务商 mode only: this many more 二级商户 of the main 服务商 (ids from
    /// [`keys::extra_sub_mchids`]), listed by `GET /sandbox/v1/info` (issue 14 item 6).
    pub sub_merchants: usize,
    /// Answer the bill-apply endpoints `429 FREQUENCY_LIMITED` beyond this many requests per
    /// second per caller mchid (a token bucket on the real clock); `None`: no limit.
    pub bill_rate: Option<f64>,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: None,
            key_mode: KeyMode::Pubkey,
            notify_speed: 1,
            refund_delay: refunds::DEFAULT_REFUND_DELAY,
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
            sub_merchants: 0,
            bill_rate: None,
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

/// A running sandbox's services, one of each, wired together; what every HTTP handler gets.
pub(crate) struct Services {
    port: u16,
    data_dir: PathBuf,
    clock: Arc<Clock>,
    faults: Arc<Faults>,
    keys: Arc<Keys>,
    orders: Arc<Orders>,
    refunds: Arc<Refunds>,
    notifications: Arc<Notifications>,
    bills: Arc<Bills>,
    bill_rate: bill_rate::BillRate,
    /// The HTTP layer's own state: the request log and the replay window.
    requests: http::RequestLog,
    replay: http::ReplayGuard,
}

impl Services {
    /// The state file in `data_dir`, with every service's tables.
    fn open_store(data_dir: &Path) -> Result<Arc<Store>> {
        Ok(Arc::new(Store::open(
            &data_dir.join("state.redb"),
            &[
                Orders::create_tables,
                Refunds::create_tables,
                Notifications::create_tables,
                Bills::create_tables,
            ],
        )?))
    }

    /// Wire the services together over the identities and the store of `data_dir`.
    fn new(
        opts: &SandboxOptions,
        data_dir: PathBuf,
        ids: keys::Identities,
        store: Arc<Store>,
        port: u16,
    ) -> Result<Self> {
        let clock = Arc::new(Clock::open(store.clone())?);
        let faults = Arc::new(Faults::default());
        let keys = Arc::new(Keys::new(
            ids,
            opts.key_mode,
            opts.service_provider,
            opts.mixed_alternate_responses,
            clock.clone(),
            opts.sub_merchants,
        ));
        let notifications = Arc::new(Notifications::open(
            store.clone(),
            keys.clone(),
            faults.clone(),
            Delivery {
                speed: opts.notify_speed,
                timeout: opts.notify_timeout,
                duplicate: opts.duplicate_notifications,
            },
        )?);
        let orders = Arc::new(Orders::open(
            store.clone(),
            clock.clone(),
            keys.clone(),
            notifications.clone(),
            OrderRules {
                out_trade_no_min: opts.out_trade_no_min,
                strict_close_delay: opts.strict_close_delay,
                repeat_close_ok: opts.repeat_close_ok,
            },
        )?);
        let refunds = Arc::new(Refunds::new(
            store.clone(),
            clock.clone(),
            keys.clone(),
            faults.clone(),
            orders.clone(),
            notifications.clone(),
            opts.refund_delay,
            opts.notify_speed,
        ));
        let bills = Arc::new(Bills::new(
            store,
            clock.clone(),
            keys.clone(),
            orders.clone(),
            refunds.clone(),
            data_dir.clone(),
        ));
        Ok(Services {
            port,
            data_dir,
            clock,
            faults,
            keys,
            orders,
            refunds,
            notifications,
            bills,
            bill_rate: bill_rate::BillRate::new(opts.bill_rate),
            requests: Default::default(),
            replay: http::ReplayGuard::new(opts.reject_replay),
        })
    }

    pub fn info(&self) -> SandboxInfo {
        let platform = &self.keys.identities().platform;
        SandboxInfo {
            key_mode: self.keys.mode(),
            service_provider: self.keys.service_provider(),
            out_trade_no_min: self.orders.rules().out_trade_no_min,
            base_url: format!("http://127.0.0.1:{}", self.port),
            backup_base_url: format!("http://localhost:{}", self.port),
            public_key_id: platform.public_key_id.clone(),
            public_key_file: platform.public_key_file.clone(),
            platform_cert_serial: platform.first_cert().cert.serial.clone(),
            platform_cert_dir: platform.cert_dir.clone(),
            data_dir: self.data_dir.clone(),
            merchants: self.keys.merchant_infos(),
        }
    }

    /// The `--write-config` text for this sandbox.
    pub fn config_text(&self) -> String {
        self.keys.config_text(self.port)
    }

    /// Add or replace the `sandbox*` profiles in the config at `path`, keeping every other
    /// profile (0600, atomically; see [`keys::write_config`]).
    pub fn write_config(&self, path: &Path) -> Result<WrittenConfig> {
        keys::write_config(path, &self.config_text())
    }
}
