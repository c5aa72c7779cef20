//! Waiting for refunds to finish (`create --wait`, `refund watch`): queries on the schedule of
//! apiv3.md §14.3 — first 1 minute after acceptance, then every minute, after 5 minutes backing
//! off to 5, 10, 20 and 30 minutes — with a spinner on a terminal only.
//!
//! The length of one second of the schedule comes from `$WXCOMBINE_POLL_SECOND_MS` (default 1000),
//! so tests and sandbox sessions run the same schedule without real minutes of waiting.

use std::time::Duration;

use anyhow::Result;

use super::query::RefundsView;
use super::{Answered, failure_hint, query_refund};
use crate::api::refund::RefundStatus;
use crate::cli::RefundWatchArgs;
use crate::commands::{Context, Outcome, block_on};
use crate::error::{Failure, Kind};
use crate::transport::{Client, TransportError};

pub const ENV_POLL_SECOND_MS: &str = "WXCOMBINE_POLL_SECOND_MS";

/// The `k`-th wait of §14.3, in seconds of the schedule (0-based).
pub fn schedule_secs(k: usize) -> u64 {
    match k {
        0..=4 => 60,
        5 => 300,
        6 => 600,
        7 => 1200,
        _ => 1800,
    }
}

/// How long one second of the schedule lasts.
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    pub second: Duration,
}

impl Pace {
    pub fn from_env() -> Result<Self, Failure> {
        match std::env::var(ENV_POLL_SECOND_MS) {
            Err(_) => Ok(Pace {
                second: Duration::from_secs(1),
            }),
            Ok(v) => v
                .trim()
                .parse::<u64>()
                .map(|ms| Pace {
                    second: Duration::from_millis(ms),
                })
                .map_err(|_| {
                    Failure::usage(format!(
                        "${ENV_POLL_SECOND_MS} {v:?}: a whole number of milliseconds"
                    ))
                }),
        }
    }

    pub async fn sleep(&self, secs: u64) {
        tokio::time::sleep(self.second * secs.min(u32::MAX as u64) as u32).await;
    }
}

/// Parse a `--wait` duration into seconds of the schedule.
pub fn limit_secs(flag: &str, v: &str) -> Result<u64, Failure> {
    humantime::parse_duration(v)
        .map(|d| d.as_secs())
        .map_err(|e| Failure::usage(format!("{flag} {v:?}: {e} (e.g. 30m, 2h)")))
}

/// One refund being waited for.
pub struct Watched {
    pub out_refund_no: String,
    pub sub_mchid: Option<String>,
    /// The last answer, if any.
    pub last: Option<Answered>,
}

impl Watched {
    fn done(&self) -> bool {
        self.last
            .as_ref()
            .is_some_and(|a| a.refund.status().stops_polling())
    }
}

/// Poll every refund in `items` until each stops (`SUCCESS`, `CLOSED`, `ABNORMAL`) or
/// `limit` seconds of the schedule have passed. Items without an answer are queried at once.
/// Returns whether the limit ran out first. `FREQUENCY_LIMITED` (after the transport's own
/// retries) waits a minute and asks again (§14.3).
pub async fn wait_all(
    ctx: &Context,
    client: &Client,
    items: &mut [Watched],
    limit: u64,
    pace: Pace,
) -> Result<bool> {
    for w in items.iter_mut().filter(|w| w.last.is_none()) {
        w.last = query_known(client, &w.out_refund_no, w.sub_mchid.as_deref()).await?;
    }
    let spinner = ctx.printer.progress.then(|| {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.enable_steady_tick(Duration::from_millis(120));
        pb
    });
    let mut elapsed = 0u64;
    let mut k = 0usize;
    let timed_out = loop {
        if items.iter().all(Watched::done) {
            break false;
        }
        let wait = schedule_secs(k);
        if elapsed + wait > limit {
            break true;
        }
        let pending: Vec<&str> = items
            .iter()
            .filter(|w| !w.done())
            .map(|w| w.out_refund_no.as_str())
            .collect();
        let msg = format!(
            "{} PROCESSING; next query in {}",
            pending.join(", "),
            humantime::format_duration(Duration::from_secs(wait))
        );
        match &spinner {
            Some(pb) => pb.set_message(msg),
            None => ctx.printer.notice(&msg),
        }
        pace.sleep(wait).await;
        elapsed += wait;
        k += 1;
        for w in items.iter_mut().filter(|w| !w.done()) {
            match query_known(client, &w.out_refund_no, w.sub_mchid.as_deref()).await {
                Ok(a) => w.last = a.or(w.last.take()),
                Err(e) if frequency_limited(&e) => {
                    // §14.3: "on FREQUENCY_LIMITED wait a minute"; the next round is that minute.
                    ctx.printer.notice(&format!(
                        "{}: FREQUENCY_LIMITED; asking again next round",
                        w.out_refund_no
                    ));
                }
                Err(e) => {
                    if let Some(pb) = &spinner {
                        pb.finish_and_clear();
                    }
                    return Err(e.context(format!(
                        "waiting for refund {} (it was accepted; `wxcombine refund watch {}` resumes)",
                        w.out_refund_no, w.out_refund_no
                    )));
                }
            }
        }
    };
    if let Some(pb) = spinner {
        pb.finish_and_clear();
    }
    Ok(timed_out)
}

async fn query_known(
    client: &Client,
    no: &str,
    sub_mchid: Option<&str>,
) -> Result<Option<Answered>> {
    query_refund(client, no, sub_mchid).await
}

/// Whether an error is WeChat Pay's `429 FREQUENCY_LIMITED`.
pub fn frequency_limited(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<TransportError>()
            .and_then(TransportError::as_api)
            .is_some_and(|a| a.canonical_code() == "FREQUENCY_LIMITED")
            || c.downcast_ref::<crate::api::ApiError>()
                .is_some_and(|a| a.canonical_code() == "FREQUENCY_LIMITED")
    })
}

/// The failure a finished wait ends in: exit 4 for `CLOSED`/`ABNORMAL` with what to do, exit 5
/// when the limit ran out with refunds still processing, none when all succeeded.
pub fn verdict(items: &[Watched], timed_out: bool, limit_flag: &str) -> Option<anyhow::Error> {
    let failed: Vec<(&str, RefundStatus)> = items
        .iter()
        .filter_map(|w| {
            let s = w.last.as_ref()?.refund.status();
            s.is_failure().then_some((w.out_refund_no.as_str(), s))
        })
        .collect();
    if !failed.is_empty() {
        let mut f = Failure::new(
            Kind::Api,
            format!(
                "refund {} ended {}",
                failed
                    .iter()
                    .map(|(n, s)| format!("{n} {s}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if failed.len() == 1 {
                    "unpaid"
                } else {
                    "unpaid (each)"
                }
            ),
        );
        for h in failed
            .iter()
            .filter_map(|(_, s)| failure_hint(s))
            .collect::<std::collections::BTreeSet<_>>()
        {
            f = f.hint(h);
        }
        return Some(f.into());
    }
    if timed_out {
        let pending: Vec<&str> = items
            .iter()
            .filter(|w| !w.done())
            .map(|w| w.out_refund_no.as_str())
            .collect();
        return Some(
            Failure::new(
                Kind::Network,
                format!(
                    "{limit_flag} ran out with refund {} still PROCESSING",
                    pending.join(", ")
                ),
            )
            .hint(format!(
                "the refund was accepted and goes on; `wxcombine refund watch {}` waits again",
                pending.join(" ")
            ))
            .into(),
        );
    }
    None
}

/// `refund watch`.
pub fn watch(ctx: &Context, args: &RefundWatchArgs) -> Result<Outcome> {
    for n in &args.numbers {
        crate::api::refund::out_refund_no("OUT_REFUND_NO", n)
            .map_err(|e| Failure::usage(format!("argument {e}")))?;
    }
    let limit = limit_secs("--wait", &args.wait)?;
    let pace = Pace::from_env()?;
    let profile = ctx.profile()?;
    let client = ctx.client(&profile)?;
    let mut items: Vec<Watched> = args
        .numbers
        .iter()
        .map(|n| Watched {
            out_refund_no: n.clone(),
            sub_mchid: args.sub_mchid.clone(),
            last: None,
        })
        .collect();
    let timed_out = block_on(async {
        // Unknown numbers are an error before any waiting.
        for w in items.iter_mut() {
            w.last = query_refund(&client, &w.out_refund_no, w.sub_mchid.as_deref()).await?;
            if w.last.is_none() {
                return Err(Failure::new(
                    Kind::Api,
                    format!(
                        "WeChat Pay knows no refund {} (RESOURCE_NOT_EXISTS)",
                        w.out_refund_no
                    ),
                )
                .hint("check the number, the profile (the refund's merchant) and --sub-mchid")
                .into());
            }
        }
        wait_all(ctx, &client, &mut items, limit, pace).await
    })?;
    let failure = verdict(&items, timed_out, "--wait");
    let view = RefundsView::of_answers(items.into_iter().filter_map(|w| w.last).collect(), None);
    Ok(Outcome {
        view: Box::new(view),
        failure,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_schedule() {
        let first: Vec<u64> = (0..10).map(schedule_secs).collect();
        assert_eq!(first, [60, 60, 60, 60, 60, 300, 600, 1200, 1800, 1800]);
        // 5 minutes of every-minute polling, then the back-off.
        assert_eq!((0..5).map(schedule_secs).sum::<u64>(), 300);
    }

    #[test]
    fn wait_limits_parse_and_name_the_flag() {
        assert_eq!(limit_secs("--wait", "2h").unwrap(), 7200);
        let e = limit_secs("--wait", "soon").unwrap_err();
        assert!(e.message.starts_with("--wait \"soon\""), "{}", e.message);
    }
}
