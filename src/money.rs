//! Money as exact integers, the one vocabulary of the API, the bills and the sandbox: [`Fen`] for
//! every amount (APIv3 speaks fen, §1.3; bills print 元 with 2 decimals, §9.1), [`Fee`] for 手续费
//! in units of 0.00001 元, [`Count`] for a summary line's counts (§9.3). No floating point anywhere:
//! every value is parsed digit by digit and added with checked integer arithmetic.

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};

/// Why a field is not an amount; the caller adds the line and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("empty where an amount is expected")]
    Empty,
    #[error("{0:?} is negative; bill amounts are never negative")]
    Negative(String),
    #[error("{0:?} is not a decimal number")]
    NotANumber(String),
    #[error("{value:?} has more than {max} decimals")]
    TooManyDecimals { value: String, max: usize },
    #[error("{0:?} has no decimal point; bills print amounts in 元 like 0.01")]
    NoDecimals(String),
    #[error("{0:?} is not a whole count")]
    NotWhole(String),
    #[error("{0:?} is too large")]
    Overflow(String),
}

/// An amount in fen (分), the only unit APIv3 uses (§1.3); bills print it in 元 (`0.01` = 1 fen).
/// Signed, because a few values are: an account balance (账户结余, §9.3) and differences computed
/// by reconciliation. Amounts read from the API or a bill's amount columns are checked
/// non-negative where they are parsed ([`Fen::parse_yuan`]); [`Fen::parse_signed_yuan`] is for the
/// balance column only.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    /// Parse 元 as printed in a bill: digits, a point, and 1 or 2 decimals (`0.01`, `123.45`,
    /// and the older generator's `0.0`, §9.2). No sign, no exponent, no grouping.
    #[inline]
    pub fn parse_yuan(s: &str) -> Result<Fen, AmountError> {
        let units = parse_yuan_scaled(s, 2)?;
        i64::try_from(units)
            .map(Fen)
            .map_err(|_| AmountError::Overflow(s.to_string()))
    }

    /// As [`Fen::parse_yuan`], with a leading `-` allowed: for 账户结余 (the account balance of a
    /// fund-flow bill, §9.3), the only bill column where a minus sign is not an error, since a
    /// balance is a state, not a movement.
    pub fn parse_signed_yuan(s: &str) -> Result<Fen, AmountError> {
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let fen = Fen::parse_yuan(digits).map_err(|e| match e {
            AmountError::Empty if negative => AmountError::NotANumber(s.to_string()),
            AmountError::Overflow(_) => AmountError::Overflow(s.to_string()),
            other => other,
        })?;
        Ok(if negative { Fen(-fen.0) } else { fen })
    }

    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }

    /// In 元 with 2 decimals, as a bill prints it (`-0.21` for a negative balance).
    pub fn yuan(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Fen {
    /// As 元 with two decimals, e.g. `Fen(1234)` → `12.34`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
    }
}

/// 手续费 exactly: an integer count of 0.00001 元 (= 0.001 fen), so `0.00600` is 600 units and
/// 1 元 is 100_000. Bills print it with 5 decimals (§9.1); summaries of the older generator with
/// 2 (`0.08`, §9.2). Nothing is ever rounded. Signed: a refund row returns the fee of the refunded
/// part as a negative 手续费 (apiv3.md §14.5), and the summary's 手续费总金额 nets it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fee(pub i64);

impl Fee {
    /// Units per 元.
    pub const PER_YUAN: u64 = 100_000;

    /// Parse 元 with 1 to 5 decimals, with a leading `-` on a refund row's returned fee (§14.5).
    #[inline]
    pub fn parse_yuan(s: &str) -> Result<Fee, AmountError> {
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest),
            Some(_) => return Err(AmountError::NotANumber(s.to_string())),
            None => (false, s),
        };
        let units = parse_yuan_scaled(digits, 5).map_err(|e| match e {
            AmountError::Negative(_) => AmountError::NotANumber(s.to_string()),
            other => other,
        })?;
        let v = i64::try_from(units).map_err(|_| AmountError::Overflow(s.to_string()))?;
        Ok(Fee(if negative { -v } else { v }))
    }

    pub fn checked_add(self, other: Fee) -> Option<Fee> {
        self.0.checked_add(other.0).map(Fee)
    }
}

/// `0.01800`: 元 with exactly 5 decimals, the bill's own notation.
impl fmt::Display for Fee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(
            f,
            "{sign}{}.{:05}",
            abs / Self::PER_YUAN,
            abs % Self::PER_YUAN
        )
    }
}

/// Serialised as the exact decimal string (`"0.01800"`), never as a float.
impl Serialize for Fee {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A count from a summary line: `3` in v3 files, `45.0` in the older generator's (§9.2, §9.3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Count(pub u64);

impl Count {
    pub fn parse(s: &str) -> Result<Count, AmountError> {
        if s.starts_with('-') {
            return Err(AmountError::Negative(s.to_string()));
        }
        // Any number of decimals is fine as long as they are zeros: `45.0` is 45, `45.5` is wrong.
        let d = Decimal::parse(s, usize::MAX)?;
        if d.fraction.bytes().any(|b| b != b'0') {
            return Err(AmountError::NotWhole(s.to_string()));
        }
        d.scaled(0).map(Count)
    }
}

/// 元 as a bill prints it — digits, a point, 1 to `decimals` decimals, no sign — as an integer
/// count of 10^-`decimals` 元.
#[inline]
fn parse_yuan_scaled(s: &str, decimals: usize) -> Result<u64, AmountError> {
    if let Some(v) = yuan_fast(s.as_bytes(), decimals) {
        return Ok(v);
    }
    if s.starts_with('-') {
        return Err(AmountError::Negative(s.to_string()));
    }
    let d = Decimal::parse(s, decimals)?;
    if d.decimals == 0 {
        return Err(AmountError::NoDecimals(s.to_string()));
    }
    d.scaled(decimals)
}

/// The common case of [`parse_yuan_scaled`] in one pass (a bill has six amounts a row, issue 14
/// item 4): digits, a point, 1 to `decimals` digits, short enough not to overflow. Anything else
/// is `None`, for the full parse to accept or to name. One loop over the bytes and a table for
/// the scale: the amounts were 12 % of `bill reconcile`'s instructions with a search for the
/// point, a chained iterator and a `pow`.
#[inline]
fn yuan_fast(b: &[u8], decimals: usize) -> Option<u64> {
    const POW10: [u64; 6] = [1, 10, 100, 1_000, 10_000, 100_000];
    // 18 digits and a point: no overflow even scaled (the point's position is checked below).
    if b.len() > 19 || decimals >= POW10.len() {
        return None;
    }
    let mut v: u64 = 0;
    let mut point = None;
    for (i, &c) in b.iter().enumerate() {
        let d = c.wrapping_sub(b'0');
        if d < 10 {
            v = v * 10 + u64::from(d);
        } else if c == b'.' && point.is_none() {
            point = Some(i);
        } else {
            return None;
        }
    }
    let point = point?;
    let fraction = b.len() - point - 1;
    if point == 0 || point + decimals > 18 || fraction == 0 || fraction > decimals {
        return None;
    }
    Some(v * POW10[decimals - fraction])
}

/// A non-negative decimal split at its point, digits checked.
struct Decimal<'a> {
    raw: &'a str,
    integer: &'a str,
    fraction: &'a str,
    decimals: usize,
}

impl<'a> Decimal<'a> {
    fn parse(raw: &'a str, max_decimals: usize) -> Result<Self, AmountError> {
        if raw.is_empty() {
            return Err(AmountError::Empty);
        }
        // A byte search: `split_once('.')` costs more than the parse on 3.6 M bill rows.
        let (integer, fraction) = match raw.bytes().position(|b| b == b'.') {
            Some(p) => (&raw[..p], Some(&raw[p + 1..])),
            None => (raw, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(integer) || fraction.is_some_and(|f| !digits(f)) {
            return Err(AmountError::NotANumber(raw.to_string()));
        }
        let fraction = fraction.unwrap_or("");
        if fraction.len() > max_decimals {
            return Err(AmountError::TooManyDecimals {
                value: raw.to_string(),
                max: max_decimals,
            });
        }
        Ok(Decimal {
            raw,
            integer,
            fraction,
            decimals: fraction.len(),
        })
    }

    /// The value times 10^scale as an integer; `scale` ≥ the number of decimals, except for counts
    /// (scale 0) whose decimals the caller has checked to be zeros.
    fn scaled(&self, scale: usize) -> Result<u64, AmountError> {
        let overflow = || AmountError::Overflow(self.raw.to_string());
        let mut v: u64 = 0;
        let frac = self.fraction.as_bytes();
        let padded = (0..scale).map(|i| frac.get(i).copied().unwrap_or(b'0'));
        for b in self.integer.bytes().chain(padded) {
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(b - b'0')))
                .ok_or_else(overflow)?;
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_to_fen() {
        assert_eq!(Fen::parse_yuan("0.01"), Ok(Fen(1)));
        assert_eq!(Fen::parse_yuan("123.45"), Ok(Fen(12345)));
        assert_eq!(Fen::parse_yuan("1.5"), Ok(Fen(150)));
        assert_eq!(Fen::parse_yuan("0.0"), Ok(Fen(0)));
        assert_eq!(Fen::parse_yuan("007.10"), Ok(Fen(710)));
        assert_eq!(
            Fen::parse_yuan("92233720368547758.07"),
            Ok(Fen(9_223_372_036_854_775_807))
        );
    }

    #[test]
    fn the_one_pass_parse_agrees_with_the_full_one() {
        for s in [
            "0.01",
            "123.45",
            "1.5",
            "0.0",
            "007.10",
            "0.00600",
            "1.00001",
            "9999999999999.99",
            "99999999999999.99",
            "1.",
            ".5",
            "1.2.3",
            "1e2",
            "-1.00",
            "0.001",
            "１.00",
            "12",
        ] {
            for decimals in [2, 5] {
                let slow = Decimal::parse(s, decimals)
                    .ok()
                    .filter(|d| d.decimals > 0)
                    .and_then(|d| d.scaled(decimals).ok());
                if let Some(fast) = yuan_fast(s.as_bytes(), decimals) {
                    assert_eq!(Some(fast), slow, "{s} with {decimals} decimals");
                }
            }
        }
        assert_eq!(yuan_fast(b"123.45", 2), Some(12345));
        assert_eq!(yuan_fast(b"0.006", 5), Some(600));
        assert_eq!(yuan_fast(b"1.", 2), None);
        assert_eq!(yuan_fast(b"0.001", 2), None);
    }

    proptest::proptest! {
        /// Where the one-pass parse answers, it answers what the full parse does; and it answers
        /// every plain amount of a bill's shape.
        #[test]
        fn the_fast_parse_agrees_with_the_full_one(
            s in "[0-9.\\-]{0,22}",
            decimals in proptest::prop_oneof![proptest::strategy::Just(2usize), proptest::strategy::Just(5usize)],
        ) {
            let slow = Decimal::parse(&s, decimals)
                .ok()
                .filter(|d| d.decimals > 0)
                .and_then(|d| d.scaled(decimals).ok());
            if let Some(fast) = yuan_fast(s.as_bytes(), decimals) {
                proptest::prop_assert_eq!(Some(fast), slow);
            }
        }

        #[test]
        fn plain_amounts_take_the_fast_path(yuan in 0u64..100_000_000_000, fen in 0u64..100) {
            let text = format!("{yuan}.{fen:02}");
            proptest::prop_assert_eq!(yuan_fast(text.as_bytes(), 2), Some(yuan * 100 + fen));
            proptest::prop_assert_eq!(yuan_fast(text.as_bytes(), 5), Some((yuan * 100 + fen) * 1000));
        }
    }

    #[test]
    fn yuan_rejections() {
        assert_eq!(Fen::parse_yuan(""), Err(AmountError::Empty));
        assert!(matches!(
            Fen::parse_yuan("0.001"),
            Err(AmountError::TooManyDecimals { max: 2, .. })
        ));
        assert!(matches!(
            Fen::parse_yuan("-0.01"),
            Err(AmountError::Negative(_))
        ));
        assert!(matches!(
            Fen::parse_yuan("1"),
            Err(AmountError::NoDecimals(_))
        ));
        for bad in [
            "1.", ".5", "+1.00", "1,000.00", "1e2", " 1.00", "1.00 ", "0x10", "１.00",
        ] {
            assert!(
                matches!(Fen::parse_yuan(bad), Err(AmountError::NotANumber(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            Fen::parse_yuan("184467440737095516.16"),
            Err(AmountError::Overflow(_))
        ));
        // Fits in u64 but not in i64: still refused, never wrapped.
        assert!(matches!(
            Fen::parse_yuan("92233720368547758.08"),
            Err(AmountError::Overflow(_))
        ));
    }

    #[test]
    fn fen_prints_as_yuan() {
        assert_eq!(Fen(0).yuan(), "0.00");
        assert_eq!(Fen(1).yuan(), "0.01");
        assert_eq!(Fen(12345).yuan(), "123.45");
        assert_eq!(Fen(-21).yuan(), "-0.21");
        assert_eq!(Fen(123456).to_string(), "1234.56");
        assert_eq!(Fen(-5).to_string(), "-0.05");
    }

    #[test]
    fn signed_balance() {
        assert_eq!(Fen::parse_signed_yuan("0.22"), Ok(Fen(22)));
        assert_eq!(Fen::parse_signed_yuan("-1.50"), Ok(Fen(-150)));
        assert!(Fen::parse_signed_yuan("-").is_err());
        assert!(Fen::parse_signed_yuan("--1.00").is_err());
        assert!(matches!(
            Fen::parse_signed_yuan("-92233720368547758.08"),
            Err(AmountError::Overflow(_))
        ));
    }

    #[test]
    fn fee_is_exact() {
        assert_eq!(Fee::parse_yuan("0.00000"), Ok(Fee(0)));
        assert_eq!(Fee::parse_yuan("0.00600"), Ok(Fee(600)));
        assert_eq!(Fee::parse_yuan("0.08"), Ok(Fee(8000)));
        assert_eq!(Fee::parse_yuan("1.00001"), Ok(Fee(100_001)));
        let three = (0..3).try_fold(Fee(0), |acc, _| {
            acc.checked_add(Fee::parse_yuan("0.00600").unwrap())
        });
        assert_eq!(three.unwrap().to_string(), "0.01800");
        assert_eq!(Fee(1).to_string(), "0.00001");
        assert_eq!(Fee(123_456_789).to_string(), "1234.56789");
        assert!(Fee::parse_yuan("0.000001").is_err());
        assert!(Fee::parse_yuan("").is_err());
        // A refund row returns the fee of the refunded part (§14.5).
        assert_eq!(Fee::parse_yuan("-0.00100"), Ok(Fee(-100)));
        assert_eq!(Fee(-100).to_string(), "-0.00100");
        assert!(Fee::parse_yuan("-").is_err());
        assert!(Fee::parse_yuan("--0.00100").is_err());
        assert_eq!(
            serde_json::to_string(&Fee(1800)).unwrap(),
            "\"0.01800\"".to_string()
        );
    }

    #[test]
    fn counts() {
        assert_eq!(Count::parse("3"), Ok(Count(3)));
        assert_eq!(Count::parse("45.0"), Ok(Count(45)));
        assert_eq!(Count::parse("20.00"), Ok(Count(20)));
        assert!(matches!(
            Count::parse("45.5"),
            Err(AmountError::NotWhole(_))
        ));
        assert!(Count::parse("").is_err());
        assert!(Count::parse("-1").is_err());
        assert!(Count::parse("3.").is_err());
    }
}
