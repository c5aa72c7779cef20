//! Seeded orders (`wxcombine sandbox seed --date D --orders N`, issue 3): a batch is stored as one
//! small descriptor, and order `i` of it is derived deterministically whenever it is needed, so a
//! million (or four million) paid orders cost nothing to store yet behave as real paid orders in
//! query, close, prepay (number already used) and bills, and survive restarts like everything else.
//!
//! Numbers: `SD{yyyyMMdd}{batch:04}{i:010}` (24 characters) for the combine order, `…-0` / `…-1`
//! for its two sub-orders. Sub-order 0 belongs to the combine merchant (so its bill for D is never
//! empty); sub-order 1 to one of its related merchants, in turn. A batch seeded in 服务商 mode
//! (§6.3) has the 服务商's mchid on both sub-orders and names its 二级商户 in `sub_mchid`: the
//! first for sub-order 0, the second for sub-order 1.

use anyhow::Result;
use redb::{TableDefinition, WriteTransaction};
use serde::{Deserialize, Serialize};

use super::Orders;
use crate::api::types::{AmountOut, CombineOrder, PayerOut, SubOrderState};
use crate::money::Fen;
use crate::sandbox::clock;
use crate::sandbox::failure::{ApiFailure, internal};
use crate::sandbox::keys::MAIN_MCHID;
use crate::sandbox::store::{self, Store};

/// Seeded batches by id.
const SEEDS: TableDefinition<u64, &[u8]> = TableDefinition::new("seeds");

pub(super) fn create_table(txn: &WriteTransaction) -> Result<()> {
    txn.open_table(SEEDS).map(drop).map_err(Into::into)
}

/// Every batch in the store, read once at start.
pub(super) fn load(store: &Store) -> Result<Vec<SeedBatch>> {
    store.all(SEEDS, "seed batch")
}

/// At most this many batches (the id has four digits in the order number).
pub const MAX_BATCHES: u64 = 9_999;
/// At most this many orders per batch (ten digits in the number; the bill is the real limit).
pub const MAX_ORDERS: u64 = 20_000_000;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SeedBatch {
    pub id: u64,
    /// `yyyy-MM-dd`, Beijing time.
    pub date: String,
    pub count: u64,
    pub combine_mchid: String,
    pub appid: String,
    pub openid: String,
    /// Merchants of sub-order 1, in turn.
    pub partners: Vec<String>,
    /// 服务商 form: the 二级商户 of sub-order k is `sub_mchids[k % len]`; empty for direct orders.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_mchids: Vec<String>,
}

/// One derived sub-order: what query and bills need.
#[derive(Debug, Clone)]
pub struct SeedSub {
    pub mchid: String,
    /// 服务商 form only.
    pub sub_mchid: Option<String>,
    pub out_trade_no: String,
    pub transaction_id: String,
    pub total: i64,
    pub bank_type: &'static str,
    pub description: &'static str,
    pub attach: &'static str,
}

#[derive(Debug, Clone)]
pub struct SeedOrder {
    pub combine_out_trade_no: String,
    pub success_time: i64,
    pub subs: [SeedSub; 2],
}

/// splitmix64: a cheap, well-mixed hash for deterministic pseudo-random fields.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

const BANKS: [&str; 4] = ["OTHERS", "CMC", "ICBC_DEBIT", "CCB_CREDIT"];
const DESCRIPTIONS: [&str; 4] = [
    "腾讯充值中心-QQ会员充值",
    "腾讯充值中心-微信充值",
    "沙箱商城-合单商品",
    "沙箱商城-运费",
];
const ATTACH: [&str; 2] = ["深圳分店", "广州分店"];

impl SeedBatch {
    fn compact_date(&self) -> String {
        self.date.replace('-', "")
    }

    pub fn number(&self, i: u64) -> String {
        format!("SD{}{:04}{:010}", self.compact_date(), self.id, i)
    }

    /// Order `i` (0-based) of the batch.
    pub fn order(&self, i: u64) -> SeedOrder {
        let day = clock::parse_date(&self.date)
            .map(clock::day_start)
            .unwrap_or(0);
        // Spread over the day in order, so bills read chronologically.
        let success_time = day + (i * 86_399 / self.count.max(1)) as i64;
        let no = self.number(i);
        let d8 = self.compact_date();
        let sub = |k: u64| {
            let h = mix((self.id << 40) ^ (i << 1) ^ k);
            let mchid = if k == 0 || self.partners.is_empty() {
                self.combine_mchid.clone()
            } else {
                self.partners[(i % self.partners.len() as u64) as usize].clone()
            };
            // Order i's two sub-orders go to 二级商户 2i and 2i+1 (mod their number): with the two
            // generated ones that is the first and the second; with `--sub-merchants N` the
            // orders spread over all of them, and a 二级商户 past 2×orders has none that day.
            let sub_mchid = (!self.sub_mchids.is_empty()).then(|| {
                let at =
                    (2 * (i % self.sub_mchids.len() as u64) + k) % self.sub_mchids.len() as u64;
                self.sub_mchids[at as usize].clone()
            });
            SeedSub {
                mchid,
                sub_mchid,
                out_trade_no: format!("{no}-{k}"),
                transaction_id: format!("4200{:04}{k}{d8}{:011}", self.id, i),
                total: 1 + (h % 99_999) as i64,
                bank_type: BANKS[(h >> 20) as usize % BANKS.len()],
                description: DESCRIPTIONS[(h >> 24) as usize % DESCRIPTIONS.len()],
                attach: ATTACH[k as usize],
            }
        };
        let subs = [sub(0), sub(1)];
        SeedOrder {
            combine_out_trade_no: no,
            success_time,
            subs,
        }
    }

    /// The query / notification shape of order `i` (§6.4), paid.
    pub fn combine_order(&self, i: u64) -> CombineOrder {
        let o = self.order(i);
        let when = clock::rfc3339(o.success_time);
        CombineOrder {
            combine_appid: self.appid.clone(),
            combine_mchid: self.combine_mchid.clone(),
            combine_out_trade_no: o.combine_out_trade_no.clone(),
            scene_info: None,
            sub_orders: o
                .subs
                .iter()
                .map(|s| SubOrderState {
                    mchid: s.mchid.clone(),
                    sub_mchid: s.sub_mchid.clone(),
                    sub_appid: None,
                    sub_openid: None,
                    trade_type: "JSAPI".into(),
                    trade_state: "SUCCESS".into(),
                    bank_type: Some(s.bank_type.into()),
                    attach: s.attach.into(),
                    amount: AmountOut {
                        total_amount: Fen(s.total),
                        currency: "CNY".into(),
                        payer_amount: Some(Fen(s.total)),
                        payer_currency: Some("CNY".into()),
                        settlement_rate: None,
                    },
                    success_time: Some(when.clone()),
                    transaction_id: Some(s.transaction_id.clone()),
                    out_trade_no: s.out_trade_no.clone(),
                    promotion_detail: None,
                    extra: Default::default(),
                })
                .collect(),
            combine_payer_info: Some(PayerOut {
                openid: Some(self.openid.clone()),
                sub_openid: None,
            }),
            extra: Default::default(),
        }
    }
}

/// `POST /sandbox/v1/seed`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedRequest {
    /// `yyyy-MM-dd` (Beijing), not in the future.
    pub date: String,
    pub orders: u64,
    /// The combine merchant (default: the main merchant); sub-order 0 is always its own. In
    /// 服务商 mode it must be the 服务商, and the orders name its 二级商户 in sub_mchid.
    #[serde(default)]
    pub mchid: Option<String>,
}

/// What `POST /sandbox/v1/seed` answers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SeedView {
    pub batch: u64,
    pub date: String,
    pub orders: u64,
    pub combine_mchid: String,
    pub first: String,
    pub last: String,
}

impl Orders {
    /// `POST /sandbox/v1/seed`: a batch of `req.orders` paid orders on `req.date`.
    pub fn seed(&self, req: &SeedRequest) -> Result<SeedView, ApiFailure> {
        let date = clock::parse_date(&req.date).ok_or_else(|| {
            ApiFailure::bad_request(format!("date {:?} is not yyyy-MM-dd", req.date))
        })?;
        if date > clock::date_of(self.clock.now()) {
            return Err(ApiFailure::bad_request(format!(
                "date {} is in the future (business today is {})",
                req.date,
                clock::format_date(clock::date_of(self.clock.now()))
            )));
        }
        if req.orders == 0 || req.orders > MAX_ORDERS {
            return Err(ApiFailure::bad_request(format!(
                "orders must be 1..={}, not {}",
                MAX_ORDERS, req.orders
            )));
        }
        let mchid = req.mchid.clone().unwrap_or_else(|| MAIN_MCHID.to_string());
        let Some(m) = self.keys.merchant(&mchid) else {
            return Err(ApiFailure::bad_request(format!(
                "merchant {mchid} is not known to this sandbox"
            )));
        };
        // 服务商 mode: only the 服务商 places orders, naming its 二级商户 in sub_mchid (§6.3).
        let sub_mchids = self.keys.sub_merchants_of(&mchid);
        if self.keys.service_provider() && sub_mchids.is_empty() {
            return Err(ApiFailure::new(
                403,
                "NO_AUTH",
                format!(
                    "merchant {mchid} is a 二级商户 in this 服务商-mode sandbox; seed the 服务商's orders instead"
                ),
            ));
        }
        let partners: Vec<String> = self
            .keys
            .related_to(&mchid)
            .into_iter()
            .filter(|x| *x != mchid)
            .collect();
        let mut seeds = self.seeds.write().expect("seeds lock");
        let id = seeds.iter().map(|b| b.id).max().unwrap_or(0) + 1;
        if id > MAX_BATCHES {
            return Err(ApiFailure::bad_request(
                "too many seeded batches in this data dir",
            ));
        }
        let batch = SeedBatch {
            id,
            date: clock::format_date(date),
            count: req.orders,
            combine_mchid: mchid.clone(),
            appid: m.appid.clone(),
            openid: m.openid.clone(),
            partners,
            sub_mchids,
        };
        self.store
            .write(|txn| {
                let mut t = txn.open_table(SEEDS)?;
                t.insert(id, store::encode(&batch).as_slice())?;
                drop(t);
                self.ledger_changed_in(txn, &batch.date)?;
                Ok(())
            })
            .map_err(internal)?;
        let view = SeedView {
            batch: id,
            date: batch.date.clone(),
            orders: batch.count,
            combine_mchid: mchid,
            first: batch.number(0),
            last: batch.number(batch.count - 1),
        };
        seeds.push(batch);
        Ok(view)
    }
}

/// `(batch id, index)` of a seeded combine number, if it has the shape.
pub fn parse_number(no: &str) -> Option<(String, u64, u64)> {
    let rest = no.strip_prefix("SD")?;
    if rest.len() != 22 || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date8 = rest[..8].to_string();
    let id = rest[8..12].parse().ok()?;
    let i = rest[12..].parse().ok()?;
    Some((date8, id, i))
}

/// Find a seeded order among `batches` by combine merchant and number.
pub fn find<'a>(batches: &'a [SeedBatch], mchid: &str, no: &str) -> Option<(&'a SeedBatch, u64)> {
    let (date8, id, i) = parse_number(no)?;
    let b = batches.iter().find(|b| b.id == id)?;
    (b.combine_mchid == mchid && b.compact_date() == date8 && i < b.count).then_some((b, i))
}

/// Whether `(mchid, out_trade_no)` is a seeded sub-order number.
pub fn sub_number_used(batches: &[SeedBatch], mchid: &str, out_trade_no: &str) -> bool {
    let Some((no, k)) = out_trade_no.rsplit_once('-') else {
        return false;
    };
    let Ok(k) = k.parse::<usize>() else {
        return false;
    };
    let Some((date8, id, i)) = parse_number(no) else {
        return false;
    };
    batches.iter().any(|b| {
        b.id == id
            && b.compact_date() == date8
            && i < b.count
            && k < 2
            && b.order(i).subs[k].mchid == mchid
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch() -> SeedBatch {
        SeedBatch {
            id: 7,
            date: "2026-01-02".into(),
            count: 1000,
            combine_mchid: "1900000109".into(),
            appid: "wxd678efh567hg6787".into(),
            openid: "o1".into(),
            partners: vec!["1900000119".into(), "1900000129".into()],
            sub_mchids: Vec::new(),
        }
    }

    #[test]
    fn numbers_round_trip_and_orders_are_stable() {
        let b = batch();
        let no = b.number(42);
        assert_eq!(no, "SD2026010200070000000042");
        assert_eq!(parse_number(&no), Some(("20260102".into(), 7, 42)));
        let batches = vec![b.clone()];
        assert!(find(&batches, "1900000109", &no).is_some());
        assert!(find(&batches, "1900000119", &no).is_none());
        assert!(find(&batches, "1900000109", &b.number(1000)).is_none());
        let o = b.order(42);
        assert_eq!(o.subs[0].transaction_id.len(), 28);
        assert_eq!(o.subs[1].mchid, "1900000119");
        assert_eq!(b.order(42).subs[0].total, o.subs[0].total);
        assert!(sub_number_used(&batches, "1900000119", &format!("{no}-1")));
        assert!(!sub_number_used(&batches, "1900000109", &format!("{no}-1")));
        assert!(
            b.order(999).success_time < clock::day_start(clock::parse_date("2026-01-03").unwrap())
        );
        assert_eq!(o.subs[0].sub_mchid, None);
    }

    #[test]
    fn service_provider_batches_name_their_sub_merchants() {
        let b = SeedBatch {
            partners: Vec::new(),
            sub_mchids: vec!["1900000119".into(), "1900000129".into()],
            ..batch()
        };
        let o = b.order(3);
        assert!(o.subs.iter().all(|s| s.mchid == "1900000109"));
        assert_eq!(o.subs[0].sub_mchid.as_deref(), Some("1900000119"));
        assert_eq!(o.subs[1].sub_mchid.as_deref(), Some("1900000129"));
        let q = b.combine_order(3);
        assert_eq!(q.sub_orders[1].sub_mchid.as_deref(), Some("1900000129"));
        // A batch stored before the field existed reads as direct.
        let old = r#"{"id":1,"date":"2026-01-02","count":1,"combine_mchid":"1900000109","appid":"wx","openid":"o","partners":[]}"#;
        let b: SeedBatch = serde_json::from_str(old).unwrap();
        assert!(b.sub_mchids.is_empty());
    }
}
