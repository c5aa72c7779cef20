//! `--write-config`: the profiles a client needs for this sandbox, written into a config file
//! without disturbing anything else in it.

use std::path::Path;

use anyhow::{Context as _, Result};

use super::KeyMode;
use super::identities::{Identities, MAIN_MCHID};

/// The notify_url of the written profiles: where `notify listen` listens by default.
pub const SANDBOX_NOTIFY_URL: &str = "http://127.0.0.1:8790/notify";

/// What [`write_config`] did to the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenConfig {
    /// The profiles written (`sandbox`, `sandbox-sub1`, `sandbox-sub2`).
    pub written: Vec<String>,
    /// Other profiles already in the file, kept as they were.
    pub kept: Vec<String>,
    /// The file's `default_profile` after the write.
    pub default_profile: Option<String>,
}

/// `--write-config FILE`: add or replace only the `sandbox*` profiles in `path`, keeping every
/// other profile, comment and the file's `default_profile` (cli.md "profile init": the README
/// points this at the user's real config, where a production profile must survive; issue 11).
/// `default_profile` becomes `sandbox` only when the file had none. Written atomically, 0600.
pub fn write_config(path: &Path, text: &str) -> Result<WrittenConfig> {
    let fresh = crate::config::edit::ConfigEdit::parse(text, Path::new("(generated)"))?;
    let mut edit = crate::config::edit::ConfigEdit::open(path)?;
    // Only the profiles this sandbox writes are replaced; any other profile, a user's own
    // `sandbox-staging` included, is kept as it is.
    let written = fresh.profile_names();
    let kept = edit
        .profile_names()
        .into_iter()
        .filter(|n| !written.contains(n))
        .collect();
    for name in &written {
        let table = fresh
            .profile(name)
            .context("a generated profile is a [profiles.NAME] section")?;
        edit.set_profile(name, table)?;
    }
    edit.set_default_profile_if_unset("sandbox");
    edit.write()?;
    Ok(WrittenConfig {
        written,
        kept,
        default_profile: edit.default_profile(),
    })
}

/// A TOML string literal.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The config file of `--write-config`: profiles `sandbox` (default), `sandbox-sub1`,
/// `sandbox-sub2`, pointing at the key files and at the server (§13.3: primary host 127.0.0.1,
/// backup host localhost). In 服务商 mode the profiles are the same; a comment says which
/// mchids are the 二级商户.
///
/// The comment block sits right above `[profiles.sandbox]`, so it travels with that section when
/// [`write_config`] merges these profiles into an existing file.
pub fn config_text(ids: &Identities, mode: KeyMode, service_provider: bool, port: u16) -> String {
    let mut out = String::from("default_profile = \"sandbox\"\n\n");
    out.push_str(&format!(
        "# Written by `wxcombine sandbox serve` for the sandbox at http://127.0.0.1:{port} (key mode {}).\n",
        mode.as_str()
    ));
    if service_provider {
        out.push_str(&format!(
            "# 服务商 mode (--service-provider): mchid {MAIN_MCHID} (profile sandbox) is a 服务商/电商平台.\n"
        ));
        out.push_str(
            "# Its 二级商户 (sub-merchants), to name as sub_mchid in its orders and bills:\n",
        );
        for m in ids.merchants.iter().filter(|m| m.mchid != MAIN_MCHID) {
            out.push_str(&format!(
                "#   sub_mchid {} (profile {}, sub_appid {}, sub_openid {})\n",
                m.mchid, m.profile, m.appid, m.openid
            ));
        }
        out.push_str("# Orders are placed by the 服务商: a 二级商户's own prepay is refused (403 NO_AUTH).\n");
    }
    out.push_str("# Known payers (openid under each appid), for JSAPI prepay:\n");
    for m in &ids.merchants {
        out.push_str(&format!(
            "#   {} mchid {} appid {} openid {}\n",
            m.profile, m.mchid, m.appid, m.openid
        ));
    }
    for (i, m) in ids.merchants.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("[profiles.{}]\n", m.profile));
        out.push_str("env = \"sandbox\"\n");
        out.push_str(&format!("mchid = {}\n", q(&m.mchid)));
        out.push_str(&format!("appid = {}\n", q(&m.appid)));
        out.push_str(&format!(
            "private_key_file = {}\n",
            q(&m.private_key_file.display().to_string())
        ));
        out.push_str(&format!(
            "merchant_cert_file = {}\n",
            q(&m.merchant_cert_file.display().to_string())
        ));
        out.push_str(&format!(
            "apiv3_key_file = {}\n",
            q(&m.apiv3_key_file.display().to_string())
        ));
        if mode.has_pubkey() {
            out.push_str(&format!(
                "wechatpay_public_key_file = {}\n",
                q(&ids.platform.public_key_file.display().to_string())
            ));
            out.push_str(&format!(
                "wechatpay_public_key_id = {}\n",
                q(&ids.platform.public_key_id)
            ));
        }
        if mode.has_cert() {
            out.push_str(&format!(
                "platform_cert_dir = {}\n",
                q(&ids.platform.cert_dir.display().to_string())
            ));
        }
        out.push_str(&format!("base_url = \"http://127.0.0.1:{port}\"\n"));
        out.push_str(&format!("backup_base_url = \"http://localhost:{port}\"\n"));
        // `notify listen`'s default address (issue 15, item 2): the README's prepay works as
        // written, and `notify listen` receives what `sandbox pay` sends. http:// is accepted
        // for sandbox profiles only (config::profile).
        out.push_str(&format!("notify_url = {}\n", q(SANDBOX_NOTIFY_URL)));
    }
    out
}
