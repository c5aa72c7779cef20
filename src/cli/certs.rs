use std::path::PathBuf;

use clap::{Args, Subcommand};

/// Platform certificates
#[derive(Debug, Subcommand)]
pub enum CertsCommand {
    Download(CertsDownloadArgs),
    /// Show the profile's verifiers: public key and platform certificates, with their dates
    #[command(
        after_long_help = "Examples:\n  wxcombine certs list\n  wxcombine certs list -o json"
    )]
    List,
}

/// Download, decrypt and verify the platform certificates
///
/// Bootstraps trust as apiv3.md §3 describes: decrypt every certificate with the APIv3 key,
/// verify the response with the certificate its Wechatpay-Serial names, check each certificate's
/// validity dates, and only then write <serial>.pem files (atomically, mode 0600) into the profile's
/// platform_cert_dir or --dir. A merchant that only has a WeChat Pay public key gets an explanation
/// instead.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  wxcombine certs download\n  wxcombine --profile shop certs download --dir ./platform-certs -o json"
)]
pub struct CertsDownloadArgs {
    /// Folder for the certificates [default: the profile's platform_cert_dir]
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}
