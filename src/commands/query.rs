//! `query`: one combine order, or a batch with bounded concurrency (cli.md §4, apiv3.md §6.4).

use std::collections::BTreeMap;
use std::io::BufRead;

use anyhow::{Context as _, Result};
use futures_util::StreamExt;
use serde_json::{Value, json};

use super::{Context, Outcome, block_on};
use crate::api::Request;
use crate::api::types::CombineOrder;
use crate::api::validate;
use crate::cli::QueryArgs;
use crate::error::{self, Failure, Kind};
use crate::render::{Format, Nothing, View, list_table};
use crate::transport::Client;

/// Numbers from the arguments and `--from` (one per line; blank lines and `#` comments skipped),
/// each checked before anything is sent.
pub fn collect_numbers(args: &QueryArgs) -> Result<Vec<String>, Failure> {
    let mut out = Vec::new();
    for n in &args.numbers {
        validate::out_trade_no_strict("COMBINE_OUT_TRADE_NO", n)
            .map_err(|e| Failure::usage(format!("argument {}", e)))?;
        out.push(n.clone());
    }
    if let Some(path) = &args.from {
        let shown = path.display().to_string();
        let reader: Box<dyn BufRead> = if shown == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            let f = std::fs::File::open(path)
                .map_err(|e| Failure::usage(format!("--from {shown}: {e}")))?;
            Box::new(std::io::BufReader::new(f))
        };
        for (i, line) in reader.lines().enumerate() {
            let line =
                line.map_err(|e| Failure::usage(format!("--from {shown}: line {}: {e}", i + 1)))?;
            let n = line.trim();
            if n.is_empty() || n.starts_with('#') {
                continue;
            }
            validate::out_trade_no_strict(&format!("--from {shown}: line {}", i + 1), n)
                .map_err(|e| Failure::usage(e.to_string()))?;
            out.push(n.to_string());
        }
    }
    if out.is_empty() {
        return Err(Failure::usage(
            "no order numbers: give COMBINE_OUT_TRADE_NO arguments or --from FILE",
        ));
    }
    Ok(out)
}

/// The state of a whole order: its sub-orders' common state, or MIXED.
pub fn order_state(o: &CombineOrder) -> String {
    let mut states = o.sub_orders.iter().map(|s| s.trade_state.as_str());
    match states.next() {
        Some(first) if states.all(|s| s == first) => first.to_string(),
        Some(_) => "MIXED".into(),
        None => "EMPTY".into(),
    }
}

fn dash(v: Option<&str>) -> String {
    v.unwrap_or("-").to_string()
}

/// One row per sub-order (cli.md `query`), in [`HEADER`]'s columns; render with [`order_table`].
pub fn order_rows(o: &CombineOrder) -> Vec<Vec<String>> {
    o.sub_orders
        .iter()
        .map(|s| {
            vec![
                o.combine_out_trade_no.clone(),
                s.out_trade_no.clone(),
                s.mchid.clone(),
                dash(s.sub_mchid.as_deref()),
                s.trade_state.clone(),
                s.amount.total_amount.to_string(),
                s.amount
                    .payer_amount
                    .map(|a| a.to_string())
                    .unwrap_or_else(|| "-".into()),
                dash(s.transaction_id.as_deref()),
                dash(s.success_time.as_deref()),
            ]
        })
        .collect()
}

pub const HEADER: [&str; 9] = [
    "COMBINE_OUT_TRADE_NO",
    "OUT_TRADE_NO",
    "MCHID",
    "SUB_MCHID",
    "STATE",
    "AMOUNT ¥",
    "PAYER ¥",
    "TRANSACTION_ID",
    "SUCCESS_TIME",
];

/// Where SUB_MCHID sits in [`HEADER`].
const SUB_MCHID_COLUMN: usize = 3;

/// The table of [`order_rows`]: the SUB_MCHID column (§6.4, 服务商 orders only) is shown only when
/// some row has one, so a direct merchant's table has no column that is always `-`.
pub fn order_table(mut rows: Vec<Vec<String>>) -> String {
    let any_sub_mchid = rows
        .iter()
        .any(|r| r.get(SUB_MCHID_COLUMN).is_some_and(|c| c != "-"));
    if any_sub_mchid {
        return list_table(&HEADER, rows);
    }
    for r in &mut rows {
        if r.len() > SUB_MCHID_COLUMN {
            r.remove(SUB_MCHID_COLUMN);
        }
    }
    let mut header = HEADER.to_vec();
    header.remove(SUB_MCHID_COLUMN);
    list_table(&header, rows)
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

pub fn run(ctx: &Context, args: &QueryArgs) -> Result<Outcome> {
    let numbers = collect_numbers(args)?;
    let profile = ctx.profile()?;
    let client = ctx.client(&profile)?;

    if numbers.len() == 1 && args.from.is_none() {
        let (_, parsed, text) = block_on(query_one(&client, &numbers[0]))?;
        return Ok(Outcome::ok(OrderView { raw: text, parsed }));
    }

    let total = numbers.len();
    let stream_lines = ctx.printer.format == Format::Jsonl;
    let progress = ctx.printer.progress_bar(total as u64, "querying");
    let results: Vec<(usize, Item)> = block_on(async {
        let mut out = Vec::with_capacity(total);
        // Each query is its own task, so the signing and verification of concurrent queries
        // run on both worker threads; `buffer_unordered` alone would poll them all from one
        // task and serialise their CPU work on one core. At most --concurrency are in flight.
        let client = std::sync::Arc::new(client);
        let mut s = futures_util::stream::iter(numbers.iter().cloned().enumerate())
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
            if stream_lines {
                // -o jsonl: each order as soon as it is known, in completion order.
                let line = item.json().to_string();
                let emit = || ctx.printer.emit_line(&line);
                match &progress {
                    Some(p) => p.suspend(emit)?,
                    None => emit()?,
                }
            }
            out.push((i, item));
        }
        Ok::<_, std::io::Error>(out)
    })?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }

    // Summary by state on stderr; the exit code is the worst failure's.
    let mut by_state: BTreeMap<String, usize> = BTreeMap::new();
    let mut worst: Option<Kind> = None;
    let mut failed = 0;
    for (_, item) in &results {
        match item {
            Item::Order { parsed, .. } => *by_state.entry(order_state(parsed)).or_default() += 1,
            Item::Failed { error, .. } => {
                failed += 1;
                *by_state.entry("ERROR".into()).or_default() += 1;
                if worst.is_none_or(|w| error.kind.exit_code() > w.exit_code()) {
                    worst = Some(error.kind);
                }
            }
        }
    }
    let summary: Vec<String> = by_state.iter().map(|(s, n)| format!("{n} {s}")).collect();
    ctx.printer
        .notice(&format!("{total} orders: {}", summary.join(", ")));

    let mut ordered = results;
    ordered.sort_by_key(|(i, _)| *i);
    let items: Vec<Item> = ordered.into_iter().map(|(_, it)| it).collect();
    let failure = worst.map(|kind| {
        anyhow::Error::new(Failure::new(
            kind,
            format!(
                "{failed} of {total} queries failed (each error is shown in place of its order)"
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
    Ok(Outcome {
        view: Box::new(BatchView(items)),
        failure,
    })
}
