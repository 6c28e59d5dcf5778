//! The spec's examples (`tests/fixtures/spec/`) and the seed GET response against the
//! consistency rules: the seed stays clean on a fixed day, the spec's requests have no error
//! whatever the clock says, and no response of the spec contradicts its own envelope
//! (response-envelope, A4P501, is a warning: `tests/spec_examples.rs` counts only errors).

use std::path::Path;

use api4p_lint::{Linter, PayloadKind, Severity};

#[test]
fn seed_and_spec_requests_stay_clean_of_errors() {
    let seed = include_str!("fixtures/spec/get-response/seed.json");
    let report = Linter::new()
        .with_today(jiff::civil::Date::constant(2025, 6, 1))
        .check_str(seed, PayloadKind::GetResponse);
    assert!(report.is_clean(), "{:#?}", report.diagnostics());
    for (text, kind) in [
        (
            include_str!("fixtures/spec/create-request/createLeadBasic.json"),
            PayloadKind::CreateRequest,
        ),
        (
            include_str!("fixtures/spec/create-request/createOpportunityBasic.json"),
            PayloadKind::CreateRequest,
        ),
        (
            include_str!("fixtures/spec/update-request/updateLeadStatus.json"),
            PayloadKind::UpdateRequest,
        ),
    ] {
        // With today's real clock, their close date (2025-06-01) is past: no error for that.
        let report = Linter::new().check_str(text, kind);
        assert_eq!(report.count(Severity::Error), 0, "{text}");
    }
}

#[test]
fn spec_responses_and_gateway_bodies_have_consistent_envelopes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec");
    let linter = Linter::new().with_today(jiff::civil::Date::constant(2025, 6, 1));
    let mut checked = 0;
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
            let report = linter.check_str(&text, kind);
            let envelope: Vec<_> = report
                .diagnostics()
                .iter()
                .filter(|d| d.code() == "A4P501")
                .map(|d| (&d.pointer, &d.message))
                .collect();
            assert!(envelope.is_empty(), "{}: {envelope:#?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 25, "only {checked} spec responses");
}
