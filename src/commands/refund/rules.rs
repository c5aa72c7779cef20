//! The local rules of a refund (apiv3.md §14.2, cli.md "refund"), pure: what WeChat Pay would
//! refuse is refused here before anything is signed, the amount and the `out_refund_no` are chosen,
//! and the double-submit guard looks at what the sub-order already has. The clock is a parameter.

use time::OffsetDateTime;

use crate::api::refund::{MAX_REFUND_AGE_DAYS, MAX_REFUNDS_PER_ORDER, RefundStatus};
use crate::api::types::SubOrderState;
use crate::money::Fen;

/// How far back the double-submit guard looks (cli.md: "in the last 24 hours").
pub const GUARD_WINDOW_SECS: i64 = 24 * 3600;

/// One refund a sub-order already has, as WeChat Pay reported it (a query, §14.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub out_refund_no: String,
    pub amount: Fen,
    pub status: RefundStatus,
    /// Unix seconds of `create_time`, when it was given and readable.
    pub created: Option<i64>,
}

/// Why a refund is refused locally (exit 2, nothing sent). Each says what WeChat Pay would say.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("sub-order {out_trade_no} is {state}, not paid: only a paid sub-order can be refunded")]
    NotPaid { out_trade_no: String, state: String },
    #[error(
        "sub-order {out_trade_no} is fully refunded already ({refunded} of {total} fen in {count} refund(s))"
    )]
    FullyRefunded {
        out_trade_no: String,
        refunded: i64,
        total: i64,
        count: usize,
    },
    #[error(
        "--amount {amount} fen is more than the {remainder} fen still refundable on sub-order {out_trade_no} (total {total} fen, {refunded} fen refunded in {count} refund(s))"
    )]
    OverRemainder {
        out_trade_no: String,
        amount: i64,
        remainder: i64,
        total: i64,
        refunded: i64,
        count: usize,
    },
    #[error("--amount {amount}: a refund must be at least 1 fen")]
    NotPositive { amount: i64 },
    #[error(
        "sub-order {out_trade_no} has {count} refunds already; WeChat Pay allows at most {MAX_REFUNDS_PER_ORDER} per order"
    )]
    TooMany { out_trade_no: String, count: usize },
    #[error(
        "sub-order {out_trade_no} was paid at {success_time}, {days} days ago; WeChat Pay refunds only within {MAX_REFUND_AGE_DAYS} days of payment"
    )]
    TooOld {
        out_trade_no: String,
        success_time: String,
        days: i64,
    },
}

/// What a checked refund will be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub refund: Fen,
    /// Always the sub-order's own `total_amount`, from the query (§14.2).
    pub total: Fen,
    /// What is left after this refund.
    pub remainder_after: Fen,
}

/// The money already gone: every refund but a `CLOSED` one (a closed refund paid nothing out).
/// An `ABNORMAL` or unknown status counts: the stricter reading, as WeChat Pay still holds it
/// against the order until the merchant resolves it (§14.3).
pub fn refunded(existing: &[Existing]) -> Fen {
    Fen(existing
        .iter()
        .filter(|r| r.status != RefundStatus::Closed)
        .map(|r| r.amount.0)
        .sum())
}

/// What is still refundable on `sub`.
pub fn remainder(sub: &SubOrderState, existing: &[Existing]) -> Fen {
    Fen((sub.amount.total_amount.0 - refunded(existing).0).max(0))
}

/// Check a refund of `amount` (the whole remainder when `None`) of `sub` at `now` (§14.2's rules).
pub fn check(
    sub: &SubOrderState,
    existing: &[Existing],
    amount: Option<i64>,
    now: i64,
) -> Result<Plan, Refusal> {
    let otn = || sub.out_trade_no.clone();
    // §14.6.4: only paid (SUCCESS, or REFUND after an earlier refund) sub-orders.
    if !matches!(sub.trade_state.as_str(), "SUCCESS" | "REFUND") {
        return Err(Refusal::NotPaid {
            out_trade_no: otn(),
            state: sub.trade_state.clone(),
        });
    }
    // Without a readable success_time the age cannot be known here; WeChat Pay still checks it.
    if let Some(t) = &sub.success_time
        && let Some(paid) = unix_of(t)
    {
        let days = (now - paid).div_euclid(86_400);
        if now - paid > MAX_REFUND_AGE_DAYS * 86_400 {
            return Err(Refusal::TooOld {
                out_trade_no: otn(),
                success_time: t.clone(),
                days,
            });
        }
    }
    if let Some(a) = amount
        && a <= 0
    {
        return Err(Refusal::NotPositive { amount: a });
    }
    let total = sub.amount.total_amount;
    let done = refunded(existing);
    let left = remainder(sub, existing);
    if left.0 == 0 {
        return Err(Refusal::FullyRefunded {
            out_trade_no: otn(),
            refunded: done.0,
            total: total.0,
            count: existing.len(),
        });
    }
    // "at most 50 partial refunds per order": a 51st is refused whatever its amount.
    if existing.len() >= MAX_REFUNDS_PER_ORDER {
        return Err(Refusal::TooMany {
            out_trade_no: otn(),
            count: existing.len(),
        });
    }
    let refund = Fen(amount.unwrap_or(left.0));
    if refund > left {
        return Err(Refusal::OverRemainder {
            out_trade_no: otn(),
            amount: refund.0,
            remainder: left.0,
            total: total.0,
            refunded: done.0,
            count: existing.len(),
        });
    }
    Ok(Plan {
        refund,
        total,
        remainder_after: Fen(left.0 - refund.0),
    })
}

/// The deterministic number of a sub-order's `n`-th refund (cli.md: `R<out_trade_no>-<n>`).
pub fn deterministic_no(out_trade_no: &str, n: usize) -> String {
    format!("R{out_trade_no}-{n}")
}

/// Which `n` a deterministic number names for `out_trade_no`, if it is one.
pub fn deterministic_index(out_trade_no: &str, out_refund_no: &str) -> Option<usize> {
    let rest = out_refund_no
        .strip_prefix('R')?
        .strip_prefix(out_trade_no)?
        .strip_prefix('-')?;
    if rest.is_empty() || rest.starts_with('0') || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.parse().ok()
}

/// The number of the next refund: `R<out_trade_no>-<n>` with `n` one past the last deterministic
/// number WeChat Pay knows. `list` finds refunds by probing `-1`, `-2`, … until one is unknown,
/// so the next number must be that first unknown one (refunds with other numbers do not count
/// here, or `list` would skip past a gap and never find the new one).
pub fn next_no(out_trade_no: &str, existing: &[Existing]) -> String {
    let mut n = 1;
    while existing
        .iter()
        .any(|r| r.out_refund_no == deterministic_no(out_trade_no, n))
    {
        n += 1;
    }
    deterministic_no(out_trade_no, n)
}

/// The double-submit guard (cli.md): a refund of the same amount of the same sub-order created in
/// the last 24 hours, other than `chosen` itself (rerunning the printed command after exit 5 reuses
/// the number, and is the one retry that is always safe).
pub fn guard<'a>(
    existing: &'a [Existing],
    amount: Fen,
    chosen: &str,
    now: i64,
) -> Option<&'a Existing> {
    existing.iter().find(|r| {
        r.amount == amount
            && r.out_refund_no != chosen
            && r.created
                .is_none_or(|c| now - c <= GUARD_WINDOW_SECS && c - now <= GUARD_WINDOW_SECS)
    })
}

/// Unix seconds of an RFC 3339 time as WeChat Pay writes it (`2026-04-01T10:00:00+08:00`).
pub fn unix_of(t: &str) -> Option<i64> {
    OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(OffsetDateTime::unix_timestamp)
}

/// An amount as people read it on a confirmation: `12.34 元 (1234 fen)`.
pub fn yuan_and_fen(f: Fen) -> String {
    format!("{f} 元 ({} fen)", f.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::AmountOut;
    use serde_json::Map;

    const PAID_AT: &str = "2026-04-01T10:00:00+08:00";

    fn paid_at() -> i64 {
        unix_of(PAID_AT).unwrap()
    }

    fn sub(state: &str, total: i64) -> SubOrderState {
        SubOrderState {
            mchid: "1900000109".into(),
            sub_mchid: None,
            sub_appid: None,
            sub_openid: None,
            trade_type: "JSAPI".into(),
            trade_state: state.into(),
            bank_type: None,
            attach: "a".into(),
            amount: AmountOut {
                total_amount: Fen(total),
                currency: "CNY".into(),
                payer_amount: None,
                payer_currency: None,
                settlement_rate: None,
            },
            success_time: Some(PAID_AT.into()),
            transaction_id: Some("4200".into()),
            out_trade_no: "S1".into(),
            promotion_detail: None,
            extra: Map::new(),
        }
    }

    fn refund(no: &str, amount: i64, status: RefundStatus, created: Option<i64>) -> Existing {
        Existing {
            out_refund_no: no.into(),
            amount: Fen(amount),
            status,
            created,
        }
    }

    #[test]
    fn amount_defaults_to_the_remainder_and_total_to_the_query() {
        let now = paid_at() + 60;
        let p = check(&sub("SUCCESS", 1000), &[], None, now).unwrap();
        assert_eq!(
            (p.refund, p.total, p.remainder_after),
            (Fen(1000), Fen(1000), Fen(0))
        );
        let done = [refund("RS1-1", 300, RefundStatus::Success, None)];
        let p = check(&sub("REFUND", 1000), &done, None, now).unwrap();
        assert_eq!((p.refund, p.total), (Fen(700), Fen(1000)));
        let p = check(&sub("REFUND", 1000), &done, Some(200), now).unwrap();
        assert_eq!(p.remainder_after, Fen(500));
    }

    #[test]
    fn refusals() {
        let now = paid_at() + 60;
        for state in ["NOTPAY", "CLOSED", "PAYERROR", "USERPAYING"] {
            assert!(matches!(
                check(&sub(state, 100), &[], None, now),
                Err(Refusal::NotPaid { .. })
            ));
        }
        let done = [
            refund("RS1-1", 60, RefundStatus::Success, None),
            refund("X", 30, RefundStatus::Processing, None),
            // A closed refund paid nothing out.
            refund("RS1-2", 40, RefundStatus::Closed, None),
        ];
        let e = check(&sub("REFUND", 100), &done, Some(11), now).unwrap_err();
        assert_eq!(
            e,
            Refusal::OverRemainder {
                out_trade_no: "S1".into(),
                amount: 11,
                remainder: 10,
                total: 100,
                refunded: 90,
                count: 3
            }
        );
        assert!(check(&sub("REFUND", 100), &done, Some(10), now).is_ok());
        let all = [refund("RS1-1", 100, RefundStatus::Abnormal, None)];
        assert!(matches!(
            check(&sub("REFUND", 100), &all, None, now),
            Err(Refusal::FullyRefunded { .. })
        ));
        assert!(matches!(
            check(&sub("SUCCESS", 100), &[], Some(0), now),
            Err(Refusal::NotPositive { amount: 0 })
        ));
    }

    #[test]
    fn the_51st_partial_refund_is_refused() {
        let now = paid_at() + 60;
        let fifty: Vec<Existing> = (1..=50)
            .map(|n| refund(&deterministic_no("S1", n), 1, RefundStatus::Success, None))
            .collect();
        assert!(check(&sub("REFUND", 1000), &fifty[..49], Some(1), now).is_ok());
        assert_eq!(
            check(&sub("REFUND", 1000), &fifty, Some(1), now),
            Err(Refusal::TooMany {
                out_trade_no: "S1".into(),
                count: 50
            })
        );
    }

    #[test]
    fn refunds_only_within_365_days_of_payment() {
        let day = 86_400;
        assert!(check(&sub("SUCCESS", 100), &[], None, paid_at() + 365 * day).is_ok());
        let e = check(&sub("SUCCESS", 100), &[], None, paid_at() + 365 * day + 1).unwrap_err();
        assert!(e.to_string().contains("365 days ago"), "{e}");
        assert!(e.to_string().contains(PAID_AT), "{e}");
    }

    #[test]
    fn next_number_is_the_first_unknown_deterministic_one() {
        assert_eq!(next_no("S1", &[]), "RS1-1");
        let done = [
            refund("RS1-1", 1, RefundStatus::Success, None),
            refund("custom", 1, RefundStatus::Success, None),
            refund("RS1-2", 1, RefundStatus::Closed, None),
        ];
        assert_eq!(next_no("S1", &done), "RS1-3");
        assert_eq!(deterministic_index("S1", "RS1-12"), Some(12));
        assert_eq!(deterministic_index("S1", "RS1-0"), None);
        assert_eq!(deterministic_index("S1", "RS1-01"), None);
        assert_eq!(deterministic_index("S1", "RS11-1"), None);
        assert_eq!(deterministic_index("S1", "RS1-"), None);
        // The longest out_trade_no still gives a valid out_refund_no.
        let n = deterministic_no(&"9".repeat(32), 50);
        assert_eq!(crate::api::refund::out_refund_no("x", &n), Ok(()));
    }

    #[test]
    fn double_submit_guard() {
        let now = paid_at() + 3600;
        let done = [
            refund("RS1-1", 50, RefundStatus::Success, Some(now - 600)),
            refund("RS1-2", 70, RefundStatus::Processing, Some(now - 25 * 3600)),
        ];
        assert_eq!(
            guard(&done, Fen(50), "RS1-3", now).map(|r| r.out_refund_no.as_str()),
            Some("RS1-1")
        );
        // The same number is the safe retry, not a double.
        assert_eq!(guard(&done, Fen(50), "RS1-1", now), None);
        // Older than 24 hours, or another amount: not a double submit.
        assert_eq!(guard(&done, Fen(70), "RS1-3", now), None);
        assert_eq!(guard(&done, Fen(51), "RS1-3", now), None);
        // No create_time: the stricter reading, it may be recent.
        let unknown = [refund("X", 50, RefundStatus::Processing, None)];
        assert!(guard(&unknown, Fen(50), "RS1-1", now).is_some());
    }

    #[test]
    fn amounts_for_people() {
        assert_eq!(yuan_and_fen(Fen(1234)), "12.34 元 (1234 fen)");
        assert_eq!(yuan_and_fen(Fen(5)), "0.05 元 (5 fen)");
    }
}
