//! A4P403 `order-search-lone-bound`: A date criterion of an orders search has one bound; DS
//! computes the other.
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
    /// for `lastUpdateDateTime`). This rule says, as an info, what the spec says DS computes,
    /// with the instant, so that the window searched is no surprise:
    ///
    /// - no `from`: `to` minus the maximum window (a `lastUpdateDateTime` with `to` alone
    ///   starts 3 days before it);
    /// - no `to`: `from` plus the maximum window; for `creationDateTime`, the spec's example
    ///   adds "or the current time—whichever is earlier". When `from` plus the window is later
    ///   than now, the help says that a later run of the same request covers more of it.
    ///
    /// Each finding quotes the spec's sentences for its own criterion. The finding is at the
    /// criterion, with a label on the bound given. Nothing is said when the given bound is not
    /// a date-time, is a `from` in the future, or is a `to` that leaves DS a `from` in the
    /// future: those are A4P402 `order-search-window`'s errors.
    ///
    /// ## Why it matters
    /// The spec's `date_time_from`: "If not provided, the system will automatically calculate
    /// it by subtracting the maximum number of days specified for the time range defined for
    /// the parent search criteria"; its `date_time_to`: "If not provided, the system will
    /// automatically calculate this value by adding the maximum number of days specified for
    /// the time range defined for the parent search criteria". The request examples add that
    /// a missing `creationDateTime.to` "is implicitly set to either 7 days after the `from`
    /// timestamp or the current time—whichever is earlier", and that a missing
    /// `lastUpdateDateTime.from` "is implicitly set to 3 days before the `to` timestamp".
    /// A partner who meant "everything since `from`" gets at most 7 days (3 for
    /// `lastUpdateDateTime`).
    ///
    /// ## Fix
    /// None: the other bound is the window the partner wants.
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

/// The spec's `date_time_to`, on a missing `to`.
const TO_COMPUTED: &str = "the spec (`date_time_to`): \"If not provided, the system will \
                           automatically calculate this value by adding the maximum number of \
                           days specified for the time range defined for the parent search \
                           criteria.\"";

/// The spec's `date_time_from`, on a missing `from`.
const FROM_COMPUTED: &str = "the spec (`date_time_from`): \"If not provided, the system will \
                             automatically calculate it by subtracting the maximum number of \
                             days specified for the time range defined for the parent search \
                             criteria.\"";

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

/// The criterion's window as its spec description states it.
fn window_sentence(max: DaysWindow) -> String {
    format!(
        "\"The maximum time window allowed for the search is {} (calculated time to time).\"",
        max.show()
    )
}

/// Only `from`: DS sets `to` to `from` + the window (for `creationDateTime`, or the current
/// time if that is earlier).
fn missing_to(cx: &mut Checker<'_>, criterion: &str, max: DaysWindow, from: Timestamp) {
    if from > cx.now() {
        // A4P402 reports the future `from`; DS rejects the request.
        return;
    }
    let Ok(end) = from.checked_add(max.duration()) else {
        return;
    };
    let end_text = payload(dates::show_utc(end));
    // Only `creationDateTime`'s example speaks of the current time.
    let creation = criterion == "creationDateTime";
    let message = if creation && end <= cx.now() {
        format!(
            "`{criterion}` has no `to`: DS sets it to `from` + {}, `{end_text}` (the spec caps \
             it at the current time, which is later)",
            max.show()
        )
    } else if creation {
        format!(
            "`{criterion}` has no `to`: DS sets it to `from` + {} (`{end_text}`) or the current \
             time, whichever is earlier",
            max.show()
        )
    } else {
        format!(
            "`{criterion}` has no `to`: DS sets it to `from` + {}, `{end_text}`",
            max.show()
        )
    };
    let help = if end > cx.now() {
        format!(
            "`{end_text}` is after now: a later run of the same request covers more of the \
             window; write `\"to\"` to fix the window, `{end_text}` at the latest"
        )
    } else {
        format!("write `\"to\": \"{end_text}\"` to make the window explicit")
    };
    let mut note = format!("{TO_COMPUTED}; of `{criterion}`: {}", window_sentence(max));
    if creation {
        note.push_str(
            "; the spec's example: \"If the `to` value is not provided under \
             `creationDateTime`, it is implicitly set to either 7 days after the `from` \
             timestamp or the current time—whichever is earlier.\"",
        );
    }
    cx.at_key(format!("/{criterion}"))
        .message(message)
        .label("no `to`")
        .secondary(
            &format!("/{criterion}/from"),
            format!("DS adds {} to this", max.show()),
        )
        .help(help)
        .note(note)
        .report();
}

/// Only `to`: DS sets `from` to `to` − the window.
fn missing_from(cx: &mut Checker<'_>, criterion: &str, max: DaysWindow, to: Timestamp) {
    let Ok(start) = to.checked_sub(max.duration()) else {
        return;
    };
    if start > cx.now() {
        // A4P402 reports the `from` DS would compute in the future.
        return;
    }
    let start_text = payload(dates::show_utc(start));
    let mut note = format!(
        "{FROM_COMPUTED}; of `{criterion}`: {}",
        window_sentence(max)
    );
    if criterion == "lastUpdateDateTime" {
        note.push_str(
            "; the spec's example: \"If the `from` value is not provided under \
             `lastUpdateDateTime`, it is implicitly set to 3 days before the `to` timestamp.\"",
        );
    }
    cx.at_key(format!("/{criterion}"))
        .message(format!(
            "`{criterion}` has no `from`: DS sets it to `to` − {}, `{start_text}`",
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
        .note(note)
        .report();
}
