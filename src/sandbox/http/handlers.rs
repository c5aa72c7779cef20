//! One handler per endpoint of the `/v3/…` API: read what the request carries ([`wire`]), ask the
//! service, and say what to answer. A handler runs only for an authenticated caller; signing and
//! logging the answer is the caller's ([`super::handle`]).

use std::sync::Arc;

use axum::body::Bytes;
use axum::http::HeaderMap;
use serde_json::{Value, json};

use super::auth::Caller;
use super::wire::{self, download_host, no_query, param, parse_json, path_no, query_params};
use crate::api::Bill;
use crate::api::endpoint::{Endpoint, EndpointId, Matched};
use crate::api::{AccountType, BillType, Scene};
use crate::sandbox::Services;
use crate::sandbox::bills::{BillRequest, Download};
use crate::sandbox::clock;
use crate::sandbox::failure::{ApiFailure, internal};
use crate::sandbox::faults::FaultKind;
use crate::sandbox::keys::PlatformKey;
use crate::sandbox::orders::PrepayContext;

/// What a handler answers.
pub(super) enum Reply {
    /// A signed answer (§13.10): status, body (empty for a 204) and the key that signs it.
    Signed(u16, Vec<u8>, PlatformKey),
    /// A bill file, streamed unsigned (§13.12).
    Download(Download),
}

/// An authenticated request, as handlers see it.
pub(super) struct Call<'a> {
    /// The table entry the request was routed to.
    pub endpoint: &'static Endpoint,
    pub caller: &'a Caller,
    pub query: Option<&'a str>,
    pub headers: &'a HeaderMap,
    pub body: Bytes,
    /// `Wechatpay-Serial`, when the request names a key (§1.3, §13.9).
    pub serial: Option<&'a str>,
    /// The key that signs the answer (§2.5), chosen before the handler runs.
    pub key: PlatformKey,
}

impl Call<'_> {
    fn json(&self, status: u16, answer: &impl serde::Serialize) -> Reply {
        Reply::Signed(status, serde_json::to_vec(answer).expect("json"), self.key)
    }
}

/// The handler of the endpoint `matched` names. One arm per [`EndpointId`], so a new entry in
/// the table does not compile until it has a handler here.
pub(super) async fn dispatch(
    sb: &Arc<Services>,
    matched: &Matched,
    call: Call<'_>,
) -> Result<Reply, ApiFailure> {
    // Every `{…}` of the pattern matched a non-empty segment, so the parameter is there.
    let no = || matched.param("combine_out_trade_no").unwrap_or_default();
    match matched.id {
        EndpointId::CombinePrepay(scene) => prepay(sb, scene, call),
        EndpointId::CombineQuery => query(sb, no(), call),
        EndpointId::CombineClose => close(sb, no(), call),
        EndpointId::Certificates => certificates(sb, call),
        EndpointId::TradeBill => bill(sb, true, call).await,
        EndpointId::FundflowBill => bill(sb, false, call).await,
        EndpointId::BillDownload => bill_download(sb, call),
        EndpointId::RefundCreate => refund_create(sb, call),
        EndpointId::RefundQuery => {
            refund_query(sb, matched.param("out_refund_no").unwrap_or_default(), call)
        }
    }
}

/// `POST /v3/refund/domestic/refunds` (§14.2, §14.6).
fn refund_create(sb: &Services, call: Call<'_>) -> Result<Reply, ApiFailure> {
    no_query(call.query)?;
    let v = parse_json(&call.body)?;
    let answer = tokio::task::block_in_place(|| sb.refunds.create(&call.caller.mchid, &v))?;
    Ok(call.json(200, &answer))
}

/// `GET /v3/refund/domestic/refunds/{out_refund_no}[?sub_mchid=]` (§14.3).
fn refund_query(sb: &Services, raw_no: &str, call: Call<'_>) -> Result<Reply, ApiFailure> {
    let params = query_params(call.query, &call.endpoint.query_names())?;
    let no = crate::api::percent_decode(raw_no).ok_or_else(|| {
        ApiFailure::param(
            "out_refund_no",
            None,
            "is not valid percent-encoding",
            "path",
        )
    })?;
    let answer = sb
        .refunds
        .query(&call.caller.mchid, &no, param(&params, "sub_mchid"))?;
    Ok(call.json(200, &answer))
}

/// `POST /v3/combine-transactions/{scene}` (§6.1–6.3).
fn prepay(sb: &Services, scene: Scene, call: Call<'_>) -> Result<Reply, ApiFailure> {
    no_query(call.query)?;
    let v = parse_json(&call.body)?;
    let ctx = PrepayContext {
        auth_mchid: &call.caller.mchid,
        wechatpay_serial: call.serial,
    };
    let answer = tokio::task::block_in_place(|| sb.orders.prepay(&ctx, scene, &v))?;
    Ok(call.json(200, &answer))
}

/// `GET /v3/combine-transactions/out-trade-no/{no}` (§6.4).
fn query(sb: &Services, raw_no: &str, call: Call<'_>) -> Result<Reply, ApiFailure> {
    no_query(call.query)?;
    let no = path_no(raw_no, sb.orders.rules().out_trade_no_min)?;
    let order = sb.orders.query(&call.caller.mchid, &no)?;
    Ok(call.json(200, &order))
}

/// `POST /v3/combine-transactions/out-trade-no/{no}/close` (§6.5): 204, signed.
fn close(sb: &Services, raw_no: &str, call: Call<'_>) -> Result<Reply, ApiFailure> {
    no_query(call.query)?;
    let no = path_no(raw_no, sb.orders.rules().out_trade_no_min)?;
    let v = parse_json(&call.body)?;
    tokio::task::block_in_place(|| sb.orders.close(&call.caller.mchid, &no, &v))?;
    Ok(Reply::Signed(204, Vec::new(), call.key))
}

/// `GET /v3/certificates` (§3, §13.11).
fn certificates(sb: &Services, call: Call<'_>) -> Result<Reply, ApiFailure> {
    let params = query_params(call.query, &call.endpoint.query_names())?;
    let algorithm = param(&params, "algorithm_type");
    if let Some(a) = algorithm
        && !["RSA", "SM2", "ALL"].contains(&a)
    {
        return Err(ApiFailure::param(
            "algorithm_type",
            Some(&Value::String(a.into())),
            "must be RSA, SM2 or ALL",
            "query",
        ));
    }
    let Some(data) = sb
        .keys
        .certificates(&call.caller.mchid, algorithm == Some("SM2"))
    else {
        return Err(ApiFailure::new(
            404,
            "RESOURCE_NOT_EXISTS",
            "无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥",
        ));
    };
    // §3 bootstrap: the client verifies this answer with a certificate it contains, so it is
    // signed with the certificate key even in mixed mode.
    Ok(Reply::Signed(
        200,
        serde_json::to_vec(&json!({ "data": data })).expect("json"),
        PlatformKey::Cert,
    ))
}

/// `GET /v3/bill/tradebill` (`trade`) or `GET /v3/bill/fundflowbill` (§8.1, §8.2, §13.24).
async fn bill(sb: &Arc<Services>, trade: bool, call: Call<'_>) -> Result<Reply, ApiFailure> {
    // `--bill-rate`: over the limit, refused before anything is looked at (§8.4, §10.2).
    sb.bill_rate.admit(&call.caller.mchid)?;
    // The parameters each bill API takes, in the table's order (which the error message lists).
    let params = query_params(call.query, &call.endpoint.query_names())?;
    let date_s = param(&params, "bill_date")
        .ok_or_else(|| ApiFailure::param("bill_date", None, "is required", "query"))?;
    let date = clock::parse_date(date_s).ok_or_else(|| {
        ApiFailure::param(
            "bill_date",
            Some(&Value::String(date_s.into())),
            "must be a date as yyyy-MM-dd",
            "query",
        )
    })?;
    let gzip = match param(&params, "tar_type") {
        None => false,
        Some("GZIP") => true,
        Some(other) => {
            return Err(ApiFailure::param(
                "tar_type",
                Some(&Value::String(other.into())),
                "must be GZIP (or absent for plain text)",
                "query",
            ));
        }
    };
    let sub_mchid = param(&params, "sub_mchid").map(str::to_string);
    if let Some(sub) = &sub_mchid {
        sb.bills.check_sub_mchid(&call.caller.mchid, sub)?;
    }
    let kind = if trade {
        let t = param(&params, "bill_type").unwrap_or("ALL");
        Bill::Trade(BillType::parse(t).ok_or_else(|| {
            ApiFailure::param(
                "bill_type",
                Some(&Value::String(t.into())),
                "must be ALL, SUCCESS or REFUND",
                "query",
            )
        })?)
    } else {
        let t = param(&params, "account_type").unwrap_or("BASIC");
        Bill::FundFlow(AccountType::parse(t).ok_or_else(|| {
            ApiFailure::param(
                "account_type",
                Some(&Value::String(t.into())),
                "must be BASIC, OPERATION or FEES",
                "query",
            )
        })?)
    };
    let path = call.endpoint.path;
    let wrong_hash = sb.faults.take(&[FaultKind::WrongHash], path).is_some();
    let host = download_host(call.headers, sb.port);
    let bills = sb.bills.clone();
    let mchid = call.caller.mchid.clone();
    let req = BillRequest {
        date,
        kind,
        gzip,
        sub_mchid,
    };
    // Generating a bill of millions of rows takes seconds: off the async workers.
    let answer = tokio::task::spawn_blocking(move || bills.apply(&mchid, &req, &host, wrong_hash))
        .await
        .map_err(|e| internal(anyhow::anyhow!("bill generation panicked: {e}")))??;
    Ok(call.json(200, &answer))
}

/// `GET /v3/billdownload/file?token=…` (§8.3, §13.25).
fn bill_download(sb: &Services, call: Call<'_>) -> Result<Reply, ApiFailure> {
    let params = query_params(call.query, &call.endpoint.query_names())?;
    let token = wire::param(&params, "token")
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiFailure::param("token", None, "is required", "query"))?;
    // The expire-token fault: the token is judged as if its 30 s were over, so a client's
    // "apply again once" path can be tested without racing the clock.
    let expired = sb
        .faults
        .take(&[FaultKind::ExpireToken], call.endpoint.path)
        .is_some();
    let d = tokio::task::block_in_place(|| sb.bills.redeem(&call.caller.mchid, token, expired))?;
    Ok(Reply::Download(d))
}
