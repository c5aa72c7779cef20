//! Every applicable vector from the official docs and SDKs, one fixture folder per case
//! (aws-sigv4 style): each step's intermediate is checked, so a failure names the step that broke.

use std::fs;

use wxcombine::signing::authorization::{Authorization, RequestSigner, SCHEME};
use wxcombine::signing::keys::{Certificate, PrivateKey, PublicKey};
use wxcombine::signing::message::{request_message, response_message};
use wxcombine::signing::verify::{
    MAX_SKEW_SECS, SignedHeaders, Verifier, VerifyError, check_timestamp,
};

/// The derived vectors are dated 2019, before the Go test certificates' validity (2021–2031), so
/// these tests run the signature and time-window steps and leave the certificate dates to
/// `certificate_dates_are_checked`.
fn verify_at(v: &Verifier, h: &SignedHeaders, body: &[u8], now: i64) -> Result<(), VerifyError> {
    v.verify_signature(h, body)?;
    check_timestamp(&h.timestamp, now, MAX_SKEW_SECS)?;
    Ok(())
}
use wxcombine::signing::{ApiV3Key, DecryptError, paysign};

use crate::harness::{fixture, read_fixture, read_fixture_str};

fn case_dirs(kind: &str) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(fixture(&format!("signing/{kind}")))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no cases under signing/{kind}");
    v
}

fn field(kind: &str, case: &str, name: &str) -> String {
    read_fixture_str(&format!("signing/{kind}/{case}/{name}"))
}

fn bytes(kind: &str, case: &str, name: &str) -> Vec<u8> {
    read_fixture(&format!("signing/{kind}/{case}/{name}"))
}

fn private_key(name: &str) -> PrivateKey {
    PrivateKey::from_pem(&read_fixture(&format!("keys/{name}")), name).unwrap()
}

fn cert(name: &str) -> Certificate {
    Certificate::from_pem(&read_fixture(&format!("keys/{name}")), name).unwrap()
}

fn go_public_key() -> PublicKey {
    PublicKey::from_pem(
        &read_fixture("keys/go_sdk_test_public_key.pem"),
        "go_sdk_test_public_key.pem",
    )
    .unwrap()
}

#[test]
fn request_signatures_step_by_step() {
    let cases = case_dirs("request");
    assert_eq!(
        cases.len(),
        8,
        "7 derived combine cases + the official doc example"
    );
    for case in cases {
        let f = |n: &str| field("request", &case, n);
        let key = private_key(&f("key"));
        // Step 1: the message.
        let message = request_message(
            &f("method"),
            &f("canonical_url"),
            &f("timestamp"),
            &f("nonce"),
            &bytes("request", &case, "body"),
        );
        assert_eq!(
            message,
            bytes("request", &case, "message"),
            "{case}: message"
        );
        // Step 2: the signature.
        assert_eq!(
            key.sign_base64(&message),
            f("signature"),
            "{case}: signature"
        );
        // Step 3: the header, and the signer doing all three.
        let mchid = f("mchid");
        let serial = f("serial_no");
        let signed = RequestSigner {
            mchid: &mchid,
            serial_no: &serial,
            key: &key,
        }
        .sign(
            &f("method"),
            &f("canonical_url"),
            &f("timestamp"),
            &f("nonce"),
            &bytes("request", &case, "body"),
        );
        assert_eq!(signed.message, message, "{case}: signer message");
        if let Ok(expected) =
            fs::read_to_string(fixture(&format!("signing/request/{case}/authorization")))
        {
            assert_eq!(
                signed.authorization.to_header(),
                expected,
                "{case}: Authorization header"
            );
            // The sandbox side: parse it back.
            assert_eq!(
                Authorization::parse(&expected).unwrap(),
                signed.authorization,
                "{case}: parse"
            );
        }
        // And the public half verifies it.
        let sig = base64_decode(&f("signature"));
        assert!(key.public_key().verify(&message, &sig), "{case}: verify");
    }
}

#[test]
fn go_sdk_authorization_layout() {
    // wechatpay-go's credential test uses a mock signer returning "Sign:"+message and the scheme
    // WECHATPAY2-Mock; our header must have the same field order and quoting.
    let v: serde_json::Value =
        serde_json::from_slice(&read_fixture("vectors/sdk_vectors.json")).unwrap();
    for c in v["go_credential_mock_authorization"]["cases"]
        .as_array()
        .unwrap()
    {
        let s = |k: &str| {
            c[k].as_str()
                .map(str::to_string)
                .unwrap_or_else(|| c[k].to_string())
        };
        let message = request_message(
            &s("method"),
            &s("canonical_url"),
            &s("timestamp"),
            &s("nonce"),
            s("body").as_bytes(),
        );
        let auth = Authorization {
            mchid: s("mchid"),
            nonce_str: s("nonce"),
            timestamp: s("timestamp"),
            serial_no: s("serial_no"),
            signature: format!("Sign:{}", String::from_utf8(message).unwrap()),
        };
        let header = auth.to_header().replacen(SCHEME, "WECHATPAY2-Mock", 1);
        assert_eq!(header, s("expected"));
    }
}

#[test]
fn go_sdk_sign_source() {
    let v: serde_json::Value =
        serde_json::from_slice(&read_fixture("vectors/sdk_vectors.json")).unwrap();
    let key = private_key("go_sdk_test_private_key.pkcs8.pem");
    assert_eq!(
        key.sign_base64(b"source"),
        v["go_sign_source"]["signature"].as_str().unwrap()
    );
}

#[test]
fn pay_signatures_step_by_step() {
    for case in case_dirs("paysign") {
        let f = |n: &str| field("paysign", &case, n);
        let key = private_key(&f("key"));
        let message = match f("variant").as_str() {
            "jsapi" => {
                paysign::jsapi_message(&f("appid"), &f("timestamp"), &f("nonce"), &f("prepay_id"))
            }
            "app" => {
                paysign::app_message(&f("appid"), &f("timestamp"), &f("nonce"), &f("prepay_id"))
            }
            other => panic!("{case}: unknown variant {other}"),
        };
        assert_eq!(
            message,
            bytes("paysign", &case, "message"),
            "{case}: message"
        );
        assert_eq!(
            paysign::sign(&key, &message),
            f("signature"),
            "{case}: paySign"
        );
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

#[test]
fn response_signatures_verify_with_certificate_and_public_key() {
    for case in case_dirs("response") {
        let f = |n: &str| field("response", &case, n);
        let body = bytes("response", &case, "body");
        // Step 1: the message over the raw body (empty for 204).
        let message = response_message(&f("timestamp"), &f("nonce"), &body);
        assert_eq!(
            message,
            bytes("response", &case, "message"),
            "{case}: message"
        );
        // Step 2: the signing key reproduces the signature (PKCS#1 v1.5 is deterministic).
        assert_eq!(
            private_key(&f("signing_key")).sign_base64(&message),
            f("signature"),
            "{case}: signature"
        );
        // Step 3: verification, choosing the key by serial, in each mode.
        let now: i64 = f("timestamp").parse().unwrap();
        let pubkey_id = "PUB_KEY_ID_0114232134912410000000000000000001";
        let verifiers = [
            (
                "F5765756002FDD77",
                Verifier::new().with_certificate(cert("go_sdk_test_cert_F5765756002FDD77.pem")),
            ),
            (
                "D7CE59D1F522D701",
                Verifier::new().with_certificate(cert("go_sdk_test_cert_D7CE59D1F522D701.pem")),
            ),
            (
                pubkey_id,
                Verifier::new().with_public_key(pubkey_id, go_public_key()),
            ),
        ];
        for (serial, verifier) in &verifiers {
            let headers = SignedHeaders {
                timestamp: f("timestamp"),
                nonce: f("nonce"),
                signature: f("signature"),
                serial: serial.to_string(),
            };
            verify_at(verifier, &headers, &body, now)
                .unwrap_or_else(|e| panic!("{case} with {serial}: {e}"));
            // A body with one byte more must not verify.
            let mut tampered = body.clone();
            tampered.push(b' ');
            assert!(
                matches!(
                    verify_at(verifier, &headers, &tampered, now),
                    Err(VerifyError::Mismatch { .. })
                ),
                "{case} with {serial}: tampered body verified"
            );
        }
    }
}

#[test]
fn mixed_mode_picks_the_key_by_serial() {
    let body = bytes("response", "combine_jsapi_prepay_200", "body");
    let f = |n: &str| field("response", "combine_jsapi_prepay_200", n);
    let now: i64 = f("timestamp").parse().unwrap();
    let id = "PUB_KEY_ID_0114232134912410000000000000000001";
    // Certificate of a different key + the right public key: only the PUB_KEY_ID serial verifies.
    let mixed = Verifier::new()
        .with_public_key(id, go_public_key())
        .with_certificate(cert("java_sdk_download_certificate_plaintext_5DEA10EF.pem"));
    let mut h = SignedHeaders {
        timestamp: f("timestamp"),
        nonce: f("nonce"),
        signature: f("signature"),
        serial: id.into(),
    };
    verify_at(&mixed, &h, &body, now).unwrap();
    h.serial = "5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC".into();
    assert!(matches!(
        verify_at(&mixed, &h, &body, now),
        Err(VerifyError::Mismatch { .. })
    ));
    h.serial = "F5765756002FDD77".into();
    match verify_at(&mixed, &h, &body, now) {
        Err(VerifyError::UnknownSerial { known, .. }) => {
            assert_eq!(
                known,
                vec![
                    id.to_string(),
                    "5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC".to_string()
                ]
            );
        }
        other => panic!("expected an unknown serial, got {other:?}"),
    }
}

#[test]
fn time_window_and_signtest_are_enforced() {
    let body = bytes("response", "combine_close_204", "body");
    let f = |n: &str| field("response", "combine_close_204", n);
    let ts: i64 = f("timestamp").parse().unwrap();
    let v = Verifier::new().with_certificate(cert("go_sdk_test_cert_F5765756002FDD77.pem"));
    let h = SignedHeaders {
        timestamp: f("timestamp"),
        nonce: f("nonce"),
        signature: f("signature"),
        serial: "F5765756002FDD77".into(),
    };
    verify_at(&v, &h, &body, ts + 299).unwrap();
    verify_at(&v, &h, &body, ts - 299).unwrap();
    assert!(matches!(
        verify_at(&v, &h, &body, ts + 300),
        Err(VerifyError::Stale { skew: 300, .. })
    ));
    assert!(matches!(
        verify_at(&v, &h, &body, ts - 301),
        Err(VerifyError::Stale { .. })
    ));
    // A probe fails whatever follows the prefix, even a valid signature.
    let probe = SignedHeaders {
        signature: format!("WECHATPAY/SIGNTEST/{}", f("signature")),
        ..h.clone()
    };
    assert_eq!(verify_at(&v, &probe, &body, ts), Err(VerifyError::SignTest));
    // Missing headers are named.
    let missing = SignedHeaders {
        serial: String::new(),
        ..h
    };
    assert_eq!(
        verify_at(&v, &missing, &body, ts),
        Err(VerifyError::MissingHeader("Wechatpay-Serial"))
    );
}

#[test]
fn combine_notification_verifies_and_decrypts() {
    let case = "derived_combine";
    let f = |n: &str| field("notification", case, n);
    let body = bytes("notification", case, "body");
    assert_eq!(
        response_message(&f("timestamp"), &f("nonce"), &body),
        bytes("notification", case, "message")
    );
    let now: i64 = f("now").parse().unwrap();
    let headers = SignedHeaders {
        timestamp: f("timestamp"),
        nonce: f("nonce"),
        signature: f("signature"),
        serial: f("serial"),
    };
    verify_at(
        &Verifier::new().with_certificate(cert(&f("verify_with"))),
        &headers,
        &body,
        now,
    )
    .unwrap();
    let id = "PUB_KEY_ID_0114232134912410000000000000000001";
    let by_pubkey = SignedHeaders {
        serial: id.into(),
        ..headers.clone()
    };
    Verifier::new()
        .with_public_key(id, go_public_key())
        .verify(&by_pubkey, &body, now)
        .unwrap();
    // A public key has no dates, so the full check passes even in 2019.

    let envelope: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let r = &envelope["resource"];
    let key = ApiV3Key::new(f("apiv3_key").as_bytes()).unwrap();
    let plain = key
        .decrypt(
            r["nonce"].as_str().unwrap(),
            r["associated_data"].as_str().unwrap(),
            r["ciphertext"].as_str().unwrap(),
        )
        .unwrap();
    assert_eq!(plain, bytes("notification", case, "plaintext"));
}

#[test]
fn go_notify_verifies_but_its_16_byte_key_is_refused() {
    let case = "go_notify";
    let f = |n: &str| field("notification", case, n);
    let body = bytes("notification", case, "body");
    assert_eq!(
        response_message(&f("timestamp"), &f("nonce"), &body),
        bytes("notification", case, "message")
    );
    let now: i64 = f("now").parse().unwrap();
    let headers = SignedHeaders {
        timestamp: f("timestamp"),
        nonce: f("nonce"),
        signature: f("signature"),
        serial: f("serial"),
    };
    // The Go test pins now to the timestamp, inside the certificate's validity: the full check.
    Verifier::new()
        .with_certificate(cert(&f("verify_with")))
        .verify(&headers, &body, now)
        .unwrap();
    let err = ApiV3Key::new(f("apiv3_key").as_bytes()).unwrap_err();
    assert_eq!(err, DecryptError::KeyLength(16));
    let msg = err.to_string();
    assert!(
        msg.contains("16 bytes") && msg.contains("exactly 32") && msg.contains("AES-128"),
        "{msg}"
    );
}

#[test]
fn aes_gcm_vectors() {
    let v: serde_json::Value =
        serde_json::from_slice(&read_fixture("vectors/sdk_vectors.json")).unwrap();
    let j = &v["java_aes_gcm"];
    let s = |k: &str| j[k].as_str().unwrap();
    let key = ApiV3Key::new(s("key").as_bytes()).unwrap();
    assert_eq!(
        key.decrypt(s("nonce"), s("associated_data"), s("ciphertext_b64"))
            .unwrap(),
        s("plaintext").as_bytes()
    );
    assert_eq!(
        key.encrypt(s("nonce"), s("associated_data"), s("plaintext").as_bytes())
            .unwrap(),
        s("ciphertext_b64")
    );
    // One flipped ciphertext bit is a tag mismatch, not garbage plaintext.
    let mut ct = base64_decode(s("ciphertext_b64"));
    ct[0] ^= 1;
    use base64::Engine as _;
    let flipped = base64::engine::general_purpose::STANDARD.encode(ct);
    assert_eq!(
        key.decrypt(s("nonce"), s("associated_data"), &flipped),
        Err(DecryptError::TagMismatch)
    );

    // The Go vector uses a 16-byte key (AES-128-GCM): refused.
    let g = &v["go_aes_gcm_16byte_key"];
    assert_eq!(
        wxcombine::signing::aead::decrypt(
            g["key"].as_str().unwrap().as_bytes(),
            g["nonce"].as_str().unwrap(),
            g["associated_data"].as_str().unwrap(),
            g["ciphertext_b64"].as_str().unwrap()
        ),
        Err(DecryptError::KeyLength(16))
    );
    // The axios vector uses a 16-byte IV; WeChat Pay nonces are 12 bytes: refused, named.
    let a = &v["axios_aes_gcm_16byte_iv"];
    let akey = ApiV3Key::new(a["key"].as_str().unwrap().as_bytes()).unwrap();
    let c = &a["cases"][1];
    assert_eq!(
        akey.decrypt(
            a["iv"].as_str().unwrap(),
            c["aad"].as_str().unwrap(),
            c["ciphertext_b64"].as_str().unwrap()
        ),
        Err(DecryptError::NonceLength(16))
    );
}

#[test]
fn certificate_download_vector_decrypts_to_the_real_platform_certificate() {
    let v: serde_json::Value = serde_json::from_slice(&read_fixture(
        "vectors/java_sdk_download_certificate_response.json",
    ))
    .unwrap();
    let entry = &v["data"][0];
    let e = &entry["encrypt_certificate"];
    let key = ApiV3Key::new(b"a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").unwrap();
    let pem = key
        .decrypt(
            e["nonce"].as_str().unwrap(),
            e["associated_data"].as_str().unwrap(),
            e["ciphertext"].as_str().unwrap(),
        )
        .unwrap();
    assert_eq!(
        pem,
        read_fixture("keys/java_sdk_download_certificate_plaintext_5DEA10EF.pem")
    );
    let c = Certificate::from_pem(&pem, "decrypted").unwrap();
    assert_eq!(c.serial, entry["serial_no"].as_str().unwrap());
    assert_eq!(c.serial, "5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC");
    assert!(c.subject.contains("Tenpay.com sign"), "{}", c.subject);

    // The Go vector's key is 16 bytes: refused with the clear message.
    let g: serde_json::Value = serde_json::from_slice(&read_fixture(
        "vectors/go_sdk_download_certificates_response.json",
    ))
    .unwrap();
    assert!(g["data"][0]["encrypt_certificate"]["ciphertext"].is_string());
    assert_eq!(
        ApiV3Key::new(b"mockAPIv3Key1234").unwrap_err(),
        DecryptError::KeyLength(16)
    );
}

#[test]
fn certificate_serials_are_upper_case_hex() {
    let cases = [
        ("go_sdk_test_cert_F5765756002FDD77.pem", "F5765756002FDD77"),
        ("go_sdk_test_cert_D7CE59D1F522D701.pem", "D7CE59D1F522D701"),
        (
            "java_sdk_merchant_certificate.pem",
            "5F1C72E2A8931B72A2E13AF8DEE92471EB397115",
        ),
        (
            "java_sdk_wechat_pay_certificate.pem",
            "440024045C4A427599D09BB4E3DE0279F2E813FD",
        ),
        ("axios_plugin_apiclient_cert.pem", "898DBAD30F416EC7"),
        ("axios_plugin_apiserver_cert.pem", "BE2A2344B984167B"),
        (
            "java_sdk_download_certificate_plaintext_5DEA10EF.pem",
            "5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC",
        ),
    ];
    for (file, serial) in cases {
        assert_eq!(cert(file).serial, serial, "{file}");
    }
}

#[test]
fn key_pairs_match_across_files() {
    // The README's fingerprints: cert and key files of one pair share a public key.
    let pairs = [
        (
            "go_sdk_test_private_key.pkcs8.pem",
            "go_sdk_test_cert_F5765756002FDD77.pem",
        ),
        (
            "java_sdk_merchant_private_key.pem",
            "java_sdk_merchant_certificate.pem",
        ),
        (
            "java_sdk_wechat_pay_private_key.pem",
            "java_sdk_wechat_pay_certificate.pem",
        ),
        (
            "axios_plugin_apiclient_key.pem",
            "axios_plugin_apiclient_cert.pem",
        ),
    ];
    for (key, c) in pairs {
        assert_eq!(
            private_key(key).public_key(),
            cert(c).public_key,
            "{key} vs {c}"
        );
    }
    assert_eq!(
        private_key("go_sdk_test_private_key.pkcs8.pem").public_key(),
        go_public_key()
    );
    assert_ne!(
        private_key("official_doc_test_key.pkcs1.pem").public_key(),
        go_public_key()
    );
}

#[test]
fn certificate_dates_are_checked() {
    let f = |n: &str| field("notification", "go_notify", n);
    let body = bytes("notification", "go_notify", "body");
    let headers = SignedHeaders {
        timestamp: f("timestamp"),
        nonce: f("nonce"),
        signature: f("signature"),
        serial: f("serial"),
    };
    let c = cert("go_sdk_test_cert_D7CE59D1F522D701.pem");
    let after = c.not_after + 10;
    let v = Verifier::new().with_certificate(c);
    v.verify_signature(&headers, &body).unwrap();
    assert!(matches!(
        v.check_validity(&headers.serial, after),
        Err(VerifyError::CertificateNotValid { .. })
    ));
    // The derived 2019 vector is signed before this certificate existed: the full check refuses.
    let d = |n: &str| field("response", "combine_close_204", n);
    let h = SignedHeaders {
        timestamp: d("timestamp"),
        nonce: d("nonce"),
        signature: d("signature"),
        serial: "D7CE59D1F522D701".into(),
    };
    let now: i64 = d("timestamp").parse().unwrap();
    assert!(matches!(
        v.verify(&h, b"", now),
        Err(VerifyError::CertificateNotValid { .. })
    ));
}
