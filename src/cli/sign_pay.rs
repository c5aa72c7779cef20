use clap::Args;

/// Generate the parameters for wx.requestPayment
///
/// Signs appId, timeStamp, nonceStr and package with the merchant private key (SHA256withRSA) and
/// prints the object a mini program passes to wx.requestPayment. No network and no verifier are
/// needed. --app produces the APP variant instead.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine sign-pay --prepay-id wx201410272009395522657a690389285100 -o json\n  wxcombine sign-pay --prepay-id wx2014… --timestamp 1554208460 --nonce 593BEC0C… --verify 'mI35…=='"
)]
pub struct SignPayArgs {
    /// The prepay_id from prepay, bare or as prepay_id=…
    #[arg(long, value_name = "ID")]
    pub prepay_id: String,

    /// AppID [default: the profile's appid]
    #[arg(long, value_name = "APPID")]
    pub appid: Option<String>,

    /// Unix time in seconds [default: now]
    #[arg(long, value_name = "SECS")]
    pub timestamp: Option<String>,

    /// Random string, up to 32 letters and digits [default: 32 random alphanumerics]
    #[arg(long, value_name = "STR")]
    pub nonce: Option<String>,

    /// Produce the APP variant (appid, partnerid, prepayid, package=Sign=WXPay, noncestr, timestamp, sign)
    #[arg(long)]
    pub app: bool,

    /// Also print the exact string that was signed (to stderr)
    #[arg(long)]
    pub explain: bool,

    /// Check PAYSIGN against the inputs with the merchant key's public half (exit 0 or 6)
    #[arg(long, value_name = "PAYSIGN", requires_all = ["timestamp", "nonce"])]
    pub verify: Option<String>,
}
