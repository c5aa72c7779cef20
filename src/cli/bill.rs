use std::path::PathBuf;

use clap::{Args, Subcommand};

/// Work with bills (交易账单, 资金账单)
#[derive(Debug, Subcommand)]
pub enum BillCommand {
    Fetch(BillFetchArgs),
    Download(BillDownloadArgs),
    Parse(BillParseArgs),
    Reconcile(BillReconcileArgs),
    Summary(BillSummaryArgs),
}

/// Which bill: shared by `bill fetch` and `bill download` (apiv3.md §8.1, §8.2).
#[derive(Debug, Clone, Args)]
pub struct BillSelect {
    /// Trade bill (交易账单) or fund-flow bill (资金账单)
    #[arg(long, value_parser = super::vocab::bill_kind(), value_name = "KIND", default_value = "trade")]
    pub kind: crate::api::BillKind,

    /// Trade bill type
    #[arg(long = "type", value_parser = super::vocab::bill_type(), ignore_case = true, value_name = "TYPE", default_value = "ALL")]
    pub bill_type: crate::api::BillType,

    /// Fund-flow account
    #[arg(long, value_parser = super::vocab::account_type(), ignore_case = true, value_name = "ACCOUNT", default_value = "BASIC")]
    pub account_type: crate::api::AccountType,

    /// A sub-merchant's trade bill (服务商 only)
    #[arg(long, value_name = "ID", add = clap_complete::ArgValueCompleter::new(crate::commands::completions::sub_mchid_candidates))]
    pub sub_mchid: Option<String>,

    /// Transfer the bill gzip-compressed (tar_type=GZIP); the SHA-1 is still over the decompressed bytes
    #[arg(long)]
    pub gzip: bool,
}

/// Apply for a bill and show its hash and download URL
///
/// Signs GET /v3/bill/tradebill (or fundflowbill), verifies the response, and prints it: -o json
/// gives the response as received ({"hash_type","hash_value","download_url"}). The download URL is
/// valid for seconds; `bill download` applies and downloads in one go.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine bill fetch --date 2026-01-01\n  wxcombine bill fetch --date yesterday --kind fundflow --account-type FEES -o json"
)]
pub struct BillFetchArgs {
    /// Bill date: YYYY-MM-DD, today or yesterday (Beijing time)
    #[arg(long, value_name = "DATE")]
    pub date: String,

    #[command(flatten)]
    pub select: BillSelect,
}

/// Download bills, verify their SHA-1 and write them atomically
///
/// Applies for each date's bill (unless --url), downloads at once, decompresses while streaming,
/// computes the SHA-1 over the decompressed bytes, and writes PATH.part, fsyncs, compares, and only
/// then renames it to PATH: on a mismatch (exit 6), a broken transfer (exit 5) or any other error,
/// nothing is left under the final name. Memory stays flat whatever the bill size. A file that
/// already has the right hash is reported up_to_date and not downloaded again; a different one is
/// left alone unless --force. A day without trades is status no_statement, not a failure.
/// Ctrl-C or SIGTERM removes the partial file and exits 130 / 143.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine bill download --date yesterday --gzip --dir /srv/bills\n  wxcombine bill download --from 2026-01-01 --to 2026-01-31 --kind fundflow --dir bills -o json\n  wxcombine bill download --url 'https://api.mch.weixin.qq.com/v3/billdownload/file?token=…' --hash 79bb0f45… --out bill.csv"
)]
pub struct BillDownloadArgs {
    /// Bill date: YYYY-MM-DD, today or yesterday (Beijing time)
    #[arg(long, value_name = "DATE", conflicts_with_all = ["from", "to", "url"])]
    pub date: Option<String>,

    /// First date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)
    #[arg(long, value_name = "DATE", requires = "to", conflicts_with = "url")]
    pub from: Option<String>,

    /// Last date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)
    #[arg(long, value_name = "DATE", requires = "from", conflicts_with = "url")]
    pub to: Option<String>,

    /// A download_url applied for elsewhere (needs --hash and --out)
    #[arg(long, value_name = "URL", requires = "hash")]
    pub url: Option<String>,

    /// The hash_value that came with --url
    #[arg(long, value_name = "SHA1HEX", requires = "url")]
    pub hash: Option<String>,

    #[command(flatten)]
    pub select: BillSelect,

    /// Write to PATH (one date only), or - for stdout
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,

    /// Folder for the default file names <kind>bill_<date>_<type>.csv
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Replace an existing file whose hash differs
    #[arg(long)]
    pub force: bool,

    /// Also keep the compressed transfer as PATH.gz (needs --gzip)
    #[arg(long, requires = "gzip")]
    pub keep_gzip: bool,

    /// While the bill is being generated (STATEMENT_CREATING), keep retrying for this long, e.g. 2h
    #[arg(long, value_name = "DURATION")]
    pub wait: Option<String>,

    /// 服务商: download the trade bill of every sub_mchid in FILE (one a line, # comments; - reads
    /// standard input), one result row each
    #[arg(long, value_name = "FILE", conflicts_with_all = ["sub_mchid", "url", "out"])]
    pub sub_mchid_from: Option<PathBuf>,

    /// With --sub-mchid-from: how many bills are in flight at once
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub concurrency: u32,

    /// With --sub-mchid-from: bill applications per second, at most (a steady pace under WeChat
    /// Pay's limit; 429 FREQUENCY_LIMITED is retried after a back-off)
    #[arg(long, value_name = "R", default_value_t = crate::commands::bill::many::DEFAULT_BILL_RATE)]
    pub bill_rate: f64,

    /// Permissions of the bill files written, in octal, e.g. 640 [default: 600]
    #[arg(long, value_name = "OCTAL")]
    pub mode: Option<String>,

    /// Download with every profile of the config (all sandbox profiles when the current one is a
    /// sandbox profile, all others otherwise); --profile a,b names several
    #[arg(long)]
    pub all_profiles: bool,
}

/// Parse a bill file into records and its summary
///
/// Reads a trade bill (ALL, SUCCESS or REFUND) or a fund-flow bill as WeChat Pay serves it, plain
/// or gzip (recognised by its first bytes), and prints one record per detail line and the summary
/// line separately. Columns are read by header name; amounts are integer fen (the *_fen keys), the
/// handling fee (fee) is the exact 5-decimal string. No profile and no network are needed.
///
/// -o jsonl prints one record per line and {"summary":{…}} last; -o json prints
/// {"kind":…,"records":[…],"summary":{…}}; --csv prints the records only, with the JSON keys as
/// header. --check also verifies that the records add up to the summary line (exit 6 when not).
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine bill parse tradebill_2024-05-01_ALL.csv --check\n  wxcombine bill parse tradebill_2024-05-01_ALL.csv.gz -o jsonl | jq -r .out_trade_no"
)]
pub struct BillParseArgs {
    /// Bill file, plain or gzip; - reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Check that the records add up to the summary line (count and every total); exit 6 if not
    #[arg(long)]
    pub check: bool,

    /// Print the records as CSV, with the JSON keys as header row (overrides -o)
    #[arg(long)]
    pub csv: bool,
}

/// How `bill reconcile -o jsonl` writes the discrepancies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiscrepancyFormat {
    Csv,
    Jsonl,
}

/// Reconcile the day's trade bills against the merchant's own records
///
/// Reads the merchant's export (--orders: CSV with a header, or JSON lines; - reads standard
/// input), one record per sub-order or refund with at least out_trade_no, amount and state, and
/// optionally mchid, sub_mchid, out_refund_no, refund_amount. Amounts are fen (digits) or 元 with a
/// decimal point; an ambiguous value stops the run (exit 2) naming its row and column. Bills are
/// downloaded and verified as `bill download` does (into a temporary folder, or --dir), unless
/// --bill names trade bills already on disk.
///
/// Every record lands in exactly one class: matched, missing_in_bill (paid locally, not in the
/// bill), missing_locally (in the bill, not in the export), amount_mismatch, state_mismatch or
/// refund_mismatch (a refund row and a local refund, by out_refund_no, that differ or exist on one
/// side only). --tolerance-days N also looks in the bills of the N days before and after for
/// records that no reconciled day's bill has (orders near midnight) and says where it found
/// them. The smaller input is held in memory, the other is streamed; each bill is checked
/// against its summary line.
///
/// Output: a summary (counts and 元 totals per class and per mchid / sub_mchid, gross, refunds,
/// fees and net, cross-checked against the summary lines); -o json gives it as one object,
/// -o jsonl prints the discrepancies only, one per line (--format csv|jsonl). Exit 0 when
/// everything matches, 6 when anything differs.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine bill reconcile --date yesterday --orders orders.csv || alert\n  wxcombine bill reconcile --bill tradebill_1900000109_2026-05-01_ALL.csv --orders - --map out_trade_no=order_id,amount=total_fen -o jsonl --format csv"
)]
pub struct BillReconcileArgs {
    /// Bill date: YYYY-MM-DD, today or yesterday (Beijing time)
    #[arg(long, value_name = "DATE", conflicts_with_all = ["from", "to", "bill"])]
    pub date: Option<String>,

    /// First date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)
    #[arg(long, value_name = "DATE", requires = "to", conflicts_with = "bill")]
    pub from: Option<String>,

    /// Last date of a range (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)
    #[arg(long, value_name = "DATE", requires = "from", conflicts_with = "bill")]
    pub to: Option<String>,

    /// Trade bill files on disk (plain or gzip) instead of downloading
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub bill: Vec<PathBuf>,

    /// The merchant's export: CSV with a header, or JSON lines; - reads standard input
    #[arg(long, value_name = "FILE", required = true)]
    pub orders: PathBuf,

    /// Columns of the export under other names, e.g. out_trade_no=order_id,amount=total_fen
    #[arg(long, value_name = "FIELD=COLUMN,...")]
    pub map: Vec<String>,

    /// Also look in the bills of the N days before and after (orders near midnight)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub tolerance_days: u32,

    /// The discrepancy lines of -o jsonl: JSON lines (default) or CSV with a header
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<DiscrepancyFormat>,

    /// A sub-merchant's trade bills (服务商 only)
    #[arg(long, value_name = "ID", conflicts_with = "bill", add = clap_complete::ArgValueCompleter::new(crate::commands::completions::sub_mchid_candidates))]
    pub sub_mchid: Option<String>,

    /// Keep the downloaded bills in DIR (an up-to-date bill there is not downloaded again)
    #[arg(long, value_name = "DIR", conflicts_with = "bill")]
    pub dir: Option<PathBuf>,

    /// Reconcile the bills of every profile of the config as one bill set (all sandbox profiles
    /// when the current one is a sandbox profile, all others otherwise); --profile a,b names several
    #[arg(long, conflicts_with = "bill")]
    pub all_profiles: bool,
}

// ---- bill summary (issue 14, item 8) ----

/// How `bill summary` groups the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryBy {
    Day,
    Mchid,
    #[value(name = "sub_mchid", alias = "sub-mchid")]
    SubMchid,
}

/// Add up trade bills per day, merchant or sub-merchant: orders, gross, refunds, fees, net
///
/// Reads the trade bills of --from..--to already on disk, under the default names of
/// `bill download` (tradebill_<mchid>[-<sub_mchid>]_<date>_ALL.csv) in --dir, or the files given
/// with --bill; with --fetch, downloads and verifies them first exactly as `bill download` does.
/// Each bill is streamed (flat memory whatever its size) and must add up to its own summary line,
/// or the run stops with exit 6 naming the file. A day in the range without a bill is said on
/// stderr and flagged in its row, never shown as a silent 0.
///
/// Per row: orders (SUCCESS payment records), gross (Σ 应结订单金额), refunds (Σ 退款金额), fees
/// (Σ 手续费, net of the fees returned with refunds) and net = gross − refunds − fees, in 元, and a
/// total row. On a terminal, a bar column draws each row's net. -o json gives one object with the
/// rows and the totals (each amount as a 元 string and in fen), -o jsonl one line per row, --csv a
/// header and the rows for a spreadsheet.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine bill summary --from 2026-05-01 --to 2026-05-31 --dir /srv/bills\n  wxcombine bill summary --from yesterday --to yesterday --fetch --by sub_mchid\n  wxcombine bill summary --bill tradebill_1900000109_2026-05-01_ALL.csv --csv > may.csv"
)]
pub struct BillSummaryArgs {
    /// First date (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)
    #[arg(
        long,
        value_name = "DATE",
        required_unless_present = "bill",
        requires = "to"
    )]
    pub from: Option<String>,

    /// Last date (inclusive): YYYY-MM-DD, today or yesterday (Beijing time)
    #[arg(
        long,
        value_name = "DATE",
        required_unless_present = "bill",
        requires = "from"
    )]
    pub to: Option<String>,

    /// One row per day, per merchant (mchid) or per sub-merchant (sub_mchid)
    #[arg(long, value_enum, value_name = "BY", default_value_t = SummaryBy::Day)]
    pub by: SummaryBy,

    /// Folder of the bills under their default names (as `bill download --dir` wrote them)
    #[arg(long, value_name = "DIR", default_value = ".", conflicts_with = "bill")]
    pub dir: PathBuf,

    /// Trade bill files (plain or gzip) instead of the default names; the date is read from the name
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "fetch")]
    pub bill: Vec<PathBuf>,

    /// Download and verify the bills into --dir first, as `bill download` does
    #[arg(long)]
    pub fetch: bool,

    /// A sub-merchant's trade bills (服务商 only): its default names, or what --fetch downloads
    #[arg(long, value_name = "ID", conflicts_with = "bill")]
    pub sub_mchid: Option<String>,

    /// Print the rows as CSV with a header row, for a spreadsheet (overrides -o)
    #[arg(long)]
    pub csv: bool,
}
