//! A4P401 `search-criteria`: A search request's criteria are missing, incomplete or out of range.
use jiff::tz::Offset;
use jiff::SignedDuration;
use serde_json::{Map, Value};

use crate::kind::PayloadKind;
use crate::pointer::display_path;
use crate::rule::Severity;
use crate::rules::helpers::bounds::{self, show_duration, Bound};
use crate::rules::helpers::dates::{self, Stamp};
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// The criteria of a search request (`POST .../leads-opportunities/search`):
    ///
    /// - `data` must hold at least one criterion: an empty list (`"data": []`) is an error at
    ///   `/data`. (A criterion object with neither `modifiedDate` nor
    ///   `partnerLeadOpportunityId` is the schema's `anyOf`, reported by the schema rules.)
    /// - `modifiedDate.fromDate` and `modifiedDate.toDate` must each be an ISO 8601 date-time
    ///   in UTC, `YYYY-MM-DDThh:mm:ss[.sss]Z` (`+00:00` is accepted too). A bound with another
    ///   offset, `-00:00` included, is an error with the same instant in UTC as the fix
    ///   (`2025-08-04T10:00:00+02:00` → `2025-08-04T08:00:00Z`); so is a near miss of the
    ///   spelling (lowercase `t`/`z`, a space for `T`, no seconds, `+0200`). A bound without
    ///   offset is an error without fix (the help says to append `Z` if the time is UTC). A
    ///   date alone is an error, fixed to midnight UTC for `fromDate`; for `toDate` the help
    ///   names the start and the end of that day and leaves the choice (likewise for a
    ///   local date such as `31/05/2025`). Impossible dates, other local formats and other
    ///   text are errors as in A4P301 `request-date`.
    /// - With both bounds readable as instants: `fromDate` must be before `toDate` (an error at
    ///   `toDate`, with a label on `fromDate`), and the window must not exceed 7 days counted
    ///   time to time (`toDate - fromDate` ≤ 168 hours exactly); the help names the latest
    ///   `toDate` allowed for that `fromDate`.
    /// - A `fromDate` on a day after today (UTC) is a **warning**: the spec's "must not be set
    ///   in the future" belongs to `date_time_from`, the orders search component, and the
    ///   leads-opportunities search does not state it, so DS may not reject it; but nothing
    ///   can have been modified after a future instant, so the search can only come back empty.
    ///
    /// A `modifiedDate` with only one bound gets nothing from this rule for the missing bound:
    /// the schema rule A4P102 `missing-required` already reports it (DS answers `ERROR_043`);
    /// the bound that is there is still checked on its own.
    ///
    /// ## Why it matters
    /// The spec's `requestBody` says "The request must include at least one of the following
    /// sub-objects: `modifiedDate`, `partnerLeadOpportunityId`". Its `modifiedDate` criterion
    /// says: "The maximum time window allowed for the search is 1 week / 7 days (between
    /// `fromDate` and `toDate`, calculated time to time). Both lower (`fromDate`) and upper
    /// (`toDate`) bounds need to be provided as no implicit range calculation is done. Lower
    /// and upper bounds need to be consistent: `fromDate` has to be anterior to `toDate`",
    /// and of each bound, "All date-time values must be provided in Coordinated Universal
    /// Time (UTC)". DS answers a missing bound with HTTP 400 `ERROR_043` ("Both startDateTime
    /// and endDateTime must be passed as parameters").
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
    /// ```json search-request pointer=/data/0/modifiedDate/toDate span="2025-05-20T18:00:00Z"
    /// {"data": [{"modifiedDate": {"fromDate": "2025-05-04T08:00:00Z", "toDate": "2025-05-20T18:00:00Z"}}]}
    /// ```
    ///
    /// ## Use instead
    /// ```json search-request
    /// {"data": [{"modifiedDate": {"fromDate": "2025-05-04T08:00:00Z", "toDate": "2025-05-08T18:00:00Z"}}]}
    /// ```
    pub static SEARCH_CRITERIA = {
        code: "A4P401",
        name: "search-criteria",
        category: Consistency,
        severity: Error,
        summary: "A search request's criteria are missing, incomplete or out of range",
        fix: [Safe, Unsafe],
    };
}

const MAX_WINDOW: SignedDuration = SignedDuration::from_hours(7 * 24);

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.kind() != PayloadKind::SearchRequest {
        return;
    }
    let Some(criteria) = cx.at("/data").and_then(Value::as_array) else {
        return;
    };
    if criteria.is_empty() {
        no_criterion(cx);
        return;
    }
    for (index, criterion) in criteria.iter().enumerate() {
        let Some(range) = criterion.get("modifiedDate").and_then(Value::as_object) else {
            continue;
        };
        check_range(cx, Criterion(index), range);
    }
}

/// The `modifiedDate` criterion at this index of `data`. Its pointers are written only for
/// a finding.
#[derive(Clone, Copy)]
struct Criterion(usize);

impl Criterion {
    fn range(self) -> String {
        format!("/data/{}/modifiedDate", self.0)
    }

    fn bound(self, name: &str) -> String {
        format!("/data/{}/modifiedDate/{name}", self.0)
    }
}

fn check_range(cx: &mut Checker<'_>, at: Criterion, range: &Map<String, Value>) {
    let from = check_bound(cx, at, range, "fromDate");
    let to = check_bound(cx, at, range, "toDate");
    if let Some(from) = &from {
        if Offset::UTC.to_datetime(from.instant).date() > cx.today() {
            from_in_future(cx, at, from);
        }
    }
    let (Some(from), Some(to)) = (from, to) else {
        return;
    };
    let window = to.instant.duration_since(from.instant);
    if window <= SignedDuration::ZERO {
        not_after_from(cx, at, window);
    } else if window > MAX_WINDOW {
        window_too_long(cx, at, &from, window);
    }
}

/// Checks one bound; returns its instant when it has one (even if it is reported for not
/// being UTC: the range checks still make sense).
fn check_bound(
    cx: &mut Checker<'_>,
    at: Criterion,
    range: &Map<String, Value>,
    name: &str,
) -> Option<Stamp> {
    let text = range.get(name)?.as_str()?;
    let bound = Bound {
        pointer: &|| at.bound(name),
        upper: name == "toDate",
        empty_help: "write a UTC date-time such as `2025-08-04T08:00:00Z`; DS computes no \
                     implicit bound",
    };
    bounds::check(cx, &bound, text)
}

/// `data` is an empty list.
fn no_criterion(cx: &mut Checker<'_>) {
    cx.at_value("/data")
        .message("the search request has no criterion: `data` is empty")
        .label("no criterion")
        .help(
            "add a criterion: {\"modifiedDate\": {\"fromDate\": \"2025-08-04T08:00:00Z\", \
             \"toDate\": \"2025-08-08T18:00:00Z\"}} or {\"partnerLeadOpportunityId\": \
             [\"PARTNER-ID-1234\"]}",
        )
        .note(
            "the spec: \"The request must include at least one of the following sub-objects: \
             modifiedDate, partnerLeadOpportunityId\"",
        )
        .report();
}

/// A lower bound after today (a warning: the search can only come back empty).
fn from_in_future(cx: &mut Checker<'_>, at: Criterion, from: &Stamp) {
    cx.at_value(at.bound("fromDate"))
        .field_message("is in the future")
        .label("after today")
        .severity(Severity::Warning)
        .help(format!(
            "nothing can have been modified after `{}`: this search can only come back \
             empty; use a past instant",
            payload(&from.utc)
        ))
        .note(
            "the spec's `date_time_from` (orders search) forbids a future lower bound; the \
             leads-opportunities search does not say so, but the result is empty all the same",
        )
        .report();
}

/// `toDate` at or before `fromDate`, which is labelled.
fn not_after_from(cx: &mut Checker<'_>, at: Criterion, window: SignedDuration) {
    let from = at.bound("fromDate");
    cx.at_value(at.bound("toDate"))
        .field_message(format!("is not after `{}`", display_path(&from)))
        .label(if window == SignedDuration::ZERO {
            "same instant as fromDate"
        } else {
            "before fromDate"
        })
        .secondary(&from, "the lower bound")
        .help(
            "`fromDate` is the lower bound and `toDate` the upper one: swap them if they are \
             the wrong way round",
        )
        .note("the spec: \"`fromDate` has to be anterior to `toDate`\"")
        .report();
}

/// A window over 7 days, at `toDate`; the help names the latest `toDate` allowed.
fn window_too_long(cx: &mut Checker<'_>, at: Criterion, from: &Stamp, window: SignedDuration) {
    let latest = from.instant.checked_add(MAX_WINDOW).map_or_else(
        |_| "7 days after fromDate".to_owned(),
        |latest| payload(dates::show_utc(latest)),
    );
    let finding = cx.at_value(at.bound("toDate"));
    finding
        .message(format!(
            "the `{}` window is longer than 7 days",
            display_path(&at.range())
        ))
        .label(format!("{} after fromDate", payload(show_duration(window))))
        .secondary(&at.bound("fromDate"), "window starts here")
        .help(format!(
            "the latest `toDate` for this `fromDate` is `{latest}`; split a longer period into \
             several searches"
        ))
        .note(
            "the spec: \"The maximum time window allowed for the search is 1 week / 7 days \
             (between fromDate and toDate, calculated time to time)\"",
        )
        .report();
}
