//! The permissions of downloaded bills (issue 15 item 11): 0600 like every other file the tool
//! writes, `bill download --mode OCTAL` to choose others, and a bad `--mode` refused (exit 2,
//! naming the flag) before anything is sent.

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use crate::harness::{Lab, exit, stderr};

const DAY: &str = "2026-05-01";
const READY: &str = "2026-05-02T11:00:00+08:00";

fn mode_of(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn download(lab: &Lab, dir: &str, extra: &[&str]) -> std::process::Output {
    fs::create_dir_all(lab.env.path().join(dir)).unwrap();
    lab.cmd()
        .args(["-q", "bill", "download", "--date", DAY, "--dir", dir])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn bills_are_written_0600_unless_mode_says_otherwise() {
    let lab = Lab::new();
    lab.sb.set_clock(READY).unwrap();
    lab.sb.seed(DAY, 3).unwrap();
    let name = format!("tradebill_{}_{DAY}_ALL.csv", lab.mchid(0));

    exit(&download(&lab, "a", &[]), 0);
    assert_eq!(mode_of(&lab.env.path().join("a").join(&name)), 0o600);

    // Exactly the mode asked for, the umask notwithstanding; the kept .gz too.
    exit(
        &download(&lab, "b", &["--mode", "0664", "--gzip", "--keep-gzip"]),
        0,
    );
    let b = lab.env.path().join("b").join(&name);
    assert_eq!(mode_of(&b), 0o664);
    assert_eq!(mode_of(&b.with_file_name(format!("{name}.gz"))), 0o664);
    exit(&download(&lab, "c", &["--mode", "0o640"]), 0);
    assert_eq!(mode_of(&lab.env.path().join("c").join(&name)), 0o640);
}

#[test]
fn a_bad_mode_is_exit_2_naming_the_flag_and_nothing_is_sent() {
    let lab = Lab::new();
    lab.sb.set_clock(READY).unwrap();
    lab.sb.seed(DAY, 1).unwrap();
    for bad in ["8", "1000", "rw-------", "", "0x1ff", "-600"] {
        let out = download(&lab, "bills", &[&format!("--mode={bad}")]);
        exit(&out, 2);
        assert!(stderr(&out).contains("--mode"), "{bad}: {}", stderr(&out));
    }
    assert_eq!(lab.api_requests("/v3/"), 0, "{:?}", lab.sb.requests());
    assert_eq!(
        fs::read_dir(lab.env.path().join("bills")).unwrap().count(),
        0
    );
}
