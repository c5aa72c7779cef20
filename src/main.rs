//! Parse, run, and turn an error into an exit code (cli.md §3). Nothing else lives here.
use std::process::ExitCode;

use clap::Parser;
use wxcombine::{cli::Cli, commands, error};

fn main() -> ExitCode {
    // `WXCOMBINE_COMPLETE=SHELL wxcombine`: print the shell's registration, or answer a
    // completion request, and exit (issue 15, item 9). Nothing is written to stdout before.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command)
        .var(commands::completions::COMPLETE_VAR)
        .complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(error::clap_error(e) as u8),
    };
    let json = cli.global.output.is_some_and(|f| f.is_json());
    let color = commands::stderr_color(&cli.global);
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if error::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(code) = error::print_interrupted(&e) {
                return ExitCode::from(code);
            }
            let report = error::report(&e);
            error::print(&report, json, color);
            ExitCode::from(report.exit_code() as u8)
        }
    }
}
