//! Several profiles in one run (issue 14 item 7): `--profile a,b,c` and `--all-profiles` for
//! `bill download` (the bills of each merchant side by side, one row per profile, exit = the
//! worst row's) and `bill reconcile` (every profile's bill read as one set against one export),
//! a comma in `--profile` refused everywhere else, and `--all-profiles` never mixing the sandbox's
//! profiles with real ones.

use std::fs;
use std::path::Path;

use serde_json::Value;
use wxcombine::bill::{BillReader, Record};
use wxcombine::sandbox::FaultKind;

use crate::harness::{Lab, exit, json, stderr};

const DAY: &str = "2026-05-01";
const READY: &str = "2026-05-02T11:00:00+08:00";
const ALL3: &str = "sandbox,sandbox-sub1,sandbox-sub2";

/// A direct-mode lab: 4 combine orders on DAY, sub-order 0 the main merchant's, sub-order 1
/// sub1's or sub2's in turn, so each of the three merchants has a bill.
fn lab() -> Lab {
    let lab = Lab::new();
    lab.sb.set_clock(READY).unwrap();
    lab.sb.seed(DAY, 4).unwrap();
    fs::create_dir_all(lab.env.path().join("bills")).unwrap();
    lab
}

fn download(lab: &Lab, extra: &[&str]) -> std::process::Output {
    lab.cmd()
        .args(["-q", "bill", "download", "--date", DAY, "--dir", "bills"])
        .args(extra)
        .output()
        .unwrap()
}

fn bill_name(mchid: &str) -> String {
    format!("tradebill_{mchid}_{DAY}_ALL.csv")
}

fn payments(path: &Path) -> Vec<(String, i64)> {
    let mut r = BillReader::new(fs::File::open(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for rec in &mut r {
        if let Record::Trade(t) = rec.unwrap()
            && t.trade_state.as_deref() == Some("SUCCESS")
        {
            out.push((t.out_trade_no.unwrap(), t.total_fen.unwrap().0));
        }
    }
    out
}

/// Add a production profile `shop` (a copy of `sandbox` with env = "production") to the config.
fn add_production_profile(lab: &Lab) {
    let path = lab.config();
    let mut doc: toml::Table = fs::read_to_string(&path).unwrap().parse().unwrap();
    let profiles = doc["profiles"].as_table_mut().unwrap();
    let mut shop = profiles["sandbox"].as_table().unwrap().clone();
    shop.insert("env".into(), toml::Value::String("production".into()));
    // Never reached: --all-profiles from a sandbox profile leaves it out.
    shop.insert(
        "base_url".into(),
        toml::Value::String("https://api.mch.weixin.qq.com".into()),
    );
    shop.remove("backup_base_url");
    shop.remove("notify_url");
    profiles.insert("shop".into(), toml::Value::Table(shop));
    fs::write(&path, toml::to_string(&doc).unwrap()).unwrap();
}

#[test]
fn several_profiles_download_side_by_side_one_row_each() {
    let lab = lab();
    let out = download(&lab, &["--profile", ALL3, "-o", "json"]);
    exit(&out, 0);
    let rows = json(&out);
    let rows = rows.as_array().unwrap();
    let who: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["profile"].as_str().unwrap(), r["mchid"].as_str().unwrap()))
        .collect();
    let (m0, m1, m2) = (lab.mchid(0), lab.mchid(1), lab.mchid(2));
    assert_eq!(
        who,
        [
            ("sandbox", m0.as_str()),
            ("sandbox-sub1", m1.as_str()),
            ("sandbox-sub2", m2.as_str())
        ]
    );
    assert!(rows.iter().all(|r| r["status"] == "downloaded"), "{rows:?}");
    for m in [&m0, &m1, &m2] {
        assert!(lab.env.path().join("bills").join(bill_name(m)).is_file());
    }

    // --all-profiles from a sandbox profile: the three sandbox profiles, not the production one.
    add_production_profile(&lab);
    let out = download(&lab, &["--all-profiles", "-o", "json"]);
    exit(&out, 0);
    let rows = json(&out);
    let names: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["profile"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["sandbox", "sandbox-sub1", "sandbox-sub2"]);
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "up_to_date"),
        "{rows}"
    );
}

#[test]
fn a_failing_profile_does_not_stop_the_others_and_sets_the_exit_code() {
    let lab = lab();
    // The first application's hash is wrong: the main merchant's bill fails verification.
    lab.fault(FaultKind::WrongHash, 1);
    let out = download(&lab, &["--profile", "sandbox,sandbox-sub1", "-o", "json"]);
    exit(&out, 6);
    let rows = json(&out);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["profile"], "sandbox");
    assert_eq!(rows[0]["error"]["kind"], "verification", "{rows:?}");
    assert_eq!(rows[1]["status"], "downloaded", "{rows:?}");
    let names: Vec<String> = fs::read_dir(lab.env.path().join("bills"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [bill_name(&lab.mchid(1))]);
}

#[test]
fn reconcile_reads_every_named_profiles_bill_as_one_set() {
    let lab = lab();
    exit(&download(&lab, &["--profile", ALL3]), 0);
    let mut export = String::from("out_trade_no,amount,state\n");
    let mut n = 0;
    for i in 0..3 {
        for (no, fen) in payments(&lab.env.path().join("bills").join(bill_name(&lab.mchid(i)))) {
            export.push_str(&format!("{no},{fen},SUCCESS\n"));
            n += 1;
        }
    }
    assert_eq!(n, 8, "{export}");
    fs::write(lab.env.path().join("orders.csv"), &export).unwrap();
    let reconcile = |extra: &[&str]| {
        lab.cmd()
            .args([
                "-q",
                "bill",
                "reconcile",
                "--date",
                DAY,
                "--orders",
                "orders.csv",
                "-o",
                "json",
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = reconcile(&["--profile", ALL3]);
    exit(&out, 0);
    let v: Value = json(&out);
    assert_eq!(v["classes"]["matched"]["count"], 8, "{v}");
    let out = reconcile(&["--all-profiles"]);
    exit(&out, 0);
    assert_eq!(json(&out)["classes"]["matched"]["count"], 8);
    // One profile's bill alone: the other merchants' orders are missing from it.
    let out = reconcile(&["--profile", "sandbox"]);
    exit(&out, 6);
    let v = json(&out);
    assert_eq!(v["classes"]["missing_in_bill"]["count"], 4, "{v}");
}

#[test]
fn a_comma_in_profile_is_refused_by_every_other_command_and_nothing_is_sent() {
    let lab = lab();
    let out = lab
        .cmd()
        .args(["-q", "query", "P20260501000001", "--profile", ALL3])
        .output()
        .unwrap();
    exit(&out, 2);
    assert!(
        stderr(&out).contains("only bill download and bill reconcile accept several profiles"),
        "{}",
        stderr(&out)
    );
    for extra in [
        &["--profile", ALL3, "--all-profiles"][..],
        &["--profile", "sandbox,,sandbox-sub1"][..],
        &["--profile", ALL3, "--out", "x.csv"][..],
    ] {
        let out = download(&lab, extra);
        exit(&out, 2);
    }
    let out = download(&lab, &["--profile", "sandbox,nobody"]);
    exit(&out, 3);
    assert!(stderr(&out).contains("nobody"), "{}", stderr(&out));
    assert_eq!(lab.api_requests("/v3/"), 0, "{:?}", lab.sb.requests());
}
