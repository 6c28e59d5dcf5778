//! A4P204 `offer-line`: An offer line's amount is negative, or the line lacks its amount or revenueType.
use serde_json::Value;

use crate::kind::PayloadKind;
use crate::model::RevenueType;
use crate::rule::Severity;
use crate::rules::helpers::show_value;
use crate::rules::Checker;

crate::declare_rule! {
    /// ## What it checks
    /// Each offer line (`offerLines[N]` in requests, `data.leadOpportunity.offerLines[N]` in
    /// the GET response):
    ///
    /// - `amount` is not negative (error). `0` and `-0` pass, and so does any huge number
    ///   (`1e308`): JSON has no NaN or infinity and the parser refuses numbers that overflow,
    ///   so "not finite" cannot happen.
    /// - in a create or update request, the line carries a `revenueType` (warning, at the
    ///   line's opening brace).
    /// - in a create request, the line carries an `amount` (warning, at the line's opening
    ///   brace). Update requests are left alone here: the spec does not say whether DS keeps
    ///   a stored amount when an update omits it.
    ///
    /// An `amount` that is not a number is A4P104 `wrong-type`'s finding, and an empty
    /// `offerLines` array in a create request (`minItems: 1` on
    /// `post_leads-opportunities_data.offerLines`) is A4P105 `too-few-items`'s: this rule does
    /// not repeat them.
    ///
    /// ## Why it matters
    /// The spec's `offerLine` component describes `amount` as the "Amount of the offer in the
    /// designated currency": an item sold, not a credit. A negative line is a discount or a
    /// refund that the API has no way to express, and it silently lowers the
    /// opportunity's value.
    ///
    /// `offerLine` requires only `offerNameId`: `amount` and `revenueType` are optional, so DS
    /// accepts a line without them. It then records no revenue type for the line, or an
    /// offer without a value, which is rarely what the partner's CRM holds.
    ///
    /// ## Fix
    /// None: an amount's sign or a line's missing amount or revenue type is data only the partner
    /// has.
    ///
    /// ## Example
    /// ```json create-request pointer=/offerLines/0/amount span=-13800
    /// {
    ///   "partnerId": "200000000052731",
    ///   "leadOpportunity": {
    ///     "partnerLeadOpportunityId": "SF-OPP-004817",
    ///     "name": "Digital twin rollout at Kessler Antriebstechnik",
    ///     "status": "LEAD_OPEN",
    ///     "closeDate": "2030-06-30T00:00:00.000Z",
    ///     "currency": "EUR"
    ///   },
    ///   "offerLines": [
    ///     {"offerNameId": "MDMIND00031_PUBL_ISE00002711_IPE00021402", "amount": -13800, "revenueType": "UPFRONT"}
    ///   ],
    ///   "customerLegalEntity": {"name": "Kessler Antriebstechnik GmbH", "city": "Augsburg", "country": "Germany"}
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json create-request
    /// {
    ///   "partnerId": "200000000052731",
    ///   "leadOpportunity": {
    ///     "partnerLeadOpportunityId": "SF-OPP-004817",
    ///     "name": "Digital twin rollout at Kessler Antriebstechnik",
    ///     "status": "LEAD_OPEN",
    ///     "closeDate": "2030-06-30T00:00:00.000Z",
    ///     "currency": "EUR"
    ///   },
    ///   "offerLines": [
    ///     {"offerNameId": "MDMIND00031_PUBL_ISE00002711_IPE00021402", "amount": 13800, "revenueType": "UPFRONT"}
    ///   ],
    ///   "customerLegalEntity": {"name": "Kessler Antriebstechnik GmbH", "city": "Augsburg", "country": "Germany"}
    /// }
    /// ```
    pub static OFFER_LINE = {
        code: "A4P204",
        name: "offer-line",
        category: Consistency,
        severity: Error,
        summary: "An offer line's amount is negative, or the line lacks its amount or revenueType",
    };
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let kind = cx.kind();
    let Some(base) = cx.member_pointer("offerLines") else {
        return;
    };
    let Some(lines) = cx.at(&base).and_then(Value::as_array) else {
        return;
    };
    let is_request = matches!(
        kind,
        PayloadKind::CreateRequest | PayloadKind::UpdateRequest
    );
    for (index, line) in lines.iter().enumerate() {
        let Some(line) = line.as_object() else {
            continue;
        };
        // `-0.0 < 0.0` is false: a negative zero is zero. serde_json never yields NaN or
        // infinity, so there is nothing else to refuse.
        let negative = line
            .get("amount")
            .filter(|a| a.as_f64().is_some_and(|a| a < 0.0));
        let no_revenue_type = is_request && !line.contains_key("revenueType");
        let no_amount = kind == PayloadKind::CreateRequest && !line.contains_key("amount");
        if negative.is_none() && !no_revenue_type && !no_amount {
            continue;
        }
        // The pointer is written only for a finding: a valid line allocates nothing.
        let pointer = format!("{base}/{index}");
        if let Some(amount) = negative {
            negative_amount(cx, &pointer, amount);
        }
        if no_revenue_type {
            missing_revenue_type(cx, &pointer);
        }
        if no_amount {
            missing_amount(cx, &pointer);
        }
    }
}

/// A negative amount, at the amount.
fn negative_amount(cx: &mut Checker<'_>, line: &str, amount: &Value) {
    cx.at_value(format!("{line}/amount"))
        .message_with(|path| format!("negative amount {} in `{path}`", show_value(amount)))
        .label("negative amount")
        .help(
            "write the offer's value as a positive number in the lead-opportunity's currency \
             (0 if the offer is free); a discount belongs in the amount of the line it reduces",
        )
        .note(
            "the spec's `offerLine.amount` is the \"Amount of the offer in the designated \
             currency\": the API has no negative lines, credits or refunds",
        )
        .report();
}

/// A request's line without `revenueType`, at the line (a warning: DS accepts it).
fn missing_revenue_type(cx: &mut Checker<'_>, line: &str) {
    let codes: Vec<String> = RevenueType::ALL
        .iter()
        .map(|r| format!("{} ({})", r.as_str(), r.description().unwrap_or_default()))
        .collect();
    cx.at_object(line)
        .message_with(|path| format!("offer line `{path}` has no `revenueType`"))
        .label("no revenueType")
        .severity(Severity::Warning)
        .help(format!("add \"revenueType\": one of {}", codes.join(", ")))
        .note(
            "the spec's `offerLine` makes `revenueType` optional (only `offerNameId` is required): \
             DS accepts the line and records no revenue type for it",
        )
        .report();
}

/// A create request's line without `amount`, at the line (a warning: DS accepts it).
fn missing_amount(cx: &mut Checker<'_>, line: &str) {
    cx.at_object(line)
        .message_with(|path| format!("offer line `{path}` has no `amount`"))
        .label("no amount")
        .severity(Severity::Warning)
        .help(
            "add \"amount\": the offer's value in the lead-opportunity's currency \
             (`leadOpportunity.currency`)",
        )
        .note(
            "the spec's `offerLine` does not require `amount`, but an offer line without one \
             gives the opportunity no value for that offer",
        )
        .report();
}
