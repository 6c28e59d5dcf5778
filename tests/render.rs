//! Rendered reports, snapshot-tested at a fixed width without colour.

mod common;

use api4p_lint::{Linter, PayloadKind, RenderOptions, Source};

use common::{MISTAKES, SEED};

fn render(name: &str, text: &str, kind: Option<PayloadKind>) -> String {
    Linter::new()
        .check(Source::new(name, text), kind)
        .render(&RenderOptions::default())
}

#[test]
fn seed_with_wonn() {
    let text = SEED.replacen(r#""status": "WON""#, r#""status": "WONN""#, 1);
    let out = render("seed.json", &text, Some(PayloadKind::GetResponse));
    // The label sits under the value on the payload's own line.
    assert!(out.contains(r#"      "status": "WONN","#), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn create_request_with_mistakes() {
    insta::assert_snapshot!(render(
        "create-request-with-mistakes.json",
        MISTAKES,
        Some(PayloadKind::CreateRequest)
    ));
}

#[test]
fn duplicate_key_shows_both_occurrences() {
    let text = "{\n  \"leadOpportunity\": {\n    \"partnerLeadOpportunityId\": \"CRM-1\",\n    \"status\": \"LOST\",\n    \"status\": \"WON\"\n  }\n}\n";
    insta::assert_snapshot!(render("dup.json", text, Some(PayloadKind::UpdateRequest)));
}

#[test]
fn syntax_error() {
    let text =
        "{\n  \"leadOpportunity\": {\n    \"partnerLeadOpportunityId\": \"CRM-1\",\n  }\n}\n";
    insta::assert_snapshot!(render(
        "broken.json",
        text,
        Some(PayloadKind::UpdateRequest)
    ));
}

#[test]
fn ambiguous_kind() {
    let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\"}}";
    insta::assert_snapshot!(render("lead.json", text, None));
}

#[test]
fn minified_payload_shows_an_excerpt_not_the_whole_line() {
    let minified: serde_json::Value = serde_json::from_str(SEED).unwrap();
    let text = serde_json::to_string(&minified).unwrap().replacen(
        r#""revenueType":"RENTAL_BOOKING""#,
        r#""revenueType":"rental booking""#,
        1,
    );
    assert!(text.len() > 1500);
    let out = render("export.ndjson", &text, Some(PayloadKind::GetResponse));
    assert!(out.lines().all(|l| l.chars().count() <= 200), "{out}");
    insta::assert_snapshot!(out);
}

/// A finding with a note and no help: miette has one footer, `help:`, which the note takes
/// (the review saw "help: note: a lead-opportunity cannot be modified…").
#[test]
fn a_note_without_help_is_not_called_a_help_note() {
    let text = SEED.replace(
        "\"modifiedDate\": \"2025-08-13T15:44:44.453Z\"",
        "\"modifiedDate\": \"2025-08-12T15:44:44.453Z\"",
    );
    assert_ne!(text, SEED);
    let out = render("seed.json", &text, Some(PayloadKind::GetResponse));
    assert!(out.contains("A4P50"), "{out}");
    assert!(!out.contains("note: "), "{out}");
    assert!(
        out.contains("help: a lead-opportunity cannot be modified before it is created"),
        "{out}"
    );
}

/// An attacker's review: a frame showed a long line whole when a secondary label (the first
/// occurrence of a duplicate key) or a context line was on it: 1,000 findings pointing back
/// at an 18 kB line printed 181 MB. Now the frame shows the primary line alone.
#[test]
fn no_frame_prints_a_long_neighbouring_line_whole() {
    let long = "x".repeat(20_000);
    for text in [
        // The first occurrence on the long line, the repeat on the next.
        format!(
            "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"X\", \"name\": \"{long}\",\n\"name\": \"Y\"}}}}"
        ),
        // The finding on a short line between two long ones.
        format!(
            "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"X\", \"name\": \"{long}\",\n\"status\": \"WONN\",\n\"description\": \"{long}\"}}}}"
        ),
        // A finding spanning lines, next to a long one.
        format!(
            "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"X\", \"name\": \"{long}\"}},\n\"offerLines\": [{{\n\"amount\": 1}}]}}"
        ),
    ] {
        let out = render("long.json", &text, Some(PayloadKind::UpdateRequest));
        assert!(out.contains("A4P"), "{out}");
        let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest < 200, "a line of {widest} characters:\n{out}");
        assert!(out.len() < 4000, "{} bytes:\n{out}", out.len());
    }
}

/// A new user's review: help texts held hard line breaks which miette's 80 columns wrapped
/// again into ragged lines (`"Discarded", "Draft",` alone), and a long field path was cut
/// inside a word (`licenseChargeBreakdown[0].totalListPri` / `ce`).
#[test]
fn help_is_wrapped_once_and_never_inside_a_word() {
    let text = std::fs::read_to_string(
        "tests/specs/A4P101-enum-value/invalid-sub-order-type-cut-short-ties-two-labels.order-get-response.json",
    )
    .unwrap();
    let out = render("order.json", &text, Some(PayloadKind::OrderGetResponse));
    let path = "licenseChargeBreakdown[0].subOrderType";
    assert!(out.lines().any(|l| l.contains(path)), "{out}");
    // The allowed values fill each line but the last: one wrapping, the renderer's.
    let start = out.find("allowed values:").expect("allowed values");
    let list: Vec<&str> = out[start..]
        .lines()
        .take_while(|l| l.contains('"'))
        .collect();
    assert!(list.len() > 2, "{out}");
    for line in &list[..list.len() - 1] {
        assert!(
            line.trim().chars().count() > 55,
            "ragged line {line:?} in\n{out}"
        );
    }
    insta::assert_snapshot!(out);
}
