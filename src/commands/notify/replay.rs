//! `notify replay FILE --to URL` (issue 15, item 6): re-deliver a captured notification to the
//! developer's endpoint, headers and body as captured. Nothing is re-signed (wxcombine holds no
//! WeChat Pay key; only the sandbox signs), so the original signature verifies with the key that
//! made it and no other. Exit 0 on a 2xx answer, 4 on any other status (the endpoint answered
//! with an error, as WeChat Pay's own retry rule reads it, apiv3.md §7.3), 5 when unreachable.

use std::time::Duration;

use anyhow::Result;
use serde::Serialize;

use super::read_input;
use crate::api::notification;
use crate::cli::NotifyReplayArgs;
use crate::commands::{Context, Outcome};
use crate::error::{Failure, Kind};
use crate::render::{View, kv_table, to_json};
use crate::transport::TransportError;
use crate::transport::http::{build_client, describe, send_raw};

/// Headers not replayed: the HTTP client writes its own for the new connection and body.
const NOT_REPLAYED: [&str; 5] = [
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "expect",
];

/// How much of a refusing endpoint's answer is shown.
const SHOWN_BODY: usize = 300;

#[derive(Serialize)]
pub struct ReplayView {
    pub to: String,
    pub status: u16,
    /// The envelope's `id`, when the body has one.
    pub notification_id: Option<String>,
    pub wechatpay_serial: Option<String>,
    /// Always false: the capture's own signature was sent.
    pub resigned: bool,
}

impl View for ReplayView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn table(&self) -> String {
        kv_table(&[
            ("to", self.to.clone()),
            ("status", self.status.to_string()),
            (
                "notification_id",
                self.notification_id.clone().unwrap_or_else(|| "-".into()),
            ),
            (
                "wechatpay_serial",
                self.wechatpay_serial.clone().unwrap_or_else(|| "-".into()),
            ),
            (
                "signature",
                "as captured (not re-signed: only the sandbox or WeChat Pay signs)".into(),
            ),
        ])
    }
}

pub fn run(ctx: &Context, args: &NotifyReplayArgs) -> Result<Outcome> {
    crate::transport::split_url(&args.to)
        .map_err(|e| Failure::usage(format!("--to {:?}: {}", e.url, e.why)))?;
    let shown_to = crate::transport::redact_url(&args.to);
    // The same cap as `notify decrypt` (a real notification is a few KiB).
    let raw = read_input(&args.file, "FILE")?;
    let (headers, body) = notification::parse_raw_request(&raw)
        .map_err(|e| Failure::usage(format!("FILE {}: {e}", args.file.display())))?;
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    if header("wechatpay-signature").is_none() {
        ctx.printer.warn(&format!(
            "{} has no Wechatpay-Signature header; a receiver that verifies will refuse it",
            args.file.display()
        ));
    }
    let sent: Vec<(&str, &str)> = headers
        .iter()
        .filter(|(k, _)| !NOT_REPLAYED.iter().any(|n| k.eq_ignore_ascii_case(n)))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let id = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.get("id").and_then(|i| i.as_str()).map(str::to_string));
    ctx.printer.notice(&format!(
        "replaying {} to {shown_to} as captured: the signature is the original one, not re-signed",
        args.file.display()
    ));
    // WeChat Pay waits 5 s for an answer (§7.3); a replay allows the global timeout.
    let client = build_client(
        Duration::from_secs(ctx.global.timeout.max(1)),
        &crate::transport::user_agent(),
    );
    let resp =
        super::super::block_on(send_raw(&client, "POST", &args.to, &sent, body)).map_err(|e| {
            TransportError::Network {
                url: shown_to.clone(),
                what: describe(&e),
                attempts: 1,
            }
        })?;
    let view = ReplayView {
        to: shown_to.clone(),
        status: resp.status,
        notification_id: id,
        wechatpay_serial: header("wechatpay-serial"),
        resigned: false,
    };
    if (200..300).contains(&resp.status) {
        return Ok(Outcome::ok(view));
    }
    let answer = String::from_utf8_lossy(&resp.body);
    let answer: String = answer.chars().take(SHOWN_BODY).collect();
    let failure = Failure::new(
        Kind::Api,
        format!(
            "{shown_to} answered HTTP {}: {}",
            resp.status,
            if answer.is_empty() {
                "(no body)".to_string()
            } else {
                answer
            }
        ),
    )
    .hint("WeChat Pay would deliver it again later; a capture older than the receiver's age limit (often 300 s) or signed by another key is refused by design");
    Ok(Outcome::with_failure(view, failure.into()))
}
