//! A4P505 `waiver-term`: A waiver has both a duration and an endDate.
use serde_json::Value;

use crate::kind::PayloadKind;
use crate::rules::response::items;
use crate::rules::Checker;

crate::declare_rule! {
    /// ## What it checks
    /// That the `waiver` of a license charge condition in the order GET
    /// (`data[].licenseChargeConditions[].waiver`) gives its term one way: a `duration` (in
    /// months) or an `endDate`, not both. The finding is at the `waiver`, with both members
    /// labelled. A waiver with neither is the schema's finding (A4P102 `missing-required`,
    /// through the generated schema's `anyOf`, which with this rule makes the spec's `oneOf`
    /// at line 3246); a member that is `null` counts as absent here (its type
    /// is the schema's finding).
    ///
    /// ## Why it matters
    /// The spec's `order_line` (L3228): the waiver "can be either of `duration` or
    /// `endDate`", and its schema is a `oneOf` of the two (L3246): exactly one. With both, a
    /// client cannot tell when the waiver ends: after `duration` months, or on `endDate`.
    ///
    /// ## Fix
    /// None: which of the duration and the `endDate` is right is unknown.
    ///
    /// ## Example
    /// ```json order-get-response pointer=/data/0/licenseChargeConditions/0/waiver span="waiver"
    /// {"data": [{"transaction": {"id": "PO_A123456789", "type": "PO"}, "businessUnit": {"id": "BU001", "name": "Corporate Sales Unit A", "localTimezone": "CET"}, "billToSite": {"id": "100012345678901", "name": "Example Corporation", "locationId": 1}, "soldToSite": {"id": "200012345678901", "name": "Foobar Inc", "locationId": 2}, "agreement": {"type": "General VAR Agreement"}, "creationDateTime": "2024-05-21T14:30:00Z", "currency": "USD", "licenseChargeConditions": [{"sequenceNumber": 1, "waiver": {"duration": 3, "endDate": "2025-09-15"}}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    ///
    /// ## Use instead
    /// ```json order-get-response
    /// {"data": [{"transaction": {"id": "PO_A123456789", "type": "PO"}, "businessUnit": {"id": "BU001", "name": "Corporate Sales Unit A", "localTimezone": "CET"}, "billToSite": {"id": "100012345678901", "name": "Example Corporation", "locationId": 1}, "soldToSite": {"id": "200012345678901", "name": "Foobar Inc", "locationId": 2}, "agreement": {"type": "General VAR Agreement"}, "creationDateTime": "2024-05-21T14:30:00Z", "currency": "USD", "licenseChargeConditions": [{"sequenceNumber": 1, "waiver": {"endDate": "2025-09-15"}}]}], "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}
    /// ```
    pub static WAIVER_TERM = {
        code: "A4P505",
        name: "waiver-term",
        category: Consistency,
        severity: Error,
        summary: "A waiver has both a duration and an endDate",
    };
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.kind() != PayloadKind::OrderGetResponse {
        return;
    }
    let root = cx.root();
    for (order, condition, members) in items::conditions(root) {
        let Some(waiver) = members.get("waiver").and_then(Value::as_object) else {
            continue;
        };
        let given = |member: &str| waiver.get(member).is_some_and(|v| !v.is_null());
        if given("duration") && given("endDate") {
            both(
                cx,
                &format!("{}/waiver", items::condition(order, condition)),
            );
        }
    }
}

fn both(cx: &mut Checker<'_>, waiver: &str) {
    cx.at_object(waiver)
        .field_message("has both a `duration` and an `endDate`: the spec allows one of them")
        .label("a duration and an end date")
        .secondary(&format!("{waiver}/duration"), "a duration in months")
        .secondary(&format!("{waiver}/endDate"), "and an end date")
        .help("keep the one that says when the waiver ends, and drop the other")
        .note(
            "the spec's `order_line` (L3228): the waiver \"can be either of `duration` or \
             `endDate`\", a `oneOf` of the two",
        )
        .report();
}
