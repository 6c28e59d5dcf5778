//! Invalid payloads: each asserts the code, the JSON Pointer and the exact source text its
//! span covers. Built by editing known-good payloads, so each case breaks one thing.

use api4p_lint::{Linter, PayloadKind, Severity};

const SEED: &str = include_str!("fixtures/spec/get-response/seed.json");

/// A minimal create request: the required members only (no trailing newline: spans count).
const CREATE: &str = include_str!("fixtures/payloads/create-minimal.json");

const UPDATE: &str = r#"{
  "leadOpportunity": {
    "partnerLeadOpportunityId": "CRM-LEAD-1234",
    "status": "QUALIFIED"
  }
}"#;

const SEARCH: &str = r#"{"data": [{"modifiedDate": {"fromDate": "2025-05-04T08:00:00Z", "toDate": "2025-05-08T18:00:00Z"}}]}"#;

/// A linter whose clock is fixed on the day the base payloads' close date (2025-06-01), so
/// that date rules (close-date-past) see them as current, whatever the real date.
fn linter() -> Linter {
    Linter::new().with_today(jiff::civil::Date::constant(2025, 6, 1))
}

/// `base` with `from` (which must occur exactly once) replaced by `to`.
fn edit(base: &str, from: &str, to: &str) -> String {
    assert_eq!(
        base.matches(from).count(),
        1,
        "{from:?} must occur once in the base payload"
    );
    base.replacen(from, to, 1)
}

struct Case {
    name: &'static str,
    kind: Option<PayloadKind>,
    text: String,
    code: &'static str,
    pointer: &'static str,
    span_text: &'static str,
}

fn case(
    name: &'static str,
    kind: impl Into<Option<PayloadKind>>,
    text: String,
    code: &'static str,
    pointer: &'static str,
    span_text: &'static str,
) -> Case {
    Case {
        name,
        kind: kind.into(),
        text,
        code,
        pointer,
        span_text,
    }
}

fn cases() -> Vec<Case> {
    use PayloadKind::*;
    let get = Some(GetResponse);
    vec![
        case(
            "status typo",
            get,
            edit(SEED, r#""status": "WON""#, r#""status": "WONN""#),
            "A4P101",
            "/data/leadOpportunity/status",
            r#""WONN""#,
        ),
        case(
            "forecastCategory in CRM casing",
            get,
            edit(
                SEED,
                r#""forecastCategory": "WON""#,
                r#""forecastCategory": "Commit""#,
            ),
            "A4P101",
            "/data/leadOpportunity/forecastCategory",
            r#""Commit""#,
        ),
        case(
            "revenueType lowercase",
            get,
            edit(
                SEED,
                r#""revenueType": "UPFRONT""#,
                r#""revenueType": "upfront""#,
            ),
            "A4P101",
            "/data/leadOpportunity/offerLines/0/revenueType",
            r#""upfront""#,
        ),
        case(
            "unknown reasonLost code",
            get,
            edit(
                SEED,
                r#""EMPTY"
      ]"#,
                r#""NOPE"
      ]"#,
            ),
            "A4P101",
            "/data/leadOpportunity/reasonLost/0",
            r#""NOPE""#,
        ),
        case(
            "reasonWon with an ampersand typo",
            get,
            edit(SEED, r#""STRNG_VAL_PROP""#, r#""PRTNR_SKILL_&_EXPERT""#),
            "A4P101",
            "/data/leadOpportunity/reasonWon/0",
            r#""PRTNR_SKILL_&_EXPERT""#,
        ),
        case(
            "amount as a string",
            get,
            edit(SEED, r#""amount": 10000"#, r#""amount": "10000""#),
            "A4P104",
            "/data/leadOpportunity/offerLines/0/amount",
            r#""10000""#,
        ),
        case(
            "request spelling in a GET response",
            get,
            edit(SEED, r#""customerContact": ["#, r#""customerContacts": ["#),
            "A4P103",
            "/data/leadOpportunity/customerContacts",
            r#""customerContacts""#,
        ),
        case(
            "success as a string",
            get,
            edit(SEED, r#""success": true"#, r#""success": "yes""#),
            "A4P104",
            "/info/success",
            r#""yes""#,
        ),
        case(
            "currency lowercase",
            get,
            edit(SEED, r#""currency": "EUR""#, r#""currency": "eur""#),
            "A4P106",
            "/data/leadOpportunity/currency",
            r#""eur""#,
        ),
        case(
            "traceId is null-only in a GET response",
            get,
            edit(SEED, r#""traceId": null"#, r#""traceId": "abc""#),
            "A4P104",
            "/info/traceId",
            r#""abc""#,
        ),
        case(
            "escaped key maps to its decoded pointer",
            get,
            edit(SEED, r#""status": "WON""#, r#""st\u0061tus": "WONN""#),
            "A4P101",
            "/data/leadOpportunity/status",
            r#""WONN""#,
        ),
        case(
            "escaped unknown key spans its escapes",
            get,
            edit(SEED, r#""dsComment": """#, r#""dsC\u006fmments": """#),
            "A4P103",
            "/data/leadOpportunity/dsComments",
            r#""dsC\u006fmments""#,
        ),
        case(
            "duplicate key",
            get,
            edit(
                SEED,
                r#""status": "WON","#,
                r#""status": "LOST", "status": "WON","#,
            ),
            "A4P002",
            "/data/leadOpportunity/status",
            r#""status""#,
        ),
        case(
            "trailing comma",
            get,
            edit(SEED, r#""websiteUrl": null"#, r#""websiteUrl": null,"#),
            "A4P001",
            "",
            ",",
        ),
        case(
            "BOM keeps spans exact",
            get,
            format!(
                "\u{feff}{}",
                edit(SEED, r#""status": "WON""#, r#""status": "WONN""#)
            ),
            "A4P101",
            "/data/leadOpportunity/status",
            r#""WONN""#,
        ),
        case(
            "customerLegalEntity.id as a number",
            get,
            edit(
                SEED,
                r#""id": "200000000781989""#,
                r#""id": 200000000781989"#,
            ),
            "A4P104",
            "/data/leadOpportunity/customerLegalEntity/id",
            "200000000781989",
        ),
        case(
            "offer line without offerNameId",
            get,
            edit(
                SEED,
                r#""amount": 11,
          "offerNameId": "MDMIND00022_PUBL_ISE00002687_IPE00021337","#,
                r#""amount": 11,"#,
            ),
            "A4P102",
            "/data/leadOpportunity/offerLines/1",
            "{",
        ),
        case(
            "GET response without info",
            get,
            edit(
                SEED,
                r#""info": {
    "success": true,
    "statusCode": 200,
    "timeStamp": null,
    "traceId": null
  },"#,
                "",
            ),
            "A4P102",
            "",
            "{",
        ),
        case(
            "create without offerLines",
            CreateRequest,
            edit(
                CREATE,
                r#""offerLines": [
    {
      "amount": 5490,
      "offerNameId": "3DEXPERIENCE_Design/Engineering_On_Premise",
      "revenueType": "RENTAL_BOOKING"
    }
  ],"#,
                "",
            ),
            "A4P102",
            "",
            "{",
        ),
        case(
            "create with no offer line",
            CreateRequest,
            edit(
                CREATE,
                r#""offerLines": [
    {
      "amount": 5490,
      "offerNameId": "3DEXPERIENCE_Design/Engineering_On_Premise",
      "revenueType": "RENTAL_BOOKING"
    }
  ],"#,
                r#""offerLines": [],"#,
            ),
            "A4P105",
            "/offerLines",
            "[]",
        ),
        case(
            "response spelling in a create request",
            CreateRequest,
            edit(
                CREATE,
                r#""partnerId""#,
                r#""customerContact": [], "partnerId""#,
            ),
            "A4P103",
            "/customerContact",
            r#""customerContact""#,
        ),
        case(
            "leadOpportunity without name",
            CreateRequest,
            edit(
                CREATE,
                r#""name": "Transformation Project at NewCustomer","#,
                "",
            ),
            "A4P102",
            "/leadOpportunity",
            r#""leadOpportunity""#,
        ),
        case(
            "customerLegalEntity without city",
            CreateRequest,
            edit(CREATE, r#""city": "PARIS","#, ""),
            "A4P102",
            "/customerLegalEntity",
            r#""customerLegalEntity""#,
        ),
        case(
            "null status in a request",
            CreateRequest,
            edit(CREATE, r#""status": "OPPY_OPEN""#, r#""status": null"#),
            "A4P104",
            "/leadOpportunity/status",
            "null",
        ),
        case(
            "partnerId as a number",
            CreateRequest,
            edit(
                CREATE,
                r#""partnerId": "200000000014442""#,
                r#""partnerId": 200000000014442"#,
            ),
            "A4P104",
            "/partnerId",
            "200000000014442",
        ),
        case(
            "currency too long",
            CreateRequest,
            edit(CREATE, r#""currency": "EUR""#, r#""currency": "EURO""#),
            "A4P106",
            "/leadOpportunity/currency",
            r#""EURO""#,
        ),
        case(
            "closeDate as a number",
            CreateRequest,
            edit(
                CREATE,
                r#""closeDate": "2025-06-01T18:46:51.326Z""#,
                r#""closeDate": 20250601"#,
            ),
            "A4P104",
            "/leadOpportunity/closeDate",
            "20250601",
        ),
        case(
            "update without partnerLeadOpportunityId",
            UpdateRequest,
            edit(
                UPDATE,
                r#""partnerLeadOpportunityId": "CRM-LEAD-1234","#,
                "",
            ),
            "A4P102",
            "/leadOpportunity",
            r#""leadOpportunity""#,
        ),
        case(
            "offerLines as an object",
            UpdateRequest,
            edit(
                UPDATE,
                r#""leadOpportunity""#,
                r#""offerLines": {}, "leadOpportunity""#,
            ),
            "A4P104",
            "/offerLines",
            "{}",
        ),
        case(
            "search window without toDate",
            SearchRequest,
            edit(SEARCH, r#", "toDate": "2025-05-08T18:00:00Z""#, ""),
            "A4P102",
            "/data/0/modifiedDate",
            r#""modifiedDate""#,
        ),
        case(
            "search criterion without any criterion",
            SearchRequest,
            r#"{"data": [{}]}"#.to_owned(),
            "A4P102",
            "/data/0",
            "{",
        ),
        case(
            "partnerLeadOpportunityId neither string nor array",
            SearchRequest,
            r#"{"data": [{"partnerLeadOpportunityId": 42}]}"#.to_owned(),
            "A4P104",
            "/data/0/partnerLeadOpportunityId",
            "42",
        ),
        case(
            "gateway message not a string",
            ErrorResponse,
            r#"{"message": 5}"#.to_owned(),
            "A4P104",
            "/message",
            "5",
        ),
        case(
            "create or update cannot be told apart",
            None,
            UPDATE.to_owned(),
            "A4P004",
            "",
            "{",
        ),
        case(
            "not JSON at all",
            GetResponse,
            "<html>Bad gateway</html>".to_owned(),
            "A4P001",
            "",
            "<",
        ),
    ]
}

#[test]
fn each_invalid_payload_yields_its_one_finding() {
    let linter = linter();
    let mut failures = Vec::new();
    let all = cases();
    assert!(all.len() >= 25);
    for case in &all {
        let report = linter.check_str(&case.text, case.kind);
        let found: Vec<_> = report
            .diagnostics()
            .iter()
            .map(|d| {
                (
                    d.code(),
                    d.pointer.as_str(),
                    &case.text[d.span.offset..d.span.end()],
                )
            })
            .collect();
        if found != [(case.code, case.pointer, case.span_text)] {
            failures.push(format!(
                "{}: expected {:?}, found {:?}",
                case.name,
                (case.code, case.pointer, case.span_text),
                found
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_with_wonn_gives_exactly_the_documented_error() {
    let text = edit(SEED, r#""status": "WON""#, r#""status": "WONN""#);
    let report = linter().check_str(&text, PayloadKind::GetResponse);
    let [finding] = report.diagnostics() else {
        panic!("expected one finding, got {:#?}", report.diagnostics());
    };
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.pointer, "/data/leadOpportunity/status");
    assert_eq!(&text[finding.span.offset..finding.span.end()], r#""WONN""#);
    assert!(finding
        .help
        .as_deref()
        .unwrap()
        .contains("did you mean \"WON\""));
    assert_eq!(finding.suggestion.as_deref(), Some(r#""WON""#));
}

#[test]
fn suggestions_fix_case_slips() {
    let linter = linter();
    for (from, to, suggestion) in [
        (
            r#""revenueType": "UPFRONT""#,
            r#""revenueType": "upfront""#,
            r#""UPFRONT""#,
        ),
        (
            r#""forecastCategory": "WON""#,
            r#""forecastCategory": "Commit""#,
            r#""COMMIT""#,
        ),
    ] {
        let text = edit(SEED, from, to);
        let report = linter.check_str(&text, PayloadKind::GetResponse);
        assert_eq!(
            report.diagnostics()[0].suggestion.as_deref(),
            Some(suggestion)
        );
    }
    let text = edit(
        CREATE,
        r#""partnerId""#,
        r#""customerContact": [], "partnerId""#,
    );
    let report = linter.check_str(&text, PayloadKind::CreateRequest);
    let finding = &report.diagnostics()[0];
    assert_eq!(finding.severity, Severity::Warning);
    assert_eq!(finding.suggestion.as_deref(), Some(r#""customerContacts""#));
    // The GET response spells it the other way round, and only informs.
    let text = edit(SEED, r#""customerContact": ["#, r#""customerContacts": ["#);
    let report = linter.check_str(&text, PayloadKind::GetResponse);
    let finding = &report.diagnostics()[0];
    assert_eq!(finding.severity, Severity::Info);
    assert_eq!(finding.suggestion.as_deref(), Some(r#""customerContact""#));
}

#[test]
fn invalid_utf8_is_reported_at_the_first_bad_byte() {
    let mut bytes = SEED.as_bytes().to_vec();
    let at = SEED.find("F Name1").unwrap();
    bytes[at] = 0xFF;
    let report = linter().check_bytes(&bytes, PayloadKind::GetResponse);
    let [finding] = report.diagnostics() else {
        panic!("{:#?}", report.diagnostics())
    };
    assert_eq!(finding.code(), "A4P003");
    assert_eq!(finding.span.offset, at);
}

#[test]
fn create_without_offer_lines_points_at_the_enclosing_object_and_names_it() {
    let text = edit(
        CREATE,
        r#""offerLines": [
    {
      "amount": 5490,
      "offerNameId": "3DEXPERIENCE_Design/Engineering_On_Premise",
      "revenueType": "RENTAL_BOOKING"
    }
  ],"#,
        "",
    );
    let report = linter().check_str(&text, PayloadKind::CreateRequest);
    let [finding] = report.diagnostics() else {
        panic!("{:#?}", report.diagnostics())
    };
    assert_eq!((finding.code(), finding.pointer.as_str()), ("A4P102", ""));
    assert_eq!(finding.span.offset, 0, "the root object's opening brace");
    assert!(
        finding.message.contains("`offerLines`"),
        "{}",
        finding.message
    );
    assert!(finding.label.contains("`offerLines`"), "{}", finding.label);
}
