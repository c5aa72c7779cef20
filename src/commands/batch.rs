//! The batch runner of `query` and `refund query` (issue 16): each number queried in its own task,
//! at most `--concurrency` in flight, a progress bar, `-o jsonl` lines streamed as answers arrive
//! (and nothing kept), otherwise every item kept and handed back in input order; the summary by
//! state and the worst failure; and the one-line form of a verified body both print. What a query
//! is and how an item looks stay with the command.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::future::Future;

use futures_util::StreamExt;
use serde_json::Value;

use super::{Context, Outcome};
use crate::error::{Failure, Kind, Report};
use crate::render::{Format, Nothing, View};

/// One result of a batch: an answer, or an error in its place.
pub trait BatchItem: Send + 'static {
    /// The state the summary counts it under, or the error it is.
    fn outcome(&self) -> Result<String, &Report>;
    /// Its `-o jsonl` line (one line, no line break).
    fn line(&self) -> String;
}

/// A failed item's STATE cell in a table: `ERROR` and WeChat Pay's code, or what kind of failure
/// it was when there is no code.
pub fn error_cell(error: &Report) -> String {
    format!(
        "ERROR {}",
        error.code.as_deref().unwrap_or(match error.kind {
            Kind::Network => "network",
            Kind::Verification => "verification",
            _ => "",
        })
    )
}

/// A verified JSON body on one line: as received when it has no line break (what WeChat Pay and
/// the sandbox send), written compactly otherwise (a JSON string cannot hold a raw line break,
/// so any is layout).
pub fn one_line(text: &str) -> Cow<'_, str> {
    let text = text.trim();
    if !text.contains(['\n', '\r']) {
        return Cow::Borrowed(text);
    }
    match serde_json::from_str::<Value>(text) {
        Ok(v) => Cow::Owned(v.to_string()),
        Err(_) => Cow::Owned(text.replace(['\n', '\r'], " ")),
    }
}

/// What a batch keeps whatever its size: counts by state, and the worst failure.
#[derive(Default)]
pub struct Tally {
    by_state: BTreeMap<String, usize>,
    worst: Option<Kind>,
    failed: usize,
}

impl Tally {
    fn add(&mut self, item: &impl BatchItem) {
        match item.outcome() {
            Ok(state) => *self.by_state.entry(state).or_default() += 1,
            Err(error) => {
                self.failed += 1;
                *self.by_state.entry("ERROR".into()).or_default() += 1;
                if self
                    .worst
                    .is_none_or(|w| error.kind.exit_code() > w.exit_code())
                {
                    self.worst = Some(error.kind);
                }
            }
        }
    }

    /// `2000 orders: 1990 SUCCESS, 10 ERROR` (`what` is the plural noun).
    fn summary(&self, total: usize, what: &str) -> String {
        let counts: Vec<String> = self
            .by_state
            .iter()
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        format!("{total} {what}: {}", counts.join(", "))
    }

    /// The batch's failure, with the worst failure's exit code, when any query failed (`each`
    /// is the singular noun an error stands in place of).
    fn failure(&self, total: usize, each: &str) -> Option<anyhow::Error> {
        self.worst.map(|kind| {
            anyhow::Error::new(Failure::new(
                kind,
                format!(
                    "{} of {total} queries failed (each error is shown in place of its {each})",
                    self.failed
                ),
            ))
        })
    }
}

/// A finished batch: the tally, and the items in input order (none with `-o jsonl`: they were
/// printed as they came).
pub struct Finished<T> {
    pub tally: Tally,
    pub items: Vec<T>,
}

impl<T> Finished<T> {
    /// The command's outcome: the summary by state on stderr (counts only, `what` the plural
    /// noun), then nothing more with `-o jsonl` (already streamed) or `view` of the items; its
    /// failure, if any query failed, has the worst failure's exit code (`each` names an item).
    pub fn outcome<V: View + 'static>(
        self,
        ctx: &Context,
        total: usize,
        (what, each): (&str, &str),
        view: impl FnOnce(Vec<T>) -> V,
    ) -> Outcome {
        ctx.printer.notice(&self.tally.summary(total, what));
        let failure = self.tally.failure(total, each);
        if ctx.printer.format == Format::Jsonl {
            return Outcome {
                view: Box::new(Nothing),
                failure,
            };
        }
        Outcome {
            view: Box::new(view(self.items)),
            failure,
        }
    }
}

/// Query `numbers` with `query`, at most `concurrency` at once, under a progress bar of `total`
/// labelled `label`. With `-o jsonl` each item's line is printed as soon as it is known, in
/// completion order, and dropped, so memory stays flat whatever the number of items (issue 11);
/// otherwise the items come back in input order.
pub fn run<T, Q, F>(
    ctx: &Context,
    numbers: impl Iterator<Item = String> + Send,
    total: usize,
    concurrency: usize,
    label: &str,
    query: Q,
) -> std::io::Result<Finished<T>>
where
    T: BatchItem,
    Q: Fn(String) -> F,
    F: Future<Output = T> + Send + 'static,
{
    let stream_lines = ctx.printer.format == Format::Jsonl;
    let progress = ctx.printer.progress_bar(total as u64, label);
    let finished = super::block_on(async {
        let mut tally = Tally::default();
        let mut kept: Vec<(usize, T)> = Vec::new();
        // Each query is its own task, so the signing and verification of concurrent queries
        // run on both worker threads; `buffer_unordered` alone would poll them all from one
        // task and serialise their CPU work on one core. At most `concurrency` are in flight,
        // and the numbers are read only as fast as tasks are started.
        let mut s = futures_util::stream::iter(numbers.enumerate())
            .map(|(i, n)| {
                let task = query(n);
                tokio::spawn(async move { (i, task.await) })
            })
            .buffer_unordered(concurrency);
        while let Some(joined) = s.next().await {
            let (i, item) =
                joined.map_err(|e| std::io::Error::other(format!("a query task failed: {e}")))?;
            if let Some(p) = &progress {
                p.inc(1);
            }
            tally.add(&item);
            if stream_lines {
                let line = item.line();
                let emit = || ctx.printer.emit_line(&line);
                match &progress {
                    Some(p) => p.suspend(emit)?,
                    None => emit()?,
                }
            } else {
                kept.push((i, item));
            }
        }
        kept.sort_by_key(|(i, _)| *i);
        Ok::<_, std::io::Error>(Finished {
            tally,
            items: kept.into_iter().map(|(_, it)| it).collect(),
        })
    });
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    finished
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_printed_as_received_on_one_line() {
        // What WeChat Pay sends: one line, printed byte for byte (its escapes and key order kept).
        let body = "{\"combine_out_trade_no\":\"P1\",\"attach\":\"\\u6df1\\/\",\"b\":1}\n";
        assert!(matches!(one_line(body), Cow::Borrowed(_)));
        assert_eq!(one_line(body), body.trim_end());
        // Laid out over several lines: written compactly, one line, same members in order.
        let laid_out = "{\n  \"z\": \"a b\",\r\n  \"a\": [1, 2]\n}\n";
        assert_eq!(one_line(laid_out), r#"{"z":"a b","a":[1,2]}"#);
    }
}
