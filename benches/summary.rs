//! After a criterion run: per-payload time, payloads/s and MB/s of the benches, and the ratios
//! the performance targets name, read back from criterion's estimates under
//! `target/criterion` (so they are the numbers criterion just printed).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// One measured bench: mean time per iteration and bytes per iteration.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// Nanoseconds per iteration (criterion's mean estimate).
    pub ns: f64,
    /// Bytes per iteration (criterion's throughput), if set.
    pub bytes: Option<f64>,
}

impl Measure {
    /// Megabytes (10^6 bytes) per second.
    pub fn mb_per_s(&self) -> Option<f64> {
        self.bytes.map(|b| b / self.ns * 1e3)
    }
}

fn criterion_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    target.join("criterion")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.ends_with("new/benchmark.json") {
            out.push(path);
        }
    }
}

fn read(path: &Path) -> Option<Value> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// Every bench measured so far, by criterion's full id (`group/function`).
pub fn measures() -> HashMap<String, Measure> {
    let mut files = Vec::new();
    walk(&criterion_dir(), &mut files);
    let mut out = HashMap::new();
    for file in files {
        let (Some(bench), Some(estimates)) =
            (read(&file), read(&file.with_file_name("estimates.json")))
        else {
            continue;
        };
        let Some(id) = bench["full_id"].as_str() else {
            continue;
        };
        // criterion prints the slope when it has one, else the mean.
        let Some(ns) = estimates["slope"]["point_estimate"]
            .as_f64()
            .or_else(|| estimates["mean"]["point_estimate"].as_f64())
        else {
            continue;
        };
        let throughput = &bench["throughput"];
        let bytes = throughput["BytesDecimal"]
            .as_f64()
            .or_else(|| throughput["Bytes"].as_f64());
        out.insert(id.to_owned(), Measure { ns, bytes });
    }
    out
}

/// A target stated as a ratio of two benches' throughputs (MB/s): `first / second`, which
/// must be at least (`at_least`) or at most the target.
pub struct Ratio<'a> {
    pub label: &'a str,
    pub first: &'a str,
    pub second: &'a str,
    pub target: f64,
    pub at_least: bool,
}

/// Prints the benches (a label, criterion's full id, payloads per iteration) and the ratios,
/// as Markdown.
pub fn print(title: &str, benches: &[(&str, &str, usize)], ratios: &[Ratio<'_>]) {
    let measures = measures();
    println!("\n### {title}\n");
    println!("| bench | time each | payloads (or builds) per second | MB/s |");
    println!("| --- | ---: | ---: | ---: |");
    for &(label, id, payloads) in benches {
        match measures.get(id) {
            Some(m) => println!(
                "| {label} | {:.2} µs | {:.0} | {} |",
                m.ns / payloads as f64 / 1e3,
                payloads as f64 / m.ns * 1e9,
                m.mb_per_s().map_or("-".to_owned(), |v| format!("{v:.0}"))
            ),
            None => println!("| {label} | not measured | | |"),
        }
    }
    if ratios.is_empty() {
        return;
    }
    println!("\n| target | ratio | met |");
    println!("| --- | ---: | --- |");
    for r in ratios {
        let thrpt = |id: &str| measures.get(id).and_then(Measure::mb_per_s);
        match (thrpt(r.first), thrpt(r.second)) {
            (Some(a), Some(b)) => {
                let ratio = a / b;
                let met = if r.at_least {
                    ratio >= r.target
                } else {
                    ratio <= r.target
                };
                println!(
                    "| {} | {ratio:.2} | {} |",
                    r.label,
                    if met { "yes" } else { "**no**" }
                );
            }
            _ => println!("| {} | not measured | |", r.label),
        }
    }
}
