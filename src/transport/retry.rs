//! The one retry policy of every request (cli.md §2 `--retries`): how many attempts may follow
//! the first, how long to wait before each (exponential back-off with full jitter, or the
//! answer's `Retry-After`), and the backup host after a connection failure (apiv3.md §10.4).
//! API calls follow it in `Client::exchange`; `bill download` follows the same policy for its
//! transfers, each a fresh apply and a fresh attempt (issue 11, item 4).

use std::time::Duration;

/// The retry budget and the host state of one request.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    left: u32,
    step: u32,
    attempts: u32,
    backoff: Duration,
    /// Where to go after the primary could not be reached at all; `None` once used.
    backup: Option<String>,
    on_backup: bool,
}

impl RetryPolicy {
    pub fn new(retries: u32, backoff: Duration) -> Self {
        RetryPolicy {
            left: retries,
            step: 0,
            attempts: 0,
            backoff,
            backup: None,
            on_backup: false,
        }
    }

    /// Exactly one attempt: the probe, and the certificate download that bootstraps trust.
    pub fn once() -> Self {
        Self::new(0, Duration::ZERO)
    }

    /// Allow one switch to `origin` after a connection failure (only a profile that has a
    /// backup host, issue 11 item 10: never production behind a custom base_url).
    pub fn with_backup(mut self, origin: Option<String>) -> Self {
        self.backup = origin;
        self
    }

    /// Count an attempt about to be made; its number (1 = the first).
    pub fn begin(&mut self) -> u32 {
        self.attempts += 1;
        self.attempts
    }

    /// Attempts made so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether the attempts go to the backup host now.
    pub fn on_backup(&self) -> bool {
        self.on_backup
    }

    /// After the primary could not be reached at all: the backup origin, once, at once (the same
    /// signature stays valid on either host, §10.4). Spends no retry.
    pub fn switch_to_backup(&mut self) -> Option<String> {
        if self.on_backup {
            return None;
        }
        let origin = self.backup.take()?;
        self.on_backup = true;
        Some(origin)
    }

    /// Spend one retry: how long to wait before it, or `None` when none is left.
    /// `retry_after` (seconds, from the failed answer) wins over the back-off.
    pub fn next_wait(&mut self, retry_after: Option<u64>) -> Option<Duration> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let wait = backoff(self.backoff, self.step, retry_after);
        self.step += 1;
        Some(wait)
    }
}

/// Exponential back-off with full jitter, capped; `Retry-After` wins when given (capped).
fn backoff(base: Duration, step: u32, retry_after: Option<u64>) -> Duration {
    if let Some(s) = retry_after {
        return Duration::from_secs(s.min(30));
    }
    let cap = Duration::from_secs(8);
    let ceiling = base.saturating_mul(1u32 << step.min(10)).min(cap);
    let mut b = [0u8; 4];
    let _ = aws_lc_rs::rand::fill(&mut b);
    let frac = u32::from_le_bytes(b) as f64 / u32::MAX as f64;
    // Full jitter over [ceiling/2, ceiling]: never zero, so a retry storm still spreads out.
    ceiling.mul_f64(0.5 + frac / 2.0)
}

/// `Retry-After: SECONDS` (the HTTP-date form is not used by WeChat Pay).
pub(super) fn retry_after(headers: &[(String, String)]) -> Option<u64> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Retry-After"))
        .and_then(|(_, v)| v.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_spent_once_and_retry_after_wins() {
        let mut p = RetryPolicy::new(2, Duration::from_millis(100));
        assert_eq!(p.begin(), 1);
        let w = p.next_wait(None).unwrap();
        assert!(w >= Duration::from_millis(50) && w <= Duration::from_millis(100));
        assert_eq!(p.next_wait(Some(3)), Some(Duration::from_secs(3)));
        assert_eq!(p.next_wait(None), None);
        assert_eq!(
            RetryPolicy::new(1, Duration::ZERO).next_wait(Some(99)),
            Some(Duration::from_secs(30))
        );
        assert_eq!(RetryPolicy::once().next_wait(None), None);
    }

    #[test]
    fn the_backup_host_is_used_once() {
        let mut p = RetryPolicy::once();
        assert_eq!(p.switch_to_backup(), None);
        let mut p = RetryPolicy::once().with_backup(Some("https://b".into()));
        assert!(!p.on_backup());
        assert_eq!(p.switch_to_backup().as_deref(), Some("https://b"));
        assert!(p.on_backup());
        assert_eq!(p.switch_to_backup(), None);
    }

    #[test]
    fn retry_after_is_read_in_seconds() {
        let h = |v: &str| vec![("retry-after".to_string(), v.to_string())];
        assert_eq!(retry_after(&h(" 7 ")), Some(7));
        assert_eq!(retry_after(&h("Wed, 21 Oct 2015 07:28:00 GMT")), None);
        assert_eq!(retry_after(&[]), None);
    }
}
