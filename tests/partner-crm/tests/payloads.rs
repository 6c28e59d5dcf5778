//! The partner's tests: one line per payload, failing with api4p-lint's code frame.

use api4p_lint::model::{
    Amount, CreateLeadOpportunityRequest, CustomerLegalEntity, GetLeadOpportunityResponse,
    LeadOpportunityCreate, LeadOpportunityStatus, OfferLine, RevenueType,
};
use api4p_lint::testing::Expect;
use api4p_lint::validate;
use api4p_lint::Error;
use api4p_lint::{assert_findings, assert_valid, assert_valid_strict, PayloadKind};
use partner_crm::sample;

const SEED: &str = include_str!("../../fixtures/spec/get-response/seed.json");

#[test]
fn the_create_request_built_from_the_crm_is_valid() {
    let body = sample().create_request("200000000014442");
    assert_valid!(body, PayloadKind::CreateRequest);
    assert_valid_strict!(body, PayloadKind::CreateRequest);
}

#[test]
fn a_struct_of_the_partners_own_is_checked_too() {
    assert_valid!(sample().status_update(), PayloadKind::UpdateRequest);
}

#[test]
fn an_unmapped_crm_stage_is_caught_with_its_pointer() {
    let mut record = sample();
    record.stage = "Negotiation".into();
    assert_findings!(
        record.status_update(),
        PayloadKind::UpdateRequest,
        [("A4P101", "/leadOpportunity/status")]
    );
}

#[test]
#[should_panic(expected = "A4P101(enum-value) at /leadOpportunity/status")]
fn assert_valid_panics_with_the_code_and_the_pointer() {
    let mut record = sample();
    record.stage = "Won".into();
    assert_valid!(
        record.create_request("200000000014442"),
        PayloadKind::CreateRequest
    );
}

#[test]
#[should_panic(expected = r#"      "status": "WONN","#)]
fn the_panic_shows_the_payload_line() {
    let payload = SEED.replacen(r#""status": "WON""#, r#""status": "WONN""#, 1);
    assert_valid!(payload);
}

#[test]
fn the_seed_with_wonn_fails_with_code_pointer_frame_and_help() {
    let payload = SEED.replacen(r#""status": "WON""#, r#""status": "WONN""#, 1);
    let panic = std::panic::catch_unwind(|| assert_valid!(payload, PayloadKind::GetResponse))
        .expect_err("WONN is not a status");
    let message = panic.downcast_ref::<String>().expect("a formatted message");
    assert!(message.contains("A4P101"), "{message}");
    assert!(
        message.contains("/data/leadOpportunity/status"),
        "{message}"
    );
    // The payload's own line, then the label under the value.
    let line = message
        .lines()
        .position(|l| l.ends_with(r#""status": "WONN","#))
        .expect("the payload line");
    let text = message.lines().nth(line).unwrap();
    let column = text[..text.find(r#""WONN""#).unwrap()].chars().count();
    let label: String = message
        .lines()
        .nth(line + 1)
        .unwrap()
        .chars()
        .skip(column)
        .take(6)
        .collect();
    assert_eq!(label, "───┬──", "{message}");
    assert!(message.contains(r#"did you mean "WON""#), "{message}");
}

#[test]
fn the_typed_entry_point_validates_then_deserializes() -> Result<(), Error> {
    let response: GetLeadOpportunityResponse = validate::from_str(SEED)?;
    let json = serde_json::to_value(&response).unwrap();
    assert_eq!(
        json["data"]["leadOpportunity"]["dsLeadOpportunityId"],
        "HCRQ-F1LLDE"
    );

    let body = sample().create_request("200000000014442");
    let request: CreateLeadOpportunityRequest = validate::from_value(body)?;
    assert_eq!(request.offer_lines.len(), 1);

    let broken = SEED.replacen(r#""currency": "EUR""#, r#""currency": "eur""#, 1);
    let failure = validate::from_str::<GetLeadOpportunityResponse>(&broken).unwrap_err();
    assert_eq!(
        failure.to_string(),
        "invalid get-response payload: 1 error (A4P106 at /data/leadOpportunity/currency)"
    );
    Ok(())
}

#[test]
fn result_forms_work_with_the_question_mark() -> Result<(), Error> {
    validate::validate(SEED, PayloadKind::GetResponse)?;
    validate::validate_value(
        &sample().create_request("200000000014442"),
        PayloadKind::CreateRequest,
    )?;
    Ok(())
}

#[test]
fn warnings_fail_only_when_asked_and_rules_can_be_ignored() {
    // `customerContact` is the GET response's spelling: a request's contacts would be lost.
    let body =
        r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1"}, "customerContact": []}"#;
    assert_valid!(body, PayloadKind::UpdateRequest);
    let strict = Expect::new().deny_warnings();
    let failure = strict
        .validate(body, Some(PayloadKind::UpdateRequest))
        .unwrap_err();
    assert!(
        failure
            .rendered()
            .contains("did you mean `customerContacts`"),
        "{failure:?}"
    );
    strict
        .ignore(["unknown-property"])
        .validate(body, Some(PayloadKind::UpdateRequest))
        .unwrap();
}

#[test]
#[should_panic(
    expected = "pass the kind: `assert_valid!(sample().status_update(), PayloadKind::CreateRequest)`"
)]
fn an_ambiguous_kind_fails_with_the_argument_to_add() {
    assert_valid!(sample().status_update());
}

#[test]
fn a_typed_request_needs_no_kind() -> Result<(), Error> {
    let request = sample().checked_create_request("200000000014442")?;
    assert_valid!(request);
    validate::check(&request)?;
    Ok(())
}

/// The sync as a partner writes it: every step's error through `?` into one boxed error.
fn sync(record: &partner_crm::CrmOpportunity) -> Result<String, Box<dyn std::error::Error>> {
    let request = record.checked_create_request("200000000014442")?;
    Ok(serde_json::to_string(&request)?)
}

#[test]
fn a_record_the_api_would_reject_stops_the_sync_with_its_findings() {
    let mut record = sample();
    record.currency = "euro".into();
    let error = sync(&record).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid create-request payload: 1 error (A4P106 at /leadOpportunity/currency)"
    );
    let error = error.downcast::<Error>().expect("api4p-lint's error");
    assert!(
        error.rendered().contains(r#""currency": "euro","#),
        "{error:?}"
    );
    assert!(sync(&sample()).is_ok());
}

#[test]
fn the_typed_request_is_the_crms_json() {
    let record = sample();
    let request = CreateLeadOpportunityRequest::new(
        "200000000014442",
        LeadOpportunityCreate::new(
            record.crm_id.as_str(),
            record.title.as_str(),
            LeadOpportunityStatus::OppyOpen,
            record.close_date.as_str(),
            record.currency.as_str(),
        ),
        vec![OfferLine {
            amount: Amount::from_f64(record.amount),
            revenue_type: Some(RevenueType::Upfront),
            ..OfferLine::new(record.offer.as_str())
        }],
        CustomerLegalEntity::new(
            record.customer.as_str(),
            record.city.as_str(),
            record.country.as_str(),
        ),
    );
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        record.create_request("200000000014442")
    );
    assert_valid!(request, PayloadKind::CreateRequest);
}

#[test]
fn a_response_with_what_ds_added_still_reads() {
    // DS adds a status and a member before the spec lists them.
    let text = SEED
        .replacen(r#""status": "WON""#, r#""status": "ON_HOLD""#, 1)
        .replacen(r#""name":"#, r#""renewalDate": "2027-03-31", "name":"#, 1);
    let response: GetLeadOpportunityResponse = serde_json::from_str(&text).unwrap();
    let lead = response.data.lead_opportunity.as_ref().unwrap();
    assert_eq!(lead.status.as_ref().unwrap().as_str(), "ON_HOLD");
    assert_eq!(lead.extra["renewalDate"], "2027-03-31");
    // Written back as DS sent it.
    let sent: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_value(&response).unwrap(), sent);
    // The linter holds to the spec: the validating entry point says what is new.
    let failure = validate::from_str::<GetLeadOpportunityResponse>(&text).unwrap_err();
    assert!(failure.to_string().contains("A4P101"), "{failure}");
}
