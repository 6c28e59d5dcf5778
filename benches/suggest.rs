//! Did-you-mean against a short closed list (reasonLost's 43 codes) and against a partner's
//! 10,000-item portfolio, where every id has the same length and shape (the worst case for
//! a length filter), plus a whole create request whose 50 offer lines are all unknown.

use std::hint::black_box;

use api4p_lint::config::{Config, PortfolioItem};
use api4p_lint::model::enums::ReasonLost;
use api4p_lint::suggest::nearest;
use api4p_lint::{Linter, PayloadKind};
use criterion::{criterion_group, criterion_main, Criterion};

/// Ids shaped like DS's `salesPortfolioId`s (`MDMIND00022_PUBL_ISE00002687_IPE00021337`).
fn portfolio(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("MDMIND{:05}_PUBL_ISE{:08}_IPE{:08}", i % 97, i * 7919, i))
        .collect()
}

fn suggest(c: &mut Criterion) {
    let mut group = c.benchmark_group("suggest");
    group.bench_function("reasonLost (43): a typo", |b| {
        b.iter(|| {
            nearest(
                black_box("BETER_COMP_OFFER"),
                ReasonLost::CODES.iter().copied(),
            )
        })
    });
    group.bench_function("reasonLost (43): nothing close", |b| {
        b.iter(|| {
            nearest(
                black_box("SOMETHING_ELSE_ENTIRELY"),
                ReasonLost::CODES.iter().copied(),
            )
        })
    });
    let ids = portfolio(10_000);
    let typo = ids[5_000].replacen("PUBL", "PBUL", 1);
    group.bench_function("portfolio (10,000): a typo", |b| {
        b.iter(|| nearest(black_box(&typo), ids.iter().map(String::as_str)))
    });
    group.bench_function("portfolio (10,000): nothing close", |b| {
        b.iter(|| {
            nearest(
                black_box("XXXXXX99999_ABCD_XYZ99999999_QRS99999999"),
                ids.iter().map(String::as_str),
            )
        })
    });
    group.finish();

    let mut config = Config::default();
    config
        .reference_mut()
        .add_portfolio(ids.iter().map(|id| PortfolioItem {
            id: id.clone(),
            orderable: true,
        }));
    let linter = Linter::with_config(config);
    let lines: Vec<String> = (0..50)
        .map(|i| {
            format!(
                r#"{{"offerNameId": "{}", "amount": 1, "revenueType": "UPFRONT"}}"#,
                ids[i * 199].replacen("IPE", "IEP", 1)
            )
        })
        .collect();
    let request = format!(
        r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1"}}, "offerLines": [{}]}}"#,
        lines.join(", ")
    );
    c.bench_function(
        "update request, 50 unknown offers, 10,000-item portfolio",
        |b| {
            b.iter(|| {
                linter
                    .check_str(black_box(&request), PayloadKind::UpdateRequest)
                    .into_diagnostics()
            })
        },
    );
}

criterion_group!(benches, suggest);
criterion_main!(benches);
