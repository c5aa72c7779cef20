//! `wxcombine sandbox serve | pay | seed | fault | rotate-cert` (cli.md `sandbox`, issue 3). `serve` runs the
//! emulator in this process; the others call its control endpoints at the profile's base_url.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context as _, Result};
use serde::Serialize;
use serde_json::{Value, json};

use super::{Context, Outcome};
use crate::api::ApiError;
use crate::api::types::CombineOrder;
use crate::cli::{
    FaultAction, SandboxCommand, SandboxFaultArgs, SandboxPayArgs, SandboxRotateCertArgs,
    SandboxSeedArgs, SandboxServeArgs,
};
use crate::error::Failure;
use crate::render::{Nothing, View, kv_table, list_table, to_json};
use crate::sandbox::{Fault, FaultKind, RotationView, SandboxOptions, SeedView};
use crate::transport::TransportError;
use crate::transport::http::{build_client, describe, send_raw};

pub fn run(ctx: &Context, cmd: &SandboxCommand) -> Result<Outcome> {
    match cmd {
        SandboxCommand::Serve(a) => serve(ctx, a),
        SandboxCommand::Pay(a) => pay(ctx, a),
        SandboxCommand::Seed(a) => seed(ctx, a),
        SandboxCommand::Fault(a) => fault(ctx, a),
        SandboxCommand::RotateCert(a) => rotate_cert(ctx, a),
        SandboxCommand::Orders(a) => super::sandbox_inspect::orders(ctx, a),
        SandboxCommand::Notifications(a) => super::sandbox_inspect::notifications(ctx, a),
        SandboxCommand::Requests(a) => super::sandbox_inspect::requests(ctx, a),
        SandboxCommand::Clock(a) => super::sandbox_inspect::clock(ctx, a),
    }
}

/// The 二级商户 for the start notice: all of a few, the first and last of many (`--sub-merchants`).
fn shown_subs(subs: &[String]) -> String {
    match subs {
        [first, second, .., last] if subs.len() > 4 => format!(
            "{first}, {second}, … {last} ({} in all; GET /sandbox/v1/info lists them)",
            subs.len()
        ),
        _ => subs.join(", "),
    }
}

fn serve(ctx: &Context, args: &SandboxServeArgs) -> Result<Outcome> {
    let listen: SocketAddr = super::listen_addr::resolve(&args.listen).map_err(|why| {
        Failure::usage(format!(
            "--listen {:?} {why}; give an address or name and a port, e.g. 127.0.0.1:8780 or localhost:8780",
            args.listen
        ))
    })?;
    if !args.allow_remote && !listen.ip().is_loopback() {
        return Err(Failure::usage(format!(
            "--listen {listen} is not a loopback address; the sandbox's control endpoints (/sandbox/v1/…: pay, seed, faults, clock) are unauthenticated"
        ))
        .hint("listen on 127.0.0.1, or add --allow-remote if every host that can reach it is trusted")
        .into());
    }
    let data_dir = match &args.data_dir {
        Some(d) => d.clone(),
        None => crate::sandbox::default_data_dir().ok_or_else(|| {
            Failure::config("no data directory is known for this user; pass --data-dir")
        })?,
    };
    let opts = SandboxOptions {
        listen,
        data_dir: Some(data_dir.clone()),
        key_mode: args.key_mode,
        notify_speed: args.notify_speed,
        refund_delay: args.refund_delay,
        strict_close_delay: args.strict_close_delay,
        reject_replay: args.reject_replay,
        repeat_close_ok: args.repeat_close_ok,
        duplicate_notifications: args.duplicate_notifications,
        allow_remote: args.allow_remote,
        out_trade_no_min: args.out_trade_no_min,
        service_provider: args.service_provider,
        sub_merchants: args.sub_merchants as usize,
        bill_rate: args.bill_rate,
        ..SandboxOptions::default()
    };
    let sandbox =
        crate::sandbox::Sandbox::open(opts).map_err(|e| startup_error(e, &data_dir, listen))?;
    let addr = sandbox.addr();
    if let Some(path) = &args.write_config {
        let w = sandbox
            .write_config(path)
            .with_context(|| format!("writing --write-config {}", path.display()))?;
        let kept = if w.kept.is_empty() {
            String::new()
        } else {
            format!(" (kept {})", w.kept.join(", "))
        };
        ctx.printer.notice(&format!(
            "wrote profiles {} to {}{kept}",
            w.written.join(", "),
            path.display()
        ));
    }
    let info = sandbox.info();
    ctx.printer.notice(&format!(
        "sandbox: data dir {}, key mode {}, main merchant {} (appid {}, openid {})",
        info.data_dir.display(),
        info.key_mode.as_str(),
        info.merchants[0].mchid,
        info.merchants[0].appid,
        info.merchants[0].openid
    ));
    if info.service_provider {
        ctx.printer.notice(&format!(
            "sandbox: 服务商 mode: {} is a 服务商; its 二级商户 (sub_mchid) are {}",
            info.merchants[0].mchid,
            shown_subs(&info.merchants[0].sub_merchants)
        ));
    }
    if info.out_trade_no_min != crate::api::validate::OUT_TRADE_NO_MIN {
        ctx.printer.notice(&format!(
            "sandbox: order numbers of {}-32 characters are accepted (the client itself still requires 6)",
            info.out_trade_no_min
        ));
    }
    ctx.printer
        .emit_line(&format!("listening on http://{addr}"))?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("wxcombine-sandbox")
        .enable_all()
        .build()
        .context("starting the runtime")?;
    rt.block_on(sandbox.run(async {
        super::shutdown_signal().await;
    }))?;
    ctx.printer.notice("sandbox stopped");
    Ok(Outcome::ok(Nothing))
}

/// Start-up failures the user resolves (issue 14): another `sandbox serve` holds the data dir, or
/// the port is taken. Both are exit 2 with a hint, not "internal". Anything else keeps its chain,
/// under a line naming the data dir.
fn startup_error(
    e: anyhow::Error,
    data_dir: &std::path::Path,
    listen: SocketAddr,
) -> anyhow::Error {
    let locked = e.chain().any(|c| {
        matches!(
            c.downcast_ref::<redb::DatabaseError>(),
            Some(redb::DatabaseError::DatabaseAlreadyOpen)
        ) || matches!(
            c.downcast_ref::<redb::Error>(),
            Some(redb::Error::DatabaseAlreadyOpen)
        )
    });
    if locked {
        return Failure::usage(format!(
            "the data dir {} is in use by another `wxcombine sandbox serve`",
            data_dir.display()
        ))
        .hint("stop the other sandbox, or give this one its own --data-dir")
        .into();
    }
    let bind = e
        .chain()
        .filter_map(|c| c.downcast_ref::<crate::sandbox::BindFailed>())
        .find_map(|b| match b.source.kind() {
            std::io::ErrorKind::AddrInUse => Some((
                format!("--listen {listen}: the address is already in use"),
                "another program (perhaps another sandbox) listens there: stop it, pick another port, or use --listen 127.0.0.1:0 for a free one",
            )),
            std::io::ErrorKind::AddrNotAvailable => Some((
                format!("--listen {listen}: no network interface of this machine has that address"),
                "listen on 127.0.0.1",
            )),
            std::io::ErrorKind::PermissionDenied => Some((
                format!("--listen {listen}: not permitted to listen on that port"),
                "ports below 1024 need privileges; pick a port above 1024",
            )),
            _ => None,
        });
    match bind {
        Some((message, hint)) => Failure::usage(message).hint(hint).into(),
        None => e.context(format!(
            "starting the sandbox with data dir {}",
            data_dir.display()
        )),
    }
}

/// One call to a control endpoint of the sandbox at `profile`'s base_url. The caller loads the
/// profile (and so prints the banner) once: loading it here too printed it twice (issue 15,
/// item 11).
pub(super) fn control(
    ctx: &Context,
    profile: &crate::config::Profile,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> Result<Value> {
    let target = ControlTarget::of(ctx, profile)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    rt.block_on(target.call(method, path, body))
}

/// The sandbox a profile names, and an HTTP client for its control endpoints.
pub(super) struct ControlTarget {
    base: String,
    client: crate::transport::http::HttpClient,
}

impl ControlTarget {
    /// Refuses a profile that is not a sandbox profile (issue 15, item 5): the control endpoints
    /// are the sandbox's own, and nothing of `sandbox …` is ever sent to WeChat Pay's hosts.
    pub(super) fn of(ctx: &Context, profile: &crate::config::Profile) -> Result<Self> {
        if profile.env != crate::config::Env::Sandbox {
            return Err(Failure::config(format!(
                "profile `{}` is a {} profile; `wxcombine sandbox …` talks only to a sandbox (a profile with env = \"sandbox\")",
                profile.name,
                profile.env.as_str()
            ))
            .hint("pass --profile sandbox (written by `wxcombine sandbox serve --write-config FILE`)")
            .into());
        }
        let base = ctx
            .global
            .base_url
            .clone()
            .unwrap_or_else(|| profile.base_url.clone());
        Ok(ControlTarget {
            base: base.trim_end_matches('/').to_string(),
            client: build_client(
                Duration::from_secs(ctx.global.timeout.max(1)),
                &crate::transport::user_agent(),
            ),
        })
    }

    /// `method path` with an optional JSON body; the JSON answer, or the sandbox's refusal as an
    /// API error (exit 4).
    pub(super) async fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value> {
        let base = &self.base;
        let url = format!("{base}{path}");
        let bytes = body
            .map(|b| serde_json::to_vec(&b).expect("json"))
            .unwrap_or_default();
        let mut headers = vec![("Accept", "application/json")];
        if !bytes.is_empty() {
            headers.push(("Content-Type", "application/json"));
        }
        let resp = send_raw(&self.client, method, &url, &headers, bytes)
            .await
            .map_err(|e| TransportError::Network {
                url: url.clone(),
                what: describe(&e),
                attempts: 1,
            })
            .with_context(|| {
                format!("is `wxcombine sandbox serve` running at {base} (the profile's base_url)?")
            })?;
        if !(200..300).contains(&resp.status) {
            let rid = resp.header("Request-ID").map(str::to_string);
            return Err(
                TransportError::api(ApiError::from_response(resp.status, &resp.body, rid)).into(),
            );
        }
        serde_json::from_slice(&resp.body)
            .with_context(|| format!("{url} did not answer JSON; is it a wxcombine sandbox?"))
    }
}

/// A paid order: one row per sub-order, or the order JSON as query returns it.
pub struct OrderView(pub CombineOrder);

impl View for OrderView {
    fn json(&self) -> String {
        to_json(&self.0)
    }
    fn table(&self) -> String {
        super::shared::order_table(super::shared::order_rows(&self.0))
    }
}

fn pay(ctx: &Context, args: &SandboxPayArgs) -> Result<Outcome> {
    let profile = ctx.profile()?;
    let mchid = profile.mchid.clone();
    let no = &args.combine_out_trade_no;
    crate::api::validate::out_trade_no_strict("COMBINE_OUT_TRADE_NO", no)?;
    let v = control(
        ctx,
        &profile,
        "POST",
        &format!("/sandbox/v1/orders/{no}/pay?mchid={mchid}"),
        None,
    )?;
    let order: CombineOrder = serde_json::from_value(v).context("the sandbox's answer")?;
    ctx.printer.notice(&format!(
        "paid {no}; one TRANSACTION.SUCCESS notification is on its way to the order's notify_url"
    ));
    Ok(Outcome::ok(OrderView(order)))
}

pub struct RotationOut(pub RotationView);

impl View for RotationOut {
    fn json(&self) -> String {
        to_json(&self.0)
    }
    fn table(&self) -> String {
        let r = &self.0;
        kv_table(&[
            ("serial_no", r.serial_no.clone()),
            ("usable_from", r.usable_from.clone()),
            ("in_use", r.in_use.clone()),
            ("published", r.published.join(", ")),
        ])
    }
}

fn rotate_cert(ctx: &Context, _args: &SandboxRotateCertArgs) -> Result<Outcome> {
    let profile = ctx.profile()?;
    let v = control(
        ctx,
        &profile,
        "POST",
        "/sandbox/v1/platform-certificates/rotate",
        None,
    )?;
    let view: RotationView = serde_json::from_value(v).context("the sandbox's answer")?;
    ctx.printer.notice(&format!(
        "published platform certificate {}; it signs from {} (business time)",
        view.serial_no, view.usable_from
    ));
    Ok(Outcome::ok(RotationOut(view)))
}

pub struct SeedOut(pub SeedView);

impl View for SeedOut {
    fn json(&self) -> String {
        to_json(&self.0)
    }
    fn table(&self) -> String {
        let s = &self.0;
        kv_table(&[
            ("batch", s.batch.to_string()),
            ("date", s.date.clone()),
            ("orders", s.orders.to_string()),
            ("combine_mchid", s.combine_mchid.clone()),
            ("first", s.first.clone()),
            ("last", s.last.clone()),
        ])
    }
}

fn seed(ctx: &Context, args: &SandboxSeedArgs) -> Result<Outcome> {
    // The one date parser of every --date (issue 15, item 8): today and yesterday in Beijing time.
    let date =
        super::bill::download::parse_date(&args.date, "--date", time::OffsetDateTime::now_utc())?;
    let date = date.to_string();
    if args.orders == 0 {
        return Err(Failure::usage("--orders must be at least 1").into());
    }
    let profile = ctx.profile()?;
    let mchid = profile.mchid.clone();
    let v = control(
        ctx,
        &profile,
        "POST",
        "/sandbox/v1/seed",
        Some(json!({"date": date, "orders": args.orders, "mchid": mchid})),
    )?;
    let view: SeedView = serde_json::from_value(v).context("the sandbox's answer")?;
    Ok(Outcome::ok(SeedOut(view)))
}

#[derive(Serialize)]
pub struct FaultsView {
    pub faults: Vec<Fault>,
}

impl View for FaultsView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn jsonl(&self) -> Vec<String> {
        self.faults.iter().map(to_json).collect()
    }
    fn table(&self) -> String {
        if self.faults.is_empty() {
            return "no faults armed\n".into();
        }
        list_table(
            &["ID", "KIND", "REMAINING", "PATH", "MS"],
            self.faults
                .iter()
                .map(|f| {
                    vec![
                        f.id.to_string(),
                        f.kind.as_str().to_string(),
                        f.remaining.to_string(),
                        f.path.clone().unwrap_or_else(|| "*".into()),
                        f.ms.map(|m| m.to_string()).unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect(),
        )
    }
}

#[derive(Serialize)]
pub struct ClearedView {
    pub cleared: u64,
}

impl View for ClearedView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn table(&self) -> String {
        format!("cleared {} fault(s)\n", self.cleared)
    }
}

fn fault(ctx: &Context, args: &SandboxFaultArgs) -> Result<Outcome> {
    let kind = match args.kind {
        FaultAction::List | FaultAction::Clear => {
            if args.count.is_some() || args.path.is_some() || args.ms.is_some() {
                return Err(Failure::usage(
                    "--count, --path and --ms go with a fault kind, not with list or clear",
                )
                .into());
            }
            if args.kind == FaultAction::List {
                let v = control(ctx, &ctx.profile()?, "GET", "/sandbox/v1/faults", None)?;
                let faults: Vec<Fault> =
                    serde_json::from_value(v["faults"].clone()).context("the sandbox's answer")?;
                return Ok(Outcome::ok(FaultsView { faults }));
            }
            let v = control(ctx, &ctx.profile()?, "DELETE", "/sandbox/v1/faults", None)?;
            return Ok(Outcome::ok(ClearedView {
                cleared: v["cleared"].as_u64().unwrap_or(0),
            }));
        }
        FaultAction::Arm(kind) => kind,
    };
    if kind == FaultKind::Latency && args.ms.is_none() {
        return Err(Failure::usage("latency needs --ms N").into());
    }
    if kind != FaultKind::Latency && args.ms.is_some() {
        return Err(Failure::usage("--ms goes with latency only").into());
    }
    if let Some(p) = &args.path
        && !(p.starts_with('/') || p == "@notify")
    {
        return Err(Failure::usage(format!(
            "--path {p:?} must start with / (or be @notify for notification deliveries)"
        ))
        .into());
    }
    let mut spec = json!({"kind": kind.as_str()});
    if let Some(c) = args.count {
        spec["count"] = json!(c);
    }
    if let Some(p) = &args.path {
        spec["path"] = json!(p);
    }
    if let Some(m) = args.ms {
        spec["ms"] = json!(m);
    }
    let v = control(
        ctx,
        &ctx.profile()?,
        "POST",
        "/sandbox/v1/faults",
        Some(spec),
    )?;
    let faults: Vec<Fault> =
        serde_json::from_value(v["faults"].clone()).context("the sandbox's answer")?;
    Ok(Outcome::ok(FaultsView { faults }))
}
