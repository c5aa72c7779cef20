//! Regressions from fuzzing and the property tests (issue 7), and a replay of the committed fuzz
//! corpora (`fuzz/corpus/TARGET/`) through the same entry points as the fuzz targets, so CI keeps
//! every input the fuzzers found interesting panic-free on the stable toolchain, without libFuzzer.

use std::path::{Path, PathBuf};

use time::macros::datetime;
use wxcombine::api::Scene;
use wxcombine::api::notification::{
    OpenRules, open, parse_header_lines, parse_raw_request, signed_headers,
};
use wxcombine::bill::BillReader;
use wxcombine::config::ConfigFile;
use wxcombine::sandbox::{check_close_request, check_prepay_body};
use wxcombine::signing::{ApiV3Key, Authorization, Certificate, PrivateKey, PublicKey, Verifier};

use crate::harness::bills::gzip;
use crate::harness::{TestEnv, read_fixture, read_fixture_str, stderr, stdout};

/// Every file of one target's corpus, sorted.
fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    // A fuzzer running in this checkout replaces corpus files as it reduces them: one that is gone
    // by the time it is read is skipped, anything else is a failure.
    files
        .into_iter()
        .filter_map(|p| match std::fs::read(&p) {
            Ok(bytes) => Some((p, bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => panic!("{}: {e}", p.display()),
        })
        .collect()
}

/// An error message must say something.
fn said(e: impl std::fmt::Display, input: &Path) {
    assert!(
        !e.to_string().trim().is_empty(),
        "{}: empty error",
        input.display()
    );
}

#[test]
fn authorization_corpus_replays_cleanly() {
    for (path, bytes) in corpus("authorization") {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        match Authorization::parse(text) {
            Ok(a) => assert_eq!(Authorization::parse(&a.to_header()).unwrap(), a),
            Err(e) => said(e, &path),
        }
    }
}

fn notify_keys() -> (Verifier, ApiV3Key) {
    let cert = Certificate::from_pem(
        &read_fixture("keys/go_sdk_test_cert_F5765756002FDD77.pem"),
        "cert",
    )
    .unwrap();
    let key = ApiV3Key::new(
        read_fixture_str("signing/notification/derived_combine/apiv3_key")
            .trim()
            .as_bytes(),
    )
    .unwrap();
    (Verifier::new().with_certificate(cert), key)
}

const NOTIFY_NOW: i64 = 1_554_209_980;

#[test]
fn notification_corpora_replay_cleanly() {
    let (verifier, key) = notify_keys();
    let open_all = |pairs: &[(String, String)], body: &[u8], path: &Path| {
        let headers = signed_headers(pairs);
        for verify in [true, false] {
            let rules = OpenRules {
                verify,
                max_age: None,
                now: NOTIFY_NOW,
            };
            if let Err(e) = open(&headers, body, Some(&verifier), &key, rules) {
                said(e, path);
            }
        }
    };
    for (path, bytes) in corpus("notify_raw") {
        match parse_raw_request(&bytes) {
            Ok((pairs, body)) => open_all(&pairs, &body, &path),
            Err(e) => said(e, &path),
        }
    }
    for (path, bytes) in corpus("notify_headers") {
        let (head, body) = match bytes.iter().position(|&b| b == 0) {
            Some(i) => (&bytes[..i], &bytes[i + 1..]),
            None => (&bytes[..], &b""[..]),
        };
        let Ok(text) = std::str::from_utf8(head) else {
            continue;
        };
        open_all(&parse_header_lines(text), body, &path);
    }
}

#[test]
fn bill_corpus_replays_cleanly() {
    for (path, bytes) in corpus("bill") {
        let Some((&flag, rest)) = bytes.split_first() else {
            continue;
        };
        let input = if flag & 1 == 1 {
            gzip(rest)
        } else {
            rest.to_vec()
        };
        let mut bill = match BillReader::new(input.as_slice()) {
            Ok(b) => b,
            Err(e) => {
                said(e, &path);
                continue;
            }
        };
        for record in &mut bill {
            if let Err(e) = record {
                said(e, &path);
            }
        }
        if let Err(e) = bill.check() {
            said(e, &path);
        }
    }
}

#[test]
fn config_corpus_replays_cleanly() {
    for (path, bytes) in corpus("config") {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Err(e) = ConfigFile::parse(text, Path::new("/fuzz/wxcombine/config.toml")) {
            said(e, &path);
        }
    }
}

#[test]
fn keys_corpus_replays_cleanly() {
    for (path, bytes) in corpus("keys") {
        let origin = path.display().to_string();
        if let Ok(key) = PrivateKey::from_pem(&bytes, &origin) {
            assert!(key.public_key().verify(b"m", &key.sign(b"m")));
        }
        let results = [
            PublicKey::from_pem(&bytes, &origin).map(drop),
            Certificate::from_pem(&bytes, &origin).map(drop),
            Certificate::from_der(&bytes, &origin).map(drop),
        ];
        for e in results.into_iter().filter_map(Result::err) {
            // Every key error names where the bytes came from.
            assert!(e.to_string().starts_with(&origin), "{e}");
        }
    }
}

#[test]
fn sandbox_body_corpus_replays_cleanly() {
    let now = datetime!(2019-04-02 12:00:00 +08:00);
    let scenes = [Scene::Jsapi, Scene::App, Scene::H5, Scene::Native];
    for (path, bytes) in corpus("sandbox_body") {
        let Some((&sel, body)) = bytes.split_first() else {
            continue;
        };
        let refused = match sel % 6 {
            s @ 0..=3 => check_prepay_body(scenes[s as usize], body, now).err(),
            4 => check_close_request("P20150806125346", body).err(),
            _ => {
                let (no, body) = match body.iter().position(|&b| b == b'\n') {
                    Some(i) => (&body[..i], &body[i + 1..]),
                    None => (body, &b""[..]),
                };
                let Ok(no) = std::str::from_utf8(no) else {
                    continue;
                };
                check_close_request(no, body).err()
            }
        };
        if let Some(f) = refused {
            assert_eq!((f.status, f.code), (400, "PARAM_ERROR"), "{path:?}");
            assert!(!f.message.is_empty());
        }
    }
}

/// Found by the `raw_request_returns_its_body_byte_for_byte` proptest: an LF-only capture whose
/// body ends in `\r\n\r\n` (JSON allows trailing whitespace) was split inside the body, so
/// `notify decrypt --raw` saw an empty body and refused a good notification.
#[test]
fn lf_capture_whose_body_holds_a_crlf_blank_line() {
    let case = "signing/notification/derived_combine";
    let env = TestEnv::new();
    env.key("official_doc_test_key.pkcs1.pem");
    env.write(
        "apiv3.key",
        read_fixture_str(&format!("{case}/apiv3_key")),
        0o600,
    );
    env.config(
        r#"[profiles.shop]
env = "sandbox"
mchid = "1900000109"
private_key_file = "official_doc_test_key.pkcs1.pem"
apiv3_key_file = "apiv3.key"
"#,
    );
    let mut raw =
        b"POST /notify HTTP/1.1\nHost: shop.example.com\nContent-Type: application/json\n\n"
            .to_vec();
    raw.extend_from_slice(
        read_fixture_str(&format!("{case}/body"))
            .trim_end()
            .as_bytes(),
    );
    raw.extend_from_slice(b"\r\n\r\n");
    env.write("raw.http", raw, 0o644);
    let out = env
        .cmd()
        .args(["--config", "config.toml", "-q", "notify", "decrypt"])
        .args(["--raw", "raw.http", "--no-verify", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim_end(),
        read_fixture_str(&format!("{case}/plaintext")).trim_end()
    );
}
