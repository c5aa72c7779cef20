//! `bill reconcile` (cli.md, issue 14): the day's trade bills against the merchant's own records.
//! Every record lands in exactly one [`Class`]. The smaller input is held in a compact
//! [`table::Table`] and the other streamed, so memory grows with the smaller side only; bills are
//! read with the allocation-free [`BillReader::next_trade_line`] and checked against their
//! summary line as they are read. When the export is held, two threads share the work (issue 14,
//! item 4; figures in BENCHMARKS.md): one parses the export and then reads the bills, once each,
//! handing every row's few compared columns on in batches; the other holds the export's records
//! as they come and then matches the rows. Pure of the network and of stdout: files in, a
//! [`Report`] out.

mod export;
mod table;

use std::collections::HashMap;
use std::fs::File;
use std::path::PathBuf;

use serde::Serialize;

pub use export::{ColumnMap, ExportError, ExportReader, Field, Local};
use table::{CORE, Entry, Full, MATCHED, NO_AMOUNT, REFUND, Table};

use super::{BillError, BillReader, Fee, TradeAmounts, TradeField};
use crate::money::Fen;

/// Where each record lands (cli.md `bill reconcile`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Matched,
    MissingInBill,
    MissingLocally,
    AmountMismatch,
    StateMismatch,
    RefundMismatch,
}

impl Class {
    pub const ALL: [Class; 6] = [
        Class::Matched,
        Class::MissingInBill,
        Class::MissingLocally,
        Class::AmountMismatch,
        Class::StateMismatch,
        Class::RefundMismatch,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Class::Matched => "matched",
            Class::MissingInBill => "missing_in_bill",
            Class::MissingLocally => "missing_locally",
            Class::AmountMismatch => "amount_mismatch",
            Class::StateMismatch => "state_mismatch",
            Class::RefundMismatch => "refund_mismatch",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One bill file to read.
#[derive(Debug, Clone)]
pub struct BillFile {
    pub path: PathBuf,
    /// The bill's date, when known (downloaded, or in the file's default name).
    pub date: Option<String>,
    /// A bill of a reconciled day; `false` for a neighbouring day's (`--tolerance-days`), whose
    /// rows only match records that no day's bill has, and are otherwise not reported.
    pub core: bool,
}

/// Which input is held in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Held {
    Orders,
    Bills,
}

/// Why a reconciliation could not be done (no verdict on the records).
#[derive(Debug, thiserror::Error)]
pub enum ReconcileError {
    #[error("{}", path.display())]
    Bill {
        path: PathBuf,
        #[source]
        source: BillError,
    },
    #[error("--orders {origin}: {source}")]
    Export {
        origin: String,
        #[source]
        source: ExportError,
    },
    #[error("{0}")]
    TooLarge(String),
}

/// A record that is not `matched`, or the detail of one that is not, for a ticket system.
#[derive(Debug, Clone, Serialize)]
pub struct Discrepancy {
    pub class: Class,
    pub out_trade_no: String,
    pub out_refund_no: String,
    pub mchid: String,
    pub sub_mchid: String,
    /// The export's data row (1-based, header not counted).
    pub local_row: Option<u64>,
    /// 元.
    pub local_amount: Option<String>,
    pub local_state: Option<String>,
    pub bill_date: Option<String>,
    pub bill_line: Option<u64>,
    /// 元.
    pub bill_amount: Option<String>,
    pub bill_state: Option<String>,
    pub detail: String,
}

/// A record found only in a neighbouring day's bill (`--tolerance-days`), and where.
#[derive(Debug, Clone, Serialize)]
pub struct FoundElsewhere {
    pub out_trade_no: String,
    pub out_refund_no: String,
    pub bill_date: Option<String>,
    pub class: Class,
}

/// Count and amount (fen) of one class.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct ClassTotal {
    pub count: u64,
    pub amount: Fen,
}

/// Money of bill rows: what the summary line totals (apiv3.md §9.2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Money {
    /// Payment rows.
    pub orders: u64,
    /// Refund rows.
    pub refund_rows: u64,
    /// Σ 应结订单金额.
    pub gross: Fen,
    /// Σ 退款金额.
    pub refunds: Fen,
    /// Σ 手续费 (negative on refund rows, §14.5).
    pub fees: Fee,
}

impl Money {
    /// gross − refunds − fees, in 0.00001 元 (the fee's unit).
    pub fn net(&self) -> i128 {
        i128::from(self.gross.0) * 1000
            - i128::from(self.refunds.0) * 1000
            - i128::from(self.fees.0)
    }

    fn add(&mut self, o: &Money) {
        self.orders += o.orders;
        self.refund_rows += o.refund_rows;
        self.gross = Fen(self.gross.0.saturating_add(o.gross.0));
        self.refunds = Fen(self.refunds.0.saturating_add(o.refunds.0));
        self.fees = Fee(self.fees.0.saturating_add(o.fees.0));
    }
}

/// One merchant's (mchid, sub_mchid) figures: its rows in the reconciled days' bills, and its
/// records per class.
#[derive(Debug, Clone, Default)]
pub struct MerchantTotal {
    pub mchid: String,
    pub sub_mchid: String,
    pub money: Money,
    pub classes: [u64; 6],
}

/// One bill as read.
#[derive(Debug, Clone)]
pub struct BillRead {
    pub path: PathBuf,
    pub date: Option<String>,
    pub core: bool,
    pub rows: u64,
    /// What its summary line says (checked against its rows while reading).
    pub summary: Money,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub held: Held,
    pub records: u64,
    pub bills: Vec<BillRead>,
    pub classes: [ClassTotal; 6],
    pub merchants: Vec<MerchantTotal>,
    /// The reconciled days' rows, added up here.
    pub totals: Money,
    /// The reconciled days' summary lines, added up.
    pub summary_line: Money,
    pub found_elsewhere: Vec<FoundElsewhere>,
    pub discrepancies: Vec<Discrepancy>,
}

impl Report {
    pub fn clean(&self) -> bool {
        self.discrepancies.is_empty()
    }
}

/// `a == b`, without calling `memcmp` for two empty strings: an export without merchant columns
/// and a direct merchant's bill compare empty strings on every row, and glibc's AVX-512 `memcmp`
/// of 0 bytes at Rust's dangling empty-string pointer costs a fault-suppression assist each time
/// (18 % of a reconciliation's time in `perf`, issue 14 item 4).
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && (a.is_empty() || a.as_bytes() == b.as_bytes())
}

/// Interned states and merchants, so held entries stay small.
#[derive(Default)]
struct Names {
    states: Vec<String>,
    merchants: Vec<(String, String)>,
    merchant_index: HashMap<(String, String), u32>,
    last: Option<(String, String, u32)>,
}

impl Names {
    fn state(&mut self, s: &str) -> Result<u8, ReconcileError> {
        if let Some(i) = self.states.iter().position(|x| x == s) {
            return Ok(i as u8);
        }
        if self.states.len() >= 255 {
            return Err(ReconcileError::TooLarge(
                "more than 255 different states; the state column holds something else".into(),
            ));
        }
        self.states.push(s.to_string());
        Ok((self.states.len() - 1) as u8)
    }

    fn merchant(&mut self, mchid: &str, sub_mchid: &str) -> u32 {
        // Direct merchants have 特约商户号 `0` in bills (§9.1).
        let sub = if sub_mchid == "0" { "" } else { sub_mchid };
        if let Some((m, s, i)) = &self.last
            && same(m, mchid)
            && same(s, sub)
        {
            return *i;
        }
        let key = (mchid.to_string(), sub.to_string());
        let next = self.merchants.len() as u32;
        let i = *self.merchant_index.entry(key.clone()).or_insert(next);
        if i == next {
            self.merchants.push(key);
        }
        self.last = Some((mchid.to_string(), sub.to_string(), i));
        i
    }
}

/// A local record as compared.
#[derive(Clone, Copy)]
struct LocalSide<'a> {
    row: u64,
    out_trade_no: &'a str,
    out_refund_no: &'a str,
    /// The amount compared: the order's, or the refund's.
    amount: Option<Fen>,
    state: &'a str,
    merchant: u32,
}

/// A bill row as compared.
#[derive(Clone, Copy)]
struct BillSide<'a> {
    bill: usize,
    line: u64,
    out_trade_no: &'a str,
    out_refund_no: &'a str,
    refund: bool,
    /// 订单金额 (or 应结订单金额 where the bill lacks it), or 退款金额 of a refund row.
    amount: Fen,
    /// 交易状态, or 退款状态 of a refund row.
    state: &'a str,
    merchant: u32,
}

/// What a pair of records, or a record alone, is.
fn judge(local: Option<&LocalSide>, bill: Option<&BillSide>) -> (Class, String) {
    let paid = |s: &str| s.eq_ignore_ascii_case("SUCCESS") || s.eq_ignore_ascii_case("REFUND");
    match (local, bill) {
        (Some(l), Some(b)) if b.refund => {
            if l.amount != Some(b.amount) {
                return (
                    Class::RefundMismatch,
                    "the refund amounts differ".to_string(),
                );
            }
            // A local `REFUND` says "refunded"; any other state is compared with 退款状态.
            if !l.state.eq_ignore_ascii_case("REFUND")
                && !b.state.is_empty()
                && !l.state.eq_ignore_ascii_case(b.state)
            {
                return (
                    Class::RefundMismatch,
                    format!(
                        "the refund is {} locally and {} in the bill",
                        l.state, b.state
                    ),
                );
            }
            (Class::Matched, String::new())
        }
        (Some(l), Some(b)) => {
            // A bill lists paid orders (SUCCESS) and revoked ones (REVOKED); a local SUCCESS or
            // REFUND (paid, then refunded) is paid.
            let bill_paid = !b.state.eq_ignore_ascii_case("REVOKED");
            if paid(l.state) != bill_paid {
                return (
                    Class::StateMismatch,
                    format!("{} locally, {} in the bill", l.state, b.state),
                );
            }
            if l.amount != Some(b.amount) {
                return (Class::AmountMismatch, "the amounts differ".to_string());
            }
            (Class::Matched, String::new())
        }
        (Some(l), None) if !l.out_refund_no.is_empty() => (
            Class::RefundMismatch,
            "the refund is not in the bill".to_string(),
        ),
        (Some(l), None) if paid(l.state) => (
            Class::MissingInBill,
            "booked as paid locally; the bill has no such payment".to_string(),
        ),
        // Not paid locally and not in the bill: the two agree.
        (Some(_), None) => (Class::Matched, String::new()),
        (None, Some(b)) if b.refund => (
            Class::RefundMismatch,
            "the bill has a refund the orders export does not".to_string(),
        ),
        (None, Some(_)) => (
            Class::MissingLocally,
            "WeChat Pay took the payment; the orders export has no such record".to_string(),
        ),
        (None, None) => (Class::Matched, String::new()),
    }
}

/// The running result.
#[derive(Default)]
struct Tally {
    classes: [ClassTotal; 6],
    merchants: Vec<MerchantTotal>,
    found: Vec<FoundElsewhere>,
    discrepancies: Vec<Discrepancy>,
    records: u64,
}

impl Tally {
    fn merchant(&mut self, i: u32, names: &Names) -> &mut MerchantTotal {
        let i = i as usize;
        while self.merchants.len() <= i {
            let (m, s) = names.merchants[self.merchants.len()].clone();
            self.merchants.push(MerchantTotal {
                mchid: m,
                sub_mchid: s,
                ..MerchantTotal::default()
            });
        }
        &mut self.merchants[i]
    }

    fn record(
        &mut self,
        names: &Names,
        bills: &[BillFile],
        local: Option<&LocalSide>,
        bill: Option<&BillSide>,
    ) -> Class {
        let (class, detail) = judge(local, bill);
        let amount = local.and_then(|l| l.amount).or(bill.map(|b| b.amount));
        let t = &mut self.classes[class.index()];
        t.count += 1;
        t.amount = Fen(t.amount.0.saturating_add(amount.map_or(0, |a| a.0)));
        let merchant = bill.map_or_else(|| local.map_or(0, |l| l.merchant), |b| b.merchant);
        self.merchant(merchant, names).classes[class.index()] += 1;
        if let (Some(b), Some(l)) = (bill, local)
            && !bills[b.bill].core
        {
            self.found.push(FoundElsewhere {
                out_trade_no: l.out_trade_no.to_string(),
                out_refund_no: l.out_refund_no.to_string(),
                bill_date: bills[b.bill].date.clone(),
                class,
            });
        }
        if class != Class::Matched {
            let (mchid, sub_mchid) = names.merchants[merchant as usize].clone();
            self.discrepancies.push(Discrepancy {
                class,
                out_trade_no: bill
                    .map(|b| b.out_trade_no)
                    .or(local.map(|l| l.out_trade_no))
                    .unwrap_or_default()
                    .to_string(),
                out_refund_no: bill
                    .map(|b| b.out_refund_no)
                    .or(local.map(|l| l.out_refund_no))
                    .unwrap_or_default()
                    .to_string(),
                mchid,
                sub_mchid,
                local_row: local.map(|l| l.row),
                local_amount: local.and_then(|l| l.amount).map(Fen::yuan),
                local_state: local.map(|l| l.state.to_string()),
                bill_date: bill.and_then(|b| bills[b.bill].date.clone()),
                bill_line: bill.map(|b| b.line),
                bill_amount: bill.map(|b| b.amount.yuan()),
                bill_state: bill.map(|b| b.state.to_string()),
                detail,
            });
        }
        class
    }
}

/// The columns of a bill row that reconciliation reads, in [`Batch::rows`].
const COLUMNS: [TradeField; 6] = [
    TradeField::OutTradeNo,
    TradeField::OutRefundNo,
    TradeField::TradeState,
    TradeField::RefundStatus,
    TradeField::Mchid,
    TradeField::SubMchid,
];
const NO: usize = 0;
const REFUND_NO: usize = 1;
const STATE: usize = 2;
const REFUND_STATUS: usize = 3;
const MCHID: usize = 4;
const SUB_MCHID: usize = 5;

/// One bill row as the reading thread hands it over: where its columns are in the batch's text.
#[derive(Clone, Copy)]
struct BatchRow {
    line: u64,
    amounts: TradeAmounts,
    spans: [(u32, u32); 6],
}

/// Rows of a bill, read and split on one thread and matched on the other (issue 14, item 4:
/// reading a 1 GB bill and matching it each take about half the work).
struct Batch {
    text: String,
    rows: Vec<BatchRow>,
}

/// Rows per batch: large enough that the channel costs nothing, small enough to stay in cache.
const BATCH_ROWS: usize = 2048;

/// A row of a batch.
struct Row<'a> {
    text: &'a str,
    r: &'a BatchRow,
}

impl<'a> Row<'a> {
    fn get(&self, k: usize) -> &'a str {
        let (a, b) = self.r.spans[k];
        self.text.get(a as usize..b as usize).unwrap_or("")
    }
}

/// The parts of a bill row that reconciliation compares.
fn bill_side<'a>(bill: usize, l: &Row<'a>, merchant: u32) -> BillSide<'a> {
    let trade_state = l.get(STATE);
    let refund = trade_state == "REFUND";
    let a = &l.r.amounts;
    let amount = if refund {
        a.refund
    } else {
        a.total.or(a.settlement_total)
    };
    BillSide {
        bill,
        line: l.r.line,
        out_trade_no: l.get(NO),
        out_refund_no: if refund { l.get(REFUND_NO) } else { "" },
        refund,
        amount: amount.unwrap_or_default(),
        state: if refund {
            l.get(REFUND_STATUS)
        } else {
            trade_state
        },
        merchant,
    }
}

fn money_of_row(m: &mut Money, a: &RowMoney, refund: bool) {
    if refund {
        m.refund_rows += 1;
    } else {
        m.orders += 1;
    }
    m.gross = Fen(m.gross.0.saturating_add(a.settlement_total.0));
    m.refunds = Fen(m.refunds.0.saturating_add(a.refund.0));
    m.fees = Fee(m.fees.0.saturating_add(a.fee.0));
}

/// Read a bill on a thread of its own and hand `each` its rows, in order; then check it against
/// its summary line. `each` may stop the reading with an error.
fn stream_bill(
    b: &BillFile,
    mut each: impl FnMut(&Row) -> Result<(), ReconcileError>,
) -> Result<BillRead, ReconcileError> {
    let wrap = |source| ReconcileError::Bill {
        path: b.path.clone(),
        source,
    };
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(4);
        let reader = scope.spawn(move || -> Result<Option<BillRead>, ReconcileError> {
            let mut r = open_bill(b)?;
            let mut batch = Batch {
                text: String::with_capacity(BATCH_ROWS * 320),
                rows: Vec::with_capacity(BATCH_ROWS),
            };
            while let Some(line) = r.next_trade_line().map_err(wrap)? {
                let mut spans = [(0u32, 0u32); 6];
                for (k, f) in COLUMNS.iter().enumerate() {
                    let v = line.get(*f).unwrap_or("");
                    let a = batch.text.len();
                    batch.text.push_str(v);
                    spans[k] = (a as u32, batch.text.len() as u32);
                }
                batch.rows.push(BatchRow {
                    line: line.line,
                    amounts: line.amounts,
                    spans,
                });
                if batch.rows.len() == BATCH_ROWS {
                    let full = std::mem::replace(
                        &mut batch,
                        Batch {
                            text: String::with_capacity(BATCH_ROWS * 320),
                            rows: Vec::with_capacity(BATCH_ROWS),
                        },
                    );
                    if tx.send(full).is_err() {
                        // The matching side stopped with an error of its own.
                        return Ok(None);
                    }
                }
            }
            if !batch.rows.is_empty() && tx.send(batch).is_err() {
                return Ok(None);
            }
            drop(tx);
            finish_bill(b, r).map(Some)
        });
        let mut failed = None;
        for batch in rx.iter() {
            for r in &batch.rows {
                if let Err(e) = each(&Row {
                    text: &batch.text,
                    r,
                }) {
                    failed = Some(e);
                    break;
                }
            }
            if failed.is_some() {
                break;
            }
        }
        drop(rx);
        let read = reader
            .join()
            .map_err(|_| ReconcileError::TooLarge("the bill reader thread failed".into()))?;
        if let Some(e) = failed {
            return Err(e);
        }
        read?.ok_or_else(|| ReconcileError::TooLarge("the bill reader stopped early".into()))
    })
}

fn open_bill(b: &BillFile) -> Result<BillReader<File>, ReconcileError> {
    let wrap = |source| ReconcileError::Bill {
        path: b.path.clone(),
        source,
    };
    let f = File::open(&b.path).map_err(|source| {
        wrap(BillError::Open {
            path: b.path.clone(),
            source,
        })
    })?;
    let r = BillReader::new(f).map_err(wrap)?;
    if r.kind() != crate::api::BillKind::Trade {
        return Err(wrap(BillError::NotABill {
            reason: "a fund-flow bill; reconciliation needs trade bills".into(),
        }));
    }
    Ok(r)
}

/// After the last row: the summary line, checked against the rows (exit 6 when they disagree).
fn finish_bill(b: &BillFile, mut r: BillReader<File>) -> Result<BillRead, ReconcileError> {
    let wrap = |source| ReconcileError::Bill {
        path: b.path.clone(),
        source,
    };
    let report = r.check().map_err(wrap)?;
    let mut summary = Money::default();
    if let Some(super::Summary::Trade(s)) = r.summary() {
        summary.gross = s.settlement_total_fen.unwrap_or_default();
        summary.refunds = s.refund_fen.unwrap_or_default();
        summary.fees = s.fee.unwrap_or_default();
    }
    Ok(BillRead {
        path: b.path.clone(),
        date: b.date.clone(),
        core: b.core,
        rows: report.records,
        summary,
    })
}

fn full(e: Full, what: &str) -> ReconcileError {
    ReconcileError::TooLarge(match e {
        Full::KeyTooLong => format!("{what}: a key longer than 65535 bytes"),
        Full::TooMany => format!("{what}: too many records to hold (4 GiB of keys)"),
    })
}

fn bill_row_err(b: &BillFile, line: u64, e: Full) -> ReconcileError {
    full(e, &format!("{} line {line}", b.path.display()))
}

/// A bill row's side for matching. Its money is counted (per merchant and in all) when its bill
/// is one of the days asked for; a neighbouring day's rows (`--tolerance-days`) only match.
fn read_row<'a>(
    bi: usize,
    b: &BillFile,
    line: &Row<'a>,
    names: &mut Names,
    per_merchant: &mut Vec<Money>,
    totals: &mut Money,
) -> BillSide<'a> {
    let merchant = names.merchant(line.get(MCHID), line.get(SUB_MCHID));
    let side = bill_side(bi, line, merchant);
    if b.core {
        add_money(
            per_merchant,
            merchant,
            &RowMoney::of(&line.r.amounts),
            side.refund,
            totals,
        );
    }
    side
}

fn add_money(
    per_merchant: &mut Vec<Money>,
    m: u32,
    a: &RowMoney,
    refund: bool,
    totals: &mut Money,
) {
    let i = m as usize;
    if per_merchant.len() <= i {
        per_merchant.resize(i + 1, Money::default());
    }
    money_of_row(&mut per_merchant[i], a, refund);
    money_of_row(totals, a, refund);
}

/// The table entry of an export record, and the numbers it is matched by ([`Local::keyed`]).
fn local_entry<'a>(
    l: &Local<'a>,
    names: &mut Names,
) -> Result<(&'a str, &'a str, Entry), ReconcileError> {
    let (key, other, amount) = l.keyed();
    let e = Entry {
        amount: amount.unwrap_or_default().0,
        line: u32::try_from(l.row).unwrap_or(u32::MAX),
        merchant: names.merchant(l.mchid, l.sub_mchid),
        state: names.state(l.state)?,
        flags: if l.is_refund() { REFUND } else { 0 }
            | if amount.is_none() { NO_AMOUNT } else { 0 },
        ..Entry::default()
    };
    Ok((key, other, e))
}

/// What the export's reader hands the thread that holds the records.
enum ToTable {
    /// Room for this many records, with keys of this many bytes each on average.
    Reserve(usize, usize),
    Rows(ExportBatch),
    /// The export is over; its states and merchants, for matching.
    Names(Names),
    /// Rows of a bill, from its full read, to match against the held records.
    Bill(MatchBatch),
}

/// Bill rows on their way from the full read to the matching: the columns matching compares, in
/// one text (issue 14, item 4: the bill is read and split once, on the thread that checks it).
struct MatchBatch {
    /// An index into the bills.
    bill: usize,
    /// The bill is one of the days asked for: its rows' money is counted.
    core: bool,
    text: String,
    rows: Vec<Packed>,
}

/// One bill row of a [`MatchBatch`]: its line, amount and kind, and where its five texts start
/// and end (`out_trade_no`, `out_refund_no`, the state, `mchid`, `sub_mchid`, one after another).
#[derive(Clone, Copy)]
struct Packed {
    line: u64,
    start: u32,
    /// 订单金额 (or 应结订单金额 where the bill lacks it), or 退款金额 of a refund row.
    amount: Fen,
    refund: bool,
    ends: [u32; 5],
    /// 应结订单金额, 退款金额 and 手续费, for the money per merchant.
    money: RowMoney,
}

/// The amounts of a bill row that its merchant's money adds up.
#[derive(Clone, Copy, Default)]
struct RowMoney {
    settlement_total: Fen,
    refund: Fen,
    fee: Fee,
}

impl RowMoney {
    fn of(a: &TradeAmounts) -> RowMoney {
        RowMoney {
            settlement_total: a.settlement_total.unwrap_or_default(),
            refund: a.refund.unwrap_or_default(),
            fee: a.fee.unwrap_or_default(),
        }
    }
}

/// Rows per [`MatchBatch`].
const MATCH_BATCH: usize = 1024;

/// A batch of either kind is also sent once its text reaches this size, so that the 64 batches the
/// channel holds stay small even with long keys (a bill line may be 1 MiB, an export key 64 KiB).
const BATCH_BYTES: usize = 256 * 1024;

/// Batches in flight between the two threads.
const IN_FLIGHT: usize = 64;

/// Rows matched together: their lookups' memory waits overlap ([`Table::warm`]).
const WARM_ROWS: usize = 32;

impl MatchBatch {
    fn new(bill: usize, core: bool) -> MatchBatch {
        MatchBatch {
            bill,
            core,
            text: String::with_capacity(MATCH_BATCH * 64),
            rows: Vec::with_capacity(MATCH_BATCH),
        }
    }

    fn push(&mut self, line: u64, amount: Fen, refund: bool, texts: [&str; 5], money: RowMoney) {
        // A batch holds at most 1,024 lines of at most 1 MiB each: its text fits u32.
        let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        let mut ends = [0u32; 5];
        for (end, t) in ends.iter_mut().zip(texts) {
            self.text.push_str(t);
            *end = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        }
        self.rows.push(Packed {
            line,
            start,
            amount,
            refund,
            ends,
            money,
        });
    }

    /// The five texts of a row.
    fn texts(&self, p: &Packed) -> [&str; 5] {
        let mut from = p.start as usize;
        p.ends.map(|end| {
            let t = self.text.get(from..end as usize).unwrap_or("");
            from = end as usize;
            t
        })
    }
}

/// Export records on their way to the table: their keys (and second keys) in one text.
#[derive(Default)]
struct ExportBatch {
    text: String,
    /// The end of the key and of the second key in `text`, the data row, the entry.
    rows: Vec<(usize, usize, u64, Entry)>,
}

/// Records per [`ExportBatch`].
const EXPORT_BATCH: usize = 1024;

/// Parse the export and send its records to [`match_bills`]'s table. Every error of the export
/// is found here, in row order; `Ok` also when the other side stopped.
fn send_export(
    export: &mut ExportReader,
    origin: &str,
    names: &mut Names,
    tx: &std::sync::mpsc::SyncSender<ToTable>,
) -> Result<(), ReconcileError> {
    let export_err = |source| ReconcileError::Export {
        origin: origin.to_string(),
        source,
    };
    let mut batch = ExportBatch::default();
    let (mut records, mut key_bytes) = (0usize, 0usize);
    loop {
        // The table is sized once from the first records, instead of rebuilding its index
        // while it doubles.
        if records == 4096
            && let Some(n) = export.records_hint()
        {
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            if tx.send(ToTable::Reserve(n, key_bytes / 4096 + 1)).is_err() {
                return Ok(());
            }
        }
        let Some(l) = export.next_record().map_err(export_err)? else {
            break;
        };
        let (key, other, e) = local_entry(&l, names)?;
        if key.len() > usize::from(u16::MAX) || other.len() > usize::from(u16::MAX) {
            return Err(full(
                Full::KeyTooLong,
                &format!("--orders {origin} row {}", l.row),
            ));
        }
        records += 1;
        key_bytes += key.len() + other.len();
        batch.text.push_str(key);
        let k = batch.text.len();
        batch.text.push_str(other);
        batch.rows.push((k, batch.text.len(), l.row, e));
        if (batch.rows.len() == EXPORT_BATCH || batch.text.len() >= BATCH_BYTES)
            && tx.send(ToTable::Rows(std::mem::take(&mut batch))).is_err()
        {
            return Ok(());
        }
    }
    if !batch.rows.is_empty() {
        let _ = tx.send(ToTable::Rows(batch));
    }
    Ok(())
}

const _: () = assert!(
    WARM_ROWS <= table::PENDING,
    "a batch of rows is warmed at once"
);

/// What [`match_bills`] gives back: the table, the tally, the names, and the money of the
/// reconciled days' rows per merchant (indexed by [`Names::merchant`]) and in all.
type Matched = (Table, Tally, Names, Vec<Money>, Money);

/// Hold the export's records as [`send_export`] sends them, then match the bills' rows as the
/// full read sends them, in order. `None` when the export ended without its names (it failed).
fn match_bills(
    rx: std::sync::mpsc::Receiver<ToTable>,
    bills: &[BillFile],
    origin: &str,
) -> Result<Option<Matched>, ReconcileError> {
    let mut t = Table::default();
    let mut held = None;
    let mut tags = [0u32; WARM_ROWS];
    let (mut per_merchant, mut totals) = (Vec::new(), Money::default());
    for msg in rx {
        match msg {
            ToTable::Reserve(n, key_bytes) => t.reserve(n, key_bytes),
            ToTable::Rows(b) => {
                let mut from = 0;
                for (k, end, row, e) in b.rows {
                    t.insert(&b.text[from..k], &b.text[k..end], e)
                        .map_err(|e| full(e, &format!("--orders {origin} row {row}")))?;
                    from = end;
                }
            }
            ToTable::Names(n) => {
                t.seal();
                let tally = Tally {
                    records: t.len() as u64,
                    ..Tally::default()
                };
                held = Some((n, tally));
            }
            ToTable::Bill(batch) => {
                let Some((names, tally)) = held.as_mut() else {
                    continue;
                };
                for rows in batch.rows.chunks(WARM_ROWS) {
                    // The lookups' memory first, for all the rows together; then the matching,
                    // in order.
                    let mut keys = [""; WARM_ROWS];
                    for (key, p) in keys.iter_mut().zip(rows) {
                        let [no, refund_no, ..] = batch.texts(p);
                        *key = if p.refund { refund_no } else { no };
                    }
                    t.warm(&keys[..rows.len()], &mut tags);
                    for (&tag, p) in tags.iter().zip(rows) {
                        let [no, refund_no, state, mchid, sub] = batch.texts(p);
                        let merchant = names.merchant(mchid, sub);
                        if batch.core {
                            add_money(&mut per_merchant, merchant, &p.money, p.refund, &mut totals);
                        }
                        let side = BillSide {
                            bill: batch.bill,
                            line: p.line,
                            out_trade_no: no,
                            out_refund_no: refund_no,
                            refund: p.refund,
                            amount: p.amount,
                            state,
                            merchant,
                        };
                        match_bill_row(&mut t, names, tally, bills, &side, Some(tag));
                    }
                }
            }
        }
    }
    Ok(held.map(|(names, tally)| (t, tally, names, per_merchant, totals)))
}

/// Match one bill row against the held export: the first record of its key not matched yet.
fn match_bill_row(
    t: &mut Table,
    names: &Names,
    tally: &mut Tally,
    bills: &[BillFile],
    side: &BillSide,
    tag: Option<u32>,
) {
    let key = if side.refund {
        side.out_refund_no
    } else {
        side.out_trade_no
    };
    let want = if side.refund { REFUND } else { 0 };
    let keep = |e: &Entry| e.flags & REFUND == want;
    let found = match tag {
        Some(tag) => t.find_tagged(key, tag, keep),
        None => t.find(key, keep),
    };
    match found {
        Some(i) => {
            let e = t.entries()[i];
            let local = local_of_entry(t, &e, names);
            tally.record(names, bills, Some(&local), Some(side));
            let m = t.get_mut(i);
            m.flags |= MATCHED;
            m.day = side.bill as u8;
        }
        None if bills[side.bill].core => {
            tally.record(names, bills, None, Some(side));
        }
        None => {}
    }
}

/// The full read of the bills, in `order`, until the first error: each row is checked and
/// summed here (against the summary line), and its columns and money go to [`match_bills`].
/// `None` when the matching side stopped first (its error is the one to report).
fn check_bills(
    bills: &[BillFile],
    order: &[usize],
    tx: &std::sync::mpsc::SyncSender<ToTable>,
) -> Result<Option<Vec<BillRead>>, ReconcileError> {
    let mut out = Vec::with_capacity(order.len());
    for &bi in order {
        match check_bill(&bills[bi], bi, tx)? {
            Some(c) => out.push(c),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

fn check_bill(
    b: &BillFile,
    bi: usize,
    tx: &std::sync::mpsc::SyncSender<ToTable>,
) -> Result<Option<BillRead>, ReconcileError> {
    let wrap = |source| ReconcileError::Bill {
        path: b.path.clone(),
        source,
    };
    let mut r = open_bill(b)?;
    let mut batch = MatchBatch::new(bi, b.core);
    while let Some(line) = r.next_trade_line().map_err(wrap)? {
        let state = line.get(TradeField::TradeState).unwrap_or("");
        let refund = state == "REFUND";
        let (mchid, sub) = (
            line.get(TradeField::Mchid).unwrap_or(""),
            line.get(TradeField::SubMchid).unwrap_or(""),
        );
        let a = &line.amounts;
        let (amount, refund_no, state) = if refund {
            (
                a.refund,
                line.get(TradeField::OutRefundNo).unwrap_or(""),
                line.get(TradeField::RefundStatus).unwrap_or(""),
            )
        } else {
            (a.total.or(a.settlement_total), "", state)
        };
        let no = line.get(TradeField::OutTradeNo).unwrap_or("");
        batch.push(
            line.line,
            amount.unwrap_or_default(),
            refund,
            [no, refund_no, state, mchid, sub],
            RowMoney::of(a),
        );
        if (batch.rows.len() == MATCH_BATCH || batch.text.len() >= BATCH_BYTES)
            && tx
                .send(ToTable::Bill(std::mem::replace(
                    &mut batch,
                    MatchBatch::new(bi, b.core),
                )))
                .is_err()
        {
            return Ok(None);
        }
    }
    if !batch.rows.is_empty() && tx.send(ToTable::Bill(batch)).is_err() {
        return Ok(None);
    }
    finish_bill(b, r).map(Some)
}

/// Reconcile `bills` (core days first or not: the order does not matter) with the export.
/// `held` says which side to hold in memory; the caller picks the smaller one.
pub fn reconcile(
    bills: &[BillFile],
    export: &mut ExportReader,
    origin: &str,
    held: Held,
) -> Result<Report, ReconcileError> {
    if bills.len() > 255 {
        return Err(ReconcileError::TooLarge(
            "more than 255 bills in one reconciliation".into(),
        ));
    }
    let export_err = |source| ReconcileError::Export {
        origin: origin.to_string(),
        source,
    };
    let mut names = Names::default();
    names.merchant("", "");
    let mut tally = Tally::default();
    let mut read = Vec::new();
    let mut totals = Money::default();
    // Core days first: a neighbouring day's row only takes what no core day matched.
    let order: Vec<usize> = (0..bills.len())
        .filter(|&i| bills[i].core)
        .chain((0..bills.len()).filter(|&i| !bills[i].core))
        .collect();
    let mut per_merchant: Vec<Money> = Vec::new();

    match held {
        // Two threads (issue 14, item 4). This one parses the export, then does the full read
        // of the bills (UTF-8, amounts, the summary line, the money per merchant) and hands each
        // row's columns on; the other holds the export's records as they come, then matches the
        // rows against them.
        Held::Orders => {
            let (tx, rx) = std::sync::mpsc::sync_channel::<ToTable>(IN_FLIGHT);
            let (sent, checked, matched) = std::thread::scope(|scope| {
                let matcher = scope.spawn(|| match_bills(rx, bills, origin));
                let sent = send_export(export, origin, &mut names, &tx);
                let checked = match &sent {
                    Ok(()) if tx.send(ToTable::Names(std::mem::take(&mut names))).is_ok() => {
                        check_bills(bills, &order, &tx)
                    }
                    _ => Ok(None),
                };
                drop(tx);
                (sent, checked, matcher.join())
            });
            let matched = matched
                .map_err(|_| ReconcileError::TooLarge("the bill matching thread failed".into()))?;
            // The export's errors first, as when it was read before any bill; then the matching
            // side's (it stopped the reading); then the bills'.
            sent?;
            let matched = matched?;
            let checked = checked?;
            let (Some((t, matched_tally, matched_names, money, all)), Some(checked)) =
                (matched, checked)
            else {
                return Err(ReconcileError::TooLarge(
                    "the bill reading stopped early".into(),
                ));
            };
            tally = matched_tally;
            names = matched_names;
            per_merchant = money;
            totals = all;
            read = checked;
            for e in t.entries() {
                if e.flags & MATCHED == 0 {
                    let local = local_of_entry(&t, e, &names);
                    tally.record(&names, bills, Some(&local), None);
                }
            }
        }
        Held::Bills => {
            let mut t = Table::default();
            for &bi in &order {
                let b = &bills[bi];
                let done = stream_bill(b, |line| {
                    let side = read_row(bi, b, line, &mut names, &mut per_merchant, &mut totals);
                    let (key, other) = if side.refund {
                        (side.out_refund_no, side.out_trade_no)
                    } else {
                        (side.out_trade_no, "")
                    };
                    let e = Entry {
                        amount: side.amount.0,
                        line: u32::try_from(side.line).unwrap_or(u32::MAX),
                        merchant: side.merchant,
                        state: names.state(side.state)?,
                        flags: if side.refund { REFUND } else { 0 } | if b.core { CORE } else { 0 },
                        day: bi as u8,
                        ..Entry::default()
                    };
                    t.insert(key, other, e)
                        .map_err(|e| bill_row_err(b, side.line, e))
                })?;
                read.push(done);
            }
            t.seal();
            while let Some(l) = export.next_record().map_err(export_err)? {
                tally.records += 1;
                let refund = l.is_refund();
                let key = if refund {
                    l.out_refund_no
                } else {
                    l.out_trade_no
                };
                let want = if refund { REFUND } else { 0 };
                let found = t
                    .find(key, |e| e.flags & REFUND == want && e.flags & CORE != 0)
                    .or_else(|| t.find(key, |e| e.flags & REFUND == want));
                let local = LocalSide {
                    row: l.row,
                    out_trade_no: l.out_trade_no,
                    out_refund_no: if refund { l.out_refund_no } else { "" },
                    amount: if refund { l.refund_amount } else { l.amount },
                    state: l.state,
                    merchant: names.merchant(l.mchid, l.sub_mchid),
                };
                match found {
                    Some(i) => {
                        let e = t.entries()[i];
                        let side = bill_of_entry(&t, &e, &names);
                        tally.record(&names, bills, Some(&local), Some(&side));
                        t.get_mut(i).flags |= MATCHED;
                    }
                    None => {
                        tally.record(&names, bills, Some(&local), None);
                    }
                }
            }
            for e in t.entries() {
                if e.flags & (MATCHED | CORE) == CORE {
                    let side = bill_of_entry(&t, e, &names);
                    tally.record(&names, bills, None, Some(&side));
                }
            }
        }
    }

    // Per merchant: its money from the reconciled days' rows.
    for (i, m) in per_merchant.iter().enumerate() {
        tally.merchant(i as u32, &names).money = *m;
    }
    let mut merchants: Vec<MerchantTotal> = tally
        .merchants
        .into_iter()
        .filter(|m| m.money != Money::default() || m.classes.iter().any(|&c| c > 0))
        .collect();
    merchants.sort_by(|a, b| (&a.mchid, &a.sub_mchid).cmp(&(&b.mchid, &b.sub_mchid)));
    let mut summary_line = Money::default();
    for b in read.iter().filter(|b| b.core) {
        summary_line.add(&b.summary);
    }
    summary_line.orders = totals.orders;
    summary_line.refund_rows = totals.refund_rows;
    // The same order whichever side was held.
    let mut discrepancies = tally.discrepancies;
    discrepancies.sort_by(|a, b| {
        (
            &a.out_trade_no,
            &a.out_refund_no,
            a.class,
            a.local_row,
            a.bill_line,
        )
            .cmp(&(
                &b.out_trade_no,
                &b.out_refund_no,
                b.class,
                b.local_row,
                b.bill_line,
            ))
    });
    let mut found = tally.found;
    found.sort_by(|a, b| {
        (&a.out_trade_no, &a.out_refund_no).cmp(&(&b.out_trade_no, &b.out_refund_no))
    });
    // Bills in the order given.
    read.sort_by_key(|r| bills.iter().position(|b| b.path == r.path));
    Ok(Report {
        held,
        records: tally.records,
        bills: read,
        classes: tally.classes,
        merchants,
        totals,
        summary_line,
        found_elsewhere: found,
        discrepancies,
    })
}

fn local_of_entry<'a>(t: &'a Table, e: &Entry, names: &'a Names) -> LocalSide<'a> {
    let refund = e.flags & REFUND != 0;
    LocalSide {
        row: u64::from(e.line),
        out_trade_no: if refund { t.other(e) } else { t.key(e) },
        out_refund_no: if refund { t.key(e) } else { "" },
        amount: (e.flags & NO_AMOUNT == 0).then_some(Fen(e.amount)),
        state: &names.states[e.state as usize],
        merchant: e.merchant,
    }
}

fn bill_of_entry<'a>(t: &'a Table, e: &Entry, names: &'a Names) -> BillSide<'a> {
    let refund = e.flags & REFUND != 0;
    BillSide {
        bill: e.day as usize,
        line: u64::from(e.line),
        out_trade_no: if refund { t.other(e) } else { t.key(e) },
        out_refund_no: if refund { t.key(e) } else { "" },
        refund,
        amount: Fen(e.amount),
        state: &names.states[e.state as usize],
        merchant: e.merchant,
    }
}
