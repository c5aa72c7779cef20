//! The bill parser and check (`wxcombine::bill::BillReader`): the real samples, gzip, synthetic
//! bills of every type, fund-flow bills, exact 手续费, and errors that name line and column.

use wxcombine::api::{BillKind, BillType};
use wxcombine::bill::{
    BillError, BillReader, BillSink, Direction, Encoding, Record, Summary, TradeRecord,
};
use wxcombine::error::{Kind, report};
use wxcombine::money::{Count, Fee, Fen};

use crate::harness::bills::{
    FUND_FLOW_HEADER, PHP, SAMPLES, TRADE_ALL_HEADER, TRADE_SUMMARY_HEADER, V3, bill_file,
    data_line, fund_flow_sample, gzip, sample, synthetic_trade_all,
};

fn read(bytes: &[u8]) -> Result<(BillReader<&[u8]>, Vec<Record>), BillError> {
    let mut reader = BillReader::new(bytes)?;
    let records = (&mut reader).collect::<Result<Vec<_>, _>>()?;
    Ok((reader, records))
}

fn trade(r: &Record) -> &TradeRecord {
    match r {
        Record::Trade(t) => t,
        Record::FundFlow(_) => panic!("not a trade record"),
    }
}

fn kind_of(e: BillError) -> Kind {
    report(&anyhow::Error::new(e)).kind
}

#[test]
fn both_samples_parse_and_check_plain_and_gzip() {
    for (rel, _, rows) in SAMPLES {
        let plain = sample(rel);
        for bytes in [plain.clone(), gzip(&plain)] {
            let mut reader = BillReader::new(bytes.as_slice()).unwrap();
            assert_eq!(reader.kind(), BillKind::Trade);
            assert_eq!(reader.trade_type(), Some(BillType::All));
            assert_eq!(reader.header().len(), 27);
            assert_eq!(reader.header()[0], "交易时间", "BOM stripped");
            let report = reader.check().unwrap();
            assert_eq!(report.records, rows, "{rel}");
            assert_eq!(report.compared.len(), 7, "{rel}: {report:?}");
            assert!(report.skipped.is_empty());
        }
    }
}

#[test]
fn v3_sample_fields() {
    let bytes = sample(V3);
    let (reader, records) = read(&bytes).unwrap();
    assert_eq!(records.len(), 3);
    let r = trade(&records[0]);
    assert_eq!(r.trade_time.as_deref(), Some("2021-01-28 17:07:11"));
    assert_eq!(r.appid.as_deref(), Some("wx81be3101902f7cb2"));
    assert_eq!(r.mchid.as_deref(), Some("1601959334"));
    assert_eq!(r.sub_mchid.as_deref(), Some("0"));
    assert_eq!(r.device_info.as_deref(), Some(""));
    assert_eq!(
        r.transaction_id.as_deref(),
        Some("4200000925202101284997714292")
    );
    assert_eq!(r.out_trade_no.as_deref(), Some("S20210128170702357723"));
    assert_eq!(r.settlement_total_fen, Some(Fen(1)));
    assert_eq!(r.refund_fen, Some(Fen(0)));
    assert_eq!(r.fee, Some(Fee(0)));
    assert_eq!(r.rate.as_deref(), Some("1.00%"));
    assert_eq!(r.description.as_deref(), Some("for testing"));
    assert_eq!(r.attach.as_deref(), Some("cipher code"));
    assert_eq!(r.rate_remark.as_deref(), Some(""));
    assert!(r.extra.is_empty());
    match reader.summary().unwrap() {
        Summary::Trade(s) => {
            assert_eq!(s.count, Some(Count(3)));
            assert_eq!(s.settlement_total_fen, Some(Fen(3)));
            assert_eq!(s.fee, Some(Fee(0)));
        }
        Summary::FundFlow(_) => panic!(),
    }
}

#[test]
fn php_sample_uses_the_older_summary_notation() {
    // `45.0` counts, `0.0` and 2-decimal 手续费 totals (apiv3.md §9.2).
    let bytes = sample(PHP);
    let (reader, records) = read(&bytes).unwrap();
    assert_eq!(records.len(), 45);
    let refunds = records
        .iter()
        .filter(|r| trade(r).trade_state.as_deref() == Some("REFUND"))
        .count();
    assert_eq!(refunds, 14);
    match reader.summary().unwrap() {
        Summary::Trade(s) => {
            assert_eq!(s.count, Some(Count(45)));
            assert_eq!(s.settlement_total_fen, Some(Fen(47)));
            assert_eq!(s.refund_fen, Some(Fen(14)));
            assert_eq!(s.recharge_refund_fen, Some(Fen(0)));
            assert_eq!(s.fee, Some(Fee(8_000)));
            assert_eq!(s.fee.unwrap().to_string(), "0.08000");
        }
        Summary::FundFlow(_) => panic!(),
    }
}

#[test]
fn synthetic_bill_of_100k_rows_parses_and_checks() {
    let bill = synthetic_trade_all(100_000, None);
    let mut reader = BillReader::new(bill.as_slice()).unwrap();
    let mut n = 0u64;
    for r in &mut reader {
        let r = r.unwrap();
        assert_eq!(trade(&r).description.as_deref(), Some("合单子单\\ 测试"));
        n += 1;
    }
    assert_eq!(n, 100_000);
    let report = reader.check().unwrap();
    assert_eq!(report.records, 100_000);
    assert_eq!(report.compared.len(), 7);

    // The download sink counts the same rows (a first pass learns the hash, a second verifies).
    let pass = |expected: &str| {
        let mut sink = BillSink::stream(std::io::sink(), Encoding::Plain);
        for c in bill.chunks(8192) {
            sink.write_chunk(c).unwrap();
        }
        sink.finish(expected)
    };
    let computed = match pass(&"0".repeat(40)) {
        Err(BillError::HashMismatch { computed, .. }) => computed,
        other => panic!("{other:?}"),
    };
    let written = pass(&computed).unwrap();
    assert_eq!(written.rows, 100_000);
    assert_eq!(written.bytes, bill.len() as u64);
}

#[test]
fn one_changed_amount_fails_the_check_naming_the_total() {
    // Record 10 settles 3.71 元; the bill now says 3.72.
    let bill = synthetic_trade_all(1_000, Some((10, 372)));
    let mut reader = BillReader::new(bill.as_slice()).unwrap();
    let err = reader.check().unwrap_err();
    let BillError::Check { mismatches } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(mismatches.len(), 1, "{mismatches:?}");
    assert_eq!(mismatches[0].field, "应结订单总金额 (settlement_total_fen)");
    let expected = mismatches[0].expected.clone();
    let computed = mismatches[0].computed.clone();
    assert_ne!(expected, computed);
    let text = err.to_string();
    assert!(
        text.contains(&format!(
            "the summary says {expected}, the records add up to {computed}"
        )),
        "{text}"
    );
    assert_eq!(kind_of(err), Kind::Verification);
}

#[test]
fn fee_totals_are_exact() {
    let lines = |total: &str| {
        let mut l = vec![TRADE_ALL_HEADER.to_string()];
        for i in 0..3 {
            let mut f: Vec<String> = vec![String::new(); 27];
            f[6] = format!("T{i}");
            f[12] = "1.00".into(); // 应结订单金额
            f[13] = "0.00".into();
            f[16] = "0.00".into();
            f[17] = "0.00".into();
            f[22] = "0.00600".into(); // 手续费
            f[24] = "1.00".into();
            f[25] = "0.00".into();
            l.push(data_line(&f));
        }
        l.push(TRADE_SUMMARY_HEADER.into());
        l.push(format!("`3,`3.00,`0.00,`0.00,`{total},`3.00,`0.00"));
        bill_file(&l)
    };
    let good = lines("0.01800");
    let mut reader = BillReader::new(good.as_slice()).unwrap();
    assert_eq!(reader.check().unwrap().compared.len(), 7);

    let bad = lines("0.01799");
    let err = BillReader::new(bad.as_slice())
        .unwrap()
        .check()
        .unwrap_err();
    let BillError::Check { mismatches } = err else {
        panic!()
    };
    assert_eq!(mismatches[0].field, "手续费总金额 (fee)");
    assert_eq!(mismatches[0].expected, "0.01799");
    assert_eq!(mismatches[0].computed, "0.01800");
}

/// SUCCESS and REFUND bills, columns shuffled and an unknown column added: read by name.
#[test]
fn columns_are_read_by_header_name() {
    let success = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注";
    let refund = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    for (header, ty) in [(success, BillType::Success), (refund, BillType::Refund)] {
        let mut names: Vec<&str> = header.split(',').collect();
        names.reverse();
        names.insert(3, "新增列");
        let value = |name: &str| -> String {
            match name {
                "商户订单号" => "OUT1".into(),
                "应结订单金额" | "订单金额" => if ty == BillType::Refund {
                    "0.00"
                } else {
                    "12.34"
                }
                .into(),
                "代金券金额" | "充值券退款金额" => "0.00".into(),
                "退款金额" | "申请退款金额" => "12.34".into(),
                "手续费" => "0.07404".into(),
                "费率" => "0.60%".into(),
                "新增列" => "extra value".into(),
                "退款申请时间" => "2024-05-01 10:00:00".into(),
                _ => String::new(),
            }
        };
        let fields: Vec<String> = names.iter().map(|n| value(n)).collect();
        let (settled, total, refunded) = if ty == BillType::Refund {
            ("0.00", "0.00", "12.34")
        } else {
            ("12.34", "12.34", "0.00")
        };
        let bill = bill_file(&[
            names.join(","),
            data_line(&fields),
            TRADE_SUMMARY_HEADER.into(),
            format!("`1,`{settled},`{refunded},`0.00,`0.07404,`{total},`{refunded}"),
        ]);
        let mut reader = BillReader::new(bill.as_slice()).unwrap();
        assert_eq!(reader.trade_type(), Some(ty));
        let records = (&mut reader).collect::<Result<Vec<_>, _>>().unwrap();
        let r = trade(&records[0]);
        assert_eq!(r.out_trade_no.as_deref(), Some("OUT1"));
        assert_eq!(r.fee, Some(Fee(7_404)));
        assert_eq!(r.rate.as_deref(), Some("0.60%"));
        assert_eq!(r.extra.get("新增列"), Some("extra value"));
        assert_eq!(reader.keys().last().map(String::as_str), Some("新增列"));
        let report = reader.check().unwrap();
        if ty == BillType::Success {
            // No refund columns in a SUCCESS bill: those totals cannot be compared.
            assert_eq!(
                report.skipped,
                ["退款总金额", "充值券退款总金额", "申请退款总金额"]
            );
            assert_eq!(r.refund_fen, None);
            assert_eq!(r.settlement_total_fen, Some(Fen(1234)));
        } else {
            assert!(report.skipped.is_empty());
            assert_eq!(r.refund_apply_time.as_deref(), Some("2024-05-01 10:00:00"));
            assert_eq!(r.refund_fen, Some(Fen(1234)));
        }
    }
}

#[test]
fn fund_flow_bill_parses_and_checks() {
    let bill = fund_flow_sample();
    for bytes in [bill.clone(), gzip(&bill)] {
        let mut reader = BillReader::new(bytes.as_slice()).unwrap();
        assert_eq!(reader.kind(), BillKind::FundFlow);
        assert_eq!(reader.trade_type(), None);
        let records = (&mut reader).collect::<Result<Vec<_>, _>>().unwrap();
        let Record::FundFlow(r) = &records[1] else {
            panic!()
        };
        assert_eq!(r.booked_time.as_deref(), Some("2021-02-01 13:54:01"));
        assert_eq!(
            r.business_no.as_deref(),
            Some("50300806962021020105978994968")
        );
        assert_eq!(r.flow_no.as_deref(), Some("4200000920202101197964319284"));
        assert_eq!(r.business_name.as_deref(), Some("退款"));
        assert_eq!(r.direction, Some(Direction::Expense));
        assert_eq!(r.amount_fen, Some(Fen(1)));
        assert_eq!(r.balance_fen, Some(Fen(22)));
        assert_eq!(r.applicant.as_deref(), Some("1601959334API"));
        assert_eq!(r.remark.as_deref(), Some("退款总金额0.01元;含手续费0.00元"));
        assert_eq!(r.voucher_no.as_deref(), Some("S20210201135356381941"));
        let report = reader.check().unwrap();
        assert_eq!(report.records, 3);
        assert_eq!(report.compared.len(), 5);
    }
}

#[test]
fn fund_flow_bill_in_the_apiv2_spelling() {
    // Full-width parentheses in the header and `20.0`-style counts (apiv3.md §9.3).
    let text = String::from_utf8(fund_flow_sample())
        .unwrap()
        .replace("(元)", "（元）")
        .replace("`3,`1,`0.01,`2,`0.02", "`3.0,`1.0,`0.01,`2.0,`0.02");
    assert!(text.contains("收支金额（元）"));
    let mut reader = BillReader::new(text.as_bytes()).unwrap();
    assert_eq!(reader.header()[6], "收支金额(元)");
    assert_eq!(reader.check().unwrap().compared.len(), 5);
}

#[test]
fn fund_flow_check_names_each_mismatch() {
    let text = String::from_utf8(fund_flow_sample())
        .unwrap()
        .replace("`3,`1,`0.01,`2,`0.02", "`3,`2,`0.01,`1,`0.03");
    let err = BillReader::new(text.as_bytes())
        .unwrap()
        .check()
        .unwrap_err();
    let BillError::Check { mismatches } = err else {
        panic!()
    };
    let fields: Vec<&str> = mismatches.iter().map(|m| m.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "收入笔数 (income_count)",
            "支出笔数 (expense_count)",
            "支出金额 (expense_fen)"
        ]
    );
    assert_eq!(mismatches[2].expected, "0.03");
    assert_eq!(mismatches[2].computed, "0.02");
}

/// Replace the first occurrence of `from` in line `line` (1-based) of the v3 sample.
fn v3_with(line: usize, from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(sample(V3)).unwrap();
    let lines: Vec<String> = text
        .split("\r\n")
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line {
                l.replacen(from, to, 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    lines.join("\r\n").into_bytes()
}

fn first_error(bytes: &[u8]) -> BillError {
    match BillReader::new(bytes) {
        Err(e) => e,
        Ok(mut r) => r.check().unwrap_err(),
    }
}

#[test]
fn errors_name_the_line_and_the_column() {
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            v3_with(3, "`0.01,`0.00,`0,", "`0.015,`0.00,`0,"),
            "line 3, column 应结订单金额 (settlement_total_fen): \"0.015\" has more than 2 decimals",
        ),
        (
            v3_with(2, "`0.00000", "`0.000001"),
            "line 2, column 手续费 (fee): \"0.000001\" has more than 5 decimals",
        ),
        (
            v3_with(4, "`0.01,`0.00,`0,", "`,`0.00,`0,"),
            "line 4, column 应结订单金额 (settlement_total_fen): empty where an amount is expected",
        ),
        (
            v3_with(4, "`0.01,`0.00,`0,", "`-0.01,`0.00,`0,"),
            "line 4, column 应结订单金额 (settlement_total_fen): \"-0.01\" is negative",
        ),
        (
            v3_with(2, "`for testing", "`for, testing"),
            "line 2: 28 fields where the header has 27",
        ),
        (
            v3_with(6, "`3,", "`3.5,"),
            "line 6, column 总交易单数 (count): \"3.5\" is not a whole count",
        ),
        (
            v3_with(5, "总交易单数", "合计"),
            "line 5: expected a record (fields starting with `) or the summary header",
        ),
    ];
    for (bytes, want) in cases {
        let err = first_error(&bytes);
        let text = err.to_string();
        assert!(text.starts_with(want), "want {want:?}, got {text:?}");
        assert_eq!(kind_of(err), Kind::Verification, "{text}");
    }
}

#[test]
fn a_bill_cut_short_or_with_trailing_content_is_an_error() {
    let text = String::from_utf8(sample(V3)).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    // Without its summary (a truncated download saved as is).
    let cut = lines[..4].join("\r\n") + "\r\n";
    let err = first_error(cut.as_bytes()).to_string();
    assert!(
        err.starts_with("line 4: the bill ends without its summary line"),
        "{err}"
    );
    // Summary header without the summary line.
    let cut = lines[..5].join("\r\n");
    let err = first_error(cut.as_bytes()).to_string();
    assert!(
        err.contains("line 5: the summary header is not followed by the summary line"),
        "{err}"
    );
    // Something after the summary line.
    let more = text.clone() + "`x\r\n";
    let err = first_error(more.as_bytes()).to_string();
    assert!(
        err.starts_with("line 7: unexpected content after the summary line"),
        "{err}"
    );
    // Trailing blank lines are fine, and LF-only line endings too.
    let blank = text.clone() + "\r\n\r\n";
    assert!(BillReader::new(blank.as_bytes()).unwrap().check().is_ok());
    let lf = text.replace("\r\n", "\n");
    assert!(BillReader::new(lf.as_bytes()).unwrap().check().is_ok());
}

#[test]
fn not_a_bill() {
    for (bytes, want) in [
        (&b""[..], "not a WeChat Pay bill: the file is empty"),
        (
            &b"[package]\nname = 1\n"[..],
            "not a WeChat Pay bill: line 1 (\"[package]\")",
        ),
        (
            "`2021-01-28,`x\r\n".as_bytes(),
            "not a WeChat Pay bill: line 1 is a record",
        ),
    ] {
        let err = BillReader::new(bytes).err().unwrap();
        assert!(err.to_string().starts_with(want), "{err}");
        assert_eq!(kind_of(err), Kind::Usage);
    }
    let not_utf8 = [TRADE_ALL_HEADER.as_bytes(), b"\r\n`\xff\xfe\r\n"].concat();
    let err = first_error(&not_utf8).to_string();
    assert_eq!(err, "line 2: not UTF-8 (at byte 2 of the line)");
    let long = [TRADE_ALL_HEADER.as_bytes(), b"\r\n", &vec![b'`'; 2 << 20]].concat();
    let err = first_error(&long).to_string();
    assert!(err.starts_with("line 2: longer than"), "{err}");
}

#[test]
fn a_truncated_gzip_file_is_a_bad_file() {
    let gz = gzip(&sample(PHP));
    let cut = &gz[..gz.len() - 4];
    let err = first_error(cut);
    assert!(matches!(err, BillError::Gzip { .. }), "{err:?}");
    assert_eq!(kind_of(err), Kind::Verification);
}

#[test]
fn fund_flow_header_and_direction_errors() {
    let bad = String::from_utf8(fund_flow_sample())
        .unwrap()
        .replacen("`收入", "`入账", 1);
    let err = first_error(bad.as_bytes()).to_string();
    assert_eq!(
        err,
        "line 2, column 收支类型 (direction): \"入账\" is neither 收入 nor 支出"
    );
    assert!(FUND_FLOW_HEADER.contains("收支金额(元)"));
}

#[test]
fn a_bill_without_records_still_has_a_summary() {
    let bill = bill_file(&[
        TRADE_ALL_HEADER.into(),
        TRADE_SUMMARY_HEADER.into(),
        "`0,`0.00,`0.00,`0.00,`0.00000,`0.00,`0.00".into(),
    ]);
    let mut reader = BillReader::new(bill.as_slice()).unwrap();
    assert!(reader.next().is_none());
    assert_eq!(reader.check().unwrap().records, 0);
    // A header alone is a cut-off file, not an empty bill.
    let cut = bill_file(&[TRADE_ALL_HEADER.into()]);
    assert!(
        first_error(&cut)
            .to_string()
            .starts_with("line 1: the bill ends without its summary line")
    );
}
