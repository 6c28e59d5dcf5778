//! A4P504 `list-price`: A breakdown item's totalListPrice is not unitListPrice × quantity.
use num_bigint::BigInt;
use num_bigint::Sign;
use serde_json::{Number, Value};

use crate::kind::PayloadKind;
use crate::rule::Severity;
use crate::rules::response::items;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That each license charge breakdown item of the order GET
    /// (`data[].licenseChargeConditions[].licenseChargeBreakdown[]`) that has a `quantity`, a
    /// `unitListPrice` and a `totalListPrice` has `totalListPrice = unitListPrice ×
    /// quantity`, to the cent: the two differ by less than 0.01, whichever way DS rounds.
    /// The product is computed exactly in decimal from the numbers as written (`19.99 × 3`
    /// is `59.97`, not the binary float `59.970000000000006`), never by comparing floats.
    /// The finding is at `totalListPrice`, with `unitListPrice` labelled; the message names
    /// the quantity and the help gives the product.
    ///
    /// No number is too large, too small or too long to check: the arithmetic has no fixed
    /// width (`1e300 × 3`, a product beyond 128 bits, a price with 40 decimals). The parse
    /// rounds a number to a binary double (17 significant digits); when that rounding could
    /// decide the comparison (the total within a hair of a cent of the product), the numbers
    /// are read again from the payload's text, every digit. A number written with more than
    /// 1,000 significant digits or an exponent beyond ±1,000, which no price has and whose
    /// exact reading a hostile payload could make costly, is not read again: the rule then
    /// says it cannot check the total (a warning at that number), rather than pass it.
    ///
    /// It is the only formula the spec states. The net amounts and percentages
    /// (`billToNetAmount`, `billToDiscountPercentage`, `billToMarginPercentage`, ...) are not
    /// checked: the spec gives no formula for them, and its own GET example has percentages
    /// that do not fit its amounts. A `quantity` that is not a positive integer and amounts
    /// that are not numbers are left to the schema rules.
    ///
    /// ## Why it matters
    /// The spec's `order_sub_line` (L2909): `totalListPrice` is "The total price of the
    /// product licenses, calculated by multiplying the `Unit List Price` and the
    /// `Quantity`." A total that is not the product means one of the three is wrong: a client
    /// that shows or sums these totals shows a price DS did not compute, and a fixture or
    /// mock with such a line tests a response DS never sends.
    ///
    /// ## Fix
    /// None: which of the three numbers is wrong is unknown.
    ///
    /// ## Example
    /// ```json order-get-response pointer=/data/0/licenseChargeConditions/0/licenseChargeBreakdown/0/totalListPrice span=2100
    /// {"data": [{"transaction": {"id": "PO_A123456789", "type": "PO"}, "businessUnit": {"id": "BU001", "name": "Corporate Sales Unit A", "localTimezone": "CET"}, "billToSite": {"id": "100012345678901", "name": "Example Corporation", "locationId": 1}, "soldToSite": {"id": "200012345678901", "name": "Foobar Inc", "locationId": 2}, "agreement": {"type": "General VAR Agreement"}, "creationDateTime": "2024-05-21T14:30:00Z", "currency": "USD", "licenseChargeConditions": [{"sequenceNumber": 1, "licenseChargeBreakdown": [{"sequenceNumber": 1, "quantity": 2, "unitListPrice": 1000, "totalListPrice": 2100}]}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    ///
    /// However large the numbers:
    /// ```json order-get-response pointer=/data/0/licenseChargeConditions/0/licenseChargeBreakdown/0/totalListPrice span=2e300
    /// {"data": [{"transaction": {"id": "PO_A123456789", "type": "PO"}, "businessUnit": {"id": "BU001", "name": "Corporate Sales Unit A", "localTimezone": "CET"}, "billToSite": {"id": "100012345678901", "name": "Example Corporation", "locationId": 1}, "soldToSite": {"id": "200012345678901", "name": "Foobar Inc", "locationId": 2}, "agreement": {"type": "General VAR Agreement"}, "creationDateTime": "2024-05-21T14:30:00Z", "currency": "USD", "licenseChargeConditions": [{"sequenceNumber": 1, "licenseChargeBreakdown": [{"sequenceNumber": 1, "quantity": 3, "unitListPrice": 1e300, "totalListPrice": 2e300}]}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    ///
    /// ## Use instead
    /// ```json order-get-response
    /// {"data": [{"transaction": {"id": "PO_A123456789", "type": "PO"}, "businessUnit": {"id": "BU001", "name": "Corporate Sales Unit A", "localTimezone": "CET"}, "billToSite": {"id": "100012345678901", "name": "Example Corporation", "locationId": 1}, "soldToSite": {"id": "200012345678901", "name": "Foobar Inc", "locationId": 2}, "agreement": {"type": "General VAR Agreement"}, "creationDateTime": "2024-05-21T14:30:00Z", "currency": "USD", "licenseChargeConditions": [{"sequenceNumber": 1, "licenseChargeBreakdown": [{"sequenceNumber": 1, "quantity": 2, "unitListPrice": 1000, "totalListPrice": 2000}]}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    ///
    /// and:
    /// ```json order-get-response
    /// {"data": [{"transaction": {"id": "PO_A123456789", "type": "PO"}, "businessUnit": {"id": "BU001", "name": "Corporate Sales Unit A", "localTimezone": "CET"}, "billToSite": {"id": "100012345678901", "name": "Example Corporation", "locationId": 1}, "soldToSite": {"id": "200012345678901", "name": "Foobar Inc", "locationId": 2}, "agreement": {"type": "General VAR Agreement"}, "creationDateTime": "2024-05-21T14:30:00Z", "currency": "USD", "licenseChargeConditions": [{"sequenceNumber": 1, "licenseChargeBreakdown": [{"sequenceNumber": 1, "quantity": 3, "unitListPrice": 1e300, "totalListPrice": 3e300}]}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    pub static LIST_PRICE = {
        code: "A4P504",
        name: "list-price",
        category: Consistency,
        severity: Error,
        summary: "A breakdown item's totalListPrice is not unitListPrice × quantity",
    };
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.kind() != PayloadKind::OrderGetResponse {
        return;
    }
    let root = cx.root();
    for item in items::breakdown(root) {
        let number = |member: &str| item.members.get(member).and_then(Value::as_number);
        let (Some(quantity), Some(unit), Some(total)) = (
            item.members.get("quantity").and_then(Value::as_u64),
            number("unitListPrice"),
            number("totalListPrice"),
        ) else {
            continue;
        };
        // Nearly every price: settled in 128-bit integers, without allocating.
        if within_a_cent_in_i128(unit, quantity, total) == Some(true) {
            continue;
        }
        // As parsed: an integer of at most 20 digits or an `f64` (17 significant digits, an
        // exponent within ±400), always read.
        let (Ok(parsed_unit), Ok(parsed_total)) = (Decimal::of(unit), Decimal::of(total)) else {
            continue;
        };
        let product = parsed_unit.times(quantity);
        let distance = product.minus(&parsed_total).magnitude();
        // An `f64` is the number written rounded to 53 bits: within 2^-53 of its size, bounded
        // here by 10^-15 of it, or, below the normal range (`1e-310`, `1e-400` read as 0),
        // within 2^-1075, bounded by 10^-300. Only when the distance is within that much of a
        // cent do the numbers as written decide.
        let rounding = (unit.is_f64() || total.is_f64()).then(|| {
            let relative = product
                .magnitude()
                .plus(&parsed_total.magnitude())
                .shifted(-15);
            let tiny = |n: &Number| n.as_f64().is_some_and(|f| f.abs() < f64::MIN_POSITIVE);
            if (unit.is_f64() && tiny(unit)) || (total.is_f64() && tiny(total)) {
                relative.plus(&Decimal::power_of_ten(-300))
            } else {
                relative
            }
        });
        let cent = Decimal::power_of_ten(-2);
        let (nearest, farthest) = match &rounding {
            Some(rounding) => (distance.minus(rounding), distance.plus(rounding)),
            None => (distance.clone(), distance),
        };
        if farthest.is_below(&cent) {
            continue;
        }
        if !nearest.is_below(&cent) {
            mismatch(cx, &item, &parsed_unit, quantity, &parsed_total, &product);
            continue;
        }
        // Too near a cent for the parse's rounding: the text, read again, decides. It builds
        // the span index, which a valid payload pays only when its total is a hair (10^-15 of
        // the prices) from a cent off the product.
        let written = |member: &str| {
            let text = cx.written(&item.pointer(member)).unwrap_or_default();
            Decimal::parse(text)
        };
        match (written("unitListPrice"), written("totalListPrice")) {
            (Ok(unit), Ok(total)) => {
                let product = unit.times(quantity);
                if !product.within_a_cent(&total) {
                    mismatch(cx, &item, &unit, quantity, &total, &product);
                }
            }
            (Err(Unread::Beyond), _) => beyond(cx, &item, "unitListPrice"),
            (_, Err(Unread::Beyond)) => beyond(cx, &item, "totalListPrice"),
            // The text holds no number where the parse found one: cannot happen for a parsed
            // source; the parsed numbers judge.
            _ => {
                if !product.within_a_cent(&parsed_total) {
                    mismatch(cx, &item, &parsed_unit, quantity, &parsed_total, &product);
                }
            }
        }
    }
}

/// Whether `unit × quantity` is certainly within a cent of `total` as written, in `i128`:
/// `Some(true)` or `Some(false)` when the numbers as parsed fit and their rounding (an `f64`'s,
/// bounded by 10^-15 of each size) cannot change the answer; `None` for the exact reading
/// ([`Decimal`]) to settle: a number that does not fit, a product that overflows, an `f64`
/// below the normal range, or a distance within the rounding of a cent.
fn within_a_cent_in_i128(unit: &Number, quantity: u64, total: &Number) -> Option<bool> {
    let rounded = unit.is_f64() || total.is_f64();
    let tiny = |n: &Number| n.is_f64() && n.as_f64().is_some_and(|f| f.abs() < f64::MIN_POSITIVE);
    if tiny(unit) || tiny(total) {
        return None;
    }
    let (unit, unit_exponent) = small(&unit.to_string())?;
    let (total, total_exponent) = small(&total.to_string())?;
    let product = unit.checked_mul(i128::from(quantity))?;
    // Everything in units of 10^finest, the finest of the two exponents and the cent's.
    let finest = unit_exponent.min(total_exponent).min(-2);
    let up = |m: i128, exponent: i64| {
        m.checked_mul(10i128.checked_pow(u32::try_from(exponent - finest).ok()?)?)
    };
    let (product, total) = (up(product, unit_exponent)?, up(total, total_exponent)?);
    let cent = 10i128.checked_pow(u32::try_from(-2 - finest).ok()?)?;
    let distance = product.checked_sub(total)?.checked_abs()?;
    if !rounded {
        return Some(distance < cent);
    }
    // distance ± (|product| + |total|) × 10^-15 against the cent, times 10^15.
    let scale = 10i128.pow(15);
    let rounding = product.checked_abs()?.checked_add(total.checked_abs()?)?;
    let (distance, cent) = (distance.checked_mul(scale)?, cent.checked_mul(scale)?);
    if distance.checked_add(rounding)? < cent {
        Some(true)
    } else if distance.checked_sub(rounding)? >= cent {
        Some(false)
    } else {
        None
    }
}

/// The mantissa and exponent of a number as serde_json writes one (`1958.95`, `1e21`,
/// `5e-7`), when the mantissa has at most 30 digits and the exponent is within ±30.
fn small(text: &str) -> Option<(i128, i64)> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (significand, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], rest[at + 1..].parse::<i64>().ok()?),
        None => (rest, 0),
    };
    let (whole, fraction) = significand.split_once('.').unwrap_or((significand, ""));
    let digits = whole.len() + fraction.len();
    let all_digits = whole
        .bytes()
        .chain(fraction.bytes())
        .all(|b| b.is_ascii_digit());
    if whole.is_empty() || digits > 30 || !all_digits {
        return None;
    }
    let mut mantissa: i128 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        mantissa = mantissa * 10 + i128::from(b - b'0');
    }
    let exponent = exponent.checked_sub(i64::try_from(fraction.len()).ok()?)?;
    if exponent.unsigned_abs() > 30 {
        return None;
    }
    Some((if negative { -mantissa } else { mantissa }, exponent))
}

/// A decimal number, exact: `mantissa × 10^exponent`. Read from text, the mantissa has no
/// trailing zeros (zero is `0 × 10^0`); arithmetic keeps what it makes, so two results are
/// compared with [`Decimal::is_below`], never with `==`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decimal {
    mantissa: BigInt,
    exponent: i64,
}

/// How far the rule reads a number as written: at most this many significant digits, and an
/// exponent (of the last of them) within this many places of the units. The numbers a parse
/// gives fit many times over (17 digits, ±400); past it, the product and the comparison
/// would cost time in proportion to the digits and the places, which a hostile payload
/// chooses, so the rule says it cannot check the total rather than compute it.
const MAX_DIGITS: usize = 1_000;

/// Why a number was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unread {
    /// Not a JSON number.
    NotANumber,
    /// More than [`MAX_DIGITS`] digits, or an exponent beyond it.
    Beyond,
}

impl Decimal {
    /// The number as serde_json parsed it: an integer, or the shortest decimal text of an
    /// `f64` (`1958.95`, `1e21`, `5e-7`), read exactly.
    fn of(number: &Number) -> Result<Decimal, Unread> {
        Decimal::parse(&number.to_string())
    }

    /// A JSON number's text, read exactly.
    fn parse(text: &str) -> Result<Decimal, Unread> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (significand, exponent) = match rest.find(['e', 'E']) {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        let (whole, fraction) = significand.split_once('.').unwrap_or((significand, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return Err(Unread::NotANumber);
        }
        let exponent = match exponent {
            None => 0,
            Some(e) => {
                let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
                if digits.is_empty() || !all_digits(digits) {
                    return Err(Unread::NotANumber);
                }
                // An exponent too long for an `i64` is far beyond [`MAX_DIGITS`] anyway.
                e.strip_prefix('+')
                    .unwrap_or(e)
                    .parse::<i64>()
                    .map_err(|_| Unread::Beyond)?
            }
        };
        let digits = format!("{whole}{fraction}");
        let digits = digits.trim_start_matches('0');
        let significant = digits.trim_end_matches('0');
        if significant.is_empty() {
            return Ok(Decimal::zero());
        }
        if significant.len() > MAX_DIGITS {
            return Err(Unread::Beyond);
        }
        let trailing_zeros = (digits.len() - significant.len()) as i64;
        let exponent = exponent
            .checked_sub(fraction.len() as i64)
            .and_then(|e| e.checked_add(trailing_zeros))
            .filter(|e| e.unsigned_abs() <= MAX_DIGITS as u64)
            .ok_or(Unread::Beyond)?;
        let magnitude: BigInt = significant.parse().map_err(|_| Unread::NotANumber)?;
        Ok(Decimal {
            mantissa: if negative { -magnitude } else { magnitude },
            exponent,
        })
    }

    fn zero() -> Decimal {
        Decimal {
            mantissa: BigInt::default(),
            exponent: 0,
        }
    }

    fn times(&self, quantity: u64) -> Decimal {
        Decimal {
            mantissa: &self.mantissa * quantity,
            exponent: self.exponent,
        }
    }

    /// Trailing zeros of the mantissa moved into the exponent.
    fn normalized(mut self) -> Decimal {
        if self.mantissa.sign() == Sign::NoSign {
            return Decimal::zero();
        }
        while (&self.mantissa % 10u8).sign() == Sign::NoSign {
            self.mantissa /= 10u8;
            self.exponent += 1;
        }
        self
    }

    /// 10^`exponent`.
    fn power_of_ten(exponent: i64) -> Decimal {
        Decimal {
            mantissa: BigInt::from(1u8),
            exponent,
        }
    }

    /// This × 10^`places`.
    fn shifted(&self, places: i64) -> Decimal {
        Decimal {
            mantissa: self.mantissa.clone(),
            exponent: self.exponent + places,
        }
    }

    fn magnitude(&self) -> Decimal {
        Decimal {
            mantissa: BigInt::from(self.mantissa.magnitude().clone()),
            exponent: self.exponent,
        }
    }

    /// Both mantissas at the finer exponent of the two, and that exponent. The exponents the
    /// rule meets are within about [`MAX_DIGITS`] of 0, so no power is larger than
    /// 10^(2 × `MAX_DIGITS` + 15).
    fn aligned(&self, other: &Decimal) -> (BigInt, BigInt, i64) {
        let finest = self.exponent.min(other.exponent);
        let at_finest = |d: &Decimal| -> BigInt {
            let places = u32::try_from(d.exponent - finest).unwrap_or(u32::MAX);
            &d.mantissa * BigInt::from(10u8).pow(places)
        };
        (at_finest(self), at_finest(other), finest)
    }

    fn plus(&self, other: &Decimal) -> Decimal {
        let (a, b, exponent) = self.aligned(other);
        Decimal {
            mantissa: a + b,
            exponent,
        }
    }

    fn minus(&self, other: &Decimal) -> Decimal {
        let (a, b, exponent) = self.aligned(other);
        Decimal {
            mantissa: a - b,
            exponent,
        }
    }

    /// Whether the two differ by less than 0.01.
    fn within_a_cent(&self, other: &Decimal) -> bool {
        self.minus(other)
            .magnitude()
            .is_below(&Decimal::power_of_ten(-2))
    }

    fn is_below(&self, other: &Decimal) -> bool {
        let (a, b, _) = self.aligned(other);
        a < b
    }
}

/// How many significant digits a number shows in a message (as a value is quoted: at most
/// 40 characters); past them it is cut (`…`).
const SHOWN_DIGITS: usize = 40;

impl std::fmt::Display for Decimal {
    /// `2000`, `59.97`, `-0.5` as written in decimal; `3e300`, `1.25e-50` when that would be
    /// longer than [`SHOWN_DIGITS`] digits; at most [`SHOWN_DIGITS`] significant digits, then
    /// `…`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Decimal { mantissa, exponent } = self.clone().normalized();
        let sign = if mantissa.sign() == Sign::Minus {
            "-"
        } else {
            ""
        };
        let digits = mantissa.magnitude().to_string();
        let places = usize::try_from(exponent.unsigned_abs()).unwrap_or(usize::MAX);
        // `123000`, `1.23`, `0.00123`.
        let plain_width = if exponent >= 0 {
            digits.len().saturating_add(places)
        } else if places < digits.len() {
            digits.len() + 1
        } else {
            places.saturating_add(2)
        };
        // As many digits, a point and a leading zero.
        if digits.len() <= SHOWN_DIGITS && plain_width <= SHOWN_DIGITS + 2 {
            return if exponent >= 0 {
                write!(f, "{sign}{digits}{}", "0".repeat(places))
            } else {
                let padded = format!("{digits:0>width$}", width = places + 1);
                let (whole, fraction) = padded.split_at(padded.len() - places);
                write!(f, "{sign}{whole}.{fraction}")
            };
        }
        // Scientific: one digit before the point.
        let power = exponent + digits.len() as i64 - 1;
        let (first, rest) = digits.split_at(1);
        let (rest, cut) = match rest.get(..SHOWN_DIGITS - 1) {
            Some(kept) if rest.len() > SHOWN_DIGITS - 1 => (kept, "…"),
            _ => (rest, ""),
        };
        let point = if rest.is_empty() { "" } else { "." };
        write!(f, "{sign}{first}{point}{rest}{cut}e{power}")
    }
}

fn mismatch(
    cx: &mut Checker<'_>,
    item: &items::BreakdownItem<'_>,
    unit: &Decimal,
    quantity: u64,
    total: &Decimal,
    product: &Decimal,
) {
    let (unit, quantity, total, product) = (
        payload(unit),
        payload(quantity),
        payload(total),
        payload(product),
    );
    cx.at_value(item.pointer("totalListPrice"))
        .message_with(|path| {
            format!(
                "`{path}` {total} is not `unitListPrice` {unit} × `quantity` {quantity} = {product}"
            )
        })
        .label(format!("{unit} × {quantity} is {product}"))
        // `quantity` is not labelled: in a payload whose members are in another order it may
        // sit lines before the total, and the human report's first frame would be its.
        .secondary(&item.pointer("unitListPrice"), "the unit list price")
        .help(format!(
            "with this unit price and quantity the total list price is {product}; otherwise one \
             of the two is wrong"
        ))
        .note(
            "the spec's `order_sub_line`: `totalListPrice` is \"calculated by multiplying the \
             `Unit List Price` and the `Quantity`\" (L2909)",
        )
        .report();
}

/// The rule cannot check the total: `member`, as written, has more digits or a larger
/// exponent than it reads ([`MAX_DIGITS`]). A warning: nothing is known to be wrong, but a
/// gate must not take silence for a check.
fn beyond(cx: &mut Checker<'_>, item: &items::BreakdownItem<'_>, member: &str) {
    let at = item.pointer(member);
    let total = item.pointer("totalListPrice");
    cx.at_value(&at)
        .message_with(|path| {
            format!(
                "cannot check `totalListPrice`: `{path}` is written with more than \
                 {MAX_DIGITS} significant digits or an exponent beyond ±{MAX_DIGITS}"
            )
        })
        .label("not read exactly")
        .secondary(&total, "not checked against unitListPrice × quantity")
        .help("write the price in plain decimal digits, as DS sends it (`1958.95`)")
        .severity(Severity::Warning)
        .report();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::parse(text).unwrap()
    }

    fn decimal(mantissa: i128, exponent: i64) -> Decimal {
        Decimal {
            mantissa: BigInt::from(mantissa),
            exponent,
        }
    }

    #[test]
    fn reads_numbers_exactly() {
        assert_eq!(dec("1958.95"), decimal(195_895, -2));
        assert_eq!(dec("1e21"), decimal(1, 21));
        assert_eq!(dec("5e-7"), decimal(5, -7));
        assert_eq!(dec("-0.5"), decimal(-5, -1));
        assert_eq!(dec("2100.00"), decimal(21, 2));
        assert_eq!(dec("0.000"), Decimal::zero());
        assert_eq!(dec("0e-99999999999"), Decimal::zero());
        assert_eq!(dec("1.5e2").to_string(), "150");
        assert_eq!(dec("0.000").to_string(), "0");
        assert_eq!(dec("19.99").times(3).to_string(), "59.97");
        assert_eq!(Decimal::parse(""), Err(Unread::NotANumber));
        assert_eq!(Decimal::parse(".5"), Err(Unread::NotANumber));
        assert_eq!(Decimal::parse("1e"), Err(Unread::NotANumber));
        // What i128 and 30 decimals could not hold is read.
        assert_eq!(dec("1e400"), decimal(1, 400));
        assert_eq!(dec("1e-400"), decimal(1, -400));
        assert_eq!(
            dec("0.0000000000000000000000000000000000000001"),
            decimal(1, -40)
        );
        let digits = "9".repeat(MAX_DIGITS);
        assert_eq!(dec(&digits).exponent, 0);
        assert_eq!(
            Decimal::parse(&format!("{digits}9")),
            Err(Unread::Beyond),
            "one digit more"
        );
        assert_eq!(dec("1e1000"), decimal(1, 1000));
        assert_eq!(Decimal::parse("1e1001"), Err(Unread::Beyond));
        assert_eq!(Decimal::parse("1e-1001"), Err(Unread::Beyond));
        assert_eq!(
            Decimal::parse("1e99999999999999999999"),
            Err(Unread::Beyond)
        );
    }

    #[test]
    fn compares_to_the_cent() {
        let product = dec("33.333").times(3);
        assert_eq!(product.to_string(), "99.999");
        assert!(product.within_a_cent(&dec("100")));
        assert!(product.within_a_cent(&dec("99.99")));
        assert!(!product.within_a_cent(&dec("99.98")));
        assert!(!dec("2000").within_a_cent(&dec("2000.01")));
        assert!(dec("2000").within_a_cent(&dec("2000.009")));
        assert!(dec("59.97")
            .within_a_cent(&Decimal::of(&Number::from_f64(19.99 * 3.0).unwrap()).unwrap()));
        // Beyond 64-bit products and 30 decimals.
        let max = u64::MAX.to_string();
        let product = dec(&max).times(u64::MAX);
        assert_eq!(
            product.to_string(),
            "340282366920938463426481119284349108225"
        );
        assert!(product.within_a_cent(&dec("340282366920938463426481119284349108225")));
        assert!(!product.within_a_cent(&dec("340282366920938463426481119284349108224.99")));
        assert!(dec("1e300").times(3).within_a_cent(&dec("3e300")));
        assert!(!dec("1e300")
            .times(3)
            .within_a_cent(&dec("2.9999999999e300")));
        assert!(dec("1e-400").times(7).within_a_cent(&dec("0")));
        assert!(!dec("0.0050000000000000000000000000000000001")
            .times(2)
            .within_a_cent(&dec("0")));
        assert!(dec("0.0049999999999999999999999999999999999")
            .times(2)
            .within_a_cent(&dec("0")));
    }

    #[test]
    fn the_i128_path_agrees_with_the_exact_one() {
        let number = |text: &str| serde_json::from_str::<Number>(text).unwrap();
        for (unit, quantity, total, within) in [
            ("19.99", 3, "59.97", Some(true)),
            ("19.99", 3, "59.9", Some(false)),
            // A cent exactly: the f64's rounding may decide, the text does.
            ("19.99", 3, "59.96", None),
            ("1000", 2, "2100", Some(false)),
            ("33.333", 3, "99.99", Some(true)),
            ("2000", 1, "2000.01", None),
            ("2000", 1, "2001", Some(false)),
            ("2000", 1, "2000.009", Some(true)),
            // The f64's rounding may decide: the exact reading does.
            ("0.005", 2, "0", None),
            ("1e300", 3, "3e300", None),
            ("1e-320", 3, "0", None),
            ("18446744073709551615", 18446744073709551615, "1", None),
        ] {
            let verdict = within_a_cent_in_i128(&number(unit), quantity, &number(total));
            assert_eq!(verdict, within, "{unit} × {quantity} vs {total}");
            if let Some(within) = verdict {
                let exact = dec(unit).times(quantity).within_a_cent(&dec(total));
                assert_eq!(exact, within, "{unit} × {quantity} vs {total}");
            }
        }
    }

    #[test]
    fn shows_numbers_briefly() {
        assert_eq!(dec("2100").to_string(), "2100");
        assert_eq!(dec("-0.5").to_string(), "-0.5");
        assert_eq!(dec("1e41").to_string(), format!("1{}", "0".repeat(41)));
        assert_eq!(dec("1e42").to_string(), "1e42");
        assert_eq!(dec("3e300").to_string(), "3e300");
        assert_eq!(dec("1.25e-50").to_string(), "1.25e-50");
        assert_eq!(dec("1e-40").to_string(), format!("0.{}1", "0".repeat(39)));
        assert_eq!(dec("1e-41").to_string(), "1e-41");
        assert_eq!(dec("-12.5e-3").to_string(), "-0.0125");
        assert_eq!(
            dec(&"7".repeat(100)).to_string(),
            format!("7.{}…e99", "7".repeat(39))
        );
    }
}
