//! `wxcombine demo`: the README's first command (issues 4 and 5). On a machine with no
//! configuration it starts an in-process sandbox in a temp dir and walks through a real combine
//! payment with the same code as the real commands: profile → prepay (2 sub-orders) → sign-pay →
//! the payer pays → the signed, encrypted notification reaches a local receiver and is verified
//! and decrypted → query shows SUCCESS → a second order is closed → finance downloads and checks
//! a day's trade bill.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use serde_json::{Value, json};

use super::notify::listen;
use super::{Context, Outcome};
use crate::cli::{
    BillDownloadArgs, BillKindArg, BillSelect, CloseArgs, DemoArgs, GlobalArgs, PrepayArgs,
    ProfileCheckArgs, QueryArgs, SignPayArgs,
};
use crate::render::{Format, View};
use crate::sandbox::{RunningSandbox, SandboxOptions};

/// What the demo did, for `-o json`.
pub struct DemoView(pub Value);

impl View for DemoView {
    fn json(&self) -> String {
        self.0.to_string()
    }
    fn table(&self) -> String {
        String::new()
    }
}

/// A context for the demo's own profile, quiet (the demo narrates) and in table form.
fn demo_context(config: PathBuf, verbose: u8) -> Context {
    Context::new(GlobalArgs {
        config: Some(config),
        profile: Some("sandbox".into()),
        output: Some(Format::Table),
        base_url: None,
        allow_custom_host: false,
        timeout: 30,
        retries: 3,
        verbose,
        quiet: true,
        no_progress: true,
        color: crate::render::ColorChoice::Never,
    })
}

/// Run a command's `run`, fail on its failure, and hand back the view's JSON and table.
fn step(outcome: Result<Outcome>) -> Result<(Value, String)> {
    let o = outcome?;
    if let Some(f) = o.failure {
        return Err(f);
    }
    let json: Value = serde_json::from_str(&o.view.json()).unwrap_or(Value::Null);
    Ok((json, o.view.table()))
}

/// A table indented under its step, without a trailing newline.
fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn run(ctx: &Context, args: &DemoArgs) -> Result<Outcome> {
    let p = &ctx.printer;
    let narrate = p.format == Format::Table;
    let say = |s: &str| -> Result<()> {
        if narrate {
            p.emit_line(s)?;
        }
        Ok(())
    };
    let work = tempfile::Builder::new()
        .prefix("wxcombine-demo")
        .tempdir()
        .context("creating a temp dir")?;
    let root = work.path().to_path_buf();

    say(
        "wxcombine demo: a combine payment (合单支付) end to end, against a local WeChat Pay sandbox",
    )?;
    say("")?;

    // 1. The sandbox and its profile.
    let opts = SandboxOptions {
        data_dir: Some(root.join("sandbox")),
        key_mode: args.key_mode,
        notify_speed: 1000,
        ..Default::default()
    };
    let sb = RunningSandbox::start(opts).context("starting the sandbox")?;
    let config = root.join("config.toml");
    sb.write_config(&config)?;
    let info = sb.info();
    let main = &info.merchants[0];
    let sub = &info.merchants[1];
    say(&format!(
        "1. Start a sandbox at {} ({} key mode) and write profile `sandbox` to {}",
        sb.base_url(),
        args.key_mode.as_str(),
        config.display()
    ))?;
    let dctx = demo_context(config.clone(), ctx.global.verbose);
    let (check, _) = step(super::profile::check(
        &dctx,
        &ProfileCheckArgs {
            name: None,
            offline: false,
        },
    ))?;
    let checks = check["checks"].as_array().map(|a| a.len()).unwrap_or(0);
    say(&format!(
        "   profile check: {checks} checks passed (keys, certificate serial, APIv3 key, verifier, a signed request, clock skew)"
    ))?;
    say("")?;

    // 2. A local receiver for the notification, using `notify listen`'s code.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let profile = dctx.profile()?;
    let receiver_opts = listen::ReceiverOptions {
        listen: "127.0.0.1:0".parse().expect("an address"),
        path: "/wxpay/notify".into(),
        forward_to: None,
        max_age: 300,
        verifier: profile.load_verifier()?,
        key: dctx.apiv3_key(&profile)?,
        forward_timeout: Duration::from_secs(4),
    };
    let mut receiver = rt.block_on(listen::start(receiver_opts))?;
    let notify_url = receiver.url("/wxpay/notify");
    say(&format!(
        "2. Start a notification receiver (notify listen) at {notify_url}"
    ))?;
    say("")?;

    // 3. Prepay with two sub-orders of two merchants.
    let no = super::prepay::generate_combine_out_trade_no(time::OffsetDateTime::now_utc());
    let prepay_args = PrepayArgs {
        scene: crate::api::Scene::Jsapi,
        combine_out_trade_no: Some(no.clone()),
        openid: Some(main.openid.clone()),
        sub_orders: vec![
            format!("out_trade_no={no}A,amount=1999,description=Oolong tea 250g,attach=store-1"),
            format!(
                "out_trade_no={no}B,amount=3500,description=Tea set,attach=store-2,mchid={}",
                sub.mchid
            ),
        ],
        body: None,
        notify_url: Some(notify_url.clone()),
        expire_in: Some("2h".into()),
        time_expire: None,
        payer_ip: None,
        device_id: None,
        h5_type: None,
        appid: None,
        sign: false,
        dry_run: false,
    };
    let (prepaid, table) = step(super::prepay::run(&dctx, &prepay_args))?;
    let prepay_id = prepaid["prepay_id"]
        .as_str()
        .context("prepay returned no prepay_id")?
        .to_string();
    say(&format!(
        "3. Create combine order {no}: 19.99 元 from merchant {} + 35.00 元 from merchant {} (prepay)",
        main.mchid, sub.mchid
    ))?;
    say(&indent(&table))?;
    say("")?;

    // 4. wx.requestPayment parameters.
    let (rp, table) = step(super::sign_pay::run(
        &dctx,
        &SignPayArgs {
            prepay_id: prepay_id.clone(),
            appid: None,
            timestamp: None,
            nonce: None,
            app: false,
            explain: false,
            verify: None,
        },
    ))?;
    say("4. Sign the parameters the mini program passes to wx.requestPayment (sign-pay)")?;
    say(&indent(&table))?;
    say("")?;

    // 5. The payer pays; the sandbox sends one encrypted, signed notification.
    sb.pay(&no).context("paying in the sandbox")?;
    say(
        "5. The payer pays: the sandbox marks both sub-orders SUCCESS and sends one TRANSACTION.SUCCESS notification",
    )?;
    let event = rt.block_on(async {
        loop {
            match tokio::time::timeout(Duration::from_secs(15), receiver.events.recv()).await {
                Ok(Some(listen::Event::Accepted(a))) => return Ok(a),
                Ok(Some(listen::Event::Rejected { status, reason })) => {
                    bail!("the receiver refused the notification (HTTP {status}): {reason}")
                }
                Ok(Some(listen::Event::Duplicate { .. })) => continue,
                Ok(None) => bail!("the receiver stopped"),
                Err(_) => bail!("no notification arrived within 15 s"),
            }
        }
    })?;
    let order: crate::api::types::CombineOrder = serde_json::from_value(event.resource.clone())?;
    say(&format!(
        "   received {} ({}): signature verified with the {} {}, resource decrypted with the APIv3 key:",
        event.id, event.event_type, event.verified_by, event.serial
    ))?;
    say(&indent(&super::shared::order_table(
        super::shared::order_rows(&order),
    )))?;
    say("")?;

    // 6. Query shows SUCCESS.
    let (queried, _) = step(super::query::run(
        &dctx,
        &QueryArgs {
            numbers: vec![no.clone()],
            from: None,
            concurrency: 1,
        },
    ))?;
    let states: Vec<&str> = queried["sub_orders"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["trade_state"].as_str()).collect())
        .unwrap_or_default();
    if states.is_empty() || states.iter().any(|s| *s != "SUCCESS") {
        bail!("query shows {states:?}, expected SUCCESS");
    }
    say(&format!(
        "6. Query {no}: every sub-order is SUCCESS (query, verified response)"
    ))?;
    say("")?;

    // 7. A second order, closed.
    let no2 = super::prepay::generate_combine_out_trade_no(time::OffsetDateTime::now_utc());
    let mut second = prepay_args;
    second.combine_out_trade_no = Some(no2.clone());
    second.sub_orders = vec![
        format!("out_trade_no={no2}A,amount=500,description=Green tea,attach=store-1"),
        format!(
            "out_trade_no={no2}B,amount=800,description=Cups,attach=store-2,mchid={}",
            sub.mchid
        ),
    ];
    step(super::prepay::run(&dctx, &second))?;
    let (closed, _) = step(super::close::run(
        &dctx,
        &CloseArgs {
            number: no2.clone(),
            sub_orders: vec![],
            appid: None,
            yes: true,
            dry_run: false,
        },
    ))?;
    say(&format!(
        "7. Create a second order {no2} and close it: the sub-orders were discovered by a query first (close) → closed={}",
        closed["closed"]
    ))?;
    say("")?;

    // 8. Finance: a past day's trade bill.
    let day = (time::OffsetDateTime::now_utc()
        .to_offset(time::macros::offset!(+8))
        .date()
        - time::Duration::days(2))
    .format(time::macros::format_description!("[year]-[month]-[day]"))
    .expect("dates format");
    let seeded = sb.seed(&day, 200).context("seeding orders")?;
    let bills = root.join("bills");
    std::fs::create_dir_all(&bills)?;
    let (rows, _) = step(super::bill_download::download(
        &dctx,
        &BillDownloadArgs {
            date: Some(day.clone()),
            from: None,
            to: None,
            url: None,
            hash: None,
            select: BillSelect {
                kind: BillKindArg::Trade,
                bill_type: crate::api::BillType::All,
                account_type: crate::api::AccountType::Basic,
                sub_mchid: None,
                gzip: true,
            },
            out: None,
            dir: bills.clone(),
            force: false,
            keep_gzip: false,
            wait: None,
        },
    ))?;
    let row = &rows[0];
    let path = row["path"].as_str().context("no bill path")?.to_string();
    say(&format!(
        "8. Finance: {} paid orders on {day}; download that day's trade bill (bill download --gzip), SHA-1 verified while streaming:",
        seeded.orders
    ))?;
    say(&format!(
        "    {} · {} rows · {} bytes · sha1 {}",
        path,
        row["rows"],
        row["bytes"],
        row["hash_value"].as_str().unwrap_or("")
    ))?;
    // The same reader and check as `bill parse --check`.
    let file = std::fs::File::open(&path).with_context(|| format!("opening {path}"))?;
    let mut bill = crate::bill::BillReader::new(file).with_context(|| path.clone())?;
    let report = bill.check().with_context(|| path.clone())?;
    let summary = serde_json::to_value(bill.summary()).unwrap_or(Value::Null);
    let fen = |k: &str| {
        summary[k]
            .as_u64()
            .map(|f| format!("{}.{:02}", f / 100, f % 100))
            .unwrap_or_else(|| "?".into())
    };
    say(&format!(
        "   bill parse --check: the {} records add up to the summary line (应结订单总金额 {} 元, 手续费总金额 {} 元)",
        report.records,
        fen("settlement_total_fen"),
        summary["fee"].as_str().unwrap_or("?")
    ))?;
    say("")?;

    rt.block_on(receiver.shutdown());
    drop(rt);
    let kept = args.keep.then(|| work.keep());
    say(
        "Done. Every step used the same code as the real commands; with a production profile they talk to WeChat Pay.",
    )?;
    match &kept {
        Some(dir) => say(&format!(
            "The sandbox's keys, state, config and bill are kept in {}",
            dir.display()
        ))?,
        None => say("The sandbox's temp dir was removed (pass --keep to keep it).")?,
    }
    drop(sb);
    let summary = json!({
        "combine_out_trade_no": no,
        "prepay_id": prepay_id,
        "request_payment": rp,
        "notification": {"id": event.id, "event_type": event.event_type, "verified_by": event.verified_by},
        "state": "SUCCESS",
        "closed": no2,
        "bill": row,
        "kept": kept.map(|d| d.display().to_string()),
    });
    Ok(Outcome::ok(DemoView(summary)))
}
