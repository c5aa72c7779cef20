//! `wxcombine sandbox orders | notifications | requests | clock` (issue 15, item 5): what the
//! running sandbox holds, read through its control endpoints (`/sandbox/v1/…`) so a developer
//! needs no `curl`. Only sandbox profiles are accepted ([`ControlTarget::of`]).
//!
//! Nothing secret is shown: the request log keeps no headers, a bill download's `token` is
//! redacted from paths, and a notification's `Wechatpay-Signature` is replaced by a marker.

use std::time::Duration;

use anyhow::{Context as _, Result};
use serde::Serialize;
use serde_json::{Value, json};

use super::sandbox::{ControlTarget, OrderView, control};
use super::{Context, Outcome};
use crate::api::types::CombineOrder;
use crate::cli::{
    ClockAction, SandboxClockArgs, SandboxNotificationsArgs, SandboxOrdersArgs, SandboxRequestsArgs,
};
use crate::render::{Format, Nothing, View, escape, kv_table, list_table, to_json};
use crate::sandbox::{ClockView, NotificationView, OrderSummary, RequestRecord};

/// What replaces a secret value in output.
const REDACTED: &str = "…(redacted)";

/// How often `requests --follow` asks for new records.
const FOLLOW_POLL: Duration = Duration::from_millis(300);

/// Records per control request when reading the request log (a full log is too big for one).
const REQUESTS_PAGE: usize = 1000;

// ---- orders ---------------------------------------------------------------------------------

#[derive(Serialize)]
pub struct OrdersView {
    pub orders: Vec<OrderSummary>,
}

impl View for OrdersView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn jsonl(&self) -> Vec<String> {
        self.orders.iter().map(to_json).collect()
    }
    fn table(&self) -> String {
        if self.orders.is_empty() {
            return "no orders yet (prepay one, or `sandbox seed` for bills)\n".into();
        }
        list_table(
            &[
                "COMBINE_OUT_TRADE_NO",
                "STATE",
                "TYPE",
                "CREATED",
                "PAID",
                "SUBS",
                "TOTAL ¥",
                "REFUNDS",
            ],
            self.orders
                .iter()
                .map(|o| {
                    vec![
                        o.combine_out_trade_no.clone(),
                        o.trade_state.clone(),
                        o.trade_type.clone(),
                        o.created_at.clone(),
                        o.success_time.clone().unwrap_or_else(|| "-".into()),
                        o.sub_orders.to_string(),
                        crate::money::Fen(o.total_amount).to_string(),
                        o.refunds.to_string(),
                    ]
                })
                .collect(),
        )
    }
}

pub fn orders(ctx: &Context, args: &SandboxOrdersArgs) -> Result<Outcome> {
    let profile = ctx.profile()?;
    let mchid = &profile.mchid;
    match &args.combine_out_trade_no {
        Some(no) => {
            crate::api::validate::out_trade_no_strict("COMBINE_OUT_TRADE_NO", no)?;
            let v = control(
                ctx,
                &profile,
                "GET",
                &format!("/sandbox/v1/orders/{no}?mchid={mchid}"),
                None,
            )?;
            let order: CombineOrder = serde_json::from_value(v).context("the sandbox's answer")?;
            Ok(Outcome::ok(OrderView(order)))
        }
        None => {
            let v = control(
                ctx,
                &profile,
                "GET",
                &format!("/sandbox/v1/orders?mchid={mchid}&limit={}", args.limit),
                None,
            )?;
            let orders: Vec<OrderSummary> =
                serde_json::from_value(v["orders"].clone()).context("the sandbox's answer")?;
            Ok(Outcome::ok(OrdersView { orders }))
        }
    }
}

// ---- notifications --------------------------------------------------------------------------

#[derive(Serialize)]
pub struct NotificationsView {
    pub notifications: Vec<NotificationView>,
}

impl View for NotificationsView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn jsonl(&self) -> Vec<String> {
        self.notifications.iter().map(to_json).collect()
    }
    fn table(&self) -> String {
        if self.notifications.is_empty() {
            return "no notifications yet (`sandbox pay` a prepaid order)\n".into();
        }
        list_table(
            &[
                "ID",
                "COMBINE_OUT_TRADE_NO",
                "EVENT",
                "CREATED",
                "STATE",
                "ATTEMPTS",
                "LAST",
                "URL",
            ],
            self.notifications
                .iter()
                .map(|n| {
                    let state = if n.delivered {
                        "acknowledged".to_string()
                    } else if n.gave_up {
                        "gave up".to_string()
                    } else {
                        match &n.next_attempt_at {
                            Some(t) => format!("retry at {t}"),
                            None => "pending".to_string(),
                        }
                    };
                    let last = n
                        .attempts
                        .last()
                        .map(|a| match (a.status, &a.error) {
                            (Some(s), _) => format!("HTTP {s} in {} ms", a.duration_ms),
                            (None, Some(e)) => e.clone(),
                            (None, None) => "-".into(),
                        })
                        .unwrap_or_else(|| "-".into());
                    vec![
                        n.id.clone(),
                        n.combine_out_trade_no.clone(),
                        n.event_type.clone(),
                        n.created_at.clone(),
                        state,
                        n.attempts.len().to_string(),
                        last,
                        n.notify_url.clone(),
                    ]
                })
                .collect(),
        )
    }
}

/// Signatures are secrets in output (BRIEF-common, cli.md §1), even WeChat Pay's own.
fn redact_signatures(n: &mut NotificationView) {
    for a in &mut n.attempts {
        for (k, v) in &mut a.headers {
            if k.eq_ignore_ascii_case("wechatpay-signature") {
                *v = REDACTED.to_string();
            }
        }
    }
}

pub fn notifications(ctx: &Context, args: &SandboxNotificationsArgs) -> Result<Outcome> {
    let profile = ctx.profile()?;
    let path = match &args.order {
        Some(no) => {
            crate::api::validate::out_trade_no_strict("--order", no)?;
            format!("/sandbox/v1/notifications?combine_out_trade_no={no}")
        }
        None => "/sandbox/v1/notifications".to_string(),
    };
    let v = control(ctx, &profile, "GET", &path, None)?;
    let mut notifications: Vec<NotificationView> =
        serde_json::from_value(v["notifications"].clone()).context("the sandbox's answer")?;
    // The sandbox serves every merchant; show the profile's own (as `orders` does).
    notifications.retain(|n| n.combine_mchid == profile.mchid);
    notifications.iter_mut().for_each(redact_signatures);
    Ok(Outcome::ok(NotificationsView { notifications }))
}

// ---- requests -------------------------------------------------------------------------------

/// A bill download's `token` query value is a secret (cli.md §1, BRIEF-common): replaced, the rest
/// of the path kept.
fn redact_path(path: &str) -> String {
    let Some((p, q)) = path.split_once('?') else {
        return path.to_string();
    };
    let q: Vec<String> = q
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("token") => format!("{k}={REDACTED}"),
            _ => kv.to_string(),
        })
        .collect();
    format!("{p}?{}", q.join("&"))
}

/// A record as shown: the path redacted.
fn shown(mut r: RequestRecord) -> RequestRecord {
    r.path = redact_path(&r.path);
    r
}

const REQUEST_HEADER: [&str; 7] = ["ID", "TIME", "METHOD", "PATH", "STATUS", "CODE", "LATENCY"];

fn request_row(r: &RequestRecord) -> Vec<String> {
    vec![
        r.id.to_string(),
        r.time.clone(),
        r.method.clone(),
        r.path.clone(),
        r.status
            .map(|s| s.to_string())
            .unwrap_or_else(|| "dropped".into()),
        r.code.clone().unwrap_or_else(|| "-".into()),
        r.latency_ms
            .map(|ms| format!("{ms} ms"))
            .unwrap_or_else(|| "-".into()),
    ]
}

/// One streamed table line of `requests --follow`: fixed widths, since later rows cannot widen
/// earlier ones. Cells are escaped (paths are what clients sent).
fn follow_line(cells: &[String]) -> String {
    let w = [6, 25, 6, 48, 7, 22, 8];
    let mut line = String::new();
    for (i, c) in cells.iter().enumerate() {
        let c = escape(c);
        if i + 1 == cells.len() {
            line.push_str(&c);
        } else {
            line.push_str(&format!("{c:<width$} ", width = w[i]));
        }
    }
    line.trim_end().to_string()
}

#[derive(Serialize)]
pub struct RequestsView {
    pub requests: Vec<RequestRecord>,
}

impl View for RequestsView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn jsonl(&self) -> Vec<String> {
        self.requests.iter().map(to_json).collect()
    }
    fn table(&self) -> String {
        if self.requests.is_empty() {
            return "no API requests yet\n".into();
        }
        list_table(
            &REQUEST_HEADER,
            self.requests.iter().map(request_row).collect(),
        )
    }
}

/// One page of the log after `since`.
async fn requests_page(target: &ControlTarget, since: u64) -> Result<Vec<RequestRecord>> {
    let v = target
        .call(
            "GET",
            &format!("/sandbox/v1/requests?since={since}&limit={REQUESTS_PAGE}"),
            None,
        )
        .await?;
    serde_json::from_value(v["requests"].clone()).context("the sandbox's answer")
}

pub fn requests(ctx: &Context, args: &SandboxRequestsArgs) -> Result<Outcome> {
    let profile = ctx.profile()?;
    let target = ControlTarget::of(ctx, &profile)?;
    let mut since = args.since.unwrap_or(0);
    if !args.follow {
        let all = super::block_on(async {
            let mut all = Vec::new();
            loop {
                let page = requests_page(&target, since).await?;
                let Some(last) = page.last() else { break };
                since = last.id;
                all.extend(page.into_iter().map(shown));
            }
            Ok::<_, anyhow::Error>(all)
        })?;
        return Ok(Outcome::ok(RequestsView { requests: all }));
    }
    // --follow: stream as they arrive until a signal or a closed stdout (a write error ends the
    // loop; error.rs ends quietly on a broken pipe).
    let format = ctx.printer.format;
    if format == Format::Table {
        ctx.printer
            .emit_line(&follow_line(&REQUEST_HEADER.map(String::from)))?;
    }
    super::block_on(async {
        let stop = super::shutdown_signal();
        tokio::pin!(stop);
        loop {
            let page = tokio::select! {
                p = requests_page(&target, since) => p?,
                _ = &mut stop => break,
            };
            let full = page.len() >= REQUESTS_PAGE;
            for r in page {
                since = r.id;
                let r = shown(r);
                let line = match format {
                    Format::Table => follow_line(&request_row(&r)),
                    Format::Json | Format::Jsonl => to_json(&r),
                };
                ctx.printer.emit_line(&line)?;
            }
            if full {
                continue;
            }
            tokio::select! {
                _ = tokio::time::sleep(FOLLOW_POLL) => {}
                _ = &mut stop => break,
            }
        }
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(Outcome::ok(Nothing))
}

// ---- clock ----------------------------------------------------------------------------------

pub struct ClockOut(pub ClockView);

impl View for ClockOut {
    fn json(&self) -> String {
        to_json(&self.0)
    }
    fn table(&self) -> String {
        let c = &self.0;
        let offset = if c.offset_secs == 0 {
            "0 (real time)".to_string()
        } else {
            let sign = if c.offset_secs < 0 { "-" } else { "+" };
            format!(
                "{sign}{}",
                humantime::format_duration(Duration::from_secs(c.offset_secs.unsigned_abs()))
            )
        };
        kv_table(&[
            ("now", c.now.clone()),
            ("unix", c.unix.to_string()),
            ("offset", offset),
        ])
    }
}

pub fn clock(ctx: &Context, args: &SandboxClockArgs) -> Result<Outcome> {
    let body: Option<Value> = match &args.action {
        None | Some(ClockAction::Show) => None,
        Some(ClockAction::Set { time }) => {
            // Checked here too, so the message names the argument (the sandbox would say 400).
            if time::OffsetDateTime::parse(time, &time::format_description::well_known::Rfc3339)
                .is_err()
            {
                return Err(crate::error::Failure::usage(format!(
                    "RFC3339 {time:?} is not an RFC 3339 time such as 2026-01-31T09:00:00+08:00"
                ))
                .into());
            }
            Some(json!({ "now": time }))
        }
        Some(ClockAction::Advance { by }) => Some(json!({ "advance_secs": by.as_secs() })),
        Some(ClockAction::Reset) => Some(json!({ "offset_secs": 0 })),
    };
    let profile = ctx.profile()?;
    let method = if body.is_some() { "POST" } else { "GET" };
    let v = control(ctx, &profile, method, "/sandbox/v1/clock", body)?;
    let view: ClockView = serde_json::from_value(v).context("the sandbox's answer")?;
    Ok(Outcome::ok(ClockOut(view)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_download_token_is_redacted_from_a_logged_path() {
        assert_eq!(
            redact_path(
                "/v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO"
            ),
            format!("/v3/billdownload/file?token={REDACTED}")
        );
        assert_eq!(
            redact_path("/v3/bill/tradebill?bill_date=2026-01-01&bill_type=ALL"),
            "/v3/bill/tradebill?bill_date=2026-01-01&bill_type=ALL"
        );
        assert_eq!(redact_path("/v3/certificates"), "/v3/certificates");
    }
}
