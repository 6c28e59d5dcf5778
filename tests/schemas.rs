//! The committed schemas (`schemas/<kind>.schema.json`) are exactly what the models generate,
//! and each compiles as a draft 2020-12 schema.
//!
//! After changing a model, regenerate them with `UPDATE_SCHEMAS=1 cargo test --test schemas`.

mod common;

use std::path::PathBuf;

use api4p_lint::kind::PayloadKind;
use api4p_lint::schema::{generate, schema_file_name};
use serde_json::Value;

fn schema_path(kind: PayloadKind) -> PathBuf {
    common::manifest_dir()
        .join("schemas")
        .join(schema_file_name(kind))
}

fn update_requested() -> bool {
    std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| v == "1")
}

/// The text a schema file must hold.
fn rendered(kind: PayloadKind) -> String {
    let mut text = serde_json::to_string_pretty(&generate(kind)).expect("a schema serializes");
    text.push('\n');
    text
}

#[test]
fn committed_schemas_match_the_models() {
    let update = update_requested();
    let mut stale = Vec::new();
    for kind in PayloadKind::ALL {
        let path = schema_path(kind);
        let expected = rendered(kind);
        if update {
            std::fs::create_dir_all(path.parent().expect("schemas/ has a parent"))
                .expect("create schemas/");
            let current = std::fs::read_to_string(&path).ok();
            if current.as_deref() != Some(expected.as_str()) {
                std::fs::write(&path, &expected)
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
                eprintln!("updated {}", path.display());
            }
            continue;
        }
        let committed = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                stale.push(format!("{} cannot be read ({e})", path.display()));
                continue;
            }
        };
        // Compared as JSON values, so that the test does not depend on the key order of
        // serde_json's maps (which a `preserve_order` feature elsewhere in the build may change).
        let committed: Value = match serde_json::from_str(&committed) {
            Ok(value) => value,
            Err(e) => {
                stale.push(format!("{} is not valid JSON ({e})", path.display()));
                continue;
            }
        };
        if committed != generate(kind) {
            stale.push(format!(
                "{} differs from the schema generated from the models",
                path.display()
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nrun `UPDATE_SCHEMAS=1 cargo test --test schemas` to regenerate the committed schemas",
        stale.join("\n")
    );
}

#[test]
fn committed_schemas_compile() {
    for kind in PayloadKind::ALL {
        let path = schema_path(kind);
        // While the files are being rewritten (by the test above, in parallel), check what is
        // being written.
        let schema: Value = if update_requested() {
            generate(kind)
        } else {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
        };
        if let Err(e) = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .with_pattern_options(jsonschema::PatternOptions::regex())
            .build(&schema)
        {
            panic!("{} does not compile: {e}", path.display());
        }
    }
}

#[test]
fn schemas_have_id_title_and_draft() {
    for kind in PayloadKind::ALL {
        let schema = generate(kind);
        assert_eq!(
            schema["$id"],
            format!(
                "https://schemas.api4p-lint.dev/0.10.0/{}.schema.json",
                kind.name()
            ),
            "{kind}"
        );
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{kind}"
        );
        // The title names the operation: its method and path (or the error statuses).
        let title = schema["title"].as_str().expect("a title");
        assert!(title.starts_with("API4Partners "), "{kind}: {title}");
        let operation = match kind {
            PayloadKind::ErrorResponse => "401, 403, 429",
            PayloadKind::OrderSearchRequest | PayloadKind::OrderSearchResponse => {
                "POST /order/api4partners/v0/orders/search)"
            }
            PayloadKind::OrderGetResponse => "GET /order/api4partners/v0/orders/{id})",
            PayloadKind::PriceListSearchResponse => {
                "GET /order/api4partners/v0/price-lists/search)"
            }
            PayloadKind::AccreditationSearchResponse => {
                "GET /order/api4partners/v0/accreditations/search)"
            }
            PayloadKind::PortfolioSearchResponse => {
                "GET /sales/api4partners/v0/portfolio-items/search)"
            }
            PayloadKind::ApikeyResponse => "POST /order/api4partners/v0/apikeys)",
            _ => "/sales/api4partners/v0/leads-opportunities",
        };
        assert!(title.contains(operation), "{kind}: {title}");
        assert_eq!(
            schema_file_name(kind),
            format!("{}.schema.json", kind.name())
        );
    }
}

#[test]
fn generation_is_deterministic() {
    for kind in PayloadKind::ALL {
        assert_eq!(rendered(kind), rendered(kind), "{kind}");
    }
}

/// The lead-opportunity object of a kind's schema (`$ref`s followed).
fn lead_opportunity(kind: PayloadKind) -> serde_json::Map<String, Value> {
    let schema = generate(kind);
    let path: &[&str] = match kind {
        PayloadKind::GetResponse => &["data", "leadOpportunity"],
        _ => &["leadOpportunity"],
    };
    let defs = &schema["$defs"];
    let resolve = |node: &Value| {
        let mut node = node.clone();
        while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            let name = reference.rsplit('/').next().unwrap().to_owned();
            node = defs[name.as_str()].clone();
        }
        node
    };
    let mut node = resolve(&schema);
    for member in path {
        node = resolve(&node["properties"][member]);
    }
    node["properties"].as_object().unwrap().clone()
}

/// A property's type as the three schemas must agree on it: what the GET response alone
/// adds (`null`, which DS sends for unset fields; no `format`, which the spec's GET component
/// leaves out) set aside, and descriptions compared on their own.
fn shape(property: &Value) -> Value {
    match property {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "description" | "format"))
                .map(|(k, v)| {
                    let v = match (k.as_str(), v) {
                        ("type", Value::Array(types)) => {
                            let kept: Vec<&Value> = types.iter().filter(|t| *t != "null").collect();
                            match kept.as_slice() {
                                [one] => (*one).clone(),
                                _ => Value::Array(kept.into_iter().cloned().collect()),
                            }
                        }
                        _ => shape(v),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Where the spec itself words a shared property differently: (property, the kinds whose
/// description differs from the create request's, why).
const SPEC_WORDS_IT_DIFFERENTLY: &[(&str, &[PayloadKind], &str)] = &[
    (
        "closeDate",
        &[PayloadKind::GetResponse],
        "the GET component leaves out \"(like YYYY-MM-DDThh:mm:ss.sssZ)\"",
    ),
    (
        "nextMilestoneDate",
        &[PayloadKind::GetResponse],
        "the GET component leaves out \"(like YYYY-MM-DDThh:mm:ss.sssZ)\"",
    ),
    (
        "competitors",
        &[PayloadKind::GetResponse],
        "the GET component has no note on how valid values are distributed",
    ),
    (
        "dsOwnerEmail",
        &[PayloadKind::UpdateRequest, PayloadKind::GetResponse],
        "only the create component notes the default at creation",
    ),
    (
        "forecastCategory",
        &[PayloadKind::UpdateRequest, PayloadKind::GetResponse],
        "only the create component notes what happens at creation",
    ),
    (
        "reasonWon",
        &[PayloadKind::UpdateRequest, PayloadKind::GetResponse],
        "only the create component notes the default; the GET one says \"reason(s)\"",
    ),
    (
        "reasonLost",
        &[PayloadKind::UpdateRequest, PayloadKind::GetResponse],
        "only the create component notes the default; the GET one is worded anew",
    ),
];

/// The lead-opportunity's properties are written three times on purpose (create, update and
/// GET models): those the three share must have the same names, types and descriptions,
/// except where the spec itself words a description differently (listed above, and each
/// listed difference must still be there).
#[test]
fn shared_lead_opportunity_properties_agree_across_create_update_and_get() {
    let create = lead_opportunity(PayloadKind::CreateRequest);
    let update = lead_opportunity(PayloadKind::UpdateRequest);
    let get = lead_opportunity(PayloadKind::GetResponse);
    let names: Vec<&String> = create.keys().collect();
    assert_eq!(
        names,
        update.keys().collect::<Vec<_>>(),
        "create and update requests carry the same lead-opportunity properties"
    );
    assert!(names.len() >= 16, "{names:?}");
    let mut problems = Vec::new();
    for name in names {
        let Some(in_get) = get.get(name) else {
            problems.push(format!("{name}: not in the GET response"));
            continue;
        };
        let description = |p: &Value| p.get("description").cloned();
        for (kind, property) in [
            (PayloadKind::UpdateRequest, &update[name]),
            (PayloadKind::GetResponse, in_get),
        ] {
            if shape(property) != shape(&create[name]) {
                problems.push(format!(
                    "{name}: its type in {kind} differs from the create request's"
                ));
            }
            let listed = SPEC_WORDS_IT_DIFFERENTLY
                .iter()
                .any(|(p, kinds, _)| p == name && kinds.contains(&kind));
            let differs = description(property) != description(&create[name]);
            if differs != listed {
                problems.push(format!(
                    "{name}: its description in {kind} {} the create request's{}",
                    if differs { "differs from" } else { "is again" },
                    if listed {
                        " (listed in SPEC_WORDS_IT_DIFFERENTLY: remove it)"
                    } else {
                        ""
                    }
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
