//! `bill reconcile` (cli.md, issue 14): resolve the days and the bills (downloaded and verified by
//! `bill download`, or files on disk), pick the smaller input to hold, reconcile, and return the
//! summary view. Any discrepancy is exit 6, so that a cron job's `|| alert` fires.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use anyhow::{Context as _, Result};
use serde_json::{Value, json};
use time::macros::offset;
use time::{Date, OffsetDateTime};

use super::bill::trade_bills::{date_in_name, day_range, download_trade_bills, fmt_date};
use super::{Context, Outcome};
use crate::bill::BillError;
use crate::bill::reconcile::{
    self, BillFile, Class, ColumnMap, Discrepancy, ExportReader, Held, Money, ReconcileError,
    Report,
};
use crate::cli::{BillReconcileArgs, DiscrepancyFormat};
use crate::error::{Failure, Kind};
use crate::render::{Format, View, list_table, to_json};

/// 0.00001 元 units as 元 with 5 decimals (the fee's notation), signed.
fn units(v: i128) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    format!("{sign}{}.{:05}", a / 100_000, a % 100_000)
}

fn money_json(m: &Money) -> Value {
    json!({
        "orders": m.orders,
        "refund_rows": m.refund_rows,
        "gross": m.gross.yuan(),
        "refunds": m.refunds.yuan(),
        "fees": m.fees.to_string(),
        "net": units(m.net()),
    })
}

/// Bytes a bill stands for: its size, or an estimate of its decompressed size when gzip (bills
/// compress about tenfold), to decide which side is smaller.
fn bill_weight(p: &Path) -> u64 {
    let len = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let mut head = [0u8; 2];
    let gz = File::open(p)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == [0x1f, 0x8b];
    if gz { len.saturating_mul(10) } else { len }
}

pub struct ReconcileView {
    report: Report,
    format: DiscrepancyFormat,
}

const CSV_COLUMNS: [&str; 13] = [
    "class",
    "out_trade_no",
    "out_refund_no",
    "mchid",
    "sub_mchid",
    "local_row",
    "local_amount",
    "local_state",
    "bill_date",
    "bill_line",
    "bill_amount",
    "bill_state",
    "detail",
];

fn csv_row(d: &Discrepancy) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let n = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_default();
    vec![
        d.class.as_str().to_string(),
        d.out_trade_no.clone(),
        d.out_refund_no.clone(),
        d.mchid.clone(),
        d.sub_mchid.clone(),
        n(d.local_row),
        o(&d.local_amount),
        o(&d.local_state),
        o(&d.bill_date),
        n(d.bill_line),
        o(&d.bill_amount),
        o(&d.bill_state),
        d.detail.clone(),
    ]
}

impl ReconcileView {
    fn value(&self) -> Value {
        let r = &self.report;
        let classes: serde_json::Map<String, Value> = Class::ALL
            .iter()
            .map(|c| {
                let t = r.classes[*c as usize];
                (
                    c.as_str().to_string(),
                    json!({"count": t.count, "amount": t.amount.yuan()}),
                )
            })
            .collect();
        let merchants: Vec<Value> = r
            .merchants
            .iter()
            .map(|m| {
                let mut v = money_json(&m.money);
                v["mchid"] = json!(m.mchid);
                v["sub_mchid"] = json!(m.sub_mchid);
                v["classes"] = Class::ALL
                    .iter()
                    .map(|c| (c.as_str().to_string(), json!(m.classes[*c as usize])))
                    .collect::<serde_json::Map<_, _>>()
                    .into();
                v
            })
            .collect();
        let mut summary_line = money_json(&r.summary_line);
        summary_line["agrees"] = json!(self.agrees());
        json!({
            "clean": r.clean(),
            "discrepancy_count": r.discrepancies.len(),
            "records": r.records,
            "held": r.held,
            "bills": r.bills.iter().map(|b| json!({
                "path": b.path.display().to_string(),
                "date": b.date,
                "role": if b.core { "day" } else { "neighbour" },
                "rows": b.rows,
                "summary": {"gross": b.summary.gross.yuan(), "refunds": b.summary.refunds.yuan(), "fees": b.summary.fees.to_string()},
            })).collect::<Vec<_>>(),
            "classes": classes,
            "merchants": merchants,
            "totals": money_json(&r.totals),
            "summary_line": summary_line,
            "found_in_neighbouring_days": r.found_elsewhere,
            "discrepancies": r.discrepancies,
        })
    }

    /// The rows, added up per merchant here, against the bills' summary lines.
    fn agrees(&self) -> bool {
        let (t, s) = (&self.report.totals, &self.report.summary_line);
        t.gross == s.gross && t.refunds == s.refunds && t.fees == s.fees
    }
}

impl View for ReconcileView {
    fn json(&self) -> String {
        to_json(&self.value())
    }

    fn jsonl(&self) -> Vec<String> {
        let d = &self.report.discrepancies;
        match self.format {
            DiscrepancyFormat::Jsonl => d.iter().map(to_json).collect(),
            DiscrepancyFormat::Csv => {
                let mut w = csv::Writer::from_writer(Vec::new());
                let _ = w.write_record(CSV_COLUMNS);
                for x in d {
                    let _ = w.write_record(csv_row(x));
                }
                let bytes = w.into_inner().unwrap_or_default();
                String::from_utf8_lossy(&bytes)
                    .lines()
                    .map(str::to_string)
                    .collect()
            }
        }
    }

    fn table(&self) -> String {
        let r = &self.report;
        let days: Vec<String> = r
            .bills
            .iter()
            .filter(|b| b.core)
            .map(|b| {
                b.date
                    .clone()
                    .unwrap_or_else(|| b.path.display().to_string())
            })
            .collect();
        let mut out = format!(
            "Reconciliation of {} ({} bill{}, {} records in the export)\n\n",
            if days.is_empty() {
                "no bill".to_string()
            } else {
                days.join(", ")
            },
            r.bills.len(),
            if r.bills.len() == 1 { "" } else { "s" },
            r.records
        );
        out += &list_table(
            &["CLASS", "RECORDS", "AMOUNT (元)"],
            Class::ALL
                .iter()
                .map(|c| {
                    let t = r.classes[*c as usize];
                    vec![c.as_str().to_string(), t.count.to_string(), t.amount.yuan()]
                })
                .collect(),
        );
        out.push('\n');
        let row = |mchid: &str, sub: &str, m: &Money, disc: String| {
            let dash = |s: &str| {
                if s.is_empty() {
                    "-".to_string()
                } else {
                    s.to_string()
                }
            };
            vec![
                dash(mchid),
                dash(sub),
                m.orders.to_string(),
                m.refund_rows.to_string(),
                m.gross.yuan(),
                m.refunds.yuan(),
                m.fees.to_string(),
                units(m.net()),
                disc,
            ]
        };
        let mut rows: Vec<Vec<String>> = r
            .merchants
            .iter()
            .map(|m| {
                let disc: u64 = m.classes[1..].iter().sum();
                row(&m.mchid, &m.sub_mchid, &m.money, disc.to_string())
            })
            .collect();
        rows.push(row(
            "total",
            "-",
            &r.totals,
            r.discrepancies.len().to_string(),
        ));
        rows.push(row(
            "summary line",
            "-",
            &r.summary_line,
            if self.agrees() {
                "agrees".into()
            } else {
                "DIFFERS".into()
            },
        ));
        out += &list_table(
            &[
                "MCHID",
                "SUB_MCHID",
                "ORDERS",
                "REFUNDS",
                "GROSS",
                "REFUNDED",
                "FEES",
                "NET",
                "DISCREPANCIES",
            ],
            rows,
        );
        if !r.found_elsewhere.is_empty() {
            out += "\nFound in a neighbouring day's bill:\n";
            out += &list_table(
                &["OUT_TRADE_NO", "OUT_REFUND_NO", "BILL DATE", "CLASS"],
                r.found_elsewhere
                    .iter()
                    .map(|f| {
                        vec![
                            f.out_trade_no.clone(),
                            f.out_refund_no.clone(),
                            f.bill_date.clone().unwrap_or_default(),
                            f.class.as_str().to_string(),
                        ]
                    })
                    .collect(),
            );
        }
        if !r.discrepancies.is_empty() {
            const SHOWN: usize = 50;
            out += &format!(
                "\nDiscrepancies{}:\n",
                if r.discrepancies.len() > SHOWN {
                    format!(
                        " (first {SHOWN} of {}; -o jsonl lists all)",
                        r.discrepancies.len()
                    )
                } else {
                    String::new()
                }
            );
            out += &list_table(
                &[
                    "CLASS",
                    "OUT_TRADE_NO",
                    "OUT_REFUND_NO",
                    "LOCAL",
                    "BILL",
                    "DETAIL",
                ],
                r.discrepancies
                    .iter()
                    .take(SHOWN)
                    .map(|d| {
                        let side =
                            |amount: &Option<String>, state: &Option<String>| match (amount, state)
                            {
                                (None, None) => "-".to_string(),
                                (a, s) => format!(
                                    "{} {}",
                                    a.clone().unwrap_or_default(),
                                    s.clone().unwrap_or_default()
                                )
                                .trim()
                                .to_string(),
                            };
                        vec![
                            d.class.as_str().to_string(),
                            d.out_trade_no.clone(),
                            d.out_refund_no.clone(),
                            side(&d.local_amount, &d.local_state),
                            side(&d.bill_amount, &d.bill_state),
                            d.detail.clone(),
                        ]
                    })
                    .collect(),
            );
        }
        out
    }
}

/// The days to reconcile, from `--date` or `--from/--to`.
fn core_days(args: &BillReconcileArgs, now: OffsetDateTime) -> Result<Vec<Date>, Failure> {
    use super::bill::download::parse_date;
    match (&args.date, &args.from, &args.to) {
        (Some(d), None, None) => Ok(vec![parse_date(d, "--date", now)?]),
        (None, Some(f), Some(t)) => day_range(f, t, now),
        _ => Err(Failure::usage(
            "say which bills: --date DATE, --from DATE --to DATE, or --bill FILE...",
        )),
    }
}

pub fn run(ctx: &Context, args: &BillReconcileArgs) -> Result<Outcome> {
    if args.format.is_some() && ctx.printer.format != Format::Jsonl {
        return Err(Failure::usage(
            "--format chooses how -o jsonl writes the discrepancies; add -o jsonl",
        )
        .into());
    }
    let map = ColumnMap::parse(&args.map).map_err(Failure::usage)?;
    let profiles = super::bill::profiles::several(ctx, args.all_profiles)?;
    if profiles.is_some() && !args.bill.is_empty() {
        return Err(Failure::usage(
            "--bill reads bills already on disk; several profiles are for bills to download",
        )
        .into());
    }
    let stdin = args.orders.as_os_str() == "-";
    let origin = if stdin {
        "-".to_string()
    } else {
        args.orders.display().to_string()
    };
    // Open the export before any download: a wrong path should not cost a bill run.
    let (input, export_size): (Box<dyn Read>, Option<u64>) = if stdin {
        (Box::new(std::io::stdin()), None)
    } else {
        let f = File::open(&args.orders)
            .map_err(|e| Failure::usage(format!("--orders {origin}: cannot open it: {e}")))?;
        if f.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(Failure::usage(format!("--orders {origin} is a folder")).into());
        }
        let size = f.metadata().ok().map(|m| m.len());
        (Box::new(f), size)
    };
    let mut export = ExportReader::new(input, map)
        .map_err(|e| Failure::usage(format!("--orders {origin}: {e}")))?
        .with_len(export_size);

    let mut temp = None;
    let bills: Vec<BillFile> = if !args.bill.is_empty() {
        if args.tolerance_days > 0 {
            return Err(Failure::usage(
                "--tolerance-days needs --date or --from/--to: with --bill every file is a day's bill",
            )
            .into());
        }
        for p in &args.bill {
            if !p.is_file() {
                return Err(BillError::Open {
                    path: p.clone(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "not a readable file",
                    ),
                }
                .into());
            }
        }
        args.bill
            .iter()
            .map(|p| BillFile {
                path: p.clone(),
                date: date_in_name(p),
                core: true,
            })
            .collect()
    } else {
        if args.tolerance_days > 7 {
            return Err(Failure::usage(format!(
                "--tolerance-days {} is more than 7; orders near midnight sit in the next or previous day's bill",
                args.tolerance_days
            ))
            .into());
        }
        let now = OffsetDateTime::now_utc();
        let days = core_days(args, now)?;
        let (first, last) = (days[0], days[days.len() - 1]);
        let n = i64::from(args.tolerance_days);
        let before = first - time::Duration::days(n);
        // A bill exists from the next day on (§8.4): a neighbouring day that is today or later
        // has none yet.
        let today = now.to_offset(offset!(+8)).date();
        let mut after = last + time::Duration::days(n);
        if after >= today && last < today {
            if after > last {
                ctx.printer.notice(&format!(
                    "--tolerance-days: no bill exists yet for {} or later; not looked at",
                    fmt_date(today)
                ));
            }
            after = (today - time::Duration::days(1)).max(last);
        }
        let dir = match &args.dir {
            Some(d) => d.clone(),
            None => {
                let t = tempfile::Builder::new()
                    .prefix("wxcombine-reconcile-")
                    .tempdir()
                    .context("creating a temporary folder for the bills")?;
                let p = t.path().to_path_buf();
                temp = Some(t);
                p
            }
        };
        // Several profiles (issue 14 item 7): every profile's bills of those days, one set.
        let sub = args.sub_mchid.as_deref();
        let got = match &profiles {
            None => download_trade_bills(ctx, sub, &dir, before, after)?,
            Some(names) => super::bill::profiles::each(ctx, names, |one| {
                download_trade_bills(one, sub, &dir, before, after)
            })?,
        };
        got.into_iter()
            .filter_map(|(d, p)| {
                p.map(|path| BillFile {
                    path,
                    date: Some(fmt_date(d)),
                    core: d >= first && d <= last,
                })
            })
            .collect()
    };

    let bill_bytes: u64 = bills.iter().map(|b| bill_weight(&b.path)).sum();
    // The export from stdin can only be held; otherwise hold the smaller side (issue 14, item 4).
    let held = match export_size {
        Some(size) if size > bill_bytes => Held::Bills,
        _ => Held::Orders,
    };
    let report = reconcile::reconcile(&bills, &mut export, &origin, held).map_err(|e| match e {
        ReconcileError::Export { origin, source } => {
            anyhow::Error::new(Failure::usage(format!("--orders {origin}: {source}")))
        }
        ReconcileError::TooLarge(m) => anyhow::Error::new(Failure::usage(m)),
        bill @ ReconcileError::Bill { .. } => anyhow::Error::new(bill),
    })?;
    drop(temp);
    let n = report.discrepancies.len();
    let view = ReconcileView {
        report,
        format: args.format.unwrap_or(DiscrepancyFormat::Jsonl),
    };
    if n == 0 {
        return Ok(Outcome::ok(view));
    }
    let classes: Vec<String> = Class::ALL[1..]
        .iter()
        .filter_map(|c| {
            let k = view.report.classes[*c as usize].count;
            (k > 0).then(|| format!("{k} {}", c.as_str()))
        })
        .collect();
    let failure = Failure::new(
        Kind::Verification,
        format!(
            "{n} discrepanc{} between the bills and the orders export ({})",
            if n == 1 { "y" } else { "ies" },
            classes.join(", ")
        ),
    );
    Ok(Outcome::with_failure(view, failure.into()))
}
