//! Payment and refund notifications (apiv3.md §7, §13.23, §14.4): one `TRANSACTION.SUCCESS` per
//! paid combine order and one `REFUND.*` per refund outcome,
//! AES-256-GCM encrypted with the combine merchant's APIv3 key and signed, POSTed to its
//! notify_url; only 200/204 within the timeout counts; otherwise the §7.3 schedule, scaled by
//! `--notify-speed`. Every attempt is recorded (headers and body as sent) before the next is
//! planned, and pending deliveries are picked up again after a restart.
//!
//! Owns the NOTIFS table (every notification with every attempt) and the in-memory schedule of
//! pending deliveries. A payment queues its notification inside the payment's own transaction
//! ([`Notifications::queue_in`]), so neither exists without the other.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;
use redb::{TableDefinition, WriteTransaction};
use serde::{Deserialize, Serialize};

use super::clock::{self, real_now_ms};
use super::faults::{FaultKind, Faults, NOTIFY_TARGET};
use super::keys::{Keys, PlatformKey};
use super::store::{self, Store};
use crate::api::types::{CombineOrder, EncryptedResource, NotificationEnvelope};
use crate::signing::ApiV3Key;
use crate::transport::http::{build_notify_client, describe, send_raw};

/// WeChat Pay's retry schedule after a failed notification (apiv3.md §7.3), in seconds.
pub const NOTIFY_SCHEDULE_SECS: [u64; 15] = [
    15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
];

/// Notifications (with every delivery attempt) by key.
const NOTIFS: TableDefinition<&str, &[u8]> = TableDefinition::new("notifications");

/// How notifications are delivered (`sandbox serve` flags).
#[derive(Debug, Clone, Copy)]
pub struct Delivery {
    /// Run the retry schedule N× faster (1 = real time).
    pub speed: u32,
    /// How long a receiver has to answer 200/204 (§7.3: 5 s).
    pub timeout: Duration,
    /// After a notification is acknowledged, deliver it once more (§13.23 at-least-once).
    pub duplicate: bool,
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
    /// The key every attempt is signed with, chosen at the first (serialised as `signer`, the
    /// name it has always had in stored notifications).
    #[serde(default, rename = "signer")]
    pub platform_key: Option<PlatformKey>,
    pub attempts: Vec<Attempt>,
    /// Real Unix ms of the next attempt; `None` once delivered or given up.
    pub next_due_ms: Option<i64>,
    pub delivered: bool,
    pub gave_up: bool,
    #[serde(default)]
    pub duplicate_pending: bool,
    /// `TRANSACTION.SUCCESS` (absent in notifications stored before refunds) or `REFUND.*`.
    #[serde(default)]
    pub event_type: Option<String>,
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
        Self::encrypted(
            Target {
                key,
                combine_mchid,
                combine_out_trade_no,
                notify_url,
            },
            ("TRANSACTION.SUCCESS", "支付成功", "transaction"),
            &plaintext,
            apiv3_key,
            now,
            now_ms,
        )
    }

    /// A refund's result notification (apiv3.md §14.4): `REFUND.SUCCESS|ABNORMAL|CLOSED`, the
    /// refund resource encrypted with associated_data `refund`, first sent at real ms `due_ms`
    /// (when the refund stops being `PROCESSING`).
    pub fn refund(
        to: Target<'_>,
        status: &str,
        resource: &serde_json::Value,
        apiv3_key: &ApiV3Key,
        now: i64,
        due_ms: i64,
    ) -> Self {
        let (event, summary) = match status {
            "ABNORMAL" => ("REFUND.ABNORMAL", "退款异常"),
            "CLOSED" => ("REFUND.CLOSED", "退款关闭"),
            _ => ("REFUND.SUCCESS", "退款成功"),
        };
        let plaintext = serde_json::to_vec(resource).expect("refunds serialise");
        Self::encrypted(
            to,
            (event, summary, "refund"),
            &plaintext,
            apiv3_key,
            now,
            due_ms,
        )
    }

    /// The envelope of §7.1 around `plaintext`, encrypted with associated_data (and
    /// original_type) `aad`.
    fn encrypted(
        to: Target<'_>,
        (event_type, summary, aad): (&str, &str, &str),
        plaintext: &[u8],
        apiv3_key: &ApiV3Key,
        now: i64,
        due_ms: i64,
    ) -> Self {
        let nonce = crate::rand::alphanumeric(12);
        let ciphertext = apiv3_key
            .encrypt(&nonce, aad, plaintext)
            .expect("a 12-character nonce is valid");
        let envelope = NotificationEnvelope {
            id: uuid_like(),
            create_time: clock::rfc3339(now),
            resource_type: "encrypt-resource".into(),
            event_type: event_type.into(),
            summary: summary.into(),
            resource: EncryptedResource {
                algorithm: "AEAD_AES_256_GCM".into(),
                ciphertext,
                associated_data: aad.into(),
                original_type: Some(aad.into()),
                nonce,
            },
        };
        let Target {
            key,
            combine_mchid,
            combine_out_trade_no,
            notify_url,
        } = to;
        Notification {
            key: key.to_string(),
            id: envelope.id.clone(),
            combine_mchid: combine_mchid.into(),
            combine_out_trade_no: combine_out_trade_no.into(),
            notify_url: notify_url.into(),
            created_at: now,
            body: serde_json::to_string(&envelope).expect("envelopes serialise"),
            platform_key: None,
            attempts: Vec::new(),
            next_due_ms: Some(due_ms),
            delivered: false,
            gave_up: false,
            duplicate_pending: false,
            event_type: Some(event_type.into()),
        }
    }
}

/// Where a notification goes, and the combine order it is filed under.
pub struct Target<'a> {
    /// Store key ([`Notifications::next_key`]).
    pub key: &'a str,
    pub combine_mchid: &'a str,
    pub combine_out_trade_no: &'a str,
    pub notify_url: &'a str,
}

/// A notification queued in a committed transaction: its key and when it is due (real ms).
#[must_use = "wake the delivery loop once the transaction has committed"]
pub struct Queued {
    key: String,
    due_ms: i64,
}

/// A notification and every delivery attempt (`GET /sandbox/v1/notifications`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NotificationView {
    pub id: String,
    pub combine_mchid: String,
    pub combine_out_trade_no: String,
    pub notify_url: String,
    pub event_type: String,
    pub created_at: String,
    pub delivered: bool,
    pub gave_up: bool,
    /// Real time of the next attempt, when one is planned.
    pub next_attempt_at: Option<String>,
    /// The envelope every attempt sends.
    pub body: String,
    pub attempts: Vec<NotificationAttempt>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NotificationAttempt {
    pub notification_id: String,
    pub combine_out_trade_no: String,
    pub attempt: u32,
    pub time: String,
    pub url: String,
    /// Request headers exactly as sent (Wechatpay-Timestamp/Nonce/Signature/Serial, …).
    pub headers: Vec<(String, String)>,
    /// The body exactly as sent.
    pub body: String,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub delivered: bool,
    pub duration_ms: u64,
    pub duplicate: bool,
}

/// The notifications service.
pub struct Notifications {
    store: Arc<Store>,
    keys: Arc<Keys>,
    faults: Arc<Faults>,
    delivery: Delivery,
    /// Notifications still to be (re)sent: key → real Unix ms due.
    pending: Mutex<HashMap<String, i64>>,
    wake: tokio::sync::Notify,
}

impl Notifications {
    /// The service's table, created with the store.
    pub fn create_tables(txn: &WriteTransaction) -> Result<()> {
        txn.open_table(NOTIFS).map(drop).map_err(Into::into)
    }

    /// The service with every notification still to be (re)sent, read once at start.
    pub fn open(
        store: Arc<Store>,
        keys: Arc<Keys>,
        faults: Arc<Faults>,
        delivery: Delivery,
    ) -> Result<Self> {
        let pending = store
            .scan::<Notification>(NOTIFS, "")?
            .into_iter()
            .filter_map(|(k, n)| n.next_due_ms.map(|d| (k, d)))
            .collect();
        Ok(Notifications {
            store,
            keys,
            faults,
            delivery,
            pending: Mutex::new(pending),
            wake: tokio::sync::Notify::new(),
        })
    }

    /// A fresh store key: creation time, sortable.
    pub fn next_key(&self) -> String {
        format!("{:016}-{}", real_now_ms(), crate::rand::alphanumeric(6))
    }

    /// Store `n` inside the caller's transaction; once it commits, [`wake`](Self::wake) the loop.
    pub fn queue_in(&self, txn: &WriteTransaction, n: &Notification) -> Result<Queued> {
        store::put_in(txn, NOTIFS, &n.key, n)?;
        Ok(Queued {
            key: n.key.clone(),
            due_ms: n.next_due_ms.unwrap_or(0),
        })
    }

    /// Schedule a committed notification and wake the delivery loop.
    pub fn wake(&self, q: Queued) {
        self.pending
            .lock()
            .expect("pending lock")
            .insert(q.key, q.due_ms);
        self.wake.notify_one();
    }

    /// Delay before retry number `n` (1-based) under `--notify-speed`.
    fn retry_delay_ms(&self, n: usize) -> Option<i64> {
        let secs = *NOTIFY_SCHEDULE_SECS.get(n.checked_sub(1)?)?;
        Some((secs * 1000 / u64::from(self.delivery.speed.max(1))) as i64)
    }

    /// Every notification (of one combine order, if given) with every attempt.
    pub fn views(&self, order: Option<&str>) -> anyhow::Result<Vec<NotificationView>> {
        let all = self.store.scan::<Notification>(NOTIFS, "")?;
        Ok(all
            .into_iter()
            .map(|(_, n)| n)
            .filter(|n| order.is_none_or(|o| o == n.combine_out_trade_no))
            .map(|n| NotificationView {
                attempts: n
                    .attempts
                    .iter()
                    .map(|a| NotificationAttempt {
                        notification_id: n.id.clone(),
                        combine_out_trade_no: n.combine_out_trade_no.clone(),
                        attempt: a.attempt,
                        time: a.time.clone(),
                        url: a.url.clone(),
                        headers: a.headers.clone(),
                        body: n.body.clone(),
                        status: a.status,
                        error: a.error.clone(),
                        delivered: a.delivered,
                        duration_ms: a.duration_ms,
                        duplicate: a.duplicate,
                    })
                    .collect(),
                id: n.id,
                combine_mchid: n.combine_mchid,
                combine_out_trade_no: n.combine_out_trade_no,
                notify_url: n.notify_url,
                event_type: n.event_type.unwrap_or_else(|| "TRANSACTION.SUCCESS".into()),
                created_at: clock::rfc3339(n.created_at),
                delivered: n.delivered,
                gave_up: n.gave_up,
                next_attempt_at: n.next_due_ms.map(|ms| clock::rfc3339(ms.div_euclid(1000))),
                body: n.body,
            })
            .collect())
    }
}

/// The delivery loop: sleeps until the earliest due notification, delivers it in its own task.
pub async fn run(core: Arc<Notifications>) {
    let client = build_notify_client(core.delivery.timeout, "Wechatpay-Sandbox/1.0");
    let mut inflight: HashSet<String> = Default::default();
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
            _ = core.wake.notified() => {}
            Some(k) = done_rx.recv() => { inflight.remove(&k); }
        }
    }
}

async fn deliver(core: &Notifications, client: &crate::transport::http::HttpClient, key: &str) {
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
    let platform_key = *n
        .platform_key
        .get_or_insert_with(|| core.keys.notification_key());
    let fault = core
        .faults
        .take(FaultKind::SIGNATURE, NOTIFY_TARGET)
        .map(|f| f.kind);
    let signed =
        core.keys
            .signing_key(platform_key)
            .headers(n.body.as_bytes(), clock::real_now(), fault);
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
        if core.delivery.duplicate {
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
