use std::path::PathBuf;

use clap::{Args, Subcommand};

/// Work with bills (交易账单, 资金账单)
#[derive(Debug, Subcommand)]
pub enum BillCommand {
    Parse(BillParseArgs),
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
