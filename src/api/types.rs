//! Response and notification wire types (apiv3.md §3, §6.4, §7, §8). Unknown fields are kept in
//! `extra` so nothing WeChat Pay adds is lost (§1.3: tolerate unknown response fields).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::money::Fen;

/// `{"prepay_id"}` / `{"h5_url"}` / `{"code_url"}` (§6.1).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct PrepayResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prepay_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub h5_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_url: Option<String>,
}

/// A combine order as query returns it and as the notification carries it (§6.4, §7.2).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CombineOrder {
    pub combine_appid: String,
    pub combine_mchid: String,
    pub combine_out_trade_no: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scene_info: Option<SceneInfoOut>,
    pub sub_orders: Vec<SubOrderState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combine_payer_info: Option<PayerOut>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SceneInfoOut {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PayerOut {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
}

/// One sub-order's state, fields in the order of the documented example.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SubOrderState {
    pub mchid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_openid: Option<String>,
    pub trade_type: String,
    pub trade_state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_type: Option<String>,
    pub attach: String,
    pub amount: AmountOut,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    pub out_trade_no: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_detail: Option<Vec<Value>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AmountOut {
    pub total_amount: Fen,
    pub currency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_amount: Option<Fen>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement_rate: Option<i64>,
}

/// The notification envelope WeChat Pay POSTs (§7.1).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NotificationEnvelope {
    pub id: String,
    pub create_time: String,
    pub resource_type: String,
    pub event_type: String,
    #[serde(default)]
    pub summary: String,
    pub resource: EncryptedResource,
}

/// An `AEAD_AES_256_GCM` resource (§4, §7.1).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EncryptedResource {
    pub algorithm: String,
    pub ciphertext: String,
    #[serde(default)]
    pub associated_data: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_type: Option<String>,
    pub nonce: String,
}

/// `GET /v3/certificates` (§3).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CertificatesResponse {
    pub data: Vec<CertificateEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CertificateEntry {
    pub serial_no: String,
    pub effective_time: String,
    pub expire_time: String,
    pub encrypt_certificate: EncryptedResource,
}

/// The apply response of trade and fund-flow bills (§8.1).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BillApplyResponse {
    pub hash_type: String,
    pub hash_value: String,
    pub download_url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fen_displays_as_yuan() {
        assert_eq!(Fen(1).to_string(), "0.01");
        assert_eq!(Fen(123456).to_string(), "1234.56");
        assert_eq!(Fen(-5).to_string(), "-0.05");
    }

    #[test]
    fn notification_plaintext_parses_and_keeps_unknown_fields() {
        let text = r#"{"combine_appid":"wx1","combine_mchid":"1","combine_out_trade_no":"P1","sub_orders":[{"mchid":"1","trade_type":"JSAPI","trade_state":"SUCCESS","attach":"a","amount":{"total_amount":10,"currency":"CNY","payer_amount":10,"payer_currency":"CNY"},"out_trade_no":"o1","new_field":1}],"later":true}"#;
        let o: CombineOrder = serde_json::from_str(text).unwrap();
        assert_eq!(o.sub_orders[0].amount.payer_amount, Some(Fen(10)));
        assert_eq!(o.extra["later"], Value::Bool(true));
        assert_eq!(o.sub_orders[0].extra["new_field"], Value::from(1));
    }
}
