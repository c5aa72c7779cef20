//! `refund query`: one refund, or a batch with bounded concurrency (cli.md "refund", apiv3.md
//! §14.3), like `query`: a table, `-o json` verbatim, `-o jsonl` streamed as answers arrive, each
//! refund printed as received. And the refund table every refund command renders.

use anyhow::{Context as _, Result};
use serde_json::{Map, Value, json};

use super::{Answered, query_refund, query_refund_as};
use crate::api::refund::{Refund, RefundSummary};
use crate::cli::RefundQueryArgs;
use crate::commands::batch::{self, BatchItem};
use crate::commands::{Context, Outcome, block_on};
use crate::error::{self, Failure, Kind};
use crate::render::{View, list_table};

/// How much `--from` may hold: 64 MiB is a million refund numbers.
const FROM_CAP: u64 = 64 * crate::input::MIB;

fn dash(v: Option<&str>) -> String {
    v.unwrap_or("-").to_string()
}

/// Fields a command appends to each refund object.
pub type AddFields = dyn Fn(&Refund) -> Map<String, Value>;

/// One refund as a table row.
pub fn refund_row(r: &RefundSummary) -> Vec<String> {
    vec![
        r.out_refund_no.clone(),
        r.out_trade_no.clone(),
        r.status.to_string(),
        r.refund.to_string(),
        r.total.to_string(),
        dash(r.channel.as_deref()),
        dash(r.user_received_account.as_deref()),
        dash(r.create_time.as_deref()),
        dash(r.success_time.as_deref()),
    ]
}

pub const HEADER: [&str; 9] = [
    "OUT_REFUND_NO",
    "OUT_TRADE_NO",
    "STATUS",
    "REFUND ¥",
    "TOTAL ¥",
    "CHANNEL",
    "ACCOUNT",
    "CREATE_TIME",
    "SUCCESS_TIME",
];

/// One item of a refund list: WeChat Pay's object (plus what the command adds), or an error in
/// its place.
pub enum Item {
    Refund {
        /// The object on one line: the verified body as received, or, where a command adds
        /// fields, the object with them.
        json: String,
        /// What its table row and state need.
        summary: Box<RefundSummary>,
    },
    Failed {
        number: String,
        error: error::Report,
    },
}

impl Item {
    /// A verified refund answer as received (issue 16 item 4: no `Value` is built for it; cli.md
    /// "refund": `query` prints the refund as received).
    fn received(body: &[u8], what: &str) -> Result<Item> {
        let text = std::str::from_utf8(body)
            .with_context(|| format!("{what}: the verified answer is not UTF-8"))?;
        let summary: RefundSummary = serde_json::from_str(text)
            .with_context(|| format!("{what}: the verified answer is not a refund object"))?;
        Ok(Item::Refund {
            json: batch::one_line(text).into_owned(),
            summary: Box::new(summary),
        })
    }

    fn json(&self) -> String {
        match self {
            Item::Refund { json, .. } => json.clone(),
            Item::Failed { number, error } => {
                json!({ "out_refund_no": number, "error": error }).to_string()
            }
        }
    }
}

impl BatchItem for Item {
    fn outcome(&self) -> Result<String, &error::Report> {
        match self {
            Item::Refund { summary, .. } => Ok(summary.status.to_string()),
            Item::Failed { error, .. } => Err(error),
        }
    }
    fn line(&self) -> String {
        self.json()
    }
}

/// Refunds: one is an object (`-o json` WeChat Pay's text verbatim when nothing is added), several
/// an array.
pub struct RefundsView {
    pub items: Vec<Item>,
    /// For a single refund shown as received: the verified body, byte for byte.
    pub verbatim: Option<String>,
    pub single: bool,
}

impl RefundsView {
    /// Answers as received; `add` fields are appended to each object (`create`'s `mchid` and
    /// `combine_out_trade_no`, cli.md).
    pub fn of_answers(answers: Vec<Answered>, add: Option<&AddFields>) -> Self {
        let single = answers.len() == 1;
        let verbatim = match (&add, answers.as_slice()) {
            (None, [one]) => Some(one.text.trim_end().to_string()),
            _ => None,
        };
        let items = answers
            .into_iter()
            .map(|a| {
                let json = match &add {
                    None => batch::one_line(&a.text).into_owned(),
                    Some(f) => {
                        let mut obj = a.refund.raw().clone();
                        obj.extend(f(&a.refund));
                        Value::Object(obj).to_string()
                    }
                };
                Item::Refund {
                    json,
                    summary: Box::new(RefundSummary::from(&a.refund)),
                }
            })
            .collect();
        RefundsView {
            items,
            verbatim,
            single,
        }
    }
}

impl View for RefundsView {
    fn json(&self) -> String {
        if let Some(v) = &self.verbatim {
            return v.clone();
        }
        match (self.single, self.items.as_slice()) {
            (true, [one]) => one.json(),
            _ => format!(
                "[{}]",
                self.items
                    .iter()
                    .map(Item::json)
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        }
    }
    fn jsonl(&self) -> Vec<String> {
        self.items.iter().map(Item::json).collect()
    }
    fn table(&self) -> String {
        let rows = self
            .items
            .iter()
            .map(|i| match i {
                Item::Refund { summary, .. } => refund_row(summary),
                Item::Failed { number, error } => {
                    let mut row = vec![
                        number.clone(),
                        "-".into(),
                        crate::commands::batch::error_cell(error),
                    ];
                    row.resize(HEADER.len(), "-".into());
                    row
                }
            })
            .collect();
        list_table(&HEADER, rows)
    }
}

/// The numbers: arguments, then `--from` lines (blank lines and `#` comments skipped), each
/// checked before anything is sent.
/// A number given again is kept once, in the place it first appeared; the second value is how
/// many were dropped (issue 15, item 14).
fn numbers(args: &RefundQueryArgs) -> Result<(Vec<String>, usize), Failure> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut duplicates = 0;
    let mut keep = |n: &str, out: &mut Vec<String>| {
        if seen.insert(n.to_string()) {
            out.push(n.to_string());
        } else {
            duplicates += 1;
        }
    };
    for n in &args.numbers {
        crate::api::refund::out_refund_no("OUT_REFUND_NO", n)
            .map_err(|e| Failure::usage(format!("argument {e}")))?;
        keep(n, &mut out);
    }
    if let Some(path) = &args.from {
        let shown = path.display().to_string();
        let bytes = crate::input::read_path_or_stdin(path, FROM_CAP)
            .map_err(|e| Failure::usage(crate::input::describe("--from", path, &e)))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Failure::usage(format!("--from {shown}: not UTF-8 text")))?;
        for (i, line) in text.lines().enumerate() {
            let n = line.trim();
            if n.is_empty() || n.starts_with('#') {
                continue;
            }
            crate::api::refund::out_refund_no(&format!("--from {shown}: line {}", i + 1), n)
                .map_err(|e| Failure::usage(e.to_string()))?;
            keep(n, &mut out);
        }
    }
    if out.is_empty() {
        return Err(Failure::usage(
            "no refund numbers: give OUT_REFUND_NO arguments or --from FILE",
        ));
    }
    Ok((out, duplicates))
}

/// The report of a number WeChat Pay does not know (404 `RESOURCE_NOT_EXISTS`).
fn not_found(no: &str) -> error::Report {
    let mut r = error::report(&anyhow::Error::new(Failure::new(
        Kind::Api,
        format!("WeChat Pay knows no refund {no}"),
    )));
    r.code = Some("RESOURCE_NOT_EXISTS".into());
    r.http_status = Some(404);
    r
}

fn check_sub_mchid(s: Option<&str>) -> Result<(), Failure> {
    match s {
        Some(v) if v.is_empty() || v.len() > 32 || !v.bytes().all(|b| b.is_ascii_digit()) => Err(
            Failure::usage(format!("--sub-mchid {v:?}: a mchid is 1-32 digits")),
        ),
        _ => Ok(()),
    }
}

pub fn run(ctx: &Context, args: &RefundQueryArgs) -> Result<Outcome> {
    let (numbers, duplicates) = numbers(args)?;
    check_sub_mchid(args.sub_mchid.as_deref())?;
    let profile = ctx.profile()?;
    let client = ctx.client(&profile)?;
    let sub = args.sub_mchid.clone();

    if duplicates > 0 {
        ctx.printer
            .notice(&crate::commands::shared::duplicates_note(
                duplicates, "refund",
            ));
    }
    // One object for one argument; a batch for several, even if they are all the same.
    if args.numbers.len() == 1 && args.from.is_none() {
        let no = &numbers[0];
        let a = block_on(query_refund(&client, no, sub.as_deref()))?.ok_or_else(|| {
            Failure::new(
                Kind::Api,
                format!("WeChat Pay knows no refund {no} (RESOURCE_NOT_EXISTS)"),
            )
            .hint("check the number, the profile (the refund's merchant) and --sub-mchid")
        })?;
        return Ok(Outcome::ok(RefundsView::of_answers(vec![a], None)));
    }

    let total = numbers.len();
    let client = std::sync::Arc::new(client);
    let done = batch::run(
        ctx,
        numbers.into_iter(),
        total,
        args.concurrency as usize,
        "querying refunds",
        |n| {
            let client = client.clone();
            let sub = sub.clone();
            async move {
                match query_refund_as(&client, &n, sub.as_deref(), Item::received).await {
                    Ok(Some(item)) => item,
                    Ok(None) => Item::Failed {
                        error: not_found(&n),
                        number: n,
                    },
                    Err(e) => Item::Failed {
                        error: error::report(&e),
                        number: n,
                    },
                }
            }
        },
    )
    .context("refund query")?;
    Ok(
        done.outcome(ctx, total, ("refunds", "refund"), |items| RefundsView {
            items,
            verbatim: None,
            single: false,
        }),
    )
}

/// The refund table of a `REFUND.*` notification (apiv3.md §14.4), in place of the sub-order
/// table of a payment notification.
pub fn notice_table(n: &crate::api::refund::RefundNotice) -> String {
    list_table(
        &[
            "OUT_REFUND_NO",
            "OUT_TRADE_NO",
            "MCHID",
            "STATUS",
            "REFUND ¥",
            "TOTAL ¥",
            "ACCOUNT",
            "SUCCESS_TIME",
            "REFUND_ID",
        ],
        vec![vec![
            n.out_refund_no.clone(),
            n.out_trade_no.clone(),
            dash(n.merchant()),
            n.refund_status.to_string(),
            n.amount.refund.to_string(),
            n.amount.total.to_string(),
            dash(n.user_received_account.as_deref()),
            dash(n.success_time.as_deref()),
            n.refund_id.clone(),
        ]],
    )
}

/// One line about a refund notification for `notify listen`.
pub fn notice_summary(n: &crate::api::refund::RefundNotice) -> String {
    format!(
        "refund {} of {} · {} of {} fen · {}",
        n.out_refund_no, n.out_trade_no, n.amount.refund.0, n.amount.total.0, n.refund_status
    )
}
