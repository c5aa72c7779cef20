//! Fault injection (apiv3.md §13.13, §13.27; issue 3): switched at run time through
//! `/sandbox/v1/faults`, one-shot by default or for N requests, optionally only under a path prefix.
//! Faults live in memory: they are test switches, not state, and a restart clears them.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum FaultKind {
    /// 500 SYSTEM_ERROR before the request is looked at
    SystemError,
    /// 429 FREQUENCY_LIMITED before the request is looked at
    FrequencyLimited,
    /// Wait --ms milliseconds, then answer normally
    Latency,
    /// Close the TCP connection without an HTTP response
    DropConnection,
    /// A valid-looking but wrong Wechatpay-Signature on a 2xx response
    TamperSignature,
    /// A WECHATPAY/SIGNTEST/ probe signature on a 2xx response
    Signtest,
    /// A correct signature over a Wechatpay-Timestamp more than 300 s old
    StaleTimestamp,
    /// A Wechatpay-Serial nobody knows (the signature itself is correct)
    UnknownSerial,
    /// Cut a bill download short and close the connection
    TruncateDownload,
    /// A wrong hash_value in a tradebill/fundflowbill answer
    WrongHash,
    /// Answer a bill download as if its token had outlived its 30 s (400 INVALID_REQUEST)
    ExpireToken,
    /// The next accepted refund ends ABNORMAL (the payer's card or account failed)
    RefundAbnormal,
    /// The next accepted refund ends CLOSED
    RefundClosed,
    /// Refuse a refund with 403 NOT_ENOUGH (the merchant's balance cannot cover it)
    NotEnough,
    /// Refuse a refund with 403 USER_ACCOUNT_ABNORMAL (the payer's account is closed)
    UserAccountAbnormal,
}

impl FaultKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FaultKind::SystemError => "system-error",
            FaultKind::FrequencyLimited => "frequency-limited",
            FaultKind::Latency => "latency",
            FaultKind::DropConnection => "drop-connection",
            FaultKind::TamperSignature => "tamper-signature",
            FaultKind::Signtest => "signtest",
            FaultKind::StaleTimestamp => "stale-timestamp",
            FaultKind::UnknownSerial => "unknown-serial",
            FaultKind::TruncateDownload => "truncate-download",
            FaultKind::WrongHash => "wrong-hash",
            FaultKind::ExpireToken => "expire-token",
            FaultKind::RefundAbnormal => "refund-abnormal",
            FaultKind::RefundClosed => "refund-closed",
            FaultKind::NotEnough => "not-enough",
            FaultKind::UserAccountAbnormal => "user-account-abnormal",
        }
    }

    /// Faults applied to the signature of a signed 2xx response (or a notification, §13.13).
    pub const SIGNATURE: &'static [FaultKind] = &[
        FaultKind::TamperSignature,
        FaultKind::Signtest,
        FaultKind::StaleTimestamp,
        FaultKind::UnknownSerial,
    ];
    /// Faults that refuse a refund request (§14.2, §14.6 item 2).
    pub const REFUND_REFUSAL: &'static [FaultKind] =
        &[FaultKind::NotEnough, FaultKind::UserAccountAbnormal];
    /// Faults that choose how an accepted refund ends (§14.6 item 2).
    pub const REFUND_OUTCOME: &'static [FaultKind] =
        &[FaultKind::RefundAbnormal, FaultKind::RefundClosed];
    /// Faults applied before a request is looked at.
    pub const EARLY: &'static [FaultKind] = &[
        FaultKind::SystemError,
        FaultKind::FrequencyLimited,
        FaultKind::DropConnection,
    ];
}

/// What `POST /sandbox/v1/faults` takes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    pub kind: FaultKind,
    /// How many requests it applies to (default 1).
    #[serde(default)]
    pub count: Option<u32>,
    /// Only requests whose path starts with this. `@notify` targets notification deliveries,
    /// which a fault without a path never touches.
    #[serde(default)]
    pub path: Option<String>,
    /// Milliseconds, for `latency`.
    #[serde(default)]
    pub ms: Option<u64>,
}

/// An armed fault.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Fault {
    pub id: u64,
    pub kind: FaultKind,
    pub remaining: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ms: Option<u64>,
}

/// The target name notification deliveries are matched under.
pub const NOTIFY_TARGET: &str = "@notify";

#[derive(Debug, Default)]
pub struct Faults {
    inner: Mutex<(u64, Vec<Fault>)>,
}

impl Faults {
    pub fn add(&self, spec: FaultSpec) -> Result<Fault, String> {
        let count = spec.count.unwrap_or(1);
        if count == 0 {
            return Err("count must be at least 1".into());
        }
        if spec.kind == FaultKind::Latency && spec.ms.is_none() {
            return Err("latency needs ms".into());
        }
        if let Some(p) = &spec.path
            && !(p.starts_with('/') || p == NOTIFY_TARGET)
        {
            return Err(format!(
                "path {p:?} must start with / (or be {NOTIFY_TARGET})"
            ));
        }
        let mut g = self.inner.lock().expect("faults lock");
        g.0 += 1;
        let f = Fault {
            id: g.0,
            kind: spec.kind,
            remaining: count,
            path: spec.path,
            ms: spec.ms,
        };
        g.1.push(f.clone());
        Ok(f)
    }

    pub fn list(&self) -> Vec<Fault> {
        self.inner.lock().expect("faults lock").1.clone()
    }

    pub fn clear(&self) -> usize {
        let mut g = self.inner.lock().expect("faults lock");
        let n = g.1.len();
        g.1.clear();
        n
    }

    /// Take one use of the first armed fault of one of `kinds` that matches `target`.
    pub fn take(&self, kinds: &[FaultKind], target: &str) -> Option<Fault> {
        let mut g = self.inner.lock().expect("faults lock");
        let list = &mut g.1;
        let i = list.iter().position(|f| {
            kinds.contains(&f.kind)
                && match &f.path {
                    Some(p) => target.starts_with(p.as_str()),
                    None => !target.starts_with('@'),
                }
        })?;
        let f = list[i].clone();
        if list[i].remaining <= 1 {
            list.remove(i);
        } else {
            list[i].remaining -= 1;
        }
        Some(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_shot_counted_and_path_scoped() {
        let f = Faults::default();
        f.add(FaultSpec {
            kind: FaultKind::SystemError,
            count: Some(2),
            path: Some("/v3/bill".into()),
            ms: None,
        })
        .unwrap();
        assert!(
            f.take(FaultKind::EARLY, "/v3/combine-transactions/x")
                .is_none()
        );
        assert!(f.take(FaultKind::EARLY, "/v3/bill/tradebill").is_some());
        assert!(f.take(FaultKind::EARLY, "/v3/bill/tradebill").is_some());
        assert!(f.take(FaultKind::EARLY, "/v3/bill/tradebill").is_none());
        f.add(FaultSpec {
            kind: FaultKind::Signtest,
            count: None,
            path: None,
            ms: None,
        })
        .unwrap();
        assert!(f.take(FaultKind::SIGNATURE, NOTIFY_TARGET).is_none());
        assert!(f.take(FaultKind::SIGNATURE, "/v3/x").is_some());
        assert!(f.list().is_empty());
    }
}
