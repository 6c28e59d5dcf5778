//! Baselines (`check --write-baseline`, `check --baseline`, the configuration's `baseline`):
//! what a baseline holds is left out and counted, anything else fails, entries survive moved
//! lines, gone findings are reported as stale, and the file is stable and sorted.

mod common;

use std::path::Path;

use common::{folder_with, read, run, run_json, write};
use serde_json::Value;

/// A lead update with one finding: A4P101 at /leadOpportunity/status ("WONN").
const ONE: &str = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
/// The same finding, the payload reformatted and a member inserted before it.
const MOVED: &str = r#"{
  "leadOpportunity": {
    "partnerLeadOpportunityId": "CRM-1",
    "description": "inserted before",
    "status": "WONN"
  }
}
"#;
/// ONE and a second finding: A4P103, an unknown property.
const TWO: &str = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN", "customerContact": 1}}"#;
/// ONE fixed.
const FIXED: &str =
    r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WON"}}"#;

const KIND: &str = "--kind=update-request";
/// `check` of `payloads` against `baseline.json`.
const READ_BASELINE: [&str; 5] = ["check", KIND, "--baseline", "baseline.json", "payloads"];

/// A folder with `payloads/lead.json` holding `text`.
fn project(text: &str) -> tempfile::TempDir {
    folder_with(&[("payloads/lead.json", text)])
}

/// Runs `check --write-baseline baseline.json payloads` with `more` options: its exit code,
/// stdout and stderr.
fn writing_baseline(dir: &Path, more: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check", KIND];
    args.extend_from_slice(more);
    args.extend_from_slice(&["--write-baseline", "baseline.json", "payloads"]);
    run(dir, &args, None)
}

/// Records the findings of `payloads` in `baseline.json`: exit 0 although there are findings.
fn write_baseline(dir: &Path) {
    let (code, _, stderr) = writing_baseline(dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.starts_with("note: wrote the baseline baseline.json: "),
        "{stderr}"
    );
}

/// The JSON report's summary and its files.
fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", KIND, "--format=json"];
    all.extend_from_slice(args);
    run_json(dir, &all)
}

#[test]
fn a_baselined_finding_passes_and_is_counted() {
    let dir = project(ONE);
    write_baseline(dir.path());
    let args = READ_BASELINE;
    let (code, stdout, stderr) = run(dir.path(), &args, None);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "note: 1 baselined\n", "")
    );

    let (code, stdout, _) = run(dir.path(), &[&args[..], &["--format=human"]].concat(), None);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "1 file checked: 0 errors, 0 warnings, 0 infos; 1 baselined\n"
    );

    let (code, report) = json(dir.path(), &["--baseline", "baseline.json", "payloads"]);
    assert_eq!(code, 0);
    assert_eq!(report["files"][0]["diagnostics"], serde_json::json!([]));
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["baselined"], 1);
    assert_eq!(report["summary"]["stale"], 0);
    // New fields come last in the summary (the JSON contract).
    let args = [
        "check",
        KIND,
        "--format=json",
        "--baseline",
        "baseline.json",
        "payloads",
    ];
    let (_, stdout, _) = run(dir.path(), &args, None);
    assert!(
        stdout.ends_with(
            "\"failed_on_warnings\":false,\"baselined\":1,\"stale\":0,\"fixable\":0,\"unsafe_fixable\":0}}\n"
        ),
        "{stdout}"
    );
    // Without a baseline, the summary has neither member.
    let (_, plain) = json(dir.path(), &["payloads"]);
    assert!(plain["summary"].get("baselined").is_none(), "{plain}");
    assert!(plain["summary"].get("stale").is_none(), "{plain}");
    // No stale entry: no `stale` member in the file's object.
    assert!(report["files"][0].get("stale").is_none(), "{report}");
}

#[test]
fn a_new_finding_fails_and_only_it_is_shown() {
    let dir = project(ONE);
    write_baseline(dir.path());
    write(dir.path(), "payloads/lead.json", TWO);
    let args = READ_BASELINE;
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "payloads/lead.json:1:77: warning[A4P103]: unknown property `customerContact` in \
         `leadOpportunity`\nnote: 1 baselined\n"
    );
    // A warning fails only when asked: a new error fails by itself.
    write(dir.path(), "payloads/other.json", ONE);
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("payloads/other.json:1:69: error[A4P101]"),
        "{stdout}"
    );
    let deny = [&args[..], &["--deny-warnings"]].concat();
    write(dir.path(), "payloads/other.json", FIXED);
    let (code, _, _) = run(dir.path(), &deny, None);
    assert_eq!(code, 1);
}

#[test]
fn a_second_equal_finding_is_new_the_baseline_counts_them() {
    let dir = project(ONE);
    write(dir.path(), "payloads/leads.ndjson", &format!("{ONE}\n"));
    write_baseline(dir.path());
    // The same finding on one more line: one is baselined, the other is new (the later one).
    write(
        dir.path(),
        "payloads/leads.ndjson",
        &format!("{ONE}\n{ONE}\n"),
    );
    let args = READ_BASELINE;
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "payloads/leads.ndjson:2:69: error[A4P101]: invalid value \"WONN\" for \
         `leadOpportunity.status`\nnote: 2 baselined\n"
    );
    // The human format shows the new one's code frame alone.
    let (code, stdout, _) = run(dir.path(), &[&args[..], &["--format=human"]].concat(), None);
    assert_eq!(code, 1);
    assert_eq!(stdout.matches("A4P101(enum-value)").count(), 1, "{stdout}");
    assert!(stdout.contains("[payloads/leads.ndjson:2:69]"), "{stdout}");
    assert!(
        stdout.ends_with(
            "1 hidden fix can be enabled with the `--fix --unsafe-fixes` options\n\
             2 files checked: 1 error, 0 warnings, 0 infos; 2 baselined\n"
        ),
        "{stdout}"
    );
}

#[test]
fn moving_a_payloads_lines_keeps_the_baseline_valid() {
    let dir = project(ONE);
    write(
        dir.path(),
        "payloads/leads.ndjson",
        &format!("{ONE}\n{FIXED}\n"),
    );
    write_baseline(dir.path());
    // Reformatted, a member inserted before the finding; NDJSON lines reordered, blank and
    // new lines before them.
    write(dir.path(), "payloads/lead.json", MOVED);
    write(
        dir.path(),
        "payloads/leads.ndjson",
        &format!("\n{FIXED}\n{FIXED}\n{ONE}\n"),
    );
    let args = READ_BASELINE;
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!((code, stdout.as_str()), (0, "note: 2 baselined\n"));
}

/// An update request of offer lines with these revenue types (`UPFRONTT`: an A4P101 each).
fn offers(revenue_types: &[&str]) -> String {
    let lines: Vec<String> = revenue_types
        .iter()
        .map(|r| format!("  {{\"amount\": 1, \"offerNameId\": \"X\", \"revenueType\": \"{r}\"}}"))
        .collect();
    format!(
        "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-1\"}},\n \"offerLines\": [\n{}\n]}}\n",
        lines.join(",\n")
    )
}

/// An offer line inserted or removed before a baselined finding moves it to another index:
/// it is the same finding (its message differs only by the index), still baselined. A new
/// finding among them still fails, and one more than the baseline holds is new.
#[test]
fn an_array_item_inserted_or_removed_before_a_finding_keeps_it_baselined() {
    let dir = project(&offers(&["UPFRONT", "UPFRONTT", "UPFRONT", "UPFRONTT"]));
    write_baseline(dir.path());
    let args = READ_BASELINE;
    let check = |text: &str| {
        write(dir.path(), "payloads/lead.json", text);
        let (code, stdout, _) = run(dir.path(), &args, None);
        (code, stdout)
    };
    let inserted = offers(&["UPFRONT", "UPFRONT", "UPFRONTT", "UPFRONT", "UPFRONTT"]);
    assert_eq!(check(&inserted), (0, "note: 2 baselined\n".to_owned()));
    let removed = offers(&["UPFRONTT", "UPFRONT", "UPFRONTT"]);
    assert_eq!(check(&removed), (0, "note: 2 baselined\n".to_owned()));
    // A third one is new, wherever it is; another value at a moved place is new.
    let (code, stdout) = check(&offers(&["UPFRONTT", "UPFRONTT", "UPFRONTT"]));
    assert_eq!(code, 1);
    assert_eq!(stdout.matches("error[A4P101]").count(), 1, "{stdout}");
    assert!(stdout.ends_with("note: 2 baselined\n"), "{stdout}");
    let (code, stdout) = check(&offers(&["UPFRONT", "UPFRONTT", "UPFRONTX"]));
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with(
            "payloads/lead.json:5:52: error[A4P101]: invalid value \"UPFRONTX\" for `offerLines[2].revenueType`\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("note: 1 baselined; 1 stale baseline entry"),
        "{stdout}"
    );
}

#[test]
fn a_fixed_finding_is_reported_as_stale_and_fails_nothing() {
    let dir = project(ONE);
    write_baseline(dir.path());
    write(dir.path(), "payloads/lead.json", FIXED);
    let args = READ_BASELINE;
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "payloads/lead.json: note: stale baseline entry A4P101 at /leadOpportunity/status: \
         fixed or changed; write the baseline again to drop it\nnote: 1 stale baseline entry\n"
    );
    let (code, stdout, _) = run(dir.path(), &[&args[..], &["--format=human"]].concat(), None);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "note: payloads/lead.json: stale baseline entry A4P101 at /leadOpportunity/status: \
         fixed or changed; write the baseline again to drop it\n\
         1 file checked: 0 errors, 0 warnings, 0 infos; 1 stale baseline entry\n"
    );
    let (_, report) = json(dir.path(), &["--baseline", "baseline.json", "payloads"]);
    assert_eq!(
        report["files"][0]["stale"],
        serde_json::json!([{
            "code": "A4P101",
            "pointer": "/leadOpportunity/status",
            "digest": entry_digest(dir.path()),
            "count": 1
        }])
    );
    assert_eq!(report["summary"]["stale"], 1);
    // Written again, the baseline drops the entry.
    write_baseline(dir.path());
    assert_eq!(
        read(dir.path(), "baseline.json"),
        "{\n  \"version\": 1,\n  \"entries\": []\n}\n"
    );
}

/// The digest of the only entry of `baseline.json`.
fn entry_digest(dir: &Path) -> Value {
    let baseline: Value = serde_json::from_str(&read(dir, "baseline.json")).unwrap();
    baseline["entries"][0]["digest"].clone()
}

#[test]
fn only_the_entries_of_the_files_checked_can_be_stale() {
    let dir = project(ONE);
    write(dir.path(), "payloads/other.json", ONE);
    write_baseline(dir.path());
    let args = [
        "check",
        KIND,
        "--baseline",
        "baseline.json",
        "payloads/lead.json",
    ];
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!((code, stdout.as_str()), (0, "note: 1 baselined\n"));
}

#[test]
fn the_file_is_byte_stable_sorted_and_holds_one_entry_per_line() {
    let dir = project(TWO);
    write(
        dir.path(),
        "payloads/a.ndjson",
        &format!("{ONE}\n{ONE}\n{TWO}\n"),
    );
    write_baseline(dir.path());
    let first = read(dir.path(), "baseline.json");
    write_baseline(dir.path());
    assert_eq!(read(dir.path(), "baseline.json"), first);
    insta::assert_snapshot!(first, @r#"
    {
      "version": 1,
      "entries": [
        {"file":"payloads/a.ndjson","code":"A4P101","pointer":"/leadOpportunity/status","digest":"996c4ab13a9c6f2b","count":3},
        {"file":"payloads/a.ndjson","code":"A4P103","pointer":"/leadOpportunity/customerContact","digest":"7d2eb1767c46418f","count":1},
        {"file":"payloads/lead.json","code":"A4P101","pointer":"/leadOpportunity/status","digest":"996c4ab13a9c6f2b","count":1},
        {"file":"payloads/lead.json","code":"A4P103","pointer":"/leadOpportunity/customerContact","digest":"7d2eb1767c46418f","count":1}
      ]
    }
    "#);
}

#[test]
fn a_baseline_works_from_any_working_directory() {
    let dir = project(ONE);
    std::fs::create_dir(dir.path().join("ci")).unwrap();
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "check",
            KIND,
            "--write-baseline",
            "ci/baseline.json",
            "payloads",
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    // Named relative to the baseline's folder.
    assert!(
        read(dir.path(), "ci/baseline.json").contains(r#""file":"../payloads/lead.json""#),
        "{}",
        read(dir.path(), "ci/baseline.json")
    );
    let payloads = dir.path().join("payloads");
    let args = ["check", KIND, "--baseline", "../ci/baseline.json", "."];
    let (code, stdout, _) = run(&payloads, &args, None);
    assert_eq!((code, stdout.as_str()), (0, "note: 1 baselined\n"));
    let absolute = dir.path().join("ci/baseline.json");
    let args = [
        "check",
        KIND,
        "--baseline",
        absolute.to_str().unwrap(),
        "lead.json",
    ];
    let (code, stdout, _) = run(&payloads, &args, None);
    assert_eq!((code, stdout.as_str()), (0, "note: 1 baselined\n"));
}

#[test]
fn the_configurations_baseline_is_relative_to_its_folder() {
    let dir = project(ONE);
    std::fs::create_dir(dir.path().join("ci")).unwrap();
    write(
        dir.path(),
        "api4p-lint.toml",
        "baseline = \"ci/baseline.json\"\n",
    );
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "check",
            KIND,
            "--write-baseline",
            "ci/baseline.json",
            "payloads",
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    // From a subfolder, the configuration found upward: no `--baseline` needed.
    let payloads = dir.path().join("payloads");
    let (code, stdout, _) = run(&payloads, &["check", KIND, "."], None);
    assert_eq!((code, stdout.as_str()), (0, "note: 1 baselined\n"));
    // `--baseline` wins over the configuration's.
    write(
        dir.path(),
        "empty.json",
        "{\"version\": 1, \"entries\": []}",
    );
    let args = ["check", KIND, "--baseline", "../empty.json", "."];
    let (code, _, _) = run(&payloads, &args, None);
    assert_eq!(code, 1);
    // A configuration naming a baseline that is not there stops the run.
    write(
        dir.path(),
        "api4p-lint.toml",
        "baseline = \"ci/missing.json\"\n",
    );
    let (code, stdout, _) = run(&payloads, &["check", KIND, "."], None);
    assert_eq!(code, 2);
    assert!(
        stdout.starts_with("error: cannot use the baseline ")
            && stdout.contains("ci/missing.json: No such file or directory"),
        "{stdout}"
    );
}

#[test]
fn an_unknown_key_near_baseline_gets_a_did_you_mean() {
    let dir = project(ONE);
    write(dir.path(), "api4p-lint.toml", "baselin = \"b.json\"\n");
    let (code, stdout, _) = run(
        dir.path(),
        &["check", KIND, "--format=json", "payloads"],
        None,
    );
    assert_eq!(code, 2);
    assert!(stdout.contains("did you mean `baseline`"), "{stdout}");
}

#[test]
fn a_broken_baseline_is_a_clear_error_with_exit_2() {
    let dir = project(ONE);
    let cases: [(&str, &str); 5] = [
        (
            "{",
            "it is not a baseline (EOF while parsing an object at line 1 column 1)",
        ),
        (
            "[]",
            "it is not a baseline (invalid length 0, expected struct File",
        ),
        (
            r#"{"version": 1, "entries": [{"file": "a", "code": "A4P101"}]}"#,
            "it is not a baseline (missing field `pointer`",
        ),
        (
            r#"{"version": 1, "entries": [], "extra": 1}"#,
            "it is not a baseline (unknown field `extra`",
        ),
        (
            r#"{"version": 2, "entries": []}"#,
            "its version is 2, and this api4p-lint reads version 1",
        ),
    ];
    for (text, why) in cases {
        write(dir.path(), "baseline.json", text);
        let args = READ_BASELINE;
        let (code, stdout, stderr) = run(dir.path(), &args, None);
        assert_eq!(code, 2, "{text}: {stdout}{stderr}");
        assert!(
            stdout.starts_with(&format!(
                "error: cannot use the baseline baseline.json: {why}"
            )),
            "{text}: {stdout}"
        );
    }
    // A folder, and a file over the limit of the configuration's data files (32 MiB).
    let args = ["check", KIND, "--baseline", "payloads", "payloads"];
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!(code, 2);
    assert!(
        stdout.contains("it is a folder, not a regular file"),
        "{stdout}"
    );
    let huge = std::fs::File::create(dir.path().join("huge.json")).unwrap();
    huge.set_len((32 << 20) + 1).unwrap();
    let args = ["check", KIND, "--baseline", "huge.json", "payloads"];
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!(code, 2);
    assert!(
        stdout.contains("it is 33554433 bytes, over the 33554432-byte limit"),
        "{stdout}"
    );
    // The JSON report says it as a run that stopped.
    write(dir.path(), "baseline.json", "{");
    let (code, report) = json(dir.path(), &["--baseline", "baseline.json", "payloads"]);
    assert_eq!(code, 2);
    assert!(
        report["error"]
            .as_str()
            .unwrap()
            .starts_with("cannot use the baseline baseline.json: it is not a baseline"),
        "{report}"
    );
}

#[test]
fn write_baseline_replaces_only_a_regular_file() {
    let dir = project(ONE);
    // Refused before anything is checked: no report on stdout.
    let args = ["check", KIND, "--write-baseline", "/dev/null", "payloads"];
    let (code, stdout, stderr) = run(dir.path(), &args, None);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: --write-baseline /dev/null is a character device; a baseline is a regular file\n"
    );
    // Nor a file being checked.
    let args = [
        "check",
        KIND,
        "--write-baseline",
        "payloads/lead.json",
        "payloads/lead.json",
    ];
    let (code, _, stderr) = run(dir.path(), &args, None);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("one of the files being checked"),
        "{stderr}"
    );
    assert_eq!(read(dir.path(), "payloads/lead.json"), ONE);
    // `--output` never replaces the baseline read.
    write_baseline(dir.path());
    let before = read(dir.path(), "baseline.json");
    let args = [
        "check",
        KIND,
        "--baseline",
        "baseline.json",
        "--output",
        "baseline.json",
        "payloads",
    ];
    let (code, _, stderr) = run(dir.path(), &args, None);
    assert_eq!(code, 2);
    assert!(stderr.contains("the baseline"), "{stderr}");
    assert_eq!(read(dir.path(), "baseline.json"), before);
    // Nor both written at once.
    let args = [
        "check",
        KIND,
        "--write-baseline",
        "./b.json",
        "--output",
        "b.json",
        "payloads",
    ];
    let (code, _, stderr) = run(dir.path(), &args, None);
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: --output and --write-baseline both name ./b.json\n"
        )
    );
}

#[test]
fn a_baseline_in_a_walked_folder_is_not_checked_as_a_payload() {
    let dir = project(ONE);
    let (code, _, _) = run(
        dir.path(),
        &[
            "check",
            KIND,
            "--write-baseline",
            "payloads/baseline.json",
            "payloads",
        ],
        None,
    );
    assert_eq!(code, 0);
    let args = [
        "check",
        KIND,
        "--baseline",
        "payloads/baseline.json",
        "payloads",
    ];
    let (code, stdout, stderr) = run(dir.path(), &args, None);
    assert_eq!((code, stdout.as_str()), (0, "note: 1 baselined\n"));
    assert_eq!(stderr, "note: skipped: 1 reference file (not checked)\n");
}

#[test]
fn a_redacted_run_writes_no_payload_text_in_the_baseline() {
    let dir = project(TWO);
    let (code, _, _) = run(
        dir.path(),
        &[
            "check",
            KIND,
            "--redact",
            "--write-baseline",
            "b.json",
            "payloads",
        ],
        None,
    );
    assert_eq!(code, 0);
    let baseline = read(dir.path(), "b.json");
    assert!(
        !baseline.contains("WONN") && !baseline.contains("CRM-1"),
        "{baseline}"
    );
    // Every entry holds file, code, pointer, digest and count, nothing else.
    let value: Value = serde_json::from_str(&baseline).unwrap();
    for entry in value["entries"].as_array().unwrap() {
        let keys: Vec<&String> = entry.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["code", "count", "digest", "file", "pointer"]);
    }
    let args = [
        "check",
        KIND,
        "--redact",
        "--baseline",
        "b.json",
        "payloads",
    ];
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!((code, stdout.as_str()), (0, "note: 2 baselined\n"));
}

#[test]
fn a_run_writing_a_baseline_with_an_unreadable_input_writes_none() {
    let dir = project(ONE);
    let args = [
        "check",
        KIND,
        "--write-baseline",
        "baseline.json",
        "payloads",
        "missing.json",
    ];
    let (code, _, stderr) = run(dir.path(), &args, None);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("error: the baseline baseline.json was not written"),
        "{stderr}"
    );
    assert!(!dir.path().join("baseline.json").exists());
}

#[test]
fn no_format_shows_a_baselined_finding() {
    let dir = project(ONE);
    write_baseline(dir.path());
    for format in common::FORMATS {
        let format = format!("--format={format}");
        let args = [
            "check",
            KIND,
            &format,
            "--baseline",
            "baseline.json",
            "payloads",
        ];
        let (code, stdout, _) = run(dir.path(), &args, None);
        assert_eq!(code, 0, "{format}");
        if format == "--format=sarif" {
            // Every rule is listed, A4P101 and its docs' examples among them; no result.
            assert!(stdout.contains(r#""results":[]"#), "{format}");
        } else {
            assert!(
                !stdout.contains("A4P101") && !stdout.contains("WONN"),
                "{format}: {stdout}"
            );
        }
    }
}

#[test]
fn write_baseline_never_replaces_the_configuration() {
    let dir = project(ONE);
    write(dir.path(), "api4p-lint.toml", "redact = false\n");
    let args = [
        "check",
        KIND,
        "--write-baseline",
        "api4p-lint.toml",
        "payloads",
    ];
    let (code, _, stderr) = run(dir.path(), &args, None);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: --write-baseline api4p-lint.toml is api4p-lint.toml, the configuration file; \
         api4p-lint never writes to the files it reads\n"
    );
    assert_eq!(read(dir.path(), "api4p-lint.toml"), "redact = false\n");
}

#[test]
fn a_stale_entry_read_from_the_file_cannot_drive_the_terminal() {
    let dir = project(FIXED);
    let entry = r#"{"file": "payloads/lead.json", "code": "A4P101", "pointer": "/x\u001b[2J\u202e", "digest": "0000000000000000", "count": 2}"#;
    write(
        dir.path(),
        "baseline.json",
        &format!("{{\"version\": 1, \"entries\": [{entry}]}}"),
    );
    let args = READ_BASELINE;
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "payloads/lead.json: note: stale baseline entry A4P101 at /x\\u001b[2J\\u202e (2 findings \
         gone): fixed or changed; write the baseline again to drop it\nnote: 2 stale baseline \
         entries\n"
    );
}

#[test]
fn standard_input_is_named_by_its_stdin_filename() {
    let dir = project(ONE);
    std::fs::create_dir(dir.path().join("ci")).unwrap();
    let args = [
        "check",
        KIND,
        "--write-baseline",
        "ci/baseline.json",
        "--stdin-filename",
        "payloads/lead.json",
        "-",
    ];
    let (code, _, stderr) = run(dir.path(), &args, Some(ONE.as_bytes()));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        read(dir.path(), "ci/baseline.json").contains(r#""file":"../payloads/lead.json""#),
        "{}",
        read(dir.path(), "ci/baseline.json")
    );
    // The file itself, checked from its folder, is the same entry.
    let args = [
        "check",
        KIND,
        "--baseline",
        "../ci/baseline.json",
        "lead.json",
    ];
    let (code, stdout, _) = run(&dir.path().join("payloads"), &args, None);
    assert_eq!((code, stdout.as_str()), (0, "note: 1 baselined\n"));
}

#[test]
fn an_empty_baseline_key_is_a_configuration_error() {
    let dir = project(ONE);
    write(dir.path(), "api4p-lint.toml", "baseline = \"\"\n");
    let (code, stdout, _) = run(dir.path(), &["check", KIND, "payloads"], None);
    assert_eq!(code, 2);
    assert!(
        stdout.contains("error[A4P901]: `baseline` must name a file"),
        "{stdout}"
    );
}

#[test]
fn a_payload_that_cannot_be_read_is_never_baselined() {
    // Cut short: A4P001 on an empty span. Not recorded, and the run writing the baseline
    // says so and fails as the runs reading it will; then the file emptied: still a failure.
    let dir = project(r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1""#);
    write(dir.path(), "payloads/other.json", ONE);
    let (code, stdout, stderr) = writing_baseline(dir.path(), &["--format=short"]);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(
        stderr,
        "note: wrote the baseline baseline.json: 1 finding recorded\n\
         error: 1 finding not recorded (payloads/lead.json): a payload that could not be \
         checked (not JSON, not UTF-8, too large, of no known kind), or in a file whose name is \
         not UTF-8, is never baselined, and fails every run until it is mended\n"
    );
    assert!(read(dir.path(), "baseline.json").contains("A4P101"));
    assert!(!read(dir.path(), "baseline.json").contains("A4P001"));
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            KIND,
            "--format=short",
            "--baseline",
            "baseline.json",
            "payloads",
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(stdout.contains("error[A4P001]"), "{stdout}");
    std::fs::remove_file(dir.path().join("payloads/other.json")).unwrap();
    write(dir.path(), "payloads/lead.json", "");
    let (code, report) = json(dir.path(), &["--baseline", "baseline.json", "payloads"]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(report["files"][0]["diagnostics"][0]["code"], "A4P001");
    assert_eq!(report["summary"]["baselined"], 0);
}

#[test]
fn a_finding_explained_by_another_place_changes_with_it() {
    // A4P201 points at forecastCategory; the status that makes it wrong is part of it.
    let lost = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "LOST", "forecastCategory": "UPSIDE"}}"#;
    let dir = project(lost);
    write_baseline(dir.path());
    let (code, _) = json(dir.path(), &["--baseline", "baseline.json", "payloads"]);
    assert_eq!(code, 0);
    write(
        dir.path(),
        "payloads/lead.json",
        &lost.replace("LOST", "WON"),
    );
    let (code, report) = json(dir.path(), &["--baseline", "baseline.json", "payloads"]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(report["files"][0]["diagnostics"][0]["code"], "A4P201");
    assert_eq!(report["summary"]["stale"], 1);
}

#[test]
fn the_baseline_under_the_readmes_name_is_no_payload_of_a_folder_checked() {
    let dir = project(ONE);
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "check",
            KIND,
            "--write-baseline",
            "api4p-lint-baseline.json",
            "payloads",
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    // `check .` (pre-commit's hook, a plain run) does not lint the baseline as a payload:
    // the one finding is the payload's.
    let (code, report) = json(dir.path(), &["."]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(report["summary"]["errors"], 1, "{report:#}");
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["payloads/lead.json"]);
}

/// A create-request whose legal entity names `entity` (`"name": "Acme"` or `"city": "Paris"`),
/// the rest valid: one A4P102, the entity missing the other property.
fn create_request(entity: &str) -> String {
    format!(
        r#"{{"partnerId": "P1", "leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1", "name": "n", "status": "QUALIFIED", "forecastCategory": "UPSIDE", "closeDate": "2099-06-01T18:46:51Z", "currency": "EUR"}},
 "offerLines": [{{"amount": 1, "offerNameId": "x", "revenueType": "UPFRONT"}}],
 "customerLegalEntity": {{{entity}, "country": "FRANCE"}},
 "customerContacts": [{{"email": "a@b.co", "firstName": "R", "lastName": "J"}}]}}"#
    )
}

#[test]
fn another_property_missing_at_the_same_place_is_a_new_finding() {
    // Baselined: the legal entity lacks `city`. Then `city` is added and `name` dropped: the
    // same code, pointer and span (the key), but another finding, which fails the run.
    let dir = project(&create_request(r#""name": "Acme""#));
    let baseline = ["--kind=create-request", "--write-baseline", "baseline.json"];
    let (code, _, stderr) = run(
        dir.path(),
        &[&["check"], &baseline[..], &["payloads"]].concat(),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    let args = [
        "check",
        "--kind=create-request",
        "--format=json",
        "--baseline",
        "baseline.json",
        "payloads",
    ];
    let (code, report) = run_json(dir.path(), &args);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(
        report["summary"]["baselined"], 3,
        "A4P102, A4P201 and A4P304: {report:#}"
    );

    write(
        dir.path(),
        "payloads/lead.json",
        &create_request(r#""city": "Paris""#),
    );
    let (code, report) = run_json(dir.path(), &args);
    assert_eq!(code, 1, "{report:#}");
    let findings = report["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{report:#}");
    assert_eq!(findings[0]["code"], "A4P102");
    assert_eq!(
        findings[0]["message"],
        "`customerLegalEntity` is missing the required property `name`"
    );
    assert_eq!(
        report["summary"]["stale"], 1,
        "the `city` entry: {report:#}"
    );
    // A redacted run matches the entries a plain run wrote (and the other way round): the
    // digest is of the texts as read, and of the message as worded unredacted.
    write(
        dir.path(),
        "payloads/lead.json",
        &create_request(r#""name": "Acme""#),
    );
    let (code, report) = run_json(dir.path(), &[&args[..], &["--redact"]].concat());
    assert_eq!(
        (code, &report["summary"]["baselined"]),
        (0, &Value::from(3)),
        "{report:#}"
    );
}

/// An update whose `extra` object repeats `keys` keys: A4P002 for each of the first 100, and a
/// summary for the rest, and A4P103 for `extra`.
fn duplicates(keys: usize) -> String {
    let members: Vec<String> = (0..keys)
        .map(|i| format!(r#""k{i}": 1, "k{i}": 2"#))
        .collect();
    format!(
        r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1"}}, "extra": {{{}}}}}"#,
        members.join(", ")
    )
}

#[test]
fn a_summary_whose_count_grew_is_a_new_finding() {
    // 102 duplicate keys: 100 listed and "2 more duplicate keys ... not reported one by one",
    // all baselined. The file grows to 600: the summary now says 500 more, a new finding.
    let dir = project(&duplicates(102));
    write_baseline(dir.path());
    let args = ["--baseline", "baseline.json", "payloads"];
    let (code, report) = json(dir.path(), &args);
    assert_eq!(
        (code, &report["summary"]["baselined"]),
        (0, &Value::from(102)),
        "{report:#}"
    );

    write(dir.path(), "payloads/lead.json", &duplicates(600));
    let (code, report) = json(dir.path(), &args);
    assert_eq!(code, 1, "{report:#}");
    let findings = report["files"][0]["diagnostics"].as_array().unwrap();
    let messages: Vec<&str> = findings
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        ["500 more duplicate keys from `extra.k100` on, not reported one by one"]
    );
    assert_eq!(report["summary"]["baselined"], 101, "{report:#}");
    assert_eq!(
        report["summary"]["stale"], 1,
        "the summary of 2: {report:#}"
    );
}

/// A fix refused for a baselined finding is not said: the finding is not shown, so a note
/// about its fix would be about nothing in the report (every run of a fixing hook said it).
/// A refused fix of a finding shown is still said.
#[test]
fn a_refused_fix_of_a_baselined_finding_is_not_said() {
    let negative = |id: &str| {
        format!(
            "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"{id}\"}}, \"offerLines\": [{{\"amount\": \"-5\", \"offerNameId\": \"X\", \"revenueType\": \"UPFRONT\"}}]}}\n"
        )
    };
    let dir = project(&negative("CRM-1"));
    write_baseline(dir.path());
    write(dir.path(), "payloads/new.json", &negative("CRM-2"));
    let args = [
        "check",
        KIND,
        "--format=short",
        "--baseline",
        "baseline.json",
        "--fix",
        "payloads",
    ];
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "payloads/new.json:1:86: error[A4P104]: `offerLines[0].amount` must be a number, not a string\n\
         payloads/new.json:1:86: note[A4P104]: fix not applied: it would add A4P204 at offerLines[0].amount: negative amount -5 in `offerLines[0].amount`\n\
         Fixed 0 findings (0 files)\n\
         note: 1 baselined\n"
    );
    let (_, report) = json(
        dir.path(),
        &["--baseline", "baseline.json", "--fix", "payloads"],
    );
    let files = report["files"].as_array().unwrap();
    let refused: Vec<usize> = files
        .iter()
        .map(|f| f["fixes_not_applied"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(refused, [0, 1], "{files:?}");
}

/// A fix of many baselined findings makes their entries stale at once: the formats for
/// people list ten, in the file's order of places (indices in numeric order), and count the
/// rest; JSON lists them all.
#[test]
fn many_stale_entries_are_listed_in_order_up_to_ten_then_counted() {
    let dir = project(&offers(&["upfront"; 12]));
    write_baseline(dir.path());
    let args = [
        "check",
        KIND,
        "--baseline",
        "baseline.json",
        "--fix",
        "payloads",
    ];
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!(code, 0);
    let notes: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("payloads/lead.json: note: "))
        .collect();
    let listed: Vec<String> = (0..10)
        .map(|i| {
            format!(
                "payloads/lead.json: note: stale baseline entry A4P101 at /offerLines/{i}/revenueType: \
                 fixed or changed; write the baseline again to drop it"
            )
        })
        .collect();
    assert_eq!(notes[..10], listed);
    assert_eq!(
        notes[10..],
        [
            "payloads/lead.json: note: 2 more stale baseline entries (2 findings gone): fixed or \
          changed; write the baseline again to drop them"
        ]
    );
    assert!(
        stdout.ends_with("Fixed 12 findings (1 file)\nnote: 12 stale baseline entries\n"),
        "{stdout}"
    );
    write(dir.path(), "payloads/lead.json", &offers(&["upfront"; 12]));
    let (_, report) = json(
        dir.path(),
        &["--baseline", "baseline.json", "--fix", "payloads"],
    );
    assert_eq!(
        report["files"][0]["stale"].as_array().map(Vec::len),
        Some(12)
    );
}

/// A baseline's entries of a file that no longer exists can never match again, and no run
/// checks that file to call them stale: every run reading the baseline says so.
#[test]
fn entries_of_a_file_that_no_longer_exists_are_said() {
    let dir = project(ONE);
    write(dir.path(), "payloads/old.json", ONE);
    write_baseline(dir.path());
    std::fs::remove_file(dir.path().join("payloads/old.json")).unwrap();
    let args = READ_BASELINE;
    let (code, stdout, stderr) = run(dir.path(), &args, None);
    assert_eq!((code, stdout.as_str()), (0, "note: 1 baselined\n"));
    assert_eq!(
        stderr,
        "note: the baseline names 1 file that no longer exists (payloads/old.json): write the \
         baseline again to drop its entries\n"
    );
}

/// An entry `--write-baseline` never writes (a file named with `./` or `..` inside, a code or
/// digest of another form, a count of 0, an entry twice) would match nothing and never be
/// stale: the baseline is refused, saying which entry (exit 2).
#[test]
fn an_entry_write_baseline_never_writes_is_refused() {
    let dir = project(ONE);
    let digest = "0123456789abcdef";
    let at = |pointer: &str, file: &str, code: &str, digest: &str, count: usize| {
        format!(
            "{{\"file\":\"{file}\",\"code\":\"{code}\",\"pointer\":\"{pointer}\",\"digest\":\"{digest}\",\"count\":{count}}}"
        )
    };
    let entry =
        |file: &str, code: &str, digest: &str, count: usize| at("/a", file, code, digest, count);
    let good = entry("payloads/lead.json", "A4P101", digest, 1);
    for (bad, why) in [
        (entry("./payloads/lead.json", "A4P101", digest, 1), "its file \"./payloads/lead.json\" is not a path relative to the baseline's folder, `/`-separated, without `.`"),
        (entry("payloads/../payloads/lead.json", "A4P101", digest, 1), "its file \"payloads/../payloads/lead.json\" is not a path relative to the baseline's folder, `/`-separated, without `.`"),
        (entry("/payloads/lead.json", "A4P101", digest, 1), "its file \"/payloads/lead.json\" is not a path relative to the baseline's folder, `/`-separated, without `.`"),
        (entry("payloads/lead.json", "a4p101", digest, 1), "its code \"a4p101\" is not a rule's code"),
        (entry("payloads/lead.json", "A4P101", "0123", 1), "its digest \"0123\" is not 16 lower-case hexadecimal digits"),
        (entry("payloads/lead.json", "A4P101", digest, 0), "its count is 0"),
        (entry("payloads/lead.json", "A4P101", digest, usize::MAX), "its count is over 100000000"),
        (entry("payloads/lead.json\\u0000", "A4P101", digest, 1), "its file \"payloads/lead.json\\0\" holds a NUL character"),
        (at("a/b", "payloads/lead.json", "A4P101", digest, 1), "its pointer \"a/b\" is not a JSON Pointer"),
        (at("/a~2", "payloads/lead.json", "A4P101", digest, 1), "its pointer \"/a~2\" is not a JSON Pointer"),
        (good.clone(), "its entry 2 repeats an earlier one (the same file, code, pointer and digest); write the baseline again"),
    ] {
        write(
            dir.path(),
            "baseline.json",
            &format!("{{\"version\": 1, \"entries\": [{good}, {bad}]}}"),
        );
        let args = READ_BASELINE;
        let (code, stdout, stderr) = run(dir.path(), &args, None);
        assert_eq!(code, 2, "{bad}");
        let said = format!("{stdout}{stderr}");
        let want = if why.starts_with("its entry") {
            why.to_owned()
        } else {
            format!("its entry 2 is not one `--write-baseline` writes: {why}; write the baseline again")
        };
        assert!(said.contains(&want), "{bad}: {said}");
    }
    // `..` leading back into the baseline's folder is not how a file in it is named.
    let back = format!(
        "../{}/payloads/lead.json",
        dir.path().file_name().unwrap().to_str().unwrap()
    );
    write(
        dir.path(),
        "baseline.json",
        &format!(
            "{{\"version\": 1, \"entries\": [{}]}}",
            entry(&back, "A4P101", digest, 1)
        ),
    );
    let (code, stdout, stderr) = run(dir.path(), &READ_BASELINE, None);
    assert_eq!(code, 2);
    assert!(
        format!("{stdout}{stderr}").contains(&format!(
            "its file {back:?} leads back into the baseline's folder"
        )),
        "{stdout}{stderr}"
    );
    // `..` leading out of the baseline's folder is how a file outside it is named.
    write(
        dir.path(),
        "baseline.json",
        &format!(
            "{{\"version\": 1, \"entries\": [{}]}}",
            entry("../x/lead.json", "A4P101", digest, 1)
        ),
    );
    let (code, _, _) = run(dir.path(), &READ_BASELINE, None);
    assert_eq!(code, 1);
}

/// More findings of one rule than a report keeps (a thousand): a baseline run keeps them all,
/// each known on its own, so fixing one of the first thousand does not bring one counted
/// before into the report as new, and one added among them is the one reported.
#[test]
fn past_a_reports_thousand_findings_each_is_baselined_on_its_own() {
    let amounts: Vec<String> = (0..1_002).map(|i| format!("\"{}\"", 100 + i)).collect();
    let lines = |amounts: &[String]| {
        let lines: Vec<String> = amounts
            .iter()
            .map(|a| {
                format!("{{\"amount\": {a}, \"offerNameId\": \"X\", \"revenueType\": \"UPFRONT\"}}")
            })
            .collect();
        format!(
            "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-1\"}},\n\"offerLines\": [\n{}\n]}}\n",
            lines.join(",\n")
        )
    };
    let dir = project(&lines(&amounts));
    write_baseline(dir.path());
    let args = [
        "check",
        KIND,
        "--format=short",
        "--baseline",
        "baseline.json",
        "payloads",
    ];
    // The first one fixed.
    let mut fixed = amounts.clone();
    fixed[0] = "100".to_owned();
    write(dir.path(), "payloads/lead.json", &lines(&fixed));
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.ends_with("note: 1001 baselined; 1 stale baseline entry\n"),
        "{stdout}"
    );
    // One more, at the top: it alone is reported.
    let mut added = amounts.clone();
    added.insert(0, "\"-5\"".to_owned());
    write(dir.path(), "payloads/lead.json", &lines(&added));
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "payloads/lead.json:3:12: error[A4P104]: `offerLines[0].amount` must be a number, not a string\n\
         note: 1002 baselined\n"
    );
}

/// A file whose name holds a tab or a backslash is baselined as any other, and its baseline read back; a
/// file whose name is not UTF-8 is never baselined (JSON could name it only approximately,
/// and two such files alike): the run writing the baseline says so and fails.
#[cfg(unix)]
#[test]
fn odd_file_names_are_baselined_or_said_never_to_be() {
    use std::os::unix::ffi::OsStrExt;
    let dir = project(ONE);
    write(dir.path(), "payloads/a\tb.json", ONE);
    write(dir.path(), "payloads/x\\y.json", ONE);
    write_baseline(dir.path());
    let args = READ_BASELINE;
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!((code, stdout.as_str()), (0, "note: 3 baselined\n"));
    let odd = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"payloads/c\xfe.json"));
    std::fs::write(odd, ONE).unwrap();
    let (code, _, stderr) = writing_baseline(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error: 1 finding not recorded (payloads/c\\xFE.json): "),
        "{stderr}"
    );
    let (code, stdout, _) = run(dir.path(), &args, None);
    assert_eq!(code, 1);
    assert!(stdout.ends_with("note: 3 baselined\n"), "{stdout}");
}
