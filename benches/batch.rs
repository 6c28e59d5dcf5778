//! Whole batches, as the command line checks them: 10,000 GET responses from the shared
//! corpus (`benches/corpus`), in memory, checked in parallel with rayon on 1 and on 2 threads,
//! each report placed in its file and rendered in the short format (to a sink). `time` is per
//! batch, `thrpt` MB/s; the summary after the run gives payloads/s and the ratios.
//!
//! - `files`: 10,000 pretty-printed payloads, one per file (valid ones);
//! - `mix`: the same with every tenth payload invalid (1-5 findings each);
//! - `ndjson lines`: the same payloads as NDJSON lines (compact), the in-memory batch the
//!   1 GB stream is compared with.

#[path = "corpus/mod.rs"]
mod corpus;
#[path = "summary.rs"]
mod summary;

use std::hint::black_box;
use std::io;
use std::time::Duration;

use api4p_lint::render::{FileReport, Format, Summary};
use api4p_lint::{Linter, PayloadKind};
use criterion::{Criterion, Throughput};
use rayon::prelude::*;

const COUNT: usize = 10_000;
const KIND: PayloadKind = PayloadKind::GetResponse;

fn check_all(linter: &Linter, payloads: &[Vec<u8>]) -> Summary {
    let reports: Vec<FileReport> = payloads
        .par_iter()
        .map(|bytes| {
            let report = linter.check_bytes(bytes, KIND);
            let mut file = FileReport::new("payload.json");
            file.add(&report, 0, 1, None);
            file
        })
        .collect();
    let mut emitter = Format::Short.emitter();
    let mut summary = Summary::default();
    for report in &reports {
        summary.add(report);
        emitter.file(&mut io::sink(), report).unwrap();
    }
    summary
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

fn batches(c: &mut Criterion) {
    let linter = Linter::new().with_today(corpus::TODAY.parse().unwrap());
    let valid: Vec<Vec<u8>> = corpus::valid(KIND, corpus::SEED, COUNT)
        .into_iter()
        .map(String::into_bytes)
        .collect();
    let mix: Vec<Vec<u8>> = corpus::mix(KIND, corpus::SEED, COUNT)
        .into_iter()
        .map(|p| p.text.into_bytes())
        .collect();
    let lines: Vec<Vec<u8>> = valid
        .iter()
        .map(|b| corpus::one_line(std::str::from_utf8(b).unwrap()).into_bytes())
        .collect();
    let bytes = |set: &[Vec<u8>]| set.iter().map(Vec::len).sum::<usize>() as u64;

    let mut group = c.benchmark_group("batch of 10,000");
    group.sample_size(10);
    for (name, set) in [("files", &valid), ("mix", &mix), ("ndjson lines", &lines)] {
        group.throughput(Throughput::BytesDecimal(bytes(set)));
        for threads in [1, 2] {
            if name != "files" && threads == 1 {
                continue;
            }
            let pool = pool(threads);
            group.bench_function(format!("{name}, {threads} thread(s)"), |b| {
                b.iter(|| pool.install(|| check_all(&linter, black_box(set))))
            });
        }
    }
    group.finish();
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6))
        .configure_from_args();
    batches(&mut c);
    c.final_summary();
    let id = |f: &str| format!("batch of 10,000/{f}");
    let (one, two, mix, lines) = (
        id("files, 1 thread(s)"),
        id("files, 2 thread(s)"),
        id("mix, 2 thread(s)"),
        id("ndjson lines, 2 thread(s)"),
    );
    summary::print(
        "10,000 GET responses in memory (per payload)",
        &[
            ("files, 1 thread", &one, COUNT),
            ("files, 2 threads", &two, COUNT),
            ("10 % invalid, 2 threads", &mix, COUNT),
            ("NDJSON lines, 2 threads", &lines, COUNT),
        ],
        &[summary::Ratio {
            label: "2 threads / 1 thread, target >= 1.7",
            first: &two,
            second: &one,
            target: 1.7,
            at_least: true,
        }],
    );
}
