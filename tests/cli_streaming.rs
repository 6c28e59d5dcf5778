//! Long inputs through the command line's pipeline: findings of many files and of long NDJSON
//! files (many tasks of lines) come out in input order, every format agrees on them, and the
//! counts match what the corpus put in.

mod common;
#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::Path;

use api4p_lint::PayloadKind;

use common::lint;

const KIND: PayloadKind = PayloadKind::GetResponse;

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = lint(dir)
        .args(["check", "--kind", "get-response", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// (line, column) of every `path:line:col:` finding of the short format, for `path`.
fn places(short: &str, path: &str) -> Vec<(usize, usize)> {
    short
        .lines()
        .filter_map(|l| l.strip_prefix(path)?.strip_prefix(':'))
        .map(|rest| {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().unwrap().parse().unwrap();
            let column = parts.next().unwrap().parse().unwrap();
            (line, column)
        })
        .collect()
}

#[test]
fn a_long_ndjson_file_and_many_files_keep_their_order_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("api4p-lint.toml"),
        format!("today = \"{}\"\n", corpus::TODAY),
    )
    .unwrap();
    let mix = corpus::mix(KIND, corpus::SEED, 1500);
    let expected: usize = mix.iter().map(|p| p.findings).sum();
    // A blank line in the middle, to check line numbers across tasks.
    let mut ndjson = String::new();
    for (n, payload) in mix.iter().enumerate() {
        if n == 700 {
            ndjson.push('\n');
        }
        ndjson.push_str(&corpus::one_line(&payload.text));
        ndjson.push('\n');
    }
    std::fs::write(dir.path().join("a.ndjson"), &ndjson).unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    for (n, payload) in mix.iter().take(300).enumerate() {
        std::fs::write(files.join(format!("{n:04}.json")), &payload.text).unwrap();
    }
    let expected_files: usize = mix.iter().take(300).map(|p| p.findings).sum();

    let (code, short) = run(
        dir.path(),
        &["--format", "short", "a.ndjson", "files", "b.ndjson"],
    );
    assert_eq!(code, 2, "b.ndjson is missing");
    let lines = places(&short, "a.ndjson");
    assert_eq!(lines.len(), expected);
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "in file order");
    let invalid_lines: Vec<usize> = mix
        .iter()
        .enumerate()
        .filter(|(_, p)| p.findings > 0)
        .map(|(n, _)| if n >= 700 { n + 2 } else { n + 1 })
        .collect();
    let mut found_lines: Vec<usize> = lines.iter().map(|&(l, _)| l).collect();
    found_lines.dedup();
    assert_eq!(found_lines, invalid_lines);
    let file_findings: Vec<&str> = short
        .lines()
        .filter(|l| l.starts_with("files/"))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(file_findings.len(), expected_files);
    assert!(
        file_findings.windows(2).all(|w| w[0] <= w[1]),
        "files in order"
    );
    let a = short.find("a.ndjson:").unwrap();
    let f = short.find("files/").unwrap();
    let b = short.find("b.ndjson: error[io]").unwrap();
    assert!(a < f && f < b, "inputs in the order given");

    // The formats that gather a file's findings agree with the one that streams them.
    let (_, json) = run(
        dir.path(),
        &["--format", "json", "a.ndjson", "files", "b.ndjson"],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let reported = &json["files"][0];
    assert_eq!(reported["path"], "a.ndjson");
    assert_eq!(reported["kind"], "get-response");
    let diagnostics = reported["diagnostics"].as_array().unwrap();
    let json_lines: Vec<(usize, usize)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(json_lines, lines);
    assert_eq!(json["files"].as_array().unwrap().len(), 1 + 300 + 1);
    assert_eq!(json["files"][301]["path"], "b.ndjson");
    let summary = &json["summary"];
    let total = summary["errors"].as_u64().unwrap()
        + summary["warnings"].as_u64().unwrap()
        + summary["infos"].as_u64().unwrap();
    assert_eq!(total as usize, expected + expected_files);

    let (_, github) = run(dir.path(), &["--format", "github", "a.ndjson"]);
    assert_eq!(github.lines().count(), expected);
    let (_, human) = run(dir.path(), &["--format", "human", "a.ndjson"]);
    let (_, alone) = run(dir.path(), &["--format", "json", "a.ndjson"]);
    let alone: serde_json::Value = serde_json::from_str(&alone).unwrap();
    let count = |key: &str, word: &str| {
        let n = alone["summary"][key].as_u64().unwrap();
        format!("{n} {word}{}", if n == 1 { "" } else { "s" })
    };
    let last = format!(
        "1 file checked: {}, {}, {}\n",
        count("errors", "error"),
        count("warnings", "warning"),
        count("infos", "info")
    );
    assert!(human.ends_with(&last), "{}", &human[human.len() - 200..]);
    let headers = human.lines().filter(|l| l.starts_with("A4P")).count();
    assert_eq!(headers, expected);
}

#[test]
fn the_same_run_on_one_thread_writes_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("api4p-lint.toml"),
        format!("today = \"{}\"\n", corpus::TODAY),
    )
    .unwrap();
    let ndjson: String = corpus::mix(KIND, corpus::SEED, 600)
        .iter()
        .map(|p| corpus::one_line(&p.text) + "\n")
        .collect();
    std::fs::write(dir.path().join("a.ndjson"), ndjson).unwrap();
    for format in ["short", "json", "sarif", "junit", "github", "human"] {
        let outputs: Vec<Vec<u8>> = ["1", "2", "3"]
            .iter()
            .map(|threads| {
                lint(dir.path())
                    .env("RAYON_NUM_THREADS", threads)
                    .args(["check", "--kind", "get-response", "--color", "never"])
                    .args(["--format", format, "a.ndjson"])
                    .output()
                    .unwrap()
                    .stdout
            })
            .collect();
        assert!(!outputs[0].is_empty(), "{format}");
        assert_eq!(outputs[0], outputs[1], "{format}");
        assert_eq!(outputs[0], outputs[2], "{format}");
    }
}
