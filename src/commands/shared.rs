//! Views and helpers more than one command uses (issue 12, item 4: commands do not import each
//! other).

use serde::Serialize;
use serde_json::Value;

use super::Context;
use crate::api::Request;
use crate::api::types::CombineOrder;
use crate::config::Profile;
use crate::error::Failure;
use crate::render::{View, list_table, to_json};
use crate::transport::Client;

/// What `--dry-run` shows (`prepay`, `close`): [`Client::preview`] of the request, which is the
/// one dry-run view of the transport, with the body as JSON.
#[derive(Serialize)]
pub struct DryRunView {
    pub method: &'static str,
    pub url: String,
    pub body: Value,
    pub string_to_sign: String,
}

impl DryRunView {
    /// What would be sent for `request` now: the URL, the body and the exact string to sign
    /// (with a fresh timestamp and nonce, as a real send would use). Sends nothing.
    pub fn new(
        ctx: &Context,
        profile: &Profile,
        request: &Request,
        body: Value,
    ) -> Result<Self, Failure> {
        let base = ctx.base_url(profile)?;
        let ts = ctx.now().to_string();
        let nonce = crate::rand::alphanumeric(32);
        let preview = Client::preview(&base, request, &ts, &nonce);
        Ok(DryRunView {
            method: preview.method,
            url: preview.url,
            body,
            string_to_sign: String::from_utf8_lossy(&preview.message).into_owned(),
        })
    }
}

impl View for DryRunView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn table(&self) -> String {
        let body = serde_json::to_string_pretty(&self.body).unwrap_or_default();
        format!(
            "{} {}\n\nbody:\n{body}\n\nstring to sign (each line ends in \\n):\n{}\nnothing was sent (--dry-run)\n",
            self.method,
            self.url,
            self.string_to_sign
                .split_terminator('\n')
                .map(|l| format!("  {l}\\n"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    }
}

/// The state of a whole order: its sub-orders' common state, or MIXED.
pub fn order_state(o: &CombineOrder) -> String {
    let mut states = o.sub_orders.iter().map(|s| s.trade_state.as_str());
    match states.next() {
        Some(first) if states.all(|s| s == first) => first.to_string(),
        Some(_) => "MIXED".into(),
        None => "EMPTY".into(),
    }
}

fn dash(v: Option<&str>) -> String {
    v.unwrap_or("-").to_string()
}

/// One row per sub-order (cli.md `query`), in [`HEADER`]'s columns; render with [`order_table`].
pub fn order_rows(o: &CombineOrder) -> Vec<Vec<String>> {
    o.sub_orders
        .iter()
        .map(|s| {
            vec![
                o.combine_out_trade_no.clone(),
                s.out_trade_no.clone(),
                s.mchid.clone(),
                dash(s.sub_mchid.as_deref()),
                s.trade_state.clone(),
                s.amount.total_amount.to_string(),
                s.amount
                    .payer_amount
                    .map(|a| a.to_string())
                    .unwrap_or_else(|| "-".into()),
                dash(s.transaction_id.as_deref()),
                dash(s.success_time.as_deref()),
            ]
        })
        .collect()
}

pub const HEADER: [&str; 9] = [
    "COMBINE_OUT_TRADE_NO",
    "OUT_TRADE_NO",
    "MCHID",
    "SUB_MCHID",
    "STATE",
    "AMOUNT ¥",
    "PAYER ¥",
    "TRANSACTION_ID",
    "SUCCESS_TIME",
];

/// Where SUB_MCHID sits in [`HEADER`].
const SUB_MCHID_COLUMN: usize = 3;

/// The table of [`order_rows`]: the SUB_MCHID column (§6.4, 服务商 orders only) is shown only when
/// some row has one, so a direct merchant's table has no column that is always `-`.
pub fn order_table(mut rows: Vec<Vec<String>>) -> String {
    let any_sub_mchid = rows
        .iter()
        .any(|r| r.get(SUB_MCHID_COLUMN).is_some_and(|c| c != "-"));
    if any_sub_mchid {
        return list_table(&HEADER, rows);
    }
    for r in &mut rows {
        if r.len() > SUB_MCHID_COLUMN {
            r.remove(SUB_MCHID_COLUMN);
        }
    }
    let mut header = HEADER.to_vec();
    header.remove(SUB_MCHID_COLUMN);
    list_table(&header, rows)
}

/// The numbers a batch (`query`, `refund query`) has seen, to query each once (issue 15, item
/// 14). Kept as 128-bit fingerprints (SHA-1, truncated), 16 bytes a number whatever its length,
/// so that a million-number `--from` file stays small; two different numbers sharing one is
/// about a 1-in-10^26 event for a million numbers.
#[derive(Default)]
pub struct Seen(std::collections::HashSet<u128>);

impl Seen {
    /// `true` the first time `number` is seen.
    pub fn first(&mut self, number: &str) -> bool {
        use sha1::{Digest, Sha1};
        let d = Sha1::digest(number.as_bytes());
        let mut b = [0u8; 16];
        b.copy_from_slice(&d[..16]);
        self.0.insert(u128::from_be_bytes(b))
    }
}

/// `note: 2 duplicate order numbers ignored (each is queried and printed once)`.
pub fn duplicates_note(n: usize, what: &str) -> String {
    format!(
        "note: {n} duplicate {what} number{} ignored (each is queried and printed once)",
        if n == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod seen_tests {
    use super::*;

    #[test]
    fn a_number_is_new_once() {
        let mut s = Seen::default();
        assert!(s.first("C1001"));
        assert!(s.first("C1002"));
        assert!(!s.first("C1001"));
        assert_eq!(
            duplicates_note(1, "order"),
            "note: 1 duplicate order number ignored (each is queried and printed once)"
        );
    }
}
