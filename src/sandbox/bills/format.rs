//! The text format of a bill (apiv3.md §9): a UTF-8 BOM, CRLF lines, a plain header line, data
//! lines whose every field is backtick-prefixed, then a summary header and line. Rows are written
//! as they are made, hashed (SHA-1 over the uncompressed bytes, §8.3) and counted on the way.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{Context as _, Result};
use sha1::{Digest, Sha1};

use super::BillKind;
use crate::api::types::Fen;
use crate::api::{AccountType, BillType};
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

/// 手续费 with five decimals (§9.1): fen → 元.
fn yuan5(fen: i64) -> String {
    format!("{}.{:02}000", fen / 100, fen % 100)
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

    /// A data line: every field backtick-prefixed, empty ones too.
    fn fields(&mut self, fields: &[&str]) -> io::Result<()> {
        self.line.clear();
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.line.push(b',');
            }
            self.line.push(b'`');
            self.line.extend_from_slice(f.as_bytes());
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
const TRADE_SUMMARY: &str =
    "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
const FUND_HEADER: &str = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号";
const FUND_SUMMARY: &str = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";

pub(super) fn header_of(kind: BillKind) -> &'static str {
    match kind {
        BillKind::Trade(BillType::All) => TRADE_ALL,
        BillKind::Trade(BillType::Success) => TRADE_SUCCESS,
        BillKind::Trade(BillType::Refund) => {
            "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
        }
        BillKind::Fundflow(_) => FUND_HEADER,
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
    pub(super) time: i64,
}

/// 手续费 with five decimals, negative for fees returned with a refund.
fn signed_yuan5(fen: i64) -> String {
    if fen < 0 {
        format!("-{}", yuan5(-fen))
    } else {
        yuan5(fen)
    }
}

/// One row of a payment (`refund` = None) or of a refund of that sub-order.
pub(super) fn write_row(
    w: &mut BillWriter,
    kind: BillKind,
    r: &Row<'_>,
    refund: Option<&RefundRow<'_>>,
    t: &mut Totals,
) -> io::Result<()> {
    let paid_time = clock::bill_time(r.time);
    let total = Fen(r.total).to_string();
    let (desc, attach, device) = (text(r.description), text(r.attach), text(r.device_id));
    match (kind, refund) {
        (BillKind::Trade(BillType::All), None) => {
            let f = fee(r.total);
            w.fields(&[
                &paid_time,
                r.appid,
                r.mchid,
                r.sub_mchid,
                &device,
                r.transaction_id,
                r.out_trade_no,
                r.openid,
                r.trade_type,
                "SUCCESS",
                r.bank_type,
                "CNY",
                &total,
                "0.00",
                "0",
                "0",
                "0.00",
                "0.00",
                "",
                "",
                &desc,
                &attach,
                &yuan5(f),
                "0.60%",
                &total,
                "0.00",
                "",
            ])?;
            t.fees += f;
        }
        (BillKind::Trade(BillType::Success), None) => {
            let f = fee(r.total);
            w.fields(&[
                &paid_time,
                r.appid,
                r.mchid,
                r.sub_mchid,
                &device,
                r.transaction_id,
                r.out_trade_no,
                r.openid,
                r.trade_type,
                "SUCCESS",
                r.bank_type,
                "CNY",
                &total,
                "0.00",
                &desc,
                &attach,
                &yuan5(f),
                "0.60%",
                &total,
                "",
            ])?;
            t.fees += f;
        }
        // §9.1: refund rows have 应结订单金额 0.00; the fee on the refunded part comes back.
        (BillKind::Trade(BillType::All), Some(rf)) => {
            let back = -fee(rf.amount);
            let amount = Fen(rf.amount).to_string();
            w.fields(&[
                &clock::bill_time(rf.time),
                r.appid,
                r.mchid,
                r.sub_mchid,
                &device,
                r.transaction_id,
                r.out_trade_no,
                r.openid,
                r.trade_type,
                "REFUND",
                r.bank_type,
                "CNY",
                "0.00",
                "0.00",
                rf.refund_id,
                rf.out_refund_no,
                &amount,
                "0.00",
                "ORIGINAL",
                "SUCCESS",
                &desc,
                &attach,
                &signed_yuan5(back),
                "0.60%",
                "0.00",
                &amount,
                "",
            ])?;
            t.fees += back;
        }
        (BillKind::Trade(BillType::Refund), Some(rf)) => {
            let back = -fee(rf.amount);
            let amount = Fen(rf.amount).to_string();
            let when = clock::bill_time(rf.time);
            w.fields(&[
                &paid_time,
                r.appid,
                r.mchid,
                r.sub_mchid,
                &device,
                r.transaction_id,
                r.out_trade_no,
                r.openid,
                r.trade_type,
                "REFUND",
                r.bank_type,
                "CNY",
                "0.00",
                "0.00",
                &when,
                &when,
                rf.refund_id,
                rf.out_refund_no,
                &amount,
                "0.00",
                "ORIGINAL",
                "SUCCESS",
                &desc,
                &attach,
                &signed_yuan5(back),
                "0.60%",
                "0.00",
                &amount,
                "",
            ])?;
            t.fees += back;
        }
        (BillKind::Fundflow(AccountType::Basic), None) => {
            t.balance += r.total;
            let flow = fund_flow_no("1", r.time, r.transaction_id);
            w.fields(&[
                &paid_time,
                r.transaction_id,
                &flow,
                "交易",
                "交易",
                "收入",
                &total,
                &Fen(t.balance).to_string(),
                "system",
                "",
                r.out_trade_no,
            ])?;
        }
        (BillKind::Fundflow(AccountType::Basic), Some(rf)) => {
            t.balance -= rf.amount;
            let flow = fund_flow_no("3", rf.time, rf.refund_id);
            w.fields(&[
                &clock::bill_time(rf.time),
                rf.refund_id,
                &flow,
                "退款",
                "退款",
                "支出",
                &Fen(rf.amount).to_string(),
                &Fen(t.balance).to_string(),
                &format!("{}API", r.mchid),
                &format!("退款总金额{}元;含手续费0.00元", Fen(rf.amount)),
                rf.out_refund_no,
            ])?;
        }
        (BillKind::Fundflow(AccountType::Fees), None) => {
            let f = fee(r.total);
            if f == 0 {
                return Ok(());
            }
            t.balance += f;
            t.fees += f;
            let flow = fund_flow_no("2", r.time, r.transaction_id);
            w.fields(&[
                &paid_time,
                r.transaction_id,
                &flow,
                "手续费",
                "扣除交易手续费",
                "支出",
                &Fen(f).to_string(),
                &Fen(t.balance).to_string(),
                "system",
                &format!("交易手续费{}元", Fen(f)),
                r.out_trade_no,
            ])?;
        }
        // Not in these bills: payments in REFUND, refunds in SUCCESS and FEES, OPERATION at all.
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

pub(super) fn write_summary(w: &mut BillWriter, kind: BillKind, t: &Totals) -> io::Result<()> {
    match kind {
        BillKind::Trade(_) => {
            w.header(TRADE_SUMMARY)?;
            let paid = Fen(t.pay_amount).to_string();
            let refunded = Fen(t.refund_amount).to_string();
            w.fields(&[
                &t.rows.to_string(),
                &paid,
                &refunded,
                "0.00",
                &signed_yuan5(t.fees),
                &paid,
                &refunded,
            ])
        }
        BillKind::Fundflow(a) => {
            w.header(FUND_SUMMARY)?;
            let (inc_n, inc, out_n, out) = if a == AccountType::Fees {
                (0, 0, t.rows, t.fees)
            } else {
                (t.pay_n, t.pay_amount, t.refund_n, t.refund_amount)
            };
            w.fields(&[
                &t.rows.to_string(),
                &inc_n.to_string(),
                &Fen(inc).to_string(),
                &out_n.to_string(),
                &Fen(out).to_string(),
            ])
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
            BillKind::Trade(BillType::All),
            BillKind::Trade(BillType::Success),
            BillKind::Trade(BillType::Refund),
            BillKind::Fundflow(AccountType::Basic),
            BillKind::Fundflow(AccountType::Fees),
            BillKind::Fundflow(AccountType::Operation),
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
        assert_eq!(text("a,b\nc"), "a\\ b\\nc");
        assert_eq!(
            fund_flow_no("1", 1_554_209_975, "4200000000201904020000000001").len(),
            29
        );
    }
}
