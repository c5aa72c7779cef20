//! Combine orders, the merchant's side and the payer's: prepay (§6.2–6.3, §13.14–19), query
//! (§6.4, §13.20) and close (§6.5, §13.21) in [`prepay`]; paying and expiring them (§13.22) in
//! [`payer`]; seeded batches of paid orders in [`seed`]; the record itself in [`model`].
//!
//! Owns the store tables ORDERS, SUB_NOS, PAID and SEEDS, and the per-date ledger versions
//! (META `billver/{date}`) that tell bills a day changed. Every state change is committed
//! (fsynced) before the caller answers. A payment queues its notification in the same
//! transaction (through [`Notifications`]).

mod listing;
pub mod model;
mod payer;
mod prepay;
pub mod seed;

use std::sync::{Arc, RwLock};

use anyhow::Result;
use redb::{TableDefinition, WriteTransaction};

pub use listing::{DEFAULT_LIMIT, OrderSummary};
pub use model::{Refund, RefundOutcome, State, StoredOrder, order_key};
pub use prepay::{PrepayContext, close_fields, prepay_fields};
pub use seed::{SeedBatch, SeedRequest, SeedView};

use super::clock::Clock;
use super::failure::{ApiFailure, NUM_ORDER_NOT_EXIST, internal};
use super::keys::Keys;
use super::notify::Notifications;
use super::store::{self, Store};

/// Combine orders by `"{combine_mchid}/{combine_out_trade_no}"`.
const ORDERS: TableDefinition<&str, &[u8]> = TableDefinition::new("orders");
/// Sub-order numbers in use: `"{mchid}/{out_trade_no}"` → order key.
const SUB_NOS: TableDefinition<&str, &str> = TableDefinition::new("sub_nos");
/// Paid orders by Beijing date: `"{yyyy-MM-dd}|{order key}"` → success time.
const PAID: TableDefinition<&str, i64> = TableDefinition::new("paid");

/// The order rules a sandbox is started with (`sandbox serve` flags).
#[derive(Debug, Clone, Copy)]
pub struct OrderRules {
    /// The shortest order number accepted: 1, 2 or 6 (§6.2, §13.14).
    pub out_trade_no_min: usize,
    /// Refuse closing an order within 5 minutes of its creation (§11, §13.21).
    pub strict_close_delay: bool,
    /// Answer 204 to closing an already closed order (§13.21).
    pub repeat_close_ok: bool,
}

/// The orders service.
pub struct Orders {
    store: Arc<Store>,
    clock: Arc<Clock>,
    keys: Arc<Keys>,
    notifications: Arc<Notifications>,
    /// Every seeded batch, read once at start: seeded orders are derived from them.
    seeds: RwLock<Vec<SeedBatch>>,
    rules: OrderRules,
}

impl Orders {
    /// The service's tables, created with the store.
    pub fn create_tables(txn: &WriteTransaction) -> Result<()> {
        txn.open_table(ORDERS)?;
        txn.open_table(SUB_NOS)?;
        txn.open_table(PAID)?;
        seed::create_table(txn)
    }

    pub fn open(
        store: Arc<Store>,
        clock: Arc<Clock>,
        keys: Arc<Keys>,
        notifications: Arc<Notifications>,
        rules: OrderRules,
    ) -> Result<Self> {
        let seeds = seed::load(&store)?;
        Ok(Orders {
            store,
            clock,
            keys,
            notifications,
            seeds: RwLock::new(seeds),
            rules,
        })
    }

    pub fn rules(&self) -> OrderRules {
        self.rules
    }

    /// The order stored under `key` (see [`order_key`]).
    pub fn get(&self, key: &str) -> Result<Option<StoredOrder>> {
        self.store.get::<StoredOrder>(ORDERS, key)
    }

    /// The order stored under `key`, inside a write transaction.
    pub fn get_in(&self, txn: &WriteTransaction, key: &str) -> Result<Option<StoredOrder>> {
        store::get_in(txn, ORDERS, key)
    }

    /// Store `order` under `key` inside a write transaction.
    pub fn put_in(&self, txn: &WriteTransaction, key: &str, order: &StoredOrder) -> Result<()> {
        store::put_in(txn, ORDERS, key, order)
    }

    /// The orders paid on `date` (`yyyy-MM-dd`): `(order key, success time)`.
    pub fn paid_on(&self, date: &str) -> Result<Vec<(String, i64)>> {
        self.store.index_on(PAID, date)
    }

    /// The seeded batches of `date`.
    pub fn seeded_on(&self, date: &str) -> Vec<SeedBatch> {
        self.seeds
            .read()
            .expect("seeds lock")
            .iter()
            .filter(|b| b.date == date)
            .cloned()
            .collect()
    }

    /// How many times the ledger of `date` changed (payments, refunds, seeds): a bill made at an
    /// older version is stale.
    pub fn ledger_version(&self, date: &str) -> Result<u64> {
        self.store.meta_u64(&ledger_key(date))
    }

    /// Record, inside the transaction that changes it, that the ledger of `date` changed.
    pub fn ledger_changed_in(&self, txn: &WriteTransaction, date: &str) -> Result<()> {
        store::bump_in(txn, &ledger_key(date)).map(drop)
    }

    /// Inside a write transaction: the key of the order holding sub-order `out_trade_no` of
    /// merchant `mchid` (the sub-order's own `mchid`).
    pub fn sub_order_in(
        &self,
        txn: &WriteTransaction,
        mchid: &str,
        out_trade_no: &str,
    ) -> Result<Option<String>> {
        use redb::ReadableTable as _;
        let t = txn.open_table(SUB_NOS)?;
        let v = t.get(order_key(mchid, out_trade_no).as_str())?;
        Ok(v.map(|v| v.value().to_string()))
    }

    /// Inside a write transaction: the key of the paid order one of whose sub-orders has
    /// `transaction_id`. A scan: the sandbox holds few API orders (seeded ones are not refundable).
    pub fn by_transaction_in(
        &self,
        txn: &WriteTransaction,
        transaction_id: &str,
    ) -> Result<Option<String>> {
        use redb::ReadableTable as _;
        let t = txn.open_table(ORDERS)?;
        for entry in t.iter()? {
            let (k, v) = entry?;
            let o: StoredOrder = store::decode(v.value(), "orders")?;
            if o.payment
                .as_ref()
                .is_some_and(|p| p.transaction_ids.iter().any(|t| t == transaction_id))
            {
                return Ok(Some(k.value().to_string()));
            }
        }
        Ok(None)
    }

    /// Find the key of order `no`: of `mchid`, or of whichever merchant has it.
    pub fn locate(&self, mchid: Option<&str>, no: &str) -> Result<String, ApiFailure> {
        let candidates: Vec<&str> = match mchid {
            Some(m) => vec![m],
            None => self
                .keys
                .merchants()
                .iter()
                .map(|m| m.mchid.as_str())
                .collect(),
        };
        let mut found = Vec::new();
        for m in candidates {
            let key = order_key(m, no);
            if self
                .store
                .get::<StoredOrder>(ORDERS, &key)
                .map_err(internal)?
                .is_some()
            {
                found.push(key);
            }
        }
        match found.len() {
            0 => {
                let seeds = self.seeds.read().expect("seeds lock");
                let seeded = self
                    .keys
                    .merchants()
                    .iter()
                    .any(|m| seed::find(&seeds, &m.mchid, no).is_some());
                if seeded {
                    Err(order_paid())
                } else {
                    Err(not_exist())
                }
            }
            1 => Ok(found.remove(0)),
            _ => Err(ApiFailure::new(
                400,
                "INVALID_REQUEST",
                format!("several merchants have an order {no}; name the combine mchid"),
            )),
        }
    }
}

/// The META key of a date's ledger version (named for the bills it invalidates).
fn ledger_key(date: &str) -> String {
    format!("billver/{date}")
}

pub(super) fn order_paid() -> ApiFailure {
    // §11: "ORDERPAID/TRADE_ERROR family [UNCERTAIN]" — we answer with the documented TRADE_ERROR.
    ApiFailure::new(403, "TRADE_ERROR", "订单已支付")
}

pub(super) fn order_closed() -> ApiFailure {
    ApiFailure::new(400, "ORDER_CLOSED", "订单已关闭")
}

pub(crate) fn not_exist() -> ApiFailure {
    ApiFailure::new(404, "ORDER_NOT_EXIST", "订单不存在").numeric(NUM_ORDER_NOT_EXIST)
}
