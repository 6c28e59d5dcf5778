//! The benchmark corpus tells the truth: every valid payload lints with no finding at all as
//! its kind, and every invalid one has exactly the 1 to 5 findings it was made with.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::collections::BTreeSet;

use api4p_lint::{Linter, PayloadKind};
use serde_json::Value;

fn linter() -> Linter {
    Linter::new().with_today(corpus::TODAY.parse().unwrap())
}

#[test]
fn valid_payloads_have_no_finding_as_their_kind() {
    let linter = linter();
    for kind in PayloadKind::ALL {
        for (n, text) in corpus::valid(kind, corpus::SEED, 300).iter().enumerate() {
            let report = linter.check_str(text, kind);
            assert!(
                report.is_clean(),
                "{kind} payload {n} has findings:\n{}\n{text}",
                report.render(&Default::default())
            );
        }
    }
}

#[test]
fn valid_payloads_are_detected_as_their_kind_where_the_shape_tells() {
    let linter = linter();
    for kind in PayloadKind::ALL {
        if matches!(
            kind,
            PayloadKind::CreateRequest | PayloadKind::UpdateRequest
        ) {
            continue;
        }
        for text in corpus::valid(kind, corpus::SEED, 20) {
            assert_eq!(linter.check_str(&text, None).kind(), Some(kind), "{text}");
        }
    }
}

/// The findings each mistake of the corpus generator must give, as (code, pointer), found
/// by comparing the invalid payload with the valid one it was made from: a changed value is
/// one mistake, named by its member; an added member is an unknown property; the kind's
/// duplicated member's line written twice is a duplicate key.
fn expected_findings(kind: PayloadKind, valid: &Value, text: &str) -> Vec<(&'static str, String)> {
    fn walk(
        pointer: String,
        valid: &Value,
        invalid: &Value,
        out: &mut Vec<(&'static str, String)>,
    ) {
        match (valid, invalid) {
            (Value::Object(a), Value::Object(b)) => {
                for (key, value) in b {
                    let at = format!("{pointer}/{key}");
                    match a.get(key) {
                        Some(before) => walk(at, before, value, out),
                        None => out.push(("A4P103", at)),
                    }
                }
            }
            (Value::Array(a), Value::Array(b)) => {
                assert_eq!(a.len(), b.len(), "{pointer}");
                for (i, (before, after)) in a.iter().zip(b).enumerate() {
                    walk(format!("{pointer}/{i}"), before, after, out);
                }
            }
            (before, after) if before != after => {
                let member = pointer.rsplit('/').next().unwrap();
                let code = match (member, after) {
                    ("status" | "revenueType", Value::String(_)) => "A4P101",
                    ("currency", Value::String(_)) => "A4P302",
                    ("email", Value::String(_)) => "A4P303",
                    ("amount" | "unitListPrice", Value::String(_)) => "A4P104",
                    ("dsLeadOpportunityId", Value::String(_)) => "A4P304",
                    _ => panic!("a mistake this test does not know: {pointer}: {after}"),
                };
                out.push((code, pointer));
            }
            _ => {}
        }
    }
    let invalid: Value = serde_json::from_str(text).unwrap();
    let mut out = Vec::new();
    walk(String::new(), valid, &invalid, &mut out);
    let member = corpus::duplicated_member(kind);
    match text.matches(&format!("\"{member}\": ")).count() {
        1 => {}
        2 => {
            let parent = ["/data/leadOpportunity", "/leadOpportunity", "/data/0"]
                .into_iter()
                .find(|p| valid.pointer(&format!("{p}/{member}")).is_some())
                .unwrap();
            out.push(("A4P002", format!("{parent}/{member}")));
        }
        n => panic!("{n} {member} members"),
    }
    out.sort();
    out
}

#[test]
fn invalid_payloads_have_exactly_the_findings_of_their_one_to_five_mistakes() {
    let linter = linter();
    for kind in [
        PayloadKind::GetResponse,
        PayloadKind::CreateRequest,
        PayloadKind::UpdateRequest,
        PayloadKind::OrderGetResponse,
    ] {
        let invalid = corpus::invalid(kind, corpus::SEED, 300);
        assert_eq!(invalid.len(), 300, "{kind}");
        let mut seen = [0usize; 6];
        let mut codes_seen = BTreeSet::new();
        for (n, payload) in invalid.iter().enumerate() {
            let report = linter.check_str(&payload.text, kind);
            let mut found: Vec<(&str, String)> = report
                .diagnostics()
                .iter()
                .map(|d| (d.code(), d.pointer.clone()))
                .collect();
            found.sort();
            let valid = corpus::valid_value(kind, corpus::SEED, n);
            let expected = expected_findings(kind, &valid, &payload.text);
            assert!((1..=5).contains(&payload.findings));
            assert_eq!(
                expected.len(),
                payload.findings,
                "{kind} invalid payload {n}"
            );
            assert_eq!(
                found,
                expected,
                "{kind} invalid payload {n}:\n{}\n{}",
                report.render(&Default::default()),
                payload.text
            );
            seen[found.len()] += 1;
            codes_seen.extend(found.iter().map(|(code, _)| *code));
        }
        // Every mistake the generator can make in this kind was made at least once.
        let expected_codes: &[&str] = match kind {
            PayloadKind::GetResponse => &[
                "A4P002", "A4P101", "A4P103", "A4P104", "A4P302", "A4P303", "A4P304",
            ],
            PayloadKind::CreateRequest => {
                &["A4P002", "A4P101", "A4P103", "A4P104", "A4P302", "A4P303"]
            }
            PayloadKind::OrderGetResponse => &["A4P002", "A4P101", "A4P103", "A4P104", "A4P302"],
            _ => &["A4P002", "A4P101", "A4P103", "A4P104", "A4P302"],
        };
        assert_eq!(
            codes_seen.into_iter().collect::<Vec<_>>(),
            expected_codes,
            "{kind}"
        );
        if matches!(
            kind,
            PayloadKind::GetResponse | PayloadKind::OrderGetResponse
        ) {
            assert!(
                seen[1..].iter().all(|&n| n > 0),
                "every count from 1 to 5: {seen:?}"
            );
        }
    }
}

#[test]
fn a_mix_is_one_tenth_invalid_and_deterministic() {
    let mix = corpus::mix(PayloadKind::GetResponse, corpus::SEED, 1000);
    let invalid = mix.iter().filter(|p| p.findings > 0).count();
    assert_eq!(invalid, 100);
    let again = corpus::mix(PayloadKind::GetResponse, corpus::SEED, 1000);
    assert!(mix.iter().zip(&again).all(|(a, b)| a.text == b.text));
    let bytes: usize = mix.iter().map(|p| p.text.len()).sum();
    let mean = bytes / mix.len();
    assert!((2000..2700).contains(&mean), "about 2.3 kB each: {mean}");
}

#[test]
fn one_line_keeps_the_payload_and_its_findings() {
    let linter = linter();
    for payload in corpus::mix(PayloadKind::GetResponse, corpus::SEED, 50) {
        let line = corpus::one_line(&payload.text);
        assert!(!line.contains('\n'));
        assert_eq!(
            linter
                .check_str(&line, PayloadKind::GetResponse)
                .diagnostics()
                .len(),
            payload.findings
        );
    }
}
