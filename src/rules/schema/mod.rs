//! Schema violations are rules too: each JSON Schema keyword family maps to one
//! registered code, so severity, `explain`, `--select/--ignore` and config overrides work
//! the same for schema findings and semantic ones. What jsonschema reports is reduced to
//! one error per place first (`rules::schema_errors`).

pub mod enum_value;
pub mod invalid_string;
pub mod missing_required;
pub mod schema_violation;
pub mod too_few_items;
pub mod unknown_property;
pub mod wrong_type;
