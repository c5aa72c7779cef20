//! Clap definitions only: what was typed. No I/O, no defaults from profiles (that is `commands`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::render::{ColorChoice, Format};

mod bill;
mod certs;
mod demo;
mod notify;
mod orders;
mod profile_init;
mod refund;
mod sandbox;
mod sandbox_inspect;
mod sign_pay;
mod vocab;
pub use bill::{
    BillCommand, BillDownloadArgs, BillFetchArgs, BillParseArgs, BillReconcileArgs, BillSelect,
    BillSummaryArgs, DiscrepancyFormat, SummaryBy,
};
pub use certs::{CertsCommand, CertsDownloadArgs};
pub use demo::DemoArgs;
pub use notify::{NotifyCommand, NotifyDecryptArgs, NotifyListenArgs, NotifyReplayArgs};
pub use orders::{CloseArgs, PrepayArgs, QueryArgs};
pub use profile_init::{InitEnv, ProfileInitArgs};
pub use refund::{
    RefundCommand, RefundCreateArgs, RefundListArgs, RefundQueryArgs, RefundWatchArgs,
};
pub use sandbox::{
    FaultAction, SandboxCommand, SandboxFaultArgs, SandboxPayArgs, SandboxRotateCertArgs,
    SandboxSeedArgs, SandboxServeArgs,
};
pub use sandbox_inspect::{
    ClockAction, SandboxClockArgs, SandboxNotificationsArgs, SandboxOrdersArgs, SandboxRequestsArgs,
};
pub use sign_pay::SignPayArgs;

/// Command-line tool for WeChat Pay APIv3 combine payments (合单支付)
#[derive(Debug, Parser)]
#[command(
    name = "wxcombine",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_long_help = "Exit codes: 0 ok, 1 internal, 2 usage, 3 config, 4 WeChat Pay error, 5 network, 6 verification."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted before or after any command (cli.md §2).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Config file [default: $WXCOMBINE_CONFIG, else <config dir>/wxcombine/config.toml]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Profile to use [default: $WXCOMBINE_PROFILE, else default_profile]
    #[arg(
        long,
        global = true,
        value_name = "NAME",
        add = clap_complete::ArgValueCompleter::new(crate::commands::completions::profile_candidates)
    )]
    pub profile: Option<String>,

    /// Output format
    #[arg(
        short = 'o',
        long,
        global = true,
        value_enum,
        env = "WXCOMBINE_OUTPUT",
        value_name = "FORMAT"
    )]
    pub output: Option<Format>,

    /// Override the profile's base URL
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,

    /// Allow --base-url to name a host other than WeChat Pay's on a production profile
    #[arg(long, global = true)]
    pub allow_custom_host: bool,

    /// Per-request timeout in seconds; for a bill transfer, the longest wait for its next bytes
    #[arg(long, global = true, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,

    /// Retries for 5xx, 429, connection errors and broken bill transfers (0 = exactly one attempt)
    #[arg(long, global = true, value_name = "N", default_value_t = 3)]
    pub retries: u32,

    /// Trace requests and responses on stderr, secrets redacted (-vv adds bodies)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// No banner, no progress, no notices
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// No progress bars
    #[arg(long, global = true)]
    pub no_progress: bool,

    /// Colour on stderr (NO_COLOR is honoured under auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Demo(DemoArgs),
    Prepay(PrepayArgs),
    Query(QueryArgs),
    Close(CloseArgs),
    #[command(subcommand)]
    Refund(RefundCommand),
    SignPay(SignPayArgs),
    #[command(subcommand)]
    Bill(BillCommand),
    #[command(subcommand)]
    Notify(NotifyCommand),
    #[command(subcommand)]
    Certs(CertsCommand),
    #[command(subcommand)]
    Profile(ProfileCommand),
    #[command(subcommand)]
    Sandbox(SandboxCommand),
    Completions(CompletionsArgs),
}

/// Create and inspect profiles
#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Create a profile from a merchant's files
    ///
    /// Adds [profiles.NAME] to the config file, keeping every other profile and comment; the file
    /// is written 0600 (created if missing). The serial is read from the merchant certificate,
    /// which must belong to the private key; the key mode (public key, platform certificates, or
    /// both: mixed) follows from the flags given. No secret is ever a flag or printed: the APIv3
    /// key is named by --apiv3-key-file or --apiv3-key-env. On a terminal, what is missing is
    /// asked for; otherwise a missing required value is an error naming its flag. A global
    /// --base-url given here becomes the profile's base_url.
    #[command(
        after_long_help = "Examples:\n  wxcombine profile init shop --mchid 1900000109 --private-key apiclient_key.pem \\\n      --merchant-cert apiclient_cert.pem --public-key pub_key.pem \\\n      --public-key-id PUB_KEY_ID_0119000000000000000000000000000001 --apiv3-key-file apiv3.key --check\n  wxcombine profile init shop --mchid 1900000109 --private-key apiclient_key.pem \\\n      --platform-cert-dir platform-certs --apiv3-key-env SHOP_APIV3_KEY --force"
    )]
    Init(Box<ProfileInitArgs>),
    /// List the profiles in the config file
    #[command(
        after_long_help = "Examples:\n  wxcombine profile list\n  wxcombine profile list -o json"
    )]
    List,
    /// Show one profile's settings (secrets are never shown)
    #[command(
        after_long_help = "Examples:\n  wxcombine profile show\n  wxcombine profile show shop -o json"
    )]
    Show(ProfileNameArgs),
    /// Check a profile's keys, certificates and verifier, offline and online
    ///
    /// Loads everything offline (the private key parses, the merchant certificate belongs to it and
    /// its serial matches serial_no, the APIv3 key is 32 bytes, a verifier is present and valid, file
    /// permissions are tight), then makes one signed read-only request to prove the credentials and
    /// the verifier, reporting the key mode and the clock skew against the server. Each item is shown
    /// with ✓ or ✗; the exit code is non-zero when any fails (--offline skips the request).
    #[command(
        after_long_help = "Examples:\n  wxcombine profile check\n  wxcombine profile check shop --offline -o json"
    )]
    Check(ProfileCheckArgs),
}

#[derive(Debug, Args)]
pub struct ProfileNameArgs {
    /// Profile name [default: the selected profile]
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct ProfileCheckArgs {
    /// Profile name [default: the selected profile]
    #[arg(value_name = "NAME")]
    pub name: Option<String>,

    /// Only the offline checks; send no request
    #[arg(long)]
    pub offline: bool,
}

/// Print a shell completion script
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine completions bash > ~/.local/share/bash-completion/completions/wxcombine\n  wxcombine completions zsh > \"${fpath[1]}/_wxcombine\""
)]
pub struct CompletionsArgs {
    /// Shell to generate for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}
