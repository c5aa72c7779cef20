//! `bill download --sub-mchid-from FILE` (issue 14 item 6): a 服务商 downloads the trade bill of
//! every one of its sub-merchants for one day in one run. The bills land side by side under the
//! default names (`tradebill_<mchid>-<sub_mchid>_<date>_<type>.csv`, cli.md `bill download`), one
//! result row per sub-merchant, and the run never stops at a failure: each failure is its row.
//!
//! WeChat Pay limits the bill endpoints' rate (apiv3.md §8.4, §10.2: `429 FREQUENCY_LIMITED`), so
//! the applications go out at a steady pace ([`Pace`]) and a `429` is retried with the same
//! request after a back-off (its `Retry-After` when given) by the client's one retry policy,
//! bounded by `--retries`.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{Context as _, Result};
use futures_util::StreamExt as _;
use serde_json::Value;
use time::OffsetDateTime;

use super::download::{
    DownloadRow, Plan, check_select, file_mode, fmt_date, kind_name, parse_date, type_name,
};
use crate::api::BillKind;
use crate::cli::BillDownloadArgs;
use crate::commands::{Context, Outcome};
use crate::error::{self, Failure, Kind};
use crate::render::{Format, ListRow, ListView, Nothing};

/// The default `--bill-rate`, applications per second. apiv3.md §8.4 gives a rate only for the
/// fund-flow bill (3 QPS per mchid); for the trade bill it gives none [UNCERTAIN]. The stricter
/// reading: the same 3 per second, which 1,000 sub-merchants still pass in under six minutes.
pub const DEFAULT_BILL_RATE: f64 = 3.0;

/// A sub_mchid is a merchant id: 1–32 digits (as `--sub-mchid`, apiv3.md §8.1).
fn is_mchid(s: &str) -> bool {
    !s.is_empty() && s.len() <= 32 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The longest line read from `--sub-mchid-from`: an id is at most 32 digits, so a line this long
/// is not one, and an endless line (a binary file, `/dev/zero`) stops here, not in memory.
const MAX_LINE: u64 = 4096;

/// The sub_mchids of `--sub-mchid-from`, in file order, each once. Blank lines and `#` comments
/// (a whole line, or the rest of one) are skipped. Any other malformed line stops the run before
/// anything is sent (exit 2), naming the file and the line.
pub fn read_sub_mchids(name: &Path, input: impl Read) -> Result<Vec<String>, Failure> {
    let shown = name.display();
    let mut reader = BufReader::new(input);
    let mut seen = HashSet::new();
    let mut ids = Vec::new();
    let mut line_no = 0u64;
    loop {
        let mut buf = Vec::new();
        let n = (&mut reader)
            .take(MAX_LINE + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| Failure::usage(format!("--sub-mchid-from {shown}: {e}")))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if buf.len() as u64 > MAX_LINE {
            return Err(Failure::usage(format!(
                "--sub-mchid-from {shown}, line {line_no}: longer than {MAX_LINE} bytes; not a sub_mchid"
            )));
        }
        let text = String::from_utf8_lossy(&buf);
        let id = text.split('#').next().unwrap_or("").trim();
        if id.is_empty() {
            continue;
        }
        if !is_mchid(id) {
            let shown_id: String = id.chars().take(40).collect();
            return Err(Failure::usage(format!(
                "--sub-mchid-from {shown}, line {line_no}: {shown_id:?} is not a sub_mchid (1-32 digits)"
            )));
        }
        // A duplicate is downloaded once: the second row would only say up_to_date.
        if seen.insert(id.to_string()) {
            ids.push(id.to_string());
        }
    }
    if ids.is_empty() {
        return Err(Failure::usage(format!(
            "--sub-mchid-from {shown} names no sub_mchid"
        )));
    }
    Ok(ids)
}

/// A steady pace: one permit every `1/rate` seconds, handed out in turn. Concurrent bills take
/// their turns; nothing bursts, so the limit is never met in the first place.
pub struct Pace {
    gap: Duration,
    next: Mutex<Option<tokio::time::Instant>>,
}

impl Pace {
    pub fn new(per_second: f64) -> Self {
        Pace {
            gap: Duration::from_secs_f64(1.0 / per_second),
            next: Mutex::new(None),
        }
    }

    /// Wait for this caller's turn.
    pub async fn wait(&self) {
        let slot = {
            let now = tokio::time::Instant::now();
            let mut next = self.next.lock().expect("pace lock");
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + self.gap);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// One sub-merchant's result.
pub struct SubRow {
    pub sub_mchid: String,
    pub result: Result<DownloadRow, error::Report>,
    pub date: String,
    pub kind: &'static str,
    pub bill_type: &'static str,
}

impl ListRow for SubRow {
    fn json(&self) -> Value {
        match &self.result {
            Ok(r) => {
                let mut v = serde_json::to_value(r).expect("rows serialise");
                v.as_object_mut()
                    .expect("a row is an object")
                    .insert("sub_mchid".into(), Value::String(self.sub_mchid.clone()));
                v
            }
            Err(e) => serde_json::json!({
                "sub_mchid": self.sub_mchid,
                "date": self.date,
                "kind": self.kind,
                "type": self.bill_type,
                "status": "error",
                "exit_code": e.kind.exit_code(),
                "error": e,
            }),
        }
    }

    fn cells(&self) -> Vec<String> {
        match &self.result {
            Ok(d) => vec![
                self.sub_mchid.clone(),
                d.status.to_string(),
                d.rows.to_string(),
                d.bytes.to_string(),
                d.path.clone().unwrap_or_else(|| "-".into()),
            ],
            Err(e) => vec![
                self.sub_mchid.clone(),
                format!("error (exit {})", e.kind.exit_code()),
                "-".into(),
                "-".into(),
                e.text.clone(),
            ],
        }
    }
}

/// The table's columns, in the order of [`SubRow`]'s cells.
const MANY_HEADER: &[&str] = &["SUB_MCHID", "STATUS", "ROWS", "BYTES", "PATH / ERROR"];

/// The exit code of a run is its worst row's. "Worst" is the highest code of cli.md §3: 6
/// (a bill or answer failed verification: possible tampering, the most alarming) over 5 (the
/// network, after every retry) over 4 (WeChat Pay refused, e.g. an unbound sub_mchid) over 3
/// (configuration) over 2 (usage, e.g. a different file under a bill's name) over 1 (internal).
pub fn worst(kinds: impl Iterator<Item = Kind>) -> Option<Kind> {
    kinds.max_by_key(|k| k.exit_code())
}

/// The checks of a `--sub-mchid-from` run that need no file and no network.
fn check_flags(args: &BillDownloadArgs) -> Result<(), Failure> {
    if args.select.kind != BillKind::Trade {
        return Err(Failure::usage(
            "--sub-mchid-from downloads trade bills; sub-merchants have no fund-flow bill of a 服务商's",
        ));
    }
    if args.date.is_none() {
        return Err(Failure::usage(
            "--sub-mchid-from downloads one day: give --date DATE",
        ));
    }
    if !(args.bill_rate.is_finite() && args.bill_rate > 0.0 && args.bill_rate <= 1000.0) {
        return Err(Failure::usage(format!(
            "--bill-rate {} must be a number of applications per second above 0 and at most 1000",
            args.bill_rate
        )));
    }
    if !args.dir.is_dir() {
        return Err(Failure::usage(format!(
            "--dir {} does not exist",
            args.dir.display()
        )));
    }
    Ok(())
}

/// Read FILE (or standard input for `-`).
fn load_ids(path: &Path) -> Result<Vec<String>, Failure> {
    if path.as_os_str() == "-" {
        return read_sub_mchids(Path::new("-"), std::io::stdin().lock());
    }
    let f = std::fs::File::open(path)
        .map_err(|e| Failure::usage(format!("--sub-mchid-from {}: {}", path.display(), e)))?;
    read_sub_mchids(path, f)
}

pub fn run(ctx: &Context, args: &BillDownloadArgs, from: &Path) -> Result<Outcome> {
    check_select(&args.select)?;
    check_flags(args)?;
    let date = fmt_date(parse_date(
        args.date.as_deref().unwrap_or_default(),
        "--date",
        OffsetDateTime::now_utc(),
    )?);
    let wait = match &args.wait {
        Some(w) => Some(
            humantime::parse_duration(w)
                .map_err(|e| Failure::usage(format!("--wait {w:?}: {e} (e.g. 30m, 2h)")))?,
        ),
        None => None,
    };
    let mode = file_mode(args)?;
    // Every line is checked before anything is sent.
    let ids = load_ids(from)?;
    let profile = ctx.profile()?;
    let client = ctx.client(&profile)?;
    let pace = Pace::new(args.bill_rate);
    let total = ids.len();
    let (kind, bill_type) = (kind_name(&args.select), type_name(&args.select));

    let stream_lines = ctx.printer.format == Format::Jsonl;
    let progress = ctx.printer.progress_bar(total as u64, "sub-merchants");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    let (client_ref, pace_ref, profile_mchid) = (&client, &pace, profile.mchid.as_str());
    let date_ref = date.as_str();
    let work = async {
        // At most --concurrency bills in flight; ids are turned into work only as slots free
        // up, and a finished bill keeps nothing but its small row.
        let mut s = futures_util::stream::iter(ids.into_iter().enumerate())
            .map(|(i, sub)| async move {
                let mut select = args.select.clone();
                select.sub_mchid = Some(sub.clone());
                let plan = Plan {
                    ctx,
                    mchid: profile_mchid,
                    client: client_ref,
                    args,
                    select,
                    wait,
                    pace: Some(pace_ref),
                    byte_bars: false,
                    mode,
                };
                let result = plan
                    .one_date(date_ref)
                    .await
                    .with_context(|| format!("bill of sub-merchant {sub} for {date_ref}"))
                    .map_err(|e| error::report(&e));
                (
                    i,
                    SubRow {
                        sub_mchid: sub,
                        result,
                        date: date_ref.to_string(),
                        kind,
                        bill_type,
                    },
                )
            })
            .buffer_unordered(args.concurrency as usize);
        let mut kept: Vec<(usize, SubRow)> = Vec::new();
        // What a run keeps whatever its size: the worst failure, and counts.
        let mut worst_kind: Option<Kind> = None;
        let mut failed = 0usize;
        let mut no_auth = 0usize;
        while let Some((i, row)) = s.next().await {
            if let Some(p) = &progress {
                p.inc(1);
            }
            if let Err(e) = &row.result {
                failed += 1;
                worst_kind = worst(worst_kind.into_iter().chain([e.kind]));
                no_auth += usize::from(e.code.as_deref() == Some("NO_AUTH"));
            }
            if stream_lines {
                // -o jsonl: each row as it finishes.
                let line = row.json().to_string();
                let emit = || ctx.printer.emit_line(&line);
                match &progress {
                    Some(p) => p.suspend(emit)?,
                    None => emit()?,
                }
            } else {
                kept.push((i, row));
            }
        }
        Ok::<_, std::io::Error>((kept, worst_kind, failed, no_auth))
    };
    // Ctrl-C / SIGTERM: dropping `work` drops every bill sink in flight, which removes its
    // `.part` file; bills finished before are complete and verified.
    let finished = crate::commands::run_until_signal(runtime, work);
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    let (mut kept, worst_kind, failed, no_auth) = match finished {
        Ok(r) => r?,
        Err(exit_code) => {
            return Err(error::Interrupted {
                exit_code,
                message: "bill download: interrupted; no partial file was left, and the bills \
                          finished before are complete and verified"
                    .to_string(),
            }
            .into());
        }
    };
    let failure = worst_kind.map(|kind| {
        let mut f = Failure::new(
            kind,
            format!(
                "{failed} of {total} sub-merchants' bills failed (each failure is shown in its row)"
            ),
        );
        // A profile carries no mark of a 服务商 (cli.md §1), so a direct merchant is only found
        // out by WeChat Pay refusing every sub_mchid it names.
        if no_auth == total {
            f = f.hint(format!(
                "WeChat Pay refused every sub_mchid with NO_AUTH: --sub-mchid-from is for a 服务商; is profile {} one, and are these its sub-merchants?",
                profile.name
            ));
        }
        anyhow::Error::new(f)
    });
    if stream_lines {
        return Ok(Outcome {
            view: Box::new(Nothing),
            failure,
        });
    }
    kept.sort_by_key(|(i, _)| *i);
    Ok(Outcome {
        view: Box::new(ListView {
            header: MANY_HEADER,
            rows: kept.into_iter().map(|(_, r)| r).collect(),
        }),
        failure,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_once_in_order_and_comments_and_blanks_are_skipped() {
        let text = "# sub-merchants\n1900000119\n\n  1900000129  # shop 2\n1900000119\n";
        let ids = read_sub_mchids(Path::new("subs.txt"), text.as_bytes()).unwrap();
        assert_eq!(ids, ["1900000119", "1900000129"]);
    }

    #[test]
    fn a_malformed_line_names_the_file_and_the_line() {
        let text = "1900000119\n19000x0129\n";
        let e = read_sub_mchids(Path::new("subs.txt"), text.as_bytes()).unwrap_err();
        let m = e.to_string();
        assert!(m.contains("subs.txt, line 2"), "{m}");
        assert!(m.contains("19000x0129"), "{m}");
        assert_eq!(e.kind.exit_code(), 2);
        let long = "1".repeat(5000);
        let e = read_sub_mchids(Path::new("f"), long.as_bytes()).unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        let e = read_sub_mchids(Path::new("f"), "# none\n\n".as_bytes()).unwrap_err();
        assert!(e.to_string().contains("names no sub_mchid"), "{e}");
    }

    #[test]
    fn the_worst_row_is_the_highest_code() {
        assert_eq!(
            worst([Kind::Api, Kind::Verification, Kind::Network].into_iter()),
            Some(Kind::Verification)
        );
        assert_eq!(worst([Kind::Usage, Kind::Api].into_iter()), Some(Kind::Api));
        assert_eq!(worst(std::iter::empty()), None);
    }
}
