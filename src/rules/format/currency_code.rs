//! A4P302 `currency-code`: currency is not an ISO 4217 code.
use serde_json::Value;

use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That a `currency` names a currency of ISO 4217: the lead-opportunity's
    /// (`leadOpportunity.currency` in create and update requests, `data.leadOpportunity.currency`
    /// in the GET response), an order's (`data[].currency` in the orders search and the order
    /// GET responses) and a price list's (`data[].priceLists[].currency` in the price-lists
    /// search response). Only values of the schema's shape, three uppercase letters, are looked
    /// at: `eur`, `EURO` or `""` are A4P106 `invalid-string`'s finding, a number A4P104's. The
    /// help names the nearest code (`EUE` → `EUR`, `USS` → `USD`, `GPB` → `GBP`), preferring the
    /// common trading currencies when two codes are equally close.
    ///
    /// The codes are the `iso_currency` crate's (ISO 4217's list, maintained upstream): its
    /// currencies, including the shared currencies with X-codes (`XAF`, `XOF`, `XPF`, `XCD`,
    /// and `XCG`, the Caribbean guilder from 2025), and the codes it marks superseded, which
    /// partners' systems and old orders may still carry (`SLL` by `SLE`, `ZWL` by `ZWG`, `HRK`
    /// and `BGN` by `EUR`...); `ANG`, withdrawn in 2025 for `XCG`, which the crate leaves out, is
    /// accepted as those are. Codes the crate marks as funds (`BOV`, `CHE`, `CHW`, `CLF`, `COU`,
    /// `MXV`, `USN`, `UYI`, `UYW`) or special (precious metals `XAU`, `XAG`, `XPD`, `XPT`; units
    /// of account `XBA`-`XBD`, `XDR`, `XSU`, `XUA`, `XAD`; the testing code `XTS`; `XXX`, "no
    /// currency") are no money an offer can be priced in: findings, with their meaning.
    ///
    /// ## Why it matters
    /// The spec's `currency` component: "Three-letter ISO 4217 currency code representing the
    /// transaction currency. Must be exactly 3 uppercase alphabetic characters (e.g., `USD` for
    /// US Dollar, `EUR` for Euro, `INR` for Indian Ruppee)." The schema's pattern
    /// `^[A-Z]{3}$` lets a typo such as `EUE` through; the offer lines' amounts are
    /// "in the designated currency", so a code that names no currency leaves every amount
    /// without a unit.
    ///
    /// ## Fix
    /// The nearest ISO 4217 code replaces an unknown one (`EUE` → `EUR`): unsafe, a typo's currency
    /// is a judgement, and every amount's unit depends on it. A code that is no money (a funds
    /// code, a metal) has no fix. A currency in lower case (`eur` → `EUR`, safe) is A4P106's fix.
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
        fix: [Unsafe],
    };
}

/// Withdrawn codes the `iso_currency` crate leaves out, accepted as it accepts the codes it
/// marks superseded (see the rule's docs), with the code that replaced each.
const WITHDRAWN: &[(&str, &str)] = &[("ANG", "XCG")];

/// How a message names the ISO 4217 codes that are not a currency an offer can be priced in:
/// wording only, sorted (binary search); which codes those are is the crate's (funds and
/// special codes), and one it flags that is not here is named by the crate's name.
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
/// alphabetically, so that `GBD` is `GBP`, not `BBD`; only current currencies are suggested
/// (not the superseded ones). The 77 words one edit away are looked up in the crate: this runs
/// on every mistyped currency, and the general did-you-mean (`suggest::nearest`) breaks ties
/// alphabetically.
fn closest_currency(code: &str) -> Option<&'static str> {
    let a: [u8; 3] = code.as_bytes().try_into().ok()?;
    let mut edits: Vec<[u8; 3]> = Vec::with_capacity(77);
    for i in 0..3 {
        for letter in b'A'..=b'Z' {
            if letter != a[i] {
                let mut word = a;
                word[i] = letter;
                edits.push(word);
            }
        }
    }
    for i in 0..2 {
        if a[i] != a[i + 1] {
            let mut word = a;
            word.swap(i, i + 1);
            edits.push(word);
        }
    }
    edits
        .iter()
        .filter_map(|word| std::str::from_utf8(word).ok())
        .filter_map(iso_currency::Currency::from_code)
        .filter(|c| c.flags().is_empty())
        .map(|c| c.code())
        .min_by_key(|c| (COMMON.iter().position(|m| m == c).unwrap_or(usize::MAX), *c))
}

/// What ISO 4217 (through the `iso_currency` crate) says of a code.
enum Iso {
    /// A currency, current or superseded: an offer can be priced in it.
    Currency,
    /// A funds or special code, with what it is.
    NotMoney(String),
    /// No ISO 4217 code.
    Unknown,
}

fn iso(code: &str) -> Iso {
    if WITHDRAWN.iter().any(|(c, _)| *c == code) {
        return Iso::Currency;
    }
    let Some(currency) = iso_currency::Currency::from_code(code) else {
        return Iso::Unknown;
    };
    if !(currency.is_fund() || currency.is_special()) {
        return Iso::Currency;
    }
    let meaning = match NOT_CURRENCIES.binary_search_by(|(c, _)| c.cmp(&code)) {
        Ok(i) => NOT_CURRENCIES[i].1.to_owned(),
        Err(_) if currency.is_fund() => format!("{}, a funds code", currency.name()),
        Err(_) => format!("{}, a special code", currency.name()),
    };
    Iso::NotMoney(meaning)
}

/// Whether `code` is a currency an offer can be priced in (see the rule's docs).
#[cfg(test)]
fn is_currency(code: &str) -> bool {
    matches!(iso(code), Iso::Currency)
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    use crate::kind::PayloadKind;
    match cx.kind() {
        PayloadKind::OrderSearchResponse | PayloadKind::OrderGetResponse => {
            let Some(orders) = cx.root().get("data").and_then(Value::as_array) else {
                return;
            };
            for (i, order) in orders.iter().enumerate() {
                check_at(cx, order.get("currency"), || format!("/data/{i}"));
            }
        }
        PayloadKind::PriceListSearchResponse => {
            let Some(countries) = cx.root().get("data").and_then(Value::as_array) else {
                return;
            };
            for (i, country) in countries.iter().enumerate() {
                let Some(lists) = country.get("priceLists").and_then(Value::as_array) else {
                    continue;
                };
                for (j, list) in lists.iter().enumerate() {
                    check_at(cx, list.get("currency"), || {
                        format!("/data/{i}/priceLists/{j}")
                    });
                }
            }
        }
        _ => {
            let Some((lead, object)) = cx.lead_opportunity() else {
                return;
            };
            check_at(cx, object.get("currency"), || lead.to_owned());
        }
    }
}

/// Checks a `currency`, member of the object whose pointer `at` builds (only for a finding).
fn check_at(cx: &mut Checker<'_>, currency: Option<&Value>, at: impl FnOnce() -> String) {
    let Some(code) = currency.and_then(Value::as_str) else {
        return;
    };
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return;
    }
    match iso(code) {
        Iso::Currency => {}
        Iso::NotMoney(meaning) => not_money(cx, format!("{}/currency", at()), code, &meaning),
        Iso::Unknown => unknown_code(cx, format!("{}/currency", at()), code),
    }
}

/// What the spec says the `currency` is, and what it is the unit of, in this kind.
fn note(kind: crate::kind::PayloadKind) -> &'static str {
    use crate::kind::PayloadKind;
    match kind {
        PayloadKind::OrderSearchResponse | PayloadKind::OrderGetResponse => {
            "the spec's `currency` is a \"Three-letter ISO 4217 currency code representing the \
             transaction currency\", the unit of every price and amount of the order"
        }
        PayloadKind::PriceListSearchResponse => {
            "the spec's `currency` is a \"Three-letter ISO 4217 currency code\", the unit of the \
             price list's prices"
        }
        _ => {
            "the spec's `currency` is a \"Three-letter ISO 4217 currency code representing the \
             transaction currency\", the unit of every offer line's amount"
        }
    }
}

/// The fix when no code is one typo away.
fn write_a_currency(kind: crate::kind::PayloadKind) -> &'static str {
    use crate::kind::PayloadKind;
    match kind {
        PayloadKind::OrderSearchResponse | PayloadKind::OrderGetResponse => {
            "write the ISO 4217 code of the currency the order is priced in, such as \"EUR\", \
             \"USD\" or \"INR\""
        }
        PayloadKind::PriceListSearchResponse => {
            "write the ISO 4217 code of the currency the price list is in, such as \"EUR\", \
             \"USD\" or \"INR\""
        }
        _ => {
            "write the ISO 4217 code of the currency the offers are priced in, such as \"EUR\", \
             \"USD\" or \"INR\""
        }
    }
}

/// An ISO 4217 code that is not money an offer can be priced in (a funds code, a metal, a
/// unit of account): the message names what it is; a real code is no typo, so no
/// did-you-mean.
fn not_money(cx: &mut Checker<'_>, pointer: String, code: &str, meaning: &str) {
    let kind = cx.kind();
    cx.at_value(pointer)
        .field_message(format!(
            "is \"{}\", ISO 4217's code for {}, not a currency",
            payload(code),
            // What the code means names the code: payload data too.
            payload(meaning)
        ))
        .label("not a currency")
        .help(write_a_currency(kind))
        .note(note(kind))
        .report();
}

/// Three letters that are no ISO 4217 code; the currency one typo away is the fix.
fn unknown_code(cx: &mut Checker<'_>, pointer: String, code: &str) {
    let kind = cx.kind();
    let finding = cx
        .at_value(pointer)
        .field_message(format!(
            "is \"{}\", which is not an ISO 4217 currency code",
            payload(code)
        ))
        .label("unknown currency code")
        .note(note(kind));
    match closest_currency(code) {
        Some(c) => finding
            .help(format!("did you mean \"{c}\"?"))
            .suggest_string(c)
            .unsafe_fix(),
        None => finding.help(write_a_currency(kind)),
    }
    .report();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_agree_with_the_crate() {
        assert!(NOT_CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
        // The wording is for codes the crate says are funds or special codes.
        for (code, _) in NOT_CURRENCIES {
            let currency = iso_currency::Currency::from_code(code).unwrap();
            assert!(currency.is_fund() || currency.is_special(), "{code}");
        }
        // Drop an entry of WITHDRAWN once the crate lists it (as superseded).
        for (code, by) in WITHDRAWN {
            assert!(iso_currency::Currency::from_code(code).is_none(), "{code}");
            assert!(is_currency(by), "{by}");
        }
        assert!(COMMON
            .iter()
            .all(|c| iso_currency::Currency::from_code(c).is_some_and(|c| c.flags().is_empty())));
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
        // Superseded, and withdrawn without the crate knowing: still a currency.
        for code in ["SLL", "ZWL", "HRK", "BGN", "ANG"] {
            assert!(is_currency(code), "{code}");
        }
        for code in ["EUE", "USS", "XAU", "XXX", "XAD", "BOV", "ABC"] {
            assert!(!is_currency(code), "{code}");
        }
    }
}
