//! The sandbox's handling of prepay and close bodies (apiv3.md §6.2–6.5, §13.2, §13.14–17,
//! §13.21): the same parse, duplicate-key check and field rules the server runs, and
//! `api::validate` on whatever `serde_json` makes of the bytes (what `prepay --body` checks).
//!
//! Input: one selector byte, then the body. Selector: 0–3 prepay for jsapi/app/h5/native,
//! 4 close of order `P20150806125346`, 5 close with the order number (percent-encoded, as in the
//! path) taken from the bytes up to the first newline.
#![no_main]

use libfuzzer_sys::fuzz_target;
use time::macros::datetime;
use wxcombine::api::Scene;
use wxcombine::api::validate::{self, Rules};
use wxcombine::sandbox::{check_close_request, check_prepay_body};

const SCENES: [Scene; 4] = [Scene::Jsapi, Scene::App, Scene::H5, Scene::Native];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, body)) = data.split_first() else {
        return;
    };
    // Business time of the derived vectors: their time_expire (2019-04-02T21:00+08:00) is ahead.
    let now = datetime!(2019-04-02 12:00:00 +08:00);
    match sel % 6 {
        s @ 0..=3 => {
            let scene = SCENES[s as usize];
            let sandbox = check_prepay_body(scene, body, now);
            if let Err(f) = &sandbox {
                assert_eq!(f.status, 400);
                let _ = f.body_json();
            }
            // What `prepay --body` runs: serde_json's own reading, then the same rules.
            if let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) {
                for allow_http_loopback_notify in [false, true] {
                    let rules = Rules {
                        now,
                        allow_http_loopback_notify,
                        out_trade_no_min: validate::OUT_TRADE_NO_MIN,
                    };
                    let r = validate::prepay(scene, &v, &rules);
                    // The sandbox is never more lenient than the client-side check it mirrors.
                    if allow_http_loopback_notify && r.is_err() {
                        assert!(sandbox.is_err());
                    }
                }
            }
        }
        4 => {
            let sandbox = check_close_request("P20150806125346", body);
            if let Err(f) = &sandbox {
                assert_eq!(f.status, 400);
            }
            if let Ok(v) = serde_json::from_slice::<serde_json::Value>(body)
                && validate::close(&v, validate::OUT_TRADE_NO_MIN).is_err()
            {
                assert!(sandbox.is_err());
            }
        }
        _ => {
            let (no, body) = match body.iter().position(|&b| b == b'\n') {
                Some(i) => (&body[..i], &body[i + 1..]),
                None => (body, &b""[..]),
            };
            let Ok(no) = std::str::from_utf8(no) else {
                return;
            };
            if let Ok((decoded, _)) = check_close_request(no, body) {
                assert!(validate::out_trade_no_strict("no", &decoded).is_ok());
            }
        }
    }
});
