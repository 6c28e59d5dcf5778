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
//! And one large page of an order search (`order-search-response, 100 items`): the spec's
//! order item 100 times with its ids varied, as the floor, a valid lint, and a lint with 3
//! invalid codes: detection reads every item's top-level keys and every rule walks every item.
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
const PAGE: &str = "order-search-response, 100 items";
const DETECTED: &str = "a' floor + detect the kind";
const INVALID_PAGE: &str = "d lint invalid (3 unknown codes)";

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

/// The spec's order search response (one order), as DS documents it.
const SPEC_ORDER_SEARCH: &str = include_str!(
    "../tests/fixtures/spec/order-search-response/successful_ordersSearch_OneResult.json"
);

/// Items on the page of [`order_search_page`].
const PAGE_ITEMS: usize = 100;

/// A search response with `PAGE_ITEMS` orders: the spec's item with its ids, references,
/// dates and statuses varied; with `invalid`, 3 of them carry a code outside its list (each
/// one A4P101 finding).
fn order_search_page(invalid: bool) -> String {
    let spec: Value = serde_json::from_str(SPEC_ORDER_SEARCH).unwrap();
    let item = &spec["data"][0];
    let statuses = ["Sent to DSx.Finance", "On Hold", "Sent to Credit Manager"];
    let data: Vec<Value> = (0..PAGE_ITEMS)
        .map(|i| {
            let mut item = item.clone();
            item["transaction"]["id"] = format!("PO_A{:09}", 123_456_789 + i).into();
            item["transaction"]["status"] = statuses[i % statuses.len()].into();
            item["billToPoReference"] = format!("EXAMPLE-CORP-2025{:04}", i).into();
            item["creationDateTime"] = format!("2024-05-{:02}T14:30:00Z", 1 + i % 20).into();
            item["billToSite"]["id"] = format!("1000{:011}", i).into();
            item
        })
        .collect();
    let mut page = spec.clone();
    page["data"] = data.into();
    page["info"]["estimatedSearchCount"] = (PAGE_ITEMS as u64).into();
    if invalid {
        page["data"][10]["transaction"]["status"] = "Sent to DSx Finance".into();
        page["data"][45]["onlineConsentStatus"] = "Not applicable".into();
        page["data"][80]["businessUnit"]["localTimezone"] = "cet".into();
    }
    serde_json::to_string_pretty(&page).unwrap()
}

/// The page of 100 orders: floor, valid, 3 findings, and detection (no kind given).
fn order_search_page_bench(c: &mut Criterion) {
    let kind = PayloadKind::OrderSearchResponse;
    let linter = linter();
    let valid = order_search_page(false);
    let invalid = order_search_page(true);
    let report = linter.check_str(&valid, kind);
    assert!(report.is_clean(), "{:?}", report.diagnostics());
    let report = linter.check_str(&invalid, kind);
    let codes: Vec<&str> = report.diagnostics().iter().map(|d| d.code()).collect();
    assert_eq!(codes, ["A4P101"; 3], "{:?}", report.diagnostics());

    let mut group = c.benchmark_group(PAGE);
    group.throughput(Throughput::BytesDecimal(valid.len() as u64));
    group.bench_function(FLOOR, |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(valid.as_bytes())).unwrap())
    });
    group.bench_function(VALID, |b| {
        b.iter(|| linter.check_str(black_box(&valid), kind).is_clean())
    });
    group.bench_function(DETECTED, |b| {
        b.iter(|| {
            let value: Value = serde_json::from_slice(black_box(valid.as_bytes())).unwrap();
            api4p_lint::kind::detect(&value)
        })
    });
    group.throughput(Throughput::BytesDecimal(invalid.len() as u64));
    group.bench_function(INVALID_PAGE, |b| {
        b.iter(|| {
            let report = linter.check_str(black_box(&invalid), kind);
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
    order_search_page_bench(&mut c);
    compile(&mut c);
    c.final_summary();
    let page = |f: &str| format!("{PAGE}/{f}");
    let (floor, detected, valid, invalid) =
        (page(FLOOR), page(DETECTED), page(VALID), page(INVALID_PAGE));
    summary::print(
        "order-search-response, 100 items, one thread (per payload)",
        &[
            (
                "a floor: serde_json::from_slice::<Value>",
                floor.as_str(),
                1,
            ),
            ("a' floor + detect the kind", detected.as_str(), 1),
            ("c full lint, valid", valid.as_str(), 1),
            ("d full lint, 3 unknown codes", invalid.as_str(), 1),
        ],
        &[summary::Ratio {
            label: "full lint (c) / floor (a) throughput, target >= 0.5",
            first: &valid,
            second: &floor,
            target: 0.5,
            at_least: true,
        }],
    );
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
