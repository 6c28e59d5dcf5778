//! One test per class of fix: the fixed text, byte for byte, through `Linter::fix` at
//! `Safe` and at `Unsafe` (a safe fix is applied by both, an unsafe one only by the second),
//! and fixing the result again changes nothing. Every expected text is the input with the
//! fixed bytes replaced, so every other byte (BOM, CRLF, tabs, key order) is asserted kept.

mod common;

use api4p_lint::{Applicability, Linter, PayloadKind, Source};

/// `text` fixed at `at`; asserts that fixing the result again at `at` changes nothing.
fn fixed(text: &str, kind: PayloadKind, at: Applicability) -> String {
    let linter = Linter::new();
    let fixed = linter.fix(Source::new("p.json", text), Some(kind), at);
    let again = linter.fix(Source::new("p.json", fixed.text.as_str()), Some(kind), at);
    assert!(
        !again.changed(),
        "fixing again changed {:?} into {:?}",
        fixed.text,
        again.text
    );
    assert_eq!(again.text, fixed.text);
    fixed.text
}

/// Asserts what `text` becomes with the safe fixes and with the unsafe ones too.
#[track_caller]
fn assert_fixes(text: &str, kind: PayloadKind, safe: &str, unsafe_too: &str) {
    assert_eq!(fixed(text, kind, Applicability::Safe), safe, "at safe");
    assert_eq!(
        fixed(text, kind, Applicability::Unsafe),
        unsafe_too,
        "at unsafe"
    );
}

/// A lead-opportunity update request with `member` (JSON text) added.
fn update(member: &str) -> String {
    common::lead_update("CRM-LEAD-1234", member)
}

/// An update request of the given offer lines' amounts and revenue types.
fn offer_lines(lines: impl Iterator<Item = (&'static str, &'static str)>) -> String {
    let lines: Vec<String> = lines
        .map(|(amount, revenue)| {
            format!(r#"{{"amount": {amount}, "offerNameId": "X", "revenueType": "{revenue}"}}"#)
        })
        .collect();
    format!(
        "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\"}}, \"offerLines\": [{}]}}",
        lines.join(", ")
    )
}

/// `text`, an update request, fixed safely.
fn fix_update(text: &str) -> api4p_lint::Fixed {
    Linter::new().fix(
        Source::new("p.json", text),
        Some(PayloadKind::UpdateRequest),
        Applicability::Safe,
    )
}

#[test]
fn an_enum_code_in_another_case_is_a_safe_fix() {
    let text = update("\"status\": \"won\"");
    let want = text.replace("\"won\"", "\"WON\"");
    assert_fixes(&text, PayloadKind::UpdateRequest, &want, &want);
    // Separators too: `rental-booking` is `RENTAL_BOOKING`.
    let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\"}, \"offerLines\": [{\"offerNameId\": \"X\", \"amount\": 10, \"revenueType\": \"rental-booking\"}]}";
    let want = text.replace("rental-booking", "RENTAL_BOOKING");
    assert_fixes(text, PayloadKind::UpdateRequest, &want, &want);
}

#[test]
fn an_enum_typo_is_an_unsafe_fix() {
    let text = update("\"status\": \"WONN\"");
    let want = text.replace("\"WONN\"", "\"WON\"");
    assert_fixes(&text, PayloadKind::UpdateRequest, &text, &want);
}

#[test]
fn a_lower_case_currency_is_a_safe_fix_and_a_typo_an_unsafe_one() {
    let text = update("\"currency\": \"eur\"");
    let want = text.replace("\"eur\"", "\"EUR\"");
    assert_fixes(&text, PayloadKind::UpdateRequest, &want, &want);
    let text = update("\"currency\": \"EUE\"");
    let want = text.replace("\"EUE\"", "\"EUR\"");
    assert_fixes(&text, PayloadKind::UpdateRequest, &text, &want);
    // Letters beyond ASCII that upper-case into ASCII ones (a long s, a dotless i): a guess.
    for odd in ["ſek", "ıls"] {
        let text = update(&format!("\"currency\": \"{odd}\""));
        let want = text.replace(odd, &odd.to_uppercase());
        assert!(
            want.contains("\"SEK\"") || want.contains("\"ILS\""),
            "{want}"
        );
        assert_fixes(&text, PayloadKind::UpdateRequest, &text, &want);
    }
}

#[test]
fn a_number_written_as_a_string_is_a_safe_fix() {
    let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\"}, \"offerLines\": [{\"offerNameId\": \"X\", \"amount\": \"13800.50\", \"revenueType\": \"UPFRONT\"}]}";
    let want = text.replace("\"13800.50\"", "13800.50");
    assert_fixes(text, PayloadKind::UpdateRequest, &want, &want);
    // Not a JSON number as written: no fix.
    let text = text.replace("\"13800.50\"", "\"+13800\"");
    assert_fixes(&text, PayloadKind::UpdateRequest, &text, &text);
}

#[test]
fn a_number_where_a_string_is_wanted_is_quoted_as_written() {
    // The digits as written, never the f64 they parse to.
    let text = "{\"partnerId\": 200000000014442, \"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\", \"name\": \"Project\", \"status\": \"LEAD_OPEN\"}, \"offerLines\": [{\"offerNameId\": \"X\", \"amount\": 10, \"revenueType\": \"UPFRONT\"}]}";
    let want = text.replace("200000000014442", "\"200000000014442\"");
    assert_fixes(text, PayloadKind::CreateRequest, &want, &want);
}

#[test]
fn trailing_commas_are_removed_one_round_each() {
    let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\", \"status\": \"QUALIFIED\",},}";
    let want = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\", \"status\": \"QUALIFIED\"}}";
    assert_fixes(text, PayloadKind::UpdateRequest, want, want);
    // In an array, across a line end.
    let text = "{\"data\": [{\"partnerLeadOpportunityId\": [\"A-1\", \"A-2\",\n]}]}";
    let want = "{\"data\": [{\"partnerLeadOpportunityId\": [\"A-1\", \"A-2\"\n]}]}";
    assert_fixes(text, PayloadKind::SearchRequest, want, want);
}

#[test]
fn a_duplicate_key_loses_its_first_member_only_with_unsafe_fixes() {
    let text = "{\n  \"leadOpportunity\": {\n    \"partnerLeadOpportunityId\": \"CRM-LEAD-1234\",\n    \"status\": \"QUALIFIED\",\n    \"name\": \"Project\",\n    \"status\": \"ACCEPTED\"\n  }\n}\n";
    let want = "{\n  \"leadOpportunity\": {\n    \"partnerLeadOpportunityId\": \"CRM-LEAD-1234\",\n    \"name\": \"Project\",\n    \"status\": \"ACCEPTED\"\n  }\n}\n";
    assert_fixes(text, PayloadKind::UpdateRequest, text, want);
    // Three times: two rounds, the last value stays.
    let text =
        update("\"status\": \"LEAD_OPEN\", \"status\": \"QUALIFIED\", \"status\": \"ACCEPTED\"");
    let want = update("\"status\": \"ACCEPTED\"");
    assert_fixes(&text, PayloadKind::UpdateRequest, &text, &want);
}

#[test]
fn a_misspelled_property_is_renamed_with_unsafe_fixes_unless_the_name_is_taken() {
    let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\"}, \"customerContact\": []}";
    let want = text.replace("\"customerContact\"", "\"customerContacts\"");
    assert_fixes(text, PayloadKind::UpdateRequest, text, &want);
    // `customerContacts` is already there: a rename would repeat it.
    let taken = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\"}, \"customerContacts\": [], \"customerContact\": []}";
    assert_fixes(taken, PayloadKind::UpdateRequest, taken, taken);
}

#[test]
fn the_forecast_category_a_status_allows_alone_is_an_unsafe_fix() {
    let text = update("\"status\": \"WON\", \"forecastCategory\": \"COMMIT\"");
    let want = text.replace("\"COMMIT\"", "\"WON\"");
    assert_fixes(&text, PayloadKind::UpdateRequest, &text, &want);
    // Four categories fit an open opportunity: no fix.
    let text = update("\"status\": \"OPPY_OPEN\", \"forecastCategory\": \"WON\"");
    assert_fixes(&text, PayloadKind::UpdateRequest, &text, &text);
}

#[test]
fn a_date_without_a_time_gets_midnight_utc_with_unsafe_fixes() {
    let text = update("\"closeDate\": \"2030-12-31\"");
    let want = text.replace("\"2030-12-31\"", "\"2030-12-31T00:00:00.000Z\"");
    assert_fixes(&text, PayloadKind::UpdateRequest, &text, &want);
    // A local date whose day and month are certain, the same.
    let text = update("\"closeDate\": \"31/12/2030\"");
    assert_fixes(&text, PayloadKind::UpdateRequest, &text, &want);
}

#[test]
fn a_date_time_in_another_form_of_the_same_instant_is_a_safe_fix() {
    let text = update("\"closeDate\": \"2030-12-31 10:00+0200\"");
    let want = text.replace("\"2030-12-31 10:00+0200\"", "\"2030-12-31T10:00:00+02:00\"");
    assert_fixes(&text, PayloadKind::UpdateRequest, &want, &want);
    // A search bound with another offset: the same instant in UTC.
    let text = "{\"data\": [{\"modifiedDate\": {\"fromDate\": \"2025-08-04T10:00:00+02:00\", \"toDate\": \"2025-08-08T18:00:00Z\"}}]}";
    let want = text.replace("2025-08-04T10:00:00+02:00", "2025-08-04T08:00:00Z");
    assert_fixes(text, PayloadKind::SearchRequest, &want, &want);
}

#[test]
fn a_wrapped_email_address_and_a_padded_seat_id_are_safe_fixes() {
    let text = update("\"dsOwnerEmail\": \"mailto:k.brandt@3ds.com\"");
    let want = text.replace("mailto:k.brandt", "k.brandt");
    assert_fixes(&text, PayloadKind::UpdateRequest, &want, &want);
    let text = "{\"onlineInstanceSeatId\": \" R1122334455667 \"}";
    let want = "{\"onlineInstanceSeatId\": \"R1122334455667\"}";
    assert_fixes(text, PayloadKind::OrderSearchRequest, want, want);
}

#[test]
fn a_country_code_in_the_wrong_case_or_alpha_2_is_a_safe_fix() {
    let text = "{\"data\": [{\"countryCode\": \"fra\", \"countryName\": \"France\", \"priceLists\": [{\"id\": 4, \"name\": \"France Price List\", \"currency\": \"EUR\", \"hasFuturePriceList\": false, \"effectiveDate\": null}]}, {\"countryCode\": \"DE\", \"countryName\": \"Germany\", \"priceLists\": []}], \"info\": {\"success\": true, \"statusCode\": 200, \"estimatedSearchCount\": 2}}";
    let want = text
        .replace("\"fra\"", "\"FRA\"")
        .replace("\"DE\"", "\"DEU\"");
    assert_fixes(text, PayloadKind::PriceListSearchResponse, &want, &want);
}

#[test]
fn a_bom_crlf_and_tabs_are_kept_around_every_class_of_fix() {
    let text = "\u{feff}{\r\n\t\"leadOpportunity\": {\r\n\t\t\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\",\r\n\t\t\"status\": \"QUALIFIED\",\r\n\t\t\"status\": \"won\",\r\n\t\t\"currency\": \"eur\",\r\n\t\t\"closeDate\": \"2030-12-31\",\r\n\t},\r\n\t\"customerContact\": []\r\n}\r\n";
    let safe = "\u{feff}{\r\n\t\"leadOpportunity\": {\r\n\t\t\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\",\r\n\t\t\"status\": \"QUALIFIED\",\r\n\t\t\"status\": \"WON\",\r\n\t\t\"currency\": \"EUR\",\r\n\t\t\"closeDate\": \"2030-12-31\"\r\n\t},\r\n\t\"customerContact\": []\r\n}\r\n";
    let all = "\u{feff}{\r\n\t\"leadOpportunity\": {\r\n\t\t\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\",\r\n\t\t\"status\": \"WON\",\r\n\t\t\"currency\": \"EUR\",\r\n\t\t\"closeDate\": \"2030-12-31T00:00:00.000Z\"\r\n\t},\r\n\t\"customerContacts\": []\r\n}\r\n";
    assert_fixes(text, PayloadKind::UpdateRequest, safe, all);
}

#[test]
fn a_hint_is_never_applied() {
    // A4P103 in a response: the nearest property is named, not written.
    let linter = Linter::new();
    let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\"}, \"customerContact\": []}";
    let report = linter.check_str(text, Some(PayloadKind::UpdateRequest));
    let rename = &report.diagnostics()[0];
    assert_eq!(
        rename.fix.as_ref().map(|f| f.applicability),
        Some(Applicability::Unsafe)
    );
    let response = "{\"data\": {\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\", \"customerContacts\": []}}}";
    let report = linter.check_str(response, Some(PayloadKind::GetResponse));
    let hint = report
        .diagnostics()
        .iter()
        .find(|d| d.code() == "A4P103")
        .expect("A4P103 in the GET response");
    assert_eq!(hint.suggestion.as_deref(), Some("\"customerContact\""));
    assert_eq!(
        hint.fix.as_ref().map(|f| f.applicability),
        Some(Applicability::DisplayOnly)
    );
    assert_eq!(
        fixed(response, PayloadKind::GetResponse, Applicability::Unsafe),
        response
    );
}

#[test]
fn a_forecast_category_dropped_at_creation_is_removed_with_unsafe_fixes() {
    let create = |lead: &str| {
        format!(
            "{{\"partnerId\": \"200000000014442\", \"leadOpportunity\": {{{lead}}}, \"offerLines\": [{{\"offerNameId\": \"X\", \"amount\": 10, \"revenueType\": \"UPFRONT\"}}]}}"
        )
    };
    // The last member: the comma before it goes.
    let text = create("\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\", \"name\": \"P\", \"status\": \"LEAD_OPEN\", \"forecastCategory\": \"COMMIT\"");
    let want = create("\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\", \"name\": \"P\", \"status\": \"LEAD_OPEN\"");
    assert_fixes(&text, PayloadKind::CreateRequest, &text, &want);
    // A member in the middle, on lines of its own: the comma and line after it go.
    let text = create("\n  \"partnerLeadOpportunityId\": \"CRM-LEAD-1234\",\n  \"forecastCategory\": \"COMMIT\",\n  \"name\": \"P\",\n  \"status\": \"LEAD_OPEN\"\n");
    let want = create("\n  \"partnerLeadOpportunityId\": \"CRM-LEAD-1234\",\n  \"name\": \"P\",\n  \"status\": \"LEAD_OPEN\"\n");
    assert_fixes(&text, PayloadKind::CreateRequest, &text, &want);
}

#[test]
fn safe_fixes_come_first_so_unsafe_fixes_at_once_match_two_runs() {
    // Each fix alone is fine; together, status WON and forecast category UPSIDE disagree
    // (A4P201), so one of them is refused. The sure one (the status's case) wins whatever
    // the members' order: the unsafe guess (`UPSID` → `UPSIDE`) is the one refused. Applied
    // together in text order, the guess would win here and the sure fix be refused, and
    // `--unsafe-fixes` at once would differ from `--fix` then `--fix --unsafe-fixes`.
    let text = update("\"forecastCategory\": \"UPSID\", \"status\": \"won\"");
    let want = update("\"forecastCategory\": \"UPSID\", \"status\": \"WON\"");
    assert_fixes(&text, PayloadKind::UpdateRequest, &want, &want);
    let linter = Linter::new();
    let kind = Some(PayloadKind::UpdateRequest);
    let at_once = linter.fix(
        Source::new("p.json", text.as_str()),
        kind,
        Applicability::Unsafe,
    );
    let safe = linter.fix(
        Source::new("p.json", text.as_str()),
        kind,
        Applicability::Safe,
    );
    let then = linter.fix(
        Source::new("p.json", safe.text.as_str()),
        kind,
        Applicability::Unsafe,
    );
    assert_eq!(at_once.text, then.text);
    let refused: Vec<_> = at_once
        .not_applied
        .iter()
        .map(|r| (r.diagnostic.pointer.as_str(), r.reason.as_str()))
        .collect();
    assert_eq!(
        refused,
        [(
            "/leadOpportunity/forecastCategory",
            "it would add A4P201 at leadOpportunity.forecastCategory: \
             `leadOpportunity.forecastCategory` UPSIDE does not fit status WON"
        )]
    );
}

/// More findings of one rule than a report keeps (a thousand): the ones past the cap, which
/// the first check only counted, show up once the first thousand are fixed, and are not
/// taken for findings the fixes added (which refused every fix, halving for minutes).
#[test]
fn more_findings_of_one_rule_than_a_report_keeps_are_all_fixed() {
    let text = offer_lines((0..1_250).map(|_| ("\"5490\"", "upfront")));
    let linter = Linter::new();
    let kind = Some(PayloadKind::UpdateRequest);
    let before = linter.check(Source::new("p.json", text.as_str()), kind);
    let summaries: Vec<&str> = before
        .diagnostics()
        .iter()
        .filter(|d| d.message.contains("more `"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        summaries.len(),
        2,
        "both rules are past the cap: {summaries:?}"
    );
    let fixed = linter.fix(
        Source::new("p.json", text.as_str()),
        kind,
        Applicability::Safe,
    );
    let want = text
        .replace("\"5490\"", "5490")
        .replace("\"upfront\"", "\"UPFRONT\"");
    assert_eq!(fixed.text, want);
    assert_eq!(fixed.applied.len(), 2_500);
    assert!(fixed.not_applied.is_empty(), "{:?}", fixed.not_applied[0]);
    let left: Vec<_> = fixed
        .remaining
        .diagnostics()
        .iter()
        .map(|d| (d.code(), d.message.as_str()))
        .collect();
    assert!(fixed.remaining.is_clean(), "{left:?}");
}

/// The parser stops at the first trailing comma, so each round fixes one: a dozen are all
/// fixed in one run, and past the rounds' bound fixing stops saying so, never silently.
#[test]
fn trailing_commas_are_fixed_one_round_each_and_running_out_of_rounds_is_said() {
    let items = |n: usize| {
        update(&format!(
            r#""competitors": [{}]"#,
            vec!["[1,]"; n].join(", ")
        ))
    };
    let linter = Linter::new();
    let text = items(12);
    let fixed = linter.fix(
        Source::new("p.json", text.as_str()),
        Some(PayloadKind::UpdateRequest),
        Applicability::Safe,
    );
    assert_eq!(fixed.text, text.replace("[1,]", "[1]"));
    assert_eq!(fixed.applied.len(), 12);
    assert!(fixed.not_applied.is_empty(), "{:?}", fixed.not_applied);

    let text = items(api4p_lint::fix::MAX_ROUNDS + 3);
    let fixed = linter.fix(
        Source::new("p.json", text.as_str()),
        Some(PayloadKind::UpdateRequest),
        Applicability::Safe,
    );
    assert_eq!(fixed.applied.len(), api4p_lint::fix::MAX_ROUNDS);
    let [left] = fixed.not_applied.as_slice() else {
        panic!("{:?}", fixed.not_applied);
    };
    assert_eq!(left.diagnostic.code(), "A4P001");
    assert_eq!(
        left.reason,
        "fixing stopped after 64 rounds: fix again to go on"
    );
    assert_eq!(fixed.text.matches("[1,]").count(), 3);
}

/// Every fix refused (each unquoted amount would be negative, A4P204): each is refused with
/// the finding it would add at its own place, the text unchanged. The result points at the
/// fixes it refuses, so this costs a check or two, not two for each of the 300 (see
/// `benches/fix.rs` for the time).
#[test]
fn fixes_the_result_points_at_are_refused_with_their_reasons() {
    let text =
        offer_lines((0..300).map(|i| (if i == 150 { "\"5\"" } else { "\"-5\"" }, "UPFRONT")));
    let fixed = fix_update(&text);
    // The one good amount is fixed; the 299 others are refused, each for its own place.
    assert_eq!(
        fixed.text,
        text.replace(r#""amount": "5""#, r#""amount": 5"#)
    );
    assert_eq!(fixed.applied.len(), 1);
    assert_eq!(fixed.not_applied.len(), 299);
    for refused in &fixed.not_applied {
        assert_eq!(refused.diagnostic.code(), "A4P104");
        let at = &refused.diagnostic.pointer;
        let index = at
            .strip_prefix("/offerLines/")
            .and_then(|rest| rest.strip_suffix("/amount"))
            .unwrap();
        assert!(
            refused.reason.starts_with(&format!(
                "it would add A4P204 at offerLines[{index}].amount: "
            )),
            "{at}: {}",
            refused.reason
        );
    }
}

/// Past the per-rule cap of a report, half the fixes refused: every good fix is applied, and
/// each refused one is said, in a round or two (the result points at each refused fix, so no
/// fix costs checks of its own). What remains is a report's: a thousand findings kept, the
/// rest counted. (How refused findings never hide fixable ones past the findings fixing
/// looks at is tested in `src/fix.rs`, on fewer.)
#[test]
fn past_the_cap_refused_fixes_never_hide_the_good_ones() {
    let amounts = ["\"5\"", "\"-5\""];
    let text = offer_lines((0..2_400).map(|i| (amounts[i % 2], "UPFRONT")));
    let fixed = fix_update(&text);
    assert_eq!(
        fixed.text,
        text.replace(r#""amount": "5""#, r#""amount": 5"#)
    );
    assert_eq!(fixed.applied.len(), 1_200);
    assert_eq!(fixed.not_applied.len(), 1_200);
    assert!(fixed
        .not_applied
        .iter()
        .all(|r| r.diagnostic.code() == "A4P104"
            && r.reason.starts_with("it would add A4P204 at offerLines[")));
    // What remains is the caller's report: a thousand kept, the rest counted.
    let remaining = fixed.remaining.diagnostics();
    assert_eq!(remaining.len(), 1_001);
    assert!(
        remaining[1_000].message.starts_with("200 more `"),
        "{}",
        remaining[1_000].message
    );
    assert_eq!(fixed.rounds.len(), 1);
}

/// A thousand findings whose fixes are unsafe, then some whose fixes are safe: past the
/// thousand findings a report keeps, fixing still sees the safe ones and fixes them (it looks
/// at many more in each check: `api4p_lint::fix::FIXING_KEEPS`); the unsafe run fixes all.
#[test]
fn safe_fixes_behind_a_thousand_unsafe_ones_are_applied() {
    let text =
        offer_lines((0..1_300).map(|i| ("1", if i < 1_000 { "UPFRONTT" } else { "upfront" })));
    let linter = Linter::new();
    let fix = |at| {
        linter.fix(
            Source::new("p.json", text.as_str()),
            Some(PayloadKind::UpdateRequest),
            at,
        )
    };
    let fixed = fix(Applicability::Safe);
    assert_eq!(fixed.text, text.replace("upfront", "UPFRONT"));
    assert_eq!(fixed.applied.len(), 300);
    assert!(fixed.not_applied.is_empty(), "{:?}", fixed.not_applied);
    // What remains is a report's: a thousand typos.
    assert_eq!(fixed.remaining.diagnostics().len(), 1_000);
    let fixed = fix(Applicability::Unsafe);
    assert_eq!(
        fixed.text,
        text.replace("UPFRONTT", "UPFRONT")
            .replace("upfront", "UPFRONT")
    );
    assert!(fixed.not_applied.is_empty(), "{:?}", fixed.not_applied);
}
