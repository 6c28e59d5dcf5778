//! A4P306 `country-code`: A price list's countryCode is not an ISO 3166-1 alpha-3 code.
use celes::Country;
use serde_json::Value;

use crate::kind::PayloadKind;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That each `countryCode` of the price lists search response (`data[].countryCode`)
    /// is an ISO 3166-1 alpha-3 code in capitals, such as `FRA`, `CAN` or `BLZ`. The codes
    /// come from the `celes` crate's ISO 3166-1 table (which also knows `XKX`, the code in
    /// common use for Kosovo). The help names the country, and the fix when it is certain:
    ///
    /// - the right code in the wrong case: `fra` → `FRA`;
    /// - an alpha-2 code: `FR` (or `fr`) → `FRA`;
    /// - an unknown code beside a `countryName` that names a country: `Canada` → `CAN`.
    ///
    /// Anything else (`XYZ`, `""`) is a finding without fix. A `countryCode` that is not a
    /// string is left to the schema rules; `countryName` is free text and not checked.
    ///
    /// ## Why it matters
    /// The spec's `price-lists_search_data` describes `countryCode` as the "ISO3 Code (3
    /// capital letters code)" of the country, but gives no pattern or list: the schema lets
    /// any string through. A client that looks countries up by this code (to pick the price
    /// list of a customer's country) finds nothing for `FR` or `fra`. A warning: the schema
    /// does not constrain it, and DS's answer is what it is.
    ///
    /// ## Fix
    /// The alpha-3 code replaces the value. Safe when the value's own letters name the country: the
    /// right code in the wrong case (`fra` → `FRA`) or its alpha-2 form (`FR` → `FRA`, a one-to-one
    /// table). Unsafe when the code names no country and `countryName` is read instead (`Canada` →
    /// `CAN`): the name, not the code, may be what is wrong. Response data is graded as a request's
    /// would be: it is fixtures and mocks of DS's answers that get fixed.
    ///
    /// ## Example
    /// ```json price-list-search-response pointer=/data/0/countryCode span="FR"
    /// {"data": [{"countryCode": "FR", "countryName": "France", "priceLists": [{"id": 4, "name": "France Price List", "currency": "EUR", "hasFuturePriceList": false, "effectiveDate": null}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    ///
    /// ## Use instead
    /// ```json price-list-search-response
    /// {"data": [{"countryCode": "FRA", "countryName": "France", "priceLists": [{"id": 4, "name": "France Price List", "currency": "EUR", "hasFuturePriceList": false, "effectiveDate": null}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    pub static COUNTRY_CODE = {
        code: "A4P306",
        name: "country-code",
        category: Format,
        severity: Warning,
        summary: "A price list's countryCode is not an ISO 3166-1 alpha-3 code",
        fix: [Safe, Unsafe],
    };
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.kind() != PayloadKind::PriceListSearchResponse {
        return;
    }
    let Some(data) = cx.at("/data").and_then(Value::as_array) else {
        return;
    };
    for (index, item) in data.iter().enumerate() {
        let Some(code) = item.get("countryCode").and_then(Value::as_str) else {
            continue;
        };
        if is_alpha3(code) {
            continue;
        }
        let name = item.get("countryName").and_then(Value::as_str);
        not_alpha3(cx, format!("/data/{index}/countryCode"), code, name);
    }
}

/// Whether `code` is an ISO 3166-1 alpha-3 code as the spec writes them: three capitals.
pub(crate) fn is_alpha3(code: &str) -> bool {
    code.len() == 3
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && Country::from_alpha3(code).is_ok()
}

/// What a code that is not alpha-3 is, and the alpha-3 code meant when it is certain.
fn diagnose(code: &str, name: Option<&str>) -> (String, Option<Country>) {
    let letters = code.len() <= 3 && code.bytes().all(|b| b.is_ascii_alphabetic());
    if letters && code.len() == 3 {
        if let Ok(country) = Country::from_alpha3(code) {
            return ("is not written in capitals".to_owned(), Some(country));
        }
    }
    if letters && code.len() == 2 {
        if let Ok(country) = Country::from_alpha2(code) {
            return (
                "is an ISO 3166-1 alpha-2 code: the spec wants alpha-3".to_owned(),
                Some(country),
            );
        }
    }
    let what = if code.trim().is_empty() {
        "is empty: no ISO 3166-1 alpha-3 code"
    } else {
        "is not an ISO 3166-1 alpha-3 code"
    };
    (what.to_owned(), name.and_then(country_named))
}

/// Whether the fix comes from `countryName` rather than from the code itself.
fn from_name(code: &str) -> bool {
    !(matches!(code.len(), 2 | 3) && code.bytes().all(|b| b.is_ascii_alphabetic()))
        || match code.len() {
            3 => Country::from_alpha3(code).is_err(),
            _ => Country::from_alpha2(code).is_err(),
        }
}

/// The country a `countryName` names, if it names one: its English name or a common alias,
/// case, spaces and punctuation aside.
fn country_named(name: &str) -> Option<Country> {
    let folded: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
    if folded.is_empty() {
        return None;
    }
    Country::from_name(&folded)
        .or_else(|_| Country::from_alias(&folded))
        .ok()
}

fn not_alpha3(cx: &mut Checker<'_>, pointer: String, code: &str, name: Option<&str>) {
    let (what, country) = diagnose(code, name);
    let finding = cx
        .at_value(pointer)
        .field_message(format!("\"{}\" {what}", payload(code)))
        .label("not an ISO 3166-1 alpha-3 code")
        .note(
            "the spec's price lists: `countryCode` is the \"ISO3 Code (3 capital letters code)\" \
             of the country",
        );
    match country {
        Some(country) => {
            let named = from_name(code);
            let finding = finding
                .help(if named {
                    format!(
                        "`countryName` names {}, whose alpha-3 code is \"{}\"",
                        payload(country.long_name),
                        payload(country.alpha3)
                    )
                } else {
                    format!(
                        "{} is \"{}\"",
                        payload(country.long_name),
                        payload(country.alpha3)
                    )
                })
                .suggest_string(payload(country.alpha3));
            // The code's own letters (its case, or its alpha-2 form) name one country for
            // sure; a `countryName` read instead of the code is a judgement.
            if named {
                finding.unsafe_fix()
            } else {
                finding.safe_fix()
            }
        }
        None => finding.help(
            "write the country's ISO 3166-1 alpha-3 code in capitals, such as \"FRA\", \"CAN\" \
             or \"BLZ\"",
        ),
    }
    .report();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes_and_names() {
        for code in ["FRA", "CAN", "BLZ", "HND", "USA", "IND", "XKX"] {
            assert!(is_alpha3(code), "{code}");
        }
        for code in ["fra", "FR", "XYZ", "", "FRANCE", "ÉTA"] {
            assert!(!is_alpha3(code), "{code}");
        }
        let meant = |code: &str, name: Option<&str>| diagnose(code, name).1.map(|c| c.alpha3);
        assert_eq!(meant("fra", None), Some("FRA"));
        assert_eq!(meant("Fra", None), Some("FRA"));
        assert_eq!(meant("FR", None), Some("FRA"));
        assert_eq!(meant("de", None), Some("DEU"));
        assert_eq!(meant("XYZ", Some("Canada")), Some("CAN"));
        assert_eq!(meant("XYZ", Some("United Kingdom")), Some("GBR"));
        assert_eq!(meant("XYZ", Some("Atlantis")), None);
        assert_eq!(meant("XYZ", None), None);
    }
}
