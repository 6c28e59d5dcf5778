//! A4P302 `currency-code`: currency is not an ISO 4217 code.
use serde_json::Value;

use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That the lead-opportunity's `currency` (`leadOpportunity.currency` in create and update
    /// requests, `data.leadOpportunity.currency` in the GET response) names a currency of
    /// ISO 4217. Only values of the schema's shape, three uppercase letters, are looked at:
    /// `eur`, `EURO` or `""` are A4P106 `invalid-string`'s finding, a number A4P104's. The help
    /// names the nearest code (`EUE` → `EUR`, `USS` → `USD`, `GPB` → `GBP`), preferring the
    /// common trading currencies when two codes are equally close.
    ///
    /// The embedded list holds ISO 4217's active alphabetic codes of currencies (2025),
    /// including the shared currencies with X-codes: `XAF` (CFA franc BEAC), `XOF` (CFA franc
    /// BCEAO), `XPF` (CFP franc), `XCD` (East Caribbean dollar) and `XCG` (Caribbean guilder,
    /// from 2025). It also keeps three codes withdrawn during 2024-2025 that partners' systems
    /// may still send: `ANG` (replaced by `XCG`), `SLL` (by `SLE`) and `ZWL` (by `ZWG`).
    /// ISO 4217 codes that are not money an offer can be priced in are findings with their
    /// meaning: the funds codes (`BOV`, `CHE`, `CHW`, `CLF`, `COU`, `MXV`, `USN`, `UYI`,
    /// `UYW`), precious metals (`XAU`, `XAG`, `XPD`, `XPT`), units of account (`XBA`-`XBD`,
    /// `XDR`, `XSU`, `XUA`), the testing code `XTS` and `XXX` ("no currency").
    ///
    /// ## Why it matters
    /// The spec's `currency` component: "Three-letter ISO 4217 currency code representing the
    /// transaction currency. Must be exactly 3 uppercase alphabetic characters (e.g., `USD` for
    /// US Dollar, `EUR` for Euro, `INR` for Indian Ruppee)." The schema's pattern
    /// `^[A-Z]{3}$` lets a typo such as `EUE` through; the offer lines' amounts are
    /// "in the designated currency", so a code that names no currency leaves every amount
    /// without a unit.
    ///
    /// ## Example
    /// ```json update-request pointer=/leadOpportunity/currency span="EUE"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817", "currency": "EUE"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817", "currency": "EUR"}}
    /// ```
    pub static CURRENCY_CODE = {
        code: "A4P302",
        name: "currency-code",
        category: Format,
        severity: Error,
        summary: "currency is not an ISO 4217 code",
    };
}

/// The ISO 4217 alphabetic codes of currencies accepted as a transaction currency, sorted
/// (binary search). Active codes as of 2025, plus `ANG`, `SLL` and `ZWL`, withdrawn during
/// 2024-2025 (see the rule's docs).
pub const CURRENCIES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
    "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU",
    "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR",
    "ZMW", "ZWG", "ZWL",
];

/// ISO 4217 codes that are not a currency an offer can be priced in, with what they are.
/// Sorted (binary search).
const NOT_CURRENCIES: &[(&str, &str)] = &[
    ("BOV", "the Bolivian Mvdol, a funds code"),
    ("CHE", "the WIR euro, a funds code"),
    ("CHW", "the WIR franc, a funds code"),
    ("CLF", "the Chilean Unidad de Fomento, a funds code"),
    ("COU", "the Colombian Unidad de Valor Real, a funds code"),
    ("MXV", "the Mexican Unidad de Inversión, a funds code"),
    ("USN", "the US dollar next day, a funds code"),
    (
        "UYI",
        "the Uruguayan peso en unidades indexadas, a funds code",
    ),
    ("UYW", "the Uruguayan unidad previsional, a funds code"),
    ("XAG", "silver"),
    ("XAU", "gold"),
    ("XBA", "a European bond-market unit"),
    ("XBB", "a European bond-market unit"),
    ("XBC", "a European bond-market unit"),
    ("XBD", "a European bond-market unit"),
    ("XDR", "the IMF's special drawing right, a unit of account"),
    ("XPD", "palladium"),
    ("XPT", "platinum"),
    ("XSU", "the SUCRE, a unit of account"),
    ("XTS", "reserved for testing"),
    ("XUA", "the ADB unit of account"),
    ("XXX", "\"no currency\""),
];

/// Tried first for did-you-mean, so that a tie between two equally close codes goes to the
/// currency a partner most likely meant.
const COMMON: &[&str] = &[
    "EUR", "USD", "GBP", "JPY", "CHF", "CNY", "INR", "CAD", "AUD", "KRW", "SEK", "NOK", "DKK",
    "PLN", "CZK", "HUF", "BRL", "MXN", "SGD", "HKD", "TWD", "ZAR", "TRY", "ILS", "NZD", "AED",
    "SAR", "THB", "MYR", "IDR", "RON",
];

/// The currency one typo away from `code` (three uppercase letters, not a currency): one
/// letter changed or two adjacent letters swapped, the only single edits that keep three
/// letters. The common currencies come first, in [`COMMON`]'s order, then the rest
/// alphabetically, so that `GBD` is `GBP`, not `BBD`. A direct comparison: this runs on every
/// mistyped currency, and the general did-you-mean (`suggest::nearest`) breaks ties
/// alphabetically.
fn closest_currency(code: &str) -> Option<&'static str> {
    let a = code.as_bytes();
    let one_typo = |candidate: &str| {
        let b = candidate.as_bytes();
        if a.len() != b.len() {
            return false;
        }
        let mut differ = (0..a.len()).filter(|&i| a[i] != b[i]);
        match (differ.next(), differ.next(), differ.next()) {
            (Some(_), None, _) => true,
            (Some(i), Some(j), None) => j == i + 1 && a[i] == b[j] && a[j] == b[i],
            _ => false,
        }
    };
    COMMON
        .iter()
        .chain(CURRENCIES)
        .copied()
        .find(|candidate| one_typo(candidate))
}

/// Whether `code` is a currency of the embedded list.
pub fn is_currency(code: &str) -> bool {
    CURRENCIES.binary_search(&code).is_ok()
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some((lead, object)) = cx.lead_opportunity() else {
        return;
    };
    let Some(code) = object.get("currency").and_then(Value::as_str) else {
        return;
    };
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) || is_currency(code) {
        return;
    }
    let pointer = format!("{lead}/currency");
    match NOT_CURRENCIES.binary_search_by(|(c, _)| c.cmp(&code)) {
        Ok(i) => not_money(cx, pointer, code, NOT_CURRENCIES[i].1),
        Err(_) => unknown_code(cx, pointer, code),
    }
}

const NOTE: &str = "the spec's `currency` is a \"Three-letter ISO 4217 currency code representing \
                    the transaction currency\", the unit of every offer line's amount";

const WRITE_A_CURRENCY: &str = "write the ISO 4217 code of the currency the offers are priced \
                                in, such as \"EUR\", \"USD\" or \"INR\"";

/// An ISO 4217 code that is not money an offer can be priced in (a funds code, a metal, a
/// unit of account): the message names what it is; a real code is no typo, so no
/// did-you-mean.
fn not_money(cx: &mut Checker<'_>, pointer: String, code: &str, meaning: &str) {
    cx.at_value(pointer)
        .field_message(format!(
            "is \"{}\", ISO 4217's code for {}, not a currency",
            payload(code),
            // What the code means names the code: payload data too.
            payload(meaning)
        ))
        .label("not a currency")
        .help(WRITE_A_CURRENCY)
        .note(NOTE)
        .report();
}

/// Three letters that are no ISO 4217 code; the currency one typo away is the fix.
fn unknown_code(cx: &mut Checker<'_>, pointer: String, code: &str) {
    let finding = cx
        .at_value(pointer)
        .field_message(format!(
            "is \"{}\", which is not an ISO 4217 currency code",
            payload(code)
        ))
        .label("unknown currency code")
        .note(NOTE);
    match closest_currency(code) {
        Some(c) => finding
            .help(format!("did you mean \"{c}\"?"))
            .suggest_string(c),
        None => finding.help(WRITE_A_CURRENCY),
    }
    .report();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_unique_and_disjoint() {
        assert!(CURRENCIES.windows(2).all(|w| w[0] < w[1]));
        assert!(NOT_CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(CURRENCIES
            .iter()
            .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())));
        assert!(NOT_CURRENCIES.iter().all(|(c, _)| !is_currency(c)));
        assert!(COMMON.iter().all(|c| is_currency(c)));
    }

    #[test]
    fn a_typo_names_the_common_currency_first() {
        for (typo, meant) in [
            ("GBD", Some("GBP")), // also one letter from BBD (Barbados)
            ("EUE", Some("EUR")),
            ("USS", Some("USD")),
            ("GPB", Some("GBP")), // swapped letters
            ("UDS", Some("USD")),
            ("CAF", Some("CHF")), // CAD and XAF too: CHF comes first in COMMON
            ("BBE", Some("BBD")), // no common currency is one typo away
            ("QQQ", None),
        ] {
            assert_eq!(closest_currency(typo), meant, "{typo}");
        }
    }

    #[test]
    fn knows_the_usual_suspects() {
        for code in [
            "EUR", "USD", "INR", "XOF", "XAF", "XPF", "XCD", "XCG", "ZWG", "SLE",
        ] {
            assert!(is_currency(code), "{code}");
        }
        for code in ["EUE", "USS", "HRK", "XAU", "XXX", "ABC"] {
            assert!(!is_currency(code), "{code}");
        }
    }
}
