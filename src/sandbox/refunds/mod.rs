//! Refunds of sub-orders (apiv3.md §14, §14.6; issue 13 items 9–12): WeChat Pay's refund API,
//! `POST /v3/refund/domestic/refunds` ([`Refunds::create`]) and `GET
//! /v3/refund/domestic/refunds/{out_refund_no}` ([`Refunds::query`]), and the control hook `POST
//! /sandbox/v1/orders/{no}/refund` ([`Refunds::hook`]), which goes through the same rules.
//!
//! A refund is accepted `PROCESSING` and ends (`SUCCESS`, or `ABNORMAL`/`CLOSED` by a fault)
//! after `--refund-delay` of business time, sped up by `--notify-speed`. Its status is derived
//! from the business clock when read, so moving the clock moves refunds on too; its `REFUND.*`
//! notification is queued when it is accepted, due (in real time) when it ends, through
//! [`Notifications`] on the §7.3 retry schedule.
//!
//! Owns the REFUNDS date index (bills read it) and REFUND_NOS (`out_refund_no` per merchant, the
//! idempotency key of §14.2). The refunds themselves are kept with their order ([`Refund`] in the
//! order record), so query and bills see them together.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use redb::{TableDefinition, WriteTransaction};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

mod rules;

use super::clock::{self, Clock, real_now_ms};
use super::failure::{ApiFailure, NUM_PARAM_MISMATCH, internal};
use super::faults::{FaultKind, Faults};
use super::keys::Keys;
use super::notify::{Notification, Notifications, Target};
use super::orders::model::s;
use super::orders::{Orders, Refund, RefundOutcome, StoredOrder};
use super::store::{self, Store};
use crate::api::refund::{RefundAmountRequest, RefundRequest as ApiRequest};
use crate::money::Fen;
use rules::{check_rules, refused, total_of, view};

/// Refunds by Beijing date: `"{yyyy-MM-dd}|{order key}#{out_refund_no}"` → refund time.
const REFUNDS: TableDefinition<&str, i64> = TableDefinition::new("refunds");
/// Refund numbers in use: `"{merchant}/{out_refund_no}"` → the order key (JSON string). The
/// merchant is the sub-order's `sub_mchid` (服务商) or `mchid` (直连): §14.2 "unique per merchant".
const REFUND_NOS: TableDefinition<&str, &[u8]> = TableDefinition::new("refund_nos");

/// The path faults for refunds are matched under.
const REFUND_PATH: &str = "/v3/refund/domestic/refunds";

/// `--refund-delay`'s default: 60 s of business time (issue 13, item 10).
pub const DEFAULT_REFUND_DELAY: Duration = Duration::from_secs(60);

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
    keys: Arc<Keys>,
    faults: Arc<Faults>,
    orders: Arc<Orders>,
    notifications: Arc<Notifications>,
    /// How long a refund stays `PROCESSING`, in ms (business and real alike: the business clock
    /// runs at real speed), `--refund-delay` divided by `--notify-speed`.
    delay_ms: i64,
}

/// How a refund is asked for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Via {
    /// WeChat Pay's API: `PROCESSING` first.
    Api,
    /// The control hook: successful at once (what it always did).
    Hook,
}

fn no_auth(message: impl Into<String>) -> ApiFailure {
    ApiFailure::new(403, "NO_AUTH", message)
}

fn no_refund() -> ApiFailure {
    ApiFailure::new(404, "RESOURCE_NOT_EXISTS", "退款单不存在")
}

fn no_order() -> ApiFailure {
    ApiFailure::new(404, "RESOURCE_NOT_EXISTS", "订单不存在")
}

impl Refunds {
    /// The service's tables, created with the store.
    pub fn create_tables(txn: &WriteTransaction) -> Result<()> {
        txn.open_table(REFUNDS)?;
        txn.open_table(REFUND_NOS)?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub fn new(
        store: Arc<Store>,
        clock: Arc<Clock>,
        keys: Arc<Keys>,
        faults: Arc<Faults>,
        orders: Arc<Orders>,
        notifications: Arc<Notifications>,
        refund_delay: Duration,
        notify_speed: u32,
    ) -> Self {
        let delay_ms = refund_delay.as_millis() as i64 / i64::from(notify_speed.max(1));
        Refunds {
            store,
            clock,
            keys,
            faults,
            orders,
            notifications,
            delay_ms,
        }
    }

    /// The refunds made on `date` (`yyyy-MM-dd`): `("{order key}#{out_refund_no}", time)`.
    pub fn made_on(&self, date: &str) -> Result<Vec<(String, i64)>> {
        self.store.index_on(REFUNDS, date)
    }

    /// The merchant whose refunds `caller` handles: itself (直连), or the `sub_mchid` it names,
    /// which must be one of its 二级商户 (服务商, §14.1). `location`: `body` or `query`.
    fn merchant_of(
        &self,
        caller: &str,
        sub_mchid: Option<&str>,
        location: &str,
    ) -> Result<String, ApiFailure> {
        let field = if location == "body" {
            "/sub_mchid"
        } else {
            "sub_mchid"
        };
        if self.keys.service_provider() {
            let Some(sub) = sub_mchid else {
                return Err(ApiFailure::param(
                    field,
                    None,
                    "is required of a 服务商: the 二级商户 whose sub-order is refunded (§14.1)",
                    location,
                ));
            };
            if !self.keys.sub_merchants_of(caller).iter().any(|m| m == sub) {
                return Err(no_auth(format!(
                    "商户号 {caller} 无权操作特约商户 {sub} 的退款"
                )));
            }
            Ok(sub.to_string())
        } else {
            match sub_mchid {
                Some(sub) => Err(ApiFailure::param(
                    field,
                    Some(&Value::String(sub.into())),
                    "is for 服务商; this sandbox merchant is a direct merchant (直连商户)",
                    location,
                )),
                None => Ok(caller.to_string()),
            }
        }
    }

    /// `POST /v3/refund/domestic/refunds` (§14.2) from authenticated merchant `caller`.
    pub fn create(&self, caller: &str, body: &Value) -> Result<Value, ApiFailure> {
        let req: ApiRequest = serde_json::from_value(body.clone()).map_err(|e| {
            ApiFailure::new(400, "PARAM_ERROR", format!("参数错误：{e}"))
                .detail(json!({"issue": e.to_string(), "location": "body"}))
        })?;
        req.check().map_err(|e| ApiFailure::body_field(&e, body))?;
        let merchant = self.merchant_of(caller, req.sub_mchid.as_deref(), "body")?;
        self.accept(caller, &merchant, &req, Via::Api)
    }

    /// `GET /v3/refund/domestic/refunds/{out_refund_no}[?sub_mchid=]` (§14.3).
    pub fn query(
        &self,
        caller: &str,
        out_refund_no: &str,
        sub_mchid: Option<&str>,
    ) -> Result<Value, ApiFailure> {
        crate::api::refund::out_refund_no("out_refund_no", out_refund_no)
            .map_err(|e| ApiFailure::param(&e.pointer, None, &e.problem, "path"))?;
        let merchant = self.merchant_of(caller, sub_mchid, "query")?;
        let Some(key) = self
            .store
            .get::<String>(REFUND_NOS, &refund_key(&merchant, out_refund_no))
            .map_err(internal)?
        else {
            return Err(no_refund());
        };
        let order = self
            .orders
            .get(&key)
            .map_err(internal)?
            .ok_or_else(no_refund)?;
        let r = order
            .refunds
            .iter()
            .find(|r| r.out_refund_no == out_refund_no && refund_merchant(&order, r) == merchant)
            .ok_or_else(no_refund)?;
        Ok(view(&order, r, self.clock.now()))
    }

    /// The control hook: a refund of sub-order `req.out_trade_no` of combine order `no`, signed
    /// as its merchant would (直连: the sub-order's mchid; 服务商: the 服务商 with sub_mchid),
    /// held to the same rules as the API and successful at once (issue 13, item 12).
    pub fn hook(
        &self,
        mchid: Option<&str>,
        no: &str,
        req: &RefundRequest,
    ) -> Result<Value, ApiFailure> {
        let key = self.orders.locate(mchid, no).map_err(|f| {
            if f.code == "TRADE_ERROR" {
                refused("seeded orders cannot be refunded")
            } else {
                f
            }
        })?;
        let order = self
            .orders
            .get(&key)
            .map_err(internal)?
            .ok_or_else(no_order)?;
        let Some((sub, so)) = order
            .sub_orders()
            .iter()
            .enumerate()
            .find(|(_, so)| s(so, "/out_trade_no") == Some(req.out_trade_no.as_str()))
        else {
            return Err(ApiFailure::param(
                "out_trade_no",
                None,
                "is not a sub-order of this order",
                "body",
            ));
        };
        let total = total_of(so);
        let refunded: i64 = order
            .refunds
            .iter()
            .filter(|r| r.sub == sub)
            .map(|r| r.amount)
            .sum();
        let out_refund_no = match &req.out_refund_no {
            Some(n) => n.clone(),
            None => {
                let base: String = format!("R{}", req.out_trade_no).chars().take(29).collect();
                format!("{base}{:03}", order.refunds.len() + 1)
            }
        };
        let api = ApiRequest {
            sub_mchid: s(so, "/sub_mchid").map(str::to_string),
            transaction_id: None,
            out_trade_no: Some(req.out_trade_no.clone()),
            out_refund_no,
            reason: None,
            notify_url: None,
            funds_account: None,
            amount: RefundAmountRequest {
                refund: Fen(req.amount.unwrap_or(total - refunded).max(0)),
                from: None,
                total: Fen(total),
                currency: "CNY".into(),
            },
            goods_detail: None,
        };
        let body = serde_json::to_value(&api).expect("refund requests serialise");
        api.check().map_err(|e| ApiFailure::body_field(&e, &body))?;
        let caller = s(so, "/mchid").unwrap_or_default().to_string();
        let merchant = api.sub_mchid.clone().unwrap_or_else(|| caller.clone());
        let mut answer = self.accept(&caller, &merchant, &api, Via::Hook)?;
        answer["combine_out_trade_no"] = Value::String(order.combine_out_trade_no.clone());
        Ok(answer)
    }

    /// Accept (or refuse, or recognise as a resend) refund `req` of `merchant`'s sub-order,
    /// signed by `caller`: every rule of §14.2/§14.6 in one write transaction.
    fn accept(
        &self,
        caller: &str,
        merchant: &str,
        req: &ApiRequest,
        via: Via,
    ) -> Result<Value, ApiFailure> {
        let now = self.clock.now();
        let parsed = serde_json::to_value(req).expect("refund requests serialise");
        let rkey = refund_key(merchant, &req.out_refund_no);
        let result = self
            .store
            .write(|txn| {
                // §14.6 item 3: the same number again is the same refund, whatever the rules
                // say now; with other parameters it is refused.
                if let Some(okey) = store::get_in::<String>(txn, REFUND_NOS, &rkey)? {
                    let Some(order) = self.orders.get_in(txn, &okey)? else {
                        return Ok(Err(no_refund()));
                    };
                    let Some(r) = order.refunds.iter().find(|r| {
                        r.out_refund_no == req.out_refund_no
                            && refund_merchant(&order, r) == merchant
                    }) else {
                        return Ok(Err(no_refund()));
                    };
                    if r.request.as_ref() != Some(&parsed) {
                        return Ok(Err(refused(format!(
                            "请求重入时，参数与首次请求时不一致 (out_refund_no {} is already a refund of {} fen of {}; a new refund needs a new number)",
                            req.out_refund_no,
                            r.amount,
                            s(&order.sub_orders()[r.sub], "/out_trade_no").unwrap_or_default()
                        ))
                        .numeric(NUM_PARAM_MISMATCH)));
                    }
                    return Ok(Ok((view(&order, r, now), None)));
                }
                let (okey, sub) = match self.find_sub_order(txn, caller, req)? {
                    Ok(found) => found,
                    Err(f) => return Ok(Err(f)),
                };
                let Some(mut order) = self.orders.get_in(txn, &okey)? else {
                    return Ok(Err(no_order()));
                };
                let so = &order.sub_orders()[sub];
                if s(so, "/sub_mchid").unwrap_or(s(so, "/mchid").unwrap_or_default()) != merchant
                {
                    return Ok(Err(no_auth(format!(
                        "特约商户 {merchant} 无权退款订单 {}",
                        s(so, "/out_trade_no").unwrap_or_default()
                    ))));
                }
                if let Err(f) = check_rules(&order, sub, req, now) {
                    return Ok(Err(f));
                }
                if let Some(f) = self.faults.take(FaultKind::REFUND_REFUSAL, REFUND_PATH) {
                    return Ok(Err(match f.kind {
                        FaultKind::NotEnough => ApiFailure::new(
                            403,
                            "NOT_ENOUGH",
                            "基本账户余额不足，请充值后重新发起",
                        ),
                        _ => ApiFailure::new(
                            403,
                            "USER_ACCOUNT_ABNORMAL",
                            "退款请求失败，用户账号异常",
                        ),
                    }));
                }
                let outcome = match self.faults.take(FaultKind::REFUND_OUTCOME, REFUND_PATH) {
                    Some(f) if f.kind == FaultKind::RefundClosed => RefundOutcome::Closed,
                    Some(_) => RefundOutcome::Abnormal,
                    None => RefundOutcome::Success,
                };
                let delay_ms = if via == Via::Hook { 0 } else { self.delay_ms };
                let refund = Refund {
                    sub,
                    out_refund_no: req.out_refund_no.clone(),
                    refund_id: format!(
                        "503{}{}",
                        clock::compact_date(clock::date_of(now)),
                        crate::rand::digits(18)
                    ),
                    amount: req.amount.refund.0,
                    time: now,
                    // Rounded up to whole seconds: never final before the delay is over.
                    done_at: Some(now + (delay_ms + 999) / 1000),
                    outcome,
                    request: Some(parsed.clone()),
                    merchant: Some(merchant.to_string()),
                };
                let answer = view(&order, &refund, now);
                let notice = self.notification(caller, merchant, &order, &refund, req, delay_ms);
                order.refunds.push(refund);
                self.orders.put_in(txn, &okey, &order)?;
                let date = clock::format_date(clock::date_of(now));
                {
                    let mut t = txn.open_table(REFUNDS)?;
                    t.insert(
                        format!("{date}|{okey}#{}", req.out_refund_no).as_str(),
                        now,
                    )?;
                }
                store::put_in(txn, REFUND_NOS, &rkey, &okey)?;
                self.orders.ledger_changed_in(txn, &date)?;
                let queued = match notice {
                    Some(n) => Some(self.notifications.queue_in(txn, &n)?),
                    None => None,
                };
                Ok(Ok((answer, queued)))
            })
            .map_err(internal)??;
        let (answer, queued) = result;
        if let Some(q) = queued {
            // Committed: the delivery loop may pick it up when it is due.
            self.notifications.wake(q);
        }
        Ok(answer)
    }

    /// The order key and sub-order index `req` names, by `out_trade_no` or `transaction_id`
    /// (§14.1), as long as it is `caller`'s sub-order: another merchant's is `403 NO_AUTH`
    /// (§14.6 item 1), one nobody has `404 RESOURCE_NOT_EXISTS`.
    fn find_sub_order(
        &self,
        txn: &WriteTransaction,
        caller: &str,
        req: &ApiRequest,
    ) -> Result<Result<(String, usize), ApiFailure>> {
        let other = |m: &str| {
            Err(no_auth(format!(
                "此订单属于商户 {m}，商户号 {caller} 无权退款；请用商户 {m} 的证书和密钥签名"
            )))
        };
        if let Some(no) = &req.out_trade_no {
            let Some(okey) = self.orders.sub_order_in(txn, caller, no)? else {
                for m in self.keys.merchants() {
                    if m.mchid != caller && self.orders.sub_order_in(txn, &m.mchid, no)?.is_some() {
                        return Ok(other(&m.mchid));
                    }
                }
                return Ok(Err(no_order()));
            };
            let Some(order) = self.orders.get_in(txn, &okey)? else {
                return Ok(Err(no_order()));
            };
            let sub = order.sub_orders().iter().position(|so| {
                s(so, "/mchid") == Some(caller) && s(so, "/out_trade_no") == Some(no.as_str())
            });
            return Ok(sub.map(|i| (okey, i)).ok_or_else(no_order));
        }
        let tid = req.transaction_id.as_deref().unwrap_or_default();
        let Some(okey) = self.orders.by_transaction_in(txn, tid)? else {
            return Ok(Err(no_order()));
        };
        let Some(order) = self.orders.get_in(txn, &okey)? else {
            return Ok(Err(no_order()));
        };
        let Some(sub) = order
            .payment
            .as_ref()
            .and_then(|p| p.transaction_ids.iter().position(|t| t == tid))
        else {
            return Ok(Err(no_order()));
        };
        let owner = s(&order.sub_orders()[sub], "/mchid").unwrap_or_default();
        if owner != caller {
            return Ok(other(owner));
        }
        Ok(Ok((okey, sub)))
    }

    /// The `REFUND.*` notification of `refund` (§14.4), due when it ends; `None` when there is
    /// nowhere to send it.
    #[allow(clippy::too_many_arguments)]
    fn notification(
        &self,
        caller: &str,
        merchant: &str,
        order: &StoredOrder,
        refund: &Refund,
        req: &ApiRequest,
        delay_ms: i64,
    ) -> Option<Notification> {
        // The refund's own notify_url, else (the sandbox has no merchant platform to configure a
        // refund callback in) the combine order's notify_url.
        let url = req
            .notify_url
            .clone()
            .or_else(|| s(&order.request, "/notify_url").map(str::to_string))?;
        let m = self.keys.merchant(caller)?;
        let so = &order.sub_orders()[refund.sub];
        let total = total_of(so);
        let status = refund.outcome.as_str();
        let mut resource = json!({});
        if self.keys.service_provider() {
            resource["sp_mchid"] = Value::String(caller.into());
            resource["sub_mchid"] = Value::String(merchant.into());
        } else {
            resource["mchid"] = Value::String(caller.into());
        }
        resource["out_trade_no"] = json!(s(so, "/out_trade_no"));
        resource["transaction_id"] = json!(
            order
                .payment
                .as_ref()
                .and_then(|p| p.transaction_ids.get(refund.sub))
        );
        resource["out_refund_no"] = json!(refund.out_refund_no);
        resource["refund_id"] = json!(refund.refund_id);
        resource["refund_status"] = json!(status);
        if refund.outcome == RefundOutcome::Success {
            resource["success_time"] = json!(clock::rfc3339(refund.done_time()));
        }
        resource["user_received_account"] = json!("支付用户零钱");
        resource["amount"] = json!({
            "total": total,
            "refund": refund.amount,
            "payer_total": total,
            "payer_refund": refund.amount,
        });
        let key = self.notifications.next_key();
        Some(Notification::refund(
            Target {
                key: &key,
                combine_mchid: &order.combine_mchid,
                combine_out_trade_no: &order.combine_out_trade_no,
                notify_url: &url,
            },
            status,
            &resource,
            &m.apiv3_key,
            // The notice is made when the refund ends, not when it was accepted.
            refund.done_time(),
            // And sent no sooner: `done_at` is rounded up to a whole second, so `delay_ms` alone
            // could notify `SUCCESS` while a query still reads `PROCESSING` (the business clock
            // runs at real speed, so the business time left is the real time left).
            real_now_ms() + delay_ms.max(refund.done_time() * 1000 - self.clock.now_ms()),
        ))
    }
}

/// `"{merchant}/{out_refund_no}"`.
fn refund_key(merchant: &str, out_refund_no: &str) -> String {
    format!("{merchant}/{out_refund_no}")
}

/// The merchant whose number `r`'s `out_refund_no` is (see [`REFUND_NOS`]).
fn refund_merchant<'a>(order: &'a StoredOrder, r: &'a Refund) -> &'a str {
    if let Some(m) = &r.merchant {
        return m;
    }
    let so = &order.sub_orders()[r.sub];
    s(so, "/sub_mchid")
        .or_else(|| s(so, "/mchid"))
        .unwrap_or_default()
}
