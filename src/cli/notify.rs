use std::path::PathBuf;

use clap::{Args, Subcommand};

/// Verify and decrypt payment notifications
#[derive(Debug, Subcommand)]
pub enum NotifyCommand {
    Decrypt(NotifyDecryptArgs),
    Listen(NotifyListenArgs),
    Replay(NotifyReplayArgs),
}

/// Verify and decrypt a captured payment notification
///
/// The body is used byte for byte (from --body FILE, --raw FILE, or stdin). The Wechatpay-* headers
/// come from --headers FILE (raw `Name: value` lines in any case, as copied from a log or from
/// `curl -v`), from --raw FILE (a whole HTTP request: request line, headers, blank line, body),
/// and/or from flags, which win. The signature is checked with the profile's verifier, chosen by
/// the serial (public key, platform certificate, or mixed); WECHATPAY/SIGNTEST/ probes always fail.
/// Then the resource is decrypted with the APIv3 key and printed: -o json gives exactly the
/// decrypted JSON.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine notify decrypt --raw captured-request.txt\n  wxcombine notify decrypt --body body.json --headers headers.txt --max-age 300 -o json"
)]
pub struct NotifyDecryptArgs {
    /// The notification body: FILE, or - for stdin [default: stdin unless --raw]
    #[arg(long, value_name = "FILE", conflicts_with = "raw")]
    pub body: Option<PathBuf>,

    /// Raw `Name: value` header lines (any case; `curl -v` prefixes are fine)
    #[arg(long, value_name = "FILE")]
    pub headers: Option<PathBuf>,

    /// A whole raw HTTP request as captured: request line, headers, blank line, body
    #[arg(long, value_name = "FILE")]
    pub raw: Option<PathBuf>,

    /// Wechatpay-Timestamp (overrides the captured header)
    #[arg(long, value_name = "T")]
    pub timestamp: Option<String>,

    /// Wechatpay-Nonce (overrides the captured header)
    #[arg(long, value_name = "N")]
    pub nonce: Option<String>,

    /// Wechatpay-Signature (overrides the captured header)
    #[arg(long, value_name = "S")]
    pub signature: Option<String>,

    /// Wechatpay-Serial (overrides the captured header)
    #[arg(long, value_name = "SERIAL")]
    pub serial: Option<String>,

    /// Decrypt without checking the signature (the age is still checked when --max-age is given)
    #[arg(long)]
    pub no_verify: bool,

    /// Refuse a notification older than SECS [default: no limit, with a warning past 300 s]
    #[arg(long, value_name = "SECS")]
    pub max_age: Option<u64>,
}

/// Receive notifications locally while developing a handler
///
/// Listens (on loopback by default) for WeChat Pay notifications, verifies and decrypts each one,
/// prints it as it arrives (-o jsonl for scripts), and forwards the decrypted JSON to --forward-to
/// with an X-Wxcombine-Notification-Id header. It answers 204 only when the notification is valid
/// and was forwarded (or there is nowhere to forward to), otherwise 4xx/5xx with
/// {"code":"FAIL","message":…} so that WeChat Pay retries. Repeats of a notification id are
/// acknowledged but not forwarded again.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine notify listen --listen 127.0.0.1:9000 --forward-to http://127.0.0.1:3000/wxpay/notify\n  wxcombine --profile sandbox notify listen -o jsonl"
)]
pub struct NotifyListenArgs {
    /// Address to listen on: IP:PORT or NAME:PORT like localhost:8790 (port 0 picks a free one)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8790")]
    pub listen: String,

    /// POST each decrypted notification to this URL
    #[arg(long, value_name = "URL")]
    pub forward_to: Option<String>,

    /// Path that receives notifications
    #[arg(long, value_name = "PATH", default_value = "/notify")]
    pub path: String,

    /// Refuse notifications older than SECS
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub max_age: u64,

    /// Allow a non-loopback --listen address
    #[arg(long)]
    pub allow_remote: bool,

    /// Stop after this many distinct valid notifications (for scripts and tests)
    #[arg(long, value_name = "N")]
    pub count: Option<u64>,

    /// Save every delivery's raw HTTP request in DIR as <time>-<id>.http (mode 0600), the format
    /// `notify decrypt --raw` and `notify replay` read
    #[arg(long, value_name = "DIR")]
    pub save_raw: Option<PathBuf>,
}

/// Re-deliver a captured notification to an endpoint
///
/// Sends the request saved by `notify listen --save-raw` (or any `--raw` capture) to URL as a POST
/// with the same headers and the same body, byte for byte. Nothing is re-signed: wxcombine holds no
/// WeChat Pay key, so the Wechatpay-Signature is the original one and verifies only with the key
/// that made it (a sandbox's capture against that sandbox's profile). A receiver that checks the
/// age of Wechatpay-Timestamp (WeChat Pay's SDKs allow 5 minutes) refuses an older capture, and
/// one that de-duplicates by notification id acknowledges a repeat without handling it again.
/// Exit 0 when the endpoint answers 2xx, 4 for any other status, 5 when it cannot be reached.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine notify replay captures/20261201T061500.123Z-EV-2018022511223320873.http --to http://127.0.0.1:3000/wxpay/notify\n  wxcombine notify replay captured-request.txt --to https://shop.example.com/wxpay/notify -o json"
)]
pub struct NotifyReplayArgs {
    /// A captured request: request line, headers, blank line, body
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The endpoint to deliver it to (http:// or https://)
    #[arg(long, value_name = "URL")]
    pub to: String,
}
