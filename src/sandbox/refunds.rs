//! Refunds of sub-orders. Today only the test hook `POST /sandbox/v1/orders/{no}/refund`: a refund
//! accepted and successful at once, which shows in query as `REFUND` (§6.4) and in that day's
//! bills (§14.5). Owns the REFUNDS date index; the refunds themselves are kept with their order
//! ([`Refund`](super::orders::Refund) in the order record), so query and bills see them together.
//!
//! This is where WeChat Pay's refund API goes (apiv3.md §14, the next issue): `POST
//! /v3/refund/domestic/refunds` and `GET /v3/refund/domestic/refunds/{out_refund_no}` as handlers
//! in `http::handlers` calling methods here, `PROCESSING` → `SUCCESS` on the business clock, and
//! `REFUND.*` notifications through [`Notifications`](super::notify::Notifications).

use std::sync::Arc;

use anyhow::Result;
use redb::{TableDefinition, WriteTransaction};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::clock::{self, Clock};
use super::failure::{ApiFailure, internal};
use super::orders::model::s;
use super::orders::{Orders, Refund, State, not_exist};
use super::store::Store;
use crate::api::validate;

/// Refunds by Beijing date: `"{yyyy-MM-dd}|{order key}#{out_refund_no}"` → refund time.
const REFUNDS: TableDefinition<&str, i64> = TableDefinition::new("refunds");

/// `POST /sandbox/v1/orders/{no}/refund`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    /// The sub-order to refund.
    pub out_trade_no: String,
    /// Fen; default: what is left of the sub-order.
    #[serde(default)]
    pub amount: Option<i64>,
    /// Default: `R` + the sub-order number + a sequence number.
    #[serde(default)]
    pub out_refund_no: Option<String>,
}

/// The refunds service.
pub struct Refunds {
    store: Arc<Store>,
    clock: Arc<Clock>,
    orders: Arc<Orders>,
}

impl Refunds {
    /// The service's table, created with the store.
    pub fn create_tables(txn: &WriteTransaction) -> Result<()> {
        txn.open_table(REFUNDS).map(drop).map_err(Into::into)
    }

    pub fn new(store: Arc<Store>, clock: Arc<Clock>, orders: Arc<Orders>) -> Self {
        Refunds {
            store,
            clock,
            orders,
        }
    }

    /// The refunds made on `date` (`yyyy-MM-dd`): `("{order key}#{out_refund_no}", time)`.
    pub fn made_on(&self, date: &str) -> Result<Vec<(String, i64)>> {
        self.store.index_on(REFUNDS, date)
    }

    /// A refund of one sub-order of a paid order (the test hook; WeChat Pay's refund API, §14, is
    /// not built yet); it shows in query as `REFUND` and in that day's bills.
    pub fn refund(
        &self,
        mchid: Option<&str>,
        no: &str,
        req: &RefundRequest,
    ) -> Result<Value, ApiFailure> {
        let key = self.orders.locate(mchid, no).map_err(|f| {
            if f.code == "TRADE_ERROR" {
                ApiFailure::new(400, "INVALID_REQUEST", "seeded orders cannot be refunded")
            } else {
                f
            }
        })?;
        if let Some(n) = &req.out_refund_no {
            validate::out_trade_no_strict("out_refund_no", n)
                .map_err(|e| ApiFailure::param(&e.pointer, None, &e.problem, "body"))?;
        }
        let now = self.clock.now();
        self.store
            .write(|txn| {
                let Some(mut order) = self.orders.get_in(txn, &key)? else {
                    return Ok(Err(not_exist()));
                };
                if order.effective_state(now) != State::Success {
                    return Ok(Err(ApiFailure::new(400, "INVALID_REQUEST", "订单未支付，不能退款")));
                }
                let Some(sub) = order
                    .sub_orders()
                    .iter()
                    .position(|so| s(so, "/out_trade_no") == Some(req.out_trade_no.as_str()))
                else {
                    return Ok(Err(ApiFailure::param("out_trade_no", None, "is not a sub-order of this order", "body")));
                };
                let total = order.sub_orders()[sub]
                    .pointer("/amount/total_amount")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                let refunded: i64 = order.refunds.iter().filter(|r| r.sub == sub).map(|r| r.amount).sum();
                let left = total - refunded;
                let amount = req.amount.unwrap_or(left);
                if amount < 1 || amount > left {
                    return Ok(Err(ApiFailure::param("amount", None, &format!("must be 1..={left} fen (what is left of the sub-order)"), "body")));
                }
                let out_refund_no = req.out_refund_no.clone().unwrap_or_else(|| {
                    let base: String = format!("R{}", req.out_trade_no).chars().take(29).collect();
                    format!("{base}{:03}", order.refunds.len() + 1)
                });
                if order.refunds.iter().any(|r| r.out_refund_no == out_refund_no) {
                    return Ok(Err(ApiFailure::param("out_refund_no", None, "is already used in this order", "body")));
                }
                let refund = Refund {
                    sub,
                    out_refund_no: out_refund_no.clone(),
                    refund_id: format!(
                        "503{}{}",
                        clock::compact_date(clock::date_of(now)),
                        crate::rand::digits(18)
                    ),
                    amount,
                    time: now,
                };
                let view = json!({
                    "combine_out_trade_no": order.combine_out_trade_no,
                    "mchid": s(&order.sub_orders()[sub], "/mchid"),
                    "out_trade_no": req.out_trade_no,
                    "transaction_id": order.payment.as_ref().and_then(|p| p.transaction_ids.get(sub)),
                    "refund_id": refund.refund_id,
                    "out_refund_no": out_refund_no,
                    "amount": amount,
                    "success_time": clock::rfc3339(now),
                });
                order.refunds.push(refund);
                self.orders.put_in(txn, &key, &order)?;
                let date = clock::format_date(clock::date_of(now));
                {
                    let mut t = txn.open_table(REFUNDS)?;
                    t.insert(format!("{date}|{key}#{out_refund_no}").as_str(), now)?;
                }
                self.orders.ledger_changed_in(txn, &date)?;
                Ok(Ok(view))
            })
            .map_err(internal)?
    }
}
