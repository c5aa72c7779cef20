//! Do the records add up to the summary line? Running totals kept while reading, compared at the
//! end (apiv3.md §9.2, §9.3). Exact integers only: fen for amounts, 0.00001 元 for 手续费.

use serde::Serialize;

use super::columns::{
    FundFlowField, FundFlowRecord, FundFlowSummary, Layout, TradeField, TradeRecord, TradeSummary,
};
use super::error::{BillError, Mismatch};
use super::reader::{Detail, Record, Summary};
use crate::money::{Count, Fee, Fen};

/// What a successful check compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// Detail records read.
    pub records: u64,
    /// Summary columns compared with the records (header names).
    pub compared: Vec<&'static str>,
    /// Summary columns that could not be compared because the bill lacks the summary column or the
    /// detail column it totals (e.g. the early format without 应结订单金额, §9.4).
    pub skipped: Vec<&'static str>,
}

#[derive(Debug, Default)]
pub(crate) struct TradeTotals {
    records: u64,
    settlement_total: Fen,
    refund: Fen,
    recharge_refund: Fen,
    fee: Fee,
    total: Fen,
    apply_refund: Fen,
}

#[derive(Debug, Default)]
pub(crate) struct FundFlowTotals {
    records: u64,
    income_count: u64,
    income: Fen,
    expense_count: u64,
    expense: Fen,
}

#[derive(Debug)]
pub(crate) enum Totals {
    Trade(TradeTotals),
    FundFlow(FundFlowTotals),
}

fn add_fen(acc: &mut Fen, v: Option<Fen>, key: &'static str) -> Result<(), &'static str> {
    if let Some(v) = v {
        *acc = acc.checked_add(v).ok_or(key)?;
    }
    Ok(())
}

impl Totals {
    pub(crate) fn records(&self) -> u64 {
        match self {
            Totals::Trade(t) => t.records,
            Totals::FundFlow(t) => t.records,
        }
    }

    /// Add one record; on overflow, the key of the column whose sum overflowed.
    pub(crate) fn add(&mut self, record: &Record) -> Result<(), &'static str> {
        match (self, record) {
            (Totals::Trade(t), Record::Trade(r)) => t.add(r),
            (Totals::FundFlow(t), Record::FundFlow(r)) => t.add(r),
            _ => Ok(()),
        }
    }

    pub(crate) fn verify(
        &self,
        summary: &Summary,
        detail: &Detail,
    ) -> Result<CheckReport, BillError> {
        let mut c = Comparison::default();
        match (self, summary, detail) {
            (Totals::Trade(t), Summary::Trade(s), Detail::Trade(l)) => t.verify(s, l, &mut c),
            (Totals::FundFlow(t), Summary::FundFlow(s), Detail::FundFlow(l)) => {
                t.verify(s, l, &mut c)
            }
            _ => {}
        }
        if c.mismatches.is_empty() {
            Ok(CheckReport {
                records: self.records(),
                compared: c.compared,
                skipped: c.skipped,
            })
        } else {
            Err(BillError::Check {
                mismatches: c.mismatches,
            })
        }
    }
}

#[derive(Default)]
struct Comparison {
    compared: Vec<&'static str>,
    skipped: Vec<&'static str>,
    mismatches: Vec<Mismatch>,
}

impl Comparison {
    /// Compare one summary column with its computed total; `None` on either side means the bill
    /// does not have what is needed, so the column is skipped rather than guessed.
    fn compare<T: PartialEq>(
        &mut self,
        header: &'static str,
        key: &'static str,
        summary: Option<T>,
        computed: Option<T>,
        show: impl Fn(&T) -> String,
    ) {
        match (summary, computed) {
            (Some(expected), Some(computed)) => {
                self.compared.push(header);
                if expected != computed {
                    self.mismatches.push(Mismatch {
                        field: format!("{header} ({key})"),
                        expected: show(&expected),
                        computed: show(&computed),
                    });
                }
            }
            _ => self.skipped.push(header),
        }
    }
}

fn count(c: &Count) -> String {
    c.0.to_string()
}

fn yuan(f: &Fen) -> String {
    f.yuan()
}

/// The amount columns of one trade record that the summary line totals (`None`: the bill lacks
/// the column).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TradeAmounts {
    pub settlement_total: Option<Fen>,
    pub refund: Option<Fen>,
    pub recharge_refund: Option<Fen>,
    pub fee: Option<Fee>,
    pub total: Option<Fen>,
    pub apply_refund: Option<Fen>,
}

impl TradeAmounts {
    fn of(r: &TradeRecord) -> Self {
        TradeAmounts {
            settlement_total: r.settlement_total_fen,
            refund: r.refund_fen,
            recharge_refund: r.recharge_refund_fen,
            fee: r.fee,
            total: r.total_fen,
            apply_refund: r.apply_refund_fen,
        }
    }
}

impl Totals {
    /// Add one trade record read by the fast path ([`super::BillReader::next_trade_line`]).
    pub(crate) fn add_trade(&mut self, a: &TradeAmounts) -> Result<(), &'static str> {
        match self {
            Totals::Trade(t) => t.add_amounts(a),
            Totals::FundFlow(_) => Ok(()),
        }
    }
}

impl TradeTotals {
    fn add(&mut self, r: &TradeRecord) -> Result<(), &'static str> {
        self.add_amounts(&TradeAmounts::of(r))
    }

    fn add_amounts(&mut self, r: &TradeAmounts) -> Result<(), &'static str> {
        self.records += 1;
        add_fen(
            &mut self.settlement_total,
            r.settlement_total,
            "settlement_total_fen",
        )?;
        add_fen(&mut self.refund, r.refund, "refund_fen")?;
        add_fen(
            &mut self.recharge_refund,
            r.recharge_refund,
            "recharge_refund_fen",
        )?;
        add_fen(&mut self.total, r.total, "total_fen")?;
        add_fen(&mut self.apply_refund, r.apply_refund, "apply_refund_fen")?;
        if let Some(fee) = r.fee {
            self.fee = self.fee.checked_add(fee).ok_or("fee")?;
        }
        Ok(())
    }

    /// §9.2: 总交易单数 = records; 应结订单总金额 = Σ 应结订单金额; 退款总金额 = Σ 退款金额;
    /// 充值券退款总金额 = Σ 充值券退款金额; 手续费总金额 = Σ 手续费; 订单总金额 = Σ 订单金额;
    /// 申请退款总金额 = Σ 申请退款金额.
    fn verify(&self, s: &TradeSummary, l: &Layout<TradeRecord>, c: &mut Comparison) {
        let computed = |field: TradeField, v: Fen| l.has(field).then_some(v);
        c.compare(
            "总交易单数",
            "count",
            s.count,
            Some(Count(self.records)),
            count,
        );
        c.compare(
            "应结订单总金额",
            "settlement_total_fen",
            s.settlement_total_fen,
            computed(TradeField::SettlementTotal, self.settlement_total),
            yuan,
        );
        c.compare(
            "退款总金额",
            "refund_fen",
            s.refund_fen,
            computed(TradeField::Refund, self.refund),
            yuan,
        );
        c.compare(
            "充值券退款总金额",
            "recharge_refund_fen",
            s.recharge_refund_fen,
            computed(TradeField::RechargeRefund, self.recharge_refund),
            yuan,
        );
        c.compare(
            "手续费总金额",
            "fee",
            s.fee,
            l.has(TradeField::Fee).then_some(self.fee),
            Fee::to_string,
        );
        c.compare(
            "订单总金额",
            "total_fen",
            s.total_fen,
            computed(TradeField::Total, self.total),
            yuan,
        );
        c.compare(
            "申请退款总金额",
            "apply_refund_fen",
            s.apply_refund_fen,
            computed(TradeField::ApplyRefund, self.apply_refund),
            yuan,
        );
    }
}

impl FundFlowTotals {
    fn add(&mut self, r: &FundFlowRecord) -> Result<(), &'static str> {
        use super::columns::Direction;
        self.records += 1;
        match r.direction {
            Some(Direction::Income) => {
                self.income_count += 1;
                add_fen(&mut self.income, r.amount_fen, "income_fen")?;
            }
            Some(Direction::Expense) => {
                self.expense_count += 1;
                add_fen(&mut self.expense, r.amount_fen, "expense_fen")?;
            }
            None => {}
        }
        Ok(())
    }

    /// §9.3: 资金流水总笔数 = records; 收入笔数/收入金额 = the 收入 records and the sum of their
    /// 收支金额; 支出笔数/支出金额 likewise for 支出.
    fn verify(&self, s: &FundFlowSummary, l: &Layout<FundFlowRecord>, c: &mut Comparison) {
        let directed = l.has(FundFlowField::Direction);
        let amounts = directed && l.has(FundFlowField::Amount);
        c.compare(
            "资金流水总笔数",
            "count",
            s.count,
            Some(Count(self.records)),
            count,
        );
        c.compare(
            "收入笔数",
            "income_count",
            s.income_count,
            directed.then_some(Count(self.income_count)),
            count,
        );
        c.compare(
            "收入金额",
            "income_fen",
            s.income_fen,
            amounts.then_some(self.income),
            yuan,
        );
        c.compare(
            "支出笔数",
            "expense_count",
            s.expense_count,
            directed.then_some(Count(self.expense_count)),
            count,
        );
        c.compare(
            "支出金额",
            "expense_fen",
            s.expense_fen,
            amounts.then_some(self.expense),
            yuan,
        );
    }
}
