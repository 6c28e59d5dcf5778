//! A4P506 `date-order`: An order ends before it starts, or is booked before it is created.
use serde_json::{Map, Value};

use crate::kind::PayloadKind;
use crate::rules::helpers::dates::{self, Reading};
use crate::rules::response::items;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That the dates of an order come in order:
    ///
    /// - an order's `creationDateTime` is not after its `bookingDateTime` (orders search and
    ///   order GET): an order is booked (approved by Finance) once it exists. The finding is
    ///   at `bookingDateTime`, with `creationDateTime` labelled;
    /// - a license charge breakdown item's `startDate` is not after its `endDate`, and its
    ///   `calculatedStartDate` not after its `calculatedEndDate` (order GET). The finding is
    ///   at the end date, with the start labelled.
    ///
    /// Equal dates are fine (a one-day span). A value that does not read as a date (or, for
    /// the two timestamps, as a date-time with an offset) is left alone: that is A4P502
    /// `response-date`'s finding.
    ///
    /// ## Why it matters
    /// Inferred, not stated: the spec's `order_sub_line` gives the start and end dates of
    /// the product or service, the calculated ones "from the user-entered `Start Date`" to
    /// "the end of the first contract year or the end of the duration", and
    /// `bookingDateTime` is when "the order was approved by the Finance Department"
    /// (L2253), after its creation. A span that ends before it starts is empty: a client
    /// computing a duration or a renewal date from it gets a negative one. Hence a warning.
    ///
    /// ## Fix
    /// None: which of the two dates is wrong is unknown.
    ///
    /// ## Example
    /// ```json order-search-response pointer=/data/0/bookingDateTime span="2024-05-20T18:00:00Z"
    /// {"data": [{"transaction": {"id": "PO_A123456789", "type": "PO"}, "businessUnit": {"id": "BU001", "name": "Corporate Sales Unit A", "localTimezone": "CET"}, "billToSite": {"id": "100012345678901", "name": "Example Corporation", "locationId": 1}, "soldToSite": {"id": "200012345678901", "name": "Foobar Inc", "locationId": 2}, "creationDateTime": "2024-05-21T14:30:00Z", "bookingDateTime": "2024-05-20T18:00:00Z", "currency": "USD"}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    ///
    /// ## Use instead
    /// ```json order-search-response
    /// {"data": [{"transaction": {"id": "PO_A123456789", "type": "PO"}, "businessUnit": {"id": "BU001", "name": "Corporate Sales Unit A", "localTimezone": "CET"}, "billToSite": {"id": "100012345678901", "name": "Example Corporation", "locationId": 1}, "soldToSite": {"id": "200012345678901", "name": "Foobar Inc", "locationId": 2}, "creationDateTime": "2024-05-21T14:30:00Z", "bookingDateTime": "2024-05-29T18:00:00Z", "currency": "USD"}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    pub static DATE_ORDER = {
        code: "A4P506",
        name: "date-order",
        category: Consistency,
        severity: Warning,
        summary: "An order ends before it starts, or is booked before it is created",
    };
}

/// The start and end members of a breakdown item, and what they are called in words.
const SPANS: &[(&str, &str, &str)] = &[
    ("startDate", "endDate", "the span"),
    (
        "calculatedStartDate",
        "calculatedEndDate",
        "the calculated span",
    ),
];

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let kind = cx.kind();
    if !matches!(
        kind,
        PayloadKind::OrderSearchResponse | PayloadKind::OrderGetResponse
    ) {
        return;
    }
    let root = cx.root();
    for (order, members) in items::data(root) {
        let stamp = |member: &str| {
            let text = members.get(member).and_then(Value::as_str)?;
            // The documented form parses as it is; reading builds the spellings help texts
            // use, which only another form needs.
            if dates::is_documented_utc(text) {
                return text.parse::<jiff::Timestamp>().ok();
            }
            match dates::read(text) {
                Reading::DateTime { stamp, .. } => Some(stamp.instant),
                _ => None,
            }
        };
        if let (Some(created), Some(booked)) = (stamp("creationDateTime"), stamp("bookingDateTime"))
        {
            if booked < created {
                booked_before_created(cx, order);
            }
        }
    }
    if kind != PayloadKind::OrderGetResponse {
        return;
    }
    for item in items::breakdown(root) {
        for (start, end, what) in SPANS {
            let (Some(from), Some(to)) = (date(item.members, start), date(item.members, end))
            else {
                continue;
            };
            if to < from {
                ends_before_start(cx, &item, start, end, what);
            }
        }
    }
}

/// A member read as a calendar date, `YYYY-MM-DD`.
fn date(members: &Map<String, Value>, member: &str) -> Option<jiff::civil::Date> {
    let text = members.get(member).and_then(Value::as_str)?;
    match dates::read(text) {
        Reading::Date { date, .. } => Some(date),
        _ => None,
    }
}

fn booked_before_created(cx: &mut Checker<'_>, order: usize) {
    let booked = format!("/data/{order}/bookingDateTime");
    let created = format!("/data/{order}/creationDateTime");
    let (booked_text, created_text) = (
        cx.at(&booked).and_then(Value::as_str).unwrap_or_default(),
        cx.at(&created).and_then(Value::as_str).unwrap_or_default(),
    );
    let message = format!(
        "the order is booked ({}) before it is created ({})",
        payload(booked_text),
        payload(created_text)
    );
    cx.at_value(booked)
        .message(message)
        .label("booked before its creation")
        .secondary(&created, "created here")
        .help(
            "an order is booked (approved by Finance) after it is created: one of the two is wrong",
        )
        .note(
            "inferred: `bookingDateTime` is when \"the order was approved by the Finance \
             Department\" (L2253), which happens to an order that exists",
        )
        .report();
}

fn ends_before_start(
    cx: &mut Checker<'_>,
    item: &items::BreakdownItem<'_>,
    start: &str,
    end: &str,
    what: &str,
) {
    let (start_pointer, end_pointer) = (item.pointer(start), item.pointer(end));
    let (from, to) = (
        item.members
            .get(start)
            .and_then(Value::as_str)
            .unwrap_or_default(),
        item.members
            .get(end)
            .and_then(Value::as_str)
            .unwrap_or_default(),
    );
    cx.at_value(end_pointer)
        .field_message(format!(
            "{} is before `{start}` {}: {what} ends before it starts",
            payload(to),
            payload(from)
        ))
        .label(format!("before `{start}`"))
        .secondary(&start_pointer, "starts here")
        .help(format!(
            "`{end}` is on or after `{start}`: one of the two is wrong"
        ))
        .note(
            "inferred: the spec's `order_sub_line` gives the start and end dates of the product \
             or service; a span that ends before it starts is empty",
        )
        .report();
}
