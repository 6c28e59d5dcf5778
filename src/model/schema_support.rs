//! Helpers that shape the JSON Schemas schemars derives from the models.
//!
//! The models are the source of the committed schemas (`schemas/*.schema.json`); these helpers
//! turn schemars' defaults into the shapes the linter relies on:
//!
//! * [`plain_string_enum`] rewrites a `oneOf` of documented `const` strings (schemars' shape for
//!   a unit enum whose variants carry doc comments) into one `{"type": "string", "enum": [...],
//!   "x-enumDescriptions": {...}}`, so that a wrong value yields exactly one `enum` error;
//! * [`close_objects`] adds `"additionalProperties": false` to every object schema that lists
//!   `properties` and says nothing about other members, so that unknown (often misspelled)
//!   members are reported;
//! * [`unwrap_description`] joins the lines of a doc comment's paragraph, so that a
//!   `description` reads as the spec wrote it rather than as rustfmt wrapped it;
//! * [`null_only`] and [`nullable_string`] are `schema_with` helpers for members whose schema is
//!   not the one of their Rust type.

use schemars::{json_schema, Schema, SchemaGenerator};
use serde_json::{Map, Value};

/// Rewrites a `oneOf` whose branches are all `{"const": "<string>", "description"?, "type"?:
/// "string"}` into `{"type": "string", "enum": [...], "x-enumDescriptions": {value: text}}`.
///
/// Any other schema is left untouched, so the function can be applied to a single enum (with
/// `#[schemars(transform = plain_string_enum)]`) or to every subschema (wrapped in
/// [`schemars::transform::RecursiveTransform`]). The order of the values is kept.
pub fn plain_string_enum(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let Some(Value::Array(branches)) = obj.get("oneOf") else {
        return;
    };
    let mut values = Vec::with_capacity(branches.len());
    let mut descriptions = Map::new();
    for branch in branches {
        let Some(branch) = branch.as_object() else {
            return;
        };
        let Some(Value::String(code)) = branch.get("const") else {
            return;
        };
        let only_known_keys = branch.iter().all(|(key, value)| match key.as_str() {
            "const" => true,
            "type" => value == "string",
            "description" => value.is_string(),
            _ => false,
        });
        if !only_known_keys {
            return;
        }
        values.push(Value::String(code.clone()));
        if let Some(description) = branch.get("description") {
            descriptions.insert(code.clone(), description.clone());
        }
    }
    obj.remove("oneOf");
    obj.insert("type".to_owned(), "string".into());
    obj.insert("enum".to_owned(), Value::Array(values));
    if !descriptions.is_empty() {
        obj.insert("x-enumDescriptions".to_owned(), Value::Object(descriptions));
    }
}

/// Adds `"additionalProperties": false` to a schema that has `properties` but no
/// `additionalProperties` (nor `unevaluatedProperties`).
///
/// Not recursive by itself: wrap it in [`schemars::transform::RecursiveTransform`] to close every
/// object of a schema. Free-form objects (`serde_json::Map`, `additionalProperties: true`) and
/// schemas without `properties` (such as `{"required": [...]}` branches) are left open.
pub fn close_objects(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    if obj.contains_key("properties")
        && !obj.contains_key("additionalProperties")
        && !obj.contains_key("unevaluatedProperties")
    {
        obj.insert("additionalProperties".to_owned(), false.into());
    }
}

/// Joins the hard-wrapped lines of each paragraph of the schema's `description` with spaces,
/// keeping paragraph breaks (`\n\n`) and paragraphs that are tables or lists (a line starting
/// with `|`, `- ` or `* `) as they are.
///
/// Not recursive by itself: wrap it in [`schemars::transform::RecursiveTransform`].
pub fn unwrap_description(schema: &mut Schema) {
    let Some(Value::String(description)) = schema
        .as_object_mut()
        .and_then(|obj| obj.get_mut("description"))
    else {
        return;
    };
    if !description.contains('\n') {
        return;
    }
    let paragraphs: Vec<String> = description
        .split("\n\n")
        .map(|paragraph| {
            let structured = paragraph.lines().any(|line| {
                let line = line.trim_start();
                line.starts_with('|') || line.starts_with("- ") || line.starts_with("* ")
            });
            if structured {
                paragraph.to_owned()
            } else {
                paragraph
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        })
        .collect();
    *description = paragraphs.join("\n\n");
}

/// Schema of a member that the spec types as `null` only (e.g. `traceId` and `error` in the
/// successful GET response): `{"type": "null"}`.
pub fn null_only(_generator: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "null" })
}

/// Schema of a string that may be `null`: `{"type": ["string", "null"]}`. Used for members that
/// are required but nullable (`#[schemars(required, schema_with = "nullable_string")]`), since
/// `#[schemars(required)]` on an `Option<String>` would drop the `null`.
pub fn nullable_string(_generator: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["string", "null"] })
}

/// Schema of a date that may be `null`: `{"type": ["string", "null"], "format": "date"}` (the
/// price list's `effectiveDate`, which the spec shows as `null`).
pub fn nullable_date(_generator: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["string", "null"], "format": "date" })
}
