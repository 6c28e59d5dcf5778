//! A4P503 `result-count`: A response holds more results than its operation returns, or more
//! than its own `estimatedSearchCount`.
use serde_json::Value;

use crate::kind::PayloadKind;
use crate::rule::Severity;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// How many results a response's `data` holds:
    ///
    /// - at most 100 in the orders search and the accreditations search, the maximum of
    ///   their query's `top` (an error). The finding is at the 101st item;
    /// - at most one order in the order GET, which returns the order of the id in its path
    ///   (a warning: inferred, the spec does not say it in words). The finding is at the
    ///   second order;
    /// - no more than `info.estimatedSearchCount`, in every response that has both (orders
    ///   search and GET, price lists, accreditations, portfolio items): a page cannot hold
    ///   more results than the search found, and the order GET, which reads one order and
    ///   pages nothing, counts the order it returns (a warning: inferred). The finding is at
    ///   the count.
    ///
    /// A count that is not an integer, and a `data` that is not an array, are left to the
    /// schema rules; the count of a failed response (`success: false`, whose results are
    /// A4P501 `response-envelope`'s finding) is not compared. An empty page with a positive
    /// count is fine: it is a page past the end (`skip`).
    ///
    /// ## Why it matters
    /// The spec's query parameters: the orders search's `top` has `minimum: 1`,
    /// `maximum: 100` (default 10), the accreditations search's is a "positive natural number
    /// between 1 and 100" (default 100), so DS never returns
    /// more; the order GET reads one order by its `transactionId`; `estimatedSearchCount` is
    /// the "Estimated number of results matching the search criteria". A fixture or mock
    /// that breaks these feeds a client's paging code a response DS cannot send: a loop
    /// that stops when a page is shorter than `top`, or when it has read
    /// `estimatedSearchCount` results, goes wrong.
    ///
    /// ## Fix
    /// None: which results, or which count, are wrong is unknown.
    ///
    /// ## Example
    /// ```json portfolio-search-response pointer=/info/estimatedSearchCount span=1
    /// {"info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1, "timeStamp": "2025-08-14T06:24:04.000Z"}, "data": [{"salesPortfolioType": "Brand", "salesPortfolioId": "CLASS00001_ONPR_CATIAV4_SOL000038"}, {"salesPortfolioType": "Brand", "salesPortfolioId": "CLASS00001_ONPR_CATIAV5_SOL000039"}]}
    /// ```
    ///
    /// ## Use instead
    /// ```json portfolio-search-response
    /// {"info": {"success": true, "statusCode": 200, "estimatedSearchCount": 3049, "timeStamp": "2025-08-14T06:24:04.000Z"}, "data": [{"salesPortfolioType": "Brand", "salesPortfolioId": "CLASS00001_ONPR_CATIAV4_SOL000038"}, {"salesPortfolioType": "Brand", "salesPortfolioId": "CLASS00001_ONPR_CATIAV5_SOL000039"}]}
    /// ```
    pub static RESULT_COUNT = {
        code: "A4P503",
        name: "result-count",
        category: Consistency,
        severity: Error,
        summary: "A response holds more results than its operation returns or than its estimatedSearchCount",
    };
}

/// The query's `top` maximum of the orders and accreditations searches.
const PAGE_MAX: usize = 100;

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let kind = cx.kind();
    let counted = matches!(
        kind,
        PayloadKind::OrderSearchResponse
            | PayloadKind::OrderGetResponse
            | PayloadKind::PriceListSearchResponse
            | PayloadKind::AccreditationSearchResponse
            | PayloadKind::PortfolioSearchResponse
    );
    if !counted {
        return;
    }
    let Some(data) = cx.at("/data").and_then(Value::as_array) else {
        return;
    };
    let len = data.len();
    match kind {
        PayloadKind::OrderSearchResponse | PayloadKind::AccreditationSearchResponse
            if len > PAGE_MAX =>
        {
            over_page(cx, kind, len);
        }
        PayloadKind::OrderGetResponse if len > 1 => more_than_one_order(cx, len),
        _ => {}
    }
    // A failed response's results are A4P501's finding; its count says nothing of them.
    if cx.at("/info/success").and_then(Value::as_bool) == Some(false) {
        return;
    }
    let estimate = cx
        .at("/info/estimatedSearchCount")
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok());
    // A negative count is below any page too: `as_i64` sees it, `as_u64` does not.
    let negative = cx
        .at("/info/estimatedSearchCount")
        .and_then(Value::as_i64)
        .is_some_and(|n| n < 0);
    match estimate {
        Some(estimate) if estimate < len => below_estimate(cx, kind, len, &estimate.to_string()),
        None if negative && len > 0 => {
            let shown = cx
                .at("/info/estimatedSearchCount")
                .map(ToString::to_string)
                .unwrap_or_default();
            below_estimate(cx, kind, len, &shown);
        }
        _ => {}
    }
}

/// `1 item`, `101 items`.
fn items(n: usize) -> String {
    if n == 1 {
        format!("{} item", payload(n))
    } else {
        format!("{} items", payload(n))
    }
}

fn over_page(cx: &mut Checker<'_>, kind: PayloadKind, len: usize) {
    let search = if kind == PayloadKind::OrderSearchResponse {
        "orders"
    } else {
        "accreditations"
    };
    cx.at_value(format!("/data/{PAGE_MAX}"))
        .message(format!(
            "`data` holds {}: the {search} search returns at most {PAGE_MAX} per page",
            items(len)
        ))
        .label(format!(
            "item {} of a page of at most {PAGE_MAX}",
            PAGE_MAX + 1
        ))
        .help(format!(
            "a page holds at most `top` results, and `top` is at most {PAGE_MAX}; the rest come \
             with `skip`"
        ))
        .note(format!(
            "the spec's {search} search: `top` is at most 100 (its `maximum`); a larger one is \
             refused"
        ))
        .report();
}

fn more_than_one_order(cx: &mut Checker<'_>, len: usize) {
    cx.at_value("/data/1")
        .message(format!(
            "the order GET's `data` holds {} orders: it returns the one order of its id",
            payload(len)
        ))
        .label("a second order")
        .severity(Severity::Warning)
        .help("the order GET answers one `transactionId` with an array of at most one order")
        .note(
            "inferred: the spec's GET /orders/{id} reads one order by its `transactionId`; its \
             `data` is an array, as in every response of the order family",
        )
        .report();
}

fn below_estimate(cx: &mut Checker<'_>, kind: PayloadKind, len: usize, estimate: &str) {
    if kind == PayloadKind::OrderGetResponse {
        return order_read_below_estimate(cx, len, estimate);
    }
    cx.at_value("/info/estimatedSearchCount")
        .message(format!(
            "`info.estimatedSearchCount` {} is below the {} of this page",
            payload(estimate),
            items(len)
        ))
        // `data` is not labelled: it usually comes before `info`, many lines before, and the
        // human report's first frame would be its.
        .label(format!("fewer than the {} in `data`", items(len)))
        .severity(Severity::Warning)
        .help("the search found at least as many results as one page returns")
        .note(
            "inferred: `estimatedSearchCount` is the \"Estimated number of results matching the \
             search criteria\", every result of a page among them",
        )
        .report();
}

/// The order GET reads one order: its count is of that read, not of a search's page.
fn order_read_below_estimate(cx: &mut Checker<'_>, len: usize, estimate: &str) {
    let orders = if len == 1 {
        format!("{} order", payload(len))
    } else {
        format!("{} orders", payload(len))
    };
    cx.at_value("/info/estimatedSearchCount")
        .message(format!(
            "`info.estimatedSearchCount` {} is below the {orders} this order read returns",
            payload(estimate)
        ))
        .label(format!("fewer than the {orders} in `data`"))
        .severity(Severity::Warning)
        .help("an order GET that returns its order counts it: `estimatedSearchCount` is 1")
        .note(
            "inferred: the spec's order GET 200 example answers its one order with \
             `estimatedSearchCount: 1`, and its 400 and 404 bodies, with no order, with 0",
        )
        .report();
}
