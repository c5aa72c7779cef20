//! The sandbox's identities on disk: three merchants (each with an RSA-2048 key, an API
//! certificate whose serial derives from the key, an APIv3 key, a bound appid and a known openid)
//! and WeChat Pay's side (a key published as a 微信支付公钥 `PUB_KEY_ID_…`, and a separate key with
//! a platform certificate). Generated once into the data dir (files 0600), reloaded on every
//! start; rotated platform certificates are added here (apiv3.md §13.11).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use anyhow::{Context as _, Result, bail};
use aws_lc_rs::digest;
use serde::{Deserialize, Serialize};

use crate::signing::ApiV3Key;
use crate::signing::keys::{Certificate, PrivateKey, PublicKey, pem_encode};

/// Fixed identities, so a fresh data dir always looks the same to people reading logs.
/// (profile name, mchid, appid, openid)
const MERCHANTS: [(&str, &str, &str, &str); 3] = [
    (
        "sandbox",
        "1900000109",
        "wxd678efh567hg6787",
        "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
    ),
    (
        "sandbox-sub1",
        "1900000119",
        "wx8888888888888881",
        "oSub1AAAAAAAAAAAAAAAAAAAAAA1",
    ),
    (
        "sandbox-sub2",
        "1900000129",
        "wx8888888888888882",
        "oSub2AAAAAAAAAAAAAAAAAAAAAA2",
    ),
];

/// The main merchant: sub-orders of it and of the two others may be combined (关联关系); the two
/// sub-merchants are related to the main one only, not to each other.
pub const MAIN_MCHID: &str = "1900000109";

/// What `sandbox.json` records: written last, so a crash during first start regenerates all.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Meta {
    version: u32,
    public_key_id: String,
    platform_cert_serial: String,
    merchants: Vec<MetaMerchant>,
    /// Platform certificates added by rotation (§13.11), oldest first. Absent in data dirs made
    /// before rotation existed, which load unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    rotated: Vec<MetaRotation>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct MetaRotation {
    serial: String,
    /// Business-clock Unix seconds from which this certificate signs.
    usable_from: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct MetaMerchant {
    profile: String,
    mchid: String,
    appid: String,
    openid: String,
    serial_no: String,
}

/// One merchant as the server knows it.
#[derive(Debug)]
pub struct Merchant {
    pub profile: String,
    pub mchid: String,
    pub appid: String,
    pub openid: String,
    /// API certificate serial, upper-case hex.
    pub serial_no: String,
    pub public_key: PublicKey,
    /// Validity of the API certificate (Unix seconds): outside it, requests get 401 (§13.5).
    pub cert_not_before: i64,
    pub cert_not_after: i64,
    pub apiv3_key: ApiV3Key,
    pub private_key_file: PathBuf,
    pub merchant_cert_file: PathBuf,
    pub apiv3_key_file: PathBuf,
}

/// One platform certificate and its key.
#[derive(Debug)]
pub struct PlatformCert {
    pub key: Arc<PrivateKey>,
    pub cert: Certificate,
    /// Business-clock Unix seconds from which it signs (`i64::MIN` for the first one).
    pub usable_from: i64,
}

/// WeChat Pay's signing keys.
#[derive(Debug)]
pub struct Platform {
    pub public_key_id: String,
    pub pubkey_key: Arc<PrivateKey>,
    pub public_key_file: PathBuf,
    /// The first certificate, then any added by rotation, oldest first.
    certs: RwLock<Vec<Arc<PlatformCert>>>,
    /// A folder holding only the first platform certificate, for `platform_cert_dir`: a client
    /// learns of rotated ones from `GET /v3/certificates`, as it must from WeChat Pay.
    pub cert_dir: PathBuf,
    data_dir: PathBuf,
}

impl Platform {
    fn certs(&self) -> std::sync::RwLockReadGuard<'_, Vec<Arc<PlatformCert>>> {
        self.certs.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The certificate that signs at business time `now`: the newest one already usable.
    pub fn cert_in_use(&self, now: i64) -> Arc<PlatformCert> {
        let certs = self.certs();
        certs
            .iter()
            .rev()
            .find(|c| c.usable_from <= now)
            .unwrap_or(&certs[0])
            .clone()
    }

    /// The first certificate (the one in `cert_dir`).
    pub fn first_cert(&self) -> Arc<PlatformCert> {
        self.certs()[0].clone()
    }

    /// Every published certificate, oldest first: what `GET /v3/certificates` lists.
    pub fn published_certs(&self) -> Vec<Arc<PlatformCert>> {
        self.certs().clone()
    }

    /// Whether `serial` names one of our platform certificates (any letter case).
    pub fn knows_cert(&self, serial: &str) -> bool {
        self.certs()
            .iter()
            .any(|c| c.cert.serial.eq_ignore_ascii_case(serial))
    }

    /// Rotation (§13.11): publish a new certificate now; it signs from `usable_from` (business
    /// time), until then the current one does. Durable before it returns.
    pub fn rotate(&self, usable_from: i64) -> Result<Arc<PlatformCert>> {
        let mut certs = self.certs.write().unwrap_or_else(|e| e.into_inner());
        let key = generate_key()?;
        let cert = certificate_for(&key, "Tenpay.com sign", "Tenpay.com")?;
        let dir = platform_dir(&self.data_dir)
            .join("rotated")
            .join(&cert.serial);
        write_private(
            &dir.join("platform_key.pem"),
            pem_encode("PRIVATE KEY", &key.to_pkcs8_der()).as_bytes(),
        )?;
        write_private(&dir.join("cert.pem"), cert.to_pem().as_bytes())?;
        let meta_path = self.data_dir.join("sandbox.json");
        let mut meta: Meta = serde_json::from_slice(&read(&meta_path)?)
            .with_context(|| format!("{} is not the sandbox's metadata", meta_path.display()))?;
        meta.rotated.push(MetaRotation {
            serial: cert.serial.clone(),
            usable_from,
        });
        write_atomic(
            &meta_path,
            serde_json::to_string_pretty(&meta)
                .expect("meta serialises")
                .as_bytes(),
        )?;
        let added = Arc::new(PlatformCert {
            key: Arc::new(key),
            cert,
            usable_from,
        });
        certs.push(added.clone());
        Ok(added)
    }
}

#[derive(Debug)]
pub struct Identities {
    pub merchants: Vec<Merchant>,
    pub platform: Platform,
}

impl Identities {
    pub fn merchant(&self, mchid: &str) -> Option<&Merchant> {
        self.merchants.iter().find(|m| m.mchid == mchid)
    }

    /// Whether sub-orders of `sub` may be combined by `combine` (§6.2 绑定/关联关系).
    pub fn related(&self, combine: &str, sub: &str) -> bool {
        combine == sub
            || (self.merchant(combine).is_some()
                && self.merchant(sub).is_some()
                && (combine == MAIN_MCHID || sub == MAIN_MCHID))
    }

    /// In 服务商 mode (`--service-provider`, §6.3), the 二级商户 that the 服务商 `mchid` may name
    /// in `sub_mchid`: the two other merchants when `mchid` is the main one, nobody otherwise.
    /// Direct mode never asks.
    pub fn sub_merchants_of(&self, mchid: &str) -> Vec<String> {
        if mchid != MAIN_MCHID {
            return Vec::new();
        }
        self.merchants
            .iter()
            .filter(|m| m.mchid != MAIN_MCHID)
            .map(|m| m.mchid.clone())
            .collect()
    }
}

/// Write a secret file: create with mode 0600, write, fsync.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let _ = fs::remove_file(path);
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}

/// Write atomically (temp file, fsync, rename, fsync the folder), mode 0600.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    write_private(&tmp, bytes)?;
    fs::rename(&tmp, path).with_context(|| format!("renaming onto {}", path.display()))?;
    if let Some(parent) = path.parent()
        && let Ok(dir) = fs::File::open(parent)
    {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn generate_key() -> Result<PrivateKey> {
    let pair = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048)
        .map_err(|_| anyhow::anyhow!("RSA-2048 key generation failed"))?;
    Ok(PrivateKey::from_key_pair(pair))
}

/// A certificate for `key`, serial = the first 20 bytes of SHA-256(SPKI) with the top bits fixed so
/// it prints as exactly 40 upper-case hex digits (like real merchant API certificate serials, §1.2).
fn certificate_for(key: &PrivateKey, subject_cn: &str, org: &str) -> Result<Certificate> {
    let spki = key.public_key();
    let mut serial = digest::digest(&digest::SHA256, spki.spki_der()).as_ref()[..20].to_vec();
    serial[0] = (serial[0] & 0x3f) | 0x10;
    let mut params = rcgen::CertificateParams::default();
    params.serial_number = Some(rcgen::SerialNumber::from_slice(&serial));
    let mut dn = rcgen::DistinguishedName::new();
    dn.push(rcgen::DnType::CommonName, subject_cn);
    dn.push(rcgen::DnType::OrganizationName, org);
    dn.push(
        rcgen::DnType::OrganizationalUnitName,
        "Tenpay.com CA Center",
    );
    dn.push(rcgen::DnType::CountryName, "CN");
    dn.push(rcgen::DnType::LocalityName, "ShenZhen");
    params.distinguished_name = dn;
    let now = time::OffsetDateTime::now_utc();
    params.not_before = now - time::Duration::days(1);
    params.not_after = now + time::Duration::days(5 * 365);
    let der = rustls_pki_types::PrivatePkcs8KeyDer::from(key.to_pkcs8_der());
    let kp = rcgen::KeyPair::from_pkcs8_der_and_sign_algo(&der, &rcgen::PKCS_RSA_SHA256)
        .context("loading the generated key into rcgen")?;
    let cert = params
        .self_signed(&kp)
        .context("signing the sandbox certificate")?;
    Ok(Certificate::from_der(cert.der(), subject_cn)?)
}

fn merchant_dir(data_dir: &Path, mchid: &str) -> PathBuf {
    data_dir.join("keys").join(mchid)
}

fn platform_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("keys").join("platform")
}

/// Load the identities from `data_dir`, generating them on first use.
pub fn load_or_create(data_dir: &Path) -> Result<Identities> {
    let meta_path = data_dir.join("sandbox.json");
    if !meta_path.exists() {
        create(data_dir, &meta_path)?;
    }
    load(data_dir, &meta_path)
}

/// Copy `sandbox.json` and `keys/` from `template` into a data dir that has none yet.
pub fn copy_identities(template: &Path, data_dir: &Path) -> Result<()> {
    if data_dir.join("sandbox.json").exists() {
        return Ok(());
    }
    fn copy_dir(from: &Path, to: &Path) -> Result<()> {
        fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
        for e in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
            let e = e?;
            let dst = to.join(e.file_name());
            if e.file_type()?.is_dir() {
                copy_dir(&e.path(), &dst)?;
            } else {
                write_private(&dst, &fs::read(e.path())?)?;
            }
        }
        Ok(())
    }
    if !template.join("sandbox.json").exists() {
        bail!(
            "{} holds no sandbox identities (no sandbox.json)",
            template.display()
        );
    }
    copy_dir(&template.join("keys"), &data_dir.join("keys"))?;
    write_atomic(
        &data_dir.join("sandbox.json"),
        &fs::read(template.join("sandbox.json"))?,
    )
}

fn create(data_dir: &Path, meta_path: &Path) -> Result<()> {
    let mut merchants = Vec::new();
    for (profile, mchid, appid, openid) in MERCHANTS {
        let dir = merchant_dir(data_dir, mchid);
        let key = generate_key()?;
        let cert = certificate_for(&key, mchid, &format!("微信支付沙箱商户 {profile}"))?;
        write_private(
            &dir.join("apiclient_key.pem"),
            pem_encode("PRIVATE KEY", &key.to_pkcs8_der()).as_bytes(),
        )?;
        write_private(&dir.join("apiclient_cert.pem"), cert.to_pem().as_bytes())?;
        let apiv3 = crate::rand::alphanumeric(32);
        write_private(&dir.join("apiv3.key"), format!("{apiv3}\n").as_bytes())?;
        merchants.push(MetaMerchant {
            profile: profile.into(),
            mchid: mchid.into(),
            appid: appid.into(),
            openid: openid.into(),
            serial_no: cert.serial.clone(),
        });
    }
    let pdir = platform_dir(data_dir);
    let pubkey_key = generate_key()?;
    write_private(
        &pdir.join("pub_key_private.pem"),
        pem_encode("PRIVATE KEY", &pubkey_key.to_pkcs8_der()).as_bytes(),
    )?;
    write_private(
        &pdir.join("pub_key.pem"),
        pubkey_key.public_key().to_pem().as_bytes(),
    )?;
    let cert_key = generate_key()?;
    let cert = certificate_for(&cert_key, "Tenpay.com sign", "Tenpay.com")?;
    write_private(
        &pdir.join("platform_key.pem"),
        pem_encode("PRIVATE KEY", &cert_key.to_pkcs8_der()).as_bytes(),
    )?;
    write_private(
        &pdir.join("certs").join(format!("{}.pem", cert.serial)),
        cert.to_pem().as_bytes(),
    )?;
    // `PUB_KEY_ID_` + digits (§2.1): 01 + the main mchid + the creation date + random digits.
    let public_key_id = format!(
        "PUB_KEY_ID_01{MAIN_MCHID}{}{}",
        crate::sandbox::clock::compact_date(crate::sandbox::clock::date_of(
            crate::sandbox::clock::real_now()
        )),
        crate::rand::digits(14)
    );
    let meta = Meta {
        version: 1,
        public_key_id,
        platform_cert_serial: cert.serial,
        merchants,
        rotated: Vec::new(),
    };
    write_atomic(
        meta_path,
        serde_json::to_string_pretty(&meta)
            .expect("meta serialises")
            .as_bytes(),
    )
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).with_context(|| format!("reading {}", path.display()))
}

fn load(data_dir: &Path, meta_path: &Path) -> Result<Identities> {
    let meta: Meta = serde_json::from_slice(&read(meta_path)?)
        .with_context(|| format!("{} is not the sandbox's metadata", meta_path.display()))?;
    if meta.version != 1 {
        bail!(
            "{}: unsupported sandbox data version {}",
            meta_path.display(),
            meta.version
        );
    }
    let mut merchants = Vec::new();
    for m in meta.merchants {
        let dir = merchant_dir(data_dir, &m.mchid);
        let private_key_file = dir.join("apiclient_key.pem");
        let merchant_cert_file = dir.join("apiclient_cert.pem");
        let apiv3_key_file = dir.join("apiv3.key");
        let cert = Certificate::from_pem(
            &read(&merchant_cert_file)?,
            &merchant_cert_file.display().to_string(),
        )?;
        if cert.serial != m.serial_no {
            bail!(
                "{}: serial {} differs from the recorded {}",
                merchant_cert_file.display(),
                cert.serial,
                m.serial_no
            );
        }
        let key_text = read(&apiv3_key_file)?;
        let key_text = String::from_utf8_lossy(&key_text);
        let apiv3_key = ApiV3Key::new(key_text.trim_end().as_bytes())
            .map_err(|e| anyhow::anyhow!("{}: {e}", apiv3_key_file.display()))?;
        merchants.push(Merchant {
            profile: m.profile,
            mchid: m.mchid,
            appid: m.appid,
            openid: m.openid,
            serial_no: m.serial_no,
            cert_not_before: cert.not_before,
            cert_not_after: cert.not_after,
            public_key: cert.public_key,
            apiv3_key,
            private_key_file,
            merchant_cert_file,
            apiv3_key_file,
        });
    }
    let pdir = platform_dir(data_dir);
    let pk_path = pdir.join("pub_key_private.pem");
    let pubkey_key = PrivateKey::from_pem(&read(&pk_path)?, &pk_path.display().to_string())?;
    let ck_path = pdir.join("platform_key.pem");
    let cert_key = PrivateKey::from_pem(&read(&ck_path)?, &ck_path.display().to_string())?;
    let cert_dir = pdir.join("certs");
    let cert_path = cert_dir.join(format!("{}.pem", meta.platform_cert_serial));
    let cert = Certificate::from_pem(&read(&cert_path)?, &cert_path.display().to_string())?;
    let mut certs = vec![Arc::new(PlatformCert {
        key: Arc::new(cert_key),
        cert,
        usable_from: i64::MIN,
    })];
    for r in &meta.rotated {
        let dir = pdir.join("rotated").join(&r.serial);
        let (kp, cp) = (dir.join("platform_key.pem"), dir.join("cert.pem"));
        let key = PrivateKey::from_pem(&read(&kp)?, &kp.display().to_string())?;
        let cert = Certificate::from_pem(&read(&cp)?, &cp.display().to_string())?;
        if cert.serial != r.serial {
            bail!(
                "{}: serial {} differs from the recorded {}",
                cp.display(),
                cert.serial,
                r.serial
            );
        }
        certs.push(Arc::new(PlatformCert {
            key: Arc::new(key),
            cert,
            usable_from: r.usable_from,
        }));
    }
    Ok(Identities {
        merchants,
        platform: Platform {
            public_key_id: meta.public_key_id,
            pubkey_key: Arc::new(pubkey_key),
            public_key_file: pdir.join("pub_key.pem"),
            certs: RwLock::new(certs),
            cert_dir,
            data_dir: data_dir.to_path_buf(),
        },
    })
}
