//! `--help` of every command, snapshotted: the help text is part of what users see.

use clap::CommandFactory;
use wxcombine::cli::Cli;

use crate::harness::{TestEnv, stdout};

fn command_paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let mut p = prefix.clone();
        p.push(sub.get_name().to_string());
        command_paths(sub, p, out);
    }
}

#[test]
fn help_of_every_command() {
    let mut paths = Vec::new();
    command_paths(&Cli::command(), Vec::new(), &mut paths);
    let env = TestEnv::new();
    for path in paths {
        let out = env
            .cmd()
            .args(&path)
            .arg("--help")
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert!(out.status.success(), "{path:?} --help failed");
        let name = if path.is_empty() {
            "help_wxcombine".to_string()
        } else {
            format!("help_{}", path.join("_"))
        };
        insta::assert_snapshot!(name, stdout(&out));
    }
}
