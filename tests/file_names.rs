//! File names as reports show them: two files never show the same name in any format, and
//! SARIF names each file by its real bytes. Linux allows any byte in a name but `/` and NUL:
//! bytes that are not UTF-8 show as `\xFE`, control characters as `\u000a`, and so a
//! backslash as `\\`; SARIF URIs percent-encode the bytes themselves (`c%FE.json`, `a%0Ab.json`).
#![cfg(unix)]

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use common::run;

/// The files (as bytes), each one invalid payload, and how every format names them.
const FILES: [(&[u8], &str, &str); 5] = [
    (b"a\nb.json", "a\\u000ab.json", "a%0Ab.json"),
    // Backslash, x, F, E: a name of plain characters that reads like the escape below.
    (b"c\\xFE.json", "c\\\\xFE.json", "c%5CxFE.json"),
    (b"c\xfe.json", "c\\xFE.json", "c%FE.json"),
    (b"c\xff.json", "c\\xFF.json", "c%FF.json"),
    // Streamed line by line: the name travels with the file's parts.
    (b"d\xfe.ndjson", "d\\xFE.ndjson", "d%FE.ndjson"),
];

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, _, _) in FILES {
        std::fs::write(dir.path().join(OsStr::from_bytes(name)), "{\n").unwrap();
    }
    // The files are there under their exact bytes.
    let mut names: Vec<Vec<u8>> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().as_bytes().to_vec())
        .collect();
    names.sort();
    assert_eq!(names, FILES.map(|(name, _, _)| name.to_vec()));
    dir
}

/// `name` of `name:line:column`.
fn without_line_column(place: &str) -> &str {
    place.rsplitn(3, ':').last().unwrap()
}

fn check(dir: &Path, format: &str) -> String {
    let (code, stdout, stderr) = run(dir, &["check", "--format", format], None);
    assert_eq!((code, stderr.as_str()), (1, ""), "{format}: {stdout}");
    stdout
}

#[test]
fn every_format_keeps_file_names_apart() {
    let dir = folder();
    let shown: Vec<&str> = FILES.iter().map(|(_, shown, _)| *shown).collect();

    let short = check(dir.path(), "short");
    let names: Vec<&str> = short
        .lines()
        .map(|line| without_line_column(line.split_once(": error[").unwrap().0))
        .collect();
    assert_eq!(names, shown);

    let json: serde_json::Value = serde_json::from_str(&check(dir.path(), "json")).unwrap();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, shown);

    let sarif: serde_json::Value = serde_json::from_str(&check(dir.path(), "sarif")).unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, FILES.map(|(_, _, uri)| uri));

    let human = check(dir.path(), "human");
    let frames: Vec<&str> = human
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("╭─["))
        .map(|rest| without_line_column(rest.strip_suffix(']').unwrap()))
        .collect();
    assert_eq!(frames, shown);

    let github = check(dir.path(), "github");
    let files: Vec<&str> = github
        .lines()
        .map(|line| {
            let rest = line.strip_prefix("::error file=").unwrap();
            rest.split_once(",line=").unwrap().0
        })
        .collect();
    assert_eq!(files, shown);

    let junit = check(dir.path(), "junit");
    let cases: Vec<&str> = junit
        .lines()
        .filter_map(|line| {
            line.trim_start()
                .strip_prefix("<testcase classname=\"api4p-lint\" name=\"")
        })
        .map(|rest| rest.split_once('"').unwrap().0)
        .collect();
    assert_eq!(cases, shown);

    for (format, out) in [
        ("short", short),
        ("human", human),
        ("github", github),
        ("junit", junit),
    ] {
        insta::assert_snapshot!(format!("names_{format}"), out);
    }
}
