//! Error kinds and exit codes (cli.md §3), and the one place that prints errors and hints.
//!
//! Lower layers raise typed errors (`thiserror`); commands add `anyhow` context. Here the chain is
//! walked once to find the kind, the hints and the API details, and rendered to stderr, as text and,
//! under `-o json|jsonl`, as one JSON line too.

use std::io::Write;

use serde::Serialize;

use crate::bill::{BillError, Origin};
use crate::config::ConfigError;
use crate::render::{escape, escape_lines};
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
    /// The chain's messages joined by `: `, as they are (the JSON line escapes them itself).
    pub message: String,
    /// The same for a terminal: outside text escaped (issue 11), see [`render_chain`].
    #[serde(skip)]
    pub text: String,
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
                crate::transport::DownloadError::Sink(io) if output_problem(io) => {
                    (Some(Kind::Usage), None)
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
                N::Verify(VerifyError::UnknownSerial { serial, known }) => (
                    Some(Kind::Verification),
                    Some(crate::signing::verify::unknown_serial_hint(serial, known)),
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
    if kind.is_none() {
        // No typed error decided it: an output that cannot be written is still the user's to
        // fix, wherever it happened (`--write-config` on a full disk, …).
        kind = err
            .chain()
            .filter_map(|c| c.downcast_ref::<std::io::Error>())
            .find_map(|e| output_problem(e).then_some(Kind::Usage));
    }
    let (message, text) = render_chain(err);
    Report {
        kind: kind.unwrap_or(Kind::Internal),
        message,
        text,
        hints,
        code,
        http_status,
        request_id,
    }
}

/// The chain's messages joined by `: ` as anyhow's `{:#}` does, but each said once, and the same
/// for a terminal with outside text escaped.
///
/// A link whose text is already inside the link before it is left out: an error that prints its
/// source in its own message *and* returns it from `source()` (thiserror's `#[from]` with `{0}`
/// in the format) would otherwise read "signature check failed: X: X" (issue 14).
///
/// For the terminal, WeChat Pay's own text (an error body's `message`, or the first bytes of an
/// HTML page a proxy sent instead) is escaped whole, line breaks included, so it cannot forge a
/// `hint:` line; every other link keeps its line breaks (a TOML error's caret diagram) and loses
/// only control characters.
pub fn render_chain(err: &anyhow::Error) -> (String, String) {
    let mut raw = String::new();
    let mut text = String::new();
    let mut previous: Option<String> = None;
    for cause in err.chain() {
        let t = cause.to_string();
        if previous
            .as_deref()
            .is_some_and(|p| t.is_empty() || p.contains(t.as_str()))
        {
            continue;
        }
        if previous.is_some() {
            raw.push_str(": ");
            text.push_str(": ");
        }
        raw.push_str(&t);
        if from_the_server(cause) {
            text.push_str(&crate::render::escape(&t));
        } else {
            text.push_str(&crate::render::escape_lines(&t));
        }
        previous = Some(t);
    }
    (raw, text)
}

/// Whether this link's text is an error body as a server sent it (unsigned: anyone on the path
/// writes it).
fn from_the_server(cause: &(dyn std::error::Error + 'static)) -> bool {
    use crate::transport::{DownloadError, TransportError};
    cause.downcast_ref::<crate::api::ApiError>().is_some()
        || matches!(
            cause.downcast_ref::<TransportError>(),
            Some(TransportError::Api(_))
        )
        || matches!(
            cause.downcast_ref::<DownloadError>(),
            Some(DownloadError::Transport(TransportError::Api(_)))
        )
}

/// The output cannot be written where the user asked: the file system is full (`ENOSPC`),
/// read-only (`EROFS`) or over quota, the file would be too large for it, or writing is not
/// permitted. One kind for all of them, exit 2 (README › Exit codes), the kind an output folder
/// that cannot take the partial file already had: the user frees space or picks another
/// `--dir`/`--out`; nothing is wrong with the program (1) or the data (6). A failing device
/// (`EIO`) or a folder removed mid-way stays internal.
pub fn output_problem(e: &std::io::Error) -> bool {
    use std::io::ErrorKind as K;
    matches!(
        e.kind(),
        K::StorageFull
            | K::ReadOnlyFilesystem
            | K::QuotaExceeded
            | K::FileTooLarge
            | K::PermissionDenied
    )
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
        // Issue 11: a redirect is an answer that is not WeChat Pay's (exit 4); a body over the cap
        // is a failed exchange (5), or a failed verification if it claimed a signature (6); a
        // signed answer of the wrong shape, or about something not asked, failed verification.
        T::Redirect {
            status,
            request_id: rid,
            ..
        } => {
            *http_status = Some(*status);
            *request_id = rid.clone();
            (Some(Kind::Api), e.hint())
        }
        T::TooLarge {
            signed,
            request_id: rid,
            ..
        } => {
            *request_id = rid.clone();
            let kind = if *signed {
                Kind::Verification
            } else {
                Kind::Network
            };
            (Some(kind), e.hint())
        }
        T::Answer {
            request_id: rid, ..
        } => {
            *request_id = rid.clone();
            (Some(Kind::Verification), e.hint())
        }
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
        | BillError::NotAFile { .. }
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
        // Disk full, read-only, over quota, the folder gone: the same kind as an output folder
        // that cannot take the partial file (see `output_problem`). A failing device, or reading
        // the input failing half-way, is nothing the user typed.
        BillError::Write { source, .. } if output_problem(source) => Kind::Usage,
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
    // Everything here may carry outside text (issue 11): the message is escaped link by link in
    // `render_chain`; the code and the Request-ID come from the server as they are.
    let _ = writeln!(w, "{red}error:{reset} {}", report.text);
    if let Some(code) = &report.code {
        let mut line = format!("  code: {}", escape(code));
        if let Some(s) = report.http_status {
            line.push_str(&format!("  http status: {s}"));
        }
        if let Some(r) = &report.request_id {
            line.push_str(&format!("  Request-ID: {}", escape(r)));
        }
        let _ = writeln!(w, "{line}");
    }
    for h in &report.hints {
        let _ = writeln!(w, "{yellow}hint:{reset} {}", escape_lines(h));
    }
    if json {
        let _ = writeln!(w, "{}", json_line(report));
    }
}

/// `{"error":{…}}` on one line. serde_json escapes only U+0000–U+001F; DEL, the C1 controls
/// (U+009B is an 8-bit CSI) and bidi overrides would pass raw, so they are escaped too, in the
/// same `\uXXXX` notation: still valid JSON, and the same value once parsed.
fn json_line(report: &Report) -> String {
    let line = serde_json::json!({ "error": report }).to_string();
    escape(&line).into_owned()
}

/// Clap's own errors: help and version exit 0, usage errors exit 2 — and under `-o json|jsonl`
/// the usage error is also written as the JSON line (cli.md §3).
///
/// A command group typed without its subcommand (`wxcombine`, `wxcombine bill`) is a usage error
/// too (issue 14): clap prints the group's help to stderr, and a script that forgot the
/// subcommand must not read exit 0 as "done".
pub fn clap_error(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    let _ = e.print();
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => 0,
        kind => {
            if json_requested(std::env::args()) {
                let message = if kind == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                    "a subcommand is required; the command's help is printed above".to_string()
                } else {
                    let rendered = e.to_string();
                    let first = rendered.lines().next().unwrap_or_default();
                    first.trim_start_matches("error: ").to_string()
                };
                let report = Report {
                    kind: Kind::Usage,
                    text: message.clone(),
                    message,
                    hints: Vec::new(),
                    code: None,
                    http_status: None,
                    request_id: None,
                };
                eprintln!("{}", json_line(&report));
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

#[cfg(test)]
mod tests {
    use std::io;

    use super::*;
    use crate::api::ApiError;
    use crate::api::notification::NotifyError;
    use crate::transport::{DownloadError, TransportError};

    fn api() -> ApiError {
        ApiError::from_response(
            400,
            br#"{"code":"PARAM_ERROR","message":"bad field"}"#,
            None,
        )
    }

    /// No link's text is said twice in a row, whatever the kind of error (issue 14).
    fn said_once(message: &str) {
        let parts: Vec<&str> = message.split(": ").collect();
        for w in parts.windows(2) {
            assert_ne!(w[0], w[1], "{message}");
        }
        for (i, p) in parts.iter().enumerate() {
            assert!(
                !parts[i + 1..].iter().any(|q| q == p && !p.is_empty()),
                "{p:?} twice in {message}"
            );
        }
    }

    #[test]
    fn every_link_of_a_chain_is_said_once() {
        // thiserror's `#[from]` with `{0}` in the format: the source is in the message and also
        // returned by `source()`. anyhow's `{:#}` says it twice; the report says it once.
        let e = anyhow::Error::new(NotifyError::Verify(VerifyError::SignatureEncoding))
            .context("notify decrypt");
        assert_eq!(
            format!("{e:#}"),
            "notify decrypt: signature check failed: Wechatpay-Signature is not valid Base64: Wechatpay-Signature is not valid Base64"
        );
        let cases: Vec<(anyhow::Error, &str)> = vec![
            (
                e,
                "notify decrypt: signature check failed: Wechatpay-Signature is not valid Base64",
            ),
            // `#[source]` not in the format: both are said, in order.
            (
                anyhow::Error::new(BillError::Open {
                    path: "x.csv".into(),
                    source: io::Error::new(io::ErrorKind::NotFound, "No such file or directory"),
                }),
                "cannot open x.csv: No such file or directory",
            ),
            (
                anyhow::Error::new(BillError::Write {
                    target: "/bills/a.csv".into(),
                    source: io::Error::from(io::ErrorKind::StorageFull),
                })
                .context("bill for 2026-11-20"),
                "bill for 2026-11-20: cannot write /bills/a.csv: no storage space",
            ),
            // A Failure explaining a lower error.
            (
                anyhow::Error::new(Failure::usage("the order was refused").caused_by(api())),
                "the order was refused: WeChat Pay answered HTTP 400 PARAM_ERROR: bad field",
            ),
            // `transparent` wrappers are one link.
            (
                anyhow::Error::new(TransportError::api(api())).context("query P1"),
                "query P1: WeChat Pay answered HTTP 400 PARAM_ERROR: bad field",
            ),
            (
                anyhow::Error::new(DownloadError::Transport(TransportError::api(api()))),
                "WeChat Pay answered HTTP 400 PARAM_ERROR: bad field",
            ),
            // A context that already quotes its cause.
            (
                anyhow::Error::new(io::Error::other("connection reset"))
                    .context("reading the body: connection reset"),
                "reading the body: connection reset",
            ),
            (
                anyhow::Error::new(VerifyError::SignTest).context("verifying"),
                "verifying: the signature is a WECHATPAY/SIGNTEST/ probe, which must never verify (apiv3.md §2.4)",
            ),
        ];
        for (e, want) in cases {
            let r = report(&e);
            assert_eq!(r.message, want);
            assert_eq!(r.text, want, "nothing to escape here");
            said_once(&r.message);
        }
    }

    #[test]
    fn server_text_is_escaped_whole_and_ours_keeps_its_lines() {
        let hostile = ApiError::from_response(
            400,
            br#"{"code":"PARAM_ERROR","message":"\u001b[2Jx\nhint: forged"}"#,
            None,
        );
        let e = anyhow::Error::new(TransportError::api(hostile))
            .context("a TOML-like report\n  | line two");
        let r = report(&e);
        assert_eq!(
            r.text,
            "a TOML-like report\n  | line two: WeChat Pay answered HTTP 400 PARAM_ERROR: \\u001b[2Jx\\nhint: forged"
        );
        assert!(
            r.message.contains("\u{1b}[2Jx\nhint: forged"),
            "raw for JSON"
        );
    }

    #[test]
    fn a_full_or_read_only_output_is_one_kind() {
        for kind in [
            io::ErrorKind::StorageFull,
            io::ErrorKind::ReadOnlyFilesystem,
            io::ErrorKind::QuotaExceeded,
        ] {
            let write = anyhow::Error::new(BillError::Write {
                target: "a.csv".into(),
                source: io::Error::from(kind),
            });
            let create = anyhow::Error::new(BillError::Create {
                path: "a.csv.part".into(),
                source: io::Error::from(kind),
            });
            let bare = anyhow::Error::new(io::Error::from(kind)).context("writing x.toml");
            for e in [write, create, bare] {
                assert_eq!(report(&e).kind, Kind::Usage, "{kind:?}: {e:#}");
            }
        }
        // A failing device is not the user's to fix.
        let eio = anyhow::Error::new(BillError::Write {
            target: "a.csv".into(),
            source: io::Error::other("Input/output error"),
        });
        assert_eq!(report(&eio).kind, Kind::Internal);
    }
}
