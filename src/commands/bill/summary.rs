//! `bill summary` (issue 14, item 8): resolve the days and their trade bills (on disk under
//! `bill download`'s default names, named with `--bill`, or fetched by `bill download` itself with
//! `--fetch`), add them up with [`crate::bill::summary`], and return the table / JSON / CSV view.
//! A day without a bill is said on stderr and flagged in its row, never shown as a silent 0.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use super::trade_bills::{
    date_in_name, day_range, download_trade_bills, fmt_date, trade_bill_path,
};
use crate::bill::Fee;
use crate::bill::summary::{self, Figures, GroupBy, SummaryBill, SummaryError};
use crate::cli::{BillSummaryArgs, SummaryBy};
use crate::commands::{Context, Outcome};
use crate::render::{Format, View, list_table, to_json};

/// Why a day of the range has no figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayStatus {
    /// Its bill was read.
    Read,
    /// No bill file for that day (not downloaded, or deleted).
    Missing,
    /// `--fetch`: WeChat Pay has no bill for that day (no trades, §8.4).
    NoStatement,
}

impl DayStatus {
    fn as_str(self) -> &'static str {
        match self {
            DayStatus::Read => "read",
            DayStatus::Missing => "missing",
            DayStatus::NoStatement => "no_statement",
        }
    }

    fn note(self) -> &'static str {
        match self {
            DayStatus::Read => "",
            DayStatus::Missing => "no bill file",
            DayStatus::NoStatement => "no statement (no trades)",
        }
    }
}

struct Row {
    key: summary::Group,
    /// `--by day` only: whether that day's bill was there.
    status: Option<DayStatus>,
}

pub struct SummaryView {
    by: SummaryBy,
    from: Option<String>,
    to: Option<String>,
    rows: Vec<Row>,
    totals: Figures,
    /// Days of the range without a bill, and why.
    gaps: Vec<(String, DayStatus)>,
    bills: Vec<summary::BillTotals>,
    /// Draw the bar column (a terminal and the table format only).
    bars: bool,
    /// `--csv`: every format prints the CSV.
    csv: bool,
}

/// Units of 0.00001 元 as 元: 2 decimals when it is whole fen (the usual case: WeChat Pay rounds
/// each fee to the fen), all 5 otherwise, so that nothing is ever rounded away.
fn yuan_units(v: i128) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    let (whole, frac) = (a / 100_000, a % 100_000);
    if frac % 1000 == 0 {
        format!("{sign}{whole}.{:02}", frac / 1000)
    } else {
        format!("{sign}{whole}.{frac:05}")
    }
}

/// Units of 0.00001 元 with 5 decimals, as `bill reconcile` writes fees and net in JSON.
fn units5(v: i128) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    format!("{sign}{}.{:05}", a / 100_000, a % 100_000)
}

/// Units of 0.00001 元 as whole fen, or `null` when a sub-fen fee makes it inexact.
fn fen_of_units(v: i128) -> Value {
    if v % 1000 == 0 {
        json!(v / 1000)
    } else {
        Value::Null
    }
}

/// The figures in JSON: the 元 strings exactly as `bill reconcile -o json` writes them (`gross`,
/// `refunds` with 2 decimals; `fees`, `net` with the fee's 5), plus the same amounts in integer
/// fen under `*_fen`.
fn figures_json(f: &Figures) -> Map<String, Value> {
    let fees = i128::from(f.fees.0);
    let mut m = Map::new();
    m.insert("orders".into(), json!(f.orders));
    m.insert("refund_rows".into(), json!(f.refund_rows));
    m.insert("gross".into(), json!(f.gross.yuan()));
    m.insert("refunds".into(), json!(f.refunds.yuan()));
    m.insert("fees".into(), json!(f.fees.to_string()));
    m.insert("net".into(), json!(units5(f.net())));
    m.insert("gross_fen".into(), json!(f.gross.0));
    m.insert("refunds_fen".into(), json!(f.refunds.0));
    m.insert("fees_fen".into(), fen_of_units(fees));
    m.insert("net_fen".into(), fen_of_units(f.net()));
    m
}

/// A bar of `|net|` scaled to `max`, `width` cells at most; a loss is drawn with a lighter shade
/// and a minus sign, so a bad day stands out.
fn bar(net: i128, max: i128, width: usize) -> String {
    if net == 0 || max == 0 {
        return String::new();
    }
    let a = net.unsigned_abs();
    let cells = ((a * width as u128 + max.unsigned_abs() / 2) / max.unsigned_abs()).max(1) as usize;
    if net > 0 {
        "█".repeat(cells)
    } else {
        format!("-{}", "░".repeat(cells))
    }
}

const BAR_WIDTH: usize = 24;

impl SummaryView {
    fn key_columns(&self) -> &'static [&'static str] {
        match self.by {
            SummaryBy::Day => &["date"],
            SummaryBy::Mchid => &["mchid"],
            SummaryBy::SubMchid => &["mchid", "sub_mchid"],
        }
    }

    fn key_values(&self, g: &summary::Group) -> Vec<String> {
        match self.by {
            SummaryBy::Day => vec![g.date.clone()],
            SummaryBy::Mchid => vec![g.mchid.clone()],
            SummaryBy::SubMchid => vec![g.mchid.clone(), g.sub_mchid.clone()],
        }
    }

    fn row_json(&self, r: &Row) -> Value {
        let mut m = Map::new();
        for (k, v) in self.key_columns().iter().zip(self.key_values(&r.key)) {
            m.insert((*k).to_string(), json!(v));
        }
        m.extend(figures_json(&r.key.figures));
        if let Some(s) = r.status {
            m.insert("bill".into(), json!(s.as_str()));
        }
        Value::Object(m)
    }

    fn value(&self) -> Value {
        json!({
            "from": self.from,
            "to": self.to,
            "by": match self.by {
                SummaryBy::Day => "day",
                SummaryBy::Mchid => "mchid",
                SummaryBy::SubMchid => "sub_mchid",
            },
            "rows": self.rows.iter().map(|r| self.row_json(r)).collect::<Vec<_>>(),
            "totals": Value::Object(figures_json(&self.totals)),
            "days_without_bill": self.gaps.iter().map(|(d, s)| json!({"date": d, "bill": s.as_str()})).collect::<Vec<_>>(),
            "bills": self.bills.iter().map(|b| json!({
                "path": b.path.display().to_string(),
                "date": b.date,
                "rows": b.rows,
                "summary_line": "agrees",
            })).collect::<Vec<_>>(),
        })
    }

    fn csv_lines(&self) -> Vec<String> {
        let mut header: Vec<&str> = self.key_columns().to_vec();
        header.extend([
            "orders",
            "refund_rows",
            "gross",
            "refunds",
            "fees",
            "net",
            "gross_fen",
            "refunds_fen",
            "fees_fen",
            "net_fen",
        ]);
        if self.by == SummaryBy::Day {
            header.push("bill");
        }
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(&header);
        // The rows only: a total row would be counted twice by a spreadsheet's SUM.
        for r in &self.rows {
            let f = &r.key.figures;
            let opt = |v: Value| {
                if v.is_null() {
                    String::new()
                } else {
                    v.to_string()
                }
            };
            let mut rec = self.key_values(&r.key);
            rec.extend([
                f.orders.to_string(),
                f.refund_rows.to_string(),
                f.gross.yuan(),
                f.refunds.yuan(),
                f.fees.to_string(),
                units5(f.net()),
                f.gross.0.to_string(),
                f.refunds.0.to_string(),
                opt(fen_of_units(i128::from(f.fees.0))),
                opt(fen_of_units(f.net())),
            ]);
            if let Some(s) = r.status {
                rec.push(s.as_str().to_string());
            }
            let _ = w.write_record(&rec);
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8_lossy(&bytes)
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn human_table(&self) -> String {
        let mut header: Vec<&str> = self
            .key_columns()
            .iter()
            .map(|k| match *k {
                "date" => "DATE",
                "mchid" => "MCHID",
                _ => "SUB_MCHID",
            })
            .collect();
        header.extend([
            "ORDERS",
            "REFUNDS",
            "GROSS (元)",
            "REFUNDED (元)",
            "FEES (元)",
            "NET (元)",
        ]);
        let with_note = self
            .rows
            .iter()
            .any(|r| r.status.is_some_and(|s| s != DayStatus::Read));
        if with_note {
            header.push("NOTE");
        }
        if self.bars {
            header.push("NET (bar)");
        }
        let max = self
            .rows
            .iter()
            .map(|r| r.key.figures.net().abs())
            .max()
            .unwrap_or(0);
        let line = |keys: Vec<String>, f: &Figures, note: &str, bar_cell: String| {
            let mut v = keys;
            v.extend([
                f.orders.to_string(),
                f.refund_rows.to_string(),
                f.gross.yuan(),
                f.refunds.yuan(),
                yuan_units(i128::from(f.fees.0)),
                yuan_units(f.net()),
            ]);
            if with_note {
                v.push(note.to_string());
            }
            if self.bars {
                v.push(bar_cell);
            }
            v
        };
        let mut rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                let f = &r.key.figures;
                let keys = self
                    .key_values(&r.key)
                    .into_iter()
                    .map(|k| if k.is_empty() { "-".to_string() } else { k })
                    .collect();
                line(
                    keys,
                    f,
                    r.status.map_or("", DayStatus::note),
                    bar(f.net(), max, BAR_WIDTH),
                )
            })
            .collect();
        let mut total_keys = vec!["total".to_string()];
        total_keys.resize(self.key_columns().len(), String::new());
        rows.push(line(total_keys, &self.totals, "", String::new()));
        let range = match (&self.from, &self.to) {
            (Some(f), Some(t)) if f == t => f.clone(),
            (Some(f), Some(t)) => format!("{f} to {t}"),
            _ => format!(
                "{} bill{}",
                self.bills.len(),
                if self.bills.len() == 1 { "" } else { "s" }
            ),
        };
        let mut out = format!(
            "Trade bills of {range}, by {} (every bill agrees with its summary line)\n\n",
            match self.by {
                SummaryBy::Day => "day",
                SummaryBy::Mchid => "merchant",
                SummaryBy::SubMchid => "sub-merchant",
            }
        );
        out += &list_table(&header, rows);
        if self.by != SummaryBy::Day && !self.gaps.is_empty() {
            out += &format!(
                "\nNot included (no bill): {}\n",
                self.gaps
                    .iter()
                    .map(|(d, s)| format!("{d} ({})", s.note()))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        out
    }
}

impl View for SummaryView {
    fn json(&self) -> String {
        if self.csv {
            return self.csv_lines().join("\n");
        }
        to_json(&self.value())
    }

    fn jsonl(&self) -> Vec<String> {
        if self.csv {
            return self.csv_lines();
        }
        let mut v: Vec<String> = self
            .rows
            .iter()
            .map(|r| to_json(&self.row_json(r)))
            .collect();
        v.push(to_json(
            &json!({"totals": Value::Object(figures_json(&self.totals))}),
        ));
        v
    }

    fn table(&self) -> String {
        if self.csv {
            let mut s = self.csv_lines().join("\n");
            s.push('\n');
            return s;
        }
        self.human_table()
    }
}

pub fn run(ctx: &Context, args: &BillSummaryArgs) -> Result<Outcome> {
    let now = OffsetDateTime::now_utc();
    let days = match (&args.from, &args.to) {
        (Some(f), Some(t)) => Some(day_range(f, t, now)?),
        _ => None,
    };
    // (day, its bill, why there is none)
    let mut plan: Vec<(String, Option<PathBuf>, DayStatus)> = Vec::new();
    // Where a missing day's bill was looked for, to say so.
    let mut looked: Vec<(String, PathBuf)> = Vec::new();
    if !args.bill.is_empty() {
        for p in &args.bill {
            let date = date_in_name(p).unwrap_or_else(|| {
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| p.display().to_string())
            });
            if let Some(days) = &days
                && !days.iter().any(|d| fmt_date(*d) == date)
            {
                return Err(crate::error::Failure::usage(format!(
                    "--bill {}: its date ({date}) is not within --from/--to",
                    p.display()
                ))
                .into());
            }
            plan.push((date, Some(p.clone()), DayStatus::Read));
        }
        for d in days.iter().flatten() {
            let d = fmt_date(*d);
            if !plan.iter().any(|(x, _, _)| *x == d) {
                plan.push((d, None, DayStatus::Missing));
            }
        }
    } else {
        let days = days.expect("clap requires --from/--to without --bill");
        if args.fetch {
            let got = download_trade_bills(
                ctx,
                args.sub_mchid.as_deref(),
                &args.dir,
                days[0],
                days[days.len() - 1],
            )?;
            for (d, p) in got {
                let status = if p.is_some() {
                    DayStatus::Read
                } else {
                    DayStatus::NoStatement
                };
                plan.push((fmt_date(d), p, status));
            }
        } else {
            for d in days {
                let p = trade_bill_path(ctx, args.sub_mchid.as_deref(), &args.dir, d)?;
                if p.is_file() {
                    plan.push((fmt_date(d), Some(p), DayStatus::Read));
                } else {
                    looked.push((fmt_date(d), p));
                    plan.push((fmt_date(d), None, DayStatus::Missing));
                }
            }
        }
    }

    let mut gaps = Vec::new();
    for (d, p, status) in &plan {
        if p.is_none() {
            match status {
                DayStatus::NoStatement => ctx.printer.notice(&format!(
                    "{d}: WeChat Pay has no bill for this day (no trades); counted as 0"
                )),
                _ => {
                    let expected = match looked.iter().find(|(x, _)| x == d) {
                        Some((_, p)) => format!(" (looked for {})", p.display()),
                        None => " (no --bill for it)".to_string(),
                    };
                    ctx.printer.warn(&format!(
                        "{d}: no trade bill{expected}; this day is not in the totals (`bill download` it, or pass --fetch)"
                    ));
                }
            }
            gaps.push((d.clone(), *status));
        }
    }
    let bills: Vec<SummaryBill> = plan
        .iter()
        .filter_map(|(d, p, _)| {
            p.as_ref().map(|path| SummaryBill {
                path: path.clone(),
                date: d.clone(),
            })
        })
        .collect();
    let by = match args.by {
        SummaryBy::Day => GroupBy::Day,
        SummaryBy::Mchid => GroupBy::Mchid,
        SummaryBy::SubMchid => GroupBy::SubMchid,
    };
    let (groups, read) = summary::summarize(&bills, by).map_err(|e| match e {
        bill @ SummaryError::Bill { .. } => anyhow::Error::new(bill),
    })?;
    let mut totals = Figures::default();
    for b in &read {
        totals.orders += b.figures.orders;
        totals.refund_rows += b.figures.refund_rows;
        totals.gross = crate::money::Fen(totals.gross.0.saturating_add(b.figures.gross.0));
        totals.refunds = crate::money::Fen(totals.refunds.0.saturating_add(b.figures.refunds.0));
        totals.fees = Fee(totals.fees.0.saturating_add(b.figures.fees.0));
    }
    let mut rows: Vec<Row> = groups
        .into_iter()
        .map(|g| Row {
            status: (args.by == SummaryBy::Day).then_some(DayStatus::Read),
            key: g,
        })
        .collect();
    if args.by == SummaryBy::Day {
        for (d, s) in &gaps {
            rows.push(Row {
                key: summary::Group {
                    date: d.clone(),
                    mchid: String::new(),
                    sub_mchid: String::new(),
                    figures: Figures::default(),
                },
                status: Some(*s),
            });
        }
        rows.sort_by(|a, b| a.key.date.cmp(&b.key.date));
    }
    let table = ctx.printer.format == Format::Table;
    let view = SummaryView {
        by: args.by,
        from: days_label(&args.from, now),
        to: days_label(&args.to, now),
        rows,
        totals,
        gaps,
        bills: read,
        bars: table && !args.csv && std::io::stdout().is_terminal(),
        csv: args.csv,
    };
    Ok(Outcome::ok(view))
}

/// `--from`/`--to` as the date it stands for (`yesterday` → 2026-05-01).
fn days_label(s: &Option<String>, now: OffsetDateTime) -> Option<String> {
    s.as_deref()
        .and_then(|s| super::download::parse_date(s, "", now).ok().map(fmt_date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_net_and_draw_losses_differently() {
        assert_eq!(bar(100, 100, 10), "█".repeat(10));
        assert_eq!(bar(50, 100, 10), "█".repeat(5));
        // A tiny day still shows.
        assert_eq!(bar(1, 100, 10), "█");
        assert_eq!(bar(-100, 100, 10), format!("-{}", "░".repeat(10)));
        assert_eq!(bar(0, 100, 10), "");
    }

    #[test]
    fn amounts_keep_every_decimal_they_have() {
        assert_eq!(yuan_units(12_345_000), "123.45");
        assert_eq!(yuan_units(-60_000), "-0.60");
        assert_eq!(yuan_units(600), "0.00600");
        assert_eq!(fen_of_units(-60_000), json!(-60));
        assert_eq!(fen_of_units(600), Value::Null);
    }
}
