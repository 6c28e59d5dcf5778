//! A4P104 `wrong-type`: A value has the wrong JSON type.
use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::pointer::code_path;
use crate::rules::helpers::show_value;
use crate::rules::schema_errors::{value_type_name, Context};
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That each value has the JSON type the spec gives it: `amount` a number, ids and dates
    /// strings (`partnerId` is a string of digits, not a number), lists arrays, and `null` only
    /// where the spec allows it (the GET response allows it almost everywhere, requests almost
    /// nowhere).
    ///
    /// ## Why it matters
    /// DS answers HTTP 400 to a value of the wrong type; a number where a string id is
    /// expected can also lose leading zeros or precision on the way.
    ///
    /// ## Example
    /// ```json update-request pointer=/offerLines/0/amount span="13800"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}, "offerLines": [{"offerNameId": "X", "amount": "13800"}]}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}, "offerLines": [{"offerNameId": "X", "amount": 13800, "revenueType": "UPFRONT"}]}
    /// ```
    pub static WRONG_TYPE = {
        code: "A4P104",
        name: "wrong-type",
        category: Schema,
        severity: Error,
        summary: "A value has the wrong JSON type",
    };
}

pub(crate) fn diagnostic(
    pointer: &str,
    expected: &BTreeSet<&'static str>,
    cx: &Context<'_>,
) -> Diagnostic {
    let instance = crate::pointer::lookup(cx.instance, pointer).unwrap_or(&Value::Null);
    let found = value_type_name(instance);
    // "integer" is a kind of "number"; naming both would read oddly.
    let mut names: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|t| !(*t == "integer" && expected.contains("number")))
        .collect();
    names.sort_by_key(|t| *t == "null");
    let wanted = match names.as_slice() {
        [] => "another type".to_owned(),
        [one] => article(one),
        [init @ .., last] => format!(
            "{} or {}",
            init.iter()
                .map(|t| article(t))
                .collect::<Vec<_>>()
                .join(", "),
            article(last)
        ),
    };
    let mut diagnostic = Diagnostic::new(&WRONG_TYPE, pointer, cx.locate.value(pointer))
        .with_message(format!(
            "{} must be {wanted}, not {}",
            code_path(pointer),
            article(found)
        ))
        // `null` names its type and its value at once.
        .with_label(match instance {
            Value::Null => "null".to_owned(),
            _ => format!("{found} {}", show_value(instance)),
        });
    // The two slips people make: quoting a number, and leaving a string id unquoted.
    match instance {
        Value::String(s) if expected.contains("number") || expected.contains("integer") => {
            if let Ok(n) = s.trim().parse::<f64>() {
                if n.is_finite() {
                    diagnostic = diagnostic
                        .with_help("write the number without quotes")
                        .with_suggestion(payload(s.trim()));
                }
            }
        }
        Value::Number(n) if expected.contains("string") => {
            diagnostic = diagnostic
                .with_help("write the value as a string, in quotes")
                .with_string_suggestion(payload(n));
        }
        _ => {}
    }
    diagnostic
}

fn article(type_name: &str) -> String {
    match type_name {
        "null" => "null".to_owned(),
        "integer" | "array" | "object" => format!("an {type_name}"),
        _ => format!("a {type_name}"),
    }
}
