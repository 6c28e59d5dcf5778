//! The command line, tested as other programs use it: exit codes, every format, stdin,
//! NDJSON line numbers, missing files, ambiguous kinds, the JSON contract.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{fixtures, run};

fn mixed() -> PathBuf {
    fixtures().join("cli/mixed")
}

fn transcript(code: i32, stdout: &str, stderr: &str) -> String {
    format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}")
}

#[test]
fn every_format_over_a_mixed_folder() {
    for format in crate::common::FORMATS {
        let (code, mut stdout, stderr) = run(&mixed(), &["check", "--format", format], None);
        assert_eq!(code, 1, "{format}: {stderr}");
        if format == "sarif" {
            // The rules' docs and the tool version are tested in tests/formats.rs; here, what
            // this run found.
            let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            let run = &log["runs"][0];
            stdout = serde_json::to_string_pretty(&serde_json::json!({
                "results": run["results"],
                "invocations": run["invocations"],
            }))
            .unwrap()
                + "\n";
        }
        insta::assert_snapshot!(
            format!("mixed_{format}"),
            transcript(code, &stdout, &stderr)
        );
    }
}

#[test]
fn json_output_is_exactly_the_version_1_contract() {
    let (code, stdout, _) = run(&mixed(), &["check", "--format", "json"], None);
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let mut top = keys(&value);
    top.sort();
    assert_eq!(top, ["files", "summary", "version"]);
    assert_eq!(value["version"], 1);
    let files = value["files"].as_array().unwrap();
    let paths: Vec<_> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "exports.ndjson",
            "get-response.json",
            "requests/lead.create.json",
            "requests/status.update.json"
        ]
    );
    let mut errors = 0;
    for file in files {
        let mut fk = keys(file);
        fk.sort();
        assert_eq!(fk, ["diagnostics", "kind", "path"]);
        let text = std::fs::read_to_string(mixed().join(file["path"].as_str().unwrap())).unwrap();
        for d in file["diagnostics"].as_array().unwrap() {
            let mut dk = keys(d);
            dk.sort();
            assert_eq!(
                dk,
                [
                    "code",
                    "column",
                    "fix",
                    "help",
                    "line",
                    "message",
                    "note",
                    "pointer",
                    "rule",
                    "severity",
                    "span",
                    "suggestion"
                ]
            );
            assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
            errors += usize::from(d["severity"] == "error");
            // The span is a byte range of the file, and line/column agree with it.
            let (offset, length) = (
                d["span"]["offset"].as_u64().unwrap() as usize,
                d["span"]["length"].as_u64().unwrap() as usize,
            );
            let before = &text[..offset];
            assert_eq!(
                d["line"].as_u64().unwrap() as usize,
                before.matches('\n').count() + 1
            );
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(
                d["column"].as_u64().unwrap() as usize,
                text[line_start..offset].chars().count() + 1
            );
            assert!(text.get(offset..offset + length).is_some());
        }
    }
    // The summary's fields, in the contract's order (`unreadable`, `skipped`,
    // `failed_on_warnings`, `fixable` and `unsafe_fixable` were added to version 1).
    let summary = format!(
        r#""summary":{{"files":4,"errors":{errors},"warnings":{},"infos":{},"unreadable":0,"skipped":{{"hidden":0,"excluded":0,"ignored":0,"symlinks":0,"output":0,"reference":0}},"failed_on_warnings":false,"fixable":{},"unsafe_fixable":{}}}}}"#,
        value["summary"]["warnings"],
        value["summary"]["infos"],
        value["summary"]["fixable"],
        value["summary"]["unsafe_fixable"]
    );
    assert!(stdout.ends_with(&format!("{summary}\n")), "{stdout}");
    assert_eq!(files[1]["kind"], "get-response");
    assert_eq!(
        files[1]["diagnostics"].as_array().unwrap().len(),
        0,
        "the seed lints clean"
    );
    assert_eq!(
        files[2]["kind"], "create-request",
        "kind from the config's glob mapping"
    );
}

#[test]
fn the_readme_json_example_is_what_its_command_prints() {
    // The README's "JSON output, version 1": the command it shows, run from the repository's
    // root, "prints exactly this, and exits with 2", byte for byte.
    let readme = std::fs::read_to_string(common::manifest_dir().join("README.md")).unwrap();
    let section = readme
        .split_once("### JSON output, version 1\n")
        .expect("the README's JSON section")
        .1;
    let section = &section[..section.find("\n## ").unwrap()];
    let block = |fence: &str| {
        let start = section.find(fence).unwrap_or_else(|| panic!("{fence}")) + fence.len();
        let end = start + section[start..].find("\n```").unwrap() + 1;
        &section[start..end]
    };
    let command: Vec<&str> = block("```sh\n").trim_end().split(' ').collect();
    assert_eq!(command[..2], ["api4p-lint", "check"]);
    let (code, stdout, stderr) = run(common::manifest_dir(), &command[1..], None);
    assert_eq!((code, stderr.as_str()), (2, ""));
    assert_eq!(stdout, block("```json\n"));
    // The example shows what the contract has: a finding with every field, a note among
    // them, and a file that could not be read, counted apart from the errors.
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        value["files"][0]["diagnostics"][0]["note"],
        "DS rejects a code outside the spec's list with HTTP 400"
    );
    assert_eq!(value["summary"]["unreadable"], 1);
}

#[test]
fn ndjson_findings_carry_the_line_of_the_file() {
    let (code, stdout, _) = run(
        &mixed(),
        &["check", "--format", "short", "exports.ndjson"],
        None,
    );
    assert_eq!(code, 1);
    // The kind came from the lines' shape: said once, before the findings.
    assert!(
        stdout.starts_with("exports.ndjson: note: detected as get-response\nexports.ndjson:4:"),
        "{stdout}"
    );
    let text = std::fs::read_to_string(mixed().join("exports.ndjson")).unwrap();
    let (_, json, _) = run(
        &mixed(),
        &["check", "--format", "json", "exports.ndjson"],
        None,
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let d = &value["files"][0]["diagnostics"][0];
    let offset = d["span"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&text[offset..offset + 6], "\"WONN\"");
}

#[test]
fn exit_codes() {
    let good = fixtures().join("spec/get-response");
    // 0: no errors.
    assert_eq!(
        run(
            &good,
            &["check", "--kind", "get-response", "seed.json"],
            None
        )
        .0,
        0
    );
    // 1: errors.
    assert_eq!(
        run(&mixed(), &["check", "requests/lead.create.json"], None).0,
        1
    );
    // Warnings only: 0, unless denied or over the maximum.
    let warn_only = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}, "customerContact": []}"#;
    let args = [
        "check",
        "--kind",
        "update-request",
        "--format",
        "short",
        "-",
    ];
    assert_eq!(run(&good, &args, Some(warn_only.as_bytes())).0, 0);
    assert_eq!(
        run(
            &good,
            &[&args[..5], &["--deny-warnings", "-"]].concat(),
            Some(warn_only.as_bytes())
        )
        .0,
        1
    );
    assert_eq!(
        run(
            &good,
            &[&args[..5], &["--max-warnings", "0", "-"]].concat(),
            Some(warn_only.as_bytes())
        )
        .0,
        1
    );
    assert_eq!(
        run(
            &good,
            &[&args[..5], &["--max-warnings", "1", "-"]].concat(),
            Some(warn_only.as_bytes())
        )
        .0,
        0
    );
    // 2: usage, configuration, I/O.
    assert_eq!(
        run(&good, &["check", "--kind", "nope", "seed.json"], None).0,
        2
    );
    assert_eq!(
        run(&good, &["check", "--select", "A4P999", "seed.json"], None).0,
        2
    );
    assert_eq!(run(&good, &["frobnicate"], None).0, 2);
}

/// A payload with one warning and no error (A4P103 on `customerContact`), as stdin.
const WARN_ONLY: &str =
    r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}, "customerContact": []}"#;

/// `check` of [`WARN_ONLY`] in `format` with `limit` (warning-limit flags): exit code, stdout.
fn warn_only(format: &str, limit: &[&str]) -> (i32, String) {
    let args = [
        &["check", "--kind", "update-request", "--format", format][..],
        limit,
        &["--stdin-filename", "w.json", "-"],
    ]
    .concat();
    let (code, stdout, stderr) = run(&mixed(), &args, Some(WARN_ONLY.as_bytes()));
    assert_eq!(stderr, "", "{format} {limit:?}");
    (code, stdout)
}

#[test]
fn warnings_that_fail_the_run_say_why_in_every_format() {
    let max = ["--max-warnings", "0"];
    let deny = ["--deny-warnings"];
    let allowed = ["--max-warnings", "1"];
    let why_max = "failed: 1 warning, more than --max-warnings 0";
    let why_deny = "failed: 1 warning with --deny-warnings";
    // human: the summary line.
    let counts = "1 file checked: 0 errors, 1 warning, 0 infos";
    for (limit, code, end) in [
        (&max[..], 1, format!("{counts}; {why_max}\n")),
        (&deny, 1, format!("{counts}; {why_deny}\n")),
        (&allowed, 0, format!("{counts}\n")),
        (&[], 0, format!("{counts}\n")),
    ] {
        let (got, stdout) = warn_only("human", limit);
        assert_eq!(got, code, "{limit:?}");
        assert!(stdout.ends_with(&end), "{limit:?}: {stdout}");
        assert_eq!(stdout.matches("failed").count(), usize::from(code == 1));
    }
    // short: a last line after the findings, as a stopped run's reason.
    let finding = "w.json:1:68: warning[A4P103]: unknown property `customerContact` in an \
                   update-request\n";
    for (limit, code, stdout) in [
        (&max[..], 1, format!("{finding}error: {why_max}\n")),
        (&deny, 1, format!("{finding}error: {why_deny}\n")),
        (&allowed, 0, finding.to_owned()),
    ] {
        assert_eq!(warn_only("short", limit), (code, stdout), "{limit:?}");
    }
    // github: an error annotation on the run, after the warning's.
    for (limit, code, last) in [
        (
            &max[..],
            1,
            Some(format!("::error title=api4p-lint::{why_max}")),
        ),
        (
            &deny,
            1,
            Some(format!("::error title=api4p-lint::{why_deny}")),
        ),
        (&allowed, 0, None),
    ] {
        let (got, stdout) = warn_only("github", limit);
        assert_eq!(got, code, "{limit:?}");
        let lines: Vec<&str> = stdout.lines().collect();
        assert!(lines[0].starts_with("::warning file=w.json,"), "{stdout}");
        assert_eq!(lines.get(1).copied(), last.as_deref(), "{limit:?}");
        assert_eq!(lines.len(), 1 + usize::from(code == 1));
    }
    // json: summary.failed_on_warnings, always present.
    for (limit, code, failed) in [(&max[..], 1, true), (&deny, 1, true), (&allowed, 0, false)] {
        let (got, stdout) = warn_only("json", limit);
        assert_eq!(got, code, "{limit:?}");
        let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(value["summary"]["warnings"], 1);
        assert_eq!(value["summary"]["errors"], 0);
        assert_eq!(value["summary"]["failed_on_warnings"], failed, "{limit:?}");
    }
    // sarif: the invocation succeeded (the tool did its work) with an error notification.
    for (limit, code, invocation) in [
        (
            &max[..],
            1,
            serde_json::json!({"executionSuccessful": true, "toolExecutionNotifications":
                [{"level": "error", "message": {"text": why_max}}]}),
        ),
        (
            &deny,
            1,
            serde_json::json!({"executionSuccessful": true, "toolExecutionNotifications":
                [{"level": "error", "message": {"text": why_deny}}]}),
        ),
        (
            &allowed,
            0,
            serde_json::json!({"executionSuccessful": true}),
        ),
    ] {
        let (got, stdout) = warn_only("sarif", limit);
        assert_eq!(got, code, "{limit:?}");
        let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(
            log["runs"][0]["invocations"],
            serde_json::json!([invocation])
        );
        assert_eq!(log["runs"][0]["results"][0]["level"], "warning");
    }
    // junit: the suite fails with the run, in a test case of its own.
    let (code, stdout) = warn_only("junit", &max);
    assert_eq!(code, 1);
    assert!(
        stdout.contains(
            "<testsuite name=\"api4p-lint\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "    <testcase classname=\"api4p-lint\" name=\"api4p-lint check\">\n      \
             <failure message=\"{why_max}\" type=\"warnings\">{why_max}</failure>\n    \
             </testcase>\n"
        )),
        "{stdout}"
    );
    let (code, stdout) = warn_only("junit", &allowed);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">"),
        "{stdout}"
    );
    assert!(!stdout.contains("api4p-lint check"), "{stdout}");
}

#[test]
fn warnings_over_the_limit_are_reported_beside_errors() {
    // `requests/lead.create.json` has errors and warnings: the warnings fail the run too.
    let (code, stdout, _) = run(
        &mixed(),
        &[
            "check",
            "--format",
            "json",
            "--deny-warnings",
            "requests/lead.create.json",
        ],
        None,
    );
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(value["summary"]["errors"].as_u64().unwrap() > 0, "{stdout}");
    assert!(
        value["summary"]["warnings"].as_u64().unwrap() > 0,
        "{stdout}"
    );
    assert_eq!(value["summary"]["failed_on_warnings"], true);
}

#[test]
fn a_missing_file_is_reported_and_the_others_are_still_checked() {
    let (code, stdout, stderr) = run(
        &mixed(),
        &[
            "check",
            "--format",
            "short",
            "get-response.json",
            "missing.json",
            "requests/lead.create.json",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(stdout.contains("missing.json: error[io]:"), "{stdout}");
    assert!(
        stdout.contains("requests/lead.create.json:6:15: error[A4P101]"),
        "{stdout}"
    );
    insta::assert_snapshot!(transcript(code, &stdout, &stderr));
    let (code, json, _) = run(
        &mixed(),
        &[
            "check",
            "--format",
            "json",
            "missing.json",
            "get-response.json",
        ],
        None,
    );
    assert_eq!(code, 2);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(value["files"][0]["error"].is_string());
    assert!(value["files"][0].get("diagnostics").is_none());
    assert_eq!(
        value["files"][1]["diagnostics"].as_array().unwrap().len(),
        0
    );
}

#[test]
fn stdin_is_read_with_dash() {
    let text = std::fs::read_to_string(mixed().join("requests/lead.create.json")).unwrap();
    let (code, stdout, _) = run(
        &fixtures(),
        &[
            "check",
            "--kind",
            "create-request",
            "--format",
            "short",
            "-",
        ],
        Some(text.as_bytes()),
    );
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("<stdin>:6:15: error[A4P101]"),
        "{stdout}"
    );
    let ndjson = std::fs::read_to_string(mixed().join("exports.ndjson")).unwrap();
    let (code, stdout, _) = run(
        &fixtures(),
        &[
            "check",
            "--stdin-filename",
            "export.ndjson",
            "--format",
            "short",
            "-",
        ],
        Some(ndjson.as_bytes()),
    );
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("export.ndjson: note: detected as get-response\nexport.ndjson:4:"),
        "{stdout}"
    );
}

#[test]
fn an_ambiguous_kind_says_how_to_choose() {
    let dir = fixtures().join("spec/update-request");
    let (code, stdout, stderr) = run(
        &dir,
        &["check", "--format", "human", "updateLeadStatus.json"],
        None,
    );
    assert_eq!(code, 1);
    assert!(stdout.contains("--kind create-request"), "{stdout}");
    insta::assert_snapshot!(transcript(code, &stdout, &stderr));
}

#[test]
fn select_and_ignore() {
    // The file's findings, unfiltered: A4P101 (three times), A4P106, A4P104, A4P102 and the
    // warning A4P103, in this order.
    let all = [
        "A4P101", "A4P101", "A4P106", "A4P104", "A4P101", "A4P102", "A4P103",
    ];
    for (selection, expected, exit) in [
        (&[][..], &all[..], 1),
        // A code prefix: every A4P10x finding, no other.
        (&["--select", "A4P10"], &all, 1),
        // Prefixes are not case-sensitive.
        (&["--select", "a4p10"], &all, 1),
        (&["--select", "A4P101"], &["A4P101"; 3], 1),
        (&["--select", "wrong-type,A4P102"], &["A4P104", "A4P102"], 1),
        (
            &["--ignore", "enum-value,A4P103"],
            &["A4P106", "A4P104", "A4P102"],
            1,
        ),
        // The warning alone: exit 0.
        (&["--select", "A4P103"], &["A4P103"], 0),
        // Nothing selected fires: no output at all, exit 0.
        (&["--select", "A4P2"], &[], 0),
        (&["--ignore", "A4P1"], &[], 0),
        (&["--select", "A4P10", "--ignore", "A4P10"], &[], 0),
    ] {
        let args = [
            &["check", "--format", "short"][..],
            selection,
            &["requests/lead.create.json"],
        ]
        .concat();
        let (code, stdout, stderr) = run(&mixed(), &args, None);
        let found: Vec<&str> = stdout
            .lines()
            .map(|line| {
                let start = line.find('[').unwrap_or_else(|| panic!("{line}")) + 1;
                &line[start..start + 6]
            })
            .collect();
        assert_eq!(found, expected, "{selection:?}:\n{stdout}{stderr}");
        assert_eq!(code, exit, "{selection:?}:\n{stdout}{stderr}");
        assert_eq!(stderr, "", "{selection:?}");
    }
    // A selector that matches no rule is a usage error, with a did-you-mean, reported in the
    // chosen format (short, piped) on the chosen output.
    let (code, stdout, stderr) = run(
        &mixed(),
        &[
            "check",
            "--ignore",
            "enum-valu",
            "requests/lead.create.json",
        ],
        None,
    );
    assert_eq!((code, stderr.as_str()), (2, ""));
    assert_eq!(
        stdout,
        "error: no rule matches `enum-valu`; did you mean `enum-value`?\n"
    );
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.json");
    let (code, stdout, _) = run(
        &mixed(),
        &[
            "check",
            "--format",
            "json",
            "--output",
            target.to_str().unwrap(),
            "get-response.json",
        ],
        None,
    );
    assert_eq!((code, stdout.as_str()), (0, ""));
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(value["summary"]["files"], 1);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left behind"
    );
}

#[test]
fn folders_skip_hidden_and_ignored_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".hidden")).unwrap();
    std::fs::create_dir_all(root.join("build")).unwrap();
    std::fs::write(root.join(".hidden/a.json"), "{").unwrap();
    std::fs::write(root.join("build/b.json"), "{").unwrap();
    std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
    std::fs::write(root.join("notes.txt"), "{").unwrap();
    std::fs::copy(
        fixtures().join("spec/get-response/seed.json"),
        root.join("seed.json"),
    )
    .unwrap();
    let (code, stdout, _) = run(root, &["check", "--format", "json", "."], None);
    assert_eq!(code, 0, "{stdout}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["summary"]["files"], 1);
    assert_eq!(value["files"][0]["path"], "seed.json");
    // A glob.
    let (code, stdout, _) = run(root, &["check", "--format", "short", "*.json"], None);
    assert_eq!((code, stdout.as_str()), (0, ""));
}

#[test]
fn rules_explain_schema_and_completions() {
    let here = fixtures();
    let (code, stdout, _) = run(&here, &["rules"], None);
    assert_eq!(code, 0);
    assert!(
        stdout.lines().any(|l| l.starts_with("A4P101  enum-value")),
        "{stdout}"
    );
    // The fix column: how sure the rule's fixes are, `—` for none.
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("A4P101  enum-value                error    safe, unsafe ")),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("A4P102  missing-required          error    —            ")),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), api4p_lint::rules::RULES.len() + 1);

    let (code, stdout, _) = run(&here, &["explain", "A4P101"], None);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# A4P101 `enum-value`"));
    assert!(stdout.contains("## Why it matters"));
    let (code, by_name, _) = run(&here, &["explain", "enum-value"], None);
    assert_eq!((code, by_name), (0, stdout));
    let (code, _, stderr) = run(&here, &["explain", "enum-valu"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `enum-value`"), "{stderr}");

    let (code, stdout, _) = run(&here, &["schema", "create-request"], None);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        api4p_lint::schema::embedded(api4p_lint::PayloadKind::CreateRequest)
    );
    // `--list`: one line a kind, its name first (what `--kind` takes), then its title.
    let (code, stdout, _) = run(&here, &["schema", "--list"], None);
    assert_eq!(code, 0);
    let names: Vec<&str> = stdout
        .lines()
        .map(|line| line.split_whitespace().next().unwrap())
        .collect();
    let kinds: Vec<&str> = api4p_lint::PayloadKind::ALL
        .iter()
        .map(|k| k.name())
        .collect();
    assert_eq!(names, kinds);
    assert!(
        stdout.contains(
            "order-get-response             API4Partners order get response (200, GET \
             /order/api4partners/v0/orders/{id})\n"
        ),
        "{stdout}"
    );
    // `schema` alone: every kind's schema in one object, by the same names.
    let (code, stdout, _) = run(&here, &["schema"], None);
    assert_eq!(code, 0);
    let all: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    let mut sorted = kinds.clone();
    sorted.sort_unstable();
    assert_eq!(all.keys().map(String::as_str).collect::<Vec<_>>(), sorted);
    let (code, _, stderr) = run(&here, &["schema", "--list", "create-request"], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("cannot be used with"), "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let (code, _, _) = run(
        &here,
        &["schema", "--out", dir.path().to_str().unwrap()],
        None,
    );
    assert_eq!(code, 0);
    // One schema per kind: the leads' eight and the other domains' seven.
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    assert_eq!(written.len(), 15, "{written:?}");
    for name in [
        "order-search-request",
        "order-search-response",
        "order-get-response",
        "price-list-search-response",
        "accreditation-search-response",
        "portfolio-search-response",
        "apikey-response",
    ] {
        assert!(
            written.contains(&format!("{name}.schema.json")),
            "{written:?}"
        );
    }

    for shell in ["bash", "zsh", "fish"] {
        let (code, stdout, _) = run(&here, &["completions", shell], None);
        assert_eq!(code, 0);
        assert!(stdout.contains("api4p-lint"));
    }
}

#[test]
fn help_for_every_subcommand_has_examples() {
    for sub in ["check", "schema", "rules", "explain", "completions"] {
        let (code, stdout, _) = run(&fixtures(), &[sub, "--help"], None);
        assert_eq!(code, 0);
        assert!(stdout.contains("Example"), "{sub}: {stdout}");
    }
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let args = ["check", "--format", "human", "requests/lead.create.json"];
    let (_, plain, _) = run(&mixed(), &args, None);
    assert!(
        !plain.contains('\u{1b}'),
        "piped output has no colour by default"
    );
    let (_, coloured, _) = run(
        &mixed(),
        &[&args[..3], &["--color", "always"], &args[3..]].concat(),
        None,
    );
    assert!(coloured.contains('\u{1b}'));
}

#[test]
fn a_bad_config_is_a_usage_error_rendered_with_its_span() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api4p-lint.toml"), "[rulez]\n").unwrap();
    std::fs::copy(
        fixtures().join("spec/get-response/seed.json"),
        dir.path().join("seed.json"),
    )
    .unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["check", "seed.json"], None);
    assert_eq!((code, stderr.as_str()), (2, ""));
    assert_eq!(
        stdout,
        "api4p-lint.toml:1:2: error[A4P901]: unknown key `rulez`\n\
         error: invalid configuration api4p-lint.toml: unknown key `rulez`\n"
    );
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "--format", "human", "seed.json"],
        None,
    );
    assert_eq!((code, stderr.as_str()), (2, ""));
    assert!(
        stdout.contains("╭─[api4p-lint.toml:1:2]") && stdout.contains("did you mean `rules`"),
        "{stdout}"
    );
}

/// Set to 1 on a machine without util-linux's `script` (no pseudo-terminal to run the tool
/// on): the colour test then says it did not run instead of failing. CI has `script`.
const SKIP_PTY: &str = "API4P_LINT_TEST_SKIP_PTY";

/// Runs `check` with `args` in `dir` on a pseudo-terminal (util-linux's `script`), with
/// `NO_COLOR` set to `no_color` or unset; returns what the terminal showed, or `None` where
/// `script` is missing and [`SKIP_PTY`] says so.
fn on_a_terminal(dir: &Path, args: &str, no_color: Option<&str>) -> Option<String> {
    let command = format!("{} check {args}", common::bin().display());
    let mut script = std::process::Command::new("script");
    script
        .current_dir(dir)
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .env("COLUMNS", "80")
        .env_remove("NO_COLOR")
        .stdin(std::process::Stdio::null());
    if let Some(value) = no_color {
        script.env("NO_COLOR", value);
    }
    let out = match script.output() {
        Ok(out) => out,
        Err(e) if std::env::var_os(SKIP_PTY).is_some_and(|v| v == "1") => {
            eprintln!("not run: no `script` here ({e}; {SKIP_PTY}=1)");
            return None;
        }
        Err(e) => panic!(
            "`script` (util-linux) runs the tool on a terminal and cannot be run here: {e}; \
             set {SKIP_PTY}=1 to skip this test knowingly"
        ),
    };
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    Some(String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n"))
}

/// `text` without its SGR colour sequences (`ESC [ ... m`).
fn without_colour(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('m').expect("an SGR sequence ends with m");
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn no_color_is_honoured_on_a_terminal() {
    // The README: `--color auto|always|never` (`NO_COLOR` respected). On a terminal the
    // default is the human format in colour; a non-empty NO_COLOR turns the colour off (and
    // nothing else), an empty one does not (no-color.org); `--color always` wins over it.
    let file = "requests/lead.create.json";
    let Some(coloured) = on_a_terminal(&mixed(), file, None) else {
        return;
    };
    assert!(
        coloured.starts_with("\u{1b}[31mA4P101(enum-value) at /leadOpportunity/status\u{1b}[0m\n"),
        "{coloured:?}"
    );
    let plain = on_a_terminal(&mixed(), file, Some("1")).unwrap();
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    assert!(
        plain.starts_with("A4P101(enum-value) at /leadOpportunity/status\n"),
        "{plain:?}"
    );
    assert_eq!(plain, without_colour(&coloured));
    assert_eq!(on_a_terminal(&mixed(), file, Some("")).unwrap(), coloured);
    let always = on_a_terminal(&mixed(), &format!("--color always {file}"), Some("1")).unwrap();
    assert_eq!(always, coloured);
    let never = on_a_terminal(&mixed(), &format!("--color never {file}"), None).unwrap();
    assert_eq!(never, plain);
}

#[test]
fn the_json_kind_is_null_when_unknown() {
    // The README's JSON contract: "`kind` is null when unknown (or when NDJSON lines have
    // different kinds)"; a file that could not be read has a null kind too.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let seed =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(common::SEED).unwrap())
            .unwrap();
    let error = r#"{"message": "Too Many Requests"}"#;
    std::fs::write(root.join("ambiguous.json"), common::CREATE).unwrap();
    std::fs::write(root.join("shapeless.json"), r#"{"a": 1}"#).unwrap();
    std::fs::write(root.join("seed.json"), common::SEED).unwrap();
    std::fs::write(root.join("kinds.ndjson"), format!("{seed}\n{error}\n")).unwrap();
    std::fs::write(root.join("same.ndjson"), format!("{seed}\n{seed}\n")).unwrap();
    let (code, stdout, _) = run(
        root,
        &[
            "check",
            "--format",
            "json",
            "ambiguous.json",
            "shapeless.json",
            "seed.json",
            "kinds.ndjson",
            "same.ndjson",
            "missing.json",
        ],
        None,
    );
    assert_eq!(code, 2);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let kinds: Vec<(&str, &serde_json::Value)> = value["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f.as_object().unwrap();
            // Present, even when null.
            (
                f["path"].as_str().unwrap(),
                file.get("kind").expect("a kind member"),
            )
        })
        .collect();
    let null = &serde_json::Value::Null;
    let get = &serde_json::json!("get-response");
    assert_eq!(
        kinds,
        [
            ("ambiguous.json", null),
            ("shapeless.json", null),
            ("seed.json", get),
            ("kinds.ndjson", null),
            ("same.ndjson", get),
            ("missing.json", null),
        ]
    );
    // The two files of unknown kind say why, and the stream of two kinds is clean.
    for i in [0, 1] {
        assert_eq!(value["files"][i]["diagnostics"][0]["code"], "A4P004");
    }
    assert_eq!(value["files"][3]["diagnostics"], serde_json::json!([]));
}

#[test]
fn an_unreadable_file_is_exit_2_in_every_format_and_the_others_are_still_checked() {
    // The README: "**2** usage, configuration or I/O problem (a missing or unreadable file is
    // reported in the chosen format, and the other files are still checked)". Tests run as
    // root on CI, where `chmod 000` does not stop reading: `/proc/self/mem` cannot be read at
    // its start by anyone (the tool reads its own memory's first page, which is unmapped:
    // EIO). A path under a file and a symbolic link to itself cannot be opened either.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let lead = common::CREATE.replacen("\"OPPY_OPEN\"", "\"WONN\"", 1);
    std::fs::write(root.join("lead.json"), &lead).unwrap();
    std::os::unix::fs::symlink("/proc/self/mem", root.join("mem.json")).unwrap();
    std::os::unix::fs::symlink("/proc/self/mem", root.join("mem.ndjson")).unwrap();
    std::os::unix::fs::symlink("loop.json", root.join("loop.json")).unwrap();
    let mut unreadable = vec![
        ("mem.json", "Input/output error (os error 5)"),
        (
            "mem.ndjson",
            "cannot read line 1: Input/output error (os error 5)",
        ),
        (
            "loop.json",
            "Too many levels of symbolic links (os error 40)",
        ),
        ("lead.json/x.json", "Not a directory (os error 20)"),
    ];
    // Where permissions do stop reading (not root), a file without them.
    std::fs::write(root.join("secret.json"), &lead).unwrap();
    std::fs::set_permissions(
        root.join("secret.json"),
        std::os::unix::fs::PermissionsExt::from_mode(0o000),
    )
    .unwrap();
    if std::fs::read(root.join("secret.json")).is_err() {
        unreadable.push(("secret.json", "Permission denied (os error 13)"));
    }
    let names: Vec<&str> = unreadable.iter().map(|(name, _)| *name).collect();
    let args = |format: &'static str| {
        let mut args = vec!["check", "--kind", "create-request", "--format", format];
        args.extend(&names);
        args.push("lead.json");
        args
    };

    let (code, stdout, stderr) = run(root, &args("short"), None);
    assert_eq!(code, 2, "{stdout}{stderr}");
    let mut expected: Vec<String> = unreadable
        .iter()
        .map(|(name, why)| format!("{name}: error[io]: {why}"))
        .collect();
    expected.push(
        "lead.json:6:15: error[A4P101]: invalid value \"WONN\" for `leadOpportunity.status`"
            .to_owned(),
    );
    assert_eq!(stdout.lines().collect::<Vec<_>>(), expected, "{stderr}");

    let (code, stdout, _) = run(root, &args("json"), None);
    assert_eq!(code, 2);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    for (i, (name, why)) in unreadable.iter().enumerate() {
        assert_eq!(
            value["files"][i],
            serde_json::json!({"path": name, "kind": null, "error": why})
        );
    }
    let checked = &value["files"][unreadable.len()];
    assert_eq!(checked["path"], "lead.json");
    assert_eq!(checked["diagnostics"][0]["code"], "A4P101");
    // The unreadable files hold no finding, so `errors` does not count them: `unreadable` does.
    assert_eq!(
        value["summary"],
        serde_json::json!({
            "files": unreadable.len() + 1,
            "errors": 1,
            "warnings": 0,
            "infos": 0,
            "unreadable": unreadable.len(),
            "skipped": {"hidden": 0, "excluded": 0, "ignored": 0, "symlinks": 0, "output": 0, "reference": 0},
            "failed_on_warnings": false,
            "fixable": 0,
            "unsafe_fixable": 1,
        })
    );

    // Every other format names each unreadable file and why, and still reports the finding.
    for format in ["human", "sarif", "github", "junit"] {
        let (code, stdout, stderr) = run(root, &args(format), None);
        assert_eq!(code, 2, "{format}: {stderr}");
        for (name, why) in &unreadable {
            assert!(stdout.contains(name), "{format}: {name}\n{stdout}");
            assert!(stdout.contains(why), "{format}: {why}\n{stdout}");
        }
        assert!(stdout.contains("A4P101"), "{format}: {stdout}");
    }
}

#[test]
fn the_configuration_is_read_once_before_any_payload() {
    // The README: "The configuration, and the portfolio file it names, are read once before
    // any payload." A run reading an NDJSON stream: once it has consumed the first part of
    // the stream, its configuration is replaced by an invalid one and its portfolio file is
    // deleted; the rest of the stream is checked with the configuration it started with.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("portfolio.json"),
        r#"{"data": [{"salesPortfolioId": "P-1", "salesPortfolioisOrderable": true}]}"#,
    )
    .unwrap();
    std::fs::write(
        root.join("api4p-lint.toml"),
        "[rules]\nenum-value = \"off\"\n\n[reference]\nportfolio-file = \"portfolio.json\"\n",
    )
    .unwrap();
    // With this configuration, "WONN" is not reported and P-1 is a known offer.
    let line = |offer: &str| {
        format!(
            r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}, "offerLines": [{{"offerNameId": "{offer}", "amount": 1, "revenueType": "UPFRONT"}}]}}"#
        ) + "\n"
    };
    let known = line("P-1");
    // Past the pipe's buffer and the tool's read buffer: once written, the tool has read
    // part of it, so it has loaded its configuration.
    let first = known.repeat((4 << 20) / known.len());
    let first_lines = first.lines().count();
    let mut child = common::lint(root)
        .args(["check", "--format", "short", "--kind", "update-request"])
        .args(["--stdin-filename", "export.ndjson", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(first.as_bytes()).unwrap();
    std::fs::write(root.join("api4p-lint.toml"), "[rulez]\n").unwrap();
    std::fs::remove_file(root.join("portfolio.json")).unwrap();
    // A fresh run would now stop at the configuration.
    let (code, stdout, stderr) = run(root, &["check", "-"], Some(b"{}"));
    assert_eq!((code, stderr.as_str()), (2, ""), "{stdout}");
    assert!(stdout.contains("unknown key `rulez`"), "{stdout}");
    // The running one goes on: an unknown offer (P-2) is still found with the portfolio it
    // read, and "WONN" still not reported.
    stdin
        .write_all((known.repeat(10) + &line("P-2")).as_bytes())
        .unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert_eq!(stderr, "");
    let last = first_lines + 11;
    assert_eq!(
        stdout,
        format!(
            "export.ndjson:{last}:109: error[A4P601]: `offerLines[0].offerNameId` is not in the \
             partner's portfolio\n"
        )
    );
}

/// A kind detected from the payload's shape is said once per file with findings, in the
/// human and short formats; a kind given (`--kind`, `[kinds]`) is not repeated back.
#[test]
fn a_detected_kind_is_shown_once_per_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("payload.json"),
        r#"{"data": [], "info": {"success": false, "statusCode": 404, "estimatedSearchCount": 0}}"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("clean.json"), r#"{"message": "Forbidden"}"#).unwrap();
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "--format", "short", "payload.json", "clean.json"],
        None,
    );
    assert_eq!(code, 1, "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "payload.json: note: detected as error-response");
    assert_eq!(
        lines.iter().filter(|l| l.contains("detected as")).count(),
        1
    );
    assert!(
        lines[1..].iter().all(|l| l.starts_with("payload.json:1:")),
        "{stdout}"
    );
    let (_, stdout, _) = run(
        dir.path(),
        &["check", "--format", "human", "payload.json"],
        None,
    );
    assert!(
        stdout.starts_with("payload.json (detected as error-response)\n\n"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("detected as").count(), 1, "{stdout}");
    for format in ["short", "human"] {
        let (_, stdout, _) = run(
            dir.path(),
            &[
                "check",
                "--format",
                format,
                "--kind",
                "error-response",
                "payload.json",
            ],
            None,
        );
        assert!(!stdout.contains("detected as"), "{format}: {stdout}");
    }
}
