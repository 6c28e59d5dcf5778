//! Every example payload of the spec's leads-opportunities section (copied under
//! `tests/fixtures/spec/<kind>/`) lints without errors as its kind, and is detected as that
//! kind where its shape says so; the seed GET response lints with no finding at all.

mod common;

use api4p_lint::{detect, Detection, Linter, PayloadKind, RenderOptions, Severity, Source};

use common::{fixtures as fixture_dir, sorted_entries};

fn fixtures() -> Vec<(PayloadKind, String, String)> {
    let root = fixture_dir().join("spec");
    let mut out = Vec::new();
    for kind in PayloadKind::ALL {
        for path in sorted_entries(&root.join(kind.name())) {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((kind, path.display().to_string(), text));
        }
    }
    out
}

#[test]
fn every_spec_example_has_no_errors() {
    let linter = Linter::new();
    let all = fixtures();
    assert!(all.len() >= 30, "only {} fixtures", all.len());
    let mut failures = String::new();
    for (kind, name, text) in &all {
        let report = linter.check(Source::new(name.as_str(), text.as_str()), Some(*kind));
        if report.count(Severity::Error) > 0 {
            failures.push_str(&report.render(&RenderOptions::default()));
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn the_seed_lints_clean_as_a_get_response() {
    let text = include_str!("fixtures/spec/get-response/seed.json");
    let report = Linter::new().check_str(text, PayloadKind::GetResponse);
    assert!(
        report.is_clean(),
        "{}",
        report.render(&RenderOptions::default())
    );
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
            _ => assert_eq!(detected, Detection::Known(kind), "{name}"),
        }
    }
}
