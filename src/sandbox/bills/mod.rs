//! Bills (apiv3.md §8, §9, §13.24–26): built from the orders paid on a date, streamed to a file in
//! the data dir once (never held in memory), hashed (SHA-1 over the uncompressed bytes) as they are
//! written, gzipped on demand, and served from disk against one-time tokens.
//!
//! What the bills hold (each merchant's bill: only its own sub-orders, §8.1):
//! * trade `ALL`: one `SUCCESS` row per sub-order paid that day (0.60 % fee rounded to the fen)
//!   and one `REFUND` row per refund accepted that day (the refund API or its control hook, §14.5),
//!   with 应结订单金额 0.00 and the refunded part's fee returned as a negative 手续费; `SUCCESS`: the
//!   payment rows; `REFUND`: the refund rows (交易时间 = payment time, then 退款申请时间 = when it
//!   was accepted, 退款成功时间 = when it succeeded, and 退款状态 as of when the bill is made).
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
//!
//! Owns the BILLS table (the generated files, by merchant, date and kind), the TOKENS table (the
//! one-time download tokens) and the `bills/` folder of the data dir. Reads orders and refunds
//! through their services; the text format is [`format`].

mod format;

use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, Result};
use redb::{TableDefinition, WriteTransaction};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use self::format::{BillWriter, RefundRow, Row, Totals, header_of, write_row, write_summary};
use super::clock::{self, Clock};
use super::failure::{ApiFailure, internal};
use super::keys::Keys;
use super::orders::{Orders, StoredOrder, order_key};
use super::refunds::Refunds;
use super::store::{self, Store};
use crate::api::Bill;

/// Generated bill files by `"{mchid}/{date}/{kind}/{type}"` (`{mchid}/sub-{sub_mchid}/…` for a
/// 服务商's bill narrowed to one 二级商户).
const BILLS: TableDefinition<&str, &[u8]> = TableDefinition::new("bills");
/// Bill download tokens.
const TOKENS: TableDefinition<&str, &[u8]> = TableDefinition::new("bill_tokens");

/// §8.3 / §13.25: the strict reading of the token's life, 30 seconds.
pub const TOKEN_TTL_MS: i64 = 30_000;

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

/// The parameters of an apply request, already validated.
pub struct BillRequest {
    pub date: time::Date,
    pub kind: Bill,
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

/// The bills service.
pub struct Bills {
    store: Arc<Store>,
    clock: Arc<Clock>,
    keys: Arc<Keys>,
    orders: Arc<Orders>,
    refunds: Arc<Refunds>,
    data_dir: PathBuf,
    /// One bill generated at a time: two applies for the same bill must not both write it.
    lock: Mutex<()>,
}

impl Bills {
    /// The service's tables, created with the store.
    pub fn create_tables(txn: &WriteTransaction) -> Result<()> {
        txn.open_table(BILLS)?;
        txn.open_table(TOKENS)?;
        Ok(())
    }

    pub fn new(
        store: Arc<Store>,
        clock: Arc<Clock>,
        keys: Arc<Keys>,
        orders: Arc<Orders>,
        refunds: Arc<Refunds>,
        data_dir: PathBuf,
    ) -> Self {
        Bills {
            store,
            clock,
            keys,
            orders,
            refunds,
            data_dir,
            lock: Mutex::new(()),
        }
    }

    /// `?sub_mchid=` of a trade bill (§8.1: "服务商 only: a sub-merchant's bill").
    ///
    /// §8.4 lists both `400 INVALID_REQUEST` ("bad sub_mchid relationship") and `403 NO_AUTH`
    /// ("sub_mchid not bound") for the same mistake [UNCERTAIN]; we answer `403 NO_AUTH`, the code
    /// prepay gives an unrelated sub-order merchant (§10.3) and the one a direct merchant asking for
    /// a sub_mchid has always got here.
    pub fn check_sub_mchid(&self, mchid: &str, sub: &str) -> Result<(), ApiFailure> {
        let no_auth = |issue: String| {
            ApiFailure::new(403, "NO_AUTH", "商户无权限").detail(
                json!({"field": "sub_mchid", "value": sub, "issue": issue, "location": "query"}),
            )
        };
        if !self.keys.service_provider() {
            return Err(no_auth("sub_mchid is for 服务商 (service providers); this sandbox merchant is a direct merchant".into()));
        }
        if sub.is_empty() || sub.len() > 32 || !sub.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ApiFailure::param(
                "sub_mchid",
                Some(&Value::String(sub.into())),
                "must be a merchant id (1-32 digits)",
                "query",
            ));
        }
        let serves = self.keys.sub_merchants_of(mchid);
        if serves.is_empty() {
            return Err(no_auth(format!(
                "merchant {mchid} is a 二级商户, not a 服务商; only its 服务商 asks for bills by sub_mchid"
            )));
        }
        if !serves.iter().any(|s| s == sub) {
            // `--sub-merchants` may make thousands: name a few.
            let more = if serves.len() > 5 {
                format!(" and {} more", serves.len() - 5)
            } else {
                String::new()
            };
            return Err(no_auth(format!(
                "{sub} is not a 二级商户 of 服务商 {mchid} (its 二级商户: {}{more})",
                serves[..serves.len().min(5)].join(", ")
            )));
        }
        Ok(())
    }

    /// §8.4 availability (business clock), then generate (or reuse) the file and hand out a token.
    pub fn apply(
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
        kind: Bill,
        gzip: bool,
    ) -> Result<Option<(String, BillMeta)>> {
        let _guard = self.lock.lock().expect("bill lock");
        let (k, t) = (kind.kind().as_str(), kind.type_str());
        let key = match sub_mchid {
            None => format!("{mchid}/{date}/{k}/{t}"),
            Some(sub) => format!("{mchid}/sub-{sub}/{date}/{k}/{t}"),
        };
        let version = self.orders.ledger_version(date)?;
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
        kind: Bill,
        version: u64,
    ) -> Result<BillMeta> {
        let (k, t) = (kind.kind().as_str(), kind.type_str());
        let rel = match sub_mchid {
            None => format!("bills/{mchid}/{date}/{k}-{t}-v{version}.csv"),
            Some(sub) => format!("bills/{mchid}/sub-{sub}/{date}/{k}-{t}-v{version}.csv"),
        };
        // Whose rows: a trade bill holds the sub-orders whose mchid is the caller's (narrowed to
        // one 二级商户 by sub_mchid); a fund-flow bill those whose money the caller holds — the
        // 二级商户's for a 服务商 order, the mchid's otherwise.
        let mine = |so_mchid: &str, so_sub: Option<&str>| match kind {
            Bill::Trade(_) => so_mchid == mchid && sub_mchid.is_none_or(|x| so_sub == Some(x)),
            Bill::FundFlow(_) => so_sub.unwrap_or(so_mchid) == mchid,
        };
        let path = self.data_dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut w = BillWriter::new(&path)?;
        w.header(header_of(kind))?;
        let mut totals = Totals::default();

        // A refund row shows the refund's status when the bill is made, and is not updated
        // after (§14.5, §9.4).
        let made_at = self.clock.now();
        // Orders paid or refunded through the API on that date, in time order: (time, order, refund).
        let mut events: Vec<(i64, usize, Option<usize>)> = Vec::new();
        let mut orders: Vec<StoredOrder> = Vec::new();
        for (key, time) in self.orders.paid_on(date)? {
            if let Some(i) = load_order(&self.orders, &mut orders, &key)? {
                events.push((time, i, None));
            }
        }
        for (key, _) in self.refunds.made_on(date)? {
            // `{order key}#{out_refund_no}`
            let Some((okey, out_refund_no)) = key.rsplit_once('#') else {
                continue;
            };
            if let Some(i) = load_order(&self.orders, &mut orders, okey)?
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
                    status: r.status_at(made_at),
                    success_time: (r.status_at(made_at) == "SUCCESS").then(|| r.done_time()),
                });
                write_row(&mut w, kind, &row, refund_row.as_ref(), &mut totals)?;
            }
        }

        // Seeded batches of that date, derived order by order (nothing is held in memory).
        for b in self.orders.seeded_on(date) {
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
    pub fn redeem(&self, mchid: &str, token: &str, expired: bool) -> Result<Download, ApiFailure> {
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
fn load_order(store: &Orders, orders: &mut Vec<StoredOrder>, key: &str) -> Result<Option<usize>> {
    if let Some(i) = orders
        .iter()
        .position(|o| order_key(&o.combine_mchid, &o.combine_out_trade_no) == key)
    {
        return Ok(Some(i));
    }
    Ok(store.get(key)?.map(|o| {
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
    #[test]
    fn a_wrong_hash_differs_in_its_first_digit() {
        assert_eq!(super::flip_hash("0abc"), "1abc");
        assert_eq!(super::flip_hash("fabc"), "0abc");
    }
}
