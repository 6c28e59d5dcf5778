//! The test helpers' own failures (`assert_valid!`, `assert_findings!`, `Expect`): what a
//! partner reads when a test fails, snapshotted. No command-line advice in a Rust test, and a
//! typo in a rule or a pointer is named with its nearest correct spelling.

mod common;

use std::panic::{catch_unwind, UnwindSafe};

use api4p_lint::model::{GetLeadOpportunityResponse, UpdateLeadOpportunityRequest};
use api4p_lint::testing::Expect;
use api4p_lint::{assert_findings, assert_valid, assert_valid_strict, PayloadKind};

use common::SEED;

/// The message of the panic `f` must raise.
fn panic_message(f: impl FnOnce() + UnwindSafe) -> String {
    let panic = catch_unwind(f).expect_err("the helper must fail");
    match panic.downcast::<String>() {
        Ok(message) => *message,
        Err(panic) => panic.downcast_ref::<&str>().expect("a message").to_string(),
    }
}

/// An update request: without a kind, it could as well be a create request.
const UPDATE: &str =
    r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "QUALIFIED"}}"#;

#[test]
fn an_ambiguous_kind_names_the_argument_to_add() {
    let message = panic_message(|| assert_valid!(UPDATE));
    assert!(!message.contains("--kind"), "{message}");
    insta::assert_snapshot!(message);
    // The same with the macro's other forms, each naming its own call.
    let message = panic_message(|| assert_valid_strict!(UPDATE.to_owned()));
    assert!(
        message.starts_with(
            "api4p-lint: the payload is not valid; its kind is not known: pass the kind: \
             `assert_valid_strict!(UPDATE.to_owned(), PayloadKind::CreateRequest)` or "
        ),
        "{message}"
    );
    let message = panic_message(|| assert_findings!(UPDATE, []));
    assert!(
        message.contains("`assert_findings!(UPDATE, PayloadKind::CreateRequest, [..])`"),
        "{message}"
    );
}

#[test]
fn a_payload_that_is_no_object_is_advised_too() {
    let message = panic_message(|| assert_valid!("[1, 2]"));
    insta::assert_snapshot!(message);
}

#[test]
fn a_model_needs_no_kind() {
    let typed: UpdateLeadOpportunityRequest = serde_json::from_str(UPDATE).unwrap();
    assert_valid!(typed);
    assert_findings!(typed, []);
    let seed: GetLeadOpportunityResponse = serde_json::from_str(SEED).unwrap();
    assert_valid_strict!(seed);

    let broken: UpdateLeadOpportunityRequest = serde_json::from_str(
        r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "currency": "eur"}}"#,
    )
    .unwrap();
    assert_findings!(broken, [("A4P106", "/leadOpportunity/currency")]);
    let message = panic_message(|| assert_valid!(broken));
    assert!(
        message.contains("A4P106(invalid-string) at /leadOpportunity/currency"),
        "{message}"
    );
    // The kind given wins over the type's.
    let message = panic_message(|| assert_valid!(typed, PayloadKind::CreateRequest));
    assert!(message.contains("A4P102(missing-required)"), "{message}");
}

#[test]
fn an_unknown_rule_in_an_expectation_names_the_nearest_rule() {
    let typo = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
    let message = panic_message(|| {
        assert_findings!(typo, PayloadKind::UpdateRequest, ["enum-values"]);
    });
    insta::assert_snapshot!(message, @"api4p-lint: `assert_findings!` expects a finding of `enum-values`, which is no rule: did you mean `enum-value` (A4P101)?");
    let message = panic_message(|| {
        assert_findings!(
            typo,
            PayloadKind::UpdateRequest,
            [("A4P11", "/leadOpportunity/status")]
        );
    });
    insta::assert_snapshot!(message, @"api4p-lint: `assert_findings!` expects a finding of `A4P11`, which is no rule: did you mean `A4P101` (enum-value)?");
    let message = panic_message(|| {
        assert_findings!(typo, PayloadKind::UpdateRequest, ["no-such-thing-at-all"]);
    });
    insta::assert_snapshot!(message, @"api4p-lint: `assert_findings!` expects a finding of `no-such-thing-at-all`, which is no rule: rules are named by code (`A4P101`) or name (`enum-value`), as `api4p_lint::rules::RULES` lists them");
    // Codes are case-insensitive, names exact.
    assert_findings!(typo, PayloadKind::UpdateRequest, ["a4p101"]);
}

#[test]
fn a_pointer_without_its_leading_slash_is_named() {
    let typo = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
    let message = panic_message(|| {
        assert_findings!(
            typo,
            PayloadKind::UpdateRequest,
            [("A4P101", "leadOpportunity.status")]
        );
    });
    insta::assert_snapshot!(message, @r#"api4p-lint: `assert_findings!` expects a finding at `leadOpportunity.status`, which is not a JSON Pointer: did you mean `/leadOpportunity/status`? (`""` is the whole payload)"#);
}

#[test]
fn an_unknown_rule_to_ignore_names_the_nearest_rule() {
    let message = panic_message(|| {
        Expect::new().ignore(["unknown-propery"]);
    });
    insta::assert_snapshot!(message, @"api4p-lint: `Expect::ignore` names `unknown-propery`, which is no rule: did you mean `unknown-property` (A4P103)?");
}

#[test]
fn missing_and_unexpected_findings_are_listed_above_the_code_frames() {
    let typo = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
    let message = panic_message(|| {
        assert_findings!(
            typo,
            PayloadKind::UpdateRequest,
            [("A4P106", "/leadOpportunity/status")]
        );
    });
    insta::assert_snapshot!(message);
}

#[test]
fn the_result_forms_give_the_production_error() {
    let strict = Expect::new().deny_warnings();
    let body =
        r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1"}, "customerContact": []}"#;
    let error = strict
        .validate(body, Some(PayloadKind::UpdateRequest))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid update-request payload: 1 warning (A4P103 at /customerContact)"
    );
    let typed: UpdateLeadOpportunityRequest = serde_json::from_str(body).unwrap();
    assert!(Expect::new().check(&typed).is_ok());
    // The model keeps what it does not know (its `extra`), so the typed payload is the same
    // payload, with the same warning.
    let error = strict.check(&typed).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid update-request payload: 1 warning (A4P103 at /customerContact)"
    );
    let error = Expect::new().validate(UPDATE, None).unwrap_err();
    assert_eq!(
        error.findings()[0].diagnostic().help.as_deref(),
        Some(
            "pass the kind: `Expect::validate(text, Some(PayloadKind::CreateRequest))` or \
             `Expect::validate(text, Some(PayloadKind::UpdateRequest))`"
        )
    );
}
