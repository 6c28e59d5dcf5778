//! A4P201 `forecast-category-status`: forecastCategory does not fit the status.
use serde_json::Value;

use crate::diagnostic::Applicability;
use crate::kind::PayloadKind;
use crate::model::enums::{ForecastCategory, LeadOpportunityStatus};
use crate::rule::Severity;
use crate::rules::Checker;

crate::declare_rule! {
    /// ## What it checks
    /// That the lead-opportunity's `forecastCategory` is one the spec's matrix allows for its
    /// `status`, in create and update requests and in the GET response:
    ///
    /// | status | forecastCategory |
    /// | --- | --- |
    /// | `OPPY_OPEN`, `VALIDATED`, `ESTABLISHED` | `SAFE`, `COMMIT`, `UPSIDE` or `LONGSHOT` |
    /// | `WON` | `WON` |
    /// | `LOST` | `LOST` |
    /// | `LEAD_OPEN`, `QUALIFIED`, `ACCEPTED` | anything (ignored at creation, see below) |
    ///
    /// A mismatch is an error at the `forecastCategory` value, with the `status` value
    /// labelled; the help lists the categories allowed for that status, and the suggestion
    /// fixes the value when exactly one is allowed (`WON`, `LOST`).
    ///
    /// In a create request whose status is `LEAD_OPEN`, `QUALIFIED` or `ACCEPTED`, any
    /// `forecastCategory` other than `EMPTY` is reported as a **warning**: DS drops it.
    ///
    /// `EMPTY` ("not filled in") is judged by the matrix like any other code: it is fine for
    /// the three lead statuses (the GET response carries it for leads, and sending it at
    /// creation loses nothing), and it is a mismatch for `OPPY_OPEN`, `VALIDATED`,
    /// `ESTABLISHED`, `WON` and `LOST`, whose rows do not list it (omit the field at creation
    /// to get DS's default instead).
    ///
    /// The rule says nothing unless both fields are strings holding known codes (unknown
    /// codes are `enum-value`'s business); in an update request it checks only when the
    /// request carries both fields.
    ///
    /// ## Why it matters
    /// The spec's `forecastCategory` component: "Value is ignored at creation if status is
    /// 'LEAD_OPEN','QUALIFIED' or 'ACCEPTED'. If value is not provided at creation time, it
    /// defaults based on the following matrix": `-3 Open`, `-2 Validated` and
    /// `-1 Established` take "Safe/Commit/Upside/Longshot" (default Upside), `Won` takes "Won
    /// (set by the system)" and `Lost` "Lost (set by the system)". A category outside its
    /// status's row is a forecast DS's pipeline reports cannot hold.
    ///
    /// ## Fix
    /// When the status allows exactly one category (`WON` takes `WON`, `LOST` takes `LOST`), it
    /// replaces the category: unsafe, the status may be the wrong field (a deal marked `WON` by
    /// mistake keeps its forecast). Where four categories fit there is no fix: which one is the
    /// partner's forecast. A category that DS drops at creation is removed, with its comma: unsafe
    /// too, though DS reads the same payload either way, since the status may be what is wrong.
    ///
    /// ## Example
    /// ```json update-request pointer=/leadOpportunity/forecastCategory span="COMMIT"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "WON", "forecastCategory": "COMMIT"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "WON", "forecastCategory": "WON"}}
    /// ```
    pub static FORECAST_CATEGORY_STATUS = {
        code: "A4P201",
        name: "forecast-category-status",
        category: Consistency,
        severity: Error,
        summary: "forecastCategory does not fit the status",
        fix: [Unsafe],
    };
}

/// The categories the spec's matrix allows for a status; `None` for the lead statuses, which
/// have no row, and for a code the spec does not list (`check` parses codes strictly, so none
/// comes here).
fn allowed(status: &LeadOpportunityStatus) -> Option<&'static [ForecastCategory]> {
    use ForecastCategory as F;
    use LeadOpportunityStatus as S;
    static OPPORTUNITY: &[ForecastCategory] = &[F::Safe, F::Commit, F::Upside, F::Longshot];
    static WON: &[ForecastCategory] = &[F::Won];
    static LOST: &[ForecastCategory] = &[F::Lost];
    match status {
        S::LeadOpen | S::Qualified | S::Accepted | S::Other(_) => None,
        S::OppyOpen | S::Validated | S::Established => Some(OPPORTUNITY),
        S::Won => Some(WON),
        S::Lost => Some(LOST),
    }
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some((lo, object)) = cx.lead_opportunity() else {
        return;
    };
    let code = |member| object.get(member).and_then(Value::as_str);
    let Some(status) = code("status").and_then(|s| s.parse::<LeadOpportunityStatus>().ok()) else {
        return;
    };
    let Some(category) = code("forecastCategory").and_then(|s| s.parse::<ForecastCategory>().ok())
    else {
        return;
    };
    // Pointers are built only for a finding: a valid payload allocates nothing here.
    let at = || Place {
        category: format!("{lo}/forecastCategory"),
        status: format!("{lo}/status"),
    };
    match allowed(&status) {
        None if cx.kind() == PayloadKind::CreateRequest && category != ForecastCategory::Empty => {
            ignored_at_creation(cx, &at(), category, status);
        }
        Some(allowed) if !allowed.contains(&category) => {
            mismatch(cx, &at(), category, status, allowed);
        }
        _ => {}
    }
}

/// The two places a finding names.
struct Place {
    category: String,
    status: String,
}

/// A create request sets a category for a lead status: DS drops it (a warning).
fn ignored_at_creation(
    cx: &mut Checker<'_>,
    at: &Place,
    category: ForecastCategory,
    status: LeadOpportunityStatus,
) {
    let removal = cx.member_removal(&at.category, Applicability::Unsafe);
    let finding = cx
        .at_value(at.category.as_str())
        .severity(Severity::Warning)
        .field_message(format!(
            "{category} is ignored at creation when status is {status}"
        ))
        .label("DS drops this value")
        .secondary(&at.status, format!("status is {status} here"))
        .help(
            "remove `forecastCategory`, or send it once the lead-opportunity is an \
             opportunity (OPPY_OPEN, VALIDATED or ESTABLISHED)",
        )
        .note(
            "the spec's `forecastCategory`: \"Value is ignored at creation if status is \
             'LEAD_OPEN','QUALIFIED' or 'ACCEPTED'\"",
        );
    match removal {
        // A deletion writes no payload data.
        Some(fix) => finding.with_fix(fix, false),
        None => finding,
    }
    .report();
}

/// The category is outside its status's row of the matrix; the only allowed one is the fix.
fn mismatch(
    cx: &mut Checker<'_>,
    at: &Place,
    category: ForecastCategory,
    status: LeadOpportunityStatus,
    allowed: &[ForecastCategory],
) {
    let finding = cx
        .at_value(at.category.as_str())
        .field_message(format!("{category} does not fit status {status}"))
        .label(format!("not allowed with status {status}"))
        .secondary(&at.status, format!("status is {status} here"))
        .note(
            "the spec's `forecastCategory` matrix: -3 Open, -2 Validated and -1 \
             Established take Safe/Commit/Upside/Longshot; Won takes Won and Lost takes \
             Lost (set by the system)",
        );
    match allowed {
        [only] => finding
            .help(format!(
                "with status {status} the forecast category is {only}"
            ))
            .suggest_string(only)
            .unsafe_fix(),
        _ => {
            let list: Vec<&str> = allowed.iter().map(|c| c.as_str()).collect();
            finding.help(format!(
                "with status {status} use one of: {} (omit it at creation and DS defaults it \
                 to UPSIDE)",
                list.join(", ")
            ))
        }
    }
    .report();
}
