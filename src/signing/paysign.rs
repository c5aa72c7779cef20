//! The pay signature for `wx.requestPayment` / JSAPI and for APP (apiv3.md §5).

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
