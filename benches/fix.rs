//! Fixing (`Linter::fix`, what `check --fix` runs) on update requests of n offer lines:
//! every amount's fix applied (`"5490"` → `5490`), every one refused (`"-5"` → `-5` would
//! add A4P204), and half of them refused past the per-rule cap (the thousand findings of a
//! rule a report keeps). All should grow with n as a check does: a refused group is not
//! sorted out by a check per fix, and refused findings do not hide the good ones.

use std::hint::black_box;

use api4p_lint::{Applicability, Linter, PayloadKind, Source};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

/// An update request of `n` offer lines, whose amounts take turns through `amounts`.
fn update(amounts: &[&str], n: usize) -> String {
    let lines: Vec<String> = (0..n)
        .map(|i| {
            let amount = amounts[i % amounts.len()];
            format!(r#"{{"amount": "{amount}", "offerNameId": "X", "revenueType": "UPFRONT"}}"#)
        })
        .collect();
    format!(
        "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\"}}, \"offerLines\": [{}]}}",
        lines.join(", ")
    )
}

fn fix(c: &mut Criterion) {
    let linter = Linter::new();
    let mut group = c.benchmark_group("fix");
    group.sample_size(10);
    let cases: [(&str, &[&str], usize); 6] = [
        ("applied", &["5490"], 100),
        ("refused", &["-5"], 100),
        ("applied", &["5490"], 400),
        ("refused", &["-5"], 400),
        ("half-refused", &["5", "-5"], 2_400),
        // Past the thousand findings of a rule a report keeps, in a round or two.
        ("applied", &["5490"], 30_000),
    ];
    for (name, amounts, n) in cases {
        let text = update(amounts, n);
        group.bench_with_input(BenchmarkId::new(name, n), &text, |b, text| {
            b.iter(|| {
                linter.fix(
                    Source::new("p.json", black_box(text.as_str())),
                    Some(PayloadKind::UpdateRequest),
                    Applicability::Safe,
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, fix);
criterion_main!(benches);
