//! The reference point the comparison names: a minimal program on the `jsonschema` crate that
//! validates NDJSON payloads against a schema (parse each line with serde_json, `is_valid`),
//! on one thread, printing how many lines failed. No semantic rules, no duplicate keys, no
//! spans, no messages.
//!
//! ```sh
//! cargo run --release --example minimal_jsonschema -- schemas/get-response.schema.json payloads.ndjson
//! ```

use std::io::{BufRead, BufReader};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [schema, ndjson] = args.as_slice() else {
        eprintln!("usage: minimal_jsonschema SCHEMA NDJSON");
        return ExitCode::from(2);
    };
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(schema).expect("read the schema"))
            .expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let file = std::fs::File::open(ndjson).expect("open the NDJSON file");
    let (mut lines, mut invalid) = (0usize, 0usize);
    for line in BufReader::with_capacity(1 << 16, file).split(b'\n') {
        let line = line.expect("read a line");
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        lines += 1;
        match serde_json::from_slice::<serde_json::Value>(&line) {
            Ok(value) if validator.is_valid(&value) => {}
            _ => invalid += 1,
        }
    }
    println!("{lines} payloads, {invalid} invalid");
    if invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
