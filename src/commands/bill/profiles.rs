//! Several profiles in one run (issue 14 item 7): `--profile a,b,c` or `--all-profiles` for
//! `bill download` and `bill reconcile`, for a direct 合单 whose sub-orders belong to several
//! merchants, each with its own profile (its own key). `bill download` runs each profile in
//! turn, its bills side by side in `--dir` (the default names carry the mchid, so they never
//! collide), one row per profile and date, exit = the worst row's; `bill reconcile` reads the
//! bills of every profile as one bill set.

use anyhow::Result;
use serde_json::Value;

use super::download::{Results, RowResult, download_results, kind_name, type_name};
use crate::cli::BillDownloadArgs;
use crate::commands::{Context, Outcome};
use crate::config::Env;
use crate::error::{self, Failure, Kind};
use crate::render::{View, list_table, to_json};

/// The profiles of a run over several, or `None` for the usual one profile.
///
/// `--profile a,b` names them (each once, in that order). `--all-profiles` takes every profile
/// of the config of the same kind as the current one (`--profile`, `$WXCOMBINE_PROFILE`,
/// `default_profile`): every `env = "sandbox"` profile when it is a sandbox profile, every other
/// profile otherwise. A run never mixes real merchants with the sandbox: the sandbox's bills next
/// to production's in one folder (or one reconciliation) would only mislead finance.
pub fn several(ctx: &Context, all: bool) -> Result<Option<Vec<String>>> {
    let flag = ctx.global.profile.as_deref();
    let listed = flag.is_some_and(|p| p.contains(','));
    if all && listed {
        return Err(Failure::usage(
            "--all-profiles takes every profile; --profile a,b names some: give one of the two",
        )
        .into());
    }
    if !all && !listed {
        return Ok(None);
    }
    let file = ctx.config_file()?;
    if listed {
        let mut names: Vec<String> = Vec::new();
        for n in flag.unwrap_or_default().split(',').map(str::trim) {
            if n.is_empty() {
                return Err(Failure::usage(format!(
                    "--profile {:?}: an empty profile name between commas",
                    flag.unwrap_or_default()
                ))
                .into());
            }
            // Unknown names are the config error `--profile NAME` always gives (exit 3).
            file.select(Some(n), None)?;
            if !names.iter().any(|x| x == n) {
                names.push(n.to_string());
            }
        }
        return Ok(Some(names));
    }
    let env = std::env::var(crate::config::ENV_PROFILE).ok();
    let current = file.select(flag, env.as_deref())?.env;
    let sandbox = current == Env::Sandbox;
    let names: Vec<String> = file
        .profiles
        .iter()
        .filter(|(_, p)| (p.env == Env::Sandbox) == sandbox)
        .map(|(n, _)| n.clone())
        .collect();
    Ok(Some(names))
}

/// One row of a run over several profiles: the profile, its merchant, and the bill's result.
pub struct ProfileRow {
    pub profile: String,
    pub mchid: String,
    pub row: RowResult,
}

impl ProfileRow {
    fn json(&self) -> Value {
        let mut v = self.row.json();
        if let Some(o) = v.as_object_mut() {
            o.insert("profile".into(), Value::String(self.profile.clone()));
            o.insert("mchid".into(), Value::String(self.mchid.clone()));
        }
        v
    }

    fn cells(&self) -> Vec<String> {
        let mut c = vec![self.profile.clone(), self.mchid.clone()];
        match &self.row {
            RowResult::Done(d) => c.extend([
                d.date.clone().unwrap_or_else(|| "-".into()),
                d.status.to_string(),
                d.rows.to_string(),
                d.path.clone().unwrap_or_else(|| "-".into()),
            ]),
            RowResult::Failed { date, error, .. } => c.extend([
                date.clone().unwrap_or_else(|| "-".into()),
                format!("error (exit {})", error.kind.exit_code()),
                "-".into(),
                error.text.clone(),
            ]),
        }
        c
    }
}

pub struct ProfilesView(pub Vec<ProfileRow>);

impl View for ProfilesView {
    fn json(&self) -> String {
        to_json(&self.0.iter().map(ProfileRow::json).collect::<Vec<_>>())
    }
    fn jsonl(&self) -> Vec<String> {
        self.0.iter().map(|r| r.json().to_string()).collect()
    }
    fn table(&self) -> String {
        list_table(
            &["PROFILE", "MCHID", "DATE", "STATUS", "ROWS", "PATH / ERROR"],
            self.0.iter().map(ProfileRow::cells).collect(),
        )
    }
}

/// `bill download` with each of `names` in turn.
pub fn download_all(ctx: &Context, args: &BillDownloadArgs, names: &[String]) -> Result<Outcome> {
    if args.out.is_some() || args.url.is_some() || args.sub_mchid_from.is_some() {
        return Err(Failure::usage(
            "several profiles download side by side into --dir: not with --out, --url or --sub-mchid-from",
        )
        .into());
    }
    if names.is_empty() {
        return Err(
            Failure::config("--all-profiles: the config has no profile of that kind").into(),
        );
    }
    let file = ctx.config_file()?;
    let (kind, bill_type) = (kind_name(&args.select), type_name(&args.select));
    let mut rows = Vec::new();
    for name in names {
        let mchid = file
            .profiles
            .get(name)
            .map(|p| p.mchid.clone())
            .unwrap_or_default();
        let one = ctx.with_profile(name);
        let results: Results = match download_results(&one, args) {
            Ok(r) => r,
            Err(e) => {
                // The same flags are wrong for every profile, and an interruption stops the
                // run: either ends it at once. Anything else is this profile's (its key, its
                // files), a row of its own.
                let r = error::report(&e);
                if r.kind == Kind::Usage || e.downcast_ref::<error::Interrupted>().is_some() {
                    return Err(e);
                }
                vec![(args.date.clone(), Err(e))]
            }
        };
        for (date, r) in results {
            let row = match r {
                Ok(d) => RowResult::Done(d),
                Err(e) => RowResult::Failed {
                    date,
                    kind,
                    bill_type,
                    error: error::report(&e.context(format!("profile {name}"))),
                },
            };
            rows.push(ProfileRow {
                profile: name.clone(),
                mchid: mchid.clone(),
                row,
            });
        }
    }
    let failed: Vec<Kind> = rows
        .iter()
        .filter_map(|r| match &r.row {
            RowResult::Failed { error, .. } => Some(error.kind),
            RowResult::Done(_) => None,
        })
        .collect();
    // The worst row's code, as in a run over sub-merchants (see `many::worst`).
    let failure = super::many::worst(failed.iter().copied()).map(|kind| {
        anyhow::Error::new(Failure::new(
            kind,
            format!(
                "{} of {} bills of {} profiles failed (each failure is shown in its row)",
                failed.len(),
                rows.len(),
                names.len()
            ),
        ))
    });
    Ok(Outcome {
        view: Box::new(ProfilesView(rows)),
        failure,
    })
}

/// For `bill reconcile`: every profile's downloaded bills, as one set.
pub fn each<T>(
    ctx: &Context,
    names: &[String],
    mut f: impl FnMut(&Context) -> Result<Vec<T>>,
) -> Result<Vec<T>> {
    if names.is_empty() {
        return Err(
            Failure::config("--all-profiles: the config has no profile of that kind").into(),
        );
    }
    let mut all = Vec::new();
    for name in names {
        let one = ctx.with_profile(name);
        all.extend(f(&one).map_err(|e| e.context(format!("profile {name}")))?);
    }
    Ok(all)
}
