//! A4P403 `order-search-lone-bound`: A date criterion of an orders search has one bound; DS
//! computes the other.
use jiff::tz::Offset;
use jiff::Timestamp;
use serde_json::{Map, Value};

use crate::kind::PayloadKind;
use crate::rules::helpers::dates::{self, Reading};
use crate::rules::search::order_search_window::{DaysWindow, DATE_CRITERIA};
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// A date criterion of an orders search request (`creationDateTime`, `bookingDateTime`,
    /// `lastUpdateDateTime`) with only one bound is valid: DS computes the other from the
    /// criterion's maximum window (7 days for `creationDateTime` and `bookingDateTime`, 3 days
    /// for `lastUpdateDateTime`). This rule says, as an info, which instant DS will use, so
    /// that the window searched is no surprise:
    ///
    /// - no `from`: `to` minus the maximum window (a `lastUpdateDateTime` with `to` alone
    ///   starts 3 days before it);
    /// - no `to`: `from` plus the maximum window, or the current time, whichever is earlier.
    ///   The linter knows today's date, not the time: when `from` plus the window falls on a
    ///   day before today it is the instant; on a later day, the current time; on today
    ///   itself, whichever of the two comes first.
    ///
    /// The finding is at the criterion, with a label on the bound given. Nothing is said when
    /// the given bound is not a date-time (A4P402 `order-search-window` reports it) or is a
    /// `from` in the future (A4P402's error).
    ///
    /// ## Why it matters
    /// The spec's `date_time_from`: "If not provided, the system will automatically calculate
    /// it by subtracting the maximum number of days specified for the time range defined for
    /// the parent search criteria"; its `date_time_to`: "If not provided, the system will
    /// automatically calculate this value by adding the maximum number of days". The request
    /// examples add that a missing `to` "is implicitly set to either 7 days after the `from`
    /// timestamp or the current time—whichever is earlier", and that a missing
    /// `lastUpdateDateTime.from` "is implicitly set to 3 days before the `to` timestamp".
    /// A partner who meant "everything since `from`" gets at most 7 days.
    ///
    /// ## Example
    /// ```json order-search-request pointer=/creationDateTime span="creationDateTime"
    /// {"creationDateTime": {"from": "2025-04-01T01:30:00Z"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json order-search-request
    /// {"creationDateTime": {"from": "2025-04-01T01:30:00Z", "to": "2025-04-08T01:30:00Z"}}
    /// ```
    pub static ORDER_SEARCH_LONE_BOUND = {
        code: "A4P403",
        name: "order-search-lone-bound",
        category: Consistency,
        severity: Info,
        summary: "A date criterion of an orders search has one bound; DS computes the other",
    };
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.kind() != PayloadKind::OrderSearchRequest {
        return;
    }
    for (name, max) in DATE_CRITERIA {
        let Some(window) = cx.root().get(name).and_then(Value::as_object) else {
            continue;
        };
        match (instant(window, "from"), instant(window, "to")) {
            (Some(Some(from)), None) => missing_to(cx, name, max, from),
            (None, Some(Some(to))) => missing_from(cx, name, max, to),
            _ => {}
        }
    }
}

/// `None` when the bound is absent, `Some(None)` when it is there but not an instant.
fn instant(window: &Map<String, Value>, name: &str) -> Option<Option<Timestamp>> {
    let value = window.get(name)?;
    Some(match value.as_str().map(dates::read) {
        Some(Reading::DateTime { stamp, .. }) => Some(stamp.instant),
        _ => None,
    })
}

/// Only `from`: DS searches up to `from` + the window, or now if that is earlier.
fn missing_to(cx: &mut Checker<'_>, criterion: &str, max: DaysWindow, from: Timestamp) {
    let today = cx.today();
    if Offset::UTC.to_datetime(from).date() > today {
        // A4P402 reports the future `from`; DS rejects the request.
        return;
    }
    let Ok(end) = from.checked_add(max.duration()) else {
        return;
    };
    let end_text = payload(dates::show_utc(end));
    let end_day = Offset::UTC.to_datetime(end).date();
    let (searched, help) = if end_day < today {
        (
            format!("up to `{end_text}` (`from` + {})", max.show()),
            format!("write `\"to\": \"{end_text}\"` to make the window explicit"),
        )
    } else if end_day > today {
        (
            "up to the current time".to_owned(),
            format!(
                "`from` + {} is `{end_text}`, after now: the search ends now, and a later run \
                 of the same request searches a longer window (up to `{end_text}`)",
                max.show()
            ),
        )
    } else {
        (
            format!(
                "up to `{end_text}` (`from` + {}) or the current time, whichever is earlier",
                max.show()
            ),
            format!("write `\"to\"` to make the window explicit: `{end_text}` at the latest"),
        )
    };
    cx.at_key(format!("/{criterion}"))
        .message(format!("`{criterion}` has no `to`: DS searches {searched}"))
        .label("no `to`")
        .secondary(
            &format!("/{criterion}/from"),
            format!("DS adds {} to this", max.show()),
        )
        .help(help)
        .note(
            "the spec (`date_time_to`): \"If not provided, the system will automatically \
             calculate this value by adding the maximum number of days specified for the time \
             range defined for the parent search criteria\"; its example: \"either 7 days \
             after the `from` timestamp or the current time—whichever is earlier\"",
        )
        .report();
}

/// Only `to`: DS searches from `to` − the window.
fn missing_from(cx: &mut Checker<'_>, criterion: &str, max: DaysWindow, to: Timestamp) {
    let Ok(start) = to.checked_sub(max.duration()) else {
        return;
    };
    let start_text = payload(dates::show_utc(start));
    cx.at_key(format!("/{criterion}"))
        .message(format!(
            "`{criterion}` has no `from`: DS searches from `{start_text}` ({} before `to`)",
            max.show()
        ))
        .label("no `from`")
        .secondary(
            &format!("/{criterion}/to"),
            format!("DS subtracts {} from this", max.show()),
        )
        .help(format!(
            "write `\"from\": \"{start_text}\"` to make the window explicit, or a later \
             instant for a shorter one"
        ))
        .note(
            "the spec (`date_time_from`): \"If not provided, the system will automatically \
             calculate it by subtracting the maximum number of days specified for the time \
             range defined for the parent search criteria.\"",
        )
        .report();
}
