//! Two clocks: the real one, for everything signed (the 300 s windows of apiv3.md §1.2 / §2.3 must
//! hold against the client's real clock), and the *business* clock, a persisted offset from it, for
//! order times, expiry, bill availability and download-token age (issue 3: tests make "yesterday
//! before 10:00" happen by moving it). The clock service owns the offset (META `clock_offset_ms`).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use time::{Date, Month, OffsetDateTime, UtcOffset};

use super::failure::{ApiFailure, internal};
use super::store::{self, Store};

/// Beijing time, UTC+8, no DST: every WeChat Pay time and bill date is in it.
pub const BEIJING: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(o) => o,
    Err(_) => panic!("UTC+8 is a valid offset"),
};

/// Real Unix milliseconds.
pub fn real_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Real Unix seconds.
pub fn real_now() -> i64 {
    real_now_ms().div_euclid(1000)
}

/// The business clock: real time plus an offset in milliseconds, persisted (META
/// `clock_offset_ms`) so a restart keeps the day tests moved it to.
pub struct Clock {
    offset_ms: AtomicI64,
    store: Arc<Store>,
}

/// The META key of the offset.
const OFFSET_KEY: &str = "clock_offset_ms";

/// `POST /sandbox/v1/clock`: exactly one of the three.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockRequest {
    /// Set business time to this RFC 3339 instant.
    #[serde(default)]
    pub now: Option<String>,
    /// Set the offset from real time, in seconds (0 = real time).
    #[serde(default)]
    pub offset_secs: Option<i64>,
    /// Move business time by this many seconds.
    #[serde(default)]
    pub advance_secs: Option<i64>,
}

/// `GET/POST /sandbox/v1/clock`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClockView {
    /// Business time, RFC 3339 Beijing.
    pub now: String,
    pub unix: i64,
    pub offset_secs: i64,
}

impl Clock {
    /// The clock as the store left it.
    pub(crate) fn open(store: Arc<Store>) -> anyhow::Result<Self> {
        Ok(Clock {
            offset_ms: AtomicI64::new(store.meta_i64(OFFSET_KEY)?),
            store,
        })
    }

    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::SeqCst)
    }

    /// Business time, Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        real_now_ms() + self.offset_ms()
    }

    /// Business time, Unix seconds.
    pub fn now(&self) -> i64 {
        self.now_ms().div_euclid(1000)
    }

    pub fn now_datetime(&self) -> OffsetDateTime {
        beijing(self.now())
    }

    /// Move business time as `req` says; durable before it returns.
    pub fn set(&self, req: &ClockRequest) -> Result<ClockView, ApiFailure> {
        let given = req.now.is_some() as u8
            + req.offset_secs.is_some() as u8
            + req.advance_secs.is_some() as u8;
        if given != 1 {
            return Err(ApiFailure::bad_request(
                "give exactly one of now, offset_secs, advance_secs",
            ));
        }
        let real = real_now_ms();
        let offset_ms = if let Some(now) = &req.now {
            let t =
                time::OffsetDateTime::parse(now, &time::format_description::well_known::Rfc3339)
                    .map_err(|_| {
                        ApiFailure::bad_request(format!("now {now:?} is not an RFC 3339 time"))
                    })?;
            (t.unix_timestamp_nanos() / 1_000_000) as i64 - real
        } else if let Some(o) = req.offset_secs {
            o.saturating_mul(1000)
        } else {
            self.offset_ms() + req.advance_secs.unwrap_or(0).saturating_mul(1000)
        };
        self.store
            .write(|txn| store::set_meta_in(txn, OFFSET_KEY, &offset_ms))
            .map_err(internal)?;
        self.offset_ms.store(offset_ms, Ordering::SeqCst);
        Ok(self.view())
    }

    pub fn view(&self) -> ClockView {
        let now = self.now();
        ClockView {
            now: rfc3339(now),
            unix: now,
            offset_secs: self.offset_ms().div_euclid(1000),
        }
    }
}

/// A Unix time as a Beijing-time date-time (out-of-range inputs clamp to the epoch).
pub fn beijing(ts: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(ts)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(BEIJING)
}

/// `ts` in Beijing time as year, month, day, hour, minute and second, two digits each but the
/// year, with `date` between the date's parts, `between` before the time, `time` between its parts.
fn stamp(ts: i64, date: &str, between: &str, time: &str) -> String {
    let t = beijing(ts);
    format!(
        "{}{between}{:02}{time}{:02}{time}{:02}",
        day(t.date(), date),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `d` as year, month and day with `sep` between them.
fn day(d: Date, sep: &str) -> String {
    format!(
        "{:04}{sep}{:02}{sep}{:02}",
        d.year(),
        d.month() as u8,
        d.day()
    )
}

/// `2015-05-20T13:29:35+08:00`, the shape of every APIv3 time (§6.4, §7.1).
pub fn rfc3339(ts: i64) -> String {
    stamp(ts, "-", "T", ":") + "+08:00"
}

/// `yyyy-MM-dd HH:mm:ss` in Beijing time, as bills print times (§9.1).
pub fn bill_time(ts: i64) -> String {
    stamp(ts, "-", " ", ":")
}

/// `yyyyMMddHHmmss` in Beijing time (prepay_id, §13.19).
pub fn compact_time(ts: i64) -> String {
    stamp(ts, "", "", "")
}

/// The Beijing date of a Unix time.
pub fn date_of(ts: i64) -> Date {
    beijing(ts).date()
}

/// `yyyy-MM-dd`.
pub fn format_date(d: Date) -> String {
    day(d, "-")
}

/// `yyyyMMdd`.
pub fn compact_date(d: Date) -> String {
    day(d, "")
}

/// Parse exactly `yyyy-MM-dd` (ten characters, a real calendar date).
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    let year: i32 = s[0..4].parse().ok()?;
    let month: u8 = s[5..7].parse().ok()?;
    let day: u8 = s[8..10].parse().ok()?;
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// Unix seconds of 00:00:00 Beijing time on `d`.
pub fn day_start(d: Date) -> i64 {
    d.midnight().assume_offset(BEIJING).unix_timestamp()
}

/// `d` minus `months` calendar months, the day clamped to the target month's length.
pub fn minus_months(d: Date, months: u32) -> Date {
    let mut y = d.year();
    let mut m = d.month() as i32 - months as i32;
    while m <= 0 {
        m += 12;
        y -= 1;
    }
    let month = Month::try_from(m as u8).expect("1..=12");
    let last = time::util::days_in_month(month, y);
    Date::from_calendar_date(y, month, d.day().min(last)).expect("a clamped day is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_beijing_time() {
        // 2019-04-02T20:59:35+08:00
        assert_eq!(rfc3339(1_554_209_975), "2019-04-02T20:59:35+08:00");
        assert_eq!(bill_time(1_554_209_975), "2019-04-02 20:59:35");
        assert_eq!(compact_time(1_554_209_975), "20190402205935");
        let d = parse_date("2019-04-02").unwrap();
        assert_eq!(format_date(d), "2019-04-02");
        assert_eq!(day_start(d), 1_554_134_400);
        assert!(parse_date("2019-02-30").is_none());
        assert!(parse_date("2019-4-02").is_none());
        assert_eq!(
            format_date(minus_months(parse_date("2026-05-31").unwrap(), 3)),
            "2026-02-28"
        );
        assert_eq!(
            format_date(minus_months(parse_date("2026-02-10").unwrap(), 3)),
            "2025-11-10"
        );
    }
}
