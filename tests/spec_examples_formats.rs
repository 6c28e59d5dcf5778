//! No example payload of the spec (`tests/fixtures/spec/<kind>/`, each checked as its kind)
//! fires a format rule: A4P204 `offer-line`, A4P302 `currency-code`, A4P303 `email-format`,
//! A4P304 `id-format` or A4P305 `open-vocabulary`. The spec's examples are what DS sends
//! and accepts, so a finding of these rules there would be a false alarm; this holds for
//! warnings too, which `tests/spec_examples.rs` (no errors) lets through.

use std::path::Path;

use api4p_lint::{Linter, PayloadKind, RenderOptions, Source};

const CODES: [&str; 5] = ["A4P204", "A4P302", "A4P303", "A4P304", "A4P305"];

#[test]
fn spec_examples_have_no_finding_of_the_format_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec");
    let linter = Linter::new().with_today(jiff::civil::Date::constant(2025, 6, 1));
    let mut checked = 0;
    let mut failures = String::new();
    for kind in PayloadKind::ALL {
        let dir = root.join(kind.name());
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.display().to_string();
            let report = linter.check(Source::new(name.as_str(), text.as_str()), Some(kind));
            if report
                .diagnostics()
                .iter()
                .any(|d| CODES.contains(&d.code()))
            {
                failures.push_str(&report.render(&RenderOptions::default()));
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} spec examples");
    assert!(failures.is_empty(), "{failures}");
}
