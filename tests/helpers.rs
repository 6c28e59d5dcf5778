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
    // The type's kind, given again, is the same check.
    assert_valid!(typed, PayloadKind::UpdateRequest);
    assert_findings!(broken, PayloadKind::UpdateRequest, ["A4P106"]);
}

#[test]
fn a_model_given_another_kind_panics_naming_both() {
    let typed: UpdateLeadOpportunityRequest = serde_json::from_str(UPDATE).unwrap();
    let message = panic_message(|| assert_valid!(typed, PayloadKind::CreateRequest));
    assert_eq!(
        message,
        "api4p-lint: `assert_valid!(typed, PayloadKind::CreateRequest)` checks a model of \
         update-request (`PayloadKind::UpdateRequest`) as create-request: a model is checked as \
         its type's kind; drop the kind, or pass text or a `serde_json::Value` to check it as \
         another kind"
    );
    let message = panic_message(|| assert_valid_strict!(&typed, PayloadKind::SearchRequest));
    assert!(message.contains("as search-request"), "{message}");
    let message =
        panic_message(|| assert_findings!(Box::new(&typed), PayloadKind::CreateRequest, []));
    assert!(
        message.starts_with(
            "api4p-lint: `assert_findings!(Box::new(&typed), PayloadKind::CreateRequest, [..])` \
             checks a model of update-request"
        ),
        "{message}"
    );
    // The same data as a value has no kind of its own: checked as the kind given.
    let value = serde_json::to_value(&typed).unwrap();
    let message = panic_message(|| assert_valid!(value, PayloadKind::CreateRequest));
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

#[test]
fn a_rule_that_says_a_payload_was_not_checked_cannot_be_ignored() {
    for rule in [
        "unknown-kind",
        "A4P004",
        "invalid-json",
        "invalid-encoding",
        "payload-too-large",
    ] {
        let message = panic_message(|| {
            Expect::new().ignore([rule]);
        });
        assert!(
            message.starts_with("api4p-lint: `Expect::ignore` cannot ignore it: `"),
            "{message}"
        );
    }
    let message = panic_message(|| {
        Expect::new().ignore(["unknown-kind"]);
    });
    insta::assert_snapshot!(message, @"api4p-lint: `Expect::ignore` cannot ignore it: `unknown-kind` (A4P004) cannot be lowered for every payload: a payload of no known kind would pass unchecked, whatever it holds (an `[[overrides]]` table of api4p-lint.toml may lower it for the files it names)");
}

#[test]
fn the_library_cannot_turn_off_unknown_kind() {
    let rule = api4p_lint::rules::find("unknown-kind").unwrap();
    for level in [
        api4p_lint::Level::Off,
        api4p_lint::Level::On(api4p_lint::Severity::Warning),
        api4p_lint::Level::On(api4p_lint::Severity::Info),
    ] {
        let mut config = api4p_lint::Config::default();
        let refused = config.set_level(rule, level).unwrap_err();
        assert_eq!(refused.code(), "A4P004");
        for payload in ["[1]", "{}"] {
            let report = api4p_lint::Linter::with_config(config.clone()).check_str(payload, None);
            assert_eq!(common::codes(&report), ["A4P004"], "{payload}");
            assert!(report.has_errors());
            let expect = Expect::with_config(config.clone());
            assert!(expect.validate(payload, None).is_err(), "{payload}");
        }
    }
    // Raising it to error (its default) is no lowering.
    let mut config = api4p_lint::Config::default();
    assert!(config
        .set_level(rule, api4p_lint::Level::On(api4p_lint::Severity::Error))
        .is_ok());
}

#[test]
fn a_long_unknown_rule_name_is_quoted_short() {
    let name = "x".repeat(100_000);
    let message = panic_message(|| {
        Expect::new().ignore([name.as_str()]);
    });
    assert!(message.len() < 400, "{} bytes", message.len());
    assert!(
        message.contains(&format!("`{}…`", "x".repeat(59))),
        "{message}"
    );
}

#[test]
fn a_model_by_reference_box_or_arc_keeps_its_kind() {
    use api4p_lint::model::CreateLeadOpportunityRequest;
    let text = include_str!("fixtures/spec/create-request/createOpportunityBasic.json");
    let create: CreateLeadOpportunityRequest = serde_json::from_str(text).unwrap();
    // Without its type's kind, a create request is ambiguous (A4P004); as a create request
    // this example has two warnings (a past close date, a placeholder name) and no error.
    assert_valid!(create);
    assert_valid!(&create);
    assert_valid!(&&create);
    assert_findings!(&create, ["A4P203", "A4P205"]);
    let boxed = Box::new(create.clone());
    assert_valid!(boxed);
    assert_findings!(&boxed, ["A4P203", "A4P205"]);
    let shared = std::sync::Arc::new(create.clone());
    assert_valid!(shared);
    let counted = std::rc::Rc::new(create.clone());
    assert_valid!(counted);
    fn by_reference(request: &CreateLeadOpportunityRequest) {
        assert_valid!(request);
        assert_findings!(request, ["A4P203", "A4P205"]);
    }
    by_reference(&create);
    // Text by reference is still text.
    let owned = SEED.to_owned();
    assert_valid!(&owned);
    assert_valid!(&&owned);
    assert_valid!(Box::<str>::from(SEED));
}

#[test]
fn a_finding_at_the_root_is_named_in_words() {
    let message = panic_message(|| assert_findings!("[1]", []));
    assert!(
        message.contains("found but not expected: A4P004 (unknown-kind) at the payload's root\n"),
        "{message}"
    );
    let message = panic_message(|| assert_findings!("[1]", [("A4P104", "")]));
    assert!(
        message.contains("expected but not found: A4P104 at the payload's root\n"),
        "{message}"
    );
}

#[test]
fn the_linter_and_the_entry_points_name_the_payload_alike() {
    let typo = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
    let linter = api4p_lint::Linter::new()
        .check_str(typo, PayloadKind::UpdateRequest)
        .render(&Default::default());
    let validate = api4p_lint::validate::validate(typo, PayloadKind::UpdateRequest)
        .unwrap_err()
        .rendered();
    assert!(linter.contains("[payload:1:69]"), "{linter}");
    assert_eq!(linter, validate);
}

#[test]
fn a_pinned_today_is_its_midnight_and_now_pins_the_instant() {
    // An order search whose `from` is later on the pinned day: in the future at midnight,
    // in the past an hour after it.
    let search =
        r#"{"creationDateTime": {"from": "2025-06-01T23:00:00Z", "to": "2025-06-02T23:00:00Z"}}"#;
    let kind = Some(PayloadKind::OrderSearchRequest);
    let day = jiff::civil::date(2025, 6, 1);
    let error = Expect::new().today(day).validate(search, kind).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid order-search-request payload: 1 error (A4P402 at /creationDateTime/from)"
    );
    let late: jiff::Timestamp = "2025-06-02T00:00:00Z".parse().unwrap();
    assert!(Expect::new().now(late).validate(search, kind).is_ok());
}

const WON_LOWER: &str = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "won", "forecastCategory": "UPSIDE"}}"#;

#[test]
fn assert_fixes_passes_on_the_fixed_text_and_its_fixes_at_the_given_applicability() {
    let typo = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
    let fixed = typo.replace("WONN", "WON");
    api4p_lint::assert_fixes!(typo, PayloadKind::UpdateRequest, typo);
    api4p_lint::assert_fixes!(
        typo,
        PayloadKind::UpdateRequest,
        fixed,
        api4p_lint::Applicability::Unsafe
    );
}

#[test]
fn assert_fixes_shows_both_texts_what_was_refused_and_what_remains() {
    // `WON` is what was meant, but with UPSIDE it would add A4P201: refused.
    let message = panic_message(|| {
        api4p_lint::assert_fixes!(
            WON_LOWER,
            PayloadKind::UpdateRequest,
            WON_LOWER.replace("won", "WON")
        )
    });
    assert_eq!(
        message,
        format!(
            "api4p-lint: the payload does not fix (safe fixes) to the expected text\n\
             fixed: none\n\
             not applied: A4P101 at /leadOpportunity/status: it would add A4P201 at \
             leadOpportunity.forecastCategory: `leadOpportunity.forecastCategory` UPSIDE does \
             not fit status WON\n\
             remaining: A4P101 at /leadOpportunity/status\n\
             --- expected\n{}\n--- fixed\n{WON_LOWER}\n",
            WON_LOWER.replace("won", "WON")
        )
    );
}
