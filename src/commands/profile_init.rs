//! `profile init NAME …` (cli.md "profile init"; issue 15, item 1): turn a merchant's files into a
//! profile. Gather (flags, then questions on a terminal) → validate with the same loader every
//! other command uses → add `[profiles.NAME]` through [`crate::config::edit`] (the one writer:
//! atomic, 0600, every other profile and comment kept) → optionally `profile check NAME`.
//!
//! Only paths, ids and names are asked for, never a secret: the APIv3 key is named by a file or an
//! environment variable (cli.md §1: secrets are never arguments), so nothing typed is a secret
//! and nothing secret is echoed.

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;
use toml_edit::{Table, value};

use super::profile::{CheckView, run_checks};
use super::{Context, Outcome};
use crate::cli::ProfileInitArgs;
use crate::config::edit::ConfigEdit;
use crate::config::{self, ApiV3KeySource, ConfigError, ConfigFile};
use crate::error::Failure;
use crate::render::{View, kv_table, to_json};
use crate::signing::verify::Mode;

/// What `profile init` will write, once gathered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub mchid: Option<String>,
    pub private_key: Option<PathBuf>,
    pub merchant_cert: Option<PathBuf>,
    pub public_key: Option<PathBuf>,
    pub public_key_id: Option<String>,
    pub platform_cert_dir: Option<PathBuf>,
    pub apiv3_key_file: Option<PathBuf>,
    pub apiv3_key_env: Option<String>,
}

/// The merchant certificate's usual name, beside the key in the zip 商户平台 hands out.
const CERT_BESIDE_KEY: &str = "apiclient_cert.pem";

/// Fill what is missing: from the folder of the private key (`apiclient_cert.pem`), then by
/// `ask` (`Ok(None)`: no terminal). Off a terminal a missing required value is a usage error
/// naming its flag.
pub fn gather(
    mut a: Answers,
    ask: &mut dyn FnMut(&str) -> std::io::Result<Option<String>>,
) -> Result<Answers> {
    let mut missing = |a_flag: &str, question: &str| -> Result<Option<String>> {
        match ask(question)? {
            None => Err(Failure::usage(format!("{a_flag} is required"))
                .hint("on a terminal `wxcombine profile init NAME` asks for what is missing; see `wxcombine profile init --help`")
                .into()),
            Some(s) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        }
    };
    while a.mchid.is_none() {
        a.mchid = missing("--mchid", "Merchant id (商户号)")?;
    }
    while a.private_key.is_none() {
        a.private_key = missing(
            "--private-key",
            "Merchant API private key file (apiclient_key.pem)",
        )?
        .map(PathBuf::from);
    }
    if a.merchant_cert.is_none() {
        let beside = a
            .private_key
            .as_deref()
            .and_then(Path::parent)
            .map(|d| d.join(CERT_BESIDE_KEY))
            .filter(|p| p.is_file());
        a.merchant_cert = beside;
    }
    while a.merchant_cert.is_none() {
        a.merchant_cert = missing(
            "--merchant-cert",
            "Merchant API certificate file (apiclient_cert.pem; its serial is read from it)",
        )?
        .map(PathBuf::from);
    }
    if a.public_key.is_none() && a.platform_cert_dir.is_none() {
        let flags = "--public-key FILE --public-key-id ID (WeChat Pay public key mode) or --platform-cert-dir DIR (platform certificate mode)";
        a.public_key = missing(
            flags,
            "WeChat Pay public key file (pub_key.pem; empty if you use platform certificates)",
        )?
        .map(PathBuf::from);
        if a.public_key.is_some() {
            while a.public_key_id.is_none() {
                a.public_key_id =
                    missing("--public-key-id", "WeChat Pay public key id (PUB_KEY_ID_…)")?;
            }
        } else {
            while a.platform_cert_dir.is_none() {
                a.platform_cert_dir = missing(
                    "--platform-cert-dir",
                    "Folder for platform certificates (filled by `wxcombine certs download`)",
                )?
                .map(PathBuf::from);
            }
        }
    }
    if a.apiv3_key_file.is_none() && a.apiv3_key_env.is_none() {
        // Optional (orders work without it); asked for on a terminal only, and only as a file
        // name: the key itself is never typed here.
        if let Some(Some(f)) =
            ask("APIv3 key file (needed by notify decrypt and certs download; empty to skip)")?
                .map(|s| Some(s.trim().to_string()).filter(|s| !s.is_empty()))
        {
            a.apiv3_key_file = Some(PathBuf::from(f));
        }
    }
    Ok(a)
}

/// The flag a profile key came from, to name it in a usage error.
fn flag_of(key: &str) -> &'static str {
    match key {
        "mchid" => "--mchid",
        "appid" => "--appid",
        "notify_url" => "--notify-url",
        "wechatpay_public_key_id" => "--public-key-id",
        "wechatpay_public_key_file" => "--public-key",
        "apiv3_key_env" => "--apiv3-key-env",
        "private_key_file" => "--private-key",
        "merchant_cert_file" => "--merchant-cert",
        "platform_cert_dir" => "--platform-cert-dir",
        "base_url" => "--base-url",
        "env" => "--env",
        _ => "a flag",
    }
}

fn abs(p: &Path) -> String {
    std::path::absolute(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
}

/// A profile name that is a bare TOML key and reads well in `--profile NAME`.
fn check_name(name: &str) -> Result<(), Failure> {
    if name.is_empty()
        || name.len() > 64
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(Failure::usage(format!(
            "profile name {name:?}: use 1-64 letters, digits, '-' or '_'"
        )));
    }
    Ok(())
}

#[derive(Serialize)]
pub struct InitView {
    pub profile: String,
    pub config: String,
    /// Whether an existing profile of that name was replaced (`--force`).
    pub replaced: bool,
    pub default_profile: Option<String>,
    pub env: &'static str,
    pub mchid: String,
    pub serial_no: String,
    pub key_mode: Mode,
    pub apiv3_key: Option<String>,
    /// `profile check NAME`, with `--check`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckView>,
}

impl View for InitView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn table(&self) -> String {
        let mut out = kv_table(&[
            ("profile", self.profile.clone()),
            ("config", self.config.clone()),
            (
                "written",
                if self.replaced {
                    "replaced the existing profile (--force)".into()
                } else {
                    "added".into()
                },
            ),
            (
                "default_profile",
                self.default_profile.clone().unwrap_or_else(|| "-".into()),
            ),
            ("env", self.env.to_string()),
            ("mchid", self.mchid.clone()),
            ("serial_no", self.serial_no.clone()),
            ("key mode", self.key_mode.as_str().to_string()),
            (
                "apiv3_key",
                self.apiv3_key.clone().unwrap_or_else(|| "-".into()),
            ),
        ]);
        if let Some(c) = &self.check {
            out.push('\n');
            out.push_str(&c.table());
        }
        out
    }
}

pub fn run(ctx: &Context, args: &ProfileInitArgs) -> Result<Outcome> {
    check_name(&args.name)?;
    let env_config = std::env::var(config::ENV_CONFIG).ok();
    let located = config::locate(ctx.global.config.as_deref(), env_config.as_deref())?;
    let path = std::path::absolute(&located.path).unwrap_or(located.path.clone());
    let mut edit = ConfigEdit::open(&path)?;
    let replaced = edit.has_profile(&args.name);
    if replaced && !args.force {
        return Err(Failure::usage(format!(
            "{}: profile `{}` already exists; the file was left unchanged",
            path.display(),
            args.name
        ))
        .hint("pass --force to replace it, or choose another NAME")
        .into());
    }

    let given = Answers {
        mchid: args.mchid.clone(),
        private_key: args.private_key.clone(),
        merchant_cert: args.merchant_cert.clone(),
        public_key: args.public_key.clone(),
        public_key_id: args.public_key_id.clone(),
        platform_cert_dir: args.platform_cert_dir.clone(),
        apiv3_key_file: args.apiv3_key_file.clone(),
        apiv3_key_env: args.apiv3_key_env.clone(),
    };
    let a = gather(given, &mut |q| ctx.printer.ask(q))?;
    let key_mode = match (a.public_key.is_some(), a.platform_cert_dir.is_some()) {
        (true, true) => Mode::Mixed,
        (true, false) => Mode::Pubkey,
        _ => Mode::Cert,
    };

    // The section, every path absolute: the user named them relative to where they stand, and
    // the config resolves relative paths against its own folder (cli.md §1).
    let mut t = Table::new();
    t.decor_mut().set_prefix(format!(
        "# Written by `wxcombine profile init` (key mode {}).\n",
        key_mode.as_str()
    ));
    t.insert("env", value(args.env.as_str()));
    t.insert("mchid", value(a.mchid.clone().expect("gathered")));
    if let Some(x) = &args.appid {
        t.insert("appid", value(x.as_str()));
    }
    t.insert(
        "private_key_file",
        value(abs(a.private_key.as_deref().expect("gathered"))),
    );
    t.insert(
        "merchant_cert_file",
        value(abs(a.merchant_cert.as_deref().expect("gathered"))),
    );
    if let Some(f) = &a.apiv3_key_file {
        t.insert("apiv3_key_file", value(abs(f)));
    }
    if let Some(v) = &a.apiv3_key_env {
        t.insert("apiv3_key_env", value(v.as_str()));
    }
    if let (Some(f), Some(id)) = (&a.public_key, &a.public_key_id) {
        t.insert("wechatpay_public_key_file", value(abs(f)));
        t.insert("wechatpay_public_key_id", value(id.as_str()));
    }
    if let Some(d) = &a.platform_cert_dir {
        t.insert("platform_cert_dir", value(abs(d)));
    }
    if let Some(u) = &args.notify_url {
        t.insert("notify_url", value(u.as_str()));
    }
    // The global --base-url, given here, is the profile's (a gateway, or a local sandbox).
    if let Some(u) = &ctx.global.base_url {
        t.insert("base_url", value(u.as_str()));
    }

    // Validate with the loader every command uses, on this profile alone: a bad value is the
    // flag's fault (exit 2); an unreadable or mismatched file is a credential error (exit 3).
    let mut alone = ConfigEdit::parse("", &path)?;
    alone.set_profile(&args.name, t.clone())?;
    let parsed = ConfigFile::parse(&alone.text(), &path).map_err(|e| match e {
        ConfigError::BadValue { key, problem, .. } => {
            anyhow::Error::from(Failure::usage(format!("{}: {problem}", flag_of(&key))))
        }
        other => other.into(),
    })?;
    let p = parsed
        .profiles
        .get(&args.name)
        .expect("the profile just parsed")
        .clone();
    // The key parses, the certificate parses and belongs to it (the message names both files).
    let signer = p.load_signer()?;
    if a.public_key.is_some() {
        p.load_verifier()?;
    }
    if let Some(ApiV3KeySource::File(_)) = &p.apiv3_key {
        p.load_apiv3_key(None, |_| None)?;
    }
    // The serial, read from the certificate, written for `profile show` and for a reader of the
    // file; load_signer refuses it if the certificate is ever swapped without updating it.
    let mut t = t;
    t.insert("serial_no", value(signer.serial_no.as_str()));

    edit.set_profile(&args.name, t)?;
    edit.set_default_profile_if_unset(&args.name);
    edit.write()?;

    if key_mode == Mode::Cert {
        ctx.printer.notice(&format!(
            "next: `wxcombine --profile {} certs download` fills {} with the platform certificates",
            args.name,
            abs(a.platform_cert_dir.as_deref().expect("cert mode"))
        ));
    }
    let apiv3_key = p.apiv3_key.as_ref().map(|s| match s {
        ApiV3KeySource::File(f) => format!("file {}", f.display()),
        ApiV3KeySource::Env(v) => format!("env ${v}"),
        ApiV3KeySource::Inline(_) => "inline (redacted)".into(),
    });
    let mut view = InitView {
        profile: args.name.clone(),
        config: path.display().to_string(),
        replaced,
        default_profile: edit.default_profile(),
        env: p.env.as_str(),
        mchid: p.mchid.clone(),
        serial_no: signer.serial_no.clone(),
        key_mode,
        apiv3_key,
        check: None,
    };
    if args.check {
        let p = ctx.profile_named(Some(&args.name))?;
        let (check, failure) = run_checks(ctx, &p, false);
        view.check = Some(check);
        if let Some(f) = failure {
            return Ok(Outcome::with_failure(view, f.into()));
        }
    }
    Ok(Outcome::ok(view))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scripted(answers: &[&str]) -> impl FnMut(&str) -> std::io::Result<Option<String>> {
        let mut it: Vec<String> = answers.iter().rev().map(|s| s.to_string()).collect();
        move |_q| Ok(Some(it.pop().expect("a question too many")))
    }

    #[test]
    fn off_a_terminal_a_missing_value_names_its_flag() {
        let e = gather(Answers::default(), &mut |_| Ok(None)).unwrap_err();
        assert!(e.to_string().contains("--mchid is required"), "{e}");
        let a = Answers {
            mchid: Some("1900000109".into()),
            private_key: Some("/nonexistent/k.pem".into()),
            merchant_cert: Some("/nonexistent/c.pem".into()),
            ..Answers::default()
        };
        let e = gather(a, &mut |_| Ok(None)).unwrap_err();
        assert!(e.to_string().contains("--public-key"), "{e}");
        assert!(e.to_string().contains("--platform-cert-dir"), "{e}");
    }

    #[test]
    fn on_a_terminal_it_asks_and_an_empty_answer_asks_again() {
        let a = gather(
            Answers::default(),
            &mut scripted(&[
                "",
                "1900000109",
                "/k/apiclient_key.pem",
                "/k/cert.pem",
                "",
                "/k/certs",
                "",
            ]),
        )
        .unwrap();
        assert_eq!(a.mchid.as_deref(), Some("1900000109"));
        assert_eq!(a.platform_cert_dir, Some(PathBuf::from("/k/certs")));
        assert_eq!(a.public_key, None);
        assert_eq!(a.apiv3_key_file, None);
    }
}
