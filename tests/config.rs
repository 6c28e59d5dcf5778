//! `api4p-lint.toml`: severities, overrides, vocabularies, reference data, kinds, discovery,
//! levels applied to rules' findings, and how errors in the file itself render. Each error
//! in the file (A4P901) and each reference rule (A4P601-A4P603) has its cases under
//! tests/specs/.

mod common;

use api4p_lint::config::{Config, Level};
use api4p_lint::config_file::FILE_NAME;
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
        .check_at(Source::new(name, text), Some(kind), Some(name))
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

/// Overrides match the paths of checked files; a library call checks a payload, not a file,
/// so none applies to it, even one whose glob matches every name (`payload` included).
#[test]
fn overrides_never_apply_to_library_calls() {
    let config = parse(
        r#"
[[overrides]]
files = ["**"]
rules = { A4P004 = "off" }

[[overrides]]
files = ["*"]
rules = { unknown-property = "off" }
"#,
    );
    let validator = api4p_lint::validate::Validator::with_config(config.clone());
    let linter = Linter::with_config(config.clone());
    let expect = api4p_lint::testing::Expect::with_config(config);
    for unknown in ["{}", "[1]", r#"{"editor": 1}"#] {
        let error = validator.validate(unknown, None).unwrap_err();
        assert_eq!(error.diagnostics()[0].code(), "A4P004", "{unknown}");
        for report in [
            linter.check_str(unknown, None),
            linter.check_bytes(unknown.as_bytes(), None),
            linter.check(Source::new("payload", unknown), None),
            linter.check(Source::new("a.json", unknown), None),
        ] {
            let codes: Vec<_> = report.diagnostics().iter().map(|d| d.code()).collect();
            assert_eq!(codes, ["A4P004"], "{unknown}");
            assert!(report.has_errors());
        }
        assert!(expect.validate(unknown, None).is_err(), "{unknown}");
    }
    let error = validator
        .clone()
        .deny_warnings()
        .validate(UPDATE_WITH_UNKNOWN, PayloadKind::UpdateRequest)
        .unwrap_err();
    assert_eq!(error.diagnostics()[0].code(), "A4P103");
    assert_eq!(
        codes_of(&linter.check_str(UPDATE_WITH_UNKNOWN, PayloadKind::UpdateRequest)),
        [("A4P103".to_owned(), Severity::Warning)]
    );
    // A file's path, as the command line gives it, is what the overrides match.
    let report = linter.check_at(Source::new("payload", "[1]"), None, Some("payload"));
    assert_eq!(codes_of(&report), []);
    let report = linter.check_at(
        Source::new("a.json", UPDATE_WITH_UNKNOWN),
        Some(PayloadKind::UpdateRequest),
        Some("a.json"),
    );
    assert_eq!(codes_of(&report), []);
}

fn codes_of(report: &api4p_lint::Report<'_>) -> Vec<(String, Severity)> {
    report
        .diagnostics()
        .iter()
        .map(|d| (d.code().to_owned(), d.severity))
        .collect()
}

/// Every payload kind is an object: a root that is not one fails as `unknown-kind`, whatever
/// kind is given and however far `wrong-type` (the schema's finding at the root) is lowered,
/// in the file or in code.
#[test]
fn a_root_that_is_no_object_fails_whatever_the_levels() {
    use api4p_lint::model::UpdateLeadOpportunityRequest;
    use api4p_lint::validate::Validator;

    let mut configs = Vec::new();
    for level in ["off", "info", "warning"] {
        configs.push(parse(&format!(
            "[rules]\nwrong-type = {level:?}\nschema-violation = {level:?}\n"
        )));
        let mut config = Config::default();
        for rule in ["wrong-type", "schema-violation"] {
            let level = match level {
                "off" => Level::Off,
                "info" => Level::On(Severity::Info),
                _ => Level::On(Severity::Warning),
            };
            config.set_level(rules::find(rule).unwrap(), level).unwrap();
        }
        configs.push(config);
    }
    for config in configs {
        let validator = Validator::with_config(config.clone());
        let linter = Linter::with_config(config);
        for text in ["[]", "[{}]", "42", "\"x\"", "null", "true"] {
            for kind in [
                Some(PayloadKind::UpdateRequest),
                Some(PayloadKind::GetResponse),
                Some(PayloadKind::ErrorResponse),
                None,
            ] {
                let error = validator.validate(text, kind).unwrap_err();
                let codes: Vec<_> = error.diagnostics().iter().map(|d| d.code()).collect();
                assert_eq!(codes, ["A4P004"], "{text} as {kind:?}");
                let report = linter.check_str(text, kind);
                assert_eq!(
                    codes_of(&report),
                    [("A4P004".to_owned(), Severity::Error)],
                    "{text} as {kind:?}"
                );
            }
            let error = validator
                .from_str::<UpdateLeadOpportunityRequest>(text)
                .unwrap_err();
            assert_eq!(error.diagnostics()[0].code(), "A4P004", "{text}");
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            let error = validator
                .validate_value(&value, PayloadKind::CreateRequest)
                .unwrap_err();
            assert_eq!(error.diagnostics()[0].code(), "A4P004", "{text}");
        }
    }
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
fn kinds_and_overrides_globs_are_normalised_as_paths_are() {
    // The paths matched are relative to the configuration's folder without `./` (as the
    // exclude globs are): `./out/create/*.json` means `out/create/*.json`.
    let config = parse(
        r#"
[kinds]
"./out/create/*.json" = "create-request"
"out/./get//*.json" = "get-response"
"out/legacy/../update/*.json" = "update-request"

[[overrides]]
files = ["./out/**"]
rules = { unknown-property = "off" }
"#,
    );
    for (path, kind) in [
        ("out/create/a.json", Some(PayloadKind::CreateRequest)),
        ("out/get/a.json", Some(PayloadKind::GetResponse)),
        ("out/update/a.json", Some(PayloadKind::UpdateRequest)),
        ("out/legacy/a.json", None),
        ("elsewhere/create/a.json", None),
    ] {
        assert_eq!(config.kind_for(path), kind, "{path}");
    }
    let rule = rules::find("unknown-property").unwrap();
    assert_eq!(config.level(rule, Some("out/update/a.json")), Level::Off);
    assert_eq!(
        config.level(rule, Some("in/a.json")),
        Level::On(Severity::Warning)
    );
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
fn today_is_a_string_or_a_toml_date() {
    // `today = 2025-06-30`, unquoted, is a TOML date: the same day as the string.
    for text in ["today = \"2025-06-30\"\n", "today = 2025-06-30\n"] {
        assert_eq!(
            parse(text).today(),
            Some(jiff::civil::Date::constant(2025, 6, 30)),
            "{text}"
        );
    }
    for (text, message) in [
        (
            "today = 2025-06-30T10:00:00\n",
            "`today` must be a date such as 2025-06-30, not 2025-06-30T10:00:00",
        ),
        (
            "today = 10:00:00\n",
            "`today` must be a date such as 2025-06-30, not 10:00:00",
        ),
        (
            "today = 20250630\n",
            "`today` must be a date such as 2025-06-30, not 20250630",
        ),
        (
            "today = [2025]\n",
            "`today` must be a date such as 2025-06-30, not an array",
        ),
    ] {
        let error = Config::parse("api4p-lint.toml", text, None).unwrap_err();
        let messages: Vec<&str> = error
            .report()
            .diagnostics()
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages, [message], "{text}");
    }
}

#[test]
fn now_pins_the_instant_and_today_its_midnight() {
    let ten = "2025-06-01T10:00:00Z".parse::<jiff::Timestamp>().unwrap();
    for text in [
        "now = \"2025-06-01T10:00:00Z\"\n",
        "now = 2025-06-01T10:00:00Z\n",
    ] {
        let config = parse(text);
        assert_eq!(config.now(), Some(ten), "{text}");
        assert_eq!(
            config.today(),
            Some(jiff::civil::Date::constant(2025, 6, 1))
        );
    }
    // A pinned day is its first instant: a `from` later that day is in the future.
    assert_eq!(
        parse("today = 2025-06-01\n").now(),
        Some("2025-06-01T00:00:00Z".parse().unwrap())
    );
    for (text, message) in [
        (
            "now = \"2025-06-01T10:00:00+02:00\"\n",
            "`now` must be a UTC date-time such as 2025-06-30T10:00:00Z, not \"2025-06-01T10:00:00+02:00\"",
        ),
        (
            "now = 2025-06-01T10:00:00\n",
            "`now` must be a UTC date-time such as 2025-06-30T10:00:00Z, not 2025-06-01T10:00:00",
        ),
        (
            "now = 2025-06-01\n",
            "`now` must be a UTC date-time such as 2025-06-30T10:00:00Z, not 2025-06-01",
        ),
        (
            "today = 2025-06-01\nnow = 2025-06-01T10:00:00Z\n",
            "`now` and `today` both pin the clock: keep one (`now` pins the time of day too)",
        ),
    ] {
        let error = Config::parse("api4p-lint.toml", text, None).unwrap_err();
        let messages: Vec<&str> = error
            .report()
            .diagnostics()
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages, [message], "{text}");
    }
}

#[test]
fn an_orders_search_from_is_compared_with_now_to_the_instant() {
    let check = |now: &str, from: &str| {
        let linter = Linter::new().with_now(now.parse().unwrap());
        let text = format!(
            r#"{{"creationDateTime": {{"from": "{from}", "to": "2025-06-01T12:00:00Z"}}}}"#
        );
        let report = linter.check_str(&text, PayloadKind::OrderSearchRequest);
        report
            .diagnostics()
            .iter()
            .map(|d| d.code())
            .filter(|c| *c == "A4P402")
            .count()
    };
    // Same day, earlier and later than now.
    assert_eq!(check("2025-06-01T10:00:00Z", "2025-06-01T09:59:59Z"), 0);
    assert_eq!(check("2025-06-01T10:00:00Z", "2025-06-01T10:00:00Z"), 0);
    assert_eq!(check("2025-06-01T10:00:00Z", "2025-06-01T10:00:01Z"), 1);
    // A pinned day stands at its midnight.
    let linter = Linter::new().with_today(jiff::civil::Date::constant(2025, 6, 1));
    assert_eq!(linter.now(), "2025-06-01T00:00:00Z".parse().unwrap());
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

#[test]
fn an_entry_by_the_name_that_cannot_be_read_is_never_passed_over() {
    // A link to nothing (or a file that cannot be looked at) where `api4p-lint.toml` is
    // looked for is the configuration that was meant: found, and an A4P901 when loaded, never
    // passed over for the parent's configuration or none. A folder by that name is an
    // A4P901 too (the README's limits say so).
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(dir.path().join("a").join(FILE_NAME), "[rules]\n").unwrap();
    std::os::unix::fs::symlink("nowhere.toml", nested.join(FILE_NAME)).unwrap();
    assert_eq!(Config::find(&nested), Some(nested.join(FILE_NAME)));
    let err = Config::discover(&nested).unwrap_err();
    let [d] = err.report().diagnostics() else {
        panic!("{:?}", err.report().diagnostics());
    };
    assert_eq!(d.code(), "A4P901");
    assert_eq!(
        d.message,
        format!(
            "cannot read {}: it is a broken symbolic link: No such file or directory (os error 2)",
            nested.join(FILE_NAME).display()
        )
    );
    std::fs::remove_file(nested.join(FILE_NAME)).unwrap();
    std::fs::create_dir(nested.join(FILE_NAME)).unwrap();
    assert_eq!(Config::find(&nested), Some(nested.join(FILE_NAME)));
    let err = Config::discover(&nested).unwrap_err();
    let [d] = err.report().diagnostics() else {
        panic!("{:?}", err.report().diagnostics());
    };
    assert_eq!(d.code(), "A4P901");
    assert!(d.message.contains("a folder"), "{}", d.message);
}

/// The one configuration error a case under tests/specs/A4P901-invalid-config cannot show:
/// those are parsed relative to their folder, and this needs no folder at all.
#[test]
fn a_portfolio_file_needs_a_configuration_loaded_from_a_file() {
    let text = "[reference]\nportfolio-file = \"p.json\"\n";
    let err = Config::parse("api4p-lint.toml", text, None).unwrap_err();
    let [d] = err.report().diagnostics() else {
        panic!("{:?}", err.report().diagnostics());
    };
    assert_eq!(d.code(), "A4P901");
    assert_eq!(
        d.message,
        "`portfolio-file` needs a configuration loaded from a file"
    );
    assert_eq!(&text[d.span.offset..d.span.end()], "\"p.json\"");
    assert_eq!(d.label, "relative to what?");
}

/// A4P901's documented examples are the case files whose snapshots pin their findings (code,
/// span, message, help, suggestion): tests/specs/A4P901-invalid-config/.
#[test]
fn the_invalid_config_rule_docs_examples_are_its_cases() {
    let docs = rules::find("A4P901").unwrap().docs();
    let blocks: Vec<&str> = docs
        .split("```toml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    let [failing, passing] = blocks.as_slice() else {
        panic!("{blocks:?}")
    };
    let case = |name: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/specs/A4P901-invalid-config")
            .join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    assert_eq!(*failing, case("invalid-rule-instead-of-rules.toml"));
    assert_eq!(*passing, case("valid-rules-table.toml"));
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
fn a_misspelt_kind_in_kinds_gets_a_did_you_mean() {
    let text = "[kinds]\n\"u.json\" = \"update-requets\"\n";
    let err = Config::parse("api4p-lint.toml", text, None).unwrap_err();
    let [d] = err.report().diagnostics() else {
        panic!("{:?}", err.report().diagnostics());
    };
    assert_eq!(d.code(), "A4P901");
    assert_eq!(d.message, "unknown payload kind `update-requets`");
    assert_eq!(d.help.as_deref(), Some("did you mean `update-request`?"));
    // The quotes it was written with are kept: the suggestion replaces the whole value.
    assert_eq!(d.suggestion.as_deref(), Some("\"update-request\""));
    assert_eq!(&text[d.span.offset..d.span.end()], "\"update-requets\"");
    // Its fix writes the same, quotes kept: the file stays TOML.
    let edits = &d.fix.as_ref().unwrap().edits;
    assert_eq!(edits.len(), 1);
    assert_eq!(
        (edits[0].span, edits[0].replacement.as_str()),
        (d.span, "\"update-request\"")
    );
}

/// `baseline = …` added at the end of a file with `[kinds]` belongs to `[kinds]` in TOML: the
/// finding says so, at the key, instead of calling the baseline's file name an unknown kind.
#[test]
fn a_top_level_setting_below_kinds_is_told_to_move_up() {
    let text =
        "[kinds]\n\"u.json\" = \"update-request\"\nbaseline = \"api4p-lint-baseline.json\"\n";
    let err = Config::parse("api4p-lint.toml", text, None).unwrap_err();
    let [d] = err.report().diagnostics() else {
        panic!("{:?}", err.report().diagnostics());
    };
    assert_eq!(d.code(), "A4P901");
    assert_eq!(
        d.message,
        "`baseline` is read as a file glob of `[kinds]`, and `api4p-lint-baseline.json` as its kind"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("in TOML every key after `[kinds]` belongs to it: move `baseline = …` above the first `[table]`")
    );
    assert_eq!(&text[d.span.offset..d.span.end()], "baseline");
    // So is a setting of another type (the TOML value as written), or a table's key.
    for (line, key, value) in [
        ("redact = true", "redact", "true"),
        ("exclude = [\"old/**\"]", "exclude", "[\"old/**\"]"),
        (
            "limits.max-payload-bytes = 5",
            "limits",
            "{ max-payload-bytes = 5 }",
        ),
    ] {
        let text = format!("[kinds]\n\"u.json\" = \"update-request\"\n{line}\n");
        let err = Config::parse("api4p-lint.toml", &text, None).unwrap_err();
        let [d] = err.report().diagnostics() else {
            panic!("{:?}", err.report().diagnostics());
        };
        assert_eq!(
            d.message,
            format!("`{key}` is read as a file glob of `[kinds]`, and `{value}` as its kind")
        );
        assert_eq!(
            d.help,
            Some(format!(
                "in TOML every key after `[kinds]` belongs to it: move `{key} = …` above the \
                 first `[table]`"
            ))
        );
        assert_eq!(&text[d.span.offset..d.span.end()], key);
    }
    // A glob's kind that is not a string is said as such, at the value.
    let text = "[kinds]\n\"u.json\" = 5\n";
    let err = Config::parse("api4p-lint.toml", text, None).unwrap_err();
    let [d] = err.report().diagnostics() else {
        panic!("{:?}", err.report().diagnostics());
    };
    assert_eq!(
        d.message,
        "the kind of `u.json` is not a string but a TOML integer"
    );
    assert_eq!(&text[d.span.offset..d.span.end()], "5");
    // Any other glob with a wrong kind is still an unknown kind.
    let text = "[kinds]\nbaselines = \"api4p-lint-baseline.json\"\n";
    let err = Config::parse("api4p-lint.toml", text, None).unwrap_err();
    assert_eq!(
        err.report().diagnostics()[0].message,
        "unknown payload kind `api4p-lint-baseline.json`"
    );
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

/// A portfolio file is read through the portfolio-items model, as tolerant as reference data
/// needs: `data` alone is enough (no `info`), an item without `salesPortfolioId` is skipped,
/// `salesPortfolioisOrderable` is `true` when absent, members the model does not know are
/// ignored; a member of the wrong type is an error in the model's terms, with its place and
/// without its value.
#[test]
fn a_portfolio_file_is_read_through_the_model() {
    use api4p_lint::config::{PortfolioItem, ReferenceData};
    let items = ReferenceData::portfolio_from_search_response(
        r#"{"data": [
            {"salesPortfolioId": "P-1"},
            {"salesPortfolioId": "P-2", "salesPortfolioisOrderable": false, "extra": [1]},
            {"salesPortfolioType": "Brand"}
        ]}"#,
    )
    .unwrap();
    assert_eq!(
        items,
        [
            PortfolioItem {
                id: "P-1".to_owned(),
                orderable: true
            },
            PortfolioItem {
                id: "P-2".to_owned(),
                orderable: false
            },
        ]
    );
    let error = ReferenceData::portfolio_from_search_response(
        "{\"data\": [\n  {\"salesPortfolioId\": 7}\n]}",
    )
    .unwrap_err();
    assert_eq!(
        error,
        "invalid type: integer, expected a string at line 2 column 24"
    );
    assert_eq!(
        ReferenceData::portfolio_from_search_response(r#"{"info": {}}"#).unwrap_err(),
        "not a portfolio-items search response: no `data` array"
    );
}

/// A portfolio file's root is an object: serde would read the response from an array of its
/// members, taking `[[{...}]]` for a portfolio and saying "expected a sequence" of `[{...}]`.
#[test]
fn a_portfolio_file_is_an_object() {
    use api4p_lint::config::ReferenceData;
    let expected = "not an object: a portfolio file is a saved portfolio-search-response, \
                    `{\"data\": [...], \"info\": {...}}`";
    for (json, what) in [
        (
            r#"[[{"salesPortfolioId": "P-1", "salesPortfolioisOrderable": false}]]"#,
            "an array",
        ),
        (r#"[{"salesPortfolioId":"X"}]"#, "an array"),
        ("\u{feff}\n  []", "an array"),
        (r#""data""#, "a string"),
        ("7", "a number"),
        ("true", "a boolean"),
        ("null", "null"),
    ] {
        let error = ReferenceData::portfolio_from_search_response(json).unwrap_err();
        assert_eq!(
            error,
            format!("the file's root is {what}, {expected}"),
            "{json}"
        );
    }
}

/// An id listed as orderable and as not orderable cannot be read either way: the file
/// contradicts itself, and the error names the id and both items. Repeating an id with the
/// same orderability is harmless.
#[test]
fn a_portfolio_id_listed_twice_with_different_orderability_is_an_error() {
    use api4p_lint::config::{PortfolioItem, ReferenceData};
    for (json, why) in [
        (
            r#"{"data": [{"salesPortfolioId": "P-1", "salesPortfolioisOrderable": false}, {"salesPortfolioId": "P-2"}, {"salesPortfolioId": "P-1", "salesPortfolioisOrderable": true}]}"#,
            "`P-1` is listed as not orderable at /data/0 and as orderable at /data/2: keep the one DS returns",
        ),
        (
            r#"{"data": [{"salesPortfolioId": "P-1"}, {"salesPortfolioId": "P-1", "salesPortfolioisOrderable": false}]}"#,
            "`P-1` is listed as orderable at /data/0 and as not orderable at /data/1: keep the one DS returns",
        ),
    ] {
        assert_eq!(
            ReferenceData::portfolio_from_search_response(json).unwrap_err(),
            why
        );
    }
    let items = ReferenceData::portfolio_from_search_response(
        r#"{"data": [{"salesPortfolioId": "P-1", "salesPortfolioisOrderable": false}, {"salesPortfolioId": "P-1", "salesPortfolioisOrderable": false}]}"#,
    )
    .unwrap();
    assert!(items.iter().all(|i| *i
        == PortfolioItem {
            id: "P-1".to_owned(),
            orderable: false
        }));
}

/// An id the configuration's `portfolio` list makes orderable and its file does not is a
/// conflict, not a silent override.
#[test]
fn a_portfolio_id_the_list_and_the_file_disagree_on_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("api4p-lint.toml");
    std::fs::write(
        dir.path().join("portfolio.json"),
        r#"{"data": [{"salesPortfolioId": "Y"}, {"salesPortfolioId": "X", "salesPortfolioisOrderable": false}]}"#,
    )
    .unwrap();
    let text = "[reference]\nportfolio = [\"X\"]\nportfolio-file = \"portfolio.json\"\n";
    std::fs::write(&config, text).unwrap();
    let err = Config::load(&config).unwrap_err();
    let [d] = err.report().diagnostics() else {
        panic!("{:?}", err.report().diagnostics());
    };
    assert_eq!(d.code(), "A4P901");
    assert_eq!(
        d.message,
        format!(
            "`X` is orderable in `[reference] portfolio` (every id listed there is) and not \
             orderable in {} (`salesPortfolioisOrderable: false`): remove it from one of them",
            dir.path().join("portfolio.json").display()
        )
    );
    assert_eq!(&text[d.span.offset..d.span.end()], "\"portfolio.json\"");
    // Agreeing (orderable in both, or listed in one only) adds up.
    let text = "[reference]\nportfolio = [\"Y\", \"Z\"]\nportfolio-file = \"portfolio.json\"\n";
    std::fs::write(&config, text).unwrap();
    let portfolio = Config::load(&config)
        .unwrap()
        .reference()
        .portfolio
        .clone()
        .unwrap();
    assert_eq!(portfolio.get("X"), Some(false));
    assert_eq!(portfolio.get("Y"), Some(true));
    assert_eq!(portfolio.get("Z"), Some(true));
}

/// A portfolio file the model does not read is an `A4P901` finding that says why in the
/// model's terms, at the `portfolio-file` value.
#[test]
fn a_portfolio_file_the_model_does_not_read_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("api4p-lint.toml");
    for (json, why) in [
        (
            "{\"data\": [\n  {\"salesPortfolioId\": \"P-1\"},\n  {\"salesPortfolioId\": 7}\n]}",
            "invalid type: integer, expected a string at line 3 column 24",
        ),
        (
            r#"{"info": {"success": true, "statusCode": 200}}"#,
            "not a portfolio-items search response: no `data` array",
        ),
        (
            r#"{"data": [{"salesPortfolioisOrderable": "no"}]}"#,
            "invalid type: string, expected a boolean at line 1 column 44",
        ),
        (
            r#"[{"salesPortfolioId":"X"}]"#,
            "the file's root is an array, not an object: a portfolio file is a saved \
             portfolio-search-response, `{\"data\": [...], \"info\": {...}}`",
        ),
        (
            // An item is an object: serde would read a struct's members from an array.
            r#"{"data": [["X", "Brand"]]}"#,
            "invalid type: sequence, expected a portfolio item, an object such as \
             {\"salesPortfolioId\": ...} at line 1 column 10",
        ),
        (
            r#"{"data": [{"salesPortfolioId": "X", "salesPortfolioisOrderable": false}, {"salesPortfolioId": "X"}]}"#,
            "`X` is listed as not orderable at /data/0 and as orderable at /data/1: keep the \
             one DS returns",
        ),
    ] {
        std::fs::write(dir.path().join("portfolio.json"), json).unwrap();
        let text = "[reference]\nportfolio-file = \"portfolio.json\"\n";
        std::fs::write(&config, text).unwrap();
        let err = Config::load(&config).unwrap_err();
        let [d] = err.report().diagnostics() else {
            panic!("{:?}", err.report().diagnostics());
        };
        assert_eq!(d.code(), "A4P901");
        assert!(
            d.message.ends_with(&format!("as a portfolio: {why}")),
            "{}",
            d.message
        );
        assert_eq!(&text[d.span.offset..d.span.end()], "\"portfolio.json\"");
    }
}

/// A portfolio file's serde errors say what was met and where, never the value: a saved
/// response can carry a secret in the wrong member, and the message is shown in every format,
/// with `redact` on or off.
#[test]
fn a_portfolio_file_error_quotes_no_value_of_the_file() {
    use api4p_lint::config::ReferenceData;
    let secret = "3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d092c";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("portfolio.json"),
        format!(
            r#"{{"api_key": "{secret}", "data": [{{"salesPortfolioId": "P-1", "salesPortfolioisOrderable": "{secret}"}}]}}"#
        ),
    )
    .unwrap();
    std::fs::write(dir.path().join("order.json"), "{}").unwrap();
    for redact in ["true", "false"] {
        std::fs::write(
            dir.path().join("api4p-lint.toml"),
            format!("redact = {redact}\n[reference]\nportfolio-file = \"portfolio.json\"\n"),
        )
        .unwrap();
        for format in common::FORMATS {
            let (code, out, err) = common::run(
                dir.path(),
                &["check", "--format", format, "order.json"],
                None,
            );
            assert_eq!(code, 2, "{format}: {out}{err}");
            let shown = format!("{out}{err}");
            assert!(
                shown.contains("A4P901") && shown.contains("expected a boolean"),
                "{format}: {shown}"
            );
            assert!(!shown.contains(&secret[..16]), "{format}: {shown}");
        }
    }
    // Every kind of value serde quotes, and an `, expected ` inside a string.
    for (json, why) in [
        (
            r#"{"data": [{"salesPortfolioId": "P", "salesPortfolioisOrderable": "a\", expected \"x"}]}"#,
            "invalid type: string, expected a boolean at line 1 column 84",
        ),
        (
            r#"{"data": [{"salesPortfolioisOrderable": 4242.5}]}"#,
            "invalid type: floating point, expected a boolean at line 1 column 46",
        ),
        (
            r#"{"data": [{"salesPortfolioId": true}]}"#,
            "invalid type: boolean, expected a string at line 1 column 35",
        ),
        (
            r#"{"data": [{"salesPortfolioId": -4242}]}"#,
            "invalid type: integer, expected a string at line 1 column 36",
        ),
    ] {
        assert_eq!(
            ReferenceData::portfolio_from_search_response(json).unwrap_err(),
            why,
            "{json}"
        );
    }
}

#[test]
fn the_first_kinds_glob_written_that_matches_gives_the_kind() {
    // Sorted by glob, `payloads/**` would come first and win.
    let config = api4p_lint::Config::parse(
        "api4p-lint.toml",
        "[kinds]\n\"payloads/create.json\" = \"create-request\"\n\"payloads/**\" = \"update-request\"\n",
        None,
    )
    .unwrap();
    assert_eq!(
        config.kind_for("payloads/create.json"),
        Some(api4p_lint::PayloadKind::CreateRequest)
    );
    assert_eq!(
        config.kind_for("payloads/lead.json"),
        Some(api4p_lint::PayloadKind::UpdateRequest)
    );
}
