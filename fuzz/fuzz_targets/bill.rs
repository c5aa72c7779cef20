//! The bill parser (apiv3.md §9): header, records, summary, check — plain and gzip.
//! Input: one flag byte, then the file. Flag bit 0 set: the rest is gzipped here first, so the
//! fuzzer explores the parser behind a valid gzip stream as well as raw (often corrupt) gzip.
#![no_main]

use std::io::Write as _;

use flate2::Compression;
use flate2::write::GzEncoder;
use libfuzzer_sys::fuzz_target;
use wxcombine::bill::{BillError, BillReader};

fn run(bytes: &[u8]) {
    let mut bill = match BillReader::new(bytes) {
        Ok(b) => b,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let _ = (bill.kind(), bill.trade_type(), bill.is_gzip());
    let keys = bill.keys();
    let mut records = 0u64;
    let mut failed = false;
    while let Some(record) = bill.next() {
        match record {
            Ok(r) => {
                records += 1;
                // What `bill parse` prints: one CSV row per record, as wide as the header.
                assert_eq!(bill.render(&r).len(), keys.len());
                let _ = serde_json::to_string(&r).expect("a record serialises");
            }
            Err(e) => {
                let _ = e.to_string();
                failed = true;
            }
        }
    }
    assert_eq!(bill.records_read(), records);
    // After an error the iteration ends, and no summary is claimed.
    assert!(!(failed && bill.summary().is_some()));
    if let Some(s) = bill.summary() {
        let _ = serde_json::to_string(s).expect("a summary serialises");
    }
    match bill.check() {
        Ok(report) => {
            assert!(!failed);
            assert_eq!(report.records, records);
        }
        Err(BillError::Check { mismatches }) => assert!(!mismatches.is_empty()),
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flag, rest)) = data.split_first() else {
        return;
    };
    if flag & 1 == 1 {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(rest).expect("in memory");
        run(&gz.finish().expect("in memory"));
    } else {
        run(rest);
    }
});
