//! The JSON Schemas of the payload kinds, generated from the models and committed under
//! `schemas/` (`api4p-lint schema` writes them): [`embedded`] gives a kind's.
//!
//! Validation never touches the network or the disk: jsonschema is built without its HTTP
//! and file resolvers, and the schemas only refer inside themselves.

mod generate;

use std::sync::OnceLock;

use serde_json::Value;

// Hidden: how `schemas/` is made. Public for the binary (`api4p-lint schema`, which writes
// them) and `tests/schemas.rs`, `tests/models.rs` (the committed files are the generated ones).
#[doc(hidden)]
pub use generate::{generate, schema_file_name};

use crate::kind::PayloadKind;

/// The committed schema of `kind`, as embedded in the binary.
pub fn embedded(kind: PayloadKind) -> &'static str {
    match kind {
        PayloadKind::CreateRequest => include_str!("../../schemas/create-request.schema.json"),
        PayloadKind::UpdateRequest => include_str!("../../schemas/update-request.schema.json"),
        PayloadKind::SearchRequest => include_str!("../../schemas/search-request.schema.json"),
        PayloadKind::GetResponse => include_str!("../../schemas/get-response.schema.json"),
        PayloadKind::CreateResponse => include_str!("../../schemas/create-response.schema.json"),
        PayloadKind::UpdateResponse => include_str!("../../schemas/update-response.schema.json"),
        PayloadKind::SearchResponse => include_str!("../../schemas/search-response.schema.json"),
        PayloadKind::OrderSearchRequest => {
            include_str!("../../schemas/order-search-request.schema.json")
        }
        PayloadKind::OrderSearchResponse => {
            include_str!("../../schemas/order-search-response.schema.json")
        }
        PayloadKind::OrderGetResponse => {
            include_str!("../../schemas/order-get-response.schema.json")
        }
        PayloadKind::PriceListSearchResponse => {
            include_str!("../../schemas/price-list-search-response.schema.json")
        }
        PayloadKind::AccreditationSearchResponse => {
            include_str!("../../schemas/accreditation-search-response.schema.json")
        }
        PayloadKind::PortfolioSearchResponse => {
            include_str!("../../schemas/portfolio-search-response.schema.json")
        }
        PayloadKind::ApikeyResponse => include_str!("../../schemas/apikey-response.schema.json"),
        PayloadKind::ErrorResponse => include_str!("../../schemas/error-response.schema.json"),
    }
}

/// A schema document with its validator.
// Public, with `compiled` and `validator_options`, for the benches (`benches/lint.rs` times
// the validator alone) and the integration tests (`tests/fast_path.rs`, `tests/no_network.rs`).
#[doc(hidden)]
pub struct CompiledSchema {
    /// The schema document (to read descriptions, known properties, enum meanings).
    pub document: Value,
    /// The validator, shared by every call and thread.
    pub validator: jsonschema::Validator,
}

/// The compiled schema of `kind`: built on first use, then shared by every call and thread
/// for the life of the process.
#[doc(hidden)]
pub fn compiled(kind: PayloadKind) -> &'static CompiledSchema {
    static COMPILED: [OnceLock<CompiledSchema>; PayloadKind::ALL.len()] =
        [const { OnceLock::new() }; PayloadKind::ALL.len()];
    COMPILED[kind.index()].get_or_init(|| compile(kind))
}

fn compile(kind: PayloadKind) -> CompiledSchema {
    // The embedded schemas are checked by the test suite (they parse, they compile, they
    // match the models), so failing here is a build defect, not a user error.
    let document: Value = serde_json::from_str(embedded(kind))
        .unwrap_or_else(|e| panic!("embedded schema for {kind} is not JSON: {e}"));
    let validator = validator_options()
        .build(&document)
        .unwrap_or_else(|e| panic!("embedded schema for {kind} does not compile: {e}"));
    CompiledSchema {
        document,
        validator,
    }
}

/// The options every schema is compiled with: draft 2020-12, the linear-time `regex` engine
/// for `pattern`, `format` as an annotation (the date rules check dates, with better help).
#[doc(hidden)]
pub fn validator_options() -> jsonschema::ValidationOptions<'static> {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .with_pattern_options(jsonschema::PatternOptions::regex())
}

// Here, not beside the table in `model::enums`: the models sit below the schemas
// (tests/layers.rs), and this reads the schemas.
#[cfg(test)]
mod closed_enum_tests {
    use crate::kind::PayloadKind;
    use crate::model::enums::CLOSED_ENUMS;
    use serde_json::Value;

    /// Every code list in `$value`, depth first.
    fn code_lists<'a>(value: &'a Value, found: &mut Vec<Vec<&'a str>>) {
        match value {
            Value::Object(members) => {
                if let Some(Value::Array(codes)) = members.get("enum") {
                    found.push(codes.iter().filter_map(Value::as_str).collect());
                }
                members.values().for_each(|v| code_lists(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| code_lists(v, found)),
            _ => {}
        }
    }

    /// `UnknownCode::belongs_to` names the other lists from a hand-kept table: a closed
    /// enum added to the models and forgotten there would be silently missing from it.
    #[test]
    fn every_closed_enum_of_the_schemas_is_in_the_table() {
        let mut seen = 0;
        for kind in PayloadKind::ALL {
            let schema: Value = serde_json::from_str(super::embedded(kind)).unwrap();
            let mut lists = Vec::new();
            code_lists(&schema, &mut lists);
            for codes in lists {
                seen += 1;
                assert!(
                    CLOSED_ENUMS
                        .iter()
                        .any(|(_, known)| *known == codes.as_slice()),
                    "{kind}: the closed enum {codes:?} is missing from CLOSED_ENUMS"
                );
            }
        }
        assert!(seen >= CLOSED_ENUMS.len(), "only {seen} code lists found");
    }
}
