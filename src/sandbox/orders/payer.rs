//! The payer's side (§13.22–23): paying every sub-order of an order at once, which queues its
//! `TRANSACTION.SUCCESS` notification in the same transaction, and expiring an unpaid order.

use super::model::{Payment, State, StoredOrder, new_transaction_id, s};
use super::{ORDERS, Orders, PAID, not_exist, order_closed, order_paid};
use crate::api::types::CombineOrder;
use crate::sandbox::clock::{self, real_now_ms};
use crate::sandbox::failure::{ApiFailure, internal};
use crate::sandbox::notify::Notification;
use crate::sandbox::store;

impl Orders {
    /// §13.22–23: the payer pays every sub-order at once; one notification is queued.
    pub fn pay(&self, mchid: Option<&str>, no: &str) -> Result<CombineOrder, ApiFailure> {
        let key = self.locate(mchid, no)?;
        let now = self.clock.now();
        let notify_key = self.notifications.next_key();
        let result = self
            .store
            .write(|txn| {
                let Some(mut order) = store::get_in::<StoredOrder>(txn, ORDERS, &key)? else {
                    return Ok(Err(not_exist()));
                };
                match order.effective_state(now) {
                    State::Success => return Ok(Err(order_paid())),
                    State::Closed => return Ok(Err(order_closed())),
                    State::Notpay => {}
                }
                let merchant = self
                    .keys
                    .merchant(&order.combine_mchid)
                    .expect("orders belong to known merchants");
                let openid = s(&order.request, "/combine_payer_info/openid")
                    .unwrap_or(&merchant.openid)
                    .to_string();
                let sub_openid =
                    s(&order.request, "/combine_payer_info/sub_openid").map(str::to_string);
                let banks = ["OTHERS", "CMC", "ICBC_DEBIT"];
                let mut pick = [0u8; 1];
                let _ = aws_lc_rs::rand::fill(&mut pick);
                order.payment = Some(Payment {
                    success_time: now,
                    bank_type: banks[pick[0] as usize % banks.len()].to_string(),
                    openid,
                    sub_openid,
                    transaction_ids: order
                        .sub_orders()
                        .iter()
                        .map(|_| new_transaction_id(now))
                        .collect(),
                });
                order.state = State::Success;
                store::put_in(txn, ORDERS, &key, &order)?;
                let date = clock::format_date(clock::date_of(now));
                {
                    let mut t = txn.open_table(PAID)?;
                    t.insert(format!("{date}|{key}").as_str(), now)?;
                }
                self.ledger_changed_in(txn, &date)?;
                let view = order.view(now);
                let url = s(&order.request, "/notify_url")
                    .unwrap_or_default()
                    .to_string();
                let n = Notification::new(
                    &notify_key,
                    &order.combine_mchid,
                    &order.combine_out_trade_no,
                    &url,
                    &view,
                    &merchant.apiv3_key,
                    now,
                    real_now_ms(),
                );
                let queued = self.notifications.queue_in(txn, &n)?;
                Ok(Ok((view, queued)))
            })
            .map_err(internal)??;
        let (view, queued) = result;
        // Committed: the delivery loop may pick it up.
        self.notifications.wake(queued);
        Ok(view)
    }

    /// Expire an unpaid order now (§13.22 "and to expire/close it").
    pub fn expire(&self, mchid: Option<&str>, no: &str) -> Result<CombineOrder, ApiFailure> {
        let key = self.locate(mchid, no)?;
        let now = self.clock.now();
        self.store
            .write(|txn| {
                let Some(mut order) = store::get_in::<StoredOrder>(txn, ORDERS, &key)? else {
                    return Ok(Err(not_exist()));
                };
                match order.effective_state(now) {
                    State::Success => return Ok(Err(order_paid())),
                    State::Closed => return Ok(Ok(order.view(now))),
                    State::Notpay => {}
                }
                order.expire_at = now;
                store::put_in(txn, ORDERS, &key, &order)?;
                Ok(Ok(order.view(now)))
            })
            .map_err(internal)?
    }
}
