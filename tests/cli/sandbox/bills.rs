//! Sandbox bills (apiv3.md §8, §9, §13.24–26): availability on the business clock, exact format,
//! SHA-1 over the uncompressed bytes, gzip, one-time 30 s tokens, same-merchant downloads.

use std::io::Read;

use sha1::{Digest, Sha1};
use wxcombine::api::types::BillApplyResponse;
use wxcombine::api::{AccountType, BillType, Request};

use crate::harness::Lab;
use crate::harness::lab::*;
use crate::harness::raw::*;

fn sha1_hex(b: &[u8]) -> String {
    Sha1::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

fn apply(sb: &Lab, who: &str, req: &Request) -> BillApplyResponse {
    serde_json::from_slice(&sb.call(who, req).body).unwrap()
}

fn download(sb: &Lab, who: &str, url: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    block_on(sb.client(who).download(url, |c| {
        out.extend_from_slice(c);
        Ok(())
    }))
    .map_err(|e| e.to_string())?;
    Ok(out)
}

fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(b)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// Two paid orders on 2026-04-01 (main + sub1 sub-orders each), clock then at 04-02 10:01.
fn with_paid_day() -> Lab {
    let sb = Lab::new();
    sb.sb.set_clock("2026-04-01T09:30:00+08:00").unwrap();
    for no in ["P500001", "P500002"] {
        sb.prepay("sandbox", &sb.body(no));
        sb.sb.pay(no).unwrap();
    }
    sb.sb.set_clock("2026-04-02T10:01:00+08:00").unwrap();
    sb
}

#[test]
fn every_bill_type_hashes_to_its_announced_sha1() {
    let sb = with_paid_day();
    let cases = [
        (
            "sandbox",
            Request::trade_bill("2026-04-01", None, Some(BillType::All), false),
        ),
        (
            "sandbox",
            Request::trade_bill("2026-04-01", None, None, true),
        ),
        (
            "sandbox-sub1",
            Request::trade_bill("2026-04-01", None, Some(BillType::Success), false),
        ),
        (
            "sandbox",
            Request::fundflow_bill("2026-04-01", Some(AccountType::Basic), true),
        ),
        (
            "sandbox-sub1",
            Request::fundflow_bill("2026-04-01", None, false),
        ),
        // The main merchant's 0.10 sub-orders cost no fee (0.6 % rounds to 0); sub1's do.
        (
            "sandbox-sub1",
            Request::fundflow_bill("2026-04-01", Some(AccountType::Fees), false),
        ),
    ];
    for (who, req) in cases {
        let gz = req.path.contains("GZIP");
        let a = apply(&sb, who, &req);
        assert_eq!(a.hash_type, "SHA1");
        assert!(
            a.download_url
                .starts_with(&format!("{}/v3/billdownload/file?token=", sb.sb.base_url())),
            "{}",
            a.download_url
        );
        let raw = download(&sb, who, &a.download_url).unwrap();
        let plain = if gz { gunzip(&raw) } else { raw };
        assert_eq!(sha1_hex(&plain), a.hash_value, "{}", req.path);
        assert!(plain.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(plain[3..].to_vec()).unwrap();
        assert!(text.ends_with("\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
    }
    // No refunds, and nothing moves through the operation account.
    for req in [
        Request::trade_bill("2026-04-01", None, Some(BillType::Refund), false),
        Request::fundflow_bill("2026-04-01", Some(AccountType::Operation), false),
        Request::fundflow_bill("2026-04-01", Some(AccountType::Fees), false),
    ] {
        let e = sb.call_err("sandbox", &req);
        assert_eq!((e.status, e.code.as_str()), (400, "NO_STATEMENT_EXIST"));
    }
}

#[test]
fn each_merchant_sees_only_its_own_sub_orders() {
    let sb = with_paid_day();
    let q = sb.query("sandbox", "P500001");
    for (who, mchid, idx, amount) in [
        ("sandbox", MAIN, 0, "0.10"),
        ("sandbox-sub1", SUB1, 1, "2.50"),
    ] {
        let a = apply(
            &sb,
            who,
            &Request::trade_bill("2026-04-01", None, Some(BillType::All), false),
        );
        let text = String::from_utf8(download(&sb, who, &a.download_url).unwrap()).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines[0],
            "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
        );
        let rows: Vec<Vec<&str>> = lines[1..3].iter().map(|l| l.split(',').collect()).collect();
        for r in &rows {
            assert_eq!(r.len(), 27);
            assert!(r.iter().all(|f| f.starts_with('`')));
            assert_eq!(r[2], format!("`{mchid}"));
            assert_eq!(r[3], "`0");
            assert_eq!(r[9], "`SUCCESS");
            assert_eq!(r[12], format!("`{amount}"));
            assert_eq!(r[23], "`0.60%");
        }
        assert_eq!(
            rows[0][5],
            format!(
                "`{}",
                q["sub_orders"][idx]["transaction_id"].as_str().unwrap()
            )
        );
        assert_eq!(
            lines[3],
            "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额"
        );
        let (total, fee) = if mchid == MAIN {
            ("0.20", "0.00000")
        } else {
            ("5.00", "0.04000")
        };
        assert_eq!(
            lines[4],
            format!("`2,`{total},`0.00,`0.00,`{fee},`{total},`0.00")
        );
        assert_eq!(lines[5], "");
    }
    // sub2 had nothing that day.
    let e = sb.call_err(
        "sandbox-sub2",
        &Request::trade_bill("2026-04-01", None, None, false),
    );
    assert_eq!(e.code, "NO_STATEMENT_EXIST");
}

#[test]
fn availability_follows_the_business_clock() {
    let sb = Lab::new();
    sb.sb.set_clock("2026-04-01T09:30:00+08:00").unwrap();
    sb.prepay("sandbox", &sb.body("P500010"));
    sb.sb.pay("P500010").unwrap();
    let req = Request::trade_bill("2026-04-01", None, None, false);
    // Today: not a bill day yet.
    let e = sb.call_err("sandbox", &req);
    assert_eq!((e.status, e.code.as_str()), (400, "INVALID_REQUEST"));
    sb.sb.set_clock("2026-04-02T09:59:59+08:00").unwrap();
    let e = sb.call_err("sandbox", &req);
    assert_eq!((e.status, e.code.as_str()), (400, "STATEMENT_CREATING"));
    sb.sb.set_clock("2026-04-02T10:00:00+08:00").unwrap();
    apply(&sb, "sandbox", &req);
    // A day without trades, a day too old, bad parameters.
    let e = sb.call_err(
        "sandbox",
        &Request::trade_bill("2026-03-31", None, None, false),
    );
    assert_eq!(e.code, "NO_STATEMENT_EXIST");
    let e = sb.call_err(
        "sandbox",
        &Request::trade_bill("2025-12-31", None, None, false),
    );
    assert_eq!(e.code, "INVALID_REQUEST");
    for path in [
        "/v3/bill/tradebill?bill_date=2026-4-01",
        "/v3/bill/tradebill?bill_date=2026-04-01&bill_type=ALL_SPECIAL",
        "/v3/bill/tradebill?bill_date=2026-04-01&tar_type=ZIP",
        "/v3/bill/tradebill?bill_date=2026-04-01&bill_date=2026-04-01",
        "/v3/bill/tradebill",
        "/v3/bill/fundflowbill?bill_date=2026-04-01&account_type=ALL",
    ] {
        let e = sb.call_err("sandbox", &Request::get(path));
        assert_eq!((e.status, e.code.as_str()), (400, "PARAM_ERROR"), "{path}");
    }
}

#[test]
fn tokens_are_one_time_short_lived_and_per_merchant() {
    let sb = with_paid_day();
    let req = Request::trade_bill("2026-04-01", None, None, false);
    let a = apply(&sb, "sandbox", &req);
    // Another merchant may not use it.
    let err = download(&sb, "sandbox-sub1", &a.download_url).unwrap_err();
    assert!(err.contains("403") && err.contains("NO_AUTH"), "{err}");
    download(&sb, "sandbox", &a.download_url).unwrap();
    let err = download(&sb, "sandbox", &a.download_url).unwrap_err();
    assert!(err.contains("INVALID_REQUEST"), "{err}");
    // 30 s of business time later, an unused token has expired.
    let a = apply(&sb, "sandbox", &req);
    sb.sb.advance_clock(31).unwrap();
    let err = download(&sb, "sandbox", &a.download_url).unwrap_err();
    assert!(err.contains("INVALID_REQUEST"), "{err}");
    // The download is not signed (§13.12).
    let a = apply(&sb, "sandbox", &req);
    let (_, path) = wxcombine::transport::split_url(&a.download_url).unwrap();
    let h = signed_headers(&sb.creds("sandbox"), "GET", &path, b"");
    let r = send(&a.download_url, "GET", &h, vec![]);
    assert_eq!(r.status, 200);
    assert!(r.header("Wechatpay-Signature").is_none());
    assert_eq!(r.header("Content-Type"), Some("text/plain; charset=utf-8"));
}

#[test]
fn seeded_bill_is_deterministic() {
    let sb = Lab::new();
    sb.sb.set_clock("2026-05-02T11:00:00+08:00").unwrap();
    sb.sb.seed("2026-05-01", 3).unwrap();
    let a = apply(
        &sb,
        "sandbox",
        &Request::trade_bill("2026-05-01", None, Some(BillType::All), false),
    );
    let bytes = download(&sb, "sandbox", &a.download_url).unwrap();
    assert_eq!(sha1_hex(&bytes), a.hash_value);
    let shown = String::from_utf8(bytes).unwrap().replace("\r\n", "⏎\n");
    insta::assert_snapshot!("sandbox_seeded_trade_bill", shown);
    let a = apply(
        &sb,
        "sandbox",
        &Request::fundflow_bill("2026-05-01", Some(AccountType::Basic), false),
    );
    let shown = String::from_utf8(download(&sb, "sandbox", &a.download_url).unwrap())
        .unwrap()
        .replace("\r\n", "⏎\n");
    insta::assert_snapshot!("sandbox_seeded_fundflow_bill", shown);
}

#[test]
fn refunds_show_in_query_and_in_refund_all_and_fund_flow_bills() {
    let sb = Lab::new();
    sb.sb.set_clock("2026-04-01T09:30:00+08:00").unwrap();
    sb.prepay("sandbox", &sb.body("P500020"));
    sb.sb.pay("P500020").unwrap();
    sb.sb.advance_clock(3600).unwrap();
    let r = sb.sb.refund("P500020", "P500020B", Some(100)).unwrap();
    assert_eq!(r["amount"]["refund"], 100);
    assert_eq!(r["refund_id"].as_str().unwrap().len(), 29);
    let q = sb.query("sandbox", "P500020");
    assert_eq!(q["sub_orders"][0]["trade_state"], "SUCCESS");
    assert_eq!(q["sub_orders"][1]["trade_state"], "REFUND");
    // More than is left, an unknown sub-order, an unpaid order: refused.
    assert!(sb.sb.refund("P500020", "P500020B", Some(151)).is_err());
    assert!(sb.sb.refund("P500020", "P500020X", None).is_err());
    sb.prepay("sandbox", &sb.body("P500021"));
    assert!(sb.sb.refund("P500021", "P500021A", None).is_err());

    sb.sb.set_clock("2026-04-02T10:01:00+08:00").unwrap();
    let fetch = |req: Request| {
        let a = apply(&sb, "sandbox-sub1", &req);
        let bytes = download(&sb, "sandbox-sub1", &a.download_url).unwrap();
        assert_eq!(sha1_hex(&bytes), a.hash_value);
        String::from_utf8(bytes).unwrap()
    };
    let refund = fetch(Request::trade_bill(
        "2026-04-01",
        None,
        Some(BillType::Refund),
        false,
    ));
    let lines: Vec<&str> = refund
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .collect();
    assert_eq!(lines.len(), 5, "{refund}");
    let row: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(row.len(), 29);
    assert_eq!(row[9], "`REFUND");
    assert_eq!(row[14], "`2026-04-01 10:30:00");
    assert_eq!(row[16], format!("`{}", r["refund_id"].as_str().unwrap()));
    assert_eq!(row[18], "`1.00");
    assert_eq!(row[20], "`ORIGINAL");
    assert_eq!(row[24], "`-0.01000");
    assert_eq!(lines[3], "`1,`0.00,`1.00,`0.00,`-0.01000,`0.00,`1.00");

    let all = fetch(Request::trade_bill("2026-04-01", None, None, false));
    let lines: Vec<&str> = all.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines.len(), 6, "{all}");
    assert!(lines[1].contains("`SUCCESS") && lines[2].contains("`REFUND"));
    assert_eq!(lines[4], "`2,`2.50,`1.00,`0.00,`0.01000,`2.50,`1.00");
    let success = fetch(Request::trade_bill(
        "2026-04-01",
        None,
        Some(BillType::Success),
        false,
    ));
    assert!(!success.contains("`REFUND"));

    let basic = fetch(Request::fundflow_bill("2026-04-01", None, false));
    let lines: Vec<&str> = basic.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(
        lines[2].contains("`退款,`退款,`支出,`1.00,`1.50,"),
        "{basic}"
    );
    assert_eq!(lines[4], "`2,`1,`2.50,`1,`1.00");
}
