//! `check --fix`, `--unsafe-fixes` and `--diff`, as other programs use them: the files'
//! bytes after fixing, the diff applied by `patch -p0` and `git apply -p0`, standard input,
//! NDJSON, files that are not rewritten (FIFO, read-only) and links, refused fixes,
//! redaction, exit codes.

mod common;

use std::path::Path;
use std::process::Command;

use common::{folder_with, read, run, run_json, write};

/// An update request with a BOM, CRLF line ends and tabs, whose status is a case-only
/// mistake (a safe fix), no final line break.
const CRLF: &str = "\u{feff}{\"leadOpportunity\": {\r\n\t\"partnerLeadOpportunityId\": \"CRM-1\",\r\n\t\"status\": \"won\",\r\n\t\"forecastCategory\": \"WON\"\r\n}}";

/// A status with a typo: an unsafe fix.
const TYPO: &str =
    "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-2\", \"status\": \"WONN\"}}\n";

/// `WON` is what was meant, but with this forecast category it would add A4P201: refused.
const REFUSED: &str = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-3\", \"status\": \"won\", \"forecastCategory\": \"UPSIDE\"}}\n";

fn line(id: &str, status: &str) -> String {
    common::lead_update(id, &format!("\"status\": \"{status}\""))
}

/// NDJSON with CRLF and LF lines, a blank line, fixable, unfixable and valid lines, and a
/// last line without a line break.
fn ndjson() -> String {
    let mut text = String::new();
    for (i, status) in [
        "WON", "won", "WON", "WON", "WON", "WONN", "WON", "WON", "WON", "WON",
    ]
    .iter()
    .enumerate()
    {
        text.push_str(&line(&format!("L{i}"), status));
        text.push_str(if i % 2 == 0 { "\r\n" } else { "\n" });
    }
    text.push_str("\r\n");
    text.push_str(&line("last", "lost"));
    text
}

fn ndjson_fixed() -> String {
    ndjson()
        .replace("\"won\"", "\"WON\"")
        .replace("\"lost\"", "\"LOST\"")
}

const KIND: [&str; 2] = ["--kind", "update-request"];

fn args<'a>(more: &[&'a str]) -> Vec<&'a str> {
    args_in("short", more)
}

/// `check` of an update request in `format`, with `more`.
fn args_in<'a>(format: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["check", KIND[0], KIND[1], "--format", format];
    all.extend_from_slice(more);
    all
}

/// `--diff` takes no `--format`: its output is the diff.
fn diff_args<'a>(more: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["check", KIND[0], KIND[1], "--diff"];
    all.extend_from_slice(more);
    all
}

/// The payload files of the diff tests, as written.
fn originals() -> Vec<(&'static str, String)> {
    vec![
        ("crlf.json", CRLF.to_owned()),
        ("typo.json", TYPO.to_owned()),
        ("refused.json", REFUSED.to_owned()),
        ("sub/lines.ndjson", ndjson()),
    ]
}

fn folder_with_originals() -> tempfile::TempDir {
    let originals = originals();
    let files: Vec<(&str, &str)> = originals.iter().map(|(n, t)| (*n, t.as_str())).collect();
    folder_with(&files)
}

#[test]
fn fix_keeps_every_byte_outside_the_fix_and_a_second_run_changes_nothing() {
    let dir = folder_with(&[("p.json", CRLF)]);
    let (code, stdout, stderr) = run(dir.path(), &args(&["--fix", "p.json"]), None);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        read(dir.path(), "p.json"),
        CRLF.replace("\"won\"", "\"WON\"")
    );
    assert_eq!(
        stdout,
        "p.json:3:12: fixed[A4P101]: invalid value \"won\" for `leadOpportunity.status` (replaced with \"WON\")\nFixed 1 finding (1 file)\n"
    );
    let mtime = std::fs::metadata(dir.path().join("p.json"))
        .unwrap()
        .modified()
        .unwrap();
    let (code, stdout, _) = run(dir.path(), &args(&["--fix", "p.json"]), None);
    assert_eq!(code, 0);
    assert_eq!(stdout, "Fixed 0 findings (0 files)\n");
    assert_eq!(
        read(dir.path(), "p.json"),
        CRLF.replace("\"won\"", "\"WON\"")
    );
    let again = std::fs::metadata(dir.path().join("p.json"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(mtime, again, "a file with nothing to fix is not rewritten");
}

#[test]
fn an_unsafe_fix_needs_unsafe_fixes_and_the_exit_code_is_what_remains() {
    let dir = folder_with(&[("p.json", TYPO)]);
    let (code, stdout, _) = run(dir.path(), &args(&["--fix", "p.json"]), None);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "p.json:1:69: error[A4P101]: invalid value \"WONN\" for `leadOpportunity.status`\nFixed 0 findings (0 files)\n\
         1 hidden fix can be enabled with the `--unsafe-fixes` option\n"
    );
    assert_eq!(read(dir.path(), "p.json"), TYPO);
    let (code, stdout, _) = run(
        dir.path(),
        &args(&["--fix", "--unsafe-fixes", "p.json"]),
        None,
    );
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(read(dir.path(), "p.json"), TYPO.replace("WONN", "WON"));
    // Alone, it is a usage error: it only says how far --fix or --diff go.
    let (code, _, stderr) = run(dir.path(), &args(&["--unsafe-fixes", "p.json"]), None);
    assert_eq!(code, 2);
    assert!(stderr.contains("<--fix|--diff>"), "{stderr}");
}

#[test]
fn a_refused_fix_is_reported_with_its_reason() {
    let dir = folder_with(&[("p.json", REFUSED)]);
    let (code, stdout, _) = run(dir.path(), &args(&["--fix", "p.json"]), None);
    assert_eq!(code, 1);
    assert_eq!(read(dir.path(), "p.json"), REFUSED);
    let refusal = "p.json:1:69: note[A4P101]: fix not applied: it would add A4P201 at leadOpportunity.forecastCategory";
    assert!(stdout.contains(refusal), "{stdout}");
    let (code, stdout, _) = run(dir.path(), &args_in("json", &["--fix", "p.json"]), None);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let refused = &json["files"][0]["fixes_not_applied"][0];
    assert_eq!(refused["code"], "A4P101");
    assert_eq!(refused["pointer"], "/leadOpportunity/status");
    assert_eq!(refused["line"], 1);
    assert!(refused["reason"]
        .as_str()
        .unwrap()
        .starts_with("it would add A4P201 at leadOpportunity.forecastCategory: "));
    assert_eq!(json["summary"]["fixed"], 0);
    // The summary's new member comes last (the contract's order). The refused fix is not
    // fixable: another `--fix` would refuse it again.
    assert!(
        stdout.ends_with(
            "\"failed_on_warnings\":false,\"fixed\":0,\"not_rewritten\":0,\"fixable\":0,\"unsafe_fixable\":0}}\n"
        ),
        "{stdout}"
    );
    // The finding is shown without the fix just refused, in every format that shows fixes:
    // following it would write what was refused.
    assert_eq!(json["files"][0]["diagnostics"][0]["code"], "A4P101");
    assert_eq!(
        json["files"][0]["diagnostics"][0]["fix"],
        serde_json::Value::Null,
        "{stdout}"
    );
    // Nor its suggestion, the same text, which an editor would apply.
    assert_eq!(
        json["files"][0]["diagnostics"][0]["suggestion"],
        serde_json::Value::Null
    );
    for (format, offer) in [("github", "fix (safe"), ("sarif", "\"fixes\"")] {
        let (code, stdout, _) = run(dir.path(), &args_in(format, &["--fix", "p.json"]), None);
        assert_eq!(code, 1);
        assert!(stdout.contains("invalid value"), "{format}");
        assert!(!stdout.contains(offer), "{format} offers the refused fix");
    }
    // Without --fix, neither is there, and the fix is offered.
    let (_, stdout, _) = run(dir.path(), &args_in("json", &["p.json"]), None);
    assert!(!stdout.contains("fixes_not_applied") && !stdout.contains("\"fixed\""));
    assert!(!stdout.contains("not_rewritten"), "{stdout}");
    assert!(
        stdout.contains("\"fix\":{\"applicability\":\"safe\""),
        "{stdout}"
    );
    let (_, stdout, _) = run(dir.path(), &args_in("github", &["p.json"]), None);
    assert!(
        stdout.contains("fix (safe, --fix): replace with"),
        "{stdout}"
    );
    let (_, stdout, _) = run(dir.path(), &args_in("sarif", &["p.json"]), None);
    assert!(stdout.contains("\"fixes\""), "sarif offers no fix");
}

#[test]
fn human_format_lists_the_fixes_and_what_more_could_be_fixed() {
    let dir = folder_with(&[("a.json", CRLF), ("b.json", TYPO)]);
    let human = |more: &[&'static str]| {
        let mut all = args_in("human", &["--color", "never"]);
        all.extend_from_slice(more);
        all.extend(["a.json", "b.json"]);
        run(dir.path(), &all, None)
    };
    // Before fixing: one safe fix and one unsafe one to be had.
    let (code, stdout, _) = human(&[]);
    assert_eq!(code, 1);
    assert!(
        stdout.ends_with(
            "[*] 1 fixable with the `--fix` option (1 hidden fix can be enabled with the \
             `--fix --unsafe-fixes` options)\n2 files checked: 2 errors, 0 warnings, 0 infos\n"
        ),
        "{stdout}"
    );
    // Fixing the safe one: it is listed, the typo remains, and --unsafe-fixes is hinted.
    let (code, stdout, _) = human(&["--fix"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("fix_human", stdout);
    // Fixing the rest: nothing more to hint.
    let (code, stdout, _) = human(&["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "b.json:1:69: fixed[A4P101]: invalid value \"WONN\" for `leadOpportunity.status` (replaced with \"WON\")\n\
         Fixed 1 finding (1 file)\n2 files checked: 0 errors, 0 warnings, 0 infos\n"
    );
}

#[test]
fn json_lists_the_fixes_applied_and_counts_what_more_could_be_fixed() {
    let dir = folder_with(&[("a.json", CRLF), ("b.json", TYPO)]);
    let json = |more: &[&'static str]| {
        let mut all = args_in("json", more);
        all.extend(["a.json", "b.json"]);
        run_json(dir.path(), &all)
    };
    let (_, before) = json(&[]);
    assert_eq!(before["summary"]["fixable"], 1);
    assert_eq!(before["summary"]["unsafe_fixable"], 1);
    let (_, after) = json(&["--fix"]);
    assert_eq!(
        after["files"][0]["fixes_applied"],
        serde_json::json!([{"code": "A4P101", "pointer": "/leadOpportunity/status", "line": 3, "column": 12}])
    );
    assert!(after["files"][1].get("fixes_applied").is_none());
    assert_eq!(after["summary"]["fixed"], 1);
    assert_eq!(after["summary"]["fixable"], 0);
    assert_eq!(after["summary"]["unsafe_fixable"], 1);
}

#[test]
fn human_format_counts_the_fixes() {
    let dir = folder_with(&[("a.json", CRLF), ("b.json", TYPO)]);
    let human = [
        "--color",
        "never",
        "--fix",
        "--unsafe-fixes",
        "a.json",
        "b.json",
    ];
    let (code, stdout, _) = run(dir.path(), &args_in("human", &human), None);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.ends_with(
            "Fixed 2 findings (2 files)\n2 files checked: 0 errors, 0 warnings, 0 infos\n"
        ),
        "{stdout}"
    );
}

/// Runs `tool` with `args` in `dir`, `patch` on its standard input; `None` when the tool is
/// not installed (.ci/run installs both).
fn apply(dir: &Path, tool: &str, args: &[&str], patch: &[u8]) -> Option<()> {
    use std::io::Write;
    let mut child = match Command::new(tool)
        .current_dir(dir)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipped: `{tool}` is not installed");
            return None;
        }
        Err(e) => panic!("{tool}: {e}"),
    };
    child.stdin.take().unwrap().write_all(patch).unwrap();
    assert!(child.wait().unwrap().success(), "{tool} {args:?} failed");
    Some(())
}

#[test]
fn the_diff_applies_with_patch_and_git_apply_and_gives_what_fix_gives() {
    let checked = folder_with_originals();
    let before: Vec<_> = originals()
        .iter()
        .map(|(name, _)| {
            std::fs::metadata(checked.path().join(name))
                .unwrap()
                .modified()
                .unwrap()
        })
        .collect();
    let (code, diff, stderr) = run(checked.path(), &diff_args(&["--unsafe-fixes", "."]), None);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("Would fix 5 findings (3 files)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("refused.json:1:69: note[A4P101]: fix not applied: it would add A4P201"),
        "{stderr}"
    );
    assert!(diff.contains("--- crlf.json\n+++ crlf.json\n"), "{diff}");
    assert!(diff.contains("\\ No newline at end of file\n"), "{diff}");
    // --diff wrote nothing.
    for ((name, text), mtime) in originals().iter().zip(&before) {
        assert_eq!(&read(checked.path(), name), text, "{name}");
        let now = std::fs::metadata(checked.path().join(name))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(&now, mtime, "{name}");
    }

    let fixed = folder_with_originals();
    let (code, _, _) = run(fixed.path(), &args(&["--fix", "--unsafe-fixes", "."]), None);
    assert_eq!(code, 1, "the refused fix remains");
    assert_eq!(
        read(fixed.path(), "sub/lines.ndjson"),
        ndjson_fixed().replace("WONN", "WON")
    );
    assert_eq!(
        read(fixed.path(), "crlf.json"),
        CRLF.replace("\"won\"", "\"WON\"")
    );

    for (tool, tool_args) in [
        ("patch", &["-p0", "--quiet"][..]),
        ("git", &["apply", "-p0"][..]),
    ] {
        let patched = folder_with_originals();
        if apply(patched.path(), tool, tool_args, diff.as_bytes()).is_none() {
            continue;
        }
        for (name, _) in originals() {
            assert_eq!(
                read(patched.path(), name),
                read(fixed.path(), name),
                "{tool}: {name}"
            );
        }
    }

    // Nothing left to fix: an empty diff, exit 0.
    let (code, diff, stderr) = run(fixed.path(), &diff_args(&["."]), None);
    assert_eq!((code, diff.as_str()), (0, ""), "{stderr}");
    assert!(
        stderr.contains("Would fix 0 findings (0 files)"),
        "{stderr}"
    );
}

#[test]
fn a_plain_check_never_writes() {
    let dir = folder_with_originals();
    let mtime = std::fs::metadata(dir.path().join("crlf.json"))
        .unwrap()
        .modified()
        .unwrap();
    let (code, _, _) = run(dir.path(), &args(&["."]), None);
    assert_eq!(code, 1);
    for (name, text) in originals() {
        assert_eq!(read(dir.path(), name), text);
    }
    let now = std::fs::metadata(dir.path().join("crlf.json"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(now, mtime);
}

#[test]
fn ndjson_is_fixed_line_by_line_keeping_line_ends_and_blank_lines() {
    let dir = folder_with(&[("l.ndjson", ndjson().as_str())]);
    let (code, stdout, _) = run(dir.path(), &args(&["--fix", "l.ndjson"]), None);
    assert_eq!(code, 1);
    assert_eq!(read(dir.path(), "l.ndjson"), ndjson_fixed());
    // What was fixed comes first, then what remains, and what --unsafe-fixes would add.
    assert_eq!(
        stdout,
        "l.ndjson:2:66: fixed[A4P101]: invalid value \"won\" for `leadOpportunity.status` (replaced with \"WON\")\n\
         l.ndjson:12:68: fixed[A4P101]: invalid value \"lost\" for `leadOpportunity.status` (replaced with \"LOST\")\n\
         l.ndjson:6:66: error[A4P101]: invalid value \"WONN\" for `leadOpportunity.status`\n\
         Fixed 2 findings (1 file)\n\
         1 hidden fix can be enabled with the `--unsafe-fixes` option\n"
    );
}

#[test]
fn fix_of_standard_input_gives_the_payload_back_on_stdout_and_the_report_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(dir.path(), &args(&["--fix", "-"]), Some(CRLF.as_bytes()));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, CRLF.replace("\"won\"", "\"WON\""));
    assert_eq!(
        stderr,
        "<stdin>:3:12: fixed[A4P101]: invalid value \"won\" for `leadOpportunity.status` (replaced with \"WON\")\nFixed 1 finding (1 file)\n"
    );
    // Unfixed, the payload comes back as it was; the report (any format) is on stderr.
    let json_fix = args_in("json", &["--fix", "-"]);
    let (code, stdout, stderr) = run(dir.path(), &json_fix, Some(TYPO.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(stdout, TYPO);
    let json: serde_json::Value = serde_json::from_str(&stderr).unwrap();
    assert_eq!(json["summary"]["errors"], 1);
    // NDJSON on standard input: fixed line by line, line ends kept.
    let (code, stdout, stderr) = run(
        dir.path(),
        &args(&["--fix", "-"]),
        Some(ndjson().as_bytes()),
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, ndjson_fixed());
    assert!(stderr.contains("<stdin>:6:66: error[A4P101]"), "{stderr}");
}

#[test]
fn fix_with_output_writes_the_report_to_the_file() {
    let dir = folder_with(&[("p.json", TYPO)]);
    let (code, stdout, stderr) = run(
        dir.path(),
        &args(&["--fix", "--output", "report.txt", "p.json"]),
        None,
    );
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(stderr.contains("the report is in report.txt"), "{stderr}");
    assert!(read(dir.path(), "report.txt").contains("p.json:1:69: error[A4P101]"));
}

/// A read-only `p.json` holding `text` (the mode bits make it read-only to `--fix` even for
/// root: it does not make a file writable).
#[cfg(unix)]
fn read_only(text: &str) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with(&[("p.json", text)]);
    let path = dir.path().join("p.json");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_rewritten_keeps_its_findings_and_fails_the_run() {
    use std::os::unix::fs::PermissionsExt;
    // A safe fix (line 3) and an unsafe one, both asked for: neither is written.
    let text = CRLF.replace(
        "\"forecastCategory\": \"WON\"",
        "\"forecastCategory\": \"WONN\"",
    );
    let dir = read_only(&text);
    let unsafe_too = args(&["--fix", "--unsafe-fixes", "p.json"]);
    let (code, stdout, _) = run(dir.path(), &unsafe_too, None);
    assert_eq!(code, 2);
    assert_eq!(
        stdout,
        "p.json:3:12: error[A4P101]: invalid value \"won\" for `leadOpportunity.status`\n\
         p.json:4:22: error[A4P101]: invalid value \"WONN\" for `leadOpportunity.forecastCategory`\n\
         p.json: error[io]: not rewritten: it is read-only; --fix does not make it writable\n\
         Fixed 0 findings (0 files); 1 file not rewritten\n"
    );
    assert_eq!(read(dir.path(), "p.json"), text);
    let mode = std::fs::metadata(dir.path().join("p.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o444);

    let human = ["--color", "never", "--fix", "--unsafe-fixes", "p.json"];
    let (code, stdout, _) = run(dir.path(), &args_in("human", &human), None);
    assert_eq!(code, 2);
    insta::assert_snapshot!("read_only_human", stdout);

    let format = |name: &'static str| {
        let all = args_in(name, &["--fix", "--unsafe-fixes", "p.json"]);
        let (code, stdout, _) = run(dir.path(), &all, None);
        assert_eq!(code, 2, "{name}");
        stdout
    };
    let json: serde_json::Value = serde_json::from_str(&format("json")).unwrap();
    let file = &json["files"][0];
    assert_eq!(
        file["not_rewritten"],
        "it is read-only; --fix does not make it writable"
    );
    assert_eq!(file["diagnostics"].as_array().unwrap().len(), 2);
    assert!(
        file.get("error").is_none() && file.get("fixes_applied").is_none(),
        "{file}"
    );
    assert_eq!(json["summary"]["fixed"], 0);
    assert_eq!(json["summary"]["not_rewritten"], 1);
    assert_eq!(json["summary"]["unreadable"], 0);
    assert_eq!(json["summary"]["errors"], 2);

    let sarif: serde_json::Value = serde_json::from_str(&format("sarif")).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
    common::assert_file_notification(
        &sarif,
        "p.json",
        "not rewritten: it is read-only; --fix does not make it writable",
    );

    let github = format("github");
    assert_eq!(github.lines().count(), 3, "{github}");
    assert!(
        github.ends_with(
            "::error file=p.json::not rewritten: it is read-only; --fix does not make it writable\n"
        ),
        "{github}"
    );

    let junit = format("junit");
    assert!(
        junit.contains(
            "<error message=\"not rewritten: it is read-only; --fix does not make it writable\" type=\"fix\">"
        ),
        "{junit}"
    );
    assert!(
        junit.contains("tests=\"1\" failures=\"1\" errors=\"1\""),
        "{junit}"
    );
}

#[cfg(unix)]
#[test]
fn a_file_not_rewritten_with_output_says_so_on_stderr() {
    let dir = read_only(CRLF);
    let (code, _, stderr) = run(
        dir.path(),
        &args(&["--fix", "--output", "report.txt", "p.json"]),
        None,
    );
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: failed: 1 file not rewritten; 1 error, 0 warnings; the report is in report.txt\n"
    );
    assert_eq!(
        read(dir.path(), "report.txt"),
        "p.json:3:12: error[A4P101]: invalid value \"won\" for `leadOpportunity.status`\n\
         p.json: error[io]: not rewritten: it is read-only; --fix does not make it writable\n\
         Fixed 0 findings (0 files); 1 file not rewritten\n"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_file_with_nothing_to_fix_is_no_failure() {
    let dir = read_only(TYPO);
    let (code, stdout, _) = run(dir.path(), &args(&["--fix", "p.json"]), None);
    assert_eq!(code, 1, "{stdout}");
    assert!(!stdout.contains("not rewritten"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn a_fixed_file_keeps_its_mode_and_a_link_is_written_through() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with(&[("target.json", CRLF)]);
    let target = dir.path().join("target.json");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("target.json", dir.path().join("link.json")).unwrap();
    let (code, _, stderr) = run(dir.path(), &args(&["--fix", "link.json"]), None);
    assert_eq!(code, 0, "{stderr}");
    let link = std::fs::symlink_metadata(dir.path().join("link.json")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert_eq!(
        read(dir.path(), "target.json"),
        CRLF.replace("\"won\"", "\"WON\"")
    );
    assert_eq!(
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("f.json");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let (code, stdout, _) = run(dir.path(), &args(&["--fix", "f.json"]), None);
    assert_eq!(code, 2);
    assert!(stdout.starts_with("f.json: error[io]: "), "{stdout}");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
}

#[test]
fn redaction_keeps_the_fixed_file_real_and_refuses_diff() {
    let dir = tempfile::tempdir().unwrap();
    let text = TYPO.replace("CRM-2", "Secret-Customer");
    write(dir.path(), "p.json", &text);
    let (code, stdout, _) = run(
        dir.path(),
        &args(&["--fix", "--unsafe-fixes", "--redact", "p.json"]),
        None,
    );
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(read(dir.path(), "p.json"), text.replace("WONN", "WON"));
    // The applied fix is said by its code and place only: no message, no replacement.
    assert_eq!(
        stdout,
        "p.json:1:79: fixed[A4P101] enum-value\nFixed 1 finding (1 file)\n"
    );
    // A refused fix's reason quotes no payload data under redaction.
    write(
        dir.path(),
        "r.json",
        &REFUSED.replace("CRM-3", "Secret-Customer"),
    );
    let (_, stdout, _) = run(dir.path(), &args(&["--fix", "--redact", "r.json"]), None);
    assert!(stdout.contains("note[A4P101]: fix not applied: it would add A4P201 at leadOpportunity.forecastCategory\n"), "{stdout}");
    assert!(
        !stdout.contains("UPSIDE") && !stdout.contains("Secret"),
        "{stdout}"
    );
    // --diff prints payload text: refused with redaction, from the command line or the
    // configuration.
    let (code, stdout, stderr) = run(dir.path(), &diff_args(&["--redact", "p.json"]), None);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("error: --diff prints the payloads' text, which redaction"),
        "{stderr}"
    );
    write(dir.path(), "api4p-lint.toml", "redact = true\n");
    let (code, _, _) = run(dir.path(), &diff_args(&["p.json"]), None);
    assert_eq!(code, 2);
}

#[test]
fn diff_never_prints_a_payload_holding_an_api_key() {
    let dir = tempfile::tempdir().unwrap();
    let key = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    let text = format!(
        "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-1\", \"status\": \"won\", \"note\": \"{key}\"}}}}"
    );
    write(dir.path(), "p.json", &text);
    let (code, stdout, stderr) = run(dir.path(), &diff_args(&["p.json"]), None);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "");
    assert!(!stderr.contains(key), "{stderr}");
    assert!(
        stderr.contains("note: p.json: its diff is not shown"),
        "{stderr}"
    );
    assert!(stderr.contains("Would fix 1 finding (1 file)"), "{stderr}");
    // Standard input too.
    let (_, stdout, stderr) = run(dir.path(), &diff_args(&["-"]), Some(text.as_bytes()));
    assert_eq!(stdout, "");
    assert!(!stderr.contains(key));
}

#[test]
fn an_ndjson_file_with_a_line_over_the_size_limit_is_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let long = line("long", &"W".repeat(300));
    let text = format!("{}\n{long}\n", line("a", "won"));
    write(dir.path(), "l.ndjson", &text);
    write(
        dir.path(),
        "api4p-lint.toml",
        "[limits]\nmax-payload-bytes = 200\n",
    );
    let (code, stdout, _) = run(dir.path(), &args(&["--fix", "l.ndjson"]), None);
    assert_eq!(code, 2, "{stdout}");
    // The lines are reported as read (nothing was written), the long one as too large.
    assert_eq!(
        stdout,
        "l.ndjson:1:65: error[A4P101]: invalid value \"won\" for `leadOpportunity.status`\n\
         l.ndjson:2:1: error[A4P005]: the payload is 371 bytes, over the limit of 200 bytes\n\
         l.ndjson: error[io]: not rewritten: line 2 is over the size limit, so the file cannot be written back\n\
         Fixed 0 findings (0 files); 1 file not rewritten\n"
    );
    assert_eq!(read(dir.path(), "l.ndjson"), text);
}

#[test]
fn diff_with_output_writes_the_diff_to_the_file() {
    let dir = folder_with(&[("p.json", CRLF)]);
    let (code, stdout, stderr) = run(
        dir.path(),
        &diff_args(&["--output", "fix.patch", "p.json"]),
        None,
    );
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert_eq!(stderr, "Would fix 1 finding (1 file)\n");
    let patch = read(dir.path(), "fix.patch");
    assert!(
        patch.starts_with("--- p.json\n+++ p.json\n@@ -1,5 +1,5 @@\n"),
        "{patch}"
    );
    assert_eq!(read(dir.path(), "p.json"), CRLF);
}

#[test]
fn diff_never_prints_an_ndjson_line_holding_an_api_key() {
    let dir = tempfile::tempdir().unwrap();
    let hash = "$2b$12$8tcF0123456789012345678901234567890123456789012";
    let key = "5839bcfa0123456789abcdef0123456789abcdef0123456789abcdef62ce1a2d";
    let keys = format!("{{\"hashed_key\":\"{hash}\",\"api_key\":\"{key}\",}}");
    // A fixable line first: its hunk would be written before the key's line is read.
    let text = format!("{}\n{keys}\n", line("a", "won"));
    write(dir.path(), "k.ndjson", &text);
    for (input, stdin) in [("k.ndjson", None), ("-", Some(text.as_bytes()))] {
        let (_, stdout, stderr) = run(dir.path(), &["check", "--diff", input], stdin);
        assert_eq!(stdout, "", "{input}");
        assert!(!stderr.contains(key) && !stderr.contains(hash), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "note: {}: its diff is not shown: the payload names or holds an API key",
                if input == "-" { "<stdin>" } else { input }
            )),
            "{stderr}"
        );
    }
    assert_eq!(read(dir.path(), "k.ndjson"), text);
}

#[test]
fn fix_of_standard_input_over_the_size_limit_gives_back_nothing_cut() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "api4p-lint.toml",
        "[limits]\nmax-payload-bytes = 100\n",
    );
    // A .json payload: nothing on stdout, exit 2.
    let big = line(&"X".repeat(300), "won");
    let (code, stdout, stderr) = run(dir.path(), &args(&["--fix", "-"]), Some(big.as_bytes()));
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert_eq!(
        stderr,
        "<stdin>:1:1: error[A4P005]: the payload is more than 100 bytes, the limit; the rest was not read\n\
         <stdin>: error[io]: not rewritten: standard input is over the size limit (100 bytes), so nothing is given back on stdout\n\
         Fixed 0 findings (0 files); 1 file not rewritten\n"
    );
    // NDJSON: the lines before the long one, whole, and nothing from it on.
    // The last line's fix is not given back: not counted.
    let b = line("b", "won");
    let text = format!("{{\"s\": 1}}\n{big}\n{{\"s\": 2}}\n{b}\n");
    let (code, stdout, stderr) = run(dir.path(), &args(&["--fix", "-"]), Some(text.as_bytes()));
    assert_eq!((code, stdout.as_str()), (2, "{\"s\": 1}\n"), "{stderr}");
    assert!(
        stderr.contains("<stdin>: error[io]: not rewritten: line 2 is over the size limit, so standard input was given back up to the line before it only"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Fixed 0 findings (0 files); 1 file not rewritten"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_ndjson_file_reports_its_lines_as_read_and_counts_no_fix() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with(&[("l.ndjson", ndjson().as_str())]);
    let path = dir.path().join("l.ndjson");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, stdout, _) = run(dir.path(), &args(&["--fix", "l.ndjson"]), None);
    assert_eq!(code, 2, "{stdout}");
    assert_eq!(
        stdout,
        "l.ndjson:2:66: error[A4P101]: invalid value \"won\" for `leadOpportunity.status`\n\
         l.ndjson:6:66: error[A4P101]: invalid value \"WONN\" for `leadOpportunity.status`\n\
         l.ndjson:12:68: error[A4P101]: invalid value \"lost\" for `leadOpportunity.status`\n\
         l.ndjson: error[io]: not rewritten: it is read-only; --fix does not make it writable\n\
         Fixed 0 findings (0 files); 1 file not rewritten\n\
         1 hidden fix can be enabled with the `--unsafe-fixes` option\n"
    );
    let (code, report) = run_json(dir.path(), &args_in("json", &["--fix", "l.ndjson"]));
    assert_eq!(code, 2);
    assert_eq!(report["summary"]["fixed"], 0, "{report}");
    assert_eq!(report["summary"]["errors"], 3, "{report}");
    assert_eq!(report["summary"]["not_rewritten"], 1, "{report}");
    assert_eq!(read(dir.path(), "l.ndjson"), ndjson());
}

#[test]
fn the_diff_of_a_file_with_lone_cr_line_ends_applies() {
    // Old Mac line ends: to patch and git apply, the file is one line.
    let text = CRLF.replace("\r\n", "\r");
    let fixed_dir = folder_with(&[("cr.json", text.as_str())]);
    let (_, _, stderr) = run(fixed_dir.path(), &args(&["--fix", "cr.json"]), None);
    let fixed = read(fixed_dir.path(), "cr.json");
    assert_eq!(fixed, text.replace("\"won\"", "\"WON\""), "{stderr}");
    let (code, diff, _) = run(fixed_dir.path(), &diff_args(&["cr.json"]), Some(b""));
    assert_eq!(code, 0);
    assert_eq!(diff, "");
    for (tool, tool_args) in [("patch", &["-p0"][..]), ("git", &["apply", "-p0"][..])] {
        let dir = folder_with(&[("cr.json", text.as_str())]);
        let (code, diff, stderr) = run(dir.path(), &diff_args(&["cr.json"]), None);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(
            diff,
            format!(
                "--- cr.json\n+++ cr.json\n@@ -1 +1 @@\n-{text}\n\\ No newline at end of file\n+{fixed}\n\\ No newline at end of file\n"
            )
        );
        if apply(dir.path(), tool, tool_args, diff.as_bytes()).is_none() {
            continue;
        }
        assert_eq!(read(dir.path(), "cr.json"), fixed, "{tool}");
    }
}

#[cfg(unix)]
#[test]
fn a_link_met_in_a_folder_walk_is_not_written_through() {
    // `repo/payloads/link.json` leads out of the tree walked: checked, never rewritten.
    let dir = folder_with(&[("outside/o.json", CRLF), ("repo/payloads/n.ndjson", "")]);
    let repo = dir.path().join("repo");
    std::fs::remove_file(repo.join("payloads/n.ndjson")).unwrap();
    std::os::unix::fs::symlink("../../outside/o.json", repo.join("payloads/link.json")).unwrap();
    write(dir.path(), "outside/l.ndjson", &line("L", "won"));
    std::os::unix::fs::symlink("../../outside/l.ndjson", repo.join("payloads/l.ndjson")).unwrap();
    let (code, stdout, _) = run(&repo, &args(&["--fix", "."]), None);
    assert_eq!(code, 2, "{stdout}");
    assert_eq!(
        stdout,
        "payloads/l.ndjson:1:65: error[A4P101]: invalid value \"won\" for `leadOpportunity.status`\n\
         payloads/l.ndjson: error[io]: not rewritten: it was reached through a symbolic link in a folder walk; name it on the command line to fix it\n\
         payloads/link.json:3:12: error[A4P101]: invalid value \"won\" for `leadOpportunity.status`\n\
         payloads/link.json: error[io]: not rewritten: it was reached through a symbolic link in a folder walk; name it on the command line to fix it\n\
         Fixed 0 findings (0 files); 2 files not rewritten\n"
    );
    assert_eq!(read(dir.path(), "outside/o.json"), CRLF);
    assert_eq!(read(dir.path(), "outside/l.ndjson"), line("L", "won"));
    // `--diff` shows what `--fix` would write: nothing for either link, and says why.
    let (code, diff, stderr) = run(&repo, &diff_args(&["."]), None);
    assert_eq!((code, diff.as_str()), (2, ""), "{stderr}");
    assert_eq!(
        stderr,
        "error: payloads/l.ndjson: --fix would not rewrite it: it was reached through a symbolic link in a folder walk; name it on the command line to fix it\n\
         error: payloads/link.json: --fix would not rewrite it: it was reached through a symbolic link in a folder walk; name it on the command line to fix it\n\
         Would fix 0 findings (0 files)\n"
    );
    // Named on the command line, the link is written through, as asked.
    let (code, _, stderr) = run(&repo, &args(&["--fix", "payloads/link.json"]), None);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        read(dir.path(), "outside/o.json"),
        CRLF.replace("\"won\"", "\"WON\"")
    );
}

#[test]
fn a_file_of_unknown_kind_gets_no_fix() {
    // Some tool's JSONC: its trailing commas are not a payload's to remove.
    let jsonc = "{\"a\": [1, 2,],\n \"b\": 1}\n";
    let dir = folder_with(&[("settings.json", jsonc)]);
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "--format=short", "--fix", "settings.json"],
        None,
    );
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "settings.json:1:12: error[A4P001]: invalid JSON: a comma before the closing bracket\n\
         settings.json:1:12: note[A4P001]: fix not applied: the payload's kind is unknown, so it was not checked as a payload (give the kind with --kind or in [kinds] to fix it)\n\
         Fixed 0 findings (0 files)\n"
    );
    assert_eq!(read(dir.path(), "settings.json"), jsonc);
    // NDJSON lines too.
    write(dir.path(), "s.ndjson", "{\"a\": [1,]}\n");
    let (code, _, _) = run(dir.path(), &["check", "--fix", "s.ndjson"], None);
    assert_eq!(code, 1);
    assert_eq!(read(dir.path(), "s.ndjson"), "{\"a\": [1,]}\n");
    // Its kind given, it is a payload: fixed.
    let (_, _, _) = run(dir.path(), &args(&["--fix", "settings.json"]), None);
    assert_eq!(
        read(dir.path(), "settings.json"),
        "{\"a\": [1, 2],\n \"b\": 1}\n"
    );
}

/// Runs `check` as the user `nobody` (with `setpriv`, when the tests run as root) in `dir`;
/// `None`, with the reason printed, when they cannot.
#[cfg(unix)]
fn run_as_nobody(dir: &Path, args: &[&str]) -> Option<(i32, String)> {
    run_with_privileges(
        &["--reuid=nobody", "--regid=nogroup", "--clear-groups"],
        dir,
        args,
    )
}

/// Runs the binary through `setpriv` with `privileges` (the tests run as root); `None` when
/// they do not, or there is no `setpriv`.
#[cfg(unix)]
fn run_with_privileges(privileges: &[&str], dir: &Path, args: &[&str]) -> Option<(i32, String)> {
    let root = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&root.stdout).trim() != "0" {
        println!("skipped: the tests do not run as root, so they cannot drop its privileges");
        return None;
    }
    let Ok(out) = Command::new("setpriv")
        .args(privileges)
        .arg("--")
        .arg(common::bin())
        .args(args)
        .current_dir(dir)
        .output()
    else {
        println!("skipped: no setpriv to run as nobody");
        return None;
    };
    Some((
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    ))
}

#[cfg(unix)]
#[test]
fn a_file_the_user_may_not_write_is_not_rewritten_nor_given_away() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // A folder anyone may write, holding root's files: 0644 (only root may write it) and
    // 0464 (its group may, its owner may not); nobody is neither.
    let dir = folder_with(&[("p.json", CRLF), ("q.json", CRLF)]);
    let mode = |name: &str, mode: u32| {
        std::fs::set_permissions(dir.path().join(name), std::fs::Permissions::from_mode(mode))
            .unwrap();
    };
    mode(".", 0o777);
    mode("p.json", 0o644);
    mode("q.json", 0o464);
    // The binary must be reachable by nobody.
    let Some((code, stdout)) = run_as_nobody(dir.path(), &args(&["--fix", "p.json", "q.json"]))
    else {
        return;
    };
    assert_eq!(code, 2, "{stdout}");
    assert_eq!(
        stdout,
        "p.json:3:12: error[A4P101]: invalid value \"won\" for `leadOpportunity.status`\n\
         p.json: error[io]: not rewritten: you may not write it; --fix does not make it writable\n\
         q.json:3:12: error[A4P101]: invalid value \"won\" for `leadOpportunity.status`\n\
         q.json: error[io]: not rewritten: you may not write it; --fix does not make it writable\n\
         Fixed 0 findings (0 files); 2 files not rewritten\n"
    );
    for name in ["p.json", "q.json"] {
        assert_eq!(read(dir.path(), name), CRLF, "{name}");
        assert_eq!(std::fs::metadata(dir.path().join(name)).unwrap().uid(), 0);
    }
    // A file nobody may write (0666) in a folder they may: its owner cannot be kept, since
    // only root may give a file away, so it is not replaced either.
    mode("p.json", 0o666);
    let Some((code, stdout)) = run_as_nobody(dir.path(), &args(&["--fix", "p.json"])) else {
        return;
    };
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stdout.contains(
            "p.json: error[io]: not rewritten: its owner and group (uid 0, gid 0) cannot be kept, \
             and --fix never gives a file to whoever runs it\n"
        ),
        "{stdout}"
    );
    // `--diff` shows nothing of it either, as `--fix` would not rewrite it.
    let Some((code, diff)) = run_as_nobody(dir.path(), &diff_args(&["p.json"])) else {
        return;
    };
    assert_eq!((code, diff.as_str()), (2, ""));
    // Nor does root without the capability to give files away (a hardened container).
    std::os::unix::fs::chown(dir.path().join("p.json"), Some(65534), Some(65534)).unwrap();
    let no_chown = ["--bounding-set", "-chown", "--inh-caps", "-chown"];
    for (all, out) in [
        (diff_args(&["p.json"]), ""),
        (
            args(&["--fix", "p.json"]),
            "not rewritten: its owner and group (uid 65534, gid 65534) cannot be kept",
        ),
    ] {
        let Some((code, stdout)) = run_with_privileges(&no_chown, dir.path(), &all) else {
            return;
        };
        assert_eq!(code, 2, "{stdout}");
        assert!(stdout.contains(out), "{stdout}");
    }
    std::os::unix::fs::chown(dir.path().join("p.json"), Some(0), Some(0)).unwrap();
    assert_eq!(read(dir.path(), "p.json"), CRLF);
    assert_eq!(
        std::fs::metadata(dir.path().join("p.json")).unwrap().uid(),
        0
    );
    // Not even the temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[cfg(unix)]
#[test]
fn the_diff_of_names_with_backslashes_tabs_spaces_and_bad_bytes_applies() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    // Named as git names them: quoted, with C escapes, ASCII only.
    let names: [(&[u8], &str); 5] = [
        (b"a\\b.json", r#""a\\b.json""#),
        (b"t\tab.json", r#""t\tab.json""#),
        (b"s p.ndjson", r#""s p.ndjson""#),
        (b"n\xfe.json", r#""n\376.json""#),
        (b"q\"uote.json", r#""q\"uote.json""#),
    ];
    let make = || {
        let dir = tempfile::tempdir().unwrap();
        for (name, _) in names {
            let text = if name.ends_with(b".ndjson") {
                TYPO
            } else {
                CRLF
            };
            std::fs::write(dir.path().join(OsStr::from_bytes(name)), text).unwrap();
        }
        dir
    };
    let checked = make();
    let (code, diff, stderr) = run(checked.path(), &diff_args(&["--unsafe-fixes", "."]), None);
    assert_eq!(code, 1, "{stderr}");
    for (_, header) in names {
        assert!(
            diff.contains(&format!("--- {header}\n+++ {header}\n")),
            "{header}: {diff}"
        );
    }
    for header in diff
        .lines()
        .filter(|l| l.starts_with("--- ") || l.starts_with("+++ "))
    {
        assert!(header.is_ascii(), "{header}");
    }
    let fixed = make();
    let (code, _, stderr) = run(fixed.path(), &args(&["--fix", "--unsafe-fixes", "."]), None);
    assert_eq!(code, 0, "{stderr}");
    for (tool, tool_args) in [
        ("patch", &["-p0", "--quiet"][..]),
        ("git", &["apply", "-p0"][..]),
    ] {
        let patched = make();
        apply(patched.path(), tool, tool_args, diff.as_bytes()).expect("installed here");
        for (name, _) in names {
            let path = |dir: &Path| std::fs::read(dir.join(OsStr::from_bytes(name))).unwrap();
            assert_eq!(
                path(patched.path()),
                path(fixed.path()),
                "{tool}: {}",
                String::from_utf8_lossy(name)
            );
            assert_ne!(path(patched.path()), path(checked.path()));
        }
    }
}

#[test]
fn an_applied_fix_is_placed_where_it_is_in_the_fixed_file() {
    // Both fixed in one round: the status shrinks by 2 bytes before the forecast category
    // on the same line, which is at column 58 once fixed (60 as read).
    let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\",\n\"status\": \"w-o-n\", \"description\": \"d\", \"forecastCategory\": \"won\"}}\n";
    let dir = folder_with(&[("p.json", text)]);
    let (code, stdout, _) = run(dir.path(), &args(&["--fix", "p.json"]), None);
    assert_eq!(code, 0, "{stdout}");
    let fixed = read(dir.path(), "p.json");
    assert_eq!(
        fixed,
        text.replace("w-o-n", "WON").replace("\"won\"", "\"WON\"")
    );
    let column = fixed.lines().nth(1).unwrap().find("\"WON\"}").unwrap() + 1;
    assert_eq!(column, 58);
    assert_eq!(
        stdout,
        "p.json:2:11: fixed[A4P101]: invalid value \"w-o-n\" for `leadOpportunity.status` (replaced with \"WON\")\n\
         p.json:2:58: fixed[A4P101]: invalid value \"won\" for `leadOpportunity.forecastCategory` (replaced with \"WON\")\n\
         Fixed 2 findings (1 file)\n"
    );
    write(dir.path(), "p.json", text);
    let (code, report) = run_json(dir.path(), &args_in("json", &["--fix", "p.json"]));
    assert_eq!(code, 0, "{report:#}");
    let places: Vec<(u64, u64)> = report["files"][0]["fixes_applied"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(places, [(2, 11), (2, 58)]);
}

#[test]
fn fixes_withheld_because_a_payload_names_an_api_key_are_said() {
    // "api key" in a description redacts the report (over-redacting never shows a key), and
    // with it the fix that writes the date: said on stderr, not a silent `Fixed 0`.
    let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\", \"description\": \"paste the api key here\", \"closeDate\": \"2031-06-01 10:00:00Z\"}}";
    let dir = folder_with(&[("ak.json", text)]);
    let note = "note: ak.json: fixes that write payload values are withheld: the payload names \
                or holds an API key, so its findings are redacted\n";
    let (code, stdout, stderr) = run(dir.path(), &args(&["--fix", "ak.json"]), None);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(
        stdout,
        "ak.json:1:113: error[A4P301]: `leadOpportunity.closeDate` is not written in the ISO 8601 form DS documents\n\
         Fixed 0 findings (0 files)\n"
    );
    assert_eq!(stderr, note);
    assert_eq!(read(dir.path(), "ak.json"), text);
    let (code, diff, stderr) = run(dir.path(), &diff_args(&["ak.json"]), None);
    assert_eq!((code, diff.as_str()), (0, ""));
    assert_eq!(stderr, format!("{note}Would fix 0 findings (0 files)\n"));
    // Without the mention, the date is fixed.
    write(dir.path(), "ak.json", &text.replace("api key", "key"));
    let (code, _, stderr) = run(dir.path(), &args(&["--fix", "ak.json"]), None);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

/// A file system of 8 KiB mounted on a new folder (as root, where `mount` may), unmounted
/// when dropped; `None`, with the reason printed, elsewhere.
#[cfg(target_os = "linux")]
struct SmallDisk(tempfile::TempDir);

#[cfg(target_os = "linux")]
impl SmallDisk {
    fn new() -> Option<Self> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=8k", "tmpfs"])
            .arg(dir.path())
            .output();
        match mounted {
            Ok(out) if out.status.success() => Some(SmallDisk(dir)),
            _ => {
                println!("skipped: cannot mount a small file system here");
                None
            }
        }
    }
}

#[cfg(target_os = "linux")]
impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_write_error_never_names_the_temporary_file() {
    let Some(disk) = SmallDisk::new() else {
        return;
    };
    let dir = disk.0.path();
    // A payload of 3 KiB, then the disk filled: its replacement cannot be written.
    let text = line("CRM-1", "won").replace(
        "\"status\"",
        &format!("\"description\": \"{}\", \"status\"", "x".repeat(3000)),
    );
    write(dir, "p.json", &text);
    write(dir, "l.ndjson", &format!("{text}\n"));
    let _ = std::fs::write(dir.join("fill"), vec![0u8; 8 << 10]);
    let (code, stdout, _) = run(dir, &args(&["--fix", "p.json", "l.ndjson"]), None);
    assert_eq!(code, 2, "{stdout}");
    assert!(!stdout.contains(".api4p-lint-"), "{stdout}");
    let why = "not rewritten: cannot rewrite it: No space left on device (os error 28)";
    assert!(
        stdout.contains(&format!("p.json: error[io]: {why}\n")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("l.ndjson: error[io]: {why}\n")),
        "{stdout}"
    );
    assert_eq!(read(dir, "p.json"), text);
}

#[test]
fn a_refused_fix_is_placed_where_its_finding_is_in_the_fixed_file() {
    // The first amount is fixed (2 bytes shorter); the second would turn negative (A4P204)
    // and is refused: its note is at its finding's place in the fixed file, column 12.
    let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\"}, \"offerLines\": [\n{\"amount\": \"5\", \"offerNameId\": \"X\", \"revenueType\": \"UPFRONT\"},\n{\"amount\": \"-5\", \"offerNameId\": \"X\", \"revenueType\": \"UPFRONT\"}]}\n";
    let dir = folder_with(&[("p.json", text)]);
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "--kind",
            "update-request",
            "--format",
            "short",
            "--fix",
            "--unsafe-fixes",
            "p.json",
        ],
        None,
    );
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(read(dir.path(), "p.json"), text.replacen("\"5\"", "5", 1));
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("p.json:2:12: fixed[A4P104]"),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l
                .starts_with("p.json:3:12: note[A4P104]: fix not applied: it would add A4P204")),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("p.json:3:12: error[A4P104]")),
        "{stdout}"
    );
}

/// The findings of an NDJSON file's lines in a JSON report: line, column and code each.
fn placed(file: &serde_json::Value) -> Vec<(u64, u64, String)> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn an_ndjson_file_that_cannot_be_written_has_its_findings_as_read_in_every_gathered_format() {
    let Some(disk) = SmallDisk::new() else {
        return;
    };
    let dir = disk.0.path();
    // Every line fixable, so what the fixes leave is nothing: the findings as read must come
    // back when the replacement cannot be written (the disk is full).
    let text = format!("{0}\n{0}\n{0}\n", line("CRM-1", "won"));
    write(dir, "u.ndjson", &text);
    let _ = std::fs::write(dir.join("fill"), vec![0u8; 8 << 10]);
    let why = "cannot rewrite it: No space left on device (os error 28)";
    let won = |line: u64| (line, 69, "A4P101".to_owned());

    let (code, report) = run_json(dir, &args_in("json", &["--fix", "u.ndjson"]));
    assert_eq!(code, 2, "{report}");
    let file = &report["files"][0];
    assert_eq!(file["not_rewritten"], why);
    assert_eq!(placed(file), vec![won(1), won(2), won(3)], "{file}");
    assert_eq!(file["diagnostics"][0]["span"]["offset"], 68);
    assert_eq!(file["diagnostics"][2]["span"]["offset"], 68 + 2 * 76);
    assert!(
        file.get("fixes_applied").is_none() && file.get("error").is_none(),
        "{file}"
    );
    let summary = &report["summary"];
    assert_eq!(
        (
            &summary["errors"],
            &summary["fixed"],
            &summary["not_rewritten"],
            &summary["fixable"]
        ),
        (&3.into(), &0.into(), &1.into(), &3.into()),
        "{summary}"
    );
    assert_eq!(read(dir, "u.ndjson"), text);

    let (code, stdout, _) = run(dir, &args_in("sarif", &["--fix", "u.ndjson"]), None);
    assert_eq!(code, 2);
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let lines: Vec<u64> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(lines, vec![1, 2, 3]);
    common::assert_file_notification(&sarif, "u.ndjson", &format!("not rewritten: {why}"));

    let (code, junit, _) = run(dir, &args_in("junit", &["--fix", "u.ndjson"]), None);
    assert_eq!(code, 2);
    assert!(
        junit.contains("tests=\"1\" failures=\"1\" errors=\"1\""),
        "{junit}"
    );
    assert!(
        junit.contains("(and 2 more errors)\" type=\"A4P101\""),
        "{junit}"
    );
    assert!(junit.contains(&format!(
        "<error message=\"not rewritten: {why}\" type=\"fix\">"
    )));
}

#[test]
fn an_ndjson_file_known_not_rewritten_only_at_its_end_has_its_findings_as_read_in_json() {
    // 200 fixable lines, then one over the size limit: the first tasks of lines were fixed
    // (the file seemed rewritable) before the long line was met.
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!("{}\n", line("a", "won")).repeat(200);
    text.push_str(&line("long", &"W".repeat(300)));
    text.push('\n');
    write(dir.path(), "l.ndjson", &text);
    write(
        dir.path(),
        "api4p-lint.toml",
        "[limits]\nmax-payload-bytes = 200\n",
    );
    let (code, report) = run_json(dir.path(), &args_in("json", &["--fix", "l.ndjson"]));
    assert_eq!(code, 2, "{report}");
    let file = &report["files"][0];
    assert_eq!(
        file["not_rewritten"],
        "line 201 is over the size limit, so the file cannot be written back"
    );
    let mut expected: Vec<_> = (1..=200).map(|l| (l, 65, "A4P101".to_owned())).collect();
    expected.push((201, 1, "A4P005".to_owned()));
    assert_eq!(placed(file), expected);
    assert!(file.get("fixes_applied").is_none(), "{file}");
    assert_eq!(report["summary"]["errors"], 201);
    assert_eq!(report["summary"]["fixed"], 0);
    assert_eq!(report["summary"]["not_rewritten"], 1);
    assert_eq!(read(dir.path(), "l.ndjson"), text);
}

/// `--diff` shows what `--fix` would write, and fails when it cannot tell: a payload that
/// was not checked (not JSON even after its fixes, not UTF-8, too large, no payload) is said
/// on stderr, a file `--fix` would not rewrite (read-only; an NDJSON file with a line over
/// the size limit) has no diff and says why; each exits 2, never 0 for "nothing to fix".
#[test]
fn diff_fails_on_what_it_cannot_check_or_fix_would_not_rewrite() {
    let comma =
        "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\", \"status\": \"won\",}}";
    let dir = folder_with(&[
        ("broken.json", "{\"leadOpportunity\": {"),
        ("arr.json", "[]"),
        ("comma.json", comma),
    ]);
    write(dir.path(), "u16.json", "");
    std::fs::write(dir.path().join("u16.json"), b"\xff\xfe{}").unwrap();
    let (code, diff, stderr) = run(
        dir.path(),
        &diff_args(&["broken.json", "u16.json", "arr.json", "comma.json"]),
        None,
    );
    assert_eq!(code, 2);
    assert!(
        diff.starts_with("--- comma.json\n+++ comma.json\n"),
        "{diff}"
    );
    assert_eq!(
        stderr,
        "error: broken.json:1:22: not checked, so --diff cannot tell all it needs: [A4P001] invalid JSON: the text ends inside an object\n\
         error: u16.json:1:1: not checked, so --diff cannot tell all it needs: [A4P003] the payload is UTF-16 (little-endian) text, not UTF-8\n\
         error: arr.json:1:1: not checked, so --diff cannot tell all it needs: [A4P004] the payload is an array, not an object: every API4Partners payload is a JSON object, update-request too\n\
         Would fix 2 findings (1 file)\n"
    );
    // Fixed, the trailing comma's file is checked: alone, it has nothing more to fix.
    let (code, _, _) = run(dir.path(), &args(&["--fix", "comma.json"]), None);
    assert_eq!(code, 0);
    let (code, diff, stderr) = run(dir.path(), &diff_args(&["comma.json"]), None);
    assert_eq!(
        (code, diff.as_str(), stderr.as_str()),
        (0, "", "Would fix 0 findings (0 files)\n")
    );

    // A read-only file: no diff, as `--fix` would not rewrite it.
    write(dir.path(), "ro.json", &line("R", "won"));
    let mut mode = std::fs::metadata(dir.path().join("ro.json"))
        .unwrap()
        .permissions();
    mode.set_readonly(true);
    std::fs::set_permissions(dir.path().join("ro.json"), mode).unwrap();
    let (code, diff, stderr) = run(dir.path(), &diff_args(&["ro.json"]), None);
    assert_eq!((code, diff.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: ro.json: --fix would not rewrite it: it is read-only; --fix does not make it writable\n\
         Would fix 0 findings (0 files)\n"
    );

    // An NDJSON file with a fixable line and one over the size limit.
    write(
        dir.path(),
        "api4p-lint.toml",
        "[limits]\nmax-payload-bytes = 250\n",
    );
    let long = format!(
        "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-1\", \"description\": \"{}\"}}}}\n",
        "x".repeat(300)
    );
    write(
        dir.path(),
        "l.ndjson",
        &format!("{}\n{long}", line("L", "won")),
    );
    let (code, diff, stderr) = run(dir.path(), &diff_args(&["l.ndjson"]), None);
    assert_eq!((code, diff.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: l.ndjson:2:1: not checked, so --diff cannot tell all it needs: [A4P005] the payload is 377 bytes, over the limit of 250 bytes\n\
         error: l.ndjson: --fix would not rewrite it: line 2 is over the size limit, so the file cannot be written back\n\
         Would fix 0 findings (0 files)\n"
    );
}

/// `--diff` of an NDJSON file says its refused fixes on stderr, line by line, as a `.json`
/// file's, beside the diff of the lines it would fix.
#[test]
fn diff_of_an_ndjson_file_says_its_refused_fixes() {
    let dir = folder_with(&[("l.ndjson", "")]);
    write(
        dir.path(),
        "l.ndjson",
        &format!("{REFUSED}{}\n", line("L", "won")),
    );
    let (code, diff, stderr) = run(dir.path(), &diff_args(&["l.ndjson"]), None);
    assert_eq!(code, 1);
    assert!(
        diff.starts_with("--- l.ndjson\n+++ l.ndjson\n@@ -1,2 +1,2 @@\n"),
        "{diff}"
    );
    assert!(
        stderr.starts_with(
            "l.ndjson:1:69: note[A4P101]: fix not applied: it would add A4P201 at leadOpportunity.forecastCategory"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("Would fix 1 finding (1 file)\n"),
        "{stderr}"
    );
}

/// A file named twice (again, through a link) is fixed once, under its first name, and has
/// one diff, naming the file itself (`patch` refuses to patch a link; a second copy would not
/// apply); a hard link is a file of its own to both (`--fix` replaces each name, which parts
/// them, and so does `patch`). The diff applies with `patch -p0` and `git apply -p0` and
/// gives what `--fix` gives; fixing never races with itself.
#[cfg(unix)]
#[test]
fn a_file_named_twice_or_through_a_link_is_fixed_once_and_has_one_diff() {
    let text = line("A", "won");
    let fixed = text.replace("\"won\"", "\"WON\"");
    let setup = || {
        let dir = folder_with(&[("data/a.json", text.as_str())]);
        std::os::unix::fs::symlink("data/a.json", dir.path().join("l.json")).unwrap();
        std::fs::hard_link(dir.path().join("data/a.json"), dir.path().join("h.json")).unwrap();
        dir
    };
    let names = ["l.json", "data/a.json", "./data/a.json", "h.json"];
    let again = "note: data/a.json: not fixed again: it is the same file as l.json\n\
                 note: data/a.json: not fixed again: it is the same file as l.json\n";
    for (tool, tool_args) in [("patch", &["-p0"][..]), ("git", &["apply", "-p0"][..])] {
        let dir = setup();
        let (code, diff, stderr) = run(dir.path(), &diff_args(&names), None);
        assert_eq!(code, 1, "{stderr}");
        assert!(
            diff.starts_with("--- data/a.json\n+++ data/a.json\n@@ -1 +1 @@\n"),
            "{diff}"
        );
        assert!(diff.contains("\n--- h.json\n+++ h.json\n"), "{diff}");
        assert_eq!(diff.matches("--- ").count(), 2, "{diff}");
        assert_eq!(stderr, format!("{again}Would fix 2 findings (2 files)\n"));
        if apply(dir.path(), tool, tool_args, diff.as_bytes()).is_none() {
            continue;
        }
        assert_eq!(read(dir.path(), "data/a.json"), fixed, "{tool}");
        assert_eq!(read(dir.path(), "h.json"), fixed, "{tool}");
        assert!(std::fs::symlink_metadata(dir.path().join("l.json"))
            .unwrap()
            .is_symlink());
    }
    // Fixed, each file once, whatever the order the tasks run in.
    for _ in 0..5 {
        let dir = setup();
        let (code, stdout, stderr) =
            run(dir.path(), &args(&[&["--fix"][..], &names].concat()), None);
        assert_eq!((code, stderr.as_str()), (0, again), "{stdout}");
        assert!(stdout.ends_with("Fixed 2 findings (2 files)\n"), "{stdout}");
        assert_eq!(read(dir.path(), "data/a.json"), fixed);
        assert_eq!(read(dir.path(), "h.json"), fixed);
    }
}

#[test]
fn exit_non_zero_on_fix_fails_a_run_that_fixed_something() {
    let dir = folder_with(&[("p.json", CRLF)]);
    let flags = ["--fix", "--exit-non-zero-on-fix", "p.json"];
    let (code, stdout, _) = run(dir.path(), &args(&flags), None);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.ends_with(
            "Fixed 1 finding (1 file)\nerror: failed: 1 finding fixed, with --exit-non-zero-on-fix\n"
        ),
        "{stdout}"
    );
    let (code, stdout, _) = run(dir.path(), &args(&flags), None);
    assert_eq!((code, stdout.as_str()), (0, "Fixed 0 findings (0 files)\n"));
    let (code, _, stderr) = run(
        dir.path(),
        &args(&["--exit-non-zero-on-fix", "p.json"]),
        None,
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("--fix"), "{stderr}");
    // With --output, the log says why the run failed.
    write(dir.path(), "p.json", CRLF);
    let (code, _, stderr) = run(
        dir.path(),
        &args(&[
            "--fix",
            "--exit-non-zero-on-fix",
            "--output",
            "r.txt",
            "p.json",
        ]),
        None,
    );
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: failed: 0 errors, 0 warnings; 1 finding fixed, with --exit-non-zero-on-fix; \
         the report is in r.txt\n"
    );
    // Every format says why the run fails, as for warnings over their limit.
    let why = "failed: 1 finding fixed, with --exit-non-zero-on-fix";
    for (format, said) in [
        ("human", format!("; {why}\n")),
        ("short", format!("error: {why}\n")),
        ("github", format!("::error title=api4p-lint::{why}\n")),
        (
            "junit",
            format!("<failure message=\"{why}\" type=\"fixes\">"),
        ),
        ("sarif", format!("\"text\":\"{why}\"")),
        ("json", "\"failed_on_fixes\":true}}".to_owned()),
    ] {
        write(dir.path(), "p.json", CRLF);
        let flags = ["--fix", "--exit-non-zero-on-fix", "p.json"];
        let (code, stdout, _) = run(dir.path(), &args_in(format, &flags), None);
        assert_eq!(code, 1, "{format}");
        assert!(stdout.contains(&said), "{format}: {stdout}");
    }
}

/// A file with hundreds of fixes applied lists the first hundred, one line each, then counts
/// the rest in one line (the human format too); JSON lists them all.
#[test]
fn a_hundred_applied_fixes_are_listed_then_counted() {
    let lines: Vec<String> = (0..150)
        .map(|i| {
            format!(
                "{{\"amount\": \"{}\", \"offerNameId\": \"X\", \"revenueType\": \"UPFRONT\"}}",
                100 + i
            )
        })
        .collect();
    let text = format!(
        "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-1\"}},\n\"offerLines\": [\n{}\n]}}\n",
        lines.join(",\n")
    );
    let dir = folder_with(&[("p.json", text.as_str())]);
    let (code, stdout, _) = run(dir.path(), &args(&["--fix", "p.json"]), None);
    assert_eq!(code, 0);
    let listed: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(": fixed[A4P104]: "))
        .collect();
    assert_eq!(listed.len(), 100);
    assert!(
        listed[99].starts_with("p.json:102:12: fixed[A4P104]: `offerLines[99].amount`"),
        "{}",
        listed[99]
    );
    assert!(
        stdout.ends_with(
            "p.json: 50 more findings fixed, not listed (JSON's `fixes_applied` lists them all)\n\
             Fixed 150 findings (1 file)\n"
        ),
        "{stdout}"
    );
    write(dir.path(), "p.json", &text);
    let (_, report) = common::run_json(dir.path(), &args_in("json", &["--fix", "p.json"]));
    assert_eq!(
        report["files"][0]["fixes_applied"].as_array().map(Vec::len),
        Some(150)
    );
}

/// A link a walk meets is never fixed; when the file it leads to is fixed in the same run it
/// is left out, whatever the order of their names (read before the fix, it failed the run;
/// after, it passed). Standard input named twice is read once.
#[cfg(unix)]
#[test]
fn a_walked_link_to_a_file_fixed_in_the_run_and_stdin_twice_are_taken_once() {
    let text = line("A", "won");
    let dir = folder_with(&[("f15.json", text.as_str())]);
    std::os::unix::fs::symlink("f15.json", dir.path().join("a.json")).unwrap();
    std::os::unix::fs::symlink("f15.json", dir.path().join("z.json")).unwrap();
    for flag in ["--fix", "--diff"] {
        write(dir.path(), "f15.json", &text);
        let all = if flag == "--fix" {
            args(&[flag, "."])
        } else {
            diff_args(&["."])
        };
        let (code, _, stderr) = run(dir.path(), &all, None);
        assert_eq!(
            code,
            if flag == "--fix" { 0 } else { 1 },
            "{flag}: {stderr}"
        );
        assert!(
            stderr.starts_with(
                "note: a.json: not fixed: it is a symbolic link to f15.json, fixed under that name\n\
                 note: z.json: not fixed: it is a symbolic link to f15.json, fixed under that name\n"
            ),
            "{flag}: {stderr}"
        );
        let want = if flag == "--fix" {
            text.replace("\"won\"", "\"WON\"")
        } else {
            text.clone()
        };
        assert_eq!(read(dir.path(), "f15.json"), want, "{flag}");
    }
    let (code, stdout, stderr) = run(
        dir.path(),
        &args(&["--fix", "-", "-"]),
        Some(text.as_bytes()),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, text.replace("\"won\"", "\"WON\""));
    assert!(
        stderr.starts_with("note: <stdin>: not fixed again: it is the same file as <stdin>\n"),
        "{stderr}"
    );
    // Checked without fixing, too: a second read would find it empty (a made-up A4P001).
    let fixed = text.replace("\"won\"", "\"WON\"");
    let (code, stdout, stderr) = run(dir.path(), &args(&["-", "-"]), Some(fixed.as_bytes()));
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert_eq!(stderr, "note: <stdin>: named again, read once\n");
}
