//! The production API (`api4p_lint::validate`) as a partner's crate uses it: `?` into boxed
//! errors, `miette::Report::new(error)` showing every finding's code frame, the typed entry
//! points, redaction, the constructor for other modules, and hostile values (deep nesting).

mod common;

use api4p_lint::model::{
    CreateLeadOpportunityRequest, GetLeadOpportunityResponse, UpdateLeadOpportunityRequest,
};
use api4p_lint::validate::{self, Validator};
use api4p_lint::{Error, Linter, PayloadKind, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme};
use serde_json::{json, Value};

use common::SEED;

/// A fixed "today", so that date rules do not depend on the day the tests run.
fn validator() -> Validator {
    Validator::with_linter(Linter::new().with_today("2025-06-01".parse().unwrap()))
}

/// An update request with an error (a status typo), an error with a secondary place (a
/// forecast category that contradicts the status) and a warning (a property DS ignores).
const UPDATE: &str = r#"{
  "leadOpportunity": {
    "partnerLeadOpportunityId": "CRM-LEAD-1234",
    "status": "LOST",
    "forecastCategory": "WON",
    "currency": "eur"
  },
  "customerContact": []
}"#;

/// What a `main() -> miette::Result<()>` prints, without colours, at 80 columns.
fn miette_output(report: &miette::Report) -> String {
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(80)
        .render_report(&mut out, report.as_ref())
        .unwrap();
    out
}

#[test]
fn question_mark_takes_the_error_into_a_boxed_error() {
    fn read(
        text: &str,
    ) -> Result<GetLeadOpportunityResponse, Box<dyn std::error::Error + Send + Sync>> {
        let response: GetLeadOpportunityResponse = validate::from_str(text)?;
        Ok(response)
    }
    assert!(read(SEED).is_ok());

    let broken = SEED.replacen(r#""status": "WON""#, r#""status": "WONN""#, 1);
    let error = read(&broken).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid get-response payload: 1 error (A4P101 at /data/leadOpportunity/status)"
    );
    // `Debug`, what a `main` returning the error prints: the line, then the code frames.
    let debug = format!("{error:?}");
    assert!(
        debug.starts_with("invalid get-response payload: 1 error"),
        "{debug}"
    );
    assert!(debug.contains(r#"      "status": "WONN","#), "{debug}");
    assert!(debug.contains(r#"did you mean "WON""#), "{debug}");
    assert!(std::error::Error::source(&*error).is_none());

    let error = error.downcast::<Error>().expect("api4p-lint's error");
    assert_eq!(error.kind(), Some(PayloadKind::GetResponse));
    let finding = error.findings()[0].diagnostic();
    assert_eq!(
        (finding.code(), finding.pointer.as_str()),
        ("A4P101", "/data/leadOpportunity/status")
    );
    assert_eq!(
        &error.source_text()[finding.span.offset..finding.span.end()],
        r#""WONN""#
    );
}

#[test]
fn a_miette_report_shows_the_code_frame_labels_and_help_of_every_finding() {
    fn send(text: &str) -> miette::Result<()> {
        validator().validate(text, PayloadKind::UpdateRequest)?;
        Ok(())
    }
    let report = send(UPDATE).unwrap_err();
    let shown = miette_output(&report);
    // The first line says what failed, not merely which tool: no code of the error's own.
    assert!(
        shown.starts_with("  × invalid update-request payload: 2 errors (A4P201 at "),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

/// A response with an error after two infos (members DS added: A4P103 at info level in a
/// response): the miette report shows the error first, then the advice, as `Debug` does.
#[test]
fn a_miette_report_shows_the_errors_before_the_advice() {
    fn read(text: &str) -> miette::Result<GetLeadOpportunityResponse> {
        Ok(validate::from_str::<GetLeadOpportunityResponse>(text)?)
    }
    let text = SEED
        .replacen(
            "\"error\": null,",
            "\"error\": null,\n  \"requestId\": \"r-1\",",
            1,
        )
        .replacen(
            "\"partnerLeadOpportunityId\"",
            "\"salesRegion\": \"EMEA\",\n      \"partnerLeadOpportunityId\"",
            1,
        )
        .replacen("\"status\": \"WON\"", "\"status\": \"ON_HOLD\"", 1);
    let report = read(&text).unwrap_err();
    let error = report.downcast_ref::<Error>().unwrap();
    let order: Vec<_> = error
        .findings()
        .iter()
        .map(|f| (f.diagnostic().code(), f.diagnostic().severity))
        .collect();
    assert_eq!(
        order,
        [
            ("A4P101", Severity::Error),
            ("A4P103", Severity::Info),
            ("A4P103", Severity::Info),
        ]
    );
    let shown = miette_output(&report);
    let block = |header: &str| {
        shown
            .find(header)
            .unwrap_or_else(|| panic!("{header}: {shown}"))
    };
    let (error_at, advice_at) = (block("Error: A4P101"), block("Advice: A4P103"));
    assert!(error_at < advice_at, "{shown}");
    let debug = format!("{error:?}");
    assert!(
        debug.find("A4P101(enum-value)").unwrap() < debug.find("A4P103(").unwrap(),
        "{debug}"
    );
    insta::assert_snapshot!(shown);
}

/// What `anyhow` prints: `{}`/`{:#}` and `{:?}` the one-line message (anyhow's own `Debug`,
/// and a backtrace when one is captured), `{:#?}` the error's own `Debug`, the code frames.
#[test]
fn anyhow_prints_the_one_line_message_and_its_alternate_debug_the_frames() {
    fn send(text: &str) -> anyhow::Result<()> {
        validator().validate(text, PayloadKind::UpdateRequest)?;
        Ok(())
    }
    let error = send(UPDATE).unwrap_err();
    let line = "invalid update-request payload: 2 errors (A4P201 at \
                /leadOpportunity/forecastCategory, A4P106 at /leadOpportunity/currency)";
    assert_eq!(format!("{error}"), line);
    assert_eq!(format!("{error:#}"), line);
    let debug = format!("{error:?}");
    let debug = debug.split("\n\nStack backtrace:").next().unwrap();
    assert_eq!(debug, line);
    let frames = format!("{error:#?}");
    assert!(frames.starts_with(&format!("{line}\n\n")), "{frames}");
    insta::assert_snapshot!(frames);
}

#[test]
fn one_finding_is_a_miette_diagnostic_of_its_own() {
    let error = validator()
        .validate(UPDATE, PayloadKind::UpdateRequest)
        .unwrap_err();
    let codes: Vec<_> = error
        .findings()
        .iter()
        .map(|f| (f.diagnostic().code(), f.diagnostic().severity))
        .collect();
    assert_eq!(
        codes,
        [
            ("A4P201", Severity::Error),
            ("A4P106", Severity::Error),
            ("A4P103", Severity::Warning),
        ]
    );
    let finding = error.findings()[0].clone();
    assert_eq!(finding.source_name(), "payload");
    insta::assert_snapshot!(miette_output(&miette::Report::new(finding)));

    // The same from a linter's report.
    let report = Linter::new().check_str(UPDATE, PayloadKind::UpdateRequest);
    let findings = report.findings();
    assert_eq!(findings.len(), 3);
    assert_eq!(findings[2].diagnostic().code(), "A4P103");
    assert_eq!(findings[2].to_string(), findings[2].diagnostic().message);
}

#[test]
fn the_one_line_message_names_the_first_failing_places_and_counts_the_rest() {
    let error = validator()
        .validate(UPDATE, PayloadKind::UpdateRequest)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid update-request payload: 2 errors (A4P201 at /leadOpportunity/forecastCategory, \
         A4P106 at /leadOpportunity/currency)"
    );
    let strict = validator().deny_warnings();
    let error = strict
        .validate(UPDATE, PayloadKind::UpdateRequest)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid update-request payload: 2 errors, 1 warning (A4P201 at \
         /leadOpportunity/forecastCategory, A4P106 at /leadOpportunity/currency, A4P103 at \
         /customerContact)"
    );
    let many = json!({"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1"},
        "a": 1, "b": 2, "c": 3, "d": 4, "e": 5});
    let error = strict
        .validate_value(&many, PayloadKind::UpdateRequest)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid update-request payload: 5 warnings (A4P103 at /a, A4P103 at /b, A4P103 at \
         /c, and 2 more)"
    );
}

/// Findings at the payload's root are named with their place, as every other: a bare code
/// before `A4P102 at /leadOpportunity` would seem to share it.
#[test]
fn the_one_line_message_places_findings_at_the_root() {
    let missing = json!({"partnerId": "200000000014442",
        "leadOpportunity": {"partnerLeadOpportunityId": "CRM-1"}});
    let error = validator()
        .validate_value(&missing, PayloadKind::CreateRequest)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid create-request payload: 6 errors (A4P102 at the root, A4P102 at the root, \
         A4P102 at /leadOpportunity, and 3 more)"
    );
}

#[test]
fn the_rendered_text_is_the_command_lines() {
    let error = validator()
        .validate(UPDATE, PayloadKind::UpdateRequest)
        .unwrap_err();
    let report = validator().linter().check(
        api4p_lint::Source::new("payload", UPDATE),
        Some(PayloadKind::UpdateRequest),
    );
    assert_eq!(
        error.rendered(),
        report.render(&api4p_lint::RenderOptions::default())
    );
    let wide = api4p_lint::RenderOptions {
        width: 120,
        ..Default::default()
    };
    assert_eq!(error.render(&wide), report.render(&wide));
}

#[test]
fn a_model_is_checked_as_its_types_kind() {
    let request: UpdateLeadOpportunityRequest = serde_json::from_str(UPDATE).unwrap();
    let error = validator().check(&request).unwrap_err();
    assert_eq!(error.kind(), Some(PayloadKind::UpdateRequest));
    let failing: Vec<_> = error
        .failing()
        .map(|d| (d.code(), d.pointer.as_str()))
        .collect();
    assert_eq!(
        failing,
        [
            ("A4P201", "/leadOpportunity/forecastCategory"),
            ("A4P106", "/leadOpportunity/currency"),
        ]
    );
    // The frames point into the model's pretty-printed text.
    let span = error.findings()[1].diagnostic().span;
    assert_eq!(&error.source_text()[span.offset..span.end()], r#""eur""#);

    let fine: CreateLeadOpportunityRequest = validate::from_str(common::CREATE).unwrap();
    validate::check(&fine).unwrap();
}

#[test]
fn text_bytes_and_values_are_read_into_models_in_one_call() {
    let response: GetLeadOpportunityResponse = validate::from_str(SEED).unwrap();
    let from_bytes: GetLeadOpportunityResponse = validate::from_slice(SEED.as_bytes()).unwrap();
    let from_value: GetLeadOpportunityResponse =
        validate::from_value(serde_json::from_str(SEED).unwrap()).unwrap();
    let json = serde_json::to_value(&response).unwrap();
    assert_eq!(serde_json::to_value(&from_bytes).unwrap(), json);
    assert_eq!(serde_json::to_value(&from_value).unwrap(), json);
    assert_eq!(
        json["data"]["leadOpportunity"]["dsLeadOpportunityId"],
        "HCRQ-F1LLDE"
    );

    // A UTF-8 byte order mark is skipped, as the command line skips it.
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), SEED.as_bytes()].concat();
    let _: GetLeadOpportunityResponse = validate::from_slice(&with_bom).unwrap();
    let _: GetLeadOpportunityResponse =
        validate::from_str(std::str::from_utf8(&with_bom).unwrap()).unwrap();

    // Bytes that are not UTF-8 are a finding, at the bad byte.
    let mut bytes = SEED.as_bytes().to_vec();
    let at = SEED.find(r#""WON""#).unwrap() + 2;
    bytes[at] = 0xE9;
    let error = validate::from_slice::<GetLeadOpportunityResponse>(&bytes).unwrap_err();
    let finding = error.findings()[0].diagnostic();
    assert_eq!((finding.code(), finding.span.offset), ("A4P003", at));
}

#[test]
fn a_value_is_checked_as_the_kind_given() {
    let body = json!({"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}});
    let error = validate::validate_value(&body, PayloadKind::UpdateRequest).unwrap_err();
    let finding = error.findings()[0].diagnostic();
    assert_eq!(
        (finding.code(), finding.pointer.as_str()),
        ("A4P101", "/leadOpportunity/status")
    );
    assert_eq!(
        &error.source_text()[finding.span.offset..finding.span.end()],
        r#""WONN""#
    );
    assert_eq!(
        validate::to_text(&body),
        serde_json::to_string_pretty(&body).unwrap()
    );
}

#[test]
fn a_model_given_as_a_value_keeps_its_types_kind() {
    let request: UpdateLeadOpportunityRequest = serde_json::from_str(UPDATE).unwrap();
    let error = validate::validate_value(&request, None).unwrap_err();
    assert_eq!(error.kind(), Some(PayloadKind::UpdateRequest));
    let error = validate::validate_value(&request, PayloadKind::UpdateRequest).unwrap_err();
    assert_eq!(error.kind(), Some(PayloadKind::UpdateRequest));
    let panic = std::panic::catch_unwind(|| {
        let _ = validator().validate_value(&&request, PayloadKind::CreateRequest);
    })
    .unwrap_err();
    let message = panic.downcast::<String>().unwrap();
    assert!(
        message.starts_with(
            "api4p-lint: `validate_value` is given a model of update-request \
             (`PayloadKind::UpdateRequest`) to check as create-request"
        ),
        "{message}"
    );
    // Behind a pointer too (`Arc` and `Rc` serialize with serde's `rc` feature only).
    let boxed = Box::new(Box::new(request.clone()));
    assert_eq!(
        validate::validate_value(&boxed, None).unwrap_err().kind(),
        Some(PayloadKind::UpdateRequest)
    );
    let panic = std::panic::catch_unwind(|| {
        let _ = validate::validate_value(&Box::new(&request), PayloadKind::SearchRequest);
    });
    assert!(panic.is_err());
    // A value of the partner's own is checked as the kind given.
    let value = serde_json::to_value(&request).unwrap();
    let error = validate::validate_value(&value, PayloadKind::CreateRequest).unwrap_err();
    assert_eq!(error.kind(), Some(PayloadKind::CreateRequest));
}

/// A value nested `levels` deep, built without recursion.
fn nested(levels: usize) -> Value {
    let mut value = json!({"partnerLeadOpportunityId": "CRM-1"});
    for _ in 0..levels {
        // Not `json!`, which copies an expression through `to_value`, recursively.
        let mut member = serde_json::Map::new();
        member.insert("leadOpportunity".to_owned(), value);
        value = Value::Object(member);
    }
    value
}

/// Drops a deep value level by level (the usual drop recurses once per level).
fn dismantle(value: Value) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items),
            Value::Object(members) => stack.extend(members.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

#[test]
fn a_value_nested_too_deep_is_refused_with_a_finding_not_a_stack_overflow() {
    // Far past what the stack of a test thread (2 MiB) holds, recursing once per level.
    let deep = nested(200_000);
    let result = validate::validate_value(&deep, PayloadKind::UpdateRequest);
    // Before any assertion: a failing one would drop it the usual way.
    dismantle(deep);
    let error = result.unwrap_err();
    let finding = error.findings()[0].diagnostic();
    assert_eq!(finding.code(), "A4P001");
    assert_eq!(
        finding.message,
        "invalid JSON: nested 128 levels deep or more"
    );
    // The text stops at the 128th bracket, which the finding points at.
    assert_eq!(error.source_text().matches('{').count(), 128);
    assert_eq!(finding.span.offset, error.source_text().rfind('{').unwrap());

    // Taken by value, it is also taken apart without recursion.
    let error = validate::from_value::<UpdateLeadOpportunityRequest>(nested(200_000)).unwrap_err();
    assert_eq!(error.findings()[0].diagnostic().code(), "A4P001");

    // Just under serde_json's limit, it is checked like any other.
    let error = validate::from_value::<UpdateLeadOpportunityRequest>(nested(126)).unwrap_err();
    assert!(error
        .findings()
        .iter()
        .all(|f| f.diagnostic().code() != "A4P001"));
}

#[test]
fn from_report_is_the_constructor_for_other_modules() {
    let warning_only =
        r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1"}, "customerContact": []}"#;
    let report = || Linter::new().check_str(warning_only, PayloadKind::UpdateRequest);
    assert!(Error::from_report(report()).is_none());
    let error = Error::from_report_at(report(), Severity::Warning).expect("the warning fails");
    assert_eq!(
        error.to_string(),
        "invalid update-request payload: 1 warning (A4P103 at /customerContact)"
    );
    // The source keeps its name, for the code frames.
    let report = Linter::new().check(
        api4p_lint::Source::new("POST /leads-opportunities", UPDATE),
        Some(PayloadKind::UpdateRequest),
    );
    let error = Error::from_report(report).unwrap();
    assert!(
        error
            .rendered()
            .contains("[POST /leads-opportunities:5:25]"),
        "{}",
        error.rendered()
    );
}

#[test]
fn redaction_masks_the_payloads_data_in_every_output() {
    let data = ["CRM-LEAD-1234", "eur"];
    let check = |error: &Error| {
        assert!(error.is_redacted());
        let report = miette::Report::new(error.clone());
        for shown in [
            error.rendered(),
            error.to_string(),
            format!("{error:?}"),
            error.source_text().to_owned(),
            miette_output(&report),
        ] {
            for datum in data {
                assert!(!shown.contains(datum), "{datum} in {shown}");
            }
        }
        // The findings stay where they were.
        let span = error.findings()[1].diagnostic().span;
        assert_eq!(&UPDATE[span.offset..span.end()], r#""eur""#);
    };
    let error = validator()
        .redacted()
        .validate(UPDATE, PayloadKind::UpdateRequest)
        .unwrap_err();
    check(&error);
    let mut error = validator()
        .validate(UPDATE, PayloadKind::UpdateRequest)
        .unwrap_err();
    assert!(!error.is_redacted() && error.rendered().contains("eur"));
    error.redact();
    check(&error);
    // The same as the linter's own redaction.
    let redacted = Linter::new()
        .with_today("2025-06-01".parse().unwrap())
        .with_redaction(true)
        .check(
            api4p_lint::Source::new("payload", UPDATE),
            Some(PayloadKind::UpdateRequest),
        );
    assert_eq!(error.rendered(), redacted.render(&Default::default()));
}

#[test]
fn an_unknown_kind_is_advised_in_rust_not_in_command_line_options() {
    let body =
        r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "QUALIFIED"}}"#;
    let error = validate::validate(body, None).unwrap_err();
    let finding = error.findings()[0].diagnostic();
    assert_eq!(finding.code(), "A4P004");
    assert_eq!(
        finding.help.as_deref(),
        Some(
            "pass the kind: `validate(.., PayloadKind::CreateRequest)` or \
             `validate(.., PayloadKind::UpdateRequest)`"
        )
    );
    assert!(!error.rendered().contains("--kind"), "{}", error.rendered());
    // Redacted, the advice is the same: it is read from the payload as given.
    // (A number, masked, makes the redacted text no longer JSON.)
    let with_number = body.replace(r#""QUALIFIED""#, r#""QUALIFIED", "x": 12"#);
    let redacted = validator()
        .redacted()
        .validate(&with_number, None)
        .unwrap_err();
    assert!(
        !redacted.source_text().contains("12"),
        "{}",
        redacted.source_text()
    );
    assert_eq!(redacted.findings()[0].diagnostic().help, finding.help);
    let error = validate::validate_value(&json!([1]), None).unwrap_err();
    assert!(!error.rendered().contains("--kind"), "{}", error.rendered());
}

#[test]
fn the_error_is_owned_and_shareable() {
    fn owned<T: Send + Sync + 'static + Clone>() {}
    owned::<Error>();
    owned::<api4p_lint::Finding>();
    // One pointer: `Result<T, Error>` stays small.
    assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
}

#[test]
fn an_error_from_a_redacting_linters_report_says_it_is_redacted() {
    let linter = Linter::new().with_redaction(true);
    let error = Error::from_report(linter.check_str(UPDATE, PayloadKind::UpdateRequest)).unwrap();
    assert!(error.is_redacted());
    assert!(!error.source_text().contains("CRM-LEAD-1234"));
    let error = Error::from_report_at(
        linter.check_str(UPDATE, PayloadKind::UpdateRequest),
        Severity::Warning,
    )
    .unwrap();
    assert!(error.is_redacted());
    // Redacting it again changes nothing.
    let again = error.clone().redacted();
    assert_eq!(again.source_text(), error.source_text());
    assert_eq!(again.rendered(), error.rendered());
    // A plain linter's is not.
    let error = Error::from_report(Linter::new().check_str(UPDATE, PayloadKind::UpdateRequest));
    assert!(!error.unwrap().is_redacted());
}

/// A validator whose payloads may be at most `bytes` long.
fn limited(bytes: usize) -> Validator {
    let config = api4p_lint::Config::parse(
        "api4p-lint.toml",
        &format!("[limits]\nmax-payload-bytes = {bytes}\n"),
        None,
    )
    .unwrap();
    Validator::with_config(config)
}

#[test]
fn a_too_large_payloads_error_keeps_only_its_first_line() {
    let huge = format!(
        "{{\"x\": \"{}\"}}\n{}",
        "a".repeat(2000),
        " ".repeat(1 << 20)
    );
    let error = limited(4096)
        .validate(&huge, PayloadKind::UpdateRequest)
        .unwrap_err();
    assert_eq!(error.diagnostics()[0].code(), "A4P005");
    assert!(
        error.source_text().len() <= 1024,
        "{} bytes kept",
        error.source_text().len()
    );
    assert!(huge.starts_with(error.source_text()));
    assert!(error.rendered().contains("over the limit of 4096 bytes"));
}

#[test]
fn a_value_too_large_is_not_serialized_past_the_limit() {
    use std::cell::Cell;
    /// A million numbers, counting those serialized.
    struct Many<'c>(&'c Cell<usize>);
    impl serde::Serialize for Many<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeSeq;
            let mut seq = serializer.serialize_seq(Some(1_000_000))?;
            for i in 0..1_000_000 {
                self.0.set(self.0.get() + 1);
                seq.serialize_element(&i)?;
            }
            seq.end()
        }
    }
    let count = Cell::new(0);
    let error = limited(4096)
        .validate_value(&Many(&count), PayloadKind::UpdateRequest)
        .unwrap_err();
    assert!(count.get() < 1000, "{} numbers serialized", count.get());
    assert_eq!(error.diagnostics()[0].code(), "A4P005");
    assert_eq!(
        error.diagnostics()[0].message,
        "the value serializes to more than 4096 bytes, the limit; it was not serialized further"
    );
    assert_eq!(error.kind(), Some(PayloadKind::UpdateRequest));
    // A `serde_json::Value` the same, through every typed entry point.
    let big = json!({"leadOpportunity": {"partnerLeadOpportunityId": "x".repeat(10_000)}});
    let error = limited(4096)
        .from_value::<UpdateLeadOpportunityRequest>(big)
        .unwrap_err();
    assert_eq!(error.diagnostics()[0].code(), "A4P005");
}

#[test]
fn debug_of_an_error_with_thousands_of_findings_is_bounded() {
    let members: Vec<String> = (0..3000).map(|i| format!(r#""x{i}": 1"#)).collect();
    let body = format!(
        r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1", {}}}}}"#,
        members.join(", ")
    );
    let error = validator()
        .deny_warnings()
        .validate(&body, PayloadKind::UpdateRequest)
        .unwrap_err();
    let findings = error.findings().len();
    assert!(findings > 1000, "{findings}");
    let debug = format!("{error:?}");
    // `Error`'s docs say "the first 50".
    assert_eq!(api4p_lint::validate::MAX_DEBUG_FINDINGS, 50);
    assert!(
        debug.ends_with(&format!(
            "and {} more findings (`Error::findings` has them all)\n",
            findings - api4p_lint::validate::MAX_DEBUG_FINDINGS
        )),
        "{}",
        &debug[debug.len() - 200..]
    );
    assert!(debug.len() < 100_000, "{} bytes", debug.len());
}

const CREATED: &str =
    include_str!("fixtures/spec/create-response/200_leadsOpportunitiesCreateResponse.json");

#[test]
fn an_integer_with_a_fraction_or_beyond_64_bits_is_a_finding_not_a_model_failure() {
    use api4p_lint::model::CreateLeadOpportunityResponse;
    for (written, label) in [
        ("200.0", "read as 200.0"),
        ("2e2", "read as 200.0"),
        ("9223372036854775808", "beyond the 64-bit integers"),
    ] {
        let body = CREATED.replacen(
            r#""statusCode": 200"#,
            &format!(r#""statusCode": {written}"#),
            1,
        );
        assert_ne!(body, CREATED);
        let error = validate::from_str::<CreateLeadOpportunityResponse>(&body).unwrap_err();
        let finding = error.diagnostics()[0].clone();
        assert_eq!(
            (finding.code(), finding.pointer.as_str()),
            ("A4P104", "/info/statusCode")
        );
        assert_eq!(finding.label, label);
        assert_eq!(&body[finding.span.offset..finding.span.end()], written);
        assert!(!error.to_string().contains("please report it"), "{error}");
    }
}

#[test]
fn a_model_failure_after_a_lowered_rule_names_the_finding_that_explains_it() {
    use api4p_lint::model::CreateLeadOpportunityResponse;
    let mut config = api4p_lint::Config::default();
    config
        .set_level(
            api4p_lint::rules::find("wrong-type").unwrap(),
            api4p_lint::Level::On(Severity::Warning),
        )
        .unwrap();
    let lenient = Validator::with_config(config);
    let body = CREATED.replacen(r#""statusCode": 200"#, r#""statusCode": "200""#, 1);
    let error = lenient
        .from_str::<CreateLeadOpportunityResponse>(&body)
        .unwrap_err();
    let codes: Vec<_> = error.diagnostics().iter().map(|d| d.code()).collect();
    assert_eq!(codes, ["A4P104"]);
    let message = error.to_string();
    assert!(
        message.ends_with(
            "; A4P104 (wrong-type) at /info/statusCode explains it: the configuration makes it \
             a warning, so the payload passed, but the model cannot read what it reports"
        ),
        "{message}"
    );
    let help = miette::Diagnostic::help(&error).unwrap().to_string();
    assert!(!help.contains("please report it"), "{help}");
    assert!(
        error
            .rendered()
            .contains("A4P104(wrong-type) at /info/statusCode"),
        "{}",
        error.rendered()
    );
}

/// Documented: redaction masks values, never keys, even a key the spec does not know.
#[test]
fn redaction_masks_values_but_never_keys() {
    let body = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-SECRET-ID", "Zq7SECRETzz": "hidden"}}"#;
    let error = validator()
        .redacted()
        .deny_warnings()
        .validate(body, PayloadKind::UpdateRequest)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid update-request payload: 1 warning (A4P103 at /leadOpportunity/Zq7SECRETzz)"
    );
    assert!(error.source_text().contains("Zq7SECRETzz"));
    assert!(!error.source_text().contains("hidden"));
    assert!(!error.rendered().contains("CRM-SECRET-ID"));
}
