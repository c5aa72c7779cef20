//! Views more than one command returns (issue 12, item 4: commands do not import each other).

use serde::Serialize;
use serde_json::Value;

use super::Context;
use crate::api::Request;
use crate::config::Profile;
use crate::error::Failure;
use crate::render::{View, to_json};
use crate::transport::Client;

/// What `--dry-run` shows (`prepay`, `close`): [`Client::preview`] of the request, which is the
/// one dry-run view of the transport, with the body as JSON.
#[derive(Serialize)]
pub struct DryRunView {
    pub method: &'static str,
    pub url: String,
    pub body: Value,
    pub string_to_sign: String,
}

impl DryRunView {
    /// What would be sent for `request` now: the URL, the body and the exact string to sign
    /// (with a fresh timestamp and nonce, as a real send would use). Sends nothing.
    pub fn new(
        ctx: &Context,
        profile: &Profile,
        request: &Request,
        body: Value,
    ) -> Result<Self, Failure> {
        let base = ctx.base_url(profile)?;
        let ts = ctx.now().to_string();
        let nonce = crate::rand::alphanumeric(32);
        let preview = Client::preview(&base, request, &ts, &nonce);
        Ok(DryRunView {
            method: preview.method,
            url: preview.url,
            body,
            string_to_sign: String::from_utf8_lossy(&preview.message).into_owned(),
        })
    }
}

impl View for DryRunView {
    fn json(&self) -> String {
        to_json(self)
    }
    fn table(&self) -> String {
        let body = serde_json::to_string_pretty(&self.body).unwrap_or_default();
        format!(
            "{} {}\n\nbody:\n{body}\n\nstring to sign (each line ends in \\n):\n{}\nnothing was sent (--dry-run)\n",
            self.method,
            self.url,
            self.string_to_sign
                .split_terminator('\n')
                .map(|l| format!("  {l}\\n"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    }
}
