//! `sign-pay`: the parameters for `wx.requestPayment` (cli.md §4, apiv3.md §5).

use anyhow::Result;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use super::{Context, Outcome};
use crate::cli::SignPayArgs;
use crate::error::Failure;
use crate::render::{View, kv_table, to_json};
use crate::signing::paysign::{self, AppPayment, RequestPayment, app_payment, request_payment};

pub enum SignPayView {
    Jsapi(RequestPayment),
    App(AppPayment),
    Verified {
        fields: Vec<(&'static str, String)>,
        json: serde_json::Value,
    },
}

impl View for SignPayView {
    fn json(&self) -> String {
        match self {
            SignPayView::Jsapi(p) => to_json(p),
            SignPayView::App(p) => to_json(p),
            SignPayView::Verified { json, .. } => to_json(json),
        }
    }
    fn table(&self) -> String {
        match self {
            SignPayView::Jsapi(p) => kv_table(&[
                ("appId", p.app_id.clone()),
                ("timeStamp", p.time_stamp.clone()),
                ("nonceStr", p.nonce_str.clone()),
                ("package", p.package.clone()),
                ("signType", p.sign_type.to_string()),
                ("paySign", p.pay_sign.clone()),
            ]),
            SignPayView::App(p) => kv_table(&[
                ("appid", p.appid.clone()),
                ("partnerid", p.partnerid.clone()),
                ("prepayid", p.prepayid.clone()),
                ("package", p.package.to_string()),
                ("noncestr", p.noncestr.clone()),
                ("timestamp", p.timestamp.clone()),
                ("sign", p.sign.clone()),
            ]),
            SignPayView::Verified { fields, .. } => {
                let mut rows: Vec<(&str, String)> =
                    vec![("verified", "✓ the signature matches".into())];
                rows.extend(fields.iter().map(|(k, v)| (*k, v.clone())));
                kv_table(&rows)
            }
        }
    }
}

/// Accept `wx2014…` or `prepay_id=wx2014…`; anything that would change the signed lines is refused.
pub fn parse_prepay_id(raw: &str) -> Result<String, Failure> {
    let id = raw.strip_prefix("prepay_id=").unwrap_or(raw);
    if id.is_empty() {
        return Err(Failure::usage("--prepay-id is empty"));
    }
    if id.len() > 64
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(Failure::usage(format!(
            "--prepay-id {raw:?} is not a prepay_id (at most 64 letters, digits, '_' or '-')"
        ))
        .hint("pass the prepay_id returned by `wxcombine prepay`, e.g. wx201410272009395522657a690389285100"));
    }
    Ok(id.to_string())
}

fn check_timestamp(ts: &str) -> Result<(), Failure> {
    if ts.is_empty()
        || ts.len() > 12
        || !ts.bytes().all(|b| b.is_ascii_digit())
        || ts.starts_with('0')
    {
        return Err(Failure::usage(format!(
            "--timestamp {ts:?} is not a Unix time in seconds (e.g. 1554208460)"
        )));
    }
    Ok(())
}

fn check_nonce(nonce: &str) -> Result<(), Failure> {
    if nonce.is_empty() || nonce.len() > 32 || !nonce.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Failure::usage(format!(
            "--nonce {nonce:?} must be 1-32 letters or digits"
        )));
    }
    Ok(())
}

fn check_appid(appid: &str, from: &str) -> Result<(), Failure> {
    if appid.is_empty()
        || appid.len() > 32
        || !appid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return Err(Failure::usage(format!(
            "{from} {appid:?} is not an AppID (1-32 letters, digits or '_')"
        )));
    }
    Ok(())
}

/// Render the signed message so every line and its `\n` are visible.
pub fn explain(message: &[u8], app: bool) -> String {
    let text = String::from_utf8_lossy(message);
    let mut out = format!(
        "signed string ({} variant; SHA256withRSA with the merchant private key), one line per field, each ending in \\n:\n",
        if app { "APP" } else { "JSAPI/mini program" }
    );
    for line in text.split_terminator('\n') {
        out.push_str(&format!("  {line}\\n\n"));
    }
    out.push_str(&format!("  ({} bytes)", message.len()));
    out
}

pub fn run(ctx: &Context, args: &SignPayArgs) -> Result<Outcome> {
    // Resolve: everything typed is checked before any key is touched.
    let prepay_id = parse_prepay_id(&args.prepay_id)?;
    if let Some(ts) = &args.timestamp {
        check_timestamp(ts)?;
    }
    if let Some(n) = &args.nonce {
        check_nonce(n)?;
    }
    if let Some(a) = &args.appid {
        check_appid(a, "--appid")?;
    }
    let profile = ctx.profile()?;
    let appid = match (&args.appid, &profile.appid) {
        (Some(a), _) => a.clone(),
        (None, Some(a)) => a.clone(),
        (None, None) => {
            return Err(Failure::config(format!(
                "profile `{}` has no appid and --appid was not given",
                profile.name
            ))
            .hint(
                "pass --appid APPID (the combine_appid used at prepay) or set appid in the profile",
            )
            .into());
        }
    };
    let key = profile.load_private_key()?;
    let time_stamp = args
        .timestamp
        .clone()
        .unwrap_or_else(|| ctx.now().to_string());
    let nonce = args
        .nonce
        .clone()
        .unwrap_or_else(|| crate::rand::alphanumeric(32));

    // Execute.
    let message = if args.app {
        paysign::app_message(&appid, &time_stamp, &nonce, &prepay_id)
    } else {
        paysign::jsapi_message(&appid, &time_stamp, &nonce, &prepay_id)
    };
    if args.explain {
        ctx.printer.info(&explain(&message, args.app));
    }

    if let Some(given) = &args.verify {
        let sig = B64.decode(given.trim()).map_err(|_| {
            Failure::usage("--verify is not Base64 (a paySign is 344 Base64 characters)")
        })?;
        let package = if args.app {
            prepay_id.clone()
        } else {
            format!("prepay_id={prepay_id}")
        };
        if !key.public_key().verify(&message, &sig) {
            return Err(Failure::verification(format!(
                "the paySign does not verify against appId={appid}, timeStamp={time_stamp}, nonceStr={nonce}, {}={package} with the key in {}",
                if args.app { "prepayid" } else { "package" },
                profile.private_key_file.display()
            ))
            .hint("appId must be the combine_appid of the prepay, and timeStamp/nonceStr exactly the values given to wx.requestPayment; --explain shows the signed string")
            .into());
        }
        let fields = vec![
            ("appId", appid.clone()),
            ("timeStamp", time_stamp.clone()),
            ("nonceStr", nonce.clone()),
            ("package", package.clone()),
        ];
        let json = serde_json::json!({
            "verified": true,
            "appId": appid,
            "timeStamp": time_stamp,
            "nonceStr": nonce,
            "package": package,
        });
        return Ok(Outcome::ok(SignPayView::Verified { fields, json }));
    }

    let view = if args.app {
        SignPayView::App(app_payment(
            &key,
            &appid,
            &profile.mchid,
            &prepay_id,
            &time_stamp,
            &nonce,
        ))
    } else {
        SignPayView::Jsapi(request_payment(
            &key,
            &appid,
            &prepay_id,
            &time_stamp,
            &nonce,
        ))
    };
    Ok(Outcome::ok(view))
}
