//! `refund list`: every refund of every sub-order of a combine order that this tool can find, with
//! the refundable remainder (cli.md "refund"). APIv3 has no "list an order's refunds" endpoint, so
//! the refunds are the deterministic numbers and the journal's; the command says so.

use anyhow::{Context as _, Result};
use serde::Serialize;
use serde_json::{Map, Value};

use super::{Answered, existing, journal, profile_for, refunds_of, rules};
use crate::api::Request;
use crate::api::refund::Refund;
use crate::api::types::CombineOrder;
use crate::api::validate;
use crate::cli::RefundListArgs;
use crate::commands::{Context, Outcome, block_on};
use crate::error::Failure;
use crate::money::Fen;
use crate::render::{View, list_table, to_json};

/// One sub-order and its refunds.
#[derive(Serialize)]
pub struct SubOrderRefunds {
    pub out_trade_no: String,
    pub mchid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    pub trade_state: String,
    pub total: Fen,
    pub refunded: Fen,
    /// What is still refundable; 0 for a sub-order that is not paid.
    pub refundable: Fen,
    /// WeChat Pay's refund objects, as received.
    pub refunds: Vec<Map<String, Value>>,
    #[serde(skip)]
    parsed: Vec<Refund>,
}

#[derive(Serialize)]
pub struct ListView {
    pub combine_out_trade_no: String,
    pub sub_orders: Vec<SubOrderRefunds>,
}

impl View for ListView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn table(&self) -> String {
        let mut s = list_table(
            &[
                "OUT_TRADE_NO",
                "MCHID",
                "STATE",
                "TOTAL ¥",
                "REFUNDED ¥",
                "REFUNDABLE ¥",
                "REFUNDS",
            ],
            self.sub_orders
                .iter()
                .map(|o| {
                    vec![
                        o.out_trade_no.clone(),
                        o.sub_mchid.clone().unwrap_or_else(|| o.mchid.clone()),
                        o.trade_state.clone(),
                        o.total.to_string(),
                        o.refunded.to_string(),
                        o.refundable.to_string(),
                        o.refunds.len().to_string(),
                    ]
                })
                .collect(),
        );
        let rows: Vec<Vec<String>> = self
            .sub_orders
            .iter()
            .flat_map(|o| o.parsed.iter().map(|r| super::query::refund_row(&r.into())))
            .collect();
        if !rows.is_empty() {
            s.push('\n');
            s.push_str(&list_table(&super::query::HEADER, rows));
        }
        s
    }
}

pub fn run(ctx: &Context, args: &RefundListArgs) -> Result<Outcome> {
    validate::out_trade_no_strict("COMBINE_OUT_TRADE_NO", &args.number)
        .map_err(|e| Failure::usage(format!("argument {e}")))?;
    let journal_path = journal::default_path()?;
    let journal = journal::read(&journal_path)?;
    let selected = ctx.profile()?;
    let client = ctx.client(&selected)?;
    let number = args.number.clone();
    let view = block_on(async {
        let order = combine_order(&client, &number).await?;
        let mut subs = Vec::new();
        for sub in &order.sub_orders {
            let paid = matches!(sub.trade_state.as_str(), "SUCCESS" | "REFUND");
            let found: Vec<Answered> = if paid {
                let profile = profile_for(ctx, &selected, sub)?;
                let c = if profile.name == selected.name {
                    None
                } else {
                    Some(ctx.client(&profile)?)
                };
                refunds_of(c.as_ref().unwrap_or(&client), &profile, sub, &journal).await?
            } else {
                Vec::new()
            };
            let ex = existing(&found);
            subs.push(SubOrderRefunds {
                out_trade_no: sub.out_trade_no.clone(),
                mchid: sub.mchid.clone(),
                sub_mchid: sub.sub_mchid.clone(),
                trade_state: sub.trade_state.clone(),
                total: sub.amount.total_amount,
                refunded: rules::refunded(&ex),
                refundable: if paid {
                    rules::remainder(sub, &ex)
                } else {
                    Fen(0)
                },
                refunds: found.iter().map(|a| a.refund.raw().clone()).collect(),
                parsed: found.into_iter().map(|a| a.refund).collect(),
            });
        }
        Ok::<_, anyhow::Error>(ListView {
            combine_out_trade_no: number.clone(),
            sub_orders: subs,
        })
    })?;
    ctx.printer.notice(&format!(
        "refunds found by their numbers R<out_trade_no>-1, -2, … and the journal {}; refunds made elsewhere (the merchant platform, another system) with other numbers are not listed, and WeChat Pay still refuses an over-refund",
        journal_path.display()
    ));
    Ok(Outcome::ok(view))
}

/// The combine order, verified (its answer must be about this order of this merchant).
pub async fn combine_order(
    client: &crate::transport::Client,
    number: &str,
) -> Result<CombineOrder> {
    let resp = client
        .call(&Request::combine_query(number))
        .await
        .with_context(|| format!("the query of combine order {number} failed"))?;
    serde_json::from_slice(&resp.body).with_context(|| {
        format!("combine order {number}: the verified answer is not a combine order")
    })
}
