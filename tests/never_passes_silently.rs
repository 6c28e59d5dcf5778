//! A gate CI can trust: what could not be checked never passes, whatever the command line
//! selects, and the limits and input forms mean what they say.
//!
//! Each test runs the binary as CI does and pins the exit code and what is reported.

mod common;

use std::fs;
use std::path::Path;

use common::run;
use serde_json::Value;

/// Writes `files` into a fresh folder.
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// `check --format json` in `dir`: the exit code, and (path, code, line) of every finding.
fn findings(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> (i32, Vec<(String, String, u64)>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(dir, &all, stdin);
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!("not JSON ({e}): {stdout:?}, stderr {stderr:?}");
    });
    let mut found = Vec::new();
    for file in json["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().into_iter().flatten() {
            found.push((
                file["path"].as_str().unwrap().to_owned(),
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            ));
        }
    }
    (code, found)
}

fn f(path: &str, code: &str, line: u64) -> (String, String, u64) {
    (path.to_owned(), code.to_owned(), line)
}

const CREATE: &[u8] =
    br#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;

fn unreadable_payloads() -> tempfile::TempDir {
    folder(&[
        ("garbage.json", b"garbage"),
        ("empty.json", b""),
        ("latin1.json", b"{\"name\": \"Soci\xe9t\xe9\"}"),
        ("export.ndjson", b"{\"a\": 1}\nnot json\n"),
    ])
}

#[test]
fn selecting_other_rules_never_passes_a_payload_that_could_not_be_read() {
    let dir = unreadable_payloads();
    let paths = ["garbage.json", "empty.json", "latin1.json", "export.ndjson"];
    for selection in [
        &["--select", "A4P101"][..],
        &["--select", "enum-value,A4P2"],
        &["--ignore", "A4P0"],
        &["--ignore", "A4P00"],
        &["--select", "A4P002"],
    ] {
        let args: Vec<&str> = selection.iter().chain(&paths).copied().collect();
        let (code, found) = findings(dir.path(), &args, None);
        assert_eq!(code, 1, "{selection:?}");
        assert_eq!(
            found,
            [
                f("garbage.json", "A4P001", 1),
                f("empty.json", "A4P001", 1),
                f("latin1.json", "A4P003", 1),
                // The first line is JSON of no known kind: not checked either.
                f("export.ndjson", "A4P004", 1),
                f("export.ndjson", "A4P001", 2),
            ],
            "{selection:?}"
        );
    }
}

#[test]
fn a_payload_over_the_limit_is_reported_whatever_is_selected() {
    let dir = folder(&[
        ("api4p-lint.toml", b"[limits]\nmax-payload-bytes = 10\n"),
        ("big.json", CREATE),
    ]);
    let (code, found) = findings(dir.path(), &["--select", "A4P101", "big.json"], None);
    assert_eq!((code, found), (1, vec![f("big.json", "A4P005", 1)]));
}

#[test]
fn ignoring_by_name_or_code_a_rule_that_says_a_payload_was_not_checked_is_a_usage_error() {
    let dir = unreadable_payloads();
    for (selector, message) in [
        (
            "invalid-json",
            "error: A4P001 invalid-json cannot be ignored: a payload that was not checked never \
             passes\n",
        ),
        (
            "a4p003",
            "error: A4P003 invalid-encoding cannot be ignored: a payload that was not checked \
             never passes\n",
        ),
        (
            "A4P005",
            "error: A4P005 payload-too-large cannot be ignored: a payload that was not checked \
             never passes\n",
        ),
        (
            "unknown-kind",
            "error: A4P004 unknown-kind cannot be ignored: a payload that was not checked never \
             passes (set its level for the files it concerns in api4p-lint.toml)\n",
        ),
    ] {
        let (code, stdout, stderr) = run(
            dir.path(),
            &["check", "--ignore", selector, "garbage.json"],
            None,
        );
        // A usage problem is reported in the chosen format (short here), on stdout.
        assert_eq!((code, stdout.as_str(), stderr.as_str()), (2, message, ""));
    }
}

#[test]
fn an_empty_selector_is_a_usage_error() {
    let dir = unreadable_payloads();
    for args in [
        &["--ignore="][..],
        &["--ignore", ""],
        &["--ignore=,"],
        &["--ignore", " "],
        &["--select="],
        &["--select", "A4P101,"],
    ] {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        all.push("-");
        let (code, stdout, stderr) = run(dir.path(), &all, Some(b"not json"));
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (
                2,
                "error: an empty rule selector in --select or --ignore would match every rule; \
                 name a code, a code prefix such as `A4P1`, or a rule name\n",
                "",
            ),
            "{args:?}"
        );
    }
}

#[test]
fn the_configuration_cannot_turn_off_what_says_a_payload_could_not_be_read() {
    // The library keeps them errors whatever is set...
    let mut config = api4p_lint::Config::default();
    for rule in [
        &api4p_lint::rules::syntax::invalid_json::INVALID_JSON,
        &api4p_lint::rules::syntax::invalid_encoding::INVALID_ENCODING,
        &api4p_lint::rules::syntax::payload_too_large::PAYLOAD_TOO_LARGE,
    ] {
        let refused = config
            .set_level(rule, api4p_lint::config::Level::Off)
            .unwrap_err();
        assert!(
            refused.to_string().contains("is always an error"),
            "{refused}"
        );
        assert_eq!(
            config.level(rule, Some("x.json")),
            api4p_lint::config::Level::On(api4p_lint::Severity::Error)
        );
    }
    let report = api4p_lint::Linter::with_config(config).check_str("nope", None);
    assert_eq!(common::codes(&report), ["A4P001"]);
    // ...and the file says so (tests/specs/A4P901-invalid-config has the wording).
    let dir = folder(&[
        ("api4p-lint.toml", b"[rules]\ninvalid-json = \"off\"\n"),
        ("garbage.json", b"garbage"),
    ]);
    let (code, stdout, stderr) = run(dir.path(), &["check", "garbage.json"], None);
    let said = format!("{stdout}{stderr}");
    assert_eq!(code, 2, "{said}");
    assert!(
        said.contains("`invalid-json` is always an error: a payload that cannot be read is"),
        "{said}"
    );
}

#[test]
fn the_configuration_may_turn_off_unknown_kind_for_the_files_it_names() {
    let dir = folder(&[
        (
            "api4p-lint.toml",
            b"[[overrides]]\nfiles = [\"tools/**\"]\nrules = { unknown-kind = \"off\" }\n",
        ),
        ("settings.json", b"{\"editor\": 1}"),
    ]);
    fs::create_dir(dir.path().join("tools")).unwrap();
    fs::write(dir.path().join("tools/settings.json"), b"{\"editor\": 1}").unwrap();
    let (code, found) = findings(
        dir.path(),
        &["--select", "A4P101", "tools/settings.json", "settings.json"],
        None,
    );
    assert_eq!((code, found), (1, vec![f("settings.json", "A4P004", 1)]));
    let (code, found) = findings(dir.path(), &["tools/settings.json"], None);
    assert_eq!((code, found), (0, vec![]));
}

/// The library never applies overrides (tests/config.rs); the command line applies them to
/// the files it checks, a glob for every file included.
#[test]
fn an_override_for_every_file_turns_off_unknown_kind_on_the_command_line() {
    let dir = folder(&[
        (
            "api4p-lint.toml",
            b"[[overrides]]\nfiles = [\"**\"]\nrules = { A4P004 = \"off\" }\n",
        ),
        ("settings.json", b"{\"editor\": 1}"),
        ("payload", b"{\"editor\": 1}"),
    ]);
    let (code, found) = findings(dir.path(), &["settings.json", "payload"], None);
    assert_eq!((code, found), (0, vec![]));
}

/// `wrong-type` lowered in the configuration does not pass a root that is no object: with a
/// kind given, it is `unknown-kind` too.
#[test]
fn a_root_that_is_no_object_fails_with_wrong_type_lowered() {
    for level in ["off", "info"] {
        let config = format!("[rules]\nwrong-type = {level:?}\n");
        let dir = folder(&[
            ("api4p-lint.toml", config.as_bytes()),
            ("list.json", b"[{\"leadOpportunity\": {}}]"),
            ("null.json", b"null"),
        ]);
        let (code, found) = findings(
            dir.path(),
            &["--kind", "update-request", "list.json", "null.json"],
            None,
        );
        assert_eq!(
            (code, found),
            (
                1,
                vec![f("list.json", "A4P004", 1), f("null.json", "A4P004", 1)]
            ),
            "{level}"
        );
    }
}

#[test]
fn a_limit_outside_its_range_is_a_configuration_error_not_a_wrap_around() {
    for limit in [
        "0",
        "-1",
        "18446744073709551615",
        "1073741825",
        "1.5",
        "\"10\"",
    ] {
        let config = format!("[limits]\nmax-payload-bytes = {limit}\n");
        let dir = folder(&[
            ("api4p-lint.toml", config.as_bytes()),
            ("lead.json", CREATE),
            ("export.ndjson", b"nope\n{}\n"),
        ]);
        let (code, stdout, stderr) = run(dir.path(), &["check", "--format", "short", "."], None);
        let said = format!("{stdout}{stderr}");
        assert_eq!(code, 2, "{limit}: {said}");
        assert!(
            said.contains("`max-payload-bytes` must be a whole number of bytes from 1 to"),
            "{limit}: {said}"
        );
        // The configuration stops the run: no payload is reported on.
        assert!(
            !said.contains("lead.json") && !said.contains("export.ndjson"),
            "{said}"
        );
    }
}

#[test]
fn an_ndjson_line_break_is_not_part_of_the_line_size() {
    // Lines of exactly the limit, and one byte over, with LF and CRLF line breaks.
    let at_limit = format!(
        "{{\"leadOpportunity\": {{\"status\": \"{}\"}}}}",
        "W".repeat(60)
    );
    let over = format!(
        "{{\"leadOpportunity\": {{\"status\": \"{}\"}}}}",
        "W".repeat(61)
    );
    let limit = at_limit.len();
    let text = format!("{at_limit}\n{at_limit}\r\n{over}\n{over}\r\n{at_limit}");
    let config = format!("[limits]\nmax-payload-bytes = {limit}\n");
    let dir = folder(&[
        ("api4p-lint.toml", config.as_bytes()),
        ("export.ndjson", text.as_bytes()),
    ]);
    let (code, found) = findings(
        dir.path(),
        &[
            "--kind",
            "update-request",
            "--select",
            "A4P0",
            "export.ndjson",
        ],
        None,
    );
    assert_eq!(
        (code, found),
        (
            1,
            vec![
                f("export.ndjson", "A4P005", 3),
                f("export.ndjson", "A4P005", 4)
            ]
        )
    );
    let (_, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "--kind",
            "update-request",
            "--format",
            "short",
            "export.ndjson",
        ],
        None,
    );
    let over_size = over.len();
    assert_eq!(
        stdout
            .matches(&format!(
                "the payload is {over_size} bytes, over the limit of {limit} bytes"
            ))
            .count(),
        2,
        "{stdout}"
    );
}

/// An update request without findings.
const UPDATE: &str = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}}"#;

#[test]
fn an_ndjson_input_without_a_payload_fails() {
    // An empty `.json` file is an A4P001; an NDJSON file, or standard input named as one,
    // holding no payload line fails the same way. Blank lines between payloads stay allowed.
    let dir = folder(&[
        ("empty.ndjson", b""),
        ("blank.ndjson", b"\n \n"),
        ("blank.jsonl", b"\r\n\t\r\n"),
        (
            "spaced.ndjson",
            format!("\n{UPDATE}\n\n \n{UPDATE}\n\n").as_bytes(),
        ),
    ]);
    let said =
        |why: &str| format!("error[A4P001]: invalid JSON: the NDJSON file holds no payload: {why}");
    for (args, stdin, expected) in [
        (
            &["empty.ndjson"][..],
            None,
            format!("empty.ndjson:1:1: {}\n", said("it is empty")),
        ),
        (
            &["blank.ndjson"],
            None,
            format!("blank.ndjson:1:1: {}\n", said("its lines are blank")),
        ),
        (
            &["blank.jsonl"],
            None,
            format!("blank.jsonl:1:1: {}\n", said("its lines are blank")),
        ),
        (
            &["--stdin-filename", "x.ndjson", "-"],
            Some(&b""[..]),
            format!("x.ndjson:1:1: {}\n", said("it is empty")),
        ),
        (
            &["--stdin-filename", "x.ndjson", "-"],
            Some(b"\n\n"),
            format!("x.ndjson:1:1: {}\n", said("its lines are blank")),
        ),
    ] {
        let all = [
            &["check", "--format", "short", "--kind", "update-request"][..],
            args,
        ]
        .concat();
        let (code, stdout, stderr) = run(dir.path(), &all, stdin);
        assert_eq!(
            (code, stdout, stderr),
            (1, expected, String::new()),
            "{args:?}"
        );
    }
    let (code, found) = findings(
        dir.path(),
        &["--kind", "update-request", "spaced.ndjson"],
        None,
    );
    assert_eq!((code, found), (0, vec![]));
    // In JSON: the file holds no payload, and one finding says so.
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "--format", "json", "empty.ndjson"],
        None,
    );
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["files"][0]["diagnostics"][0]["code"], "A4P001");
    assert_eq!(
        report["files"][0]["diagnostics"].as_array().unwrap().len(),
        1
    );
    assert_eq!(report["summary"]["errors"], 1);
}

#[test]
fn ndjson_piped_to_standard_input_is_read_one_payload_per_line() {
    let dir = folder(&[]);
    let export =
        b"{\"leadOpportunity\": {\"status\": \"WONN\"}}\n\n{\"leadOpportunity\": {}}\nnot json\r\n";
    let (code, found) = findings(dir.path(), &["--kind", "update-request", "-"], Some(export));
    assert_eq!(
        (code, found),
        (
            1,
            vec![
                f("<stdin>", "A4P102", 1),
                f("<stdin>", "A4P101", 1),
                f("<stdin>", "A4P102", 3),
                f("<stdin>", "A4P001", 4),
            ]
        )
    );
}

/// A Windows export starts with a BOM; a first line of exactly the size limit, followed by
/// its `\n` or `\r\n`, fits (the review saw both read as one payload, and nothing checked).
#[test]
fn ndjson_piped_with_a_bom_or_a_first_line_at_the_limit_is_still_ndjson() {
    let line = br#"{"leadOpportunity": {"partnerLeadOpportunityId": "X", "status": "WONN"}}"#;
    let dir = folder(&[]);
    for export in [
        [&b"\xef\xbb\xbf"[..], line, b"\n", line, b"\n"].concat(),
        [&b"\xef\xbb\xbf"[..], line, b"\r\n", line, b"\r\n"].concat(),
    ] {
        let (code, found) = findings(
            dir.path(),
            &["--kind", "update-request", "-"],
            Some(&export),
        );
        assert_eq!(
            (code, found),
            (
                1,
                vec![f("<stdin>", "A4P101", 1), f("<stdin>", "A4P101", 2)]
            ),
            "{:?}",
            String::from_utf8_lossy(&export)
        );
    }
    let limit = line.len();
    let config = format!("[limits]\nmax-payload-bytes = {limit}\n");
    let dir = folder(&[("api4p-lint.toml", config.as_bytes())]);
    for (name, export) in [
        ("LF", [line, &b"\n"[..], line, b"\n"].concat()),
        ("CRLF", [line, &b"\r\n"[..], line, b"\r\n"].concat()),
        ("no final break", [line, &b"\n"[..], line].concat()),
    ] {
        let (code, found) = findings(
            dir.path(),
            &["--kind", "update-request", "-"],
            Some(&export),
        );
        assert_eq!(
            (code, found),
            (
                1,
                vec![f("<stdin>", "A4P101", 1), f("<stdin>", "A4P101", 2)]
            ),
            "{name}"
        );
    }
    // One byte more is over the limit, at its line; the next line is still checked.
    let longer = [&b" "[..], line].concat();
    let (code, found) = findings(
        dir.path(),
        &["--kind", "update-request", "-"],
        Some(&[line, &b"\n"[..], &longer, b"\n", line, b"\n"].concat()),
    );
    assert_eq!(
        (code, found),
        (
            1,
            vec![
                f("<stdin>", "A4P101", 1),
                f("<stdin>", "A4P005", 2),
                f("<stdin>", "A4P101", 3)
            ]
        )
    );
}

/// A line of an NDJSON file that holds two values is told as a line, not as a file: records
/// parted by a lone CR (an editor shows two lines), or written on one line.
#[test]
fn two_values_on_one_ndjson_line_are_explained_as_a_line() {
    let line = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "X", "status": "WON"}}"#;
    let dir = folder(&[
        ("cr.ndjson", format!("{line}\r{line}\n{line}\n").as_bytes()),
        ("glued.ndjson", format!("{line}{line}\n").as_bytes()),
    ]);
    for (name, help) in [
        (
            "cr.ndjson",
            "a lone carriage return (\\r) does not end an NDJSON line: end each payload's line \
             with \\n (or \\r\\n)",
        ),
        (
            "glued.ndjson",
            "an NDJSON line holds one payload: put each payload on a line of its own",
        ),
    ] {
        let (code, stdout, _) = run(
            dir.path(),
            &[
                "check",
                "--kind",
                "update-request",
                "--format",
                "json",
                name,
            ],
            None,
        );
        let json: Value = serde_json::from_str(&stdout).unwrap();
        let d = &json["files"][0]["diagnostics"][0];
        assert_eq!(code, 1, "{name}");
        assert_eq!(d["code"], "A4P001", "{name}");
        assert_eq!(d["help"], help, "{name}");
        assert_eq!(
            json["files"][0]["diagnostics"].as_array().unwrap().len(),
            1,
            "{name}"
        );
    }
}

#[test]
fn standard_input_holding_one_payload_stays_one_payload() {
    let dir = folder(&[]);
    for (text, expected) in [
        // Pretty-printed: the first line is not a whole value.
        (
            &b"{\n  \"leadOpportunity\": {\"status\": \"WONN\"}\n}\n"[..],
            vec![f("<stdin>", "A4P102", 2), f("<stdin>", "A4P101", 2)],
        ),
        // One line, and only whitespace after it.
        (
            b"{\"leadOpportunity\": {\"status\": \"WONN\"}}\n \n\n",
            vec![f("<stdin>", "A4P102", 1), f("<stdin>", "A4P101", 1)],
        ),
        // Two values on the first line: not NDJSON.
        (b"{}{}\n{}\n", vec![f("<stdin>", "A4P001", 1)]),
    ] {
        let (code, found) = findings(dir.path(), &["--kind", "update-request", "-"], Some(text));
        assert_eq!(
            (code, found),
            (1, expected),
            "{:?}",
            String::from_utf8_lossy(text)
        );
    }
    // When the first line does not parse, the finding says how to pass one payload per line.
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "--format", "json", "-"],
        Some(b"{\"a\": 1}}\n{\"a\": 2}\n"),
    );
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let d = &json["files"][0]["diagnostics"][0];
    assert_eq!(code, 1);
    assert_eq!(
        d["message"],
        "invalid JSON: more text after the end of the JSON value"
    );
    assert_eq!(
        d["help"],
        "a .json file holds one payload; for one payload per line, name the file .ndjson (on \
         standard input: --stdin-filename payloads.ndjson)"
    );
}

#[test]
fn text_that_is_not_json_is_described_in_plain_words() {
    let (code, stdout, _) = run(
        Path::new("."),
        &["check", "--format", "json", "-"],
        Some(b"this is not json"),
    );
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let d = &json["files"][0]["diagnostics"][0];
    assert_eq!(code, 1);
    assert_eq!(
        (
            &d["code"],
            &d["message"],
            &d["span"]["offset"],
            &d["span"]["length"]
        ),
        (
            &Value::from("A4P001"),
            &Value::from("invalid JSON: `this` is not a JSON value"),
            &Value::from(0),
            &Value::from(4)
        )
    );
    assert_eq!(
        d["help"],
        "strings are written in double quotes (\"text\"); the only words JSON writes without \
         quotes are true, false and null, in lower case"
    );
}
