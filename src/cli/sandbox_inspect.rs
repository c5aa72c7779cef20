//! Clap types of the sandbox's read-side commands (issue 15, item 5): `sandbox orders`,
//! `notifications`, `requests` and `clock`. They read the running sandbox's control endpoints so a
//! developer needs no `curl /sandbox/v1/…`.

use clap::{Args, Subcommand};

/// List the sandbox's combine orders, or show one
///
/// Without a number: the profile's merchant's newest orders (those made through prepay; seeded
/// orders are not listed one by one). With one: that order as query shows it, seeded or not.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine sandbox orders\n  wxcombine sandbox orders P20150806125346 -o json\n  wxcombine sandbox orders --limit 200 -o jsonl"
)]
pub struct SandboxOrdersArgs {
    /// The combine order to show (of the profile's merchant)
    #[arg(value_name = "COMBINE_OUT_TRADE_NO")]
    pub combine_out_trade_no: Option<String>,

    /// How many of the newest orders to list
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=10_000), conflicts_with = "combine_out_trade_no")]
    pub limit: u32,
}

/// List the notifications the sandbox sent, with every delivery attempt
///
/// Each notification's id, order, event type, whether it was acknowledged, and its attempts (time,
/// URL, HTTP status or error, duration). Wechatpay-Signature values are not printed.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine sandbox notifications\n  wxcombine sandbox notifications --order P20150806125346 -o json"
)]
pub struct SandboxNotificationsArgs {
    /// Only the notifications of this combine order
    #[arg(long, value_name = "COMBINE_OUT_TRADE_NO")]
    pub order: Option<String>,
}

/// Show the API requests the sandbox received (its request log)
///
/// One row per /v3/… request: id, time, method, path, HTTP status, WeChat Pay error code and
/// latency. Control requests (/sandbox/v1/…) are not logged; download tokens in paths are
/// redacted. With --follow, new requests are printed as they arrive until Ctrl-C.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine sandbox requests\n  wxcombine sandbox requests --since 120\n  wxcombine sandbox requests --follow -o jsonl"
)]
pub struct SandboxRequestsArgs {
    /// Only requests with an id above ID
    #[arg(long, value_name = "ID")]
    pub since: Option<u64>,

    /// Keep printing new requests as they arrive (stop with Ctrl-C)
    #[arg(long)]
    pub follow: bool,
}

/// Show or move the sandbox's business clock
///
/// Business time drives order times, expiry, refunds and bill availability; signatures always use
/// real time. Without an action, shows the clock.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine sandbox clock\n  wxcombine sandbox clock set 2026-01-31T09:00:00+08:00\n  wxcombine sandbox clock advance 25h\n  wxcombine sandbox clock reset"
)]
pub struct SandboxClockArgs {
    #[command(subcommand)]
    pub action: Option<ClockAction>,
}

#[derive(Debug, Subcommand)]
pub enum ClockAction {
    /// Show business time and its offset from real time
    Show,
    /// Set business time to an RFC 3339 instant
    Set {
        /// e.g. 2026-01-31T09:00:00+08:00
        #[arg(value_name = "RFC3339")]
        time: String,
    },
    /// Move business time forward
    Advance {
        /// e.g. 90s, 25h, 7days
        #[arg(value_name = "DURATION", value_parser = parse_advance)]
        by: std::time::Duration,
    },
    /// Back to real time (offset 0)
    Reset,
}

/// `clock advance DURATION`: a humantime duration, at most 100 years (the sandbox's offset is in
/// seconds of an i64, and nobody means more).
fn parse_advance(s: &str) -> Result<std::time::Duration, String> {
    let d = humantime::parse_duration(s)
        .map_err(|e| format!("{s:?} is not a duration such as 90s, 25h or 7days ({e})"))?;
    if d.as_secs() > 100 * 366 * 86_400 {
        return Err(format!("{s:?} is more than 100 years"));
    }
    Ok(d)
}
