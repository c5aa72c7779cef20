//! `bill summary` (issue 14, item 8): trade bills added up per day, per merchant or per
//! sub-merchant. Each bill is streamed with [`BillReader::next_trade_line`] (flat memory whatever its
//! size), its rows added in exact integers, and then checked against its own summary line twice:
//! the reader's column-by-column check (apiv3.md §9.2), and the figures this module shows
//! (gross, refunds, fees) against the summary line's. Pure of the network and of stdout.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use super::{BillError, BillReader, Fee, Mismatch, Summary, TradeField};
use crate::api::BillKind;
use crate::money::Fen;

/// How rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Day,
    Mchid,
    SubMchid,
}

/// The figures of a group of bill rows, in exact integers (fen; 0.00001 元 for 手续费, §9.1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    /// Payment records whose 交易状态 is SUCCESS.
    pub orders: u64,
    /// Refund records (交易状态 REFUND).
    pub refund_rows: u64,
    /// Σ 应结订单金额.
    pub gross: Fen,
    /// Σ 退款金额.
    pub refunds: Fen,
    /// Σ 手续费, net of the fees returned with refunds (negative on refund rows, §14.5).
    pub fees: Fee,
}

impl Figures {
    /// gross − refunds − fees, in 0.00001 元 (the fee's unit, so nothing is rounded).
    pub fn net(&self) -> i128 {
        i128::from(self.gross.0) * 1000
            - i128::from(self.refunds.0) * 1000
            - i128::from(self.fees.0)
    }

    fn add(&mut self, o: &Figures) -> Result<(), &'static str> {
        self.orders += o.orders;
        self.refund_rows += o.refund_rows;
        self.gross = self.gross.checked_add(o.gross).ok_or("gross")?;
        self.refunds = self.refunds.checked_add(o.refunds).ok_or("refunds")?;
        self.fees = self.fees.checked_add(o.fees).ok_or("fees")?;
        Ok(())
    }
}

/// One bill to add up; `date` is the day it stands for (the row key of `--by day`).
#[derive(Debug, Clone)]
pub struct SummaryBill {
    pub path: PathBuf,
    pub date: String,
}

/// One row of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The day (`--by day`), else empty.
    pub date: String,
    /// The merchant (`--by mchid|sub_mchid`), else empty.
    pub mchid: String,
    /// The sub-merchant (`--by sub_mchid`; empty for a merchant's own rows).
    pub sub_mchid: String,
    pub figures: Figures,
}

/// What one bill held, as checked.
#[derive(Debug, Clone)]
pub struct BillTotals {
    pub path: PathBuf,
    pub date: String,
    pub rows: u64,
    pub figures: Figures,
}

#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    /// The bill cannot be read, is not a trade bill, or does not add up to its summary line.
    #[error("{}", path.display())]
    Bill {
        path: PathBuf,
        #[source]
        source: BillError,
    },
}

/// Add up `bills`, grouped `by`. The groups come sorted by their key; a bill whose rows disagree
/// with its summary line stops everything ([`BillError::Check`], exit 6, naming the file).
pub fn summarize(
    bills: &[SummaryBill],
    by: GroupBy,
) -> Result<(Vec<Group>, Vec<BillTotals>), SummaryError> {
    let mut groups: HashMap<String, HashMap<String, Figures>> = HashMap::new();
    let mut read = Vec::with_capacity(bills.len());
    for b in bills {
        let wrap = |source| SummaryError::Bill {
            path: b.path.clone(),
            source,
        };
        let totals = read_bill(&b.path, &b.date, |day, mchid, sub, f| {
            let (k1, k2) = match by {
                GroupBy::Day => (day, ""),
                GroupBy::Mchid => (mchid, ""),
                GroupBy::SubMchid => (mchid, sub),
            };
            // Look up by &str first: a row allocates only for a group not seen before.
            let inner = match groups.get_mut(k1) {
                Some(g) => g,
                None => groups.entry(k1.to_string()).or_default(),
            };
            let fig = match inner.get_mut(k2) {
                Some(x) => x,
                None => inner.entry(k2.to_string()).or_default(),
            };
            fig.add(f)
        })
        .map_err(wrap)?;
        read.push(BillTotals {
            path: b.path.clone(),
            date: b.date.clone(),
            rows: totals.0,
            figures: totals.1,
        });
    }
    let mut out: Vec<Group> = groups
        .into_iter()
        .flat_map(|(k1, inner)| {
            inner.into_iter().map(move |(k2, figures)| {
                let (date, mchid, sub_mchid) = match by {
                    GroupBy::Day => (k1.clone(), String::new(), String::new()),
                    GroupBy::Mchid => (String::new(), k1.clone(), String::new()),
                    GroupBy::SubMchid => (String::new(), k1.clone(), k2),
                };
                Group {
                    date,
                    mchid,
                    sub_mchid,
                    figures,
                }
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.date, &a.mchid, &a.sub_mchid).cmp(&(&b.date, &b.mchid, &b.sub_mchid)));
    Ok((out, read))
}

/// Stream one trade bill, handing each row's figures to `each` (with the bill's day, the row's
/// 商户号 and 特约商户号), then check the bill against its summary line. Returns the number of
/// rows and the bill's own figures.
fn read_bill(
    path: &Path,
    date: &str,
    mut each: impl FnMut(&str, &str, &str, &Figures) -> Result<(), &'static str>,
) -> Result<(u64, Figures), BillError> {
    let f = File::open(path).map_err(|source| BillError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    let mut r = BillReader::new(f)?;
    if r.kind() != BillKind::Trade {
        return Err(BillError::NotABill {
            reason: "a fund-flow bill; bill summary adds up trade bills".into(),
        });
    }
    let mut bill = Figures::default();
    let overflow = |line: u64, what: &str| {
        BillError::malformed(line, format!("the {what} of the bill's rows is too large"))
    };
    while let Some(l) = r.next_trade_line()? {
        let state = l.get(TradeField::TradeState).unwrap_or("");
        let a = &l.amounts;
        let row = Figures {
            orders: u64::from(state == "SUCCESS"),
            refund_rows: u64::from(state == "REFUND"),
            gross: a.settlement_total.unwrap_or_default(),
            refunds: a.refund.unwrap_or_default(),
            fees: a.fee.unwrap_or_default(),
        };
        let mchid = l.get(TradeField::Mchid).unwrap_or("");
        let sub = l.get(TradeField::SubMchid).unwrap_or("");
        let line = l.line;
        each(date, mchid, sub, &row).map_err(|w| overflow(line, w))?;
        bill.add(&row).map_err(|w| overflow(line, w))?;
    }
    let report = r.check()?;
    // The reader compared every column it could; compare what this summary shows as well, so a
    // bill without a column (the early format, §9.4) cannot pass with figures nobody checked.
    if let Some(Summary::Trade(s)) = r.summary() {
        let mut mismatches = Vec::new();
        let mut cmp = |field: &str, expected: Option<String>, computed: String| {
            if let Some(e) = expected
                && e != computed
            {
                mismatches.push(Mismatch {
                    field: field.to_string(),
                    expected: e,
                    computed,
                });
            }
        };
        cmp(
            "应结订单总金额 (gross)",
            s.settlement_total_fen.map(Fen::yuan),
            bill.gross.yuan(),
        );
        cmp(
            "退款总金额 (refunds)",
            s.refund_fen.map(Fen::yuan),
            bill.refunds.yuan(),
        );
        cmp(
            "手续费总金额 (fees)",
            s.fee.map(|f| f.to_string()),
            bill.fees.to_string(),
        );
        if !mismatches.is_empty() {
            return Err(BillError::Check { mismatches });
        }
    }
    Ok((report.records, bill))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";

    /// A trade row from `"mchid sub_mchid out_trade_no state gross refund fee"` (`-`: no
    /// sub_mchid).
    fn row(spec: &str) -> String {
        let f: Vec<&str> = spec.split(' ').collect();
        let [mchid, sub, no, state, gross, refund, fee] = f[..] else {
            panic!("seven fields: {spec}")
        };
        let sub = if sub == "-" { "" } else { sub };
        format!(
            "`2026-05-01 10:00:00,`wx1,`{mchid},`{sub},`,`42{no},`{no},`o1,`JSAPI,`{state},`CMB_DEBIT,`CNY,`{gross},`0.00,`{},`{},`{refund},`0.00,`{},`{},`t,`,`{fee},`0.60%,`{gross},`{refund},`",
            if state == "REFUND" { "50r" } else { "0" },
            if state == "REFUND" { "R1" } else { "0" },
            if state == "REFUND" { "ORIGINAL" } else { "" },
            if state == "REFUND" { "SUCCESS" } else { "" }
        )
    }

    fn bill(dir: &Path, name: &str, rows: &[String], summary: &str) -> PathBuf {
        let p = dir.join(name);
        let mut s = format!("{HEADER}\n");
        for r in rows {
            s += r;
            s.push('\n');
        }
        s += "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n";
        s += summary;
        s.push('\n');
        std::fs::write(&p, s).unwrap();
        p
    }

    #[test]
    fn groups_by_merchant_and_checks_the_summary_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = bill(
            dir.path(),
            "a.csv",
            &[
                row("1900000109 - A1 SUCCESS 100.00 0.00 0.60000"),
                row("1900000109 1900000201 A2 SUCCESS 50.00 0.00 0.30000"),
                row("1900000109 1900000201 A2 REFUND 0.00 20.00 -0.12000"),
            ],
            "`3,`150.00,`20.00,`0.00,`0.78000,`150.00,`20.00",
        );
        let bills = [SummaryBill {
            path: p,
            date: "2026-05-01".into(),
        }];
        let (g, read) = summarize(&bills, GroupBy::SubMchid).unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!((g[0].sub_mchid.as_str(), g[0].figures.orders), ("", 1));
        assert_eq!(g[1].figures.refund_rows, 1);
        assert_eq!(g[1].figures.net(), (5_000 - 2_000) * 1000 - 18_000);
        assert_eq!(read[0].figures.gross, Fen(15_000));
        let (g, _) = summarize(&bills, GroupBy::Day).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].figures.orders, 2);
        assert_eq!(g[0].figures.fees, Fee(78_000));
    }

    #[test]
    fn a_bill_that_disagrees_with_its_summary_line_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = bill(
            dir.path(),
            "bad.csv",
            &[row("1900000109 - A1 SUCCESS 100.00 0.00 0.60000")],
            "`1,`99.00,`0.00,`0.00,`0.60000,`100.00,`0.00",
        );
        let e = summarize(
            &[SummaryBill {
                path: p.clone(),
                date: "2026-05-01".into(),
            }],
            GroupBy::Day,
        )
        .unwrap_err();
        let SummaryError::Bill { path, source } = e;
        assert_eq!(path, p);
        assert!(matches!(source, BillError::Check { .. }), "{source:?}");
    }
}
