//! Writes the benchmark corpus for `benches/compare.sh` and for trying the tool by hand:
//! `N` payloads of one kind as files (`DIR/files/NNNNN.json`, pretty-printed) and as one
//! NDJSON file (`DIR/payloads.ndjson`, a payload per line), plus `api4p-lint.toml` fixing
//! "today", so that every valid payload lints clean.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --out /tmp/corpus --count 10000
//! cargo run --release --example gen_corpus -- --out /tmp/corpus --count 10000 --invalid   # 10 % invalid
//! cargo run --release --example gen_corpus -- --ndjson-only --bytes 1000000000 --out /tmp/big   # a 1 GB stream
//! ```
//!
//! Deterministic: the same arguments write the same bytes.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use api4p_lint::PayloadKind;

struct Args {
    out: PathBuf,
    count: usize,
    kind: PayloadKind,
    invalid: bool,
    ndjson_only: bool,
    bytes: Option<u64>,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        out: PathBuf::from("target/corpus"),
        count: 10_000,
        kind: PayloadKind::GetResponse,
        invalid: false,
        ndjson_only: false,
        bytes: None,
        seed: corpus::SEED,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--out" => args.out = value()?.into(),
            "--count" => args.count = value()?.parse().map_err(|e| format!("--count: {e}"))?,
            "--kind" => args.kind = value()?.parse().map_err(|e| format!("--kind: {e}"))?,
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--bytes" => {
                args.bytes = Some(value()?.parse().map_err(|e| format!("--bytes: {e}"))?);
                args.ndjson_only = true;
            }
            "--invalid" => args.invalid = true,
            "--ndjson-only" => args.ndjson_only = true,
            "-h" | "--help" => {
                return Err(
                    "usage: gen_corpus [--out DIR] [--count N] [--kind KIND] [--invalid] \
                     [--ndjson-only] [--bytes N] [--seed N]"
                        .to_owned(),
                )
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

fn payload(args: &Args, n: usize) -> String {
    let invalid = args.invalid && n % corpus::INVALID_EVERY == corpus::INVALID_EVERY - 1;
    invalid
        .then(|| corpus::invalid_payload(args.kind, args.seed, n))
        .flatten()
        .map(|p| p.text)
        .unwrap_or_else(|| {
            serde_json::to_string_pretty(&corpus::valid_value(args.kind, args.seed, n)).unwrap()
        })
}

fn write(args: &Args) -> io::Result<()> {
    fs::create_dir_all(&args.out)?;
    fs::write(
        args.out.join("api4p-lint.toml"),
        format!("today = \"{}\"\n", corpus::TODAY),
    )?;
    let files = args.out.join("files");
    if !args.ndjson_only {
        if files.exists() {
            fs::remove_dir_all(&files)?;
        }
        fs::create_dir_all(&files)?;
    }
    let mut ndjson = BufWriter::new(fs::File::create(args.out.join("payloads.ndjson"))?);
    let (mut file_bytes, mut line_bytes) = (0u64, 0u64);
    let mut n = 0;
    loop {
        let done = match args.bytes {
            Some(limit) => line_bytes >= limit,
            None => n >= args.count,
        };
        if done {
            break;
        }
        // A long stream repeats the first `count` payloads (generation would take longer
        // than checking).
        let text = payload(args, n % args.count.max(1));
        if !args.ndjson_only {
            fs::write(files.join(format!("{n:05}.json")), &text)?;
            file_bytes += text.len() as u64;
        }
        let line = corpus::one_line(&text);
        ndjson.write_all(line.as_bytes())?;
        ndjson.write_all(b"\n")?;
        line_bytes += line.len() as u64 + 1;
        n += 1;
    }
    ndjson.flush()?;
    eprintln!(
        "{n} {} payloads{}: {} ({:.1} MB of files), {} ({:.1} MB)",
        args.kind,
        if args.invalid { ", 10 % invalid" } else { "" },
        files.display(),
        file_bytes as f64 / 1e6,
        args.out.join("payloads.ndjson").display(),
        line_bytes as f64 / 1e6
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(why) => {
            eprintln!("{why}");
            return ExitCode::from(2);
        }
    };
    match write(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
