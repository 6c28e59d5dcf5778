//! The consistency rule response-envelope (A4P501); forecast-category-status (A4P201),
//! reason-status (A4P202), close-date-past (A4P203) and placeholder-value (A4P205) have
//! their cases under `tests/specs/`. Each
//! behaviour asserts code, severity, pointer and the exact text the span covers; the valid
//! cases assert that the rule says nothing.

use api4p_lint::{Config, Diagnostic, Level, Linter, PayloadKind, Severity};

const SEED: &str = include_str!("fixtures/spec/get-response/seed.json");
const CREATE_OPPY: &str = include_str!("fixtures/spec/create-request/createOpportunityBasic.json");

fn linter() -> Linter {
    Linter::new().with_today(jiff::civil::Date::constant(2025, 6, 1))
}

/// An update request whose `leadOpportunity` has these extra members.
fn update(lo: &str) -> String {
    format!(r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-LEAD-1234"{lo}}}}}"#)
}

/// `base` with `from` (which must occur exactly once) replaced by `to`.
fn edit(base: &str, from: &str, to: &str) -> String {
    assert_eq!(base.matches(from).count(), 1, "{from:?} must occur once");
    base.replacen(from, to, 1)
}

fn diagnostics(text: &str, kind: PayloadKind, code: &str) -> Vec<Diagnostic> {
    linter()
        .check_str(text, kind)
        .into_diagnostics()
        .into_iter()
        .filter(|d| d.code() == code)
        .collect()
}

/// (severity, pointer, span text) of each finding of `code`.
fn found(text: &str, kind: PayloadKind, code: &str) -> Vec<(Severity, String, String)> {
    diagnostics(text, kind, code)
        .into_iter()
        .map(|d| {
            (
                d.severity,
                d.pointer.clone(),
                text[d.span.offset..d.span.end()].to_owned(),
            )
        })
        .collect()
}

fn one(text: &str, kind: PayloadKind, code: &str) -> Diagnostic {
    let mut all = diagnostics(text, kind, code);
    assert_eq!(all.len(), 1, "{code} in {text}: {all:#?}");
    all.remove(0)
}

fn span<'t>(text: &'t str, d: &Diagnostic) -> &'t str {
    &text[d.span.offset..d.span.end()]
}

fn secondary<'t>(text: &'t str, d: &Diagnostic) -> Vec<&'t str> {
    d.secondary
        .iter()
        .map(|l| &text[l.span.offset..l.span.end()])
        .collect()
}

fn assert_clean(text: &str, kind: PayloadKind) {
    let report = linter().check_str(text, kind);
    assert!(
        report.is_clean(),
        "{text}\n{:#?}",
        report
            .diagnostics()
            .iter()
            .map(|d| (d.code(), &d.message))
            .collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------------------------------
// A4P501 response-envelope

const UPDATE_RESPONSE: &str = r#"{"info": {"success": true, "statusCode": 200, "timeStamp": null, "traceId": null}, "error": null, "data": {"partnerLeadOpportunityId": "OPPY-12345", "dsLeadOpportunityId": "XJSR-DZMFFT", "action": "update"}}"#;

const ERROR_500: &str =
    include_str!("fixtures/spec/error-response/get-500_leadsOpportunitiesGetResponse.json");

#[test]
fn envelope_success_must_agree_with_the_status_code() {
    let text = edit(
        UPDATE_RESPONSE,
        r#""statusCode": 200"#,
        r#""statusCode": 500"#,
    );
    let d = one(&text, PayloadKind::UpdateResponse, "A4P501");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.pointer, "/info/success");
    assert_eq!(span(&text, &d), "true");
    assert_eq!(secondary(&text, &d), ["500"]);

    let text = edit(ERROR_500, r#""statusCode": 500"#, r#""statusCode": 204"#);
    let d = one(&text, PayloadKind::ErrorResponse, "A4P501");
    assert_eq!(d.pointer, "/info/success");
    assert_eq!(span(&text, &d), "false");
    assert_eq!(secondary(&text, &d), ["204"]);

    // 201 and 299 are 2xx; 199 and 300 are not.
    for (code, fires) in [(201, false), (299, false), (199, true), (300, true)] {
        let text = edit(
            UPDATE_RESPONSE,
            r#""statusCode": 200"#,
            &format!(r#""statusCode": {code}"#),
        );
        assert_eq!(
            found(&text, PayloadKind::UpdateResponse, "A4P501").len(),
            usize::from(fires),
            "{code}"
        );
    }
}

#[test]
fn envelope_success_carries_no_error() {
    let text = edit(
        UPDATE_RESPONSE,
        r#""error": null"#,
        r#""error": {"code": "ERR801", "message": "x"}"#,
    );
    let d = one(&text, PayloadKind::UpdateResponse, "A4P501");
    assert_eq!(d.pointer, "/error");
    assert_eq!(span(&text, &d), r#"{"code": "ERR801", "message": "x"}"#);
    assert_eq!(secondary(&text, &d), ["true"]);
}

#[test]
fn envelope_failure_says_why() {
    // error: null.
    let text = edit(
        ERROR_500,
        r#""error": {
    "code": "ERROR_048",
    "message": "Leverage Id not in scope of requestor"
  }"#,
        r#""error": null"#,
    );
    let d = one(&text, PayloadKind::ErrorResponse, "A4P501");
    assert_eq!(d.pointer, "/error");
    assert_eq!(span(&text, &d), "null");
    assert_eq!(secondary(&text, &d), ["false"]);
    // No error at all: the envelope's opening brace.
    let text = r#"{"info": {"success": false, "statusCode": 400}, "data": null}"#;
    let d = one(text, PayloadKind::ErrorResponse, "A4P501");
    assert_eq!(d.pointer, "");
    assert_eq!(span(text, &d), "{");
    // `errors` (400 on PATCH) and an empty `error` object are enough.
    for text in [
        r#"{"info": {"success": false, "statusCode": 400}, "errors": {}, "data": {}}"#,
        r#"{"info": {"success": false, "statusCode": 400}, "error": {}, "data": {}}"#,
    ] {
        assert!(
            found(text, PayloadKind::ErrorResponse, "A4P501").is_empty(),
            "{text}"
        );
    }
}

#[test]
fn envelope_success_has_data_except_the_create_response() {
    let text = edit(SEED, r#""data": {"#, r#""data": null, "x": {"#);
    let d = one(&text, PayloadKind::GetResponse, "A4P501");
    assert_eq!(d.pointer, "/data");
    assert_eq!(span(&text, &d), "null");
    assert_eq!(secondary(&text, &d), ["true"]);

    let text = r#"{"info": {"success": true, "statusCode": 200}, "error": null}"#;
    let d = one(text, PayloadKind::UpdateResponse, "A4P501");
    assert_eq!(d.pointer, "");
    assert_eq!(span(text, &d), "{");

    let text = r#"{"info": {"success": true, "statusCode": 200}, "error": null, "data": null}"#;
    let d = one(text, PayloadKind::SearchResponse, "A4P501");
    assert_eq!(d.pointer, "/data");

    // The create response's ids are top-level.
    let text =
        include_str!("fixtures/spec/create-response/200_leadsOpportunitiesCreateResponse.json");
    assert!(found(text, PayloadKind::CreateResponse, "A4P501").is_empty());
}

#[test]
fn envelope_without_a_boolean_success_reads_the_status_code() {
    let text = r#"{"info": {"statusCode": 200}, "error": {"code": "ERR801"}, "data": {}}"#;
    let d = one(text, PayloadKind::UpdateResponse, "A4P501");
    assert_eq!(d.pointer, "/error");
    assert_eq!(secondary(text, &d), ["200"]);
    // Nothing to read: nothing to say.
    let text = r#"{"info": {"success": "yes", "statusCode": "200"}, "error": {"code": "ERR801"}}"#;
    assert!(found(text, PayloadKind::UpdateResponse, "A4P501").is_empty());
}

#[test]
fn envelope_get_response_modified_not_before_created() {
    let text = edit(SEED, "2025-08-13T15:44:44.453Z", "2025-08-13T12:35:03.774Z");
    let d = one(&text, PayloadKind::GetResponse, "A4P501");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.pointer, "/data/leadOpportunity/modifiedDate");
    assert_eq!(span(&text, &d), r#""2025-08-13T12:35:03.774Z""#);
    assert_eq!(secondary(&text, &d), [r#""2025-08-13T12:35:03.775Z""#]);
    // Equal, offsets, unparseable: nothing.
    for modified in [
        "2025-08-13T12:35:03.775Z",
        "2025-08-13T14:35:03.775+02:00",
        "2025-08-13",
        "yesterday",
    ] {
        let text = edit(SEED, "2025-08-13T15:44:44.453Z", modified);
        assert!(
            found(&text, PayloadKind::GetResponse, "A4P501").is_empty(),
            "{modified}"
        );
    }
    // An offset that makes it earlier.
    let text = edit(
        SEED,
        "2025-08-13T15:44:44.453Z",
        "2025-08-13T13:35:03.775+02:00",
    );
    assert_eq!(found(&text, PayloadKind::GetResponse, "A4P501").len(), 1);
}

#[test]
fn envelope_spec_responses_and_gateway_bodies_are_consistent() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec");
    for kind in [
        PayloadKind::GetResponse,
        PayloadKind::CreateResponse,
        PayloadKind::UpdateResponse,
        PayloadKind::SearchResponse,
        PayloadKind::ErrorResponse,
    ] {
        for entry in std::fs::read_dir(root.join(kind.name())).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                found(&text, kind, "A4P501").is_empty(),
                "{}",
                path.display()
            );
        }
    }
    assert_clean(UPDATE_RESPONSE, PayloadKind::UpdateResponse);
}

// ---------------------------------------------------------------------------------------
// All five: the spec's examples, the seed, and configuration.

#[test]
fn seed_and_spec_requests_stay_clean_of_errors() {
    assert_clean(SEED, PayloadKind::GetResponse);
    for (text, kind) in [
        (
            include_str!("fixtures/spec/create-request/createLeadBasic.json"),
            PayloadKind::CreateRequest,
        ),
        (CREATE_OPPY, PayloadKind::CreateRequest),
        (
            include_str!("fixtures/spec/update-request/updateLeadStatus.json"),
            PayloadKind::UpdateRequest,
        ),
    ] {
        // Even with today's real clock (their close date, 2025-06-01, is past): info only.
        let report = Linter::new().check_str(text, kind);
        assert_eq!(report.count(Severity::Error), 0, "{text}");
    }
}

#[test]
fn config_turns_the_rules_off_and_changes_their_severity() {
    let cases: [(&str, String, PayloadKind, Severity); 5] = [
        (
            "A4P201",
            update(r#", "status": "WON", "forecastCategory": "COMMIT""#),
            PayloadKind::UpdateRequest,
            Severity::Error,
        ),
        (
            "A4P202",
            update(r#", "status": "WON", "reasonLost": ["NO_PROJECT"]"#),
            PayloadKind::UpdateRequest,
            Severity::Warning,
        ),
        (
            "A4P203",
            update(r#", "status": "OPPY_OPEN", "closeDate": "2024-12-31""#),
            PayloadKind::UpdateRequest,
            Severity::Info,
        ),
        (
            "A4P205",
            update(r#", "description": "string""#),
            PayloadKind::UpdateRequest,
            Severity::Warning,
        ),
        (
            "A4P501",
            edit(
                UPDATE_RESPONSE,
                r#""statusCode": 200"#,
                r#""statusCode": 500"#,
            ),
            PayloadKind::UpdateResponse,
            Severity::Warning,
        ),
    ];
    let today = jiff::civil::Date::constant(2025, 6, 1);
    for (code, text, kind, default) in &cases {
        let severities = |level: Option<Level>| -> Vec<Severity> {
            let mut config = Config::default();
            if let Some(level) = level {
                assert!(config.set_level(code, level));
            }
            Linter::with_config(config)
                .with_today(today)
                .check_str(text, *kind)
                .diagnostics()
                .iter()
                .filter(|d| d.code() == *code)
                .map(|d| d.severity)
                .collect()
        };
        assert_eq!(severities(None), [*default], "{code}");
        assert!(severities(Some(Level::Off)).is_empty(), "{code}");
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            assert_eq!(severities(Some(Level::On(severity))), [severity], "{code}");
        }
    }
    // By name, too.
    let mut config = Config::default();
    assert!(config.set_level("forecast-category-status", Level::Off));
    let report = Linter::with_config(config).check_str(&cases[0].1, PayloadKind::UpdateRequest);
    assert!(report.is_clean());
}
