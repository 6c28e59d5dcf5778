//! Every example payload of the spec (copied under `tests/fixtures/spec/<kind>/`: the
//! leads-opportunities section, the orders, price lists, accreditations, API keys and
//! portfolio items, and every error body) is what DS sends and accepts: checked as its kind on
//! a fixed day, it has no error, and no finding at all but the few listed here, each for a
//! reason of its own. Those that are the spec's own defects are warnings, each named in the
//! README's "Known defects of the spec". The seed GET response lints clean whatever the day,
//! and each example is detected as its kind where its shape says so.

mod common;

use api4p_lint::{detect, Detection, Linter, PayloadKind, RenderOptions, Severity, Source};

use common::{fixtures as fixture_dir, sorted_entries};

/// The day the examples are judged on: their close dates are 2025-06-01.
const TODAY: jiff::civil::Date = jiff::civil::Date::constant(2025, 6, 1);

/// The findings the spec's own examples have, in the order reported (by place), and why they
/// are right.
const EXPECTED: &[(&str, &str)] = &[
    // The spec's opportunity example names its legal entity "string", a template's type name.
    ("create-request/createOpportunityBasic.json", "A4P205"),
    // The spec's search windows start in September 2025, after the day they are judged on.
    ("search-request/search_combined.json", "A4P401"),
    ("search-request/search_modifiedDate.json", "A4P401"),
    // The orders search examples give one bound of a date criterion: DS computes the other,
    // and A4P403 says which instant (an info).
    (
        "order-search-request/advancedSearchMultipleCriteria.json",
        "A4P403",
    ),
    (
        "order-search-request/advancedSearchMultipleCriteria.json",
        "A4P403",
    ),
    (
        "order-search-request/basicSearchSingleCriteria.json",
        "A4P403",
    ),
    // Known defects of the spec (README): Belize's and Honduras's `effectiveDate: 'null'`
    // strings (L615, L631), Canada's `hasFuturePriceList: false` with a date (L622-623).
    (SPEC_PRICE_LISTS, "A4P502"),
    (SPEC_PRICE_LISTS, "A4P508"),
    (SPEC_PRICE_LISTS, "A4P502"),
];

const SPEC_PRICE_LISTS: &str = "price-list-search-response/successful_priceLists_search.json";

/// The findings above that are defects of the spec itself, each a warning the README's "Known
/// defects of the spec" lists by example name and code.
const SPEC_DEFECTS: &[(&str, &str)] = &[(SPEC_PRICE_LISTS, "A4P502"), (SPEC_PRICE_LISTS, "A4P508")];

fn fixtures() -> Vec<(PayloadKind, String, String)> {
    let root = fixture_dir().join("spec");
    let mut out = Vec::new();
    for kind in PayloadKind::ALL {
        for path in sorted_entries(&root.join(kind.name())) {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            out.push((kind, name, text));
        }
    }
    out
}

#[test]
fn every_spec_example_has_only_its_expected_findings() {
    let linter = Linter::new().with_today(TODAY);
    let all = fixtures();
    assert!(all.len() >= 30, "only {} fixtures", all.len());
    let mut failures = String::new();
    for (kind, name, text) in &all {
        let report = linter.check(Source::new(name.as_str(), text.as_str()), Some(*kind));
        let found: Vec<&str> = report.diagnostics().iter().map(|d| d.code()).collect();
        let expected: Vec<&str> = EXPECTED
            .iter()
            .filter(|(file, _)| file == name)
            .map(|(_, code)| *code)
            .collect();
        let errors = report
            .diagnostics()
            .iter()
            .any(|d| d.severity == Severity::Error);
        if found != expected || errors {
            failures.push_str(&format!("{name}: expected {expected:?}, no error\n"));
            failures.push_str(&report.render(&RenderOptions::default()));
        }
        for d in report.diagnostics() {
            let defect = SPEC_DEFECTS.contains(&(name.as_str(), d.code()));
            if defect && d.severity != Severity::Warning {
                failures.push_str(&format!(
                    "{name}: {} is a defect of the spec, a warning at most\n",
                    d.code()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

/// The README lists every defect of the spec that its examples' warnings come from: the
/// example's name and the code.
#[test]
fn the_readme_lists_the_spec_defects_the_examples_show() {
    let readme = std::fs::read_to_string(common::manifest_dir().join("README.md")).unwrap();
    let section = readme
        .split("### Known defects of the spec")
        .nth(1)
        .expect("the README's \"Known defects of the spec\"");
    let section = section.split("\n## ").next().unwrap();
    for (file, code) in SPEC_DEFECTS {
        let stem = file.rsplit('/').next().unwrap().trim_end_matches(".json");
        let listed = section
            .lines()
            .any(|line| line.contains(stem) && line.contains(code));
        assert!(
            listed,
            "the README's known defects do not list {code} on {stem}"
        );
    }
}

#[test]
fn the_seed_lints_clean_as_a_get_response_whatever_the_day() {
    let text = include_str!("fixtures/spec/get-response/seed.json");
    for today in [
        None,
        Some(TODAY),
        Some(jiff::civil::Date::constant(2040, 1, 1)),
    ] {
        let linter = match today {
            Some(today) => Linter::new().with_today(today),
            None => Linter::new(),
        };
        let report = linter.check_str(text, PayloadKind::GetResponse);
        assert!(
            report.is_clean(),
            "{today:?}\n{}",
            report.render(&RenderOptions::default())
        );
    }
}

#[test]
fn responses_and_search_requests_are_detected_by_shape() {
    for (kind, name, text) in fixtures() {
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let detected = detect(&value);
        match kind {
            PayloadKind::CreateRequest | PayloadKind::UpdateRequest => {
                assert!(
                    matches!(detected, Detection::Ambiguous(_)),
                    "{name}: {detected:?}"
                )
            }
            // A search that found nothing says nothing of which search it was, except for
            // the portfolio's (its `info.timeStamp`) and the leads' (`"error": null`).
            _ if name.contains("No-Result") || name.contains("noResult") => {
                assert!(
                    matches!(detected, Detection::Ambiguous(kinds) if kinds.contains(&kind)),
                    "{name}: {detected:?}"
                )
            }
            _ => assert_eq!(detected, Detection::Known(kind), "{name}"),
        }
    }
}
