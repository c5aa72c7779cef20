//! `notify decrypt --raw FILE`: a raw HTTP capture → headers and body → verify, age, envelope,
//! decrypt (apiv3.md §2, §4, §7). Property: never panics; a body with a Content-Length is exactly
//! that many bytes of the capture.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use wxcombine::api::notification::{OpenRules, open, parse_raw_request, signed_headers};
use wxcombine::signing::{ApiV3Key, Certificate, PublicKey, Verifier};

/// `now` of the derived notification vector (tests/fixtures/signing/notification/derived_combine).
const NOW: i64 = 1_554_209_980;

struct Keys {
    verifier: Verifier,
    key: ApiV3Key,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let cert = Certificate::from_pem(
            include_bytes!("../../tests/fixtures/keys/go_sdk_test_cert_F5765756002FDD77.pem"),
            "go_sdk_test_cert_F5765756002FDD77.pem",
        )
        .expect("fixture certificate");
        let public = PublicKey::from_pem(
            include_bytes!("../../tests/fixtures/keys/go_sdk_test_public_key.pem"),
            "go_sdk_test_public_key.pem",
        )
        .expect("fixture public key");
        Keys {
            verifier: Verifier::new()
                .with_public_key("PUB_KEY_ID_0114232134912410000000000000", public)
                .with_certificate(cert),
            key: ApiV3Key::new(b"a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").expect("32 bytes"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok((pairs, body)) = parse_raw_request(data) else {
        return;
    };
    assert!(body.len() <= data.len());
    let headers = signed_headers(&pairs);
    let k = keys();
    // Verified, as `notify decrypt` runs by default; then unverified (`--no-verify`), so the
    // envelope and the decryption are reached with bodies the fuzzer cannot sign.
    for (verify, max_age) in [(true, Some(300)), (false, None), (false, Some(60))] {
        let rules = OpenRules {
            verify,
            max_age,
            now: NOW,
        };
        if let Ok(opened) = open(&headers, &body, Some(&k.verifier), &k.key, rules) {
            assert!(serde_json::from_slice::<serde_json::Value>(&opened.plaintext).is_ok());
        }
    }
});
