//! The documentation of the format rules (A4P204 `offer-line`, A4P302 `currency-code`,
//! A4P303 `email-format`, A4P304 `id-format`, A4P305 `open-vocabulary`), as
//! `api4p-lint explain` prints it: finished (no TODO left), with exactly one failing example
//! and one passing example (`tests/rules.rs` checks that the examples behave as documented).

const CODES: [&str; 5] = ["A4P204", "A4P302", "A4P303", "A4P304", "A4P305"];

#[test]
fn format_rules_are_documented_with_one_example_each() {
    for code in CODES {
        let rule = api4p_lint::rules::find(code).unwrap_or_else(|| panic!("{code} is a rule"));
        let docs = rule.docs();
        assert!(!docs.contains("TODO"), "{code}: {docs}");
        let (failing, passing) = rule.examples();
        assert_eq!(failing.len(), 1, "{code}: failing examples");
        assert_eq!(passing.len(), 1, "{code}: passing examples");
    }
}
