//! Time per byte of the shapes that multiply memory (`benches/shapes`), at 1, 2 and 4 MiB:
//! the lint of a payload is linear in its size when each shape's `thrpt` stays flat across
//! the three sizes (criterion reports MiB/s). Single thread, the library's `Linter` with
//! findings placed as the CLI places them.
//!
//! `cargo bench --bench shapes`

#[path = "shapes/mod.rs"]
mod shapes;

use std::hint::black_box;
use std::time::Duration;

use api4p_lint::render::FileReport;
use api4p_lint::{Linter, PayloadKind};
use criterion::{BenchmarkId, Criterion, Throughput};

fn by_shape(c: &mut Criterion) {
    let linter = Linter::new();
    for shape in shapes::SHAPES {
        let kind: PayloadKind = shape.kind.parse().expect("a payload kind");
        let mut group = c.benchmark_group(shape.name);
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(4));
        for mib in [1usize, 2, 4] {
            let text = (shape.write)(mib << 20);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{mib} MiB")),
                &text,
                |b, text| {
                    b.iter(|| {
                        let report = linter.check_str(black_box(text), kind);
                        let mut file = FileReport::new("payload.json");
                        file.add(&report, 0, 1, None);
                        file
                    })
                },
            );
        }
        group.finish();
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    by_shape(&mut c);
    c.final_summary();
}
