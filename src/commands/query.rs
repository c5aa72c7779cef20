//! `query`: one combine order, or a batch with bounded concurrency (cli.md §4, apiv3.md §6.4).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};

use anyhow::{Context as _, Result};
use futures_util::StreamExt;
use serde_json::{Value, json};

use super::shared::{Seen, duplicates_note, order_rows, order_state, order_table};
use super::{Context, Outcome, block_on};
use crate::api::Request;
use crate::api::types::CombineOrder;
use crate::api::validate;
use crate::cli::QueryArgs;
use crate::error::{self, Failure, Kind};
use crate::render::{Format, Nothing, View};
use crate::transport::Client;

/// The order numbers of a query: the arguments, then the lines of `--from` (blank lines and `#`
/// comments skipped). Every number is checked before anything is sent, yet none is kept in memory:
/// the first pass checks and counts, the second ([`Numbers::stream`]) reads them again, from the
/// file itself when it is a regular file, or from an anonymous spool file for stdin and pipes
/// (issue 11: a million-order file must not grow the process).
pub struct Numbers {
    args: Vec<String>,
    from: Option<(File, String)>,
    /// How many distinct numbers in all.
    pub count: usize,
    /// Numbers given again (arguments or lines): each is queried and printed once (issue 15,
    /// item 14).
    pub duplicates: usize,
}

/// A `--from` line that is a number, or `None` for a blank line or a comment.
fn number_of(line: &str) -> Option<&str> {
    let n = line.trim();
    (!n.is_empty() && !n.starts_with('#')).then_some(n)
}

pub fn collect_numbers(args: &QueryArgs) -> Result<Numbers, Failure> {
    let mut seen = Seen::default();
    let mut duplicates = 0;
    for n in &args.numbers {
        validate::out_trade_no_strict("COMBINE_OUT_TRADE_NO", n)
            .map_err(|e| Failure::usage(format!("argument {}", e)))?;
        if !seen.first(n) {
            duplicates += 1;
        }
    }
    let mut count = args.numbers.len() - duplicates;
    let from = match &args.from {
        None => None,
        Some(path) => {
            let shown = path.display().to_string();
            let (reader, reread): (Box<dyn BufRead>, Option<File>) = if shown == "-" {
                (Box::new(BufReader::new(std::io::stdin())), None)
            } else {
                let f =
                    File::open(path).map_err(|e| Failure::usage(format!("--from {shown}: {e}")))?;
                let regular = f.metadata().is_ok_and(|m| m.is_file());
                let again = if regular { f.try_clone().ok() } else { None };
                (Box::new(BufReader::new(f)), again)
            };
            // What cannot be read twice is copied, checked, to a spool file as it is read.
            let mut spool = match reread {
                Some(_) => None,
                None => Some(BufWriter::new(tempfile::tempfile().map_err(|e| {
                    Failure::usage(format!("--from {shown}: cannot make a spool file: {e}"))
                })?)),
            };
            for (i, line) in reader.lines().enumerate() {
                let line = line
                    .map_err(|e| Failure::usage(format!("--from {shown}: line {}: {e}", i + 1)))?;
                let Some(n) = number_of(&line) else { continue };
                validate::out_trade_no_strict(&format!("--from {shown}: line {}", i + 1), n)
                    .map_err(|e| Failure::usage(e.to_string()))?;
                if seen.first(n) {
                    count += 1;
                } else {
                    duplicates += 1;
                }
                if let Some(w) = &mut spool {
                    writeln!(w, "{n}").map_err(|e| {
                        Failure::usage(format!("--from {shown}: writing the spool file: {e}"))
                    })?;
                }
            }
            let mut file = match (reread, spool) {
                (Some(f), _) => f,
                (None, Some(w)) => w.into_inner().map_err(|e| {
                    Failure::usage(format!("--from {shown}: writing the spool file: {e}"))
                })?,
                (None, None) => unreachable!("one of the two is made above"),
            };
            file.seek(SeekFrom::Start(0))
                .map_err(|e| Failure::usage(format!("--from {shown}: {e}")))?;
            Some((file, shown))
        }
    };
    if count == 0 {
        return Err(Failure::usage(
            "no order numbers: give COMBINE_OUT_TRADE_NO arguments or --from FILE",
        ));
    }
    Ok(Numbers {
        args: args.numbers.clone(),
        from,
        count,
        duplicates,
    })
}

impl Numbers {
    /// The distinct numbers, in the order of their first appearance, read as they are needed.
    /// A read error on the second pass (the file was checked a moment ago) ends the sequence and
    /// is left in `failed`.
    pub fn stream(
        self,
        failed: std::sync::Arc<std::sync::Mutex<Option<Failure>>>,
    ) -> impl Iterator<Item = String> + Send {
        let from = self.from.into_iter().flat_map(move |(file, shown)| {
            let failed = failed.clone();
            BufReader::new(file)
                .lines()
                .map_while(move |line| match line {
                    Ok(l) => Some(l),
                    Err(e) => {
                        *failed.lock().expect("failure slot") = Some(Failure::usage(format!(
                            "--from {shown}: reading it again: {e}"
                        )));
                        None
                    }
                })
                .filter_map(|l| number_of(&l).map(str::to_string))
        });
        // The first pass's fingerprints are gone by now: one set at a time.
        let mut seen = Seen::default();
        self.args
            .into_iter()
            .chain(from)
            .filter(move |n| seen.first(n))
    }
}

/// One order's result in a batch.
pub enum Item {
    Order {
        raw: Value,
        parsed: Box<CombineOrder>,
    },
    Failed {
        number: String,
        error: error::Report,
    },
}

impl Item {
    fn json(&self) -> Value {
        match self {
            Item::Order { raw, .. } => raw.clone(),
            Item::Failed { number, error } => {
                json!({ "combine_out_trade_no": number, "error": error })
            }
        }
    }
}

/// A single order: WeChat Pay's verified body, verbatim, for `-o json`.
pub struct OrderView {
    pub raw: String,
    pub parsed: CombineOrder,
}

impl View for OrderView {
    fn json(&self) -> String {
        self.raw.trim_end().to_string()
    }
    fn jsonl(&self) -> Vec<String> {
        // One line, even if the body had line breaks.
        vec![
            serde_json::from_str::<Value>(&self.raw)
                .map(|v| v.to_string())
                .unwrap_or_else(|_| self.raw.clone()),
        ]
    }
    fn table(&self) -> String {
        order_table(order_rows(&self.parsed))
    }
}

pub struct BatchView(pub Vec<Item>);

impl View for BatchView {
    fn json(&self) -> String {
        Value::Array(self.0.iter().map(Item::json).collect()).to_string()
    }
    fn jsonl(&self) -> Vec<String> {
        self.0.iter().map(|i| i.json().to_string()).collect()
    }
    fn table(&self) -> String {
        let mut rows = Vec::new();
        for item in &self.0 {
            match item {
                Item::Order { parsed, .. } => rows.extend(order_rows(parsed)),
                Item::Failed { number, error } => rows.push(vec![
                    number.clone(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    format!(
                        "ERROR {}",
                        error.code.as_deref().unwrap_or(match error.kind {
                            Kind::Network => "network",
                            Kind::Verification => "verification",
                            _ => "",
                        })
                    ),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                ]),
            }
        }
        order_table(rows)
    }
}

async fn query_one(client: &Client, number: &str) -> Result<(Value, CombineOrder, String)> {
    let resp = client
        .call(&Request::combine_query(number))
        .await
        .with_context(|| format!("query {number}"))?;
    let text = String::from_utf8(resp.body.to_vec())
        .with_context(|| format!("query {number}: the body is not UTF-8"))?;
    let parsed: CombineOrder = serde_json::from_str(&text)
        .with_context(|| format!("query {number}: the verified response is not a combine order"))?;
    let raw: Value = serde_json::from_str(&text).expect("parsed once already");
    Ok((raw, parsed, text))
}

/// What a batch keeps whatever its size: counts by state, and the worst failure.
#[derive(Default)]
struct Tally {
    by_state: BTreeMap<String, usize>,
    worst: Option<Kind>,
    failed: usize,
}

impl Tally {
    fn add(&mut self, item: &Item) {
        match item {
            Item::Order { parsed, .. } => {
                *self.by_state.entry(order_state(parsed)).or_default() += 1
            }
            Item::Failed { error, .. } => {
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
}

pub fn run(ctx: &Context, args: &QueryArgs) -> Result<Outcome> {
    let numbers = collect_numbers(args)?;
    let profile = ctx.profile()?;
    let client = ctx.client(&profile)?;

    if numbers.duplicates > 0 {
        ctx.printer
            .notice(&duplicates_note(numbers.duplicates, "order"));
    }
    // One object for one argument; a batch (an array) for several, even if they are all the same.
    if args.numbers.len() == 1 && args.from.is_none() {
        let (_, parsed, text) = block_on(query_one(&client, &numbers.args[0]))?;
        return Ok(Outcome::ok(OrderView { raw: text, parsed }));
    }

    let total = numbers.count;
    // -o jsonl streams each order as it arrives and keeps nothing of it: memory stays flat
    // whatever the number of orders (issue 11). -o json (one array) and the table are in input
    // order and hold every order until the end.
    let stream_lines = ctx.printer.format == Format::Jsonl;
    let progress = ctx.printer.progress_bar(total as u64, "querying");
    let reread_failure = std::sync::Arc::new(std::sync::Mutex::new(None));
    let numbers = numbers.stream(reread_failure.clone());
    let (tally, mut kept) = block_on(async {
        let mut tally = Tally::default();
        let mut kept: Vec<(usize, Item)> = Vec::new();
        // Each query is its own task, so the signing and verification of concurrent queries
        // run on both worker threads; `buffer_unordered` alone would poll them all from one
        // task and serialise their CPU work on one core. At most --concurrency are in flight,
        // and the numbers are read from the file only as fast as tasks are started.
        let client = std::sync::Arc::new(client);
        let mut s = futures_util::stream::iter(numbers.enumerate())
            .map(|(i, n)| {
                let client = client.clone();
                tokio::spawn(async move {
                    let item = match query_one(&client, &n).await {
                        Ok((raw, parsed, _)) => Item::Order {
                            raw,
                            parsed: Box::new(parsed),
                        },
                        Err(e) => Item::Failed {
                            error: error::report(&e),
                            number: n,
                        },
                    };
                    (i, item)
                })
            })
            .buffer_unordered(args.concurrency as usize);
        while let Some(joined) = s.next().await {
            let (i, item) =
                joined.map_err(|e| std::io::Error::other(format!("a query task failed: {e}")))?;
            if let Some(p) = &progress {
                p.inc(1);
            }
            tally.add(&item);
            if stream_lines {
                // -o jsonl: each order as soon as it is known, in completion order.
                let line = item.json().to_string();
                let emit = || ctx.printer.emit_line(&line);
                match &progress {
                    Some(p) => p.suspend(emit)?,
                    None => emit()?,
                }
            } else {
                kept.push((i, item));
            }
        }
        Ok::<_, std::io::Error>((tally, kept))
    })?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if let Some(f) = reread_failure.lock().expect("failure slot").take() {
        return Err(f.into());
    }

    // Summary by state on stderr (counts only); the exit code is the worst failure's.
    let summary: Vec<String> = tally
        .by_state
        .iter()
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    ctx.printer
        .notice(&format!("{total} orders: {}", summary.join(", ")));

    let failure = tally.worst.map(|kind| {
        anyhow::Error::new(Failure::new(
            kind,
            format!(
                "{} of {total} queries failed (each error is shown in place of its order)",
                tally.failed
            ),
        ))
    });
    if stream_lines {
        // Already streamed.
        return Ok(Outcome {
            view: Box::new(Nothing),
            failure,
        });
    }
    kept.sort_by_key(|(i, _)| *i);
    let items: Vec<Item> = kept.into_iter().map(|(_, it)| it).collect();
    Ok(Outcome {
        view: Box::new(BatchView(items)),
        failure,
    })
}
