//! Configuration and credential errors (exit code 3).

use std::path::PathBuf;

use crate::signing::{DecryptError, KeyError};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file {path} does not exist ({source_desc})")]
    NotFound { path: PathBuf, source_desc: String },
    #[error(
        "no config file: could not determine the user config folder; pass --config FILE or set $WXCOMBINE_CONFIG"
    )]
    NoConfigDir,
    #[error("cannot read {what} {path}: {err}")]
    Read {
        what: &'static str,
        path: PathBuf,
        err: std::io::Error,
    },
    /// A bounded read failed: too large, not a file, or an I/O error (issue 11).
    #[error("{}", crate::input::describe(what, path, err))]
    Input {
        what: &'static str,
        path: PathBuf,
        err: crate::input::InputError,
    },
    #[error("cannot write config file {path}: {err}")]
    Write { path: PathBuf, err: std::io::Error },
    #[error("{path}: invalid TOML: {message}")]
    Toml { path: PathBuf, message: String },
    #[error(
        "{path}: unknown key `{key}` at the top level (expected default_profile or [profiles.NAME])"
    )]
    UnknownTopKey { path: PathBuf, key: String },
    #[error("{path}: profile `{profile}`: unknown key `{key}`")]
    UnknownKey {
        path: PathBuf,
        profile: String,
        key: String,
        suggestion: Option<&'static str>,
    },
    #[error("{path}: profile `{profile}`: key `{key}` {problem}")]
    BadValue {
        path: PathBuf,
        profile: String,
        key: String,
        problem: String,
    },
    #[error("{path}: profile `{profile}` is missing the required key `{key}`")]
    MissingKey {
        path: PathBuf,
        profile: String,
        key: &'static str,
    },
    #[error("{path}: {problem}")]
    Invalid { path: PathBuf, problem: String },
    #[error("{path}: no profile `{profile}` ({source_desc}); known profiles: {known}")]
    UnknownProfile {
        path: PathBuf,
        profile: String,
        source_desc: String,
        known: String,
    },
    #[error("{path}: no profile selected and default_profile is not set; known profiles: {known}")]
    NoProfileSelected { path: PathBuf, known: String },
    #[error("profile `{profile}`: {problem}")]
    Profile {
        profile: String,
        problem: String,
        hint: Option<String>,
    },
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error("{origin}: {problem}")]
    ApiV3Key {
        origin: String,
        problem: DecryptError,
    },
}

impl ConfigError {
    /// A line the user can act on, shown as `hint: …`.
    pub fn hint(&self) -> Option<String> {
        match self {
            ConfigError::NotFound { .. } | ConfigError::NoConfigDir => Some(
                "create a profile from your merchant files with `wxcombine profile init NAME --mchid ID --private-key FILE …` (see `wxcombine profile init --help`), or start a local emulator with `wxcombine sandbox serve --write-config FILE`".into(),
            ),
            ConfigError::UnknownKey { suggestion: Some(s), .. } => Some(format!("did you mean `{s}`?")),
            ConfigError::UnknownProfile { .. } | ConfigError::NoProfileSelected { .. } => {
                Some("pass --profile NAME, set $WXCOMBINE_PROFILE, or set default_profile in the config file; `wxcombine profile init NAME` creates a profile".into())
            }
            ConfigError::Profile { hint, .. } => hint.clone(),
            ConfigError::Key(e) => match &e.problem {
                crate::signing::keys::KeyProblem::WrongKind { found, .. } if found == "a certificate" => Some(
                    "private_key_file must point at the private key (apiclient_key.pem), not the certificate (apiclient_cert.pem)".into(),
                ),
                _ => e.hint(),
            },
            ConfigError::Input { err: crate::input::InputError::TooLarge { .. }, .. } => Some(
                "config and key files are at most 1 MiB (README › Limits): check that the path names the right file".into(),
            ),
            ConfigError::Input { err: crate::input::InputError::NotAFile { .. }, .. } => Some(
                "key and certificate files must be regular files (or named pipes)".into(),
            ),
            ConfigError::ApiV3Key { .. } => Some(
                "the APIv3 key is the 32-character string set in 商户平台 › 账户中心 › API安全 › APIv3密钥".into(),
            ),
            _ => None,
        }
    }
}
