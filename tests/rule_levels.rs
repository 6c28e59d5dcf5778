//! The configuration's `[rules]` levels, for the consistency rules: each can be turned off
//! or given another severity, by code or by name. The payloads are the rules' own cases
//! under `tests/specs/`, each of which fires its rule once at its default severity.

use api4p_lint::{Config, Level, Linter, PayloadKind, Severity};

/// The day the cases' "today"-dependent findings are computed for (A4P203's folder fixes it
/// too).
const TODAY: jiff::civil::Date = jiff::civil::Date::constant(2025, 6, 1);

/// (code, name, payload, kind, default severity).
const CASES: [(&str, &str, &str, PayloadKind, Severity); 5] = [
    (
        "A4P201",
        "forecast-category-status",
        include_str!(
            "specs/A4P201-forecast-category-status/invalid-won-with-commit.update-request.json"
        ),
        PayloadKind::UpdateRequest,
        Severity::Error,
    ),
    (
        "A4P202",
        "reason-status",
        include_str!(
            "specs/A4P202-reason-status/invalid-reason-lost-with-status-won.update-request.json"
        ),
        PayloadKind::UpdateRequest,
        Severity::Warning,
    ),
    (
        "A4P203",
        "close-date-past",
        include_str!(
            "specs/A4P203-close-date-past/invalid-oppy-open-closing-last-year.update-request.json"
        ),
        PayloadKind::UpdateRequest,
        Severity::Info,
    ),
    (
        "A4P205",
        "placeholder-value",
        include_str!(
            "specs/A4P205-placeholder-value/invalid-string-as-description.update-request.json"
        ),
        PayloadKind::UpdateRequest,
        Severity::Warning,
    ),
    (
        "A4P501",
        "response-envelope",
        include_str!(
            "specs/A4P501-response-envelope/invalid-success-with-status-500.update-response.json"
        ),
        PayloadKind::UpdateResponse,
        Severity::Warning,
    ),
];

/// The severities of `code`'s findings in `text` with the rule set to `level` (by `key`, a
/// code or a name), or left at its default.
fn severities(
    code: &str,
    text: &str,
    kind: PayloadKind,
    level: Option<(&str, Level)>,
) -> Vec<Severity> {
    let mut config = Config::default();
    if let Some((key, level)) = level {
        config.set_level(
            api4p_lint::rules::find(key).unwrap_or_else(|| panic!("{key} names a rule")),
            level,
        );
    }
    Linter::with_config(config)
        .with_today(TODAY)
        .check_str(text, kind)
        .diagnostics()
        .iter()
        .filter(|d| d.code() == code)
        .map(|d| d.severity)
        .collect()
}

#[test]
fn config_turns_the_consistency_rules_off_and_changes_their_severity() {
    for (code, name, text, kind, default) in CASES {
        assert_eq!(severities(code, text, kind, None), [default], "{code}");
        for key in [code, name] {
            assert!(
                severities(code, text, kind, Some((key, Level::Off))).is_empty(),
                "{key}"
            );
            for severity in [Severity::Error, Severity::Warning, Severity::Info] {
                assert_eq!(
                    severities(code, text, kind, Some((key, Level::On(severity)))),
                    [severity],
                    "{key}"
                );
            }
        }
    }
}

#[test]
fn a_rule_turned_off_by_name_leaves_its_case_clean() {
    let (_, name, text, kind, _) = CASES[0];
    let mut config = Config::default();
    config.set_level(api4p_lint::rules::find(name).expect("a rule"), Level::Off);
    let report = Linter::with_config(config).check_str(text, kind);
    assert!(report.is_clean(), "{:#?}", report.diagnostics());
}
