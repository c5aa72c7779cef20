//! `query`: one combine order, or a batch with bounded concurrency (cli.md §4, apiv3.md §6.4).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};

use anyhow::{Context as _, Result};
use serde_json::json;

use super::batch::{self, BatchItem};
use super::shared::{Seen, duplicates_note, order_rows, order_state, order_table};
use super::{Context, Outcome, block_on};
use crate::api::Request;
use crate::api::types::CombineOrder;
use crate::api::validate;
use crate::cli::QueryArgs;
use crate::error::{self, Failure};
use crate::render::View;
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
        /// WeChat Pay's verified body, as received.
        text: String,
        parsed: Box<CombineOrder>,
    },
    Failed {
        number: String,
        error: error::Report,
    },
}

impl Item {
    /// Its JSON on one line: the verified body as received (not parsed and written again), or
    /// the error in the order's place.
    fn json(&self) -> String {
        match self {
            Item::Order { text, .. } => batch::one_line(text).into_owned(),
            Item::Failed { number, error } => {
                json!({ "combine_out_trade_no": number, "error": error }).to_string()
            }
        }
    }
}

impl BatchItem for Item {
    fn outcome(&self) -> Result<String, &error::Report> {
        match self {
            Item::Order { parsed, .. } => Ok(order_state(parsed)),
            Item::Failed { error, .. } => Err(error),
        }
    }
    fn line(&self) -> String {
        self.json()
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
        vec![batch::one_line(&self.raw).into_owned()]
    }
    fn table(&self) -> String {
        order_table(order_rows(&self.parsed))
    }
}

pub struct BatchView(pub Vec<Item>);

impl View for BatchView {
    fn json(&self) -> String {
        format!(
            "[{}]",
            self.0.iter().map(Item::json).collect::<Vec<_>>().join(",")
        )
    }
    fn jsonl(&self) -> Vec<String> {
        self.0.iter().map(Item::json).collect()
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
                    super::batch::error_cell(error),
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

async fn query_one(client: &Client, number: &str) -> Result<(CombineOrder, String)> {
    let resp = client
        .call(&Request::combine_query(number))
        .await
        .with_context(|| format!("query {number}"))?;
    let text = String::from_utf8(resp.body.to_vec())
        .with_context(|| format!("query {number}: the body is not UTF-8"))?;
    let parsed: CombineOrder = serde_json::from_str(&text)
        .with_context(|| format!("query {number}: the verified response is not a combine order"))?;
    Ok((parsed, text))
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
        let (parsed, text) = block_on(query_one(&client, &numbers.args[0]))?;
        return Ok(Outcome::ok(OrderView { raw: text, parsed }));
    }

    let total = numbers.count;
    // -o jsonl streams each order as it arrives and keeps nothing of it: memory stays flat
    // whatever the number of orders (issue 11). -o json (one array) and the table are in input
    // order and hold every order until the end.
    let reread_failure = std::sync::Arc::new(std::sync::Mutex::new(None));
    let numbers = numbers.stream(reread_failure.clone());
    let client = std::sync::Arc::new(client);
    let done = batch::run(
        ctx,
        numbers,
        total,
        args.concurrency as usize,
        "querying",
        |n| {
            let client = client.clone();
            async move {
                match query_one(&client, &n).await {
                    Ok((parsed, text)) => Item::Order {
                        text,
                        parsed: Box::new(parsed),
                    },
                    Err(e) => Item::Failed {
                        error: error::report(&e),
                        number: n,
                    },
                }
            }
        },
    )?;
    if let Some(f) = reread_failure.lock().expect("failure slot").take() {
        return Err(f.into());
    }

    // Summary by state on stderr (counts only); the exit code is the worst failure's.
    Ok(done.outcome(ctx, total, ("orders", "order"), BatchView))
}
