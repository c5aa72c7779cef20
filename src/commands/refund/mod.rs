//! `refund create|query|list|watch` (cli.md "refund", apiv3.md §14): what the four share — the
//! profile of a sub-order's merchant, the verified query of one refund, and the refunds a
//! sub-order already has (the deterministic numbers, then the journal's).

use anyhow::{Context as _, Result};

use super::{Context, Outcome};
use crate::api::Request;
use crate::api::refund::Refund;
use crate::api::types::SubOrderState;
use crate::cli::RefundCommand;
use crate::config::Profile;
use crate::error::Failure;
use crate::transport::{Client, TransportError};

pub mod create;
pub mod journal;
pub mod list;
pub mod poll;
pub mod query;
pub mod rules;

pub fn run(ctx: &Context, cmd: &RefundCommand) -> Result<Outcome> {
    match cmd {
        RefundCommand::Create(args) => create::run(ctx, args),
        RefundCommand::Query(args) => query::run(ctx, args),
        RefundCommand::List(args) => list::run(ctx, args),
        RefundCommand::Watch(args) => poll::watch(ctx, args),
    }
}

/// The profile that signs for a sub-order (apiv3.md §14.1): 直连, each merchant refunds its own
/// sub-order with its own key; 服务商, the 服务商 (the sub-order's `mchid`) signs and sends
/// `sub_mchid`. Either way it is the profile whose `mchid` is the sub-order's: the selected one
/// if it is, else the one other profile of the same env that is.
pub fn profile_for(ctx: &Context, selected: &Profile, sub: &SubOrderState) -> Result<Profile> {
    if selected.mchid == sub.mchid {
        return Ok(selected.clone());
    }
    let file = ctx.config_file()?;
    let found: Vec<&Profile> = file
        .profiles
        .values()
        .filter(|p| p.mchid == sub.mchid && p.env == selected.env)
        .collect();
    match found.as_slice() {
        [one] => {
            ctx.printer.notice(&format!(
                "sub-order {} belongs to mchid {}: signing with profile {}",
                sub.out_trade_no, sub.mchid, one.name
            ));
            for w in one.permission_warnings() {
                ctx.printer.warn(&w);
            }
            Ok((*one).clone())
        }
        [] => Err(Failure::config(format!(
            "no {} profile in {} has mchid {}, the merchant of sub-order {}: in 直连 合单 each merchant refunds its own sub-order, signed with its own key",
            selected.env.as_str(),
            file.path.display(),
            sub.mchid,
            sub.out_trade_no
        ))
        .hint(format!(
            "add a profile for mchid {} (`wxcombine profile init NAME --mchid {} --private-key FILE …`, or a [profiles.NAME] section as in README › Profiles)",
            sub.mchid, sub.mchid
        ))
        .into()),
        many => Err(Failure::config(format!(
            "profiles {} all have mchid {}: which one signs the refund of sub-order {} is ambiguous",
            many.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", "),
            sub.mchid,
            sub.out_trade_no
        ))
        .hint("keep one profile per mchid in each env, or select the right one with --profile")
        .into()),
    }
}

/// A refund as WeChat Pay answered it: the verified body's text and its parse.
pub struct Answered {
    pub text: String,
    pub refund: Refund,
}

/// Parse a verified refund answer (its shape was checked by the transport already).
pub fn answered(body: &[u8], what: &str) -> Result<Answered> {
    let text = String::from_utf8(body.to_vec())
        .with_context(|| format!("{what}: the verified answer is not UTF-8"))?;
    let refund: Refund = serde_json::from_str(&text)
        .with_context(|| format!("{what}: the verified answer is not a refund object"))?;
    Ok(Answered { text, refund })
}

/// Query one refund (§14.3); `None` when WeChat Pay knows no refund of that number
/// (`404 RESOURCE_NOT_EXISTS`).
pub async fn query_refund(
    client: &Client,
    out_refund_no: &str,
    sub_mchid: Option<&str>,
) -> Result<Option<Answered>> {
    query_refund_as(client, out_refund_no, sub_mchid, answered).await
}

/// [`query_refund`], the verified body read by `read` (given the body and what was asked, for its
/// errors).
pub async fn query_refund_as<T>(
    client: &Client,
    out_refund_no: &str,
    sub_mchid: Option<&str>,
    read: impl FnOnce(&[u8], &str) -> Result<T>,
) -> Result<Option<T>> {
    match client
        .call(&Request::refund_query(out_refund_no, sub_mchid))
        .await
    {
        Ok(resp) => Ok(Some(read(
            &resp.body,
            &format!("refund query {out_refund_no}"),
        )?)),
        Err(TransportError::Api(e))
            if e.status == 404 && e.canonical_code() == "RESOURCE_NOT_EXISTS" =>
        {
            Ok(None)
        }
        Err(e) => Err(anyhow::Error::new(e).context(format!("refund query {out_refund_no}"))),
    }
}

/// The refunds a sub-order has, as far as this tool can know (cli.md `list`): `R<out_trade_no>-1`,
/// `-2`, … until WeChat Pay knows no more (at most 50, §14.2), then the journal's other numbers
/// for this sub-order of this merchant. Journal numbers WeChat Pay does not know (a request that
/// never arrived) are left out. Each is checked to be about this sub-order.
pub async fn refunds_of(
    client: &Client,
    profile: &Profile,
    sub: &SubOrderState,
    journal: &[journal::Entry],
) -> Result<Vec<Answered>> {
    let sub_mchid = sub.sub_mchid.as_deref();
    let mut found: Vec<Answered> = Vec::new();
    for n in 1..=crate::api::refund::MAX_REFUNDS_PER_ORDER {
        let no = rules::deterministic_no(&sub.out_trade_no, n);
        match query_refund(client, &no, sub_mchid).await? {
            Some(a) => found.push(a),
            None => break,
        }
    }
    let mut extra: Vec<&str> = journal
        .iter()
        .filter(|e| {
            e.out_trade_no == sub.out_trade_no
                && e.mchid == profile.mchid
                && e.sub_mchid.as_deref() == sub_mchid
        })
        .map(|e| e.out_refund_no.as_str())
        .filter(|no| !found.iter().any(|a| a.refund.out_refund_no() == *no))
        .collect();
    extra.dedup();
    for no in extra {
        if found.iter().any(|a| a.refund.out_refund_no() == no) {
            continue;
        }
        if let Some(a) = query_refund(client, no, sub_mchid).await? {
            found.push(a);
        }
    }
    for a in &found {
        if a.refund.out_trade_no() != sub.out_trade_no {
            return Err(Failure::verification(format!(
                "refund {} is of order {}, not of sub-order {}",
                a.refund.out_refund_no(),
                a.refund.out_trade_no(),
                sub.out_trade_no
            ))
            .hint("a refund number names one refund of one order; check the journal and the numbers used elsewhere")
            .into());
        }
    }
    Ok(found)
}

/// What [`rules`] needs of a refund.
pub fn existing(found: &[Answered]) -> Vec<rules::Existing> {
    found
        .iter()
        .map(|a| rules::Existing {
            out_refund_no: a.refund.out_refund_no().to_string(),
            amount: a.refund.refund(),
            status: a.refund.status(),
            created: a.refund.create_time().and_then(rules::unix_of),
        })
        .collect()
}

/// What to do about a refund that stopped in `CLOSED` or `ABNORMAL` (§14.3), for a hint.
pub fn failure_hint(status: &crate::api::refund::RefundStatus) -> Option<&'static str> {
    use crate::api::refund::RefundStatus as S;
    match status {
        S::Abnormal => Some(
            "退款异常 (ABNORMAL): the payer's card or account could not take the money. Resolve it in the merchant platform (交易中心 › 退款管理), or send it to another account with 发起异常退款 (POST /v3/refund/domestic/refunds/{refund_id}/apply-abnormal-refund, type USER_BANK_CARD or MERCHANT_BANK_CARD)",
        ),
        S::Closed => Some(
            "退款关闭 (CLOSED): nothing was paid out (e.g. the balance stayed too low for 7 days). Refund again with a NEW number once the cause is fixed: this one is final",
        ),
        _ => None,
    }
}
