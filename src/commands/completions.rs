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

/// The man pages, `(file name, roff)`, exactly as committed under `man/` (issue 15, item 3):
/// clap_mangen's pages with the examples kept as typed (no-fill, not reflowed into prose),
/// EXIT STATUS, ENVIRONMENT and FILES sections, and `wxcombine 0.1.0` in every footer (clap_mangen
/// names a sub-command's own name there: `download 0.1.0`).
pub fn man_pages() -> Vec<(String, String)> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    man_tree(&cmd, &mut out);
    out.sort();
    out
}

fn man_tree(cmd: &clap::Command, out: &mut Vec<(String, String)>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_tree(sub, out);
    }
    let after = cmd
        .get_after_long_help()
        .or_else(|| cmd.get_after_help())
        .map(|s| s.to_string());
    let bare = cmd
        .clone()
        .after_long_help(None::<&str>)
        .after_help(None::<&str>);
    let man =
        clap_mangen::Man::new(bare).source(format!("wxcombine {}", env!("CARGO_PKG_VERSION")));
    let mut buf = Vec::new();
    man.render(&mut buf).expect("rendering into memory");
    let page = String::from_utf8(buf).expect("clap_mangen writes UTF-8");

    let mut extra = String::new();
    if let Some(text) = after {
        match text.strip_prefix("Examples:") {
            Some(examples) => {
                extra.push_str(".SH EXAMPLES\n.nf\n");
                for line in examples.lines().filter(|l| !l.trim().is_empty()) {
                    extra.push_str(&roff_literal(line));
                    extra.push('\n');
                }
                extra.push_str(".fi\n");
            }
            // The top page's exit codes: EXIT STATUS below says them in full.
            None if text.starts_with("Exit codes:") => {}
            None => {
                extra.push_str(".SH NOTES\n");
                extra.push_str(&roff_literal(&text));
                extra.push('\n');
            }
        }
    }
    extra.push_str(MAN_COMMON);
    let name = format!("{}.1", man.get_filename().trim_end_matches(".1"));
    let page = match page.find(".SH VERSION\n") {
        Some(i) => format!("{}{extra}{}", &page[..i], &page[i..]),
        None => format!("{page}{extra}"),
    };
    out.push((name, page));
}

/// A line of text as roff: backslashes, hyphens and apostrophes escaped (as clap_mangen does), a
/// leading control character defused.
fn roff_literal(line: &str) -> String {
    let s = line
        .replace('\\', "\\e")
        .replace('-', "\\-")
        .replace('\'', "\\*(Aq");
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}

/// EXIT STATUS, ENVIRONMENT and FILES: the same on every page, since every command reads the
/// same config and returns the same exit codes (cli.md §1, §3).
const MAN_COMMON: &str = r#".SH "EXIT STATUS"
.TP
0
success
.TP
1
unexpected internal error
.TP
2
usage error: bad flags, or a request field that fails local validation
.TP
3
configuration or credential error
.TP
4
WeChat Pay answered with an error (its code, message and Request\-ID are shown)
.TP
5
network failure or timeout after all retries
.TP
6
verification failed: a signature, a stale timestamp, a bill hash, a decrypt tag
.SH ENVIRONMENT
.TP
\fBWXCOMBINE_CONFIG\fR
config file, when \fB\-\-config\fR is not given
.TP
\fBWXCOMBINE_PROFILE\fR
profile, when \fB\-\-profile\fR is not given (else the file's default_profile)
.TP
\fBWXCOMBINE_APIV3_KEY\fR
the APIv3 key, overriding the profile's apiv3_key_file / apiv3_key_env
.TP
\fBWXCOMBINE_OUTPUT\fR
output format (table, json, jsonl), when \fB\-o\fR is not given
.TP
\fBNO_COLOR\fR
no colour on stderr under \fB\-\-color auto\fR
.SH FILES
.TP
\fI~/.config/wxcombine/config.toml\fR
the config file (the platform's config folder; \fB\-\-config\fR or \fBWXCOMBINE_CONFIG\fR name another): [profiles.NAME] sections, created by \fBwxcombine profile init\fR or \fBwxcombine sandbox serve \-\-write\-config\fR; written mode 0600
.TP
\fIapiclient_key.pem\fR, \fIapiclient_cert.pem\fR, \fIpub_key.pem\fR, \fIapiv3.key\fR
the merchant's key, certificate, WeChat Pay public key and APIv3 key, named by the profile; secret files should be mode 0600
"#;

// ---- dynamic completion (issue 15, item 9) ----------------------------------------------------
//
// Under `WXCOMBINE_COMPLETE=SHELL` (clap_complete's environment protocol, see main.rs) the shell
// asks the binary itself for candidates. These completers read the config the command line
// names, as the command would (`--config`, `$WXCOMBINE_CONFIG`, the default location), and
// answer nothing at all when it cannot be read: completion never prints an error or a secret
// (only profile names, env labels and mchids).

/// The environment variable that turns a run into a completion request. Namespaced rather than
/// clap's default `COMPLETE`: a stray `COMPLETE=…` in a cron job's environment must not turn a
/// payment command into a completion request.
pub const COMPLETE_VAR: &str = "WXCOMBINE_COMPLETE";

/// The value of `--NAME VALUE` / `--NAME=VALUE` on the command line being completed (the words
/// after clap_complete's `--`), the last one given.
fn flag_value(args: &[String], name: &str) -> Option<String> {
    let long = format!("--{name}");
    let eq = format!("--{name}=");
    let words = match args.iter().position(|a| a == "--") {
        Some(i) => &args[i + 1..],
        None => args,
    };
    let mut found = None;
    let mut it = words.iter().peekable();
    while let Some(w) = it.next() {
        if *w == long {
            if let Some(v) = it.peek() {
                found = Some((*v).clone());
            }
        } else if let Some(v) = w.strip_prefix(&eq) {
            found = Some(v.to_string());
        }
    }
    found
}

/// The config file the command line being completed would use, if it loads.
fn completing_config(args: &[String]) -> Option<crate::config::ConfigFile> {
    let flag = flag_value(args, "config").map(std::path::PathBuf::from);
    let env = std::env::var(crate::config::ENV_CONFIG).ok();
    let located = crate::config::locate(flag.as_deref(), env.as_deref()).ok()?;
    crate::config::ConfigFile::load(&located).ok()
}

fn process_args() -> Vec<String> {
    std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// Candidates for `--profile`: the config's profile names, with their env and mchid.
pub fn profile_candidates(current: &std::ffi::OsStr) -> Vec<clap_complete::CompletionCandidate> {
    let Some(file) = completing_config(&process_args()) else {
        return Vec::new();
    };
    profiles_matching(&file, &current.to_string_lossy())
}

fn profiles_matching(
    file: &crate::config::ConfigFile,
    current: &str,
) -> Vec<clap_complete::CompletionCandidate> {
    file.profiles
        .values()
        .filter(|p| p.name.starts_with(current))
        .map(|p| {
            clap_complete::CompletionCandidate::new(&p.name).help(Some(
                format!("{} · mchid {}", p.env.as_str(), p.mchid).into(),
            ))
        })
        .collect()
}

/// Candidates for `bill download --sub-mchid`: the sub-merchants the selected profile knows,
/// which are the config's other profiles of the same env (a 服务商 keeps its 二级商户 as profiles;
/// a sandbox's are sandbox-sub1 and sandbox-sub2). The config has no key of its own for them
/// (cli.md §1 fixes the keys).
pub fn sub_mchid_candidates(current: &std::ffi::OsStr) -> Vec<clap_complete::CompletionCandidate> {
    let args = process_args();
    let Some(file) = completing_config(&args) else {
        return Vec::new();
    };
    let env = std::env::var(crate::config::ENV_PROFILE).ok();
    let Ok(selected) = file.select(flag_value(&args, "profile").as_deref(), env.as_deref()) else {
        return Vec::new();
    };
    sub_mchids_matching(&file, selected, &current.to_string_lossy())
}

fn sub_mchids_matching(
    file: &crate::config::ConfigFile,
    selected: &crate::config::Profile,
    current: &str,
) -> Vec<clap_complete::CompletionCandidate> {
    let mut seen = std::collections::BTreeSet::new();
    file.profiles
        .values()
        .filter(|p| p.env == selected.env && p.mchid != selected.mchid)
        .filter(|p| p.mchid.starts_with(current) && seen.insert(p.mchid.clone()))
        .map(|p| {
            clap_complete::CompletionCandidate::new(&p.mchid)
                .help(Some(format!("profile {}", p.name).into()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn the_completed_lines_flags_are_read_after_the_protocols_separator() {
        let a = words(
            "wxcombine -- wxcombine --config a.toml --profile shop bill download --sub-mchid",
        );
        assert_eq!(flag_value(&a, "config").as_deref(), Some("a.toml"));
        assert_eq!(flag_value(&a, "profile").as_deref(), Some("shop"));
        let a = words("wxcombine -- wxcombine --config=b.toml query");
        assert_eq!(flag_value(&a, "config").as_deref(), Some("b.toml"));
        assert_eq!(flag_value(&a, "profile"), None);
    }
}
