//! The bounds of a search window, shared by the leads search (A4P401) and the orders search
//! (A4P402): each bound an ISO 8601 date-time in UTC, with the same instant in UTC as the
//! fix when the bound has another offset, and a window's length in words.

use jiff::SignedDuration;

use crate::rules::helpers::dates::{self, Reading, Stamp};
use crate::rules::Checker;
use crate::text::payload;

/// Both searches' spec words about their bounds.
pub(crate) const UTC_NOTE: &str = "the spec: \"All date-time values must be provided in \
                                   Coordinated Universal Time (UTC)\"";

/// One bound of a search window: where it is (written only for a finding), whether it is the
/// upper one, and what to say of an empty one.
pub(crate) struct Bound<'a> {
    /// The bound's pointer, built only for a finding.
    pub pointer: &'a dyn Fn() -> String,
    /// Whether this is the upper bound (a date alone then has no certain fix).
    pub upper: bool,
    /// The help for an empty string.
    pub empty_help: &'a str,
}

/// Checks one bound's text; returns its instant when it has one (even if it is reported for
/// not being UTC: the window checks still make sense).
pub(crate) fn check(cx: &mut Checker<'_>, bound: &Bound<'_>, text: &str) -> Option<Stamp> {
    let reading = dates::read(text);
    match &reading {
        Reading::DateTime { stamp, slips } if slips.is_empty() && stamp.zone.is_utc() => {}
        Reading::DateTime { stamp, .. } if !stamp.zone.is_utc() => {
            not_utc(cx, (bound.pointer)(), stamp);
        }
        Reading::NoOffset { written } => no_offset(cx, (bound.pointer)(), written),
        Reading::Date { date, .. } | Reading::LocalDate { date, .. } if bound.upper => {
            day_as_upper_bound(cx, (bound.pointer)(), *date);
        }
        _ => not_a_utc_date_time(cx, (bound.pointer)(), &reading, bound.empty_help),
    }
    match reading {
        Reading::DateTime { stamp, .. } => Some(stamp),
        _ => None,
    }
}

/// A bound with an offset other than UTC's; the same instant in UTC is the fix.
fn not_utc(cx: &mut Checker<'_>, pointer: String, stamp: &Stamp) {
    cx.at_value(pointer)
        .field_message("is not in UTC")
        .label(format!("offset {}, not UTC", payload(stamp.zone.show())))
        .help(format!(
            "the same instant in UTC is `{}`",
            payload(&stamp.utc)
        ))
        .suggest_string(payload(&stamp.utc))
        // The same instant: the offset written says which.
        .safe_fix()
        .note(UTC_NOTE)
        .report();
}

/// A bound without offset: the instant it means is unknown, so no fix.
fn no_offset(cx: &mut Checker<'_>, pointer: String, written: &str) {
    cx.at_value(pointer)
        .field_message("has no offset: DS reads search bounds in UTC")
        .label("no offset")
        .help(format!(
            "append `Z` if this time is UTC (`{}`); otherwise convert it to UTC first",
            payload(format!("{written}Z"))
        ))
        .note(UTC_NOTE)
        .report();
}

/// A day alone as the upper bound: the help names its start and its end and leaves the
/// choice, so there is no fix.
fn day_as_upper_bound(cx: &mut Checker<'_>, pointer: String, date: jiff::civil::Date) {
    cx.at_value(pointer)
        .field_message("is a date without a time: DS wants a UTC date-time")
        .label("date only")
        .help(format!(
            "write the instant: `{}` for the start of that day or `{}` for its end",
            payload(format!("{}T00:00:00Z", dates::show_date(date))),
            payload(format!("{}T23:59:59Z", dates::show_date(date))),
        ))
        .note(UTC_NOTE)
        .report();
}

/// Any other bound that is not a UTC date-time in the documented form, as A4P301 words it.
fn not_a_utc_date_time(cx: &mut Checker<'_>, pointer: String, reading: &Reading, empty: &str) {
    // Only the documented form has no problem, and `check` lets it through.
    let Some(mut problem) = dates::problem(reading, "T00:00:00Z") else {
        return;
    };
    if *reading == Reading::Empty {
        problem.what = "is empty: DS wants a UTC date-time".to_owned();
        problem.help = empty.to_owned();
    }
    problem
        .describe(cx.at_value(pointer))
        .note(UTC_NOTE)
        .report();
}

/// `16 days 10 hours`, `7 days 1 second`.
pub(crate) fn show_duration(duration: SignedDuration) -> String {
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
