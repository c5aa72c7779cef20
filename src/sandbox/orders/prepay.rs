//! The merchant's side of an order: prepay (§6.2–6.3, §13.14–19), query (§6.4, §13.20) and close
//! (§6.5, §13.21).

use serde_json::{Value, json};

use super::model::{DEFAULT_EXPIRE, State, StoredOrder, order_key, s};
use super::{ORDERS, Orders, SUB_NOS, not_exist, order_closed, order_paid, seed};
use crate::api::Scene;
use crate::api::types::CombineOrder;
use crate::api::validate;
use crate::sandbox::failure::{ApiFailure, NUM_PARAM_MISMATCH, internal};
use crate::sandbox::store;
use redb::ReadableTable as _;

/// What a prepay needs from the request's headers.
pub struct PrepayContext<'a> {
    pub auth_mchid: &'a str,
    pub wechatpay_serial: Option<&'a str>,
}

/// The field rules of a prepay body (§13.14–17), answered as `400 PARAM_ERROR` naming the pointer.
pub fn prepay_fields(
    scene: Scene,
    body: &Value,
    rules: &validate::Rules,
) -> Result<validate::PrepaySummary, ApiFailure> {
    validate::prepay(scene, body, rules).map_err(|e| ApiFailure::body_field(&e, body))
}

/// The field rules of a close body (§6.5, §13.21), answered like [`prepay_fields`].
pub fn close_fields(body: &Value, out_trade_no_min: usize) -> Result<(), ApiFailure> {
    validate::close(body, out_trade_no_min).map_err(|e| ApiFailure::body_field(&e, body))
}

impl Orders {
    /// `validate` rules with the sandbox's settings: business now, http:// loopback notify URLs.
    fn field_rules(&self) -> validate::Rules {
        validate::Rules {
            now: self.clock.now_datetime(),
            allow_http_loopback_notify: true,
            out_trade_no_min: self.rules.out_trade_no_min,
        }
    }

    /// §13.14–19.
    pub fn prepay(
        &self,
        ctx: &PrepayContext<'_>,
        scene: Scene,
        body: &Value,
    ) -> Result<Value, ApiFailure> {
        let summary = prepay_fields(scene, body, &self.field_rules())?;
        // §13.9: encrypted identity fields need the key that encrypted them named.
        if summary.has_encrypted_identity {
            self.keys.check_encryption_serial(ctx.wechatpay_serial)?;
        }
        let combine_mchid = s(body, "/combine_mchid").unwrap_or_default();
        // §13.5: the merchant that signs is the combine merchant. [UNCERTAIN] which status; we
        // answer like the other Authorization failures, 401.
        if combine_mchid != ctx.auth_mchid {
            return Err(ApiFailure::new(
                401,
                "SIGN_ERROR",
                "Http头Authorization中的mchid与请求中的combine_mchid不一致",
            )
            .detail(json!({"field": "/combine_mchid", "value": combine_mchid, "issue": format!("the request is signed by {} but combine_mchid is {combine_mchid}", ctx.auth_mchid), "location": "body"})));
        }
        let merchant = self
            .keys
            .merchant(combine_mchid)
            .expect("the signing merchant is known");
        let appid = s(body, "/combine_appid").unwrap_or_default();
        if appid != merchant.appid {
            return Err(ApiFailure::new(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配")
                .detail(json!({"field": "/combine_appid", "value": appid, "issue": format!("{appid} is not bound to merchant {combine_mchid}"), "location": "body"})));
        }
        let subs = body["sub_orders"].as_array().cloned().unwrap_or_default();
        if self.keys.service_provider() {
            self.check_service_provider_form(combine_mchid, summary.service_provider, body)?;
        } else if summary.service_provider {
            return Err(ApiFailure::new(403, "NO_AUTH", "商户无权限").detail(json!({
                "field": "/sub_orders/0/sub_mchid",
                "issue": "this sandbox merchant is a direct merchant (直连商户); the 服务商 form with sub_mchid is not enabled",
                "location": "body"
            })));
        }
        for (i, so) in subs.iter().enumerate() {
            let m = s(so, "/mchid").unwrap_or_default();
            if !self.keys.related(combine_mchid, m) {
                let issue = if self.keys.service_provider() {
                    format!(
                        "in the 服务商 form a sub-order's mchid is the 服务商's own ({combine_mchid}); the 二级商户 goes in sub_mchid"
                    )
                } else {
                    format!(
                        "merchant {m} is unknown or has no 合单 relationship with {combine_mchid}"
                    )
                };
                return Err(ApiFailure::new(403, "NO_AUTH", "商户无权限").detail(json!({
                    "field": format!("/sub_orders/{i}/mchid"),
                    "value": m,
                    "issue": issue,
                    "location": "body"
                })));
            }
        }
        if let Some(openid) = s(body, "/combine_payer_info/openid")
            && openid != merchant.openid
        {
            // §10.2 / §10.3 list OPENID_MISMATCH as HTTP 500; we follow the table.
            return Err(ApiFailure::new(500, "OPENID_MISMATCH", "openid和appid不匹配")
                .detail(json!({"field": "/combine_payer_info/openid", "value": openid, "issue": format!("no such payer under appid {appid}"), "location": "body"})));
        }

        let no = s(body, "/combine_out_trade_no")
            .unwrap_or_default()
            .to_string();
        let key = order_key(combine_mchid, &no);
        let now = self.clock.now();
        let seeds = self.seeds.read().expect("seeds lock").clone();
        if seed::find(&seeds, combine_mchid, &no).is_some() {
            return Err(order_paid());
        }
        self.store
            .write(|txn| {
                if let Some(mut existing) = store::get_in::<StoredOrder>(txn, ORDERS, &key)? {
                    match existing.effective_state(now) {
                        State::Success => return Ok(Err(order_paid())),
                        State::Closed => return Ok(Err(order_closed())),
                        State::Notpay => {}
                    }
                    // §13.18: compare the parsed JSON, not the bytes.
                    if existing.scene != scene || existing.request != *body {
                        return Ok(Err(ApiFailure::new(
                            400,
                            "INVALID_REQUEST",
                            "请求重入时，参数与首次请求时不一致",
                        )
                        .numeric(NUM_PARAM_MISMATCH)));
                    }
                    if existing.refresh_links(now) {
                        store::put_in(txn, ORDERS, &key, &existing)?;
                    }
                    return Ok(Ok(existing.answer()));
                }
                for (i, so) in subs.iter().enumerate() {
                    let m = s(so, "/mchid").unwrap_or_default();
                    let otn = s(so, "/out_trade_no").unwrap_or_default();
                    let used = {
                        let t = txn.open_table(SUB_NOS)?;
                        let v = t.get(order_key(m, otn).as_str())?;
                        v.is_some()
                    } || seed::sub_number_used(&seeds, m, otn);
                    if used {
                        return Ok(Err(ApiFailure::new(403, "OUT_TRADE_NO_USED", "商户订单号重复")
                            .detail(json!({"field": format!("/sub_orders/{i}/out_trade_no"), "value": otn, "issue": format!("merchant {m} already used out_trade_no {otn} in another order"), "location": "body"}))));
                    }
                }
                let expire_at = match s(body, "/time_expire") {
                    Some(t) => validate::rfc3339_beijing("/time_expire", t)
                        .map(|d| d.unix_timestamp())
                        .unwrap_or(now + DEFAULT_EXPIRE),
                    None => now + DEFAULT_EXPIRE,
                };
                let mut order = StoredOrder {
                    combine_mchid: combine_mchid.to_string(),
                    combine_out_trade_no: no.clone(),
                    scene,
                    request: body.clone(),
                    created_at: now,
                    expire_at,
                    prepay_id: String::new(),
                    prepay_expires_at: i64::MIN,
                    h5_url: None,
                    h5_expires_at: i64::MIN,
                    code_url: None,
                    state: State::Notpay,
                    closed_at: None,
                    payment: None,
                    refunds: Vec::new(),
                };
                order.refresh_links(now);
                store::put_in(txn, ORDERS, &key, &order)?;
                {
                    let mut t = txn.open_table(SUB_NOS)?;
                    for so in &subs {
                        let m = s(so, "/mchid").unwrap_or_default();
                        let otn = s(so, "/out_trade_no").unwrap_or_default();
                        t.insert(order_key(m, otn).as_str(), key.as_str())?;
                    }
                }
                Ok(Ok(order.answer()))
            })
            .map_err(internal)?
    }

    /// 服务商 mode (§6.3): only the 服务商 places 合单 orders, and only in the 服务商 form; every
    /// `sub_mchid` is one of its 二级商户, a `sub_appid` is that 二级商户's own, and a
    /// `combine_payer_info.sub_openid` is a payer under the one `sub_appid` all sub-orders name.
    /// (The sub-order `mchid` = the 服务商 rule is the caller's relationship check.)
    fn check_service_provider_form(
        &self,
        combine_mchid: &str,
        has_sub_mchid: bool,
        body: &Value,
    ) -> Result<(), ApiFailure> {
        let no_auth = |field: String, value: Option<&str>, issue: String| {
            let mut d = json!({"field": field, "issue": issue, "location": "body"});
            if let Some(v) = value {
                d["value"] = json!(v);
            }
            ApiFailure::new(403, "NO_AUTH", "商户无权限").detail(d)
        };
        let serves = self.keys.sub_merchants_of(combine_mchid);
        if serves.is_empty() {
            return Err(no_auth(
                "/combine_mchid".into(),
                Some(combine_mchid),
                format!(
                    "merchant {combine_mchid} is a 二级商户 (sub-merchant) in this 服务商-mode sandbox; 合单 orders are placed by its 服务商 {}, naming it in sub_mchid",
                    crate::sandbox::keys::MAIN_MCHID
                ),
            ));
        }
        // [UNCERTAIN] whether a 服务商 may also use the direct form for itself: a 服务商's mchid
        // collects no money of its own, so the stricter reading refuses it, as direct mode
        // refuses the 服务商 form.
        if !has_sub_mchid {
            return Err(no_auth(
                "/sub_orders/0/sub_mchid".into(),
                None,
                format!(
                    "merchant {combine_mchid} is a 服务商 (--service-provider): every sub-order names its 二级商户 in sub_mchid ({})",
                    serves.join(" or ")
                ),
            ));
        }
        let subs = body["sub_orders"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for (i, so) in subs.iter().enumerate() {
            let sub = s(so, "/sub_mchid").unwrap_or_default();
            if !serves.iter().any(|x| x == sub) {
                return Err(no_auth(
                    format!("/sub_orders/{i}/sub_mchid"),
                    Some(sub),
                    format!(
                        "{sub} is not a 二级商户 of 服务商 {combine_mchid} (its 二级商户: {})",
                        serves.join(", ")
                    ),
                ));
            }
            // [UNCERTAIN] §6.3 only says "optionally sub_appid"; the stricter reading holds it to
            // the appid bound to that 二级商户, with the code of the combine_appid check.
            let bound = self.keys.merchant(sub).map(|m| m.appid.as_str());
            if let Some(appid) = s(so, "/sub_appid")
                && Some(appid) != bound
            {
                return Err(ApiFailure::new(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配")
                    .detail(json!({"field": format!("/sub_orders/{i}/sub_appid"), "value": appid, "issue": format!("{appid} is not bound to 二级商户 {sub}"), "location": "body"})));
            }
        }
        // §6.3: sub_openid goes "with sub_appid". [UNCERTAIN] how it pairs with several
        // sub_appids; the stricter reading: every sub-order names the same sub_appid, and
        // sub_openid is a payer under it.
        if let Some(sub_openid) = s(body, "/combine_payer_info/sub_openid") {
            let appids: Vec<Option<&str>> = subs.iter().map(|so| s(so, "/sub_appid")).collect();
            let Some(Some(appid)) = appids
                .first()
                .copied()
                .filter(|_| appids.iter().all(|a| a.is_some() && *a == appids[0]))
            else {
                return Err(ApiFailure::param(
                    "/combine_payer_info/sub_openid",
                    body.pointer("/combine_payer_info/sub_openid"),
                    "sub_openid is the payer's openid under sub_appid: every sub-order must name the same sub_appid",
                    "body",
                ));
            };
            let known = self
                .keys
                .merchants()
                .iter()
                .any(|m| m.appid == appid && m.openid == sub_openid);
            if !known {
                // §10.2 / §10.3 list OPENID_MISMATCH as HTTP 500, as for openid.
                return Err(ApiFailure::new(500, "OPENID_MISMATCH", "openid和appid不匹配")
                    .detail(json!({"field": "/combine_payer_info/sub_openid", "value": sub_openid, "issue": format!("no such payer under sub_appid {appid}"), "location": "body"})));
            }
        }
        Ok(())
    }

    /// The stored or seeded order `no` of `mchid`, as query shows it.
    pub fn query(&self, mchid: &str, no: &str) -> Result<CombineOrder, ApiFailure> {
        let now = self.clock.now();
        if let Some(o) = self
            .store
            .get::<StoredOrder>(ORDERS, &order_key(mchid, no))
            .map_err(internal)?
        {
            return Ok(o.view(now));
        }
        let seeds = self.seeds.read().expect("seeds lock");
        match seed::find(&seeds, mchid, no) {
            Some((b, i)) => Ok(b.combine_order(i)),
            None => Err(not_exist()),
        }
    }

    /// §6.5, §13.21.
    pub fn close(&self, mchid: &str, no: &str, body: &Value) -> Result<(), ApiFailure> {
        close_fields(body, self.rules.out_trade_no_min)?;
        let now = self.clock.now();
        {
            let seeds = self.seeds.read().expect("seeds lock");
            if seed::find(&seeds, mchid, no).is_some() {
                return Err(order_paid());
            }
        }
        let key = order_key(mchid, no);
        let strict_delay = self.rules.strict_close_delay;
        let repeat_ok = self.rules.repeat_close_ok;
        self.store
            .write(|txn| {
                let Some(mut order) = store::get_in::<StoredOrder>(txn, ORDERS, &key)? else {
                    return Ok(Err(not_exist()));
                };
                let appid = s(body, "/combine_appid").unwrap_or_default();
                if Some(appid) != s(&order.request, "/combine_appid") {
                    return Ok(Err(ApiFailure::param(
                        "/combine_appid",
                        body.pointer("/combine_appid"),
                        "does not match the order's combine_appid",
                        "body",
                    )));
                }
                // §13.21: the exact sub-order list — same count, and each (mchid, out_trade_no)
                // of the order exactly once. Order within the list is not significant.
                let theirs = body["sub_orders"].as_array().cloned().unwrap_or_default();
                let ours: Vec<(String, String)> = order
                    .sub_orders()
                    .iter()
                    .map(|so| {
                        (
                            s(so, "/mchid").unwrap_or_default().to_string(),
                            s(so, "/out_trade_no").unwrap_or_default().to_string(),
                        )
                    })
                    .collect();
                let sub_of = |pair: &(String, String)| {
                    order
                        .sub_orders()
                        .iter()
                        .find(|so| {
                            s(so, "/mchid") == Some(pair.0.as_str())
                                && s(so, "/out_trade_no") == Some(pair.1.as_str())
                        })
                        .cloned()
                        .unwrap_or(Value::Null)
                };
                if theirs.len() != ours.len() {
                    return Ok(Err(ApiFailure::param(
                        "/sub_orders",
                        None,
                        &format!(
                            "lists {} sub-orders; the order has {} and close must list all of them",
                            theirs.len(),
                            ours.len()
                        ),
                        "body",
                    )));
                }
                let mut seen = std::collections::HashSet::new();
                for (i, t) in theirs.iter().enumerate() {
                    let pair = (
                        s(t, "/mchid").unwrap_or_default().to_string(),
                        s(t, "/out_trade_no").unwrap_or_default().to_string(),
                    );
                    if !ours.contains(&pair) || !seen.insert(pair.clone()) {
                        return Ok(Err(ApiFailure::param(
                            &format!("/sub_orders/{i}"),
                            Some(t),
                            &format!(
                                "mchid {} out_trade_no {} is not a sub-order of this order (or is listed twice)",
                                pair.0, pair.1
                            ),
                            "body",
                        )));
                    }
                    // §6.5: a 服务商 order's sub-orders name their sub_mchid (required) and may
                    // name their sub_appid; both must be the order's. A direct order's have none.
                    let so = sub_of(&pair);
                    for (key, required) in [("sub_mchid", true), ("sub_appid", false)] {
                        let want = s(&so, &format!("/{key}"));
                        let got = s(t, &format!("/{key}"));
                        if got == want || (got.is_none() && !required) {
                            continue;
                        }
                        let issue = match (got, want) {
                            (None, Some(w)) => format!("is required: sub-order {} of this 服务商 order belongs to {key} {w}", pair.1),
                            (Some(g), None) => format!("is {g}, but sub-order {} of this order has no {key}", pair.1),
                            (Some(g), Some(w)) => format!("is {g}, but sub-order {} of this order has {key} {w}", pair.1),
                            (None, None) => continue,
                        };
                        return Ok(Err(ApiFailure::param(
                            &format!("/sub_orders/{i}/{key}"),
                            t.get(key),
                            &issue,
                            "body",
                        )));
                    }
                }
                match order.effective_state(now) {
                    State::Success => return Ok(Err(order_paid())),
                    State::Closed if order.state == State::Closed && repeat_ok => return Ok(Ok(())),
                    State::Closed => return Ok(Err(order_closed())),
                    State::Notpay => {}
                }
                if strict_delay && now - order.created_at < 300 {
                    return Ok(Err(ApiFailure::new(
                        400,
                        "INVALID_REQUEST",
                        "订单生成后不能马上调用关单接口，最短调用时间间隔为5分钟",
                    )));
                }
                order.state = State::Closed;
                order.closed_at = Some(now);
                store::put_in(txn, ORDERS, &key, &order)?;
                Ok(Ok(()))
            })
            .map_err(internal)?
    }
}
