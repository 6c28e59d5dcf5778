//! What the kind's embedded JSON Schema says at a cursor: a member's description, the codes
//! a closed enum allows and what each means (the spec's `x-enumDescriptions`), the known
//! values of an open vocabulary, and the properties an object takes. The schemas are the
//! committed ones the linter checks with ([`api4p_lint::schema::embedded`]).

use std::collections::HashMap;
use std::sync::OnceLock;

use api4p_lint::{schema, PayloadKind};
use serde_json::Value;

use super::cursor::Step;

/// Every kind's schema, parsed once.
fn schemas() -> &'static HashMap<PayloadKind, Value> {
    static SCHEMAS: OnceLock<HashMap<PayloadKind, Value>> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        PayloadKind::ALL
            .iter()
            .map(|&kind| {
                (
                    kind,
                    serde_json::from_str(schema::embedded(kind)).unwrap_or_default(),
                )
            })
            .collect()
    })
}

/// What the schema says of one place.
#[derive(Debug, Default)]
pub(crate) struct Node<'s> {
    /// The member's own description, else its type's.
    pub(crate) description: Option<&'s str>,
    /// The closed set of codes, in the spec's order, with each one's meaning.
    pub(crate) codes: Vec<(&'s str, Option<&'s str>)>,
    /// Whether `codes` is an open vocabulary's known values (others are accepted).
    pub(crate) open: bool,
    /// The properties of an object, with their descriptions and whether they are required.
    pub(crate) properties: Vec<(&'s str, Option<&'s str>, bool)>,
}

/// The schema of `kind` at `path`, if the path leads anywhere in it.
pub(crate) fn node(kind: PayloadKind, path: &[Step]) -> Option<Node<'static>> {
    let root = schemas().get(&kind)?;
    let mut at = resolve(root, root);
    let mut description = None;
    for step in path {
        let (next, own) = child(root, at, step)?;
        description = own;
        at = resolve(root, next);
    }
    let mut node = describe(root, at);
    if description.is_some() {
        node.description = description;
    }
    Some(node)
}

/// `schema` with its `$ref` followed and a nullable wrapper (`anyOf: [X, {type: null}]`)
/// opened, a bounded number of times (a schema that refers to itself stops).
fn resolve<'s>(root: &'s Value, mut schema: &'s Value) -> &'s Value {
    for _ in 0..16 {
        if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
            match target
                .strip_prefix("#/$defs/")
                .and_then(|name| root.get("$defs")?.get(name))
            {
                Some(next) => schema = next,
                None => return schema,
            }
            continue;
        }
        let branches = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array);
        let Some(branches) = branches else {
            return schema;
        };
        let mut real = branches
            .iter()
            .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"));
        match (real.next(), real.next()) {
            (Some(only), None) => schema = only,
            _ => return schema,
        }
    }
    schema
}

/// The schema of `step` inside `schema`, and the member's own description.
fn child<'s>(
    root: &'s Value,
    schema: &'s Value,
    step: &Step,
) -> Option<(&'s Value, Option<&'s str>)> {
    match step {
        Step::Key(key) => {
            let found = |s: &'s Value| s.get("properties")?.get(key.as_str());
            let member = found(schema).or_else(|| {
                // A union of object shapes: the first branch that has the member.
                ["anyOf", "oneOf", "allOf"]
                    .iter()
                    .filter_map(|k| schema.get(*k)?.as_array())
                    .flatten()
                    .find_map(|b| found(resolve(root, b)))
            })?;
            Some((member, member.get("description").and_then(Value::as_str)))
        }
        Step::Index(_) => Some((schema.get("items")?, None)),
    }
}

fn describe<'s>(root: &'s Value, schema: &'s Value) -> Node<'s> {
    let mut node = Node {
        description: schema.get("description").and_then(Value::as_str),
        ..Node::default()
    };
    let meanings = schema.get("x-enumDescriptions");
    let meaning = |code: &str| meanings.and_then(|m| m.get(code)).and_then(Value::as_str);
    if let Some(codes) = schema.get("enum").and_then(Value::as_array) {
        node.codes = codes
            .iter()
            .filter_map(Value::as_str)
            .map(|c| (c, meaning(c)))
            .collect();
    } else if let Some(known) = schema.get("x-knownValues").and_then(Value::as_array) {
        node.open = true;
        node.codes = known
            .iter()
            .filter_map(Value::as_str)
            .map(|c| (c, meaning(c)))
            .collect();
    }
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        node.properties = properties
            .iter()
            .map(|(name, member)| {
                let description = member
                    .get("description")
                    .and_then(Value::as_str)
                    .or_else(|| resolve(root, member).get("description")?.as_str());
                (
                    name.as_str(),
                    description,
                    required.contains(&name.as_str()),
                )
            })
            .collect();
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.to_owned())
    }

    #[test]
    fn a_closed_enum_has_its_codes_and_their_meanings() {
        let status = node(
            PayloadKind::UpdateRequest,
            &[key("leadOpportunity"), key("status")],
        )
        .unwrap();
        assert_eq!(
            status.description,
            Some("Status of the lead-opportunity (LEVERAGE Process).")
        );
        assert_eq!(status.codes.len(), 8);
        assert!(status.codes.contains(&("WON", Some("Won opportunity"))));
        assert!(!status.open);
    }

    #[test]
    fn objects_list_their_properties_through_arrays_and_refs() {
        let line = node(
            PayloadKind::CreateRequest,
            &[key("offerLines"), Step::Index(3)],
        )
        .unwrap();
        let names: Vec<&str> = line.properties.iter().map(|p| p.0).collect();
        assert!(names.contains(&"revenueType"), "{names:?}");
        assert!(node(PayloadKind::CreateRequest, &[key("nope")]).is_none());
    }
}
