//! What `GET /sandbox/v1/orders` shows (issue 15, item 5): the API orders a merchant holds, newest
//! first, one summary line each. Seeded orders are not listed (they are derived from their batch,
//! not stored one by one); `GET /sandbox/v1/orders/{no}` still finds them, as query does.

use serde::{Deserialize, Serialize};

use super::model::{State, StoredOrder};
use super::{ORDERS, Orders};
use crate::sandbox::clock;
use crate::sandbox::failure::{ApiFailure, internal};

/// How many orders a listing holds when the caller names no limit.
pub const DEFAULT_LIMIT: usize = 50;

/// One combine order in a listing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OrderSummary {
    pub combine_mchid: String,
    pub combine_out_trade_no: String,
    /// `NOTPAY`, `SUCCESS` or `CLOSED`, at the business time of the listing (expiry included).
    pub trade_state: String,
    /// `JSAPI`, `APP`, `MWEB` or `NATIVE`.
    pub trade_type: String,
    /// Business time of the first prepay, RFC 3339 Beijing.
    pub created_at: String,
    /// Business time of the payment, when paid.
    pub success_time: Option<String>,
    pub sub_orders: usize,
    /// Sum of the sub-orders' `total_amount`, in fen.
    pub total_amount: i64,
    /// How many refunds its sub-orders have.
    pub refunds: usize,
}

impl Orders {
    /// The newest `limit` API orders (of `mchid`, if given), newest first.
    pub fn recent(
        &self,
        mchid: Option<&str>,
        limit: usize,
    ) -> Result<Vec<OrderSummary>, ApiFailure> {
        let prefix = mchid.map(|m| format!("{m}/")).unwrap_or_default();
        let mut all: Vec<StoredOrder> = self
            .store
            .scan::<StoredOrder>(ORDERS, &prefix)
            .map_err(internal)?
            .into_iter()
            .map(|(_, o)| o)
            .collect();
        // Newest first; the number breaks ties so the order is stable.
        all.sort_by(|a, b| {
            (b.created_at, &b.combine_out_trade_no).cmp(&(a.created_at, &a.combine_out_trade_no))
        });
        let now = self.clock.now();
        Ok(all.iter().take(limit).map(|o| summary(o, now)).collect())
    }
}

fn summary(o: &StoredOrder, now: i64) -> OrderSummary {
    let state = o.effective_state(now);
    OrderSummary {
        combine_mchid: o.combine_mchid.clone(),
        combine_out_trade_no: o.combine_out_trade_no.clone(),
        trade_state: match state {
            State::Notpay => "NOTPAY",
            State::Success => "SUCCESS",
            State::Closed => "CLOSED",
        }
        .to_string(),
        trade_type: o.scene.trade_type().to_string(),
        created_at: clock::rfc3339(o.created_at),
        success_time: o
            .payment
            .as_ref()
            .filter(|_| state == State::Success)
            .map(|p| clock::rfc3339(p.success_time)),
        sub_orders: o.sub_orders().len(),
        total_amount: o
            .sub_orders()
            .iter()
            .filter_map(|so| so.pointer("/amount/total_amount").and_then(|v| v.as_i64()))
            .sum(),
        refunds: o.refunds.len(),
    }
}
