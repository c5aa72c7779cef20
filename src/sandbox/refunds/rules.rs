//! The rules a new refund must pass (apiv3.md §14.2, §14.6 item 4) and the refund object the API
//! answers with (§14.2, §14.3): pure functions of the stored order and the business time.

use serde_json::{Value, json};

use crate::api::refund::{MAX_REFUND_AGE_DAYS, MAX_REFUNDS_PER_ORDER, RefundRequest as ApiRequest};
use crate::sandbox::clock;
use crate::sandbox::failure::ApiFailure;
use crate::sandbox::orders::model::s;
use crate::sandbox::orders::{Refund, State, StoredOrder};

/// "One refund of the same order per minute" (§14.2), in business seconds.
const ONE_PER_SECS: i64 = 60;

pub(super) fn refused(message: impl Into<String>) -> ApiFailure {
    ApiFailure::new(400, "INVALID_REQUEST", message)
}

/// The total of sub-order `so`, fen.
pub(super) fn total_of(so: &Value) -> i64 {
    so.pointer("/amount/total_amount")
        .and_then(Value::as_i64)
        .unwrap_or(0)
}

/// The business rules of §14.2 / §14.6 item 4 for a new refund `req` of sub-order `sub`.
pub(super) fn check_rules(
    order: &StoredOrder,
    sub: usize,
    req: &ApiRequest,
    now: i64,
) -> Result<(), ApiFailure> {
    let so = &order.sub_orders()[sub];
    let no = s(so, "/out_trade_no").unwrap_or_default();
    // Only paid sub-orders (SUCCESS, or REFUND: a refunded one is still paid).
    let paid = match (&order.payment, order.effective_state(now)) {
        (Some(p), State::Success) => p,
        _ => return Err(refused(format!("订单 {no} 未支付，不能退款"))),
    };
    if now - paid.success_time > MAX_REFUND_AGE_DAYS * 86_400 {
        return Err(refused(format!(
            "订单 {no} 已超过退款期限：支付成功后 {MAX_REFUND_AGE_DAYS} 天内才能退款"
        )));
    }
    let total = total_of(so);
    if req.amount.total.0 != total {
        return Err(refused(format!(
            "amount.total {} 与订单金额 {total} 不一致 (it must be the sub-order's total_amount)",
            req.amount.total.0
        )));
    }
    let earlier: Vec<&Refund> = order.refunds.iter().filter(|r| r.sub == sub).collect();
    // A CLOSED refund gave nothing back: its amount is refundable again.
    let refunded: i64 = earlier
        .iter()
        .filter(|r| r.status_at(now) != "CLOSED")
        .map(|r| r.amount)
        .sum();
    let left = total - refunded;
    if left <= 0 {
        return Err(refused(format!("订单 {no} 已全额退款")));
    }
    if req.amount.refund.0 > left {
        return Err(refused(format!(
            "申请退款金额 {} 超过订单可退金额 {left} (fen)",
            req.amount.refund.0
        )));
    }
    if earlier.len() >= MAX_REFUNDS_PER_ORDER {
        return Err(refused(format!(
            "订单 {no} 已有 {MAX_REFUNDS_PER_ORDER} 笔部分退款，不能再退"
        )));
    }
    // [UNCERTAIN] "the same order" is the sub-order the refund API knows (the combine order is
    // never refunded as such, §14.1).
    if earlier.iter().any(|r| now - r.time < ONE_PER_SECS) {
        return Err(ApiFailure::new(
            429,
            "FREQUENCY_LIMITED",
            "频率限制，同一订单每分钟只能退款一次：请间隔1分钟后再次调用",
        ));
    }
    Ok(())
}

/// The refund object of §14.2 / §14.3 at business time `now`.
pub(super) fn view(order: &StoredOrder, r: &Refund, now: i64) -> Value {
    let so = &order.sub_orders()[r.sub];
    let total = total_of(so);
    let status = r.status_at(now);
    let funds_account = r
        .request
        .as_ref()
        .and_then(|q| s(q, "/funds_account"))
        .unwrap_or("UNSETTLED");
    let mut v = json!({
        "refund_id": r.refund_id,
        "out_refund_no": r.out_refund_no,
        "transaction_id": order.payment.as_ref().and_then(|p| p.transaction_ids.get(r.sub)),
        "out_trade_no": s(so, "/out_trade_no"),
        "channel": "ORIGINAL",
        "user_received_account": "支付用户零钱",
        "create_time": clock::rfc3339(r.time),
        "status": status,
        "funds_account": funds_account,
        "amount": {
            "total": total,
            "refund": r.amount,
            "from": [],
            "payer_total": total,
            "payer_refund": r.amount,
            "settlement_refund": r.amount,
            "settlement_total": total,
            "discount_refund": 0,
            "currency": "CNY",
            "refund_fee": 0,
        },
        "promotion_detail": [],
    });
    if status == "SUCCESS" {
        v["success_time"] = Value::String(clock::rfc3339(r.done_time()));
    }
    if let Some(sub) = s(so, "/sub_mchid") {
        v["sub_mchid"] = Value::String(sub.into());
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::refund::RefundAmountRequest;
    use crate::money::Fen;
    use crate::sandbox::orders::RefundOutcome;

    const DAY: i64 = 86_400;
    /// Paid at business time 1000.
    const PAID: i64 = 1_000;

    /// A combine order whose one sub-order `P1B` of 250 fen is paid (or not).
    fn order(paid: bool) -> StoredOrder {
        serde_json::from_value(json!({
            "combine_mchid": "1900000109",
            "combine_out_trade_no": "P1",
            "scene": "jsapi",
            "request": {"sub_orders": [{"mchid": "1900000119", "out_trade_no": "P1B",
                "amount": {"total_amount": 250, "currency": "CNY"}}]},
            "created_at": 0,
            "expire_at": 100 * 365 * DAY,
            "prepay_id": "wx",
            "prepay_expires_at": 0,
            "state": if paid { "SUCCESS" } else { "NOTPAY" },
            "payment": paid.then(|| json!({"success_time": PAID, "bank_type": "OTHERS",
                "openid": "o", "transaction_ids": ["4201"]})),
        }))
        .unwrap()
    }

    fn req(no: &str, refund: i64, total: i64) -> ApiRequest {
        ApiRequest {
            sub_mchid: None,
            transaction_id: None,
            out_trade_no: Some("P1B".into()),
            out_refund_no: no.into(),
            reason: None,
            notify_url: None,
            funds_account: None,
            amount: RefundAmountRequest {
                refund: Fen(refund),
                from: None,
                total: Fen(total),
                currency: "CNY".into(),
            },
            goods_detail: None,
        }
    }

    /// Add an accepted refund of `amount` at `time`, ending as `outcome` 60 s later.
    fn refunded(o: &mut StoredOrder, amount: i64, time: i64, outcome: RefundOutcome) {
        let n = o.refunds.len();
        o.refunds.push(Refund {
            sub: 0,
            out_refund_no: format!("R{n}"),
            refund_id: format!("503{n}"),
            amount,
            time,
            done_at: Some(time + 60),
            outcome,
            request: None,
            merchant: None,
        });
    }

    fn code(r: Result<(), ApiFailure>) -> (u16, &'static str) {
        let f = r.unwrap_err();
        (f.status, f.code)
    }

    #[test]
    fn only_paid_sub_orders() {
        let now = PAID + 100;
        assert_eq!(
            code(check_rules(&order(false), 0, &req("R", 1, 250), now)),
            (400, "INVALID_REQUEST")
        );
        assert!(check_rules(&order(true), 0, &req("R", 1, 250), now).is_ok());
    }

    #[test]
    fn within_365_days_of_the_payment() {
        let o = order(true);
        assert!(check_rules(&o, 0, &req("R", 1, 250), PAID + 365 * DAY).is_ok());
        assert_eq!(
            code(check_rules(&o, 0, &req("R", 1, 250), PAID + 365 * DAY + 1)),
            (400, "INVALID_REQUEST")
        );
    }

    #[test]
    fn amount_total_is_the_sub_orders_total() {
        assert_eq!(
            code(check_rules(&order(true), 0, &req("R", 1, 249), PAID)),
            (400, "INVALID_REQUEST")
        );
    }

    #[test]
    fn the_sum_of_refunds_stays_within_the_total_and_closed_ones_do_not_count() {
        let mut o = order(true);
        refunded(&mut o, 200, PAID, RefundOutcome::Success);
        let later = PAID + 120;
        assert!(check_rules(&o, 0, &req("R", 50, 250), later).is_ok());
        assert_eq!(
            code(check_rules(&o, 0, &req("R", 51, 250), later)),
            (400, "INVALID_REQUEST")
        );
        refunded(&mut o, 50, PAID + 1, RefundOutcome::Closed);
        // Still processing: counted; once CLOSED: refundable again.
        assert_eq!(
            code(check_rules(&o, 0, &req("R", 50, 250), PAID + 60)),
            (400, "INVALID_REQUEST")
        );
        assert!(check_rules(&o, 0, &req("R", 50, 250), later).is_ok());
        refunded(&mut o, 50, PAID + 2, RefundOutcome::Success);
        assert_eq!(
            code(check_rules(&o, 0, &req("R", 1, 250), later)),
            (400, "INVALID_REQUEST")
        );
    }

    #[test]
    fn at_most_50_refunds_of_an_order() {
        let mut o = order(true);
        for i in 0..49 {
            refunded(&mut o, 1, PAID + i * 60, RefundOutcome::Success);
        }
        let later = PAID + DAY;
        assert!(check_rules(&o, 0, &req("R", 1, 250), later).is_ok());
        refunded(&mut o, 1, PAID + 49 * 60, RefundOutcome::Success);
        assert_eq!(
            code(check_rules(&o, 0, &req("R", 1, 250), later)),
            (400, "INVALID_REQUEST")
        );
    }

    #[test]
    fn one_refund_of_an_order_per_business_minute() {
        let mut o = order(true);
        refunded(&mut o, 1, PAID, RefundOutcome::Success);
        assert_eq!(
            code(check_rules(&o, 0, &req("R", 1, 250), PAID + 59)),
            (429, "FREQUENCY_LIMITED")
        );
        assert!(check_rules(&o, 0, &req("R", 1, 250), PAID + 60).is_ok());
    }

    #[test]
    fn a_refund_is_processing_until_its_delay_is_over_then_its_outcome() {
        let mut o = order(true);
        refunded(&mut o, 1, PAID, RefundOutcome::Abnormal);
        let r = &o.refunds[0];
        assert_eq!(view(&o, r, PAID + 59)["status"], "PROCESSING");
        assert_eq!(view(&o, r, PAID + 60)["status"], "ABNORMAL");
        assert!(view(&o, r, PAID + 60).get("success_time").is_none());
        let mut o = order(true);
        refunded(&mut o, 1, PAID, RefundOutcome::Success);
        let v = view(&o, &o.refunds[0], PAID + 60);
        assert_eq!(v["status"], "SUCCESS");
        assert_eq!(v["success_time"], clock::rfc3339(PAID + 60));
        // The answer is a refund object as the client's shape check and its commands read it.
        let text = v.to_string();
        let checked: crate::api::refund::RefundSummary = serde_json::from_str(&text).unwrap();
        assert_eq!(checked.refund.0, 1);
        let parsed: crate::api::refund::Refund = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed.refund().0, 1);
    }
}
