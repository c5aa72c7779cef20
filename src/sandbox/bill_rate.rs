//! `sandbox serve --bill-rate R` (issue 14 item 6): WeChat Pay limits how often a merchant may
//! apply for bills (apiv3.md §8.4: 3 QPS for fund-flow bills; §10.2 `429 FREQUENCY_LIMITED`).
//! Here a token bucket per caller mchid, on the real clock (a rate is about wall time, not the
//! business clock), refuses the bill-apply endpoints beyond R requests per second, so a client's
//! pacing and back-off can be tested. Off by default. Memory only: a test switch, not state.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use super::failure::ApiFailure;

/// The bucket of each caller: (tokens left, when it was last filled).
pub struct BillRate {
    rate: Option<f64>,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl BillRate {
    pub fn new(rate: Option<f64>) -> Self {
        BillRate {
            rate: rate.filter(|r| r.is_finite() && *r > 0.0),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Take one token for `mchid`, or refuse with `429 FREQUENCY_LIMITED` (§10.3: "频率超限").
    /// The bucket holds one second's worth (at least one token), so a burst of R is allowed and
    /// anything faster than R per second is not.
    pub fn admit(&self, mchid: &str) -> Result<(), ApiFailure> {
        let Some(rate) = self.rate else {
            return Ok(());
        };
        let now = Instant::now();
        let size = rate.max(1.0);
        let mut buckets = self.buckets.lock().expect("bill rate lock");
        let (tokens, at) = buckets.entry(mchid.to_string()).or_insert((size, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(size);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(ApiFailure::new(429, "FREQUENCY_LIMITED", "频率超限"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_beyond_the_rate_is_refused_per_merchant() {
        let r = BillRate::new(Some(2.0));
        assert!(r.admit("1900000109").is_ok());
        assert!(r.admit("1900000109").is_ok());
        let refused = r.admit("1900000109").unwrap_err();
        assert_eq!((refused.status, refused.code), (429, "FREQUENCY_LIMITED"));
        // Another merchant has a bucket of its own.
        assert!(r.admit("1900000119").is_ok());
        // No limit: never refused.
        let open = BillRate::new(None);
        assert!((0..1000).all(|_| open.admit("1900000109").is_ok()));
    }
}
