//! A4P301 `request-date`: A date is not in the ISO 8601 date-time form DS accepts.
use serde_json::Value;

use crate::kind::PayloadKind;
use crate::rule::Severity;
use crate::rules::helpers::dates::{self, Reading, FORM};
use crate::rules::Checker;

crate::declare_rule! {
    /// ## What it checks
    /// That `leadOpportunity.closeDate` and `leadOpportunity.nextMilestoneDate` in create and
    /// update requests are ISO 8601 date-times with a UTC offset, written the way the spec
    /// documents them: `YYYY-MM-DDThh:mm:ss[.sss](Z|±hh:mm)`, e.g.
    /// `2025-06-01T18:46:51.326Z`. The schema says `format: date-time`, but format assertion
    /// is off in the validator: this rule is the only date check.
    ///
    /// Each kind of mistake gets its own message, and a fix when the intended instant is
    /// certain:
    ///
    /// - a date alone (`2025-12-31`): fixed to midnight UTC, `2025-12-31T00:00:00.000Z`;
    /// - a date-time without offset (`2025-12-31T10:00:00`): the help says to add the offset
    ///   (`Z` if the time is UTC); no fix, the time zone is unknown;
    /// - a near miss of the documented spelling: lowercase `t` or `z` (RFC 3339 allows them,
    ///   ISO 8601 and the spec's pattern do not), a space instead of `T`, no seconds, an offset
    ///   written `+0200` or `+02`, a comma before the fraction, spaces around the value: fixed
    ///   to the documented spelling of the same instant;
    /// - a local format (`31/12/2025`, `31.12.2025`, `12/31/2025`, `2025/12/31`): fixed to
    ///   midnight UTC when day and month are certain (a part above 12, or both equal);
    ///   otherwise (`05/06/2025`) the help gives both readings;
    /// - an impossible date (`2025-02-30`, `2025-13-01`, `2025-02-29T00:00:00Z`), time
    ///   (`25:00:00`, leap second `23:59:60`) or offset (`+24:00`): no fix;
    /// - an empty string: DS wants a date. This includes `nextMilestoneDate`: the spec
    ///   documents no way to clear a milestone date and `""` is not ISO 8601, so the help says
    ///   to leave the property out to keep the current date;
    /// - anything else: not a date-time.
    ///
    /// In the GET response (`data.leadOpportunity.closeDate`, `nextMilestoneDate`,
    /// `createdDate`, `modifiedDate`) the rule accepts the forms DS itself returns: a date
    /// (`2025-06-30`), a date-time with an offset in the documented spelling, and `""`;
    /// anything else, impossible dates included, is a warning without fix. `null` and
    /// non-strings are left to the schema rules.
    ///
    /// ## Why it matters
    /// The spec (`lead-opportunity_attributes`) gives both dates as `format: date-time`,
    /// "in ISO 8601 format (like YYYY-MM-DDThh:mm:ss.sssZ)", and DS answers a date it cannot
    /// read with HTTP 406 `ERR805`: "Incorrect Close Date/next milestone date Format.
    /// Provide date in ISO8601 format." A CRM export often writes a plain date or a local
    /// format instead.
    ///
    /// ## Fix
    /// - Safe: a near miss of the documented spelling whose instant is certain
    ///   (`2025-06-01 10:00Z`, `2025-06-01t10:00:00z`, `+0200`, no seconds, spaces around it)
    ///   becomes that instant in the documented spelling, its offset kept.
    /// - Unsafe: a date alone (`2030-12-31`) becomes midnight UTC of that day,
    ///   `2030-12-31T00:00:00.000Z`; a local format whose day and month are certain (`31/12/2030`)
    ///   the same. Midnight because a close date is a day, not a moment (DS's own GET response
    ///   returns dates alone), and UTC because the spec writes its date-times so; unsafe because
    ///   the author's day may start in another time zone (midnight UTC is the evening before in the
    ///   Americas) and the time is supplied, not read.
    ///
    /// No fix for a date-time without offset (the time zone is unknown), an ambiguous local date,
    /// an impossible date, time or offset, or an empty string. The GET response's findings have no
    /// fix.
    ///
    /// ## Example
    /// ```json update-request pointer=/leadOpportunity/closeDate span="2030-12-31"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "closeDate": "2030-12-31"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "closeDate": "2030-12-31T00:00:00.000Z"}}
    /// ```
    pub static REQUEST_DATE = {
        code: "A4P301",
        name: "request-date",
        category: Format,
        severity: Error,
        summary: "A date is not in the ISO 8601 date-time form DS accepts",
        fix: [Safe, Unsafe],
    };
}

const REQUEST_FIELDS: &[&str] = &["closeDate", "nextMilestoneDate"];
const RESPONSE_FIELDS: &[&str] = &[
    "closeDate",
    "nextMilestoneDate",
    "createdDate",
    "modifiedDate",
];

/// What a date alone becomes in a suggestion: midnight UTC, as the spec writes date-times.
const MIDNIGHT: &str = "T00:00:00.000Z";

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let (request, fields) = match cx.kind() {
        PayloadKind::CreateRequest | PayloadKind::UpdateRequest => (true, REQUEST_FIELDS),
        PayloadKind::GetResponse => (false, RESPONSE_FIELDS),
        _ => return,
    };
    let Some((base, lead)) = cx.lead_opportunity() else {
        return;
    };
    for field in fields {
        let Some(text) = lead.get(*field).and_then(Value::as_str) else {
            continue;
        };
        // The documented form needs no reading: reading builds the spellings help texts use.
        if dates::is_documented_utc(text) {
            continue;
        }
        let reading = dates::read(text);
        if fits(&reading, request) {
            continue;
        }
        let pointer = format!("{base}/{field}");
        if request {
            not_accepted(cx, pointer, field, &reading);
        } else {
            not_returned(cx, pointer, &reading);
        }
    }
}

/// Whether a date is written as DS accepts it in a request, or as DS itself returns it in
/// the GET response (where `""` and a date alone are DS's own forms).
fn fits(reading: &Reading, request: bool) -> bool {
    match reading {
        Reading::DateTime { slips, .. } => slips.is_empty(),
        Reading::Empty => !request,
        Reading::Date { slips, .. } => !request && slips.is_empty(),
        _ => false,
    }
}

/// A request's date DS cannot read (an error: DS answers 406).
fn not_accepted(cx: &mut Checker<'_>, pointer: String, field: &str, reading: &Reading) {
    // Only the documented form has no problem, and `check` lets it through.
    let Some(mut problem) = dates::problem(reading, MIDNIGHT) else {
        return;
    };
    if *reading == Reading::Empty {
        problem.what = "is empty: DS wants a date".to_owned();
        problem.help = match (field, cx.kind()) {
            ("nextMilestoneDate", _) => format!(
                "leave `nextMilestoneDate` out to keep the current date, or write an ISO 8601 \
                 date-time ({FORM}); the spec documents no way to clear it"
            ),
            (_, PayloadKind::UpdateRequest) => format!(
                "leave `closeDate` out to keep the current date, or write the expected close \
                 date as an ISO 8601 date-time ({FORM})"
            ),
            _ => format!("write the expected close date as an ISO 8601 date-time ({FORM})"),
        };
    }
    problem
        .describe(cx.at_value(pointer))
        .note(
            "DS answers a date it cannot read with HTTP 406 ERR805 (\"Incorrect Close Date/next \
             milestone date Format. Provide date in ISO8601 format.\")",
        )
        .report();
}

/// A GET response's date in a form DS does not return (a warning: the client may misread it).
fn not_returned(cx: &mut Checker<'_>, pointer: String, reading: &Reading) {
    let (label, help) = match reading {
        // A date with spaces around it.
        Reading::Date { slips, .. } => (slips.join(", "), String::new()),
        _ => {
            // Only the documented form has no problem, and `check` lets it through.
            let Some(problem) = dates::problem(reading, MIDNIGHT) else {
                return;
            };
            (problem.label, problem.help)
        }
    };
    let detail = if help.is_empty() {
        String::new()
    } else {
        format!("{help}\n")
    };
    cx.at_value(pointer)
        .field_message("is not a date form DS returns")
        .label(label)
        .severity(Severity::Warning)
        .help(format!(
            "{detail}DS returns a date (`2025-06-30`), an ISO 8601 date-time with an offset \
             (`2025-08-13T12:35:03.775Z`) or `\"\"`"
        ))
        .note("a client that parses DS's dates may fail on this one or misread it")
        .report();
}
