//! The `Authorization` request header (apiv3.md §1.2): build it, and parse it in any field order
//! for the sandbox (§13.4).

use std::fmt;

use super::keys::{Certificate, PrivateKey};
use super::message::request_message;

/// The only scheme WeChat Pay APIv3 accepts for RSA merchants.
pub const SCHEME: &str = "WECHATPAY2-SHA256-RSA2048";

/// The five fields of the header. `Debug` hides the signature.
#[derive(Clone, PartialEq, Eq)]
pub struct Authorization {
    pub mchid: String,
    pub nonce_str: String,
    pub timestamp: String,
    pub serial_no: String,
    pub signature: String,
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authorization")
            .field("mchid", &self.mchid)
            .field("nonce_str", &self.nonce_str)
            .field("timestamp", &self.timestamp)
            .field("serial_no", &self.serial_no)
            .field("signature", &"(redacted)")
            .finish()
    }
}

/// Why an `Authorization` header was refused. The sandbox answers all of these with
/// `401` "Http头Authorization值格式错误" or "…认证类型不正确" (apiv3.md §1.2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthorizationError {
    #[error("the Authorization header is empty")]
    Empty,
    #[error("the Authorization scheme is {found:?}, expected {SCHEME}")]
    WrongScheme { found: String },
    #[error("the Authorization header is malformed at byte {at}: {what}")]
    Malformed { at: usize, what: &'static str },
    #[error("the Authorization header has no {0} field")]
    MissingField(&'static str),
    #[error("the Authorization header has {0} twice")]
    DuplicateField(String),
    #[error("the Authorization header has an unknown field {0:?}")]
    UnknownField(String),
    #[error("the Authorization field {0} is empty")]
    EmptyField(String),
}

impl Authorization {
    /// Render the header value, fields in the Go/Java SDK order (apiv3.md §1.2), no spaces after
    /// commas.
    pub fn to_header(&self) -> String {
        format!(
            "{SCHEME} mchid=\"{}\",nonce_str=\"{}\",timestamp=\"{}\",serial_no=\"{}\",signature=\"{}\"",
            self.mchid, self.nonce_str, self.timestamp, self.serial_no, self.signature
        )
    }

    /// The header with the signature replaced, for `-v` traces.
    pub fn to_redacted_header(&self) -> String {
        format!(
            "{SCHEME} mchid=\"{}\",nonce_str=\"{}\",timestamp=\"{}\",serial_no=\"{}\",signature=\"…(redacted)\"",
            self.mchid, self.nonce_str, self.timestamp, self.serial_no
        )
    }

    /// Parse a header value. Pairs may come in any order ("以上五项签名信息，无顺序要求", §1.2) but
    /// must be `key="value"` separated by single commas; duplicates, unknown keys, empty values and
    /// stray characters are refused (the strict reading of §13.4).
    pub fn parse(header: &str) -> Result<Self, AuthorizationError> {
        if header.trim().is_empty() {
            return Err(AuthorizationError::Empty);
        }
        let (scheme, rest) = match header.split_once(' ') {
            Some(parts) => parts,
            None => {
                return Err(AuthorizationError::WrongScheme {
                    found: header.to_string(),
                });
            }
        };
        if scheme != SCHEME {
            return Err(AuthorizationError::WrongScheme {
                found: scheme.to_string(),
            });
        }
        let base = scheme.len() + 1;
        let bytes = rest.as_bytes();
        let mut fields: [Option<String>; 5] = Default::default();
        let mut i = 0;
        loop {
            // key
            let key_start = i;
            while i < bytes.len() && (bytes[i].is_ascii_lowercase() || bytes[i] == b'_') {
                i += 1;
            }
            if i == key_start {
                return Err(AuthorizationError::Malformed {
                    at: base + i,
                    what: "expected a field name",
                });
            }
            let key = &rest[key_start..i];
            if bytes.get(i) != Some(&b'=') {
                return Err(AuthorizationError::Malformed {
                    at: base + i,
                    what: "expected '=' after the field name",
                });
            }
            i += 1;
            if bytes.get(i) != Some(&b'"') {
                return Err(AuthorizationError::Malformed {
                    at: base + i,
                    what: "expected '\"' to open the value",
                });
            }
            i += 1;
            let value_start = i;
            while i < bytes.len() && bytes[i] != b'"' {
                if bytes[i] == b',' || bytes[i] == b'\\' {
                    return Err(AuthorizationError::Malformed {
                        at: base + i,
                        what: "values cannot contain ',' or '\\'",
                    });
                }
                i += 1;
            }
            if i >= bytes.len() {
                return Err(AuthorizationError::Malformed {
                    at: base + i,
                    what: "unterminated value",
                });
            }
            let value = &rest[value_start..i];
            i += 1; // closing quote
            let slot = match key {
                "mchid" => 0,
                "nonce_str" => 1,
                "timestamp" => 2,
                "serial_no" => 3,
                "signature" => 4,
                other => return Err(AuthorizationError::UnknownField(other.to_string())),
            };
            if fields[slot].is_some() {
                return Err(AuthorizationError::DuplicateField(key.to_string()));
            }
            if value.is_empty() {
                return Err(AuthorizationError::EmptyField(key.to_string()));
            }
            fields[slot] = Some(value.to_string());
            match bytes.get(i) {
                None => break,
                Some(b',') => i += 1,
                Some(_) => {
                    return Err(AuthorizationError::Malformed {
                        at: base + i,
                        what: "expected ',' between fields",
                    });
                }
            }
        }
        let [mchid, nonce_str, timestamp, serial_no, signature] = fields;
        Ok(Authorization {
            mchid: mchid.ok_or(AuthorizationError::MissingField("mchid"))?,
            nonce_str: nonce_str.ok_or(AuthorizationError::MissingField("nonce_str"))?,
            timestamp: timestamp.ok_or(AuthorizationError::MissingField("timestamp"))?,
            serial_no: serial_no.ok_or(AuthorizationError::MissingField("serial_no"))?,
            signature: signature.ok_or(AuthorizationError::MissingField("signature"))?,
        })
    }
}

/// What signs requests: the merchant id, its API certificate serial and its private key. The
/// config loads it (`Profile::load_signer`); the transport signs with it (issue 12: the transport
/// does not import `config`).
#[derive(Debug)]
pub struct MerchantSigner {
    pub mchid: String,
    pub serial_no: String,
    pub key: PrivateKey,
    /// Set when the serial was read from `merchant_cert_file`.
    pub certificate: Option<Certificate>,
}

impl MerchantSigner {
    pub fn request_signer(&self) -> RequestSigner<'_> {
        RequestSigner {
            mchid: &self.mchid,
            serial_no: &self.serial_no,
            key: &self.key,
        }
    }
}

/// Everything one signed request needs: the exact message, and the header built from it.
pub struct SignedRequest {
    pub message: Vec<u8>,
    pub authorization: Authorization,
}

/// The merchant's identity for signing requests (apiv3.md §1.2).
pub struct RequestSigner<'a> {
    pub mchid: &'a str,
    pub serial_no: &'a str,
    pub key: &'a PrivateKey,
}

impl RequestSigner<'_> {
    /// Steps 1–3 of apiv3.md §1: build the message, sign it, and assemble the header.
    pub fn sign(
        &self,
        method: &str,
        canonical_url: &str,
        timestamp: &str,
        nonce: &str,
        body: &[u8],
    ) -> SignedRequest {
        let message = request_message(method, canonical_url, timestamp, nonce, body);
        let signature = self.key.sign_base64(&message);
        SignedRequest {
            message,
            authorization: Authorization {
                mchid: self.mchid.to_string(),
                nonce_str: nonce.to_string(),
                timestamp: timestamp.to_string(),
                serial_no: self.serial_no.to_string(),
                signature,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Authorization {
        Authorization {
            mchid: "1900000109".into(),
            nonce_str: "593BEC0C930BF1AFEB40B4A08C8FB242".into(),
            timestamp: "1554208460".into(),
            serial_no: "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C".into(),
            signature: "abc+/==".into(),
        }
    }

    #[test]
    fn round_trips() {
        let a = sample();
        assert_eq!(Authorization::parse(&a.to_header()).unwrap(), a);
    }

    #[test]
    fn any_field_order_is_accepted() {
        // The python SDK's order (apiv3.md §1.2).
        let h = format!(
            "{SCHEME} mchid=\"1900000109\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\",signature=\"abc+/==\",timestamp=\"1554208460\",serial_no=\"1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C\""
        );
        assert_eq!(Authorization::parse(&h).unwrap(), sample());
    }

    #[test]
    fn refusals_name_the_problem() {
        use AuthorizationError::*;
        let cases: &[(&str, AuthorizationError)] = &[
            ("", Empty),
            (
                "Bearer x",
                WrongScheme {
                    found: "Bearer".into(),
                },
            ),
            (
                &format!("{SCHEME} mchid=\"1\",mchid=\"2\""),
                DuplicateField("mchid".into()),
            ),
            (&format!("{SCHEME} foo=\"1\""), UnknownField("foo".into())),
            (&format!("{SCHEME} mchid=\"1\""), MissingField("nonce_str")),
            (&format!("{SCHEME} mchid=\"\""), EmptyField("mchid".into())),
        ];
        for (h, want) in cases {
            assert_eq!(&Authorization::parse(h).unwrap_err(), want, "header {h:?}");
        }
        assert!(matches!(
            Authorization::parse(&format!("{SCHEME} mchid=\"1\", nonce_str=\"2\"")),
            Err(Malformed { .. })
        ));
        assert!(matches!(
            Authorization::parse(&format!("{SCHEME} mchid=1")),
            Err(Malformed { .. })
        ));
        assert!(matches!(
            Authorization::parse(&format!("{SCHEME} mchid=\"1")),
            Err(Malformed { .. })
        ));
    }

    #[test]
    fn debug_hides_the_signature() {
        let s = format!("{:?}", sample());
        assert!(!s.contains("abc+/=="), "{s}");
        assert!(sample().to_redacted_header().contains("…(redacted)"));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    fn value() -> impl Strategy<Value = String> {
        // Anything a field may hold: no quote, comma or backslash, not empty.
        "[A-Za-z0-9+/=_.:-]{1,64}"
    }

    proptest! {
        /// parse(print(x)) == x (issue 7).
        #[test]
        fn parse_inverts_to_header(mchid in value(), nonce in value(), ts in "[0-9]{1,12}", serial in value(), sig in value()) {
            let a = Authorization { mchid, nonce_str: nonce, timestamp: ts, serial_no: serial, signature: sig };
            prop_assert_eq!(Authorization::parse(&a.to_header()).unwrap(), a);
        }

        /// The parser never panics, whatever it is given.
        #[test]
        fn parse_never_panics(s in ".{0,300}") {
            let _ = Authorization::parse(&s);
            let _ = Authorization::parse(&format!("{SCHEME} {s}"));
        }
    }
}
