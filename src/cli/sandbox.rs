use std::path::PathBuf;

use std::sync::OnceLock;

use clap::builder::PossibleValue;
use clap::{Args, Subcommand, ValueEnum};

use crate::sandbox::{FaultKind, KeyMode};

/// Run and drive a local WeChat Pay APIv3 emulator
///
/// A strict, signing, stateful emulator of WeChat Pay APIv3 for combine payments: it checks every
/// request's signature and fields, signs every answer, keeps orders, payments, notifications and
/// bills in its data dir, and can inject faults. Its control endpoints (/sandbox/v1/…) are
/// unauthenticated, so it listens on loopback only.
#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    Serve(SandboxServeArgs),
    Pay(SandboxPayArgs),
    Seed(SandboxSeedArgs),
    Fault(SandboxFaultArgs),
    RotateCert(SandboxRotateCertArgs),
    // Seeing what the sandbox holds (issue 15, item 5): src/cli/sandbox_inspect.rs.
    Orders(super::SandboxOrdersArgs),
    Notifications(super::SandboxNotificationsArgs),
    Requests(super::SandboxRequestsArgs),
    Clock(super::SandboxClockArgs),
}

/// Start the emulator and serve until interrupted
///
/// Prints `listening on http://ADDR` as its first line on stdout. On first start it generates three
/// merchants (keys, certificates, APIv3 keys) and WeChat Pay's keys into the data dir; later starts
/// reuse them, with every order, payment, pending notification and bill. Stops cleanly on Ctrl-C or
/// SIGTERM.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine sandbox serve --write-config ~/.config/wxcombine/config.toml\n  wxcombine sandbox serve --listen 127.0.0.1:0 --data-dir ./sb --key-mode mixed\n  wxcombine sandbox serve --service-provider --out-trade-no-min 2"
)]
pub struct SandboxServeArgs {
    /// Address to listen on: IP:PORT or NAME:PORT like localhost:8780 (port 0 picks a free port)
    #[arg(long, value_name = "ADDR", default_value = crate::sandbox::DEFAULT_LISTEN)]
    pub listen: String,

    /// Where keys and state live [default: <data dir>/wxcombine/sandbox]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Add profiles sandbox, sandbox-sub1, sandbox-sub2 for this server to a config file, keeping
    /// its other profiles
    #[arg(long, value_name = "FILE")]
    pub write_config: Option<PathBuf>,

    /// How WeChat Pay's side signs: public key (PUB_KEY_ID_…), platform certificate, or both
    #[arg(long, value_enum, value_name = "MODE", default_value_t = KeyMode::Pubkey)]
    pub key_mode: KeyMode,

    /// Run the notification retry schedule N times faster
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub notify_speed: u32,

    /// How long a refund stays PROCESSING before it ends, in business time (--notify-speed shortens it too)
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_refund_delay)]
    pub refund_delay: std::time::Duration,

    /// Refuse closing an order within 5 minutes of its creation
    #[arg(long)]
    pub strict_close_delay: bool,

    /// Refuse a request whose (mchid, nonce_str) was already used within 5 minutes
    #[arg(long)]
    pub reject_replay: bool,

    /// Answer 204 to closing an already closed order (default: 400 ORDER_CLOSED)
    #[arg(long)]
    pub repeat_close_ok: bool,

    /// Deliver every acknowledged notification once more, as WeChat Pay sometimes does
    #[arg(long)]
    pub duplicate_notifications: bool,

    /// Allow a non-loopback --listen address (the control endpoints are unauthenticated)
    #[arg(long)]
    pub allow_remote: bool,

    /// Shortest order number accepted: 1, 2 or 6 characters (the docs disagree; 6 is strictest)
    #[arg(long, value_name = "N", default_value_t = 6, value_parser = out_trade_no_min)]
    pub out_trade_no_min: usize,

    /// Make the main merchant a 服务商 whose 二级商户 (sub_mchid) are sandbox-sub1 and sandbox-sub2
    #[arg(long)]
    pub service_provider: bool,

    // Bills for many sub-merchants (issue 14 item 6), one block.
    /// With --service-provider: register N more 二级商户 (ids 1990000001, 1990000002, …) of the
    /// main 服务商; `sandbox seed` spreads its orders over all of them
    #[arg(long, value_name = "N", default_value_t = 0, requires = "service_provider", value_parser = clap::value_parser!(u32).range(0..=100_000))]
    pub sub_merchants: u32,

    /// Answer the bill-apply endpoints 429 FREQUENCY_LIMITED beyond R requests per second per
    /// merchant (default: no limit)
    #[arg(long, value_name = "R", value_parser = positive_rate)]
    pub bill_rate: Option<f64>,
}

/// `--bill-rate`: a positive number of requests per second.
fn positive_rate(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(r) if r.is_finite() && r > 0.0 => Ok(r),
        _ => Err("must be a number of requests per second above 0, e.g. 5 or 0.5".into()),
    }
}

/// `--out-trade-no-min`: only the lower bounds the docs give (apiv3.md §6.2, §13.14).
fn out_trade_no_min(s: &str) -> Result<usize, String> {
    match s {
        "1" => Ok(1),
        "2" => Ok(2),
        "6" => Ok(6),
        _ => Err("must be 1, 2 or 6 (the lower bounds WeChat Pay's docs give)".into()),
    }
}

/// Play the payer: pay every sub-order of a combine order
///
/// Calls the sandbox named by the profile's base_url. All sub-orders become SUCCESS and one
/// encrypted, signed TRANSACTION.SUCCESS notification goes to the order's notify_url, retried on
/// WeChat Pay's schedule until acknowledged.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine sandbox pay P20150806125346\n  wxcombine sandbox pay P20150806125346 --profile sandbox-sub1 -o json"
)]
pub struct SandboxPayArgs {
    /// The combine order to pay (of the profile's merchant)
    #[arg(value_name = "COMBINE_OUT_TRADE_NO")]
    pub combine_out_trade_no: String,
}

/// Publish a new platform certificate, as WeChat Pay does before a rotation
///
/// Cert and mixed key modes only. GET /v3/certificates lists the new certificate at once; it signs
/// responses and notifications 24 hours later in business time (POST /sandbox/v1/clock moves it);
/// until then the current one does. Clients that cache certificates must fetch it in time, or at
/// least on the first unknown Wechatpay-Serial.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine sandbox rotate-cert\n  wxcombine sandbox rotate-cert -o json"
)]
pub struct SandboxRotateCertArgs {}

/// Create many paid combine orders on one day, for bills
///
/// The first sub-order of each order belongs to the profile's merchant, the second to a related
/// merchant, so every merchant's bill for that day has rows. Seeded orders are stored compactly and
/// behave like paid orders in query, close and bills.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine sandbox seed --date 2026-01-31 --orders 1000\n  wxcombine sandbox seed --date 2026-01-31 --orders 1000000 -o json"
)]
pub struct SandboxSeedArgs {
    /// Day the orders were paid: YYYY-MM-DD, today or yesterday (Beijing time)
    #[arg(long, value_name = "DATE")]
    pub date: String,

    /// How many combine orders
    #[arg(long, value_name = "N")]
    pub orders: u64,
}

/// What `sandbox fault` does: arm one of the sandbox's fault kinds, or list or clear the armed
/// ones. The kinds, their names and their help are [`FaultKind`]'s own (issue 12: no mirror enum
/// to keep in step); only `list` and `clear` are added here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultAction {
    Arm(FaultKind),
    List,
    Clear,
}

impl ValueEnum for FaultAction {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: OnceLock<Vec<FaultAction>> = OnceLock::new();
        ALL.get_or_init(|| {
            FaultKind::value_variants()
                .iter()
                .copied()
                .map(FaultAction::Arm)
                .chain([FaultAction::List, FaultAction::Clear])
                .collect()
        })
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        match self {
            FaultAction::Arm(kind) => kind.to_possible_value(),
            FaultAction::List => Some(PossibleValue::new("list").help("List the armed faults")),
            FaultAction::Clear => Some(PossibleValue::new("clear").help("Disarm every fault")),
        }
    }
}

/// Arm a fault for the next request(s), or list or clear them
///
/// A fault applies once by default, or to the next --count requests, optionally only to paths
/// starting with --path (use @notify for notification deliveries, which only the signature faults
/// affect).
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine sandbox fault system-error --count 2\n  wxcombine sandbox fault latency --ms 1500 --path /v3/combine-transactions\n  wxcombine sandbox fault list"
)]
pub struct SandboxFaultArgs {
    /// The fault to arm, or list / clear
    #[arg(value_enum, value_name = "KIND")]
    pub kind: FaultAction,

    /// How many requests it applies to
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub count: Option<u32>,

    /// Only requests whose path starts with PREFIX
    #[arg(long, value_name = "PREFIX")]
    pub path: Option<String>,

    /// Milliseconds of added latency (latency only)
    #[arg(long, value_name = "N")]
    pub ms: Option<u64>,
}

/// `--refund-delay`: a duration such as `60s`, `2m` or `0s` (cli.md "### sandbox").
fn parse_refund_delay(s: &str) -> Result<std::time::Duration, String> {
    humantime::parse_duration(s)
        .map_err(|e| format!("{s:?} is not a duration such as 60s, 2m or 0s ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_kinds_on_the_command_line_are_the_sandboxs_own_plus_list_and_clear() {
        let names: Vec<String> = FaultAction::value_variants()
            .iter()
            .map(|a| a.to_possible_value().unwrap().get_name().to_string())
            .collect();
        let mut expected: Vec<String> = FaultKind::value_variants()
            .iter()
            .map(|k| k.as_str().to_string())
            .collect();
        expected.extend(["list".to_string(), "clear".to_string()]);
        assert_eq!(names, expected);
        for kind in FaultKind::value_variants() {
            assert_eq!(
                FaultAction::from_str(kind.as_str(), false),
                Ok(FaultAction::Arm(*kind))
            );
        }
        assert_eq!(FaultAction::from_str("list", false), Ok(FaultAction::List));
        assert!(FaultAction::from_str("arm", false).is_err());
    }
}
