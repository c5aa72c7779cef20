//! Error kinds and exit codes (cli.md §3), and the one place that prints errors and hints.
//!
//! Lower layers raise typed errors (`thiserror`); commands add `anyhow` context. Here the chain is
//! walked once to find the kind, the hints and the API details, and rendered to stderr, as text and,
//! under `-o json|jsonl`, as one JSON line too.

use std::io::Write;

use serde::Serialize;

use crate::bill::{BillError, Origin};
use crate::config::ConfigError;
use crate::signing::{AuthorizationError, DecryptError, KeyError, VerifyError};

/// The handful of kinds at the top, each with one exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Internal,
    Usage,
    Config,
    Api,
    Network,
    Verification,
}

impl Kind {
    pub fn exit_code(self) -> i32 {
        match self {
            Kind::Internal => 1,
            Kind::Usage => 2,
            Kind::Config => 3,
            Kind::Api => 4,
            Kind::Network => 5,
            Kind::Verification => 6,
        }
    }
}

/// A command stopped by SIGINT or SIGTERM after cleaning up. It is not one of cli.md's failure
/// kinds: `main` exits with the shell's code for the signal (130 / 143) and prints only the message.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Interrupted {
    pub exit_code: u8,
    pub message: String,
}

/// When an interruption stopped the command: print its message and give its exit code.
pub fn print_interrupted(err: &anyhow::Error) -> Option<u8> {
    let stop = err.downcast_ref::<Interrupted>()?;
    let _ = writeln!(std::io::stderr(), "{}", stop.message);
    Some(stop.exit_code)
}

/// An error whose kind is decided where it happens (usage errors, local refusals, …).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub kind: Kind,
    pub message: String,
    pub hints: Vec<String>,
    /// The lower-level error this one explains: its text follows the message, and its
    /// details (WeChat Pay's `code`, HTTP status, `Request-ID`) still reach the report.
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Failure {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Failure {
            kind,
            message: message.into(),
            hints: Vec::new(),
            source: None,
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(Kind::Config, message)
    }
    pub fn verification(message: impl Into<String>) -> Self {
        Self::new(Kind::Verification, message)
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
    pub fn caused_by(mut self, err: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(err));
        self
    }
}

/// What gets shown for one error.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub kind: Kind,
    pub message: String,
    #[serde(skip)]
    pub hints: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl Report {
    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }
}

/// Classify an error by the first typed error in its chain.
pub fn report(err: &anyhow::Error) -> Report {
    let mut kind = None;
    let mut hints = Vec::new();
    let mut code = None;
    let mut http_status = None;
    let mut request_id = None;
    for cause in err.chain() {
        let (k, hint) = if let Some(f) = cause.downcast_ref::<Failure>() {
            hints.extend(f.hints.iter().cloned());
            (Some(f.kind), None)
        } else if let Some(e) = cause.downcast_ref::<ConfigError>() {
            (Some(Kind::Config), e.hint())
        } else if cause.downcast_ref::<KeyError>().is_some() {
            (Some(Kind::Config), None)
        } else if let Some(e) = cause.downcast_ref::<DecryptError>() {
            match e {
                DecryptError::KeyLength(_) => (Some(Kind::Config), None),
                _ => (Some(Kind::Verification), None),
            }
        } else if cause.downcast_ref::<VerifyError>().is_some()
            || cause.downcast_ref::<AuthorizationError>().is_some()
        {
            (Some(Kind::Verification), None)
        } else if let Some(e) = cause.downcast_ref::<crate::api::ApiError>() {
            code = Some(e.code.clone());
            http_status = Some(e.status);
            request_id = e.request_id.clone();
            (Some(Kind::Api), e.hint())
        } else if let Some(e) = cause.downcast_ref::<crate::transport::TransportError>() {
            transport_kind(e, &mut code, &mut http_status, &mut request_id)
        } else if let Some(e) = cause.downcast_ref::<crate::transport::DownloadError>() {
            match e {
                // `transparent`: the inner error is not a separate link of the chain.
                crate::transport::DownloadError::Transport(t) => {
                    transport_kind(t, &mut code, &mut http_status, &mut request_id)
                }
                crate::transport::DownloadError::Sink(_) => (Some(Kind::Internal), None),
            }
        } else if let Some(e) = cause.downcast_ref::<crate::api::notification::NotifyError>() {
            use crate::api::notification::NotifyError as N;
            match e {
                // A header we need was not supplied: bad input, not a forgery.
                N::Verify(VerifyError::MissingHeader(_)) | N::NoTimestamp => (
                    Some(Kind::Usage),
                    Some("give the Wechatpay-* headers with --headers FILE, --raw FILE or the flags".into()),
                ),
                N::Verify(VerifyError::UnknownSerial { .. }) => (
                    Some(Kind::Verification),
                    Some("the serial is not one this profile trusts: check wechatpay_public_key_id, or run `wxcombine certs download`".into()),
                ),
                N::NotEnvelope(_) => (Some(Kind::Usage), Some("the body must be the notification JSON exactly as received".into())),
                N::Decrypt(DecryptError::KeyLength(_)) => (Some(Kind::Config), None),
                N::Decrypt(DecryptError::TagMismatch) => (
                    Some(Kind::Verification),
                    Some("check the profile's APIv3 key (商户平台 › API安全 › APIv3密钥); a changed byte in the body also causes this".into()),
                ),
                _ => (Some(Kind::Verification), None),
            }
        } else if let Some(e) = cause.downcast_ref::<crate::api::FieldError>() {
            (Some(Kind::Usage), e.hint())
        } else if let Some(e) = cause.downcast_ref::<BillError>() {
            (Some(bill_kind(e)), e.hint())
        } else {
            (None, None)
        };
        if let Some(h) = hint {
            hints.push(h);
        }
        if kind.is_none() {
            kind = k;
        }
    }
    Report {
        kind: kind.unwrap_or(Kind::Internal),
        message: format!("{err:#}"),
        hints,
        code,
        http_status,
        request_id,
    }
}

fn transport_kind(
    e: &crate::transport::TransportError,
    code: &mut Option<String>,
    http_status: &mut Option<u16>,
    request_id: &mut Option<String>,
) -> (Option<Kind>, Option<String>) {
    use crate::transport::TransportError as T;
    match e {
        T::Api(api) => {
            *code = Some(api.code.clone());
            *http_status = Some(api.status);
            *request_id = api.request_id.clone();
            (Some(Kind::Api), api.hint())
        }
        T::Network { .. } => (Some(Kind::Network), e.hint()),
        T::Verification {
            request_id: rid, ..
        } => {
            *request_id = rid.clone();
            (Some(Kind::Verification), e.hint())
        }
        T::Url { .. } => (Some(Kind::Usage), None),
    }
}

/// The kind of a bill error (cli.md §3).
fn bill_kind(e: &BillError) -> Kind {
    match e {
        // A FILE argument that cannot be opened, or that is not a bill at all, is a bad argument;
        // so is an output path whose folder cannot take the partial file, an expected hash that is
        // not a hash, or --keep-gzip for a plain transfer. The user fixes the command line.
        BillError::Open { .. }
        | BillError::Create { .. }
        | BillError::InvalidHash { .. }
        | BillError::KeepGzipWithoutGzip
        | BillError::Exists { .. }
        | BillError::NotABill { .. } => Kind::Usage,
        // The bill's own bytes fail verification: its hash, its totals, its format.
        BillError::HashMismatch { .. } | BillError::Check { .. } | BillError::Malformed { .. } => {
            Kind::Verification
        }
        // A cut-off gzip stream is a failed transfer when downloading (retrying may help), and a
        // damaged file when reading one from disk.
        BillError::Gzip { origin, .. } => match origin {
            Origin::Download => Kind::Network,
            Origin::File => Kind::Verification,
        },
        // Disk full, a vanished folder, a failing device: nothing the user typed was wrong.
        BillError::Write { .. } | BillError::Read { .. } => Kind::Internal,
    }
}

/// Print a report to stderr: `error: …`, then `hint: …` lines; with `json`, also one JSON line
/// `{"error":{…}}` (cli.md §3).
pub fn print(report: &Report, json: bool, color: bool) {
    let stderr = std::io::stderr();
    let mut w = stderr.lock();
    let (red, yellow, reset) = if color {
        ("\x1b[1;31m", "\x1b[1;33m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let _ = writeln!(w, "{red}error:{reset} {}", report.message);
    if let Some(code) = &report.code {
        let mut line = format!("  code: {code}");
        if let Some(s) = report.http_status {
            line.push_str(&format!("  http status: {s}"));
        }
        if let Some(r) = &report.request_id {
            line.push_str(&format!("  Request-ID: {r}"));
        }
        let _ = writeln!(w, "{line}");
    }
    for h in &report.hints {
        let _ = writeln!(w, "{yellow}hint:{reset} {h}");
    }
    if json {
        let line = serde_json::json!({ "error": report });
        let _ = writeln!(w, "{line}");
    }
}

/// Clap's own errors: help and version exit 0, usage errors exit 2 — and under `-o json|jsonl`
/// the usage error is also written as the JSON line (cli.md §3).
pub fn clap_error(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    let _ = e.print();
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => 0,
        _ => {
            if json_requested(std::env::args()) {
                let rendered = e.to_string();
                let first = rendered.lines().next().unwrap_or_default();
                let report = Report {
                    kind: Kind::Usage,
                    message: first.trim_start_matches("error: ").to_string(),
                    hints: Vec::new(),
                    code: None,
                    http_status: None,
                    request_id: None,
                };
                eprintln!("{}", serde_json::json!({ "error": report }));
            }
            Kind::Usage.exit_code()
        }
    }
}

/// Whether the arguments (or `$WXCOMBINE_OUTPUT`) ask for JSON, read without clap because clap just
/// failed.
fn json_requested(args: impl Iterator<Item = String>) -> bool {
    let mut want = std::env::var("WXCOMBINE_OUTPUT").ok();
    let mut args = args.skip(1);
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        if a == "-o" || a == "--output" {
            want = args.next();
        } else if let Some(v) = a.strip_prefix("--output=").or_else(|| a.strip_prefix("-o")) {
            want = Some(v.trim_start_matches('=').to_string());
        }
    }
    matches!(want.as_deref(), Some("json" | "jsonl"))
}

/// A closed stdout (`wxcombine … | head`) ends the program quietly, like ripgrep.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
