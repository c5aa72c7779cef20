//! Bills for the bill tests: the two real samples, gzip made at test time, and synthetic bills
//! generated in the exact format of apiv3.md §9 (BOM, CRLF, backticked fields, summary line).

use std::io::Write;

use super::read_fixture;

pub const PHP: &str = "bills/bill_trade_ALL_php_sdk_fixture.csv";
pub const PHP_SHA1: &str = "9bb6cd819be348f17a9cbcedddc8eb62fefbd790";
pub const PHP_ROWS: u64 = 45;
pub const V3: &str = "bills/bill_trade_ALL_v3_reconstructed_bom_crlf.csv";
pub const V3_SHA1: &str = "dcd7ceb3d382a1181798368bb15d8437de46c00f";
pub const V3_ROWS: u64 = 3;

/// (fixture, SHA-1, detail rows)
pub const SAMPLES: [(&str, &str, u64); 2] = [(PHP, PHP_SHA1, PHP_ROWS), (V3, V3_SHA1, V3_ROWS)];

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

pub fn sample(rel: &str) -> Vec<u8> {
    read_fixture(rel)
}

pub const TRADE_ALL_HEADER: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
pub const TRADE_SUMMARY_HEADER: &str =
    "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

/// `1234` fen → `12.34`.
pub fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// 0.00001 元 units → `0.01800`; negative for a refund row's returned fee (`-0.00100`).
pub fn fee(units: i64) -> String {
    wxcombine::money::Fee(units).to_string()
}

/// The data line of a trade bill's summary (under [`TRADE_SUMMARY_HEADER`]), 充值券退款总金额
/// zero: fen, and fees in 0.00001 元 units.
pub fn trade_summary_line(
    rows: usize,
    settled: u64,
    refunded: u64,
    fees: i64,
    totals: u64,
    applied: u64,
) -> String {
    data_line(&[
        rows.to_string(),
        yuan(settled),
        yuan(refunded),
        "0.00".into(),
        fee(fees),
        yuan(totals),
        yuan(applied),
    ])
}

/// Backtick every field and join them: one data line without its CRLF.
pub fn data_line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| format!("`{f}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Lines → a bill file: BOM, CRLF after every line (§9.1).
pub fn bill_file(lines: &[String]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    for l in lines {
        out.extend_from_slice(l.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// A trade ALL bill of `n` records — every seventh a refund row — with a correct summary line.
/// `tamper` may change the settlement amount of one record (index, new fen) after the summary
/// was computed.
pub fn synthetic_trade_all(n: u64, tamper: Option<(u64, u64)>) -> Vec<u8> {
    let mut lines = vec![TRADE_ALL_HEADER.to_string()];
    let (mut settled, mut refunded, mut fees, mut totals, mut applied) = (0, 0, 0, 0, 0);
    for i in 0..n {
        let refund = i % 7 == 6;
        let amount = 1 + (i * 37) % 100_000;
        let fee_units = amount * 600; // 0.6% of the amount, in 0.00001 元: exact
        let (settle, refund_fen, total) = if refund {
            (0, amount, 0)
        } else {
            (amount, 0, amount)
        };
        settled += settle;
        refunded += refund_fen;
        applied += refund_fen;
        totals += total;
        fees += fee_units;
        let shown_settle = match tamper {
            Some((at, v)) if at == i => v,
            _ => settle,
        };
        let f: Vec<String> = vec![
            format!(
                "2024-05-01 {:02}:{:02}:{:02}",
                (i / 3600) % 24,
                (i / 60) % 60,
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
            if refund { "REFUND" } else { "SUCCESS" }.into(),
            "OTHERS".into(),
            "CNY".into(),
            yuan(shown_settle),
            "0.00".into(),
            if refund {
                format!("50300{i:024}")
            } else {
                "0".into()
            },
            if refund {
                format!("R{i:019}")
            } else {
                "0".into()
            },
            yuan(refund_fen),
            "0.00".into(),
            if refund { "ORIGINAL" } else { "" }.into(),
            if refund { "SUCCESS" } else { "" }.into(),
            "合单子单\\ 测试".into(),
            "a=1".into(),
            fee(fee_units as i64),
            "0.60%".into(),
            yuan(total),
            yuan(refund_fen),
            String::new(),
        ];
        lines.push(data_line(&f));
    }
    lines.push(TRADE_SUMMARY_HEADER.into());
    lines.push(trade_summary_line(
        n as usize,
        settled,
        refunded,
        fees as i64,
        totals,
        applied,
    ));
    bill_file(&lines)
}

pub const FUND_FLOW_HEADER: &str = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号";

/// The v3 fund-flow sample of §9.3 with its third row filled in (an income of 0.01 that the
/// summary `3,1,0.01,2,0.02` implies).
pub fn fund_flow_sample() -> Vec<u8> {
    let rows: [[&str; 11]; 3] = [
        [
            "2021-02-01 10:00:00",
            "50300806962021020105978990001",
            "4200000920202101197964310001",
            "交易",
            "交易",
            "收入",
            "0.01",
            "0.23",
            "1601959334API",
            "",
            "S20210201100000000001",
        ],
        [
            "2021-02-01 13:54:01",
            "50300806962021020105978994968",
            "4200000920202101197964319284",
            "退款",
            "退款",
            "支出",
            "0.01",
            "0.22",
            "1601959334API",
            "退款总金额0.01元;含手续费0.00元",
            "S20210201135356381941",
        ],
        [
            "2021-02-01 14:00:45",
            "50300907032021020105978998710",
            "4200000846202101197461830397",
            "退款",
            "退款",
            "支出",
            "0.01",
            "0.21",
            "1601959334API",
            "退款总金额0.01元;含手续费0.00元",
            "S20210201140044552846",
        ],
    ];
    let mut lines = vec![FUND_FLOW_HEADER.to_string()];
    for r in rows {
        lines.push(data_line(&r.map(String::from)));
    }
    lines.push("资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额".into());
    lines.push("`3,`1,`0.01,`2,`0.02".into());
    bill_file(&lines)
}
