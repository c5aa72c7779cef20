//! `profile init` (cli.md "profile init"; issue 15, item 1): what was typed. Every flag is
//! optional to clap, so that on a terminal the command can ask for what is missing; off a
//! terminal, a missing required value is a usage error naming its flag (commands::profile_init).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InitEnv {
    Production,
    Sandbox,
}

impl InitEnv {
    pub fn as_str(self) -> &'static str {
        match self {
            InitEnv::Production => "production",
            InitEnv::Sandbox => "sandbox",
        }
    }
}

#[derive(Debug, Args)]
pub struct ProfileInitArgs {
    /// Name of the new profile ([profiles.NAME])
    #[arg(value_name = "NAME")]
    pub name: String,

    /// Merchant id (商户号) that signs the requests
    #[arg(long, value_name = "ID")]
    pub mchid: Option<String>,

    /// Merchant API private key (apiclient_key.pem, PKCS#8 or PKCS#1 PEM)
    #[arg(long, value_name = "FILE")]
    pub private_key: Option<PathBuf>,

    /// Merchant API certificate (apiclient_cert.pem); its serial becomes serial_no [default:
    /// apiclient_cert.pem beside the private key, if there is one]
    #[arg(long, value_name = "FILE")]
    pub merchant_cert: Option<PathBuf>,

    /// WeChat Pay public key (pub_key.pem): public-key mode
    #[arg(long, value_name = "FILE", requires = "public_key_id")]
    pub public_key: Option<PathBuf>,

    /// Its id, PUB_KEY_ID_ followed by digits
    #[arg(long, value_name = "ID", requires = "public_key")]
    pub public_key_id: Option<String>,

    /// Folder for platform certificates (filled by `certs download`): certificate mode; with
    /// --public-key as well, mixed mode
    #[arg(long, value_name = "DIR")]
    pub platform_cert_dir: Option<PathBuf>,

    /// Environment variable holding the APIv3 key (the key is never a command-line argument)
    #[arg(long, value_name = "VAR", conflicts_with = "apiv3_key_file")]
    pub apiv3_key_env: Option<String>,

    /// File holding the APIv3 key (32 bytes; one trailing newline is ignored)
    #[arg(long, value_name = "FILE")]
    pub apiv3_key_file: Option<PathBuf>,

    /// Default AppID for prepay and sign-pay
    #[arg(long, value_name = "APPID")]
    pub appid: Option<String>,

    /// Default notify_url for prepay
    #[arg(long, value_name = "URL")]
    pub notify_url: Option<String>,

    /// The profile's env label
    #[arg(long, value_enum, value_name = "ENV", default_value_t = InitEnv::Production)]
    pub env: InitEnv,

    /// Run `profile check NAME` afterwards (one signed read-only request)
    #[arg(long)]
    pub check: bool,

    /// Replace an existing profile of that name
    #[arg(long)]
    pub force: bool,
}
