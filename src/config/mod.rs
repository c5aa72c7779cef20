//! Profiles (cli.md §1): locate the config file, parse it, resolve paths, and load credentials.
//!
//! Loading never writes anything; [`edit`] is the one writer of config files (add or replace a
//! profile, keeping the rest). Errors name the file, the profile and the key. Key files are
//! read here and handed to the pure parsers in `signing`, which name the file in their errors.

pub mod edit;
mod error;
mod file;
mod profile;

pub use error::ConfigError;
pub use file::{ConfigFile, Located, Source, locate};
pub use profile::{
    ApiV3KeySource, Env, Profile, WECHATPAY_HOSTS,
    check_public_key_id as profile_check_public_key_id, is_wechatpay_url, load_cert_dir,
    load_cert_files,
};

/// Environment variables cli.md §1 defines.
pub const ENV_CONFIG: &str = "WXCOMBINE_CONFIG";
pub const ENV_PROFILE: &str = "WXCOMBINE_PROFILE";
pub const ENV_APIV3_KEY: &str = "WXCOMBINE_APIV3_KEY";
