//! Fixing (`Linter::fix`, what `check --fix` runs) on update requests of n offer lines:
//! every amount's fix applied (`"5490"` → `5490`), and every one refused (`"-5"` → `-5` would
//! add A4P204). Both should grow with n as a check does: a refused group is not sorted out
//! by a check per fix.

use std::hint::black_box;

use api4p_lint::{Applicability, Linter, PayloadKind, Source};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

fn update(amount: &str, n: usize) -> String {
    let line = format!(r#"{{"amount": "{amount}", "offerNameId": "X", "revenueType": "UPFRONT"}}"#);
    format!(
        "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\"}}, \"offerLines\": [{}]}}",
        vec![line; n].join(", ")
    )
}

fn fix(c: &mut Criterion) {
    let linter = Linter::new();
    let mut group = c.benchmark_group("fix");
    group.sample_size(10);
    for n in [100, 400] {
        for (name, amount) in [("applied", "5490"), ("refused", "-5")] {
            let text = update(amount, n);
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
    }
    group.finish();
}

criterion_group!(benches, fix);
criterion_main!(benches);
