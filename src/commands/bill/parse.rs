//! `bill …` (cli.md §4): `parse` reads a bill file that is already here — no profile, no network.
//! Output goes through `render`; `-o json|jsonl` and `--csv` stream record by record, so memory
//! stays flat whatever the bill's size; only the table needs every record before printing.

use std::fs::File;
use std::io::Read;

use anyhow::{Context as _, Result};

use crate::api::{BillKind, BillType};
use crate::bill::{BillError, BillReader, CheckReport, Record, Summary};
use crate::cli::BillParseArgs;
use crate::commands::{Context, Outcome};
use crate::render::{Format, Nothing, StreamOut, View, kv_table, list_table, to_json};

/// How `bill parse` prints: the global `-o`, or CSV.
///
/// CSV is a flag of this command (`--csv`) rather than a fourth value of the global `-o`, because
/// cli.md §2 fixes `-o table|json|jsonl` for every command and CSV only means something for bill
/// records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Table,
    Json,
    Jsonl,
    Csv,
}

/// `{"kind":"trade","type":"ALL","records":[` — the start of the `-o json` document.
fn json_head(kind: BillKind, trade_type: Option<BillType>) -> String {
    let mut s = format!("{{\"kind\":{}", to_json(&kind));
    if let Some(t) = trade_type {
        s.push_str(&format!(",\"type\":{}", to_json(&t)));
    }
    s.push_str(",\"records\":[");
    s
}

/// `],"summary":{…}}` — the end of the `-o json` document.
fn json_tail(summary: Option<&Summary>) -> String {
    format!("],\"summary\":{}}}", to_json(&summary))
}

/// `{"summary":{…}}` — the last line of `-o jsonl`.
fn summary_line(summary: Option<&Summary>) -> String {
    format!("{{\"summary\":{}}}", to_json(&summary))
}

fn check_text(report: &CheckReport) -> String {
    let total = report.compared.len() + report.skipped.len();
    let mut s = format!(
        "✓ {} records; {} of {total} summary columns match the records",
        report.records,
        report.compared.len()
    );
    if !report.skipped.is_empty() {
        s.push_str(&format!(
            " (not comparable in this bill: {})",
            report.skipped.join(", ")
        ));
    }
    s
}

/// A whole parsed bill, for the table (and, equally, for JSON).
pub struct BillView {
    pub kind: BillKind,
    pub trade_type: Option<BillType>,
    pub records: Vec<Record>,
    pub summary: Option<Summary>,
    pub check: Option<CheckReport>,
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn yuan(v: Option<crate::money::Fen>) -> String {
    v.map(|f| f.yuan()).unwrap_or_default()
}

impl BillView {
    fn records_table(&self) -> String {
        match self.kind {
            BillKind::Trade => list_table(
                &[
                    "TRADE TIME",
                    "OUT_TRADE_NO",
                    "TRANSACTION_ID",
                    "STATE",
                    "SETTLED",
                    "REFUND",
                    "FEE",
                ],
                self.records
                    .iter()
                    .filter_map(|r| match r {
                        Record::Trade(t) => Some(vec![
                            text(&t.trade_time),
                            text(&t.out_trade_no),
                            text(&t.transaction_id),
                            text(&t.trade_state),
                            yuan(t.settlement_total_fen),
                            yuan(t.refund_fen),
                            t.fee.map(|f| f.to_string()).unwrap_or_default(),
                        ]),
                        Record::FundFlow(_) => None,
                    })
                    .collect(),
            ),
            BillKind::FundFlow => list_table(
                &[
                    "BOOKED TIME",
                    "FLOW_NO",
                    "BUSINESS_NO",
                    "BUSINESS",
                    "DIRECTION",
                    "AMOUNT",
                    "BALANCE",
                ],
                self.records
                    .iter()
                    .filter_map(|r| match r {
                        Record::FundFlow(f) => Some(vec![
                            text(&f.booked_time),
                            text(&f.flow_no),
                            text(&f.business_no),
                            text(&f.business_name),
                            f.direction
                                .map(|d| d.as_str().to_string())
                                .unwrap_or_default(),
                            yuan(f.amount_fen),
                            f.balance_fen.map(|b| b.yuan()).unwrap_or_default(),
                        ]),
                        Record::Trade(_) => None,
                    })
                    .collect(),
            ),
        }
    }

    fn summary_rows(&self) -> Vec<(&'static str, String)> {
        let kind = match self.trade_type {
            Some(t) => format!("{} {}", self.kind.as_str(), t.as_str()),
            None => self.kind.as_str().to_string(),
        };
        let mut rows = vec![("kind", kind), ("records", self.records.len().to_string())];
        let count = |c: Option<crate::bill::Count>| c.map(|c| c.0.to_string()).unwrap_or_default();
        match &self.summary {
            Some(Summary::Trade(s)) => rows.extend([
                ("count", count(s.count)),
                ("settlement_total (元)", yuan(s.settlement_total_fen)),
                ("refund (元)", yuan(s.refund_fen)),
                ("recharge_refund (元)", yuan(s.recharge_refund_fen)),
                ("fee (元)", s.fee.map(|f| f.to_string()).unwrap_or_default()),
                ("total (元)", yuan(s.total_fen)),
                ("apply_refund (元)", yuan(s.apply_refund_fen)),
            ]),
            Some(Summary::FundFlow(s)) => rows.extend([
                ("count", count(s.count)),
                ("income_count", count(s.income_count)),
                ("income (元)", yuan(s.income_fen)),
                ("expense_count", count(s.expense_count)),
                ("expense (元)", yuan(s.expense_fen)),
            ]),
            None => {}
        }
        if let Some(c) = &self.check {
            rows.push(("check", check_text(c)));
        }
        rows
    }
}

impl View for BillView {
    fn json(&self) -> String {
        let records: Vec<String> = self.records.iter().map(to_json).collect();
        format!(
            "{}{}{}",
            json_head(self.kind, self.trade_type),
            records.join(","),
            json_tail(self.summary.as_ref())
        )
    }

    fn jsonl(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.records.iter().map(to_json).collect();
        lines.push(summary_line(self.summary.as_ref()));
        lines
    }

    fn table(&self) -> String {
        format!(
            "{}\n{}",
            self.records_table(),
            kv_table(&self.summary_rows())
        )
    }
}

/// `bill parse FILE [--check] [--csv]`.
pub fn parse(ctx: &Context, args: &BillParseArgs) -> Result<Outcome> {
    let stdin = args.file.as_os_str() == "-";
    let name = if stdin {
        "standard input".to_string()
    } else {
        args.file.display().to_string()
    };
    let input: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin().lock())
    } else {
        let file = File::open(&args.file).map_err(|source| BillError::Open {
            path: args.file.clone(),
            source,
        })?;
        Box::new(file)
    };
    let mut bill = BillReader::new(input).with_context(|| name.clone())?;
    let output = if args.csv {
        Output::Csv
    } else {
        match ctx.printer.format {
            Format::Table => Output::Table,
            Format::Json => Output::Json,
            Format::Jsonl => Output::Jsonl,
        }
    };

    if output == Output::Table {
        let records = (&mut bill)
            .collect::<Result<Vec<_>, _>>()
            .with_context(|| name.clone())?;
        let checked = args.check.then(|| bill.check());
        let mut view = BillView {
            kind: bill.kind(),
            trade_type: bill.trade_type(),
            records,
            summary: bill.summary().cloned(),
            check: None,
        };
        return Ok(match checked {
            Some(Err(e)) => Outcome::with_failure(view, anyhow::Error::new(e).context(name)),
            Some(Ok(report)) => {
                view.check = Some(report);
                Outcome::ok(view)
            }
            None => Outcome::ok(view),
        });
    }

    let mut out = ctx.printer.stream();
    match output {
        Output::Json => stream_json(&mut bill, &mut out, &name)?,
        Output::Jsonl => stream_jsonl(&mut bill, &mut out, &name)?,
        Output::Csv => stream_csv(&mut bill, &mut out, &name)?,
        Output::Table => {}
    }
    out.finish()?;
    if args.check {
        let report = bill.check().with_context(|| name.clone())?;
        ctx.printer
            .notice(&format!("check: {}", check_text(&report)));
    }
    Ok(Outcome::ok(Nothing))
}

fn stream_jsonl<R: Read>(bill: &mut BillReader<R>, out: &mut StreamOut, name: &str) -> Result<()> {
    for record in &mut *bill {
        let record = record.with_context(|| name.to_string())?;
        out.line(&to_json(&record))?;
    }
    out.line(&summary_line(bill.summary()))?;
    Ok(())
}

fn stream_json<R: Read>(bill: &mut BillReader<R>, out: &mut StreamOut, name: &str) -> Result<()> {
    use std::io::Write;
    out.write_all(json_head(bill.kind(), bill.trade_type()).as_bytes())?;
    let mut first = true;
    for record in &mut *bill {
        let record = record.with_context(|| name.to_string())?;
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        out.write_all(to_json(&record).as_bytes())?;
    }
    out.line(&json_tail(bill.summary()))?;
    Ok(())
}

/// Records only: a CSV file is one table, and the summary has other columns. The header row holds
/// the JSON keys, then unknown columns under their bill header names.
fn stream_csv<R: Read>(bill: &mut BillReader<R>, out: &mut StreamOut, name: &str) -> Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(bill.keys()).map_err(csv_error)?;
    while let Some(record) = bill.next() {
        let record = record.with_context(|| name.to_string())?;
        csv.write_record(bill.render(&record)).map_err(csv_error)?;
    }
    csv.flush()?;
    Ok(())
}

/// The csv crate's error does not expose its I/O cause as a `source`; unwrap it so that a closed
/// stdout (`… --csv | head`) is recognised as a broken pipe and ends quietly.
fn csv_error(e: csv::Error) -> anyhow::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => anyhow::Error::new(io),
        other => anyhow::anyhow!("writing CSV: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_write_to_a_closed_pipe_is_a_broken_pipe() {
        let io = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let e = csv_error(csv::Error::from(io));
        assert!(crate::error::is_broken_pipe(&e));
    }
}
