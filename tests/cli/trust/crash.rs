//! Crash and fault safety (issue 7): `kill -9` of the sandbox under load loses no acknowledged
//! order; `kill -9` of `bill download` at spread-out moments never leaves anything under the final
//! name and a rerun completes cleanly; Ctrl-C or SIGTERM removes the partial file before exit; a
//! full disk or a read-only destination fails with exit 2, a message naming the path, and leaves
//! nothing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use wxcombine::api::{Request, Scene};

use crate::harness::lab::{client_for, load_profile};
use crate::harness::{Lab, TestEnv, serve, stderr};

fn client(config: &Path) -> (wxcombine::transport::Client, String, String, String) {
    let main = load_profile(config, "sandbox");
    let sub = load_profile(config, "sandbox-sub1");
    let openid = std::fs::read_to_string(config)
        .unwrap()
        .lines()
        .find_map(|l| {
            l.strip_prefix("#   sandbox mchid ")
                .and_then(|r| r.rsplit(' ').next())
                .map(str::to_string)
        })
        .expect("the config names the main payer's openid");
    let c = client_for(config, "sandbox", |o| o.timeout = Duration::from_secs(5));
    (c, main.appid.clone().unwrap(), openid, sub.mchid.clone())
}

fn prepay_body(no: &str, appid: &str, openid: &str, main: &str, sub: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "combine_appid": appid, "combine_mchid": main, "combine_out_trade_no": no,
        "combine_payer_info": {"openid": openid},
        "sub_orders": [
            {"mchid": main, "attach": "a", "amount": {"total_amount": 1, "currency": "CNY"}, "out_trade_no": format!("{no}A"), "description": "d"},
            {"mchid": sub, "attach": "b", "amount": {"total_amount": 2, "currency": "CNY"}, "out_trade_no": format!("{no}B"), "description": "e"}
        ],
        "notify_url": "https://example.com/notify"
    }))
    .unwrap()
}

#[test]
fn kill_9_of_the_sandbox_under_load_loses_no_acknowledged_order() {
    let env = TestEnv::new();
    let data = env.path().join("data");
    let config = env.path().join("config.toml");
    let mut server = serve(&env, &data, &config, &[]);
    let (c, appid, openid, sub) = client(&config);
    let main = c.signer().mchid.clone();
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let c = Arc::new(c);
    let mut tasks = Vec::new();
    for w in 0..8 {
        let (c, acked, stop, appid, openid, main, sub) = (
            c.clone(),
            acked.clone(),
            stop.clone(),
            appid.clone(),
            openid.clone(),
            main.clone(),
            sub.clone(),
        );
        tasks.push(rt.spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::SeqCst) {
                let no = format!("K{w:02}{i:08}");
                i += 1;
                let req = Request::combine_prepay(
                    Scene::Jsapi,
                    prepay_body(&no, &appid, &openid, &main, &sub),
                );
                match c.call(&req).await {
                    // The response was received and verified: the sandbox acknowledged this order.
                    Ok(r) if r.status == 200 => acked.lock().unwrap().push(no),
                    Ok(_) => {}
                    Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
                }
            }
        }));
    }
    // Let it take load, then pull the plug without warning.
    while acked.lock().unwrap().len() < 40 {
        std::thread::sleep(Duration::from_millis(20));
    }
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    stop.store(true, Ordering::SeqCst);
    for t in tasks {
        rt.block_on(t).unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 40);

    // Restart on the same data dir (a new port, so a fresh config) and find every one.
    let _server = serve(&env, &data, &config, &[]);
    let (c, ..) = client(&config);
    let missing: Vec<&String> = rt.block_on(async {
        let mut missing = Vec::new();
        for no in &acked {
            match c.call(&Request::combine_query(no)).await {
                Ok(r) if r.status == 200 => {}
                _ => missing.push(no),
            }
        }
        missing
    });
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged orders were lost: {missing:?}",
        missing.len(),
        acked.len()
    );
    eprintln!(
        "kill -9 under load: {} acknowledged orders, all found after restart",
        acked.len()
    );
}

/// Everything in `dir` that is not `keep`.
fn leftovers(dir: &Path, keep: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != keep)
        .collect()
}

fn sha1_hex(path: &Path) -> String {
    wxcombine::bill::sha1_of_file(path).unwrap()
}

#[test]
fn kill_9_of_bill_download_never_leaves_a_partial_bill() {
    let lab = Lab::new();
    let day = "2026-11-20";
    lab.sb.set_clock("2026-11-25T12:00:00+08:00").unwrap();
    lab.sb.seed(day, 40_000).unwrap();
    let dir = lab.env.path().join("bills");
    std::fs::create_dir_all(&dir).unwrap();
    let name = format!("tradebill_1900000109_{day}_ALL.csv");
    let final_path = dir.join(&name);
    let download = || {
        let mut c = Command::new(assert_cmd::cargo::cargo_bin("wxcombine"));
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", lab.env.home())
            .current_dir(lab.env.path())
            .args([
                "--config",
                "config.toml",
                "-q",
                "bill",
                "download",
                "--date",
                day,
                "--gzip",
                "--dir",
            ])
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    // The first download also makes the sandbox generate the bill; the second shows how long a
    // download alone takes here, to spread the kills over it.
    assert!(download().status().unwrap().success());
    let good = sha1_hex(&final_path);
    std::fs::remove_file(&final_path).unwrap();
    let t0 = std::time::Instant::now();
    assert!(download().status().unwrap().success());
    let full = t0.elapsed();
    std::fs::remove_file(&final_path).unwrap();

    let trials = 6;
    let mut killed_midway = 0;
    for k in 0..trials {
        let at = full.mul_f64((k as f64 + 0.5) / trials as f64);
        let mut child = download().spawn().unwrap();
        std::thread::sleep(at);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        if !finished {
            killed_midway += 1;
        }
        // Whatever the moment: nothing under the final name, or the complete verified bill.
        if final_path.exists() {
            assert_eq!(
                sha1_hex(&final_path),
                good,
                "trial {k}: a file under the final name is not the verified bill"
            );
            std::fs::remove_file(&final_path).unwrap();
        }
    }
    assert!(
        killed_midway >= trials / 2,
        "only {killed_midway} of {trials} kills landed during a download"
    );
    // A rerun completes, and cleans up the part files the killed processes could not.
    let out = download().stderr(Stdio::piped()).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sha1_hex(&final_path), good);
    assert_eq!(
        leftovers(&dir, &name),
        Vec::<String>::new(),
        "only the bill is left in the folder"
    );
    eprintln!(
        "kill -9 of bill download: {trials} kills ({killed_midway} mid-transfer), rerun verified, folder clean"
    );
}

/// `bill download --date DAY --dir DIR` with DIR a 256 KiB tmpfs mounted with `opts` in a private
/// mount namespace (root, or an unprivileged user namespace, can make one without touching the
/// host's mounts); `None` where no mount namespace can be had.
fn download_into_tmpfs(
    lab: &Lab,
    day: &str,
    dir: &Path,
    opts: &str,
) -> Option<std::process::Output> {
    let bin = assert_cmd::cargo::cargo_bin("wxcombine");
    let script = format!(
        "mount -t tmpfs -o {opts},size=256k tmpfs '{dir}' || exit 97; exec '{bin}' --config config.toml -q bill download --date {day} --dir '{dir}'; ",
        dir = dir.display(),
        bin = bin.display()
    );
    let attempt = |args: &[&str]| {
        Command::new("unshare")
            .args(args)
            .args(["sh", "-c", &script])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", lab.env.home())
            .current_dir(lab.env.path())
            .output()
    };
    let mut out = attempt(&["--mount", "--propagation", "private"]).ok()?;
    if out.status.code() == Some(97)
        || out.status.code() == Some(1) && stderr(&out).contains("unshare")
    {
        out = attempt(&[
            "--user",
            "--map-root-user",
            "--mount",
            "--propagation",
            "private",
        ])
        .ok()?;
    }
    if out.status.code() == Some(97) || stderr(&out).contains("unshare:") {
        return None;
    }
    Some(out)
}

/// A lab with a bill of several MB for 2026-11-20, and an empty folder `name` for it.
fn big_bill(name: &str) -> (Lab, &'static str, std::path::PathBuf) {
    let lab = Lab::new();
    let day = "2026-11-20";
    lab.sb.set_clock("2026-11-25T12:00:00+08:00").unwrap();
    lab.sb.seed(day, 20_000).unwrap();
    let dir = lab.env.path().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    (lab, day, dir)
}

/// A full disk and a read-only destination are one kind of failure, "cannot write the output":
/// exit 2 (usage: the user frees space or picks another --dir/--out), never 1 "internal", with
/// the path named and a hint (issue 14).
#[test]
fn a_full_disk_fails_cleanly() {
    let (lab, day, dir) = big_bill("small");
    let Some(out) = download_into_tmpfs(&lab, day, &dir, "rw") else {
        // No way to mount here: fall back to /dev/full, which fails every write with ENOSPC.
        let out = Command::new(assert_cmd::cargo::cargo_bin("wxcombine"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", lab.env.home())
            .current_dir(lab.env.path())
            .args(["--config", "config.toml", "-q", "bill", "download"])
            .args(["--date", day, "--out", "-"])
            .stdout(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("cannot write the output stream: No space left on device"),
            "{err}"
        );
        eprintln!("full disk: no mount namespace here; /dev/full used instead");
        return;
    };
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let path = dir.join(format!("tradebill_1900000109_{day}_ALL.csv"));
    assert!(
        err.contains(&format!(
            "cannot write {}: No space left on device",
            path.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("hint: free space on that file system"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // The tmpfs went away with the namespace; the folder underneath never saw a file.
    assert_eq!(leftovers(&dir, ""), Vec::<String>::new());
    eprintln!("full disk: a 256 KiB tmpfs; exit 2 naming the path and ENOSPC, nothing left");
}

#[test]
fn a_read_only_destination_fails_like_a_full_disk() {
    let (lab, day, dir) = big_bill("readonly");
    let Some(out) = download_into_tmpfs(&lab, day, &dir, "ro") else {
        eprintln!("read-only destination: no mount namespace here; not run");
        return;
    };
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "cannot create {}",
            dir.join(format!("tradebill_1900000109_{day}_ALL.csv"))
                .display()
        )) && err.contains("Read-only file system"),
        "{err}"
    );
    assert!(
        err.contains("hint: choose a folder this user can write"),
        "{err}"
    );
    eprintln!("read-only destination: exit 2 naming the path and EROFS");
}

/// A download server that sends the head of a large bill and then stalls, so the client is
/// certainly mid-transfer (with a `.part` file on disk) when the test signals it.
fn stalling_download_server() -> (String, std::thread::JoinHandle<()>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/billdownload?token=stall",
        listener.local_addr().unwrap()
    );
    let handle = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut head = [0u8; 8192];
        let _ = conn.read(&mut head);
        let mut answer = b"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n".to_vec();
        for i in 0..4000 {
            answer.extend_from_slice(format!("`row{i},`{i}.00\r\n").as_bytes());
        }
        let _ = conn.write_all(&answer);
        // Hold the connection open until the client goes away.
        let _ = conn.read(&mut head);
    });
    (url, handle)
}

#[test]
fn ctrl_c_or_sigterm_during_bill_download_removes_the_part_file() {
    let lab = Lab::new();
    let dir = lab.env.path().join("bills");
    std::fs::create_dir_all(&dir).unwrap();
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let (url, server) = stalling_download_server();
        let child = Command::new(assert_cmd::cargo::cargo_bin("wxcombine"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", lab.env.home())
            .current_dir(lab.env.path())
            .args(["--config", "config.toml", "-q", "bill", "download"])
            .args(["--url", &url, "--hash", &"0".repeat(40), "--out"])
            .arg(dir.join("bill.csv"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until the partial file is on disk: the transfer is under way.
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while !leftovers(&dir, "")
            .iter()
            .any(|n| n.starts_with("bill.csv.") && n.ends_with(".part"))
        {
            assert!(
                std::time::Instant::now() < deadline,
                "SIG{signal}: no .part file appeared"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "SIG{signal}: {err}");
        assert!(
            err.contains(
                "interrupted; no partial file was left and the bill in progress was not written"
            ),
            "SIG{signal}: {err}"
        );
        assert_eq!(
            leftovers(&dir, ""),
            Vec::<String>::new(),
            "SIG{signal}: the folder is empty after the interrupt"
        );
        server.join().unwrap();
    }
}
