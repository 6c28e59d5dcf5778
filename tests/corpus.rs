//! The benchmark corpus tells the truth: every valid payload lints with no finding at all as
//! its kind, and every invalid one has exactly the 1 to 5 findings it was made with.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use api4p_lint::{Linter, PayloadKind};

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

#[test]
fn invalid_payloads_have_exactly_their_one_to_five_findings() {
    let linter = linter();
    for kind in [
        PayloadKind::GetResponse,
        PayloadKind::CreateRequest,
        PayloadKind::UpdateRequest,
    ] {
        let invalid = corpus::invalid(kind, corpus::SEED, 300);
        assert_eq!(invalid.len(), 300, "{kind}");
        let mut seen = [0usize; 6];
        for (n, payload) in invalid.iter().enumerate() {
            let report = linter.check_str(&payload.text, kind);
            let found = report.diagnostics().len();
            assert!((1..=5).contains(&payload.findings));
            assert_eq!(
                found,
                payload.findings,
                "{kind} invalid payload {n}:\n{}\n{}",
                report.render(&Default::default()),
                payload.text
            );
            seen[found] += 1;
        }
        if kind == PayloadKind::GetResponse {
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
