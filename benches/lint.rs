//! Single-thread cost per payload, for the leads' GET response (about 2.4 kB, pretty-printed)
//! and the order GET response (the largest payload of the spec, 4 to 20 kB with its license
//! charge conditions), on the shared corpus (`benches/corpus`): every iteration is one
//! payload, taken in turn from 1,000 different ones, so `time` is per payload and `thrpt` is
//! MB/s.
//!
//! - `a floor`: `serde_json::from_slice::<Value>`, what any JSON tool pays;
//! - `b is_valid`: the raw `jsonschema` validator on the parsed value, with our schema;
//! - `b' parse + is_valid`: what a minimal program on the `jsonschema` crate does;
//! - `c lint valid`: our full lint (parse, duplicate keys, schema, every semantic rule);
//! - `d lint invalid`: our full lint of payloads with 1 to 5 findings each, spans, messages
//!   and suggestions included, placed in the file (line and column) as the CLI does;
//! - `e compile`: building the validators, which happens once per kind per process.
//!
//! After the run, a table of the ratios the performance targets name is printed (from
//! criterion's estimates).

#[path = "corpus/mod.rs"]
mod corpus;
#[path = "summary.rs"]
mod summary;

use std::cell::Cell;
use std::hint::black_box;
use std::time::Duration;

use api4p_lint::render::FileReport;
use api4p_lint::{schema, Linter, PayloadKind};
use criterion::{Criterion, Throughput};
use serde_json::Value;

/// Payloads per corpus slice: enough variety, small enough to stay in cache like a real batch.
const PAYLOADS: usize = 1000;

/// The kinds measured: the leads' most common response and the spec's largest payload.
const KINDS: [PayloadKind; 2] = [PayloadKind::GetResponse, PayloadKind::OrderGetResponse];

const FLOOR: &str = "a floor: serde_json::from_slice::<Value>";
const IS_VALID: &str = "b jsonschema is_valid (parsed)";
const MINIMAL: &str = "b' parse + is_valid";
const VALID: &str = "c lint valid";
const INVALID: &str = "d lint invalid (1-5 findings, spans, suggestions)";

fn linter() -> Linter {
    Linter::new().with_today(corpus::TODAY.parse().unwrap())
}

/// Mean size, for criterion's MB/s.
fn mean_len<T: AsRef<[u8]>>(items: &[T]) -> u64 {
    (items.iter().map(|t| t.as_ref().len()).sum::<usize>() / items.len()) as u64
}

/// Cycles through `items`, one per call.
fn cycle<'a, T>(items: &'a [T]) -> impl FnMut() -> &'a T {
    let next = Cell::new(0usize);
    move || {
        let i = next.get();
        next.set(if i + 1 == items.len() { 0 } else { i + 1 });
        &items[i]
    }
}

fn per_payload(c: &mut Criterion, kind: PayloadKind) {
    let valid: Vec<Vec<u8>> = corpus::valid(kind, corpus::SEED, PAYLOADS)
        .into_iter()
        .map(String::into_bytes)
        .collect();
    let invalid: Vec<Vec<u8>> = corpus::invalid(kind, corpus::SEED, PAYLOADS)
        .into_iter()
        .map(|p| p.text.into_bytes())
        .collect();
    let parsed: Vec<Value> = valid
        .iter()
        .map(|b| serde_json::from_slice(b).unwrap())
        .collect();
    let linter = linter();
    let validator = &schema::compiled(kind).validator;

    let mut group = c.benchmark_group(kind.name());
    group.throughput(Throughput::BytesDecimal(mean_len(&valid)));

    let mut next = cycle(&valid);
    group.bench_function(FLOOR, |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(next())).unwrap())
    });

    let mut next = cycle(&parsed);
    group.bench_function(IS_VALID, |b| {
        b.iter(|| validator.is_valid(black_box(next())))
    });

    let mut next = cycle(&valid);
    group.bench_function(MINIMAL, |b| {
        b.iter(|| {
            let value: Value = serde_json::from_slice(black_box(next())).unwrap();
            validator.is_valid(&value)
        })
    });

    let mut next = cycle(&valid);
    group.bench_function(VALID, |b| {
        b.iter(|| {
            let report = linter.check_bytes(black_box(next()), kind);
            debug_assert!(report.is_clean());
            report.is_clean()
        })
    });

    group.throughput(Throughput::BytesDecimal(mean_len(&invalid)));
    let mut next = cycle(&invalid);
    group.bench_function(INVALID, |b| {
        b.iter(|| {
            let report = linter.check_bytes(black_box(next()), kind);
            // Placed in the file as the CLI does: line and column of every finding.
            let mut file = FileReport::new("payload.json");
            file.add(&report, 0, 1, None);
            file
        })
    });
    group.finish();
}

fn compile(c: &mut Criterion) {
    let mut group = c.benchmark_group("compile");
    let document: Value = serde_json::from_str(schema::embedded(PayloadKind::GetResponse)).unwrap();
    group.bench_function("e get-response validator", |b| {
        b.iter(|| {
            schema::validator_options()
                .build(black_box(&document))
                .unwrap()
        })
    });
    let documents: Vec<Value> = PayloadKind::ALL
        .iter()
        .map(|&k| serde_json::from_str(schema::embedded(k)).unwrap())
        .collect();
    group.bench_function("e all validators", |b| {
        b.iter(|| {
            documents
                .iter()
                .map(|d| schema::validator_options().build(black_box(d)).unwrap())
                .collect::<Vec<_>>()
        })
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    for kind in KINDS {
        per_payload(&mut c, kind);
    }
    compile(&mut c);
    c.final_summary();
    for kind in KINDS {
        let id = |f: &str| format!("{kind}/{f}");
        let (floor, is_valid, minimal, valid, invalid) =
            (id(FLOOR), id(IS_VALID), id(MINIMAL), id(VALID), id(INVALID));
        let title = format!("{kind}, one thread (per payload)");
        let mut rows = vec![
            (
                "a floor: serde_json::from_slice::<Value>",
                floor.as_str(),
                1,
            ),
            ("b jsonschema is_valid (parsed value)", is_valid.as_str(), 1),
            (
                "b' parse + is_valid (a minimal jsonschema program)",
                minimal.as_str(),
                1,
            ),
            ("c full lint, valid", valid.as_str(), 1),
            ("d full lint, invalid (1-5 findings)", invalid.as_str(), 1),
        ];
        if kind == PayloadKind::GetResponse {
            rows.push((
                "e compile the get-response validator",
                "compile/e get-response validator",
                1,
            ));
            rows.push((
                "e compile all the validators",
                "compile/e all validators",
                PayloadKind::ALL.len(),
            ));
        }
        summary::print(
            &title,
            &rows,
            &[
                summary::Ratio {
                    label: "full lint (c) / floor (a) throughput, target >= 0.5",
                    first: &valid,
                    second: &floor,
                    target: 0.5,
                    at_least: true,
                },
                summary::Ratio {
                    label: "invalid (d) / valid (c) cost per byte, target <= 3",
                    first: &valid,
                    second: &invalid,
                    target: 3.0,
                    at_least: false,
                },
            ],
        );
    }
}
