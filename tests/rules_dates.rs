//! A4P301 `request-date` and A4P401 `search-criteria`: dates in lead-opportunity payloads and
//! the criteria of search requests.

use api4p_lint::{Config, Diagnostic, Level, Linter, PayloadKind, Severity};

const TODAY: (i16, i8, i8) = (2025, 6, 1);

fn linter() -> Linter {
    let (y, m, d) = TODAY;
    Linter::new().with_today(jiff::civil::Date::constant(y, m, d))
}

/// A finding as the tests compare it.
#[derive(Debug)]
struct Hit {
    code: &'static str,
    severity: Severity,
    pointer: String,
    span: String,
    message: String,
    label: String,
    help: String,
    suggestion: Option<String>,
    secondary: Vec<(String, String)>,
}

fn hit(text: &str, d: &Diagnostic) -> Hit {
    Hit {
        code: d.code(),
        severity: d.severity,
        pointer: d.pointer.clone(),
        span: text[d.span.offset..d.span.end()].to_owned(),
        message: d.message.clone(),
        label: d.label.clone(),
        help: d.help.clone().unwrap_or_default(),
        suggestion: d.suggestion.clone(),
        secondary: d
            .secondary
            .iter()
            .map(|l| {
                (
                    text[l.span.offset..l.span.end()].to_owned(),
                    l.message.clone(),
                )
            })
            .collect(),
    }
}

fn all(linter: &Linter, text: &str, kind: PayloadKind) -> Vec<Hit> {
    linter
        .check_str(text, kind)
        .diagnostics()
        .iter()
        .map(|d| hit(text, d))
        .collect()
}

fn findings(text: &str, kind: PayloadKind, code: &str) -> Vec<Hit> {
    all(&linter(), text, kind)
        .into_iter()
        .filter(|h| h.code == code)
        .collect()
}

/// The one finding of `code`; panics unless there is exactly one.
fn one(text: &str, kind: PayloadKind, code: &str) -> Hit {
    let mut hits = findings(text, kind, code);
    assert_eq!(hits.len(), 1, "{code} in {text}: {hits:#?}");
    hits.pop().unwrap()
}

// ---------------------------------------------------------------------------------------
// A4P301 request-date
// ---------------------------------------------------------------------------------------

fn update(field: &str, value: &str) -> String {
    format!(
        r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-LEAD-1234", "{field}": {value}}}}}"#
    )
}

fn create(close_date: &str) -> String {
    format!(
        r#"{{
  "partnerId": "200000000014442",
  "leadOpportunity": {{
    "partnerLeadOpportunityId": "CRM-LEAD-1234",
    "name": "Pilot project",
    "status": "LEAD_OPEN",
    "closeDate": {close_date},
    "currency": "EUR"
  }},
  "offerLines": [{{"offerNameId": "3DEXPERIENCE_Design/Engineering_On_Premise", "amount": 13800, "revenueType": "UPFRONT"}}],
  "customerLegalEntity": {{"name": "NEW CUSTOMER CORPORATION", "city": "Stockdorf", "country": "Germany"}}
}}"#
    )
}

/// The one A4P301 finding for `value` as an update request's `field`.
fn request_date(field: &str, value: &str) -> Hit {
    let text = update(field, value);
    let h = one(&text, PayloadKind::UpdateRequest, "A4P301");
    assert_eq!(h.severity, Severity::Error);
    assert_eq!(h.pointer, format!("/leadOpportunity/{field}"));
    assert_eq!(h.span, value);
    h
}

fn no_request_date(field: &str, value: &str) {
    let text = update(field, value);
    let hits = findings(&text, PayloadKind::UpdateRequest, "A4P301");
    assert!(hits.is_empty(), "{value}: {hits:#?}");
}

#[test]
fn documented_date_times_pass() {
    for value in [
        r#""2025-06-01T18:46:51.326Z""#,
        r#""2025-06-01T18:46:51Z""#,
        r#""2025-06-01T18:46:51+02:00""#,
        r#""2025-06-01T18:46:51.123456789-05:30""#,
        r#""2025-06-01T18:46:51.1+00:00""#,
        r#""2025-06-01T18:46:51-00:00""#,
        r#""2024-02-29T00:00:00.000Z""#,
    ] {
        no_request_date("closeDate", value);
        no_request_date("nextMilestoneDate", value);
    }
}

#[test]
fn a_date_alone_becomes_midnight_utc() {
    let h = request_date("closeDate", r#""2025-12-31""#);
    assert_eq!(
        h.message,
        "`leadOpportunity.closeDate` is a date without a time: DS wants an ISO 8601 date-time"
    );
    assert_eq!(h.label, "date only");
    assert!(h.help.contains("midnight UTC"), "{}", h.help);
    assert_eq!(
        h.suggestion.as_deref(),
        Some(r#""2025-12-31T00:00:00.000Z""#)
    );

    let h = request_date("nextMilestoneDate", r#""2025-07-15""#);
    assert_eq!(
        h.suggestion.as_deref(),
        Some(r#""2025-07-15T00:00:00.000Z""#)
    );
}

#[test]
fn a_date_time_without_offset_has_no_fix() {
    for value in [
        r#""2025-12-31T10:00:00""#,
        r#""2025-12-31T10:00:00.000""#,
        r#""2025-12-31 10:00""#,
    ] {
        let h = request_date("closeDate", value);
        assert_eq!(h.label, "no offset");
        assert!(h.message.ends_with("has no UTC offset"), "{}", h.message);
        assert!(h.help.contains("`Z` if the time is UTC"), "{}", h.help);
        assert_eq!(h.suggestion, None, "{value}");
    }
    let h = request_date("closeDate", r#""2025-12-31 10:00""#);
    assert!(h.help.contains("`2025-12-31T10:00:00Z`"), "{}", h.help);
}

#[test]
fn near_misses_of_the_spelling_are_fixed() {
    for (value, label, fixed) in [
        (
            r#""2025-06-01t18:46:51.326z""#,
            "lowercase `t`, lowercase `z`",
            r#""2025-06-01T18:46:51.326Z""#,
        ),
        (
            r#""2025-06-01 18:46:51Z""#,
            "a space instead of `T`",
            r#""2025-06-01T18:46:51Z""#,
        ),
        (
            r#""2025-06-01T18:46Z""#,
            "no seconds",
            r#""2025-06-01T18:46:00Z""#,
        ),
        (
            r#""2025-06-01T18:46:51+0200""#,
            "no colon in the offset",
            r#""2025-06-01T18:46:51+02:00""#,
        ),
        (
            r#""2025-06-01T18:46:51-05""#,
            "an offset without minutes",
            r#""2025-06-01T18:46:51-05:00""#,
        ),
        (
            r#""2025-06-01T18:46:51,5Z""#,
            "a comma before the fraction of a second",
            r#""2025-06-01T18:46:51.5Z""#,
        ),
        (
            r#"" 2025-06-01T18:46:51Z ""#,
            "spaces around the value",
            r#""2025-06-01T18:46:51Z""#,
        ),
    ] {
        let h = request_date("closeDate", value);
        assert_eq!(h.label, label, "{value}");
        assert_eq!(h.suggestion.as_deref(), Some(fixed), "{value}");
        assert!(
            h.message
                .ends_with("is not written in the ISO 8601 form DS documents"),
            "{}",
            h.message
        );
    }
}

#[test]
fn local_formats_are_fixed_only_when_unambiguous() {
    for (value, label, fixed) in [
        (
            r#""31/12/2025""#,
            "day/month/year, not ISO 8601",
            r#""2025-12-31T00:00:00.000Z""#,
        ),
        (
            r#""31.12.2025""#,
            "day/month/year, not ISO 8601",
            r#""2025-12-31T00:00:00.000Z""#,
        ),
        (
            r#""12/31/2025""#,
            "month/day/year, not ISO 8601",
            r#""2025-12-31T00:00:00.000Z""#,
        ),
        (
            r#""2025/12/31""#,
            "year/month/day, not ISO 8601",
            r#""2025-12-31T00:00:00.000Z""#,
        ),
        (
            r#""07/07/2025""#,
            "day/month/year, not ISO 8601",
            r#""2025-07-07T00:00:00.000Z""#,
        ),
    ] {
        let h = request_date("closeDate", value);
        assert_eq!(h.label, label, "{value}");
        assert_eq!(h.suggestion.as_deref(), Some(fixed), "{value}");
    }
    for value in [r#""05/06/2025""#, r#""05.06.2025""#] {
        let h = request_date("closeDate", value);
        assert_eq!(h.label, "ambiguous local date");
        assert_eq!(h.suggestion, None);
        assert!(
            h.help
                .contains("`2025-06-05T00:00:00.000Z` for 5 June 2025 (day first)")
                && h.help
                    .contains("`2025-05-06T00:00:00.000Z` for 6 May 2025 (month first)"),
            "{}",
            h.help
        );
    }
    // Certain day and month, but no such day.
    let h = request_date("closeDate", r#""31/02/2025""#);
    assert_eq!(h.label, "not a calendar date");
    assert_eq!(h.suggestion, None);
}

#[test]
fn impossible_dates_and_times_have_no_fix() {
    for (value, help) in [
        (
            r#""2025-02-30""#,
            "February 2025 has 28 days (not a leap year)",
        ),
        (r#""2025-13-01""#, "there is no month 13"),
        (
            r#""2025-02-29T00:00:00Z""#,
            "February 2025 has 28 days (not a leap year)",
        ),
        (r#""2025-04-31T00:00:00.000Z""#, "April 2025 has 30 days"),
        (r#""2025-04-00T00:00:00.000Z""#, "days start at 01"),
    ] {
        let h = request_date("closeDate", value);
        assert_eq!(h.label, "not a calendar date", "{value}");
        assert!(
            h.message.contains("is not a calendar date"),
            "{}",
            h.message
        );
        assert!(h.help.contains(help), "{value}: {}", h.help);
        assert_eq!(h.suggestion, None);
    }
    for value in [
        r#""2025-06-01T24:00:00Z""#,
        r#""2025-06-01T10:60:00Z""#,
        r#""2025-06-30T23:59:60Z""#,
    ] {
        let h = request_date("closeDate", value);
        assert_eq!(h.label, "not a clock time", "{value}");
        assert_eq!(h.suggestion, None);
    }
    let h = request_date("closeDate", r#""2025-06-01T10:00:00+25:00""#);
    assert_eq!(h.label, "offset out of range");
    assert_eq!(h.suggestion, None);
}

#[test]
fn other_text_is_not_a_date_time() {
    for value in [
        r#""next quarter""#,
        r#""1735603200""#,
        r#""20251231T100000Z""#,
        r#""2025-06-01T10:00:00Z[Europe/Paris]""#,
        r#""31/12/25""#,
    ] {
        let h = request_date("closeDate", value);
        assert_eq!(h.label, "not a date-time", "{value}");
        assert!(h.message.ends_with("is not an ISO 8601 date-time"));
        assert_eq!(h.suggestion, None);
    }
}

#[test]
fn empty_dates_are_errors_in_requests() {
    let text = create(r#""""#);
    let h = one(&text, PayloadKind::CreateRequest, "A4P301");
    assert_eq!(h.severity, Severity::Error);
    assert_eq!(h.pointer, "/leadOpportunity/closeDate");
    assert_eq!(h.span, r#""""#);
    assert_eq!(
        h.message,
        "`leadOpportunity.closeDate` is empty: DS wants a date"
    );
    assert!(h.help.starts_with("write the expected close date"));

    let h = request_date("closeDate", r#""""#);
    assert!(h.help.starts_with("leave `closeDate` out"), "{}", h.help);

    // The spec documents no way to clear a milestone date: "" is reported too.
    let h = request_date("nextMilestoneDate", r#""""#);
    assert!(
        h.help
            .starts_with("leave `nextMilestoneDate` out to keep the current date"),
        "{}",
        h.help
    );
    assert_eq!(h.suggestion, None);
    let h = request_date("nextMilestoneDate", r#""  ""#);
    assert_eq!(h.label, "empty, not a date");
}

#[test]
fn each_date_of_a_request_is_checked() {
    let text = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "closeDate": "2025-12-31", "nextMilestoneDate": "31/12/2025"}}"#;
    let hits = findings(text, PayloadKind::UpdateRequest, "A4P301");
    let places: Vec<_> = hits
        .iter()
        .map(|h| (h.pointer.as_str(), h.span.as_str()))
        .collect();
    assert_eq!(
        places,
        [
            ("/leadOpportunity/closeDate", r#""2025-12-31""#),
            ("/leadOpportunity/nextMilestoneDate", r#""31/12/2025""#),
        ]
    );
    // The create request reads the same field.
    let text = create(r#""2025-12-31""#);
    let h = one(&text, PayloadKind::CreateRequest, "A4P301");
    assert_eq!(h.span, r#""2025-12-31""#);
}

#[test]
fn valid_requests_and_non_strings_get_nothing() {
    let text = create(r#""2030-06-30T00:00:00.000Z""#);
    let hits = all(&linter(), &text, PayloadKind::CreateRequest);
    assert!(hits.iter().all(|h| h.code != "A4P301"), "{hits:#?}");
    // Wrong types are the schema's business.
    for value in ["null", "20251231", "[]"] {
        no_request_date("closeDate", value);
    }
    // Dates elsewhere are not this rule's.
    let text = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "description": "2025-12-31"}}"#;
    assert!(findings(text, PayloadKind::UpdateRequest, "A4P301").is_empty());
}

fn get_response(close_date: &str, next_milestone_date: &str) -> String {
    let seed = include_str!("fixtures/spec/get-response/seed.json");
    assert!(seed.contains(r#""closeDate": "2024-12-31T00:00:00.000Z""#));
    assert!(seed.contains(r#""nextMilestoneDate": """#));
    let out = seed.replacen(
        r#""closeDate": "2024-12-31T00:00:00.000Z""#,
        &format!(r#""closeDate": {close_date}"#),
        1,
    );
    let out = out.replacen(
        r#""nextMilestoneDate": """#,
        &format!(r#""nextMilestoneDate": {next_milestone_date}"#),
        1,
    );
    out
}

#[test]
fn the_seed_has_no_date_finding() {
    let seed = include_str!("fixtures/spec/get-response/seed.json");
    assert!(all(&linter(), seed, PayloadKind::GetResponse).is_empty());
}

#[test]
fn responses_accept_what_ds_returns() {
    for (close, next) in [
        (r#""2025-06-30""#, r#""2025-06-15""#),
        (r#""2025-06-30T00:00:00.000Z""#, r#""""#),
        (r#""""#, r#""2025-06-15T10:00:00+02:00""#),
        ("null", "null"),
    ] {
        let text = get_response(close, next);
        let hits = findings(&text, PayloadKind::GetResponse, "A4P301");
        assert!(hits.is_empty(), "{close} {next}: {hits:#?}");
    }
}

#[test]
fn other_response_dates_are_warnings() {
    for (value, label) in [
        (r#""2025-02-30""#, "not a calendar date"),
        (r#""2025-02-29T00:00:00.000Z""#, "not a calendar date"),
        (r#""31/12/2025""#, "day/month/year, not ISO 8601"),
        (r#""2025-06-30T10:00:00""#, "no offset"),
        (r#""2025-06-30t10:00:00z""#, "lowercase `t`, lowercase `z`"),
        (r#"" 2025-06-30""#, "spaces around the value"),
        (r#""soon""#, "not a date-time"),
    ] {
        let text = get_response(value, r#""""#);
        let h = one(&text, PayloadKind::GetResponse, "A4P301");
        assert_eq!(h.severity, Severity::Warning, "{value}");
        assert_eq!(h.pointer, "/data/leadOpportunity/closeDate");
        assert_eq!(h.span, value);
        assert_eq!(h.label, label, "{value}");
        assert_eq!(
            h.message,
            "`data.leadOpportunity.closeDate` is not a date form DS returns"
        );
        assert_eq!(h.suggestion, None);
    }
    let text = get_response(r#""2025-06-30""#, r#""15.06.2025""#);
    let h = one(&text, PayloadKind::GetResponse, "A4P301");
    assert_eq!(h.pointer, "/data/leadOpportunity/nextMilestoneDate");

    let seed = include_str!("fixtures/spec/get-response/seed.json");
    for (field, was) in [
        ("createdDate", "2025-08-13T12:35:03.775Z"),
        ("modifiedDate", "2025-08-13T15:44:44.453Z"),
    ] {
        let text = seed.replacen(
            &format!(r#""{field}": "{was}""#),
            &format!(r#""{field}": "2025-08-13 12:35""#),
            1,
        );
        let h = one(&text, PayloadKind::GetResponse, "A4P301");
        assert_eq!(h.pointer, format!("/data/leadOpportunity/{field}"));
        assert_eq!(h.span, r#""2025-08-13 12:35""#);
        assert_eq!(h.severity, Severity::Warning);
    }
}

#[test]
fn other_kinds_are_not_checked_for_lead_dates() {
    let text = r#"{"data": [{"modifiedDate": {"fromDate": "2025-05-04T08:00:00Z", "toDate": "2025-05-08T18:00:00Z"}}]}"#;
    assert!(findings(text, PayloadKind::SearchRequest, "A4P301").is_empty());
}

// ---------------------------------------------------------------------------------------
// A4P401 search-criteria
// ---------------------------------------------------------------------------------------

fn search(from: &str, to: &str) -> String {
    format!(r#"{{"data": [{{"modifiedDate": {{"fromDate": {from}, "toDate": {to}}}}}]}}"#)
}

const FROM: &str = "/data/0/modifiedDate/fromDate";
const TO: &str = "/data/0/modifiedDate/toDate";

#[test]
fn the_spec_examples_are_clean() {
    let linter = Linter::new().with_today(jiff::civil::Date::constant(2025, 9, 1));
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec/search-request");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let hits = all(&linter, &text, PayloadKind::SearchRequest);
        assert!(hits.is_empty(), "{}: {hits:#?}", path.display());
        count += 1;
    }
    assert_eq!(count, 4);
}

#[test]
fn an_empty_criteria_list_is_an_error() {
    let text = r#"{"data": []}"#;
    let hits = all(&linter(), text, PayloadKind::SearchRequest);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    let h = &hits[0];
    assert_eq!(h.code, "A4P401");
    assert_eq!(h.severity, Severity::Error);
    assert_eq!(h.pointer, "/data");
    assert_eq!(h.span, "[]");
    assert_eq!(h.label, "no criterion");
    assert_eq!(h.suggestion, None);
}

#[test]
fn a_missing_bound_is_the_schemas_finding_alone() {
    for (range, missing) in [
        (r#"{"fromDate": "2025-05-04T08:00:00Z"}"#, "toDate"),
        (r#"{"toDate": "2025-05-08T18:00:00Z"}"#, "fromDate"),
    ] {
        let text = format!(r#"{{"data": [{{"modifiedDate": {range}}}]}}"#);
        let hits = all(&linter(), &text, PayloadKind::SearchRequest);
        assert_eq!(hits.len(), 1, "{hits:#?}");
        assert_eq!(hits[0].code, "A4P102");
        assert_eq!(hits[0].pointer, "/data/0/modifiedDate");
        assert!(hits[0].message.contains(missing), "{}", hits[0].message);
    }
    // The bound that is there is still checked.
    let text = r#"{"data": [{"modifiedDate": {"fromDate": "2025-05-04T10:00:00+02:00"}}]}"#;
    let h = one(text, PayloadKind::SearchRequest, "A4P401");
    assert_eq!(h.pointer, FROM);
    assert_eq!(
        findings(text, PayloadKind::SearchRequest, "A4P102").len(),
        1
    );
}

#[test]
fn bounds_must_be_utc() {
    let text = search(
        r#""2025-05-04T10:00:00+02:00""#,
        r#""2025-05-08T18:00:00Z""#,
    );
    let h = one(&text, PayloadKind::SearchRequest, "A4P401");
    assert_eq!(h.severity, Severity::Error);
    assert_eq!(h.pointer, FROM);
    assert_eq!(h.span, r#""2025-05-04T10:00:00+02:00""#);
    assert_eq!(h.label, "offset +02:00, not UTC");
    assert_eq!(h.suggestion.as_deref(), Some(r#""2025-05-04T08:00:00Z""#));

    // Crossing midnight, keeping the fraction; -00:00 is not UTC as the spec asks.
    for (value, fixed) in [
        (
            r#""2025-05-08T01:30:00.250+05:30""#,
            r#""2025-05-07T20:00:00.250Z""#,
        ),
        (
            r#""2025-05-08T18:00:00-00:00""#,
            r#""2025-05-08T18:00:00Z""#,
        ),
        (r#""2025-05-08T18:00:00z""#, r#""2025-05-08T18:00:00Z""#),
    ] {
        let text = search(r#""2025-05-04T08:00:00Z""#, value);
        let h = one(&text, PayloadKind::SearchRequest, "A4P401");
        assert_eq!(h.pointer, TO);
        assert_eq!(h.suggestion.as_deref(), Some(fixed), "{value}");
    }
    // +00:00 is UTC.
    let text = search(
        r#""2025-05-04T08:00:00+00:00""#,
        r#""2025-05-08T18:00:00.000Z""#,
    );
    assert!(all(&linter(), &text, PayloadKind::SearchRequest).is_empty());

    let text = search(r#""2025-05-04T08:00:00""#, r#""2025-05-08T18:00:00Z""#);
    let h = one(&text, PayloadKind::SearchRequest, "A4P401");
    assert_eq!(h.pointer, FROM);
    assert_eq!(h.label, "no offset");
    assert!(h.help.contains("`2025-05-04T08:00:00Z`"), "{}", h.help);
    assert_eq!(h.suggestion, None);
}

#[test]
fn bounds_must_be_date_times() {
    let text = search(r#""last week""#, r#""2025-05-08T18:00:00Z""#);
    let h = one(&text, PayloadKind::SearchRequest, "A4P401");
    assert_eq!(h.pointer, FROM);
    assert_eq!(h.label, "not a date-time");

    let text = search(r#""2025-05-04T08:00:00Z""#, r#""2025-02-30T00:00:00Z""#);
    let h = one(&text, PayloadKind::SearchRequest, "A4P401");
    assert_eq!(h.pointer, TO);
    assert_eq!(h.label, "not a calendar date");

    let text = search(r#""""#, r#""2025-05-08T18:00:00Z""#);
    let h = one(&text, PayloadKind::SearchRequest, "A4P401");
    assert_eq!(h.span, r#""""#);
    assert_eq!(h.label, "empty, not a date");

    // A date alone: midnight for the lower bound, a choice for the upper one.
    let text = search(r#""2025-05-04""#, r#""2025-05-08""#);
    let hits = findings(&text, PayloadKind::SearchRequest, "A4P401");
    assert_eq!(hits.len(), 2, "{hits:#?}");
    assert_eq!(hits[0].pointer, FROM);
    assert_eq!(
        hits[0].suggestion.as_deref(),
        Some(r#""2025-05-04T00:00:00Z""#)
    );
    assert_eq!(hits[1].pointer, TO);
    assert_eq!(hits[1].suggestion, None);
    assert!(
        hits[1].help.contains("`2025-05-08T00:00:00Z`")
            && hits[1].help.contains("`2025-05-08T23:59:59Z`"),
        "{}",
        hits[1].help
    );

    let text = search(r#""2025-05-04T08:00:00Z""#, r#""31/05/2025""#);
    let h = one(&text, PayloadKind::SearchRequest, "A4P401");
    assert_eq!(h.pointer, TO);
    assert_eq!(h.suggestion, None);
    assert!(h.help.contains("`2025-05-31T23:59:59Z`"), "{}", h.help);
    let text = search(r#""04/05/2025""#, r#""2025-05-08T18:00:00Z""#);
    let h = one(&text, PayloadKind::SearchRequest, "A4P401");
    assert_eq!(h.label, "ambiguous local date");
    assert_eq!(h.suggestion, None);

    // Wrong types are the schema's.
    let text = search("20250504", r#""2025-05-08T18:00:00Z""#);
    assert!(findings(&text, PayloadKind::SearchRequest, "A4P401").is_empty());
}

#[test]
fn from_date_must_come_before_to_date() {
    for (to, label) in [
        (r#""2025-05-04T07:59:59Z""#, "before fromDate"),
        (r#""2025-05-04T08:00:00Z""#, "same instant as fromDate"),
        // Same instant, other offset: compared as instants.
        (r#""2025-05-04T10:00:00+02:00""#, "same instant as fromDate"),
    ] {
        let text = search(r#""2025-05-04T08:00:00Z""#, to);
        let hits: Vec<_> = findings(&text, PayloadKind::SearchRequest, "A4P401")
            .into_iter()
            .filter(|h| h.label != "offset +02:00, not UTC")
            .collect();
        assert_eq!(hits.len(), 1, "{hits:#?}");
        let h = &hits[0];
        assert_eq!(h.severity, Severity::Error);
        assert_eq!(h.pointer, TO);
        assert_eq!(h.span, to);
        assert_eq!(h.label, label);
        assert_eq!(
            h.message,
            "`data[0].modifiedDate.toDate` is not after `data[0].modifiedDate.fromDate`"
        );
        assert_eq!(
            h.secondary,
            [(
                r#""2025-05-04T08:00:00Z""#.to_owned(),
                "the lower bound".to_owned()
            )]
        );
    }
}

#[test]
fn the_window_is_at_most_seven_days_time_to_time() {
    // Exactly 7 × 24 hours: allowed.
    let text = search(r#""2025-05-04T08:00:00Z""#, r#""2025-05-11T08:00:00Z""#);
    assert!(all(&linter(), &text, PayloadKind::SearchRequest).is_empty());

    for (to, label) in [
        (
            r#""2025-05-11T08:00:01Z""#,
            "7 days 1 second after fromDate",
        ),
        (
            r#""2025-05-11T08:00:00.001Z""#,
            "more than 7 days after fromDate",
        ),
        (
            r#""2025-05-20T18:00:00Z""#,
            "16 days 10 hours after fromDate",
        ),
    ] {
        let text = search(r#""2025-05-04T08:00:00Z""#, to);
        let h = one(&text, PayloadKind::SearchRequest, "A4P401");
        assert_eq!(h.severity, Severity::Error);
        assert_eq!(h.pointer, TO);
        assert_eq!(h.span, to);
        assert_eq!(h.label, label);
        assert_eq!(
            h.message,
            "the `data[0].modifiedDate` window is longer than 7 days"
        );
        assert!(
            h.help
                .starts_with("the latest `toDate` for this `fromDate` is `2025-05-11T08:00:00Z`"),
            "{}",
            h.help
        );
        assert_eq!(h.secondary.len(), 1);
        assert_eq!(h.secondary[0].0, r#""2025-05-04T08:00:00Z""#);
        assert_eq!(h.suggestion, None);
    }
    // Offsets are converted before measuring: 7 days exactly.
    let text = search(
        r#""2025-05-04T10:00:00+02:00""#,
        r#""2025-05-11T08:00:00Z""#,
    );
    let hits = findings(&text, PayloadKind::SearchRequest, "A4P401");
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].pointer, FROM);
}

#[test]
fn a_future_lower_bound_is_a_warning() {
    // Today is 2025-06-01.
    let text = search(r#""2025-06-02T00:00:00Z""#, r#""2025-06-05T00:00:00Z""#);
    let h = one(&text, PayloadKind::SearchRequest, "A4P401");
    assert_eq!(h.severity, Severity::Warning);
    assert_eq!(h.pointer, FROM);
    assert_eq!(h.span, r#""2025-06-02T00:00:00Z""#);
    assert_eq!(h.label, "after today");
    // Later today cannot be told from now: no finding.
    let text = search(r#""2025-06-01T23:00:00Z""#, r#""2025-06-05T00:00:00Z""#);
    assert!(all(&linter(), &text, PayloadKind::SearchRequest).is_empty());
    // The upper bound may be in the future.
    let text = search(r#""2025-05-30T00:00:00Z""#, r#""2025-06-05T00:00:00Z""#);
    assert!(all(&linter(), &text, PayloadKind::SearchRequest).is_empty());
}

#[test]
fn every_criterion_is_checked() {
    let text = r#"{"data": [{"partnerLeadOpportunityId": "PARTNER-ID-1234"}, {"modifiedDate": {"fromDate": "2025-05-04T08:00:00Z", "toDate": "2025-05-01T08:00:00Z"}}]}"#;
    let h = one(text, PayloadKind::SearchRequest, "A4P401");
    assert_eq!(h.pointer, "/data/1/modifiedDate/toDate");
    // Not a search request: nothing.
    assert!(findings(text, PayloadKind::UpdateRequest, "A4P401").is_empty());
}

// ---------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------

#[test]
fn the_config_turns_the_rules_off_and_sets_their_severity() {
    let date = update("closeDate", r#""2025-12-31""#);
    let window = search(r#""2025-05-04T08:00:00Z""#, r#""2025-05-20T08:00:00Z""#);
    let (y, m, d) = TODAY;
    let today = jiff::civil::Date::constant(y, m, d);
    let with = |code: &str, level: Level| {
        let mut config = Config::default();
        config.set_level(api4p_lint::rules::find(code).unwrap(), level);
        Linter::with_config(config).with_today(today)
    };
    let codes = |linter: &Linter, text: &str, kind| -> Vec<(&'static str, Severity)> {
        all(linter, text, kind)
            .into_iter()
            .map(|h| (h.code, h.severity))
            .collect()
    };

    let off = with("A4P301", Level::Off);
    assert!(codes(&off, &date, PayloadKind::UpdateRequest).is_empty());
    let off = with("search-criteria", Level::Off);
    assert!(codes(&off, &window, PayloadKind::SearchRequest).is_empty());

    let lowered = with("request-date", Level::On(Severity::Info));
    assert_eq!(
        codes(&lowered, &date, PayloadKind::UpdateRequest),
        [("A4P301", Severity::Info)]
    );
    let lowered = with("A4P401", Level::On(Severity::Warning));
    assert_eq!(
        codes(&lowered, &window, PayloadKind::SearchRequest),
        [("A4P401", Severity::Warning)]
    );
    // A response's warning raised to an error.
    let raised = with("A4P301", Level::On(Severity::Error));
    let text = get_response(r#""2025-02-30""#, r#""""#);
    assert_eq!(
        codes(&raised, &text, PayloadKind::GetResponse),
        [("A4P301", Severity::Error)]
    );
    let future = search(r#""2025-06-02T00:00:00Z""#, r#""2025-06-05T00:00:00Z""#);
    let raised = with("A4P401", Level::On(Severity::Error));
    assert_eq!(
        codes(&raised, &future, PayloadKind::SearchRequest),
        [("A4P401", Severity::Error)]
    );
}
