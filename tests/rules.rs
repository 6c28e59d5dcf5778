//! Walks the rule registry: every rule is documented, and its documented examples behave
//! (the failing one fires the rule, the passing one does not).

use std::collections::HashSet;

use api4p_lint::config::IdPattern;
use api4p_lint::config::PortfolioItem;
use api4p_lint::rule::{Category, Example};
use api4p_lint::rules::reference::{lead_id_format, unknown_competitor, unknown_offer};
use api4p_lint::rules::{self, RULES};
use api4p_lint::{Config, Linter};

/// Reference rules only run with reference data: their examples are checked with the data
/// their docs name.
/// The clock is fixed too: documented examples must not start failing as their dates age.
fn linter_for(category: Category) -> Linter {
    let today = jiff::civil::Date::constant(2025, 6, 1);
    if category != Category::Reference {
        return Linter::new().with_today(today);
    }
    let mut config = Config::default();
    config
        .reference_mut()
        .add_portfolio(
            unknown_offer::EXAMPLE_PORTFOLIO
                .iter()
                .map(|id| PortfolioItem {
                    id: (*id).to_owned(),
                    orderable: true,
                }),
        );
    config.reference_mut().competitors = Some(
        unknown_competitor::EXAMPLE_COMPETITORS
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
    );
    config.reference_mut().lead_id_pattern =
        Some(IdPattern::new(lead_id_format::EXAMPLE_PATTERN).unwrap());
    Linter::with_config(config).with_today(today)
}

/// Rules whose failing case cannot be written as a UTF-8 JSON code block.
const NO_JSON_EXAMPLE: &[(&str, &str)] = &[
    (
        "A4P003",
        "its failing input is bytes that are not UTF-8 (tests/specs/A4P003-invalid-encoding)",
    ),
    (
        "A4P005",
        "its failing input is over the size limit, megabytes by default \
         (tests/specs/A4P005-payload-too-large sets a 100-byte limit)",
    ),
    (
        "A4P901",
        "its examples are TOML configuration files: the cases of \
         tests/specs/A4P901-invalid-config (tests/config.rs checks the docs show them)",
    ),
    (
        "A4P107",
        "a catch-all for constraints the generated schemas do not use today; its one \
         reachable finding, past 50,000 schema errors, is tests/specs/A4P107-schema-violation",
    ),
];

#[test]
fn codes_and_names_are_well_formed_and_unique() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for rule in RULES {
        assert!(
            rule.code.len() == 6
                && rule.code.starts_with("A4P")
                && rule.code[3..].bytes().all(|b| b.is_ascii_digit()),
            "bad code {}",
            rule.code
        );
        assert!(
            rule.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
                && !rule.name.starts_with('-'),
            "bad name {}",
            rule.name
        );
        assert!(codes.insert(rule.code), "code {} used twice", rule.code);
        assert!(names.insert(rule.name), "name {} used twice", rule.name);
        assert!(
            !rule.summary.is_empty() && !rule.summary.ends_with('.'),
            "summary of {}",
            rule.code
        );
        assert_eq!(api4p_lint::rules::find(rule.code), Some(*rule));
        assert_eq!(api4p_lint::rules::find(rule.name), Some(*rule));
    }
}

/// A finding's `{:?}` (a failed assertion, a log line) names its rule, not the rule's docs.
#[test]
fn a_rule_debugs_as_its_code_and_name() {
    let rule = RULES.iter().find(|r| r.code == "A4P101").unwrap();
    assert_eq!(
        format!("{rule:?}"),
        format!("Rule {{ code: \"A4P101\", name: \"{}\", .. }}", rule.name)
    );
    let report = Linter::default().check_str(
        r#"{"leadOpportunity": {"status": "WONN"}}"#,
        api4p_lint::PayloadKind::CreateRequest,
    );
    let debug = format!("{:?}", report.diagnostics());
    assert!(debug.contains("code: \"A4P101\""), "{debug}");
    assert!(debug.len() < 20_000, "{} bytes", debug.len());
    assert!(!debug.contains("## Why it matters"), "{debug}");
}

#[test]
fn every_rule_has_the_four_doc_sections_and_no_todo() {
    let mut missing = Vec::new();
    for rule in RULES {
        let docs = rule.docs();
        for heading in [
            "## What it checks",
            "## Why it matters",
            "## Example",
            "## Use instead",
        ] {
            if !docs.contains(heading) {
                missing.push(format!("{} lacks `{heading}`", rule.code));
            }
        }
        // `## Fix` says what the fix writes and why it is safe, unsafe or a hint; a rule without
        // any says "None" and why.
        match docs.split("## Fix\n").nth(1) {
            None => missing.push(format!("{} lacks `## Fix`", rule.code)),
            Some(fix) if rule.fixes.is_empty() && !fix.starts_with("None: ") => {
                missing.push(format!(
                    "{} declares no fix: its `## Fix` starts \"None: \"",
                    rule.code
                ))
            }
            Some(fix) if !rule.fixes.is_empty() && fix.starts_with("None") => {
                missing.push(format!(
                    "{} declares fixes {:?}, its `## Fix` none",
                    rule.code, rule.fixes
                ))
            }
            _ => {}
        }
        if docs.contains("TODO") {
            missing.push(format!("{} has a TODO in its docs", rule.code));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn documented_examples_behave() {
    let mut problems = Vec::new();
    // The failing example must fire the rule exactly once, at the documented place.
    let fired = |linter: &Linter, example: &Example, code: &str| -> Result<(), String> {
        let report = linter.check_str(&example.text, example.kind);
        let hits: Vec<_> = report
            .diagnostics()
            .iter()
            .filter(|d| d.code() == code)
            .collect();
        let [hit] = hits.as_slice() else {
            return Err(format!("fired {} times", hits.len()));
        };
        if let Some(fix) = &hit.fix {
            if !rules::find(code).is_some_and(|r| r.fixes.contains(&fix.applicability)) {
                return Err(format!(
                    "carries a {} fix its rule does not declare",
                    fix.applicability
                ));
            }
        }
        if let Some(pointer) = &example.pointer {
            if &hit.pointer != pointer {
                return Err(format!("pointer {:?}, documented {pointer:?}", hit.pointer));
            }
        }
        let covered = &example.text[hit.span.offset..hit.span.end()];
        match &example.span {
            Some(span) if covered != span => {
                Err(format!("span covers {covered:?}, documented {span:?}"))
            }
            None => Err(format!(
                "document the span: `span={covered}` (and `pointer={}`)",
                hit.pointer
            )),
            _ => Ok(()),
        }
    };
    for rule in RULES {
        let linter = linter_for(rule.category);
        let (failing, passing) = rule.examples();
        if NO_JSON_EXAMPLE.iter().any(|(code, _)| *code == rule.code) {
            assert!(
                failing.is_empty(),
                "{} now has an example: drop it from NO_JSON_EXAMPLE",
                rule.code
            );
            continue;
        }
        if failing.is_empty() || passing.is_empty() {
            problems.push(format!(
                "{}: needs a failing and a passing JSON example",
                rule.code
            ));
        }
        for example in &failing {
            if let Err(why) = fired(&linter, example, rule.code) {
                problems.push(format!(
                    "{}: failing example {why}:\n{}",
                    rule.code, example.text
                ));
            }
        }
        for example in &passing {
            let report = linter.check_str(&example.text, example.kind);
            if !report.is_clean() {
                problems.push(format!(
                    "{}: passing example has findings: {:?}",
                    rule.code,
                    report
                        .diagnostics()
                        .iter()
                        .map(|d| (d.code(), &d.message))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every rule declared in a file under `src/rules/` is in the registry's one list: a rule
/// whose line is forgotten would compile and never run.
#[test]
fn every_declared_rule_is_registered() {
    fn declared(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                declared(&path, out);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let mut rest = text.as_str();
            while let Some(at) = rest.find("crate::declare_rule! {") {
                rest = &rest[at..];
                let code = rest
                    .split("code: \"")
                    .nth(1)
                    .and_then(|s| s.split('"').next())
                    .unwrap_or_else(|| panic!("{}: a rule without a code", path.display()));
                out.push((code.to_owned(), path.display().to_string()));
                rest = &rest[1..];
            }
        }
    }
    let mut found = Vec::new();
    declared(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules"),
        &mut found,
    );
    assert_eq!(found.len(), RULES.len(), "{found:#?}");
    for (code, file) in &found {
        assert!(
            RULES.iter().any(|r| r.code == code),
            "{file} declares {code}, which the registry (src/rules/mod.rs) does not list"
        );
    }
}
