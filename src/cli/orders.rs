use std::path::PathBuf;

use clap::Args;

use crate::api::Scene;

/// Create a combine order (合单下单)
///
/// Builds the request from --sub-order specs (or a whole --body JSON), fills combine_appid,
/// combine_mchid and notify_url from the profile, validates every field locally (a violation exits 2
/// naming the field as a JSON pointer, and nothing is sent), signs exactly the bytes it sends, and
/// verifies the response. A combine_out_trade_no is generated when none is given.
///
/// SPEC is key=value pairs joined by commas — out_trade_no, amount (fen), description and attach
/// are required; mchid (default: the profile's), sub_mchid, sub_appid, detail, goods_tag,
/// profit_sharing (true/false) and subsidy_amount are optional — or a JSON object with the same keys
/// when a value needs a comma.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine prepay --openid oUpF8uMuAJO_M2pxb1Q9zNjWeS6o \\\n    --sub-order out_trade_no=S20260101001,amount=100,description=Tea,attach=shop1 \\\n    --sub-order out_trade_no=S20260101002,amount=250,description=Cake,attach=shop2,mchid=1900000119 --sign -o json\n  wxcombine prepay --scene native --body order.json --dry-run"
)]
pub struct PrepayArgs {
    /// Payment scene: endpoint /v3/combine-transactions/{scene}
    #[arg(long, value_parser = super::vocab::scene(), default_value = "jsapi", value_name = "SCENE")]
    pub scene: Scene,

    /// Combine order number [default: generated, e.g. C20260101120000123456]
    #[arg(long, value_name = "NO")]
    pub combine_out_trade_no: Option<String>,

    /// Payer openid under the combine appid (required for jsapi)
    #[arg(long, value_name = "OPENID")]
    pub openid: Option<String>,

    /// A sub-order: key=value pairs joined by commas, or a JSON object (repeat for each)
    #[arg(long = "sub-order", value_name = "SPEC")]
    pub sub_orders: Vec<String>,

    /// A whole request body as JSON (FILE, or - for stdin); flags and the profile fill what it lacks
    #[arg(long, value_name = "FILE")]
    pub body: Option<PathBuf>,

    /// Notify URL [default: the profile's notify_url]
    #[arg(long, value_name = "URL")]
    pub notify_url: Option<String>,

    /// Payment deadline from now, e.g. 30m, 2h, 1d
    #[arg(long, value_name = "DURATION", conflicts_with = "time_expire")]
    pub expire_in: Option<String>,

    /// Payment deadline as RFC 3339 with +08:00, e.g. 2026-01-01T12:00:00+08:00
    #[arg(long, value_name = "RFC3339")]
    pub time_expire: Option<String>,

    /// Payer client IP (scene_info.payer_client_ip; required for h5)
    #[arg(long, value_name = "IP")]
    pub payer_ip: Option<String>,

    /// Device id (scene_info.device_id)
    #[arg(long, value_name = "ID")]
    pub device_id: Option<String>,

    /// H5 client type (scene_info.h5_info.type; required for h5)
    #[arg(long, value_name = "TYPE", value_parser = ["Wap", "iOS", "Android"])]
    pub h5_type: Option<String>,

    /// Combine appid [default: the profile's appid]
    #[arg(long, value_name = "APPID")]
    pub appid: Option<String>,

    /// Also output the wx.requestPayment parameters (jsapi) or the APP parameters (app)
    #[arg(long)]
    pub sign: bool,

    /// Print the method, URL, body and exact string to sign; send nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Query combine orders (合单查询)
///
/// One order prints a table of its sub-orders, or with -o json WeChat Pay's response exactly as
/// received (after its signature verified). Several orders (arguments and/or --from) are queried
/// with bounded concurrency; -o jsonl streams one line per order as results arrive, in flat memory
/// whatever the number of orders. -o json (one array, in input order) and the table hold every
/// order until the end: use -o jsonl for large batches. A failed order appears in place of its
/// result as {"combine_out_trade_no":…,"error":{…}}, a summary by state goes to stderr, and the
/// exit code is that of the worst failure (4, 5 or 6). A number given more than once is queried
/// and printed once, and stderr says how many were dropped.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine query C20260101120000123456\n  wxcombine query --from orders.txt --concurrency 16 -o jsonl > states.jsonl"
)]
pub struct QueryArgs {
    /// Combine order numbers
    #[arg(value_name = "COMBINE_OUT_TRADE_NO")]
    pub numbers: Vec<String>,

    /// Read numbers from FILE (or - for stdin), one per line; blank lines and # comments skipped
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,

    /// Queries in flight at once
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,
}

/// Close a combine order (合单关单)
///
/// Without --sub-order, the order is queried first and its exact sub-orders are used; a paid order
/// is refused locally (exit 4, no close request sent). On a terminal it asks for confirmation
/// unless --yes.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine close C20260101120000123456\n  wxcombine close C20260101120000123456 --yes -o json\n  wxcombine close C2026… --sub-order mchid=1900000109,out_trade_no=S1 --sub-order mchid=1900000119,out_trade_no=S2 --dry-run"
)]
pub struct CloseArgs {
    /// Combine order number
    #[arg(value_name = "COMBINE_OUT_TRADE_NO")]
    pub number: String,

    /// A sub-order to list: mchid=…,out_trade_no=…[,sub_mchid=…] (repeat for each; all of them)
    #[arg(long = "sub-order", value_name = "SPEC")]
    pub sub_orders: Vec<String>,

    /// Combine appid [default: from the query, else the profile's appid]
    #[arg(long, value_name = "APPID")]
    pub appid: Option<String>,

    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    pub yes: bool,

    /// Print the close request and the exact string to sign; send no close request
    #[arg(long)]
    pub dry_run: bool,
}
