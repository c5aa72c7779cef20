//! The verified bill writer (`wxcombine::bill::BillSink`): hashes of the real samples, atomic
//! placement, cleanup on every failure, keep-gzip, concurrent writers.

use std::fs;
use std::path::Path;
use std::sync::{Arc, Barrier};

use wxcombine::bill::{BillError, BillSink, Encoding, Origin, sha1_of_file};
use wxcombine::error::{Kind, report};

use crate::harness::bills::{SAMPLES, V3, V3_SHA1, gzip, sample, synthetic_trade_all};

/// The names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn kind_of(e: BillError) -> Kind {
    report(&anyhow::Error::new(e)).kind
}

/// Feed `bytes` in chunks of `size`.
fn feed<D: wxcombine::bill::Destination>(sink: &mut BillSink<D>, bytes: &[u8], size: usize) {
    for chunk in bytes.chunks(size) {
        sink.write_chunk(chunk).unwrap();
    }
}

#[test]
fn samples_hash_to_their_known_sha1_plain_and_gzip() {
    for (rel, sha1, rows) in SAMPLES {
        let plain = sample(rel);
        for (encoding, bytes) in [
            (Encoding::Plain, plain.clone()),
            (Encoding::Gzip, gzip(&plain)),
        ] {
            for size in [1, 7, 4096, bytes.len()] {
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("bill.csv");
                let mut sink = BillSink::create(&path, encoding, false).unwrap();
                feed(&mut sink, &bytes, size);
                // Upper-case expected hashes are fine.
                let written = sink.finish(&sha1.to_ascii_uppercase()).unwrap();
                assert_eq!(written.sha1, sha1, "{rel} {encoding:?} {size}");
                assert_eq!(written.bytes, plain.len() as u64);
                assert_eq!(written.rows, rows, "{rel} {encoding:?} {size}");
                assert_eq!(written.path.as_deref(), Some(path.as_path()));
                assert_eq!(written.gzip_path, None);
                assert_eq!(fs::read(&path).unwrap(), plain);
                assert_eq!(listing(dir.path()), ["bill.csv"]);
                assert_eq!(sha1_of_file(&path).unwrap(), sha1);
            }
        }
    }
}

#[test]
fn sha1_of_file_matches_the_known_hashes() {
    for (rel, sha1, _) in SAMPLES {
        assert_eq!(sha1_of_file(crate::harness::fixture(rel)).unwrap(), sha1);
    }
    let missing = sha1_of_file("/nonexistent/bill.csv").unwrap_err();
    assert!(matches!(missing, BillError::Open { .. }));
}

#[test]
fn wrong_hash_leaves_no_file_and_no_part() {
    let bill = sample(V3);
    for (encoding, bytes) in [
        (Encoding::Plain, bill.clone()),
        (Encoding::Gzip, gzip(&bill)),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bill.csv");
        let mut sink = BillSink::create(&path, encoding, encoding == Encoding::Gzip).unwrap();
        feed(&mut sink, &bytes, 100);
        let err = sink
            .finish("0000000000000000000000000000000000000000")
            .unwrap_err();
        match &err {
            BillError::HashMismatch {
                expected,
                computed,
                bytes,
            } => {
                assert_eq!(expected, "0000000000000000000000000000000000000000");
                assert_eq!(computed, V3_SHA1);
                assert_eq!(*bytes, bill.len() as u64);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(kind_of(err), Kind::Verification);
        assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
    }
}

#[test]
fn a_malformed_expected_hash_is_refused_and_cleaned_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bill.csv");
    let mut sink = BillSink::create(&path, Encoding::Plain, false).unwrap();
    sink.write_chunk(&sample(V3)).unwrap();
    let err = sink.finish("dcd7ce").unwrap_err();
    assert!(matches!(err, BillError::InvalidHash { .. }));
    assert_eq!(kind_of(err), Kind::Usage);
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn truncated_gzip_is_an_error_with_nothing_left() {
    let gz = gzip(&sample(V3));
    // Cut inside the header, inside the deflate data, and inside the 8-byte trailer.
    for cut in [5, gz.len() / 2, gz.len() - 8, gz.len() - 1] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bill.csv");
        let mut sink = BillSink::create(&path, Encoding::Gzip, true).unwrap();
        feed(&mut sink, &gz[..cut], 16);
        let err = sink.finish(V3_SHA1).unwrap_err();
        assert!(
            matches!(
                err,
                BillError::Gzip {
                    origin: Origin::Download,
                    ..
                }
            ),
            "cut at {cut}: {err:?}"
        );
        // A cut-off download is a network failure (exit 5): retrying may help.
        assert_eq!(kind_of(err), Kind::Network);
        assert!(listing(dir.path()).is_empty(), "cut at {cut}");
    }
}

#[test]
fn corrupt_gzip_is_an_error_with_nothing_left() {
    let mut gz = gzip(&sample(V3));
    let n = gz.len();
    gz[n - 6] ^= 0xff; // the CRC-32 in the trailer
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bill.csv");
    let mut sink = BillSink::create(&path, Encoding::Gzip, false).unwrap();
    let fed = gz.chunks(64).try_for_each(|c| sink.write_chunk(c));
    let err = match fed {
        Err(e) => e,
        Ok(()) => sink.finish(V3_SHA1).unwrap_err(),
    };
    assert!(matches!(err, BillError::Gzip { .. }), "{err:?}");
    assert!(listing(dir.path()).is_empty());

    // Not gzip at all, from a local file's point of view: a bad file (exit 6).
    let dir = tempfile::tempdir().unwrap();
    let mut sink = BillSink::create(dir.path().join("bill.csv"), Encoding::Gzip, false)
        .unwrap()
        .origin(Origin::File);
    let err = sink.write_chunk(&sample(V3)).unwrap_err();
    assert_eq!(kind_of(err), Kind::Verification);
    // The sink is spent: more bytes are refused rather than fed to a failed decoder.
    assert!(matches!(
        sink.write_chunk(&gzip(&sample(V3))),
        Err(BillError::Write { .. })
    ));
    assert!(sink.finish(V3_SHA1).is_err());
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn streams_to_any_writer() {
    let bill = sample(V3);
    let mut out = Vec::new();
    let mut sink = BillSink::stream(&mut out, Encoding::Gzip);
    feed(&mut sink, &gzip(&bill), 3);
    let written = sink.finish(V3_SHA1).unwrap();
    assert_eq!(written.path, None);
    assert_eq!(written.rows, 3);
    assert_eq!(out, bill);

    // The bytes are out before the verdict: a mismatch only decides the result.
    let mut out = Vec::new();
    let mut sink = BillSink::stream(&mut out, Encoding::Plain);
    sink.write_chunk(&bill).unwrap();
    let err = sink
        .finish("ffffffffffffffffffffffffffffffffffffffff")
        .unwrap_err();
    assert!(matches!(err, BillError::HashMismatch { .. }));
    assert_eq!(out, bill);
}

#[test]
fn keeps_the_gzip_stream_alongside() {
    let bill = sample(V3);
    let gz = gzip(&bill);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tradebill_2021-01-28_ALL.csv");
    let mut sink = BillSink::create(&path, Encoding::Gzip, true).unwrap();
    feed(&mut sink, &gz, 50);
    let written = sink.finish(V3_SHA1).unwrap();
    let gz_path = dir.path().join("tradebill_2021-01-28_ALL.csv.gz");
    assert_eq!(written.gzip_path.as_deref(), Some(gz_path.as_path()));
    assert_eq!(fs::read(&path).unwrap(), bill);
    assert_eq!(fs::read(&gz_path).unwrap(), gz);
    assert_eq!(
        listing(dir.path()),
        [
            "tradebill_2021-01-28_ALL.csv",
            "tradebill_2021-01-28_ALL.csv.gz"
        ]
    );
}

#[test]
fn keep_gzip_needs_a_gzip_transfer() {
    let dir = tempfile::tempdir().unwrap();
    let err = BillSink::create(dir.path().join("b.csv"), Encoding::Plain, true)
        .err()
        .unwrap();
    assert!(matches!(err, BillError::KeepGzipWithoutGzip));
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn abort_and_drop_remove_the_part_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bill.csv");
    let mut sink = BillSink::create(&path, Encoding::Gzip, true).unwrap();
    sink.write_chunk(&gzip(&sample(V3))[..20]).unwrap();
    let during = listing(dir.path());
    assert_eq!(during.len(), 2, "{during:?}");
    assert!(
        during
            .iter()
            .all(|n| n.starts_with("bill.csv.") && n.ends_with(".part")),
        "{during:?}"
    );
    assert!(
        during
            .iter()
            .any(|n| n.starts_with(&format!("bill.csv.{}.", std::process::id()))),
        "{during:?}"
    );
    sink.abort();
    assert!(listing(dir.path()).is_empty());

    let mut sink = BillSink::create(&path, Encoding::Plain, false).unwrap();
    sink.write_chunk(b"partial").unwrap();
    drop(sink);
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn a_missing_folder_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = BillSink::create(dir.path().join("no/such/dir/b.csv"), Encoding::Plain, false)
        .err()
        .unwrap();
    assert!(matches!(err, BillError::Create { .. }));
    assert_eq!(kind_of(err), Kind::Usage);
}

#[test]
fn the_final_name_only_ever_holds_a_verified_file() {
    let bill = sample(V3);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bill.csv");
    // An older copy of the bill is already there: a failed attempt must not touch it.
    fs::write(&path, b"previous verified copy").unwrap();
    let mut sink = BillSink::create(&path, Encoding::Plain, false).unwrap();
    sink.write_chunk(&bill[..bill.len() - 1]).unwrap();
    assert!(sink.finish(V3_SHA1).is_err());
    assert_eq!(fs::read(&path).unwrap(), b"previous verified copy");
    assert_eq!(listing(dir.path()), ["bill.csv"]);
}

#[test]
fn concurrent_writers_of_one_bill_end_with_one_correct_file() {
    let bill = Arc::new(synthetic_trade_all(2_000, None));
    let gz = Arc::new(gzip(&bill));
    let sha1 = {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        fs::write(&p, &*bill).unwrap();
        sha1_of_file(&p).unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bill.csv");
    // Both sinks are open and half written before either finishes; one of them has a wrong
    // expected hash. Whatever the order, the final file is the verified bill.
    let barrier = Arc::new(Barrier::new(3));
    let writers = [
        (sha1.clone(), Encoding::Gzip),
        (sha1.clone(), Encoding::Gzip),
        ("0".repeat(40), Encoding::Plain),
    ];
    let handles: Vec<_> = writers
        .into_iter()
        .map(|(expected, encoding)| {
            let (bill, gz, barrier, path) =
                (bill.clone(), gz.clone(), barrier.clone(), path.clone());
            std::thread::spawn(move || {
                let bytes = match encoding {
                    Encoding::Plain => bill,
                    Encoding::Gzip => gz,
                };
                let mut sink = BillSink::create(&path, encoding, false).unwrap();
                let half = bytes.len() / 2;
                for c in bytes[..half].chunks(999) {
                    sink.write_chunk(c).unwrap();
                }
                barrier.wait();
                for c in bytes[half..].chunks(999) {
                    sink.write_chunk(c).unwrap();
                }
                sink.finish(&expected).map(|w| w.rows)
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(results[0].as_ref().unwrap(), &2_000);
    assert_eq!(results[1].as_ref().unwrap(), &2_000);
    assert!(matches!(results[2], Err(BillError::HashMismatch { .. })));
    assert_eq!(fs::read(&path).unwrap(), *bill);
    assert_eq!(listing(dir.path()), ["bill.csv"]);
}

/// A writer that takes `left` bytes and then fails like a full disk.
struct Full {
    left: usize,
}

impl std::io::Write for Full {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::Error::other("no space left on device"));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_pipelined_sink_writes_hashes_and_counts_the_same() {
    // A bill of many 256 KiB batches, and the two small real ones.
    let big = synthetic_trade_all(20_000, None);
    let big_sha1 = {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        fs::write(&p, &big).unwrap();
        sha1_of_file(&p).unwrap()
    };
    let mut cases: Vec<(Vec<u8>, String, u64)> = SAMPLES
        .iter()
        .map(|(rel, sha1, rows)| (sample(rel), sha1.to_string(), *rows))
        .collect();
    cases.push((big, big_sha1, 20_000));
    for (plain, sha1, rows) in &cases {
        for (encoding, bytes) in [
            (Encoding::Plain, plain.clone()),
            (Encoding::Gzip, gzip(plain)),
        ] {
            for size in [1, 4096, 100_000, bytes.len()] {
                if size == 1 && bytes.len() > 100_000 {
                    continue;
                }
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("bill.csv");
                let mut sink = BillSink::create(&path, encoding, false)
                    .unwrap()
                    .pipelined()
                    .unwrap();
                feed(&mut sink, &bytes, size);
                assert!(sink.bytes() <= plain.len() as u64);
                let written = sink.finish(sha1).unwrap();
                assert_eq!(
                    (written.sha1.as_str(), written.bytes, written.rows),
                    (sha1.as_str(), plain.len() as u64, *rows),
                    "{encoding:?} {size}"
                );
                assert!(fs::read(&path).unwrap() == *plain);
                assert_eq!(listing(dir.path()), ["bill.csv"]);
            }
        }
    }
    // To a stream as well.
    let mut out = Vec::new();
    let (plain, sha1, _) = &cases[2];
    {
        let mut sink = BillSink::stream(std::io::Cursor::new(&mut out), Encoding::Gzip);
        feed(&mut sink, &gzip(plain), 65_536);
        sink.finish(sha1).unwrap();
    }
    assert!(out == *plain);
}

#[test]
fn a_pipelined_sink_leaves_nothing_on_failure() {
    let bill = synthetic_trade_all(5_000, None);
    let gz = gzip(&bill);
    // A wrong hash.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bill.csv");
    let mut sink = BillSink::create(&path, Encoding::Gzip, true)
        .unwrap()
        .pipelined()
        .unwrap();
    feed(&mut sink, &gz, 8192);
    let err = sink.finish(&"0".repeat(40)).unwrap_err();
    assert!(matches!(err, BillError::HashMismatch { .. }), "{err:?}");
    assert!(listing(dir.path()).is_empty());
    // Dropped midway: the partial file is gone as soon as the sink is.
    let mut sink = BillSink::create(&path, Encoding::Gzip, false)
        .unwrap()
        .pipelined()
        .unwrap();
    feed(&mut sink, &gz[..gz.len() / 2], 8192);
    drop(sink);
    assert!(listing(dir.path()).is_empty());
    // A cut-off stream is still a gzip error, not a write error.
    let mut sink = BillSink::create(&path, Encoding::Gzip, false)
        .unwrap()
        .pipelined()
        .unwrap();
    feed(&mut sink, &gz[..gz.len() - 10], 8192);
    let err = sink.finish(&"0".repeat(40)).unwrap_err();
    assert!(matches!(err, BillError::Gzip { .. }), "{err:?}");
    assert_eq!(kind_of(err), Kind::Network);
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn a_failing_destination_behind_the_pipeline_is_a_write_error() {
    let bill = synthetic_trade_all(5_000, None);
    for (encoding, bytes) in [
        (Encoding::Plain, bill.clone()),
        (Encoding::Gzip, gzip(&bill)),
    ] {
        let mut sink = BillSink::stream(Full { left: 300_000 }, encoding)
            .pipelined()
            .unwrap();
        let fed = bytes.chunks(8192).try_for_each(|c| sink.write_chunk(c));
        let err = match fed {
            Err(e) => e,
            Ok(()) => sink.finish(&"0".repeat(40)).unwrap_err(),
        };
        assert!(
            matches!(err, BillError::Write { .. }),
            "{encoding:?}: {err:?}"
        );
        assert!(format!("{:?}", err).contains("no space left"), "{err:?}");
        assert_eq!(kind_of(err), Kind::Internal);
    }
}
