//! The text format of a bill (apiv3.md §9): a UTF-8 BOM, CRLF lines, a plain header line, data
//! lines whose every field is backtick-prefixed, then a summary header and line. Rows are written
//! as they are made, hashed (SHA-1 over the uncompressed bytes, §8.3) and counted on the way.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{Context as _, Result};
use sha1::{Digest, Sha1};

use crate::api::{AccountType, Bill, BillType};
use crate::money::{Fee, Fen};
use crate::sandbox::clock;

/// The fields of one paid sub-order a bill row needs.
pub(super) struct Row<'a> {
    pub(super) time: i64,
    pub(super) appid: &'a str,
    pub(super) mchid: &'a str,
    /// 特约商户号: the 服务商 order's sub_mchid, `0` for a direct one (§9.1).
    pub(super) sub_mchid: &'a str,
    pub(super) device_id: &'a str,
    pub(super) transaction_id: &'a str,
    pub(super) out_trade_no: &'a str,
    pub(super) openid: &'a str,
    pub(super) trade_type: &'a str,
    pub(super) bank_type: &'a str,
    pub(super) total: i64,
    pub(super) description: &'a str,
    pub(super) attach: &'a str,
}

/// 0.60 % (§9.1 shows `0.60%`-style rates), rounded half up to the fen.
fn fee(total: i64) -> i64 {
    (total * 6 + 500) / 1000
}

/// 手续费 with five decimals (§9.1): fen → 元, negative for fees returned with a refund (§14.5).
fn yuan5(fen: i64) -> String {
    Fee(fen * 1000).to_string()
}

/// §9.4: free text escapes `,` as `\ ` and line breaks as `\n`, so a row never splits.
fn text(s: &str) -> String {
    s.replace(',', "\\ ")
        .replace("\r\n", "\\n")
        .replace(['\n', '\r'], "\\n")
}

/// Writes CRLF lines, hashing and counting every byte (§9.1, §8.3).
pub(super) struct BillWriter {
    out: BufWriter<File>,
    sha: Sha1,
    bytes: u64,
    line: Vec<u8>,
}

impl BillWriter {
    pub(super) fn new(path: &Path) -> Result<Self> {
        let f = File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let mut w = BillWriter {
            out: BufWriter::with_capacity(1 << 20, f),
            sha: Sha1::new(),
            bytes: 0,
            line: Vec::with_capacity(512),
        };
        // UTF-8 BOM (§9.1).
        w.raw(b"\xEF\xBB\xBF")?;
        Ok(w)
    }

    fn raw(&mut self, b: &[u8]) -> io::Result<()> {
        self.sha.update(b);
        self.bytes += b.len() as u64;
        self.out.write_all(b)
    }

    /// A header line: plain text, no backticks.
    pub(super) fn header(&mut self, h: &str) -> io::Result<()> {
        self.raw(h.as_bytes())?;
        self.raw(b"\r\n")
    }

    /// A data line under `header`: for each of its column names, in order, the value `cell`
    /// gives for that name, backtick-prefixed (empty ones too, §9.1). A column `cell` does not
    /// know is an error, so a header constant and the values cannot drift apart.
    fn row<'v>(
        &mut self,
        header: &str,
        mut cell: impl FnMut(&str) -> Option<Cow<'v, str>>,
    ) -> io::Result<()> {
        self.line.clear();
        for (i, column) in header.split(',').enumerate() {
            let value = cell(column).ok_or_else(|| {
                io::Error::other(format!("the bill writer has no value for column {column}"))
            })?;
            if i > 0 {
                self.line.push(b',');
            }
            self.line.push(b'`');
            self.line.extend_from_slice(value.as_bytes());
        }
        self.line.extend_from_slice(b"\r\n");
        let line = std::mem::take(&mut self.line);
        let r = self.raw(&line);
        self.line = line;
        r
    }

    pub(super) fn finish(mut self) -> Result<(String, u64)> {
        self.out.flush()?;
        self.out.get_ref().sync_all()?;
        let digest = self.sha.finalize();
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        Ok((hex, self.bytes))
    }
}

const TRADE_ALL: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
const TRADE_SUCCESS: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注";
const TRADE_REFUND: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
const TRADE_SUMMARY: &str =
    "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
const FUND_HEADER: &str = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号";
const FUND_SUMMARY: &str = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";

pub(super) fn header_of(kind: Bill) -> &'static str {
    match kind {
        Bill::Trade(BillType::All) => TRADE_ALL,
        Bill::Trade(BillType::Success) => TRADE_SUCCESS,
        Bill::Trade(BillType::Refund) => TRADE_REFUND,
        Bill::FundFlow(_) => FUND_HEADER,
    }
}

/// Running totals while rows are written.
#[derive(Default)]
pub(super) struct Totals {
    pub(super) rows: u64,
    pub(super) pay_n: u64,
    pub(super) pay_amount: i64,
    pub(super) refund_n: u64,
    pub(super) refund_amount: i64,
    /// Fees charged minus fees returned with refunds.
    pub(super) fees: i64,
    pub(super) balance: i64,
}

/// A refund of (part of) a sub-order, as bills show it.
pub(super) struct RefundRow<'a> {
    pub(super) refund_id: &'a str,
    pub(super) out_refund_no: &'a str,
    pub(super) amount: i64,
    /// When it was accepted (退款申请时间).
    pub(super) time: i64,
    /// 退款状态 when the bill is made (§14.5): `SUCCESS`, `PROCESSING`, `ABNORMAL`, `CLOSED`.
    pub(super) status: &'a str,
    /// 退款成功时间, once `SUCCESS`.
    pub(super) success_time: Option<i64>,
}

/// One data line of a trade bill: a payment, or a refund of (part of) that sub-order.
struct TradeLine<'a> {
    r: &'a Row<'a>,
    refund: Option<&'a RefundRow<'a>>,
    /// 交易时间: the payment's; in an ALL bill a refund row shows the refund's (§9.1).
    time: String,
    refund_time: String,
    /// 退款成功时间: empty until the refund succeeded.
    success_time: String,
    total: String,
    refund_amount: String,
    /// 手续费: charged on a payment, negative (returned) on a refund.
    fee: i64,
    desc: String,
    attach: String,
    device: String,
}

impl<'a> TradeLine<'a> {
    /// The value of the trade bill column `column` (§9.1), for any of the three headers.
    fn cell(&'a self, column: &str) -> Option<Cow<'a, str>> {
        let b = Cow::Borrowed;
        let r = self.r;
        let rf = self.refund;
        Some(match column {
            "交易时间" => b(&self.time),
            "公众账号ID" => b(r.appid),
            "商户号" => b(r.mchid),
            "特约商户号" => b(r.sub_mchid),
            "设备号" => b(&self.device),
            "微信订单号" => b(r.transaction_id),
            "商户订单号" => b(r.out_trade_no),
            "用户标识" => b(r.openid),
            "交易类型" => b(r.trade_type),
            "交易状态" => b(if rf.is_some() { "REFUND" } else { "SUCCESS" }),
            "付款银行" => b(r.bank_type),
            "货币种类" => b("CNY"),
            // §9.1: refund rows have 应结订单金额 (and 订单金额) 0.00.
            "应结订单金额" | "订单金额" => {
                b(if rf.is_some() { "0.00" } else { &self.total })
            }
            "代金券金额" | "充值券退款金额" => b("0.00"),
            "退款申请时间" => b(&self.refund_time),
            "退款成功时间" => b(&self.success_time),
            "微信退款单号" => b(rf.map_or("0", |rf| rf.refund_id)),
            "商户退款单号" => b(rf.map_or("0", |rf| rf.out_refund_no)),
            "退款金额" | "申请退款金额" => b(if rf.is_some() {
                &self.refund_amount
            } else {
                "0.00"
            }),
            "退款类型" => b(if rf.is_some() { "ORIGINAL" } else { "" }),
            "退款状态" => b(rf.map_or("", |rf| rf.status)),
            "商品名称" => b(&self.desc),
            "商户数据包" => b(&self.attach),
            "手续费" => Cow::Owned(yuan5(self.fee)),
            "费率" => b("0.60%"),
            "费率备注" => b(""),
            _ => return None,
        })
    }
}

/// One data line of a fund flow bill (§9.2).
struct FundLine<'a> {
    time: String,
    business_no: &'a str,
    flow_no: String,
    business: &'static str,
    business_type: &'static str,
    direction: &'static str,
    amount: i64,
    balance: i64,
    applicant: Cow<'a, str>,
    note: String,
    voucher: &'a str,
}

impl<'a> FundLine<'a> {
    /// The value of the fund flow bill column `column` (§9.2).
    fn cell(&'a self, column: &str) -> Option<Cow<'a, str>> {
        let b = Cow::Borrowed;
        Some(match column {
            "记账时间" => b(&self.time),
            "微信支付业务单号" => b(self.business_no),
            "资金流水单号" => b(&self.flow_no),
            "业务名称" => b(self.business),
            "业务类型" => b(self.business_type),
            "收支类型" => b(self.direction),
            "收支金额(元)" => Cow::Owned(Fen(self.amount).to_string()),
            "账户结余(元)" => Cow::Owned(Fen(self.balance).to_string()),
            "资金变更提交申请人" => b(&self.applicant),
            "备注" => b(&self.note),
            "业务凭证号" => b(self.voucher),
            _ => return None,
        })
    }
}

/// One row of a payment (`refund` = None) or of a refund of that sub-order, if `kind` shows it.
pub(super) fn write_row(
    w: &mut BillWriter,
    kind: Bill,
    r: &Row<'_>,
    refund: Option<&RefundRow<'_>>,
    t: &mut Totals,
) -> io::Result<()> {
    match (kind, refund) {
        (Bill::Trade(bill_type), _) => {
            // Payments are in ALL and SUCCESS, refunds in ALL and REFUND.
            let shown = match bill_type {
                BillType::All => true,
                BillType::Success => refund.is_none(),
                BillType::Refund => refund.is_some(),
            };
            if !shown {
                return Ok(());
            }
            let refund_time = refund.map(|rf| clock::bill_time(rf.time));
            let line = TradeLine {
                r,
                refund,
                time: match (&refund_time, bill_type) {
                    (Some(when), BillType::All) => when.clone(),
                    _ => clock::bill_time(r.time),
                },
                refund_time: refund_time.unwrap_or_default(),
                success_time: refund
                    .and_then(|rf| rf.success_time)
                    .map(clock::bill_time)
                    .unwrap_or_default(),
                total: Fen(r.total).to_string(),
                refund_amount: refund.map_or(String::new(), |rf| Fen(rf.amount).to_string()),
                fee: refund.map_or(fee(r.total), |rf| -fee(rf.amount)),
                desc: text(r.description),
                attach: text(r.attach),
                device: text(r.device_id),
            };
            w.row(header_of(kind), |c| line.cell(c))?;
            t.fees += line.fee;
        }
        (Bill::FundFlow(AccountType::Basic), None) => {
            t.balance += r.total;
            let line = FundLine {
                time: clock::bill_time(r.time),
                business_no: r.transaction_id,
                flow_no: fund_flow_no("1", r.time, r.transaction_id),
                business: "交易",
                business_type: "交易",
                direction: "收入",
                amount: r.total,
                balance: t.balance,
                applicant: Cow::Borrowed("system"),
                note: String::new(),
                voucher: r.out_trade_no,
            };
            w.row(FUND_HEADER, |c| line.cell(c))?;
        }
        (Bill::FundFlow(AccountType::Basic), Some(rf)) => {
            t.balance -= rf.amount;
            let line = FundLine {
                time: clock::bill_time(rf.time),
                business_no: rf.refund_id,
                flow_no: fund_flow_no("3", rf.time, rf.refund_id),
                business: "退款",
                business_type: "退款",
                direction: "支出",
                amount: rf.amount,
                balance: t.balance,
                applicant: Cow::Owned(format!("{}API", r.mchid)),
                note: format!("退款总金额{}元;含手续费0.00元", Fen(rf.amount)),
                voucher: rf.out_refund_no,
            };
            w.row(FUND_HEADER, |c| line.cell(c))?;
        }
        (Bill::FundFlow(AccountType::Fees), None) => {
            let f = fee(r.total);
            if f == 0 {
                return Ok(());
            }
            t.balance += f;
            t.fees += f;
            let line = FundLine {
                time: clock::bill_time(r.time),
                business_no: r.transaction_id,
                flow_no: fund_flow_no("2", r.time, r.transaction_id),
                business: "手续费",
                business_type: "扣除交易手续费",
                direction: "支出",
                amount: f,
                balance: t.balance,
                applicant: Cow::Borrowed("system"),
                note: format!("交易手续费{}元", Fen(f)),
                voucher: r.out_trade_no,
            };
            w.row(FUND_HEADER, |c| line.cell(c))?;
        }
        // Not in these bills: refunds in FEES, OPERATION at all.
        _ => return Ok(()),
    }
    t.rows += 1;
    match refund {
        None => {
            t.pay_n += 1;
            t.pay_amount += r.total;
        }
        Some(rf) => {
            t.refund_n += 1;
            t.refund_amount += rf.amount;
        }
    }
    Ok(())
}

/// 资金流水单号: 29 digits like the real sample (`50300806962021020105978994968`).
fn fund_flow_no(kind: &str, time: i64, id: &str) -> String {
    let tail = &id[id.len().saturating_sub(17)..];
    format!(
        "50{kind}{}{tail:0>18}",
        clock::compact_date(clock::date_of(time))
    )
}

/// The summary header and line, also written by column name (§9.1, §9.2).
pub(super) fn write_summary(w: &mut BillWriter, kind: Bill, t: &Totals) -> io::Result<()> {
    let o = |s: String| Some(Cow::Owned(s));
    match kind {
        Bill::Trade(_) => {
            w.header(TRADE_SUMMARY)?;
            w.row(TRADE_SUMMARY, |column| match column {
                "总交易单数" => o(t.rows.to_string()),
                "应结订单总金额" | "订单总金额" => o(Fen(t.pay_amount).to_string()),
                "退款总金额" | "申请退款总金额" => o(Fen(t.refund_amount).to_string()),
                "充值券退款总金额" => Some(Cow::Borrowed("0.00")),
                "手续费总金额" => o(yuan5(t.fees)),
                _ => None,
            })
        }
        Bill::FundFlow(a) => {
            w.header(FUND_SUMMARY)?;
            let (inc_n, inc, out_n, out) = if a == AccountType::Fees {
                (0, 0, t.rows, t.fees)
            } else {
                (t.pay_n, t.pay_amount, t.refund_n, t.refund_amount)
            };
            w.row(FUND_SUMMARY, |column| match column {
                "资金流水总笔数" => o(t.rows.to_string()),
                "收入笔数" => o(inc_n.to_string()),
                "收入金额" => o(Fen(inc).to_string()),
                "支出笔数" => o(out_n.to_string()),
                "支出金额" => o(Fen(out).to_string()),
                _ => None,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of bill with a payment of 10 fen (no fee), one of 12345 fen with text to
    /// escape, and a refund of 2000 fen of the latter, as the bytes of the file.
    fn render_every_kind() -> String {
        let dir = tempfile::tempdir().unwrap();
        let mut out = String::new();
        let kinds = [
            Bill::Trade(BillType::All),
            Bill::Trade(BillType::Success),
            Bill::Trade(BillType::Refund),
            Bill::FundFlow(AccountType::Basic),
            Bill::FundFlow(AccountType::Fees),
            Bill::FundFlow(AccountType::Operation),
        ];
        for (n, kind) in kinds.into_iter().enumerate() {
            let path = dir.path().join(format!("{n}.csv"));
            let mut w = BillWriter::new(&path).unwrap();
            w.header(header_of(kind)).unwrap();
            let mut t = Totals::default();
            let small = Row {
                time: 1_554_209_975,
                appid: "wxd678efh567hg6787",
                mchid: "1900000109",
                sub_mchid: "0",
                device_id: "",
                transaction_id: "4200000000201904020000000001",
                out_trade_no: "20150806125346",
                openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
                trade_type: "JSAPI",
                bank_type: "OTHERS",
                total: 10,
                description: "d",
                attach: "",
            };
            let big = Row {
                time: 1_554_210_000,
                mchid: "1900000119",
                sub_mchid: "1900000129",
                device_id: "POS,1",
                transaction_id: "4200000000201904020000000002",
                out_trade_no: "20150806125347",
                total: 12_345,
                description: "a,b\nc",
                attach: "x\r\ny",
                ..small
            };
            let refund = RefundRow {
                refund_id: "50300000002019040200000000000001",
                out_refund_no: "R20150806125347001",
                amount: 2_000,
                time: 1_554_213_600,
                status: "SUCCESS",
                success_time: Some(1_554_213_600),
            };
            write_row(&mut w, kind, &small, None, &mut t).unwrap();
            write_row(&mut w, kind, &big, None, &mut t).unwrap();
            write_row(&mut w, kind, &big, Some(&refund), &mut t).unwrap();
            write_summary(&mut w, kind, &t).unwrap();
            let (sha1, bytes) = w.finish().unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(bytes, text.len() as u64);
            out.push_str(&format!("== {kind:?} rows {} sha1 {sha1}\n{text}", t.rows));
        }
        out
    }

    #[test]
    fn every_kind_of_row_is_byte_exact() {
        let got = render_every_kind();
        if let Some(path) = std::env::var_os("WXCOMBINE_PRINT_BILL_ROWS") {
            std::fs::write(path, &got).unwrap();
        }
        assert_eq!(got, EVERY_KIND);
    }

    /// Written by the code before issue 12's redesign (`WXCOMBINE_PRINT_BILL_ROWS=FILE` rewrites
    /// it): a BOM, CRLF lines, and every field as that code put it.
    const EVERY_KIND: &str = include_str!("testdata/every_kind_of_bill.txt");

    #[test]
    fn money_and_text_formats() {
        assert_eq!(fee(10), 0);
        assert_eq!(fee(100), 1);
        assert_eq!(fee(250), 2);
        assert_eq!(yuan5(123), "1.23000");
        assert_eq!(yuan5(-21), "-0.21000");
        assert_eq!(text("a,b\nc"), "a\\ b\\nc");
        assert_eq!(
            fund_flow_no("1", 1_554_209_975, "4200000000201904020000000001").len(),
            29
        );
    }
}
