//! `notify decrypt --headers FILE --body FILE`: header lines as copied from a log or `curl -v`,
//! then the body (apiv3.md §2, §7). Input: the headers text, a NUL byte, the body.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use wxcombine::api::notification::{
    OpenRules, open, parse_header_lines, parse_raw_request, signed_headers, within_window,
};
use wxcombine::signing::{ApiV3Key, Certificate, Verifier};

const NOW: i64 = 1_554_209_980;

fn keys() -> &'static (Verifier, ApiV3Key) {
    static KEYS: OnceLock<(Verifier, ApiV3Key)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let cert = Certificate::from_pem(
            include_bytes!("../../tests/fixtures/keys/go_sdk_test_cert_F5765756002FDD77.pem"),
            "go_sdk_test_cert_F5765756002FDD77.pem",
        )
        .expect("fixture certificate");
        (
            Verifier::new().with_certificate(cert),
            ApiV3Key::new(b"a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").expect("32 bytes"),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let (head, body) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    // The command refuses a headers file that is not UTF-8 before parsing it.
    let Ok(text) = std::str::from_utf8(head) else {
        return;
    };
    let pairs = parse_header_lines(text);
    for (name, value) in &pairs {
        assert!(!name.is_empty() && !name.contains(':'), "bad name {name:?}");
        assert_eq!(value.trim(), value);
    }
    let headers = signed_headers(&pairs);
    let _ = within_window(&headers, NOW);
    let (verifier, key) = keys();
    for verify in [true, false] {
        let rules = OpenRules {
            verify,
            max_age: Some(600),
            now: NOW,
        };
        let _ = open(&headers, body, Some(verifier), key, rules);
    }
    // The same text as the head of a raw capture (`--raw`), with the body after a blank line.
    let mut raw = text.as_bytes().to_vec();
    raw.extend_from_slice(b"\r\n\r\n");
    raw.extend_from_slice(body);
    let _ = parse_raw_request(&raw);
});
