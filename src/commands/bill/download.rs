//! `bill fetch` and `bill download` (cli.md §4, apiv3.md §8, issue 5): apply, download at once,
//! verify the SHA-1 of the decompressed bytes while streaming, and put the file in place only
//! once it verified. A failed transfer is retried from the start, with a fresh apply, within
//! `--retries` (issue 11).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use serde::Serialize;
use serde_json::Value;
use time::macros::{format_description, offset};
use time::{Date, OffsetDateTime};

use crate::api::Request;
use crate::api::types::BillApplyResponse;
use crate::api::{Bill, BillKind};
use crate::bill::{BillError, BillSink, Destination, Encoding};
use crate::cli::{BillDownloadArgs, BillFetchArgs, BillSelect};
use crate::commands::{Context, Outcome, block_on};
use crate::error::{self, Failure};
use crate::render::{Format, ListRow, ListView, View, kv_table};
use crate::transport::{Client, DownloadError, TransportError};

const DATE_FMT: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]");

/// `YYYY-MM-DD`, or `yesterday` / `today` in Beijing time (bills are dated in Beijing time, §9.1).
pub fn parse_date(s: &str, flag: &str, now: OffsetDateTime) -> Result<Date, Failure> {
    let today = now.to_offset(offset!(+8)).date();
    match s {
        "yesterday" => {
            return today
                .previous_day()
                .ok_or_else(|| Failure::usage("no yesterday"));
        }
        "today" => return Ok(today),
        _ => {}
    }
    Date::parse(s, DATE_FMT).map_err(|_| {
        Failure::usage(format!(
            "{flag} {s:?} is not a date like 2026-01-31 (or today, yesterday)"
        ))
    })
}

pub(super) fn fmt_date(d: Date) -> String {
    d.format(DATE_FMT).expect("dates format")
}

/// The apply request for one date (§8.1, §8.2).
fn apply_request(sel: &BillSelect, date: &str) -> Request {
    match bill_of(sel) {
        Bill::Trade(t) => Request::trade_bill(date, sel.sub_mchid.as_deref(), Some(t), sel.gzip),
        Bill::FundFlow(a) => Request::fundflow_bill(date, Some(a), sel.gzip),
    }
}

/// The bill the flags select: `--type` counts for trade bills, `--account-type` for fund-flow.
fn bill_of(sel: &BillSelect) -> Bill {
    match sel.kind {
        BillKind::Trade => Bill::Trade(sel.bill_type),
        BillKind::FundFlow => Bill::FundFlow(sel.account_type),
    }
}

pub(super) fn kind_name(sel: &BillSelect) -> &'static str {
    sel.kind.as_str()
}

pub(super) fn type_name(sel: &BillSelect) -> &'static str {
    bill_of(sel).type_str()
}

pub(super) fn check_select(sel: &BillSelect) -> Result<(), Failure> {
    if sel.sub_mchid.is_some() && sel.kind == BillKind::FundFlow {
        return Err(Failure::usage("--sub-mchid applies to trade bills only"));
    }
    if let Some(s) = &sel.sub_mchid
        && (s.is_empty() || s.len() > 32 || !s.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Failure::usage(format!(
            "--sub-mchid {s:?} is not a merchant id (digits)"
        )));
    }
    Ok(())
}

/// `--mode OCTAL`: the permissions of the bill files, 0600 unless given (issue 15 item 11).
/// Octal digits, optionally after `0o` (`600`, `0640`, `0o644`), at most 777.
pub(super) fn file_mode(args: &BillDownloadArgs) -> Result<u32, Failure> {
    let Some(text) = &args.mode else {
        return Ok(crate::bill::DEFAULT_MODE);
    };
    let digits = text.strip_prefix("0o").unwrap_or(text);
    let value = (!digits.is_empty()
        && digits.len() <= 4
        && digits.bytes().all(|b| (b'0'..=b'7').contains(&b)))
    .then(|| u32::from_str_radix(digits, 8).ok())
    .flatten()
    .filter(|m| *m <= 0o777);
    value.ok_or_else(|| {
        Failure::usage(format!(
            "--mode {text:?} is not an octal file mode of at most 777, e.g. 600 or 640"
        ))
    })
}

/// The verified apply response, shown as received.
pub struct FetchView {
    pub raw: String,
    pub parsed: BillApplyResponse,
}

impl View for FetchView {
    fn json(&self) -> String {
        self.raw.trim_end().to_string()
    }
    fn table(&self) -> String {
        kv_table(&[
            ("hash_type", self.parsed.hash_type.clone()),
            ("hash_value", self.parsed.hash_value.clone()),
            ("download_url", self.parsed.download_url.clone()),
        ])
    }
}

async fn apply(
    client: &Client,
    sel: &BillSelect,
    date: &str,
) -> Result<(String, BillApplyResponse)> {
    let resp = client.call(&apply_request(sel, date)).await?;
    let raw =
        String::from_utf8(resp.body.to_vec()).context("the bill apply response is not UTF-8")?;
    let parsed: BillApplyResponse = serde_json::from_str(&raw)
        .context("the verified bill apply response is not {hash_type, hash_value, download_url}")?;
    if !parsed.hash_type.eq_ignore_ascii_case("SHA1") {
        anyhow::bail!(
            "hash_type {:?} is not SHA1; this tool cannot verify it",
            parsed.hash_type
        );
    }
    Ok((raw, parsed))
}

pub fn fetch(ctx: &Context, args: &BillFetchArgs) -> Result<Outcome> {
    check_select(&args.select)?;
    let date = fmt_date(parse_date(&args.date, "--date", OffsetDateTime::now_utc())?);
    let profile = ctx.profile()?;
    let client = ctx.client(&profile)?;
    let (raw, parsed) = block_on(apply(&client, &args.select, &date))
        .with_context(|| format!("bill fetch {date}"))?;
    Ok(Outcome::ok(FetchView { raw, parsed }))
}

/// One date's result (cli.md `bill download` JSON row).
#[derive(Debug, Serialize)]
pub struct DownloadRow {
    pub date: Option<String>,
    pub kind: &'static str,
    #[serde(rename = "type")]
    pub bill_type: &'static str,
    pub path: Option<String>,
    pub bytes: u64,
    pub rows: u64,
    pub hash_type: Option<String>,
    pub hash_value: Option<String>,
    pub verified: bool,
    pub status: &'static str,
}

pub enum RowResult {
    Done(DownloadRow),
    Failed {
        date: Option<String>,
        kind: &'static str,
        bill_type: &'static str,
        error: error::Report,
    },
}

impl RowResult {
    pub(super) fn json(&self) -> Value {
        match self {
            RowResult::Done(r) => serde_json::to_value(r).expect("rows serialise"),
            RowResult::Failed {
                date,
                kind,
                bill_type,
                error,
            } => {
                serde_json::json!({ "date": date, "kind": kind, "type": bill_type, "error": error })
            }
        }
    }
}

/// The table's columns, in the order of [`RowResult`]'s cells.
const DOWNLOAD_HEADER: &[&str] = &[
    "DATE", "KIND", "TYPE", "STATUS", "ROWS", "BYTES", "SHA-1", "PATH",
];

impl ListRow for RowResult {
    fn json(&self) -> Value {
        RowResult::json(self)
    }
    fn cells(&self) -> Vec<String> {
        match self {
            RowResult::Done(d) => vec![
                d.date.clone().unwrap_or_else(|| "-".into()),
                d.kind.to_string(),
                d.bill_type.to_string(),
                d.status.to_string(),
                d.rows.to_string(),
                d.bytes.to_string(),
                d.hash_value.clone().unwrap_or_else(|| "-".into()),
                d.path.clone().unwrap_or_else(|| "-".into()),
            ],
            RowResult::Failed {
                date,
                kind,
                bill_type,
                error,
            } => vec![
                date.clone().unwrap_or_else(|| "-".into()),
                kind.to_string(),
                bill_type.to_string(),
                format!("FAILED {}", error.code.as_deref().unwrap_or("")),
                "-".into(),
                "-".into(),
                "-".into(),
                error.message.clone(),
            ],
        }
    }
}

/// Where one bill goes.
enum Target {
    File(PathBuf),
    Stdout,
}

/// The default file name (cli.md `bill download`): `<kind>bill_<mchid>_<date>_<type>.csv`, and
/// `<kind>bill_<mchid>-<sub_mchid>_<date>_<type>.csv` for a sub-merchant's bill, so that one
/// folder holds the bills of every merchant and sub-merchant of a cron job side by side (issue 11).
fn default_name(sel: &BillSelect, mchid: &str, date: &str) -> String {
    let who = match &sel.sub_mchid {
        Some(sub) => format!("{mchid}-{sub}"),
        None => mchid.to_string(),
    };
    format!("{}bill_{who}_{date}_{}.csv", kind_name(sel), type_name(sel))
}

pub(super) struct Plan<'a> {
    pub(super) ctx: &'a Context,
    /// The profile's merchant: the bill's owner, in the default file name.
    pub(super) mchid: &'a str,
    pub(super) client: &'a Client,
    pub(super) args: &'a BillDownloadArgs,
    /// Which bill: `args.select`, or, in a run over many sub-merchants, a copy naming one of them.
    pub(super) select: BillSelect,
    pub(super) wait: Option<Duration>,
    /// The steady pace of apply requests of a run over many bills (issue 14 item 6).
    pub(super) pace: Option<&'a super::many::Pace>,
    /// A byte bar per transfer; off when a run shows one bar for many bills.
    pub(super) byte_bars: bool,
    /// The permissions of the bill files (`--mode`, default 0600).
    pub(super) mode: u32,
}

impl Plan<'_> {
    /// One apply, at the run's pace when it has one.
    async fn apply(&self, date: &str) -> Result<(String, BillApplyResponse)> {
        if let Some(p) = self.pace {
            p.wait().await;
        }
        apply(self.client, &self.select, date).await
    }

    fn target(&self, date: Option<&str>) -> Target {
        match &self.args.out {
            Some(p) if p.as_os_str() == "-" => Target::Stdout,
            Some(p) => Target::File(p.clone()),
            None => Target::File(self.args.dir.join(default_name(
                &self.select,
                self.mchid,
                date.unwrap_or("url"),
            ))),
        }
    }

    /// Apply, honouring `--wait` while the bill is being generated.
    async fn apply_waiting(&self, date: &str) -> Result<Option<BillApplyResponse>> {
        let started = Instant::now();
        let mut pause = Duration::from_secs(2);
        loop {
            match self.apply(date).await {
                Ok((_, r)) => return Ok(Some(r)),
                Err(e) => {
                    let code = e
                        .downcast_ref::<TransportError>()
                        .and_then(|t| t.as_api())
                        .map(|a| a.canonical_code().to_string());
                    match code.as_deref() {
                        // A day without trades is a normal result (§8.4), not a failure.
                        Some("NO_STATEMENT_EXIST") => return Ok(None),
                        Some("STATEMENT_CREATING") => {
                            // Without --wait the API error speaks for itself (its hint says what
                            // to do); with it, ask again until the time is up (§8.4).
                            let Some(limit) = self.wait else {
                                return Err(e);
                            };
                            let elapsed = started.elapsed();
                            if elapsed >= limit {
                                return Err(e.context(format!(
                                    "still being generated after --wait {}",
                                    humantime::format_duration(limit)
                                )));
                            }
                            let nap = pause.min(limit - elapsed);
                            self.ctx.printer.notice(&format!(
                                "{date}: the bill is being generated; asking again in {} s",
                                nap.as_secs_f64().ceil() as u64
                            ));
                            tokio::time::sleep(nap).await;
                            pause = (pause * 2).min(Duration::from_secs(60));
                        }
                        _ => return Err(e),
                    }
                }
            }
        }
    }

    /// Download `url` into `target` and verify it against `hash`, retrying a failed transfer
    /// (issue 11, item 4): a transfer that broke off, a network failure, a 5xx/429 (after its
    /// `Retry-After`) or an expired URL. Every retry starts from the beginning with a fresh sink
    /// (a new `.part` file, a new inflate and SHA-1 state; the failed one is removed when
    /// dropped), and, for a date, with a fresh apply: download URLs are one-time and live 30 s
    /// (apiv3.md §8.3, §13.25). All of it is bounded by `--retries`. An expired URL is applied
    /// for again at once, and only once: a second expiry is not transient. Bytes already written
    /// to stdout cannot be taken back, so `--out -` is not retried once any went out.
    /// Returns what was written and the hash it was verified against.
    async fn transfer(
        &self,
        date: Option<&str>,
        mut url: String,
        mut hash: String,
        target: &Target,
    ) -> Result<(crate::bill::Written, String)> {
        let label = date.unwrap_or("--url");
        let mut retries = self.client.retries();
        let mut reapplied_after_expiry = false;
        loop {
            retries.begin();
            let (err, delivered) = match self.fetch_into(&url, &hash, target).await {
                Ok(w) => return Ok((w, hash)),
                Err(TransferError::Other(e)) => return Err(e),
                Err(TransferError::Transport { err, delivered }) => (err, delivered),
            };
            let expired = is_expired(&err);
            if !(err.is_retryable() || expired) {
                return Err(download_failed(err, retries.attempts()));
            }
            if matches!(target, Target::Stdout) && delivered > 0 {
                return Err(download_failed(err, retries.attempts()).context(format!(
                    "{delivered} bytes of the bill had gone to stdout; not retried, since they cannot be taken back"
                )));
            }
            if expired && date.is_none() && retries.attempts() > 1 {
                // `--url` has no apply to make a fresh URL with.
                return Err(download_failed(err, retries.attempts()).context(
                    "the one-time download URL was spent by the attempt that failed; `bill download --date` applies for a fresh one",
                ));
            }
            if expired && (reapplied_after_expiry || date.is_none()) {
                return Err(download_failed(err, retries.attempts()));
            }
            let Some(wait) = retries.next_wait(err.retry_after()) else {
                return Err(download_failed(err, retries.attempts()));
            };
            if expired {
                // A fresh URL at once: waiting would not make it any younger.
                reapplied_after_expiry = true;
                self.ctx.printer.notice(&format!(
                    "{label}: the download URL expired; applying again"
                ));
            } else {
                self.ctx.printer.notice(&format!(
                    "{label}: {}; retrying in {} ms{}",
                    short(&err),
                    wait.as_millis(),
                    if date.is_some() {
                        " with a fresh download URL"
                    } else {
                        ""
                    }
                ));
                tokio::time::sleep(wait).await;
            }
            if let Some(d) = date {
                let again = self.apply(d).await?.1;
                url = again.download_url;
                hash = again.hash_value;
            }
        }
    }

    /// One transfer of `url` into a fresh sink for `target`, verified against `hash`.
    async fn fetch_into(
        &self,
        url: &str,
        hash: &str,
        target: &Target,
    ) -> Result<crate::bill::Written, TransferError> {
        let bar = if self.byte_bars {
            self.ctx.printer.bytes_bar(None, "downloading")
        } else {
            None
        };
        let result = match target {
            Target::File(path) => {
                let (keep, force, mode) = (self.args.keep_gzip, self.args.force, self.mode);
                self.stream(url, hash, bar.as_ref(), |enc| {
                    // Without --force a file that appears meanwhile is never replaced (issue 11).
                    let sink = if force {
                        BillSink::create_replacing(path, enc, keep)?
                    } else {
                        BillSink::create(path, enc, keep)?
                    };
                    sink.with_mode(mode)?.pipelined()
                })
                .await
            }
            Target::Stdout => {
                let out =
                    std::io::BufWriter::with_capacity(64 * 1024, self.ctx.printer.stdout_raw());
                self.stream(url, hash, bar.as_ref(), |enc| {
                    BillSink::stream(out, enc).pipelined()
                })
                .await
            }
        };
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        result
    }

    /// The transfer itself. The sink is made when the first bytes arrive, so an answer that
    /// carries no bill (an expired token, a 4xx) leaves nothing behind, not even a `.part` file;
    /// and, unless `--gzip` said so, whether the bytes are gzip is read from them (a bill starts
    /// with a BOM, a gzip stream with 1f 8b): `--url` may name either kind.
    async fn stream<D: Destination>(
        &self,
        url: &str,
        hash: &str,
        bar: Option<&indicatif::ProgressBar>,
        make: impl FnOnce(Encoding) -> Result<BillSink<D>, BillError>,
    ) -> Result<crate::bill::Written, TransferError> {
        let declared = self.select.gzip.then_some(Encoding::Gzip);
        let mut make = Some(make);
        let mut open = |head: &[u8]| -> Result<BillSink<D>, BillError> {
            let encoding = declared.unwrap_or_else(|| sniff(head));
            let make = make.take().expect("the sink is made once");
            let mut sink = make(encoding)?;
            sink.write_chunk(head)?;
            Ok(sink)
        };
        let mut sink: Option<BillSink<D>> = None;
        let mut head: Vec<u8> = Vec::new();
        let mut delivered: u64 = 0;
        // The bar fills as the bytes arrive once the answer declares its size (issue 15, item 10).
        let size = |len: Option<u64>| {
            if let (Some(b), Some(n)) = (bar, len) {
                crate::render::set_bytes_total(b, n);
            }
        };
        let got = self
            .client
            .download_sized(url, size, |chunk| {
                if let Some(b) = bar {
                    b.inc(chunk.len() as u64);
                }
                if let Some(s) = sink.as_mut() {
                    delivered += chunk.len() as u64;
                    return s.write_chunk(chunk).map_err(std::io::Error::other);
                }
                head.extend_from_slice(chunk);
                if declared.is_none() && head.len() < 2 {
                    return Ok(());
                }
                delivered += head.len() as u64;
                sink = Some(open(&std::mem::take(&mut head)).map_err(std::io::Error::other)?);
                Ok(())
            })
            .await;
        match got {
            Ok(_) => {
                let sink = match sink {
                    Some(s) => s,
                    // Fewer than two bytes in all: not a bill, as the hash will say.
                    None => open(&head).map_err(|e| TransferError::Other(e.into()))?,
                };
                sink.finish(hash)
                    .map_err(|e| TransferError::Other(e.into()))
            }
            Err(DownloadError::Transport(err)) => Err(TransferError::Transport { err, delivered }),
            Err(e) => Err(TransferError::Other(download_error(e))),
        }
    }

    /// One date: apply, check what is on disk, download, verify, place.
    pub(super) async fn one_date(&self, date: &str) -> Result<DownloadRow> {
        let sel = &self.select;
        let mut row = DownloadRow {
            date: Some(date.to_string()),
            kind: kind_name(sel),
            bill_type: type_name(sel),
            path: None,
            bytes: 0,
            rows: 0,
            hash_type: None,
            hash_value: None,
            verified: false,
            status: "no_statement",
        };
        let Some(applied) = self.apply_waiting(date).await? else {
            return Ok(row);
        };
        let target = self.target(Some(date));
        row.hash_type = Some(applied.hash_type.clone());
        row.hash_value = Some(applied.hash_value.clone());
        if let Target::File(path) = &target {
            row.path = Some(path.display().to_string());
            if path.is_dir() {
                return Err(Failure::usage(format!(
                    "{} is a folder, not a bill file",
                    path.display()
                ))
                .hint("name a file with --out, or the folder with --dir")
                .into());
            }
            refuse_odd_target(&target)?;
            if path.exists() {
                let have = crate::bill::inspect_file(path)?;
                if have.sha1.eq_ignore_ascii_case(&applied.hash_value) {
                    row.bytes = have.bytes;
                    row.rows = have.rows;
                    row.verified = true;
                    row.status = "up_to_date";
                    return Ok(row);
                }
                if !self.args.force {
                    return Err(differs(path, date, &have.sha1, &applied.hash_value));
                }
            }
        }
        // The download URL lives for seconds (§8.3): use it at once.
        let (written, hash) = match self
            .transfer(
                Some(date),
                applied.download_url,
                applied.hash_value.clone(),
                &target,
            )
            .await
        {
            Ok(x) => x,
            // The name was taken while downloading by a different file (issue 11): the same
            // answer as when it was there before.
            Err(e) => match e.downcast_ref::<BillError>() {
                Some(BillError::Exists {
                    path,
                    found,
                    expected,
                }) => return Err(differs(path, date, found, expected)),
                _ => return Err(e),
            },
        };
        row.hash_value = Some(hash);
        row.bytes = written.bytes;
        row.rows = written.rows;
        row.verified = true;
        // Another download of the same bill finished first: its file is this bill.
        row.status = if written.already_there {
            "up_to_date"
        } else {
            "downloaded"
        };
        Ok(row)
    }
}

/// A bill goes to a regular file (or stdout with `--out -`). A device, FIFO or socket under the
/// name is refused before anything is applied for or read: comparing `/dev/zero` with the bill
/// would never end, and `--force` would rename the `.part` file over a device node (issue 11).
fn refuse_odd_target(target: &Target) -> Result<()> {
    if let Target::File(path) = target
        && let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        return Err(BillError::NotAFile { path: path.clone() }.into());
    }
    Ok(())
}

/// A different file holds the bill's name: left alone, exit 2 (cli.md `bill download`).
fn differs(path: &std::path::Path, date: &str, found: &str, expected: &str) -> anyhow::Error {
    Failure::usage(format!(
        "{} exists and differs from the bill for {date} (its SHA-1 is {found}, WeChat Pay's is {expected}); it was left alone",
        path.display()
    ))
    .hint("pass --force to replace it, or choose another --dir/--out")
    .into()
}

/// How bytes that were not declared gzip are encoded, judged by their first two.
fn sniff(head: &[u8]) -> Encoding {
    if head.starts_with(&[0x1f, 0x8b]) {
        Encoding::Gzip
    } else {
        Encoding::Plain
    }
}

fn download_error(e: DownloadError) -> anyhow::Error {
    match e {
        // A sink error is a BillError wrapped in io::Error: unwrap it so its kind is kept.
        DownloadError::Sink(io) => match io
            .into_inner()
            .map(|b| b.downcast::<crate::bill::BillError>())
        {
            Some(Ok(b)) => anyhow::Error::new(*b),
            Some(Err(other)) => anyhow::anyhow!(other),
            None => anyhow::anyhow!("writing the bill failed"),
        },
        other => anyhow::Error::new(other),
    }
}

/// Why one transfer failed: the transport's error (with how many bytes had reached the sink by
/// then), or anything else (the sink, the hash), which is final.
enum TransferError {
    Transport { err: TransportError, delivered: u64 },
    Other(anyhow::Error),
}

/// The final error of a transfer that was tried `attempts` times.
fn download_failed(err: TransportError, attempts: u32) -> anyhow::Error {
    anyhow::Error::new(DownloadError::Transport(err.with_attempts(attempts)))
}

/// The failure in a few words, for the retry notice.
fn short(err: &TransportError) -> String {
    match err {
        TransportError::Network { what, .. } => what.clone(),
        TransportError::Api(a) => format!("HTTP {} {}", a.status, a.code),
        other => other.to_string(),
    }
}

/// `400 INVALID_REQUEST` from the download itself: the one-time token expired or was used (§8.3).
fn is_expired(err: &TransportError) -> bool {
    err.as_api()
        .is_some_and(|a| a.status == 400 && a.canonical_code() == "INVALID_REQUEST")
}

/// What one profile's run produced: each date's (or the `--url`'s) result.
pub(super) type Results = Vec<(Option<String>, Result<DownloadRow>)>;

pub fn download(ctx: &Context, args: &BillDownloadArgs) -> Result<Outcome> {
    if let Some(names) = super::profiles::several(ctx, args.all_profiles)? {
        return super::profiles::download_all(ctx, args, &names);
    }
    if let Some(from) = &args.sub_mchid_from {
        return super::many::run(ctx, args, from);
    }
    let results = download_results(ctx, args)?;
    render(ctx, args, results)
}

/// Check the flags, then download every bill they name with the context's profile.
pub(super) fn download_results(ctx: &Context, args: &BillDownloadArgs) -> Result<Results> {
    check_select(&args.select)?;
    let now = OffsetDateTime::now_utc();
    let dates: Vec<String> = match (&args.date, &args.from, &args.to, &args.url) {
        (Some(d), None, None, None) => vec![fmt_date(parse_date(d, "--date", now)?)],
        (None, Some(f), Some(t), None) => super::trade_bills::day_range(f, t, now)?
            .into_iter()
            .map(fmt_date)
            .collect(),
        (None, None, None, Some(_)) => Vec::new(),
        _ => {
            return Err(Failure::usage(
                "say which bill: --date DATE, --from DATE --to DATE, or --url URL --hash SHA1HEX",
            )
            .into());
        }
    };
    if let Some(out) = &args.out
        && dates.len() > 1
        && out.as_os_str() != "-"
    {
        return Err(Failure::usage("--out names one file; for a range use --dir").into());
    }
    if args.out.as_ref().is_some_and(|o| o.as_os_str() == "-")
        && (dates.len() > 1 || args.keep_gzip)
    {
        return Err(Failure::usage(
            "--out - streams one bill to stdout: give one --date (and no --keep-gzip)",
        )
        .into());
    }
    if args.url.is_some() && args.out.is_none() {
        return Err(Failure::usage("--url needs --out PATH (or --out - for stdout)").into());
    }
    let wait = match &args.wait {
        Some(w) => Some(
            humantime::parse_duration(w)
                .map_err(|e| Failure::usage(format!("--wait {w:?}: {e} (e.g. 30m, 2h)")))?,
        ),
        None => None,
    };
    if let Some(u) = &args.url {
        crate::transport::split_url(u)
            .map_err(|e| Failure::usage(format!("--url {u:?}: {}", e.why)))?;
    }
    if let Some(h) = &args.hash {
        crate::bill::parse_sha1_hex(h).map_err(|e| Failure::usage(format!("--hash {e}")))?;
    }
    let mode = file_mode(args)?;
    if !args.dir.exists() && args.out.is_none() {
        return Err(Failure::usage(format!("--dir {} does not exist", args.dir.display())).into());
    }

    let profile = ctx.profile()?;
    let client = ctx.client(&profile)?;
    let plan = Plan {
        ctx,
        mchid: &profile.mchid,
        client: &client,
        args,
        select: args.select.clone(),
        wait,
        pace: None,
        byte_bars: true,
        mode,
    };
    // One thread is enough for the network and the decompression (the bill sink hashes and
    // writes on a thread of its own); fewer threads keep the peak RSS down (issue 5: ≤ 16 MiB).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    let work = async {
        let mut out = Vec::new();
        if let (Some(url), Some(hash)) = (&args.url, &args.hash) {
            let target = plan.target(None);
            let r = async {
                refuse_odd_target(&target)?;
                plan.transfer(None, url.clone(), hash.clone(), &target)
                    .await
            }
            .await
            .map(|(w, _)| DownloadRow {
                date: None,
                kind: kind_name(&args.select),
                bill_type: type_name(&args.select),
                path: match &target {
                    Target::File(p) => Some(p.display().to_string()),
                    Target::Stdout => None,
                },
                bytes: w.bytes,
                rows: w.rows,
                hash_type: Some("SHA1".into()),
                hash_value: Some(hash.to_lowercase()),
                verified: true,
                status: if w.already_there {
                    "up_to_date"
                } else {
                    "downloaded"
                },
            });
            out.push((None, r));
        }
        for date in &dates {
            let r = plan
                .one_date(date)
                .await
                .with_context(|| format!("bill for {date}"));
            out.push((Some(date.clone()), r));
        }
        out
    };
    // Ctrl-C or SIGTERM (cron's `timeout`) mid-download: dropping `work` drops the bill sink,
    // which joins its writer thread and removes the `.part` file, so an interrupted run leaves
    // nothing behind, then exits 130 / 143 as a shell expects of a signalled command.
    match crate::commands::run_until_signal(runtime, work) {
        Ok(results) => Ok(results),
        Err(exit_code) => {
            let message = if args.out.as_ref().is_some_and(|o| o.as_os_str() == "-") {
                "bill download: interrupted; what reached stdout is incomplete".to_string()
            } else {
                let done = if dates.len() > 1 {
                    " (bills finished before it are complete and verified)"
                } else {
                    ""
                };
                format!(
                    "bill download: interrupted; no partial file was left and the bill in \
                     progress was not written{done}"
                )
            };
            Err(error::Interrupted { exit_code, message }.into())
        }
    }
}

fn render(ctx: &Context, args: &BillDownloadArgs, mut results: Results) -> Result<Outcome> {
    // One bill that failed: its own error, with its code and Request-ID, and nothing on stdout.
    // Several: each failure in its row, and the exit code of the worst.
    let total = results.len();
    if total == 1 && results[0].1.is_err() {
        let (_, r) = results.pop().expect("one result");
        return Err(r.expect_err("checked above"));
    }
    let rows: Vec<RowResult> = results
        .into_iter()
        .map(|(date, r)| match r {
            Ok(row) => RowResult::Done(row),
            Err(e) => RowResult::Failed {
                date,
                kind: kind_name(&args.select),
                bill_type: type_name(&args.select),
                error: error::report(&e),
            },
        })
        .collect();
    let failure = {
        let failed: Vec<&error::Report> = rows
            .iter()
            .filter_map(|r| match r {
                RowResult::Failed { error, .. } => Some(error),
                _ => None,
            })
            .collect();
        failed
            .iter()
            .max_by_key(|e| e.kind.exit_code())
            .map(|worst| {
                let mut f = Failure::new(
                    worst.kind,
                    format!(
                        "{} of {total} bills failed (each failure is shown in its row)",
                        failed.len()
                    ),
                );
                f.hints = worst.hints.clone();
                anyhow::Error::new(f)
            })
    };
    let view = ListView {
        header: DOWNLOAD_HEADER,
        rows,
    };
    if args.out.as_ref().is_some_and(|o| o.as_os_str() == "-") {
        // stdout carries the bill: the result row goes to stderr, in the format asked for. It is
        // the command's answer, not a notice, so -q does not silence it.
        let text = match ctx.printer.format {
            Format::Table => view.table(),
            Format::Json => view.json(),
            Format::Jsonl => view.jsonl().join("\n"),
        };
        ctx.printer.info(text.trim_end());
        return Ok(Outcome {
            view: Box::new(crate::render::Nothing),
            failure,
        });
    }
    Ok(Outcome {
        view: Box::new(view),
        failure,
    })
}
