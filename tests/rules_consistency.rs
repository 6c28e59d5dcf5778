//! The consistency rules' levels. Their cases are under `tests/specs/` (A4P201, A4P202,
//! A4P203, A4P205, A4P501).

use api4p_lint::{Config, Level, Linter, PayloadKind, Severity};

/// An update request whose `leadOpportunity` has these extra members.
fn update(lo: &str) -> String {
    format!(r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-LEAD-1234"{lo}}}}}"#)
}

/// `base` with `from` (which must occur exactly once) replaced by `to`.
fn edit(base: &str, from: &str, to: &str) -> String {
    assert_eq!(base.matches(from).count(), 1, "{from:?} must occur once");
    base.replacen(from, to, 1)
}

const UPDATE_RESPONSE: &str = r#"{"info": {"success": true, "statusCode": 200, "timeStamp": null, "traceId": null}, "error": null, "data": {"partnerLeadOpportunityId": "OPPY-12345", "dsLeadOpportunityId": "XJSR-DZMFFT", "action": "update"}}"#;

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
