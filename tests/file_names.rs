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

#[test]
fn names_that_are_not_utf8_can_be_named_on_the_command_line() {
    // A pre-commit hook passes every file a commit touches: a name that is not UTF-8 is a
    // path like any other, shown as a walk shows it, whether it is there or not.
    let dir = folder();
    let mut args: Vec<&OsStr> = ["check", "--format", "short"].map(OsStr::new).to_vec();
    args.extend(FILES.iter().map(|(name, _, _)| OsStr::from_bytes(name)));
    args.push(OsStr::from_bytes(b"gone\xfe.json"));
    let out = common::lint(dir.path()).args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = stdout
        .lines()
        .map(|line| without_line_column(line.split_once(": error[").unwrap().0))
        .collect();
    let mut shown: Vec<&str> = FILES.iter().map(|(_, shown, _)| *shown).collect();
    shown.push("gone\\xFE.json");
    assert_eq!(names, shown);
    assert!(
        stdout.ends_with("gone\\xFE.json: error[io]: No such file or directory (os error 2)\n"),
        "{stdout}"
    );
    // In SARIF, by its real bytes.
    let out = common::lint(dir.path())
        .args(["check", "--format", "sarif"])
        .arg(OsStr::from_bytes(b"c\xfe.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"],
        "c%FE.json"
    );
}

#[test]
fn bidirectional_controls_in_names_are_escaped() {
    // After U+202E a terminal shows the rest of the line reversed: `a<U+202E>gpj.json` reads
    // `anosj.jpg`, a name that does not show what it is. Every bidirectional control is
    // escaped, in walked names and named paths alike.
    let dir = tempfile::tempdir().unwrap();
    let names = [
        ("a\u{202e}gpj.json", "a\\u202egpj.json"),
        ("b\u{2066}x\u{2069}.json", "b\\u2066x\\u2069.json"),
        ("c\u{200f}.json", "c\\u200f.json"),
        ("d\u{061c}.json", "d\\u061c.json"),
        // A name that reads like the escape stays apart from it.
        ("a\\u202egpj.json", "a\\\\u202egpj.json"),
    ];
    for (name, _) in names {
        std::fs::write(dir.path().join(name), "{").unwrap();
    }
    let mut expected: Vec<String> = names
        .iter()
        .map(|(_, shown)| format!("{shown}:1:2"))
        .collect();
    expected.sort();
    for args in [vec!["check", "--format", "short"], {
        let mut named = vec!["check", "--format", "short"];
        named.extend(names.iter().map(|(name, _)| *name));
        named.push("gone\u{202e}.json");
        named
    }] {
        let (code, stdout, _) = run(dir.path(), &args, None);
        assert!(code >= 1, "{stdout}");
        assert!(
            !stdout.contains(['\u{202e}', '\u{2066}', '\u{2069}', '\u{200f}', '\u{061c}']),
            "{stdout}"
        );
        let mut places: Vec<String> = stdout
            .lines()
            .map(|line| line.split_once(": error[").unwrap().0.to_owned())
            .filter(|place| !place.starts_with("gone"))
            .collect();
        places.sort();
        assert_eq!(places, expected);
        if args.len() > 3 {
            assert!(stdout.contains("gone\\u202e.json: error[io]"), "{stdout}");
        }
    }
}
