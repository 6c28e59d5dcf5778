//! placeholder-value (A4P205)'s test-record patterns, over many names: which values of the
//! name fields read as test records and which are real names. A property over dozens of
//! values, so it stays here; what a user reads for one of them is pinned by the cases under
//! `tests/specs/A4P205-placeholder-value/`.

use api4p_lint::{Linter, PayloadKind, Severity};
use serde_json::{json, Value};

/// A create request (the spec's `createOpportunityBasic.json` with real names) with one
/// customer contact and one partner contact.
fn create_request() -> Value {
    json!({
        "partnerId": "200000000014442",
        "leadOpportunity": {
            "partnerLeadOpportunityId": "PARTNER-CRM-OPPY-1A8R",
            "name": "Transformation Project at NewCustomer",
            "status": "OPPY_OPEN",
            "closeDate": "2025-06-01T18:46:51.326Z",
            "currency": "EUR"
        },
        "offerLines": [{
            "amount": 5490,
            "offerNameId": "3DEXPERIENCE_Design/Engineering_On_Premise",
            "revenueType": "RENTAL_BOOKING"
        }],
        "customerLegalEntity": {"name": "NEW CUSTOMER CORPORATION", "city": "PARIS", "country": "FRANCE"},
        "customerContacts": [{"email": "anna.meier@customer.com", "firstName": "Anna", "lastName": "Meier"}],
        "partnerContacts": [{"salesRepEmail": "john.doe@partner.com", "salesRepFirstName": "John", "salesRepLastName": "Doe"}]
    })
}

const ORGANISATIONS: [&str; 2] = ["/leadOpportunity/name", "/customerLegalEntity/name"];
const PEOPLE: [&str; 4] = [
    "/customerContacts/0/firstName",
    "/customerContacts/0/lastName",
    "/partnerContacts/0/salesRepFirstName",
    "/partnerContacts/0/salesRepLastName",
];

/// The severities of the A4P205 findings when the name field at `pointer` is `value`; every
/// finding must be at that field and cover the whole value.
fn findings(pointer: &str, value: &str) -> Vec<Severity> {
    let mut payload = create_request();
    *payload.pointer_mut(pointer).expect("a name field") = Value::from(value);
    let text = serde_json::to_string_pretty(&payload).unwrap();
    let report = Linter::new()
        .with_today(jiff::civil::Date::constant(2025, 1, 15))
        .check_str(&text, PayloadKind::CreateRequest);
    let quoted = serde_json::to_string(value).unwrap();
    report
        .diagnostics()
        .iter()
        .filter(|d| d.code() == "A4P205")
        .map(|d| {
            assert_eq!(d.pointer, pointer, "{value:?}");
            assert_eq!(&text[d.span.offset..d.span.end()], quoted, "{value:?}");
            d.severity
        })
        .collect()
}

#[test]
fn test_records_in_the_name_fields_are_flagged() {
    for value in [
        "TEST",
        "test123",
        "Test-0813C",
        "TEST-0813C",
        "Test 2",
        "test_lead_1",
        "Test Company",
        "Dummy Lead 3",
        "dummy",
        "foo",
        "Foo Bar",
        "foobar",
        "lorem ipsum",
        "Lorem ipsum dolor sit amet",
        "xxx",
        "XXXX XXX",
        "N/A",
        " n/a ",
        "TBD",
    ] {
        for pointer in ORGANISATIONS {
            assert_eq!(
                findings(pointer, value),
                [Severity::Warning],
                "{pointer} = {value:?}"
            );
        }
    }
    for value in ["Test", "dummy", "TBD", "xxx"] {
        for pointer in PEOPLE {
            assert_eq!(
                findings(pointer, value),
                [Severity::Warning],
                "{pointer} = {value:?}"
            );
        }
    }
}

#[test]
fn real_names_are_not_test_records() {
    for value in [
        "Testa GmbH",
        "Contest Corp",
        "Test & Measurement Ltd",
        "Test Automation Solutions",
        "ACME Test Lab",
        "Attestation Services",
        "Foody Inc",
        "Dummyland",
        "Xavier",
        "Max",
        "NA Holdings",
        "Lorem",
        "Transformation Project at NewCustomer",
        "Projekt Big-Picture Topic + MBSE (STEP 1+2)",
        "",
    ] {
        for pointer in ORGANISATIONS {
            assert!(findings(pointer, value).is_empty(), "{pointer} = {value:?}");
        }
    }
    // Foo is a real family name: not held against people.
    for value in ["Foo", "Foobar", "Testa", "Tester"] {
        for pointer in PEOPLE {
            assert!(findings(pointer, value).is_empty(), "{pointer} = {value:?}");
        }
    }
}
