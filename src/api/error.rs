//! WeChat Pay's error body (apiv3.md §10) and local field-validation errors.

use serde::{Deserialize, Serialize};

/// `{"code","message","detail"}` as WeChat Pay sends it with any non-2xx status (§10.1), plus the
/// HTTP status and `Request-ID` header.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "WeChat Pay answered HTTP {status} {code}: {message}{}",
    field_note(detail)
)]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub detail: Option<serde_json::Value>,
    pub request_id: Option<String>,
    /// Set by the transport for `SIGN_ERROR`: the doctor's comparison of the signed messages.
    pub diagnosis: Option<String>,
    /// Set by the transport from a `Retry-After: SECONDS` header (429, 503).
    pub retry_after: Option<u64>,
}

/// ` (field /sub_orders/0/amount: must be …)` when WeChat Pay named the field (§10.1 `detail`).
fn field_note(detail: &Option<serde_json::Value>) -> String {
    let Some(d) = detail else {
        return String::new();
    };
    let field = d.get("field").and_then(|f| f.as_str());
    let issue = d.get("issue").and_then(|f| f.as_str());
    match (field, issue) {
        (Some(f), Some(i)) => format!(" (field {f}: {i})"),
        (Some(f), None) => format!(" (field {f})"),
        _ => String::new(),
    }
}

/// The JSON body of an error response.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<serde_json::Value>,
}

/// Legacy spellings without underscores (§10.3) mapped to the current codes.
pub fn canonical_code(code: &str) -> &str {
    match code {
        "ORDERNOTEXIST" => "ORDER_NOT_EXIST",
        "SYSTEMERROR" => "SYSTEM_ERROR",
        "USERPAYING" => "USER_PAYING",
        "RULELIMIT" => "RULE_LIMIT",
        "NOTENOUGH" => "NOT_ENOUGH",
        "BANKERROR" => "BANK_ERROR",
        "ORDERPAID" => "ORDER_PAID",
        "ORDERCLOSED" => "ORDER_CLOSED",
        "FREQUENCYLIMITED" => "FREQUENCY_LIMITED",
        other => other,
    }
}

impl ApiError {
    /// Build from a status, the raw body and the `Request-ID`. A body that is not WeChat Pay's
    /// error shape still becomes an error, with the status as its code.
    pub fn from_response(status: u16, body: &[u8], request_id: Option<String>) -> Self {
        match serde_json::from_slice::<ErrorBody>(body) {
            Ok(b) => ApiError {
                status,
                code: b.code,
                message: b.message,
                detail: b.detail,
                request_id,
                diagnosis: None,
                retry_after: None,
            },
            Err(_) => {
                let text = String::from_utf8_lossy(body);
                let snippet: String = text.chars().take(200).collect();
                ApiError {
                    status,
                    code: format!("HTTP_{status}"),
                    message: if snippet.trim().is_empty() {
                        "(empty body)".into()
                    } else {
                        snippet
                    },
                    detail: None,
                    request_id,
                    diagnosis: None,
                    retry_after: None,
                }
            }
        }
    }

    /// The code with legacy spellings normalised (`ORDERNOTEXIST` → `ORDER_NOT_EXIST`).
    pub fn canonical_code(&self) -> &str {
        canonical_code(&self.code)
    }

    /// The numeric internal code after the last `-` of `Request-ID`, where present (§10.1).
    pub fn numeric_code(&self) -> Option<u64> {
        let id = self.request_id.as_deref()?;
        let (_, tail) = id.rsplit_once('-')?;
        if tail.is_empty() || !tail.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        tail.parse().ok()
    }

    /// `detail.field`, when WeChat Pay named one.
    pub fn field(&self) -> Option<&str> {
        self.detail.as_ref()?.get("field")?.as_str()
    }

    /// Whether retrying with the same parameters can help (§10.3: 5xx and 429 yes, other 4xx no).
    pub fn is_retryable(&self) -> bool {
        self.status >= 500 || self.status == 429
    }

    pub fn hint(&self) -> Option<String> {
        if let Some(d) = &self.diagnosis {
            return Some(d.clone());
        }
        let h = match self.canonical_code() {
            "SIGN_ERROR" => {
                "the request signature was refused: check private_key_file, serial_no and the clock (see the SIGN_ERROR report above)"
            }
            "ORDER_NOT_EXIST" => {
                "no such combine order under this merchant: check the number and the profile's mchid"
            }
            "OUT_TRADE_NO_USED" => "that out_trade_no belongs to another order: use a new number",
            "INVALID_REQUEST" if self.message.contains("不一致") => {
                "a re-prepay must repeat the first request exactly; change combine_out_trade_no for a new order"
            }
            "ORDER_CLOSED" => {
                "the order is closed: create a new one with a new combine_out_trade_no"
            }
            "APPID_MCHID_NOT_MATCH" => {
                "the appid is not bound to this mchid: check appid in the profile or --appid"
            }
            "NO_AUTH" => {
                "this merchant lacks the permission (合单 not enabled, or a sub-order merchant not related)"
            }
            "FREQUENCY_LIMITED" => "rate limited: retry later, or lower --concurrency",
            // apiv3.md §8.4.
            "STATEMENT_CREATING" => {
                "WeChat Pay generates a day's bills from 09:00 Beijing time the next day: retry after 10:00, or let `bill download --wait 2h` keep asking"
            }
            "NO_STATEMENT_EXIST" => {
                "there is no bill for that day (no trades); `bill download` reports such days as no_statement"
            }
            "SYSTEM_ERROR" | "BANK_ERROR" => {
                "a WeChat Pay-side failure: retry with the same parameters (raise --retries)"
            }
            _ => return None,
        };
        Some(h.to_string())
    }
}

/// A request field that fails local validation (exit 2), named by its JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pointer}: {problem}")]
pub struct FieldError {
    /// JSON pointer into the request body, e.g. `/sub_orders/1/amount/total_amount`.
    pub pointer: String,
    pub problem: String,
}

impl FieldError {
    pub fn new(pointer: impl Into<String>, problem: impl Into<String>) -> Self {
        FieldError {
            pointer: pointer.into(),
            problem: problem.into(),
        }
    }

    pub fn hint(&self) -> Option<String> {
        Some("nothing was sent; fix the field and run the command again".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_wechat_error_and_request_id_code() {
        let e = ApiError::from_response(
            404,
            r#"{"code":"ORDERNOTEXIST","message":"订单不存在"}"#.as_bytes(),
            Some("08F4C3A1B20610B8D2-268512771".into()),
        );
        assert_eq!(e.canonical_code(), "ORDER_NOT_EXIST");
        assert_eq!(e.numeric_code(), Some(268512771));
        assert!(!e.is_retryable());
        let e = ApiError::from_response(502, b"<html>bad gateway</html>", None);
        assert_eq!(e.code, "HTTP_502");
        assert!(e.is_retryable());
    }
}
