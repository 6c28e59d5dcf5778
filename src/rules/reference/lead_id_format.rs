//! A4P603 `lead-id-format`: `partnerLeadOpportunityId` does not follow the partner's own
//! format.
use serde_json::Value;

use crate::config::IdPattern;
use crate::rules::Checker;

crate::declare_rule! {
    /// ## What it checks
    /// When the partner gives the format of its own CRM's identifiers as a regular expression
    /// (`[reference] lead-id-pattern = "..."`), that the lead-opportunity's
    /// `partnerLeadOpportunityId` (in create and update requests and in the GET response)
    /// matches it, whole: the pattern is anchored at both ends. Without a pattern the rule
    /// does nothing.
    ///
    /// The pattern is compiled once, when the configuration is read, with the `regex`
    /// crate's syntax and linear-time matching, within a size limit of 1 MiB; a pattern that
    /// does not compile, or compiles too big, is an A4P901 finding in `api4p-lint.toml`.
    ///
    /// ## Why it matters
    /// The spec's `partnerLeadOpportunityId`: "Unique Identifier of the lead-opportunity in
    /// the CRM system of the 3DS partner"; every later update and read names the
    /// lead-opportunity by it. An id that does not follow the CRM's format (a display
    /// name, an internal row number, a whitespace-padded copy) is accepted by DS and creates a
    /// lead-opportunity the partner's sync can never find again.
    ///
    /// ## Fix
    /// None: the partner's own id is data only the partner has.
    ///
    /// ## Example
    /// With `lead-id-pattern = "CRM-LEAD-[0-9]{4}"`, an id with a row number in place of
    /// the CRM's:
    /// ```json update-request pointer=/leadOpportunity/partnerLeadOpportunityId span="CRM-LEAD-48172"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-48172"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}}
    /// ```
    pub static LEAD_ID_FORMAT = {
        code: "A4P603",
        name: "lead-id-format",
        category: Reference,
        severity: Error,
        summary: "partnerLeadOpportunityId does not follow the partner's configured format",
    };
}

/// The pattern the rule's documented example is checked against.
// Public for `tests/rules.rs`, which runs the documented examples with it.
#[doc(hidden)]
pub const EXAMPLE_PATTERN: &str = "CRM-LEAD-[0-9]{4}";

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(pattern) = cx.config().reference().lead_id_pattern.as_ref() else {
        return;
    };
    let Some((lead, object)) = cx.lead_opportunity() else {
        return;
    };
    let Some(id) = object
        .get("partnerLeadOpportunityId")
        .and_then(Value::as_str)
    else {
        return;
    };
    if pattern.matches(id) {
        return;
    }
    not_in_format(cx, lead, pattern);
}

/// An id the partner's own pattern does not match.
fn not_in_format(cx: &mut Checker<'_>, lead: &str, pattern: &IdPattern) {
    cx.at_value(format!("{lead}/partnerLeadOpportunityId"))
        .field_message("does not follow this partner's format for its CRM ids")
        .label("not in the configured format")
        .help(format!(
            "api4p-lint.toml's `lead-id-pattern` is `{}`: write the id the CRM gave this \
             lead-opportunity",
            pattern.as_str()
        ))
        .note(
            "DS keys every later update and read on this id (\"Unique Identifier of the \
             lead-opportunity in the CRM system of the 3DS partner\")",
        )
        .report();
}
