//! One file per subcommand: resolve the arguments against the profile, call the layers below, and
//! return a view. Dispatch is the one `match` in [`run`].

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Result;

use crate::cli::{
    BillCommand, CertsCommand, Cli, Command, GlobalArgs, NotifyCommand, ProfileCommand,
};
use crate::config::{self, ConfigFile, Profile};
use crate::error::Failure;
use crate::render::{Printer, View};
use crate::transport::{Client, ClientOptions};

pub mod batch;
pub mod bill;

pub mod certs;
pub mod close;
pub mod completions;
pub mod demo;
pub mod listen_addr;
pub mod notify;
pub mod prepay;
pub mod profile;
pub mod profile_init;
pub mod query;
pub mod reconcile;
pub mod refund;
pub mod sandbox;
pub mod sandbox_inspect;
pub mod shared;
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
            // Named as an argument (`profile show NAME`), not by --profile (issue 15, item 11).
            Some(n) => file.select(Some(n), None).map_err(|e| match e {
                config::ConfigError::UnknownProfile {
                    path,
                    profile,
                    known,
                    ..
                } => config::ConfigError::UnknownProfile {
                    path,
                    profile,
                    known,
                    source_desc: "named as the NAME argument".into(),
                },
                other => other,
            })?,
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

    /// The same invocation with `--profile NAME`: one profile of a run over several
    /// (`bill download|reconcile --profile a,b`, issue 14 item 7).
    pub fn with_profile(&self, name: &str) -> Context {
        Context::new(GlobalArgs {
            profile: Some(name.to_string()),
            ..self.global.clone()
        })
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

    /// The signing, verifying client for a profile: its key and serial, its verifier, and the
    /// global options (`--base-url`, `--timeout`, `--retries`, `-v`).
    pub fn client(&self, profile: &Profile) -> Result<Client> {
        let verifier = profile.load_verifier()?;
        self.client_with(profile, verifier)
    }

    /// A client with the given verifier (`certs download` bootstraps from an empty one).
    pub fn client_with(
        &self,
        profile: &Profile,
        verifier: crate::signing::Verifier,
    ) -> Result<Client> {
        let signer = profile.load_signer()?;
        let base_url = self.base_url(profile)?;
        let mut opts = ClientOptions::new(base_url);
        // An explicit --base-url means "talk to this host": no silent failover elsewhere.
        opts.backup_base_url = if self.global.base_url.is_some() {
            None
        } else {
            profile.backup_base_url.clone()
        };
        opts.timeout = Duration::from_secs(self.global.timeout.max(1));
        opts.retries = self.global.retries;
        opts.verbose = self.global.verbose;
        opts.wechatpay_serial = profile.wechatpay_public_key_id.clone();
        let mut client = Client::new(opts, signer, verifier);
        // Certificate or mixed mode with an APIv3 key: an unknown serial may be a new platform
        // certificate, so the client may download the certificates once (issue 6).
        if profile.platform_cert_dir.is_some()
            && let Ok(key) = self.apiv3_key(profile)
        {
            client = client.with_certificate_refresh(key);
        }
        Ok(client)
    }

    /// The base URL requests go to: `--base-url` (checked) or the profile's.
    pub fn base_url(&self, profile: &Profile) -> Result<String, Failure> {
        match &self.global.base_url {
            Some(u) => self.check_base_url_flag(profile, u),
            None => Ok(profile.base_url.clone()),
        }
    }

    /// `--base-url` (issue 7): http:// only for sandbox profiles, and a production profile's
    /// signed requests go to a host other than WeChat Pay's only with `--allow-custom-host`.
    pub fn check_base_url_flag(&self, profile: &Profile, url: &str) -> Result<String, Failure> {
        crate::transport::split_url(url)
            .map_err(|e| Failure::usage(format!("--base-url {:?}: {}", e.url, e.why)))?;
        if profile.env != crate::config::Env::Sandbox {
            // The URL as shown: no `user:password@` in a message (issue 11, item 15).
            let shown = crate::transport::redact_url(url);
            if url.starts_with("http://") {
                return Err(Failure::usage(format!(
                    "--base-url {shown}: http:// is allowed only for profiles with env = \"sandbox\" (profile `{}` is {})",
                    profile.name,
                    profile.env.as_str()
                )));
            }
            if !crate::config::is_wechatpay_url(url) && !self.global.allow_custom_host {
                return Err(Failure::usage(format!(
                    "--base-url {shown} is not a WeChat Pay host ({}); profile `{}` is a production profile",
                    crate::config::WECHATPAY_HOSTS.join(", "),
                    profile.name
                ))
                .hint("pass --allow-custom-host if this host (a gateway or proxy you run) should receive this merchant's signed requests"));
            }
        }
        Ok(url.trim_end_matches('/').to_string())
    }

    /// Unix seconds now.
    pub fn now(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

/// Run a future to completion on a runtime made for this one command. Two workers: signing and
/// verification are CPU work that a batch spreads over both cores.
pub fn block_on<F: std::future::Future>(fut: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("the tokio runtime starts")
        .block_on(fut)
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM with the exit code a shell gives a command stopped by
/// it (128 + n: 130 / 143), so long-running commands can stop cleanly. Create it once per command:
/// a signal that arrives while no listener exists is lost once tokio has taken over the handler.
/// Where no handler can be installed it never resolves, and the default action stays.
pub async fn shutdown_signal() -> u8 {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) {
            (Ok(mut int), Ok(mut term)) => tokio::select! {
                _ = int.recv() => 130,
                _ = term.recv() => 143,
            },
            _ => std::future::pending().await,
        }
    }
    #[cfg(not(unix))]
    {
        match tokio::signal::ctrl_c().await {
            Ok(()) => 130,
            Err(_) => std::future::pending().await,
        }
    }
}

/// Runs `work` to its end on `runtime`, unless Ctrl-C or SIGTERM comes first: then `Err` with
/// the shell's exit code (130 / 143). The unfinished `work` is dropped, which is what cleans up
/// (a bill sink removes its `.part` file), and so is the runtime, before this returns.
pub fn run_until_signal<F: std::future::Future>(
    runtime: tokio::runtime::Runtime,
    work: F,
) -> Result<F::Output, u8> {
    let finished = runtime.block_on(async {
        tokio::select! {
            biased;
            code = shutdown_signal() => Err(code),
            results = work => Ok(results),
        }
    });
    drop(runtime);
    finished
}

/// Whether errors on stderr get colour.
pub fn stderr_color(global: &GlobalArgs) -> bool {
    Printer::new(Default::default(), false, true, global.color).color
}

/// Run one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    // `--profile a,b` (issue 14 item 7): several profiles make sense only where bills of several
    // merchants are read side by side.
    let several = matches!(
        cli.command,
        Command::Bill(BillCommand::Download(_) | BillCommand::Reconcile(_))
    );
    if !several
        && cli
            .global
            .profile
            .as_deref()
            .is_some_and(|p| p.contains(','))
    {
        return Err(Failure::usage(format!(
            "--profile {:?}: only bill download and bill reconcile accept several profiles",
            cli.global.profile.as_deref().unwrap_or_default()
        ))
        .into());
    }
    let ctx = Context::new(cli.global);
    let outcome = match cli.command {
        Command::Demo(args) => demo::run(&ctx, &args)?,
        Command::Prepay(args) => prepay::run(&ctx, &args)?,
        Command::Query(args) => query::run(&ctx, &args)?,
        Command::Close(args) => close::run(&ctx, &args)?,
        Command::Refund(cmd) => refund::run(&ctx, &cmd)?,
        Command::SignPay(args) => sign_pay::run(&ctx, &args)?,
        Command::Bill(BillCommand::Parse(args)) => bill::parse::parse(&ctx, &args)?,
        Command::Bill(BillCommand::Fetch(args)) => bill::download::fetch(&ctx, &args)?,
        Command::Bill(BillCommand::Download(args)) => bill::download::download(&ctx, &args)?,
        Command::Bill(BillCommand::Reconcile(args)) => reconcile::run(&ctx, &args)?,
        Command::Bill(BillCommand::Summary(args)) => bill::summary::run(&ctx, &args)?,
        Command::Certs(CertsCommand::Download(args)) => certs::download(&ctx, &args)?,
        Command::Certs(CertsCommand::List) => certs::list(&ctx)?,
        Command::Notify(NotifyCommand::Decrypt(args)) => notify::decrypt(&ctx, &args)?,
        Command::Notify(NotifyCommand::Listen(args)) => notify::listen_cmd(&ctx, &args)?,
        Command::Notify(NotifyCommand::Replay(args)) => notify::replay::run(&ctx, &args)?,
        Command::Profile(ProfileCommand::List) => profile::list(&ctx)?,
        Command::Profile(ProfileCommand::Show(args)) => profile::show(&ctx, &args)?,
        Command::Profile(ProfileCommand::Check(args)) => profile::check(&ctx, &args)?,
        Command::Profile(ProfileCommand::Init(args)) => profile_init::run(&ctx, &args)?,
        Command::Sandbox(cmd) => sandbox::run(&ctx, &cmd)?,
        Command::Completions(args) => completions::run(&args)?,
    };
    ctx.printer.emit(outcome.view.as_ref())?;
    match outcome.failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
