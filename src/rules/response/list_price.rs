//! A4P504 `list-price`: A breakdown item's totalListPrice is not unitListPrice × quantity.
use serde_json::{Number, Value};

use crate::kind::PayloadKind;
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
    /// ## Example
    /// ```json order-get-response pointer=/data/0/licenseChargeConditions/0/licenseChargeBreakdown/0/totalListPrice span=2100
    /// {"data": [{"transaction": {"id": "PO_A123456789", "type": "PO"}, "businessUnit": {"id": "BU001", "name": "Corporate Sales Unit A", "localTimezone": "CET"}, "billToSite": {"id": "100012345678901", "name": "Example Corporation", "locationId": 1}, "soldToSite": {"id": "200012345678901", "name": "Foobar Inc", "locationId": 2}, "agreement": {"type": "General VAR Agreement"}, "creationDateTime": "2024-05-21T14:30:00Z", "currency": "USD", "licenseChargeConditions": [{"sequenceNumber": 1, "licenseChargeBreakdown": [{"sequenceNumber": 1, "quantity": 2, "unitListPrice": 1000, "totalListPrice": 2100}]}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    ///
    /// ## Use instead
    /// ```json order-get-response
    /// {"data": [{"transaction": {"id": "PO_A123456789", "type": "PO"}, "businessUnit": {"id": "BU001", "name": "Corporate Sales Unit A", "localTimezone": "CET"}, "billToSite": {"id": "100012345678901", "name": "Example Corporation", "locationId": 1}, "soldToSite": {"id": "200012345678901", "name": "Foobar Inc", "locationId": 2}, "agreement": {"type": "General VAR Agreement"}, "creationDateTime": "2024-05-21T14:30:00Z", "currency": "USD", "licenseChargeConditions": [{"sequenceNumber": 1, "licenseChargeBreakdown": [{"sequenceNumber": 1, "quantity": 2, "unitListPrice": 1000, "totalListPrice": 2000}]}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
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
        let (Some(unit_dec), Some(total_dec)) = (Decimal::of(unit), Decimal::of(total)) else {
            continue;
        };
        let Some(product) = unit_dec.times(quantity) else {
            continue;
        };
        if product.within_a_cent(&total_dec) != Some(false) {
            continue;
        }
        mismatch(cx, &item, unit, quantity, total, &product);
    }
}

/// A decimal number: `mantissa × 10^-scale`, exact.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// Beyond this many decimals (or digits) the rule does not judge: no price has them.
const MAX_SCALE: u32 = 30;

impl Decimal {
    /// The number as serde_json writes it: an integer, or the shortest decimal text of an
    /// `f64` (`1958.95`, `1e21`, `5e-7`), read exactly.
    fn of(number: &Number) -> Option<Decimal> {
        Decimal::parse(&number.to_string())
    }

    fn parse(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (significand, exponent) = match rest.find(['e', 'E']) {
            Some(at) => (&rest[..at], rest[at + 1..].parse::<i32>().ok()?),
            None => (rest, 0),
        };
        let (whole, fraction) = significand.split_once('.').unwrap_or((significand, ""));
        if whole.is_empty()
            || !whole
                .bytes()
                .chain(fraction.bytes())
                .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let digits = format!("{whole}{fraction}");
        let digits = digits.trim_start_matches('0');
        if digits.len() > 36 {
            return None;
        }
        let mut mantissa: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        let mut scale = i64::try_from(fraction.len()).ok()? - i64::from(exponent);
        if scale < 0 {
            let up = u32::try_from(-scale).ok()?;
            mantissa = mantissa.checked_mul(10i128.checked_pow(up)?)?;
            scale = 0;
        }
        let scale = u32::try_from(scale).ok().filter(|s| *s <= MAX_SCALE)?;
        Some(Decimal {
            mantissa: if negative { -mantissa } else { mantissa },
            scale,
        })
    }

    fn times(&self, quantity: u64) -> Option<Decimal> {
        Some(Decimal {
            mantissa: self.mantissa.checked_mul(i128::from(quantity))?,
            scale: self.scale,
        })
    }

    /// Both at the larger scale.
    fn aligned(&self, other: &Decimal) -> Option<(i128, i128, u32)> {
        let scale = self.scale.max(other.scale);
        let up = |d: &Decimal| d.mantissa.checked_mul(10i128.checked_pow(scale - d.scale)?);
        Some((up(self)?, up(other)?, scale))
    }

    /// Whether the two differ by less than 0.01; `None` when that cannot be computed.
    fn within_a_cent(&self, other: &Decimal) -> Option<bool> {
        let (a, b, scale) = self.aligned(other)?;
        let difference = a.checked_sub(b)?.checked_abs()?;
        // One cent at this scale: 10^(scale - 2), or, below two decimals, a fraction of one
        // unit: compare 100 × difference with 10^scale.
        let cent_times_100 = 10i128.checked_pow(scale)?;
        Some(difference.checked_mul(100)? < cent_times_100)
    }
}

impl std::fmt::Display for Decimal {
    /// `2000`, `59.97`, `-0.5`: trailing zeros of the fraction dropped.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        let fraction = fraction.trim_end_matches('0');
        let sign = if self.mantissa < 0 { "-" } else { "" };
        if fraction.is_empty() {
            write!(f, "{sign}{whole}")
        } else {
            write!(f, "{sign}{whole}.{fraction}")
        }
    }
}

fn mismatch(
    cx: &mut Checker<'_>,
    item: &items::BreakdownItem<'_>,
    unit: &Number,
    quantity: u64,
    total: &Number,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::parse(text).unwrap()
    }

    #[test]
    fn reads_numbers_exactly() {
        assert_eq!(
            dec("1958.95"),
            Decimal {
                mantissa: 195_895,
                scale: 2
            }
        );
        assert_eq!(
            dec("1e21"),
            Decimal {
                mantissa: 10i128.pow(21),
                scale: 0
            }
        );
        assert_eq!(
            dec("5e-7"),
            Decimal {
                mantissa: 5,
                scale: 7
            }
        );
        assert_eq!(
            dec("-0.5"),
            Decimal {
                mantissa: -5,
                scale: 1
            }
        );
        assert_eq!(dec("1.5e2").to_string(), "150");
        assert_eq!(dec("0.000").to_string(), "0");
        assert_eq!(dec("19.99").times(3).unwrap().to_string(), "59.97");
        assert!(Decimal::parse("").is_none());
        assert!(Decimal::parse(".5").is_none());
        assert!(Decimal::parse("1e400").is_none());
        assert!(Decimal::parse("1e-400").is_none());
    }

    #[test]
    fn compares_to_the_cent() {
        let product = dec("33.333").times(3).unwrap();
        assert_eq!(product.to_string(), "99.999");
        assert_eq!(product.within_a_cent(&dec("100")), Some(true));
        assert_eq!(product.within_a_cent(&dec("99.99")), Some(true));
        assert_eq!(product.within_a_cent(&dec("99.98")), Some(false));
        assert_eq!(dec("2000").within_a_cent(&dec("2000.01")), Some(false));
        assert_eq!(dec("2000").within_a_cent(&dec("2000.009")), Some(true));
        assert_eq!(
            dec("59.97")
                .within_a_cent(&Decimal::of(&Number::from_f64(19.99 * 3.0).unwrap()).unwrap()),
            Some(true)
        );
    }
}
