//! A4P202 `reason-status`: reasonWon/reasonLost codes do not fit the status, or mix EMPTY with codes.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::kind::PayloadKind;
use crate::pointer::display_path;
use crate::rules::Checker;
use crate::model::enums::{LeadOpportunityStatus, ReasonLost, ReasonWon};

crate::declare_rule! {
    /// ## What it checks
    /// The lead-opportunity's `reasonWon` and `reasonLost` arrays, in create and update
    /// requests and in the GET response. Each problem is its own finding at the offending
    /// array item (e.g. `/leadOpportunity/reasonLost/1`):
    ///
    /// - a reason code other than `EMPTY` in `reasonWon` while `status` is not `WON`, or in
    ///   `reasonLost` while `status` is not `LOST` (only when the same payload carries a
    ///   known `status`; the `status` value is labelled);
    /// - `EMPTY` in an array that also holds reason codes (the finding is at `EMPTY`);
    /// - the same code twice in one array (the finding is at the repeat, the first one is
    ///   labelled).
    ///
    /// Only strings holding known codes count (unknown codes are `enum-value`'s business).
    /// In the GET response, the code DS fills in by itself at creation when none is given
    /// (`reasonWon: ["STRNG_VAL_PROP"]`, `reasonLost: ["NO_PROJECT"]`, alone in the array) is
    /// not held against the status: DS put it there.
    ///
    /// ## Why it matters
    /// The spec's `lead-opportunity_attributes`: `reasonWon` is the "Identification of the
    /// reason a lead or an opportunity is won", `reasonLost` the "reason(s) for loss of an
    /// opportunity and for a Lead"; `EMPTY` means "Empty". A reason won on a lost deal, or
    /// `EMPTY` next to real codes, is a contradiction DS stores as sent and reports on.
    ///
    /// ## Example
    /// ```json update-request pointer=/leadOpportunity/reasonLost/0 span="NO_PROJECT"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "WON", "reasonWon": ["STRNG_VAL_PROP"], "reasonLost": ["NO_PROJECT"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "WON", "reasonWon": ["STRNG_VAL_PROP"], "reasonLost": ["EMPTY"]}}
    /// ```
    pub static REASON_STATUS = {
        code: "A4P202",
        name: "reason-status",
        category: Consistency,
        severity: Warning,
        summary: "reasonWon/reasonLost codes do not fit the status, or mix EMPTY with codes",
    };
}

/// One of the two reason arrays.
struct Reasons {
    /// `reasonWon` or `reasonLost`.
    field: &'static str,
    /// The status these reasons belong to.
    status: LeadOpportunityStatus,
    /// The code DS defaults the array to at creation.
    default: &'static str,
    /// Whether a text is one of the array's codes.
    is_code: fn(&str) -> bool,
}

const WON: Reasons = Reasons {
    field: "reasonWon",
    status: LeadOpportunityStatus::Won,
    default: "STRNG_VAL_PROP",
    is_code: |s| s.parse::<ReasonWon>().is_ok(),
};

const LOST: Reasons = Reasons {
    field: "reasonLost",
    status: LeadOpportunityStatus::Lost,
    default: "NO_PROJECT",
    is_code: |s| s.parse::<ReasonLost>().is_ok(),
};

const EMPTY: &str = "EMPTY";

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some((lo, object)) = cx.lead_opportunity() else {
        return;
    };
    let status = object
        .get("status")
        .and_then(Value::as_str)
        .and_then(|s| s.parse::<LeadOpportunityStatus>().ok());
    for reasons in [WON, LOST] {
        if let Some(items) = object.get(reasons.field).and_then(Value::as_array) {
            check_array(cx, lo, &reasons, items, status);
        }
    }
}

fn check_array(
    cx: &mut Checker<'_>,
    lo: &str,
    reasons: &Reasons,
    items: &[Value],
    status: Option<LeadOpportunityStatus>,
) {
    // No allocation unless there is a finding: these arrays hold a few codes, so a repeat is
    // found by looking back rather than with a map, and pointers are written on demand.
    let is_code = reasons.is_code;
    fn code_in(v: &Value, is_code: fn(&str) -> bool) -> Option<&str> {
        v.as_str().filter(|s| is_code(s))
    }
    let code_of = |v| code_in(v, is_code);
    let has_reason = items.iter().filter_map(code_of).any(|c| c != EMPTY);
    let ds_default = cx.kind() == PayloadKind::GetResponse
        && matches!(items, [only] if code_of(only) == Some(reasons.default));
    for (index, code) in items.iter().map(code_of).enumerate() {
        let Some(code) = code else { continue };
        let array = || format!("{lo}/{}", reasons.field);
        let pointer = || format!("{lo}/{}/{index}", reasons.field);
        let earlier = items[..index].iter().position(|v| code_of(v) == Some(code));
        if let Some(first) = earlier {
            let pointer = pointer();
            let path = display_path(&pointer);
            let diagnostic = Diagnostic::new(&REASON_STATUS, pointer.as_str(), cx.value_span(&pointer))
                .with_message(format!("`{path}` repeats {code}"))
                .with_label("already listed")
                .with_secondary(
                    cx.value_span(&format!("{}/{first}", array())),
                    "first listed here",
                )
                .with_help(format!("list {code} once"))
                .with_note(format!("`{}` is a list of distinct reasons", reasons.field));
            cx.report(diagnostic);
            continue;
        }
        if code == EMPTY {
            if has_reason {
                let pointer = pointer();
                let path = display_path(&pointer);
                let diagnostic = Diagnostic::new(&REASON_STATUS, pointer.as_str(), cx.value_span(&pointer))
                    .with_message(format!("`{path}` is EMPTY next to reason codes"))
                    .with_label("EMPTY among reason codes")
                    .with_help(format!(
                        "remove EMPTY from `{}`: it means \"no reason\"",
                        reasons.field
                    ))
                    .with_note("EMPTY stands for an empty list; next to codes it contradicts them");
                cx.report(diagnostic);
            }
            continue;
        }
        match status {
            Some(status) if status != reasons.status && !ds_default => {
                let pointer = pointer();
                let path = display_path(&pointer);
                let status_pointer = format!("{lo}/status");
                let diagnostic = Diagnostic::new(&REASON_STATUS, pointer.as_str(), cx.value_span(&pointer))
                    .with_message(format!(
                        "`{path}` gives a reason ({code}) for status {}, but status is {status}",
                        reasons.status
                    ))
                    .with_label(format!("only meaningful with status {}", reasons.status))
                    .with_secondary(
                        cx.value_span(&status_pointer),
                        format!("status is {status} here"),
                    )
                    .with_help(format!(
                        "remove the code (send `\"{}\": [\"EMPTY\"]` or leave it out), or set \
                         status to {}",
                        reasons.field, reasons.status
                    ))
                    .with_note(format!(
                        "the spec's `{}`: the reason(s) a lead-opportunity is {}",
                        reasons.field,
                        if reasons.status == LeadOpportunityStatus::Won {
                            "won"
                        } else {
                            "lost"
                        }
                    ));
                cx.report(diagnostic);
            }
            _ => {}
        }
    }
}
