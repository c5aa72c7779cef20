//! Running a sandbox: [`Sandbox`] opens the data dir and binds the socket, then serves on the
//! caller's runtime; [`RunningSandbox`] does the same on a thread of its own, for tests and
//! `wxcombine demo`, with in-process hooks (pay, seed, faults, clock) that call the services the
//! control endpoints call.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result};

use super::clock::ClockRequest;
use super::failure::to_anyhow;
use super::{
    BindFailed, ClockView, Fault, FaultSpec, NotificationView, OutTradeNoMinRefused, RefundRequest,
    RemoteRefused, RequestRecord, RotationView, SandboxInfo, SandboxOptions, SeedRequest, SeedView,
    Services, WrittenConfig, http, keys, notify,
};
use crate::api::types::CombineOrder;

/// An opened sandbox: identities loaded, state opened, socket bound; not yet serving.
pub struct Sandbox {
    services: Arc<Services>,
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
        let store = Services::open_store(&data_dir)?;
        let listener = std::net::TcpListener::bind(opts.listen).map_err(|source| BindFailed {
            addr: opts.listen,
            source,
        })?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let services = Services::new(&opts, data_dir, ids, store, port)?;
        Ok(Sandbox {
            services: Arc::new(services),
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
        self.services.info()
    }

    /// Add or replace the `sandbox*` profiles in the config at `path`, keeping every other
    /// profile (0600, atomically; see [`keys::write_config`]).
    pub fn write_config(&self, path: &Path) -> Result<WrittenConfig> {
        self.services.write_config(path)
    }

    /// Serve until `shutdown` resolves, then stop accepting, let in-flight requests finish (2 s at
    /// most) and return. Pending notifications stay in the store for the next start.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) -> Result<()> {
        let listener = tokio::net::TcpListener::from_std(self.listener)?;
        let notifier = tokio::spawn(notify::run(self.services.notifications.clone()));
        let r = http::server::serve(self.services.clone(), listener, shutdown).await;
        notifier.abort();
        drop(self.temp);
        r
    }
}

/// A sandbox serving on its own thread with its own tokio runtime; stops when dropped.
pub struct RunningSandbox {
    services: Arc<Services>,
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
        let services = sb.services.clone();
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
            services,
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
        &self.services.data_dir
    }

    pub fn info(&self) -> SandboxInfo {
        self.services.info()
    }

    pub fn config_text(&self) -> String {
        self.services.config_text()
    }

    /// Write the three profiles (`sandbox`, `sandbox-sub1`, `sandbox-sub2`) into the config at
    /// `path`, keeping its other profiles (0600, atomically; see [`keys::write_config`]).
    pub fn write_config(&self, path: &Path) -> Result<WrittenConfig> {
        self.services.write_config(path)
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
        self.services
            .orders
            .pay(combine_mchid, combine_out_trade_no)
            .map_err(to_anyhow)
    }

    /// Expire an unpaid order now (as `POST /sandbox/v1/orders/{no}/expire`): it reads `CLOSED`.
    pub fn expire(&self, combine_out_trade_no: &str) -> Result<CombineOrder> {
        self.services
            .orders
            .expire(None, combine_out_trade_no)
            .map_err(to_anyhow)
    }

    /// Refund `amount` fen (default: all that is left) of sub-order `out_trade_no` of a paid order
    /// (as `POST /sandbox/v1/orders/{no}/refund`); returns the refund as JSON.
    pub fn refund(
        &self,
        combine_out_trade_no: &str,
        out_trade_no: &str,
        amount: Option<i64>,
    ) -> Result<serde_json::Value> {
        self.services
            .refunds
            .hook(
                None,
                combine_out_trade_no,
                &RefundRequest {
                    out_trade_no: out_trade_no.into(),
                    amount,
                    out_refund_no: None,
                },
            )
            .map_err(to_anyhow)
    }

    /// Create `orders` paid combine orders on `date` (`yyyy-MM-dd`) for the main merchant.
    pub fn seed(&self, date: &str, orders: u64) -> Result<SeedView> {
        self.services
            .orders
            .seed(&SeedRequest {
                date: date.into(),
                orders,
                mchid: None,
            })
            .map_err(to_anyhow)
    }

    pub fn add_fault(&self, spec: FaultSpec) -> Result<Fault> {
        self.services.faults.add(spec).map_err(anyhow::Error::msg)
    }

    pub fn clear_faults(&self) -> usize {
        self.services.faults.clear()
    }

    /// The faults still armed (as `GET /sandbox/v1/faults`).
    pub fn faults(&self) -> Vec<Fault> {
        self.services.faults.list()
    }

    /// Publish a new platform certificate that signs from 24 h (business time) on (§13.11).
    pub fn rotate_platform_cert(&self) -> Result<RotationView> {
        self.services.keys.rotate().map_err(to_anyhow)
    }

    /// Set the business clock to `now` (RFC 3339).
    pub fn set_clock(&self, now: &str) -> Result<ClockView> {
        self.services
            .clock
            .set(&ClockRequest {
                now: Some(now.into()),
                ..Default::default()
            })
            .map_err(|f| anyhow::anyhow!("{}", f.message))
    }

    /// Move the business clock by `secs` (may be negative).
    pub fn advance_clock(&self, secs: i64) -> Result<ClockView> {
        self.services
            .clock
            .set(&ClockRequest {
                advance_secs: Some(secs),
                ..Default::default()
            })
            .map_err(|f| anyhow::anyhow!("{}", f.message))
    }

    /// Business time now, Unix seconds.
    pub fn business_now(&self) -> i64 {
        self.services.clock.now()
    }

    pub fn notifications(&self) -> Result<Vec<NotificationView>> {
        self.services.notifications.views(None)
    }

    /// The API requests received so far (control endpoints are not logged).
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.services.requests.since(0)
    }

    /// Forget the request log (`DELETE /sandbox/v1/requests`); returns how many were dropped.
    pub fn clear_requests(&self) -> usize {
        self.services.requests.clear()
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
