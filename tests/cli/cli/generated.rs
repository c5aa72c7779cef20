//! `completions/` and `man/` are generated from clap and committed; this test fails when they
//! drift, and rewrites them when WXCOMBINE_UPDATE_GENERATED=1 (style rule 12).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use clap_complete::Shell;

fn completion_files() -> BTreeMap<String, String> {
    let shells = [
        (Shell::Bash, "wxcombine.bash"),
        (Shell::Zsh, "_wxcombine"),
        (Shell::Fish, "wxcombine.fish"),
        (Shell::PowerShell, "_wxcombine.ps1"),
        (Shell::Elvish, "wxcombine.elv"),
    ];
    shells
        .into_iter()
        .map(|(s, f)| (f.to_string(), wxcombine::commands::completions::script(s)))
        .collect()
}

fn man_pages() -> BTreeMap<String, String> {
    wxcombine::commands::completions::man_pages()
        .into_iter()
        .collect()
}

fn check_dir(dir: &str, want: BTreeMap<String, String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    if std::env::var_os("WXCOMBINE_UPDATE_GENERATED").is_some_and(|v| v == "1") {
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        for (name, text) in &want {
            fs::write(root.join(name), text).unwrap();
        }
        return;
    }
    let have: BTreeMap<String, String> = fs::read_dir(&root)
        .unwrap_or_else(|_| {
            panic!("{dir}/ is missing; run WXCOMBINE_UPDATE_GENERATED=1 cargo test generated")
        })
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    let want_names: Vec<_> = want.keys().collect();
    let have_names: Vec<_> = have.keys().collect();
    assert_eq!(
        have_names, want_names,
        "{dir}/ files differ; run WXCOMBINE_UPDATE_GENERATED=1 cargo test generated"
    );
    for (name, text) in &want {
        assert!(
            have[name] == *text,
            "{dir}/{name} is stale; run WXCOMBINE_UPDATE_GENERATED=1 cargo test generated"
        );
    }
}

#[test]
fn completions_are_up_to_date() {
    check_dir("completions", completion_files());
}

#[test]
fn man_pages_are_up_to_date() {
    let pages = man_pages();
    assert!(
        pages.contains_key("wxcombine.1") && pages.contains_key("wxcombine-sign-pay.1"),
        "{:?}",
        pages.keys()
    );
    check_dir("man", pages);
}

#[test]
fn completions_command_prints_the_committed_script() {
    let env = crate::harness::TestEnv::new();
    let out = env.cmd().args(["completions", "bash"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        completion_files()["wxcombine.bash"]
    );
}
