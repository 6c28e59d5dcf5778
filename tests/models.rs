//! The models against the spec's own examples (copied into `tests/fixtures/spec/<kind>/`) and the
//! committed schemas:
//!
//! * every fixture deserializes into its kind's model and serializes back to the same JSON;
//! * every fixture validates against its kind's committed schema with no error;
//! * the schemas do constrain (missing required members, wrong enum values, unknown members,
//!   empty offer lines, lowercase currencies... each give the expected single error).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use api4p_lint::kind::PayloadKind;
use api4p_lint::model::{
    ApprovalStatus, CreateLeadOpportunityRequest, CreateLeadOpportunityResponse, ErrorResponse,
    ForecastCategory, GetLeadOpportunityResponse, LeadOpportunityStatus, Nullable, ReasonLost,
    ReasonWon, RevenueType, Salutation, SearchLeadOpportunitiesRequest,
    SearchLeadOpportunitiesResponse, UpdateLeadOpportunityRequest, UpdateLeadOpportunityResponse,
};
use jsonschema::error::ValidationErrorKind;
use jsonschema::Validator;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use common::{manifest_dir, sorted_entries};

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

/// The fixtures of a kind, sorted by file name.
fn fixtures(kind: PayloadKind) -> Vec<(PathBuf, Value)> {
    sorted_entries(&manifest_dir().join("tests/fixtures/spec").join(kind.name()))
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let value = read_json(&path);
            (path, value)
        })
        .collect()
}

/// A validator for a kind's committed schema (`schemas/<kind>.schema.json`), formats not
/// asserted.
fn validator(kind: PayloadKind) -> Validator {
    let path = manifest_dir()
        .join("schemas")
        .join(format!("{}.schema.json", kind.name()));
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .with_pattern_options(jsonschema::PatternOptions::regex())
        .build(&read_json(&path))
        .unwrap_or_else(|e| panic!("{} does not compile: {e}", path.display()))
}

/// The errors of `instance` against a kind's schema, as (instance path, keyword, error).
fn errors(kind: PayloadKind, instance: &Value) -> Vec<(String, String, String)> {
    let validator = validator(kind);
    validator
        .iter_errors(instance)
        .map(|error| {
            (
                error.instance_path().as_str().to_owned(),
                error.kind().keyword().to_owned(),
                error.to_string(),
            )
        })
        .collect()
}

/// Asserts that `instance` gives exactly one error, with the given path and keyword.
fn assert_single_error(kind: PayloadKind, instance: &Value, path: &str, keyword: &str) {
    let found = errors(kind, instance);
    assert_eq!(
        found.len(),
        1,
        "expected exactly one `{keyword}` error at `{path}`, got {found:#?}"
    );
    assert_eq!(found[0].0, path, "{found:#?}");
    assert_eq!(found[0].1, keyword, "{found:#?}");
}

fn round_trip_as<T: DeserializeOwned + Serialize>(value: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

/// Deserializes `value` into the model of `kind` and serializes it back.
fn round_trip(kind: PayloadKind, value: &Value) -> Result<Value, String> {
    match kind {
        PayloadKind::CreateRequest => round_trip_as::<CreateLeadOpportunityRequest>(value),
        PayloadKind::UpdateRequest => round_trip_as::<UpdateLeadOpportunityRequest>(value),
        PayloadKind::SearchRequest => round_trip_as::<SearchLeadOpportunitiesRequest>(value),
        PayloadKind::GetResponse => round_trip_as::<GetLeadOpportunityResponse>(value),
        PayloadKind::CreateResponse => round_trip_as::<CreateLeadOpportunityResponse>(value),
        PayloadKind::UpdateResponse => round_trip_as::<UpdateLeadOpportunityResponse>(value),
        PayloadKind::SearchResponse => round_trip_as::<SearchLeadOpportunitiesResponse>(value),
        PayloadKind::ErrorResponse => round_trip_as::<ErrorResponse>(value),
    }
}

fn seed() -> Value {
    read_json(&manifest_dir().join("tests/fixtures/spec/get-response/seed.json"))
}

fn create_request() -> Value {
    read_json(&manifest_dir().join("tests/fixtures/spec/create-request/createLeadBasic.json"))
}

// ---------------------------------------------------------------------------------------------
// Fixtures

#[test]
fn every_kind_has_fixtures() {
    for kind in PayloadKind::ALL {
        assert!(!fixtures(kind).is_empty(), "no fixture for {kind}");
    }
    assert!(manifest_dir()
        .join("tests/fixtures/spec/get-response/seed.json")
        .is_file());
}

#[test]
fn fixtures_round_trip_through_the_models() {
    let mut failures = Vec::new();
    for kind in PayloadKind::ALL {
        for (path, value) in fixtures(kind) {
            match round_trip(kind, &value) {
                Ok(back) if back == value => {}
                Ok(back) => failures.push(format!(
                    "{}: round trip changed the payload:\n{}",
                    path.display(),
                    serde_json::to_string_pretty(&back).unwrap()
                )),
                Err(e) => failures.push(format!("{}: does not deserialize: {e}", path.display())),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixtures_validate_against_their_schema() {
    let mut failures = Vec::new();
    for kind in PayloadKind::ALL {
        let validator = validator(kind);
        for (path, value) in fixtures(kind) {
            let found: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| format!("  {} at `{}`", e, e.instance_path()))
                .collect();
            if !found.is_empty() {
                failures.push(format!("{}:\n{}", path.display(), found.join("\n")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn error_fixtures_pick_the_right_variant() {
    for (path, value) in fixtures(PayloadKind::ErrorResponse) {
        let typed: ErrorResponse = serde_json::from_value(value.clone()).unwrap();
        let is_gateway = value.get("message").is_some();
        assert_eq!(
            matches!(typed, ErrorResponse::Gateway(_)),
            is_gateway,
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_seed_keeps_its_explicit_nulls() {
    let typed: GetLeadOpportunityResponse = serde_json::from_value(seed()).unwrap();
    assert!(typed.error.is_null());
    let details = typed.data.lead_opportunity.as_ref().unwrap();
    assert_eq!(details.status, Some(LeadOpportunityStatus::Won));
    assert_eq!(
        details.reason_lost,
        Nullable::Value(vec![ReasonLost::Empty])
    );
    assert!(details.competitors.is_null());
    assert!(details.partner_contact.is_null());
    assert_eq!(
        details.approval_status,
        Nullable::Value(ApprovalStatus::PreApproved)
    );
    let contacts = details.customer_contact.value().unwrap();
    assert_eq!(contacts[0].salutation, Some(Salutation::MrUpper));
    let entity = details.customer_legal_entity.as_ref().unwrap();
    assert_eq!(entity.name, None);
    assert!(entity.duns_number.is_null());
}

// ---------------------------------------------------------------------------------------------
// The schemas constrain

#[test]
fn create_request_requires_offer_lines() {
    let mut request = create_request();
    request.as_object_mut().unwrap().remove("offerLines");
    let found = errors(PayloadKind::CreateRequest, &request);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "");
    assert_eq!(found[0].1, "required");
    assert!(found[0].2.contains("offerLines"), "{found:#?}");
}

#[test]
fn wrong_status_is_one_enum_error() {
    let mut request = create_request();
    request["leadOpportunity"]["status"] = json!("WONN");
    assert_single_error(
        PayloadKind::CreateRequest,
        &request,
        "/leadOpportunity/status",
        "enum",
    );
    let validator = validator(PayloadKind::CreateRequest);
    let error = validator.iter_errors(&request).next().unwrap();
    match error.kind() {
        ValidationErrorKind::Enum { options } => {
            assert_eq!(options.as_array().unwrap().len(), 8);
        }
        other => panic!("expected an Enum error, got {other:?}"),
    }
}

#[test]
fn unknown_member_is_an_additional_properties_error_at_its_parent() {
    let mut request = create_request();
    request["customerContact"] = json!([]);
    let validator = validator(PayloadKind::CreateRequest);
    let found: Vec<_> = validator.iter_errors(&request).collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].instance_path().as_str(), "");
    match found[0].kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            assert_eq!(unexpected, &vec!["customerContact".to_owned()]);
        }
        other => panic!("expected AdditionalProperties, got {other:?}"),
    }
    // ... while the typed model still accepts it.
    let typed: CreateLeadOpportunityRequest = serde_json::from_value(request).unwrap();
    assert_eq!(typed.offer_lines.len(), 1);
}

#[test]
fn offer_lines_must_not_be_empty_on_create_only() {
    let mut request = create_request();
    request["offerLines"] = json!([]);
    assert_single_error(
        PayloadKind::CreateRequest,
        &request,
        "/offerLines",
        "minItems",
    );
    let update = json!({
        "leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"},
        "offerLines": []
    });
    assert!(errors(PayloadKind::UpdateRequest, &update).is_empty());
}

#[test]
fn lowercase_currency_fails_the_pattern() {
    let mut request = create_request();
    request["leadOpportunity"]["currency"] = json!("eur");
    assert_single_error(
        PayloadKind::CreateRequest,
        &request,
        "/leadOpportunity/currency",
        "pattern",
    );
    request["leadOpportunity"]["currency"] = json!("EURO");
    let keywords: BTreeSet<String> = errors(PayloadKind::CreateRequest, &request)
        .into_iter()
        .map(|(_, keyword, _)| keyword)
        .collect();
    assert!(keywords.contains("maxLength"), "{keywords:?}");
}

#[test]
fn wrong_reason_lost_in_get_response_is_one_enum_error() {
    let mut response = seed();
    response["data"]["leadOpportunity"]["reasonLost"] = json!(["NOPE"]);
    assert_single_error(
        PayloadKind::GetResponse,
        &response,
        "/data/leadOpportunity/reasonLost/0",
        "enum",
    );
}

#[test]
fn get_response_nullability_follows_the_spec() {
    // Nullable there: most strings, arrays and open vocabularies.
    let mut response = seed();
    for member in [
        "name",
        "closeDate",
        "reasonWon",
        "offerLines",
        "approvalStatus",
    ] {
        response["data"]["leadOpportunity"][member] = Value::Null;
    }
    assert!(errors(PayloadKind::GetResponse, &response).is_empty());
    // Not nullable: status, forecastCategory, currency, partnerLeadOpportunityId.
    for member in [
        "status",
        "forecastCategory",
        "currency",
        "partnerLeadOpportunityId",
    ] {
        let mut response = seed();
        response["data"]["leadOpportunity"][member] = Value::Null;
        let found = errors(PayloadKind::GetResponse, &response);
        let path = format!("/data/leadOpportunity/{member}");
        assert!(!found.is_empty(), "{member} accepted null");
        assert!(found.iter().all(|(p, _, _)| *p == path), "{found:#?}");
        assert!(found.iter().any(|(_, k, _)| k == "type"), "{found:#?}");
    }
    // traceId is `null` only.
    let mut response = seed();
    response["info"]["traceId"] = json!("abc");
    assert_single_error(PayloadKind::GetResponse, &response, "/info/traceId", "type");
}

#[test]
fn open_vocabularies_accept_any_string_and_only_strings() {
    let mut response = seed();
    response["data"]["leadOpportunity"]["approvalStatus"] = json!("SOMETHING_NEW");
    response["data"]["leadOpportunity"]["customerContact"][0]["salutation"] = json!("Prof.");
    assert!(errors(PayloadKind::GetResponse, &response).is_empty());
    let typed: GetLeadOpportunityResponse = serde_json::from_value(response.clone()).unwrap();
    let details = typed.data.lead_opportunity.as_ref().unwrap();
    assert_eq!(
        details.approval_status,
        Nullable::Value(ApprovalStatus::Other("SOMETHING_NEW".to_owned()))
    );
    assert_eq!(serde_json::to_value(&typed).unwrap(), response);

    response["data"]["leadOpportunity"]["approvalStatus"] = json!(5);
    assert_single_error(
        PayloadKind::GetResponse,
        &response,
        "/data/leadOpportunity/approvalStatus",
        "type",
    );
}

#[test]
fn search_criteria_need_one_of_the_two_members() {
    let request = json!({"data": [{}]});
    assert_single_error(PayloadKind::SearchRequest, &request, "/data/0", "anyOf");
    let request = json!({"data": [{"partnerLeadOpportunityId": 5}]});
    assert_single_error(
        PayloadKind::SearchRequest,
        &request,
        "/data/0/partnerLeadOpportunityId",
        "type",
    );
    let request = json!({"data": [{"modifiedDate": {"fromDate": "2025-08-04T08:00:00Z"}}]});
    assert_single_error(
        PayloadKind::SearchRequest,
        &request,
        "/data/0/modifiedDate",
        "required",
    );
}

#[test]
fn formats_are_annotations_only() {
    let mut request = create_request();
    request["leadOpportunity"]["closeDate"] = json!("2025-12-31");
    assert!(errors(PayloadKind::CreateRequest, &request).is_empty());
}

#[test]
fn required_but_nullable_legal_entity_members() {
    let mut request = create_request();
    request["customerLegalEntity"]["city"] = Value::Null;
    assert!(errors(PayloadKind::CreateRequest, &request).is_empty());
    request["customerLegalEntity"]
        .as_object_mut()
        .unwrap()
        .remove("city");
    assert_single_error(
        PayloadKind::CreateRequest,
        &request,
        "/customerLegalEntity",
        "required",
    );
}

#[test]
fn error_response_errors_come_from_one_branch() {
    assert_single_error(
        PayloadKind::ErrorResponse,
        &json!({"message": 5}),
        "/message",
        "type",
    );
    let found = errors(
        PayloadKind::ErrorResponse,
        &json!({"error": {}, "data": null}),
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].0.as_str(), found[0].1.as_str()), ("", "required"));
    assert!(found[0].2.contains("info"), "{found:#?}");
    assert_single_error(
        PayloadKind::ErrorResponse,
        &json!({"info": {"success": false, "statusCode": "400"}}),
        "/info/statusCode",
        "type",
    );
}

// ---------------------------------------------------------------------------------------------
// Schema shapes the linter relies on

/// Every subschema of a schema, depth first.
fn walk<'a>(value: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>) {
    match value {
        Value::Object(map) => {
            out.push(map);
            for child in map.values() {
                walk(child, out);
            }
        }
        Value::Array(items) => {
            for child in items {
                walk(child, out);
            }
        }
        _ => {}
    }
}

#[test]
fn schemas_use_plain_enums_standard_formats_and_closed_objects() {
    for kind in PayloadKind::ALL {
        let schema = api4p_lint::schema::generate(kind);
        let mut nodes = Vec::new();
        walk(&schema, &mut nodes);
        for node in nodes {
            assert!(!node.contains_key("oneOf"), "{kind}: oneOf in {node:?}");
            if let Some(format) = node.get("format") {
                assert_eq!(format, "date-time", "{kind}");
            }
            let is_object = match node.get("type") {
                Some(Value::String(t)) => t == "object",
                Some(Value::Array(types)) => types.contains(&json!("object")),
                _ => false,
            };
            if is_object && node.get("properties").is_some_and(Value::is_object) {
                assert_eq!(
                    node.get("additionalProperties"),
                    Some(&json!(false)),
                    "{kind}: open object {node:?}"
                );
            }
        }
    }
}

#[test]
fn a_nullable_closed_enum_folds_null_into_the_enum() {
    let schema = schemars::schema_for!(Option<LeadOpportunityStatus>);
    let schema = schema.as_value();
    assert_eq!(schema["type"], json!(["string", "null"]));
    let values = schema["enum"].as_array().unwrap();
    assert_eq!(values.len(), 9);
    assert_eq!(values.last(), Some(&Value::Null));
    assert!(schema.get("anyOf").is_none());
}

fn enum_schema_of(kind: PayloadKind, pointer: &str) -> Value {
    api4p_lint::schema::generate(kind)
        .pointer(pointer)
        .unwrap_or_else(|| panic!("no {pointer}"))
        .clone()
}

fn assert_enum_matches<T>(
    schema: &Value,
    all: &[T],
    as_str: fn(&T) -> &'static str,
    description: fn(&T) -> &'static str,
) {
    let codes: Vec<&str> = all.iter().map(as_str).collect();
    let listed: Vec<&str> = schema["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(listed, codes);
    assert_eq!(schema["type"], "string");
    for value in all {
        assert_eq!(
            schema["x-enumDescriptions"][as_str(value)],
            description(value),
            "{}",
            as_str(value)
        );
    }
}

#[test]
fn closed_enums_match_the_spec() {
    assert_eq!(LeadOpportunityStatus::ALL.len(), 8);
    assert_eq!(ForecastCategory::ALL.len(), 7);
    assert_eq!(ReasonWon::ALL.len(), 14);
    assert_eq!(ReasonLost::ALL.len(), 43);
    assert_eq!(RevenueType::ALL.len(), 5);

    let lead = "/$defs/LeadOpportunityCreate/properties";
    let kind = PayloadKind::CreateRequest;
    assert_enum_matches(
        &enum_schema_of(kind, &format!("{lead}/status")),
        LeadOpportunityStatus::ALL,
        LeadOpportunityStatus::as_str,
        LeadOpportunityStatus::description,
    );
    assert_enum_matches(
        &enum_schema_of(kind, &format!("{lead}/forecastCategory")),
        ForecastCategory::ALL,
        ForecastCategory::as_str,
        ForecastCategory::description,
    );
    assert_enum_matches(
        &enum_schema_of(kind, &format!("{lead}/reasonWon/items")),
        ReasonWon::ALL,
        ReasonWon::as_str,
        ReasonWon::description,
    );
    assert_enum_matches(
        &enum_schema_of(kind, &format!("{lead}/reasonLost/items")),
        ReasonLost::ALL,
        ReasonLost::as_str,
        ReasonLost::description,
    );
    assert_enum_matches(
        &enum_schema_of(kind, "/$defs/OfferLine/properties/revenueType"),
        RevenueType::ALL,
        RevenueType::as_str,
        RevenueType::description,
    );
}

#[test]
fn closed_enums_parse_and_print_their_wire_codes() {
    for value in ReasonWon::ALL {
        assert_eq!(value.as_str().parse::<ReasonWon>().unwrap(), *value);
        assert_eq!(value.to_string(), value.as_str());
        assert_eq!(serde_json::to_value(value).unwrap(), json!(value.as_str()));
    }
    assert_eq!(
        ReasonWon::PrtnrSkillAndExprt.as_str(),
        "PRTNR_SKILL_&_EXPRT"
    );
    assert_eq!(
        serde_json::from_value::<ReasonWon>(json!("PRTNR_SKILL_&_EXPRT")).unwrap(),
        ReasonWon::PrtnrSkillAndExprt
    );
    let error = "WONN".parse::<LeadOpportunityStatus>().unwrap_err();
    assert!(error.to_string().contains("LEAD_OPEN"), "{error}");
    assert!(serde_json::from_value::<LeadOpportunityStatus>(json!("won")).is_err());
    assert_eq!(LeadOpportunityStatus::LeadOpen.description(), "-6 Open");
}

#[test]
fn open_vocabularies_keep_unknown_strings() {
    assert_eq!(Salutation::KNOWN, ["MR", "Mr", "M.", "Mr.", "Ms.", "Dr."]);
    assert_eq!(Salutation::from("M."), Salutation::MDot);
    assert!(Salutation::from("MR").is_known());
    let other: Salutation = serde_json::from_value(json!("Prof.")).unwrap();
    assert_eq!(other, Salutation::Other("Prof.".to_owned()));
    assert!(!other.is_known());
    assert_eq!(serde_json::to_value(&other).unwrap(), json!("Prof."));
    assert_eq!(
        "EMPTY".parse::<ApprovalStatus>().unwrap(),
        ApprovalStatus::Empty
    );
    assert!(serde_json::from_value::<ApprovalStatus>(json!(5)).is_err());
}

#[test]
fn nullable_keeps_absent_and_null_apart() {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Probe {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        member: Nullable<String>,
    }
    for text in [r#"{}"#, r#"{"member":null}"#, r#"{"member":"x"}"#] {
        let probe: Probe = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&probe).unwrap(), text);
    }
    let probe: Probe = serde_json::from_str("{}").unwrap();
    assert!(probe.member.is_absent());
}
