//! Did-you-mean against a short closed list (reasonLost's 43 codes) and against a partner's
//! 10,000-item portfolio, where every id has the same length and shape (the worst case for
//! a length filter), plus a whole create request whose 50 offer lines are all unknown.
//!
//! A portfolio lookup is A4P601's: the orderable items of a [`Portfolio`], folded when it was
//! loaded; `(unfolded)` is the same search over the plain ids (`suggest::nearest`, what the
//! closed enums use), which folds every candidate at every lookup.

#[path = "ids/mod.rs"]
mod ids;

use std::hint::black_box;

use api4p_lint::config::{Config, Portfolio, PortfolioItem, ReferenceData};
use api4p_lint::model::enums::ReasonLost;
use api4p_lint::suggest::{nearest, Budget};
use api4p_lint::{Linter, PayloadKind};
use criterion::{criterion_group, criterion_main, Criterion};
use ids::{anagrams, portfolio, random_portfolio};

/// Every id of `ids`, orderable.
fn orderable(ids: &[String]) -> impl Iterator<Item = PortfolioItem> + '_ {
    ids.iter().map(|id| PortfolioItem {
        id: id.clone(),
        orderable: true,
    })
}

/// A4P601's did-you-mean for `id`: the closest orderable item, if one is closest.
fn lookup<'a>(portfolio: &'a Portfolio, id: &str) -> Option<&'a str> {
    portfolio
        .nearest_orderable(id, &mut Budget::unlimited())
        .first()
}

/// The anagrams' letters: 18, so that a typo is allowed 3 edits, as in a DS id.
const LETTERS: &str = "ABCDEFGHIJKLMNOPQR";

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
    let folded: Portfolio = orderable(&ids).collect();
    group.bench_function("portfolio (10,000): load (add_portfolio)", |b| {
        b.iter(|| {
            let mut reference = ReferenceData::default();
            reference.add_portfolio(orderable(black_box(&ids)));
            reference
        })
    });
    let typo = ids[5_000].replacen("PUBL", "PBUL", 1);
    let unknown = "XXXXXX99999_ABCD_XYZ99999999_QRS99999999";
    group.bench_function("portfolio (10,000): a typo", |b| {
        b.iter(|| lookup(&folded, black_box(&typo)))
    });
    group.bench_function("portfolio (10,000): nothing close", |b| {
        b.iter(|| lookup(&folded, black_box(unknown)))
    });
    group.bench_function("portfolio (10,000): a typo (unfolded)", |b| {
        b.iter(|| nearest(black_box(&typo), ids.iter().map(String::as_str)))
    });
    group.bench_function("portfolio (10,000): nothing close (unfolded)", |b| {
        b.iter(|| nearest(black_box(unknown), ids.iter().map(String::as_str)))
    });
    let random = random_portfolio(10_000);
    let random_folded: Portfolio = orderable(&random).collect();
    let unknown = "MDMIND31415_PUBL_ISE92653589_IPE79323846";
    group.bench_function("random portfolio (10,000): nothing close", |b| {
        b.iter(|| lookup(&random_folded, black_box(unknown)))
    });
    let typo = random[5_000].replacen("ISE", "IES", 1);
    group.bench_function("random portfolio (10,000): a typo", |b| {
        b.iter(|| lookup(&random_folded, black_box(&typo)))
    });
    group.bench_function("random portfolio (10,000): a typo (unfolded)", |b| {
        b.iter(|| nearest(black_box(&typo), random.iter().map(String::as_str)))
    });
    group.finish();

    // 100 unknown offers in one payload against 100,000 random ids, and 120 against 760,000
    // anagrams: the work budget per payload keeps both bounded.
    let mut slow = c.benchmark_group("suggest, adversarial");
    slow.sample_size(10);
    for (name, ids, unknowns) in [
        (
            "update request, 100 unknown offers, 100,000 random ids",
            random_portfolio(100_000),
            (0..100)
                .map(|i| format!("MDMIND{i:05}_PUBL_ISE31415926_IPE53589793"))
                .collect::<Vec<_>>(),
        ),
        (
            "update request, 120 unknown offers, 760,000 anagrams",
            anagrams(LETTERS, 760_000),
            anagrams(LETTERS, 760_120)[760_000..].to_vec(),
        ),
    ] {
        let mut config = Config::default();
        config.reference_mut().add_portfolio(orderable(&ids));
        let linter = Linter::with_config(config);
        let lines: Vec<String> = unknowns
            .iter()
            .map(|id| {
                format!(r#"{{"offerNameId": "{id}", "amount": 1, "revenueType": "UPFRONT"}}"#)
            })
            .collect();
        let request = format!(
            r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1"}}, "offerLines": [{}]}}"#,
            lines.join(", ")
        );
        slow.bench_function(name, |b| {
            b.iter(|| {
                linter
                    .check_str(black_box(&request), PayloadKind::UpdateRequest)
                    .into_diagnostics()
            })
        });
    }
    slow.finish();

    let mut config = Config::default();
    config.reference_mut().add_portfolio(orderable(&ids));
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
