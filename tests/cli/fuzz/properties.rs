//! Properties the fuzz targets check, mirrored as proptests so they run in CI (issue 7): a trade
//! bill's rows add up to its summary, and the notification readers never panic and keep a body
//! byte for byte. (`parse(print(x)) == x` for the Authorization header lives beside the parser,
//! in `src/signing/authorization.rs`.)

use proptest::collection::vec;
use proptest::prelude::*;
use wxcombine::api::notification::{parse_header_lines, parse_raw_request, signed_headers};
use wxcombine::bill::{BillError, BillReader, Record, Summary};
use wxcombine::money::{Count, Fee, Fen};
use wxcombine::signing::{Authorization, SCHEME};

use crate::harness::bills::{
    TRADE_ALL_HEADER, TRADE_SUMMARY_HEADER, bill_file, data_line, fee, gzip, yuan,
};

/// One generated trade-bill record: the amounts the summary totals, plus free text.
#[derive(Debug, Clone)]
struct Row {
    refund: bool,
    /// 应结订单金额 / 订单金额 of a payment row, 退款金额 / 申请退款金额 of a refund row, in fen.
    amount: u64,
    coupon: u64,
    recharge_refund: u64,
    /// 手续费 in 0.00001 元.
    fee: u64,
    description: String,
}

fn row() -> impl Strategy<Value = Row> {
    (
        any::<bool>(),
        0u64..=10_000_000_000,
        0u64..=1_000_000,
        0u64..=1_000_000,
        0u64..=100_000_000_000,
        // Free text as bills print it: no raw comma (§9.4 escapes it as `\ `), any CJK.
        "[a-zA-Z0-9 _\\-\\\\中文分店充值]{0,24}",
    )
        .prop_map(
            |(refund, amount, coupon, recharge_refund, fee, description)| Row {
                refund,
                amount,
                coupon,
                recharge_refund: if refund { recharge_refund } else { 0 },
                fee,
                description,
            },
        )
}

/// The summary columns, in [`TRADE_SUMMARY_HEADER`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Totals {
    count: u64,
    settlement: u64,
    refund: u64,
    recharge_refund: u64,
    fee: u64,
    total: u64,
    apply_refund: u64,
}

impl Totals {
    fn of(rows: &[Row]) -> Self {
        let mut t = Totals {
            count: rows.len() as u64,
            ..Default::default()
        };
        for r in rows {
            if r.refund {
                t.refund += r.amount;
                t.apply_refund += r.amount;
                t.recharge_refund += r.recharge_refund;
            } else {
                t.settlement += r.amount;
                t.total += r.amount;
            }
            t.fee += r.fee;
        }
        t
    }

    /// The summary line as the bill prints it (§9.2): count bare, 元 with 2 decimals, fee with 5.
    fn line(&self) -> String {
        data_line(&[
            self.count.to_string(),
            yuan(self.settlement),
            yuan(self.refund),
            yuan(self.recharge_refund),
            fee(self.fee as i64),
            yuan(self.total),
            yuan(self.apply_refund),
        ])
    }

    /// Add `delta` to summary column `column` (0-based, [`TRADE_SUMMARY_HEADER`] order).
    fn bump(mut self, column: usize, delta: u64) -> Self {
        let slot = match column {
            0 => &mut self.count,
            1 => &mut self.settlement,
            2 => &mut self.refund,
            3 => &mut self.recharge_refund,
            4 => &mut self.fee,
            5 => &mut self.total,
            _ => &mut self.apply_refund,
        };
        *slot += delta;
        self
    }
}

/// An ALL trade bill in the exact §9.1 format: BOM, CRLF, header, backticked fields, summary header
/// and the summary line `summary`.
fn trade_bill(rows: &[Row], summary: &Totals) -> Vec<u8> {
    let mut lines = vec![TRADE_ALL_HEADER.to_string()];
    for (i, r) in rows.iter().enumerate() {
        let (settle, total, refund) = if r.refund {
            (0, 0, r.amount)
        } else {
            (r.amount, r.amount, 0)
        };
        lines.push(data_line(&[
            format!(
                "2024-05-01 {:02}:{:02}:{:02}",
                i / 3600 % 24,
                i / 60 % 60,
                i % 60
            ),
            "wxd678efh567hg6787".into(),
            "1230000109".into(),
            "0".into(),
            String::new(),
            format!("4200000{i:021}"),
            format!("C{i:019}"),
            "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o".into(),
            "JSAPI".into(),
            if r.refund { "REFUND" } else { "SUCCESS" }.into(),
            "OTHERS".into(),
            "CNY".into(),
            yuan(settle),
            yuan(r.coupon),
            if r.refund {
                format!("50300{i:024}")
            } else {
                "0".into()
            },
            if r.refund {
                format!("R{i:019}")
            } else {
                "0".into()
            },
            yuan(refund),
            yuan(r.recharge_refund),
            if r.refund { "ORIGINAL" } else { "" }.into(),
            if r.refund { "SUCCESS" } else { "" }.into(),
            r.description.clone(),
            "attach".into(),
            fee(r.fee as i64),
            "0.60%".into(),
            yuan(total),
            yuan(refund),
            String::new(),
        ]));
    }
    lines.push(TRADE_SUMMARY_HEADER.to_string());
    lines.push(summary.line());
    bill_file(&lines)
}

/// The summary line as the parser read it.
fn parsed_totals(summary: &Summary) -> Totals {
    let Summary::Trade(s) = summary else {
        panic!("a trade bill has a trade summary, got {summary:?}")
    };
    let fen = |v: Option<Fen>| u64::try_from(v.expect("column present").0).expect("non-negative");
    Totals {
        count: s.count.map(|Count(c)| c).expect("count present"),
        settlement: fen(s.settlement_total_fen),
        refund: fen(s.refund_fen),
        recharge_refund: fen(s.recharge_refund_fen),
        fee: s.fee.map(|Fee(f)| f as u64).expect("fee present"),
        total: fen(s.total_fen),
        apply_refund: fen(s.apply_refund_fen),
    }
}

/// The same sums, recomputed from the parsed records.
fn record_totals(records: &[Record]) -> Totals {
    let mut t = Totals {
        count: records.len() as u64,
        ..Default::default()
    };
    let fen = |v: Option<Fen>| u64::try_from(v.expect("column present").0).expect("non-negative");
    for r in records {
        let Record::Trade(r) = r else {
            panic!("a trade bill has trade records")
        };
        t.settlement += fen(r.settlement_total_fen);
        t.refund += fen(r.refund_fen);
        t.recharge_refund += fen(r.recharge_refund_fen);
        t.fee += r.fee.expect("fee present").0 as u64;
        t.total += fen(r.total_fen);
        t.apply_refund += fen(r.apply_refund_fen);
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A bill's rows add up to its summary (issue 7): generated records, a summary computed from
    /// them, and the parser agrees on every total, plain and gzip.
    #[test]
    fn trade_bill_rows_add_up_to_the_summary(rows in vec(row(), 0..40), gzipped in any::<bool>()) {
        let want = Totals::of(&rows);
        let plain = trade_bill(&rows, &want);
        let bytes = if gzipped { gzip(&plain) } else { plain };
        let mut bill = BillReader::new(bytes.as_slice()).unwrap();
        let records = (&mut bill).collect::<Result<Vec<_>, _>>().unwrap();
        prop_assert_eq!(record_totals(&records), want);
        prop_assert_eq!(parsed_totals(bill.summary().expect("summary read")), want);
        let report = bill.check().unwrap();
        prop_assert_eq!(report.records, rows.len() as u64);
        prop_assert_eq!(report.compared.len(), 7, "{:?}", report);
        prop_assert!(report.skipped.is_empty());
    }

    /// …and a summary with any one total off fails the check, naming that column.
    #[test]
    fn a_mutated_total_fails_the_check(
        rows in vec(row(), 0..20),
        column in 0usize..7,
        delta in 1u64..1_000_000,
    ) {
        let wrong = Totals::of(&rows).bump(column, delta);
        let bytes = trade_bill(&rows, &wrong);
        let mut bill = BillReader::new(bytes.as_slice()).unwrap();
        match bill.check() {
            Err(BillError::Check { mismatches }) => {
                let header = TRADE_SUMMARY_HEADER.split(',').nth(column).unwrap();
                prop_assert_eq!(mismatches.len(), 1, "{:?}", mismatches);
                prop_assert!(mismatches[0].field.starts_with(header), "{:?}", mismatches);
            }
            other => prop_assert!(false, "expected a check failure, got {:?}", other),
        }
    }
}

/// A header name: a token, as `parse_header_lines` accepts them.
fn header_name() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9_-]{0,24}".prop_filter("Content-Length is set by the test", |n| {
        !n.eq_ignore_ascii_case("content-length")
    })
}

/// A header value: printable ASCII and some CJK, no line break.
fn header_value() -> impl Strategy<Value = String> {
    "[ -~中文]{0,40}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The readers of `notify decrypt` never panic, whatever text or bytes they get.
    #[test]
    fn notification_readers_never_panic(text in "(?s).{0,400}", bytes in vec(any::<u8>(), 0..400)) {
        let pairs = parse_header_lines(&text);
        let _ = signed_headers(&pairs);
        let _ = parse_raw_request(text.as_bytes());
        let _ = parse_raw_request(&bytes);
    }

    /// A raw request built from random headers and a random body gives back the headers in order
    /// and the body byte for byte: with or without Content-Length, CRLF or LF line ends, and a body
    /// that may itself hold blank lines of either kind.
    #[test]
    fn raw_request_returns_its_body_byte_for_byte(
        headers in vec((header_name(), header_value()), 0..8),
        body in vec(prop_oneof![Just(b'\r'), Just(b'\n'), any::<u8>()], 0..300),
        crlf in any::<bool>(),
        with_length in any::<bool>(),
        trailing in prop_oneof![Just(&b""[..]), Just(&b"\n"[..]), Just(&b"\r\n"[..])],
    ) {
        let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        let mut raw = b"POST /notify HTTP/1.1".to_vec();
        raw.extend_from_slice(eol);
        for (name, value) in &headers {
            raw.extend_from_slice(format!("{name}: {value}").as_bytes());
            raw.extend_from_slice(eol);
        }
        if with_length {
            raw.extend_from_slice(format!("Content-Length: {}", body.len()).as_bytes());
            raw.extend_from_slice(eol);
        }
        raw.extend_from_slice(eol);
        raw.extend_from_slice(&body);
        // Without a Content-Length every byte after the blank line is the body: no editor newline.
        if with_length {
            raw.extend_from_slice(trailing);
        }
        let (pairs, got) = parse_raw_request(&raw).unwrap();
        prop_assert_eq!(got, body);
        let want: Vec<(String, String)> = headers
            .iter()
            .map(|(n, v)| (n.clone(), v.trim().to_string()))
            .collect();
        prop_assert_eq!(&pairs[..headers.len()], &want[..]);
    }
}

/// What an `Authorization` field may hold: not empty, no quote, comma or backslash.
fn auth_value() -> impl Strategy<Value = String> {
    "[A-Za-z0-9+/=_.: -]{1,48}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Extends `parse(print(x)) == x` (src/signing/authorization.rs): the five fields in any order
    /// (apiv3.md §1.2, "无顺序要求") parse to the same header, which prints in the canonical order.
    #[test]
    fn authorization_fields_parse_in_any_order(
        (mchid, nonce_str, timestamp, serial_no, signature) in
            (auth_value(), auth_value(), "[0-9]{1,12}", auth_value(), auth_value()),
        order in Just(vec![0usize, 1, 2, 3, 4]).prop_shuffle(),
    ) {
        const NAMES: [&str; 5] = ["mchid", "nonce_str", "timestamp", "serial_no", "signature"];
        let want = Authorization { mchid, nonce_str, timestamp, serial_no, signature };
        let values = [&want.mchid, &want.nonce_str, &want.timestamp, &want.serial_no, &want.signature];
        let pairs: Vec<String> = order
            .iter()
            .map(|&i| format!("{}=\"{}\"", NAMES[i], values[i]))
            .collect();
        let header = format!("{SCHEME} {}", pairs.join(","));
        let parsed = Authorization::parse(&header).unwrap();
        prop_assert_eq!(&parsed, &want);
        prop_assert_eq!(Authorization::parse(&parsed.to_header()).unwrap(), want);
    }
}
