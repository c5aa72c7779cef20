//! Verification of WeChat Pay responses and notifications (apiv3.md §2).
//!
//! The message is `Wechatpay-Timestamp\nWechatpay-Nonce\nBODY\n` over the raw body bytes; the key is
//! picked by `Wechatpay-Serial` (§2.5): `PUB_KEY_ID_…` → the WeChat Pay public key, anything else →
//! the platform certificate with that serial. Having both is mixed (migration) mode.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use super::keys::{Certificate, PublicKey};
use super::message::response_message;

/// apiv3.md §2.3: five minutes either way. Go and Java reject `|now − ts| >= 300`, PHP and axios
/// `> 300`; we take the stricter Go/Java reading.
pub const MAX_SKEW_SECS: u64 = 300;

/// apiv3.md §2.4: probes whose signature starts with this must always fail verification.
pub const SIGNTEST_PREFIX: &str = "WECHATPAY/SIGNTEST/";

/// The prefix of a WeChat Pay public key id (apiv3.md §2.1).
pub const PUB_KEY_ID_PREFIX: &str = "PUB_KEY_ID_";

/// The four `Wechatpay-*` headers of a signed response or notification (apiv3.md §2.1).
#[derive(Debug, Clone, Default)]
pub struct SignedHeaders {
    pub timestamp: String,
    pub nonce: String,
    pub signature: String,
    pub serial: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("missing header {0}")]
    MissingHeader(&'static str),
    #[error(
        "the signature is a WECHATPAY/SIGNTEST/ probe, which must never verify (apiv3.md §2.4)"
    )]
    SignTest,
    #[error("Wechatpay-Timestamp {0:?} is not a Unix time in seconds")]
    BadTimestamp(String),
    #[error(
        "Wechatpay-Timestamp {timestamp} is {skew} s away from local time {now} (limit {limit} s)"
    )]
    Stale {
        timestamp: i64,
        now: i64,
        skew: u64,
        limit: u64,
    },
    #[error("unknown Wechatpay-Serial {serial:?}; known: {}", if known.is_empty() { "none".to_string() } else { known.join(", ") })]
    UnknownSerial { serial: String, known: Vec<String> },
    #[error(
        "platform certificate {serial} is not valid at {now} (valid {not_before}..{not_after})"
    )]
    CertificateNotValid {
        serial: String,
        now: i64,
        not_before: i64,
        not_after: i64,
    },
    #[error("Wechatpay-Signature is not valid Base64")]
    SignatureEncoding,
    #[error("the signature does not match the body (signed by {serial})")]
    Mismatch { serial: String },
}

/// The hint for [`VerifyError::UnknownSerial`] (issue 15, item 12): what to check depends on what
/// the profile verifies with. A profile that knows only a WeChat Pay public key (public-key mode),
/// or an answer signed by a public key, is fixed in the profile's `wechatpay_public_key_id` and
/// public key file: `certs download` cannot help there, so it is not suggested.
pub fn unknown_serial_hint(serial: &str, known: &[String]) -> String {
    let public_key_only =
        !known.is_empty() && known.iter().all(|k| k.starts_with(PUB_KEY_ID_PREFIX));
    if public_key_only || serial.starts_with(PUB_KEY_ID_PREFIX) {
        format!(
            "the answer names key {serial}, which this profile does not have: check the profile's \
             wechatpay_public_key_id and wechatpay_public_key_file against 商户平台 › API安全 › 微信支付公钥{}",
            if public_key_only {
                " (the profile is in public-key mode: platform certificates play no part)"
            } else {
                ""
            }
        )
    } else {
        "the serial is not one this profile trusts: check wechatpay_public_key_id, or run \
         `wxcombine certs download` for the current platform certificates"
            .into()
    }
}

/// Which kind of key verified a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    PublicKey,
    Certificate,
}

/// The verifier mode a profile is in (apiv3.md §2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Pubkey,
    Cert,
    Mixed,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Pubkey => "pubkey",
            Mode::Cert => "cert",
            Mode::Mixed => "mixed",
        }
    }
}

/// The keys we trust for WeChat Pay's signatures.
#[derive(Debug, Clone, Default)]
pub struct Verifier {
    public_key: Option<(String, PublicKey)>,
    certificates: BTreeMap<String, Certificate>,
}

impl Verifier {
    pub fn new() -> Self {
        Self::default()
    }

    /// Trust a WeChat Pay public key under its `PUB_KEY_ID_…`.
    pub fn with_public_key(mut self, id: impl Into<String>, key: PublicKey) -> Self {
        self.public_key = Some((id.into(), key));
        self
    }

    /// Trust a platform certificate under its own serial.
    pub fn add_certificate(&mut self, cert: Certificate) {
        self.certificates.insert(cert.serial.clone(), cert);
    }

    pub fn with_certificate(mut self, cert: Certificate) -> Self {
        self.add_certificate(cert);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.public_key.is_none() && self.certificates.is_empty()
    }

    pub fn mode(&self) -> Option<Mode> {
        match (self.public_key.is_some(), !self.certificates.is_empty()) {
            (true, true) => Some(Mode::Mixed),
            (true, false) => Some(Mode::Pubkey),
            (false, true) => Some(Mode::Cert),
            (false, false) => None,
        }
    }

    pub fn public_key_id(&self) -> Option<&str> {
        self.public_key.as_ref().map(|(id, _)| id.as_str())
    }

    pub fn certificates(&self) -> impl Iterator<Item = &Certificate> {
        self.certificates.values()
    }

    /// Every serial or key id we could verify with.
    pub fn known_serials(&self) -> Vec<String> {
        let mut known: Vec<String> = self.public_key.iter().map(|(id, _)| id.clone()).collect();
        known.extend(self.certificates.keys().cloned());
        known
    }

    /// The key for a serial (§2.5): `PUB_KEY_ID_…` → the public key, else the certificate.
    fn key_for(&self, serial: &str) -> Result<(&PublicKey, Option<&Certificate>), VerifyError> {
        let unknown = || VerifyError::UnknownSerial {
            serial: serial.to_string(),
            known: self.known_serials(),
        };
        if serial.starts_with(PUB_KEY_ID_PREFIX) {
            return match &self.public_key {
                Some((id, key)) if id == serial => Ok((key, None)),
                _ => Err(unknown()),
            };
        }
        // Serials are upper-case hex; accept a lower-case header rather than fail on case alone.
        let cert = self
            .certificates
            .get(serial)
            .or_else(|| self.certificates.get(&serial.to_ascii_uppercase()))
            .ok_or_else(unknown)?;
        Ok((&cert.public_key, Some(cert)))
    }

    /// The signature steps of apiv3.md §2: refuse probes (§2.4), pick the key by serial (§2.5),
    /// and verify over the raw body (§2.2). No clock is involved.
    pub fn verify_signature(
        &self,
        headers: &SignedHeaders,
        body: &[u8],
    ) -> Result<KeyKind, VerifyError> {
        for (value, name) in [
            (&headers.signature, "Wechatpay-Signature"),
            (&headers.serial, "Wechatpay-Serial"),
            (&headers.timestamp, "Wechatpay-Timestamp"),
            (&headers.nonce, "Wechatpay-Nonce"),
        ] {
            if value.is_empty() {
                return Err(VerifyError::MissingHeader(name));
            }
        }
        // §2.4: a probe is never a valid signature, whatever follows the prefix.
        if headers.signature.starts_with(SIGNTEST_PREFIX) {
            return Err(VerifyError::SignTest);
        }
        let (key, cert) = self.key_for(&headers.serial)?;
        let signature = B64
            .decode(headers.signature.trim())
            .map_err(|_| VerifyError::SignatureEncoding)?;
        let message = response_message(&headers.timestamp, &headers.nonce, body);
        if !key.verify(&message, &signature) {
            return Err(VerifyError::Mismatch {
                serial: headers.serial.clone(),
            });
        }
        Ok(if cert.is_some() {
            KeyKind::Certificate
        } else {
            KeyKind::PublicKey
        })
    }

    /// Stricter than the SDKs, which ignore the dates: an expired or not-yet-valid platform
    /// certificate vouches for nothing. Public keys carry no dates.
    pub fn check_validity(&self, serial: &str, now: i64) -> Result<(), VerifyError> {
        if let (_, Some(cert)) = self.key_for(serial)?
            && !cert.valid_at(now)
        {
            return Err(VerifyError::CertificateNotValid {
                serial: cert.serial.clone(),
                now,
                not_before: cert.not_before,
                not_after: cert.not_after,
            });
        }
        Ok(())
    }

    /// The full check for API responses: signature, the 300 s window (§2.3), and the signing
    /// certificate's dates.
    pub fn verify(
        &self,
        headers: &SignedHeaders,
        body: &[u8],
        now: i64,
    ) -> Result<KeyKind, VerifyError> {
        let kind = self.verify_signature(headers, body)?;
        check_timestamp(&headers.timestamp, now, MAX_SKEW_SECS)?;
        self.check_validity(&headers.serial, now)?;
        Ok(kind)
    }
}

/// Parse a `Wechatpay-Timestamp` (decimal Unix seconds, nothing else).
pub fn parse_timestamp(ts: &str) -> Result<i64, VerifyError> {
    if ts.is_empty() || ts.len() > 12 || !ts.bytes().all(|b| b.is_ascii_digit()) {
        return Err(VerifyError::BadTimestamp(ts.to_string()));
    }
    ts.parse()
        .map_err(|_| VerifyError::BadTimestamp(ts.to_string()))
}

/// apiv3.md §2.3: refuse when `|now − ts| >= limit`.
pub fn check_timestamp(ts: &str, now: i64, limit: u64) -> Result<i64, VerifyError> {
    let timestamp = parse_timestamp(ts)?;
    let skew = now.abs_diff(timestamp);
    if skew >= limit {
        return Err(VerifyError::Stale {
            timestamp,
            now,
            skew,
            limit,
        });
    }
    Ok(timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unknown_serial_hint_fits_the_profiles_key_mode() {
        let pubkey = vec!["PUB_KEY_ID_0119000000000000000000000000000001".to_string()];
        let h = unknown_serial_hint("PUB_KEY_ID_0000000000000000000000000000000000", &pubkey);
        assert!(!h.contains("certs download"), "{h}");
        assert!(
            h.contains("wechatpay_public_key_id") && h.contains("wechatpay_public_key_file"),
            "{h}"
        );
        assert!(h.contains("public-key mode"), "{h}");
        // A certificate serial at a public-key profile: still the public key to check.
        let h = unknown_serial_hint("5157F09EFDC096DE15EBE81A47057A7232F1B8E1", &pubkey);
        assert!(!h.contains("certs download"), "{h}");
        // Certificate (or mixed) mode: a new platform certificate is the likely cause.
        let certs = vec!["1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C".to_string()];
        let h = unknown_serial_hint("5157F09EFDC096DE15EBE81A47057A7232F1B8E1", &certs);
        assert!(h.contains("certs download"), "{h}");
    }
}
