//! Every `wxcombine …` line of README.md's ```sh blocks, run as written (through `sh -c`, so
//! redirections and pipes are the README's own) against an in-process sandbox (issue 15, item 2):
//! the README and the tool cannot drift apart. A line that needs something the test cannot give
//! is skipped with its reason in [`SKIP`]; a skip that no longer matches a README line fails, so
//! the list cannot go stale either.

use std::path::Path;

use wxcombine::config::edit::ConfigEdit;
use wxcombine::sandbox::{KeyMode, SandboxOptions};

use crate::harness::Lab;
use crate::harness::lab::prepay_body;

/// README lines (by prefix) not run, and why.
const SKIP: &[(&str, &str)] = &[
    (
        "wxcombine prepay --scene native --body order.json",
        "needs the reader's own order.json",
    ),
    (
        "wxcombine sign-pay --prepay-id wx2014… --timestamp",
        "holds elided values (…)",
    ),
    (
        "wxcombine bill parse ",
        "needs a bill file the reader downloaded",
    ),
    (
        "wxcombine notify decrypt --raw captured-request.txt",
        "needs a captured notification",
    ),
    ("wxcombine notify listen", "runs until stopped"),
    (
        "wxcombine notify replay captures/",
        "needs a capture saved by notify listen --save-raw (tested in notify::capture)",
    ),
    (
        "wxcombine profile init shop ",
        "needs a merchant's own files, and its --check reaches WeChat Pay (tested in cli::profile_init)",
    ),
    (
        "wxcombine bill download --date yesterday --sub-mchid",
        "needs a 服务商 sandbox (sandbox serve --service-provider), where the prepay example's mchid= is refused",
    ),
    (
        "wxcombine sandbox serve",
        "runs until stopped (the test's sandbox stands in for it)",
    ),
    ("wxcombine completions zsh > \"${fpath[1]}", "zsh syntax"),
    (
        "wxcombine bill reconcile --date yesterday --orders orders.csv",
        "needs the shop's own orders.csv and an `alert` command (tested in bills::reconcile)",
    ),
    (
        "wxcombine bill download --date yesterday --profile shop,shop-tea",
        "needs a second merchant's profile (tested in bills::profiles)",
    ),
    (
        "wxcombine bill reconcile --date yesterday --all-profiles --orders orders.csv",
        "needs the shops' own orders.csv and an `alert` command (tested in bills::profiles)",
    ),
    (
        "wxcombine bill reconcile --bill ",
        "needs a bill file the reader downloaded and the shop's export on stdin (tested in bills::reconcile)",
    ),
];

/// The README's January range, which the test moves to last month: bills are kept for three
/// months only (the sandbox refuses older ones as WeChat Pay does), so a fixed range in the README
/// is an example of the syntax, not of the dates.
const README_RANGE: &str = "--from 2026-01-01 --to 2026-01-31";

/// Changes made to a line before it runs, and why.
const REWRITE: &[(&str, &str, &str)] = &[
    ("/srv/bills", "srv/bills", "a folder the test may write"),
    (
        "--reason 缺货",
        "--reason 缺货 --yes",
        "no terminal to confirm at (a script passes --yes)",
    ),
    (
        "--orders 100000",
        "--orders 50",
        "the same command, fewer orders",
    ),
];

/// The `wxcombine` command lines of the ```sh blocks: `\` continuations joined, comments dropped.
fn readme_commands(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_sh = false;
    let mut pending = String::new();
    for line in text.lines() {
        if line.starts_with("```") {
            in_sh = !in_sh && line.trim() == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        let line = line.trim();
        if let Some(cont) = line.strip_suffix('\\') {
            pending.push_str(cont);
            continue;
        }
        pending.push_str(line);
        let full = std::mem::take(&mut pending);
        // A comment is ` # …` after the command (never inside one of the README's commands).
        let cmd = match full.find("  #").or_else(|| full.find(" # ")) {
            Some(i) => full[..i].trim_end().to_string(),
            None => full.trim_end().to_string(),
        };
        if cmd.starts_with("wxcombine ") {
            out.push(cmd);
        }
    }
    out
}

#[test]
fn readme_commands_are_found() {
    let cmds = readme_commands(
        "```sh\n# c\nwxcombine a \\\n  --b c   # d\ncargo x\n```\n```toml\nwxcombine no\n```\n",
    );
    assert_eq!(cmds, vec!["wxcombine a --b c"]);
}

#[test]
fn every_readme_example_runs_against_the_sandbox() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let cmds = readme_commands(&readme);
    assert!(cmds.len() >= 20, "{cmds:#?}");
    for (prefix, _) in SKIP {
        assert!(
            cmds.iter().any(|c| c.starts_with(prefix)),
            "SKIP entry {prefix:?} matches no README command: remove it"
        );
    }

    // Mixed mode: `certs download`, `certs list` and `rotate-cert` have certificates to show.
    let lab = Lab::with(SandboxOptions {
        key_mode: KeyMode::Mixed,
        ..SandboxOptions::default()
    });
    // The README's production profile `shop`, here a copy of the sandbox's own.
    let mut edit = ConfigEdit::open(&lab.config()).unwrap();
    let sandbox = edit.profile("sandbox").unwrap();
    edit.set_profile("shop", sandbox).unwrap();
    edit.write().unwrap();
    // The orders and bills the examples name.
    for no in ["C20260101120000123456", "P20260101000001"] {
        lab.prepay("sandbox", &prepay_body(no, "http://127.0.0.1:9/notify"));
    }
    // The refund examples' order: paid, with the README's sub-order numbers.
    let mut paid = prepay_body("C20260102090000654321", "http://127.0.0.1:9/notify");
    paid["sub_orders"][0]["out_trade_no"] = "S20260102001".into();
    paid["sub_orders"][1]["out_trade_no"] = "S20260102002".into();
    paid["sub_orders"][0]["amount"]["total_amount"] = 500.into();
    lab.prepay("sandbox", &paid);
    lab.sb.pay("C20260102090000654321").unwrap();
    std::fs::write(lab.env.path().join("orders.txt"), "C20260101120000123456\n").unwrap();
    std::fs::create_dir_all(lab.env.path().join("srv/bills")).unwrap();
    let beijing = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8));
    let yesterday = (beijing.date() - time::Duration::days(1)).to_string();
    lab.sb.seed(&yesterday, 2).unwrap();
    lab.sb.seed("2026-01-31", 2).unwrap();
    let first = beijing.date().replace_day(1).unwrap() - time::Duration::days(1);
    let first = first.replace_day(1).unwrap();
    let mut day = first;
    let mut last = first;
    while day.month() == first.month() {
        lab.sb.seed(&day.to_string(), 1).unwrap();
        last = day;
        day = day.next_day().unwrap();
    }
    let last_month = format!("--from {first} --to {last}");
    assert!(
        readme.contains(README_RANGE),
        "README_RANGE is no longer in README.md"
    );

    let bin = assert_cmd::cargo::cargo_bin("wxcombine");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut failures = Vec::new();
    let mut ran = 0;
    for cmd in &cmds {
        if SKIP.iter().any(|(p, _)| cmd.starts_with(p)) {
            continue;
        }
        let mut line = cmd.clone();
        for (from, to, _) in REWRITE {
            line = line.replace(from, to);
        }
        line = line.replace(README_RANGE, &last_month);
        let o = std::process::Command::new("sh")
            .args(["-c", &format!("set -e; {line}")])
            .env_clear()
            .env("PATH", &path)
            .env("HOME", lab.env.home())
            .env("WXCOMBINE_CONFIG", lab.config())
            .current_dir(lab.env.path())
            .output()
            .unwrap();
        ran += 1;
        if !o.status.success() {
            failures.push(format!(
                "{line}\n  exit {:?}\n  {}\n  stdout: {}",
                o.status.code(),
                String::from_utf8_lossy(&o.stderr)
                    .trim_end()
                    .replace('\n', "\n  "),
                String::from_utf8_lossy(&o.stdout)
                    .chars()
                    .take(400)
                    .collect::<String>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} README examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
