//! The offer-line and format rules: A4P204 `offer-line`, A4P302 `currency-code`,
//! A4P303 `email-format`, A4P304 `id-format`, A4P305 `open-vocabulary`.

use std::path::Path;

use api4p_lint::{Config, Level, Linter, PayloadKind, Severity};

const SEED: &str = include_str!("fixtures/spec/get-response/seed.json");

const MY_CODES: [&str; 5] = ["A4P204", "A4P302", "A4P303", "A4P304", "A4P305"];

/// A finding as the tests compare it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hit {
    severity: Severity,
    pointer: String,
    span: String,
    suggestion: Option<String>,
    message: String,
    label: String,
    help: Option<String>,
}

fn linter() -> Linter {
    Linter::new().with_today(jiff::civil::Date::constant(2025, 6, 1))
}

fn hits_with(linter: &Linter, text: &str, kind: PayloadKind, code: &str) -> Vec<Hit> {
    linter
        .check_str(text, kind)
        .diagnostics()
        .iter()
        .filter(|d| d.code() == code)
        .map(|d| Hit {
            severity: d.severity,
            pointer: d.pointer.clone(),
            span: text[d.span.offset..d.span.end()].to_owned(),
            suggestion: d.suggestion.clone(),
            message: d.message.clone(),
            label: d.label.clone(),
            help: d.help.clone(),
        })
        .collect()
}

fn hits(text: &str, kind: PayloadKind, code: &str) -> Vec<Hit> {
    hits_with(&linter(), text, kind, code)
}

/// A complete, valid create request; `{offer}` is the offer line's members,
/// `{lead}` extra members of `leadOpportunity`, `{rest}` extra top-level members.
fn create(offer: &str, lead: &str, rest: &str) -> String {
    format!(
        r#"{{
  "partnerId": "200000000052731",
  "leadOpportunity": {{
    "partnerLeadOpportunityId": "SF-OPP-004817",
    "name": "Digital twin rollout at Kessler Antriebstechnik",
    "status": "LEAD_OPEN",
    "closeDate": "2030-06-30T00:00:00.000Z",
    "currency": "EUR"{lead}
  }},
  "offerLines": [
    {{{offer}}}
  ],
  "customerLegalEntity": {{"name": "Kessler Antriebstechnik GmbH", "city": "Augsburg", "country": "Germany"}}{rest}
}}"#
    )
}

const OFFER: &str = r#""offerNameId": "MDMIND00031_PUBL_ISE00002711_IPE00021402", "amount": 13800, "revenueType": "UPFRONT""#;

fn update(lead: &str, rest: &str) -> String {
    format!(r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "SF-OPP-004817"{lead}}}{rest}}}"#)
}

fn seed_with(from: &str, to: &str) -> String {
    assert!(SEED.contains(from), "seed lacks {from:?}");
    SEED.replacen(from, to, 1)
}

// ---------------------------------------------------------------------------------------
// Baselines

#[test]
fn valid_payloads_have_no_finding_of_these_rules() {
    let create = create(OFFER, "", "");
    let report = linter().check_str(&create, PayloadKind::CreateRequest);
    assert!(report.is_clean(), "{:#?}", report.diagnostics());
    let report = linter().check_str(SEED, PayloadKind::GetResponse);
    assert!(report.is_clean(), "{:#?}", report.diagnostics());
}

#[test]
fn spec_examples_have_no_finding_of_these_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec");
    for kind in PayloadKind::ALL {
        for entry in std::fs::read_dir(root.join(kind.name())).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for code in MY_CODES {
                let found = hits(&text, kind, code);
                assert!(found.is_empty(), "{}: {found:#?}", path.display());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Configuration: off, raised, lowered

#[test]
fn config_turns_each_rule_off_and_changes_its_severity() {
    let cases: [(&str, String, PayloadKind, Severity); 5] = [
        (
            "A4P204",
            create(
                r#""offerNameId": "MDMIND00031_PUBL_ISE00002711_IPE00021402", "amount": -1, "revenueType": "UPFRONT""#,
                "",
                "",
            ),
            PayloadKind::CreateRequest,
            Severity::Error,
        ),
        (
            "A4P302",
            update(r#", "currency": "EUE""#, ""),
            PayloadKind::UpdateRequest,
            Severity::Error,
        ),
        (
            "A4P303",
            update(r#", "dsOwnerEmail": "k.brandt@3ds""#, ""),
            PayloadKind::UpdateRequest,
            Severity::Warning,
        ),
        (
            "A4P304",
            update("", r#", "partnerId": "2000""#),
            PayloadKind::UpdateRequest,
            Severity::Warning,
        ),
        (
            "A4P305",
            seed_with("PRE_APPROVED", "PRE-APPROVED"),
            PayloadKind::GetResponse,
            Severity::Warning,
        ),
    ];
    for (code, text, kind, default) in cases {
        let found = hits(&text, kind, code);
        assert_eq!(found.len(), 1, "{code}: {found:#?}");
        assert_eq!(found[0].severity, default, "{code}");

        let mut config = Config::default();
        assert!(config.set_level(code, Level::Off));
        let off = Linter::with_config(config).with_today(jiff::civil::Date::constant(2025, 6, 1));
        assert!(
            hits_with(&off, &text, kind, code).is_empty(),
            "{code} still fires when off"
        );

        let other = if default == Severity::Error {
            Severity::Info
        } else {
            Severity::Error
        };
        let mut config = Config::default();
        assert!(config.set_level(code, Level::On(other)));
        let changed =
            Linter::with_config(config).with_today(jiff::civil::Date::constant(2025, 6, 1));
        let found = hits_with(&changed, &text, kind, code);
        assert_eq!(found.len(), 1, "{code}");
        assert_eq!(found[0].severity, other, "{code}");
    }
}

#[test]
fn rules_are_registered_and_documented() {
    for code in MY_CODES {
        let rule = api4p_lint::rules::find(code).unwrap();
        let docs = rule.docs();
        assert!(!docs.contains("TODO"), "{code}");
        let (failing, passing) = rule.examples();
        assert_eq!(failing.len(), 1, "{code}");
        assert_eq!(passing.len(), 1, "{code}");
    }
}
