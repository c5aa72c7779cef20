//! `completions SHELL`: print a completion script generated from the clap definitions.

use anyhow::Result;
use clap::CommandFactory;

use super::Outcome;
use crate::cli::{Cli, CompletionsArgs};
use crate::render::View;

/// A script printed as-is whatever `-o` says: a shell reads it, not a JSON parser.
pub struct Script(pub String);

impl View for Script {
    fn json(&self) -> String {
        self.0.trim_end().to_string()
    }
    fn jsonl(&self) -> Vec<String> {
        vec![self.json()]
    }
    fn table(&self) -> String {
        self.0.clone()
    }
}

/// The completion script for `shell`, exactly as committed under `completions/`.
pub fn script(shell: clap_complete::Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "wxcombine", &mut buf);
    String::from_utf8(buf).expect("clap_complete writes UTF-8")
}

pub fn run(args: &CompletionsArgs) -> Result<Outcome> {
    Ok(Outcome::ok(Script(script(args.shell))))
}
