//! A4P102 `missing-required`: A property the spec requires for this payload kind is missing.
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::kind::PayloadKind;
use crate::pointer::display_path;
use crate::rules::schema_errors::Context;

crate::declare_rule! {
    /// ## What it checks
    /// That every property the spec marks `required` for this payload kind is present. For a
    /// create request (`post_leads-opportunities_data`): `partnerId`, `leadOpportunity` (with
    /// `partnerLeadOpportunityId`, `name`, `status`, `closeDate`, `currency`), `offerLines`
    /// (each with `offerNameId`) and `customerLegalEntity` (with `name`, `city`, `country`).
    /// An update request (`patch_leads-opportunities_data`) needs only
    /// `leadOpportunity.partnerLeadOpportunityId`. The finding points at the object that
    /// lacks the property.
    ///
    /// Where the spec asks for one property out of several (an `anyOf` of `required`s), the
    /// finding is one, naming them all. The orders search request
    /// (`POST /order/api4partners/v0/orders/search`) is worded in DS's words: without any of
    /// its six criteria (`transactionType` alone is not one) it is "Missing required search
    /// criteria", at the root, with the six in the help; a date criterion with neither `from`
    /// nor `to` (`"creationDateTime": {}`) is reported at the criterion.
    ///
    /// ## Why it matters
    /// DS answers HTTP 400 to a request that lacks a required property; in a response, a
    /// missing property means the payload is not what the spec promises.
    ///
    /// ## Fix
    /// None: the missing value is data only the partner has.
    ///
    /// ## Example
    /// ```json update-request pointer=/leadOpportunity span="leadOpportunity"
    /// {"leadOpportunity": {"status": "QUALIFIED"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "QUALIFIED"}}
    /// ```
    pub static MISSING_REQUIRED = {
        code: "A4P102",
        name: "missing-required",
        category: Schema,
        severity: Error,
        summary: "A property the spec requires for this payload kind is missing",
    };
}

pub(crate) fn diagnostic(
    pointer: &str,
    properties: &[String],
    schema_path: &str,
    cx: &Context<'_>,
) -> Diagnostic {
    let where_ = if pointer.is_empty() && cx.kind == PayloadKind::ErrorResponse {
        error_body(cx.instance).to_owned()
    } else if pointer.is_empty() {
        format!("the {}", cx.kind)
    } else {
        format!("`{}`", display_path(pointer))
    };
    if cx.kind == PayloadKind::OrderSearchRequest && properties.len() > 1 {
        return order_search(pointer, properties, cx);
    }
    let (message, label, help) = match properties {
        [property] => {
            let described = cx
                .subschema_of_keyword(schema_path)
                .and_then(|s| s.get("properties")?.get(property)?.get("description"))
                .and_then(Value::as_str)
                .map(|d| d.lines().next().unwrap_or(d).trim().trim_end_matches('.'));
            (
                format!("{where_} is missing the required property `{property}`"),
                format!("`{property}` is required here"),
                match described {
                    Some(d) if !d.is_empty() => format!("add `\"{property}\"`: {d}"),
                    _ => format!("add `\"{property}\"`"),
                },
            )
        }
        _ => {
            let names = properties
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(" or ");
            (
                format!("{where_} needs at least one of {names}"),
                format!("{names} required here"),
                format!("add {names}"),
            )
        }
    };
    let mut diagnostic = Diagnostic::new(&MISSING_REQUIRED, pointer, cx.locate.object(pointer))
        .with_message(message)
        .with_label(label)
        .with_help(help);
    if cx.kind.is_request() {
        diagnostic = diagnostic.with_note("DS rejects a request without it (HTTP 400)");
    }
    diagnostic
}

/// The orders search's two `anyOf`s in DS's words: no criterion at all (at the root), or a
/// date criterion without bounds.
fn order_search(pointer: &str, properties: &[String], cx: &Context<'_>) -> Diagnostic {
    let names = properties
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let diagnostic = Diagnostic::new(&MISSING_REQUIRED, pointer, cx.locate.object(pointer));
    if pointer.is_empty() {
        let only_type = cx.instance.get("transactionType").is_some();
        return diagnostic
            .with_message(if only_type {
                "missing required search criteria: the orders search needs at least one \
                 criterion, and `transactionType` alone is not one"
            } else {
                "missing required search criteria: the orders search needs at least one \
                 criterion"
            })
            .with_label(if only_type {
                "`transactionType` only narrows a search"
            } else {
                "no search criterion"
            })
            .with_help(format!(
                "add at least one of {names} (combined with AND), e.g. \
                 `\"creationDateTime\": {{\"from\": \"2025-04-01T01:30:00Z\"}}`"
            ))
            .with_note(format!(
                "DS answers HTTP 400 \"Missing required search criteria\": \"Please specify at \
                 least one search criterion. Valid options include: {names}.\""
            ));
    }
    let criterion = display_path(pointer);
    diagnostic
        .with_message(format!("`{criterion}` has neither `from` nor `to`"))
        .with_label("no bound")
        .with_help(format!(
            "give `from`, `to` or both as UTC date-times (with one, DS computes the other from \
             the criterion's maximum window), or leave `{criterion}` out"
        ))
        .with_note(format!(
            "the spec's `orders_search_req` requires {} in each date criterion; DS rejects \
             the request (HTTP 400)",
            properties
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ))
}

/// Which error body the error-response schema checked, told as its `if`/`then`/`else` tells
/// them apart (see `model::errors::ErrorResponse`): a missing member belongs to that envelope.
fn error_body(body: &Value) -> &'static str {
    let array = |member: &str| body.get(member).is_some_and(Value::is_array);
    if body.get("message").is_some() {
        "the gateway's error body"
    } else if array("error") || array("data") {
        "the order family's error body (`{data: [], info, error: [...]}`)"
    } else if body.get("data").is_none()
        && body
            .get("info")
            .is_some_and(|info| info.get("estimatedSearchCount").is_some())
    {
        "the portfolio items' error body (`{info, error: {code, message}}`)"
    } else {
        "the leads' error body (`{info, error, data}`)"
    }
}
