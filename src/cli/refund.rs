//! Clap definitions of `refund create|query|list|watch` (cli.md "refund", apiv3.md §14).

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// Refund sub-orders of combine orders, and follow the refunds (退款)
#[derive(Debug, Subcommand)]
pub enum RefundCommand {
    Create(RefundCreateArgs),
    Query(RefundQueryArgs),
    List(RefundListArgs),
    Watch(RefundWatchArgs),
}

/// Refund a paid sub-order of a combine order (申请退款)
///
/// Queries the combine order first (verified) and works per sub-order: the request is signed by the
/// profile whose mchid is the sub-order's (a 服务商 profile sends sub_mchid). What WeChat Pay would
/// refuse is refused here, with exit 2 and nothing sent: a sub-order not paid, more than its
/// refundable remainder, a 51st partial refund, more than 365 days after payment. amount.total is
/// always the sub-order's own total, from the query.
///
/// The out_refund_no is chosen before anything is sent and printed first on stderr: R<out_trade_no>-<n>
/// (the first n that WeChat Pay does not know yet, from 1) or --out-refund-no. After a network failure
/// (exit 5) the printed command retries safely with the same number: WeChat Pay refunds one number
/// only once. A refund of the same amount of the same sub-order in the last 24 hours is refused
/// unless --again. Every refund sent is recorded in a local journal ($WXCOMBINE_DATA_DIR, else the
/// platform's data folder, refunds.jsonl).
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine refund create C20260101120000123456 --sub-order S20260101001 --amount 50 --reason 缺货\n  wxcombine refund create C20260101120000123456 --all --yes --wait -o json"
)]
pub struct RefundCreateArgs {
    /// Combine order number
    #[arg(value_name = "COMBINE_OUT_TRADE_NO")]
    pub number: String,

    /// The sub-order to refund (its out_trade_no)
    #[arg(
        long,
        value_name = "OUT_TRADE_NO",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub sub_order: Option<String>,

    /// Refund every paid sub-order in full (one refund each)
    #[arg(long)]
    pub all: bool,

    /// Amount to refund in fen [default: all that is still refundable]
    #[arg(long, value_name = "FEN", conflicts_with = "all")]
    pub amount: Option<i64>,

    /// Reason shown to the payer (at most 80 bytes)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    /// Refund number to use instead of R<out_trade_no>-<n> (1-64 of 0-9 A-Z a-z _ - | * @)
    #[arg(long, value_name = "NO", conflicts_with = "all")]
    pub out_refund_no: Option<String>,

    /// Where WeChat Pay sends the REFUND.* notification [default: the platform's setting]
    #[arg(long, value_name = "URL")]
    pub notify_url: Option<String>,

    /// Take the money from the available balance (old fund-flow merchants)
    #[arg(long, value_name = "ACCOUNT", value_parser = ["AVAILABLE"])]
    pub funds_account: Option<String>,

    /// Poll until SUCCESS, CLOSED or ABNORMAL, at most DURATION [default: 2h]
    #[arg(long, value_name = "DURATION", num_args = 0..=1, default_missing_value = "2h")]
    pub wait: Option<String>,

    /// Refund even though a refund of the same amount was made in the last 24 hours
    #[arg(long)]
    pub again: bool,

    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    pub yes: bool,

    /// Print the request and the exact string to sign; send no refund
    #[arg(long)]
    pub dry_run: bool,
}

/// Query refunds by out_refund_no (查询单笔退款)
///
/// One refund prints a table, or with -o json WeChat Pay's answer exactly as received (after its
/// signature verified). Several (arguments and/or --from) are queried with bounded concurrency;
/// -o jsonl streams one line per refund as results arrive. A failed refund appears in place of its
/// result as {"out_refund_no":…,"error":{…}}; the exit code is that of the worst failure. A number
/// given more than once is queried and printed once, and stderr says how many were dropped.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine refund query RS20260101001-1\n  wxcombine refund query --from refunds.txt --concurrency 16 -o jsonl"
)]
pub struct RefundQueryArgs {
    /// Refund numbers
    #[arg(value_name = "OUT_REFUND_NO")]
    pub numbers: Vec<String>,

    /// Read numbers from FILE (or - for stdin), one per line; blank lines and # comments skipped
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,

    /// The sub-merchant of the refunds (服务商 profiles)
    #[arg(long, value_name = "ID")]
    pub sub_mchid: Option<String>,

    /// Queries in flight at once
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,
}

/// List the refunds of a combine order, with what is still refundable
///
/// APIv3 has no endpoint that lists an order's refunds, so this queries R<out_trade_no>-1, -2, …
/// until WeChat Pay knows no more, plus the numbers this tool recorded in its local journal.
/// Refunds made elsewhere (the merchant platform, another system) with other numbers are not
/// listed; WeChat Pay still refuses an over-refund.
#[derive(Debug, Args)]
#[command(after_long_help = "Examples:\n  wxcombine refund list C20260101120000123456 -o json")]
pub struct RefundListArgs {
    /// Combine order number
    #[arg(value_name = "COMBINE_OUT_TRADE_NO")]
    pub number: String,
}

/// Wait for refunds to finish (SUCCESS, CLOSED or ABNORMAL)
///
/// Polls on WeChat Pay's advice (after 1 minute, then every minute, backing off after 5 minutes to
/// 5, 10, 20 and 30 minutes), with a spinner on a terminal. Exit 0 when all succeed, 4 when one is
/// CLOSED or ABNORMAL (with what to do), 5 when --wait runs out first.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine refund watch RS20260101001-1\n  wxcombine refund watch RS20260101001-1 RS20260101002-1 --wait 30m"
)]
pub struct RefundWatchArgs {
    /// Refund numbers
    #[arg(value_name = "OUT_REFUND_NO", required = true)]
    pub numbers: Vec<String>,

    /// The sub-merchant of the refunds (服务商 profiles)
    #[arg(long, value_name = "ID")]
    pub sub_mchid: Option<String>,

    /// Give up after DURATION, e.g. 30m (the global --timeout is the limit of each request)
    #[arg(long, value_name = "DURATION", default_value = "2h")]
    pub wait: String,
}
