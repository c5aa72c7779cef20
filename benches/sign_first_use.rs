//! Issue 16 item 2: what the merchant key costs on its first use, measured inside one process, so
//! that `sign-pay`'s start-up figure (scripts/bench-sign-pay.sh) can be split into what the key
//! needs and what everything else needs.
//!
//! Each of RUNS rounds parses the PKCS#1 test key afresh (`PrivateKey::from_pem`: PEM, DER and
//! aws-lc's `RSA_check_key`), signs one paySign message with it (the first signature of a key also
//! sets up its RSA blinding: a constant-time modular inverse), and signs again (the signature
//! alone). Medians of each step; the caches are warm after the first round, so these are lower
//! bounds for a fresh process, which also faults in aws-lc's code. Every signature is verified
//! with the key's public half before the figures are printed.
//!
//! Environment: RUNS (300). Run: `cargo bench --bench sign_first_use`.

use std::time::{Duration, Instant};

use wxcombine::signing::PrivateKey;

const KEY: &[u8] = include_bytes!("../tests/fixtures/keys/official_doc_test_key.pkcs1.pem");
const MESSAGE: &[u8] = b"wx2421b1c4370ec43b\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\nprepay_id=wx201410272009395522657a690389285100\n";

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(300);
    let (mut parse, mut first, mut again) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let t0 = Instant::now();
        let key = PrivateKey::from_pem(KEY, "the test key").expect("the test key parses");
        let t1 = Instant::now();
        let s1 = key.sign(MESSAGE);
        let t2 = Instant::now();
        let s2 = key.sign(MESSAGE);
        let t3 = Instant::now();
        let public = key.public_key();
        for s in [&s1, &s2] {
            assert!(public.verify(MESSAGE, s), "a signature does not verify");
        }
        parse.push(t1 - t0);
        first.push(t2 - t1);
        again.push(t3 - t2);
    }
    let (parse, first, again) = (median(parse), median(first), median(again));
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!("{runs} rounds, medians:");
    println!(
        "  key parse (PEM, DER, RSA_check_key)   {:8.1} µs",
        us(parse)
    );
    println!(
        "  first signature (blinding set-up)     {:8.1} µs",
        us(first)
    );
    println!(
        "  a later signature                     {:8.1} µs",
        us(again)
    );
    println!(
        "  the key's first use, parse + first signature: {:.1} µs",
        us(parse + first)
    );
}
