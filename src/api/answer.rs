//! What a verified answer must look like and say (issue 11, items 9 and 14): each endpoint declares
//! the shape of its 2xx body and the fields that must echo what was asked; the transport checks
//! both after the signature verified, before any command reads the body. Pure: no I/O.
//!
//! A signature proves WeChat Pay wrote the bytes, not that they answer this request: a signed
//! answer about another order, replayed within the 300 s window (apiv3.md §2.3), verifies just as
//! well. So a query names the order it asked about and the answer must name the same one.

use std::borrow::Cow;
use std::fmt;

use serde::Deserializer as _;
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::Scene;
use super::types::{BillApplyResponse, CertificatesResponse, CombineOrder};

/// The documented shape of a 2xx body (apiv3.md §3, §6.1, §6.4, §8.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// Nothing to check: a `204` (close), a bill download, a verbatim `GET`.
    #[default]
    Any,
    /// `{"prepay_id"}` (jsapi, app), `{"h5_url"}` (h5) or `{"code_url"}` (native), §6.1.
    Prepay(Scene),
    /// A combine order as query returns it, §6.4.
    CombineOrder,
    /// `{hash_type, hash_value, download_url}`, §8.1.
    BillApply,
    /// `{"data":[…]}`, §3.
    Certificates,
    /// The refund object of §14.2 / §14.3, read as a [`super::refund::RefundSummary`] (no
    /// `Value`; what it accepts, a [`super::refund::Refund`] accepts too).
    Refund,
}

/// The value an echoed field must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// Exactly this string.
    Value(String),
    /// The mchid of the merchant that signed the request (`combine_mchid`, cli.md §1: the signing
    /// merchant is the combine merchant). Known to the transport, not to the endpoint.
    SignerMchid,
}

/// One field of the answer that must repeat what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Echo {
    /// A top-level field of the JSON answer, WeChat Pay's name verbatim.
    pub field: &'static str,
    pub expected: Expected,
    /// `false`: checked only when the answer carries the field ("where echoed").
    pub required: bool,
}

/// What an endpoint's verified 2xx answer must be.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer {
    pub shape: Shape,
    pub echoes: Vec<Echo>,
}

/// Why a verified answer was refused (exit 6).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    /// Not the documented JSON: the signed bytes fail verification of their shape.
    #[error("the signed answer is not the documented {what}: {why}")]
    Malformed { what: &'static str, why: String },
    /// A correctly signed answer about something else than what was asked.
    #[error("the signed answer is about {field} {got}, not {expected:?} as asked")]
    Mismatch {
        field: &'static str,
        expected: String,
        /// The value found, as JSON text (`"SOMEONEELSE1"`), or `(absent)`.
        got: String,
    },
}

impl Shape {
    fn name(self) -> &'static str {
        match self {
            Shape::Any => "answer",
            Shape::Prepay(_) => "prepay answer",
            Shape::CombineOrder => "combine order",
            Shape::BillApply => "bill apply answer {hash_type, hash_value, download_url}",
            Shape::Certificates => "certificate list",
            Shape::Refund => "refund object",
        }
    }

    /// Parse the body as its documented type; `Ok` means the command's own parse of the same
    /// bytes into the same type succeeds too.
    fn check(self, body: &[u8]) -> Result<(), AnswerError> {
        let bad = |why: String| AnswerError::Malformed {
            what: self.name(),
            why,
        };
        match self {
            Shape::Any => Ok(()),
            Shape::CombineOrder => serde_json::from_slice::<CombineOrder>(body)
                .map(drop)
                .map_err(|e| bad(e.to_string())),
            Shape::BillApply => serde_json::from_slice::<BillApplyResponse>(body)
                .map(drop)
                .map_err(|e| bad(e.to_string())),
            Shape::Certificates => serde_json::from_slice::<CertificatesResponse>(body)
                .map(drop)
                .map_err(|e| bad(e.to_string())),
            Shape::Refund => serde_json::from_slice::<super::refund::RefundSummary>(body)
                .map(drop)
                .map_err(|e| bad(e.to_string())),
            Shape::Prepay(scene) => {
                // §6.1: the one field the scene's answer is for, a non-empty string.
                let field = match scene {
                    Scene::Jsapi | Scene::App => "prepay_id",
                    Scene::H5 => "h5_url",
                    Scene::Native => "code_url",
                };
                let v: Value = serde_json::from_slice(body).map_err(|e| bad(e.to_string()))?;
                match v.get(field) {
                    Some(Value::String(s)) if !s.is_empty() => Ok(()),
                    Some(other) => Err(bad(format!("{field} is {other}, not a non-empty string"))),
                    None => Err(bad(format!("it has no {field}"))),
                }
            }
        }
    }
}

impl Answer {
    /// Check a verified 2xx body. `signer_mchid` is the merchant that signed the request.
    pub fn check(&self, body: &[u8], signer_mchid: &str) -> Result<(), AnswerError> {
        self.shape.check(body)?;
        if self.echoes.is_empty() {
            return Ok(());
        }
        // Only the echoed fields are built; the rest of the body (the shape check above has
        // parsed it already) is skipped (issue 16: one parse fewer per query).
        let names: Vec<&str> = self.echoes.iter().map(|e| e.field).collect();
        let mut de = serde_json::Deserializer::from_slice(body);
        let found = (&mut de)
            .deserialize_any(TopLevel(&names))
            .and_then(|found| de.end().map(|()| found))
            .map_err(|e| AnswerError::Malformed {
                what: self.shape.name(),
                why: e.to_string(),
            })?;
        for (echo, got) in self.echoes.iter().zip(found) {
            let expected = match &echo.expected {
                Expected::Value(s) => s.as_str(),
                Expected::SignerMchid => signer_mchid,
            };
            match got.as_ref() {
                Some(Value::String(s)) if s == expected => {}
                None if !echo.required => {}
                got => {
                    return Err(AnswerError::Mismatch {
                        field: echo.field,
                        expected: expected.to_string(),
                        got: got.map_or_else(|| "(absent)".to_string(), Value::to_string),
                    });
                }
            }
        }
        Ok(())
    }
}

/// The top-level fields `.0` of a JSON value, in that order, each `None` when absent (or when the
/// value is not an object, as `Value::get` would say); every other value is skipped unbuilt. A
/// field given twice keeps its last value, as a parsed `Value` does.
struct TopLevel<'n>(&'n [&'n str]);

impl<'de> Visitor<'de> for TopLevel<'_> {
    type Value = Vec<Option<Value>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = vec![None; self.0.len()];
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match self.0.iter().position(|n| *n == key) {
                Some(i) => found[i] = Some(map.next_value::<Value>()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(vec![None; self.0.len()])
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Value(s) => f.write_str(s),
            Expected::SignerMchid => f.write_str("(the signing mchid)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(no: &str, mchid: &str) -> Vec<u8> {
        format!(
            r#"{{"combine_appid":"wx1","combine_mchid":"{mchid}","combine_out_trade_no":"{no}","sub_orders":[{{"mchid":"1","trade_type":"JSAPI","trade_state":"SUCCESS","attach":"a","amount":{{"total_amount":10,"currency":"CNY"}},"out_trade_no":"o1"}}]}}"#
        )
        .into_bytes()
    }

    fn query(no: &str) -> Answer {
        crate::api::Request::combine_query(no).answer
    }

    #[test]
    fn a_query_answer_must_name_the_order_and_merchant_asked_about() {
        assert_eq!(query("C1").check(&order("C1", "190"), "190"), Ok(()));
        let e = query("C1")
            .check(&order("SOMEONEELSE1", "190"), "190")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"the signed answer is about combine_out_trade_no "SOMEONEELSE1", not "C1" as asked"#
        );
        assert!(matches!(
            query("C1").check(&order("C1", "999"), "190"),
            Err(AnswerError::Mismatch {
                field: "combine_mchid",
                ..
            })
        ));
    }

    #[test]
    fn malformed_answers_are_refused_by_shape() {
        for body in [&b"not json"[..], b"{}", br#"{"combine_out_trade_no":"C1"}"#] {
            assert!(matches!(
                query("C1").check(body, "190"),
                Err(AnswerError::Malformed { .. })
            ));
        }
        let prepay = Answer {
            shape: Shape::Prepay(Scene::H5),
            echoes: vec![],
        };
        assert!(prepay.check(br#"{"h5_url":"https://x"}"#, "1").is_ok());
        assert!(prepay.check(br#"{"prepay_id":"wx1"}"#, "1").is_err());
        assert!(prepay.check(br#"{"h5_url":""}"#, "1").is_err());
        assert!(Answer::default().check(b"anything", "1").is_ok());
    }

    #[test]
    fn an_optional_echo_is_checked_only_when_present() {
        let bill = crate::api::Request::trade_bill("2026-05-01", None, None, false).answer;
        let base = r#""hash_type":"SHA1","hash_value":"ab","download_url":"https://h/x""#;
        assert!(bill.check(format!("{{{base}}}").as_bytes(), "1").is_ok());
        assert!(
            bill.check(
                format!(r#"{{{base},"bill_date":"2026-05-01"}}"#).as_bytes(),
                "1"
            )
            .is_ok()
        );
        assert!(
            bill.check(
                format!(r#"{{{base},"bill_date":"2026-04-30"}}"#).as_bytes(),
                "1"
            )
            .is_err()
        );
    }
}
