//! [`Amount`]: a money amount that is never rounded on its way through the models.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use serde_json::Number;

/// A money amount (`offerLines[].amount`, a JSON number): the number serde_json read, or the
/// decimal you gave, written back as the same number.
///
/// The model does no arithmetic on amounts, so it adds no rounding:
///
/// * an integer (`13800`, or `Amount::from(13800)`) stays an integer, exact up to `u64`/`i64`;
/// * a decimal is held as the `f64` nearest to it and written back as the shortest text that
///   reads as that `f64` again, which is the decimal written whenever an `f64` can tell it
///   apart from its neighbours (any decimal of up to 15 significant digits). Parsing text
///   (`"1234.50".parse::<Amount>()`) refuses a decimal that would come back different
///   ([`InvalidAmount`]), so an accepted amount is sent with exactly its value;
/// * trailing zeros are not kept: `1234.50` is written `1234.5`, the same JSON number
///   (serde_json does not keep a number's text unless its global `arbitrary_precision`
///   feature is on, which would slow down every parse of the linter).
///
/// An amount computed in `f64` ([`Amount::from_f64`]) is sent as that `f64`: `0.1 + 0.2` is
/// `0.30000000000000004` before it reaches the model. Keep amounts as decimal text or integer
/// minor units in your own code and convert at the edge.
///
/// ```
/// use api4p_lint::model::Amount;
///
/// let amount: Amount = "1234.50".parse()?;
/// assert_eq!(serde_json::to_string(&amount)?, "1234.5");
/// assert_eq!(serde_json::to_string(&Amount::from(13_800))?, "13800");
/// assert_eq!(serde_json::to_string(&"0.3".parse::<Amount>()?)?, "0.3");
/// // 18 significant digits are more than an f64 keeps: refused rather than rounded.
/// assert!("1234567890.12345678".parse::<Amount>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Equality (and `Hash`) is numeric: `Amount::from(13800)` equals `"13800.0".parse()`, and
/// `-0` equals `0`, as JSON and DS read them; `13800` and `13800.0` are still written as read.
///
/// A decimal deserialized from JSON is read as serde_json reads it, the `f64` nearest to it:
/// `1234567890.12345678` (more significant digits than an `f64` keeps) is read, and written
/// back, as `1234567890.1234567`, as DS and any JSON reader holding doubles would read it.
/// Only parsing text refuses such a decimal. (Reading the number's own text needs either
/// serde_json's `arbitrary_precision`, which changes `serde_json::Value` for every crate of a
/// build, or its `raw_value`, whose reader fails rather than falls back wherever serde buffers
/// a value: inside an untagged or internally tagged enum, under `#[serde(flatten)]`, in
/// another format; either would break what reads amounts today.)
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Amount(Number);

/// An amount's value for equality and hashing: an integral value as an integer (whatever its
/// JSON form, `-0` as `0`), any other as its `f64`.
#[derive(PartialEq, Eq, Hash)]
enum AmountValue {
    Integer(i128),
    Fraction(u64),
}

impl Amount {
    fn value(&self) -> AmountValue {
        if let Some(n) = self.0.as_i64() {
            return AmountValue::Integer(i128::from(n));
        }
        if let Some(n) = self.0.as_u64() {
            return AmountValue::Integer(i128::from(n));
        }
        let f = self.as_f64();
        // Integral floats within i128 compare with integers: 13800.0 == 13800, -0.0 == 0.
        if f.fract() == 0.0 && f.abs() < 1.0e38 {
            return AmountValue::Integer(f as i128);
        }
        AmountValue::Fraction(f.to_bits())
    }
}

impl PartialEq for Amount {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
    }
}

impl Eq for Amount {}

impl std::hash::Hash for Amount {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value().hash(state);
    }
}

impl Amount {
    /// The amount of an `f64`, written as the shortest text that reads back as it; `None` for
    /// NaN and infinities, which JSON cannot write.
    pub fn from_f64(value: f64) -> Option<Self> {
        Number::from_f64(value).map(Amount)
    }

    /// The JSON number.
    pub const fn as_number(&self) -> &Number {
        &self.0
    }

    /// The amount as an `f64` (an integer beyond 2^53 is rounded).
    pub fn as_f64(&self) -> f64 {
        // A `Number` without `arbitrary_precision` always has an `f64` form.
        self.0.as_f64().unwrap_or(f64::NAN)
    }
}

impl From<Number> for Amount {
    fn from(number: Number) -> Self {
        Amount(number)
    }
}

impl From<Amount> for Number {
    fn from(amount: Amount) -> Self {
        amount.0
    }
}

macro_rules! from_integer {
    ($($int:ty),+) => {
        $(impl From<$int> for Amount {
            fn from(value: $int) -> Self {
                Amount(Number::from(value))
            }
        })+
    };
}

from_integer!(u8, u16, u32, u64, i8, i16, i32, i64);

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A text that [`Amount`]'s `FromStr` refuses: not a JSON number, or a decimal an `f64` cannot
/// hold without changing its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidAmount {
    /// The text given.
    pub text: String,
    /// Why it was refused.
    pub reason: &'static str,
}

impl fmt::Display for InvalidAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Debug quotes the text and escapes its control characters.
        write!(f, "invalid amount {:?}: {}", self.text, self.reason)
    }
}

impl std::error::Error for InvalidAmount {}

impl FromStr for Amount {
    type Err = InvalidAmount;

    /// Reads a JSON number (`13800`, `-5`, `1234.50`, `1.5e3`): an integer that fits `u64` or
    /// `i64` exactly, any other number only if its `f64` writes back as the same value.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let refuse = |reason| InvalidAmount {
            text: text.to_owned(),
            reason,
        };
        let Some(written) = Decimal::parse(text) else {
            return Err(refuse("not a JSON number (like 13800 or 1234.50)"));
        };
        let is_integer = !text.contains(['.', 'e', 'E']);
        if is_integer {
            if let Ok(n) = text.parse::<u64>() {
                return Ok(Amount::from(n));
            }
            if let Ok(n) = text.parse::<i64>() {
                return Ok(Amount::from(n));
            }
        }
        // Rust's parse is correctly rounded; `{:e}` is the shortest text of the same `f64`.
        let value: f64 = text
            .parse()
            .map_err(|_| refuse("not a JSON number (like 13800 or 1234.50)"))?;
        let Some(number) = Number::from_f64(value) else {
            return Err(refuse("too large for a JSON number"));
        };
        let kept = Decimal::parse(&format!("{value:e}"));
        if kept.as_ref() != Some(&written) {
            return Err(refuse(
                "more significant digits than an f64 keeps (it would be sent rounded)",
            ));
        }
        Ok(Amount(number))
    }
}

/// A decimal's value as its significant digits (no leading or trailing zeros) and the power of
/// ten of the first one, so that `1234.50`, `1.2345e3` and `1234.5` compare equal.
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    digits: String,
    exponent: i64,
}

impl Decimal {
    /// Parses the JSON number grammar (`-?int(.frac)?([eE][+-]?exp)?`); `None` otherwise.
    fn parse(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(at) => {
                let exp = &rest[at + 1..];
                let digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                // An exponent too large for i64 is far outside an f64's range anyway.
                (&rest[..at], exp.parse::<i64>().ok()?)
            }
            None => (rest, 0),
        };
        let (int, frac) = match mantissa.split_once('.') {
            Some((int, frac)) if !frac.is_empty() => (int, frac),
            Some(_) => return None,
            None => (mantissa, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let leading_zero = int.len() > 1 && int.starts_with('0');
        if int.is_empty() || leading_zero || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        let digits: String = int.chars().chain(frac.chars()).collect();
        let leading = digits.len() - digits.trim_start_matches('0').len();
        let significant = digits.trim_matches('0');
        if significant.is_empty() {
            return Some(Decimal {
                negative: false,
                digits: String::new(),
                exponent: 0,
            });
        }
        let int_len = i64::try_from(int.len()).ok()?;
        let leading = i64::try_from(leading).ok()?;
        Some(Decimal {
            negative,
            digits: significant.to_owned(),
            exponent: exponent.checked_add(int_len - leading - 1)?,
        })
    }
}

impl JsonSchema for Amount {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Number::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        "api4p_lint::model::Amount".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Number::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(text: &str) -> String {
        serde_json::to_string(&text.parse::<Amount>().unwrap()).unwrap()
    }

    #[test]
    fn decimals_are_sent_with_their_value() {
        assert_eq!(sent("1234.50"), "1234.5");
        assert_eq!(sent("0.1"), "0.1");
        assert_eq!(sent("0.3"), "0.3");
        assert_eq!(sent("48500.00"), "48500.0");
        assert_eq!(sent("-12.75"), "-12.75");
        assert_eq!(sent("1.5e3"), "1500.0");
        assert_eq!(sent("999999999999.99"), "999999999999.99");
        assert_eq!(sent("0"), "0");
        assert_eq!(sent("-0.0"), "-0.0");
    }

    #[test]
    fn integers_stay_integers() {
        assert_eq!(sent("13800"), "13800");
        assert_eq!(sent("-5"), "-5");
        assert_eq!(sent("18446744073709551615"), "18446744073709551615");
        assert_eq!(serde_json::to_string(&Amount::from(-3_i32)).unwrap(), "-3");
    }

    #[test]
    fn digits_an_f64_drops_are_refused() {
        for text in [
            "1234567890.12345678",
            "0.30000000000000000001",
            "18446744073709551616",
            "1e400",
        ] {
            let error = text.parse::<Amount>().unwrap_err();
            assert_eq!(error.text, text);
            assert!(
                error.reason.contains("f64") || error.reason.contains("too large"),
                "{text}: {error}"
            );
        }
    }

    #[test]
    fn only_json_numbers_are_amounts() {
        for text in [
            "", "-", "+1", " 1", "1 ", "1.", ".5", "1e", "1e+", "0x10", "1,5", "NaN", "inf",
            "1_000", "١", "01", "-01.5",
        ] {
            let error = text.parse::<Amount>().unwrap_err();
            assert!(error.reason.starts_with("not a JSON number"), "{text:?}");
        }
    }

    #[test]
    fn decimals_compare_by_value() {
        let d = |t| Decimal::parse(t).unwrap();
        assert_eq!(d("1234.50"), d("1.2345e3"));
        assert_eq!(d("1234.5000"), d("1234.5"));
        assert_eq!(d("0.00120"), d("1.2e-3"));
        assert_eq!(d("-0"), d("0.0"));
        assert_ne!(d("1.2"), d("12"));
        assert_ne!(d("-1"), d("1"));
    }

    #[test]
    fn f64_amounts_are_sent_as_that_f64() {
        let sum = Amount::from_f64(0.1 + 0.2).unwrap();
        assert_eq!(sum.to_string(), "0.30000000000000004");
        assert!(Amount::from_f64(f64::NAN).is_none());
        assert_eq!(Amount::from(7_u8).as_f64(), 7.0);
    }

    #[test]
    fn equality_and_hash_are_numeric() {
        use std::collections::HashSet;
        let parsed = |t: &str| t.parse::<Amount>().unwrap();
        let read = |t: &str| serde_json::from_str::<Amount>(t).unwrap();
        let pairs = [
            (Amount::from(13_800), parsed("13800.0")),
            (Amount::from(13_800), read("13800.0")),
            (Amount::from(13_800), read("1.38e4")),
            (Amount::from(0), read("-0")),
            (Amount::from(0), read("-0.0")),
            (read("0.0"), read("-0.0")),
            (parsed("1234.50"), read("1234.5")),
            (Amount::from(-5), read("-5.0")),
            (Amount::from(u64::MAX), read("18446744073709551615")),
        ];
        for (a, b) in pairs {
            assert_eq!(a, b);
            let set: HashSet<Amount> = [a.clone(), b.clone()].into_iter().collect();
            assert_eq!(set.len(), 1, "{a} and {b} hash alike");
        }
        assert_ne!(Amount::from(13_800), read("13800.5"));
        assert_ne!(Amount::from(u64::MAX), read("18446744073709551616"));
        assert_ne!(read("0.1"), read("0.2"));
        // Written as read.
        assert_eq!(serde_json::to_string(&read("13800.0")).unwrap(), "13800.0");
        assert_eq!(
            serde_json::to_string(&Amount::from(13_800)).unwrap(),
            "13800"
        );
    }

    #[test]
    fn a_decimal_an_f64_cannot_hold_is_read_as_its_nearest_f64_but_not_parsed() {
        for text in [
            "1234567890.12345678",
            "0.30000000000000000001",
            "12345678901234567890.123456789",
        ] {
            assert!(text.parse::<Amount>().is_err(), "{text}");
            let read: Amount = serde_json::from_str(text).unwrap();
            assert_eq!(read.as_f64(), text.parse::<f64>().unwrap());
        }
    }
}
