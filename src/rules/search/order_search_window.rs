//! A4P402 `order-search-window`: A date criterion of an orders search has a bound DS rejects.
use jiff::SignedDuration;
use serde_json::{Map, Value};

use crate::kind::PayloadKind;
use crate::rules::helpers::bounds::{self, show_duration, Bound};
use crate::rules::helpers::dates::{self, Stamp};
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// The date criteria of an orders search request (`POST /order/api4partners/v0/orders/search`):
    /// `creationDateTime`, `bookingDateTime` and `lastUpdateDateTime`, each `{"from", "to"}`.
    ///
    /// - Each bound must be an ISO 8601 date-time in UTC, `YYYY-MM-DDThh:mm:ss[.sss]Z`
    ///   (`+00:00` is accepted too), checked as A4P401 `search-criteria` checks the leads
    ///   search: another offset, `-00:00` included, is an error with the same instant in UTC as
    ///   the fix (`2025-08-04T10:00:00+02:00` → `2025-08-04T08:00:00Z`); so is a near miss of
    ///   the spelling (lowercase `t`/`z`, a space for `T`, no seconds, `+0200`). A bound without
    ///   offset is an error without fix. A date alone is fixed to midnight UTC for `from`; for
    ///   `to` the help names the start and the end of that day. Impossible dates, local formats
    ///   and other text are errors as in A4P301 `request-date`. (The schema's
    ///   `format: date-time` is not asserted: this rule is the only check of the bounds' form.)
    /// - `from` must not be in the future: a `from` later than now is an error, instants
    ///   compared (a `from` later today is in the future too). "Now" is the system clock's,
    ///   or the one the configuration pins: `now = 2025-06-01T10:00:00Z`, or `today =
    ///   2025-06-01`, which stands for midnight UTC at that day's start.
    /// - A `to` alone must not leave DS a `from` in the future: DS computes the missing
    ///   `from` as `to` minus the criterion's maximum window, and when that instant is later
    ///   than now (a `to` in 2099) the search's lower bound is in the future. An error at
    ///   `to`, naming the `from` DS would compute.
    /// - With both bounds readable as instants, `to` must be strictly later than `from` (an
    ///   error at `to`, with a label on `from`), and the window must not exceed the
    ///   criterion's maximum, counted time to time: 7 days (168 hours) for `creationDateTime`
    ///   and `bookingDateTime`, 3 days (72 hours) for `lastUpdateDateTime`. The help names the
    ///   latest `to` allowed for that `from`.
    ///
    /// A criterion with one bound is valid: A4P403 `order-search-lone-bound` says which
    /// value DS computes for the other. A criterion with neither (`{}`) is the schema's
    /// `anyOf`, reported once by A4P102 `missing-required`; non-string bounds are A4P104's.
    ///
    /// ## Why it matters
    /// The spec's `orders_search_req` says of `creationDateTime` and `bookingDateTime`: "The
    /// maximum time window allowed for the search is **7 days** (calculated time to time)", and
    /// of `lastUpdateDateTime`: "The maximum time window allowed for the search is **3 days**
    /// (calculated time to time)". Its `date_time_from` says "All date-time values must be
    /// provided in Coordinated Universal Time (UTC). The timestamp must not be set in the
    /// future." and "If not provided, the system will automatically calculate it by
    /// subtracting the maximum number of days specified for the time range defined for the
    /// parent search criteria.", and its `date_time_to` "If the `from` timestamp is
    /// specified, this value must be later than `from`." The spec documents the search's HTTP
    /// 400 for missing criteria only; a request that breaks these sentences is one DS did not
    /// promise to answer (presumably the same 400); a `from` it computes in the future makes a search of the future,
    /// which finds nothing, if DS does not refuse it.
    ///
    /// ## Fix
    /// Each bound is fixed as A4P301 fixes a date: safe for the same instant in UTC (a bound with
    /// another offset, `2025-06-01T12:00:00+02:00` → `2025-06-01T10:00:00Z`: the offset written
    /// says which instant) and for a near miss of the documented spelling; unsafe for a lower bound
    /// that is a date alone (or an unambiguous local date), which becomes the start of that day in
    /// UTC (`T00:00:00Z`): the search's time zone is supplied, not read. An upper bound that is a
    /// date alone has no fix (the start or the end of the day: the help gives both), nor has a
    /// bound without offset. The window's length and order have no fix: which bound is wrong is
    /// unknown.
    ///
    /// ## Example
    /// ```json order-search-request pointer=/lastUpdateDateTime/to span="2025-05-25T19:45:00Z"
    /// {"lastUpdateDateTime": {"from": "2025-05-21T19:45:00Z", "to": "2025-05-25T19:45:00Z"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json order-search-request
    /// {"lastUpdateDateTime": {"from": "2025-05-22T19:45:00Z", "to": "2025-05-25T19:45:00Z"}}
    /// ```
    pub static ORDER_SEARCH_WINDOW = {
        code: "A4P402",
        name: "order-search-window",
        category: Consistency,
        severity: Error,
        summary: "A date criterion of an orders search has a bound DS rejects",
        fix: [Safe, Unsafe],
    };
}

/// The orders search's date criteria and the longest window each allows.
pub(crate) const DATE_CRITERIA: [(&str, DaysWindow); 3] = [
    ("creationDateTime", DaysWindow(7)),
    ("bookingDateTime", DaysWindow(7)),
    ("lastUpdateDateTime", DaysWindow(3)),
];

/// A criterion's longest window, in days (counted time to time: 24 hours a day).
#[derive(Clone, Copy)]
pub(crate) struct DaysWindow(pub i64);

impl DaysWindow {
    /// The window as a duration.
    pub(crate) fn duration(self) -> SignedDuration {
        SignedDuration::from_hours(self.0 * 24)
    }

    /// `7 days`.
    pub(crate) fn show(self) -> String {
        format!("{} days", self.0)
    }
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
        check_window(cx, name, max, window);
    }
}

fn check_window(cx: &mut Checker<'_>, name: &str, max: DaysWindow, window: &Map<String, Value>) {
    let from = bound(cx, name, window, "from");
    let to = bound(cx, name, window, "to");
    if let Some(from) = &from {
        if from.instant > cx.now() {
            from_in_future(cx, name, from);
        }
    }
    if let (false, Some(to)) = (window.contains_key("from"), &to) {
        if let Ok(computed) = to.instant.checked_sub(max.duration()) {
            if computed > cx.now() {
                computed_from_in_future(cx, name, max, computed);
            }
        }
    }
    let (Some(from), Some(to)) = (from, to) else {
        return;
    };
    let length = to.instant.duration_since(from.instant);
    if length <= SignedDuration::ZERO {
        not_after_from(cx, name, length);
    } else if length > max.duration() {
        too_long(cx, name, max, &from, length);
    }
}

/// Checks one bound's form; its instant when it has one.
fn bound(
    cx: &mut Checker<'_>,
    criterion: &str,
    window: &Map<String, Value>,
    name: &str,
) -> Option<Stamp> {
    let text = window.get(name)?.as_str()?;
    let bound = Bound {
        pointer: &|| format!("/{criterion}/{name}"),
        upper: name == "to",
        empty_help: "write a UTC date-time such as `2025-08-04T08:00:00Z`, or leave the bound \
                     out and DS computes it from the other one",
    };
    bounds::check(cx, &bound, text)
}

/// A `from` after now: DS rejects it.
fn from_in_future(cx: &mut Checker<'_>, criterion: &str, from: &Stamp) {
    let now = dates::show_utc(cx.now());
    cx.at_value(format!("/{criterion}/from"))
        .field_message("is in the future")
        .label(format!("after now ({now})"))
        .help(format!(
            "`from` is the lower bound of the search: write a past instant, not `{}`",
            payload(&from.utc)
        ))
        .note("the spec (`date_time_from`): \"The timestamp must not be set in the future.\"")
        .report();
}

/// A `to` alone so far ahead that the `from` DS computes from it is in the future.
fn computed_from_in_future(
    cx: &mut Checker<'_>,
    criterion: &str,
    max: DaysWindow,
    computed: jiff::Timestamp,
) {
    let now = cx.now();
    let latest = now
        .checked_add(max.duration())
        .map_or_else(|_| format!("{} after now", max.show()), dates::show_utc);
    cx.at_value(format!("/{criterion}/to"))
        .message(format!(
            "`{criterion}` has no `from` and DS computes one in the future: `to` − {} is `{}`, \
             after now ({})",
            max.show(),
            payload(dates::show_utc(computed)),
            dates::show_utc(now)
        ))
        .label(format!("DS subtracts {} from this", max.show()))
        .help(format!(
            "give `from` (a past instant), or a `to` no later than `{latest}` (now + {})",
            max.show()
        ))
        .note(
            "the spec (`date_time_from`): \"If not provided, the system will automatically \
             calculate it by subtracting the maximum number of days specified for the time \
             range defined for the parent search criteria.\" and \"The timestamp must not be \
             set in the future.\"",
        )
        .report();
}

/// `to` at or before `from`, which is labelled.
fn not_after_from(cx: &mut Checker<'_>, criterion: &str, length: SignedDuration) {
    cx.at_value(format!("/{criterion}/to"))
        .field_message(format!("is not later than `{criterion}.from`"))
        .label(if length == SignedDuration::ZERO {
            "same instant as from"
        } else {
            "before from"
        })
        .secondary(&format!("/{criterion}/from"), "the lower bound")
        .help(
            "`from` is the lower bound and `to` the upper one: swap them if they are the wrong \
             way round",
        )
        .note(
            "the spec (`date_time_to`): \"If the `from` timestamp is specified, this value must \
             be later than `from`.\"",
        )
        .report();
}

/// A window over the criterion's maximum, at `to`; the help names the latest `to` allowed.
fn too_long(
    cx: &mut Checker<'_>,
    criterion: &str,
    max: DaysWindow,
    from: &Stamp,
    length: SignedDuration,
) {
    let latest = from.instant.checked_add(max.duration()).map_or_else(
        |_| format!("{} after from", max.show()),
        |latest| payload(dates::show_utc(latest)),
    );
    cx.at_value(format!("/{criterion}/to"))
        .message(format!(
            "the `{criterion}` window is longer than {}",
            max.show()
        ))
        .label(format!("{} after from", payload(show_duration(length))))
        .secondary(&format!("/{criterion}/from"), "window starts here")
        .help(format!(
            "the latest `to` for this `from` is `{latest}`; split a longer period into several \
             searches"
        ))
        .note(format!(
            "the spec (`{criterion}`): \"The maximum time window allowed for the search is {} \
             (calculated time to time)\"",
            max.show()
        ))
        .report();
}
