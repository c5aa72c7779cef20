//! Key material: PKCS#8 / PKCS#1 PEM private keys, SPKI public keys, X.509 certificates
//! (apiv3.md §1.1 key, §2.5 verifiers, §3 platform certificates).
//!
//! Parsers take bytes plus an `origin` (normally the file path) that every error names; reading
//! the file is the caller's job. RSA is aws-lc-rs (issue 2: ~9× faster than the `rsa` crate here,
//! and free of RUSTSEC-2023-0071).

use std::fmt;
use std::io::Cursor;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::KeyPair;
use aws_lc_rs::signature::{self, KeyPair as _, ParsedPublicKey};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use rustls_pki_types::pem::SectionKind;

/// A key-material problem, naming where the bytes came from.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {problem}")]
pub struct KeyError {
    pub origin: String,
    pub problem: KeyProblem,
}

/// What is wrong with key material, as a sentence a person can act on; [`KeyProblem::hint`] says
/// what to do. Never a Rust `Debug` dump of a parser's error (issue 11).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyProblem {
    #[error("no PEM block found (expected {expected})")]
    NoPem { expected: &'static str },
    #[error("holds {found}, not {expected}")]
    WrongKind {
        found: String,
        expected: &'static str,
    },
    /// PKCS#8 `ENCRYPTED PRIVATE KEY`, or a traditional PEM with `Proc-Type: 4,ENCRYPTED`.
    #[error("this key is encrypted (protected by a passphrase); wxcombine needs it unencrypted")]
    Encrypted,
    /// A `-----BEGIN X-----` without its `-----END X-----` line.
    #[error(
        "the PEM block -----BEGIN {label}----- has no -----END {label}----- line: the file is cut short"
    )]
    Truncated { label: String },
    #[error("the PEM block is damaged: {0}")]
    BadPem(String),
    /// An RSA key under 2048 bits.
    #[error("is an RSA key shorter than 2048 bits{}", bits.map(|b| format!(" ({b} bits)")).unwrap_or_default())]
    TooSmall { bits: Option<usize> },
    /// Another algorithm where RSA belongs: `found` is e.g. "an EC key".
    #[error("holds {found}, not an RSA key")]
    NotRsaKey { found: &'static str },
    #[error("is not a valid RSA key ({0})")]
    NotRsa(String),
    #[error("is not a valid X.509 certificate ({0})")]
    BadCertificate(String),
}

/// WeChat Pay's keys, for the hints (apiv3.md §1.1: SHA256withRSA with the merchant's key).
const RSA_2048_HINT: &str = "WeChat Pay merchant keys are RSA-2048: use apiclient_key.pem as 商户平台 › API安全 issued it (openssl pkey -in FILE -noout -text shows a key's type and size)";

impl KeyProblem {
    /// What the user can do, shown as `hint: …`; `origin` is the file.
    pub fn hint(&self, origin: &str) -> Option<String> {
        match self {
            KeyProblem::Encrypted => Some(format!(
                "decrypt it with `openssl pkey -in {origin} -out apiclient_key.pem` (it asks for the passphrase), then point the profile at the new file and keep it mode 0600"
            )),
            KeyProblem::Truncated { .. } => Some(
                "copy the whole file again, from the -----BEGIN line to the -----END line".into(),
            ),
            KeyProblem::BadPem(_) => Some(
                "a PEM file holds -----BEGIN …----- and -----END …----- lines with Base64 between them; copy the file again as issued".into(),
            ),
            KeyProblem::TooSmall { .. } | KeyProblem::NotRsaKey { .. } => {
                Some(RSA_2048_HINT.into())
            }
            KeyProblem::WrongKind { found, .. } if found == "an EC private key" => {
                Some(RSA_2048_HINT.into())
            }
            _ => None,
        }
    }
}

impl KeyError {
    fn new(origin: &str, problem: KeyProblem) -> Self {
        KeyError {
            origin: origin.to_string(),
            problem,
        }
    }

    /// See [`KeyProblem::hint`].
    pub fn hint(&self) -> Option<String> {
        self.problem.hint(&self.origin)
    }
}

/// An aws-lc key rejection as a problem. aws-lc names its reasons in CamelCase
/// (`TooSmall`, `WrongAlgorithm`, …); those names are for programs, not people.
fn rejected(e: &aws_lc_rs::error::KeyRejected, der: &[u8]) -> KeyProblem {
    match e.to_string().as_str() {
        "TooSmall" => KeyProblem::TooSmall { bits: None },
        "TooLarge" => KeyProblem::NotRsa("its modulus is larger than 8192 bits".into()),
        "WrongAlgorithm" => KeyProblem::NotRsaKey {
            found: algorithm_of(der),
        },
        "InconsistentComponents" => {
            KeyProblem::NotRsa("its numbers do not belong together: the file is damaged".into())
        }
        _ => match algorithm_of(der) {
            "an RSA key" => KeyProblem::NotRsa("the DER inside the PEM block is damaged".into()),
            other => KeyProblem::NotRsaKey { found: other },
        },
    }
}

/// Which algorithm a PKCS#8 or SPKI DER names, by the OID of its AlgorithmIdentifier, which sits
/// in the first few dozen bytes (RFC 5208 §5, RFC 5280 §4.1.2.7).
fn algorithm_of(der: &[u8]) -> &'static str {
    const OIDS: &[(&[u8], &str)] = &[
        // 1.2.840.113549.1.1.1 rsaEncryption
        (
            &[
                0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
            ],
            "an RSA key",
        ),
        // 1.2.840.10045.2.1 id-ecPublicKey
        (
            &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01],
            "an EC key",
        ),
        // 1.3.101.112 / 113 Ed25519 / Ed448
        (&[0x06, 0x03, 0x2b, 0x65, 0x70], "an Ed25519 key"),
        (&[0x06, 0x03, 0x2b, 0x65, 0x71], "an Ed448 key"),
        // 1.2.840.10040.4.1 DSA
        (
            &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01],
            "a DSA key",
        ),
        // 1.2.156.10197.1.301 SM2 (China's national algorithm)
        (
            &[0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d],
            "an SM2 key",
        ),
    ];
    let head = &der[..der.len().min(48)];
    OIDS.iter()
        .find(|(oid, _)| head.windows(oid.len()).any(|w| w == *oid))
        .map(|(_, name)| *name)
        .unwrap_or("a key of another algorithm")
}

/// A PEM parser's error as a sentence.
fn pem_problem(e: rustls_pki_types::pem::Error, pem: &[u8]) -> KeyProblem {
    use rustls_pki_types::pem::Error as E;
    match e {
        E::MissingSectionEnd { .. } => KeyProblem::Truncated {
            label: first_label(pem).unwrap_or_else(|| "…".into()),
        },
        // A traditional encrypted key has `Proc-Type:` and `DEK-Info:` lines inside the block,
        // which are not Base64; caught before parsing, but keep the sentence in case.
        E::Base64Decode(_) => {
            KeyProblem::BadPem("the text between its BEGIN and END lines is not Base64".into())
        }
        E::IllegalSectionStart { .. } => {
            KeyProblem::BadPem("a -----BEGIN line is malformed".into())
        }
        E::SectionTooLarge => KeyProblem::BadPem("a PEM section is far too large".into()),
        E::NoItemsFound => KeyProblem::BadPem("it holds no PEM section".into()),
        _ => KeyProblem::BadPem("it cannot be read as PEM".into()),
    }
}

/// The rsaEncryption OID, standing for "the key is RSA" where the DER has no AlgorithmIdentifier.
const RSA_OID_DER: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
];

/// A traditional (OpenSSL "PEM encryption") key: `Proc-Type: 4,ENCRYPTED` inside the block.
fn is_legacy_encrypted(pem: &[u8]) -> bool {
    pem.windows(b"Proc-Type: 4,ENCRYPTED".len())
        .any(|w| w.eq_ignore_ascii_case(b"Proc-Type: 4,ENCRYPTED"))
}

/// What a PEM file turned out to hold, by its `-----BEGIN …-----` label.
fn describe_label(label: &str) -> String {
    match label {
        "CERTIFICATE" => "a certificate".into(),
        "PUBLIC KEY" | "RSA PUBLIC KEY" => "a public key".into(),
        "PRIVATE KEY" | "RSA PRIVATE KEY" => "a private key".into(),
        "EC PRIVATE KEY" => "an EC private key".into(),
        "CERTIFICATE REQUEST" => "a certificate request".into(),
        other => format!("a '{other}' PEM block"),
    }
}

/// The label of the first `-----BEGIN X-----` line, if any.
fn first_label(pem: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(pem);
    let start = text.find("-----BEGIN ")? + "-----BEGIN ".len();
    let end = text[start..].find("-----")?;
    Some(text[start..start + end].to_string())
}

/// The error when a file holds no PEM section of the expected kind: it names what the file holds
/// instead (its first `BEGIN` label), or says it holds no PEM at all.
fn not_found(pem: &[u8], origin: &str, expected: &'static str) -> KeyError {
    let problem = match first_label(pem) {
        Some(label) => KeyProblem::WrongKind {
            found: describe_label(&label),
            expected,
        },
        None => KeyProblem::NoPem { expected },
    };
    KeyError::new(origin, problem)
}

/// All PEM sections of the kinds rustls-pki-types knows, in file order.
fn sections(pem: &[u8], origin: &str) -> Result<Vec<(SectionKind, Vec<u8>)>, KeyError> {
    let mut rd = Cursor::new(pem);
    let mut out = Vec::new();
    loop {
        match rustls_pki_types::pem::from_buf(&mut rd) {
            Ok(Some(section)) => out.push(section),
            Ok(None) => return Ok(out),
            Err(e) => return Err(KeyError::new(origin, pem_problem(e, pem))),
        }
    }
}

/// A merchant private key (RSA, for SHA256withRSA: apiv3.md §1.1, §5).
pub struct PrivateKey {
    pair: KeyPair,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PrivateKey((redacted))")
    }
}

impl PrivateKey {
    /// Parse a PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`) PEM.
    pub fn from_pem(pem: &[u8], origin: &str) -> Result<Self, KeyError> {
        const EXPECTED: &str =
            "a private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)";
        if first_label(pem).as_deref() == Some("ENCRYPTED PRIVATE KEY") || is_legacy_encrypted(pem)
        {
            return Err(KeyError::new(origin, KeyProblem::Encrypted));
        }
        let secs = sections(pem, origin)?;
        for (kind, der) in &secs {
            match kind {
                SectionKind::PrivateKey => return Self::from_pkcs8_der(der, origin),
                SectionKind::RsaPrivateKey => {
                    // PKCS#1 is RSA by definition: only size or damage can be wrong.
                    let pair = KeyPair::from_der(der)
                        .map_err(|e| KeyError::new(origin, rejected(&e, RSA_OID_DER)))?;
                    return Ok(PrivateKey { pair });
                }
                _ => {}
            }
        }
        Err(not_found(pem, origin, EXPECTED))
    }

    /// Parse an unencrypted PKCS#8 DER RSA key.
    pub fn from_pkcs8_der(der: &[u8], origin: &str) -> Result<Self, KeyError> {
        let pair =
            KeyPair::from_pkcs8(der).map_err(|e| KeyError::new(origin, rejected(&e, der)))?;
        Ok(PrivateKey { pair })
    }

    /// The PKCS#8 DER of this key (the sandbox persists its generated keys this way).
    pub fn to_pkcs8_der(&self) -> Vec<u8> {
        // `as_der` can only fail on allocation inside aws-lc.
        AsDer::<aws_lc_rs::encoding::Pkcs8V1Der>::as_der(&self.pair)
            .map(|d| d.as_ref().to_vec())
            .expect("aws-lc could not encode an RSA key it holds")
    }

    /// Wrap an aws-lc-rs key pair (used by the sandbox after generating one).
    pub fn from_key_pair(pair: KeyPair) -> Self {
        PrivateKey { pair }
    }

    /// SHA256withRSA (RSASSA-PKCS1-v1_5, apiv3.md §1.1) over `message`, Base64 encoded.
    pub fn sign_base64(&self, message: &[u8]) -> String {
        B64.encode(self.sign(message))
    }

    /// SHA256withRSA over `message`: the raw 256-byte signature for a 2048-bit key.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        let mut sig = vec![0u8; self.pair.public_modulus_len()];
        // PKCS#1 v1.5 is deterministic; aws-lc-rs ignores the RNG argument for it, so this stays pure.
        let rng = aws_lc_rs::rand::SystemRandom::new();
        self.pair
            .sign(&signature::RSA_PKCS1_SHA256, &rng, message, &mut sig)
            .expect("RSA signing with a validated key cannot fail");
        sig
    }

    /// The public half, for `--verify` and for matching against a certificate.
    pub fn public_key(&self) -> PublicKey {
        let spki = AsDer::<aws_lc_rs::encoding::PublicKeyX509Der>::as_der(self.pair.public_key())
            .expect("aws-lc could not encode a public key it holds");
        PublicKey::from_spki_der(spki.as_ref(), "the merchant private key")
            .expect("a key pair's own public key parses")
    }

    /// Modulus size in bits.
    pub fn bits(&self) -> usize {
        self.pair.public_modulus_len() * 8
    }
}

/// An RSA public key used to verify SHA256withRSA signatures (apiv3.md §2).
#[derive(Clone)]
pub struct PublicKey {
    spki_der: Vec<u8>,
    parsed: ParsedPublicKey,
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({} bytes SPKI)", self.spki_der.len())
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.spki_der == other.spki_der
    }
}

impl PublicKey {
    /// Parse a `BEGIN PUBLIC KEY` (SPKI) PEM, as the WeChat Pay public key is published.
    pub fn from_pem(pem: &[u8], origin: &str) -> Result<Self, KeyError> {
        const EXPECTED: &str = "a public key (-----BEGIN PUBLIC KEY-----)";
        for (kind, der) in sections(pem, origin)? {
            if kind == SectionKind::PublicKey {
                return Self::from_spki_der(&der, origin);
            }
        }
        Err(not_found(pem, origin, EXPECTED))
    }

    /// Parse SubjectPublicKeyInfo DER.
    pub fn from_spki_der(der: &[u8], origin: &str) -> Result<Self, KeyError> {
        let parsed = ParsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, der)
            .map_err(|e| KeyError::new(origin, rejected(&e, der)))?;
        Ok(PublicKey {
            spki_der: der.to_vec(),
            parsed,
        })
    }

    /// True when `signature` is a valid SHA256withRSA signature of `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        self.parsed.verify_sig(message, signature).is_ok()
    }

    pub fn spki_der(&self) -> &[u8] {
        &self.spki_der
    }

    /// The SPKI as a `BEGIN PUBLIC KEY` PEM.
    pub fn to_pem(&self) -> String {
        pem_encode("PUBLIC KEY", &self.spki_der)
    }
}

/// An X.509 certificate: merchant API certificate or WeChat Pay platform certificate.
#[derive(Clone, Debug)]
pub struct Certificate {
    /// Upper-case hex of the serial number without leading zeros, as the SDKs print it
    /// (Go `fmt.Sprintf("%X", cert.SerialNumber)`), e.g. `D7CE59D1F522D701`.
    pub serial: String,
    pub subject: String,
    pub not_before: i64,
    pub not_after: i64,
    pub public_key: PublicKey,
    pub der: Vec<u8>,
}

impl Certificate {
    /// Parse the first `BEGIN CERTIFICATE` block.
    pub fn from_pem(pem: &[u8], origin: &str) -> Result<Self, KeyError> {
        const EXPECTED: &str = "a certificate (-----BEGIN CERTIFICATE-----)";
        for (kind, der) in sections(pem, origin)? {
            if kind == SectionKind::Certificate {
                return Self::from_der(&der, origin);
            }
        }
        Err(not_found(pem, origin, EXPECTED))
    }

    pub fn from_der(der: &[u8], origin: &str) -> Result<Self, KeyError> {
        let bad = |m: String| KeyError::new(origin, KeyProblem::BadCertificate(m));
        let (_, cert) = x509_parser::parse_x509_certificate(der).map_err(|e| bad(e.to_string()))?;
        let serial = cert.tbs_certificate.serial.to_str_radix(16).to_uppercase();
        let validity = cert.validity();
        let public_key = PublicKey::from_spki_der(cert.public_key().raw, origin)?;
        Ok(Certificate {
            serial,
            subject: cert.subject().to_string(),
            not_before: validity.not_before.timestamp(),
            not_after: validity.not_after.timestamp(),
            public_key,
            der: der.to_vec(),
        })
    }

    /// True when `now` (Unix seconds) lies inside the validity period.
    pub fn valid_at(&self, now: i64) -> bool {
        self.not_before <= now && now <= self.not_after
    }

    pub fn to_pem(&self) -> String {
        pem_encode("CERTIFICATE", &self.der)
    }
}

/// PEM text with 64-column Base64 lines.
pub fn pem_encode(label: &str, der: &[u8]) -> String {
    let b64 = B64.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}
