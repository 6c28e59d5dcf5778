//! A4P203 `close-date-past`: An open lead-opportunity's close date is in the past.
use serde_json::Value;

use crate::model::enums::LeadOpportunityStatus;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That a lead-opportunity still open (status `LEAD_OPEN`, `QUALIFIED`, `ACCEPTED`,
    /// `OPPY_OPEN`, `VALIDATED` or `ESTABLISHED`) does not carry a `closeDate` before today,
    /// in create and update requests and in the GET response. The finding is an info at the
    /// `closeDate` value, with the `status` value labelled.
    ///
    /// The date is read leniently: the leading `YYYY-MM-DD` is enough (a date-time or a plain
    /// date); a value that does not start with a calendar date is left to the date-format
    /// rule. "Today" is the UTC date (fixed by the configuration's `today` if set); a close
    /// date of today is not in the past.
    ///
    /// The status must be a known code in the same payload: an update request that changes
    /// `closeDate` without `status` is not checked, because the lead-opportunity may already
    /// be `WON` or `LOST` in DS (closed deals have close dates in the past).
    ///
    /// ## Why it matters
    /// The spec's `lead-opportunity_attributes.closeDate`: "Expected date for the closing of
    /// the sale". An open deal expected to close in the past is a stale forecast: either the
    /// date moves, or the deal is closed (`WON`/`LOST`).
    ///
    /// ## Fix
    /// None: the new close date is the partner's forecast.
    ///
    /// ## Example
    /// ```json update-request pointer=/leadOpportunity/closeDate span="2024-12-31T00:00:00.000Z"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "OPPY_OPEN", "closeDate": "2024-12-31T00:00:00.000Z"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "WON", "closeDate": "2024-12-31T00:00:00.000Z"}}
    /// ```
    pub static CLOSE_DATE_PAST = {
        code: "A4P203",
        name: "close-date-past",
        category: Consistency,
        severity: Info,
        summary: "An open lead-opportunity's close date is in the past",
    };
}

/// The calendar date a date or date-time text starts with: `YYYY-MM-DD`, followed by the end
/// of the text or by anything but a digit.
fn leading_date(text: &str) -> Option<jiff::civil::Date> {
    let head = text.get(..10)?;
    let bytes = head.as_bytes();
    let shape = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    if !shape || text.as_bytes().get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    head.parse().ok()
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some((lo, object)) = cx.lead_opportunity() else {
        return;
    };
    let Some(status) = object
        .get("status")
        .and_then(Value::as_str)
        .and_then(|s| s.parse::<LeadOpportunityStatus>().ok())
    else {
        return;
    };
    if matches!(
        status,
        LeadOpportunityStatus::Won | LeadOpportunityStatus::Lost
    ) {
        return;
    }
    let Some(date) = object
        .get("closeDate")
        .and_then(Value::as_str)
        .and_then(leading_date)
    else {
        return;
    };
    if date >= cx.today() {
        return;
    }
    in_the_past(cx, lo, date, status);
}

/// An open deal still expected to close before today.
fn in_the_past(
    cx: &mut Checker<'_>,
    lo: &str,
    date: jiff::civil::Date,
    status: LeadOpportunityStatus,
) {
    let today = cx.today();
    cx.at_value(format!("{lo}/closeDate"))
        .field_message(format!(
            "{} is in the past for an open lead-opportunity",
            payload(date)
        ))
        .label(format!("before today ({today})"))
        .secondary(&format!("{lo}/status"), format!("status is {status} here"))
        .help(
            "move `closeDate` to when the sale is now expected to close, or set status to WON or \
             LOST if the deal is closed",
        )
        .note(
            "the spec's `closeDate` is the \"Expected date for the closing of the sale\"; a past \
             date on an open deal is a stale forecast",
        )
        .report();
}
