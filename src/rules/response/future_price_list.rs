//! A4P508 `future-price-list`: hasFuturePriceList contradicts effectiveDate.
use serde_json::Value;

use crate::kind::PayloadKind;
use crate::rules::response::items;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That a price list's `hasFuturePriceList` and `effectiveDate` agree, in the price
    /// lists search response (`data[].priceLists[]`):
    ///
    /// - `false` (no future price list) with an `effectiveDate` that is a date: the finding
    ///   is at `effectiveDate`, with `hasFuturePriceList` labelled;
    /// - `true` (a future price list exists) with `effectiveDate` `null`, `"null"` or
    ///   missing: the finding is at `effectiveDate` (at `hasFuturePriceList` when the date
    ///   is missing).
    ///
    /// `false` with `null` or `"null"` agree (the string `"null"` is A4P502
    /// `response-date`'s warning). A `hasFuturePriceList` that is not a boolean is left to
    /// the schema rules.
    ///
    /// ## Why it matters
    /// The spec's `price-lists_search_data`: `hasFuturePriceList` "false: No future price
    /// list has been declared" (L3521), and `effectiveDate` "If 'null', it indicates that no
    /// future price list version has been declared" (L3531). Read together, `false` goes
    /// with a null date and `true` with a date. A client that shows the future price list's
    /// date (or a reminder to switch) reads one of the two and misses the other.
    ///
    /// A warning, not an error: the spec's own example sends the contradiction (Canada,
    /// `hasFuturePriceList: false` with `effectiveDate: "2025-09-12"`, L622-623), so DS may
    /// too, and which of the two members is right is not known. It is a known defect of the
    /// spec, listed in the README.
    ///
    /// ## Fix
    /// None: which of `hasFuturePriceList` and `effectiveDate` is right is unknown.
    ///
    /// ## Example
    /// ```json price-list-search-response pointer=/data/0/priceLists/0/effectiveDate span="2025-09-12"
    /// {"data": [{"countryCode": "CAN", "countryName": "Canada", "priceLists": [{"id": 3, "name": "Canada Price List", "currency": "CAD", "hasFuturePriceList": false, "effectiveDate": "2025-09-12"}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    ///
    /// ## Use instead
    /// ```json price-list-search-response
    /// {"data": [{"countryCode": "CAN", "countryName": "Canada", "priceLists": [{"id": 3, "name": "Canada Price List", "currency": "CAD", "hasFuturePriceList": true, "effectiveDate": "2025-09-12"}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    pub static FUTURE_PRICE_LIST = {
        code: "A4P508",
        name: "future-price-list",
        category: Consistency,
        severity: Warning,
        summary: "hasFuturePriceList contradicts effectiveDate",
    };
}

/// What `effectiveDate` says.
enum Effective {
    /// Missing.
    Absent,
    /// `null` or `"null"`.
    Null,
    /// Any other string.
    Date,
    /// Not a string: the schema's finding.
    Other,
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.kind() != PayloadKind::PriceListSearchResponse {
        return;
    }
    let root = cx.root();
    for (country, members) in items::data(root) {
        for (list, price_list) in items::objects(members, "priceLists") {
            let Some(future) = price_list
                .get("hasFuturePriceList")
                .and_then(Value::as_bool)
            else {
                continue;
            };
            let effective = match price_list.get("effectiveDate") {
                None => Effective::Absent,
                Some(Value::Null) => Effective::Null,
                Some(Value::String(s)) if s == "null" => Effective::Null,
                Some(Value::String(_)) => Effective::Date,
                Some(_) => Effective::Other,
            };
            let base = || format!("/data/{country}/priceLists/{list}");
            match (future, effective) {
                (false, Effective::Date) => date_without_future(cx, &base()),
                (true, Effective::Null) => future_without_date(cx, &base(), true),
                (true, Effective::Absent) => future_without_date(cx, &base(), false),
                _ => {}
            }
        }
    }
}

const NOTE: &str = "the spec's price lists: `hasFuturePriceList` \"false: No future price list \
                    has been declared\" (L3521); `effectiveDate` \"If 'null', it indicates that \
                    no future price list version has been declared\" (L3531)";

fn date_without_future(cx: &mut Checker<'_>, base: &str) {
    let date = cx
        .at(&format!("{base}/effectiveDate"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let message = format!(
        "price list `{}` has an `effectiveDate` {} but `hasFuturePriceList` is false",
        crate::pointer::display_path(base),
        payload(date)
    );
    cx.at_value(format!("{base}/effectiveDate"))
        .message(message)
        .label("a future price list's date")
        .secondary(
            &format!("{base}/hasFuturePriceList"),
            "no future price list",
        )
        .help(
            "with a future price list declared, `hasFuturePriceList` is true; without one, \
             `effectiveDate` is null",
        )
        .note(NOTE)
        .report();
}

fn future_without_date(cx: &mut Checker<'_>, base: &str, null: bool) {
    let message = format!(
        "price list `{}` has `hasFuturePriceList: true` but no `effectiveDate`",
        crate::pointer::display_path(base)
    );
    let finding = if null {
        cx.at_value(format!("{base}/effectiveDate"))
            .label("null: no future price list")
            .secondary(&format!("{base}/hasFuturePriceList"), "a future price list")
    } else {
        cx.at_value(format!("{base}/hasFuturePriceList"))
            .label("a future price list, but no `effectiveDate`")
    };
    finding
        .message(message)
        .help(
            "a declared future price list takes effect on its `effectiveDate` (`YYYY-MM-DD`); \
             without one, `hasFuturePriceList` is false",
        )
        .note(NOTE)
        .report();
}
