//! Lint throughput against the parse floor, on the seed GET response (about 2.3 kB).
//! Compiling the validators is measured apart, so the compile-once promise is visible.

use std::hint::black_box;

use api4p_lint::{schema, Linter, PayloadKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const SEED: &str = include_str!("../tests/fixtures/spec/get-response/seed.json");

fn lint(c: &mut Criterion) {
    let invalid = SEED
        .replacen(r#""status": "WON""#, r#""status": "WONN""#, 1)
        .replacen(
            r#""revenueType": "UPFRONT""#,
            r#""revenueType": "upfront""#,
            1,
        );
    let linter = Linter::new();
    let mut group = c.benchmark_group("get-response");
    group.throughput(Throughput::Bytes(SEED.len() as u64));
    group.bench_function("floor: serde_json::from_str::<Value>", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(SEED)).unwrap())
    });
    group.bench_function("lint valid", |b| {
        b.iter(|| {
            linter
                .check_str(black_box(SEED), PayloadKind::GetResponse)
                .is_clean()
        })
    });
    group.bench_function("lint invalid (2 findings, spans, suggestions)", |b| {
        b.iter(|| {
            linter
                .check_str(black_box(&invalid), PayloadKind::GetResponse)
                .into_diagnostics()
        })
    });
    group.finish();

    c.bench_function("compile get-response validator", |b| {
        let document: serde_json::Value =
            serde_json::from_str(schema::embedded(PayloadKind::GetResponse)).unwrap();
        b.iter(|| {
            schema::validator_options()
                .build(black_box(&document))
                .unwrap()
        })
    });
}

criterion_group!(benches, lint);
criterion_main!(benches);
