//! `certs download` and `certs list` (cli.md §4, apiv3.md §3, issue 6).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use serde::Serialize;

use super::{Context, Outcome, block_on};
use crate::cli::CertsDownloadArgs;
use crate::config::load_cert_files;
use crate::error::{Failure, Kind};
use crate::render::{View, list_table, to_json};
use crate::signing::keys::Certificate;
use crate::signing::verify::Verifier;
use crate::transport::TransportError;

fn date(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| t.to_string())
}

/// One verifier key as `certs list` and `certs download` show it.
#[derive(Debug, Serialize)]
pub struct CertRow {
    pub kind: &'static str,
    pub serial: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

pub struct CertsView(pub Vec<CertRow>);

impl View for CertsView {
    fn json(&self) -> String {
        to_json(&self.0)
    }
    fn jsonl(&self) -> Vec<String> {
        self.0.iter().map(to_json).collect()
    }
    fn table(&self) -> String {
        list_table(
            &[
                "KIND",
                "SERIAL",
                "NOT BEFORE",
                "NOT AFTER",
                "STATUS",
                "PATH",
            ],
            self.0
                .iter()
                .map(|r| {
                    vec![
                        r.kind.to_string(),
                        r.serial.clone(),
                        r.not_before.clone().unwrap_or_else(|| "-".into()),
                        r.not_after.clone().unwrap_or_else(|| "-".into()),
                        r.status.clone(),
                        r.path.clone().unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect(),
        )
    }
}

fn validity_status(c: &Certificate, now: i64) -> &'static str {
    if now < c.not_before {
        "not yet valid"
    } else if now > c.not_after {
        "expired"
    } else {
        "valid"
    }
}

/// Write `bytes` to `path` atomically: a unique temp file in the same folder, fsync, rename.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("cert"),
        std::process::id(),
        crate::rand::alphanumeric(8)
    ));
    let result = (|| {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut f = opts.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

pub fn download(ctx: &Context, args: &CertsDownloadArgs) -> Result<Outcome> {
    let profile = ctx.profile()?;
    let dir: PathBuf = match (&args.dir, &profile.platform_cert_dir) {
        (Some(d), _) => d.clone(),
        (None, Some(d)) => d.clone(),
        // A public-key merchant most likely needs no certificates at all (apiv3.md §2.5): say
        // so first, before asking for a folder (issue 15, item 12).
        (None, None) => {
            let f = match &profile.wechatpay_public_key_id {
                Some(id) => Failure::usage(format!(
                    "profile `{}` verifies with the WeChat Pay public key {id} and needs no platform certificates",
                    profile.name
                ))
                .hint("platform certificates matter only in certificate or mixed (migration) mode; to download them anyway, pass --dir DIR or set platform_cert_dir in the profile"),
                None => Failure::usage(format!(
                    "profile `{}` has no platform_cert_dir and --dir was not given",
                    profile.name
                ))
                .hint("pass --dir DIR, or set platform_cert_dir in the profile"),
            };
            return Err(f.into());
        }
    };
    let key = ctx.apiv3_key(&profile)?;
    // Nothing is trusted yet: the response is verified with the certificates it carries (§3).
    let client = ctx
        .client_with(&profile, Verifier::new())?
        .with_certificate_refresh(key);
    let certs = match block_on(client.fetch_certificates()) {
        Ok(c) => c,
        Err(e) => {
            let e = match e.downcast::<TransportError>() {
                Ok(t) => t,
                Err(e) => return Err(e.context("certs download")),
            };
            if let TransportError::Api(api) = &e
                && api.code == "RESOURCE_NOT_EXISTS"
            {
                // The API error stays the cause, so `-o json` still reports its code and status.
                return Err(Failure::new(
                    Kind::Api,
                    format!("merchant {} has no platform certificates to download", profile.mchid),
                )
                .hint("this merchant verifies with the WeChat Pay public key instead: set wechatpay_public_key_file and wechatpay_public_key_id in the profile (商户平台 › 账户中心 › API安全 › 微信支付公钥)")
                .caused_by(e)
                .into());
            }
            return Err(anyhow::Error::new(e).context("certs download"));
        }
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let now = ctx.now();
    let mut rows = Vec::new();
    for c in &certs {
        let status = validity_status(c, now);
        let path = dir.join(format!("{}.pem", c.serial));
        let state = if status == "expired" {
            ctx.printer.warn(&format!(
                "platform certificate {} expired on {}; not written",
                c.serial,
                date(c.not_after)
            ));
            "expired, not written".to_string()
        } else {
            let pem = c.to_pem();
            let old =
                crate::input::read_file(&path, crate::input::KEY_CAP, crate::input::Accept::Any);
            if old.is_ok_and(|old| old == pem.as_bytes()) {
                format!("{status}, unchanged")
            } else {
                write_atomic(&path, pem.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                format!("{status}, written")
            }
        };
        rows.push(CertRow {
            kind: "certificate",
            serial: c.serial.clone(),
            not_before: Some(date(c.not_before)),
            not_after: Some(date(c.not_after)),
            status: state,
            path: Some(path.display().to_string()),
        });
    }
    Ok(Outcome::ok(CertsView(rows)))
}

pub fn list(ctx: &Context) -> Result<Outcome> {
    let profile = ctx.profile()?;
    let now = ctx.now();
    let mut rows = Vec::new();
    if let (Some(id), Some(file)) = (
        &profile.wechatpay_public_key_id,
        &profile.wechatpay_public_key_file,
    ) {
        // Capped like every key read (issue 11).
        let read = crate::input::read_file(
            file,
            crate::input::KEY_CAP,
            crate::input::Accept::FileOrPipe,
        );
        let status = match read {
            Ok(b) => match crate::signing::PublicKey::from_pem(&b, &file.display().to_string()) {
                Ok(_) => "ok".to_string(),
                Err(e) => format!("unusable: {e}"),
            },
            Err(e) => format!("unreadable: {e}"),
        };
        rows.push(CertRow {
            kind: "public key",
            serial: id.clone(),
            not_before: None,
            not_after: None,
            status,
            path: Some(file.display().to_string()),
        });
    }
    if let Some(dir) = &profile.platform_cert_dir {
        for (path, c) in load_cert_files(dir)? {
            rows.push(CertRow {
                kind: "certificate",
                serial: c.serial.clone(),
                not_before: Some(date(c.not_before)),
                not_after: Some(date(c.not_after)),
                status: validity_status(&c, now).to_string(),
                path: Some(path.display().to_string()),
            });
        }
    }
    let mode = match (
        profile.wechatpay_public_key_id.is_some(),
        rows.iter().any(|r| r.kind == "certificate"),
    ) {
        (true, true) => "mixed",
        (true, false) => "pubkey",
        (false, true) => "cert",
        (false, false) => "none",
    };
    ctx.printer.notice(&format!("verifier mode: {mode}"));
    if rows.is_empty() {
        return Ok(Outcome::with_failure(
            CertsView(rows),
            Failure::config(format!("profile `{}` has no verifier", profile.name))
                .hint("set wechatpay_public_key_file + wechatpay_public_key_id, or platform_cert_dir and run `wxcombine certs download`")
                .into(),
        ));
    }
    Ok(Outcome::ok(CertsView(rows)))
}
