//! A4P202 `reason-status`: reasonWon/reasonLost codes do not fit the status, or mix EMPTY with codes.

use serde_json::Value;

use crate::kind::PayloadKind;
use crate::model::enums::{LeadOpportunityStatus, ReasonLost, ReasonWon};
use crate::rules::Checker;

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
    /// ## Fix
    /// None: which reason fits the outcome, or whether the status is what is wrong, is the
    /// partner's choice.
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
            check_array(cx, lo, &reasons, items, status.as_ref());
        }
    }
}

fn check_array(
    cx: &mut Checker<'_>,
    lo: &str,
    reasons: &Reasons,
    items: &[Value],
    status: Option<&LeadOpportunityStatus>,
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
        let item = Item { lo, reasons, index };
        if let Some(first) = items[..index].iter().position(|v| code_of(v) == Some(code)) {
            repeated(cx, &item, code, first);
        } else if code == EMPTY {
            if has_reason {
                empty_among_codes(cx, &item);
            }
        } else if let Some(status) = status.filter(|s| **s != reasons.status && !ds_default) {
            status_mismatch(cx, &item, code, status);
        }
    }
}

/// An item of one of the two arrays, where a finding is. Its pointer is written only for a
/// finding.
struct Item<'a> {
    lo: &'a str,
    reasons: &'a Reasons,
    index: usize,
}

impl Item<'_> {
    fn pointer(&self) -> String {
        self.sibling(self.index)
    }

    /// Another item of the same array.
    fn sibling(&self, index: usize) -> String {
        format!("{}/{}/{index}", self.lo, self.reasons.field)
    }
}

/// A code listed a second time; the first one is labelled.
fn repeated(cx: &mut Checker<'_>, item: &Item<'_>, code: &str, first: usize) {
    cx.at_value(item.pointer())
        .field_message(format!("repeats {code}"))
        .label("already listed")
        .secondary(&item.sibling(first), "first listed here")
        .help(format!("list {code} once"))
        .note(format!(
            "`{}` is a list of distinct reasons",
            item.reasons.field
        ))
        .report();
}

/// `EMPTY` ("no reason") in an array that gives reasons.
fn empty_among_codes(cx: &mut Checker<'_>, item: &Item<'_>) {
    cx.at_value(item.pointer())
        .field_message("is EMPTY next to reason codes")
        .label("EMPTY among reason codes")
        .help(format!(
            "remove EMPTY from `{}`: it means \"no reason\"",
            item.reasons.field
        ))
        .note("EMPTY stands for an empty list; next to codes it contradicts them")
        .report();
}

/// A reason won while the status is not `WON`, or a reason lost while it is not `LOST`.
fn status_mismatch(
    cx: &mut Checker<'_>,
    item: &Item<'_>,
    code: &str,
    status: &LeadOpportunityStatus,
) {
    let reasons = item.reasons;
    cx.at_value(item.pointer())
        .field_message(format!(
            "gives a reason ({code}) for status {}, but status is {status}",
            reasons.status
        ))
        .label(format!("only meaningful with status {}", reasons.status))
        .secondary(
            &format!("{}/status", item.lo),
            format!("status is {status} here"),
        )
        .help(format!(
            "remove the code (send `\"{}\": [\"EMPTY\"]` or leave it out), or set \
             status to {}",
            reasons.field, reasons.status
        ))
        .note(format!(
            "the spec's `{}`: the reason(s) a lead-opportunity is {}",
            reasons.field,
            if reasons.status == LeadOpportunityStatus::Won {
                "won"
            } else {
                "lost"
            }
        ))
        .report();
}
