//! A4P401 `search-criteria`: A search request's criteria are missing, incomplete or out of range.
use jiff::tz::Offset;
use jiff::SignedDuration;
use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::rule::Severity;
use crate::kind::PayloadKind;
use crate::pointer::display_path;
use crate::rules::Checker;
use crate::rules::helpers::dates::{self, Reading, Stamp};

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
    };
}

const MAX_WINDOW: SignedDuration = SignedDuration::from_hours(7 * 24);

const UTC_NOTE: &str = "the spec: \"All date-time values must be provided in Coordinated \
                        Universal Time (UTC)\"";

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.kind() != PayloadKind::SearchRequest {
        return;
    }
    let Some(criteria) = cx.at("/data").and_then(Value::as_array) else {
        return;
    };
    if criteria.is_empty() {
        let diagnostic = Diagnostic::new(&SEARCH_CRITERIA, "/data", cx.value_span("/data"))
            .with_message("the search request has no criterion: `data` is empty")
            .with_label("no criterion")
            .with_help(
                "add a criterion: {\"modifiedDate\": {\"fromDate\": \"2025-08-04T08:00:00Z\", \
                 \"toDate\": \"2025-08-08T18:00:00Z\"}} or {\"partnerLeadOpportunityId\": \
                 [\"PARTNER-ID-1234\"]}",
            )
            .with_note(
                "the spec: \"The request must include at least one of the following sub-objects: \
                 modifiedDate, partnerLeadOpportunityId\"",
            );
        cx.report(diagnostic);
        return;
    }
    for (index, criterion) in criteria.iter().enumerate() {
        let Some(range) = criterion.get("modifiedDate").and_then(Value::as_object) else {
            continue;
        };
        check_range(cx, &format!("/data/{index}/modifiedDate"), range);
    }
}

fn check_range(cx: &mut Checker<'_>, pointer: &str, range: &Map<String, Value>) {
    let from = bound(cx, pointer, range, "fromDate");
    let to = bound(cx, pointer, range, "toDate");
    let from_pointer = format!("{pointer}/fromDate");
    let to_pointer = format!("{pointer}/toDate");
    if let Some(from) = &from {
        if Offset::UTC.to_datetime(from.instant).date() > cx.today() {
            let diagnostic = Diagnostic::new(&SEARCH_CRITERIA, from_pointer.as_str(), cx.value_span(&from_pointer))
                .with_message(format!("`{}` is in the future", display_path(&from_pointer)))
                .with_label("after today")
                .with_severity(Severity::Warning)
                .with_help(format!(
                    "nothing can have been modified after `{}`: this search can only come back \
                     empty; use a past instant",
                    from.utc
                ))
                .with_note(
                    "the spec's `date_time_from` (orders search) forbids a future lower bound; the \
                     leads-opportunities search does not say so, but the result is empty all the same",
                );
            cx.report(diagnostic);
        }
    }
    let (Some(from), Some(to)) = (from, to) else {
        return;
    };
    let window = to.instant.duration_since(from.instant);
    if window <= SignedDuration::ZERO {
        let diagnostic = Diagnostic::new(&SEARCH_CRITERIA, to_pointer.as_str(), cx.value_span(&to_pointer))
            .with_message(format!(
                "`{}` is not after `{}`",
                display_path(&to_pointer),
                display_path(&from_pointer)
            ))
            .with_label(if window == SignedDuration::ZERO {
                "same instant as fromDate"
            } else {
                "before fromDate"
            })
            .with_secondary(cx.value_span(&from_pointer), "the lower bound")
            .with_help("`fromDate` is the lower bound and `toDate` the upper one: swap them if they are the wrong way round")
            .with_note("the spec: \"`fromDate` has to be anterior to `toDate`\"");
        cx.report(diagnostic);
    } else if window > MAX_WINDOW {
        let latest = from
            .instant
            .checked_add(MAX_WINDOW)
            .map_or_else(|_| "7 days after fromDate".to_owned(), dates::show_utc);
        let diagnostic = Diagnostic::new(&SEARCH_CRITERIA, to_pointer.as_str(), cx.value_span(&to_pointer))
            .with_message(format!(
                "the `{}` window is longer than 7 days",
                display_path(pointer)
            ))
            .with_label(format!("{} after fromDate", show_duration(window)))
            .with_secondary(cx.value_span(&from_pointer), "window starts here")
            .with_help(format!(
                "the latest `toDate` for this `fromDate` is `{latest}`; split a longer period into \
                 several searches"
            ))
            .with_note(
                "the spec: \"The maximum time window allowed for the search is 1 week / 7 days \
                 (between fromDate and toDate, calculated time to time)\"",
            );
        cx.report(diagnostic);
    }
}

/// Checks one bound; returns its instant when it has one (even if it is reported for not
/// being UTC: the range checks still make sense).
fn bound(
    cx: &mut Checker<'_>,
    range_pointer: &str,
    range: &Map<String, Value>,
    name: &str,
) -> Option<Stamp> {
    let text = range.get(name)?.as_str()?;
    let reading = dates::read(text);
    let pointer = format!("{range_pointer}/{name}");
    let field = display_path(&pointer);
    let finding = |what: String, label: String| {
        Diagnostic::new(&SEARCH_CRITERIA, pointer.as_str(), cx.value_span(&pointer))
            .with_message(format!("`{field}` {what}"))
            .with_label(label)
    };
    let diagnostic = match &reading {
        Reading::DateTime { stamp, slips } if slips.is_empty() && stamp.zone.is_utc() => {
            return Some(stamp.clone());
        }
        Reading::DateTime { stamp, .. } if !stamp.zone.is_utc() => finding(
            "is not in UTC".to_owned(),
            format!("offset {}, not UTC", stamp.zone.show()),
        )
        .with_help(format!("the same instant in UTC is `{}`", stamp.utc))
        .with_suggestion(format!("\"{}\"", stamp.utc))
        .with_note(UTC_NOTE),
        Reading::NoOffset { written } => finding(
            "has no offset: DS reads search bounds in UTC".to_owned(),
            "no offset".to_owned(),
        )
        .with_help(format!(
            "append `Z` if this time is UTC (`{written}Z`); otherwise convert it to UTC first"
        ))
        .with_note(UTC_NOTE),
        Reading::Date { date, .. } | Reading::LocalDate { date, .. } if name == "toDate" => {
            finding(
                "is a date without a time: DS wants a UTC date-time".to_owned(),
                "date only".to_owned(),
            )
            .with_help(format!(
                "write the instant: `{d}T00:00:00Z` for the start of that day or `{d}T23:59:59Z` \
             for its end",
                d = dates::show_date(*date)
            ))
            .with_note(UTC_NOTE)
        }
        _ => {
            let mut problem = dates::problem(&reading, "T00:00:00Z")?;
            if reading == Reading::Empty {
                problem.what = "is empty: DS wants a UTC date-time".to_owned();
                problem.help = "write a UTC date-time such as `2025-08-04T08:00:00Z`; DS \
                                computes no implicit bound"
                    .to_owned();
            }
            let mut diagnostic = finding(problem.what, problem.label)
                .with_help(problem.help)
                .with_note(UTC_NOTE);
            if let Some(suggestion) = problem.suggestion {
                diagnostic = diagnostic.with_suggestion(suggestion);
            }
            diagnostic
        }
    };
    cx.report(diagnostic);
    match reading {
        Reading::DateTime { stamp, .. } => Some(stamp),
        _ => None,
    }
}

/// `16 days 10 hours`, `7 days 1 second`.
fn show_duration(duration: SignedDuration) -> String {
    let total = duration.as_secs().max(0);
    let (days, rest) = (total / 86_400, total % 86_400);
    let (hours, minutes, seconds) = (rest / 3600, rest % 3600 / 60, rest % 60);
    let mut parts = Vec::new();
    for (n, unit) in [
        (days, "day"),
        (hours, "hour"),
        (minutes, "minute"),
        (seconds, "second"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {unit}{}", if n == 1 { "" } else { "s" }));
        }
    }
    let whole = if parts.is_empty() {
        "less than a second".to_owned()
    } else {
        parts.join(" ")
    };
    if duration.subsec_nanos() > 0 && !parts.is_empty() {
        format!("more than {whole}")
    } else {
        whole
    }
}
