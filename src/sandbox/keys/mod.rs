//! Certificates and keys: who the merchants are (identities, relationships, 服务商 mode), and
//! WeChat Pay's signing keys — which one signs a response or a notification (apiv3.md §2.5,
//! §13.11), the `Wechatpay-*` headers it makes, `GET /v3/certificates`, and rotation. Owns the
//! identity files in the data dir ([`identities`]) and the `--write-config` text ([`config`]); no
//! store tables.

mod config;
mod identities;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub use config::{WrittenConfig, config_text, write_config};
pub use identities::{
    Identities, MAIN_MCHID, Merchant, Platform, PlatformCert, copy_identities, load_or_create,
    write_atomic, write_private,
};

use super::MerchantInfo;
use super::clock::{self, Clock};
use super::failure::{ApiFailure, internal};
use super::faults::FaultKind;
use crate::signing::PrivateKey;
use crate::signing::message::response_message;

/// How WeChat Pay's side signs (apiv3.md §2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum KeyMode {
    /// 微信支付公钥 only: `Wechatpay-Serial: PUB_KEY_ID_…`; `/v3/certificates` answers 404.
    #[default]
    Pubkey,
    /// Platform certificate only.
    Cert,
    /// Migration: both; a request naming the PUB_KEY_ID_… gets a public-key signature, any other
    /// (a certificate serial, or no Wechatpay-Serial) a certificate one; notifications use either.
    Mixed,
}

impl KeyMode {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyMode::Pubkey => "pubkey",
            KeyMode::Cert => "cert",
            KeyMode::Mixed => "mixed",
        }
    }
    pub fn has_pubkey(self) -> bool {
        matches!(self, KeyMode::Pubkey | KeyMode::Mixed)
    }
    pub fn has_cert(self) -> bool {
        matches!(self, KeyMode::Cert | KeyMode::Mixed)
    }
}

/// Which of WeChat Pay's two keys signs an API response or a notification: the key published
/// as the 微信支付公钥 (`PUB_KEY_ID_…`) or the platform certificate's (§2.5). Stored with each
/// notification, so its retries keep the key its first attempt used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlatformKey {
    Pubkey,
    Cert,
}

/// How long a rotated certificate is published before it signs (apiv3.md §13.11: ≥ 24 h).
pub const ROTATION_NOTICE_SECS: i64 = 24 * 3600;

/// The platform certificates after a rotation (`POST /sandbox/v1/platform-certificates/rotate`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RotationView {
    /// The new certificate's serial: listed by `GET /v3/certificates` from now on.
    pub serial_no: String,
    /// Business time from which it signs (24 h after publication, §13.11).
    pub usable_from: String,
    /// The serial that signs until then.
    pub in_use: String,
    /// Every published serial, oldest first.
    pub published: Vec<String>,
}

/// A key that signs now, and what `Wechatpay-Serial` names it.
pub struct SigningKey {
    pub key: Arc<PrivateKey>,
    pub serial: String,
}

impl SigningKey {
    /// The five `Wechatpay-*` headers for `body` at real time `now` (§2.1), with a signature
    /// fault of §13.13 applied if one is given.
    pub fn headers(
        &self,
        body: &[u8],
        now: i64,
        fault: Option<FaultKind>,
    ) -> [(&'static str, String); 5] {
        let ts = match fault {
            // §13.13: more than 300 s old, but correctly signed, so only the window check
            // catches it.
            Some(FaultKind::StaleTimestamp) => now - 600,
            _ => now,
        }
        .to_string();
        let nonce = crate::rand::alphanumeric(32);
        let signature = match fault {
            Some(FaultKind::Signtest) => {
                let mut junk = [0u8; 256];
                let _ = aws_lc_rs::rand::fill(&mut junk);
                format!("WECHATPAY/SIGNTEST/{}", B64.encode(junk))
            }
            // A real signature, of a different message: valid Base64 of the right length, wrong.
            Some(FaultKind::TamperSignature) => {
                let mut m = response_message(&ts, &nonce, body);
                m.extend_from_slice(b"tampered");
                self.key.sign_base64(&m)
            }
            _ => self.key.sign_base64(&response_message(&ts, &nonce, body)),
        };
        let serial = match fault {
            Some(FaultKind::UnknownSerial) if self.serial.starts_with("PUB_KEY_ID_") => {
                "PUB_KEY_ID_0000000000000000000000000000000000".to_string()
            }
            Some(FaultKind::UnknownSerial) => {
                "5157F09EFDC096DE15EBE81A47057A7232F1B8E1".to_string()
            }
            _ => self.serial.clone(),
        };
        [
            ("Wechatpay-Timestamp", ts),
            ("Wechatpay-Nonce", nonce),
            ("Wechatpay-Signature", signature),
            ("Wechatpay-Serial", serial),
            (
                "Wechatpay-Signature-Type",
                crate::signing::SCHEME.to_string(),
            ),
        ]
    }
}

/// The most `--sub-merchants` a sandbox registers.
pub const MAX_EXTRA_SUB_MERCHANTS: usize = 100_000;

/// The ids of `--sub-merchants N`: `1990000001`, `1990000002`, … (deterministic, so a restart
/// with the same N knows the same 二级商户; they never meet the generated merchants' `19000001x9`).
pub fn extra_sub_mchids(n: usize) -> Vec<String> {
    (1..=n.min(MAX_EXTRA_SUB_MERCHANTS) as u64)
        .map(|i| (1_990_000_000 + i).to_string())
        .collect()
}

/// The certificates and keys service.
pub struct Keys {
    ids: Identities,
    mode: KeyMode,
    service_provider: bool,
    /// `--sub-merchants N` (服务商 mode): more 二级商户 of the main 服务商, by id only (the
    /// 服务商 signs everything they need: their orders and their bills, issue 14 item 6).
    extra_sub_merchants: Vec<String>,
    mixed_alternate_responses: bool,
    /// Mixed mode: whose turn it is when the two keys alternate.
    turn: AtomicU64,
    clock: Arc<Clock>,
}

impl Keys {
    pub fn new(
        ids: Identities,
        mode: KeyMode,
        service_provider: bool,
        mixed_alternate_responses: bool,
        clock: Arc<Clock>,
        extra_sub_merchants: usize,
    ) -> Self {
        Keys {
            ids,
            mode,
            service_provider,
            extra_sub_merchants: if service_provider {
                extra_sub_mchids(extra_sub_merchants)
            } else {
                Vec::new()
            },
            mixed_alternate_responses,
            turn: AtomicU64::new(0),
            clock,
        }
    }

    pub fn mode(&self) -> KeyMode {
        self.mode
    }

    /// `--service-provider`: the main merchant is a 服务商 (§6.3).
    pub fn service_provider(&self) -> bool {
        self.service_provider
    }

    pub fn identities(&self) -> &Identities {
        &self.ids
    }

    pub fn merchants(&self) -> &[Merchant] {
        &self.ids.merchants
    }

    pub fn merchant(&self, mchid: &str) -> Option<&Merchant> {
        self.ids.merchant(mchid)
    }

    /// Whether sub-orders with `mchid` = `sub` may be combined by `combine` (§6.2 关联关系). In
    /// 服务商 mode a sub-order's mchid is the 服务商's own (§6.3), so only the 服务商 itself.
    pub fn related(&self, combine: &str, sub: &str) -> bool {
        if self.service_provider {
            combine == sub && !self.ids.sub_merchants_of(combine).is_empty()
        } else {
            self.ids.related(combine, sub)
        }
    }

    /// The merchants `mchid` may combine with, itself first.
    pub fn related_to(&self, mchid: &str) -> Vec<String> {
        self.ids
            .merchants
            .iter()
            .filter(|m| self.related(mchid, &m.mchid))
            .map(|m| m.mchid.clone())
            .collect()
    }

    /// 服务商 mode: the 二级商户 `mchid` serves; empty in direct mode or for a non-服务商.
    pub fn sub_merchants_of(&self, mchid: &str) -> Vec<String> {
        if self.service_provider {
            let mut subs = self.ids.sub_merchants_of(mchid);
            if !subs.is_empty() {
                subs.extend(self.extra_sub_merchants.iter().cloned());
            }
            subs
        } else {
            Vec::new()
        }
    }

    /// The merchants as `GET /sandbox/v1/info` describes them.
    pub fn merchant_infos(&self) -> Vec<MerchantInfo> {
        self.ids
            .merchants
            .iter()
            .map(|m| MerchantInfo {
                profile: m.profile.clone(),
                mchid: m.mchid.clone(),
                appid: m.appid.clone(),
                openid: m.openid.clone(),
                serial_no: m.serial_no.clone(),
                related: self.related_to(&m.mchid),
                sub_merchants: self.sub_merchants_of(&m.mchid),
                private_key_file: m.private_key_file.clone(),
                merchant_cert_file: m.merchant_cert_file.clone(),
                apiv3_key_file: m.apiv3_key_file.clone(),
            })
            .collect()
    }

    /// The `--write-config` text for a sandbox on `port`.
    pub fn config_text(&self, port: u16) -> String {
        config_text(&self.ids, self.mode, self.service_provider, port)
    }

    /// The key that signs a response (§2.5, §13.11). In mixed mode only a request that names our
    /// `PUB_KEY_ID_…` in `Wechatpay-Serial` gets a public-key signature; a certificate serial, a
    /// serial we do not publish, or no header at all (what certificate-only SDKs send) gets the
    /// platform certificate, which such a client can verify (issue 16). The test-only
    /// `mixed_alternate_responses` is stricter than WeChat Pay: it alternates whatever was sent.
    pub fn response_key(&self, wechatpay_serial: Option<&str>) -> PlatformKey {
        let p = &self.ids.platform;
        match (self.mode.has_pubkey(), self.mode.has_cert()) {
            (true, false) => PlatformKey::Pubkey,
            (false, _) => PlatformKey::Cert,
            (true, true) => match wechatpay_serial {
                _ if self.mixed_alternate_responses => self.alternate(),
                Some(s) if s == p.public_key_id => PlatformKey::Pubkey,
                _ => PlatformKey::Cert,
            },
        }
    }

    /// The key that signs a new notification: in mixed mode the two take turns (§2.5
    /// migration: notifications may use either).
    pub fn notification_key(&self) -> PlatformKey {
        match (self.mode.has_pubkey(), self.mode.has_cert()) {
            (true, true) => self.alternate(),
            (true, false) => PlatformKey::Pubkey,
            _ => PlatformKey::Cert,
        }
    }

    /// Mixed mode without a preference: the two keys take turns (responses and notifications
    /// share the turn).
    fn alternate(&self) -> PlatformKey {
        if self.turn.fetch_add(1, Ordering::SeqCst).is_multiple_of(2) {
            PlatformKey::Pubkey
        } else {
            PlatformKey::Cert
        }
    }

    /// The key behind `which` now: for the certificate, the one in use at business time (a
    /// rotated certificate signs only from its `usable_from`, §13.11).
    pub fn signing_key(&self, which: PlatformKey) -> SigningKey {
        let p = &self.ids.platform;
        match which {
            PlatformKey::Pubkey => SigningKey {
                key: p.pubkey_key.clone(),
                serial: p.public_key_id.clone(),
            },
            PlatformKey::Cert => {
                let c = p.cert_in_use(self.clock.now());
                SigningKey {
                    key: c.key.clone(),
                    serial: c.cert.serial.clone(),
                }
            }
        }
    }

    /// §13.9: `Wechatpay-Serial` must name a key we currently publish.
    pub fn check_encryption_serial(&self, serial: Option<&str>) -> Result<(), ApiFailure> {
        let p = &self.ids.platform;
        let ok = serial.is_some_and(|s| {
            (self.mode.has_pubkey() && s == p.public_key_id)
                || (self.mode.has_cert() && p.knows_cert(s))
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

    /// `GET /v3/certificates` (§3) for merchant `mchid`: every published certificate, a rotated
    /// one from the moment it is published (§13.11: ≥ 24 h before it signs), so clients can
    /// fetch it in time; each encrypted with the merchant's APIv3 key. `None` in public-key mode,
    /// which has no platform certificate.
    pub fn certificates(&self, mchid: &str, sm2_only: bool) -> Option<Vec<Value>> {
        if !self.mode.has_cert() {
            return None;
        }
        let merchant = self.merchant(mchid).expect("the caller is known");
        if sm2_only {
            return Some(Vec::new());
        }
        let list = self
            .ids
            .platform
            .published_certs()
            .iter()
            .map(|c| {
                let cert = &c.cert;
                let nonce = crate::rand::alphanumeric(12);
                let ciphertext = merchant
                    .apiv3_key
                    .encrypt(&nonce, "certificate", cert.to_pem().as_bytes())
                    .expect("a 12-character nonce is valid");
                json!({
                    "serial_no": cert.serial,
                    "effective_time": clock::rfc3339(cert.not_before),
                    "expire_time": clock::rfc3339(cert.not_after),
                    "encrypt_certificate": {
                        "algorithm": "AEAD_AES_256_GCM",
                        "nonce": nonce,
                        "associated_data": "certificate",
                        "ciphertext": ciphertext,
                    }
                })
            })
            .collect();
        Some(list)
    }

    /// §13.11 rotation: a new platform certificate, published now, signing 24 h (business time)
    /// later. Only where there are platform certificates (cert and mixed key modes).
    pub fn rotate(&self) -> Result<RotationView, ApiFailure> {
        if !self.mode.has_cert() {
            return Err(ApiFailure::bad_request(
                "this sandbox runs in pubkey key mode and has no platform certificate to rotate \
                 (start it with --key-mode cert or mixed)",
            ));
        }
        let now = self.clock.now();
        let p = &self.ids.platform;
        let added = p.rotate(now + ROTATION_NOTICE_SECS).map_err(internal)?;
        Ok(RotationView {
            serial_no: added.cert.serial.clone(),
            usable_from: clock::rfc3339(added.usable_from),
            in_use: p.cert_in_use(now).cert.serial.clone(),
            published: p
                .published_certs()
                .iter()
                .map(|c| c.cert.serial.clone())
                .collect(),
        })
    }
}
