//! The `Authorization` header parser the sandbox runs on every request (apiv3.md §1.2, §13.4).
//! Property: never panics; whatever it accepts prints back to a header that parses to the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wxcombine::signing::Authorization;

fuzz_target!(|data: &[u8]| {
    // The sandbox sees the header as text (`HeaderValue::to_str`); take any UTF-8 as it would.
    let Ok(header) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(auth) = Authorization::parse(header) {
        let printed = auth.to_header();
        let again = Authorization::parse(&printed).expect("a printed header parses");
        assert_eq!(again, auth, "parse(print(x)) != x for {header:?}");
        // The redacted form is for logs only, but must never show the signature.
        assert!(
            !auth
                .to_redacted_header()
                .contains(&format!("signature=\"{}\"", auth.signature))
        );
    }
});
