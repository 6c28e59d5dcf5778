//! A4P102 `missing-required`: A property the spec requires for this payload kind is missing.
use serde_json::Value;

use crate::diagnostic::Diagnostic;
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
    /// ## Why it matters
    /// DS answers HTTP 400 to a request that lacks a required property; in a response, a
    /// missing property means the payload is not what the spec promises.
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
    let where_ = if pointer.is_empty() {
        format!("the {}", cx.kind)
    } else {
        format!("`{}`", display_path(pointer))
    };
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
