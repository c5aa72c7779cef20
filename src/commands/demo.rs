//! `wxcombine demo`: the README's first command (issues 4 and 5). On a machine with no
//! configuration it starts an in-process sandbox in a temp dir and walks through a real combine
//! payment with the same code as the real commands: profile → prepay (2 sub-orders) → sign-pay →
//! the payer pays → the signed, encrypted notification reaches a local receiver and is verified
//! and decrypted → query shows SUCCESS → one sub-order is partly refunded (`refund create`) and
//! its `REFUND.SUCCESS` notification verified and decrypted (issue 13, item 8) → a second order is
//! closed → finance downloads the trade bill of the refund's day the next morning and checks it,
//! refund row included.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use serde_json::{Value, json};

use super::notify::listen;
use super::{Context, Outcome};
use crate::api::refund::{RefundNotice, RefundStatus};
use crate::cli::{
    BillDownloadArgs, BillSelect, CloseArgs, DemoArgs, GlobalArgs, PrepayArgs, ProfileCheckArgs,
    QueryArgs, RefundCreateArgs, RefundQueryArgs, SignPayArgs,
};
use crate::render::{Format, View};
use crate::sandbox::{KeyMode, RunningSandbox, SandboxOptions, clock};
use crate::signing::verify::KeyKind;

/// The demo's partial refund: 5.00 元 of the 19.99 元 sub-order.
const REFUND_FEN: i64 = 500;

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

/// The next notification the receiver accepted and verified; repeats of one already seen are
/// acknowledged by the receiver and skipped here.
fn next_notification(
    rt: &tokio::runtime::Runtime,
    receiver: &mut listen::RunningReceiver,
) -> Result<Box<listen::Accepted>> {
    rt.block_on(async {
        loop {
            match tokio::time::timeout(Duration::from_secs(15), receiver.events.recv()).await {
                Ok(Some(listen::Event::Accepted(a))) => return Ok(a),
                Ok(Some(listen::Event::Rejected { status, reason })) => {
                    bail!("the receiver refused the notification (HTTP {status}): {reason}")
                }
                Ok(Some(listen::Event::Duplicate { .. } | listen::Event::Saved { .. })) => continue,
                Ok(None) => bail!("the receiver stopped"),
                Err(_) => bail!("no notification arrived within 15 s"),
            }
        }
    })
}

/// The Beijing date of an APIv3 time (`2026-12-01T13:05:00+08:00`): the day whose bills hold it.
fn beijing_date(rfc3339: &str) -> Result<time::Date> {
    let t = time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .with_context(|| format!("{rfc3339:?} is not an RFC 3339 time"))?;
    Ok(t.to_offset(clock::BEIJING).date())
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
        // The notification schedule and the refund's 60 s of PROCESSING (--refund-delay) run
        // 1000× faster: the refund ends, and its notification arrives, within about a second
        // (the sandbox ends a refund on a whole second).
        notify_speed: 1000,
        refund_delay: Duration::from_secs(60),
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
    say(&key_mode_line(args.key_mode, &info))?;
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
        save_raw: None,
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
    let event = next_notification(&rt, &mut receiver)?;
    if event.event_type != "TRANSACTION.SUCCESS" {
        bail!(
            "expected the TRANSACTION.SUCCESS notification, received {}",
            event.event_type
        );
    }
    let order: crate::api::types::CombineOrder = serde_json::from_value(event.resource.clone())?;
    say(&format!(
        "   received {} ({}): signature verified with the {} {}, resource decrypted with the APIv3 key:",
        event.id, event.event_type, event.verified_by, event.serial
    ))?;
    say(&notification_why(args.key_mode, event.verified_by))?;
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
    // Which key signed the answers, and why (issue 15, item 13): the profile's own client, and in
    // mixed mode also one that names no public key id, as a certificate-only SDK sends.
    let mut responses = Vec::new();
    let (kind, serial) = answer_key(&rt, &profile, &no, true)?;
    say(&format!(
        "   its answer was signed with the {} {serial}: {}",
        kind_name(kind),
        response_why(args.key_mode, true, &profile)
    ))?;
    responses.push(json!({"request_names_public_key_id": profile.wechatpay_public_key_id.is_some(), "verified_by": kind_name(kind), "serial": serial}));
    if args.key_mode == crate::sandbox::KeyMode::Mixed {
        let (kind, serial) = answer_key(&rt, &profile, &no, false)?;
        say(&format!(
            "   the same query sent without Wechatpay-Serial (as a certificate-only SDK sends it) was answered signed with the {} {serial}: {}",
            kind_name(kind),
            response_why(args.key_mode, false, &profile)
        ))?;
        responses.push(json!({"request_names_public_key_id": false, "verified_by": kind_name(kind), "serial": serial}));
    }
    say("")?;

    // 7. A partial refund of one sub-order with `refund create`'s code. `--yes`: the demo owns
    // the sandbox, so there is no one to ask. The journal is the demo's, in its temp dir.
    let refund_sub = format!("{no}A");
    let (created, table) = step(super::refund::create::run_with_journal(
        &dctx,
        &RefundCreateArgs {
            number: no.clone(),
            sub_order: Some(refund_sub.clone()),
            all: false,
            amount: Some(REFUND_FEN),
            reason: Some("One tin arrived dented".into()),
            out_refund_no: None,
            notify_url: Some(notify_url.clone()),
            funds_account: None,
            wait: None,
            again: false,
            yes: true,
            dry_run: false,
        },
        Some(&root.join(super::refund::journal::FILE_NAME)),
    ))?;
    let out_refund_no = created["out_refund_no"]
        .as_str()
        .context("refund create returned no out_refund_no")?
        .to_string();
    say(&format!(
        "7. Refund {} 元 of sub-order {refund_sub} (merchant {}, signed with its key): refund create {no} --sub-order {refund_sub} --amount {REFUND_FEN} --yes; the number {out_refund_no} is chosen and journaled before sending",
        crate::money::Fen(REFUND_FEN),
        main.mchid
    ))?;
    say(&indent(&table))?;
    let refund_event = next_notification(&rt, &mut receiver)?;
    let notice: RefundNotice = serde_json::from_value(refund_event.resource.clone())
        .context("the refund notification's resource is not a refund")?;
    if refund_event.event_type != "REFUND.SUCCESS"
        || notice.out_refund_no != out_refund_no
        || notice.refund_status != RefundStatus::Success
    {
        bail!(
            "expected REFUND.SUCCESS of {out_refund_no}, received {} of {} ({})",
            refund_event.event_type,
            notice.out_refund_no,
            notice.refund_status
        );
    }
    say(&format!(
        "   received {} ({}): signature verified with the {} {}, resource decrypted with the APIv3 key:",
        refund_event.id, refund_event.event_type, refund_event.verified_by, refund_event.serial
    ))?;
    say(&notification_why(args.key_mode, refund_event.verified_by))?;
    say(&indent(&super::refund::query::notice_table(&notice)))?;
    let (refunded, _) = step(super::refund::query::run(
        &dctx,
        &RefundQueryArgs {
            numbers: vec![out_refund_no.clone()],
            from: None,
            sub_mchid: None,
            concurrency: 1,
        },
    ))?;
    let refund_status = refunded["status"].as_str().unwrap_or("?").to_string();
    if refund_status != "SUCCESS" {
        bail!("refund query {out_refund_no} shows {refund_status}, expected SUCCESS");
    }
    let refund_time = refunded["create_time"]
        .as_str()
        .context("refund query returned no create_time")?
        .to_string();
    say(&format!(
        "   refund query {out_refund_no}: {refund_status} (verified response)"
    ))?;
    say("")?;

    // 8. A second order, closed.
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
        "8. Create a second order {no2} and close it: the sub-orders were discovered by a query first (close) → closed={}",
        closed["closed"]
    ))?;
    say("")?;

    // 9. Finance: the trade bill of the refund's day. A day's bill exists from 10:00 the next
    // day (apiv3.md §8.4), so the sandbox's business clock (not the one that signs) moves there.
    let refund_date = beijing_date(&refund_time)?;
    let day = clock::format_date(refund_date);
    let seeded = sb.seed(&day, 200).context("seeding orders")?;
    let next_day = refund_date
        .next_day()
        .context("the refund is on the last day of time")?;
    let next_morning = clock::day_start(next_day) + 10 * 3600 + 30 * 60;
    sb.set_clock(&clock::rfc3339(next_morning))
        .context("moving the sandbox's business clock to the next morning")?;
    let bills = root.join("bills");
    std::fs::create_dir_all(&bills)?;
    let (rows, _) = step(super::bill::download::download(
        &dctx,
        &BillDownloadArgs {
            date: Some(day.clone()),
            from: None,
            to: None,
            url: None,
            hash: None,
            select: BillSelect {
                kind: crate::api::BillKind::Trade,
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
            sub_mchid_from: None,
            concurrency: 1,
            bill_rate: super::bill::many::DEFAULT_BILL_RATE,
            mode: None,
            all_profiles: false,
        },
    ))?;
    let row = &rows[0];
    let path = row["path"].as_str().context("no bill path")?.to_string();
    say(&format!(
        "9. Finance, the next morning (the sandbox's business clock moves to {} 10:30 +08:00: a day's bill exists from 10:00 the next day): {} more paid orders on {day}, the refund's day; download that day's trade bill (bill download --gzip), SHA-1 verified while streaming:",
        clock::format_date(next_day),
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
    let mut refund_row = None;
    for record in bill.by_ref() {
        if let crate::bill::Record::Trade(t) = record.with_context(|| path.clone())?
            && t.out_refund_no.as_deref() == Some(out_refund_no.as_str())
        {
            refund_row = Some(t);
        }
    }
    let report = bill.check().with_context(|| path.clone())?;
    let summary = serde_json::to_value(bill.summary()).unwrap_or(Value::Null);
    let refund_row = refund_row
        .with_context(|| format!("the trade bill of {day} has no row of refund {out_refund_no}"))?;
    let cell = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let row_fen = refund_row.refund_fen.map(|f| f.0);
    if row_fen != Some(REFUND_FEN)
        || refund_row.out_trade_no.as_deref() != Some(refund_sub.as_str())
    {
        bail!(
            "the bill's row of refund {out_refund_no} is of {row_fen:?} fen of {}, expected {REFUND_FEN} fen of {refund_sub}",
            cell(&refund_row.out_trade_no)
        );
    }
    // The demo's sandbox holds this one refund, so the summary's refund total is its amount.
    if summary["refund_fen"].as_i64() != Some(REFUND_FEN) {
        bail!(
            "the bill's 退款总金额 is {} fen, expected the refund's {REFUND_FEN}",
            summary["refund_fen"]
        );
    }
    let fen = |k: &str| {
        summary[k]
            .as_i64()
            .map(|f| crate::money::Fen(f).yuan())
            .unwrap_or_else(|| "?".into())
    };
    say(&format!(
        "   refund row: {} of {} · 交易状态 {} · 退款金额 {} 元 · 退款状态 {} · 手续费 {} 元",
        out_refund_no,
        refund_sub,
        cell(&refund_row.trade_state),
        crate::money::Fen(REFUND_FEN).yuan(),
        cell(&refund_row.refund_status),
        refund_row.fee.map_or_else(|| "-".into(), |f| f.to_string())
    ))?;
    say(&format!(
        "   bill parse --check: the {} records add up to the summary line (应结订单总金额 {} 元, 退款总金额 {} 元, 手续费总金额 {} 元)",
        report.records,
        fen("settlement_total_fen"),
        fen("refund_fen"),
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
        "notification": {"id": event.id, "event_type": event.event_type, "verified_by": event.verified_by, "serial": event.serial},
        "key_mode": args.key_mode.as_str(),
        "query_responses": responses,
        "state": "SUCCESS",
        "refund": {
            "out_refund_no": out_refund_no,
            "out_trade_no": refund_sub,
            "amount": REFUND_FEN,
            "status": refund_status,
            "notification": {"id": refund_event.id, "event_type": refund_event.event_type, "verified_by": refund_event.verified_by, "serial": refund_event.serial},
        },
        "closed": no2,
        "bill": row,
        "bill_check": {
            "date": day,
            "records": report.records,
            "refund_total_fen": summary["refund_fen"],
            "refund_row": {
                "out_refund_no": refund_row.out_refund_no,
                "out_trade_no": refund_row.out_trade_no,
                "refund_fen": row_fen,
                "refund_status": refund_row.refund_status,
            },
        },
        "kept": kept.map(|d| d.display().to_string()),
    });
    Ok(Outcome::ok(DemoView(summary)))
}

// ---- which key signed what (issue 15, item 13) -------------------------------------------------

fn kind_name(kind: KeyKind) -> &'static str {
    match kind {
        KeyKind::PublicKey => "public key",
        KeyKind::Certificate => "platform certificate",
    }
}

/// The key mode, said once: who signs, and how the profile tells the keys apart.
fn key_mode_line(mode: KeyMode, info: &crate::sandbox::SandboxInfo) -> String {
    match mode {
        KeyMode::Pubkey => format!(
            "   key mode pubkey: WeChat Pay signs every answer and notification with its public key {} (Wechatpay-Serial names it); the profile verifies with wechatpay_public_key_file",
            info.public_key_id
        ),
        KeyMode::Cert => format!(
            "   key mode cert: WeChat Pay signs every answer and notification with its platform certificate {} (Wechatpay-Serial is its serial); the profile verifies with the certificates in platform_cert_dir",
            info.platform_cert_serial
        ),
        KeyMode::Mixed => format!(
            "   key mode mixed, the migration from platform certificates to the public key (apiv3.md §2.5): an answer is signed with the public key {} only when the request names that id in Wechatpay-Serial, otherwise with the platform certificate {}; notifications switch over gradually, so either key may sign one. The profile holds both and picks the verifier by each message's Wechatpay-Serial.",
            info.public_key_id, info.platform_cert_serial
        ),
    }
}

/// Why a notification was signed by the key that signed it.
fn notification_why(mode: KeyMode, verified_by: &str) -> String {
    match mode {
        KeyMode::Pubkey => "   (pubkey mode: every notification carries the public key id)".into(),
        KeyMode::Cert => {
            "   (cert mode: every notification carries the platform certificate's serial)".into()
        }
        KeyMode::Mixed => format!(
            "   (mixed mode: during the migration WeChat Pay signs notifications with either key, this one with the {verified_by}; its Wechatpay-Serial chose the verifier)"
        ),
    }
}

/// Why an answer was signed by the key that signed it.
fn response_why(mode: KeyMode, names_id: bool, profile: &crate::config::Profile) -> String {
    let named = names_id
        .then_some(profile.wechatpay_public_key_id.as_deref())
        .flatten();
    match (mode, named) {
        (KeyMode::Pubkey, _) => "pubkey mode signs every answer with the public key".into(),
        (KeyMode::Cert, _) => "cert mode signs every answer with the platform certificate".into(),
        (KeyMode::Mixed, Some(id)) => {
            format!("the request named {id} in Wechatpay-Serial, so the answer uses the public key")
        }
        (KeyMode::Mixed, None) => {
            "the request named no public key id, so the answer uses the platform certificate".into()
        }
    }
}

/// Query `no` once more with the profile's keys and see which key verified the answer. With
/// `name_public_key_id` false the request carries no Wechatpay-Serial, as certificate-only SDKs
/// send it.
fn answer_key(
    rt: &tokio::runtime::Runtime,
    profile: &crate::config::Profile,
    no: &str,
    name_public_key_id: bool,
) -> Result<(KeyKind, String)> {
    let mut opts = crate::transport::ClientOptions::new(profile.base_url.clone());
    opts.backup_base_url = profile.backup_base_url.clone();
    opts.wechatpay_serial = if name_public_key_id {
        profile.wechatpay_public_key_id.clone()
    } else {
        None
    };
    let client =
        crate::transport::Client::new(opts, profile.load_signer()?, profile.load_verifier()?);
    let resp = rt.block_on(client.call(&crate::api::Request::combine_query(no)))?;
    let kind = resp
        .verified_by
        .context("the query's answer was not verified")?;
    let serial = resp.header("Wechatpay-Serial").unwrap_or("?").to_string();
    Ok((kind, serial))
}
