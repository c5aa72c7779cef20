//! `notify decrypt` and `notify listen` (cli.md §4, issue 6, apiv3.md §2, §4, §7).

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context as _, Result};
use serde_json::Value;

use super::refund::query::{notice_summary, notice_table};
use super::shared::{order_rows, order_state, order_table};
use super::{Context, Outcome};
use crate::api::notification::{self, OpenRules, Opened};
use crate::api::refund::RefundNotice;
use crate::api::types::CombineOrder;
use crate::cli::NotifyDecryptArgs;
use crate::error::Failure;
use crate::input::{self, InputError, NOTIFICATION_CAP};
use crate::render::{View, escape};
use crate::signing::verify::KeyKind;

pub mod capture;
pub mod listen;
pub mod replay;

/// `--body`, `--headers` or `--raw`: a file or stdin, at most [`NOTIFICATION_CAP`] bytes (a real
/// notification is a few KiB; issue 11).
fn read_input(path: &Path, flag: &str) -> Result<Vec<u8>, Failure> {
    input::read_path_or_stdin(path, NOTIFICATION_CAP).map_err(|e| {
        let shown = if path.as_os_str() == "-" {
            "-".to_string()
        } else {
            path.display().to_string()
        };
        match e {
            InputError::TooLarge { cap } => Failure::usage(format!(
                "{flag} {shown} is larger than {}, the limit for a notification",
                input::show_cap(cap)
            )),
            InputError::Io(e) if shown == "-" => {
                Failure::usage(format!("{flag} -: cannot read stdin: {e}"))
            }
            e => Failure::usage(format!("{flag} {shown}: {e}")),
        }
    })
}

pub fn key_kind_name(k: KeyKind) -> &'static str {
    match k {
        KeyKind::PublicKey => "public key",
        KeyKind::Certificate => "platform certificate",
    }
}

/// A decrypted notification: `-o json` is exactly the decrypted JSON.
pub struct DecryptedView {
    pub opened: Opened,
    pub serial: String,
}

impl View for DecryptedView {
    fn json(&self) -> String {
        String::from_utf8_lossy(&self.opened.plaintext)
            .trim_end()
            .to_string()
    }
    fn jsonl(&self) -> Vec<String> {
        let v: Value = serde_json::from_slice(&self.opened.plaintext).unwrap_or(Value::Null);
        vec![v.to_string()]
    }
    fn table(&self) -> String {
        let e = &self.opened.envelope;
        let verified = match self.opened.verified_by {
            Some(k) => format!(
                "signature verified with the {} {}",
                key_kind_name(k),
                self.serial
            ),
            None => "signature NOT verified (--no-verify)".to_string(),
        };
        let age = self
            .opened
            .age
            .map(|a| format!(", {a} s old"))
            .unwrap_or_default();
        // Outside text, each on the one line it belongs to (issue 11).
        let mut out = format!(
            "{} {} {} ({}){age}\n{}\n\n",
            escape(&e.id),
            escape(&e.event_type),
            escape(&e.summary),
            escape(&e.create_time),
            escape(&verified)
        );
        // A refund result (REFUND.*, apiv3.md §14.4) gets the refund table.
        let refund = e
            .event_type
            .starts_with("REFUND.")
            .then(|| serde_json::from_slice::<RefundNotice>(&self.opened.plaintext).ok())
            .flatten();
        match (
            &refund,
            serde_json::from_slice::<CombineOrder>(&self.opened.plaintext),
        ) {
            (Some(r), _) => out.push_str(&notice_table(r)),
            (None, Ok(order)) => out.push_str(&order_table(order_rows(&order))),
            (None, Err(_)) => {
                let v: Value =
                    serde_json::from_slice(&self.opened.plaintext).unwrap_or(Value::Null);
                out.push_str(&serde_json::to_string_pretty(&v).unwrap_or_default());
                out.push('\n');
            }
        }
        out
    }
}

pub fn decrypt(ctx: &Context, args: &NotifyDecryptArgs) -> Result<Outcome> {
    // Resolve the captured request: --raw, else --body/stdin, plus --headers, plus flags.
    let mut pairs = Vec::new();
    let body = if let Some(raw) = &args.raw {
        let bytes = read_input(raw, "--raw")?;
        let (headers, body) = notification::parse_raw_request(&bytes)
            .map_err(|e| Failure::usage(format!("--raw {}: {e}", raw.display())))?;
        pairs.extend(headers);
        body
    } else {
        match &args.body {
            Some(p) => read_input(p, "--body")?,
            None => {
                if std::io::stdin().is_terminal() {
                    return Err(Failure::usage("no notification body: give --body FILE, --raw FILE, or pipe the body on stdin").into());
                }
                read_input(Path::new("-"), "--body")?
            }
        }
    };
    if let Some(h) = &args.headers {
        let bytes = read_input(h, "--headers")?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Failure::usage(format!("--headers {}: not UTF-8 text", h.display())))?;
        pairs.extend(notification::parse_header_lines(&text));
    }
    let mut headers = notification::signed_headers(&pairs);
    for (flag, slot) in [
        (&args.timestamp, &mut headers.timestamp),
        (&args.nonce, &mut headers.nonce),
        (&args.signature, &mut headers.signature),
        (&args.serial, &mut headers.serial),
    ] {
        if let Some(v) = flag {
            *slot = v.trim().to_string();
        }
    }

    let profile = ctx.profile()?;
    let verifier = if args.no_verify {
        ctx.printer
            .warn("--no-verify: the signature is not checked; do not act on this notification");
        None
    } else {
        Some(profile.load_verifier()?)
    };
    let key = ctx.apiv3_key(&profile)?;
    let rules = OpenRules {
        verify: !args.no_verify,
        max_age: args.max_age,
        now: ctx.now(),
    };
    let opened = notification::open(&headers, &body, verifier.as_ref(), &key, rules)
        .context("notify decrypt")?;
    if args.max_age.is_none()
        && let Some(age) = opened.age
        && age > 300
    {
        ctx.printer.warn(&format!(
            "the notification is {age} s old (more than 300 s): it may be a replay; pass --max-age SECS to refuse old ones"
        ));
    }
    Ok(Outcome::ok(DecryptedView {
        opened,
        serial: headers.serial,
    }))
}

/// One received notification, as printed by `notify listen`.
pub struct AcceptedView<'a>(pub &'a listen::Accepted);

impl View for AcceptedView<'_> {
    fn json(&self) -> String {
        crate::render::to_json(self.0)
    }
    fn table(&self) -> String {
        let a = self.0;
        let order = serde_json::from_value::<CombineOrder>(a.resource.clone()).ok();
        let refund = a
            .event_type
            .starts_with("REFUND.")
            .then(|| serde_json::from_value::<RefundNotice>(a.resource.clone()).ok())
            .flatten();
        let what = match (&refund, &order) {
            (Some(r), _) => notice_summary(r),
            (None, Some(o)) => format!(
                "{} · {} sub-orders · {}",
                o.combine_out_trade_no,
                o.sub_orders.len(),
                order_state(o)
            ),
            (None, None) => "(not a combine order)".to_string(),
        };
        let fwd = match a.forwarded {
            Some(s) => format!("forwarded (HTTP {s})"),
            None => "not forwarded (no --forward-to)".into(),
        };
        format!(
            "✓ {} {} {} · verified by {} {} · {fwd}\n",
            escape(&a.id),
            escape(&a.event_type),
            escape(&what),
            a.verified_by,
            escape(&a.serial)
        )
    }
}

pub fn listen_cmd(ctx: &Context, args: &crate::cli::NotifyListenArgs) -> Result<Outcome> {
    let addr = super::listen_addr::resolve(&args.listen).map_err(|why| {
        Failure::usage(format!(
            "--listen {:?} {why}; give an address or name and a port, e.g. 127.0.0.1:8790 or localhost:8790",
            args.listen
        ))
    })?;
    if !addr.ip().is_loopback() && !args.allow_remote {
        return Err(Failure::usage(format!("--listen {addr} is not a loopback address"))
            .hint("notify listen is a development receiver; pass --allow-remote to expose it beyond this machine")
            .into());
    }
    if !args.path.starts_with('/') {
        return Err(Failure::usage(format!("--path {:?} must start with /", args.path)).into());
    }
    if let Some(u) = &args.forward_to {
        crate::transport::split_url(u)
            .map_err(|e| Failure::usage(format!("--forward-to {:?}: {}", e.url, e.why)))?;
    }
    if let Some(dir) = &args.save_raw {
        check_save_dir(dir)?;
    }
    let profile = ctx.profile()?;
    let verifier = profile.load_verifier()?;
    let key = ctx.apiv3_key(&profile)?;
    let opts = listen::ReceiverOptions {
        listen: addr,
        path: args.path.clone(),
        forward_to: args.forward_to.clone(),
        max_age: args.max_age,
        verifier,
        key,
        forward_timeout: std::time::Duration::from_secs(4),
        save_raw: args.save_raw.clone(),
    };
    super::block_on(async {
        let mut r = listen::start(opts)
            .await
            .map_err(|e| Failure::usage(format!("--listen {addr}: {e}")))?;
        ctx.printer
            .info(&format!("listening on {}", r.url(&args.path)));
        let mut accepted = 0u64;
        // One listener for the whole run (see shutdown_signal).
        let stop = super::shutdown_signal();
        tokio::pin!(stop);
        loop {
            tokio::select! {
                ev = r.events.recv() => match ev {
                    Some(listen::Event::Accepted(a)) => {
                        ctx.printer.emit(&AcceptedView(&a))?;
                        accepted += 1;
                        if args.count.is_some_and(|n| accepted >= n) {
                            break;
                        }
                    }
                    Some(listen::Event::Saved { path }) => ctx.printer.notice(&format!("saved {}", path.display())),
                    Some(listen::Event::Duplicate { id }) => ctx.printer.notice(&format!("{id}: a repeat, acknowledged without forwarding again")),
                    Some(listen::Event::Rejected { status, reason }) => ctx.printer.warn(&format!("refused with HTTP {status}: {reason}")),
                    None => break,
                },
                _ = &mut stop => break,
            }
        }
        r.shutdown().await;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(Outcome::ok(crate::render::Nothing))
}

/// `--save-raw DIR`: made if missing (0700: captures hold payment data), and proved writable
/// before anything is received, so a wrong folder is a usage error now rather than refused
/// deliveries later.
fn check_save_dir(dir: &Path) -> Result<(), Failure> {
    let made = std::fs::DirBuilder::new()
        .recursive(true)
        .mode_private()
        .create(dir);
    made.and_then(|()| tempfile::tempfile_in(dir).map(drop))
        .map_err(|e| Failure::usage(format!("--save-raw {}: {e}", dir.display())))
}

/// Private folders on Unix; elsewhere the platform default.
trait PrivateDir {
    fn mode_private(&mut self) -> &mut Self;
}

impl PrivateDir for std::fs::DirBuilder {
    #[cfg(unix)]
    fn mode_private(&mut self) -> &mut Self {
        std::os::unix::fs::DirBuilderExt::mode(self, 0o700)
    }
    #[cfg(not(unix))]
    fn mode_private(&mut self) -> &mut Self {
        self
    }
}
