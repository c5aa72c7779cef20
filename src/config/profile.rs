//! One profile: its settings as written, and the credentials they point at.

use std::path::{Path, PathBuf};

use super::error::ConfigError;
use super::file::resolve_path;
use crate::input::{self, Accept, KEY_CAP};
use crate::signing::keys::{Certificate, PrivateKey, PublicKey};
use crate::signing::secret::Secret;
use crate::signing::verify::{PUB_KEY_ID_PREFIX, Verifier};
use crate::signing::{ApiV3Key, MerchantSigner};

pub const DEFAULT_BASE_URL: &str = "https://api.mch.weixin.qq.com";
pub const DEFAULT_BACKUP_BASE_URL: &str = "https://api2.mch.weixin.qq.com";

/// Every key a profile may hold (cli.md §1). Anything else is an error.
const KNOWN_KEYS: &[&str] = &[
    "env",
    "mchid",
    "appid",
    "serial_no",
    "private_key_file",
    "merchant_cert_file",
    "apiv3_key_file",
    "apiv3_key_env",
    "apiv3_key",
    "wechatpay_public_key_file",
    "wechatpay_public_key_id",
    "platform_cert_dir",
    "base_url",
    "backup_base_url",
    "notify_url",
];

/// The `env` label: which world this profile talks to. Shown in the banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Env {
    Production,
    Sandbox,
}

impl Env {
    pub fn as_str(self) -> &'static str {
        match self {
            Env::Production => "production",
            Env::Sandbox => "sandbox",
        }
    }
}

/// Where the APIv3 key comes from.
#[derive(Debug, Clone)]
pub enum ApiV3KeySource {
    File(PathBuf),
    Env(String),
    Inline(Secret<String>),
}

/// A profile as configured, with paths resolved. Key files are not read until asked for.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub config_path: PathBuf,
    pub env: Env,
    pub mchid: String,
    pub appid: Option<String>,
    pub serial_no: Option<String>,
    pub private_key_file: PathBuf,
    pub merchant_cert_file: Option<PathBuf>,
    pub apiv3_key: Option<ApiV3KeySource>,
    pub wechatpay_public_key_file: Option<PathBuf>,
    pub wechatpay_public_key_id: Option<String>,
    pub platform_cert_dir: Option<PathBuf>,
    pub base_url: String,
    /// `None`: no failover. Defaults to WeChat Pay's backup host only when `base_url` is WeChat
    /// Pay's default host (issue 11, item 10).
    pub backup_base_url: Option<String>,
    pub notify_url: Option<String>,
}

pub(super) fn parse_profile(
    name: &str,
    body: &toml::Table,
    path: &Path,
    base: &Path,
) -> Result<Profile, ConfigError> {
    let bad = |key: &str, problem: String| ConfigError::BadValue {
        path: path.to_path_buf(),
        profile: name.to_string(),
        key: key.to_string(),
        problem,
    };
    for key in body.keys() {
        if !KNOWN_KEYS.contains(&key.as_str()) {
            let suggestion = KNOWN_KEYS
                .iter()
                .copied()
                .filter(|k| strsim::levenshtein(k, key) <= 3 || k.starts_with(key.as_str()))
                .min_by_key(|k| strsim::levenshtein(k, key));
            return Err(ConfigError::UnknownKey {
                path: path.to_path_buf(),
                profile: name.to_string(),
                key: key.clone(),
                suggestion,
            });
        }
    }
    let string = |key: &str| -> Result<Option<String>, ConfigError> {
        match body.get(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(bad(
                key,
                format!("must be a string, not {}", other.type_str()),
            )),
        }
    };
    let required = |key: &'static str| -> Result<String, ConfigError> {
        string(key)?.ok_or(ConfigError::MissingKey {
            path: path.to_path_buf(),
            profile: name.to_string(),
            key,
        })
    };
    let file = |key: &str| -> Result<Option<PathBuf>, ConfigError> {
        match string(key)? {
            Some(s) if s.is_empty() => Err(bad(key, "is empty".into())),
            Some(s) => Ok(Some(resolve_path(&s, base))),
            None => Ok(None),
        }
    };

    let env = match string("env")?.as_deref() {
        None | Some("production") => Env::Production,
        Some("sandbox") => Env::Sandbox,
        Some(other) => {
            return Err(bad(
                "env",
                format!("is {other:?}; expected \"production\" or \"sandbox\""),
            ));
        }
    };
    let mchid = required("mchid")?;
    if mchid.is_empty() || mchid.len() > 32 || !mchid.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(
            "mchid",
            format!("is {mchid:?}; a merchant id is 1-32 digits"),
        ));
    }
    let appid = string("appid")?;
    if let Some(a) = &appid
        && (a.is_empty()
            || a.len() > 32
            || !a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
    {
        return Err(bad(
            "appid",
            format!("is {a:?}; an AppID is 1-32 letters, digits or '_'"),
        ));
    }
    let serial_no = string("serial_no")?;
    if let Some(s) = &serial_no
        && (s.is_empty() || s.len() > 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Err(bad(
            "serial_no",
            format!("is {s:?}; a certificate serial is hex digits"),
        ));
    }
    let private_key_file = file("private_key_file")?.ok_or(ConfigError::MissingKey {
        path: path.to_path_buf(),
        profile: name.to_string(),
        key: "private_key_file",
    })?;
    let merchant_cert_file = file("merchant_cert_file")?;

    let key_sources = [
        file("apiv3_key_file")?.map(ApiV3KeySource::File),
        string("apiv3_key_env")?.map(ApiV3KeySource::Env),
        string("apiv3_key")?.map(|s| ApiV3KeySource::Inline(Secret::new(s))),
    ];
    let given: Vec<_> = key_sources.into_iter().flatten().collect();
    if given.len() > 1 {
        return Err(ConfigError::Invalid {
            path: path.to_path_buf(),
            problem: format!(
                "profile `{name}`: set only one of apiv3_key_file, apiv3_key_env, apiv3_key"
            ),
        });
    }
    let apiv3_key = given.into_iter().next();
    if let Some(ApiV3KeySource::Env(var)) = &apiv3_key
        && var.is_empty()
    {
        return Err(bad(
            "apiv3_key_env",
            "is empty; it names an environment variable".into(),
        ));
    }

    let wechatpay_public_key_file = file("wechatpay_public_key_file")?;
    let wechatpay_public_key_id = string("wechatpay_public_key_id")?;
    if let Some(id) = &wechatpay_public_key_id {
        check_public_key_id(id).map_err(|p| bad("wechatpay_public_key_id", p))?;
    }
    match (&wechatpay_public_key_file, &wechatpay_public_key_id) {
        (Some(_), None) => {
            return Err(ConfigError::MissingKey {
                path: path.to_path_buf(),
                profile: name.to_string(),
                key: "wechatpay_public_key_id",
            });
        }
        (None, Some(_)) => {
            return Err(ConfigError::MissingKey {
                path: path.to_path_buf(),
                profile: name.to_string(),
                key: "wechatpay_public_key_file",
            });
        }
        _ => {}
    }
    let platform_cert_dir = file("platform_cert_dir")?;
    let base_url = string("base_url")?.unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
    check_url(&base_url).map_err(|p| bad("base_url", p))?;
    // The backup host is WeChat Pay's second entry point for WeChat Pay's primary (apiv3.md
    // §10.4). A profile with a base_url of its own (the sandbox, a gateway) has no backup unless
    // it names one: failing over from a local sandbox to production would send a signed request
    // to the real API (issue 11, item 10).
    let backup_base_url = match string("backup_base_url")? {
        Some(u) => Some(u),
        None if is_default_base_url(&base_url) => Some(DEFAULT_BACKUP_BASE_URL.to_string()),
        None => None,
    };
    if let Some(u) = &backup_base_url {
        check_url(u).map_err(|p| bad("backup_base_url", p))?;
    }
    // Issue 7: plain HTTP would expose signed requests and unverifiable bodies in transit; it is
    // for the local sandbox only.
    if env != Env::Sandbox {
        for (key, url) in [
            ("base_url", Some(&base_url)),
            ("backup_base_url", backup_base_url.as_ref()),
        ]
        .into_iter()
        .filter_map(|(k, u)| Some((k, u?)))
        {
            if url.starts_with("http://") {
                return Err(bad(
                    key,
                    format!(
                        "is {url:?}: http:// is allowed only for profiles with env = \"sandbox\""
                    ),
                ));
            }
        }
    }
    let notify_url = string("notify_url")?;
    if let Some(u) = &notify_url {
        check_url(u).map_err(|p| bad("notify_url", p))?;
        // WeChat Pay delivers notifications over https only (apiv3.md §6 notify_url rule); the
        // sandbox delivers to http://127.0.0.1 as well, so a sandbox profile may name one
        // (issue 15, item 2). Refused here rather than at the first prepay.
        if env != Env::Sandbox && u.starts_with("http://") {
            return Err(bad(
                "notify_url",
                format!("is {u:?}: http:// is allowed only for profiles with env = \"sandbox\""),
            ));
        }
    }

    Ok(Profile {
        name: name.to_string(),
        config_path: path.to_path_buf(),
        env,
        mchid,
        appid,
        serial_no,
        private_key_file,
        merchant_cert_file,
        apiv3_key,
        wechatpay_public_key_file,
        wechatpay_public_key_id,
        platform_cert_dir,
        base_url: base_url.trim_end_matches('/').to_string(),
        backup_base_url: backup_base_url.map(|u| u.trim_end_matches('/').to_string()),
        notify_url,
    })
}

/// `PUB_KEY_ID_` followed by digits (apiv3.md §2.1).
pub fn check_public_key_id(id: &str) -> Result<(), String> {
    match id.strip_prefix(PUB_KEY_ID_PREFIX) {
        Some(rest)
            if !rest.is_empty() && rest.len() <= 64 && rest.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Ok(())
        }
        _ => Err(format!(
            "is {id:?}; a WeChat Pay public key id is PUB_KEY_ID_ followed by digits"
        )),
    }
}

/// Whether `url` is [`DEFAULT_BASE_URL`] (a trailing `/` and the host's case aside).
fn is_default_base_url(url: &str) -> bool {
    url.trim_end_matches('/')
        .eq_ignore_ascii_case(DEFAULT_BASE_URL)
}

/// WeChat Pay's API hosts (apiv3.md conventions: primary, backup, and the wechatpay.cn pair).
pub const WECHATPAY_HOSTS: &[&str] = &[
    "api.mch.weixin.qq.com",
    "api2.mch.weixin.qq.com",
    "api.wechatpay.cn",
    "api2.wechatpay.cn",
];

/// Whether `url` points at one of [`WECHATPAY_HOSTS`] over https.
pub fn is_wechatpay_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host_port.split(':').next().unwrap_or("");
    WECHATPAY_HOSTS.iter().any(|h| h.eq_ignore_ascii_case(host))
}

fn check_url(u: &str) -> Result<(), String> {
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"));
    match rest {
        // A `user:password@` is refused without repeating the URL, which holds the password
        // (issue 11, item 15): WeChat Pay authenticates by signature, never by userinfo.
        Some(r)
            if r.split(['/', '?', '#'])
                .next()
                .is_some_and(|authority| authority.contains('@')) =>
        {
            Err("holds a user:password@ part, which is not accepted (WeChat Pay requests are authenticated by their signature)".into())
        }
        Some(r) if !r.is_empty() && !r.starts_with('/') && !u.chars().any(char::is_whitespace) => {
            Ok(())
        }
        _ => Err(format!("is {u:?}; expected an http(s):// URL")),
    }
}

/// Read a key or certificate file: at most [`KEY_CAP`] bytes, and only from a regular file or a
/// named pipe (issue 11: `private_key_file = "/dev/zero"` once grew the process to 20 GB).
fn read(what: &'static str, path: &Path) -> Result<Vec<u8>, ConfigError> {
    input::read_file(path, KEY_CAP, Accept::FileOrPipe).map_err(|err| ConfigError::Input {
        what,
        path: path.to_path_buf(),
        err,
    })
}

impl Profile {
    fn problem(&self, problem: impl Into<String>, hint: Option<&str>) -> ConfigError {
        ConfigError::Profile {
            profile: self.name.clone(),
            problem: problem.into(),
            hint: hint.map(str::to_string),
        }
    }

    /// The merchant private key alone (all `sign-pay` needs).
    pub fn load_private_key(&self) -> Result<PrivateKey, ConfigError> {
        let bytes = read("private key file", &self.private_key_file)?;
        Ok(PrivateKey::from_pem(
            &bytes,
            &self.private_key_file.display().to_string(),
        )?)
    }

    /// The merchant certificate, when configured.
    pub fn load_merchant_certificate(&self) -> Result<Option<Certificate>, ConfigError> {
        let Some(path) = &self.merchant_cert_file else {
            return Ok(None);
        };
        let bytes = read("merchant certificate", path)?;
        Ok(Some(Certificate::from_pem(
            &bytes,
            &path.display().to_string(),
        )?))
    }

    /// Key, serial and mchid for signing requests. The serial comes from `serial_no` or from the
    /// merchant certificate; when both are given they must agree, and the certificate must belong
    /// to the private key.
    pub fn load_signer(&self) -> Result<MerchantSigner, ConfigError> {
        let key = self.load_private_key()?;
        let certificate = self.load_merchant_certificate()?;
        let serial_no = match (&certificate, &self.serial_no) {
            (Some(cert), configured) => {
                if cert.public_key != key.public_key() {
                    return Err(self.problem(
                        format!(
                            "merchant_cert_file {} does not belong to private_key_file {} (their public keys differ)",
                            self.merchant_cert_file.as_ref().expect("cert loaded").display(),
                            self.private_key_file.display()
                        ),
                        Some("use the apiclient_cert.pem and apiclient_key.pem issued together"),
                    ));
                }
                if let Some(s) = configured
                    && !s.eq_ignore_ascii_case(&cert.serial)
                {
                    return Err(self.problem(
                        format!(
                            "serial_no {s} does not match the serial {} of merchant_cert_file",
                            cert.serial
                        ),
                        Some("remove serial_no (it is read from the certificate) or correct it"),
                    ));
                }
                cert.serial.clone()
            }
            (None, Some(s)) => s.to_ascii_uppercase(),
            (None, None) => {
                return Err(self.problem(
                    "needs serial_no or merchant_cert_file to name the merchant API certificate",
                    Some("openssl x509 -in apiclient_cert.pem -noout -serial prints the serial"),
                ));
            }
        };
        Ok(MerchantSigner {
            mchid: self.mchid.clone(),
            serial_no,
            key,
            certificate,
        })
    }

    /// The keys that verify WeChat Pay's signatures: public key, platform certificates, or both.
    pub fn load_verifier(&self) -> Result<Verifier, ConfigError> {
        let mut verifier = Verifier::new();
        if let (Some(file), Some(id)) = (
            &self.wechatpay_public_key_file,
            &self.wechatpay_public_key_id,
        ) {
            let bytes = read("WeChat Pay public key", file)?;
            verifier = verifier.with_public_key(
                id.clone(),
                PublicKey::from_pem(&bytes, &file.display().to_string())?,
            );
        }
        if let Some(dir) = &self.platform_cert_dir {
            for cert in load_cert_dir(dir)? {
                verifier.add_certificate(cert);
            }
        }
        if verifier.is_empty() {
            let hint = "set wechatpay_public_key_file + wechatpay_public_key_id (商户平台 › API安全 › 微信支付公钥), or platform_cert_dir and run `wxcombine certs download`";
            return Err(match &self.platform_cert_dir {
                Some(dir) => self.problem(format!("platform_cert_dir {} holds no certificates and no WeChat Pay public key is configured", dir.display()), Some(hint)),
                None => self.problem("no verifier configured for WeChat Pay's signatures", Some(hint)),
            });
        }
        Ok(verifier)
    }

    /// The 32-byte APIv3 key. `env_override` is `$WXCOMBINE_APIV3_KEY`; `getenv` reads a variable
    /// named by `apiv3_key_env`.
    pub fn load_apiv3_key(
        &self,
        env_override: Option<&str>,
        getenv: impl Fn(&str) -> Option<String>,
    ) -> Result<ApiV3Key, ConfigError> {
        let (origin, bytes): (String, Vec<u8>) = if let Some(v) =
            env_override.filter(|v| !v.is_empty())
        {
            ("$WXCOMBINE_APIV3_KEY".into(), v.as_bytes().to_vec())
        } else {
            match &self.apiv3_key {
                None => {
                    return Err(self.problem(
                        "no APIv3 key configured",
                        Some("set apiv3_key_file (or apiv3_key_env) in the profile, or $WXCOMBINE_APIV3_KEY"),
                    ));
                }
                Some(ApiV3KeySource::File(path)) => {
                    let mut bytes = read("APIv3 key file", path)?;
                    // cli.md §1: one trailing newline is ignored, so `echo KEY > apiv3.key` works.
                    if bytes.ends_with(b"\r\n") {
                        bytes.truncate(bytes.len() - 2);
                    } else if bytes.ends_with(b"\n") {
                        bytes.truncate(bytes.len() - 1);
                    }
                    (path.display().to_string(), bytes)
                }
                Some(ApiV3KeySource::Env(var)) => match getenv(var) {
                    Some(v) => (format!("${var} (apiv3_key_env)"), v.into_bytes()),
                    None => {
                        return Err(self.problem(
                            format!("apiv3_key_env names ${var}, which is not set"),
                            None,
                        ));
                    }
                },
                Some(ApiV3KeySource::Inline(s)) => (
                    format!("{} (apiv3_key)", self.config_path.display()),
                    s.expose().as_bytes().to_vec(),
                ),
            }
        };
        ApiV3Key::new(&bytes).map_err(|problem| ConfigError::ApiV3Key { origin, problem })
    }

    /// ssh-style warnings for secrets that group or others can read (cli.md §1).
    pub fn permission_warnings(&self) -> Vec<String> {
        let mut files: Vec<&Path> = vec![&self.private_key_file];
        if let Some(ApiV3KeySource::File(p)) = &self.apiv3_key {
            files.push(p);
        }
        if let Some(ApiV3KeySource::Inline(_)) = &self.apiv3_key {
            files.push(&self.config_path);
        }
        files.into_iter().filter_map(loose_permissions).collect()
    }
}

#[cfg(unix)]
fn loose_permissions(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).ok()?;
    // A device or a pipe is refused when read; its mode says nothing about a secret at rest.
    if !meta.is_file() {
        return None;
    }
    let mode = meta.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} holds a secret and is readable by group/others (mode {mode:04o}); run: chmod 600 {}",
            path.display(),
            path.display()
        )
    })
}

#[cfg(not(unix))]
fn loose_permissions(_path: &Path) -> Option<String> {
    None
}

/// Every `*.pem` certificate in a platform certificate folder.
pub fn load_cert_dir(dir: &Path) -> Result<Vec<Certificate>, ConfigError> {
    Ok(load_cert_files(dir)?.into_iter().map(|(_, c)| c).collect())
}

/// As [`load_cert_dir`], with each certificate's file.
pub fn load_cert_files(dir: &Path) -> Result<Vec<(PathBuf, Certificate)>, ConfigError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => {
            return Err(ConfigError::Read {
                what: "platform certificate folder",
                path: dir.to_path_buf(),
                err,
            });
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pem"))
        .collect();
    paths.sort();
    let mut certs = Vec::new();
    for p in paths {
        let bytes = read("platform certificate", &p)?;
        let cert = Certificate::from_pem(&bytes, &p.display().to_string())?;
        certs.push((p, cert));
    }
    Ok(certs)
}
