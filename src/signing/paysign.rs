//! The pay signature for `wx.requestPayment` / JSAPI and for APP (apiv3.md §5), and the objects
//! a client app is handed with it (`prepay` and `sign-pay` both build them here, issue 12).

use serde::Serialize;

use super::keys::PrivateKey;

/// apiv3.md §5: `appId\ntimeStamp\nnonceStr\npackage\n` where package is `prepay_id=…`.
pub fn jsapi_message(app_id: &str, time_stamp: &str, nonce_str: &str, prepay_id: &str) -> Vec<u8> {
    format!("{app_id}\n{time_stamp}\n{nonce_str}\nprepay_id={prepay_id}\n").into_bytes()
}

/// apiv3.md §5, APP variant: the fourth line is the bare prepay_id.
pub fn app_message(app_id: &str, time_stamp: &str, nonce_str: &str, prepay_id: &str) -> Vec<u8> {
    format!("{app_id}\n{time_stamp}\n{nonce_str}\n{prepay_id}\n").into_bytes()
}

/// SHA256withRSA over the message with the merchant key, Base64 encoded.
pub fn sign(key: &PrivateKey, message: &[u8]) -> String {
    key.sign_base64(message)
}

/// The object a mini program passes to `wx.requestPayment` (plus `appId` for JSAPI pages).
#[derive(Debug, Clone, Serialize)]
pub struct RequestPayment {
    #[serde(rename = "appId")]
    pub app_id: String,
    #[serde(rename = "timeStamp")]
    pub time_stamp: String,
    #[serde(rename = "nonceStr")]
    pub nonce_str: String,
    pub package: String,
    #[serde(rename = "signType")]
    pub sign_type: &'static str,
    #[serde(rename = "paySign")]
    pub pay_sign: String,
}

/// The APP variant's client fields (apiv3.md §5).
#[derive(Debug, Clone, Serialize)]
pub struct AppPayment {
    pub appid: String,
    pub partnerid: String,
    pub prepayid: String,
    pub package: &'static str,
    pub noncestr: String,
    pub timestamp: String,
    pub sign: String,
}

/// The JSAPI / mini-program object for `prepay_id` (apiv3.md §5).
pub fn request_payment(
    key: &PrivateKey,
    appid: &str,
    prepay_id: &str,
    time_stamp: &str,
    nonce: &str,
) -> RequestPayment {
    let message = jsapi_message(appid, time_stamp, nonce, prepay_id);
    RequestPayment {
        app_id: appid.to_string(),
        time_stamp: time_stamp.to_string(),
        nonce_str: nonce.to_string(),
        package: format!("prepay_id={prepay_id}"),
        sign_type: "RSA",
        pay_sign: sign(key, &message),
    }
}

/// The APP client fields for `prepay_id` (apiv3.md §5, APP variant); `partnerid` is the mchid.
pub fn app_payment(
    key: &PrivateKey,
    appid: &str,
    mchid: &str,
    prepay_id: &str,
    time_stamp: &str,
    nonce: &str,
) -> AppPayment {
    let message = app_message(appid, time_stamp, nonce, prepay_id);
    AppPayment {
        appid: appid.to_string(),
        partnerid: mchid.to_string(),
        prepayid: prepay_id.to_string(),
        package: "Sign=WXPay",
        noncestr: nonce.to_string(),
        timestamp: time_stamp.to_string(),
        sign: sign(key, &message),
    }
}
