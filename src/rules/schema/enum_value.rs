//! A4P101 `enum-value`: A code field holds a value outside the spec's list.
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::pointer::code_path;
use crate::rules::helpers::{show_list, show_value};
use crate::rules::schema_errors::Context;
use crate::suggest::nearest;

crate::declare_rule! {
    /// ## What it checks
    /// That a field with a closed set of codes holds one of them, exactly as the spec spells
    /// it: `status` (`lead-opportunity-status`, 8 values), `forecastCategory` (7),
    /// `reasonWon` (`reason_won`, 14), `reasonLost` (`reason_lost`, 43) and `revenueType` (5).
    /// Codes are case-sensitive. The help names the nearest allowed code and what it means
    /// (the spec's `x-enumDescriptions`).
    ///
    /// ## Why it matters
    /// DS answers HTTP 400 for a code outside the list; partners often send their CRM's own
    /// label (`"Won"`, `"upfront"`) instead of DS's code.
    ///
    /// ## Example
    /// ```json update-request pointer=/leadOpportunity/status span="WONN"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "WONN"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "WON"}}
    /// ```
    pub static ENUM_VALUE = {
        code: "A4P101",
        name: "enum-value",
        category: Schema,
        severity: Error,
        summary: "A code field holds a value outside the spec's list",
    };
}

pub(crate) fn diagnostic(
    pointer: &str,
    options: &[Value],
    schema_path: &str,
    cx: &Context<'_>,
) -> Diagnostic {
    let instance = crate::pointer::lookup(cx.instance, pointer).unwrap_or(&Value::Null);
    let codes: Vec<&Value> = options.iter().filter(|o| !o.is_null()).collect();
    let nullable = codes.len() < options.len();
    let descriptions = cx
        .subschema_of_keyword(schema_path)
        .and_then(|s| s.get("x-enumDescriptions"));
    let candidates = codes.iter().filter_map(|o| o.as_str());
    let closest = instance.as_str().and_then(|s| nearest(s, candidates));

    let mut help = String::new();
    if let Some(code) = closest {
        help.push_str(&format!("did you mean \"{code}\""));
        if let Some(meaning) = descriptions
            .and_then(|d| d.get(code))
            .and_then(Value::as_str)
        {
            help.push_str(&format!(" ({})", first_sentence(meaning)));
        }
        help.push_str("?\n");
    }
    help.push_str(&format!(
        "allowed values: {}{}",
        show_list(codes.iter().copied()),
        if nullable { ", or null" } else { "" }
    ));
    let mut diagnostic = Diagnostic::new(&ENUM_VALUE, pointer, cx.locate.value(pointer))
        .with_message(format!(
            "invalid value {} for {}",
            show_value(instance),
            code_path(pointer)
        ))
        .with_label(format!("not one of the {} allowed values", codes.len()))
        .with_help(help);
    if let Some(code) = closest {
        diagnostic = diagnostic.with_string_suggestion(code);
    }
    if cx.kind.is_request() {
        diagnostic =
            diagnostic.with_note("DS rejects a code outside the spec's list with HTTP 400");
    }
    diagnostic
}

/// The first sentence of a description, without its full stop: enough to recognise a code.
fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let end = text.find(". ").unwrap_or(text.len());
    text[..end].trim_end_matches('.')
}
