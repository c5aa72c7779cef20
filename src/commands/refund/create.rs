//! `refund create` (cli.md "refund", apiv3.md §14.1–14.3, issue 13 items 1–5): from the combine
//! order, per sub-order, signed by the sub-order's merchant. Idempotency is the point: the
//! `out_refund_no` is chosen and printed before anything is sent, retries resend the same bytes,
//! a failure prints the command that retries safely, and an existing refund of that number is
//! reported rather than sent again.

use std::io::IsTerminal;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::poll::{Pace, Watched, limit_secs, verdict, wait_all};
use super::query::RefundsView;
use super::{Answered, answered, existing, journal, profile_for, query_refund, refunds_of, rules};
use crate::api::Request;
use crate::api::refund::{RefundAmountRequest, RefundRequest};
use crate::api::types::{CombineOrder, SubOrderState};
use crate::api::validate;
use crate::cli::RefundCreateArgs;
use crate::commands::shared::DryRunView;
use crate::commands::{Context, Outcome, block_on};
use crate::config::{Env, Profile};
use crate::error::{self, Failure, Kind};
use crate::render::{View, to_json};
use crate::transport::Client;

/// How often `FREQUENCY_LIMITED` ("one refund of the same order per minute", §14.2) is waited out
/// with the same number before giving up.
const FREQUENCY_ROUNDS: u32 = 5;

/// One refund to send, fully decided.
struct Planned {
    profile: Profile,
    sub: SubOrderState,
    request: RefundRequest,
    http: Request,
}

pub fn run(ctx: &Context, args: &RefundCreateArgs) -> Result<Outcome> {
    run_with_journal(ctx, args, None)
}

/// [`run`] with the journal at `journal_path` instead of its configured place: the demo's
/// sandbox refunds are journaled in the demo's temp dir, never in the user's real journal.
pub fn run_with_journal(
    ctx: &Context,
    args: &RefundCreateArgs,
    journal_path: Option<&std::path::Path>,
) -> Result<Outcome> {
    // Parse: everything that can be checked without the network, before anything is sent.
    validate::out_trade_no_strict("COMBINE_OUT_TRADE_NO", &args.number)
        .map_err(|e| Failure::usage(format!("argument {e}")))?;
    if let Some(s) = &args.sub_order {
        validate::out_trade_no("--sub-order", s, 1).map_err(|e| Failure::usage(e.to_string()))?;
    }
    if let Some(no) = &args.out_refund_no {
        crate::api::refund::out_refund_no("--out-refund-no", no)
            .map_err(|e| Failure::usage(e.to_string()))?;
    }
    if let Some(a) = args.amount
        && a <= 0
    {
        return Err(Failure::usage(format!(
            "--amount {a}: a refund is at least 1 fen (amounts are integer fen: 1 元 = 100)"
        ))
        .into());
    }
    let limit = match &args.wait {
        Some(w) => Some(limit_secs("--wait", w)?),
        None => None,
    };
    let pace = Pace::from_env()?;
    let journal_path = match journal_path {
        Some(p) => p.to_path_buf(),
        None => journal::default_path()?,
    };
    let journal = journal::read(&journal_path)?;
    let selected = ctx.profile()?;
    if let Some(u) = &args.notify_url {
        validate::notify_url("--notify-url", u, selected.env == Env::Sandbox)
            .map_err(|e| Failure::usage(e.to_string()))?;
    }
    let client = ctx.client(&selected)?;
    let number = args.number.clone();
    let now = ctx.now();

    block_on(async {
        let order = super::list::combine_order(&client, &number).await?;
        let targets = targets(&order, args)?;

        // Resolve: each sub-order's profile, its refunds, the rules, the number.
        let mut planned: Vec<Planned> = Vec::new();
        // Sent now, or found existing under the chosen number.
        let mut reported: Vec<(Answered, Profile)> = Vec::new();
        let mut clients: Vec<(String, Client)> = Vec::new();
        for sub in targets {
            let profile = profile_for(ctx, &selected, sub)?;
            if profile.name != selected.name && !clients.iter().any(|(n, _)| *n == profile.name) {
                clients.push((profile.name.clone(), ctx.client(&profile)?));
            }
            let c = client_of(&clients, &profile, &client);
            let mut found = refunds_of(c, &profile, sub, &journal).await?;
            let ex = existing(&found);
            let chosen = match &args.out_refund_no {
                Some(no) => no.clone(),
                None => rules::next_no(&sub.out_trade_no, &ex),
            };
            // An existing refund of that number is reported, never sent again (issue 13, item 3).
            let prior = match found
                .iter()
                .position(|a| a.refund.out_refund_no() == chosen)
            {
                Some(i) => Some(found.swap_remove(i)),
                None if args.out_refund_no.is_some() => {
                    query_refund(c, &chosen, sub.sub_mchid.as_deref()).await?
                }
                None => None,
            };
            if let Some(prior) = prior {
                report_existing(ctx, &prior, sub, args.amount)?;
                reported.push((prior, profile));
                continue;
            }
            let plan = match rules::check(sub, &ex, args.amount, now) {
                Ok(p) => p,
                Err(rules::Refusal::FullyRefunded { .. }) if args.all => {
                    ctx.printer.notice(&format!(
                        "sub-order {} is fully refunded already; skipped",
                        sub.out_trade_no
                    ));
                    continue;
                }
                Err(r) => {
                    return Err(Failure::usage(r.to_string())
                        .hint("nothing was sent; `wxcombine refund list` shows the refunds found")
                        .into());
                }
            };
            if !args.again
                && let Some(twin) = rules::guard(&ex, plan.refund, &chosen, now)
            {
                return Err(Failure::usage(format!(
                    "sub-order {} already has refund {} of the same amount ({} fen, {}) created {}; nothing was sent",
                    sub.out_trade_no,
                    twin.out_refund_no,
                    twin.amount.0,
                    twin.status,
                    twin.created.map_or("at an unknown time".into(), |c| format!("{} minutes ago", (now - c).max(0) / 60)),
                ))
                .hint(format!(
                    "to see whether that refund went through: `wxcombine refund query {}`",
                    twin.out_refund_no
                ))
                .hint("to refund the same amount a second time on purpose, pass --again")
                .into());
            }
            let request = RefundRequest {
                sub_mchid: sub.sub_mchid.clone(),
                // §14.1: by transaction_id where the query gave one (recommended).
                transaction_id: sub.transaction_id.clone(),
                out_trade_no: sub
                    .transaction_id
                    .is_none()
                    .then(|| sub.out_trade_no.clone()),
                out_refund_no: chosen,
                reason: args.reason.clone(),
                notify_url: args.notify_url.clone(),
                funds_account: args.funds_account.clone(),
                amount: RefundAmountRequest {
                    refund: plan.refund,
                    from: None,
                    total: plan.total,
                    currency: "CNY".into(),
                },
                goods_detail: None,
            };
            request.check().map_err(|e| Failure::usage(e.to_string()))?;
            let http = Request::refund_create(&request);
            planned.push(Planned {
                profile,
                sub: sub.clone(),
                request,
                http,
            });
        }

        if planned.is_empty() && reported.is_empty() {
            return Err(Failure::usage(format!(
                "every paid sub-order of combine order {number} is fully refunded already; nothing was sent"
            ))
            .hint(format!("`wxcombine refund list {number}` shows the refunds"))
            .into());
        }

        // The numbers first, before any confirmation or request (issue 13, item 3).
        for p in &planned {
            ctx.printer.info(&format!(
                "out_refund_no {} — refund of {} on sub-order {} (mchid {}); a retry must reuse this number",
                p.request.out_refund_no,
                rules::yuan_and_fen(p.request.amount.refund),
                p.sub.out_trade_no,
                p.sub.sub_mchid.as_deref().unwrap_or(&p.sub.mchid)
            ));
        }

        if args.dry_run {
            let mut views = Vec::new();
            for p in &planned {
                let body: Value = serde_json::from_slice(&p.http.body).expect("our own JSON");
                views.push(DryRunView::new(ctx, &p.profile, &p.http, body)?);
            }
            return Ok(Outcome::ok(DryRuns(views)));
        }

        if !planned.is_empty() && !args.yes {
            confirm(ctx, &planned, &number)?;
        }

        let mut done = reported;
        for (i, p) in planned.iter().enumerate() {
            let entry = journal::Entry {
                time: now_rfc3339(),
                profile: p.profile.name.clone(),
                mchid: p.profile.mchid.clone(),
                sub_mchid: p.request.sub_mchid.clone(),
                combine_out_trade_no: number.clone(),
                out_trade_no: p.sub.out_trade_no.clone(),
                out_refund_no: p.request.out_refund_no.clone(),
                amount: p.request.amount.refund,
            };
            // Before sending: a crash after the request left still leaves the number on disk.
            journal::append(&journal_path, &entry)?;
            let c = client_of(&clients, &p.profile, &client);
            match send(ctx, c, p, pace).await {
                Ok(a) => {
                    ctx.printer.notice(&format!(
                        "refund {} accepted: {}",
                        a.refund.out_refund_no(),
                        a.refund.status()
                    ));
                    done.push((a, p.profile.clone()));
                }
                Err(e) => {
                    return Err(send_failure(ctx, args, &number, p, &planned[i + 1..], e).into());
                }
            }
        }

        // Each refund is waited for (and queried) by its own merchant; the order of the
        // sub-orders is kept.
        let mut groups: Vec<(Profile, Vec<(usize, Watched)>)> = Vec::new();
        for (i, (a, profile)) in done.into_iter().enumerate() {
            let w = Watched {
                out_refund_no: a.refund.out_refund_no().to_string(),
                sub_mchid: a.refund.sub_mchid().map(str::to_string),
                last: Some(a),
            };
            match groups.iter_mut().find(|(p, _)| p.name == profile.name) {
                Some((_, ws)) => ws.push((i, w)),
                None => groups.push((profile, vec![(i, w)])),
            }
        }
        let mut timed_out = false;
        let mut all: Vec<(usize, Watched)> = Vec::new();
        for (profile, ws) in groups {
            let (idx, mut ws): (Vec<usize>, Vec<Watched>) = ws.into_iter().unzip();
            if let Some(limit) = limit {
                let c = client_of(&clients, &profile, &client);
                timed_out |= wait_all(ctx, c, &mut ws, limit, pace).await?;
            }
            all.extend(idx.into_iter().zip(ws));
        }
        all.sort_by_key(|(i, _)| *i);
        let items: Vec<Watched> = all.into_iter().map(|(_, w)| w).collect();
        // CLOSED/ABNORMAL exit 4, also for an existing refund reported without --wait.
        let failure = verdict(&items, timed_out, "--wait");
        let combine = number.clone();
        let answers: Vec<Answered> = items.into_iter().filter_map(|w| w.last).collect();
        let mchids: Vec<(String, String)> = planned
            .iter()
            .map(|p| (p.request.out_refund_no.clone(), p.sub.mchid.clone()))
            .collect();
        let order_subs = order_sub_mchids(&order);
        let add = move |r: &crate::api::refund::Refund| {
            let mchid = mchids
                .iter()
                .find(|(n, _)| n == r.out_refund_no())
                .map(|(_, m)| m.clone())
                .or_else(|| {
                    order_subs
                        .iter()
                        .find(|(o, _)| o == r.out_trade_no())
                        .map(|(_, m)| m.clone())
                })
                .unwrap_or_default();
            let mut m = Map::new();
            m.insert("mchid".into(), json!(mchid));
            m.insert("combine_out_trade_no".into(), json!(combine));
            m
        };
        let mut view = RefundsView::of_answers(answers, Some(&add));
        // cli.md: several (--all) are an array.
        view.single = !args.all;
        Ok(Outcome {
            view: Box::new(view),
            failure,
        })
    })
}

fn order_sub_mchids(order: &CombineOrder) -> Vec<(String, String)> {
    order
        .sub_orders
        .iter()
        .map(|s| (s.out_trade_no.clone(), s.mchid.clone()))
        .collect()
}

fn client_of<'a>(
    clients: &'a [(String, Client)],
    profile: &Profile,
    selected: &'a Client,
) -> &'a Client {
    clients
        .iter()
        .find(|(n, _)| *n == profile.name)
        .map(|(_, c)| c)
        .unwrap_or(selected)
}

/// The sub-orders to refund: the one named, or every paid one (`--all`).
fn targets<'a>(
    order: &'a CombineOrder,
    args: &RefundCreateArgs,
) -> Result<Vec<&'a SubOrderState>, Failure> {
    let names = || {
        order
            .sub_orders
            .iter()
            .map(|s| s.out_trade_no.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(s) = &args.sub_order {
        return match order.sub_orders.iter().find(|o| &o.out_trade_no == s) {
            Some(o) => Ok(vec![o]),
            None => Err(Failure::usage(format!(
                "--sub-order {s}: combine order {} has no such sub-order (its sub-orders: {})",
                order.combine_out_trade_no,
                names()
            ))),
        };
    }
    let paid: Vec<&SubOrderState> = order
        .sub_orders
        .iter()
        .filter(|o| matches!(o.trade_state.as_str(), "SUCCESS" | "REFUND"))
        .collect();
    if paid.is_empty() {
        return Err(Failure::usage(format!(
            "combine order {} has no paid sub-order to refund ({})",
            order.combine_out_trade_no,
            order
                .sub_orders
                .iter()
                .map(|s| format!("{} {}", s.out_trade_no, s.trade_state))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .hint("nothing was sent"));
    }
    Ok(paid)
}

/// An existing refund under the chosen number: reported, not sent again. It must be of this
/// sub-order, and of the amount asked, if one was.
fn report_existing(
    ctx: &Context,
    prior: &Answered,
    sub: &SubOrderState,
    amount: Option<i64>,
) -> Result<(), Failure> {
    let r = &prior.refund;
    if r.out_trade_no() != sub.out_trade_no {
        return Err(Failure::usage(format!(
            "out_refund_no {} is already a refund of order {}, not of sub-order {}; nothing was sent",
            r.out_refund_no(),
            r.out_trade_no(),
            sub.out_trade_no
        ))
        .hint("a refund number names one refund: choose another --out-refund-no"));
    }
    if let Some(a) = amount
        && a != r.refund().0
    {
        return Err(Failure::usage(format!(
            "out_refund_no {} is already a refund of {} fen ({}) of sub-order {}, not of {a} fen; nothing was sent",
            r.out_refund_no(),
            r.refund().0,
            r.status(),
            sub.out_trade_no
        ))
        .hint("WeChat Pay refunds one number once: to refund more, run without --out-refund-no (or with a new number)"));
    }
    ctx.printer.notice(&format!(
        "refund {} exists already ({}, {} of {} fen of sub-order {}): reported, not sent again",
        r.out_refund_no(),
        r.status(),
        r.refund().0,
        r.total().0,
        sub.out_trade_no
    ));
    Ok(())
}

/// Confirmation on a terminal; without one, `--yes` is required (money goes out).
fn confirm(ctx: &Context, planned: &[Planned], number: &str) -> Result<(), Failure> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Failure::usage(format!(
            "refund create {number}: not confirmed, and there is no terminal to ask on; nothing was sent"
        ))
        .hint("pass --yes to refund without asking (scripts), or --dry-run to see the request"));
    }
    let lines: Vec<String> = planned
        .iter()
        .map(|p| {
            format!(
                "  {} of sub-order {} (merchant {}{}), {}",
                rules::yuan_and_fen(p.request.amount.refund),
                p.sub.out_trade_no,
                p.sub.mchid,
                p.sub
                    .sub_mchid
                    .as_deref()
                    .map(|s| format!(", sub_mchid {s}"))
                    .unwrap_or_default(),
                p.request.out_refund_no
            )
        })
        .collect();
    let question = format!(
        "Refund, from combine order {number}:\n{}\nSend?",
        lines.join("\n")
    );
    if !ctx
        .printer
        .confirm(&question)
        .map_err(|e| Failure::usage(format!("refund create {number}: reading the answer: {e}")))?
    {
        return Err(Failure::usage(format!(
            "refund create {number}: not confirmed; nothing was sent"
        ))
        .hint("pass --yes to refund without asking"));
    }
    Ok(())
}

/// Send one refund: the same bytes on every attempt (the transport re-signs them with a new
/// nonce and timestamp). `FREQUENCY_LIMITED` after the transport's retries waits a minute of the
/// schedule and sends the same request again (§14.2: one refund of an order per minute).
async fn send(ctx: &Context, client: &Client, p: &Planned, pace: Pace) -> Result<Answered> {
    let what = format!("refund {}", p.request.out_refund_no);
    let mut round = 0;
    loop {
        match client.call(&p.http).await {
            Ok(resp) => return answered(&resp.body, &what),
            Err(e) => {
                let e = anyhow::Error::new(e);
                if round < FREQUENCY_ROUNDS && super::poll::frequency_limited(&e) {
                    round += 1;
                    ctx.printer.notice(&format!(
                        "{what}: FREQUENCY_LIMITED (one refund of an order per minute); sending the same request again in a minute"
                    ));
                    pace.sleep(60).await;
                    continue;
                }
                return Err(e);
            }
        }
    }
}

/// A send that failed: its kind is the error's (5 network, 6 verification, 4 WeChat Pay), and the
/// message says whether the refund may have happened, with the exact command that retries safely.
fn send_failure(
    ctx: &Context,
    args: &RefundCreateArgs,
    number: &str,
    p: &Planned,
    unsent: &[Planned],
    e: anyhow::Error,
) -> Failure {
    let report = error::report(&e);
    let code = report.code.as_deref().unwrap_or("");
    // Answers that settle it: WeChat Pay refused this request and refunded nothing.
    let refused = report.kind == Kind::Api
        && !matches!(
            code,
            "SYSTEM_ERROR" | "FREQUENCY_LIMITED" | "NOT_ENOUGH" | "BANK_ERROR"
        )
        && report.http_status.is_none_or(|s| s < 500);
    let no = &p.request.out_refund_no;
    let mut f = Failure::new(
        report.kind,
        if refused {
            format!(
                "refund {no} of sub-order {} was refused",
                p.sub.out_trade_no
            )
        } else {
            format!(
                "refund {no} of sub-order {}: the outcome is unknown (it may have been accepted)",
                p.sub.out_trade_no
            )
        },
    );
    // apiv3.md §14.2's refusals that need the merchant to act.
    match code {
        "NOT_ENOUGH" => {
            f = f.hint("余额不足: the merchant's balance cannot cover the refund; top it up, then retry with the same number")
        }
        "USER_ACCOUNT_ABNORMAL" => {
            f = f.hint("the payer's account is closed: refund through the merchant platform or 发起异常退款 (apply-abnormal-refund)")
        }
        _ => {}
    }
    if !refused {
        f = f.hint(format!(
            "retry safely with the same number (WeChat Pay refunds one number only once): {}",
            retry_command(ctx, args, number, p)
        ));
    }
    if !unsent.is_empty() {
        f = f.hint(format!(
            "not sent: {}",
            unsent
                .iter()
                .map(|u| format!(
                    "{} (sub-order {})",
                    u.request.out_refund_no, u.sub.out_trade_no
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    f.source = Some(e.into());
    f
}

/// The command that sends this very refund again: same sub-order, amount, number and options.
fn retry_command(ctx: &Context, args: &RefundCreateArgs, number: &str, p: &Planned) -> String {
    let mut w: Vec<String> = vec!["wxcombine".into()];
    if let Some(c) = &ctx.global.config {
        w.push("--config".into());
        w.push(c.display().to_string());
    }
    if let Some(pr) = &ctx.global.profile {
        w.push("--profile".into());
        w.push(pr.clone());
    }
    if let Some(b) = &ctx.global.base_url {
        w.push("--base-url".into());
        w.push(b.clone());
    }
    for s in [
        "refund",
        "create",
        number,
        "--sub-order",
        &p.sub.out_trade_no,
        "--amount",
        &p.request.amount.refund.0.to_string(),
        "--out-refund-no",
        &p.request.out_refund_no,
    ] {
        w.push(s.to_string());
    }
    for (flag, v) in [
        ("--reason", &p.request.reason),
        ("--notify-url", &p.request.notify_url),
        ("--funds-account", &p.request.funds_account),
    ] {
        if let Some(v) = v {
            w.push(flag.into());
            w.push(v.clone());
        }
    }
    if args.wait.is_some() {
        w.push("--wait".into());
    }
    w.push("--yes".into());
    w.iter()
        .map(|s| shell_quote(s))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word as a POSIX shell reads it back unchanged.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@,+%".contains(&b))
    {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// `--dry-run` of several refunds: one request each.
#[derive(Serialize)]
#[serde(transparent)]
struct DryRuns(Vec<DryRunView>);

impl View for DryRuns {
    fn json(&self) -> String {
        match self.0.as_slice() {
            [one] => one.json(),
            _ => to_json(self),
        }
    }
    fn table(&self) -> String {
        self.0
            .iter()
            .map(View::table)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_round_trip() {
        assert_eq!(shell_quote("RS1-1"), "RS1-1");
        assert_eq!(shell_quote("缺货"), "'缺货'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("a b"), "'a b'");
    }
}
