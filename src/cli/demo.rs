use clap::Args;

use crate::sandbox::KeyMode;

/// Walk through a combine payment end to end against a local sandbox
///
/// Needs no configuration and no network: starts an in-process WeChat Pay sandbox in a temp dir
/// and runs the real commands against it — profile check, prepay with two sub-orders, sign-pay,
/// the payer pays, the signed and encrypted notification arrives at a local receiver and is
/// verified and decrypted, query shows SUCCESS, a second order is closed, and a day's trade bill
/// is downloaded, hash-verified and checked.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine demo\n  wxcombine demo --key-mode mixed --keep"
)]
pub struct DemoArgs {
    /// How the sandbox signs: WeChat Pay public key, platform certificate, or both (mixed: the
    /// migration, narrated key by key)
    #[arg(long, value_enum, value_name = "MODE", default_value_t = KeyMode::Pubkey)]
    pub key_mode: KeyMode,

    /// Keep the sandbox's temp dir (keys, state, config, bill) and print where it is
    #[arg(long)]
    pub keep: bool,
}
