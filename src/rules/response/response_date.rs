//! A4P502 `response-date`: A date or date-time of an order-family or portfolio response is
//! not in the form its schema gives.
use serde_json::{Map, Value};

use crate::diagnostic::Applicability;
use crate::kind::PayloadKind;
use crate::rule::Severity;
use crate::rules::helpers::dates::{self, Reading};
use crate::rules::response::items;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That the dates of the order family's responses and of the portfolio search response
    /// are written in the form their schema gives:
    ///
    /// - date-times (`format: date-time`, "ISO 8601 UTC (e.g., `2025-05-21T14:30:00Z`)"):
    ///   `creationDateTime` and `bookingDateTime` of an order (orders search and order GET),
    ///   the portfolio's `info.timeStamp` (also in its 400 body);
    /// - dates (`format: date`, `YYYY-MM-DD`): `dsRecievedPoDate` (search) and
    ///   `dsReceivedPoDate` (GET), `customerRequestedArrivalDate`, a waiver's `endDate`, a
    ///   breakdown item's `startDate`, `endDate` (whose form the spec gives in prose only,
    ///   "YYYY-MM-DD"), `calculatedStartDate`, `calculatedEndDate` and `inflation.date`, and
    ///   a price list's `effectiveDate`.
    ///
    /// The validator does not assert `format`, so this rule is where a malformed date is
    /// reported. An error is what a JSON Schema validator asserting the format would reject:
    /// an impossible date (`2026-06-31`, `2025-02-29`), an impossible time or offset, a local
    /// format (`31/12/2025`), a date-time where a date is expected or the reverse, a date-time
    /// without offset or seconds, `""`, anything else. A date-time that RFC 3339 accepts but
    /// the spec's prose does not (an offset other than UTC, lowercase `t`/`z`) is a warning.
    /// When the intended value is certain (the same instant in UTC, the date part of a
    /// date-time, an unambiguous local date), the finding carries it as the fix.
    ///
    /// A price list's `effectiveDate` may be JSON `null` ("If 'null', it indicates that no
    /// future price list version has been declared"). The string `"null"` is a warning, not
    /// an error: the spec's own example sends it (a known defect of the spec, listed in the
    /// README). `null` and values that are not strings are otherwise left to the schema rules.
    ///
    /// ## Why it matters
    /// The spec's order schemas (`orders_search_data`, `order_get_data`, `order_sub_line`,
    /// `order_line`), price list schema (`price-lists_search_data`) and portfolio `info` give
    /// these members `format: date` or `format: date-time`, the order timestamps in "ISO 8601
    /// UTC", the other dates in "ISO 8601 format (YYYY-MM-DD)". A client reads them with a
    /// date parser: an impossible date makes it fail or, worse, roll over to the next month
    /// (`2026-06-31` read as 1 July), and a fixture or mock with such a date tests a payload
    /// DS never sends.
    ///
    /// ## Fix
    /// - Safe: a date-time written with another offset or a near miss of its spelling becomes the
    ///   same instant in UTC (`2025-05-21T16:30:00+02:00` → `2025-05-21T14:30:00Z`); a date with
    ///   spaces around it is trimmed; the string `"null"` in a price list's `effectiveDate` becomes
    ///   `null`, which the spec says it means.
    /// - Unsafe: a date-time where a date is expected becomes its date part as written (the time is
    ///   dropped, and in UTC the day may differ); an unambiguous local date becomes `YYYY-MM-DD` (a
    ///   local format's order of day and month is read, not written).
    ///
    /// Response data is graded as a request's would be (fixtures and mocks of DS's answers are what
    /// gets fixed). No fix for a date alone where a date-time is expected (the time is unknown), an
    /// impossible date, or an empty string.
    ///
    /// ## Example
    /// ```json price-list-search-response pointer=/data/0/priceLists/0/effectiveDate span="2026-06-31"
    /// {"data": [{"countryCode": "FRA", "countryName": "France", "priceLists": [{"id": 4, "name": "France Price List", "currency": "EUR", "hasFuturePriceList": true, "effectiveDate": "2026-06-31"}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    ///
    /// ## Use instead
    /// ```json price-list-search-response
    /// {"data": [{"countryCode": "FRA", "countryName": "France", "priceLists": [{"id": 4, "name": "France Price List", "currency": "EUR", "hasFuturePriceList": true, "effectiveDate": "2026-06-30"}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    pub static RESPONSE_DATE = {
        code: "A4P502",
        name: "response-date",
        category: Format,
        severity: Error,
        summary: "A response's date or date-time is not in the form its schema gives",
        fix: [Safe, Unsafe],
    };
}

/// Which form a member's schema gives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `format: date`, `YYYY-MM-DD`.
    Date,
    /// `format: date-time`, "ISO 8601 UTC".
    DateTime,
}

/// An order's own dates, by kind.
const SEARCH_ORDER_DATES: &[(&str, Form)] = &[
    ("creationDateTime", Form::DateTime),
    ("bookingDateTime", Form::DateTime),
    ("dsRecievedPoDate", Form::Date),
];
const GET_ORDER_DATES: &[(&str, Form)] = &[
    ("creationDateTime", Form::DateTime),
    ("bookingDateTime", Form::DateTime),
    ("dsReceivedPoDate", Form::Date),
    ("customerRequestedArrivalDate", Form::Date),
];
/// A breakdown item's dates (`inflation.date` is walked apart).
const BREAKDOWN_DATES: &[&str] = &[
    "startDate",
    "endDate",
    "calculatedStartDate",
    "calculatedEndDate",
];

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let root = cx.root();
    match cx.kind() {
        PayloadKind::OrderSearchResponse => order_dates(cx, root, SEARCH_ORDER_DATES),
        PayloadKind::OrderGetResponse => {
            order_dates(cx, root, GET_ORDER_DATES);
            for (order, condition, members) in items::conditions(root) {
                let end = members
                    .get("waiver")
                    .and_then(|w| w.get("endDate"))
                    .and_then(Value::as_str);
                if let Some(text) = end {
                    look(cx, text, Form::Date, false, || {
                        format!("{}/waiver/endDate", items::condition(order, condition))
                    });
                }
            }
            for item in items::breakdown(root) {
                for field in BREAKDOWN_DATES {
                    if let Some(text) = item.members.get(*field).and_then(Value::as_str) {
                        look(cx, text, Form::Date, false, || item.pointer(field));
                    }
                }
                let inflation = item
                    .members
                    .get("inflation")
                    .and_then(|i| i.get("date"))
                    .and_then(Value::as_str);
                if let Some(text) = inflation {
                    look(cx, text, Form::Date, false, || {
                        item.pointer("inflation/date")
                    });
                }
            }
        }
        PayloadKind::PriceListSearchResponse => {
            for (country, members) in items::data(root) {
                for (list, price_list) in items::objects(members, "priceLists") {
                    if let Some(text) = price_list.get("effectiveDate").and_then(Value::as_str) {
                        look(cx, text, Form::Date, true, || {
                            format!("/data/{country}/priceLists/{list}/effectiveDate")
                        });
                    }
                }
            }
        }
        PayloadKind::PortfolioSearchResponse => time_stamp(cx, root),
        PayloadKind::ErrorResponse if is_portfolio_error(root) => time_stamp(cx, root),
        _ => {}
    }
}

fn order_dates(cx: &mut Checker<'_>, root: &Value, fields: &[(&str, Form)]) {
    for (order, members) in items::data(root) {
        for (field, form) in fields {
            if let Some(text) = members.get(*field).and_then(Value::as_str) {
                look(cx, text, *form, false, || format!("/data/{order}/{field}"));
            }
        }
    }
}

fn time_stamp(cx: &mut Checker<'_>, root: &Value) {
    if let Some(text) = crate::pointer::lookup(root, "/info/timeStamp").and_then(Value::as_str) {
        look(cx, text, Form::DateTime, false, || {
            "/info/timeStamp".to_owned()
        });
    }
}

/// The portfolio's 400 body: an `error` object, `info.estimatedSearchCount`, no `data` (the
/// error-response schema's own test).
fn is_portfolio_error(root: &Value) -> bool {
    let Some(root) = root.as_object() else {
        return false;
    };
    let info: Option<&Map<String, Value>> = root.get("info").and_then(Value::as_object);
    info.is_some_and(|i| i.contains_key("estimatedSearchCount"))
        && !root.contains_key("data")
        && root.get("error").is_some_and(Value::is_object)
}

/// What is wrong with one date, for the finding.
struct Problem {
    severity: Severity,
    what: String,
    label: String,
    help: String,
    suggestion: Option<String>,
    /// How sure the suggestion is.
    applicability: Applicability,
}

/// Checks one date string; `pointer` is built only for a finding.
fn look(
    cx: &mut Checker<'_>,
    text: &str,
    form: Form,
    null_allowed: bool,
    pointer: impl FnOnce() -> String,
) {
    if form == Form::DateTime && dates::is_documented_utc(text) {
        return;
    }
    if null_allowed && text == "null" {
        null_string(cx, pointer());
        return;
    }
    let reading = dates::read(text);
    let problem = match form {
        Form::Date => date_problem(&reading),
        Form::DateTime => date_time_problem(&reading),
    };
    let Some(problem) = problem else {
        return;
    };
    let finding = cx
        .at_value(pointer())
        .field_message(problem.what)
        .label(problem.label)
        .help(problem.help)
        .severity(problem.severity)
        .note(match form {
            Form::Date => {
                "the spec gives this member `format: date`, \"ISO 8601 format (YYYY-MM-DD)\""
            }
            Form::DateTime => {
                "the spec gives this member `format: date-time`, \"ISO 8601 UTC (e.g., \
                 `2025-05-21T14:30:00Z`)\""
            }
        });
    match (problem.suggestion, problem.applicability) {
        (Some(fix), Applicability::Safe) => finding.suggest_string(fix).safe_fix().report(),
        (Some(fix), Applicability::Unsafe) => finding.suggest_string(fix).unsafe_fix().report(),
        (Some(fix), Applicability::DisplayOnly) => finding.suggest_string(fix).report(),
        (None, _) => finding.report(),
    }
}

/// A `format: date` member: `YYYY-MM-DD` exactly, a calendar date.
fn date_problem(reading: &Reading) -> Option<Problem> {
    let error = |what: String,
                 label: &str,
                 help: String,
                 suggestion: Option<String>,
                 applicability: Applicability| Problem {
        severity: Severity::Error,
        what,
        label: label.to_owned(),
        help,
        suggestion,
        applicability,
    };
    Some(match reading {
        Reading::Date { slips, .. } if slips.is_empty() => return None,
        Reading::Date { date, slips } => {
            let fixed = payload(dates::show_date(*date));
            error(
                "is not written `YYYY-MM-DD`".to_owned(),
                &slips.join(", "),
                format!("write `{fixed}`"),
                Some(fixed),
                // The date as written, spaces around it gone.
                Applicability::Safe,
            )
        }
        Reading::DateTime { .. } | Reading::NoOffset { .. } => {
            // The date as written: the first ten characters, a calendar date (else no reading).
            let written = reading_date_part(reading);
            error(
                "is a date-time where the spec wants a date (`YYYY-MM-DD`)".to_owned(),
                "a date-time, not a date",
                format!("write the date alone: `{written}`"),
                Some(written),
                // The time is dropped, and with an offset the day may differ in UTC.
                Applicability::Unsafe,
            )
        }
        Reading::LocalDate { date, order } => {
            let fixed = payload(dates::show_date(*date));
            error(
                "is a local date format, not ISO 8601 (`YYYY-MM-DD`)".to_owned(),
                &format!("{order}, not ISO 8601"),
                format!("write `{fixed}`"),
                Some(fixed),
                // A local format read as one order of day and month.
                Applicability::Unsafe,
            )
        }
        Reading::Empty => error(
            "is empty: not a date".to_owned(),
            "empty, not a date",
            "write the date as `YYYY-MM-DD`, or leave the member out".to_owned(),
            None,
            Applicability::DisplayOnly,
        ),
        Reading::Unreadable => error(
            "is not an ISO 8601 date (`YYYY-MM-DD`)".to_owned(),
            "not a date",
            "write the date as `YYYY-MM-DD`, e.g. `2025-06-30`".to_owned(),
            None,
            Applicability::DisplayOnly,
        ),
        // An impossible date, time or offset; an ambiguous local date: the helper's words.
        other => {
            let problem = dates::problem(other, "")?;
            error(
                problem.what,
                &problem.label,
                problem.help,
                None,
                Applicability::DisplayOnly,
            )
        }
    })
}

/// The date part of a date-time reading, as written (`YYYY-MM-DD`), marked as payload.
fn reading_date_part(reading: &Reading) -> String {
    let text = match reading {
        Reading::DateTime { stamp, .. } => &stamp.canonical,
        Reading::NoOffset { written } => written,
        _ => return String::new(),
    };
    payload(text.get(..10).unwrap_or(text))
}

/// A `format: date-time` member, "ISO 8601 UTC".
fn date_time_problem(reading: &Reading) -> Option<Problem> {
    Some(match reading {
        Reading::DateTime { stamp, slips } => {
            // RFC 3339 allows lowercase `t` and `z`; every other slip breaks its grammar.
            let rfc3339 = slips
                .iter()
                .all(|s| matches!(*s, "lowercase `t`" | "lowercase `z`"));
            if slips.is_empty() && stamp.zone.is_utc() {
                return None;
            }
            let fixed = payload(&stamp.utc);
            let mut label: Vec<String> = slips.iter().map(|s| (*s).to_owned()).collect();
            if !stamp.zone.is_utc() {
                label.push(format!("offset {}, not UTC", payload(stamp.zone.show())));
            }
            let (severity, what) = if rfc3339 {
                (
                    Severity::Warning,
                    "is not written in UTC as the spec documents (`YYYY-MM-DDThh:mm:ssZ`)",
                )
            } else {
                (Severity::Error, "is not an RFC 3339 date-time")
            };
            Problem {
                severity,
                what: what.to_owned(),
                label: label.join(", "),
                help: format!("the same instant in UTC is `{fixed}`"),
                suggestion: Some(fixed),
                // The same instant: the offset written says which.
                applicability: Applicability::Safe,
            }
        }
        Reading::Date { .. } => Problem {
            severity: Severity::Error,
            what: "is a date without a time: the spec wants a date-time in UTC".to_owned(),
            label: "date only".to_owned(),
            help: "write the instant as `YYYY-MM-DDThh:mm:ssZ`, e.g. `2025-05-21T14:30:00Z`"
                .to_owned(),
            suggestion: None,
            applicability: Applicability::DisplayOnly,
        },
        other => {
            let problem = dates::problem(other, "T00:00:00Z")?;
            Problem {
                severity: Severity::Error,
                what: problem.what,
                label: problem.label,
                help: problem.help,
                suggestion: None,
                applicability: Applicability::DisplayOnly,
            }
        }
    })
}

/// A price list's `effectiveDate` written as the string `"null"`.
fn null_string(cx: &mut Checker<'_>, pointer: String) {
    cx.at_value(pointer)
        .field_message("is the string \"null\", not JSON `null`")
        .label("a string, not null")
        .severity(Severity::Warning)
        .help("write `null` (no quotes) when no future price list has been declared")
        .suggest("null")
        .safe_fix()
        .note(
            "a known defect of the spec: its own price list example sends `\"null\"` (L615, \
             L631) for a `format: date` string that \"If 'null', it indicates that no future \
             price list version has been declared\"; a client that parses the date fails on it",
        )
        .report();
}
