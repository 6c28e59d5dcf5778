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

/// Ids of DS's shape with random numbers (a fixed xorshift, so every run is the same): same
/// length, similar letter counts, so the lower bounds rule few out.
fn random_portfolio(n: usize) -> Vec<String> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    (0..n)
        .map(|_| {
            format!(
                "MDMIND{:05}_PUBL_ISE{:08}_IPE{:08}",
                next(100_000),
                next(100_000_000),
                next(100_000_000)
            )
        })
        .collect()
}

/// Every arrangement of the same letters (the worst case for every lower bound: same
/// length, same letter counts), `n` of them.
fn anagrams(n: usize) -> Vec<String> {
    let letters: Vec<char> = "ABCDEFGHIJKLMNOPQR".chars().collect();
    let mut out = Vec::with_capacity(n);
    let mut word = letters.clone();
    // Heap's algorithm, iteratively, stopped after `n` words.
    let mut c = vec![0usize; word.len()];
    out.push(word.iter().collect::<String>());
    let mut i = 0;
    while i < word.len() && out.len() < n {
        if c[i] < i {
            if i % 2 == 0 {
                word.swap(0, i);
            } else {
                word.swap(c[i], i);
            }
            out.push(word.iter().collect());
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    out
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
    let random = random_portfolio(10_000);
    let unknown = "MDMIND31415_PUBL_ISE92653589_IPE79323846";
    group.bench_function("random portfolio (10,000): nothing close", |b| {
        b.iter(|| nearest(black_box(unknown), random.iter().map(String::as_str)))
    });
    let typo = random[5_000].replacen("ISE", "IES", 1);
    group.bench_function("random portfolio (10,000): a typo", |b| {
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
            anagrams(760_000),
            anagrams(760_120)[760_000..].to_vec(),
        ),
    ] {
        let mut config = Config::default();
        config
            .reference_mut()
            .add_portfolio(ids.iter().map(|id| PortfolioItem {
                id: id.clone(),
                orderable: true,
            }));
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
