//! Runs that stop before checking anything: a configuration that cannot be used, or a usage
//! problem found once the arguments are parsed (a selector that matches no rule). The report is
//! still written in the chosen format to the chosen output, because what reads it does not
//! read stderr (the README's `upload-sarif` step runs `if: always()`; a program reads the
//! JSON on stdout), and the exit code is 2. And runs that checked their inputs and failed
//! with the report in `--output`: one line on stderr says why and where the report is.

mod common;

use std::path::Path;

use common::{run, CREATE, FORMATS};
use serde_json::{json, Value};

/// Two problems, each an A4P901 finding at its place in the file.
const BAD_CONFIG: &str = "[rules]\nenum-valu = \"off\"\nplaceholder-value = \"of\"\n";

const WHY: &str = "invalid configuration api4p-lint.toml: unknown rule `enum-valu`; unknown \
                   severity `of` for `placeholder-value`";

/// A folder with a bad `api4p-lint.toml` and a payload with a mistake (never reported: nothing
/// is checked).
fn bad_config() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api4p-lint.toml"), BAD_CONFIG).unwrap();
    std::fs::write(
        dir.path().join("lead.json"),
        CREATE.replacen("\"OPPY_OPEN\"", "\"WONN\"", 1),
    )
    .unwrap();
    dir
}

/// SARIF without the rules' docs (tests/formats.rs covers them): what the run reports.
fn sarif_run(log: &str) -> String {
    let log: Value = serde_json::from_str(log).unwrap();
    let run = &log["runs"][0];
    serde_json::to_string_pretty(&json!({
        "results": run["results"],
        "invocations": run["invocations"],
    }))
    .unwrap()
        + "\n"
}

/// Runs `check` in `dir` in every format; each must exit 2 with nothing on stderr.
fn every_format(dir: &Path, args: &[&str]) -> Vec<(&'static str, String)> {
    FORMATS
        .iter()
        .map(|&format| {
            let all = [&["check", "--format", format][..], args].concat();
            let (code, stdout, stderr) = run(dir, &all, None);
            assert_eq!((code, stderr.as_str()), (2, ""), "{format}: {stdout}");
            let stdout = if format == "sarif" {
                sarif_run(&stdout)
            } else {
                stdout
            };
            (format, stdout)
        })
        .collect()
}

#[test]
fn a_bad_configuration_is_reported_in_every_format() {
    let dir = bad_config();
    for (format, stdout) in every_format(dir.path(), &["."]) {
        assert!(!stdout.contains("lead.json"), "{format}: {stdout}");
        insta::assert_snapshot!(format!("bad_config_{format}"), stdout);
    }
}

#[test]
fn a_bad_configuration_in_json_is_the_config_file_and_a_top_level_error() {
    let dir = bad_config();
    let (code, stdout, stderr) = run(dir.path(), &["check", "--format", "json", "."], None);
    assert_eq!((code, stderr.as_str()), (2, ""));
    let value: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["error"], WHY);
    assert_eq!(value["files"].as_array().unwrap().len(), 1);
    let file = &value["files"][0];
    assert_eq!(
        (&file["path"], &file["kind"]),
        (&json!("api4p-lint.toml"), &Value::Null)
    );
    let places: Vec<(&str, u64, u64, &str)> = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let (offset, length) = common::span_of(d);
            (
                d["code"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                &BAD_CONFIG[offset..offset + length],
            )
        })
        .collect();
    assert_eq!(
        places,
        [("A4P901", 2, 1, "enum-valu"), ("A4P901", 3, 21, "\"of\"")]
    );
    assert_eq!(
        value["summary"],
        json!({"files": 1, "errors": 2, "warnings": 0, "infos": 0, "unreadable": 0,
               "skipped": {"hidden": 0, "excluded": 0, "ignored": 0, "symlinks": 0, "output": 0, "reference": 0},
               "failed_on_warnings": false, "fixable": 0, "unsafe_fixable": 0})
    );
}

#[test]
fn with_output_the_report_is_written_and_stderr_says_why() {
    // The README's GitHub Actions step: `--format sarif --output api4p-lint.sarif`, then
    // `upload-sarif` with `if: always()`, which fails on a missing file. The README: "reported
    // like a finding: in the chosen format, to `--output` when given (then also in one line
    // on stderr) [...] SARIF records a run whose invocation failed".
    let dir = bad_config();
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "--format", "sarif", "--output", "out.sarif", "."],
        None,
    );
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(stderr, format!("error: {WHY}\n"));
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap())
            .unwrap();
    let run = &log["runs"][0];
    assert_eq!(
        run["invocations"],
        json!([{
            "executionSuccessful": false,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": WHY}}],
        }])
    );
    let results: Vec<(&str, &str, u64)> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap(),
                location["artifactLocation"]["uri"].as_str().unwrap(),
                location["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        results,
        [
            ("A4P901", "api4p-lint.toml", 2),
            ("A4P901", "api4p-lint.toml", 3)
        ]
    );
    // Nothing else is written next to it (no temporary file left).
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["api4p-lint.toml", "lead.json", "out.sarif"]);
}

#[test]
fn a_configuration_that_cannot_be_read_is_a_finding_at_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--config",
            "conf/none.toml",
            ".",
        ],
        None,
    );
    assert_eq!((code, stderr.as_str()), (2, ""));
    assert_eq!(
        stdout,
        "conf/none.toml:1:1: error[A4P901]: cannot read conf/none.toml: No such file or \
         directory (os error 2)\nerror: invalid configuration conf/none.toml: cannot read \
         conf/none.toml: No such file or directory (os error 2)\n"
    );
}

#[test]
fn an_unknown_selector_is_reported_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lead.json"), CREATE).unwrap();
    for (format, stdout) in every_format(dir.path(), &["--select", "enum-valu", "."]) {
        assert!(
            stdout.contains("no rule matches `enum-valu`; did you mean `enum-value`?"),
            "{format}: {stdout}"
        );
        insta::assert_snapshot!(format!("unknown_selector_{format}"), stdout);
    }
}

#[test]
fn the_report_of_a_stopped_run_never_replaces_a_checked_file_or_the_configuration() {
    let dir = bad_config();
    for target in ["lead.json", "api4p-lint.toml"] {
        let before = std::fs::read(dir.path().join(target)).unwrap();
        let (code, stdout, stderr) = run(
            dir.path(),
            // Named on the command line: a checked file (met in a walk, an existing output
            // is the report of an earlier run, skipped: see tests/output_safety.rs).
            &["check", "--format", "json", "--output", target, "lead.json"],
            None,
        );
        assert_eq!((code, stdout.as_str()), (2, ""));
        let what = if target == "lead.json" {
            "lead.json, one of the files being checked; api4p-lint never writes to the files \
             it checks"
        } else {
            "api4p-lint.toml, the configuration file; api4p-lint never writes to the files it \
             reads"
        };
        assert_eq!(
            stderr,
            format!("error: {WHY}\nerror: --output {target} is {what}\n")
        );
        assert_eq!(std::fs::read(dir.path().join(target)).unwrap(), before);
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["api4p-lint.toml", "lead.json"]);
}

#[test]
fn an_invalid_exclude_glob_on_the_command_line_is_reported_in_the_chosen_format() {
    // Like any usage problem found once the arguments are parsed: the SARIF file a CI step
    // uploads says why the run failed, and stderr too.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lead.json"), CREATE).unwrap();
    let why = "invalid glob in --extend-exclude `[`: unclosed character class; missing ']'";
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "sarif",
            "--output",
            "rep.sarif",
            "--extend-exclude",
            "[",
            ".",
        ],
        None,
    );
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(stderr, format!("error: {why}\n"));
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("rep.sarif")).unwrap())
            .unwrap();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["message"]["text"],
        why
    );
    assert_eq!(log["runs"][0]["results"], json!([]));
    for (option, format) in [("--exclude", "json"), ("--extend-exclude", "short")] {
        let (code, stdout, stderr) = run(
            dir.path(),
            &["check", "--format", format, option, "a/[b", "."],
            None,
        );
        assert_eq!((code, stderr.as_str()), (2, ""), "{option}");
        let why = format!("invalid glob in {option} `a/[b`: unclosed character class; missing ']'");
        if format == "json" {
            let value: Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(value["error"], why);
        } else {
            assert_eq!(stdout, format!("error: {why}\n"));
        }
    }
}

#[test]
fn a_configuration_that_is_there_but_cannot_be_read_stops_the_run() {
    // `api4p-lint.toml` as a link to nothing: the configuration meant, not a reason to use
    // the parent folder's (which turns enum-value off) or none.
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(
        dir.path().join("api4p-lint.toml"),
        "[rules]\nenum-value = \"off\"\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("../shared.toml", work.join("api4p-lint.toml")).unwrap();
    std::fs::write(work.join("lead.json"), CREATE).unwrap();
    let (code, stdout, stderr) = run(&work, &["check", "--format", "short", "lead.json"], None);
    assert_eq!((code, stderr.as_str()), (2, ""));
    let path = work.join("api4p-lint.toml");
    let why = format!(
        "cannot read {}: it is a broken symbolic link: No such file or directory (os error 2)",
        path.display()
    );
    assert_eq!(
        stdout,
        format!(
            "api4p-lint.toml:1:1: error[A4P901]: {why}\nerror: invalid configuration \
             api4p-lint.toml: {why}\n"
        )
    );
}

// ---------------------------------------------------------------------------------------
// A run whose report goes to `--output` and fails says why on stderr: the CI log shows
// stderr, not the report (issue 12, item 1).

/// `check --output <output> args` in `dir`: exit code, stdout, stderr.
fn into_output(dir: &Path, output: &str, args: &[&str]) -> (i32, String, String) {
    let all = [&["check", "--output", output][..], args].concat();
    run(dir, &all, None)
}

#[test]
fn a_failing_run_with_output_says_why_and_where_the_report_is() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("empty")).unwrap();
    // The README's GitHub Actions step, the payloads folder missing: exit 2, the reason in
    // the log, the SARIF file written for the upload step.
    let (code, stdout, stderr) = into_output(
        root,
        "api4p-lint.sarif",
        &["--format", "sarif", "payloads/"],
    );
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: failed: 1 input could not be checked (payloads/: No such file or directory \
         (os error 2)); 0 errors, 0 warnings; the report is in api4p-lint.sarif\n"
    );
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("api4p-lint.sarif")).unwrap())
            .unwrap();
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
    // An empty folder, and a second input that fails too: the first reason, and how many more.
    let (code, stdout, stderr) = into_output(
        root,
        "out.json",
        &["--format", "json", "empty", "nomatch/*.json"],
    );
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: failed: 2 inputs could not be checked (empty: no .json, .ndjson or .jsonl \
         file to check in this folder, and 1 more); 0 errors, 0 warnings; the report is in \
         out.json\n"
    );
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("out.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["unreadable"], 2);

    // Errors: exit 1, counted; in every format, the same line.
    std::fs::write(
        root.join("lead.json"),
        CREATE.replacen("\"OPPY_OPEN\"", "\"WONN\"", 1),
    )
    .unwrap();
    for format in FORMATS {
        let (code, stdout, stderr) = into_output(
            root,
            "report.out",
            &["--format", format, "--kind", "create-request", "lead.json"],
        );
        assert_eq!((code, stdout.as_str()), (1, ""), "{format}");
        assert_eq!(
            stderr, "error: failed: 1 error, 0 warnings; the report is in report.out\n",
            "{format}"
        );
        let report = std::fs::read_to_string(root.join("report.out")).unwrap();
        assert!(report.contains("A4P101"), "{format}: {report}");
    }
    // Warnings that fail the run: the limit they broke.
    std::fs::write(
        root.join("warn.json"),
        r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1"}, "customerContact": []}"#,
    )
    .unwrap();
    for (limit, why) in [
        (
            &["--max-warnings", "0"][..],
            "1 warning, more than --max-warnings 0",
        ),
        (&["--deny-warnings"], "1 warning with --deny-warnings"),
    ] {
        let args = [
            &["--format", "json", "--kind", "update-request"][..],
            limit,
            &["warn.json"],
        ]
        .concat();
        let (code, stdout, stderr) = into_output(root, "out.json", &args);
        assert_eq!((code, stdout.as_str()), (1, ""));
        assert_eq!(
            stderr,
            format!("error: failed: 0 errors, {why}; the report is in out.json\n")
        );
    }
}

#[test]
fn a_passing_run_with_output_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lead.json"), CREATE).unwrap();
    for format in FORMATS {
        let (code, stdout, stderr) = into_output(
            dir.path(),
            "report.out",
            &["--format", format, "--kind", "create-request", "lead.json"],
        );
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (0, "", ""),
            "{format}"
        );
    }
    // Without --output, a failing run's report is on stdout: stderr stays empty.
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "--format", "short", "missing.json"],
        None,
    );
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            "missing.json: error[io]: No such file or directory (os error 2)\n",
            ""
        )
    );
}

// ---------------------------------------------------------------------------------------
// Arguments the parser rejects come before any format (issue 12, item 6)

#[test]
fn arguments_the_parser_rejects_are_plain_text_on_stderr_and_leave_the_output_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lead.json"), CREATE).unwrap();
    std::fs::write(
        dir.path().join("out.json"),
        "the report of the run before\n",
    )
    .unwrap();
    for (args, says) in [
        (
            &["--bogus"][..],
            "error: unexpected argument '--bogus' found",
        ),
        (
            &["--format", "xml"],
            "error: invalid value 'xml' for '--format <FORMAT>': unknown format `xml`",
        ),
        (
            &["--kind", "nope"],
            "error: invalid value 'nope' for '--kind <KIND>'",
        ),
        (
            &["--max-warnings", "many"],
            "error: invalid value 'many' for '--max-warnings <N>'",
        ),
    ] {
        for format in ["json", "sarif"] {
            // The format and the output come first: the parser still decides alone.
            let format = if args[0] == "--format" {
                &[][..]
            } else {
                &["--format", format][..]
            };
            let all = [
                &["check", "--output", "out.json"][..],
                format,
                args,
                &["lead.json"],
            ]
            .concat();
            let (code, stdout, stderr) = run(dir.path(), &all, None);
            assert_eq!((code, stdout.as_str()), (2, ""), "{args:?}");
            assert!(stderr.starts_with(says), "{args:?}: {stderr}");
            assert!(
                stderr.ends_with("For more information, try '--help'.\n"),
                "{stderr}"
            );
            assert_eq!(
                std::fs::read_to_string(dir.path().join("out.json")).unwrap(),
                "the report of the run before\n"
            );
        }
    }
    // Nor is a missing --output created.
    let (code, _, _) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--output",
            "new.json",
            "--bogus",
            "lead.json",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(!dir.path().join("new.json").exists());
}
