//! One file per subcommand: resolve the arguments against the profile, call the layers below, and
//! return a view. Dispatch is the one `match` in [`run`].

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Result;

use crate::cli::{Cli, Command, GlobalArgs, ProfileCommand};
use crate::config::{self, ConfigFile, Profile};
use crate::render::{Printer, View};

pub mod completions;
pub mod profile;
pub mod sandbox;
pub mod sign_pay;

/// What a command produced: a view to render, and possibly an error to report after it (a
/// failed `profile check` still prints its table).
pub struct Outcome {
    pub view: Box<dyn View>,
    pub failure: Option<anyhow::Error>,
}

impl Outcome {
    pub fn ok(view: impl View + 'static) -> Self {
        Outcome {
            view: Box::new(view),
            failure: None,
        }
    }
    pub fn with_failure(view: impl View + 'static, failure: anyhow::Error) -> Self {
        Outcome {
            view: Box::new(view),
            failure: Some(failure),
        }
    }
}

/// Everything a command may need from the invocation.
pub struct Context {
    pub global: GlobalArgs,
    pub printer: Printer,
}

impl Context {
    pub fn new(global: GlobalArgs) -> Self {
        let printer = Printer::new(
            global.output.unwrap_or_default(),
            global.quiet,
            global.no_progress,
            global.color,
        );
        Context { global, printer }
    }

    /// The config file, located and parsed (cli.md §1).
    pub fn config_file(&self) -> Result<ConfigFile, config::ConfigError> {
        let env = std::env::var(config::ENV_CONFIG).ok();
        let located = config::locate(self.global.config.as_deref(), env.as_deref())?;
        ConfigFile::load(&located)
    }

    /// The selected profile (`--profile`, `$WXCOMBINE_PROFILE`, `default_profile`), or `name`.
    /// Prints the banner and any permission warnings.
    pub fn profile_named(&self, name: Option<&str>) -> Result<Profile> {
        let file = self.config_file()?;
        let env = std::env::var(config::ENV_PROFILE).ok();
        let profile = match name {
            Some(n) => file.select(Some(n), None)?,
            None => file.select(self.global.profile.as_deref(), env.as_deref())?,
        }
        .clone();
        self.printer
            .banner(&profile.name, profile.env.as_str(), &profile.mchid);
        for w in profile.permission_warnings() {
            self.printer.warn(&w);
        }
        Ok(profile)
    }

    pub fn profile(&self) -> Result<Profile> {
        self.profile_named(None)
    }

    /// The APIv3 key of a profile, honouring `$WXCOMBINE_APIV3_KEY`.
    pub fn apiv3_key(
        &self,
        profile: &Profile,
    ) -> Result<crate::signing::ApiV3Key, config::ConfigError> {
        let over = std::env::var(config::ENV_APIV3_KEY).ok();
        profile.load_apiv3_key(over.as_deref(), |v| std::env::var(v).ok())
    }

    /// Unix seconds now.
    pub fn now(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

/// Whether errors on stderr get colour.
pub fn stderr_color(global: &GlobalArgs) -> bool {
    Printer::new(Default::default(), false, true, global.color).color
}

/// Run one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let ctx = Context::new(cli.global);
    let outcome = match cli.command {
        Command::SignPay(args) => sign_pay::run(&ctx, &args)?,
        Command::Profile(ProfileCommand::List) => profile::list(&ctx)?,
        Command::Profile(ProfileCommand::Show(args)) => profile::show(&ctx, &args)?,
        Command::Profile(ProfileCommand::Check(args)) => profile::check(&ctx, &args)?,
        Command::Sandbox(cmd) => sandbox::run(&ctx, &cmd)?,
        Command::Completions(args) => completions::run(&args)?,
    };
    ctx.printer.emit(outcome.view.as_ref())?;
    match outcome.failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
