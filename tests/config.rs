//! `api4p-lint.toml`: severities, overrides, vocabularies, reference data, kinds, discovery,
//! and errors in the file itself (with spans and did-you-mean).

use api4p_lint::config::{Config, Level, FILE_NAME};
use api4p_lint::rules;
use api4p_lint::{Linter, PayloadKind, RenderOptions, Severity, Source};

const UPDATE_WITH_UNKNOWN: &str =
    r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}, "customerContact": []}"#;

fn parse(text: &str) -> Config {
    match Config::parse("api4p-lint.toml", text, None) {
        Ok(config) => config,
        Err(e) => panic!("{}", e.report().render(&RenderOptions::default())),
    }
}

fn codes(linter: &Linter, name: &str, text: &str, kind: PayloadKind) -> Vec<(String, Severity)> {
    linter
        .check(Source::new(name, text), Some(kind))
        .diagnostics()
        .iter()
        .map(|d| (d.code().to_owned(), d.severity))
        .collect()
}

#[test]
fn a_rule_turned_off_by_name_or_code_has_no_findings() {
    let default = Linter::new();
    assert_eq!(
        codes(
            &default,
            "a.json",
            UPDATE_WITH_UNKNOWN,
            PayloadKind::UpdateRequest
        ),
        [("A4P103".to_owned(), Severity::Warning)]
    );
    for key in ["unknown-property", "A4P103", "a4p103"] {
        let linter = Linter::with_config(parse(&format!("[rules]\n{key:?} = \"off\"\n")));
        assert_eq!(
            codes(
                &linter,
                "a.json",
                UPDATE_WITH_UNKNOWN,
                PayloadKind::UpdateRequest
            ),
            []
        );
    }
}

#[test]
fn a_warning_raised_to_error_changes_the_severity() {
    let linter = Linter::with_config(parse("[rules]\nunknown-property = \"error\"\n"));
    assert_eq!(
        codes(
            &linter,
            "a.json",
            UPDATE_WITH_UNKNOWN,
            PayloadKind::UpdateRequest
        ),
        [("A4P103".to_owned(), Severity::Error)]
    );
}

#[test]
fn overrides_apply_to_matching_files_only() {
    let config = parse(
        r#"
[rules]
unknown-property = "error"

[[overrides]]
files = ["legacy/**"]
rules = { unknown-property = "off" }
"#,
    );
    let linter = Linter::with_config(config);
    assert_eq!(
        codes(
            &linter,
            "legacy/2019/a.json",
            UPDATE_WITH_UNKNOWN,
            PayloadKind::UpdateRequest
        ),
        []
    );
    assert_eq!(
        codes(
            &linter,
            "current/a.json",
            UPDATE_WITH_UNKNOWN,
            PayloadKind::UpdateRequest
        ),
        [("A4P103".to_owned(), Severity::Error)]
    );
}

#[test]
fn kinds_map_globs_to_payload_kinds() {
    let config = parse("[kinds]\n\"exports/get/*.json\" = \"get-response\"\n\"out/*.create.json\" = \"create-request\"\n");
    assert_eq!(
        config.kind_for("exports/get/1.json"),
        Some(PayloadKind::GetResponse)
    );
    assert_eq!(
        config.kind_for("out/lead.create.json"),
        Some(PayloadKind::CreateRequest)
    );
    assert_eq!(config.kind_for("elsewhere.json"), None);
}

#[test]
fn today_vocabularies_limits_and_reference_lists_are_read() {
    let config = parse(
        r#"
today = "2025-06-30"

[vocabularies.approvalStatus]
extra = ["APPROVED"]
closed = true

[reference]
portfolio = ["A", "B"]
competitors = ["Siemens"]

[limits]
max-payload-bytes = 1000
"#,
    );
    assert_eq!(
        config.today(),
        Some(jiff::civil::Date::constant(2025, 6, 30))
    );
    let vocabulary = config.vocabulary("approvalStatus").unwrap();
    assert_eq!(
        (vocabulary.extra.as_slice(), vocabulary.closed),
        (&["APPROVED".to_owned()][..], true)
    );
    assert_eq!(config.reference().portfolio.as_ref().unwrap().len(), 2);
    assert!(config
        .reference()
        .competitors
        .as_ref()
        .unwrap()
        .contains("Siemens"));
    assert_eq!(config.max_payload_bytes(), 1000);
}

#[test]
fn reference_data_turns_on_the_reference_rules() {
    let text = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "competitors": ["Siemen"]}, "offerLines": [{"offerNameId": "OFFER-B", "amount": 1, "revenueType": "UPFRONT"}, {"offerNameId": "OFFER-X", "amount": 1, "revenueType": "UPFRONT"}]}"#;
    assert!(Linter::new()
        .check_str(text, PayloadKind::UpdateRequest)
        .is_clean());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("portfolio.json"),
        r#"{"info": {"success": true, "statusCode": 200, "timeStamp": "2025-08-14T07:45:59.000Z", "estimatedSearchCount": 2},
            "data": [{"salesPortfolioId": "OFFER-A", "salesPortfolioisOrderable": true},
                     {"salesPortfolioId": "OFFER-B", "salesPortfolioisOrderable": false}]}"#,
    )
    .unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(
        &path,
        "[reference]\nportfolio-file = \"portfolio.json\"\ncompetitors = [\"Siemens\", \"PTC\"]\n",
    )
    .unwrap();
    let linter = Linter::with_config(Config::load(&path).unwrap());
    let report = linter.check_str(text, PayloadKind::UpdateRequest);
    let found: Vec<_> = report
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d.code(),
                d.severity,
                d.pointer.as_str(),
                &text[d.span.offset..d.span.end()],
                d.suggestion.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "A4P602",
                Severity::Error,
                "/leadOpportunity/competitors/0",
                r#""Siemen""#,
                Some(r#""Siemens""#)
            ),
            (
                "A4P601",
                Severity::Warning,
                "/offerLines/0/offerNameId",
                r#""OFFER-B""#,
                None
            ),
            (
                "A4P601",
                Severity::Error,
                "/offerLines/1/offerNameId",
                r#""OFFER-X""#,
                Some(r#""OFFER-A""#)
            ),
        ]
    );
}

#[test]
fn the_file_is_discovered_upwards() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b/c");
    std::fs::create_dir_all(&nested).unwrap();
    assert!(
        Config::discover(&nested).unwrap().is_none()
            || dir.path().ancestors().any(|a| a.join(FILE_NAME).is_file())
    );
    std::fs::write(
        dir.path().join("a").join(FILE_NAME),
        "[rules]\nunknown-property = \"off\"\n",
    )
    .unwrap();
    let config = Config::discover(&nested).unwrap().expect("found in a/");
    assert_eq!(
        config.path(),
        Some(dir.path().join("a").join(FILE_NAME).as_path())
    );
    assert_eq!(
        config.level(rules::find("A4P103").unwrap(), None),
        Level::Off
    );
}

/// (config text, expected message fragment, text the span covers, suggestion)
const INVALID: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "[rule]\nclose-date-past = \"off\"\n",
        "unknown key `rule`",
        "rule",
        Some("rules"),
    ),
    (
        "todya = \"2025-01-01\"\n",
        "unknown key `todya`",
        "todya",
        Some("today"),
    ),
    (
        "[rules]\nunknown-propety = \"off\"\n",
        "unknown rule `unknown-propety`",
        "unknown-propety",
        Some("unknown-property"),
    ),
    (
        "[rules]\nA4P103 = \"warn\"\n",
        "unknown severity `warn`",
        "\"warn\"",
        Some("\"warning\""),
    ),
    (
        "[vocabularies.aprovalStatus]\nextra = [\"X\"]\n",
        "unknown open vocabulary",
        "aprovalStatus",
        Some("approvalStatus"),
    ),
    (
        "[kinds]\n\"*.json\" = \"get\"\n",
        "unknown payload kind `get`",
        "\"get\"",
        Some("\"get-response\""),
    ),
    (
        "today = \"30/06/2025\"\n",
        "`today` must be a date",
        "\"30/06/2025\"",
        None,
    ),
    (
        "[reference]\nportfolio-file = \"p.json\"\n",
        "needs a configuration loaded from a file",
        "\"p.json\"",
        None,
    ),
    ("[rules\n", "invalid configuration", "", None),
];

#[test]
fn errors_in_the_file_point_at_the_culprit_with_did_you_mean() {
    let mut failures = Vec::new();
    for (text, message, covered, suggestion) in INVALID {
        let Err(err) = Config::parse("api4p-lint.toml", text, None) else {
            failures.push(format!("{text:?} was accepted"));
            continue;
        };
        let [d] = err.report().diagnostics() else {
            failures.push(format!("{text:?}: {:?}", err.report().diagnostics()));
            continue;
        };
        let span_text = &text[d.span.offset..d.span.end()];
        if d.code() != "A4P901"
            || !d.message.contains(message)
            || (!covered.is_empty() && span_text != *covered)
            || d.suggestion.as_deref() != *suggestion
        {
            failures.push(format!(
                "{text:?}: got {} {:?} at {span_text:?} suggesting {:?}",
                d.code(),
                d.message,
                d.suggestion
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_invalid_config_rule_docs_examples_behave() {
    let docs = rules::find("A4P901").unwrap().docs();
    let blocks: Vec<&str> = docs
        .split("```toml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    let [failing, passing] = blocks.as_slice() else {
        panic!("{blocks:?}")
    };
    assert!(Config::parse("api4p-lint.toml", failing, None).is_err());
    assert!(Config::parse("api4p-lint.toml", passing, None).is_ok());
}

#[test]
fn config_errors_render_like_any_finding() {
    let err = Config::parse(
        "api4p-lint.toml",
        "[rules]\nunknown-propety = \"off\"\n",
        None,
    )
    .unwrap_err();
    insta::assert_snapshot!(err.report().render(&RenderOptions::default()));
}

#[test]
fn a_control_character_in_a_config_value_is_escaped_in_the_error() {
    // TOML 1.1's `\e` is ESC: quoted as it is, it would drive the terminal showing the error.
    let text = "[kinds]\n\"exports/*.json\" = \"cr\\eate\"\n";
    let err = Config::parse("api4p-lint.toml", text, None).unwrap_err();
    let diagnostics = err.report().diagnostics();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code(), "A4P901");
    assert_eq!(
        diagnostics[0].message,
        "unknown payload kind `cr\\u001bate`"
    );
    let shown = err.report().render(&RenderOptions::default());
    assert!(!shown.contains('\u{1b}'), "{shown}");
    assert!(shown.contains("cr\\u001bate"), "{shown}");
}

#[test]
fn a_control_character_in_a_vocabulary_value_is_escaped_in_the_help() {
    let linter = Linter::with_config(parse(
        "today = \"2025-01-15\"\n[vocabularies.approvalStatus]\nextra = [\"APP\\eROVED\"]\nclosed = true\n",
    ));
    let seed = include_str!("fixtures/spec/get-response/seed.json");
    let text = seed.replacen(
        "\"approvalStatus\": \"PRE_APPROVED\"",
        "\"approvalStatus\": \"APPROVEDX\"",
        1,
    );
    assert_ne!(text, seed);
    let report = linter.check(Source::new("a.json", text), Some(PayloadKind::GetResponse));
    let [finding] = report.diagnostics() else {
        panic!("{:?}", report.diagnostics());
    };
    assert_eq!(finding.code(), "A4P305");
    let help = finding.help.as_deref().unwrap();
    assert!(help.contains("did you mean \"APP\\u001bROVED\"?"), "{help}");
    assert!(!help.contains('\u{1b}'), "{help}");
    let shown = report.render(&RenderOptions::default());
    assert!(!shown.contains('\u{1b}'), "{shown}");
}

#[test]
fn a_lead_id_pattern_checks_the_whole_id() {
    let linter = Linter::with_config(parse("[reference]\nlead-id-pattern = 'SF-OPP-\\d{6}'\n"));
    let update =
        |id: &str| format!(r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "{id}"}}}}"#);
    assert_eq!(
        codes(
            &linter,
            "a.json",
            &update("SF-OPP-004817"),
            PayloadKind::UpdateRequest
        ),
        []
    );
    // Anchored at both ends: a match inside the id is not enough.
    for id in ["SF-OPP-4817", "x SF-OPP-004817", "SF-OPP-0048170"] {
        let text = update(id);
        let report = linter.check(
            Source::new("a.json", text.as_str()),
            Some(PayloadKind::UpdateRequest),
        );
        let [finding] = report.diagnostics() else {
            panic!("{id}: {:?}", report.diagnostics());
        };
        assert_eq!(finding.code(), "A4P603");
        assert_eq!(finding.pointer, "/leadOpportunity/partnerLeadOpportunityId");
        assert_eq!(
            &text[finding.span.offset..finding.span.end()],
            format!("\"{id}\"")
        );
        assert_eq!(
            finding.help.as_deref(),
            Some(
                "api4p-lint.toml's `lead-id-pattern` is `SF-OPP-\\d{6}`: write the id the CRM \
                 gave this lead-opportunity"
            )
        );
    }
    // Without a pattern, the rule is silent.
    assert_eq!(
        codes(
            &Linter::new(),
            "a.json",
            &update("anything"),
            PayloadKind::UpdateRequest
        ),
        []
    );
}

#[test]
fn a_bad_lead_id_pattern_is_a_config_error_not_a_panic() {
    for (pattern, why) in [
        ("SF-OPP-(\\d{6}", "`lead-id-pattern` cannot be used: unclosed group"),
        (
            "\\w{1000}{1000}",
            "`lead-id-pattern` cannot be used: it compiles to more than the 1048576-byte limit",
        ),
        (
            &format!("{}a{}", "(".repeat(100), ")".repeat(100)),
            "`lead-id-pattern` cannot be used: exceed the maximum number of nested parentheses/brackets (64)",
        ),
    ] {
        let text = format!("[reference]\nlead-id-pattern = '{pattern}'\n");
        let err = Config::parse("api4p-lint.toml", &text, None).unwrap_err();
        let [d] = err.report().diagnostics() else {
            panic!("{pattern}: {:?}", err.report().diagnostics());
        };
        assert_eq!(d.code(), "A4P901");
        assert_eq!(d.message, why, "{pattern}");
        assert_eq!(
            &text[d.span.offset..d.span.end()],
            format!("'{pattern}'"),
            "{pattern}"
        );
    }
}

/// Levels set by code or by name reach the date and search findings: off drops them, and a
/// level sets their severity whatever the rule chose (a response's warning, a future bound's
/// warning, an error).
#[test]
fn levels_apply_to_date_and_search_findings() {
    let date = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "closeDate": "2025-12-31"}}"#;
    let search = |from: &str, to: &str| {
        format!(r#"{{"data": [{{"modifiedDate": {{"fromDate": "{from}", "toDate": "{to}"}}}}]}}"#)
    };
    let window = search("2025-05-04T08:00:00Z", "2025-05-20T08:00:00Z");
    let future = search("2025-06-02T00:00:00Z", "2025-06-05T00:00:00Z");
    let seed = include_str!("fixtures/spec/get-response/seed.json");
    let response = seed.replacen(
        r#""closeDate": "2024-12-31T00:00:00.000Z""#,
        r#""closeDate": "2025-02-30""#,
        1,
    );
    assert_ne!(response, seed);
    let today = jiff::civil::Date::constant(2025, 6, 1);
    let with = |rule: &str, level: Level| {
        let mut config = Config::default();
        assert!(config.set_level(rule, level));
        Linter::with_config(config).with_today(today)
    };
    let found = |linter: &Linter, text: &str, kind| codes(linter, "a.json", text, kind);
    let one = |code: &str, severity| vec![(code.to_owned(), severity)];

    // What the rules say by default.
    let default = Linter::new().with_today(today);
    assert_eq!(
        found(&default, date, PayloadKind::UpdateRequest),
        one("A4P301", Severity::Error)
    );
    assert_eq!(
        found(&default, &response, PayloadKind::GetResponse),
        one("A4P301", Severity::Warning)
    );
    assert_eq!(
        found(&default, &window, PayloadKind::SearchRequest),
        one("A4P401", Severity::Error)
    );
    assert_eq!(
        found(&default, &future, PayloadKind::SearchRequest),
        one("A4P401", Severity::Warning)
    );

    let off = with("A4P301", Level::Off);
    assert_eq!(found(&off, date, PayloadKind::UpdateRequest), []);
    let off = with("search-criteria", Level::Off);
    assert_eq!(found(&off, &window, PayloadKind::SearchRequest), []);

    let lowered = with("request-date", Level::On(Severity::Info));
    assert_eq!(
        found(&lowered, date, PayloadKind::UpdateRequest),
        one("A4P301", Severity::Info)
    );
    let lowered = with("A4P401", Level::On(Severity::Warning));
    assert_eq!(
        found(&lowered, &window, PayloadKind::SearchRequest),
        one("A4P401", Severity::Warning)
    );
    let raised = with("A4P301", Level::On(Severity::Error));
    assert_eq!(
        found(&raised, &response, PayloadKind::GetResponse),
        one("A4P301", Severity::Error)
    );
    let raised = with("A4P401", Level::On(Severity::Error));
    assert_eq!(
        found(&raised, &future, PayloadKind::SearchRequest),
        one("A4P401", Severity::Error)
    );
}
