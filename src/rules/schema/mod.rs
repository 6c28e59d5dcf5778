//! Schema violations are rules too: each JSON Schema keyword family maps to one registered
//! code, so severity, `explain`, `--select/--ignore` and config overrides work the same for
//! schema findings and semantic ones.

use serde_json::Value;

pub mod enum_value;
pub mod invalid_string;
pub mod missing_required;
pub mod schema_violation;
pub mod too_few_items;
pub mod unknown_property;
pub mod wrong_type;

/// A value as a message shows it: compact JSON, cut after 40 characters.
pub(crate) fn show_value(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 40 {
        return text;
    }
    let cut: String = text.chars().take(37).collect();
    format!("{cut}…")
}

/// `a, b, c` (values as written in JSON, strings without quotes).
pub(crate) fn show_list<'a>(values: impl IntoIterator<Item = &'a Value>) -> String {
    values
        .into_iter()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        .collect::<Vec<_>>()
        .join(", ")
}
