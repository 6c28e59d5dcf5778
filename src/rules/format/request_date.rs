//! A4P301 `request-date`: A date is not in the ISO 8601 date-time form DS accepts.
use serde_json::Value;

use crate::rules::helpers::dates::{self, Reading, FORM};
use crate::diagnostic::Diagnostic;
use crate::rule::Severity;
use crate::kind::PayloadKind;
use crate::pointer::display_path;
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
    };
}

const REQUEST_FIELDS: &[&str] = &["closeDate", "nextMilestoneDate"];
const RESPONSE_FIELDS: &[&str] = &[
    "closeDate",
    "nextMilestoneDate",
    "createdDate",
    "modifiedDate",
];

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
        if dates::is_documented_utc(text) {
            continue;
        }
        let reading = dates::read(text);
        let diagnostic = if request {
            request_finding(cx, base, field, &reading)
        } else {
            response_finding(cx, base, field, &reading)
        };
        if let Some(diagnostic) = diagnostic {
            cx.report(diagnostic);
        }
    }
}

fn request_finding(
    cx: &Checker<'_>,
    base: &str,
    field: &str,
    reading: &Reading,
) -> Option<Diagnostic> {
    let mut problem = dates::problem(reading, "T00:00:00.000Z")?;
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
    let pointer = format!("{base}/{field}");
    let mut diagnostic = Diagnostic::new(&REQUEST_DATE, pointer.as_str(), cx.value_span(&pointer))
        .with_message(format!("`{}` {}", display_path(&pointer), problem.what))
        .with_label(problem.label)
        .with_help(problem.help)
        .with_note(
            "DS answers a date it cannot read with HTTP 406 ERR805 (\"Incorrect Close Date/next \
             milestone date Format. Provide date in ISO8601 format.\")",
        );
    if let Some(suggestion) = problem.suggestion {
        diagnostic = diagnostic.with_suggestion(suggestion);
    }
    Some(diagnostic)
}

fn response_finding(
    cx: &Checker<'_>,
    base: &str,
    field: &str,
    reading: &Reading,
) -> Option<Diagnostic> {
    match reading {
        Reading::Empty => return None,
        Reading::Date { slips, .. } if slips.is_empty() => return None,
        _ => {}
    }
    let problem = match reading {
        // A date with spaces around it.
        Reading::Date { slips, .. } => dates::Problem {
            what: String::new(),
            label: slips.join(", "),
            help: String::new(),
            suggestion: None,
        },
        _ => dates::problem(reading, "T00:00:00.000Z")?,
    };
    let pointer = format!("{base}/{field}");
    let detail = if problem.help.is_empty() {
        String::new()
    } else {
        format!("{}\n", problem.help)
    };
    Some(
        Diagnostic::new(&REQUEST_DATE, pointer.as_str(), cx.value_span(&pointer))
            .with_message(format!("`{}` is not a date form DS returns", display_path(&pointer)))
            .with_label(problem.label)
            .with_severity(Severity::Warning)
            .with_help(format!(
                "{detail}DS returns a date (`2025-06-30`), an ISO 8601 date-time with an offset \
                 (`2025-08-13T12:35:03.775Z`) or `\"\"`"
            ))
            .with_note("a client that parses DS's dates may fail on this one or misread it"),
    )
}
