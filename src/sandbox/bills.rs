//! Bills (apiv3.md §8, §9, §13.24–26): built from the orders paid on a date, streamed to a file in
//! the data dir once (never held in memory), hashed (SHA-1 over the uncompressed bytes) as they are
//! written, gzipped on demand, and served from disk against one-time tokens.
//!
//! What the bills hold (each merchant's bill: only its own sub-orders, §8.1):
//! * trade `ALL`: one `SUCCESS` row per sub-order paid that day (0.60 % fee rounded to the fen)
//!   and one `REFUND` row per refund made that day (`POST /sandbox/v1/orders/{no}/refund`), with
//!   应结订单金额 0.00 and the refunded part's fee returned as a negative 手续费; `SUCCESS`: the
//!   payment rows; `REFUND`: the refund rows (交易时间 = payment time, then 退款申请时间 and
//!   退款成功时间 = refund time).
//! * fund-flow `BASIC`: one 收入 (交易) row per paid sub-order and one 支出 (退款) row per refund,
//!   with a running balance; `FEES`: one 支出 (扣除交易手续费) row per sub-order whose fee is at
//!   least one fen, the balance being the fees charged so far; `OPERATION`: nothing ever moves
//!   there, so it is always `NO_STATEMENT_EXIST`.
//!
//! An empty bill of any type is `NO_STATEMENT_EXIST` (§13.24 "no data").
//!
//! 服务商 orders (§6.3, `--service-provider`): a sub-order's `mchid` is the 服务商's, so its row is
//! in the 服务商's trade bill with 特约商户号 = its `sub_mchid` (§9.2; `0` for direct orders), and
//! `?sub_mchid=X` narrows that bill to X's rows (§8.1). The money is the 二级商户's, so such a
//! sub-order's fund-flow rows are in the 二级商户's own fund-flow bill, not the 服务商's.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use super::Core;
use super::clock;
use super::orders::{StoredOrder, internal, order_key};
use super::respond::ApiFailure;
use super::store::{self, BILLS, ORDERS, TOKENS};
use crate::api::types::Fen;
use crate::api::{AccountType, BillType};

/// §8.3 / §13.25: the strict reading of the token's life, 30 seconds.
pub const TOKEN_TTL_MS: i64 = 30_000;

/// Which bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillKind {
    Trade(BillType),
    Fundflow(AccountType),
}

impl BillKind {
    fn name(self) -> (&'static str, &'static str) {
        match self {
            BillKind::Trade(t) => ("trade", t.as_str()),
            BillKind::Fundflow(a) => ("fundflow", a.as_str()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct BillMeta {
    version: u64,
    /// Relative to the data dir.
    path: String,
    sha1: String,
    bytes: u64,
    rows: u64,
    #[serde(default)]
    gz_path: Option<String>,
    #[serde(default)]
    gz_bytes: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Token {
    mchid: String,
    bill: String,
    gzip: bool,
    /// Business time, ms.
    created_ms: i64,
    used: bool,
}

/// A file to stream for `GET /v3/billdownload/file`.
pub struct Download {
    pub path: PathBuf,
    pub len: u64,
    pub gzip: bool,
}

/// The fields of one paid sub-order a bill row needs.
struct Row<'a> {
    time: i64,
    appid: &'a str,
    mchid: &'a str,
    /// 特约商户号: the 服务商 order's sub_mchid, `0` for a direct one (§9.1).
    sub_mchid: &'a str,
    device_id: &'a str,
    transaction_id: &'a str,
    out_trade_no: &'a str,
    openid: &'a str,
    trade_type: &'a str,
    bank_type: &'a str,
    total: i64,
    description: &'a str,
    attach: &'a str,
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
struct BillWriter {
    out: BufWriter<File>,
    sha: Sha1,
    bytes: u64,
    line: Vec<u8>,
}

impl BillWriter {
    fn new(path: &Path) -> Result<Self> {
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
    fn header(&mut self, h: &str) -> io::Result<()> {
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

    fn finish(mut self) -> Result<(String, u64)> {
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

fn header_of(kind: BillKind) -> &'static str {
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
struct Totals {
    rows: u64,
    pay_n: u64,
    pay_amount: i64,
    refund_n: u64,
    refund_amount: i64,
    /// Fees charged minus fees returned with refunds.
    fees: i64,
    balance: i64,
}

/// A refund of (part of) a sub-order, as bills show it.
struct RefundRow<'a> {
    refund_id: &'a str,
    out_refund_no: &'a str,
    amount: i64,
    time: i64,
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
fn write_row(
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

fn write_summary(w: &mut BillWriter, kind: BillKind, t: &Totals) -> io::Result<()> {
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

/// The parameters of an apply request, already validated.
pub struct BillRequest {
    pub date: time::Date,
    pub kind: BillKind,
    pub gzip: bool,
    /// Trade bills of a 服务商 only, already checked: just this 二级商户's rows (§8.1).
    pub sub_mchid: Option<String>,
}

fn flip_hash(h: &str) -> String {
    let mut c: Vec<char> = h.chars().collect();
    if let Some(first) = c.first_mut() {
        *first = if *first == '0' { '1' } else { '0' };
    }
    c.into_iter().collect()
}

impl Core {
    /// §8.4 availability (business clock), then generate (or reuse) the file and hand out a token.
    pub fn apply_bill(
        &self,
        mchid: &str,
        req: &BillRequest,
        host: &str,
        wrong_hash: bool,
    ) -> Result<Value, ApiFailure> {
        let now = self.clock.now();
        let today = clock::date_of(now);
        let date_s = clock::format_date(req.date);
        if req.date >= today {
            return Err(ApiFailure::new(400, "INVALID_REQUEST", "账单日期不能是今天或未来的日期")
                .detail(json!({"field": "bill_date", "value": date_s, "issue": format!("bills exist only for days before today ({})", clock::format_date(today)), "location": "query"})));
        }
        if req.date < clock::minus_months(today, 3) {
            return Err(ApiFailure::new(400, "INVALID_REQUEST", "只能下载三个月以内的账单")
                .detail(json!({"field": "bill_date", "value": date_s, "issue": "bills are kept for the last 3 months only", "location": "query"})));
        }
        let next_day = req.date.next_day().unwrap_or(req.date);
        if now < clock::day_start(next_day) + 10 * 3600 {
            return Err(ApiFailure::new(
                400,
                "STATEMENT_CREATING",
                "账单生成中，请在次日10点后再获取",
            ));
        }
        let meta = self
            .bill_file(mchid, req.sub_mchid.as_deref(), &date_s, req.kind, req.gzip)
            .map_err(internal)?;
        let Some((bill_key, meta)) = meta else {
            return Err(ApiFailure::new(400, "NO_STATEMENT_EXIST", "账单文件不存在"));
        };
        let token: String = crate::rand::alphanumeric(64);
        let t = Token {
            mchid: mchid.into(),
            bill: bill_key,
            gzip: req.gzip,
            created_ms: self.clock.now_ms(),
            used: false,
        };
        self.store
            .write(|txn| store::put_in(txn, TOKENS, &token, &t))
            .map_err(internal)?;
        let hash = if wrong_hash {
            flip_hash(&meta.sha1)
        } else {
            meta.sha1
        };
        Ok(json!({
            "hash_type": "SHA1",
            "hash_value": hash,
            "download_url": format!("http://{host}/v3/billdownload/file?token={token}"),
        }))
    }

    /// The bill file (generated now if missing or stale), or `None` for an empty bill.
    fn bill_file(
        &self,
        mchid: &str,
        sub_mchid: Option<&str>,
        date: &str,
        kind: BillKind,
        gzip: bool,
    ) -> Result<Option<(String, BillMeta)>> {
        let _guard = self.bill_lock.lock().expect("bill lock");
        let (k, t) = kind.name();
        let key = match sub_mchid {
            None => format!("{mchid}/{date}/{k}/{t}"),
            Some(sub) => format!("{mchid}/sub-{sub}/{date}/{k}/{t}"),
        };
        let version = self.store.meta_u64(&format!("billver/{date}"))?;
        let mut meta = match self.store.get::<BillMeta>(BILLS, &key)? {
            Some(m) if m.version == version && self.data_dir.join(&m.path).exists() => m,
            old => {
                if let Some(old) = old {
                    let _ = fs::remove_file(self.data_dir.join(&old.path));
                    if let Some(gz) = &old.gz_path {
                        let _ = fs::remove_file(self.data_dir.join(gz));
                    }
                }
                let m = self.generate(mchid, sub_mchid, date, kind, version)?;
                self.store
                    .write(|txn| store::put_in(txn, BILLS, &key, &m))?;
                m
            }
        };
        if meta.rows == 0 {
            return Ok(None);
        }
        if gzip
            && meta
                .gz_path
                .as_ref()
                .is_none_or(|p| !self.data_dir.join(p).exists())
        {
            let rel = format!("{}.gz", meta.path);
            meta.gz_bytes = gzip_file(&self.data_dir.join(&meta.path), &self.data_dir.join(&rel))?;
            meta.gz_path = Some(rel);
            self.store
                .write(|txn| store::put_in(txn, BILLS, &key, &meta))?;
        }
        Ok(Some((key, meta)))
    }

    fn generate(
        &self,
        mchid: &str,
        sub_mchid: Option<&str>,
        date: &str,
        kind: BillKind,
        version: u64,
    ) -> Result<BillMeta> {
        let (k, t) = kind.name();
        let rel = match sub_mchid {
            None => format!("bills/{mchid}/{date}/{k}-{t}-v{version}.csv"),
            Some(sub) => format!("bills/{mchid}/sub-{sub}/{date}/{k}-{t}-v{version}.csv"),
        };
        // Whose rows: a trade bill holds the sub-orders whose mchid is the caller's (narrowed to
        // one 二级商户 by sub_mchid); a fund-flow bill those whose money the caller holds — the
        // 二级商户's for a 服务商 order, the mchid's otherwise.
        let mine = |so_mchid: &str, so_sub: Option<&str>| match kind {
            BillKind::Trade(_) => so_mchid == mchid && sub_mchid.is_none_or(|x| so_sub == Some(x)),
            BillKind::Fundflow(_) => so_sub.unwrap_or(so_mchid) == mchid,
        };
        let path = self.data_dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut w = BillWriter::new(&path)?;
        w.header(header_of(kind))?;
        let mut totals = Totals::default();

        // Orders paid or refunded through the API on that date, in time order: (time, order, refund).
        let mut events: Vec<(i64, usize, Option<usize>)> = Vec::new();
        let mut orders: Vec<StoredOrder> = Vec::new();
        for (key, time) in self.store.index_on(store::PAID, date)? {
            if let Some(i) = load_order(&self.store, &mut orders, &key)? {
                events.push((time, i, None));
            }
        }
        for (key, _) in self.store.index_on(store::REFUNDS, date)? {
            // `{order key}#{out_refund_no}`
            let Some((okey, out_refund_no)) = key.rsplit_once('#') else {
                continue;
            };
            if let Some(i) = load_order(&self.store, &mut orders, okey)?
                && let Some(r) = orders[i]
                    .refunds
                    .iter()
                    .position(|r| r.out_refund_no == out_refund_no)
            {
                events.push((orders[i].refunds[r].time, i, Some(r)));
            }
        }
        events.sort();
        let g = |v: &Value, ptr: &str| {
            v.pointer(ptr)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        for (_, oi, refund) in events {
            let o = &orders[oi];
            let Some(p) = &o.payment else { continue };
            let appid = g(&o.request, "/combine_appid");
            let device = g(&o.request, "/scene_info/device_id");
            for (i, so) in o.sub_orders().iter().enumerate() {
                let so_sub = so.get("sub_mchid").and_then(Value::as_str);
                if !mine(&g(so, "/mchid"), so_sub) {
                    continue;
                }
                let rf = refund.map(|r| &o.refunds[r]);
                if rf.is_some_and(|r| r.sub != i) {
                    continue;
                }
                let row = Row {
                    time: p.success_time,
                    appid: &appid,
                    mchid: &g(so, "/mchid"),
                    sub_mchid: so_sub.unwrap_or("0"),
                    device_id: &device,
                    transaction_id: p.transaction_ids.get(i).map(String::as_str).unwrap_or(""),
                    out_trade_no: &g(so, "/out_trade_no"),
                    openid: &p.openid,
                    trade_type: o.scene.trade_type(),
                    bank_type: &p.bank_type,
                    total: so
                        .pointer("/amount/total_amount")
                        .and_then(Value::as_i64)
                        .unwrap_or(0),
                    description: &g(so, "/description"),
                    attach: &g(so, "/attach"),
                };
                let refund_row = rf.map(|r| RefundRow {
                    refund_id: &r.refund_id,
                    out_refund_no: &r.out_refund_no,
                    amount: r.amount,
                    time: r.time,
                });
                write_row(&mut w, kind, &row, refund_row.as_ref(), &mut totals)?;
            }
        }

        // Seeded batches of that date, derived order by order (nothing is held in memory).
        let batches: Vec<_> = self
            .seeds
            .read()
            .expect("seeds lock")
            .iter()
            .filter(|b| b.date == date)
            .cloned()
            .collect();
        for b in batches {
            for i in 0..b.count {
                let o = b.order(i);
                for s in o
                    .subs
                    .iter()
                    .filter(|s| mine(&s.mchid, s.sub_mchid.as_deref()))
                {
                    let row = Row {
                        time: o.success_time,
                        appid: &b.appid,
                        mchid: &s.mchid,
                        sub_mchid: s.sub_mchid.as_deref().unwrap_or("0"),
                        device_id: "",
                        transaction_id: &s.transaction_id,
                        out_trade_no: &s.out_trade_no,
                        openid: &b.openid,
                        trade_type: "JSAPI",
                        bank_type: s.bank_type,
                        total: s.total,
                        description: s.description,
                        attach: s.attach,
                    };
                    write_row(&mut w, kind, &row, None, &mut totals)?;
                }
            }
        }
        write_summary(&mut w, kind, &totals)?;
        let (sha1, bytes) = w.finish()?;
        Ok(BillMeta {
            version,
            path: rel,
            sha1,
            bytes,
            rows: totals.rows,
            gz_path: None,
            gz_bytes: 0,
        })
    }

    /// §13.25: the token exists, belongs to the caller, is unused and at most 30 s old; it is
    /// spent (durably) before the first byte goes out. `expired` (the `expire-token` fault)
    /// judges it as if its 30 s were over, whatever its age.
    pub fn redeem_token(
        &self,
        mchid: &str,
        token: &str,
        expired: bool,
    ) -> Result<Download, ApiFailure> {
        let now_ms = self.clock.now_ms();
        self.store
            .write(|txn| {
                let Some(mut t) = store::get_in::<Token>(txn, TOKENS, token)? else {
                    return Ok(Err(ApiFailure::new(400, "INVALID_REQUEST", "下载链接无效").detail(json!({"field": "token", "issue": "unknown download token", "location": "query"}))));
                };
                if t.mchid != mchid {
                    return Ok(Err(ApiFailure::new(403, "NO_AUTH", "商户无权限").detail(json!({"field": "token", "issue": format!("the bill was applied for by merchant {}, not {mchid}", t.mchid), "location": "query"}))));
                }
                if t.used {
                    return Ok(Err(ApiFailure::new(400, "INVALID_REQUEST", "下载链接已失效").detail(json!({"field": "token", "issue": "the download token was already used; apply for the bill again", "location": "query"}))));
                }
                if expired {
                    // Aged for good: the same token stays expired afterwards.
                    t.created_ms = t.created_ms.min(now_ms - TOKEN_TTL_MS - 1);
                    store::put_in(txn, TOKENS, token, &t)?;
                }
                if now_ms - t.created_ms > TOKEN_TTL_MS {
                    return Ok(Err(ApiFailure::new(400, "INVALID_REQUEST", "下载链接已失效").detail(json!({"field": "token", "issue": "the download token is older than 30 s; apply for the bill again", "location": "query"}))));
                }
                let Some(meta) = store::get_in::<BillMeta>(txn, BILLS, &t.bill)? else {
                    return Ok(Err(ApiFailure::new(400, "NO_STATEMENT_EXIST", "账单文件不存在")));
                };
                t.used = true;
                store::put_in(txn, TOKENS, token, &t)?;
                let (rel, len) = match (&meta.gz_path, t.gzip) {
                    (Some(gz), true) => (gz.clone(), meta.gz_bytes),
                    _ => (meta.path.clone(), meta.bytes),
                };
                Ok(Ok(Download {
                    path: self.data_dir.join(rel),
                    len,
                    gzip: t.gzip,
                }))
            })
            .map_err(internal)?
    }
}

/// The index of order `key` in `orders`, loading it from the store the first time.
fn load_order(
    store: &super::store::Store,
    orders: &mut Vec<StoredOrder>,
    key: &str,
) -> Result<Option<usize>> {
    if let Some(i) = orders
        .iter()
        .position(|o| order_key(&o.combine_mchid, &o.combine_out_trade_no) == key)
    {
        return Ok(Some(i));
    }
    Ok(store.get::<StoredOrder>(ORDERS, key)?.map(|o| {
        orders.push(o);
        orders.len() - 1
    }))
}

/// gzip `src` into `dst` (streaming, fast level); returns the compressed size.
fn gzip_file(src: &Path, dst: &Path) -> Result<u64> {
    let mut input = io::BufReader::with_capacity(1 << 20, File::open(src)?);
    let out = File::create(dst).with_context(|| format!("creating {}", dst.display()))?;
    let mut enc = flate2::write::GzEncoder::new(
        BufWriter::with_capacity(1 << 20, out),
        flate2::Compression::fast(),
    );
    io::copy(&mut input, &mut enc)?;
    let w = enc.finish()?;
    let f = w.into_inner().map_err(|e| e.into_error())?;
    f.sync_all()?;
    Ok(f.metadata()?.len())
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
        assert_eq!(flip_hash("0abc"), "1abc");
        assert_eq!(
            fund_flow_no("1", 1_554_209_975, "4200000000201904020000000001").len(),
            29
        );
    }
}
