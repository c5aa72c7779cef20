//! The trade bills of a range of days, shared by `bill reconcile` and `bill summary` (issue 14):
//! the days of `--from/--to`, the default file names of `bill download` (cli.md), and the one
//! download path (`bill download` itself, into a folder).

use std::path::{Path, PathBuf};

use anyhow::Result;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use super::download::parse_date;
use crate::api::BillKind;
use crate::cli::{BillDownloadArgs, BillSelect};
use crate::commands::Context;
use crate::error::Failure;

const DATE_FMT: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]");

pub(crate) fn fmt_date(d: Date) -> String {
    d.format(DATE_FMT).expect("dates format")
}

/// The date in a bill's default name (`tradebill_<who>_<date>_<type>.csv`, cli.md).
pub(crate) fn date_in_name(p: &Path) -> Option<String> {
    let name = p.file_name()?.to_str()?;
    name.split('_')
        .find(|part| Date::parse(part, DATE_FMT).is_ok())
        .map(str::to_string)
}

/// The days of `--from F --to T`, inclusive, at most the 3 months WeChat Pay keeps bills for
/// (shared by `bill reconcile` and `bill summary`).
pub(crate) fn day_range(f: &str, t: &str, now: OffsetDateTime) -> Result<Vec<Date>, Failure> {
    let (from, to) = (parse_date(f, "--from", now)?, parse_date(t, "--to", now)?);
    if from > to {
        return Err(Failure::usage(format!(
            "--from {} is after --to {}",
            fmt_date(from),
            fmt_date(to)
        )));
    }
    let days = (to - from).whole_days() + 1;
    if days > 93 {
        return Err(Failure::usage(format!(
            "--from/--to span {days} days; WeChat Pay keeps bills for 3 months"
        )));
    }
    let mut v = Vec::new();
    let mut d = from;
    while d <= to {
        v.push(d);
        d = d.next_day().expect("within range");
    }
    Ok(v)
}

/// The default path of a day's trade bill (ALL) in `dir`, as `bill download` names it (cli.md):
/// the profile's mchid, and the sub-merchant's after a dash.
pub(crate) fn trade_bill_path(
    ctx: &Context,
    sub_mchid: Option<&str>,
    dir: &Path,
    day: Date,
) -> Result<PathBuf> {
    let file = ctx.config_file()?;
    let env = std::env::var(crate::config::ENV_PROFILE).ok();
    let mchid = file
        .select(ctx.global.profile.as_deref(), env.as_deref())?
        .mchid
        .clone();
    let who = match sub_mchid {
        Some(sub) => format!("{mchid}-{sub}"),
        None => mchid,
    };
    Ok(dir.join(format!("tradebill_{who}_{}_ALL.csv", fmt_date(day))))
}

/// Download (and verify) the trade bills of `first..=last` into `dir` with `bill download`,
/// and return the path of each date's bill (`None`: no statement that day). Shared by `bill
/// reconcile` and `bill summary --fetch`, so that there is one download path.
pub(crate) fn download_trade_bills(
    ctx: &Context,
    sub_mchid: Option<&str>,
    dir: &Path,
    first: Date,
    last: Date,
) -> Result<Vec<(Date, Option<PathBuf>)>> {
    let dl = BillDownloadArgs {
        date: None,
        from: Some(fmt_date(first)),
        to: Some(fmt_date(last)),
        url: None,
        hash: None,
        select: BillSelect {
            kind: BillKind::Trade,
            bill_type: crate::api::BillType::All,
            account_type: crate::api::AccountType::Basic,
            sub_mchid: sub_mchid.map(str::to_string),
            gzip: true,
        },
        out: None,
        dir: dir.to_path_buf(),
        force: false,
        keep_gzip: false,
        wait: None,
        sub_mchid_from: None,
        concurrency: 1,
        bill_rate: super::many::DEFAULT_BILL_RATE,
        mode: None,
        all_profiles: false,
    };
    let outcome = super::download::download(ctx, &dl)?;
    if let Some(e) = outcome.failure {
        return Err(e);
    }
    // The file names are `bill download`'s defaults; the profile's mchid picks ours in a shared
    // --dir (cli.md: one folder holds every merchant's bills).
    let mut out = Vec::new();
    let mut d = first;
    loop {
        let p = trade_bill_path(ctx, sub_mchid, dir, d)?;
        out.push((d, p.is_file().then_some(p)));
        if d >= last {
            break;
        }
        d = d.next_day().expect("within range");
    }
    Ok(out)
}
