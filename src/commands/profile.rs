//! `profile list | show | check` (cli.md §4); `profile init` is in [`super::profile_init`].

use anyhow::Result;
use serde::Serialize;

use super::{Context, Outcome};
use crate::cli::{ProfileCheckArgs, ProfileNameArgs};
use crate::config::{ApiV3KeySource, Profile};
use crate::error::Failure;
use crate::render::{View, kv_table, list_table, to_json};
use crate::signing::verify::Mode;

fn configured_mode(p: &Profile) -> Option<Mode> {
    match (
        p.wechatpay_public_key_id.is_some(),
        p.platform_cert_dir.is_some(),
    ) {
        (true, true) => Some(Mode::Mixed),
        (true, false) => Some(Mode::Pubkey),
        (false, true) => Some(Mode::Cert),
        (false, false) => None,
    }
}

#[derive(Serialize)]
pub struct ProfileRow {
    pub name: String,
    pub default: bool,
    pub env: &'static str,
    pub mchid: String,
    pub appid: Option<String>,
    pub verifier: Option<Mode>,
    pub base_url: String,
}

pub struct ListView(pub Vec<ProfileRow>);

impl View for ListView {
    fn json(&self) -> String {
        to_json(&self.0)
    }
    fn jsonl(&self) -> Vec<String> {
        self.0.iter().map(to_json).collect()
    }
    fn table(&self) -> String {
        // No header-only table for an empty file: `list` says what to do instead (on stderr).
        if self.0.is_empty() {
            return String::new();
        }
        list_table(
            &[
                "", "PROFILE", "ENV", "MCHID", "APPID", "VERIFIER", "BASE URL",
            ],
            self.0
                .iter()
                .map(|r| {
                    vec![
                        if r.default { "*".into() } else { String::new() },
                        r.name.clone(),
                        r.env.to_string(),
                        r.mchid.clone(),
                        r.appid.clone().unwrap_or_else(|| "-".into()),
                        r.verifier
                            .map(|m| m.as_str().to_string())
                            .unwrap_or_else(|| "none".into()),
                        r.base_url.clone(),
                    ]
                })
                .collect(),
        )
    }
}

pub fn list(ctx: &Context) -> Result<Outcome> {
    let file = ctx.config_file()?;
    let env = std::env::var(crate::config::ENV_PROFILE).ok();
    let selected = file
        .select(ctx.global.profile.as_deref(), env.as_deref())
        .ok()
        .map(|p| p.name.clone());
    let rows = file
        .profiles
        .values()
        .map(|p| ProfileRow {
            name: p.name.clone(),
            default: selected.as_deref() == Some(p.name.as_str()),
            env: p.env.as_str(),
            mchid: p.mchid.clone(),
            appid: p.appid.clone(),
            verifier: configured_mode(p),
            base_url: p.base_url.clone(),
        })
        .collect::<Vec<_>>();
    if rows.is_empty() {
        ctx.printer.notice(&format!(
            "{} has no profiles yet: create one with `wxcombine profile init NAME --mchid ID --private-key FILE …`, or start a local emulator with `wxcombine sandbox serve --write-config {}`",
            file.path.display(),
            file.path.display()
        ));
    }
    Ok(Outcome::ok(ListView(rows)))
}

#[derive(Serialize)]
pub struct ShowView {
    pub name: String,
    pub config: String,
    pub env: &'static str,
    pub mchid: String,
    pub appid: Option<String>,
    pub serial_no: Option<String>,
    pub private_key_file: String,
    pub merchant_cert_file: Option<String>,
    pub apiv3_key: Option<String>,
    pub wechatpay_public_key_file: Option<String>,
    pub wechatpay_public_key_id: Option<String>,
    pub platform_cert_dir: Option<String>,
    pub verifier: Option<Mode>,
    pub base_url: String,
    /// `null`: no failover host.
    pub backup_base_url: Option<String>,
    pub notify_url: Option<String>,
}

impl View for ShowView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn table(&self) -> String {
        let o = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        kv_table(&[
            ("profile", self.name.clone()),
            ("config", self.config.clone()),
            ("env", self.env.to_string()),
            ("mchid", self.mchid.clone()),
            ("appid", o(&self.appid)),
            ("serial_no", o(&self.serial_no)),
            ("private_key_file", self.private_key_file.clone()),
            ("merchant_cert_file", o(&self.merchant_cert_file)),
            ("apiv3_key", o(&self.apiv3_key)),
            (
                "wechatpay_public_key_file",
                o(&self.wechatpay_public_key_file),
            ),
            ("wechatpay_public_key_id", o(&self.wechatpay_public_key_id)),
            ("platform_cert_dir", o(&self.platform_cert_dir)),
            (
                "verifier",
                self.verifier
                    .map(|m| m.as_str().to_string())
                    .unwrap_or_else(|| "none".into()),
            ),
            ("base_url", self.base_url.clone()),
            (
                "backup_base_url",
                self.backup_base_url
                    .clone()
                    .unwrap_or_else(|| "none".into()),
            ),
            ("notify_url", o(&self.notify_url)),
        ])
    }
}

pub fn show(ctx: &Context, args: &ProfileNameArgs) -> Result<Outcome> {
    let p = ctx.profile_named(args.name.as_deref())?;
    let path = |x: &std::path::Path| x.display().to_string();
    let apiv3_key = p.apiv3_key.as_ref().map(|s| match s {
        ApiV3KeySource::File(f) => format!("file {}", f.display()),
        ApiV3KeySource::Env(v) => format!("env ${v}"),
        ApiV3KeySource::Inline(_) => "inline (redacted)".into(),
    });
    Ok(Outcome::ok(ShowView {
        name: p.name.clone(),
        config: path(&p.config_path),
        env: p.env.as_str(),
        mchid: p.mchid.clone(),
        appid: p.appid.clone(),
        serial_no: p.serial_no.clone(),
        private_key_file: path(&p.private_key_file),
        merchant_cert_file: p.merchant_cert_file.as_deref().map(path),
        apiv3_key,
        wechatpay_public_key_file: p.wechatpay_public_key_file.as_deref().map(path),
        wechatpay_public_key_id: p.wechatpay_public_key_id.clone(),
        platform_cert_dir: p.platform_cert_dir.as_deref().map(path),
        verifier: configured_mode(&p),
        base_url: p.base_url.clone(),
        backup_base_url: p.backup_base_url.clone(),
        notify_url: p.notify_url.clone(),
    }))
}

/// One line of `profile check`.
#[derive(Debug, Serialize)]
pub struct Check {
    pub name: &'static str,
    /// `true` passed, `false` failed, `null` not applicable (shown as `–`).
    pub ok: Option<bool>,
    pub detail: String,
}

#[derive(Serialize)]
pub struct CheckView {
    pub profile: String,
    pub ok: bool,
    pub checks: Vec<Check>,
}

impl View for CheckView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn table(&self) -> String {
        let mut out = String::new();
        for c in &self.checks {
            let mark = match c.ok {
                Some(true) => "✓",
                Some(false) => "✗",
                None => "–",
            };
            out.push_str(&format!("{mark} {:<20} {}\n", c.name, c.detail));
        }
        out
    }
}

/// Every offline check of a profile (issue 2); the online probe joins with the transport.
pub fn offline_checks(ctx: &Context, p: &Profile) -> Vec<Check> {
    let mut checks = Vec::new();
    let mut push = |name, ok: Option<bool>, detail: String| checks.push(Check { name, ok, detail });

    // The private key, then the certificate and serial that go with it.
    match p.load_private_key() {
        Ok(k) => push(
            "private key",
            Some(true),
            format!("{} bits RSA, {}", k.bits(), p.private_key_file.display()),
        ),
        Err(e) => push("private key", Some(false), e.to_string()),
    }
    match p.load_signer() {
        Ok(s) => {
            let how = if s.certificate.is_some() {
                "read from merchant_cert_file, matches the private key"
            } else {
                "from serial_no"
            };
            push(
                "merchant serial",
                Some(true),
                format!("{} ({how})", s.serial_no),
            );
            if let Some(c) = &s.certificate {
                let now = ctx.now();
                let ok = c.valid_at(now);
                push(
                    "merchant cert dates",
                    Some(ok),
                    validity(c.not_before, c.not_after, now),
                );
            }
        }
        Err(e) if p.load_private_key().is_ok() => {
            push("merchant serial", Some(false), e.to_string())
        }
        Err(_) => push(
            "merchant serial",
            Some(false),
            "skipped: the private key did not load".into(),
        ),
    }

    // The APIv3 key: optional for orders, needed for notifications and certificates.
    match (
        &p.apiv3_key,
        std::env::var(crate::config::ENV_APIV3_KEY).ok(),
    ) {
        (None, None) => push(
            "APIv3 key",
            None,
            "not configured (needed by notify decrypt and certs download)".into(),
        ),
        _ => match ctx.apiv3_key(p) {
            Ok(_) => push("APIv3 key", Some(true), "32 bytes".into()),
            Err(e) => push("APIv3 key", Some(false), e.to_string()),
        },
    }

    // The verifier.
    if let Some(id) = &p.wechatpay_public_key_id {
        let id_ok = crate::config::profile_check_public_key_id(id);
        push(
            "public key id",
            Some(id_ok.is_ok()),
            id_ok.err().unwrap_or_else(|| id.clone()),
        );
    }
    match p.load_verifier() {
        Ok(v) => {
            let mode = v.mode().map(|m| m.as_str()).unwrap_or("none");
            let mut what = Vec::new();
            if let Some(id) = v.public_key_id() {
                what.push(format!("public key {id}"));
            }
            let certs: Vec<_> = v.certificates().collect();
            if !certs.is_empty() {
                what.push(format!("{} platform certificate(s)", certs.len()));
            }
            push(
                "verifier",
                Some(true),
                format!("{mode} mode: {}", what.join(" + ")),
            );
            let now = ctx.now();
            for c in certs {
                push(
                    "platform cert dates",
                    Some(c.valid_at(now)),
                    format!("{}: {}", c.serial, validity(c.not_before, c.not_after, now)),
                );
            }
        }
        Err(e) => push("verifier", Some(false), e.to_string()),
    }

    let warnings = p.permission_warnings();
    if warnings.is_empty() {
        push(
            "file permissions",
            Some(true),
            "secret files are private (0600 or tighter)".into(),
        );
    } else {
        for w in warnings {
            push("file permissions", Some(false), w);
        }
    }
    checks
}

fn validity(not_before: i64, not_after: i64, now: i64) -> String {
    let fmt = |t: i64| {
        time::OffsetDateTime::from_unix_timestamp(t)
            .map(|d| d.date().to_string())
            .unwrap_or_else(|_| t.to_string())
    };
    let state = if now < not_before {
        "not yet valid"
    } else if now > not_after {
        "EXPIRED"
    } else {
        "valid"
    };
    format!("{state}, {} .. {}", fmt(not_before), fmt(not_after))
}

/// The online half (issue 4): one signed read-only request proving credentials and verifier.
fn online_checks(ctx: &Context, p: &Profile, checks: &mut Vec<Check>) {
    let client = match ctx.client(p) {
        Ok(c) => c,
        Err(e) => {
            checks.push(Check {
                name: "online probe",
                ok: Some(false),
                detail: format!("skipped: {}", crate::error::render_chain(&e).0),
            });
            return;
        }
    };
    let mode = client
        .verifier()
        .mode()
        .map(|m| m.as_str())
        .unwrap_or("none");
    let probe = match super::block_on(client.probe()) {
        Ok(p) => p,
        Err(e) => {
            checks.push(Check {
                name: "online probe",
                ok: Some(false),
                detail: e.to_string(),
            });
            return;
        }
    };
    let rid = probe
        .request_id
        .as_deref()
        .map(|r| format!(", Request-ID {r}"))
        .unwrap_or_default();
    match (probe.status, probe.code.as_deref()) {
        (200..=299, _) => checks.push(Check {
            name: "credentials",
            ok: Some(true),
            detail: format!("accepted: GET {} → {}{rid}", probe.url, probe.status),
        }),
        (404, Some("RESOURCE_NOT_EXISTS")) => checks.push(Check {
            name: "credentials",
            ok: Some(true),
            detail: format!("accepted: GET {} → 404 RESOURCE_NOT_EXISTS (a public-key-only merchant has no platform certificates){rid}", probe.url),
        }),
        (status, code) => checks.push(Check {
            name: "credentials",
            ok: Some(false),
            detail: format!(
                "refused: HTTP {status} {} {}{rid}{}",
                code.unwrap_or(""),
                probe.message.as_deref().unwrap_or(""),
                probe.diagnosis.as_deref().map(|d| format!("\n{d}")).unwrap_or_default()
            ),
        }),
    }
    match &probe.verified {
        Some(Ok(kind)) => checks.push(Check {
            name: "response signature",
            ok: Some(true),
            detail: format!(
                "verified with the {} ({mode} mode)",
                match kind {
                    crate::signing::verify::KeyKind::PublicKey => "WeChat Pay public key",
                    crate::signing::verify::KeyKind::Certificate => "platform certificate",
                }
            ),
        }),
        Some(Err(e)) => checks.push(Check {
            name: "response signature",
            ok: Some(false),
            detail: e.to_string(),
        }),
        None => checks.push(Check {
            name: "response signature",
            ok: None,
            detail: format!(
                "the answer was not signed, so the verifier ({mode} mode) was not exercised"
            ),
        }),
    }
    if let Some(ts) = probe.server_timestamp {
        let skew = ctx.now() - ts;
        let ok = skew.unsigned_abs() < crate::signing::verify::MAX_SKEW_SECS;
        checks.push(Check {
            name: "clock skew",
            ok: Some(ok),
            detail: format!("{skew:+} s against the server's Wechatpay-Timestamp (limit ±300 s)"),
        });
    }
}

pub fn check(ctx: &Context, args: &ProfileCheckArgs) -> Result<Outcome> {
    let p = ctx.profile_named(args.name.as_deref())?;
    let (view, failure) = run_checks(ctx, &p, args.offline);
    Ok(match failure {
        Some(err) => Outcome::with_failure(view, err.into()),
        None => Outcome::ok(view),
    })
}

/// Every check of `p` (the online ones unless `offline`), and the failure to report when any
/// failed. Shared with `profile init --check`.
pub fn run_checks(ctx: &Context, p: &Profile, offline: bool) -> (CheckView, Option<Failure>) {
    let mut checks = offline_checks(ctx, p);
    if !offline {
        online_checks(ctx, p, &mut checks);
    }
    let failed = checks.iter().filter(|c| c.ok == Some(false)).count();
    let view = CheckView {
        profile: p.name.clone(),
        ok: failed == 0,
        checks,
    };
    if failed == 0 {
        return (view, None);
    }
    let total = view.checks.iter().filter(|c| c.ok.is_some()).count();
    let details: Vec<String> = view
        .checks
        .iter()
        .filter(|c| c.ok == Some(false))
        .map(|c| format!("{}: {}", c.name, c.detail))
        .collect();
    let err = Failure::config(format!(
        "profile `{}`: {failed} of {total} checks failed:\n  {}",
        p.name,
        details.join("\n  ")
    ));
    (view, Some(err))
}
