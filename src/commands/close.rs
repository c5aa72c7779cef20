//! `close`: close a combine order (cli.md §4, apiv3.md §6.5, §11).

use anyhow::{Context as _, Result};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::shared::DryRunView;
use super::{Context, Outcome, block_on};
use crate::api::Request;
use crate::api::types::CombineOrder;
use crate::api::validate;
use crate::cli::CloseArgs;
use crate::error::{Failure, Kind};
use crate::render::{View, kv_table, list_table, to_json};

#[derive(Debug, Clone, Serialize)]
pub struct ClosedSubOrder {
    pub mchid: String,
    pub out_trade_no: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
}

#[derive(Serialize)]
pub struct CloseView {
    pub combine_out_trade_no: String,
    pub closed: bool,
    pub sub_orders: Vec<ClosedSubOrder>,
}

impl View for CloseView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn table(&self) -> String {
        let mut s = kv_table(&[
            ("combine_out_trade_no", self.combine_out_trade_no.clone()),
            (
                "closed",
                if self.closed {
                    "yes".into()
                } else {
                    "no".into()
                },
            ),
        ]);
        s.push('\n');
        s.push_str(&list_table(
            &["MCHID", "OUT_TRADE_NO", "SUB_MCHID"],
            self.sub_orders
                .iter()
                .map(|o| {
                    vec![
                        o.mchid.clone(),
                        o.out_trade_no.clone(),
                        o.sub_mchid.clone().unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect(),
        ));
        s
    }
}

/// `mchid=…,out_trade_no=…[,sub_mchid=…]`.
fn parse_spec(spec: &str, i: usize) -> Result<ClosedSubOrder, Failure> {
    let which = format!("--sub-order #{}", i + 1);
    let (mut mchid, mut otn, mut sub) = (None, None, None);
    for pair in spec.split(',') {
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| Failure::usage(format!("{which}: {pair:?} is not key=value")))?;
        let slot = match k.trim() {
            "mchid" => &mut mchid,
            "out_trade_no" => &mut otn,
            "sub_mchid" => &mut sub,
            other => {
                return Err(Failure::usage(format!(
                    "{which}: unknown key {other:?}; expected mchid, out_trade_no, sub_mchid"
                )));
            }
        };
        if slot.replace(v.to_string()).is_some() {
            return Err(Failure::usage(format!(
                "{which}: {} is given twice",
                k.trim()
            )));
        }
    }
    Ok(ClosedSubOrder {
        mchid: mchid.ok_or_else(|| Failure::usage(format!("{which}: mchid is required")))?,
        out_trade_no: otn
            .ok_or_else(|| Failure::usage(format!("{which}: out_trade_no is required")))?,
        sub_mchid: sub,
    })
}

fn close_body(appid: &str, subs: &[ClosedSubOrder]) -> Value {
    let list: Vec<Value> = subs
        .iter()
        .map(|s| {
            let mut m = Map::new();
            m.insert("mchid".into(), json!(s.mchid));
            m.insert("out_trade_no".into(), json!(s.out_trade_no));
            if let Some(x) = &s.sub_mchid {
                m.insert("sub_mchid".into(), json!(x));
            }
            Value::Object(m)
        })
        .collect();
    json!({ "combine_appid": appid, "sub_orders": list })
}

pub fn run(ctx: &Context, args: &CloseArgs) -> Result<Outcome> {
    validate::out_trade_no_strict("COMBINE_OUT_TRADE_NO", &args.number)
        .map_err(|e| Failure::usage(format!("argument {e}")))?;
    let given: Vec<ClosedSubOrder> = args
        .sub_orders
        .iter()
        .enumerate()
        .map(|(i, s)| parse_spec(s, i))
        .collect::<Result<_, _>>()?;
    let profile = ctx.profile()?;
    let number = args.number.clone();

    // Explicit sub-orders and --dry-run: nothing needs the network or the verifier.
    let client = if given.is_empty() || !args.dry_run {
        Some(ctx.client(&profile)?)
    } else {
        None
    };

    block_on(async {
        let (appid, subs) = if given.is_empty() {
            let client = client.as_ref().expect("built above");
            let resp = client
                .call(&Request::combine_query(&number))
                .await
                .with_context(|| format!("close {number}: the query before closing failed"))?;
            let order: CombineOrder = serde_json::from_slice(&resp.body).with_context(|| {
                format!("close {number}: the verified query response is not a combine order")
            })?;
            if let Some(paid) = order
                .sub_orders
                .iter()
                .find(|s| matches!(s.trade_state.as_str(), "SUCCESS" | "REFUND"))
            {
                return Err(Failure::new(
                    Kind::Api,
                    format!("combine order {number} is paid (sub-order {} is {}); no close request was sent", paid.out_trade_no, paid.trade_state),
                )
                .hint("a paid order cannot be closed: refund its sub-orders instead")
                .into());
            }
            if !order.sub_orders.is_empty()
                && order.sub_orders.iter().all(|s| s.trade_state == "CLOSED")
            {
                ctx.printer.notice(&format!(
                    "combine order {number} is already closed; no close request was sent"
                ));
                let subs = order
                    .sub_orders
                    .iter()
                    .map(|s| ClosedSubOrder {
                        mchid: s.mchid.clone(),
                        out_trade_no: s.out_trade_no.clone(),
                        sub_mchid: s.sub_mchid.clone(),
                    })
                    .collect();
                return Ok(Outcome::ok(CloseView {
                    combine_out_trade_no: number.clone(),
                    closed: true,
                    sub_orders: subs,
                }));
            }
            let appid = args.appid.clone().unwrap_or(order.combine_appid.clone());
            let subs = order
                .sub_orders
                .iter()
                .map(|s| ClosedSubOrder {
                    mchid: s.mchid.clone(),
                    out_trade_no: s.out_trade_no.clone(),
                    sub_mchid: s.sub_mchid.clone(),
                })
                .collect();
            (appid, subs)
        } else {
            let appid = args
                .appid
                .clone()
                .or(profile.appid.clone())
                .ok_or_else(|| {
                    Failure::config(format!(
                        "profile `{}` has no appid and --appid was not given",
                        profile.name
                    ))
                    .hint("pass --appid APPID")
                })?;
            (appid, given)
        };
        let body = close_body(&appid, &subs);
        validate::close(&body, validate::OUT_TRADE_NO_MIN)?;
        let bytes = serde_json::to_vec(&body).expect("a JSON value serialises");
        let request = Request::combine_close(&number, bytes);

        if args.dry_run {
            return Ok(Outcome::ok(DryRunView::new(ctx, &profile, &request, body)?));
        }

        if !args.yes {
            let question = format!(
                "Close combine order {number} and its {} sub-orders?",
                subs.len()
            );
            if !ctx.printer.confirm(&question)? {
                return Err(Failure::usage(format!(
                    "close {number}: not confirmed; nothing was sent"
                ))
                .hint("pass --yes to close without asking")
                .into());
            }
        }
        let client = client.as_ref().expect("built above");
        client
            .call(&request)
            .await
            .with_context(|| format!("close {number}"))?;
        Ok(Outcome::ok(CloseView {
            combine_out_trade_no: number.clone(),
            closed: true,
            sub_orders: subs,
        }))
    })
}
