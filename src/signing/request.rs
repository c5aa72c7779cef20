//! Verification of a merchant's signed request, WeChat Pay's side of apiv3.md §1.2 (§13.4–7): the
//! `Authorization` header parsed, its merchant and certificate serial checked against the merchant's
//! registration, its timestamp held to the five-minute window, and its signature verified over the
//! message rebuilt from the raw request. The sandbox authenticates every `/v3/…` request with it.
//!
//! Pure, like the rest of `signing`: the clock reading and the merchant registry are parameters;
//! the caller keeps any state (the replay window of §13.8 is the sandbox's).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use super::authorization::{Authorization, AuthorizationError};
use super::keys::PublicKey;
use super::message::request_message;
use super::verify::MAX_SKEW_SECS;

/// What WeChat Pay has registered for a merchant: its API certificate's serial, the certificate's
/// public key and its validity (Unix seconds).
#[derive(Debug, Clone, Copy)]
pub struct MerchantKey<'a> {
    pub serial_no: &'a str,
    pub public_key: &'a PublicKey,
    pub not_before: i64,
    pub not_after: i64,
}

/// Why a request does not authenticate, in the order the checks run. `Display` is the sentence a
/// `detail.issue` carries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// §13.4: no header, a wrong scheme, or a malformed one.
    #[error(transparent)]
    Authorization(#[from] AuthorizationError),
    /// §13.5: the `mchid` is nobody the verifier knows.
    #[error("merchant {mchid} is not a registered merchant")]
    UnknownMerchant { mchid: String },
    /// §13.5: `serial_no` is not the merchant's API certificate serial.
    #[error("serial_no {serial_no} is not merchant {mchid}'s API certificate serial")]
    WrongSerial { mchid: String, serial_no: String },
    /// §13.5: the API certificate has expired (or is not valid yet).
    #[error("merchant {mchid}'s API certificate {serial_no} is not valid now")]
    CertificateNotValid { mchid: String, serial_no: String },
    /// §13.6: the timestamp is not a Unix time within the window of `now`.
    #[error("timestamp {timestamp} is not within {MAX_SKEW_SECS} s of {now}")]
    Stale { timestamp: String, now: i64 },
    /// §13.7: the signature does not verify over the rebuilt message. Carries what a
    /// `sign_information` answer describes: the parsed header and the message's length.
    #[error("the signature does not match the request (sign not match)")]
    Mismatch {
        authorization: Box<Authorization>,
        message_len: usize,
    },
}

/// The checks of §13.4–7 in order, for `method` and `target` (path plus `?query` exactly as
/// received), the raw `Authorization` header value and the raw body, at real time `now`.
/// `merchant` looks a merchant's registration up by `mchid`. Returns the parsed header.
pub fn verify_request<'k>(
    method: &str,
    target: &str,
    authorization: &str,
    body: &[u8],
    now: i64,
    merchant: impl FnOnce(&str) -> Option<MerchantKey<'k>>,
) -> Result<Authorization, RequestError> {
    // Step 1 (§13.4): the header, five fields in any order.
    let auth = Authorization::parse(authorization)?;
    // Step 2 (§13.5): a registered merchant, its API certificate serial, and that certificate
    // valid now. [UNCERTAIN] case sensitivity of serial_no: compared case-insensitively (hex is
    // hex).
    let Some(key) = merchant(&auth.mchid) else {
        return Err(RequestError::UnknownMerchant { mchid: auth.mchid });
    };
    if !auth.serial_no.eq_ignore_ascii_case(key.serial_no) {
        return Err(RequestError::WrongSerial {
            mchid: auth.mchid,
            serial_no: auth.serial_no,
        });
    }
    if now > key.not_after || now < key.not_before {
        return Err(RequestError::CertificateNotValid {
            mchid: auth.mchid,
            serial_no: key.serial_no.to_string(),
        });
    }
    // Step 3 (§13.6): `|now − timestamp| ≤ 300 s` is accepted, as the server side words it; a
    // client verifying WeChat Pay's answers takes the stricter `< 300` (`verify`, §2.3).
    if !within_window(&auth.timestamp, now) {
        return Err(RequestError::Stale {
            timestamp: auth.timestamp,
            now,
        });
    }
    // Step 4 (§13.7): the message rebuilt from the raw request, never a re-serialised body.
    let message = request_message(method, target, &auth.timestamp, &auth.nonce_str, body);
    let verified = B64
        .decode(auth.signature.as_bytes())
        .ok()
        .is_some_and(|sig| key.public_key.verify(&message, &sig));
    if !verified {
        return Err(RequestError::Mismatch {
            authorization: Box::new(auth),
            message_len: message.len(),
        });
    }
    Ok(auth)
}

/// A timestamp of at most 12 digits within [`MAX_SKEW_SECS`] of `now`, either way.
fn within_window(timestamp: &str, now: i64) -> bool {
    let digits = timestamp.len() <= 12 && timestamp.bytes().all(|b| b.is_ascii_digit());
    let ts: i64 = if digits {
        timestamp.parse().unwrap_or(-1)
    } else {
        -1
    };
    ts >= 0 && (now - ts).abs() <= MAX_SKEW_SECS as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::keys::PrivateKey;

    const NOW: i64 = 1_554_209_975;
    const SERIAL: &str = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C";

    fn key() -> PrivateKey {
        let pair = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
        PrivateKey::from_key_pair(pair)
    }

    fn header(key: &PrivateKey, method: &str, target: &str, ts: i64, body: &[u8]) -> String {
        let ts = ts.to_string();
        let signature = key.sign_base64(&request_message(method, target, &ts, "NONCE1", body));
        Authorization {
            mchid: "1900000109".into(),
            nonce_str: "NONCE1".into(),
            timestamp: ts,
            serial_no: SERIAL.into(),
            signature,
        }
        .to_header()
    }

    fn verify(
        pk: &PublicKey,
        auth: &str,
        target: &str,
        body: &[u8],
        now: i64,
        (not_before, not_after): (i64, i64),
    ) -> Result<Authorization, RequestError> {
        verify_request("POST", target, auth, body, now, |mchid| {
            (mchid == "1900000109").then_some(MerchantKey {
                serial_no: SERIAL,
                public_key: pk,
                not_before,
                not_after,
            })
        })
    }

    #[test]
    fn each_check_in_turn() {
        let key = key();
        let pk = key.public_key();
        let valid = (NOW - 86_400, NOW + 86_400);
        let body = br#"{"a":1}"#;
        let good = header(&key, "POST", "/v3/x?y=1", NOW, body);
        let auth = verify(&pk, &good, "/v3/x?y=1", body, NOW, valid).unwrap();
        assert_eq!(auth.mchid, "1900000109");
        // The serial in any letter case.
        let lower = good.replace(SERIAL, &SERIAL.to_ascii_lowercase());
        assert!(verify(&pk, &lower, "/v3/x?y=1", body, NOW, valid).is_ok());

        let e = verify(&pk, "Bearer x", "/v3/x?y=1", body, NOW, valid).unwrap_err();
        assert!(matches!(
            e,
            RequestError::Authorization(AuthorizationError::WrongScheme { .. })
        ));
        let other = good.replace("1900000109", "1900000119");
        let e = verify(&pk, &other, "/v3/x?y=1", body, NOW, valid).unwrap_err();
        assert_eq!(
            e.to_string(),
            "merchant 1900000119 is not a registered merchant"
        );
        let serial = good.replace(SERIAL, "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
        let e = verify(&pk, &serial, "/v3/x?y=1", body, NOW, valid).unwrap_err();
        assert_eq!(
            e.to_string(),
            "serial_no 5157F09EFDC096DE15EBE81A47057A7232F1B8E1 is not merchant 1900000109's API certificate serial"
        );
        let e = verify(&pk, &good, "/v3/x?y=1", body, NOW, (0, NOW - 1)).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("merchant 1900000109's API certificate {SERIAL} is not valid now")
        );
        // The window: 300 s either way is in, 301 s is out.
        for (skew, ok) in [(300, true), (-300, true), (301, false), (-301, false)] {
            let h = header(&key, "POST", "/v3/x?y=1", NOW + skew, body);
            let r = verify(&pk, &h, "/v3/x?y=1", body, NOW, valid);
            assert_eq!(r.is_ok(), ok, "skew {skew}");
        }
        let e = verify(&pk, &good, "/v3/x?y=1", body, NOW + 301, valid).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("timestamp {NOW} is not within 300 s of {}", NOW + 301)
        );
        // Signed over other bytes: the query re-ordered, the body re-serialised.
        let e = verify(&pk, &good, "/v3/x?y=1", br#"{"a": 1}"#, NOW, valid).unwrap_err();
        let RequestError::Mismatch {
            authorization,
            message_len,
        } = e
        else {
            panic!("expected a mismatch, got {e:?}");
        };
        assert_eq!(authorization.nonce_str, "NONCE1");
        assert_eq!(
            message_len,
            request_message(
                "POST",
                "/v3/x?y=1",
                &NOW.to_string(),
                "NONCE1",
                br#"{"a": 1}"#
            )
            .len()
        );
    }

    #[test]
    fn timestamps_must_be_short_digit_strings() {
        assert!(within_window("1554209975", NOW));
        assert!(!within_window("+1554209975", NOW));
        assert!(!within_window("-1", NOW));
        assert!(!within_window("1554209975000", NOW));
        assert!(!within_window("", NOW));
    }
}
