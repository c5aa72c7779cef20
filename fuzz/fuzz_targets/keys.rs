//! PEM and certificate loading (apiv3.md §1.1, §2.5, §3): private keys, public keys,
//! certificates from PEM, certificates from DER.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wxcombine::signing::{Certificate, PrivateKey, PublicKey};

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = PrivateKey::from_pem(data, "fuzz") {
        let _ = key.bits();
        // A key that loads signs and verifies with its own public half.
        let sig = key.sign(b"fuzz");
        assert!(key.public_key().verify(b"fuzz", &sig));
    }
    if let Ok(key) = PublicKey::from_pem(data, "fuzz") {
        let again = PublicKey::from_pem(key.to_pem().as_bytes(), "again").expect("round trip");
        assert_eq!(again, key);
    }
    if let Ok(cert) = Certificate::from_pem(data, "fuzz") {
        let again = Certificate::from_pem(cert.to_pem().as_bytes(), "again").expect("round trip");
        assert_eq!(again.serial, cert.serial);
        let _ = cert.valid_at(0);
    }
    if let Ok(cert) = Certificate::from_der(data, "fuzz") {
        assert_eq!(cert.der, data);
        let _ = cert.valid_at(i64::MAX);
    }
    let _ = PrivateKey::from_pkcs8_der(data, "fuzz");
    let _ = PublicKey::from_spki_der(data, "fuzz");
});
