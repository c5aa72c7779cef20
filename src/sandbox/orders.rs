//! Combine orders: prepay (§6.2–6.3, §13.14–19), query (§6.4, §13.20), close (§6.5, §13.21) and
//! the payer's side (§13.22). Every state change is committed (fsynced) before the caller answers.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::Core;
use super::clock::{self, real_now_ms};
use super::notify::Notification;
use super::respond::{ApiFailure, NUM_ORDER_NOT_EXIST, NUM_PARAM_MISMATCH};
use super::seed;
use super::store::{self, NOTIFS, ORDERS, PAID, SUB_NOS};
use crate::api::Scene;
use crate::api::types::{AmountOut, CombineOrder, Fen, PayerOut, SceneInfoOut, SubOrderState};
use crate::api::validate;
use redb::ReadableTable as _;

/// prepay_id (and, [UNCERTAIN], code_url) validity: 2 hours (§5, §13.19).
pub const PREPAY_TTL: i64 = 2 * 3600;
/// h5_url validity: 5 minutes (§6.3, §13.19).
pub const H5_TTL: i64 = 5 * 60;
/// Default payment deadline when `time_expire` is absent: 7 days (§6.2, §11).
pub const DEFAULT_EXPIRE: i64 = 7 * 86_400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum State {
    Notpay,
    Success,
    Closed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payment {
    pub success_time: i64,
    pub bank_type: String,
    pub openid: String,
    /// 服务商 form: the payer's openid under `sub_appid`, when the prepay named one.
    #[serde(default)]
    pub sub_openid: Option<String>,
    pub transaction_ids: Vec<String>,
}

/// A refund of (part of) one sub-order, made through `POST /sandbox/v1/orders/{no}/refund`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Refund {
    /// Index of the sub-order.
    pub sub: usize,
    pub out_refund_no: String,
    /// 微信退款单号, 29 digits.
    pub refund_id: String,
    pub amount: i64,
    /// Business time.
    pub time: i64,
}

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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredOrder {
    pub combine_mchid: String,
    pub combine_out_trade_no: String,
    pub scene: Scene,
    /// The first accepted request body, parsed: re-prepay compares against it (§13.18).
    pub request: Value,
    pub created_at: i64,
    pub expire_at: i64,
    pub prepay_id: String,
    pub prepay_expires_at: i64,
    #[serde(default)]
    pub h5_url: Option<String>,
    #[serde(default)]
    pub h5_expires_at: i64,
    #[serde(default)]
    pub code_url: Option<String>,
    pub state: State,
    #[serde(default)]
    pub closed_at: Option<i64>,
    #[serde(default)]
    pub payment: Option<Payment>,
    #[serde(default)]
    pub refunds: Vec<Refund>,
}

pub fn order_key(mchid: &str, no: &str) -> String {
    format!("{mchid}/{no}")
}

fn s<'a>(v: &'a Value, ptr: &str) -> Option<&'a str> {
    v.pointer(ptr).and_then(Value::as_str)
}

impl StoredOrder {
    /// Expiry turns an unpaid order into a closed one (§11).
    pub fn effective_state(&self, now: i64) -> State {
        match self.state {
            State::Notpay if now >= self.expire_at => State::Closed,
            s => s,
        }
    }

    pub fn sub_orders(&self) -> &[Value] {
        self.request
            .get("sub_orders")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The query shape (§6.4): only the fields the state allows (§13.20).
    pub fn view(&self, now: i64) -> CombineOrder {
        let state = self.effective_state(now);
        let trade_state = match state {
            State::Notpay => "NOTPAY",
            State::Success => "SUCCESS",
            State::Closed => "CLOSED",
        };
        let paid = self.payment.as_ref().filter(|_| state == State::Success);
        let r = &self.request;
        let subs = self
            .sub_orders()
            .iter()
            .enumerate()
            .map(|(i, so)| {
                let total = so
                    .pointer("/amount/total_amount")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                // §6.4: a sub-order with any refund accepted reads REFUND.
                let trade_state = if paid.is_some() && self.refunds.iter().any(|r| r.sub == i) {
                    "REFUND"
                } else {
                    trade_state
                };
                SubOrderState {
                    mchid: s(so, "/mchid").unwrap_or_default().to_string(),
                    sub_mchid: s(so, "/sub_mchid").map(str::to_string),
                    sub_appid: s(so, "/sub_appid").map(str::to_string),
                    // Like combine_payer_info, the payer is known only once paid (§13.20).
                    sub_openid: paid.and_then(|p| p.sub_openid.clone()),
                    trade_type: self.scene.trade_type().to_string(),
                    trade_state: trade_state.to_string(),
                    bank_type: paid.map(|p| p.bank_type.clone()),
                    attach: s(so, "/attach").unwrap_or_default().to_string(),
                    amount: AmountOut {
                        total_amount: Fen(total),
                        currency: "CNY".into(),
                        payer_amount: paid.map(|_| Fen(total)),
                        payer_currency: paid.map(|_| "CNY".to_string()),
                        settlement_rate: None,
                    },
                    success_time: paid.map(|p| clock::rfc3339(p.success_time)),
                    transaction_id: paid.and_then(|p| p.transaction_ids.get(i).cloned()),
                    out_trade_no: s(so, "/out_trade_no").unwrap_or_default().to_string(),
                    promotion_detail: None,
                    extra: Default::default(),
                }
            })
            .collect();
        CombineOrder {
            combine_appid: s(r, "/combine_appid").unwrap_or_default().to_string(),
            combine_mchid: self.combine_mchid.clone(),
            combine_out_trade_no: self.combine_out_trade_no.clone(),
            // "only if sent" (§6.4): the device_id is what comes back.
            scene_info: s(r, "/scene_info/device_id").map(|d| SceneInfoOut {
                device_id: Some(d.to_string()),
                extra: Default::default(),
            }),
            sub_orders: subs,
            combine_payer_info: paid.map(|p| PayerOut {
                openid: Some(p.openid.clone()),
                sub_openid: p.sub_openid.clone(),
            }),
            extra: Default::default(),
        }
    }

    /// The prepay answer for the scene (§6.1).
    fn answer(&self) -> Value {
        match self.scene {
            Scene::Jsapi | Scene::App => json!({"prepay_id": self.prepay_id}),
            Scene::H5 => json!({"h5_url": self.h5_url}),
            Scene::Native => json!({"code_url": self.code_url}),
        }
    }

    /// Fresh prepay_id / h5_url / code_url where the old ones expired; true when anything changed.
    fn refresh_links(&mut self, now: i64) -> bool {
        let mut changed = false;
        if now >= self.prepay_expires_at {
            self.prepay_id = new_prepay_id(now);
            self.prepay_expires_at = now + PREPAY_TTL;
            if self.scene == Scene::Native {
                self.code_url = Some(new_code_url());
            }
            changed = true;
        }
        if self.scene == Scene::H5 && (changed || now >= self.h5_expires_at) {
            self.h5_url = Some(h5_url(&self.prepay_id));
            self.h5_expires_at = now + H5_TTL;
            changed = true;
        }
        changed
    }
}

/// `wx` + yyyyMMddHHmmss + 20 random characters (§13.19), e.g. `wx201410272009395522657a690389285100`.
fn new_prepay_id(now: i64) -> String {
    let mut b = [0u8; 10];
    let _ = aws_lc_rs::rand::fill(&mut b);
    let tail: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("wx{}{tail}", clock::compact_time(now))
}

fn h5_url(prepay_id: &str) -> String {
    format!(
        "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id={prepay_id}&package={}",
        crate::rand::digits(10)
    )
}

fn new_code_url() -> String {
    format!(
        "weixin://wxpay/bizpayurl/up?pr={}&groupid=00",
        crate::rand::alphanumeric(7)
    )
}

/// 28 digits (§6.4): `4201` + yyyyMMdd + 16 random digits (seeded orders use `4200…`).
fn new_transaction_id(now: i64) -> String {
    format!(
        "4201{}{}",
        clock::compact_date(clock::date_of(now)),
        crate::rand::digits(16)
    )
}

/// A storage failure: logged (it holds no secrets), answered as WeChat Pay's 500.
pub fn internal(e: anyhow::Error) -> ApiFailure {
    eprintln!("sandbox: internal error: {e:#}");
    ApiFailure::new(500, "SYSTEM_ERROR", "系统异常，请稍后重试")
}

fn order_paid() -> ApiFailure {
    // §11: "ORDERPAID/TRADE_ERROR family [UNCERTAIN]" — we answer with the documented TRADE_ERROR.
    ApiFailure::new(403, "TRADE_ERROR", "订单已支付")
}

fn order_closed() -> ApiFailure {
    ApiFailure::new(400, "ORDER_CLOSED", "订单已关闭")
}

fn not_exist() -> ApiFailure {
    ApiFailure::new(404, "ORDER_NOT_EXIST", "订单不存在").numeric(NUM_ORDER_NOT_EXIST)
}

/// What a prepay needs from the request's headers.
pub struct PrepayContext<'a> {
    pub auth_mchid: &'a str,
    pub wechatpay_serial: Option<&'a str>,
}

/// The field rules of a prepay body (§13.14–17), answered as `400 PARAM_ERROR` naming the pointer.
pub(super) fn prepay_fields(
    scene: Scene,
    body: &Value,
    rules: &validate::Rules,
) -> Result<validate::PrepaySummary, ApiFailure> {
    validate::prepay(scene, body, rules)
        .map_err(|e| ApiFailure::param(&e.pointer, body.pointer(&e.pointer), &e.problem, "body"))
}

/// The field rules of a close body (§6.5, §13.21), answered like [`prepay_fields`].
pub(super) fn close_fields(body: &Value, out_trade_no_min: usize) -> Result<(), ApiFailure> {
    validate::close(body, out_trade_no_min)
        .map_err(|e| ApiFailure::param(&e.pointer, body.pointer(&e.pointer), &e.problem, "body"))
}

impl Core {
    /// `validate` rules with the sandbox's settings: business now, http:// loopback notify URLs.
    fn rules(&self) -> validate::Rules {
        validate::Rules {
            now: self.clock.now_datetime(),
            allow_http_loopback_notify: true,
            out_trade_no_min: self.opts.out_trade_no_min,
        }
    }

    /// §13.14–19.
    pub fn prepay(
        &self,
        ctx: &PrepayContext<'_>,
        scene: Scene,
        body: &Value,
    ) -> Result<Value, ApiFailure> {
        let summary = prepay_fields(scene, body, &self.rules())?;
        // §13.9: encrypted identity fields need the key that encrypted them named.
        if summary.has_encrypted_identity {
            self.check_encryption_serial(ctx.wechatpay_serial)?;
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
            .ids
            .merchant(combine_mchid)
            .expect("the signing merchant is known");
        let appid = s(body, "/combine_appid").unwrap_or_default();
        if appid != merchant.appid {
            return Err(ApiFailure::new(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配")
                .detail(json!({"field": "/combine_appid", "value": appid, "issue": format!("{appid} is not bound to merchant {combine_mchid}"), "location": "body"})));
        }
        let subs = body["sub_orders"].as_array().cloned().unwrap_or_default();
        if self.opts.service_provider {
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
            if !self.related(combine_mchid, m) {
                let issue = if self.opts.service_provider {
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
        let serves = self.sub_merchants_of(combine_mchid);
        if serves.is_empty() {
            return Err(no_auth(
                "/combine_mchid".into(),
                Some(combine_mchid),
                format!(
                    "merchant {combine_mchid} is a 二级商户 (sub-merchant) in this 服务商-mode sandbox; 合单 orders are placed by its 服务商 {}, naming it in sub_mchid",
                    super::keys::MAIN_MCHID
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
            let bound = self.ids.merchant(sub).map(|m| m.appid.as_str());
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
                .ids
                .merchants
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

    /// §13.9: `Wechatpay-Serial` must name a key we currently publish.
    pub fn check_encryption_serial(&self, serial: Option<&str>) -> Result<(), ApiFailure> {
        let mode = self.opts.key_mode;
        let p = &self.ids.platform;
        let ok = serial.is_some_and(|s| {
            (mode.has_pubkey() && s == p.public_key_id) || (mode.has_cert() && p.knows_cert(s))
        });
        if ok {
            return Ok(());
        }
        Err(ApiFailure::new(
            400,
            "PARAM_ERROR",
            "HTTP header缺少微信支付平台证书序列号(Wechatpay-Serial)",
        )
        .detail(json!({
            "field": "Wechatpay-Serial",
            "value": serial,
            "issue": "the body carries encrypted fields (combine_payer_info.identity); Wechatpay-Serial must name the platform certificate or WeChat Pay public key that encrypted them",
            "location": "header"
        })))
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
        close_fields(body, self.opts.out_trade_no_min)?;
        let now = self.clock.now();
        {
            let seeds = self.seeds.read().expect("seeds lock");
            if seed::find(&seeds, mchid, no).is_some() {
                return Err(order_paid());
            }
        }
        let key = order_key(mchid, no);
        let strict_delay = self.opts.strict_close_delay;
        let repeat_ok = self.opts.repeat_close_ok;
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

    /// Find the key of order `no`: of `mchid`, or of whichever merchant has it.
    fn locate(&self, mchid: Option<&str>, no: &str) -> Result<String, ApiFailure> {
        let candidates: Vec<&str> = match mchid {
            Some(m) => vec![m],
            None => self
                .ids
                .merchants
                .iter()
                .map(|m| m.mchid.as_str())
                .collect(),
        };
        let mut found = Vec::new();
        for m in candidates {
            let key = order_key(m, no);
            if self
                .store
                .get::<StoredOrder>(ORDERS, &key)
                .map_err(internal)?
                .is_some()
            {
                found.push(key);
            }
        }
        match found.len() {
            0 => {
                let seeds = self.seeds.read().expect("seeds lock");
                let seeded = self
                    .ids
                    .merchants
                    .iter()
                    .any(|m| seed::find(&seeds, &m.mchid, no).is_some());
                if seeded {
                    Err(order_paid())
                } else {
                    Err(not_exist())
                }
            }
            1 => Ok(found.remove(0)),
            _ => Err(ApiFailure::new(
                400,
                "INVALID_REQUEST",
                format!("several merchants have an order {no}; name the combine mchid"),
            )),
        }
    }

    /// §13.22–23: the payer pays every sub-order at once; one notification is queued.
    pub fn pay(&self, mchid: Option<&str>, no: &str) -> Result<CombineOrder, ApiFailure> {
        let key = self.locate(mchid, no)?;
        let now = self.clock.now();
        let notify_key = self.next_notification_key();
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
                    .ids
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
                store::bump_in(txn, &format!("billver/{date}"))?;
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
                store::put_in(txn, NOTIFS, &n.key, &n)?;
                Ok(Ok((view, n.key.clone(), n.next_due_ms.unwrap_or(0))))
            })
            .map_err(internal)??;
        let (view, key, due) = result;
        self.pending.lock().expect("pending lock").insert(key, due);
        self.notify_wake.notify_one();
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

impl Core {
    /// A refund of one sub-order of a paid order (a test hook: WeChat Pay's refund API is out of
    /// scope); it shows in query as `REFUND` and in that day's bills.
    pub fn refund(
        &self,
        mchid: Option<&str>,
        no: &str,
        req: &RefundRequest,
    ) -> Result<Value, ApiFailure> {
        let key = self.locate(mchid, no).map_err(|f| {
            if f.code == "TRADE_ERROR" {
                ApiFailure::new(400, "INVALID_REQUEST", "seeded orders cannot be refunded")
            } else {
                f
            }
        })?;
        if let Some(n) = &req.out_refund_no {
            validate::out_trade_no_strict("out_refund_no", n)
                .map_err(|e| ApiFailure::param(&e.pointer, None, &e.problem, "body"))?;
        }
        let now = self.clock.now();
        self.store
            .write(|txn| {
                let Some(mut order) = store::get_in::<StoredOrder>(txn, ORDERS, &key)? else {
                    return Ok(Err(not_exist()));
                };
                if order.effective_state(now) != State::Success {
                    return Ok(Err(ApiFailure::new(400, "INVALID_REQUEST", "订单未支付，不能退款")));
                }
                let Some(sub) = order
                    .sub_orders()
                    .iter()
                    .position(|so| s(so, "/out_trade_no") == Some(req.out_trade_no.as_str()))
                else {
                    return Ok(Err(ApiFailure::param("out_trade_no", None, "is not a sub-order of this order", "body")));
                };
                let total = order.sub_orders()[sub]
                    .pointer("/amount/total_amount")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                let refunded: i64 = order.refunds.iter().filter(|r| r.sub == sub).map(|r| r.amount).sum();
                let left = total - refunded;
                let amount = req.amount.unwrap_or(left);
                if amount < 1 || amount > left {
                    return Ok(Err(ApiFailure::param("amount", None, &format!("must be 1..={left} fen (what is left of the sub-order)"), "body")));
                }
                let out_refund_no = req.out_refund_no.clone().unwrap_or_else(|| {
                    let base: String = format!("R{}", req.out_trade_no).chars().take(29).collect();
                    format!("{base}{:03}", order.refunds.len() + 1)
                });
                if order.refunds.iter().any(|r| r.out_refund_no == out_refund_no) {
                    return Ok(Err(ApiFailure::param("out_refund_no", None, "is already used in this order", "body")));
                }
                let refund = Refund {
                    sub,
                    out_refund_no: out_refund_no.clone(),
                    refund_id: format!(
                        "503{}{}",
                        clock::compact_date(clock::date_of(now)),
                        crate::rand::digits(18)
                    ),
                    amount,
                    time: now,
                };
                let view = json!({
                    "combine_out_trade_no": order.combine_out_trade_no,
                    "mchid": s(&order.sub_orders()[sub], "/mchid"),
                    "out_trade_no": req.out_trade_no,
                    "transaction_id": order.payment.as_ref().and_then(|p| p.transaction_ids.get(sub)),
                    "refund_id": refund.refund_id,
                    "out_refund_no": out_refund_no,
                    "amount": amount,
                    "success_time": clock::rfc3339(now),
                });
                order.refunds.push(refund);
                store::put_in(txn, ORDERS, &key, &order)?;
                let date = clock::format_date(clock::date_of(now));
                {
                    let mut t = txn.open_table(store::REFUNDS)?;
                    t.insert(format!("{date}|{key}#{out_refund_no}").as_str(), now)?;
                }
                store::bump_in(txn, &format!("billver/{date}"))?;
                Ok(Ok(view))
            })
            .map_err(internal)?
    }
}
