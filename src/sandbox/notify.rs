//! Payment notifications (apiv3.md §7, §13.23): one `TRANSACTION.SUCCESS` per paid combine order,
//! AES-256-GCM encrypted with the combine merchant's APIv3 key and signed, POSTed to its
//! notify_url; only 200/204 within the timeout counts; otherwise the §7.3 schedule, scaled by
//! `--notify-speed`. Every attempt is recorded (headers and body as sent) before the next is
//! planned, and pending deliveries are picked up again after a restart.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::clock::{self, real_now_ms};
use super::faults::{FaultKind, NOTIFY_TARGET};
use super::respond::{SigningKey, sign_headers};
use super::store::{self, NOTIFS};
use super::{Core, NOTIFY_SCHEDULE_SECS};
use crate::api::types::{CombineOrder, EncryptedResource, NotificationEnvelope};
use crate::signing::ApiV3Key;
use crate::transport::http::{build_notify_client, describe, send_raw};

/// Which platform key signs a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Signer {
    Pubkey,
    Cert,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attempt {
    pub attempt: u32,
    /// Real time the attempt started (RFC 3339, Beijing).
    pub time: String,
    pub url: String,
    /// The request headers exactly as sent.
    pub headers: Vec<(String, String)>,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub delivered: bool,
    pub duration_ms: u64,
    /// A deliberate second delivery of an acknowledged notification (§13.23).
    #[serde(default)]
    pub duplicate: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Notification {
    /// Store key: creation time, sortable.
    pub key: String,
    /// The envelope's `id` (§7.1).
    pub id: String,
    pub combine_mchid: String,
    pub combine_out_trade_no: String,
    pub notify_url: String,
    /// Business time of the payment.
    pub created_at: i64,
    /// The envelope, exactly the bytes every attempt sends.
    pub body: String,
    #[serde(default)]
    pub signer: Option<Signer>,
    pub attempts: Vec<Attempt>,
    /// Real Unix ms of the next attempt; `None` once delivered or given up.
    pub next_due_ms: Option<i64>,
    pub delivered: bool,
    pub gave_up: bool,
    #[serde(default)]
    pub duplicate_pending: bool,
}

fn uuid_like() -> String {
    let mut b = [0u8; 16];
    let _ = aws_lc_rs::rand::fill(&mut b);
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

impl Notification {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        key: &str,
        combine_mchid: &str,
        combine_out_trade_no: &str,
        notify_url: &str,
        order: &CombineOrder,
        apiv3_key: &ApiV3Key,
        now: i64,
        now_ms: i64,
    ) -> Self {
        let plaintext = serde_json::to_vec(order).expect("orders serialise");
        let nonce = crate::rand::alphanumeric(12);
        let ciphertext = apiv3_key
            .encrypt(&nonce, "transaction", &plaintext)
            .expect("a 12-character nonce is valid");
        let envelope = NotificationEnvelope {
            id: uuid_like(),
            create_time: clock::rfc3339(now),
            resource_type: "encrypt-resource".into(),
            event_type: "TRANSACTION.SUCCESS".into(),
            summary: "支付成功".into(),
            resource: EncryptedResource {
                algorithm: "AEAD_AES_256_GCM".into(),
                ciphertext,
                associated_data: "transaction".into(),
                original_type: Some("transaction".into()),
                nonce,
            },
        };
        Notification {
            key: key.to_string(),
            id: envelope.id.clone(),
            combine_mchid: combine_mchid.into(),
            combine_out_trade_no: combine_out_trade_no.into(),
            notify_url: notify_url.into(),
            created_at: now,
            body: serde_json::to_string(&envelope).expect("envelopes serialise"),
            signer: None,
            attempts: Vec::new(),
            next_due_ms: Some(now_ms),
            delivered: false,
            gave_up: false,
            duplicate_pending: false,
        }
    }
}

impl Core {
    pub fn next_notification_key(&self) -> String {
        format!("{:016}-{}", real_now_ms(), crate::rand::alphanumeric(6))
    }

    /// Delay before retry number `n` (1-based) under `--notify-speed`.
    fn retry_delay_ms(&self, n: usize) -> Option<i64> {
        let secs = *NOTIFY_SCHEDULE_SECS.get(n.checked_sub(1)?)?;
        Some((secs * 1000 / u64::from(self.opts.notify_speed.max(1))) as i64)
    }

    fn pick_signer(&self) -> Signer {
        let mode = self.opts.key_mode;
        match (mode.has_pubkey(), mode.has_cert()) {
            // Mixed mode: notifications alternate between the two keys (§2.5 migration).
            (true, true) => self.alternate_signer(),
            (true, false) => Signer::Pubkey,
            _ => Signer::Cert,
        }
    }

    /// The key behind `signer` now: for the certificate, the one in use at business time
    /// (a rotated certificate signs only from its `usable_from`, §13.11).
    pub fn signing_key(&self, signer: Signer) -> SigningKey {
        let p = &self.ids.platform;
        match signer {
            Signer::Pubkey => SigningKey {
                key: p.pubkey_key.clone(),
                serial: p.public_key_id.clone(),
            },
            Signer::Cert => {
                let c = p.cert_in_use(self.clock.now());
                SigningKey {
                    key: c.key.clone(),
                    serial: c.cert.serial.clone(),
                }
            }
        }
    }
}

/// The delivery loop: sleeps until the earliest due notification, delivers it in its own task.
pub async fn run(core: Arc<Core>) {
    let client = build_notify_client(core.opts.notify_timeout, "Wechatpay-Sandbox/1.0");
    let mut inflight: std::collections::HashSet<String> = Default::default();
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    loop {
        let now = real_now_ms();
        let next = {
            let p = core.pending.lock().expect("pending lock");
            p.iter()
                .filter(|(k, _)| !inflight.contains(*k))
                .min_by_key(|(_, due)| **due)
                .map(|(k, d)| (k.clone(), *d))
        };
        match next {
            Some((key, due)) if due <= now => {
                inflight.insert(key.clone());
                let core = core.clone();
                let client = client.clone();
                let done = done_tx.clone();
                tokio::spawn(async move {
                    deliver(&core, &client, &key).await;
                    let _ = done.send(key);
                });
                continue;
            }
            _ => {}
        }
        let wait = next
            .map(|(_, due)| Duration::from_millis((due - now).clamp(0, 3_600_000) as u64))
            .unwrap_or(Duration::from_secs(3600));
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = core.notify_wake.notified() => {}
            Some(k) = done_rx.recv() => { inflight.remove(&k); }
        }
    }
}

async fn deliver(core: &Core, client: &crate::transport::http::HttpClient, key: &str) {
    let pending = &core.pending;
    let mut n = match core.store.get::<Notification>(NOTIFS, key) {
        Ok(Some(n)) => n,
        Ok(None) => {
            pending.lock().expect("pending lock").remove(key);
            return;
        }
        Err(e) => {
            eprintln!("sandbox: cannot read notification {key}: {e:#}");
            return;
        }
    };
    if n.next_due_ms.is_none() {
        pending.lock().expect("pending lock").remove(key);
        return;
    }
    let signer = *n.signer.get_or_insert_with(|| core.pick_signer());
    let fault = core
        .faults
        .take(FaultKind::SIGNATURE, NOTIFY_TARGET)
        .map(|f| f.kind);
    let signed = sign_headers(
        &core.signing_key(signer),
        n.body.as_bytes(),
        clock::real_now(),
        fault,
    );
    let mut headers: Vec<(String, String)> =
        vec![("Content-Type".into(), "application/json".into())];
    headers.extend(signed.iter().map(|(k, v)| (k.to_string(), v.clone())));
    let header_refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let started = Instant::now();
    let time = clock::rfc3339(clock::real_now());
    let result = send_raw(
        client,
        "POST",
        &n.notify_url,
        &header_refs,
        n.body.clone().into_bytes(),
    )
    .await;
    let duration_ms = started.elapsed().as_millis() as u64;
    let (status, error) = match &result {
        Ok(r) => (Some(r.status), None),
        Err(e) => (None, Some(describe(e))),
    };
    // §7.3: only 200 or 204 counts, whatever the body says.
    let delivered = matches!(status, Some(200 | 204));
    let duplicate = n.delivered;
    n.attempts.push(Attempt {
        attempt: n.attempts.len() as u32 + 1,
        time,
        url: n.notify_url.clone(),
        headers,
        status,
        error,
        delivered,
        duration_ms,
        duplicate,
    });
    let now_ms = real_now_ms();
    if duplicate {
        n.duplicate_pending = false;
        n.next_due_ms = None;
    } else if delivered {
        n.delivered = true;
        if core.opts.duplicate_notifications {
            n.duplicate_pending = true;
            n.next_due_ms = Some(now_ms);
        } else {
            n.next_due_ms = None;
        }
    } else {
        let failures = n.attempts.iter().filter(|a| !a.duplicate).count();
        match core.retry_delay_ms(failures) {
            Some(d) => n.next_due_ms = Some(now_ms + d),
            None => {
                n.gave_up = true;
                n.next_due_ms = None;
            }
        }
    }
    if let Err(e) = core.store.write(|txn| store::put_in(txn, NOTIFS, key, &n)) {
        eprintln!("sandbox: cannot record notification {key}: {e:#}");
    }
    let mut p = pending.lock().expect("pending lock");
    match n.next_due_ms {
        Some(d) => {
            p.insert(key.to_string(), d);
        }
        None => {
            p.remove(key);
        }
    }
}

/// Every notification still to be (re)sent, by key, with its due time: read once at start.
pub fn load_pending(
    store: &super::store::Store,
) -> anyhow::Result<std::collections::HashMap<String, i64>> {
    Ok(store
        .scan::<Notification>(NOTIFS, "")?
        .into_iter()
        .filter_map(|(k, n)| n.next_due_ms.map(|d| (k, d)))
        .collect())
}
